/* vb_corpus_search: the words of a query matched and ranked by document
 * (rank.c), metadata filters, citation links both ways, facets over every
 * matching document, each hit's best paragraph with its section path and a
 * snippet. */
#include "corpus_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define VB_SEARCH_MAX_QUERY_BYTES 8192
#define VB_SEARCH_MAX_TERMS 128

static bool S_has_word_char(const char *s, size_t len) {
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
            return true;
    }
    return false;
}

/* Every term becomes a quoted FTS5 string, so punctuation in codes
 * ("4668/QĐ-UBND") makes a phrase rather than a syntax error. */
void vb_search_fts_expression(const char *text, vb_buf *out) {
    const char *s = text ? text : "";
    vb_buf_puts(out, "");
    /* where the operator just written starts, or SIZE_MAX after a term: of
     * operators in a row ("OR NOT", "AND OR NOT") only the last is kept,
     * since FTS5 takes two in a row as a syntax error */
    size_t op_at = SIZE_MAX;
    while (*s) {
        while (*s == ' ' || *s == '\t' || *s == '\n') s++;
        if (!*s) break;
        const char *start, *end;
        bool prefix = false;
        if (*s == '"') {
            start = ++s;
            while (*s && *s != '"') s++;
            end = s;
            if (*s) s++;
        } else {
            start = s;
            while (*s && *s != ' ' && *s != '\t' && *s != '\n' && *s != '"') s++;
            end = s;
            size_t n = (size_t)(end - start);
            if ((n == 3 && (memcmp(start, "AND", 3) == 0 || memcmp(start, "NOT", 3) == 0)) ||
                (n == 2 && memcmp(start, "OR", 2) == 0)) {
                if (op_at != SIZE_MAX) {
                    out->len = op_at;
                    out->data[out->len] = '\0';
                }
                if (out->len) {
                    op_at = out->len;
                    vb_buf_printf(out, " %.*s", (int)n, start);
                }
                continue;
            }
            if (n > 1 && end[-1] == '*') {
                prefix = true;
                end--;
            }
        }
        if (!S_has_word_char(start, (size_t)(end - start))) continue;
        op_at = SIZE_MAX;
        if (out->len) vb_buf_putc(out, ' ');
        vb_buf_putc(out, '"');
        for (const char *p = start; p < end; p++)
            if (*p != '"') vb_buf_putc(out, *p);
        vb_buf_putc(out, '"');
        if (prefix) vb_buf_putc(out, '*');
    }
    /* an operator left dangling at either end is a syntax error: drop it */
    for (;;) {
        size_t n = out->len;
        if (n >= 4 && (memcmp(out->data + n - 4, " AND", 4) == 0 || memcmp(out->data + n - 4, " NOT", 4) == 0))
            out->len -= 4;
        else if (n >= 3 && memcmp(out->data + n - 3, " OR", 3) == 0)
            out->len -= 3;
        else break;
        out->data[out->len] = '\0';
    }
    while (out->len && out->data[0] != '"') { /* leading operator */
        char *sp = strchr(out->data, ' ');
        if (!sp) {
            out->len = 0;
            out->data[0] = '\0';
            break;
        }
        memmove(out->data, sp + 1, strlen(sp + 1) + 1);
        out->len = strlen(out->data);
    }
}

bool vb_search_has_task_filter(const vb_search_query *q) {
    return (q->lead && *q->lead) || (q->partner && *q->partner) || (q->deadline && *q->deadline) ||
           (q->task && *q->task);
}

static bool S_digits(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return false;
    return s[n] == '\0' || s[n] == '-';
}

/* The conditions on a task row t that the task filters make (parameters
 * ?7 to ?11), appended to sql.  A deadline that is neither a year, a range
 * of years, a month or day, nor a kind is a usage error. */
static int S_task_conditions(const vb_search_query *q, vb_buf *sql, int *from, int *to,
                             vb_diags *diags) {
    static const char words[] = " AND instr(' ' || vb_fold(%s) || ' ', ' ' || vb_fold(?%d) || ' ') > 0";
    if (q->lead && *q->lead)
        vb_buf_puts(sql, " AND instr(' ' || t.lead_key || ' ', ' ' || vb_fold(?7) || ' ') > 0");
    if (q->partner && *q->partner)
        vb_buf_puts(sql, " AND instr(' ' || t.partners_key || ' ', ' ' || vb_fold(?8) || ' ') > 0");
    if (q->task && *q->task) vb_buf_printf(sql, words, "t.name || ' ' || coalesce(t.output, '')", 11);
    *from = *to = 0;
    if (!q->deadline || !*q->deadline) return VB_OK;
    const char *d = q->deadline;
    size_t n = strlen(d);
    static const char *const kinds[] = {"quarter", "year", "period", "month", "date", "yearly",
                                        "quarterly", "monthly", "ongoing", NULL};
    if (n == 4 && S_digits(d, 4)) {
        *from = *to = atoi(d);
        vb_buf_puts(sql, " AND t.due_year = ?9");
    } else if (n == 9 && S_digits(d, 4) && d[4] == '-' && S_digits(d + 5, 4)) {
        *from = atoi(d);
        *to = atoi(d + 5);
        vb_buf_puts(sql, " AND t.due_year BETWEEN ?9 AND ?10");
    } else if ((n == 7 || n == 10) && S_digits(d, 4) && d[4] == '-' && S_digits(d + 5, 2)) {
        vb_buf_puts(sql, " AND substr(t.due, 1, length(?9)) = ?9");
    } else {
        bool kind = false;
        for (size_t i = 0; kinds[i]; i++) kind = kind || strcmp(d, kinds[i]) == 0;
        if (!kind) {
            return vb_diag_error(diags, VB_ERR_USAGE, NULL, 0, 0, "usage",
                                 "--deadline takes a year (2026), years (2025-2027), a month"
                                 " (2026-06), a day or a kind: quarter, year, period, month,"
                                 " date, yearly, quarterly, monthly, ongoing; not '%s'", d);
        }
        vb_buf_puts(sql, " AND t.deadline_kind = ?9");
    }
    return VB_OK;
}

static void S_bind_tasks(sqlite3_stmt *st, const vb_search_query *q, int from, int to) {
    if (q->lead && *q->lead) sqlite3_bind_text(st, 7, q->lead, -1, SQLITE_STATIC);
    if (q->partner && *q->partner) sqlite3_bind_text(st, 8, q->partner, -1, SQLITE_STATIC);
    if (q->deadline && *q->deadline) {
        if (from) sqlite3_bind_int(st, 9, from);
        else sqlite3_bind_text(st, 9, q->deadline, -1, SQLITE_STATIC);
        if (to != from) sqlite3_bind_int(st, 10, to);
    }
    if (q->task && *q->task) sqlite3_bind_text(st, 11, q->task, -1, SQLITE_STATIC);
}

typedef struct {
    int64_t id, best_para;
    double score;  /* higher is better */
    bool all;      /* holds every term of the query */
    const char *path, *type, *type_code, *number, *authority, *date, *title, *code_key;
    int year;
} S_row;

static void S_facet_add(vb_arena *arena, vb_facet **items, size_t *n, size_t *cap, const char *value) {
    if (!value || !*value) return;
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*items)[i].value, value) == 0) {
            (*items)[i].count++;
            return;
        }
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 16;
        vb_facet *g = realloc(*items, *cap * sizeof *g);
        if (!g) abort();
        *items = g;
    }
    (*items)[(*n)++] = (vb_facet){vb_arena_strdup(arena, value), 1};
}

static int S_compare_facets(const void *a, const void *b) {
    const vb_facet *x = a, *y = b;
    if (x->count != y->count) return x->count < y->count ? 1 : -1;
    return strcmp(x->value, y->value);
}

/* Facets live in the arena so the result frees with it. */
static vb_facet *S_facets_to_arena(vb_arena *arena, vb_facet *items, size_t n) {
    if (n) qsort(items, n, sizeof *items, S_compare_facets);
    vb_facet *copy = vb_arena_alloc(arena, (n ? n : 1) * sizeof *copy);
    if (n) memcpy(copy, items, n * sizeof *copy);
    free(items);
    return copy;
}

static int S_compare_rows(const void *a, const void *b) {
    const S_row *x = a, *y = b;
    if (x->all != y->all) return x->all ? -1 : 1;
    if (x->score != y->score) return x->score > y->score ? -1 : 1;
    return (x->id > y->id) - (x->id < y->id);
}

static const char *S_col(vb_arena *arena, sqlite3_stmt *st, int i) {
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? vb_arena_strdup(arena, (const char *)t) : NULL;
}

int vb_corpus_search(vb_corpus *c, const vb_search_query *q, vb_search_result *out, vb_diags *diags) {
    memset(out, 0, sizeof *out);
    out->arena = vb_arena_new();
    vb_buf expr = {0}, sql = {0}, cites = {0}, cited_by = {0}, task_sql = {0};
    int from = 0, to = 0;
    bool tasks = vb_search_has_task_filter(q);
    if (tasks) {
        int st = S_task_conditions(q, &task_sql, &from, &to, diags);
        if (st != VB_OK) {
            vb_buf_free(&task_sql);
            return st;
        }
    }
    /* a bound on the query, as search engines have (Lucene's clause count):
     * each term is a posting list to read and merge */
    if (q->text && strlen(q->text) > VB_SEARCH_MAX_QUERY_BYTES) {
        vb_diag_error(diags, VB_ERR_USAGE, NULL, 0, 0, "usage",
                      "the query has %zu bytes; at most %d are allowed", strlen(q->text),
                      VB_SEARCH_MAX_QUERY_BYTES);
        vb_buf_free(&task_sql);
        return VB_ERR_USAGE;
    }
    vb_search_fts_expression(q->text, &expr);
    size_t terms = 0;
    for (size_t i = 0; i < expr.len; i++) terms += expr.data[i] == '"';
    terms /= 2;
    if (terms > VB_SEARCH_MAX_TERMS) {
        vb_diag_error(diags, VB_ERR_USAGE, NULL, 0, 0, "usage",
                      "the query has %zu terms; at most %d are allowed", terms,
                      VB_SEARCH_MAX_TERMS);
        vb_buf_free(&expr);
        vb_buf_free(&task_sql);
        return VB_ERR_USAGE;
    }
    bool has_text = expr.len > 0;
    if (!has_text && q->text && q->text[strspn(q->text, " \t\n")]) {
        /* words were asked for but none is a word ("-", "AND"): nothing matches */
        out->types = out->years = out->authorities = vb_arena_alloc(out->arena, sizeof(vb_facet));
        out->hits = vb_arena_alloc(out->arena, sizeof *out->hits);
        vb_buf_free(&expr);
        vb_buf_free(&task_sql);
        return VB_OK;
    }
    if (q->cites) vb_corpus_code_key(q->cites, &cites);
    if (q->cited_by) vb_corpus_code_key(q->cited_by, &cited_by);

    /* The words are matched against whole documents (rank.c); the SQL
     * applies the filters and reads what the hits show. */
    vb_ranking rank = {0};
    int status = VB_OK;
    sqlite3_stmt *st = NULL;
    if (has_text && (status = vb_rank_query(c, expr.data, &rank, diags)) != VB_OK) goto done;
    vb_buf_puts(&sql, "SELECT d.id, d.text_bytes, d.path, d.type, d.type_code, d.number, d.authority,"
                      " d.date, d.title, d.code_key, d.year FROM documents d WHERE d.status = 'ok'");
    if (q->type && *q->type)
        vb_buf_puts(&sql, " AND (vb_fold(d.type_code) = vb_fold(?2) OR vb_fold(d.type) = vb_fold(?2))");
    if (q->authority && *q->authority)
        vb_buf_puts(&sql, " AND instr(' ' || vb_fold(d.authority) || ' ', ' ' || vb_fold(?3) || ' ') > 0");
    if (q->year) vb_buf_puts(&sql, " AND d.year = ?4");
    if (q->cites) vb_buf_puts(&sql, " AND d.id IN (SELECT doc_id FROM citations WHERE code_key = ?5)"
                                    " AND d.code_key IS NOT ?5");
    if (q->cited_by)
        /* a citation dated in another year names another document with the same number */
        vb_buf_puts(&sql, " AND d.id IN (SELECT cited.id FROM citations c"
                          " JOIN documents src ON src.id = c.doc_id"
                          " JOIN documents cited ON cited.code_key = c.code_key"
                          " WHERE src.code_key = ?6 AND (c.year IS NULL OR cited.year IS NULL"
                          " OR c.year = cited.year)) AND d.code_key <> ?6");
    if (tasks)
        vb_buf_printf(&sql, " AND d.id IN (SELECT t.doc_id FROM tasks t WHERE 1%s)", task_sql.data);
    vb_buf_puts(&sql, has_text ? " ORDER BY d.id" : " ORDER BY d.date DESC, d.id");

    if (sqlite3_prepare_v2(c->db, sql.data, -1, &st, NULL) != SQLITE_OK) {
        status = vb_corpus_fail(c, "prepare the search", diags);
        goto done;
    }
    if (q->type) sqlite3_bind_text(st, 2, q->type, -1, SQLITE_STATIC);
    if (q->authority) sqlite3_bind_text(st, 3, q->authority, -1, SQLITE_STATIC);
    if (q->year) sqlite3_bind_int(st, 4, q->year);
    if (q->cites) sqlite3_bind_text(st, 5, cites.data, -1, SQLITE_STATIC);
    if (q->cited_by) sqlite3_bind_text(st, 6, cited_by.data, -1, SQLITE_STATIC);
    if (tasks) S_bind_tasks(st, q, from, to);

    size_t limit = q->limit ? q->limit : 10;
    vb_facet *types = NULL, *years = NULL, *auths = NULL;
    size_t ct = 0, cy = 0, ca = 0;
    S_row *rows = NULL;
    size_t nrows = 0, rcap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(st, 0);
        const vb_rank_hit *hit = NULL;
        if (has_text && (!(hit = vb_rank_find(&rank, id)) || !vb_rank_matches(&rank, hit))) continue;
        out->total++;
        const char *type_code = (const char *)sqlite3_column_text(st, 4);
        const char *type = (const char *)sqlite3_column_text(st, 3);
        S_facet_add(out->arena, &types, &out->ntypes, &ct, type_code ? type_code : type);
        if (sqlite3_column_type(st, 10) != SQLITE_NULL) {
            char year[16];
            snprintf(year, sizeof year, "%d", sqlite3_column_int(st, 10));
            S_facet_add(out->arena, &years, &out->nyears, &cy, year);
        }
        S_facet_add(out->arena, &auths, &out->nauthorities, &ca, (const char *)sqlite3_column_text(st, 6));
        /* without words the SQL orders, and only the rows shown are kept */
        if (!has_text && (out->total <= q->offset || nrows >= limit)) continue;
        if (nrows == rcap) {
            rcap = rcap ? rcap * 2 : 16;
            S_row *g = realloc(rows, rcap * sizeof *g);
            if (!g) abort();
            rows = g;
        }
        S_row *r = &rows[nrows++];
        r->id = id;
        r->best_para = hit ? hit->best_para : 0;
        r->score = hit ? vb_rank_score(&rank, hit, sqlite3_column_double(st, 1)) : 0.0;
        r->all = hit && (size_t)hit->found == rank.positive;
        r->path = S_col(out->arena, st, 2);
        r->type = S_col(out->arena, st, 3);
        r->type_code = S_col(out->arena, st, 4);
        r->number = S_col(out->arena, st, 5);
        r->authority = S_col(out->arena, st, 6);
        r->date = S_col(out->arena, st, 7);
        r->title = S_col(out->arena, st, 8);
        r->code_key = S_col(out->arena, st, 9);
        r->year = sqlite3_column_int(st, 10);
    }
    if (rc != SQLITE_DONE) status = vb_corpus_fail(c, "search", diags);
    sqlite3_finalize(st);
    out->types = S_facets_to_arena(out->arena, types, out->ntypes);
    out->years = S_facets_to_arena(out->arena, years, out->nyears);
    out->authorities = S_facets_to_arena(out->arena, auths, out->nauthorities);
    if (has_text) {
        /* the documents holding every term first, then by score */
        if (nrows) qsort(rows, nrows, sizeof *rows, S_compare_rows);
        size_t skip = q->offset < nrows ? q->offset : nrows;
        if (skip) memmove(rows, rows + skip, (nrows - skip) * sizeof *rows);
        nrows -= skip;
        if (nrows > limit) nrows = limit;
        if (status == VB_OK && out->total == 0) {
            vb_buf suggestion = {0};
            if (vb_rank_suggest(c, q->text, &suggestion) == VB_OK && suggestion.len)
                out->suggestion = vb_arena_strndup(out->arena, suggestion.data, suggestion.len);
            vb_buf_free(&suggestion);
        }
    }

    /* for the hits shown: the snippet, the section path, who cites them */
    sqlite3_stmt *sect = NULL, *citing = NULL, *task_rows = NULL;
    if (status == VB_OK && tasks) {
        vb_buf list = {0};
        vb_buf_printf(&list, "SELECT t.num, s.path, t.name, t.lead, t.partners, t.output,"
                             " t.deadline, t.deadline_kind, t.due, t.from_year, t.line"
                             " FROM tasks t LEFT JOIN sections s ON s.id = t.section_id"
                             " WHERE t.doc_id = ?1%s ORDER BY t.ord", task_sql.data);
        if (sqlite3_prepare_v2(c->db, list.data, -1, &task_rows, NULL) != SQLITE_OK)
            status = vb_corpus_fail(c, "prepare the search", diags);
        vb_buf_free(&list);
    }
    if (status == VB_OK &&
        (sqlite3_prepare_v2(c->db,
                            "SELECT s.path, s.heading, p.kind, p.text, p.originals FROM paragraphs p"
                            " LEFT JOIN sections s ON s.id = p.section_id WHERE p.id = ?1",
                            -1, &sect, NULL) != SQLITE_OK ||
         sqlite3_prepare_v2(c->db,
                            "SELECT count(DISTINCT doc_id) FROM citations WHERE code_key = ?1"
                            " AND doc_id <> ?2 AND (year IS NULL OR ?3 = 0 OR year = ?3)",
                            -1, &citing, NULL) != SQLITE_OK))
        status = vb_corpus_fail(c, "prepare the search", diags);
    if (status == VB_OK) {
        out->hits = vb_arena_alloc(out->arena, (nrows ? nrows : 1) * sizeof *out->hits);
        out->nhits = nrows;
    }
    for (size_t i = 0; status == VB_OK && i < nrows; i++) {
        const S_row *r = &rows[i];
        vb_search_hit *h = &out->hits[i];
        *h = (vb_search_hit){.doc_id = r->id, .path = r->path, .type = r->type,
                             .number = r->number, .authority = r->authority, .date = r->date,
                             .title = r->title, .score = -r->score};
        if (has_text && r->best_para) {
            sqlite3_bind_int64(sect, 1, r->best_para);
            if (sqlite3_step(sect) == SQLITE_ROW) {
                const char *path = (const char *)sqlite3_column_text(sect, 0);
                const char *heading = (const char *)sqlite3_column_text(sect, 1);
                const char *kind = (const char *)sqlite3_column_text(sect, 2);
                const char *text = (const char *)sqlite3_column_text(sect, 3);
                vb_buf snippet = {0};
                const char *originals = (const char *)sqlite3_column_text(sect, 4);
                /* the text, or the OCR forms when the match is one of them */
                if ((text && vb_rank_snippet(&rank, text, 14, &snippet)) ||
                    (originals && vb_rank_snippet(&rank, originals, 14, &snippet))) {
                    /* one bracket pair around consecutive matched words */
                    char *t = vb_arena_strndup(out->arena, snippet.data, snippet.len), *m;
                    while ((m = strstr(t, "] ["))) memmove(m, m + 2, strlen(m + 2) + 1), m[0] = ' ';
                    h->snippet = t;
                }
                vb_buf_free(&snippet);
                if (path)
                    h->section = vb_arena_printf(out->arena, "%s %s", path, heading ? heading : "");
                else if (kind && strcmp(kind, "p") != 0 && strcmp(kind, "item") != 0)
                    h->section = vb_arena_strdup(out->arena, kind); /* title, authority... */
            }
            sqlite3_reset(sect);
        }
        if (task_rows) {
            S_bind_tasks(task_rows, q, from, to);
            sqlite3_bind_int64(task_rows, 1, r->id);
            size_t cap = 0;
            while (sqlite3_step(task_rows) == SQLITE_ROW) {
                if (h->ntasks == cap) {
                    cap = cap ? cap * 2 : 8;
                    vb_task_hit *g = vb_arena_alloc(out->arena, cap * sizeof *g);
                    if (h->ntasks) memcpy(g, h->tasks, h->ntasks * sizeof *g);
                    h->tasks = g;
                }
                h->tasks[h->ntasks++] = (vb_task_hit){
                    .num = S_col(out->arena, task_rows, 0), .section = S_col(out->arena, task_rows, 1),
                    .name = S_col(out->arena, task_rows, 2), .lead = S_col(out->arena, task_rows, 3),
                    .partners = S_col(out->arena, task_rows, 4), .output = S_col(out->arena, task_rows, 5),
                    .deadline = S_col(out->arena, task_rows, 6),
                    .deadline_kind = S_col(out->arena, task_rows, 7),
                    .due = S_col(out->arena, task_rows, 8),
                    .from_year = sqlite3_column_int(task_rows, 9),
                    .line = sqlite3_column_int(task_rows, 10)};
            }
            sqlite3_reset(task_rows);
            sqlite3_clear_bindings(task_rows);
        }
        if (r->code_key && *r->code_key) {
            sqlite3_bind_text(citing, 1, r->code_key, -1, SQLITE_STATIC);
            sqlite3_bind_int64(citing, 2, r->id);
            sqlite3_bind_int(citing, 3, r->year);
            if (sqlite3_step(citing) == SQLITE_ROW) h->cited_by = (size_t)sqlite3_column_int64(citing, 0);
            sqlite3_reset(citing);
        }
    }
    sqlite3_finalize(sect);
    sqlite3_finalize(citing);
    sqlite3_finalize(task_rows);
    free(rows);
done:
    vb_ranking_free(&rank);
    vb_buf_free(&expr);
    vb_buf_free(&sql);
    vb_buf_free(&cites);
    vb_buf_free(&cited_by);
    vb_buf_free(&task_sql);
    return status;
}

void vb_search_result_free(vb_search_result *r) {
    vb_arena_free(r->arena);
    memset(r, 0, sizeof *r);
}

static void S_text_facets(vb_buf *out, const char *name, const vb_facet *f, size_t n) {
    if (!n) return;
    vb_buf_printf(out, "  %s:", name);
    for (size_t i = 0; i < n && i < 8; i++)
        vb_buf_printf(out, "%s %s (%zu)", i ? "," : "", f[i].value, f[i].count);
    if (n > 8) vb_buf_printf(out, ", … %zu more", n - 8);
    vb_buf_putc(out, '\n');
}

void vb_search_write_text(const vb_search_result *r, vb_buf *out) {
    for (size_t i = 0; i < r->nhits; i++) {
        const vb_search_hit *h = &r->hits[i];
        vb_buf_printf(out, "%zu. %s", i + 1, h->path);
        if (h->number) vb_buf_printf(out, "  %s", h->number);
        if (h->date) vb_buf_printf(out, "  %s", h->date);
        vb_buf_putc(out, '\n');
        if (h->type || h->title)
            vb_buf_printf(out, "   %s%s%s\n", h->type ? h->type : "", h->type && h->title ? ": " : "",
                          h->title ? h->title : "");
        if (h->authority) vb_buf_printf(out, "   %s\n", h->authority);
        if (h->section && *h->section) vb_buf_printf(out, "   § %s\n", h->section);
        if (h->snippet) vb_buf_printf(out, "   %s\n", h->snippet);
        for (size_t k = 0; k < h->ntasks; k++) {
            const vb_task_hit *t = &h->tasks[k];
            vb_buf_printf(out, "   task %s: %s\n", t->num ? t->num : "?", t->name ? t->name : "");
            vb_buf_printf(out, "      lead: %s", t->lead ? t->lead : "-");
            if (t->partners) vb_buf_printf(out, "; partners: %s", t->partners);
            if (t->deadline) vb_buf_printf(out, "; deadline: %s", t->deadline);
            if (t->due) vb_buf_printf(out, " (%s)", t->due);
            vb_buf_putc(out, '\n');
        }
        if (h->cited_by) vb_buf_printf(out, "   cited by %zu indexed document%s\n", h->cited_by,
                                       h->cited_by == 1 ? "" : "s");
    }
    vb_buf_printf(out, "%zu document%s match\n", r->total, r->total == 1 ? "" : "s");
    if (r->suggestion) vb_buf_printf(out, "did you mean: %s\n", r->suggestion);
    S_text_facets(out, "type", r->types, r->ntypes);
    S_text_facets(out, "year", r->years, r->nyears);
    S_text_facets(out, "authority", r->authorities, r->nauthorities);
}

static void S_json_field(vb_buf *out, const char *name, const char *value, bool comma) {
    if (comma) vb_buf_putc(out, ',');
    vb_json_string(out, name);
    vb_buf_putc(out, ':');
    if (value) vb_json_string(out, value);
    else vb_buf_puts(out, "null");
}

static void S_json_facets(vb_buf *out, const char *name, const vb_facet *f, size_t n, bool comma) {
    if (comma) vb_buf_putc(out, ',');
    vb_json_string(out, name);
    vb_buf_puts(out, ":{");
    for (size_t i = 0; i < n; i++) {
        if (i) vb_buf_putc(out, ',');
        vb_json_string(out, f[i].value);
        vb_buf_printf(out, ":%zu", f[i].count);
    }
    vb_buf_putc(out, '}');
}

void vb_search_write_json(const vb_search_result *r, vb_buf *out) {
    vb_buf_printf(out, "{\"total\":%zu,\"hits\":[", r->total);
    for (size_t i = 0; i < r->nhits; i++) {
        const vb_search_hit *h = &r->hits[i];
        if (i) vb_buf_putc(out, ',');
        vb_buf_printf(out, "{\"id\":%lld,\"score\":%.4f", (long long)h->doc_id, h->score);
        S_json_field(out, "path", h->path, true);
        S_json_field(out, "type", h->type, true);
        S_json_field(out, "number", h->number, true);
        S_json_field(out, "authority", h->authority, true);
        S_json_field(out, "date", h->date, true);
        S_json_field(out, "title", h->title, true);
        S_json_field(out, "section", h->section, true);
        S_json_field(out, "snippet", h->snippet, true);
        vb_buf_printf(out, ",\"cited_by\":%zu", h->cited_by);
        if (h->ntasks) {
            vb_buf_puts(out, ",\"tasks\":[");
            for (size_t k = 0; k < h->ntasks; k++) {
                const vb_task_hit *t = &h->tasks[k];
                vb_buf_puts(out, k ? ",{" : "{");
                S_json_field(out, "num", t->num, false);
                S_json_field(out, "section", t->section, true);
                S_json_field(out, "name", t->name, true);
                S_json_field(out, "lead", t->lead, true);
                S_json_field(out, "partners", t->partners, true);
                S_json_field(out, "output", t->output, true);
                S_json_field(out, "deadline", t->deadline, true);
                S_json_field(out, "deadline_kind", t->deadline_kind, true);
                S_json_field(out, "due", t->due, true);
                if (t->from_year) vb_buf_printf(out, ",\"from\":%d", t->from_year);
                vb_buf_printf(out, ",\"line\":%d}", t->line);
            }
            vb_buf_putc(out, ']');
        }
        vb_buf_putc(out, '}');
    }
    vb_buf_putc(out, ']');
    if (r->suggestion) S_json_field(out, "suggestion", r->suggestion, true);
    vb_buf_puts(out, ",\"facets\":{");
    S_json_facets(out, "type", r->types, r->ntypes, false);
    S_json_facets(out, "year", r->years, r->nyears, true);
    S_json_facets(out, "authority", r->authorities, r->nauthorities, true);
    vb_buf_puts(out, "}}\n");
}
