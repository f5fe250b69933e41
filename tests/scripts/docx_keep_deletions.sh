#!/bin/sh
# --keep-deletions on the tracked-changes fixture (tests/docx/parts/tracked):
# by default the document reads as if every change were accepted; with the
# option the deleted text stays, inside <del>, and insertions are marked <ins>.
B=${1:-build}
V="$B/vanban"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
mkdir "$T/parts" && cp -r tests/docx/parts/tracked "$T/parts/"
if ! python3 tests/docx/build.py "$T/parts" "$T" 2>"$T/err"; then
    echo "FAIL docx-keep-deletions/build: $(head -1 "$T/err")"
    exit 0
fi
D="$T/tracked.docx"
check() { # name, condition-status, message
    if [ "$2" -eq 0 ]; then echo "ok docx-keep-deletions/$1"; else echo "FAIL docx-keep-deletions/$1: $3"; fi
}

"$V" convert "$D" -o "$T/accepted.xml" 2>"$T/err"
check convert-default $? "$(head -1 "$T/err")"
"$V" convert --keep-deletions "$D" -o "$T/kept.xml" 2>"$T/err"
check convert-option $? "$(head -1 "$T/err")"
for f in accepted kept; do
    xmllint --noout --relaxng schema/vanban.rng "$T/$f.xml" 2>/dev/null
    check "schema-valid-$f" $? "$f.xml is not valid against schema/vanban.rng"
done

! grep -q -e '<del>' -e '<ins>' -e '500' -e 'Câu chuyển đi' -e 'Hàng xóa' "$T/accepted.xml" &&
    grep -q '600' "$T/accepted.xml" && grep -q 'Câu chuyển đến' "$T/accepted.xml"
check default-accepts-changes $? "deleted text or change marks in the default output"

grep -q '<del>[^<]*<data[^>]*>500</data></del>' "$T/kept.xml" &&
    grep -q '<ins>[^<]*<data[^>]*>600</data></ins>' "$T/kept.xml" &&
    grep -q '<del>Câu chuyển đi.</del>' "$T/kept.xml" &&
    grep -q '<ins>Câu chuyển đến.</ins>' "$T/kept.xml" &&
    grep -q '<cell[^>]*><del>Hàng xóa</del></cell>' "$T/kept.xml"
check option-keeps-deletions-marked $? "deleted text, deleted row or marks missing with --keep-deletions"

"$V" convert -f txt --keep-deletions "$D" -o "$T/kept.txt" 2>/dev/null
! grep -q -e '500' -e 'Hàng xóa' "$T/kept.txt" && grep -q 'Kinh phí 600' "$T/kept.txt"
check text-leaves-deletions-out $? "plain text shows deleted text"

"$V" blocks "$D" >"$T/b0" 2>&1 && "$V" blocks --keep-deletions "$D" >"$T/b1" 2>&1
check blocks-runs $? "vanban blocks failed"
! grep -q '{del}' "$T/b0" && grep -q '{del}500{/del}{ins}600{/ins}' "$T/b1" &&
    grep -q 'row: {del}Hàng xóa{/del}' "$T/b1"
check blocks-option $? "vanban blocks does not show the deletions only with the option"

"$V" convert --help | grep -q -- '--keep-deletions' && "$V" blocks --help | grep -q -- '--keep-deletions' &&
    grep -q 'keep\\-deletions' docs/vanban.1
check documented $? "--keep-deletions missing from --help or docs/vanban.1"
