#!/bin/sh
# Hostile documents in headless Chromium: the HTML of tests/hostile/links (a
# Word file whose links point at javascript:, data: and vbscript: targets,
# some disguised) and of a text file full of markup, each converted alone and
# as pages of a static site, has no link that could run script and no element
# made from document text; the http and mailto links stay links.
B=${1:-build}
V="$B/vanban"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
CHROMIUM=$(command -v chromium || command -v chromium-browser)
if [ -z "$CHROMIUM" ]; then
    echo "FAIL html/links-chromium: chromium is not installed (make deps installs it)"
    exit 0
fi
if ! python3 tests/docx/build.py tests/hostile "$T/in" 2>"$T/err"; then
    echo "FAIL html/links-build: $(head -1 "$T/err")"
    exit 0
fi
S="<script>document.title='XSS-S'</script>"
I="\"><img src=x onerror=\"document.title='XSS-I'\">"
J="javascript:document.title='XSS-J'"
printf 'ỦY BAN NHÂN DÂN %s\nSố: 12/KH-UBND\nKẾ HOẠCH\nThực hiện nhiệm vụ %s năm 2024\n\nI. MỤC ĐÍCH %s\n\n1. Nội dung %s %s\n\nSTT\tNội dung\n1\t%s\n' \
    "$S" "$I" "$S" "$I" "$J" "$S" >"$T/in/markup.txt"
mkdir "$T/html"
for f in links.docx markup.txt; do
    "$V" convert -q -f html -o "$T/html/$f.html" "$T/in/$f" 2>>"$T/err" ||
        echo "FAIL html/links-convert $f: $(tail -1 "$T/err")"
done
# the refused links are said on stderr
n=$(grep -c 'unsafe-link' "$T/err")
[ "$n" = 6 ] && echo "ok html/links-refused-are-reported (6)" ||
    echo "FAIL html/links-refused-are-reported: $n warnings, 6 expected"
if "$V" index -q "$T/c.db" "$T/in/links.docx" "$T/in/markup.txt" 2>"$T/err" &&
   "$V" site "$T/c.db" "$T/site" >/dev/null 2>"$T/err"; then
    cp "$T"/site/doc/*.html "$T/html/"
else
    echo "FAIL html/links-site: $(head -1 "$T/err")"
fi
# Under ASan the renderer is the same code; the browser is run once.
[ -n "$VANBAN_SANITIZED" ] && { echo "ok html/links-chromium # checked in the normal build"; exit 0; }
flags="--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --user-data-dir=$T/profile"
pages=0
for h in "$T"/html/*.html; do
    timeout 120 "$CHROMIUM" $flags --dump-dom "file://$h" >"$h.dom" 2>/dev/null
    [ -s "$h.dom" ] && pages=$((pages + 1))
done
if [ "$pages" -lt 4 ]; then
    echo "FAIL html/links-chromium: $pages pages rendered, 4 expected"
    exit 0
fi
if python3 tests/tools/live_markup.py "$T"/html/*.dom >"$T/found"; then
    echo "ok html/links-nothing-live ($pages pages)"
else
    echo "FAIL html/links-nothing-live:"
    sed "s#^$T/html/##; s/^/    /" "$T/found" | head -20
fi
live=$(cat "$T"/html/links.docx.html.dom | grep -o '<a href="[hm][^"]*"' | sort -u | tr '\n' ' ')
[ "$live" = '<a href="https://chinhphu.vn/van-ban" <a href="mailto:vanthu@example.gov.vn" ' ] &&
    echo "ok html/links-safe-targets-kept" || echo "FAIL html/links-safe-targets-kept: $live"
