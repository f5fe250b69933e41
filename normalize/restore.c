/* Diacritics restoration over a whole source: decides which paragraphs the
 * OCR damaged, decodes each of them as one text, and splits the runs so
 * that every changed word is a run of its own that remembers its OCR form
 * and the model's confidence. */
#include <stdlib.h>
#include <string.h>

#include "diacritics.h"

typedef struct {
    const vb_normalize_options *opts;
    vb_buf text;           /* the paragraph's text, runs joined */
    size_t *run_start;     /* offset of each text run in it */
    size_t nruns, capruns;
    bool doc_damaged;
    size_t damaged, restored, review;
    int status;
    char err[256];
} S_ctx;

static void S_block_text(S_ctx *c, const vb_block *b) {
    vb_buf_clear(&c->text);
    c->nruns = 0;
    for (const vb_run *r = b->runs; r; r = r->next) {
        if (c->nruns == c->capruns) {
            c->capruns = c->capruns ? c->capruns * 2 : 16;
            c->run_start = realloc(c->run_start, c->capruns * sizeof *c->run_start);
            if (!c->run_start) abort();
        }
        c->run_start[c->nruns++] = c->text.len;
        switch (r->kind) {
        case VB_RUN_TEXT: vb_buf_append(&c->text, r->text, r->len); break;
        case VB_RUN_BREAK: vb_buf_puts(&c->text, "\n"); break;
        case VB_RUN_TAB: vb_buf_puts(&c->text, "\t"); break;
        case VB_RUN_NOTE_REF: vb_buf_puts(&c->text, " "); break;
        }
    }
    if (!c->text.data) vb_buf_append(&c->text, "", 0);
}

static vb_run *S_piece(vb_source *src, const vb_run *like, const char *text, size_t len) {
    vb_run *r = vb_arena_alloc(src->arena, sizeof *r);
    *r = *like;
    r->text = vb_arena_strndup(src->arena, text, len);
    r->len = len;
    r->next = NULL;
    return r;
}

/* Replaces text run r (starting at offset start of the paragraph text) by
 * pieces: unchanged stretches and one run per change inside it. */
static vb_run *S_split_run(vb_source *src, S_ctx *c, vb_run *r, size_t start,
                           const vb_dia_result *res, size_t *ci) {
    size_t end = start + r->len;
    vb_run *head = NULL, **tail = &head;
    size_t at = start; /* input offset copied so far */
    while (*ci < res->nchanges && res->changes[*ci].in_start < end) {
        const vb_dia_change *ch = &res->changes[*ci];
        if (ch->in_start < start || ch->in_start + ch->in_len > end) {
            (*ci)++; /* a word across two runs: left as it is */
            continue;
        }
        if (ch->in_start > at) {
            *tail = S_piece(src, r, c->text.data + at, ch->in_start - at);
            tail = &(*tail)->next;
        }
        vb_run *p = S_piece(src, r, res->text + ch->out_start, ch->out_len);
        p->repair = ch->kind;
        p->original = vb_arena_strndup(src->arena, c->text.data + ch->in_start, ch->in_len);
        p->original_len = ch->in_len;
        p->confidence = ch->confidence;
        p->needs_review = ch->below_threshold;
        if (ch->below_threshold) c->review++;
        else c->restored++;
        *tail = p;
        tail = &p->next;
        at = ch->in_start + ch->in_len;
        (*ci)++;
    }
    if (!head) return r;
    if (at < end) {
        *tail = S_piece(src, r, c->text.data + at, end - at);
        tail = &(*tail)->next;
    }
    *tail = r->next;
    return head;
}

static void S_restore_block(vb_source *src, S_ctx *c, vb_block *b) {
    if (!b->runs) return;
    S_block_text(c, b);
    vb_diacritics_mode mode = c->opts->diacritics;
    if (mode == VB_DIACRITICS_AUTO) {
        vb_dia_verdict v = vb_dia_judge(c->text.data, c->text.len, NULL);
        if (v == VB_DIA_CLEAN || (v == VB_DIA_UNSURE && !c->doc_damaged)) return;
        mode = VB_DIACRITICS_OCR;
    }
    vb_dia_result res;
    int st = vb_dia_restore(c->opts->model, c->text.data, c->text.len, mode,
                            c->opts->min_confidence, &res, c->err, sizeof c->err);
    if (st != VB_OK) {
        c->status = st;
        return;
    }
    if (res.paragraph_was_damaged) c->damaged++;
    size_t ci = 0, k = 0;
    vb_run **link = &b->runs;
    for (vb_run *r = b->runs; r; k++) {
        vb_run *next = r->next;
        if (r->kind == VB_RUN_TEXT && r->len) {
            vb_run *head = S_split_run(src, c, r, c->run_start[k], &res, &ci);
            *link = head;
            while (head->next != next) head = head->next;
            link = &head->next;
        } else link = &r->next;
        r = next;
    }
    vb_dia_result_free(&res);
}

static void S_walk(vb_source *src, S_ctx *c, vb_block *first, bool judge_only,
                   vb_dia_evidence *total) {
    for (vb_block *b = first; b && c->status == VB_OK; b = b->next) {
        if (b->kind == VB_BLOCK_PARAGRAPH || b->kind == VB_BLOCK_NOTE) {
            if (judge_only) {
                vb_dia_evidence ev;
                S_block_text(c, b);
                vb_dia_judge(c->text.data, c->text.len, &ev);
                total->words += ev.words;
                total->marked += ev.marked;
                total->invalid += ev.invalid;
            } else S_restore_block(src, c, b);
        }
        for (size_t i = 0; i < b->nrows; i++)
            for (size_t j = 0; j < b->rows[i].ncells; j++)
                S_walk(src, c, b->rows[i].cells[j].content, judge_only, total);
    }
}

int vb_restore_diacritics(vb_source *src, const vb_normalize_options *opts) {
    if (!opts->model || opts->diacritics == VB_DIACRITICS_OFF) return VB_OK;
    S_ctx c = {.opts = opts, .status = VB_OK};
    /* the document as a whole decides the paragraphs too short to judge */
    vb_dia_evidence total = {0};
    S_walk(src, &c, src->first, true, &total);
    c.doc_damaged = total.words >= 4 &&
                    (total.invalid * 5 >= total.words || total.marked * 4 < total.words);
    S_walk(src, &c, src->first, false, NULL);
    vb_buf_free(&c.text);
    free(c.run_start);
    if (c.status != VB_OK) {
        vb_diag_add(&src->diags, VB_ERROR, 0, 0, -1, "diacritics", "%s", c.err);
        return c.status;
    }
    vb_report_add(src->report, "ocr-damaged-paragraphs", c.damaged);
    vb_report_add(src->report, "diacritics-restored", c.restored);
    vb_report_add(src->report, "diacritics-review", c.review);
    return VB_OK;
}
