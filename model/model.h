/* model.h — stage 3: the structured document.
 *
 * The model reads what the text says (numbering, the administrative header
 * of Nghị định 30/2020/NĐ-CP, "Nơi nhận:", "Phụ lục") — markdown marks and
 * Word styles are only hints — and builds one tree per document.  It owns the
 * tree and its rules (which node may contain which, vb_node_can_contain);
 * renderers only walk it with vb_iter.
 *
 * Ownership: vb_model_build takes over the source.  The tree lives in the
 * doc's own arena; once it is built, every string it points to is copied
 * there, with what the source keeps for the renderers (path, format,
 * encoding, props, report, diagnostics), and the source's arena, with all
 * its blocks and runs, is freed: doc->source then has no blocks
 * (first == NULL) and its arena is the doc's.  Texts only read while the
 * tree is built go to doc->scratch, freed as each pass is done.
 * vb_doc_free frees everything. */
#ifndef VB_MODEL_H
#define VB_MODEL_H

#include "../extract/extract.h"
#include "lexicon.h" /* the domain's words and the rules that recognise them */

typedef enum {
    /* block nodes */
    VB_NODE_DOCUMENT,
    VB_NODE_BODY,
    VB_NODE_SECTION,      /* numbered division: Phần, Chương, Mục, Điều, I., 1., 1.1., a) */
    VB_NODE_HEADING,      /* the title line of a section or appendix */
    VB_NODE_PARAGRAPH,
    VB_NODE_LIST,
    VB_NODE_ITEM,
    VB_NODE_TABLE,
    VB_NODE_ROW,
    VB_NODE_CELL,
    VB_NODE_APPENDIX,     /* "Phụ lục ...": its own part after the body */
    VB_NODE_FOOTNOTE,     /* note text, linked from a NOTE_REF by label */
    VB_NODE_CLOSING,      /* recipients and signature */
    VB_NODE_RECIPIENTS,   /* "Nơi nhận:" list; children are ITEMs */
    VB_NODE_SIGNER,       /* signature block: ROLE lines, then NAME */
    VB_NODE_ROLE,         /* "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH" */
    VB_NODE_NAME,         /* the signer's name; a task's name */
    VB_NODE_TASKS,        /* the task records read from a task table, right after it */
    VB_NODE_TASK,         /* one numbered task: NAME, LEAD, PARTNERS, OUTPUT, DEADLINE */
    VB_NODE_LEAD,         /* the lead agency (agency DATA inlines) */
    VB_NODE_PARTNERS,     /* the partner agencies (agency DATA inlines) */
    VB_NODE_OUTPUT,       /* what the task delivers */
    VB_NODE_DEADLINE,     /* when: kind, iso, from, to */
    VB_NODE_PAGE_HEADER,  /* running header/footer content, kept apart from the body */
    VB_NODE_PAGE_FOOTER,
    VB_NODE_QUOTATION,    /* quoted text (a law's articles cited, an amended wording): its own
                           * paragraphs and sections, not the document's; attributes open and
                           * close hold its marks as printed, unclosed="true" a missing close */
    VB_NODE_LAYOUT,       /* lines that only drew a layout (the "|" between the cells of a
                           * flattened table that could not be rebuilt), out of the flow */
    /* inline nodes */
    VB_NODE_TEXT,
    VB_NODE_EMPH,
    VB_NODE_STRONG,
    VB_NODE_SUPERSCRIPT,
    VB_NODE_SUBSCRIPT,
    VB_NODE_LINEBREAK,
    VB_NODE_NOTE_REF,     /* footnote mark; label says which */
    VB_NODE_LINK,         /* hyperlink; url */
    VB_NODE_REPAIR,       /* repaired text; original + confidence */
    VB_NODE_INSERTED,     /* tracked change kept */
    VB_NODE_DELETED,
    VB_NODE_DATA,         /* typed value found in text: number, amount, date, reference... */
    VB_NODE__COUNT
} vb_node_type;

#define VB_NODE_FIRST_BLOCK VB_NODE_DOCUMENT
#define VB_NODE_LAST_BLOCK VB_NODE_LAYOUT
#define VB_NODE_FIRST_INLINE VB_NODE_TEXT
#define VB_NODE_LAST_INLINE VB_NODE_DATA

typedef enum {
    VB_SECTION_PART,      /* Phần thứ nhất / Phần I */
    VB_SECTION_CHAPTER,   /* Chương I */
    VB_SECTION_SUBCHAPTER,/* Mục 1 */
    VB_SECTION_ARTICLE,   /* Điều 1. */
    VB_SECTION_ROMAN,     /* I. */
    VB_SECTION_DECIMAL,   /* 1. */
    VB_SECTION_MULTILEVEL,/* 1.1. / 1.1.1. (depth in num) */
    VB_SECTION_LETTER     /* a) */
} vb_section_kind;

typedef enum { VB_ROW_DATA = 0, VB_ROW_HEADER, VB_ROW_GROUP, VB_ROW_TOTAL } vb_row_kind;

/* A name/value attribute for node kinds that carry open-ended data
 * (VB_NODE_DATA: kind, value, unit, iso, code...). */
typedef struct vb_attr {
    const char *name;
    const char *value;
    struct vb_attr *next;
} vb_attr;

/* A document of a few hundred pages has hundreds of thousands of nodes:
 * the literal of a TEXT node shares its bytes with what other kinds hold
 * (80 bytes a node on 64-bit systems).  text and len are for TEXT only. */
typedef struct vb_node {
    struct vb_node *parent, *first_child, *last_child, *prev, *next;
    vb_attr *attrs;
    vb_node_type type;
    int line;                    /* source line, 0 if unknown */
    union {
        struct {
            const char *text;    /* TEXT: the literal, len bytes */
            size_t len;
        };
        union {
            /* num: the number alone ("II", "1.2", "a", "4" for "Phần thứ tư");
             * label: the number as printed ("II.", "1.2.", "a)", "Phần thứ tư") */
            struct {
                const char *num;
                const char *label;
                vb_section_kind kind;
                int level;
                bool label_joined; /* printed with no blank before its heading ("2.4.Tủ sách") */
            } section;
            struct { char marker; } list;            /* '-', '+', '*', or 0 */
            struct { const char *marker; } item;     /* as printed */
            struct { int colspan, rowspan; bool header; } cell;
            struct { vb_row_kind kind; } row;
            struct { const char *label; } note;      /* FOOTNOTE, NOTE_REF */
            /* url: the target, NULL when it was refused (vb_link_target_allowed);
             * refused: the target as the source had it, then */
            struct { const char *url; const char *refused; } link;
            /* word_pos, word_conf: the OCR engine's box and confidence of
             * the word repaired (vb_run), NULL and 0 when not from OCR */
            struct { const char *original; float confidence; vb_repair_kind kind;
                     bool needs_review; uint8_t word_conf; const vb_word_pos *word_pos; } repair;
            struct { const char *label; const char *num; } appendix; /* "Phụ lục 1", "1" */
        } as;
    };
} vb_node;

/* A repaired word inside a header field, with what its repair node in the
 * body would say: the header's words are repairs to see and undo too. */
typedef struct vb_field_repair {
    size_t start, len;           /* bytes of the field's value */
    const char *original;        /* the text as the source had it */
    float confidence;
    vb_repair_kind kind;
    bool needs_review;           /* left undone: below --min-confidence */
    struct vb_field_repair *next;
    /* as the body's repair node: the page and box of the word repaired and
     * the OCR engine's confidence in it, NULL and 0 when the source gave none */
    const vb_word_pos *word_pos;
    uint8_t word_conf;
} vb_field_repair;

/* An administrative header field: its value and where it came from. */
typedef struct {
    const char *value;  /* NULL when absent */
    int line;
    vb_field_repair *repairs; /* its repaired words in order, NULL when none */
} vb_field;

typedef struct {
    vb_field authority;         /* issuing body, lines joined by '\n' ("UBND TỈNH X\nSỞ Y TẾ") */
    vb_field number;            /* "Số:" value as printed, e.g. "494/KH-UBND" or "/KH-SYT" */
    const char *number_value;   /* "494", NULL when left blank */
    const char *number_label;   /* the label printed before it ("Số:"), NULL if none */
    const char *title_label;    /* a công văn's "V/v" before its trích yếu, NULL if none */
    const char *code;           /* "KH-UBND" */
    vb_field motto;             /* "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc" */
    vb_field place;
    vb_field date;              /* as printed */
    int year, month, day;       /* 0 = left blank / unknown */
    vb_field type;              /* KẾ HOẠCH, QUYẾT ĐỊNH ... (upper case as printed) */
    vb_field title;             /* trích yếu, lines joined by ' ' ("V/v" left out) */
    vb_field *addressees;       /* "Kính gửi:" each addressee, without its dash */
    const char *addressees_label; /* the mark as printed ("Kính gửi:"), NULL if none */
    size_t naddressees;
    /* the marks printed by the number (Nghị định 30/2020, Điều 8): độ mật
     * ("MẬT"), độ khẩn ("HỎA TỐC"), a draft's "DỰ THẢO", each as printed,
     * with its level as vb_lex_doc_marks names it ("confidential",
     * "urgent") and a draft's round ("2" of "Dự thảo lần 2"), NULL if none */
    vb_field secrecy, urgency, draft;
    const char *secrecy_level, *urgency_level, *draft_round;
    vb_field *rules;            /* the rules the header leaves out of its fields, as printed ("_____"
                                 * under the title, a "_" OCR read for the line under the authority) */
    size_t nrules;
} vb_meta;

/* One figure the document states twice, compared (model/check.c): a total
 * against its parts, a share against its count, words against digits. */
typedef struct vb_check {
    int line;                   /* where the stated figure is */
    const char *kind;           /* column-total, group-total, share, words */
    const char *what;           /* which figure: "Tổng số:, cột 3" */
    const char *expected;       /* computed from the parts */
    const char *found;          /* as stated */
    bool ok;
    const struct vb_node **figures; /* the cells or data nodes compared, the stated one first */
    size_t nfigures;
    struct vb_check *next;
} vb_check;

/* Where a part of the document was printed, for sources that know it (PDF
 * and OCR layers): the page (1-based) and the box (x0 y0 x1 y1, top-left
 * origin, PDF points or image pixels). */
typedef struct vb_position {
    int page;
    float box[4];
} vb_position;

typedef struct vb_doc {
    vb_arena *arena;
    vb_arena *scratch;          /* texts read while the tree is built, freed when it is */
    vb_source *source;          /* kept for its props, report and diagnostics */
    vb_meta meta;
    vb_node *root;              /* VB_NODE_DOCUMENT */
    vb_check *checks;           /* in document order; NULL when nothing is stated twice */
    /* By source line (0 .. npositions - 1): the page and box of the block
     * that starts on the line, or of the block the line was joined into.
     * NULL for sources without positions (text, DOCX). */
    vb_position *positions;
    size_t npositions;
} vb_doc;

typedef struct {
    bool ignore_markup_hints;   /* build only from the text, ignore '#' and styles */
    bool no_values;             /* skip the values pass: no DATA, typed cells, tasks, checks */
} vb_model_options;

/* Builds the tree.  Takes ownership of src in every case (NULL on failure
 * frees it).  Diagnostics go to src->diags. */
VB_EXPORT int vb_model_build(vb_source *src, const vb_model_options *opts, vb_doc **out);
VB_EXPORT void vb_doc_free(vb_doc *doc);
/* The page and box of source line `line`; NULL when the source has none. */
VB_EXPORT const vb_position *vb_doc_position(const vb_doc *doc, int line);

/* ---- tree operations ---- */

/* A result that must not be ignored: a tree edit that was refused has done
 * nothing, and the node it was given belongs nowhere. */
#if defined(__GNUC__) || defined(__clang__)
#define VB_MUST_USE __attribute__((warn_unused_result))
#else
#define VB_MUST_USE
#endif

VB_EXPORT vb_node *vb_node_new(vb_doc *doc, vb_node_type type, int line);
/* Appends child to parent (unlinking it from where it was); returns false
 * and does nothing when vb_node_can_contain forbids the nesting, or when
 * child is parent itself or one of its ancestors. */
VB_EXPORT VB_MUST_USE bool vb_node_append(vb_node *parent, vb_node *child);
/* Inserts node just before sibling, under sibling's parent, with the same
 * rules as vb_node_append; returns false and does nothing when they forbid
 * it or when sibling has no parent. */
VB_EXPORT VB_MUST_USE bool vb_node_insert_before(vb_node *sibling, vb_node *node);
VB_EXPORT bool vb_node_can_contain(vb_node_type parent, vb_node_type child);
VB_EXPORT void vb_node_unlink(vb_node *node);
VB_EXPORT void vb_node_set_attr(vb_doc *doc, vb_node *node, const char *name, const char *value);
VB_EXPORT const char *vb_node_get_attr(const vb_node *node, const char *name);
VB_EXPORT const char *vb_node_type_name(vb_node_type type);
/* Whether a link target may be kept: http, https, mailto, or no scheme
 * (relative, "#fragment"), read with control characters and spaces dropped
 * the way a browser drops them.  Anything else ("javascript:", "data:") is
 * refused, and the link keeps its text only. */
VB_EXPORT bool vb_link_target_allowed(const char *url);
static inline bool vb_node_is_inline(vb_node_type t) {
    return t >= VB_NODE_FIRST_INLINE && t <= VB_NODE_LAST_INLINE;
}
/* Text content of a node and its descendants, concatenated; arena-owned. */
VB_EXPORT const char *vb_node_text(vb_doc *doc, const vb_node *node);
/* Checks the invariants of a finished tree: the root is the only DOCUMENT,
 * every child's parent, prev and next links agree with its parent's
 * first_child and last_child, every nesting is one vb_node_can_contain
 * allows (leaves hold nothing), every node kind is known and every TEXT
 * has its bytes.  Returns the number of violations, each reported to diags
 * as an error "tree" at the source line of the node or of its nearest
 * ancestor that has one.  vb_model_build runs it on every tree it builds. */
VB_EXPORT int vb_doc_check(const vb_doc *doc, vb_diags *diags);

/* Compares every figure the document states twice (table totals and
 * subtotals against their rows, shares against their counts, amounts in
 * words against their digits) and records each comparison in doc->checks;
 * the stated figure of a mismatch gets the attribute check="mismatch".
 * Runs on the annotated tree (vb_model_build does it); returns the number
 * of mismatches. */
VB_EXPORT int vb_doc_check_figures(vb_doc *doc);

/* ---- iterator: ENTER/EXIT events, as every renderer walks the tree ---- */
typedef enum { VB_EVENT_NONE, VB_EVENT_ENTER, VB_EVENT_EXIT, VB_EVENT_DONE } vb_event;
typedef struct {
    const vb_node *root, *cur;
    vb_event ev;
} vb_iter;

VB_EXPORT void vb_iter_init(vb_iter *it, const vb_node *root);
/* Advances; leaf nodes (TEXT, LINEBREAK, NOTE_REF) give only ENTER. */
VB_EXPORT vb_event vb_iter_next(vb_iter *it);
static inline const vb_node *vb_iter_node(const vb_iter *it) { return it->cur; }

#endif
