/* ocr.h — reading a PDF page again with Tesseract (--ocr): the page is
 * rendered with poppler + Cairo and recognised with libtesseract's C API,
 * and its lines become the blocks an hOCR layer of the page would give
 * (page, box, a run per word with the engine's confidence).  (Internal to
 * extract/.) */
#ifndef VB_EXTRACT_OCR_H
#define VB_EXTRACT_OCR_H

#include "pages.h"

#include <poppler.h>

/* Rendering resolution when the options give none, and the largest page
 * image read (pixels): a 300 dpi A4 page has 8.7 million. */
#define VB_OCR_DEFAULT_DPI 300
#define VB_OCR_DEFAULT_MAX_PIXELS ((size_t)100 * 1000 * 1000)

/* The engine of one document (one Tesseract handle: a document is read by
 * one thread). */
typedef struct vb_ocr vb_ocr;

/* Page number pno (1-based) of a PDF has been read into pg from its text
 * layer: the blocks after page_last (NULL: from the first), numbered after
 * page_line.  When its layer is empty or poor (vb_page_layer_poor), they
 * are dropped and the page is read again from its image; the engine is
 * started on the first such page (*ocr, freed by vb_ocr_free).  Returns 1
 * when the page was read again, 0 when its layer was kept, or a negative
 * status with an error in pg->src->diags. */
int vb_ocr_pdf_page(vb_ocr **ocr, const vb_extract_options *opts, vb_pager *pg, PopplerPage *page,
                    int pno, vb_block *page_last, int page_line);

void vb_ocr_free(vb_ocr *ocr);

#endif
