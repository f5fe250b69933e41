#!/bin/sh
# The DOCX samples (made by LibreOffice from seeds 000, 002, 003) against the
# text seeds: same paragraphs and labels, tables, notes; schema-valid XML with
# the same text, tables and notes (expected differences: tests/docx/compare_samples.py).
B=${1:-build}
python3 tests/docx/compare_samples.py "$B/vanban" samples/000_*.txt samples/002_*.txt \
    samples/003_*.txt || true
