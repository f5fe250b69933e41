#!/bin/sh
# make bench: runs every benchmark script; each names its baseline and prints
# ratios against it from the same run.
B=${1:-build}
cd "$(dirname "$0")/.." || exit 2
status=0
for s in bench/*_bench.sh; do
    [ -f "$s" ] || continue
    echo "== $s"
    sh "$s" "$B" || status=1
done
exit $status
