#!/bin/sh
# The loss invariant: every word of each input the repository holds (the
# samples, the legal corpus, the page-furniture fixtures, the fuzz corpora)
# is found in its XML, as text, as the original of a repair, or as page
# furniture (tests/scripts/loss_check.py says how words are compared).
#
# Page furniture is kept, the rules the header takes no field from are
# <rule> elements of <meta>, a word the Unicode clean-up changes keeps its
# original, and the column titles a table prints again after a page break
# are kept as page furniture: no input may lose a single word.
B=${1:-build}
V="$B/vanban"
if ! command -v python3 >/dev/null 2>&1; then
    echo "FAIL loss-invariant: python3 is needed"
    exit 0
fi
L=tests/scripts/loss_check.py
python3 $L "$V" --label loss/furniture --allow 0 \
    tests/fixtures/furniture/schedule_cells.md tests/fixtures/furniture/table_cells.md \
    tests/fixtures/furniture/lone_numbers.md tests/fixtures/furniture/form_templates.txt \
    tests/fixtures/furniture/page_numbers.txt tests/fixtures/furniture/rule_under_title.docx \
    tests/fixtures/furniture/signer_rank.docx tests/fixtures/furniture/unicode_words.txt \
    tests/fixtures/form/o01-head-ocr-number-type.txt
python3 $L "$V" --label loss/samples --allow 0 samples/*.txt samples/*.docx
python3 $L "$V" --label loss/legal --allow 0 tests/data/legal/*.txt
# a fuzz input is two option bytes, then the document
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/text" "$T/docx"
for f in tests/fuzz/text-corpus/*; do tail -c +3 "$f" >"$T/text/${f##*/}"; done
for f in tests/fuzz/docx-corpus/*; do tail -c +3 "$f" >"$T/docx/${f##*/}"; done
python3 $L "$V" --label loss/fuzz --allow 0 "$T"/text/* "$T"/docx/*
