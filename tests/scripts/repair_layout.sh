#!/bin/sh
# Layout of PDF/OCR text: the paragraphs of samples 000-003, hard-wrapped at
# 70-90 characters with a running header, page numbers and a hyphenated word
# break on every 40-line page (tools/testdata/gen-layout), must come back
# from `vanban repair` as the original paragraphs, 99 % of them at least.
B=${1:-build}
V="$B/vanban"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
if ! command -v python3 >/dev/null 2>&1; then
    echo "FAIL repair-layout: python3 is needed to generate the test data"
    exit 0
fi
python3 tools/testdata/gen-layout --seed 11 "$T" samples/000_*.txt samples/001_*.txt \
    samples/002_*.txt samples/003_*.txt
python3 tools/testdata/check-layout "$V" "$T" --min-rate 0.99 --label repair-layout/synthetic-pages --show 20
