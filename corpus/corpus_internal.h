/* corpus_internal.h — what the files of the corpus stage share. */
#ifndef VB_CORPUS_INTERNAL_H
#define VB_CORPUS_INTERNAL_H

#include <sqlite3.h>

#include "corpus.h"

struct vb_corpus {
    sqlite3 *db;
    char *path;
    int mode;
};

/* Registers the "vanban" FTS5 tokenizer on a connection. */
int vb_corpus_register_tokenizer(sqlite3 *db);

/* One line naming the database, what was being done and SQLite's reason. */
int vb_corpus_fail(vb_corpus *corpus, const char *doing, vb_diags *diags);
/* Runs SQL without results; on failure reports to diags and returns VB_ERR_IO. */
int vb_corpus_exec(vb_corpus *corpus, const char *sql, vb_diags *diags);

/* zlib streams for the stored XML and HTML. */
int vb_corpus_deflate(const char *data, size_t len, vb_buf *out);
int vb_corpus_inflate(const void *data, size_t len, vb_buf *out);

/* JSON string escaping (with the quotes). */
void vb_json_string(vb_buf *out, const char *s);
/* The short code of a document type name: "Kế hoạch" → "KH" ("" if unknown). */
const char *vb_corpus_type_code(const char *type_name);

#endif
