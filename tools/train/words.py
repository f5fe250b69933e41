#!/usr/bin/env python3
"""Word tables of the diacritics model, learned from the training text.

  words.py --lmtok BIN -o words.tsv TEXT.txt...

  abbr TAB QD TAB QĐ        an all-caps code the documents write with Đ,
                            keyed by its spelling with D (what the OCR prints);
                            kept when the Đ spelling is clearly the usual one
  surface TAB hòa TAB hoà   the spelling the documents prefer for a syllable
                            whose tone mark may sit on either vowel, when it
                            is not the canonical one
"""
import argparse, re, subprocess, sys
from collections import Counter

CAPS = re.compile(r"(?<![^\W\d_])[A-ZĐ]{2,}(?![^\W\d_])")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--lmtok", default="build/lmtok")
    ap.add_argument("--min-count", type=int, default=3)
    a = ap.parse_args()
    caps = Counter()
    surf = Counter()
    for path in a.inputs:
        text = open(path, encoding="utf-8").read()
        caps.update(CAPS.findall(text))
        out = subprocess.run([a.lmtok, "-s"], input=text, capture_output=True, text=True,
                             check=True).stdout
        surf.update(tuple(l.split("\t")) for l in out.splitlines() if "\t" in l)
    lines = []
    by_key = {}
    # words that are syllables ("ĐANG") are the decoder's business, not codes
    withd = sorted(w for w in caps if "Đ" in w)
    kinds = subprocess.run([a.lmtok], input="\n".join(withd) + "\n", capture_output=True,
                           text=True, check=True).stdout.splitlines()
    codes = {w for w, k in zip(withd, kinds) if k.strip() == "<w>"}
    for w, n in caps.items():
        if w in codes:
            k = w.replace("Đ", "D")
            if n > by_key.get(k, ("", 0))[1]:
                by_key[k] = (w, n)
    for k, (w, n) in sorted(by_key.items()):
        if n >= a.min_count and n > 3 * caps.get(k, 0):
            lines.append(f"abbr\t{k}\t{w}")
    best = {}
    for (canon, written), n in surf.items():
        if n > best.get(canon, ("", 0))[1]:
            best[canon] = (written, n)
    for canon, (written, n) in sorted(best.items()):
        if written != canon:
            lines.append(f"surface\t{canon}\t{written}")
    with open(a.output, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    sys.stderr.write(f"{a.output}: {sum(l.startswith('abbr') for l in lines)} codes, "
                     f"{sum(l.startswith('surface') for l in lines)} preferred spellings\n")


if __name__ == "__main__":
    main()
