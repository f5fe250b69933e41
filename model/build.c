/* Tree building: from the normalized blocks of a source to one document tree.
 *
 * The builder reads what the text says.  It first cuts the blocks into
 * logical lines (a paragraph whose soft line breaks hide numbered headings is
 * several lines), then reads the administrative header off the top
 * (header.c), finds where the appendices and the closing block start, and
 * flows every part into sections by its numbering: each numbering style has a
 * rank (Phần < Chương < Mục < Điều < I. < 1. < 1.1. < 1.1.1. < a)), and a new
 * heading closes every open section of the same or a deeper rank.  Markdown
 * "#" levels and Word heading styles are not used for the hierarchy: in real
 * exports they often disagree with the numbering. */
#include "build_internal.h"
#include "values.h"

#include <stdint.h>
#include <stdio.h>
#include <strings.h>
#include <unicode/uchar.h>
#include <stdlib.h>
#include <string.h>

/* ---- logical lines ---- */

static bool S_is_ws(unsigned char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\v'; }

/* The one text run of a line with no tabs, else NULL: its text can be read
 * in place instead of gathered into a buffer. */
static const vb_run *S_single_text_run(const vb_line *l) {
    const vb_run *only = NULL;
    for (const vb_run *r = l->first; r != l->stop; r = r->next) {
        if (r->kind == VB_RUN_TAB) return NULL;
        if (r->kind != VB_RUN_TEXT) continue;
        if (only) return NULL;
        only = r;
    }
    return only;
}

static void S_line_text(vb_builder *bd, vb_line *l) {
    vb_buf b = {0};
    size_t style_break = 0;
    const char *s;
    size_t len;
    const vb_run *only = S_single_text_run(l);
    if (only) {
        s = only->text;
        len = only->len;
    } else {
        const vb_run *prev = NULL;
        for (const vb_run *r = l->first; r != l->stop; r = r->next) {
            if (r->kind == VB_RUN_TEXT) {
                if (prev && !style_break && prev->style != r->style) style_break = b.len;
                vb_buf_append(&b, r->text, r->len);
                prev = r;
            } else if (r->kind == VB_RUN_TAB) {
                vb_buf_putc(&b, '\t');
            }
        }
        s = b.data ? b.data : "";
        len = b.len;
    }
    size_t lead = 0;
    while (lead < len && S_is_ws((unsigned char)s[lead])) lead++;
    /* a no-break space (U+00A0) at either edge is layout, not text */
    size_t end = len;
    while (end > lead && S_is_ws((unsigned char)s[end - 1])) end--;
    l->raw_len = len;
    l->lead = lead;
    l->len = end - lead;
    l->style_break = style_break > lead ? style_break - lead : 0;
    l->prefix = 0;
    /* Word prints its automatic numbering ("II.", "1.2.", "-") without it
     * being in the text: the line reads as the page does */
    const char *label = l->block ? l->block->label : NULL;
    if (label && *label && l->first == l->block->runs) {
        l->prefix = strlen(label) + 1;
        l->text = vb_arena_printf(bd->doc->arena, "%s %.*s", label, (int)l->len, s + lead);
        l->len += l->prefix;
        if (l->style_break) l->style_break += l->prefix;
    } else if (only && end == len && s[len] == '\0') {
        /* the run's own text, which lives as long as the tree: borrowed, not
         * copied (run texts are NUL-terminated at their length) */
        l->text = s + lead;
    } else {
        l->text = vb_arena_strndup(bd->doc->arena, s + lead, l->len);
    }
    vb_buf_free(&b);
}

static bool S_segment_starts_heading(vb_builder *bd, const vb_run *first, const vb_run *stop) {
    vb_line probe = {.first = first, .stop = stop};
    S_line_text(bd, &probe);
    vb_label lab;
    return vb_label_match(bd, probe.text, probe.len, &lab) ||
           vb_pat_match_text(VB_PAT_APPENDIX, probe.text, probe.len, &(vb_pat_match){0});
}

vb_line *vb_push_line(vb_builder *bd, const vb_block *b, const vb_run *first, const vb_run *stop,
                      bool blank_before) {
    if (bd->nlines == bd->cap) {
        bd->cap = bd->cap ? bd->cap * 2 : 256;
        vb_line *grown = realloc(bd->lines, bd->cap * sizeof *grown);
        if (!grown) abort();
        bd->lines = grown;
    }
    vb_line *l = &bd->lines[bd->nlines++];
    memset(l, 0, sizeof *l);
    l->block = b;
    l->first = first;
    l->stop = stop;
    l->line = b->line;
    l->blank_before = blank_before;
    if (b->kind == VB_BLOCK_PARAGRAPH) S_line_text(bd, l);
    else {
        l->text = "";
        l->len = 0;
    }
    return l;
}

/* A paragraph becomes several lines when a soft break is followed by a
 * numbered heading ("Phần II<br>KẾ HOẠCH...<br>I. MỤC TIÊU"). */
static void S_cut_lines(vb_builder *bd) {
    /* nothing but the header yet: a layout table here draws the header */
    bool at_top = true;
    size_t before = 0;
    vb_form_text columns = {0};
    for (const vb_block *b = bd->doc->source->first; b; b = b->next) {
        if (b->region != VB_REGION_BODY) continue;
        bool blank_before = !(b->flags & VB_BLOCK_NO_BLANK_BEFORE);
        if (b->kind != VB_BLOCK_PARAGRAPH) {
            vb_form_text_block(bd, b, blank_before, at_top, &columns);
            if (b->kind != VB_BLOCK_TABLE) continue;
            if (vb_form_classify_table(bd, b, at_top) != VB_FORM_NONE) {
                vb_form_push_cells(bd, b);
                continue;
            }
            vb_push_line(bd, b, NULL, NULL, blank_before);
            at_top = false;
            continue;
        }
        if (at_top && b->runs) {
            const vb_line *l = vb_push_line(bd, b, b->runs, NULL, blank_before);
            bd->nlines--; /* a probe: the line is pushed again below */
            if (l->len && (++before > 12 || vb_pat_match_text(VB_PAT_DOC_TYPE, l->text, l->len,
                                                              &(vb_pat_match){0})))
                at_top = false;
        }
        /* the two columns of the form side by side in a line of a text */
        if (vb_form_text_block(bd, b, blank_before, at_top, &columns)) continue;
        bool split = false;
        for (const vb_run *r = b->runs; r; r = r->next)
            if (r->kind == VB_RUN_BREAK && r->next && S_segment_starts_heading(bd, r->next, NULL)) {
                split = true;
                break;
            }
        if (!split) {
            vb_push_line(bd, b, b->runs, NULL, blank_before);
            continue;
        }
        const vb_run *start = b->runs;
        for (const vb_run *r = b->runs; r; r = r->next) {
            if (r->kind != VB_RUN_BREAK) continue;
            vb_push_line(bd, b, start, r, start == b->runs ? blank_before : false);
            start = r->next;
        }
        if (start) vb_push_line(bd, b, start, NULL, false);
    }
    vb_form_text_flush(bd, &columns);
}

/* ---- inline content ---- */

static vb_node *S_wrap(vb_builder *bd, vb_node *parent, vb_node_type t, const char *url) {
    vb_node *last = parent->last_child;
    const char *last_url = last && last->type == VB_NODE_LINK
                               ? (last->as.link.url ? last->as.link.url : last->as.link.refused)
                               : NULL;
    if (last && last->type == t &&
        (t != VB_NODE_LINK || (last_url && url && strcmp(last_url, url) == 0)))
        return last;
    vb_node *n = vb_node_new(bd->doc, t, 0);
    if (t == VB_NODE_LINK) {
        /* a target that could run script in a reader's browser is not kept
         * (the text stays, as a link with no target) */
        if (vb_link_target_allowed(url)) {
            n->as.link.url = url;
        } else {
            n->as.link.refused = url;
            vb_diag_add(&bd->doc->source->diags, VB_WARNING, 0, 0, -1, "unsafe-link",
                        "a link target that is not http, https, mailto or relative was "
                        "refused; the link keeps its text only");
        }
    }
    vb_node_add(bd->doc, parent, n);
    return n;
}

static vb_node *S_style_parent(vb_builder *bd, vb_node *parent, const vb_run *r) {
    if (r->style & VB_STYLE_DELETED) parent = S_wrap(bd, parent, VB_NODE_DELETED, NULL);
    else if (r->style & VB_STYLE_INSERTED) parent = S_wrap(bd, parent, VB_NODE_INSERTED, NULL);
    if (r->link) parent = S_wrap(bd, parent, VB_NODE_LINK, r->link);
    if (r->style & VB_STYLE_BOLD) parent = S_wrap(bd, parent, VB_NODE_STRONG, NULL);
    if (r->style & VB_STYLE_ITALIC) parent = S_wrap(bd, parent, VB_NODE_EMPH, NULL);
    if (r->style & VB_STYLE_SUPERSCRIPT) parent = S_wrap(bd, parent, VB_NODE_SUPERSCRIPT, NULL);
    else if (r->style & VB_STYLE_SUBSCRIPT) parent = S_wrap(bd, parent, VB_NODE_SUBSCRIPT, NULL);
    return parent;
}

static void S_text(vb_builder *bd, vb_node *parent, const vb_run *r, const char *s, size_t len) {
    if (!len) return;
    vb_node *where = S_style_parent(bd, parent, r);
    if (r->repair != VB_REPAIR_NONE || r->needs_review) {
        vb_node *rep = vb_node_new(bd->doc, VB_NODE_REPAIR, 0);
        rep->as.repair.original = r->original ? r->original : r->text;
        rep->as.repair.confidence = r->confidence;
        rep->as.repair.needs_review = r->needs_review;
        rep->as.repair.kind = r->repair;
        rep->as.repair.word_conf = r->word_conf;
        if (r->word_pos) { /* the tree's own copy: the source's arena goes (S_release_blocks) */
            vb_word_pos *pos = vb_arena_alloc(bd->doc->arena, sizeof *pos);
            *pos = *r->word_pos;
            rep->as.repair.word_pos = pos;
        }
        vb_node_add(bd->doc, where, rep);
        where = rep;
    } else if (where->last_child && where->last_child->type == VB_NODE_TEXT &&
               where->last_child->text + where->last_child->len == s) {
        where->last_child->len += len; /* contiguous pieces of one run */
        return;
    }
    vb_node *t = vb_node_new(bd->doc, VB_NODE_TEXT, 0);
    t->text = s;
    t->len = len;
    vb_node_add(bd->doc, where, t);
}

/* Adds the runs [first, stop) as inline nodes, leaving out the first `skip`
 * and everything from `limit` on of the text bytes (a label already read,
 * trailing blanks). */
static void S_inlines_range(vb_builder *bd, vb_node *parent, const vb_run *first,
                            const vb_run *stop, size_t skip, size_t limit) {
    size_t pos = 0;
    for (const vb_run *r = first; r != stop; r = r->next) {
        if (r->kind == VB_RUN_TEXT || r->kind == VB_RUN_TAB) {
            const char *s = r->kind == VB_RUN_TEXT ? r->text : "\t";
            size_t len = r->kind == VB_RUN_TEXT ? r->len : 1;
            size_t from = pos < skip ? (skip - pos < len ? skip - pos : len) : 0;
            size_t to = pos + len > limit ? (limit > pos ? limit - pos : 0) : len;
            if (to > from) S_text(bd, parent, r, s + from, to - from);
            pos += len;
            continue;
        }
        if (pos < skip || pos > limit) continue;
        if (r->kind == VB_RUN_NOTE_REF) {
            vb_node *n = vb_node_new(bd->doc, VB_NODE_NOTE_REF, 0);
            n->as.note.label = r->note_id;
            vb_node_add(bd->doc, S_style_parent(bd, parent, r), n);
        } else if (r->kind == VB_RUN_BREAK && pos > skip && pos < limit) {
            vb_node_add(bd->doc, parent, vb_node_new(bd->doc, VB_NODE_LINEBREAK, 0));
        }
    }
}

void vb_build_inlines(vb_builder *bd, vb_node *parent, const vb_line *l, size_t skip) {
    /* skip counts bytes of the line text: first the printed numbering
     * (prefix, not in the runs), then the trimmed runs, which still hold
     * the lead */
    if (skip < l->prefix) {
        size_t n = l->prefix - skip;
        if (l->len == l->prefix) n--; /* the space after a label with nothing after it */
        if (n) {
            vb_node *t = vb_node_new(bd->doc, VB_NODE_TEXT, 0);
            t->text = l->text + skip;
            t->len = n;
            vb_node_add(bd->doc, parent, t);
        }
        skip = l->prefix;
    }
    const char *body = l->text + l->prefix;
    size_t body_len = l->len - l->prefix;
    size_t from = l->lead + (skip - l->prefix);
    while (from < l->lead + body_len && S_is_ws((unsigned char)body[from - l->lead])) from++;
    S_inlines_range(bd, parent, l->first, l->stop, from, l->lead + body_len);
}

void vb_build_inlines_range(vb_builder *bd, vb_node *parent, const vb_line *l, size_t from,
                            size_t to) {
    if (from < l->prefix) from = l->prefix;
    if (to > l->len) to = l->len;
    while (from < to && S_is_ws((unsigned char)l->text[from])) from++;
    while (to > from && S_is_ws((unsigned char)l->text[to - 1])) to--;
    if (from >= to) return;
    S_inlines_range(bd, parent, l->first, l->stop, l->lead + from - l->prefix, l->lead + to - l->prefix);
}

static void S_block_inlines(vb_builder *bd, vb_node *parent, const vb_block *b) {
    vb_line l = {.block = b, .first = b->runs, .stop = NULL, .line = b->line};
    S_line_text(bd, &l);
    vb_build_inlines(bd, parent, &l, 0);
}

/* ---- numbering labels ---- */

static const char *const S_ordinals[] = {"nhất", "hai", "ba", "tư", "năm",
                                         "sáu", "bảy", "tám", "chín", "mười"};

/* A chapter heading alone on its line amid OCR specks ("„ „ Chương II",
 * "Chương IV -"), its numeral possibly misread ("Chương HH"): the label is
 * the word and the numeral as the decree writes them, the printed line
 * kept in lab->printed.  A misread numeral is taken only as the next of a
 * sequence in Roman numerals (the strokes of "III" give no number alone). */
static bool S_ocr_chapter(vb_builder *bd, const char *s, size_t len, vb_label *lab) {
    vb_pat_match m;
    if (!vb_pat_match_text(VB_PAT_CHAPTER_OCR, s, len, &m)) return false;
    vb_arena *a = bd->doc->arena;
    const char *tok = s + m.group_start[2];
    size_t n = m.group_end[2] - m.group_start[2];
    size_t digits = 0;
    while (digits < n && tok[digits] >= '0' && tok[digits] <= '9') digits++;
    int value = digits == n ? 0 : vb_roman_value(tok, n);
    bool misread = false;
    if (digits < n && !value) {
        if (bd->last_chapter <= 0) return false;
        value = bd->last_chapter + 1;
        misread = true;
    }
    const char *num;
    if (digits == n) {
        num = vb_arena_strndup(a, tok, n);
    } else {
        char back[32];
        size_t b = vb_roman_write(value, back, sizeof back);
        num = vb_arena_strndup(a, back, b);
    }
    lab->kind = VB_SECTION_CHAPTER;
    lab->rank = 1;
    lab->value = digits == n ? 0 : value;
    lab->num = num;
    lab->label = vb_arena_printf(a, "%.*s %s", (int)(m.group_end[1] - m.group_start[1]),
                                 s + m.group_start[1], num);
    lab->skip = len;
    lab->misread = misread;
    lab->printed = vb_arena_strndup(a, s, len);
    return true;
}

bool vb_label_match(vb_builder *bd, const char *s, size_t len, vb_label *lab) {
    vb_pat_match m;
    vb_arena *a = bd->doc->arena;
    memset(lab, 0, sizeof *lab);
    static const struct { vb_pattern_id pat; vb_section_kind kind; int rank; } words[] = {
        {VB_PAT_PART, VB_SECTION_PART, 0},
        {VB_PAT_CHAPTER, VB_SECTION_CHAPTER, 1},
        {VB_PAT_SUBCHAPTER, VB_SECTION_SUBCHAPTER, 2},
        {VB_PAT_ARTICLE, VB_SECTION_ARTICLE, 3},
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        if (!vb_pat_match_text(words[i].pat, s, len, &m)) continue;
        lab->kind = words[i].kind;
        lab->rank = words[i].rank;
        lab->skip = m.end;
        const char *num = vb_pat_group(a, s, &m, 2);
        /* "Phần thứ tư" is part 4 */
        if (strncmp(num, "thứ", strlen("thứ")) == 0 || strncmp(num, "THỨ", strlen("THỨ")) == 0) {
            const char *word = num + strlen("thứ");
            while (*word == ' ') word++;
            for (size_t k = 0; k < sizeof S_ordinals / sizeof S_ordinals[0]; k++)
                if (strcasecmp(word, S_ordinals[k]) == 0 || strcmp(word, S_ordinals[k]) == 0)
                    num = vb_arena_printf(a, "%zu", k + 1);
        }
        lab->num = num;
        if (words[i].kind == VB_SECTION_CHAPTER)
            lab->value = vb_roman_value(num, strlen(num));
        size_t label_end = m.group_end[2];
        if (label_end < m.end && (s[label_end] == '.' || s[label_end] == ':')) label_end++;
        lab->label = vb_arena_strndup(a, s, label_end);
        return true;
    }
    if (S_ocr_chapter(bd, s, len, lab)) return true;
    if (vb_pat_match_text(VB_PAT_ROMAN, s, len, &m)) {
        int v = vb_roman_value(s + m.group_start[1], m.group_end[1] - m.group_start[1]);
        if (v) {
            lab->kind = VB_SECTION_ROMAN;
            lab->rank = 4;
            lab->value = v;
            lab->num = vb_pat_group(a, s, &m, 1);
            lab->label = vb_arena_strndup(a, s, m.group_end[2]);
            lab->skip = m.end;
            return true;
        }
    }
    /* OCR reads "II." as "IL." or "Il.": accepted only as the next numeral */
    if (bd->last_roman > 0 && vb_pat_match_text(VB_PAT_ROMAN_LOOSE, s, len, &m)) {
        char fixed[8] = {0};
        size_t n = m.group_end[1] - m.group_start[1];
        if (n > sizeof fixed) n = sizeof fixed; /* no numeral the model follows is longer */
        for (size_t i = 0; i < n; i++) {
            char c = s[m.group_start[1] + i];
            fixed[i] = (c == 'l' || c == '1' || c == 'L') ? 'I' : c;
        }
        int v = vb_roman_value(fixed, n);
        if (v == bd->last_roman + 1) {
            lab->kind = VB_SECTION_ROMAN;
            lab->rank = 4;
            lab->value = v;
            lab->num = vb_arena_strndup(a, fixed, n);
            lab->label = vb_arena_strndup(a, s, m.group_end[2]);
            lab->skip = m.end;
            lab->misread = true;
            return true;
        }
    }
    if (vb_pat_match_text(VB_PAT_MULTILEVEL, s, len, &m)) {
        lab->kind = VB_SECTION_MULTILEVEL;
        lab->num = vb_pat_group(a, s, &m, 1);
        int depth = 1;
        for (const char *p = lab->num; *p; p++) depth += *p == '.';
        lab->rank = 5 + depth - 1;
        lab->label = vb_arena_strndup(a, s, vb_pat_group_set(&m, 2) ? m.group_end[2] : m.group_end[1]);
        lab->skip = m.end;
        return true;
    }
    if (vb_pat_match_text(VB_PAT_DECIMAL, s, len, &m)) {
        lab->kind = VB_SECTION_DECIMAL;
        lab->rank = 5;
        lab->num = vb_pat_group(a, s, &m, 1);
        lab->label = vb_arena_strndup(a, s, m.group_end[2]);
        lab->skip = m.end;
        return true;
    }
    if (vb_pat_match_text(VB_PAT_LETTER, s, len, &m)) {
        lab->kind = VB_SECTION_LETTER;
        lab->rank = 12;
        lab->num = vb_pat_group(a, s, &m, 1);
        lab->label = vb_arena_printf(a, "%s)", lab->num);
        lab->skip = m.end;
        return true;
    }
    return false;
}

/* ---- tables ---- */

static bool S_cell_is_number(const char *s) {
    bool digit = false;
    for (; *s; s++) {
        if (*s >= '0' && *s <= '9') digit = true;
        else if (!strchr(".,%‰ -<>≤≥", *s) && (unsigned char)*s < 0x80) return false;
    }
    return digit;
}

static vb_row_kind S_row_kind(vb_builder *bd, const vb_block *t, size_t i, bool *in_header) {
    const vb_row *row = &t->rows[i];
    const char *first = NULL;
    size_t numbers = 0, filled = 0;
    for (size_t c = 0; c < row->ncells; c++) {
        const vb_cell *cell = &row->cells[c];
        if (cell->covered || !cell->content) continue;
        /* read to type the row, never kept */
        const char *txt = vb_block_text_in(vb_doc_scratch(bd->doc), cell->content, NULL);
        while (*txt == ' ') txt++;
        if (!*txt) continue;
        filled++;
        if (!first) first = txt;
        if (S_cell_is_number(txt)) numbers++;
    }
    if (row->is_header) return VB_ROW_HEADER;
    size_t roman = 0;
    while (first && first[roman] && strchr("IVXL", first[roman])) roman++;
    bool group = roman && (first[roman] == '.' || first[roman] == '\0' || first[roman] == ' ') &&
                 vb_roman_value(first, roman);
    /* the leading rows hold the column titles until the first row with
     * figures or the first group row ("I. Tổ chức ..." with nothing beside it) */
    if (*in_header && group && i > 0 && filled <= 2) {
        *in_header = false;
        return VB_ROW_GROUP;
    }
    if (*in_header) {
        if (numbers == 0 && filled > 0 && i + 1 < t->nrows) return VB_ROW_HEADER;
        *in_header = false;
    }
    if (!first) return VB_ROW_DATA;
    /* the model has one kind for totals and subtotals */
    if (vb_lex_row_kind_of(first) != VB_LEX_ROW_NONE) return VB_ROW_TOTAL;
    return group ? VB_ROW_GROUP : VB_ROW_DATA;
}

static vb_node *S_table_rows(vb_builder *bd, const vb_block *t, vb_node *table);
static vb_node *S_table(vb_builder *bd, const vb_block *t) {
    vb_node *table = S_table_rows(bd, t, NULL);
    vb_table_repair(bd, table);
    vb_doc_scratch_release(bd->doc);
    return table;
}

/* Adds the rows of t to table (a new one when table is NULL); a table that
 * continues one before it has no header rows of its own. */
static vb_node *S_table_rows(vb_builder *bd, const vb_block *t, vb_node *table) {
    bool in_header = table == NULL, in_table_header = in_header;
    if (!table) table = vb_node_new(bd->doc, VB_NODE_TABLE, t->line);
    for (size_t i = 0; i < t->nrows; i++) {
        vb_node *row = vb_node_new(bd->doc, VB_NODE_ROW, t->rows[i].line);
        row->as.row.kind = S_row_kind(bd, t, i, &in_header);
        vb_doc_scratch_release(bd->doc); /* the cell texts it read */
        for (size_t c = 0; c < t->rows[i].ncells; c++) {
            const vb_cell *cell = &t->rows[i].cells[c];
            if (cell->covered) continue;
            vb_node *cn = vb_node_new(bd->doc, VB_NODE_CELL, cell->line ? cell->line : t->rows[i].line);
            cn->as.cell.colspan = cell->colspan > 0 ? cell->colspan : 1;
            cn->as.cell.rowspan = cell->rowspan > 0 ? cell->rowspan : 1;
            cn->as.cell.header = row->as.row.kind == VB_ROW_HEADER;
            bool single = cell->content && !cell->content->next &&
                          cell->content->kind == VB_BLOCK_PARAGRAPH;
            for (const vb_block *p = cell->content; p; p = p->next) {
                if (p->kind == VB_BLOCK_TABLE) {
                    vb_node_add(bd->doc, cn, S_table(bd, p));
                } else if (single) {
                    S_block_inlines(bd, cn, p);
                } else {
                    vb_node *para = vb_node_new(bd->doc, VB_NODE_PARAGRAPH, p->line);
                    S_block_inlines(bd, para, p);
                    vb_node_add(bd->doc, cn, para);
                }
            }
            vb_node_add(bd->doc, row, cn);
        }
        vb_node_add(bd->doc, table, row);
    }
    if (in_table_header) vb_table_header_rows(bd, table, t);
    return table;
}


/* "table / I. GROUP TITLE / table": a page break cut a table at a group row
 * and the row lost its cells.  The row goes back into the table and the
 * second table continues the first. */
static bool S_rejoin_group_row(vb_builder *bd, vb_node *table, size_t ncols, size_t i, size_t end) {
    const vb_line *l = &bd->lines[i];
    if (i + 1 >= end || l->block->kind != VB_BLOCK_PARAGRAPH || !l->len) return false;
    vb_label lab;
    if (!vb_label_match(bd, l->text, l->len, &lab) || lab.kind != VB_SECTION_ROMAN) return false;
    const vb_block *after = bd->lines[i + 1].block;
    if (after->kind != VB_BLOCK_TABLE || after->ncols != ncols) return false;
    vb_node *row = vb_node_new(bd->doc, VB_NODE_ROW, l->line);
    row->as.row.kind = VB_ROW_GROUP;
    vb_node_set_attr(bd->doc, row, "rejoined", "true");
    for (size_t c = 0; c < ncols; c++) {
        vb_node *cell = vb_node_new(bd->doc, VB_NODE_CELL, l->line);
        if (c == 0) vb_build_inlines(bd, cell, l, 0);
        vb_node_add(bd->doc, row, cell);
    }
    vb_node_add(bd->doc, table, row);
    bd->last_roman = lab.value;
    S_table_rows(bd, after, table);
    return true;
}

/* A line that is only a page number ("12", "- 12 -", "Trang 12"). */
static bool S_is_page_number(const vb_line *l) {
    return l->block->kind == VB_BLOCK_PARAGRAPH && vb_lex_is_page_number(l->text, l->len);
}

/* The parts of a table that a page break cut off, after lines[i - 1]:
 * another table with the same columns right after it, or after a page
 * number line or a group row that lost its cells.  Returns the index of
 * the first line that is not part of the table. */
static size_t S_continue_table(vb_builder *bd, vb_node *table, size_t ncols, size_t i, size_t end) {
    while (i < end) {
        size_t k = i;
        while (k < end && S_is_page_number(&bd->lines[k])) k++;
        if (k < end && bd->lines[k].block->kind == VB_BLOCK_TABLE &&
            bd->lines[k].block->ncols == ncols) {
            for (size_t p = i; p < k; p++)
                vb_node_set_attr(bd->doc, table, "page-numbers",
                                 vb_node_get_attr(table, "page-numbers")
                                     ? vb_arena_printf(bd->doc->arena, "%s %d",
                                                       vb_node_get_attr(table, "page-numbers"),
                                                       bd->lines[p].line)
                                     : vb_arena_printf(bd->doc->arena, "%d", bd->lines[p].line));
            vb_node *last = table->last_child;
            S_table_rows(bd, bd->lines[k].block, table);
            if (last && last->next) vb_node_set_attr(bd->doc, last->next, "rejoined", "true");
            i = k + 1;
            continue;
        }
        if (S_rejoin_group_row(bd, table, ncols, i, end)) {
            i += 2;
            continue;
        }
        break;
    }
    return i;
}

/* ---- flowing lines into sections, lists and paragraphs ---- */

typedef struct {
    vb_node *node;
    int rank;
} open_section;

typedef struct {
    vb_node *list;
    char marker[8];
} open_list;

#define MAX_DEPTH 32

typedef struct {
    vb_builder *bd;
    vb_node *base;
    open_section sections[MAX_DEPTH];
    int nsections;
    open_list lists[MAX_DEPTH];
    int nlists;
    bool in_quote;     /* flowing a quotation's lines: no quotation in it */
    size_t after_quote; /* the line after the last quotation, SIZE_MAX if none yet */
} flow;

static vb_node *S_current(flow *f) {
    return f->nsections ? f->sections[f->nsections - 1].node : f->base;
}

void vb_count_case(const char *s, size_t len, size_t *upper, size_t *lower) {
    *upper = *lower = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        int n = vb_utf8_decode((const unsigned char *)s + i, len - i, &cp);
        if (n <= 0) break;
        if (u_isupper((UChar32)cp)) (*upper)++;
        else if (u_islower((UChar32)cp)) (*lower)++;
        i += (size_t)n;
    }
}

static bool S_is_title_line(const vb_line *l) {
    if (!l->len || l->len > 300 || l->block->kind != VB_BLOCK_PARAGRAPH) return false;
    if (l->block->flags & VB_BLOCK_ALL_BOLD) return true;
    size_t upper, lower;
    vb_count_case(l->text, l->len, &upper, &lower);
    return upper > 0 && lower * 10 <= upper;
}

/* Whether the heading text of line l stops where a heading cannot end and
 * goes on in the line next: after a word that takes an object ("của",
 * "về"), the first word of an agency's name ("Sở", "Ủy ban"), or before a
 * small letter; never over a blank line or a paragraph's end. */
static bool S_heading_goes_on(vb_builder *bd, const vb_line *l, const vb_line *next) {
    if (next->block->kind != VB_BLOCK_PARAGRAPH || !next->len || next->blank_before) return false;
    vb_label lab;
    vb_pat_match m;
    if (vb_label_match(bd, next->text, next->len, &lab) ||
        vb_pat_match_text(VB_PAT_LIST_ITEM, next->text, next->len, &m) ||
        vb_pat_match_text(VB_PAT_APPENDIX, next->text, next->len, &m))
        return false;
    size_t n = l->len;
    while (n && (l->text[n - 1] == ' ' || l->text[n - 1] == '*' || l->text[n - 1] == '_')) n--;
    if (!n) return false;
    uint32_t cp;
    int k = vb_utf8_decode((const unsigned char *)next->text, next->len, &cp);
    bool small = k > 0 && u_islower((UChar32)cp);
    char last = l->text[n - 1];
    if ((last == ',' || last == '-') && small) return true;
    if (vb_lex_ends_with_connective(l->text, n)) return true;
    size_t w = n;
    while (w && l->text[w - 1] != ' ' && l->text[w - 1] != '\t') w--;
    /* the last word alone: "Sở", "Bộ"; "Ủy ban" takes two */
    for (int words = 0; words < 2; words++) {
        if (vb_lex_agency_word(l->text + w, n - w, VB_LEX_AGENCY_BODY) == n - w) return true;
        if (!w) break;
        w--;
        while (w && l->text[w - 1] != ' ' && l->text[w - 1] != '\t') w--;
    }
    return small;
}

/* Text the source read from page images: an hOCR or ALTO file, or a PDF
 * whose layer an OCR engine made or that --ocr read again (the reader's
 * "text-layer" property).  Born-digital text and Word files are not. */
static bool S_source_is_ocr(const vb_doc *doc) {
    const vb_source *src = doc->source;
    if (!src || !src->format) return false;
    if (strcmp(src->format, "hocr") == 0 || strcmp(src->format, "alto") == 0) return true;
    for (const vb_prop *p = src->props; p; p = p->next)
        if (strcmp(p->key, "text-layer") == 0 && strcmp(p->value, "ocr") == 0) return true;
    return false;
}

/* The numeral got (n bytes) is want's with one stroke of a run of "I"
 * more or less: what OCR makes of "III." ("II.", "IIII."); "V" for "IV"
 * is another number, not a lost stroke. */
static bool S_roman_stroke_off(const char *got, size_t n, int want) {
    char w[32];
    size_t wn = vb_roman_write(want, w, sizeof w);
    if (!wn || !n) return false;
    const char *longer = n > wn ? got : w, *shorter = n > wn ? w : got;
    size_t ln = n > wn ? n : wn, sn = n > wn ? wn : n;
    if (ln != sn + 1) return false;
    for (size_t cut = 0; cut < ln; cut++) {
        if (longer[cut] != 'I') continue;
        if (!(cut && longer[cut - 1] == 'I') && !(cut + 1 < ln && longer[cut + 1] == 'I')) continue;
        if (memcmp(longer, shorter, cut) == 0 &&
            memcmp(longer + cut + 1, shorter + cut, sn - cut) == 0)
            return true;
    }
    return false;
}

/* The value of the Roman section last put under parent, 0 when the last
 * section there is of another kind or there is none. */
static int S_previous_roman(const vb_node *parent) {
    for (const vb_node *c = parent->last_child; c; c = c->prev) {
        if (c->type != VB_NODE_SECTION) continue;
        if (c->as.section.kind != VB_SECTION_ROMAN || !c->as.section.num) return 0;
        return vb_roman_value(c->as.section.num, strlen(c->as.section.num));
    }
    return 0;
}

/* A Roman section label of an OCR text, lines[i], that repeats the number
 * of the section before it at its level or has a stroke too few or too
 * many ("II." or "IIII." after "II."): when the next number is what the
 * sequence needs and the next label at that level, if any, is the one
 * after it, the label is read from its place, the printed one kept.  A
 * born-digital text may really print a number twice: it is left alone. */
static void S_roman_from_place(flow *f, const vb_node *parent, size_t i, size_t end,
                               vb_label *lab) {
    vb_builder *bd = f->bd;
    if (lab->kind != VB_SECTION_ROMAN || lab->misread || !lab->num) return;
    if (!S_source_is_ocr(bd->doc)) return;
    int prev = S_previous_roman(parent);
    if (prev <= 0 || lab->value == prev + 1) return;
    size_t n = strlen(lab->num);
    if (lab->value != prev && !S_roman_stroke_off(lab->num, n, prev + 1)) return;
    /* the following labels must not say otherwise: the next one at this
     * level is the number after, or a higher level closes this one first */
    for (size_t j = i + 1; j < end; j++) {
        const vb_line *l = &bd->lines[j];
        if (l->block->kind != VB_BLOCK_PARAGRAPH || !l->len) continue;
        vb_label next;
        if (!vb_label_match(bd, l->text, l->len, &next)) continue;
        if (next.rank < lab->rank) break;
        if (next.rank > lab->rank) continue;
        if (next.kind != VB_SECTION_ROMAN || next.value != prev + 2) return;
        break;
    }
    vb_arena *a = bd->doc->arena;
    char num[32];
    size_t k = vb_roman_write(prev + 1, num, sizeof num);
    if (!k) return;
    size_t ll = strlen(lab->label);
    lab->printed = lab->label;
    lab->num = vb_arena_strndup(a, num, k);
    lab->label = vb_arena_printf(a, "%s%c", lab->num, ll ? lab->label[ll - 1] : '.');
    lab->value = prev + 1;
    lab->misread = true;
}

static void S_flow(flow *f, size_t i, size_t end);

/* The section a quotation opens in, for the end of one left open. */
static vb_quote_bound S_quote_bound(const flow *f) {
    vb_quote_bound b = {0};
    if (!f->nsections) return b;
    const open_section *s = &f->sections[f->nsections - 1];
    b.rank_set = true;
    b.rank = s->rank;
    b.kind = s->node->as.section.kind;
    b.next_roman = b.kind == VB_SECTION_ROMAN && f->bd->last_roman ? f->bd->last_roman + 1 : 0;
    /* the number after num: its last figure, or its one letter, plus one */
    const char *num = s->node->as.section.num ? s->node->as.section.num : "";
    size_t n = strlen(num), d = n;
    while (d && num[d - 1] >= '0' && num[d - 1] <= '9') d--;
    if (d < n && n - d < 9 && n < 16)
        snprintf(b.next, sizeof b.next, "%.*s%ld", (int)d, num, strtol(num + d, NULL, 10) + 1);
    else if (n == 1 && ((num[0] >= 'a' && num[0] < 'z') || (num[0] >= 'A' && num[0] < 'Z')))
        b.next[0] = (char)(num[0] + 1);
    return b;
}

/* Flows the lines of quotation q into a QUOTATION node under the current
 * section: its marks go to attributes (the text renderers print them back
 * where they were), its lines are flowed on their own, so that the
 * articles, khoản and điểm it quotes are its sections, not the document's. */
static void S_flow_quotation(flow *f, const vb_quote *q) {
    vb_builder *bd = f->bd;
    vb_doc *doc = bd->doc;
    vb_line *first = &bd->lines[q->first], *last = &bd->lines[q->last];
    vb_line keep_first = *first, keep_last = *last;
    vb_node *quo = vb_node_new(doc, VB_NODE_QUOTATION, first->line);
    if (q->open_len)
        vb_node_set_attr(doc, quo, "open", vb_arena_strndup(doc->arena, first->text, q->mark_len));
    if (q->close_at != SIZE_MAX) {
        size_t at = q->close_at, tail = last->len;
        vb_node_set_attr(doc, quo, "close", vb_arena_strndup(doc->arena, last->text + at, tail - at));
        while (at > last->prefix && S_is_ws((unsigned char)last->text[at - 1])) at--;
        last->len = at;
        if (last->style_break > at) last->style_break = 0;
    }
    if (!q->closed) vb_node_set_attr(doc, quo, "unclosed", "true");
    if (q->open_len) {
        size_t n = q->open_len < first->len ? q->open_len : first->len;
        first->text += n;
        first->len -= n;
        first->lead += n;
        first->raw_len = first->raw_len > n ? first->raw_len - n : 0;
        first->style_break = first->style_break > n ? first->style_break - n : 0;
    }
    f->nlists = 0;
    vb_node_add(doc, S_current(f), quo);
    flow inner = {.bd = bd, .base = quo, .in_quote = true, .after_quote = SIZE_MAX};
    S_flow(&inner, q->first, q->last + 1);
    *first = keep_first;
    *last = keep_last;
    f->after_quote = q->last + 1;
}

/* Lines [i, end) into the part f->base; returns nothing, consumes all. */
static void S_flow(flow *f, size_t i, size_t end) {
    vb_builder *bd = f->bd;
    size_t start = i;
    while (i < end) {
        const vb_line *l = &bd->lines[i];
        if (!f->in_quote) {
            vb_quote q;
            vb_quote_bound b = S_quote_bound(f);
            if ((i > start && i != f->after_quote && vb_quote_following(bd, i, end, &b, &q)) ||
                vb_quote_starting(bd, i, end, &b, &q)) {
                S_flow_quotation(f, &q);
                i = q.last + 1;
                continue;
            }
        }
        if (l->block->kind == VB_BLOCK_TABLE) {
            f->nlists = 0;
            vb_node *table = S_table_rows(bd, l->block, NULL);
            i = S_continue_table(bd, table, l->block->ncols, i + 1, end);
            vb_table_repair(bd, table);
            vb_node_add(bd->doc, S_current(f), table);
            continue;
        }
        if (!l->len && !l->first) {
            i++;
            continue;
        }
        if (!l->len) { /* a paragraph holding only a note mark or a break */
            vb_node *p = vb_node_new(bd->doc, VB_NODE_PARAGRAPH, l->line);
            vb_build_inlines(bd, p, l, 0);
            if (p->first_child) vb_node_add(bd->doc, S_current(f), p);
            i++;
            continue;
        }
        vb_label lab;
        bool labelled = vb_label_match(bd, l->text, l->len, &lab);
        if (!labelled && l->style_break && l->style_break < l->len &&
            vb_label_match(bd, l->text, l->style_break, &lab) && lab.rank <= 2 &&
            lab.skip >= l->style_break) {
            /* "Phần II" + bold "KẾ HOẠCH..." with no blank between them */
            labelled = true;
            lab.skip = l->style_break;
        }
        if (labelled) {
            f->nlists = 0;
            while (f->nsections && f->sections[f->nsections - 1].rank >= lab.rank) f->nsections--;
            if (f->nsections == MAX_DEPTH) f->nsections--; /* deeper than any real document */
            const char *as_printed = lab.label;
            S_roman_from_place(f, S_current(f), i, end, &lab);
            vb_node *sec = vb_node_new(bd->doc, VB_NODE_SECTION, l->line);
            sec->as.section.kind = lab.kind;
            sec->as.section.num = lab.num;
            sec->as.section.label = lab.label;
            sec->as.section.level = f->nsections + 1;
            size_t label_len = as_printed ? strlen(as_printed) : 0;
            sec->as.section.label_joined = label_len && lab.skip == label_len &&
                                           lab.skip < l->len &&
                                           memcmp(l->text, as_printed, label_len) == 0;
            if (lab.misread) vb_node_set_attr(bd->doc, sec, "misread-label", "true");
            if (lab.printed) vb_node_set_attr(bd->doc, sec, "printed-label", lab.printed);
            vb_node *heading = vb_node_new(bd->doc, VB_NODE_HEADING, l->line);
            vb_build_inlines(bd, heading, l, lab.skip);
            i++;
            /* "Phần thứ năm" alone: its title is on the next lines, in capitals */
            if (lab.rank <= 2 && lab.skip >= l->len) {
                int taken = 0;
                while (i < end && taken < 3 && S_is_title_line(&bd->lines[i])) {
                    vb_label next;
                    if (vb_label_match(bd, bd->lines[i].text, bd->lines[i].len, &next)) break;
                    if (taken)
                        vb_node_add(bd->doc, heading, vb_node_new(bd->doc, VB_NODE_LINEBREAK, 0));
                    vb_build_inlines(bd, heading, &bd->lines[i], 0);
                    taken++;
                    i++;
                }
            }
            /* "Điều 2. Sở" then "Công Thương có trách nhiệm ...": a heading
             * the export cut where it cannot end goes on with the next line */
            if (lab.skip < l->len && i < end && S_heading_goes_on(bd, l, &bd->lines[i])) {
                vb_node *sp = vb_node_new(bd->doc, VB_NODE_TEXT, l->line);
                sp->text = " ";
                sp->len = 1;
                vb_node_add(bd->doc, heading, sp);
                vb_build_inlines(bd, heading, &bd->lines[i], 0);
                i++;
            }
            if (lab.kind == VB_SECTION_ROMAN) bd->last_roman = lab.value;
            if (lab.kind == VB_SECTION_CHAPTER) bd->last_chapter = lab.value;
            vb_node_add(bd->doc, sec, heading);
            vb_node_add(bd->doc, S_current(f), sec);
            f->sections[f->nsections].node = sec;
            f->sections[f->nsections].rank = lab.rank;
            f->nsections++;
            continue;
        }
        vb_pat_match m;
        if (vb_pat_match_text(VB_PAT_LIST_ITEM, l->text, l->len, &m)) {
            char marker[8] = {0};
            size_t mlen = m.group_end[1] - m.group_start[1];
            memcpy(marker, l->text + m.group_start[1], mlen < 7 ? mlen : 7);
            int at = -1;
            for (int k = f->nlists - 1; k >= 0; k--)
                if (strcmp(f->lists[k].marker, marker) == 0) {
                    at = k;
                    break;
                }
            if (at >= 0) {
                f->nlists = at + 1;
            } else if (f->nlists < MAX_DEPTH) {
                vb_node *list = vb_node_new(bd->doc, VB_NODE_LIST, l->line);
                list->as.list.marker = marker[0] == '-' || marker[0] == '+' || marker[0] == '*'
                                           ? marker[0] : 0;
                vb_node_set_attr(bd->doc, list, "marker",
                                 vb_arena_strdup(bd->doc->arena, marker));
                vb_node *into = f->nlists ? f->lists[f->nlists - 1].list->last_child : S_current(f);
                vb_node_add(bd->doc, into, list);
                f->lists[f->nlists].list = list;
                memcpy(f->lists[f->nlists].marker, marker, sizeof marker);
                f->nlists++;
            }
            vb_node *item = vb_node_new(bd->doc, VB_NODE_ITEM, l->line);
            item->as.item.marker = vb_arena_strdup(bd->doc->arena, marker);
            vb_build_inlines(bd, item, l, m.end);
            vb_node_add(bd->doc, f->lists[f->nlists - 1].list, item);
            i++;
            continue;
        }
        f->nlists = 0;
        vb_node *p = vb_node_new(bd->doc, VB_NODE_PARAGRAPH, l->line);
        vb_build_inlines(bd, p, l, 0);
        vb_node_add(bd->doc, S_current(f), p);
        i++;
    }
}

static void S_flow_part(vb_builder *bd, vb_node *base, size_t from, size_t to) {
    flow f = {.bd = bd, .base = base, .after_quote = SIZE_MAX};
    S_flow(&f, from, to);
}

/* ---- appendices and the closing block ---- */

static bool S_is_appendix_start(vb_builder *bd, const vb_line *l, vb_pat_match *m) {
    if (l->block->kind != VB_BLOCK_PARAGRAPH || !l->len || l->len > 400) return false;
    if (!vb_pat_match_text(VB_PAT_APPENDIX, l->text, l->len, m)) return false;
    /* "Phụ lục kèm theo ..." inside prose is a mention, not a part */
    if (!vb_pat_group_set(m, 2) && m->end < l->len) {
        uint32_t cp;
        int n = vb_utf8_decode((const unsigned char *)l->text + m->end, l->len - m->end, &cp);
        if (n > 0 && (cp < 0x80 ? (cp >= 'a' && cp <= 'z') : u_islower((UChar32)cp))) return false;
    }
    return true;
}

/* ---- attachments: the parts after the signature ----
 *
 * NĐ 30/2020 prints a text's attachments after its signature, each with its
 * own title: a "Phụ lục", a numbered form ("Biểu 01: ..."), or a text of
 * its own ("QUY ĐỊNH", "QUY CHẾ", "DANH MỤC", "LỊCH", "BẢNG TIÊU CHÍ ..."),
 * most often with a line under the title that names the text it is
 * attached to: "(Kèm theo Quyết định số ...)", "Ban hành kèm theo ...".
 * Each is an appendix of the tree. */

static bool S_is_signer_role(const vb_line *l);

static bool S_is_letter_cp(uint32_t cp) { return u_isalpha((UChar32)cp) != 0; }

/* "(Kèm theo Quyết định số ...)", "(Ban hành kèm theo ...)", "Ban hành kèm
 * theo ...": the line that says what text a part is attached to.  Marks an
 * export left before it ("*", "_", OCR specks) are passed over. */
static bool S_is_attached_mark(const vb_line *l) {
    if (l->block->kind != VB_BLOCK_PARAGRAPH || !l->len || l->len > 400) return false;
    const char *s = l->text;
    size_t n = l->len, p = 0;
    bool paren = false;
    /* an OCR speck may read as a letter ("ƒ_ (Kèm theo"): a parenthesis
     * near the start opens the mark */
    const char *open = memchr(s, '(', n < 10 ? n : 10);
    if (open) {
        paren = true;
        p = (size_t)(open - s) + 1;
    }
    while (p < n && p < 12) {
        uint32_t cp;
        int k = vb_utf8_decode((const unsigned char *)s + p, n - p, &cp);
        if (k <= 0 || S_is_letter_cp(cp)) break;
        if (cp == '(') paren = true;
        p += (size_t)k;
    }
    if (p >= n) return false;
    size_t w = vb_lex_match(s + p, n - p, "ban hành");
    if (w) {
        if (!paren && s[p] != 'B') return false; /* "ban hành kèm theo" wrapped in prose */
        p += w;
        while (p < n && S_is_ws((unsigned char)s[p])) p++;
    } else if (!paren) {
        return false;
    }
    return vb_lex_match(s + p, n - p, "kèm theo") > 0;
}

/* A short line that names a "Phụ lục" however OCR spaced it ("PhụlụcIII"). */
static bool S_names_appendix(const vb_line *l) {
    if (l->block->kind != VB_BLOCK_PARAGRAPH || !l->len || l->len > 60) return false;
    static const char *const forms[] = {"hụ lục", "hụlục", "HỤ LỤC", "HỤLỤC"};
    for (size_t k = 0; k < sizeof forms / sizeof forms[0]; k++) {
        size_t f = strlen(forms[k]);
        for (size_t i = 0; i + f <= l->len; i++)
            if (memcmp(l->text + i, forms[k], f) == 0) return true;
    }
    return false;
}

/* A line of an attachment's title not printed in capitals, its trích yếu
 * ("Một số nội dung về quản lý đầu tư ..."): short, not numbered, not a
 * sentence's end. */
static bool S_is_title_text(vb_builder *bd, const vb_line *l) {
    if (l->block->kind != VB_BLOCK_PARAGRAPH || !l->len || l->len > 200) return false;
    char last = l->text[l->len - 1];
    if (last == '.' || last == ';' || last == ':' || last == ',') return false;
    vb_label lab;
    vb_pat_match m;
    return !vb_label_match(bd, l->text, l->len, &lab) &&
           !vb_pat_match_text(VB_PAT_LIST_ITEM, l->text, l->len, &m);
}

/* The first line of the title above the "(Kèm theo ...)" line lines[k]: a
 * group of lines in capitals (with the trích yếu under them), between
 * lines[lo] and k.  SIZE_MAX when there is none, or when the group goes
 * back to lines[lo]: then it is the title of the part lo begins. */
static size_t S_attached_title_start(vb_builder *bd, size_t k, size_t lo) {
    size_t start = SIZE_MAX;
    int seen = 0, text = 0;
    size_t j = k;
    for (; j > lo + 1; j--) {
        const vb_line *l = &bd->lines[j - 1];
        if (l->block->kind != VB_BLOCK_PARAGRAPH) break;
        if (!l->len) continue;
        if (++seen > 8) break;
        vb_label lab;
        if (vb_label_match(bd, l->text, l->len, &lab) || S_is_signer_role(l)) break;
        if (S_is_title_line(l) || S_names_appendix(l)) {
            start = j - 1;
            continue;
        }
        if (start == SIZE_MAX && text < 3 && S_is_title_text(bd, l)) {
            text++;
            continue;
        }
        break;
    }
    if (j <= lo + 1) return SIZE_MAX;
    return start;
}

static bool S_is_motto_line(const vb_line *l) {
    vb_pat_match m;
    return l->block->kind == VB_BLOCK_PARAGRAPH && l->len && l->len < 300 &&
           (vb_pat_match_text(VB_PAT_MOTTO1, l->text, l->len, &m) ||
            vb_pat_match_text(VB_PAT_MOTTO1_LOOSE, l->text, l->len, &m) ||
            vb_pat_match_text(VB_PAT_MOTTO2, l->text, l->len, &m));
}

/* An attachment that is a text of its own may print the header again over
 * its title: the authority and the motto.  The first line of that header
 * when it stands right above the title lines[title] (after lines[lo]),
 * else title; SIZE_MAX when the header goes back to lines[lo]: then it is
 * the header of the part lo begins. */
static size_t S_repeated_header_start(vb_builder *bd, size_t title, size_t lo) {
    size_t start = title, j = title;
    bool motto = false;
    int caps = 0;
    while (j > lo + 1) {
        const vb_line *l = &bd->lines[j - 1];
        if (l->block->kind != VB_BLOCK_PARAGRAPH) break;
        if (!l->len) {
            j--;
            continue;
        }
        if (S_is_motto_line(l)) {
            motto = true;
            start = --j;
            continue;
        }
        /* the authority's lines over the motto (or beside it, in one
         * line of two columns) */
        vb_pat_match m;
        if (!motto || caps == 3 || !S_is_title_line(l) || S_is_signer_role(l) ||
            vb_pat_match_text(VB_PAT_SEPARATOR, l->text, l->len, &m))
            break;
        caps++;
        start = --j;
    }
    if (motto && j <= lo + 1) return SIZE_MAX;
    return motto ? start : title;
}

/* A title line opening with a word that titles an attachment ("DANH MỤC",
 * "QUY ĐỊNH"), never a signer's role. */
static bool S_is_attachment_title(const vb_line *l) {
    vb_pat_match m;
    return S_is_title_line(l) && l->len < 300 && vb_lex_attachment_word_at(l->text, l->len) &&
           !S_is_signer_role(l) && !vb_pat_match_text(VB_PAT_RECIPIENTS, l->text, l->len, &m);
}

/* "Biểu 01: ...": the label's bytes, the number in *num, *num_len. */
static size_t S_form_label(const vb_line *l, size_t *num, size_t *num_len) {
    *num = *num_len = 0;
    if (l->block->kind != VB_BLOCK_PARAGRAPH || !l->len || l->len > 400) return 0;
    return vb_lex_form_label_at(l->text, l->len, num, num_len);
}

typedef enum {
    S_ZONE_BODY,      /* the text itself: only a "Phụ lục" or a "(Kèm theo ...)" title */
    S_ZONE_CLOSING,   /* the signature: after a role line, a title that names an attachment */
    S_ZONE_ATTACHMENT /* an attachment: the next "Phụ lục", "Biểu", "(Kèm theo ...)" title */
} S_zone;

/* The first line in [from, to) that begins a part after the one that
 * begins at lines[lo] (the body, the closing, an attachment); to if none. */
static size_t S_next_part(vb_builder *bd, size_t lo, size_t from, size_t to, S_zone zone) {
    bool signed_ = false;
    vb_pat_match m;
    for (size_t k = from; k < to; k++) {
        const vb_line *l = &bd->lines[k];
        if (S_is_appendix_start(bd, l, &m)) return k;
        if (S_is_attached_mark(l)) {
            size_t start = S_attached_title_start(bd, k, lo);
            if (start != SIZE_MAX) start = S_repeated_header_start(bd, start, lo);
            if (start != SIZE_MAX && start >= from) return start;
        }
        if (zone == S_ZONE_BODY) continue;
        size_t num, num_len;
        if (S_form_label(l, &num, &num_len)) return k;
        /* "PhụlụcIII" as OCR spaced it, over a title in capitals */
        if (l->len <= 30 && S_names_appendix(l) && k + 1 < to && S_is_title_line(&bd->lines[k + 1]))
            return k;
        if (zone != S_ZONE_CLOSING) continue;
        if (S_is_signer_role(l)) signed_ = true;
        else if (signed_ && S_is_attachment_title(l)) {
            size_t start = S_repeated_header_start(bd, k, from - 1);
            return start == SIZE_MAX ? k : start;
        }
    }
    return to;
}

/* The title lines of an attachment after its first line lines[i]: down to
 * the "(Kèm theo ...)" line and the line that closes its parenthesis, or
 * the lines in capitals that follow.  Returns the index after them. */
static size_t S_attachment_title_end(vb_builder *bd, size_t i, size_t end) {
    size_t t = i + 1;
    for (int seen = 0; t < end && seen < 8; t++) {
        const vb_line *l = &bd->lines[t];
        if (l->block->kind != VB_BLOCK_PARAGRAPH) break;
        if (!l->len) continue;
        seen++;
        if (S_is_attached_mark(l)) {
            /* the mark goes on until its parenthesis closes */
            bool open = memchr(l->text, '(', l->len) && !memchr(l->text, ')', l->len);
            t++;
            for (int more = 0; open && t < end && more < 2; more++, t++) {
                const vb_line *c = &bd->lines[t];
                vb_label lab;
                if (c->block->kind != VB_BLOCK_PARAGRAPH || !c->len || c->len > 200 ||
                    vb_label_match(bd, c->text, c->len, &lab))
                    break;
                if (memchr(c->text, ')', c->len)) open = false;
            }
            return t;
        }
        vb_label lab;
        if (vb_label_match(bd, l->text, l->len, &lab) || S_is_appendix_start(bd, l, &(vb_pat_match){0}))
            break;
        if (!S_is_title_line(l) && !S_is_title_text(bd, l)) break;
    }
    /* no mark: the lines in capitals right after the first */
    t = i + 1;
    for (int taken = 0; t < end && taken < 3; t++, taken++) {
        const vb_line *l = &bd->lines[t];
        vb_label lab;
        if (l->block->kind != VB_BLOCK_PARAGRAPH || !l->len || !S_is_title_line(l) ||
            vb_label_match(bd, l->text, l->len, &lab))
            break;
    }
    return t;
}

static size_t S_appendix(vb_builder *bd, size_t i, size_t end) {
    vb_arena *a = bd->doc->arena;
    vb_pat_match m;
    vb_node *app = vb_node_new(bd->doc, VB_NODE_APPENDIX, bd->lines[i].line);
    bool labelled = S_is_appendix_start(bd, &bd->lines[i], &m);
    if (!labelled) {
        /* the header printed again over the title: paragraphs before the
         * heading, in the order printed */
        size_t title = i;
        for (size_t k = i; k < end && k < i + 12; k++) {
            const vb_line *h = &bd->lines[k];
            if (h->block->kind != VB_BLOCK_PARAGRAPH) break;
            if (S_is_motto_line(h)) title = k + 1;
            else if (h->len && !S_is_title_line(h)) break;
        }
        while (title > i && title < end && bd->lines[title].block->kind == VB_BLOCK_PARAGRAPH &&
               !bd->lines[title].len)
            title++;
        if (title >= end || bd->lines[title].block->kind != VB_BLOCK_PARAGRAPH) title = i;
        for (; i < title; i++) {
            if (!bd->lines[i].len) continue;
            vb_node *p = vb_node_new(bd->doc, VB_NODE_PARAGRAPH, bd->lines[i].line);
            vb_build_inlines(bd, p, &bd->lines[i], 0);
            vb_node_add(bd->doc, app, p);
        }
    }
    const vb_line *l = &bd->lines[i];
    vb_node *heading = vb_node_new(bd->doc, VB_NODE_HEADING, l->line);
    vb_build_inlines(bd, heading, l, 0);
    vb_node_add(bd->doc, app, heading);
    if (!labelled) {
        /* an attachment titled by what it is, or a numbered form: its label
         * is "Biểu 01", else its first title line as printed */
        size_t num, num_len, label = S_form_label(l, &num, &num_len);
        if (label) {
            app->as.appendix.num = vb_arena_strndup(a, l->text + num, num_len);
            app->as.appendix.label = vb_arena_strndup(a, l->text, num + num_len);
        } else {
            size_t n = l->len;
            while (n > l->prefix && (l->text[n - 1] == ':' || S_is_ws((unsigned char)l->text[n - 1]))) n--;
            app->as.appendix.label = vb_arena_strndup(a, l->text, n);
        }
        size_t title_end = label ? i + 1 : S_attachment_title_end(bd, i, end);
        for (size_t t = i + 1; t < title_end; t++) {
            if (!bd->lines[t].len) continue;
            vb_node_add(bd->doc, heading, vb_node_new(bd->doc, VB_NODE_LINEBREAK, 0));
            vb_build_inlines(bd, heading, &bd->lines[t], 0);
        }
        vb_node_add(bd->doc, bd->doc->root, app);
        bd->last_roman = 0;
    bd->last_chapter = 0;
        S_flow_part(bd, app, title_end, end);
        return end;
    }
    app->as.appendix.num = vb_pat_group(a, l->text, &m, 2);
    size_t label_end = vb_pat_group_set(&m, 2) ? m.group_end[2] : m.group_end[1];
    app->as.appendix.label = vb_arena_strndup(a, l->text, label_end);
    i++;
    /* the title: the lines that follow without a blank, or, after a blank,
     * a group of lines in capitals or bold */
    bool first_group = true;
    int taken = 0;
    while (i < end && taken < 5) {
        const vb_line *t = &bd->lines[i];
        if (t->block->kind != VB_BLOCK_PARAGRAPH || !t->len || t->len > 400) break;
        vb_label lab;
        if (vb_label_match(bd, t->text, t->len, &lab)) break;
        if (t->blank_before) {
            if (!first_group || taken || !S_is_title_line(t)) break;
            first_group = false;
        }
        if (taken == 0 && t->blank_before && !S_is_title_line(t)) break;
        vb_node_add(bd->doc, heading, vb_node_new(bd->doc, VB_NODE_LINEBREAK, 0));
        vb_build_inlines(bd, heading, t, 0);
        taken++;
        i++;
        if (i < end && bd->lines[i].blank_before) first_group = false;
        if (i < end && bd->lines[i].blank_before) break;
    }
    vb_node_add(bd->doc, bd->doc->root, app);
    bd->last_roman = 0;
    bd->last_chapter = 0;
    S_flow_part(bd, app, i, end);
    return end;
}

/* "KT GIÁM ĐỐC", "TM UBND": a prefix printed without its dot, before a
 * known office or body. */
static bool S_undotted_role(const vb_line *l) {
    size_t at = vb_lex_role_prefix(l->text, l->len);
    if (!at) return false;
    const char *s = l->text + at;
    size_t len = l->len - at;
    size_t pho = vb_lex_match(s, len, "PHÓ");
    if (pho) {
        while (pho < len && S_is_ws((unsigned char)s[pho])) pho++;
        s += pho, len -= pho;
    }
    return vb_lex_match_any(s, len, vb_lex_signer_offices, NULL) ||
           vb_lex_match_any(s, len, vb_lex_signer_bodies, NULL);
}

static bool S_is_signer_role(const vb_line *l) {
    vb_pat_match m;
    return l->block->kind == VB_BLOCK_PARAGRAPH && l->len && l->len < 120 &&
           (vb_pat_match_text(VB_PAT_SIGNER_ROLE, l->text, l->len, &m) || S_undotted_role(l)) &&
           S_is_title_line(l);
}

/* A name of one word on its line ("Bùi"), its other words on the next. */
static bool S_name_start(const vb_line *l) {
    if (!l->len || l->len > 12) return false;
    vb_pat_match m;
    char buf[32];
    memcpy(buf, l->text, l->len);
    memcpy(buf + l->len, " A", 3);
    return vb_pat_match_text(VB_PAT_SIGNER_NAME, buf, l->len + 2, &m) && !memchr(l->text, ' ', l->len);
}

/* What the end of a line of the recipients' list is when it is the
 * signature's column printed beside the list: an OCR engine merges the two
 * columns of the closing into one line with a single blank ("- Chính phủ;
 * TM. ỦY BAN NHÂN DÂN").  A role line ("TM. CHÍNH PHỦ") always; once a role
 * was seen beside the list (columns), also a role's next line in capitals
 * ("CHỦ TỊCH"), and the specks a seal or a signature leaves, with no word
 * of three letters ("T ñ", "="). */
typedef enum { S_BESIDE_NONE, S_BESIDE_ROLE, S_BESIDE_SPECKS } S_beside;

static S_beside S_beside_kind(const vb_line *l, size_t from, bool columns) {
    vb_line piece = *l;
    piece.text = l->text + from;
    piece.len = l->len - from;
    piece.prefix = 0;
    if (!piece.len || memchr(piece.text, ';', piece.len)) return S_BESIDE_NONE;
    if (S_is_signer_role(&piece)) return S_BESIDE_ROLE;
    size_t longest = 0, word = 0;
    bool small = false; /* a word of two letters or more with a small letter */
    bool word_small = false;
    for (size_t k = 0; k <= piece.len;) {
        uint32_t cp = 0;
        int n = k < piece.len ? vb_utf8_decode((const unsigned char *)piece.text + k, piece.len - k, &cp) : 1;
        if (n <= 0) n = 1;
        if (k < piece.len && u_isalpha((UChar32)cp)) {
            word++;
            if (u_islower((UChar32)cp)) word_small = true;
        } else {
            if (word > longest) longest = word;
            if (word >= 2 && word_small) small = true;
            word = 0;
            word_small = false;
        }
        k += (size_t)n;
    }
    if (!columns) return S_BESIDE_NONE;
    if (longest < 3) return S_BESIDE_SPECKS;
    return small ? S_BESIDE_NONE : S_BESIDE_ROLE;
}

/* Where a recipient's line ends and the signature's column begins: after
 * the recipient's ';' and the blank after it; 0 when nothing stands there
 * or it is no part of the signature. */
static size_t S_beside_at(const vb_line *l, size_t from, bool columns, S_beside *kind) {
    const char *semi = memchr(l->text + from, ';', l->len - from);
    *kind = S_BESIDE_NONE;
    if (!semi) return 0;
    size_t at = (size_t)(semi - l->text) + 1;
    if (at >= l->len || !S_is_ws((unsigned char)l->text[at])) return 0;
    while (at < l->len && S_is_ws((unsigned char)l->text[at])) at++;
    *kind = S_beside_kind(l, at, columns);
    return *kind == S_BESIDE_NONE ? 0 : at;
}

/* A recipient's item marker: a list marker, or "~", which OCR reads for a
 * dash; the bytes of the marker in *marker_len, where the text begins in
 * *body; false when r opens no item. */
static bool S_recipient_marker(const vb_line *r, size_t *marker_len, size_t *body) {
    vb_pat_match im;
    if (vb_pat_match_text(VB_PAT_LIST_ITEM, r->text, r->len, &im)) {
        *marker_len = im.group_end[1] - im.group_start[1];
        *body = im.end;
        return im.group_start[1] == 0;
    }
    if (r->len > 2 && r->text[0] == '~' && S_is_ws((unsigned char)r->text[1])) {
        *marker_len = 1;
        *body = 1;
        while (*body < r->len && S_is_ws((unsigned char)r->text[*body])) (*body)++;
        return true;
    }
    return false;
}

/* Adds the piece [from, len) of line l, printed beside the recipients, to
 * the closing: a role of the signer (created if need be), or specks kept
 * as a paragraph.  "HỦ TỊCH", an office whose first letter OCR left in the
 * other column, is read as the office, the printed text kept as the
 * repair's original. */
static void S_beside_piece(vb_builder *bd, vb_node *closing, vb_node **signer, const vb_line *l,
                           size_t from, S_beside kind) {
    if (kind == S_BESIDE_SPECKS) {
        vb_node *p = vb_node_new(bd->doc, VB_NODE_PARAGRAPH, l->line);
        vb_build_inlines_range(bd, p, l, from, l->len);
        vb_node_add(bd->doc, closing, p);
        return;
    }
    if (!*signer) {
        *signer = vb_node_new(bd->doc, VB_NODE_SIGNER, l->line);
        vb_node_add(bd->doc, closing, *signer);
    }
    vb_node *role = vb_node_new(bd->doc, VB_NODE_ROLE, l->line);
    const char *office = vb_lex_office_cut_left(l->text + from, l->len - from);
    if (office) {
        vb_node *rep = vb_node_new(bd->doc, VB_NODE_REPAIR, 0);
        size_t to = l->len;
        while (to > from && S_is_ws((unsigned char)l->text[to - 1])) to--;
        rep->as.repair.original = vb_arena_strndup(bd->doc->arena, l->text + from, to - from);
        rep->as.repair.confidence = 1.0f;
        rep->as.repair.kind = VB_REPAIR_SPELLING;
        vb_node *t = vb_node_new(bd->doc, VB_NODE_TEXT, 0);
        t->text = office;
        t->len = strlen(office);
        vb_node_add(bd->doc, rep, t);
        vb_node_add(bd->doc, role, rep);
    } else {
        vb_build_inlines_range(bd, role, l, from, l->len);
    }
    vb_node_add(bd->doc, *signer, role);
}

static void S_closing(vb_builder *bd, size_t i, size_t end) {
    vb_node *closing = vb_node_new(bd->doc, VB_NODE_CLOSING, bd->lines[i].line);
    vb_node *signer = NULL;
    vb_pat_match m;
    vb_buf role_text = {0};
    bool role_open = false;
    while (i < end) {
        const vb_line *l = &bd->lines[i];
        if (l->len && !(S_is_signer_role(l) || (signer && S_is_title_line(l)))) role_open = false;
        if (l->block->kind == VB_BLOCK_TABLE) {
            /* a table in the signature block is layout: read it as lines */
            vb_flow_table_as_paragraphs(bd, closing, l->block);
            i++;
            continue;
        }
        if (!l->len) {
            i++;
            continue;
        }
        if (vb_pat_match_text(VB_PAT_RECIPIENTS, l->text, l->len, &m)) {
            vb_node *rec = vb_node_new(bd->doc, VB_NODE_RECIPIENTS, l->line);
            vb_node *h = vb_node_new(bd->doc, VB_NODE_HEADING, l->line);
            vb_line head = *l;
            head.len = m.end;
            while (head.len && S_is_ws((unsigned char)head.text[head.len - 1])) head.len--;
            vb_build_inlines(bd, h, &head, 0);
            vb_node_add(bd->doc, rec, h);
            vb_node_add(bd->doc, closing, rec);
            /* the signature's column seen beside the list (OCR lines) */
            bool columns = false;
            S_beside beside = S_BESIDE_NONE;
            if (m.end < l->len) {
                /* "Nơi nhận: TM. CHÍNH PHỦ": the role beside the heading;
                 * "Nơi nhận: Ti h": specks, no recipient */
                size_t at = m.end;
                while (at < l->len && S_is_ws((unsigned char)l->text[at])) at++;
                beside = S_beside_kind(l, at, false);
                if (beside == S_BESIDE_NONE && S_beside_kind(l, at, true) == S_BESIDE_SPECKS &&
                    !memchr(l->text + at, '.', l->len - at))
                    beside = S_BESIDE_SPECKS; /* but "Nơi nhận: VT." is a recipient */
                if (beside != S_BESIDE_NONE) {
                    S_beside_piece(bd, closing, &signer, l, at, beside);
                    columns = beside == S_BESIDE_ROLE;
                } else {
                    vb_node *item = vb_node_new(bd->doc, VB_NODE_ITEM, l->line);
                    vb_build_inlines(bd, item, l, m.end);
                    vb_node_add(bd->doc, rec, item);
                }
            }
            i++;
            bool parent_colon = false; /* the last item opened with a marker ends with ':' */
            bool ended = false;        /* the last item ended before the signature's column */
            while (i < end) {
                const vb_line *r = &bd->lines[i];
                if (r->block->kind != VB_BLOCK_PARAGRAPH) break;
                if (!r->len) {
                    i++;
                    continue;
                }
                vb_pat_match im;
                size_t marker_len = 0, body = 0;
                if (!S_recipient_marker(r, &marker_len, &body)) {
                    /* "- Các sở: Nông nghiệp và Môi trường," wrapped: the
                     * next line goes on with the item */
                    const vb_line *last = rec->last_child && rec->last_child->type == VB_NODE_ITEM
                                              ? &bd->lines[i - 1] : NULL;
                    char end_c = last && last->len ? last->text[last->len - 1] : ';';
                    if (ended || end_c == ';' || end_c == '.' || end_c == ':' || r->len > 200 ||
                        S_is_signer_role(r) || S_is_title_line(r) ||
                        vb_pat_match_text(VB_PAT_SIGNER_NAME, r->text, r->len, &im))
                        break;
                    vb_node *sp = vb_node_new(bd->doc, VB_NODE_TEXT, r->line);
                    sp->text = " ";
                    sp->len = 1;
                    vb_node_add(bd->doc, rec->last_child, sp);
                    vb_build_inlines(bd, rec->last_child, r, 0);
                    i++;
                    continue;
                }
                /* "- Văn phòng UBND tỉnh:" then "+ LĐVP, …; + Lưu: VT": items
                 * under another marker after an item that ends with a colon
                 * are its parts, one recipient */
                const char *marker = r->text;
                size_t side = S_beside_at(r, body, columns, &beside);
                vb_node *prev = rec->last_child && rec->last_child->type == VB_NODE_ITEM
                                    ? rec->last_child : NULL;
                if (prev && prev->as.item.marker && parent_colon &&
                    (strlen(prev->as.item.marker) != marker_len ||
                     memcmp(prev->as.item.marker, marker, marker_len) != 0)) {
                    vb_node *sp = vb_node_new(bd->doc, VB_NODE_TEXT, r->line);
                    sp->text = " ";
                    sp->len = 1;
                    vb_node_add(bd->doc, prev, sp);
                    vb_build_inlines(bd, prev, r, 0);
                    i++;
                    continue;
                }
                vb_node *item = vb_node_new(bd->doc, VB_NODE_ITEM, r->line);
                item->as.item.marker = vb_arena_strndup(bd->doc->arena, marker, marker_len);
                if (side) {
                    vb_build_inlines_range(bd, item, r, body, side);
                    vb_node_add(bd->doc, rec, item);
                    S_beside_piece(bd, closing, &signer, r, side, beside);
                    columns = columns || beside == S_BESIDE_ROLE;
                    ended = true;
                } else {
                    ended = false;
                    vb_build_inlines(bd, item, r, body);
                    vb_node_add(bd->doc, rec, item);
                }
                parent_colon = r->len && r->text[r->len - 1] == ':';
                i++;
            }
            continue;
        }
        /* a name cut at a wrap: its first word alone, the rest on the next line */
        if (signer && !vb_node_get_attr(signer, "named") && S_name_start(l)) {
            size_t k = i + 1;
            while (k < end && bd->lines[k].block->kind == VB_BLOCK_PARAGRAPH && !bd->lines[k].len) k++;
            const vb_line *r = k < end ? &bd->lines[k] : NULL;
            if (r && r->block->kind == VB_BLOCK_PARAGRAPH && r->len < 60 &&
                vb_pat_match_text(VB_PAT_SIGNER_NAME, r->text, r->len, &m)) {
                vb_node *name = vb_node_new(bd->doc, VB_NODE_NAME, l->line);
                vb_build_inlines(bd, name, l, 0);
                vb_node *sp = vb_node_new(bd->doc, VB_NODE_TEXT, r->line);
                sp->text = " ";
                sp->len = 1;
                vb_node_add(bd->doc, name, sp);
                vb_build_inlines(bd, name, r, 0);
                vb_node_add(bd->doc, signer, name);
                vb_node_set_attr(bd->doc, signer, "named", "true");
                i = k + 1;
                continue;
            }
        }
        /* the name before the roles: a bold name reads as a title line */
        size_t ranked = signer && !vb_node_get_attr(signer, "named") ? vb_lex_rank_at(l->text, l->len) : 0;
        bool name = signer && !vb_node_get_attr(signer, "named") && l->len - ranked < 60 &&
                    vb_pat_match_text(VB_PAT_SIGNER_NAME, l->text + ranked, l->len - ranked, &m);
        if (!name && (S_is_signer_role(l) || vb_form_body_signature(bd, l) || (signer && !vb_node_get_attr(signer, "named") &&
                                              S_is_title_line(l) && l->len < 120))) {
            if (!signer) {
                signer = vb_node_new(bd->doc, VB_NODE_SIGNER, l->line);
                vb_node_add(bd->doc, closing, signer);
            }
            /* a role cut at a wrap ("TM. ỦY BAN NHÂN" + "DÂN", "KT. BỘ
             * TRƯỞNG," + "CHỦ NHIỆM") goes on in the line after it */
            bool goes_on = role_open && !vb_lex_role_prefix(l->text, l->len);
            vb_node *role = goes_on ? signer->last_child : vb_node_new(bd->doc, VB_NODE_ROLE, l->line);
            if (goes_on) {
                vb_node *sp = vb_node_new(bd->doc, VB_NODE_TEXT, l->line);
                sp->text = " ";
                sp->len = 1;
                vb_node_add(bd->doc, role, sp);
            }
            /* a "**" of markdown left unpaired by an export is no part of it */
            size_t rto = l->len;
            while (rto > l->prefix && (l->text[rto - 1] == '*' || l->text[rto - 1] == ' ')) rto--;
            if (rto < l->len && rto > l->prefix) vb_build_inlines_range(bd, role, l, 0, rto);
            else vb_build_inlines(bd, role, l, 0);
            if (!goes_on) vb_node_add(bd->doc, signer, role);
            /* the role's text so far: is it cut? */
            if (!goes_on) vb_buf_clear(&role_text);
            else vb_buf_putc(&role_text, ' ');
            vb_buf_append(&role_text, l->text, rto);
            role_open = vb_lex_role_unfinished(role_text.data, role_text.len);
            i++;
            continue;
        }
        /* "Thượng tướng Nguyễn Văn Hiền": the rank is kept apart from the name */
        size_t rank = signer && !vb_node_get_attr(signer, "named") ? vb_lex_rank_at(l->text, l->len) : 0;
        if (rank && l->len - rank < 60 &&
            vb_pat_match_text(VB_PAT_SIGNER_NAME, l->text + rank, l->len - rank, &m)) {
            vb_node *name = vb_node_new(bd->doc, VB_NODE_NAME, l->line);
            size_t rank_len = rank;
            while (rank_len && (l->text[rank_len - 1] == ' ' || l->text[rank_len - 1] == '\t')) rank_len--;
            vb_node_set_attr(bd->doc, name, "rank", vb_arena_strndup(bd->doc->arena, l->text, rank_len));
            vb_build_inlines(bd, name, l, rank);
            vb_node_add(bd->doc, signer, name);
            vb_node_set_attr(bd->doc, signer, "named", "true");
            i++;
            continue;
        }
        if (signer && !vb_node_get_attr(signer, "named") && l->len < 60 &&
            vb_pat_match_text(VB_PAT_SIGNER_NAME, l->text, l->len, &m)) {
            vb_node *name = vb_node_new(bd->doc, VB_NODE_NAME, l->line);
            vb_build_inlines(bd, name, l, 0);
            vb_node_add(bd->doc, signer, name);
            vb_node_set_attr(bd->doc, signer, "named", "true");
            i++;
            continue;
        }
        vb_node *p = vb_node_new(bd->doc, VB_NODE_PARAGRAPH, l->line);
        vb_build_inlines(bd, p, l, 0);
        vb_node_add(bd->doc, closing, p);
        i++;
    }
    vb_buf_free(&role_text);
    if (signer) {
        /* "named" was bookkeeping; the name element says it */
        vb_attr **a = &signer->attrs;
        while (*a) {
            if (strcmp((*a)->name, "named") == 0) *a = (*a)->next;
            else a = &(*a)->next;
        }
    }
    vb_node_add(bd->doc, bd->doc->root, closing);
}

void vb_flow_table_as_paragraphs(vb_builder *bd, vb_node *parent, const vb_block *t) {
    for (size_t r = 0; r < t->nrows; r++)
        for (size_t c = 0; c < t->rows[r].ncells; c++)
            for (const vb_block *p = t->rows[r].cells[c].content; p; p = p->next) {
                if (p->kind != VB_BLOCK_PARAGRAPH) continue;
                vb_node *para = vb_node_new(bd->doc, VB_NODE_PARAGRAPH, p->line);
                S_block_inlines(bd, para, p);
                if (para->first_child) vb_node_add(bd->doc, parent, para);
            }
}

/* Where the closing block starts: at "Nơi nhận:", or a little before it when
 * the signature comes first; without "Nơi nhận", at a signer's role line
 * ("TM. ỦY BAN NHÂN DÂN") near the end of the part. */
static size_t S_find_closing(vb_builder *bd, size_t from, size_t to) {
    vb_pat_match m;
    for (size_t i = from; i < to; i++) {
        const vb_line *l = &bd->lines[i];
        if (l->block->kind != VB_BLOCK_PARAGRAPH || l->len > 60) continue;
        if (!vb_pat_match_text(VB_PAT_RECIPIENTS, l->text, l->len, &m)) continue;
        size_t start = i;
        for (size_t k = i, seen = 0; k > from && seen < 6; k--, seen++)
            if (S_is_signer_role(&bd->lines[k - 1])) start = k - 1;
        return start;
    }
    for (size_t i = to; i > from && to - i < 12; i--)
        if (S_is_signer_role(&bd->lines[i - 1]) || vb_form_body_signature(bd, &bd->lines[i - 1])) {
            size_t start = i - 1;
            while (start > from && S_is_signer_role(&bd->lines[start - 1])) start--;
            return start;
        }
    return SIZE_MAX;
}

/* ---- footnotes ---- */

/* A label as it may stand in an XML ID (an NCName, as the schema types it):
 * ASCII letters and digits as they are, every other byte as _XX, so that
 * "*", "1.2" or "†" give distinct, valid ids ("fn-_2a"). */
static const char *S_id_safe(vb_arena *a, const char *label) {
    size_t n = strlen(label);
    char *out = vb_arena_alloc(a, n * 3 + 1), *o = out;
    static const char hex[] = "0123456789abcdef";
    for (const unsigned char *p = (const unsigned char *)label; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')) {
            *o++ = (char)*p;
        } else {
            *o++ = '_';
            *o++ = hex[*p >> 4];
            *o++ = hex[*p & 15];
        }
    }
    *o = '\0';
    return out;
}

static void S_footnotes(vb_builder *bd) {
    vb_arena *a = bd->doc->arena;
    size_t count = 0;
    for (const vb_block *b = bd->doc->source->first; b; b = b->next)
        if (b->kind == VB_BLOCK_NOTE) count++;
    if (!count) return;
    vb_node **notes = vb_arena_alloc(a, count * sizeof *notes);
    size_t n = 0;
    for (const vb_block *b = bd->doc->source->first; b; b = b->next) {
        if (b->kind != VB_BLOCK_NOTE) continue;
        vb_node *fn = vb_node_new(bd->doc, VB_NODE_FOOTNOTE, b->line);
        fn->as.note.label = b->note_id ? b->note_id : "";
        size_t same = 0;
        for (size_t k = 0; k < n; k++) same += strcmp(notes[k]->as.note.label, fn->as.note.label) == 0;
        const char *key = S_id_safe(a, fn->as.note.label);
        vb_node_set_attr(bd->doc, fn, "id",
                         same ? vb_arena_printf(a, "fn-%s-%zu", key, same + 1)
                              : vb_arena_printf(a, "fn-%s", key));
        if (b->region == VB_REGION_ENDNOTES) vb_node_set_attr(bd->doc, fn, "kind", "endnote");
        vb_node *p = vb_node_new(bd->doc, VB_NODE_PARAGRAPH, b->line);
        S_block_inlines(bd, p, b);
        vb_node_add(bd->doc, fn, p);
        vb_node_add(bd->doc, bd->doc->root, fn);
        notes[n++] = fn;
    }
    /* each mark links to the first note with its label at or after the mark,
     * else the last one before it (labels restart in some exports) */
    vb_iter it;
    vb_iter_init(&it, bd->doc->root);
    vb_event ev;
    while ((ev = vb_iter_next(&it)) != VB_EVENT_DONE) {
        vb_node *ref = (vb_node *)vb_iter_node(&it);
        if (ev != VB_EVENT_ENTER || ref->type != VB_NODE_NOTE_REF) continue;
        int line = 0;
        for (const vb_node *up = ref; up && !line; up = up->parent) line = up->line;
        vb_node *best = NULL;
        for (size_t k = 0; k < n; k++) {
            if (strcmp(notes[k]->as.note.label, ref->as.note.label) != 0) continue;
            best = notes[k];
            if (notes[k]->line >= line) break;
        }
        if (best) vb_node_set_attr(bd->doc, ref, "ref", vb_node_get_attr(best, "id"));
    }
}

/* The inline content of n, its blocks apart by a space, moved into p. */
static void S_flatten_into(vb_doc *doc, vb_node *p, vb_node *n) {
    while (n->first_child) {
        vb_node *c = n->first_child;
        if (vb_node_is_inline(c->type)) {
            vb_node_add(doc, p, c);
            continue;
        }
        if (p->first_child) {
            vb_node *space = vb_node_new(doc, VB_NODE_TEXT, 0);
            space->text = " ";
            space->len = 1;
            vb_node_add(doc, p, space);
        }
        S_flatten_into(doc, p, c);
        vb_node_unlink(c);
    }
}

void vb_build_keep_repeated_row(vb_builder *bd, vb_node *row) {
    vb_doc *doc = bd->doc;
    vb_node_unlink(row);
    if (!bd->repeated) bd->repeated = vb_node_new(doc, VB_NODE_PAGE_HEADER, row->line);
    vb_node *p = vb_node_new(doc, VB_NODE_PARAGRAPH, row->line);
    for (vb_node *c = row->first_child; c; c = c->next) {
        if (c != row->first_child) {
            vb_node *bar = vb_node_new(doc, VB_NODE_TEXT, 0);
            bar->text = " | ";
            bar->len = 3;
            vb_node_add(doc, p, bar);
        }
        S_flatten_into(doc, p, c);
    }
    vb_node_add(doc, bd->repeated, p);
}

static void S_page_regions(vb_builder *bd) {
    for (const vb_block *b = bd->doc->source->first; b; b = b->next) {
        if (b->region != VB_REGION_PAGE_HEADER && b->region != VB_REGION_PAGE_FOOTER) continue;
        vb_node_type t = b->region == VB_REGION_PAGE_HEADER ? VB_NODE_PAGE_HEADER : VB_NODE_PAGE_FOOTER;
        vb_node *part = bd->doc->root->last_child;
        if (!part || part->type != t) {
            part = vb_node_new(bd->doc, t, b->line);
            vb_node_add(bd->doc, bd->doc->root, part);
        }
        if (b->kind == VB_BLOCK_TABLE) {
            vb_node_add(bd->doc, part, S_table(bd, b));
        } else if (b->kind == VB_BLOCK_PARAGRAPH) {
            vb_node *p = vb_node_new(bd->doc, VB_NODE_PARAGRAPH, b->line);
            S_block_inlines(bd, p, b);
            vb_node_add(bd->doc, part, p);
        }
    }
    if (bd->repeated) vb_node_add(bd->doc, bd->doc->root, bd->repeated);
}

/* A paragraph that only draws a layout: its text is one "|" (in emphasis
 * or not), the boundary of a cell of a table flattened by a website export
 * whose rows were too irregular to rebuild (extract/text.c rebuilds the
 * regular ones). */
static bool S_layout_paragraph(vb_doc *doc, const vb_node *p) {
    if (p->type != VB_NODE_PARAGRAPH) return false;
    const char *t = vb_node_text_scratch(doc, p);
    while (*t == ' ') t++;
    if (*t != '|') return false;
    t++;
    while (*t == ' ') t++;
    return !*t;
}

/* The layout paragraphs of the running text (body, sections, closing,
 * attachments) are taken out of the flow into one LAYOUT part at the end,
 * each with its line: no text of the source is lost, and none is read as
 * text. */
static void S_layout_lines(vb_builder *bd, vb_node *n, vb_node **part) {
    for (vb_node *c = n->first_child, *next; c; c = next) {
        next = c->next;
        if (c->type == VB_NODE_SECTION || c->type == VB_NODE_BODY || c->type == VB_NODE_APPENDIX ||
            c->type == VB_NODE_CLOSING) {
            S_layout_lines(bd, c, part);
            continue;
        }
        if (!S_layout_paragraph(bd->doc, c)) continue;
        if (!*part) *part = vb_node_new(bd->doc, VB_NODE_LAYOUT, c->line);
        vb_node_unlink(c);
        vb_node_add(bd->doc, *part, c);
    }
}

/* ---- the tree takes its text over; the blocks are freed ---- */

/* A string of the source's arena copied into the tree's (len bytes, or up
 * to its NUL when len is SIZE_MAX); any other string is kept as it is. */
static const char *S_keep(vb_arena *from, vb_arena *to, const char *s, size_t len) {
    if (!s || !vb_arena_owns(from, s)) return s;
    return len == SIZE_MAX ? vb_arena_strdup(to, s) : vb_arena_strndup(to, s, len);
}

static void S_keep_node(vb_arena *from, vb_arena *to, vb_node *n) {
    if (n->type == VB_NODE_TEXT) n->text = S_keep(from, to, n->text, n->len);
    switch (n->type) {
    case VB_NODE_SECTION:
        n->as.section.num = S_keep(from, to, n->as.section.num, SIZE_MAX);
        n->as.section.label = S_keep(from, to, n->as.section.label, SIZE_MAX);
        break;
    case VB_NODE_ITEM:
        n->as.item.marker = S_keep(from, to, n->as.item.marker, SIZE_MAX);
        break;
    case VB_NODE_FOOTNOTE:
    case VB_NODE_NOTE_REF:
        n->as.note.label = S_keep(from, to, n->as.note.label, SIZE_MAX);
        break;
    case VB_NODE_LINK:
        n->as.link.url = S_keep(from, to, n->as.link.url, SIZE_MAX);
        n->as.link.refused = S_keep(from, to, n->as.link.refused, SIZE_MAX);
        break;
    case VB_NODE_REPAIR:
        n->as.repair.original = S_keep(from, to, n->as.repair.original, SIZE_MAX);
        break;
    case VB_NODE_APPENDIX:
        n->as.appendix.label = S_keep(from, to, n->as.appendix.label, SIZE_MAX);
        n->as.appendix.num = S_keep(from, to, n->as.appendix.num, SIZE_MAX);
        break;
    default:
        break;
    }
    for (vb_attr *a = n->attrs; a; a = a->next) {
        a->name = S_keep(from, to, a->name, SIZE_MAX);
        a->value = S_keep(from, to, a->value, SIZE_MAX);
    }
}

/* Once the tree is built, everything it points to is copied into the
 * doc's arena, with what the source keeps for the renderers (path, props,
 * report, diagnostics); then the source's arena, with every block and run,
 * is freed.  The values pass that follows adds to a tree that owns all it
 * holds, and the blocks no longer count in the peak memory. */
static void S_release_blocks(vb_doc *doc) {
    vb_source *old = doc->source;
    vb_arena *from = old->arena, *to = doc->arena;
    vb_iter it;
    vb_iter_init(&it, doc->root);
    vb_event ev;
    while ((ev = vb_iter_next(&it)) != VB_EVENT_DONE)
        if (ev == VB_EVENT_ENTER) S_keep_node(from, to, (vb_node *)vb_iter_node(&it));
    vb_field *fields[] = {&doc->meta.authority, &doc->meta.number, &doc->meta.motto, &doc->meta.place,
                          &doc->meta.date, &doc->meta.type, &doc->meta.title};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        fields[i]->value = S_keep(from, to, fields[i]->value, SIZE_MAX);
        for (vb_field_repair *r = fields[i]->repairs; r; r = r->next)
            r->original = S_keep(from, to, r->original, SIZE_MAX);
    }
    for (size_t i = 0; i < doc->meta.naddressees; i++) {
        vb_field *f = &doc->meta.addressees[i];
        f->value = S_keep(from, to, f->value, SIZE_MAX);
        for (vb_field_repair *r = f->repairs; r; r = r->next)
            r->original = S_keep(from, to, r->original, SIZE_MAX);
    }
    doc->meta.number_value = S_keep(from, to, doc->meta.number_value, SIZE_MAX);
    doc->meta.code = S_keep(from, to, doc->meta.code, SIZE_MAX);

    vb_source *src = vb_arena_alloc(to, sizeof *src);
    src->arena = to;
    src->path = S_keep(from, to, old->path, SIZE_MAX);
    src->format = S_keep(from, to, old->format, SIZE_MAX);
    src->encoding = S_keep(from, to, old->encoding, SIZE_MAX);
    vb_prop **tail = &src->props;
    for (const vb_prop *p = old->props; p; p = p->next) {
        vb_prop *copy = vb_arena_alloc(to, sizeof *copy);
        copy->key = S_keep(from, to, p->key, SIZE_MAX);
        copy->value = S_keep(from, to, p->value, SIZE_MAX);
        copy->line = p->line;
        *tail = copy;
        tail = &copy->next;
    }
    if (old->report) {
        src->report = vb_arena_alloc(to, sizeof *src->report);
        *src->report = *old->report;
        for (size_t i = 0; i < src->report->nitems; i++)
            src->report->items[i].kind = S_keep(from, to, src->report->items[i].kind, SIZE_MAX);
    }
    vb_diags_init(&src->diags, to, src->path);
    for (const vb_diag *g = old->diags.first; g; g = g->next) {
        vb_diag *copy = vb_arena_alloc(to, sizeof *copy);
        *copy = *g;
        copy->next = NULL;
        copy->code = S_keep(from, to, g->code, SIZE_MAX);
        copy->message = S_keep(from, to, g->message, SIZE_MAX);
        if (g->file) copy->file = S_keep(from, to, g->file, SIZE_MAX);
        if (src->diags.last) src->diags.last->next = copy;
        else src->diags.first = copy;
        src->diags.last = copy;
    }
    memcpy(src->diags.count, old->diags.count, sizeof src->diags.count);
    vb_arena_free(from);
    doc->source = src;
}

/* ---- the whole document ---- */

/* Every tree is checked once built (one walk over its nodes: 0.1 to 0.3 %
 * of converting 3 MB of text): a violation is an error in the diagnostics,
 * and in checking builds (VB_CHECK_TREE) it stops the program with them. */
static void S_check_tree(vb_doc *doc) {
    vb_diags *diags = &doc->source->diags;
    const vb_diag *before = diags->last;
    if (!vb_doc_check(doc, diags)) return;
#ifdef VB_CHECK_TREE
    vb_buf b = {0};
    for (const vb_diag *g = before ? before->next : diags->first; g; g = g->next) {
        vb_buf_clear(&b);
        vb_diag_format(diags, g, &b);
        fprintf(stderr, "%s\n", b.data);
    }
    fprintf(stderr, "tree check failed\n");
    abort();
#else
    (void)before;
#endif
}

int vb_model_build(vb_source *src, const vb_model_options *opts, vb_doc **out) {
    *out = NULL;
    vb_arena *arena = vb_arena_new(); /* the tree's own: the source's is freed once it is built */
    vb_doc *doc = vb_arena_alloc(arena, sizeof *doc);
    doc->arena = arena;
    doc->source = src;
    doc->root = vb_node_new(doc, VB_NODE_DOCUMENT, 0);
    vb_doc_collect_positions(doc);
    vb_builder bd = {.doc = doc, .opts = opts};
    S_cut_lines(&bd);

    size_t body_start = vb_build_header(&bd);

    /* parts: every appendix or attachment start and the closing block cut
     * the rest */
    size_t closing = S_find_closing(&bd, body_start, bd.nlines);
    size_t first_appendix = S_next_part(&bd, body_start, body_start, bd.nlines, S_ZONE_BODY);
    if (first_appendix == bd.nlines) first_appendix = SIZE_MAX;
    if (closing != SIZE_MAX && first_appendix < closing) {
        /* an appendix before the signature: look for it after the body only */
        closing = S_find_closing(&bd, body_start, first_appendix);
    }
    size_t body_end = closing < first_appendix ? closing : first_appendix;
    if (body_end > bd.nlines) body_end = bd.nlines;

    vb_node *body = vb_node_new(doc, VB_NODE_BODY, body_start < bd.nlines ? bd.lines[body_start].line : 0);
    vb_node_add(doc, doc->root, body);
    flow f = {.bd = &bd, .base = body, .after_quote = SIZE_MAX};
    for (size_t k = 0; k < bd.npreamble; k++) {
        vb_node *p = vb_node_new(doc, VB_NODE_PARAGRAPH, bd.preamble[k].line->line);
        vb_build_inlines_range(&bd, p, bd.preamble[k].line, bd.preamble[k].from, bd.preamble[k].to);
        if (p->first_child) vb_node_add(doc, body, p);
    }
    S_flow(&f, body_start, body_end);

    size_t i = body_end;
    while (i < bd.nlines) {
        size_t next = S_next_part(&bd, i, i + 1, bd.nlines, i == closing ? S_ZONE_CLOSING : S_ZONE_ATTACHMENT);
        if (i == closing) S_closing(&bd, i, next);
        else S_appendix(&bd, i, next);
        i = next;
    }
    S_footnotes(&bd);
    vb_node *layout = NULL;
    S_layout_lines(&bd, doc->root, &layout);
    if (layout) vb_node_add(doc, doc->root, layout);
    S_page_regions(&bd);
    bool values = !opts || !opts->no_values;
    /* the task lines of an appendix without a table are read from the
     * blocks (the printed lines layout joined); values skip their TASKS */
    if (values)
        for (vb_node *part = doc->root->first_child; part; part = part->next)
            if (part->type == VB_NODE_APPENDIX) vb_tasks_from_lines(doc, part);
    free(bd.lines);
    vb_doc_scratch_release(doc);
    S_release_blocks(doc);
    if (values) vb_values_annotate(doc);
    vb_doc_scratch_release(doc);
    S_check_tree(doc);
    *out = doc;
    return VB_OK;
}

void vb_doc_free(vb_doc *doc) {
    if (!doc) return;
    vb_arena_free(doc->scratch);
    vb_source_free(doc->source);
}
