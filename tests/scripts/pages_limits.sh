#!/bin/sh
# --max-pages: a PDF or hOCR file of more pages than the limit is refused
# with an error naming the file and the limit (exit 1); at the limit it
# converts; a limit that is not a whole number from 1 to 1000000 is a usage
# error (exit 2).
B=${1:-build}
V="${VANBAN:-$B/vanban}"
HERE=$(cd "$(dirname "$0")/.." && pwd)
P="$HERE/pages"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
ok() { echo "ok limits/$1"; }
fail() { echo "FAIL limits/$1"; [ -z "$2" ] || echo "$2" | sed 's/^/    /' | head -5; }
check() { if [ "$2" = 0 ]; then ok "$1"; else fail "$1" "$3"; fi; }
has() { grep -q -- "$2" "$1"; echo $?; }

# a hOCR file of two pages: the form's page twice
python3 - "$P/form.hocr" "$T/two.hocr" <<'PY'
import sys, re
s = open(sys.argv[1], encoding='utf-8').read()
m = re.search(r"<div class=['\"]ocr_page['\"].*?\n  </div>\n", s, re.S)
page = m.group(0)
open(sys.argv[2], 'w', encoding='utf-8').write(s.replace(page, page + page.replace("page_1", "page_2"), 1))
PY
check "hocr/two-pages-made" "$([ "$(grep -c "class=.ocr_page" "$T/two.hocr")" = 2 ]; echo $?)"
"$V" convert -q --diacritics off --max-pages 1 -o "$T/h1.xml" "$T/two.hocr" 2>"$T/h1.err"
check "hocr/over-limit-exit-1" "$([ $? = 1 ]; echo $?)" "$(cat "$T/h1.err")"
check "hocr/over-limit-message" "$(has "$T/h1.err" 'two.hocr: .*more than 1 pages: refused.*--max-pages')"
"$V" convert -q --diacritics off --max-pages 2 -o "$T/h2.xml" "$T/two.hocr" 2>"$T/h2.err"
check "hocr/at-limit-converts" $? "$(cat "$T/h2.err")"
check "hocr/at-limit-page-2" "$(has "$T/h2.xml" ' page="2" bbox=')"

if command -v qpdf >/dev/null 2>&1; then
    qpdf --empty --pages "$P/form-text.pdf" "$P/form-text.pdf" "$P/form-text.pdf" -- "$T/three.pdf"
    "$V" convert -q --diacritics off --max-pages 2 -o "$T/p2.xml" "$T/three.pdf" 2>"$T/p2.err"
    check "pdf/over-limit-exit-1" "$([ $? = 1 ]; echo $?)" "$(cat "$T/p2.err")"
    check "pdf/over-limit-message" "$(has "$T/p2.err" 'three.pdf: .*3 pages, more than the limit of 2: refused (--max-pages N raises it)')"
    check "pdf/no-output" "$([ ! -e "$T/p2.xml" ]; echo $?)"
    "$V" convert -q --diacritics off --max-pages 3 -o "$T/p3.xml" "$T/three.pdf" 2>"$T/p3.err"
    check "pdf/at-limit-converts" $? "$(cat "$T/p3.err")"
    check "pdf/at-limit-pages" "$(has "$T/p3.xml" '<property name="pages">3</property>')"
    "$V" convert -q --diacritics off -o "$T/pd.xml" "$T/three.pdf" 2>"$T/pd.err"
    check "pdf/default-limit-converts" $? "$(cat "$T/pd.err")"
fi

for bad in 0 -1 x 12x 1000001 ''; do
    "$V" convert -q --max-pages "$bad" "$P/form-text.pdf" >/dev/null 2>"$T/bad.err"
    rc=$?
    check "usage/bad-limit-'$bad'" "$([ $rc = 2 ] && grep -q 'max-pages takes a whole number' "$T/bad.err"; echo $?)" "exit $rc: $(cat "$T/bad.err")"
done
