/* The document tree: construction, nesting rules, surgery and iteration. */
#include "model.h"
#include "values.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const S_type_names[VB_NODE__COUNT] = {
    [VB_NODE_DOCUMENT] = "document",     [VB_NODE_BODY] = "body",
    [VB_NODE_SECTION] = "section",       [VB_NODE_HEADING] = "heading",
    [VB_NODE_PARAGRAPH] = "p",           [VB_NODE_LIST] = "list",
    [VB_NODE_ITEM] = "item",             [VB_NODE_TABLE] = "table",
    [VB_NODE_ROW] = "row",               [VB_NODE_CELL] = "cell",
    [VB_NODE_APPENDIX] = "appendix",     [VB_NODE_FOOTNOTE] = "footnote",
    [VB_NODE_CLOSING] = "closing",       [VB_NODE_RECIPIENTS] = "recipients",
    [VB_NODE_SIGNER] = "signer",         [VB_NODE_ROLE] = "role",
    [VB_NODE_NAME] = "name",             [VB_NODE_TASKS] = "tasks",
    [VB_NODE_TASK] = "task",             [VB_NODE_LEAD] = "lead",
    [VB_NODE_PARTNERS] = "partners",     [VB_NODE_OUTPUT] = "output",
    [VB_NODE_DEADLINE] = "deadline",         [VB_NODE_PAGE_HEADER] = "page-header",
    [VB_NODE_PAGE_FOOTER] = "page-footer", [VB_NODE_QUOTATION] = "quotation",
    [VB_NODE_LAYOUT] = "layout",         [VB_NODE_TEXT] = "text",
    [VB_NODE_EMPH] = "emph",             [VB_NODE_STRONG] = "strong",
    [VB_NODE_SUPERSCRIPT] = "sup",       [VB_NODE_SUBSCRIPT] = "sub",
    [VB_NODE_LINEBREAK] = "br",          [VB_NODE_NOTE_REF] = "note-ref",
    [VB_NODE_LINK] = "link",             [VB_NODE_REPAIR] = "repair",
    [VB_NODE_INSERTED] = "ins",          [VB_NODE_DELETED] = "del",
    [VB_NODE_DATA] = "data",
};

const char *vb_node_type_name(vb_node_type t) {
    return (unsigned)t < VB_NODE__COUNT && S_type_names[t] ? S_type_names[t] : "?";
}

/* Which node may contain which: the one place the tree's shape is decided. */
bool vb_node_can_contain(vb_node_type parent, vb_node_type child) {
    bool child_inline = vb_node_is_inline(child);
    switch (parent) {
    case VB_NODE_DOCUMENT:
        return child == VB_NODE_BODY || child == VB_NODE_APPENDIX || child == VB_NODE_FOOTNOTE ||
               child == VB_NODE_CLOSING || child == VB_NODE_PAGE_HEADER ||
               child == VB_NODE_PAGE_FOOTER || child == VB_NODE_LAYOUT;
    case VB_NODE_BODY:
    case VB_NODE_SECTION:
    case VB_NODE_APPENDIX:
        return child == VB_NODE_SECTION || child == VB_NODE_HEADING ||
               child == VB_NODE_PARAGRAPH || child == VB_NODE_LIST || child == VB_NODE_TABLE ||
               child == VB_NODE_TASKS || child == VB_NODE_QUOTATION;
    case VB_NODE_QUOTATION: /* the quoted text's own structure, never a quotation in it */
        return child == VB_NODE_SECTION || child == VB_NODE_PARAGRAPH || child == VB_NODE_LIST ||
               child == VB_NODE_TABLE || child == VB_NODE_TASKS;
    case VB_NODE_TASKS:
        return child == VB_NODE_TASK;
    case VB_NODE_TASK:
        return child == VB_NODE_NAME || child == VB_NODE_LEAD || child == VB_NODE_PARTNERS ||
               child == VB_NODE_OUTPUT || child == VB_NODE_DEADLINE;
    case VB_NODE_LIST:
        return child == VB_NODE_ITEM;
    case VB_NODE_ITEM:
        return child_inline || child == VB_NODE_LIST || child == VB_NODE_PARAGRAPH ||
               child == VB_NODE_TABLE;
    case VB_NODE_TABLE:
        return child == VB_NODE_ROW;
    case VB_NODE_ROW:
        return child == VB_NODE_CELL;
    case VB_NODE_CELL: /* a one-paragraph cell holds its inlines directly */
        return child_inline || child == VB_NODE_PARAGRAPH || child == VB_NODE_LIST ||
               child == VB_NODE_TABLE;
    case VB_NODE_FOOTNOTE:
    case VB_NODE_PAGE_HEADER:
    case VB_NODE_PAGE_FOOTER:
        return child == VB_NODE_PARAGRAPH || child == VB_NODE_LIST || child == VB_NODE_TABLE;
    case VB_NODE_LAYOUT:
        return child == VB_NODE_PARAGRAPH;
    case VB_NODE_CLOSING:
        return child == VB_NODE_RECIPIENTS || child == VB_NODE_SIGNER ||
               child == VB_NODE_PARAGRAPH;
    case VB_NODE_RECIPIENTS:
        return child == VB_NODE_ITEM || child == VB_NODE_HEADING;
    case VB_NODE_SIGNER:
        return child == VB_NODE_ROLE || child == VB_NODE_NAME;
    case VB_NODE_ROLE:
    case VB_NODE_NAME:
    case VB_NODE_LEAD:
    case VB_NODE_PARTNERS:
    case VB_NODE_OUTPUT:
    case VB_NODE_DEADLINE:
    case VB_NODE_HEADING:
    case VB_NODE_PARAGRAPH:
        return child_inline;
    case VB_NODE_EMPH:
    case VB_NODE_STRONG:
    case VB_NODE_SUPERSCRIPT:
    case VB_NODE_SUBSCRIPT:
    case VB_NODE_LINK:
    case VB_NODE_INSERTED:
    case VB_NODE_DELETED:
    case VB_NODE_DATA:
        return child_inline;
    case VB_NODE_REPAIR:
        return child == VB_NODE_TEXT;
    case VB_NODE_TEXT:
    case VB_NODE_LINEBREAK:
    case VB_NODE_NOTE_REF:
    case VB_NODE__COUNT:
        return false;
    }
    return false;
}

vb_node *vb_node_new(vb_doc *doc, vb_node_type type, int line) {
    vb_node *n = vb_arena_alloc(doc->arena, sizeof *n);
    n->type = type;
    n->line = line;
    if (type == VB_NODE_CELL) n->as.cell.colspan = n->as.cell.rowspan = 1;
    return n;
}

/* Whether child may go under parent: the rules allow the nesting, and child
 * is neither parent nor one of its ancestors (a node without children is
 * nobody's ancestor). */
static bool S_may_hold(const vb_node *parent, const vb_node *child) {
    if (!vb_node_can_contain(parent->type, child->type)) return false;
    if (child->first_child)
        for (const vb_node *up = parent; up; up = up->parent)
            if (up == child) return false;
    return parent != child;
}

/* Links child as parent's last child, unlinking it from where it was; no
 * rule is checked here. */
static void S_link_last(vb_node *parent, vb_node *child) {
    vb_node_unlink(child);
    child->parent = parent;
    child->prev = parent->last_child;
    if (parent->last_child) parent->last_child->next = child;
    else parent->first_child = child;
    parent->last_child = child;
}

bool vb_node_append(vb_node *parent, vb_node *child) {
    if (!S_may_hold(parent, child)) return false;
    S_link_last(parent, child);
    return true;
}

void vb_node_unlink(vb_node *n) {
    if (n->prev) n->prev->next = n->next;
    else if (n->parent) n->parent->first_child = n->next;
    if (n->next) n->next->prev = n->prev;
    else if (n->parent) n->parent->last_child = n->prev;
    n->parent = n->prev = n->next = NULL;
}

bool vb_node_insert_before(vb_node *sibling, vb_node *n) {
    if (!sibling->parent || n == sibling || !S_may_hold(sibling->parent, n)) return false;
    vb_node_unlink(n);
    n->parent = sibling->parent;
    n->next = sibling;
    n->prev = sibling->prev;
    if (sibling->prev) sibling->prev->next = n;
    else sibling->parent->first_child = n;
    sibling->prev = n;
    return true;
}

/* ---- edits that may not fail (values.h) ---- */

/* The source line of n, else of its nearest ancestor that has one. */
static int S_line(const vb_node *n) {
    for (; n; n = n->parent)
        if (n->line > 0) return n->line;
    return 0;
}

/* The warning of a node that went elsewhere: how ("put under", "left
 * where it was") and where (a kind's name, or ""). */
static void S_moved(vb_doc *doc, const vb_node *parent, const vb_node *child, const char *how,
                    const char *where) {
    vb_diag_add(&doc->source->diags, VB_WARNING, S_line(child->line ? child : parent), 0, -1,
                "tree", "%s may not contain %s: %s%s", vb_node_type_name(parent->type),
                vb_node_type_name(child->type), how, where);
}

/* Puts child under up, just after the branch of up that holds from. */
static bool S_put_after_branch(vb_node *up, const vb_node *from, vb_node *child) {
    const vb_node *branch = from;
    while (branch->parent != up) branch = branch->parent;
    return branch->next ? vb_node_insert_before(branch->next, child) : vb_node_append(up, child);
}

vb_node *vb_node_place(vb_doc *doc, vb_node *parent, vb_node *child) {
    if (vb_node_append(parent, child)) return parent;
    for (const vb_node *up = parent; up; up = up->parent)
        if (up == child) { /* it holds parent: it is in the tree already */
            S_moved(doc, parent, child, "left where it was", "");
            return child->parent;
        }
    for (vb_node *up = parent->parent; up; up = up->parent)
        if (S_may_hold(up, child) && S_put_after_branch(up, parent, child)) {
            S_moved(doc, parent, child, "put under ", vb_node_type_name(up->type));
            return up;
        }
    if (vb_node_is_inline(child->type))
        for (vb_node *up = parent->parent; up; up = up->parent) {
            if (!vb_node_can_contain(up->type, VB_NODE_PARAGRAPH)) continue;
            vb_node *p = vb_node_new(doc, VB_NODE_PARAGRAPH, S_line(parent));
            if (!S_put_after_branch(up, parent, p) || !vb_node_append(p, child)) break;
            S_moved(doc, parent, child, "put under a new ", vb_node_type_name(p->type));
            return p;
        }
    /* nothing around may hold it: kept against the rules rather than lost */
    S_link_last(parent, child);
    S_moved(doc, parent, child, "kept there all the same", "");
    return parent;
}

/* A refused edit is a defect: loud where trees are checked, else repaired. */
static void S_refused(vb_doc *doc, vb_node *parent, vb_node *child) {
#ifdef VB_CHECK_TREE
    fprintf(stderr, "%s:%d: tree edit refused: %s may not contain %s\n",
            doc->source && doc->source->path ? doc->source->path : "-",
            S_line(child->line ? child : parent), vb_node_type_name(parent->type),
            vb_node_type_name(child->type));
    abort();
#else
    vb_node_place(doc, parent, child);
#endif
}

void vb_node_add(vb_doc *doc, vb_node *parent, vb_node *child) {
    if (!vb_node_append(parent, child)) S_refused(doc, parent, child);
}

void vb_node_add_before(vb_doc *doc, vb_node *sibling, vb_node *n) {
    if (!vb_node_insert_before(sibling, n))
        S_refused(doc, sibling->parent ? sibling->parent : sibling, n);
}

void vb_node_set_attr(vb_doc *doc, vb_node *n, const char *name, const char *value) {
    vb_attr **p = &n->attrs;
    for (; *p; p = &(*p)->next)
        if (strcmp((*p)->name, name) == 0) {
            (*p)->value = value;
            return;
        }
    vb_attr *a = vb_arena_alloc(doc->arena, sizeof *a);
    a->name = name;
    a->value = value;
    *p = a;
}

const char *vb_node_get_attr(const vb_node *n, const char *name) {
    for (const vb_attr *a = n->attrs; a; a = a->next)
        if (strcmp(a->name, name) == 0) return a->value;
    return NULL;
}

static void S_collect_text(const vb_node *n, vb_buf *b) {
    vb_iter it;
    vb_iter_init(&it, n);
    vb_event ev;
    while ((ev = vb_iter_next(&it)) != VB_EVENT_DONE) {
        const vb_node *c = vb_iter_node(&it);
        if (ev != VB_EVENT_ENTER) continue;
        if (c->type == VB_NODE_TEXT) vb_buf_append(b, c->text, c->len);
        else if (c->type == VB_NODE_LINEBREAK) vb_buf_putc(b, '\n');
    }
}

const char *vb_node_text(vb_doc *doc, const vb_node *n) {
    vb_buf b = {0};
    S_collect_text(n, &b);
    const char *s = vb_arena_strndup(doc->arena, b.data ? b.data : "", b.len);
    vb_buf_free(&b);
    return s;
}

vb_arena *vb_doc_scratch(vb_doc *doc) {
    if (!doc->scratch) doc->scratch = vb_arena_new();
    return doc->scratch;
}

void vb_doc_scratch_release(vb_doc *doc) {
    vb_arena_free(doc->scratch);
    doc->scratch = NULL;
}

const char *vb_node_text_scratch(vb_doc *doc, const vb_node *n) {
    vb_buf b = {0};
    S_collect_text(n, &b);
    const char *s = vb_arena_strndup(vb_doc_scratch(doc), b.data ? b.data : "", b.len);
    vb_buf_free(&b);
    return s;
}

static bool S_is_leaf(vb_node_type t) {
    return t == VB_NODE_TEXT || t == VB_NODE_LINEBREAK || t == VB_NODE_NOTE_REF;
}

void vb_iter_init(vb_iter *it, const vb_node *root) {
    it->root = root;
    it->cur = NULL;
    it->ev = VB_EVENT_NONE;
}

vb_event vb_iter_next(vb_iter *it) {
    const vb_node *n = it->cur;
    switch (it->ev) {
    case VB_EVENT_NONE:
        if (!it->root) return it->ev = VB_EVENT_DONE;
        it->cur = it->root;
        return it->ev = VB_EVENT_ENTER;
    case VB_EVENT_ENTER:
        if (!S_is_leaf(n->type) && n->first_child) {
            it->cur = n->first_child;
            return it->ev = VB_EVENT_ENTER;
        }
        if (!S_is_leaf(n->type)) return it->ev = VB_EVENT_EXIT;
        /* a leaf: move on as if it had been exited */
        /* fall through */
    case VB_EVENT_EXIT:
        if (n == it->root) return it->ev = VB_EVENT_DONE;
        if (n->next) {
            it->cur = n->next;
            return it->ev = VB_EVENT_ENTER;
        }
        it->cur = n->parent;
        return it->ev = VB_EVENT_EXIT;
    case VB_EVENT_DONE:
        break;
    }
    return VB_EVENT_DONE;
}

/* ---- the whole-tree check ---- */

static int S_bad(vb_diags *diags, int line, const char *fmt, const char *a, const char *b) {
    vb_diag_add(diags, VB_ERROR, line, 0, -1, "tree", fmt, a, b);
    return 1;
}

/* The checks of one node, whose own links were vouched for, and of the
 * links of its children; *descend says whether those may be followed down
 * (and back up by parent).  Lines come from n's parent chain only. */
static int S_check_node(const vb_node *n, vb_diags *diags, bool *descend) {
    int bad = 0;
    const char *name = vb_node_type_name(n->type);
    if ((unsigned)n->type >= VB_NODE__COUNT)
        bad += S_bad(diags, S_line(n), "unknown node kind %s%s", name, "");
    if (n->type == VB_NODE_TEXT && !n->text && n->len)
        bad += S_bad(diags, S_line(n), "%s without its bytes%s", name, "");
    const vb_node *prev = NULL;
    *descend = true;
    for (const vb_node *c = n->first_child; c; prev = c, c = c->next) {
        int line = c->line ? c->line : S_line(n);
        if (!vb_node_can_contain(n->type, c->type))
            bad += S_bad(diags, line, "%s may not contain %s", name, vb_node_type_name(c->type));
        if (c->parent != n || c->prev != prev) {
            /* the sibling chain cannot be trusted past here */
            *descend = false;
            return bad + S_bad(diags, line, "broken links: %s under %s",
                               vb_node_type_name(c->type), name);
        }
    }
    if (n->last_child != prev) {
        *descend = false;
        bad += S_bad(diags, S_line(n), "broken links: %s has a wrong last child%s", name, "");
    }
    return bad;
}

int vb_doc_check(const vb_doc *doc, vb_diags *diags) {
    const vb_node *root = doc->root;
    if (!root) return S_bad(diags, 0, "no %s%s", "root", "");
    int bad = 0;
    if (root->type != VB_NODE_DOCUMENT || root->parent || root->prev || root->next)
        return S_bad(diags, root->line, "the root is %s, %s", vb_node_type_name(root->type),
                     root->type == VB_NODE_DOCUMENT ? "not alone" : "not the document");
    /* depth first by the links S_check_node vouched for: no stack, and a
     * broken tree cannot send the walk round in circles */
    const vb_node *n = root;
    for (;;) {
        bool descend;
        bad += S_check_node(n, diags, &descend);
        if (descend && n->first_child) {
            n = n->first_child;
            continue;
        }
        while (n != root && !n->next) n = n->parent;
        if (n == root) break;
        n = n->next;
    }
    return bad;
}
