/* Table repair: what text export and page breaks did to a table, undone and
 * recorded (see vb_table_repair in build_internal.h).
 *
 * A page break in an exported table leaves three marks: the column titles
 * printed again at the top of the new page, a long cell cut in two (its end
 * on a row of its own, without a row number), and sometimes the table cut
 * into two tables with the page number between them.  Each repair leaves an
 * attribute behind: the table's repeated-headers lists the lines of the
 * header rows taken out (their text is kept as page furniture), a row's merged lists the lines of the continuation
 * rows it took in, and rejoined="true" marks the first row after a break. */
#include "build_internal.h"
#include "lexicon.h"
#include "values.h"

#include <stdint.h>
#include <string.h>
#include <unicode/uchar.h>

static bool S_blank(const char *s) {
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n') return false;
    return true;
}

/* A row's cell texts joined by tabs: what a repeated header row repeats. */
static const char *S_row_signature(vb_doc *doc, const vb_node *row) {
    vb_buf b = {0};
    for (const vb_node *c = row->first_child; c; c = c->next) {
        const char *t = vb_node_text_scratch(doc, c);
        while (*t == ' ') t++;
        vb_buf_puts(&b, t);
        vb_buf_putc(&b, '\t');
    }
    const char *s = vb_arena_strndup(vb_doc_scratch(doc), b.data ? b.data : "", b.len);
    vb_buf_free(&b);
    return s;
}

static bool S_is_figure(const char *s) {
    bool digit = false;
    for (; *s; s++) {
        if (*s >= '0' && *s <= '9') digit = true;
        else if (!strchr(".,%‰ -<>≤≥", *s) && (unsigned char)*s < 0x80) return false;
    }
    return digit;
}

static bool S_starts_lower(const char *s) {
    while (*s == ' ') s++;
    uint32_t cp;
    int n = vb_utf8_decode((const unsigned char *)s, strlen(s), &cp);
    return n > 0 && u_islower((UChar32)cp);
}

/* A row without a row number whose filled cells only continue cells the
 * row before has filled: the end of wrapped cells cut off by a page break
 * or a short print line.  A row with figures of its own ("Trong đó: ..."
 * with its values) is a row, not a continuation. */
static bool S_is_continuation(vb_doc *doc, const vb_node *row, const vb_node *prev, bool after_break) {
    if (row->as.row.kind != VB_ROW_DATA || !prev ||
        (prev->as.row.kind != VB_ROW_DATA && prev->as.row.kind != VB_ROW_GROUP))
        return false;
    size_t filled = 0, prev_filled = 0;
    bool lower = false;
    const vb_node *p = prev->first_child;
    for (const vb_node *c = row->first_child; c; c = c->next, p = p ? p->next : NULL) {
        if (c->as.cell.colspan != 1 || (p && p->as.cell.colspan != 1)) return false;
        const char *t = vb_node_text_scratch(doc, c);
        const char *pt = p ? vb_node_text_scratch(doc, p) : "";
        if (!S_blank(pt)) prev_filled++;
        if (S_blank(t)) continue;
        if (c == row->first_child) return false; /* a row number or a label of its own */
        if (S_blank(pt) || S_is_figure(t)) return false;
        if (S_starts_lower(t)) lower = true;
        filled++;
    }
    for (; p; p = p->next)
        if (!S_blank(vb_node_text_scratch(doc, p))) prev_filled++;
    return filled > 0 && filled < prev_filled && (after_break || lower);
}

static void S_append_line(vb_doc *doc, vb_node *n, const char *name, int line) {
    const char *old = vb_node_get_attr(n, name);
    vb_node_set_attr(doc, n, name,
                     old ? vb_arena_printf(doc->arena, "%s %d", old, line)
                         : vb_arena_printf(doc->arena, "%d", line));
}

/* Moves the content of the cells of row into the cells of prev, a space
 * between the two parts of each cut cell. */
static void S_merge_into(vb_doc *doc, vb_node *prev, vb_node *row) {
    vb_node *p = prev->first_child;
    for (vb_node *c = row->first_child; c && p; c = c->next, p = p->next) {
        if (S_blank(vb_node_text_scratch(doc, c))) continue;
        if (!S_blank(vb_node_text_scratch(doc, p))) {
            vb_node *space = vb_node_new(doc, VB_NODE_TEXT, 0);
            space->text = " ";
            space->len = 1;
            vb_node_add(doc, p, space);
        }
        while (c->first_child) vb_node_add(doc, p, c->first_child);
    }
    S_append_line(doc, prev, "merged", row->line);
}

/* The text of a cell, without the blanks before it (scratch). */
static const char *S_cell_text(vb_doc *doc, const vb_node *cell) {
    const char *s = vb_node_text_scratch(doc, cell);
    while (*s == ' ' || *s == '\t' || *s == '\n') s++;
    return s;
}

/* A cell whose text names a column with the lexicon's column-header words
 * ("TT", "Nội dung", "Cơ quan chủ trì", "Thời gian", "Tỷ lệ"). */
static bool S_names_column(const char *s) {
    for (int k = VB_LEX_COL_INDEX; k <= VB_LEX_COL_SHARE; k++)
        if (vb_lex_header_names(s, (vb_lex_column)k)) return true;
    return false;
}

/* Whether every filled cell of row names a column (and one does). */
static bool S_row_names_columns(vb_doc *doc, const vb_node *row, bool every) {
    size_t named = 0, filled = 0;
    for (const vb_node *c = row->first_child; c; c = c->next) {
        const char *s = S_cell_text(doc, c);
        if (!*s) continue;
        filled++;
        named += S_names_column(s);
    }
    return named && (!every || named == filled);
}

static bool S_row_has_figure(vb_doc *doc, const vb_node *row) {
    for (const vb_node *c = row->first_child; c; c = c->next)
        if (S_is_figure(S_cell_text(doc, c))) return true;
    return false;
}

void vb_table_header_rows(vb_builder *bd, vb_node *table, const vb_block *t) {
    vb_doc *doc = bd->doc;
    bool marked = false;
    for (size_t i = 0; i < t->nrows; i++) marked |= t->rows[i].is_header;
    size_t h = 0;
    vb_node *after = table->first_child;
    while (after && after->as.row.kind == VB_ROW_HEADER) after = after->next, h++;
    if (!h || !after) return;
    size_t keep = h;
    vb_node *r = table->first_child;
    if (marked) {
        /* the file says which: its marked rows at the top */
        keep = 0;
        while (keep < h && keep < t->nrows && t->rows[keep].is_header) keep++;
    } else {
        /* a row of the run whose cells hold figures once its printed
         * numbering is read ("1." of a Word list in the first cell) starts
         * the data */
        for (size_t k = 0; k < h && keep == h; k++, r = r->next)
            if (S_row_has_figure(doc, r)) keep = k;
    }
    if (keep == h && !marked) {
        /* the rows under the titles differ in kind: figures, or a group row */
        if (after->as.row.kind == VB_ROW_GROUP || S_row_has_figure(doc, after)) return;
        /* else the titles are only the first row when its cells name
         * columns, with the rows after it whose cells all do */
        keep = 0;
        r = table->first_child;
        if (S_row_names_columns(doc, r, false)) {
            keep = 1;
            for (r = r->next; keep < h && S_row_names_columns(doc, r, true); r = r->next) keep++;
        }
    }
    r = table->first_child;
    for (size_t k = 0; k < h; k++, r = r->next) {
        if (k < keep) continue;
        const vb_node *first = r->first_child;
        const char *s = first ? S_cell_text(doc, first) : "";
        r->as.row.kind = vb_lex_row_kind_of(s) != VB_LEX_ROW_NONE ? VB_ROW_TOTAL : VB_ROW_DATA;
        for (vb_node *c = r->first_child; c; c = c->next) c->as.cell.header = false;
    }
}

void vb_table_repair(vb_builder *bd, vb_node *table) {
    vb_doc *doc = bd->doc;
    /* the column titles: the header rows at the top */
    const char *headers[8];
    size_t nheaders = 0;
    for (vb_node *r = table->first_child; r && r->as.row.kind == VB_ROW_HEADER && nheaders < 8; r = r->next)
        headers[nheaders++] = S_row_signature(doc, r);
    vb_node *prev = NULL;
    int prev_line = 0;
    bool text_lines = doc->source->format && strcmp(doc->source->format, "text") == 0;
    bool seen_body = false;
    for (vb_node *r = table->first_child; r;) {
        vb_node *next = r->next;
        /* a gap in the lines of a text export: a blank line or a page break
         * between rows (a Word table's lines are paragraph numbers) */
        bool after_break = text_lines && r->line > 0 && prev_line > 0 && r->line > prev_line + 1;
        if (r->as.row.kind != VB_ROW_HEADER || seen_body) {
            if (seen_body && nheaders) {
                const char *sig = S_row_signature(doc, r);
                bool repeated = false;
                for (size_t k = 0; k < nheaders && !repeated; k++) repeated = strcmp(sig, headers[k]) == 0;
                if (repeated) {
                    S_append_line(doc, table, "repeated-headers", r->line);
                    prev_line = r->line;
                    vb_build_keep_repeated_row(bd, r);
                    /* the row after a dropped header starts the next page */
                    if (next) vb_node_set_attr(doc, next, "rejoined", "true");
                    r = next;
                    continue;
                }
            }
            /* A header row among body rows that repeats no column title: the
             * source marked the first row after a break as a header (a Word
             * "repeat as header row" on a split table); it is a body row. */
            if (seen_body && r->as.row.kind == VB_ROW_HEADER) {
                r->as.row.kind = VB_ROW_DATA;
                S_append_line(doc, table, "body-headers", r->line);
            }
            seen_body = true;
        }
        if (S_is_continuation(doc, r, prev, after_break || vb_node_get_attr(r, "rejoined"))) {
            S_merge_into(doc, prev, r);
            prev_line = r->line;
            vb_node_unlink(r);
            r = next;
            continue;
        }
        if (after_break && seen_body && r->as.row.kind != VB_ROW_HEADER && prev &&
            !vb_node_get_attr(prev, "rejoined"))
            vb_node_set_attr(doc, r, "rejoined", "true");
        prev = r;
        prev_line = r->line;
        r = next;
    }
}
