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

/* A paragraph's id says which document it belongs to, its place there and
 * the field it is part of, so that a full-text hit names all three without a
 * lookup: document << 32 | ord << 2 | field. */
enum { VB_FIELD_BODY = 0, VB_FIELD_HEADING = 1, VB_FIELD_META = 2, VB_FIELD_TITLE = 3 };
#define VB_PARA_DOC(id) ((int64_t)(id) >> 32)
#define VB_PARA_ORD(id) ((int)(((id) >> 2) & 0x3FFFFFFF))
#define VB_PARA_FIELD(id) ((int)((id) & 3))
int64_t vb_corpus_paragraph_id(int64_t doc, int64_t ord, const char *kind);
/* The field a paragraph of this kind belongs to. */
int vb_corpus_field_of(const char *kind);

/* ---- postings: for a key and a document, the paragraphs holding it ---- */
typedef struct {
    char *key;
    int code; /* the paragraph: ord << 2 | field */
} vb_corpus_keycode;
/* By key, then code. */
int vb_corpus_keycode_compare(const void *a, const void *b);
/* The codes of n pairs sorted by code, each once, as unsigned LEB128 gaps. */
void vb_corpus_paras_encode(const vb_corpus_keycode *pairs, size_t n, vb_buf *out);
/* Decodes into *codes, grown (to room for len entries at least) when *cap
 * is short of len; returns how many. The caller frees *codes. */
size_t vb_corpus_paras_decode(const void *data, size_t len, int **codes, size_t *cap);

/* ---- document-level matching and ranking (rank.c) ---- */
#define VB_RANK_MAX_TERMS 128

typedef struct {
    char *expr;        /* the term as FTS5 reads it: "word", "a phrase", "pre"* */
    bool negated;      /* after NOT: excludes, does not rank */
    bool pair;         /* two words of the query in a row ("hoa don"): ranks, is not required */
    int64_t *ids;      /* the paragraphs holding it, ascending */
    size_t n, df;      /* paragraphs, documents */
    double idf, weight; /* weight: the idf, less for a pair */
} vb_rank_term;

typedef struct {
    int64_t doc, best_para;  /* the document, its paragraph that holds most of the query */
    double best;             /* that paragraph's weight times the idf of the terms it holds */
    double *tf;              /* per term: the paragraphs holding it, weighted by field */
    int found;               /* the terms it holds */
} vb_rank_hit;

typedef struct {
    vb_rank_term terms[VB_RANK_MAX_TERMS];
    size_t nterms, positive;   /* terms (the query's, then its pairs), the query's that rank */
    int seq[VB_RANK_MAX_TERMS];  /* the query's terms in the order typed, repeats included */
    size_t nseq;
    bool operators;          /* AND, OR, NOT: the expression decides what matches */
    int required;            /* the terms a document must hold */
    size_t ndocs;
    double avglen;
    vb_rank_hit *hits;       /* every document holding a term, by id */
    size_t nhits;
    int64_t *allowed;        /* with operators: the documents the expression matches */
    size_t nallowed;
} vb_ranking;

extern const double vb_rank_tf_weight[4], vb_rank_para_weight[4], vb_rank_pair_weight;
/* Of n terms a document must hold all when n <= 2, else all but one in three. */
int vb_rank_required(size_t nterms);
double vb_rank_idf(size_t ndocs, size_t df);
/* Reads the postings of the terms of expr (from vb_search_fts_expression)
 * and merges them into hits.  Free with vb_ranking_free. */
int vb_rank_query(vb_corpus *corpus, const char *expr, vb_ranking *out, vb_diags *diags);
bool vb_rank_matches(const vb_ranking *r, const vb_rank_hit *hit);
/* Higher is better; len is the document's text bytes. */
double vb_rank_score(const vb_ranking *r, const vb_rank_hit *hit, double len);
const vb_rank_hit *vb_rank_find(const vb_ranking *r, int64_t doc);
void vb_ranking_free(vb_ranking *r);
/* A passage of at most width words of text around its best cluster of the
 * query's words, each in [ ], "…" where cut; false when none is there. */
bool vb_rank_snippet(const vb_ranking *r, const char *text, size_t width, vb_buf *out);
/* "Did you mean": the query with every word no document holds replaced by
 * the closest indexed word; empty when there is none to replace. */
int vb_rank_suggest(vb_corpus *corpus, const char *text, vb_buf *out);

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
