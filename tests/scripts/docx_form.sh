#!/bin/sh
# The administrative form drawn with layout tables in Word files: each
# tests/docx/form/NAME/ (XML parts, see tests/docx/build.py) is zipped and
# `vanban convert -f xml` must print exactly tests/docx/form/NAME.expected,
# which the schema validates.
B=${1:-build}
V="$B/vanban"
OUT="$B/docx-form"
rm -rf "$OUT"
if ! python3 tests/docx/build.py tests/docx/form "$OUT" 2>"$OUT.err"; then
    echo "FAIL docx-form/build: $(head -1 "$OUT.err")"
    exit 0
fi
T=$(mktemp)
trap 'rm -f "$T"' EXIT
for exp in tests/docx/form/*.expected; do
    name=$(basename "$exp" .expected)
    (cd "$OUT" && "$OLDPWD/$V" convert -f xml --diacritics off "$name.docx") >"$T" 2>&1
    if cmp -s "$T" "$exp"; then
        echo "ok docx-form/$name"
    else
        echo "FAIL docx-form/$name: output differs from $exp"
        diff -u "$exp" "$T" | head -30 | sed 's/^/    /'
    fi
    if command -v xmllint >/dev/null 2>&1; then
        if xmllint --noout --relaxng schema/vanban.rng "$T" >/dev/null 2>&1; then
            echo "ok docx-form/$name-valid"
        else
            echo "FAIL docx-form/$name-valid: the schema rejects the output"
        fi
    fi
done
