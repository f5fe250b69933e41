/* Unit tests of the readers of printed pages (hOCR, ALTO, PDF): blocks per
 * line with page and box, word confidences on the runs, page boundaries,
 * the form's columns split by position, and the refusals. */
#include "../../extract/extract.h"
#include "../../model/model.h"
#include "../../pipeline/pipeline.h"
#include "../support/vb_test.h"

#include <string.h>

static const char HOCR[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body>\n"
    "<div class='ocr_page' title='bbox 0 0 1000 1400; ppageno 0'>\n"
    " <p class='ocr_par'>\n"
    "  <span class='ocr_line' title='bbox 10 20 900 40'>"
    "<span class='ocrx_word' title='bbox 10 20 100 40; x_wconf 91'>ỦY</span> "
    "<span class='ocrx_word' title='bbox 110 20 200 40; x_wconf 88'>BAN</span> "
    "<span class='ocrx_word' title='bbox 600 20 700 40; x_wconf 42'>CỘNG</span> "
    "<span class='ocrx_word' title='bbox 710 20 900 40; x_wconf 95'>HÒA</span></span>\n"
    "  <span class='ocr_line' title='bbox 10 50 300 70'>"
    "<span class='ocrx_word' title='bbox 10 50 300 70'>Nội</span></span>\n"
    " </p>\n"
    "</div>\n"
    "<div class='ocr_page' title='bbox 0 0 1000 1400; ppageno 1'>\n"
    " <p class='ocr_par'><span class='ocr_line' title='bbox 15 30 400 55'>"
    "<span class='ocrx_word' title='bbox 15 30 400 55; x_wconf 77'>dung</span></span></p>\n"
    "</div></body></html>\n";

static const char ALTO[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<alto xmlns=\"http://www.loc.gov/standards/alto/ns-v3#\"><Description>"
    "<MeasurementUnit>pixel</MeasurementUnit></Description><Layout>"
    "<Page ID=\"p1\" WIDTH=\"1000\" HEIGHT=\"1400\"><PrintSpace>"
    "<TextBlock><TextLine HPOS=\"10\" VPOS=\"20\" WIDTH=\"300\" HEIGHT=\"25\">"
    "<String CONTENT=\"Kế\" WC=\"0.93\" HPOS=\"10\" VPOS=\"20\" WIDTH=\"50\" HEIGHT=\"25\"/><SP/>"
    "<String CONTENT=\"hoạch\" WC=\"0.5\" HPOS=\"70\" VPOS=\"20\" WIDTH=\"120\" HEIGHT=\"25\"/>"
    "<HYP CONTENT=\"-\"/></TextLine></TextBlock>"
    "</PrintSpace></Page>"
    "<Page ID=\"p2\"><PrintSpace><TextBlock><TextLine HPOS=\"5\" VPOS=\"6\" WIDTH=\"7\" HEIGHT=\"8\">"
    "<String CONTENT=\"năm\"/></TextLine></TextBlock></PrintSpace></Page>"
    "</Layout></alto>\n";

static const char LAUGHS[] =
    "<?xml version=\"1.0\"?>\n<!DOCTYPE html [<!ENTITY a \"haha\"><!ENTITY b \"&a;&a;&a;&a;\">]>\n"
    "<html><body><div class='ocr_page'><span class='ocr_line'>&b;</span></div></body></html>\n";

static const char *S_text(vb_source *src, const vb_block *b) {
    return b ? vb_block_text(src, b, NULL) : "";
}

static void S_hocr(void) {
    vb_source *src = NULL;
    int st = vb_extract_hocr("t.hocr", (const unsigned char *)HOCR, sizeof HOCR - 1, NULL, &src);
    VB_CHECK_INT("hocr: reads", st, VB_OK);
    VB_CHECK_STR("hocr: format", src->format, "hocr");
    const vb_block *b1 = src->first, *b2 = b1 ? b1->next : NULL, *b3 = b2 ? b2->next : NULL,
                   *b4 = b3 ? b3->next : NULL;
    VB_CHECK_STR("hocr: left column of the line", S_text(src, b1), "ỦY BAN");
    VB_CHECK_STR("hocr: right column of the line", S_text(src, b2), "CỘNG HÒA");
    VB_CHECK("hocr: the column's own box", b2 && b2->box[0] == 600 && b2->box[2] == 900 && b2->box[1] == 20);
    VB_CHECK("hocr: page 1", b1 && b1->page == 1 && b3 && b3->page == 1);
    VB_CHECK_INT("hocr: lines numbered in order", b3 ? b3->line : 0, 3);
    VB_CHECK("hocr: word confidence on the run", b2 && b2->runs && b2->runs->word_conf == 43);
    VB_CHECK("hocr: no confidence, none kept", b3 && b3->runs && b3->runs->word_conf == 0);
    VB_CHECK("hocr: page 2 starts with a form feed",
             b4 && b4->page == 2 && (b4->flags & VB_BLOCK_FORM_FEED) && !(b3->flags & VB_BLOCK_FORM_FEED));
    VB_CHECK("hocr: a line after a split line starts a paragraph", b3 && !(b3->flags & VB_BLOCK_NO_BLANK_BEFORE));
    vb_source_free(src);

    src = NULL;
    st = vb_extract_hocr("laughs.hocr", (const unsigned char *)LAUGHS, sizeof LAUGHS - 1, NULL, &src);
    VB_CHECK_INT("hocr: entities refused", st, VB_ERR_FORMAT);
    const vb_diag *g = vb_diags_first_error(&src->diags);
    VB_CHECK("hocr: entities refused, said so", g && strstr(g->message, "declares XML entities"));
    vb_source_free(src);

    vb_extract_options o = {.max_pages = 1};
    src = NULL;
    st = vb_extract_hocr("t.hocr", (const unsigned char *)HOCR, sizeof HOCR - 1, &o, &src);
    VB_CHECK_INT("hocr: page limit", st, VB_ERR_LIMIT);
    vb_source_free(src);
}

static void S_alto(void) {
    vb_source *src = NULL;
    int st = vb_extract_alto("t.xml", (const unsigned char *)ALTO, sizeof ALTO - 1, NULL, &src);
    VB_CHECK_INT("alto: reads", st, VB_OK);
    const vb_block *b1 = src->first, *b2 = b1 ? b1->next : NULL;
    VB_CHECK_STR("alto: words and the hyphen", S_text(src, b1), "Kế hoạch-");
    VB_CHECK("alto: box from HPOS VPOS WIDTH HEIGHT",
             b1 && b1->box[0] == 10 && b1->box[1] == 20 && b1->box[2] == 310 && b1->box[3] == 45);
    VB_CHECK("alto: WC as percent", b1 && b1->runs && b1->runs->word_conf == 94);
    VB_CHECK("alto: page 2", b2 && b2->page == 2 && (b2->flags & VB_BLOCK_FORM_FEED));
    vb_source_free(src);
    VB_CHECK_INT("sniff: alto", vb_sniff((const unsigned char *)ALTO, sizeof ALTO - 1), VB_SNIFF_ALTO);
    VB_CHECK_INT("sniff: hocr", vb_sniff((const unsigned char *)HOCR, sizeof HOCR - 1), VB_SNIFF_HOCR);
    VB_CHECK_INT("sniff: markup in a text stays text",
                 vb_sniff((const unsigned char *)"<b>KẾ HOẠCH</b>\n", 17), VB_SNIFF_TEXT);
}

/* The model keeps page and box by line, for every node. */
static void S_model(void) {
    vb_pipeline_options opts;
    vb_pipeline_options_default(&opts);
    opts.normalize.diacritics = VB_DIACRITICS_OFF;
    vb_doc *doc = NULL;
    int st = vb_convert_memory("t.hocr", (const unsigned char *)HOCR, sizeof HOCR - 1, &opts, &doc, NULL);
    VB_CHECK_INT("model: converts", st, VB_OK);
    if (!doc) return;
    const vb_position *p = vb_doc_position(doc, 2);
    VB_CHECK("model: line 2's page and box", p && p->page == 1 && p->box[0] == 600);
    p = vb_doc_position(doc, 3);
    VB_CHECK("model: line 3 on page 1", p && p->page == 1 && p->box[1] == 50);
    VB_CHECK("model: no line 0", vb_doc_position(doc, 0) == NULL);
    vb_doc_free(doc);
}

static void S_pdf_refusals(void) {
    static const char junk[] = "%PDF-1.4\n% nothing\n";
    vb_source *src = NULL;
    int st = vb_extract_pdf("junk.pdf", (const unsigned char *)junk, sizeof junk - 1, NULL, &src);
    VB_CHECK_INT("pdf: damaged refused", st, VB_ERR_FORMAT);
    const vb_diag *g = vb_diags_first_error(&src->diags);
    VB_CHECK("pdf: damaged, said so", g && strstr(g->message, "damaged or truncated PDF"));
    vb_source_free(src);
}

/* A run of several words of a PDF's text layer, each with its box: a
 * piece of it, and a repair inside it, find their own words. */
static void S_word_boxes(void) {
    vb_source *src = vb_source_new("t.pdf", "pdf");
    vb_block *b = vb_source_add_block(src, VB_BLOCK_PARAGRAPH, 1);
    /* "Ke", "hoach" after two blanks, "nam" after a no-break space, "2024" */
    static const char text[] = "Ke  hoach\xC2\xA0nam 2024";
    vb_run *r = vb_block_add_run(src, b, VB_RUN_TEXT, text, sizeof text - 1, 0);
    static const float box[4][4] = {
        {10, 20, 30, 40}, {40, 21, 90, 42}, {100, 19, 130, 40}, {140, 20, 180, 40}};
    vb_word_boxes wb = {box, 4, 3};
    VB_CHECK("word boxes: none, no position", vb_run_word_pos(src, r, 0, 2) == NULL);
    VB_CHECK("word boxes: none, no piece's", vb_run_word_boxes_from(src, r, 4) == NULL);
    r->word_boxes = &wb;
    const vb_word_pos *p = vb_run_word_pos(src, r, 4, 5); /* "hoach" */
    VB_CHECK("word boxes: a word's page and box",
             p && p->page == 3 && p->box[0] == 40 && p->box[1] == 21 && p->box[2] == 90 && p->box[3] == 42);
    p = vb_run_word_pos(src, r, 0, 9); /* "Ke  hoach" */
    VB_CHECK("word boxes: two words, the box around both",
             p && p->box[0] == 10 && p->box[1] == 20 && p->box[2] == 90 && p->box[3] == 42);
    p = vb_run_word_pos(src, r, 11, 3); /* "nam", after the no-break space */
    VB_CHECK("word boxes: a no-break space parts words", p && p->box[0] == 100 && p->box[2] == 130);
    p = vb_run_word_pos(src, r, 6, 1); /* inside "hoach" */
    VB_CHECK("word boxes: a part of a word, the word's box", p && p->box[0] == 40 && p->box[2] == 90);
    VB_CHECK("word boxes: nothing after the text", vb_run_word_pos(src, r, sizeof text - 1, 0) == NULL);
    const vb_word_boxes *from = vb_run_word_boxes_from(src, r, 2); /* "  hoach nam 2024" */
    VB_CHECK("word boxes: a piece from a blank starts at the next word",
             from && from->n == 3 && from->page == 3 && from->box[0][0] == 40);
    from = vb_run_word_boxes_from(src, r, 6); /* "ach nam 2024": the rest of "hoach" */
    VB_CHECK("word boxes: a piece from inside a word starts with it",
             from && from->n == 3 && from->box[0][0] == 40);
    VB_CHECK("word boxes: a piece from the start is the run's", vb_run_word_boxes_from(src, r, 0) == &wb);
    from = vb_run_word_boxes_from(src, r, 15); /* "2024" */
    VB_CHECK("word boxes: the last word", from && from->n == 1 && from->box[0][2] == 180);
    vb_source_free(src);
}

int main(void) {
    S_word_boxes();
    S_hocr();
    S_alto();
    S_model();
    S_pdf_refusals();
    return vb_test_done();
}
