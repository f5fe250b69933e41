#!/bin/sh
# Text repair throughput: `vanban repair --diacritics off` (encoding
# detection and decoding, Unicode clean-up, tone style, layout) over about
# 100 MB made from the samples, beside ICU's `uconv -x Any-NFC` over the same
# bytes.  The input is 50 files of about 2 MB, each one sample repeated in one
# state: by bytes about 50 % clean UTF-8, 20 % TCVN3, 15 % VNI-Windows and
# 15 % mojibake (UTF-8 read as Windows-1252 and saved again), as
# tools/testdata/gen-encodings writes them.  Ratio from one run.
B=${1:-build}
VANBAN=$B/vanban
cd "$(dirname "$0")/.." || exit 2
command -v uconv >/dev/null 2>&1 || { echo "repair_bench: uconv (icu-devtools) is needed"; exit 1; }
command -v python3 >/dev/null 2>&1 || { echo "repair_bench: python3 is needed"; exit 1; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
python3 tools/testdata/gen-encodings "$TMP/enc" samples/*.txt > /dev/null
set -- utf8 utf8 utf8 utf8 utf8 utf8 utf8 utf8 utf8 utf8 \
       tcvn3 tcvn3 tcvn3 tcvn3 vni vni vni moji1252 moji1252 moji1252
i=0
while [ "$i" -lt 50 ]; do
    k=$((i % 20 + 1))
    eval "state=\${$k}"
    s=$(ls samples/*.txt | sed -n "$((i % 5 + 1))p")
    name=$(basename "$s" .txt)
    if [ "$state" = utf8 ]; then src=$s; else src="$TMP/enc/$name.$state.in"; fi
    out="$TMP/in$(printf %02d "$i").txt"
    : > "$out"
    while [ "$(wc -c < "$out")" -lt 2000000 ]; do cat "$src" >> "$out"; done
    i=$((i + 1))
done
cat "$TMP"/in*.txt > "$TMP/all.txt"
bytes=$(wc -c < "$TMP/all.txt")

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { print b - a }'; }
t0=$(now); "$VANBAN" repair --diacritics off "$TMP"/in*.txt > /dev/null; st=$?; t1=$(now)
rep=$(elapsed "$t0" "$t1")
# legacy bytes are not UTF-8: uconv substitutes them instead of stopping
t0=$(now); uconv --from-callback substitute -x Any-NFC < "$TMP/all.txt" > /dev/null; t1=$(now)
nfc=$(elapsed "$t0" "$t1")
[ "$st" -eq 0 ] || echo "repair_bench: vanban repair failed (status $st)"
awk -v b="$bytes" -v rep="$rep" -v nfc="$nfc" 'BEGIN {
    printf "input                          %.1f MB in 50 files (UTF-8, TCVN3, VNI, mojibake)\n", b / 1e6
    printf "vanban repair --diacritics off %.2f s = %.1f MB/s\n", rep, b / 1e6 / rep
    printf "uconv -x Any-NFC               %.2f s = %.1f MB/s\n", nfc, b / 1e6 / nfc
    printf "throughput ratio repair/uconv  %.2fx (goal 0.5x)\n", nfc / rep
}'
exit $st
