/* Unit tests of --ocr (extract/ocr.c through vb_extract_pdf): PDFs drawn
 * here with Cairo — a page that is only an image of Vietnamese text, and the
 * same image over a text layer that lost its marks — are read again with
 * Tesseract when the options ask for it: lines with page, box in points and
 * the engine's word confidences, and each word's glyph readings (the
 * engine's LSTM choices); a good layer is kept as it is; missing data and a
 * page too large are refused with clear errors. */
#include "../../extract/extract.h"
#include "../../normalize/normalize.h"
#include "../support/vb_test.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *const LINES[] = {
    "KẾ HOẠCH",
    "Công tác y tế tỉnh Bắc Giang năm 2024",
    "Sở Y tế tỉnh Bắc Giang xây dựng Kế hoạch công tác",
    "y tế năm 2024 như sau: nâng cao chất lượng khám",
    "chữa bệnh, bảo đảm an toàn thực phẩm và phòng chống",
    "dịch bệnh trên địa bàn toàn tỉnh.",
};
static const char *const PLAIN[] = {
    "KE HOACH",
    "Cong tac y te tinh Bac Giang nam 2024",
    "So Y te tinh Bac Giang xay dung Ke hoach cong tac",
    "y te nam 2024 nhu sau: nang cao chat luong kham",
    "chua benh, bao dam an toan thuc pham va phong chong",
    "dich benh tren dia ban toan tinh.",
};
#define NLINES (sizeof LINES / sizeof *LINES)

typedef struct {
    unsigned char *data;
    size_t len, cap;
} S_mem;

static cairo_status_t S_write(void *closure, const unsigned char *data, unsigned int len) {
    S_mem *m = closure;
    if (m->len + len > m->cap) {
        m->cap = (m->len + len) * 2;
        m->data = realloc(m->data, m->cap);
        if (!m->data) abort();
    }
    memcpy(m->data + m->len, data, len);
    m->len += len;
    return CAIRO_STATUS_SUCCESS;
}

static void S_text(cairo_t *cr, const char *const *lines, double size) {
    cairo_select_font_face(cr, "DejaVu Serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
    cairo_set_source_rgb(cr, 0, 0, 0);
    for (size_t i = 0; i < NLINES; i++) {
        cairo_move_to(cr, 72, 100 + 24.0 * (double)i);
        cairo_show_text(cr, lines[i]);
    }
}

/* An A4 page: the image of LINES at 300 dpi, over the text of `layer`
 * (NULL: no text layer). */
static S_mem S_pdf(const char *const *layer) {
    const double k = 300.0 / 72;
    cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)(595 * k), (int)(842 * k));
    cairo_t *ci = cairo_create(img);
    cairo_set_source_rgb(ci, 1, 1, 1);
    cairo_paint(ci);
    cairo_scale(ci, k, k);
    S_text(ci, LINES, 13);
    cairo_destroy(ci);
    S_mem m = {0};
    cairo_surface_t *pdf = cairo_pdf_surface_create_for_stream(S_write, &m, 595, 842);
    cairo_t *cr = cairo_create(pdf);
    if (layer) S_text(cr, layer, 13); /* drawn first: the image covers it */
    cairo_save(cr);
    cairo_scale(cr, 1 / k, 1 / k);
    cairo_set_source_surface(cr, img, 0, 0);
    cairo_paint(cr);
    cairo_restore(cr);
    cairo_destroy(cr);
    cairo_surface_finish(pdf);
    cairo_surface_destroy(pdf);
    cairo_surface_destroy(img);
    return m;
}

static const char *S_all_text(vb_source *src) {
    vb_buf b = {0};
    for (const vb_block *k = src->first; k; k = k->next) {
        size_t n;
        const char *t = vb_block_text(src, k, &n);
        vb_buf_append(&b, t, n);
        vb_buf_puts(&b, "\n");
    }
    const char *s = vb_arena_strndup(src->arena, b.data ? b.data : "", b.len);
    vb_buf_free(&b);
    return s;
}

static void S_image_only(void) {
    S_mem pdf = S_pdf(NULL);
    vb_extract_options o = {0};
    vb_source *src = NULL;
    int st = vb_extract_pdf("img.pdf", pdf.data, pdf.len, &o, &src);
    VB_CHECK_INT("image only, no --ocr: empty", st, VB_ERR_EMPTY);
    const vb_diag *g = vb_diags_first_error(&src->diags);
    VB_CHECK("image only, no --ocr: says how", g && strstr(g->message, "--ocr") && strstr(g->message, "ocrmypdf"));
    vb_source_free(src);

    o.ocr = true;
    st = vb_extract_pdf("img.pdf", pdf.data, pdf.len, &o, &src);
    VB_CHECK_INT("image only, --ocr: read", st, VB_OK);
    const char *text = S_all_text(src);
    VB_CHECK("--ocr: the type", strstr(text, "KẾ HOẠCH") != NULL);
    VB_CHECK("--ocr: the marks", strstr(text, "Công tác y tế tỉnh Bắc Giang năm 2024") != NULL);
    size_t blocks = 0, boxed = 0, words = 0, confident = 0;
    for (const vb_block *b = src->first; b; b = b->next) {
        blocks++;
        /* in points: within the A4 page, around the line drawn at 72 pt */
        if (b->page == 1 && b->box[0] >= 60 && b->box[0] < 80 && b->box[2] > b->box[0] && b->box[2] <= 595 &&
            b->box[1] >= 80 && b->box[3] > b->box[1] && b->box[3] <= 842)
            boxed++;
        for (const vb_run *r = b->runs; r; r = r->next)
            if (r->len > 1) {
                words++;
                if (r->word_conf > 50) confident++;
            }
    }
    VB_CHECK("--ocr: a block per line", blocks == NLINES);
    VB_CHECK("--ocr: page and box in points on every block", blocks && boxed == blocks);
    VB_CHECK("--ocr: a run per word, with the engine's confidence", words >= 40 && confident * 10 >= words * 9);
    VB_CHECK("--ocr: the first line starts a paragraph", src->first && !(src->first->flags & VB_BLOCK_NO_BLANK_BEFORE));
    vb_source_free(src);

    /* a page larger than the pixel limit */
    o.ocr_max_pixels = 1000 * 1000;
    st = vb_extract_pdf("img.pdf", pdf.data, pdf.len, &o, &src);
    VB_CHECK_INT("--ocr: too many pixels refused", st, VB_ERR_LIMIT);
    g = vb_diags_first_error(&src->diags);
    VB_CHECK("--ocr: too many pixels, said so", g && strstr(g->message, "page 1") && strstr(g->message, "1000000 pixels"));
    vb_source_free(src);

    /* Tesseract's data where there is none */
    o.ocr_max_pixels = 0;
    o.ocr_lang = "xyz";
    st = vb_extract_pdf("img.pdf", pdf.data, pdf.len, &o, &src);
    VB_CHECK_INT("--ocr: missing language refused", st, VB_ERR_IO);
    g = vb_diags_first_error(&src->diags);
    VB_CHECK("--ocr: missing language named with its file",
             g && strstr(g->message, "'xyz'") && strstr(g->message, "xyz.traineddata"));
    vb_source_free(src);
    free(pdf.data);
}

static void S_poor_layer(void) {
    S_mem pdf = S_pdf(PLAIN);
    vb_extract_options o = {0};
    vb_source *src = NULL;
    int st = vb_extract_pdf("plain.pdf", pdf.data, pdf.len, &o, &src);
    VB_CHECK_INT("lost marks: the layer is read", st, VB_OK);
    const char *text = S_all_text(src);
    VB_CHECK("lost marks: the layer has no marks", strstr(text, "Cong tac y te") != NULL);
    VB_CHECK("lost marks: judged poor", vb_page_layer_poor(src->first, 1));
    vb_source_free(src);

    o.ocr = true;
    st = vb_extract_pdf("plain.pdf", pdf.data, pdf.len, &o, &src);
    VB_CHECK_INT("lost marks, --ocr: read", st, VB_OK);
    text = S_all_text(src);
    VB_CHECK("lost marks, --ocr: the marks from the image", strstr(text, "Công tác y tế tỉnh Bắc Giang") != NULL);
    VB_CHECK("lost marks, --ocr: the layer is gone", strstr(text, "Cong tac") == NULL);
    VB_CHECK("lost marks, --ocr: not poor now", !vb_page_layer_poor(src->first, 1));
    vb_source_free(src);
    free(pdf.data);

    /* a good layer is kept, --ocr or not */
    pdf = S_pdf(LINES);
    st = vb_extract_pdf("good.pdf", pdf.data, pdf.len, &o, &src);
    VB_CHECK_INT("good layer, --ocr: read", st, VB_OK);
    VB_CHECK("good layer: not poor", !vb_page_layer_poor(src->first, 1));
    bool conf = false;
    for (const vb_block *b = src->first; b; b = b->next)
        for (const vb_run *r = b->runs; r; r = r->next) conf |= r->word_conf != 0;
    VB_CHECK("good layer, --ocr: kept (no engine confidences)", src->first && !conf);
    vb_source_free(src);
    free(pdf.data);
}

/* Tesseract's Vietnamese data where the reader looks for it. */
static bool S_have_vie(void) {
    const char *dir = getenv("TESSDATA_PREFIX");
    if (!dir || !*dir) dir = "/usr/share/tesseract-ocr/5/tessdata";
    char file[4096];
    snprintf(file, sizeof file, "%s/vie.traineddata", dir);
    struct stat st;
    return stat(file, &st) == 0 && S_ISREG(st.st_mode);
}

/* The glyphs of the words of a page read with --ocr, checked against the
 * words; counts what was seen. */
typedef struct {
    size_t words, with_glyphs, glyphs, several, bad_count, bad_cp, bad_score, bad_order, repeated, bare;
} S_glyph_stats;

static void S_glyph_check(const vb_source *src, S_glyph_stats *s) {
    memset(s, 0, sizeof *s);
    for (const vb_block *b = src->first; b; b = b->next)
        for (const vb_run *r = b->runs; r; r = r->next) {
            if (r->kind != VB_RUN_TEXT || (r->len == 1 && r->text[0] == ' ')) continue;
            s->words++;
            if (!r->glyphs) continue;
            s->with_glyphs++;
            /* glyph k is code point k of the word's text */
            const unsigned char *p = (const unsigned char *)r->text;
            size_t at = 0, k = 0;
            while (at < r->len) {
                uint32_t cp;
                int n = vb_utf8_decode(p + at, r->len - at, &cp);
                if (n <= 0) break;
                if (k < r->glyphs->n && r->glyphs->glyph[k].cp[0] != cp) s->bad_cp++;
                at += (size_t)n;
                k++;
            }
            if (at != r->len || k != r->glyphs->n) s->bad_count++;
            bool other = false; /* some glyph with another reading */
            for (uint32_t i = 0; i < r->glyphs->n; i++) {
                const vb_glyph *g = &r->glyphs->glyph[i];
                s->glyphs++;
                if (g->n < 1 || g->n > VB_GLYPH_READINGS) {
                    s->bad_count++;
                    continue;
                }
                if (g->n > 1) s->several++;
                other |= g->n > 1;
                for (int j = 0; j < g->n; j++) {
                    if (!(g->score[j] > 0 && g->score[j] <= 1)) s->bad_score++;
                    /* the others best first after the printed one */
                    if (j >= 2 && g->score[j] > g->score[j - 1]) s->bad_order++;
                    for (int m = 0; m < j; m++) s->repeated += g->cp[m] == g->cp[j];
                }
            }
            s->bare += !other;
        }
}

static void S_glyphs_sound(const char *name, const S_glyph_stats *s) {
    char n[128];
    snprintf(n, sizeof n, "%s: a glyph per code point of its word", name);
    VB_CHECK(n, s->bad_count == 0);
    snprintf(n, sizeof n, "%s: glyph k printed code point k", name);
    VB_CHECK(n, s->bad_cp == 0);
    snprintf(n, sizeof n, "%s: scores within (0,1]", name);
    VB_CHECK(n, s->bad_score == 0);
    snprintf(n, sizeof n, "%s: the other readings best first", name);
    VB_CHECK(n, s->bad_order == 0);
    snprintf(n, sizeof n, "%s: no reading twice", name);
    VB_CHECK(n, s->repeated == 0);
    snprintf(n, sizeof n, "%s: glyphs kept only where one has another reading", name);
    VB_CHECK(n, s->bare == 0);
}

/* The engine's readings of each glyph: at 300 dpi the type is clear and few
 * glyphs have another reading; the same page rendered at 72 dpi (letters a
 * dozen pixels high, as in a poor scan) gives many. */
static void S_glyphs(void) {
    if (!S_have_vie()) {
        printf("skip ocr-glyphs: Tesseract's Vietnamese data (vie.traineddata) is not installed\n");
        return;
    }
    S_mem pdf = S_pdf(NULL);
    vb_extract_options o = {0};
    o.ocr = true;
    vb_source *src = NULL;
    int st = vb_extract_pdf("img.pdf", pdf.data, pdf.len, &o, &src);
    VB_CHECK_INT("--ocr glyphs, 300 dpi: read", st, VB_OK);
    S_glyph_stats s;
    S_glyph_check(src, &s);
    S_glyphs_sound("--ocr glyphs, 300 dpi", &s);
    VB_CHECK("--ocr glyphs, 300 dpi: clear type, most words without other readings",
             s.words >= 40 && s.with_glyphs * 2 < s.words);
    vb_source_free(src);

    o.ocr_dpi = 72;
    st = vb_extract_pdf("img.pdf", pdf.data, pdf.len, &o, &src);
    VB_CHECK_INT("--ocr glyphs, 72 dpi: read", st, VB_OK);
    S_glyph_check(src, &s);
    S_glyphs_sound("--ocr glyphs, 72 dpi", &s);
    VB_CHECK("--ocr glyphs, 72 dpi: words carry glyphs", s.with_glyphs >= 5 && s.glyphs >= s.with_glyphs);
    VB_CHECK("--ocr glyphs, 72 dpi: glyphs with more than one reading", s.several >= 5);
    vb_source_free(src);
    free(pdf.data);
}

int main(void) {
    S_image_only();
    S_glyphs();
    S_poor_layer();
    /* the caches of the fonts the test drew with */
    cairo_debug_reset_static_data();
    FcFini();
    return vb_test_done();
}
