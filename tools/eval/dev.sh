#!/bin/sh
# Dev-set score of the diacritics decoder, leave-one-out: the pages of seed K
# are repaired with a model trained without seed K (make model-eval builds
# build/eval/loo-K), then scored with repair-score.  Also scores the
# baselines (damaged text as is, unigram and stupid-backoff models).
#   tools/eval/dev.sh [SHARED_DIR] [VARIANTS...]
# VARIANTS: loo (default), unigram, stupid, input.
SHARED=${1:-../shared}
[ $# -gt 0 ] && shift
VARIANTS=${*:-loo}
cd "$(dirname "$0")/../.." || exit 2
PAIRS="$SHARED/eval/ocr-seeds.jsonl"
SCORE="$SHARED/tools/repair-score"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
for k in 000 001 002 003; do
    grep "\"id\": \"$k" "$PAIRS" > "$TMP/$k.jsonl"
done
for v in $VARIANTS; do
    : > "$TMP/all.txt"
    for k in 000 001 002 003; do
        case $v in
        loo) model=build/eval/loo-$k ;;
        input) model= ;;
        *) model=build/eval/$v ;;
        esac
        if [ -n "$model" ]; then
            python3 "$SCORE" "$TMP/$k.jsonl" -- "${VANBAN:-build/vanban}" repair --diacritics ocr --model "$model" > "$TMP/$k.out" || exit 1
        else
            python3 "$SCORE" "$TMP/$k.jsonl" > "$TMP/$k.out" || exit 1
        fi
        printf '%s %s\n' "$k" "$(tr '\n' ' ' < "$TMP/$k.out")" >> "$TMP/all.txt"
    done
    # pool the seeds: rates weighted by their token and character counts
    awk -v name="$v" '{
        for (i = 1; i <= NF; i++) {
            if ($i == "tokens") t = $(i+1); if ($i == "chars") c = $(i+1);
            if ($i == "WER") w = $(i+1); if ($i == "CER") e = $(i+1); if ($i == "BASE") b = $(i+1);
        }
        sub("%", "", w); sub("%", "", e); sub("%", "", b);
        printf "  %-8s seed %s  WER %6.2f%%  CER %6.2f%%  BASE %6.2f%%\n", name, $1, w, e, b
        T += t; C += c; W += w * t; E += e * c; B += b * t
    } END { printf "%-8s all       WER %6.2f%%  CER %6.2f%%  BASE %6.2f%%  (%d tokens)\n", name, W / T, E / C, B / T, T }' "$TMP/all.txt"
done
