# PDF text layers through poppler's GLib API (Debian's libpoppler-glib-dev);
# hOCR and ALTO through libxml2, already a dependency.  The tests make their
# PDFs and OCR layers with Debian's tools: pango-view (pango1.0-tools),
# Tesseract with its Vietnamese model, qpdf (an encrypted PDF).
.DEFAULT_GOAL := all
EXTRA_DEB_PKGS += libpoppler-glib-dev pango1.0-tools tesseract-ocr tesseract-ocr-vie qpdf
PKGS += poppler-glib
