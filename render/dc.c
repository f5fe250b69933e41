/* Dublin Core for catalogues: the `dc` format writes one OAI-PMH oai_dc
 * record (the fifteen elements of DCMES 1.1 in the oai_dc wrapper) from the
 * administrative header and the closing, the same facts the TT 05/2025
 * record takes:
 *
 *   dc:title        the trích yếu (the printed type when there is none)
 *   dc:creator      the issuing body (authority)
 *   dc:subject      the keywords given with --record (keyword=...)
 *   dc:contributor  the person who signed, from the closing
 *   dc:date         the date of issue, ISO 8601 (as far as it is printed)
 *   dc:type         "Text" (DCMI Type Vocabulary), then the printed type
 *   dc:format       the media type of the source file
 *   dc:identifier   the number as printed ("12/KH-SYT")
 *   dc:source       the source file's name as given
 *   dc:language     "vi"
 *
 * An element the document does not tell is left out, never guessed.  The
 * record is described by schema/oai_dc.rng. */
#include "render_internal.h"

#include <string.h>

/* Appends s with each run of blanks and line ends made one blank, and none
 * at either end; returns false (nothing appended) when s holds no text. */
static bool S_collapsed(vb_buf *out, const char *s, size_t len) {
    size_t start = out->len;
    bool blank = false;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            blank = out->len > start;
            continue;
        }
        if (blank) vb_buf_putc(out, ' ');
        blank = false;
        vb_buf_putc(out, c);
    }
    return out->len > start;
}

/* <dc:NAME>value</dc:NAME>, the value's blanks collapsed and escaped;
 * nothing for an empty value. */
static void S_element(vb_buf *out, const char *name, const char *value) {
    if (!value) return;
    vb_buf text = {0};
    if (S_collapsed(&text, value, strlen(value))) {
        vb_buf_puts(out, "  <dc:");
        vb_buf_puts(out, name);
        vb_buf_putc(out, '>');
        vb_render_escape_xml(out, text.data, text.len, false);
        vb_buf_puts(out, "</dc:");
        vb_buf_puts(out, name);
        vb_buf_puts(out, ">\n");
    }
    vb_buf_free(&text);
}

/* The text of node n and its descendants, as one string in *text. */
static void S_node_text(vb_buf *text, const vb_node *n) {
    vb_iter it;
    vb_iter_init(&it, n);
    vb_event ev;
    while ((ev = vb_iter_next(&it)) != VB_EVENT_DONE) {
        const vb_node *c = vb_iter_node(&it);
        if (ev == VB_EVENT_ENTER && c->type == VB_NODE_TEXT) vb_buf_append(text, c->text, c->len);
        else if (ev == VB_EVENT_ENTER && c->type == VB_NODE_LINEBREAK) vb_buf_putc(text, ' ');
    }
}

/* Every signer's name in the closing, as dc:contributor. */
static void S_contributors(vb_buf *out, const vb_doc *doc) {
    vb_iter it;
    vb_iter_init(&it, doc->root);
    vb_event ev;
    while ((ev = vb_iter_next(&it)) != VB_EVENT_DONE) {
        const vb_node *n = vb_iter_node(&it);
        if (ev != VB_EVENT_ENTER || n->type != VB_NODE_NAME || !n->parent ||
            n->parent->type != VB_NODE_SIGNER)
            continue;
        vb_buf name = {0};
        S_node_text(&name, n);
        vb_buf_putc(&name, '\0');
        S_element(out, "contributor", name.data);
        vb_buf_free(&name);
    }
}

/* The media type of the file the document was read from; NULL when the
 * reader does not say. */
static const char *S_media_type(const vb_source *src) {
    static const struct { const char *format, *type; } types[] = {
        {"text", "text/plain"},
        {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
        {"pdf", "application/pdf"},
        {"hocr", "text/html"},
        {"alto", "application/xml"},
    };
    if (!src || !src->format) return NULL;
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (strcmp(src->format, types[i].format) == 0) return types[i].type;
    return NULL;
}

int vb_render_dc(const vb_doc *doc, const vb_render_options *o, vb_buf *out) {
    const vb_meta *m = &doc->meta;
    vb_buf_puts(out,
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                "<oai_dc:dc xmlns:oai_dc=\"http://www.openarchives.org/OAI/2.0/oai_dc/\"\n"
                "           xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
                "           xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
                "           xsi:schemaLocation=\"http://www.openarchives.org/OAI/2.0/oai_dc/ "
                "http://www.openarchives.org/OAI/2.0/oai_dc.xsd\">\n");
    S_element(out, "title", m->title.value ? m->title.value : m->type.value);
    S_element(out, "creator", m->authority.value);
    if (o->ead_given) S_element(out, "subject", o->ead_given->values[VB_EAD_KEYWORD]);
    S_contributors(out, doc);
    char iso[16];
    vb_render_iso_date(m, iso, sizeof iso);
    if (iso[0]) S_element(out, "date", iso);
    S_element(out, "type", "Text");
    S_element(out, "type", m->type.value);
    S_element(out, "format", S_media_type(doc->source));
    S_element(out, "identifier", m->number.value);
    S_element(out, "source", doc->source ? doc->source->path : NULL);
    S_element(out, "language", "vi");
    vb_buf_puts(out, "</oai_dc:dc>\n");
    return VB_OK;
}
