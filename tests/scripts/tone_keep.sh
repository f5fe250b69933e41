#!/bin/sh
# Tone placement is kept as written: every sample through `vanban convert
# -f txt` with the default options holds each word whose tone falls in oa,
# oe or uy (hòa/hoà, khỏe/khoẻ, thủy/thuỷ) as often, and spelt byte for byte
# as, its source does.  The text of a .docx is read from its document part.
B=${1:-build}
V="$B/vanban"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

for f in samples/*.txt samples/*.docx; do
    [ -f "$f" ] || continue
    name=$(basename "$f")
    if ! "$V" convert -f txt --model data/model -o "$T/out.txt" "$f" 2>"$T/err"; then
        echo "FAIL tone-keep/$name: convert failed"
        sed 's/^/    /' "$T/err" | head -5
        continue
    fi
    python3 - "$f" "$T/out.txt" <<'PY'
import collections, re, sys, unicodedata, zipfile

src, out = sys.argv[1], sys.argv[2]
if src.endswith(".docx"):
    with zipfile.ZipFile(src) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    # the runs of a paragraph joined as they are (a word may span two runs)
    text = "\n".join("".join(re.findall(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>", p))
                     for p in xml.split("</w:p>"))
else:
    text = open(src, encoding="utf-8").read()
result = open(out, encoding="utf-8").read()

TONES = "\u0300\u0301\u0303\u0309\u0323"
# a toned vowel pair oa, oe or uy closing the word, with either placement
PAIR = re.compile(r"(?:[oO][" + TONES + r"]?[aAeE]|[uU][" + TONES + r"]?[yY])[" + TONES + r"]?$")

def toned_words(t):
    words = collections.Counter()
    for w in re.findall(r"\w+", unicodedata.normalize("NFC", t)):
        d = unicodedata.normalize("NFD", w)
        if PAIR.search(d) and any(c in TONES for c in d[-3:]):
            words[w] += 1
    return words

def other_placement(w):
    """hòa <-> hoà, khỏe <-> khoẻ, thủy <-> thuỷ: in NFD the tone and the
    second vowel trade places"""
    d = unicodedata.normalize("NFD", w)
    return unicodedata.normalize("NFC", d[:-2] + d[-1] + d[-2])

a, b = toned_words(text), toned_words(result)
# A word may be dropped (a running header) or restored where OCR lost its
# marks, but none written in one placement may come out in the other.
moved = {w: n for w, n in b.items() if n > a.get(w, 0) and other_placement(w) in a}
name = src.split("/")[-1]
if not a:
    print("FAIL tone-keep/%s: no word with a tone in oa, oe or uy to check" % name)
elif moved:
    print("FAIL tone-keep/%s: respelt %s" % (name, sorted(moved.items())[:8]))
else:
    print("ok tone-keep/%s (%d words)" % (name, sum(a.values())))
PY
done
