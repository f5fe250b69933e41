/* normalize.h — stage 2: repair the Vietnamese text of a source.
 *
 * This is the one boundary where text is repaired: bytes in any encoding are
 * decoded to UTF-8 (vb_normalize_decode, before the reader), and the runs of
 * every block are rewritten to valid NFC UTF-8 (vb_normalize_source, after
 * it).  Stages after this one may assume clean NFC text.  Every change that is
 * more than a Unicode normal form is counted in the report, and every repaired
 * word keeps its original form in its run (see vb_run.original). */
#ifndef VB_NORMALIZE_H
#define VB_NORMALIZE_H

#include "../extract/extract.h"

typedef enum { VB_TONE_KEEP = 0, VB_TONE_MAJORITY, VB_TONE_OLD, VB_TONE_NEW } vb_tone_style;
/* OFF: no restoration; AUTO: each paragraph as its damage calls for (clean
 * ones left alone); OCR: every word as English-model OCR output (marks lost);
 * STRIP: every mark removed, then restored; CONFUSED: every word as
 * Vietnamese-model OCR output (marks printed, but confused). */
typedef enum {
    VB_DIACRITICS_OFF = 0,
    VB_DIACRITICS_AUTO,
    VB_DIACRITICS_OCR,
    VB_DIACRITICS_STRIP,
    VB_DIACRITICS_CONFUSED
} vb_diacritics_mode;

/* The statistical diacritics model (a language model, an OCR channel and a
 * word table, built by `make model`).  A model is loaded once, never changed
 * after, and shared by threads: vb_normalize_options.model points to it. */
typedef struct vb_dia_model vb_dia_model;

/* Loads a model directory (lm.bin, channel.tsv, words.tsv), or a directory
 * holding those files given by one of them, into *out (NULL on failure).
 * Errors as everywhere (vb_util.h): a status, and the reason, naming the
 * model's file at fault, in diags.  Only the headers are read here; the
 * tables are read when a text first needs them. */
VB_EXPORT int vb_dia_model_load(const char *path_or_dir, vb_dia_model **out, vb_diags *diags);
VB_EXPORT void vb_dia_model_free(vb_dia_model *model);

typedef struct {
    const char *from_encoding;        /* force an input encoding, NULL = detect */
    vb_tone_style tone_style;         /* tone-mark placement policy */
    vb_diacritics_mode diacritics;    /* OCR diacritics restoration */
    double min_confidence;            /* repairs below this are left undone and flagged */
    bool no_confidence;               /* the output shows no confidence (plain text): it is
                                         computed only when min_confidence needs it, else -1 */
    const struct vb_dia_model *model; /* shared, immutable; NULL = no restoration */
    bool layout;                      /* rejoin hard-wrapped lines, drop running heads */
    /* OCR layers (hOCR, ALTO, --ocr): the engine's confidence p in a word
     * (vb_run.word_conf) steers its repair.  A reading that changes the
     * word costs weight x (logit p - logit pivot) more, in natural-log
     * units: a word the engine was unsure of is cheaper to change, one it
     * was sure of dearer.  0 = the tuned defaults (docs/diacritics.md);
     * weight < 0: confidences ignored.  Words without a confidence (every
     * text and Word source) are repaired the same either way. */
    double word_conf_weight;
    double word_conf_pivot;           /* 0..1 */
    /* OCR layers that give each glyph's readings (vb_run.glyphs, Tesseract's
     * LSTM choices), Vietnamese-model OCR only: a reading of the word that
     * spells what the engine also saw at a glyph costs glyph_weight x
     * ln(score printed / score of that reading) per glyph; one that spells a
     * glyph the engine did not see costs glyph_unseen; a reading only the
     * glyphs propose costs glyph_new on top.  0 = the tuned defaults,
     * glyph_weight < 0: the readings are ignored. */
    double glyph_weight;
    double glyph_unseen;
    double glyph_new;
} vb_normalize_options;

/* What was changed, by kind: vb_repair_report in extract.h (it travels with
 * the source).  Kinds are short stable names ("nfc", "invalid-utf8",
 * "control-removed", "line-joined", "running-header-removed"...). */
VB_EXPORT void vb_report_add(vb_repair_report *report, const char *kind, size_t count);
VB_EXPORT size_t vb_report_get(const vb_repair_report *report, const char *kind);

/* Decodes raw bytes to UTF-8.  With from_encoding NULL the encoding is
 * detected (BOM, UTF-8 validity, legacy Vietnamese encodings); the name of the
 * one used is stored in *detected (a static string).  Invalid UTF-8 that is not
 * explained by another encoding is passed through unchanged for the reader to
 * report.  Detected as anything but UTF-16, NUL bytes padding the end are
 * dropped (the caller warns).  Returns VB_OK, or a negative status with the
 * reason in diags (when not NULL; about the list's file, as decoding knows
 * no name). */
VB_EXPORT int vb_normalize_decode(const unsigned char *data, size_t len, const char *from_encoding,
                                  vb_buf *utf8, const char **detected, vb_diags *diags);

/* Rewrites the text of every block of src in place (new strings from its
 * arena) and fills src->report.  Thread-safe for distinct sources. */
VB_EXPORT int vb_normalize_source(vb_source *src, const vb_normalize_options *opts);

/* NFC of one UTF-8 string into out; returns VB_OK or VB_ERR_INTERNAL. */
VB_EXPORT int vb_nfc(const char *utf8, size_t len, vb_buf *out);

/* Puts the tone mark of every oa/oe/uy rhyme of NFC text where style says
 * (VB_TONE_OLD: hòa, VB_TONE_NEW: hoà), appending the result to out.  Returns
 * true when it changed something; out then holds the whole rewritten text,
 * otherwise out is left as it was.  Used wherever two spellings of one word
 * must compare equal (search keys). */
VB_EXPORT bool vb_tone_style_text(const char *text, size_t len, vb_tone_style style, vb_buf *out);

/* Judges the text layer of each page of a source printed on pages (PDF,
 * hOCR, ALTO) by its share of valid Vietnamese syllables and of marked
 * words; poor pages get a warning naming them and how to read them again,
 * and the property "poor-pages". */
VB_EXPORT void vb_judge_page_layers(vb_source *src);

/* The same judgement of one page: the blocks from first on that lie on page
 * (paragraphs; a page of fewer than 20 words is never poor).  The PDF reader
 * asks it which pages to read again with --ocr. */
VB_EXPORT bool vb_page_layer_poor(const vb_block *first, int page);

#endif
