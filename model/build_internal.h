/* Shared by the files of the tree builder (build.c, header.c) only. */
#ifndef VB_BUILD_INTERNAL_H
#define VB_BUILD_INTERNAL_H

#include "patterns.h"

/* One logical line: a paragraph block, or the part of one between soft
 * breaks, or a table block.  text is the trimmed plain text; lead is the
 * number of blank bytes trimmed before it (the runs still hold them). */
typedef struct {
    const vb_block *block;
    const vb_run *first, *stop; /* runs [first, stop) */
    int line;
    bool blank_before;          /* a blank line (or paragraph boundary) came before */
    const char *text;
    size_t len, lead, raw_len;
    size_t prefix;              /* bytes of a printed numbering label put before text */
    size_t style_break;         /* offset in text where the style first changes, 0 if never */
    /* a line printed in a cell of a layout table (form.c): the table and
     * the grid column of its cell; NULL for a line of the running text */
    const vb_block *layout;
    int column;
} vb_line;

typedef struct {
    vb_section_kind kind;
    int rank;          /* Phần 0, Chương 1, Mục 2, Điều 3, I. 4, 1. 5, 1.1. 6 ..., a) 12 */
    int value;         /* Roman numerals: the value */
    const char *num;   /* "II", "1.2", "a", "4" */
    const char *label; /* as printed: "II.", "1.2.", "a)", "Phần thứ tư" */
    size_t skip;       /* bytes of the line taken by the label and the blanks after it */
    bool misread;      /* an OCR misreading accepted from the sequence ("IL." as II) */
} vb_label;

typedef struct {
    vb_doc *doc;
    const vb_model_options *opts;
    vb_line *lines;
    size_t nlines, cap;
    /* pieces of header lines that were no header field: they stay text of
     * the body, never dropped (text offsets from..to of the line) */
    struct { const vb_line *line; size_t from, to; } *preamble;
    size_t npreamble;
    int last_roman;           /* value of the last Roman section, for OCR misreadings */
    /* the column titles a table printed again after a page break, taken
     * out of the table: page furniture, put after the page regions */
    vb_node *repeated;
} vb_builder;

/* Counts the upper- and lower-case letters of s. */
/* Fills doc->positions from the source's blocks (positions.c). */
void vb_doc_collect_positions(vb_doc *doc);
void vb_count_case(const char *s, size_t len, size_t *upper, size_t *lower);
bool vb_label_match(vb_builder *bd, const char *s, size_t len, vb_label *lab);
void vb_build_inlines(vb_builder *bd, vb_node *parent, const vb_line *l, size_t skip);
/* The inlines of the text bytes [from, to) of a line. */
void vb_build_inlines_range(vb_builder *bd, vb_node *parent, const vb_line *l, size_t from, size_t to);
void vb_flow_table_as_paragraphs(vb_builder *bd, vb_node *parent, const vb_block *t);
/* Undoes what page breaks and text export did to a finished table: drops
 * header rows printed again, merges continuation rows into the row they
 * continue, and records each repair in attributes (table_repair.c). */
void vb_table_repair(vb_builder *bd, vb_node *table);
/* Takes a header row that a table printed again after a page break out of
 * its table and keeps its text as page furniture (a paragraph of a
 * page-header, its cells apart by " | "), so no word of it is lost. */
void vb_build_keep_repeated_row(vb_builder *bd, vb_node *row);
/* Appends the line of block b made of the runs [first, stop). */
vb_line *vb_push_line(vb_builder *bd, const vb_block *b, const vb_run *first, const vb_run *stop,
                      bool blank_before);

/* ---- the administrative form (form.c) ---- */
typedef enum {
    VB_FORM_NONE,       /* a table of data */
    VB_FORM_HEADER,     /* authority | motto, Số: | place, date */
    VB_FORM_ADDRESSEES, /* Kính gửi: | - addressee ... */
    VB_FORM_CLOSING     /* Nơi nhận: ... | role, name */
} vb_form_table;

/* What a table is, by what its cells say: a layout table of the form or a
 * table of data.  at_top: nothing but the header came before it. */
vb_form_table vb_form_classify_table(vb_builder *bd, const vb_block *t, bool at_top);
/* Pushes the printed lines of the layout table t, column by column: a
 * paragraph of a cell gives a line per soft break and per wide run of
 * blanks (an authority padded with spaces so that it wraps). */
void vb_form_push_cells(vb_builder *bd, const vb_block *t);

/* The two columns of the form printed side by side in the lines of a text
 * (form.c): the pieces of the closing's lines wait in left and right until
 * the closing's columns end. */
#define VB_FORM_TEXT_MAX 48
typedef struct {
    bool closing;
    const vb_block *layout;
    vb_line left[VB_FORM_TEXT_MAX], right[VB_FORM_TEXT_MAX];
    size_t nleft, nright;
} vb_form_text;

/* Pushes the printed lines of paragraph b cut into their columns when one of
 * them holds the form's left and right parts parted by a wide gap (a run of
 * three blanks or more, or a tab), or when b goes on with the closing's
 * columns; false when b is no such line (nothing pushed). */
bool vb_form_text_block(vb_builder *bd, const vb_block *b, bool blank_before, bool at_top, vb_form_text *st);
/* Pushes the lines of the closing's columns that wait, left column first. */
void vb_form_text_flush(vb_builder *bd, vb_form_text *st);

/* The type line of the header: a type name alone on its line in capitals,
 * its marks possibly confused by OCR ("QUYÉT ĐỊNH"). */
bool vb_header_type_line(const vb_line *l);

/* Reads the administrative header into doc->meta; returns the index of the
 * first line of the body. */
size_t vb_build_header(vb_builder *bd);

#endif
