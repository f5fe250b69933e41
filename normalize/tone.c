/* Tone-mark placement in the open rhymes oa, oe, uy: the old style puts the
 * mark on the first vowel (hòa, khỏe, thủy), the new style on the second
 * (hoà, khoẻ, thuỷ).  A document is made one style: its own majority, or the
 * style asked for.  "qu" + y keeps its mark on y in both (quý). */
#include "encoding.h"

#include <string.h>

#include "syllable.h"

typedef struct {
    int vowel; /* index into S_VOWEL_BASE, -1 if none */
    int tone;  /* 0..5 */
    int upper;
} S_vowel;

/* The five vowels concerned, toneless and small. */
static const uint32_t S_VOWEL_BASE[5] = {'a', 'e', 'y', 'o', 'u'};

/* By the shared letter table (syllable.h): a binary search, no decoding. */
static S_vowel S_classify(uint32_t cp) {
    uint32_t base;
    int tone;
    bool upper;
    if (!vb_syl_letter(cp, &base, &tone, &upper)) return (S_vowel){-1, 0, 0};
    for (int i = 0; i < 5; i++)
        if (S_VOWEL_BASE[i] == base) return (S_vowel){i, tone, upper};
    return (S_vowel){-1, 0, 0};
}

static uint32_t S_make(int vowel, int tone, int upper) {
    return vb_syl_letter_make(S_VOWEL_BASE[vowel], tone, upper != 0);
}

static bool S_is_letter_byte(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

/* Finds words ending in oa/oe/uy with a tone on one of the two vowels.
 * style: 0 = count only, 1 = make old, 2 = make new.  Counts into old/new;
 * rewrites in out (returns true when it changed something). */
static bool S_scan(const char *text, size_t len, int style, size_t *old, size_t *new_,
                   vb_buf *out) {
    const unsigned char *s = (const unsigned char *)text;
    bool changed = false;
    size_t copied = 0;
    /* positions (byte offsets) of the last three code points of the word */
    size_t pos[3] = {0, 0, 0}, npos = 0;
    uint32_t cps[3] = {0, 0, 0};
    for (size_t i = 0; i <= len;) {
        uint32_t c = 0;
        int k = 1;
        if (i < len) {
            k = vb_utf8_decode(s + i, len - i, &c);
            if (!k) c = 0xFFFD, k = 1;
        }
        bool letter = i < len && (c >= 0x80 ? c != 0xFFFD && c != 0xA0 && !(c >= 0x2000 && c <= 0x206F)
                                            : S_is_letter_byte((unsigned char)c));
        if (!letter) {
            if (npos >= 2) {
                S_vowel a = S_classify(cps[(npos - 2) % 3]), b = S_classify(cps[(npos - 1) % 3]);
                /* first vowel o/u, second a/e (after o) or y (after u) */
                bool pair = (a.vowel == 3 && (b.vowel == 0 || b.vowel == 1)) ||
                            (a.vowel == 4 && b.vowel == 2);
                bool before_ok = true;
                if (npos >= 3) {
                    S_vowel p = S_classify(cps[npos % 3]);
                    uint32_t pc = cps[npos % 3];
                    before_ok = p.vowel < 0 && pc != 'i' && pc != 'I' && !(a.vowel == 4 && (pc == 'q' || pc == 'Q')) &&
                                pc != 0xE2 && pc != 0xEA && pc != 0xF4; /* not after a vowel */
                    if (pc >= 0x80 && pc != 0x111 && pc != 0x110) before_ok = false;
                }
                if (pair && before_ok && (a.tone != 0) != (b.tone != 0)) {
                    bool is_old = a.tone != 0;
                    if (is_old) (*old)++;
                    else (*new_)++;
                    if ((style == 1 && !is_old) || (style == 2 && is_old)) {
                        int tone = a.tone ? a.tone : b.tone;
                        size_t at = pos[(npos - 2) % 3];
                        vb_buf_append(out, text + copied, at - copied);
                        char tmp[8];
                        uint32_t na = S_make(a.vowel, style == 1 ? tone : 0, a.upper);
                        uint32_t nb = S_make(b.vowel, style == 2 ? tone : 0, b.upper);
                        vb_buf_append(out, tmp, (size_t)vb_utf8_encode(na, tmp));
                        vb_buf_append(out, tmp, (size_t)vb_utf8_encode(nb, tmp));
                        copied = i;
                        changed = true;
                    }
                }
            }
            npos = 0;
        } else {
            cps[npos % 3] = c;
            pos[npos % 3] = i;
            npos++;
        }
        i += (size_t)k;
    }
    if (changed) vb_buf_append(out, text + copied, len - copied);
    return changed;
}

static void S_walk(vb_source *src, vb_block *first, int style, size_t *old, size_t *new_,
                   vb_buf *out) {
    for (vb_block *b = first; b; b = b->next) {
        for (vb_run *r = b->runs; r; r = r->next) {
            if (r->kind != VB_RUN_TEXT || !r->len) continue;
            vb_buf_clear(out);
            if (S_scan(r->text, r->len, style, old, new_, out)) {
                r->text = vb_arena_strndup(src->arena, out->data, out->len);
                r->len = out->len;
            }
        }
        for (size_t i = 0; i < b->nrows; i++)
            for (size_t c = 0; c < b->rows[i].ncells; c++)
                S_walk(src, b->rows[i].cells[c].content, style, old, new_, out);
    }
}

bool vb_tone_style_text(const char *text, size_t len, vb_tone_style style, vb_buf *out) {
    if (style != VB_TONE_OLD && style != VB_TONE_NEW) return false;
    size_t old = 0, new_ = 0;
    return S_scan(text, len, style == VB_TONE_OLD ? 1 : 2, &old, &new_, out);
}

void vb_tone_style_source(vb_source *src, vb_tone_style style) {
    if (style == VB_TONE_KEEP) return;
    vb_buf out = {0};
    size_t old = 0, new_ = 0;
    S_walk(src, src->first, 0, &old, &new_, &out);
    int target = style == VB_TONE_OLD ? 1 : style == VB_TONE_NEW ? 2 : 0;
    if (!target) {
        if (!old || !new_) goto done; /* already one style */
        target = old >= new_ ? 1 : 2;  /* a tie goes to the old style, the more common one */
    }
    size_t minority = target == 1 ? new_ : old;
    if (minority) {
        size_t o2 = 0, n2 = 0;
        S_walk(src, src->first, target, &o2, &n2, &out);
        vb_report_add(src->report, target == 1 ? "tone-style-old" : "tone-style-new", minority);
    }
done:
    vb_buf_free(&out);
}
