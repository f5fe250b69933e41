#!/usr/bin/env python3
"""Score the repair of hOCR pages (made by hocr_pairs.py) with and without
the OCR engine's word confidences, the way the shared repair-score scores
text (WER over word tokens, CER with whitespace collapsed, BASE: WER with
marks and case set aside).

  hocr_score.py [--shared DIR] [--vanban BIN] [--model DIR] [--degrade D]
                [--conf SPEC]... PAIRS_DIR

Each --conf SPEC is given to `vanban repair --word-conf SPEC` ("off", a
weight, or "weight,pivot"; "default" leaves the option out); "SPEC+glyph=G"
also gives `--glyph-conf G` (the glyph readings of pages made with
hocr_pairs.py --choices: "off", or "weight[,unseen[,added]]").  Prints, per
SPEC, the pooled figures over the pages of PAIRS_DIR/index.jsonl; "input"
is the engine's own text (the hOCR read without any repair).
"""
import argparse, importlib.machinery, importlib.util, json, os, subprocess, sys
from concurrent.futures import ThreadPoolExecutor


def load_tool(shared, name):
    path = os.path.join(shared, "tools", name)
    loader = importlib.machinery.SourceFileLoader(name.replace("-", "_"), path)
    spec = importlib.util.spec_from_loader(loader.name, loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    return mod


def sign_test(better, worse):
    """Two-sided exact sign test over the pages that changed."""
    from math import comb
    n, k = better + worse, min(better, worse)
    if n == 0:
        return 1.0
    return min(1.0, 2 * sum(comb(n, i) for i in range(k + 1)) / 2 ** n)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pairs_dir")
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--vanban", default="build/vanban")
    ap.add_argument("--model", default="data/model")
    ap.add_argument("--degrade", default=None, help="only pages of this degradation")
    ap.add_argument("--conf", action="append", default=None)
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args()
    rs = load_tool(a.shared, "repair-score")
    recs = [json.loads(l) for l in open(os.path.join(a.pairs_dir, "index.jsonl"), encoding="utf-8")
            if l.strip()]
    if a.degrade:
        recs = [r for r in recs if r["degrade"] == a.degrade]
    if not recs:
        sys.exit("hocr_score: no pages")

    def run(rec, spec):
        cmd = [a.vanban, "repair", "--model", a.model]
        if spec == "input":
            cmd += ["--diacritics", "off"]
        else:
            word, _, glyph = spec.partition("+glyph=")
            if word != "default":
                cmd += ["--word-conf", word]
            if glyph:
                cmd += ["--glyph-conf", glyph]
        cmd.append(os.path.join(a.pairs_dir, rec["hocr"]))
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode != 0:
            sys.exit(f"hocr_score: vanban failed on {rec['hocr']}: {r.stderr[:300]}")
        return rs.score(rec["clean"], r.stdout)

    specs = ["input"] + (a.conf or ["off", "default"])
    first = None  # word errors per page of the first SPEC, for the page-by-page comparison
    with ThreadPoolExecutor(a.jobs) as pool:
        for spec in specs:
            tot = [0] * 6
            per_page = []
            for s in pool.map(lambda r: run(r, spec), recs):
                tot = [t + x for t, x in zip(tot, s)]
                per_page.append(s[0])
            pc = lambda e, n: 100.0 * e / max(n, 1)
            print(f"{spec:>12}  pages {len(recs)}  tokens {tot[1]}  WER {pc(tot[0], tot[1]):6.2f}%  "
                  f"CER {pc(tot[2], tot[3]):6.2f}%  BASE {pc(tot[4], tot[5]):6.2f}%  "
                  f"(word errors {tot[0]})", flush=True)
            if spec == "input":
                continue
            if first is None:
                first = per_page
                continue
            better = sum(1 for x, y in zip(first, per_page) if y < x)
            worse = sum(1 for x, y in zip(first, per_page) if y > x)
            print(f"{'':>12}  against {specs[1]}: {better} pages better, {worse} worse, "
                  f"{len(recs) - better - worse} the same; sign test p = {sign_test(better, worse):.2g}",
                  flush=True)


if __name__ == "__main__":
    main()
