/* OCR layers: hOCR (the XHTML Tesseract and other engines write) and ALTO
 * (the XML of library digitisation).  Both say what was read on each page,
 * block by block, line by line, word by word, with the box of each and the
 * engine's confidence in each word.  A line becomes a block that knows its
 * page and box (pages.h); a paragraph or text block of the engine starts a
 * new paragraph, the first line of a page carries VB_BLOCK_FORM_FEED, so that
 * normalize's layout takes running heads and page numbers out only at page
 * boundaries.
 *
 * libxml2 parses them, with no network and no DTD loaded; a file that
 * declares entities is refused before it is parsed (an OCR file never needs
 * them, and a billion-laughs file is nothing else). */
#include "pages.h"
#include "reader_internal.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>


static bool S_has(const unsigned char *d, size_t len, const char *needle) {
    size_t n = strlen(needle);
    if (len < n) return false;
    for (size_t i = 0; i + n <= len; i++)
        if (d[i] == (unsigned char)needle[0] && memcmp(d + i, needle, n) == 0) return true;
    return false;
}

/* ---- checks shared by both formats ---- */

static int S_check_input(vb_source *src, const unsigned char *data, size_t len,
                         const vb_extract_options *opts) {
    int st = vb_reader_check_size(src, len, opts);
    if (st != VB_OK) return st;
    if (len > INT32_MAX) {
        vb_diag_add(&src->diags, VB_ERROR, 0, 0, -1, "too-large", "input too large for the XML parser");
        return VB_ERR_LIMIT;
    }
    /* entity declarations: refused unread (billion laughs, external files) */
    if (S_has(data, len, "<!ENTITY")) {
        vb_diag_add(&src->diags, VB_ERROR, 0, 0, -1, "xml-entities",
                    "the file declares XML entities (<!ENTITY ...>); an OCR file has no need of "
                    "them, and they are not expanded: refused");
        return VB_ERR_FORMAT;
    }
    return VB_OK;
}

static xmlDocPtr S_parse(vb_source *src, const unsigned char *data, size_t len, bool html_fallback) {
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt) abort();
    xmlDocPtr doc = xmlCtxtReadMemory(ctxt, (const char *)data, (int)len, src->path, NULL,
                                      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                          XML_PARSE_NOCDATA);
    if (!doc || !ctxt->wellFormed) {
        xmlError *e = &ctxt->lastError;
        int line = e->line, col = e->int2;
        char msg[256];
        snprintf(msg, sizeof msg, "%s", e->message ? e->message : "not well-formed XML");
        size_t n = strlen(msg);
        while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' ')) msg[--n] = '\0';
        if (doc) xmlFreeDoc(doc);
        doc = NULL;
        xmlFreeParserCtxt(ctxt);
        if (html_fallback) {
            /* hOCR written as HTML rather than XHTML */
            htmlParserCtxtPtr h = htmlNewParserCtxt();
            if (!h) abort();
            doc = htmlCtxtReadMemory(h, (const char *)data, (int)len, src->path, NULL,
                                     HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                         HTML_PARSE_NOIMPLIED);
            /* a parser that gave up before the end (elements nested past
             * its depth limit) keeps what it read: said, not silently cut */
            if (doc && h->disableSAX) {
                xmlError *he = &h->lastError;
                snprintf(msg, sizeof msg, "%s", he->message ? he->message : "parser stopped");
                char *cut = strstr(msg, " use XML_PARSE_HUGE"); /* libxml2's advice to programmers */
                if (cut) *cut = '\0';
                n = strlen(msg);
                while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' ')) msg[--n] = '\0';
                vb_diag_add(&src->diags, VB_WARNING, he->line, he->int2, -1, "xml-cut",
                            "the file is read only up to line %d (%s); the rest is left out",
                            he->line, msg);
            }
            htmlFreeParserCtxt(h);
            if (doc) return doc;
        }
        vb_diag_add(&src->diags, VB_ERROR, line, col, -1, "xml-malformed",
                    "damaged or truncated XML: %s", msg);
        return NULL;
    }
    xmlFreeParserCtxt(ctxt);
    return doc;
}

/* The next node in document order, or below `skip_children` not at all. */
static xmlNodePtr S_next(xmlNodePtr n, bool into_children) {
    if (into_children && n->children) return n->children;
    while (n) {
        if (n->next) return n->next;
        n = n->parent;
    }
    return NULL;
}

static bool S_within(xmlNodePtr n, xmlNodePtr top) {
    for (; n; n = n->parent)
        if (n == top) return true;
    return false;
}

/* ---- hOCR ---- */

/* Whether the class attribute holds the class name cls. */
static bool S_class(xmlNodePtr n, const char *cls) {
    xmlChar *c = xmlGetProp(n, (const xmlChar *)"class");
    if (!c) return false;
    bool found = false;
    size_t k = strlen(cls);
    for (const char *p = (const char *)c; *p && !found;) {
        while (*p == ' ' || *p == '\t' || *p == '\n') p++;
        const char *e = p;
        while (*e && *e != ' ' && *e != '\t' && *e != '\n') e++;
        if ((size_t)(e - p) == k && memcmp(p, cls, k) == 0) found = true;
        p = e;
    }
    xmlFree(c);
    return found;
}

/* Whether v is a coordinate a box may hold (not NaN, not past a float). */
static bool S_coord(double v) {
    return v > -1e9 && v < 1e9;
}

/* Reads "bbox x0 y0 x1 y1" and "x_wconf N" from an hOCR title. */
static void S_title(xmlNodePtr n, float box[4], bool *has_box, int *conf) {
    *has_box = false;
    if (conf) *conf = -1;
    xmlChar *t = xmlGetProp(n, (const xmlChar *)"title");
    if (!t) return;
    for (const char *p = (const char *)t; *p;) {
        while (*p == ' ' || *p == ';' || *p == '\t' || *p == '\n') p++;
        if (strncmp(p, "bbox ", 5) == 0) {
            double v[4];
            char *end;
            const char *q = p + 5;
            int k = 0;
            for (; k < 4; k++) {
                v[k] = strtod(q, &end);
                if (end == q || !S_coord(v[k])) break; /* "nan", "1e39": no box */
                q = end;
            }
            if (k == 4) {
                for (k = 0; k < 4; k++) box[k] = (float)v[k];
                *has_box = true;
            }
        } else if (conf && strncmp(p, "x_wconf ", 8) == 0) {
            char *end;
            long c = strtol(p + 8, &end, 10);
            if (end != p + 8) *conf = c < 0 ? 0 : c > 100 ? 100 : (int)c;
        }
        while (*p && *p != ';') p++;
    }
    xmlFree(t);
}

static bool S_hocr_line(xmlNodePtr n) {
    return S_class(n, "ocr_line") || S_class(n, "ocr_textfloat") || S_class(n, "ocr_header") ||
           S_class(n, "ocr_caption") || S_class(n, "ocrx_line");
}

/* ---- glyphs and their readings ----
 * Tesseract's hOCR written with hocr_char_boxes holds each glyph of a word
 * as an "ocrx_cinfo" span (title "x_bboxes ...; x_conf N"); with
 * lstm_choice_mode it follows each glyph with a span of its readings (an
 * "ocrx_cinfo" holding one "ocrx_cinfo" per reading, title "x_confs N").
 * The word is its glyphs, never the readings run together. */
typedef struct {
    char *text; /* the word's glyphs (grown as needed: a word is never cut) */
    size_t len, cap;
    vb_glyph glyph[VB_PAGER_MAX_GLYPHS];
    size_t n;
    size_t scored; /* glyph n whose printed score came from its readings, else 0 */
    bool usable;   /* every glyph one code point, so glyph k is code point k */
    bool any;      /* a glyph span was seen */
} S_glyph_word;

/* The number after key in an hOCR title ("x_conf 99.5"), or -1. */
static double S_title_num(xmlNodePtr n, const char *key) {
    xmlChar *t = xmlGetProp(n, (const xmlChar *)"title");
    if (!t) return -1;
    double v = -1;
    size_t k = strlen(key);
    for (const char *p = (const char *)t; *p;) {
        while (*p == ' ' || *p == ';' || *p == '\t' || *p == '\n') p++;
        if (strncmp(p, key, k) == 0 && p[k] == ' ') {
            char *end;
            double d = strtod(p + k + 1, &end);
            if (end != p + k + 1 && d >= 0) v = d > 100 ? 100 : d;
            break;
        }
        while (*p && *p != ';') p++;
    }
    xmlFree(t);
    return v;
}

static bool S_has_cinfo_child(xmlNodePtr n) {
    for (xmlNodePtr c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && S_class(c, "ocrx_cinfo")) return true;
    return false;
}

/* The readings of the last glyph from a span of them. */
static void S_glyph_readings(S_glyph_word *gw, xmlNodePtr group) {
    if (!gw->n) return;
    vb_glyph *g = &gw->glyph[gw->n - 1];
    for (xmlNodePtr c = group->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || !S_class(c, "ocrx_cinfo")) continue;
        double conf = S_title_num(c, "x_confs");
        xmlChar *t = xmlNodeGetContent(c);
        uint32_t cp = t ? vb_glyph_cp((const char *)t) : 0;
        xmlFree(t);
        if (!cp || !(conf > 0)) continue;
        float score = (float)(conf / 100.0);
        if (cp == g->cp[0]) { /* the printed reading's score on the same scale: its best */
            if (gw->scored != gw->n || score > g->score[0]) vb_glyph_reading(g, cp, score);
            gw->scored = gw->n;
            continue;
        }
        vb_glyph_reading(g, cp, score);
    }
}

static void S_glyph_walk(S_glyph_word *gw, xmlNodePtr parent, int depth) {
    for (xmlNodePtr c = parent->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (!S_class(c, "ocrx_cinfo")) {
            if (depth < 4) S_glyph_walk(gw, c, depth + 1); /* <strong>, <em> around glyphs */
            continue;
        }
        if (S_has_cinfo_child(c)) {
            S_glyph_readings(gw, c);
            continue;
        }
        gw->any = true;
        xmlChar *t = xmlNodeGetContent(c);
        const char *text = t ? (const char *)t : "";
        size_t len = strlen(text);
        while (len && (*text == ' ' || *text == '\n' || *text == '\t' || *text == '\r')) text++, len--;
        while (len && (text[len - 1] == ' ' || text[len - 1] == '\n' || text[len - 1] == '\t' ||
                       text[len - 1] == '\r'))
            len--;
        if (gw->len + len >= gw->cap) {
            while (gw->len + len >= gw->cap) gw->cap = gw->cap ? gw->cap * 2 : 256;
            gw->text = realloc(gw->text, gw->cap);
            if (!gw->text) abort();
        }
        memcpy(gw->text + gw->len, text, len);
        gw->len += len;
        uint32_t cp = vb_glyph_cp(text);
        if (!cp || gw->n == VB_PAGER_MAX_GLYPHS) gw->usable = false;
        else if (len) {
            double conf = S_title_num(c, "x_conf");
            vb_glyph_start(&gw->glyph[gw->n++], cp, conf > 0 ? (float)(conf / 100.0) : 0.0f);
        }
        xmlFree(t);
    }
}

/* The word of an ocrx_word span made of glyph spans, with its glyphs'
 * readings where the engine gave others (*glyphs, else NULL); false when
 * the word holds no glyph span. */
static bool S_glyph_word_read(xmlNodePtr w, vb_arena *a, S_glyph_word *gw, const char **text,
                              const vb_glyphs **glyphs) {
    gw->len = 0;
    gw->n = 0;
    gw->scored = 0;
    gw->usable = true;
    gw->any = false;
    S_glyph_walk(gw, w, 0);
    if (!gw->any) return false;
    if (!gw->text) { /* glyph spans, all empty */
        gw->text = malloc(gw->cap = 256);
        if (!gw->text) abort();
    }
    gw->text[gw->len] = '\0';
    *text = gw->text;
    *glyphs = gw->usable && gw->n ? vb_glyphs_keep(a, gw->glyph, gw->n) : NULL;
    return true;
}

static void S_hocr_read_line(vb_pager *pg, xmlNodePtr line, vb_pager_wordlist *ws, S_glyph_word *gw) {
    float box[4] = {0, 0, 0, 0};
    bool has_box;
    S_title(line, box, &has_box, NULL);
    ws->n = 0;
    for (xmlNodePtr w = line->children; w && S_within(w, line);) {
        if (w->type == XML_ELEMENT_NODE && S_class(w, "ocrx_word")) {
            float wb[4];
            bool wbox;
            int conf;
            S_title(w, wb, &wbox, &conf);
            const char *gtext;
            const vb_glyphs *glyphs;
            if (S_glyph_word_read(w, pg->src->arena, gw, &gtext, &glyphs)) {
                vb_pager_wordlist_add(ws, pg->src->arena, gtext, conf, wbox ? wb : NULL, glyphs);
            } else {
                xmlChar *text = xmlNodeGetContent(w);
                if (text) vb_pager_wordlist_add(ws, pg->src->arena, (const char *)text, conf, wbox ? wb : NULL, NULL);
                xmlFree(text);
            }
            w = S_next(w, false);
            continue;
        }
        w = S_next(w, true);
    }
    if (!ws->n) { /* a line without word elements: its text as one piece */
        xmlChar *text = xmlNodeGetContent(line);
        if (text) vb_pager_wordlist_add(ws, pg->src->arena, (const char *)text, -1, NULL, NULL);
        xmlFree(text);
    }
    vb_pager_words(pg, ws->w, ws->n, box);
}

/* The source of either format and its parsed document, after the checks. */
static int S_open(const char *path, const char *format, const unsigned char *data, size_t len,
                  const vb_extract_options *opts, bool html_fallback, vb_source **out,
                  xmlDocPtr *doc) {
    vb_source *src = vb_source_new(path, format);
    *out = src;
    src->encoding = "UTF-8";
    *doc = NULL;
    int st = S_check_input(src, data, len, opts);
    if (st != VB_OK) return st;
    *doc = S_parse(src, data, len, html_fallback);
    return *doc ? VB_OK : VB_ERR_FORMAT;
}

int vb_extract_hocr(const char *path, const unsigned char *data, size_t len,
                    const vb_extract_options *opts, vb_source **out) {
    xmlDocPtr doc;
    int st = S_open(path, "hocr", data, len, opts, true, out, &doc);
    if (st != VB_OK) return st;
    vb_source *src = *out;
    vb_pager pg;
    vb_pager_init(&pg, src, opts);
    st = VB_OK;
    bool pages = false;
    vb_pager_wordlist ws = {0};
    S_glyph_word gw = {0};
    for (xmlNodePtr n = xmlDocGetRootElement(doc); n;) {
        if (n->type != XML_ELEMENT_NODE) {
            n = S_next(n, false);
            continue;
        }
        if (S_class(n, "ocr_page")) {
            pages = true;
            if (!vb_pager_page(&pg)) {
                st = VB_ERR_LIMIT;
                break;
            }
        } else if (S_class(n, "ocr_par") || S_class(n, "ocr_carea")) {
            pg.par_start = true;
        } else if (S_hocr_line(n)) {
            if (!pg.page && !vb_pager_page(&pg)) {
                st = VB_ERR_LIMIT;
                break;
            }
            S_hocr_read_line(&pg, n, &ws, &gw);
            n = S_next(n, false);
            continue;
        }
        n = S_next(n, true);
    }
    xmlFreeDoc(doc);
    free(ws.w);
    free(gw.text);
    if (st != VB_OK) return st;
    if (!pages && !src->first) {
        vb_diag_add(&src->diags, VB_ERROR, 0, 0, -1, "hocr-empty",
                    "no hOCR page (class=\"ocr_page\") and no line in the file");
        return VB_ERR_FORMAT;
    }
    return VB_OK;
}

/* ---- ALTO ---- */

static bool S_named(xmlNodePtr n, const char *name) {
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static double S_num(xmlNodePtr n, const char *attr, double dflt) {
    xmlChar *v = xmlGetProp(n, (const xmlChar *)attr);
    if (!v) return dflt;
    char *end;
    double d = strtod((const char *)v, &end);
    if (end == (char *)v || !S_coord(d)) d = dflt; /* "nan", "1e39": as if absent */
    xmlFree(v);
    return d;
}

static void S_alto_read_line(vb_pager *pg, xmlNodePtr line, vb_pager_wordlist *ws) {
    double x = S_num(line, "HPOS", 0), y = S_num(line, "VPOS", 0);
    double w = S_num(line, "WIDTH", 0), h = S_num(line, "HEIGHT", 0);
    float box[4] = {(float)x, (float)y, (float)(x + w), (float)(y + h)};
    ws->n = 0;
    for (xmlNodePtr s = line->children; s; s = s->next) {
        if (S_named(s, "String")) {
            xmlChar *text = xmlGetProp(s, (const xmlChar *)"CONTENT");
            if (!text) continue;
            double wc = S_num(s, "WC", -1);
            int conf = wc < 0 ? -1 : wc > 1 ? 100 : (int)(wc * 100 + 0.5);
            double sx = S_num(s, "HPOS", -1), sy = S_num(s, "VPOS", -1);
            float wb[4] = {(float)sx, (float)sy, (float)(sx + S_num(s, "WIDTH", 0)),
                           (float)(sy + S_num(s, "HEIGHT", 0))};
            vb_pager_wordlist_add(ws, pg->src->arena, (const char *)text, conf, sx >= 0 && sy >= 0 ? wb : NULL, NULL);
            xmlFree(text);
        } else if (S_named(s, "HYP") && ws->n) {
            /* the hyphen at the end of a line belongs to its last word */
            xmlChar *text = xmlGetProp(s, (const xmlChar *)"CONTENT");
            vb_pager_wordbox *last = &ws->w[ws->n - 1];
            last->text = vb_arena_printf(pg->src->arena, "%.*s%s", (int)last->len, last->text,
                                         text ? (const char *)text : "-");
            last->len = strlen(last->text);
            xmlFree(text);
        }
    }
    vb_pager_words(pg, ws->w, ws->n, box);
}

int vb_extract_alto(const char *path, const unsigned char *data, size_t len,
                    const vb_extract_options *opts, vb_source **out) {
    xmlDocPtr doc;
    int st = S_open(path, "alto", data, len, opts, false, out, &doc);
    if (st != VB_OK) return st;
    vb_source *src = *out;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (!root || !S_named(root, "alto")) {
        xmlFreeDoc(doc);
        vb_diag_add(&src->diags, VB_ERROR, 0, 0, -1, "alto-root", "not ALTO: the root element is not <alto>");
        return VB_ERR_FORMAT;
    }
    xmlChar *unit = NULL;
    vb_pager_wordlist ws = {0};
    vb_pager pg;
    vb_pager_init(&pg, src, opts);
    st = VB_OK;
    for (xmlNodePtr n = root; n;) {
        if (n->type != XML_ELEMENT_NODE) {
            n = S_next(n, false);
            continue;
        }
        if (S_named(n, "MeasurementUnit") && !unit) {
            unit = xmlNodeGetContent(n);
        } else if (S_named(n, "Page")) {
            if (!vb_pager_page(&pg)) {
                st = VB_ERR_LIMIT;
                break;
            }
        } else if (S_named(n, "TextBlock")) {
            pg.par_start = true;
        } else if (S_named(n, "TextLine")) {
            if (!pg.page && !vb_pager_page(&pg)) {
                st = VB_ERR_LIMIT;
                break;
            }
            S_alto_read_line(&pg, n, &ws);
            n = S_next(n, false);
            continue;
        }
        n = S_next(n, true);
    }
    if (unit && st == VB_OK) {
        const char *u = (const char *)unit;
        while (*u == ' ' || *u == '\n' || *u == '\t') u++;
        size_t k = strlen(u);
        while (k && (u[k - 1] == ' ' || u[k - 1] == '\n' || u[k - 1] == '\t')) k--;
        if (k && !(k == 5 && memcmp(u, "pixel", 5) == 0))
            vb_diag_add(&src->diags, VB_NOTE, 0, 0, -1, "alto-unit",
                        "boxes are in the file's unit, %.*s, not in pixels", (int)k, u);
    }
    xmlFree(unit);
    free(ws.w);
    xmlFreeDoc(doc);
    return st;
}
