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
    const char *printed; /* the label as printed when label is read from OCR
                          * specks or a misread numeral ("„ : Chương HH"); else NULL */
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
    int last_chapter;         /* value of the last chapter in Roman numerals, the same */
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
/* The leading rows the builder took for column titles (no figures in them)
 * stay header rows only where the file or the content says so: a row the
 * source marks (w:tblHeader) decides; a row whose printed numbering is a
 * figure ("1." of a Word list) and those after it are data; else the row
 * under them differs in kind (figures, a group row); else the first row
 * names columns (the
 * lexicon's column-header words: "TT", "Nội dung", "Cơ quan chủ trì"), with
 * the rows after it whose cells all do.  The other rows are data (a total
 * when their first cell says so): a plain table of text has no header
 * (table_repair.c). */
void vb_table_header_rows(vb_builder *bd, vb_node *table, const vb_block *t);
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
/* A line of a closing's layout table that is a body's name in capitals
 * ("VĂN PHÒNG UBND TỈNH"): the signature line of an office that signs in
 * its own name, without TM. or KT. */
bool vb_form_body_signature(vb_builder *bd, const vb_line *l);
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

/* ---- quoted text (quote.c) ---- */

/* A quotation left without its closing mark ends after this many lines at
 * most (a long article of a law quoted whole is some 100 lines of a text
 * export), or before the document's own next heading, or with its part. */
#define VB_QUOTE_MAX_LINES 200

/* The lines [first, last] of a quotation.  open_len: bytes of the opening
 * mark, mark_len of them, and the blanks after it at the start of line
 * first (0 when the mark ended the line before); close_at: where its closing
 * mark starts in line last when nothing but punctuation follows it, else
 * SIZE_MAX (the mark then stays in the text); closed: a closing mark was
 * found. */
typedef struct {
    size_t first, last;
    size_t open_len, mark_len, close_at;
    bool closed;
} vb_quote;

/* The section a quotation was opened in, for ending one left open: its
 * rank and kind, and the number its next sibling would have ("57" after
 * "56", "7.4" after "7.3", "b" after "a"; next_roman after a Roman one;
 * empty when it cannot be told). */
typedef struct {
    bool rank_set;
    int rank;
    vb_section_kind kind;
    char next[24];
    int next_roman;
} vb_quote_bound;

/* Reads the quotation marks of s[from, len) with *depth quotations open:
 * returns the offset after the mark that closes the last one (its start in
 * *mark_at), or SIZE_MAX when some stay open (*depth then says how many).
 * *last_open, when given, gets the offset of the last mark that opened a
 * quotation with none open. */
size_t vb_quote_scan(const char *s, size_t len, size_t from, int *depth, size_t *mark_at,
                     size_t *last_open);
/* Bytes of the opening mark and the blanks after it at the start of line l
 * (the mark's own in *mark_len), 0 when it does not start with one. */
size_t vb_quote_open_mark(const vb_line *l, size_t *mark_len);
/* Whether s[from, len) holds only closing marks and punctuation. */
bool vb_quote_tail(const char *s, size_t len, size_t from);
/* Whether line i (< end) opens a quotation with a mark at its start: one
 * of several lines whose closing mark ends a line; one whose closing mark
 * is followed by more text, or one line quoted whole, when it is law text
 * (its first words a numbering label) or announced by the line before
 * ("... như sau:"); one left without a closing mark only when it is law
 * text. */
bool vb_quote_starting(vb_builder *bd, size_t i, size_t end, const vb_quote_bound *b, vb_quote *q);
/* Whether line i goes on with a quotation the line before opened after
 * its introducing words ("... như sau: “1. ...") or before law text; one
 * left without a closing mark only in the second case. */
bool vb_quote_following(vb_builder *bd, size_t i, size_t end, const vb_quote_bound *b, vb_quote *q);

#endif
