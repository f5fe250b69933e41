# DOCX reader: ZIP packages (ZIP64 too) through libzip (Debian's libzip-dev).
# (this file is read before the main rules: keep `make` meaning `make all`)
.DEFAULT_GOAL := all
EXTRA_DEB_PKGS += libzip-dev
PKGS += libzip

# ---- fuzzing the DOCX reader with libFuzzer (clang): make fuzz-docx FUZZ_TIME=600 ----
build/fuzz/fuzz_docx: tests/fuzz/fuzz_docx.c tests/fuzz/fuzz_check.h $(LIB_SRC)
	@mkdir -p $(dir $@)
	clang -std=c11 -D_POSIX_C_SOURCE=200809L -g -O1 $(FUZZ_FLAGS) $(PKG_CFLAGS) -I. -o $@ $< $(LIB_SRC) $(LDLIBS)

.PHONY: fuzz-docx
fuzz-docx: fuzz
fuzz: build/fuzz/fuzz_docx
	@mkdir -p $(B)/fuzz/docx-corpus
	$(B)/fuzz/fuzz_docx -max_total_time=$(FUZZ_TIME) -max_len=262144 -rss_limit_mb=2048 \
	    $(B)/fuzz/docx-corpus tests/fuzz/docx-corpus

# ---- the DOCX benchmark's baseline: Debian's pandoc, only for `make bench` ----
.PHONY: docx-bench-deps
bench: docx-bench-deps
docx-bench-deps:
	@command -v pandoc >/dev/null 2>&1 || { SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get install -y -qq --no-install-recommends pandoc >/dev/null; }
