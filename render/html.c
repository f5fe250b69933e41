/* HTML5 renderer: a page a person reads.  The header is a definition list,
 * sections are <section> with headings, lists and tables are real ones,
 * repairs are highlighted with the original on hover, footnotes link both
 * ways.  A small stylesheet is embedded so the file stands alone. */
#include "render_internal.h"

#include <assert.h>
#include <string.h>

static const char S_css[] =
    "body{font-family:'Times New Roman',serif;max-width:60rem;margin:2rem auto;padding:0 1rem;"
    "line-height:1.5;color:#111}\n"
    "header.doc{border-bottom:1px solid #999;margin-bottom:1.5rem}\n"
    "dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}\n"
    "dl.meta dt{font-weight:bold;color:#444}dl.meta dd{margin:0;white-space:pre-line}\n"
    "h1{text-align:center;font-size:1.4rem}\n"
    "h2,h3,h4,h5,h6{font-size:1.05rem;margin:1.2rem 0 .4rem}\n"
    "ul.list{list-style:none;padding-left:1.2rem}ul.list>li>.marker{margin-right:.4em}\n"
    "table{border-collapse:collapse;margin:1rem 0;font-size:.92rem}\n"
    "td,th{border:1px solid #555;padding:.2rem .4rem;vertical-align:top}\n"
    "th{background:#eee}tr.group td{font-weight:bold;background:#f6f6f6}\n"
    "tr.total td{font-weight:bold;border-top:2px solid #111}\n"
    ".repair{background:#e8f4e8}.repair.low{background:#ffe08a;outline:1px dashed #a60}\n"
    ".repair.review{background:#ffc9c9}\n"
    "section.appendix{border-top:2px solid #999;margin-top:2rem}\n"
    "footer.closing{margin-top:2rem;display:flex;gap:3rem;flex-wrap:wrap}\n"
    ".signer{text-align:center;font-weight:bold}.signer .name{margin-top:3rem}\n"
    "aside.footnotes{border-top:1px solid #999;margin-top:2rem;font-size:.9rem}\n"
    ".page-header,.page-footer{color:#666;font-size:.85rem}\n"
    "del{color:#a00}ins{color:#060}\n"
    ".check-mismatch{outline:2px solid #c00;background:#fdd}\n"
    ".tasks{margin:.5em 0 1em}.tasks li{margin:.3em 0}.data[data-kind=agency]{text-decoration:underline dotted}\n";

static void S_esc(vb_buf *out, const char *s) {
    if (s) vb_render_escape_xml(out, s, strlen(s), false);
}

static void S_attr(vb_buf *out, const char *name, const char *value) {
    vb_buf_printf(out, " %s=\"", name);
    if (value) vb_render_escape_xml(out, value, strlen(value), true);
    vb_buf_putc(out, '"');
}

/* A figure that does not agree with its parts (class check-mismatch: a red
 * frame) says what the parts add up to. */
static void S_mismatch(const vb_doc *doc, const vb_node *n, vb_buf *out) {
    for (const vb_check *k = doc->checks; k; k = k->next)
        if (!k->ok && k->nfigures && k->figures[0] == n) {
            char title[256];
            snprintf(title, sizeof title, "kiểm tra: cần là %s, ghi %s", k->expected, k->found);
            S_attr(out, "data-check", title);
            break;
        }
}

/* Opens the span of a repair: low-confidence ones stand out, and the
 * original shows on hover. */
static void S_repair_open(vb_buf *out, const vb_render_options *o, const char *original,
                          float confidence, bool needs_review) {
    bool low = confidence < o->low_confidence;
    vb_buf_printf(out, "<span class=\"repair%s%s\"", low ? " low" : "", needs_review ? " review" : "");
    char title_text[512];
    snprintf(title_text, sizeof title_text, "%s: %s (p=%.2f)", needs_review ? "cần xem lại, gốc" : "gốc",
             original ? original : "", confidence);
    S_attr(out, "title", title_text);
    S_attr(out, "data-original", original);
    vb_buf_putc(out, '>');
}

static void S_field_repair_open(vb_buf *out, const vb_field_repair *r, const void *ctx) {
    S_repair_open(out, ctx, r->original, r->confidence, r->needs_review);
}

/* A header field's value, its repaired words marked as in the body. */
static void S_field_text(vb_buf *out, const vb_render_options *o, const vb_field *f) {
    vb_render_field_text(out, f, S_field_repair_open, "</span>", o);
}

static void S_dl_item(vb_buf *out, const vb_render_options *o, const char *term, const vb_field *f) {
    if (!f->value) return;
    vb_buf_printf(out, "<dt>%s</dt><dd>", term);
    S_field_text(out, o, f);
    vb_buf_puts(out, "</dd>\n");
}

static void S_header(const vb_doc *doc, const vb_render_options *o, vb_buf *out) {
    const vb_meta *m = &doc->meta;
    vb_buf_puts(out, "<header class=\"doc\">\n");
    if (m->type.value) {
        vb_buf_puts(out, "<h1>");
        S_field_text(out, o, &m->type);
        if (m->title.value) {
            vb_buf_puts(out, "<br>");
            S_field_text(out, o, &m->title);
        }
        vb_buf_puts(out, "</h1>\n");
    }
    vb_buf_puts(out, "<dl class=\"meta\">\n");
    S_dl_item(out, o, "Cơ quan ban hành", &m->authority);
    S_dl_item(out, o, "Số, ký hiệu", &m->number);
    S_dl_item(out, o, "Địa danh", &m->place);
    S_dl_item(out, o, "Ngày", &m->date);
    S_dl_item(out, o, "Loại văn bản", &m->type);
    S_dl_item(out, o, "Trích yếu", &m->title);
    for (size_t i = 0; i < m->naddressees; i++) S_dl_item(out, o, "Kính gửi", &m->addressees[i]);
    S_dl_item(out, o, "Độ mật", &m->secrecy);
    S_dl_item(out, o, "Độ khẩn", &m->urgency);
    S_dl_item(out, o, "Dự thảo", &m->draft);
    for (const vb_prop *p = doc->source->props; p; p = p->next) {
        vb_buf_puts(out, "<dt>");
        S_esc(out, p->key);
        vb_buf_puts(out, "</dt><dd>");
        S_esc(out, p->value);
        vb_buf_puts(out, "</dd>\n");
    }
    vb_buf_puts(out, "</dl>\n</header>\n");
}

static int S_heading_level(const vb_node *section) {
    int level = section->as.section.level + 1;
    return level > 6 ? 6 : level;
}

static bool S_page_mark_before(const vb_node *n) {
    static const vb_node_type kinds[] = {VB_NODE_SECTION,  VB_NODE_HEADING,     VB_NODE_PARAGRAPH,
                                         VB_NODE_LIST,     VB_NODE_TABLE,       VB_NODE_APPENDIX,
                                         VB_NODE_CLOSING,  VB_NODE_RECIPIENTS,  VB_NODE_SIGNER,
                                         VB_NODE_PAGE_HEADER, VB_NODE_PAGE_FOOTER, VB_NODE_QUOTATION};
    if (!n->parent || n->parent->type == VB_NODE_ITEM || n->parent->type == VB_NODE_CELL) return false;
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (n->type == kinds[i]) return true;
    return false;
}

int vb_render_html(const vb_doc *doc, const vb_render_options *o, vb_buf *out) {
    const char *title = doc->meta.title.value ? doc->meta.title.value
                        : doc->meta.type.value ? doc->meta.type.value : doc->source->path;
    if (o->standalone) {
        vb_buf_puts(out, "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
                         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
        S_esc(out, title);
        vb_buf_printf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", S_css);
    }
    vb_buf_puts(out, "<article class=\"vanban\">\n");
    S_header(doc, o, out);

    bool footnotes_open = false;
    int page = 0; /* the last page number shown (sources printed on pages) */
    vb_iter it;
    vb_iter_init(&it, doc->root);
    vb_event ev;
    while ((ev = vb_iter_next(&it)) != VB_EVENT_DONE) {
        vb_render_drain(out, o, false);
        const vb_node *n = vb_iter_node(&it);
        bool enter = ev == VB_EVENT_ENTER;
        if (enter && footnotes_open && n->type != VB_NODE_FOOTNOTE && n->parent &&
            n->parent->type == VB_NODE_DOCUMENT) {
            vb_buf_puts(out, "</aside>\n");
            footnotes_open = false;
        }
        /* where a printed page begins (PDF, OCR layers), before a block that
         * a div may precede (not inside a list, a table row or a task) */
        if (enter && doc->positions && S_page_mark_before(n)) {
            const vb_position *p = vb_doc_position(doc, n->line);
            if (p && p->page > page) {
                page = p->page;
                vb_buf_printf(out,
                              "<div class=\"page-number\" id=\"page-%d\" style=\"text-align:right;"
                              "color:#777;font-size:.8rem;border-top:1px dashed #bbb\">%d</div>\n",
                              page, page);
            }
        }
        switch (n->type) {
        case VB_NODE_DOCUMENT:
            if (!enter && footnotes_open) vb_buf_puts(out, "</aside>\n");
            break;
        case VB_NODE_BODY: vb_buf_puts(out, enter ? "<main>\n" : "</main>\n"); break;
        case VB_NODE_SECTION:
            if (enter) vb_buf_printf(out, "<section class=\"level%d\">\n", n->as.section.level);
            else vb_buf_puts(out, "</section>\n");
            break;
        case VB_NODE_HEADING:
            if (n->parent->type == VB_NODE_SECTION) {
                int h = S_heading_level(n->parent);
                if (enter) {
                    vb_buf_printf(out, "<h%d>", h);
                    if (n->parent->as.section.label) {
                        S_esc(out, n->parent->as.section.label);
                        vb_buf_putc(out, ' ');
                    }
                } else {
                    vb_buf_printf(out, "</h%d>\n", h);
                }
            } else if (n->parent->type == VB_NODE_APPENDIX) {
                vb_buf_puts(out, enter ? "<h2>" : "</h2>\n");
            } else {
                vb_buf_puts(out, enter ? "<p class=\"heading\"><strong>" : "</strong></p>\n");
            }
            break;
        case VB_NODE_PARAGRAPH: vb_buf_puts(out, enter ? "<p>" : "</p>\n"); break;
        case VB_NODE_LIST: vb_buf_puts(out, enter ? "<ul class=\"list\">\n" : "</ul>\n"); break;
        case VB_NODE_ITEM:
            if (enter) {
                vb_buf_puts(out, "<li><span class=\"marker\">");
                S_esc(out, n->as.item.marker ? n->as.item.marker : "-");
                vb_buf_puts(out, "</span>");
            } else {
                vb_buf_puts(out, "</li>\n");
            }
            break;
        case VB_NODE_TABLE: vb_buf_puts(out, enter ? "<table>\n" : "</table>\n"); break;
        case VB_NODE_ROW:
            if (enter) {
                static const char *const cls[] = {"", " class=\"header\"", " class=\"group\"",
                                                  " class=\"total\""};
                vb_buf_printf(out, "<tr%s>", cls[n->as.row.kind]);
            } else {
                vb_buf_puts(out, "</tr>\n");
            }
            break;
        case VB_NODE_CELL: {
            const char *tag = n->as.cell.header ? "th" : "td";
            if (enter) {
                vb_buf_printf(out, "<%s", tag);
                if (n->as.cell.colspan > 1) vb_buf_printf(out, " colspan=\"%d\"", n->as.cell.colspan);
                if (n->as.cell.rowspan > 1) vb_buf_printf(out, " rowspan=\"%d\"", n->as.cell.rowspan);
                if (vb_node_get_attr(n, "check")) {
                    vb_buf_puts(out, " class=\"check-mismatch\"");
                    S_mismatch(doc, n, out);
                }
                vb_buf_putc(out, '>');
            } else {
                vb_buf_printf(out, "</%s>", tag);
            }
            break;
        }
        case VB_NODE_APPENDIX:
            vb_buf_puts(out, enter ? "<section class=\"appendix\">\n" : "</section>\n");
            break;
        case VB_NODE_FOOTNOTE:
            if (enter) {
                if (!footnotes_open) {
                    vb_buf_puts(out, "<aside class=\"footnotes\">\n");
                    footnotes_open = true;
                }
                const char *id = vb_node_get_attr(n, "id");
                vb_buf_puts(out, "<div class=\"footnote\"");
                if (id) S_attr(out, "id", id);
                vb_buf_puts(out, "><sup>");
                S_esc(out, n->as.note.label);
                vb_buf_puts(out, "</sup>");
            } else {
                vb_buf_puts(out, "</div>\n");
            }
            break;
        case VB_NODE_CLOSING:
            vb_buf_puts(out, enter ? "<footer class=\"closing\">\n" : "</footer>\n");
            break;
        case VB_NODE_RECIPIENTS:
            if (enter) vb_buf_puts(out, "<div class=\"recipients\">\n");
            else vb_buf_puts(out, "</div>\n");
            break;
        case VB_NODE_SIGNER: vb_buf_puts(out, enter ? "<div class=\"signer\">\n" : "</div>\n"); break;
        case VB_NODE_ROLE: vb_buf_puts(out, enter ? "<div class=\"role\">" : "</div>\n"); break;
        case VB_NODE_NAME:
            if (n->parent->type == VB_NODE_TASK) vb_buf_puts(out, enter ? "<span class=\"task-name\">" : "</span>");
            else vb_buf_puts(out, enter ? "<div class=\"name\">" : "</div>\n");
            break;
        case VB_NODE_TASKS:
            /* the task records under their table, folded */
            if (enter) {
                vb_buf_puts(out, "<details class=\"tasks\"><summary>Nhiệm vụ: ");
                S_esc(out, vb_node_get_attr(n, "count") ? vb_node_get_attr(n, "count") : "");
                vb_buf_puts(out, "</summary>\n<ol>\n");
            } else {
                vb_buf_puts(out, "</ol></details>\n");
            }
            break;
        case VB_NODE_TASK:
            if (enter) {
                vb_buf_puts(out, "<li class=\"task\"><b>");
                S_esc(out, vb_node_get_attr(n, "num") ? vb_node_get_attr(n, "num") : "");
                vb_buf_puts(out, "</b> ");
            } else {
                vb_buf_puts(out, "</li>\n");
            }
            break;
        case VB_NODE_LEAD:
        case VB_NODE_PARTNERS:
        case VB_NODE_OUTPUT:
        case VB_NODE_DEADLINE: {
            static const char *const label[] = {"Chủ trì", "Phối hợp", "Kết quả", "Thời hạn"};
            if (enter) {
                vb_buf_printf(out, "<br><span class=\"%s\"", vb_node_type_name(n->type));
                const char *by = vb_node_get_attr(n, "by");
                if (by) S_attr(out, "title", by);
                vb_buf_printf(out, "><i>%s:</i> ", label[n->type - VB_NODE_LEAD]);
            } else {
                vb_buf_puts(out, "</span>");
            }
            break;
        }
        case VB_NODE_PAGE_HEADER:
            vb_buf_puts(out, enter ? "<div class=\"page-header\">\n" : "</div>\n");
            break;
        case VB_NODE_PAGE_FOOTER:
            vb_buf_puts(out, enter ? "<div class=\"page-footer\">\n" : "</div>\n");
            break;
        case VB_NODE_QUOTATION: {
            /* the marks as printed, around the quoted blocks */
            const char *mark = vb_node_get_attr(n, enter ? "open" : "close");
            if (enter) vb_buf_puts(out, "<blockquote class=\"quotation\">\n");
            if (mark) {
                vb_buf_puts(out, "<span class=\"quote-mark\">");
                S_esc(out, mark);
                vb_buf_puts(out, "</span>\n");
            }
            if (!enter) vb_buf_puts(out, "</blockquote>\n");
            break;
        }
        case VB_NODE_LAYOUT: /* lines that drew a layout: nothing to show */
            if (enter) it.ev = VB_EVENT_EXIT;
            break;
        case VB_NODE_TEXT: vb_render_escape_xml(out, n->text, n->len, false); break;
        case VB_NODE_LINEBREAK: vb_buf_puts(out, "<br>"); break;
        case VB_NODE_NOTE_REF: {
            const char *ref = vb_node_get_attr(n, "ref");
            vb_buf_puts(out, "<sup class=\"note-ref\">");
            if (ref) {
                vb_buf_puts(out, "<a");
                vb_buf_printf(out, " href=\"#");
                vb_render_escape_xml(out, ref, strlen(ref), true);
                vb_buf_puts(out, "\">");
            }
            S_esc(out, n->as.note.label);
            vb_buf_puts(out, ref ? "</a></sup>" : "</sup>");
            break;
        }
        case VB_NODE_EMPH: vb_buf_puts(out, enter ? "<em>" : "</em>"); break;
        case VB_NODE_STRONG: vb_buf_puts(out, enter ? "<strong>" : "</strong>"); break;
        case VB_NODE_SUPERSCRIPT: vb_buf_puts(out, enter ? "<sup>" : "</sup>"); break;
        case VB_NODE_SUBSCRIPT: vb_buf_puts(out, enter ? "<sub>" : "</sub>"); break;
        case VB_NODE_INSERTED: vb_buf_puts(out, enter ? "<ins>" : "</ins>"); break;
        case VB_NODE_DELETED: vb_buf_puts(out, enter ? "<del>" : "</del>"); break;
        case VB_NODE_LINK:
            if (enter) {
                /* the model keeps only targets that are safe to follow; a
                 * refused one leaves an anchor with no target (not a link) */
                vb_buf_puts(out, "<a");
                if (n->as.link.url) S_attr(out, "href", n->as.link.url);
                vb_buf_putc(out, '>');
            } else {
                vb_buf_puts(out, "</a>");
            }
            break;
        case VB_NODE_REPAIR:
            if (enter) {
                S_repair_open(out, o, n->as.repair.original, n->as.repair.confidence,
                              n->as.repair.needs_review);
            } else {
                vb_buf_puts(out, "</span>");
            }
            break;
        case VB_NODE_DATA:
            if (enter) {
                bool mismatch = vb_node_get_attr(n, "check") != NULL;
                vb_buf_puts(out, mismatch ? "<span class=\"data check-mismatch\"" : "<span class=\"data\"");
                if (mismatch) S_mismatch(doc, n, out);
                const char *kind = vb_node_get_attr(n, "kind");
                if (kind) S_attr(out, "data-kind", kind);
                vb_buf buf = {0};
                for (const vb_attr *a = n->attrs; a; a = a->next)
                    if (strcmp(a->name, "kind") != 0)
                        vb_buf_printf(&buf, "%s%s=%s", buf.len ? "; " : "", a->name, a->value);
                if (buf.len) S_attr(out, "title", buf.data);
                vb_buf_free(&buf);
                vb_buf_putc(out, '>');
            } else {
                vb_buf_puts(out, "</span>");
            }
            break;
        case VB_NODE__COUNT:
        default: assert(!"node type unknown to the HTML renderer"); break;
        }
    }
    vb_buf_puts(out, "</article>\n");
    if (o->standalone) vb_buf_puts(out, "</body>\n</html>\n");
    return VB_OK;
}
