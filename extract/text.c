/* The text reader: UTF-8 text exports as word processors and converters
 * write them.  One paragraph block per non-blank line (the normalize stage
 * decides whether hard-wrapped lines belong together), tab-separated lines
 * grouped into table blocks, markdown-ish marks (#, **, *, <i>) turned into
 * hints and styles, superscript footnote marks into note references. */
#include "extract.h"

#include <string.h>
#include <stdlib.h>
#include <strings.h>

#define DEFAULT_MAX_INPUT ((size_t)512 << 20)
#define DEFAULT_MAX_LINE ((size_t)4 << 20)

typedef struct {
    const char *s;
    size_t len;
    int number; /* 1-based */
} line_t;

typedef struct {
    vb_source *src;
    unsigned open_style;      /* bold/italic left open at the end of the previous line */
    const char **note_labels; /* labels of footnote paragraphs found in the text */
    size_t nnotes;
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

int vb_extract_text(const char *path, const char *utf8, size_t len, const vb_extract_options *opts,
                    vb_source **out) {
    vb_source *src = vb_source_new(path, "text");
    *out = src;
    src->encoding = "UTF-8";
    size_t max_input = opts && opts->max_input_bytes ? opts->max_input_bytes : DEFAULT_MAX_INPUT;
    if (max_input > VB_MAX_INPUT_BYTES) max_input = VB_MAX_INPUT_BYTES;
    size_t max_line = opts && opts->max_line_bytes ? opts->max_line_bytes : DEFAULT_MAX_LINE;
    if (len > max_input) {
        vb_diag_add(&src->diags, VB_ERROR, 0, 0, -1, "too-large",
                    "input of %zu MiB exceeds the limit of %zu MiB", len >> 20, max_input >> 20);
        return VB_ERR_LIMIT;
    }
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
        bool prev_blank = true, form_feed = false;
        for (size_t i = 0; i < n;) {
            const char *ff = memchr(lines[i].s, '\f', lines[i].len);
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
        if (!src->first) {
            vb_diag_add(&src->diags, VB_ERROR, 0, 0, -1, "empty", "the file holds no text");
            status = VB_ERR_EMPTY;
        }
    }
    free(lines);
    vb_buf_free(&clean);
    return status;
}
