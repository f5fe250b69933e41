/* Shared by the renderers of this stage only. */
#ifndef VB_RENDER_INTERNAL_H
#define VB_RENDER_INTERNAL_H

#include "render.h"

#include <stdio.h>

int vb_render_xml(const vb_doc *doc, const vb_render_options *opts, vb_buf *out);
int vb_render_html(const vb_doc *doc, const vb_render_options *opts, vb_buf *out);
int vb_render_text(const vb_doc *doc, const vb_render_options *opts, vb_buf *out);
int vb_render_ead(const vb_doc *doc, const vb_render_options *opts, vb_buf *out);
int vb_render_akn(const vb_doc *doc, const vb_render_options *opts, vb_buf *out);
int vb_render_dc(const vb_doc *doc, const vb_render_options *opts, vb_buf *out);

/* Escapes text for XML and HTML (both element content and, with in_attr,
 * attribute values).  Characters XML 1.0 cannot carry (C0 controls other than
 * tab and newline) become U+FFFD; normalize removes them before, so this only
 * guards the output. */
void vb_render_escape_xml(vb_buf *out, const char *s, size_t len, bool in_attr);

/* With a sink: passes what out holds beyond a short tail (renderers look
 * back a few bytes) to the sink once it exceeds a chunk; the renderers call
 * it between tree events. */
void vb_render_drain(vb_buf *out, const vb_render_options *opts, bool final);

/* Writes the value of header field f escaped, each of its repaired words
 * between open(out, r, ctx) and close: the markup of a repair is each
 * renderer's own, the walk over the field's repairs is shared. */
typedef void (*vb_render_repair_open)(vb_buf *out, const vb_field_repair *r, const void *ctx);
void vb_render_field_text(vb_buf *out, const vb_field *f, vb_render_repair_open open,
                          const char *close, const void *ctx);

/* The ISO form of the header date: "2024-08-20", "2023-05", "2023" or "". */
void vb_render_iso_date(const vb_meta *meta, char *iso, size_t cap);

#endif
