#!/usr/bin/env python3
"""Make hOCR pairs: the clean text of pages, rendered to images the way the
shared ocr-pairs tool renders them (same font, size, wrapping and
degradation), read back by Tesseract as hOCR, so that the engine's word
boxes and confidences (x_wconf) are kept.

  hocr_pairs.py [--shared DIR] [--lang vie|eng] [--every N [--offset K]]
                [--only D] [--degrade D,..]
                [--pages-chars N] [--choices] (--pairs PAIRS.jsonl | --text FILE...) OUTDIR

--pairs takes pages from a pairs file (its "clean" text and "degrade");
--text cuts text files into pages as ocr-pairs does (--degrade says how to
spoil each).  --every N keeps every N-th page only, counted from page K
(--offset, 0 by default): the pairs files list each page twice, one
rendering after the other, so --every 4 keeps one rendering only and
--offset 1 takes the other one of the same pages.  --only D keeps the pages
of that degradation only (after --every).  Writes OUTDIR/NNNN.hocr
and OUTDIR/index.jsonl: {"id", "degrade", "clean", "hocr"} a line (hocr: the
file name).  --choices asks Tesseract for each glyph's box and its
other readings with their confidences (hocr_char_boxes, lstm_choice_mode 2),
which repair weighs besides the word confidence.  The rendering is the shared tool's own, loaded from
DIR/tools/ocr-pairs, so both kinds of pairs see the same images.
"""
import argparse, importlib.machinery, importlib.util, json, os, subprocess, sys, tempfile
import unicodedata


def load_ocr_pairs(shared):
    path = os.path.join(shared, "tools", "ocr-pairs")
    loader = importlib.machinery.SourceFileLoader("ocr_pairs", path)
    spec = importlib.util.spec_from_loader("ocr_pairs", loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    return mod


def render(op, text, degrade, png, tmp):
    """The page image, as ocr-pairs makes it before it calls Tesseract."""
    with open(os.path.join(tmp, "policy.xml"), "w") as f:
        f.write(op.POLICY)
    env = dict(os.environ, MAGICK_CONFIGURE_PATH=tmp)
    subprocess.run([op.IM, "-size", "2200x", "-density", "300", "-font", op.FONT,
                    "-pointsize", "13", "caption:" + op.escape(op.wrap(text)),
                    "-bordercolor", "white", "-border", "150"]
                   + op.DEGRADE[degrade] + [png], check=True, env=env)


def pages_of(a, op):
    if a.pairs:
        for line in open(a.pairs, encoding="utf-8"):
            if line.strip():
                r = json.loads(line)
                yield r["id"], r["degrade"], r["clean"]
        return
    for path in a.text:
        text = unicodedata.normalize("NFC", open(path, encoding="utf-8").read()).replace("\t", "    ")
        for n, page in enumerate(op.pages(text, a.pages_chars)):
            if page.strip():
                for d in a.degrade.split(","):
                    yield f"{os.path.basename(path)}#{n}", d, page


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--lang", default="vie")
    ap.add_argument("--every", type=int, default=1)
    ap.add_argument("--offset", type=int, default=0)
    ap.add_argument("--only", default=None)
    ap.add_argument("--pairs")
    ap.add_argument("--text", nargs="*", default=[])
    ap.add_argument("--degrade", default="scan,poor")
    ap.add_argument("--pages-chars", type=int, default=1500)
    ap.add_argument("--choices", action="store_true")
    a = ap.parse_args()
    if not a.pairs and not a.text:
        sys.exit(__doc__)
    op = load_ocr_pairs(a.shared)
    os.makedirs(a.outdir, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, \
            open(os.path.join(a.outdir, "index.jsonl"), "w", encoding="utf-8") as index:
        for n, (pid, degrade, clean) in enumerate(pages_of(a, op)):
            if n % a.every != a.offset % a.every:
                continue
            if a.only and degrade != a.only:
                continue
            name = f"{n:04d}"
            png = os.path.join(tmp, "p.png")
            render(op, clean, degrade, png, tmp)
            extra = ["-c", "hocr_char_boxes=1", "-c", "lstm_choice_mode=2"] if a.choices else []
            subprocess.run(["tesseract", png, os.path.join(a.outdir, name), "-l", a.lang] + extra + ["hocr"],
                           check=True, capture_output=True)
            rec = {"id": pid, "degrade": degrade, "clean": clean, "hocr": name + ".hocr"}
            index.write(json.dumps(rec, ensure_ascii=False) + "\n")
            index.flush()


if __name__ == "__main__":
    main()
