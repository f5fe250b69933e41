/* extract.h — stage 1: read a document into a flat list of blocks.
 *
 * A reader knows file formats and nothing else: it never repairs language,
 * never decides what a heading means and never renders.  It hands on what the
 * source says — paragraphs made of styled runs, tables of cells, notes — with
 * the source line of each, plus hints (heading level of a "#" mark or a Word
 * outline level, a numbering label Word would print) that the model may use.
 *
 * Ownership: a vb_source owns an arena; every block, run and string hangs off
 * it.  vb_source_free() releases all of it.  The model stage takes the source
 * over and frees its blocks once the tree is built (see model.h). */
#ifndef VB_EXTRACT_H
#define VB_EXTRACT_H

#include "../util/vb_util.h"

/* No input is read beyond 1 GiB, whatever the options say: a run's length
 * (even repaired, which may lengthen it) then fits its 32 bits. */
#define VB_MAX_INPUT_BYTES ((size_t)1 << 30)

/* ---- runs: the inline pieces of a paragraph ---- */
typedef enum {
    VB_RUN_TEXT,      /* text */
    VB_RUN_NOTE_REF,  /* reference to a footnote/endnote; note_id says which */
    VB_RUN_BREAK,     /* a line break inside the paragraph */
    VB_RUN_TAB        /* a tab inside a paragraph (not a table separator) */
} vb_run_kind;

enum {
    VB_STYLE_BOLD = 1u << 0,
    VB_STYLE_ITALIC = 1u << 1,
    VB_STYLE_SUPERSCRIPT = 1u << 2,
    VB_STYLE_SUBSCRIPT = 1u << 3,
    VB_STYLE_UNDERLINE = 1u << 4,
    VB_STYLE_INSERTED = 1u << 5, /* tracked insertion */
    VB_STYLE_DELETED = 1u << 6,  /* tracked deletion (kept only on request) */
    /* Text input: the bold, italic or underline was written as a tag (<b>,
     * <i>, <u>) rather than with * marks, so repaired text written back
     * keeps the form of the source. */
    VB_STYLE_TAGGED = 1u << 7
};

/* Why the normalize stage changed a run's text (provenance for the archivist). */
typedef enum {
    VB_REPAIR_NONE = 0,
    VB_REPAIR_DIACRITICS, /* diacritics restored from OCR damage */
    VB_REPAIR_ENCODING,   /* legacy encoding or mojibake decoded */
    VB_REPAIR_SPELLING,   /* typing damage corrected */
    VB_REPAIR_CODE        /* document code rebuilt (QD -> QĐ) */
} vb_repair_kind;

/* Where an OCR engine read a word: its page (1-based) and box (x0 y0 x1 y1,
 * as vb_block.page and box). */
typedef struct vb_word_pos {
    int page;
    float box[4];
} vb_word_pos;

/* PDF text layers: where each word of a run's text was printed, the run
 * holding several words (a stretch of one weight of a printed line).  A
 * word is a stretch without blanks (space, tab, no-break space); the k-th
 * word of the run's text has box[k].  A piece of the run cut by normalize
 * takes those of its own words (vb_run_word_boxes_from), a repair the box
 * around the words it changed (vb_run_word_pos). */
typedef struct vb_word_boxes {
    const float (*box)[4];
    uint32_t n;
    int page;
} vb_word_boxes;

/* What an OCR engine read at one glyph of a word: its readings, the one it
 * printed first, each with the engine's score (0..1), best first after it.
 * Tesseract gives them as its LSTM choices (hOCR written with
 * lstm_choice_mode, or the API's choice iterator); a repair weighs them
 * (normalize.h). */
enum { VB_GLYPH_READINGS = 6 };
typedef struct vb_glyph {
    uint32_t cp[VB_GLYPH_READINGS];
    float score[VB_GLYPH_READINGS];
    uint8_t n;
} vb_glyph;
typedef struct vb_glyphs {
    const vb_glyph *glyph; /* one per code point of the run's text, in order */
    uint32_t n;
} vb_glyphs;

/* (Fields ordered so that none is padded: a document has a run per cell.) */
typedef struct vb_run {
    const char *text;        /* UTF-8, NUL-terminated; "" for NOTE_REF/BREAK */
    const char *note_id;     /* NOTE_REF: the mark as printed ("19", "1", "*") */
    const char *link;        /* hyperlink target, or NULL */
    struct vb_run *next;
    /* Repair provenance, set only by normalize: the text as it was and how
     * sure the model is of the repair (0..1; -1 when the caller asked for
     * none, see vb_normalize_options). */
    const char *original;
    /* OCR layers: the page and box of the word this run holds, or NULL
     * (a repair of the word shows them, so a reviewer finds the spot) */
    const vb_word_pos *word_pos;
    /* OCR layers that give them: the engine's readings of each glyph of the
     * word, or NULL */
    const vb_glyphs *glyphs;
    /* PDF text layers: the page and box of every word of the run, or NULL */
    const vb_word_boxes *word_boxes;
    uint32_t len;            /* of text (a run is far below 4 GB: inputs are limited) */
    uint32_t original_len;
    float confidence;
    /* Set by normalize's layout on the " " run it put where it joined two
     * printed lines: the source line of the one that follows (else 0), so
     * the model can read the printed lines back (an OCR'd table's rows). */
    int joined_line;
    uint8_t kind;            /* vb_run_kind */
    uint8_t style;           /* VB_STYLE_* bits */
    uint8_t repair;          /* vb_repair_kind */
    bool needs_review;       /* repair left undone: below --min-confidence */
    /* OCR layers (hOCR, ALTO): the engine's confidence in the word this run
     * holds (a run per word), as 1 + percent (1..101); 0 = not from OCR.
     * Diacritics repair weighs it: a word the engine was unsure of is
     * cheaper to change, one it was sure of dearer (normalize.h). */
    uint8_t word_conf;
} vb_run;

/* ---- blocks ---- */
typedef enum {
    VB_BLOCK_PARAGRAPH, /* one paragraph (for plain text: one source line) */
    VB_BLOCK_TABLE,     /* rows of cells */
    VB_BLOCK_NOTE,      /* the text of a footnote or endnote; note_id says which */
    VB_BLOCK_PAGE_BREAK /* an explicit page break */
} vb_block_kind;

/* Where in the document a block was found. */
typedef enum {
    VB_REGION_BODY = 0,
    VB_REGION_PAGE_HEADER, /* running header (DOCX header part, PDF running head) */
    VB_REGION_PAGE_FOOTER,
    VB_REGION_FOOTNOTES,
    VB_REGION_ENDNOTES
} vb_region;

enum {
    /* The block followed the previous one with no blank line between them:
     * in hard-wrapped text it may continue the same paragraph. */
    VB_BLOCK_NO_BLANK_BEFORE = 1u << 0,
    VB_BLOCK_CENTERED = 1u << 1,   /* alignment hint (DOCX) */
    VB_BLOCK_ALL_BOLD = 1u << 2,   /* every visible character is bold */
    VB_BLOCK_ALL_ITALIC = 1u << 3, /* every visible character is italic */
    VB_BLOCK_HARD_BREAK = 1u << 4, /* the line ended with a markdown hard break */
    VB_BLOCK_TEXTBOX = 1u << 5,    /* text that came from a text box */
    /* A form feed came just before the block's text (on its line or on the
     * blank lines before it): the input starts a new printed page here. */
    VB_BLOCK_FORM_FEED = 1u << 6
};

struct vb_block;

typedef struct vb_cell {
    struct vb_block *content;  /* paragraphs (and nested tables) of the cell */
    int colspan, rowspan;      /* >= 1 */
    bool covered;              /* placeholder under a span from an earlier row/col */
    int line;
} vb_cell;

typedef struct vb_row {
    vb_cell *cells;
    size_t ncells;
    bool is_header;            /* marked as a header row by the source (w:tblHeader) */
    int line;
} vb_row;

/* (A document has a block per paragraph and per table cell, and the blocks
 * and the tree built from them are alive together: small fields are
 * small.) */
typedef struct vb_block {
    vb_run *runs;              /* PARAGRAPH, NOTE */
    const char *style_name;    /* source paragraph style, or NULL */
    const char *label;         /* numbering label the source prints (DOCX), or NULL */
    const char *note_id;       /* NOTE: the mark it is referenced by */
    vb_row *rows;              /* TABLE */
    struct vb_block *next;
    int line, line_end;        /* 1-based source lines (DOCX: paragraph ordinal) */
    uint32_t nrows, ncols;     /* TABLE */
    uint16_t flags;            /* VB_BLOCK_* bits */
    uint8_t kind;              /* vb_block_kind */
    uint8_t region;            /* vb_region */
    int8_t heading_hint;       /* 0 = none; 1..9 = outline level the source suggests */
    int8_t list_level;         /* 0-based level of that numbering, -1 if none */
    /* PDF and OCR layers: the printed page (1-based; 0 = unknown) and the
     * box the block covers on it (x0 y0 x1 y1, top-left origin, in the
     * source's units: PDF points or image pixels).  normalize's layout
     * widens the box of a paragraph it joins from lines of one page. */
    int page;
    float box[4];
} vb_block;

/* Document-level key/value facts found by a reader or by normalize
 * (DOCX core properties, e-signature stamps, detected encoding...). */
typedef struct vb_prop {
    const char *key;
    const char *value;
    int line;
    struct vb_prop *next;
} vb_prop;

/* What the normalize stage changed, by kind (see normalize.h). */
#define VB_REPORT_MAX_KINDS 48
typedef struct vb_repair_report {
    struct { const char *kind; size_t count; } items[VB_REPORT_MAX_KINDS];
    size_t nitems;
} vb_repair_report;

typedef struct vb_source {
    vb_arena *arena;
    const char *path;          /* display name of the input ("-" for stdin) */
    const char *format;        /* "text", "docx", "pdf", "hocr", "alto" */
    const char *encoding;      /* encoding the text was read as */
    vb_block *first, *last;    /* all blocks in reading order */
    vb_prop *props;
    vb_diags diags;
    /* counts of what normalize changed, by kind (see normalize.h) */
    struct vb_repair_report *report;
} vb_source;

typedef struct {
    size_t max_input_bytes;    /* refuse larger inputs (0 = default 512 MiB; at most
                                  VB_MAX_INPUT_BYTES, as run lengths are 32 bits) */
    size_t max_line_bytes;     /* refuse a longer line (0 = default 16 MiB) */
    bool keep_deletions;       /* DOCX: keep tracked deletions, marked */
    size_t max_pages;          /* PDF, hOCR, ALTO: refuse more pages (0 = default 2000) */
    /* PDF: read the pages whose text layer is empty or poor again from
     * their image, rendered with poppler + Cairo and recognised by
     * Tesseract (--ocr); its data is looked up in $TESSDATA_PREFIX, else
     * where Debian puts it. */
    bool ocr;
    int ocr_dpi;               /* rendering resolution (0 = 300 dots per inch) */
    size_t ocr_max_pixels;     /* refuse a larger page image (0 = 100 million) */
    const char *ocr_lang;      /* Tesseract's language(s), "vie+eng" (NULL = "vie") */
} vb_extract_options;

/* Creates an empty source with its own arena. */
VB_EXPORT vb_source *vb_source_new(const char *path, const char *format);
VB_EXPORT void vb_source_free(vb_source *src);

/* Builders used by readers (and tests). */
VB_EXPORT vb_block *vb_source_add_block(vb_source *src, vb_block_kind kind, int line);
VB_EXPORT vb_run *vb_block_add_run(vb_source *src, vb_block *block, vb_run_kind kind, const char *text,
                                   size_t len, unsigned style);
/* Runs with word boxes (PDF text layers), cut into pieces by normalize:
 * where r->text[from, from + len) was printed, the page and the box around
 * the words it touches (in src's arena), and the word boxes of a piece of r
 * that starts at r->text[from] (its first word is the one at or after
 * from).  Both are NULL when r has no word boxes or no word there. */
VB_EXPORT const vb_word_pos *vb_run_word_pos(vb_source *src, const vb_run *r, size_t from, size_t len);
VB_EXPORT const vb_word_boxes *vb_run_word_boxes_from(vb_source *src, const vb_run *r, size_t from);
/* Concatenates the text runs of a block (breaks become '\n'); arena-owned. */
VB_EXPORT const char *vb_block_text(vb_source *src, const vb_block *block, size_t *len);
/* The same in another arena (a pass's scratch, so the source does not keep it). */
VB_EXPORT const char *vb_block_text_in(vb_arena *arena, const vb_block *block, size_t *len);

/* Reads UTF-8 text (the decoding of legacy encodings happens before, in
 * normalize's vb_normalize_decode).  Invalid UTF-8 is reported with its byte
 * offset and replaced by U+FFFD.  Returns VB_OK or a negative status with a
 * diagnostic in (*out)->diags; *out is always set and must be freed. */
VB_EXPORT int vb_extract_text(const char *path, const char *utf8, size_t len,
                              const vb_extract_options *opts, vb_source **out);

/* Reads a DOCX package held in memory. */
VB_EXPORT int vb_extract_docx(const char *path, const unsigned char *data, size_t len,
                              const vb_extract_options *opts, vb_source **out);

/* Reads an hOCR file (XHTML or HTML with class="ocr_page", "ocr_line",
 * "ocrx_word"): a block per line with its page and box, a run per word with
 * the engine's confidence (x_wconf) and, where the file gives them (glyph
 * spans "ocrx_cinfo" with Tesseract's LSTM choices), each glyph's readings.  Entities are refused, never expanded;
 * opts->max_pages bounds the pages. */
VB_EXPORT int vb_extract_hocr(const char *path, const unsigned char *data, size_t len,
                              const vb_extract_options *opts, vb_source **out);

/* Reads an ALTO file (any version: Page, TextBlock, TextLine, String with
 * HPOS/VPOS/WIDTH/HEIGHT and WC) the same way. */
VB_EXPORT int vb_extract_alto(const char *path, const unsigned char *data, size_t len,
                              const vb_extract_options *opts, vb_source **out);

/* Reads the text layer of a PDF, page by page in reading order: a block per
 * printed line with its page and box (PDF points, top-left origin); the two
 * columns of the form's lines become separate blocks.  Encrypted, damaged
 * and too long PDFs are refused with a clear error. */
VB_EXPORT int vb_extract_pdf(const char *path, const unsigned char *data, size_t len,
                             const vb_extract_options *opts, vb_source **out);

/* What the first bytes say a file is. */
typedef enum {
    VB_SNIFF_TEXT,
    VB_SNIFF_DOCX,      /* a ZIP holding word/document.xml */
    VB_SNIFF_ZIP_OTHER, /* a ZIP that is not a Word document (ODT, XLSX...) */
    VB_SNIFF_OLE2,      /* legacy .doc/.xls */
    VB_SNIFF_PDF,
    VB_SNIFF_RTF,
    VB_SNIFF_HOCR,      /* XHTML/HTML with hOCR classes (ocr_page, ocrx_word) */
    VB_SNIFF_ALTO,      /* XML whose root is <alto> */
    VB_SNIFF_BINARY     /* anything else that is clearly not text */
} vb_sniff_kind;

VB_EXPORT vb_sniff_kind vb_sniff(const unsigned char *data, size_t len);
VB_EXPORT const char *vb_sniff_name(vb_sniff_kind kind);

#endif
