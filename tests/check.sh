#!/bin/sh
# make check: the whole suite on the normal build, then again on the
# ASan+UBSan build; the last line sums both runs.
B=${1:-build}
A=${2:-build/asan}
cd "$(dirname "$0")/.." || exit 2
sh tests/run.sh "$B" | tee build/check-normal.log
n_status=$?
echo "== again under AddressSanitizer + UndefinedBehaviorSanitizer"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    VANBAN_SANITIZED=1 sh tests/run.sh "$A" | tee build/check-asan.log
p1=$(tail -1 build/check-normal.log | awk '{print $1}')
f1=$(tail -1 build/check-normal.log | awk '{print $3}')
p2=$(tail -1 build/check-asan.log | awk '{print $1}')
f2=$(tail -1 build/check-asan.log | awk '{print $3}')
echo "$((p1 + p2)) passed, $((f1 + f2)) failed"
[ "$((f1 + f2))" -eq 0 ]
