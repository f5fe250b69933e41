/* The corpus database: opening it with errors that say what is wrong with
 * the file, the schema, and small helpers the other files share. */
#include "corpus_internal.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

/* 'VBNC': marks the file as a vanban corpus; user_version is the schema. */
#define S_APPLICATION_ID 0x56424E43
#define S_SCHEMA_VERSION 3 /* 2: task records; 3: TT 05/2025 records, postings instead
                              of FTS5, paragraph ids name document and field */

static const char S_SCHEMA[] =
    "CREATE TABLE documents ("
    "  id INTEGER PRIMARY KEY,"
    "  path TEXT NOT NULL UNIQUE,"     /* as given on the command line */
    "  sha256 TEXT NOT NULL,"          /* of the input bytes: what identifies a document */
    "  bytes INTEGER NOT NULL,"
    "  status TEXT NOT NULL CHECK (status IN ('ok', 'failed')),"
    "  error TEXT,"                    /* why a failed document failed */
    "  format TEXT,"                   /* text, docx, xml */
    "  type TEXT, type_code TEXT,"     /* KẾ HOẠCH, KH */
    "  number TEXT, code_key TEXT,"    /* 494/KH-UBND as printed, and as a citation key */
    "  authority TEXT, place TEXT, date TEXT, year INTEGER, title TEXT,"
    "  text_bytes INTEGER,"            /* of the paragraphs indexed */
    "  xml BLOB, html BLOB,"           /* zlib streams; html only for converted inputs */
    "  indexed_at TEXT NOT NULL DEFAULT (datetime('now')));"
    "CREATE INDEX documents_sha256 ON documents(sha256);"
    "CREATE INDEX documents_code_key ON documents(code_key);"
    "CREATE TABLE sections ("
    "  id INTEGER PRIMARY KEY, doc_id INTEGER NOT NULL, parent_id INTEGER,"
    "  ord INTEGER, kind TEXT, num TEXT, label TEXT, level INTEGER, heading TEXT,"
    "  path TEXT, line INTEGER);"
    "CREATE INDEX sections_doc ON sections(doc_id);"
    "CREATE TABLE paragraphs ("
    "  id INTEGER PRIMARY KEY, doc_id INTEGER NOT NULL, section_id INTEGER,"
    "  ord INTEGER, kind TEXT, line INTEGER,"
    "  text TEXT NOT NULL,"
    "  originals TEXT NOT NULL DEFAULT '');" /* the OCR forms of its repaired words */
    "CREATE INDEX paragraphs_doc ON paragraphs(doc_id);"
    "CREATE TABLE doc_tables ("
    "  id INTEGER PRIMARY KEY, doc_id INTEGER NOT NULL, section_id INTEGER,"
    "  ord INTEGER, rows INTEGER, cols INTEGER, line INTEGER);"
    "CREATE INDEX doc_tables_doc ON doc_tables(doc_id);"
    "CREATE TABLE cells ("
    "  table_id INTEGER NOT NULL, doc_id INTEGER NOT NULL, row INTEGER, col INTEGER,"
    "  row_kind TEXT, colspan INTEGER, rowspan INTEGER, text TEXT,"
    "  kind TEXT, value REAL);"         /* the typed value the cell holds, if any */
    "CREATE INDEX cells_doc ON cells(doc_id);"
    "CREATE TABLE data_values ("
    "  doc_id INTEGER NOT NULL, paragraph_id INTEGER,"
    "  kind TEXT, text TEXT, value REAL, unit TEXT, iso TEXT,"
    "  attrs TEXT);"                    /* every attribute, as a JSON object */
    "CREATE INDEX data_values_doc ON data_values(doc_id);"
    "CREATE TABLE citations ("
    "  doc_id INTEGER NOT NULL, paragraph_id INTEGER,"
    "  code TEXT, code_key TEXT, type TEXT, number TEXT, iso TEXT, year INTEGER, text TEXT);"
    "CREATE INDEX citations_doc ON citations(doc_id);"
    "CREATE INDEX citations_key ON citations(code_key);"
    "CREATE TABLE repairs ("
    "  doc_id INTEGER NOT NULL, paragraph_id INTEGER,"
    "  kind TEXT, original TEXT, text TEXT, confidence REAL, review INTEGER);"
    "CREATE INDEX repairs_doc ON repairs(doc_id);"
    "CREATE TABLE repair_counts (doc_id INTEGER NOT NULL, kind TEXT, n INTEGER);"
    "CREATE INDEX repair_counts_doc ON repair_counts(doc_id);"
    /* elements other stages add to <meta> (task records, checks): kept whole */
    "CREATE TABLE records (doc_id INTEGER NOT NULL, element TEXT, attrs TEXT, text TEXT);"
    "CREATE INDEX records_doc ON records(doc_id);"
    /* the task records of plans' task tables: who does what by when */
    "CREATE TABLE tasks ("
    "  id INTEGER PRIMARY KEY, doc_id INTEGER NOT NULL, section_id INTEGER, ord INTEGER,"
    "  num TEXT, name TEXT, lead TEXT, partners TEXT, output TEXT,"
    "  deadline TEXT, deadline_kind TEXT,"  /* as printed; quarter, year, ongoing... */
    "  due TEXT, due_year INTEGER, from_year INTEGER,"  /* when it falls due (ISO), a period's start */
    "  line INTEGER,"
    "  lead_key TEXT, partners_key TEXT);"  /* the agencies folded, for filters */
    "CREATE INDEX tasks_doc ON tasks(doc_id);"
    "CREATE INDEX tasks_due_year ON tasks(due_year);"
    /* the TT 05/2025/TT-BNV document record (render.h, vb_ead_record_make)
     * of each converted document: a column per field, NULL when left out */
    "CREATE TABLE ead_records ("
    "  doc_id INTEGER PRIMARY KEY, docId TEXT, docCode TEXT, maintenance TEXT, typeName TEXT,"
    "  codeNumber TEXT, codeNotation TEXT, issuedDate TEXT, organName TEXT, subject TEXT,"
    "  language TEXT, numberOfPage TEXT, inforSign TEXT, keyword TEXT, mode TEXT,"
    "  confidenceLevel TEXT, autograph TEXT, format TEXT, riskRecovery TEXT,"
    "  riskRecoveryStatus TEXT, process TEXT, description TEXT);"
    /* for each key of the tokenizer and each document holding it, the
     * paragraphs that do: what document-level search reads (rank.c), a
     * word's documents in one range of the primary key, a prefix's too */
    "CREATE TABLE postings (term TEXT NOT NULL, doc_id INTEGER NOT NULL, paras BLOB NOT NULL,"
    "  PRIMARY KEY (term, doc_id)) WITHOUT ROWID;"
    /* what a search reads of every document, without the pages of their
     * stored XML and HTML */
    "CREATE INDEX documents_search ON documents(status, id, text_bytes, year, type_code, type,"
    "  number, authority, date, code_key, path, title);";

int vb_corpus_keycode_compare(const void *a, const void *b) {
    const vb_corpus_keycode *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->code > y->code) - (x->code < y->code);
}

void vb_corpus_paras_encode(const vb_corpus_keycode *pairs, size_t n, vb_buf *out) {
    int last = -1;
    for (size_t i = 0; i < n; i++) {
        if (pairs[i].code == last) continue;
        unsigned v = (unsigned)(last < 0 ? pairs[i].code : pairs[i].code - last);
        last = pairs[i].code;
        do {
            unsigned char b = v & 0x7F;
            v >>= 7;
            vb_buf_putc(out, (char)(v ? b | 0x80 : b));
        } while (v);
    }
}

size_t vb_corpus_paras_decode(const void *data, size_t len, int **codes_io, size_t *cap) {
    if (len > *cap) {
        *cap = len * 2;
        free(*codes_io);
        *codes_io = malloc(*cap * sizeof **codes_io);
        if (!*codes_io) abort();
    }
    int *codes = *codes_io;
    const unsigned char *p = data;
    size_t n = 0;
    unsigned v = 0, shift = 0, code = 0;
    for (size_t i = 0; i < len; i++) {
        v |= (unsigned)(p[i] & 0x7F) << shift;
        shift += 7;
        if (p[i] & 0x80 && shift < 32) continue;
        code += v;
        codes[n++] = (int)code;
        v = shift = 0;
    }
    return n;
}

int vb_corpus_field_of(const char *kind) {
    if (!kind) return VB_FIELD_BODY;
    if (strcmp(kind, "title") == 0) return VB_FIELD_TITLE;
    if (strcmp(kind, "heading") == 0) return VB_FIELD_HEADING;
    static const char *const meta[] = {"number", "authority", "type", "date", "place"};
    for (size_t i = 0; i < sizeof meta / sizeof meta[0]; i++)
        if (strcmp(kind, meta[i]) == 0) return VB_FIELD_META;
    return VB_FIELD_BODY;
}

int64_t vb_corpus_paragraph_id(int64_t doc, int64_t ord, const char *kind) {
    return doc << 32 | (ord & 0x3FFFFFFF) << 2 | vb_corpus_field_of(kind);
}

int vb_corpus_fail(vb_corpus *c, const char *doing, vb_diags *diags) {
    int code = sqlite3_extended_errcode(c->db) & 0xff;
    const char *why = sqlite3_errmsg(c->db);
    if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
        return vb_diag_error(diags, VB_ERR_IO, c->path, 0, 0, "not-a-database",
                             "not a usable database (%s) while %s", why, doing);
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
        return vb_diag_error(diags, VB_ERR_IO, c->path, 0, 0, "locked",
                             "locked by another process while %s (%s)", doing, why);
    return vb_diag_error(diags, VB_ERR_IO, c->path, 0, 0, "sqlite", "cannot %s: %s", doing, why);
}

int vb_corpus_exec(vb_corpus *c, const char *sql, vb_diags *diags) {
    if (sqlite3_exec(c->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return vb_corpus_fail(c, "run a statement", diags);
    return VB_OK;
}

static int S_pragma_int(vb_corpus *c, const char *sql, int *value) {
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(c->db, sql, -1, &st, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            *value = sqlite3_column_int(st, 0);
            rc = SQLITE_OK;
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* vb_fold(text): the words of text without diacritics or case, for filters. */
static void S_sql_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
    const unsigned char *text = sqlite3_value_text(argv[0]);
    if (!text) {
        sqlite3_result_null(ctx);
        return;
    }
    vb_buf out = {0};
    vb_corpus_fold_text((const char *)text, &out);
    sqlite3_result_text(ctx, out.data, (int)out.len, SQLITE_TRANSIENT);
    vb_buf_free(&out);
}

/* The first read of the file: where a file that is not a database shows.
 * One read transaction, so that the three answers are of one state of the
 * file (another process may be creating it).  Returns an SQLite code. */
static int S_read_header(vb_corpus *c, int *app, int *version, int *tables) {
    int rc = sqlite3_exec(c->db, "BEGIN", NULL, NULL, NULL);
    if (rc == SQLITE_OK) rc = S_pragma_int(c, "PRAGMA application_id", app);
    if (rc == SQLITE_OK) rc = S_pragma_int(c, "PRAGMA user_version", version);
    if (rc == SQLITE_OK) rc = S_pragma_int(c, "SELECT count(*) FROM sqlite_schema", tables);
    if (rc == SQLITE_OK) rc = sqlite3_exec(c->db, "COMMIT", NULL, NULL, NULL);
    /* on failure the caller closes the connection (which ends the
     * transaction) after reading the error */
    if (rc != SQLITE_OK) rc = sqlite3_extended_errcode(c->db) & 0xff;
    return rc;
}

/* "file:PATH?immutable=1", the path percent-encoded where a URI needs it. */
static char *S_immutable_uri(const char *path) {
    size_t n = strlen(path);
    char *uri = malloc(3 * n + 32);
    if (!uri) abort();
    char *o = uri + sprintf(uri, "file:");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if (*p == '%' || *p == '?' || *p == '#' || *p < 0x21 || *p == 0x7F)
            o += sprintf(o, "%%%02X", *p);
        else
            *o++ = (char)*p;
    }
    strcpy(o, "?immutable=1");
    return uri;
}

int vb_corpus_open(const char *path, int mode, int busy_ms, vb_corpus **out, vb_diags *diags) {
    *out = NULL;
    if (mode == VB_CORPUS_READ && access(path, F_OK) != 0) {
        vb_diag_error(diags, VB_ERR_IO, path, 0, 0, "no-database",
                      "no such database (create it with vanban index)");
        return VB_ERR_IO;
    }
    vb_corpus *c = calloc(1, sizeof *c);
    if (!c) abort();
    c->path = strdup(path);
    c->mode = mode;
    int flags = mode == VB_CORPUS_WRITE ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                                        : SQLITE_OPEN_READONLY;
    if (sqlite3_open_v2(path, &c->db, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
        if (!c->db) vb_diag_error(diags, VB_ERR_IO, path, 0, 0, "io", "cannot open: out of memory");
        else vb_corpus_fail(c, "open it", diags);
        vb_corpus_close(c);
        return VB_ERR_IO;
    }
    sqlite3_busy_timeout(c->db, busy_ms > 0 ? busy_ms : 5000);
    int app = 0, version = 0, tables = 0;
    int hrc = S_read_header(c, &app, &version, &tables);
    if ((hrc == SQLITE_CANTOPEN || hrc == SQLITE_READONLY) && mode == VB_CORPUS_READ) {
        /* A corpus in WAL mode on read-only media (a disc, a read-only
         * mount) cannot be read the usual way: SQLite needs to create its
         * shared-memory file beside it.  Such a file does not change while
         * it is read, which is what SQLite's immutable=1 states. */
        sqlite3_close(c->db);
        c->db = NULL;
        char *uri = S_immutable_uri(path);
        int orc = sqlite3_open_v2(uri, &c->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
        free(uri);
        if (orc != SQLITE_OK) {
            if (!c->db) vb_diag_error(diags, VB_ERR_IO, path, 0, 0, "io", "cannot open: out of memory");
            else vb_corpus_fail(c, "open it", diags);
            vb_corpus_close(c);
            return VB_ERR_IO;
        }
        hrc = S_read_header(c, &app, &version, &tables);
    }
    if (hrc != SQLITE_OK) {
        vb_corpus_fail(c, "read its header", diags);
        vb_corpus_close(c);
        return VB_ERR_IO;
    }
    int rc = VB_OK;
    if (app != S_APPLICATION_ID && (tables > 0 || mode == VB_CORPUS_READ)) {
        vb_diag_error(diags, VB_ERR_FORMAT, path, 0, 0, "not-a-corpus",
                      "an SQLite database, but not a vanban corpus");
        rc = VB_ERR_FORMAT;
    } else if (app == S_APPLICATION_ID && version != S_SCHEMA_VERSION) {
        vb_diag_error(diags, VB_ERR_FORMAT, path, 0, 0, "schema",
                      "corpus schema %d, this vanban reads %d (re-index into a new file)",
                      version, S_SCHEMA_VERSION);
        rc = VB_ERR_FORMAT;
    } else if (vb_corpus_register_tokenizer(c->db) != SQLITE_OK ||
               sqlite3_create_function(c->db, "vb_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                       NULL, S_sql_fold, NULL, NULL) != SQLITE_OK) {
        vb_diag_error(diags, VB_ERR_INTERNAL, path, 0, 0, "tokenizer",
                      "cannot register the full-text tokenizer");
        rc = VB_ERR_INTERNAL;
    } else if (mode == VB_CORPUS_WRITE) {
        /* Switching to WAL needs the exclusive lock, and SQLite does not
         * wait for it when another process holds the write lock (it would
         * deadlock on a lock held by a reader that also wants to write): the
         * switch is tried again until the busy timeout has passed. */
        int wrc;
        for (int waited = 0;; waited += 10) {
            wrc = sqlite3_exec(c->db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL);
            if ((wrc & 0xff) != SQLITE_BUSY || waited >= (busy_ms > 0 ? busy_ms : 5000)) break;
            sqlite3_sleep(10);
        }
        rc = wrc == SQLITE_OK ? vb_corpus_exec(c, "PRAGMA synchronous=NORMAL", diags)
                              : vb_corpus_fail(c, "run a statement", diags);
        if (rc == VB_OK && tables == 0) {
            /* A new file: the schema is made under the write lock, and what
             * the file holds is read again once the lock is held, since
             * another process may have made it in between (two index runs
             * started on one new database: the second waits, then finds a
             * corpus). */
            rc = vb_corpus_exec(c, "BEGIN IMMEDIATE", diags);
            if (rc == VB_OK && (S_pragma_int(c, "PRAGMA application_id", &app) != SQLITE_OK ||
                                S_pragma_int(c, "PRAGMA user_version", &version) != SQLITE_OK ||
                                S_pragma_int(c, "SELECT count(*) FROM sqlite_schema", &tables) !=
                                    SQLITE_OK))
                rc = vb_corpus_fail(c, "read its header", diags);
            if (rc == VB_OK && app == S_APPLICATION_ID && version != S_SCHEMA_VERSION) {
                vb_diag_error(diags, VB_ERR_FORMAT, path, 0, 0, "schema",
                              "corpus schema %d, this vanban reads %d (re-index into a new file)",
                              version, S_SCHEMA_VERSION);
                rc = VB_ERR_FORMAT;
            } else if (rc == VB_OK && app != S_APPLICATION_ID && tables > 0) {
                vb_diag_error(diags, VB_ERR_FORMAT, path, 0, 0, "not-a-corpus",
                              "an SQLite database, but not a vanban corpus");
                rc = VB_ERR_FORMAT;
            } else if (rc == VB_OK && tables == 0) {
                char sql[128];
                snprintf(sql, sizeof sql, "PRAGMA application_id=%d; PRAGMA user_version=%d;",
                         S_APPLICATION_ID, S_SCHEMA_VERSION);
                rc = vb_corpus_exec(c, S_SCHEMA, diags);
                if (rc == VB_OK) rc = vb_corpus_exec(c, sql, diags);
            }
            if (rc == VB_OK) rc = vb_corpus_exec(c, "COMMIT", diags);
            else sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
        }
    }
    if (rc != VB_OK) {
        vb_corpus_close(c);
        return rc;
    }
    *out = c;
    return VB_OK;
}

void vb_corpus_close(vb_corpus *c) {
    if (!c) return;
    if (c->db) sqlite3_close(c->db);
    free(c->path);
    free(c);
}

void *vb_corpus_handle(vb_corpus *c) { return c->db; }

int vb_corpus_deflate(const char *data, size_t len, vb_buf *out) {
    uLongf cap = compressBound((uLong)len);
    vb_buf_clear(out);
    vb_buf_reserve(out, cap + 1);
    if (compress2((Bytef *)out->data, &cap, (const Bytef *)data, (uLong)len, 6) != Z_OK)
        return VB_ERR_INTERNAL;
    out->len = cap;
    return VB_OK;
}

int vb_corpus_inflate(const void *data, size_t len, vb_buf *out) {
    z_stream z = {0};
    if (inflateInit(&z) != Z_OK) return VB_ERR_INTERNAL;
    z.next_in = (Bytef *)data;
    z.avail_in = (uInt)len;
    int zr = Z_OK;
    while (zr == Z_OK) {
        vb_buf_reserve(out, 65536);
        z.next_out = (Bytef *)out->data + out->len;
        z.avail_out = (uInt)(out->cap - out->len - 1);
        uInt before = z.avail_out;
        zr = inflate(&z, Z_NO_FLUSH);
        out->len += before - z.avail_out;
        out->data[out->len] = '\0';
    }
    inflateEnd(&z);
    return zr == Z_STREAM_END ? VB_OK : VB_ERR_FORMAT;
}

void vb_json_string(vb_buf *out, const char *s) {
    vb_buf_putc(out, '"');
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        switch (*p) {
        case '"': vb_buf_puts(out, "\\\""); break;
        case '\\': vb_buf_puts(out, "\\\\"); break;
        case '\n': vb_buf_puts(out, "\\n"); break;
        case '\r': vb_buf_puts(out, "\\r"); break;
        case '\t': vb_buf_puts(out, "\\t"); break;
        default:
            if (*p < 0x20) vb_buf_printf(out, "\\u%04x", *p);
            else vb_buf_putc(out, (char)*p);
        }
    }
    vb_buf_putc(out, '"');
}

/* The abbreviation of a type in a document's code, from the lexicon
 * ("KẾ  HOẠCH" and "Kế hoạch" are both KH). */
const char *vb_corpus_type_code(const char *type_name) {
    if (!type_name) return "";
    size_t len = strlen(type_name);
    while (len && strchr(" \t\n", type_name[len - 1])) len--;
    size_t start = strspn(type_name, " \t\n");
    if (start > len) start = len;
    const vb_lex_doc_type *t = vb_lex_doc_type_of(type_name + start, len - start);
    return t ? t->abbr : "";
}
