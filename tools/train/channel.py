#!/usr/bin/env python3
"""Learn the OCR channel: what an OCR model prints for each Vietnamese
letter.

  channel.py [-o channel.tsv] [--marks-kept] PAIRS.jsonl...

With --marks-kept the pairs come from a Vietnamese OCR model, which prints
the marks (confusing some): the alignment starts from "a letter prints as
itself", not "as its unmarked self" (channel-vie.tsv).

PAIRS are {"clean", "ocr"} records (made by ocr-pairs from corpus text, never
from the evaluation pages).  Words are aligned first (difflib on the letters
without marks), then the letters of each aligned word pair by hard EM: every
clean letter emits zero, one or two OCR characters; the emission costs start
from "a letter prints as its unmarked self" and are re-estimated from the
alignments a few times.

Output, one emission a line: clean letter, TAB, OCR string (may be empty),
TAB, natural-log probability.  Lines starting with "#" hold global figures:
  #split   log-probability of one OCR word covering two syllables
  #floor   log-probability of an emission never seen
  #vowel   log-probability of a vowel printed as another vowel never seen
"""
import argparse, difflib, json, math, re, sys, unicodedata
from collections import Counter, defaultdict

WORD = re.compile(r"[^\W_]+")


def strip(s):
    s = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(c for c in s if not unicodedata.combining(c)))


def word_pairs(clean, ocr, stats):
    cw = WORD.findall(unicodedata.normalize("NFC", clean))
    ow = WORD.findall(unicodedata.normalize("NFC", ocr))
    a = [strip(w).lower() for w in cw]
    b = [w.lower() for w in ow]
    sm = difflib.SequenceMatcher(None, a, [strip(w) for w in b], autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal" or (op == "replace" and i2 - i1 == j2 - j1):
            for i, j in zip(range(i1, i2), range(j1, j2)):
                yield cw[i].lower(), b[j]
        elif op == "replace":
            # one OCR word for two syllables ("Phusan"): count them, and learn
            # the letters of such words like any other pair
            for j in range(j1, j2):
                for i in range(i1, i2 - 1):
                    if len(b[j]) >= 3 and a[i] + a[i + 1] == strip(b[j]).lower():
                        stats["split"] += 1
                        yield cw[i].lower() + cw[i + 1].lower(), b[j]
                        break
        stats["words"] += max(i2 - i1, 0)


def align(c, o, cost):
    """Cheapest way for the letters of c to emit o; returns [(letter, seg)]."""
    n, m = len(c), len(o)
    INF = 1e18
    best = [[INF] * (m + 1) for _ in range(n + 1)]
    back = [[None] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n):
        for j in range(m + 1):
            if best[i][j] >= INF:
                continue
            for k in (0, 1, 2):
                if j + k > m:
                    break
                seg = o[j:j + k]
                v = best[i][j] + cost(c[i], seg)
                if v < best[i + 1][j + k]:
                    best[i + 1][j + k] = v
                    back[i + 1][j + k] = k
    if best[n][m] >= INF:
        return None
    out, j = [], m
    for i in range(n, 0, -1):
        k = back[i][j]
        out.append((c[i - 1], o[j - k:j]))
        j -= k
    out.reverse()
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pairs", nargs="+")
    ap.add_argument("-o", "--output", default="-")
    ap.add_argument("--iterations", type=int, default=4)
    ap.add_argument("--prior", help="letter TAB OCR TAB count lines added to the counts")
    ap.add_argument("--marks-kept", action="store_true",
                    help="pairs of a Vietnamese OCR model: a letter prints as itself at first")
    a = ap.parse_args()
    stats = Counter()
    pairs = Counter()
    for path in a.pairs:
        for line in open(path, encoding="utf-8"):
            if line.strip():
                r = json.loads(line)
                for cw, ow in word_pairs(r["clean"], r["ocr"], stats):
                    if len(cw) <= 10 and len(ow) <= 14 and cw.isalpha():
                        pairs[(cw, ow)] += 1

    def initial(ch, seg):
        base = strip(ch)
        if a.marks_kept and seg == ch:
            return 0.1
        if a.marks_kept and len(seg) == 1 and strip(seg) == base:
            return 3.0
        if seg == base:
            return 0.1
        if len(seg) == 1:
            return 3.0 if strip(seg) == base else 5.0
        if not seg:
            return 5.0
        return 4.0 if base in seg else 8.0

    cost = initial
    for it in range(a.iterations):
        counts = defaultdict(Counter)
        for (cw, ow), n in pairs.items():
            al = align(cw, ow, cost)
            if al is None:
                continue
            for ch, seg in al:
                counts[ch][seg] += n
        for line in open(a.prior, encoding="utf-8") if a.prior else []:
            if line.strip() and not line.startswith("#"):
                ch, seg, n = line.rstrip("\n").split("\t")
                counts[ch][seg] += float(n)
        table = {}
        for ch, segs in counts.items():
            tot = sum(segs.values()) + 1.0
            table[ch] = {s: math.log(v / tot) for s, v in segs.items()}
            table[ch]["\0floor"] = math.log(0.5 / tot)

        def cost(ch, seg, table=table):
            t = table.get(ch)
            if t is None:
                return initial(ch, seg)
            v = t.get(seg)
            if v is None:
                return -t["\0floor"] + initial(ch, seg)
            return -v

    # how often a vowel prints as a single other vowel (back-off for the
    # confusions the pairs never showed, spread over the vowels it may become)
    vowels = set("aeiouy")
    swaps = total = 0
    for ch, segs in counts.items():
        if strip(ch).lower() not in vowels:
            continue
        for seg, n in segs.items():
            total += n
            if len(seg) == 1 and strip(seg).lower() in vowels and strip(seg).lower() != strip(ch).lower():
                swaps += n
    vowel_swap = math.log(max(swaps, 1) / max(total, 1) / 6)
    out = sys.stdout if a.output == "-" else open(a.output, "w", encoding="utf-8")
    out.write("# OCR channel: clean letter, OCR string, log P(OCR string | letter)\n")
    out.write(f"#split\t{math.log(max(stats['split'], 1) / max(stats['words'], 1)):.4f}\n")
    out.write(f"#floor\t{math.log(1e-4):.4f}\n")
    out.write(f"#vowel\t{vowel_swap:.4f}\n")
    for ch in sorted(table):
        for seg, v in sorted(table[ch].items(), key=lambda x: -x[1]):
            if seg == "\0floor":
                continue
            if counts[ch][seg] < 2 and seg != strip(ch):
                continue
            out.write(f"{ch}\t{seg}\t{v:.4f}\n")
    sys.stderr.write(f"channel: {len(pairs)} distinct word pairs, {stats['words']} words, "
                     f"{stats['split']} run-together pairs\n")


if __name__ == "__main__":
    main()
