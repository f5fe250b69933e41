#!/usr/bin/env python3
"""Write MODEL_DIR/manifest.txt: what the model was trained on, licences,
sizes and the held-out split.  manifest.py --train DIR --pairs DIR MODEL_DIR"""
import argparse, hashlib, json, os, struct, zlib


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("model_dir")
    ap.add_argument("--train", required=True)
    ap.add_argument("--pairs", required=True)
    a = ap.parse_args()
    split = open(os.path.join(a.train, "split.txt"), encoding="utf-8").read()
    with open(os.path.join(a.model_dir, "lm.bin"), "rb") as f:
        head = f.read(16)
        raw = zlib.decompress(f.read())
    order, V, n2, n3 = struct.unpack("<4I", raw[:16])
    pairs = 0
    for name in sorted(os.listdir(a.pairs)) if os.path.isdir(a.pairs) else []:
        if name.startswith("chan") and name.endswith(".jsonl"):
            pairs += sum(1 for l in open(os.path.join(a.pairs, name), encoding="utf-8") if l.strip())
    vie_pairs = 0
    if a.pairs and os.path.exists(os.path.join(a.pairs, "vie.jsonl")):
        vie_pairs = sum(1 for l in open(os.path.join(a.pairs, "vie.jsonl"), encoding="utf-8") if l.strip())
    words = {}
    for tok in ("legal", "wiki"):
        p = os.path.join(a.train, f"tok-{tok}.txt")
        if os.path.exists(p):
            words[tok] = sum(len(l.split()) for l in open(p, encoding="utf-8"))
    sizes = {n: os.path.getsize(os.path.join(a.model_dir, n))
             for n in ("lm.bin", "channel.tsv", "words.tsv")}
    vie = os.path.join(a.model_dir, "channel-vie.tsv")
    vie_size = os.path.getsize(vie) if os.path.exists(vie) else 0
    sums = {n: hashlib.sha256(open(os.path.join(a.model_dir, n), "rb").read()).hexdigest()[:16]
            for n in sizes}
    with open(os.path.join(a.model_dir, "manifest.txt"), "w", encoding="utf-8") as f:
        f.write(f"""vanban diacritics model
=======================

Files
  lm.bin       syllable trigram language model, interpolated modified Kneser-Ney,
               trigrams seen once pruned, probabilities quantised to 8 bits,
               zlib-compressed ({sizes['lm.bin']} bytes, sha256 {sums['lm.bin']}...)
               order {order}, vocabulary {V}, bigrams {n2}, trigrams {n3}
  channel.tsv  OCR channel: log P(OCR string | letter) ({sizes['channel.tsv']} bytes)
  channel-vie.tsv  the channel of Vietnamese-model OCR, marks printed but
               confused ({vie_size} bytes)
  words.tsv    document codes written with Đ, preferred tone placements
               ({sizes['words.tsv']} bytes)

Training data
  Vietnamese legal normative documents (official gazette text, public
  repository hrmaster1982-dev/phapluat-8chude-data): not subject to copyright.
  {words.get('legal', 0)} words after rejoining lines and dropping running headers,
  page numbers and signature stamps.
  Vietnamese Wikipedia, 2017 snapshot (undertheseanlp/corpus.viwiki):
  {words.get('wiki', 0)} words.  Licence CC BY-SA: this model is a derived work
  of Wikipedia text and is distributed under CC BY-SA.
  The four sample documents 000-003 of samples/ (004 is OCR output and is
  not used).

Held-out split (by content: paragraphs are de-duplicated and assigned by a
hash of their letters and digits, so a paragraph repeated across documents
never lands on both sides)
{split}
  heldout-test: never used for training (syllable accuracy on stripped text)
  heldout-channel: kept out of the language model; the OCR pairs of the
  channel ({pairs} pages, Tesseract 5 English model, clean and scanned
  renderings) were made from it; so were the pairs of channel-vie.tsv
  ({vie_pairs} renderings of other pages of it, scanned and worn, Tesseract 5
  Vietnamese model).

Rebuild: make model (see docs/diacritics.md).
""")


if __name__ == "__main__":
    main()
