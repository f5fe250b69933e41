/* The administrative form of Nghị định 30/2020/NĐ-CP drawn with layout
 * tables.
 *
 * Word users draw the two columns of the form with borderless tables:
 * "authority | motto" and "Số: ... (V/v ...) | place, date" at the top,
 * "Kính gửi: | - addressee" under the title, "Nơi nhận: ... | role, name"
 * at the end.  Whether a table is such a layout table is decided here, by
 * what its cells say, never by its borders: a table of data stays one.  A
 * layout table gives no table node: its cells become lines that know their
 * column, and the header and closing are read from those lines by the same
 * rules as the lines of a text (header.c, build.c). */
#include "build_internal.h"
#include "values.h"

#include <string.h>

static bool S_blank(char c) { return c == ' ' || c == '\t'; }

static bool S_mostly_upper(const char *s, size_t len) {
    size_t upper, lower;
    vb_count_case(s, len, &upper, &lower);
    return upper >= 2 && lower * 5 <= upper;
}

/* ---- which tables are layout ---- */

typedef struct {
    bool motto, number, date, addressees, recipients, role;
    /* a cell that opens with a body's name in capitals ("VĂN PHÒNG UBND
     * TỈNH"), and a cell that opens with anything else */
    bool body_cell, other_cell;
} form_marks;

/* A body's name in capitals on its own line, the signature line of an
 * office that signs in its own name (Nghị định 30/2020, Phụ lục I). */
static bool S_body_line(const char *s, size_t len) {
    while (len && S_blank(*s)) s++, len--;
    while (len && S_blank(s[len - 1])) len--;
    return len && len < 120 && S_mostly_upper(s, len) && vb_lex_agency_word(s, len, VB_LEX_AGENCY_BODY);
}

static void S_mark_line(const char *s, size_t len, bool cell_start, form_marks *f) {
    while (len && S_blank(*s)) s++, len--;
    while (len && S_blank(s[len - 1])) len--;
    if (!len) return;
    vb_pat_match m;
    if (vb_pat_match_text(VB_PAT_MOTTO1_LOOSE, s, len, &m) || vb_pat_match_text(VB_PAT_MOTTO2, s, len, &m))
        f->motto = true;
    if (vb_pat_match_text(VB_PAT_NUMBER, s, len, &m)) f->number = true;
    if (vb_pat_match_text(VB_PAT_PLACE_DATE, s, len, &m)) f->date = true;
    if (cell_start && vb_lex_addressee_mark(s, len)) f->addressees = true;
    if (cell_start && vb_pat_match_text(VB_PAT_RECIPIENTS, s, len, &m)) f->recipients = true;
    if (cell_start && len < 120 && vb_pat_match_text(VB_PAT_SIGNER_ROLE, s, len, &m) &&
        S_mostly_upper(s, len))
        f->role = true;
}

vb_form_table vb_form_classify_table(vb_builder *bd, const vb_block *t, bool at_top) {
    /* the form has two columns (three with an empty gutter) and few rows */
    if (!t->nrows || t->nrows > 6 || t->ncols > 4) return VB_FORM_NONE;
    form_marks f = {0};
    vb_arena *scratch = vb_doc_scratch(bd->doc);
    for (size_t r = 0; r < t->nrows; r++)
        for (size_t c = 0; c < t->rows[r].ncells; c++) {
            const vb_cell *cell = &t->rows[r].cells[c];
            if (cell->covered) continue;
            bool cell_start = true;
            for (const vb_block *p = cell->content; p; p = p->next) {
                /* a table inside a cell holds data: the table is kept */
                if (p->kind == VB_BLOCK_TABLE) {
                    vb_doc_scratch_release(bd->doc);
                    return VB_FORM_NONE;
                }
                if (p->kind != VB_BLOCK_PARAGRAPH) continue;
                size_t len;
                const char *s = vb_block_text_in(scratch, p, &len);
                /* each printed line of the paragraph (soft breaks are '\n') */
                for (size_t from = 0; from <= len;) {
                    const char *nl = memchr(s + from, '\n', len - from);
                    size_t to = nl ? (size_t)(nl - s) : len;
                    size_t a = from;
                    while (a < to && S_blank(s[a])) a++;
                    S_mark_line(s + from, to - from, cell_start, &f);
                    if (cell_start && a < to) {
                        if (S_body_line(s + a, to - a)) f.body_cell = true;
                        else f.other_cell = true;
                    }
                    if (a < to) cell_start = false;
                    from = to + 1;
                }
            }
        }
    vb_doc_scratch_release(bd->doc);
    if (at_top && (f.motto || (f.number && f.date))) return VB_FORM_HEADER;
    if (f.addressees && t->nrows <= 3) return VB_FORM_ADDRESSEES;
    if (f.recipients || (f.role && t->nrows <= 3)) return VB_FORM_CLOSING;
    /* an office signing in its own name: nothing but its name in a cell,
     * the others empty */
    if (!at_top && f.body_cell && !f.other_cell && t->nrows <= 2) return VB_FORM_CLOSING;
    return VB_FORM_NONE;
}

bool vb_form_body_signature(vb_builder *bd, const vb_line *l) {
    return l->layout && S_body_line(l->text, l->len) &&
           vb_form_classify_table(bd, l->layout, false) == VB_FORM_CLOSING;
}

/* ---- the lines of a layout table ---- */

/* Adds line l cut at each wide run of blanks (four or more) that parts two
 * pieces in capitals: "ỦY BAN NHÂN DÂN␣␣␣␣␣␣TỈNH LÀO CAI" padded so that it
 * wraps gives the two lines as printed.  "Số:␣␣␣␣␣/KH-UBND" and a date with
 * its day left blank are one line. */
static void S_add_cut(vb_builder *bd, vb_line l) {
    size_t cut = 0, next = 0;
    if (!l.prefix) {
        for (size_t i = 0; i < l.len; i++) {
            if (!S_blank(l.text[i])) continue;
            size_t j = i;
            while (j < l.len && S_blank(l.text[j])) j++;
            if (j - i >= 4 && j < l.len && S_mostly_upper(l.text, i) &&
                S_mostly_upper(l.text + j, l.len - j)) {
                cut = i;
                next = j;
                break;
            }
            i = j;
        }
    }
    vb_line *slot = vb_push_line(bd, l.block, NULL, NULL, false);
    *slot = l;
    if (!cut) return;
    slot->len = cut;
    if (slot->style_break >= cut) slot->style_break = 0;
    vb_line rest = l;
    rest.text = l.text + next;
    rest.len = l.len - next;
    rest.lead = l.lead + next;
    rest.blank_before = false;
    rest.style_break = l.style_break > next ? l.style_break - next : 0;
    S_add_cut(bd, rest);
}

/* The lines of paragraph p of a cell in grid column col: one per soft break. */
static void S_push_paragraph(vb_builder *bd, const vb_block *t, const vb_block *p, int col,
                             bool first_in_cell) {
    const vb_run *start = p->runs;
    bool blank = first_in_cell || !(p->flags & VB_BLOCK_NO_BLANK_BEFORE);
    for (const vb_run *r = p->runs;; r = r->next) {
        if (r && r->kind != VB_RUN_BREAK) continue;
        if (start != r) {
            vb_line l = *vb_push_line(bd, p, start, r, blank);
            bd->nlines--;
            l.layout = t;
            l.column = col;
            if (l.len || l.first) S_add_cut(bd, l);
            blank = false;
        }
        if (!r) break;
        start = r->next;
    }
}

void vb_form_push_cells(vb_builder *bd, const vb_block *t) {
    /* column by column: the left column of the form is read before the
     * right one, whatever the rows that draw them */
    int ncols = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        int col = 0;
        for (size_t c = 0; c < t->rows[r].ncells; c++) {
            const vb_cell *cell = &t->rows[r].cells[c];
            col += cell->colspan > 0 ? cell->colspan : 1;
        }
        if (col > ncols) ncols = col;
    }
    for (int g = 0; g < ncols; g++)
        for (size_t r = 0; r < t->nrows; r++) {
            int col = 0;
            for (size_t c = 0; c < t->rows[r].ncells; c++) {
                const vb_cell *cell = &t->rows[r].cells[c];
                int span = cell->colspan > 0 ? cell->colspan : 1;
                if (col == g && !cell->covered) {
                    bool first = true;
                    for (const vb_block *p = cell->content; p; p = p->next) {
                        if (p->kind != VB_BLOCK_PARAGRAPH) continue;
                        S_push_paragraph(bd, t, p, g, first);
                        first = false;
                    }
                }
                col += span;
            }
        }
}

/* ---- two-column lines of a text ---- */

/* A text export of a signed page (pdftotext -layout, OCR) prints the two
 * columns of the form side by side on one line, parted by a wide gap:
 * "Số: 5973 /UBND-KT␣␣␣␣␣Lào Cai, ngày 11 tháng 6 năm 2026" at the top,
 * "Nơi nhận:␣␣␣␣␣KT. CHỦ TỊCH" and "- Bộ ...;␣␣␣␣␣PHÓ CHỦ TỊCH" at the end.
 * Such a line is cut at the gap when its parts are the known left and right
 * parts of the form, and its pieces become lines that know their column, as
 * the cells of a layout table do: the left column is read before the right. */

/* Where the first wide gap of l lies (a run of three blanks or more, or a
 * tab): [*gap, *next); false when there is none inside the text. */
static bool S_wide_gap(const vb_line *l, size_t *gap, size_t *next) {
    for (size_t i = l->prefix; i < l->len; i++) {
        if (!S_blank(l->text[i])) continue;
        size_t j = i;
        bool tab = false;
        while (j < l->len && S_blank(l->text[j])) tab |= l->text[j++] == '\t';
        if ((j - i >= 3 || tab) && i > l->prefix && j < l->len) {
            *gap = i;
            *next = j;
            return true;
        }
        i = j;
    }
    return false;
}

/* A piece [from, to) of line l as a line of its own, in column col. */
static vb_line S_piece(const vb_line *l, size_t from, size_t to, const vb_block *layout, int col) {
    vb_line p = *l;
    while (to > from && S_blank(l->text[to - 1])) to--;
    p.text = l->text + from;
    p.len = to - from;
    if (from) {
        p.lead = l->lead + from - l->prefix;
        p.prefix = 0;
        p.blank_before = false;
        p.style_break = l->style_break > from ? l->style_break - from : 0;
    } else if (p.style_break >= to) {
        p.style_break = 0;
    }
    p.layout = layout;
    p.column = col;
    return p;
}

static bool S_role_piece(const char *s, size_t len) {
    vb_pat_match m;
    return len < 120 && S_mostly_upper(s, len) &&
           (vb_pat_match_text(VB_PAT_SIGNER_ROLE, s, len, &m) || len >= 4);
}

static bool S_ends_item(const vb_line *l) {
    if (!l) return true;
    char c = l->len ? l->text[l->len - 1] : ';';
    return c == ';' || c == '.' || c == ':';
}

static void S_keep(vb_form_text *st, vb_line l, bool right) {
    if (right) {
        if (st->nright < VB_FORM_TEXT_MAX) st->right[st->nright++] = l;
    } else if (st->nleft < VB_FORM_TEXT_MAX) {
        st->left[st->nleft++] = l;
    }
}

void vb_form_text_flush(vb_builder *bd, vb_form_text *st) {
    for (size_t k = 0; k < st->nleft; k++) *vb_push_line(bd, st->left[k].block, NULL, NULL, false) = st->left[k];
    for (size_t k = 0; k < st->nright; k++) *vb_push_line(bd, st->right[k].block, NULL, NULL, false) = st->right[k];
    st->nleft = st->nright = 0;
    st->closing = false;
    st->layout = NULL;
}

bool vb_form_text_block(vb_builder *bd, const vb_block *b, bool blank_before, bool at_top, vb_form_text *st) {
    if (b->kind != VB_BLOCK_PARAGRAPH || !b->runs) {
        if (st->closing) vb_form_text_flush(bd, st);
        return false;
    }
    vb_line lines[VB_FORM_TEXT_MAX];
    /* the printed lines of the paragraph: the layout stage of a text joined
     * them with a " " that says where the next one was printed (extract.h) */
    size_t n = 0;
    {
        const vb_run *start = b->runs;
        int num = b->line;
        for (const vb_run *r = b->runs;; r = r->next) {
            bool cut = !r || r->kind == VB_RUN_BREAK || (r->kind == VB_RUN_TEXT && r->joined_line);
            if (!cut) continue;
            if (start != r && n < VB_FORM_TEXT_MAX) {
                vb_line l = *vb_push_line(bd, b, start, r, n ? false : blank_before);
                bd->nlines--;
                l.line = num;
                if (l.len) lines[n++] = l;
            }
            if (!r) break;
            if (r->kind == VB_RUN_TEXT && r->joined_line) num = r->joined_line;
            start = r->next;
        }
    }
    if (!n) {
        if (st->closing) vb_form_text_flush(bd, st);
        return false;
    }
    vb_pat_match m;
    if (st->closing) {
        /* the closing's columns go on while the lines are items of the
         * recipients, their wrapped ends, or the signer's lines */
        if (blank_before) {
            vb_form_text_flush(bd, st);
        } else {
            const vb_line *last = st->nleft ? &st->left[st->nleft - 1] : NULL;
            const vb_line *l = &lines[0];
            size_t gap, next;
            bool in = vb_pat_match_text(VB_PAT_LIST_ITEM, l->text, l->len, &m) || S_wide_gap(l, &gap, &next) ||
                      S_role_piece(l->text, l->len) || !S_ends_item(last) ||
                      (l->len < 60 && vb_pat_match_text(VB_PAT_SIGNER_NAME, l->text, l->len, &m));
            if (!in) {
                vb_form_text_flush(bd, st);
            } else {
                for (size_t k = 0; k < n; k++) {
                    l = &lines[k];
                    last = st->nleft ? &st->left[st->nleft - 1] : NULL;
                    bool item = vb_pat_match_text(VB_PAT_LIST_ITEM, l->text, l->len, &m);
                    if (S_wide_gap(l, &gap, &next)) {
                        S_keep(st, S_piece(l, 0, gap, st->layout, 0), false);
                        S_keep(st, S_piece(l, next, l->len, st->layout, 1), true);
                    } else if (!item && (S_role_piece(l->text, l->len) ||
                                         (S_ends_item(last) && l->len < 60 &&
                                          vb_pat_match_text(VB_PAT_SIGNER_NAME, l->text, l->len, &m)))) {
                        S_keep(st, S_piece(l, 0, l->len, st->layout, 1), true);
                    } else {
                        S_keep(st, S_piece(l, 0, l->len, st->layout, 0), false);
                    }
                }
                return true;
            }
        }
    }
    /* a line of the block with the form's left and right parts */
    bool header = false, closing = false;
    for (size_t k = 0; k < n && !header && !closing; k++) {
        const vb_line *l = &lines[k];
        size_t gap, next;
        if (!S_wide_gap(l, &gap, &next)) continue;
        const char *r = l->text + next;
        size_t rlen = l->len - next;
        if (at_top && n > 1) {
            bool left_number = vb_pat_match_text(VB_PAT_NUMBER, l->text, gap, &m);
            bool right_date = vb_pat_match_text(VB_PAT_PLACE_DATE, r, rlen, &m) && m.start == 0;
            bool right_motto = (vb_pat_match_text(VB_PAT_MOTTO1_LOOSE, r, rlen, &m) ||
                                vb_pat_match_text(VB_PAT_MOTTO2, r, rlen, &m)) && m.start == 0;
            header = (left_number && right_date) || (S_mostly_upper(l->text, gap) && right_motto);
        }
        if (k == 0 && vb_pat_match_text(VB_PAT_RECIPIENTS, l->text, gap, &m) &&
            S_role_piece(r, rlen))
            closing = true;
    }
    if (!header && !closing) {
        /* the type line joined to the header line above it by the layout
         * stage: the printed lines are read one by one */
        bool type = false;
        for (size_t k = 1; at_top && k < n && !type; k++) type = vb_header_type_line(&lines[k]);
        if (!type) return false;
        for (size_t k = 0; k < n; k++) *vb_push_line(bd, b, NULL, NULL, false) = lines[k];
        return true;
    }
    st->layout = b;
    for (size_t k = 0; k < n; k++) {
        const vb_line *l = &lines[k];
        size_t gap, next;
        if (S_wide_gap(l, &gap, &next)) {
            S_keep(st, S_piece(l, 0, gap, b, 0), false);
            S_keep(st, S_piece(l, next, l->len, b, 1), true);
        } else if (closing && !vb_pat_match_text(VB_PAT_LIST_ITEM, l->text, l->len, &m) &&
                   S_role_piece(l->text, l->len)) {
            S_keep(st, S_piece(l, 0, l->len, b, 1), true);
        } else {
            S_keep(st, S_piece(l, 0, l->len, b, 0), false);
        }
    }
    if (closing) {
        st->closing = true;
        return true;
    }
    vb_form_text_flush(bd, st);
    return true;
}
