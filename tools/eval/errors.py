#!/usr/bin/env python3
"""The most frequent word errors of a repair command on (clean, ocr) pairs.
  errors.py PAIRS.jsonl [-n 40] -- CMD ARG..."""
import difflib, json, re, subprocess, sys, unicodedata
from collections import Counter

WORD = re.compile(r"\w+")


def main():
    argv = sys.argv[1:]
    i = argv.index("--")
    opts, cmd = argv[:i], argv[i + 1:]
    n = int(opts[opts.index("-n") + 1]) if "-n" in opts else 40
    errs = Counter()
    for line in open(opts[0], encoding="utf-8"):
        r = json.loads(line)
        hyp = subprocess.run(cmd, input=r["ocr"], capture_output=True, text=True).stdout
        ref = WORD.findall(unicodedata.normalize("NFC", r["clean"]))
        hw = WORD.findall(unicodedata.normalize("NFC", hyp))
        sm = difflib.SequenceMatcher(None, ref, hw, autojunk=False)
        for op, a1, a2, b1, b2 in sm.get_opcodes():
            if op != "equal":
                errs[(" ".join(ref[a1:a2]), " ".join(hw[b1:b2]))] += 1
    for (a, b), c in errs.most_common(n):
        print(f"{c:5d}  {a!r:30} -> {b!r}")


if __name__ == "__main__":
    main()
