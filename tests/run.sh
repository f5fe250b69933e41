#!/bin/sh
# Runs every test against one build directory and prints one "ok NAME" or
# "FAIL NAME" line per check, then "N passed, N failed".
#   unit tests:     BUILD/tests/test_*   (each prints its own ok/FAIL lines)
#   fixture tests:  tests/fixtures/STAGE/NAME.* — see tests/fixtures/README.md
#   script tests:   tests/scripts/*.sh   (each prints its own ok/FAIL lines)
B=${1:-build}
VANBAN="$B/vanban"
export VANBAN
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 2
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
LOG="$TMP/log"
: >"$LOG"

record() { echo "$1" | tee -a "$LOG"; }

run_program() { # name, command...: counts the program's ok/FAIL lines, a crash is a failure
    name=$1; shift
    out="$TMP/out"
    "$@" >"$out" 2>"$TMP/err"
    rc=$?
    grep -E '^(ok|FAIL) ' "$out" >>"$LOG"
    grep -E '^(FAIL) ' "$out"
    if [ $rc -ne 0 ] && ! grep -q '^FAIL ' "$out"; then
        record "FAIL $name: exited with status $rc"
        sed 's/^/    /' "$TMP/err" | head -20
    elif [ $rc -ne 0 ]; then
        sed 's/^/    /' "$TMP/err" | head -20
    fi
}

for t in "$B"/tests/test_*; do
    [ -x "$t" ] || continue
    run_program "$(basename "$t")" "$t"
done

# Fixture tests: NAME.expected holds the expected output of running
# vanban with the arguments in NAME.args (default: the directory's ARGS file)
# on the input file NAME.<anything else>.
for dir in tests/fixtures/*/; do
    [ -d "$dir" ] || continue
    stage=$(basename "$dir")
    for exp in "$dir"*.expected; do
        [ -f "$exp" ] || continue
        name=${exp%.expected}
        base=$(basename "$name")
        input=""
        for f in "$name".*; do
            case "$f" in *.expected|*.args) ;; *) input=$f ;; esac
        done
        if [ -f "$name.args" ]; then args=$(grep -v "^#" "$name.args"); else args=$(cat "$dir/ARGS"); fi
        [ -n "$input" ] || input=$(sed -n 's/^# input: //p' "$name.args" 2>/dev/null)
        # shellcheck disable=SC2086
        "$VANBAN" $args "$input" >"$TMP/actual" 2>"$TMP/stderr"
        if cmp -s "$TMP/actual" "$exp"; then
            record "ok fixture/$stage/$base"
        else
            record "FAIL fixture/$stage/$base: output differs from $exp"
            diff -u "$exp" "$TMP/actual" | head -30 | sed 's/^/    /'
            sed 's/^/    /' "$TMP/stderr" | head -5
        fi
    done
done

for s in tests/scripts/*.sh; do
    [ -f "$s" ] || continue
    run_program "$(basename "$s")" sh "$s" "$B"
done

passed=$(grep -c '^ok ' "$LOG")
failed=$(grep -c '^FAIL ' "$LOG")
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
