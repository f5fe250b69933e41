/* XML renderer — first cut: element per node, escaped text. */
#include "render_internal.h"

static void S_escape(vb_buf *b, const char *s, size_t len) {
    for (size_t i = 0; i < len; i++) {
        switch (s[i]) {
        case '<': vb_buf_puts(b, "&lt;"); break;
        case '>': vb_buf_puts(b, "&gt;"); break;
        case '&': vb_buf_puts(b, "&amp;"); break;
        case '"': vb_buf_puts(b, "&quot;"); break;
        default: vb_buf_putc(b, s[i]);
        }
    }
}

int vb_render_xml(const vb_doc *doc, const vb_render_options *opts, vb_buf *out) {
    vb_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    vb_iter it;
    vb_iter_init(&it, doc->root);
    vb_event ev;
    while ((ev = vb_iter_next(&it)) != VB_EVENT_DONE) {
        const vb_node *n = vb_iter_node(&it);
        if (n->type == VB_NODE_TEXT) {
            S_escape(out, n->text, n->len);
            continue;
        }
        if (ev == VB_EVENT_ENTER) vb_buf_printf(out, "<%s>", vb_node_type_name(n->type));
        if (ev == VB_EVENT_EXIT || n->type == VB_NODE_LINEBREAK || n->type == VB_NODE_NOTE_REF)
            vb_buf_printf(out, "</%s>", vb_node_type_name(n->type));
    }
    vb_buf_putc(out, '\n');
    return VB_OK;
}
