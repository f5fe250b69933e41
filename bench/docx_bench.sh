#!/bin/sh
# DOCX to XML beside pandoc (DOCX to HTML) over the same files.
#
# The set: the three Word-made samples with their body repeated 1, 4, 16 and
# 64 times (12 distinct documents, from 25 KB to 1.7 MB of .docx, up to
# 28 MB of word/document.xml), copied until the set holds DOCX_BENCH_MB
# (default 50) MB of .docx.  vanban converts the whole set the way a batch is
# run, one process on -j DOCX_BENCH_JOBS threads (default 2), once with the
# default --diacritics auto and once with --diacritics off.  pandoc, one
# process per file as it is used, converts each distinct document once; its
# time for the set is the sum over the copies (they are identical files).
#
# The same comparison is also given for the unrepeated samples alone (the
# x01 copies: documents of the size an archive mostly holds), where starting
# a process per file weighs most.
#
# Speed is compared in CPU seconds (user + system, all threads): the machine
# may be shared, so wall-clock time would measure the neighbours too.  Peak
# memory is the resident set of one process converting the largest document
# alone, beside the size of that document's word/document.xml.
B=${1:-build}
VANBAN=$B/vanban
MB=${DOCX_BENCH_MB:-50}
JOBS=${DOCX_BENCH_JOBS:-2}
cd "$(dirname "$0")/.." || exit 2
command -v python3 >/dev/null 2>&1 || { echo "docx_bench: python3 is needed"; exit 1; }
# `make bench` installs pandoc (mk/docx.mk)
command -v pandoc >/dev/null 2>&1 || { echo "docx_bench: pandoc is needed (make bench installs it)"; exit 1; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
python3 bench/docx_set.py "$TMP" "$MB" samples/*.docx > "$TMP/distinct.txt" || exit 1

# "cpu-seconds peak-KB" of one command (its output thrown away)
run() {
    /usr/bin/time -f '%U %S %M' -o "$TMP/t" "$@" > /dev/null 2> "$TMP/err"
    status=$?
    [ $status -eq 0 ] || { echo "docx_bench: failed: $*" >&2; head -3 "$TMP/err" >&2; }
    tail -1 "$TMP/t" | awk '{ printf "%.3f %d\n", $1 + $2, $3 }'
    return $status
}

nfiles=$(ls "$TMP/set" | wc -l)
set_bytes=$(cat "$TMP"/set/*.docx | wc -c)
copies=$(awk -v n="$nfiles" 'END { print n / NR }' "$TMP/distinct.txt")
xml_bytes=$(awk -v c="$copies" '{ s += $3 } END { printf "%.0f", s * c }' "$TMP/distinct.txt")
largest=$(sort -k3 -n "$TMP/distinct.txt" | tail -1)
largest_name=$(echo "$largest" | cut -d' ' -f1)
largest_xml=$(echo "$largest" | cut -d' ' -f3)

status=0
set -- $(run "$VANBAN" convert -q -j "$JOBS" -o "$TMP/out-auto" "$TMP/set") || status=1
auto_cpu=$1
set -- $(run "$VANBAN" convert -q -j "$JOBS" --diacritics off -o "$TMP/out-off" "$TMP/set") || status=1
off_cpu=$1
mkdir "$TMP/small" && ln "$TMP"/set/*-x01.docx "$TMP/small/"
small_bytes=$(cat "$TMP"/small/*.docx | wc -c)
set -- $(run "$VANBAN" convert -q -j "$JOBS" -o "$TMP/out-small-auto" "$TMP/small") || status=1
small_auto=$1
set -- $(run "$VANBAN" convert -q -j "$JOBS" --diacritics off -o "$TMP/out-small-off" "$TMP/small") || status=1
small_off=$1
set -- $(run "$VANBAN" convert -q "$TMP/distinct/$largest_name" -o "$TMP/big.xml") || status=1
auto_peak=$2
set -- $(run "$VANBAN" convert -q --diacritics off "$TMP/distinct/$largest_name" -o "$TMP/big.xml") || status=1
off_peak=$2

pandoc_cpu=0
pandoc_small=0
pandoc_peak=0
while read -r name docx xml; do
    set -- $(run pandoc -t html "$TMP/distinct/$name" -o "$TMP/p.html") || status=1
    pandoc_cpu=$(awk -v a="$pandoc_cpu" -v b="$1" -v c="$copies" 'BEGIN { print a + b * c }')
    case $name in *-x01.docx)
        pandoc_small=$(awk -v a="$pandoc_small" -v b="$1" -v c="$copies" 'BEGIN { print a + b * c }')
    esac
    [ "$name" = "$largest_name" ] && pandoc_peak=$2
done < "$TMP/distinct.txt"

awk -v n="$nfiles" -v d="$set_bytes" -v x="$xml_bytes" -v j="$JOBS" \
    -v ac="$auto_cpu" -v oc="$off_cpu" -v pc="$pandoc_cpu" \
    -v big="$largest_name" -v bx="$largest_xml" -v ap="$auto_peak" -v op="$off_peak" \
    -v pp="$pandoc_peak" -v sb="$small_bytes" -v sa="$small_auto" -v so="$small_off" \
    -v ps="$pandoc_small" 'BEGIN {
    printf "set                         %d files, %.1f MB of .docx, %.0f MB of document.xml\n", n, d / 1e6, x / 1e6
    printf "vanban convert -j %d (auto)   %7.1f CPU s = %5.2f MB/s of .docx\n", j, ac, d / 1e6 / ac
    printf "vanban convert -j %d (off)    %7.1f CPU s = %5.2f MB/s of .docx\n", j, oc, d / 1e6 / oc
    printf "pandoc -t html, per file    %7.1f CPU s = %5.2f MB/s of .docx\n", pc, d / 1e6 / pc
    printf "speed ratio vanban/pandoc   %.1fx with the diacritics model (auto), %.1fx without (off); goal 100x\n", pc / ac, pc / oc
    printf "unrepeated samples only     %.1f MB of .docx: vanban %.2f CPU s (auto), %.2f (off), pandoc %.1f\n", sb / 1e6, sa, so, ps
    printf "speed ratio on them         %.1fx (auto), %.1fx (off)\n", ps / sa, ps / so
    printf "largest document            %s, document.xml %.1f MB\n", big, bx / 1e6
    printf "peak memory vanban (auto)   %.1f MiB = %.2fx document.xml (goal < 2x)\n", ap / 1024, ap * 1024 / bx
    printf "peak memory vanban (off)    %.1f MiB = %.2fx document.xml\n", op / 1024, op * 1024 / bx
    printf "peak memory pandoc          %.1f MiB = %.2fx document.xml\n", pp / 1024, pp * 1024 / bx
}'
exit $status
