/* Page and box by source line, for the sources that print on pages (PDF,
 * hOCR, ALTO): read from the blocks before the tree is built, so that every
 * node, whatever pass made it, finds where its line was printed. */
#include "build_internal.h"

#include <string.h>

void vb_doc_collect_positions(vb_doc *doc) {
    const vb_source *src = doc->source;
    int last = 0;
    bool any = false;
    for (const vb_block *b = src->first; b; b = b->next) {
        if (b->line_end > last) last = b->line_end;
        if (b->line > last) last = b->line;
        if (b->page > 0) any = true;
    }
    if (!any || last <= 0) return;
    size_t n = (size_t)last + 1;
    vb_position *pos = vb_arena_alloc(doc->arena, n * sizeof *pos);
    memset(pos, 0, n * sizeof *pos);
    for (const vb_block *b = src->first; b; b = b->next)
        if (b->page > 0 && b->line > 0) {
            vb_position *p = &pos[b->line];
            p->page = b->page;
            memcpy(p->box, b->box, sizeof p->box);
            /* the lines joined into the block are where the block is */
            for (int l = b->line + 1; l <= b->line_end && l < last + 1; l++)
                if (!pos[l].page) pos[l] = *p;
        }
    doc->positions = pos;
    doc->npositions = n;
}

const vb_position *vb_doc_position(const vb_doc *doc, int line) {
    if (!doc->positions || line <= 0 || (size_t)line >= doc->npositions) return NULL;
    const vb_position *p = &doc->positions[line];
    return p->page > 0 ? p : NULL;
}
