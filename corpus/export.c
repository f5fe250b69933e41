/* The OpenSearch/Elasticsearch bulk export: one action line and one
 * document line per stored document, for the index the mapping below
 * describes (analysis with the ICU plugin: analysis-icu). */
#include "corpus_internal.h"

#include <stdlib.h>
#include <string.h>

/* vi_folded: ICU words, ICU folding (case, diacritics, đ → d) — the
 * diacritic-insensitive key.  vi_exact: ICU words, NFKC case folding, and
 * the new tone placement mapped onto the old one (hoà → hòa) — the exact
 * key.  The text fields carry both, as field and subfield. */
static const char S_MAPPING[] =
    "{\n"
    "  \"settings\": {\n"
    "    \"analysis\": {\n"
    "      \"char_filter\": {\n"
    "        \"vi_tone_old\": {\n"
    "          \"type\": \"mapping\",\n"
    "          \"mappings\": [\"oà=>òa\", \"oá=>óa\", \"oả=>ỏa\", \"oã=>õa\", \"oạ=>ọa\",\n"
    "                       \"oè=>òe\", \"oé=>óe\", \"oẻ=>ỏe\", \"oẽ=>õe\", \"oẹ=>ọe\",\n"
    "                       \"uỳ=>ùy\", \"uý=>úy\", \"uỷ=>ủy\", \"uỹ=>ũy\", \"uỵ=>ụy\",\n"
    "                       \"OÀ=>ÒA\", \"OÁ=>ÓA\", \"OẢ=>ỎA\", \"OÃ=>ÕA\", \"OẠ=>ỌA\",\n"
    "                       \"OÈ=>ÒE\", \"OÉ=>ÓE\", \"OẺ=>ỎE\", \"OẼ=>ÕE\", \"OẸ=>ỌE\",\n"
    "                       \"UỲ=>ÙY\", \"UÝ=>ÚY\", \"UỶ=>ỦY\", \"UỸ=>ŨY\", \"UỴ=>ỤY\"]\n"
    "        }\n"
    "      },\n"
    "      \"analyzer\": {\n"
    "        \"vi_folded\": {\"type\": \"custom\", \"tokenizer\": \"icu_tokenizer\",\n"
    "                      \"filter\": [\"icu_folding\"]},\n"
    "        \"vi_exact\": {\"type\": \"custom\", \"char_filter\": [\"vi_tone_old\"],\n"
    "                     \"tokenizer\": \"icu_tokenizer\", \"filter\": [\"icu_normalizer\"]}\n"
    "      }\n"
    "    }\n"
    "  },\n"
    "  \"mappings\": {\n"
    "    \"properties\": {\n"
    "      \"path\": {\"type\": \"keyword\"},\n"
    "      \"sha256\": {\"type\": \"keyword\"},\n"
    "      \"format\": {\"type\": \"keyword\"},\n"
    "      \"type\": {\"type\": \"text\", \"analyzer\": \"vi_folded\",\n"
    "               \"fields\": {\"raw\": {\"type\": \"keyword\"}}},\n"
    "      \"type_code\": {\"type\": \"keyword\"},\n"
    "      \"number\": {\"type\": \"keyword\"},\n"
    "      \"code_key\": {\"type\": \"keyword\"},\n"
    "      \"authority\": {\"type\": \"text\", \"analyzer\": \"vi_folded\",\n"
    "                    \"fields\": {\"raw\": {\"type\": \"keyword\"}}},\n"
    "      \"place\": {\"type\": \"keyword\"},\n"
    "      \"date\": {\"type\": \"date\", \"format\": \"strict_date||yyyy-MM||yyyy\"},\n"
    "      \"year\": {\"type\": \"integer\"},\n"
    "      \"title\": {\"type\": \"text\", \"analyzer\": \"vi_folded\",\n"
    "                \"fields\": {\"exact\": {\"type\": \"text\", \"analyzer\": \"vi_exact\"}}},\n"
    "      \"text\": {\"type\": \"text\", \"analyzer\": \"vi_folded\",\n"
    "               \"fields\": {\"exact\": {\"type\": \"text\", \"analyzer\": \"vi_exact\"}}},\n"
    "      \"originals\": {\"type\": \"text\", \"analyzer\": \"vi_folded\"},\n"
    "      \"sections\": {\"type\": \"text\", \"analyzer\": \"vi_folded\"},\n"
    "      \"citations\": {\n"
    "        \"properties\": {\n"
    "          \"code\": {\"type\": \"keyword\"}, \"code_key\": {\"type\": \"keyword\"},\n"
    "          \"type\": {\"type\": \"keyword\"}, \"date\": {\"type\": \"keyword\"}\n"
    "        }\n"
    "      },\n"
    "      \"amounts\": {\n"
    "        \"properties\": {\n"
    "          \"kind\": {\"type\": \"keyword\"}, \"value\": {\"type\": \"double\"},\n"
    "          \"unit\": {\"type\": \"keyword\"}, \"text\": {\"type\": \"keyword\"}\n"
    "        }\n"
    "      },\n"
    "      \"tasks\": {\n"
    "        \"type\": \"nested\",\n"
    "        \"properties\": {\n"
    "          \"num\": {\"type\": \"keyword\"}, \"section\": {\"type\": \"keyword\"},\n"
    "          \"name\": {\"type\": \"text\", \"analyzer\": \"vi_folded\"},\n"
    "          \"lead\": {\"type\": \"text\", \"analyzer\": \"vi_folded\",\n"
    "                   \"fields\": {\"raw\": {\"type\": \"keyword\"}}},\n"
    "          \"partners\": {\"type\": \"text\", \"analyzer\": \"vi_folded\"},\n"
    "          \"output\": {\"type\": \"text\", \"analyzer\": \"vi_folded\"},\n"
    "          \"deadline\": {\"type\": \"text\", \"analyzer\": \"vi_folded\"},\n"
    "          \"deadline_kind\": {\"type\": \"keyword\"},\n"
    "          \"due\": {\"type\": \"date\", \"format\": \"strict_date||yyyy-MM||yyyy\"},\n"
    "          \"due_year\": {\"type\": \"integer\"}, \"from_year\": {\"type\": \"integer\"}\n"
    "        }\n"
    "      }\n"
    "    }\n"
    "  }\n"
    "}\n";

const char *vb_corpus_opensearch_mapping(void) { return S_MAPPING; }

static void S_field(vb_buf *b, const char *name, sqlite3_stmt *st, int col) {
    vb_buf_putc(b, ',');
    vb_json_string(b, name);
    vb_buf_putc(b, ':');
    if (sqlite3_column_type(st, col) == SQLITE_NULL) vb_buf_puts(b, "null");
    else if (sqlite3_column_type(st, col) == SQLITE_INTEGER)
        vb_buf_printf(b, "%lld", (long long)sqlite3_column_int64(st, col));
    else vb_json_string(b, (const char *)sqlite3_column_text(st, col));
}

/* The rows of one statement (bound to the document) as a JSON array of
 * strings, or of objects when there are several columns. */
static int S_array(vb_buf *b, const char *name, sqlite3_stmt *st, int64_t doc,
                   const char *const *cols, int ncols) {
    vb_buf_putc(b, ',');
    vb_json_string(b, name);
    vb_buf_puts(b, ":[");
    sqlite3_bind_int64(st, 1, doc);
    bool first = true;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (!first) vb_buf_putc(b, ',');
        first = false;
        if (ncols == 1) {
            vb_json_string(b, (const char *)sqlite3_column_text(st, 0));
            continue;
        }
        vb_buf_putc(b, '{');
        for (int i = 0; i < ncols; i++) {
            if (i) vb_buf_putc(b, ',');
            vb_json_string(b, cols[i]);
            vb_buf_putc(b, ':');
            int t = sqlite3_column_type(st, i);
            if (t == SQLITE_NULL) vb_buf_puts(b, "null");
            else if (t == SQLITE_FLOAT || t == SQLITE_INTEGER)
                vb_buf_printf(b, "%.17g", sqlite3_column_double(st, i));
            else vb_json_string(b, (const char *)sqlite3_column_text(st, i));
        }
        vb_buf_putc(b, '}');
    }
    if (rc != SQLITE_DONE) return rc; /* the caller reads the error, then resets */
    sqlite3_reset(st);
    vb_buf_putc(b, ']');
    return rc;
}

int vb_corpus_export_opensearch(vb_corpus *c, const char *index_name, FILE *out, vb_diags *diags) {
    static const char *const sql[] = {
        "SELECT id, sha256, path, format, type, type_code, number, code_key, authority, place,"
        " date, year, title FROM documents WHERE status = 'ok' ORDER BY id",
        "SELECT text FROM paragraphs WHERE doc_id = ?1 ORDER BY ord",
        "SELECT originals FROM paragraphs WHERE doc_id = ?1 AND originals <> '' ORDER BY ord",
        "SELECT path || ' ' || coalesce(heading, '') FROM sections WHERE doc_id = ?1 ORDER BY ord",
        "SELECT code, code_key, type, iso FROM citations WHERE doc_id = ?1",
        "SELECT kind, value, unit, text FROM data_values WHERE doc_id = ?1 AND value IS NOT NULL"
        " AND kind IN ('amount', 'percent')",
        "SELECT t.num, s.path, t.name, t.lead, t.partners, t.output, t.deadline, t.deadline_kind,"
        " t.due, t.due_year, t.from_year FROM tasks t LEFT JOIN sections s ON s.id = t.section_id"
        " WHERE t.doc_id = ?1 ORDER BY t.ord",
    };
    enum { N = sizeof sql / sizeof sql[0] };
    sqlite3_stmt *st[N] = {0};
    int status = VB_OK;
    for (int i = 0; i < N && status == VB_OK; i++)
        if (sqlite3_prepare_v2(c->db, sql[i], -1, &st[i], NULL) != SQLITE_OK)
            status = vb_corpus_fail(c, "read it for export", diags);
    static const char *const cite_cols[] = {"code", "code_key", "type", "date"};
    static const char *const amount_cols[] = {"kind", "value", "unit", "text"};
    static const char *const task_cols[] = {"num", "section", "name", "lead", "partners", "output",
                                            "deadline", "deadline_kind", "due", "due_year", "from_year"};
    static const char *const names[] = {"sha256", "path", "format", "type", "type_code", "number",
                                        "code_key", "authority", "place", "date", "year", "title"};
    vb_buf b = {0};
    int rc = SQLITE_DONE;
    while (status == VB_OK && (rc = sqlite3_step(st[0])) == SQLITE_ROW) {
        int64_t doc = sqlite3_column_int64(st[0], 0);
        vb_buf_clear(&b);
        vb_buf_puts(&b, "{\"index\":{\"_index\":");
        vb_json_string(&b, index_name);
        vb_buf_puts(&b, ",\"_id\":");
        vb_json_string(&b, (const char *)sqlite3_column_text(st[0], 1));
        vb_buf_puts(&b, "}}\n{\"id\":");
        vb_buf_printf(&b, "%lld", (long long)doc);
        for (int i = 0; i < 12; i++) S_field(&b, names[i], st[0], i + 1);
        /* the body as one text field, paragraphs separated by new lines */
        vb_buf_puts(&b, ",\"text\":");
        vb_buf text = {0};
        sqlite3_bind_int64(st[1], 1, doc);
        /* every loop must end on SQLITE_DONE: a read error (a damaged page)
         * fails the export instead of cutting a document short */
        int drc;
        while ((drc = sqlite3_step(st[1])) == SQLITE_ROW) {
            if (text.len) vb_buf_putc(&text, '\n');
            vb_buf_puts(&text, (const char *)sqlite3_column_text(st[1], 0));
        }
        if (drc == SQLITE_DONE) sqlite3_reset(st[1]);
        vb_json_string(&b, text.data ? text.data : "");
        vb_buf_free(&text);
        if (drc == SQLITE_DONE) drc = S_array(&b, "originals", st[2], doc, NULL, 1);
        if (drc == SQLITE_DONE) drc = S_array(&b, "sections", st[3], doc, NULL, 1);
        if (drc == SQLITE_DONE) drc = S_array(&b, "citations", st[4], doc, cite_cols, 4);
        if (drc == SQLITE_DONE) drc = S_array(&b, "amounts", st[5], doc, amount_cols, 4);
        if (drc == SQLITE_DONE) drc = S_array(&b, "tasks", st[6], doc, task_cols, 11);
        if (drc != SQLITE_DONE) {
            char doing[600];
            snprintf(doing, sizeof doing, "read %s for export",
                     (const char *)sqlite3_column_text(st[0], 2));
            status = vb_corpus_fail(c, doing, diags);
            break;
        }
        vb_buf_puts(&b, "}\n");
        if (fwrite(b.data, 1, b.len, out) != b.len) {
            vb_diag_error(diags, VB_ERR_IO, NULL, 0, 0, "io", "cannot write the export");
            status = VB_ERR_IO;
        }
    }
    if (status == VB_OK && rc != SQLITE_DONE) status = vb_corpus_fail(c, "read it for export", diags);
    vb_buf_free(&b);
    for (int i = 0; i < N; i++) sqlite3_finalize(st[i]);
    return status;
}

/* ---- the TT 05/2025 record of a file ---- */

/* DD/MM/YYYY as YYYYMMDD, 0 when not a date. */
static long S_date_key(const char *d) {
    if (!d || strlen(d) != 10 || d[2] != '/' || d[5] != '/') return 0;
    return atol(d + 6) * 10000 + atol(d + 3) * 100 + atol(d);
}

/* What the documents say about one field of the file: all the same (the
 * value), or not (NULL from then on). */
typedef struct {
    char *value;
    bool differs, missing;
} S_agree;

static void S_agree_add(S_agree *a, const char *v) {
    if (!v) {
        a->missing = true;
        return;
    }
    if (!a->value && !a->differs) {
        a->value = strdup(v);
        if (!a->value) abort();
    } else if (a->value && strcmp(a->value, v) != 0) {
        a->differs = true;
    }
}

int vb_corpus_export_ead(vb_corpus *c, const vb_ead_file_given *given, FILE *out, vb_diags *diags) {
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(c->db,
                           "SELECT e.docId, e.docCode, e.maintenance, e.typeName, e.codeNumber,"
                           " e.codeNotation, e.issuedDate, e.organName, e.subject, e.language,"
                           " e.numberOfPage, e.inforSign, e.keyword, e.mode, e.confidenceLevel,"
                           " e.autograph, e.format, e.riskRecovery, e.riskRecoveryStatus,"
                           " e.process, e.description FROM ead_records e"
                           " JOIN documents d ON d.id = e.doc_id WHERE d.status = 'ok'"
                           " ORDER BY d.path",
                           -1, &st, NULL) != SQLITE_OK)
        return vb_corpus_fail(c, "read it for export", diags);
    vb_buf docs = {0};
    long first = 0, last = 0, pages = 0, total = 0;
    char first_s[11] = "", last_s[11] = "";
    bool pages_known = true;
    S_agree lang = {0}, conf = {0};
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *values[VB_EAD_NFIELDS];
        for (int i = 0; i < VB_EAD_NFIELDS; i++) values[i] = (const char *)sqlite3_column_text(st, i);
        total++;
        long k = S_date_key(values[VB_EAD_ISSUED_DATE]);
        if (k && (!first || k < first)) first = k, snprintf(first_s, sizeof first_s, "%s", values[VB_EAD_ISSUED_DATE]);
        if (k && (!last || k > last)) last = k, snprintf(last_s, sizeof last_s, "%s", values[VB_EAD_ISSUED_DATE]);
        if (values[VB_EAD_NUMBER_OF_PAGE] && pages < 1000000000L)
            pages += atol(values[VB_EAD_NUMBER_OF_PAGE]);
        else pages_known = false;
        S_agree_add(&lang, values[VB_EAD_LANGUAGE]);
        S_agree_add(&conf, values[VB_EAD_CONFIDENCE_LEVEL]);
        vb_buf_puts(&docs, "  <EAD_doc>\n");
        vb_ead_write_fields(&docs, false, values, 4);
        vb_buf_puts(&docs, "  </EAD_doc>\n");
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        vb_buf_free(&docs);
        free(lang.value);
        free(conf.value);
        return vb_corpus_fail(c, "read it for export", diags);
    }
    char total_s[24], pages_s[24];
    snprintf(total_s, sizeof total_s, "%ld", total);
    snprintf(pages_s, sizeof pages_s, "%ld", pages);
    const char *f[VB_EAD_FILE_NFIELDS] = {0};
    f[VB_EAD_FILE_TOTAL_DOC] = total_s;
    if (first) f[VB_EAD_FILE_START_DATE] = first_s;
    if (last) f[VB_EAD_FILE_END_DATE] = last_s;
    if (total && pages_known) f[VB_EAD_FILE_NUMBER_OF_PAGE] = pages_s;
    if (lang.value && !lang.differs && !lang.missing) f[VB_EAD_FILE_LANGUAGE] = lang.value;
    if (conf.value && !conf.missing)
        f[VB_EAD_FILE_CONFIDENCE_LEVEL] = !conf.differs ? conf.value : "03";
    if (given)
        for (int i = 0; i < VB_EAD_FILE_NFIELDS; i++)
            if (given->values[i]) f[i] = given->values[i];
    vb_buf b = {0};
    vb_buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<EAD>\n");
    vb_ead_write_fields(&b, true, f, 2);
    if (docs.len) vb_buf_append(&b, docs.data, docs.len);
    vb_buf_puts(&b, "</EAD>\n");
    int status = VB_OK;
    if (fwrite(b.data, 1, b.len, out) != b.len)
        status = vb_diag_error(diags, VB_ERR_IO, NULL, 0, 0, "io", "cannot write the export");
    vb_buf_free(&b);
    vb_buf_free(&docs);
    free(lang.value);
    free(conf.value);
    return status;
}
