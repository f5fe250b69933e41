/* Task records from task tables (see vb_tasks_build in values.h).
 *
 * A plan's appendix lists its tasks as a table: "STT | Tên nhiệm vụ | Cơ
 * quan chủ trì | Cơ quan phối hợp | Kết quả | Thời gian hoàn thành".  Each
 * numbered row becomes a TASK: its name, lead agency, partners, output and
 * deadline, the content copied from the typed cells (agencies as DATA
 * elements, the deadline parsed).  Group rows ("I. Tổ chức quán triệt...")
 * number the tasks under them: "II.3". */
#include "values.h"

#include <string.h>

#define MAX_COLS 64

typedef enum { F_INDEX, F_NAME, F_LEAD, F_PARTNERS, F_OUTPUT, F_DEADLINE, F__COUNT } field;

static vb_node *S_clone(vb_doc *doc, const vb_node *n) {
    vb_node *c = vb_node_new(doc, n->type, n->line);
    c->as = n->as; /* and text, len, which share its bytes */
    for (const vb_attr *a = n->attrs; a; a = a->next)
        if (strcmp(a->name, "check") != 0) vb_node_set_attr(doc, c, a->name, a->value);
    for (const vb_node *k = n->first_child; k; k = k->next) vb_node_add(doc, c, S_clone(doc, k));
    return c;
}

/* The inline content of a cell (its paragraphs joined by line breaks). */
static void S_copy_cell(vb_doc *doc, vb_node *into, const vb_node *cell) {
    for (const vb_node *k = cell->first_child; k; k = k->next) {
        if (vb_node_is_inline(k->type)) {
            vb_node_add(doc, into, S_clone(doc, k));
        } else if (k->type == VB_NODE_PARAGRAPH) {
            if (into->first_child) vb_node_add(doc, into, vb_node_new(doc, VB_NODE_LINEBREAK, 0));
            for (const vb_node *p = k->first_child; p; p = p->next)
                vb_node_add(doc, into, S_clone(doc, p));
        }
    }
}

static const char *S_trimmed(vb_doc *doc, const vb_node *cell) {
    const char *t = vb_node_text_scratch(doc, cell);
    while (*t == ' ') t++;
    size_t n = strlen(t);
    while (n && (t[n - 1] == ' ' || t[n - 1] == '.')) n--;
    return vb_arena_strndup(doc->arena, t, n);
}

size_t vb_tasks_build(vb_doc *doc, vb_node *table) {
    if (!table->parent || !vb_node_can_contain(table->parent->type, VB_NODE_TASKS)) return 0;
    /* which column holds what, from the header rows */
    int at[F__COUNT];
    for (int f = 0; f < F__COUNT; f++) at[f] = -1;
    for (vb_node *row = table->first_child; row && row->as.row.kind == VB_ROW_HEADER; row = row->next) {
        int col = 0;
        for (vb_node *cell = row->first_child; cell; col += cell->as.cell.colspan, cell = cell->next) {
            if (cell->as.cell.colspan != 1) continue;
            const char *h = vb_node_text_scratch(doc, cell);
            bool lead = vb_lex_header_names(h, VB_LEX_COL_LEAD);
            bool partners = vb_lex_header_names(h, VB_LEX_COL_PARTNER);
            if (lead && !partners && at[F_LEAD] < 0) at[F_LEAD] = col;
            else if (partners && !lead && at[F_PARTNERS] < 0) at[F_PARTNERS] = col;
            else if (vb_lex_header_names(h, VB_LEX_COL_DEADLINE) && at[F_DEADLINE] < 0) at[F_DEADLINE] = col;
            else if (vb_lex_header_names(h, VB_LEX_COL_OUTPUT) && at[F_OUTPUT] < 0) at[F_OUTPUT] = col;
            else if (vb_lex_header_names(h, VB_LEX_COL_NAME) && at[F_NAME] < 0) at[F_NAME] = col;
            else if (col == 0) at[F_INDEX] = col;
        }
    }
    if (at[F_LEAD] < 0 || at[F_DEADLINE] < 0 || at[F_INDEX] < 0) return 0;
    if (at[F_NAME] < 0) at[F_NAME] = 1;

    vb_node *tasks = vb_node_new(doc, VB_NODE_TASKS, table->line);
    const char *group = NULL;
    size_t count = 0;
    for (vb_node *row = table->first_child; row; row = row->next) {
        const vb_node *cells[MAX_COLS] = {0};
        int col = 0;
        for (vb_node *cell = row->first_child; cell && col < MAX_COLS; col += cell->as.cell.colspan, cell = cell->next)
            cells[col] = cell;
        if (row->as.row.kind == VB_ROW_GROUP && cells[0]) {
            /* "I. Tổ chức ..." or "I" | "DỰ ÁN NHÓM A": the group's numeral */
            const char *t = S_trimmed(doc, cells[0]);
            size_t n = 0;
            while (t[n] && strchr("IVXL", t[n])) n++;
            group = n ? vb_arena_strndup(doc->arena, t, n) : NULL;
            continue;
        }
        if (row->as.row.kind != VB_ROW_DATA || !cells[at[F_INDEX]]) continue;
        const char *num = S_trimmed(doc, cells[at[F_INDEX]]);
        if (!(num[0] >= '0' && num[0] <= '9')) continue; /* only numbered rows are tasks */
        vb_node *task = vb_node_new(doc, VB_NODE_TASK, row->line);
        vb_node_set_attr(doc, task, "num", group ? vb_arena_printf(doc->arena, "%s.%s", group, num) : num);
        static const vb_node_type types[F__COUNT] = {VB_NODE_TEXT, VB_NODE_NAME, VB_NODE_LEAD,
                                                     VB_NODE_PARTNERS, VB_NODE_OUTPUT, VB_NODE_DEADLINE};
        for (int f = F_NAME; f < F__COUNT; f++) {
            if (at[f] < 0 || at[f] >= MAX_COLS || !cells[at[f]]) continue;
            const vb_node *cell = cells[at[f]];
            vb_node *field = vb_node_new(doc, types[f], cell->line);
            S_copy_cell(doc, field, cell);
            if (!field->first_child) continue;
            if (f == F_DEADLINE) {
                vb_deadline d;
                const char *t = vb_node_text_scratch(doc, cell);
                if (vb_deadline_parse(t, strlen(t), &d)) vb_deadline_attrs(doc, field, &d);
            }
            vb_node_add(doc, task, field);
        }
        vb_node_add(doc, tasks, task);
        count++;
    }
    if (!count) return 0;
    vb_node_set_attr(doc, tasks, "count", vb_arena_printf(doc->arena, "%zu", count));
    if (table->next) vb_node_add_before(doc, table->next, tasks);
    else vb_node_add(doc, table->parent, tasks);
    return count;
}

/* ---- task tables whose column boundaries OCR lost ----
 *
 * An OCR text export of a task table keeps its lines but not its columns
 * (the layout stage joined them into paragraphs; the spaces it put between
 * joined lines say where, so the printed lines are read back exactly):
 * "3.1 | Nghiên cứu ... cơ Sở Y tế Sở Tài chính; Sở Xây Hằng năm", the
 * wrapped cells run together on the lines after.  Read from the lines of an
 * appendix: after a header naming "Cơ quan chủ trì" and "Thời gian" (matched
 * without diacritics, as OCR damages them), a group row "N | Giải pháp ..."
 * opens group N, a numbered line ("N.k", "Nk" with the dot lost, "k") opens
 * task N.k.  On that line the first agency name after the task's words is
 * the lead, the agencies after it the partners, a deadline phrase at the end
 * the deadline; everything else stays in the task's name.  The records are
 * marked layout="ocr-lines": a reading of a damaged layout, not a table. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <pthread.h>
#include <stdlib.h>
#include <stdio.h>

#include "../normalize/syllable.h"

/* where an agency name starts; OCR misspells "Sở" (the lexicon's OCR
 * spellings: "S&", "So6", even "35" in "35 Y tế") */
static char *S_ocr_agency_source(void) {
    vb_buf b = {0};
    vb_buf_puts(&b, "(?<![\\p{L}\\p{N}])(?:(?:");
    vb_lex_pattern(&b, vb_lex_ocr_so_first, false);
    vb_buf_puts(&b, ")(?:");
    vb_lex_pattern(&b, vb_lex_ocr_so_rest, false);
    vb_buf_puts(&b, "){1,2}\\s*(?=\\p{Lu})|S(?=\\s*Y\\s)"
                    "|UBND(?=\\s)|Bộ\\s+(?=\\p{Lu})"
                    "|Bảo\\s+hiểm\\s+xã|Ban\\s+(?=\\p{Lu})|Bệnh\\s+viện\\s+(?=\\p{Lu})|Công\\s+an\\s)");
    return vb_buf_detach(&b, NULL);
}
static pcre2_code *S_ocr_agency;
static pthread_once_t S_ocr_once = PTHREAD_ONCE_INIT;

static void S_ocr_compile(void) {
    int err;
    PCRE2_SIZE off;
    char *source = S_ocr_agency_source();
    if (!source) abort();
    S_ocr_agency = pcre2_compile((PCRE2_SPTR)source, PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP, &err, &off,
                                 NULL);
    free(source);
    if (!S_ocr_agency) abort();
    pcre2_jit_compile(S_ocr_agency, PCRE2_JIT_COMPLETE);
}

typedef struct {
    const char *text; /* as repaired */
    size_t len;
    char *fold;       /* lower case, no diacritics */
    int line;
} ocr_line;

static char *S_fold(vb_doc *doc, const char *s, size_t len) {
    char *f = vb_arena_alloc(doc->arena, len + 1);
    size_t n = vb_syl_strip_marks(s, len, f);
    for (size_t i = 0; i < n; i++)
        if (f[i] >= 'A' && f[i] <= 'Z') f[i] = (char)(f[i] - 'A' + 'a');
    f[n] = 0;
    return f;
}

/* "TT Nội dung nhiệm vụ, giải pháp | Cơ quan chủ trì | Cơ quan phối hợp" */
static bool S_header_line(const ocr_line *l) {
    return strstr(l->fold, "phoi hop") && (strstr(l->fold, "noi dung") || strstr(l->fold, "nhiem vu"));
}
/* the header's upper line, printed apart: "Cơ quan", "Thời gian" */
static bool S_header_fragment(const ocr_line *l) {
    return l->len < 60 && (strstr(l->fold, "co quan") || strstr(l->fold, "thoi gian"));
}

/* Marks the header lines (the main one and the fragments up to 6 lines
 * above it); returns whether they name the lead and the deadline. */
static bool S_mark_header(ocr_line *lines, bool *skip, size_t at) {
    bool lead = strstr(lines[at].fold, " tri ") != NULL, when = strstr(lines[at].fold, "thoi gian") != NULL;
    skip[at] = true;
    for (size_t k = at; k-- > 0 && at - k <= 6;) {
        if (!lines[k].len) continue;
        if (!S_header_fragment(&lines[k])) break;
        skip[k] = true;
        if (strstr(lines[k].fold, "thoi gian")) when = true;
    }
    return lead && when;
}

static size_t S_skip_space(const char *s, size_t i, size_t len) {
    while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '|')) i++;
    return i;
}

/* The row number a line starts with, read against the group it is in and
 * the task expected next; *after is where the text after it begins. */
static bool S_task_number(const ocr_line *l, int group, int expected, int *task, size_t *after) {
    const char *s = l->text;
    size_t i = S_skip_space(s, 0, l->len);
    /* one stray letter before the number ("R 4 Tăng cường") */
    if (i + 2 < l->len && s[i] >= 'A' && s[i] <= 'Z' && s[i + 1] == ' ' && s[i + 2] >= '0' && s[i + 2] <= '9')
        i += 2;
    /* or a stray mark glued to it ("%2") */
    else if (i + 1 < l->len && strchr("%*>\"", s[i]) && s[i + 1] >= '0' && s[i + 1] <= '9')
        i += 1;
    size_t d = i;
    while (d < l->len && s[d] >= '0' && s[d] <= '9') d++;
    size_t nd = d - i;
    if (!nd || nd > 2) return false;
    int a = s[i] - '0', b = nd == 2 ? s[i + 1] - '0' : -1;
    if (nd == 1 && d + 1 < l->len && s[d] == '.' && s[d + 1] >= '0' && s[d + 1] <= '9') {
        /* "3.1" */
        size_t e = d + 1;
        int k = 0;
        while (e < l->len && s[e] >= '0' && s[e] <= '9') k = k * 10 + (s[e++] - '0');
        if (a != group || (e < l->len && s[e] != ' ' && s[e] != '|')) return false;
        *task = k;
        *after = S_skip_space(s, e, l->len);
        return true;
    }
    if (nd == 1 && d + 1 < l->len && (s[d] == 'o' || s[d] == 'O') && (s[d + 1] == ' ' || s[d + 1] == '|'))
        nd = 2, b = 0, d++; /* "5o": a digit read as a letter */
    if (d < l->len && s[d] != ' ' && s[d] != '|') return false;
    /* "42": 4.2 with the dot lost; "29", "5o": its second digit damaged too,
     * the row then takes the number the sequence expects */
    if (nd == 2 && (a == group || b == expected)) *task = expected;
    else if (nd == 1 && a == expected) *task = a; /* "4": the group numeral lost */
    else if (nd == 1 && a == group && i > 0) *task = expected; /* "%2": the row number lost */
    else return false;
    *after = S_skip_space(s, d, l->len);
    return true;
}

/* "N | Giải pháp về ..." or "N | text" opening the next group */
static bool S_group_row(const ocr_line *l, int group) {
    const char *s = l->text;
    size_t i = S_skip_space(s, 0, l->len);
    if (i + 1 >= l->len || s[i] != '0' + group + 1 || (s[i + 1] >= '0' && s[i + 1] <= '9') || s[i + 1] == '.')
        return false;
    size_t j = S_skip_space(s, i + 1, l->len);
    bool bar = memchr(s + i + 1, '|', j - i - 1) != NULL;
    const char *f = l->fold + (j <= strlen(l->fold) ? 0 : 0);
    return bar || strstr(f, "giai phap") != NULL;
}

/* Does the line start a row of its own (a capitalised word that is no
 * agency), rather than continue the wrapped cells of the row above? */
static bool S_starts_row(const ocr_line *l, pcre2_match_data *md) {
    const char *s = l->text;
    size_t i = S_skip_space(s, 0, l->len);
    if (i >= l->len) return false;
    uint32_t cp;
    int n = vb_utf8_decode((const unsigned char *)s + i, l->len - i, &cp);
    if (n <= 0 || vb_syl_lower(cp) == cp || vb_syl_upper(cp) != cp) return false;
    if (i + (size_t)n >= l->len || s[i + (size_t)n] == ' ') return false; /* a stray letter ("I sở y tế") */
    if (!strncmp(l->fold + 0, "cac ", 4) || strstr(l->fold, "lien quan") == l->fold) return false;
    return pcre2_match(S_ocr_agency, (PCRE2_SPTR)s, l->len, i, PCRE2_ANCHORED, md, NULL) < 0;
}

static const char *S_trim(vb_doc *doc, const char *s, size_t len) {
    while (len && strchr(" |;,.", *s)) s++, len--;
    while (len && strchr(" |;,", s[len - 1])) len--;
    return len ? vb_arena_strndup(doc->arena, s, len) : NULL;
}

static void S_add_text(vb_doc *doc, vb_node *task, vb_node_type type, const char *text) {
    if (!text) return;
    vb_node *field = vb_node_new(doc, type, task->line);
    vb_node *t = vb_node_new(doc, VB_NODE_TEXT, task->line);
    t->text = text;
    t->len = strlen(text);
    vb_node_add(doc, field, t);
    vb_node_add(doc, task, field);
}

/* A deadline phrase among the last words of a line: its start, or len. */
static size_t S_line_deadline(const char *s, size_t len, vb_deadline *d) {
    size_t starts[4], n = 0;
    for (size_t i = len; i-- > 0 && n < 4;)
        if (s[i] != ' ' && (i == 0 || s[i - 1] == ' ')) starts[n++] = i;
    for (size_t k = n; k-- > 0;) /* the longest phrase first: "Năm 2024" over "2024" */
        if (vb_deadline_parse(s + starts[k], len - starts[k], d)) return starts[k];
    return len;
}

typedef struct {
    vb_node *node;
    vb_buf name;
    size_t first, last; /* its lines */
    size_t numbered;    /* the line with its number */
    size_t after;       /* where the text after the number starts */
} ocr_task;

static void S_finish_task(vb_doc *doc, ocr_line *lines, ocr_task *t, pcre2_match_data *md) {
    const ocr_line *l = &lines[t->numbered];
    const char *s = l->text;
    vb_deadline d;
    size_t when = S_line_deadline(s, l->len, &d);
    const char *deadline_text = when < l->len ? S_trim(doc, s + when, l->len - when) : NULL;
    for (size_t k = t->first; !deadline_text && k <= t->last; k++) {
        if (k == t->numbered || !lines[k].len) continue;
        size_t at = S_line_deadline(lines[k].text, lines[k].len, &d);
        if (at < lines[k].len) deadline_text = S_trim(doc, lines[k].text + at, lines[k].len - at);
    }
    if (!deadline_text) {
        /* "Thường" and "xuyên" on two lines of the row */
        for (size_t k = t->first; k < t->last; k++) {
            size_t fl = strlen(lines[k].fold);
            if (fl >= 6 && !strcmp(lines[k].fold + fl - 6, "thuong") &&
                strstr(lines[k + 1].fold, "xuyen") == lines[k + 1].fold + strlen(lines[k + 1].fold) - 5) {
                deadline_text = "Thường xuyên";
                vb_deadline_parse(deadline_text, strlen(deadline_text), &d);
            }
        }
    }
    /* lead and partners: the agencies after the task's words on the numbered line */
    size_t lead = when, second = when;
    size_t from = t->after;
    /* "đề xuất UBND thành phố ...": an agency the task's text names */
    while (pcre2_match(S_ocr_agency, (PCRE2_SPTR)s, when, from, 0, md, NULL) >= 0) {
        size_t at = pcre2_get_ovector_pointer(md)[0], w = at;
        while (w > t->after && s[w - 1] == ' ') w--;
        size_t v = w;
        while (v > t->after && s[v - 1] != ' ') v--;
        if (w - v < 3 || strncmp(s + v, "xu", 2)) break;
        from = pcre2_get_ovector_pointer(md)[1];
    }
    if (pcre2_match(S_ocr_agency, (PCRE2_SPTR)s, when, from, 0, md, NULL) >= 0) {
        lead = pcre2_get_ovector_pointer(md)[0];
        PCRE2_SIZE lead_end = pcre2_get_ovector_pointer(md)[1];
        if (pcre2_match(S_ocr_agency, (PCRE2_SPTR)s, when, lead_end, 0, md, NULL) >= 0)
            second = pcre2_get_ovector_pointer(md)[0];
        /* one agency: up to a list separator or "Các ..." (the partners) */
        for (size_t k = lead_end; k < second; k++)
            if (s[k] == ';' || s[k] == ',' || s[k] == '|' || (!strncmp(s + k, " Các ", 6) && k + 1 < second)) {
                second = s[k] == ' ' ? k + 1 : k;
                break;
            }
    }
    vb_buf_append(&t->name, s + t->after, lead - t->after);
    for (size_t k = t->numbered + 1; k <= t->last; k++)
        if (lines[k].len) {
            vb_buf_putc(&t->name, ' ');
            vb_buf_append(&t->name, lines[k].text, lines[k].len);
        }
    S_add_text(doc, t->node, VB_NODE_NAME, S_trim(doc, t->name.data ? t->name.data : "", t->name.len));
    if (lead < when) S_add_text(doc, t->node, VB_NODE_LEAD, S_trim(doc, s + lead, second - lead));
    if (second < when) S_add_text(doc, t->node, VB_NODE_PARTNERS, S_trim(doc, s + second, when - second));
    if (deadline_text) {
        S_add_text(doc, t->node, VB_NODE_DEADLINE, deadline_text);
        vb_deadline_attrs(doc, t->node->last_child, &d);
    }
    vb_buf_free(&t->name);
}

/* A row that lost its number (lines from..to-1): it stands alone only with
 * a list of agencies (a ";") or a deadline, else its lines are the start of
 * the numbered row after.  Its lead and deadline are read on the first line
 * that ends with a deadline, else on its middle line. */
static bool S_unnumbered(vb_doc *doc, ocr_line *lines, const bool *skip, size_t from, size_t to,
                         int group, int task, ocr_task *t) {
    bool list = false, when = false;
    size_t mid = from + (to - from) / 2;
    vb_deadline d;
    for (size_t k = from; k < to; k++) {
        if (skip[k] || !lines[k].len) continue;
        list |= memchr(lines[k].text, ';', lines[k].len) != NULL;
        if (!when && S_line_deadline(lines[k].text, lines[k].len, &d) < lines[k].len) {
            mid = k;
            when = true;
        }
    }
    if (!list && !when) return false;
    *t = (ocr_task){.node = vb_node_new(doc, VB_NODE_TASK, lines[mid].line), .numbered = mid};
    t->first = from;
    t->last = to - 1;
    for (size_t k = from; k < mid; k++)
        if (!skip[k] && lines[k].len) {
            vb_buf_append(&t->name, lines[k].text, lines[k].len);
            vb_buf_putc(&t->name, ' ');
        }
    vb_node_set_attr(doc, t->node, "num", vb_arena_printf(doc->arena, "%d.%d", group, task));
    vb_node_set_attr(doc, t->node, "layout", "ocr-lines");
    return true;
}

/* Does the text after a row number start the task's words ("79 Giải
 * quyết"), so that the row starts on its numbered line? */
static bool S_starts_task(const ocr_line *l, size_t after, pcre2_match_data *md) {
    const char *s = l->text + after;
    size_t len = l->len - after;
    uint32_t cp;
    int n = len ? vb_utf8_decode((const unsigned char *)s, len, &cp) : 0;
    if (n <= 0 || vb_syl_lower(cp) == cp || vb_syl_upper(cp) != cp) return false;
    if (!strncmp(s, "Các ", strlen("Các "))) return false;
    return pcre2_match(S_ocr_agency, (PCRE2_SPTR)s, len, 0, PCRE2_ANCHORED, md, NULL) < 0;
}

size_t vb_tasks_from_lines(vb_doc *doc, vb_node *appendix) {
    pthread_once(&S_ocr_once, S_ocr_compile);
    for (vb_node *k = appendix->first_child; k; k = k->next)
        if (k->type == VB_NODE_TASKS || k->type == VB_NODE_TABLE) return 0; /* read from a real table */
    int end = appendix->next && appendix->next->line > appendix->line ? appendix->next->line : 0;
    size_t n = 0, cap = 0;
    ocr_line *lines = NULL;
    for (vb_block *b = doc->source->first; b; b = b->next) {
        if (b->kind != VB_BLOCK_PARAGRAPH || b->region != VB_REGION_BODY || b->line < appendix->line) continue;
        if (end && b->line >= end) break;
        /* the printed lines the layout stage joined into this paragraph:
         * it marked each joining space with the next line's number */
        const vb_run *from = b->runs;
        int line = b->line;
        for (const vb_run *r = b->runs;; r = r->next) {
            bool join = r && r->next && r->next->joined_line;
            if (r && !join) continue;
            vb_buf text = {0};
            for (const vb_run *k = from; k != (r ? r->next : NULL); k = k->next)
                if (k->kind == VB_RUN_TEXT) vb_buf_append(&text, k->text, k->len);
            size_t len = text.len;
            while (len && (text.data[len - 1] == ' ' || text.data[len - 1] == '\n')) len--;
            const char *t = vb_arena_strndup(doc->arena, len ? text.data : "", len);
            vb_buf_free(&text);
            if (n == cap) {
                cap = cap ? cap * 2 : 256;
                ocr_line *grown = realloc(lines, cap * sizeof *lines);
                if (!grown) abort();
                lines = grown;
            }
            lines[n++] = (ocr_line){t, len, S_fold(doc, t, len), line};
            if (!r) break;
            r = r->next; /* the joining space */
            line = r->joined_line;
            from = r->next;
        }
    }
    bool *skip = calloc(n + 1, sizeof *skip);
    if (!skip) abort();
    size_t start = n;
    for (size_t i = 0; i < n && start == n; i++)
        if (S_header_line(&lines[i]) && S_mark_header(lines, skip, i)) start = i + 1;
    for (size_t i = start; i < n; i++)
        if (S_header_line(&lines[i])) S_mark_header(lines, skip, i);

    pcre2_match_data *md = pcre2_match_data_create(4, NULL);
    vb_node *tasks = vb_node_new(doc, VB_NODE_TASKS, start < n ? lines[start].line : appendix->line);
    ocr_task cur = {0};
    bool open = false;      /* the lines below still continue the current task */
    size_t pending = n;     /* first line of a row not yet numbered */
    size_t unclaimed = n;   /* the first such line since the last numbered row */
    int group = 0, expected = 1;
    size_t count = 0;
    for (size_t i = start; i < n; i++) {
        const ocr_line *l = &lines[i];
        if (skip[i] || !l->len) continue;
        int task;
        size_t after;
        if (S_group_row(l, group)) {
            if (cur.node) S_finish_task(doc, lines, &cur, md);
            cur.node = NULL;
            /* a last row of the group that lost its number */
            if (group && unclaimed < i && S_unnumbered(doc, lines, skip, unclaimed, i, group, expected, &cur)) {
                vb_node_add(doc, tasks, cur.node);
                count++;
                S_finish_task(doc, lines, &cur, md);
                cur.node = NULL;
            }
            open = false;
            pending = unclaimed = n;
            group++;
            expected = 1;
        } else if (group && S_task_number(l, group, expected, &task, &after)) {
            if (cur.node) S_finish_task(doc, lines, &cur, md);
            cur.node = NULL;
            /* the row starts on its numbered line: the row begun above it
             * lost its number */
            if (unclaimed < i && S_starts_task(l, after, md) &&
                S_unnumbered(doc, lines, skip, unclaimed, i, group, task, &cur)) {
                vb_node_add(doc, tasks, cur.node);
                count++;
                S_finish_task(doc, lines, &cur, md);
                cur.node = NULL;
                pending = unclaimed = n;
                task++;
            }
            cur = (ocr_task){.node = vb_node_new(doc, VB_NODE_TASK, l->line), .numbered = i, .after = after};
            cur.first = pending < i ? pending : i;
            cur.last = i;
            for (size_t k = cur.first; k < i; k++)
                if (!skip[k] && lines[k].len) {
                    vb_buf_append(&cur.name, lines[k].text, lines[k].len);
                    vb_buf_putc(&cur.name, ' ');
                }
            vb_node_set_attr(doc, cur.node, "num", vb_arena_printf(doc->arena, "%d.%d", group, task));
            vb_node_set_attr(doc, cur.node, "layout", "ocr-lines");
            vb_node_add(doc, tasks, cur.node);
            count++;
            expected = task + 1;
            open = true;
            pending = unclaimed = n;
        } else if (S_starts_row(l, md)) {
            open = false;
            pending = i;
            if (unclaimed == n) unclaimed = i;
        } else if (open && cur.node) {
            cur.last = i;
        }
    }
    if (cur.node) S_finish_task(doc, lines, &cur, md);
    if (group && unclaimed < n && S_unnumbered(doc, lines, skip, unclaimed, n, group, expected, &cur)) {
        vb_node_add(doc, tasks, cur.node);
        count++;
        S_finish_task(doc, lines, &cur, md);
    }
    pcre2_match_data_free(md);
    free(skip);
    free(lines);
    if (!count) return 0;
    vb_node_set_attr(doc, tasks, "count", vb_arena_printf(doc->arena, "%zu", count));
    vb_node_set_attr(doc, tasks, "layout", "ocr-lines");
    vb_node_add(doc, appendix, tasks);
    return count;
}
