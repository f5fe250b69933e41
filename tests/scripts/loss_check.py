#!/usr/bin/env python3
"""The loss invariant: every word of a document's decoded input is found in
its XML, as text, as the original of a repair, as a label or a property, or
as page furniture (page-header, page-footer).

    loss_check.py VANBAN [--min R] [--allow K] [--show N] [--label L] FILE...

The decoded input is what `vanban blocks` prints (the text every reader
gives, whatever the file's encoding or format), less the line numbers and
block kinds it puts before each block.  Words are runs of letters and
digits, compared case-folded and in NFC, counted: a line printed twenty
times must be found twenty times; a word made across a change of style
("Phần II**KẾ HOẠCH") is found when the pieces the change cuts it into
are.  A document passes when the share of its
words found is at least R (default 1.0), or when it misses K words at most
(default 0).  Prints one "ok"/"FAIL" line per
document; the exit status is 0.
"""
import re
import signal
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter

WORD = re.compile(r"\w+")
# `vanban blocks`: "12 para joined bold: text", "20-29 table 5x2",
# "  21 row: a | b", inline marks {b}{/b} {i} {del} {link=URL}...
PREFIX = re.compile(r"^\s*\d+(?:-\d+)? (?:para|note|table|pagebreak|row)[^:]*?(?:: |:$|$)")
LABEL = re.compile(r'label="([^"]*)"')
MARK = re.compile(r"\{/?[a-z]+(?:=[^}]*)?\}|\{table \d+x\d+\}")  # {b} {/i} {rows=2} {link=URL} ...
# attributes whose value is text of the input (a signer's "rank" is the
# "Thượng tướng" printed before the name, as printed)
KEEP_ATTRS = ("original", "label", "printed-label", "value", "num", "rank")


# Vietnamese tone marks: "hoà" and "hòa", "uỷ" and "ủy" are one word
# written in the old and the new style (normalize may bring a document to
# one style); a word is compared with its tone mark moved to its end.
TONES = "\u0300\u0301\u0303\u0309\u0323"


def fold_tone(word):
    d = unicodedata.normalize("NFD", word)
    tone = "".join(ch for ch in d if ch in TONES)
    base = "".join(ch for ch in d if ch not in TONES)
    return unicodedata.normalize("NFC", base) + tone


def words(text):
    text = unicodedata.normalize("NFC", text).casefold()
    return [fold_tone(w) for w in WORD.findall(text)]


def input_words(vanban, path, cut=None):
    """The words of the decoded input; cut (a list) gets, for each line
    where a change of style falls inside a word ("Phần II**KẾ HOẠCH"), the
    words made across it and the pieces the change cuts them into."""
    out = subprocess.run([vanban, "blocks", path], capture_output=True)
    if out.returncode != 0:
        return None
    c = Counter()
    for line in out.stdout.decode("utf-8", "replace").splitlines():
        m = PREFIX.match(line)
        head = m.group(0) if m else ""
        body = line[len(head):] if m else line
        for lab in LABEL.findall(head):
            c.update(words(lab))
        # blocks prints a line break or a tab inside a paragraph as \\n, \\t
        body = body.replace("\\n", " ").replace("\\t", " ")
        joined = Counter(words(MARK.sub("", body)))
        c.update(joined)
        if cut is not None:
            apart = Counter(words(MARK.sub(" ", body)))
            if apart != joined:
                cut.append((joined - apart, apart - joined))
    return c


def cut_found(missing, cut, have):
    """The missing words made across a change of style whose pieces are all
    found: the model may cut a word where its style changes (a label in
    plain type, the heading in bold right after it)."""
    found = Counter()
    for across, pieces in cut:
        if not (pieces - have):
            for w, k in across.items():
                found[w] += min(k, missing[w] - found[w])
    return found


def as_printed(el):
    """The text of el with each repair read as its original."""
    if el.tag == "repair" and "original" in el.attrib:
        yield el.attrib["original"]
    else:
        yield el.text or ""
        for sub in el:
            yield from as_printed(sub)
            yield sub.tail or ""


def xml_words(vanban, path):
    out = subprocess.run([vanban, "convert", "-f", "xml", path], capture_output=True)
    if out.returncode != 0 or not out.stdout:
        return None
    root = ET.fromstring(out.stdout)
    for el in root.iter():  # the report of counts and checks is no text
        for sub in [e for e in el if e.tag in ("repairs", "checks")]:
            el.remove(sub)
    # the text as one string: inline elements ("4<data>năm</data>") do not
    # cut words; paragraphs are apart by the XML's own line breaks
    joined = Counter(words("".join(root.itertext())))
    # and element by element: two fields side by side ("<role>..</role><name>")
    apart = Counter()
    for el in root.iter():
        apart.update(words(el.text or ""))
        apart.update(words(el.tail or ""))
    # and as printed: each repair read as its original, so that a word the
    # repair cut ("Tangﬂ" + "cu" repaired) is whole again
    printed = Counter(words("".join(as_printed(root))))
    c = joined | apart | printed
    for el in root.iter():
        if el.tag == "property" and "name" in el.attrib:
            c.update(words(el.attrib["name"]))
        for name in KEEP_ATTRS:
            if name in el.attrib:
                c.update(words(el.attrib[name]))
    return c


def main(argv):
    vanban, files, min_rate, allow, show, label = argv[1], [], 1.0, 0, 0, "loss"
    i = 2
    while i < len(argv):
        a = argv[i]
        if a == "--min":
            min_rate, i = float(argv[i + 1]), i + 2
        elif a == "--allow":
            allow, i = int(argv[i + 1]), i + 2
        elif a == "--show":
            show, i = int(argv[i + 1]), i + 2
        elif a == "--label":
            label, i = argv[i + 1], i + 2
        else:
            files.append(a)
            i += 1
    worst, total, found_all = 1.0, 0, 0
    for f in files:
        name = f.rsplit("/", 1)[-1]
        cut = []
        want = input_words(vanban, f, cut)
        have = xml_words(vanban, f)
        if want is None or have is None:
            print(f"FAIL {label}/{name}: vanban failed")
            continue
        n = sum(want.values())
        missing = want - have
        missing -= cut_found(missing, cut, have)
        lost = sum(missing.values())
        rate = 1.0 if n == 0 else (n - lost) / n
        worst = min(worst, rate)
        total += n
        found_all += n - lost
        status = "ok" if rate >= min_rate or lost <= allow else "FAIL"
        print(f"{status} {label}/{name}: {n - lost}/{n} words found ({rate:.4f})")
        if show and lost:
            print("#   missing: " + " ".join(f"{w}x{k}" if k > 1 else w
                                           for w, k in missing.most_common(show)))
    if files:
        print(f"# {label}: {len(files)} documents, {found_all}/{total} words, min {worst:.4f}")
    return 0


if __name__ == "__main__":
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    sys.exit(main(sys.argv))
