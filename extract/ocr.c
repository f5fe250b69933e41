/* --ocr: the pages of a PDF whose text layer is missing or poor (lost marks,
 * cut words: the layers of OCR engines without Vietnamese) are read again
 * from their image.  The page is rendered with poppler on a Cairo image
 * surface (300 dpi unless the options say otherwise), turned to grey and
 * handed to libtesseract through its C API; the engine's lines, words, boxes
 * and confidences become the blocks an hOCR file of the page would give
 * (pages.h), so that normalize repairs them as OCR text and takes page
 * furniture off at the page's ends.  Boxes are given in PDF points, as on
 * the pages read from their layer.  Each word keeps the engine's readings
 * of its glyphs (its LSTM choices, lstm_choice_mode 2) with the scores the
 * hOCR reader takes from the same engine's hOCR: a choice's confidence
 * over 100, the printed glyph's own choice first.
 *
 * One Tesseract handle per document, started at the first page that needs
 * it: documents converted in parallel each have their own.  Tesseract's data
 * ("vie.traineddata") is looked up in $TESSDATA_PREFIX, else where Debian's
 * tesseract-ocr-vie puts it; a missing file is named with its path before
 * the engine is started.  A page whose image would pass the pixel limit is
 * refused. */
#include "ocr.h"
#include "../normalize/normalize.h"

#include <cairo.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <tesseract/capi.h>

#ifndef VB_TESSDATA_DEFAULT
#define VB_TESSDATA_DEFAULT "/usr/share/tesseract-ocr/5/tessdata"
#endif

struct vb_ocr {
    TessBaseAPI *api;
    vb_pager_wordlist words; /* the words of the line being read */
    vb_glyph g[VB_PAGER_MAX_GLYPHS]; /* the glyphs of the word being read */
};

void vb_ocr_free(vb_ocr *ocr) {
    if (!ocr) return;
    if (ocr->api) {
        TessBaseAPIEnd(ocr->api);
        TessBaseAPIDelete(ocr->api);
    }
    free(ocr->words.w);
    free(ocr);
}

/* Each language of "vie+eng" has its file in dir: else an error naming it. */
static int S_check_data(vb_source *src, const char *dir, const char *langs) {
    const char *p = langs;
    while (*p) {
        size_t n = strcspn(p, "+");
        if (n) {
            char *file = vb_arena_printf(src->arena, "%s%s%.*s.traineddata", dir,
                                         dir[0] && dir[strlen(dir) - 1] == '/' ? "" : "/", (int)n, p);
            struct stat st;
            if (stat(file, &st) != 0 || !S_ISREG(st.st_mode)) {
                vb_diag_add(&src->diags, VB_ERROR, 0, 0, -1, "ocr-no-data",
                            "--ocr: Tesseract's data for the language '%.*s' is missing: no %s "
                            "(install tesseract-ocr-%.*s, or set TESSDATA_PREFIX to the directory "
                            "that holds %.*s.traineddata)",
                            (int)n, p, file, (int)n, p, (int)n, p);
                return VB_ERR_IO;
            }
        }
        p += n;
        if (*p) p++;
    }
    return VB_OK;
}

static int S_open(vb_source *src, const vb_extract_options *opts, vb_ocr **out) {
    const char *langs = opts->ocr_lang && *opts->ocr_lang ? opts->ocr_lang : "vie";
    const char *dir = getenv("TESSDATA_PREFIX");
    if (!dir || !*dir) dir = VB_TESSDATA_DEFAULT;
    int st = S_check_data(src, dir, langs);
    if (st != VB_OK) return st;
    vb_ocr *ocr = calloc(1, sizeof *ocr);
    if (!ocr) abort();
    ocr->api = TessBaseAPICreate();
    if (!ocr->api) abort();
    /* the engine's own chatter ("Estimating resolution...") is not ours */
    TessBaseAPISetVariable(ocr->api, "debug_file", "/dev/null");
    if (TessBaseAPIInit3(ocr->api, dir, langs) != 0) {
        vb_diag_add(&src->diags, VB_ERROR, 0, 0, -1, "ocr-no-data",
                    "--ocr: Tesseract could not load the language '%s' from %s", langs, dir);
        vb_ocr_free(ocr);
        return VB_ERR_IO;
    }
    /* each glyph's other readings (without them the engine gives none) */
    TessBaseAPISetVariable(ocr->api, "lstm_choice_mode", "2");
    *out = ocr;
    return VB_OK;
}

/* A confidence in percent as a score 0..1. */
static float S_score(float conf) {
    return conf > 0 ? (conf < 100 ? conf / 100.0f : 1.0f) : 0.0f;
}

/* The glyphs of the word at it (text: the word as read), each with the
 * engine's readings, as the hOCR reader takes them from hOCR written with
 * hocr_char_boxes and lstm_choice_mode 2: a glyph per symbol the engine
 * printed (hOCR has no span for an empty one), its score that of its own
 * choice (else its confidence).  NULL when a glyph is not one code point,
 * when the glyphs do not spell the word, or when no glyph has another
 * reading. */
static const vb_glyphs *S_glyphs(vb_ocr *ocr, vb_arena *a, const TessResultIterator *it, const char *text) {
    TessResultIterator *s = TessResultIteratorCopy(it);
    if (!s) return NULL;
    TessPageIterator *sp = TessResultIteratorGetPageIterator(s);
    size_t n = 0, at = 0, len = strlen(text);
    bool usable = true;
    do {
        char *t = TessResultIteratorGetUTF8Text(s, RIL_SYMBOL);
        size_t tl = t ? strlen(t) : 0;
        if (tl) {
            uint32_t cp = vb_glyph_cp(t);
            if (!cp || n == VB_PAGER_MAX_GLYPHS || tl > len - at || memcmp(text + at, t, tl) != 0) {
                usable = false;
            } else {
                vb_glyph *g = &ocr->g[n++];
                at += tl;
                vb_glyph_start(g, cp, S_score(TessResultIteratorConfidence(s, RIL_SYMBOL)));
                TessChoiceIterator *ci = TessResultIteratorGetChoiceIterator(s);
                if (ci) {
                    do {
                        const char *c = TessChoiceIteratorGetUTF8Text(ci);
                        if (c) vb_glyph_reading(g, vb_glyph_cp(c), S_score(TessChoiceIteratorConfidence(ci)));
                    } while (TessChoiceIteratorNext(ci));
                    TessChoiceIteratorDelete(ci);
                }
            }
        }
        TessDeleteText(t);
    } while (usable && TessResultIteratorNext(s, RIL_SYMBOL) && !TessPageIteratorIsAtBeginningOf(sp, RIL_WORD));
    TessResultIteratorDelete(s);
    return usable && n && at == len ? vb_glyphs_keep(a, ocr->g, n) : NULL;
}

/* The line read so far becomes blocks. */
static void S_flush(vb_ocr *ocr, vb_pager *pg, const float line_box[4]) {
    if (ocr->words.n) vb_pager_words(pg, ocr->words.w, ocr->words.n, line_box);
    ocr->words.n = 0;
}

/* Renders the page to a grey image of w x h bytes (caller frees). */
static unsigned char *S_render(vb_source *src, PopplerPage *page, int pno, double scale, int w, int h) {
    cairo_surface_t *surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    if (cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS) {
        vb_diag_add(&src->diags, VB_ERROR, 0, 0, -1, "ocr-render",
                    "--ocr: page %d cannot be rendered (%d x %d pixels): %s", pno, w, h,
                    cairo_status_to_string(cairo_surface_status(surf)));
        cairo_surface_destroy(surf);
        return NULL;
    }
    cairo_t *cr = cairo_create(surf);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, scale, scale);
    poppler_page_render_for_printing(page, cr);
    cairo_status_t cst = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_flush(surf);
    if (cst != CAIRO_STATUS_SUCCESS) {
        vb_diag_add(&src->diags, VB_ERROR, 0, 0, -1, "ocr-render", "--ocr: page %d cannot be rendered: %s",
                    pno, cairo_status_to_string(cst));
        cairo_surface_destroy(surf);
        return NULL;
    }
    const unsigned char *data = cairo_image_surface_get_data(surf);
    int stride = cairo_image_surface_get_stride(surf);
    unsigned char *grey = malloc((size_t)w * (size_t)h);
    if (!grey) abort();
    for (int y = 0; y < h; y++) {
        const uint32_t *row = (const uint32_t *)(const void *)(data + (size_t)y * (size_t)stride);
        unsigned char *g = grey + (size_t)y * (size_t)w;
        for (int x = 0; x < w; x++) {
            uint32_t p = row[x];
            unsigned r = (p >> 16) & 0xFF, gr = (p >> 8) & 0xFF, b = p & 0xFF;
            g[x] = (unsigned char)((r * 299 + gr * 587 + b * 114) / 1000);
        }
    }
    cairo_surface_destroy(surf);
    return grey;
}

/* Reads the current page of pg from its image. */
static int S_read(vb_ocr *ocr, const vb_extract_options *opts, vb_pager *pg, PopplerPage *page, int pno) {
    vb_source *src = pg->src;
    int dpi = opts->ocr_dpi > 0 ? opts->ocr_dpi : VB_OCR_DEFAULT_DPI;
    size_t max_pixels = opts->ocr_max_pixels ? opts->ocr_max_pixels : VB_OCR_DEFAULT_MAX_PIXELS;
    double pw = 0, ph = 0;
    poppler_page_get_size(page, &pw, &ph);
    double scale = dpi / 72.0;
    double wd = ceil(pw * scale), hd = ceil(ph * scale);
    if (!(wd >= 1 && hd >= 1) || wd > 32767 || hd > 32767 || wd * hd > (double)max_pixels) {
        vb_diag_add(&src->diags, VB_ERROR, 0, 0, -1, "ocr-too-large",
                    "--ocr: page %d (%.0f x %.0f points) would be an image of %.0f x %.0f pixels at "
                    "%d dpi, more than the limit of %zu pixels: refused (a lower --ocr-dpi reads it)",
                    pno, pw, ph, wd, hd, dpi, max_pixels);
        return VB_ERR_LIMIT;
    }
    int w = (int)wd, h = (int)hd;
    unsigned char *grey = S_render(src, page, pno, scale, w, h);
    if (!grey) return VB_ERR_FORMAT;
    TessBaseAPISetImage(ocr->api, grey, w, h, 1, w);
    TessBaseAPISetSourceResolution(ocr->api, dpi);
    if (TessBaseAPIRecognize(ocr->api, NULL) != 0) {
        free(grey);
        TessBaseAPIClear(ocr->api);
        vb_diag_add(&src->diags, VB_ERROR, 0, 0, -1, "ocr-failed", "--ocr: Tesseract could not read page %d",
                    pno);
        return VB_ERR_FORMAT;
    }
    float k = (float)(72.0 / dpi); /* pixels to points */
    float line_box[4] = {0, 0, 0, 0};
    ocr->words.n = 0;
    TessResultIterator *it = TessBaseAPIGetIterator(ocr->api);
    if (it) {
        TessPageIterator *pit = TessResultIteratorGetPageIterator(it);
        do {
            if (TessPageIteratorIsAtBeginningOf(pit, RIL_TEXTLINE)) {
                S_flush(ocr, pg, line_box);
                if (TessPageIteratorIsAtBeginningOf(pit, RIL_PARA)) pg->par_start = true;
                int x0, y0, x1, y1;
                if (TessPageIteratorBoundingBox(pit, RIL_TEXTLINE, &x0, &y0, &x1, &y1)) {
                    line_box[0] = (float)x0 * k;
                    line_box[1] = (float)y0 * k;
                    line_box[2] = (float)x1 * k;
                    line_box[3] = (float)y1 * k;
                }
            }
            char *text = TessResultIteratorGetUTF8Text(it, RIL_WORD);
            if (text && *text) {
                int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
                TessPageIteratorBoundingBox(pit, RIL_WORD, &x0, &y0, &x1, &y1);
                float box[4] = {(float)x0 * k, (float)y0 * k, (float)x1 * k, (float)y1 * k};
                float c = TessResultIteratorConfidence(it, RIL_WORD);
                int conf = c < 0 ? 0 : c > 100 ? 100 : (int)(c + 0.5f);
                vb_pager_wordlist_add(&ocr->words, src->arena, text, conf, box, S_glyphs(ocr, src->arena, it, text));
            }
            TessDeleteText(text);
        } while (TessResultIteratorNext(it, RIL_WORD));
        S_flush(ocr, pg, line_box);
        TessResultIteratorDelete(it);
    }
    TessBaseAPIClear(ocr->api);
    free(grey);
    return VB_OK;
}

int vb_ocr_pdf_page(vb_ocr **ocr, const vb_extract_options *opts, vb_pager *pg, PopplerPage *page,
                    int pno, vb_block *page_last, int page_line) {
    vb_source *src = pg->src;
    vb_block *first = page_last ? page_last->next : src->first;
    if (first && !vb_page_layer_poor(first, pg->page)) return 0;
    if (!*ocr) {
        int st = S_open(src, opts, ocr);
        if (st != VB_OK) return st;
    }
    /* the page's layer goes; the page starts again */
    if (page_last) page_last->next = NULL;
    else src->first = NULL;
    src->last = page_last;
    pg->line = page_line;
    pg->before = page_last;
    pg->page_start = pg->page > 1;
    pg->par_start = true;
    pg->page_has_line = false;
    int st = S_read(*ocr, opts, pg, page, pno);
    return st == VB_OK ? 1 : st;
}
