/* A table as RFC 4180 CSV: the rows laid on a grid (spans placed as the
 * XML and HTML renderers place them), each position written as printed
 * text, optionally with the cell's typed value beside it. */
#include "render_internal.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define S_MAX_POSITIONS ((size_t)1 << 24)
#define S_MAX_DEPTH 64

/* The printed text of a cell: its inlines; paragraphs and list items of a
 * many-paragraph cell on lines of their own; a table nested in the cell
 * is left to its own CSV. */
static void S_cell_text(vb_buf *out, const vb_node *n, int depth) {
    for (const vb_node *c = n->first_child; c; c = c->next) {
        switch (c->type) {
        case VB_NODE_TEXT: vb_buf_append(out, c->text, c->len); break;
        case VB_NODE_LINEBREAK: vb_buf_putc(out, '\n'); break;
        case VB_NODE_NOTE_REF:
            if (c->as.note.label) vb_buf_puts(out, c->as.note.label);
            break;
        case VB_NODE_DELETED: break; /* not part of the accepted text */
        case VB_NODE_PARAGRAPH:
        case VB_NODE_LIST:
        case VB_NODE_ITEM:
            if (out->len && out->data[out->len - 1] != '\n') vb_buf_putc(out, '\n');
            if (c->type == VB_NODE_ITEM && c->as.item.marker) {
                vb_buf_puts(out, c->as.item.marker);
                vb_buf_putc(out, ' ');
            }
            /* fall through */
        case VB_NODE_EMPH:
        case VB_NODE_STRONG:
        case VB_NODE_SUPERSCRIPT:
        case VB_NODE_SUBSCRIPT:
        case VB_NODE_LINK:
        case VB_NODE_REPAIR:
        case VB_NODE_INSERTED:
        case VB_NODE_DATA:
            if (depth < S_MAX_DEPTH) S_cell_text(out, c, depth + 1);
            break;
        case VB_NODE_TABLE:
        case VB_NODE_DOCUMENT:
        case VB_NODE_BODY:
        case VB_NODE_SECTION:
        case VB_NODE_HEADING:
        case VB_NODE_ROW:
        case VB_NODE_CELL:
        case VB_NODE_APPENDIX:
        case VB_NODE_FOOTNOTE:
        case VB_NODE_CLOSING:
        case VB_NODE_RECIPIENTS:
        case VB_NODE_SIGNER:
        case VB_NODE_ROLE:
        case VB_NODE_NAME:
        case VB_NODE_TASKS:
        case VB_NODE_TASK:
        case VB_NODE_LEAD:
        case VB_NODE_PARTNERS:
        case VB_NODE_OUTPUT:
        case VB_NODE_DEADLINE:
        case VB_NODE_PAGE_HEADER:
        case VB_NODE_PAGE_FOOTER:
        case VB_NODE_QUOTATION:
        case VB_NODE_LAYOUT:
            break; /* not found in a cell (vb_node_can_contain) */
        case VB_NODE__COUNT:
        default: assert(!"node type unknown to the CSV renderer"); break;
        }
    }
}

static const char *S_attr(const vb_node *n, const char *name) {
    for (const vb_attr *a = n->attrs; a; a = a->next)
        if (strcmp(a->name, name) == 0) return a->value;
    return NULL;
}

static void S_field(vb_buf *out, const char *s, size_t len, bool first) {
    if (!first) vb_buf_putc(out, ',');
    bool quote = false;
    for (size_t i = 0; i < len && !quote; i++)
        quote = s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
    if (!quote) {
        vb_buf_append(out, s, len);
        return;
    }
    vb_buf_putc(out, '"');
    size_t plain = 0;
    for (size_t i = 0; i < len; i++)
        if (s[i] == '"') {
            vb_buf_append(out, s + plain, i + 1 - plain);
            vb_buf_putc(out, '"');
            plain = i + 1;
        }
    vb_buf_append(out, s + plain, len - plain);
    vb_buf_putc(out, '"');
}

/* The type the table's columns attribute gives column col ("decimal"), into
 * out; "" when it gives none. */
static void S_column_type(const vb_node *table, size_t col, vb_buf *out) {
    const char *cols = S_attr(table, "columns");
    for (size_t i = 0; cols && *cols; i++) {
        size_t n = strcspn(cols, " ");
        if (i == col) {
            vb_buf_append(out, cols, n);
            return;
        }
        cols += n;
        while (*cols == ' ') cols++;
    }
}

typedef struct {
    const vb_node *cell; /* the cell covering the position, NULL for none */
    bool origin;         /* the cell's first position */
} S_pos;

int vb_render_table_csv(const vb_node *table, const vb_csv_options *o, vb_buf *out) {
    if (!table || table->type != VB_NODE_TABLE) return VB_ERR_USAGE;
    vb_csv_options def = {VB_CSV_SPANS_REPEAT, false};
    if (!o) o = &def;
    size_t nrows = 0, width = 0, spill = 0;
    for (const vb_node *r = table->first_child; r; r = r->next, nrows++) {
        size_t w = 0;
        for (const vb_node *c = r->first_child; c; c = c->next) {
            size_t cs = c->as.cell.colspan > 1 ? (size_t)c->as.cell.colspan : 1;
            w += cs;
            if (c->as.cell.rowspan > 1) spill += cs;
            if (w > S_MAX_POSITIONS || spill > S_MAX_POSITIONS) return VB_ERR_LIMIT;
        }
        if (w > width) width = w;
    }
    width += spill; /* room for cells pushed right by spans from above */
    if (!nrows || !width) return VB_OK;
    if (width > S_MAX_POSITIONS / nrows) return VB_ERR_LIMIT;
    S_pos *grid = calloc(nrows * width, sizeof *grid);
    if (!grid) return VB_ERR_LIMIT;
    size_t used = 0, y = 0;
    for (const vb_node *r = table->first_child; r; r = r->next, y++) {
        size_t x = 0;
        for (const vb_node *c = r->first_child; c; c = c->next) {
            while (x < width && grid[y * width + x].cell) x++;
            size_t cs = c->as.cell.colspan > 1 ? (size_t)c->as.cell.colspan : 1;
            size_t rs = c->as.cell.rowspan > 1 ? (size_t)c->as.cell.rowspan : 1;
            if (rs > nrows - y) rs = nrows - y;
            for (size_t dy = 0; dy < rs; dy++)
                for (size_t dx = 0; dx < cs && x + dx < width; dx++) {
                    S_pos *p = &grid[(y + dy) * width + x + dx];
                    if (p->cell) continue; /* overlapping spans: the first keeps it */
                    p->cell = c;
                    p->origin = dy == 0 && dx == 0;
                }
            x += cs;
            if (x > used) used = x < width ? x : width;
        }
    }
    vb_buf text = {0};
    y = 0;
    for (const vb_node *r = table->first_child; r; r = r->next, y++) {
        bool header = r->as.row.kind == VB_ROW_HEADER;
        for (size_t x = 0; x < used; x++) {
            const S_pos *p = &grid[y * width + x];
            bool show = p->cell && (p->origin || o->spans == VB_CSV_SPANS_REPEAT);
            vb_buf_clear(&text);
            if (show) S_cell_text(&text, p->cell, 0);
            S_field(out, text.data ? text.data : "", text.len, x == 0);
            if (!o->values) continue;
            vb_buf_clear(&text);
            if (header) {
                vb_buf_puts(&text, "value");
                size_t at = text.len;
                vb_buf_putc(&text, ':');
                S_column_type(table, x, &text);
                if (text.len == at + 1) text.len = at; /* no type known */
            } else if (show && S_attr(p->cell, "type") && S_attr(p->cell, "value")) {
                vb_buf_puts(&text, S_attr(p->cell, "value"));
            }
            S_field(out, text.data ? text.data : "", text.len, false);
        }
        vb_buf_puts(out, "\r\n");
    }
    vb_buf_free(&text);
    free(grid);
    return VB_OK;
}
