/* The Vietnamese syllable inventory: onsets, rhymes, tones and the rules
 * that put them together and place the tone mark. */
#include "syllable.h"

#include <string.h>

#include "../util/vb_util.h"

/* The twelve vowel letters with each of the six tones, lower then upper case. */
static const char *const VOWELS[2][12][VB_SYL_NTONES] = {
    {
        {"a", "à", "á", "ả", "ã", "ạ"},
        {"ă", "ằ", "ắ", "ẳ", "ẵ", "ặ"},
        {"â", "ầ", "ấ", "ẩ", "ẫ", "ậ"},
        {"e", "è", "é", "ẻ", "ẽ", "ẹ"},
        {"ê", "ề", "ế", "ể", "ễ", "ệ"},
        {"i", "ì", "í", "ỉ", "ĩ", "ị"},
        {"o", "ò", "ó", "ỏ", "õ", "ọ"},
        {"ô", "ồ", "ố", "ổ", "ỗ", "ộ"},
        {"ơ", "ờ", "ớ", "ở", "ỡ", "ợ"},
        {"u", "ù", "ú", "ủ", "ũ", "ụ"},
        {"ư", "ừ", "ứ", "ử", "ữ", "ự"},
        {"y", "ỳ", "ý", "ỷ", "ỹ", "ỵ"},
    },
    {
        {"A", "À", "Á", "Ả", "Ã", "Ạ"},
        {"Ă", "Ằ", "Ắ", "Ẳ", "Ẵ", "Ặ"},
        {"Â", "Ầ", "Ấ", "Ẩ", "Ẫ", "Ậ"},
        {"E", "È", "É", "Ẻ", "Ẽ", "Ẹ"},
        {"Ê", "Ề", "Ế", "Ể", "Ễ", "Ệ"},
        {"I", "Ì", "Í", "Ỉ", "Ĩ", "Ị"},
        {"O", "Ò", "Ó", "Ỏ", "Õ", "Ọ"},
        {"Ô", "Ồ", "Ố", "Ổ", "Ỗ", "Ộ"},
        {"Ơ", "Ờ", "Ớ", "Ở", "Ỡ", "Ợ"},
        {"U", "Ù", "Ú", "Ủ", "Ũ", "Ụ"},
        {"Ư", "Ừ", "Ứ", "Ử", "Ữ", "Ự"},
        {"Y", "Ỳ", "Ý", "Ỷ", "Ỹ", "Ỵ"},
    },
};

/* Code points of the toneless lower-case vowels, in VOWELS order. */
static const uint32_t VOWEL_BASE[12] = {0x61, 0x103, 0xE2, 0x65, 0xEA, 0x69,
                                        0x6F, 0xF4,  0x1A1, 0x75, 0x1B0, 0x79};

static const char *const ONSETS[] = {"",  "b",  "c",   "ch", "d",  "đ",  "g",  "gh", "gi",
                                     "h", "k",  "kh",  "l",  "m",  "n",  "ng", "ngh", "nh",
                                     "p", "ph", "qu",  "r",  "s",  "t",  "th", "tr", "v",
                                     "x"};
#define NONSETS (sizeof ONSETS / sizeof *ONSETS)

/* Every rhyme, sorted by bytes (for bsearch). */
static const char *const RHYMES[] = {
    "a",    "ac",   "ach",  "ai",   "am",   "an",   "ang",   "anh",   "ao",   "ap",   "at",
    "au",   "ay",   "e",    "ec",   "em",   "en",   "eng",   "eo",    "ep",   "et",   "i",
    "ia",   "ich",  "im",   "in",   "inh",  "ip",   "it",    "iu",    "iêc",  "iêm",  "iên",
    "iêng", "iêp",  "iêt",  "iêu",  "o",    "oa",   "oac",   "oach",  "oai",  "oam",  "oan",
    "oang", "oanh", "oao",  "oap",  "oat",  "oay",  "oc",    "oe",    "oen",  "oeo",  "oet",
    "oi",   "om",   "on",   "ong",  "ooc",  "oong", "op",    "ot",    "oăc",  "oăm",  "oăn",
    "oăng", "oăt",  "u",    "ua",   "uc",   "ui",   "um",    "un",    "ung",  "up",   "ut",
    "uy",   "uya",  "uych", "uyn",  "uynh", "uyp",  "uyt",   "uyu",   "uyên", "uyêt", "uân",
    "uâng", "uât",  "uây",  "uê",   "uêch", "uênh", "uôc",   "uôi",   "uôm",  "uôn",  "uông",
    "uôt",  "uơ",   "y",    "yêm",  "yên",  "yêng", "yêt",   "yêu",   "âc",   "âm",   "ân",
    "âng",  "âp",   "ât",   "âu",   "ây",   "ê",    "êch",   "êm",    "ên",   "ênh",  "êp",
    "êt",   "êu",   "ô",    "ôc",   "ôi",   "ôm",   "ôn",    "ông",   "ôp",   "ôt",   "ăc",
    "ăm",   "ăn",   "ăng",  "ăp",   "ăt",   "ơ",    "ơi",    "ơm",    "ơn",   "ơp",   "ơt",
    "ư",    "ưa",   "ưc",   "ưi",   "ưm",   "ưn",   "ưng",   "ưt",    "ưu",   "ươc",  "ươi",
    "ươm",  "ươn",  "ương", "ươp",  "ươt",  "ươu",
};
#define NRHYMES (sizeof RHYMES / sizeof *RHYMES)

size_t vb_syl_onset_count(void) { return NONSETS; }
const char *vb_syl_onset(size_t i) { return i < NONSETS ? ONSETS[i] : NULL; }
size_t vb_syl_rhyme_count(void) { return NRHYMES; }
const char *vb_syl_rhyme(size_t i) { return i < NRHYMES ? RHYMES[i] : NULL; }

/* ---- letters ---- */

static int S_vowel_index(uint32_t base) {
    for (int i = 0; i < 12; i++)
        if (VOWEL_BASE[i] == base) return i;
    return -1;
}

/* Every non-ASCII letter of Vietnamese, sorted by code point: its toneless
 * lower-case base, tone and case. */
static const struct {
    uint32_t cp, base;
    uint8_t tone, upper;
} LETTERS[] = {
    {0x00C0, 0x0061, 1, 1}, {0x00C1, 0x0061, 2, 1}, {0x00C2, 0x00E2, 0, 1}, {0x00C3, 0x0061, 4, 1},
    {0x00C8, 0x0065, 1, 1}, {0x00C9, 0x0065, 2, 1}, {0x00CA, 0x00EA, 0, 1}, {0x00CC, 0x0069, 1, 1},
    {0x00CD, 0x0069, 2, 1}, {0x00D2, 0x006F, 1, 1}, {0x00D3, 0x006F, 2, 1}, {0x00D4, 0x00F4, 0, 1},
    {0x00D5, 0x006F, 4, 1}, {0x00D9, 0x0075, 1, 1}, {0x00DA, 0x0075, 2, 1}, {0x00DD, 0x0079, 2, 1},
    {0x00E0, 0x0061, 1, 0}, {0x00E1, 0x0061, 2, 0}, {0x00E2, 0x00E2, 0, 0}, {0x00E3, 0x0061, 4, 0},
    {0x00E8, 0x0065, 1, 0}, {0x00E9, 0x0065, 2, 0}, {0x00EA, 0x00EA, 0, 0}, {0x00EC, 0x0069, 1, 0},
    {0x00ED, 0x0069, 2, 0}, {0x00F2, 0x006F, 1, 0}, {0x00F3, 0x006F, 2, 0}, {0x00F4, 0x00F4, 0, 0},
    {0x00F5, 0x006F, 4, 0}, {0x00F9, 0x0075, 1, 0}, {0x00FA, 0x0075, 2, 0}, {0x00FD, 0x0079, 2, 0},
    {0x0102, 0x0103, 0, 1}, {0x0103, 0x0103, 0, 0}, {0x0110, 0x0111, 0, 1}, {0x0111, 0x0111, 0, 0},
    {0x0128, 0x0069, 4, 1}, {0x0129, 0x0069, 4, 0}, {0x0168, 0x0075, 4, 1}, {0x0169, 0x0075, 4, 0},
    {0x01A0, 0x01A1, 0, 1}, {0x01A1, 0x01A1, 0, 0}, {0x01AF, 0x01B0, 0, 1}, {0x01B0, 0x01B0, 0, 0},
    {0x1EA0, 0x0061, 5, 1}, {0x1EA1, 0x0061, 5, 0}, {0x1EA2, 0x0061, 3, 1}, {0x1EA3, 0x0061, 3, 0},
    {0x1EA4, 0x00E2, 2, 1}, {0x1EA5, 0x00E2, 2, 0}, {0x1EA6, 0x00E2, 1, 1}, {0x1EA7, 0x00E2, 1, 0},
    {0x1EA8, 0x00E2, 3, 1}, {0x1EA9, 0x00E2, 3, 0}, {0x1EAA, 0x00E2, 4, 1}, {0x1EAB, 0x00E2, 4, 0},
    {0x1EAC, 0x00E2, 5, 1}, {0x1EAD, 0x00E2, 5, 0}, {0x1EAE, 0x0103, 2, 1}, {0x1EAF, 0x0103, 2, 0},
    {0x1EB0, 0x0103, 1, 1}, {0x1EB1, 0x0103, 1, 0}, {0x1EB2, 0x0103, 3, 1}, {0x1EB3, 0x0103, 3, 0},
    {0x1EB4, 0x0103, 4, 1}, {0x1EB5, 0x0103, 4, 0}, {0x1EB6, 0x0103, 5, 1}, {0x1EB7, 0x0103, 5, 0},
    {0x1EB8, 0x0065, 5, 1}, {0x1EB9, 0x0065, 5, 0}, {0x1EBA, 0x0065, 3, 1}, {0x1EBB, 0x0065, 3, 0},
    {0x1EBC, 0x0065, 4, 1}, {0x1EBD, 0x0065, 4, 0}, {0x1EBE, 0x00EA, 2, 1}, {0x1EBF, 0x00EA, 2, 0},
    {0x1EC0, 0x00EA, 1, 1}, {0x1EC1, 0x00EA, 1, 0}, {0x1EC2, 0x00EA, 3, 1}, {0x1EC3, 0x00EA, 3, 0},
    {0x1EC4, 0x00EA, 4, 1}, {0x1EC5, 0x00EA, 4, 0}, {0x1EC6, 0x00EA, 5, 1}, {0x1EC7, 0x00EA, 5, 0},
    {0x1EC8, 0x0069, 3, 1}, {0x1EC9, 0x0069, 3, 0}, {0x1ECA, 0x0069, 5, 1}, {0x1ECB, 0x0069, 5, 0},
    {0x1ECC, 0x006F, 5, 1}, {0x1ECD, 0x006F, 5, 0}, {0x1ECE, 0x006F, 3, 1}, {0x1ECF, 0x006F, 3, 0},
    {0x1ED0, 0x00F4, 2, 1}, {0x1ED1, 0x00F4, 2, 0}, {0x1ED2, 0x00F4, 1, 1}, {0x1ED3, 0x00F4, 1, 0},
    {0x1ED4, 0x00F4, 3, 1}, {0x1ED5, 0x00F4, 3, 0}, {0x1ED6, 0x00F4, 4, 1}, {0x1ED7, 0x00F4, 4, 0},
    {0x1ED8, 0x00F4, 5, 1}, {0x1ED9, 0x00F4, 5, 0}, {0x1EDA, 0x01A1, 2, 1}, {0x1EDB, 0x01A1, 2, 0},
    {0x1EDC, 0x01A1, 1, 1}, {0x1EDD, 0x01A1, 1, 0}, {0x1EDE, 0x01A1, 3, 1}, {0x1EDF, 0x01A1, 3, 0},
    {0x1EE0, 0x01A1, 4, 1}, {0x1EE1, 0x01A1, 4, 0}, {0x1EE2, 0x01A1, 5, 1}, {0x1EE3, 0x01A1, 5, 0},
    {0x1EE4, 0x0075, 5, 1}, {0x1EE5, 0x0075, 5, 0}, {0x1EE6, 0x0075, 3, 1}, {0x1EE7, 0x0075, 3, 0},
    {0x1EE8, 0x01B0, 2, 1}, {0x1EE9, 0x01B0, 2, 0}, {0x1EEA, 0x01B0, 1, 1}, {0x1EEB, 0x01B0, 1, 0},
    {0x1EEC, 0x01B0, 3, 1}, {0x1EED, 0x01B0, 3, 0}, {0x1EEE, 0x01B0, 4, 1}, {0x1EEF, 0x01B0, 4, 0},
    {0x1EF0, 0x01B0, 5, 1}, {0x1EF1, 0x01B0, 5, 0}, {0x1EF2, 0x0079, 1, 1}, {0x1EF3, 0x0079, 1, 0},
    {0x1EF4, 0x0079, 5, 1}, {0x1EF5, 0x0079, 5, 0}, {0x1EF6, 0x0079, 3, 1}, {0x1EF7, 0x0079, 3, 0},
    {0x1EF8, 0x0079, 4, 1}, {0x1EF9, 0x0079, 4, 0},
};
#define NLETTERS (sizeof LETTERS / sizeof *LETTERS)

bool vb_syl_letter(uint32_t cp, uint32_t *base, int *tone, bool *upper) {
    *tone = 0;
    *upper = false;
    if (cp < 0x80) {
        bool up = cp >= 'A' && cp <= 'Z';
        *upper = up;
        *base = up ? cp + 32 : cp;
        return (cp | 32) >= 'a' && (cp | 32) <= 'z';
    }
    size_t lo = 0, hi = NLETTERS;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (LETTERS[mid].cp == cp) {
            *base = LETTERS[mid].base;
            *tone = LETTERS[mid].tone;
            *upper = LETTERS[mid].upper;
            return true;
        }
        if (LETTERS[mid].cp < cp) lo = mid + 1;
        else hi = mid;
    }
    *base = cp;
    return false;
}

uint32_t vb_syl_letter_make(uint32_t base, int tone, bool upper) {
    int v = S_vowel_index(base);
    if (v < 0) {
        if (tone) return 0;
        if (base == 0x111) return upper ? 0x110 : 0x111;
        if (base >= 'a' && base <= 'z') return upper ? base - 32 : base;
        return base;
    }
    if (tone < 0 || tone >= VB_SYL_NTONES) return 0;
    uint32_t cp;
    const char *s = VOWELS[upper ? 1 : 0][v][tone];
    if (!vb_utf8_decode((const unsigned char *)s, strlen(s), &cp)) return 0;
    return cp;
}

uint32_t vb_syl_lower(uint32_t cp) {
    uint32_t base;
    int tone;
    bool upper;
    if (!vb_syl_letter(cp, &base, &tone, &upper) || !upper) return cp;
    return vb_syl_letter_make(base, tone, false);
}

uint32_t vb_syl_upper(uint32_t cp) {
    uint32_t base;
    int tone;
    bool upper;
    if (!vb_syl_letter(cp, &base, &tone, &upper) || upper) return cp;
    return vb_syl_letter_make(base, tone, true);
}

uint32_t vb_syl_ascii_of(uint32_t base) {
    switch (base) {
    case 0x103: case 0xE2: return 'a';
    case 0xEA: return 'e';
    case 0xF4: case 0x1A1: return 'o';
    case 0x1B0: return 'u';
    case 0x111: return 'd';
    default: return base;
    }
}

size_t vb_syl_strip_marks(const char *s, size_t len, char *out) {
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, o = 0;
    while (i < len) {
        uint32_t cp;
        int n = vb_utf8_decode(p + i, len - i, &cp);
        if (n == 0) {
            out[o++] = (char)p[i++];
            continue;
        }
        uint32_t base;
        int tone;
        bool upper;
        if (cp >= 0x80 && vb_syl_letter(cp, &base, &tone, &upper)) {
            uint32_t a = vb_syl_ascii_of(base);
            out[o++] = (char)(upper ? a - 32 : a);
        } else if (cp >= 0x300 && cp <= 0x323 &&
                   (cp == 0x300 || cp == 0x301 || cp == 0x303 || cp == 0x309 || cp == 0x323 ||
                    cp == 0x302 || cp == 0x306 || cp == 0x31B)) {
            /* a combining mark left by decomposed input: dropped */
        } else {
            memcpy(out + o, p + i, (size_t)n);
            o += (size_t)n;
        }
        i += (size_t)n;
    }
    out[o] = '\0';
    return o;
}

/* ---- syllables ---- */

static bool S_is_vowel(uint32_t base) { return S_vowel_index(base) >= 0; }

/* Decodes a short UTF-8 string into code points; returns the count or -1. */
static int S_decode(const char *s, size_t len, uint32_t *cps, int max) {
    int n = 0;
    size_t i = 0;
    while (i < len) {
        if (n == max) return -1;
        int k = vb_utf8_decode((const unsigned char *)s + i, len - i, &cps[n]);
        if (!k) return -1;
        i += (size_t)k;
        n++;
    }
    return n;
}

/* Index (in code points of the rhyme) of the vowel that carries the tone. */
static int S_tone_position(const char *rhyme, vb_syl_style style) {
    uint32_t cps[8];
    int n = S_decode(rhyme, strlen(rhyme), cps, 8);
    int nv = 0;
    while (nv < n && S_is_vowel(cps[nv])) nv++;
    bool coda = nv < n;
    /* a vowel with a hat or horn takes the mark ("ươ": the second) */
    int hatted = -1;
    for (int i = 0; i < nv; i++)
        if (cps[i] == 0x103 || cps[i] == 0xE2 || cps[i] == 0xEA || cps[i] == 0xF4 ||
            cps[i] == 0x1A1 || cps[i] == 0x1B0)
            hatted = i;
    if (hatted >= 0) return hatted;
    if (nv == 1) return 0;
    if (coda) return nv - 1;
    if (nv == 3) return 1;
    bool medial = (cps[0] == 'o' && (cps[1] == 'a' || cps[1] == 'e')) ||
                  (cps[0] == 'u' && cps[1] == 'y');
    if (medial) return style == VB_SYL_STYLE_HOA_A ? 1 : 0;
    return 0;
}

static bool S_starts_front(const char *rhyme) {
    /* i, y, e, ê: where c/g/ng are spelt k/gh/ngh */
    return rhyme[0] == 'i' || rhyme[0] == 'y' || rhyme[0] == 'e' ||
           strncmp(rhyme, "ê", 2) == 0;
}

static bool S_stop_final(const char *rhyme) {
    size_t n = strlen(rhyme);
    if (n >= 2 && strcmp(rhyme + n - 2, "ch") == 0) return true;
    char last = rhyme[n - 1];
    return last == 'c' || last == 'p' || last == 't';
}

bool vb_syl_combines(vb_syllable syl) {
    if (syl.onset >= NONSETS || syl.rhyme >= NRHYMES || syl.tone >= VB_SYL_NTONES) return false;
    const char *on = ONSETS[syl.onset], *rh = RHYMES[syl.rhyme];
    if (S_stop_final(rh) && syl.tone != VB_SYL_TONE_SAC && syl.tone != VB_SYL_TONE_NANG)
        return false;
    bool front = S_starts_front(rh);
    bool starts_u = rh[0] == 'u' || strncmp(rh, "ư", 2) == 0;
    bool starts_o = rh[0] == 'o';
    /* "y..." rhymes stand alone or follow the medial u of "qu"; "y" alone is
     * also written after a few consonants (kỹ, lý, mỹ, tỷ, hy, sỹ) */
    if (rh[0] == 'y') {
        if (strcmp(rh, "y") == 0)
            return !*on || strcmp(on, "qu") == 0 || strcmp(on, "k") == 0 ||
                   strcmp(on, "l") == 0 || strcmp(on, "m") == 0 || strcmp(on, "t") == 0 ||
                   strcmp(on, "h") == 0 || strcmp(on, "s") == 0 || strcmp(on, "v") == 0 ||
                   strcmp(on, "n") == 0 || strcmp(on, "đ") == 0 || strcmp(on, "b") == 0;
        return !*on || strcmp(on, "qu") == 0;
    }
    if (strcmp(on, "c") == 0 || strcmp(on, "ng") == 0) return !front;
    if (strcmp(on, "k") == 0 || strcmp(on, "gh") == 0 || strcmp(on, "ngh") == 0)
        return front && rh[0] != 'y';
    if (strcmp(on, "g") == 0) return !front || (rh[0] == 'i' && strcmp(rh, "ia") != 0);
    if (strcmp(on, "qu") == 0) return !starts_u && !starts_o;
    if (strcmp(on, "gi") == 0) return rh[0] != 'i';
    return true;
}

size_t vb_syl_compose(vb_syllable syl, vb_syl_style style, char *out) {
    if (syl.onset >= NONSETS || syl.rhyme >= NRHYMES || syl.tone >= VB_SYL_NTONES) {
        out[0] = '\0';
        return 0;
    }
    const char *on = ONSETS[syl.onset], *rh = RHYMES[syl.rhyme];
    size_t o = strlen(on);
    memcpy(out, on, o);
    int pos = syl.tone ? S_tone_position(rh, style) : -1;
    const unsigned char *p = (const unsigned char *)rh;
    size_t len = strlen(rh), i = 0;
    for (int k = 0; i < len; k++) {
        uint32_t cp;
        int n = vb_utf8_decode(p + i, len - i, &cp);
        if (k == pos) cp = vb_syl_letter_make(cp, syl.tone, false);
        o += (size_t)vb_utf8_encode(cp, out + o);
        i += (size_t)n;
    }
    out[o] = '\0';
    return o;
}

/* Compares a[0..alen) with the string b as memcmp and then length would,
 * byte by byte: the strings are a few bytes long, and a call to strlen and
 * memcmp for each step of the search cost more than the comparison. */
static int S_rhyme_cmp(const char *a, size_t alen, const char *b) {
    for (size_t i = 0;; i++) {
        unsigned char cb = (unsigned char)b[i];
        if (i == alen) return cb ? -1 : 0;
        if (!cb) return 1;
        unsigned char ca = (unsigned char)a[i];
        if (ca != cb) return ca < cb ? -1 : 1;
    }
}

/* The length of the onset on when s[0..len) starts with it, else -1. */
static int S_onset_prefix(const char *s, size_t len, const char *on) {
    size_t i = 0;
    for (; on[i]; i++)
        if (i == len || s[i] != on[i]) return -1;
    return (int)i;
}

static int S_find_rhyme(const char *s, size_t len) {
    size_t lo = 0, hi = NRHYMES;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = S_rhyme_cmp(s, len, RHYMES[mid]);
        if (c == 0) return (int)mid;
        if (c < 0) hi = mid;
        else lo = mid + 1;
    }
    return -1;
}

bool vb_syl_parse(const char *s, size_t len, vb_syllable *out, int *placement) {
    uint32_t cps[12];
    int n = S_decode(s, len, cps, 12);
    if (n <= 0) return false;
    /* lower case, toneless, remembering where the one tone mark was */
    char plain[VB_SYL_MAX_BYTES + 8];
    size_t plen = 0;
    int tone = 0, tone_at = -1;
    for (int i = 0; i < n; i++) {
        uint32_t base;
        int t;
        bool up;
        if (!vb_syl_letter(cps[i], &base, &t, &up)) return false;
        if (t) {
            if (tone_at >= 0) return false;
            tone = t;
            tone_at = i;
        }
        if (plen + 4 > sizeof plain) return false;
        plen += (size_t)vb_utf8_encode(base, plain + plen);
    }
    /* the longest onset that leaves a rhyme, honouring the spelling rules */
    for (int pass = 0; pass < 2; pass++)
        for (size_t oi = NONSETS; oi-- > 0;) {
            const char *on = ONSETS[oi];
            int m = S_onset_prefix(plain, plen, on);
            if (m < 0) continue;
            size_t olen = (size_t)m;
            if ((pass == 0) != (olen >= 2)) continue; /* digraphs before single letters */
            int ri = S_find_rhyme(plain + olen, plen - olen);
            if (ri < 0) continue;
            vb_syllable syl = {(uint8_t)oi, (uint8_t)ri, (uint8_t)tone};
            if (!vb_syl_combines(syl)) continue;
            int ocps = S_decode(on, olen, cps, 12);
            int place = VB_SYL_PLACE_ANY;
            if (tone) {
                int at = tone_at - ocps;
                int p0 = S_tone_position(RHYMES[ri], VB_SYL_STYLE_HOA_O);
                int p1 = S_tone_position(RHYMES[ri], VB_SYL_STYLE_HOA_A);
                if (at != p0 && at != p1) continue;
                if (p0 != p1) place = at == p0 ? VB_SYL_PLACE_HOA_O : VB_SYL_PLACE_HOA_A;
            }
            if (out) *out = syl;
            if (placement) *placement = place;
            return true;
        }
    return false;
}

bool vb_syl_is_valid(const char *s, size_t len) { return vb_syl_parse(s, len, NULL, NULL); }

size_t vb_syl_enumerate(vb_syl_style style, vb_syl_visit fn, void *ctx) {
    size_t count = 0;
    char text[VB_SYL_MAX_BYTES];
    for (size_t o = 0; o < NONSETS; o++)
        for (size_t r = 0; r < NRHYMES; r++)
            for (int t = 0; t < VB_SYL_NTONES; t++) {
                vb_syllable syl = {(uint8_t)o, (uint8_t)r, (uint8_t)t};
                if (!vb_syl_combines(syl)) continue;
                size_t n = vb_syl_compose(syl, style, text);
                /* "gi" + "a" and "g" + "ia"... are spelt alike: visit once */
                vb_syllable back;
                if (!vb_syl_parse(text, n, &back, NULL) || back.onset != syl.onset ||
                    back.rhyme != syl.rhyme)
                    continue;
                if (fn) fn(&syl, text, n, ctx);
                count++;
            }
    return count;
}
