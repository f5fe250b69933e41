#!/bin/sh
# The readers of printed pages: a PDF's text layer, hOCR and ALTO.  The
# inputs in tests/pages/ were made from form.txt with Debian's tools:
#   pango-view -q --font="DejaVu Serif 11" --width=560 --margin=40 --output=form-text.pdf form.txt
#   pango-view -q --font="DejaVu Serif 11" --width=1100 --dpi=150 --margin=60 --output=form.png form.txt
#   tesseract form.png form -l vie hocr alto pdf   (form.hocr, form.alto.xml, form-ocr.pdf)
# Each gives the form's header (two columns read from x positions), the
# section tree, page and box on every block, and a schema-valid XML; the
# hostile ones (encrypted, truncated, 10,000 pages, billion laughs) a clear
# error naming the file.
B=${1:-build}
V="${VANBAN:-$B/vanban}"
HERE=$(cd "$(dirname "$0")/.." && pwd)
P="$HERE/pages"
RNG="$HERE/../schema/vanban.rng"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
ok() { echo "ok pages/$1"; }
fail() { echo "FAIL pages/$1"; [ -z "$2" ] || echo "$2" | sed 's/^/    /' | head -5; }
check() { if [ "$2" = 0 ]; then ok "$1"; else fail "$1" "$3"; fi; }
has() { grep -q -- "$2" "$1"; echo $?; }

for f in form-text.pdf form-ocr.pdf form.hocr form.alto.xml; do
    out="$T/$f.xml"
    "$V" convert -q --diacritics off -f xml -o "$out" "$P/$f" 2>"$T/$f.err"
    check "$f/converts" $? "$(cat "$T/$f.err")"
    check "$f/authority" "$(has "$out" '<authority line="1"[^>]*>UBND TỈNH BẮC GIANG')"
    check "$f/motto" "$(has "$out" '<motto line="[23]"[^>]*>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')"
    check "$f/number" "$(has "$out" 'code="KH-SYT" value="12"')"
    check "$f/date" "$(has "$out" 'iso="2024-03-05"')"
    check "$f/type" "$(has "$out" '<type [^>]*>KẾ HOẠCH</type>')"
    check "$f/sections" "$(has "$out" '<section kind="decimal" num="2" label="2." level="[12]"')"
    # every element with a line has a page and a box
    lines=$(grep -o ' line="[0-9]*"' "$out" | wc -l)
    boxed=$(grep -o ' line="[0-9]*" page="1" bbox="[0-9. ]*"' "$out" | wc -l)
    body=$(sed -n '/<body/,$p' "$out" | grep -c ' line=')
    bodyboxed=$(sed -n '/<body/,$p' "$out" | grep -c ' page="1" bbox=')
    check "$f/page-and-box-on-every-block" "$([ "$body" -gt 3 ] && [ "$body" = "$bodyboxed" ]; echo $?)" \
        "$bodyboxed of $body body elements; $boxed of $lines in all"
    if command -v xmllint >/dev/null 2>&1; then
        xmllint --noout --relaxng "$RNG" "$out" 2>"$T/$f.rng"
        check "$f/schema-valid" $? "$(cat "$T/$f.rng")"
    fi
done
check "form.hocr/format" "$(has "$T/form.hocr.xml" 'format="hocr"')"
check "form.alto.xml/format" "$(has "$T/form.alto.xml.xml" 'format="alto"')"
check "form-text.pdf/format" "$(has "$T/form-text.pdf.xml" 'format="pdf"')"
# TT 05/2025 confidenceLevel: a PDF whose layer an OCR engine made (its
# producer says so) is digitised (02); one drawn by a program says nothing
"$V" convert -q -f ead -o "$T/ocr.ead" "$P/form-ocr.pdf" 2>/dev/null
"$V" convert -q -f ead -o "$T/text.ead" "$P/form-text.pdf" 2>/dev/null
check "form-ocr.pdf/ead-digitised" "$(has "$T/ocr.ead" '<confidenceLevel>02</confidenceLevel>')"
check "form-text.pdf/ead-no-confidence" "$(grep -c confidenceLevel "$T/text.ead" | grep -qx 0; echo $?)"
check "form-text.pdf/points" "$(has "$T/form-text.pdf.xml" '<heading line="[0-9]*" page="1" bbox="[0-9.]* [0-9]*\.[0-9]')"

# the engine's word confidences reach the runs (vanban blocks shows them)
"$V" convert -q --diacritics off -f html -o "$T/form.html" "$P/form.hocr"
check "html/page-number" "$(has "$T/form.html" 'class="page-number" id="page-1"')"

# text and plain XML that are not OCR files stay text
printf '<p>Không phải hOCR</p>\nKẾ HOẠCH\n' >"$T/tags.txt"
"$V" convert -q -f xml -o "$T/tags.xml" "$T/tags.txt"
check "markup-text-stays-text" "$(has "$T/tags.xml" 'format="text"')"

# ---- hostile ----
# a billion laughs: refused before parsing, never expanded
cat >"$T/laughs.hocr" <<'XML'
<?xml version="1.0"?>
<!DOCTYPE html [
<!ENTITY a "hahahahahahahahahaha">
<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
<!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
<!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
<!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">
]>
<html><body><div class="ocr_page" title="bbox 0 0 100 100"><span class="ocr_line" title="bbox 0 0 10 10"><span class="ocrx_word" title="bbox 0 0 10 10; x_wconf 90">&i;</span></span></div></body></html>
XML
"$V" convert -q -o "$T/laughs.xml" "$T/laughs.hocr" 2>"$T/laughs.err"
check "hostile/laughs-exit-1" "$([ $? = 1 ]; echo $?)" "$(cat "$T/laughs.err")"
check "hostile/laughs-message" "$(has "$T/laughs.err" 'laughs.hocr: .*declares XML entities')"

# a truncated PDF and a truncated hOCR
head -c 4000 "$P/form-text.pdf" >"$T/cut.pdf"
"$V" convert -q -o "$T/cut.xml" "$T/cut.pdf" 2>"$T/cut.err"
rc=$?
check "hostile/truncated-pdf-no-crash" "$([ $rc = 1 ] || [ $rc = 0 ]; echo $?)" "exit $rc: $(cat "$T/cut.err")"
check "hostile/truncated-pdf-names-file" "$([ $rc = 0 ] || grep -q 'cut.pdf' "$T/cut.err"; echo $?)"
head -c 3000 "$P/form.hocr" >"$T/cut.hocr"
"$V" convert -q -o "$T/cuth.xml" "$T/cut.hocr" 2>"$T/cuth.err"
rc=$?
check "hostile/truncated-hocr-no-crash" "$([ $rc = 1 ] || [ $rc = 0 ]; echo $?)" "exit $rc: $(cat "$T/cuth.err")"
printf '%%PDF-1.4\n%% nothing else\n' >"$T/junk.pdf"
"$V" convert -q -o "$T/junk.xml" "$T/junk.pdf" 2>"$T/junk.err"
check "hostile/damaged-pdf-exit-1" "$([ $? = 1 ]; echo $?)" "$(cat "$T/junk.err")"
check "hostile/damaged-pdf-message" "$(has "$T/junk.err" 'junk.pdf: .*damaged or truncated PDF')"

# an encrypted PDF (qpdf)
if command -v qpdf >/dev/null 2>&1; then
    qpdf --encrypt secret secret 256 -- "$P/form-text.pdf" "$T/locked.pdf"
    "$V" convert -q -o "$T/locked.xml" "$T/locked.pdf" 2>"$T/locked.err"
    check "hostile/encrypted-exit-1" "$([ $? = 1 ]; echo $?)" "$(cat "$T/locked.err")"
    check "hostile/encrypted-message" "$(has "$T/locked.err" 'locked.pdf: .*encrypted')"
fi

# 10,000 pages: refused at once, by the page count
python3 - "$T/many.pdf" <<'PY'
import sys
n = 10000
objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (3 + i) for i in range(n)) + b"] /Count %d >>" % n]
objs += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * n
out, offs = bytearray(b"%PDF-1.4\n"), []
for i, o in enumerate(objs):
    offs.append(len(out))
    out += b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n"
x = len(out)
out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
out += b"".join(b"%010d 00000 n \n" % o for o in offs)
out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, x)
open(sys.argv[1], "wb").write(out)
PY
start=$(date +%s)
"$V" convert -q -o "$T/many.xml" "$T/many.pdf" 2>"$T/many.err"
rc=$?
secs=$(( $(date +%s) - start ))
check "hostile/10000-pages-exit-1" "$([ $rc = 1 ]; echo $?)" "exit $rc: $(cat "$T/many.err")"
check "hostile/10000-pages-message" "$(has "$T/many.err" 'many.pdf: .*10000 pages, more than the limit of 2000')"
check "hostile/10000-pages-quick" "$([ "$secs" -le 30 ]; echo $?)" "$secs s"


# a layer that lost its marks (an OCR engine without Vietnamese) is reported
# as poor, with the way to a better one; a good layer is not
check "quality/good-layer-not-poor" "$(! grep -q 'poor-pages' "$T/form-text.pdf.xml"; echo $?)"
if command -v pango-view >/dev/null 2>&1; then
    python3 - "$HERE/../samples/002_a66ba2e25b7bb22e.txt" "$T/nomarks.txt" <<'PY'
import sys, unicodedata
lines = [l.replace('**', '') for l in open(sys.argv[1], encoding='utf-8').read().split('\n')[:40]]
t = '\n'.join(lines).replace('đ', 'd').replace('Đ', 'D')
t = ''.join(c for c in unicodedata.normalize('NFD', t) if unicodedata.category(c) != 'Mn')
open(sys.argv[2], 'w', encoding='utf-8').write(t)
PY
    pango-view -q --font="DejaVu Serif 11" --width=560 --margin=40 --output="$T/nomarks.pdf" "$T/nomarks.txt"
    "$V" convert -f xml --diacritics off -o "$T/nomarks.xml" "$T/nomarks.pdf" 2>"$T/nomarks.err"
    check "quality/poor-layer-property" "$(has "$T/nomarks.xml" '<property name="poor-pages">1</property>')"
    check "quality/poor-layer-warning" "$(has "$T/nomarks.err" "nomarks.pdf: warning: 1 page with a poor text layer: page 1 .*ocrmypdf -l vie --force-ocr")"
fi

# footnotes at the page's foot in small type, their raised marks in the text
if command -v pango-view >/dev/null 2>&1; then
    {
        printf 'KẾ HOẠCH\nTriển khai Luật Đất đai năm 2024\n\nI. MỤC ĐÍCH\n\n'
        printf '1. Triển khai kịp thời Luật Đất đai<sup><small>1</small></sup> và các văn bản hướng dẫn.\n\n'
        printf '2. Bảo đảm thống nhất trong toàn tỉnh<sup><small>2</small></sup>.\n'
        for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16; do printf '\n'; done
        printf '<small>1 Luật số 31/2024/QH15 ngày 18 tháng 01 năm 2024 của Quốc hội, có hiệu lực từ ngày 01 tháng 8 năm 2024.</small>\n'
        printf '<small>2 Theo Công văn số 12/UBND-TH.</small>\n'
    } >"$T/notes.txt"
    pango-view -q --markup --font="DejaVu Serif 11" --width=560 --margin=40 --output="$T/notes.pdf" "$T/notes.txt"
    "$V" convert -q -f xml --diacritics off -o "$T/notes.xml" "$T/notes.pdf" 2>"$T/notes.err"
    check "footnotes/converts" $? "$(cat "$T/notes.err")"
    check "footnotes/mark-1" "$(has "$T/notes.xml" 'Luật Đất đai<note-ref label="1" ref="fn-1">1</note-ref> và')"
    check "footnotes/mark-2" "$(has "$T/notes.xml" 'toàn tỉnh<note-ref label="2" ref="fn-2">2</note-ref>.')"
    check "footnotes/note-1" "$(has "$T/notes.xml" '<footnote label="1" id="fn-1" line="[0-9]*" page="1" bbox=')"
    check "footnotes/note-1-text" "$(has "$T/notes.xml" '>Luật số 31/2024/QH15 ngày 18 tháng 01 năm 2024</data> của Quốc hội')"
    check "footnotes/note-2" "$(has "$T/notes.xml" '<footnote label="2" id="fn-2"')"
    check "footnotes/not-in-body" "$(! sed -n '/<body/,/<\/body>/p' "$T/notes.xml" | grep -q 'Theo Công văn'; echo $?)"
    xmllint --noout --relaxng "$RNG" "$T/notes.xml" 2>"$T/notes.rng"
    check "footnotes/schema-valid" $? "$(cat "$T/notes.rng")"
fi
