/* The DOCX reader: WordprocessingML streamed part by part into blocks.
 *
 * Reading order of the output: page headers, body, page footers, footnotes,
 * endnotes — each block tagged with its region so the model keeps running
 * heads and notes apart from the body.
 *
 * Tables are given as a full grid: every row holds ncols cells.  A cell
 * spanning columns (w:gridSpan) or rows (w:vMerge) carries colspan/rowspan
 * and the grid positions it covers hold placeholders with covered = true.
 *
 * Numbering is materialised: the label Word prints ("II.", "1.2.", "a)",
 * "-") goes into block->label and its level into list_level, so the model
 * can build the hierarchy as it does from text. */
#include "docx_internal.h"
#include "reader_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_FIELDS 16
#define MAX_NOTES 100000

/* ---- element tags the reader acts on (w: namespace unless noted) ---- */
typedef enum {
    T_OTHER, T_P, T_PPR, T_R, T_RPR, T_T, T_DELTEXT, T_INSTRTEXT, T_TBL, T_TBLGRID, T_TR, T_TRPR,
    T_TC, T_TCPR, T_INS, T_DEL, T_MOVEFROM, T_MOVETO, T_HYPERLINK, T_TXBX, T_AC, T_CHOICE,
    T_FALLBACK, T_FLDSIMPLE, T_NUMPR, T_SECTPR, T_NOTE, T_SDTPR, T_SKIP,
    T_MATH, T_MT, T_MPART /* m: namespace: an equation, its text, a part of its layout */
} S_tag;

/* Names the reader looks at without giving them a tag of their own: the
 * children of property sets and of runs. */
typedef enum {
    N_NONE, N_B, N_I, N_U, N_VERTALIGN, N_RSTYLE, N_VANISH, N_PSTYLE, N_OUTLINELVL, N_JC,
    N_PAGEBREAKBEFORE, N_NUMID, N_ILVL, N_HEADERREF, N_FOOTERREF, N_GRIDCOL, N_TBLHEADER,
    N_GRIDBEFORE, N_GRIDSPAN, N_VMERGE, N_HMERGE, N_TAB, N_BR, N_CR, N_NOBREAKHYPHEN,
    N_SOFTHYPHEN, N_SYM, N_FOOTNOTEREF, N_ENDNOTEREF, N_FLDCHAR,
    N_M_NUM, N_M_DEN, N_M_SUB, N_M_SUP, N_M_DEG, N_M_RAD, N_M_E, N_M_PR
} S_name;

typedef struct {
    S_tag tag;
    S_name name;
} S_kind;

typedef struct {
    const char *name; /* address in the parser's dictionary; NULL = free slot */
    vb_docx_ns ns;
    S_kind kind;
} S_kind_slot;

typedef struct {
    S_tag tag;
    int aux;              /* AlternateContent: a Choice was taken */
    const char *saved_link;
} S_open;

typedef struct S_cellb {
    vb_cell cell;
    int grid_col;
    int vmerge; /* 0 none, 1 restart, 2 continue */
    struct S_cellb *next;
} S_cellb;

typedef struct S_rowb {
    S_cellb *cells, *last;
    bool header, deleted;
    int next_col, line;
    struct S_rowb *next;
} S_rowb;

typedef struct {
    S_rowb *rows, *last;
    size_t nrows;
    int grid_cols, line;
    S_rowb *row;
    S_cellb *cell;
} S_table;

typedef struct {
    vb_block *first, *last;
} S_list;

typedef struct {
    vb_block *block;
    /* paragraph properties */
    const char *style_id, *num_id;
    int ilvl, outline;
    int centered;          /* -1 unset */
    bool numbered;         /* label computed */
    bool page_break_before;
    vb_docx_style_info style;
    /* the run being read */
    int r_bold, r_italic, r_under, r_vert; /* -1 unset; vert 1 sup 2 sub */
    const char *r_style;
    bool r_hidden;
    bool t_preserve;
    /* text waiting to become a run */
    vb_buf pending;
    unsigned pending_style;
    const char *pending_link;
    vb_run *custom_mark;   /* NOTE_REF whose mark is the text that follows */
    long custom_note;      /* its note (index), or -1 */
    vb_run *tail;          /* last run of block */
    S_list textboxes;      /* blocks of text boxes anchored here */
} S_para;

typedef struct {
    const char *id;        /* w:id in the notes part */
    const char *mark;      /* as printed */
    bool endnote;
    S_list content;
} S_note;

typedef struct {
    bool result;           /* past w:fldChar separate */
    char instr[512];
    size_t ilen;
    const char *saved_link;
} S_field;

typedef struct {
    vb_source *src;
    const vb_extract_options *opts;
    vb_docx_zip *zip;
    vb_docx_styles *styles;
    vb_docx_xml *x;
    const vb_docx_rel *rels; /* of the part being read */
    vb_region region;
    int line;
    bool failed;
    int fail_status;
    S_kind_slot kinds[512];  /* element names of the current part (see S_kind_cached) */
    /* open elements by depth */
    S_open open[VB_DOCX_MAX_XML_DEPTH + 2];
    /* where finished blocks go: body, cell, text box, note */
    S_list containers[3 * VB_DOCX_MAX_NESTING + 4];
    int ncontainers;
    S_table tables[VB_DOCX_MAX_NESTING];
    int ntables;
    /* the row and cell builders of the tables being read: dropped when the
     * outermost table is done, as only the finished grid stays */
    vb_arena *scratch;
    vb_block *spare;         /* a paragraph dropped as empty, to be reused */
    S_para paras[VB_DOCX_MAX_NESTING];
    int nparas;
    S_field fields[MAX_FIELDS];
    int nfields, fields_overflow;
    int deleted, inserted;   /* depth of tracked-change wrappers */
    const char *link;
    /* notes referenced so far, in order of first reference */
    S_note *notes;
    size_t nnotes, cap_notes;
    int nfoot, nend;
    S_note *current_note;    /* while reading a notes part */
    /* header/footer relationship ids found in w:sectPr */
    const char *hf_ids[64];
    bool hf_footer[64];
    int nhf;
    size_t grid_cells; /* of the tables read so far (VB_DOCX_MAX_GRID_CELLS) */
    /* the equation being read (m:oMath), with the marks of its layout */
    vb_buf math;
    int math_depth;
} S_reader;

static void S_fail(S_reader *rd, int status, const char *code, const char *msg) {
    if (rd->failed) return;
    rd->failed = true;
    rd->fail_status = status;
    vb_diag_add(&rd->src->diags, VB_ERROR, 0, 0, -1, code, "%s: %s",
                rd->x ? vb_docx_xml_part(rd->x) : "package", msg);
}

static vb_block *S_new_block(S_reader *rd, vb_block_kind kind) {
    vb_block *b = rd->spare;
    if (b) {
        rd->spare = NULL;
        memset(b, 0, sizeof *b);
    } else {
        b = vb_arena_alloc(rd->src->arena, sizeof *b);
    }
    b->kind = kind;
    b->region = rd->region;
    b->line = b->line_end = rd->line;
    b->list_level = -1;
    return b;
}

static void S_list_add(S_list *l, vb_block *b) {
    b->next = NULL;
    if (l->last) l->last->next = b;
    else l->first = b;
    l->last = b;
}

static S_list *S_container(S_reader *rd) { return &rd->containers[rd->ncontainers - 1]; }

static bool S_push_container(S_reader *rd) {
    if (rd->ncontainers >= (int)(sizeof rd->containers / sizeof rd->containers[0])) {
        S_fail(rd, VB_ERR_LIMIT, "docx-nesting", "tables and text boxes nest too deeply; refused");
        return false;
    }
    rd->containers[rd->ncontainers++] = (S_list){0};
    return true;
}

static S_list S_pop_container(S_reader *rd) { return rd->containers[--rd->ncontainers]; }

/* ---- runs ---- */
static void S_add_run(S_para *p, vb_run *r) {
    if (p->block->runs && p->tail) p->tail->next = r;
    else p->block->runs = r;
    p->tail = r;
}

static void S_flush(S_reader *rd, S_para *p) {
    if (!p->pending.len) return;
    vb_run *r = vb_arena_alloc(rd->src->arena, sizeof *r);
    r->kind = VB_RUN_TEXT;
    r->style = p->pending_style;
    r->text = vb_arena_strndup(rd->src->arena, p->pending.data, p->pending.len);
    r->len = p->pending.len;
    r->link = p->pending_link;
    S_add_run(p, r);
    vb_buf_clear(&p->pending);
}

static bool S_visible(const S_reader *rd, const S_para *p) {
    if (p->r_hidden) return false;
    if (rd->deleted && !rd->opts->keep_deletions) return false;
    for (int i = 0; i < rd->nfields && i < MAX_FIELDS; i++)
        if (!rd->fields[i].result) return false;
    return true;
}

static unsigned S_run_style(const S_reader *rd, const S_para *p) {
    int cb = -1, ci = -1;
    if (p->r_style) vb_docx_char_style_get(rd->styles, p->r_style, &cb, &ci);
    int b = p->r_bold >= 0 ? p->r_bold : cb >= 0 ? cb : p->style.bold > 0;
    int i = p->r_italic >= 0 ? p->r_italic : ci >= 0 ? ci : p->style.italic > 0;
    unsigned s = 0;
    if (b) s |= VB_STYLE_BOLD;
    if (i) s |= VB_STYLE_ITALIC;
    if (p->r_under > 0) s |= VB_STYLE_UNDERLINE;
    if (p->r_vert == 1) s |= VB_STYLE_SUPERSCRIPT;
    if (p->r_vert == 2) s |= VB_STYLE_SUBSCRIPT;
    if (rd->opts->keep_deletions) {
        if (rd->deleted) s |= VB_STYLE_DELETED;
        else if (rd->inserted) s |= VB_STYLE_INSERTED;
    }
    return s;
}

static void S_text(S_reader *rd, S_para *p, const char *s, size_t n) {
    if (!n || !S_visible(rd, p)) return;
    if (p->custom_mark) {
        /* the custom footnote mark ("*") is the text right after the reference */
        size_t a = 0, e = n;
        while (a < e && s[a] == ' ') a++;
        while (e > a && s[e - 1] == ' ') e--;
        if (a == e) return;
        p->custom_mark->note_id = vb_arena_strndup(rd->src->arena, s + a, e - a);
        if (p->custom_note >= 0 && (size_t)p->custom_note < rd->nnotes &&
            !rd->notes[p->custom_note].mark)
            rd->notes[p->custom_note].mark = p->custom_mark->note_id;
        p->custom_mark = NULL;
        return;
    }
    unsigned style = S_run_style(rd, p);
    if (p->pending.len && (style != p->pending_style || p->pending_link != rd->link))
        S_flush(rd, p);
    p->pending_style = style;
    p->pending_link = rd->link;
    vb_buf_append(&p->pending, s, n);
}

static void S_special_run(S_reader *rd, S_para *p, vb_run_kind kind) {
    if (!S_visible(rd, p)) return;
    S_flush(rd, p);
    vb_run *r = vb_arena_alloc(rd->src->arena, sizeof *r);
    r->kind = kind;
    r->text = "";
    r->style = S_run_style(rd, p);
    S_add_run(p, r);
}

/* w:sym: the character of a symbol font.  Symbol and Wingdings put their
 * glyphs at U+F000+code; the common ones are mapped to their Unicode
 * meaning, the rest kept as they are. */
static uint32_t S_symbol(const char *font, uint32_t cp) {
    if (cp >= 0xF000 && cp <= 0xF0FF) {
        unsigned c = cp - 0xF000;
        if (font && strcasecmp(font, "Symbol") == 0) {
            static const struct { unsigned char c; uint32_t u; } sym[] = {
                {0x2D, 0x2212}, {0x61, 0x03B1}, {0x62, 0x03B2}, {0x63, 0x03C7}, {0x64, 0x03B4},
                {0x65, 0x03B5}, {0x66, 0x03C6}, {0x67, 0x03B3}, {0x68, 0x03B7}, {0x6C, 0x03BB},
                {0x6D, 0x03BC}, {0x70, 0x03C0}, {0x71, 0x03B8}, {0x72, 0x03C1}, {0x73, 0x03C3},
                {0x74, 0x03C4}, {0x77, 0x03C9}, {0x44, 0x0394}, {0x46, 0x03A6}, {0x47, 0x0393},
                {0x50, 0x03A0}, {0x53, 0x03A3}, {0x57, 0x03A9}, {0xA3, 0x2264}, {0xA5, 0x221E},
                {0xAC, 0x2190}, {0xAE, 0x2192}, {0xB0, 0x00B0}, {0xB1, 0x00B1}, {0xB3, 0x2265},
                {0xB4, 0x00D7}, {0xB7, 0x2022}, {0xB8, 0x00F7}, {0xB9, 0x2260}, {0xBB, 0x2248},
                {0xD6, 0x221A}, {0xE5, 0x2211}};
            for (size_t i = 0; i < sizeof sym / sizeof sym[0]; i++)
                if (sym[i].c == c) return sym[i].u;
            if (c >= 0x20 && c < 0x7F) return c;
        } else if (font && strncasecmp(font, "Wingdings", 9) == 0) {
            static const struct { unsigned char c; uint32_t u; } wd[] = {
                {0xFC, 0x2713}, {0xFB, 0x2717}, {0x9F, 0x2022}, {0xA7, 0x25AA}, {0xA8, 0x25FB},
                {0x6F, 0x25A1}, {0x6E, 0x25A0}, {0xD8, 0x27A2}, {0x76, 0x2756}, {0xE0, 0x2192}};
            for (size_t i = 0; i < sizeof wd / sizeof wd[0]; i++)
                if (wd[i].c == c) return wd[i].u;
        }
    }
    return cp;
}

/* ---- paragraphs ---- */
static S_para *S_para_top(S_reader *rd) { return rd->nparas ? &rd->paras[rd->nparas - 1] : NULL; }

static void S_para_begin(S_reader *rd) {
    if (rd->nparas >= VB_DOCX_MAX_NESTING) {
        S_fail(rd, VB_ERR_LIMIT, "docx-nesting", "paragraphs nest too deeply (text boxes in text boxes); refused");
        return;
    }
    S_para *p = &rd->paras[rd->nparas++];
    vb_buf pending = p->pending; /* keep the buffer's memory between paragraphs */
    memset(p, 0, sizeof *p);
    p->pending = pending;
    vb_buf_clear(&p->pending);
    p->ilvl = -1;
    p->outline = -1;
    p->centered = -1;
    p->custom_note = -1;
    p->r_bold = p->r_italic = p->r_under = p->r_vert = -1;
    rd->line++;
    p->block = S_new_block(rd, VB_BLOCK_PARAGRAPH);
    vb_docx_style_get(rd->styles, NULL, &p->style);
}

/* Once the paragraph properties are known: style, numbering, hints. */
static void S_para_props(S_reader *rd, S_para *p) {
    if (p->numbered) return;
    p->numbered = true;
    vb_docx_style_get(rd->styles, p->style_id, &p->style);
    vb_block *b = p->block;
    b->style_name = p->style.name;
    int outline = p->outline >= 0 ? p->outline : p->style.outline;
    if (outline >= 0 && outline <= 8) b->heading_hint = outline + 1;
    if (p->centered > 0 || (p->centered < 0 && p->style.centered)) b->flags |= VB_BLOCK_CENTERED;
    const char *num_id = p->num_id ? p->num_id : p->style.num_id;
    int ilvl = p->ilvl >= 0 ? p->ilvl : p->num_id ? 0 : p->style.ilvl;
    if (num_id) {
        int level;
        /* a style-linked list without a level finds it through w:pStyle */
        const char *label = vb_docx_number(rd->styles, rd->src->arena, num_id, ilvl,
                                           p->num_id ? NULL : p->style_id, &level);
        if (label) {
            b->label = label;
            b->list_level = level;
        }
    }
}

static bool S_block_has_content(const vb_block *b) {
    if (b->label) return true;
    for (const vb_run *r = b->runs; r; r = r->next) {
        if (r->kind == VB_RUN_NOTE_REF) return true;
        if (r->kind != VB_RUN_TEXT) continue;
        for (size_t i = 0; i < r->len; i++)
            if (r->text[i] != ' ' && r->text[i] != '\t') return true;
    }
    return false;
}

static void S_para_flags(vb_block *b) {
    bool any = false, all_bold = true, all_italic = true;
    for (const vb_run *r = b->runs; r; r = r->next) {
        if (r->kind != VB_RUN_TEXT) continue;
        bool visible = false;
        for (size_t i = 0; i < r->len; i++)
            if (r->text[i] != ' ' && r->text[i] != '\t') visible = true;
        if (!visible) continue;
        any = true;
        if (!(r->style & VB_STYLE_BOLD)) all_bold = false;
        if (!(r->style & VB_STYLE_ITALIC)) all_italic = false;
    }
    if (any && all_bold) b->flags |= VB_BLOCK_ALL_BOLD;
    if (any && all_italic) b->flags |= VB_BLOCK_ALL_ITALIC;
}

/* Emits the paragraph built so far (if it says anything) into the current
 * container; in_cell keeps even an empty one so cells are never lost. */
static bool S_para_emit(S_reader *rd, S_para *p) {
    S_flush(rd, p);
    if (p->custom_mark) {
        p->custom_mark->note_id = "*";
        p->custom_mark = NULL;
    }
    vb_block *b = p->block;
    b->line_end = rd->line;
    S_para_flags(b);
    if (!S_block_has_content(b)) return false;
    S_list_add(S_container(rd), b);
    return true;
}

static void S_para_end(S_reader *rd) {
    S_para *p = S_para_top(rd);
    if (!p) return;
    S_para_props(rd, p);
    if (!S_para_emit(rd, p)) rd->spare = p->block; /* empty: nothing points to it */
    for (vb_block *t = p->textboxes.first, *next; t; t = next) {
        next = t->next;
        t->flags |= VB_BLOCK_TEXTBOX;
        S_list_add(S_container(rd), t);
    }
    rd->nparas--;
}

/* A page break inside a paragraph ends the block there; the text after it
 * continues in a new block with the same properties. */
static void S_page_break(S_reader *rd, S_para *p) {
    if (!S_visible(rd, p)) return;
    if (rd->region != VB_REGION_BODY || rd->ntables) {
        S_special_run(rd, p, VB_RUN_BREAK);
        return;
    }
    S_para_props(rd, p);
    S_para_emit(rd, p);
    S_list_add(S_container(rd), S_new_block(rd, VB_BLOCK_PAGE_BREAK));
    vb_block *cont = S_new_block(rd, VB_BLOCK_PARAGRAPH);
    cont->style_name = p->block->style_name;
    cont->heading_hint = p->block->heading_hint;
    cont->flags = p->block->flags & VB_BLOCK_CENTERED;
    p->block = cont;
    p->tail = NULL;
}

/* ---- tables ---- */
static void S_table_begin(S_reader *rd) {
    if (rd->ntables >= VB_DOCX_MAX_NESTING) {
        S_fail(rd, VB_ERR_LIMIT, "docx-nesting", "tables nest too deeply; refused");
        return;
    }
    S_table *t = &rd->tables[rd->ntables++];
    memset(t, 0, sizeof *t);
    t->line = rd->line + 1;
}

/* a + b columns, saturating past the widest table kept (a row of millions
 * of spanning cells must not overflow) */
static int S_cols_add(int a, int b) {
    return a > VB_DOCX_MAX_COLS || b > VB_DOCX_MAX_COLS ? VB_DOCX_MAX_COLS + 1 : a + b;
}

static void S_cell_end(S_reader *rd) {
    S_table *t = rd->ntables ? &rd->tables[rd->ntables - 1] : NULL;
    if (!t || !t->cell) return;
    S_list content = S_pop_container(rd);
    if (!content.first) {
        vb_block *empty = S_new_block(rd, VB_BLOCK_PARAGRAPH);
        content.first = content.last = empty;
    }
    t->cell->cell.content = content.first;
    t->row->next_col = S_cols_add(t->row->next_col, t->cell->cell.colspan);
    t->cell = NULL;
}

/* Forgets the innermost table being read (its rows live in the scratch
 * arena while any table is open). */
static void S_table_drop(S_reader *rd) {
    rd->ntables--;
    if (!rd->ntables) {
        vb_arena_free(rd->scratch);
        rd->scratch = NULL;
    }
}

static void S_table_end(S_reader *rd) {
    S_table *t = &rd->tables[rd->ntables - 1];
    vb_arena *arena = rd->src->arena;
    size_t ncols = t->grid_cols > 0 ? (size_t)t->grid_cols : 0;
    for (S_rowb *r = t->rows; r; r = r->next)
        if ((size_t)r->next_col > ncols) ncols = (size_t)r->next_col;
    if (ncols > VB_DOCX_MAX_COLS) ncols = VB_DOCX_MAX_COLS;
    size_t cells = t->nrows * ncols;
    if (cells > VB_DOCX_MAX_GRID_CELLS - rd->grid_cells) {
        char msg[160];
        snprintf(msg, sizeof msg, "tables of %zu rows x %zu columns exceed the limit of %zu cells; refused",
                 t->nrows, ncols, (size_t)VB_DOCX_MAX_GRID_CELLS);
        S_fail(rd, VB_ERR_LIMIT, "docx-table-size", msg);
        S_table_drop(rd);
        return;
    }
    rd->grid_cells += cells;
    vb_block *b = S_new_block(rd, VB_BLOCK_TABLE);
    b->line = t->line;
    b->line_end = rd->line;
    b->rows = vb_arena_alloc(arena, (t->nrows ? t->nrows : 1) * sizeof *b->rows);
    b->ncols = ncols;
    /* origin cell of a vertical merge, by grid column */
    vb_cell **origin = vb_arena_alloc(arena, (ncols ? ncols : 1) * sizeof *origin);
    for (S_rowb *r = t->rows; r; r = r->next) {
        vb_row *row = &b->rows[b->nrows++];
        row->line = r->line;
        row->is_header = r->header;
        row->ncells = ncols;
        row->cells = vb_arena_alloc(arena, (ncols ? ncols : 1) * sizeof *row->cells);
        bool *set = vb_arena_alloc(arena, ncols ? ncols : 1);
        for (S_cellb *c = r->cells; c; c = c->next) {
            if (c->grid_col < 0 || (size_t)c->grid_col >= ncols) continue;
            size_t gc = (size_t)c->grid_col;
            int span = c->cell.colspan;
            if ((size_t)span > ncols - gc) span = (int)(ncols - gc);
            vb_cell *cell = &row->cells[gc];
            *cell = c->cell;
            cell->colspan = span;
            cell->rowspan = 1;
            set[gc] = true;
            if (c->vmerge == 2 && origin[gc]) {
                origin[gc]->rowspan++;
                cell->covered = true;
                cell->content = NULL;
            } else {
                origin[gc] = c->vmerge == 1 ? cell : NULL;
            }
            for (int k = 1; k < span; k++) {
                vb_cell *cov = &row->cells[gc + (size_t)k];
                cov->colspan = cov->rowspan = 1;
                cov->covered = true;
                cov->line = cell->line;
                set[gc + (size_t)k] = true;
                origin[gc + (size_t)k] = NULL;
            }
        }
        for (size_t i = 0; i < ncols; i++)
            if (!set[i]) {
                row->cells[i].colspan = row->cells[i].rowspan = 1;
                row->cells[i].line = r->line;
                origin[i] = NULL;
            }
    }
    S_table_drop(rd);
    if (b->nrows) S_list_add(S_container(rd), b);
}

static vb_arena *S_scratch(S_reader *rd) {
    if (!rd->scratch) rd->scratch = vb_arena_new();
    return rd->scratch;
}

/* ---- fields ---- */

/* HYPERLINK "url" [\l "anchor"] → the link target. */
static const char *S_field_link(S_reader *rd, const char *instr) {
    while (*instr == ' ') instr++;
    if (strncasecmp(instr, "HYPERLINK", 9) != 0) return NULL;
    const char *p = instr + 9;
    char url[512] = "", anchor[256] = "";
    while (*p) {
        while (*p == ' ') p++;
        if (p[0] == '\\' && (p[1] == 'l' || p[1] == 'o' || p[1] == 't' || p[1] == 'm' || p[1] == 'n')) {
            char sw = p[1];
            p += 2;
            while (*p == ' ') p++;
            char *dst = sw == 'l' ? anchor : NULL;
            size_t cap = sizeof anchor, k = 0;
            bool q = *p == '"';
            if (q) p++;
            while (*p && (q ? *p != '"' : *p != ' ')) {
                if (dst && k + 1 < cap) dst[k++] = *p;
                p++;
            }
            if (dst) dst[k] = '\0';
            if (q && *p) p++;
            continue;
        }
        if (!*p) break;
        bool q = *p == '"', first = !url[0];
        if (q) p++;
        size_t k = 0;
        while (*p && (q ? *p != '"' : *p != ' ')) {
            if (first && k + 1 < sizeof url) url[k++] = *p;
            p++;
        }
        if (first) url[k] = '\0';
        if (q && *p) p++;
    }
    if (url[0] && anchor[0]) return vb_arena_printf(rd->src->arena, "%s#%s", url, anchor);
    if (url[0]) return vb_arena_strdup(rd->src->arena, url);
    if (anchor[0]) return vb_arena_printf(rd->src->arena, "#%s", anchor);
    return NULL;
}

static void S_field_char(S_reader *rd, const char *type) {
    if (!type) return;
    if (strcmp(type, "begin") == 0) {
        if (rd->nfields >= MAX_FIELDS) {
            rd->fields_overflow++;
            return;
        }
        S_field *f = &rd->fields[rd->nfields++];
        f->result = false;
        f->ilen = 0;
        f->instr[0] = '\0';
        f->saved_link = rd->link;
    } else if (strcmp(type, "separate") == 0) {
        if (rd->fields_overflow || !rd->nfields) return;
        S_field *f = &rd->fields[rd->nfields - 1];
        if (f->result) return;
        f->result = true;
        const char *link = S_field_link(rd, f->instr);
        if (link) rd->link = link;
    } else if (strcmp(type, "end") == 0) {
        if (rd->fields_overflow) {
            rd->fields_overflow--;
            return;
        }
        if (!rd->nfields) return;
        rd->link = rd->fields[--rd->nfields].saved_link;
    }
}

/* ---- notes ---- */
static S_note *S_note_find(S_reader *rd, const char *id, bool endnote) {
    for (size_t i = 0; i < rd->nnotes; i++)
        if (rd->notes[i].endnote == endnote && strcmp(rd->notes[i].id, id) == 0)
            return &rd->notes[i];
    return NULL;
}

static void S_note_ref(S_reader *rd, S_para *p, const char *id, bool endnote, bool custom) {
    if (!id || !S_visible(rd, p)) return;
    S_note *n = S_note_find(rd, id, endnote);
    if (!n && rd->nnotes < MAX_NOTES) {
        if (rd->nnotes == rd->cap_notes) {
            rd->cap_notes = rd->cap_notes ? rd->cap_notes * 2 : 16;
            S_note *grown = realloc(rd->notes, rd->cap_notes * sizeof *grown);
            if (!grown) abort();
            rd->notes = grown;
        }
        n = &rd->notes[rd->nnotes++];
        memset(n, 0, sizeof *n);
        n->id = vb_arena_strdup(rd->src->arena, id);
        n->endnote = endnote;
        if (!custom) {
            /* Word numbers footnotes 1, 2, 3 and endnotes i, ii, iii by default */
            char mark[32];
            if (endnote) vb_docx_format_number("lowerRoman", ++rd->nend, mark, sizeof mark);
            else vb_docx_format_number("decimal", ++rd->nfoot, mark, sizeof mark);
            n->mark = vb_arena_strdup(rd->src->arena, mark);
        }
    }
    S_special_run(rd, p, VB_RUN_NOTE_REF);
    vb_run *r = p->tail;
    if (!r || r->kind != VB_RUN_NOTE_REF) return;
    if (custom || !n) {
        /* the mark is the text that follows; "*" until it comes */
        r->note_id = "*";
        p->custom_mark = r;
        p->custom_note = n ? (long)(n - rd->notes) : -1;
    } else {
        r->note_id = n->mark;
    }
}

/* ---- equations (OMML) ----
 *
 * An equation keeps its text in a plain linear form, as one would type it:
 * r_c=K_c.α.∛Q, (a+b)/2, x^2.  While it is read, its layout is written as
 * marks among its characters (a group opens and closes; a radical; its
 * degree), and the marks are turned into that form at its end. */
#define M_OPEN '\x01'
#define M_CLOSE '\x02'
#define M_DEG_OPEN '\x03'
#define M_DEG_CLOSE '\x04'
#define M_RAD '\x05'

static void S_math_mark(S_reader *rd, S_name part, bool start, bool in_radical) {
    vb_buf *b = &rd->math;
    switch (part) {
    case N_M_NUM: vb_buf_putc(b, start ? M_OPEN : M_CLOSE); break;
    case N_M_DEN:
        if (start) vb_buf_putc(b, '/');
        vb_buf_putc(b, start ? M_OPEN : M_CLOSE);
        break;
    case N_M_SUB:
    case N_M_SUP:
        if (start) vb_buf_putc(b, part == N_M_SUB ? '_' : '^');
        vb_buf_putc(b, start ? M_OPEN : M_CLOSE);
        break;
    case N_M_DEG: vb_buf_putc(b, start ? M_DEG_OPEN : M_DEG_CLOSE); break;
    case N_M_RAD:
        if (start) vb_buf_putc(b, M_RAD);
        break;
    case N_M_E:
        if (in_radical) vb_buf_putc(b, start ? M_OPEN : M_CLOSE);
        break;
    default: break;
    }
}

/* The end of the group or degree that starts at s[i] (its closing mark). */
static size_t S_math_close(const char *s, size_t n, size_t i, char open, char close) {
    int level = 0;
    for (size_t k = i; k < n; k++) {
        if (s[k] == open) level++;
        else if (s[k] == close && --level == 0) return k;
    }
    return n;
}

/* A group needs no brackets around one character or one word. */
static bool S_math_simple(const char *s, size_t n) {
    if (!n) return true;
    size_t first = (size_t)vb_utf8_decode((const unsigned char *)s, n, &(uint32_t){0});
    if (first == n) return true;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
            return false;
    return true;
}

static void S_math_linear(const char *s, size_t n, vb_buf *out) {
    for (size_t i = 0; i < n;) {
        char c = s[i];
        if (c == M_OPEN) {
            size_t end = S_math_close(s, n, i, M_OPEN, M_CLOSE);
            vb_buf inner = {0};
            S_math_linear(s + i + 1, end - i - 1, &inner);
            if (!inner.len) {
                /* an empty index says nothing: drop its "_" or "^" too */
                if (out->len && (out->data[out->len - 1] == '_' || out->data[out->len - 1] == '^')) out->len--;
            } else if (S_math_simple(inner.data, inner.len)) {
                vb_buf_append(out, inner.data, inner.len);
            } else {
                vb_buf_putc(out, '(');
                vb_buf_append(out, inner.data, inner.len);
                vb_buf_putc(out, ')');
            }
            vb_buf_free(&inner);
            i = end < n ? end + 1 : n;
            continue;
        }
        if (c == M_RAD) {
            i++;
            vb_buf deg = {0};
            if (i < n && s[i] == M_DEG_OPEN) {
                size_t end = S_math_close(s, n, i, M_DEG_OPEN, M_DEG_CLOSE);
                S_math_linear(s + i + 1, end - i - 1, &deg);
                i = end < n ? end + 1 : n;
            }
            if (deg.len == 1 && deg.data[0] == '3') vb_buf_puts(out, "∛");
            else if (deg.len == 1 && deg.data[0] == '4') vb_buf_puts(out, "∜");
            else {
                if (deg.len && !(deg.len == 1 && deg.data[0] == '2')) vb_buf_append(out, deg.data, deg.len);
                vb_buf_puts(out, "√");
            }
            vb_buf_free(&deg);
            continue;
        }
        if (c == M_CLOSE || c == M_DEG_OPEN || c == M_DEG_CLOSE) {
            i++;
            continue;
        }
        vb_buf_putc(out, c);
        i++;
    }
}

/* ---- the element handlers ---- */

static S_kind S_kind_of(const char *name, vb_docx_ns ns) {
    if (ns == VB_NS_MC) {
        if (strcmp(name, "AlternateContent") == 0) return (S_kind){T_AC, N_NONE};
        if (strcmp(name, "Choice") == 0) return (S_kind){T_CHOICE, N_NONE};
        if (strcmp(name, "Fallback") == 0) return (S_kind){T_FALLBACK, N_NONE};
        return (S_kind){T_OTHER, N_NONE};
    }
    if (ns == VB_NS_M) {
        static const struct { const char *name; S_tag tag; S_name n; } math[] = {
            {"oMath", T_MATH, N_NONE}, {"t", T_MT, N_NONE},     {"num", T_MPART, N_M_NUM},
            {"den", T_MPART, N_M_DEN}, {"sub", T_MPART, N_M_SUB}, {"sup", T_MPART, N_M_SUP},
            {"deg", T_MPART, N_M_DEG}, {"rad", T_MPART, N_M_RAD}, {"e", T_MPART, N_M_E}};
        for (size_t i = 0; i < sizeof math / sizeof math[0]; i++)
            if (strcmp(math[i].name, name) == 0) return (S_kind){math[i].tag, math[i].n};
        return (S_kind){T_OTHER, N_NONE};
    }
    if (ns != VB_NS_W) return (S_kind){T_OTHER, N_NONE};
    static const struct { const char *name; S_tag tag; S_name n; } names[] = {
        {"customXmlDelRangeStart", T_SKIP, N_NONE}, {"del", T_DEL, N_NONE},
        {"delText", T_DELTEXT, N_NONE}, {"delInstrText", T_SKIP, N_NONE},
        {"endnote", T_NOTE, N_NONE}, {"fldSimple", T_FLDSIMPLE, N_NONE},
        {"footnote", T_NOTE, N_NONE}, {"hyperlink", T_HYPERLINK, N_NONE}, {"ins", T_INS, N_NONE},
        {"instrText", T_INSTRTEXT, N_NONE}, {"moveFrom", T_MOVEFROM, N_NONE},
        {"moveTo", T_MOVETO, N_NONE}, {"numPr", T_NUMPR, N_NONE}, {"p", T_P, N_NONE},
        {"pPr", T_PPR, N_NONE}, {"pPrChange", T_SKIP, N_NONE}, {"r", T_R, N_NONE},
        {"rPr", T_RPR, N_NONE}, {"rPrChange", T_SKIP, N_NONE}, {"sdtEndPr", T_SKIP, N_NONE},
        {"sdtPr", T_SDTPR, N_NONE}, {"sectPr", T_SECTPR, N_NONE},
        {"sectPrChange", T_SKIP, N_NONE}, {"t", T_T, N_NONE}, {"tbl", T_TBL, N_NONE},
        {"tblGrid", T_TBLGRID, N_NONE}, {"tblGridChange", T_SKIP, N_NONE},
        {"tblPr", T_SKIP, N_NONE}, {"tblPrChange", T_SKIP, N_NONE}, {"tc", T_TC, N_NONE},
        {"tcPr", T_TCPR, N_NONE}, {"tcPrChange", T_SKIP, N_NONE}, {"tr", T_TR, N_NONE},
        {"trPr", T_TRPR, N_NONE}, {"trPrChange", T_SKIP, N_NONE}, {"txbxContent", T_TXBX, N_NONE},
        {"footnotePr", T_SKIP, N_NONE}, {"endnotePr", T_SKIP, N_NONE},
        {"rubyPr", T_SKIP, N_NONE},
        {"b", T_OTHER, N_B}, {"i", T_OTHER, N_I}, {"u", T_OTHER, N_U},
        {"vertAlign", T_OTHER, N_VERTALIGN}, {"rStyle", T_OTHER, N_RSTYLE},
        {"vanish", T_OTHER, N_VANISH}, {"specVanish", T_OTHER, N_VANISH},
        {"pStyle", T_OTHER, N_PSTYLE}, {"outlineLvl", T_OTHER, N_OUTLINELVL},
        {"jc", T_OTHER, N_JC}, {"pageBreakBefore", T_OTHER, N_PAGEBREAKBEFORE},
        {"numId", T_OTHER, N_NUMID}, {"ilvl", T_OTHER, N_ILVL},
        {"headerReference", T_OTHER, N_HEADERREF}, {"footerReference", T_OTHER, N_FOOTERREF},
        {"gridCol", T_OTHER, N_GRIDCOL}, {"tblHeader", T_OTHER, N_TBLHEADER},
        {"gridBefore", T_OTHER, N_GRIDBEFORE}, {"gridSpan", T_OTHER, N_GRIDSPAN},
        {"vMerge", T_OTHER, N_VMERGE}, {"hMerge", T_OTHER, N_HMERGE}, {"tab", T_OTHER, N_TAB},
        {"br", T_OTHER, N_BR}, {"cr", T_OTHER, N_CR},
        {"noBreakHyphen", T_OTHER, N_NOBREAKHYPHEN}, {"softHyphen", T_OTHER, N_SOFTHYPHEN},
        {"sym", T_OTHER, N_SYM}, {"footnoteReference", T_OTHER, N_FOOTNOTEREF},
        {"endnoteReference", T_OTHER, N_ENDNOTEREF}, {"fldChar", T_OTHER, N_FLDCHAR}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(names[i].name, name) == 0) return (S_kind){names[i].tag, names[i].n};
    return (S_kind){T_OTHER, N_NONE};
}

/* Element names come from the parser's dictionary: one address per name
 * for the whole part, so each is looked up by string once and afterwards
 * found by address. */
static S_kind S_kind_cached(S_reader *rd, const char *name, vb_docx_ns ns) {
    size_t mask = sizeof rd->kinds / sizeof rd->kinds[0] - 1;
    size_t h = (((uintptr_t)name >> 3) * 31 + (size_t)ns) & mask;
    for (size_t probe = 0; probe <= mask; probe++, h = (h + 1) & mask) {
        S_kind_slot *slot = &rd->kinds[h];
        if (slot->name == name && slot->ns == ns) return slot->kind;
        if (!slot->name) {
            /* only a name the dictionary owns keeps its address: anything
             * else could be freed and its address reused for another */
            xmlTextReaderPtr r = vb_docx_xml_reader(rd->x);
            if (xmlTextReaderConstString(r, (const xmlChar *)name) != (const xmlChar *)name)
                return S_kind_of(name, ns);
            slot->name = name;
            slot->ns = ns;
            slot->kind = S_kind_of(name, ns);
            return slot->kind;
        }
    }
    return S_kind_of(name, ns); /* a part with that many distinct names: uncached */
}

/* mc:Choice Requires="wps w14": understood when every prefix maps to a
 * namespace this reader can take the content of. */
static bool S_choice_understood(S_reader *rd) {
    char req[256];
    if (!vb_docx_attr(rd->x, VB_NS_OTHER, "Requires", req, sizeof req)) return false;
    static const char *const known[] = {
        "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
        "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
        "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas",
        "http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing",
        "http://schemas.microsoft.com/office/word/2010/wordml",
        "http://schemas.microsoft.com/office/word/2012/wordml",
        "http://schemas.microsoft.com/office/drawing/2010/main"};
    xmlTextReaderPtr r = vb_docx_xml_reader(rd->x);
    char *save = NULL;
    bool any = false;
    for (char *tok = strtok_r(req, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save)) {
        xmlChar *uri = xmlTextReaderLookupNamespace(r, (const xmlChar *)tok);
        bool ok = false;
        for (size_t i = 0; uri && i < sizeof known / sizeof known[0]; i++)
            if (strcmp((const char *)uri, known[i]) == 0) ok = true;
        xmlFree(uri);
        if (!ok) return false;
        any = true;
    }
    return any;
}

static int S_int_attr(S_reader *rd, const char *local, int dflt) {
    char v[64];
    const char *s = vb_docx_attr(rd->x, VB_NS_W, local, v, sizeof v);
    if (!s) return dflt;
    long n = strtol(s, NULL, 10);
    return n < -100000 ? -100000 : n > 100000 ? 100000 : (int)n;
}

static const char *S_val(S_reader *rd, char *buf, size_t cap) {
    return vb_docx_attr(rd->x, VB_NS_W, "val", buf, cap);
}

/* A style or numbering id named by a paragraph or run: the styles part's
 * copy when it has one (nearly always), else a copy of our own. */
static const char *S_id(S_reader *rd, const char *val) {
    const char *known = vb_docx_known_id(rd->styles, val);
    return known ? known : vb_arena_strdup(rd->src->arena, val);
}

/* Run-property and paragraph-property children. */
static void S_prop(S_reader *rd, S_para *p, S_name name, S_tag parent, S_tag grand) {
    char v[256];
    if (parent == T_RPR && grand == T_R) {
        if (name != N_B && name != N_I && name != N_U && name != N_VERTALIGN && name != N_RSTYLE &&
            name != N_VANISH)
            return;
        const char *val = S_val(rd, v, sizeof v);
        switch (name) {
        case N_B: p->r_bold = vb_docx_onoff(val); break;
        case N_I: p->r_italic = vb_docx_onoff(val); break;
        case N_U: p->r_under = !val || strcmp(val, "none") != 0; break;
        case N_VERTALIGN:
            p->r_vert = !val ? 0 : strcmp(val, "superscript") == 0 ? 1 : strcmp(val, "subscript") == 0 ? 2 : 0;
            break;
        case N_RSTYLE:
            if (val) p->r_style = S_id(rd, val);
            break;
        case N_VANISH: p->r_hidden = vb_docx_onoff(val); break;
        default: break;
        }
        return;
    }
    if (parent == T_PPR) {
        if (name != N_PSTYLE && name != N_OUTLINELVL && name != N_JC && name != N_PAGEBREAKBEFORE)
            return;
        const char *val = S_val(rd, v, sizeof v);
        if (name == N_PSTYLE && val) p->style_id = S_id(rd, val);
        else if (name == N_OUTLINELVL && val) p->outline = S_int_attr(rd, "val", 9);
        else if (name == N_JC) p->centered = val && strcmp(val, "center") == 0;
        else if (name == N_PAGEBREAKBEFORE) p->page_break_before = vb_docx_onoff(val);
        return;
    }
    if (parent == T_NUMPR && grand == T_PPR) {
        if (name == N_NUMID) {
            const char *val = S_val(rd, v, sizeof v);
            if (val) p->num_id = S_id(rd, val);
        } else if (name == N_ILVL) {
            p->ilvl = S_int_attr(rd, "val", 0);
        }
    }
}

static void S_start(S_reader *rd, int depth, bool empty) {
    vb_docx_xml *x = rd->x;
    const char *name = vb_docx_xml_name(x);
    vb_docx_ns ns = vb_docx_xml_ns(x);
    S_kind kind = S_kind_cached(rd, name, ns);
    S_tag tag = kind.tag;
    S_tag parent = depth >= 1 ? rd->open[depth - 1].tag : T_OTHER;
    S_tag grand = depth >= 2 ? rd->open[depth - 2].tag : T_OTHER;
    S_open *o = &rd->open[depth];
    o->tag = tag;
    o->aux = 0;
    o->saved_link = rd->link;
    S_para *p = S_para_top(rd);
    char v[1024];

    switch (tag) {
    case T_SKIP:
    case T_SDTPR:
        vb_docx_xml_skip(x);
        return;
    case T_CHOICE:
        if (parent != T_AC || rd->open[depth - 1].aux || !S_choice_understood(rd)) {
            vb_docx_xml_skip(x);
            o->tag = T_SKIP;
        } else {
            rd->open[depth - 1].aux = 1;
        }
        return;
    case T_FALLBACK:
        if (parent == T_AC && rd->open[depth - 1].aux) {
            vb_docx_xml_skip(x);
            o->tag = T_SKIP;
        }
        return;
    case T_DEL:
    case T_MOVEFROM:
        if (parent == T_RPR || parent == T_TRPR || parent == T_PPR) {
            /* a marker: deleted paragraph mark or deleted row */
            if (parent == T_TRPR && rd->ntables && rd->tables[rd->ntables - 1].row)
                rd->tables[rd->ntables - 1].row->deleted = true;
            o->tag = T_OTHER;
            vb_docx_xml_skip(x);
            return;
        }
        if (!rd->opts->keep_deletions) {
            vb_docx_xml_skip(x);
            o->tag = T_SKIP;
            return;
        }
        rd->deleted++;
        return;
    case T_INS:
    case T_MOVETO:
        if (parent == T_RPR || parent == T_TRPR || parent == T_PPR) {
            o->tag = T_OTHER;
            vb_docx_xml_skip(x);
            return;
        }
        rd->inserted++;
        return;
    case T_P:
        S_para_begin(rd);
        if (empty) S_para_end(rd);
        return;
    case T_PPR:
        if (parent != T_P) {
            o->tag = T_OTHER;
            vb_docx_xml_skip(x);
        }
        return;
    case T_R:
        if (p) {
            S_flush(rd, p);
            p->r_bold = p->r_italic = p->r_under = p->r_vert = -1;
            p->r_style = NULL;
            p->r_hidden = false;
        }
        return;
    case T_RPR:
        if (parent != T_R) {
            /* paragraph-mark and other property sets say nothing about text */
            o->tag = T_OTHER;
            vb_docx_xml_skip(x);
        }
        return;
    case T_T:
    case T_DELTEXT:
        if (p) {
            const char *sp = vb_docx_attr(x, VB_NS_OTHER, "space", v, sizeof v);
            p->t_preserve = sp && strcmp(sp, "preserve") == 0;
        }
        return;
    case T_INSTRTEXT:
        return;
    case T_TBL:
        S_table_begin(rd);
        return;
    case T_TBLGRID:
        return;
    case T_TR: {
        if (!rd->ntables) return;
        S_table *t = &rd->tables[rd->ntables - 1];
        S_rowb *row = vb_arena_alloc(S_scratch(rd), sizeof *row);
        row->line = rd->line + 1;
        if (t->last) t->last->next = row;
        else t->rows = row;
        t->last = row;
        t->nrows++;
        t->row = row;
        return;
    }
    case T_TC: {
        if (!rd->ntables || !rd->tables[rd->ntables - 1].row) return;
        S_table *t = &rd->tables[rd->ntables - 1];
        if (t->cell) S_cell_end(rd);
        if (!S_push_container(rd)) return;
        S_cellb *c = vb_arena_alloc(S_scratch(rd), sizeof *c);
        c->cell.colspan = c->cell.rowspan = 1;
        c->cell.line = rd->line + 1;
        c->grid_col = t->row->next_col;
        if (t->row->last) t->row->last->next = c;
        else t->row->cells = c;
        t->row->last = c;
        t->cell = c;
        return;
    }
    case T_TXBX:
        if (!S_push_container(rd)) o->tag = T_OTHER;
        return;
    case T_HYPERLINK: {
        const char *link = NULL;
        const char *id = vb_docx_attr(x, VB_NS_R, "id", v, sizeof v);
        const vb_docx_rel *rel = id ? vb_docx_rel_by_id(rd->rels, id) : NULL;
        if (rel) link = rel->target;
        char anchor[512];
        if (vb_docx_attr(x, VB_NS_W, "anchor", anchor, sizeof anchor))
            link = link ? vb_arena_printf(rd->src->arena, "%s#%s", link, anchor)
                        : vb_arena_printf(rd->src->arena, "#%s", anchor);
        if (link && !empty) rd->link = link;
        return;
    }
    case T_FLDSIMPLE: {
        const char *instr = vb_docx_attr(x, VB_NS_W, "instr", v, sizeof v);
        const char *link = instr ? S_field_link(rd, instr) : NULL;
        if (link && !empty) rd->link = link;
        return;
    }
    case T_NOTE: {
        if (rd->region != VB_REGION_FOOTNOTES && rd->region != VB_REGION_ENDNOTES) return;
        const char *type = vb_docx_attr(x, VB_NS_W, "type", v, sizeof v);
        if (type && strcmp(type, "normal") != 0) {
            vb_docx_xml_skip(x); /* separators */
            o->tag = T_SKIP;
            return;
        }
        const char *id = vb_docx_attr(x, VB_NS_W, "id", v, sizeof v);
        rd->current_note = id ? S_note_find(rd, id, rd->region == VB_REGION_ENDNOTES) : NULL;
        if (!rd->current_note || empty) {
            vb_docx_xml_skip(x); /* never referenced: not printed */
            o->tag = T_SKIP;
            rd->current_note = NULL;
            return;
        }
        S_push_container(rd);
        return;
    }
    case T_SECTPR:
        return;
    case T_MATH:
        if (rd->math_depth++ == 0) vb_buf_clear(&rd->math);
        return;
    case T_MT:
        return;
    case T_MPART:
        o->aux = (int)kind.name;
        if (rd->math_depth) S_math_mark(rd, kind.name, true, parent == T_MPART && rd->open[depth - 1].aux == N_M_RAD);
        return;
    default:
        break;
    }

    /* T_OTHER: properties, run content, section references */
    if (ns != VB_NS_W || kind.name == N_NONE) return;
    if (parent == T_SECTPR && (kind.name == N_HEADERREF || kind.name == N_FOOTERREF)) {
        const char *id = vb_docx_attr(x, VB_NS_R, "id", v, sizeof v);
        if (!id || rd->nhf >= 64) return;
        for (int i = 0; i < rd->nhf; i++)
            if (strcmp(rd->hf_ids[i], id) == 0) return;
        rd->hf_footer[rd->nhf] = kind.name == N_FOOTERREF;
        rd->hf_ids[rd->nhf++] = vb_arena_strdup(rd->src->arena, id);
        return;
    }
    if (rd->ntables) {
        S_table *t = &rd->tables[rd->ntables - 1];
        if (parent == T_TBLGRID && kind.name == N_GRIDCOL) {
            t->grid_cols++;
            return;
        }
        if (parent == T_TRPR && t->row) {
            if (kind.name == N_TBLHEADER) t->row->header = vb_docx_onoff(S_val(rd, v, sizeof v));
            else if (kind.name == N_GRIDBEFORE) {
                int n = S_int_attr(rd, "val", 0);
                if (n > 0 && n < 1000 && !t->row->cells) t->row->next_col = n;
            }
            return;
        }
        if (parent == T_TCPR && t->cell) {
            if (kind.name == N_GRIDSPAN) {
                int n = S_int_attr(rd, "val", 1);
                t->cell->cell.colspan = n < 1 ? 1 : n > 1000 ? 1000 : n;
            } else if (kind.name == N_VMERGE) {
                const char *val = S_val(rd, v, sizeof v);
                t->cell->vmerge = val && strcmp(val, "restart") == 0 ? 1 : 2;
            } else if (kind.name == N_HMERGE) {
                /* legacy horizontal merge: a continuation cell widens the one before */
                const char *val = S_val(rd, v, sizeof v);
                if (!(val && strcmp(val, "restart") == 0)) t->cell->vmerge = 3;
            }
            return;
        }
    }
    if (!p) return;
    if (parent == T_RPR || parent == T_PPR || parent == T_NUMPR) {
        S_prop(rd, p, kind.name, parent, grand);
        return;
    }
    if (parent != T_R) return;
    switch (kind.name) {
    case N_TAB: S_special_run(rd, p, VB_RUN_TAB); break;
    case N_BR: {
        const char *type = vb_docx_attr(x, VB_NS_W, "type", v, sizeof v);
        if (type && strcmp(type, "page") == 0) S_page_break(rd, p);
        else S_special_run(rd, p, VB_RUN_BREAK);
        break;
    }
    case N_CR: S_special_run(rd, p, VB_RUN_BREAK); break;
    case N_NOBREAKHYPHEN: S_text(rd, p, "-", 1); break;
    case N_SOFTHYPHEN: break; /* invisible unless the line breaks there: nothing to keep */
    case N_SYM: {
        char font[128], hex[32];
        const char *f = vb_docx_attr(x, VB_NS_W, "font", font, sizeof font);
        const char *c = vb_docx_attr(x, VB_NS_W, "char", hex, sizeof hex);
        if (!c) return;
        uint32_t cp = S_symbol(f, (uint32_t)strtoul(c, NULL, 16));
        if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return;
        char u[4];
        S_text(rd, p, u, (size_t)vb_utf8_encode(cp, u));
        break;
    }
    case N_FOOTNOTEREF:
    case N_ENDNOTEREF: {
        char id[64];
        const char *cm = vb_docx_attr(x, VB_NS_W, "customMarkFollows", v, sizeof v);
        S_note_ref(rd, p, vb_docx_attr(x, VB_NS_W, "id", id, sizeof id),
                   kind.name == N_ENDNOTEREF, cm && vb_docx_onoff(cm));
        break;
    }
    case N_FLDCHAR: S_field_char(rd, vb_docx_attr(x, VB_NS_W, "fldCharType", v, sizeof v)); break;
    default: break;
    }
}

static void S_end(S_reader *rd, int depth) {
    S_open *o = &rd->open[depth];
    S_para *p = S_para_top(rd);
    switch (o->tag) {
    case T_P:
        S_para_end(rd);
        break;
    case T_PPR:
        if (p) {
            S_para_props(rd, p);
            if (p->page_break_before && rd->region == VB_REGION_BODY && !rd->ntables &&
                rd->nparas == 1)
                S_list_add(S_container(rd), S_new_block(rd, VB_BLOCK_PAGE_BREAK));
        }
        break;
    case T_DEL:
    case T_MOVEFROM:
        if (rd->deleted) rd->deleted--;
        break;
    case T_INS:
    case T_MOVETO:
        if (rd->inserted) rd->inserted--;
        break;
    case T_HYPERLINK:
    case T_FLDSIMPLE:
        rd->link = o->saved_link;
        break;
    case T_TC:
        if (rd->ntables && rd->tables[rd->ntables - 1].cell) {
            S_table *t = &rd->tables[rd->ntables - 1];
            if (t->cell->vmerge == 3) {
                /* hMerge continuation: fold into the previous cell */
                S_cellb *prev = t->row->cells;
                while (prev && prev->next != t->cell) prev = prev->next;
                S_list content = S_pop_container(rd);
                (void)content;
                if (prev) {
                    prev->cell.colspan = S_cols_add(prev->cell.colspan, t->cell->cell.colspan);
                    prev->next = NULL;
                    t->row->last = prev;
                    t->row->next_col = S_cols_add(t->row->next_col, t->cell->cell.colspan);
                    t->cell = NULL;
                    break;
                }
                rd->ncontainers++; /* no cell before it: keep as an ordinary cell */
                t->cell->vmerge = 0;
            }
            S_cell_end(rd);
        }
        break;
    case T_TR:
        if (rd->ntables) {
            S_table *t = &rd->tables[rd->ntables - 1];
            if (t->cell) S_cell_end(rd);
            if (t->row && t->row->deleted && !rd->opts->keep_deletions) {
                /* a deleted row: unlink it */
                S_rowb **pp = &t->rows;
                S_rowb *prev = NULL;
                while (*pp && *pp != t->row) prev = *pp, pp = &(*pp)->next;
                if (*pp) {
                    *pp = NULL;
                    t->last = prev;
                    t->nrows--;
                }
            }
            t->row = NULL;
        }
        break;
    case T_TBL:
        if (rd->ntables) {
            S_table *t = &rd->tables[rd->ntables - 1];
            if (t->cell) S_cell_end(rd);
            S_table_end(rd);
        }
        break;
    case T_TXBX: {
        S_list boxed = S_pop_container(rd);
        if (p) {
            for (vb_block *b = boxed.first, *next; b; b = next) {
                next = b->next;
                S_list_add(&p->textboxes, b);
            }
        } else {
            for (vb_block *b = boxed.first, *next; b; b = next) {
                next = b->next;
                b->flags |= VB_BLOCK_TEXTBOX;
                S_list_add(S_container(rd), b);
            }
        }
        break;
    }
    case T_MATH:
        if (rd->math_depth && --rd->math_depth == 0 && p) {
            vb_buf linear = {0};
            S_math_linear(rd->math.data ? rd->math.data : "", rd->math.len, &linear);
            S_text(rd, p, linear.data ? linear.data : "", linear.len);
            vb_buf_free(&linear);
        }
        break;
    case T_MPART:
        if (rd->math_depth)
            S_math_mark(rd, (S_name)o->aux, false, depth >= 1 && rd->open[depth - 1].tag == T_MPART &&
                                                         rd->open[depth - 1].aux == N_M_RAD);
        break;
    case T_NOTE:
        if (rd->current_note) {
            rd->current_note->content = S_pop_container(rd);
            rd->current_note = NULL;
        }
        break;
    default:
        break;
    }
    o->tag = T_OTHER;
}

static void S_chars(S_reader *rd, int depth) {
    if (depth < 1) return;
    S_tag parent = rd->open[depth - 1].tag;
    S_para *p = S_para_top(rd);
    const char *s = (const char *)xmlTextReaderConstValue(vb_docx_xml_reader(rd->x));
    if (!s || !p) return;
    size_t n = strlen(s);
    if (parent == T_INSTRTEXT) {
        if (!rd->nfields || rd->fields_overflow) return;
        S_field *f = &rd->fields[rd->nfields - 1];
        if (f->result) return;
        size_t room = sizeof f->instr - 1 - f->ilen;
        size_t k = n < room ? n : room;
        memcpy(f->instr + f->ilen, s, k);
        f->ilen += k;
        f->instr[f->ilen] = '\0';
        return;
    }
    if (parent == T_MT) {
        if (rd->math_depth) vb_buf_append(&rd->math, s, n);
        return;
    }
    if (parent != T_T && parent != T_DELTEXT) return;
    if (!p->t_preserve) {
        /* without xml:space="preserve" Word drops surrounding white space */
        while (n && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')) s++, n--;
        while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
            n--;
    }
    /* soft hyphens typed as characters are as invisible as w:softHyphen */
    size_t from = 0;
    for (size_t i = 0; i + 1 < n; i++)
        if ((unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xAD) {
            S_text(rd, p, s + from, i - from);
            from = i + 2;
            i++;
        }
    S_text(rd, p, s + from, n - from);
}

/* Limits refused are VB_ERR_LIMIT, everything else a format error. */
static int S_status_of_last_error(const vb_diags *d) {
    const char *code = d->last ? d->last->code : "";
    static const char *const limits[] = {"zip-bomb", "zip-size", "xml-depth", "xml-size", "xml-attrs",
                                         "docx-nesting", "docx-table-size"};
    for (size_t i = 0; i < sizeof limits / sizeof limits[0]; i++)
        if (strcmp(code, limits[i]) == 0) return VB_ERR_LIMIT;
    return VB_ERR_FORMAT;
}

/* Streams one WordprocessingML part (document, header, footer, notes),
 * adding what it finds to `into`. */
static int S_read_part(S_reader *rd, const char *part, vb_region region, bool required,
                       S_list *into) {
    vb_docx_rel *rels = NULL;
    if (vb_docx_rels_read(rd->zip, rd->src->arena, part, &rd->src->diags, &rels) != VB_OK)
        return VB_ERR_FORMAT;
    rd->rels = rels;
    rd->x = vb_docx_xml_open(rd->zip, part, &rd->src->diags, required);
    if (!rd->x) return required || vb_docx_zip_has(rd->zip, part) ? VB_ERR_FORMAT : VB_OK;
    rd->region = region;
    memset(rd->kinds, 0, sizeof rd->kinds); /* a new part has a new dictionary */
    rd->ncontainers = 0;
    S_push_container(rd);
    rd->ntables = rd->nparas = rd->nfields = rd->fields_overflow = 0;
    rd->deleted = rd->inserted = 0;
    rd->math_depth = 0;
    rd->link = NULL;
    xmlTextReaderPtr r = vb_docx_xml_reader(rd->x);
    int rc;
    bool root_checked = false;
    while (!rd->failed && (rc = vb_docx_xml_next(rd->x)) == 1) {
        int type = vb_docx_xml_type(rd->x);
        int depth = vb_docx_xml_depth(rd->x);
        if (type == XML_READER_TYPE_ELEMENT) {
            if (!root_checked) {
                root_checked = true;
                if (vb_docx_xml_ns(rd->x) != VB_NS_W) {
                    S_fail(rd, VB_ERR_FORMAT, "docx-not-word",
                           "is not WordprocessingML (its root element is in another namespace)");
                    break;
                }
            }
            bool empty = xmlTextReaderIsEmptyElement(r);
            S_start(rd, depth, empty);
            if (empty && rd->open[depth].tag != T_P) S_end(rd, depth);
            else if (empty) rd->open[depth].tag = T_OTHER;
        } else if (type == XML_READER_TYPE_END_ELEMENT) {
            S_end(rd, depth);
        } else if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
                   type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
                   type == XML_READER_TYPE_WHITESPACE) {
            S_chars(rd, depth);
        }
    }
    if (rd->x) {
        vb_docx_xml_close(rd->x);
        rd->x = NULL;
    }
    if (rd->failed) return rd->fail_status;
    if (rc < 0) return S_status_of_last_error(&rd->src->diags);
    /* a truncated but well-formed prefix cannot happen (the parser would
     * report it); close whatever the part left open defensively */
    while (rd->nparas) S_para_end(rd);
    S_list got = rd->containers[0];
    for (vb_block *b = got.first, *next; b; b = next) {
        next = b->next;
        S_list_add(into, b);
    }
    rd->ncontainers = 0;
    return VB_OK;
}

/* ---- core properties ---- */
static void S_read_core(S_reader *rd, const char *part) {
    vb_docx_xml *x = vb_docx_xml_open(rd->zip, part, &rd->src->diags, false);
    if (!x) return;
    xmlTextReaderPtr r = vb_docx_xml_reader(x);
    const char *key = NULL;
    vb_buf value = {0};
    vb_prop **tail = &rd->src->props;
    while (*tail) tail = &(*tail)->next;
    int rc;
    while ((rc = vb_docx_xml_next(x)) == 1) {
        int type = xmlTextReaderNodeType(r);
        if (type == XML_READER_TYPE_ELEMENT && xmlTextReaderDepth(r) == 1) {
            vb_docx_ns ns = vb_docx_xml_ns(x);
            const char *name = vb_docx_xml_name(x);
            key = NULL;
            vb_buf_clear(&value);
            if (ns == VB_NS_DC && strcmp(name, "title") == 0) key = "title";
            else if (ns == VB_NS_DC && strcmp(name, "creator") == 0) key = "author";
            else if (ns == VB_NS_DCTERMS && strcmp(name, "created") == 0) key = "created";
            else if (ns == VB_NS_DCTERMS && strcmp(name, "modified") == 0) key = "modified";
            else if (ns == VB_NS_DC && strcmp(name, "subject") == 0) key = "subject";
            if (xmlTextReaderIsEmptyElement(r)) key = NULL;
        } else if (key && (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA)) {
            const xmlChar *v = xmlTextReaderConstValue(r);
            if (v && value.len < 4096) vb_buf_puts(&value, (const char *)v);
        } else if (key && type == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth(r) == 1) {
            const char *s = value.data ? value.data : "";
            size_t n = value.len;
            while (n && (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r')) s++, n--;
            while (n && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\t' || s[n - 1] == '\r'))
                n--;
            if (n) {
                vb_prop *prop = vb_arena_alloc(rd->src->arena, sizeof *prop);
                prop->key = key;
                prop->value = vb_arena_strndup(rd->src->arena, s, n);
                *tail = prop;
                tail = &prop->next;
            }
            key = NULL;
        }
    }
    vb_buf_free(&value);
    vb_docx_xml_close(x);
    if (rc < 0) {
        /* damaged properties do not spoil the text: keep it, say so */
        vb_diag *last = rd->src->diags.last;
        if (last && last->severity == VB_ERROR) {
            last->severity = VB_WARNING;
            rd->src->diags.count[VB_ERROR]--;
            rd->src->diags.count[VB_WARNING]++;
        }
    }
}

/* ---- what a ZIP that is not a Word document is ---- */
static const char *S_other_package(vb_docx_zip *zip) {
    if (vb_docx_zip_has(zip, "mimetype") && vb_docx_zip_has(zip, "content.xml"))
        return "an OpenDocument file (.odt/.ods), not a Word .docx; convert it with "
               "'libreoffice --headless --convert-to docx FILE'";
    if (vb_docx_zip_has(zip, "xl/workbook.xml"))
        return "an Excel workbook (.xlsx), not a Word document; save the text as .docx or plain "
               "text";
    if (vb_docx_zip_has(zip, "ppt/presentation.xml"))
        return "a PowerPoint presentation (.pptx), not a Word document; save the text as .docx "
               "or plain text";
    return NULL;
}

int vb_extract_docx(const char *path, const unsigned char *data, size_t len,
                    const vb_extract_options *opts, vb_source **out) {
    vb_source *src = vb_source_new(path, "docx");
    *out = src;
    src->encoding = "UTF-8";
    vb_extract_options defaults = {0};
    if (!opts) opts = &defaults;
    vb_diags *diags = &src->diags;
    int size_st = vb_reader_check_size(src, len, opts);
    if (size_st != VB_OK) return size_st;
    if (len >= 8 && memcmp(data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0) {
        vb_diag_add(diags, VB_ERROR, 0, 0, -1, "docx-legacy",
                    "a legacy Word .doc (OLE2) or a password-protected .docx, not a readable "
                    "DOCX; convert it with 'libreoffice --headless --convert-to docx FILE'");
        return VB_ERR_FORMAT;
    }
    if (len < 4 || memcmp(data, "PK", 2) != 0) {
        vb_diag_add(diags, VB_ERROR, 0, 0, -1, "docx-not-zip",
                    "not a DOCX: a .docx is a ZIP archive and this file does not start like one");
        return VB_ERR_FORMAT;
    }
    xmlInitParser();
    vb_docx_zip *zip = vb_docx_zip_open(data, len, diags);
    if (!zip) return VB_ERR_FORMAT;

    S_reader *rd = calloc(1, sizeof *rd);
    if (!rd) abort();
    rd->src = src;
    rd->opts = opts;
    rd->zip = zip;
    int st = VB_OK;
    vb_docx_rel *pkg = NULL, *doc_rels = NULL;
    const char *main_part = "word/document.xml";
    S_list body = {0}, headers = {0}, footers = {0}, notes = {0};

    if (vb_docx_rels_read(zip, src->arena, "", diags, &pkg) != VB_OK) {
        st = VB_ERR_FORMAT;
        goto done;
    }
    const vb_docx_rel *main_rel = vb_docx_rel_by_type(pkg, "officeDocument");
    if (main_rel && !main_rel->external && vb_docx_zip_has(zip, main_rel->target))
        main_part = main_rel->target;
    if (!vb_docx_zip_has(zip, main_part)) {
        const char *other = S_other_package(zip);
        if (other) vb_diag_add(diags, VB_ERROR, 0, 0, -1, "docx-other-package", "%s", other);
        else
            vb_diag_add(diags, VB_ERROR, 0, 0, -1, "docx-missing-part",
                        "the archive has no %s, so it is not a Word document (or it is "
                        "damaged)", main_part);
        st = VB_ERR_FORMAT;
        goto done;
    }
    if (vb_docx_rels_read(zip, src->arena, main_part, diags, &doc_rels) != VB_OK) {
        st = VB_ERR_FORMAT;
        goto done;
    }
    const vb_docx_rel *r_styles = vb_docx_rel_by_type(doc_rels, "styles");
    const vb_docx_rel *r_num = vb_docx_rel_by_type(doc_rels, "numbering");
    st = vb_docx_styles_read(zip, src->arena, r_styles ? r_styles->target : NULL,
                             r_num ? r_num->target : NULL, diags, &rd->styles);
    if (st != VB_OK) goto done;

    st = S_read_part(rd, main_part, VB_REGION_BODY, true, &body);
    if (st != VB_OK) goto done;

    /* headers and footers named by the section properties, in order */
    for (int i = 0; i < rd->nhf && st == VB_OK; i++) {
        const vb_docx_rel *rel = vb_docx_rel_by_id(doc_rels, rd->hf_ids[i]);
        if (!rel || rel->external) continue;
        bool seen = false;
        for (int k = 0; k < i; k++) {
            const vb_docx_rel *o = vb_docx_rel_by_id(doc_rels, rd->hf_ids[k]);
            if (o && strcmp(o->target, rel->target) == 0) seen = true;
        }
        if (seen) continue;
        st = S_read_part(rd, rel->target, rd->hf_footer[i] ? VB_REGION_PAGE_FOOTER
                                                            : VB_REGION_PAGE_HEADER,
                         false, rd->hf_footer[i] ? &footers : &headers);
    }
    if (st != VB_OK) goto done;

    /* notes: footnotes then endnotes, each in order of first reference */
    for (int pass = 0; pass < 2 && st == VB_OK; pass++) {
        bool endnote = pass == 1;
        bool wanted = false;
        for (size_t i = 0; i < rd->nnotes; i++)
            if (rd->notes[i].endnote == endnote) wanted = true;
        const vb_docx_rel *rel = vb_docx_rel_by_type(doc_rels, endnote ? "endnotes" : "footnotes");
        if (!wanted || !rel) continue;
        S_list ignored = {0};
        st = S_read_part(rd, rel->target, endnote ? VB_REGION_ENDNOTES : VB_REGION_FOOTNOTES,
                         false, &ignored);
        for (size_t i = 0; i < rd->nnotes && st == VB_OK; i++) {
            S_note *n = &rd->notes[i];
            if (n->endnote != endnote || !n->content.first) continue;
            vb_block *note = NULL;
            for (vb_block *b = n->content.first, *next; b; b = next) {
                next = b->next;
                b->region = endnote ? VB_REGION_ENDNOTES : VB_REGION_FOOTNOTES;
                if (b->kind == VB_BLOCK_PARAGRAPH && note) {
                    /* later paragraphs of the same note: joined by a line break */
                    vb_run *br = vb_arena_alloc(src->arena, sizeof *br);
                    br->kind = VB_RUN_BREAK;
                    br->text = "";
                    vb_run **tail = &note->runs;
                    while (*tail) tail = &(*tail)->next;
                    *tail = br;
                    br->next = b->runs;
                    note->line_end = b->line_end;
                    continue;
                }
                if (b->kind == VB_BLOCK_PARAGRAPH) {
                    /* the text after the note's own mark starts with a space */
                    vb_run *first = b->runs;
                    while (first && first->kind == VB_RUN_TEXT && first->len &&
                           first->text[0] == ' ') {
                        first->text++;
                        first->len--;
                    }
                    /* a custom mark is printed again as text at the start of the
                     * note ("19<tab>Theo ..."): it is the note's id, not text */
                    if (n->mark && b->runs && b->runs->kind == VB_RUN_TEXT &&
                        strcmp(b->runs->text, n->mark) == 0 && b->runs->next &&
                        (b->runs->next->kind == VB_RUN_TAB ||
                         (b->runs->next->kind == VB_RUN_TEXT && b->runs->next->text[0] == ' '))) {
                        vb_run *rest = b->runs->next;
                        if (rest->kind == VB_RUN_TAB) rest = rest->next;
                        else {
                            while (rest->len && rest->text[0] == ' ') rest->text++, rest->len--;
                        }
                        b->runs = rest;
                    }
                    b->kind = VB_BLOCK_NOTE;
                    b->note_id = n->mark ? n->mark : "*";
                    b->heading_hint = 0;
                    b->label = NULL;
                    b->list_level = -1;
                    note = b;
                }
                S_list_add(&notes, b);
            }
        }
    }
    if (st != VB_OK) goto done;

    const vb_docx_rel *core = vb_docx_rel_by_type(pkg, "core-properties");
    S_read_core(rd, core && !core->external ? core->target : "docProps/core.xml");

    /* reading order: running heads, body, running feet, notes */
    S_list all = {0};
    S_list *parts[] = {&headers, &body, &footers, &notes};
    for (size_t i = 0; i < 4; i++)
        for (vb_block *b = parts[i]->first, *next; b; b = next) {
            next = b->next;
            S_list_add(&all, b);
        }
    src->first = all.first;
    src->last = all.last;
    if (!body.first) {
        vb_diag_add(diags, VB_ERROR, 0, 0, -1, "empty", "the document holds no text");
        st = VB_ERR_EMPTY;
    }
done:
    vb_arena_free(rd->scratch);
    for (size_t i = 0; i < sizeof rd->paras / sizeof rd->paras[0]; i++)
        vb_buf_free(&rd->paras[i].pending);
    vb_buf_free(&rd->math);
    free(rd->notes);
    free(rd);
    vb_docx_zip_close(zip);
    return st;
}
