#!/usr/bin/env python3
"""Turn the training sources into clean paragraphs and split them by content.

  corpus.py [--shared DIR] [--samples DIR] [--wiki] OUTDIR

Writes OUTDIR/lm-legal.txt, lm-wiki.txt, lm-seed-K.txt (text for the
language model, one paragraph a line), heldout-test.txt (paragraphs never
used for training: accuracy on diacritics-stripped text), heldout-channel.txt
(paragraphs kept out of the language model, from which OCR pairs are made
for the channel) and split.txt (counts).

The gazette text is hard-wrapped and repeats itself (consolidated texts copy
whole articles), so paragraphs are rejoined first, de-duplicated, and the
split is made on a hash of each paragraph's normalised content: a paragraph
that appears in several documents lands on the same side every time.
"""
import argparse, hashlib, os, re, sys, unicodedata

STAMP = re.compile(r"^(Người ký|Email|Cơ quan|Thời gian ký)\s*:", re.I)
HEADER = re.compile(r"^\s*CÔNG BÁO\b", re.I)
PAGE_NO = re.compile(r"^\s*\d{1,4}\s*$")
ENDS_PARA = re.compile(r"[.;:!?…]\s*$|^[\s\dIVXLC.]*$")
STARTS_ITEM = re.compile(r"^(\d+(\.\d+)*[.)]|[a-zđ][.)]|[-–•+*]|Điều \d|Chương [IVXLC\d]|Mục \d|"
                         r"Phụ lục|[IVXLC]+\.)\s")


def nfc(s):
    return unicodedata.normalize("NFC", s)


def gazette_paragraphs(text):
    """Rejoins the hard-wrapped lines of a gazette text into paragraphs,
    dropping running headers, page numbers and signature stamps."""
    paras, cur = [], []
    for raw in text.split("\n"):
        line = raw.strip()
        if not line or HEADER.match(line) or PAGE_NO.match(line) or STAMP.match(line):
            continue
        if cur and (ENDS_PARA.search(cur[-1]) or STARTS_ITEM.match(line)
                    or (line[:1].isupper() and len(cur[-1]) < 45)):
            paras.append(" ".join(cur))
            cur = []
        cur.append(line)
    if cur:
        paras.append(" ".join(cur))
    return [re.sub(r"\s+", " ", p).strip() for p in paras if p.strip()]


def plain_paragraphs(text):
    return [re.sub(r"[ \t]+", " ", p).strip() for p in text.split("\n") if p.strip()]


def content_key(p):
    """What makes two paragraphs the same content: letters and digits only."""
    return re.sub(r"[\W_]+", "", p.lower())


def bucket(p):
    return int(hashlib.sha1(content_key(p).encode()).hexdigest()[:8], 16) % 100


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--samples", default="samples")
    ap.add_argument("--wiki", action="store_true", help="also prepare the Wikipedia text")
    ap.add_argument("--test-pct", type=int, default=3)
    ap.add_argument("--channel-pct", type=int, default=3)
    a = ap.parse_args()
    os.makedirs(a.outdir, exist_ok=True)
    seen = set()
    counts = {}

    def emit(f, name, p):
        k = content_key(p)
        if len(k) < 2 or k in seen:
            return
        seen.add(k)
        f.write(p + "\n")
        counts[name] = counts.get(name, 0) + 1

    test = open(os.path.join(a.outdir, "heldout-test.txt"), "w")
    chan = open(os.path.join(a.outdir, "heldout-channel.txt"), "w")

    def split_emit(f, name, p):
        b = bucket(p)
        if b < a.test_pct:
            emit(test, "heldout-test", p)
        elif b < a.test_pct + a.channel_pct:
            emit(chan, "heldout-channel", p)
        else:
            emit(f, name, p)

    # Seeds 000-003 (004 is OCR output, not text to learn from), each in its
    # own file so that a model can be built without any one of them.
    for name in sorted(os.listdir(a.samples)):
        if not name.endswith(".txt") or name.startswith("004"):
            continue
        k = name[:3]
        with open(os.path.join(a.outdir, f"lm-seed-{k}.txt"), "w") as f:
            for p in plain_paragraphs(nfc(open(os.path.join(a.samples, name), encoding="utf-8").read())):
                p = re.sub(r"<[^>]+>", "", p).lstrip("#").strip()
                if p:
                    f.write(p + "\n")
                    counts[f"seed-{k}"] = counts.get(f"seed-{k}", 0) + 1

    legal = os.path.join(a.shared, "corpus", "legal")
    with open(os.path.join(a.outdir, "lm-legal.txt"), "w") as f:
        for name in sorted(os.listdir(legal)):
            text = nfc(open(os.path.join(legal, name), encoding="utf-8", errors="replace").read())
            for p in gazette_paragraphs(text):
                split_emit(f, "legal", p)

    if a.wiki:
        wiki = os.path.join(a.shared, "corpus", "wiki")
        with open(os.path.join(a.outdir, "lm-wiki.txt"), "w") as f:
            for name in sorted(os.listdir(wiki)):
                for p in plain_paragraphs(nfc(open(os.path.join(wiki, name), encoding="utf-8").read())):
                    if p.startswith("==") or len(p) < 20:
                        continue
                    split_emit(f, "wiki", p)

    test.close()
    chan.close()
    with open(os.path.join(a.outdir, "split.txt"), "w") as f:
        for k, v in sorted(counts.items()):
            f.write(f"{k}\t{v} paragraphs\n")
    sys.stderr.write("".join(f"{k}: {v}\n" for k, v in sorted(counts.items())))


if __name__ == "__main__":
    main()
