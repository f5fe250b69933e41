#!/bin/sh
# --ocr on an image-only PDF of a seed's rendered pages, against the seed.
#   tools/eval/ocr_pdf.sh [SEED_TXT] [BUILD_DIR]
# (default: samples/002_*.txt, build).  The seed's text (markdown emphasis
# taken off; a heading glued to the next by bold marks put on its own line,
# as the document prints it) is cut into pages at paragraph ends, each page drawn by
# pango-view as a 300 dpi image (DejaVu Serif 11, A4 width), and the images
# wrapped into one PDF by img2pdf: a scan with no text layer.  vanban reads
# it with --ocr and the result is compared with the seed read as text:
#   - the header fields (number, place, date, type, title: attribute values
#     and text) and the section labels in order, from the XML;
#   - the word error rate of the text (tools/eval/wer.py), with the default
#     repair (--diacritics auto) and with none (the engine's text as read).
# KEEP=DIR keeps the PDF and the outputs.
cd "$(dirname "$0")/../.." || exit 2
SEED=${1:-$(ls samples/002_*.txt | head -1)}
B=${2:-build}
V="$B/vanban"
T=${KEEP:-$(mktemp -d)}
mkdir -p "$T"
[ -n "$KEEP" ] || trap 'rm -rf "$T"' EXIT
for tool in pango-view img2pdf python3; do
    command -v "$tool" >/dev/null 2>&1 || { echo "ocr_pdf.sh: $tool is missing (make deps)" >&2; exit 2; }
done

# the pages: paragraphs (blank-line separated) up to about 3000 characters
python3 - "$SEED" "$T" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
# headings the text form glued to their neighbours with bold marks
# ("Phần II**KẾ HOẠCH ...****I. MỤC TIÊU") are printed on lines of their own
text = re.sub(r"\*{4}|(?<=[^\s*])\*\*(?=[^\s*])", "\n", text).replace("*", "")
open(sys.argv[2] + "/ref.txt", "w", encoding="utf-8").write(text)
pages, cur = [], ""
for par in text.split("\n\n"):
    if cur and len(cur) + len(par) > 3000:
        pages.append(cur)
        cur = ""
    cur += par + "\n\n"
if cur.strip():
    pages.append(cur)
for i, p in enumerate(pages):
    open("%s/page-%03d.txt" % (sys.argv[2], i + 1), "w", encoding="utf-8").write(p.strip("\n") + "\n")
print(len(pages), "pages", file=sys.stderr)
PY
for p in "$T"/page-*.txt; do
    pango-view -q --font="DejaVu Serif 11" --dpi=300 --width=515 --margin=40 --output="${p%.txt}.png" "$p"
done
img2pdf -s 300dpi -o "$T/scan.pdf" "$T"/page-*.png

"$V" convert -q -f xml -o "$T/text.xml" "$SEED" || exit 1
start=$(date +%s)
mkdir -p "$T/ocr"
"$V" convert -f xml,txt --ocr -o "$T/ocr" "$T/scan.pdf" 2>"$T/ocr.err" || { cat "$T/ocr.err"; exit 1; }
secs=$(( $(date +%s) - start ))
cp "$T/ocr/scan.xml" "$T/ocr.xml"
cp "$T/ocr/scan.txt" "$T/ocr.txt"
"$V" convert -q -f txt --ocr --diacritics off -o "$T/ocr-raw.txt" "$T/scan.pdf" || exit 1

python3 - "$T/text.xml" "$T/ocr.xml" <<'PY'
import re, sys
import xml.etree.ElementTree as ET

def text(e):
    return re.sub(r"\s+", " ", "".join(e.itertext())).strip()

def header(path):
    meta = ET.parse(path).getroot().find("meta")
    out = {}
    for name in ("authority", "number", "place", "date", "type", "title"):
        e = meta.find(name) if meta is not None else None
        if e is not None:
            attrs = " ".join('%s="%s"' % (k, v) for k, v in sorted(e.attrib.items())
                             if k not in ("line", "page", "bbox"))
            out[name] = (attrs + " " + text(e)).strip()
    return out

def sections(path):
    return [s.get("label") or s.get("num") for s in ET.parse(path).getroot().iter("section")]

h1, h2 = header(sys.argv[1]), header(sys.argv[2])
same = 0
for k in sorted(set(h1) | set(h2)):
    ok = h1.get(k) == h2.get(k)
    same += ok
    print("header %-9s %s  text: %s%s" % (k, "same" if ok else "DIFFERS", h1.get(k),
                                         "" if ok else "  | ocr: %s" % h2.get(k)))
print("header fields: %d of %d the same" % (same, len(set(h1) | set(h2))))
s1, s2 = sections(sys.argv[1]), sections(sys.argv[2])
print("sections: text %d, ocr %d, %s" % (len(s1), len(s2), "same labels in the same order" if s1 == s2 else "labels differ"))
if s1 != s2:
    import difflib
    for line in difflib.unified_diff(s1, s2, "text", "ocr", lineterm="", n=1):
        print("   ", line)
PY
pages=$(ls "$T"/page-*.png | wc -l)
echo "scan: $pages pages at 300 dpi; --ocr took ${secs} s"
python3 tools/eval/wer.py "$T/ref.txt" "$T/ocr.txt" --label "ocr+repair"
python3 tools/eval/wer.py "$T/ref.txt" "$T/ocr-raw.txt" --label "ocr-as-read"
