/* Diacritics restoration over a whole source: decides which paragraphs the
 * OCR damaged, decodes each of them as one text, and splits the runs so
 * that every changed word is a run of its own that remembers its OCR form
 * and the model's confidence. */
#include <stdlib.h>
#include <string.h>

#include "diacritics.h"

/* A document is a worn copy when the confused decoder would change one
 * word in this many (or more): the OCR's readings are then weaker
 * evidence (vb_dia_cache_set_worn). */
enum { CONFUSED_WORN_ONE_IN = 10 };
/* The probe decodes about this many words of a document, in groups spread
 * evenly over it (all of a short one): a long clean text costs little. */
enum { CONFUSED_SAMPLE_WORDS = 3000 };

typedef struct {
    vb_run *run;
    size_t start;          /* offset of the run in the group's text */
} S_run_at;

typedef struct {
    vb_dia_verdict verdict;
    vb_dia_evidence ev;
} S_judged;

typedef struct {
    const vb_normalize_options *opts;
    vb_buf text;           /* the text of a group of paragraphs, runs joined */
    S_run_at *runs;        /* every text run of the group and where it starts */
    size_t nruns, capruns;
    bool doc_damaged;
    bool born_digital;     /* a Word file: no OCR, only paragraphs typed without marks */
    /* Vietnamese-model OCR: the groups that keep their marks are decoded
     * with the confused channel first (probe), and the results are used
     * only when the document as a whole shows the damage (apply) */
    bool may_confuse;      /* a text input, a model with the channel, auto mode */
    bool probe;            /* this walk decodes confused groups and keeps the results */
    bool doc_confused;     /* the apply walk uses them */
    vb_dia_result *probed; /* results of the probe walk, in group order */
    size_t nprobed, capprobed, next_probed;
    size_t proposals;      /* words the probe walk would change */
    size_t sampled_words;  /* ... of so many words */
    size_t sample_every;   /* the probe decodes every n-th confusable group */
    size_t group_no;       /* confusable groups met so far in this walk */
    vb_dia_cache *cache;   /* readings of words, shared by the paragraphs */
    /* auto mode: the verdict on each paragraph, in walk order, from the
     * first walk (which judges the document); the later walks read them
     * back instead of judging every paragraph again */
    S_judged *judged;
    size_t njudged, capjudged, next_judged;
    vb_dia_word_conf *confs; /* the OCR engine's confidence in words of the group's text */
    size_t nconfs, capconfs;
    size_t damaged, confused, restored, review;
    int status;
    char err[256];
} S_ctx;

/* Appends the text of block b (one line of the group's text). */
/* The array p of n elements of size bytes, with room for one more: the
 * capacity *cap doubles from first when full.  Out of memory aborts, as
 * everywhere in the repair walk. */
static void *S_room(void *p, size_t n, size_t *cap, size_t size, size_t first) {
    if (n < *cap) return p;
    *cap = *cap ? *cap * 2 : first;
    p = realloc(p, *cap * size);
    if (!p) abort();
    return p;
}

static void S_add_block_text(S_ctx *c, vb_block *b) {
    for (vb_run *r = b->runs; r; r = r->next) {
        switch (r->kind) {
        case VB_RUN_TEXT: {
            /* a raised or lowered mark ("dân¹", "H₂O") is no part of the word it touches */
            bool apart = (r->style & (VB_STYLE_SUPERSCRIPT | VB_STYLE_SUBSCRIPT)) != 0;
            if (apart) vb_buf_puts(&c->text, " ");
            c->runs = S_room(c->runs, c->nruns, &c->capruns, sizeof *c->runs, 64);
            c->runs[c->nruns++] = (S_run_at){r, c->text.len};
            if (r->word_conf) { /* a word of an OCR layer */
                c->confs = S_room(c->confs, c->nconfs, &c->capconfs, sizeof *c->confs, 64);
                c->confs[c->nconfs++] = (vb_dia_word_conf){c->text.len, r->len, (float)(r->word_conf - 1) / 100.0f,
                                                           r->glyphs};
            }
            vb_buf_append(&c->text, r->text, r->len);
            if (apart) vb_buf_puts(&c->text, " ");
            break;
        }
        case VB_RUN_BREAK: vb_buf_puts(&c->text, " "); break; /* not a paragraph end */
        case VB_RUN_TAB: vb_buf_puts(&c->text, "\t"); break;
        case VB_RUN_NOTE_REF: vb_buf_puts(&c->text, " "); break;
        }
    }
}

static vb_run *S_piece(vb_source *src, const vb_run *like, const char *text, size_t len) {
    vb_run *r = vb_arena_alloc(src->arena, sizeof *r);
    *r = *like;
    r->text = vb_arena_strndup(src->arena, text, len);
    r->len = len;
    r->next = NULL;
    return r;
}

/* Replaces text run r (starting at offset start of the group's text) by
 * pieces: unchanged stretches and one run per change inside it.  Returns
 * the last piece (whose next is r's old next). */
static vb_run *S_split_run(vb_source *src, S_ctx *c, vb_run *r, size_t start,
                           const vb_dia_result *res, size_t *ci) {
    size_t end = start + r->len;
    vb_run *head = NULL, **tail = &head, *last = NULL;
    size_t at = start; /* input offset copied so far */
    /* a word the Unicode clean-up repaired already (a run of its own):
     * its first change keeps the word as printed as its original, and the
     * pieces around the changes are plain text */
    const char *printed = r->repair ? r->original : NULL;
    uint32_t printed_len = r->original_len;
    vb_run plain = *r;
    if (printed) plain.repair = VB_REPAIR_NONE, plain.original = NULL, plain.original_len = 0;
    while (*ci < res->nchanges && res->changes[*ci].in_start < start) (*ci)++;
    while (*ci < res->nchanges && res->changes[*ci].in_start < end) {
        const vb_dia_change *ch = &res->changes[*ci];
        if (ch->in_start + ch->in_len > end) {
            (*ci)++; /* a word across two runs: left as it is */
            continue;
        }
        if (ch->in_start > at) {
            *tail = last = S_piece(src, &plain, c->text.data + at, ch->in_start - at);
            last->word_boxes = vb_run_word_boxes_from(src, r, at - start);
            tail = &last->next;
        }
        vb_run *p = S_piece(src, &plain, res->text + ch->out_start, ch->out_len);
        p->word_boxes = NULL; /* its words may not be those printed */
        if (r->word_boxes) p->word_pos = vb_run_word_pos(src, r, ch->in_start - start, ch->in_len);
        p->repair = ch->kind;
        if (printed) {
            p->original = printed;
            p->original_len = printed_len;
            printed = NULL;
        } else {
            p->original = vb_arena_strndup(src->arena, c->text.data + ch->in_start, ch->in_len);
            p->original_len = ch->in_len;
        }
        p->confidence = ch->confidence;
        p->needs_review = ch->below_threshold;
        if (ch->below_threshold) c->review++;
        else c->restored++;
        *tail = last = p;
        tail = &p->next;
        at = ch->in_start + ch->in_len;
        (*ci)++;
    }
    if (!head) return r;
    if (at < end) {
        *tail = last = S_piece(src, &plain, c->text.data + at, end - at);
        last->word_boxes = vb_run_word_boxes_from(src, r, at - start);
        tail = &last->next;
    }
    /* r becomes the first piece in place, so the block's links stay valid */
    vb_run *next = r->next;
    *r = *head;
    if (last == head) last = r;
    last->next = next;
    return last;
}

/* Decodes blocks first..stop (excluded) as one text, a line per block. */
static void S_restore_group(vb_source *src, S_ctx *c, vb_block *first, vb_block *stop) {
    vb_buf_clear(&c->text);
    c->nruns = c->nconfs = 0;
    size_t lines = 0, damaged = 0, native = 0, words = 0;
    vb_diacritics_mode mode = c->opts->diacritics;
    for (vb_block *b = first; b != stop; b = b->next) {
        if (lines++) vb_buf_puts(&c->text, "\n");
        size_t from = c->text.len;
        S_add_block_text(c, b);
        if (c->text.len == from) continue;
        vb_dia_evidence ev = {0};
        vb_dia_verdict v = VB_DIA_DAMAGED;
        if (mode == VB_DIACRITICS_AUTO) {
            if (c->next_judged < c->njudged) {
                v = c->judged[c->next_judged].verdict;
                ev = c->judged[c->next_judged++].ev;
            } else v = vb_dia_judge(c->text.data + from, c->text.len - from, &ev);
        }
        native += ev.native;
        words += ev.words;
        /* born-digital text: a paragraph typed without its marks, never a
         * few words among marked ones (a name, a term, a typing slip) */
        if (v == VB_DIA_DAMAGED && c->born_digital && !(ev.words >= 4 && ev.marked * 10 < ev.words))
            v = VB_DIA_CLEAN;
        if (v == VB_DIA_DAMAGED || (v == VB_DIA_UNSURE && c->doc_damaged)) damaged++;
    }
    vb_dia_cache_set_word_confs(c->cache, c->confs, c->nconfs, c->opts->word_conf_weight,
                                c->opts->word_conf_pivot);
    vb_dia_cache_set_glyph_costs(c->cache, c->opts->glyph_weight, c->opts->glyph_unseen,
                                 c->opts->glyph_new);
    /* a group with its marks, in a text that may come from a Vietnamese
     * OCR model, is read as marks confused when the document shows it; so
     * is a group that looks damaged but holds letters an English OCR model
     * never prints (ư, ơ, ạ: short lines, table debris of such a page) */
    bool confusable = mode == VB_DIACRITICS_AUTO && c->may_confuse && c->nruns && (!damaged || native);
    vb_dia_result res;
    if (c->probe) {
        if (!confusable) return;
        c->probed = S_room(c->probed, c->nprobed, &c->capprobed, sizeof *c->probed, 16);
        if (c->group_no++ % c->sample_every) {
            memset(&c->probed[c->nprobed++], 0, sizeof res); /* not in the sample */
            return;
        }
        c->sampled_words += words;
        int st = vb_dia_restore_ex(c->opts->model, c->text.data, c->text.len, VB_DIACRITICS_CONFUSED,
                                   false, c->opts->min_confidence,
                                   !c->opts->no_confidence || c->opts->min_confidence > 0, c->cache,
                                   &res, c->err, sizeof c->err);
        if (st != VB_OK) {
            c->status = st;
            return;
        }
        for (size_t k = 0; k < res.nchanges; k++)
            if (res.changes[k].kind == VB_REPAIR_DIACRITICS) c->proposals++;
        c->probed[c->nprobed++] = res;
        return;
    }
    c->damaged += damaged;
    if (confusable) {
        if (c->next_probed >= c->nprobed) return; /* cannot happen: the walks match */
        res = c->probed[c->next_probed];
        memset(&c->probed[c->next_probed++], 0, sizeof res);
        if (c->doc_confused && !res.text) { /* outside the sample: decoded now */
            int st = vb_dia_restore_ex(c->opts->model, c->text.data, c->text.len, VB_DIACRITICS_CONFUSED,
                                       false, c->opts->min_confidence,
                                       !c->opts->no_confidence || c->opts->min_confidence > 0,
                                       c->cache, &res, c->err, sizeof c->err);
            if (st != VB_OK) {
                c->status = st;
                return;
            }
        }
        if (c->doc_confused) c->confused += lines;
        else {
            vb_dia_result_free(&res);
            confusable = false; /* decoded below if it is damaged */
        }
    }
    if (!confusable) {
        if (!c->nruns || !damaged) return; /* clean text: nothing to decode */
        int st = vb_dia_restore_ex(c->opts->model, c->text.data, c->text.len, mode, c->doc_damaged,
                                   c->opts->min_confidence,
                                   !c->opts->no_confidence || c->opts->min_confidence > 0, c->cache,
                                   &res, c->err, sizeof c->err);
        if (st != VB_OK) {
            c->status = st;
            return;
        }
    }
    size_t ci = 0;
    for (size_t k = 0; k < c->nruns && ci < res.nchanges; k++)
        S_split_run(src, c, c->runs[k].run, c->runs[k].start, &res, &ci);
    vb_dia_result_free(&res);
}

static bool S_is_text_block(const vb_block *b) {
    return b->kind == VB_BLOCK_PARAGRAPH || b->kind == VB_BLOCK_NOTE;
}

/* Paragraphs that follow each other without a blank line (hard-wrapped OCR
 * lines) are decoded together, so the language model sees across lines. */
static void S_walk(vb_source *src, S_ctx *c, vb_block *first, bool judge_only,
                   vb_dia_evidence *total) {
    for (vb_block *b = first; b && c->status == VB_OK;) {
        if (S_is_text_block(b)) {
            vb_block *stop = b->next;
            while (stop && stop->kind == VB_BLOCK_PARAGRAPH && b->kind == VB_BLOCK_PARAGRAPH &&
                   (stop->flags & VB_BLOCK_NO_BLANK_BEFORE) && stop->region == b->region)
                stop = stop->next;
            if (judge_only) {
                for (vb_block *p = b; p != stop; p = p->next) {
                    vb_dia_evidence ev;
                    vb_buf_clear(&c->text);
                    c->nruns = c->nconfs = 0;
                    S_add_block_text(c, p);
                    if (!c->text.len) continue;
                    vb_dia_verdict v = vb_dia_judge(c->text.data, c->text.len, &ev);
                    c->judged = S_room(c->judged, c->njudged, &c->capjudged, sizeof *c->judged, 64);
                    c->judged[c->njudged++] = (S_judged){v, ev};
                    total->words += ev.words;
                    total->marked += ev.marked;
                    total->invalid += ev.invalid;
                    total->native += ev.native;
                    total->confused += ev.confused;
                }
            } else S_restore_group(src, c, b, stop);
            b = stop;
            continue;
        }
        for (size_t i = 0; i < b->nrows; i++)
            for (size_t j = 0; j < b->rows[i].ncells; j++)
                S_walk(src, c, b->rows[i].cells[j].content, judge_only, total);
        b = b->next;
    }
}

int vb_restore_diacritics(vb_source *src, const vb_normalize_options *opts) {
    if (!opts->model || opts->diacritics == VB_DIACRITICS_OFF) return VB_OK;
    S_ctx c = {.opts = opts, .status = VB_OK};
    /* the document as a whole decides the paragraphs too short to judge */
    vb_dia_evidence total = {0};
    if (opts->diacritics == VB_DIACRITICS_AUTO) { /* the other modes repair everything */
        S_walk(src, &c, src->first, true, &total);
        c.doc_damaged = total.words >= 4 && vb_dia_verdict_of(&total) == VB_DIA_DAMAGED;
        /* born-digital text (a Word file) is no OCR output */
        c.born_digital = src->format && strcmp(src->format, "docx") == 0;
        c.may_confuse = !c.born_digital && !c.doc_damaged && vb_dia_model_has_confused(opts->model);
    }
    c.cache = vb_dia_cache_new();
    if (c.may_confuse) {
        c.probe = true;
        c.sample_every = total.words / CONFUSED_SAMPLE_WORDS + 1;
        c.next_judged = 0;
        S_walk(src, &c, src->first, false, NULL);
        if (c.status == VB_OK && c.sampled_words >= 20 &&
            c.proposals * CONFUSED_WORN_ONE_IN >= c.sampled_words) {
            /* a worn copy: so many words to change that the OCR's own
             * readings are weak evidence; decoded again as such */
            for (size_t k = 0; k < c.nprobed; k++) vb_dia_result_free(&c.probed[k]);
            c.nprobed = c.proposals = c.sampled_words = c.group_no = 0;
            vb_dia_cache_set_worn(c.cache, true);
            c.next_judged = 0;
            S_walk(src, &c, src->first, false, NULL);
        }
        c.probe = false;
        /* the marks a Vietnamese OCR model confused show as words that no
         * syllable spells (over the whole document), and as words the
         * decoder would change (over the sample): enough of either, and
         * the document is such OCR output */
        vb_dia_evidence sample = {.words = c.sampled_words, .confused = c.proposals};
        c.doc_confused = vb_dia_doc_confused(&total) || vb_dia_doc_confused(&sample);
    }
    c.next_judged = 0;
    if (c.status == VB_OK) S_walk(src, &c, src->first, false, NULL);
    for (size_t k = 0; k < c.nprobed; k++) vb_dia_result_free(&c.probed[k]);
    free(c.probed);
    free(c.judged);
    vb_dia_cache_free(c.cache);
    vb_buf_free(&c.text);
    free(c.runs);
    free(c.confs);
    if (c.status != VB_OK) {
        vb_diag_add(&src->diags, VB_ERROR, 0, 0, -1, "diacritics", "%s", c.err);
        return c.status;
    }
    vb_report_add(src->report, "ocr-damaged-paragraphs", c.damaged);
    if (c.confused) vb_report_add(src->report, "ocr-confused-paragraphs", c.confused);
    vb_report_add(src->report, "diacritics-restored", c.restored);
    vb_report_add(src->report, "diacritics-review", c.review);
    return VB_OK;
}
