/* Akoma Ntoso 3.0 renderer (OASIS LegalDocML): a normative act as <act>,
 * any other document as <doc name="...">, with the FRBR identification in
 * <meta>, the header as <preface>, the "Căn cứ ..." paragraphs as
 * <preamble>, the divisions as the AKN hierarchy, the closing as
 * <conclusions> and the appendices as <attachments>.  Every output
 * validates against schema/akomantoso/akomantoso30.xsd; docs/akn-format.md
 * gives the mapping from vanban's XML. */
#include "render_internal.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/unorm2.h>

#define S_NS "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"

/* A map of strings: the eIds given, the suffixes tried, the footnotes. */
typedef struct {
    const char **keys; /* open addressing; keys live in the rendering's arena */
    size_t *vals;
    size_t cap, n;
} S_map;

typedef struct {
    const vb_doc *doc;
    const vb_render_options *o;
    vb_buf *out;
    vb_arena *arena;     /* the strings this rendering makes */
    S_map eids;          /* every eId given, as the schema wants them unique */
    S_map suffixes;      /* the last suffix given to an eId that came twice */
    S_map note_labels;   /* a footnote's label -> its index + 1 */
    const vb_node **notes; /* the footnotes, and whether each is written */
    bool *note_done;
    bool *note_marked;   /* a mark outside the notes points to it */
    size_t nnotes;
    int in_note;         /* inside an authorialNote: its refs stay marks */
    int depth;           /* indentation */
    size_t nsigners, nroles, nattachments, nquotes;
    const char *work, *expr; /* FRBR Work and Expression URIs */
    bool act;
    const char *author_eid;
    const char *author_slug; /* the issuer as the URI names it, NULL if unknown */
} S_ctx;

/* ---- output helpers ---- */

static void S_indent(S_ctx *c) {
    vb_buf_putc(c->out, '\n');
    for (int i = 0; i < c->depth; i++) vb_buf_puts(c->out, "  ");
}

static void S_esc(vb_buf *out, const char *s, size_t len) { vb_render_escape_xml(out, s, len, false); }

static void S_attr(vb_buf *out, const char *name, const char *value) {
    if (!value) return;
    vb_buf_putc(out, ' ');
    vb_buf_puts(out, name);
    vb_buf_puts(out, "=\"");
    vb_render_escape_xml(out, value, strlen(value), true);
    vb_buf_putc(out, '"');
}

/* <name attrs...> on a line of its own; attrs are name, value pairs ending
 * with NULL (a NULL value leaves its attribute out). */
static void S_open_line(S_ctx *c, const char *name) {
    S_indent(c);
    vb_buf_putc(c->out, '<');
    vb_buf_puts(c->out, name);
}

static void S_close_line(S_ctx *c, const char *name) {
    S_indent(c);
    vb_buf_puts(c->out, "</");
    vb_buf_puts(c->out, name);
    vb_buf_putc(c->out, '>');
}

/* <num>label</num> on a line of its own */
static void S_num_line(S_ctx *c, const char *label) {
    S_open_line(c, "num");
    vb_buf_putc(c->out, '>');
    S_esc(c->out, label, strlen(label));
    vb_buf_puts(c->out, "</num>");
}

static void S_drain(S_ctx *c) { vb_render_drain(c->out, c->o, false); }

/* ---- text helpers ---- */

/* The text of a node's subtree, line breaks as blanks, appended to out. */
static void S_plain(vb_buf *out, const vb_node *n) {
    vb_iter it;
    vb_iter_init(&it, n);
    vb_event ev;
    while ((ev = vb_iter_next(&it)) != VB_EVENT_DONE) {
        const vb_node *t = vb_iter_node(&it);
        if (ev != VB_EVENT_ENTER) continue;
        if (t->type == VB_NODE_TEXT) vb_buf_append(out, t->text, t->len);
        else if (t->type == VB_NODE_LINEBREAK) vb_buf_putc(out, ' ');
    }
}

/* s with every run of blanks (newlines too) made one space, trimmed. */
static const char *S_oneline(vb_arena *a, const char *s) {
    size_t n = strlen(s);
    char *r = vb_arena_alloc(a, n + 1), *w = r;
    bool blank = false;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r') {
            blank = w != r;
            continue;
        }
        if (blank) *w++ = ' ';
        blank = false;
        *w++ = ch;
    }
    *w = '\0';
    return r;
}

/* Appends the URI form of s[0..len): letters without their marks in lower
 * case (đ as d), digits, and one '-' for every run of anything else; no
 * '-' at either end.  Returns whether it appended anything. */
static bool S_slug(vb_buf *out, const char *s, size_t len) {
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&err);
    size_t start = out->len;
    bool dash = false;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        int k = vb_utf8_decode((const unsigned char *)s + i, len - i, &cp);
        if (k <= 0) {
            k = 1;
            cp = '?';
        }
        i += (size_t)k;
        if (cp == 0x0110 || cp == 0x0111) cp = 'd';
        else if (cp >= 0x80 && U_SUCCESS(err)) {
            UChar d[8];
            UErrorCode e = U_ZERO_ERROR;
            int32_t m = unorm2_getDecomposition(nfd, (UChar32)cp, d, 8, &e);
            if (U_SUCCESS(e) && m > 0 && d[0] < 0x80) cp = d[0];
            else if (cp >= 0x300 && cp < 0x370) continue; /* a combining mark */
        }
        if (cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
        bool alnum = (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9');
        if (!alnum) {
            dash = out->len > start;
            continue;
        }
        if (dash) vb_buf_putc(out, '-');
        dash = false;
        vb_buf_putc(out, (char)cp);
    }
    return out->len > start;
}

static const char *S_slug_str(S_ctx *c, const char *s) {
    vb_buf b = {0};
    const char *r = NULL;
    if (s && S_slug(&b, s, strlen(s))) r = vb_arena_strndup(c->arena, b.data, b.len);
    vb_buf_free(&b);
    return r;
}

/* ---- string maps: the eIds given, the suffixes tried, the footnotes ---- */

static size_t S_hash(const char *s) {
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return (size_t)h;
}

static size_t *S_map_get(const S_map *m, const char *k) {
    if (!m->cap) return NULL;
    for (size_t i = S_hash(k) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        if (!m->keys[i]) return NULL;
        if (strcmp(m->keys[i], k) == 0) return &m->vals[i];
    }
}

/* The value of k, a new one (0) if k was not there; k must outlive m. */
static size_t *S_map_put(S_map *m, const char *k) {
    size_t *v = S_map_get(m, k);
    if (v) return v;
    if ((m->n + 1) * 2 > m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 256;
        const char **keys = calloc(cap, sizeof *keys);
        size_t *vals = calloc(cap, sizeof *vals);
        if (!keys || !vals) abort();
        for (size_t i = 0; i < m->cap; i++) {
            if (!m->keys[i]) continue;
            size_t j = S_hash(m->keys[i]) & (cap - 1);
            while (keys[j]) j = (j + 1) & (cap - 1);
            keys[j] = m->keys[i];
            vals[j] = m->vals[i];
        }
        free(m->keys);
        free(m->vals);
        m->keys = keys;
        m->vals = vals;
        m->cap = cap;
    }
    size_t j = S_hash(k) & (m->cap - 1);
    while (m->keys[j]) j = (j + 1) & (m->cap - 1);
    m->keys[j] = k;
    m->vals[j] = 0;
    m->n++;
    return &m->vals[j];
}

static void S_map_free(S_map *m) {
    free(m->keys);
    free(m->vals);
}

static bool S_eid_has(const S_ctx *c, const char *e) { return S_map_get(&c->eids, e) != NULL; }

static void S_eid_put(S_ctx *c, const char *e) { S_map_put(&c->eids, e); }

/* The eId parent__prefix_num (prefix_num at the top), made unique with a
 * suffix "-2", "-3"... when the document numbers two divisions alike. */
static const char *S_eid(S_ctx *c, const char *parent, const char *prefix, const char *num) {
    vb_buf b = {0};
    if (parent) {
        vb_buf_puts(&b, parent);
        vb_buf_puts(&b, "__");
    }
    vb_buf_puts(&b, prefix);
    vb_buf_putc(&b, '_');
    if (!num || !S_slug(&b, num, strlen(num))) vb_buf_putc(&b, '1');
    const char *e = vb_arena_strndup(c->arena, b.data, b.len);
    if (S_eid_has(c, e)) {
        /* the suffixes of a base go up from the last one given */
        size_t *last = S_map_put(&c->suffixes, e), base = b.len;
        for (size_t k = *last ? *last + 1 : 2;; k++) {
            b.len = base;
            vb_buf_printf(&b, "-%zu", k);
            if (!S_eid_has(c, b.data)) {
                *last = k;
                break;
            }
        }
        e = vb_arena_strndup(c->arena, b.data, b.len);
    }
    vb_buf_free(&b);
    S_eid_put(c, e);
    return e;
}

/* ---- what the document is ---- */

/* The type named by the ký hiệu: the part before '-' of one of its
 * '/'-separated pieces ("QĐ" of "11/2026/QĐ-UBND"); *rest gets what
 * follows that '-' (the issuer), NULL when none. */
static const vb_lex_doc_type *S_type_of_code(const char *code, const char **rest) {
    if (rest) *rest = NULL;
    if (!code) return NULL;
    const char *p = code;
    while (*p) {
        const char *end = strchr(p, '/');
        if (!end) end = p + strlen(p);
        const char *dash = memchr(p, '-', (size_t)(end - p));
        size_t n = dash ? (size_t)(dash - p) : (size_t)(end - p);
        const vb_lex_doc_type *t = vb_lex_doc_type_by_abbr(p, n);
        if (t) {
            if (rest && dash) *rest = dash + 1;
            return t;
        }
        p = *end ? end + 1 : end;
    }
    return NULL;
}

/* The printed type; else the one the ký hiệu names; else, when the ký
 * hiệu names no type at all ("5973/UBND-KT"), a công văn, the one type
 * that Nghị định 30/2020 prints without its name. */
static const vb_lex_doc_type *S_doc_type(const vb_meta *m) {
    if (m->type.value) {
        const char *v = m->type.value;
        const vb_lex_doc_type *t = vb_lex_doc_type_of(v, strlen(v));
        if (t) return t;
    }
    const vb_lex_doc_type *t = S_type_of_code(m->code, NULL);
    if (!t && m->code && !m->type.value) t = vb_lex_doc_type_by_abbr("CV", 2);
    return t;
}

/* The issuing body's part of the ký hiệu (Nghị định 30/2020, Phụ lục I):
 * the piece after the type ("UBND" of "QĐ-UBND"), or a công văn's first
 * piece ("UBND" of "UBND-KT", where "KT" is the drafting office); NULL
 * when there is no ký hiệu.  Arena-owned. */
static const char *S_issuer_of_code(S_ctx *c, const char *code) {
    const char *issuer = NULL;
    if (!code) return NULL;
    if (!S_type_of_code(code, &issuer)) issuer = code;
    if (!issuer) return NULL;
    size_t n = strcspn(issuer, "-/");
    return n ? vb_arena_strndup(c->arena, issuer, n) : NULL;
}

/* The issuer of the URI: the issuing body's part of the ký hiệu with the
 * place where it was signed ("ubnd-lao-cai"); else the last line of the
 * authority. */
static const char *S_author_slug(S_ctx *c, const vb_meta *m) {
    vb_buf b = {0};
    const char *issuer = S_issuer_of_code(c, m->code);
    if (issuer && S_slug(&b, issuer, strlen(issuer))) {
        size_t at = b.len;
        vb_buf_putc(&b, '-');
        if (!m->place.value || !S_slug(&b, m->place.value, strlen(m->place.value))) b.len = at;
    } else if (m->authority.value) {
        const char *a = m->authority.value, *last = strrchr(a, '\n');
        last = last ? last + 1 : a;
        S_slug(&b, last, strlen(last));
    }
    const char *r = b.len ? vb_arena_strndup(c->arena, b.data, b.len) : NULL;
    vb_buf_free(&b);
    return r;
}

/* /akn/vn/TYPE[/SUBTYPE][/AUTHOR][/DATE][/NUMBER]: the parts the document
 * prints, none made up. */
static const char *S_uri(S_ctx *c, const char *doctype, const char *subtype, const char *author,
                         const char *date, const char *number) {
    vb_buf b = {0};
    vb_buf_puts(&b, "/akn/vn/");
    vb_buf_puts(&b, doctype);
    const char *parts[] = {subtype, author, date, number};
    for (size_t i = 0; i < 4; i++)
        if (parts[i] && parts[i][0]) {
            vb_buf_putc(&b, '/');
            vb_buf_puts(&b, parts[i]);
        }
    const char *r = vb_arena_strndup(c->arena, b.data, b.len);
    vb_buf_free(&b);
    return r;
}

/* ---- inline content ---- */

static void S_blocks(S_ctx *c, const vb_node *first, const vb_node *stop);
static void S_block(S_ctx *c, const vb_node *n);

static size_t S_note_index(const S_ctx *c, const char *label) {
    size_t *v = label ? S_map_get(&c->note_labels, label) : NULL;
    return v ? *v - 1 : SIZE_MAX;
}

/* A footnote where its mark is: an authorialNote holding its blocks. */
static void S_note(S_ctx *c, size_t i) {
    const vb_node *f = c->notes[i];
    c->note_done[i] = true;
    vb_buf_puts(c->out, "<authorialNote");
    S_attr(c->out, "marker", f->as.note.label);
    S_attr(c->out, "placement", "bottom");
    S_attr(c->out, "eId", S_eid(c, NULL, "fn", f->as.note.label));
    vb_buf_putc(c->out, '>');
    c->in_note++;
    if (f->first_child) S_blocks(c, f->first_child, NULL);
    else vb_buf_puts(c->out, "<p/>");
    c->in_note--;
    vb_buf_puts(c->out, "</authorialNote>");
}

/* The reference of a DATA kind="reference": /akn/vn/act|doc/TYPE[/ISSUER]
 * [/DATE]/NUMBER from its attributes; NULL when it names no type. */
static const char *S_ref_href(S_ctx *c, const vb_node *n) {
    const char *type = vb_node_get_attr(n, "type"), *code = vb_node_get_attr(n, "code");
    const vb_lex_doc_type *t = type ? vb_lex_doc_type_of(type, strlen(type)) : NULL;
    if (!t) t = S_type_of_code(code, NULL);
    if (!t) return NULL;
    return S_uri(c, vb_lex_doc_type_is_normative(t) ? "act" : "doc", S_slug_str(c, t->name),
                 S_slug_str(c, vb_node_get_attr(n, "issuer")), vb_node_get_attr(n, "iso"),
                 S_slug_str(c, code));
}

/* The element an inline node opens (written with its attributes when
 * write is true); NULL for one that is written as its content alone. */
static const char *S_inline_elem(S_ctx *c, const vb_node *n, bool write) {
    vb_buf *out = c->out;
    const char *name = NULL;
    switch (n->type) {
    case VB_NODE_EMPH: name = "i"; break;
    case VB_NODE_STRONG: name = "b"; break;
    case VB_NODE_SUPERSCRIPT: name = "sup"; break;
    case VB_NODE_SUBSCRIPT: name = "sub"; break;
    case VB_NODE_INSERTED: name = "ins"; break;
    case VB_NODE_DELETED: name = "del"; break;
    case VB_NODE_LINK:
        if (!n->as.link.url) return NULL;
        if (!write) return "a";
        vb_buf_puts(out, "<a");
        S_attr(out, "href", n->as.link.url);
        vb_buf_putc(out, '>');
        return "a";
    case VB_NODE_REPAIR:
        if (!write) return "span";
        vb_buf_puts(out, "<span class=\"repair\"");
        S_attr(out, "title", n->as.repair.original);
        vb_buf_putc(out, '>');
        return "span";
    case VB_NODE_DATA: {
        const char *kind = vb_node_get_attr(n, "kind"), *iso = vb_node_get_attr(n, "iso");
        if (kind && strcmp(kind, "reference") == 0) {
            const char *href = S_ref_href(c, n);
            if (!href) return NULL;
            if (!write) return "ref";
            vb_buf_puts(out, "<ref");
            S_attr(out, "href", href);
            vb_buf_putc(out, '>');
            return "ref";
        }
        if (kind && strcmp(kind, "date") == 0 && iso && strlen(iso) == 10) {
            if (!write) return "date";
            vb_buf_puts(out, "<date");
            S_attr(out, "date", iso);
            vb_buf_putc(out, '>');
            return "date";
        }
        return NULL;
    }
    case VB_NODE_TEXT:
    case VB_NODE_LINEBREAK:
    case VB_NODE_NOTE_REF: return NULL; /* leaves, written by S_inlines */
    case VB_NODE_DOCUMENT:
    case VB_NODE_BODY:
    case VB_NODE_SECTION:
    case VB_NODE_HEADING:
    case VB_NODE_PARAGRAPH:
    case VB_NODE_LIST:
    case VB_NODE_ITEM:
    case VB_NODE_TABLE:
    case VB_NODE_ROW:
    case VB_NODE_CELL:
    case VB_NODE_APPENDIX:
    case VB_NODE_FOOTNOTE:
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
    case VB_NODE_QUOTATION:
    case VB_NODE_LAYOUT: return NULL; /* blocks: never inside inline content */
    case VB_NODE__COUNT:
    default: assert(!"node type unknown to the Akoma Ntoso renderer"); return NULL;
    }
    if (!write) return name;
    vb_buf_putc(out, '<');
    vb_buf_puts(out, name);
    vb_buf_putc(out, '>');
    return name;
}

/* The inline nodes from first up to (not including) stop, as mixed content. */
static void S_inlines(S_ctx *c, const vb_node *first, const vb_node *stop) {
    for (const vb_node *top = first; top && top != stop; top = top->next) {
        if (!vb_node_is_inline(top->type)) continue;
        vb_iter it;
        vb_iter_init(&it, top);
        vb_event ev;
        while ((ev = vb_iter_next(&it)) != VB_EVENT_DONE) {
            const vb_node *n = vb_iter_node(&it);
            if (ev == VB_EVENT_EXIT) {
                const char *name = n->first_child ? S_inline_elem(c, n, false) : NULL;
                if (name) {
                    vb_buf_puts(c->out, "</");
                    vb_buf_puts(c->out, name);
                    vb_buf_putc(c->out, '>');
                }
                continue;
            }
            if (n->type == VB_NODE_TEXT) {
                S_esc(c->out, n->text, n->len);
            } else if (n->type == VB_NODE_LINEBREAK) {
                vb_buf_puts(c->out, "<br/>");
            } else if (n->type == VB_NODE_NOTE_REF) {
                size_t i = S_note_index(c, n->as.note.label);
                if (i != SIZE_MAX && !c->note_done[i] && !c->in_note) {
                    S_note(c, i);
                } else {
                    vb_buf_puts(c->out, "<sup>");
                    S_esc(c->out, n->as.note.label, strlen(n->as.note.label));
                    vb_buf_puts(c->out, "</sup>");
                }
            } else if (n->first_child) { /* an empty element says nothing */
                S_inline_elem(c, n, true);
            }
        }
    }
}

static bool S_has_inline(const vb_node *n) {
    for (const vb_node *k = n->first_child; k; k = k->next)
        if (vb_node_is_inline(k->type)) return true;
    return false;
}

/* <p class=...>inlines of n</p> */
static void S_para(S_ctx *c, const vb_node *n, const char *cls) {
    S_open_line(c, "p");
    S_attr(c->out, "class", cls);
    vb_buf_putc(c->out, '>');
    S_inlines(c, n->first_child, NULL);
    vb_buf_puts(c->out, "</p>");
}

/* A container's children where inline runs and blocks mix (list items,
 * table cells): each run of inlines becomes a <p>. Returns whether it
 * wrote anything. */
static bool S_mixed(S_ctx *c, const vb_node *n) {
    bool any = false;
    for (const vb_node *k = n->first_child; k;) {
        if (vb_node_is_inline(k->type)) {
            const vb_node *end = k;
            while (end && vb_node_is_inline(end->type)) end = end->next;
            S_open_line(c, "p");
            vb_buf_putc(c->out, '>');
            S_inlines(c, k, end);
            vb_buf_puts(c->out, "</p>");
            any = true;
            k = end;
            continue;
        }
        size_t before = c->out->len;
        S_block(c, k);
        any |= c->out->len != before;
        k = k->next;
    }
    return any;
}

/* ---- blocks ---- */

static bool S_bullet(const char *marker) {
    for (const char *p = marker; p && *p; p++)
        if ((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))
            return false;
    return true;
}

static void S_list(S_ctx *c, const vb_node *n) {
    if (!n->first_child) return;
    S_open_line(c, "blockList");
    vb_buf_putc(c->out, '>');
    c->depth++;
    for (const vb_node *it = n->first_child; it; it = it->next) {
        S_drain(c);
        S_open_line(c, "item");
        vb_buf_putc(c->out, '>');
        c->depth++;
        if (it->as.item.marker && !S_bullet(it->as.item.marker)) {
            S_num_line(c, it->as.item.marker);
        }
        if (!S_mixed(c, it)) {
            S_open_line(c, "p");
            vb_buf_puts(c->out, "/>");
        }
        c->depth--;
        S_close_line(c, "item");
    }
    c->depth--;
    S_close_line(c, "blockList");
}

static void S_table(S_ctx *c, const vb_node *n) {
    bool any = false;
    for (const vb_node *r = n->first_child; r && !any; r = r->next) any = r->first_child != NULL;
    if (!any) return; /* a table needs a row, a row a cell */
    S_open_line(c, "table");
    vb_buf_putc(c->out, '>');
    c->depth++;
    for (const vb_node *r = n->first_child; r; r = r->next) {
        if (!r->first_child) continue;
        S_drain(c);
        S_open_line(c, "tr");
        if (r->as.row.kind == VB_ROW_GROUP) S_attr(c->out, "class", "group");
        else if (r->as.row.kind == VB_ROW_TOTAL) S_attr(c->out, "class", "total");
        vb_buf_putc(c->out, '>');
        c->depth++;
        for (const vb_node *cell = r->first_child; cell; cell = cell->next) {
            const char *name = r->as.row.kind == VB_ROW_HEADER || cell->as.cell.header ? "th" : "td";
            S_open_line(c, name);
            if (cell->as.cell.rowspan > 1) vb_buf_printf(c->out, " rowspan=\"%d\"", cell->as.cell.rowspan);
            if (cell->as.cell.colspan > 1) vb_buf_printf(c->out, " colspan=\"%d\"", cell->as.cell.colspan);
            vb_buf_putc(c->out, '>');
            c->depth++;
            S_mixed(c, cell);
            c->depth--;
            S_close_line(c, name);
        }
        c->depth--;
        S_close_line(c, "tr");
    }
    c->depth--;
    S_close_line(c, "table");
}

typedef enum { S_IN_PLAN, S_IN_ARTICLE } S_where;
static void S_section(S_ctx *c, const vb_node *s, const char *parent_eid, S_where where);

/* A quotation: <p><mod><quotedStructure> holding its own paragraphs and
 * divisions (the khoản and điểm it quotes are paragraphs and points), its
 * marks as startQuote and endQuote. */
static void S_quotation(S_ctx *c, const vb_node *n) {
    char num[32];
    snprintf(num, sizeof num, "%zu", ++c->nquotes);
    const char *mod = S_eid(c, NULL, "mod", num);
    const char *qs = S_eid(c, mod, "qstr", "1");
    S_open_line(c, "p");
    vb_buf_putc(c->out, '>');
    c->depth++;
    S_open_line(c, "mod");
    S_attr(c->out, "eId", mod);
    vb_buf_putc(c->out, '>');
    c->depth++;
    S_open_line(c, "quotedStructure");
    S_attr(c->out, "startQuote", vb_node_get_attr(n, "open"));
    S_attr(c->out, "endQuote", vb_node_get_attr(n, "close"));
    S_attr(c->out, "eId", qs);
    vb_buf_putc(c->out, '>');
    c->depth++;
    size_t before = c->out->len;
    for (const vb_node *k = n->first_child; k; k = k->next) {
        if (k->type == VB_NODE_SECTION) S_section(c, k, qs, S_IN_ARTICLE);
        else S_block(c, k);
    }
    if (c->out->len == before) { /* the schema wants one element at least */
        S_open_line(c, "p");
        vb_buf_puts(c->out, "/>");
    }
    c->depth--;
    S_close_line(c, "quotedStructure");
    c->depth--;
    S_close_line(c, "mod");
    c->depth--;
    S_close_line(c, "p");
}

/* A block node as AKN block elements (nothing for the derived task
 * records and page furniture). */
static void S_block(S_ctx *c, const vb_node *n) {
    S_drain(c);
    switch (n->type) {
    case VB_NODE_PARAGRAPH: S_para(c, n, NULL); break;
    case VB_NODE_QUOTATION: S_quotation(c, n); break;
    case VB_NODE_HEADING: S_para(c, n, "heading"); break;
    case VB_NODE_LIST: S_list(c, n); break;
    case VB_NODE_TABLE: S_table(c, n); break;
    case VB_NODE_TASKS:       /* read from the table just before, which is kept */
    case VB_NODE_PAGE_HEADER: /* page furniture */
    case VB_NODE_PAGE_FOOTER:
    case VB_NODE_LAYOUT:      /* the "|" lines of a flattened table */
    case VB_NODE_FOOTNOTE:    /* written where its mark is */
        break;
    case VB_NODE_DOCUMENT:
    case VB_NODE_BODY:
    case VB_NODE_SECTION:
    case VB_NODE_ITEM:
    case VB_NODE_ROW:
    case VB_NODE_CELL:
    case VB_NODE_APPENDIX:
    case VB_NODE_CLOSING:
    case VB_NODE_RECIPIENTS:
    case VB_NODE_SIGNER:
    case VB_NODE_ROLE:
    case VB_NODE_NAME:
    case VB_NODE_TASK:
    case VB_NODE_LEAD:
    case VB_NODE_PARTNERS:
    case VB_NODE_OUTPUT:
    case VB_NODE_DEADLINE:
        /* not where blocks are (the model's rules); their text as a paragraph */
        if (S_has_inline(n)) S_para(c, n, NULL);
        break;
    case VB_NODE_TEXT:
    case VB_NODE_EMPH:
    case VB_NODE_STRONG:
    case VB_NODE_SUPERSCRIPT:
    case VB_NODE_SUBSCRIPT:
    case VB_NODE_LINEBREAK:
    case VB_NODE_NOTE_REF:
    case VB_NODE_LINK:
    case VB_NODE_REPAIR:
    case VB_NODE_INSERTED:
    case VB_NODE_DELETED:
    case VB_NODE_DATA: {
        S_open_line(c, "p");
        vb_buf_putc(c->out, '>');
        S_inlines(c, n, n->next);
        vb_buf_puts(c->out, "</p>");
        break;
    }
    case VB_NODE__COUNT:
    default: assert(!"node type unknown to the Akoma Ntoso renderer"); break;
    }
}

static void S_blocks(S_ctx *c, const vb_node *first, const vb_node *stop) {
    for (const vb_node *k = first; k && k != stop; k = k->next) S_block(c, k);
}

/* Whether blocks [first, stop) write anything. */
static bool S_writes(const vb_node *first, const vb_node *stop) {
    for (const vb_node *k = first; k && k != stop; k = k->next) {
        vb_node_type t = k->type;
        if (t == VB_NODE_TASKS || t == VB_NODE_PAGE_HEADER || t == VB_NODE_PAGE_FOOTER ||
            t == VB_NODE_LAYOUT || t == VB_NODE_FOOTNOTE)
            continue;
        if (t == VB_NODE_TABLE) {
            for (const vb_node *r = k->first_child; r; r = r->next)
                if (r->first_child) return true;
            continue;
        }
        if (t != VB_NODE_LIST || k->first_child) return true;
    }
    return false;
}

/* ---- the hierarchy ---- */

/* The AKN element of a division, its eId prefix and hcontainer name. */
static const char *S_division(const vb_node *s, S_where where, const char **prefix, const char **hname) {
    *hname = NULL;
    switch (s->as.section.kind) {
    case VB_SECTION_PART: *prefix = "part"; return "part";
    case VB_SECTION_CHAPTER: *prefix = "chp"; return "chapter";
    case VB_SECTION_SUBCHAPTER: *prefix = "sec"; return "section";
    case VB_SECTION_ARTICLE: *prefix = "art"; return "article";
    case VB_SECTION_DECIMAL:
    case VB_SECTION_MULTILEVEL:
        if (where == S_IN_ARTICLE) {
            *prefix = "para";
            return "paragraph";
        }
        *prefix = "hcontainer";
        *hname = s->as.section.kind == VB_SECTION_DECIMAL ? "decimal" : "multilevel";
        return "hcontainer";
    case VB_SECTION_LETTER:
        if (where == S_IN_ARTICLE) {
            *prefix = "point";
            return "point";
        }
        *prefix = "hcontainer";
        *hname = "letter";
        return "hcontainer";
    case VB_SECTION_ROMAN:
        if (where == S_IN_ARTICLE) {
            *prefix = "hcontainer";
            *hname = "roman";
            return "hcontainer";
        }
        *prefix = "sec";
        return "section";
    }
    *prefix = "hcontainer";
    *hname = "division";
    return "hcontainer";
}

/* The children [first, NULL) of a hierarchy element: <content> when no
 * division is among them; else <intro>, the divisions (runs of blocks
 * between them as hcontainer name="text") and <wrapUp>.  lead, when not
 * NULL, is a heading that opens the content as its first paragraph. */
static void S_hier_children(S_ctx *c, const vb_node *first, const vb_node *lead, const char *eid,
                            S_where where) {
    const vb_node *div = first;
    while (div && div->type != VB_NODE_SECTION) div = div->next;
    if (!div) {
        S_open_line(c, "content");
        if (!lead && !S_writes(first, NULL)) {
            vb_buf_puts(c->out, "/>");
            return;
        }
        vb_buf_putc(c->out, '>');
        c->depth++;
        if (lead) S_para(c, lead, NULL);
        S_blocks(c, first, NULL);
        c->depth--;
        S_close_line(c, "content");
        return;
    }
    if (lead || S_writes(first, div)) {
        S_open_line(c, "intro");
        vb_buf_putc(c->out, '>');
        c->depth++;
        if (lead) S_para(c, lead, NULL);
        S_blocks(c, first, div);
        c->depth--;
        S_close_line(c, "intro");
    }
    for (const vb_node *k = div; k;) {
        if (k->type == VB_NODE_SECTION) {
            S_section(c, k, eid, where);
            k = k->next;
            continue;
        }
        const vb_node *end = k;
        while (end && end->type != VB_NODE_SECTION) end = end->next;
        if (S_writes(k, end)) {
            const char *tag = end ? "hcontainer" : "wrapUp";
            S_open_line(c, tag);
            if (end) {
                S_attr(c->out, "name", "text");
                S_attr(c->out, "eId", S_eid(c, eid, "hcontainer", "text"));
                vb_buf_putc(c->out, '>');
                c->depth++;
                S_open_line(c, "content");
                vb_buf_putc(c->out, '>');
            } else {
                vb_buf_putc(c->out, '>');
            }
            c->depth++;
            S_blocks(c, k, end);
            c->depth--;
            if (end) {
                S_close_line(c, "content");
                c->depth--;
            }
            S_close_line(c, tag);
        }
        k = end;
    }
}

static void S_section(S_ctx *c, const vb_node *s, const char *parent_eid, S_where where) {
    S_drain(c);
    const char *prefix, *hname;
    const char *name = S_division(s, where, &prefix, &hname);
    const char *eid = S_eid(c, parent_eid, prefix, s->as.section.num);
    S_open_line(c, name);
    S_attr(c->out, "name", hname);
    S_attr(c->out, "eId", eid);
    vb_buf_putc(c->out, '>');
    c->depth++;
    if (s->as.section.label) {
        S_num_line(c, s->as.section.label);
    }
    const vb_node *first = s->first_child, *lead = NULL;
    bool numbered_text = !strcmp(name, "paragraph") || !strcmp(name, "point");
    if (first && first->type == VB_NODE_HEADING) {
        if (numbered_text) {
            lead = first; /* "1. Text of the khoản": its text, not a title */
        } else {
            S_open_line(c, "heading");
            vb_buf_putc(c->out, '>');
            S_inlines(c, first->first_child, NULL);
            vb_buf_puts(c->out, "</heading>");
        }
        first = first->next;
    }
    S_where inner = where;
    if (s->as.section.kind == VB_SECTION_ARTICLE) inner = S_IN_ARTICLE;
    S_hier_children(c, first, lead, eid, inner);
    c->depth--;
    S_close_line(c, name);
}

/* ---- meta ---- */

static void S_frbr_level(S_ctx *c, const char *level, const char *this_uri, const char *uri,
                         const char *date, const char *date_name, const char *author) {
    S_open_line(c, level);
    vb_buf_putc(c->out, '>');
    c->depth++;
    S_open_line(c, "FRBRthis");
    S_attr(c->out, "value", this_uri);
    vb_buf_puts(c->out, "/>");
    S_open_line(c, "FRBRuri");
    S_attr(c->out, "value", uri);
    vb_buf_puts(c->out, "/>");
    S_open_line(c, "FRBRdate");
    S_attr(c->out, "date", date);
    S_attr(c->out, "name", date_name);
    vb_buf_puts(c->out, "/>");
    S_open_line(c, "FRBRauthor");
    S_attr(c->out, "href", author);
    vb_buf_puts(c->out, "/>");
    if (!strcmp(level, "FRBRWork")) {
        S_open_line(c, "FRBRcountry");
        S_attr(c->out, "value", "vn");
        vb_buf_puts(c->out, "/>");
    } else if (!strcmp(level, "FRBRExpression")) {
        S_open_line(c, "FRBRlanguage");
        S_attr(c->out, "language", "vie");
        vb_buf_puts(c->out, "/>");
    }
    c->depth--;
    S_close_line(c, level);
}

/* FRBRdate must be a whole date: the issue date when the document prints
 * it whole; a draft's "tháng 5 năm 2026" gives the first day of what it
 * prints, named "issued-month" or "issued-year"; no date at all gives
 * 0001-01-01 named "unknown". */
static void S_frbr_date(const vb_meta *m, char *iso, size_t cap, const char **name) {
    if (m->year && m->month && m->day) {
        snprintf(iso, cap, "%04d-%02d-%02d", m->year, m->month, m->day);
        *name = "issued";
    } else if (m->year && m->month) {
        snprintf(iso, cap, "%04d-%02d-01", m->year, m->month);
        *name = "issued-month";
    } else if (m->year) {
        snprintf(iso, cap, "%04d-01-01", m->year);
        *name = "issued-year";
    } else {
        snprintf(iso, cap, "0001-01-01");
        *name = "unknown";
    }
}

static void S_identification(S_ctx *c, const char *work, const char *expr, const char *component,
                             const vb_meta *m) {
    char iso[16];
    const char *dname;
    S_frbr_date(m, iso, sizeof iso, &dname);
    const char *comp = component ? component : "main";
    const char *wthis = vb_arena_printf(c->arena, "%s/!%s", work, comp);
    const char *ethis = vb_arena_printf(c->arena, "%s/!%s", expr, comp);
    const char *mthis = vb_arena_printf(c->arena, "%s/!%s.xml", expr, comp);
    const char *muri = vb_arena_printf(c->arena, "%s.akn", expr);
    const char *author = vb_arena_printf(c->arena, "#%s", c->author_eid);
    S_open_line(c, "identification");
    S_attr(c->out, "source", "#vanban");
    vb_buf_putc(c->out, '>');
    c->depth++;
    S_frbr_level(c, "FRBRWork", wthis, work, iso, dname, author);
    S_frbr_level(c, "FRBRExpression", ethis, expr, iso, dname, author);
    S_frbr_level(c, "FRBRManifestation", mthis, muri, iso, dname, "#vanban");
    c->depth--;
    S_close_line(c, "identification");
}

/* A TLC entry; its href ends in slug, or in show's URI form when slug is NULL. */
static void S_tlc(S_ctx *c, const char *elem, const char *eid, const char *kind, const char *show,
                  const char *slug) {
    if (!slug) slug = S_slug_str(c, show);
    S_open_line(c, elem);
    S_attr(c->out, "eId", eid);
    vb_buf_puts(c->out, " href=\"/akn/ontology/");
    vb_buf_puts(c->out, kind);
    vb_buf_puts(c->out, "/vn/");
    vb_render_escape_xml(c->out, slug ? slug : eid, strlen(slug ? slug : eid), true);
    vb_buf_putc(c->out, '"');
    S_attr(c->out, "showAs", show);
    vb_buf_puts(c->out, "/>");
}

/* The references: vanban (who marked the document up), the issuing body,
 * and each signer with the roles printed above the name. */
static void S_references(S_ctx *c, const vb_meta *m) {
    vb_buf t = {0};
    S_open_line(c, "references");
    S_attr(c->out, "source", "#vanban");
    vb_buf_putc(c->out, '>');
    c->depth++;
    S_open_line(c, "TLCOrganization");
    vb_buf_puts(c->out, " eId=\"vanban\" href=\"/akn/ontology/organization/vanban\" showAs=\"vanban\"/>");
    S_eid_put(c, "vanban");
    const char *issuer = NULL;
    if (m->authority.value) issuer = S_oneline(c->arena, m->authority.value);
    else issuer = S_issuer_of_code(c, m->code);
    S_eid_put(c, "author");
    S_tlc(c, "TLCOrganization", "author", "organization", issuer && issuer[0] ? issuer : "unknown",
          c->author_slug);
    size_t ns = 0, nr = 0;
    for (const vb_node *cl = c->doc->root->first_child; cl; cl = cl->next) {
        if (cl->type != VB_NODE_CLOSING) continue;
        for (const vb_node *sg = cl->first_child; sg; sg = sg->next) {
            if (sg->type != VB_NODE_SIGNER) continue;
            ns++;
            for (const vb_node *k = sg->first_child; k; k = k->next) {
                vb_buf_clear(&t);
                S_plain(&t, k);
                const char *show = S_oneline(c->arena, t.data ? t.data : "");
                if (!show[0]) continue;
                if (k->type == VB_NODE_ROLE) {
                    const char *eid = vb_arena_printf(c->arena, "role_%zu", ++nr);
                    S_eid_put(c, eid);
                    S_tlc(c, "TLCRole", eid, "role", show, NULL);
                } else if (k->type == VB_NODE_NAME) {
                    const char *eid = vb_arena_printf(c->arena, "signer_%zu", ns);
                    if (!S_eid_has(c, eid)) {
                        S_eid_put(c, eid);
                        S_tlc(c, "TLCPerson", eid, "person", show, NULL);
                    }
                }
            }
        }
    }
    c->depth--;
    S_close_line(c, "references");
    vb_buf_free(&t);
}

/* ---- preface, preamble ---- */

static void S_repair_open(vb_buf *out, const vb_field_repair *r, const void *ctx) {
    (void)ctx;
    vb_buf_puts(out, "<span class=\"repair\"");
    S_attr(out, "title", r->original);
    vb_buf_putc(out, '>');
}

static void S_field(S_ctx *c, const vb_field *f) {
    vb_render_field_text(c->out, f, S_repair_open, "</span>", NULL);
}

/* <p class=cls><elem>field</elem></p>; elem NULL for the field alone. */
static void S_preface_line(S_ctx *c, const char *cls, const char *elem, const vb_field *f) {
    if (!f->value) return;
    S_open_line(c, "p");
    S_attr(c->out, "class", cls);
    vb_buf_putc(c->out, '>');
    if (elem) vb_buf_printf(c->out, "<%s>", elem);
    S_field(c, f);
    if (elem) vb_buf_printf(c->out, "</%s>", elem);
    vb_buf_puts(c->out, "</p>");
}

static void S_preface(S_ctx *c, const vb_meta *m) {
    if (!m->authority.value && !m->motto.value && !m->number.value && !m->place.value &&
        !m->date.value && !m->type.value && !m->title.value && !m->naddressees)
        return;
    S_open_line(c, "preface");
    vb_buf_putc(c->out, '>');
    c->depth++;
    S_preface_line(c, "authority", "docAuthority", &m->authority);
    S_preface_line(c, "motto", NULL, &m->motto);
    S_preface_line(c, "number", "docNumber", &m->number);
    if (m->place.value || m->date.value) {
        S_open_line(c, "p");
        S_attr(c->out, "class", "placeAndDate");
        vb_buf_putc(c->out, '>');
        if (m->place.value) {
            S_field(c, &m->place);
            if (m->date.value) vb_buf_puts(c->out, ", ");
        }
        if (m->date.value) {
            bool whole = m->year && m->month && m->day;
            if (whole) vb_buf_printf(c->out, "<docDate date=\"%04d-%02d-%02d\">", m->year, m->month, m->day);
            S_field(c, &m->date);
            if (whole) vb_buf_puts(c->out, "</docDate>");
        }
        vb_buf_puts(c->out, "</p>");
    }
    S_preface_line(c, "type", "docType", &m->type);
    S_preface_line(c, "title", "docTitle", &m->title);
    if (m->naddressees) {
        S_open_line(c, "container");
        S_attr(c->out, "name", "addressees");
        vb_buf_putc(c->out, '>');
        c->depth++;
        if (m->addressees_label) {
            S_open_line(c, "p");
            S_attr(c->out, "class", "label");
            vb_buf_putc(c->out, '>');
            S_esc(c->out, m->addressees_label, strlen(m->addressees_label));
            vb_buf_puts(c->out, "</p>");
        }
        for (size_t i = 0; i < m->naddressees; i++) {
            S_open_line(c, "p");
            vb_buf_putc(c->out, '>');
            S_field(c, &m->addressees[i]);
            vb_buf_puts(c->out, "</p>");
        }
        c->depth--;
        S_close_line(c, "container");
    }
    c->depth--;
    S_close_line(c, "preface");
}

static vb_lex_preamble S_preamble_kind(const vb_node *n) {
    if (n->type != VB_NODE_PARAGRAPH) return VB_LEX_PREAMBLE_NONE;
    vb_buf t = {0};
    S_plain(&t, n);
    size_t i = 0;
    while (i < t.len && (t.data[i] == ' ' || t.data[i] == '\t')) i++;
    vb_lex_preamble k = t.len ? vb_lex_preamble_at(t.data + i, t.len - i) : VB_LEX_PREAMBLE_NONE;
    vb_buf_free(&t);
    return k;
}

/* Where the preamble of the body ends (the first node that is not in it):
 * the blocks before the first division when an act has divisions; else
 * the leading paragraphs up to the last that cites a basis or a ground. */
static const vb_node *S_preamble_end(const S_ctx *c, const vb_node *body) {
    const vb_node *div = body->first_child;
    while (div && div->type != VB_NODE_SECTION) div = div->next;
    if (c->act && div) return div;
    const vb_node *end = body->first_child;
    for (const vb_node *k = body->first_child; k && k != div; k = k->next) {
        if (k->type != VB_NODE_PARAGRAPH) break;
        if (S_preamble_kind(k) != VB_LEX_PREAMBLE_NONE) end = k->next;
    }
    return end;
}

static void S_preamble(S_ctx *c, const vb_node *first, const vb_node *stop) {
    if (!S_writes(first, stop)) return;
    S_open_line(c, "preamble");
    vb_buf_putc(c->out, '>');
    c->depth++;
    size_t ncit = 0, nrec = 0;
    for (const vb_node *k = first; k && k != stop;) {
        vb_lex_preamble kind = S_preamble_kind(k);
        if (kind == VB_LEX_PREAMBLE_NONE) {
            S_block(c, k);
            k = k->next;
            continue;
        }
        const char *group = kind == VB_LEX_PREAMBLE_CITATION ? "citations" : "recitals";
        const char *one = kind == VB_LEX_PREAMBLE_CITATION ? "citation" : "recital";
        S_open_line(c, group);
        vb_buf_putc(c->out, '>');
        c->depth++;
        for (; k && k != stop && S_preamble_kind(k) == kind; k = k->next) {
            size_t *n = kind == VB_LEX_PREAMBLE_CITATION ? &ncit : &nrec;
            char num[24];
            snprintf(num, sizeof num, "%zu", ++*n);
            S_open_line(c, one);
            S_attr(c->out, "eId", S_eid(c, NULL, kind == VB_LEX_PREAMBLE_CITATION ? "cit" : "rec", num));
            vb_buf_putc(c->out, '>');
            c->depth++;
            S_para(c, k, NULL);
            c->depth--;
            S_close_line(c, one);
        }
        c->depth--;
        S_close_line(c, group);
    }
    c->depth--;
    S_close_line(c, "preamble");
}

/* ---- body ---- */

/* The main part: in an act only divisions (runs of other blocks as
 * hcontainer name="text"), in a doc blocks and divisions as they come. */
static void S_main(S_ctx *c, const vb_node *first, const char *eid_prefix) {
    const char *tag = c->act && !eid_prefix ? "body" : "mainBody";
    S_open_line(c, tag);
    vb_buf_putc(c->out, '>');
    c->depth++;
    size_t before = c->out->len;
    bool strict = !strcmp(tag, "body");
    for (const vb_node *k = first; k;) {
        if (k->type == VB_NODE_SECTION) {
            S_section(c, k, eid_prefix, S_IN_PLAN);
            k = k->next;
            continue;
        }
        if (!strict) {
            S_block(c, k);
            k = k->next;
            continue;
        }
        const vb_node *end = k;
        while (end && end->type != VB_NODE_SECTION) end = end->next;
        if (S_writes(k, end)) {
            S_open_line(c, "hcontainer");
            S_attr(c->out, "name", "text");
            S_attr(c->out, "eId", S_eid(c, eid_prefix, "hcontainer", "text"));
            vb_buf_putc(c->out, '>');
            c->depth++;
            S_open_line(c, "content");
            vb_buf_putc(c->out, '>');
            c->depth++;
            S_blocks(c, k, end);
            c->depth--;
            S_close_line(c, "content");
            c->depth--;
            S_close_line(c, "hcontainer");
        }
        k = end;
    }
    if (c->out->len == before) { /* the schema wants one child */
        if (strict) {
            S_open_line(c, "hcontainer");
            S_attr(c->out, "name", "text");
            S_attr(c->out, "eId", S_eid(c, eid_prefix, "hcontainer", "text"));
            vb_buf_puts(c->out, "><content/></hcontainer>");
        } else {
            S_open_line(c, "p");
            vb_buf_puts(c->out, "/>");
        }
    }
    c->depth--;
    S_close_line(c, tag);
}

/* ---- conclusions ---- */

static void S_signer(S_ctx *c, const vb_node *sg) {
    c->nsigners++;
    S_open_line(c, "container");
    S_attr(c->out, "name", "signature");
    vb_buf_putc(c->out, '>');
    c->depth++;
    S_open_line(c, "p");
    vb_buf_puts(c->out, "><signature>");
    const char *last_role = NULL;
    bool first = true;
    vb_buf t = {0};
    for (const vb_node *k = sg->first_child; k; k = k->next) {
        vb_buf_clear(&t);
        S_plain(&t, k);
        if (!S_oneline(c->arena, t.data ? t.data : "")[0]) continue;
        if (!first) vb_buf_puts(c->out, "<br/>");
        first = false;
        if (k->type == VB_NODE_ROLE) {
            last_role = vb_arena_printf(c->arena, "#role_%zu", ++c->nroles);
            vb_buf_puts(c->out, "<role");
            S_attr(c->out, "refersTo", last_role);
            vb_buf_putc(c->out, '>');
            S_inlines(c, k->first_child, NULL);
            vb_buf_puts(c->out, "</role>");
        } else if (k->type == VB_NODE_NAME) {
            vb_buf_puts(c->out, "<person");
            vb_buf_printf(c->out, " refersTo=\"#signer_%zu\"", c->nsigners);
            S_attr(c->out, "as", last_role);
            vb_buf_putc(c->out, '>');
            S_inlines(c, k->first_child, NULL);
            vb_buf_puts(c->out, "</person>");
        }
    }
    vb_buf_free(&t);
    vb_buf_puts(c->out, "</signature></p>");
    c->depth--;
    S_close_line(c, "container");
}

static void S_recipients(S_ctx *c, const vb_node *r) {
    S_open_line(c, "container");
    S_attr(c->out, "name", "recipients");
    vb_buf_putc(c->out, '>');
    c->depth++;
    bool any = false;
    for (const vb_node *k = r->first_child; k;) {
        if (k->type != VB_NODE_ITEM) {
            S_para(c, k, "heading");
            any = true;
            k = k->next;
            continue;
        }
        S_open_line(c, "blockList");
        vb_buf_putc(c->out, '>');
        c->depth++;
        for (; k && k->type == VB_NODE_ITEM; k = k->next) {
            S_open_line(c, "item");
            vb_buf_putc(c->out, '>');
            c->depth++;
            if (!S_mixed(c, k)) {
                S_open_line(c, "p");
                vb_buf_puts(c->out, "/>");
            }
            c->depth--;
            S_close_line(c, "item");
        }
        c->depth--;
        S_close_line(c, "blockList");
        any = true;
    }
    if (!any) {
        S_open_line(c, "p");
        vb_buf_puts(c->out, "/>");
    }
    c->depth--;
    S_close_line(c, "container");
}

/* Footnotes no mark points to go to the conclusions, each in a paragraph. */
static bool S_loose(const S_ctx *c, size_t i) { return !c->note_marked[i] && !c->note_done[i]; }

static bool S_loose_notes(const S_ctx *c) {
    for (size_t i = 0; i < c->nnotes; i++)
        if (S_loose(c, i)) return true;
    return false;
}

/* Which footnotes a mark points to from where marks are written (not from
 * inside a note, nor from the parts left out: page furniture, tasks). */
static void S_mark_notes(S_ctx *c) {
    vb_iter it;
    vb_iter_init(&it, c->doc->root);
    vb_event ev;
    int skip = 0;
    while ((ev = vb_iter_next(&it)) != VB_EVENT_DONE) {
        const vb_node *n = vb_iter_node(&it);
        vb_node_type t = n->type;
        if (t == VB_NODE_FOOTNOTE || t == VB_NODE_PAGE_HEADER || t == VB_NODE_PAGE_FOOTER ||
            t == VB_NODE_LAYOUT || t == VB_NODE_TASKS) {
            skip += ev == VB_EVENT_ENTER ? 1 : -1;
            continue;
        }
        if (t != VB_NODE_NOTE_REF || skip) continue;
        size_t i = S_note_index(c, n->as.note.label);
        if (i != SIZE_MAX) c->note_marked[i] = true;
    }
}

static void S_conclusions(S_ctx *c) {
    bool any = S_loose_notes(c);
    for (const vb_node *k = c->doc->root->first_child; k; k = k->next)
        if (k->type == VB_NODE_CLOSING && k->first_child) any = true;
    if (!any) return;
    S_open_line(c, "conclusions");
    vb_buf_putc(c->out, '>');
    c->depth++;
    for (const vb_node *cl = c->doc->root->first_child; cl; cl = cl->next) {
        if (cl->type != VB_NODE_CLOSING) continue;
        for (const vb_node *k = cl->first_child; k; k = k->next) {
            S_drain(c);
            if (k->type == VB_NODE_RECIPIENTS) S_recipients(c, k);
            else if (k->type == VB_NODE_SIGNER) S_signer(c, k);
            else S_block(c, k);
        }
    }
    if (S_loose_notes(c)) {
        S_open_line(c, "container");
        S_attr(c->out, "name", "footnotes");
        vb_buf_putc(c->out, '>');
        c->depth++;
        for (size_t i = 0; i < c->nnotes; i++) {
            if (!S_loose(c, i)) continue;
            S_open_line(c, "p");
            vb_buf_putc(c->out, '>');
            S_note(c, i);
            vb_buf_puts(c->out, "</p>");
        }
        c->depth--;
        S_close_line(c, "container");
    }
    c->depth--;
    S_close_line(c, "conclusions");
}

/* ---- attachments ---- */

static void S_attachment(S_ctx *c, const vb_node *a) {
    char num[24];
    snprintf(num, sizeof num, "%zu", ++c->nattachments);
    const char *eid = S_eid(c, NULL, "att", num);
    S_open_line(c, "attachment");
    S_attr(c->out, "eId", eid);
    vb_buf_putc(c->out, '>');
    c->depth++;
    if (a->as.appendix.label) {
        S_num_line(c, a->as.appendix.label);
    }
    S_open_line(c, "doc");
    S_attr(c->out, "name", "phu-luc");
    vb_buf_putc(c->out, '>');
    c->depth++;
    S_open_line(c, "meta");
    vb_buf_putc(c->out, '>');
    c->depth++;
    S_identification(c, c->work, c->expr, vb_arena_printf(c->arena, "annex_%s", num), &c->doc->meta);
    c->depth--;
    S_close_line(c, "meta");
    const vb_node *first = a->first_child;
    if (first && first->type == VB_NODE_HEADING) {
        S_open_line(c, "preface");
        vb_buf_putc(c->out, '>');
        c->depth++;
        for (; first && first->type == VB_NODE_HEADING; first = first->next) {
            S_open_line(c, "p");
            S_attr(c->out, "class", "title");
            vb_buf_puts(c->out, "><docTitle>");
            S_inlines(c, first->first_child, NULL);
            vb_buf_puts(c->out, "</docTitle></p>");
        }
        c->depth--;
        S_close_line(c, "preface");
    }
    bool act = c->act;
    c->act = false;
    S_main(c, first, eid);
    c->act = act;
    c->depth--;
    S_close_line(c, "doc");
    c->depth--;
    S_close_line(c, "attachment");
}

/* ---- the document ---- */

int vb_render_akn(const vb_doc *doc, const vb_render_options *o, vb_buf *out) {
    S_ctx c = {.doc = doc, .o = o, .out = out, .arena = vb_arena_new()};
    if (!c.arena) return VB_ERR_INTERNAL;
    const vb_meta *m = &doc->meta;
    for (const vb_node *k = doc->root->first_child; k; k = k->next)
        if (k->type == VB_NODE_FOOTNOTE) c.nnotes++;
    c.notes = calloc(c.nnotes + 1, sizeof *c.notes);
    c.note_done = calloc(c.nnotes + 1, sizeof *c.note_done);
    c.note_marked = calloc(c.nnotes + 1, sizeof *c.note_marked);
    if (!c.notes || !c.note_done || !c.note_marked) {
        free(c.notes);
        free(c.note_done);
        free(c.note_marked);
        vb_arena_free(c.arena);
        return VB_ERR_INTERNAL;
    }
    size_t ni = 0;
    for (const vb_node *k = doc->root->first_child; k; k = k->next)
        if (k->type == VB_NODE_FOOTNOTE) {
            if (k->as.note.label) {
                size_t *v = S_map_put(&c.note_labels, k->as.note.label);
                if (!*v) *v = ni + 1; /* the first note of a label, as the other formats link */
            }
            c.notes[ni++] = k;
        }
    S_mark_notes(&c);

    const vb_lex_doc_type *t = S_doc_type(m);
    c.act = vb_lex_doc_type_is_normative(t);
    const char *doctype = c.act ? "act" : "doc";
    const char *subtype = t ? S_slug_str(&c, t->name) : NULL;
    char iso[16];
    vb_render_iso_date(m, iso, sizeof iso);
    c.author_slug = S_author_slug(&c, m);
    c.work = S_uri(&c, doctype, subtype, c.author_slug, iso,
                   m->number_value ? S_slug_str(&c, m->number.value) : NULL);
    c.expr = vb_arena_printf(c.arena, "%s/vie@", c.work);

    vb_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<akomaNtoso xmlns=\"" S_NS "\">");
    c.depth = 1;
    S_open_line(&c, doctype);
    S_attr(out, "name", subtype ? subtype : "van-ban");
    vb_buf_putc(out, '>');
    c.depth++;
    S_open_line(&c, "meta");
    vb_buf_putc(out, '>');
    c.depth++;
    c.author_eid = "author";
    S_identification(&c, c.work, c.expr, NULL, m);
    S_references(&c, m);
    c.depth--;
    S_close_line(&c, "meta");
    S_preface(&c, m);

    const vb_node *body = NULL;
    for (const vb_node *k = doc->root->first_child; k; k = k->next)
        if (k->type == VB_NODE_BODY) {
            body = k;
            break;
        }
    const vb_node *main_first = NULL;
    if (body) {
        main_first = S_preamble_end(&c, body);
        S_preamble(&c, body->first_child, main_first);
    }
    S_main(&c, main_first, NULL);
    S_conclusions(&c);
    bool any_att = false;
    for (const vb_node *k = doc->root->first_child; k; k = k->next) any_att |= k->type == VB_NODE_APPENDIX;
    if (any_att) {
        S_open_line(&c, "attachments");
        vb_buf_putc(out, '>');
        c.depth++;
        for (const vb_node *k = doc->root->first_child; k; k = k->next)
            if (k->type == VB_NODE_APPENDIX) S_attachment(&c, k);
        c.depth--;
        S_close_line(&c, "attachments");
    }
    c.depth--;
    S_close_line(&c, doctype);
    vb_buf_puts(out, "\n</akomaNtoso>\n");
    S_map_free(&c.eids);
    S_map_free(&c.suffixes);
    S_map_free(&c.note_labels);
    free(c.notes);
    free(c.note_done);
    free(c.note_marked);
    vb_arena_free(c.arena);
    return VB_OK;
}
