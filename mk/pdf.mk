# PDF text layers through poppler's GLib API (Debian's libpoppler-glib-dev);
# hOCR and ALTO through libxml2, already a dependency.  The tests make their
# PDFs and OCR layers with Debian's tools: pango-view (pango1.0-tools),
# Tesseract with its Vietnamese model, qpdf (an encrypted PDF).
.DEFAULT_GOAL := all
EXTRA_DEB_PKGS += libpoppler-glib-dev pango1.0-tools tesseract-ocr tesseract-ocr-vie qpdf
PKGS += poppler-glib

# ---- the page readers' fuzz harness: replayed in make check (fuzz_replay.sh),
# libFuzzer with clang: make fuzz-pages FUZZ_TIME=600 ----
all: build/fuzz/replay_pages
asan: build/asan/fuzz/replay_pages

build/fuzz/fuzz_pages: tests/fuzz/fuzz_pages.c tests/fuzz/fuzz_check.h $(LIB_SRC)
	@mkdir -p $(dir $@)
	clang -std=c11 -D_POSIX_C_SOURCE=200809L -g -O1 $(FUZZ_FLAGS) $(PKG_CFLAGS) -I. -o $@ $< $(LIB_SRC) $(LDLIBS)

.PHONY: fuzz-pages
fuzz-pages: build/fuzz/fuzz_pages
	@mkdir -p $(B)/fuzz/pages-corpus
	$(B)/fuzz/fuzz_pages -max_total_time=$(FUZZ_TIME) -max_len=262144 -rss_limit_mb=2048 \
	    $(B)/fuzz/pages-corpus tests/fuzz/pages-corpus
