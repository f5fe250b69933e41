#!/bin/sh
# The HTML of seed 000 in headless Chromium: its tables are in the rendered
# DOM, and a screenshot of the page is not blank and shows table borders.
B=${1:-build}
V="$B/vanban"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
CHROMIUM=$(command -v chromium || command -v chromium-browser)
if [ -z "$CHROMIUM" ]; then
    echo "FAIL html/chromium: chromium is not installed (make deps installs it)"
    exit 0
fi
# Under ASan the renderer is the same code; one browser run is enough.
[ -n "$VANBAN_SANITIZED" ] && { echo "ok html/chromium # checked in the normal build"; exit 0; }
"$V" convert -f html -o "$T/seed000.html" samples/000_6cc1228e2ba2f095.txt 2>"$T/err"
flags="--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --hide-scrollbars --user-data-dir=$T/profile"
timeout 120 "$CHROMIUM" $flags --dump-dom "file://$T/seed000.html" >"$T/dom.html" 2>/dev/null
tables=$(grep -o '<table>' "$T/dom.html" | wc -l)
expected=$(grep -o '<table>' "$T/seed000.html" | wc -l)
if [ "$tables" -ge 8 ] && [ "$tables" = "$expected" ]; then
    echo "ok html/chromium-dom-has-tables ($tables)"
else
    echo "FAIL html/chromium-dom-has-tables: $tables rendered, $expected written"
fi
# the appendix tables are at the end: a tall window takes the whole page
timeout 120 "$CHROMIUM" $flags --window-size=1000,14000 --screenshot="$T/shot.png" \
    "file://$T/seed000.html" >/dev/null 2>&1
if [ ! -s "$T/shot.png" ]; then
    echo "FAIL html/chromium-screenshot: no screenshot"
    exit 0
fi
python3 tests/tools/png_stats.py "$T/shot.png" >"$T/stats"
ink=$(sed -n 's/^ink //p' "$T/stats")
lines=$(sed -n 's/^long-lines //p' "$T/stats")
if awk "BEGIN{exit !($ink > 0.01)}"; then echo "ok html/chromium-screenshot-not-blank (ink $ink)"
else echo "FAIL html/chromium-screenshot-not-blank: ink $ink"; fi
if [ "${lines:-0}" -ge 20 ]; then echo "ok html/chromium-screenshot-shows-table-borders ($lines)"
else echo "FAIL html/chromium-screenshot-shows-table-borders: $lines long lines"; fi
