#!/usr/bin/env python3
"""Why words of a source are missing from vanban's text output: classified.

  recall_misses.py [--vanban BIN] [--clean PATH]... [--show N] [--json] DOC...

For each DOC (a text file: an OCR'd document, say), the words of the source
(NFC, case-folded, tone placement folded as real-score does) are compared
with the words of `convert -f txt` in the default mode.  Each missing word is
put in one class:

  correction   changed by the diacritics repair: the word is in the text
               with `--diacritics off`.  Judged with a clean vocabulary (the
               words of --clean files: born-digital documents, never OCR):
                 fixes-nonword   the printed word is no word of the clean
                                 text, its replacement is (an OCR error put
                                 right)
                 word-to-word    both are words; the clean text's bigrams
                                 around it decide: context-agrees (the
                                 replacement is the likelier in its context),
                                 context-disagrees (the printed word is), or
                                 context-unknown (neither is seen there)
                 word-to-nonword the printed word is a word, the replacement
                                 is not (a wrong change)
                 unknown         neither is a word of the clean text
  other        missing with `--diacritics off` too; the XML says where the
               word went: rule, repair of another kind (code, encoding...),
               page furniture, or nowhere (joined or split words).

--clean defaults to the repository's legal corpus and text samples.
"""
import argparse
import difflib
import glob
import json
import os
import re
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter

TONES = "\u0300\u0301\u0303\u0309\u0323"
WORD = re.compile(r"\w+")


def fold(s):
    """As real-score folds: NFC, the tone of oa/oe/uy on the first vowel,
    Ð as Đ, case-folded."""
    s = unicodedata.normalize("NFD", s)
    s = re.sub(r"([oOuU])([aAeEyY])([" + TONES + r"])", r"\1\3\2", s)
    s = unicodedata.normalize("NFC", s).replace("Ð", "Đ").replace("ð", "đ")
    return s.casefold()


def words(s):
    return WORD.findall(fold(s))


def run(vanban, args, path):
    out = subprocess.run([vanban, "convert", "-q", *args, "-o", "-", path], capture_output=True)
    return out.stdout.decode("utf-8", "replace")


def clean_model(paths, vanban):
    vocab, bigrams = Counter(), Counter()
    for p in paths:
        if p.endswith(".docx"):
            text = run(vanban, ["-f", "txt", "--diacritics", "off"], p)
        else:
            text = open(p, encoding="utf-8", errors="replace").read()
        for line in text.splitlines():
            ws = words(line)
            vocab.update(ws)
            bigrams.update(zip(ws, ws[1:]))
    return vocab, bigrams


def xml_places(vanban, path):
    """Where each word is in the XML: rule, repair-KIND, furniture."""
    root = ET.fromstring(run(vanban, ["-f", "xml"], path).encode("utf-8"))
    places = {}
    for el in root.iter():
        if el.tag == "rule":
            for w in words(el.text or ""):
                places.setdefault(w, "rule")
        if el.tag == "repair" and "original" in el.attrib:
            for w in words(el.attrib["original"]):
                places.setdefault(w, "repair-" + el.attrib.get("kind", "?"))
        if el.tag in ("page-header", "page-footer"):
            for w in words("".join(el.itertext())):
                places.setdefault(w, "furniture")
    return places


def classify(doc, vanban, vocab, bigrams):
    src = words(open(doc, encoding="utf-8", errors="replace").read())
    default = words(run(vanban, ["-f", "txt"], doc))
    off = words(run(vanban, ["-f", "txt", "--diacritics", "off"], doc))
    missing = Counter(src) - Counter(default)
    left = Counter(missing)
    classes, examples = Counter(), {}

    def put(cls, w, example):
        classes[cls] += 1
        examples.setdefault(cls, Counter())[example] += 1

    # the changes the diacritics repair made, word by word, with their context
    sm = difflib.SequenceMatcher(None, off, default, autojunk=False)
    for op, a1, a2, b1, b2 in sm.get_opcodes():
        if op == "equal":
            continue
        a, b = off[a1:a2], default[b1:b2]
        prev = off[a1 - 1] if a1 else ""
        nxt = off[a2] if a2 < len(off) else ""
        for k, w in enumerate(a):
            if not left[w]:
                continue
            left[w] -= 1
            r = b[k] if len(a) == len(b) else " ".join(b)
            ow, rw = vocab[w] > 0, all(vocab[x] > 0 for x in r.split()) and r != ""
            if not ow and rw:
                cls = "correction/fixes-nonword"
            elif ow and rw and len(a) == len(b):
                p = prev if k == 0 else a[k - 1]
                n = nxt if k == len(a) - 1 else a[k + 1]
                so = bigrams[(p, w)] + bigrams[(w, n)]
                sr = bigrams[(p, r)] + bigrams[(r, n)]
                cls = ("correction/word-to-word/context-agrees" if sr > so else
                       "correction/word-to-word/context-disagrees" if so > sr else
                       "correction/word-to-word/context-unknown")
            elif ow:
                cls = "correction/word-to-nonword"
            else:
                cls = "correction/unknown"
            put(cls, w, f"{w}->{r}")
    places = None
    for w, k in left.items():
        for _ in range(k):
            if places is None:
                places = xml_places(vanban, doc)
            put("other/" + places.get(w, "joined-or-split"), w, w)
    n = len(src)
    return {
        "file": doc,
        "words": n,
        "missing": sum(missing.values()),
        "recall": round((n - sum(missing.values())) / n, 4) if n else 1.0,
        "classes": dict(sorted(classes.items())),
        "examples": {c: [f"{e}x{k}" if k > 1 else e for e, k in ex.most_common(12)]
                     for c, ex in sorted(examples.items())},
    }


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("docs", nargs="+")
    ap.add_argument("--vanban", default="build/vanban")
    ap.add_argument("--clean", action="append")
    ap.add_argument("--show", type=int, default=8, help="examples per class")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)
    clean = a.clean or sorted(glob.glob("tests/data/legal/*.txt")) + sorted(glob.glob("samples/*.txt"))
    paths = []
    for c in clean:
        paths += sorted(glob.glob(os.path.join(c, "*"))) if os.path.isdir(c) else [c]
    vocab, bigrams = clean_model(paths, a.vanban)
    for doc in a.docs:
        r = classify(doc, a.vanban, vocab, bigrams)
        if a.json:
            print(json.dumps(r, ensure_ascii=False))
            continue
        print(f"{r['file']}: {r['missing']} of {r['words']} source words missing "
              f"from the text (recall {r['recall']})")
        for c, k in r["classes"].items():
            print(f"  {k:6d}  {c}: {' '.join(r['examples'][c][:a.show])}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
