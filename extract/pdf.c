/* PDF text layers (born-digital PDFs, and the "sandwich" PDFs OCR tools
 * write): read with poppler's GLib API, page by page in poppler's reading
 * order, with the box of every character.  A printed line becomes a block
 * that knows its page and box (pages.h); where a line holds two parts far
 * apart on the page (the two columns of the form: motto │ authority, number
 * │ place and date, Nơi nhận │ signature), each part becomes a block of its
 * own, so the columns come from x positions and not from runs of blanks.  A
 * wide vertical gap, or a line that starts above the previous one (the next
 * column of poppler's reading order), starts a paragraph.  Lines in small
 * type in the lower part of a page that start with a number are footnotes
 * (VB_BLOCK_NOTE), and digits in small type raised above a line of body text
 * are their marks (VB_RUN_NOTE_REF).
 *
 * Encrypted, damaged and too long PDFs are refused with a clear error: the
 * page count is checked against the page limit before a page is read.  With
 * the option ocr, a page whose layer is empty or poor is handed to ocr.c,
 * which reads it again from its image. */
#include "ocr.h"
#include "pages.h"
#include "reader_internal.h"

#include <ctype.h>
#include <glib.h>
#include <poppler.h>
#include <stdlib.h>
#include <string.h>


typedef struct {
    size_t byte;     /* where the character starts in the page's text */
    uint32_t cp;
    float x0, y0, x1, y1;
    float size;      /* font size, 0 when unknown */
    bool bold;
    bool sup;        /* a digit in small type raised above the line: a note mark */
} S_char;

static bool S_blank(uint32_t c) { return c == ' ' || c == '\t' || c == 0xA0 || c == '\r'; }

/* The page and box of each word (a stretch without blanks) of chars[a, b),
 * for the run that holds them (extract.h, vb_word_boxes). */
static const vb_word_boxes *S_word_boxes(vb_pager *pg, const S_char *ch, size_t a, size_t b) {
    uint32_t n = 0;
    for (size_t k = a; k < b; k++)
        if (!S_blank(ch[k].cp) && (k == a || S_blank(ch[k - 1].cp))) n++;
    if (!n) return NULL;
    float(*box)[4] = vb_arena_alloc(pg->src->arena, n * sizeof *box);
    long w = -1;
    for (size_t k = a; k < b; k++) {
        if (S_blank(ch[k].cp)) continue;
        if (k == a || S_blank(ch[k - 1].cp)) {
            w++;
            box[w][0] = ch[k].x0, box[w][1] = ch[k].y0, box[w][2] = ch[k].x1, box[w][3] = ch[k].y1;
        }
        if (ch[k].x0 < box[w][0]) box[w][0] = ch[k].x0;
        if (ch[k].y0 < box[w][1]) box[w][1] = ch[k].y0;
        if (ch[k].x1 > box[w][2]) box[w][2] = ch[k].x1;
        if (ch[k].y1 > box[w][3]) box[w][3] = ch[k].y1;
    }
    vb_word_boxes *wb = vb_arena_alloc(pg->src->arena, sizeof *wb);
    wb->box = (const float(*)[4])box;
    wb->n = n;
    wb->page = pg->page;
    return wb;
}

/* Emits chars[a, b) (no blank at either end) as one block. */
static void S_segment(vb_pager *pg, const char *text, const S_char *ch, size_t a, size_t b,
                      size_t text_len) {
    float x0 = ch[a].x0, y0 = ch[a].y0, x1 = ch[a].x1, y1 = ch[a].y1;
    bool all_bold = true;
    for (size_t k = a; k < b; k++) {
        if (S_blank(ch[k].cp)) continue;
        if (ch[k].x0 < x0) x0 = ch[k].x0;
        if (ch[k].y0 < y0) y0 = ch[k].y0;
        if (ch[k].x1 > x1) x1 = ch[k].x1;
        if (ch[k].y1 > y1) y1 = ch[k].y1;
        if (!ch[k].bold) all_bold = false;
    }
    vb_block *blk = vb_pager_line(pg, x0, y0, x1, y1);
    /* a run per stretch of one weight */
    size_t k = a;
    while (k < b) {
        size_t e = k;
        while (e < b && ch[e].bold == ch[k].bold && ch[e].sup == ch[k].sup) e++;
        size_t from = ch[k].byte, to = e < b ? ch[e].byte : (b < text_len ? ch[b - 1].byte : text_len);
        if (e >= b) { /* to the end of the last character */
            to = ch[b - 1].byte;
            while (to < text_len && ((unsigned char)text[to] & 0xC0) == 0x80) to++;
            to++;
            while (to < text_len && ((unsigned char)text[to] & 0xC0) == 0x80) to++;
            if (to > text_len) to = text_len;
        }
        if (ch[k].sup) {
            /* "đai 1" read from "đai¹": the mark sits on the word */
            vb_run *last = blk->runs;
            while (last && last->next) last = last->next;
            if (last && last->kind == VB_RUN_TEXT && last->len && last->text[last->len - 1] == ' ') {
                last->text = vb_arena_strndup(pg->src->arena, last->text, last->len - 1);
                last->len--;
            }
            vb_run *r = vb_block_add_run(pg->src, blk, VB_RUN_NOTE_REF, "", 0, 0);
            r->note_id = vb_arena_strndup(pg->src->arena, text + from, to - from);
        } else {
            vb_run *r = vb_block_add_run(pg->src, blk, VB_RUN_TEXT, text + from, to - from,
                                         ch[k].bold ? VB_STYLE_BOLD : 0);
            r->word_boxes = S_word_boxes(pg, ch, k, e); /* a repair shows its word's box */
        }
        k = e;
    }
    if (all_bold) blk->flags |= VB_BLOCK_ALL_BOLD;
    pg->page_start = false;
    pg->page_has_line = true;
}

typedef struct {
    float top, bottom;
    bool have, split;
    float body_size;   /* the page's most common font size */
    float page_height;
    vb_block *note;    /* the footnote being read at the page's foot */
} S_prev;

static bool S_digit(uint32_t c) { return c >= '0' && c <= '9'; }

/* A line in small type in the lower part of the page: a footnote starting
 * with its number ("1 Luật số ...", the number often raised), or the next
 * line of the one before.  Returns true when the line was taken as a note. */
static bool S_note_line(vb_pager *pg, const char *text, size_t text_len, const S_char *ch, size_t a,
                        size_t b, float top, float size, S_prev *prev) {
    if (prev->body_size <= 0 || size >= 0.85f * prev->body_size || top < 0.55f * prev->page_height) {
        prev->note = NULL;
        return false;
    }
    size_t k = a;
    while (k < b && S_digit(ch[k].cp)) k++;
    size_t end = ch[b - 1].byte;
    while (end < text_len && ((unsigned char)text[end] & 0xC0) == 0x80) end++;
    end++;
    while (end < text_len && ((unsigned char)text[end] & 0xC0) == 0x80) end++;
    if (end > text_len) end = text_len;
    bool numbered = k < b && (ch[k].cp == '.' || ch[k].cp == ')' || ch[k].cp == '/' || ch[k].cp == ',');
    if (k > a && k - a <= 3 && k < b && !numbered) { /* "12 text" or "¹²text": a new note */
        size_t rest = k;
        while (rest < b && S_blank(ch[rest].cp)) rest++;
        if (rest >= b) return false;
        vb_block *n = vb_source_add_block(pg->src, VB_BLOCK_NOTE, ++pg->line);
        n->region = VB_REGION_FOOTNOTES;
        n->note_id = vb_arena_strndup(pg->src->arena, text + ch[a].byte, ch[k].byte - ch[a].byte);
        n->page = pg->page;
        n->box[0] = ch[a].x0;
        n->box[1] = top;
        n->box[2] = ch[b - 1].x1;
        n->box[3] = top + size;
        for (size_t i = a; i < b; i++) {
            if (ch[i].x1 > n->box[2]) n->box[2] = ch[i].x1;
            if (ch[i].y1 > n->box[3]) n->box[3] = ch[i].y1;
        }
        vb_run *r = vb_block_add_run(pg->src, n, VB_RUN_TEXT, text + ch[rest].byte, end - ch[rest].byte, 0);
        r->word_boxes = S_word_boxes(pg, ch, rest, b);
        prev->note = n;
        return true;
    }
    if (prev->note) { /* the note goes on */
        vb_block *n = prev->note;
        vb_block_add_run(pg->src, n, VB_RUN_TEXT, " ", 1, 0);
        vb_run *r = vb_block_add_run(pg->src, n, VB_RUN_TEXT, text + ch[a].byte, end - ch[a].byte, 0);
        r->word_boxes = S_word_boxes(pg, ch, a, b);
        for (size_t i = a; i < b; i++) {
            if (ch[i].x0 < n->box[0]) n->box[0] = ch[i].x0;
            if (ch[i].x1 > n->box[2]) n->box[2] = ch[i].x1;
            if (ch[i].y1 > n->box[3]) n->box[3] = ch[i].y1;
        }
        return true;
    }
    return false;
}

/* One line of the page's text: chars[a, b). */
static void S_line(vb_pager *pg, const char *text, size_t text_len, const S_char *ch, size_t a, size_t b,
                   S_prev *prev) {
    while (a < b && S_blank(ch[a].cp)) a++;
    while (b > a && S_blank(ch[b - 1].cp)) b--;
    if (a >= b) return;
    float top = ch[a].y0, bottom = ch[a].y1, size = 0;
    for (size_t k = a; k < b; k++) {
        if (S_blank(ch[k].cp)) continue;
        if (ch[k].y0 < top) top = ch[k].y0;
        if (ch[k].y1 > bottom) bottom = ch[k].y1;
        if (ch[k].size > size) size = ch[k].size;
    }
    float height = bottom - top;
    if (size <= 0) size = height > 0 ? height : 10;
    if (S_note_line(pg, text, text_len, ch, a, b, top, size, prev)) return;
    /* the parts of the line: split where the gap between two characters is
     * far wider than a blank */
    size_t cuts[64], ncuts = 0;
    float last_x1 = -1;
    for (size_t k = a; k < b; k++) {
        if (S_blank(ch[k].cp)) continue;
        if (last_x1 >= 0 && ch[k].x0 - last_x1 > 2.5f * size && ncuts < 63) cuts[ncuts++] = k;
        last_x1 = ch[k].x1;
    }
    bool split = ncuts > 0;
    if (prev->have) {
        float gap = top - prev->bottom;
        /* a wide gap; or a line beside or above the one before (the next
         * column of poppler's reading order) */
        if (gap > 0.6f * height || top < prev->bottom - 0.5f * height || split || prev->split)
            pg->par_start = true;
    }
    size_t from = a;
    for (size_t c = 0; c <= ncuts; c++) {
        size_t to = c < ncuts ? cuts[c] : b;
        size_t e = to;
        while (e > from && S_blank(ch[e - 1].cp)) e--;
        if (e > from) {
            if (split) pg->par_start = true;
            S_segment(pg, text, ch, from, e, text_len);
            pg->par_start = false;
        }
        from = to;
    }
    prev->have = true;
    prev->top = top;
    prev->bottom = bottom;
    prev->split = split;
}

static void S_page(vb_pager *pg, PopplerPage *page) {
    char *text = poppler_page_get_text(page);
    if (!text) return;
    size_t text_len = strlen(text);
    PopplerRectangle *rects = NULL;
    guint nrects = 0;
    if (!poppler_page_get_text_layout(page, &rects, &nrects)) nrects = 0;
    size_t nchars = (size_t)g_utf8_strlen(text, (gssize)text_len);
    S_char *ch = calloc(nchars + 1, sizeof *ch);
    if (!ch) abort();
    size_t i = 0;
    for (const char *p = text; *p && i < nchars; p = g_utf8_next_char(p), i++) {
        ch[i].byte = (size_t)(p - text);
        ch[i].cp = g_utf8_get_char(p);
        if (i < nrects) {
            ch[i].x0 = (float)rects[i].x1;
            ch[i].y0 = (float)rects[i].y1;
            ch[i].x1 = (float)rects[i].x2;
            ch[i].y1 = (float)rects[i].y2;
        }
    }
    nchars = i;
    GList *attrs = poppler_page_get_text_attributes(page);
    for (GList *l = attrs; l; l = l->next) {
        PopplerTextAttributes *at = l->data;
        bool bold = at->font_name && (strstr(at->font_name, "Bold") || strstr(at->font_name, "bold"));
        for (int k = at->start_index; k <= at->end_index && k >= 0 && (size_t)k < nchars; k++) {
            ch[k].size = (float)at->font_size;
            ch[k].bold = bold;
        }
    }
    poppler_page_free_text_attributes(attrs);
    S_prev prev = {0};
    double pw = 0, ph = 0;
    poppler_page_get_size(page, &pw, &ph);
    prev.page_height = (float)ph;
    /* the body's size: the one most characters have (in half points) */
    {
        size_t counts[200] = {0}, best = 0;
        for (size_t k = 0; k < nchars; k++) {
            int h = (int)(ch[k].size * 2 + 0.5f);
            if (h > 0 && h < 200 && !S_blank(ch[k].cp) && ch[k].cp != '\n') counts[h]++;
        }
        for (int h = 1; h < 200; h++)
            if (counts[h] > best) {
                best = counts[h];
                prev.body_size = (float)h / 2;
            }
    }
    /* note marks: digits in small type whose foot is above the line's */
    for (size_t k = 0; k < nchars; k++) {
        if (!S_digit(ch[k].cp) || prev.body_size <= 0 || ch[k].size >= 0.8f * prev.body_size) continue;
        /* the nearest character of body size on either side */
        size_t j = k;
        while (j > 0 && ch[j].cp != '\n' && (S_digit(ch[j].cp) || S_blank(ch[j].cp))) j--;
        if (ch[j].cp == '\n' || ch[j].size < 0.9f * prev.body_size) continue; /* starts a line: a note's number */
        if (ch[k].y1 < ch[j].y1 - 0.15f * prev.body_size) ch[k].sup = true;
    }
    size_t start = 0;
    for (size_t k = 0; k <= nchars; k++)
        if (k == nchars || ch[k].cp == '\n') {
            S_line(pg, text, text_len, ch, start, k, &prev);
            start = k + 1;
        }
    free(ch);
    g_free(rects);
    g_free(text);
}


/* Puts the property key = value before the source's others. */
static void S_add_prop(vb_source *src, const char *key, const char *value) {
    vb_prop *np = vb_arena_alloc(src->arena, sizeof *np);
    np->key = key;
    np->value = value;
    np->next = src->props;
    src->props = np;
}

/* Whether the PDF's own metadata names an OCR engine as the maker of its
 * text (OCRmyPDF, Tesseract's PDF renderer, ABBYY FineReader…): its layer
 * was recognised from scanned images. */
static bool S_made_by_ocr(PopplerDocument *doc) {
    static const char *const engines[] = {"ocrmypdf", "tesseract", "finereader", "abbyy",
                                          "omnipage", "readiris", "paperport", "naps2"};
    char *fields[2] = {poppler_document_get_producer(doc), poppler_document_get_creator(doc)};
    bool found = false;
    for (int f = 0; f < 2; f++) {
        for (char *c = fields[f]; c && *c; c++) *c = (char)tolower((unsigned char)*c);
        for (size_t e = 0; fields[f] && !found && e < sizeof engines / sizeof *engines; e++)
            found = strstr(fields[f], engines[e]) != NULL;
        g_free(fields[f]);
    }
    /* Tesseract draws its invisible text in a font of its own, which stays
     * when the producer does not (pages joined by another tool) */
    if (!found && poppler_document_get_n_pages(doc) > 0) {
        PopplerFontInfo *info = poppler_font_info_new(doc);
        PopplerFontsIter *it = NULL;
        if (info && poppler_font_info_scan(info, 1, &it) && it) {
            do {
                const char *name = poppler_fonts_iter_get_name(it);
                found = name && strstr(name, "GlyphLessFont") != NULL;
            } while (!found && poppler_fonts_iter_next(it));
        }
        if (it) poppler_fonts_iter_free(it);
        if (info) g_object_unref(info);
    }
    return found;
}

int vb_extract_pdf(const char *path, const unsigned char *data, size_t len,
                   const vb_extract_options *opts, vb_source **out) {
    vb_source *src = vb_source_new(path, "pdf");
    *out = src;
    src->encoding = "UTF-8";
    int size_st = vb_reader_check_size(src, len, opts);
    if (size_st != VB_OK) return size_st;
    GBytes *bytes = g_bytes_new_static(data, len);
    GError *err = NULL;
    PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, &err);
    if (!doc) {
        int st = VB_ERR_FORMAT;
        if (err && err->domain == POPPLER_ERROR && err->code == POPPLER_ERROR_ENCRYPTED)
            vb_diag_add(&src->diags, VB_ERROR, 0, 0, -1, "pdf-encrypted",
                        "the PDF is encrypted (password-protected): it cannot be read; save an "
                        "unprotected copy first (e.g. 'qpdf --decrypt --password=... IN OUT')");
        else
            vb_diag_add(&src->diags, VB_ERROR, 0, 0, -1, "pdf-damaged",
                        "a damaged or truncated PDF that cannot be opened (%s)",
                        err && err->message ? err->message : "unknown error");
        if (err) g_error_free(err);
        g_bytes_unref(bytes);
        return st;
    }
    vb_pager pg;
    vb_pager_init(&pg, src, opts);
    int n = poppler_document_get_n_pages(doc);
    int st = VB_OK;
    if (n <= 0) {
        vb_diag_add(&src->diags, VB_ERROR, 0, 0, -1, "pdf-no-pages", "the PDF has no page");
        st = VB_ERR_FORMAT;
    } else if ((size_t)n > pg.max_pages) {
        vb_diag_add(&src->diags, VB_ERROR, 0, 0, -1, "too-many-pages",
                    "the PDF has %d pages, more than the limit of %zu: refused (--max-pages N "
                    "raises it)",
                    n, pg.max_pages);
        st = VB_ERR_LIMIT;
    }
    int empty = 0; /* pages without a text layer */
    vb_ocr *ocr = NULL;
    int reread = 0; /* pages read again from their image (--ocr) */
    for (int i = 0; i < n && st == VB_OK; i++) {
        if (!vb_pager_page(&pg)) {
            st = VB_ERR_LIMIT;
            break;
        }
        PopplerPage *page = poppler_document_get_page(doc, i);
        if (!page) continue;
        int before = pg.line;
        vb_block *page_last = src->last;
        S_page(&pg, page);
        int o = opts && opts->ocr ? vb_ocr_pdf_page(&ocr, opts, &pg, page, i + 1, page_last, before) : 0;
        if (o < 0) st = o;
        if (o > 0) reread++;
        if (o >= 0 && pg.line == before) empty++;
        g_object_unref(page);
    }
    vb_ocr_free(ocr);
    bool ocr_layer = reread > 0 || S_made_by_ocr(doc);
    g_object_unref(doc);
    g_bytes_unref(bytes);
    if (st == VB_OK && empty)
        vb_diag_add(&src->diags, VB_WARNING, 0, 0, -1, "pdf-no-text-layer",
                    "%d of %d pages have no text layer (scanned images?); %s",
                    empty, n, opts && opts->ocr ? "Tesseract found no text on them either"
                                                : "convert with --ocr to read them with Tesseract, or "
                                                  "make a layer with 'ocrmypdf -l vie --force-ocr IN.pdf "
                                                  "OUT.pdf' and convert OUT.pdf");
    if (st == VB_OK && empty == n) {
        vb_diag_add(&src->diags, VB_ERROR, 0, 0, -1, "pdf-no-text",
                    "the PDF has no text layer at all (scanned images); %s",
                    opts && opts->ocr ? "Tesseract found no text on its pages either"
                                      : "convert with --ocr to read it with Tesseract, or make a "
                                        "layer with 'ocrmypdf -l vie --force-ocr IN.pdf OUT.pdf' and "
                                        "convert OUT.pdf");
        st = VB_ERR_EMPTY;
    }
    if (st == VB_OK) S_add_prop(src, "pages", vb_arena_printf(src->arena, "%d", n));
    /* the text was recognised from page images: the record is digitised */
    if (st == VB_OK && ocr_layer) S_add_prop(src, "text-layer", "ocr");
    if (st == VB_OK && reread)
        vb_diag_add(&src->diags, VB_NOTE, 0, 0, -1, "ocr-pages",
                    "%d of %d pages read with Tesseract (--ocr): their text layer was empty or poor",
                    reread, n);
    return st;
}
