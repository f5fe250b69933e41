/* vb_corpus_index: inputs are converted to vanban XML (or read as such) and
 * walked into rows on N worker threads; one writer stores each document in
 * its own transaction.  A killed run loses at most the documents in flight,
 * and the next run skips what is stored with the same checksum. */
#include "corpus_internal.h"
#include "../util/util_internal.h"

#include <dirent.h>
#include <errno.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <nettle/sha2.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include "../render/render.h"

#define S_MAX_INPUT_BYTES (256u << 20)

/* ---- growable arrays of rows ---- */

typedef struct {
    void *items;
    size_t n, cap, size;
} S_vec;

static void *S_push(S_vec *v) {
    if (v->n == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 16;
        void *grown = realloc(v->items, v->cap * v->size);
        if (!grown) abort();
        v->items = grown;
    }
    void *slot = (char *)v->items + v->n++ * v->size;
    memset(slot, 0, v->size);
    return slot;
}

#define S_AT(vec, type, i) (((type *)(vec).items)[i])

typedef struct {
    int parent;
    const char *kind, *num, *label, *heading, *path;
    int level, line, ord;
} S_section;

typedef struct {
    int section, line;
    const char *kind, *text, *originals;
} S_para;

typedef struct {
    int section, rows, cols, line;
} S_table;

typedef struct {
    int table, row, col, colspan, rowspan;
    const char *row_kind, *text, *kind;
    double value;
    bool has_value;
} S_cell;

typedef struct {
    int para;
    const char *kind, *text, *unit, *iso, *attrs;
    double value;
    bool has_value;
} S_value;

typedef struct {
    int para, year;
    const char *code, *key, *type, *number, *iso, *text;
} S_cite;

typedef struct {
    int para;
    const char *kind, *original, *text;
    double confidence;
    bool review;
} S_repair;

typedef struct {
    const char *kind;
    long n;
} S_count;

typedef struct {
    const char *element, *attrs, *text;
} S_record;

/* A task record of a plan's task table (<tasks><task>). */
typedef struct {
    int section, line, due_year, from_year;
    const char *num, *name, *lead, *partners, *output, *deadline, *kind, *due;
    const char *lead_key, *partners_key;
} S_task;

/* A key of the document's words and the paragraphs holding it. */
typedef struct {
    const char *key;
    const void *paras; /* vb_corpus_paras_encode */
    size_t len;
} S_posting;

/* One input on its way to the database. */
typedef struct {
    const char *path;
    char sha256[65];
    size_t bytes;
    bool failed;
    const char *error;
    enum { S_STORE, S_SKIP_UNCHANGED } action;
    const char *format, *type, *type_code, *number, *code_key, *authority, *place, *date, *title;
    int year;
    size_t text_bytes;
    vb_buf xml_z, html_z;
    const char *ead[VB_EAD_NFIELDS]; /* the TT 05/2025 record of a converted input */
    bool has_ead;
    S_vec sections, paras, tables, cells, values, cites, repairs, counts, records, tasks, postings;
    vb_arena *arena;
} S_doc;

static S_doc *S_doc_new(const char *path) {
    S_doc *d = calloc(1, sizeof *d);
    if (!d) abort();
    d->arena = vb_arena_new();
    d->path = vb_arena_strdup(d->arena, path);
    d->sections.size = sizeof(S_section);
    d->paras.size = sizeof(S_para);
    d->tables.size = sizeof(S_table);
    d->cells.size = sizeof(S_cell);
    d->values.size = sizeof(S_value);
    d->cites.size = sizeof(S_cite);
    d->repairs.size = sizeof(S_repair);
    d->counts.size = sizeof(S_count);
    d->records.size = sizeof(S_record);
    d->tasks.size = sizeof(S_task);
    d->postings.size = sizeof(S_posting);
    return d;
}

static void S_doc_free(S_doc *d) {
    if (!d) return;
    S_vec *vecs[] = {&d->sections, &d->paras, &d->tables, &d->cells, &d->values,
                     &d->cites, &d->repairs, &d->counts, &d->records, &d->tasks,
                     &d->postings};
    for (size_t i = 0; i < sizeof vecs / sizeof vecs[0]; i++) free(vecs[i]->items);
    vb_buf_free(&d->xml_z);
    vb_buf_free(&d->html_z);
    vb_arena_free(d->arena);
    free(d);
}

/* ---- walking the XML ---- */

static bool S_is(const xmlNode *n, const char *name) {
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static bool S_is_inline(const xmlNode *n) {
    static const char *const names[] = {"emph", "strong", "sup", "sub", "br", "ins", "del",
                                        "link", "note-ref", "data", "repair"};
    if (n->type != XML_ELEMENT_NODE) return false;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp((const char *)n->name, names[i]) == 0) return true;
    return false;
}

static const char *S_attr(S_doc *d, const xmlNode *n, const char *name) {
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    if (!v) return NULL;
    char *s = vb_arena_strdup(d->arena, (const char *)v);
    xmlFree(v);
    return s;
}

static int S_attr_int(const xmlNode *n, const char *name, int fallback) {
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    if (!v) return fallback;
    int r = atoi((const char *)v);
    xmlFree(v);
    return r;
}

/* Appends text with runs of white space made one blank. */
static void S_put_text(vb_buf *out, const char *s) {
    for (; *s; s++) {
        bool space = *s == ' ' || *s == '\n' || *s == '\t' || *s == '\r';
        if (space) {
            if (out->len && out->data[out->len - 1] != ' ') vb_buf_putc(out, ' ');
        } else {
            vb_buf_putc(out, *s);
        }
    }
}

static const char *S_finish_text(S_doc *d, vb_buf *b) {
    size_t len = b->len;
    while (len && b->data[len - 1] == ' ') len--;
    size_t start = 0;
    while (start < len && b->data[start] == ' ') start++;
    return vb_arena_strndup(d->arena, b->data ? b->data + start : "", len - start);
}

/* The attributes of n as a JSON object, but those named in skip (kept in
 * columns of their own); NULL when none is left. */
static const char *S_attrs_json(S_doc *d, const xmlNode *n, const char *const *skip) {
    vb_buf j = {0};
    vb_buf_putc(&j, '{');
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        bool skipped = false;
        for (size_t i = 0; skip && skip[i]; i++)
            if (strcmp((const char *)a->name, skip[i]) == 0) skipped = true;
        if (skipped) continue;
        xmlChar *v = xmlNodeListGetString(n->doc, a->children, 1);
        if (j.len > 1) vb_buf_putc(&j, ',');
        vb_json_string(&j, (const char *)a->name);
        vb_buf_putc(&j, ':');
        vb_json_string(&j, v ? (const char *)v : "");
        xmlFree(v);
    }
    vb_buf_putc(&j, '}');
    const char *s = j.len > 2 ? vb_arena_strndup(d->arena, j.data, j.len) : NULL;
    vb_buf_free(&j);
    return s;
}

static bool S_is_inline(const xmlNode *n);

/* All the text below n: a line break or a nested block is a blank, a
 * tracked deletion is not text. */
static void S_gather(const xmlNode *n, vb_buf *out) {
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
            S_put_text(out, (const char *)c->content);
        else if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, "del") == 0)
            continue;
        else if (strcmp((const char *)c->name, "br") == 0 || !S_is_inline(c))
            S_put_text(out, " "), S_gather(c, out);
        else
            S_gather(c, out);
    }
}

/* The text of an element (a heading, a value, a title), for its own row. */
static const char *S_node_text(S_doc *d, const xmlNode *n) {
    vb_buf b = {0};
    S_gather(n, &b);
    const char *s = S_finish_text(d, &b);
    vb_buf_free(&b);
    return s;
}

static void S_record_data(S_doc *d, const xmlNode *n, int para) {
    const char *kind = S_attr(d, n, "kind");
    if (kind && strcmp(kind, "reference") == 0) {
        S_cite *c = S_push(&d->cites);
        c->para = para;
        c->code = S_attr(d, n, "code");
        c->type = S_attr(d, n, "type");
        c->number = S_attr(d, n, "number");
        c->iso = S_attr(d, n, "iso");
        const char *year = S_attr(d, n, "year");
        c->year = c->iso ? atoi(c->iso) : year ? atoi(year) : 0;
        c->text = S_node_text(d, n);
        vb_buf key = {0};
        vb_corpus_code_key(c->code ? c->code : c->text, &key);
        c->key = vb_arena_strndup(d->arena, key.data, key.len);
        vb_buf_free(&key);
    }
    S_value *v = S_push(&d->values);
    v->para = para;
    v->kind = kind;
    v->text = S_node_text(d, n);
    v->unit = S_attr(d, n, "unit");
    v->iso = S_attr(d, n, "iso");
    static const char *const in_columns[] = {"kind", "value", "unit", "iso", NULL};
    v->attrs = S_attrs_json(d, n, in_columns);
    const char *value = S_attr(d, n, "value");
    if (value) {
        char *end = NULL;
        v->value = strtod(value, &end);
        v->has_value = end && end != value;
    }
}

/* Gathers the inline text of n into text (OCR originals into originals),
 * recording typed values and repairs against paragraph para.  Block children
 * are left for the block walk.  blocks_too: take the text of nested blocks
 * as well (table cells). */
static void S_inline(S_doc *d, const xmlNode *n, int para, vb_buf *text, vb_buf *originals,
                     bool blocks_too) {
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            S_put_text(text, (const char *)c->content);
            continue;
        }
        if (c->type != XML_ELEMENT_NODE) continue;
        if (!S_is_inline(c) && !blocks_too) continue;
        if (S_is(c, "br")) {
            S_put_text(text, " ");
        } else if (S_is(c, "del")) {
            continue; /* tracked deletion: not the text of the document */
        } else if (S_is(c, "repair")) {
            S_repair *r = S_push(&d->repairs);
            r->para = para;
            r->kind = S_attr(d, c, "kind");
            r->original = S_attr(d, c, "original");
            r->text = S_node_text(d, c);
            const char *conf = S_attr(d, c, "confidence");
            r->confidence = conf ? atof(conf) : 1.0;
            const char *review = S_attr(d, c, "review");
            r->review = review && strcmp(review, "true") == 0;
            if (r->original && *r->original) {
                if (originals->len) vb_buf_putc(originals, ' ');
                S_put_text(originals, r->original);
            }
            S_inline(d, c, para, text, originals, blocks_too);
        } else {
            if (S_is(c, "data")) S_record_data(d, c, para);
            if (!S_is_inline(c) && text->len) S_put_text(text, " ");
            S_inline(d, c, para, text, originals, blocks_too);
        }
    }
}

static bool S_has_inline_content(const xmlNode *n) {
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (S_is_inline(c)) return true;
        if (c->type == XML_TEXT_NODE) {
            for (const xmlChar *s = c->content; s && *s; s++)
                if (*s != ' ' && *s != '\n' && *s != '\t' && *s != '\r') return true;
        }
    }
    return false;
}

/* A paragraph of kind from the inline content of n (all of it for cells). */
static int S_paragraph(S_doc *d, const xmlNode *n, const char *kind, int section, bool blocks_too) {
    int index = (int)d->paras.n;
    S_para *p = S_push(&d->paras);
    p->section = section;
    p->kind = vb_arena_strdup(d->arena, kind); /* element names die with the DOM */
    p->line = S_attr_int(n, "line", 0);
    vb_buf text = {0}, originals = {0};
    S_inline(d, n, index, &text, &originals, blocks_too);
    p = &S_AT(d->paras, S_para, index); /* the walk may have grown the array: none here, but safe */
    p->text = S_finish_text(d, &text);
    p->originals = S_finish_text(d, &originals);
    d->text_bytes += strlen(p->text);
    vb_buf_free(&text);
    vb_buf_free(&originals);
    if (!*p->text && !*p->originals) d->paras.n--; /* nothing to find */
    return index;
}

static void S_table_rows(S_doc *d, const xmlNode *n, int section) {
    int t = (int)d->tables.n;
    S_table *tab = S_push(&d->tables);
    tab->section = section;
    tab->rows = S_attr_int(n, "rows", 0);
    tab->cols = S_attr_int(n, "cols", 0);
    tab->line = S_attr_int(n, "line", 0);
    int row = 0;
    for (const xmlNode *r = n->children; r; r = r->next) {
        if (!S_is(r, "row")) continue;
        /* the row is one paragraph ("a | b | c"); its cells are rows of their own */
        int para = (int)d->paras.n;
        S_para *p = S_push(&d->paras);
        p->section = section;
        p->kind = "row";
        p->line = S_attr_int(r, "line", 0);
        const char *row_kind = S_attr(d, r, "kind");
        vb_buf line = {0}, originals = {0};
        int col = 0;
        for (const xmlNode *c = r->children; c; c = c->next) {
            if (!S_is(c, "cell")) continue;
            size_t values_before = d->values.n;
            vb_buf text = {0};
            S_inline(d, c, para, &text, &originals, true);
            S_cell *cell = S_push(&d->cells);
            cell->table = t;
            cell->row = row;
            cell->col = col;
            cell->colspan = S_attr_int(c, "colspan", 1);
            cell->rowspan = S_attr_int(c, "rowspan", 1);
            cell->row_kind = row_kind;
            cell->text = S_finish_text(d, &text);
            if (d->values.n > values_before) {
                const S_value *v = &S_AT(d->values, S_value, values_before);
                cell->kind = v->kind;
                cell->value = v->value;
                cell->has_value = v->has_value;
            }
            if (col) vb_buf_puts(&line, " | ");
            vb_buf_puts(&line, cell->text);
            col += cell->colspan > 0 ? cell->colspan : 1;
            vb_buf_free(&text);
        }
        p = &S_AT(d->paras, S_para, para);
        p->text = S_finish_text(d, &line);
        p->originals = S_finish_text(d, &originals);
        d->text_bytes += strlen(p->text);
        vb_buf_free(&line);
        vb_buf_free(&originals);
        row++;
    }
}

static void S_blocks(S_doc *d, const xmlNode *n, int section);

/* At most max bytes of s, cut between characters, with "…" when cut. */
static const char *S_shorten(S_doc *d, const char *s, size_t max) {
    size_t len = strlen(s);
    if (len <= max) return s;
    while (max && ((unsigned char)s[max] & 0xC0) == 0x80) max--;
    return vb_arena_printf(d->arena, "%.*s…", (int)max, s);
}

static void S_open_section(S_doc *d, const xmlNode *n, int parent) {
    int index = (int)d->sections.n;
    S_section *s = S_push(&d->sections);
    bool appendix = S_is(n, "appendix");
    s->parent = parent;
    s->ord = index;
    s->kind = appendix ? "appendix" : S_attr(d, n, "kind");
    s->num = S_attr(d, n, "num");
    s->label = S_attr(d, n, "label");
    s->line = S_attr_int(n, "line", 0);
    int parent_level = parent >= 0 ? S_AT(d->sections, S_section, parent).level : 0;
    s->level = S_attr_int(n, "level", parent_level + 1);
    for (const xmlNode *c = n->children; c; c = c->next)
        if (S_is(c, "heading")) {
            s->heading = S_shorten(d, S_node_text(d, c), 120); /* the paragraph keeps it whole */
            break;
        }
    /* the path names the labels from the top: "II. › 1. › 1.1." */
    const char *label = s->label && *s->label ? s->label : s->num ? s->num : "";
    const char *up = parent >= 0 ? S_AT(d->sections, S_section, parent).path : NULL;
    s->path = up && *up ? vb_arena_printf(d->arena, "%s › %s", up, label)
                        : vb_arena_strdup(d->arena, label);
    S_blocks(d, n, index);
}

static const char *S_folded(S_doc *d, const char *text) {
    if (!text) return NULL;
    vb_buf b = {0};
    vb_corpus_fold_text(text, &b);
    const char *s = vb_arena_strndup(d->arena, b.data ? b.data : "", b.len);
    vb_buf_free(&b);
    return s;
}

/* The task records of a <tasks> element, each field as its text. */
static void S_tasks(S_doc *d, const xmlNode *n, int section) {
    for (const xmlNode *t = n->children; t; t = t->next) {
        if (!S_is(t, "task")) continue;
        S_task *task = S_push(&d->tasks);
        task->section = section;
        task->line = S_attr_int(t, "line", 0);
        task->num = S_attr(d, t, "num");
        for (const xmlNode *f = t->children; f; f = f->next) {
            if (f->type != XML_ELEMENT_NODE) continue;
            const char *text = S_node_text(d, f);
            if (S_is(f, "name")) task->name = text;
            else if (S_is(f, "lead")) task->lead = text;
            else if (S_is(f, "partners")) task->partners = text;
            else if (S_is(f, "output")) task->output = text;
            else if (S_is(f, "deadline")) {
                task->deadline = text;
                task->kind = S_attr(d, f, "deadline");
                task->due = S_attr(d, f, "by");
                task->due_year = task->due ? atoi(task->due) : 0;
                const char *from = S_attr(d, f, "from");
                task->from_year = from ? atoi(from) : 0;
            }
        }
        task->lead_key = S_folded(d, task->lead);
        task->partners_key = S_folded(d, task->partners);
    }
}

static void S_blocks(S_doc *d, const xmlNode *n, int section) {
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || S_is_inline(c)) continue;
        if (S_is(c, "meta") || S_is(c, "page-header") || S_is(c, "page-footer") || S_is(c, "layout")) continue;
        if (S_is(c, "section") || S_is(c, "appendix")) {
            S_open_section(d, c, section);
        } else if (S_is(c, "quotation")) {
            /* quoted text (an amended khoản, a cited article): its sections
             * are indexed under the section that quotes them, and their
             * headings weigh as headings, so that an amending decree is
             * found by the words of the wording it gives */
            S_blocks(d, c, section);
        } else if (S_is(c, "table")) {
            S_table_rows(d, c, section);
        } else {
            if (S_is(c, "tasks")) S_tasks(d, c, section); /* and their text is found too */
            if (S_has_inline_content(c)) S_paragraph(d, c, (const char *)c->name, section, false);
            S_blocks(d, c, section);
        }
    }
}

/* True when the line at s starts with the name of a body (Sở, Bộ, Ủy ban,
 * Cục...) rather than continuing the line above ("THÀNH PHỐ HẢI PHÒNG" after
 * "ỦY BAN NHÂN DÂN"). */
static bool S_starts_body_name(const char *s) {
    size_t n = strcspn(s, "\n"), i = strspn(s, " \t");
    if (i > n) i = n;
    return vb_lex_agency_word(s + i, n - i, VB_LEX_AGENCY_BODY) > 0;
}

static void S_meta(S_doc *d, const xmlNode *meta) {
    for (const xmlNode *c = meta->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        const char *name = (const char *)c->name;
        if (strcmp(name, "authority") == 0) {
            xmlChar *t = xmlNodeGetContent(c);
            vb_buf b = {0};
            /* one body per level, "UBND TỈNH X / SỞ Y TẾ"; a name wrapped over
             * lines ("BỘ LAO ĐỘNG - THƯƠNG / BINH VÀ XÃ HỘI") is one */
            for (const char *s = t ? (const char *)t : ""; *s; s++) {
                if (*s != '\n') vb_buf_putc(&b, *s);
                else vb_buf_puts(&b, S_starts_body_name(s + 1) ? " / " : " ");
            }
            xmlFree(t);
            vb_buf c2 = {0};
            S_put_text(&c2, b.data ? b.data : "");
            d->authority = S_finish_text(d, &c2);
            vb_buf_free(&b);
            vb_buf_free(&c2);
            S_paragraph(d, c, "authority", -1, false);
        } else if (strcmp(name, "number") == 0) {
            d->number = S_node_text(d, c);
            S_paragraph(d, c, "number", -1, false);
            vb_buf key = {0};
            vb_corpus_code_key(d->number, &key);
            d->code_key = vb_arena_strndup(d->arena, key.data, key.len);
            vb_buf_free(&key);
        } else if (strcmp(name, "place") == 0) {
            d->place = S_node_text(d, c);
            S_paragraph(d, c, "place", -1, false); /* "ha noi 2026" finds its documents */
        } else if (strcmp(name, "date") == 0) {
            d->date = S_attr(d, c, "iso");
            if (d->date) d->year = atoi(d->date);
            S_paragraph(d, c, "date", -1, false);
        } else if (strcmp(name, "type") == 0) {
            d->type = S_node_text(d, c);
            d->type_code = vb_corpus_type_code(d->type);
            S_paragraph(d, c, "type", -1, false);
        } else if (strcmp(name, "title") == 0) {
            d->title = S_node_text(d, c);
            S_paragraph(d, c, "title", -1, false);
        } else if (strcmp(name, "repairs") == 0) {
            for (const xmlNode *k = c->children; k; k = k->next) {
                if (!S_is(k, "count")) continue;
                S_count *cnt = S_push(&d->counts);
                cnt->kind = S_attr(d, k, "kind");
                cnt->n = S_attr_int(k, "n", 0);
            }
        } else if (strcmp(name, "motto") != 0 && strcmp(name, "property") != 0 &&
                   strcmp(name, "diagnostic") != 0) {
            /* an element a later stage added (task records, checks): kept, and searchable */
            S_record *r = S_push(&d->records);
            r->element = vb_arena_strdup(d->arena, name);
            r->attrs = S_attrs_json(d, c, NULL);
            r->text = S_node_text(d, c);
            if (*r->text) S_paragraph(d, c, name, -1, true);
        }
    }
}

static int S_walk_xml(S_doc *d, const char *xml, size_t len, char *err, size_t errlen) {
    xmlDoc *doc = xmlReadMemory(xml, (int)len, d->path, NULL,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                    XML_PARSE_HUGE);
    if (!doc) {
        const xmlError *e = xmlGetLastError();
        snprintf(err, errlen, "%s: not well-formed XML%s%s", d->path, e && e->message ? ": " : "",
                 e && e->message ? e->message : "");
        size_t l = strlen(err);
        if (l && err[l - 1] == '\n') err[l - 1] = '\0';
        return VB_ERR_FORMAT;
    }
    xmlNode *root = xmlDocGetRootElement(doc);
    if (!root || !S_is(root, "document")) {
        snprintf(err, errlen, "%s: XML, but not a vanban document (root <%s>)", d->path,
                 root ? (const char *)root->name : "none");
        xmlFreeDoc(doc);
        return VB_ERR_FORMAT;
    }
    if (!d->format) d->format = S_attr(d, root, "format");
    for (const xmlNode *c = root->children; c; c = c->next)
        if (S_is(c, "meta")) S_meta(d, c);
    S_blocks(d, root, -1);
    xmlFreeDoc(doc);
    return VB_OK;
}

/* ---- inputs ---- */

typedef struct {
    char **paths;
    size_t n, cap;
} S_inputs;

static bool S_indexable(const char *name) {
    const char *dot = strrchr(name, '.');
    if (!dot) return false;
    static const char *const exts[] = {".txt", ".text", ".md", ".docx", ".doc", ".xml"};
    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++)
        if (strcasecmp(dot, exts[i]) == 0) return true;
    return false;
}

static void S_add_input(S_inputs *in, const char *path) {
    if (in->n == in->cap) {
        in->cap = in->cap ? in->cap * 2 : 64;
        char **g = realloc(in->paths, in->cap * sizeof *g);
        if (!g) abort();
        in->paths = g;
    }
    in->paths[in->n++] = strdup(path);
}

static int S_compare_paths(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The directories from the top of a walk down to the one being read. */
typedef struct S_walk_dir {
    uint64_t dev, ino;
    const struct S_walk_dir *up;
} S_walk_dir;

/* Collects the inputs at path.  Symbolic links are followed, but each
 * directory and file is taken once by identity (st_dev, st_ino), as find(1)
 * does: a link back to a directory on the walk's own path is a loop, reported
 * and not entered, and one met again under another name is not taken twice. */
static void S_collect(S_inputs *in, vb_file_set *seen, const char *path, bool named,
                      const S_walk_dir *up) {
    struct stat st;
    if (stat(path, &st) != 0) {
        /* reported as failed: cannot read (a dangling link found in a
         * directory counts only when it has a document's name) */
        if (named || S_indexable(path)) S_add_input(in, path);
        return;
    }
    if (!S_ISDIR(st.st_mode)) {
        if (named || (S_ISREG(st.st_mode) && S_indexable(path))) {
            if (!S_ISREG(st.st_mode) || vb_file_set_add(seen, (uint64_t)st.st_dev, (uint64_t)st.st_ino))
                S_add_input(in, path);
        }
        return;
    }
    for (const S_walk_dir *a = up; a; a = a->up)
        if (a->dev == (uint64_t)st.st_dev && a->ino == (uint64_t)st.st_ino) {
            fprintf(stderr, "vanban: index: warning: %s: file system loop detected (a link to a "
                    "directory that contains it); not entered\n", path);
            return;
        }
    if (!vb_file_set_add(seen, (uint64_t)st.st_dev, (uint64_t)st.st_ino)) return;
    DIR *dir = opendir(path);
    if (!dir) {
        S_add_input(in, path);
        return;
    }
    S_inputs here = {0};
    struct dirent *e;
    while ((e = readdir(dir))) {
        if (e->d_name[0] == '.') continue;
        size_t len = strlen(path) + strlen(e->d_name) + 2;
        char *child = malloc(len);
        if (!child) abort();
        snprintf(child, len, "%s%s%s", path, path[strlen(path) - 1] == '/' ? "" : "/", e->d_name);
        S_add_input(&here, child);
        free(child);
    }
    closedir(dir);
    if (here.n) qsort(here.paths, here.n, sizeof *here.paths, S_compare_paths);
    S_walk_dir this_dir = {(uint64_t)st.st_dev, (uint64_t)st.st_ino, up};
    for (size_t i = 0; i < here.n; i++) {
        S_collect(in, seen, here.paths[i], false, &this_dir);
        free(here.paths[i]);
    }
    free(here.paths);
}

/* ---- what the database already holds (read before the workers start) ---- */

typedef struct {
    char *path;
    char sha256[65];
    bool ok;
} S_known;

typedef struct {
    S_known *items;
    size_t n;
} S_known_set;

static int S_compare_known(const void *a, const void *b) {
    return strcmp(((const S_known *)a)->path, ((const S_known *)b)->path);
}

static int S_load_known(vb_corpus *c, S_known_set *set, vb_diags *diags) {
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(c->db, "SELECT path, sha256, status FROM documents", -1, &st, NULL) !=
        SQLITE_OK)
        return vb_corpus_fail(c, "read the stored documents", diags);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (set->n == cap) {
            cap = cap ? cap * 2 : 256;
            S_known *g = realloc(set->items, cap * sizeof *g);
            if (!g) abort();
            set->items = g;
        }
        S_known *k = &set->items[set->n++];
        k->path = strdup((const char *)sqlite3_column_text(st, 0));
        snprintf(k->sha256, sizeof k->sha256, "%s", (const char *)sqlite3_column_text(st, 1));
        k->ok = strcmp((const char *)sqlite3_column_text(st, 2), "ok") == 0;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) return vb_corpus_fail(c, "read the stored documents", diags);
    if (set->n) qsort(set->items, set->n, sizeof *set->items, S_compare_known);
    return VB_OK;
}

static const S_known *S_find_known(const S_known_set *set, const char *path) {
    if (!set->n) return NULL;
    S_known key = {.path = (char *)path};
    return bsearch(&key, set->items, set->n, sizeof *set->items, S_compare_known);
}

/* ---- the workers ---- */

typedef struct {
    vb_corpus *corpus;
    const vb_index_options *opts;
    S_inputs inputs;
    S_known_set known;
    atomic_size_t next;
    /* the queue from the workers to the writer, bounded */
    pthread_mutex_t lock;
    pthread_cond_t can_put, can_take;
    S_doc **queue;
    size_t qcap, qhead, qlen;
    size_t workers_left;
} S_run;

/* ---- the postings: key → the paragraphs of the document holding it ---- */

typedef struct {
    const size_t *starts; /* byte offset of each paragraph in the joined text */
    size_t n, at;
    S_vec *pairs;         /* vb_corpus_keycode */
    vb_buf prev;          /* the folded key of the word before, in this paragraph */
    size_t prev_at;
} S_key_ctx;

static void S_push_key(S_vec *pairs, const char *key, size_t len, int code) {
    vb_corpus_keycode *kc = S_push(pairs);
    kc->key = malloc(len + 1);
    if (!kc->key) abort();
    memcpy(kc->key, key, len);
    kc->key[len] = '\0';
    kc->code = code;
}

/* Every key, and for two words in a row the folded pair "a b" (how
 * search finds words in order, close together). */
static void S_key_code(void *ctx, const char *key, size_t len, bool colocated, size_t start,
                       size_t end) {
    S_key_ctx *k = ctx;
    while (k->starts && k->at + 1 < k->n && k->starts[k->at + 1] <= start) k->at++;
    S_push_key(k->pairs, key, len, (int)k->at);
    if (colocated) return;
    if (k->prev.len && k->prev_at == k->at) {
        size_t mark = k->prev.len;
        vb_buf_putc(&k->prev, ' ');
        vb_buf_append(&k->prev, key, len);
        S_push_key(k->pairs, k->prev.data, k->prev.len, (int)k->at);
        k->prev.len = mark;
    }
    vb_buf_clear(&k->prev);
    vb_buf_append(&k->prev, key, len);
    k->prev_at = k->at;
}

/* The keys of a document's paragraphs (text and OCR originals), each with
 * the index of its paragraph. */
static void S_paragraph_keys(const char *const *texts, size_t n, S_vec *pairs) {
    vb_buf all = {0};
    size_t *starts = calloc(n + 1, sizeof *starts);
    if (!starts) abort();
    for (size_t i = 0; i < n; i++) {
        starts[i] = all.len;
        vb_buf_puts(&all, texts[2 * i]);
        vb_buf_putc(&all, '\n');
        vb_buf_puts(&all, texts[2 * i + 1]);
        vb_buf_putc(&all, '\n');
    }
    S_key_ctx k = {starts, n, 0, pairs, {0}, 0};
    if (all.len) vb_corpus_tokenize(all.data, all.len, false, S_key_code, &k);
    vb_buf_free(&k.prev);
    vb_buf_free(&all);
    free(starts);
}

static void S_doc_postings(S_doc *d) {
    const char **texts = calloc(2 * d->paras.n + 1, sizeof *texts);
    if (!texts) abort();
    for (size_t i = 0; i < d->paras.n; i++) {
        texts[2 * i] = S_AT(d->paras, S_para, i).text;
        texts[2 * i + 1] = S_AT(d->paras, S_para, i).originals;
    }
    S_vec pairs = {.size = sizeof(vb_corpus_keycode)};
    S_paragraph_keys(texts, d->paras.n, &pairs);
    free(texts);
    vb_corpus_keycode *kc = pairs.items;
    for (size_t i = 0; i < pairs.n; i++) {
        const S_para *p = &S_AT(d->paras, S_para, (size_t)kc[i].code);
        kc[i].code = kc[i].code << 2 | vb_corpus_field_of(p->kind);
    }
    if (pairs.n) qsort(kc, pairs.n, sizeof *kc, vb_corpus_keycode_compare);
    vb_buf enc = {0};
    for (size_t a = 0; a < pairs.n;) {
        size_t z = a;
        while (z < pairs.n && strcmp(kc[z].key, kc[a].key) == 0) z++;
        vb_buf_clear(&enc);
        vb_corpus_paras_encode(kc + a, z - a, &enc);
        S_posting *p = S_push(&d->postings);
        p->key = vb_arena_strdup(d->arena, kc[a].key);
        p->paras = vb_arena_strndup(d->arena, enc.data, enc.len);
        p->len = enc.len;
        a = z;
    }
    for (size_t i = 0; i < pairs.n; i++) free(kc[i].key);
    free(pairs.items);
    vb_buf_free(&enc);
}

static void S_sha256_hex(const unsigned char *data, size_t len, char out[65]) {
    struct sha256_ctx ctx;
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_init(&ctx);
    sha256_update(&ctx, len, data);
    sha256_digest(&ctx, sizeof digest, digest);
    for (size_t i = 0; i < sizeof digest; i++) snprintf(out + 2 * i, 3, "%02x", digest[i]);
}

static bool S_looks_like_xml(const char *path, const unsigned char *data, size_t len) {
    const char *dot = strrchr(path, '.');
    if (dot && strcasecmp(dot, ".xml") == 0) return true;
    size_t i = 0;
    if (len >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF) i = 3;
    while (i < len && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r' || data[i] == '\t')) i++;
    return len - i >= 9 && (memcmp(data + i, "<?xml", 5) == 0 || memcmp(data + i, "<document", 9) == 0);
}

static void S_fail(S_doc *d, const char *message) {
    d->failed = true;
    d->error = vb_arena_strdup(d->arena, message);
}

static S_doc *S_prepare(S_run *run, const char *path) {
    S_doc *d = S_doc_new(path);
    char err[1024] = "";
    unsigned char *data = NULL;
    size_t len = 0;
    if (vb_read_file_errtext(path, S_MAX_INPUT_BYTES, &data, &len, err, sizeof err) != VB_OK) {
        S_sha256_hex((const unsigned char *)"", 0, d->sha256);
        S_fail(d, err);
        return d;
    }
    d->bytes = len;
    S_sha256_hex(data, len, d->sha256);
    const S_known *k = S_find_known(&run->known, path);
    if (k && k->ok && !run->opts->force && strcmp(k->sha256, d->sha256) == 0) {
        d->action = S_SKIP_UNCHANGED;
        free(data);
        return d;
    }
    vb_buf xml = {0}, html = {0};
    const char *xml_data;
    size_t xml_len;
    if (S_looks_like_xml(path, data, len)) {
        d->format = "xml";
        xml_data = (const char *)data;
        xml_len = len;
    } else {
        vb_doc *doc = NULL;
        vb_diags diags;
        vb_diags_init(&diags, NULL, path);
        if (vb_convert_memory(path, data, len, &run->opts->pipeline, &doc, &diags) != VB_OK) {
            vb_diags_error_text(&diags, err, sizeof err);
            vb_diags_free(&diags);
            S_fail(d, err);
            free(data);
            return d;
        }
        vb_ead_record rec;
        vb_ead_record_make(doc, NULL, &rec);
        for (int i = 0; i < VB_EAD_NFIELDS; i++)
            d->ead[i] = rec.values[i] ? vb_arena_strdup(d->arena, rec.values[i]) : NULL;
        d->has_ead = true;
        vb_ead_record_free(&rec);
        vb_render_options ropts;
        vb_render_options_default(&ropts);
        if (vb_render(doc, VB_FORMAT_XML, &ropts, &xml) != VB_OK ||
            vb_render(doc, VB_FORMAT_HTML, &ropts, &html) != VB_OK) {
            snprintf(err, sizeof err, "%s: cannot render the converted document", path);
            S_fail(d, err);
        }
        vb_doc_free(doc);
        xml_data = xml.data ? xml.data : "";
        xml_len = xml.len;
    }
    if (!d->failed && S_walk_xml(d, xml_data, xml_len, err, sizeof err) != VB_OK) S_fail(d, err);
    if (!d->failed) S_doc_postings(d);
    if (!d->failed) {
        vb_corpus_deflate(xml_data, xml_len, &d->xml_z);
        if (html.len) vb_corpus_deflate(html.data, html.len, &d->html_z);
    }
    vb_buf_free(&xml);
    vb_buf_free(&html);
    free(data);
    return d;
}

static void *S_worker(void *arg) {
    S_run *run = arg;
    for (;;) {
        size_t i = atomic_fetch_add(&run->next, 1);
        if (i >= run->inputs.n) break;
        S_doc *d = S_prepare(run, run->inputs.paths[i]);
        pthread_mutex_lock(&run->lock);
        while (run->qlen == run->qcap) pthread_cond_wait(&run->can_put, &run->lock);
        run->queue[(run->qhead + run->qlen++) % run->qcap] = d;
        pthread_cond_signal(&run->can_take);
        pthread_mutex_unlock(&run->lock);
    }
    pthread_mutex_lock(&run->lock);
    run->workers_left--;
    pthread_cond_signal(&run->can_take);
    pthread_mutex_unlock(&run->lock);
    return NULL;
}

/* Next prepared document, NULL when every worker is done. */
static S_doc *S_take(S_run *run) {
    pthread_mutex_lock(&run->lock);
    while (run->qlen == 0 && run->workers_left > 0) pthread_cond_wait(&run->can_take, &run->lock);
    S_doc *d = NULL;
    if (run->qlen) {
        d = run->queue[run->qhead];
        run->qhead = (run->qhead + 1) % run->qcap;
        run->qlen--;
        pthread_cond_signal(&run->can_put);
    }
    pthread_mutex_unlock(&run->lock);
    return d;
}

/* ---- the writer ---- */

enum {
    Q_FIND_PATH, Q_FIND_SHA, Q_DOC, Q_SECTION, Q_PARA, Q_TABLE, Q_CELL,
    Q_VALUE, Q_CITE, Q_REPAIR, Q_COUNT, Q_RECORD, Q_TASK, Q_POSTING, Q_OLD_TEXT, Q_DELETE_POSTING,
    Q_EAD,
    Q_COUNT_OF
};

static const char *const S_SQL[Q_COUNT_OF] = {
    [Q_FIND_PATH] = "SELECT id FROM documents WHERE path = ?1",
    [Q_FIND_SHA] = "SELECT path FROM documents WHERE sha256 = ?1 AND path <> ?2 AND status = 'ok'",
    [Q_DOC] = "INSERT INTO documents (path, sha256, bytes, status, error, format, type, type_code,"
              " number, code_key, authority, place, date, year, title, text_bytes, xml, html)"
              " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18)",
    [Q_SECTION] = "INSERT INTO sections (doc_id, parent_id, ord, kind, num, label, level, heading,"
                  " path, line) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)",
    [Q_PARA] = "INSERT INTO paragraphs (id, doc_id, section_id, ord, kind, line, text, originals)"
               " VALUES (?8,?1,?2,?3,?4,?5,?6,?7)",
    [Q_TABLE] = "INSERT INTO doc_tables (doc_id, section_id, ord, rows, cols, line)"
                " VALUES (?1,?2,?3,?4,?5,?6)",
    [Q_CELL] = "INSERT INTO cells (table_id, doc_id, row, col, row_kind, colspan, rowspan, text,"
               " kind, value) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)",
    [Q_VALUE] = "INSERT INTO data_values (doc_id, paragraph_id, kind, text, value, unit, iso, attrs)"
                " VALUES (?1,?2,?3,?4,?5,?6,?7,?8)",
    [Q_CITE] = "INSERT INTO citations (doc_id, paragraph_id, code, code_key, type, number, iso,"
               " year, text) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9)",
    [Q_REPAIR] = "INSERT INTO repairs (doc_id, paragraph_id, kind, original, text, confidence,"
                 " review) VALUES (?1,?2,?3,?4,?5,?6,?7)",
    [Q_COUNT] = "INSERT INTO repair_counts (doc_id, kind, n) VALUES (?1,?2,?3)",
    [Q_RECORD] = "INSERT INTO records (doc_id, element, attrs, text) VALUES (?1,?2,?3,?4)",
    [Q_TASK] = "INSERT INTO tasks (doc_id, section_id, ord, num, name, lead, partners, output,"
               " deadline, deadline_kind, due, due_year, from_year, line, lead_key, partners_key)"
               " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16)",
    /* the columns in the order of vb_ead_field */
    [Q_EAD] = "INSERT INTO ead_records (doc_id, docId, docCode, maintenance, typeName, codeNumber,"
              " codeNotation, issuedDate, organName, subject, language, numberOfPage, inforSign,"
              " keyword, mode, confidenceLevel, autograph, format, riskRecovery,"
              " riskRecoveryStatus, process, description) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,"
              "?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22)",
    [Q_POSTING] = "INSERT INTO postings (term, doc_id, paras) VALUES (?1,?2,?3)",
    [Q_OLD_TEXT] = "SELECT text, originals FROM paragraphs WHERE doc_id = ?1",
    [Q_DELETE_POSTING] = "DELETE FROM postings WHERE term = ?1 AND doc_id = ?2",
};

static const char *const S_DELETE_ROWS[] = {
    "DELETE FROM paragraphs WHERE doc_id = ?1", "DELETE FROM sections WHERE doc_id = ?1",
    "DELETE FROM doc_tables WHERE doc_id = ?1", "DELETE FROM cells WHERE doc_id = ?1",
    "DELETE FROM data_values WHERE doc_id = ?1", "DELETE FROM citations WHERE doc_id = ?1",
    "DELETE FROM repairs WHERE doc_id = ?1",  "DELETE FROM repair_counts WHERE doc_id = ?1",
    "DELETE FROM records WHERE doc_id = ?1",  "DELETE FROM tasks WHERE doc_id = ?1",
    "DELETE FROM ead_records WHERE doc_id = ?1",
    "DELETE FROM documents WHERE id = ?1",
};
#define S_NDELETE (sizeof S_DELETE_ROWS / sizeof S_DELETE_ROWS[0])

typedef struct {
    vb_corpus *c;
    sqlite3_stmt *q[Q_COUNT_OF];
    sqlite3_stmt *del[S_NDELETE];
} S_writer;

static void S_bind_text(sqlite3_stmt *st, int i, const char *s) {
    if (s) sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
    else sqlite3_bind_null(st, i);
}

static void S_bind_index(sqlite3_stmt *st, int i, int index, const int64_t *ids) {
    if (index >= 0) sqlite3_bind_int64(st, i, ids[index]);
    else sqlite3_bind_null(st, i);
}

/* Steps a bound insert and resets it; returns the SQLite code. */
static int S_run_stmt(sqlite3_stmt *st) {
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

static int S_writer_open(S_writer *w, vb_corpus *c, vb_diags *diags) {
    w->c = c;
    for (int i = 0; i < Q_COUNT_OF; i++)
        if (sqlite3_prepare_v3(c->db, S_SQL[i], -1, SQLITE_PREPARE_PERSISTENT, &w->q[i], NULL) != SQLITE_OK)
            return vb_corpus_fail(c, "prepare the index statements", diags);
    for (size_t i = 0; i < S_NDELETE; i++)
        if (sqlite3_prepare_v3(c->db, S_DELETE_ROWS[i], -1, SQLITE_PREPARE_PERSISTENT, &w->del[i], NULL) != SQLITE_OK)
            return vb_corpus_fail(c, "prepare the index statements", diags);
    return VB_OK;
}

static void S_writer_close(S_writer *w) {
    for (int i = 0; i < Q_COUNT_OF; i++) sqlite3_finalize(w->q[i]);
    for (size_t i = 0; i < S_NDELETE; i++) sqlite3_finalize(w->del[i]);
}

/* The postings of a stored document go by its keys, found again in its
 * paragraphs as the tokenizer splits them (as FTS5 deletes). */
static int S_delete_postings(S_writer *w, int64_t id) {
    sqlite3_stmt *st = w->q[Q_OLD_TEXT];
    S_vec texts = {.size = sizeof(char *)};
    sqlite3_bind_int64(st, 1, id);
    while (sqlite3_step(st) == SQLITE_ROW)
        for (int col = 0; col < 2; col++) {
            const char *t = (const char *)sqlite3_column_text(st, col);
            *(char **)S_push(&texts) = strdup(t ? t : "");
        }
    sqlite3_reset(st);
    S_vec keys = {.size = sizeof(vb_corpus_keycode)};
    S_paragraph_keys((const char *const *)texts.items, texts.n / 2, &keys);
    for (size_t i = 0; i < texts.n; i++) free(((char **)texts.items)[i]);
    free(texts.items);
    vb_corpus_keycode *kc = keys.items;
    if (keys.n) qsort(kc, keys.n, sizeof *kc, vb_corpus_keycode_compare);
    int rc = SQLITE_OK;
    for (size_t i = 0; i < keys.n; i++) {
        if (rc == SQLITE_OK && (i == 0 || strcmp(kc[i].key, kc[i - 1].key) != 0)) {
            st = w->q[Q_DELETE_POSTING];
            sqlite3_bind_text(st, 1, kc[i].key, -1, SQLITE_STATIC);
            sqlite3_bind_int64(st, 2, id);
            rc = S_run_stmt(st);
        }
    }
    for (size_t i = 0; i < keys.n; i++) free(kc[i].key);
    free(keys.items);
    return rc;
}

static int S_delete_doc(S_writer *w, int64_t id) {
    int rc = S_delete_postings(w, id);
    for (size_t i = 0; rc == SQLITE_OK && i < S_NDELETE; i++) {
        sqlite3_bind_int64(w->del[i], 1, id);
        rc = S_run_stmt(w->del[i]);
    }
    return rc;
}

/* Stores d (replacing what its path held) in the open transaction. */
static int S_store(S_writer *w, S_doc *d, bool *duplicate) {
    sqlite3_stmt *st = w->q[Q_FIND_PATH];
    sqlite3_bind_text(st, 1, d->path, -1, SQLITE_STATIC);
    int64_t old = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    int rc = SQLITE_OK;
    if (!d->failed) { /* the same bytes under another name are the same document */
        st = w->q[Q_FIND_SHA];
        sqlite3_bind_text(st, 1, d->sha256, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, d->path, -1, SQLITE_STATIC);
        *duplicate = sqlite3_step(st) == SQLITE_ROW;
        sqlite3_reset(st);
        if (*duplicate) return old ? S_delete_doc(w, old) : SQLITE_OK;
    }
    if (old && (rc = S_delete_doc(w, old)) != SQLITE_OK) return rc;

    st = w->q[Q_DOC];
    S_bind_text(st, 1, d->path);
    S_bind_text(st, 2, d->sha256);
    sqlite3_bind_int64(st, 3, (int64_t)d->bytes);
    S_bind_text(st, 4, d->failed ? "failed" : "ok");
    S_bind_text(st, 5, d->error);
    S_bind_text(st, 6, d->format);
    S_bind_text(st, 7, d->type);
    S_bind_text(st, 8, d->type_code && *d->type_code ? d->type_code : NULL);
    S_bind_text(st, 9, d->number);
    S_bind_text(st, 10, d->code_key);
    S_bind_text(st, 11, d->authority);
    S_bind_text(st, 12, d->place);
    S_bind_text(st, 13, d->date);
    if (d->year) sqlite3_bind_int(st, 14, d->year);
    S_bind_text(st, 15, d->title);
    sqlite3_bind_int64(st, 16, (int64_t)d->text_bytes);
    if (d->xml_z.len) sqlite3_bind_blob(st, 17, d->xml_z.data, (int)d->xml_z.len, SQLITE_STATIC);
    if (d->html_z.len) sqlite3_bind_blob(st, 18, d->html_z.data, (int)d->html_z.len, SQLITE_STATIC);
    if ((rc = S_run_stmt(st)) != SQLITE_OK) return rc;
    int64_t doc = sqlite3_last_insert_rowid(w->c->db);
    if (d->failed) return SQLITE_OK;
    if (d->has_ead) {
        st = w->q[Q_EAD];
        sqlite3_bind_int64(st, 1, doc);
        for (int i = 0; i < VB_EAD_NFIELDS; i++) S_bind_text(st, i + 2, d->ead[i]);
        if ((rc = S_run_stmt(st)) != SQLITE_OK) return rc;
    }

    int64_t *section_ids = calloc(d->sections.n + 1, sizeof *section_ids);
    int64_t *para_ids = calloc(d->paras.n + 1, sizeof *para_ids);
    int64_t *table_ids = calloc(d->tables.n + 1, sizeof *table_ids);
    if (!section_ids || !para_ids || !table_ids) abort();
    st = w->q[Q_SECTION];
    for (size_t i = 0; rc == SQLITE_OK && i < d->sections.n; i++) {
        const S_section *s = &S_AT(d->sections, S_section, i);
        sqlite3_bind_int64(st, 1, doc);
        S_bind_index(st, 2, s->parent, section_ids);
        sqlite3_bind_int(st, 3, s->ord);
        S_bind_text(st, 4, s->kind);
        S_bind_text(st, 5, s->num);
        S_bind_text(st, 6, s->label);
        sqlite3_bind_int(st, 7, s->level);
        S_bind_text(st, 8, s->heading);
        S_bind_text(st, 9, s->path);
        sqlite3_bind_int(st, 10, s->line);
        rc = S_run_stmt(st);
        section_ids[i] = sqlite3_last_insert_rowid(w->c->db);
    }
    for (size_t i = 0; rc == SQLITE_OK && i < d->paras.n; i++) {
        const S_para *p = &S_AT(d->paras, S_para, i);
        st = w->q[Q_PARA];
        sqlite3_bind_int64(st, 1, doc);
        S_bind_index(st, 2, p->section, section_ids);
        sqlite3_bind_int(st, 3, (int)i);
        S_bind_text(st, 4, p->kind);
        sqlite3_bind_int(st, 5, p->line);
        S_bind_text(st, 6, p->text);
        S_bind_text(st, 7, p->originals);
        para_ids[i] = vb_corpus_paragraph_id(doc, (int64_t)i, p->kind);
        sqlite3_bind_int64(st, 8, para_ids[i]);
        rc = S_run_stmt(st);
    }
    for (size_t i = 0; rc == SQLITE_OK && i < d->tables.n; i++) {
        const S_table *t = &S_AT(d->tables, S_table, i);
        st = w->q[Q_TABLE];
        sqlite3_bind_int64(st, 1, doc);
        S_bind_index(st, 2, t->section, section_ids);
        sqlite3_bind_int(st, 3, (int)i);
        sqlite3_bind_int(st, 4, t->rows);
        sqlite3_bind_int(st, 5, t->cols);
        sqlite3_bind_int(st, 6, t->line);
        rc = S_run_stmt(st);
        table_ids[i] = sqlite3_last_insert_rowid(w->c->db);
    }
    st = w->q[Q_CELL];
    for (size_t i = 0; rc == SQLITE_OK && i < d->cells.n; i++) {
        const S_cell *cell = &S_AT(d->cells, S_cell, i);
        sqlite3_bind_int64(st, 1, table_ids[cell->table]);
        sqlite3_bind_int64(st, 2, doc);
        sqlite3_bind_int(st, 3, cell->row);
        sqlite3_bind_int(st, 4, cell->col);
        S_bind_text(st, 5, cell->row_kind);
        sqlite3_bind_int(st, 6, cell->colspan);
        sqlite3_bind_int(st, 7, cell->rowspan);
        S_bind_text(st, 8, cell->text);
        S_bind_text(st, 9, cell->kind);
        if (cell->has_value) sqlite3_bind_double(st, 10, cell->value);
        rc = S_run_stmt(st);
    }
    st = w->q[Q_VALUE];
    for (size_t i = 0; rc == SQLITE_OK && i < d->values.n; i++) {
        const S_value *v = &S_AT(d->values, S_value, i);
        sqlite3_bind_int64(st, 1, doc);
        S_bind_index(st, 2, v->para, para_ids);
        S_bind_text(st, 3, v->kind);
        S_bind_text(st, 4, v->text);
        if (v->has_value) sqlite3_bind_double(st, 5, v->value);
        S_bind_text(st, 6, v->unit);
        S_bind_text(st, 7, v->iso);
        S_bind_text(st, 8, v->attrs);
        rc = S_run_stmt(st);
    }
    st = w->q[Q_CITE];
    for (size_t i = 0; rc == SQLITE_OK && i < d->cites.n; i++) {
        const S_cite *c = &S_AT(d->cites, S_cite, i);
        sqlite3_bind_int64(st, 1, doc);
        S_bind_index(st, 2, c->para, para_ids);
        S_bind_text(st, 3, c->code);
        S_bind_text(st, 4, c->key);
        S_bind_text(st, 5, c->type);
        S_bind_text(st, 6, c->number);
        S_bind_text(st, 7, c->iso);
        if (c->year) sqlite3_bind_int(st, 8, c->year);
        S_bind_text(st, 9, c->text);
        rc = S_run_stmt(st);
    }
    st = w->q[Q_REPAIR];
    for (size_t i = 0; rc == SQLITE_OK && i < d->repairs.n; i++) {
        const S_repair *r = &S_AT(d->repairs, S_repair, i);
        sqlite3_bind_int64(st, 1, doc);
        S_bind_index(st, 2, r->para, para_ids);
        S_bind_text(st, 3, r->kind);
        S_bind_text(st, 4, r->original);
        S_bind_text(st, 5, r->text);
        sqlite3_bind_double(st, 6, r->confidence);
        sqlite3_bind_int(st, 7, r->review);
        rc = S_run_stmt(st);
    }
    st = w->q[Q_COUNT];
    for (size_t i = 0; rc == SQLITE_OK && i < d->counts.n; i++) {
        const S_count *k = &S_AT(d->counts, S_count, i);
        sqlite3_bind_int64(st, 1, doc);
        S_bind_text(st, 2, k->kind);
        sqlite3_bind_int64(st, 3, k->n);
        rc = S_run_stmt(st);
    }
    st = w->q[Q_RECORD];
    for (size_t i = 0; rc == SQLITE_OK && i < d->records.n; i++) {
        const S_record *r = &S_AT(d->records, S_record, i);
        sqlite3_bind_int64(st, 1, doc);
        S_bind_text(st, 2, r->element);
        S_bind_text(st, 3, r->attrs);
        S_bind_text(st, 4, r->text);
        rc = S_run_stmt(st);
    }
    st = w->q[Q_TASK];
    for (size_t i = 0; rc == SQLITE_OK && i < d->tasks.n; i++) {
        const S_task *t = &S_AT(d->tasks, S_task, i);
        sqlite3_bind_int64(st, 1, doc);
        S_bind_index(st, 2, t->section, section_ids);
        sqlite3_bind_int(st, 3, (int)i);
        S_bind_text(st, 4, t->num);
        S_bind_text(st, 5, t->name);
        S_bind_text(st, 6, t->lead);
        S_bind_text(st, 7, t->partners);
        S_bind_text(st, 8, t->output);
        S_bind_text(st, 9, t->deadline);
        S_bind_text(st, 10, t->kind);
        S_bind_text(st, 11, t->due);
        if (t->due_year) sqlite3_bind_int(st, 12, t->due_year);
        if (t->from_year) sqlite3_bind_int(st, 13, t->from_year);
        sqlite3_bind_int(st, 14, t->line);
        S_bind_text(st, 15, t->lead_key);
        S_bind_text(st, 16, t->partners_key);
        rc = S_run_stmt(st);
    }
    st = w->q[Q_POSTING];
    for (size_t i = 0; rc == SQLITE_OK && i < d->postings.n; i++) {
        const S_posting *p = &S_AT(d->postings, S_posting, i);
        sqlite3_bind_text(st, 1, p->key, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, doc);
        sqlite3_bind_blob(st, 3, p->paras, (int)p->len, SQLITE_STATIC);
        rc = S_run_stmt(st);
    }
    free(section_ids);
    free(para_ids);
    free(table_ids);
    return rc;
}

/* True when path is input or lies below it. */
static bool S_under(const char *path, const char *input) {
    size_t n = strlen(input);
    while (n > 1 && input[n - 1] == '/') n--;
    return strncmp(path, input, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

/* Removes the stored documents below the inputs whose file is gone, each in
 * its own transaction. */
static int S_prune(S_writer *w, char *const *inputs, size_t ninputs, size_t *removed,
                   vb_diags *diags) {
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(w->c->db, "SELECT id, path FROM documents", -1, &st, NULL) != SQLITE_OK)
        return vb_corpus_fail(w->c, "list the stored documents", diags);
    int64_t *gone = NULL;
    size_t n = 0, cap = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *path = (const char *)sqlite3_column_text(st, 1);
        bool mine = false;
        for (size_t i = 0; i < ninputs && !mine; i++) mine = S_under(path, inputs[i]);
        struct stat sb;
        if (!mine || stat(path, &sb) == 0) continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            int64_t *g = realloc(gone, cap * sizeof *g);
            if (!g) abort();
            gone = g;
        }
        gone[n++] = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    int status = VB_OK;
    for (size_t i = 0; i < n && status == VB_OK; i++) {
        int rc = sqlite3_exec(w->c->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
        if (rc == SQLITE_OK) rc = S_delete_doc(w, gone[i]);
        if (rc == SQLITE_OK) rc = sqlite3_exec(w->c->db, "COMMIT", NULL, NULL, NULL);
        if (rc != SQLITE_OK) {
            status = vb_corpus_fail(w->c, "remove a document whose file is gone", diags);
            sqlite3_exec(w->c->db, "ROLLBACK", NULL, NULL, NULL);
        } else {
            (*removed)++;
        }
    }
    free(gone);
    return status;
}

static void S_progress(const vb_index_options *opts, const vb_index_stats *s, time_t started,
                       bool final) {
    if (!opts->progress) return;
    size_t done = s->indexed + s->unchanged + s->duplicates + s->failed;
    fprintf(stderr, "\r\033[K%zu/%zu: %zu indexed, %zu unchanged, %zu duplicate, %zu failed, %lds",
            done, s->inputs, s->indexed, s->unchanged, s->duplicates, s->failed,
            (long)(time(NULL) - started));
    if (final) fputc('\n', stderr);
    fflush(stderr);
}

void vb_index_options_default(vb_index_options *opts) {
    memset(opts, 0, sizeof *opts);
    vb_pipeline_options_default(&opts->pipeline);
    opts->jobs = 1;
}

int vb_corpus_index(vb_corpus *corpus, char *const *inputs, size_t ninputs,
                    const vb_index_options *opts, vb_index_stats *stats, vb_diags *diags) {
    memset(stats, 0, sizeof *stats);
    xmlInitParser(); /* once, before the workers parse */
    S_run run = {.corpus = corpus, .opts = opts};
    vb_file_set seen = {0};
    for (size_t i = 0; i < ninputs; i++) S_collect(&run.inputs, &seen, inputs[i], true, NULL);
    vb_file_set_free(&seen);
    /* a file named twice (a directory and a file in it) is one job */
    if (run.inputs.n) qsort(run.inputs.paths, run.inputs.n, sizeof *run.inputs.paths, S_compare_paths);
    size_t unique = 0;
    for (size_t i = 0; i < run.inputs.n; i++) {
        if (unique && strcmp(run.inputs.paths[unique - 1], run.inputs.paths[i]) == 0) free(run.inputs.paths[i]);
        else run.inputs.paths[unique++] = run.inputs.paths[i];
    }
    run.inputs.n = unique;
    stats->inputs = run.inputs.n;
    int status = S_load_known(corpus, &run.known, diags);
    S_writer w = {0};
    if (status == VB_OK) status = S_writer_open(&w, corpus, diags);
    int jobs = opts->jobs > 0 ? opts->jobs : 1;
    pthread_t *threads = calloc((size_t)jobs, sizeof *threads);
    run.qcap = (size_t)jobs * 2;
    run.queue = calloc(run.qcap, sizeof *run.queue);
    if (!threads || !run.queue) abort();
    pthread_mutex_init(&run.lock, NULL);
    pthread_cond_init(&run.can_put, NULL);
    pthread_cond_init(&run.can_take, NULL);
    int started = 0;
    if (status == VB_OK) {
        run.workers_left = (size_t)jobs;
        for (; started < jobs; started++)
            if (pthread_create(&threads[started], NULL, S_worker, &run) != 0) break;
        pthread_mutex_lock(&run.lock);
        run.workers_left -= (size_t)(jobs - started);
        pthread_mutex_unlock(&run.lock);
    }
    time_t t0 = time(NULL);
    S_doc *d;
    while (started > 0 && (d = S_take(&run))) {
        if (status != VB_OK) { /* drain: the database failed, the workers finish */
            S_doc_free(d);
            continue;
        }
        stats->text_bytes += d->bytes;
        if (d->action == S_SKIP_UNCHANGED) {
            stats->unchanged++;
        } else {
            bool duplicate = false;
            int rc = sqlite3_exec(corpus->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
            if (rc == SQLITE_OK) rc = S_store(&w, d, &duplicate);
            if (rc == SQLITE_OK) rc = sqlite3_exec(corpus->db, "COMMIT", NULL, NULL, NULL);
            if (rc != SQLITE_OK) {
                char doing[512];
                snprintf(doing, sizeof doing, "store %s", d->path);
                status = vb_corpus_fail(corpus, doing, diags);
                sqlite3_exec(corpus->db, "ROLLBACK", NULL, NULL, NULL);
            } else if (duplicate) {
                stats->duplicates++;
            } else if (d->failed) {
                stats->failed++;
                if (opts->progress) fputs("\r\033[K", stderr);
                fprintf(stderr, "vanban: index: failed: %s\n", d->error);
            } else {
                stats->indexed++;
            }
        }
        S_progress(opts, stats, t0, false);
        S_doc_free(d);
    }
    for (int i = 0; i < started; i++) pthread_join(threads[i], NULL);
    if (status == VB_OK) S_progress(opts, stats, t0, true);
    if (status == VB_OK && opts->prune)
        status = S_prune(&w, inputs, ninputs, &stats->removed, diags);
    S_writer_close(&w);
    /* the optimizer's statistics help the search queries; cheap */
    if (status == VB_OK) sqlite3_exec(corpus->db, "PRAGMA optimize", NULL, NULL, NULL);
    pthread_mutex_destroy(&run.lock);
    pthread_cond_destroy(&run.can_put);
    pthread_cond_destroy(&run.can_take);
    free(threads);
    free(run.queue);
    for (size_t i = 0; i < run.inputs.n; i++) free(run.inputs.paths[i]);
    free(run.inputs.paths);
    for (size_t i = 0; i < run.known.n; i++) free(run.known.items[i].path);
    free(run.known.items);
    return status;
}
