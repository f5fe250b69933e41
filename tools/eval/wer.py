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


def distance(ref, hyp):
    """Fewest word edits turning ref into hyp (one row at a time)."""
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        diag, row[0] = row[0], i
        for j, h in enumerate(hyp, 1):
            best = diag + (r != h)
            if row[j] + 1 < best:
                best = row[j] + 1
            if row[j - 1] + 1 < best:
                best = row[j - 1] + 1
            diag, row[j] = row[j], best
    return row[-1]


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
