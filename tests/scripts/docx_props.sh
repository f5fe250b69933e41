#!/bin/sh
# Core properties of Word files: each tests/docx/props/NAME/ (XML parts, see
# tests/docx/build.py) is zipped, and the properties and property repairs of
# `vanban convert -f xml` must be exactly tests/docx/props/NAME.expected; the
# schema validates the whole output.
B=${1:-build}
V="$B/vanban"
OUT="$B/docx-props"
rm -rf "$OUT"
if ! python3 tests/docx/build.py tests/docx/props "$OUT" 2>"$OUT.err"; then
    echo "FAIL docx-props/build: $(head -1 "$OUT.err")"
    exit 0
fi
T=$(mktemp)
X=$(mktemp)
trap 'rm -f "$T" "$X"' EXIT
for exp in tests/docx/props/*.expected; do
    name=$(basename "$exp" .expected)
    (cd "$OUT" && "$OLDPWD/$V" convert -f xml --diacritics off "$name.docx") >"$X" 2>&1
    grep -E '<property name=|kind="property-decoded"' "$X" >"$T"
    if cmp -s "$T" "$exp"; then
        echo "ok docx-props/$name"
    else
        echo "FAIL docx-props/$name: output differs from $exp"
        diff -u "$exp" "$T" | head -30 | sed 's/^/    /'
    fi
    if command -v xmllint >/dev/null 2>&1; then
        if xmllint --noout --relaxng schema/vanban.rng "$X" >/dev/null 2>&1; then
            echo "ok docx-props/$name-valid"
        else
            echo "FAIL docx-props/$name-valid: the schema rejects the output"
        fi
    fi
done
