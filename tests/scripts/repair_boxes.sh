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

# ---- a PDF's text layer: the repairs of words that lost their marks
for tool in pango-view qpdf; do
    if ! command -v $tool >/dev/null 2>&1; then
        echo "skip repair_boxes/pdf: $tool is not installed (make deps installs it)"
        exit 0
    fi
done
python3 "$T/strip.py" "$P/form.txt" "$T/form.txt"
# a line with a word in bold and one with the look-alike ð for đ (a repair
# of the Unicode clean-up); a footnote in small type at the page's foot
{
    sed 's/&/\&amp;/g; s/</\&lt;/g' "$T/form.txt"
    printf '\n3. Kiem tra <b>ve sinh</b> ðường pho.\n\n'
    printf 'Can cu Luat Y te<span size="x-small" rise="4000">1</span> nam 2023.\n\n\n\n\n\n\n'
    printf '<span size="small">1 Luat so 15/2023/QH15 ve kham benh, chua benh.</span>\n'
} >"$T/form.markup"
pango-view -q --markup --font="DejaVu Serif 11" --width=560 --margin=40 --output="$T/page.pdf" "$T/form.markup" 2>"$T/err"
check pdf/made $? "$(cat "$T/err")"
qpdf --empty --pages "$T/page.pdf" "$T/page.pdf" -- "$T/form.pdf" 2>"$T/err"
check pdf/two-pages $? "$(cat "$T/err")"
"$V" convert -q -f xml --model "$MODEL" -o "$T/pdf.xml" "$T/form.pdf" 2>"$T/err"
check pdf/converts $? "$(cat "$T/err")"
n=$(repairs "$T/pdf.xml" | wc -l)
[ "$n" -ge 40 ]
check pdf/repaired $? "only $n repairs"
unplaced "$T/pdf.xml" >"$T/bad"
[ ! -s "$T/bad" ]
check pdf/all-repairs-placed $? "$(cat "$T/bad")"
p1=$(repairs "$T/pdf.xml" | grep -c ' page="1"')
p2=$(repairs "$T/pdf.xml" | grep -c ' page="2"')
[ "$p1" -gt 20 ] && [ "$p2" -gt 20 ]
check pdf/pages $? "page 1: $p1 repairs, page 2: $p2"
meta "$T/pdf.xml" >"$T/pdf-meta.xml"
unplaced "$T/pdf-meta.xml" >"$T/bad"
[ -s "$T/pdf-meta.xml" ] && [ ! -s "$T/bad" ] && grep -q '<type [^>]*><repair [^>]* page="1" bbox=' "$T/pdf-meta.xml"
check pdf/header-repairs-placed $? "$(grep '<type' "$T/pdf-meta.xml"; cat "$T/bad")"
grep -q '<repair kind="encoding" original="ðường" confidence="1.000" page="[12]" bbox="[0-9. ]*">' "$T/pdf.xml"
check pdf/encoding-repair-placed $? "$(grep -o '<repair[^>]*original="ð[^>]*>' "$T/pdf.xml")"
sed -n '/<footnote /,/<\/footnote>/p' "$T/pdf.xml" >"$T/notes.xml"
[ "$(repairs "$T/notes.xml" | grep -c ' page="[12]" bbox=')" -ge 4 ]
check pdf/footnote-repairs-placed $? "$(cat "$T/notes.xml")"
grep -q '<strong>' "$T/pdf.xml"
check pdf/bold-kept $? "$(grep 'sinh' "$T/pdf.xml")"
# each repair's box in the body is a word's: inside the box of its block,
# and, in a block of several words, narrower than the block (a header field
# of two lines has the box of its first)
python3 - "$T/pdf.xml" >"$T/bad" <<'PY'
import sys, xml.etree.ElementTree as ET
def walk(e, block):
    if e.tag == 'repair':
        yield e, block
    elif e.tag == 'meta':
        return
    elif e.get('bbox') is not None:
        block = e
    for c in e:
        yield from walk(c, block)
narrower = 0
for r, b in walk(ET.parse(sys.argv[1]).getroot(), None):
    if b is None or b.get('page') != r.get('page'):
        continue
    rx = [float(v) for v in r.get('bbox').split()]
    bx = [float(v) for v in b.get('bbox').split()]
    if not (rx[0] >= bx[0] - 0.5 and rx[1] >= bx[1] - 0.5 and rx[2] <= bx[2] + 0.5 and rx[3] <= bx[3] + 0.5):
        print('outside its block:', r.get('original'), r.get('bbox'), b.tag, b.get('bbox'))
    if rx[2] - rx[0] < bx[2] - bx[0] - 1:
        narrower += 1
if not narrower:
    print('no repair has a box narrower than its block: boxes of lines, not of words')
PY
[ ! -s "$T/bad" ]
check pdf/word-boxes $? "$(cat "$T/bad")"
if command -v xmllint >/dev/null 2>&1; then
    xmllint --noout --relaxng "$RNG" "$T/pdf.xml" 2>"$T/err"
    check pdf/schema $? "$(cat "$T/err")"
fi
