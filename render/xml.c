/* XML renderer: one element per node, the header as <meta>, every element
 * from the source with line="N".  The format is described by
 * schema/vanban.rng and docs/xml-format.md. */
#include "render_internal.h"

#include <assert.h>
#include <string.h>

static void S_indent(vb_buf *out, int depth) {
    vb_buf_putc(out, '\n');
    for (int i = 0; i < depth; i++) vb_buf_puts(out, "  ");
}

static void S_open(vb_buf *out, const char *name) {
    vb_buf_putc(out, '<');
    vb_buf_puts(out, name);
}

/* Attributes are written piece by piece: this is the renderer's inner
 * loop, where a printf per attribute would dominate. */
static void S_attr_name(vb_buf *out, const char *name) {
    vb_buf_putc(out, ' ');
    vb_buf_puts(out, name);
    vb_buf_puts(out, "=\"");
}

static void S_attr(vb_buf *out, const char *name, const char *value) {
    if (!value) return;
    S_attr_name(out, name);
    vb_render_escape_xml(out, value, strlen(value), true);
    vb_buf_putc(out, '"');
}

static void S_attr_int(vb_buf *out, const char *name, long value) {
    char digits[24], *p = digits + sizeof digits;
    unsigned long v = value < 0 ? 0UL - (unsigned long)value : (unsigned long)value;
    do *--p = (char)('0' + v % 10); while (v /= 10);
    if (value < 0) *--p = '-';
    S_attr_name(out, name);
    vb_buf_append(out, p, (size_t)(digits + sizeof digits - p));
    vb_buf_putc(out, '"');
}

static void S_close(vb_buf *out, const char *name) {
    vb_buf_puts(out, "</");
    vb_buf_puts(out, name);
    vb_buf_putc(out, '>');
}

static void S_line(vb_buf *out, const vb_render_options *o, int line) {
    if (o->with_lines && line > 0) S_attr_int(out, "line", line);
}

static void S_position(vb_buf *out, const vb_render_options *o, const vb_doc *doc, int line);

/* The attributes of a repair: what it was, how sure, whether left undone. */
static void S_repair_attrs(vb_buf *out, vb_repair_kind kind, const char *original, float confidence,
                           bool needs_review) {
    static const char *const kinds[] = {"none", "diacritics", "encoding", "spelling", "code"};
    S_attr(out, "kind", kinds[kind]);
    S_attr(out, "original", original);
    char p[16];
    snprintf(p, sizeof p, "%.3f", confidence);
    S_attr(out, "confidence", p);
    if (needs_review) S_attr(out, "review", "true");
}

static void S_word_source(vb_buf *out, const vb_render_options *o, const vb_word_pos *pos,
                          uint8_t word_conf);

/* ctx: the render options */
static void S_field_repair_open(vb_buf *out, const vb_field_repair *r, const void *ctx) {
    S_open(out, "repair");
    S_repair_attrs(out, r->kind, r->original, r->confidence, r->needs_review);
    S_word_source(out, ctx, r->word_pos, r->word_conf);
    vb_buf_putc(out, '>');
}

/* A header field's value, its repaired words marked as in the body (with
 * the page and box of each, as there). */
static void S_field_text(vb_buf *out, const vb_render_options *o, const vb_field *f) {
    vb_render_field_text(out, f, S_field_repair_open, "</repair>", o);
}

static void S_field(vb_buf *out, const vb_render_options *o, const vb_doc *doc, const char *name,
                    const vb_field *f, const char *extra_name, const char *extra_value) {
    if (!f->value) return;
    S_indent(out, 2);
    S_open(out, name);
    S_line(out, o, f->line);
    S_position(out, o, doc, f->line);
    if (extra_name) S_attr(out, extra_name, extra_value);
    vb_buf_putc(out, '>');
    S_field_text(out, o, f);
    S_close(out, name);
}

static void S_meta(const vb_doc *doc, const vb_render_options *o, vb_buf *out) {
    const vb_meta *m = &doc->meta;
    S_indent(out, 1);
    vb_buf_puts(out, "<meta>");
    S_field(out, o, doc, "authority", &m->authority, NULL, NULL);
    S_field(out, o, doc, "motto", &m->motto, NULL, NULL);
    if (m->number.value) {
        S_indent(out, 2);
        S_open(out, "number");
        S_line(out, o, m->number.line);
        S_position(out, o, doc, m->number.line);
        S_attr(out, "code", m->code);
        S_attr(out, "value", m->number_value);
        S_attr(out, "label", m->number_label);
        vb_buf_putc(out, '>');
        S_field_text(out, o, &m->number);
        vb_buf_puts(out, "</number>");
    }
    S_field(out, o, doc, "place", &m->place, NULL, NULL);
    if (m->date.value) {
        char iso[16];
        vb_render_iso_date(m, iso, sizeof iso);
        S_field(out, o, doc, "date", &m->date, iso[0] ? "iso" : NULL, iso);
    }
    S_field(out, o, doc, "type", &m->type, NULL, NULL);
    S_field(out, o, doc, "title", &m->title, m->title_label ? "label" : NULL, m->title_label);
    if (m->naddressees) {
        S_indent(out, 2);
        S_open(out, "addressees");
        if (m->addressees_label) S_attr(out, "label", m->addressees_label);
        vb_buf_putc(out, '>');
        for (size_t i = 0; i < m->naddressees; i++) {
            S_indent(out, 3);
            S_open(out, "item");
            S_line(out, o, m->addressees[i].line);
            S_position(out, o, doc, m->addressees[i].line);
            vb_buf_putc(out, '>');
            S_field_text(out, o, &m->addressees[i]);
            S_close(out, "item");
        }
        S_indent(out, 2);
        vb_buf_puts(out, "</addressees>");
    }
    S_field(out, o, doc, "secrecy", &m->secrecy, "level", m->secrecy_level);
    S_field(out, o, doc, "urgency", &m->urgency, "level", m->urgency_level);
    S_field(out, o, doc, "draft", &m->draft, m->draft_round ? "round" : NULL, m->draft_round);
    for (size_t i = 0; i < m->nrules; i++) {
        S_indent(out, 2);
        S_open(out, "rule");
        S_line(out, o, m->rules[i].line);
        vb_buf_putc(out, '>');
        S_field_text(out, o, &m->rules[i]);
        S_close(out, "rule");
    }
    const vb_source *src = doc->source;
    for (const vb_prop *p = src->props; p; p = p->next) {
        S_indent(out, 2);
        S_open(out, "property");
        S_attr(out, "name", p->key);
        S_line(out, o, p->line);
        vb_buf_putc(out, '>');
        vb_render_escape_xml(out, p->value, strlen(p->value), false);
        vb_buf_puts(out, "</property>");
    }
    if (src->report && src->report->nitems) {
        S_indent(out, 2);
        vb_buf_puts(out, "<repairs>");
        for (size_t i = 0; i < src->report->nitems; i++) {
            S_indent(out, 3);
            S_open(out, "count");
            S_attr(out, "kind", src->report->items[i].kind);
            S_attr_int(out, "n", (long)src->report->items[i].count);
            vb_buf_puts(out, "/>");
        }
        S_indent(out, 2);
        vb_buf_puts(out, "</repairs>");
    }
    for (const vb_diag *g = src->diags.first; g; g = g->next) {
        static const char *const sev[] = {"note", "warning", "error"};
        S_indent(out, 2);
        S_open(out, "diagnostic");
        S_attr(out, "severity", sev[g->severity]);
        S_attr(out, "code", g->code);
        S_line(out, o, g->line);
        if (g->column > 0) S_attr_int(out, "column", g->column);
        if (g->byte_offset >= 0) S_attr_int(out, "byte", g->byte_offset);
        vb_buf_putc(out, '>');
        vb_render_escape_xml(out, g->message, strlen(g->message), false);
        vb_buf_puts(out, "</diagnostic>");
    }
    if (doc->checks) { /* figures stated twice and how they compare (model/check.c) */
        S_indent(out, 2);
        vb_buf_puts(out, "<checks>");
        for (const vb_check *k = doc->checks; k; k = k->next) {
            S_indent(out, 3);
            S_open(out, "check");
            S_line(out, o, k->line);
            S_attr(out, "kind", k->kind);
            S_attr(out, "result", k->ok ? "ok" : "mismatch");
            S_attr(out, "expected", k->expected);
            S_attr(out, "found", k->found);
            S_attr(out, "what", k->what);
            vb_buf_puts(out, "/>");
        }
        S_indent(out, 2);
        vb_buf_puts(out, "</checks>");
    }
    S_indent(out, 1);
    vb_buf_puts(out, "</meta>");
}

static const char *S_section_kind(vb_section_kind k) {
    static const char *const names[] = {"part",     "chapter",    "subchapter", "article",
                                        "roman",    "decimal",    "multilevel", "letter"};
    return (unsigned)k < sizeof names / sizeof names[0] ? names[k] : "?";
}

static const char *S_row_kind(vb_row_kind k) {
    static const char *const names[] = {"data", "header", "group", "total"};
    return names[k];
}

static bool S_has_block_children(const vb_node *n) {
    for (const vb_node *c = n->first_child; c; c = c->next)
        if (!vb_node_is_inline(c->type)) return true;
    return false;
}

/* page="3" bbox="x0 y0 x1 y1" where the source printed the line (PDF, OCR
 * layers); nothing for sources without pages. */
static void S_number(vb_buf *out, float v) {
    char p[32];
    int k = snprintf(p, sizeof p, "%.2f", (double)v);
    while (k > 0 && p[k - 1] == '0') k--;
    if (k > 0 && p[k - 1] == '.') k--;
    vb_buf_append(out, p, (size_t)k);
}

static void S_page_bbox(vb_buf *out, int page, const float box[4]) {
    S_attr_int(out, "page", page);
    S_attr_name(out, "bbox");
    for (int i = 0; i < 4; i++) {
        if (i) vb_buf_putc(out, ' ');
        S_number(out, box[i]);
    }
    vb_buf_putc(out, '"');
}

static void S_position(vb_buf *out, const vb_render_options *o, const vb_doc *doc, int line) {
    const vb_position *p = o->with_lines ? vb_doc_position(doc, line) : NULL;
    if (p) S_page_bbox(out, p->page, p->box);
}

/* A repair of a word an OCR engine read: the page and box of the word and
 * the engine's confidence in it (ocr-confidence, 0..1). */
static void S_word_source(vb_buf *out, const vb_render_options *o, const vb_word_pos *pos,
                          uint8_t word_conf) {
    if (pos && o->with_lines) S_page_bbox(out, pos->page, pos->box);
    if (word_conf) {
        char p[16];
        snprintf(p, sizeof p, "%.2f", (double)(word_conf - 1) / 100.0);
        S_attr(out, "ocr-confidence", p);
    }
}

static void S_start_tag(const vb_doc *doc, const vb_node *n, const vb_render_options *o, vb_buf *out) {
    const char *name = vb_node_type_name(n->type);
    S_open(out, name);
    switch (n->type) {
    case VB_NODE_SECTION:
        S_attr(out, "kind", S_section_kind(n->as.section.kind));
        S_attr(out, "num", n->as.section.num);
        S_attr(out, "label", n->as.section.label);
        S_attr_int(out, "level", n->as.section.level);
        break;
    case VB_NODE_LIST: break;
    case VB_NODE_ITEM: S_attr(out, "marker", n->as.item.marker); break;
    case VB_NODE_TABLE: {
        long rows = 0, cols = 0;
        for (const vb_node *r = n->first_child; r; r = r->next, rows++) {
            long c = 0;
            for (const vb_node *cell = r->first_child; cell; cell = cell->next)
                c += cell->as.cell.colspan;
            if (c > cols) cols = c;
        }
        S_attr_int(out, "rows", rows);
        S_attr_int(out, "cols", cols);
        break;
    }
    case VB_NODE_ROW:
        if (n->as.row.kind != VB_ROW_DATA) S_attr(out, "kind", S_row_kind(n->as.row.kind));
        break;
    case VB_NODE_CELL:
        if (n->as.cell.colspan > 1) S_attr_int(out, "colspan", n->as.cell.colspan);
        if (n->as.cell.rowspan > 1) S_attr_int(out, "rowspan", n->as.cell.rowspan);
        break;
    case VB_NODE_APPENDIX:
        S_attr(out, "num", n->as.appendix.num);
        S_attr(out, "label", n->as.appendix.label);
        break;
    case VB_NODE_FOOTNOTE: S_attr(out, "label", n->as.note.label); break;
    case VB_NODE_NOTE_REF: S_attr(out, "label", n->as.note.label); break;
    case VB_NODE_LINK: S_attr(out, "href", n->as.link.url); break;
    case VB_NODE_REPAIR:
        S_repair_attrs(out, n->as.repair.kind, n->as.repair.original, n->as.repair.confidence,
                       n->as.repair.needs_review);
        S_word_source(out, o, n->as.repair.word_pos, n->as.repair.word_conf);
        break;
    case VB_NODE_DOCUMENT:
    case VB_NODE_BODY:
    case VB_NODE_HEADING:
    case VB_NODE_PARAGRAPH:
    case VB_NODE_CLOSING:
    case VB_NODE_RECIPIENTS:
    case VB_NODE_SIGNER:
    case VB_NODE_ROLE:
    case VB_NODE_NAME:
    case VB_NODE_TASKS:
    case VB_NODE_TASK:
    case VB_NODE_LEAD:
    case VB_NODE_PARTNERS:
    case VB_NODE_OUTPUT:
    case VB_NODE_DEADLINE:
    case VB_NODE_PAGE_HEADER:
    case VB_NODE_PAGE_FOOTER:
    case VB_NODE_QUOTATION: /* open, close, unclosed: in n->attrs */
    case VB_NODE_LAYOUT:
    case VB_NODE_TEXT:
    case VB_NODE_EMPH:
    case VB_NODE_STRONG:
    case VB_NODE_SUPERSCRIPT:
    case VB_NODE_SUBSCRIPT:
    case VB_NODE_LINEBREAK:
    case VB_NODE_INSERTED:
    case VB_NODE_DELETED:
    case VB_NODE_DATA:
        break; /* no attributes of their own (DATA's are in n->attrs) */
    case VB_NODE__COUNT:
    default: assert(!"node type unknown to the XML renderer"); break;
    }
    for (const vb_attr *a = n->attrs; a; a = a->next) S_attr(out, a->name, a->value);
    if (!vb_node_is_inline(n->type)) {
        S_line(out, o, n->line);
        S_position(out, o, doc, n->line);
    }
}

int vb_render_xml(const vb_doc *doc, const vb_render_options *o, vb_buf *out) {
    vb_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<document");
    S_attr(out, "source", doc->source->path);
    S_attr(out, "format", doc->source->format);
    S_attr(out, "encoding", doc->source->encoding);
    vb_buf_putc(out, '>');
    S_meta(doc, o, out);
    vb_iter it;
    vb_iter_init(&it, doc->root);
    vb_event ev;
    int depth = 0;
    while ((ev = vb_iter_next(&it)) != VB_EVENT_DONE) {
        vb_render_drain(out, o, false);
        const vb_node *n = vb_iter_node(&it);
        if (n->type == VB_NODE_DOCUMENT) continue;
        bool block = !vb_node_is_inline(n->type);
        if (ev == VB_EVENT_ENTER) {
            /* the leaves; every other kind is an element (S_start_tag) */
            if (n->type == VB_NODE_TEXT) {
                vb_render_escape_xml(out, n->text, n->len, false);
                continue;
            }
            if (n->type == VB_NODE_LINEBREAK) {
                vb_buf_puts(out, "<br/>");
                continue;
            }
            if (n->type == VB_NODE_NOTE_REF) {
                S_start_tag(doc, n, o, out);
                vb_buf_putc(out, '>');
                vb_render_escape_xml(out, n->as.note.label, strlen(n->as.note.label), false);
                vb_buf_puts(out, "</note-ref>");
                continue;
            }
            if (block) S_indent(out, ++depth);
            S_start_tag(doc, n, o, out);
            if (!n->first_child) {
                vb_buf_puts(out, "/>");
                if (block) depth--;
                /* the iterator still sends EXIT for an empty container */
            } else {
                vb_buf_putc(out, '>');
            }
            continue;
        }
        /* EXIT */
        if (!n->first_child) continue;
        if (block) {
            if (S_has_block_children(n)) S_indent(out, depth);
            depth--;
        }
        S_close(out, vb_node_type_name(n->type));
    }
    vb_buf_puts(out, "\n</document>\n");
    return VB_OK;
}
