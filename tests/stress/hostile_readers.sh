#!/bin/sh
# make stress: the attacks of tests/scripts/hostile_readers.sh at the sizes
# that once cost minutes and gigabytes, with the same kind of budget (time
# and memory per input byte).  Takes the build directory (build, or
# build/asan to have the sanitizers watch the 2.2 M-cell row).
B=${1:-build}
V="${VANBAN:-$B/vanban}"
HERE=$(cd "$(dirname "$0")/.." && pwd)
GEN="$HERE/hostile/readers/gen.py"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
case "$B" in *asan*) SLOW=6 HEAVY=4 BASE_KB=262144 ;; *) SLOW=1 HEAVY=1 BASE_KB=65536 ;; esac

LABEL=stress SHOW_COST=1
# shellcheck source=../hostile/readers/budget.sh
. "$HERE/hostile/readers/budget.sh"

python3 "$GEN" "$T" join.txt=40000 join.docx=80000 headrows.txt=20000 headrows.docx=100000 \
    wide.docx=200000 spans.docx=2200000 entries.docx=60000 attrs.docx=200000 runs.docx=86000000 \
    glyphs.hocr=400000 readings.hocr=200000 nested.hocr=100000 || { echo "FAIL stress/generate"; exit 1; }
run join-text 0 10 256 "$T/join.txt" convert --diacritics off -o /dev/null          # was 22 s, 3.9 GB
run join-docx 0 20 512 "$T/join.docx" convert --diacritics off -o /dev/null         # was 124 s, 15.7 GB
run headrows-text 0 10 512 "$T/headrows.txt" convert --diacritics off -o /dev/null  # was 10.6 s, 1.8 GB
run headrows-docx 0 20 1024 "$T/headrows.docx" convert --diacritics off -o /dev/null
run wide 1 20 512 "$T/wide.docx" convert -o /dev/null                               # was 8.6 GB
run spans 0 20 512 "$T/spans.docx" convert -o /dev/null                             # int overflow
run entries 0 10 512 "$T/entries.docx" convert --diacritics off -o /dev/null        # was 7.5 s
run attrs 1 20 512 "$T/attrs.docx" convert -o /dev/null                             # was 195 s
run runs 1 5 64 "$T/runs.docx" convert -o /dev/null                                 # was 10.4 s, 1.2 GB
run glyphs 0 1 64 "$T/glyphs.hocr" convert -o /dev/null                            # 400,000 glyphs in a word
run readings 0 1 64 "$T/readings.hocr" convert -o /dev/null                        # 200,000 readings of a glyph
run nested 0 1 64 "$T/nested.hocr" convert -o /dev/null                            # 100,000 deep
