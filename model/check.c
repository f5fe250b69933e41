/* Figures stated twice, compared (see vb_doc_check_figures in model.h).
 *
 * Tables: a total row ("Tổng số", "TỔNG SỐ", "Tổng cộng") against the sum of
 * its column; group rows ("I.", "II. BV PHỤ SẢN") against their items, and
 * the total against the groups; a share column ("Tỉ lệ %") against count /
 * total.  Prose: an amount in words against the digits it repeats.  Sums are
 * exact: figures are decimals held as integers of a common scale. */
#include "values.h"

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

/* A cell as a figure: its one DATA child read as printed, empty, or text. */
static figure S_cell_figure(checker *c, const vb_node *cell) {
    figure f = {.node = cell};
    const char *type = vb_node_get_attr(cell, "type");
    if (!type) {
        f.empty = S_blank_text(vb_node_text(c->doc, cell));
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
        const char *t = vb_node_text(c->doc, cell);
        if (S_blank_text(t)) continue;
        label = *label ? vb_arena_printf(c->doc->arena, "%s %s", label, t) : t;
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

static bool S_is_share_header(const char *h) {
    return strstr(h, "%") || strstr(h, "Tỉ lệ") || strstr(h, "Tỷ lệ") || strstr(h, "tỉ lệ") ||
           strstr(h, "tỷ lệ") || strstr(h, "TỈ LỆ") || strstr(h, "TỶ LỆ");
}

static void S_check_table(checker *c, const vb_node *table) {
    vb_arena *a = c->doc->arena;
    size_t nrows = 0;
    for (const vb_node *r = table->first_child; r; r = r->next) nrows++;
    grid_row *rows = vb_arena_alloc(a, (nrows ? nrows : 1) * sizeof *rows);
    const char *headers[MAX_COLS] = {0};
    size_t n = 0, totals = 0, total_at = 0;
    for (const vb_node *r = table->first_child; r; r = r->next) {
        int col = 0;
        if (r->as.row.kind == VB_ROW_HEADER) {
            for (const vb_node *cell = r->first_child; cell; cell = cell->next) {
                const char *t = vb_node_text(c->doc, cell);
                if (S_blank_text(t)) t = NULL;
                for (int k = col; t && k < col + cell->as.cell.colspan && k < MAX_COLS; k++)
                    headers[k] = headers[k] ? vb_arena_printf(a, "%s / %s", headers[k], t) : t;
                col += cell->as.cell.colspan;
            }
            continue;
        }
        grid_row *g = &rows[n];
        memset(g, 0, sizeof *g);
        g->row = r;
        for (const vb_node *cell = r->first_child; cell; cell = cell->next) {
            if (col < MAX_COLS) g->cells[col] = S_cell_figure(c, cell);
            col += cell->as.cell.colspan;
        }
        if (r->as.row.kind == VB_ROW_TOTAL) {
            totals++;
            total_at = n;
        }
        n++;
    }
    if (totals != 1) return; /* several totals: which rows each one adds is not said */
    const grid_row *total = &rows[total_at];
    const char *total_label = S_row_label(c, total);
    const figure **parts = vb_arena_alloc(a, (n + 1) * sizeof *parts);
    for (int col = 0; col < MAX_COLS; col++) {
        const figure *stated = &total->cells[col];
        if (!stated->number) continue;
        const char *header = headers[col] ? headers[col] : "";
        if (S_is_share_header(header)) continue;
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
        if (!headers[col] || !S_is_share_header(headers[col])) continue;
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
    if (!v || !vb_number_from_plain(v, &num)) return false;
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
        }
    }
    return c.mismatches;
}
