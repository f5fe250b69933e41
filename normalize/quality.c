/* The quality of a page's text layer (PDF, hOCR, ALTO): OCR engines without
 * Vietnamese lose the marks or cut the words, and such a layer is worth
 * reading again rather than repairing.  Each page is judged by the share of
 * its words that are valid Vietnamese syllables and the share that carry a
 * mark; the poor pages are named in one warning with the way to a better
 * layer, and in the property "poor-pages". */
#include "normalize.h"
#include "syllable.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    size_t words, valid, marked;
} S_page;

static bool S_letter_byte(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

static void S_count(S_page *p, const char *s, size_t n) {
    size_t i = 0;
    while (i < n) {
        while (i < n && !S_letter_byte((unsigned char)s[i]) && !(s[i] >= '0' && s[i] <= '9')) i++;
        size_t a = i;
        bool digit = false, mark = false;
        while (i < n && (S_letter_byte((unsigned char)s[i]) || (s[i] >= '0' && s[i] <= '9'))) {
            if (s[i] >= '0' && s[i] <= '9') digit = true;
            if ((unsigned char)s[i] >= 0x80) mark = true;
            i++;
        }
        if (i == a || digit || i - a > VB_SYL_MAX_BYTES) continue;
        p->words++;
        if (mark) p->marked++;
        if (vb_syl_is_valid(s + a, i - a)) p->valid++;
    }
}

/* Vietnamese prose: nine words in ten are syllables, most carry a mark.
 * (A page of fewer than 20 words is not judged.) */
static bool S_poor(const S_page *q, unsigned *valid, unsigned *marked) {
    if (q->words < 20) return false;
    *valid = (unsigned)(q->valid * 100 / q->words);
    *marked = (unsigned)(q->marked * 100 / q->words);
    return !(*valid >= 75 && *marked >= 20);
}

bool vb_page_layer_poor(const vb_block *first, int page) {
    S_page q = {0};
    vb_arena *scratch = vb_arena_new();
    for (const vb_block *b = first; b; b = b->next) {
        if (b->page != page || b->kind != VB_BLOCK_PARAGRAPH) continue;
        size_t n;
        const char *s = vb_block_text_in(scratch, b, &n);
        S_count(&q, s, n);
    }
    vb_arena_free(scratch);
    unsigned valid, marked;
    return S_poor(&q, &valid, &marked);
}

void vb_judge_page_layers(vb_source *src) {
    int last = 0;
    for (const vb_block *b = src->first; b; b = b->next)
        if (b->page > last) last = b->page;
    if (last <= 0) return;
    S_page *pages = calloc((size_t)last + 1, sizeof *pages);
    if (!pages) abort();
    vb_arena *scratch = vb_arena_new();
    for (const vb_block *b = src->first; b; b = b->next) {
        if (b->page <= 0 || b->kind != VB_BLOCK_PARAGRAPH) continue;
        size_t n;
        const char *s = vb_block_text_in(scratch, b, &n);
        S_count(&pages[b->page], s, n);
    }
    vb_arena_free(scratch);
    vb_buf list = {0}, detail = {0};
    size_t poor = 0;
    for (int p = 1; p <= last; p++) {
        unsigned valid, marked;
        if (!S_poor(&pages[p], &valid, &marked)) continue;
        if (poor++ < 8)
            vb_buf_printf(&detail, "%spage %d (%u %% valid syllables, %u %% with marks)", poor > 1 ? ", " : "", p,
                          valid, marked);
        vb_buf_printf(&list, "%s%d", list.len ? "," : "", p);
    }
    free(pages);
    if (poor) {
        vb_diag_add(&src->diags, VB_WARNING, 0, 0, -1, "poor-text-layer",
                    "%zu page%s with a poor text layer: %s%s; read %s again with Tesseract's "
                    "Vietnamese model: %s'ocrmypdf -l vie --force-ocr IN.pdf OUT.pdf'",
                    poor, poor > 1 ? "s" : "", detail.data, poor > 8 ? ", ..." : "", poor > 1 ? "them" : "it",
                    strcmp(src->format, "pdf") == 0 ? "convert with --ocr, or " : "e.g. ");
        vb_prop *pr = vb_arena_alloc(src->arena, sizeof *pr);
        pr->key = "poor-pages";
        pr->value = vb_arena_strndup(src->arena, list.data, list.len);
        pr->next = NULL;
        vb_prop **tail = &src->props;
        while (*tail) tail = &(*tail)->next;
        *tail = pr;
    }
    vb_buf_free(&list);
    vb_buf_free(&detail);
}
