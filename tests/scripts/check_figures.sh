#!/bin/sh
# `vanban check` on damaged copies of the seeds: one digit changed in a figure
# that takes part in a stated total (tools/testdata/mutate_figures.py, 200
# copies).  At least 95 % of the copies must be reported at the line of the
# changed figure or of a total it takes part in; the seeds themselves raise
# no alarm.
B=${1:-build}
V="$B/vanban"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
SEEDS="samples/000_6cc1228e2ba2f095.txt samples/001_c23d0bb592e3a736.txt
       samples/002_a66ba2e25b7bb22e.txt samples/003_5b25fda696698159.txt"

# shellcheck disable=SC2086
if "$V" check $SEEDS >"$T/seeds.out" 2>&1; then
    echo "ok check/seeds-no-false-alarm"
else
    echo "FAIL check/seeds-no-false-alarm"
    sed 's/^/    /' "$T/seeds.out" | head -10
fi

# shellcheck disable=SC2086
python3 tools/testdata/mutate_figures.py "$V" "$T/copies" --copies 200 --seed 7 $SEEDS || {
    echo "FAIL check/mutations: generator failed"
    exit 0
}
total=0 flagged=0
while IFS="$(printf '\t')" read -r copy line checks before after; do
    total=$((total + 1))
    "$V" check "$copy" >"$T/report" 2>/dev/null
    rc=$?
    hit=0
    for l in $line $(echo "$checks" | tr ',' ' '); do
        grep -q "^$copy:$l: expected" "$T/report" && hit=1
    done
    if [ $rc -eq 1 ] && [ $hit -eq 1 ]; then
        flagged=$((flagged + 1))
    else
        echo "    missed: $copy line $line ($before -> $after)" >>"$T/missed"
    fi
done <"$T/copies/manifest.tsv"
if [ "$total" -eq 200 ] && [ $((flagged * 100)) -ge $((total * 95)) ]; then
    echo "ok check/mutations: $flagged/$total damaged copies flagged at the right line"
else
    echo "FAIL check/mutations: $flagged/$total damaged copies flagged at the right line"
    head -10 "$T/missed" 2>/dev/null
fi
