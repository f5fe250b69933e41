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

/* The output formats.  A row's index is its vb_format: the first rows
 * follow the named constants of render.h, and -f lists, help texts, output
 * names, the fuzzers and the tests all read this table. */
static const vb_format_info S_formats[] = {
    {.format = VB_FORMAT_XML, .name = "xml", .extension = "xml",
     .mime_type = "application/xml; charset=utf-8", .title = "XML",
     .render = vb_render_xml, .streams = true, .shows_confidence = true},
    {.format = VB_FORMAT_HTML, .name = "html", .extension = "html",
     .mime_type = "text/html; charset=utf-8", .title = "HTML",
     .render = vb_render_html, .streams = true, .shows_confidence = true},
    {.format = VB_FORMAT_TEXT, .name = "txt", .aliases = {"text"}, .extension = "txt",
     .mime_type = "text/plain; charset=utf-8", .title = "plain text",
     .render = vb_render_text, .streams = true, .shows_confidence = false},
    {.format = VB_FORMAT_EAD, .name = "ead", .extension = "ead.xml",
     .mime_type = "application/xml; charset=utf-8", .title = "TT 05/2025 document record (EAD_doc)",
     .render = vb_render_ead, .streams = false, .shows_confidence = false},
    {.format = VB_FORMAT_AKN, .name = "akn", .aliases = {"akomantoso"}, .extension = "akn.xml",
     .mime_type = "application/akn+xml; charset=utf-8", .title = "Akoma Ntoso 3.0",
     .render = vb_render_akn, .streams = true, .shows_confidence = false},
    {.format = VB_FORMAT_DC, .name = "dc", .aliases = {"oai_dc"}, .extension = "dc.xml",
     .mime_type = "application/xml; charset=utf-8", .title = "Dublin Core (oai_dc)",
     .render = vb_render_dc, .streams = false, .shows_confidence = false},
};

#define S_NFORMATS (sizeof S_formats / sizeof S_formats[0])

size_t vb_format_count(void) { return S_NFORMATS; }

const vb_format_info *vb_format_info_at(size_t i) { return i < S_NFORMATS ? &S_formats[i] : NULL; }

const vb_format_info *vb_format_find(const char *name) {
    for (size_t i = 0; i < S_NFORMATS; i++) {
        const vb_format_info *fi = &S_formats[i];
        if (strcmp(name, fi->name) == 0) return fi;
        for (size_t a = 0; a < sizeof fi->aliases / sizeof fi->aliases[0] && fi->aliases[a]; a++)
            if (strcmp(name, fi->aliases[a]) == 0) return fi;
    }
    return NULL;
}

bool vb_format_parse(const char *name, vb_format *f) {
    const vb_format_info *fi = vb_format_find(name);
    if (fi) *f = fi->format;
    return fi != NULL;
}

const char *vb_format_extension(vb_format f) {
    const vb_format_info *fi = vb_format_info_at((size_t)f);
    return fi ? fi->extension : NULL;
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
    const vb_format_info *fi = vb_format_info_at((size_t)f);
    if (!fi) return VB_ERR_USAGE;
    int st = fi->render(doc, opts, out);
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
