/* The text reader: UTF-8 text exports as word processors and converters
 * write them.  One paragraph block per non-blank line (the normalize stage
 * decides whether hard-wrapped lines belong together), tab-separated lines
 * grouped into table blocks, markdown-ish marks (#, **, *, <i>) turned into
 * hints and styles, superscript footnote marks into note references. */
#include "extract.h"
#include "reader_internal.h"

#include <string.h>
#include <stdlib.h>
#include <strings.h>
#include <stdio.h>

#define DEFAULT_MAX_LINE ((size_t)4 << 20)

typedef struct {
    const char *s;
    size_t len;
    int number; /* 1-based */
} line_t;

/* A note mark found in the text before its note: where it is printed (a
 * pointer into the input), how long it is, and the note it refers to. */
typedef struct {
    const char *at;
    size_t len;
    const char *label;
} mark_t;

/* A note the reader found in running text ("[1] ..." after a rule or at the
 * end, "1 ..." at the foot of a printed page): its lines are taken out of
 * the flow and given as one note block after the body. */
typedef struct {
    size_t first, last; /* line indexes, inclusive */
    size_t skip;        /* bytes of the first (trimmed) line before the note's text */
    const char *label;
} tnote_t;

typedef struct {
    vb_source *src;
    unsigned open_style;      /* bold/italic left open at the end of the previous line */
    const char **note_labels; /* labels of footnote paragraphs found in the text */
    size_t nnotes;
    mark_t *marks;            /* marks of notes found in running text, in input order */
    size_t nmarks, capmarks;
    tnote_t *tnotes;
    size_t ntnotes, captnotes;
    int *owner;               /* per line: the tnote it belongs to, or -1; -2 a line
                                 of a flattened table, -3 the line where it is given */
    vb_block **tables;        /* flattened tables rebuilt, in input order */
    size_t ntables, captables, next_table;
} reader;

/* ---- superscript digits: ⁰¹²³⁴⁵⁶⁷⁸⁹ ---- */
static int S_superscript_digit(const unsigned char *s, size_t len, size_t *n) {
    if (len >= 2 && s[0] == 0xC2 && (s[1] == 0xB9 || s[1] == 0xB2 || s[1] == 0xB3)) {
        *n = 2;
        return s[1] == 0xB9 ? 1 : s[1] == 0xB2 ? 2 : 3;
    }
    if (len >= 3 && s[0] == 0xE2 && s[1] == 0x81 && (s[2] == 0xB0 || (s[2] >= 0xB4 && s[2] <= 0xB9))) {
        *n = 3;
        return s[2] == 0xB0 ? 0 : s[2] - 0xB0;
    }
    return -1;
}

/* Reads a run of superscript digits at s; returns its byte length (0 if none)
 * and writes the plain digits to label. */
static size_t S_superscript_number(const char *s, size_t len, char *label, size_t cap) {
    size_t i = 0, k = 0, n;
    int d;
    while (i < len && (d = S_superscript_digit((const unsigned char *)s + i, len - i, &n)) >= 0) {
        if (k + 1 < cap) label[k++] = (char)('0' + d);
        i += n;
    }
    label[k] = '\0';
    return i;
}

static bool S_is_note_label(const reader *r, const char *label) {
    for (size_t i = 0; i < r->nnotes; i++)
        if (strcmp(r->note_labels[i], label) == 0) return true;
    return false;
}

static bool S_is_space(char c) { return c == ' ' || c == '\t'; }

/* The mark of a note found in running text printed at t, if any. */
static const mark_t *S_mark_at(const reader *r, const char *t) {
    size_t lo = 0, hi = r->nmarks;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (r->marks[mid].at < t) lo = mid + 1;
        else hi = mid;
    }
    return lo < r->nmarks && r->marks[lo].at == t ? &r->marks[lo] : NULL;
}

static bool S_is_word_byte(unsigned char c) {
    return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* Styles text can give with either * marks or tags. */
#define S_TAGGABLE (VB_STYLE_BOLD | VB_STYLE_ITALIC | VB_STYLE_UNDERLINE)

/* Appends text[0..len) to the block as runs, turning inline marks into styles.
 * Emphasis marks count as marks when they touch a word on one side or stand
 * at the start or end of the line; "(*)" and "5 * 3" stay literal. */
static void S_add_inline(reader *r, vb_block *b, const char *t, size_t len, bool allow_notes) {
    vb_buf text = {0};
    unsigned style = r->open_style;
    size_t i = 0;
#define FLUSH()                                                                       \
    do {                                                                              \
        if (text.len) vb_block_add_run(r->src, b, VB_RUN_TEXT, text.data, text.len, style); \
        vb_buf_clear(&text);                                                          \
    } while (0)
    while (i < len) {
        unsigned char c = (unsigned char)t[i];
        const mark_t *mark = allow_notes && r->nmarks ? S_mark_at(r, t + i) : NULL;
        if (mark && mark->len <= len - i) {
            FLUSH();
            vb_run *ref = vb_block_add_run(r->src, b, VB_RUN_NOTE_REF, NULL, 0, style);
            ref->note_id = mark->label;
            i += mark->len;
            continue;
        }
        if (c == '*') {
            size_t n = 1;
            while (i + n < len && t[i + n] == '*') n++;
            bool at_start = i == 0, at_end = i + n == len;
            bool word_before = i > 0 && S_is_word_byte((unsigned char)t[i - 1]);
            bool word_after = i + n < len && S_is_word_byte((unsigned char)t[i + n]);
            bool space_after = i + n < len && S_is_space(t[i + n]);
            /* "**2.** Bộ": a run after punctuation, before a blank, closes
             * the span it opened */
            unsigned kind = n == 1 ? VB_STYLE_ITALIC : n == 2 ? VB_STYLE_BOLD : VB_STYLE_BOLD | VB_STYLE_ITALIC;
            bool closes = (style & kind) == kind && i > 0 && !S_is_space(t[i - 1]) &&
                          (at_end || space_after);
            bool mark = word_before || word_after || closes ||
                        (at_start && !at_end && (n >= 2 || !space_after)) ||
                        (at_end && i > 0 && !S_is_space(t[i - 1]));
            /* "**A****B**": two bold spans with nothing between them — an
             * export lost the line break that separated them. */
            if (n == 4 && (style & VB_STYLE_BOLD) && word_before && word_after) {
                FLUSH();
                vb_block_add_run(r->src, b, VB_RUN_BREAK, NULL, 0, style);
                i += n;
                continue;
            }
            if (mark && n <= 3) {
                FLUSH();
                if (n == 1) style ^= VB_STYLE_ITALIC;
                else if (n == 2) style ^= VB_STYLE_BOLD;
                else style ^= VB_STYLE_BOLD | VB_STYLE_ITALIC;
                style &= ~VB_STYLE_TAGGED;
                i += n;
                continue;
            }
            vb_buf_append(&text, t + i, n);
            i += n;
            continue;
        }
        if (c == '<') {
            static const struct { const char *tag; unsigned style; bool close; } tags[] = {
                {"<i>", VB_STYLE_ITALIC, false},  {"</i>", VB_STYLE_ITALIC, true},
                {"<em>", VB_STYLE_ITALIC, false}, {"</em>", VB_STYLE_ITALIC, true},
                {"<b>", VB_STYLE_BOLD, false},    {"</b>", VB_STYLE_BOLD, true},
                {"<strong>", VB_STYLE_BOLD, false}, {"</strong>", VB_STYLE_BOLD, true},
                {"<u>", VB_STYLE_UNDERLINE, false}, {"</u>", VB_STYLE_UNDERLINE, true},
                {"<sup>", VB_STYLE_SUPERSCRIPT, false}, {"</sup>", VB_STYLE_SUPERSCRIPT, true},
                {"<sub>", VB_STYLE_SUBSCRIPT, false}, {"</sub>", VB_STYLE_SUBSCRIPT, true},
            };
            bool matched = false;
            for (size_t k = 0; k < sizeof tags / sizeof tags[0]; k++) {
                size_t tl = strlen(tags[k].tag);
                if (len - i >= tl && strncasecmp(t + i, tags[k].tag, tl) == 0) {
                    FLUSH();
                    if (tags[k].close) style &= ~tags[k].style;
                    else style |= tags[k].style;
                    if (!tags[k].close && (tags[k].style & S_TAGGABLE)) style |= VB_STYLE_TAGGED;
                    if (!(style & S_TAGGABLE)) style &= ~VB_STYLE_TAGGED;
                    i += tl;
                    matched = true;
                    break;
                }
            }
            if (!matched && (len - i >= 4 && (strncmp(t + i, "<br>", 4) == 0 || (len - i >= 5 && strncmp(t + i, "<br/>", 5) == 0)))) {
                FLUSH();
                vb_block_add_run(r->src, b, VB_RUN_BREAK, NULL, 0, style);
                i += t[i + 3] == '>' ? 4 : 5;
                matched = true;
            }
            if (matched) continue;
        }
        if (allow_notes && c >= 0xC2) {
            char label[16];
            size_t n = S_superscript_number(t + i, len - i, label, sizeof label);
            /* a superscript number is a note mark when a note with that
             * label exists; otherwise it is text (m², km³) */
            if (n && S_is_note_label(r, label)) {
                FLUSH();
                vb_run *ref = vb_block_add_run(r->src, b, VB_RUN_NOTE_REF, NULL, 0, style);
                ref->note_id = vb_arena_strdup(r->src->arena, label);
                i += n;
                continue;
            }
            if (n) {
                vb_buf_append(&text, t + i, n);
                i += n;
                continue;
            }
        }
        vb_buf_putc(&text, (char)c);
        i++;
    }
    FLUSH();
#undef FLUSH
    r->open_style = style & (VB_STYLE_BOLD | VB_STYLE_ITALIC | VB_STYLE_TAGGED);
    if (!(r->open_style & S_TAGGABLE)) r->open_style = 0;
    vb_buf_free(&text);
}

/* Strips a leading run of '#' marks ("### I. MỤC ĐÍCH"), returning the level. */
static int S_heading_marks(const char **s, size_t *len) {
    size_t n = 0;
    while (n < *len && (*s)[n] == '#') n++;
    if (n == 0 || n > 6 || (n < *len && !S_is_space((*s)[n]))) return 0;
    *s += n;
    *len -= n;
    while (*len && S_is_space(**s)) (*s)++, (*len)--;
    return (int)n;
}

static bool S_is_blank(const line_t *l) {
    for (size_t i = 0; i < l->len; i++)
        if (!S_is_space(l->s[i]) && l->s[i] != '\f') return false;
    return true;
}

static bool S_has_tab(const line_t *l) { return memchr(l->s, '\t', l->len) != NULL; }

/* A footnote paragraph starts with its superscript number and a space. */
static size_t S_note_paragraph(const line_t *l, char *label, size_t cap) {
    size_t n = S_superscript_number(l->s, l->len, label, cap);
    if (n && n < l->len && S_is_space(l->s[n])) return n;
    return 0;
}

static void S_trim(const char **s, size_t *len) {
    while (*len && (S_is_space(**s) || **s == '\f')) (*s)++, (*len)--;
    while (*len && (S_is_space((*s)[*len - 1]) || (*s)[*len - 1] == '\f')) (*len)--;
}

static void S_add_paragraph(reader *r, const line_t *l, bool no_blank_before) {
    const char *s = l->s;
    size_t len = l->len;
    bool hard_break = len >= 2 && s[len - 1] == ' ' && s[len - 2] == ' ';
    S_trim(&s, &len);
    char label[16];
    size_t note = S_note_paragraph(&(line_t){s, len, l->number}, label, sizeof label);
    vb_block *b;
    if (note) {
        b = vb_source_add_block(r->src, VB_BLOCK_NOTE, l->number);
        b->region = VB_REGION_FOOTNOTES;
        b->note_id = vb_arena_strdup(r->src->arena, label);
        s += note;
        len -= note;
        S_trim(&s, &len);
        r->open_style = 0;
    } else {
        b = vb_source_add_block(r->src, VB_BLOCK_PARAGRAPH, l->number);
        b->heading_hint = S_heading_marks(&s, &len);
        if (b->heading_hint) r->open_style = 0;
    }
    if (no_blank_before) b->flags |= VB_BLOCK_NO_BLANK_BEFORE;
    if (hard_break) b->flags |= VB_BLOCK_HARD_BREAK;
    S_add_inline(r, b, s, len, true);
    /* whole-paragraph styles are hints for the model (bold title lines) */
    bool any = false, all_bold = true, all_italic = true;
    for (const vb_run *run = b->runs; run; run = run->next) {
        if (run->kind != VB_RUN_TEXT) continue;
        bool visible = false;
        for (size_t i = 0; i < run->len; i++)
            if (!S_is_space(run->text[i])) visible = true;
        if (!visible) continue;
        any = true;
        if (!(run->style & VB_STYLE_BOLD)) all_bold = false;
        if (!(run->style & VB_STYLE_ITALIC)) all_italic = false;
    }
    if (any && all_bold) b->flags |= VB_BLOCK_ALL_BOLD;
    if (any && all_italic) b->flags |= VB_BLOCK_ALL_ITALIC;
}

/* Tab-separated lines become rows; one blank line inside a run of such
 * lines does not end the table (exports put page breaks there). */
static size_t S_add_table(reader *r, const line_t *lines, size_t n, size_t at, bool no_blank_before) {
    size_t end = at;
    while (end < n) {
        if (S_has_tab(&lines[end]) && !S_is_blank(&lines[end])) {
            end++;
            continue;
        }
        if (S_is_blank(&lines[end]) && end + 1 < n && S_has_tab(&lines[end + 1]) &&
            !S_is_blank(&lines[end + 1])) {
            end++;
            continue;
        }
        break;
    }
    vb_block *b = vb_source_add_block(r->src, VB_BLOCK_TABLE, lines[at].number);
    if (no_blank_before) b->flags |= VB_BLOCK_NO_BLANK_BEFORE;
    size_t nrows = 0;
    for (size_t i = at; i < end; i++)
        if (!S_is_blank(&lines[i])) nrows++;
    b->rows = vb_arena_alloc(r->src->arena, nrows * sizeof *b->rows);
    for (size_t i = at; i < end; i++) {
        const line_t *l = &lines[i];
        if (S_is_blank(l)) continue;
        vb_row *row = &b->rows[b->nrows++];
        row->line = l->number;
        size_t ncells = 1;
        for (size_t k = 0; k < l->len; k++) ncells += l->s[k] == '\t';
        row->cells = vb_arena_alloc(r->src->arena, ncells * sizeof *row->cells);
        const char *p = l->s, *stop = l->s + l->len;
        for (size_t c = 0; c < ncells; c++) {
            const char *tab = memchr(p, '\t', (size_t)(stop - p));
            const char *cend = tab ? tab : stop;
            vb_cell *cell = &row->cells[row->ncells++];
            cell->colspan = cell->rowspan = 1;
            cell->line = l->number;
            const char *cs = p;
            size_t clen = (size_t)(cend - p);
            S_trim(&cs, &clen);
            vb_block *para = vb_arena_alloc(r->src->arena, sizeof *para);
            para->kind = VB_BLOCK_PARAGRAPH;
            para->line = para->line_end = l->number;
            para->list_level = -1;
            r->open_style = 0;
            S_add_inline(r, para, cs, clen, true);
            r->open_style = 0;
            cell->content = para;
            p = tab ? tab + 1 : stop;
        }
        if (row->ncells > b->ncols) b->ncols = row->ncells;
    }
    b->line_end = lines[end - 1].number;
    return end;
}

/* ---- notes printed in running text ----
 *
 * Exports of a printed page keep its footnotes as text: "[1]" marks with
 * "[1] ..." notes after a rule or at the end (website dumps), or a digit run
 * into the word it marks ("khoáng sản1.") with "1 ..." at the foot of the
 * page, just before the form feed (pdftotext).  A note is only taken for
 * one when both are there, numbered 1, 2, 3... in the order they are
 * printed, with each mark before its note: "[1]" in a table or a numbered
 * list item stays text. */

static void S_push_mark(reader *r, const char *at, size_t len, const char *label) {
    if (r->nmarks == r->capmarks) {
        r->capmarks = r->capmarks ? r->capmarks * 2 : 16;
        mark_t *grown = realloc(r->marks, r->capmarks * sizeof *grown);
        if (!grown) abort();
        r->marks = grown;
    }
    r->marks[r->nmarks++] = (mark_t){at, len, label};
}

static void S_push_tnote(reader *r, size_t first, size_t skip, const char *label) {
    if (r->ntnotes == r->captnotes) {
        r->captnotes = r->captnotes ? r->captnotes * 2 : 16;
        tnote_t *grown = realloc(r->tnotes, r->captnotes * sizeof *grown);
        if (!grown) abort();
        r->tnotes = grown;
    }
    r->tnotes[r->ntnotes++] = (tnote_t){first, first, skip, label};
    r->owner[first] = (int)(r->ntnotes - 1);
}

static bool S_is_digit(char c) { return c >= '0' && c <= '9'; }

/* "[12]" (open '[') or "(12)" at s: its byte length, the digits to label. */
static size_t S_bracket_mark(const char *s, size_t len, char open, char *label, size_t cap) {
    if (!len || s[0] != open) return 0;
    size_t i = 1;
    while (i < len && i <= 3 && S_is_digit(s[i])) i++;
    if (i == 1 || i >= len || s[i] != (open == '[' ? ']' : ')') || i > cap) return 0;
    memcpy(label, s + 1, i - 1);
    label[i - 1] = '\0';
    return i + 1;
}

/* A line that only draws a rule: "____", "-----". */
static bool S_is_rule_line(const line_t *l) {
    const char *s = l->s;
    size_t len = l->len, n = 0;
    S_trim(&s, &len);
    for (size_t i = 0; i < len; i++) {
        if (s[i] != '_' && s[i] != '-') return false;
        n++;
    }
    return n >= 3;
}

static bool S_is_bar_line(const line_t *l) {
    const char *s = l->s;
    size_t len = l->len;
    S_trim(&s, &len);
    return len == 1 && s[0] == '|';
}

/* The note start "[n] text" (or "(n) text"): the bytes of the mark and the
 * spaces after it, 0 if the line does not start so. */
static size_t S_bracket_note_start(const line_t *l, char open, char *label, size_t cap) {
    const char *s = l->s;
    size_t len = l->len;
    S_trim(&s, &len);
    size_t n = S_bracket_mark(s, len, open, label, cap);
    if (!n || (n < len && !S_is_space(s[n]))) return 0;
    while (n < len && S_is_space(s[n])) n++;
    return n;
}

/* The first printed mark "[label]" at or after from, never at the start of
 * a line nor in a table row. */
static const char *S_find_bracket_mark(const line_t *lines, size_t from_line, size_t to_line,
                                       const char *after, char open, const char *label, size_t *mlen) {
    char want[24];
    snprintf(want, sizeof want, "%c%s%c", open, label, open == '[' ? ']' : ')');
    size_t wl = strlen(want);
    for (size_t i = from_line; i < to_line; i++) {
        const line_t *l = &lines[i];
        if (S_has_tab(l) || (after && l->s + l->len <= after)) continue;
        size_t lead = 0;
        while (lead < l->len && (S_is_space(l->s[lead]) || l->s[lead] == '\f')) lead++;
        for (size_t k = lead + 1; k + wl <= l->len; k++) {
            if ((after && l->s + k <= after) || memcmp(l->s + k, want, wl) != 0) continue;
            *mlen = wl;
            return l->s + k;
        }
    }
    return NULL;
}

static void S_plan_bracket_notes(reader *r, const line_t *lines, size_t n, char open) {
    /* each run of notes has its marks in the text since the run before (a
     * gazette prints a form after a form, each with notes 1, 2...) */
    size_t region = 0;
    for (size_t c = 0; c < n; c++) {
        char label[8];
        if (r->owner[c] >= 0 || S_has_tab(&lines[c]) ||
            !S_bracket_note_start(&lines[c], open, label, sizeof label) || strcmp(label, "1") != 0)
            continue;
        /* the marks, before the first note (a form's marks need not be in
         * order: its columns are read one after the other) */
        size_t base_marks = r->nmarks, base_notes = r->ntnotes;
        size_t i = c, expected = 1;
        bool open_note = false;
        for (; i < n; i++) {
            const line_t *l = &lines[i];
            size_t skip, mlen;
            char want[8];
            snprintf(want, sizeof want, "%zu", expected);
            if (!S_has_tab(l) && (skip = S_bracket_note_start(l, open, label, sizeof label)) &&
                strcmp(label, want) == 0) {
                const char *m = S_find_bracket_mark(lines, region, c, NULL, open, label, &mlen);
                if (!m) break;
                const char *id = vb_arena_strdup(r->src->arena, label);
                S_push_mark(r, m, mlen, id);
                S_push_tnote(r, i, skip, id);
                expected++;
                open_note = true;
                continue;
            }
            if (S_is_blank(l)) {
                open_note = false;
                continue;
            }
            if (!open_note || S_has_tab(l) || S_is_bar_line(l) || S_is_rule_line(l)) break;
            r->owner[i] = (int)r->ntnotes - 1;
            r->tnotes[r->ntnotes - 1].last = i;
        }
        /* after a rule, or running to the end of the text */
        size_t before = c;
        while (before > 0 && S_is_blank(&lines[before - 1])) before--;
        bool rule = before > 0 && S_is_rule_line(&lines[before - 1]);
        size_t rest = i;
        while (rest < n && (S_is_blank(&lines[rest]) || S_is_bar_line(&lines[rest]))) rest++;
        bool accepted = r->ntnotes > base_notes && (rule || (open == '[' && rest == n));
        if (!accepted) {
            for (size_t k = c; k < i; k++) r->owner[k] = -1;
            r->nmarks = base_marks;
            r->ntnotes = base_notes;
            continue;
        }
        region = i;
        c = i - 1;
    }
}

static bool S_is_ascii_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }

/* A digit run glued to the word it marks, as a flattened superscript prints:
 * "khoáng sản1." or "năm 20243." (the year 2024, note 3).  Not "CeO2", "m2",
 * "km2" (formulas, units), nor a number standing alone. */
static const char *S_find_glued_mark(const line_t *l, const char *after, const char *label, size_t *mlen) {
    size_t ll = strlen(label);
    const char *s = l->s;
    size_t len = l->len;
    for (size_t i = 0; i < len;) {
        if (!S_is_digit(s[i])) {
            i++;
            continue;
        }
        size_t ds = i, de = i;
        while (de < len && S_is_digit(s[de])) de++;
        i = de;
        if ((after && s + de - ll <= after) || de - ds < ll || memcmp(s + de - ll, label, ll) != 0) continue;
        /* what follows: the end, a space or punctuation, never a number going on */
        if (de < len) {
            unsigned char f = (unsigned char)s[de];
            if (S_is_word_byte(f)) continue;
            if ((f == '.' || f == ',' || f == '/' || f == '-') && de + 1 < len && S_is_digit(s[de + 1])) continue;
        }
        size_t head = de - ll - ds;
        if (head == 0) {
            /* a word of at least three letters, ending in small letters */
            size_t ws = ds;
            while (ws > 0 && S_is_word_byte((unsigned char)s[ws - 1]) && !S_is_digit(s[ws - 1])) ws--;
            if (ds - ws < 3 || S_is_ascii_upper((unsigned char)s[ds - 1])) continue;
            bool ascii = true;
            for (size_t k = ws; k < ds; k++) ascii &= (unsigned char)s[k] < 0x80;
            if (ascii && ds - ws < 4) continue;
            if (ws > 0 && S_is_digit(s[ws - 1])) continue;
        } else if (head == 4) {
            /* a year then the mark: the run is no number of its own */
            if (!((s[ds] == '1' && s[ds + 1] == '9') || (s[ds] == '2' && s[ds + 1] == '0'))) continue;
            if (ds > 0 && !S_is_space(s[ds - 1])) continue;
        } else {
            continue;
        }
        *mlen = ll;
        return s + de - ll;
    }
    return NULL;
}

/* "   1 Các quy định ...": a note's first line at a page foot. */
static size_t S_page_note_start(const line_t *l, const char *label) {
    size_t lead = 0, ll = strlen(label);
    while (lead < l->len && (S_is_space(l->s[lead]) || l->s[lead] == '\f')) lead++;
    if (l->len - lead < ll + 12 || memcmp(l->s + lead, label, ll) != 0) return 0;
    size_t k = lead + ll;
    if (!S_is_space(l->s[k])) return 0;
    while (k < l->len && S_is_space(l->s[k])) k++;
    if (k >= l->len || S_is_digit(l->s[k]) || l->s[k] == '.' || l->s[k] == ')' || l->s[k] == '/') return 0;
    return k - lead;
}

static bool S_only_digits(const line_t *l) {
    const char *s = l->s;
    size_t len = l->len;
    S_trim(&s, &len);
    if (!len) return false;
    for (size_t i = 0; i < len; i++)
        if (!S_is_digit(s[i])) return false;
    return true;
}

/* How many lines at the end of a page may hold its notes. */
#define PAGE_NOTE_LINES 15

static void S_plan_page_notes(reader *r, const line_t *lines, size_t n) {
    /* pages: a form feed before a line's text starts its page there, one
     * after it the next line's */
    size_t *starts = malloc((n + 2) * sizeof *starts);
    if (!starts) abort();
    size_t npages = 0;
    starts[npages++] = 0;
    for (size_t i = 0; i < n; i++) {
        const char *ff = memchr(lines[i].s, '\f', lines[i].len);
        if (!ff) continue;
        size_t lead = 0;
        while (lead < lines[i].len && (S_is_space(lines[i].s[lead]) || lines[i].s[lead] == '\f')) lead++;
        size_t at = ff < lines[i].s + lead ? i : i + 1;
        if (at > starts[npages - 1] && at < n) starts[npages++] = at;
    }
    if (npages < 2) {
        free(starts);
        return;
    }
    starts[npages] = n;
    size_t expected = 1;
    const char *after = NULL;
    for (size_t p = 0; p < npages; p++) {
        size_t ps = starts[p], pe = starts[p + 1];
        size_t ws = pe, seen = 0;
        while (ws > ps && seen < PAGE_NOTE_LINES) {
            ws--;
            if (!S_is_blank(&lines[ws])) seen++;
        }
        char label[24];
        snprintf(label, sizeof label, "%zu", expected);
        size_t zone = pe;
        for (size_t i = ws; i < pe && zone == pe; i++) {
            if (r->owner[i] >= 0 || S_has_tab(&lines[i]) || !S_page_note_start(&lines[i], label)) continue;
            for (size_t k = ps; k < i; k++) {
                size_t mlen;
                const char *m = S_find_glued_mark(&lines[k], after, label, &mlen);
                if (m) {
                    zone = i;
                    break;
                }
            }
        }
        if (zone == pe) continue;
        /* the zone's notes, each with its mark on the page before the zone */
        bool open_note = false;
        for (size_t i = zone; i < pe; i++) {
            const line_t *l = &lines[i];
            size_t skip;
            snprintf(label, sizeof label, "%zu", expected);
            if ((skip = S_page_note_start(l, label))) {
                const char *m = NULL;
                size_t mlen = 0;
                for (size_t k = ps; k < zone && !m; k++) m = S_find_glued_mark(&lines[k], after, label, &mlen);
                if (m) {
                    const char *id = vb_arena_strdup(r->src->arena, label);
                    S_push_mark(r, m, mlen, id);
                    after = m;
                    S_push_tnote(r, i, skip, id);
                    expected++;
                    open_note = true;
                    continue;
                }
            }
            if (S_is_blank(l)) continue;
            if (!open_note || S_only_digits(l) || S_has_tab(l)) {
                open_note = false;
                continue;
            }
            r->owner[i] = (int)r->ntnotes - 1;
            r->tnotes[r->ntnotes - 1].last = i;
        }
    }
    free(starts);
}

static int S_mark_order(const void *a, const void *b) {
    const mark_t *x = a, *y = b;
    return x->at < y->at ? -1 : x->at > y->at;
}

/* Gives each note found in running text as one note block. */
static void S_add_tnotes(reader *r, const line_t *lines) {
    for (size_t t = 0; t < r->ntnotes; t++) {
        tnote_t *note = &r->tnotes[t];
        vb_block *b = vb_source_add_block(r->src, VB_BLOCK_NOTE, lines[note->first].number);
        b->line_end = lines[note->last].number;
        b->region = VB_REGION_FOOTNOTES;
        b->note_id = note->label;
        r->open_style = 0;
        bool any = false;
        for (size_t i = note->first; i <= note->last; i++) {
            if (r->owner[i] != (int)t) continue;
            const char *s = lines[i].s;
            size_t len = lines[i].len;
            S_trim(&s, &len);
            if (i == note->first) s += note->skip, len -= note->skip;
            if (!len) continue;
            if (any) {
                /* a word broken at the end of the line ("10-" "NQ/TW") goes on */
                const vb_run *last = b->runs;
                while (last && last->next) last = last->next;
                bool glued = last && last->kind == VB_RUN_TEXT && last->len >= 2 &&
                             last->text[last->len - 1] == '-' && !S_is_space(last->text[last->len - 2]);
                if (!glued) vb_block_add_run(r->src, b, VB_RUN_TEXT, " ", 1, r->open_style);
            }
            S_add_inline(r, b, s, len, false);
            any = true;
        }
        r->open_style = 0;
    }
}

/* ---- tables a website dump flattened: one cell per line group ----
 *
 * A page's HTML table dumped as text prints each cell's lines followed by a
 * line "|", and one more "|" after each row.  Where such rows are regular
 * (at least three of the same number of cells, three or more) they are
 * rebuilt as a table; a row of fewer cells (a label spanning the row) is
 * kept between full rows, its last cell spanning the rest.  Two-cell
 * layouts (the header and the signature drawn side by side) are left to the
 * model. */

typedef struct {
    size_t first, last; /* lines of the cell's text; first > last for an empty cell */
} S_tok;

/* the lines a cell may take: a cell of an administrative procedure's
 * table (its deadlines, its places and addresses, its legal basis) runs to
 * a few dozen printed lines */
#define BAR_CELL_LINES 40

static bool S_bar_cell_line(const reader *r, const line_t *l, size_t i) {
    return r->owner[i] == -1 && !S_is_blank(l) && !S_has_tab(l) && !S_is_bar_line(l);
}

static vb_block *S_bar_cell(reader *r, const line_t *lines, const S_tok *t) {
    vb_block *para = vb_arena_alloc(r->src->arena, sizeof *para);
    para->kind = VB_BLOCK_PARAGRAPH;
    para->list_level = -1;
    para->line = para->line_end = lines[t->first <= t->last ? t->first : t->last].number;
    r->open_style = 0;
    for (size_t i = t->first; i <= t->last && t->first <= t->last; i++) {
        const char *s = lines[i].s;
        size_t len = lines[i].len;
        S_trim(&s, &len);
        /* a dashed item of a list in the cell keeps its own line */
        bool item = len >= 2 && (s[0] == '-' || s[0] == '+') && s[1] == ' ';
        if (i > t->first && item) vb_block_add_run(r->src, para, VB_RUN_BREAK, NULL, 0, r->open_style);
        else if (i > t->first) vb_block_add_run(r->src, para, VB_RUN_TEXT, " ", 1, r->open_style);
        S_add_inline(r, para, s, len, true);
        para->line_end = lines[i].number;
    }
    r->open_style = 0;
    return para;
}

static void S_plan_bar_tables(reader *r, const line_t *lines, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (r->owner[i] != -1 || !S_is_bar_line(&lines[i])) continue;
        /* the bars of one flattened table: cells of a few lines between them */
        size_t cap = 64, nbars = 0;
        size_t *bars = malloc(cap * sizeof *bars);
        if (!bars) abort();
        bars[nbars++] = i;
        size_t k = i + 1;
        while (k < n) {
            size_t j = k, cell = 0;
            while (j < n && S_bar_cell_line(r, &lines[j], j) && cell < BAR_CELL_LINES) j++, cell++;
            if (j >= n || r->owner[j] != -1 || !S_is_bar_line(&lines[j])) break;
            if (nbars == cap) {
                cap *= 2;
                size_t *grown = realloc(bars, cap * sizeof *grown);
                if (!grown) abort();
                bars = grown;
            }
            bars[nbars++] = j;
            k = j + 1;
        }
        size_t ntok = nbars - 1;
        if (ntok < 9) {
            i = bars[nbars - 1];
            free(bars);
            continue;
        }
        S_tok *tok = malloc(ntok * sizeof *tok);
        if (!tok) abort();
        for (size_t q = 0; q < ntok; q++) tok[q] = (S_tok){bars[q] + 1, bars[q + 1] - 1};
        /* the number of columns: the commonest row length of three or more */
        size_t counts[33] = {0}, len = 0;
        for (size_t q = 0; q <= ntok; q++) {
            if (q < ntok && tok[q].first <= tok[q].last) {
                len++;
                continue;
            }
            if (len >= 3 && len <= 32) counts[len]++;
            len = 0;
        }
        size_t ncols = 0;
        for (size_t c = 3; c <= 32; c++)
            if (counts[c] && counts[c] >= counts[ncols]) ncols = c;
        if (!ncols || counts[ncols] < 2) {
            i = bars[nbars - 1];
            free(tok);
            free(bars);
            continue;
        }
        /* rows: the cells up to a separator; a short row's empty cells
         * are the empty cells right before its separator */
        size_t *rs = malloc((ntok + 1) * sizeof *rs), *re = malloc((ntok + 1) * sizeof *re);
        if (!rs || !re) abort();
        size_t nrows = 0, start = 0, cells = 0;
        for (size_t q = 0; q <= ntok; q++) {
            bool empty = q == ntok || tok[q].first > tok[q].last;
            if (!empty) {
                cells++;
                continue;
            }
            if (q < ntok && cells && cells < ncols && q + 1 < ntok && tok[q + 1].first > tok[q + 1].last) {
                cells++; /* an empty cell: the next empty token ends the row */
                continue;
            }
            if (cells) rs[nrows] = start, re[nrows++] = q; /* tokens [start, q) */
            start = q + 1;
            cells = 0;
        }
        /* the longest run of rows that make a table */
        size_t best_a = 0, best_b = 0, best_full = 0;
        for (size_t a = 0; a < nrows; a++) {
            size_t la = re[a] - rs[a];
            if (la < ncols) continue;
            size_t b = a + 1, full = 1, last_full = a + 1;
            while (b < nrows) {
                size_t lb = re[b] - rs[b];
                if (lb > ncols) break;
                if (lb == ncols) full++, last_full = b + 1;
                b++;
            }
            if (full > best_full) best_full = full, best_a = a, best_b = last_full;
            a = last_full - 1;
        }
        if (best_full >= 3) {
            size_t first_tok = re[best_a] - ncols; /* an over-long first row: its last cells */
            vb_block *t = vb_arena_alloc(r->src->arena, sizeof *t);
            t->kind = VB_BLOCK_TABLE;
            t->list_level = -1;
            t->ncols = (uint32_t)ncols;
            t->rows = vb_arena_alloc(r->src->arena, (best_b - best_a) * sizeof *t->rows);
            for (size_t w = best_a; w < best_b; w++) {
                size_t from = w == best_a ? first_tok : rs[w];
                vb_row *row = &t->rows[t->nrows++];
                row->ncells = re[w] - from;
                row->cells = vb_arena_alloc(r->src->arena, row->ncells * sizeof *row->cells);
                row->line = lines[tok[from].first <= tok[from].last ? tok[from].first : tok[from].last].number;
                for (size_t c = 0; c < row->ncells; c++) {
                    vb_cell *cell = &row->cells[c];
                    cell->colspan = cell->rowspan = 1;
                    cell->content = S_bar_cell(r, lines, &tok[from + c]);
                    cell->line = cell->content->line;
                }
                if (row->ncells < ncols) row->cells[row->ncells - 1].colspan = (int)(ncols - row->ncells + 1);
            }
            /* the lines it takes: from the bar before its first cell to
             * the separator after its last row */
            size_t lo = bars[first_tok];
            size_t hi = re[best_b - 1] < ntok ? bars[re[best_b - 1] + 1] : bars[ntok];
            t->line = lines[tok[first_tok].first].number;
            t->line_end = lines[hi].number;
            for (size_t q = lo; q <= hi; q++) r->owner[q] = -2;
            r->owner[lo] = -3; /* where the table is given */
            if (r->ntables == r->captables) {
                r->captables = r->captables ? r->captables * 2 : 8;
                vb_block **grown = realloc(r->tables, r->captables * sizeof *grown);
                if (!grown) abort();
                r->tables = grown;
            }
            r->tables[r->ntables++] = t;
            i = hi;
        } else {
            i = bars[nbars - 1];
        }
        free(rs);
        free(re);
        free(tok);
        free(bars);
    }
}

int vb_extract_text(const char *path, const char *utf8, size_t len, const vb_extract_options *opts,
                    vb_source **out) {
    vb_source *src = vb_source_new(path, "text");
    *out = src;
    src->encoding = "UTF-8";
    size_t max_line = opts && opts->max_line_bytes ? opts->max_line_bytes : DEFAULT_MAX_LINE;
    int size_st = vb_reader_check_size(src, len, opts);
    if (size_st != VB_OK) return size_st;
    if (len >= 3 && memcmp(utf8, "\xEF\xBB\xBF", 3) == 0) utf8 += 3, len -= 3;

    /* the one place invalid UTF-8 is caught: reported, replaced, never dropped */
    vb_buf clean = {0};
    vb_utf8_repair((const unsigned char *)utf8, len, &clean, &src->diags);
    const char *text = clean.data ? clean.data : "";
    len = clean.len;

    /* split into lines: LF, CRLF or lone CR */
    size_t cap = 1024, n = 0;
    line_t *lines = malloc(cap * sizeof *lines);
    if (!lines) abort();
    int number = 1, status = VB_OK;
    for (size_t i = 0; i <= len;) {
        size_t j = i;
        while (j < len && text[j] != '\n' && text[j] != '\r') j++;
        if (j - i > max_line) {
            vb_diag_add(&src->diags, VB_ERROR, number, 0, (long)i, "line-too-long",
                        "line of %zu MiB without a line break exceeds the limit of %zu MiB; "
                        "this does not look like a text document",
                        (j - i) >> 20, max_line >> 20);
            status = VB_ERR_LIMIT;
            break;
        }
        if (n == cap) {
            cap *= 2;
            line_t *grown = realloc(lines, cap * sizeof *lines);
            if (!grown) abort();
            lines = grown;
        }
        lines[n++] = (line_t){text + i, j - i, number++};
        if (j >= len) break;
        i = j + ((text[j] == '\r' && j + 1 < len && text[j + 1] == '\n') ? 2 : 1);
    }

    reader r = {.src = src};
    if (status == VB_OK) {
        /* footnote labels first, so marks in the text can be told from m² */
        size_t nlabels = 0;
        for (size_t i = 0; i < n; i++) {
            char label[16];
            const char *s = lines[i].s;
            size_t l = lines[i].len;
            S_trim(&s, &l);
            if (S_note_paragraph(&(line_t){s, l, 0}, label, sizeof label)) nlabels++;
        }
        r.note_labels = vb_arena_alloc(src->arena, (nlabels + 1) * sizeof *r.note_labels);
        for (size_t i = 0; i < n; i++) {
            char label[16];
            const char *s = lines[i].s;
            size_t l = lines[i].len;
            S_trim(&s, &l);
            if (S_note_paragraph(&(line_t){s, l, 0}, label, sizeof label))
                r.note_labels[r.nnotes++] = vb_arena_strdup(src->arena, label);
        }
        /* notes printed in running text, then their marks in input order */
        r.owner = malloc((n ? n : 1) * sizeof *r.owner);
        if (!r.owner) abort();
        for (size_t i = 0; i < n; i++) r.owner[i] = -1;
        S_plan_bracket_notes(&r, lines, n, '[');
        S_plan_bracket_notes(&r, lines, n, '(');
        S_plan_page_notes(&r, lines, n);
        if (r.nmarks) qsort(r.marks, r.nmarks, sizeof *r.marks, S_mark_order);
        S_plan_bar_tables(&r, lines, n);
        bool prev_blank = true, form_feed = false;
        for (size_t i = 0; i < n;) {
            const char *ff = memchr(lines[i].s, '\f', lines[i].len);
            if (r.owner[i] == -3 && r.next_table < r.ntables) {
                vb_block *t = r.tables[r.next_table++];
                vb_block *b = vb_source_add_block(src, VB_BLOCK_TABLE, t->line);
                b->rows = t->rows;
                b->nrows = t->nrows;
                b->ncols = t->ncols;
                b->line_end = t->line_end;
                if (!prev_blank) b->flags |= VB_BLOCK_NO_BLANK_BEFORE;
                if (form_feed) b->flags |= VB_BLOCK_FORM_FEED;
                form_feed = false;
                prev_blank = false;
                i++;
                continue;
            }
            if (r.owner[i] == -2 || r.owner[i] == -3) {
                i++;
                continue;
            }
            if (r.owner[i] >= 0) {
                /* a note's line: out of the flow; a form feed on it still
                 * starts the next page */
                form_feed |= ff != NULL;
                i++;
                continue;
            }
            if (S_is_blank(&lines[i])) {
                form_feed |= ff != NULL;
                prev_blank = true;
                r.open_style = 0;
                i++;
                continue;
            }
            /* a form feed before the line's text starts its page; one after
             * it, the next line's */
            size_t lead = 0;
            while (lead < lines[i].len && (S_is_space(lines[i].s[lead]) || lines[i].s[lead] == '\f')) lead++;
            bool ff_here = form_feed || (ff && ff < lines[i].s + lead);
            bool ff_next = ff && ff >= lines[i].s + lead;
            if (S_has_tab(&lines[i])) {
                i = S_add_table(&r, lines, n, i, !prev_blank);
            } else {
                S_add_paragraph(&r, &lines[i], !prev_blank);
                i++;
            }
            if (ff_here && r.src->last) r.src->last->flags |= VB_BLOCK_FORM_FEED;
            form_feed = ff_next;
            prev_blank = false;
        }
        S_add_tnotes(&r, lines);
        if (!src->first) {
            vb_diag_add(&src->diags, VB_ERROR, 0, 0, -1, "empty", "the file holds no text");
            status = VB_ERR_EMPTY;
        }
    }
    free(r.owner);
    free(r.tables);
    free(r.marks);
    free(r.tnotes);
    free(lines);
    vb_buf_free(&clean);
    return status;
}
