/* Unit tests of the tree's rules: every (parent, child) pair of node kinds
 * is tried with vb_node_append and vb_node_insert_before and the outcome
 * compared with the allowed set written out below; then trees broken on
 * purpose must be caught by vb_doc_check, and a refused edit must leave its
 * node somewhere in the tree, never lose it. */
#include "../../model/values.h"
#include "../../pipeline/pipeline.h"
#include "../support/vb_test.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* ---- the allowed set, spelled out: "parent: child child ..." ---- */

#define INLINES "text emph strong sup sub br note-ref link repair ins del data"
#define FLOW "section heading p list table tasks quotation"

static const char *const S_allowed[] = {
    "document: body appendix footnote closing page-header page-footer layout",
    "body: " FLOW,
    "section: " FLOW,
    "heading: " INLINES,
    "p: " INLINES,
    "list: item",
    "item: p list table " INLINES,
    "table: row",
    "row: cell",
    "cell: p list table " INLINES,
    "appendix: " FLOW,
    "footnote: p list table",
    "closing: recipients signer p",
    "recipients: item heading",
    "signer: role name",
    "role: " INLINES,
    "name: " INLINES,
    "tasks: task",
    "task: name lead partners output deadline",
    "lead: " INLINES,
    "partners: " INLINES,
    "output: " INLINES,
    "deadline: " INLINES,
    "page-header: p list table",
    "page-footer: p list table",
    "quotation: section p list table tasks",
    "layout: p",
    "text:",
    "emph: " INLINES,
    "strong: " INLINES,
    "sup: " INLINES,
    "sub: " INLINES,
    "br:",
    "note-ref:",
    "link: " INLINES,
    "repair: text",
    "ins: " INLINES,
    "del: " INLINES,
    "data: " INLINES,
};
#define NALLOWED (sizeof S_allowed / sizeof S_allowed[0])

static int S_kind(const char *name, size_t len) {
    for (int t = 0; t < VB_NODE__COUNT; t++) {
        const char *n = vb_node_type_name((vb_node_type)t);
        if (strlen(n) == len && strncmp(n, name, len) == 0) return t;
    }
    return -1;
}

/* allowed[p][c] from the table; false when the table is not well formed. */
static bool S_read_allowed(bool allowed[VB_NODE__COUNT][VB_NODE__COUNT]) {
    bool seen[VB_NODE__COUNT] = {0};
    bool ok = NALLOWED == VB_NODE__COUNT;
    for (size_t i = 0; i < NALLOWED; i++) {
        const char *s = S_allowed[i], *colon = strchr(s, ':');
        int p = colon ? S_kind(s, (size_t)(colon - s)) : -1;
        if (p < 0 || seen[p]) {
            printf("# allowed set: bad or repeated entry \"%s\"\n", s);
            ok = false;
            continue;
        }
        seen[p] = true;
        for (const char *w = colon + 1; *w;) {
            while (*w == ' ') w++;
            size_t n = strcspn(w, " ");
            if (!n) break;
            int c = S_kind(w, n);
            if (c < 0) {
                printf("# allowed set: unknown kind \"%.*s\"\n", (int)n, w);
                ok = false;
            } else {
                allowed[p][c] = true;
            }
            w += n;
        }
    }
    return ok;
}

/* The kinds of a set in enum order, as a line to compare. */
static void S_set_line(const bool set[VB_NODE__COUNT], vb_buf *b) {
    vb_buf_clear(b);
    for (int c = 0; c < VB_NODE__COUNT; c++)
        if (set[c]) vb_buf_printf(b, "%s%s", b->len ? " " : "", vb_node_type_name((vb_node_type)c));
    if (!b->len) vb_buf_puts(b, "(none)");
}

/* child linked under parent as its only child, without any rule: how a
 * tree is broken on purpose */
static void S_force(vb_node *parent, vb_node *child) {
    child->parent = parent;
    child->prev = parent->last_child;
    if (parent->last_child) parent->last_child->next = child;
    else parent->first_child = child;
    parent->last_child = child;
}

static void test_every_pair(vb_doc *d) {
    static bool allowed[VB_NODE__COUNT][VB_NODE__COUNT];
    VB_CHECK("the allowed set names every kind once", S_read_allowed(allowed));
    vb_buf got = {0}, want = {0};
    char name[96];
    int bad_links = 0, can_contain_differs = 0;
    for (int p = 0; p < VB_NODE__COUNT; p++) {
        bool appended[VB_NODE__COUNT] = {0}, inserted[VB_NODE__COUNT] = {0};
        for (int c = 0; c < VB_NODE__COUNT; c++) {
            /* append: the child is the parent's only child, or nowhere */
            vb_node *parent = vb_node_new(d, (vb_node_type)p, 1);
            vb_node *child = vb_node_new(d, (vb_node_type)c, 2);
            appended[c] = vb_node_append(parent, child);
            if (appended[c] ? child->parent != parent || parent->first_child != child ||
                                  parent->last_child != child || child->prev || child->next
                            : child->parent || parent->first_child || parent->last_child)
                bad_links++;
            /* insert before a sibling already there (linked by hand, since
             * a leaf may hold none) */
            parent = vb_node_new(d, (vb_node_type)p, 1);
            vb_node *sibling = vb_node_new(d, VB_NODE_TEXT, 3);
            S_force(parent, sibling);
            child = vb_node_new(d, (vb_node_type)c, 2);
            inserted[c] = vb_node_insert_before(sibling, child);
            if (inserted[c] ? child->parent != parent || parent->first_child != child ||
                                  child->next != sibling || sibling->prev != child ||
                                  parent->last_child != sibling || child->prev
                            : child->parent || child->next || parent->first_child != sibling ||
                                  sibling->prev)
                bad_links++;
            can_contain_differs += vb_node_can_contain((vb_node_type)p, (vb_node_type)c) != allowed[p][c];
        }
        S_set_line(allowed[p], &want);
        S_set_line(appended, &got);
        snprintf(name, sizeof name, "append under %s", vb_node_type_name((vb_node_type)p));
        VB_CHECK_STR(name, got.data, want.data);
        S_set_line(inserted, &got);
        snprintf(name, sizeof name, "insert_before under %s", vb_node_type_name((vb_node_type)p));
        VB_CHECK_STR(name, got.data, want.data);
    }
    VB_CHECK_INT("an edit links all or nothing", bad_links, 0);
    VB_CHECK_INT("vb_node_can_contain agrees with the allowed set", can_contain_differs, 0);
    vb_buf_free(&got);
    vb_buf_free(&want);
}

static void test_no_cycles(vb_doc *d) {
    vb_node *outer = vb_node_new(d, VB_NODE_SECTION, 1), *inner = vb_node_new(d, VB_NODE_SECTION, 2);
    vb_node *heading = vb_node_new(d, VB_NODE_HEADING, 2);
    VB_CHECK("a section in a section", vb_node_append(outer, inner));
    VB_CHECK("a heading in it", vb_node_append(inner, heading));
    VB_CHECK("a node is not its own child", !vb_node_append(outer, outer));
    VB_CHECK("nor its descendant's", !vb_node_append(inner, outer));
    VB_CHECK("nor its descendant's sibling", !vb_node_insert_before(heading, outer));
    VB_CHECK("nor its own sibling", !vb_node_insert_before(inner, inner));
    VB_CHECK("the refusals changed nothing",
             !outer->parent && outer->first_child == inner && inner->first_child == heading &&
                 !heading->prev && !inner->next);
    vb_node *loose = vb_node_new(d, VB_NODE_PARAGRAPH, 3);
    VB_CHECK("no insertion beside a node without parent",
             !vb_node_insert_before(outer, loose) && !loose->parent);
    VB_CHECK("a node moves: appended again, it leaves its place",
             vb_node_append(outer, heading) && !inner->first_child && outer->last_child == heading);
}

/* ---- vb_doc_check on trees broken on purpose ---- */

typedef struct {
    vb_node *root, *body, *section, *heading, *p, *text;
} sample;

/* document > body > section (line 7) > heading, p (line 9) > text */
static sample S_sample(vb_doc *d) {
    sample s = {vb_node_new(d, VB_NODE_DOCUMENT, 0), vb_node_new(d, VB_NODE_BODY, 5),
                vb_node_new(d, VB_NODE_SECTION, 7), vb_node_new(d, VB_NODE_HEADING, 7),
                vb_node_new(d, VB_NODE_PARAGRAPH, 9), vb_node_new(d, VB_NODE_TEXT, 0)};
    s.text->text = "Nội dung";
    s.text->len = strlen(s.text->text);
    bool ok = vb_node_append(s.root, s.body) && vb_node_append(s.body, s.section) &&
              vb_node_append(s.section, s.heading) && vb_node_append(s.section, s.p) &&
              vb_node_append(s.p, s.text);
    if (!ok) printf("# the sample tree was refused\n");
    return s;
}

/* vb_doc_check on the tree at root: the number of violations, and the
 * first one as "line: message" in first. */
static int S_check(vb_doc *d, vb_node *root, char *first, size_t size) {
    vb_doc copy = *d;
    copy.root = root;
    vb_diags diags;
    vb_diags_init(&diags, d->arena, "t.txt");
    int bad = vb_doc_check(&copy, &diags);
    snprintf(first, size, "%d: %s", diags.first ? diags.first->line : -1,
             diags.first ? diags.first->message : "(none)");
    VB_CHECK_INT("each violation is an error", (long long)diags.count[VB_ERROR], bad);
    return bad;
}

static void test_check_catches(vb_doc *d) {
    char first[256];
    sample s = S_sample(d);
    VB_CHECK_INT("a sound tree passes", S_check(d, s.root, first, sizeof first), 0);

    s = S_sample(d);
    S_force(s.p, vb_node_new(d, VB_NODE_CELL, 0));
    VB_CHECK_INT("a forbidden nesting", S_check(d, s.root, first, sizeof first), 1);
    VB_CHECK_STR("names the kinds and the line", first, "9: p may not contain cell");

    s = S_sample(d);
    S_force(s.text, vb_node_new(d, VB_NODE_TEXT, 0));
    VB_CHECK_INT("a leaf holding a node", S_check(d, s.root, first, sizeof first), 1);
    VB_CHECK_STR("a leaf holds nothing", first, "9: text may not contain text");

    s = S_sample(d);
    s.p->parent = s.body;
    VB_CHECK_INT("a wrong parent link", S_check(d, s.root, first, sizeof first), 1);
    VB_CHECK_STR("says which link", first, "9: broken links: p under section");

    s = S_sample(d);
    s.p->prev = NULL;
    VB_CHECK_INT("a wrong prev link", S_check(d, s.root, first, sizeof first), 1);

    s = S_sample(d);
    s.section->last_child = s.heading;
    VB_CHECK_INT("a wrong last child", S_check(d, s.root, first, sizeof first), 1);
    VB_CHECK_STR("says whose", first, "7: broken links: section has a wrong last child");

    s = S_sample(d);
    s.p->next = s.heading; /* a circle among siblings: reported, and the walk ends */
    VB_CHECK("a circle of siblings", S_check(d, s.root, first, sizeof first) >= 1);

    s = S_sample(d);
    s.text->text = NULL;
    VB_CHECK_INT("a text without its bytes", S_check(d, s.root, first, sizeof first), 1);

    s = S_sample(d);
    VB_CHECK_INT("a root that is no document", S_check(d, s.body, first, sizeof first), 1);
    VB_CHECK_STR("says so", first, "5: the root is body, not the document");

    s = S_sample(d);
    S_force(s.section, vb_node_new(d, VB_NODE_ROW, 0));
    S_force(s.heading, vb_node_new(d, VB_NODE_LIST, 0));
    VB_CHECK_INT("every violation counts", S_check(d, s.root, first, sizeof first), 2);
}

/* ---- a refused edit keeps its node ---- */

static const char *S_last_warning(const vb_doc *d) {
    const vb_diag *g = d->source->diags.last;
    return g && g->code && strcmp(g->code, "tree") == 0 ? g->message : NULL;
}

static void test_place(vb_doc *d) {
    char first[256];
    sample s = S_sample(d);
    vb_node *table = vb_node_new(d, VB_NODE_TABLE, 8), *row = vb_node_new(d, VB_NODE_ROW, 8);
    VB_CHECK("a table before the paragraph", vb_node_insert_before(s.p, table) && vb_node_append(table, row));

    vb_node *para = vb_node_new(d, VB_NODE_PARAGRAPH, 8);
    VB_CHECK("a paragraph refused by a row goes after the table",
             vb_node_place(d, row, para) == s.section && table->next == para && para->next == s.p);
    VB_CHECK_STR("with a warning", S_last_warning(d), "row may not contain p: put under section");

    vb_node *text = vb_node_new(d, VB_NODE_TEXT, 0);
    text->text = "x";
    text->len = 1;
    vb_node *holder = vb_node_place(d, table, text);
    VB_CHECK("text nothing around may hold gets a paragraph of its own",
             holder && holder->type == VB_NODE_PARAGRAPH && holder->first_child == text &&
                 holder->parent == s.section && table->next == holder && holder->line == 8);
    VB_CHECK_STR("said so", S_last_warning(d), "table may not contain text: put under a new p");
    VB_CHECK_INT("the tree still obeys its rules", S_check(d, s.root, first, sizeof first), 0);

    vb_node *cell = vb_node_new(d, VB_NODE_CELL, 0);
    VB_CHECK("what is allowed is only appended", vb_node_place(d, row, cell) == row && row->first_child == cell);

    vb_node *loose = vb_node_new(d, VB_NODE_PARAGRAPH, 4), *lost = vb_node_new(d, VB_NODE_ROW, 4);
    VB_CHECK("a detached node that nothing may hold keeps the node anyway",
             vb_node_place(d, loose, lost) == loose && loose->first_child == lost);
    VB_CHECK_STR("against the rules, said", S_last_warning(d), "p may not contain row: kept there all the same");

    VB_CHECK("an ancestor stays where it is",
             vb_node_place(d, s.text, s.section) == s.body && s.section->parent == s.body);
    VB_CHECK_STR("said too", S_last_warning(d), "text may not contain section: left where it was");
}

/* vb_node_add: with VB_CHECK_TREE (this build's library has it when this
 * test has it) a refusal stops the program naming the kinds and the line;
 * otherwise the node is placed. */
static void test_add_refused(vb_doc *d) {
    int out[2];
    if (pipe(out) != 0) return;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(out[1], 2);
        close(out[0]);
        sample s = S_sample(d);
        vb_node *list = vb_node_new(d, VB_NODE_LIST, 0);
        vb_node_add(d, s.p, list);
        _exit(list->parent == s.section && s.p->next == list ? 0 : 3);
    }
    close(out[1]);
    char msg[512] = {0};
    size_t n = 0;
    ssize_t k;
    while (n + 1 < sizeof msg && (k = read(out[0], msg + n, sizeof msg - 1 - n)) > 0) n += (size_t)k;
    close(out[0]);
    int status = 0;
    waitpid(pid, &status, 0);
#ifdef VB_CHECK_TREE
    VB_CHECK("a refused add stops a checking build", WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
    VB_CHECK("naming the kinds and the line", strstr(msg, "t.txt:9: tree edit refused: p may not contain list") != NULL);
#else
    VB_CHECK("a refused add puts the node after its parent", WIFEXITED(status) && WEXITSTATUS(status) == 0);
#endif
}

int main(void) {
    vb_doc *d = vb_test_build_text("Văn bản.\n");
    if (!d) return 1;
    test_every_pair(d);
    test_no_cycles(d);
    test_check_catches(d);
    test_place(d);
    test_add_refused(d);
    VB_CHECK_INT("the document built for these tests obeys the rules", vb_doc_check(d, &d->source->diags), 0);
    vb_doc_free(d);
    return vb_test_done();
}
