/* The syllable n-gram language model: tokenizer, loader and lookups. */
#include "lm.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <zlib.h>

#include "../util/vb_util.h"
#include "../util/util_internal.h"
#include "syllable.h"

/* ---- tokenizer ---- */

static bool S_is_letter(uint32_t cp) {
    if (cp < 0x80) return (cp | 32) >= 'a' && (cp | 32) <= 'z';
    return u_isalpha((UChar32)cp) || (cp >= 0x300 && cp <= 0x36F);
}

/* The canonical mark of a punctuation character, or NULL to skip it. */
const char *vb_lm_punct(uint32_t cp) {
    switch (cp) {
    case '.': case 0x2026: return ".";
    case ',': return ",";
    case ';': return ";";
    case ':': return ":";
    case '(': case '[': return "(";
    case ')': case ']': return ")";
    case '/': return "/";
    case '-': case 0x2013: case 0x2014: return "-";
    case '?': return "?";
    case '!': return "!";
    case '%': return "%";
    case '"': case 0x201C: case 0x201D: case 0xAB: case 0xBB: return "\"";
    default: return NULL;
    }
}

size_t vb_lm_canonical(const char *s, size_t len, char *out) {
    vb_syllable syl;
    if (len >= VB_SYL_MAX_BYTES * 2 || !vb_syl_parse(s, len, &syl, NULL)) return 0;
    return vb_syl_compose(syl, VB_SYL_STYLE_HOA_O, out);
}

size_t vb_lm_tokenize(const char *s, size_t len, vb_lmtok_fn fn, void *ctx) {
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, count = 0;
    while (i < len) {
        uint32_t cp;
        int n = vb_utf8_decode(p + i, len - i, &cp);
        if (!n) {
            i++;
            continue;
        }
        vb_lmtok tok;
        tok.start = i;
        if (S_is_letter(cp)) {
            size_t j = i + (size_t)n;
            while (j < len) {
                int m = vb_utf8_decode(p + j, len - j, &cp);
                if (!m || !S_is_letter(cp)) break;
                j += (size_t)m;
            }
            tok.len = j - i;
            if (vb_lm_canonical(s + i, tok.len, tok.text)) tok.kind = VB_LMTOK_SYLLABLE;
            else {
                tok.kind = VB_LMTOK_WORD;
                strcpy(tok.text, "<w>");
            }
            i = j;
        } else if (cp >= '0' && cp <= '9') {
            size_t j = i + 1;
            while (j < len && p[j] >= '0' && p[j] <= '9') j++;
            tok.len = j - i;
            tok.kind = VB_LMTOK_NUMBER;
            strcpy(tok.text, "<n>");
            i = j;
        } else {
            const char *mark = vb_lm_punct(cp);
            i += (size_t)n;
            if (!mark) continue;
            tok.len = (size_t)n;
            tok.kind = VB_LMTOK_PUNCT;
            strcpy(tok.text, mark);
        }
        count++;
        if (fn) fn(&tok, ctx);
    }
    return count;
}

/* ---- model ---- */

/* Open-addressing table from an n-gram key to its slot (keys stored + 1). */
typedef struct {
    uint64_t *keys;
    uint32_t *slot;
    size_t mask;
} S_table;

/* The n-gram tables are a sorted trie, about 5 bytes per n-gram (the hash
 * tables they replace took 22, and the model's tables were most of the
 * memory of a conversion that loads it):
 *   - the bigrams u v of each first word u are a sorted range of bi_entry,
 *     from bi_start[u] to bi_start[u + 1]; an entry holds v in its low 24
 *     bits and the probability code in its top 8, with the backoff code in
 *     bi_bow;
 *   - the trigrams u v w of a bigram i are the range tri_start[i] to
 *     tri_start[i + 1] of tri_entry, w and its probability code the same way.
 * A lookup is a binary search in one range; the ranges of a context are
 * small and the beam asks one context for many words. */
#define ENTRY_WORD_MASK UINT32_C(0xFFFFFF)
#define ENTRY_CODE(e) ((e) >> 24)

/* A long range (the words after "của", after "thực hiện") would take a dozen
 * steps of binary search over as many cache lines: it gets an index of where
 * the words of each slice of the vocabulary start in it (words w with the
 * same w >> shift), so that a search starts in a slice a few entries long.
 * The longer the range, the finer its slices: about INDEX_SLICE entries
 * each. */
enum { INDEX_SLICE = 8, INDEX_MIN = 48 };

typedef struct {
    uint32_t *bi_start;  /* vocab + 1 */
    uint32_t *bi_entry;  /* n2 */
    uint8_t *bi_bow;     /* n2 */
    uint32_t *tri_start; /* n2 + 1 */
    uint32_t *tri_entry; /* n3 kept */
    uint16_t *index;     /* per indexed range: its shift, then the offset from the range start
                            of each slice and of the range end */
    size_t nindex, capindex;
    uint32_t *bi_index;  /* vocab: where the index of the bigrams of u starts, or UINT32_MAX */
    uint64_t *tri_index; /* hash: (bigram + 1) << 32 | index position; 0 = empty */
    size_t tri_index_mask;
} S_trie;

#define NO_INDEX UINT32_MAX

/* Narrows [*lo, *hi) to the slice of an indexed range that may hold w. */
static inline void S_narrow(const S_trie *t, uint32_t at, uint32_t w, uint32_t *lo, uint32_t *hi) {
    if (at == NO_INDEX) return;
    const uint16_t *ix = t->index + at;
    uint32_t part = w >> ix[0]; /* w < vocab: within the index */
    uint32_t base = *lo;
    *lo = base + ix[1 + part];
    *hi = base + ix[2 + part];
}

static inline uint64_t S_mix(uint64_t x);

/* Where the index of the trigrams after bigram ctx starts, or NO_INDEX. */
static inline uint32_t S_tri_index(const S_trie *t, uint32_t ctx) {
    if (!t->tri_index) return NO_INDEX;
    uint64_t want = (uint64_t)(ctx + 1) << 32;
    for (size_t i = S_mix(ctx) & t->tri_index_mask;; i = (i + 1) & t->tri_index_mask) {
        uint64_t cell = t->tri_index[i];
        if (!cell) return NO_INDEX;
        if ((cell & ~UINT64_C(0xFFFFFFFF)) == want) return (uint32_t)cell;
    }
}

/* Index of the entry for word w in entries [lo, hi), or UINT32_MAX.  The
 * search has no data-dependent branch (a conditional move per step): the
 * comparisons of a binary search are unpredictable. */
static inline uint32_t S_find(const uint32_t *entry, uint32_t lo, uint32_t hi, uint32_t w) {
    uint32_t n = hi - lo;
    if (!n) return UINT32_MAX;
    const uint32_t *base = entry + lo;
    while (n > 1) {
        uint32_t half = n / 2;
        base = (base[half] & ENTRY_WORD_MASK) <= w ? base + half : base;
        n -= half;
    }
    return (*base & ENTRY_WORD_MASK) == w ? (uint32_t)(base - entry) : UINT32_MAX;
}

struct vb_lm {
    int order;
    uint32_t vocab;
    char *words;        /* NUL-separated */
    const char **word;  /* id -> word */
    S_table vocab_index;/* hash of word -> id */
    float *uni_logp, *uni_bow;
    float q_prob2[256], q_bow2[256], q_prob3[256];
    size_t n2, n3;
    S_trie t;
};

static inline uint64_t S_mix(uint64_t x) {
    x ^= x >> 31;
    x *= 0x7fb5d329728ea185ULL;
    x ^= x >> 27;
    x *= 0x81dadef4bc2dd44dULL;
    x ^= x >> 33;
    return x;
}

static void S_table_init(S_table *t, size_t n) {
    size_t cap = 16;
    while (cap < n * 2) cap <<= 1;
    t->keys = calloc(cap, sizeof *t->keys);
    t->slot = malloc(cap * sizeof *t->slot);
    if (!t->keys || !t->slot) abort();
    t->mask = cap - 1;
}

static void S_table_put(S_table *t, uint64_t key, uint32_t slot) {
    size_t h = S_mix(key) & t->mask;
    while (t->keys[h]) h = (h + 1) & t->mask;
    t->keys[h] = key + 1;
    t->slot[h] = slot;
}

static void S_table_free(S_table *t) {
    free(t->keys);
    free(t->slot);
}

static uint64_t S_hash_word(const char *s, size_t len) {
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h >> 1; /* keys are stored + 1: keep clear of the top */
}

typedef struct {
    const unsigned char *p, *end;
    bool bad;
} S_reader;

static uint32_t S_u32(S_reader *r) {
    if (r->end - r->p < 4) {
        r->bad = true;
        return 0;
    }
    uint32_t v = (uint32_t)r->p[0] | (uint32_t)r->p[1] << 8 | (uint32_t)r->p[2] << 16 |
                 (uint32_t)r->p[3] << 24;
    r->p += 4;
    return v;
}

static float S_f32(S_reader *r) {
    uint32_t v = S_u32(r);
    float f;
    memcpy(&f, &v, sizeof f);
    return f;
}

static uint64_t S_varint(S_reader *r) {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (r->p >= r->end) break;
        unsigned char b = *r->p++;
        v |= (uint64_t)(b & 0x7F) << shift;
        if (!(b & 0x80)) return v;
    }
    r->bad = true;
    return 0;
}

static const unsigned char *S_bytes(S_reader *r, size_t n) {
    if ((size_t)(r->end - r->p) < n) {
        r->bad = true;
        return NULL;
    }
    const unsigned char *p = r->p;
    r->p += n;
    return p;
}

static const char MAGIC[8] = {'V', 'B', 'L', 'M', '1', '\n', 0, 0};

/* Appends the index of entry[lo, hi) and returns where it starts. */
static uint32_t S_add_index(S_trie *t, uint32_t vocab, const uint32_t *entry, uint32_t lo, uint32_t hi) {
    /* the coarsest slices that still average INDEX_SLICE entries or fewer */
    unsigned shift = 0;
    while (shift < 31 && (((vocab - 1) >> (shift + 1)) + 1) * INDEX_SLICE >= hi - lo) shift++;
    uint32_t parts = ((vocab - 1) >> shift) + 1;
    if (t->nindex + parts + 2 > t->capindex) {
        while (t->nindex + parts + 2 > t->capindex) t->capindex = t->capindex ? t->capindex * 2 : 1 << 16;
        t->index = realloc(t->index, t->capindex * sizeof *t->index);
        if (!t->index) abort();
    }
    uint32_t at = (uint32_t)t->nindex;
    uint16_t *ix = t->index + at;
    ix[0] = (uint16_t)shift;
    uint32_t j = lo;
    for (uint32_t part = 0; part < parts; part++) {
        while (j < hi && ((entry[j] & ENTRY_WORD_MASK) >> shift) < part) j++;
        ix[1 + part] = (uint16_t)(j - lo);
    }
    ix[1 + parts] = (uint16_t)(hi - lo);
    t->nindex += parts + 2;
    return at;
}

static void S_build_indexes(vb_lm *lm) {
    S_trie *t = &lm->t;
    uint32_t V = lm->vocab;
    t->bi_index = malloc(V * sizeof *t->bi_index);
    if (!t->bi_index) abort();
    /* a range holds distinct words below V, so its offsets fit 16 bits */
    bool fits = V <= 65535;
    for (uint32_t u = 0; u < V; u++) {
        uint32_t lo = t->bi_start[u], hi = t->bi_start[u + 1];
        t->bi_index[u] = fits && hi - lo >= INDEX_MIN ? S_add_index(t, V, t->bi_entry, lo, hi) : NO_INDEX;
    }
    size_t nlong = 0;
    for (size_t i = 0; fits && i < lm->n2; i++)
        if (t->tri_start[i + 1] - t->tri_start[i] >= INDEX_MIN) nlong++;
    if (!nlong) return;
    size_t cap = 16;
    while (cap < nlong * 2) cap <<= 1;
    t->tri_index = calloc(cap, sizeof *t->tri_index);
    if (!t->tri_index) abort();
    t->tri_index_mask = cap - 1;
    for (size_t i = 0; i < lm->n2; i++) {
        uint32_t lo = t->tri_start[i], hi = t->tri_start[i + 1];
        if (hi - lo < INDEX_MIN) continue;
        uint32_t at = S_add_index(t, V, t->tri_entry, lo, hi);
        size_t h = S_mix(i) & t->tri_index_mask;
        while (t->tri_index[h]) h = (h + 1) & t->tri_index_mask;
        t->tri_index[h] = (uint64_t)(i + 1) << 32 | at;
    }
}

void vb_lm_drop_index(vb_lm *lm) {
    S_trie *t = &lm->t;
    for (uint32_t u = 0; t->bi_index && u < lm->vocab; u++) t->bi_index[u] = NO_INDEX;
    free(t->tri_index);
    t->tri_index = NULL;
}

/* The file: MAGIC, u64 raw size, then the zlib stream of the payload
 * described in tools/train/lm.py. */
vb_lm *vb_lm_load(const char *path, char *err, size_t errlen) {
    unsigned char *data = NULL;
    size_t len = 0;
    if (vb_read_file_errtext(path, 0, &data, &len, err, errlen) != VB_OK) return NULL;
    if (len < 16 || memcmp(data, MAGIC, sizeof MAGIC) != 0) {
        snprintf(err, errlen, "%s: not a vanban language model", path);
        free(data);
        return NULL;
    }
    uint64_t raw = 0;
    for (int i = 0; i < 8; i++) raw |= (uint64_t)data[8 + i] << (8 * i);
    if (raw > ((uint64_t)1 << 32)) {
        snprintf(err, errlen, "%s: language model too large", path);
        free(data);
        return NULL;
    }
    unsigned char *payload = malloc(raw ? raw : 1);
    if (!payload) abort();
    uLongf dlen = (uLongf)raw;
    int zst = uncompress(payload, &dlen, data + 16, (uLong)(len - 16));
    free(data);
    if (zst != Z_OK || dlen != raw) {
        snprintf(err, errlen, "%s: corrupt language model (zlib %d)", path, zst);
        free(payload);
        return NULL;
    }
    S_reader r = {payload, payload + raw, false};
    vb_lm *lm = calloc(1, sizeof *lm);
    if (!lm) abort();
    lm->order = (int)S_u32(&r);
    lm->vocab = S_u32(&r);
    lm->n2 = S_u32(&r);
    lm->n3 = S_u32(&r);
    if (r.bad || lm->order < 1 || lm->order > 3 || lm->vocab < 5 || lm->vocab >= (1u << 21))
        goto corrupt;
    for (int i = 0; i < 256; i++) lm->q_prob2[i] = S_f32(&r);
    for (int i = 0; i < 256; i++) lm->q_bow2[i] = S_f32(&r);
    for (int i = 0; i < 256; i++) lm->q_prob3[i] = S_f32(&r);
    /* vocabulary */
    const unsigned char *wstart = r.p;
    for (uint32_t i = 0; i < lm->vocab; i++) {
        const unsigned char *z = memchr(r.p, 0, (size_t)(r.end - r.p));
        if (!z) goto corrupt;
        r.p = z + 1;
    }
    size_t wbytes = (size_t)(r.p - wstart);
    lm->words = malloc(wbytes);
    lm->word = malloc(lm->vocab * sizeof *lm->word);
    lm->uni_logp = malloc(lm->vocab * sizeof *lm->uni_logp);
    lm->uni_bow = malloc(lm->vocab * sizeof *lm->uni_bow);
    if (!lm->words || !lm->word || !lm->uni_logp || !lm->uni_bow) abort();
    memcpy(lm->words, wstart, wbytes);
    S_table_init(&lm->vocab_index, lm->vocab);
    {
        const char *w = lm->words;
        for (uint32_t i = 0; i < lm->vocab; i++) {
            lm->word[i] = w;
            size_t wl = strlen(w);
            S_table_put(&lm->vocab_index, S_hash_word(w, wl), i);
            w += wl + 1;
        }
    }
    for (uint32_t i = 0; i < lm->vocab; i++) {
        lm->uni_logp[i] = S_f32(&r);
        lm->uni_bow[i] = S_f32(&r);
    }
    /* bigrams and trigrams: delta-coded sorted keys, then quantised values */
    uint64_t V = lm->vocab;
    if (V * V * V >= (UINT64_C(1) << 48) || lm->n2 >= UINT32_MAX || lm->n3 >= UINT32_MAX)
        goto corrupt;
    S_trie *t = &lm->t;
    t->bi_start = calloc(V + 1, sizeof *t->bi_start);
    t->bi_entry = malloc((lm->n2 ? lm->n2 : 1) * sizeof *t->bi_entry);
    t->bi_bow = malloc(lm->n2 ? lm->n2 : 1);
    t->tri_start = calloc(lm->n2 + 1, sizeof *t->tri_start);
    t->tri_entry = malloc((lm->n3 ? lm->n3 : 1) * sizeof *t->tri_entry);
    if (!t->bi_start || !t->bi_entry || !t->bi_bow || !t->tri_start || !t->tri_entry) abort();
    uint64_t key = 0;
    for (size_t i = 0; i < lm->n2 && !r.bad; i++) {
        uint64_t delta = S_varint(&r);
        if ((i && !delta) || delta >= V * V - key) goto corrupt; /* sorted, distinct, < V^2 */
        key += delta;
        t->bi_start[key / V + 1]++;
        t->bi_entry[i] = (uint32_t)(key % V);
    }
    for (uint64_t u = 0; u < V; u++) t->bi_start[u + 1] += t->bi_start[u];
    const unsigned char *bp = S_bytes(&r, lm->n2), *bb = S_bytes(&r, lm->n2);
    if (r.bad) goto corrupt;
    for (size_t i = 0; i < lm->n2; i++) {
        t->bi_entry[i] |= (uint32_t)bp[i] << 24;
        t->bi_bow[i] = bb[i];
    }
    /* a trigram whose context is no bigram is never looked up: not kept */
    key = 0;
    uint64_t last_ctx = UINT64_MAX;
    uint32_t ctx_index = UINT32_MAX;
    for (size_t i = 0; i < lm->n3 && !r.bad; i++) {
        uint64_t delta = S_varint(&r);
        if ((i && !delta) || delta >= V * V * V - key) goto corrupt;
        key += delta;
        uint64_t ctx = key / V;
        if (ctx != last_ctx) {
            uint64_t u = ctx / V;
            ctx_index = S_find(t->bi_entry, t->bi_start[u], t->bi_start[u + 1], (uint32_t)(ctx % V));
            last_ctx = ctx;
        }
        if (ctx_index == UINT32_MAX) {
            t->tri_entry[i] = UINT32_MAX;
            continue;
        }
        t->tri_start[ctx_index + 1]++;
        t->tri_entry[i] = (uint32_t)(key % V);
    }
    for (size_t i = 0; i < lm->n2; i++) t->tri_start[i + 1] += t->tri_start[i];
    const unsigned char *tp = S_bytes(&r, lm->n3);
    if (r.bad) goto corrupt;
    size_t kept = 0;
    for (size_t i = 0; i < lm->n3; i++)
        if (t->tri_entry[i] != UINT32_MAX) t->tri_entry[kept++] = t->tri_entry[i] | (uint32_t)tp[i] << 24;
    S_build_indexes(lm);
    free(payload);
    return lm;
corrupt:
    snprintf(err, errlen, "%s: corrupt language model", path);
    free(payload);
    vb_lm_free(lm);
    return NULL;
}

bool vb_lm_check(const char *path, char *err, size_t errlen) {
    unsigned char head[16];
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "cannot open: %s", strerror(errno));
        return false;
    }
    size_t got = fread(head, 1, sizeof head, f);
    fclose(f);
    if (got < sizeof head || memcmp(head, MAGIC, sizeof MAGIC) != 0) {
        snprintf(err, errlen, "not a vanban language model");
        return false;
    }
    return true;
}

void vb_lm_free(vb_lm *lm) {
    if (!lm) return;
    free(lm->words);
    free(lm->word);
    free(lm->uni_logp);
    free(lm->uni_bow);
    if (lm->vocab_index.keys) S_table_free(&lm->vocab_index);
    free(lm->t.bi_start);
    free(lm->t.bi_entry);
    free(lm->t.bi_bow);
    free(lm->t.tri_start);
    free(lm->t.index);
    free(lm->t.bi_index);
    free(lm->t.tri_index);
    free(lm->t.tri_entry);
    free(lm);
}

int vb_lm_order(const vb_lm *lm) { return lm->order; }
uint32_t vb_lm_vocab_size(const vb_lm *lm) { return lm->vocab; }
const char *vb_lm_word(const vb_lm *lm, uint32_t id) {
    return id < lm->vocab ? lm->word[id] : "<unk>";
}

uint32_t vb_lm_id(const vb_lm *lm, const char *word, size_t len) {
    uint64_t h = S_hash_word(word, len);
    size_t i = S_mix(h) & lm->vocab_index.mask;
    for (;;) {
        uint64_t k = lm->vocab_index.keys[i];
        if (!k) return VB_LM_UNK;
        if (k == h + 1) {
            uint32_t id = lm->vocab_index.slot[i];
            if (strlen(lm->word[id]) == len && memcmp(lm->word[id], word, len) == 0) return id;
        }
        i = (i + 1) & lm->vocab_index.mask;
    }
}

float vb_lm_logp1(const vb_lm *lm, uint32_t w) {
    return lm->uni_logp[w < lm->vocab ? w : VB_LM_UNK];
}

float vb_lm_logp(const vb_lm *lm, uint32_t u, uint32_t v, uint32_t w) {
    uint32_t V = lm->vocab;
    const S_trie *t = &lm->t;
    if (w >= V) w = VB_LM_UNK;
    if (lm->order < 2 || v >= V) return lm->uni_logp[w];
    float bow = 0;
    if (lm->order >= 3 && u < V) {
        /* every context of a trigram is a stored bigram: no context, no trigram */
        uint32_t lo = t->bi_start[u], hi = t->bi_start[u + 1];
        S_narrow(t, t->bi_index[u], v, &lo, &hi);
        uint32_t ctx = S_find(t->bi_entry, lo, hi, v);
        if (ctx != UINT32_MAX) {
            uint32_t tlo = t->tri_start[ctx], thi = t->tri_start[ctx + 1];
            if (thi - tlo >= INDEX_MIN) S_narrow(t, S_tri_index(t, ctx), w, &tlo, &thi);
            uint32_t k = S_find(t->tri_entry, tlo, thi, w);
            if (k != UINT32_MAX) return lm->q_prob3[ENTRY_CODE(t->tri_entry[k])];
            bow = lm->q_bow2[t->bi_bow[ctx]];
        }
    }
    uint32_t lo = t->bi_start[v], hi = t->bi_start[v + 1];
    S_narrow(t, t->bi_index[v], w, &lo, &hi);
    uint32_t k = S_find(t->bi_entry, lo, hi, w);
    if (k != UINT32_MAX) return bow + lm->q_prob2[ENTRY_CODE(t->bi_entry[k])];
    return bow + lm->uni_bow[v] + lm->uni_logp[w];
}

/* A beam step asks one context for many words: the context is found once,
 * then each word is searched in its trigram and bigram ranges. */
void vb_lm_logp_many(const vb_lm *lm, uint32_t u, uint32_t v, const uint32_t *ws, size_t n,
                     float *out) {
    uint32_t V = lm->vocab;
    const S_trie *t = &lm->t;
    if (lm->order < 2 || v >= V) {
        for (size_t i = 0; i < n; i++) out[i] = lm->uni_logp[ws[i] < V ? ws[i] : VB_LM_UNK];
        return;
    }
    float bow = 0;
    uint32_t tri_lo = 0, tri_hi = 0, tri_at = NO_INDEX;
    if (lm->order >= 3 && u < V) {
        uint32_t lo = t->bi_start[u], hi = t->bi_start[u + 1];
        S_narrow(t, t->bi_index[u], v, &lo, &hi);
        uint32_t ctx = S_find(t->bi_entry, lo, hi, v);
        if (ctx != UINT32_MAX) {
            bow = lm->q_bow2[t->bi_bow[ctx]];
            tri_lo = t->tri_start[ctx];
            tri_hi = t->tri_start[ctx + 1];
            if (tri_hi - tri_lo >= INDEX_MIN) tri_at = S_tri_index(t, ctx);
        }
    }
    uint32_t bi_at = t->bi_index[v];
    for (size_t i = 0; i < n; i++) {
        uint32_t w = ws[i] < V ? ws[i] : VB_LM_UNK;
        uint32_t lo = tri_lo, hi = tri_hi;
        S_narrow(t, tri_at, w, &lo, &hi);
        uint32_t k = S_find(t->tri_entry, lo, hi, w);
        if (k != UINT32_MAX) {
            out[i] = lm->q_prob3[ENTRY_CODE(t->tri_entry[k])];
            continue;
        }
        lo = t->bi_start[v], hi = t->bi_start[v + 1];
        S_narrow(t, bi_at, w, &lo, &hi);
        k = S_find(t->bi_entry, lo, hi, w);
        out[i] = k != UINT32_MAX ? bow + lm->q_prob2[ENTRY_CODE(t->bi_entry[k])]
                                 : bow + lm->uni_bow[v] + lm->uni_logp[w];
    }
}

/* Fetches the middle of the ranges the lookup will search first. */
void vb_lm_prefetch(const vb_lm *lm, uint32_t u, uint32_t v, uint32_t w) {
    uint32_t V = lm->vocab;
    const S_trie *t = &lm->t;
    if (lm->order < 2 || u >= V || v >= V || w >= V) return;
    __builtin_prefetch(&t->bi_entry[t->bi_start[v] + (t->bi_start[v + 1] - t->bi_start[v]) / 2]);
    if (lm->order < 3) return;
    __builtin_prefetch(&t->bi_entry[t->bi_start[u] + (t->bi_start[u + 1] - t->bi_start[u]) / 2]);
}
