# The cost budget of the hostile reader attacks, shared by
# tests/scripts/hostile_readers.sh and `make stress` (tests/stress/), which
# source it.  Needs V (the program), T (a scratch directory), LABEL (the
# prefix of the ok/FAIL lines), SLOW, HEAVY and BASE_KB (the sanitizers'
# allowance); with SHOW_COST set, every run prints what it cost.

check() { # name, condition-result
    if [ "$2" = 0 ]; then echo "ok $LABEL/$1"; else echo "FAIL $LABEL/$1"; fi
}

# run NAME STATUS US_PER_BYTE BYTES_PER_BYTE INPUT VANBAN-ARGS...
# Runs vanban on INPUT (the last argument) and checks its exit status and its
# cost: at most 1 s + US_PER_BYTE microseconds and BASE_KB + BYTES_PER_BYTE
# bytes for each input byte (times SLOW / HEAVY under the sanitizers).
# Output in $T/NAME.out, messages in $T/NAME.err.
run() {
    name=$1 want=$2 us=$3 bpb=$4 input=$5
    shift 5
    size=$(wc -c <"$input")
    /usr/bin/time -f '%e %M' -o "$T/$name.cost" "$V" "$@" "$input" >"$T/$name.out" 2>"$T/$name.err"
    rc=$?
    check "$name/exit-status-$want" "$([ "$rc" = "$want" ]; echo $?)"
    [ "$rc" = "$want" ] || sed 's/^/    /' "$T/$name.err" | head -5
    set -- $(tail -1 "$T/$name.cost")
    secs=$1 kb=$2
    [ -z "$SHOW_COST" ] || echo "    $name: $size bytes, exit $rc, $secs s, $kb kB"
    tmax=$(awk -v s="$size" -v us="$us" -v k="$SLOW" 'BEGIN { printf "%.1f", (1 + s * us / 1e6) * k }')
    kmax=$(awk -v s="$size" -v b="$bpb" -v k="$HEAVY" -v base="$BASE_KB" \
        'BEGIN { printf "%d", base + s * b / 1024 * k }')
    ok=$(awk -v a="$secs" -v b="$tmax" 'BEGIN { print (a <= b) ? 0 : 1 }')
    check "$name/time-within-${tmax}s" "$ok"
    [ "$ok" = 0 ] || echo "    $name: $secs s for $size bytes"
    check "$name/memory-within-${kmax}kB" "$([ "$kb" -le "$kmax" ]; echo $?)"
    [ "$kb" -le "$kmax" ] || echo "    $name: $kb kB for $size bytes"
}

