/* diacritics.h — restore the Vietnamese diacritics an OCR model destroyed.
 *
 * A noisy-channel decoder: every word of the damaged text gets candidate
 * syllables from the inventory (those the language model knows), scored by
 * the OCR channel (channel.h: what the OCR prints for each letter); a beam
 * search over the syllable trigram model (lm.h) picks the sentence.  Words
 * that are not syllables (numbers, document codes, foreign words) pass
 * through, or are repaired as what they are (QD -> QĐ).  Case comes from the
 * OCR text.  Every change keeps where it came from and a confidence.
 *
 * A model is loaded once, never changed after, and shared by threads. */
#ifndef VB_DIACRITICS_H
#define VB_DIACRITICS_H

#include "../extract/extract.h"
#include "normalize.h"

/* vb_dia_model, vb_dia_model_load and vb_dia_model_free are public:
 * normalize.h declares them. */

typedef struct {
    size_t out_start, out_len; /* bytes of the result text */
    size_t in_start, in_len;   /* bytes of the input text */
    float confidence;          /* probability the model gives its repair (0..1; -1 when
                                  the caller asked for none) */
    bool below_threshold;      /* repair left undone (text kept as it was) */
    vb_repair_kind kind;       /* VB_REPAIR_DIACRITICS or VB_REPAIR_CODE */
} vb_dia_change;

typedef struct {
    char *text; /* malloc'd, NUL-terminated */
    size_t len;
    vb_dia_change *changes;
    size_t nchanges;
    bool paragraph_was_damaged; /* auto mode found the text damaged (always true in ocr/strip) */
} vb_dia_result;

/* What auto mode concludes about a paragraph from its words. */
typedef enum { VB_DIA_CLEAN = 0, VB_DIA_DAMAGED, VB_DIA_UNSURE } vb_dia_verdict;

typedef struct {
    size_t words;    /* words of two letters or more */
    size_t marked;   /* ... that are syllables carrying a diacritic */
    size_t invalid;  /* ... lower-case or with digits, and not syllables */
    size_t native;   /* ... syllables with a letter outside Latin-1 (ơ, ư, đ, ạ, ế):
                        English OCR never prints one */
    size_t confused; /* words whose marks a Vietnamese OCR model confused: marked but no
                        syllable ("quyét", "Đêề"), or a capital inside a word of small
                        letters that carries marks ("vỊ", "trONĐ") */
} vb_dia_evidence;

/* True when the model has a channel for Vietnamese-model OCR (confused mode). */
bool vb_dia_model_has_confused(const vb_dia_model *model);
/* A document whose marks a Vietnamese OCR model confused: at least two
 * words, and one in 200, show it (ev->confused: words no syllable spells,
 * or as many as the confused decoder would change, whichever is more). */
bool vb_dia_doc_confused(const vb_dia_evidence *ev);

/* Counts the evidence of damage in a paragraph and judges it. */
vb_dia_verdict vb_dia_judge(const char *utf8, size_t len, vb_dia_evidence *ev);
/* The judgement of evidence counted over any stretch of text. */
vb_dia_verdict vb_dia_verdict_of(const vb_dia_evidence *ev);

/* Restores the diacritics of utf8 (one or more paragraphs).  mode AUTO
 * repairs only paragraphs judged damaged (with assume_damaged, also those
 * it is unsure of); OCR repairs everything; STRIP removes every mark first
 * and restores them all; OFF copies.  Repairs with a confidence below
 * min_confidence are listed but left undone.  Returns VB_OK or a status with
 * a message in err; the result must be freed. */
int vb_dia_restore(const vb_dia_model *model, const char *utf8, size_t len,
                   vb_diacritics_mode mode, double min_confidence, vb_dia_result *res,
                   char *err, size_t errlen);
/* Readings of the words seen so far: reused across the paragraphs of one
 * document (one per thread; the model itself stays shared and unchanged). */
typedef struct vb_dia_cache vb_dia_cache;
vb_dia_cache *vb_dia_cache_new(void);
void vb_dia_cache_free(vb_dia_cache *cache);
/* The document is a worn copy read by a Vietnamese OCR model: in confused
 * mode, a word's own reading is weaker evidence (restore.c decides). */
void vb_dia_cache_set_worn(vb_dia_cache *cache, bool worn);

/* The OCR engine's confidence in words of the text decoded next with this
 * cache: byte spans of that text, sorted by start, conf 0..1.  Changing a
 * word then costs weight x (logit conf - logit pivot) more (weight and
 * pivot as in vb_normalize_options: 0 = the defaults, weight < 0 = none).
 * The spans are borrowed until the next call; n = 0 forgets them. */
typedef struct {
    size_t start, len;
    float conf;
    const vb_glyphs *glyphs; /* the engine's readings of each glyph of the span, or NULL */
} vb_dia_word_conf;
void vb_dia_cache_set_word_confs(vb_dia_cache *cache, const vb_dia_word_conf *words, size_t n,
                                 double weight, double pivot);
/* How the glyph readings of those spans weigh (vb_normalize_options.glyph_*). */
void vb_dia_cache_set_glyph_costs(vb_dia_cache *cache, double weight, double unseen, double added);

/* As vb_dia_restore, with a cache of the document's words (above);
 * with confidence false, the confidence of the model's repairs is not
 * computed (it costs about a fifth of the time) and is set to -1, and
 * min_confidence leaves nothing undone: for a caller that reads no
 * confidence, such as plain text out. */
int vb_dia_restore_ex(const vb_dia_model *model, const char *utf8, size_t len,
                      vb_diacritics_mode mode, bool assume_damaged, double min_confidence,
                      bool confidence, vb_dia_cache *cache, vb_dia_result *res, char *err, size_t errlen);
void vb_dia_result_free(vb_dia_result *res);

/* Restores the text runs of every paragraph, note and table cell of src
 * (normalize/restore.c): each changed word becomes its own run carrying its
 * OCR form and confidence. */
int vb_restore_diacritics(vb_source *src, const vb_normalize_options *opts);

#endif
