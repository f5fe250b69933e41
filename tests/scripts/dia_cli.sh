#!/bin/sh
# The diacritics options of `vanban repair` and `vanban convert`: --model,
# the modes, provenance in the XML, and what happens without a model.
B=${1:-build}
V="$B/vanban"
MINI=tests/data/dia-mini
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

check() { # name, condition-result
    if [ "$2" = 0 ]; then echo "ok dia-cli/$1"; else echo "FAIL dia-cli/$1"; fi
}

printf 'Hai Phong, ngay 20 thang 8 nam 2024.\n' >"$T/ocr.txt"
printf 'Hải Phòng, ngày 20 tháng 8 năm 2024.\n' >"$T/clean.txt"
printf 'KE HOACH\n\nTrien khai ké hoach\n\nS6 Y té chu tri, phéi hop vdi cac so thuc hién ké hoach.\n' >"$T/body.txt"

out=$("$V" repair --diacritics ocr --model "$MINI" "$T/ocr.txt")
check "ocr-mode-restores" "$([ "$out" = "Hải Phòng, ngày 20 tháng 8 năm 2024." ]; echo $?)"
out=$("$V" repair --diacritics auto --model "$MINI" < "$T/ocr.txt")
check "auto-mode-restores-damaged" "$([ "$out" = "Hải Phòng, ngày 20 tháng 8 năm 2024." ]; echo $?)"
out=$("$V" repair --model "$MINI" "$T/clean.txt")
check "auto-mode-leaves-clean-text" "$([ "$out" = "Hải Phòng, ngày 20 tháng 8 năm 2024." ]; echo $?)"
out=$("$V" repair --diacritics off --model "$MINI" "$T/ocr.txt")
check "off-mode-copies" "$([ "$out" = "Hai Phong, ngay 20 thang 8 nam 2024." ]; echo $?)"
"$V" repair --report --diacritics ocr --model "$MINI" "$T/ocr.txt" 2>"$T/err" >/dev/null
check "report-counts-repairs" "$(grep -q 'diacritics-restored 5' "$T/err"; echo $?)"

"$V" convert -f xml --diacritics ocr --model "$MINI" -o "$T/ocr.xml" "$T/body.txt" 2>/dev/null
check "xml-keeps-ocr-form" "$(grep -q 'original="phéi"' "$T/ocr.xml"; echo $?)"
check "xml-keeps-confidence" "$(grep -q 'confidence="' "$T/ocr.xml"; echo $?)"
"$V" convert -f xml --diacritics ocr --min-confidence 1 --model "$MINI" -o "$T/review.xml" "$T/body.txt" 2>/dev/null
check "min-confidence-leaves-text" "$(grep -q 'original="vdi" confidence="[0-9.]*" review="true">vdi<' "$T/review.xml"; echo $?)"

"$V" repair --diacritics ocr --model "$T/none" "$T/ocr.txt" >/dev/null 2>"$T/err"
rc=$?
check "missing-model-is-an-error" "$([ $rc != 0 ] && grep -q 'none' "$T/err"; echo $?)"

# the scanned sample with the committed model, auto mode as convert does by
# default: its header and sections come back
if [ -f data/model/lm.bin ]; then
    "$V" convert -f xml --model data/model -o "$T/004.xml" samples/004_*.txt 2>/dev/null
    field() { xmllint --xpath "string(/document/meta/$1)" "$T/004.xml"; }
    check "seed004-number" "$([ "$(field number)" = 494/KH-UBND ] &&
        grep -q '<number[^>]*value="494"' "$T/004.xml"; echo $?)"
    check "seed004-place-date" "$([ "$(field place)" = "Hải Phòng" ] &&
        [ "$(field date)" = "ngày 20 tháng 8  năm 2024" ] && grep -q 'iso="2024-08-20"' "$T/004.xml"; echo $?)"
    check "seed004-kind" "$([ "$(field type)" = "KẾ HOẠCH" ]; echo $?)"
    # the header's words are repairs like the body's: the OCR form kept
    check "seed004-header-repairs" "$(grep -q '<place[^>]*><repair kind="diacritics" original="Héi" confidence="[0-9.]*">Hải</repair>' "$T/004.xml" &&
        grep -q '<type[^>]*><repair kind="diacritics" original="KE" ' "$T/004.xml"; echo $?)"
    "$V" convert -f html --model data/model -o "$T/004.html" samples/004_*.txt 2>/dev/null
    check "seed004-header-repairs-html" "$(grep -q '<dt>Địa danh</dt><dd><span class="repair[^"]*" title="gốc: Héi (p=[0-9.]*)" data-original="Héi">Hải</span>' "$T/004.html"; echo $?)"
    check "seed004-sections" "$([ "$(grep -o 'kind="roman" num="[IVX]*"' "$T/004.xml" |
        sed 's/.*num="//; s/"//' | tr '\n' ' ')" = "I II III IV V VI " ]; echo $?)"
fi
