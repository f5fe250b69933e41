/* Decoders of the encodings Vietnamese text arrives in, and their detection.
 * UTF-16 and Windows-1258 go through ICU; TCVN3, VNI-Windows and VISCII use
 * the tables generated from their code charts (charset_tables.c); VIQR and
 * mojibake are undone here. */
#include "encoding.h"

#include "encoding_tables.h"
#include "normalize.h"
#include "syllable.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/unorm2.h>

static const struct {
    vb_encoding enc;
    const char *name;
} S_NAMES[] = {
    {VB_ENC_UTF8, "utf-8"},         {VB_ENC_UTF16LE, "utf-16le"},   {VB_ENC_UTF16BE, "utf-16be"},
    {VB_ENC_CP1258, "windows-1258"}, {VB_ENC_TCVN3, "tcvn3"},       {VB_ENC_VNI, "vni"},
    {VB_ENC_VISCII, "viscii"},      {VB_ENC_VIQR, "viqr"},         {VB_ENC_MOJIBAKE, "mojibake"},
    {VB_ENC_MOJIBAKE2, "mojibake-2"},
    /* aliases */
    {VB_ENC_UTF8, "utf8"},          {VB_ENC_UTF16LE, "utf-16"},    {VB_ENC_CP1258, "cp1258"},
    {VB_ENC_CP1258, "windows1258"}, {VB_ENC_TCVN3, "abc"},          {VB_ENC_TCVN3, "tcvn"},
    {VB_ENC_TCVN3, "vntime"},       {VB_ENC_VNI, "vni-windows"},   {VB_ENC_VNI, "vni-win"},
    {VB_ENC_MOJIBAKE, "mojibake-1"}, {VB_ENC_MOJIBAKE2, "mojibake2"}};

const char *vb_encoding_name(vb_encoding enc) {
    for (size_t i = 0; i < sizeof S_NAMES / sizeof *S_NAMES; i++)
        if (S_NAMES[i].enc == enc) return S_NAMES[i].name;
    return "unknown";
}

bool vb_encoding_lookup(const char *name, vb_encoding *enc) {
    for (size_t i = 0; i < sizeof S_NAMES / sizeof *S_NAMES; i++)
        if (strcasecmp(S_NAMES[i].name, name) == 0) {
            *enc = S_NAMES[i].enc;
            return true;
        }
    return false;
}

static void S_put(vb_buf *out, uint32_t cp) {
    char tmp[4];
    vb_buf_append(out, tmp, (size_t)vb_utf8_encode(cp, tmp));
}

static int S_icu_decode(const char *codepage, const unsigned char *d, size_t n, vb_buf *out) {
    if (n > INT32_MAX / 3) return VB_ERR_LIMIT;
    UErrorCode status = U_ZERO_ERROR;
    size_t cap = n * 3 + 16;
    vb_buf_reserve(out, cap);
    int32_t got = ucnv_convert("UTF-8", codepage, out->data + out->len, (int32_t)cap,
                               (const char *)d, (int32_t)n, &status);
    if (U_FAILURE(status)) return VB_ERR_FORMAT;
    out->len += (size_t)got;
    out->data[out->len] = '\0';
    return VB_OK;
}

/* ---- TCVN3: decoding and the case of toned capitals ----
 * TCVN3 gives a toned capital the code of its small letter (the case lived in
 * the font, .VnTimeH).  Such letters are made capital only where that is
 * certain: in a line or a word written all in capitals, or as the first
 * letter of a sentence (line start, or after . ! ? and a space). */

static bool S_tcvn3_caseless(unsigned char b) {
    uint32_t cp = vb_tcvn3_table[b];
    if (b < 0xA1 || !u_islower((UChar32)cp)) return false;
    /* ă â ê ô ơ ư đ have capitals of their own */
    return !(cp == 0x103 || cp == 0xE2 || cp == 0xEA || cp == 0xF4 || cp == 0x1A1 || cp == 0x1B0 ||
             cp == 0x111);
}

typedef struct {
    size_t start, end; /* code point range */
    size_t upper, lower; /* letters whose case is known */
} S_word;

static bool S_is_letter(uint32_t cp) { return u_isalpha((UChar32)cp) != 0; }

static void S_tcvn3_restore_line(uint32_t *cp, const bool *amb, size_t n, bool after_sentence) {
    size_t upper = 0, lower = 0;
    for (size_t i = 0; i < n; i++) {
        if (amb[i] || !S_is_letter(cp[i])) continue;
        if (u_isupper((UChar32)cp[i])) upper++;
        else if (u_islower((UChar32)cp[i])) lower++;
    }
    size_t amb_words = 0;
    for (size_t i = 0; i < n;) {
        if (!S_is_letter(cp[i])) {
            i++;
            continue;
        }
        bool has = false;
        while (i < n && S_is_letter(cp[i])) has |= amb[i++];
        amb_words += has;
    }
    /* a heading in capitals: no small letter, and more than one word to judge by */
    bool line_caps = lower == 0 && upper >= 2 && amb_words >= 2;
    /* words of the line */
    S_word words[64];
    size_t nw = 0;
    for (size_t i = 0; i < n && nw < 64;) {
        if (!S_is_letter(cp[i])) {
            i++;
            continue;
        }
        S_word w = {i, i, 0, 0};
        while (i < n && S_is_letter(cp[i])) {
            if (!amb[i]) {
                if (u_isupper((UChar32)cp[i])) w.upper++;
                else if (u_islower((UChar32)cp[i])) w.lower++;
            }
            i++;
        }
        w.end = i;
        words[nw++] = w;
    }
    for (size_t k = 0; k < nw; k++) {
        S_word *w = &words[k];
        bool has_amb = false;
        for (size_t i = w->start; i < w->end; i++) has_amb |= amb[i];
        if (!has_amb) continue;
        /* a word in capitals: three known capitals, or two beside another
         * such word; a word between two of them ("XÃ" in "CHỦ NGHĨA XÃ HỘI") */
        bool strict = w->lower == 0 && w->upper >= 2;
        bool prev = k > 0 && words[k - 1].lower == 0 && words[k - 1].upper >= 2;
        bool next = k + 1 < nw && words[k + 1].lower == 0 && words[k + 1].upper >= 2;
        bool caps = line_caps || (strict && (w->upper >= 3 || prev || next)) ||
                    (w->lower == 0 && prev && next);
        if (caps) {
            for (size_t i = w->start; i < w->end; i++)
                if (amb[i]) cp[i] = (uint32_t)u_toupper((UChar32)cp[i]);
            continue;
        }
        if (!amb[w->start]) continue;
        /* sentence start: nothing but spaces before, or ". " */
        size_t j = w->start;
        while (j > 0 && (cp[j - 1] == ' ' || cp[j - 1] == '\t')) j--;
        bool start = (j == 0 && after_sentence) ||
                     (j > 0 && j < w->start && (cp[j - 1] == '.' || cp[j - 1] == '!' || cp[j - 1] == '?'));
        if (start) cp[w->start] = (uint32_t)u_toupper((UChar32)cp[w->start]);
    }
}

static void S_decode_tcvn3(const unsigned char *d, size_t n, vb_buf *out) {
    vb_buf_reserve(out, n * 2 + 1);
    uint32_t *cp = NULL;
    bool *amb = NULL;
    size_t cap = 0;
    /* a line starts a sentence after a line that ended one (or at the start) */
    bool after_sentence = true;
    for (size_t i = 0; i < n;) {
        size_t e = i;
        while (e < n && d[e] != '\n') e++;
        size_t len = e - i;
        if (len > cap) {
            cap = len * 2;
            cp = realloc(cp, cap * sizeof *cp);
            amb = realloc(amb, cap * sizeof *amb);
            if (!cp || !amb) abort();
        }
        bool any = false;
        for (size_t k = 0; k < len; k++) {
            unsigned char b = d[i + k];
            cp[k] = b < 0x80 ? b : vb_tcvn3_table[b];
            amb[k] = S_tcvn3_caseless(b);
            any |= amb[k];
        }
        if (any) S_tcvn3_restore_line(cp, amb, len, after_sentence);
        size_t last = len;
        while (last > 0 && (cp[last - 1] == ' ' || cp[last - 1] == '\t' || cp[last - 1] == '\r')) last--;
        if (last > 0)
            after_sentence = cp[last - 1] == '.' || cp[last - 1] == '!' || cp[last - 1] == '?' ||
                             cp[last - 1] == ':' || cp[last - 1] == ';';
        for (size_t k = 0; k < len; k++) S_put(out, cp[k]);
        if (e < n) vb_buf_putc(out, '\n');
        i = e + 1;
    }
    free(cp);
    free(amb);
}

/* ---- VNI-Windows: a letter is a base byte, then a mark byte ---- */
static void S_decode_vni(const unsigned char *d, size_t n, vb_buf *out) {
    vb_buf_reserve(out, n * 2 + 1);
    for (size_t i = 0; i < n; i++) {
        unsigned char b = d[i];
        unsigned bi = vb_vni_base_index[b];
        if (bi && i + 1 < n) {
            unsigned mi = vb_vni_mark_index[d[i + 1]];
            if (mi && vb_vni_pairs[bi - 1][mi - 1]) {
                S_put(out, vb_vni_pairs[bi - 1][mi - 1]);
                i++;
                continue;
            }
        }
        if (b < 0x80) vb_buf_putc(out, (char)b);
        else S_put(out, vb_vni_single[b]);
    }
}

/* ---- VIQR (RFC 1456): a( a^ e^ o^ o+ u+ dd, tones ' ` ? ~ . after the vowel,
 * a backslash before a mark character keeps it literal ---- */
static bool S_viqr_mark(unsigned char c) { return c && strchr("(^+'`?~.", c) != NULL; }
static bool S_viqr_vowel(unsigned char c) { return c && strchr("aeiouyAEIOUY", c) != NULL; }

static int S_decode_viqr(const unsigned char *d, size_t n, vb_buf *out) {
    vb_buf tmp = {0};
    vb_buf_reserve(&tmp, n + 1);
    for (size_t i = 0; i < n;) {
        unsigned char c = d[i];
        unsigned char next = i + 1 < n ? d[i + 1] : 0;
        if (c == '\\' && (S_viqr_mark(next) || next == 'd' || next == 'D' || next == '\\')) {
            vb_buf_putc(&tmp, (char)next);
            i += 2;
            continue;
        }
        if ((c == 'd' || c == 'D') && (next == 'd' || next == 'D')) {
            S_put(&tmp, c == 'D' ? 0x110 : 0x111);
            i += 2;
            continue;
        }
        if (!S_viqr_vowel(c)) {
            vb_buf_putc(&tmp, (char)c);
            i++;
            continue;
        }
        uint32_t letter = c, lower = c | 0x20;
        i++;
        if (i < n) {
            unsigned char m = d[i];
            uint32_t q = 0;
            if (m == '(' && lower == 'a') q = 0x306;
            else if (m == '^' && (lower == 'a' || lower == 'e' || lower == 'o')) q = 0x302;
            else if (m == '+' && (lower == 'o' || lower == 'u')) q = 0x31B;
            if (q) {
                S_put(&tmp, letter);
                S_put(&tmp, q);
                letter = 0;
                i++;
            }
        }
        if (letter) S_put(&tmp, letter);
        if (i < n) {
            static const char tones[] = "'`?~.";
            static const uint32_t marks[] = {0x301, 0x300, 0x309, 0x303, 0x323};
            const char *t = d[i] ? strchr(tones, d[i]) : NULL;
            if (t) {
                S_put(&tmp, marks[t - tones]);
                i++;
            }
        }
    }
    int st = vb_nfc(tmp.data ? tmp.data : "", tmp.len, out);
    vb_buf_free(&tmp);
    return st;
}

/* ---- mojibake: UTF-8 shown as Windows-1252 (or Latin-1) and saved as UTF-8.
 * Undone by mapping every character back to its byte; the result must be
 * valid UTF-8 again. ---- */
static int S_unmojibake(const unsigned char *d, size_t n, vb_buf *out) {
    size_t start = out->len;
    vb_buf_reserve(out, n + 1);
    bool changed = false;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        int k = vb_utf8_decode(d + i, n - i, &cp);
        if (k == 0) goto fail;
        i += (size_t)k;
        if (cp >= 0x100) {
            int b = -1;
            for (int j = 0; j < 32; j++)
                if (vb_cp1252_high[j] == cp) b = 0x80 + j;
            if (b < 0) goto fail;
            cp = (uint32_t)b;
        }
        changed |= cp >= 0x80;
        vb_buf_putc(out, (char)cp);
    }
    if (!changed || !vb_utf8_valid((const unsigned char *)out->data + start, out->len - start))
        goto fail;
    return VB_OK;
fail:
    out->len = start;
    if (out->data) out->data[start] = '\0';
    return VB_ERR_FORMAT;
}

int vb_encoding_decode(vb_encoding enc, const unsigned char *d, size_t n, vb_buf *out) {
    switch (enc) {
    case VB_ENC_UTF8: vb_buf_append(out, d, n); return VB_OK;
    case VB_ENC_UTF16LE:
    case VB_ENC_UTF16BE:
        if (n % 2) return VB_ERR_FORMAT;
        return S_icu_decode(enc == VB_ENC_UTF16LE ? "UTF-16LE" : "UTF-16BE", d, n, out);
    case VB_ENC_CP1258: {
        vb_buf tmp = {0};
        int st = S_icu_decode("windows-1258", d, n, &tmp);
        if (st == VB_OK) st = vb_nfc(tmp.data ? tmp.data : "", tmp.len, out);
        vb_buf_free(&tmp);
        return st;
    }
    case VB_ENC_TCVN3: S_decode_tcvn3(d, n, out); return VB_OK;
    case VB_ENC_VNI: S_decode_vni(d, n, out); return VB_OK;
    case VB_ENC_VISCII: /* its capitals Ẳ Ẵ Ẫ Ỷ Ỹ Ỵ sit on C0 codes */
        vb_buf_reserve(out, n * 2 + 1);
        for (size_t i = 0; i < n; i++) S_put(out, vb_viscii_table[d[i]]);
        return VB_OK;
    case VB_ENC_VIQR: return S_decode_viqr(d, n, out);
    case VB_ENC_MOJIBAKE: return S_unmojibake(d, n, out);
    case VB_ENC_MOJIBAKE2: {
        vb_buf once = {0};
        int st = S_unmojibake(d, n, &once);
        if (st == VB_OK) st = S_unmojibake((const unsigned char *)once.data, once.len, out);
        vb_buf_free(&once);
        return st;
    }
    case VB_ENC_COUNT: break;
    }
    return VB_ERR_USAGE;
}

size_t vb_encoding_bom_length(vb_encoding enc, const unsigned char *d, size_t n) {
    if (enc == VB_ENC_UTF8 && n >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF) return 3;
    if (enc == VB_ENC_UTF16LE && n >= 2 && d[0] == 0xFF && d[1] == 0xFE) return 2;
    if (enc == VB_ENC_UTF16BE && n >= 2 && d[0] == 0xFE && d[1] == 0xFF) return 2;
    return 0;
}

/* ---- scoring ---- */

/* The onset spelling before a front vowel (c/k, g/gh, ng/ngh) is a matter of
 * orthography, not of encoding: OCR and typists confuse it ("céc" for "các"),
 * so detection accepts a word that the other spelling would make valid. */
static bool S_syllable_respelt(const char *text, size_t len) {
    size_t at = 0;
    const char *with = NULL;
    char first = (char)(text[0] | 0x20);
    if (first == 'c') {
        at = 1, with = "k";
    } else if (first == 'g' && len > 1 && (text[1] | 0x20) != 'h' && (text[1] | 0x20) != 'i') {
        at = 1, with = "gh";
    } else if (first == 'n' && len > 2 && (text[1] | 0x20) == 'g' && (text[2] | 0x20) != 'h') {
        at = 2, with = "ngh";
    }
    if (!with || len - at + 4 > 12 * 4) return false;
    char alt[12 * 4 + 4];
    size_t wl = strlen(with);
    memcpy(alt, with, wl);
    memcpy(alt + wl, text + at, len - at);
    return vb_syl_is_valid(alt, wl + len - at);
}

static bool S_syllable_text(const char *text, size_t len) {
    return vb_syl_is_valid(text, len) || S_syllable_respelt(text, len);
}

/* The shared inventory (syllable.h) parses precomposed letters; marks that
 * arrive as combining characters are composed first. */
bool vb_encoding_is_syllable(const uint32_t *cps, size_t n) {
    if (n == 0 || n > 12) return false;
    bool combining = false;
    for (size_t i = 0; i < n; i++) {
        if (cps[i] > 0xFFFF) return false;
        if (cps[i] >= 0x300 && cps[i] < 0x370) combining = true;
    }
    char text[12 * 4];
    size_t len = 0;
    if (!combining) {
        for (size_t i = 0; i < n; i++) len += (size_t)vb_utf8_encode(cps[i], text + len);
        return S_syllable_text(text, len);
    }
    UChar in[12], nfc[24];
    for (size_t i = 0; i < n; i++) in[i] = (UChar)cps[i];
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *norm = unorm2_getNFCInstance(&status);
    int32_t m = U_SUCCESS(status) ? unorm2_normalize(norm, in, (int32_t)n, nfc, 24, &status) : 0;
    if (U_FAILURE(status) || m > 12) return false;
    for (int32_t i = 0; i < m; i++) len += (size_t)vb_utf8_encode(nfc[i], text + len);
    return S_syllable_text(text, len);
}

static bool S_word_break(uint32_t cp) {
    if (cp < 0x80) return !((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'));
    return cp == 0xA0 || (cp >= 0x2000 && cp <= 0x206F) || cp == 0x3000;
}

long vb_encoding_score(const char *utf8, size_t len, size_t *valid_out, size_t *words_out) {
    const unsigned char *s = (const unsigned char *)utf8;
    long score = 0;
    size_t valid = 0, words = 0;
    uint32_t tok[24];
    size_t nt = 0;
    bool nonascii = false, letters = false, others = false, overflow = false;
    for (size_t i = 0; i <= len;) {
        uint32_t cp = 0;
        int k = 1;
        bool end = i == len;
        if (!end) {
            k = vb_utf8_decode(s + i, len - i, &cp);
            if (k == 0) cp = VB_REPLACEMENT_CHAR, k = 1;
        }
        bool control = !end && ((cp < 0x20 && cp != '\n' && cp != '\r' && cp != '\t' && cp != '\f') ||
                                (cp >= 0x7F && cp < 0xA0) || cp == VB_REPLACEMENT_CHAR);
        if (control) score -= 2;
        if (end || control || S_word_break(cp)) {
            if (nt || overflow) {
                if (letters) words++;
                if (nonascii) {
                    if (!letters) {
                        /* a symbol such as ≤ or ‰: says nothing */
                    } else if (nt == 1 && !others) {
                        /* one letter alone ("ở", or "€" read as "Ạ"): too weak to count */
                    } else if (!others && !overflow && vb_encoding_is_syllable(tok, nt)) {
                        score++;
                        valid++;
                    } else {
                        score--;
                    }
                }
            }
            nt = 0;
            nonascii = letters = others = overflow = false;
        } else {
            if (cp >= 0x80) nonascii = true;
            if (u_isalpha((UChar32)cp) || (u_getCombiningClass((UChar32)cp) > 0)) letters = true;
            else others = true;
            if (nt < sizeof tok / sizeof *tok) tok[nt++] = cp;
            else overflow = true;
        }
        i += (size_t)k;
    }
    if (valid_out) *valid_out = valid;
    if (words_out) *words_out = words;
    return score;
}

/* ---- detection ---- */

/* VIQR marks between two letters of a word ("Vie^.t", "ngu+o+`i"). */
static size_t S_viqr_inner_marks(const unsigned char *d, size_t n) {
    size_t count = 0;
    for (size_t i = 1; i + 2 < n; i++) {
        if (!S_viqr_vowel(d[i - 1]) || !strchr("(^+'`?~", d[i]) || !d[i]) continue;
        size_t j = i + 1;
        while (j < n && j < i + 3 && d[j] && strchr("(^+'`?~.", d[j])) j++;
        if (j < n && ((d[j] | 0x20) >= 'a' && (d[j] | 0x20) <= 'z')) count++;
    }
    return count;
}

/* Whether text may be VIQR: ASCII, or UTF-8 whose only non-ASCII characters
 * are symbols ("≤", "–", "“ ”", "²"), no letters: the letters of VIQR are
 * ASCII, the symbols a UTF-8 file holds besides them are its own. */
static bool S_viqr_possible(const unsigned char *d, size_t n, bool ascii, bool utf8) {
    if (ascii) return true;
    if (!utf8) return false;
    for (size_t i = 0; i < n;) {
        uint32_t cp = d[i];
        int k = 1;
        if (cp >= 0x80) {
            k = vb_utf8_decode(d + i, n - i, &cp);
            if (k < 1) return false;
            /* Latin letters with marks and the other letter blocks below
             * the punctuation and symbol blocks */
            if ((cp >= 0xC0 && cp < 0x2000 && cp != 0xD7 && cp != 0xF7) ||
                (cp >= 0x1E00 && cp <= 0x1EFF))
                return false;
        }
        i += (size_t)k;
    }
    return true;
}

#define S_SAMPLE_BYTES 65536

vb_encoding vb_encoding_detect(const unsigned char *d, size_t n) {
    if (vb_encoding_bom_length(VB_ENC_UTF8, d, n)) return VB_ENC_UTF8;
    if (vb_encoding_bom_length(VB_ENC_UTF16LE, d, n)) return VB_ENC_UTF16LE;
    if (vb_encoding_bom_length(VB_ENC_UTF16BE, d, n)) return VB_ENC_UTF16BE;
    /* NUL bytes padding the end are no part of the text (and would make
     * 8-bit text look like UTF-16) */
    while (n && !d[n - 1]) n--;
    size_t sn = n;
    if (sn > S_SAMPLE_BYTES) {
        sn = S_SAMPLE_BYTES;
        while (sn > S_SAMPLE_BYTES / 2 && d[sn - 1] != '\n') sn--;
    }
    /* UTF-16 without a BOM: NUL in every other byte of mostly-Latin text */
    size_t even = 0, odd = 0;
    for (size_t i = 0; i < sn; i++)
        if (!d[i]) *(i & 1 ? &odd : &even) += 1;
    if (sn >= 4 && even * 10 > sn * 4) return VB_ENC_UTF16BE;
    if (sn >= 4 && odd * 10 > sn * 4) return VB_ENC_UTF16LE;

    bool ascii = true;
    for (size_t i = 0; i < sn && ascii; i++) ascii = d[i] < 0x80;
    bool utf8 = vb_utf8_valid(d, sn);
    if (!utf8 && !ascii) {
        /* UTF-8 with a few damaged bytes is still UTF-8 (the reader reports
         * and replaces them): legacy 8-bit text hardly ever forms valid
         * multi-byte sequences, let alone many of them */
        size_t good = 0, bad = 0;
        for (size_t i = 0; i < sn;) {
            if (d[i] < 0x80) {
                i++;
                continue;
            }
            uint32_t cp;
            int len = vb_utf8_decode(d + i, sn - i, &cp);
            if (len > 1) {
                good++, i += (size_t)len;
                continue;
            }
            /* one damaged sequence: a byte and the continuation bytes after it */
            bad++, i++;
            while (i < sn && (d[i] & 0xC0) == 0x80) i++;
        }
        if (good >= 2 && bad <= good) return VB_ENC_UTF8;
    }
    /* Valid UTF-8 with multi-byte letters is not 8-bit legacy text (whose
     * letters next to ASCII ones hardly ever form valid sequences): only
     * the readings that are UTF-8 themselves compete. */
    bool multibyte = false, viqr = S_viqr_possible(d, sn, ascii, utf8);
    if (utf8 && !ascii) {
        size_t seqs = 0;
        for (size_t i = 0; i < sn && seqs < 2; i++) seqs += d[i] >= 0xC2 && d[i] <= 0xF4;
        multibyte = seqs >= 2;
    }
    static const vb_encoding order[] = {VB_ENC_UTF8,   VB_ENC_MOJIBAKE, VB_ENC_MOJIBAKE2,
                                        VB_ENC_CP1258, VB_ENC_TCVN3,    VB_ENC_VNI,
                                        VB_ENC_VISCII, VB_ENC_VIQR};
    vb_encoding best = VB_ENC_UTF8;
    long best_score = 0;
    size_t best_valid = 0;
    bool have = false;
    vb_buf text = {0};
    for (size_t k = 0; k < sizeof order / sizeof *order; k++) {
        vb_encoding e = order[k];
        if (ascii && e != VB_ENC_UTF8 && e != VB_ENC_VIQR) continue;
        if (!viqr && e == VB_ENC_VIQR) continue;
        if (!utf8 && (e == VB_ENC_MOJIBAKE || e == VB_ENC_MOJIBAKE2)) continue;
        if (multibyte && e != VB_ENC_UTF8 && e != VB_ENC_MOJIBAKE && e != VB_ENC_MOJIBAKE2 &&
            !(viqr && e == VB_ENC_VIQR))
            continue;
        vb_buf_clear(&text);
        if (vb_encoding_decode(e, d, sn, &text) != VB_OK) continue;
        size_t valid = 0, words = 0;
        long score = vb_encoding_score(text.data ? text.data : "", text.len, &valid, &words);
        if (e == VB_ENC_VIQR) {
            /* VIQR must explain a good part of the words, or show marks
             * inside words ("Trie^'n") that plain ASCII text does not have */
            size_t inner = S_viqr_inner_marks(d, sn);
            if (!((valid >= 2 && valid * 10 >= words) || (inner >= 2 && inner * 20 >= words)))
                continue;
            score = (long)valid + 1;
        }
        /* Windows-1258 is the code page of Vietnamese: a font encoding must
         * read clearly better than it (text that is not Vietnamese in any
         * reading, such as OCR debris, stays with the code page) */
        long margin = best == VB_ENC_CP1258 ? 2 + (long)(best_valid / 20) : 0;
        if (!have || score > best_score + margin) {
            best = e;
            best_score = score;
            best_valid = valid;
            have = true;
        }
    }
    vb_buf_free(&text);
    return best;
}
