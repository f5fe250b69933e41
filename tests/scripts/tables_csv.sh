#!/bin/sh
# vanban tables: every table of every sample and real Word file, written as
# CSV and read back with Python's csv module, holds the texts of the XML's
# cells at the positions their spans give them (spans repeated, or only in
# their first position with --spans empty), and with --values the typed
# value of each typed cell beside it; bad input and bad options are refused
# with the file named.
B=${1:-build}
V="$B/vanban"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

if ! command -v python3 >/dev/null 2>&1; then
    echo "FAIL tables/python3: python3 is not installed"
    exit 0
fi

ntables=0
for f in samples/* tests/data/real/*.docx; do
    [ -f "$f" ] || continue
    base=$(basename "$f")
    stem=${base%.*}
    "$V" convert -q -f xml -o "$T/doc.xml" "$f" 2>/dev/null || { echo "FAIL tables/$base: convert failed"; continue; }
    for mode in repeat empty; do
        rm -rf "$T/csv"
        if ! "$V" tables --csv "$T/csv" --spans $mode --values "$f" 2>"$T/err"; then
            echo "FAIL tables/$base-$mode: $(head -1 "$T/err")"
            continue
        fi
        python3 - "$T/doc.xml" "$T/csv" "$stem" $mode >"$T/py" 2>&1 <<'PY'
import csv, io, os, sys
import xml.etree.ElementTree as ET

xml_path, csv_dir, stem, mode = sys.argv[1:5]

def text_of(cell):
    parts = []
    def walk(e):
        if e.tag in ("del", "table"):
            return
        if e.text:
            parts.append(e.text)
        for c in e:
            walk(c)
            if c.tail:
                parts.append(c.tail)
    walk(cell)
    return " ".join("".join(parts).split())

def norm(s):
    return " ".join(s.split())

tables = list(ET.parse(xml_path).getroot().iter("table"))
files = sorted(os.listdir(csv_dir)) if os.path.isdir(csv_dir) else []
if len(files) != len(tables):
    print("FAIL: %d tables in the XML, %d CSV files" % (len(tables), len(files)))
    sys.exit(1)
for i, t in enumerate(tables, 1):
    name = "%s-%d.csv" % (stem, i)
    with open(os.path.join(csv_dir, name), newline="", encoding="utf-8") as fh:
        raw = fh.read()
    if raw and not raw.endswith("\r\n"):
        print("FAIL: %s does not end its records with CRLF" % name)
        sys.exit(1)
    rows = list(csv.reader(io.StringIO(raw, newline="")))
    xrows = t.findall("row")
    if len(rows) != len(xrows):
        print("FAIL: %s has %d records, the XML table %d rows" % (name, len(rows), len(xrows)))
        sys.exit(1)
    grid = {}
    for y, r in enumerate(xrows):
        x = 0
        for c in r.findall("cell"):
            while (y, x) in grid:
                x += 1
            cs, rs = int(c.get("colspan", "1")), int(c.get("rowspan", "1"))
            for dy in range(min(rs, len(xrows) - y)):
                for dx in range(cs):
                    grid.setdefault((y + dy, x + dx), (c, dy == 0 and dx == 0))
            x += cs
    width = max([x + 1 for (_, x) in grid] or [0])
    for y, rec in enumerate(rows):
        if len(rec) != 2 * width:
            print("FAIL: %s record %d has %d fields, expected %d" % (name, y + 1, len(rec), 2 * width))
            sys.exit(1)
        header = xrows[y].get("kind") == "header"
        for x in range(width):
            c, origin = grid.get((y, x), (None, False))
            shown = c is not None and (origin or mode == "repeat")
            want = text_of(c) if shown else ""
            if norm(rec[2 * x]) != want:
                print("FAIL: %s row %d column %d: %r, the XML has %r" % (name, y + 1, x + 1, rec[2 * x], want))
                sys.exit(1)
            if header:
                ok = rec[2 * x + 1].startswith("value")
            else:
                v = c.get("value") if shown and c.get("type") else None
                ok = rec[2 * x + 1] == (v or "")
            if not ok:
                print("FAIL: %s row %d column %d: value %r" % (name, y + 1, x + 1, rec[2 * x + 1]))
                sys.exit(1)
print("tables %d" % len(tables))
PY
        if [ $? -eq 0 ]; then
            n=$(sed -n 's/^tables //p' "$T/py")
            [ $mode = repeat ] && ntables=$((ntables + n))
            echo "ok tables/$base-$mode ($n tables)"
        else
            echo "FAIL tables/$base-$mode: $(head -3 "$T/py" | tr '\n' ' ')"
        fi
    done
done
[ "$ntables" -gt 0 ] && echo "ok tables/some-tables ($ntables in all)" || echo "FAIL tables/some-tables: no table checked"

# a quote, a comma and a line break in a cell survive the round trip
printf 'KẾ HOẠCH\nThử bảng\n\nSTT\tNội dung\n1\tMua "bút", giấy\n2\tBàn\n' >"$T/quote.txt"
rm -rf "$T/q"
"$V" tables --csv "$T/q" --diacritics off "$T/quote.txt" 2>"$T/err"
if python3 -c 'import csv,sys; r=list(csv.reader(open(sys.argv[1],newline="",encoding="utf-8"))); sys.exit(0 if r[1]==["1","Mua \"bút\", giấy"] else 1)' "$T/q/quote-1.csv" 2>/dev/null; then
    echo "ok tables/quoting"
else
    echo "FAIL tables/quoting: $(cat "$T/q/quote-1.csv" 2>/dev/null | tail -1) $(head -1 "$T/err")"
fi

# without --csv: one line per table
n=$("$V" tables --diacritics off samples/003_5b25fda696698159.txt | grep -c '^003_5b25fda696698159-[0-9]*\.csv	')
[ "$n" -ge 1 ] && echo "ok tables/list" || echo "FAIL tables/list: no table listed"

# errors name the file; bad options are usage errors
"$V" tables --diacritics off "$T/missing.txt" >/dev/null 2>"$T/err"
[ $? -eq 1 ] && grep -q "missing.txt" "$T/err" && echo "ok tables/missing-file" || echo "FAIL tables/missing-file: $(head -1 "$T/err")"
"$V" tables --spans merge samples/004_a2909b4c328b78b0.txt >/dev/null 2>"$T/err"
[ $? -eq 2 ] && grep -q "repeat or empty" "$T/err" && echo "ok tables/bad-spans" || echo "FAIL tables/bad-spans"
: >"$T/file"
"$V" tables --csv "$T/file/sub" samples/004_a2909b4c328b78b0.txt >/dev/null 2>"$T/err"
[ $? -eq 1 ] && grep -q "file/sub" "$T/err" && echo "ok tables/bad-dir" || echo "FAIL tables/bad-dir: $(head -1 "$T/err")"
"$V" tables --help | grep -q -- "--spans" && echo "ok tables/help" || echo "FAIL tables/help"
exit 0
