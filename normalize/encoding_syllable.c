/* Is this word a Vietnamese syllable?  Used by encoding detection to score
 * candidate decodings.  A syllable is an optional onset, a rhyme (vowel
 * nucleus + optional coda) and at most one tone mark; stop codas (-p -t -c
 * -ch) take only the rising or the heavy tone. */
#include "encoding.h"

#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>

/* Letters with a vowel-quality mark are spelled with one digit each:
 * ă 1, â 2, ê 3, ô 4, ơ 5, ư 6, đ 7. */
static const char *const S_ONSETS[] = {
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d",
    "7",   "g",  "h",  "k",  "l",  "m",  "n",  "p",  "r",  "s",  "t",  "v", "x", ""};

static const char *const S_RHYMES[] = {
    "a", "ai", "ao", "au", "ay", "am", "an", "ang", "anh", "ap", "at", "ac", "ach",
    "1m", "1n", "1ng", "1p", "1t", "1c",
    "2u", "2y", "2m", "2n", "2ng", "2p", "2t", "2c",
    "e", "eo", "em", "en", "eng", "ep", "et", "ec",
    "3", "3u", "3m", "3n", "3nh", "3p", "3t", "3ch",
    "i", "ia", "iu", "im", "in", "inh", "ip", "it", "ich",
    "i3u", "i3m", "i3n", "i3ng", "i3p", "i3t", "i3c",
    "o", "oi", "om", "on", "ong", "op", "ot", "oc", "ooc", "oong",
    "4", "4i", "4m", "4n", "4ng", "4p", "4t", "4c",
    "5", "5i", "5m", "5n", "5p", "5t",
    "u", "ua", "ui", "um", "un", "ung", "up", "ut", "uc",
    "u4", "u4i", "u4m", "u4n", "u4ng", "u4t", "u4c",
    "6", "6a", "6i", "6u", "6m", "6n", "6ng", "6t", "6c", "6p",
    "65", "65i", "65u", "65m", "65n", "65ng", "65p", "65t", "65c",
    "y", "y3u", "y3n", "y3m", "y3t",
    "oa", "oai", "oay", "oan", "oang", "oanh", "oat", "oac", "oach", "oam", "oap",
    "o1n", "o1ng", "o1t", "o1c", "o1m",
    "oe", "oen", "oet", "oeo", "oem",
    "u3", "u3ch", "u3nh", "u3n",
    "uy", "uya", "uyu", "uych", "uynh", "uyt", "uyn", "uy3n", "uy3t",
    "u2n", "u2ng", "u2t", "u2y", "u5"};

static bool S_rhyme_ok(const char *r, int tone) {
    for (size_t i = 0; i < sizeof S_RHYMES / sizeof *S_RHYMES; i++) {
        if (strcmp(S_RHYMES[i], r) != 0) continue;
        size_t n = strlen(r);
        bool stop = (n >= 1 && strchr("ptc", r[n - 1])) || (n >= 2 && strcmp(r + n - 2, "ch") == 0);
        /* stop codas: only sắc (2) or nặng (5) */
        return !stop || tone == 2 || tone == 5;
    }
    return false;
}

/* Spells the word with one byte per letter (see above) and its tone (0 none,
 * 1 huyền, 2 sắc, 3 hỏi, 4 ngã, 5 nặng).  False on anything else. */
static bool S_spell(const UChar *d, int32_t n, char *out, size_t cap, int *tone) {
    size_t len = 0;
    *tone = 0;
    for (int32_t i = 0; i < n; i++) {
        UChar c = d[i];
        int t = 0;
        switch (c) {
        case 0x0300: t = 1; break;
        case 0x0301: t = 2; break;
        case 0x0309: t = 3; break;
        case 0x0303: t = 4; break;
        case 0x0323: t = 5; break;
        case 0x0306: /* breve: only on a */
            if (!len || out[len - 1] != 'a') return false;
            out[len - 1] = '1';
            continue;
        case 0x0302: /* circumflex: a e o */
            if (!len) return false;
            if (out[len - 1] == 'a') out[len - 1] = '2';
            else if (out[len - 1] == 'e') out[len - 1] = '3';
            else if (out[len - 1] == 'o') out[len - 1] = '4';
            else return false;
            continue;
        case 0x031B: /* horn: o u */
            if (!len) return false;
            if (out[len - 1] == 'o') out[len - 1] = '5';
            else if (out[len - 1] == 'u') out[len - 1] = '6';
            else return false;
            continue;
        case 0x0111: c = '7'; break;
        default: break;
        }
        if (t) {
            if (*tone) return false;
            *tone = t;
            continue;
        }
        if (!((c >= 'a' && c <= 'z') || c == '7')) return false;
        if (len + 1 >= cap) return false;
        out[len++] = (char)c;
    }
    out[len] = '\0';
    return len > 0;
}

bool vb_encoding_is_syllable(const uint32_t *cps, size_t n) {
    if (n == 0 || n > 12) return false;
    UChar low[16];
    for (size_t i = 0; i < n; i++) {
        UChar32 c = u_tolower((UChar32)cps[i]);
        if (c > 0xFFFF) return false;
        low[i] = (UChar)c;
    }
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&status);
    UChar d[64];
    int32_t dn = unorm2_normalize(nfd, low, (int32_t)n, d, 64, &status);
    if (U_FAILURE(status)) return false;
    char sp[32];
    int tone;
    if (!S_spell(d, dn, sp, sizeof sp, &tone)) return false;
    for (size_t i = 0; i < sizeof S_ONSETS / sizeof *S_ONSETS; i++) {
        size_t ol = strlen(S_ONSETS[i]);
        if (strncmp(sp, S_ONSETS[i], ol) != 0) continue;
        if (sp[ol] && S_rhyme_ok(sp + ol, tone)) return true;
        /* gi + i...: "gìn", "giếng" share the i */
        if (ol == 2 && strcmp(S_ONSETS[i], "gi") == 0 && S_rhyme_ok(sp + 1, tone)) return true;
    }
    return false;
}
