/* Column types, agency lists and deadlines (see values.h).
 *
 * A column's type comes from its header and its cells: the row number
 * column (STT), lists of agencies (headers naming "chủ trì", "phối hợp",
 * "Cơ quan", "Đơn vị thực hiện"), deadlines ("Thời gian hoàn thành" over
 * "Quý III/2026", "Hằng năm"), and the figure types the cells hold
 * (integer, decimal, percent, year, money), else free text.  The patterns
 * are PCRE2 (UTF + UCP), compiled and JIT-compiled once per process. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "values.h"

#include <pcre2.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- deadlines ---- */

typedef enum { D_QUARTER, D_PERIOD, D_YEAR, D_MONTH, D_DATE, D_YEARLY, D_QUARTERLY, D_MONTHLY,
               D_ONGOING, D__COUNT } deadline_pat;

#define YEAR "((?:19|20)\\d{2})(?!\\d)"
static const char *const S_deadline_sources[D__COUNT] = {
    [D_QUARTER] = "^(?i:quý)\\s*(IV|III|II|I|[1-4])\\s*(?:[/.\\-–]|\\s(?i:năm))\\s*" YEAR,
    [D_PERIOD] = "^(?:(?i:năm|giai\\s+đoạn|từ(?:\\s+năm)?)\\s*)?" YEAR "\\s*(?:[-–—]|(?i:đến(?:\\s+năm)?))\\s*" YEAR,
    [D_YEAR] = "^(?:(?i:năm|trong\\s+năm|trước\\s+năm|cuối\\s+năm)\\s*)?" YEAR,
    [D_MONTH] = "^(?i:tháng)\\s*(\\d{1,2})\\s*(?:[/\\-]|\\s(?i:năm))\\s*" YEAR,
    [D_DATE] = "^(?:(?i:ngày)\\s*)?(\\d{1,2})/(\\d{1,2})/" YEAR,
    [D_YEARLY] = "^(?i:h[ằà]ng\\s+năm|định\\s+kỳ\\s+h[ằà]ng\\s+năm)",
    [D_QUARTERLY] = "^(?i:h[ằà]ng\\s+quý|định\\s+kỳ\\s+h[ằà]ng\\s+quý)",
    [D_MONTHLY] = "^(?i:h[ằà]ng\\s+tháng)",
    [D_ONGOING] = "^(?i:thường\\s+xuyên|liên\\s+tục)",
};

static pcre2_code *S_deadline_code[D__COUNT];
static pthread_once_t S_once = PTHREAD_ONCE_INIT;

static pcre2_code *S_compile_one(const char *src) {
    int errcode;
    PCRE2_SIZE erroff;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)src, PCRE2_ZERO_TERMINATED,
                                   PCRE2_UTF | PCRE2_UCP | PCRE2_NO_UTF_CHECK, &errcode, &erroff, NULL);
    if (!re) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(errcode, msg, sizeof msg);
        fprintf(stderr, "vanban: internal column pattern: %s at %zu\n", (char *)msg, (size_t)erroff);
        abort();
    }
    pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
    return re;
}

static void S_compile(void) {
    for (int i = 0; i < D__COUNT; i++) S_deadline_code[i] = S_compile_one(S_deadline_sources[i]);
}

static int S_int(const char *s, PCRE2_SIZE *ov, int g) {
    if (ov[2 * g] == PCRE2_UNSET) return 0;
    int v = 0;
    for (PCRE2_SIZE i = ov[2 * g]; i < ov[2 * g + 1]; i++)
        if (s[i] >= '0' && s[i] <= '9') v = v * 10 + (s[i] - '0');
    return v;
}

bool vb_deadline_parse(const char *s, size_t len, vb_deadline *out) {
    pthread_once(&S_once, S_compile);
    memset(out, 0, sizeof *out);
    while (len && (*s == ' ' || *s == '\t' || *s == '\n')) s++, len--;
    pcre2_match_data *md = pcre2_match_data_create(8, NULL);
    if (!md) return false;
    bool found = false;
    for (int k = 0; k < D__COUNT && !found; k++) {
        if (pcre2_match(S_deadline_code[k], (PCRE2_SPTR)s, len, 0, PCRE2_NO_UTF_CHECK, md, NULL) < 0)
            continue;
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        found = true;
        switch ((deadline_pat)k) {
        case D_QUARTER: {
            PCRE2_SIZE a = ov[2], b = ov[3];
            int q = s[a] >= '1' && s[a] <= '4' ? s[a] - '0'
                    : (b - a == 2 && s[a] == 'I' && s[a + 1] == 'V') ? 4 : (int)(b - a);
            out->kind = "quarter";
            out->quarter = q;
            out->year = S_int(s, ov, 2);
            break;
        }
        case D_PERIOD:
            out->kind = "period";
            out->from = S_int(s, ov, 1);
            out->year = S_int(s, ov, 2);
            if (out->year < out->from) found = false;
            break;
        case D_YEAR: out->kind = "year"; out->year = S_int(s, ov, 1); break;
        case D_MONTH:
            out->kind = "month";
            out->month = S_int(s, ov, 1);
            out->year = S_int(s, ov, 2);
            if (out->month < 1 || out->month > 12) found = false;
            break;
        case D_DATE:
            out->kind = "date";
            out->day = S_int(s, ov, 1);
            out->month = S_int(s, ov, 2);
            out->year = S_int(s, ov, 3);
            if (out->month < 1 || out->month > 12 || out->day < 1 || out->day > 31) found = false;
            break;
        case D_YEARLY: out->kind = "yearly"; break;
        case D_QUARTERLY: out->kind = "quarterly"; break;
        case D_MONTHLY: out->kind = "monthly"; break;
        case D_ONGOING: out->kind = "ongoing"; break;
        case D__COUNT: break;
        }
        if (!found) memset(out, 0, sizeof *out);
    }
    pcre2_match_data_free(md);
    return found;
}

const char *vb_deadline_iso(vb_arena *a, const vb_deadline *d) {
    static const char *const quarter_end[] = {"", "03-31", "06-30", "09-30", "12-31"};
    if (!d->year) return NULL;
    if (d->quarter) return vb_arena_printf(a, "%04d-%s", d->year, quarter_end[d->quarter]);
    if (d->day) return vb_arena_printf(a, "%04d-%02d-%02d", d->year, d->month, d->day);
    if (d->month) return vb_arena_printf(a, "%04d-%02d", d->year, d->month);
    return vb_arena_printf(a, "%04d", d->year);
}

void vb_deadline_attrs(vb_doc *doc, vb_node *n, const vb_deadline *d) {
    vb_node_set_attr(doc, n, "deadline", d->kind);
    if (d->from) vb_node_set_attr(doc, n, "from", vb_arena_printf(doc->arena, "%04d", d->from));
    const char *iso = vb_deadline_iso(doc->arena, d);
    if (iso) vb_node_set_attr(doc, n, "by", iso);
}

/* ---- agency lists ---- */

static bool S_agency_start(const char *s, size_t len) {
    return vb_lex_agency_word(s, len, VB_LEX_AGENCY_CELL) > 0;
}

static size_t S_skip_blank(const char *s, size_t i, size_t len) {
    while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n')) i++;
    return i;
}

static bool S_prefix(const char *s, size_t len, const char *word) {
    size_t n = strlen(word);
    return len >= n && memcmp(s, word, n) == 0;
}

size_t vb_agencies_split(const char *s, size_t len, vb_agency *out, size_t max) {
    size_t n = 0;
    const char *role = NULL;
    size_t i = S_skip_blank(s, 0, len);
    while (i < len) {
        /* "Chủ trì: Sở Y tế; Phối hợp: ..." names the roles */
        size_t label = 0;
        vb_lex_column named = vb_lex_role_label(s + i, len - i, &label);
        bool labelled = label > 0;
        if (labelled) {
            role = named == VB_LEX_COL_LEAD ? "lead" : "partner";
            i = S_skip_blank(s, i + label, len);
        }
        /* the piece up to the next separator: ',', ';', a line break, or
         * "và" before another agency ("Sở Y tế và các sở", not "Sở Giáo dục
         * và Đào tạo") */
        size_t start = i, end = i;
        while (end < len) {
            char c = s[end];
            if (c == ',' || c == ';' || c == '\n') break;
            if (c == ' ' && S_prefix(s + end, len - end, " và ")) {
                size_t after = S_skip_blank(s, end + strlen(" và "), len);
                if (S_agency_start(s + after, len - after)) break;
            }
            end++;
        }
        size_t next = end;
        if (next < len && (s[next] == ',' || s[next] == ';' || s[next] == '\n')) next++;
        else if (next < len) next += strlen(" và");
        bool starts = S_agency_start(s + start, end - start);
        size_t trimmed = end;
        while (trimmed > start && strchr(" .\t", s[trimmed - 1])) trimmed--;
        if (trimmed > start) {
            if (!starts && !labelled && n > 0 && out[n - 1].end <= start) {
                /* "các sở, ngành, địa phương": one agency named in parts */
                out[n - 1].end = trimmed;
            } else if (n < max) {
                out[n].start = start;
                out[n].end = trimmed;
                out[n].role = role;
                out[n].named = starts || labelled;
                n++;
            }
        }
        i = S_skip_blank(s, next, len);
    }
    return n;
}

/* ---- column types ---- */

#define MAX_COLS 64

static bool S_blank(const char *s) {
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n') return false;
    return true;
}

/* Replaces the content of a plain cell (text and figures only) by its
 * agencies, each a DATA element kind="agency"; the text stays as it was. */
static void S_agency_cell(vb_doc *doc, vb_node *cell) {
    for (const vb_node *k = cell->first_child; k; k = k->next)
        if (k->type != VB_NODE_TEXT && k->type != VB_NODE_DATA) return;
    const char *text = vb_node_text(doc, cell);
    size_t len = strlen(text);
    vb_agency ag[64];
    size_t n = vb_agencies_split(text, len, ag, 64);
    size_t named = 0;
    for (size_t i = 0; i < n; i++) named += ag[i].named;
    if (!named) return; /* "Thời gian dự kiến hoàn thành": a title, no agency */
    while (cell->first_child) vb_node_unlink(cell->first_child);
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        if (ag[i].start > at) {
            vb_node *t = vb_node_new(doc, VB_NODE_TEXT, 0);
            t->text = text + at;
            t->len = ag[i].start - at;
            vb_node_add(doc, cell, t);
        }
        vb_node *d = vb_node_new(doc, VB_NODE_DATA, 0);
        vb_node_set_attr(doc, d, "kind", "agency");
        if (ag[i].role) vb_node_set_attr(doc, d, "role", ag[i].role);
        vb_node *t = vb_node_new(doc, VB_NODE_TEXT, 0);
        t->text = text + ag[i].start;
        t->len = ag[i].end - ag[i].start;
        vb_node_add(doc, d, t);
        vb_node_add(doc, cell, d);
        at = ag[i].end;
    }
    if (at < len) {
        vb_node *t = vb_node_new(doc, VB_NODE_TEXT, 0);
        t->text = text + at;
        t->len = len - at;
        vb_node_add(doc, cell, t);
    }
    vb_node_set_attr(doc, cell, "type", "agencies");
    vb_node_set_attr(doc, cell, "value", vb_arena_printf(doc->arena, "%zu", n));
}

static void S_deadline_cell(vb_doc *doc, vb_node *cell) {
    const char *text = vb_node_text_scratch(doc, cell);
    vb_deadline d;
    if (!vb_deadline_parse(text, strlen(text), &d)) return;
    vb_node_set_attr(doc, cell, "type", "deadline");
    vb_deadline_attrs(doc, cell, &d);
    /* value: the date it falls due, or the recurrence */
    const char *iso = vb_deadline_iso(doc->arena, &d);
    vb_node_set_attr(doc, cell, "value", iso ? iso : d.kind);
}

const char *vb_header_join(vb_arena *a, const char *head, const char *t) {
    if (!head) return t;
    if (strlen(head) >= VB_HEADER_MAX) return head;
    return vb_arena_printf(a, "%s / %s", head, t);
}

void vb_columns_type(vb_doc *doc, vb_node *table) {
    const char *headers[MAX_COLS] = {0};
    int ncols = 0;
    for (vb_node *row = table->first_child; row; row = row->next) {
        int col = 0;
        for (vb_node *cell = row->first_child; cell; cell = cell->next) {
            if (row->as.row.kind == VB_ROW_HEADER) {
                const char *t = vb_node_text_scratch(doc, cell);
                for (int k = col; !S_blank(t) && k < col + cell->as.cell.colspan && k < MAX_COLS; k++)
                    headers[k] = vb_header_join(vb_doc_scratch(doc), headers[k], t);
            }
            col += cell->as.cell.colspan;
        }
        if (col > ncols) ncols = col;
    }
    if (ncols > MAX_COLS) ncols = MAX_COLS;
    const char *types[MAX_COLS] = {0};
    for (int col = 0; col < ncols; col++) {
        const char *h = headers[col] ? headers[col] : "";
        if (vb_lex_header_names(h, VB_LEX_COL_INDEX)) {
            types[col] = "index";
            continue;
        }
        bool agencies = vb_lex_header_names(h, VB_LEX_COL_AGENCY),
             deadline = vb_lex_header_names(h, VB_LEX_COL_DEADLINE);
        size_t filled = 0, typed = 0, kinds[6] = {0};
        static const char *const figure_types[] = {"integer", "decimal", "percent", "year", "money",
                                                   "deadline"};
        for (vb_node *row = table->first_child; row; row = row->next) {
            if (row->as.row.kind == VB_ROW_HEADER || row->as.row.kind == VB_ROW_GROUP) continue;
            int c = 0;
            for (vb_node *cell = row->first_child; cell; c += cell->as.cell.colspan, cell = cell->next) {
                if (c != col) continue;
                if (S_blank(vb_node_text_scratch(doc, cell))) break;
                filled++;
                if (agencies) S_agency_cell(doc, cell);
                else if (deadline) S_deadline_cell(doc, cell);
                const char *t = vb_node_get_attr(cell, "type");
                for (size_t k = 0; t && k < 6; k++)
                    if (strcmp(t, figure_types[k]) == 0) {
                        kinds[k]++;
                        typed++;
                    }
                if (t && strcmp(t, "agencies") == 0) typed++;
                break;
            }
        }
        if (!filled) continue;
        if (agencies) {
            types[col] = "agencies";
        } else if (typed * 2 < filled) {
            types[col] = "text";
        } else if (kinds[5] == typed) {
            types[col] = "deadline";
        } else if (kinds[4]) {
            types[col] = "money";
        } else if (kinds[2] == typed || vb_lex_header_names(h, VB_LEX_COL_SHARE)) {
            types[col] = kinds[1] || kinds[0] ? "percent" : "text";
        } else if (kinds[3] == typed) {
            types[col] = "year";
        } else if (kinds[1]) {
            types[col] = "decimal";
        } else if (kinds[0]) {
            types[col] = "integer";
        } else {
            types[col] = "text";
        }
    }
    vb_buf b = {0};
    for (int col = 0; col < ncols; col++) {
        if (col) vb_buf_putc(&b, ' ');
        vb_buf_puts(&b, types[col] ? types[col] : "empty");
    }
    if (b.len) vb_node_set_attr(doc, table, "columns", vb_arena_strndup(doc->arena, b.data, b.len));
    vb_buf_free(&b);
}
