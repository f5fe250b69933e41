/* Unit and property tests of the renderers: every sample and every generated
 * document gives XML that validates against schema/vanban.rng (libxml2's
 * RELAX NG validator), text survives escaping exactly, HTML parses cleanly. */
#include "../../pipeline/pipeline.h"
#include "../../render/render.h"
#include "../support/vb_test.h"

#include <dirent.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <stdlib.h>
#include <string.h>

static xmlRelaxNGPtr S_schema;

static void S_quiet(void *ctx, const char *msg, ...) { (void)ctx, (void)msg; }

static bool S_validates(const char *xml, size_t len) {
    xmlDocPtr doc = xmlReadMemory(xml, (int)len, "out.xml", NULL, XML_PARSE_NONET);
    if (!doc) return false;
    xmlRelaxNGValidCtxtPtr v = xmlRelaxNGNewValidCtxt(S_schema);
    xmlRelaxNGSetValidErrors(v, S_quiet, S_quiet, NULL);
    int rc = xmlRelaxNGValidateDoc(v, doc);
    xmlRelaxNGFreeValidCtxt(v);
    xmlFreeDoc(doc);
    return rc == 0;
}

static vb_doc *S_convert(const char *name, const char *data, size_t len) {
    vb_pipeline_options o;
    vb_pipeline_options_default(&o);
    o.normalize.diacritics = VB_DIACRITICS_OFF;
    vb_doc *doc = NULL;
    vb_diags diags;
    vb_diags_init(&diags, NULL, name);
    if (vb_convert_memory(name, (const unsigned char *)data, len, &o, &doc, &diags) != VB_OK) {
        vb_buf msg = {0};
        vb_diag_message(&diags, vb_diags_first_error(&diags), &msg);
        printf("# %s\n", msg.data);
        vb_buf_free(&msg);
    }
    vb_diags_free(&diags);
    return doc;
}

static void test_samples_validate(void) {
    DIR *dir = opendir("samples");
    struct dirent *e;
    int n = 0;
    while (dir && (e = readdir(dir))) {
        if (e->d_name[0] == '.') continue;
        char path[512];
        snprintf(path, sizeof path, "samples/%s", e->d_name);
        unsigned char *data;
        size_t len;
        if (vb_read_file(path, 0, &data, &len, NULL) != VB_OK) continue;
        vb_doc *doc = S_convert(path, (const char *)data, len);
        free(data);
        if (!doc) continue;
        vb_buf out = {0};
        vb_render(doc, VB_FORMAT_XML, NULL, &out);
        char name[600];
        snprintf(name, sizeof name, "schema-valid XML: %s", e->d_name);
        VB_CHECK(name, S_validates(out.data, out.len));
        vb_buf_clear(&out);
        vb_render(doc, VB_FORMAT_HTML, NULL, &out);
        htmlDocPtr h = htmlReadMemory(out.data, (int)out.len, "out.html", "UTF-8",
                                      HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
        snprintf(name, sizeof name, "HTML parses: %s", e->d_name);
        VB_CHECK(name, h != NULL && xmlDocGetRootElement(h) != NULL);
        if (h) xmlFreeDoc(h);
        vb_buf_free(&out);
        vb_doc_free(doc);
        n++;
    }
    if (dir) closedir(dir);
    VB_CHECK("samples found", n >= 5);
}

/* Property: any text, however hostile, comes back from the XML exactly. */
static void test_escaping_round_trip(void) {
    static const char *const pieces[] = {"<", ">", "&", "\"", "'", "&amp;", "]]>", "Đề án",
                                         " ", "x", "<b>", "Số: 1/QĐ", "\xc2\xa0", "¹"};
    unsigned seed = 12345;
    int good = 0, total = 200;
    for (int k = 0; k < total; k++) {
        vb_buf in = {0}, expect = {0};
        int n = 1 + (int)((seed = seed * 1103515245 + 12345) >> 16) % 12;
        vb_buf_puts(&in, "Văn bản ");
        for (int i = 0; i < n; i++) {
            const char *p = pieces[((seed = seed * 1103515245 + 12345) >> 16) % 14];
            vb_buf_puts(&in, p);
        }
        vb_buf_puts(&in, "\n");
        vb_doc *doc = S_convert("p.txt", in.data, in.len);
        vb_buf out = {0};
        if (doc) vb_render(doc, VB_FORMAT_XML, NULL, &out);
        xmlDocPtr x = doc ? xmlReadMemory(out.data, (int)out.len, "p.xml", NULL, XML_PARSE_NONET) : NULL;
        if (x) {
            /* the text of <body>, against the text the model holds */
            xmlNodePtr root = xmlDocGetRootElement(x), body = NULL;
            for (xmlNodePtr c = root->children; c; c = c->next)
                if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, "body") == 0) body = c;
            xmlChar *txt = body ? xmlNodeGetContent(body) : NULL;
            const vb_node *b = doc->root->first_child;
            vb_buf_puts(&expect, vb_node_text(doc, b));
            /* the XML adds only layout whitespace between elements */
            vb_buf got = {0};
            for (const char *s = (const char *)txt; s && *s; s++)
                if (*s != '\n' || (s[1] != ' ' && s[1] != '\0')) vb_buf_putc(&got, *s);
            const char *g = got.data ? got.data : "";
            while (*g == '\n' || *g == ' ') g++;
            size_t gl = strlen(g);
            while (gl && (g[gl - 1] == ' ' || g[gl - 1] == '\n')) gl--;
            good += expect.data && gl == expect.len && memcmp(g, expect.data, gl) == 0;
            xmlFree(txt);
            vb_buf_free(&got);
            xmlFreeDoc(x);
        }
        vb_buf_free(&out);
        vb_buf_free(&in);
        vb_buf_free(&expect);
        vb_doc_free(doc);
    }
    VB_CHECK_INT("200 hostile texts survive the XML exactly", good, total);
}

static void test_html_escapes_and_tables(void) {
    const char *src = "KẾ HOẠCH\n\nI. A <script>alert(1)</script> & B\n\nSTT\tTên\n1\ta<c>&\n";
    vb_doc *doc = S_convert("h.txt", src, strlen(src));
    vb_buf out = {0};
    vb_render(doc, VB_FORMAT_HTML, NULL, &out);
    VB_CHECK("no raw script tag", strstr(out.data, "<script>") == NULL);
    VB_CHECK("escaped", strstr(out.data, "&lt;script&gt;") != NULL);
    VB_CHECK("a real table", strstr(out.data, "<table>") && strstr(out.data, "<th>STT</th>"));
    VB_CHECK("header as a definition list", strstr(out.data, "<dl class=\"meta\">") != NULL);
    VB_CHECK("embedded stylesheet", strstr(out.data, "<style>") != NULL);
    vb_buf_clear(&out);
    vb_render(doc, VB_FORMAT_TEXT, NULL, &out);
    VB_CHECK("plain text keeps the label and text", strstr(out.data, "I. A <script>alert(1)</script> & B\n") != NULL);
    VB_CHECK("plain text table row", strstr(out.data, "1\ta<c>&\n") != NULL);
    vb_buf_free(&out);
    vb_doc_free(doc);
}

/* The format table: rows numbered by their vb_format, names, aliases and
 * extensions unique, every row complete; a value not in it is refused, never
 * taken for plain text. */
static void test_format_table(void) {
    size_t n = vb_format_count();
    VB_CHECK("format table has rows", n >= 3);
    bool complete = true, numbered = true, unique = true, found = true;
    for (size_t i = 0; i < n; i++) {
        const vb_format_info *fi = vb_format_info_at(i);
        numbered &= fi && (size_t)fi->format == i;
        if (!fi) continue;
        complete &= fi->name && fi->name[0] && fi->extension && fi->extension[0] && fi->mime_type &&
                    fi->title && fi->render;
        found &= vb_format_find(fi->name) == fi;
        for (size_t a = 0; a < sizeof fi->aliases / sizeof fi->aliases[0] && fi->aliases[a]; a++)
            found &= vb_format_find(fi->aliases[a]) == fi;
        for (size_t j = 0; j < i; j++) {
            const vb_format_info *o = vb_format_info_at(j);
            unique &= strcmp(o->name, fi->name) != 0 && strcmp(o->extension, fi->extension) != 0 &&
                      vb_format_find(fi->name) != o;
        }
        char name[96];
        snprintf(name, sizeof name, "extension of %s read from the table", fi->name);
        VB_CHECK_STR(name, vb_format_extension(fi->format), fi->extension);
    }
    VB_CHECK("every format row complete", complete);
    VB_CHECK("row i is format i", numbered);
    VB_CHECK("format names and extensions unique", unique);
    VB_CHECK("every name and alias finds its row", found);
    VB_CHECK("no row past the end", vb_format_info_at(n) == NULL);
    VB_CHECK("unknown value has no extension", vb_format_extension((vb_format)n) == NULL);
    VB_CHECK("negative value has no extension", vb_format_extension((vb_format)-1) == NULL);
    vb_format f = VB_FORMAT_XML;
    VB_CHECK("\"text\" is plain text", vb_format_parse("text", &f) && f == VB_FORMAT_TEXT);
    VB_CHECK("unknown name refused", !vb_format_parse("pdf", &f) && !vb_format_find("") &&
                                         !vb_format_find("XML"));
    const char *src = "KẾ HOẠCH\n\nI. Mục một\n";
    vb_doc *doc = S_convert("t.txt", src, strlen(src));
    vb_buf out = {0};
    VB_CHECK("rendering an unknown format is a usage error",
             doc && vb_render(doc, (vb_format)n, NULL, &out) == VB_ERR_USAGE && out.len == 0);
    vb_buf_free(&out);
    vb_doc_free(doc);
}

int main(void) {
    xmlRelaxNGParserCtxtPtr p = xmlRelaxNGNewParserCtxt("schema/vanban.rng");
    S_schema = p ? xmlRelaxNGParse(p) : NULL;
    if (p) xmlRelaxNGFreeParserCtxt(p);
    VB_CHECK("schema loads", S_schema != NULL);
    if (!S_schema) return vb_test_done();
    test_samples_validate();
    test_escaping_round_trip();
    test_html_escapes_and_tables();
    test_format_table();
    xmlRelaxNGFree(S_schema);
    xmlCleanupParser();
    return vb_test_done();
}
