/* Plain-text renderer — first cut: the text of every block, one per line. */
#include "render_internal.h"

int vb_render_text(const vb_doc *doc, const vb_render_options *opts, vb_buf *out) {
    vb_iter it;
    vb_iter_init(&it, doc->root);
    vb_event ev;
    while ((ev = vb_iter_next(&it)) != VB_EVENT_DONE) {
        const vb_node *n = vb_iter_node(&it);
        if (ev == VB_EVENT_ENTER && n->type == VB_NODE_TEXT) vb_buf_append(out, n->text, n->len);
        if (ev == VB_EVENT_EXIT && (n->type == VB_NODE_PARAGRAPH || n->type == VB_NODE_HEADING))
            vb_buf_putc(out, '\n');
        if (ev == VB_EVENT_EXIT && n->type == VB_NODE_CELL) vb_buf_putc(out, '\t');
    }
    return VB_OK;
}
