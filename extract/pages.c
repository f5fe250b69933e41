/* The printed pages of PDF text layers and OCR files, as blocks (pages.h). */
#include "pages.h"

#include <stdlib.h>
#include <string.h>

void vb_pager_init(vb_pager *pg, vb_source *src, const vb_extract_options *opts) {
    memset(pg, 0, sizeof *pg);
    pg->src = src;
    pg->max_pages = opts && opts->max_pages ? opts->max_pages : VB_DEFAULT_MAX_PAGES;
    pg->par_start = true;
}

bool vb_pager_page(vb_pager *pg) {
    if ((size_t)pg->page >= pg->max_pages) {
        vb_diag_add(&pg->src->diags, VB_ERROR, 0, 0, -1, "too-many-pages",
                    "more than %zu pages: refused (the limit keeps a batch from stalling on one "
                    "file; --max-pages N raises it)",
                    pg->max_pages);
        return false;
    }
    pg->page++;
    pg->page_start = pg->page > 1;
    pg->par_start = true;
    pg->page_has_line = false;
    return true;
}

vb_block *vb_pager_line(vb_pager *pg, float x0, float y0, float x1, float y1) {
    pg->before = pg->src->last;
    vb_block *b = vb_source_add_block(pg->src, VB_BLOCK_PARAGRAPH, ++pg->line);
    b->page = pg->page;
    b->box[0] = x0;
    b->box[1] = y0;
    b->box[2] = x1;
    b->box[3] = y1;
    if (!pg->par_start) b->flags |= VB_BLOCK_NO_BLANK_BEFORE;
    if (pg->page_start) b->flags |= VB_BLOCK_FORM_FEED;
    return b;
}

void vb_pager_word(vb_pager *pg, vb_block *b, const char *text, size_t len, int conf) {
    vb_pager_word_at(pg, b, text, len, conf, NULL);
}

vb_run *vb_pager_word_at(vb_pager *pg, vb_block *b, const char *text, size_t len, int conf,
                         const float *box) {
    while (len && (*text == ' ' || *text == '\t' || *text == '\n' || *text == '\r')) text++, len--;
    while (len && (text[len - 1] == ' ' || text[len - 1] == '\t' || text[len - 1] == '\n' ||
                   text[len - 1] == '\r'))
        len--;
    if (!len) return NULL;
    if (b->runs) vb_block_add_run(pg->src, b, VB_RUN_TEXT, " ", 1, 0);
    vb_run *r = vb_block_add_run(pg->src, b, VB_RUN_TEXT, text, len, 0);
    if (conf >= 0) r->word_conf = (uint8_t)(1 + (conf > 100 ? 100 : conf));
    if (box && pg->page > 0) {
        vb_word_pos *p = vb_arena_alloc(pg->src->arena, sizeof *p);
        p->page = pg->page;
        memcpy(p->box, box, sizeof p->box);
        r->word_pos = p;
    }
    /* the flags of a page's first line wait for a line with words */
    pg->page_start = false;
    pg->par_start = false;
    pg->page_has_line = true;
    return r;
}

void vb_pager_wordlist_add(vb_pager_wordlist *l, vb_arena *a, const char *text, int conf,
                           const float *box, const vb_glyphs *glyphs) {
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 32;
        l->w = realloc(l->w, l->cap * sizeof *l->w);
        if (!l->w) abort();
    }
    vb_pager_wordbox *w = &l->w[l->n++];
    w->text = vb_arena_strdup(a, text);
    w->len = strlen(text);
    w->conf = conf;
    w->has_box = box != NULL;
    if (box) memcpy(w->box, box, sizeof w->box);
    w->glyphs = glyphs;
}

void vb_pager_drop_empty(vb_pager *pg, vb_block *b) {
    vb_source *src = pg->src;
    if (b->runs || src->last != b) return;
    vb_block *prev = pg->before;
    if (prev) prev->next = NULL;
    else src->first = b->next;
    src->last = prev;
    pg->line--;
    /* the empty line's flags go to the next one */
    if (b->flags & VB_BLOCK_FORM_FEED) pg->page_start = true;
    if (!(b->flags & VB_BLOCK_NO_BLANK_BEFORE)) pg->par_start = true;
}

void vb_pager_words(vb_pager *pg, const vb_pager_wordbox *w, size_t n, const float line_box[4]) {
    float height = line_box[3] - line_box[1];
    size_t from = 0;
    bool split = false;
    while (from < n) {
        size_t to = from + 1;
        while (to < n && !(height > 0 && w[to].has_box && w[to - 1].has_box &&
                           w[to].box[0] - w[to - 1].box[2] > 2.5f * height))
            to++;
        if (to < n) split = true;
        float box[4];
        if (split) { /* the part's own box */
            bool any = false;
            for (size_t k = from; k < to; k++) {
                if (!w[k].has_box) continue;
                if (!any) memcpy(box, w[k].box, sizeof box);
                if (w[k].box[0] < box[0]) box[0] = w[k].box[0];
                if (w[k].box[1] < box[1]) box[1] = w[k].box[1];
                if (w[k].box[2] > box[2]) box[2] = w[k].box[2];
                if (w[k].box[3] > box[3]) box[3] = w[k].box[3];
                any = true;
            }
            if (!any) memcpy(box, line_box, sizeof box);
            pg->par_start = true;
        } else {
            memcpy(box, line_box, sizeof box);
        }
        vb_block *b = vb_pager_line(pg, box[0], box[1], box[2], box[3]);
        for (size_t k = from; k < to; k++) {
            vb_run *r = vb_pager_word_at(pg, b, w[k].text, w[k].len, w[k].conf,
                                         w[k].has_box ? w[k].box : NULL);
            if (r && w[k].glyphs && r->len == w[k].len) r->glyphs = w[k].glyphs; /* not trimmed */
        }
        vb_pager_drop_empty(pg, b);
        from = to;
    }
    /* the line after a line of two parts starts a paragraph */
    if (split) pg->par_start = true;
}

uint32_t vb_glyph_cp(const char *s) {
    const unsigned char *p = (const unsigned char *)s;
    size_t len = strlen(s);
    while (len && (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')) p++, len--;
    while (len && (p[len - 1] == ' ' || p[len - 1] == '\n' || p[len - 1] == '\t' || p[len - 1] == '\r'))
        len--;
    uint32_t cp;
    int k = len ? vb_utf8_decode(p, len, &cp) : 0;
    return k > 0 && (size_t)k == len ? cp : 0;
}

void vb_glyph_start(vb_glyph *g, uint32_t cp, float score) {
    memset(g, 0, sizeof *g);
    g->cp[0] = cp;
    g->score[0] = score > 0 ? (score < 1 ? score : 1) : 0; /* (NaN too is 0) */
    g->n = 1;
}

void vb_glyph_reading(vb_glyph *g, uint32_t cp, float score) {
    if (!cp || !(score > 0)) return;
    if (score > 1) score = 1;
    if (cp == g->cp[0]) {
        g->score[0] = score;
        return;
    }
    /* a reading met again (hOCR of lstm_choice_mode 1 gives them per
     * timestep): once, at its best score */
    size_t had = 1;
    while (had < g->n && g->cp[had] != cp) had++;
    if (had < g->n) {
        if (score <= g->score[had]) return;
        memmove(&g->cp[had], &g->cp[had + 1], (g->n - had - 1) * sizeof g->cp[0]);
        memmove(&g->score[had], &g->score[had + 1], (g->n - had - 1) * sizeof g->score[0]);
        g->n--;
    }
    /* after the printed one, best first; a tie goes after the readings
     * given before it */
    size_t at = g->n;
    while (at > 1 && g->score[at - 1] < score) at--;
    if (at >= VB_GLYPH_READINGS) return;
    size_t last = g->n < VB_GLYPH_READINGS ? g->n : VB_GLYPH_READINGS - 1;
    memmove(&g->cp[at + 1], &g->cp[at], (last - at) * sizeof g->cp[0]);
    memmove(&g->score[at + 1], &g->score[at], (last - at) * sizeof g->score[0]);
    g->cp[at] = cp;
    g->score[at] = score;
    if (g->n < VB_GLYPH_READINGS) g->n++;
}

const vb_glyphs *vb_glyphs_keep(vb_arena *a, const vb_glyph *g, size_t n) {
    bool readings = false;
    for (size_t k = 0; k < n; k++) readings |= g[k].n > 1;
    if (!readings) return NULL;
    vb_glyph *copy = vb_arena_alloc(a, n * sizeof *copy);
    memcpy(copy, g, n * sizeof *copy);
    vb_glyphs *gs = vb_arena_alloc(a, sizeof *gs);
    gs->glyph = copy;
    gs->n = (uint32_t)n;
    return gs;
}
