#!/usr/bin/env python3
"""Word error rate of a text against a reference text.

Usage: wer.py REFERENCE HYPOTHESIS [--label NAME]

Both files are read as UTF-8 and put in NFC; markdown emphasis marks and
punctuation are not words (a word is a run of letters and digits).  The
words are aligned with the fewest substitutions, insertions and deletions
(Levenshtein over words), and the line printed is

  NAME WER 3.41 % (52 edits / 1525 reference words) BASE 1.05 %

where BASE is the same rate once marks and case are removed from both
sides: the errors in the letters themselves, not in the diacritics.
"""
import re
import sys
import unicodedata

WORD = re.compile(r"\w+")


def words(text, base=False):
    text = unicodedata.normalize("NFC", text)
    if base:
        text = text.replace("đ", "d").replace("Đ", "D")
        text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
        text = text.lower()
    return [w for w in WORD.findall(text) if w != "_"]


def banded(ref, hyp, k):
    """Fewest word edits turning ref into hyp when they are at most k (an
    alignment never strays more than k cells from the diagonal); None when
    they are more."""
    n, m = len(ref), len(hyp)
    if abs(n - m) > k:
        return None
    big = n + m + 1
    prev = {j: j for j in range(0, min(m, k) + 1)}
    for i in range(1, n + 1):
        cur = {}
        r = ref[i - 1]
        for j in range(max(0, i - k), min(m, i + k) + 1):
            if j == 0:
                cur[j] = i
                continue
            best = prev.get(j - 1, big) + (r != hyp[j - 1])
            d = prev.get(j, big) + 1
            if d < best:
                best = d
            d = cur.get(j - 1, big) + 1
            if d < best:
                best = d
            cur[j] = best
        prev = cur
    d = prev.get(m, big)
    return d if d <= k else None


def distance(ref, hyp):
    """Fewest word edits turning ref into hyp: Levenshtein over words, in a
    band around the diagonal that is widened until the distance fits in it
    (exact, and quick for texts that mostly agree)."""
    k = max(64, abs(len(ref) - len(hyp)))
    while True:
        d = banded(ref, hyp, k)
        if d is not None:
            return d
        k *= 2


def main(argv):
    label = "text"
    args = []
    i = 1
    while i < len(argv):
        if argv[i] == "--label" and i + 1 < len(argv):
            label = argv[i + 1]
            i += 2
            continue
        args.append(argv[i])
        i += 1
    if len(args) != 2:
        sys.stderr.write(__doc__)
        return 2
    ref_text = open(args[0], encoding="utf-8").read()
    hyp_text = open(args[1], encoding="utf-8").read()
    ref, hyp = words(ref_text), words(hyp_text)
    if not ref:
        sys.stderr.write("wer.py: the reference has no word\n")
        return 2
    e = distance(ref, hyp)
    b = distance(words(ref_text, True), words(hyp_text, True))
    print("%s WER %.2f %% (%d edits / %d reference words) BASE %.2f %%"
          % (label, 100.0 * e / len(ref), e, len(ref), 100.0 * b / len(ref)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
