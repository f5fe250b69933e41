/* lm.h — the syllable n-gram language model of the diacritics decoder.
 *
 * Words are lower-case Vietnamese syllables written in one canonical tone
 * placement (hòa), plus classes for what is not a syllable: "<n>" (a run of
 * digits), "<w>" (any other word: abbreviations, foreign words) and the
 * punctuation marks that carry context (". , ; : ( ) / - ? ! \" %").
 * The same tokenizer serves the trainer (tools/train/lmtok.c) and the
 * decoder, so both see the same words.
 *
 * The model is a backoff n-gram model (order 1 to 3: probabilities and
 * backoff weights as trained, e.g. interpolated modified Kneser-Ney), read
 * once from a zlib-compressed file and never changed after: share it between
 * threads freely. */
#ifndef VB_LM_H
#define VB_LM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VB_LM_BOS 0   /* "<s>" */
#define VB_LM_EOS 1   /* "</s>" */
#define VB_LM_UNK 2   /* "<unk>" */
#define VB_LM_NUM 3   /* "<n>" */
#define VB_LM_WORD 4  /* "<w>" */

typedef struct vb_lm vb_lm;

/* ---- tokenizer ---- */
typedef enum {
    VB_LMTOK_SYLLABLE, /* a Vietnamese syllable; text is its canonical form */
    VB_LMTOK_NUMBER,
    VB_LMTOK_WORD,     /* letters that are not a syllable */
    VB_LMTOK_PUNCT     /* text is the canonical mark ("\"" for every quote) */
} vb_lmtok_kind;

typedef struct {
    vb_lmtok_kind kind;
    size_t start, len;   /* bytes of the input */
    char text[24];       /* canonical word: syllable, "<n>", "<w>", or the mark */
} vb_lmtok;

/* Calls fn for every token of s; returns the number of tokens. */
typedef void (*vb_lmtok_fn)(const vb_lmtok *tok, void *ctx);
size_t vb_lm_tokenize(const char *s, size_t len, vb_lmtok_fn fn, void *ctx);

/* The mark a punctuation character stands for, NULL when the model skips it. */
const char *vb_lm_punct(uint32_t cp);

/* Canonical (lower case, hòa placement) spelling of a syllable into out
 * (VB_SYL_MAX_BYTES); returns 0 when s is not a syllable. */
size_t vb_lm_canonical(const char *s, size_t len, char *out);

/* ---- model ---- */
vb_lm *vb_lm_load(const char *path, char *err, size_t errlen);
void vb_lm_free(vb_lm *lm);
/* True when path starts as a language model file should (no tables read). */
bool vb_lm_check(const char *path, char *err, size_t errlen); /* err does not name the file */

int vb_lm_order(const vb_lm *lm);
uint32_t vb_lm_vocab_size(const vb_lm *lm);
/* Id of a word (canonical form), VB_LM_UNK when unknown. */
uint32_t vb_lm_id(const vb_lm *lm, const char *word, size_t len);
const char *vb_lm_word(const vb_lm *lm, uint32_t id);
/* Natural log probability of w after u v (u, v may be VB_LM_BOS). */
float vb_lm_logp(const vb_lm *lm, uint32_t u, uint32_t v, uint32_t w);
/* The same for each of ws[0..n) after u v into out[0..n): one lookup of the
 * context for all, and the table cells of all fetched together. */
void vb_lm_logp_many(const vb_lm *lm, uint32_t u, uint32_t v, const uint32_t *ws, size_t n,
                     float *out);
/* Starts fetching the table cells vb_lm_logp(lm, u, v, w) will read. */
void vb_lm_prefetch(const vb_lm *lm, uint32_t u, uint32_t v, uint32_t w);
/* Drops the slice index of the long n-gram ranges, so that lookups search
 * whole ranges: the same answers, slower (tests compare the two). */
void vb_lm_drop_index(vb_lm *lm);
/* Same with the context ignored (unigram). */
float vb_lm_logp1(const vb_lm *lm, uint32_t w);

#endif
