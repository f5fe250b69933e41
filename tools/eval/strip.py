#!/usr/bin/env python3
"""Syllable accuracy on diacritics-stripped text held out from training.

  strip.py [--paragraphs N] [--legal-only DIR] HELDOUT.txt -- CMD ARG...

HELDOUT.txt holds one paragraph a line (build/train/heldout-test.txt: held
out by content, never trained on).  Every mark is removed (đ -> d too), the
text is fed to CMD (e.g. vanban repair --diacritics strip), and each word of
the output is compared with the original: accuracy over the words that carry
letters.  --legal-only keeps paragraphs found in the legal corpus DIR."""
import argparse, os, random, re, subprocess, sys, unicodedata

WORD = re.compile(r"[^\W\d_]+")


def strip(s):
    s = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(c for c in s if not unicodedata.combining(c)))


def main():
    argv = sys.argv[1:]
    i = argv.index("--")
    ap = argparse.ArgumentParser()
    ap.add_argument("heldout")
    ap.add_argument("--paragraphs", type=int, default=3000)
    ap.add_argument("--legal-only")
    a = ap.parse_args(argv[:i])
    cmd = argv[i + 1:]
    paras = [l.strip() for l in open(a.heldout, encoding="utf-8") if l.strip()]
    if a.legal_only:
        sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "train"))
        import corpus
        legal = set()
        for name in os.listdir(a.legal_only):
            t = unicodedata.normalize("NFC", open(os.path.join(a.legal_only, name), encoding="utf-8",
                                                  errors="replace").read())
            legal.update(corpus.gazette_paragraphs(t))
        paras = [p for p in paras if p in legal]
    random.Random(3).shuffle(paras)
    paras = paras[:a.paragraphs]
    ref = "\n\n".join(paras)
    out = subprocess.run(cmd, input=strip(ref), capture_output=True, text=True, check=True).stdout
    rw, hw = WORD.findall(ref), WORD.findall(out)
    if len(rw) != len(hw):
        sys.exit(f"strip.py: word counts differ ({len(rw)} vs {len(hw)})")
    ok = sum(x == y for x, y in zip(rw, hw))
    marked = sum(x != strip(x) for x in rw)
    print(f"paragraphs {len(paras)}  words {len(rw)}  ({marked} with marks)")
    print(f"syllable accuracy {100.0 * ok / len(rw):.2f}%  (as stripped: "
          f"{100.0 * (len(rw) - marked) / len(rw):.2f}%)")


if __name__ == "__main__":
    main()
