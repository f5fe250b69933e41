#!/bin/sh
# vanban index stores each converted document's TT 05/2025 record, and
# vanban export --ead writes the file-level record of a corpus: totalDoc, the
# earliest and latest issuedDate, confidenceLevel when the documents agree,
# the fields given with --record; valid against schema/ead-file.rng.
B=${1:-build}
V="$B/vanban"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
RNG=schema/ead-file.rng

if ! command -v xmllint >/dev/null 2>&1; then
    echo "FAIL ead-export/xmllint: xmllint is not installed (make deps)"
    exit 0
fi

# two dated documents (20/08/2024 and 05/03/2025) besides the samples
sed 's/Số: 1234/Số: 77/; s/ngày 05 tháng 3 năm 2025/ngày 20 tháng 8 năm 2024/' \
    tests/fixtures/ead/full-date.txt >"$T/earlier.txt"
"$V" index -q "$T/all.db" samples tests/data/real/*.docx tests/fixtures/ead/full-date.txt "$T/earlier.txt" \
    >/dev/null 2>"$T/err"
ndocs=$(ls samples/* tests/data/real/*.docx | wc -l)
ndocs=$((ndocs + 2))
"$V" export --ead "$T/all.db" >"$T/all.xml" 2>"$T/err"
st=$?
if [ $st -eq 0 ] && xmllint --noout --relaxng "$RNG" "$T/all.xml" >/dev/null 2>&1; then
    echo "ok ead-export/schema-valid"
else
    echo "FAIL ead-export/schema-valid: status $st $(head -1 "$T/err") $(xmllint --noout --relaxng "$RNG" "$T/all.xml" 2>&1 | head -1)"
fi
grep -q "<totalDoc>$ndocs</totalDoc>" "$T/all.xml" && [ "$(grep -c '<EAD_doc>' "$T/all.xml")" -eq "$ndocs" ] &&
    echo "ok ead-export/total-doc" || echo "FAIL ead-export/total-doc: $(grep totalDoc "$T/all.xml"), $(grep -c '<EAD_doc>' "$T/all.xml") records, $ndocs documents"
grep -q '<startDate>20/08/2024</startDate>' "$T/all.xml" && grep -q '<endDate>05/03/2025</endDate>' "$T/all.xml" &&
    echo "ok ead-export/dates" || echo "FAIL ead-export/dates: $(grep -E 'startDate|endDate' "$T/all.xml" | tr -d '\n')"
# text files do not tell their confidence level: the file's is left out
grep -q '<confidenceLevel>' "$T/all.xml" && [ "$(sed -n '/<EAD_doc>/q;p' "$T/all.xml" | grep -c confidenceLevel)" -gt 0 ] &&
    echo "FAIL ead-export/confidence-unknown: a file-level confidenceLevel from documents that do not all tell it" ||
    echo "ok ead-export/confidence-unknown"
# the document records are the ones convert -f ead writes
"$V" convert -f ead tests/fixtures/ead/full-date.txt | sed -n '/<EAD_doc>/,/<\/EAD_doc>/p' | sed '1d;$d' | sed 's/^/  /' >"$T/one"
if tr -d '\n' <"$T/all.xml" | grep -qF "$(tr -d '\n' <"$T/one")"; then echo "ok ead-export/doc-records"
else echo "FAIL ead-export/doc-records: the record of full-date.txt differs from convert -f ead"; fi

# Word files only: born digital, 01; a scan's record (02) with them makes 03
"$V" index -q "$T/docx.db" samples/000_6cc1228e2ba2f095.docx tests/data/real/*.docx >/dev/null 2>&1
"$V" export --ead "$T/docx.db" >"$T/docx.xml" 2>/dev/null
sed -n '/<EAD_doc>/q;p' "$T/docx.xml" | grep -q '<confidenceLevel>01</confidenceLevel>' &&
    echo "ok ead-export/confidence-agree" || echo "FAIL ead-export/confidence-agree"

# given fields, in the circular's order, override
printf '# the file\nfileCode=H37.01.2025.01\ntitle=Hồ sơ kế hoạch\nmaintenance=02\nmode=01\nnumberOfPaper=120\nendDate=31/12/2025\n' >"$T/file.record"
"$V" export --ead --record "$T/file.record" "$T/all.db" >"$T/given.xml" 2>"$T/err"
if xmllint --noout --relaxng "$RNG" "$T/given.xml" >/dev/null 2>&1 &&
    grep -q '<fileCode>H37.01.2025.01</fileCode>' "$T/given.xml" &&
    grep -q '<endDate>31/12/2025</endDate>' "$T/given.xml" && grep -q '<numberOfPaper>120</numberOfPaper>' "$T/given.xml"; then
    echo "ok ead-export/record"
else
    echo "FAIL ead-export/record: $(head -1 "$T/err")"
fi
printf 'fileCode=X\nstartDate=2025-01-01\n' >"$T/bad.record"
"$V" export --ead --record "$T/bad.record" "$T/all.db" >"$T/out" 2>"$T/err"
[ $? -eq 2 ] && [ ! -s "$T/out" ] && grep -q 'bad.record:2' "$T/err" && echo "ok ead-export/bad-record" ||
    echo "FAIL ead-export/bad-record: $(head -1 "$T/err")"

# a corpus whose only document failed is a file of no documents
: >"$T/broken.txt"
"$V" index -q "$T/empty.db" "$T/broken.txt" >/dev/null 2>&1
"$V" export --ead "$T/empty.db" >"$T/empty.xml" 2>"$T/err"
grep -q '<totalDoc>0</totalDoc>' "$T/empty.xml" && xmllint --noout --relaxng "$RNG" "$T/empty.xml" >/dev/null 2>&1 &&
    echo "ok ead-export/empty" || echo "FAIL ead-export/empty: $(head -1 "$T/err")"
"$V" export --ead "$T/missing.db" >/dev/null 2>"$T/err"
[ $? -eq 1 ] && grep -q missing.db "$T/err" && echo "ok ead-export/missing-db" || echo "FAIL ead-export/missing-db: $(head -1 "$T/err")"
exit 0
