/* The OCR channel table: emissions per Vietnamese letter. */
#include "channel.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/vb_util.h"
#include "../util/util_internal.h"
#include "syllable.h"

/* Vowel bases in the order of the letter numbering. */
static const uint32_t VOWEL_BASE[12] = {0x61, 0x103, 0xE2, 0x65, 0xEA, 0x69,
                                        0x6F, 0xF4,  0x1A1, 0x75, 0x1B0, 0x79};

typedef struct {
    uint32_t cp;         /* first OCR code point; 0 = prints nothing */
    vb_emission_of *list;
    size_t n;
} S_by_output;

struct vb_channel {
    vb_emission *em[VB_CHANNEL_NLETTERS];
    size_t nem[VB_CHANNEL_NLETTERS];
    S_by_output *by_out; /* sorted by cp */
    size_t nby_out;
    float floor_logp;
    float split_logp;
    float vowel_logp;
};

int vb_channel_letter_index(uint32_t cp) {
    uint32_t base;
    int tone;
    bool upper;
    if (!vb_syl_letter(cp, &base, &tone, &upper) || upper) return -1;
    for (int v = 0; v < 12; v++)
        if (VOWEL_BASE[v] == base) return 27 + v * 6 + tone;
    if (base == 0x111) return 26;
    if (base >= 'a' && base <= 'z') return (int)(base - 'a');
    return -1;
}

uint32_t vb_channel_letter_cp(int index) {
    if (index < 0 || index >= VB_CHANNEL_NLETTERS) return 0;
    if (index < 26) return (uint32_t)('a' + index);
    if (index == 26) return 0x111;
    index -= 27;
    return vb_syl_letter_make(VOWEL_BASE[index / 6], index % 6, false);
}

static int S_by_logp(const void *a, const void *b) {
    float x = ((const vb_emission *)a)->logp, y = ((const vb_emission *)b)->logp;
    return x < y ? 1 : x > y ? -1 : 0;
}

static int S_by_cp(const void *a, const void *b) {
    uint32_t x = ((const S_by_output *)a)->cp, y = ((const S_by_output *)b)->cp;
    return x < y ? -1 : x > y;
}

static int S_of_by_logp(const void *a, const void *b) {
    float x = ((const vb_emission_of *)a)->e.logp, y = ((const vb_emission_of *)b)->e.logp;
    return x < y ? 1 : x > y ? -1 : 0;
}

/* Groups every emission by the first code point it prints. */
static void S_index_outputs(vb_channel *ch) {
    size_t cap = 0;
    for (int l = 0; l < VB_CHANNEL_NLETTERS; l++)
        for (size_t i = 0; i < ch->nem[l]; i++) {
            const vb_emission *e = &ch->em[l][i];
            uint32_t cp = e->nout ? e->out[0] : 0;
            size_t g = 0;
            while (g < ch->nby_out && ch->by_out[g].cp != cp) g++;
            if (g == ch->nby_out) {
                if (ch->nby_out == cap) {
                    cap = cap ? cap * 2 : 64;
                    ch->by_out = realloc(ch->by_out, cap * sizeof *ch->by_out);
                    if (!ch->by_out) abort();
                }
                ch->by_out[ch->nby_out++] = (S_by_output){cp, NULL, 0};
            }
            S_by_output *b = &ch->by_out[g];
            b->list = realloc(b->list, (b->n + 1) * sizeof *b->list);
            if (!b->list) abort();
            b->list[b->n++] = (vb_emission_of){*e, (uint8_t)l};
        }
    for (size_t g = 0; g < ch->nby_out; g++)
        qsort(ch->by_out[g].list, ch->by_out[g].n, sizeof *ch->by_out[g].list, S_of_by_logp);
    if (ch->nby_out) qsort(ch->by_out, ch->nby_out, sizeof *ch->by_out, S_by_cp);
}

const vb_emission_of *vb_channel_printing(const vb_channel *ch, uint32_t cp, size_t *n) {
    size_t lo = 0, hi = ch->nby_out;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (ch->by_out[mid].cp == cp) {
            *n = ch->by_out[mid].n;
            return ch->by_out[mid].list;
        }
        if (ch->by_out[mid].cp < cp) lo = mid + 1;
        else hi = mid;
    }
    *n = 0;
    return NULL;
}

const vb_emission_of *vb_channel_dropped(const vb_channel *ch, size_t *n) {
    return vb_channel_printing(ch, 0, n);
}

vb_channel *vb_channel_parse(const char *text, size_t len, char *err, size_t errlen) {
    vb_channel *ch = calloc(1, sizeof *ch);
    if (!ch) abort();
    ch->floor_logp = -9.2f;
    ch->split_logp = -6.0f;
    ch->vowel_logp = ch->floor_logp;
    size_t cap[VB_CHANNEL_NLETTERS] = {0};
    size_t pos = 0;
    int lineno = 0;
    while (pos < len) {
        const char *line = text + pos;
        const char *nl = memchr(line, '\n', len - pos);
        size_t ll = nl ? (size_t)(nl - line) : len - pos;
        pos += ll + 1;
        lineno++;
        if (!ll) continue;
        const char *tab1 = memchr(line, '\t', ll);
        const char *tab2 = tab1 ? memchr(tab1 + 1, '\t', ll - (size_t)(tab1 + 1 - line)) : NULL;
        if (line[0] == '#') {
            if (tab1 && (size_t)(tab1 - line) == 6 && memcmp(line, "#floor", 6) == 0)
                ch->floor_logp = strtof(tab1 + 1, NULL);
            else if (tab1 && (size_t)(tab1 - line) == 6 && memcmp(line, "#split", 6) == 0)
                ch->split_logp = strtof(tab1 + 1, NULL);
            else if (tab1 && (size_t)(tab1 - line) == 6 && memcmp(line, "#vowel", 6) == 0)
                ch->vowel_logp = strtof(tab1 + 1, NULL);
            continue;
        }
        uint32_t cp;
        int n = tab1 ? vb_utf8_decode((const unsigned char *)line, (size_t)(tab1 - line), &cp) : 0;
        int letter = n ? vb_channel_letter_index(cp) : -1;
        if (tab2 && n == tab1 - line && letter < 0) continue; /* not a Vietnamese letter */
        if (!tab2 || n != tab1 - line) {
            snprintf(err, errlen, "channel line %d: expected letter, OCR text, log-probability",
                     lineno);
            vb_channel_free(ch);
            return NULL;
        }
        vb_emission e = {{0, 0}, 0, 0};
        const unsigned char *s = (const unsigned char *)tab1 + 1;
        size_t slen = (size_t)(tab2 - (tab1 + 1)), i = 0;
        while (i < slen) {
            uint32_t o;
            int k = vb_utf8_decode(s + i, slen - i, &o);
            if (!k || e.nout == 2) {
                e.nout = 3;
                break;
            }
            e.out[e.nout++] = o;
            i += (size_t)k;
        }
        if (e.nout > 2) continue; /* longer strings are not modelled */
        char tmp[32];
        size_t vl = ll - (size_t)(tab2 + 1 - line);
        if (vl >= sizeof tmp) vl = sizeof tmp - 1;
        memcpy(tmp, tab2 + 1, vl);
        tmp[vl] = '\0';
        e.logp = strtof(tmp, NULL);
        if (ch->nem[letter] == cap[letter]) {
            cap[letter] = cap[letter] ? cap[letter] * 2 : 8;
            ch->em[letter] = realloc(ch->em[letter], cap[letter] * sizeof *ch->em[letter]);
            if (!ch->em[letter]) abort();
        }
        ch->em[letter][ch->nem[letter]++] = e;
    }
    for (int l = 0; l < VB_CHANNEL_NLETTERS; l++)
        if (ch->nem[l]) qsort(ch->em[l], ch->nem[l], sizeof *ch->em[l], S_by_logp);
    S_index_outputs(ch);
    return ch;
}

vb_channel *vb_channel_load(const char *path, char *err, size_t errlen) {
    unsigned char *data = NULL;
    size_t len = 0;
    if (vb_read_file_errtext(path, 16u << 20, &data, &len, err, errlen) != VB_OK) return NULL;
    vb_channel *ch = vb_channel_parse((const char *)data, len, err, errlen);
    free(data);
    return ch;
}

void vb_channel_free(vb_channel *ch) {
    if (!ch) return;
    for (int l = 0; l < VB_CHANNEL_NLETTERS; l++) free(ch->em[l]);
    for (size_t g = 0; g < ch->nby_out; g++) free(ch->by_out[g].list);
    free(ch->by_out);
    free(ch);
}

const vb_emission *vb_channel_emissions(const vb_channel *ch, int letter, size_t *n) {
    if (letter < 0 || letter >= VB_CHANNEL_NLETTERS) {
        *n = 0;
        return NULL;
    }
    *n = ch->nem[letter];
    return ch->em[letter];
}

float vb_channel_logp(const vb_channel *ch, int letter, const uint32_t *out, size_t n) {
    size_t ne;
    const vb_emission *e = vb_channel_emissions(ch, letter, &ne);
    for (size_t i = 0; i < ne; i++)
        if (e[i].nout == n && (n < 1 || e[i].out[0] == out[0]) && (n < 2 || e[i].out[1] == out[1]))
            return e[i].logp;
    return ch->floor_logp;
}

float vb_channel_floor(const vb_channel *ch) { return ch->floor_logp; }
float vb_channel_split(const vb_channel *ch) { return ch->split_logp; }
float vb_channel_vowel_swap(const vb_channel *ch) { return ch->vowel_logp; }

bool vb_channel_is_vowel(uint32_t cp) {
    uint32_t base;
    int tone;
    bool upper;
    if (!vb_syl_letter(cp, &base, &tone, &upper)) {
        /* accented Latin vowels the OCR prints (è, ö, ü...) */
        return (cp >= 0xE0 && cp <= 0xFF && cp != 0xE7 && cp != 0xF0 && cp != 0xF1 && cp != 0xF7);
    }
    return vb_syl_letter_make(base, 1, false) != 0;
}
