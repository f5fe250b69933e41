/* values.h — figures, dates and references read out of the text (internal to
 * model/, and to the checks and their tests).
 *
 * vb_values_annotate walks a finished tree and wraps, inside TEXT nodes, every
 * number, amount of money, percentage, date, period, deadline and legal
 * reference in a DATA node whose attributes hold the normalised value; the
 * text itself is kept byte for byte.  Table cells that hold one figure get
 * `type` and `value` attributes. */
#ifndef VB_MODEL_VALUES_H
#define VB_MODEL_VALUES_H

#include <stdint.h>

#include "model.h"

/* A decimal figure: mantissa / 10^decimals. */
typedef struct {
    int64_t mantissa;
    int decimals;
    bool ambiguous; /* "3.5", "40.0": a point that is no thousands separator */
} vb_number;

/* Reads a figure written the Vietnamese way: "." groups thousands, ","
 * marks decimals ("1.000.000", "5.595,966", "315,8", "96").  A point followed
 * by one or two digits ("3.5") is read as a decimal point and flagged
 * ambiguous.  The whole of s[0..len) must be the figure. */
bool vb_number_parse(const char *s, size_t len, vb_number *out);

/* The figure as a plain decimal string ("5595.966", "1000000"), arena-owned. */
const char *vb_number_string(vb_arena *arena, const vb_number *n);

/* n * factor as an exact decimal string (factor: 1, 1000, 10^6, 10^9);
 * NULL on overflow. */
const char *vb_number_scaled(vb_arena *arena, const vb_number *n, int64_t factor);

/* Reads an amount spelt in words: "Năm trăm mười chín tỷ, tám trăm bảy mươi
 * tám triệu, không trăm hai mươi sáu ngàn" (a trailing "đồng" is allowed),
 * including the variants ngàn, linh, lẻ, tỉ, mốt, tư, lăm and the short
 * tens "hai chín" (29).  Returns false when the words do not spell a number. */
bool vb_number_words_parse(const char *s, size_t len, int64_t *out);

/* Parses a decimal string as written by vb_number_string (no separators). */
bool vb_number_from_plain(const char *s, vb_number *out);

void vb_values_annotate(vb_doc *doc);

/* The text of n as vb_node_text gives it, but in the document's scratch
 * arena: for texts only read (compared, parsed, printed into another
 * string) while the tree is built.  vb_model_build frees the scratch arena
 * when it returns (and earlier, see vb_doc_scratch_release), so no such
 * text may end up in the tree or the checks. */
const char *vb_node_text_scratch(vb_doc *doc, const vb_node *n);
vb_arena *vb_doc_scratch(vb_doc *doc);
/* Frees the scratch texts; called where the pass that read them is done
 * (after a table, after a block), so that they never pile up. */
void vb_doc_scratch_release(vb_doc *doc);

/* ---- tree edits that may not fail (node.c) ----
 *
 * The builder and the passes after it only make nestings the tree's rules
 * allow, so a refused edit is a defect of vanban, never of the input.  In
 * checking builds (VB_CHECK_TREE: the sanitizer and fuzz builds, and any
 * unoptimized build with assertions) it aborts with the node kinds and the
 * source line; otherwise the node goes where vb_node_place puts it, with a
 * warning, and no text is lost. */
#if !defined(VB_CHECK_TREE) && !defined(NDEBUG) && !defined(__OPTIMIZE__)
#define VB_CHECK_TREE 1
#endif

/* vb_node_append, and vb_node_insert_before, that cannot drop the node. */
void vb_node_add(vb_doc *doc, vb_node *parent, vb_node *child);
void vb_node_add_before(vb_doc *doc, vb_node *sibling, vb_node *node);

/* Appends child to parent or, when the rules forbid that, puts it as near
 * as they allow: right after parent's branch under the nearest ancestor
 * that may hold it; inline content that no ancestor may hold goes into a
 * new PARAGRAPH there.  Only a detached subtree that nothing may hold gets
 * the node against the rules (vb_doc_check then reports it).  Each move is
 * a warning "tree" in the document's diagnostics.  Returns the node child
 * went under. */
vb_node *vb_node_place(vb_doc *doc, vb_node *parent, vb_node *child);

/* A column's header after one more header row: head + " / " + t (t alone
 * when head is NULL), in arena a.  Once head has VB_HEADER_MAX bytes it is
 * kept as it is: a table whose rows all read as header rows would otherwise
 * copy a string growing with every row (time and memory quadratic in the
 * rows). */
#define VB_HEADER_MAX 1024
const char *vb_header_join(vb_arena *a, const char *head, const char *t);

/* A deadline as task tables state it (columns.c): "Quý III/2026" (quarter),
 * "Năm 2026" (year), "2026 - 2028" (period), "Tháng 6/2026", "30/6/2026",
 * "Hằng năm" (yearly), "Hằng quý", "Hằng tháng", "Thường xuyên" (ongoing). */
typedef struct {
    const char *kind;   /* quarter, year, period, month, date, yearly, quarterly, monthly, ongoing */
    int year, from, quarter, month, day; /* year: the last year; from: a period's first */
} vb_deadline;

bool vb_deadline_parse(const char *s, size_t len, vb_deadline *out);
/* The day, month or year it falls due as ISO 8601 (a quarter: its last
 * day); NULL for a recurrence. */
const char *vb_deadline_iso(vb_arena *a, const vb_deadline *d);
/* Sets deadline=KIND, from=YEAR (periods) and by=ISO on n. */
void vb_deadline_attrs(vb_doc *doc, vb_node *n, const vb_deadline *d);

/* One agency of a list ("Sở Y tế, Sở Tài chính và các địa phương"):
 * bytes [start, end) of the text; role "lead" / "partner" when the text
 * labels it ("Chủ trì: ...; Phối hợp: ..."). */
typedef struct {
    size_t start, end;
    const char *role;
    bool named;     /* starts with a word that names an agency (Sở, UBND, Các...) */
} vb_agency;

/* Splits a list of agencies at commas, semicolons, line breaks and "và"
 * before another agency; a piece that names no agency ("ngành" in "các
 * sở, ngành") stays with the one before.  Returns the count (<= max). */
size_t vb_agencies_split(const char *s, size_t len, vb_agency *out, size_t max);

/* Types the columns of an annotated table: table@columns lists one type
 * per column (index, agencies, deadline, integer, decimal, percent, year,
 * money, text, empty); agency cells get their agencies as DATA elements,
 * deadline cells their parsed deadline. */
void vb_columns_type(vb_doc *doc, vb_node *table);

/* A table of tasks (a lead agency column and a deadline column) gets a
 * TASKS node right after it: one TASK per numbered row (tasks.c).  Returns
 * the number of tasks. */
size_t vb_tasks_build(vb_doc *doc, vb_node *table);

/* The task table of an appendix that OCR flattened into lines (no table
 * found): a TASKS node with layout="ocr-lines" at the end of the appendix,
 * its text left in place (tasks.c).  Returns the number of tasks. */
size_t vb_tasks_from_lines(vb_doc *doc, vb_node *appendix);

#endif
