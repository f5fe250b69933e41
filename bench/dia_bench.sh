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
: > "$TMP/in.txt"
while [ "$(wc -c < "$TMP/in.txt" 2>/dev/null || echo 0)" -lt 2000000 ]; do
    cat samples/004_*.txt tests/regress/dia/*.ocr >> "$TMP/in.txt"
done
bytes=$(wc -c < "$TMP/in.txt")
words=$(wc -w < "$TMP/in.txt")

# CPU seconds (user + system) of a command: the machine may be shared, so
# wall-clock time would measure the neighbours too.
cpu() { # output-file, command...
    o=$1; shift
    /usr/bin/time -f '%U %S %M' -o "$TMP/t" "$@" > "$o" 2>/dev/null
    tail -1 "$TMP/t" | awk '{ printf "%.3f %d", $1 + $2, $3 }'
}

# model load: repairing a one-word input
echo "a" > "$TMP/one.txt"
set -- $(cpu /dev/null "$VANBAN" repair --diacritics ocr --model "$MODEL" "$TMP/one.txt"); load=$1
# each copy is a document of its own: no word cache carries over
split -C 40000 -d -a 3 "$TMP/in.txt" "$TMP/doc."
set -- $(cpu "$TMP/out.txt" "$VANBAN" repair --diacritics ocr --model "$MODEL" "$TMP"/doc.*); full=$1; rss=$2
set -- $(cpu /dev/null "$VANBAN" repair --diacritics off "$TMP"/doc.*); off=$1
set -- $(cpu /dev/null uconv -x any-nfc "$TMP/in.txt"); nfc=$1

awk -v b="$bytes" -v w="$words" -v full="$full" -v load="$load" -v off="$off" -v nfc="$nfc" -v rss="$rss" 'BEGIN {
    dec = full - load; if (dec <= 0) dec = 1e-9
    printf "input                      %.2f MB of OCR text, %d words\n", b / 1e6, w
    printf "model load                 %.3f s CPU\n", load
    printf "repair --diacritics ocr    %.3f s CPU = %.2f MB/s, %.0f words/s per core (load excluded)\n", full, b / 1e6 / dec, w / dec
    printf "peak resident memory       %.1f MB (model and one document)\n", rss / 1024
    printf "baseline repair --diacritics off  %.3f s CPU (ratio %.1fx)\n", off, full / off
    printf "baseline uconv -x any-nfc         %.3f s CPU (ratio %.1fx)\n", nfc, full / (nfc > 0 ? nfc : 0.001)
}'
