# The fuzz harnesses without libFuzzer: tests/fuzz/replay.c feeds every file
# of a corpus to a harness, built with the normal compiler (make all) and
# with the sanitizers (make asan); tests/scripts/fuzz_replay.sh runs them in
# make check.  (Read before the main rules, so the build folders are spelt
# out.)  libFuzzer itself: make fuzz-text, make fuzz-docx.
.DEFAULT_GOAL := all
FUZZ_HARNESS_DEPS := tests/fuzz/replay.c tests/fuzz/fuzz_check.h
all: build/fuzz/replay_text build/fuzz/replay_docx
asan: build/asan/fuzz/replay_text build/asan/fuzz/replay_docx

build/fuzz/replay_%: tests/fuzz/fuzz_%.c $(FUZZ_HARNESS_DEPS) build/libvanban.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ tests/fuzz/replay.c $< build/libvanban.a $(LDLIBS)

build/asan/fuzz/replay_%: tests/fuzz/fuzz_%.c $(FUZZ_HARNESS_DEPS) build/asan/libvanban.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -O1 $(SAN_FLAGS) $(CHECK_FLAGS) -o $@ tests/fuzz/replay.c $< \
	    build/asan/libvanban.a $(LDLIBS)
