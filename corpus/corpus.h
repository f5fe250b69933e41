/* corpus.h — stage 6: a searchable archive of converted documents.
 *
 * An SQLite database (one file) holds each document's metadata, section tree,
 * paragraphs with their section path, tables and cells, typed values
 * (amounts, dates, references), repair provenance and its XML, with postings
 * (for every key of the tokenizer, corpus/tokenizer.c, and every pair of keys
 * in a row: the documents and paragraphs holding it) from which search
 * matches and ranks whole documents (corpus/rank.c).  The tokenizer keys
 * every word twice: exactly (case-folded, NFC, one tone-placement style) and
 * without diacritics.  Indexing converts inputs on several threads and writes from
 * one, one transaction per document.  Search, the static site and the
 * OpenSearch export read the database. */
#ifndef VB_CORPUS_H
#define VB_CORPUS_H

#include <stdint.h>
#include <stdio.h>

#include "../pipeline/pipeline.h"
#include "../render/render.h"

typedef struct vb_corpus vb_corpus;

enum {
    VB_CORPUS_READ = 0,   /* open an existing database for reading */
    VB_CORPUS_WRITE = 1,  /* open for writing, creating it when missing */
};

/* Errors follow the library's convention (vb_util.h): a negative status and,
 * when diags is not NULL, one error in it, naming the database (or the file
 * written) where one is at fault; a bad query or filter names no file. */

/* Opens (and for writing creates or upgrades) the database at path.  A file
 * that is not an SQLite database, or one that is not a vanban corpus, or a
 * database locked beyond busy_ms milliseconds, fails with an error naming
 * the file.  busy_ms 0 means the default (5000). */
VB_EXPORT int vb_corpus_open(const char *path, int mode, int busy_ms, vb_corpus **out,
                             vb_diags *diags);
VB_EXPORT void vb_corpus_close(vb_corpus *corpus);
/* The underlying connection (struct sqlite3 *), for tests and tools. */
VB_EXPORT void *vb_corpus_handle(vb_corpus *corpus);

/* ---- tokenizer ---- */
/* The keys of one word: exact (case-folded NFC, tone marks in the old
 * placement hòa) and folded (no diacritics, đ → d).  Both appended to their
 * buffers, NUL-terminated.  Returns true when the word has diacritics (the
 * two keys differ). */
VB_EXPORT bool vb_corpus_word_keys(const char *word, size_t len, vb_buf *exact, vb_buf *folded);
/* Splits text into words as the full-text index does and calls fn for every
 * key it emits: for a document (query false) the folded key of each word and,
 * colocated after it, the exact key when the word has diacritics; for a query
 * the exact key when the word has diacritics, else the folded one. */
typedef void (*vb_corpus_token_fn)(void *ctx, const char *key, size_t len, bool colocated,
                                   size_t start, size_t end);
VB_EXPORT int vb_corpus_tokenize(const char *text, size_t len, bool query, vb_corpus_token_fn fn,
                                 void *ctx);
/* The folded keys of the words of text, separated by one blank
 * ("Sở Y tế" → "so y te"): how filters compare names. */
VB_EXPORT void vb_corpus_fold_text(const char *text, vb_buf *out);
/* A citation key: the code without blanks, diacritics or case ("4668/QD-UBND"). */
VB_EXPORT void vb_corpus_code_key(const char *code, vb_buf *out);

/* ---- index ---- */
typedef struct {
    vb_pipeline_options pipeline;
    int jobs;        /* conversion threads (the writer is one more) */
    bool progress;   /* a progress line on stderr */
    bool force;      /* re-index files whose checksum did not change */
    bool prune;      /* remove stored documents under the inputs whose file is gone */
} vb_index_options;

typedef struct {
    size_t inputs;      /* files found */
    size_t indexed;     /* converted and stored */
    size_t unchanged;   /* same path and checksum already stored */
    size_t duplicates;  /* same checksum stored under another path */
    size_t failed;      /* recorded as failed */
    size_t removed;     /* pruned: their file no longer exists */
    size_t text_bytes;  /* bytes of input read */
} vb_index_stats;

VB_EXPORT void vb_index_options_default(vb_index_options *opts);
/* Indexes files and directory trees (.txt .text .md .docx .doc .xml).  A file
 * that fails to convert is stored as failed with its error; the run goes on.
 * Returns VB_OK unless the database itself failed. */
VB_EXPORT int vb_corpus_index(vb_corpus *corpus, char *const *inputs, size_t ninputs,
                              const vb_index_options *opts, vb_index_stats *stats,
                              vb_diags *diags);

/* ---- search ---- */
typedef struct {
    const char *text;       /* words, "phrases", prefix*, AND/OR/NOT; may be empty */
    const char *type;       /* document type: "KH" or "Kế hoạch" (NULL = any) */
    const char *authority;  /* words of the issuing body, diacritics optional */
    int year;               /* 0 = any */
    const char *cites;      /* documents citing this code */
    const char *cited_by;   /* documents the document with this code cites */
    /* task records (plans' task tables): a document matches when one of its
     * tasks meets every task filter given, and its hit lists those tasks */
    const char *lead;       /* lead agency: words of its name, diacritics optional */
    const char *partner;    /* a partner agency, the same way */
    const char *deadline;   /* 2026, 2025-2027, 2026-06, or a kind: quarter, year,
                               period, month, date, yearly, quarterly, monthly, ongoing */
    const char *task;       /* words of the task's name or output */
    size_t limit;           /* hits returned (default 10) */
    size_t offset;
} vb_search_query;

typedef struct {
    const char *num, *section, *name, *lead, *partners, *output;
    const char *deadline, *deadline_kind, *due; /* as printed, its kind, ISO date due */
    int from_year, line;
} vb_task_hit;

typedef struct {
    int64_t doc_id;
    const char *path, *type, *number, *authority, *date, *title;
    const char *section;  /* the section path of the best paragraph */
    const char *snippet;  /* highlighted with [ ] */
    double score;         /* the document's score, negated: lower is better */
    size_t cited_by;      /* indexed documents that cite this one */
    vb_task_hit *tasks;   /* with task filters: the document's tasks that meet them */
    size_t ntasks;
} vb_search_hit;

typedef struct {
    const char *value;
    size_t count;
} vb_facet;

typedef struct {
    vb_arena *arena;
    vb_search_hit *hits;
    size_t nhits, total;                 /* hits returned, documents matching */
    vb_facet *types, *years, *authorities;
    size_t ntypes, nyears, nauthorities;
    const char *suggestion;              /* when nothing matched: the query with each word
                                            no document holds made the closest indexed
                                            word ("did you mean"), or NULL */
} vb_search_result;

VB_EXPORT int vb_corpus_search(vb_corpus *corpus, const vb_search_query *query,
                               vb_search_result *out, vb_diags *diags);
VB_EXPORT void vb_search_result_free(vb_search_result *result);
VB_EXPORT void vb_search_write_text(const vb_search_result *result, vb_buf *out);
VB_EXPORT void vb_search_write_json(const vb_search_result *result, vb_buf *out);
/* True when the query filters on task records. */
VB_EXPORT bool vb_search_has_task_filter(const vb_search_query *query);
/* The expression a user query becomes, in FTS5's syntax: every term quoted,
 * operators kept where they may stand (exposed for tests). */
VB_EXPORT void vb_search_fts_expression(const char *text, vb_buf *out);

/* ---- site and export ---- */
/* Writes index.html, search.html, search.js, search-index.json and one page
 * per document (doc/ID.html) into outdir. */
VB_EXPORT int vb_corpus_site(vb_corpus *corpus, const char *outdir, vb_diags *diags);
/* OpenSearch/Elasticsearch bulk NDJSON: an action line and a document line
 * per indexed document, into index_name. */
VB_EXPORT int vb_corpus_export_opensearch(vb_corpus *corpus, const char *index_name, FILE *out,
                                          vb_diags *diags);
/* The TT 05/2025/TT-BNV record of the corpus as one file (hồ sơ): <EAD>
 * with the file's 18 fields, then the document record (<EAD_doc>) of every
 * converted document, in the order of their paths.  totalDoc counts those
 * records; startDate and endDate are the earliest and latest issuedDate
 * among them; numberOfPage is their sum when every record has one;
 * language and confidenceLevel are the documents' when they all agree (01
 * and 02 together are 03, mixed); the rest comes from given (NULL for
 * none), whose values override these.  Valid against schema/ead-file.rng. */
VB_EXPORT int vb_corpus_export_ead(vb_corpus *corpus, const vb_ead_file_given *given, FILE *out,
                                   vb_diags *diags);
/* The index settings and mapping (JSON) the bulk data is meant for. */
VB_EXPORT const char *vb_corpus_opensearch_mapping(void);

#endif
