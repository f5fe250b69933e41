#!/bin/sh
# Dublin Core (-f dc): every sample, every real Word file of tests/data/real
# and a PDF converts, and each record validates against schema/oai_dc.rng;
# the record carries what the header tells (title, creator, ISO date, type,
# identifier), the source's media type, the signer from the closing, and the
# keywords given with --record as dc:subject; the schema refuses a date that
# is not ISO, an empty element and an element that is not Dublin Core.
B=${1:-build}
V="$B/vanban"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
RNG=schema/oai_dc.rng
ok() { echo "ok dc/$1"; }
fail() { echo "FAIL dc/$1"; [ -z "$2" ] || echo "$2" | sed 's/^/    /' | head -5; }
check() { if [ "$2" = 0 ]; then ok "$1"; else fail "$1" "$3"; fi; }
has() { grep -q -- "$2" "$1"; echo $?; }

if ! command -v xmllint >/dev/null 2>&1; then
    echo "FAIL dc/xmllint: xmllint is not installed (make deps)"
    exit 0
fi

n=0
bad=""
for f in samples/* tests/data/real/*.docx tests/pages/form-text.pdf tests/pages/form.hocr; do
    [ -f "$f" ] || continue
    case "$f" in *.md) continue ;; esac
    n=$((n + 1))
    out="$T/rec-$n.xml"
    if ! "$V" convert -q -f dc -o "$out" "$f" 2>"$T/err"; then
        bad="$bad $f(convert: $(head -1 "$T/err"))"
        continue
    fi
    xmllint --noout --relaxng "$RNG" "$out" >/dev/null 2>"$T/err" || bad="$bad $f($(head -1 "$T/err"))"
done
check "schema-valid ($n documents)" "$([ -z "$bad" ] && [ "$n" -gt 0 ]; echo $?)" "$bad"

# a PDF: the header's facts, the PDF media type
"$V" convert -q -f dc -o "$T/form.xml" tests/pages/form-text.pdf
check "pdf/title" "$(has "$T/form.xml" '<dc:title>Công tác y tế năm 2024</dc:title>')"
check "pdf/creator" "$(has "$T/form.xml" '<dc:creator>UBND TỈNH BẮC GIANG SỞ Y TẾ</dc:creator>')"
check "pdf/date-iso" "$(has "$T/form.xml" '<dc:date>2024-03-05</dc:date>')"
check "pdf/type" "$(has "$T/form.xml" '<dc:type>KẾ HOẠCH</dc:type>')"
check "pdf/identifier" "$(has "$T/form.xml" '<dc:identifier>12/KH-SYT</dc:identifier>')"
check "pdf/format" "$(has "$T/form.xml" '<dc:format>application/pdf</dc:format>')"
check "pdf/language" "$(has "$T/form.xml" '<dc:language>vi</dc:language>')"
check "pdf/no-signer-invented" "$(! grep -q '<dc:contributor>' "$T/form.xml"; echo $?)"

# the signer of seed 002 is its contributor; the format's other name
"$V" convert -q -f oai_dc -o "$T/s2.xml" samples/002_a66ba2e25b7bb22e.txt
check "text/contributor" "$(has "$T/s2.xml" '<dc:contributor>Từ Quốc Hiệu</dc:contributor>')"
check "text/format" "$(has "$T/s2.xml" '<dc:format>text/plain</dc:format>')"
check "text/no-date-invented" "$(has "$T/s2.xml" '<dc:date>2023</dc:date>')"

# keywords given with --record become dc:subject
printf 'keyword=y tế; kế hoạch\n' >"$T/kw.record"
"$V" convert -q -f dc --record "$T/kw.record" -o "$T/kw.xml" samples/002_a66ba2e25b7bb22e.txt
check "record/subject" "$(has "$T/kw.xml" '<dc:subject>y tế; kế hoạch</dc:subject>')"
xmllint --noout --relaxng "$RNG" "$T/kw.xml" >/dev/null 2>&1
check "record/schema-valid" $?

# what the schema refuses
for c in '<dc:date>5/3/2024</dc:date>' '<dc:title> </dc:title>' '<dc:subtitle>x</dc:subtitle>'; do
    printf '<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/">%s</oai_dc:dc>\n' "$c" >"$T/bad.xml"
    xmllint --noout --relaxng "$RNG" "$T/bad.xml" >/dev/null 2>&1
    check "schema-refuses $c" "$([ $? != 0 ]; echo $?)"
done
