/* docx_internal.h — pieces of the DOCX reader shared by its files:
 * the package (ZIP via libzip, with bomb limits), XML part streams
 * (xmlTextReader with safe options), relationships, styles and numbering. */
#ifndef VB_DOCX_INTERNAL_H
#define VB_DOCX_INTERNAL_H

#include "extract.h"

#include <libxml/xmlreader.h>

/* ---- limits ---- */
#define VB_DOCX_MAX_ENTRIES 65536          /* parts in one package */
#define VB_DOCX_MAX_TOTAL_INFLATED ((uint64_t)2 << 30) /* all parts read, together */
#define VB_DOCX_MAX_RATIO 200              /* inflated : compressed, per part ... */
#define VB_DOCX_RATIO_GRACE ((uint64_t)1 << 20) /* ... once past this many bytes */
#define VB_DOCX_MAX_XML_DEPTH 256          /* element nesting in any part */
/* Attributes (namespace declarations included) on one start tag: OOXML
 * elements carry a few dozen at most, and libxml2 2.9 checks them for
 * duplicates pairwise, so 200,000 on one tag cost minutes. */
#define VB_DOCX_MAX_XML_ATTRS 256
#define VB_DOCX_MAX_NESTING 32             /* tables/text boxes inside each other */
#define VB_DOCX_MAX_COLS 4096              /* grid columns of one table */
/* Grid cells (rows x columns) of all tables of a document together: every
 * row holds a cell per column, so one wide row would otherwise make each
 * empty row that follows cost the full width. */
#define VB_DOCX_MAX_GRID_CELLS ((size_t)1 << 21)

/* ---- the package ---- */
typedef struct vb_docx_zip vb_docx_zip;

/* Opens the ZIP held in memory; on failure adds a diagnostic and returns NULL. */
vb_docx_zip *vb_docx_zip_open(const unsigned char *data, size_t len, vb_diags *diags);
void vb_docx_zip_close(vb_docx_zip *zip);
/* True when a part of that name exists (names compare case-insensitively,
 * as OPC wants; "\" and a leading "/" are tolerated). */
bool vb_docx_zip_has(const vb_docx_zip *zip, const char *name);

/* A streaming XML reader over one part; NULL (with a diagnostic naming the
 * part) when the part is missing, duplicated, encrypted or unreadable. */
typedef struct vb_docx_xml vb_docx_xml;
vb_docx_xml *vb_docx_xml_open(vb_docx_zip *zip, const char *name, vb_diags *diags, bool required);
xmlTextReaderPtr vb_docx_xml_reader(vb_docx_xml *x);
/* Advances to the next node: 1 node, 0 end of part, -1 error (diagnostic
 * added: XML error with its line, depth limit, DTD refused, zip limits). */
int vb_docx_xml_next(vb_docx_xml *x);
/* Node type (XML_READER_TYPE_*) and depth of the node vb_docx_xml_next
 * moved to. */
int vb_docx_xml_type(const vb_docx_xml *x);
int vb_docx_xml_depth(const vb_docx_xml *x);
/* Skips the children of the current element (the next call to
 * vb_docx_xml_next returns the node after its end). */
void vb_docx_xml_skip(vb_docx_xml *x);
void vb_docx_xml_close(vb_docx_xml *x);
const char *vb_docx_xml_part(const vb_docx_xml *x);

/* Namespaces the reader tells apart (transitional and strict spellings). */
typedef enum {
    VB_NS_OTHER,
    VB_NS_W,    /* wordprocessingml main */
    VB_NS_R,    /* officeDocument relationships (attributes r:id) */
    VB_NS_MC,   /* markup compatibility */
    VB_NS_PKG_REL, /* package relationships part */
    VB_NS_CT,   /* content types */
    VB_NS_DC, VB_NS_DCTERMS, VB_NS_CP,
    VB_NS_M     /* office math (OMML) */
} vb_docx_ns;

vb_docx_ns vb_docx_ns_of(const xmlChar *uri);
/* Namespace and local name of the current node. */
vb_docx_ns vb_docx_xml_ns(vb_docx_xml *x);
const char *vb_docx_xml_name(vb_docx_xml *x);
/* Value of the attribute with that local name in the w (or r, or no)
 * namespace, copied into buf; NULL when absent. */
const char *vb_docx_attr(vb_docx_xml *x, vb_docx_ns ns, const char *local, char *buf, size_t cap);
/* An OOXML on/off value: absent attribute = on; "0", "false", "off" = off. */
bool vb_docx_onoff(const char *val);

/* ---- relationships of one part ---- */
typedef struct vb_docx_rel {
    const char *id, *type, *target; /* target resolved to a part name unless external */
    bool external;
    struct vb_docx_rel *next;
} vb_docx_rel;

/* Reads the relationships of part `source` ("" for the package); a missing
 * relationships part is not an error (NULL list). */
int vb_docx_rels_read(vb_docx_zip *zip, vb_arena *arena, const char *source, vb_diags *diags,
                      vb_docx_rel **out);
const vb_docx_rel *vb_docx_rel_by_id(const vb_docx_rel *rels, const char *id);
/* First relationship whose type ends with "/suffix". */
const vb_docx_rel *vb_docx_rel_by_type(const vb_docx_rel *rels, const char *suffix);

/* ---- styles and numbering ---- */
typedef struct vb_docx_styles vb_docx_styles;

/* Paragraph properties a style (with its basedOn chain) resolves to. */
typedef struct {
    const char *name;     /* w:name */
    int outline;          /* 0..8, -1 none */
    int bold, italic;     /* -1 unset, 0 off, 1 on */
    bool centered;
    const char *num_id;   /* numbering linked from the style, or NULL; "0" removes */
    int ilvl;             /* -1 when the style names none */
} vb_docx_style_info;

int vb_docx_styles_read(vb_docx_zip *zip, vb_arena *arena, const char *styles_part,
                        const char *numbering_part, vb_diags *diags, vb_docx_styles **out);
/* Resolves style id (NULL = the default paragraph style). */
void vb_docx_style_get(const vb_docx_styles *st, const char *id, vb_docx_style_info *out);
/* The styles part's own copy of a style id or numbering id (so a paragraph
 * that names one needs no copy of its own), or NULL when none has it. */
const char *vb_docx_known_id(const vb_docx_styles *st, const char *id);
/* Character style bold/italic (-1 unset). */
void vb_docx_char_style_get(const vb_docx_styles *st, const char *id, int *bold, int *italic);

/* Counts a numbered paragraph and returns the label it prints ("II.",
 * "1.2.", "a)", "-"), or NULL when the numbering is absent or prints
 * nothing.  *level gets the 0-based level.  style_id lets a style-linked
 * list find its level (w:pStyle on a level). */
const char *vb_docx_number(vb_docx_styles *st, vb_arena *arena, const char *num_id, int ilvl,
                           const char *style_id, int *level);

/* Formats n in a WordprocessingML number format (decimal, upperRoman, ...)
 * into buf; exposed for the unit tests. */
void vb_docx_format_number(const char *fmt, int n, char *buf, size_t cap);

#endif
