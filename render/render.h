/* render.h — stage 4: write a document tree as XML, HTML or plain text.
 *
 * Renderers only walk the tree (vb_iter) and escape; they never parse text.
 * A node type a renderer does not know is a bug that fails loudly. */
#ifndef VB_RENDER_H
#define VB_RENDER_H

#include "../model/model.h"

typedef enum { VB_FORMAT_XML, VB_FORMAT_HTML, VB_FORMAT_TEXT } vb_format;

typedef struct {
    bool standalone;      /* HTML: full page with embedded CSS (default true) */
    bool with_lines;      /* XML: line="N" attributes (default true) */
    double low_confidence; /* HTML: highlight repairs below this confidence */
    /* When set, the output goes to sink in pieces while it is made and `out`
     * keeps only a short tail, so a large document is never held whole in
     * memory.  sink returns 0, or -1 after a write error (which it reports;
     * the rest of the output is then dropped). */
    int (*sink)(void *ctx, const char *data, size_t len);
    void *sink_ctx;
} vb_render_options;

VB_EXPORT void vb_render_options_default(vb_render_options *opts);
/* Appends the rendering of doc to out (or hands it to opts->sink). */
VB_EXPORT int vb_render(const vb_doc *doc, vb_format format, const vb_render_options *opts, vb_buf *out);
/* "xml" / "html" / "txt" → format; returns false if unknown. */
VB_EXPORT bool vb_format_parse(const char *name, vb_format *format);
VB_EXPORT const char *vb_format_extension(vb_format format);

#endif
