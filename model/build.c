/* Tree building — first cut: every block in order under the body.  The real
 * builder (header, numbering hierarchy, appendices, closing) replaces this. */
#include "model.h"

#include <string.h>

static void S_add_inlines(vb_doc *doc, vb_node *parent, const vb_run *runs) {
    for (const vb_run *r = runs; r; r = r->next) {
        vb_node *n;
        if (r->kind == VB_RUN_BREAK) n = vb_node_new(doc, VB_NODE_LINEBREAK, 0);
        else if (r->kind == VB_RUN_NOTE_REF) {
            n = vb_node_new(doc, VB_NODE_NOTE_REF, 0);
            n->as.note.label = r->note_id;
        } else {
            n = vb_node_new(doc, VB_NODE_TEXT, 0);
            n->text = r->text;
            n->len = r->len;
        }
        vb_node_append(parent, n);
    }
}

int vb_model_build(vb_source *src, const vb_model_options *opts, vb_doc **out) {
    vb_doc *doc = vb_arena_alloc(src->arena, sizeof *doc);
    doc->arena = src->arena;
    doc->source = src;
    doc->root = vb_node_new(doc, VB_NODE_DOCUMENT, 0);
    vb_node *body = vb_node_new(doc, VB_NODE_BODY, 0);
    vb_node_append(doc->root, body);
    for (const vb_block *b = src->first; b; b = b->next) {
        if (b->kind == VB_BLOCK_PARAGRAPH) {
            vb_node *p = vb_node_new(doc, VB_NODE_PARAGRAPH, b->line);
            S_add_inlines(doc, p, b->runs);
            vb_node_append(body, p);
        } else if (b->kind == VB_BLOCK_NOTE) {
            vb_node *f = vb_node_new(doc, VB_NODE_FOOTNOTE, b->line);
            f->as.note.label = b->note_id;
            vb_node *p = vb_node_new(doc, VB_NODE_PARAGRAPH, b->line);
            S_add_inlines(doc, p, b->runs);
            vb_node_append(f, p);
            vb_node_append(doc->root, f);
        } else if (b->kind == VB_BLOCK_TABLE) {
            vb_node *t = vb_node_new(doc, VB_NODE_TABLE, b->line);
            for (size_t i = 0; i < b->nrows; i++) {
                vb_node *row = vb_node_new(doc, VB_NODE_ROW, b->rows[i].line);
                for (size_t c = 0; c < b->rows[i].ncells; c++) {
                    vb_node *cell = vb_node_new(doc, VB_NODE_CELL, b->rows[i].cells[c].line);
                    for (const vb_block *cb = b->rows[i].cells[c].content; cb; cb = cb->next) {
                        vb_node *p = vb_node_new(doc, VB_NODE_PARAGRAPH, cb->line);
                        S_add_inlines(doc, p, cb->runs);
                        vb_node_append(cell, p);
                    }
                    vb_node_append(row, cell);
                }
                vb_node_append(t, row);
            }
            vb_node_append(body, t);
        }
    }
    *out = doc;
    return VB_OK;
}

void vb_doc_free(vb_doc *doc) {
    if (doc) vb_source_free(doc->source);
}
