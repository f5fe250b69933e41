/* The model's text patterns, compiled once (see patterns.h). */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "patterns.h"

#include <pcre2.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A word boundary that knows Vietnamese letters (\b would too under UCP, but
 * this also refuses a following digit). */
#define END_WORD "(?![\\p{L}\\p{N}])"
/* A speck an OCR engine reads from dirt on the page: punctuation, a symbol
 * or a modifier letter ("ˆ"), but not a list marker, a bracket or a
 * quotation mark, which begin text ("“Chương II" opens a quoted chapter of
 * an amended act). */
#define SPECK "(?:(?![-+*•–—(\\[\"'\\p{Pi}\\p{Pf}])[\\p{P}\\p{S}\\p{Lm}])"
#define ORDINAL "(?:nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười)"

static const struct {
    const char *source;
    uint32_t flags;
} S_sources[VB_PAT__COUNT] = {
    /* the division words come from the lexicon (S_built_source) */
    [VB_PAT_PART] = {NULL, PCRE2_CASELESS},
    [VB_PAT_CHAPTER] = {NULL, PCRE2_CASELESS},
    [VB_PAT_CHAPTER_OCR] = {NULL, PCRE2_CASELESS},
    [VB_PAT_SUBCHAPTER] = {NULL, PCRE2_CASELESS},
    [VB_PAT_ARTICLE] = {NULL, PCRE2_CASELESS},
    [VB_PAT_ROMAN] = {"^([IVXL]{1,7})\\s?([.)])\\s*(?=\\S)", 0},
    [VB_PAT_ROMAN_LOOSE] = {"^([IVXLl1]{1,7})\\s?([.,])\\s+(?=\\p{Lu})", 0},
    [VB_PAT_MULTILEVEL] = {"^(\\d{1,2}(?:\\.\\d{1,2}){1,4})(?:(\\.)\\s*(?=[^\\s\\d])|\\s+(?=\\p{Lu}))", 0},
    [VB_PAT_DECIMAL] = {"^(\\d{1,2})\\s?([.)])\\s*(?=[^\\s\\d])", 0},
    [VB_PAT_LETTER] = {"^([a-zđ])\\)\\s*(?=\\S)", 0},
    [VB_PAT_LIST_ITEM] = {"^([-+*•–])(?:\\s+(?=\\S)|(?=[^\\s\\d\\-+*•–]))", 0},
    [VB_PAT_APPENDIX] = {NULL, PCRE2_CASELESS},    /* built: S_built_source */
    [VB_PAT_RECIPIENTS] = {NULL, PCRE2_CASELESS}, /* built: S_built_source */
    /* VB_PAT_SIGNER_ROLE and VB_PAT_DOC_TYPE are built from the lexicon (S_built_source) */
    [VB_PAT_SIGNER_NAME] = {"^\\p{Lu}\\p{Ll}*(?:\\s+\\p{Lu}\\p{Ll}*){1,5}\\s*$", 0},
    [VB_PAT_MOTTO1] = {"CỘNG\\s+H(?:ÒA|OÀ|OA)\\s+XÃ\\s+HỘI\\s+CHỦ\\s+NGHĨA\\s+VIỆT\\s+NAM",
                       PCRE2_CASELESS},
    /* a letter of each syllable may be damaged by OCR, or its marks lost: a
     * header's motto, but too loose to say that a header starts */
    [VB_PAT_MOTTO1_LOOSE] = {"C\\S{1,2}NG\\s+H\\S{1,3}\\s+X\\S\\s+H\\S{1,2}I\\s+CH\\S\\s+NGH\\S{1,2}A\\s+VI\\S{1,2}T"
                       "\\s+NAM", PCRE2_CASELESS},
    [VB_PAT_MOTTO2] = {"Độc\\s+lập\\s*[-–—]\\s*Tự\\s+do\\s*[-–—]\\s*Hạnh\\s+phúc", PCRE2_CASELESS},
    /* "Số:" or "Luật số:"; a code part starts with a capital and may hold small
     * letters: TTg, TTr, CTr, QyĐ (\p{Lu} stays a capital under PCRE2_CASELESS) */
    [VB_PAT_NUMBER] = {NULL, PCRE2_CASELESS}, /* built: S_built_source */
    [VB_PAT_PLACE_DATE] = {"(\\p{L}[\\p{L} .\\-]*?)\\s*,\\s*ngày\\s*(\\d{1,2})?\\s*tháng\\s*"
                           "(\\d{1,2})?\\s*năm\\s*(\\d{4})", PCRE2_CASELESS},
    [VB_PAT_BODY_START] = {"^(?:căn\\s+cứ|thực\\s+hiện|xét\\b|theo\\s+đề\\s+nghị|để\\s|nhằm\\s"
                           "|trên\\s+cơ\\s+sở)", PCRE2_CASELESS},
    [VB_PAT_SEPARATOR] = {"^\\s*[-_*=—–.]{3,}\\s*$", 0},
    /* the gazette (Công báo) prints the section a text belongs to above its header */
    [VB_PAT_BANNER] = {"^\\s*VĂN\\s+BẢN\\s+(?:QUY\\s+PHẠM\\s+PHÁP\\s+LUẬT|PHÁP\\s+LUẬT\\s+KHÁC|HỢP\\s+NHẤT)\\s*[-–—:]?\\s*", 0},
};

/* The patterns whose words are the lexicon's lists, in capitals as a
 * header or a signature prints them; NULL for the others. */
static void S_word(vb_buf *b, const char *word) {
    const char *one[] = {word, NULL};
    vb_lex_pattern(b, one, false);
}

static char *S_built_source(int id) {
    vb_buf b = {0};
    switch (id) {
    case VB_PAT_PART:
        vb_buf_puts(&b, "^(");
        S_word(&b, vb_lex_division_word(VB_LEX_DIV_PART));
        vb_buf_puts(&b, ")\\s+(thứ\\s+" ORDINAL "|[IVXL]+|\\d{1,2})" END_WORD "\\s*(?:[.:\\-–]\\s*)?");
        break;
    case VB_PAT_CHAPTER:
        vb_buf_puts(&b, "^(");
        S_word(&b, vb_lex_division_word(VB_LEX_DIV_CHAPTER));
        vb_buf_puts(&b, ")\\s+([IVXL]+|\\d{1,3})" END_WORD "\\s*(?:[.:\\-–]\\s*)?");
        break;
    case VB_PAT_CHAPTER_OCR:
        /* the whole line: up to three specks before the word, any after the
         * numeral; the numeral as printed or as OCR misreads the strokes of
         * I ("l", "1", "|", "H" for two joined strokes) */
        vb_buf_puts(&b, "^(?:" SPECK "{1,3}\\s*){0,3}(");
        S_word(&b, vb_lex_division_word(VB_LEX_DIV_CHAPTER));
        vb_buf_puts(&b, ")\\s+((?-i:[IVXLHl1|]{1,6})|\\d{1,3})" END_WORD "(?:\\s*(?:" SPECK "|-))*\\s*$");
        break;
    case VB_PAT_SUBCHAPTER:
        vb_buf_puts(&b, "^(");
        S_word(&b, vb_lex_division_word(VB_LEX_DIV_SECTION));
        vb_buf_puts(&b, ")\\s+(\\d{1,3}|[IVXL]+)" END_WORD "\\s*(?:[.:\\-–]\\s*)?");
        break;
    case VB_PAT_ARTICLE:
        vb_buf_puts(&b, "^(");
        S_word(&b, vb_lex_division_word(VB_LEX_DIV_ARTICLE));
        vb_buf_puts(&b, ")\\s+(\\d{1,3}[a-z]?)\\s*[.:]\\s*");
        break;
    case VB_PAT_APPENDIX:
        vb_buf_puts(&b, "^(");
        S_word(&b, vb_lex_division_word(VB_LEX_DIV_APPENDIX));
        vb_buf_puts(&b, ")(?:\\s+(?:số\\s*)?(\\d{1,3}[a-z]?|[IVXL]{1,6}|[A-Z]))?" END_WORD
                        "\\s*(?:[.:\\-–]\\s*)?");
        break;
    case VB_PAT_RECIPIENTS:
        vb_buf_puts(&b, "^(");
        vb_lex_pattern(&b, vb_lex_recipients_marks, false);
        vb_buf_puts(&b, ")\\s*:?\\s*");
        break;
    case VB_PAT_SIGNER_ROLE: /* TM. / KT. ... or an office in capitals */
        vb_buf_puts(&b, "^(?:(?:");
        vb_lex_pattern(&b, vb_lex_signer_prefixes, true);
        vb_buf_puts(&b, ")\\s*[.,]\\s*\\p{Lu}|(?:PHÓ\\s+)?(?:");
        vb_lex_pattern(&b, vb_lex_signer_offices, true);
        vb_buf_puts(&b, ")" END_WORD ")");
        break;
    case VB_PAT_NUMBER:
        vb_buf_puts(&b, "^(?:(?:");
        vb_lex_pattern(&b, vb_lex_types_named_in_number, false);
        vb_buf_puts(&b, ")\\s+)?"
                        "số\\s*:\\s*(\\d*)\\s*/\\s*((?:\\d{4}\\s*/\\s*)?[\\p{Lu}\\d][\\p{L}\\d]*"
                        "(?:\\s*[-–]\\s*[\\p{Lu}\\d][\\p{L}\\d]*)*)\\s*");
        break;
    case VB_PAT_DOC_TYPE: /* alone on its line, in capitals */
        vb_buf_puts(&b, "^(");
        vb_lex_doc_type_pattern(&b, true);
        vb_buf_puts(&b, ")\\s*:?(?:\\d{1,2}|\\*{1,3})?\\s*$");
        break;
    default:
        return NULL;
    }
    return vb_buf_detach(&b, NULL);
}

typedef struct {
    pcre2_code *code[VB_PAT__COUNT];
} pattern_set;

/* Written once under pthread_once, read-only afterwards. */
static pattern_set S_set;
static pthread_once_t S_once = PTHREAD_ONCE_INIT;

static void S_compile_all(void) {
    for (int i = 0; i < VB_PAT__COUNT; i++) {
        int errcode;
        PCRE2_SIZE erroff;
        char *built = S_built_source(i);
        pcre2_code *re = pcre2_compile((PCRE2_SPTR)(built ? built : S_sources[i].source), PCRE2_ZERO_TERMINATED,
                                       PCRE2_UTF | PCRE2_UCP | PCRE2_NO_UTF_CHECK | S_sources[i].flags,
                                       &errcode, &erroff, NULL);
        free(built);
        if (!re) {
            /* a bad built-in pattern is a programming error */
            PCRE2_UCHAR msg[256];
            pcre2_get_error_message(errcode, msg, sizeof msg);
            fprintf(stderr, "vanban: internal pattern %d: %s at %zu\n", i, (char *)msg,
                    (size_t)erroff);
            abort();
        }
        pcre2_jit_compile(re, PCRE2_JIT_COMPLETE); /* falls back to the interpreter if unavailable */
        S_set.code[i] = re;
    }
}

bool vb_pat_match_text(vb_pattern_id id, const char *s, size_t len, vb_pat_match *m) {
    pthread_once(&S_once, S_compile_all);
    pcre2_match_data *md = pcre2_match_data_create(VB_PAT_MAX_GROUPS, NULL);
    if (!md) abort();
    int rc = pcre2_match(S_set.code[id], (PCRE2_SPTR)s, len, 0, PCRE2_NO_UTF_CHECK, md, NULL);
    bool ok = rc >= 0 || rc == 0;
    if (rc >= 0) {
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        uint32_t n = pcre2_get_ovector_count(md);
        m->start = ov[0];
        m->end = ov[1];
        for (int g = 1; g < VB_PAT_MAX_GROUPS; g++) {
            if ((uint32_t)g < n && (int)g < rc && ov[2 * g] != PCRE2_UNSET) {
                m->group_start[g] = ov[2 * g];
                m->group_end[g] = ov[2 * g + 1];
            } else {
                m->group_start[g] = m->group_end[g] = SIZE_MAX;
            }
        }
    } else {
        ok = false;
    }
    pcre2_match_data_free(md);
    return ok;
}

bool vb_pat_group_set(const vb_pat_match *m, int g) {
    return g > 0 && g < VB_PAT_MAX_GROUPS && m->group_start[g] != SIZE_MAX;
}

const char *vb_pat_group(vb_arena *arena, const char *s, const vb_pat_match *m, int g) {
    if (!vb_pat_group_set(m, g)) return NULL;
    return vb_arena_strndup(arena, s + m->group_start[g], m->group_end[g] - m->group_start[g]);
}

static const struct { const char *sym; int val; } S_roman[] = {
    {"L", 50}, {"XL", 40}, {"X", 10}, {"IX", 9}, {"V", 5}, {"IV", 4}, {"I", 1}};

size_t vb_roman_write(int value, char *out, size_t cap) {
    size_t b = 0;
    for (size_t k = 0; k < sizeof S_roman / sizeof S_roman[0]; k++)
        while (value >= S_roman[k].val && b + 3 < cap) {
            size_t n = strlen(S_roman[k].sym);
            memcpy(out + b, S_roman[k].sym, n);
            b += n;
            value -= S_roman[k].val;
        }
    if (cap) out[b < cap ? b : cap - 1] = '\0';
    return b;
}

int vb_roman_value(const char *s, size_t len) {
    int value = 0;
    size_t i = 0;
    for (size_t k = 0; k < sizeof S_roman / sizeof S_roman[0] && i < len;) {
        size_t n = strlen(S_roman[k].sym);
        if (i + n <= len && memcmp(s + i, S_roman[k].sym, n) == 0) {
            value += S_roman[k].val;
            i += n;
        } else {
            k++;
        }
    }
    if (i != len || value == 0) return 0;
    /* accept only the canonical spelling: write it back and compare */
    char back[32];
    size_t b = vb_roman_write(value, back, sizeof back);
    return b == len && memcmp(back, s, len) == 0 ? value : 0;
}
