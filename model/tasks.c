/* Task records from task tables (see vb_tasks_build in values.h).
 *
 * A plan's appendix lists its tasks as a table: "STT | Tên nhiệm vụ | Cơ
 * quan chủ trì | Cơ quan phối hợp | Kết quả | Thời gian hoàn thành".  Each
 * numbered row becomes a TASK: its name, lead agency, partners, output and
 * deadline, the content copied from the typed cells (agencies as DATA
 * elements, the deadline parsed).  Group rows ("I. Tổ chức quán triệt...")
 * number the tasks under them: "II.3". */
#include "values.h"

#include <string.h>

#define MAX_COLS 64

typedef enum { F_INDEX, F_NAME, F_LEAD, F_PARTNERS, F_OUTPUT, F_DEADLINE, F__COUNT } field;

static bool S_has_any(const char *h, const char *const *words) {
    for (; *words; words++)
        if (strstr(h, *words)) return true;
    return false;
}

static vb_node *S_clone(vb_doc *doc, const vb_node *n) {
    vb_node *c = vb_node_new(doc, n->type, n->line);
    c->text = n->text;
    c->len = n->len;
    c->as = n->as;
    for (const vb_attr *a = n->attrs; a; a = a->next)
        if (strcmp(a->name, "check") != 0) vb_node_set_attr(doc, c, a->name, a->value);
    for (const vb_node *k = n->first_child; k; k = k->next) vb_node_append(c, S_clone(doc, k));
    return c;
}

/* The inline content of a cell (its paragraphs joined by line breaks). */
static void S_copy_cell(vb_doc *doc, vb_node *into, const vb_node *cell) {
    for (const vb_node *k = cell->first_child; k; k = k->next) {
        if (vb_node_is_inline(k->type)) {
            vb_node_append(into, S_clone(doc, k));
        } else if (k->type == VB_NODE_PARAGRAPH) {
            if (into->first_child) vb_node_append(into, vb_node_new(doc, VB_NODE_LINEBREAK, 0));
            for (const vb_node *p = k->first_child; p; p = p->next) vb_node_append(into, S_clone(doc, p));
        }
    }
}

static const char *S_trimmed(vb_doc *doc, const vb_node *cell) {
    const char *t = vb_node_text(doc, cell);
    while (*t == ' ') t++;
    size_t n = strlen(t);
    while (n && (t[n - 1] == ' ' || t[n - 1] == '.')) n--;
    return vb_arena_strndup(doc->arena, t, n);
}

size_t vb_tasks_build(vb_doc *doc, vb_node *table) {
    if (!table->parent || !vb_node_can_contain(table->parent->type, VB_NODE_TASKS)) return 0;
    /* which column holds what, from the header rows */
    static const char *const lead_words[] = {"chủ trì", "Chủ trì", "CHỦ TRÌ", NULL};
    static const char *const partner_words[] = {"phối hợp", "Phối hợp", "PHỐI HỢP", NULL};
    static const char *const output_words[] = {"Kết quả", "KẾT QUẢ", "Sản phẩm", "SẢN PHẨM", NULL};
    static const char *const deadline_words[] = {"Thời gian", "THỜI GIAN", "Thời hạn", "THỜI HẠN",
                                                 "Tiến độ", "TIẾN ĐỘ", NULL};
    static const char *const name_words[] = {"nhiệm vụ", "Nhiệm vụ", "NHIỆM VỤ", "Nội dung",
                                             "NỘI DUNG", "Tên", "TÊN", NULL};
    int at[F__COUNT];
    for (int f = 0; f < F__COUNT; f++) at[f] = -1;
    for (vb_node *row = table->first_child; row && row->as.row.kind == VB_ROW_HEADER; row = row->next) {
        int col = 0;
        for (vb_node *cell = row->first_child; cell; col += cell->as.cell.colspan, cell = cell->next) {
            if (cell->as.cell.colspan != 1) continue;
            const char *h = vb_node_text(doc, cell);
            bool lead = S_has_any(h, lead_words), partners = S_has_any(h, partner_words);
            if (lead && !partners && at[F_LEAD] < 0) at[F_LEAD] = col;
            else if (partners && !lead && at[F_PARTNERS] < 0) at[F_PARTNERS] = col;
            else if (S_has_any(h, deadline_words) && at[F_DEADLINE] < 0) at[F_DEADLINE] = col;
            else if (S_has_any(h, output_words) && at[F_OUTPUT] < 0) at[F_OUTPUT] = col;
            else if (S_has_any(h, name_words) && at[F_NAME] < 0) at[F_NAME] = col;
            else if (col == 0) at[F_INDEX] = col;
        }
    }
    if (at[F_LEAD] < 0 || at[F_DEADLINE] < 0 || at[F_INDEX] < 0) return 0;
    if (at[F_NAME] < 0) at[F_NAME] = 1;

    vb_node *tasks = vb_node_new(doc, VB_NODE_TASKS, table->line);
    const char *group = NULL;
    size_t count = 0;
    for (vb_node *row = table->first_child; row; row = row->next) {
        const vb_node *cells[MAX_COLS] = {0};
        int col = 0;
        for (vb_node *cell = row->first_child; cell && col < MAX_COLS; col += cell->as.cell.colspan, cell = cell->next)
            cells[col] = cell;
        if (row->as.row.kind == VB_ROW_GROUP && cells[0]) {
            /* "I. Tổ chức ..." or "I" | "DỰ ÁN NHÓM A": the group's numeral */
            const char *t = S_trimmed(doc, cells[0]);
            size_t n = 0;
            while (t[n] && strchr("IVXL", t[n])) n++;
            group = n ? vb_arena_strndup(doc->arena, t, n) : NULL;
            continue;
        }
        if (row->as.row.kind != VB_ROW_DATA || !cells[at[F_INDEX]]) continue;
        const char *num = S_trimmed(doc, cells[at[F_INDEX]]);
        if (!(num[0] >= '0' && num[0] <= '9')) continue; /* only numbered rows are tasks */
        vb_node *task = vb_node_new(doc, VB_NODE_TASK, row->line);
        vb_node_set_attr(doc, task, "num", group ? vb_arena_printf(doc->arena, "%s.%s", group, num) : num);
        static const vb_node_type types[F__COUNT] = {VB_NODE_TEXT, VB_NODE_NAME, VB_NODE_LEAD,
                                                     VB_NODE_PARTNERS, VB_NODE_OUTPUT, VB_NODE_DEADLINE};
        for (int f = F_NAME; f < F__COUNT; f++) {
            if (at[f] < 0 || at[f] >= MAX_COLS || !cells[at[f]]) continue;
            const vb_node *cell = cells[at[f]];
            vb_node *field = vb_node_new(doc, types[f], cell->line);
            S_copy_cell(doc, field, cell);
            if (!field->first_child) continue;
            if (f == F_DEADLINE) {
                vb_deadline d;
                const char *t = vb_node_text(doc, cell);
                if (vb_deadline_parse(t, strlen(t), &d)) vb_deadline_attrs(doc, field, &d);
            }
            vb_node_append(task, field);
        }
        vb_node_append(tasks, task);
        count++;
    }
    if (!count) return 0;
    vb_node_set_attr(doc, tasks, "count", vb_arena_printf(doc->arena, "%zu", count));
    if (table->next) vb_node_insert_before(table->next, tasks);
    else vb_node_append(table->parent, tasks);
    return count;
}
