# --ocr: pages of a PDF whose text layer is poor or missing are rendered with
# poppler + Cairo and read with libtesseract's C API and its Vietnamese model
# (tesseract-ocr-vie, see pdf.mk).  The tests make an image-only PDF from a
# rendered page with img2pdf.
EXTRA_DEB_PKGS += libtesseract-dev libcairo2-dev img2pdf
PKGS += tesseract cairo

# the unit test draws its pages with Cairo's fonts and frees fontconfig's
# caches at the end, so that the leak checker sees only what is ours
%/tests/test_ocr: LDLIBS += $(shell pkg-config --libs fontconfig 2>/dev/null)
