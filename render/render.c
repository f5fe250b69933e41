/* Format selection and dispatch to the renderers. */
#include "render.h"
#include "render_internal.h"

#include <stdio.h>
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

#define DRAIN_CHUNK ((size_t)64 << 10)
#define DRAIN_KEEP 16 /* the renderers look back at most this far */

void vb_render_drain(vb_buf *out, const vb_render_options *o, bool final) {
    if (!o->sink || !out->len) return;
    if (!final && out->len < DRAIN_CHUNK) return;
    size_t n = final ? out->len : out->len - DRAIN_KEEP;
    if (o->sink(o->sink_ctx, out->data, n) != 0) {
        /* the sink reported its error; keep memory bounded all the same */
    }
    memmove(out->data, out->data + n, out->len - n);
    out->len -= n;
    out->data[out->len] = '\0';
}

int vb_render(const vb_doc *doc, vb_format f, const vb_render_options *opts, vb_buf *out) {
    vb_render_options def;
    if (!opts) {
        vb_render_options_default(&def);
        opts = &def;
    }
    int st = VB_ERR_USAGE;
    switch (f) {
    case VB_FORMAT_XML: st = vb_render_xml(doc, opts, out); break;
    case VB_FORMAT_HTML: st = vb_render_html(doc, opts, out); break;
    case VB_FORMAT_TEXT: st = vb_render_text(doc, opts, out); break;
    }
    vb_render_drain(out, opts, true);
    return st;
}

void vb_render_field_text(vb_buf *out, const vb_field *f, vb_render_repair_open open,
                          const char *close, const void *ctx) {
    size_t at = 0, n = strlen(f->value);
    for (const vb_field_repair *r = f->repairs; r; r = r->next) {
        if (r->start < at || r->len > n - r->start) continue;
        vb_render_escape_xml(out, f->value + at, r->start - at, false);
        open(out, r, ctx);
        vb_render_escape_xml(out, f->value + r->start, r->len, false);
        vb_buf_puts(out, close);
        at = r->start + r->len;
    }
    vb_render_escape_xml(out, f->value + at, n - at, false);
}

void vb_render_escape_xml(vb_buf *out, const char *s, size_t len, bool in_attr) {
    size_t plain = 0; /* start of the run of bytes that need no escaping */
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *rep = NULL;
        switch (c) {
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '&': rep = "&amp;"; break;
        case '"': rep = in_attr ? "&quot;" : NULL; break;
        case '\n': rep = in_attr ? "&#10;" : NULL; break;
        case '\t': rep = in_attr ? "&#9;" : NULL; break;
        default:
            if (c < 0x20) rep = "\xEF\xBF\xBD";
        }
        size_t k = 1;
        if (c >= 0x80) {
            /* XML has no place for bytes that are not UTF-8 (a file name
             * can hold any) nor for U+FFFE and U+FFFF: each becomes U+FFFD */
            uint32_t cp;
            int n = vb_utf8_decode((const unsigned char *)s + i, len - i, &cp);
            if (n && cp != 0xFFFE && cp != 0xFFFF) {
                i += (size_t)n - 1;
                continue;
            }
            rep = "\xEF\xBF\xBD";
            k = n ? (size_t)n : 1;
        }
        if (!rep) continue;
        vb_buf_append(out, s + plain, i - plain);
        vb_buf_puts(out, rep);
        plain = i + k;
        i += k - 1;
    }
    vb_buf_append(out, s + plain, len - plain);
}

void vb_render_iso_date(const vb_meta *m, char *iso, size_t cap) {
    iso[0] = '\0';
    if (m->year && m->month && m->day) snprintf(iso, cap, "%04d-%02d-%02d", m->year, m->month, m->day);
    else if (m->year && m->month) snprintf(iso, cap, "%04d-%02d", m->year, m->month);
    else if (m->year) snprintf(iso, cap, "%04d", m->year);
}
