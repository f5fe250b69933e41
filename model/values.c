/* Figures, dates and references as data (see values.h).
 *
 * Each kind of value has its own PCRE2 pattern (UTF + UCP), compiled and
 * JIT-compiled once per process under pthread_once and then only read.  A
 * TEXT node is scanned left to right: at each step the earliest match of any
 * pattern wins (ties go to the kind listed first), so "Quyết định số
 * 153/QĐ-TTg ngày 27/02/2023" is one reference and not a code, a date and
 * some numbers. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "values.h"

#include <pcre2.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucasemap.h>
#include <unicode/uchar.h>

/* ---- numbers ---- */

static bool S_add_digit(vb_number *n, char c) {
    if (n->mantissa > (INT64_MAX - 9) / 10) return false;
    n->mantissa = n->mantissa * 10 + (c - '0');
    return true;
}

static bool S_is_digit(char c) { return c >= '0' && c <= '9'; }

/* More decimals than any printed figure carries: such a run of digits is not
 * read as a number (and the count stays far from int overflow). */
#define MAX_NUMBER_DECIMALS 1000

bool vb_number_parse(const char *s, size_t len, vb_number *out) {
    memset(out, 0, sizeof *out);
    if (!len || !S_is_digit(s[0])) return false;
    size_t points = 0, commas = 0, last_point = 0, comma_at = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '.') {
            points++;
            last_point = i;
        } else if (s[i] == ',') {
            commas++;
            comma_at = i;
        } else if (!S_is_digit(s[i])) {
            return false;
        }
    }
    if (commas > 1 || (commas && comma_at + 1 >= len)) return false;
    if (commas && len - comma_at - 1 > MAX_NUMBER_DECIMALS) return false;
    size_t int_end = commas ? comma_at : len;
    if (points) {
        /* "1.000.000": a first group of one to three digits, then groups of three */
        bool thousands = true;
        size_t group = 0;
        bool first = true;
        for (size_t i = 0; i <= int_end; i++) {
            if (i == int_end || s[i] == '.') {
                if (first ? (group < 1 || group > 3) : group != 3) thousands = false;
                first = false;
                group = 0;
            } else {
                group++;
            }
        }
        if (!thousands) {
            /* "3.5", "40.0": a decimal point in the English way */
            if (points != 1 || commas || len - last_point - 1 > 2 || last_point == 0 ||
                last_point + 1 >= len)
                return false;
            for (size_t i = 0; i < len; i++) {
                if (s[i] == '.') continue;
                if (!S_add_digit(out, s[i])) return false;
            }
            out->decimals = (int)(len - last_point - 1);
            out->ambiguous = true;
            return true;
        }
    }
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '.' || s[i] == ',') continue;
        if (!S_add_digit(out, s[i])) return false;
        if (i > int_end) out->decimals++;
    }
    return true;
}

bool vb_number_from_plain(const char *s, vb_number *out) {
    memset(out, 0, sizeof *out);
    bool neg = *s == '-';
    if (neg) s++;
    if (!S_is_digit(*s)) return false;
    bool frac = false;
    for (; *s; s++) {
        if (*s == '.' && !frac) {
            frac = true;
            continue;
        }
        if (!S_is_digit(*s) || !S_add_digit(out, *s)) return false;
        if (frac && ++out->decimals > MAX_NUMBER_DECIMALS) return false;
    }
    if (neg) out->mantissa = -out->mantissa;
    return true;
}

const char *vb_number_string(vb_arena *arena, const vb_number *n) {
    int64_t m = n->mantissa;
    int d = n->decimals;
    while (d > 0 && m % 10 == 0) {
        m /= 10;
        d--;
    }
    /* the magnitude as unsigned: negating INT64_MIN would overflow */
    uint64_t magnitude = m < 0 ? 0 - (uint64_t)m : (uint64_t)m;
    char digits[24];
    snprintf(digits, sizeof digits, "%llu", (unsigned long long)magnitude);
    size_t len = strlen(digits);
    size_t decimals = d > 0 ? (size_t)d : 0;
    /* sized from the figure: a long run of decimals ("0,000…08") may be far
     * longer than the 19 digits of the mantissa */
    size_t cap = 1 + 2 + (decimals > len ? decimals : len) + 1;
    char *out = vb_arena_alloc(arena, cap + 1);
    size_t o = 0;
    if (m < 0) out[o++] = '-';
    if (decimals >= len) {
        out[o++] = '0';
        out[o++] = '.';
        memset(out + o, '0', decimals - len);
        o += decimals - len;
        memcpy(out + o, digits, len);
        o += len;
    } else {
        memcpy(out + o, digits, len - decimals);
        o += len - decimals;
        if (decimals) {
            out[o++] = '.';
            memcpy(out + o, digits + len - decimals, decimals);
            o += decimals;
        }
    }
    out[o] = '\0';
    return out;
}

const char *vb_number_scaled(vb_arena *arena, const vb_number *n, int64_t factor) {
    vb_number v = *n;
    while (v.decimals > 0 && factor % 10 == 0) {
        factor /= 10;
        v.decimals--;
    }
    if (__builtin_mul_overflow(v.mantissa, factor, &v.mantissa)) return NULL;
    return vb_number_string(arena, &v);
}

/* ---- numbers in words ---- */

static const struct {
    const char *word;
    int digit;      /* 0..9, or -1 */
    int64_t scale;  /* 10 (mươi/mười), 100, 1000 ... or 0 */
} S_number_words[] = {
    {"không", 0, 0}, {"một", 1, 0},  {"mốt", 1, 0},   {"hai", 2, 0},   {"ba", 3, 0},
    {"bốn", 4, 0},   {"tư", 4, 0},   {"năm", 5, 0},   {"lăm", 5, 0},   {"nhăm", 5, 0},
    {"sáu", 6, 0},   {"bảy", 7, 0},  {"bẩy", 7, 0},   {"tám", 8, 0},   {"chín", 9, 0},
    {"mười", -2, 10}, {"mươi", -1, 10}, {"trăm", -1, 100}, {"nghìn", -1, 1000},
    {"ngàn", -1, 1000}, {"triệu", -1, 1000000}, {"tỷ", -1, 1000000000},
    {"tỉ", -1, 1000000000}, {"linh", -1, 0}, {"lẻ", -1, 0}, {"đồng", -1, -1},
};

bool vb_number_words_parse(const char *s, size_t len, int64_t *out) {
    /* lower case through ICU: words come capitalised at the start */
    UErrorCode err = U_ZERO_ERROR;
    UCaseMap *cm = ucasemap_open("vi", 0, &err);
    if (U_FAILURE(err)) return false;
    char lower[1024];
    if (len >= sizeof lower) {
        ucasemap_close(cm);
        return false;
    }
    int32_t n = ucasemap_utf8ToLower(cm, lower, (int32_t)sizeof lower - 1, s, (int32_t)len, &err);
    ucasemap_close(cm);
    if (U_FAILURE(err) || n < 0 || n >= (int32_t)sizeof lower) return false;
    lower[n] = '\0';

    int64_t acc = 0, last_scale = 0; /* acc: everything before the current group */
    int64_t group = 0;               /* value below a thousand being read */
    int pending = -1;                /* a digit word waiting for its multiplier */
    bool tens_done = false, any = false, ended = false;
    for (char *p = lower; *p;) {
        while (*p == ' ' || *p == ',' || *p == '\t' || *p == '\n') p++;
        if (!*p) break;
        char *w = p;
        while (*p && *p != ' ' && *p != ',' && *p != '\t' && *p != '\n') p++;
        size_t wl = (size_t)(p - w);
        if (ended) return false;
        int k = -1;
        for (size_t i = 0; i < sizeof S_number_words / sizeof S_number_words[0]; i++)
            if (strlen(S_number_words[i].word) == wl && memcmp(S_number_words[i].word, w, wl) == 0) {
                k = (int)i;
                break;
            }
        if (k < 0) return false;
        any = true;
        int digit = S_number_words[k].digit;
        int64_t scale = S_number_words[k].scale;
        if (scale == -1) { /* đồng */
            ended = true;
            continue;
        }
        if (digit == -2) { /* mười: ten, with no digit before it */
            if (pending >= 0 || tens_done) return false;
            group += 10;
            tens_done = true;
            continue;
        }
        if (digit >= 0) {
            /* "hai chín" is 29: two digits in a row, the first is the tens */
            if (pending >= 0) {
                if (tens_done) return false;
                group += pending * 10;
                tens_done = true;
            }
            pending = digit;
            continue;
        }
        if (scale == 0) continue; /* linh, lẻ: no tens */
        if (scale == 10) { /* mươi */
            if (pending < 0 || tens_done) return false;
            group += pending * 10;
            pending = -1;
            tens_done = true;
            continue;
        }
        if (scale == 100) {
            if (pending < 0) return false;
            group += pending * 100;
            pending = -1;
            tens_done = false;
            continue;
        }
        /* nghìn, triệu, tỷ */
        if (pending >= 0) group += pending;
        pending = -1;
        tens_done = false;
        if (acc == 0 && group == 0) return false;
        if (acc == 0 || scale > last_scale) {
            if (__builtin_add_overflow(acc, group, &acc) || __builtin_mul_overflow(acc, scale, &acc))
                return false;
        } else {
            int64_t part;
            if (__builtin_mul_overflow(group, scale, &part) || __builtin_add_overflow(acc, part, &acc))
                return false;
        }
        last_scale = scale;
        group = 0;
    }
    if (!any) return false;
    if (pending >= 0) group += pending;
    if (__builtin_add_overflow(acc, group, &acc)) return false;
    *out = acc;
    return true;
}

/* ---- the patterns ---- */

typedef enum {
    K_REFERENCE,
    K_DATE,
    K_DEADLINE,
    K_PERIOD,
    K_AMOUNT,
    K_PERCENT,
    K_WORDS,
    K_NUMBER,
    K__COUNT
} value_kind;

/* A figure: "1.000.000", "5.595,966", "315,8", "3.5" (ambiguous), "96". */
#define NUM "(\\d{1,3}(?:\\.\\d{3})+(?:,\\d+)?|\\d+,\\d+|\\d+\\.\\d{1,2}(?!\\d|\\.\\d)|\\d+)"
/* a figure does not continue a word, a code, a list "5,6,7" or markup left
 * glued to a heading label ("2024****1.") */
#define NUM_START "(?<![\\p{L}\\p{N}_.,*\\-])"
#define NUM_END "(?![\\p{N}]|[.,]\\p{N})"
#define NOT_WORD "(?![\\p{L}\\p{N}])"
#define CODE "(\\d{1,5}(?:/\\d{4})?[/\\-]\\p{Lu}[\\p{L}\\p{N}]*(?:[\\-/][\\p{L}\\p{N}]+)*)"
#define SLASH_DATE "(\\d{1,2})[/.\\-](\\d{1,2})[/.\\-]((?:19|20)\\d{2})"
#define WORD_DATE "(?i:ngày)\\s*(\\d{1,2})\\s*(?i:tháng)\\s*(\\d{1,2})\\s*(?i:năm)\\s*(\\d{4})"
#define NUMBER_WORD                                                                                \
    "(?i:không|một|mốt|hai|ba|bốn|tư|năm|lăm|sáu|bảy|bẩy|tám|chín|mười|mươi|trăm|nghìn|ngàn"     \
    "|triệu|tỷ|tỉ|linh|lẻ)(?!\\p{L})"

static const char *const S_sources[K__COUNT] = {
    /* K_REFERENCE is built from the lexicon's document types (S_reference_source) */
    /* 1-3 d/m/y in words (blanks allowed), 4-6 d/m/y, 7-8 month/year */
    [K_DATE] = "(?<!\\p{L})(?i:ngày)[\\s.…_]*(\\d{1,2})?[\\s.…_]*(?i:tháng)[\\s.…_]*(\\d{1,2})?"
               "[\\s.…_]*(?i:năm)\\s*((?:19|20)\\d{2})(?!\\d)"
               "|" NUM_START SLASH_DATE "(?!\\d)"
               "|(?<!\\p{L})(?i:tháng)\\s+(\\d{1,2})\\s*/\\s*((?:19|20)\\d{2})(?!\\d)",
    /* 1 quarter, 2 year */
    [K_DEADLINE] = "(?<!\\p{L})(?i:quý)\\s+(IV|III|II|I|[1-4])\\s*(?:[/\\-–]|\\s(?i:năm)\\s)\\s*"
                   "((?:19|20)\\d{2})(?!\\d)",
    /* 1 from, 2 to */
    [K_PERIOD] = NUM_START "((?:19|20)\\d{2})\\s*[-–—]\\s*((?:19|20)\\d{2})(?!\\d)",
    /* 1 figure, 2 unit */
    [K_AMOUNT] = NUM_START NUM "\\s*((?:nghìn|ngàn|triệu|tỷ|tỉ)\\s+đồng|đồng|đ|tỷ|tỉ)" NOT_WORD,
    [K_PERCENT] = NUM_START NUM "\\s*(%|‰)",
    [K_WORDS] = "(?<!\\p{L})" NUMBER_WORD "(?:[\\s,]+" NUMBER_WORD ")*\\s+(?i:đồng)" NOT_WORD,
    /* 1 comparison, 2 figure, 3 unit */
    [K_NUMBER] = "(?:([≥≤<>])\\s*)?" NUM_START NUM NUM_END
                 "(?:\\s?(cm|mm|km|m²|m2|m|ha|kg)" NOT_WORD ")?",
};

#define MAX_GROUPS 10

static pcre2_code *S_code[K__COUNT];
static pthread_once_t S_once = PTHREAD_ONCE_INIT;

/* 1 type, 2 code, 3-5 d/m/y, 6-8 d/m/y in words; the type is one the
 * lexicon lists, in any case. */
static char *S_reference_source(void) {
    vb_buf b = {0};
    vb_buf_puts(&b, "(?<!\\p{L})(?:((?i:");
    vb_lex_doc_type_pattern(&b, false);
    vb_buf_puts(&b, "))\\s+(?:(?i:số)\\s*)?|(?i:số)\\s*)?" CODE NOT_WORD
                    "(?:\\s+(?i:ngày)\\s+" SLASH_DATE "|\\s+" WORD_DATE ")?");
    return vb_buf_detach(&b, NULL);
}

static void S_compile(void) {
    for (int i = 0; i < K__COUNT; i++) {
        int errcode;
        PCRE2_SIZE erroff;
        char *built = i == K_REFERENCE ? S_reference_source() : NULL;
        pcre2_code *re = pcre2_compile((PCRE2_SPTR)(built ? built : S_sources[i]), PCRE2_ZERO_TERMINATED,
                                       PCRE2_UTF | PCRE2_UCP | PCRE2_NO_UTF_CHECK, &errcode,
                                       &erroff, NULL);
        free(built);
        if (!re) {
            PCRE2_UCHAR msg[256];
            pcre2_get_error_message(errcode, msg, sizeof msg);
            fprintf(stderr, "vanban: internal value pattern %d: %s at %zu\n", i, (char *)msg,
                    (size_t)erroff);
            abort();
        }
        pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
        S_code[i] = re;
    }
}

/* ---- annotation ---- */

typedef struct {
    size_t start, end;
    size_t g[MAX_GROUPS][2]; /* SIZE_MAX when unset */
} span;

typedef struct {
    vb_doc *doc;
    pcre2_match_data *md;
    int64_t table_scale;   /* the table's "Đơn vị tính" for money cells, 0 if none */
    bool money_cell;       /* the text being read is a figure cell of such a table */
    size_t len;            /* length of the text being read */
} ctx;

static bool S_match(ctx *c, value_kind k, const char *s, size_t len, size_t from, span *out) {
    int rc = pcre2_match(S_code[k], (PCRE2_SPTR)s, len, from, PCRE2_NO_UTF_CHECK, c->md, NULL);
    if (rc < 0) return false;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(c->md);
    uint32_t n = pcre2_get_ovector_count(c->md);
    out->start = ov[0];
    out->end = ov[1];
    for (uint32_t i = 1; i < MAX_GROUPS; i++) {
        if (i < n && (int)i < rc && ov[2 * i] != PCRE2_UNSET) {
            out->g[i][0] = ov[2 * i];
            out->g[i][1] = ov[2 * i + 1];
        } else {
            out->g[i][0] = out->g[i][1] = SIZE_MAX;
        }
    }
    return true;
}

static bool S_set(const span *m, int g) { return m->g[g][0] != SIZE_MAX; }

static const char *S_group(ctx *c, const char *s, const span *m, int g) {
    if (!S_set(m, g)) return NULL;
    return vb_arena_strndup(c->doc->arena, s + m->g[g][0], m->g[g][1] - m->g[g][0]);
}

static int S_group_int(const char *s, const span *m, int g) {
    if (!S_set(m, g)) return 0;
    int v = 0;
    for (size_t i = m->g[g][0]; i < m->g[g][1]; i++)
        if (S_is_digit(s[i])) v = v * 10 + (s[i] - '0');
    return v;
}

static const char *S_iso(ctx *c, int y, int m, int d) {
    if (!y) return NULL;
    if (m < 0 || m > 12 || d < 0 || d > 31) return NULL;
    if (!m) return vb_arena_printf(c->doc->arena, "%04d", y);
    if (!d) return vb_arena_printf(c->doc->arena, "%04d-%02d", y, m);
    return vb_arena_printf(c->doc->arena, "%04d-%02d-%02d", y, m, d);
}

/* The document type as the attribute spells it: "Quyết định" for "QUYẾT ĐỊNH". */
static const char *S_canonical_type(const char *printed) {
    const vb_lex_doc_type *t = printed ? vb_lex_doc_type_of(printed, strlen(printed)) : NULL;
    return t ? t->name : NULL;
}

static int64_t S_unit_scale(const char *unit) {
    if (!unit) return 1;
    if (strncmp(unit, "nghìn", strlen("nghìn")) == 0 || strncmp(unit, "ngàn", strlen("ngàn")) == 0)
        return 1000;
    if (strncmp(unit, "triệu", strlen("triệu")) == 0) return 1000000;
    if (strncmp(unit, "tỷ", strlen("tỷ")) == 0 || strncmp(unit, "tỉ", strlen("tỉ")) == 0)
        return 1000000000;
    return 1;
}

static void S_attr(ctx *c, vb_node *n, const char *name, const char *value) {
    if (value) vb_node_set_attr(c->doc, n, name, value);
}

/* The issuer a code names: "153/QĐ-TTg" the Prime Minister, "45-NQ/TW" the
 * Party's Central Committee, "10/2023/NQ-HĐND" a People's Council. */
static const char *S_issuer_of_code(const char *code) {
    /* party style "45-NQ/TW": after the last '/'; state style "153/QĐ-TTg":
     * after the last '-' */
    const char *slash = strrchr(code, '/'), *dash = strrchr(code, '-');
    const char *who = dash && (!slash || dash > slash) ? dash + 1 : slash ? slash + 1 : NULL;
    if (!who || !*who) return NULL;
    static const struct { const char *abbr, *name; } issuers[] = {
        {"TTg", "Thủ tướng Chính phủ"}, {"CP", "Chính phủ"}, {"VPCP", "Văn phòng Chính phủ"},
        {"QH", "Quốc hội"}, {"UBTVQH", "Ủy ban Thường vụ Quốc hội"},
        {"UBND", "Ủy ban nhân dân"}, {"HĐND", "Hội đồng nhân dân"}, {"HDND", "Hội đồng nhân dân"},
        {"TW", "Ban Chấp hành Trung ương"}, {"TƯ", "Ban Chấp hành Trung ương"}, {"TU", "Tỉnh ủy"},
        {"ThU", "Thành ủy"}, {"HU", "Huyện ủy"}, {"BYT", "Bộ Y tế"}, {"BTC", "Bộ Tài chính"},
        {"BNV", "Bộ Nội vụ"}, {"BKHĐT", "Bộ Kế hoạch và Đầu tư"}, {"BGDĐT", "Bộ Giáo dục và Đào tạo"},
        {"BLĐTBXH", "Bộ Lao động - Thương binh và Xã hội"}, {"BTNMT", "Bộ Tài nguyên và Môi trường"},
        {"BXD", "Bộ Xây dựng"}, {"BCA", "Bộ Công an"}, {"BQP", "Bộ Quốc phòng"},
        {"BTTTT", "Bộ Thông tin và Truyền thông"}, {"BCT", "Bộ Công Thương"}, {"BTP", "Bộ Tư pháp"},
        {"BNNPTNT", "Bộ Nông nghiệp và Phát triển nông thôn"}, {"BKHCN", "Bộ Khoa học và Công nghệ"},
        {"BVHTTDL", "Bộ Văn hóa, Thể thao và Du lịch"}, {"NHNN", "Ngân hàng Nhà nước"},
        {"BHXH", "Bảo hiểm xã hội"}, {"SYT", "Sở Y tế"}, {"STC", "Sở Tài chính"},
        {"BCĐ", "Ban Chỉ đạo"}, {"BCSĐ", "Ban cán sự đảng"}, {"BTV", "Ban Thường vụ"}};
    for (size_t i = 0; i < sizeof issuers / sizeof issuers[0]; i++)
        if (strcmp(who, issuers[i].abbr) == 0) return issuers[i].name;
    return NULL;
}

/* "... 346-BC/TU của Ban Thường vụ Tỉnh ủy về ...": the issuer the text
 * names right after the reference, up to "về", a comma or a bracket. */
static const char *S_issuer_in_text(ctx *c, const char *s, size_t len, size_t end) {
    static const char of[] = " của ";
    if (end + strlen(of) >= len || strncmp(s + end, of, strlen(of)) != 0) return NULL;
    size_t from = end + strlen(of), to = from;
    while (to < len && to - from < 80) {
        if (s[to] == ',' || s[to] == ';' || s[to] == '(' || s[to] == '.' || s[to] == ')') break;
        if (strncmp(s + to, " về ", strlen(" về ")) == 0 || strncmp(s + to, " ngày ", strlen(" ngày ")) == 0 ||
            strncmp(s + to, " và ", strlen(" và ")) == 0 || strncmp(s + to, " tại ", strlen(" tại ")) == 0)
            break;
        to++;
    }
    /* the name and its place, not what the body did: words in capitals or
     * words of names ("Ủy ban nhân dân tỉnh Thanh Hóa", "Ban Thường vụ Tỉnh
     * ủy"), up to the first other word ("UBND tỉnh sửa đổi ...") */
    static const char *const name_words[] = {"tỉnh", "thành", "phố", "huyện", "xã", "phường", "quận",
                                             "thị", "nhân", "dân", "ban", "thường", "vụ", "chấp",
                                             "hành", "trung", "ương", "chính", "phủ", "tướng", "tế",
                                             "ủy", "uỷ", "và", "hội", "đồng", "quốc", "nhà", "nước",
                                             "đảng", "an", "tư", "y", "hoạch", "tịch", "bí", "thư", "trị"};
    size_t keep = from;
    for (size_t w = from; w < to;) {
        size_t e = w;
        while (e < to && s[e] != ' ') e++;
        /* "UBND tỉnh ban hành Quy định ...": what it did, not who */
        if (strncmp(s + w, "ban hành", strlen("ban hành")) == 0 || strncmp(s + w, "Quy ", 4) == 0 ||
            strncmp(s + w, "Chương ", strlen("Chương ")) == 0)
            break;
        uint32_t first;
        bool ok = vb_utf8_decode((const unsigned char *)s + w, e - w, &first) > 0 && u_isupper((UChar32)first);
        for (size_t k = 0; !ok && k < sizeof name_words / sizeof name_words[0]; k++)
            ok = e - w == strlen(name_words[k]) && strncmp(s + w, name_words[k], e - w) == 0;
        if (!ok) break;
        keep = e;
        w = e;
        while (w < to && s[w] == ' ') w++;
    }
    to = keep;
    while (to > from && (s[to - 1] == ' ' || s[to - 1] == '\t')) to--;
    if (to == from || to - from >= 80) return NULL;
    /* a body's name starts with a capital ("Ủy ban", "Bộ", "Thủ tướng") */
    uint32_t cp;
    if (vb_utf8_decode((const unsigned char *)s + from, len - from, &cp) <= 0 || !u_isupper((UChar32)cp))
        return NULL;
    return vb_arena_strndup(c->doc->arena, s + from, to - from);
}

/* Fills the DATA node for a match of kind k. */
static bool S_describe(ctx *c, value_kind k, const char *s, const span *m, vb_node *data) {
    vb_arena *a = c->doc->arena;
    vb_number num;
    switch (k) {
    case K_REFERENCE: {
        S_attr(c, data, "kind", "reference");
        const char *printed = S_group(c, s, m, 1);
        const char *type = S_canonical_type(printed);
        S_attr(c, data, "type", type ? type : printed);
        const char *code = S_group(c, s, m, 2);
        S_attr(c, data, "code", code);
        size_t digits = 0;
        while (S_is_digit(code[digits])) digits++;
        S_attr(c, data, "number", vb_arena_strndup(a, code, digits));
        int d = S_group_int(s, m, 3) + S_group_int(s, m, 6);
        int mo = S_group_int(s, m, 4) + S_group_int(s, m, 7);
        int y = S_group_int(s, m, 5) + S_group_int(s, m, 8);
        /* "10/2023/NQ-HĐND": the year is in the code */
        if (!y) {
            const char *slash = strchr(code, '/');
            if (slash && S_is_digit(slash[1]) && strlen(slash) > 5 && slash[5] == '/')
                S_attr(c, data, "year", vb_arena_strndup(a, slash + 1, 4));
        }
        S_attr(c, data, "iso", S_iso(c, y, mo, d));
        const char *issuer = S_issuer_of_code(code);
        S_attr(c, data, "issuer", issuer);
        /* "UBND" names a kind of body; the text may say which one */
        const char *named = S_issuer_in_text(c, s, c->len, m->end);
        static const char *const bodies[] = {"UBND", "HĐND", "Chủ tịch", "Ban Bí thư", "Bộ Chính trị",
                                             "Ban Thường vụ", "Ban Chấp hành"};
        bool same_body = named && (!issuer || strncmp(named, issuer, strlen(issuer)) == 0);
        for (size_t k = 0; named && !same_body && k < sizeof bodies / sizeof bodies[0]; k++)
            same_body = strncmp(named, bodies[k], strlen(bodies[k])) == 0;
        if (same_body)
            S_attr(c, data, "issuer", named);
        return true;
    }
    case K_DATE: {
        S_attr(c, data, "kind", "date");
        int d, mo, y;
        if (S_set(m, 3)) {
            d = S_group_int(s, m, 1);
            mo = S_group_int(s, m, 2);
            y = S_group_int(s, m, 3);
            if (!S_set(m, 1) || !S_set(m, 2)) S_attr(c, data, "blank", !S_set(m, 2) ? "day month" : "day");
            if (!S_set(m, 2)) d = 0;
        } else if (S_set(m, 6)) {
            d = S_group_int(s, m, 4);
            mo = S_group_int(s, m, 5);
            y = S_group_int(s, m, 6);
        } else {
            d = 0;
            mo = S_group_int(s, m, 7);
            y = S_group_int(s, m, 8);
        }
        const char *iso = S_iso(c, y, mo, d);
        if (!iso) return false;
        S_attr(c, data, "iso", iso);
        return true;
    }
    case K_DEADLINE: {
        S_attr(c, data, "kind", "deadline");
        const char *q = S_group(c, s, m, 1);
        int quarter = q[0] >= '1' && q[0] <= '4' ? q[0] - '0'
                      : strcmp(q, "IV") == 0     ? 4
                                                 : (int)strlen(q);
        S_attr(c, data, "quarter", vb_arena_printf(a, "%d", quarter));
        S_attr(c, data, "year", S_group(c, s, m, 2));
        /* the last day of the quarter: what "by Quý III/2026" means */
        static const char *const ends[] = {"", "03-31", "06-30", "09-30", "12-31"};
        S_attr(c, data, "iso", vb_arena_printf(a, "%s-%s", S_group(c, s, m, 2), ends[quarter]));
        return true;
    }
    case K_PERIOD:
        if (S_group_int(s, m, 2) < S_group_int(s, m, 1)) return false;
        S_attr(c, data, "kind", "period");
        S_attr(c, data, "from", S_group(c, s, m, 1));
        S_attr(c, data, "to", S_group(c, s, m, 2));
        return true;
    case K_AMOUNT: {
        if (!vb_number_parse(s + m->g[1][0], m->g[1][1] - m->g[1][0], &num)) return false;
        const char *unit = S_group(c, s, m, 2);
        int64_t scale = S_unit_scale(unit);
        S_attr(c, data, "kind", "amount");
        S_attr(c, data, "value", vb_number_scaled(a, &num, scale));
        S_attr(c, data, "unit", "đồng");
        if (scale != 1) S_attr(c, data, "scale", unit);
        if (num.ambiguous) S_attr(c, data, "ambiguous", "true");
        return true;
    }
    case K_PERCENT:
        if (!vb_number_parse(s + m->g[1][0], m->g[1][1] - m->g[1][0], &num)) return false;
        S_attr(c, data, "kind", "percent");
        S_attr(c, data, "value", vb_number_string(a, &num));
        S_attr(c, data, "unit", S_group(c, s, m, 2));
        if (num.ambiguous) S_attr(c, data, "ambiguous", "true");
        return true;
    case K_WORDS: {
        int64_t v;
        if (!vb_number_words_parse(s + m->start, m->end - m->start, &v)) return false;
        S_attr(c, data, "kind", "amount");
        S_attr(c, data, "value", vb_arena_printf(a, "%lld", (long long)v));
        S_attr(c, data, "unit", "đồng");
        S_attr(c, data, "words", "true");
        return true;
    }
    case K_NUMBER: {
        if (!vb_number_parse(s + m->g[2][0], m->g[2][1] - m->g[2][0], &num)) return false;
        if (c->money_cell && !S_set(m, 1) && !S_set(m, 3)) {
            S_attr(c, data, "kind", "amount");
            S_attr(c, data, "value", vb_number_scaled(a, &num, c->table_scale));
            S_attr(c, data, "unit", "đồng");
            S_attr(c, data, "scale", vb_arena_printf(a, "%lld", (long long)c->table_scale));
        } else {
            S_attr(c, data, "kind", "number");
            S_attr(c, data, "value", vb_number_string(a, &num));
            S_attr(c, data, "cmp", S_group(c, s, m, 1));
            S_attr(c, data, "unit", S_group(c, s, m, 3));
        }
        if (num.ambiguous) S_attr(c, data, "ambiguous", "true");
        return true;
    }
    case K__COUNT: break;
    }
    return false;
}

static vb_node *S_text_node(ctx *c, const char *s, size_t len) {
    vb_node *t = vb_node_new(c->doc, VB_NODE_TEXT, 0);
    t->text = s;
    t->len = len;
    return t;
}

/* Splits one TEXT node around the values it holds. */
static void S_annotate_text(ctx *c, vb_node *t) {
    const char *s = t->text;
    size_t len = t->len;
    c->len = len;
    span next[K__COUNT];
    bool have[K__COUNT];
    bool done[K__COUNT] = {0};
    size_t pos = 0, copied = 0;
    for (int k = 0; k < K__COUNT; k++) have[k] = false;
    while (pos < len) {
        int best = -1;
        for (int k = 0; k < K__COUNT; k++) {
            if (done[k]) continue;
            if (!have[k] || next[k].start < pos) {
                have[k] = S_match(c, (value_kind)k, s, len, pos, &next[k]);
                if (!have[k]) {
                    done[k] = true;
                    continue;
                }
            }
            if (best < 0 || next[k].start < next[best].start) best = k;
        }
        if (best < 0) break;
        span m = next[best];
        have[best] = false;
        if (m.end == m.start) {
            pos = m.start + 1;
            continue;
        }
        vb_node *data = vb_node_new(c->doc, VB_NODE_DATA, 0);
        if (!S_describe(c, (value_kind)best, s, &m, data)) {
            /* not a value after all: look again just after its start */
            pos = m.start + 1;
            while (pos < len && ((unsigned char)s[pos] & 0xC0) == 0x80) pos++;
            continue;
        }
        if (m.start > copied)
            vb_node_add_before(c->doc, t, S_text_node(c, s + copied, m.start - copied));
        vb_node_add(c->doc, data, S_text_node(c, s + m.start, m.end - m.start));
        vb_node_add_before(c->doc, t, data);
        copied = pos = m.end;
    }
    if (copied == 0) return;
    if (copied < len) {
        t->text = s + copied;
        t->len = len - copied;
    } else {
        vb_node_unlink(t);
    }
}

/* The inline content under n (a block), TEXT nodes annotated in place. */
static void S_annotate_inlines(ctx *c, vb_node *n) {
    for (vb_node *child = n->first_child; child;) {
        vb_node *next = child->next;
        if (child->type == VB_NODE_TEXT) S_annotate_text(c, child);
        else if (child->type != VB_NODE_REPAIR && child->type != VB_NODE_DATA &&
                 child->type != VB_NODE_LINEBREAK && child->type != VB_NODE_NOTE_REF)
            S_annotate_inlines(c, child);
        child = next;
    }
}

/* Links an amount in words to the figure it repeats: the nearest amount
 * in digits before it in the same block. */
static void S_link_words(ctx *c, vb_node *block) {
    vb_iter it;
    vb_iter_init(&it, block);
    vb_event ev;
    vb_node *last_digits = NULL;
    while ((ev = vb_iter_next(&it)) != VB_EVENT_DONE) {
        vb_node *n = (vb_node *)vb_iter_node(&it);
        if (ev != VB_EVENT_ENTER || n->type != VB_NODE_DATA) continue;
        const char *kind = vb_node_get_attr(n, "kind");
        if (!kind || strcmp(kind, "amount") != 0) continue;
        if (vb_node_get_attr(n, "words")) {
            if (last_digits)
                vb_node_set_attr(c->doc, n, "words-of", vb_node_text(c->doc, last_digits));
            last_digits = NULL;
        } else {
            last_digits = n;
        }
    }
}

/* "Đơn vị tính: 1000 đồng" / "ĐVT: triệu đồng" in the paragraph before a
 * table: the factor that turns its figures into đồng. */
static int64_t S_table_unit(ctx *c, const vb_node *table) {
    const vb_node *p = table->prev;
    if (!p || p->type != VB_NODE_PARAGRAPH) return 0;
    const char *text = vb_node_text_scratch(c->doc, p);
    const char *colon = strchr(text, ':');
    if (!colon || (strncmp(text, "Đơn vị tính", strlen("Đơn vị tính")) != 0 &&
                   strncmp(text, "ĐVT", strlen("ĐVT")) != 0 &&
                   strncmp(text, "(Đơn vị tính", strlen("(Đơn vị tính")) != 0))
        return 0;
    const char *u = colon + 1;
    while (*u == ' ') u++;
    int64_t factor = 1;
    if (S_is_digit(*u)) {
        vb_number n;
        size_t k = 0;
        while (S_is_digit(u[k]) || u[k] == '.') k++;
        if (!vb_number_parse(u, k, &n) || n.decimals) return 0;
        factor = n.mantissa;
        u += k;
        while (*u == ' ') u++;
    }
    int64_t scale = S_unit_scale(u);
    if (scale == 1 && strncmp(u, "đồng", strlen("đồng")) != 0 && strncmp(u, "đ", strlen("đ")) != 0)
        return 0;
    return factor * scale;
}


/* The whole text of a cell as one value: its type and value attributes. */
static void S_type_cell(ctx *c, vb_node *cell) {
    const vb_node *only = NULL;
    size_t datas = 0;
    bool other_text = false;
    for (const vb_node *k = cell->first_child; k; k = k->next) {
        if (k->type == VB_NODE_DATA) {
            only = k;
            datas++;
        } else if (k->type == VB_NODE_TEXT) {
            for (size_t i = 0; i < k->len; i++)
                if (k->text[i] != ' ' && k->text[i] != '\t' && k->text[i] != ':') other_text = true;
        } else {
            other_text = true;
        }
    }
    const char *text = vb_node_text_scratch(c->doc, cell);
    if (datas == 0) {
        /* "Hằng năm", "Thường xuyên": a recurrence, no date */
        vb_deadline d;
        if (vb_deadline_parse(text, strlen(text), &d) && !d.year && strlen(text) < 40) {
            vb_node_set_attr(c->doc, cell, "type", "deadline");
            vb_node_set_attr(c->doc, cell, "value", d.kind);
            vb_node_set_attr(c->doc, cell, "deadline", d.kind);
        }
        return;
    }
    if (datas != 1 || other_text) return;
    const char *kind = vb_node_get_attr(only, "kind");
    const char *value = vb_node_get_attr(only, "value");
    const char *type = kind;
    if (strcmp(kind, "amount") == 0) type = "money";
    else if (strcmp(kind, "number") == 0) {
        if (vb_node_get_attr(only, "cmp") || vb_node_get_attr(only, "unit")) type = "quantity";
        else if (strchr(value, '.')) type = "decimal";
        else if (strlen(value) == 4 && (strncmp(value, "19", 2) == 0 || strncmp(value, "20", 2) == 0))
            type = "year";
        else type = "integer";
    }
    vb_node_set_attr(c->doc, cell, "type", type);
    if (value) vb_node_set_attr(c->doc, cell, "value", value);
    else if (vb_node_get_attr(only, "iso")) vb_node_set_attr(c->doc, cell, "value", vb_node_get_attr(only, "iso"));
    else if (vb_node_get_attr(only, "from")) /* a period, as an ISO 8601 interval of years */
        vb_node_set_attr(c->doc, cell, "value",
                         vb_arena_printf(c->doc->arena, "%s/%s", vb_node_get_attr(only, "from"),
                                         vb_node_get_attr(only, "to")));
}

static void S_annotate_table(ctx *c, vb_node *table) {
    int64_t scale = S_table_unit(c, table);
    /* the column headers, to leave the row numbers alone */
    const char *index_col[64] = {0};
    for (vb_node *row = table->first_child; row; row = row->next) {
        if (row->as.row.kind != VB_ROW_HEADER) continue;
        int col = 0;
        for (vb_node *cell = row->first_child; cell; cell = cell->next) {
            if (col < 64 && vb_lex_header_names(vb_node_text_scratch(c->doc, cell), VB_LEX_COL_INDEX)) index_col[col] = "index";
            col += cell->as.cell.colspan;
        }
    }
    for (vb_node *row = table->first_child; row; row = row->next) {
        int col = 0;
        for (vb_node *cell = row->first_child; cell; cell = cell->next) {
            bool saved = c->money_cell;
            int64_t saved_scale = c->table_scale;
            c->money_cell = scale > 0 && row->as.row.kind != VB_ROW_HEADER && col > 0 &&
                            !(col < 64 && index_col[col]);
            c->table_scale = scale;
            {
                bool block_children = false;
                for (vb_node *k = cell->first_child; k; k = k->next)
                    if (!vb_node_is_inline(k->type)) block_children = true;
                if (block_children) {
                    for (vb_node *k = cell->first_child; k; k = k->next) {
                        if (k->type == VB_NODE_TABLE) S_annotate_table(c, k);
                        else S_annotate_inlines(c, k);
                    }
                } else {
                    S_annotate_inlines(c, cell);
                    if (row->as.row.kind != VB_ROW_HEADER) S_type_cell(c, cell);
                }
                S_link_words(c, cell);
            }
            c->money_cell = saved;
            c->table_scale = saved_scale;
            col += cell->as.cell.colspan;
        }
    }
    vb_columns_type(c->doc, table);
    vb_tasks_build(c->doc, table);
}

static void S_annotate_blocks(ctx *c, vb_node *n) {
    for (vb_node *child = n->first_child; child; child = child->next) {
        if (child->type == VB_NODE_TABLE) {
            S_annotate_table(c, child);
            vb_doc_scratch_release(c->doc); /* the texts its cells were read from */
        } else if (child->type == VB_NODE_TASKS) {
            /* copies of annotated cells */
        } else if (vb_node_is_inline(child->type)) {
            /* inline content of this block is handled by the caller */
        } else {
            bool has_inline = false;
            for (vb_node *k = child->first_child; k; k = k->next)
                if (vb_node_is_inline(k->type)) has_inline = true;
            if (has_inline) {
                S_annotate_inlines(c, child);
                S_link_words(c, child);
            }
            S_annotate_blocks(c, child);
        }
    }
}

void vb_values_annotate(vb_doc *doc) {
    pthread_once(&S_once, S_compile);
    ctx c = {.doc = doc};
    c.md = pcre2_match_data_create(MAX_GROUPS, NULL);
    if (!c.md) abort();
    S_annotate_blocks(&c, doc->root);
    pcre2_match_data_free(c.md);
    vb_doc_check_figures(doc);
}
