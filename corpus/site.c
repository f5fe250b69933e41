/* vb_corpus_site: a static site of the corpus that works from a disc —
 * index.html (documents by year, type and authority), doc/ID.html (the page
 * the render stage wrote at index time), search.html with search.js and a
 * compact inverted index (search-index.js: folded word → documents and
 * counts) so the search runs in the browser with no server.  The index is a
 * script rather than JSON because browsers refuse to fetch file:// URLs. */
#include "corpus_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char S_CSS[] =
    "body{font-family:'Liberation Serif','Times New Roman',serif;max-width:60em;margin:1em auto;"
    "padding:0 1em;line-height:1.4}h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.5em}"
    "li{margin:.2em 0}.meta{color:#555;font-size:.9em}nav{margin-bottom:1em}"
    "input{font-size:1.1em;width:70%}mark{background:#fe9}";

static const char S_SEARCH_HTML[] =
    "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<title>Tìm kiếm văn bản</title>\n<link rel=\"stylesheet\" href=\"style.css\">\n</head>\n<body>\n"
    "<nav><a href=\"index.html\">Danh mục văn bản</a></nav>\n<h1>Tìm kiếm văn bản</h1>\n"
    "<form id=\"search\"><input id=\"q\" name=\"q\" type=\"search\" autofocus"
    " placeholder=\"quyết định, ke hoach, y te...\"> <button>Tìm</button></form>\n"
    "<p id=\"summary\" class=\"meta\"></p>\n<ol id=\"results\"></ol>\n"
    "<script src=\"search-index.js\"></script>\n<script src=\"search.js\"></script>\n"
    "</body>\n</html>\n";

/* Words are folded the way the database's folded key is: NFD without marks,
 * đ → d, lower case; a query word must occur in the document (AND), word*
 * matches a prefix.  Scores: log tf × idf, plus a bonus for title words. */
static const char S_SEARCH_JS[] =
    "(function () {\n"
    "  'use strict';\n"
    "  var index = window.VB_INDEX;\n"
    "  function fold(s) {\n"
    "    return s.normalize('NFD').replace(/[\\u0300-\\u036f]/g, '').replace(/[\\u0111\\u0110]/g, 'd')\n"
    "      .toLowerCase();\n"
    "  }\n"
    "  function words(s) {\n"
    "    return fold(s).match(/[\\p{L}\\p{N}]+(?:[.,]\\p{N}+)*\\*?/gu) || [];\n"
    "  }\n"
    "  function postings(word) {\n"
    "    if (word.slice(-1) !== '*') return [index.terms[word] || []];\n"
    "    var stem = word.slice(0, -1), lists = [];\n"
    "    for (var term in index.terms)\n"
    "      if (term.lastIndexOf(stem, 0) === 0) lists.push(index.terms[term]);\n"
    "    return lists;\n"
    "  }\n"
    "  function search(query) {\n"
    "    var n = index.docs.length, scores = null;\n"
    "    words(query).forEach(function (word) {\n"
    "      var found = {};\n"
    "      postings(word).forEach(function (list) {\n"
    "        var idf = Math.log(1 + n / (list.length / 2));\n"
    "        for (var i = 0; i < list.length; i += 2)\n"
    "          found[list[i]] = (found[list[i]] || 0) + Math.log(1 + list[i + 1]) * idf;\n"
    "      });\n"
    "      var key = ' ' + (word.slice(-1) === '*' ? word.slice(0, -1) : word + ' ');\n"
    "      Object.keys(found).forEach(function (d) {\n"
    "        if ((' ' + index.docs[d].f + ' ').indexOf(key) >= 0) found[d] += 2 * Math.log(1 + n);\n"
    "      });\n"
    "      if (scores === null) { scores = found; return; }\n"
    "      Object.keys(scores).forEach(function (d) {\n"
    "        if (d in found) scores[d] += found[d]; else delete scores[d];\n"
    "      });\n"
    "    });\n"
    "    if (!scores) return [];\n"
    "    return Object.keys(scores).sort(function (a, b) { return scores[b] - scores[a] || a - b; });\n"
    "  }\n"
    "  function show(query) {\n"
    "    var list = document.getElementById('results'), hits = search(query);\n"
    "    list.textContent = '';\n"
    "    document.getElementById('summary').textContent =\n"
    "      query ? hits.length + ' văn bản' : '';\n"
    "    hits.slice(0, 100).forEach(function (d) {\n"
    "      var doc = index.docs[d], li = document.createElement('li'), a = document.createElement('a');\n"
    "      a.href = 'doc/' + doc.id + '.html';\n"
    "      a.className = 'hit';\n"
    "      a.textContent = doc.t || doc.p;\n"
    "      li.appendChild(a);\n"
    "      var meta = document.createElement('div');\n"
    "      meta.className = 'meta';\n"
    "      meta.textContent = [doc.k, doc.n, doc.d, doc.a].filter(Boolean).join(' · ');\n"
    "      li.appendChild(meta);\n"
    "      list.appendChild(li);\n"
    "    });\n"
    "  }\n"
    "  var form = document.getElementById('search'), input = document.getElementById('q');\n"
    "  form.addEventListener('submit', function (e) { e.preventDefault(); show(input.value); });\n"
    "  var q = new URLSearchParams(window.location.search).get('q');\n"
    "  if (q) { input.value = q; show(q); }\n"
    "})();\n";

static void S_html(vb_buf *out, const char *s) {
    for (; s && *s; s++) {
        switch (*s) {
        case '<': vb_buf_puts(out, "&lt;"); break;
        case '>': vb_buf_puts(out, "&gt;"); break;
        case '&': vb_buf_puts(out, "&amp;"); break;
        case '"': vb_buf_puts(out, "&quot;"); break;
        default: vb_buf_putc(out, *s);
        }
    }
}

static int S_write(const char *dir, const char *name, const vb_buf *b, vb_diags *diags) {
    vb_buf path = {0};
    vb_buf_printf(&path, "%s/%s", dir, name);
    int st = vb_write_file_atomic(path.data, b->data ? b->data : "", b->len, diags);
    vb_buf_free(&path);
    return st;
}

static int S_mkdir(const char *path, vb_diags *diags) {
    if (mkdir(path, 0755) != 0 && errno != EEXIST) {
        vb_diag_error(diags, VB_ERR_IO, path, 0, 0, "io", "cannot create the directory: %s",
                      strerror(errno));
        return VB_ERR_IO;
    }
    return VB_OK;
}

typedef struct {
    int64_t id;
    char *path, *type, *type_code, *number, *authority, *date, *title;
    int year;
} S_entry;

static char *S_dup_col(sqlite3_stmt *st, int i) {
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? strdup((const char *)t) : NULL;
}

static void S_head(vb_buf *b, const char *title, const char *css) {
    vb_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
    S_html(b, title);
    vb_buf_printf(b, "</title>\n<link rel=\"stylesheet\" href=\"%s\">\n</head>\n<body>\n", css);
}

static void S_entry_item(vb_buf *b, const S_entry *e) {
    vb_buf_printf(b, "<li><a href=\"doc/%lld.html\">", (long long)e->id);
    if (e->number) {
        S_html(b, e->number);
        vb_buf_puts(b, " — ");
    }
    S_html(b, e->title ? e->title : e->path);
    vb_buf_puts(b, "</a>");
    if (e->date || e->type) {
        vb_buf_puts(b, " <span class=\"meta\">");
        S_html(b, e->type);
        if (e->date && e->type) vb_buf_puts(b, ", ");
        S_html(b, e->date);
        vb_buf_puts(b, "</span>");
    }
    vb_buf_puts(b, "</li>\n");
}

static int S_compare_by(const S_entry *a, const S_entry *b, int field) {
    const char *x = field == 0 ? a->type : a->authority, *y = field == 0 ? b->type : b->authority;
    return strcmp(x ? x : "~", y ? y : "~");
}

static int S_cmp_type(const void *a, const void *b) {
    int c = S_compare_by(*(S_entry *const *)a, *(S_entry *const *)b, 0);
    return c ? c : ((*(S_entry *const *)a)->id > (*(S_entry *const *)b)->id) - ((*(S_entry *const *)a)->id < (*(S_entry *const *)b)->id);
}

static int S_cmp_authority(const void *a, const void *b) {
    int c = S_compare_by(*(S_entry *const *)a, *(S_entry *const *)b, 1);
    return c ? c : ((*(S_entry *const *)a)->id > (*(S_entry *const *)b)->id) - ((*(S_entry *const *)a)->id < (*(S_entry *const *)b)->id);
}

/* One grouped listing: a heading per distinct value of field. */
static void S_grouped(vb_buf *b, S_entry **sorted, size_t n, int field, const char *none) {
    const char *open = NULL;
    bool any = false;
    for (size_t i = 0; i < n; i++) {
        const char *v = field == 0 ? sorted[i]->type : sorted[i]->authority;
        if (!v) v = none;
        if (!any || strcmp(v, open) != 0) {
            if (any) vb_buf_puts(b, "</ul>\n");
            vb_buf_puts(b, "<h3>");
            S_html(b, v);
            vb_buf_puts(b, "</h3>\n<ul>\n");
            open = v;
            any = true;
        }
        S_entry_item(b, sorted[i]);
    }
    if (any) vb_buf_puts(b, "</ul>\n");
}

static void S_index_page(vb_buf *b, S_entry *entries, size_t n) {
    S_head(b, "Danh mục văn bản", "style.css");
    vb_buf_printf(b, "<nav><a href=\"search.html\">Tìm kiếm</a></nav>\n<h1>Danh mục văn bản (%zu)</h1>\n", n);
    vb_buf_puts(b, "<p><a href=\"#by-year\">Theo năm</a> · <a href=\"#by-type\">Theo loại</a> · "
                   "<a href=\"#by-authority\">Theo cơ quan ban hành</a></p>\n");
    vb_buf_puts(b, "<h2 id=\"by-year\">Theo năm</h2>\n");
    int year = -1;
    for (size_t i = 0; i < n; i++) { /* entries come sorted by year, newest first */
        if (entries[i].year != year) {
            if (year != -1) vb_buf_puts(b, "</ul>\n");
            year = entries[i].year;
            if (year) vb_buf_printf(b, "<h3>%d</h3>\n<ul>\n", year);
            else vb_buf_puts(b, "<h3>Không rõ năm</h3>\n<ul>\n");
        }
        S_entry_item(b, &entries[i]);
    }
    if (year != -1) vb_buf_puts(b, "</ul>\n");
    S_entry **sorted = malloc((n ? n : 1) * sizeof *sorted);
    if (!sorted) abort();
    for (size_t i = 0; i < n; i++) sorted[i] = &entries[i];
    vb_buf_puts(b, "<h2 id=\"by-type\">Theo loại</h2>\n");
    qsort(sorted, n, sizeof *sorted, S_cmp_type);
    S_grouped(b, sorted, n, 0, "Không rõ loại");
    vb_buf_puts(b, "<h2 id=\"by-authority\">Theo cơ quan ban hành</h2>\n");
    qsort(sorted, n, sizeof *sorted, S_cmp_authority);
    S_grouped(b, sorted, n, 1, "Không rõ cơ quan");
    free(sorted);
    vb_buf_puts(b, "</body>\n</html>\n");
}

/* The page of a document: the render stage's HTML with a way back, or for
 * documents indexed from XML (no rendering kept) their paragraphs. */
static int S_doc_page(vb_corpus *c, sqlite3_stmt *paras, const S_entry *e, const void *html_z,
                      size_t html_len, vb_buf *b) {
    static const char nav[] =
        "<nav style=\"font-family:sans-serif;font-size:.9em\"><a href=\"../index.html\">Danh mục"
        "</a> · <a href=\"../search.html\">Tìm kiếm</a></nav>\n";
    vb_buf html = {0};
    if (html_len && vb_corpus_inflate(html_z, html_len, &html) == VB_OK) {
        const char *body = strstr(html.data, "<body");
        const char *end = body ? strchr(body, '>') : NULL;
        size_t at = end ? (size_t)(end + 1 - html.data) : 0;
        vb_buf_append(b, html.data, at);
        vb_buf_puts(b, "\n");
        vb_buf_puts(b, nav);
        vb_buf_append(b, html.data + at, html.len - at);
        vb_buf_free(&html);
        return VB_OK;
    }
    vb_buf_free(&html);
    S_head(b, e->title ? e->title : e->path, "../style.css");
    vb_buf_puts(b, nav);
    sqlite3_bind_int64(paras, 1, e->id);
    while (sqlite3_step(paras) == SQLITE_ROW) {
        const char *kind = (const char *)sqlite3_column_text(paras, 0);
        const char *text = (const char *)sqlite3_column_text(paras, 1);
        const char *tag = kind && strcmp(kind, "title") == 0     ? "h1"
                          : kind && strcmp(kind, "heading") == 0 ? "h3"
                                                                 : "p";
        vb_buf_printf(b, "<%s>", tag);
        S_html(b, text);
        vb_buf_printf(b, "</%s>\n", tag);
    }
    sqlite3_reset(paras);
    vb_buf_puts(b, "</body>\n</html>\n");
    return VB_OK;
}

/* The folded keys of a document's words, collected for sorting. */
typedef struct {
    char **keys;
    size_t n, cap;
} S_keys;

static void S_add_key(void *ctx, const char *key, size_t len, bool colocated, size_t start,
                      size_t end) {
    S_keys *k = ctx;
    if (colocated) return; /* the exact keys: the page folds every query */
    if (k->n == k->cap) {
        k->cap = k->cap ? k->cap * 2 : 1024;
        char **g = realloc(k->keys, k->cap * sizeof *g);
        if (!g) abort();
        k->keys = g;
    }
    char *copy = malloc(len + 1);
    if (!copy) abort();
    memcpy(copy, key, len);
    copy[len] = '\0';
    k->keys[k->n++] = copy;
}

static int S_compare_keys(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* search-index.js: the documents, and every folded word with the documents
 * it occurs in and how often (flat pairs).  Each document's words are
 * counted in C (sorted, runs counted), then merged across documents by a
 * temporary table sorted by word. */
static int S_search_index(vb_corpus *c, const S_entry *entries, size_t n, vb_buf *b, vb_diags *diags) {
    vb_buf_puts(b, "window.VB_INDEX = {\"docs\":[");
    vb_buf folded = {0};
    for (size_t i = 0; i < n; i++) {
        const S_entry *e = &entries[i];
        vb_buf_printf(b, "%s\n{\"id\":%lld,\"t\":", i ? "," : "", (long long)e->id);
        vb_json_string(b, e->title);
        vb_buf_puts(b, ",\"n\":");
        vb_json_string(b, e->number);
        vb_buf_puts(b, ",\"k\":");
        vb_json_string(b, e->type);
        vb_buf_puts(b, ",\"d\":");
        vb_json_string(b, e->date);
        vb_buf_puts(b, ",\"a\":");
        vb_json_string(b, e->authority);
        vb_buf_puts(b, ",\"p\":");
        vb_json_string(b, e->path);
        vb_buf_clear(&folded);
        vb_corpus_fold_text(e->title ? e->title : "", &folded);
        vb_buf_puts(b, ",\"f\":");
        vb_json_string(b, folded.data);
        vb_buf_putc(b, '}');
    }
    vb_buf_free(&folded);
    vb_buf_puts(b, "],\n\"terms\":{");
    sqlite3_stmt *texts = NULL, *put = NULL, *get = NULL;
    int status = VB_OK;
    if (sqlite3_exec(c->db, "CREATE TEMP TABLE IF NOT EXISTS site_postings (term TEXT NOT NULL,"
                            " k INTEGER NOT NULL, n INTEGER NOT NULL); DELETE FROM site_postings;"
                            " BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(c->db, "SELECT text, originals FROM paragraphs WHERE doc_id = ?1",
                           -1, &texts, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(c->db, "INSERT INTO site_postings VALUES (?1, ?2, ?3)", -1, &put,
                           NULL) != SQLITE_OK)
        status = vb_corpus_fail(c, "count the words of its documents", diags);
    vb_buf all = {0};
    S_keys keys = {0};
    for (size_t i = 0; status == VB_OK && i < n; i++) {
        vb_buf_clear(&all);
        sqlite3_bind_int64(texts, 1, entries[i].id);
        while (sqlite3_step(texts) == SQLITE_ROW) {
            vb_buf_puts(&all, (const char *)sqlite3_column_text(texts, 0));
            vb_buf_putc(&all, '\n');
            vb_buf_puts(&all, (const char *)sqlite3_column_text(texts, 1));
            vb_buf_putc(&all, '\n');
        }
        sqlite3_reset(texts);
        keys.n = 0;
        if (all.len) vb_corpus_tokenize(all.data, all.len, false, S_add_key, &keys);
        if (keys.n) qsort(keys.keys, keys.n, sizeof *keys.keys, S_compare_keys);
        for (size_t a = 0; a < keys.n && status == VB_OK;) {
            size_t z = a + 1;
            while (z < keys.n && strcmp(keys.keys[z], keys.keys[a]) == 0) z++;
            sqlite3_bind_text(put, 1, keys.keys[a], -1, SQLITE_STATIC);
            sqlite3_bind_int64(put, 2, (int64_t)i);
            sqlite3_bind_int64(put, 3, (int64_t)(z - a));
            if (sqlite3_step(put) != SQLITE_DONE)
                status = vb_corpus_fail(c, "count the words of its documents", diags);
            sqlite3_reset(put);
            a = z;
        }
        for (size_t a = 0; a < keys.n; a++) free(keys.keys[a]);
    }
    free(keys.keys);
    vb_buf_free(&all);
    if (status == VB_OK &&
        sqlite3_prepare_v2(c->db, "SELECT term, k, n FROM site_postings ORDER BY term, k", -1,
                           &get, NULL) != SQLITE_OK)
        status = vb_corpus_fail(c, "count the words of its documents", diags);
    vb_buf last = {0};
    int rc = SQLITE_DONE;
    while (status == VB_OK && (rc = sqlite3_step(get)) == SQLITE_ROW) {
        const char *term = (const char *)sqlite3_column_text(get, 0);
        if (!last.data || strcmp(last.data, term) != 0) {
            if (last.data) vb_buf_puts(b, "],\n");
            vb_buf_clear(&last);
            vb_buf_puts(&last, term);
            vb_json_string(b, term);
            vb_buf_puts(b, ":[");
        } else {
            vb_buf_putc(b, ',');
        }
        vb_buf_printf(b, "%d,%d", sqlite3_column_int(get, 1), sqlite3_column_int(get, 2));
    }
    if (status == VB_OK && rc != SQLITE_DONE)
        status = vb_corpus_fail(c, "count the words of its documents", diags);
    if (last.data) vb_buf_putc(b, ']');
    vb_buf_puts(b, "}};\n");
    vb_buf_free(&last);
    sqlite3_finalize(texts);
    sqlite3_finalize(put);
    sqlite3_finalize(get);
    sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL); /* the temporary rows go */
    return status;
}

int vb_corpus_site(vb_corpus *c, const char *outdir, vb_diags *diags) {
    vb_buf dir = {0};
    vb_buf_printf(&dir, "%s/doc", outdir);
    const char *docdir = dir.data;
    if (S_mkdir(outdir, diags) != VB_OK || S_mkdir(docdir, diags) != VB_OK) {
        vb_buf_free(&dir);
        return VB_ERR_IO;
    }
    sqlite3_stmt *st = NULL, *paras = NULL;
    if (sqlite3_prepare_v2(c->db,
                           "SELECT id, path, type, type_code, number, authority, date, year, title, html"
                           " FROM documents WHERE status = 'ok'"
                           " ORDER BY year DESC, type_code, number, id", -1, &st, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(c->db, "SELECT kind, text FROM paragraphs WHERE doc_id = ?1 ORDER BY ord",
                           -1, &paras, NULL) != SQLITE_OK) {
        sqlite3_finalize(st);
        vb_buf_free(&dir);
        return vb_corpus_fail(c, "read it", diags);
    }
    S_entry *entries = NULL;
    size_t n = 0, cap = 0;
    int status = VB_OK, rc;
    vb_buf page = {0};
    while (status == VB_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            S_entry *g = realloc(entries, cap * sizeof *g);
            if (!g) abort();
            entries = g;
        }
        S_entry *e = &entries[n++];
        e->id = sqlite3_column_int64(st, 0);
        e->path = S_dup_col(st, 1);
        e->type = S_dup_col(st, 2);
        e->type_code = S_dup_col(st, 3);
        e->number = S_dup_col(st, 4);
        e->authority = S_dup_col(st, 5);
        e->date = S_dup_col(st, 6);
        e->year = sqlite3_column_int(st, 7);
        e->title = S_dup_col(st, 8);
        vb_buf_clear(&page);
        S_doc_page(c, paras, e, sqlite3_column_blob(st, 9), (size_t)sqlite3_column_bytes(st, 9), &page);
        char name[64];
        snprintf(name, sizeof name, "%lld.html", (long long)e->id);
        status = S_write(docdir, name, &page, diags);
    }
    sqlite3_finalize(st);
    sqlite3_finalize(paras);
    if (status == VB_OK) {
        vb_buf_clear(&page);
        S_index_page(&page, entries, n);
        status = S_write(outdir, "index.html", &page, diags);
    }
    if (status == VB_OK) {
        vb_buf_clear(&page);
        status = S_search_index(c, entries, n, &page, diags);
        if (status == VB_OK) status = S_write(outdir, "search-index.js", &page, diags);
    }
    const struct {
        const char *name, *text;
    } statics[] = {{"search.html", S_SEARCH_HTML}, {"search.js", S_SEARCH_JS}, {"style.css", S_CSS}};
    for (size_t i = 0; status == VB_OK && i < sizeof statics / sizeof statics[0]; i++) {
        vb_buf_clear(&page);
        vb_buf_puts(&page, statics[i].text);
        status = S_write(outdir, statics[i].name, &page, diags);
    }
    vb_buf_free(&page);
    for (size_t i = 0; i < n; i++) {
        free(entries[i].path);
        free(entries[i].type);
        free(entries[i].type_code);
        free(entries[i].number);
        free(entries[i].authority);
        free(entries[i].date);
        free(entries[i].title);
    }
    free(entries);
    vb_buf_free(&dir);
    return status;
}
