#!/bin/sh
# DOCX feature fixtures: each tests/docx/parts/NAME/ (XML parts) is zipped
# into BUILD/docx-fixtures/NAME.docx and `vanban blocks` must print exactly
# tests/docx/NAME.expected.
B=${1:-build}
V="$B/vanban"
OUT="$B/docx-fixtures"
rm -rf "$OUT"
if ! python3 tests/docx/build.py tests/docx/parts "$OUT" 2>"$OUT.err"; then
    echo "FAIL docx/build-fixtures: $(head -1 "$OUT.err")"
    exit 0
fi
T=$(mktemp)
trap 'rm -f "$T"' EXIT
for exp in tests/docx/*.expected; do
    name=$(basename "$exp" .expected)
    # messages name the file: drop the build directory from them
    "$V" blocks "$OUT/$name.docx" 2>&1 | sed "s#^$OUT/##" >"$T"
    if cmp -s "$T" "$exp"; then
        echo "ok docx/$name"
    else
        echo "FAIL docx/$name: output differs from $exp"
        diff -u "$exp" "$T" | head -30 | sed 's/^/    /'
    fi
done
