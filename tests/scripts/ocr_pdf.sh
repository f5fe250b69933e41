#!/bin/sh
# --ocr: the pages of a PDF whose text layer is missing or poor are rendered
# (poppler + Cairo) and read by libtesseract's Vietnamese model.  The inputs
# are made here with Debian's tools:
#   an image-only PDF: tests/pages/form.txt drawn by pango-view as a 300 dpi
#     page image, wrapped into a PDF by img2pdf (no text layer at all);
#   a PDF whose layer lost its marks: the first 40 lines of seed 002 drawn
#     the same way, made a searchable PDF by Tesseract's English model
#     (the layer of an engine without Vietnamese, over the true image).
# The first gives the form's header and sections with --ocr; the second is
# reported as poor, and --ocr reads it with fewer word errors than its layer
# (tools/eval/wer.py).  Hostile: a page too large to render, Tesseract's
# data missing.
B=${1:-build}
V="${VANBAN:-$B/vanban}"
HERE=$(cd "$(dirname "$0")/.." && pwd)
ROOT="$HERE/.."
P="$HERE/pages"
RNG="$ROOT/schema/vanban.rng"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
ok() { echo "ok ocr/$1"; }
fail() { echo "FAIL ocr/$1"; [ -z "$2" ] || echo "$2" | sed 's/^/    /' | head -5; }
check() { if [ "$2" = 0 ]; then ok "$1"; else fail "$1" "$3"; fi; }
has() { grep -q -- "$2" "$1"; echo $?; }

for tool in pango-view img2pdf tesseract; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        fail "tools" "$tool is missing (make deps)"
        exit 0
    fi
done

# ---- an image-only PDF ----
pango-view -q --font="DejaVu Serif 11" --dpi=300 --width=560 --margin=40 --output="$T/form.png" "$P/form.txt"
img2pdf -s 300dpi -o "$T/form-img.pdf" "$T/form.png"

# without --ocr: refused, with the ways to read it
"$V" convert -q -f xml -o "$T/noocr.xml" "$T/form-img.pdf" 2>"$T/noocr.err"
check "image-only/without-ocr-exit-1" "$([ $? = 1 ]; echo $?)" "$(cat "$T/noocr.err")"
check "image-only/without-ocr-says-how" "$(has "$T/noocr.err" 'form-img.pdf: .*no text layer at all.*--ocr.*ocrmypdf -l vie --force-ocr')"

out="$T/form.xml"
"$V" convert -q --ocr --diacritics off -f xml -o "$out" "$T/form-img.pdf" 2>"$T/form.err"
check "image-only/converts" $? "$(cat "$T/form.err")"
check "image-only/format" "$(has "$out" 'format="pdf"')"
check "image-only/pages-read-noted" "$(has "$out" 'code="ocr-pages">1 of 1 pages read with Tesseract')"
check "image-only/authority" "$(has "$out" '<authority line="1"[^>]*>UBND TỈNH BẮC GIANG')"
check "image-only/motto" "$(has "$out" '<motto line="[0-9]"[^>]*>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')"
check "image-only/number" "$(has "$out" 'code="KH-SYT" value="12"')"
check "image-only/date" "$(has "$out" 'iso="2024-03-05"')"
check "image-only/type" "$(has "$out" '<type [^>]*>KẾ HOẠCH</type>')"
check "image-only/section-I" "$(has "$out" '<section kind="roman" num="I" label="I." level="1"')"
check "image-only/section-2" "$(has "$out" '<section kind="decimal" num="2" label="2." level="2"')"
# every block of the body has its page and its box, in PDF points (the
# page is 640 points wide: no box reaches past it)
body=$(sed -n '/<body/,$p' "$out" | grep -c ' line=')
boxed=$(sed -n '/<body/,$p' "$out" | grep -c ' page="1" bbox=')
check "image-only/page-and-box-on-every-block" "$([ "$body" -gt 3 ] && [ "$body" = "$boxed" ]; echo $?)" \
    "$boxed of $body body elements"
wide=$(grep -o 'bbox="[0-9.]* [0-9.]* [0-9.]*' "$out" | awk '$3 > 700' | wc -l)
check "image-only/boxes-in-points" "$([ "$wide" = 0 ]; echo $?)" "$wide boxes wider than the page"
if command -v xmllint >/dev/null 2>&1; then
    xmllint --noout --relaxng "$RNG" "$out" 2>"$T/form.rng"
    check "image-only/schema-valid" $? "$(cat "$T/form.rng")"
fi
# vanban blocks reads the page the same way: a block per printed line
"$V" blocks --ocr "$T/form-img.pdf" >"$T/form.blocks" 2>"$T/blocks.err"
check "image-only/blocks" $? "$(cat "$T/blocks.err")"
check "image-only/blocks-page-and-box" "$(has "$T/form.blocks" '^5 para page=1 box=[0-9.]*,[0-9.]*,[0-9.]*,[0-9.]*: Số: 12/KH-SYT')"
# a lower resolution is taken, a senseless one refused
"$V" convert -q --ocr-dpi 200 --diacritics off -f xml -o "$T/form200.xml" "$T/form-img.pdf" 2>"$T/form200.err"
check "image-only/dpi-200" "$(has "$T/form200.xml" 'code="KH-SYT" value="12"')" "$(cat "$T/form200.err")"
"$V" convert -q --ocr-dpi 5 -o "$T/x.xml" "$T/form-img.pdf" 2>"$T/dpi.err"
check "image-only/bad-dpi-exit-2" "$([ $? = 2 ]; echo $?)" "$(cat "$T/dpi.err")"

# two documents read at once (-j 2): each with its own engine
mkdir -p "$T/two" "$T/two-out"
cp "$T/form-img.pdf" "$T/two/a.pdf"
cp "$T/form-img.pdf" "$T/two/b.pdf"
"$V" convert -q -j 2 --ocr --diacritics off -f xml -o "$T/two-out" "$T/two" 2>"$T/two.err"
check "image-only/two-at-once" $? "$(cat "$T/two.err")"
sed 's/ source="[^"]*"//' "$T/two-out/a.xml" >"$T/a.xml"
sed 's/ source="[^"]*"//' "$T/two-out/b.xml" >"$T/b.xml"
check "image-only/two-at-once-same" "$(cmp -s "$T/a.xml" "$T/b.xml" && grep -q 'code="KH-SYT" value="12"' "$T/a.xml"; echo $?)"
# repair reads the same way
"$V" repair --ocr --diacritics off "$T/form-img.pdf" >"$T/form.txt" 2>"$T/repair.err"
check "image-only/repair" "$(has "$T/form.txt" '^Số: 12/KH-SYT')" "$(cat "$T/repair.err")"
# with the diacritics repair on: the words read carry their glyphs' readings
# (the engine's LSTM choices), which the repair weighs; at 72 dpi many glyphs
# have several
for dpi in 300 72; do
    "$V" convert -q --ocr --ocr-dpi $dpi --model "$ROOT/data/model" -f xml -o "$T/rep$dpi.xml" \
        "$T/form-img.pdf" 2>"$T/rep$dpi.err"
    check "image-only/with-repair-$dpi-dpi" $? "$(cat "$T/rep$dpi.err")"
    check "image-only/with-repair-$dpi-dpi-motto" "$(has "$T/rep$dpi.xml" '<motto line="[0-9]"[^>]*>')"
done

# ---- a layer that lost its marks ----
python3 - "$ROOT/samples/002_a66ba2e25b7bb22e.txt" "$T/ref.txt" <<'PY'
import sys
lines = [l.replace('**', '') for l in open(sys.argv[1], encoding='utf-8').read().split('\n')[:40]]
open(sys.argv[2], 'w', encoding='utf-8').write('\n'.join(lines) + '\n')
PY
pango-view -q --font="DejaVu Serif 11" --dpi=300 --width=560 --margin=40 --output="$T/p.png" "$T/ref.txt"
tesseract "$T/p.png" "$T/eng" --dpi 300 -l eng pdf >/dev/null 2>&1
"$V" convert -f txt --diacritics off -o "$T/layer.txt" "$T/eng.pdf" 2>"$T/layer.err"
check "poor-layer/reported" "$(has "$T/layer.err" 'eng.pdf: warning: 1 page with a poor text layer: page 1 .*convert with --ocr, or .ocrmypdf -l vie --force-ocr')" \
    "$(cat "$T/layer.err")"
"$V" convert -f txt --ocr --diacritics off -o "$T/ocr.txt" "$T/eng.pdf" 2>"$T/ocr.err"
check "poor-layer/ocr-converts" $? "$(cat "$T/ocr.err")"
check "poor-layer/ocr-not-poor" "$(! grep -q 'poor text layer' "$T/ocr.err"; echo $?)" "$(cat "$T/ocr.err")"
layer=$(python3 "$ROOT/tools/eval/wer.py" "$T/ref.txt" "$T/layer.txt" --label layer)
ocr=$(python3 "$ROOT/tools/eval/wer.py" "$T/ref.txt" "$T/ocr.txt" --label ocr)
# the layer lost most marks: far more word errors than Tesseract's Vietnamese
# model makes on the same image
lw=$(echo "$layer" | awk '{print $3}')
ow=$(echo "$ocr" | awk '{print $3}')
check "poor-layer/layer-has-lost-marks" "$(awk -v w="$lw" 'BEGIN { exit !(w > 30) }'; echo $?)" "$layer"
check "poor-layer/ocr-beats-layer" "$(awk -v l="$lw" -v o="$ow" 'BEGIN { exit !(o < l / 4 && o < 10) }'; echo $?)" \
    "$layer; $ocr"
# a good layer is kept as it is: the form's text PDF is not read again
"$V" convert -q --ocr --diacritics off -f xml -o "$T/text.xml" "$P/form-text.pdf" 2>"$T/text.err"
check "good-layer/kept" "$(! grep -q 'ocr-pages' "$T/text.xml"; echo $?)" "$(cat "$T/text.err")"
"$V" convert -q --diacritics off -f xml -o "$T/text0.xml" "$P/form-text.pdf"
check "good-layer/same-output" "$(cmp -s "$T/text.xml" "$T/text0.xml"; echo $?)"

# ---- hostile ----
# an empty page of 200 x 200 inches: its image would be 3.6 billion pixels
python3 - "$T/huge.pdf" <<'PY'
import sys
objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 14400 14400] >>"]
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
"$V" convert -q --ocr -o "$T/huge.xml" "$T/huge.pdf" 2>"$T/huge.err"
check "hostile/huge-page-exit-1" "$([ $? = 1 ]; echo $?)" "$(cat "$T/huge.err")"
check "hostile/huge-page-message" "$(has "$T/huge.err" 'huge.pdf: --ocr: page 1 .* more than the limit of 100000000 pixels')"
# Tesseract's data missing: the language and the path are named
TESSDATA_PREFIX="$T/nowhere" "$V" convert -q --ocr -o "$T/nodata.xml" "$T/form-img.pdf" 2>"$T/nodata.err"
check "hostile/no-data-exit-1" "$([ $? = 1 ]; echo $?)" "$(cat "$T/nodata.err")"
check "hostile/no-data-message" "$(has "$T/nodata.err" "form-img.pdf: --ocr: Tesseract's data for the language 'vie' is missing: no $T/nowhere/vie.traineddata")"
