#!/bin/sh
# Cost of reading figures, dates, references, column types, task records and
# checks (the values pass: PCRE2 patterns + values + checks) as a share of a
# whole conversion.  Baseline: the same `vanban convert -f xml --diacritics
# off -j 1` with --no-data (the values pass skipped).  Input: the text
# samples, each repeated into a file of about 1 MB (5 files), converted three
# times each way; the best time of each is kept.  CPU seconds (user + sys).
B=${1:-build}
VANBAN=$B/vanban
cd "$(dirname "$0")/.." || exit 2
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$TMP/in" "$TMP/out"
for s in samples/*.txt; do
    out="$TMP/in/$(basename "$s")"
    : > "$out"
    while [ "$(wc -c < "$out")" -lt 1000000 ]; do cat "$s" >> "$out"; done
done
bytes=$(cat "$TMP"/in/*.txt | wc -c)

cpu() { # prints the CPU seconds of the command
    /usr/bin/time -f "%U %S" -o "$TMP/time" "$@" > /dev/null 2>&1 || return 1
    awk '{ print $1 + $2 }' "$TMP/time"
}
best() { # best of three runs of: convert [extra option]
    b=""
    for _ in 1 2 3; do
        t=$(cpu "$VANBAN" convert -f xml --diacritics off -j 1 -q $1 -o "$TMP/out" "$TMP/in") || return 1
        b=$(awk -v a="$b" -v t="$t" 'BEGIN { print (a == "" || t < a) ? t : a }')
    done
    echo "$b"
}
[ -x /usr/bin/time ] || { echo "values_bench: /usr/bin/time (package time) is needed"; exit 1; }
base=$(best --no-data) || { echo "values_bench: convert --no-data failed"; exit 1; }
full=$(best "") || { echo "values_bench: convert failed"; exit 1; }
awk -v bytes="$bytes" -v base="$base" -v full="$full" 'BEGIN {
    printf "values_bench: %.1f MB of samples, convert -f xml -j 1 (CPU s, best of 3)\n", bytes / 1e6
    printf "  baseline --no-data  %.2f s\n  with values pass    %.2f s\n", base, full
    printf "  values pass = %.2f s = %.0f %% of the conversion (ratio %.2fx the baseline)\n",
           full - base, 100 * (full - base) / full, full / base
}'
