# vanban — build, test, demo and benchmarks.
#   make demo    install dependencies, build, convert samples/ into out/
#   make check   install dependencies, build, run every test (also under ASan+UBSan)

CC      ?= cc
PKGS    := icu-uc icu-i18n libxml-2.0 libpcre2-8 zlib
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
# Optional extra libraries a stage may bring in (each adds itself below).
EXTRA_LIBS :=

WARN    := -Wall -Wextra -Werror -Wno-unused-parameter
CFLAGS  ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L $(WARN) $(CFLAGS) $(PKG_CFLAGS) -I.
LDLIBS   = $(PKG_LIBS) $(EXTRA_LIBS) -lpthread -lm

SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
# the sanitizer and fuzz builds stop at a refused tree edit or a tree that breaks its rules
CHECK_FLAGS := -DVB_CHECK_TREE
# Library objects: only what VB_EXPORT marks is visible outside the shared
# library; position-independent, so one set of objects makes both libvanban.a
# and libvanban.so (with the compiler's default PIE the cost is within noise).
LIB_FLAGS := -fvisibility=hidden -DVB_BUILD_LIBRARY -fPIC

VERSION := $(shell sed -n 's/^\#define VB_VERSION "\(.*\)"/\1/p' util/vb_util.h)
SOVERSION := 0
# The public headers: what a program using the library includes, installed
# under include/vanban/ with their directories (their "../stage/x.h"
# includes keep working there).
PUBLIC_HEADERS := util/vb_util.h extract/extract.h normalize/normalize.h model/model.h model/lexicon.h \
                  render/render.h pipeline/pipeline.h corpus/corpus.h

STAGES  := util extract normalize model render pipeline
LIB_SRC := $(sort $(foreach d,$(STAGES),$(wildcard $(d)/*.c)))
CLI_SRC := $(sort $(wildcard cli/*.c))
TEST_SRC := $(sort $(wildcard tests/unit/test_*.c))
TEST_SUPPORT := $(sort $(wildcard tests/support/*.c))

-include $(wildcard mk/*.mk)

B := build
LIB_OBJ  := $(LIB_SRC:%.c=$(B)/obj/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(B)/obj/%.o)
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(B)/tests/%)
SUP_OBJ  := $(TEST_SUPPORT:%.c=$(B)/obj/%.o)

A := $(B)/asan
ALIB_OBJ := $(LIB_SRC:%.c=$(A)/obj/%.o)
ACLI_OBJ := $(CLI_SRC:%.c=$(A)/obj/%.o)
ASUP_OBJ := $(TEST_SUPPORT:%.c=$(A)/obj/%.o)
ATEST_BIN := $(TEST_SRC:tests/unit/%.c=$(A)/tests/%)

# The renderers name every node kind in a switch on it (no silent default),
# so a kind added to model.h fails their build until each renders it.
$(B)/obj/render/%.o $(A)/obj/render/%.o: WARN += -Wswitch-enum

.SECONDARY:
.PHONY: install fuzz-text all deps demo check test test-asan asan clean bench model fuzz install-deps-quiet
all: $(B)/vanban $(B)/libvanban.a $(B)/libvanban.so $(TEST_BIN)

# ---- dependencies (Debian) ----
# build: compiler and the four libraries; tests: xmllint, clang (fuzz harness
# builds), Chromium and a font for the HTML screenshot test, python3 for
# the test and training scripts.
DEB_PKGS := build-essential pkg-config libicu-dev icu-devtools libxml2-dev libxml2-utils \
            libpcre2-dev zlib1g-dev python3 chromium fonts-liberation $(EXTRA_DEB_PKGS)
deps:
	@missing=""; for p in $(DEB_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

# ---- build ----
$(B)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(LIB_OBJ): $(B)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LIB_FLAGS) -MMD -MP -c $< -o $@

$(B)/libvanban.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

# The shared library: real name libvanban.so.VERSION, soname libvanban.so.SOVERSION.
$(B)/libvanban.so.$(VERSION): $(LIB_OBJ)
	$(CC) -shared -Wl,-soname,libvanban.so.$(SOVERSION) -Wl,--no-undefined $(CFLAGS) \
	    -o $@ $(LIB_OBJ) $(LDLIBS)

$(B)/libvanban.so: $(B)/libvanban.so.$(VERSION)
	ln -sf libvanban.so.$(VERSION) $(B)/libvanban.so.$(SOVERSION)
	ln -sf libvanban.so.$(VERSION) $@

$(B)/vanban: $(CLI_OBJ) $(B)/libvanban.a
	$(CC) $(ALL_CFLAGS) -o $@ $(CLI_OBJ) $(B)/libvanban.a $(LDLIBS)

$(B)/tests/%: tests/unit/%.c $(SUP_OBJ) $(B)/libvanban.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -MF $@.d -o $@ $< $(SUP_OBJ) $(B)/libvanban.a $(LDLIBS)

# ---- sanitizer build: same sources, ASan+UBSan, stops at the first report ----
$(A)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -O1 $(SAN_FLAGS) $(CHECK_FLAGS) -MMD -MP -c $< -o $@

$(ALIB_OBJ): $(A)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -O1 $(SAN_FLAGS) $(CHECK_FLAGS) $(LIB_FLAGS) -MMD -MP -c $< -o $@

$(A)/libvanban.a: $(ALIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(A)/vanban: $(ACLI_OBJ) $(A)/libvanban.a
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -o $@ $(ACLI_OBJ) $(A)/libvanban.a $(LDLIBS)

$(A)/tests/%: tests/unit/%.c $(ASUP_OBJ) $(A)/libvanban.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -O1 $(SAN_FLAGS) $(CHECK_FLAGS) -MMD -MP -MF $@.d -o $@ $< $(ASUP_OBJ) $(A)/libvanban.a $(LDLIBS)

asan: $(A)/vanban $(ATEST_BIN)

# ---- tests ----
test: all
	@sh tests/run.sh $(B)

test-asan: asan
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 sh tests/run.sh $(A)

check: deps
	@$(MAKE) --no-print-directory all asan
	@sh tests/check.sh $(B) $(A)

# ---- demo: every sample into out/ as XML and HTML ----
demo: deps
	@$(MAKE) --no-print-directory $(B)/vanban
	$(B)/vanban convert -f xml -o out samples
	$(B)/vanban convert -f html -o out samples
	@echo "demo: see out/ (XML and HTML of every sample)"

clean:
	rm -rf $(B) out

# (tests and their support files too: a header that changes a struct must
# rebuild every object that lays it out)
-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(ALIB_OBJ:.o=.d) $(ACLI_OBJ:.o=.d)
-include $(SUP_OBJ:.o=.d) $(ASUP_OBJ:.o=.d) $(TEST_BIN:=.d) $(ATEST_BIN:=.d)

# ---- install: make install [PREFIX=/usr/local] [DESTDIR=staging dir] ----
# The program, both libraries, the public headers (include/vanban/STAGE/x.h),
# a pkg-config file (vanban.pc), the man page and the diacritics model.
PREFIX  ?= /usr/local
LIBDIR  ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
MANDIR  ?= $(PREFIX)/share/man
DATADIR ?= $(PREFIX)/share/vanban
# The program looks for the installed model in DATADIR: cli/model.c is
# rebuilt when it changes (the stamp holds the last one built with).
$(B)/obj/cli/model.o $(A)/obj/cli/model.o: ALL_CFLAGS += -DVB_DATADIR='"$(DATADIR)"'
$(B)/obj/cli/model.o $(A)/obj/cli/model.o: $(B)/datadir.stamp
$(B)/datadir.stamp: FORCE
	@mkdir -p $(B); echo '$(DATADIR)' | cmp -s - $@ || echo '$(DATADIR)' > $@
.PHONY: FORCE
FORCE:
install: $(B)/vanban $(B)/libvanban.a $(B)/libvanban.so
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(DATADIR)
	install -m 755 $(B)/vanban $(DESTDIR)$(PREFIX)/bin/vanban
	install -m 644 $(B)/libvanban.a $(DESTDIR)$(LIBDIR)/libvanban.a
	install -m 755 $(B)/libvanban.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libvanban.so.$(VERSION)
	ln -sf libvanban.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libvanban.so.$(SOVERSION)
	ln -sf libvanban.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libvanban.so
	for h in $(PUBLIC_HEADERS); do \
	  install -d $(DESTDIR)$(INCLUDEDIR)/vanban/$$(dirname $$h) && \
	  install -m 644 $$h $(DESTDIR)$(INCLUDEDIR)/vanban/$$h || exit 1; \
	done
	install -m 644 docs/vanban.1 $(DESTDIR)$(MANDIR)/man1/vanban.1
	install -m 644 data/model/lm.bin data/model/channel.tsv data/model/words.tsv \
	    $(DESTDIR)$(DATADIR)/
	{ echo 'prefix=$(PREFIX)'; echo 'libdir=$(LIBDIR)'; echo 'includedir=$(INCLUDEDIR)'; echo; \
	  echo 'Name: vanban'; \
	  echo 'Description: Vietnamese administrative documents to structured XML, HTML and text'; \
	  echo 'Version: $(VERSION)'; \
	  echo 'Requires.private: $(PKGS)'; \
	  echo 'Cflags: -I$${includedir}'; \
	  echo 'Libs: -L$${libdir} -lvanban'; \
	  echo 'Libs.private: $(EXTRA_LIBS) -lpthread -lm'; \
	} > $(DESTDIR)$(LIBDIR)/pkgconfig/vanban.pc

# ---- benchmarks: each bench/*_bench.sh prints its figures and the ratio to the baseline it names ----
bench: all
	@sh bench/run.sh $(B)

# ---- fuzzing the text path with libFuzzer (clang); tests/fuzz/text-corpus keeps inputs that once crashed ----
FUZZ_FLAGS := -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all $(CHECK_FLAGS)
FUZZ_TIME ?= 60
$(B)/fuzz/fuzz_text: tests/fuzz/fuzz_text.c tests/fuzz/fuzz_check.h $(LIB_SRC)
	@mkdir -p $(dir $@)
	clang -std=c11 -D_POSIX_C_SOURCE=200809L -g -O1 $(FUZZ_FLAGS) $(PKG_CFLAGS) -I. -o $@ $< $(LIB_SRC) $(LDLIBS)

fuzz-text: $(B)/fuzz/fuzz_text
	@mkdir -p build/fuzz/text-corpus
	$(B)/fuzz/fuzz_text -max_total_time=$(FUZZ_TIME) -max_len=65536 build/fuzz/text-corpus \
	    tests/fuzz/text-corpus
