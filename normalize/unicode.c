/* Unicode clean-up of the text runs after NFC: look-alike letters, stray,
 * doubled or misordered combining marks, invisible format characters, odd
 * spaces and control characters.  Every change is counted in the report. */
#include "encoding.h"
#include "normalize.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

static bool S_is_tone(uint32_t c) {
    return c == 0x300 || c == 0x301 || c == 0x303 || c == 0x309 || c == 0x323;
}

/* Zero-width characters, bidi controls, the soft hyphen and a BOM: dropped. */
static bool S_is_invisible(uint32_t c) {
    return c == 0xAD || (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
           (c >= 0x2060 && c <= 0x2064) || (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF;
}

static bool S_is_odd_space(uint32_t c) {
    return c == 0xA0 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F || c == 0x3000;
}

/* C0 and C1 controls but tab and newline; U+FFFE and U+FFFF, which XML forbids */
static bool S_is_control(uint32_t c) {
    return (c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7F && c < 0xA0) || c == 0xFFFE || c == 0xFFFF;
}

/* Letters that look like Đ/đ but are not. */
static uint32_t S_lookalike(uint32_t c) {
    switch (c) {
    case 0xD0:  /* Ð latin capital eth */
    case 0x189: /* Ɖ african D */
        return 0x110;
    case 0xF0:  /* ð latin small eth */
    case 0x256: /* ɖ d with tail */
        return 0x111;
    default: return 0;
    }
}

/* NFD of UTF-8 text into out. */
static void S_nfd(const char *text, size_t len, vb_buf *out) {
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&st);
    int32_t ulen = 0;
    u_strFromUTF8(NULL, 0, &ulen, text, (int32_t)len, &st);
    st = U_ZERO_ERROR;
    UChar *u = malloc(((size_t)ulen + 1) * sizeof *u);
    UChar *d = malloc(((size_t)ulen * 4 + 8) * sizeof *d);
    if (!u || !d) abort();
    u_strFromUTF8(u, ulen + 1, NULL, text, (int32_t)len, &st);
    int32_t dn = unorm2_normalize(nfd, u, ulen, d, ulen * 4 + 8, &st);
    int32_t blen = 0;
    if (U_SUCCESS(st)) {
        u_strToUTF8(NULL, 0, &blen, d, dn, &st);
        st = U_ZERO_ERROR;
        vb_buf_reserve(out, (size_t)blen + 1);
        u_strToUTF8(out->data + out->len, blen + 1, NULL, d, dn, &st);
        out->len += (size_t)blen;
        out->data[out->len] = '\0';
    } else {
        vb_buf_append(out, text, len);
    }
    free(u);
    free(d);
}

/* Marks of one letter put right: quality marks before the tone, one tone,
 * no mark twice.  Returns true when anything changed. */
static bool S_fix_marks(uint32_t *m, size_t *n) {
    uint32_t out[16];
    size_t k = 0;
    bool tone = false, changed = false;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < *n; i++) {
            bool q = !S_is_tone(m[i]);
            if ((pass == 0) != q) continue;
            bool dup = false;
            for (size_t j = 0; j < k; j++) dup |= out[j] == m[i];
            if (dup || (S_is_tone(m[i]) && tone) || k >= 16) {
                changed = true;
                continue;
            }
            tone |= S_is_tone(m[i]);
            out[k++] = m[i];
        }
    for (size_t i = 0; i < k && !changed; i++) changed = out[i] != m[i];
    memcpy(m, out, k * sizeof *m);
    *n = k;
    return changed;
}

/* Rewrites text (UTF-8, NFC) into out; returns true when anything changed. */
static bool S_clean(const char *text, size_t len, vb_buf *out, vb_repair_report *rep, vb_buf *scratch) {
    const unsigned char *s = (const unsigned char *)text;
    /* fast path: ASCII without controls */
    bool plain = true;
    for (size_t i = 0; i < len && plain; i++) plain = s[i] >= 0x20 && s[i] < 0x7F;
    if (plain) return false;

    size_t lookalike = 0, invisible = 0, spaces = 0, controls = 0, marks = 0;
    bool has_marks = false;
    vb_buf_clear(out);
    for (size_t i = 0; i < len;) {
        uint32_t c;
        int k = vb_utf8_decode(s + i, len - i, &c);
        if (k == 0) c = s[i], k = 1; /* cannot happen after the reader; keep the byte */
        i += (size_t)k;
        uint32_t r;
        if ((r = S_lookalike(c))) c = r, lookalike++;
        else if (S_is_invisible(c)) { invisible++; continue; }
        else if (S_is_odd_space(c)) c = ' ', spaces++;
        else if (S_is_control(c)) { controls++; continue; }
        if (c >= 0x300 && c <= 0x36F) has_marks = true;
        char tmp[4];
        vb_buf_append(out, tmp, (size_t)vb_utf8_encode(c, tmp));
    }
    if (has_marks) {
        /* marks left after NFC did not compose: decompose, fix each letter's
         * marks, compose again */
        vb_buf_clear(scratch);
        S_nfd(out->data, out->len, scratch);
        uint32_t *cps = malloc((scratch->len + 1) * sizeof *cps);
        if (!cps) abort();
        size_t n = 0;
        for (size_t i = 0; i < scratch->len;) {
            uint32_t c;
            int k = vb_utf8_decode((const unsigned char *)scratch->data + i, scratch->len - i, &c);
            if (k == 0) c = (unsigned char)scratch->data[i], k = 1;
            i += (size_t)k;
            cps[n++] = c;
        }
        vb_buf_clear(scratch);
        for (size_t i = 0; i < n;) {
            size_t j = i + 1;
            while (j < n && u_getCombiningClass((UChar32)cps[j]) > 0) j++;
            size_t nm = j - i - 1;
            if (u_getCombiningClass((UChar32)cps[i]) > 0) {
                /* a stray mark with no letter before it */
                marks++;
                i++;
                continue;
            }
            char tmp[4];
            vb_buf_append(scratch, tmp, (size_t)vb_utf8_encode(cps[i], tmp));
            if (nm > 1 && nm <= 16 && S_fix_marks(cps + i + 1, &nm)) marks++;
            for (size_t m = 0; m < nm; m++)
                vb_buf_append(scratch, tmp, (size_t)vb_utf8_encode(cps[i + 1 + m], tmp));
            i = j;
        }
        free(cps);
        vb_buf_clear(out);
        vb_nfc(scratch->data ? scratch->data : "", scratch->len, out);
    }
    vb_report_add(rep, "lookalike-replaced", lookalike);
    vb_report_add(rep, "invisible-removed", invisible);
    vb_report_add(rep, "space-normalized", spaces);
    vb_report_add(rep, "control-removed", controls);
    vb_report_add(rep, "combining-mark-repaired", marks);
    return out->len != len || memcmp(out->data, text, len) != 0;
}

/* Whether the clean-up may change the letters of text (not only its
 * spaces): a look-alike of Đ, an invisible or a control character, a
 * combining mark NFC left alone. */
static bool S_may_change(const char *text, size_t len) {
    const unsigned char *s = (const unsigned char *)text;
    for (size_t i = 0; i < len;) {
        uint32_t c;
        int k = vb_utf8_decode(s + i, len - i, &c);
        if (k == 0) c = s[i], k = 1;
        i += (size_t)k;
        if (S_lookalike(c) || S_is_invisible(c) || S_is_control(c) || (c >= 0x300 && c <= 0x36F)) return true;
    }
    return false;
}

/* Whether the clean-up changes the word text[0, len): a look-alike
 * replaced, a character dropped, combining marks moved or merged. */
static bool S_word_changes(const char *text, size_t len, vb_buf *out, vb_buf *scratch) {
    if (!S_may_change(text, len)) return false;
    if (!S_clean(text, len, out, NULL, scratch)) return false;
    return true;
}

static vb_run *S_piece(vb_source *src, const vb_run *like, const char *text, size_t len, vb_buf *out,
                       vb_buf *scratch) {
    vb_run *r = vb_arena_alloc(src->arena, sizeof *r);
    *r = *like;
    r->next = NULL;
    if (S_clean(text, len, out, src->report, scratch)) text = out->data ? out->data : "", len = out->len;
    r->text = vb_arena_strndup(src->arena, text, len);
    r->len = (uint32_t)len;
    return r;
}

/* A run the clean-up changes a word of (a look-alike of Đ, "ð" an OCR
 * model printed for "đ"; a zero-width or control character inside a word;
 * combining marks misplaced or doubled, "Thương̣"): each such word
 * becomes a run of its own that keeps the word as printed, so the repair
 * is seen and nothing of the input is lost. */
static void S_clean_split(vb_source *src, vb_run *r, vb_buf *out, vb_buf *scratch) {
    const char *t = r->text;
    size_t len = r->len, plain = 0, i = 0;
    vb_run *head = NULL, **tail = &head, *last = NULL;
    while (i < len) {
        size_t j = i;
        while (j < len && t[j] != ' ' && t[j] != '\t' && t[j] != '\n') j++;
        if (j > i && S_word_changes(t + i, j - i, out, scratch)) {
            if (i > plain) {
                *tail = last = S_piece(src, r, t + plain, i - plain, out, scratch);
                last->word_boxes = vb_run_word_boxes_from(src, r, plain);
                tail = &last->next;
            }
            vb_run *w = S_piece(src, r, t + i, j - i, out, scratch);
            w->word_boxes = vb_run_word_boxes_from(src, r, i);
            if (r->word_boxes) w->word_pos = vb_run_word_pos(src, r, i, j - i); /* a PDF's word */
            w->repair = VB_REPAIR_ENCODING;
            w->original = vb_arena_strndup(src->arena, t + i, j - i);
            w->original_len = (uint32_t)(j - i);
            w->confidence = 1.0f;
            *tail = last = w;
            tail = &w->next;
            plain = j;
        }
        i = j < len ? j + 1 : j;
    }
    if (plain < len) {
        *tail = last = S_piece(src, r, t + plain, len - plain, out, scratch);
        last->word_boxes = vb_run_word_boxes_from(src, r, plain);
        tail = &last->next;
    }
    /* r becomes the first piece in place, so the block's links stay valid */
    vb_run *next = r->next;
    *r = *head;
    if (last == head) last = r;
    last->next = next;
}

static void S_clean_blocks(vb_source *src, vb_block *first, vb_buf *out, vb_buf *scratch,
                           size_t *controls) {
    for (vb_block *b = first; b; b = b->next) {
        for (vb_run *r = b->runs; r; r = r->next) {
            if (r->kind != VB_RUN_TEXT || !r->len) continue;
            size_t before = vb_report_get(src->report, "control-removed");
            if (!r->repair && S_may_change(r->text, r->len)) {
                S_clean_split(src, r, out, scratch); /* the pieces that follow are clean */
            } else if (S_clean(r->text, r->len, out, src->report, scratch)) {
                r->text = vb_arena_strndup(src->arena, out->data ? out->data : "", out->len);
                r->len = out->len;
            }
            size_t removed = vb_report_get(src->report, "control-removed") - before;
            if (removed) {
                *controls += removed;
                vb_diag_add(&src->diags, VB_NOTE, b->line, 0, -1, "control-removed",
                            "%zu control character%s removed", removed, removed > 1 ? "s" : "");
            }
        }
        for (size_t i = 0; i < b->nrows; i++)
            for (size_t c = 0; c < b->rows[i].ncells; c++)
                S_clean_blocks(src, b->rows[i].cells[c].content, out, scratch, controls);
    }
}

void vb_unicode_clean_source(vb_source *src) {
    vb_buf out = {0}, scratch = {0};
    size_t controls = 0;
    S_clean_blocks(src, src->first, &out, &scratch, &controls);
    vb_buf_free(&out);
    vb_buf_free(&scratch);
}
