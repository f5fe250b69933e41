/* Quoted text: the lines of a part that quote another text (a law's
 * articles cited by a công văn, the new wording of a khoản in an amending
 * decree) and so are no part of the document's own numbering.
 *
 * A quotation is found by its marks: it opens with “ or " (or «) at the
 * start of a line, or at the end of a line that introduces it ("... như
 * sau: “1. ..."), and runs over the lines until the marks balance again.
 * The marks are read one line at a time, so each line is read a bounded
 * number of times whatever the input (VB_QUOTE_MAX_LINES). */
#include "build_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef enum { S_MARK_NONE, S_MARK_OPEN, S_MARK_CLOSE } S_mark;

static bool S_blank(unsigned char c) { return c == ' ' || c == '\t'; }

/* The mark at byte p of s (len bytes), and its length in *n: curly and
 * angle quotes say which way they face; a straight quote is read by what is
 * around it: after a blank or an opening bracket and before a letter it
 * opens, after a letter or a stop it closes. */
static S_mark S_mark_at(const char *s, size_t len, size_t p, size_t *n) {
    const unsigned char *u = (const unsigned char *)s;
    if (u[p] == '"') {
        *n = 1;
        bool after_blank = p == 0 || S_blank(u[p - 1]) || u[p - 1] == '(' || u[p - 1] == '[' ||
                           u[p - 1] == '*' || u[p - 1] == '_';
        /* before a letter, a digit or a bold mark: not OCR's stray dots and dashes */
        bool before_word = p + 1 < len && (u[p + 1] >= 0x80 || u[p + 1] == '*' ||
                                           (u[p + 1] >= '0' && u[p + 1] <= '9') ||
                                           ((u[p + 1] | 0x20) >= 'a' && (u[p + 1] | 0x20) <= 'z'));
        if (after_blank && before_word) return S_MARK_OPEN;
        if (!after_blank) return S_MARK_CLOSE;
        return S_MARK_NONE; /* a mark standing alone, or before a sign */
    }
    if (p + 2 < len && u[p] == 0xE2 && u[p + 1] == 0x80 && (u[p + 2] == 0x9C || u[p + 2] == 0x9D)) {
        *n = 3;
        return u[p + 2] == 0x9C ? S_MARK_OPEN : S_MARK_CLOSE;
    }
    if (p + 1 < len && u[p] == 0xC2 && (u[p + 1] == 0xAB || u[p + 1] == 0xBB)) {
        *n = 2;
        return u[p + 1] == 0xAB ? S_MARK_OPEN : S_MARK_CLOSE;
    }
    return S_MARK_NONE;
}

size_t vb_quote_scan(const char *s, size_t len, size_t from, int *depth, size_t *mark_at,
                     size_t *last_open) {
    for (size_t p = from; p < len;) {
        size_t n = 1;
        S_mark m = S_mark_at(s, len, p, &n);
        if (m == S_MARK_OPEN) {
            if (*depth == 0 && last_open) *last_open = p;
            if (*depth < 64) (*depth)++;
        } else if (m == S_MARK_CLOSE && *depth > 0) {
            if (--*depth == 0) {
                if (mark_at) *mark_at = p;
                return p + n;
            }
        }
        p += n;
    }
    return SIZE_MAX;
}

size_t vb_quote_open_mark(const vb_line *l, size_t *mark_len) {
    if (!l->len || l->prefix || l->block->kind != VB_BLOCK_PARAGRAPH) return 0;
    size_t n = 0;
    if (S_mark_at(l->text, l->len, 0, &n) != S_MARK_OPEN) return 0;
    *mark_len = n;
    while (n < l->len && S_blank((unsigned char)l->text[n])) n++;
    return n;
}

bool vb_quote_tail(const char *s, size_t len, size_t from) {
    for (size_t p = from; p < len; p++)
        if (!strchr(" \t.,;:!?)]*_\"", s[p])) {
            size_t n;
            if (S_mark_at(s, len, p, &n) == S_MARK_CLOSE) {
                p += n - 1;
                continue;
            }
            return false;
        }
    return true;
}

/* Whether the text bytes [0, len) of a line end by introducing what comes
 * next: "... như sau:", "... quy định:" */
static bool S_introduces(const char *s, size_t len) {
    while (len && (S_blank((unsigned char)s[len - 1]) || s[len - 1] == '*' || s[len - 1] == '_'))
        len--;
    return len && s[len - 1] == ':';
}

/* Whether the quoted text starting at s opens with a numbering label
 * (Điều, khoản, điểm): law text. */
static bool S_quotes_law(vb_builder *bd, const char *s, size_t len) {
    while (len && S_blank((unsigned char)*s)) s++, len--;
    vb_label lab;
    return len && vb_label_match(bd, s, len, &lab);
}

/* Whether line k opens the document's own next division at or above the
 * level the quotation was opened in: a quotation left open ends before it. */
static bool S_own_heading(vb_builder *bd, const vb_line *l, const vb_quote_bound *b) {
    if (!b->rank_set || l->block->kind != VB_BLOCK_PARAGRAPH || !l->len) return false;
    vb_label lab;
    if (!vb_label_match(bd, l->text, l->len, &lab)) return false;
    if (lab.rank < b->rank) return true;
    if (lab.rank != b->rank || lab.kind != b->kind) return false;
    if (lab.kind == VB_SECTION_ROMAN) return b->next_roman && lab.value == b->next_roman;
    return b->next[0] && lab.num && strcmp(lab.num, b->next) == 0;
}

/* Follows the marks from line k (depth quotations open at its byte from)
 * to the line where they balance; fills q's last and close_at. */
static void S_follow(vb_builder *bd, size_t k, size_t from, int depth, size_t end,
                     const vb_quote_bound *b, vb_quote *q) {
    size_t limit = q->first + VB_QUOTE_MAX_LINES;
    if (limit > end) limit = end;
    for (size_t j = k; j < limit; j++) {
        const vb_line *l = &bd->lines[j];
        if (l->block->kind != VB_BLOCK_PARAGRAPH) continue;
        size_t at = 0;
        size_t after = vb_quote_scan(l->text, l->len, j == k ? from : 0, &depth, &at, NULL);
        if (after == SIZE_MAX) continue;
        q->last = j;
        q->closed = true;
        q->close_at = vb_quote_tail(l->text, l->len, after) && at > l->prefix ? at : SIZE_MAX;
        return;
    }
    /* no closing mark: the quotation ends before the document's own next
     * heading or the next line that opens a quotation, or after
     * VB_QUOTE_MAX_LINES lines, or with the part */
    q->closed = false;
    q->close_at = SIZE_MAX;
    q->last = limit - 1;
    size_t mark_len;
    for (size_t j = q->open_len ? q->first + 1 : q->first; j < limit; j++)
        if (S_own_heading(bd, &bd->lines[j], b) || vb_quote_open_mark(&bd->lines[j], &mark_len)) {
            q->last = j - 1;
            break;
        }
}

bool vb_quote_starting(vb_builder *bd, size_t i, size_t end, const vb_quote_bound *b, vb_quote *q) {
    const vb_line *l = &bd->lines[i];
    size_t mark_len = 0, open = vb_quote_open_mark(l, &mark_len);
    if (!open) return false;
    memset(q, 0, sizeof *q);
    q->first = i;
    q->open_len = open;
    q->mark_len = mark_len;
    bool law = S_quotes_law(bd, l->text + open, l->len - open);
    bool announced = law || (i > 0 && bd->lines[i - 1].block->kind == VB_BLOCK_PARAGRAPH &&
                             S_introduces(bd->lines[i - 1].text, bd->lines[i - 1].len));
    S_follow(bd, i, 0, 0, end, b, q);
    if (!q->closed) return law; /* bounded, but only law text is worth the guess */
    if (q->last == i) /* one line: the whole of it quoted, and law text or announced */
        return q->close_at != SIZE_MAX && announced;
    return q->close_at != SIZE_MAX || announced;
}

bool vb_quote_following(vb_builder *bd, size_t i, size_t end, const vb_quote_bound *b, vb_quote *q) {
    if (i == 0 || i >= end) return false;
    const vb_line *l = &bd->lines[i - 1];
    if (l->block->kind != VB_BLOCK_PARAGRAPH || !l->len) return false;
    int depth = 0;
    size_t open_at = SIZE_MAX, mark_len = 0;
    vb_quote_scan(l->text, l->len, 0, &depth, NULL, &open_at);
    /* left open by the line before, after its first byte ("... như sau:
     * “1. ..."); one opened at its start was vb_quote_starting's to take */
    if (depth == 0 || open_at == SIZE_MAX || open_at == 0) return false;
    S_mark_at(l->text, l->len, open_at, &mark_len);
    bool law = S_quotes_law(bd, l->text + open_at + mark_len, l->len - open_at - mark_len);
    if (!law && !S_introduces(l->text, open_at)) return false;
    memset(q, 0, sizeof *q);
    q->first = i;
    S_follow(bd, i, 0, depth, end, b, q);
    if (!q->closed && !law) return false;
    return q->last + 1 > q->first; /* not empty: its first line may be the document's own */
}
