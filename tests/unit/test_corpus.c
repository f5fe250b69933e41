/* Unit tests of the corpus stage: the keys of the full-text tokenizer
 * (exact and folded, both tone placements, query mode), citation keys, the
 * query expression, and a small database indexed from XML and text files
 * (OCR originals findable, exact against folded queries, filters, failed
 * inputs recorded, re-indexing without duplicates). */
#include "../../corpus/corpus.h"
#include "../support/vb_test.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void S_keys(const char *word, char *exact, char *folded, bool *marked) {
    vb_buf e = {0}, f = {0};
    *marked = vb_corpus_word_keys(word, strlen(word), &e, &f);
    snprintf(exact, 64, "%s", e.data ? e.data : "");
    snprintf(folded, 64, "%s", f.data ? f.data : "");
    vb_buf_free(&e);
    vb_buf_free(&f);
}

static void S_collect(void *ctx, const char *key, size_t len, bool colocated, size_t start,
                      size_t end) {
    vb_buf *out = ctx;
    if (out->len) vb_buf_putc(out, colocated ? '=' : ' ');
    vb_buf_append(out, key, len);
}

static char *S_tokens(const char *text, bool query) {
    vb_buf out = {0};
    vb_corpus_tokenize(text, strlen(text), query, S_collect, &out);
    return out.data ? out.data : strdup("");
}

static void S_tokenizer(void) {
    char exact[64], folded[64];
    bool marked;
    S_keys("Quyết", exact, folded, &marked);
    VB_CHECK_STR("keys/exact-case-folded", exact, "quyết");
    VB_CHECK_STR("keys/folded", folded, "quyet");
    VB_CHECK("keys/marked", marked);
    S_keys("ĐỊNH", exact, folded, &marked);
    VB_CHECK_STR("keys/d-stroke-exact", exact, "định");
    VB_CHECK_STR("keys/d-stroke-folded", folded, "dinh");
    S_keys("UBND", exact, folded, &marked);
    VB_CHECK_STR("keys/ascii", folded, "ubnd");
    VB_CHECK("keys/ascii-unmarked", !marked);
    /* both tone placements give one exact key */
    char a[64], b[64];
    S_keys("hoà", a, folded, &marked);
    S_keys("hòa", b, folded, &marked);
    VB_CHECK_STR("keys/tone-placement-oa", a, b);
    S_keys("Thuỷ", a, folded, &marked);
    S_keys("thủy", b, folded, &marked);
    VB_CHECK_STR("keys/tone-placement-uy", a, b);
    S_keys("khoẻ", a, folded, &marked);
    S_keys("KHỎE", b, folded, &marked);
    VB_CHECK_STR("keys/tone-placement-oe-upper", a, b);
    S_keys("hóa", a, folded, &marked);
    VB_CHECK("keys/other-tone-differs", strcmp(a, b) != 0);
    /* decomposed input (NFD) meets composed */
    S_keys("Vie\xcc\xa3\xcc\x82t", a, folded, &marked);
    VB_CHECK_STR("keys/nfd-input", a, "việt");

    char *t = S_tokens("Quyết định số 4668/QĐ-UBND", false);
    VB_CHECK_STR("tokens/document", t, "quyet=quyết dinh=định so=số 4668 qd=qđ ubnd");
    free(t);
    t = S_tokens("Quyết dinh", true);
    VB_CHECK_STR("tokens/query-exact-or-folded", t, "quyết dinh");
    free(t);
    t = S_tokens("10.000 đồng, (2021-2030)", false);
    VB_CHECK_STR("tokens/numbers", t, "10.000 dong=đồng 2021 2030");
    free(t);

    vb_buf key = {0};
    vb_corpus_code_key("4668/QĐ-UBND", &key);
    VB_CHECK_STR("code-key/folded-upper", key.data, "4668/QD-UBND");
    vb_buf_clear(&key);
    vb_corpus_code_key("4668/qd-ubnd", &key);
    VB_CHECK_STR("code-key/case", key.data, "4668/QD-UBND");
    vb_buf_free(&key);

    vb_buf e = {0};
    vb_search_fts_expression("quyet dinh \"Sở Y tế\" hoa* 4668/QĐ-UBND OR", &e);
    VB_CHECK_STR("expression", e.data, "\"quyet\" \"dinh\" \"Sở Y tế\" \"hoa\"* \"4668/QĐ-UBND\"");
    vb_buf_clear(&e);
    vb_search_fts_expression("AND ( -", &e);
    VB_CHECK_STR("expression/nothing", e.data, "");
    vb_buf_free(&e);
}

static const char S_XML[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<document source=\"a.xml\" format=\"text\" encoding=\"utf-8\">\n"
    " <meta>\n"
    "  <authority line=\"1\">UBND TỈNH BẮC GIANG\nSỞ Y TẾ</authority>\n"
    "  <number line=\"2\" code=\"KH-SYT\" value=\"12\">12/KH-SYT</number>\n"
    "  <date line=\"3\" iso=\"2024-03-01\">ngày 01 tháng 3 năm 2024</date>\n"
    "  <type line=\"4\">KẾ HOẠCH</type>\n"
    "  <title line=\"5\">Phòng chống dịch bệnh năm 2024</title>\n"
    "  <task-list><task deadline=\"2026-12-31\">Sở Y tế chủ trì</task></task-list>\n"
    " </meta>\n"
    " <body>\n"
    "  <section kind=\"roman\" num=\"I\" label=\"I.\" level=\"1\" line=\"7\">\n"
    "   <heading line=\"7\">MỤC TIÊU</heading>\n"
    "   <p line=\"8\">Thực hiện <data kind=\"reference\" type=\"Quyết định\" code=\"4668/QĐ-UBND\""
    " number=\"4668\" iso=\"2023-11-02\">Quyết định số 4668/QĐ-UBND</data>; giao Cảng "
    "<repair kind=\"diacritics\" original=\"Héi\" confidence=\"0.9\">Hải</repair> Phòng hoà nhập"
    " với <data kind=\"amount\" value=\"1500000\" unit=\"đồng\">1.500.000 đồng</data>.</p>\n"
    "   <table rows=\"2\" cols=\"2\" line=\"9\"><row kind=\"header\"><cell>Đơn vị</cell><cell>Kinh"
    " phí</cell></row><row><cell>Bệnh viện Đa khoa</cell><cell><data kind=\"amount\" value=\"200\">"
    "200</data></cell></row></table>\n"
    "   <tasks count=\"2\" line=\"10\"><task num=\"I.1\" line=\"11\"><name>Xây dựng đề án y tế"
    " cơ sở</name><lead><data kind=\"agency\">Sở Y tế</data></lead><partners><data"
    " kind=\"agency\">Sở Tài chính</data>, <data kind=\"agency\">các địa phương</data></partners>"
    "<output>Đề án</output><deadline deadline=\"quarter\" by=\"2026-06-30\">Quý II/2026</deadline>"
    "</task><task num=\"I.2\" line=\"12\"><name>Truyền thông</name><lead><data kind=\"agency\">"
    "Sở Tài chính</data></lead><deadline deadline=\"ongoing\">Thường xuyên</deadline></task></tasks>\n"
    "  </section>\n"
    " </body>\n"
    "</document>\n";

static const char S_TEXT[] =
    "ỦY BAN NHÂN DÂN\n"
    "TỈNH HÒA BÌNH\n"
    "Số: 4668/QĐ-UBND\n"
    "\n"
    "QUYẾT ĐỊNH\n"
    "Về việc phê duyệt quy hoạch thủy lợi\n"
    "\n"
    "Điều 1. Phê duyệt quy hoạch thủy lợi tỉnh Hòa Bình.\n";

static void S_write(const char *path, const char *data, size_t len) {
    FILE *f = fopen(path, "wb");
    if (!f) return;
    fwrite(data, 1, len, f);
    fclose(f);
}

static size_t S_count(vb_corpus *c, const char *sql) {
    sqlite3_stmt *st = NULL;
    size_t n = (size_t)-1;
    if (sqlite3_prepare_v2(vb_corpus_handle(c), sql, -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        n = (size_t)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

/* The paths of the hits of a query, separated by blanks (file names only). */
static char *S_search(vb_corpus *c, const vb_search_query *q) {
    vb_search_result r;
    vb_diags diags;
    vb_diags_init(&diags, NULL, NULL);
    vb_buf out = {0};
    vb_buf_puts(&out, "");
    if (vb_corpus_search(c, q, &r, &diags) != VB_OK) {
        vb_buf_puts(&out, "error: ");
        vb_diag_message(&diags, vb_diags_first_error(&diags), &out);
        vb_diags_free(&diags);
        return out.data;
    }
    for (size_t i = 0; i < r.nhits; i++) {
        const char *slash = strrchr(r.hits[i].path, '/');
        vb_buf_printf(&out, "%s%s", out.len ? " " : "", slash ? slash + 1 : r.hits[i].path);
    }
    vb_search_result_free(&r);
    return out.data;
}

static void S_database(void) {
    char dir[] = "/tmp/vb_corpus_test_XXXXXX";
    if (!mkdtemp(dir)) {
        VB_CHECK("db/tempdir", false);
        return;
    }
    char db[256], xml[256], txt[256], bad[256];
    snprintf(db, sizeof db, "%s/c.db", dir);
    snprintf(xml, sizeof xml, "%s/a.xml", dir);
    snprintf(txt, sizeof txt, "%s/b.txt", dir);
    snprintf(bad, sizeof bad, "%s/c.docx", dir);
    S_write(xml, S_XML, sizeof S_XML - 1);
    S_write(txt, S_TEXT, sizeof S_TEXT - 1);
    static const char not_zip[] = "PK\x03\x04 not really a zip";
    S_write(bad, not_zip, sizeof not_zip - 1);

    vb_diags diags;
    vb_diags_init(&diags, NULL, NULL);
    vb_corpus *c = NULL;
    VB_CHECK_INT("db/open-create", vb_corpus_open(db, VB_CORPUS_WRITE, 0, &c, &diags), VB_OK);
    if (!c) return;
    vb_index_options opts;
    vb_index_options_default(&opts);
    opts.pipeline.normalize.diacritics = VB_DIACRITICS_OFF;
    opts.jobs = 2;
    vb_index_stats stats;
    char *inputs[] = {dir};
    VB_CHECK_INT("index/status", vb_corpus_index(c, inputs, 1, &opts, &stats, &diags), VB_OK);
    VB_CHECK_INT("index/inputs", stats.inputs, 3);
    VB_CHECK_INT("index/indexed", stats.indexed, 2);
    VB_CHECK_INT("index/failed", stats.failed, 1);
    VB_CHECK_INT("index/failed-recorded",
                 S_count(c, "SELECT count(*) FROM documents WHERE status = 'failed'"
                            " AND path LIKE '%c.docx' AND error <> ''"), 1);
    VB_CHECK_INT("index/citation", S_count(c, "SELECT count(*) FROM citations WHERE code_key = '4668/QD-UBND'"), 1);
    VB_CHECK_INT("index/repair", S_count(c, "SELECT count(*) FROM repairs WHERE original = 'Héi' AND text = 'Hải'"), 1);
    VB_CHECK_INT("index/amount", S_count(c, "SELECT count(*) FROM data_values WHERE kind = 'amount' AND value = 1500000"), 1);
    VB_CHECK_INT("index/cells", S_count(c, "SELECT count(*) FROM cells WHERE value = 200 AND row = 1 AND col = 1"), 1);
    VB_CHECK_INT("index/section-path", S_count(c, "SELECT count(*) FROM paragraphs p JOIN sections s"
                                                  " ON s.id = p.section_id WHERE s.path = 'I.' AND p.kind = 'p'"), 1);
    VB_CHECK_INT("index/meta-record", S_count(c, "SELECT count(*) FROM records WHERE element = 'task-list'"), 1);
    VB_CHECK_INT("index/authority-levels",
                 S_count(c, "SELECT count(*) FROM documents WHERE authority = 'UBND TỈNH BẮC GIANG / SỞ Y TẾ'"), 1);
    VB_CHECK_INT("index/year", S_count(c, "SELECT year FROM documents WHERE path LIKE '%a.xml'"), 2024);

    VB_CHECK_INT("index/tasks", S_count(c, "SELECT count(*) FROM tasks"), 2);
    VB_CHECK_INT("index/task-fields",
                 S_count(c, "SELECT count(*) FROM tasks t JOIN sections s ON s.id = t.section_id"
                            " WHERE t.num = 'I.1' AND t.lead = 'Sở Y tế' AND t.due_year = 2026"
                            " AND t.deadline_kind = 'quarter' AND t.output = 'Đề án'"
                            " AND t.partners = 'Sở Tài chính, các địa phương' AND s.path = 'I.'"
                            " AND t.lead_key = 'so y te'"), 1);
    VB_CHECK_INT("index/task-ongoing-no-year",
                 S_count(c, "SELECT count(*) FROM tasks WHERE num = 'I.2' AND due_year IS NULL"
                            " AND deadline_kind = 'ongoing'"), 1);

    vb_search_query q = {0};
    char *r;
#define S_EXPECT(name, expected)      \
    r = S_search(c, &q);              \
    VB_CHECK_STR(name, r, expected);  \
    free(r)
    q.text = "hoa nhap";
    S_EXPECT("search/folded", "a.xml");
    q.text = "hòa nhập"; /* old placement finds the new one */
    S_EXPECT("search/tone-placement", "a.xml");
    q.text = "hóa nhập";
    S_EXPECT("search/exact-other-tone", "");
    q.text = "Héi";
    S_EXPECT("search/ocr-original", "a.xml");
    q.text = "hai phong";
    S_EXPECT("search/repaired-text", "a.xml");
    q.text = "\"quy hoạch thủy lợi\"";
    S_EXPECT("search/phrase", "b.txt");
    q.text = "\"thủy quy hoạch\"";
    S_EXPECT("search/phrase-order", "");
    q.text = "thuy*";
    S_EXPECT("search/prefix", "b.txt");
    q.text = "benh vien";
    S_EXPECT("search/table-cell", "a.xml");
    q.text = "";
    q.cites = "4668/qd-ubnd";
    S_EXPECT("search/cites", "a.xml");
    q.cites = NULL;
    q.cited_by = "12/KH-SYT";
    S_EXPECT("search/cited-by", "b.txt");
    q.cited_by = NULL;
    q.type = "KH";
    S_EXPECT("search/type-code", "a.xml");
    q.type = "quyết định";
    S_EXPECT("search/type-name", "b.txt");
    q.type = NULL;
    q.authority = "so y te";
    S_EXPECT("search/authority", "a.xml");
    q.authority = NULL;
    q.year = 2024;
    q.text = "phong";
    S_EXPECT("search/year", "a.xml");
    q.year = 0;
    q.text = "Sở Y tế chủ trì";
    S_EXPECT("search/meta-record-text", "a.xml");
    q.text = " - AND ";
    S_EXPECT("search/no-word-no-match", "");
    q.text = NULL;
    q.lead = "so y te";
    q.deadline = "2026";
    S_EXPECT("tasks/lead-deadline", "a.xml");
    {
        vb_search_result res;
        VB_CHECK_INT("tasks/status", vb_corpus_search(c, &q, &res, &diags), VB_OK);
        VB_CHECK_INT("tasks/listed", res.nhits ? res.hits[0].ntasks : 0, 1);
        VB_CHECK_STR("tasks/listed-num", res.nhits && res.hits[0].ntasks ? res.hits[0].tasks[0].num : "", "I.1");
        VB_CHECK_STR("tasks/listed-due", res.nhits && res.hits[0].ntasks ? res.hits[0].tasks[0].due : "", "2026-06-30");
        vb_buf json = {0};
        vb_search_write_json(&res, &json);
        VB_CHECK("tasks/json", json.data && strstr(json.data, "\"tasks\":[{\"num\":\"I.1\"") &&
                                   strstr(json.data, "\"lead\":\"Sở Y tế\""));
        vb_buf_free(&json);
        vb_search_result_free(&res);
    }
    q.deadline = "2025";
    S_EXPECT("tasks/other-year", "");
    q.deadline = "2026-06";
    S_EXPECT("tasks/month", "a.xml");
    q.deadline = "2025-2027";
    S_EXPECT("tasks/years", "a.xml");
    q.lead = "Sở Tài chính"; /* it leads a task, but not one due in 2026: filters meet in one task */
    q.deadline = "2026";
    S_EXPECT("tasks/one-task", "");
    q.deadline = "ongoing";
    S_EXPECT("tasks/kind", "a.xml");
    q.lead = "tai chin"; /* whole words only */
    S_EXPECT("tasks/whole-words", "");
    q.lead = NULL;
    q.deadline = NULL;
    q.partner = "SỞ TÀI CHÍNH";
    S_EXPECT("tasks/partner", "a.xml");
    q.partner = NULL;
    q.task = "de an y te";
    S_EXPECT("tasks/words", "a.xml");
    q.task = NULL;
    q.text = "thuy loi";
    q.lead = "so y te";
    S_EXPECT("tasks/with-query", "");
    q.lead = NULL;
    q.deadline = "soon";
    {
        vb_search_result res;
        VB_CHECK_INT("tasks/bad-deadline", vb_corpus_search(c, &q, &res, &diags), VB_ERR_USAGE);
        vb_buf msg = {0};
        vb_diag_message(&diags, vb_diags_first_error(&diags), &msg);
        VB_CHECK("tasks/bad-deadline-says", strstr(msg.data, "soon") != NULL);
        VB_CHECK("tasks/bad-deadline-names-no-file", strncmp(msg.data, "--deadline takes", 16) == 0);
        vb_buf_free(&msg);
        vb_diags_free(&diags);
        vb_search_result_free(&res);
    }
    q.deadline = NULL;

    /* indexing again: nothing changes; a changed file replaces its rows */
    VB_CHECK_INT("reindex/status", vb_corpus_index(c, inputs, 1, &opts, &stats, &diags), VB_OK);
    VB_CHECK_INT("reindex/unchanged", stats.unchanged, 2);
    VB_CHECK_INT("reindex/no-duplicates", S_count(c, "SELECT count(*) FROM documents"), 3);
    S_write(txt, "QUYẾT ĐỊNH\nVề thủy sản\n", strlen("QUYẾT ĐỊNH\nVề thủy sản\n"));
    vb_corpus_index(c, inputs, 1, &opts, &stats, &diags);
    VB_CHECK_INT("reindex/changed", stats.indexed, 1);
    q.text = "thuy loi";
    S_EXPECT("reindex/old-text-gone", "");
    q.text = "thuy san";
    S_EXPECT("reindex/new-text", "b.txt");
    /* the postings follow: the old words and their pairs gone, the new ones there */
    VB_CHECK_INT("reindex/postings-old-gone",
                 S_count(c, "SELECT count(*) FROM postings WHERE term IN ('loi', 'thuy loi')"), 0);
    VB_CHECK_INT("reindex/postings-new", S_count(c, "SELECT count(*) FROM postings"
                                                    " WHERE term IN ('san', 'thuy san', 'sản')"), 3);
    /* the same bytes under another name are not stored twice */
    char copy[256];
    snprintf(copy, sizeof copy, "%s/copy.xml", dir);
    S_write(copy, S_XML, sizeof S_XML - 1);
    vb_corpus_index(c, inputs, 1, &opts, &stats, &diags);
    VB_CHECK_INT("reindex/duplicate", stats.duplicates, 1);
    char *twice[] = {dir, xml};
    vb_corpus_index(c, twice, 2, &opts, &stats, &diags);
    VB_CHECK_INT("reindex/named-twice-once", stats.inputs, 4);
    /* a file gone from the disk leaves the database with --prune only */
    unlink(copy);
    unlink(txt);
    vb_corpus_index(c, inputs, 1, &opts, &stats, &diags);
    VB_CHECK_INT("prune/kept-without-option", S_count(c, "SELECT count(*) FROM documents WHERE path LIKE '%b.txt'"), 1);
    opts.prune = true;
    VB_CHECK_INT("prune/status", vb_corpus_index(c, inputs, 1, &opts, &stats, &diags), VB_OK);
    VB_CHECK_INT("prune/removed", stats.removed, 1);
    VB_CHECK_INT("prune/gone", S_count(c, "SELECT count(*) FROM documents WHERE path LIKE '%b.txt'"), 0);
    VB_CHECK_INT("prune/rows-gone", S_count(c, "SELECT count(*) FROM paragraphs p LEFT JOIN documents d"
                                               " ON d.id = p.doc_id WHERE d.id IS NULL"), 0);
    VB_CHECK_INT("prune/postings-gone", S_count(c, "SELECT count(*) FROM postings p LEFT JOIN documents d"
                                                   " ON d.id = p.doc_id WHERE d.id IS NULL"), 0);
    q.text = "thuy san";
    S_EXPECT("prune/not-found", "");
    q.text = "hoa nhap";
    S_EXPECT("prune/others-kept", "a.xml");
    vb_corpus_close(c);

    /* a file that is not a database */
    char junk[256];
    snprintf(junk, sizeof junk, "%s/junk.db", dir);
    char noise[4096];
    for (size_t i = 0; i < sizeof noise; i++) noise[i] = (char)(i * 7 + 3);
    S_write(junk, noise, sizeof noise);
    vb_diags_free(&diags);
    VB_CHECK("db/corrupt-fails", vb_corpus_open(junk, VB_CORPUS_READ, 0, &c, &diags) != VB_OK);
    const vb_diag *g = vb_diags_first_error(&diags);
    VB_CHECK("db/corrupt-names-file", g && g->file && strstr(g->file, "junk.db") != NULL);
    vb_diags_free(&diags);
    VB_CHECK("db/missing-fails", vb_corpus_open("/nonexistent/x.db", VB_CORPUS_READ, 0, &c, &diags) != VB_OK);
    vb_diags_free(&diags);

    const char *files[] = {"c.db", "c.db-wal", "c.db-shm", "a.xml", "b.txt", "c.docx", "copy.xml", "junk.db"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char p[300];
        snprintf(p, sizeof p, "%s/%s", dir, files[i]);
        unlink(p);
    }
    rmdir(dir);
}

int main(void) {
    S_tokenizer();
    S_database();
    return vb_test_done();
}
