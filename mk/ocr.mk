# --ocr: pages of a PDF whose text layer is poor or missing are rendered with
# poppler + Cairo and read with libtesseract's C API and its Vietnamese model
# (tesseract-ocr-vie, see pdf.mk).  The tests make an image-only PDF from a
# rendered page with img2pdf.
EXTRA_DEB_PKGS += libtesseract-dev libcairo2-dev img2pdf
PKGS += tesseract cairo
