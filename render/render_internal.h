/* Shared by the renderers of this stage only. */
#ifndef VB_RENDER_INTERNAL_H
#define VB_RENDER_INTERNAL_H

#include "render.h"

int vb_render_xml(const vb_doc *doc, const vb_render_options *opts, vb_buf *out);
int vb_render_html(const vb_doc *doc, const vb_render_options *opts, vb_buf *out);
int vb_render_text(const vb_doc *doc, const vb_render_options *opts, vb_buf *out);

#endif
