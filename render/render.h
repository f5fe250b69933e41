/* render.h — stage 4: write a document tree as XML, HTML or plain text.
 *
 * Renderers only walk the tree (vb_iter) and escape; they never parse text.
 * A node type a renderer does not know is a bug that fails loudly. */
#ifndef VB_RENDER_H
#define VB_RENDER_H

#include "../model/model.h"

/* An output format is a row of the format table (render/render.c): its
 * name, file extension and renderer.  vb_format is the row's index; the
 * named constants are the rows other stages ask for by name, and a new row
 * needs none.  Rows are numbered from 0 to vb_format_count() - 1. */
typedef enum { VB_FORMAT_XML, VB_FORMAT_HTML, VB_FORMAT_TEXT, VB_FORMAT_EAD, VB_FORMAT_AKN,
               VB_FORMAT_DC } vb_format;

typedef struct {
    bool standalone;      /* HTML: full page with embedded CSS (default true) */
    bool with_lines;      /* XML: line="N" attributes (default true) */
    double low_confidence; /* HTML: highlight repairs below this confidence */
    /* When set, the output goes to sink in pieces while it is made and `out`
     * keeps only a short tail, so a large document is never held whole in
     * memory.  sink returns 0, or -1 after a write error (which it reports;
     * the rest of the output is then dropped). */
    int (*sink)(void *ctx, const char *data, size_t len);
    void *sink_ctx;
    /* EAD: the record fields the document cannot tell, given by the user
     * (vb_ead_given_read); NULL for none. */
    const struct vb_ead_given *ead_given;
} vb_render_options;

VB_EXPORT void vb_render_options_default(vb_render_options *opts);

typedef struct {
    vb_format format;        /* this row's index */
    const char *name;        /* what `convert -f` takes: "xml" */
    const char *aliases[3];  /* other names it takes ("text" for "txt"), NULL-terminated */
    const char *extension;   /* of output files, without the dot */
    const char *mime_type;   /* with its charset */
    const char *title;       /* for help texts: "XML", "plain text" */
    /* The renderer: appends the rendering of doc to out.  It need not know
     * about opts->sink; vb_render hands what it made to the sink. */
    int (*render)(const vb_doc *doc, const vb_render_options *opts, vb_buf *out);
    /* The renderer hands its output to opts->sink in pieces while it makes
     * it, so memory stays bounded; otherwise vb_render hands the whole
     * output over at the end. */
    bool streams;
    /* The output shows how sure each repair is (the pipeline computes the
     * confidences only when some output shows them). */
    bool shows_confidence;
} vb_format_info;

VB_EXPORT size_t vb_format_count(void);
/* Row i of the table; NULL when i is past its end. */
VB_EXPORT const vb_format_info *vb_format_info_at(size_t i);
/* The row whose name or alias is name (case-sensitive); NULL if none. */
VB_EXPORT const vb_format_info *vb_format_find(const char *name);

/* Appends the rendering of doc to out (or hands it to opts->sink).  A format
 * not in the table is a usage error (VB_ERR_USAGE), nothing is written. */
VB_EXPORT int vb_render(const vb_doc *doc, vb_format format, const vb_render_options *opts, vb_buf *out);
/* A name or alias of the table ("xml", "html", "txt", "text"...) -> format;
 * returns false if unknown. */
VB_EXPORT bool vb_format_parse(const char *name, vb_format *format);
/* The file extension of format; NULL for a value that is not in the table. */
VB_EXPORT const char *vb_format_extension(vb_format format);

/* ---- the TT 05/2025/TT-BNV document record (EAD_doc) ----
 *
 * Thông tư 05/2025/TT-BNV describes every archived document by 21 fields.
 * vb_ead_record_make fills those the document tells (type coded, number
 * split, date, issuing body, trích yếu...) and takes the rest from what
 * the user gave; a field neither tells is left out, never guessed.  The
 * `ead` format writes the record; the corpus stores the same fields. */

/* The fields in the circular's order; vb_ead_field_name names each. */
typedef enum {
    VB_EAD_DOC_ID, VB_EAD_DOC_CODE, VB_EAD_MAINTENANCE, VB_EAD_TYPE_NAME, VB_EAD_CODE_NUMBER,
    VB_EAD_CODE_NOTATION, VB_EAD_ISSUED_DATE, VB_EAD_ORGAN_NAME, VB_EAD_SUBJECT, VB_EAD_LANGUAGE,
    VB_EAD_NUMBER_OF_PAGE, VB_EAD_INFOR_SIGN, VB_EAD_KEYWORD, VB_EAD_MODE, VB_EAD_CONFIDENCE_LEVEL,
    VB_EAD_AUTOGRAPH, VB_EAD_FORMAT, VB_EAD_RISK_RECOVERY, VB_EAD_RISK_RECOVERY_STATUS,
    VB_EAD_PROCESS, VB_EAD_DESCRIPTION,
    VB_EAD_NFIELDS
} vb_ead_field;

/* The tag of a field ("typeName"); NULL past the last. */
VB_EXPORT const char *vb_ead_field_name(vb_ead_field field);
/* The field whose tag is name, or VB_EAD_NFIELDS. */
VB_EXPORT vb_ead_field vb_ead_field_find(const char *name);
/* NULL when value is a valid value of field (its code list, length, date
 * or number form); else why not, as a phrase ("takes 01 to 07"). */
VB_EXPORT const char *vb_ead_field_check(vb_ead_field field, const char *value);

/* Values the user gives (malloc'd; NULL when not given). */
typedef struct vb_ead_given {
    char *values[VB_EAD_NFIELDS];
} vb_ead_given;

/* Reads "field=value" lines (blank lines and lines starting with # are
 * skipped; the tags as above) from text into *given, which it clears
 * first.  An unknown field or an invalid value is an error naming name and
 * the line (VB_ERR_USAGE into diags); *given then holds nothing. */
VB_EXPORT int vb_ead_given_read(const char *name, const char *text, size_t len, vb_ead_given *given,
                                vb_diags *diags);
VB_EXPORT void vb_ead_given_free(vb_ead_given *given);

typedef struct {
    const char *values[VB_EAD_NFIELDS]; /* NULL when the field is left out */
    vb_buf store;                       /* owns the values made here */
} vb_ead_record;

/* Fills rec from doc and given (NULL for none: a given value overrides the
 * document's).  Free with vb_ead_record_free. */
VB_EXPORT void vb_ead_record_make(const vb_doc *doc, const vb_ead_given *given, vb_ead_record *rec);
VB_EXPORT void vb_ead_record_free(vb_ead_record *rec);

/* Writes the fields of values that are not NULL as <tag>value</tag>
 * lines (escaped), each after indent blanks, in the circular's order: values
 * holds VB_EAD_NFIELDS document fields, or with file_level
 * VB_EAD_FILE_NFIELDS file fields. */
VB_EXPORT void vb_ead_write_fields(vb_buf *out, bool file_level, const char *const *values, int indent);

/* ---- the record of a file (hồ sơ): 18 fields ---- */

typedef enum {
    VB_EAD_FILE_CODE, VB_EAD_FILE_TITLE, VB_EAD_FILE_MAINTENANCE, VB_EAD_FILE_MODE,
    VB_EAD_FILE_LANGUAGE, VB_EAD_FILE_START_DATE, VB_EAD_FILE_END_DATE, VB_EAD_FILE_KEYWORD,
    VB_EAD_FILE_TOTAL_DOC, VB_EAD_FILE_NUMBER_OF_PAPER, VB_EAD_FILE_NUMBER_OF_PAGE,
    VB_EAD_FILE_FORMAT, VB_EAD_FILE_INFOR_SIGN, VB_EAD_FILE_CONFIDENCE_LEVEL,
    VB_EAD_FILE_PAPER_FILE_CODE, VB_EAD_FILE_RISK_RECOVERY, VB_EAD_FILE_RISK_RECOVERY_STATUS,
    VB_EAD_FILE_DESCRIPTION,
    VB_EAD_FILE_NFIELDS
} vb_ead_file_field;

/* The tag of a file field ("startDate"); NULL past the last. */
VB_EXPORT const char *vb_ead_file_field_name(vb_ead_file_field field);

typedef struct {
    char *values[VB_EAD_FILE_NFIELDS]; /* malloc'd; NULL when not given */
} vb_ead_file_given;

/* As vb_ead_given_read, for the fields of a file's record. */
VB_EXPORT int vb_ead_file_given_read(const char *name, const char *text, size_t len,
                                     vb_ead_file_given *given, vb_diags *diags);
VB_EXPORT void vb_ead_file_given_free(vb_ead_file_given *given);

/* ---- a table as CSV ---- */

typedef enum {
    VB_CSV_SPANS_REPEAT, /* a spanned cell's text in every position it covers */
    VB_CSV_SPANS_EMPTY   /* in its first position only, the others empty */
} vb_csv_spans;

typedef struct {
    vb_csv_spans spans;
    /* After each column, a column of the typed values of its cells (the
     * cell's value attribute: 0.79 for "0,79"), empty where a cell has none;
     * in header rows it names the column's type ("value:decimal"). */
    bool values;
} vb_csv_options;

/* Appends table (a VB_NODE_TABLE) as RFC 4180 CSV: one record per row,
 * header rows first as the document prints them, CRLF line ends, fields
 * quoted when they hold a comma, a quote or a line end.  A cell's text is
 * its printed text (a line break inside it kept as LF; text deleted with
 * tracked changes left out).  Returns VB_OK, VB_ERR_USAGE when table is
 * not a table, or VB_ERR_LIMIT for a table of more than 2^24 positions. */
VB_EXPORT int vb_render_table_csv(const vb_node *table, const vb_csv_options *opts, vb_buf *out);

#endif
