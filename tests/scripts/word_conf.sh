#!/bin/sh
# The OCR engine's word confidences steer diacritics repair.  The input,
# tests/fixtures/normalize/word_conf.hocr, prints the same line twice as a
# Vietnamese OCR model read it ("lên đường, phó:" for "phố"): the word once
# with confidence 5, once with 99.  The unsure reading is changed, the sure one kept; the repair
# carries the word's page, box and confidence; without x_wconf the hOCR is
# repaired as it always was, and so is the same text typed in a file.
B=${1:-build}
V="${VANBAN:-$B/vanban}"
HERE=$(cd "$(dirname "$0")/.." && pwd)
IN="$HERE/fixtures/normalize/word_conf.hocr"
RNG="$HERE/../schema/vanban.rng"
MODEL="$HERE/../data/model"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
ok() { echo "ok word_conf/$1"; }
fail() { echo "FAIL word_conf/$1"; [ -z "$2" ] || echo "$2" | sed 's/^/    /' | head -5; }
check() { if [ "$2" = 0 ]; then ok "$1"; else fail "$1" "$3"; fi; }

"$V" convert -q -f xml --diacritics confused --model "$MODEL" -o "$T/conf.xml" "$IN" 2>"$T/err"
check converts $? "$(cat "$T/err")"
# the unsure word: changed, with where it was printed and how sure the engine was
grep -q '<repair kind="diacritics" original="phó" confidence="[0-9.]*" page="1" bbox="[0-9 ]*" ocr-confidence="0.05">phố</repair>' "$T/conf.xml"
check low-changed $? "$(grep -o '<repair[^>]*>[^<]*' "$T/conf.xml")"
grep -q 'original="phó"[^>]*ocr-confidence="0.99"' "$T/conf.xml"
[ $? != 0 ]
check high-kept $? "$(grep -o '<repair[^>]*>[^<]*' "$T/conf.xml")"
grep -q 'lên đường, phó: ' "$T/conf.xml"
check high-text $? "$(grep '<p' "$T/conf.xml")"
if command -v xmllint >/dev/null 2>&1; then
    xmllint --noout --relaxng "$RNG" "$T/conf.xml" 2>"$T/err"
    check schema $? "$(cat "$T/err")"
fi

# confidences ignored: both lines as without them
"$V" repair --diacritics confused --model "$MODEL" --word-conf off "$IN" >"$T/off.txt" 2>/dev/null
[ "$(grep -c 'đường, phó:' "$T/off.txt")" = 2 ]
check off-same-both $? "$(cat "$T/off.txt")"

# hOCR without x_wconf: repaired as with confidences off, and no ocr-confidence
sed 's/; x_wconf [0-9]*//' "$IN" >"$T/none.hocr"
"$V" repair --diacritics confused --model "$MODEL" "$T/none.hocr" >"$T/none.txt" 2>/dev/null
cmp -s "$T/none.txt" "$T/off.txt"
check no-wconf-as-before $? "$(diff "$T/none.txt" "$T/off.txt")"
"$V" convert -q -f xml --diacritics confused --model "$MODEL" -o "$T/none.xml" "$T/none.hocr" 2>/dev/null
grep -q 'ocr-confidence' "$T/none.xml"
[ $? = 1 ]
check no-wconf-no-attr $?

# a text input: the option changes nothing
grep -o '>[^<]*</span>' "$IN" | sed 's/^>//; s/<.*//' | tr '\n' ' ' >"$T/text.txt"
"$V" repair --diacritics confused --model "$MODEL" "$T/text.txt" >"$T/t1" 2>/dev/null
"$V" repair --diacritics confused --model "$MODEL" --word-conf 5,0.5 "$T/text.txt" >"$T/t2" 2>/dev/null
cmp -s "$T/t1" "$T/t2"
check text-unchanged $? "$(diff "$T/t1" "$T/t2")"

# the option's bad values are refused
"$V" repair --word-conf -1 "$T/text.txt" >/dev/null 2>&1
[ $? = 2 ]
check bad-option $?
