#!/bin/sh
# Every repair of a printed page says where the word was printed (page and
# bbox), so that a reviewer can find the spot on the image: in the body and
# in the header's fields, for an OCR layer (hOCR) and for a PDF's text layer.
# The inputs are made here from tests/pages: the form's hOCR (Tesseract's
# Vietnamese model) with the marks of its words taken away, and the form's
# text with its marks taken away drawn by pango-view (a word in bold, so
# that the runs of two weights are kept apart), joined by qpdf into a PDF of
# two pages.  Without python3 (or pango-view and qpdf for the PDF) it prints
# a "skip" line.
B=${1:-build}
V="${VANBAN:-$B/vanban}"
HERE=$(cd "$(dirname "$0")/.." && pwd)
P="$HERE/pages"
RNG="$HERE/../schema/vanban.rng"
MODEL="$HERE/../data/model"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
ok() { echo "ok repair_boxes/$1"; }
fail() { echo "FAIL repair_boxes/$1"; [ -z "$2" ] || printf '%s\n' "$2" | sed 's/^/    /' | head -8; }
check() { if [ "$2" = 0 ]; then ok "$1"; else fail "$1" "$3"; fi; }

if ! command -v python3 >/dev/null 2>&1; then
    echo "skip repair_boxes: python3 is not installed"
    exit 0
fi
# strip.py IN OUT [xml]: the text without its marks (đ as d); with xml,
# only the text between tags
cat >"$T/strip.py" <<'PY'
import re, sys, unicodedata
def bare(t):
    t = unicodedata.normalize('NFD', t)
    t = ''.join(c for c in t if unicodedata.category(c) != 'Mn')
    return t.replace('đ', 'd').replace('Đ', 'D')
s = open(sys.argv[1], encoding='utf-8').read()
s = re.sub(r'>[^<]+<', lambda m: bare(m.group(0)), s) if len(sys.argv) > 3 else bare(s)
open(sys.argv[2], 'w', encoding='utf-8').write(s)
PY

# every <repair ...> of a file, one a line
repairs() { grep -o '<repair [^>]*>' "$1"; }
# the repairs that lack a page or a box of four numbers
unplaced() { repairs "$1" | grep -v ' page="[0-9][0-9]*" bbox="[0-9.-]* [0-9.-]* [0-9.-]* [0-9.-]*"'; }
# the <meta> part of an XML file
meta() { sed -n '/<meta>/,/<\/meta>/p' "$1"; }

# ---- hOCR: the header's repairs as the body's
python3 "$T/strip.py" "$P/form.hocr" "$T/form.hocr" xml
"$V" convert -q -f xml --model "$MODEL" -o "$T/hocr.xml" "$T/form.hocr" 2>"$T/err"
check hocr/converts $? "$(cat "$T/err")"
meta "$T/hocr.xml" >"$T/hocr-meta.xml"
n=$(repairs "$T/hocr-meta.xml" | wc -l)
[ "$n" -ge 10 ]
check hocr/header-repaired $? "only $n repairs in the header"
unplaced "$T/hocr-meta.xml" >"$T/bad"
[ ! -s "$T/bad" ]
check hocr/header-repairs-placed $? "$(cat "$T/bad")"
grep -q '<type [^>]*><repair kind="diacritics" original="KE" confidence="[0-9.]*" page="1" bbox="[0-9 ]*" ocr-confidence="0\.[0-9]*">KẾ</repair>' "$T/hocr-meta.xml"
check hocr/type-word-box $? "$(grep '<type' "$T/hocr-meta.xml")"
unplaced "$T/hocr.xml" >"$T/bad"
[ ! -s "$T/bad" ]
check hocr/all-repairs-placed $? "$(cat "$T/bad")"
if command -v xmllint >/dev/null 2>&1; then
    xmllint --noout --relaxng "$RNG" "$T/hocr.xml" 2>"$T/err"
    check hocr/schema $? "$(cat "$T/err")"
fi
