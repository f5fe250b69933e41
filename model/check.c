/* Figures stated twice, compared (see vb_doc_check_figures in model.h).
 *
 * Tables: a total row ("Tổng số", "TỔNG SỐ", "Tổng cộng") against the sum of
 * its column; group rows ("I.", "II. BV PHỤ SẢN") against their items, and
 * the total against the groups; a share column ("Tỉ lệ %") against count /
 * total.  Prose: an amount in words against the digits it repeats.  Sums are
 * exact: figures are decimals held as integers of a common scale. */
#include "values.h"

#include <stdlib.h>
#include <string.h>

__extension__ typedef __int128 wide;

typedef struct {
    wide v;   /* value * 10^dec */
    int dec;
    bool number;
    bool empty;
    const vb_node *node;
} figure;

typedef struct {
    vb_doc *doc;
    vb_check *last;
    int mismatches;
} checker;

#define MAX_DEC 6

static wide S_pow10(int n) {
    wide p = 1;
    while (n-- > 0) p *= 10;
    return p;
}

static wide S_at(const figure *f, int dec) { return f->v * S_pow10(dec - f->dec); }

/* Vietnamese notation of v / 10^dec: "1.234.567,89". */
static const char *S_format(vb_arena *a, wide v, int dec) {
    char digits[64];
    size_t n = 0;
    bool neg = v < 0;
    if (neg) v = -v;
    do {
        digits[n++] = (char)('0' + (int)(v % 10));
        v /= 10;
    } while (v && n < sizeof digits);
    while ((int)n <= dec && n < sizeof digits) digits[n++] = '0';
    char out[96];
    size_t o = 0;
    if (neg) out[o++] = '-';
    for (size_t i = n; i-- > 0;) {
        out[o++] = digits[i];
        if ((int)i == dec && dec > 0) out[o++] = ',';
        else if ((int)i > dec && ((int)i - dec) % 3 == 0) out[o++] = '.';
    }
    return vb_arena_strndup(a, out, o);
}

static bool S_blank_text(const char *s) {
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n') return false;
    return true;
}

/* Whether a node's text is blank, read in place (every cell is asked: a
 * copy of its text each time would stay in the arena until the end). */
static bool S_blank_node(const vb_node *n) {
    vb_iter it;
    vb_iter_init(&it, n);
    vb_event ev;
    while ((ev = vb_iter_next(&it)) != VB_EVENT_DONE) {
        const vb_node *k = vb_iter_node(&it);
        if (ev != VB_EVENT_ENTER || k->type != VB_NODE_TEXT) continue;
        for (size_t i = 0; i < k->len; i++)
            if (k->text[i] != ' ' && k->text[i] != '\t' && k->text[i] != '\n') return false;
    }
    return true;
}

/* A cell as a figure: its one DATA child read as printed, empty, or text. */
static figure S_cell_figure(checker *c, const vb_node *cell) {
    figure f = {.node = cell};
    const char *type = vb_node_get_attr(cell, "type");
    if (!type) {
        f.empty = S_blank_node(cell);
        return f;
    }
    if (strcmp(type, "money") && strcmp(type, "integer") && strcmp(type, "decimal") &&
        strcmp(type, "year") && strcmp(type, "percent"))
        return f;
    for (const vb_node *k = cell->first_child; k; k = k->next) {
        if (k->type != VB_NODE_DATA || !k->first_child || k->first_child->type != VB_NODE_TEXT) continue;
        const vb_node *t = k->first_child;
        size_t len = t->len;
        while (len && !(t->text[len - 1] >= '0' && t->text[len - 1] <= '9')) len--;
        vb_number n;
        if (!vb_number_parse(t->text, len, &n) || n.decimals > MAX_DEC) return f;
        f.v = n.mantissa;
        f.dec = n.decimals;
        f.number = true;
        return f;
    }
    return f;
}

static int S_line_of(const vb_node *n) {
    for (; n; n = n->parent)
        if (n->line) return n->line;
    return 0;
}

static void S_record(checker *c, const char *kind, const char *what, const figure *stated,
                     wide expected, int dec, const figure **parts, size_t nparts) {
    vb_arena *a = c->doc->arena;
    vb_check *k = vb_arena_alloc(a, sizeof *k);
    k->line = S_line_of(stated->node);
    k->kind = kind;
    k->what = what;
    k->expected = S_format(a, expected, dec);
    k->found = S_format(a, S_at(stated, dec), dec);
    k->ok = S_at(stated, dec) == expected;
    k->nfigures = nparts + 1;
    k->figures = vb_arena_alloc(a, k->nfigures * sizeof *k->figures);
    k->figures[0] = stated->node;
    for (size_t i = 0; i < nparts; i++) k->figures[i + 1] = parts[i]->node;
    if (!k->ok) {
        c->mismatches++;
        vb_node_set_attr(c->doc, (vb_node *)stated->node, "check", "mismatch");
    }
    if (c->last) c->last->next = k;
    else c->doc->checks = k;
    c->last = k;
}

/* ---- tables ---- */

#define MAX_COLS 64

typedef struct {
    const vb_node *row;
    figure cells[MAX_COLS];
    const vb_node *label; /* the first cell with text: the row's name */
} grid_row;

/* A row's name: its text cells before the first figure ("II. BV PHỤ SẢN"). */
static const char *S_row_label(checker *c, const grid_row *r) {
    const char *label = "";
    for (const vb_node *cell = r->row->first_child; cell; cell = cell->next) {
        /* a figure ends the name, but a row number before it is part of it */
        if (vb_node_get_attr(cell, "type") && (*label || cell != r->row->first_child)) break;
        const char *t = vb_node_text_scratch(c->doc, cell);
        if (S_blank_text(t)) continue;
        label = *label ? vb_arena_printf(vb_doc_scratch(c->doc), "%s %s", label, t) : t;
    }
    return label;
}

/* Sums column col over rows [from, to) of the given kind; false when a
 * row holds text there (the column is not all figures) or nothing counts. */
static bool S_sum(const grid_row *rows, size_t from, size_t to, vb_row_kind kind, int col,
                  wide *sum, int *dec, const figure **parts, size_t *nparts) {
    int d = 0;
    size_t numbers = 0;
    for (size_t i = from; i < to; i++) {
        if (rows[i].row->as.row.kind != kind) continue;
        const figure *f = &rows[i].cells[col];
        if (f->number) {
            numbers++;
            if (f->dec > d) d = f->dec;
        } else if (!f->empty && f->node) {
            return false;
        }
    }
    if (!numbers) return false;
    wide s = 0;
    *nparts = 0;
    for (size_t i = from; i < to; i++) {
        if (rows[i].row->as.row.kind != kind || !rows[i].cells[col].number) continue;
        s += S_at(&rows[i].cells[col], d);
        parts[(*nparts)++] = &rows[i].cells[col];
    }
    *sum = s;
    *dec = d;
    return true;
}

static void S_compare(checker *c, const char *kind, const char *what, const figure *stated,
                      wide sum, int dec, const figure **parts, size_t nparts) {
    int d = stated->dec > dec ? stated->dec : dec;
    S_record(c, kind, what, stated, sum * S_pow10(d - dec), d, parts, nparts);
}

/* A "Tổng" column: in each row, the sum of the row's other figures (row
 * numbers, years and shares left out). */
static void S_check_row_totals(checker *c, const grid_row *rows, size_t n, const char *const *headers) {
    int total_col = -1;
    for (int col = 0; col < MAX_COLS; col++)
        if (headers[col] && vb_lex_is_total_header(headers[col])) {
            total_col = col;
            break;
        }
    if (total_col < 0) return;
    for (size_t i = 0; i < n; i++) {
        const figure *stated = &rows[i].cells[total_col];
        if (!stated->number) continue;
        const figure *parts[MAX_COLS];
        size_t nparts = 0;
        int d = 0;
        for (int col = 0; col < MAX_COLS; col++) {
            const figure *f = &rows[i].cells[col];
            if (col == total_col || !f->number || vb_lex_header_names(headers[col], VB_LEX_COL_INDEX) ||
                vb_lex_header_names(headers[col], VB_LEX_COL_SHARE))
                continue;
            const char *type = vb_node_get_attr(f->node, "type");
            if (type && strcmp(type, "year") == 0) continue;
            parts[nparts++] = f;
            if (f->dec > d) d = f->dec;
        }
        if (nparts < 2) continue;
        wide sum = 0;
        for (size_t k = 0; k < nparts; k++) sum += S_at(parts[k], d);
        S_compare(c, "row-total",
                  vb_arena_printf(c->doc->arena, "%s, cột %d: %s", S_row_label(c, &rows[i]), total_col + 1,
                                  headers[total_col]),
                  stated, sum, d, parts, nparts);
    }
}

/* Several total rows: each adds the rows above it up to the one before; a
 * total right after another adds the totals before it (a grand total). */
static void S_check_several_totals(checker *c, const grid_row *rows, size_t n, const char *const *headers) {
    const figure **parts = vb_arena_alloc(c->doc->arena, (n + 1) * sizeof *parts);
    size_t start = 0;
    for (size_t t = 0; t < n; t++) {
        if (rows[t].row->as.row.kind != VB_ROW_TOTAL) continue;
        size_t data = 0;
        for (size_t i = start; i < t; i++) data += rows[i].row->as.row.kind == VB_ROW_DATA;
        for (int col = 0; col < MAX_COLS; col++) {
            const figure *stated = &rows[t].cells[col];
            if (!stated->number || vb_lex_header_names(headers[col], VB_LEX_COL_SHARE)) continue;
            wide sum;
            int dec;
            size_t nparts;
            bool ok = data ? S_sum(rows, start, t, VB_ROW_DATA, col, &sum, &dec, parts, &nparts)
                           : S_sum(rows, 0, t, VB_ROW_TOTAL, col, &sum, &dec, parts, &nparts);
            if (!ok || nparts < 2) continue;
            S_compare(c, "column-total",
                      vb_arena_printf(c->doc->arena, "%s, cột %d%s%s", S_row_label(c, &rows[t]), col + 1,
                                      headers[col] ? ": " : "", headers[col] ? headers[col] : ""),
                      stated, sum, dec, parts, nparts);
        }
        start = t + 1;
    }
}

static void S_check_table_rows(checker *c, const vb_node *table, grid_row *rows, const figure **parts);

/* The columns a row's cells cover. */
static int S_row_width(const vb_node *row) {
    int w = 0;
    for (const vb_node *cell = row->first_child; cell; cell = cell->next) w += cell->as.cell.colspan;
    return w;
}

/* The columns the label cell of a total row covers.  A Word table says so
 * (gridSpan gives the cell its colspan); a text table cannot, and prints
 * the label once, then the figures: a total row with fewer columns than
 * the table whose first cell is its label has the label span the missing
 * columns, so that the figures after it stand under the last columns, as
 * printed ("Tổng cộng | 30 | 300" under "STT | Đơn vị | Ghi chú | Số | Kinh
 * phí"). */
static int S_label_span(const vb_node *row, int width) {
    const vb_node *label = row->first_child;
    if (!label) return 1;
    int w = S_row_width(row);
    if (row->as.row.kind != VB_ROW_TOTAL || w >= width || vb_node_get_attr(label, "type"))
        return label->as.cell.colspan;
    return label->as.cell.colspan + (width - w);
}

/* The grid (2 KB a row) and the parts list are scratch: heap, freed when the
 * table is checked, not kept in the document's arena. */
static void S_check_table(checker *c, const vb_node *table) {
    size_t nrows = 0;
    for (const vb_node *r = table->first_child; r; r = r->next) nrows++;
    grid_row *rows = malloc((nrows ? nrows : 1) * sizeof *rows);
    const figure **parts = malloc((nrows + 1) * sizeof *parts);
    if (rows && parts) S_check_table_rows(c, table, rows, parts);
    free(rows);
    free(parts);
}

static void S_check_table_rows(checker *c, const vb_node *table, grid_row *rows, const figure **parts) {
    vb_arena *a = c->doc->arena;
    const char *headers[MAX_COLS] = {0};
    size_t n = 0, totals = 0, total_at = 0;
    int width = 0;
    for (const vb_node *r = table->first_child; r; r = r->next) {
        int w = S_row_width(r);
        if (w > width) width = w;
    }
    for (const vb_node *r = table->first_child; r; r = r->next) {
        int col = 0;
        if (r->as.row.kind == VB_ROW_HEADER) {
            for (const vb_node *cell = r->first_child; cell; cell = cell->next) {
                const char *t = vb_node_text_scratch(c->doc, cell);
                if (S_blank_text(t)) t = NULL;
                for (int k = col; t && k < col + cell->as.cell.colspan && k < MAX_COLS; k++)
                    headers[k] = vb_header_join(vb_doc_scratch(c->doc), headers[k], t);
                col += cell->as.cell.colspan;
            }
            continue;
        }
        grid_row *g = &rows[n];
        memset(g, 0, sizeof *g);
        g->row = r;
        int label_span = S_label_span(r, width);
        for (const vb_node *cell = r->first_child; cell; cell = cell->next) {
            if (col < MAX_COLS) g->cells[col] = S_cell_figure(c, cell);
            col += cell == r->first_child ? label_span : cell->as.cell.colspan;
        }
        if (r->as.row.kind == VB_ROW_TOTAL) {
            totals++;
            total_at = n;
        }
        n++;
    }
    S_check_row_totals(c, rows, n, headers);
    if (totals > 1) {
        S_check_several_totals(c, rows, n, headers);
        return;
    }
    if (totals != 1) return;
    const grid_row *total = &rows[total_at];
    const char *total_label = S_row_label(c, total);
    for (int col = 0; col < MAX_COLS; col++) {
        const figure *stated = &total->cells[col];
        if (!stated->number) continue;
        const char *header = headers[col] ? headers[col] : "";
        if (vb_lex_header_names(header, VB_LEX_COL_SHARE)) continue;
        const char *what = vb_arena_printf(a, "%s, cột %d%s%s", total_label, col + 1,
                                           *header ? ": " : "", header);
        /* groups with their own figure: each against its items, the total against them */
        size_t groups = 0;
        for (size_t i = 0; i < n; i++)
            if (rows[i].row->as.row.kind == VB_ROW_GROUP && rows[i].cells[col].number) groups++;
        wide sum;
        int dec;
        size_t nparts;
        if (groups) {
            for (size_t i = 0; i < n; i++) {
                if (rows[i].row->as.row.kind != VB_ROW_GROUP || !rows[i].cells[col].number) continue;
                size_t end = i + 1;
                while (end < n && rows[end].row->as.row.kind == VB_ROW_DATA) end++;
                if (S_sum(rows, i + 1, end, VB_ROW_DATA, col, &sum, &dec, parts, &nparts))
                    S_compare(c, "group-total",
                              vb_arena_printf(a, "%s, cột %d", S_row_label(c, &rows[i]), col + 1),
                              &rows[i].cells[col], sum, dec, parts, nparts);
            }
            if (S_sum(rows, 0, n, VB_ROW_GROUP, col, &sum, &dec, parts, &nparts))
                S_compare(c, "column-total", what, stated, sum, dec, parts, nparts);
        } else if (S_sum(rows, 0, n, VB_ROW_DATA, col, &sum, &dec, parts, &nparts) && nparts >= 2) {
            S_compare(c, "column-total", what, stated, sum, dec, parts, nparts);
        }
    }
    /* share columns: count / total of the column before, rounded as printed */
    for (int col = 1; col < MAX_COLS; col++) {
        if (!vb_lex_header_names(headers[col], VB_LEX_COL_SHARE)) continue;
        const figure *base = &total->cells[col - 1];
        if (!base->number || base->v <= 0) continue;
        for (size_t i = 0; i < n; i++) {
            const grid_row *r = &rows[i];
            if (r->row->as.row.kind != VB_ROW_DATA) continue;
            const figure *share = &r->cells[col], *count = &r->cells[col - 1];
            if (!share->number || !count->number) continue;
            /* share = round(100 * count / base) at the share's decimals */
            int d = count->dec > base->dec ? count->dec : base->dec;
            wide num = S_at(count, d) * 100 * S_pow10(share->dec);
            wide den = S_at(base, d);
            wide expected = (2 * num + den) / (2 * den);
            const figure *p[2] = {count, base};
            S_record(c, "share",
                     vb_arena_printf(a, "%s, cột %d: %s", S_row_label(c, r), col + 1, headers[col]),
                     share, expected, share->dec, p, 2);
        }
    }
}

/* ---- amounts in words ---- */

static bool S_data_value(const vb_node *n, figure *f) {
    const char *v = vb_node_get_attr(n, "value");
    vb_number num;
    /* beyond MAX_DEC the common scale would overflow */
    if (!v || !vb_number_from_plain(v, &num) || num.decimals > MAX_DEC) return false;
    f->v = num.mantissa;
    f->dec = num.decimals;
    f->number = true;
    f->node = n;
    return true;
}

static void S_check_words(checker *c, const vb_node *words, const vb_node *digits) {
    figure stated, spelt;
    if (!S_data_value(digits, &stated) || !S_data_value(words, &spelt)) return;
    const figure *p[1] = {&spelt};
    int d = stated.dec > spelt.dec ? stated.dec : spelt.dec;
    S_record(c, "words", vb_node_text(c->doc, words), &stated, S_at(&spelt, d), d, p, 1);
}

/* ---- totals stated in prose ---- */

/* Money figures in a block's own inline content, with their offsets in the
 * block's text; a figure is an amount (value in đồng) or a number followed
 * by a unit of money in the text after it ("495,752 tỷ đồng" split by
 * repaired words, "315,8 ty dong" read with diacritics off). */
typedef struct {
    figure f;
    size_t start, end;
} money;

typedef struct {
    vb_buf text;
    money *items;
    size_t n, cap;
} block_money;

static int64_t S_unit_after(const char *s) {
    while (*s == ' ') s++;
    static const struct { const char *unit; int64_t scale; } units[] = {
        {"tỷ đồng", 1000000000}, {"tỉ đồng", 1000000000}, {"ty dong", 1000000000},
        {"ty đồng", 1000000000}, {"triệu đồng", 1000000}, {"trieu dong", 1000000},
        {"nghìn đồng", 1000},    {"ngàn đồng", 1000},     {"nghin dong", 1000},
        {"đồng", 1},             {"dong", 1},             {"đ", 1}};
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        size_t n = strlen(units[i].unit);
        if (strncmp(s, units[i].unit, n) != 0) continue;
        unsigned char next = (unsigned char)s[n];
        if ((next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z') || next >= 0x80) continue;
        return units[i].scale;
    }
    return 0;
}

static void S_collect_money(checker *c, const vb_node *n, block_money *bm) {
    for (const vb_node *k = n->first_child; k; k = k->next) {
        if (!vb_node_is_inline(k->type)) continue; /* a nested list is a block of its own */
        if (k->type == VB_NODE_TEXT) {
            vb_buf_append(&bm->text, k->text, k->len);
            continue;
        }
        if (k->type != VB_NODE_DATA) {
            if (k->type == VB_NODE_REPAIR || k->first_child) S_collect_money(c, k, bm);
            continue;
        }
        size_t start = bm->text.len;
        const char *t = vb_node_text_scratch(c->doc, k);
        vb_buf_puts(&bm->text, t);
        const char *kind = vb_node_get_attr(k, "kind");
        const char *value = vb_node_get_attr(k, "value");
        vb_number num;
        if (!kind || !value || vb_node_get_attr(k, "words") || vb_node_get_attr(k, "cmp") ||
            !vb_number_from_plain(value, &num))
            continue;
        int64_t scale = 1;
        if (strcmp(kind, "number") == 0) {
            /* the unit is in the text that follows, maybe in other nodes */
            vb_buf after = {0};
            for (const vb_node *s = k->next; s && after.len < 32; s = s->next) {
                const char *st = vb_node_text_scratch(c->doc, s);
                vb_buf_puts(&after, st);
            }
            scale = after.data ? S_unit_after(after.data) : 0;
            vb_buf_free(&after);
            if (!scale) continue;
        } else if (strcmp(kind, "amount") != 0) {
            continue;
        }
        if (bm->n == bm->cap) {
            bm->cap = bm->cap ? bm->cap * 2 : 16;
            money *grown = vb_arena_alloc(vb_doc_scratch(c->doc), bm->cap * sizeof *grown);
            if (bm->n) memcpy(grown, bm->items, bm->n * sizeof *grown);
            bm->items = grown;
        }
        money *m = &bm->items[bm->n++];
        memset(m, 0, sizeof *m);
        m->f.v = (wide)num.mantissa * scale;
        m->f.dec = num.decimals;
        while (m->f.dec > 0 && m->f.v % 10 == 0) {
            m->f.v /= 10;
            m->f.dec--;
        }
        m->f.number = true;
        m->f.node = k;
        m->start = start;
        m->end = bm->text.len;
    }
}

static const char *S_total_what(checker *c, const money *total, size_t nparts, const char *how) {
    return vb_arena_printf(c->doc->arena, "%s, %zu khoản %s", vb_node_text_scratch(c->doc, total->f.node),
                           nparts, how);
}

static void S_compare_parts(checker *c, const money *total, const figure **parts, size_t nparts,
                            const char *how) {
    int d = total->f.dec;
    for (size_t i = 0; i < nparts; i++)
        if (parts[i]->dec > d) d = parts[i]->dec;
    if (d > MAX_DEC) return;
    wide sum = 0;
    for (size_t i = 0; i < nparts; i++) sum += S_at(parts[i], d);
    S_record(c, "prose-total", S_total_what(c, total, nparts, how), &total->f, sum, d, parts, nparts);
}

/* "Tổng kinh phí dự kiến là 22.702.490.289 nghìn đồng (Ngân sách Nhà nước:
 * 21.979.754.654 nghìn đồng; Quỹ ...: 722.735.635 nghìn đồng)": a total
 * with its parts in the brackets right after it. */
static void S_check_bracketed(checker *c, const block_money *bm) {
    const char *s = bm->text.data;
    for (size_t i = 0; i + 2 < bm->n && s; i++) {
        const money *total = &bm->items[i];
        size_t from = total->start > 120 ? total->start - 120 : 0;
        if (!vb_lex_mentions_total(s + from, total->start - from)) continue;
        /* the bracket opens after the unit, before any other figure */
        size_t open = total->end;
        while (open < bm->text.len && open < total->end + 24 && s[open] != '(') open++;
        if (open >= bm->text.len || s[open] != '(' || bm->items[i + 1].start < open) continue;
        size_t close = open, depth = 0;
        for (; close < bm->text.len; close++) {
            if (s[close] == '(') depth++;
            else if (s[close] == ')' && --depth == 0) break;
        }
        if (close >= bm->text.len) continue;
        const figure *parts[32];
        size_t nparts = 0;
        for (size_t k = i + 1; k < bm->n && bm->items[k].end <= close && nparts < 32; k++)
            parts[nparts++] = &bm->items[k].f;
        if (nparts >= 2) S_compare_parts(c, total, parts, nparts, "trong ngoặc");
    }
}

static bool S_ends_with_colon(checker *c, const vb_node *n) {
    const char *t = vb_node_text_scratch(c->doc, n);
    size_t len = strlen(t);
    while (len && (t[len - 1] == ' ' || t[len - 1] == '\n')) len--;
    return len && t[len - 1] == ':';
}

static bool S_introduces_parts(const char *s) {
    static const char *const words[] = {"Trong đó", "trong đó", "Trong do", "trong do", "bao gồm",
                                        "Bao gồm", "cụ thể", "Cụ thể", "gồm:"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strstr(s, words[i])) return true;
    return false;
}

/* "... bố trí 5.595,966 tỷ đồng để thực hiện. Trong đó:" and a list of
 * amounts after it, maybe in several runs ("* Phân kỳ đầu tư:" then one
 * item per year): each run adds up to the total. */
static void S_check_listed(checker *c, const vb_node *block, const block_money *bm) {
    if (!bm->n || !bm->text.data) return;
    const money *total = &bm->items[bm->n - 1];
    const char *after = bm->text.data + total->end;
    size_t len = strlen(after);
    while (len && (after[len - 1] == ' ' || after[len - 1] == '\n')) len--;
    if (!S_introduces_parts(after) && !(len && after[len - 1] == ':')) return;
    const vb_node *list = NULL;
    if (block->type == VB_NODE_PARAGRAPH && block->next && block->next->type == VB_NODE_LIST) list = block->next;
    else if (block->type == VB_NODE_ITEM && block->last_child && block->last_child->type == VB_NODE_LIST)
        list = block->last_child;
    if (!list) return;
    const figure *parts[64];
    size_t nparts = 0;
    for (const vb_node *item = list->first_child; item; item = item->next) {
        block_money im = {0};
        S_collect_money(c, item, &im);
        vb_buf_free(&im.text);
        if (im.n >= 1 && nparts < 64) {
            parts[nparts++] = &im.items[0].f;
        } else if (!im.n && S_ends_with_colon(c, item)) {
            /* a heading item starts another run */
        } else {
            return; /* an item without an amount: no clean breakdown */
        }
        /* a heading below the item ("* Phân kỳ đầu tư:"), or one without a
         * figure: the run ends */
        const vb_node *sub = item->last_child;
        bool heading = !im.n;
        if (sub && sub->type == VB_NODE_LIST && sub->first_child && !sub->first_child->next &&
            S_ends_with_colon(c, sub->first_child))
            heading = true;
        if (heading || !item->next) {
            if (nparts >= 2) S_compare_parts(c, total, parts, nparts, "liệt kê");
            nparts = 0;
        }
    }
}

static void S_check_prose(checker *c, const vb_node *block) {
    block_money bm = {0};
    S_collect_money(c, block, &bm);
    if (bm.n) {
        S_check_bracketed(c, &bm);
        S_check_listed(c, block, &bm);
    }
    vb_buf_free(&bm.text);
}

int vb_doc_check_figures(vb_doc *doc) {
    checker c = {.doc = doc};
    doc->checks = NULL;
    vb_iter it;
    vb_iter_init(&it, doc->root);
    vb_event ev;
    const vb_node *last_amount = NULL;
    while ((ev = vb_iter_next(&it)) != VB_EVENT_DONE) {
        const vb_node *n = vb_iter_node(&it);
        if (ev != VB_EVENT_ENTER) continue;
        if (n->type == VB_NODE_TASKS) {
            it.ev = VB_EVENT_EXIT; /* copies of table cells, checked in their table */
            continue;
        }
        if (n->type == VB_NODE_TABLE) {
            S_check_table(&c, n);
            vb_doc_scratch_release(doc);
            last_amount = NULL;
        } else if (n->type == VB_NODE_DATA) {
            const char *kind = vb_node_get_attr(n, "kind");
            if (!kind || strcmp(kind, "amount") != 0) continue;
            if (vb_node_get_attr(n, "words")) {
                if (last_amount && vb_node_get_attr(n, "words-of")) S_check_words(&c, n, last_amount);
                last_amount = NULL;
            } else {
                last_amount = n;
            }
        } else if (!vb_node_is_inline(n->type)) {
            last_amount = NULL; /* words repeat a figure of their own block */
            if (n->type == VB_NODE_PARAGRAPH || n->type == VB_NODE_ITEM) {
                S_check_prose(&c, n);
                vb_doc_scratch_release(doc);
            }
        }
    }
    return c.mismatches;
}
