#!/bin/sh
# The fuzz corpora replayed through their harnesses (tests/fuzz/replay.c):
# every input must pass the harness's invariants (well-formed, schema-valid
# XML; HTML without live markup) within its time budget.  The hostile reader
# inputs (tests/hostile/readers/gen.py, small sizes) go through them too.
B=${1:-build}
cd "$(dirname "$0")/../.." || exit 2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

replay() { # harness, corpus directory
    if [ ! -x "$B/fuzz/replay_$1" ]; then
        echo "FAIL fuzz-replay/$1: $B/fuzz/replay_$1 is not built"
        return
    fi
    "$B/fuzz/replay_$1" "$2"
    rc=$?
    [ "$rc" = 0 ] || echo "FAIL fuzz-replay/$(basename "$2"): exited with status $rc"
}

replay text tests/fuzz/text-corpus
replay docx tests/fuzz/docx-corpus
replay pages tests/fuzz/pages-corpus

# the hostile inputs, behind option bytes: defaults (standalone HTML, line
# numbers) for the packages, the text inputs with a stated encoding and layout.
# (wide.docx stays small: 300 rows of 4,096 cells are 33 MB of XML and
# 11 MB of HTML for the checks to read back)
python3 tests/hostile/readers/gen.py "$T/gen" join.txt=300 headrows.txt=300 nulpad.txt u16.txt \
    join.docx=300 headrows.docx=300 wide.docx=20 spans.docx=300 label.docx attrs.docx=300 \
    few.docx entries.docx=300 runs.docx=200000 || { echo "FAIL fuzz-replay/generate"; exit 0; }
mkdir -p "$T/hostile-text" "$T/hostile-docx"
for f in "$T"/gen/*.txt; do { printf '\060\003'; cat "$f"; } >"$T/hostile-text/$(basename "$f")"; done
for f in "$T"/gen/*.docx; do { printf '\000\003'; cat "$f"; } >"$T/hostile-docx/$(basename "$f")"; done
replay text "$T/hostile-text"
replay docx "$T/hostile-docx"

# the hostile hOCR glyph spans and readings through the page readers' harness,
# the diacritics repair on (auto) so that the readings are weighed
python3 tests/hostile/readers/gen.py "$T/gen-pages" glyphs.hocr=2000 readings.hocr=2000 nested.hocr=2000 \
    glyphodd.hocr || { echo "FAIL fuzz-replay/generate-pages"; exit 0; }
mkdir -p "$T/hostile-pages"
for f in "$T"/gen-pages/*.hocr; do { printf '\001\003'; cat "$f"; } >"$T/hostile-pages/$(basename "$f")"; done
replay pages "$T/hostile-pages"
