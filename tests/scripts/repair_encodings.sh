#!/bin/sh
# Round trip of the encodings: every sample, encoded by tools/testdata/
# gen-encodings into each legacy encoding (and single and double mojibake,
# UTF-16), must be detected and restored to the text of its NFC original;
# 200-character snippets of them must be restored at least 99 % of the time.
B=${1:-build}
V="$B/vanban"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
if ! command -v python3 >/dev/null 2>&1; then
    echo "FAIL repair-encodings: python3 is needed to generate the test data"
    exit 0
fi
# fewer snippets under the sanitizers: each case is a process
n=40
[ -n "$VANBAN_SANITIZED" ] && n=4
python3 tools/testdata/gen-encodings "$T/full" samples/*.txt
python3 tools/testdata/check-roundtrip "$V" "$T/full" --full --label repair-encodings/full-documents
python3 tools/testdata/gen-encodings --snippets "$n" --seed 7 "$T/snip" samples/*.txt
python3 tools/testdata/check-roundtrip "$V" "$T/snip" --min-rate 0.99 --label repair-encodings/snippets-200
