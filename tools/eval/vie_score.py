#!/usr/bin/env python3
"""Score a repair command on (clean, ocr) pairs the way repair-score does
(WER, CER, BASE over the same tokens), and also: the share of word errors
that are the right letters with wrong marks, how many of the input's
wrong-mark errors the command fixed, and the pages it made worse.

  vie_score.py PAIRS.jsonl [--degrade D] [--seed S] [--worst N] [-- CMD ARG...]

Without CMD the OCR text is scored as it is.  Each OCR text is fed to CMD on
stdin.  A word error is "marks" when the two words have the same letters
once marks and case are set aside, "case" when only case differs, "letters"
otherwise (insertions and deletions included)."""
import json, re, subprocess, sys, unicodedata

TOKEN = re.compile(r"\w+", re.UNICODE)


def nfc(s):
    return unicodedata.normalize("NFC", s)


def strip_marks(s):
    s = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in s if not unicodedata.combining(c)).lower()


def align(a, b):
    """Levenshtein alignment of token lists: list of (i or None, j or None)."""
    n, m = len(a), len(b)
    d = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        d[i][0] = i
    for j in range(m + 1):
        d[0][j] = j
    for i in range(1, n + 1):
        ai, row, prev = a[i - 1], d[i], d[i - 1]
        for j in range(1, m + 1):
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ai != b[j - 1]))
    out, i, j = [], n, m
    while i or j:
        if i and j and d[i][j] == d[i - 1][j - 1] + (a[i - 1] != b[j - 1]):
            out.append((i - 1, j - 1)); i -= 1; j -= 1
        elif i and d[i][j] == d[i - 1][j] + 1:
            out.append((i - 1, None)); i -= 1
        else:
            out.append((None, j - 1)); j -= 1
    out.reverse()
    return d[n][m], out


def edits(a, b):
    """Levenshtein distance of two sequences, bit-parallel (Myers, Hyyro):
    the same figure as the table of repair-score, in a fraction of the time."""
    if not a or not b:
        return len(a) + len(b)
    m = len(a)
    peq = {}
    for i, c in enumerate(a):
        peq[c] = peq.get(c, 0) | (1 << i)
    full, top = (1 << m) - 1, 1 << (m - 1)
    pv, mv, score = full, 0, m
    for c in b:
        eq = peq.get(c, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | (~(xh | pv) & full)
        mh = pv & xh
        if ph & top:
            score += 1
        elif mh & top:
            score -= 1
        ph = ((ph << 1) | 1) & full
        mh = (mh << 1) & full
        pv = mh | (~(xv | ph) & full)
        mv = ph & xv
    return score


def kind(r, h):
    if r.lower() == h.lower():
        return "case"
    if strip_marks(r) == strip_marks(h):
        return "marks"
    return "letters"


def errors(rt, ht):
    """Word errors by kind, and per reference token: None if right, else its kind."""
    dist, al = align(rt, ht)
    by = {"marks": 0, "case": 0, "letters": 0}
    per = [None] * len(rt)
    for i, j in al:
        if i is None:
            by["letters"] += 1
        elif j is None:
            by["letters"] += 1
            per[i] = "letters"
        elif rt[i] != ht[j]:
            k = kind(rt[i], ht[j])
            by[k] += 1
            per[i] = k
    return dist, by, per


def main():
    argv = sys.argv[1:]
    cmd = None
    if "--" in argv:
        k = argv.index("--")
        argv, cmd = argv[:k], argv[k + 1:]
    degrade = seed = None
    worst = 0
    paths = []
    it = iter(argv)
    for x in it:
        if x == "--degrade": degrade = next(it)
        elif x == "--seed": seed = next(it)
        elif x == "--worst": worst = int(next(it))
        else: paths.append(x)
    T = {"tok": 0, "chars": 0, "w_in": 0, "w_out": 0, "c_in": 0, "c_out": 0, "b_in": 0, "b_out": 0,
         "marks_in": 0, "marks_fixed": 0, "pages": 0, "worse": 0}
    K_in = {"marks": 0, "case": 0, "letters": 0}
    K_out = dict(K_in)
    pages = []
    for path in paths:
        for line in open(path, encoding="utf-8"):
            if not line.strip():
                continue
            rec = json.loads(line)
            if degrade and rec.get("degrade") != degrade:
                continue
            if seed and not rec.get("id", "").startswith(seed):
                continue
            ocr = rec["ocr"]
            hyp = ocr
            if cmd:
                r = subprocess.run(cmd, input=ocr, capture_output=True, text=True)
                if r.returncode != 0:
                    sys.exit(f"vie_score: command failed on {rec.get('id')}: {r.stderr[:500]}")
                hyp = r.stdout
            ref, ocr, hyp = nfc(rec["clean"]), nfc(ocr), nfc(hyp)
            rt, ot, ht = TOKEN.findall(ref), TOKEN.findall(ocr), TOKEN.findall(hyp)
            d_in, k_in, per_in = errors(rt, ot)
            d_out, k_out, per_out = errors(rt, ht)
            for k in K_in:
                K_in[k] += k_in[k]
                K_out[k] += k_out[k]
            T["marks_in"] += sum(1 for p in per_in if p == "marks")
            T["marks_fixed"] += sum(1 for p, q in zip(per_in, per_out) if p == "marks" and q is None)
            rc, oc, hc = (" ".join(x.split()) for x in (ref, ocr, hyp))
            rb = TOKEN.findall(strip_marks(ref))
            T["tok"] += len(rt)
            T["chars"] += len(rc)
            T["w_in"] += d_in
            T["w_out"] += d_out
            T["c_in"] += edits(rc, oc)
            T["c_out"] += edits(rc, hc)
            T["b_in"] += edits(rb, TOKEN.findall(strip_marks(ocr)))
            T["b_out"] += edits(rb, TOKEN.findall(strip_marks(hyp)))
            T["pages"] += 1
            wi, wo = 100.0 * d_in / max(len(rt), 1), 100.0 * d_out / max(len(rt), 1)
            if wo > wi + 0.5:
                T["worse"] += 1
            pages.append((wo - wi, rec.get("id"), rec.get("degrade"), wi, wo))
    if not T["pages"]:
        sys.exit("vie_score: no pairs")
    pc = lambda a, b: 100.0 * a / max(b, 1)
    ein, eout = sum(K_in.values()), sum(K_out.values())
    print(f"pages {T['pages']}  tokens {T['tok']}  chars {T['chars']}")
    print(f"input   WER {pc(T['w_in'], T['tok']):6.2f}%  CER {pc(T['c_in'], T['chars']):6.2f}%  "
          f"BASE {pc(T['b_in'], T['tok']):6.2f}%  marks {pc(K_in['marks'], ein):5.1f}% of errors "
          f"(marks {K_in['marks']} case {K_in['case']} letters {K_in['letters']})")
    if cmd:
        print(f"output  WER {pc(T['w_out'], T['tok']):6.2f}%  CER {pc(T['c_out'], T['chars']):6.2f}%  "
              f"BASE {pc(T['b_out'], T['tok']):6.2f}%  marks {pc(K_out['marks'], eout):5.1f}% of errors "
              f"(marks {K_out['marks']} case {K_out['case']} letters {K_out['letters']})")
        print(f"wrong-marks words of the input fixed: {T['marks_fixed']} of {T['marks_in']} "
              f"({pc(T['marks_fixed'], T['marks_in']):.1f}%)")
        print(f"pages worse than their input by more than 0.5 points: {T['worse']}"
              f"  (worst {max(p[0] for p in pages):+.2f})")
        for p in sorted(pages, reverse=True)[:worst]:
            print(f"  {p[1]} {p[2]}  {p[3]:.2f}% -> {p[4]:.2f}%")
    print("TOTALS " + " ".join(f"{k}={v}" for k, v in T.items()) + " " +
          " ".join(f"in_{k}={v}" for k, v in K_in.items()) + " " +
          " ".join(f"out_{k}={v}" for k, v in K_out.items()))


if __name__ == "__main__":
    main()
