/* HTML renderer — first cut. */
#include "render_internal.h"

int vb_render_html(const vb_doc *doc, const vb_render_options *opts, vb_buf *out) {
    vb_buf_puts(out, "<!DOCTYPE html>\n<html lang=\"vi\"><meta charset=\"utf-8\"><body><pre>");
    vb_buf text = {0};
    vb_render_text(doc, opts, &text);
    for (size_t i = 0; i < text.len; i++) {
        char c = text.data[i];
        if (c == '<') vb_buf_puts(out, "&lt;");
        else if (c == '&') vb_buf_puts(out, "&amp;");
        else vb_buf_putc(out, c);
    }
    vb_buf_free(&text);
    vb_buf_puts(out, "</pre></body></html>\n");
    return VB_OK;
}
