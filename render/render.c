/* Format selection and dispatch to the renderers. */
#include "render.h"
#include "render_internal.h"

#include <string.h>

void vb_render_options_default(vb_render_options *o) {
    memset(o, 0, sizeof *o);
    o->standalone = true;
    o->with_lines = true;
    o->low_confidence = 0.9;
}

bool vb_format_parse(const char *name, vb_format *f) {
    if (strcmp(name, "xml") == 0) *f = VB_FORMAT_XML;
    else if (strcmp(name, "html") == 0) *f = VB_FORMAT_HTML;
    else if (strcmp(name, "txt") == 0 || strcmp(name, "text") == 0) *f = VB_FORMAT_TEXT;
    else return false;
    return true;
}

const char *vb_format_extension(vb_format f) {
    return f == VB_FORMAT_XML ? "xml" : f == VB_FORMAT_HTML ? "html" : "txt";
}

int vb_render(const vb_doc *doc, vb_format f, const vb_render_options *opts, vb_buf *out) {
    vb_render_options def;
    if (!opts) {
        vb_render_options_default(&def);
        opts = &def;
    }
    switch (f) {
    case VB_FORMAT_XML: return vb_render_xml(doc, opts, out);
    case VB_FORMAT_HTML: return vb_render_html(doc, opts, out);
    case VB_FORMAT_TEXT: return vb_render_text(doc, opts, out);
    }
    return VB_ERR_USAGE;
}
