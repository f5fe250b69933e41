/* What the fuzz harnesses share: options taken from the input's first two
 * bytes, and the invariants every output must keep.  A broken invariant
 * aborts, so libFuzzer (and the replay driver) report it as a crash. */
#ifndef VB_FUZZ_CHECK_H
#define VB_FUZZ_CHECK_H

#include "../../pipeline/pipeline.h"
#include "../../render/render.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xmlschemas.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The input is two option bytes, then the document.
 *   byte 0: bits 0-1 diacritics mode, 2-3 tone style, 4 layout, 5-6 a
 *           stated encoding (none, utf-8, windows-1258, utf-16le), 7 a
 *           minimum confidence of 0.5
 *   byte 1: bit 0 standalone HTML, 1 line numbers in the XML, 2 highlight
 *           below 0.9, 3 keep tracked deletions, 4 no values pass,
 *           5 ignore markup hints */
#define VB_FUZZ_OPTION_BYTES 2

static void vb_fuzz_options(const unsigned char *o, vb_pipeline_options *opts,
                            vb_render_options *ropts) {
    static const char *const encodings[] = {NULL, "utf-8", "windows-1258", "utf-16le"};
    vb_pipeline_options_default(opts);
    opts->extract.max_line_bytes = 1 << 16;
    opts->normalize.diacritics = (vb_diacritics_mode)(o[0] & 3);
    opts->normalize.tone_style = (vb_tone_style)((o[0] >> 2) & 3);
    opts->normalize.layout = (o[0] >> 4) & 1;
    opts->normalize.from_encoding = encodings[(o[0] >> 5) & 3];
    opts->normalize.min_confidence = (o[0] & 0x80) ? 0.5 : 0;
    opts->extract.keep_deletions = (o[1] >> 3) & 1;
    opts->model.no_values = (o[1] >> 4) & 1;
    opts->model.ignore_markup_hints = (o[1] >> 5) & 1;
    vb_render_options_default(ropts);
    ropts->standalone = o[1] & 1;
    ropts->with_lines = (o[1] >> 1) & 1;
    ropts->low_confidence = (o[1] & 4) ? 0.9 : 0;
}

static void vb_fuzz_fail(const char *what, const vb_buf *out) {
    fprintf(stderr, "fuzz invariant broken: %s\n--- output (first 2000 bytes) ---\n%.*s\n", what,
            (int)(out->len < 2000 ? out->len : 2000), out->data ? out->data : "");
    abort();
}

/* The schema, parsed once for the life of the process (a test program:
 * the one piece of state the harness keeps between inputs).  VB_SCHEMA
 * names it; by default schema/vanban.rng from the source tree's root. */
static xmlRelaxNGPtr vb_fuzz_schema(void) {
    static xmlRelaxNGPtr schema;
    if (schema) return schema;
    const char *path = getenv("VB_SCHEMA");
    xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewParserCtxt(path ? path : "schema/vanban.rng");
    schema = pc ? xmlRelaxNGParse(pc) : NULL;
    xmlRelaxNGFreeParserCtxt(pc);
    if (!schema) {
        fprintf(stderr, "cannot load the schema (run from the source tree or set VB_SCHEMA)\n");
        abort();
    }
    return schema;
}

static void vb_fuzz_silent(void *ctx, const char *msg, ...) {}

/* Outputs larger than this are only checked to be well-formed: libxml2's
 * RELAX NG validator takes seconds on a row of thousands of cells. */
#define VB_FUZZ_MAX_VALIDATED ((size_t)1 << 20)

/* XML: well-formed, and valid against the schema when not too large. */
static void vb_fuzz_check_xml(const vb_buf *out) {
    xmlDocPtr d = xmlReadMemory(out->data ? out->data : "", (int)out->len, "out.xml", NULL,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                    XML_PARSE_HUGE);
    if (!d) vb_fuzz_fail("the XML output is not well-formed", out);
    if (out->len > VB_FUZZ_MAX_VALIDATED) {
        xmlFreeDoc(d);
        return;
    }
    xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(vb_fuzz_schema());
    xmlRelaxNGSetValidErrors(vc, vb_fuzz_silent, vb_fuzz_silent, NULL);
    int rc = xmlRelaxNGValidateDoc(vc, d);
    xmlRelaxNGFreeValidCtxt(vc);
    xmlFreeDoc(d);
    if (rc != 0) vb_fuzz_fail("the XML output is not valid against schema/vanban.rng", out);
}

static bool vb_fuzz_bad_url(const char *v) {
    char scheme[16];
    size_t n = 0;
    /* browsers skip leading spaces and controls and tabs/newlines inside */
    for (; *v && n < sizeof scheme - 1; v++) {
        unsigned char c = (unsigned char)*v;
        if (c <= ' ') continue;
        scheme[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        if (c == ':') break;
    }
    scheme[n] = '\0';
    return strcmp(scheme, "javascript:") == 0 || strcmp(scheme, "vbscript:") == 0 ||
           strcmp(scheme, "data:") == 0;
}

static void vb_fuzz_check_html_node(xmlNodePtr n, const vb_buf *out) {
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) continue;
        const char *name = (const char *)n->name;
        if (strcasecmp(name, "script") == 0 || strcasecmp(name, "iframe") == 0 ||
            strcasecmp(name, "object") == 0 || strcasecmp(name, "embed") == 0)
            vb_fuzz_fail("the HTML output has a live element (script, iframe, object, embed)", out);
        for (xmlAttrPtr a = n->properties; a; a = a->next) {
            const char *an = (const char *)a->name;
            if (strncasecmp(an, "on", 2) == 0)
                vb_fuzz_fail("the HTML output has an event handler attribute", out);
            if (strcasecmp(an, "href") == 0 || strcasecmp(an, "src") == 0 ||
                strcasecmp(an, "action") == 0 || strcasecmp(an, "formaction") == 0) {
                xmlChar *v = xmlNodeListGetString(n->doc, a->children, 1);
                bool bad = v && vb_fuzz_bad_url((const char *)v);
                xmlFree(v);
                if (bad) vb_fuzz_fail("the HTML output has a script or data URL", out);
            }
        }
        vb_fuzz_check_html_node(n->children, out);
    }
}

/* HTML: no live markup (script elements, on* attributes, script URLs). */
static void vb_fuzz_check_html(const vb_buf *out) {
    htmlDocPtr d = htmlReadMemory(out->data ? out->data : "", (int)out->len, "out.html", "UTF-8",
                                  HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
    if (!d) vb_fuzz_fail("the HTML output cannot be read", out);
    vb_fuzz_check_html_node(d->children, out);
    xmlFreeDoc(d);
}

/* The Akoma Ntoso schema, parsed once like the RELAX NG one; VB_AKN_SCHEMA
 * names it, by default schema/akomantoso/akomantoso30.xsd. */
static xmlSchemaPtr vb_fuzz_akn_schema(void) {
    static xmlSchemaPtr schema;
    if (schema) return schema;
    const char *path = getenv("VB_AKN_SCHEMA");
    xmlSchemaParserCtxtPtr pc =
        xmlSchemaNewParserCtxt(path ? path : "schema/akomantoso/akomantoso30.xsd");
    schema = pc ? xmlSchemaParse(pc) : NULL;
    xmlSchemaFreeParserCtxt(pc);
    if (!schema) {
        fprintf(stderr, "cannot load the Akoma Ntoso schema (run from the source tree or set VB_AKN_SCHEMA)\n");
        abort();
    }
    return schema;
}

/* Akoma Ntoso: well-formed, and valid against the OASIS schema when not
 * too large. */
static void vb_fuzz_check_akn(const vb_buf *out) {
    xmlDocPtr d = xmlReadMemory(out->data ? out->data : "", (int)out->len, "out.akn.xml", NULL,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                    XML_PARSE_HUGE);
    if (!d) vb_fuzz_fail("the Akoma Ntoso output is not well-formed", out);
    if (out->len > VB_FUZZ_MAX_VALIDATED) {
        xmlFreeDoc(d);
        return;
    }
    xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(vb_fuzz_akn_schema());
    xmlSchemaSetValidErrors(vc, vb_fuzz_silent, vb_fuzz_silent, NULL);
    int rc = xmlSchemaValidateDoc(vc, d);
    xmlSchemaFreeValidCtxt(vc);
    xmlFreeDoc(d);
    if (rc != 0) vb_fuzz_fail("the Akoma Ntoso output is not valid against akomantoso30.xsd", out);
}

/* Renders doc in every format of the table and checks each output. */
static void vb_fuzz_render_all(const vb_doc *doc, const vb_render_options *ropts) {
    for (size_t i = 0; i < vb_format_count(); i++) {
        const vb_format_info *f = vb_format_info_at(i);
        vb_buf out = {0};
        if (vb_render(doc, f->format, ropts, &out) == VB_OK) {
            if (f->format == VB_FORMAT_XML) vb_fuzz_check_xml(&out);
            else if (f->format == VB_FORMAT_HTML) vb_fuzz_check_html(&out);
            else if (strcmp(f->name, "akn") == 0) vb_fuzz_check_akn(&out);
        }
        vb_buf_free(&out);
    }
}

#endif
