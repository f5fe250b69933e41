/* pages.h — what the readers of printed pages share (PDF text layers, hOCR,
 * ALTO): a block per printed line, numbered in reading order, with its page
 * and box; a run per word with the OCR engine's confidence; the page limit.
 * (Internal to extract/.) */
#ifndef VB_EXTRACT_PAGES_H
#define VB_EXTRACT_PAGES_H

#include "extract.h"

/* No source is read past this many pages unless the options say otherwise. */
#define VB_DEFAULT_MAX_PAGES 2000

typedef struct {
    vb_source *src;
    int page;        /* the page being read, 1-based (0 before the first) */
    int line;        /* printed lines so far: the line numbers of the blocks */
    bool page_start; /* the next line is the first of its page */
    bool par_start;  /* the next line starts a paragraph (a blank line before it) */
    bool page_has_line;
    vb_block *before; /* the last block before the line being read */
    size_t max_pages;
} vb_pager;

void vb_pager_init(vb_pager *pg, vb_source *src, const vb_extract_options *opts);
/* Starts the next page; false (with an error in src->diags) past the page
 * limit. */
bool vb_pager_page(vb_pager *pg);
/* A block for the next printed line, with its box. */
vb_block *vb_pager_line(vb_pager *pg, float x0, float y0, float x1, float y1);
/* Appends a word to the line (a blank before every word but the first);
 * conf is the engine's confidence in percent, or -1 when it gives none. */
void vb_pager_word(vb_pager *pg, vb_block *b, const char *text, size_t len, int conf);
/* The same with the word's box (NULL when the source gives none), kept on
 * the run with the page; returns the word's run (NULL for a blank word). */
vb_run *vb_pager_word_at(vb_pager *pg, vb_block *b, const char *text, size_t len, int conf,
                         const float *box);
/* The words of one printed line, with their boxes (has_box false when the
 * source gives none): emitted as one block, or as one block per part where
 * two words lie far apart (the two columns of the form on one line). */
typedef struct {
    const char *text;
    size_t len;
    int conf;
    float box[4];
    bool has_box;
    const vb_glyphs *glyphs; /* the engine's readings of each glyph, or NULL */
} vb_pager_wordbox;
void vb_pager_words(vb_pager *pg, const vb_pager_wordbox *w, size_t n, const float line_box[4]);
/* The words of a line as an OCR reader gathers them (the array grows as
 * needed; free(l->w) when done).  Adds a word: its text copied into the
 * arena, box NULL when the source gives none, glyphs NULL or kept. */
typedef struct {
    vb_pager_wordbox *w;
    size_t n, cap;
} vb_pager_wordlist;
void vb_pager_wordlist_add(vb_pager_wordlist *l, vb_arena *a, const char *text, int conf,
                           const float *box, const vb_glyphs *glyphs);
/* Drops a line that got no word (an empty line of an OCR layer). */
void vb_pager_drop_empty(vb_pager *pg, vb_block *b);

/* ---- the glyphs of an OCR word (Tesseract's LSTM choices, from hOCR or
 * from the engine's API): glyph k is code point k of the word's text ---- */
enum { VB_PAGER_MAX_GLYPHS = 64 }; /* a longer word keeps none */
/* The one code point of s once blanks are trimmed off its ends, else 0. */
uint32_t vb_glyph_cp(const char *s);
/* Starts a glyph: the code point the engine printed, with its score (0..1;
 * 0 when the engine gives none). */
void vb_glyph_start(vb_glyph *g, uint32_t cp, float score);
/* One of the engine's readings of the glyph with its score (0..1): that of
 * the printed code point replaces its score (the same scale as the others);
 * another is kept best first after the printed one, at most
 * VB_GLYPH_READINGS in all (the weakest goes); a score of 0 is dropped. */
void vb_glyph_reading(vb_glyph *g, uint32_t cp, float score);
/* The n glyphs of a word copied into the arena, or NULL when no glyph has a
 * reading besides the printed one (nothing a repair could weigh). */
const vb_glyphs *vb_glyphs_keep(vb_arena *a, const vb_glyph *g, size_t n);

#endif
