/* Document-level matching and ranking.  Each term of a query (a word, a
 * "quoted phrase", a code such as 4668/QĐ-UBND, a prefix*) is looked up in
 * the paragraph index on its own; its hits are paragraph ids, which name
 * their document and field (corpus_internal.h), so the lists merge in one
 * pass, in id order, a document at a time, with no lookup.  A document
 * matches when it holds the terms anywhere (most of them when there are
 * three or more); it scores
 *
 *   Σ idf(t) · tf(k1 + 1) / (tf + k1 (1 − b + b · len / avglen))   (BM25)
 *   + max over its paragraphs p of w(p) · Σ idf(t) for t in p       (proximity)
 *
 * over the query's terms and, for two words typed in a row, their pair
 * (the postings keep the pairs of words in a row), whose idf counts 0.1 /
 * 0.85 as much (the sequential dependence model's weights);
 *
 * where tf counts the paragraphs holding t, each weighted by its field
 * (title 3, number/type/authority/date/place 2, heading 2, body 1), len is
 * the document's text bytes, and w(p) is 2 for the title, 1.5 for headings
 * and header fields, 1 for body paragraphs.  The search page of the static
 * site (site.c) computes the same from the index it ships. */
#include "corpus_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define S_K1 1.2
#define S_B 0.75

const double vb_rank_tf_weight[4] = {1.0, 2.0, 2.0, 3.0};   /* body, heading, meta, title */
/* a pair of words in a row counts 0.1 against 0.85 for a word, the weights
 * of the sequential dependence model (Metzler and Croft, 2005) */
const double vb_rank_pair_weight = 0.1 / 0.85;
const double vb_rank_para_weight[4] = {1.0, 1.5, 1.5, 2.0};

int vb_rank_required(size_t nterms) { return (int)(nterms <= 2 ? nterms : nterms - nterms / 3); }

double vb_rank_idf(size_t ndocs, size_t df) {
    return log(1.0 + ((double)ndocs - (double)df + 0.5) / ((double)df + 0.5));
}

/* Adds a term (once) and returns its index, or -1 past the limit. */
static int S_add_term(vb_ranking *r, const char *start, size_t len, bool negated) {
    for (size_t i = 0; i < r->nterms; i++)
        if (strlen(r->terms[i].expr) == len && memcmp(r->terms[i].expr, start, len) == 0) {
            r->terms[i].negated = r->terms[i].negated && negated;
            return (int)i;
        }
    if (r->nterms == VB_RANK_MAX_TERMS) return -1;
    vb_rank_term *t = &r->terms[r->nterms++];
    memset(t, 0, sizeof *t);
    t->expr = malloc(len + 1);
    if (!t->expr) abort();
    memcpy(t->expr, start, len);
    t->expr[len] = '\0';
    t->negated = negated;
    return (int)(r->nterms - 1);
}

/* The terms of an expression made by vb_search_fts_expression: quoted
 * strings (a '*' after one makes a prefix) between operators. */
static void S_parse(vb_ranking *r, const char *expr) {
    bool negate_next = false;
    const char *s = expr;
    while (*s) {
        while (*s == ' ') s++;
        if (!*s) break;
        if (*s == '"') {
            const char *start = s++;
            while (*s && *s != '"') s++;
            if (*s) s++;
            if (*s == '*') s++;
            int t = S_add_term(r, start, (size_t)(s - start), negate_next);
            if (t >= 0 && r->nseq < VB_RANK_MAX_TERMS) r->seq[r->nseq++] = t;
        } else {
            const char *start = s;
            while (*s && *s != ' ') s++;
            r->operators = true; /* the terms after NOT up to the next operator exclude */
            negate_next = (size_t)(s - start) == 3 && memcmp(start, "NOT", 3) == 0;
        }
    }
}

static void S_count_key(void *ctx, const char *key, size_t len, bool colocated, size_t start,
                        size_t end) {
    vb_buf *b = ctx;
    if (b->len) vb_buf_putc(b, '\0'); /* a second key: a phrase */
    vb_buf_append(b, key, len);
}

/* The one key a term of one word looks up ("word" or "pre"*), as the
 * tokenizer keys a query word; false for a phrase. */
static bool S_single_key(const char *expr, bool *prefix, vb_buf *key) {
    size_t len = strlen(expr);
    *prefix = len && expr[len - 1] == '*';
    if (*prefix) len--;
    if (len < 2 || expr[0] != '"' || expr[len - 1] != '"') return false;
    vb_corpus_tokenize(expr + 1, len - 2, true, S_count_key, key);
    return key->len && !memchr(key->data, '\0', key->len);
}

/* Two words in a row in the query, each a term of one key, make a pair
 * term: the folded keys with a blank between, as the index stores them. */
static void S_add_pairs(vb_ranking *r) {
    if (r->operators) return;
    vb_buf a = {0}, b = {0}, fa = {0}, fb = {0};
    for (size_t i = 0; i + 1 < r->nseq; i++) { /* the words as typed, repeats and all */
        const vb_rank_term *x = &r->terms[r->seq[i]], *y = &r->terms[r->seq[i + 1]];
        bool pa, pb;
        vb_buf_clear(&a);
        vb_buf_clear(&b);
        if (x->negated || y->negated || !S_single_key(x->expr, &pa, &a) ||
            !S_single_key(y->expr, &pb, &b) || pa || pb)
            continue;
        vb_buf_clear(&fa);
        vb_buf_clear(&fb);
        vb_corpus_fold_text(a.data, &fa);
        vb_corpus_fold_text(b.data, &fb);
        vb_buf_putc(&fa, ' ');
        vb_buf_append(&fa, fb.data, fb.len);
        size_t before = r->nterms;
        int t = S_add_term(r, fa.data, fa.len, false);
        if (t >= 0 && (size_t)t == before) r->terms[t].pair = true;
    }
    vb_buf_free(&a);
    vb_buf_free(&b);
    vb_buf_free(&fa);
    vb_buf_free(&fb);
}

static int S_compare_ids(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* The paragraphs holding a key (or, for a prefix, any key it starts), from
 * the postings table: one row per document. */
static int S_key_postings(sqlite3_stmt *exact, sqlite3_stmt *range, const vb_buf *key,
                          bool prefix, int64_t **ids, size_t *n) {
    sqlite3_stmt *st = prefix ? range : exact;
    size_t cap = 0;
    *ids = NULL;
    *n = 0;
    sqlite3_bind_text(st, 1, key->data, (int)key->len, SQLITE_STATIC);
    vb_buf upper = {0};
    if (prefix) {
        vb_buf_append(&upper, key->data, key->len);
        vb_buf_putc(&upper, (char)0xFF); /* above every key with this start */
        sqlite3_bind_text(st, 2, upper.data, (int)upper.len, SQLITE_STATIC);
    }
    int rc;
    int *codes = NULL;
    size_t codes_cap = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t doc = sqlite3_column_int64(st, 0);
        const void *data = sqlite3_column_blob(st, 1);
        size_t len = (size_t)sqlite3_column_bytes(st, 1);
        size_t k = vb_corpus_paras_decode(data, len, &codes, &codes_cap);
        if (*n + k > cap) {
            cap = (*n + k) * 2;
            int64_t *g = realloc(*ids, cap * sizeof *g);
            if (!g) abort();
            *ids = g;
        }
        for (size_t i = 0; i < k; i++) (*ids)[(*n)++] = doc << 32 | codes[i];
    }
    free(codes);
    sqlite3_reset(st);
    vb_buf_free(&upper);
    if (prefix && *n) { /* keys in key order: the paragraphs in id order, each once */
        qsort(*ids, *n, sizeof **ids, S_compare_ids);
        size_t u = 0;
        for (size_t i = 0; i < *n; i++)
            if (u == 0 || (*ids)[u - 1] != (*ids)[i]) (*ids)[u++] = (*ids)[i];
        *n = u;
    }
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static size_t S_distinct_docs(const int64_t *ids, size_t n) {
    size_t df = 0;
    for (size_t i = 0; i < n; i++)
        if (i == 0 || VB_PARA_DOC(ids[i]) != VB_PARA_DOC(ids[i - 1])) df++;
    return df;
}

static vb_rank_hit *S_new_hit(vb_ranking *r, int64_t doc, size_t *cap) {
    if (r->nhits == *cap) {
        *cap = *cap ? *cap * 2 : 64;
        vb_rank_hit *g = realloc(r->hits, *cap * sizeof *g);
        if (!g) abort();
        r->hits = g;
    }
    vb_rank_hit *h = &r->hits[r->nhits++];
    memset(h, 0, sizeof *h);
    h->doc = doc;
    h->tf = calloc(r->nterms ? r->nterms : 1, sizeof *h->tf);
    if (!h->tf) abort();
    return h;
}

/* Merges the terms' sorted lists a document at a time: per document, each
 * term's run of paragraphs gives its weighted count, and a dense array over
 * paragraph codes (reset through the list of those touched) sums the idf of
 * the terms each paragraph holds, in term order, for the best one. */
static void S_merge(vb_ranking *r) {
    size_t *at = calloc(r->nterms ? r->nterms : 1, sizeof *at), cap = 0;
    if (!at) abort();
    double *acc = NULL;
    size_t acc_n = 0, touched_cap = 0, ntouched = 0;
    int *touched = NULL;
    for (;;) {
        int64_t doc = INT64_MAX;
        for (size_t t = 0; t < r->nterms; t++)
            if (!r->terms[t].negated && at[t] < r->terms[t].n &&
                VB_PARA_DOC(r->terms[t].ids[at[t]]) < doc)
                doc = VB_PARA_DOC(r->terms[t].ids[at[t]]);
        if (doc == INT64_MAX) break;
        vb_rank_hit *h = S_new_hit(r, doc, &cap);
        ntouched = 0;
        for (size_t t = 0; t < r->nterms; t++) {
            vb_rank_term *term = &r->terms[t];
            if (term->negated) continue;
            size_t i = at[t];
            for (; i < term->n && VB_PARA_DOC(term->ids[i]) == doc; i++) {
                size_t code = (size_t)(term->ids[i] & 0xFFFFFFFF);
                if (code >= acc_n) {
                    size_t n = (code + 1) * 2;
                    double *g = realloc(acc, n * sizeof *g);
                    if (!g) abort();
                    memset(g + acc_n, 0, (n - acc_n) * sizeof *g);
                    acc = g;
                    acc_n = n;
                }
                if (acc[code] == 0) {
                    if (ntouched == touched_cap) {
                        touched_cap = touched_cap ? touched_cap * 2 : 1024;
                        int *g = realloc(touched, touched_cap * sizeof *g);
                        if (!g) abort();
                        touched = g;
                    }
                    touched[ntouched++] = (int)code;
                }
                acc[code] += term->weight; /* > 0: a touched entry is never 0 */
                h->tf[t] += vb_rank_tf_weight[code & 3];
            }
            if (i > at[t] && !term->pair) h->found++;
            at[t] = i;
        }
        int best_code = -1;
        for (size_t k = 0; k < ntouched; k++) {
            int code = touched[k];
            double para = acc[code] * vb_rank_para_weight[code & 3];
            if (para > h->best || (para == h->best && best_code >= 0 && code < best_code)) {
                h->best = para;
                best_code = code;
            }
            acc[code] = 0;
        }
        h->best_para = best_code >= 0 ? doc << 32 | best_code : 0;
    }
    free(at);
    free(acc);
    free(touched);
}

/* Keeps in *ids (n of them) those also in other (m), both ascending. */
static void S_intersect(int64_t *ids, size_t *n, const int64_t *other, size_t m) {
    size_t k = 0, j = 0;
    for (size_t i = 0; i < *n; i++) {
        while (j < m && other[j] < ids[i]) j++;
        if (j < m && other[j] == ids[i]) ids[k++] = ids[i];
    }
    *n = k;
}

/* A phrase: the paragraphs holding each of its words and each two of them
 * in a row (the folded pairs the postings keep), so its words stand in
 * order.  keys: the words' keys, NUL between them. */
static int S_phrase_postings(sqlite3_stmt *exact, sqlite3_stmt *range, const vb_buf *keys,
                             bool prefix, int64_t **ids, size_t *n) {
    *ids = NULL;
    *n = 0;
    int rc = SQLITE_OK;
    bool first = true;
    vb_buf one = {0}, folded = {0}, prev = {0};
    const char *end = keys->data + keys->len;
    for (const char *k = keys->data; rc == SQLITE_OK && k < end; k += strlen(k) + 1) {
        bool last = k + strlen(k) >= end;
        vb_buf_clear(&folded);
        vb_corpus_fold_text(k, &folded);
        for (int pass = 0; pass < 2 && rc == SQLITE_OK; pass++) {
            vb_buf_clear(&one);
            if (pass == 0) {
                vb_buf_puts(&one, k);
            } else {
                if (!prev.len || (last && prefix)) break; /* a prefix has no pair */
                vb_buf_printf(&one, "%s %s", prev.data, folded.data);
            }
            int64_t *got = NULL;
            size_t m = 0;
            rc = S_key_postings(exact, range, &one, pass == 0 && last && prefix, &got, &m);
            if (first) {
                *ids = got;
                *n = m;
                first = false;
            } else {
                S_intersect(*ids, n, got, m);
                free(got);
            }
        }
        vb_buf_clear(&prev);
        vb_buf_append(&prev, folded.data, folded.len);
    }
    vb_buf_free(&one);
    vb_buf_free(&folded);
    vb_buf_free(&prev);
    return rc;
}

/* ---- AND, OR, NOT over paragraphs ---- */

typedef struct {
    int64_t *ids;
    size_t n;
    bool set; /* false: nothing yet (not the empty set) */
} S_set;

static void S_set_copy(S_set *s, const vb_rank_term *t) {
    free(s->ids);
    s->ids = malloc((t->n ? t->n : 1) * sizeof *s->ids);
    if (!s->ids) abort();
    if (t->n) memcpy(s->ids, t->ids, t->n * sizeof *s->ids);
    s->n = t->n;
    s->set = true;
}

static void S_set_minus(S_set *s, const int64_t *other, size_t m) {
    size_t k = 0, j = 0;
    for (size_t i = 0; i < s->n; i++) {
        while (j < m && other[j] < s->ids[i]) j++;
        if (!(j < m && other[j] == s->ids[i])) s->ids[k++] = s->ids[i];
    }
    s->n = k;
}

/* into = into ∩ from (or from, when into is nothing yet); empties from */
static void S_set_and(S_set *into, S_set *from) {
    if (!from->set) return;
    if (!into->set) {
        *into = *from;
    } else {
        S_intersect(into->ids, &into->n, from->ids, from->n);
        free(from->ids);
    }
    *from = (S_set){0};
}

/* into = into ∪ from; empties from */
static void S_set_or(S_set *into, S_set *from) {
    if (!from->set) return;
    int64_t *u = malloc((into->n + from->n + 1) * sizeof *u);
    if (!u) abort();
    size_t i = 0, j = 0, k = 0;
    while (i < into->n || j < from->n) {
        int64_t v = j >= from->n || (i < into->n && into->ids[i] < from->ids[j]) ? into->ids[i++]
                                                                                 : from->ids[j++];
        if (k && u[k - 1] == v) continue;
        u[k++] = v;
    }
    free(into->ids);
    free(from->ids);
    *into = (S_set){u, k, true};
    *from = (S_set){0};
}

static const vb_rank_term *S_term_of(const vb_ranking *r, const char *start, size_t len) {
    for (size_t t = 0; t < r->nterms; t++)
        if (!r->terms[t].pair && strlen(r->terms[t].expr) == len &&
            memcmp(r->terms[t].expr, start, len) == 0)
            return &r->terms[t];
    return NULL;
}

/* The paragraphs an expression of vb_search_fts_expression matches, read
 * as FTS5 reads it: terms side by side bind first (all of them), then NOT
 * (left to right), then AND, then OR. */
static int64_t *S_evaluate(const vb_ranking *r, const char *expr, size_t *n) {
    S_set result = {0}, group = {0}, notx = {0}, unit = {0};
    bool pending_not = false;
    const char *s = expr;
    for (;;) {
        while (*s == ' ') s++;
        const char *start = s;
        size_t len = 0;
        if (*s == '"') {
            s++;
            while (*s && *s != '"') s++;
            if (*s) s++;
            if (*s == '*') s++;
            const vb_rank_term *t = S_term_of(r, start, (size_t)(s - start));
            if (!t) continue; /* past the limit of terms */
            S_set term = {0};
            S_set_copy(&term, t);
            S_set_and(&unit, &term);
            continue;
        }
        while (*s && *s != ' ') s++;
        len = (size_t)(s - start);
        /* an operator or the end: the terms before it are one unit */
        if (unit.set) {
            if (pending_not && notx.set) {
                S_set_minus(&notx, unit.ids, unit.n);
                free(unit.ids);
            } else if (!pending_not) {
                free(notx.ids);
                notx = unit;
            } else {
                free(unit.ids);
            }
            unit = (S_set){0};
            pending_not = false;
        }
        if (len == 3 && memcmp(start, "NOT", 3) == 0) {
            pending_not = true;
            continue;
        }
        S_set_and(&group, &notx);
        if (len == 3 && memcmp(start, "AND", 3) == 0) continue;
        S_set_or(&result, &group);
        if (!len) break;
    }
    free(unit.ids);
    free(notx.ids);
    free(group.ids);
    *n = result.n;
    return result.ids;
}

int vb_rank_query(vb_corpus *c, const char *expr, vb_ranking *r, vb_diags *diags) {
    memset(r, 0, sizeof *r);
    S_parse(r, expr);
    S_add_pairs(r);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(c->db, "SELECT count(*), avg(text_bytes) FROM documents"
                                  " WHERE status = 'ok'", -1, &st, NULL) != SQLITE_OK)
        return vb_corpus_fail(c, "prepare the search", diags);
    if (sqlite3_step(st) == SQLITE_ROW) {
        r->ndocs = (size_t)sqlite3_column_int64(st, 0);
        r->avglen = sqlite3_column_double(st, 1);
    }
    sqlite3_finalize(st);
    sqlite3_stmt *exact = NULL, *range = NULL;
    if (sqlite3_prepare_v2(c->db, "SELECT doc_id, paras FROM postings WHERE term = ?1", -1,
                           &exact, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(c->db, "SELECT doc_id, paras FROM postings WHERE term >= ?1"
                                  " AND term < ?2", -1, &range, NULL) != SQLITE_OK) {
        int status = vb_corpus_fail(c, "prepare the search", diags);
        sqlite3_finalize(exact);
        return status;
    }
    int rc = SQLITE_OK;
    vb_buf key = {0};
    for (size_t t = 0; rc == SQLITE_OK && t < r->nterms; t++) {
        vb_rank_term *term = &r->terms[t];
        /* a word, a prefix, a pair or a phrase: all from the postings */
        bool prefix;
        vb_buf_clear(&key);
        if (term->pair) {
            vb_buf_puts(&key, term->expr);
            rc = S_key_postings(exact, range, &key, false, &term->ids, &term->n);
        } else if (S_single_key(term->expr, &prefix, &key)) {
            rc = S_key_postings(exact, range, &key, prefix, &term->ids, &term->n);
        } else if (key.len) {
            rc = S_phrase_postings(exact, range, &key, prefix, &term->ids, &term->n);
        }
        if (term->negated) continue; /* excludes, does not rank */
        term->df = S_distinct_docs(term->ids, term->n);
        term->idf = vb_rank_idf(r->ndocs, term->df);
        term->weight = term->pair ? term->idf * vb_rank_pair_weight : term->idf;
        if (!term->pair) r->positive++;
    }
    /* with operators the expression decides, paragraph by paragraph, which
     * documents match; the terms only rank them */
    if (rc == SQLITE_OK && r->operators) {
        size_t n = 0;
        int64_t *ids = S_evaluate(r, expr, &n);
        size_t k = 0;
        for (size_t i = 0; i < n; i++)
            if (k == 0 || r->allowed[k - 1] != VB_PARA_DOC(ids[i])) {
                int64_t *g = realloc(r->allowed, (k + 1) * sizeof *g);
                if (!g) abort();
                r->allowed = g;
                r->allowed[k++] = VB_PARA_DOC(ids[i]);
            }
        r->nallowed = k;
        free(ids);
    }
    vb_buf_free(&key);
    sqlite3_finalize(exact);
    sqlite3_finalize(range);
    if (rc != SQLITE_OK) return vb_corpus_fail(c, "search", diags);
    r->required = r->operators ? 1 : vb_rank_required(r->positive);
    S_merge(r);
    return VB_OK;
}

static int S_compare_allowed(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

bool vb_rank_matches(const vb_ranking *r, const vb_rank_hit *h) {
    if (h->found < r->required) return false;
    if (r->operators && (!r->nallowed || !bsearch(&h->doc, r->allowed, r->nallowed,
                                                  sizeof *r->allowed, S_compare_allowed)))
        return false;
    return true;
}

double vb_rank_score(const vb_ranking *r, const vb_rank_hit *h, double len) {
    double norm = S_K1 * (1.0 - S_B + S_B * (r->avglen > 0 ? len / r->avglen : 1.0));
    double s = h->best;
    for (size_t t = 0; t < r->nterms; t++) {
        double tf = h->tf[t];
        if (tf > 0) s += r->terms[t].weight * tf * (S_K1 + 1.0) / (tf + norm);
    }
    return s;
}

const vb_rank_hit *vb_rank_find(const vb_ranking *r, int64_t doc) {
    size_t lo = 0, hi = r->nhits;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (r->hits[mid].doc < doc) lo = mid + 1;
        else hi = mid;
    }
    return lo < r->nhits && r->hits[lo].doc == doc ? &r->hits[lo] : NULL;
}

/* ---- snippets ---- */

typedef struct {
    size_t start, end;
    int key;      /* the query key it matches, -1 for none */
} S_token;

typedef struct {
    const vb_ranking *r;
    char **keys;  /* the keys of the query's words */
    bool *prefix;
    size_t nkeys;
    S_token *tokens;
    size_t n, cap;
} S_snip;

static void S_snip_token(void *ctx, const char *key, size_t len, bool colocated, size_t start,
                         size_t end) {
    S_snip *sn = ctx;
    if (!colocated) {
        if (sn->n == sn->cap) {
            sn->cap = sn->cap ? sn->cap * 2 : 64;
            S_token *g = realloc(sn->tokens, sn->cap * sizeof *g);
            if (!g) abort();
            sn->tokens = g;
        }
        sn->tokens[sn->n++] = (S_token){start, end, -1};
    }
    S_token *t = &sn->tokens[sn->n - 1];
    for (size_t k = 0; k < sn->nkeys && t->key < 0; k++) {
        size_t kl = strlen(sn->keys[k]);
        if (sn->prefix[k] ? len >= kl && memcmp(key, sn->keys[k], kl) == 0
                          : len == kl && memcmp(key, sn->keys[k], kl) == 0)
            t->key = (int)k;
    }
}

static void S_snip_key(void *ctx, const char *key, size_t len, bool colocated, size_t start,
                       size_t end) {
    S_snip *sn = ctx;
    sn->keys = realloc(sn->keys, (sn->nkeys + 1) * sizeof *sn->keys);
    sn->prefix = realloc(sn->prefix, (sn->nkeys + 1) * sizeof *sn->prefix);
    if (!sn->keys || !sn->prefix) abort();
    sn->keys[sn->nkeys] = malloc(len + 1);
    if (!sn->keys[sn->nkeys]) abort();
    memcpy(sn->keys[sn->nkeys], key, len);
    sn->keys[sn->nkeys][len] = '\0';
    sn->prefix[sn->nkeys++] = false;
}

bool vb_rank_snippet(const vb_ranking *r, const char *text, size_t width, vb_buf *out) {
    S_snip sn = {.r = r};
    for (size_t t = 0; t < r->nterms; t++) {
        const vb_rank_term *term = &r->terms[t];
        if (term->negated || term->pair) continue;
        size_t len = strlen(term->expr), first = sn.nkeys;
        bool prefix = len && term->expr[len - 1] == '*';
        if (prefix) len--;
        if (len >= 2) vb_corpus_tokenize(term->expr + 1, len - 2, true, S_snip_key, &sn);
        if (prefix && sn.nkeys > first) sn.prefix[sn.nkeys - 1] = true;
    }
    vb_corpus_tokenize(text, strlen(text), false, S_snip_token, &sn);
    /* the window of width words holding the most distinct keys, then the most matches */
    size_t best_at = 0;
    int best_distinct = 0, best_hits = 0;
    for (size_t a = 0; a < sn.n; a++) {
        if (sn.tokens[a].key < 0) continue;
        size_t from = a + 1 > width ? a + 1 - width : 0; /* windows ending at a match... */
        for (size_t w = from; w <= a; w++) {              /* ...start where they may */
            int distinct = 0, hits = 0;
            for (size_t i = w; i < w + width && i < sn.n; i++) {
                if (sn.tokens[i].key < 0) continue;
                hits++;
                bool seen = false;
                for (size_t j = w; j < i && !seen; j++) seen = sn.tokens[j].key == sn.tokens[i].key;
                distinct += !seen;
            }
            if (distinct > best_distinct || (distinct == best_distinct && hits > best_hits)) {
                best_distinct = distinct;
                best_hits = hits;
                best_at = w;
            }
        }
    }
    bool found = best_hits > 0;
    if (found) {
        size_t end = best_at + width < sn.n ? best_at + width : sn.n;
        if (best_at > 0) vb_buf_puts(out, "…");
        size_t at = sn.tokens[best_at].start;
        for (size_t i = best_at; i < end; i++) {
            const S_token *t = &sn.tokens[i];
            vb_buf_append(out, text + at, t->start - at);
            if (t->key >= 0) vb_buf_putc(out, '[');
            vb_buf_append(out, text + t->start, t->end - t->start);
            if (t->key >= 0) vb_buf_putc(out, ']');
            at = t->end;
        }
        if (end < sn.n) vb_buf_puts(out, "…");
        else vb_buf_puts(out, text + at);
    }
    for (size_t k = 0; k < sn.nkeys; k++) free(sn.keys[k]);
    free(sn.keys);
    free(sn.prefix);
    free(sn.tokens);
    return found;
}

void vb_ranking_free(vb_ranking *r) {
    for (size_t t = 0; t < r->nterms; t++) {
        free(r->terms[t].expr);
        free(r->terms[t].ids);
    }
    for (size_t i = 0; i < r->nhits; i++) free(r->hits[i].tf);
    free(r->hits);
    free(r->allowed);
    memset(r, 0, sizeof *r);
}

/* ---- did you mean ---- */

/* Edit distance with adjacent transpositions, stopping above max. */
static int S_distance(const char *a, size_t la, const char *b, size_t lb, int max) {
    if (la > lb + (size_t)max || lb > la + (size_t)max || la > 64 || lb > 64) return max + 1;
    int d[66][66];
    for (size_t i = 0; i <= la; i++) d[i][0] = (int)i;
    for (size_t j = 0; j <= lb; j++) d[0][j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        int row_min = max + 1;
        for (size_t j = 1; j <= lb; j++) {
            int cost = a[i - 1] != b[j - 1];
            int v = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < v) v = d[i][j - 1] + 1;
            if (d[i - 1][j - 1] + cost < v) v = d[i - 1][j - 1] + cost;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
                v = d[i - 2][j - 2] + 1;
            d[i][j] = v;
            if (v < row_min) row_min = v;
        }
        if (row_min > max) return max + 1;
    }
    return d[la][lb];
}

/* The folded key of each query word that is in no document, replaced by the
 * indexed word closest to it: one that starts with the same letter, at an
 * edit distance of at most 1 (2 for words of five letters or more); among
 * equals, one that follows the word before it somewhere (the pair is
 * indexed), then the one in most documents. */
int vb_rank_suggest(vb_corpus *c, const char *text, vb_buf *out) {
    vb_buf_puts(out, "");
    if (!text) return VB_OK;
    sqlite3_stmt *has = NULL, *vocab = NULL;
    if (sqlite3_prepare_v2(c->db, "SELECT 1 FROM postings WHERE term = ?1 LIMIT 1", -1, &has,
                           NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(c->db, "SELECT term, count(*) FROM postings WHERE term >= ?1"
                                  " AND term < ?2 GROUP BY term", -1, &vocab, NULL) != SQLITE_OK) {
        sqlite3_finalize(has);
        return VB_ERR_IO;
    }
    vb_buf folded = {0}, pair = {0}, prev = {0};
    vb_corpus_fold_text(text, &folded);
    bool changed = false;
    const char *s = folded.data;
    while (s && *s) {
        size_t len = strcspn(s, " ");
        sqlite3_bind_text(has, 1, s, (int)len, SQLITE_STATIC);
        bool known = sqlite3_step(has) == SQLITE_ROW;
        sqlite3_reset(has);
        char best[128] = "";
        if (!known && len >= 3 && len < 64) {
            int max = len >= 5 ? 2 : 1, best_d = max + 1;
            long best_n = -1;
            bool best_pair = false;
            char lo[2] = {s[0], 0}, hi[2] = {(char)(s[0] + 1), 0};
            sqlite3_bind_text(vocab, 1, lo, 1, SQLITE_STATIC);
            sqlite3_bind_text(vocab, 2, hi, 1, SQLITE_STATIC);
            while (sqlite3_step(vocab) == SQLITE_ROW) {
                const char *term = (const char *)sqlite3_column_text(vocab, 0);
                size_t tl = (size_t)sqlite3_column_bytes(vocab, 0);
                long n = sqlite3_column_int(vocab, 1);
                bool plain = tl < sizeof best;
                for (size_t i = 0; i < tl && plain; i++)
                    plain = (unsigned char)term[i] < 0x80 && term[i] != ' ';
                if (!plain) continue; /* exact keys and pairs: the folded word is there */
                int d = S_distance(s, len, term, tl, max);
                if (d > max || d > best_d) continue;
                bool follows = false;
                if (prev.len) {
                    vb_buf_clear(&pair);
                    vb_buf_printf(&pair, "%s %.*s", prev.data, (int)tl, term);
                    sqlite3_bind_text(has, 1, pair.data, (int)pair.len, SQLITE_STATIC);
                    follows = sqlite3_step(has) == SQLITE_ROW;
                    sqlite3_reset(has);
                }
                if (d < best_d || (follows && !best_pair) || (follows == best_pair && n > best_n)) {
                    best_d = d;
                    best_n = n;
                    best_pair = follows;
                    memcpy(best, term, tl + 1);
                }
            }
            sqlite3_reset(vocab);
        }
        if (out->len) vb_buf_putc(out, ' ');
        vb_buf_clear(&prev);
        if (*best) {
            vb_buf_puts(out, best);
            vb_buf_puts(&prev, best);
            changed = true;
        } else {
            vb_buf_append(out, s, len);
            vb_buf_append(&prev, s, len);
        }
        s += len;
        while (*s == ' ') s++;
    }
    vb_buf_free(&folded);
    vb_buf_free(&pair);
    vb_buf_free(&prev);
    sqlite3_finalize(has);
    sqlite3_finalize(vocab);
    if (!changed) vb_buf_clear(out);
    return VB_OK;
}
