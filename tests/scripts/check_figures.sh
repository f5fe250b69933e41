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
total=0 flagged=0 pointed=0
while IFS="$(printf '\t')" read -r copy line checks before after; do
    total=$((total + 1))
    "$V" check "$copy" >"$T/report" 2>/dev/null
    rc=$?
    hit=0
    for l in $line $(echo "$checks" | tr ',' ' '); do
        grep -q "^$copy:$l: expected" "$T/report" && hit=1
    done
    # the changed figure's own line: the line of a report, or among the
    # lines of the parts a report lists
    if awk -v copy="$copy" -v line="$line" '
        index($0, copy ":" line ": expected") == 1 { found = 1 }
        /parts on lines / {
            s = $0; sub(/.*parts on lines /, "", s); n = split(s, r, ", ")
            for (i = 1; i <= n; i++) {
                split(r[i], ab, "-"); lo = ab[1] + 0; hi = (ab[2] == "" ? lo : ab[2] + 0)
                if (line + 0 >= lo && line + 0 <= hi) found = 1
            }
        }
        END { exit found ? 0 : 1 }' "$T/report"; then
        pointed=$((pointed + 1))
    fi
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
if [ $((pointed * 100)) -ge $((total * 95)) ]; then
    echo "ok check/mutations-line: $pointed/$total reports name the line of the changed figure"
else
    echo "FAIL check/mutations-line: $pointed/$total reports name the line of the changed figure"
fi
