/* The diacritics decoder: candidates from the syllable trie scored by the
 * OCR channel, a beam search over the trigram model, and the bookkeeping
 * of every change (where, what it was, how sure). */
#include "diacritics.h"
#include "../util/util_internal.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "channel.h"
#include "lm.h"
#include "syllable.h"

/* ---- settings (natural-log units) ---- */
enum {
    MAX_WORD_CPS = 24, /* longer words are passed through */
    MAX_FOUND = 48,    /* candidates kept while searching the trie */
    MAX_CANDS = 10,    /* candidates per word given to the beam search */
    MAX_JOINED = 3,    /* ... and readings of it joined with the next word */
    MAX_RESERVE = 3,   /* further readings, taken only when a neighbour calls for them */
    MAX_RESCUED = 2,
    RESCUE_NEIGHBOURS = 2, /* readings of each neighbour that may call for one */
    MAX_READINGS = MAX_CANDS + MAX_JOINED + MAX_RESCUED + 1,
    BEAM = 8,          /* histories kept per word */
    MAX_DEPTH = 16,
    MAX_DIGIT_WORD = 2, /* "6" may be "ở", "16" "lộ": shorter numbers get readings */
    MAX_SPLIT = 4,      /* syllables the OCR may have run together into one word */
    RECOMB_SLOTS = 512  /* > BEAM * MAX_READINGS, a power of two */
};
static const float CHANNEL_WEIGHT = 1.0f;
static const float CAND_BEAM = 6.0f;     /* drop readings this much less likely than the best */
static const float SHORT_SPLIT_AFTER = 8.0f; /* a 3-4 letter word is tried as two syllables when
                                                its cheapest reading costs more than this less
                                                the beam */
static const float RESERVE_BEAM = 7.5f;  /* ... but keep those this close in reserve */
static const float RESCUE_LOGP = -1.0f;  /* a reserve reading one neighbour predicts this well (or
                                            better) competes: "thu hién" for "thực hiện" */
static const float CAND_ABS = 14.0f;     /* and any reading costing more than this */
static const float HYP_BEAM = 8.0f;      /* drop histories this much below the best */
static const float CONFIDENCE_SPAN = 10.0f; /* readings this far below the chosen one count as 0 */
static const float DISCOURSE_WEIGHT = 1.0f; /* the document prior against the sentence */
static const float JOIN_LOGP = -2.0f;    /* reading across a glyph that cut a word (S_glyph_noise) */
static const float KEEP_LOGP = -11.0f;   /* keeping an unreadable word as it is */
static const float KEEP_CAPS_LOGP = -6.0f;  /* ... in capitals */
static const float KEEP_PER_LETTER = 3.26f; /* ... for each letter beyond KEEP_FREE_LETTERS: ln 26, one letter of a spelling */
/* Vietnamese-model OCR (the "confused" channel): a word printed as a
 * syllable the model knows is evidence for itself; another reading pays
 * this on top of its channel cost, so that the language model's prior
 * alone never turns a rare but right word into a common one. */
static const float CONFUSED_CHANGE = 2.0f;
/* ... but on a worn copy, where the decoder would change one word in
 * ten or more (vb_dia_cache_set_worn), the OCR's reading is weaker
 * evidence than the channel, learned over scans and worn copies alike,
 * says: the others pay less */
static const float CONFUSED_CHANGE_WORN = -2.0f;
enum { KEEP_FREE_LETTERS = 5 };
/* a document is Vietnamese-model OCR with confused marks when at least one
 * word in this many shows it (vb_dia_doc_confused) */
enum { CONFUSED_DOC_ONE_IN = 200 };

/* ---- the model ---- */

/* While the trie is built, children are a linked list; S_trie_pack then
 * stores the children of every node side by side in letter order, so the
 * child for a letter is found by counting the bits below it. */
typedef struct {
    int32_t word;         /* LM id of the syllable ending here, -1 if none */
    uint32_t first_child;
    uint32_t next_sibling; /* while building only */
    uint8_t letter;       /* channel letter index of the edge into this node */
    uint8_t nchildren;
    uint64_t children[2]; /* bit per letter index that has a child */
} S_node;

typedef struct {
    const char *from, *to;
} S_pair;

/* Readings of the words met so far in this run, shared by every document
 * and thread (S_lookup): a fixed table of pointers that only grows until it
 * is full, under a lock. */
typedef struct S_run_cache S_run_cache;
static S_run_cache *S_run_new(void);
static void S_run_free(S_run_cache *r);

struct vb_dia_model {
    char dir[4096];
    S_run_cache *run; /* the only part that changes after loading, under its own lock */
    pthread_mutex_t once; /* guards the loading of the tables below */
    bool tried, loaded;
    bool has_vie; /* channel-vie.tsv is there (checked at load) */
    char load_err[512];
    vb_lm *lm;
    vb_channel *channel;
    vb_channel *channel_vie; /* Vietnamese-model OCR (channel-vie.tsv), NULL when the model has none */
    S_node *nodes;
    size_t nnodes, capnodes;
    S_pair *abbr;       /* all-caps code without Đ -> with Đ, sorted by from */
    size_t nabbr;
    const char **surface; /* LM id -> preferred spelling when not canonical, or NULL */
    char *words_text;
    uint32_t bare[VB_CHANNEL_NLETTERS]; /* letter index -> its unmarked ASCII letter */
    bool is_vowel[VB_CHANNEL_NLETTERS];
};

static uint32_t S_new_node(vb_dia_model *m, uint8_t letter) {
    if (m->nnodes == m->capnodes) {
        m->capnodes = m->capnodes ? m->capnodes * 2 : 4096;
        m->nodes = realloc(m->nodes, m->capnodes * sizeof *m->nodes);
        if (!m->nodes) abort();
    }
    S_node *n = &m->nodes[m->nnodes];
    n->word = -1;
    n->first_child = n->next_sibling = 0;
    n->letter = letter;
    n->nchildren = 0;
    n->children[0] = n->children[1] = 0;
    return (uint32_t)m->nnodes++;
}

static bool S_trie_add(vb_dia_model *m, const char *word, int32_t id) {
    uint32_t node = 0;
    const unsigned char *p = (const unsigned char *)word;
    size_t len = strlen(word), i = 0;
    while (i < len) {
        uint32_t cp;
        int k = vb_utf8_decode(p + i, len - i, &cp);
        int letter = k ? vb_channel_letter_index(cp) : -1;
        if (letter < 0) return false;
        i += (size_t)k;
        uint32_t c = m->nodes[node].first_child;
        while (c && m->nodes[c].letter != letter) c = m->nodes[c].next_sibling;
        if (!c) {
            c = S_new_node(m, (uint8_t)letter);
            m->nodes[c].next_sibling = m->nodes[node].first_child;
            m->nodes[node].first_child = c;
            m->nodes[node].children[letter >> 6] |= UINT64_C(1) << (letter & 63);
            m->nodes[node].nchildren++;
        }
        node = c;
    }
    m->nodes[node].word = id;
    return true;
}

/* Renumbers the nodes breadth first with the children of each node side by
 * side in letter order. */
static void S_trie_pack(vb_dia_model *m) {
    size_t n = m->nnodes;
    S_node *packed = malloc(n * sizeof *packed);
    uint32_t *order = malloc(n * sizeof *order); /* new index -> old index */
    if (!packed || !order) abort();
    order[0] = 0;
    size_t filled = 1;
    for (size_t at = 0; at < filled; at++) {
        const S_node *old = &m->nodes[order[at]];
        packed[at] = *old;
        packed[at].next_sibling = 0;
        packed[at].first_child = (uint32_t)filled;
        for (int letter = 0; letter < VB_CHANNEL_NLETTERS; letter++) {
            if (!((old->children[letter >> 6] >> (letter & 63)) & 1)) continue;
            uint32_t c = old->first_child;
            while (m->nodes[c].letter != letter) c = m->nodes[c].next_sibling;
            order[filled++] = c;
        }
    }
    free(order);
    free(m->nodes);
    m->nodes = packed;
    m->capnodes = n;
}

static int S_pair_cmp(const void *a, const void *b) {
    return strcmp(((const S_pair *)a)->from, ((const S_pair *)b)->from);
}

/* words.tsv: "abbr TAB QD TAB QĐ" and "surface TAB hòa TAB hoà" lines. */
static bool S_load_words(vb_dia_model *m, const char *path, char *err, size_t errlen) {
    unsigned char *data = NULL;
    size_t len = 0;
    struct stat st;
    if (stat(path, &st) != 0) return true; /* optional */
    if (vb_read_file_errtext(path, 64u << 20, &data, &len, err, errlen) != VB_OK) return false;
    m->words_text = (char *)data;
    m->surface = calloc(vb_lm_vocab_size(m->lm), sizeof *m->surface);
    size_t cap = 0;
    char *s = m->words_text, *end = s + len;
    while (s < end) {
        char *nl = memchr(s, '\n', (size_t)(end - s));
        if (!nl) nl = end;
        *nl = '\0';
        char *t1 = strchr(s, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
        if (t2) {
            *t1 = *t2 = '\0';
            if (strcmp(s, "abbr") == 0) {
                if (m->nabbr == cap) {
                    cap = cap ? cap * 2 : 256;
                    m->abbr = realloc(m->abbr, cap * sizeof *m->abbr);
                    if (!m->abbr) abort();
                }
                m->abbr[m->nabbr++] = (S_pair){t1 + 1, t2 + 1};
            } else if (strcmp(s, "surface") == 0) {
                uint32_t id = vb_lm_id(m->lm, t1 + 1, strlen(t1 + 1));
                if (id != VB_LM_UNK) m->surface[id] = t2 + 1;
            }
        }
        s = nl + 1;
    }
    if (m->nabbr) qsort(m->abbr, m->nabbr, sizeof *m->abbr, S_pair_cmp);
    return true;
}

/* The letter with every mark removed, as English OCR prints it at best. */
static uint32_t S_bare(int letter) {
    uint32_t base;
    int tone;
    bool up;
    vb_syl_letter(vb_channel_letter_cp(letter), &base, &tone, &up);
    return vb_syl_ascii_of(base);
}

/* The heavy part of a model (the language model's tables, the trie, the
 * word tables), read the first time a damaged paragraph needs it. */
static bool S_load_tables(vb_dia_model *m, char *err, size_t errlen) {
    char path[4200];
    snprintf(path, sizeof path, "%s/lm.bin", m->dir);
    m->lm = vb_lm_load(path, err, errlen);
    if (!m->lm) return false;
    snprintf(path, sizeof path, "%s/channel.tsv", m->dir);
    m->channel = vb_channel_load(path, err, errlen);
    if (!m->channel) return false;
    struct stat st;
    snprintf(path, sizeof path, "%s/channel-vie.tsv", m->dir);
    if (stat(path, &st) == 0) {
        m->channel_vie = vb_channel_load(path, err, errlen);
        if (!m->channel_vie) return false;
    }
    for (int l = 0; l < VB_CHANNEL_NLETTERS; l++) {
        m->bare[l] = S_bare(l);
        m->is_vowel[l] = vb_channel_is_vowel(vb_channel_letter_cp(l));
    }
    S_new_node(m, 0);
    for (uint32_t id = VB_LM_WORD + 1; id < vb_lm_vocab_size(m->lm); id++) {
        const char *w = vb_lm_word(m->lm, id);
        char canon[VB_SYL_MAX_BYTES];
        size_t n = vb_lm_canonical(w, strlen(w), canon);
        if (n && strcmp(canon, w) == 0) S_trie_add(m, w, (int32_t)id);
    }
    S_trie_pack(m);
    m->run = S_run_new();
    snprintf(path, sizeof path, "%s/words.tsv", m->dir);
    return S_load_words(m, path, err, errlen);
}

/* Reads the tables once, whichever thread asks first; the model is
 * unchanged after that.  False with the message of the failure. */
static bool S_ready(const vb_dia_model *cm, char *err, size_t errlen) {
    vb_dia_model *m = (vb_dia_model *)cm; /* only the once-guarded loading writes */
    pthread_mutex_lock(&m->once);
    if (!m->tried) {
        m->tried = true;
        m->loaded = S_load_tables(m, m->load_err, sizeof m->load_err);
    }
    pthread_mutex_unlock(&m->once);
    if (!m->loaded) snprintf(err, errlen, "%s", m->load_err);
    return m->loaded;
}

int vb_dia_model_load(const char *path_or_dir, vb_dia_model **out, vb_diags *diags) {
    *out = NULL;
    struct stat st;
    if (stat(path_or_dir, &st) != 0)
        return vb_diag_error(diags, VB_ERR_IO, path_or_dir, 0, 0, "model-missing",
                             "cannot open the diacritics model: %s", strerror(errno));
    vb_dia_model *m = calloc(1, sizeof *m);
    if (!m) abort();
    if (S_ISDIR(st.st_mode)) snprintf(m->dir, sizeof m->dir, "%s", path_or_dir);
    else {
        snprintf(m->dir, sizeof m->dir, "%s", path_or_dir);
        char *slash = strrchr(m->dir, '/');
        if (slash) *slash = '\0';
        else snprintf(m->dir, sizeof m->dir, ".");
    }
    pthread_mutex_init(&m->once, NULL);
    /* what can be checked without reading the tables: the files are there,
     * the language model says what it is, the channel parses */
    char path[4200], err[512];
    snprintf(path, sizeof path, "%s/lm.bin", m->dir);
    int status = VB_ERR_FORMAT;
    if (!vb_lm_check(path, err, sizeof err)) goto fail;
    snprintf(path, sizeof path, "%s/channel.tsv", m->dir);
    unsigned char *data = NULL;
    size_t len = 0;
    status = vb_read_file(path, 16u << 20, &data, &len, diags);
    if (status != VB_OK) {
        vb_dia_model_free(m);
        return status;
    }
    vb_channel *ch = vb_channel_parse((const char *)data, len, err, sizeof err);
    free(data);
    status = VB_ERR_FORMAT;
    if (!ch) goto fail;
    vb_channel_free(ch);
    /* the channel of Vietnamese-model OCR is optional */
    snprintf(path, sizeof path, "%s/channel-vie.tsv", m->dir);
    if (stat(path, &st) == 0) {
        status = vb_read_file(path, 16u << 20, &data, &len, diags);
        if (status != VB_OK) {
            vb_dia_model_free(m);
            return status;
        }
        ch = vb_channel_parse((const char *)data, len, err, sizeof err);
        free(data);
        status = VB_ERR_FORMAT;
        if (!ch) goto fail;
        vb_channel_free(ch);
        m->has_vie = true;
    }
    *out = m;
    return VB_OK;
fail:
    vb_dia_model_free(m);
    return vb_diag_error(diags, status, path, 0, 0, "model-invalid", "%s", err);
}

bool vb_dia_model_has_confused(const vb_dia_model *m) { return m && m->has_vie; }

void vb_dia_model_free(vb_dia_model *m) {
    if (!m) return;
    pthread_mutex_destroy(&m->once);
    S_run_free(m->run);
    vb_lm_free(m->lm);
    vb_channel_free(m->channel);
    vb_channel_free(m->channel_vie);
    free(m->nodes);
    free(m->abbr);
    free((void *)m->surface);
    free(m->words_text);
    free(m);
}

/* ---- words of the input ---- */

typedef enum { TOK_WORD, TOK_NUMBER, TOK_PUNCT } S_tok_kind;

typedef struct {
    S_tok_kind kind;
    size_t start, len;       /* bytes of the input */
    uint32_t lm_id;          /* NUMBER / PUNCT: the class or mark */
    bool sentence_start;     /* first word after a blank line */
    bool repair;             /* this word may be changed (its paragraph is damaged) */
    bool digits;             /* digits only */
    bool glued;              /* cut from the word before at a change of case:
                                a space goes back between them ("BVNhi") */
    uint32_t cand_first, ncands;
    uint32_t reserve_first, nreserve; /* readings in reserve (S_rescue) */
} S_tok;

typedef struct {
    uint32_t w[MAX_SPLIT];
    uint8_t nw;       /* 0 = keep the word as written */
    bool code;        /* a document code rebuilt from the abbreviation table */
    const char *text; /* code: the replacement */
    float chan;       /* channel log-probability (weighted) */
    bool join;        /* one syllable read from this word and the next, which
                         the OCR split with a space ("st c" for "sức") */
    bool skip;        /* this word was read with the one before */
    bool rescued;     /* taken from reserve for a neighbour (S_rescue) */
    bool own;         /* confused channel: the OCR's own reading, a known syllable */
} S_cand;

static bool S_is_letter(uint32_t cp) {
    uint32_t base;
    int tone;
    bool up;
    if (vb_syl_letter(cp, &base, &tone, &up)) return true;
    return cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7;
}

static bool S_is_digit(uint32_t cp) { return cp >= '0' && cp <= '9'; }

/* ---- candidates from the trie ---- */

typedef struct {
    const vb_dia_model *m;
    const uint32_t *o; /* the word, lower case */
    bool o_vowel[MAX_WORD_CPS];
    size_t n;
    bool strip;        /* input without marks: a letter prints as its bare self */
    bool allow_split;
    uint32_t words[MAX_SPLIT]; /* syllables read so far in a split reading */
    int max_words;
    S_cand found[MAX_FOUND];
    float rank[MAX_FOUND]; /* channel + unigram log-probability */
    size_t nfound;
    float bound;       /* costs above this are not explored */
    float beam;        /* ... the cheapest reading found so far plus this */
    /* the letters that may print as the OCR text at each position, as one
     * character or as two, and those that may print as nothing: bit masks
     * over letter indices (met with a node's children in one AND) and
     * their costs */
    uint64_t one[MAX_WORD_CPS][2], two[MAX_WORD_CPS][2], drop[2];
    float split_cost, swap_cost, floor_cost;
    float unseen_from[MAX_WORD_CPS + 1]; /* least cost of an unseen substitution at or after a
                                            position of the word (a vowel swap needs a vowel) */
    /* costs are read only where a mask bit is set: left uninitialised */
    float cost1[MAX_WORD_CPS][VB_CHANNEL_NLETTERS], cost2[MAX_WORD_CPS][VB_CHANNEL_NLETTERS];
    float cost_drop[VB_CHANNEL_NLETTERS];
} S_search;

static inline bool S_same_words(const uint32_t *a, const uint32_t *b, int n) {
    for (int k = 0; k < n; k++)
        if (a[k] != b[k]) return false;
    return true;
}

/* Keeps a reading; when the list is full, the one least likely by channel
 * and word frequency gives way. */
static void S_found(S_search *s, const uint32_t *w, uint8_t nw, float cost) {
    for (size_t i = 0; i < s->nfound; i++)
        if (s->found[i].w[0] == w[0] && s->found[i].nw == nw && S_same_words(s->found[i].w, w, nw)) {
            if (-cost > s->found[i].chan) {
                s->rank[i] += -cost - s->found[i].chan;
                s->found[i].chan = -cost;
            }
            return;
        }
    float rank = -cost;
    for (int k = 0; k < nw; k++) rank += vb_lm_logp1(s->m->lm, w[k]);
    size_t at = s->nfound;
    if (at == MAX_FOUND) {
        at = 0;
        for (size_t i = 1; i < s->nfound; i++)
            if (s->rank[i] < s->rank[at]) at = i;
        if (s->rank[at] >= rank) return;
    } else s->nfound++;
    S_cand c = {{0}, nw, false, NULL, -cost, false, false, false, false};
    memcpy(c.w, w, nw * sizeof *w);
    s->found[at] = c;
    s->rank[at] = rank;
    if (cost + s->beam < s->bound) s->bound = cost + s->beam;
}

static inline uint32_t S_child(const S_node *nd, int letter) {
    uint64_t word = nd->children[letter >> 6], bit = UINT64_C(1) << (letter & 63);
    if (!(word & bit)) return 0;
    uint32_t below = (uint32_t)__builtin_popcountll(word & (bit - 1));
    if (letter >= 64) below += (uint32_t)__builtin_popcountll(nd->children[0]);
    return nd->first_child + below;
}

typedef struct {
    float cost;
    uint8_t letter, nout;
} S_move;

/* Adds the letters of bits (word w of a letter mask) with their costs. */
static inline size_t S_moves(S_move *moves, size_t nm, uint64_t bits, int w, const float *costs,
                             float cost, float bound, uint8_t nout) {
    while (bits) {
        int letter = w * 64 + __builtin_ctzll(bits);
        bits &= bits - 1;
        float next = cost + costs[letter];
        if (next <= bound) moves[nm++] = (S_move){next, (uint8_t)letter, nout};
    }
    return nm;
}

/* Walks the trie along the OCR word: each letter of a syllable may print as
 * one or two characters, or as nothing, at the channel's cost.  S_child
 * counts bits at every step: on x86-64 a second copy for processors with a
 * popcount instruction is chosen at load time (the baseline has none). */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("popcnt", "default")))
#endif
static void S_dfs(S_search *s, uint32_t node, size_t pos, float cost, int nsplit, bool floor_used,
                  int depth) {
    if (cost > s->bound) return;
    /* The pass that allows an unseen substitution follows one that did
     * not, and the bound only tightens: up to that substitution it walks
     * paths the first pass walked, whose readings it already holds or
     * turned away for good (the least rank kept only rises).  So those
     * are not offered again, and a path that cannot afford the cheapest
     * unseen substitution any more is left. */
    if (!floor_used && cost + s->unseen_from[pos] > s->bound) return;
    const vb_dia_model *m = s->m;
    const S_node *nd = &m->nodes[node];
    if (nd->word >= 0) {
        s->words[nsplit] = (uint32_t)nd->word;
        if (pos == s->n) {
            if (floor_used) S_found(s, s->words, (uint8_t)(nsplit + 1), cost);
        } else if (s->allow_split && nsplit + 1 < s->max_words && s->n - pos >= 2)
            S_dfs(s, 0, pos, cost + s->split_cost, nsplit + 1, floor_used, 0);
    }
    if (depth >= MAX_DEPTH) return;
    if (s->strip) {
        if (pos < s->n)
            for (uint32_t c = nd->first_child; c < nd->first_child + nd->nchildren; c++)
                if (m->bare[m->nodes[c].letter] == s->o[pos])
                    S_dfs(s, c, pos + 1, cost, nsplit, floor_used, depth + 1);
        return;
    }
    S_move moves[2 * VB_CHANNEL_NLETTERS];
    size_t nm = 0;
    for (int w = 0; w < 2; w++) {
        uint64_t kids = nd->children[w];
        if (pos < s->n) {
            nm = S_moves(moves, nm, kids & s->one[pos][w], w, s->cost1[pos], cost, s->bound, 1);
            nm = S_moves(moves, nm, kids & s->two[pos][w], w, s->cost2[pos], cost, s->bound, 2);
        }
        nm = S_moves(moves, nm, kids & s->drop[w], w, s->cost_drop, cost, s->bound, 0);
    }
    /* cheapest first: the readings found early tighten the bound */
    for (size_t i = 1; i < nm; i++)
        for (size_t j = i; j > 0 && moves[j].cost < moves[j - 1].cost; j--) {
            S_move t = moves[j];
            moves[j] = moves[j - 1];
            moves[j - 1] = t;
        }
    for (size_t i = 0; i < nm && moves[i].cost <= s->bound; i++)
        S_dfs(s, S_child(nd, moves[i].letter), pos + moves[i].nout, moves[i].cost, nsplit,
              floor_used, depth + 1);
    /* a vowel read as another vowel: a cheaper back-off than any substitution */
    float swap = cost + s->swap_cost;
    if (!floor_used && pos < s->n && swap <= s->bound && s->o_vowel[pos])
        for (uint32_t c = nd->first_child; c < nd->first_child + nd->nchildren; c++)
            if (m->is_vowel[m->nodes[c].letter])
                S_dfs(s, c, pos + 1, swap, nsplit, true, depth + 1);
    if (!floor_used && pos < s->n && cost + s->floor_cost <= s->bound)
        for (uint32_t c = nd->first_child; c < nd->first_child + nd->nchildren; c++)
            S_dfs(s, c, pos + 1, cost + s->floor_cost, nsplit, true, depth + 1);
}


/* ---- caches of readings per distinct word: one per document (no lock),
 * and one per run behind it ---- */

typedef struct {
    char *key;      /* the word (case-folded), NUL-terminated; NULL = empty */
    size_t keylen;
    S_cand cands[MAX_CANDS];
    uint8_t ncands;
    uint8_t nreserve;
    bool own_known;    /* confused channel: the word as printed is a known syllable (S_cand.own) */
    uint32_t reserve[MAX_RESERVE]; /* single syllables beyond CAND_BEAM */
    float reserve_chan[MAX_RESERVE];
} S_cache_entry;

struct vb_dia_cache {
    S_cache_entry *slots;
    size_t mask, used;
    bool strip; /* entries were made for strip mode */
    bool worn;  /* the document is a worn copy read by a Vietnamese OCR model */
    /* the OCR engine's word confidences of the text decoded next (borrowed) */
    const vb_dia_word_conf *confs;
    size_t nconfs;
    float conf_weight, conf_pivot; /* conf_weight < 0: none; 0: the default */
    float glyph_weight, glyph_unseen, glyph_new; /* glyph_weight < 0: none; 0: the defaults */
};
typedef struct vb_dia_cache S_cache;

enum { RUN_SLOTS = 1 << 16, RUN_MAX = RUN_SLOTS / 2 }; /* at most 32768 words, ~15 MB */

struct S_run_cache {
    pthread_mutex_t lock;
    S_cache_entry **slots; /* RUN_SLOTS, NULL = empty */
    size_t used;
};

static S_run_cache *S_run_new(void) {
    S_run_cache *r = calloc(1, sizeof *r);
    if (!r) abort();
    r->slots = calloc(RUN_SLOTS, sizeof *r->slots);
    if (!r->slots) abort();
    pthread_mutex_init(&r->lock, NULL);
    return r;
}

static void S_run_free(S_run_cache *r) {
    if (!r) return;
    for (size_t i = 0; i < RUN_SLOTS; i++)
        if (r->slots[i]) {
            free(r->slots[i]->key);
            free(r->slots[i]);
        }
    free(r->slots);
    pthread_mutex_destroy(&r->lock);
    free(r);
}

vb_dia_cache *vb_dia_cache_new(void) {
    S_cache *c = calloc(1, sizeof *c);
    if (!c) abort();
    c->slots = calloc(64, sizeof *c->slots);
    if (!c->slots) abort();
    c->mask = 63;
    return c;
}

static uint64_t S_hash(const char *s, size_t n) {
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h;
}

static S_cache_entry *S_cache_find(S_cache *c, const char *key, size_t n, bool *fresh) {
    if (c->used * 2 >= c->mask + 1) { /* grow */
        S_cache old = *c;
        size_t cap = (old.mask + 1) * 2;
        c->slots = calloc(cap, sizeof *c->slots);
        if (!c->slots) abort();
        c->mask = cap - 1;
        for (size_t i = 0; i <= old.mask; i++) {
            if (!old.slots[i].key) continue;
            size_t h = S_hash(old.slots[i].key, old.slots[i].keylen) & c->mask;
            while (c->slots[h].key) h = (h + 1) & c->mask;
            c->slots[h] = old.slots[i];
        }
        free(old.slots);
    }
    size_t h = S_hash(key, n) & c->mask;
    while (c->slots[h].key) {
        if (c->slots[h].keylen == n && memcmp(c->slots[h].key, key, n) == 0) {
            *fresh = false;
            return &c->slots[h];
        }
        h = (h + 1) & c->mask;
    }
    c->slots[h].key = malloc(n + 1);
    if (!c->slots[h].key) abort();
    memcpy(c->slots[h].key, key, n);
    c->slots[h].key[n] = '\0';
    c->slots[h].keylen = n;
    c->used++;
    *fresh = true;
    return &c->slots[h];
}

/* Copies the run's readings of key into e; false when the run has none. */
static bool S_run_get(S_run_cache *r, const char *key, size_t n, S_cache_entry *e) {
    bool hit = false;
    pthread_mutex_lock(&r->lock);
    for (size_t h = S_hash(key, n) & (RUN_SLOTS - 1); r->slots[h]; h = (h + 1) & (RUN_SLOTS - 1)) {
        const S_cache_entry *x = r->slots[h];
        if (x->keylen == n && memcmp(x->key, key, n) == 0) {
            memcpy(e->cands, x->cands, sizeof e->cands);
            e->ncands = x->ncands;
            memcpy(e->reserve, x->reserve, sizeof e->reserve);
            memcpy(e->reserve_chan, x->reserve_chan, sizeof e->reserve_chan);
            e->nreserve = x->nreserve;
            e->own_known = x->own_known;
            hit = true;
            break;
        }
    }
    pthread_mutex_unlock(&r->lock);
    return hit;
}

static void S_run_put(S_run_cache *r, const S_cache_entry *e) {
    pthread_mutex_lock(&r->lock);
    if (r->used < RUN_MAX) {
        size_t h = S_hash(e->key, e->keylen) & (RUN_SLOTS - 1);
        bool known = false;
        for (; r->slots[h]; h = (h + 1) & (RUN_SLOTS - 1))
            if (r->slots[h]->keylen == e->keylen && memcmp(r->slots[h]->key, e->key, e->keylen) == 0)
                known = true; /* another thread got there first */
        if (!known) {
            S_cache_entry *x = malloc(sizeof *x);
            if (!x) abort();
            *x = *e;
            x->key = malloc(e->keylen + 1);
            if (!x->key) abort();
            memcpy(x->key, e->key, e->keylen + 1);
            r->slots[h] = x;
            r->used++;
        }
    }
    pthread_mutex_unlock(&r->lock);
}

void vb_dia_cache_set_worn(vb_dia_cache *c, bool worn) { c->worn = worn; }

void vb_dia_cache_set_word_confs(vb_dia_cache *c, const vb_dia_word_conf *words, size_t n,
                                 double weight, double pivot) {
    c->confs = n ? words : NULL;
    c->nconfs = n;
    c->conf_weight = (float)weight;
    c->conf_pivot = (float)pivot;
}

void vb_dia_cache_set_glyph_costs(vb_dia_cache *c, double weight, double unseen, double added) {
    c->glyph_weight = (float)weight;
    c->glyph_unseen = (float)unseen;
    c->glyph_new = (float)added;
}

void vb_dia_cache_free(vb_dia_cache *c) {
    if (!c) return;

    for (size_t i = 0; c->slots && i <= c->mask; i++) free(c->slots[i].key);
    free(c->slots);
    free(c);
}

static void S_cache_clear(S_cache *c) {
    for (size_t i = 0; i <= c->mask; i++) {
        free(c->slots[i].key);
        c->slots[i].key = NULL;
    }
    c->used = 0;
}

/* Case pattern of a word as the OCR printed it. */
typedef enum { CASE_LOWER, CASE_TITLE, CASE_UPPER } S_case;

static S_case S_case_of(const char *s, size_t len) {
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, letters = 0, upper = 0;
    bool first_upper = false, seen_letter = false;
    while (i < len) {
        uint32_t cp, base;
        int tone;
        bool up;
        int k = vb_utf8_decode(p + i, len - i, &cp);
        if (!k) break;
        i += (size_t)k;
        if (!vb_syl_letter(cp, &base, &tone, &up)) continue;
        letters++;
        upper += up;
        /* a capital I at the start is as often a misread l as a capital */
        if (!seen_letter) first_upper = up && (cp != 'I' || len == 1);
        seen_letter = true;
    }
    if (letters >= 2 && upper == letters) return CASE_UPPER;
    return first_upper ? CASE_TITLE : CASE_LOWER;
}

static void S_append_cased(vb_buf *out, const char *word, S_case cs, bool first_word) {
    const unsigned char *p = (const unsigned char *)word;
    size_t len = strlen(word), i = 0;
    bool first = true;
    while (i < len) {
        uint32_t cp;
        int k = vb_utf8_decode(p + i, len - i, &cp);
        if (!k) break;
        i += (size_t)k;
        if (cs == CASE_UPPER || (cs == CASE_TITLE && first && first_word)) cp = vb_syl_upper(cp);
        first = false;
        char enc[4];
        vb_buf_append(out, enc, (size_t)vb_utf8_encode(cp, enc));
    }
}

static bool S_shape_ok(const char *s, size_t len);

/* The readings of one word: trie candidates, the abbreviation table, or
 * the word kept as it is. */
static void S_readings(const vb_dia_model *m, const vb_channel *ch, bool confused, const char *s,
                       size_t len, bool strip, bool joined, S_cache_entry *e) {
    e->ncands = 0;
    e->nreserve = 0;
    e->own_known = false;
    uint32_t o[MAX_WORD_CPS];
    size_t n = 0, i = 0, letters = 0, digits = 0, upper = 0;
    const unsigned char *p = (const unsigned char *)s;
    char bare[4 * MAX_WORD_CPS + 1];
    while (i < len && n < MAX_WORD_CPS) {
        uint32_t cp, base;
        int tone;
        bool up;
        int k = vb_utf8_decode(p + i, len - i, &cp);
        if (!k) break;
        i += (size_t)k;
        if (S_is_digit(cp)) digits++;
        else if (vb_syl_letter(cp, &base, &tone, &up)) letters++, upper += up;
        o[n++] = vb_syl_lower(cp);
    }
    bool too_long = i < len;
    /* all-caps codes spelt with D where the documents write Đ (QD, HDND);
     * a Vietnamese OCR model prints the Đ */
    if (letters >= 2 && upper == letters && !digits && len < sizeof bare && !confused) {
        memcpy(bare, s, len);
        bare[len] = '\0';
        S_pair key = {bare, NULL};
        const S_pair *hit = m->nabbr ? bsearch(&key, m->abbr, m->nabbr, sizeof *m->abbr, S_pair_cmp)
                                     : NULL;
        if (hit) {
            e->cands[0] = (S_cand){{VB_LM_WORD}, 1, true, hit->to, 0.0f, false, false, false, false};
            e->ncands = 1;
            return;
        }
    }
    /* a Roman numeral with a small l for a capital I ("Il", "Ill") */
    bool roman = (len == 2 || len == 3) && !strip && !joined && !confused && s[0] == 'I' &&
                 memchr(s, 'l', len);
    for (size_t k = 0; roman && k < len; k++) roman = s[k] == 'I' || s[k] == 'l';
    if (roman) {
        e->cands[0] = (S_cand){{VB_LM_WORD}, 1, true, len == 2 ? "II" : "III", 0.0f, false, false, false, false};
        e->ncands = 1;
        return;
    }
    /* the word as written, when it is a syllable the model knows */
    char canon[VB_SYL_MAX_BYTES];
    size_t cn = vb_lm_canonical(s, len, canon);
    uint32_t as_is = cn ? vb_lm_id(m->lm, canon, cn) : VB_LM_UNK;
    /* a lone capital is a list label (A., B.) or a Roman numeral (I., V, X);
     * another one is a word the OCR cut short ("S" for "Sở") */
    bool lone_capital = n == 1 && letters == 1 && upper == 1 && !strip && !joined &&
                        strchr("ABCDEFGHILMVX", (int)o[0] - 'a' + 'A') != NULL;
    /* one or two digits may be a syllable the OCR read as digits ("6" for "ở", "16" for "lộ");
     * not so with a Vietnamese OCR model, nor does it cut words short */
    bool digit_word = !letters && digits && n <= MAX_DIGIT_WORD && !strip && !joined && !confused;
    /* a Vietnamese OCR model prints the marks: two plain letters that no
     * syllable spells are table debris or an abbreviation ("CT1 Ứt Ct"),
     * not a word to restore */
    bool debris = confused && as_is == VB_LM_UNK && n <= 2 && letters == n;
    for (size_t k = 0; debris && k < n; k++) debris = o[k] < 0x80;
    if (!too_long && (letters || digit_word) && !lone_capital && !debris) {
        S_search srch;
        memset(&srch, 0, offsetof(S_search, cost1));
        srch.m = m;
        srch.o = o;
        srch.n = n;
        srch.strip = strip;
        srch.allow_split = !strip && !joined && n >= 5 && upper != letters;
        srch.max_words = (int)(n / 3 < MAX_SPLIT ? (n / 3 > 2 ? n / 3 : 2) : MAX_SPLIT);
        srch.bound = CAND_ABS;
        bool reserve = !strip && !joined && letters == n && n <= 6;
        srch.beam = reserve ? RESERVE_BEAM : CAND_BEAM;
        if (strip) {
            /* compare bare letters with bare letters */
            for (size_t k = 0; k < n; k++) {
                int li = vb_channel_letter_index(o[k]);
                if (li >= 0) o[k] = m->bare[li];
            }
        }
        /* codes in capitals (BV, STT) are read only through what the OCR
         * is known to do, never through an unseen substitution */
        bool caps = letters >= 2 && upper == letters;
        /* first what the channel knows; then, within the bound that leaves,
         * readings with one unseen substitution */
        for (size_t k = 0; k < n; k++) {
            srch.o_vowel[k] = vb_channel_is_vowel(o[k]);
            size_t ne;
            const vb_emission_of *e = vb_channel_printing(ch, o[k], &ne);
            for (size_t i = 0; i < ne; i++) {
                int l = e[i].letter;
                uint64_t bit = UINT64_C(1) << (l & 63);
                float c = -e[i].e.logp;
                if (e[i].e.nout == 1) {
                    if (!(srch.one[k][l >> 6] & bit) || c < srch.cost1[k][l]) srch.cost1[k][l] = c;
                    srch.one[k][l >> 6] |= bit;
                } else if (k + 1 < n && o[k + 1] == e[i].e.out[1]) {
                    if (!(srch.two[k][l >> 6] & bit) || c < srch.cost2[k][l]) srch.cost2[k][l] = c;
                    srch.two[k][l >> 6] |= bit;
                }
            }
        }
        size_t nd;
        const vb_emission_of *dr = vb_channel_dropped(ch, &nd);
        for (size_t i = 0; i < nd; i++) {
            int l = dr[i].letter;
            uint64_t bit = UINT64_C(1) << (l & 63);
            if (!(srch.drop[l >> 6] & bit) || -dr[i].e.logp < srch.cost_drop[l])
                srch.cost_drop[l] = -dr[i].e.logp;
            srch.drop[l >> 6] |= bit;
        }
        srch.split_cost = -vb_channel_split(ch);
        srch.swap_cost = -vb_channel_vowel_swap(ch);
        srch.floor_cost = -vb_channel_floor(ch);
        srch.unseen_from[n] = INFINITY;
        for (size_t k = n; k-- > 0;) {
            float here = srch.o_vowel[k] && srch.swap_cost < srch.floor_cost ? srch.swap_cost
                                                                             : srch.floor_cost;
            srch.unseen_from[k] = fminf(here, srch.unseen_from[k + 1]);
        }
        S_dfs(&srch, 0, 0, 0.0f, 0, true, 0);
        float cheapest_guess = -vb_channel_floor(ch);
        if (-vb_channel_vowel_swap(ch) < cheapest_guess)
            cheapest_guess = -vb_channel_vowel_swap(ch);
        if (!caps && !strip && !joined && srch.bound >= cheapest_guess)
            S_dfs(&srch, 0, 0, 0.0f, 0, false, 0);
        /* a short word no syllable reads well may be two run together
         * ("Yté"): searched for only then, as most short words are one */
        if (!srch.allow_split && !strip && !joined && (n == 3 || n == 4) && upper != letters &&
            srch.bound >= SHORT_SPLIT_AFTER) {
            srch.allow_split = true;
            S_dfs(&srch, 0, 0, 0.0f, 0, true, 0);
        }
        /* readings beyond the usual beam wait in reserve */
        float cheapest = INFINITY;
        for (size_t k = 0; k < srch.nfound; k++)
            if (-srch.found[k].chan < cheapest) cheapest = -srch.found[k].chan;
        size_t nfar = 0;
        S_cand far[MAX_FOUND];
        float far_rank[MAX_FOUND];
        for (size_t k = 0; k < srch.nfound;) {
            if (-srch.found[k].chan > cheapest + CAND_BEAM) {
                far[nfar] = srch.found[k];
                far_rank[nfar++] = srch.rank[k];
                srch.found[k] = srch.found[--srch.nfound];
                srch.rank[k] = srch.rank[srch.nfound];
            } else k++;
        }
        /* the best few by channel and word frequency */
        for (size_t k = 0; k < srch.nfound && e->ncands < MAX_CANDS - 1; k++) {
            size_t best = k;
            for (size_t j = k + 1; j < srch.nfound; j++)
                if (srch.rank[j] > srch.rank[best]) best = j;
            S_cand tc = srch.found[k];
            srch.found[k] = srch.found[best];
            srch.found[best] = tc;
            float tr = srch.rank[k];
            srch.rank[k] = srch.rank[best];
            srch.rank[best] = tr;
            srch.found[k].chan *= CHANNEL_WEIGHT;
            e->cands[e->ncands++] = srch.found[k];
        }
        while (e->nreserve < MAX_RESERVE) {
            size_t best = SIZE_MAX;
            for (size_t k = 0; k < nfar; k++)
                if (far[k].nw == 1 && (best == SIZE_MAX || far_rank[k] > far_rank[best])) best = k;
            if (best == SIZE_MAX) break;
            e->reserve[e->nreserve] = far[best].w[0];
            e->reserve_chan[e->nreserve++] = far[best].chan * CHANNEL_WEIGHT;
            far[best].nw = 0;
        }
    }
    /* keeping the word: free when it is already a known syllable (then it is
     * among the readings), costly otherwise */
    bool have_as_is = false;
    for (size_t k = 0; k < e->ncands; k++)
        if (e->cands[k].nw == 1 && e->cands[k].w[0] == as_is) have_as_is = true;
    if (confused && as_is != VB_LM_UNK) {
        /* the OCR's own reading is a known syllable: the others need more
         * than the language model's liking (S_tokenize adds what they pay) */
        e->own_known = true;
        for (size_t k = 0; k < e->ncands; k++)
            e->cands[k].own = e->cands[k].nw == 1 && e->cands[k].w[0] == as_is;
    }
    if (!have_as_is) {
        uint32_t id = as_is != VB_LM_UNK ? as_is : (letters ? VB_LM_WORD : VB_LM_NUM);
        float cost = 0.0f;
        if (e->ncands && as_is == VB_LM_UNK && letters) {
            /* capitals that no tone makes a syllable are codes (BV, STT,
             * PDB), not damaged words (XET for XÉT); other
             * words cost more to keep the longer they are, as any spelling
             * model of foreign words would say ("Trunguong" is two syllables) */
            bool caps = letters >= 2 && upper == letters;
            size_t extra = letters > KEEP_FREE_LETTERS ? letters - KEEP_FREE_LETTERS : 0;
            cost = caps && !S_shape_ok(s, len) ? KEEP_CAPS_LOGP
                                               : KEEP_LOGP - KEEP_PER_LETTER * (float)extra;
        }
        e->cands[e->ncands++] = (S_cand){{id}, 0, false, NULL, cost, false, false, false, false};
    }
}

/* ---- auto mode: is this paragraph damaged? ---- */

/* True when some tone makes the toneless letters a syllable ("hoach"). */
static bool S_shape_ok(const char *s, size_t len) {
    char buf[4 * MAX_WORD_CPS + 8];
    if (len >= sizeof buf) return false;
    /* drop the tone, keep hats and horns */
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, o = 0;
    int vowel_at[MAX_WORD_CPS], nv = 0, ncps = 0;
    uint32_t cps[MAX_WORD_CPS];
    while (i < len && ncps < MAX_WORD_CPS) {
        uint32_t cp, base;
        int tone;
        bool up;
        int k = vb_utf8_decode(p + i, len - i, &cp);
        if (!k || !vb_syl_letter(cp, &base, &tone, &up)) return false;
        i += (size_t)k;
        if (vb_syl_letter_make(base, 1, false)) vowel_at[nv++] = ncps;
        cps[ncps++] = base;
    }
    if (i < len) return false;
    for (int t = 1; t < VB_SYL_NTONES; t++)
        for (int v = 0; v < nv; v++) {
            o = 0;
            for (int k = 0; k < ncps; k++) {
                uint32_t cp = k == vowel_at[v] ? vb_syl_letter_make(cps[k], t, false) : cps[k];
                o += (size_t)vb_utf8_encode(cp, buf + o);
            }
            if (vb_syl_is_valid(buf, o)) return true;
        }
    return false;
}

static void S_evidence_word(const char *s, size_t len, vb_dia_evidence *ev) {
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, letters = 0, upper = 0, digits = 0, marked = 0, native = 0;
    bool small_then_capital = false, prev_small = false;
    while (i < len) {
        uint32_t cp, base;
        int tone;
        bool up;
        int k = vb_utf8_decode(p + i, len - i, &cp);
        if (!k) return;
        i += (size_t)k;
        if (S_is_digit(cp)) digits++, prev_small = false;
        else if (vb_syl_letter(cp, &base, &tone, &up)) {
            letters++;
            upper += up;
            if (cp >= 0x80) marked++;
            if (cp > 0xFF) native++;
            if (up && prev_small) small_then_capital = true;
            prev_small = !up;
        } else return; /* a word of another script: no evidence */
    }
    /* what a Vietnamese OCR model makes of a worn page: marks on a word
     * that no syllable spells so ("quyét", "Đêề"; foreign names in title
     * case aside: "Mélo"), a capital among small letters ("vỊ", "trONĐ") */
    if (!digits && marked && letters >= 2 && !(upper == letters && !S_shape_ok(s, len)) &&
        ((small_then_capital && letters <= 7) ||
         ((native || upper == 0 || upper == letters) && !vb_syl_is_valid(s, len))))
        ev->confused++;
    if (letters + digits < 2 || !letters) return;
    if (digits) {
        /* "d6ng", "4an": digits standing for letters; but capitals with
         * digits are codes and labels (T1, P12, COVID19) */
        if (letters >= 1 && digits <= 2 && letters + digits <= 7 && upper < letters) {
            ev->words++;
            ev->invalid++;
        }
        return;
    }
    if (vb_syl_is_valid(s, len)) {
        ev->words++;
        if (marked) ev->marked++;
        if (native) ev->native++;
        return;
    }
    if (upper == letters && !S_shape_ok(s, len)) return; /* a code: UBND, ECMO */
    if (upper >= 1 && upper < letters) return; /* names and foreign words: Barbados, iPhone */
    ev->words++;
    ev->invalid++;
}

bool vb_dia_doc_confused(const vb_dia_evidence *ev) {
    return ev->confused >= 2 && ev->confused * CONFUSED_DOC_ONE_IN >= ev->words;
}

vb_dia_verdict vb_dia_verdict_of(const vb_dia_evidence *ev) {
    if (ev->words == 0) return VB_DIA_CLEAN;
    if (ev->words <= 3) {
        if (ev->invalid && !ev->marked) return VB_DIA_DAMAGED;
        if (ev->marked && !ev->invalid) return VB_DIA_CLEAN;
        return VB_DIA_UNSURE;
    }
    /* clean Vietnamese marks most of its syllables; English OCR output
     * keeps a few (é, ô) and leaves many words that are no syllable */
    if (ev->marked * 20 < ev->words * 7) return VB_DIA_DAMAGED;
    /* marks, but only those of Latin-1 (é, ô, à) on a quarter of the words
     * or more left bare: what English OCR makes of Vietnamese */
    if (ev->native == 0 && ev->marked * 4 < ev->words * 3) return VB_DIA_DAMAGED;
    /* many words that are no syllable, unless most words carry marks, which
     * English OCR never leaves (foreign terms in clean text: "beta
     * thalassemia") */
    if (ev->invalid * 4 >= ev->words && ev->marked * 2 < ev->words) return VB_DIA_DAMAGED;
    return VB_DIA_CLEAN;
}

/* Calls fn for every word (letters and digits) of s. */
typedef void (*S_word_fn)(const char *s, size_t start, size_t len, void *ctx);

static void S_words(const char *s, size_t len, S_word_fn fn, void *ctx) {
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        int k = vb_utf8_decode(p + i, len - i, &cp);
        if (!k) {
            i++;
            continue;
        }
        if (!S_is_letter(cp) && !S_is_digit(cp)) {
            i += (size_t)k;
            continue;
        }
        size_t j = i;
        while (j < len) {
            int m = vb_utf8_decode(p + j, len - j, &cp);
            if (!m || (!S_is_letter(cp) && !S_is_digit(cp))) break;
            j += (size_t)m;
        }
        fn(s, i, j - i, ctx);
        i = j;
    }
}

static void S_evidence_cb(const char *s, size_t start, size_t len, void *ctx) {
    S_evidence_word(s + start, len, ctx);
}

/* ---- language: English sentences are no text to restore ----
 *
 * Clean English read as toneless Vietnamese gives many syllables ("so",
 * "it", "loan", "that") and the model would mark them (số, ít, loạn, thật).
 * A sentence is taken for English by three counts over its words: English
 * function words that no tone makes a syllable (the, and, of, is, with),
 * English words that are also toneless syllables (to, so, it, be, do), and
 * longer words of plain letters that no tone makes a syllable (appears,
 * screen, dollars).  OCR damage of Vietnamese gives syllables, short debris
 * ("sb", "phd") and marked letters, hardly ever a function word of English. */

static const char *const S_EN_STRONG[] = {
    "the", "and", "of", "is", "are", "was", "were", "this", "that", "with", "for", "from",
    "which", "have", "has", "had", "been", "will", "would", "shall", "should", "could",
    "their", "there", "they", "these", "those", "its", "his", "what", "when", "where",
    "who", "whom", "whether", "such", "any", "other", "than", "into", "under", "upon",
    "does", "you", "your", "if", "or", "by", "not", "only", "also", "all", "each",
    "must", "can", "may", "more", "most", "about", "after", "before", "between",
};
/* short English words that some tone makes a Vietnamese syllable */
static const char *const S_EN_WEAK[] = {
    "a", "an", "at", "be", "but", "do", "go", "he", "i", "in", "it", "me", "my", "no",
    "on", "so", "to", "up", "we", "us", "as", "got", "new", "one", "out", "two", "per",
};

static bool S_in_list(const char *const *list, size_t n, const char *w, size_t len) {
    for (size_t i = 0; i < n; i++)
        if (strlen(list[i]) == len && memcmp(list[i], w, len) == 0) return true;
    return false;
}

typedef struct {
    size_t words, strong, weak, foreign, native;
    size_t syllables; /* other small words that some tone makes a syllable */
} S_lang;

static void S_lang_cb(const char *s, size_t start, size_t len, void *ctx) {
    S_lang *l = ctx;
    const unsigned char *p = (const unsigned char *)s + start;
    char low[16] = {0};
    bool ascii = true, digit = false;
    size_t upper = 0;
    for (size_t i = 0; i < len; i++) {
        if (p[i] >= 0x80) ascii = false;
        else if (p[i] >= '0' && p[i] <= '9') digit = true;
        else if (p[i] >= 'A' && p[i] <= 'Z') upper++;
    }
    if (digit) return; /* numbers and codes say nothing of the language */
    l->words++;
    if (!ascii) {
        for (size_t i = 0; i < len;) {
            uint32_t cp;
            int k = vb_utf8_decode(p + i, len - i, &cp);
            if (!k) break;
            if (cp > 0xFF) {
                l->native++;
                break;
            }
            i += (size_t)k;
        }
        return;
    }
    /* capitals (codes, abbreviations, headings) count by function words only */
    bool caps = upper == len && len > 1;
    if (len < sizeof low) {
        for (size_t i = 0; i < len; i++) low[i] = (char)(p[i] | 0x20);
        bool strong = S_in_list(S_EN_STRONG, sizeof S_EN_STRONG / sizeof *S_EN_STRONG, low, len);
        /* a word some tone makes a syllable ("the": thế, "that": thật) is
         * no strong sign however common in English */
        if (strong && !S_shape_ok((const char *)p, len)) {
            l->strong++;
            return;
        }
        if (caps) return;
        if (strong || S_in_list(S_EN_WEAK, sizeof S_EN_WEAK / sizeof *S_EN_WEAK, low, len)) {
            l->weak++;
            return;
        }
    }
    if (caps) return;
    bool shape = S_shape_ok((const char *)p, len);
    if (len >= 4 && !shape) l->foreign++;
    if (shape && upper == 0) l->syllables++;
}

static bool S_lang_english(const S_lang *l) {
    /* a list of names and terms ("Dan Egnor, Base64 conversion"): two
     * words or more that no tone makes a syllable, half the words at
     * least, and no small word that one makes */
    if (l->strong == 0 && l->native == 0 && l->syllables == 0 && l->weak == 0 && l->foreign >= 2 &&
        l->foreign * 2 >= l->words)
        return true;
    if (l->words < 2 || l->strong == 0 || l->native * 4 > l->words) return false;
    return (l->strong + l->weak + l->foreign) * 2 >= l->words || l->strong * 5 >= l->words;
}

static bool S_is_english(const char *s, size_t len) {
    S_lang l = {0};
    S_words(s, len, S_lang_cb, &l);
    return S_lang_english(&l);
}

/* A paragraph is English as a whole, sentences without a function word of
 * their own included ("To do so, attach the following notices"), when it
 * reads as English and few of its words are Vietnamese syllables: not so a
 * Vietnamese sentence followed by an English one. */
static bool S_is_english_paragraph(const char *s, size_t len) {
    S_lang l = {0};
    S_words(s, len, S_lang_cb, &l);
    return S_lang_english(&l) && l.syllables * 5 < l.words;
}

/* End of the sentence starting at i of s[..len): after ". ", "! ", "? ",
 * "; " or ": " (a line end counts as a space), or at a blank line; len at
 * the end.  A sentence may run over the lines of a hard-wrapped paragraph. */
static size_t S_sentence_end(const char *s, size_t i, size_t len) {
    for (size_t j = i; j < len; j++) {
        char c = s[j];
        if ((c == '.' || c == '!' || c == '?' || c == ';' || c == ':') && j + 1 < len &&
            (s[j + 1] == ' ' || s[j + 1] == '\t' || s[j + 1] == '\n'))
            return j + 1;
        if (c == '\n' && j > i && j + 1 < len && s[j + 1] == '\n') return j + 1;
    }
    return len;
}

vb_dia_verdict vb_dia_judge(const char *utf8, size_t len, vb_dia_evidence *ev) {
    vb_dia_evidence local = {0};
    /* English sentences give no evidence: they are left as they are, and
     * so is a whole paragraph that reads as English ("To do so, attach the
     * following notices" has no function word of its own) */
    bool english = S_is_english_paragraph(utf8, len);
    for (size_t i = 0; i < len && !english;) {
        size_t j = S_sentence_end(utf8, i, len);
        if (!S_is_english(utf8 + i, j - i)) S_words(utf8 + i, j - i, S_evidence_cb, &local);
        i = j;
    }
    if (ev) *ev = local;
    return vb_dia_verdict_of(&local);
}

/* ---- decoding ---- */

typedef struct {
    uint32_t h2, h1;
    float score;
    int32_t back; /* index of the previous hypothesis, -1 at the start */
    uint8_t cand;
    bool skip_next; /* the reading chosen covers the next word too */
} S_hyp;

typedef struct {
    S_tok *toks;
    size_t ntoks, cap;
    S_cand *cands;
    size_t ncands, capc;
} S_doc;

static void S_add_tok(S_doc *d, S_tok t) {
    if (d->ntoks == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 256;
        d->toks = realloc(d->toks, d->cap * sizeof *d->toks);
        if (!d->toks) abort();
    }
    d->toks[d->ntoks++] = t;
}

static uint32_t S_add_cands(S_doc *d, const S_cand *c, size_t n) {
    if (d->ncands + n > d->capc) {
        while (d->ncands + n > d->capc) d->capc = d->capc ? d->capc * 2 : 1024;
        d->cands = realloc(d->cands, d->capc * sizeof *d->cands);
        if (!d->cands) abort();
    }
    memcpy(d->cands + d->ncands, c, n * sizeof *c);
    d->ncands += n;
    return (uint32_t)(d->ncands - n);
}

/* LM score of candidate c after history (h2, h1); the new history in *n2, *n1. */
static float S_step(const vb_lm *lm, uint32_t h2, uint32_t h1, const S_cand *c, uint32_t *n2,
                    uint32_t *n1) {
    float s = 0;
    int nw = c->skip ? 0 : c->nw ? c->nw : 1;
    for (int k = 0; k < nw; k++) {
        s += vb_lm_logp(lm, h2, h1, c->w[k]);
        h2 = h1;
        h1 = c->w[k];
    }
    *n2 = h2;
    *n1 = h1;
    return s;
}

static inline uint64_t S_mix2(uint32_t a, uint32_t b) {
    uint64_t x = (uint64_t)a << 32 | b;
    x ^= x >> 31;
    x *= 0x7fb5d329728ea185ULL;
    x ^= x >> 27;
    return x;
}

/* Adds hypothesis h to work, or keeps the better of h and the one with the
 * same last two words (and the same pending join). */
static inline void S_recombine(S_hyp *work, size_t *nw, int16_t *slot_of, uint16_t *claimed, S_hyp h) {
    size_t at = (size_t)((S_mix2(h.h2, h.h1) ^ h.skip_next) & (RECOMB_SLOTS - 1));
    while (slot_of[at] >= 0 && (work[slot_of[at]].h2 != h.h2 || work[slot_of[at]].h1 != h.h1 ||
                                work[slot_of[at]].skip_next != h.skip_next))
        at = (at + 1) & (RECOMB_SLOTS - 1);
    if (slot_of[at] < 0) {
        claimed[*nw] = (uint16_t)at;
        slot_of[at] = (int16_t)*nw;
        work[(*nw)++] = h;
    } else if (h.score > work[slot_of[at]].score)
        work[slot_of[at]] = h;
}

/* Beam search; writes the chosen candidate of every token into choice. */
static void S_decode(const vb_dia_model *m, S_doc *d, uint8_t *choice) {
    size_t n = d->ntoks;
    S_hyp *hyps = malloc((n + 1) * BEAM * sizeof *hyps);
    size_t *nh = calloc(n + 1, sizeof *nh);
    if (!hyps || !nh) abort();
    S_hyp *cur = hyps;
    cur[0] = (S_hyp){VB_LM_BOS, VB_LM_BOS, 0.0f, -1, 0, false};
    nh[0] = 1;
    S_hyp work[BEAM * MAX_READINGS];
    /* recombination: histories ending in the same two words keep the best */
    int16_t slot_of[RECOMB_SLOTS];
    uint16_t claimed[BEAM * MAX_READINGS]; /* the slots taken in this step, to free after it */
    memset(slot_of, -1, sizeof slot_of);
    uint32_t firsts[MAX_READINGS], live_w[MAX_READINGS], live_k[MAX_READINGS];
    float lp[MAX_READINGS], live_lp[MAX_READINGS];
    for (size_t t = 0; t < n; t++) {
        const S_tok *tok = &d->toks[t];
        const S_cand *cands = &d->cands[tok->cand_first];
        S_hyp *prev = hyps + t * BEAM;
        size_t np = nh[t], nw = 0;
        for (uint32_t k = 0; k < tok->ncands; k++) firsts[k] = cands[k].w[0];
        float best = -INFINITY;
        for (size_t a = 0; a < np; a++) {
            uint32_t h2 = prev[a].h2, h1 = prev[a].h1;
            float base = prev[a].score;
            if (prev[a].skip_next) {
                /* read with the word before: only the empty reading */
                uint32_t k = tok->ncands - 1;
                S_recombine(work, &nw, slot_of, claimed, (S_hyp){h2, h1, base, (int32_t)a, (uint8_t)k, false});
                if (base > best) best = base;
                continue;
            }
            if (tok->sentence_start && t > 0) {
                base += vb_lm_logp(m->lm, h2, h1, VB_LM_EOS);
                h2 = h1 = VB_LM_BOS;
            }
            /* a language model probability is at most 1: readings that
             * fall out of the beam even so are not looked up */
            size_t nlive = 0;
            for (uint32_t k = 0; k < tok->ncands; k++)
                if (!cands[k].skip && base + cands[k].chan >= best - HYP_BEAM)
                    live_w[nlive] = firsts[k], live_k[nlive++] = k;
            vb_lm_logp_many(m->lm, h2, h1, live_w, nlive, live_lp);
            for (size_t i = 0; i < nlive; i++) {
                uint32_t k = live_k[i];
                const S_cand *c = &cands[k];
                lp[k] = live_lp[i];
                uint32_t n2 = h1, n1 = c->w[0];
                float s = base + c->chan + lp[k];
                for (int i = 1; i < c->nw; i++) {
                    s += vb_lm_logp(m->lm, n2, n1, c->w[i]);
                    n2 = n1;
                    n1 = c->w[i];
                }
                if (s < best - HYP_BEAM) continue;
                if (s > best) best = s;
                S_recombine(work, &nw, slot_of, claimed, (S_hyp){n2, n1, s, (int32_t)a, (uint8_t)k, c->join});
            }
        }
        for (size_t i = 0; i < nw; i++) slot_of[claimed[i]] = -1;
        /* histories far below the best never win */
        size_t live = 0;
        for (size_t i = 0; i < nw; i++)
            if (work[i].score >= best - HYP_BEAM) work[live++] = work[i];
        nw = live;
        /* the best BEAM survive */
        size_t keep = nw < BEAM ? nw : BEAM;
        for (size_t i = 0; i < keep; i++) {
            size_t best = i;
            for (size_t j = i + 1; j < nw; j++)
                if (work[j].score > work[best].score) best = j;
            S_hyp tmp = work[i];
            work[i] = work[best];
            work[best] = tmp;
        }
        /* a reading rescued for the next word pays its channel cost now and
         * is repaid only there: the best history through one keeps a place */
        if (keep == BEAM && nw > keep) {
            bool kept = false;
            for (size_t i = 0; i < keep && !kept; i++) kept = cands[work[i].cand].rescued;
            size_t r = SIZE_MAX;
            for (size_t i = keep; i < nw && !kept; i++)
                if (cands[work[i].cand].rescued && (r == SIZE_MAX || work[i].score > work[r].score)) r = i;
            if (!kept && r != SIZE_MAX) work[keep - 1] = work[r];
        }
        memcpy(hyps + (t + 1) * BEAM, work, keep * sizeof *work);
        nh[t + 1] = keep;
    }
    S_hyp *last = hyps + n * BEAM;
    size_t best = 0;
    float bs = -INFINITY;
    for (size_t a = 0; a < nh[n]; a++) {
        if (last[a].skip_next) continue;
        float s = last[a].score + vb_lm_logp(m->lm, last[a].h2, last[a].h1, VB_LM_EOS);
        if (s > bs) bs = s, best = a;
    }
    int32_t at = (int32_t)best;
    for (size_t t = n; t > 0; t--) {
        const S_hyp *h = hyps + t * BEAM + at;
        choice[t - 1] = h->cand;
        at = h->back;
    }
    free(hyps);
    free(nh);
}

/* History (two words) before token t on the chosen path. */
static void S_history(const S_doc *d, const uint8_t *choice, size_t t, uint32_t *h2, uint32_t *h1) {
    uint32_t w[2] = {VB_LM_BOS, VB_LM_BOS};
    int got = 0;
    for (size_t i = t; i > 0 && got < 2; i--) {
        if (d->toks[i].sentence_start && i == t) break;
        const S_tok *tok = &d->toks[i - 1];
        const S_cand *c = &d->cands[tok->cand_first + choice[i - 1]];
        uint8_t nw = c->skip ? 0 : c->nw ? c->nw : 1;
        for (int k = nw - 1; k >= 0 && got < 2; k--) w[got++] = c->w[k];
        if (tok->sentence_start) break;
    }
    *h1 = w[0];
    *h2 = w[1];
}

/* Scores of the readings of token t with the neighbours on the chosen path
 * (channel and language model), -INFINITY for readings of other words and
 * for those far below the chosen one; returns the best. */
static float S_local_scores(const vb_dia_model *m, const S_doc *d, const uint8_t *choice, size_t t,
                            float *scores) {
    const S_tok *tok = &d->toks[t];
    uint32_t h2, h1;
    S_history(d, choice, t, &h2, &h1);
    float best = -INFINITY;
    bool join = d->cands[tok->cand_first + choice[t]].join;
    /* the right neighbours on the chosen path (at most two words) */
    uint32_t right[2];
    int nright = 0;
    for (size_t j = t + 1; j < d->ntoks && j <= t + 2 && nright < 2; j++) {
        if (d->toks[j].sentence_start) break;
        const S_cand *cj = &d->cands[d->toks[j].cand_first + choice[j]];
        if (cj->skip) continue;
        if (cj->nw > 1) break; /* rare: scored word by word below */
        right[nright++] = cj->w[0];
    }
    /* first words of every reading in one batch, then the lookups with the
     * right neighbours fetched together */
    uint32_t firsts[MAX_READINGS];
    float first_lp[MAX_READINGS];
    for (uint32_t k = 0; k < tok->ncands; k++) firsts[k] = d->cands[tok->cand_first + k].w[0];
    vb_lm_logp_many(m->lm, h2, h1, firsts, tok->ncands, first_lp);
    /* the chosen reading first: a reading that even before its right
     * neighbours scores far below it adds nothing to the sum */
    float floor = -INFINITY;
    for (uint32_t pass = 0; pass < 2; pass++)
    for (uint32_t k = 0; k < tok->ncands; k++) {
        const S_cand *c = &d->cands[tok->cand_first + k];
        if ((pass == 0) != (k == choice[t])) continue;
        scores[k] = -INFINITY;
        if (c->skip || c->join != join) continue; /* readings of the same words only */
        if (c->nw <= 1 && c->chan + first_lp[k] < floor) continue;
        float s;
        uint32_t a2, a1;
        if (c->nw <= 1) {
            s = c->chan + first_lp[k];
            a2 = h1;
            a1 = c->w[0];
        } else
            s = c->chan + S_step(m->lm, h2, h1, c, &a2, &a1);
        for (int r = 0; r < nright; r++) {
            s += vb_lm_logp(m->lm, a2, a1, right[r]);
            a2 = a1;
            a1 = right[r];
        }
        scores[k] = s;
        if (s > best) best = s;
        if (pass == 0) floor = s - CONFIDENCE_SPAN;
    }
    return best;
}

/* Probability of the chosen reading of token t against its alternatives,
 * with the neighbours on the chosen path. */
static float S_confidence(const vb_dia_model *m, const S_doc *d, const uint8_t *choice, size_t t) {
    const S_tok *tok = &d->toks[t];
    if (tok->ncands < 2) return 1.0f;
    float scores[MAX_READINGS];
    float best = S_local_scores(m, d, choice, t, scores);
    double sum = 0;
    for (uint32_t k = 0; k < tok->ncands; k++) sum += exp((double)(scores[k] - best));
    return (float)(exp((double)(scores[choice[t]] - best)) / sum);
}

/* ---- one sense per document ---- */

typedef struct {
    const char *form; /* the OCR word */
    uint32_t len, tok;
} S_form;

/* Order of OCR words, capitals folded. */
static int S_form_cmp(const void *a, const void *b) {
    const S_form *x = a, *y = b;
    size_t n = x->len < y->len ? x->len : y->len;
    for (size_t i = 0; i < n; i++) {
        int p = (unsigned char)x->form[i], q = (unsigned char)y->form[i];
        if (p >= 'A' && p <= 'Z') p += 32;
        if (q >= 'A' && q <= 'Z') q += 32;
        if (p != q) return p - q;
    }
    return x->len < y->len ? -1 : x->len > y->len;
}

static bool S_open_choice(const S_doc *d, const uint8_t *choice, uint32_t t) {
    const S_tok *tok = &d->toks[t];
    if (tok->kind != TOK_WORD || !tok->repair || tok->ncands < 2) return false;
    const S_cand *c = &d->cands[tok->cand_first + choice[t]];
    return !c->skip && !c->join && !c->code && c->nw == 1;
}

/* A document uses a word in one sense: an OCR form read several times is
 * mostly the same word ("tinh" is "tỉnh" all through a provincial plan).
 * After the search, a word read otherwise than most other words of the
 * same form is decided again with its neighbours fixed and a document
 * prior added: DISCOURSE_WEIGHT * log (n(r) + 1/K) / (n + 1), where n(r)
 * of the n other words of the form were read r and K readings compete. */
static void S_discourse(const vb_dia_model *m, const S_doc *d, const char *s, uint8_t *choice) {
    S_form *forms = malloc((d->ntoks + 1) * sizeof *forms);
    if (!forms) abort();
    size_t n = 0;
    for (uint32_t t = 0; t < d->ntoks; t++)
        if (S_open_choice(d, choice, t))
            forms[n++] = (S_form){s + d->toks[t].start, (uint32_t)d->toks[t].len, t};
    qsort(forms, n, sizeof *forms, S_form_cmp);
    enum { MAX_SENSES = 16 };
    for (size_t g = 0; g < n;) {
        size_t e = g + 1;
        while (e < n && S_form_cmp(&forms[g], &forms[e]) == 0) e++;
        /* what the form was read as, from the search */
        uint32_t sense[MAX_SENSES], count[MAX_SENSES];
        size_t nsense = 0;
        for (size_t i = g; i < e; i++) {
            uint32_t w = d->cands[d->toks[forms[i].tok].cand_first + choice[forms[i].tok]].w[0];
            size_t k = 0;
            while (k < nsense && sense[k] != w) k++;
            if (k == nsense && nsense < MAX_SENSES) sense[nsense] = w, count[nsense++] = 0;
            if (k < nsense) count[k]++;
        }
        for (size_t i = g; nsense > 1 && i < e; i++) {
            uint32_t t = forms[i].tok;
            const S_tok *tok = &d->toks[t];
            const S_cand *cands = &d->cands[tok->cand_first];
            uint32_t own = cands[choice[t]].w[0];
            /* the others' counts: does another sense lead? */
            uint32_t own_n = 0, lead_n = 0;
            for (size_t k = 0; k < nsense; k++) {
                uint32_t c = count[k] - (sense[k] == own);
                if (sense[k] == own) own_n = c;
                else if (c > lead_n) lead_n = c;
            }
            if (lead_n <= own_n) continue;
            float scores[MAX_READINGS];
            S_local_scores(m, d, choice, t, scores);
            uint32_t nk = 0;
            for (uint32_t k = 0; k < tok->ncands; k++)
                if (scores[k] > -INFINITY && cands[k].nw == 1 && !cands[k].skip && !cands[k].join) nk++;
            if (nk < 2) continue;
            float others = (float)(e - g - 1);
            uint32_t best = choice[t];
            float best_score = -INFINITY;
            for (uint32_t k = 0; k < tok->ncands; k++) {
                if (scores[k] == -INFINITY || cands[k].nw != 1 || cands[k].skip || cands[k].join) continue;
                uint32_t c = 0;
                for (size_t j = 0; j < nsense; j++)
                    if (sense[j] == cands[k].w[0]) c = count[j] - (sense[j] == own);
                float sc = scores[k] + DISCOURSE_WEIGHT * logf(((float)c + 1.0f / (float)nk) / (others + 1.0f));
                if (sc > best_score) best_score = sc, best = k;
            }
            choice[t] = (uint8_t)best;
        }
        g = e;
    }
    free(forms);
}


/* ---- the call ---- */

typedef struct {
    const vb_dia_model *m;
    S_doc *doc;
    S_cache *cache;
    bool strip;
    bool confused;          /* Vietnamese-model OCR: the marks printed are evidence */
    const vb_channel *ch;   /* the channel of the OCR at hand */
} S_build;

/* The readings of a word: the document's cache, then the run's, then the
 * trie.  Strip-mode readings are kept apart by a first key byte. */
static S_cache_entry *S_lookup(S_build *b, const char *word, size_t n, bool joined) {
    bool fresh;
    char key[4 * MAX_WORD_CPS + 4];
    S_cache_entry *e;
    /* readings under the other channel are kept apart by a first key byte
     * (a word too long for the key has no readings but itself under either) */
    if (b->confused && n + 2 <= sizeof key) {
        key[0] = '\x02';
        memcpy(key + 1, word, n);
        e = S_cache_find(b->cache, key, n + 1, &fresh);
    } else e = S_cache_find(b->cache, word, n, &fresh);
    if (!fresh) return e;
    S_run_cache *run = b->m->run;
    if (n + 2 > sizeof key) run = NULL;
    size_t klen = 0;
    if (run) {
        key[0] = b->strip ? 's' : b->confused ? (joined ? 'J' : 'v') : joined ? 'j' : 'o';
        memcpy(key + 1, word, n);
        klen = n + 1;
        if (S_run_get(run, key, klen, e)) return e;
    }
    S_readings(b->m, b->ch, b->confused, joined ? word + 1 : word, joined ? n - 1 : n, b->strip,
               joined, e);
    if (run) {
        S_cache_entry x = *e;
        x.key = key;
        x.keylen = klen;
        key[klen] = '\0';
        S_run_put(run, &x);
    }
    return e;
}

static bool S_is_blank_between(const char *s, size_t from, size_t to) {
    int newlines = 0;
    for (size_t i = from; i < to; i++)
        if (s[i] == '\n') newlines++;
    return newlines >= 2;
}

/* Where a word of letters runs a code in capitals into a capitalised word,
 * as table cells the OCR read together do ("BVNhi", "BVDKtinh"): the byte
 * offset of the word, or 0.  The code ends before the last capital, or
 * after it when the whole run of capitals is a known code (BVDK).  Both
 * sides keep two letters or more; words in mixed case (McDonald, iPhone)
 * are left whole. */
static size_t S_case_cut(const vb_dia_model *m, const char *s, size_t len) {
    const unsigned char *p = (const unsigned char *)s;
    /* most words start in lower case: no cut */
    if (len < 5 || (p[0] >= 'a' && p[0] <= 'z')) return 0;
    size_t at[MAX_WORD_CPS + 1], n = 0, i = 0;
    bool up[MAX_WORD_CPS];
    while (i < len && n < MAX_WORD_CPS) {
        uint32_t cp, base;
        int tone, k = vb_utf8_decode(p + i, len - i, &cp);
        if (!k || !vb_syl_letter(cp, &base, &tone, &up[n])) return 0;
        if (n < 3 && !up[n]) return 0;
        at[n++] = i;
        i += (size_t)k;
    }
    if (i < len) return 0;
    size_t caps = 0;
    while (caps < n && up[caps]) caps++;
    if (caps < 3 || n - caps < 2) return 0;
    for (size_t k = caps; k < n; k++)
        if (up[k]) return 0;
    char code[4 * MAX_WORD_CPS + 1];
    memcpy(code, s, at[caps]);
    code[at[caps]] = '\0';
    S_pair key = {code, NULL};
    if (m->nabbr && bsearch(&key, m->abbr, m->nabbr, sizeof *m->abbr, S_pair_cmp)) return at[caps];
    /* the last capital starts the word only if it begins a Vietnamese onset
     * with the letters up to the first vowel ("Nhi", "Phusan"; not "Dtinh") */
    static const char *const onsets[] = {"", "b", "c", "ch", "d", "g", "gh", "gi", "h", "k", "kh",
                                         "l", "m", "n", "ng", "ngh", "nh", "p", "ph", "q", "r",
                                         "s", "t", "th", "tr", "v", "x"};
    char onset[8];
    size_t no = 0;
    for (size_t k = caps - 1; k < n && no < sizeof onset - 1; k++) {
        uint32_t cp;
        vb_utf8_decode(p + at[k], len - at[k], &cp);
        cp = vb_syl_lower(cp);
        if (vb_channel_is_vowel(cp)) break;
        onset[no++] = cp == 0x111 ? 'd' : cp < 0x80 ? (char)cp : '?';
    }
    onset[no] = '\0';
    for (size_t k = 0; k < sizeof onsets / sizeof *onsets; k++)
        if (strcmp(onset, onsets[k]) == 0) return at[caps - 1];
    return at[caps];
}

static bool S_glyph_noise(uint32_t cp);

/* Symbols that close a word as the OCR's reading of its hooked vowel
 * (¢ ¥ € @ & §), never as punctuation of clean text. */
static bool S_trailing_glyph(uint32_t cp) {
    return cp == 0x00A2 || cp == 0x00A5 || cp == 0x20AC || cp == '@' || cp == '&' || cp == 0x00A7;
}

/* Tokens of one stretch of text; repair says whether its words may change. */
/* Whether position at lies in a web address, an e-mail address or an
 * identifier (http://..., www.haiphong.gov.vn, vanthu@haiphong.gov.vn,
 * hang_monitor.h): its words are no Vietnamese to repair. */
static bool S_in_link(const char *s, size_t from, size_t to, size_t at) {
    size_t a = at, z = at;
    while (a > from && s[a - 1] != ' ' && s[a - 1] != '\t') a--;
    while (z < to && s[z] != ' ' && s[z] != '\t') z++;
    size_t n = z - a;
    const char *w = s + a;
    if (n >= 4 && strncasecmp(w, "www.", 4) == 0) return true;
    for (size_t k = 0; k + 3 <= n; k++)
        if (memcmp(w + k, "://", 3) == 0) return true;
    /* identifiers and file names of programs (sync_ui_util_mac.h): plain
     * letters and digits on both sides of "_", all of it ASCII (the OCR's
     * stray "_" sits in marked words or before symbols: "Yén_cac", "tudi_~") */
    bool ascii = true;
    for (size_t k = 0; k < n && ascii; k++) ascii = (unsigned char)w[k] < 0x80;
    for (size_t k = 1; ascii && k + 1 < n; k++)
        if (w[k] == '_' && isalnum((unsigned char)w[k - 1]) && isalnum((unsigned char)w[k + 1]))
            return true;
    /* name@host.domain: a letter or digit before the @, a dot after it */
    for (size_t k = 1; k + 1 < n; k++)
        if (w[k] == '@' && (S_is_letter((unsigned char)w[k - 1]) || S_is_digit((unsigned char)w[k - 1])))
            return memchr(w + k + 1, '.', n - k - 1) != NULL;
    return false;
}

/* "TT 36/2025/TT-BNNMT", "MA 02110": two to four plain capitals before a
 * document number or a postcode are an abbreviation, not a word that lost
 * its marks (capitals before a plain number are: "GIAI DOAN 2020"). */
static bool S_caps_before_number(const char *s, size_t from, size_t to, size_t i) {
    if (i > from && ((s[i - 1] | 0x20) >= 'a' && (s[i - 1] | 0x20) <= 'z')) return false;
    size_t j = i;
    while (j < to && s[j] >= 'A' && s[j] <= 'Z') j++;
    if (j - i < 2 || j - i > 4) return false;
    size_t k = j;
    while (k < to && s[k] == ' ') k++;
    size_t d = k;
    while (d < to && s[d] >= '0' && s[d] <= '9') d++;
    return k > j && d > k && ((d < to && s[d] == '/') || d - k >= 5);
}

/* ---- the OCR engine's word confidences ----
 * A reading that changes a word costs weight x (logit p - logit pivot)
 * more, p the engine's confidence in the word: less than nothing below the
 * pivot.  Tuned on hOCR pages of held-out legal text, never on the dev
 * pages (tools/eval/hocr_pairs.py and hocr_score.py, docs/diacritics.md); English-model OCR
 * drops the marks whatever its confidence, so its weight is its own. */
static const float WORD_CONF_WEIGHT = 0.25f;    /* Vietnamese-model OCR */
static const float WORD_CONF_WEIGHT_ENG = 0.25f; /* English-model OCR */
static const float WORD_CONF_PIVOT = 0.9f;
static const float WORD_CONF_CLAMP = 0.02f;     /* p is taken within [this, 1 - this] */

/* The engine's span holding byte `at`, or NULL. */
static const vb_dia_word_conf *S_conf_span(const S_cache *c, size_t at) {
    size_t lo = 0, hi = c->nconfs; /* the last span starting at or before `at` */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->confs[mid].start <= at) lo = mid + 1;
        else hi = mid;
    }
    if (!lo || at >= c->confs[lo - 1].start + c->confs[lo - 1].len) return NULL;
    return &c->confs[lo - 1];
}

/* What changing a word of the engine's span (NULL: none) costs on top of
 * its reading, or 0 when the engine gave no confidence for it. */
static float S_word_conf_cost(const S_build *b, const vb_dia_word_conf *span) {
    const S_cache *c = b->cache;
    if (!span || c->conf_weight < 0) return 0.0f;
    float w = c->conf_weight > 0 ? c->conf_weight : b->confused ? WORD_CONF_WEIGHT : WORD_CONF_WEIGHT_ENG;
    float pivot = c->conf_pivot > 0 && c->conf_pivot < 1 ? c->conf_pivot : WORD_CONF_PIVOT;
    float p = fminf(fmaxf(span->conf, WORD_CONF_CLAMP), 1.0f - WORD_CONF_CLAMP);
    return w * (logf(p / (1.0f - p)) - logf(pivot / (1.0f - pivot)));
}

/* Whether reading c keeps the word as written (as_is: its syllable). */
static bool S_keeps(const S_cand *c, uint32_t as_is) {
    return !c->code && (c->nw == 0 || (c->nw == 1 && c->w[0] == as_is));
}

/* ---- the OCR engine's readings of each glyph ----
 * Where the engine gave each glyph's readings besides the one it printed
 * (Tesseract's LSTM choices), a reading of the word that spells what the
 * engine also saw costs GLYPH_WEIGHT x ln(score printed / score of that
 * reading) per glyph, one that spells a glyph the engine did not see
 * GLYPH_UNSEEN, and a reading only the glyphs propose (not among the
 * channel's) GLYPH_NEW on top.  Vietnamese-model OCR only: an English
 * model cannot print the marks, so its readings say nothing of them.
 * Tuned on hOCR pages of held-out legal text (docs/diacritics.md). */
static const float GLYPH_WEIGHT = 0.5f;
static const float GLYPH_UNSEEN = 1.5f;
static const float GLYPH_NEW = 3.0f;
enum { MAX_GLYPH_SPELLINGS = 256, MAX_GLYPH_WORDS = 16 };

typedef struct {
    uint32_t id;
    float cost;
} S_glyph_word;

typedef struct {
    const vb_lm *lm;
    const vb_glyph *g; /* the token's glyphs */
    size_t n;
    float bound, weight;
    uint32_t cp[MAX_WORD_CPS];
    size_t spelt;
    S_glyph_word *out;
    size_t nout;
} S_glyph_search;

static void S_glyph_dfs(S_glyph_search *gs, size_t k, float cost) {
    if (gs->spelt >= MAX_GLYPH_SPELLINGS) return;
    if (k == gs->n) {
        gs->spelt++;
        char word[4 * MAX_WORD_CPS + 1], canon[VB_SYL_MAX_BYTES];
        size_t len = 0;
        for (size_t i = 0; i < gs->n; i++) len += (size_t)vb_utf8_encode(gs->cp[i], word + len);
        size_t cn = vb_lm_canonical(word, len, canon);
        uint32_t id = cn ? vb_lm_id(gs->lm, canon, cn) : VB_LM_UNK;
        if (id == VB_LM_UNK) return;
        for (size_t i = 0; i < gs->nout; i++)
            if (gs->out[i].id == id) {
                if (cost < gs->out[i].cost) gs->out[i].cost = cost;
                return;
            }
        if (gs->nout < MAX_GLYPH_WORDS) gs->out[gs->nout++] = (S_glyph_word){id, cost};
        return;
    }
    const vb_glyph *g = &gs->g[k];
    float printed = g->score[0];
    for (size_t r = 0; r < g->n; r++) {
        float c = 0.0f;
        if (r) {
            float top = printed > g->score[r] ? printed : g->score[r];
            c = gs->weight * logf(top / g->score[r]);
        }
        if (cost + c > gs->bound) continue;
        gs->cp[k] = vb_syl_lower(g->cp[r]);
        S_glyph_dfs(gs, k + 1, cost + c);
    }
}

/* The known syllables that the glyph readings of the word at bytes [at,
 * at + len), inside the engine's span (NULL: none), spell, with what each
 * costs (the word as printed 0), into out; how many (0 when the engine gave
 * no readings for it, or its letters are no longer the glyphs it printed). */
static size_t S_glyph_words(const S_build *b, const vb_dia_word_conf *span, const char *s,
                            size_t at, size_t len, S_glyph_word *out) {
    const S_cache *c = b->cache;
    if (!span || !span->glyphs || c->glyph_weight < 0 || !b->confused) return 0;
    const unsigned char *p = (const unsigned char *)s;
    size_t first = 0; /* the glyph of the word's first letter */
    for (size_t i = span->start; i < at;) {
        uint32_t cp;
        int k = vb_utf8_decode(p + i, at - i, &cp);
        if (!k) return 0;
        i += (size_t)k;
        first++;
    }
    S_glyph_search gs = {0};
    gs.lm = b->m->lm;
    gs.weight = c->glyph_weight > 0 ? c->glyph_weight : GLYPH_WEIGHT;
    gs.bound = c->glyph_unseen > 0 ? c->glyph_unseen : GLYPH_UNSEEN;
    gs.out = out;
    size_t n = 0;
    for (size_t i = at; i < at + len;) {
        uint32_t cp;
        int k = vb_utf8_decode(p + i, at + len - i, &cp);
        if (!k || n == MAX_WORD_CPS || first + n >= span->glyphs->n) return 0;
        const vb_glyph *g = &span->glyphs->glyph[first + n];
        if (!g->n || vb_syl_lower(g->cp[0]) != vb_syl_lower(cp) || g->score[0] <= 0) return 0;
        i += (size_t)k;
        n++;
    }
    gs.g = &span->glyphs->glyph[first];
    gs.n = n;
    S_glyph_dfs(&gs, 0, 0.0f);
    return gs.nout;
}

/* What reading c costs by the glyph readings gw (n of them). */
static float S_glyph_cost(const S_build *b, const S_cand *c, uint32_t as_is, const S_glyph_word *gw,
                          size_t n) {
    if (S_keeps(c, as_is)) return 0.0f;
    float unseen = b->cache->glyph_unseen > 0 ? b->cache->glyph_unseen : GLYPH_UNSEEN;
    if (c->nw != 1 || c->code) return unseen;
    for (size_t k = 0; k < n; k++)
        if (gw[k].id == c->w[0]) return gw[k].cost;
    return unseen;
}

static void S_tokenize(S_build *b, const char *s, size_t from, size_t to, bool repair_text,
                       size_t *last_end) {
    const unsigned char *p = (const unsigned char *)s;
    size_t i = from;
    bool glue_next = false;
    size_t link_end = from; /* end of the chunk in_link was judged for */
    bool in_link = false;
    while (i < to) {
        uint32_t cp;
        int k = vb_utf8_decode(p + i, to - i, &cp);
        if (!k) {
            i++;
            continue;
        }
        S_tok tok = {0};
        tok.start = i;
        tok.glued = glue_next;
        glue_next = false;
        tok.sentence_start = b->doc->ntoks == 0 || S_is_blank_between(s, *last_end, i);
        if (S_is_letter(cp) || S_is_digit(cp)) {
            /* a word's whitespace chunk is judged once, for all its words */
            if (repair_text && i >= link_end) {
                link_end = i;
                while (link_end < to && s[link_end] != ' ' && s[link_end] != '\t') link_end++;
                in_link = S_in_link(s, from, to, i);
            }
            bool repair = repair_text && !in_link;
            /* a lone capital before "." or ")" is a label (T., B)); so is a
             * small letter before ")" where the OCR keeps marks (b), c)) */
            if (repair && i + 1 < to && (s[i + 1] == '.' || s[i + 1] == ')') &&
                ((cp >= 'A' && cp <= 'Z') || (b->confused && s[i + 1] == ')' && cp >= 'a' && cp <= 'z')) &&
                (i == from || !(S_is_letter((unsigned char)s[i - 1]) || S_is_digit((unsigned char)s[i - 1]))))
                repair = false;
            if (repair && S_caps_before_number(s, from, to, i)) repair = false;
            size_t j = i;
            bool letters = false;
            while (j < to) {
                int m = vb_utf8_decode(p + j, to - j, &cp);
                if (!m || (!S_is_letter(cp) && !S_is_digit(cp))) break;
                letters |= S_is_letter(cp);
                j += (size_t)m;
            }
            size_t cut = letters && repair && !b->strip ? S_case_cut(b->m, s + i, j - i) : 0;
            if (cut) {
                j = i + cut;
                glue_next = true;
            }
            tok.len = j - i;
            tok.digits = !letters;
            i = j;
            /* "tr¢" for "trợ", "S@" for "Sở": a symbol closing the word
             * stands for its hooked vowel and is read as part of it */
            size_t trail = 0;
            if (letters && repair && !b->strip && !cut) {
                uint32_t g = 0, after = 0;
                int gk = vb_utf8_decode(p + j, to - j, &g);
                if (gk && S_trailing_glyph(g) &&
                    !(j + (size_t)gk < to && vb_utf8_decode(p + j + gk, to - j - gk, &after) &&
                      (S_is_letter(after) || S_is_digit(after))))
                    trail = (size_t)gk;
            }
            if (!letters && (!repair || tok.len > MAX_DIGIT_WORD)) {
                tok.kind = TOK_NUMBER;
                tok.repair = repair;
                S_cand c = {{VB_LM_NUM}, 0, false, NULL, 0.0f, false, false, false, false};
                tok.cand_first = S_add_cands(b->doc, &c, 1);
                tok.ncands = 1;
            } else {
                tok.kind = TOK_WORD;
                tok.repair = repair;
                S_cand only[MAX_CANDS];
                size_t nonly = 0;
                const S_cand *cs = only;
                if (repair && trail && tok.len + 2 <= MAX_WORD_CPS) {
                    char key[MAX_WORD_CPS + 1];
                    key[0] = '\x01'; /* not a word of the text */
                    memcpy(key + 1, s + tok.start, tok.len);
                    S_cache_entry *e = S_lookup(b, key, tok.len + 1, true);
                    for (size_t k = 0; k < e->ncands && nonly < MAX_CANDS; k++)
                        if (e->cands[k].nw == 1 && !e->cands[k].code) only[nonly++] = e->cands[k];
                    if (nonly) {
                        tok.len += trail;
                        i += trail;
                    }
                }
                S_cand reserve[MAX_RESERVE];
                size_t nreserve = 0;
                if (repair && !nonly) {
                    S_cache_entry *e = S_lookup(b, s + tok.start, tok.len, false);
                    cs = e->cands;
                    nonly = e->ncands;
                    /* what a reading other than the OCR's own pays (confused channel) */
                    float change = b->confused && e->own_known
                                       ? (b->cache->worn ? CONFUSED_CHANGE_WORN : CONFUSED_CHANGE)
                                       : 0.0f;
                    /* ... and what the engine's confidence in the word adds */
                    const vb_dia_word_conf *span = S_conf_span(b->cache, tok.start);
                    float doubt = S_word_conf_cost(b, span);
                    /* ... and the engine's readings of each glyph */
                    S_glyph_word gw[MAX_GLYPH_WORDS];
                    size_t ngw = S_glyph_words(b, span, s, tok.start, tok.len, gw);
                    uint32_t as_is = VB_LM_UNK;
                    if (doubt != 0.0f || ngw) {
                        char canon[VB_SYL_MAX_BYTES];
                        size_t cn = vb_lm_canonical(s + tok.start, tok.len, canon);
                        as_is = cn ? vb_lm_id(b->m->lm, canon, cn) : VB_LM_UNK;
                    }
                    if (change != 0.0f || doubt != 0.0f || ngw) {
                        for (size_t k = 0; k < nonly; k++) {
                            only[k] = e->cands[k];
                            if (!only[k].own) only[k].chan -= change;
                            if (!S_keeps(&only[k], as_is)) only[k].chan -= doubt;
                            if (ngw) only[k].chan -= S_glyph_cost(b, &only[k], as_is, gw, ngw);
                        }
                        cs = only;
                    }
                    /* the readings only the glyphs propose */
                    float added = b->cache->glyph_new > 0 ? b->cache->glyph_new : GLYPH_NEW;
                    for (size_t g = 0; g < ngw && nonly < MAX_CANDS; g++) {
                        bool have = gw[g].id == as_is;
                        for (size_t k = 0; k < nonly && !have; k++)
                            have = only[k].nw == 1 && !only[k].code && only[k].w[0] == gw[g].id;
                        if (!have)
                            only[nonly++] = (S_cand){{gw[g].id}, 1, false, NULL,
                                                     -added - change - doubt - gw[g].cost,
                                                     false, false, false, false};
                    }
                    for (; nreserve < e->nreserve; nreserve++) {
                        S_cand rc = {{e->reserve[nreserve]}, 1, false, NULL,
                                     e->reserve_chan[nreserve] - change -
                                         (e->reserve[nreserve] == as_is ? 0.0f : doubt),
                                     false, false, false, false};
                        if (ngw) rc.chan -= S_glyph_cost(b, &rc, as_is, gw, ngw);
                        reserve[nreserve] = rc;
                    }
                    /* "khoa_": the rule of a table cell read as underscores
                     * after the word goes with a reading of it */
                    size_t us = 0;
                    while (letters && !b->strip && i + us < to && s[i + us] == '_') us++;
                    if (us && !(i + us < to && (S_is_letter((unsigned char)s[i + us]) ||
                                                S_is_digit((unsigned char)s[i + us])))) {
                        tok.len += us;
                        i += us;
                    }
                } else if (!repair) {
                    char canon[VB_SYL_MAX_BYTES];
                    size_t cn = vb_lm_canonical(s + tok.start, tok.len, canon);
                    uint32_t id = cn ? vb_lm_id(b->m->lm, canon, cn) : VB_LM_WORD;
                    only[nonly++] = (S_cand){{id}, 0, false, NULL, 0.0f, false, false, false, false};
                }
                tok.cand_first = S_add_cands(b->doc, cs, nonly);
                tok.ncands = (uint32_t)nonly;
                if (nreserve) {
                    tok.reserve_first = S_add_cands(b->doc, reserve, nreserve);
                    tok.nreserve = (uint32_t)nreserve;
                }
            }
        } else {
            i += (size_t)k;
            /* "st?c": a glyph inside a word is no mark of the sentence */
            uint32_t next = 0;
            if (S_glyph_noise(cp) && *last_end == tok.start && tok.start > from &&
                i < to && vb_utf8_decode(p + i, to - i, &next) && S_is_letter(next))
                continue;
            const char *mark = vb_lm_punct(cp);
            if (!mark) continue;
            tok.kind = TOK_PUNCT;
            tok.len = (size_t)k;
            S_cand c = {{vb_lm_id(b->m->lm, mark, strlen(mark))}, 0, false, NULL, 0.0f, false, false, false, false};
            tok.cand_first = S_add_cands(b->doc, &c, 1);
            tok.ncands = 1;
        }
        *last_end = tok.start + tok.len;
        S_add_tok(b->doc, tok);
    }
}

/* Letters only; how many, and whether all are lower case past the first. */
static bool S_piece(const char *s, size_t len, size_t *letters, bool *tail_lower) {
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    *letters = 0;
    *tail_lower = true;
    while (i < len) {
        uint32_t cp, base;
        int tone;
        bool up;
        int k = vb_utf8_decode(p + i, len - i, &cp);
        if (!k || !vb_syl_letter(cp, &base, &tone, &up)) return false;
        if (up && *letters) *tail_lower = false;
        (*letters)++;
        i += (size_t)k;
    }
    return true;
}

/* The first (likeliest) max readings of token tok that are one syllable. */
static size_t S_syllable_readings(const S_doc *d, const S_tok *tok, uint32_t *out, size_t max) {
    size_t n = 0;
    for (uint32_t k = 0; k < tok->ncands && n < max; k++) {
        const S_cand *c = &d->cands[tok->cand_first + k];
        if (c->nw == 1 && !c->code) out[n++] = c->w[0];
    }
    return n;
}

/* Readings in reserve (beyond the usual channel beam) join a word's readings
 * when a neighbour's likely reading calls for them: "thu hién" is read "thu
 * hiện" or "thủ hiến" by the channel, but "hiện" after "thực" is so likely
 * that "thực" (its "c" lost by the OCR) competes too, as "vực" after
 * "lĩnh" and "chữa" before "bệnh". */
static void S_rescue(const vb_dia_model *m, S_doc *d) {
    for (size_t t = 0; t < d->ntoks; t++) {
        S_tok *tok = &d->toks[t];
        if (!tok->nreserve || tok->kind != TOK_WORD) continue;
        /* the likeliest reading of one syllable before, the likeliest few after
         * (the search has not weighed them yet: the best by channel and
         * frequency may not be the one the sentence takes) */
        uint32_t before, right[RESCUE_NEIGHBOURS];
        size_t nl = 0, nr = 0;
        uint32_t left2 = VB_LM_BOS;
        if (t > 1 && !tok->sentence_start && !d->toks[t - 1].sentence_start &&
            d->toks[t - 2].ncands && d->cands[d->toks[t - 2].cand_first].nw == 1)
            left2 = d->cands[d->toks[t - 2].cand_first].w[0];
        if (t > 0 && !tok->sentence_start && d->toks[t - 1].kind == TOK_WORD)
            nl = S_syllable_readings(d, &d->toks[t - 1], &before, 1);
        if (t + 1 < d->ntoks && !d->toks[t + 1].sentence_start && d->toks[t + 1].kind == TOK_WORD)
            nr = S_syllable_readings(d, &d->toks[t + 1], right, RESCUE_NEIGHBOURS);
        if (!nl && !nr) continue;
        /* the lower orders of a Kneser-Ney model count contexts, not
         * words: ask with a word before, as the search will */
        if (!nl) before = VB_LM_BOS;
        uint32_t words[MAX_RESERVE];
        bool called[MAX_RESERVE] = {false};
        float lp[RESCUE_NEIGHBOURS > MAX_RESERVE ? RESCUE_NEIGHBOURS : MAX_RESERVE];
        for (uint32_t r = 0; r < tok->nreserve; r++) words[r] = d->cands[tok->reserve_first + r].w[0];
        if (nl) {
            vb_lm_logp_many(m->lm, left2, before, words, tok->nreserve, lp);
            for (uint32_t r = 0; r < tok->nreserve; r++) called[r] |= lp[r] >= RESCUE_LOGP;
        }
        for (uint32_t r = 0; r < tok->nreserve && nr; r++) {
            if (called[r]) continue;
            vb_lm_logp_many(m->lm, before, words[r], right, nr, lp);
            for (size_t k = 0; k < nr; k++) called[r] |= lp[k] >= RESCUE_LOGP;
        }
        S_cand add[MAX_READINGS];
        size_t nadd = 0;
        for (uint32_t r = 0; r < tok->nreserve && nadd < MAX_RESCUED; r++)
            if (called[r]) {
                add[nadd] = d->cands[tok->reserve_first + r];
                add[nadd++].rescued = true;
            }
        if (!nadd) continue;
        S_cand all[MAX_READINGS];
        /* before the reading that keeps the word, which stays last */
        uint32_t n = tok->ncands;
        memcpy(all, &d->cands[tok->cand_first], n * sizeof *all);
        S_cand keep = all[n - 1];
        memcpy(all + n - 1, add, nadd * sizeof *add);
        all[n - 1 + nadd] = keep;
        uint32_t first = S_add_cands(d, all, n + nadd);
        tok = &d->toks[t];
        tok->cand_first = first;
        tok->ncands = n + (uint32_t)nadd;
    }
}

/* Whether cp, found between the letters of a word, is a glyph the OCR made
 * of a hook, horn or stacked mark: apostrophes and quotes ("thu’c" for
 * "thực"), and the symbols the English model takes such a letter for:
 * currency signs ("ngu¢i" for "người", "chi¥a" for "chữa"), "@", "?", "*",
 * "%", "<", "~", "^".  Separators that do occur inside words of clean text
 * (- / . , & + and brackets) are not. */
static bool S_glyph_noise(uint32_t cp) {
    switch (cp) {
    case '\'': case '`': case 0x2018: case 0x2019: case 0x00B4: /* acute accent */
    case 0x00A2: case 0x00A3: case 0x00A5: case 0x20AC: /* ¢ £ ¥ € */
    case '@': case '?': case '*': case '%': case '<': case '~': case '^':
        return true;
    default:
        return false;
    }
}

/* Such a glyph cuts a word in two ("thu’c" for "thực", "st?c" for
 * "sức"): the first piece also gets the syllables of both pieces read
 * together, and the second an empty reading for when it was read with the
 * first. */
static void S_add_joins(S_build *b, const char *s) {
    S_doc *d = b->doc;
    for (size_t t = 0; t + 1 < d->ntoks; t++) {
        S_tok *a = &d->toks[t], *z = &d->toks[t + 1];
        if (a->kind != TOK_WORD || z->kind != TOK_WORD || !a->repair || !z->repair ||
            z->sentence_start)
            continue;
        size_t gap = z->start - (a->start + a->len);
        uint32_t cp = 0;
        if (gap < 1 || gap > 3 ||
            vb_utf8_decode((const unsigned char *)s + a->start + a->len, gap, &cp) != (int)gap ||
            !S_glyph_noise(cp))
            continue;
        size_t la, lz;
        bool lowa, lowz;
        if (!S_piece(s + a->start, a->len, &la, &lowa) || !S_piece(s + z->start, z->len, &lz, &lowz) ||
            !lowz || la > 5 || lz > 4 || la + lz > 7)
            continue;
        char key[4 * MAX_WORD_CPS + 2];
        if (a->len + z->len + 1 >= sizeof key) continue;
        key[0] = '\x01'; /* not a word of the text */
        memcpy(key + 1, s + a->start, a->len);
        memcpy(key + 1 + a->len, s + z->start, z->len);
        size_t klen = 1 + a->len + z->len;
        S_cache_entry *e = S_lookup(b, key, klen, true);
        S_cand joined[MAX_READINGS];
        size_t nj = 0;
        memcpy(joined, &d->cands[a->cand_first], a->ncands * sizeof *joined);
        nj = a->ncands;
        size_t added = 0;
        for (size_t k = 0; k < e->ncands && added < MAX_JOINED; k++) {
            if (e->cands[k].nw != 1 || e->cands[k].code) continue;
            joined[nj] = e->cands[k];
            joined[nj].join = true;
            joined[nj].chan += JOIN_LOGP;
            nj++;
            added++;
        }
        if (!added) continue;
        a = &d->toks[t]; /* S_add_cands may move the arrays, not the tokens */
        a->cand_first = S_add_cands(d, joined, nj);
        a->ncands = (uint32_t)nj;
        S_cand rest[MAX_READINGS];
        z = &d->toks[t + 1];
        memcpy(rest, &d->cands[z->cand_first], z->ncands * sizeof *rest);
        rest[z->ncands] = (S_cand){{VB_LM_UNK}, 0, false, NULL, 0.0f, false, true, false, false};
        z->cand_first = S_add_cands(d, rest, z->ncands + 1);
        z->ncands++;
        t++; /* the second word joins no further */
    }
}

/* Letters of a token, and whether any is small. */
static size_t S_letters(const char *s, size_t len, bool *small) {
    size_t n = 0;
    *small = false;
    for (size_t i = 0; i < len;) {
        uint32_t cp, base;
        int tone;
        bool up;
        int k = vb_utf8_decode((const unsigned char *)s + i, len - i, &cp);
        if (!k) break;
        i += (size_t)k;
        if (vb_syl_letter(cp, &base, &tone, &up)) n++, *small |= !up;
    }
    return n;
}

/* Word t is two capitals among words in small letters ("SO Y tế", "- BO Y
 * tế"): the OCR made a capital of a hooked vowel's letter, as in "Sở",
 * "Bộ".  A word in a heading of capitals has a capital neighbour; single
 * letters (Y) are passed over. */
static bool S_lone_short_caps(const S_doc *d, const char *s, size_t t) {
    bool small;
    if (S_letters(s + d->toks[t].start, d->toks[t].len, &small) != 2 || small) return false;
    int sides = 0;
    for (int dir = -1; dir <= 1; dir += 2) {
        for (size_t j = t; (dir < 0 ? j > 0 : j + 1 < d->ntoks);) {
            if (dir < 0 && d->toks[j].sentence_start) break;
            j = dir < 0 ? j - 1 : j + 1;
            if (dir > 0 && d->toks[j].sentence_start) break;
            const S_tok *o = &d->toks[j];
            if (o->kind == TOK_PUNCT) continue;
            if (o->kind != TOK_WORD) break;
            size_t n = S_letters(s + o->start, o->len, &small);
            if (n == 1 && !small) continue;
            if (!small) return false; /* a neighbour in capitals: a heading */
            sides++;
            break;
        }
    }
    return sides > 0;
}

int vb_dia_restore(const vb_dia_model *m, const char *utf8, size_t len, vb_diacritics_mode mode,
                   double min_confidence, vb_dia_result *res, char *err, size_t errlen) {
    return vb_dia_restore_ex(m, utf8, len, mode, false, min_confidence, true, NULL, res, err, errlen);
}

void vb_dia_result_free(vb_dia_result *res) {
    if (!res) return;
    free(res->text);
    free(res->changes);
    memset(res, 0, sizeof *res);
}

/* "494 /KH-UBND": the OCR put a space between the number and the code. */
static size_t S_code_gap(const char *s, size_t len, size_t at) {
    size_t j = at;
    while (j < len && s[j] == ' ') j++;
    if (j == at || j + 1 >= len || s[j] != '/' || !(s[j + 1] >= 'A' && s[j + 1] <= 'Z')) return 0;
    return j - at;
}

static void S_add_change(vb_dia_result *res, size_t *cap, vb_dia_change c) {
    if (res->nchanges == *cap) {
        *cap = *cap ? *cap * 2 : 32;
        res->changes = realloc(res->changes, *cap * sizeof *res->changes);
        if (!res->changes) abort();
    }
    res->changes[res->nchanges++] = c;
}

/* Whether auto mode would repair any line of the text. */
static bool S_any_damaged(const char *utf8, size_t len, bool assume_damaged) {
    for (size_t i = 0; i < len;) {
        size_t j = i;
        while (j < len && utf8[j] != '\n') j++;
        vb_dia_verdict v = vb_dia_judge(utf8 + i, j - i, NULL);
        if (v == VB_DIA_DAMAGED || (v == VB_DIA_UNSURE && assume_damaged)) return true;
        i = j + 1;
    }
    return false;
}

int vb_dia_restore_ex(const vb_dia_model *m, const char *utf8, size_t len,
                      vb_diacritics_mode mode, bool assume_damaged, double min_confidence,
                      bool confidence, vb_dia_cache *shared_cache, vb_dia_result *res, char *err, size_t errlen) {
    memset(res, 0, sizeof *res);
    if (mode != VB_DIACRITICS_OFF && !m) {
        snprintf(err, errlen, "restoring diacritics needs a model");
        return VB_ERR_USAGE;
    }
    vb_buf out = {0};
    if (mode == VB_DIACRITICS_OFF) {
        vb_buf_append(&out, utf8, len);
        res->text = vb_buf_detach(&out, &res->len);
        return VB_OK;
    }
    if (mode == VB_DIACRITICS_AUTO && !S_any_damaged(utf8, len, assume_damaged)) {
        /* clean text: copied without touching the model */
        vb_buf_append(&out, utf8, len);
        res->text = vb_buf_detach(&out, &res->len);
        return VB_OK;
    }
    if (!S_ready(m, err, errlen)) return VB_ERR_IO;
    bool confused = mode == VB_DIACRITICS_CONFUSED;
    if (confused && !m->channel_vie) {
        snprintf(err, errlen, "the diacritics model has no channel for Vietnamese-model OCR "
                              "(channel-vie.tsv)");
        return VB_ERR_USAGE;
    }
    S_doc doc = {0};
    S_cache *cache = shared_cache ? shared_cache : vb_dia_cache_new();
    bool strip = mode == VB_DIACRITICS_STRIP;
    if (cache->used && cache->strip != strip) S_cache_clear(cache);
    cache->strip = strip;
    S_build b = {m, &doc, cache, strip, confused, confused ? m->channel_vie : m->channel};
    /* the English sentences of the text, which auto mode keeps as written */
    size_t *english = NULL, nenglish = 0, capenglish = 0; /* start, end pairs */
    for (size_t a = 0; (mode == VB_DIACRITICS_AUTO || confused) && a < len;) {
        size_t e = S_sentence_end(utf8, a, len);
        if (S_is_english(utf8 + a, e - a)) {
            if (nenglish + 2 > capenglish) {
                capenglish = capenglish ? capenglish * 2 : 16;
                english = realloc(english, capenglish * sizeof *english);
                if (!english) abort();
            }
            english[nenglish++] = a;
            english[nenglish++] = e;
        }
        a = e;
    }
    size_t en = 0; /* the next English sentence not yet passed */
    size_t last_end = 0, i = 0;
    bool any = false;
    for (;;) {
        size_t j = i;
        while (j < len && utf8[j] != '\n') j++;
        bool repair = true;
        if (mode == VB_DIACRITICS_AUTO) {
            vb_dia_verdict v = vb_dia_judge(utf8 + i, j - i, NULL);
            repair = v == VB_DIA_DAMAGED || (v == VB_DIA_UNSURE && assume_damaged);
        }
        if (repair && (mode == VB_DIACRITICS_AUTO || confused) &&
            S_is_english_paragraph(utf8 + i, j - i))
            repair = false;
        any |= repair && j > i;
        for (size_t a = i; a < j || a == i;) { /* English sentences are kept as written */
            while (en < nenglish && english[en + 1] <= a) en += 2;
            bool in = en < nenglish && english[en] <= a;
            size_t e = en >= nenglish ? j : in ? english[en + 1] : english[en];
            if (e > j) e = j;
            S_tokenize(&b, utf8, a, e, repair && !in, &last_end);
            if (e >= j) break;
            a = e;
        }
        if (j >= len) break;
        i = j + 1;
    }
    res->paragraph_was_damaged = any;
    if (any && !strip) {
        S_rescue(m, &doc);
        S_add_joins(&b, utf8);
    }
    uint8_t *choice = calloc(doc.ntoks + 1, 1);
    if (!choice) abort();
    if (any && doc.ntoks) {
        S_decode(m, &doc, choice);
        if (!strip) S_discourse(m, &doc, utf8, choice);
    }
    size_t copied = 0, cap = 0;
    vb_buf rep = {0};
    for (size_t t = 0; any && t < doc.ntoks; t++) {
        const S_tok *tok = &doc.toks[t];
        if (!tok->repair) continue;
        vb_buf_clear(&rep);
        size_t in_len = tok->len;
        vb_repair_kind kind = VB_REPAIR_DIACRITICS;
        float conf = 1.0f;
        bool scored = false; /* a reading of the model: its confidence is computed */
        const S_cand *chosen = &doc.cands[tok->cand_first + choice[t]];
        if (chosen->skip) continue; /* read with the word before */
        if (chosen->join) {
            const S_tok *next = &doc.toks[t + 1];
            in_len = next->start + next->len - tok->start;
        }
        if (tok->kind == TOK_NUMBER || (tok->digits && chosen->nw == 0)) {
            size_t gap = S_code_gap(utf8, len, tok->start + tok->len);
            if (!gap) continue;
            vb_buf_append(&rep, utf8 + tok->start, tok->len);
            in_len += gap;
            kind = VB_REPAIR_CODE;
        } else if (tok->kind == TOK_WORD) {
            const S_cand *c = &doc.cands[tok->cand_first + choice[t]];
            if (tok->glued) vb_buf_puts(&rep, " ");
            if (c->code) {
                vb_buf_puts(&rep, c->text);
                kind = VB_REPAIR_CODE;
            } else if (c->nw) {
                if (confused && c->nw == 1 && !tok->glued && !chosen->join) {
                    /* the OCR's own syllable, tone placed as printed (hoà, thuỷ) */
                    char canon[VB_SYL_MAX_BYTES];
                    size_t cn = vb_lm_canonical(utf8 + tok->start, tok->len, canon);
                    if (cn && vb_lm_id(m->lm, canon, cn) == c->w[0]) continue;
                }
                S_case cs = S_case_of(utf8 + tok->start, in_len);
                /* only where the OCR's letters were damaged: "AI" read "ai" stays AI */
                if (cs == CASE_UPPER && c->nw == 1 && S_lone_short_caps(&doc, utf8, t)) {
                    char canon[VB_SYL_MAX_BYTES];
                    size_t cn = vb_lm_canonical(utf8 + tok->start, tok->len, canon);
                    const char *w = vb_lm_word(m->lm, c->w[0]);
                    if (!(cn && strlen(w) == cn && memcmp(w, canon, cn) == 0)) cs = CASE_TITLE;
                }
                for (int k = 0; k < c->nw; k++) {
                    if (k) vb_buf_puts(&rep, " ");
                    const char *w = m->surface && m->surface[c->w[k]] ? m->surface[c->w[k]]
                                                                      : vb_lm_word(m->lm, c->w[k]);
                    S_append_cased(&rep, w, cs, k == 0);
                }
                scored = true;
            } else if (tok->glued) vb_buf_append(&rep, utf8 + tok->start, tok->len);
            else continue;
        } else continue;
        if (rep.len == in_len && memcmp(rep.data, utf8 + tok->start, in_len) == 0) continue;
        if (scored) conf = confidence ? S_confidence(m, &doc, choice, t) : -1.0f;
        vb_buf_append(&out, utf8 + copied, tok->start - copied);
        vb_dia_change ch = {out.len, 0, tok->start, in_len, conf, confidence && conf < min_confidence,
                            kind};
        if (ch.below_threshold) vb_buf_append(&out, utf8 + tok->start, in_len);
        else vb_buf_append(&out, rep.data, rep.len);
        ch.out_len = out.len - ch.out_start;
        S_add_change(res, &cap, ch);
        copied = tok->start + in_len;
    }
    vb_buf_append(&out, utf8 + copied, len - copied);
    if (!out.data) vb_buf_append(&out, "", 0);
    res->text = vb_buf_detach(&out, &res->len);
    vb_buf_free(&rep);
    free(choice);
    free(english);
    free(doc.toks);
    free(doc.cands);
    if (!shared_cache) vb_dia_cache_free(cache);
    return VB_OK;
}
