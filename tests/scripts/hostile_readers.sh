#!/bin/sh
# Hostile input to the readers and the text paths: each case is one of the
# attacks the readers once answered badly, with the outcome a careful tool
# gives (exit status, message naming the file) and a budget of time and
# memory per input byte.  The inputs are sized so that a path gone quadratic
# costs seconds and hundreds of MB, while the linear one stays far below the
# budget, even under the sanitizers on a loaded machine.  The inputs come
# from tests/hostile/readers/gen.py (fixed seeds); `make stress` runs the same
# attacks at full size.
B=${1:-build}
V="${VANBAN:-$B/vanban}"
HERE=$(cd "$(dirname "$0")/.." && pwd)
GEN="$HERE/hostile/readers/gen.py"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
# the sanitizers slow a run down and keep freed memory in quarantine
if [ -n "$VANBAN_SANITIZED" ]; then SLOW=6 HEAVY=4 BASE_KB=262144; else SLOW=1 HEAVY=1 BASE_KB=65536; fi

LABEL=hostile
# shellcheck source=../hostile/readers/budget.sh
. "$HERE/hostile/readers/budget.sh"
has() { grep -q -- "$2" "$1"; echo $?; }

python3 "$GEN" "$T" join.txt join.docx headrows.txt headrows.docx wide.docx spans.docx=5000 label.docx nulpad.txt u16.txt entries.docx=20000 attrs.docx few.docx runs.docx=8000000 \
    glyphs.hocr readings.hocr nested.hocr glyphodd.hocr || { echo "FAIL hostile/generate"; exit 1; }

# DEFECT 1: 20,000 one-word lines, each continuing the paragraph (was 6 s,
# 990 MB: the whole paragraph was copied again at every join)
run join-text 0 10 256 "$T/join.txt" convert --diacritics off -o "$T/join-text.xml"
check "join-text/one-paragraph" "$([ "$(grep -c '<p ' "$T/join-text.xml")" -le 2 ]; echo $?)"
run join-docx 0 20 512 "$T/join.docx" convert --diacritics off -o "$T/join-docx.xml"

# DEFECT 2: 10,000 table rows that all read as header rows (was 3.4 s,
# 490 MB: each column's header grew by a copy per row)
run headrows-text 0 10 512 "$T/headrows.txt" convert --diacritics off -o "$T/headrows-text.xml"
check "headrows-text/rows-kept" "$([ "$(grep -c '<row' "$T/headrows-text.xml")" -ge 10000 ]; echo $?)"
run headrows-docx 0 20 1024 "$T/headrows.docx" convert --diacritics off -o "$T/headrows-docx.xml"

# DEFECT 3: a 2.6 kB package whose one 5,000-column row is followed by
# 20,000 empty rows (was 8.6 GB: every row got the full width).  Refused,
# naming the file and the limit; a batch goes on with the next file.
run wide 1 20 512 "$T/wide.docx" convert -o "$T/wide.xml"
check "wide/message" "$(has "$T/wide.err" "wide.docx: word/document.xml: tables of 20001 rows x 4096 columns exceed the limit of 2097152 cells; refused")"
check "wide/no-output" "$([ ! -e "$T/wide.xml" ]; echo $?)"
mkdir -p "$T/batch"
cp "$T/wide.docx" "$T/batch/a-wide.docx"
printf 'KẾ HOẠCH\n\nNội dung kế hoạch.\n' >"$T/batch/b-good.txt"
"$V" convert -q -o "$T/batch-out" "$T/batch" 2>"$T/batch.err"
check "wide/batch-exit-status-1" "$([ $? = 1 ]; echo $?)"
check "wide/batch-goes-on" "$([ -s "$T/batch-out/b-good.xml" ] && [ ! -e "$T/batch-out/a-wide.xml" ]; echo $?)"
check "wide/batch-names-file" "$(has "$T/batch.err" "a-wide.docx: .*exceed the limit of 2097152 cells")"

# DEFECT 16: one row of 5,000 cells spanning 1,000 columns each: the column
# count saturates (2.2 M such cells overflowed an int; see make stress)
run spans 0 20 512 "$T/spans.docx" convert -o "$T/spans.xml"
check "spans/width-capped" "$(has "$T/spans.xml" '<table rows="1" cols="4096"')"

# DEFECT 8: a numbered Word paragraph after one without final punctuation
# stays a paragraph of its own, with its number (was joined, "a)" lost)
run label 0 20 512 "$T/label.docx" convert -o "$T/label.xml"
check "label/first-item-kept" "$(has "$T/label.xml" 'label="a)"')"
check "label/second-item-kept" "$(has "$T/label.xml" 'label="b)"')"
check "label/not-joined" "$(has "$T/label.xml" '<p line="3">Nhiệm vụ cụ thể gồm</p>')"

# DEFECT 9: UTF-8 text padded with NUL bytes to 64 KiB is read as UTF-8, the
# padding dropped with a warning (was read as UTF-16BE: CJK mojibake)
run nulpad 0 20 512 "$T/nulpad.txt" convert --diacritics off -o "$T/nulpad.xml"
check "nulpad/read-as-utf8" "$(has "$T/nulpad.xml" 'encoding="utf-8"')"
check "nulpad/text-kept" "$(has "$T/nulpad.xml" 'Thực hiện nhiệm vụ năm')"
check "nulpad/warning" "$(has "$T/nulpad.err" "nulpad.txt: warning: 63966 NUL bytes at the end of the file dropped")"
head -c 5000 /dev/zero >"$T/zeros.docx"
run zeros 1 20 512 "$T/zeros.docx" convert -o "$T/zeros.xml"
check "zeros/refused-as-binary" "$(has "$T/zeros.err" "zeros.docx: a binary file")"

# DEFECT 17: BOM-less UTF-16LE is read when the user states the encoding
# (was refused as a binary file before the stated encoding was looked at)
run u16 0 20 512 "$T/u16.txt" convert --diacritics off --from utf-16le -o "$T/u16.xml"
check "u16/text-read" "$(has "$T/u16.xml" '<type line="2">KẾ HOẠCH</type>')"

# DEFECT 10: U+FFFF and U+FFFE in the text, and a file name that is not
# UTF-8, give well-formed XML (the characters were written raw)
printf 'KẾ HOẠCH\nNội dung \357\277\277 và \357\277\276 hết.\n' >"$T/nonchar.txt"
run nonchar 0 20 512 "$T/nonchar.txt" convert --diacritics off -o "$T/nonchar.xml"
check "nonchar/well-formed" "$(xmllint --noout "$T/nonchar.xml" 2>/dev/null; echo $?)"
check "nonchar/removed" "$(has "$T/nonchar.xml" '<count kind="control-removed" n="2"/>')"
mkdir -p "$T/names"
printf 'KẾ HOẠCH\n\nNội dung.\n' >"$T/names/$(printf 'bad\377\376name.txt')"
"$V" convert -q -o "$T/names-out" "$T/names" 2>/dev/null
check "badname/well-formed" "$(xmllint --noout "$T"/names-out/*.xml 2>/dev/null; echo $?)"
check "badname/replaced" "$(has "$T"/names-out/*.xml 'bad��name.txt"')"

# DEFECT 15: a package of 20,000 parts (each name was compared with every
# other one: 60,000 parts took 7.5 s before any XML was read)
run entries 0 10 512 "$T/entries.docx" convert --diacritics off -o "$T/entries.xml"
check "entries/read" "$(has "$T/entries.xml" 'Nội dung.')"

# DEFECT 6: 100,000 attributes on one element (libxml2 2.9 checks them for
# duplicates pairwise: was 37 s).  A pre-scan of the inflated bytes refuses
# the part at the limit, before the parser sees the tag.
run attrs 1 20 512 "$T/attrs.docx" convert -o "$T/attrs.xml"
check "attrs/message" "$(has "$T/attrs.err" "attrs.docx: word/document.xml: an element carries more than 256 attributes; refused")"
check "attrs/no-output" "$([ ! -e "$T/attrs.xml" ]; echo $?)"
# 250 attributes (and a comment, an end tag and quoted `=` the scan skips)
# are still read
run few 0 20 512 "$T/few.docx" convert --diacritics off -o "$T/few.xml"
check "few/read" "$(has "$T/few.xml" 'Nội dung a=b.')"

# DEFECT 14: a 466 kB package whose 200 MB paragraph of small runs deflates
# 430:1 (was refused only after 200 times its compressed size had been read:
# 3 s, 310 MB).  The ratio is checked against the compressed bytes read so
# far, so the bomb is refused within its first megabytes.
run runs 1 5 64 "$T/runs.docx" convert -o "$T/runs.xml"
check "runs/message" "$(has "$T/runs.err" "runs.docx: word/document.xml: inflates too far (more than 200 times its compressed size); refused as a likely zip bomb")"
check "runs/no-output" "$([ ! -e "$T/runs.xml" ]; echo $?)"

# hOCR written as glyph spans with the engine's readings (Tesseract's
# hocr_char_boxes, lstm_choice_mode): each attack read in linear time, with
# the words the glyphs spell.
# One word of 100,000 glyph spans: the word whole, its glyphs in order
run glyphs 0 1 64 "$T/glyphs.hocr" blocks
grep -o "x_conf 95'>[^<]*" "$T/glyphs.hocr" | sed "s/^x_conf 95'>//" | tr -d '\n' >"$T/glyphs.word"
check "glyphs/word-whole" "$(awk '{ print $6 }' "$T/glyphs.out" | tr -d '\n' | cmp -s - "$T/glyphs.word"; echo $?)"
check "glyphs/words-around" "$(grep -q '^1 para page=1 box=100,10,2000,50: Hằng [^ ]* năm$' "$T/glyphs.out"; echo $?)"
# a glyph with 10,000 readings
run readings 0 1 64 "$T/readings.hocr" blocks
check "readings/text" "$(has "$T/readings.out" ': Hằng năm nay$')"
# glyph spans nested 10,000 deep: past the parser's depth limit; what comes
# before is read, and the cut is said, naming the file
run nested 0 1 64 "$T/nested.hocr" blocks
check "nested/before-kept" "$(has "$T/nested.out" ': Hằng')"
check "nested/cut-said" "$(has "$T/nested.err" 'nested.hocr:4:[0-9]*: warning: the file is read only up to line 4')"
# readings before any glyph, scores negative, NaN, 1e309, inf or text, glyphs
# of several code points, empty, or wrapped in blanks
# (the decomposed glyph "nhâ" composed by the repair)
run glyphodd 0 2 128 "$T/glyphodd.hocr" repair --diacritics off
check "glyphodd/text" "$(has "$T/glyphodd.out" '^Hang năm Ủy ban nhân dân$')"
