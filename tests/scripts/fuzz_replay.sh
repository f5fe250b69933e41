#!/bin/sh
# The fuzz corpora replayed through their harnesses (tests/fuzz/replay.c):
# every input must pass the harness's invariants (well-formed, schema-valid
# XML; HTML without live markup) within its time budget.
B=${1:-build}
cd "$(dirname "$0")/../.." || exit 2
for h in text docx; do
    if [ ! -x "$B/fuzz/replay_$h" ]; then
        echo "FAIL fuzz-replay/$h: $B/fuzz/replay_$h is not built"
        continue
    fi
    "$B/fuzz/replay_$h" "tests/fuzz/$h-corpus"
    rc=$?
    [ "$rc" = 0 ] || echo "FAIL fuzz-replay/$h-corpus: exited with status $rc"
done
