#!/bin/sh
# Diacritics restoration: repair throughput on OCR text (MB/s on one core,
# syllables/s), model load time and peak resident memory.  Baselines over the
# same input: `vanban repair --diacritics off` (the rest of the repair path)
# and `uconv -x any-nfc` (a bare Unicode pass).
B=${1:-build}
VANBAN=$B/vanban
MODEL=${VANBAN_MODEL:-data/model}
cd "$(dirname "$0")/.." || exit 2
if [ ! -f "$MODEL/lm.bin" ]; then
    echo "dia_bench: no model in $MODEL (make model)"
    exit 1
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
# about 2 MB of OCR output: the scanned sample and the held-out OCR pages
i=0
while [ "$(wc -c < "$TMP/in.txt" 2>/dev/null || echo 0)" -lt 2000000 ]; do
    cat samples/004_*.txt tests/regress/dia/*.ocr >> "$TMP/in.txt"
    i=$((i + 1))
done
bytes=$(wc -c < "$TMP/in.txt")
words=$(wc -w < "$TMP/in.txt")

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { print b - a }'; }

# model load: repairing an empty input
t0=$(now); printf '' | "$VANBAN" repair --diacritics ocr --model "$MODEL" > /dev/null; t1=$(now)
load=$(elapsed "$t0" "$t1")

t0=$(now)
/usr/bin/time -f '%M' -o "$TMP/rss" taskset -c 0 "$VANBAN" repair --diacritics ocr --model "$MODEL" "$TMP/in.txt" > "$TMP/out.txt" 2>/dev/null \
    || "$VANBAN" repair --diacritics ocr --model "$MODEL" "$TMP/in.txt" > "$TMP/out.txt"
t1=$(now)
full=$(elapsed "$t0" "$t1")
rss=$(tail -1 "$TMP/rss" 2>/dev/null || echo 0)

t0=$(now); "$VANBAN" repair --diacritics off "$TMP/in.txt" > /dev/null; t1=$(now)
off=$(elapsed "$t0" "$t1")
t0=$(now); uconv -x any-nfc < "$TMP/in.txt" > /dev/null 2>&1; t1=$(now)
nfc=$(elapsed "$t0" "$t1")

awk -v b="$bytes" -v w="$words" -v full="$full" -v load="$load" -v off="$off" -v nfc="$nfc" -v rss="$rss" 'BEGIN {
    dec = full - load; if (dec <= 0) dec = 1e-9
    printf "input                      %.2f MB of OCR text, %d words\n", b / 1e6, w
    printf "model load                 %.3f s\n", load
    printf "repair --diacritics ocr    %.3f s  = %.2f MB/s, %.0f syllables/s on one core (load excluded)\n", full, b / 1e6 / dec, w / dec
    printf "peak resident memory       %.1f MB\n", rss / 1024
    printf "baseline repair --diacritics off  %.3f s  (ratio %.1fx)\n", off, full / off
    printf "baseline uconv -x any-nfc         %.3f s  (ratio %.1fx)\n", nfc, full / nfc
}'
