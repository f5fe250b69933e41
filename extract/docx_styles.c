/* DOCX styles (basedOn chains resolved once) and automatic numbering
 * materialised into the labels a reader of the printed page sees. */
#include "docx_internal.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_LEVELS 9
#define MAX_CHAIN 32

typedef struct {
    const char *id, *name, *based_on, *num_id;
    bool character, numbering, is_default;
    int outline, bold, italic, jc_center, ilvl; /* -1 unset */
    vb_docx_style_info resolved;
    int rbold, ritalic;
    bool done, resolving;
} S_style;

typedef struct {
    bool defined;
    int start, restart;    /* restart: -1 = default (after any higher level), 0 = never */
    const char *fmt, *text, *pstyle;
    bool legal;            /* isLgl: higher levels print as decimal */
} S_level;

typedef struct {
    const char *id, *style_link, *num_style_link;
    S_level lvl[MAX_LEVELS];
    int count[MAX_LEVELS];
    bool started[MAX_LEVELS];
} S_abstract;

typedef struct {
    const char *id, *abstract_id;
    int start_override[MAX_LEVELS]; /* -1 none */
    S_level lvl_override[MAX_LEVELS];
    bool applied;                   /* overrides applied on first use */
    S_abstract *abs;                /* resolved lazily */
} S_num;

struct vb_docx_styles {
    S_style *styles;
    size_t nstyles, cap_styles;
    const S_style *default_para;
    int doc_bold, doc_italic;
    S_abstract *abstracts;
    size_t nabstracts, cap_abstracts;
    S_num *nums;
    size_t nnums, cap_nums;
};

static void *S_grow(void *p, size_t *cap, size_t n, size_t elem) {
    if (n < *cap) return p;
    size_t c = *cap ? *cap * 2 : 16;
    void *q = realloc(p, c * elem);
    if (!q) abort();
    memset((char *)q + *cap * elem, 0, (c - *cap) * elem);
    *cap = c;
    return q;
}

static int S_cmp_style(const void *a, const void *b) {
    return strcmp(((const S_style *)a)->id, ((const S_style *)b)->id);
}

static S_style *S_style_find(const vb_docx_styles *st, const char *id) {
    if (!id || !st->nstyles) return NULL;
    S_style key = {.id = id};
    return bsearch(&key, st->styles, st->nstyles, sizeof *st->styles, S_cmp_style);
}

static int S_int(const char *s, int dflt) {
    if (!s) return dflt;
    char *end;
    long v = strtol(s, &end, 10);
    if (end == s) return dflt;
    if (v < -1000000) v = -1000000;
    if (v > 1000000) v = 1000000;
    return (int)v;
}

/* ---- styles.xml ---- */
static int S_read_styles(vb_docx_zip *zip, vb_arena *arena, const char *part, vb_diags *diags,
                         vb_docx_styles *st) {
    vb_docx_xml *x = vb_docx_xml_open(zip, part, diags, false);
    if (!x) return vb_docx_zip_has(zip, part) ? VB_ERR_FORMAT : VB_OK;
    xmlTextReaderPtr r = vb_docx_xml_reader(x);
    int rc, style_depth = -1, ppr_depth = -1, rpr_depth = -1, defaults_depth = -1;
    S_style *cur = NULL;
    char v[512];
    while ((rc = vb_docx_xml_next(x)) == 1) {
        int type = xmlTextReaderNodeType(r), depth = xmlTextReaderDepth(r);
        if (type == XML_READER_TYPE_END_ELEMENT) {
            if (depth == style_depth) style_depth = -1, cur = NULL;
            if (depth == ppr_depth) ppr_depth = -1;
            if (depth == rpr_depth) rpr_depth = -1;
            if (depth == defaults_depth) defaults_depth = -1;
            continue;
        }
        if (type != XML_READER_TYPE_ELEMENT || vb_docx_xml_ns(x) != VB_NS_W) continue;
        const char *name = vb_docx_xml_name(x);
        bool empty = xmlTextReaderIsEmptyElement(r);
        if (strcmp(name, "style") == 0) {
            st->styles = S_grow(st->styles, &st->cap_styles, st->nstyles, sizeof *st->styles);
            cur = &st->styles[st->nstyles];
            memset(cur, 0, sizeof *cur);
            cur->outline = cur->bold = cur->italic = cur->jc_center = cur->ilvl = -1;
            const char *t = vb_docx_attr(x, VB_NS_W, "type", v, sizeof v);
            cur->character = t && strcmp(t, "character") == 0;
            cur->numbering = t && strcmp(t, "numbering") == 0;
            bool para = !t || strcmp(t, "paragraph") == 0;
            const char *id = vb_docx_attr(x, VB_NS_W, "styleId", v, sizeof v);
            if (!id) {
                vb_docx_xml_skip(x);
                cur = NULL;
                continue;
            }
            cur->id = vb_arena_strdup(arena, id);
            cur->is_default = para && vb_docx_attr(x, VB_NS_W, "default", v, sizeof v) &&
                              vb_docx_onoff(v);
            st->nstyles++;
            if (!empty) style_depth = depth;
            else cur = NULL;
            continue;
        }
        if (strcmp(name, "docDefaults") == 0 && !empty) {
            defaults_depth = depth;
            continue;
        }
        if (strcmp(name, "pPr") == 0 && cur && depth == style_depth + 1 && !empty) {
            ppr_depth = depth;
            continue;
        }
        if (strcmp(name, "rPr") == 0 && !empty &&
            ((cur && depth == style_depth + 1) || defaults_depth >= 0)) {
            rpr_depth = depth;
            continue;
        }
        if (cur && depth == style_depth + 1) {
            if (strcmp(name, "name") == 0 && vb_docx_attr(x, VB_NS_W, "val", v, sizeof v))
                cur->name = vb_arena_strdup(arena, v);
            else if (strcmp(name, "basedOn") == 0 && vb_docx_attr(x, VB_NS_W, "val", v, sizeof v))
                cur->based_on = vb_arena_strdup(arena, v);
            continue;
        }
        if (cur && ppr_depth >= 0) {
            if (strcmp(name, "outlineLvl") == 0) cur->outline = S_int(vb_docx_attr(x, VB_NS_W, "val", v, sizeof v), 9);
            else if (strcmp(name, "jc") == 0) {
                const char *j = vb_docx_attr(x, VB_NS_W, "val", v, sizeof v);
                cur->jc_center = j && strcmp(j, "center") == 0;
            } else if (strcmp(name, "numId") == 0 && vb_docx_attr(x, VB_NS_W, "val", v, sizeof v))
                cur->num_id = vb_arena_strdup(arena, v);
            else if (strcmp(name, "ilvl") == 0) cur->ilvl = S_int(vb_docx_attr(x, VB_NS_W, "val", v, sizeof v), 0);
            continue;
        }
        if (rpr_depth >= 0 && (strcmp(name, "b") == 0 || strcmp(name, "i") == 0)) {
            int on = vb_docx_onoff(vb_docx_attr(x, VB_NS_W, "val", v, sizeof v));
            if (cur) *(name[0] == 'b' ? &cur->bold : &cur->italic) = on;
            else *(name[0] == 'b' ? &st->doc_bold : &st->doc_italic) = on;
        }
    }
    vb_docx_xml_close(x);
    return rc < 0 ? VB_ERR_FORMAT : VB_OK;
}

/* Resolves the basedOn chain of one style (memoised, cycles cut). */
static void S_resolve(vb_docx_styles *st, S_style *s, int depth) {
    if (s->done) return;
    vb_docx_style_info base = {.outline = -1, .bold = -1, .italic = -1, .ilvl = -1};
    int rb = -1, ri = -1;
    S_style *parent = S_style_find(st, s->based_on);
    if (parent && parent != s && !parent->resolving && depth < MAX_CHAIN) {
        s->resolving = true;
        S_resolve(st, parent, depth + 1);
        s->resolving = false;
        base = parent->resolved;
        base.name = NULL;
        rb = parent->rbold;
        ri = parent->ritalic;
    }
    base.name = s->name ? s->name : s->id;
    if (s->outline >= 0) base.outline = s->outline <= 8 ? s->outline : -1;
    if (s->bold >= 0) base.bold = s->bold;
    if (s->italic >= 0) base.italic = s->italic;
    if (s->jc_center >= 0) base.centered = s->jc_center;
    if (s->num_id) base.num_id = s->num_id, base.ilvl = s->ilvl;
    else if (s->ilvl >= 0) base.ilvl = s->ilvl;
    if (s->bold >= 0) rb = s->bold;
    if (s->italic >= 0) ri = s->italic;
    s->resolved = base;
    s->rbold = rb;
    s->ritalic = ri;
    s->done = true;
}

void vb_docx_style_get(const vb_docx_styles *st, const char *id, vb_docx_style_info *out) {
    const S_style *s = id ? S_style_find(st, id) : NULL;
    if (!s || s->character) s = st->default_para;
    if (s) *out = s->resolved;
    else *out = (vb_docx_style_info){.outline = -1, .bold = -1, .italic = -1, .ilvl = -1};
    if (out->bold < 0 && st->doc_bold > 0) out->bold = 1;
    if (out->italic < 0 && st->doc_italic > 0) out->italic = 1;
    /* Word's built-in heading styles, when a producer left out outlineLvl */
    if (out->outline < 0 && out->name && strncasecmp(out->name, "heading ", 8) == 0) {
        int n = S_int(out->name + 8, 0);
        if (n >= 1 && n <= 9) out->outline = n - 1;
    }
}

void vb_docx_char_style_get(const vb_docx_styles *st, const char *id, int *bold, int *italic) {
    const S_style *s = S_style_find(st, id);
    *bold = s ? s->rbold : -1;
    *italic = s ? s->ritalic : -1;
}

/* ---- numbering.xml ---- */
static void S_read_level(vb_docx_xml *x, vb_arena *arena, S_level *l, const char *name, char *v,
                         size_t cap) {
    if (strcmp(name, "start") == 0) l->start = S_int(vb_docx_attr(x, VB_NS_W, "val", v, cap), 1);
    else if (strcmp(name, "numFmt") == 0) {
        const char *f = vb_docx_attr(x, VB_NS_W, "val", v, cap);
        l->fmt = vb_arena_strdup(arena, f ? f : "decimal");
    } else if (strcmp(name, "lvlText") == 0) {
        const char *t = vb_docx_attr(x, VB_NS_W, "val", v, cap);
        l->text = vb_arena_strdup(arena, t ? t : "");
    } else if (strcmp(name, "lvlRestart") == 0)
        l->restart = S_int(vb_docx_attr(x, VB_NS_W, "val", v, cap), -1);
    else if (strcmp(name, "pStyle") == 0) {
        const char *p = vb_docx_attr(x, VB_NS_W, "val", v, cap);
        if (p) l->pstyle = vb_arena_strdup(arena, p);
    } else if (strcmp(name, "isLgl") == 0)
        l->legal = vb_docx_onoff(vb_docx_attr(x, VB_NS_W, "val", v, cap));
}

static int S_read_numbering(vb_docx_zip *zip, vb_arena *arena, const char *part, vb_diags *diags,
                            vb_docx_styles *st) {
    vb_docx_xml *x = vb_docx_xml_open(zip, part, diags, false);
    if (!x) return vb_docx_zip_has(zip, part) ? VB_ERR_FORMAT : VB_OK;
    xmlTextReaderPtr r = vb_docx_xml_reader(x);
    int rc, abs_depth = -1, num_depth = -1, lvl_depth = -1, ovr_depth = -1;
    S_abstract *abs = NULL;
    S_num *num = NULL;
    S_level *lvl = NULL;
    int ovr_level = 0;
    char v[512];
    while ((rc = vb_docx_xml_next(x)) == 1) {
        int type = xmlTextReaderNodeType(r), depth = xmlTextReaderDepth(r);
        if (type == XML_READER_TYPE_END_ELEMENT) {
            if (depth == abs_depth) abs_depth = -1, abs = NULL;
            if (depth == num_depth) num_depth = -1, num = NULL;
            if (depth == lvl_depth) lvl_depth = -1, lvl = NULL;
            if (depth == ovr_depth) ovr_depth = -1;
            continue;
        }
        if (type != XML_READER_TYPE_ELEMENT || vb_docx_xml_ns(x) != VB_NS_W) continue;
        const char *name = vb_docx_xml_name(x);
        bool empty = xmlTextReaderIsEmptyElement(r);
        if (strcmp(name, "abstractNum") == 0 && depth == 1) {
            const char *id = vb_docx_attr(x, VB_NS_W, "abstractNumId", v, sizeof v);
            if (!id || empty) continue;
            st->abstracts = S_grow(st->abstracts, &st->cap_abstracts, st->nabstracts, sizeof *abs);
            abs = &st->abstracts[st->nabstracts++];
            memset(abs, 0, sizeof *abs);
            abs->id = vb_arena_strdup(arena, id);
            for (int i = 0; i < MAX_LEVELS; i++) abs->lvl[i].restart = -1;
            abs_depth = depth;
        } else if (strcmp(name, "num") == 0 && depth == 1) {
            const char *id = vb_docx_attr(x, VB_NS_W, "numId", v, sizeof v);
            if (!id || empty) continue;
            st->nums = S_grow(st->nums, &st->cap_nums, st->nnums, sizeof *num);
            num = &st->nums[st->nnums++];
            memset(num, 0, sizeof *num);
            num->id = vb_arena_strdup(arena, id);
            for (int i = 0; i < MAX_LEVELS; i++) {
                num->start_override[i] = -1;
                num->lvl_override[i].restart = -1;
            }
            num_depth = depth;
        } else if (abs && strcmp(name, "lvl") == 0 && depth == abs_depth + 1) {
            int i = S_int(vb_docx_attr(x, VB_NS_W, "ilvl", v, sizeof v), -1);
            if (i < 0 || i >= MAX_LEVELS || empty) continue;
            lvl = &abs->lvl[i];
            lvl->defined = true;
            lvl->start = 1;
            lvl_depth = depth;
        } else if (abs && depth == abs_depth + 1 && strcmp(name, "styleLink") == 0) {
            if (vb_docx_attr(x, VB_NS_W, "val", v, sizeof v)) abs->style_link = vb_arena_strdup(arena, v);
        } else if (abs && depth == abs_depth + 1 && strcmp(name, "numStyleLink") == 0) {
            if (vb_docx_attr(x, VB_NS_W, "val", v, sizeof v))
                abs->num_style_link = vb_arena_strdup(arena, v);
        } else if (lvl && depth == lvl_depth + 1) {
            S_read_level(x, arena, lvl, name, v, sizeof v);
        } else if (num && depth == num_depth + 1 && strcmp(name, "abstractNumId") == 0) {
            if (vb_docx_attr(x, VB_NS_W, "val", v, sizeof v)) num->abstract_id = vb_arena_strdup(arena, v);
        } else if (num && depth == num_depth + 1 && strcmp(name, "lvlOverride") == 0) {
            ovr_level = S_int(vb_docx_attr(x, VB_NS_W, "ilvl", v, sizeof v), -1);
            if (ovr_level >= 0 && ovr_level < MAX_LEVELS && !empty) ovr_depth = depth;
        } else if (num && ovr_depth >= 0 && depth == ovr_depth + 1 &&
                   strcmp(name, "startOverride") == 0) {
            num->start_override[ovr_level] = S_int(vb_docx_attr(x, VB_NS_W, "val", v, sizeof v), 1);
        } else if (num && ovr_depth >= 0 && depth == ovr_depth + 1 && strcmp(name, "lvl") == 0 &&
                   !empty) {
            lvl = &num->lvl_override[ovr_level];
            lvl->defined = true;
            lvl->start = 1;
            lvl_depth = depth;
        }
    }
    vb_docx_xml_close(x);
    return rc < 0 ? VB_ERR_FORMAT : VB_OK;
}

int vb_docx_styles_read(vb_docx_zip *zip, vb_arena *arena, const char *styles_part,
                        const char *numbering_part, vb_diags *diags, vb_docx_styles **out) {
    vb_docx_styles *st = vb_arena_alloc(arena, sizeof *st);
    *out = st;
    int rc = VB_OK;
    if (styles_part) rc = S_read_styles(zip, arena, styles_part, diags, st);
    if (rc == VB_OK && numbering_part) rc = S_read_numbering(zip, arena, numbering_part, diags, st);
    /* move the growable tables into the arena so they go with the document */
    if (st->nstyles) {
        S_style *s = vb_arena_alloc(arena, st->nstyles * sizeof *s);
        memcpy(s, st->styles, st->nstyles * sizeof *s);
        free(st->styles);
        st->styles = s;
        qsort(st->styles, st->nstyles, sizeof *st->styles, S_cmp_style);
        for (size_t i = 0; i < st->nstyles; i++) S_resolve(st, &st->styles[i], 0);
        for (size_t i = 0; i < st->nstyles; i++)
            if (st->styles[i].is_default && !st->default_para) st->default_para = &st->styles[i];
    } else {
        free(st->styles);
        st->styles = NULL;
    }
    if (st->nabstracts) {
        S_abstract *a = vb_arena_alloc(arena, st->nabstracts * sizeof *a);
        memcpy(a, st->abstracts, st->nabstracts * sizeof *a);
        free(st->abstracts);
        st->abstracts = a;
    } else {
        free(st->abstracts);
        st->abstracts = NULL;
    }
    if (st->nnums) {
        S_num *n = vb_arena_alloc(arena, st->nnums * sizeof *n);
        memcpy(n, st->nums, st->nnums * sizeof *n);
        free(st->nums);
        st->nums = n;
    } else {
        free(st->nums);
        st->nums = NULL;
    }
    st->cap_styles = st->cap_abstracts = st->cap_nums = 0;
    return rc;
}

const char *vb_docx_known_id(const vb_docx_styles *st, const char *id) {
    const S_style *s = S_style_find(st, id);
    if (s) return s->id;
    for (size_t i = 0; id && i < st->nnums; i++)
        if (strcmp(st->nums[i].id, id) == 0) return st->nums[i].id;
    return NULL;
}

/* ---- counting and labels ---- */
static S_num *S_num_find(vb_docx_styles *st, const char *id) {
    for (size_t i = 0; id && i < st->nnums; i++)
        if (strcmp(st->nums[i].id, id) == 0) return &st->nums[i];
    return NULL;
}

static S_abstract *S_abstract_find(vb_docx_styles *st, const char *id) {
    for (size_t i = 0; id && i < st->nabstracts; i++)
        if (strcmp(st->abstracts[i].id, id) == 0) return &st->abstracts[i];
    return NULL;
}

/* The abstract definition a num uses, following numStyleLink through a
 * numbering style to the list that defines the levels. */
static S_abstract *S_abstract_of(vb_docx_styles *st, S_num *num) {
    if (num->abs) return num->abs;
    S_abstract *a = S_abstract_find(st, num->abstract_id);
    for (int hop = 0; a && a->num_style_link && hop < 4; hop++) {
        S_style *s = S_style_find(st, a->num_style_link);
        S_num *n2 = s ? S_num_find(st, s->num_id) : NULL;
        S_abstract *b = n2 && n2 != num ? S_abstract_find(st, n2->abstract_id) : NULL;
        if (!b || b == a) break;
        a = b;
    }
    num->abs = a;
    return a;
}

static void S_roman(int n, bool upper, char *buf, size_t cap) {
    static const struct { int v; const char *s; } tab[] = {
        {1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"},
        {50, "l"},   {40, "xl"},  {10, "x"},  {9, "ix"},   {5, "v"},   {4, "iv"}, {1, "i"}};
    size_t k = 0;
    if (n <= 0 || n >= 4000) {
        snprintf(buf, cap, "%d", n);
        return;
    }
    for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++)
        while (n >= tab[i].v) {
            for (const char *p = tab[i].s; *p && k + 1 < cap; p++)
                buf[k++] = upper ? (char)(*p - 'a' + 'A') : *p;
            n -= tab[i].v;
        }
    buf[k] = '\0';
}

void vb_docx_format_number(const char *fmt, int n, char *buf, size_t cap) {
    if (!fmt) fmt = "decimal";
    if (strcmp(fmt, "upperRoman") == 0 || strcmp(fmt, "lowerRoman") == 0) {
        S_roman(n, fmt[0] == 'u', buf, cap);
    } else if ((strcmp(fmt, "upperLetter") == 0 || strcmp(fmt, "lowerLetter") == 0) && n > 0) {
        /* Word repeats the letter past z: y, z, aa, bb ... */
        int reps = (n - 1) / 26 + 1;
        char c = (char)((fmt[0] == 'u' ? 'A' : 'a') + (n - 1) % 26);
        size_t k = 0;
        for (int i = 0; i < reps && k + 1 < cap && i < 64; i++) buf[k++] = c;
        buf[k] = '\0';
    } else if (strcmp(fmt, "decimalZero") == 0) {
        snprintf(buf, cap, "%02d", n);
    } else if (strcmp(fmt, "none") == 0) {
        buf[0] = '\0';
    } else {
        snprintf(buf, cap, "%d", n);
    }
}

/* What a bullet level prints: dash-like and round bullets (often Symbol
 * or Wingdings private-use code points) become "-", the list mark the text
 * exports use; "+" and "*" stay as they are. */
static const char *S_bullet(const char *text) {
    uint32_t cp = 0;
    if (!text || !vb_utf8_decode((const unsigned char *)text, strlen(text), &cp)) return "-";
    /* symbol fonts put their ASCII look-alikes at U+F020..U+F07E */
    if (cp >= 0xF020 && cp <= 0xF07E) cp -= 0xF000;
    if (cp == '+') return "+";
    if (cp == '*') return "*";
    return "-";
}

const char *vb_docx_number(vb_docx_styles *st, vb_arena *arena, const char *num_id, int ilvl,
                           const char *style_id, int *level) {
    *level = -1;
    if (!num_id || strcmp(num_id, "0") == 0) return NULL;
    S_num *num = S_num_find(st, num_id);
    if (!num) return NULL;
    S_abstract *a = S_abstract_of(st, num);
    if (!a) return NULL;
    if (ilvl < 0) {
        ilvl = 0;
        for (int i = 0; style_id && i < MAX_LEVELS; i++)
            if (a->lvl[i].pstyle && strcmp(a->lvl[i].pstyle, style_id) == 0) ilvl = i;
    }
    if (ilvl >= MAX_LEVELS) ilvl = MAX_LEVELS - 1;
    /* a num with overrides restarts those levels where it is first used */
    if (!num->applied) {
        num->applied = true;
        for (int i = 0; i < MAX_LEVELS; i++)
            if (num->start_override[i] >= 0 || num->lvl_override[i].defined) a->started[i] = false;
    }
    S_level levels[MAX_LEVELS];
    for (int i = 0; i < MAX_LEVELS; i++) {
        levels[i] = num->lvl_override[i].defined ? num->lvl_override[i] : a->lvl[i];
        if (!levels[i].defined) {
            levels[i].start = 1;
            levels[i].restart = -1;
        }
        if (num->start_override[i] >= 0) levels[i].start = num->start_override[i];
    }
    if (a->started[ilvl]) a->count[ilvl]++;
    else {
        a->count[ilvl] = levels[ilvl].start;
        a->started[ilvl] = true;
    }
    for (int k = ilvl + 1; k < MAX_LEVELS; k++) {
        int restart = levels[k].restart < 0 ? k : levels[k].restart;
        if (ilvl < restart) a->started[k] = false;
    }
    *level = ilvl;
    const S_level *l = &levels[ilvl];
    if (!l->defined) return NULL;
    if (l->fmt && strcmp(l->fmt, "bullet") == 0) return S_bullet(l->text);
    if (!l->text || !*l->text) return NULL;
    vb_buf out = {0};
    for (const char *p = l->text; *p; p++) {
        if (p[0] == '%' && p[1] >= '1' && p[1] <= '9') {
            int k = p[1] - '1';
            int n = a->started[k] || k == ilvl ? a->count[k] : levels[k].start;
            char num_text[64];
            vb_docx_format_number(l->legal && k < ilvl ? "decimal" : levels[k].fmt, n, num_text,
                                  sizeof num_text);
            vb_buf_puts(&out, num_text);
            p++;
        } else {
            vb_buf_putc(&out, *p);
        }
    }
    const char *label = out.len ? vb_arena_strndup(arena, out.data, out.len) : NULL;
    vb_buf_free(&out);
    return label;
}
