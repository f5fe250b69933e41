#!/bin/sh
# The TT 05/2025 document record (-f ead): every sample and every real Word
# file of tests/data/real converts, and each record validates against
# schema/ead-doc.rng; the schema refuses values outside the circular's code
# lists and lengths; a record file (--record) with an unknown field or a bad
# value is refused with its name and line.
B=${1:-build}
V="$B/vanban"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
RNG=schema/ead-doc.rng

if ! command -v xmllint >/dev/null 2>&1; then
    echo "FAIL ead/xmllint: xmllint is not installed (make deps)"
    exit 0
fi

n=0
bad=""
for f in samples/* tests/data/real/*.docx; do
    [ -f "$f" ] || continue
    n=$((n + 1))
    out="$T/rec-$n.xml"
    if ! "$V" convert -q -f ead -o "$out" "$f" 2>"$T/err"; then
        bad="$bad $f(convert: $(head -1 "$T/err"))"
        continue
    fi
    xmllint --noout --relaxng "$RNG" "$out" >/dev/null 2>"$T/err" || bad="$bad $f($(head -1 "$T/err"))"
done
if [ -z "$bad" ] && [ "$n" -gt 0 ]; then echo "ok ead/schema-valid ($n documents)"
else echo "FAIL ead/schema-valid:$bad"; fi

# a record with every field given validates too
cat >"$T/all.record" <<'REC'
docId=H37.01-2025-7
docCode=H37.01.2025.01.0000007
maintenance=07
typeName=32
codeNumber=12345678901
codeNotation=QĐ-UBND
issuedDate=29/02/2024
organName=Ủy ban nhân dân tỉnh Lào Cai
subject=Về việc thử
language=11
numberOfPage=12
inforSign=A1
keyword=khoáng sản
mode=03
confidenceLevel=03
autograph=Có bút tích
format=03
riskRecovery=1
riskRecoveryStatus=01
process=process.xml
description=ghi chú
REC
"$V" convert -f ead --record "$T/all.record" tests/data/real/d08_QD-UBND-uyquyen-VLNCN.docx >"$T/all.xml" 2>"$T/err"
if xmllint --noout --relaxng "$RNG" "$T/all.xml" >/dev/null 2>&1 &&
    [ "$(grep -c '^  <' "$T/all.xml")" -eq 21 ] && grep -q '<numberOfPage>12</numberOfPage>' "$T/all.xml"; then
    echo "ok ead/all-fields"
else
    echo "FAIL ead/all-fields: $(head -1 "$T/err") $(xmllint --noout --relaxng "$RNG" "$T/all.xml" 2>&1 | head -1)"
fi

# the schema refuses what the circular does not allow
refuses() { # name, element line
    printf '<?xml version="1.0"?>\n<EAD_doc>\n  %s\n</EAD_doc>\n' "$2" >"$T/neg.xml"
    if xmllint --noout --relaxng "$RNG" "$T/neg.xml" >/dev/null 2>&1; then
        echo "FAIL ead/schema-refuses-$1: $2 validated"
    else
        echo "ok ead/schema-refuses-$1"
    fi
}
refuses maintenance '<maintenance>08</maintenance>'
refuses type-code '<typeName>33</typeName>'
refuses date '<issuedDate>2024-08-20</issuedDate>'
refuses notation-length '<codeNotation>KH-UBND-KH-UBND-KH-UBND-KH-UBND-X</codeNotation>'
refuses unknown '<author>x</author>'

# bad record files: the error names the file and the line, nothing is written
bad_record() { # name, content, expected words of the message
    printf '%s\n' "$2" >"$T/$1.record"
    "$V" convert -f ead --record "$T/$1.record" samples/004_a2909b4c328b78b0.txt >"$T/out" 2>"$T/err"
    st=$?
    if [ $st -eq 2 ] && [ ! -s "$T/out" ] && grep -q "$1.record:2" "$T/err" && grep -q "$3" "$T/err"; then
        echo "ok ead/record-$1"
    else
        echo "FAIL ead/record-$1: status $st, $(head -1 "$T/err")"
    fi
}
bad_record unknown-field "$(printf '# c\nauthor=X')" "no field"
bad_record bad-code "$(printf 'mode=01\nmaintenance=9')" "maintenance takes a code from 01 to 07"
bad_record bad-date "$(printf 'mode=01\nissuedDate=31/02/2025')" "DD/MM/YYYY"
bad_record no-equals "$(printf 'mode=01\nmaintenance')" "FIELD=VALUE"
bad_record too-long "$(printf 'mode=01\ncodeNumber=123456789012')" "longer than 11"
"$V" convert -f ead --record "$T/missing.record" samples/004_a2909b4c328b78b0.txt >/dev/null 2>"$T/err"
if [ $? -eq 2 ] && grep -q "missing.record" "$T/err"; then echo "ok ead/record-missing"
else echo "FAIL ead/record-missing: $(head -1 "$T/err")"; fi
exit 0
