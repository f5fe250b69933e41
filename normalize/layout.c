/* Layout of text taken from PDFs or OCR: one block per printed line, page
 * furniture in the middle of the text.  Here the furniture leaves the flow
 * (running headers and footers, bare page numbers: counted in the report,
 * kept in the source as page header and footer blocks), the
 * e-signature stamp moves into the source's properties, and the printed
 * lines are joined back into paragraphs.  A joined paragraph keeps the range
 * of source lines it came from (line .. line_end), and each " " put between
 * two joined lines says so (run->joined_line), so that a table OCR flattened
 * into lines can be read line by line later. */
#include "encoding.h"
#include "../model/lexicon.h" /* the domain's words (no other part of the model) */

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

typedef struct {
    vb_block *block;
    const char *text; /* the block's text (arena) */
    size_t len;       /* bytes */
    size_t chars;     /* code points */
    bool removed;
    bool note;             /* a footnote's first line: may take continuation lines */
    bool furniture_before; /* page furniture was removed just before this line */
    bool header;           /* removed: a running header or footer line */
    bool page_number;      /* removed: a page number */
    bool gazette;          /* the official gazette's head is (or starts) this line */
    bool stamp;            /* removed: an e-signature stamp line, now a property */
} S_line;

static bool S_space(char c) { return c == ' ' || c == '\t'; }

static bool S_is_page_number(const char *s, size_t n) {
    size_t i = 0, digits = 0;
    while (i < n && (S_space(s[i]) || s[i] == '-')) i++;
    while (i < n && s[i] >= '0' && s[i] <= '9') i++, digits++;
    while (i < n && (S_space(s[i]) || s[i] == '-')) i++;
    return i == n && digits >= 1 && digits <= 4;
}

static bool S_prefix(const char *s, size_t n, const char *p) {
    size_t k = strlen(p);
    return n >= k && memcmp(s, p, k) == 0;
}

/* True when s + k starts with a number, Arabic or Roman ("5", "IV"). */
static bool S_number_at(const char *s, size_t n, size_t k) {
    return k < n && ((s[k] >= '0' && s[k] <= '9') || strchr("IVXL", s[k])) && s[k];
}

/* True when s[0..n) has no small letter. */
static bool S_all_capitals(const char *s, size_t n) {
    for (size_t i = 0; i < n;) {
        uint32_t c;
        int k = vb_utf8_decode((const unsigned char *)s + i, n - i, &c);
        if (k <= 0) return false;
        if (u_islower((UChar32)c)) return false;
        i += (size_t)k;
    }
    return true;
}

/* A line that opens a paragraph by its form: article, chapter, section,
 * numbered or lettered item, dash or bullet item.  The division words count
 * only with their number: "Điều 2 của Quy định" or "Chương trình" may be
 * the middle of a sentence wrapped onto a new line. */
/* A division word alone on its line ("Điều", "Chương"): a label whose
 * number the export put on the next line ("**Điều⏎3. **Quyết định ..."). */
static bool S_division_alone(const char *s, size_t n) {
    size_t k = 0;
    vb_lex_division d = vb_lex_division_at(s, n, &k);
    return d != VB_LEX_DIV_NONE && d != VB_LEX_DIV_APPENDIX && k == n;
}

static bool S_opens_paragraph(const char *s, size_t n) {
    size_t k = 0;
    vb_lex_division d = vb_lex_division_at(s, n, &k);
    if (d == VB_LEX_DIV_APPENDIX || S_division_alone(s, n)) return true;
    if (d != VB_LEX_DIV_NONE && k < n && s[k] == ' ' && S_number_at(s, n, k + 1)) {
        /* "ĐIỀU 5" in capitals is a heading */
        if (d != VB_LEX_DIV_ARTICLE || S_all_capitals(s, k)) return true;
        /* an article: "Điều 5." or "Điều 5:" */
        k++;
        while (k < n && s[k] >= '0' && s[k] <= '9') k++;
        if (k < n && s[k] >= 'a' && s[k] <= 'z') k++;       /* "Điều 5a." */
        else if (S_prefix(s + k, n - k, "đ")) k += strlen("đ");
        if (k < n && (s[k] == '.' || s[k] == ':')) return true;
    }
    if (n >= 2 && (s[0] == '-' || s[0] == '+' || s[0] == '*') && s[1] == ' ') return true;
    if (S_prefix(s, n, "•") || S_prefix(s, n, "–")) return true;
    /* 1. 2.3. IV. -- item numbers are short: "2021. Trong đó" ends a sentence */
    size_t i = 0, run = 0, longest = 0;
    while (i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.')) {
        run = s[i] == '.' ? 0 : run + 1;
        if (run > longest) longest = run;
        i++;
    }
    if (i > 0 && i < n && s[i - 1] == '.' && s[i] == ' ' && s[0] != '.' && longest <= 3) return true;
    i = 0;
    while (i < n && strchr("IVXL", s[i]) && s[i]) i++;
    if (i > 0 && i + 1 < n && s[i] == '.' && s[i + 1] == ' ') return true;
    /* a) b) đ) */
    if (n >= 3 && s[0] >= 'a' && s[0] <= 'z' && s[1] == ')' && s[2] == ' ') return true;
    if (S_prefix(s, n, "đ) ")) return true;
    return false;
}

/* The shape of a line, digits folded, to find lines repeated page after page. */
static char *S_shape(vb_arena *a, const char *s, size_t n) {
    char *out = vb_arena_alloc(a, n + 1);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] >= '0' && s[i] <= '9') {
            if (k == 0 || out[k - 1] != '#') out[k++] = '#';
        } else if (!S_space(s[i]) || (k && out[k - 1] != ' ')) {
            out[k++] = s[i];
        }
    }
    while (k && out[k - 1] == ' ') k--;
    out[k] = '\0';
    return out;
}

static int S_cmp_str(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int S_cmp_size(const void *a, const void *b) {
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

/* Code points of the first word of s (up to a space). */
static size_t S_first_word_chars(const char *s, size_t n) {
    size_t i = 0;
    while (i < n && !S_space(s[i])) i++;
    return vb_utf8_length(s, i);
}

static uint32_t S_first_cp(const char *s, size_t n) {
    uint32_t c = 0;
    if (n && !vb_utf8_decode((const unsigned char *)s, n, &c)) c = (unsigned char)s[0];
    return c;
}

static uint32_t S_last_cp(const char *s, size_t n) {
    size_t i = n;
    while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80) i--;
    if (i == 0) return 0;
    i--;
    uint32_t c = 0;
    if (!vb_utf8_decode((const unsigned char *)s + i, n - i, &c)) c = (unsigned char)s[i];
    return c;
}

static bool S_ends_sentence(const char *s, size_t n) {
    while (n && (S_space(s[n - 1]) || s[n - 1] == '"' || s[n - 1] == ')' || s[n - 1] == '\'')) n--;
    if (n >= 3 && memcmp(s + n - 3, "\xE2\x80\x9D", 3) == 0) n -= 3; /* ” */
    return n && strchr(".:;!?", s[n - 1]);
}

/* True when a line has letters and none of them small: a heading. */
static bool S_all_caps(const char *s, size_t n) {
    bool letters = false;
    for (size_t i = 0; i < n;) {
        uint32_t c;
        int k = vb_utf8_decode((const unsigned char *)s + i, n - i, &c);
        if (!k) return false;
        if (u_islower((UChar32)c)) return false;
        if (u_isupper((UChar32)c)) letters = true;
        i += (size_t)k;
    }
    return letters;
}

/* e-signature stamp lines: key and value. */
static const char *const S_STAMP_KEYS[] = {"Người ký:", "Ký bởi:", "Cơ quan:", "Thời gian ký:",
                                           "Email:"};

static int S_stamp_key(const char *s, size_t n) {
    for (int i = 0; i < (int)(sizeof S_STAMP_KEYS / sizeof *S_STAMP_KEYS); i++)
        if (S_prefix(s, n, S_STAMP_KEYS[i])) return i;
    return -1;
}

/* Lines between two page numbers of a run: a printed page holds more. */
enum { S_PAGE_LINES = 8 };

static long S_number_value(const char *s, size_t n) {
    long v = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] >= '0' && s[i] <= '9') v = v * 10 + (s[i] - '0');
    return v;
}

/* True when line i begins or ends a printed page the input marks: a form
 * feed before it or after it, an explicit page break beside it. */
static bool S_page_edge(const S_line *L, size_t n, size_t i) {
    if (L[i].block->flags & VB_BLOCK_FORM_FEED) return true;
    if (i + 1 < n && (L[i + 1].block->flags & VB_BLOCK_FORM_FEED)) return true;
    if (i > 0 && L[i - 1].block->kind == VB_BLOCK_PAGE_BREAK) return true;
    return i + 1 < n && L[i + 1].block->kind == VB_BLOCK_PAGE_BREAK;
}

/* True when line i is within two lines of a page's edge or of a page number
 * or the gazette's head found already: where running heads are printed. */
static bool S_near_edge(const S_line *L, size_t n, size_t i) {
    size_t lo = i >= 2 ? i - 2 : 0, hi = i + 2 < n ? i + 2 : n - 1;
    for (size_t k = lo; k <= hi; k++) {
        if (L[k].page_number || L[k].gazette) return true;
        if (L[k].block->flags & VB_BLOCK_FORM_FEED) return true;
    }
    return S_page_edge(L, n, i);
}

/* Puts block a just before b in the source's list. */
static void S_link_before(vb_source *src, vb_block *b, vb_block *a) {
    a->next = b;
    if (src->first == b) {
        src->first = a;
        return;
    }
    vb_block *p = src->first;
    while (p && p->next != b) p = p->next;
    if (p) p->next = a;
}

/* Removes lines[i]'s block from the source's list. */
static void S_unlink(vb_source *src, vb_block *prev, vb_block *b) {
    if (prev) prev->next = b->next;
    else src->first = b->next;
    if (src->last == b) src->last = prev;
}

/* The paragraph lines are being joined into: its block, its text as
 * vb_block_text_in would give it, its last TEXT run and its last run, all
 * kept up to date join by join.  A join then costs the length of the line it
 * adds; reading the whole paragraph again at each join made n lines cost n
 * squared in time and memory. */
typedef struct {
    vb_block *block;   /* NULL until a first join */
    vb_buf text;
    vb_run *last_text; /* the last TEXT run, or NULL */
    size_t last_end;   /* where last_text's text ends in text */
    vb_run *tail;      /* the last run, or NULL */
    size_t caps_seen;  /* text[0, caps_seen) is counted in lower and upper */
    bool lower, upper; /* a small letter (or a byte that is not UTF-8) / a capital in it */
} S_para;

static void S_para_add_runs(S_para *p, vb_run *r) {
    for (; r; r = r->next) {
        if (r->kind == VB_RUN_TEXT) {
            vb_buf_append(&p->text, r->text, r->len);
            p->last_text = r;
            p->last_end = p->text.len;
        } else if (r->kind == VB_RUN_BREAK) {
            vb_buf_putc(&p->text, '\n');
        } else if (r->kind == VB_RUN_TAB) {
            vb_buf_putc(&p->text, '\t');
        }
        p->tail = r;
    }
}

static void S_para_start(S_para *p, vb_block *b) {
    vb_buf_clear(&p->text);
    vb_buf_reserve(&p->text, 1);
    p->block = b;
    p->last_text = p->tail = NULL;
    p->last_end = p->caps_seen = 0;
    p->lower = p->upper = false;
    S_para_add_runs(p, b->runs);
}

static void S_para_link(S_para *p, vb_run *r) {
    if (p->tail) p->tail->next = r;
    else p->block->runs = r;
    S_para_add_runs(p, r);
}

/* S_all_caps of the paragraph's text, reading only what was added since. */
static bool S_para_all_caps(S_para *p) {
    const char *s = p->text.data;
    size_t n = p->text.len;
    for (size_t i = p->caps_seen; i < n && !p->lower;) {
        uint32_t c;
        int k = vb_utf8_decode((const unsigned char *)s + i, n - i, &c);
        if (!k || u_islower((UChar32)c)) p->lower = true;
        else if (u_isupper((UChar32)c)) p->upper = true;
        i += k ? (size_t)k : 1;
    }
    p->caps_seen = n;
    return !p->lower && p->upper;
}

/* Appends b's runs to the paragraph, separated by sep ("" or " "), dropping
 * its trailing hyphen when drop_hyphen. */
static void S_para_join(vb_source *src, S_para *p, vb_block *b, const char *sep, bool drop_hyphen) {
    vb_run *last = p->last_text;
    if (last) {
        size_t n = last->len;
        while (n && S_space(last->text[n - 1])) n--;
        if (drop_hyphen && n && last->text[n - 1] == '-') n--;
        if (n != last->len) {
            /* only breaks and tabs follow the run's text: move them back */
            size_t k = last->len - n, from = p->last_end - k;
            memmove(p->text.data + from, p->text.data + p->last_end, p->text.len - p->last_end + 1);
            p->text.len -= k;
            if (p->caps_seen > from) p->caps_seen = p->caps_seen >= p->last_end ? p->caps_seen - k : from;
            p->last_end = from;
            last->text = vb_arena_strndup(src->arena, last->text, n);
            last->len = (uint32_t)n;
        }
    }
    if (*sep) {
        vb_run *r = vb_arena_alloc(src->arena, sizeof *r);
        r->kind = VB_RUN_TEXT;
        r->text = vb_arena_strdup(src->arena, sep);
        r->len = (uint32_t)strlen(sep);
        r->joined_line = b->line;
        S_para_link(p, r);
    }
    if (b->runs) S_para_link(p, b->runs);
    vb_block *a = p->block;
    if (b->line_end > a->line_end) a->line_end = b->line_end;
    if (b->line > a->line_end) a->line_end = b->line;
    /* a paragraph's box covers the lines joined into it on its first page */
    if (a->page && b->page == a->page) {
        if (b->box[0] < a->box[0]) a->box[0] = b->box[0];
        if (b->box[1] < a->box[1]) a->box[1] = b->box[1];
        if (b->box[2] > a->box[2]) a->box[2] = b->box[2];
        if (b->box[3] > a->box[3]) a->box[3] = b->box[3];
    }
}

static size_t S_word_before_hyphen(const char *s, size_t n, size_t *start) {
    size_t e = n;
    while (e && S_space(s[e - 1])) e--;
    if (!e || s[e - 1] != '-') return 0;
    e--;
    size_t b = e;
    while (b > 0 && !S_space(s[b - 1]) && s[b - 1] != '-') b--;
    *start = b;
    return e - b;
}

/* "hi-" + "ện" = "hiện": the hyphen only broke the word if the two halves make
 * one syllable. */
static bool S_hyphen_breaks_word(const char *a, size_t an, const char *b, size_t bn) {
    size_t start;
    size_t wl = S_word_before_hyphen(a, an, &start);
    if (!wl) return false;
    uint32_t cps[16];
    size_t n = 0;
    for (size_t i = start; i < start + wl && n < 16;) {
        int k = vb_utf8_decode((const unsigned char *)a + i, start + wl - i, &cps[n]);
        if (!k || !u_isalpha((UChar32)cps[n])) return false;
        i += (size_t)k, n++;
    }
    size_t head = n;
    for (size_t i = 0; i < bn && n < 16;) {
        uint32_t c;
        int k = vb_utf8_decode((const unsigned char *)b + i, bn - i, &c);
        if (!k || !u_isalpha((UChar32)c)) break;
        cps[n++] = c;
        i += (size_t)k;
    }
    if (vb_encoding_is_syllable(cps, n)) return true;
    /* a word of another language broken by the typesetter ("vac-cine"):
     * neither half is a syllable of its own, unlike in "vắc-xin" or "e-mail" */
    return n > head && !vb_encoding_is_syllable(cps, head) && !vb_encoding_is_syllable(cps + head, n - head);
}

void vb_layout_source(vb_source *src) {
    size_t nlines = 0;
    for (vb_block *b = src->first; b; b = b->next) nlines++;
    if (!nlines) return;
    S_line *L = calloc(nlines, sizeof *L);
    if (!L) abort();
    /* the lines' texts and shapes are read here only: they are not the
     * source's to keep */
    vb_arena *scratch = vb_arena_new();
    size_t n = 0;
    for (vb_block *b = src->first; b; b = b->next, n++) {
        L[n].block = b;
        if (b->kind == VB_BLOCK_PARAGRAPH && b->region == VB_REGION_BODY) {
            L[n].text = vb_block_text_in(scratch, b, &L[n].len);
            L[n].chars = vb_utf8_length(L[n].text, L[n].len);
        } else if (b->kind == VB_BLOCK_NOTE) {
            /* a footnote printed over several lines: the reader saw its mark
             * on the first one only */
            L[n].text = vb_block_text_in(scratch, b, &L[n].len);
            L[n].chars = vb_utf8_length(L[n].text, L[n].len);
            L[n].note = true;
        }
    }
    /* Page furniture is taken out of the flow only where the input shows a
     * page boundary: a form feed, an explicit page break, the official
     * gazette's head, or the gap and number of a printed page.  A line that
     * merely repeats (an address in every row of a table, a form template
     * used again and again) or a number alone on its line (a table cell, a
     * year, a clause label) is text.  What is taken out stays in the source
     * as a page header or footer, so that nothing is lost. */
    /* 1. the official gazette's head ("CÔNG BÁO/Số 199 + 200/Ngày 02-02-2022"),
     * even once, even with the page number or text run into it: the head
     * and its number become a header line of their own */
    for (size_t i = 0; i < n; i++) {
        if (!L[i].text || L[i].note || !S_prefix(L[i].text, L[i].len, "CÔNG BÁO/Số")) continue;
        const char *s = L[i].text, *e = s + L[i].len;
        const char *d = strstr(s, "/Ngày ");
        if (!d || d > e) continue;
        d += strlen("/Ngày ");
        while (d < e && ((*d >= '0' && *d <= '9') || *d == '-' || *d == '/' || *d == '.')) d++;
        while (d < e && S_space(*d)) d++;
        while (d < e && *d >= '0' && *d <= '9') d++; /* page number */
        while (d < e && S_space(*d)) d++;
        vb_report_add(src->report, "running-header-removed", 1);
        L[i].gazette = true;
        if (d == e) {
            L[i].removed = L[i].header = true;
            continue;
        }
        vb_block *b = L[i].block;
        vb_block *head = vb_arena_alloc(src->arena, sizeof *head);
        *head = *b;
        head->runs = NULL;
        head->next = b;
        head->region = VB_REGION_PAGE_HEADER;
        head->line_end = head->line;
        size_t hl = (size_t)(d - s);
        while (hl && S_space(s[hl - 1])) hl--;
        vb_block_add_run(src, head, VB_RUN_TEXT, s, hl, 0);
        S_link_before(src, b, head);
        b->runs = NULL;
        vb_block_add_run(src, b, VB_RUN_TEXT, d, (size_t)(e - d), 0);
        L[i].text = vb_block_text_in(scratch, b, &L[i].len);
        L[i].chars = vb_utf8_length(L[i].text, L[i].len);
    }
    /* 2. bare page numbers: at a form feed or page break, beside the
     * gazette's head, alone between two parts of a table, or alone between
     * blank lines in a run of numbers that go up by one, page after page */
    size_t *cand = calloc(n, sizeof *cand), ncand = 0;
    if (!cand) abort();
    for (size_t i = 0; i < n; i++) {
        if (!L[i].text || L[i].note || L[i].removed || !S_is_page_number(L[i].text, L[i].len)) continue;
        bool by_head = (i > 0 && L[i - 1].gazette) || (i + 1 < n && L[i + 1].gazette);
        bool alone = !(L[i].block->flags & VB_BLOCK_NO_BLANK_BEFORE) &&
                     (i + 1 >= n || !(L[i + 1].block->flags & VB_BLOCK_NO_BLANK_BEFORE));
        bool in_table = alone && i > 0 && i + 1 < n && L[i - 1].block->kind == VB_BLOCK_TABLE &&
                        L[i + 1].block->kind == VB_BLOCK_TABLE;
        if (S_page_edge(L, n, i) || by_head || in_table) L[i].page_number = true;
        else if (alone) cand[ncand++] = i;
    }
    for (size_t k = 0; k + 1 < ncand; k++) {
        size_t i = cand[k], j = cand[k + 1];
        if (j - i >= S_PAGE_LINES && S_number_value(L[j].text, L[j].len) == S_number_value(L[i].text, L[i].len) + 1)
            L[i].page_number = L[j].page_number = true;
    }
    free(cand);
    for (size_t i = 0; i < n; i++)
        if (L[i].page_number) {
            L[i].removed = true;
            vb_report_add(src->report, "page-number-removed", 1);
        }
    /* 3. running headers and footers: a line whose shape recurs at page
     * boundaries, beside a page number, a form feed or a page break */
    char **shapes = calloc(n, sizeof *shapes);
    char **sorted = calloc(n, sizeof *sorted);
    if (!shapes || !sorted) abort();
    size_t ns = 0;
    for (size_t i = 0; i < n; i++)
        if (L[i].text && !L[i].note && !L[i].removed && L[i].chars >= 8 && L[i].chars <= 150 &&
            !S_opens_paragraph(L[i].text, L[i].len) && S_near_edge(L, n, i)) {
            shapes[i] = S_shape(scratch, L[i].text, L[i].len);
            sorted[ns++] = shapes[i];
        }
    qsort(sorted, ns, sizeof *sorted, S_cmp_str);
    for (size_t i = 0; i < n; i++) {
        if (!shapes[i]) continue;
        char **hit = bsearch(&shapes[i], sorted, ns, sizeof *sorted, S_cmp_str);
        size_t lo = (size_t)(hit - sorted), hi = lo;
        while (lo > 0 && strcmp(sorted[lo - 1], shapes[i]) == 0) lo--;
        while (hi + 1 < ns && strcmp(sorted[hi + 1], shapes[i]) == 0) hi++;
        if (hi - lo + 1 >= 2) {
            L[i].removed = L[i].header = true;
            vb_report_add(src->report, "running-header-removed", 1);
        }
    }
    free(shapes);
    free(sorted);
    /* 3. e-signature stamps: two or more stamp lines together */
    for (size_t i = 0; i < n; i++) {
        if (!L[i].text || L[i].note || L[i].removed || S_stamp_key(L[i].text, L[i].len) < 0) continue;
        size_t j = i;
        while (j < n && L[j].text && !L[j].note && !L[j].removed && S_stamp_key(L[j].text, L[j].len) >= 0)
            j++;
        if (j - i < 2) continue;
        for (size_t k = i; k < j; k++) {
            int key = S_stamp_key(L[k].text, L[k].len);
            size_t kl = strlen(S_STAMP_KEYS[key]);
            const char *v = L[k].text + kl;
            size_t vl = L[k].len - kl;
            while (vl && S_space(*v)) v++, vl--;
            while (vl && S_space(v[vl - 1])) vl--;
            vb_prop *p = vb_arena_alloc(src->arena, sizeof *p);
            p->key = vb_arena_strndup(src->arena, S_STAMP_KEYS[key], kl - 1);
            p->value = vb_arena_strndup(src->arena, v, vl);
            p->line = L[k].block->line;
            p->next = src->props;
            src->props = p;
            L[k].removed = L[k].stamp = true;
            vb_report_add(src->report, "signature-moved", 1);
        }
        i = j - 1;
    }
    /* furniture leaves the flow but stays in the source, as a page header
     * or footer; stamp lines are in the properties now */
    {
        vb_block *prev = NULL;
        bool pending = false;
        for (size_t i = 0; i < n; i++) {
            vb_block *b = L[i].block;
            if (L[i].removed && L[i].stamp) {
                while (prev && prev->next != b) prev = prev->next;
                if (!prev && src->first != b) prev = src->first;
                while (prev && prev->next != b) prev = prev->next;
                S_unlink(src, prev, b);
                pending = true;
                continue;
            }
            if (L[i].removed) {
                b->region = L[i].header ? VB_REGION_PAGE_HEADER : VB_REGION_PAGE_FOOTER;
                pending = true;
                prev = b;
                continue;
            }
            L[i].furniture_before = pending;
            pending = false;
            prev = b;
        }
    }
    /* 4. line width: is the text hard-wrapped at all? */
    size_t *widths = calloc(n, sizeof *widths), nw = 0;
    if (!widths) abort();
    for (size_t i = 0; i < n; i++)
        if (!L[i].removed && L[i].text && L[i].chars >= 20) widths[nw++] = L[i].chars;
    size_t width = 0;
    bool wrapped = false;
    if (nw >= 4) {
        /* the 90th percentile of line lengths, leaving out lines far longer
         * than the median (table rows, unwrapped headings of an OCR page) */
        qsort(widths, nw, sizeof *widths, S_cmp_size);
        size_t cap = widths[nw / 2] + widths[nw / 2] * 3 / 10, within = nw;
        while (within > 1 && widths[within - 1] > cap) within--;
        width = widths[within * 9 / 10];
        size_t near = 0;
        for (size_t i = 0; i < nw; i++) near += widths[i] * 10 >= width * 7 && widths[i] <= width + width / 5;
        wrapped = width <= 200 && near * 10 >= nw * 4;
    }
    free(widths);
    /* 5. join */
    size_t joined = 0, hyphen = 0;
    long a = -1;
    S_para para = {0};
    vb_block *prev = NULL;
    for (size_t i = 0; i < n; i++) {
        if (L[i].removed) continue;
        vb_block *b = L[i].block;
        /* furniture kept between the lines: b's neighbour in the list */
        if (!prev && src->first != b) prev = src->first;
        while (prev && prev->next != b) prev = prev->next;
        if (!L[i].text || b->heading_hint || L[i].note) {
            a = L[i].note ? (long)i : -1;
            prev = b;
            continue;
        }
        if (a >= 0 && L[i].len) {
            S_line *A = &L[a], *B = &L[i];
            bool blank = !(b->flags & VB_BLOCK_NO_BLANK_BEFORE);
            uint32_t first = S_first_cp(B->text, B->len);
            bool lower = u_islower((UChar32)first) != 0;
            bool opens = S_opens_paragraph(B->text, B->len);
            bool ends = S_ends_sentence(A->text, A->len);
            bool full = wrapped && A->chars * 4 >= width * 3;
            /* the line broke because the next word would not fit on it */
            bool forced = wrapped && !blank && A->chars + 1 + S_first_word_chars(B->text, B->len) > width;
            /* "2024" then "- 2025.": a dash that joins words, not a list item,
             * when the line before stopped mid-phrase only for want of room */
            if (opens && forced && !ends && B->len >= 2 && (B->text[0] == '-' || B->text[0] == '+') &&
                B->text[1] == ' ')
                opens = false;
            uint32_t lastc = S_last_cp(A->text, A->len);
            bool hyphen_end = lastc == '-' && A->len >= 2 && !S_space(A->text[A->len - 2]);
            bool join = false;
            if (S_division_alone(A->text, A->len) && S_number_at(B->text, B->len, 0) && !b->label)
                join = true; /* "Điều" then "3. Quyết định ...": one label */
            else if (opens || A->len == 0 || b->label) join = false; /* a numbered item starts a paragraph */
            else if (hyphen_end && (lower || (first >= '0' && first <= '9')) && (!blank || B->furniture_before))
                join = true;
            else if (ends) /* "...;" then "chuyển về...": a sentence going on; before a
                            * capital or a digit only where the break was forced:
                            * the next word would not have fitted on the line */
                join = wrapped && (lower || forced);
            else if (lower) /* a sentence going on, even over a page break; in text
                              * that is not hard-wrapped only over a break or a comma */
                join = wrapped || blank || B->furniture_before || lastc == ',';
            else if (full && !(para.block == A->block ? S_para_all_caps(&para) : S_all_caps(A->text, A->len)) &&
                     (!blank || B->furniture_before))
                join = true;
            else if (forced && S_all_caps(B->text, B->len)) /* a heading in capitals wrapped too */
                join = true;
            if (join) {
                bool drop = hyphen_end && lower && S_hyphen_breaks_word(A->text, A->len, B->text, B->len);
                if (para.block != A->block) S_para_start(&para, A->block);
                S_para_join(src, &para, b, hyphen_end ? "" : " ", drop);
                S_unlink(src, prev, b);
                /* the joined line's text, for the next decision */
                A->text = para.text.data;
                A->len = para.text.len;
                A->chars = B->chars;
                if (hyphen_end) hyphen += drop;
                joined++;
                continue;
            }
        }
        a = (long)i;
        prev = b;
    }
    vb_report_add(src->report, "line-joined", joined);
    vb_report_add(src->report, "hyphen-removed", hyphen);
    vb_buf_free(&para.text);
    free(L);
    vb_arena_free(scratch);
}
