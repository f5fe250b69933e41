/* Unit tests of hOCR words written as glyph spans (Tesseract's
 * hocr_char_boxes) with each glyph's readings (lstm_choice_mode): the word
 * is its glyphs, and each run keeps one vb_glyph per code point of its text,
 * the printed reading first, the others best first, every score in (0, 1]. */
#include "../../extract/extract.h"
#include "../../util/vb_util.h"
#include "../support/vb_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_HEAD                                                                      \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                                     \
    "<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title></title></head><body>\n" \
    "<div class='ocr_page' id='page_1' title='bbox 0 0 1000 200'>\n"                  \
    "<p class='ocr_par'><span class='ocr_line' title='bbox 10 10 900 60'>\n"
#define PAGE_TAIL "</span></p></div></body></html>\n"
#define WORD(x0, x1, body) \
    "<span class='ocrx_word' title='bbox " #x0 " 10 " #x1 " 60; x_wconf 90'>" body "</span>\n"
#define GLYPH(t, conf) "<span class='ocrx_cinfo' title='x_bboxes 1 2 3 4; x_conf " conf "'>" t "</span>"
#define CHOICES(body) "<span class='ocrx_cinfo' id='lstm_choices_1_1_1'>" body "</span>"
#define CHOICE(t, conf) "<span class='ocrx_cinfo' title='x_confs " conf "'>" t "</span>"

/* The runs of the page's blocks that hold text, in order, into out. */
static size_t S_words(const vb_source *src, const vb_run **out, size_t max) {
    size_t n = 0;
    for (const vb_block *b = src->first; b; b = b->next)
        for (const vb_run *r = b->runs; r; r = r->next)
            if (r->len && strcmp(r->text, " ") != 0 && n < max) out[n++] = r;
    return n;
}

/* The code points of s. */
static size_t S_cps(const char *s, uint32_t *cp, size_t max) {
    size_t n = 0, len = strlen(s);
    for (size_t i = 0; i < len;) {
        uint32_t c;
        int k = vb_utf8_decode((const unsigned char *)s + i, len - i, &c);
        if (k <= 0) return 0;
        if (n < max) cp[n] = c;
        n++;
        i += (size_t)k;
    }
    return n;
}

/* Whether the run's glyphs keep the rules every reader of them relies on;
 * what is wrong, else NULL. */
static const char *S_rules(const vb_run *r) {
    uint32_t cp[512];
    size_t n = S_cps(r->text, cp, 512);
    if (!r->glyphs) return NULL;
    if (r->glyphs->n != n || n > 512) return "glyph count is not the code point count";
    for (size_t k = 0; k < n; k++) {
        const vb_glyph *g = &r->glyphs->glyph[k];
        if (g->n < 1 || g->n > VB_GLYPH_READINGS) return "reading count out of range";
        if (g->cp[0] != cp[k]) return "the printed reading is not first";
        for (size_t i = 0; i < g->n; i++) {
            if (!(g->score[i] > 0.0f && g->score[i] <= 1.0f)) return "a score outside (0, 1]";
            for (size_t j = 0; j < i; j++)
                if (g->cp[j] == g->cp[i]) return "a reading given twice";
        }
        for (size_t i = 2; i < g->n; i++)
            if (g->score[i] > g->score[i - 1]) return "the other readings not best first";
    }
    return NULL;
}

static vb_source *S_read(const char *name, const char *data, size_t len) {
    vb_source *src = NULL;
    int st = vb_extract_hocr(name, (const unsigned char *)data, len, NULL, &src);
    VB_CHECK_INT("reads", st, VB_OK);
    return src;
}

static bool S_near(float a, float b) { return a > b - 1e-4f && a < b + 1e-4f; }

/* A word as Tesseract writes it with lstm_choice_mode=2 (from a run on a
 * blurred line), and the words around it. */
static void S_tesseract_form(void) {
    static const char H[] =
        PAGE_HEAD
        WORD(10, 100, "\n " GLYPH("H", "99.5") "\n  "
              CHOICES("\n   " CHOICE("H", "94.255074") "\n   " CHOICE("h", "0") "\n  ")
              GLYPH("ằ", "99.1")
              CHOICES(CHOICE("ằ", "88.463074") CHOICE("ẳ", "7.4700832") CHOICE("ầ", "3.7361431"))
              GLYPH("n", "99.5") CHOICES(CHOICE("n", "91.276459") CHOICE("&quot;", "0"))
              GLYPH("g", "99.5") CHOICES(CHOICE("g", "95.213608")) "\n")
        WORD(120, 200, GLYPH("n", "99.5") CHOICES(CHOICE("n", "95.146561") CHOICE("m", "0"))
              GLYPH("ă", "99.4")
              CHOICES(CHOICE("ă", "93.238831") CHOICE("ã", "33.755119") CHOICE("ắ", "12.709303")
                      CHOICE("ä", "10.967407") CHOICE("ẵ", "8.4308624"))
              GLYPH("m", "99.5") CHOICES(CHOICE("m", "95.142113"))
              GLYPH(",", "99.2") CHOICES(CHOICE(",", "90.570564") CHOICE(".", "2.3344803")))
        WORD(220, 300, GLYPH("b", "99.5") CHOICES(CHOICE("b", "95.1") CHOICE("h", "0"))
              GLYPH("a", "99.5") CHOICES(CHOICE("a", "93.1")) GLYPH("n", "99.5"))
        PAGE_TAIL;
    vb_source *src = S_read("tess.hocr", H, sizeof H - 1);
    const vb_run *w[8];
    size_t n = S_words(src, w, 8);
    VB_CHECK_INT("tesseract: three words", (int)n, 3);
    if (n != 3) {
        vb_source_free(src);
        return;
    }
    VB_CHECK_STR("tesseract: the glyphs, not the readings", w[0]->text, "Hằng");
    VB_CHECK_STR("tesseract: punctuation a glyph too", w[1]->text, "năm,");
    VB_CHECK_STR("tesseract: a word whose glyphs hold no others", w[2]->text, "ban");
    VB_CHECK("tesseract: glyphs kept", w[0]->glyphs && w[1]->glyphs);
    VB_CHECK("tesseract: no readings besides the printed ones, none kept", !w[2]->glyphs);
    if (w[0]->glyphs && w[1]->glyphs) {
        VB_CHECK_INT("tesseract: one glyph per code point", (int)w[0]->glyphs->n, 4);
        const vb_glyph *g = &w[0]->glyphs->glyph[1];
        VB_CHECK("tesseract: 'ằ' first, then 'ẳ', 'ầ'",
                 g->n == 3 && g->cp[0] == 0x1EB1 && g->cp[1] == 0x1EB3 && g->cp[2] == 0x1EA7);
        VB_CHECK("tesseract: the printed reading scored as its choice (x_confs)", S_near(g->score[0], 0.88463074f));
        VB_CHECK("tesseract: the others' scores", S_near(g->score[1], 0.074700832f) && S_near(g->score[2], 0.037361431f));
        VB_CHECK("tesseract: a zero score is no reading", w[0]->glyphs->glyph[0].n == 1);
        VB_CHECK("tesseract: 'H' scored", S_near(w[0]->glyphs->glyph[0].score[0], 0.94255074f));
        const vb_glyph *a = &w[1]->glyphs->glyph[1];
        VB_CHECK("tesseract: five readings of 'ă', best first",
                 a->n == 5 && a->cp[0] == 0x0103 && a->cp[1] == 0x00E3 && a->cp[2] == 0x1EAF &&
                     a->cp[3] == 0x00E4 && a->cp[4] == 0x1EB5);
        VB_CHECK_INT("tesseract: ',' is the fourth glyph", (int)w[1]->glyphs->glyph[3].cp[0], ',');
    }
    for (size_t k = 0; k < n; k++) {
        const char *why = S_rules(w[k]);
        VB_CHECK_STR("tesseract: the glyph rules", why ? why : "", "");
    }
    vb_source_free(src);
}

/* Readings Tesseract gives per timestep (lstm_choice_mode=1): a glyph's
 * reading appears in several; more readings than are kept; readings before
 * any glyph; scores that are no scores. */
static void S_odd_readings(void) {
    static const char H[] =
        PAGE_HEAD
        /* timesteps: 'H' at 50, 99, 88, 'K' at 3 and 20 */
        WORD(10, 100, GLYPH("H", "99")
              "<span class='ocr_symbol' id='symbol_1_1_1'>"
              "<span class='ocrx_cinfo' id='timestep1_1_1'>" CHOICE("", "99") "</span>"
              "<span class='ocrx_cinfo' id='timestep1_1_2'>" CHOICE("H", "50") CHOICE("K", "3") "</span>"
              "<span class='ocrx_cinfo' id='timestep1_1_3'>" CHOICE("H", "99") CHOICE("K", "20") "</span>"
              "<span class='ocrx_cinfo' id='timestep1_1_4'>" CHOICE("H", "88") CHOICE("K", "11") "</span>"
              "</span>"
              GLYPH("à", "98"))
        /* readings before the first glyph; eight others for 'a' */
        WORD(120, 200, CHOICES(CHOICE("X", "90") CHOICE("Y", "80"))
              GLYPH("c", "99") GLYPH("a", "97")
              CHOICES(CHOICE("a", "70") CHOICE("1", "1") CHOICE("2", "2") CHOICE("3", "3")
                      CHOICE("4", "4") CHOICE("5", "5") CHOICE("6", "6") CHOICE("7", "7")
                      CHOICE("8", "8")))
        /* scores that are no scores */
        WORD(220, 300, GLYPH("t", "99")
              CHOICES(CHOICE("t", "80") CHOICE("f", "-5") CHOICE("l", "nan") CHOICE("i", "NaN")
                      CHOICE("j", "1e309") CHOICE("k", "x") CHOICE("r", "") CHOICE("z", "-0")
                      CHOICE("rn", "40") CHOICE("", "40"))
              GLYPH("o", "99"))
        PAGE_TAIL;
    vb_source *src = S_read("odd.hocr", H, sizeof H - 1);
    const vb_run *w[8];
    size_t n = S_words(src, w, 8);
    VB_CHECK_INT("odd: three words", (int)n, 3);
    if (n != 3) {
        vb_source_free(src);
        return;
    }
    VB_CHECK_STR("odd: timesteps, the word", w[0]->text, "Hà");
    VB_CHECK_STR("odd: readings before a glyph, the word", w[1]->text, "ca");
    VB_CHECK_STR("odd: bad scores, the word", w[2]->text, "to");
    if (w[0]->glyphs) {
        const vb_glyph *g = &w[0]->glyphs->glyph[0];
        VB_CHECK("odd: a reading of several timesteps kept once", g->n == 2 && g->cp[1] == 'K');
        VB_CHECK("odd: ... at its best score", S_near(g->score[1], 0.20f));
        VB_CHECK("odd: the printed reading at its best score", S_near(g->score[0], 0.99f));
    } else {
        VB_CHECK("odd: timesteps give readings", false);
    }
    if (w[1]->glyphs) {
        VB_CHECK("odd: readings before any glyph belong to none", w[1]->glyphs->glyph[0].n == 1);
        const vb_glyph *g = &w[1]->glyphs->glyph[1];
        VB_CHECK_INT("odd: as many readings as are kept", g->n, VB_GLYPH_READINGS);
        VB_CHECK("odd: the printed one and the best others", g->cp[0] == 'a' && g->cp[1] == '8' &&
                                                                  g->cp[VB_GLYPH_READINGS - 1] == '4');
    } else {
        VB_CHECK("odd: eight readings give readings", false);
    }
    if (w[2]->glyphs) {
        const vb_glyph *g = &w[2]->glyphs->glyph[0];
        /* 1e309 is past any double: taken as the top of the scale */
        VB_CHECK("odd: only the scores that are scores", g->n == 2 && g->cp[1] == 'j' && g->score[1] == 1.0f);
    } else {
        VB_CHECK("odd: 1e309 gives a reading", false);
    }
    for (size_t k = 0; k < n; k++) {
        const char *why = S_rules(w[k]);
        VB_CHECK_STR("odd: the glyph rules", why ? why : "", "");
    }
    vb_source_free(src);
}

/* Glyphs that are not one code point each: the word as its glyphs spell it,
 * and no readings (glyph k would no longer be code point k). */
static void S_odd_glyphs(void) {
    static const char H[] =
        PAGE_HEAD
        WORD(10, 100, GLYPH("b", "99") CHOICES(CHOICE("b", "90") CHOICE("h", "9")) GLYPH("an", "99"))
        WORD(120, 200, GLYPH("Ủ", "99") CHOICES(CHOICE("Ủ", "90") CHOICE("Ú", "9")) GLYPH("", "99")
              GLYPH("y", "99"))
        WORD(220, 300, GLYPH(" d ", "99") CHOICES(CHOICE("d", "80") CHOICE("đ", "60")) GLYPH("\nâ ", "99")
              GLYPH("n", "99"))
        PAGE_TAIL;
    vb_source *src = S_read("glyphs.hocr", H, sizeof H - 1);
    const vb_run *w[8];
    size_t n = S_words(src, w, 8);
    VB_CHECK_INT("glyphs: three words", (int)n, 3);
    if (n == 3) {
        VB_CHECK_STR("glyphs: a glyph of two code points", w[0]->text, "ban");
        VB_CHECK("glyphs: ... no readings", !w[0]->glyphs);
        VB_CHECK_STR("glyphs: an empty glyph", w[1]->text, "Ủy");
        VB_CHECK("glyphs: ... no readings", !w[1]->glyphs);
        VB_CHECK_STR("glyphs: blanks around glyphs", w[2]->text, "dân");
        VB_CHECK("glyphs: ... readings kept", w[2]->glyphs && w[2]->glyphs->n == 3 &&
                                                  w[2]->glyphs->glyph[0].cp[1] == 0x0111);
    }
    vb_source_free(src);

    /* 1,000 glyphs in one word: the word whole, more glyphs than are
     * weighed, so no readings */
    vb_buf b = {0};
    vb_buf_puts(&b, PAGE_HEAD "<span class='ocrx_word' title='bbox 10 10 900 60'>");
    for (int k = 0; k < 1000; k++) {
        vb_buf_puts(&b, k % 2 ? GLYPH("ă", "99") : GLYPH("a", "99"));
        vb_buf_puts(&b, CHOICES(CHOICE("a", "80") CHOICE("ạ", "10")));
    }
    vb_buf_puts(&b, "</span>" PAGE_TAIL);
    src = S_read("long.hocr", b.data, b.len);
    n = S_words(src, w, 8);
    uint32_t cp[1];
    VB_CHECK("long: one word of 1,000 code points", n == 1 && S_cps(w[0]->text, cp, 1) == 1000);
    VB_CHECK("long: no readings", n == 1 && !w[0]->glyphs);
    vb_source_free(src);
    vb_buf_free(&b);
}

/* The committed fixtures, from Tesseract runs and in its form: every run's
 * glyphs keep the rules. */
static void S_fixtures(void) {
    static const char *const files[] = {"tests/fixtures/extract/hocr_glyph_choices.hocr",
                                        "tests/fixtures/extract/hocr_glyph_styled.hocr",
                                        "tests/fixtures/normalize/glyph_readings.hocr",
                                        "tests/fuzz/pages-corpus/glyph-timesteps.hocr"};
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        FILE *fp = fopen(files[f], "rb");
        VB_CHECK(files[f], fp != NULL);
        if (!fp) continue;
        vb_buf b = {0};
        char chunk[4096];
        size_t got;
        while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0) vb_buf_append(&b, chunk, got);
        fclose(fp);
        size_t skip = strstr(files[f], "pages-corpus") ? 2 : 0; /* the fuzz option bytes */
        vb_source *src = S_read(files[f], b.data + skip, b.len - skip);
        const vb_run *w[256];
        size_t n = S_words(src, w, 256), with = 0;
        const char *why = NULL;
        for (size_t k = 0; k < n && !why; k++) {
            why = S_rules(w[k]);
            with += w[k]->glyphs != NULL;
        }
        char name[200];
        snprintf(name, sizeof name, "%s: the glyph rules", files[f]);
        VB_CHECK_STR(name, why ? why : "", "");
        snprintf(name, sizeof name, "%s: words with readings", files[f]);
        VB_CHECK(name, with > 0);
        vb_source_free(src);
        vb_buf_free(&b);
    }
}

int main(void) {
    S_tesseract_form();
    S_odd_readings();
    S_odd_glyphs();
    S_fixtures();
    return vb_test_done();
}
