#!/bin/sh
# Dev-set score on pages read by a Vietnamese OCR model (ocr-vie-seeds.jsonl),
# leave-one-out: the pages of seed K are repaired with build/eval/loo-K (a
# language model trained without seed K; make model-eval), or when there is
# none with build/eval/noseed (trained on no seed at all: legal + wiki; see
# docs/diacritics.md); the channels never saw any seed.  Prints WER, CER, BASE, the share of word errors that
# are wrong marks on the right letters, how many of those the repair fixed,
# and the pages made worse, per degradation, pooled over the seeds.
#   tools/eval/vie.sh [SHARED_DIR] [MODE] [DEGRADES]
# MODE: a --diacritics mode (default auto), or "input" for the OCR text as is.
# KEEP=DIR keeps the per-seed outputs (with their TOTALS lines) in DIR.
SHARED=${1:-../shared}
MODE=${2:-auto}
DEGRADES=${3:-scan poor}
cd "$(dirname "$0")/../.." || exit 2
PAIRS="$SHARED/eval/ocr-vie-seeds.jsonl"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
# pools the seeds' counts
cat > "$TMP/pool.py" <<'PYEOF'
import sys
T = {}
for line in sys.stdin:
    for kv in line.split()[1:]:
        k, v = kv.split("=")
        T[k] = T.get(k, 0) + int(v)
pc = lambda a, b: 100.0 * a / max(b, 1)
d, mode = sys.argv[1], sys.argv[2]
ein = T["in_marks"] + T["in_case"] + T["in_letters"]
eout = T["out_marks"] + T["out_case"] + T["out_letters"]
print("%-5s %d pages, %d tokens" % (d, T["pages"], T["tok"]))
print("  input  WER %6.2f%%  CER %6.2f%%  BASE %6.2f%%  wrong marks %5.1f%% of word errors (%d)" % (
    pc(T["w_in"], T["tok"]), pc(T["c_in"], T["chars"]), pc(T["b_in"], T["tok"]), pc(T["in_marks"], ein), T["in_marks"]))
if mode != "input":
    print("  %-6s WER %6.2f%%  CER %6.2f%%  BASE %6.2f%%  wrong marks %5.1f%% of word errors (%d)" % (
        mode, pc(T["w_out"], T["tok"]), pc(T["c_out"], T["chars"]), pc(T["b_out"], T["tok"]),
        pc(T["out_marks"], eout), T["out_marks"]))
    print("  wrong-marks words of the input fixed %d of %d (%.1f%%); pages worse than input by > 0.5 points: %d" % (
        T["marks_fixed"], T["marks_in"], pc(T["marks_fixed"], T["marks_in"]), T["worse"]))
PYEOF
for d in $DEGRADES; do
    for k in 000 001 002 003; do
        if [ "$MODE" = input ]; then
            python3 tools/eval/vie_score.py "$PAIRS" --degrade "$d" --seed "$k" > "$TMP/$d-$k" &
        else
            model=build/eval/loo-$k
            [ -f "$model/lm.bin" ] || model=build/eval/noseed
            echo "$model" > "$TMP/model-$k"
            python3 tools/eval/vie_score.py "$PAIRS" --degrade "$d" --seed "$k" -- \
                "${VANBAN:-build/vanban}" repair --diacritics "$MODE" --model "$model" \
                > "$TMP/$d-$k" &
        fi
        [ "$k" = 001 ] && wait
    done
    wait
    cat "$TMP/$d"-* | grep '^TOTALS' | python3 "$TMP/pool.py" "$d" "$MODE"
    [ -z "$KEEP" ] || cp "$TMP/$d"-* "$KEEP"/ 2>/dev/null
    for k in 000 001 002 003; do
        printf '  seed %s: %s  %s\n' "$k" "$(grep -E '^(output|input) ' "$TMP/$d-$k" | tail -1 | cut -c1-50)" \
            "$(cat "$TMP/model-$k" 2>/dev/null)"
    done
done
