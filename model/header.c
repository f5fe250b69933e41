/* The administrative header of Nghị định 30/2020/NĐ-CP, read off the top of
 * a document: issuing authority, national motto, "Số:" number and code,
 * place and date, document type and title (trích yếu).
 *
 * In a text export of the two-column header the columns are often
 * interleaved on one line ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
 * "Số: 494/KH-UBND Hải Phòng, ngày 20 tháng 8 năm 2024"); the motto, the
 * number and the date are recognised wherever they sit in a line and what is
 * left of them is the other column. */
#include "build_internal.h"
#include "lexicon.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucasemap.h>

/* Notes on field f the repaired words of line l whose text lies in
 * l->text[from, from + len), the value holding that text from offset at. */
static void S_field_repairs(vb_builder *bd, vb_field *f, const vb_line *l, size_t from, size_t len,
                            size_t at) {
    vb_field_repair **tail = &f->repairs;
    while (*tail) tail = &(*tail)->next;
    /* the line's text is its runs' text (a tab for a tab run), less the
     * blanks before it, after the label Word prints */
    size_t raw = 0;
    for (const vb_run *r = l->first; r && r != l->stop; r = r->next) {
        size_t rlen = r->kind == VB_RUN_TEXT ? r->len : r->kind == VB_RUN_TAB ? 1 : 0;
        if (r->kind == VB_RUN_TEXT && (r->repair != VB_REPAIR_NONE || r->needs_review) &&
            raw >= l->lead) {
            size_t start = raw - l->lead + l->prefix;
            if (start >= from && start + r->len <= from + len) {
                vb_field_repair *x = vb_arena_alloc(bd->doc->arena, sizeof *x);
                *x = (vb_field_repair){at + (start - from), r->len, r->original ? r->original : r->text,
                                       r->confidence, (vb_repair_kind)r->repair, r->needs_review, NULL,
                                       NULL, r->word_conf};
                if (r->word_pos) { /* the tree's own copy: the source's arena goes */
                    vb_word_pos *pos = vb_arena_alloc(bd->doc->arena, sizeof *pos);
                    *pos = *r->word_pos;
                    x->word_pos = pos;
                }
                *tail = x;
                tail = &x->next;
            }
        }
        raw += rlen;
    }
}

/* Adds s[0, len) (text of line l) to field f, after sep when it has a value. */
static void S_append_field(vb_builder *bd, vb_field *f, const vb_line *l, const char *s, size_t len,
                           const char *sep) {
    /* a "**" of markdown left unpaired by an export is no part of a field */
    while (len && (s[0] == ' ' || s[0] == '\t' || s[0] == '*')) s++, len--;
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '*')) len--;
    if (!len) return;
    size_t at = 0;
    if (!f->value) {
        f->value = vb_arena_strndup(bd->doc->arena, s, len);
        f->line = l->line;
    } else {
        at = strlen(f->value) + strlen(sep);
        f->value = vb_arena_printf(bd->doc->arena, "%s%s%.*s", f->value, sep, (int)len, s);
    }
    S_field_repairs(bd, f, l, (size_t)(s - l->text), len, at);
}

/* Sets field f to s[0, len) (text of line l), as it is. */
static void S_set_field(vb_builder *bd, vb_field *f, const vb_line *l, const char *s, size_t len) {
    *f = (vb_field){vb_arena_strndup(bd->doc->arena, s, len), l->line, NULL};
    S_field_repairs(bd, f, l, (size_t)(s - l->text), len, 0);
}

/* Mostly capitals: an authority or a type line. */
static bool S_mostly_upper(const char *s, size_t len) {
    size_t upper, lower;
    vb_count_case(s, len, &upper, &lower);
    return upper >= 2 && lower * 5 <= upper;
}

/* Keeps a rule s[from, to) of line l that no field takes ("_____" under
 * the title, a "_" OCR read for the line under the authority) as printed,
 * so that the XML keeps it; a piece without a dash or an underscore ("|",
 * "*", blanks) is no rule. */
static void S_rule(vb_builder *bd, const vb_line *l, size_t from, size_t to) {
    while (from < to && strchr(" \t", l->text[from])) from++;
    while (to > from && strchr(" \t", l->text[to - 1])) to--;
    if (from >= to) return;
    vb_pat_match m;
    bool rule = memchr(l->text + from, '_', to - from) || memchr(l->text + from, '-', to - from) ||
                vb_pat_match_text(VB_PAT_SEPARATOR, l->text + from, to - from, &m);
    if (!rule) return;
    vb_meta *meta = &bd->doc->meta;
    if (meta->nrules == 32) return;
    if (!meta->rules) meta->rules = vb_arena_alloc(bd->doc->arena, 32 * sizeof *meta->rules);
    meta->rules[meta->nrules++] = (vb_field){vb_arena_strndup(bd->doc->arena, l->text + from, to - from), l->line,
                                             NULL};
}

/* Keeps the text [from, to) of a header line in the body. */
static void S_leftover(vb_builder *bd, const vb_line *l, size_t from, size_t to) {
    while (from < to && (l->text[from] == ' ' || l->text[from] == '\t')) from++;
    /* the "|" between the cells of a flattened layout table, the rule under
     * a field, a "*" of markdown left unpaired are no text (a rule is kept
     * apart) */
    size_t k = from;
    while (k < to && strchr(" \t|-_*", l->text[k])) k++;
    if (k >= to) {
        S_rule(bd, l, from, to);
        return;
    }
    if (from >= to || bd->npreamble >= 64) return;
    bd->preamble[bd->npreamble].line = l;
    bd->preamble[bd->npreamble].from = from;
    bd->preamble[bd->npreamble].to = to;
    bd->npreamble++;
}

/* Place and date in s[from, to) of line l; what is around them is
 * authority (in capitals, left of the date) or left over. */
static bool S_place_date(vb_builder *bd, const vb_line *l, size_t from, size_t to, bool left_is_authority) {
    vb_meta *meta = &bd->doc->meta;
    vb_pat_match m;
    const char *s = l->text + from;
    size_t len = to - from;
    if (!vb_pat_match_text(VB_PAT_PLACE_DATE, s, len, &m)) return false;
    vb_arena *a = bd->doc->arena;
    if (m.start) {
        if (left_is_authority && S_mostly_upper(s, m.start))
            S_append_field(bd, &meta->authority, l, s, m.start, "\n");
        else
            S_leftover(bd, l, from, from + m.start);
    }
    S_append_field(bd, &meta->place, l, s + m.group_start[1], m.group_end[1] - m.group_start[1], " ");
    /* the date as printed starts at "ngày" */
    size_t date_from = m.group_end[1];
    while (date_from < m.end && (s[date_from] == ',' || s[date_from] == ' ')) date_from++;
    S_set_field(bd, &meta->date, l, s + date_from, m.end - date_from);
    const char *d = vb_pat_group(a, s, &m, 2), *mo = vb_pat_group(a, s, &m, 3),
               *y = vb_pat_group(a, s, &m, 4);
    meta->day = d ? atoi(d) : 0;
    meta->month = mo ? atoi(mo) : 0;
    meta->year = y ? atoi(y) : 0;
    if (meta->month < 1 || meta->month > 12) meta->month = 0, meta->day = 0;
    if (meta->day < 1 || meta->day > 31) meta->day = 0;
    S_leftover(bd, l, from + m.end, to);
    return true;
}

/* The bytes of type line l that hold the type: no "*", ":" or blanks after. */
static size_t S_type_len(const vb_line *l) {
    size_t len = l->len;
    while (len && strchr(" \t*:", l->text[len - 1])) len--;
    return len;
}

/* The type line: a type name alone on its line in capitals, as the pattern
 * finds it, or a type name whose marks OCR confused ("QUYÉT ĐỊNH" for
 * QUYẾT ĐỊNH: a mark lost or misread), as the lexicon's matcher finds it,
 * in capitals and no small letter. */
static const vb_lex_doc_type *S_loose_type(const vb_line *l) {
    size_t len = S_type_len(l), upper, lower;
    if (!len || len > 60) return NULL;
    vb_count_case(l->text, len, &upper, &lower);
    if (lower || upper < 4) return NULL;
    return vb_lex_doc_type_of(l->text, len);
}

bool vb_header_type_line(const vb_line *l) {
    vb_pat_match m;
    return vb_pat_match_text(VB_PAT_DOC_TYPE, l->text, l->len, &m) || S_loose_type(l);
}

/* "Số: II /2026/QĐ-UBND": OCR read the digits 1 and 0 of the number as
 * the letters I, l, | and O.  A copy of s[0, len) with them read back as
 * digits (the same bytes long), and in *at, *n where they are; NULL when
 * the number has no such letter. */
static char *S_ocr_number(vb_builder *bd, const char *s, size_t len, size_t *at, size_t *n) {
    size_t k = vb_lex_match(s, len, "số");
    if (!k) return NULL;
    while (k < len && (s[k] == ' ' || s[k] == '\t')) k++;
    if (k >= len || s[k] != ':') return NULL;
    k++;
    while (k < len && (s[k] == ' ' || s[k] == '\t')) k++;
    size_t from = k, letters = 0;
    while (k < len && k - from < 6 && strchr("0123456789IlO|", s[k])) letters += !(s[k] >= '0' && s[k] <= '9'), k++;
    size_t to = k;
    while (k < len && s[k] == ' ') k++;
    if (!letters || to == from || k >= len || s[k] != '/') return NULL;
    char *fixed = vb_arena_strndup(bd->doc->arena, s, len);
    for (size_t i = from; i < to; i++)
        if (fixed[i] == 'O') fixed[i] = '0';
        else if (fixed[i] < '0' || fixed[i] > '9') fixed[i] = '1';
    *at = from;
    *n = to - from;
    return fixed;
}

/* One line of the header region: every field found in it; the rest goes to
 * the authority (in capitals) or stays as text of the body. */
static void S_header_line(vb_builder *bd, const vb_line *l) {
    vb_meta *meta = &bd->doc->meta;
    const char *s = l->text;
    size_t len = l->len;
    vb_pat_match m;
    if (vb_pat_match_text(VB_PAT_SEPARATOR, s, len, &m)) {
        S_rule(bd, l, 0, len);
        return;
    }
    bool used = false;
    size_t rest = 0;
    for (int k = 0; k < 2; k++) {
        vb_pattern_id id = k ? VB_PAT_MOTTO2 : VB_PAT_MOTTO1_LOOSE;
        if (!vb_pat_match_text(id, s, len, &m)) continue;
        S_append_field(bd, &meta->motto, l, s + m.start, m.end - m.start, "\n");
        /* the authority column on the left, anything on the right of the motto */
        /* the rule under the authority read by OCR as a "_" before the gap is no part of it */
        size_t left_end = m.start;
        while (left_end > rest && strchr(" \t_", s[left_end - 1])) left_end--;
        S_rule(bd, l, left_end, m.start);
        if (left_end > rest) S_append_field(bd, &meta->authority, l, s + rest, left_end - rest, "\n");
        rest = m.end;
        used = true;
    }
    if (used) {
        if (rest < len && S_mostly_upper(s + rest, len - rest))
            S_append_field(bd, &meta->authority, l, s + rest, len - rest, "\n");
        else
            S_leftover(bd, l, rest, len);
        return;
    }
    size_t misread_at = 0, misread = 0;
    const char *read_back = S_ocr_number(bd, s, len, &misread_at, &misread);
    if (read_back) s = read_back;
    if (vb_pat_match_text(VB_PAT_NUMBER, s, len, &m)) {
        vb_arena *a = bd->doc->arena;
        const char *num = vb_pat_group(a, s, &m, 1);
        const char *code = vb_pat_group(a, s, &m, 2);
        /* "494 /KH - UBND" is printed "494/KH-UBND" */
        vb_buf c = {0};
        for (const char *p = code; *p; p++)
            if (*p != ' ') vb_buf_putc(&c, *p);
        meta->code = vb_arena_strndup(a, c.data ? c.data : "", c.len);
        vb_buf_free(&c);
        meta->number_value = num && *num ? num : NULL;
        /* the label as printed ("Số:", "Luật số:") is text of the page */
        size_t label = m.group_start[1];
        while (label && (s[label - 1] == ' ' || s[label - 1] == '\t')) label--;
        meta->number_label = label ? vb_arena_strndup(a, l->text, label) : NULL;
        meta->number = (vb_field){vb_arena_printf(a, "%s/%s", num ? num : "", meta->code), l->line, NULL};
        /* as printed (no blanks taken out): its repaired words ("QD" -> "QĐ") */
        size_t printed = m.group_end[2] - m.group_start[1];
        if (m.group_start[1] < m.group_end[2] && printed == strlen(meta->number.value) &&
            memcmp(s + m.group_start[1], meta->number.value, printed) == 0)
            S_field_repairs(bd, &meta->number, l, m.group_start[1], printed, 0);
        if (read_back && misread_at == m.group_start[1]) {
            vb_field_repair *x = vb_arena_alloc(a, sizeof *x);
            *x = (vb_field_repair){0, misread, vb_arena_strndup(a, l->text + misread_at, misread), 1.0f,
                                   VB_REPAIR_CODE, false, meta->number.repairs, NULL, 0};
            meta->number.repairs = x;
        }
        if (m.end < len && !S_place_date(bd, l, m.end, len, false)) S_leftover(bd, l, m.end, len);
        return;
    }
    if (S_place_date(bd, l, 0, len, true)) return;
    if (len < 150 && S_mostly_upper(s, len)) {
        S_append_field(bd, &meta->authority, l, s, len, "\n");
        return;
    }
    S_leftover(bd, l, 0, len);
}

/* A line of the header that can only be the authority: in capitals, with no
 * motto, number or date in it. */
static bool S_plain_authority(const vb_line *l) {
    vb_pat_match m;
    return l->len && l->len < 150 && S_mostly_upper(l->text, l->len) &&
           !vb_pat_match_text(VB_PAT_SEPARATOR, l->text, l->len, &m) &&
           !vb_pat_match_text(VB_PAT_MOTTO1_LOOSE, l->text, l->len, &m) &&
           !vb_pat_match_text(VB_PAT_MOTTO2, l->text, l->len, &m) &&
           !vb_pat_match_text(VB_PAT_NUMBER, l->text, l->len, &m) &&
           !vb_pat_match_text(VB_PAT_PLACE_DATE, l->text, l->len, &m);
}

/* The words of lines[from, to) joined by single blanks. */
static void S_joined(const vb_line *lines, size_t from, size_t to, vb_buf *out) {
    vb_buf_clear(out);
    for (size_t i = from; i < to; i++) {
        const vb_line *l = &lines[i];
        for (size_t k = 0; k < l->len; k++) {
            bool space = l->text[k] == ' ' || l->text[k] == '\t';
            if (space || out->len == 0 || k == 0) {
                if (out->len && out->data[out->len - 1] != ' ') vb_buf_putc(out, ' ');
                if (space) continue;
            }
            vb_buf_putc(out, l->text[k]);
        }
    }
    while (out->len && out->data[out->len - 1] == ' ') out->data[--out->len] = '\0';
}

/* The official gazette prints a banner above the header of each text: its
 * section ("VĂN BẢN QUY PHẠM PHÁP LUẬT", "VĂN BẢN PHÁP LUẬT KHÁC", "VĂN BẢN
 * HỢP NHẤT -") and the issuing body on one line, which the header then prints
 * again in its own lines.  The banner is no part of the authority: its lines
 * go to the preamble, and the line where the header proper starts is
 * returned (0 when there is no banner). */
static size_t S_gazette_banner(vb_builder *bd, size_t region_end) {
    size_t i = 0, end = 0;
    vb_pat_match m;
    const vb_line *issuer_line = NULL; /* the banner's copy of the issuer on its own line */
    size_t issuer_from = 0;
    for (;;) {
        while (i < region_end && !bd->lines[i].len) i++;
        if (i >= region_end || !vb_pat_match_text(VB_PAT_BANNER, bd->lines[i].text, bd->lines[i].len, &m))
            break;
        const vb_line *l = &bd->lines[i];
        if (m.end < l->len) { /* "VĂN BẢN HỢP NHẤT - BỘ TÀI CHÍNH": the issuer on the same line */
            S_leftover(bd, l, 0, m.end);
            issuer_line = l;
            issuer_from = m.end;
        } else {
            S_leftover(bd, l, 0, l->len);
        }
        end = ++i;
    }
    size_t plain[8], n = 0;
    for (size_t k = i; k < region_end && n < 8; k++) {
        if (!bd->lines[k].len) continue;
        if (!S_plain_authority(&bd->lines[k])) break;
        plain[n++] = k;
    }
    /* the issuing body twice, first on one line: the first is the banner's */
    vb_buf first = {0}, rest = {0};
    size_t from_plain = 0;
    if (issuer_line) {
        S_joined(&(vb_line){.text = issuer_line->text + issuer_from,
                                .len = issuer_line->len - issuer_from}, 0, 1, &first);
    } else if (n >= 2) {
        S_joined(bd->lines, plain[0], plain[0] + 1, &first);
        from_plain = 1;
    }
    bool repeated = false;
    for (size_t k = from_plain; first.len && k < n && !repeated; k++) {
        S_joined(bd->lines, plain[from_plain], plain[k] + 1, &rest);
        repeated = rest.len == first.len && memcmp(first.data, rest.data, first.len) == 0;
    }
    if (issuer_line) {
        if (repeated) S_leftover(bd, issuer_line, issuer_from, issuer_line->len);
        else S_header_line(bd, &(vb_line){.text = issuer_line->text + issuer_from,
                                          .len = issuer_line->len - issuer_from,
                                          .line = issuer_line->line, .block = issuer_line->block});
    } else if (repeated) {
        S_leftover(bd, &bd->lines[plain[0]], 0, bd->lines[plain[0]].len);
        end = plain[0] + 1;
    }
    vb_buf_free(&first);
    vb_buf_free(&rest);
    return end;
}

/* Two paragraphs of a Word file printed alike: centred or bold both. */
static bool S_same_look(const vb_line *a, const vb_line *b) {
    unsigned look = VB_BLOCK_CENTERED | VB_BLOCK_ALL_BOLD;
    return a && a->block != b->block && (a->block->flags & look) &&
           (a->block->flags & look) == (b->block->flags & look);
}

/* A line that holds a field of the header of its own. */
static bool S_field_line(const vb_line *l) {
    vb_pat_match m;
    return vb_pat_match_text(VB_PAT_SEPARATOR, l->text, l->len, &m) ||
           vb_pat_match_text(VB_PAT_MOTTO1_LOOSE, l->text, l->len, &m) ||
           vb_pat_match_text(VB_PAT_MOTTO2, l->text, l->len, &m) ||
           vb_pat_match_text(VB_PAT_NUMBER, l->text, l->len, &m) ||
           vb_pat_match_text(VB_PAT_PLACE_DATE, l->text, l->len, &m);
}

/* One addressee: s[0, len) of line l without its dash and the ';' or '.'
 * that ends it. */
static void S_addressee(vb_builder *bd, const vb_line *l, const char *s, size_t len) {
    vb_pat_match m;
    if (vb_pat_match_text(VB_PAT_LIST_ITEM, s, len, &m)) s += m.end, len -= m.end;
    while (len && (s[0] == ' ' || s[0] == '\t')) s++, len--;
    if (!len) return;
    vb_meta *meta = &bd->doc->meta;
    if (meta->naddressees == 64) return;
    if (!meta->addressees) meta->addressees = vb_arena_alloc(bd->doc->arena, 64 * sizeof *meta->addressees);
    vb_field *f = &meta->addressees[meta->naddressees++];
    *f = (vb_field){0};
    S_append_field(bd, f, l, s, len, " ");
}

/* The ';' or '.' that ends each addressee is no part of it. */
static void S_trim_addressees(vb_builder *bd) {
    vb_meta *meta = &bd->doc->meta;
    for (size_t i = 0; i < meta->naddressees; i++) {
        vb_field *f = &meta->addressees[i];
        size_t len = strlen(f->value);
        while (len && (f->value[len - 1] == ' ' || f->value[len - 1] == ';' || f->value[len - 1] == '.' ||
                       f->value[len - 1] == ','))
            len--;
        if (len < strlen(f->value)) f->value = vb_arena_strndup(bd->doc->arena, f->value, len);
    }
}

static bool S_ends_enumeration(const char *s, size_t len) {
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t')) len--;
    return !len || (s[len - 1] != ';' && s[len - 1] != ',');
}

/* "Kính gửi:" at line i (after blanks) and its addressees: on its line, in
 * the other column of its layout table, or in the dashed lines that follow
 * while each ends with ';'.  Returns the line after them (i when none). */
static size_t S_addressees(vb_builder *bd, size_t i) {
    /* a few lines the header left (a "V/v" wrapped into the number's line
     * of a text export) may come before it: they stay in the body */
    size_t k = i, between = 0;
    vb_pat_match m;
    vb_label lab;
    for (; k < bd->nlines; k++) {
        const vb_line *l = &bd->lines[k];
        if (l->block->kind != VB_BLOCK_PARAGRAPH) return i;
        if (!l->len) continue;
        if (vb_lex_addressee_mark(l->text, l->len)) break;
        if (++between > 4 || l->len > 400 || vb_label_match(bd, l->text, l->len, &lab) ||
            vb_header_type_line(l) ||
            vb_pat_match_text(VB_PAT_BODY_START, l->text, l->len, &m))
            return i;
    }
    if (k >= bd->nlines) return i;
    for (size_t j = i; j < k; j++)
        if (bd->lines[j].len) S_leftover(bd, &bd->lines[j], 0, bd->lines[j].len);
    const vb_line *kg = &bd->lines[k];
    size_t at = vb_lex_addressee_mark(kg->text, kg->len);
    /* the mark is kept as printed: nothing of the page is lost */
    size_t mark = at;
    while (mark && (kg->text[mark - 1] == ' ' || kg->text[mark - 1] == '\t')) mark--;
    if (mark && !bd->doc->meta.addressees_label)
        bd->doc->meta.addressees_label = vb_arena_strndup(bd->doc->arena, kg->text, mark);
    S_addressee(bd, kg, kg->text + at, kg->len - at);
    bool more = at >= kg->len || !S_ends_enumeration(kg->text, kg->len);
    k++;
    if (kg->layout) {
        bool dashed = false;
        while (k < bd->nlines && bd->lines[k].layout == kg->layout) {
            const vb_line *l = &bd->lines[k++];
            if (!l->len) continue;
            bool dash = vb_pat_match_text(VB_PAT_LIST_ITEM, l->text, l->len, &m);
            vb_meta *meta = &bd->doc->meta;
            /* an addressee wrapped at a soft break goes on without a dash */
            if (dashed && !dash && meta->naddressees &&
                !S_ends_enumeration(meta->addressees[meta->naddressees - 1].value,
                                    strlen(meta->addressees[meta->naddressees - 1].value)))
                S_append_field(bd, &meta->addressees[meta->naddressees - 1], l, l->text, l->len, " ");
            else
                S_addressee(bd, l, l->text, l->len);
            dashed |= dash;
        }
        S_trim_addressees(bd);
        return k;
    }
    bool first = at >= kg->len;
    while (more && k < bd->nlines) {
        const vb_line *l = &bd->lines[k];
        if (l->block->kind != VB_BLOCK_PARAGRAPH || l->len > 200) break;
        /* a bare "|" left of a flattened table of the export */
        if (!l->len || (l->len == 1 && l->text[0] == '|')) {
            k++;
            continue;
        }
        /* "Kính gửi:" alone, then one addressee with no dash */
        if (!vb_pat_match_text(VB_PAT_LIST_ITEM, l->text, l->len, &m) && !(first && l->len < 150))
            break;
        S_addressee(bd, l, l->text, l->len);
        more = !S_ends_enumeration(l->text, l->len);
        first = false;
        k++;
    }
    /* the "|" that closes the cell of the addressees */
    while (k < bd->nlines && bd->lines[k].block->kind == VB_BLOCK_PARAGRAPH && bd->lines[k].len == 1 &&
           bd->lines[k].text[0] == '|')
        k++;
    S_trim_addressees(bd);
    return k;
}

static bool S_starts_body(vb_builder *bd, const vb_line *l) {
    vb_pat_match m;
    vb_label lab;
    if (l->block->kind != VB_BLOCK_PARAGRAPH) return true;
    if (vb_pat_match_text(VB_PAT_BODY_START, l->text, l->len, &m)) return true;
    if (vb_pat_match_text(VB_PAT_LIST_ITEM, l->text, l->len, &m)) return true;
    return vb_label_match(bd, l->text, l->len, &lab);
}

/* A line that is a bare "|": the cell boundary of a table flattened by a
 * website export (each cell of the form's layout table printed as its own
 * lines between "|" lines). */
static bool S_bar(const vb_line *l) {
    if (l->len == 1 && l->text[0] == '|') return true;
    /* "* *": the marks of an emphasis left empty by the export, no text */
    size_t k = 0;
    while (k < l->len && (l->text[k] == '*' || l->text[k] == ' ')) k++;
    return l->len >= 2 && k == l->len;
}

/* s[0, len) without blanks, into out. */
static void S_compact(const char *s, size_t len, vb_buf *out) {
    vb_buf_clear(out);
    for (size_t k = 0; k < len; k++)
        if (s[k] != ' ' && s[k] != '\t' && s[k] != '\n' && s[k] != '*') vb_buf_putc(out, s[k]);
}

/* Bytes of s[0, len) that hold the first n bytes of its compact text
 * (S_compact), or len + 1 when it has fewer. */
static size_t S_compact_span(const char *s, size_t len, size_t n) {
    size_t k = 0;
    for (; k < len && n; k++)
        if (s[k] != ' ' && s[k] != '\t' && s[k] != '\n' && s[k] != '*') n--;
    return n ? len + 1 : k;
}

/* Where the enacting line starts in title line l ("... NĂM 2026 ỦY BAN NHÂN
 * DÂN TỈNH BẮC NINH", "... PHÚ THỌ CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ",
 * "... CỦA ĐẢNG THỦ TƯỚNG CHÍNH PHỦ điện:"), the lines of the export joined
 * as one: at a word that starts an office before the authority, or the
 * authority followed by lower-case words, or the authority ending the line
 * when the body comes next.  l->len when there is none. */
static size_t S_enacting_at(vb_builder *bd, const vb_line *l, size_t next) {
    const char *auth = bd->doc->meta.authority.value;
    if (!auth) return l->len;
    vb_buf a = {0}, r = {0};
    S_compact(auth, strlen(auth), &a);
    size_t cut = l->len;
    while (next < bd->nlines && !bd->lines[next].len && bd->lines[next].block->kind == VB_BLOCK_PARAGRAPH) next++;
    bool body_next = next >= bd->nlines || S_starts_body(bd, &bd->lines[next]) ||
                     !S_mostly_upper(bd->lines[next].text, bd->lines[next].len);
    for (size_t p = 0; a.len >= 6 && p < l->len; p++) {
        if (p && l->text[p - 1] != ' ') continue;
        if (l->text[p] == ' ') continue;
        const char *t = l->text + p;
        size_t tlen = l->len - p;
        S_compact(t, tlen, &r);
        if (r.len < a.len) break;
        /* the office, then the authority */
        size_t office = vb_lex_match_any(t, tlen, vb_lex_signer_offices, NULL);
        if (office) {
            vb_buf o = {0};
            S_compact(t + office, tlen - office, &o);
            bool same = o.len == a.len && memcmp(o.data, a.data, a.len) == 0;
            vb_buf_free(&o);
            if (same) {
                cut = p;
                break;
            }
        }
        if (memcmp(r.data, a.data, a.len) != 0) continue;
        if (r.len == a.len) {
            /* "… CỦA BỘ QUỐC PHÒNG": the authority named as the title's
             * object is part of it */
            if (body_next && !vb_lex_ends_with_connective(l->text, p)) cut = p;
            break;
        }
        /* the authority, then words in lower case ("điện:") */
        size_t after = S_compact_span(t, tlen, a.len);
        if (after < tlen && !S_mostly_upper(t + after, tlen - after)) {
            cut = p;
            break;
        }
    }
    vb_buf_free(&a);
    vb_buf_free(&r);
    return cut;
}

/* The lines [from, to) of one cell of a flattened layout table, read as
 * printed: wrapped lines of the motto, of "Số:" and its number, of the
 * place and date are one field; a "V/v" line and those after it are the
 * trích yếu.  Other lines are read one by one. */
/* the "V/v" (or "V/V:") a công văn prints before its trích yếu, as printed,
 * so that the record keeps every word of the input */
static void S_keep_title_label(vb_builder *bd, const char *s, size_t mark) {
    while (mark && (s[mark - 1] == ' ' || s[mark - 1] == '\t')) mark--;
    if (mark && !bd->doc->meta.title_label)
        bd->doc->meta.title_label = vb_arena_strndup(bd->doc->arena, s, mark);
}

static void S_cell(vb_builder *bd, size_t from, size_t to) {
    vb_meta *meta = &bd->doc->meta;
    vb_pat_match m;
    size_t subj = to;
    for (size_t i = from; i < to; i++)
        if (bd->lines[i].len && vb_lex_vv_mark(bd->lines[i].text, bd->lines[i].len)) {
            subj = i;
            break;
        }
    /* the trích yếu printed under the number without "V/v" ("Về hướng dẫn
     * ..."): the lines of the number's cell after the number */
    if (subj == to) {
        vb_buf j = {0};
        for (size_t i = from; i + 1 < to && subj == to; i++) {
            const vb_line *l = &bd->lines[i];
            if (!l->len) continue;
            if (j.len) vb_buf_putc(&j, ' ');
            vb_buf_append(&j, l->text, l->len);
            if (vb_pat_match_text(VB_PAT_NUMBER, j.data, j.len, &m) && m.end == j.len &&
                !vb_pat_match_text(VB_PAT_PLACE_DATE, bd->lines[i + 1].text, bd->lines[i + 1].len, &m) &&
                !S_field_line(&bd->lines[i + 1]))
                subj = i + 1;
        }
        vb_buf_free(&j);
    }
    for (size_t i = subj; i < to; i++) {
        const vb_line *l = &bd->lines[i];
        size_t at = i == subj ? vb_lex_vv_mark(l->text, l->len) : 0;
        if (at) S_keep_title_label(bd, l->text, at);
        if (l->len > at) S_append_field(bd, &meta->title, l, l->text + at, l->len - at, " ");
    }
    size_t n = 0;
    for (size_t i = from; i < subj; i++)
        if (bd->lines[i].len && !vb_pat_match_text(VB_PAT_SEPARATOR, bd->lines[i].text, bd->lines[i].len, &m)) n++;
    if (n >= 2) {
        vb_buf j = {0};
        size_t last = from;
        for (size_t i = from; i < subj; i++) {
            const vb_line *l = &bd->lines[i];
            if (!l->len || vb_pat_match_text(VB_PAT_SEPARATOR, l->text, l->len, &m)) continue;
            if (j.len) vb_buf_putc(&j, ' ');
            vb_buf_append(&j, l->text, l->len);
            last = i;
        }
        bool field = vb_pat_match_text(VB_PAT_MOTTO1_LOOSE, j.data, j.len, &m) ||
                     vb_pat_match_text(VB_PAT_NUMBER, j.data, j.len, &m) ||
                     vb_pat_match_text(VB_PAT_PLACE_DATE, j.data, j.len, &m);
        if (field) {
            vb_line *joined = vb_arena_alloc(bd->doc->arena, sizeof *joined);
            *joined = bd->lines[last];
            joined->first = joined->stop = NULL;
            joined->text = vb_arena_strndup(bd->doc->arena, j.data, j.len);
            joined->len = j.len;
            joined->lead = joined->prefix = joined->style_break = 0;
            for (size_t i = from; i < subj; i++)
                if (bd->lines[i].len) {
                    joined->line = bd->lines[i].line;
                    break;
                }
            vb_buf_free(&j);
            /* read as one line only when all of it is the form's: no text
             * of the joined line may be left for the body */
            vb_meta saved = *meta;
            size_t npreamble = bd->npreamble;
            S_header_line(bd, joined);
            if (bd->npreamble == npreamble) return;
            *meta = saved;
            bd->npreamble = npreamble;
            goto one_by_one;
        }
        vb_buf_free(&j);
    }
one_by_one:
    for (size_t i = from; i < subj; i++)
        if (bd->lines[i].len) S_header_line(bd, &bd->lines[i]);
}

/* A lone letter inside the title that OCR read from a speck ("một số ổ
 * điều"): a normative act restates its title in its enacting line
 * ("Chính phủ ban hành Nghị định quy định chi tiết một số điều ..."), so
 * a letter is dropped when the title without it is found there and with it
 * is not; the letter is kept as the original of an empty repair.  Returns
 * whether the title was found in e[0..elen). */
static bool S_title_speck_in(vb_builder *bd, const char *e, size_t elen) {
    vb_field *t = &bd->doc->meta.title;
    const char *v = t->value;
    size_t vlen = strlen(v), dummy;
    if (vb_lex_find(e, elen, v, &dummy) != SIZE_MAX) return true;
    for (size_t i = 1; i + 1 < vlen; i++) {
        if (v[i - 1] != ' ') continue;
        uint32_t cp;
        int k = vb_utf8_decode((const unsigned char *)v + i, vlen - i, &cp);
        if (k <= 0 || i + (size_t)k >= vlen || v[i + k] != ' ' || !u_isalpha((UChar32)cp)) continue;
        /* the title without the letter and the blank after it */
        vb_arena *a = bd->doc->arena;
        char *cut = vb_arena_printf(a, "%.*s%s", (int)i, v, v + i + k + 1);
        if (vb_lex_find(e, elen, cut, &dummy) == SIZE_MAX) continue;
        size_t gone = (size_t)k + 1;
        /* a repair of the letter itself goes with it; those after it move */
        vb_field_repair **tail = &t->repairs;
        while (*tail) {
            vb_field_repair *r = *tail;
            if (r->start >= i && r->start < i + gone) {
                *tail = r->next;
                continue;
            }
            if (r->start >= i + gone) r->start -= gone;
            tail = &r->next;
        }
        tail = &t->repairs;
        while (*tail && (*tail)->start < i) tail = &(*tail)->next;
        vb_field_repair *x = vb_arena_alloc(a, sizeof *x);
        *x = (vb_field_repair){i, 0, vb_arena_strndup(a, v + i, gone), 1.0f, VB_REPAIR_SPELLING, false, *tail,
                               NULL, 0};
        *tail = x;
        t->value = cut;
        return true;
    }
    return false;
}

/* Reads the enacting line among lines [from, to): the first line that
 * says "ban hành" and restates the title after it. */
static void S_title_specks(vb_builder *bd, size_t from, size_t to) {
    if (!bd->doc->meta.title.value || !bd->doc->meta.type.value) return;
    for (size_t k = from; k < to && k < bd->nlines; k++) {
        const vb_line *l = &bd->lines[k];
        if (l->block->kind != VB_BLOCK_PARAGRAPH || !l->len) continue;
        size_t n = 0, at = vb_lex_find(l->text, l->len, "ban hành", &n);
        if (at != SIZE_MAX && S_title_speck_in(bd, l->text + at + n, l->len - at - n)) return;
    }
}

/* Độ mật, độ khẩn and "DỰ THẢO" (Nghị định 30/2020, Điều 8 and Phụ lục I)
 * where the header prints them: a line, a cell's line, or one column of a
 * two-column line (a run of three blanks or a tab between them) that is
 * nothing but such marks; "Khẩn trương" or "Dự thảo Quyết định" in a line
 * are words.  Each mark goes to its field (a second mark of a kind stays
 * text); the other column of a two-column line is read as a header line.
 * Returns whether l held marks. */
static bool S_doc_marks(vb_builder *bd, const vb_line *l) {
    vb_lex_doc_mark marks[4];
    size_t n = vb_lex_doc_marks(l->text, l->len, marks, 4), from = 0, to = l->len;
    bool split = false;
    if (!n) {
        /* one column of a two-column line */
        size_t gap = 0, next = 0;
        for (size_t i = 0; i < l->len && !next; i++) {
            if (l->text[i] != ' ' && l->text[i] != '\t') continue;
            size_t j = i;
            bool tab = false;
            while (j < l->len && (l->text[j] == ' ' || l->text[j] == '\t')) tab |= l->text[j++] == '\t';
            if ((j - i >= 3 || tab) && i > 0 && j < l->len) gap = i, next = j;
            i = j;
        }
        if (!next) return false;
        if ((n = vb_lex_doc_marks(l->text, gap, marks, 4))) {
            from = next, to = l->len, split = true;
        } else if ((n = vb_lex_doc_marks(l->text + next, l->len - next, marks, 4))) {
            for (size_t k = 0; k < n; k++) marks[k].start += next, marks[k].round_start += next;
            from = 0, to = gap, split = true;
        } else {
            return false;
        }
    }
    if (n > 4) return false; /* a row of marks is no stamp */
    vb_meta *meta = &bd->doc->meta;
    for (size_t k = 0; k < n; k++) {
        const vb_lex_doc_mark *mk = &marks[k];
        vb_field *f = mk->kind == VB_LEX_DOC_MARK_SECRECY   ? &meta->secrecy
                      : mk->kind == VB_LEX_DOC_MARK_URGENCY ? &meta->urgency
                                                            : &meta->draft;
        if (f->value) {
            S_leftover(bd, l, mk->start, mk->start + mk->len);
            continue;
        }
        S_set_field(bd, f, l, l->text + mk->start, mk->len);
        if (mk->kind == VB_LEX_DOC_MARK_SECRECY) meta->secrecy_level = mk->level;
        else if (mk->kind == VB_LEX_DOC_MARK_URGENCY) meta->urgency_level = mk->level;
        else if (mk->round_len)
            meta->draft_round = vb_arena_strndup(bd->doc->arena, l->text + mk->round_start, mk->round_len);
    }
    if (split) {
        /* kept by the body's pieces (S_leftover): lives in the arena */
        vb_line *piece = vb_arena_alloc(bd->doc->arena, sizeof *piece);
        *piece = *l;
        while (to > from && (l->text[to - 1] == ' ' || l->text[to - 1] == '\t')) to--;
        piece->text = l->text + from;
        piece->len = to - from;
        if (from) {
            piece->lead = l->lead + from - l->prefix;
            piece->prefix = 0;
        }
        S_header_line(bd, piece);
    }
    return true;
}

size_t vb_build_header(vb_builder *bd) {
    vb_meta *meta = &bd->doc->meta;
    bd->preamble = vb_arena_alloc(bd->doc->arena, 64 * sizeof *bd->preamble);
    vb_pat_match m;
    size_t type_at = SIZE_MAX, region_end = 0;
    int seen = 0;
    for (size_t i = 0; i < bd->nlines && seen < 16; i++) {
        const vb_line *l = &bd->lines[i];
        if (l->block->kind != VB_BLOCK_PARAGRAPH) break;
        if (!l->len) continue;
        if (vb_lex_addressee_mark(l->text, l->len)) break;
        if (l->layout) continue; /* a cell of the header's layout table */
        if (S_bar(l) || vb_pat_match_text(VB_PAT_SEPARATOR, l->text, l->len, &m)) continue;
        seen++;
        if (vb_header_type_line(l)) {
            type_at = i;
            break;
        }
        if (S_starts_body(bd, l)) break;
    }
    if (type_at != SIZE_MAX) {
        region_end = type_at;
    } else {
        /* no type line: a header only if its fields are there */
        bool fields = false;
        size_t i = 0;
        for (seen = 0; i < bd->nlines && seen < 12; i++) {
            const vb_line *l = &bd->lines[i];
            if (!l->len && l->block->kind == VB_BLOCK_PARAGRAPH) continue;
            if (l->block->kind == VB_BLOCK_PARAGRAPH && vb_lex_addressee_mark(l->text, l->len)) break;
            if (l->layout) { /* a layout table with the header's fields */
                fields = true;
                continue;
            }
            if (S_bar(l) || vb_pat_match_text(VB_PAT_SEPARATOR, l->text, l->len, &m)) continue;
            if (S_starts_body(bd, l) || l->len > 200) break;
            seen++;
            fields |= vb_pat_match_text(VB_PAT_NUMBER, l->text, l->len, &m) ||
                      vb_pat_match_text(VB_PAT_PLACE_DATE, l->text, l->len, &m) ||
                      vb_pat_match_text(VB_PAT_MOTTO1, l->text, l->len, &m);
        }
        region_end = fields ? i : 0;
    }
    size_t banner_end = S_gazette_banner(bd, region_end);
    const vb_line *subject = NULL; /* the "V/v" line of a công văn, whose cell may go on */
    bool bars = false;
    for (size_t i = banner_end; i < region_end; i++) bars |= S_bar(&bd->lines[i]) && !bd->lines[i].layout;
    for (size_t i = banner_end; i < region_end; i++) {
        const vb_line *l = &bd->lines[i];
        if (!l->len || S_bar(l)) continue;
        if (S_doc_marks(bd, l)) continue;
        if (bars && !l->layout) {
            size_t to = i;
            while (to < region_end && bd->lines[to].len && !S_bar(&bd->lines[to]) && !bd->lines[to].layout &&
                   !vb_lex_doc_marks(bd->lines[to].text, bd->lines[to].len, NULL, 0))
                to++;
            S_cell(bd, i, to);
            i = to - 1;
            subject = NULL;
            continue;
        }
        if (subject && l->layout && l->layout == subject->layout && l->column == subject->column &&
            !S_field_line(l)) {
            S_append_field(bd, &meta->title, l, l->text, l->len, " ");
            continue;
        }
        subject = NULL;
        size_t subj = vb_lex_vv_mark(l->text, l->len);
        if (subj && subj < l->len) {
            S_keep_title_label(bd, l->text, subj);
            S_append_field(bd, &meta->title, l, l->text + subj, l->len - subj, " ");
            subject = l;
            continue;
        }
        S_header_line(bd, l);
    }
    if (type_at == SIZE_MAX) return S_addressees(bd, region_end);

    const vb_line *t = &bd->lines[type_at];
    size_t tlen = t->len;
    /* a footnote mark printed after the type ("THÔNG TƯ1" in consolidated texts) is no part of it */
    while (tlen && (t->text[tlen - 1] == ' ' || t->text[tlen - 1] == '*' ||
                    (t->text[tlen - 1] >= '0' && t->text[tlen - 1] <= '9')))
        tlen--;
    while (tlen && (t->text[tlen - 1] == ':' || t->text[tlen - 1] == ' ')) tlen--;
    S_set_field(bd, &meta->type, t, t->text, tlen);
    const vb_lex_doc_type *loose = vb_pat_match_text(VB_PAT_DOC_TYPE, t->text, t->len, &m) ? NULL : S_loose_type(t);
    if (loose) {
        /* the type as the decree names it, in capitals; the misread text kept
         * as the repair's original */
        char upper[128];
        UErrorCode err = U_ZERO_ERROR;
        UCaseMap *cm = ucasemap_open("vi", 0, &err);
        int32_t n = U_SUCCESS(err) ? ucasemap_utf8ToUpper(cm, upper, (int32_t)sizeof upper, loose->name, -1, &err) : 0;
        ucasemap_close(cm);
        if (U_SUCCESS(err) && n > 0 && n < (int32_t)sizeof upper) {
            vb_field_repair *x = vb_arena_alloc(bd->doc->arena, sizeof *x);
            *x = (vb_field_repair){0, (size_t)n, meta->type.value, 1.0f, VB_REPAIR_DIACRITICS, false, NULL,
                                   NULL, 0};
            meta->type.value = vb_arena_strndup(bd->doc->arena, upper, (size_t)n);
            meta->type.repairs = x;
        }
    }

    /* the title: the next group of lines, unless it is already the preamble */
    size_t i = type_at + 1, taken = 0;
    while (i < bd->nlines && !bd->lines[i].len && bd->lines[i].block->kind == VB_BLOCK_PARAGRAPH) i++;
    const vb_line *prev = NULL;
    while (i < bd->nlines && taken < 8) {
        const vb_line *l = &bd->lines[i];
        if (l->block->kind != VB_BLOCK_PARAGRAPH || !l->len || l->len > 600) break;
        /* a title in paragraphs of its own goes on while they look alike
         * (centred, bold: a Word file has no blank lines to say it ends) */
        if (taken && l->blank_before && !S_same_look(prev, l)) break;
        if (vb_pat_match_text(VB_PAT_SEPARATOR, l->text, l->len, &m)) {
            S_rule(bd, l, 0, l->len);
            i++;
            break;
        }
        /* "(Ban hành kèm theo ...)" under the title is no part of it */
        if (l->text[0] == '(' || vb_lex_addressee_mark(l->text, l->len)) break;
        /* the line under the type is the title even when it starts like a
         * body ("Thực hiện Đề án ..."), unless it is numbered */
        if (taken ? S_starts_body(bd, l) : vb_label_match(bd, l->text, l->len, &(vb_label){0})) break;
        /* the enacting line of a decision under its title ("ỦY BAN NHÂN DÂN
         * TỈNH ...", "GIÁM ĐỐC SỞ ..."): capitals after a title that is not */
        if (prev && S_mostly_upper(l->text, l->len) && !S_mostly_upper(prev->text, prev->len)) break;
        /* ... or the authority itself, with the signer's office before it
         * or words in lower case after it, even within the line */
        size_t enact = S_enacting_at(bd, l, i + 1);
        if (!enact && taken) break;
        if (enact && enact < l->len) {
            S_append_field(bd, &meta->title, l, l->text, enact, " ");
            S_leftover(bd, l, enact, l->len);
            i++;
            break;
        }
        prev = l;
        S_append_field(bd, &meta->title, l, l->text, l->len, " ");
        taken++;
        i++;
    }
    while (i < bd->nlines && bd->lines[i].block->kind == VB_BLOCK_PARAGRAPH &&
           vb_pat_match_text(VB_PAT_SEPARATOR, bd->lines[i].text, bd->lines[i].len, &m))
        S_rule(bd, &bd->lines[i], 0, bd->lines[i].len), i++;
    S_title_specks(bd, i, i + 24);
    return S_addressees(bd, i);
}
