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

/* The search of the database (rank.c) over the index the site ships: query
 * words keyed as the tokenizer keys them (folded without diacritics, exact
 * with them, oa/oe/uy tone on the first vowel), a document matching when it
 * holds the terms (most of them for three or more), scored by BM25 over
 * fields plus its best paragraph, pairs of words in a row weighing less; a
 * "phrase" is its words and each two of them in a row in one paragraph, as
 * the database reads it.  VB_SEARCH(query) gives the ids. */
static const char S_SEARCH_JS[] =
    "(function () {\n"
    "  'use strict';\n"
    "  var index = window.VB_INDEX, docs = index.docs, W = index.weights;\n"
    "  var K1 = 1.2, B = 0.75, TONES = '\\u0300\\u0301\\u0303\\u0309\\u0323';\n"
    "  var ndocs = docs.length, total = 0;\n"
    "  docs.forEach(function (d) { total += d.l; });\n"
    "  var avglen = ndocs ? total / ndocs : 0;\n"
    "  function fold(s) {\n"
    "    return s.normalize('NFD').replace(/[\\u0300-\\u036f]/g, '').replace(/[\\u0111\\u0110]/g, 'd')\n"
    "      .toLowerCase();\n"
    "  }\n"
    "  /* the exact key: lower case, the tone of oa, oe, uy on the first vowel */\n"
    "  function exact(w) {\n"
    "    var d = w.toLowerCase().normalize('NFD');\n"
    "    var m = /^(.*?)([ou])([\\u0300\\u0301\\u0303\\u0309\\u0323]?)([aey])([\\u0300\\u0301\\u0303\\u0309\\u0323]?)$/.exec(d);\n"
    "    if (m && (m[2] === 'o' ? m[4] !== 'y' : m[4] === 'y') && !m[2] && m[5]) {\n"
    "      var pc = m[1].slice(-1);\n"
    "      if (!pc || (/[^aeiouy\\u0300-\\u036f]/.test(pc) && (pc < '\\u0080' || pc === '\\u0111') &&\n"
    "                  !(m[2] === 'u' && pc === 'q')))\n"
    "        d = m[1] + m[2] + m[5] + m[4];\n"
    "    }\n"
    "    return d.normalize('NFC');\n"
    "  }\n"
    "  function key(w) { var f = fold(w); return f === w.toLowerCase() ? f : exact(w); }\n"
    "  function words(s) { return s.match(/[\\p{L}\\p{N}]+(?:[.,]\\p{N}+)*/gu) || []; }\n"
    "  /* the terms of a query as the database reads them: words, \"phrases\",\n"
    "     codes (4668/QĐ-UBND: their words), prefix*, AND OR NOT */\n"
    "  function parse(query) {\n"
    "    var terms = [], seq = [], seen = {}, ops = false, negate = false, re = /\"([^\"]*)\"?|([^\\s\"]+)/g, m;\n"
    "    while ((m = re.exec(query))) {\n"
    "      var text = m[1] !== undefined ? m[1] : m[2], prefix = false;\n"
    "      if (m[2] !== undefined && /^(AND|OR|NOT)$/.test(m[2])) { ops = true; negate = m[2] === 'NOT'; continue; }\n"
    "      if (m[2] !== undefined && text.length > 1 && text.slice(-1) === '*') { prefix = true; text = text.slice(0, -1); }\n"
    "      var ws = words(text).map(key);\n"
    "      if (!ws.length) continue;\n"
    "      var id = ws.join(' ') + (prefix ? '*' : '');\n"
    "      if (id in seen) {\n"
    "        if (!negate) terms[seen[id]].not = false;\n"
    "      } else {\n"
    "        seen[id] = terms.length;\n"
    "        terms.push({keys: ws, prefix: prefix, not: negate});\n"
    "      }\n"
    "      seq.push(terms[seen[id]]);\n"
    "    }\n"
    "    return {terms: terms, ops: ops, seq: seq};\n"
    "  }\n"
    "  /* doc → sorted paragraph codes, from a key's flat list */\n"
    "  function decode(list, into) {\n"
    "    for (var i = 0; i < list.length;) {\n"
    "      var d = list[i], n = list[i + 1], c = 0, ps = into[d] || (into[d] = []);\n"
    "      for (var j = 0; j < n; j++) { c += list[i + 2 + j]; ps.push(c); }\n"
    "      i += 2 + n;\n"
    "    }\n"
    "    return into;\n"
    "  }\n"
    "  function uniq(map) {\n"
    "    Object.keys(map).forEach(function (d) {\n"
    "      var a = map[d].sort(function (x, y) { return x - y; });\n"
    "      map[d] = a.filter(function (v, i) { return i === 0 || v !== a[i - 1]; });\n"
    "    });\n"
    "    return map;\n"
    "  }\n"
    "  function postings(term) {\n"
    "    var lists = term.keys.map(function (k, i) {\n"
    "      var into = {};\n"
    "      if (term.prefix && i === term.keys.length - 1) {\n"
    "        for (var t in index.terms) if (t.lastIndexOf(k, 0) === 0) decode(index.terms[t], into);\n"
    "        return uniq(into);\n"
    "      }\n"
    "      return decode(index.terms[k] || [], into);\n"
    "    });\n"
    "    /* a phrase: the paragraphs holding all its words and each two in a row */\n"
    "    if (!term.prefix)\n"
    "      for (var k = 1; k < term.keys.length; k++)\n"
    "        lists.push(decode(index.terms[fold(term.keys[k - 1]) + ' ' + fold(term.keys[k])] || [], {}));\n"
    "    var out = lists[0];\n"
    "    for (var i = 1; i < lists.length; i++) {\n"
    "      var next = {};\n"
    "      Object.keys(out).forEach(function (d) {\n"
    "        if (!lists[i][d]) return;\n"
    "        var have = {};\n"
    "        lists[i][d].forEach(function (c) { have[c] = true; });\n"
    "        var both = out[d].filter(function (c) { return have[c]; });\n"
    "        if (both.length) next[d] = both;\n"
    "      });\n"
    "      out = next;\n"
    "    }\n"
    "    return out;\n"
    "  }\n"
    "  function search(query) {\n"
    "    var q = parse(query), terms = q.terms.filter(function (t) { return !t.not; });\n"
    "    if (!terms.length) return [];\n"
    "    var n = terms.length, required = q.ops ? 1 : n <= 2 ? n : n - Math.floor(n / 3);\n"
    "    /* two words in a row: their folded pair, which ranks but is not required */\n"
    "    var seenPairs = {};\n"
    "    for (var p = 0; !q.ops && p + 1 < q.seq.length; p++) {\n"
    "      var a = q.seq[p], b = q.seq[p + 1];\n"
    "      if (a.not || b.not || a.prefix || b.prefix || a.keys.length !== 1 || b.keys.length !== 1) continue;\n"
    "      var pk = fold(a.keys[0]) + ' ' + fold(b.keys[0]);\n"
    "      if (pk in seenPairs) continue;\n"
    "      seenPairs[pk] = true;\n"
    "      terms.push({keys: [pk], prefix: false, not: false, pair: true});\n"
    "    }\n"
    "    var hits = {}, excluded = {};\n"
    "    q.terms.forEach(function (t) {\n"
    "      if (t.not) Object.keys(postings(t)).forEach(function (d) { excluded[d] = true; });\n"
    "    });\n"
    "    terms.forEach(function (t) {\n"
    "      t.docs = postings(t);\n"
    "      var df = Object.keys(t.docs).length;\n"
    "      t.idf = Math.log(1 + (ndocs - df + 0.5) / (df + 0.5));\n"
    "      t.weight = t.pair ? t.idf * W.pair : t.idf;\n"
    "    });\n"
    "    terms.forEach(function (t, ti) {\n"
    "      Object.keys(t.docs).forEach(function (d) {\n"
    "        var h = hits[d] || (hits[d] = {tf: [], para: {}, found: 0});\n"
    "        if (!t.pair) h.found++;\n"
    "        var tf = 0;\n"
    "        t.docs[d].forEach(function (c) {\n"
    "          tf += W.tf[c & 3];\n"
    "          h.para[c] = (h.para[c] || 0) + t.weight;\n"
    "        });\n"
    "        h.tf[ti] = tf;\n"
    "      });\n"
    "    });\n"
    "    var out = [];\n"
    "    Object.keys(hits).forEach(function (d) {\n"
    "      var h = hits[d], doc = docs[d];\n"
    "      if (h.found < required || excluded[d]) return;\n"
    "      var best = 0;\n"
    "      Object.keys(h.para).forEach(function (c) {\n"
    "        var s = h.para[c] * W.para[c & 3];\n"
    "        if (s > best) best = s;\n"
    "      });\n"
    "      var norm = K1 * (1 - B + B * (avglen > 0 ? doc.l / avglen : 1)), s = best;\n"
    "      for (var i = 0; i < terms.length; i++) {\n"
    "        var tf = h.tf[i] || 0;\n"
    "        if (tf > 0) s += terms[i].weight * tf * (K1 + 1) / (tf + norm);\n"
    "      }\n"
    "      out.push({d: +d, all: h.found === n, score: s});\n"
    "    });\n"
    "    out.sort(function (a, b) {\n"
    "      return (b.all - a.all) || (b.score - a.score) || (docs[a.d].id - docs[b.d].id);\n"
    "    });\n"
    "    return out.map(function (h) { return h.d; });\n"
    "  }\n"
    "  /* edit distance with adjacent transpositions */\n"
    "  function distance(a, b) {\n"
    "    var d = [], i, j;\n"
    "    for (i = 0; i <= a.length; i++) { d[i] = [i]; }\n"
    "    for (j = 0; j <= b.length; j++) d[0][j] = j;\n"
    "    for (i = 1; i <= a.length; i++)\n"
    "      for (j = 1; j <= b.length; j++) {\n"
    "        var v = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] !== b[j - 1]));\n"
    "        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2][j - 2] + 1);\n"
    "        d[i][j] = v;\n"
    "      }\n"
    "    return d[a.length][b.length];\n"
    "  }\n"
    "  /* as the database does: a word of no document becomes the indexed word\n"
    "     closest to it, starting with the same letter, at most 1 edit away (2\n"
    "     from five letters); among equals one following the word before it\n"
    "     (the pair is indexed), then the one in most documents */\n"
    "  function suggest(query) {\n"
    "    var changed = false, prev = '', out = words(query).map(fold).map(function (w) {\n"
    "      var best = null;\n"
    "      if (!index.terms[w] && w.length >= 3) {\n"
    "        var max = w.length >= 5 ? 2 : 1, bestD = max + 1, bestN = -1, bestPair = false;\n"
    "        Object.keys(index.terms).sort().forEach(function (t) {\n"
    "          if (t[0] !== w[0] || /[^\\x00-\\x7f]| /.test(t) || Math.abs(t.length - w.length) > max) return;\n"
    "          var dist = distance(w, t);\n"
    "          if (dist > max || dist > bestD) return;\n"
    "          var l = index.terms[t], cnt = 0, follows = !!(prev && index.terms[prev + ' ' + t]);\n"
    "          for (var i = 0; i < l.length; i += 2 + l[i + 1]) cnt++;\n"
    "          if (dist < bestD || (follows && !bestPair) || (follows === bestPair && cnt > bestN)) {\n"
    "            best = t; bestD = dist; bestN = cnt; bestPair = follows;\n"
    "          }\n"
    "        });\n"
    "      }\n"
    "      prev = best || w;\n"
    "      if (best) changed = true;\n"
    "      return prev;\n"
    "    });\n"
    "    return changed ? out.join(' ') : '';\n"
    "  }\n"
    "  window.VB_SEARCH = function (query) {\n"
    "    return search(query).map(function (d) { return docs[d].id; });\n"
    "  };\n"
    "  window.VB_SUGGEST = suggest;\n"
    "  function show(query) {\n"
    "    var list = document.getElementById('results'), hits = search(query);\n"
    "    list.textContent = '';\n"
    "    var summary = query ? hits.length + ' văn bản' : '';\n"
    "    if (query && !hits.length) {\n"
    "      var s = suggest(query);\n"
    "      if (s) {\n"
    "        var a = document.createElement('a');\n"
    "        a.href = '?q=' + encodeURIComponent(s);\n"
    "        a.id = 'suggestion';\n"
    "        a.textContent = s;\n"
    "        document.getElementById('summary').textContent = summary + ' — có phải bạn muốn tìm: ';\n"
    "        document.getElementById('summary').appendChild(a);\n"
    "        return;\n"
    "      }\n"
    "    }\n"
    "    document.getElementById('summary').textContent = summary;\n"
    "    hits.slice(0, 100).forEach(function (d) {\n"
    "      var doc = docs[d], li = document.createElement('li'), a = document.createElement('a');\n"
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
    "  if (!form) return;\n"
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
    int64_t text_bytes;
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

typedef struct {
    int64_t id;
    size_t at;
} S_doc_at;

static int S_compare_doc_at(const void *a, const void *b) {
    int64_t x = ((const S_doc_at *)a)->id, y = ((const S_doc_at *)b)->id;
    return (x > y) - (x < y);
}

/* search-index.js: the documents (with their text length) and the
 * database's postings: every key (folded, and exact for words with
 * diacritics) with, per document holding it, the paragraphs that do:
 * "key": [document, count, first paragraph, gaps to the next...], a
 * paragraph being ord << 2 | field as in the database's paragraph ids.  This
 * is what the database's ranking reads (rank.c), so the page ranks as
 * `vanban search` does. */
static int S_search_index(vb_corpus *c, const S_entry *entries, size_t n, vb_buf *b, vb_diags *diags) {
    vb_buf_puts(b, "window.VB_INDEX = {\"docs\":[");
    S_doc_at *order = malloc((n ? n : 1) * sizeof *order);
    if (!order) abort();
    for (size_t i = 0; i < n; i++) {
        const S_entry *e = &entries[i];
        order[i] = (S_doc_at){e->id, i};
        vb_buf_printf(b, "%s\n{\"id\":%lld,\"l\":%lld,\"t\":", i ? "," : "", (long long)e->id,
                      (long long)e->text_bytes);
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
        vb_buf_putc(b, '}');
    }
    if (n) qsort(order, n, sizeof *order, S_compare_doc_at);
    vb_buf_puts(b, "],\n\"terms\":{");
    sqlite3_stmt *get = NULL;
    int status = VB_OK, rc = SQLITE_DONE;
    if (sqlite3_prepare_v2(c->db, "SELECT term, doc_id, paras FROM postings ORDER BY term, doc_id",
                           -1, &get, NULL) != SQLITE_OK)
        status = vb_corpus_fail(c, "read its postings", diags);
    vb_buf last = {0};
    int *codes = NULL;
    size_t codes_cap = 0;
    while (status == VB_OK && (rc = sqlite3_step(get)) == SQLITE_ROW) {
        const char *term = (const char *)sqlite3_column_text(get, 0);
        S_doc_at key = {sqlite3_column_int64(get, 1), 0};
        const S_doc_at *doc = n ? bsearch(&key, order, n, sizeof *order, S_compare_doc_at) : NULL;
        if (!doc) continue; /* a failed document has none; nothing else is left out */
        const void *data = sqlite3_column_blob(get, 2);
        size_t len = (size_t)sqlite3_column_bytes(get, 2);
        size_t k = vb_corpus_paras_decode(data, len, &codes, &codes_cap);
        if (!last.data || strcmp(last.data, term) != 0) {
            if (last.data) vb_buf_puts(b, "],\n");
            vb_buf_clear(&last);
            vb_buf_puts(&last, term);
            vb_json_string(b, term);
            vb_buf_puts(b, ":[");
        } else {
            vb_buf_putc(b, ',');
        }
        vb_buf_printf(b, "%zu,%zu", doc->at, k);
        for (size_t i = 0; i < k; i++) vb_buf_printf(b, ",%d", i ? codes[i] - codes[i - 1] : codes[i]);
    }
    if (status == VB_OK && rc != SQLITE_DONE) status = vb_corpus_fail(c, "read its postings", diags);
    if (last.data) vb_buf_putc(b, ']');
    vb_buf_printf(b, "},\n\"weights\":{\"tf\":[%g,%g,%g,%g],\"para\":[%g,%g,%g,%g],\"pair\":%.17g}};\n",
                  vb_rank_tf_weight[0], vb_rank_tf_weight[1], vb_rank_tf_weight[2],
                  vb_rank_tf_weight[3], vb_rank_para_weight[0], vb_rank_para_weight[1],
                  vb_rank_para_weight[2], vb_rank_para_weight[3], vb_rank_pair_weight);
    vb_buf_free(&last);
    free(codes);
    free(order);
    sqlite3_finalize(get);
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
                           "SELECT id, path, type, type_code, number, authority, date, year, title, html,"
                           " text_bytes"
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
        e->text_bytes = sqlite3_column_int64(st, 10);
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
