#!/bin/sh
# Auto mode on clean text: the fraction of words that vanban changes in the
# four clean samples (000-003).  Should be at most 0.1 %.
#   tools/eval/clean.sh [MODEL_DIR]
MODEL=${1:-data/model}
cd "$(dirname "$0")/../.." || exit 2
total_words=0
total_changed=0
for f in samples/000_*.txt samples/001_*.txt samples/002_*.txt samples/003_*.txt; do
    words=$(tr -s '[:space:][:punct:]' '\n' < "$f" | grep -c .)
    changed=$("${VANBAN:-build/vanban}" repair --report --model "$MODEL" "$f" 2>&1 >/dev/null |
              awk '$2 == "diacritics-restored" { n += $3 } END { print n + 0 }')
    printf '%s  words %d  changed %d\n' "$(basename "$f")" "$words" "$changed"
    total_words=$((total_words + words))
    total_changed=$((total_changed + changed))
done
awk -v w="$total_words" -v c="$total_changed" 'BEGIN { printf "clean samples, auto mode: %d of %d words changed (%.3f%%)\n", c, w, 100 * c / w }'
