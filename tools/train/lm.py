#!/usr/bin/env python3
"""Train the syllable n-gram language model of the diacritics decoder.

  lm.py [--order 3] [--smoothing kn|stupid] [--prune N] [--cache DIR]
        -o MODEL TOKENS.txt [TOKENS.txt...]

TOKENS files hold one paragraph a line, already split into the model's words
by `lmtok` (the decoder's own tokenizer), so trainer and decoder agree.

Smoothing "kn" is interpolated modified Kneser-Ney (Chen & Goodman): three
discounts per order estimated from the counts of counts, continuation counts
for the lower orders, interpolation down to a uniform distribution.  The
interpolated model is then written in backoff form: the probability of every
kept n-gram and the backoff weight of every context.  Pruning drops n-grams
seen fewer than N times and renormalises the backoff weights so that each
context still sums to one.  Smoothing "stupid" (stupid backoff, relative
frequencies and a fixed 0.4 backoff) is there as a baseline.

The file (read by normalize/lm.c): b"VBLM1\\n\\0\\0", u64 payload size, then
the zlib-compressed payload, all little-endian:
  u32 order, u32 V, u32 n2, u32 n3
  f32 q_prob2[256], q_bow2[256], q_prob3[256]   (centroids, natural log)
  V NUL-terminated words (ids 0..4: <s> </s> <unk> <n> <w>)
  V x (f32 logp, f32 backoff) unigrams
  n2 varint deltas of the sorted keys u*V+v, n2 bytes prob code, n2 bytes backoff code
  n3 varint deltas of the sorted keys (u*V+v)*V+w, n3 bytes prob code
"""
import argparse, math, os, pickle, struct, sys, zlib
from collections import Counter

SPECIAL = ["<s>", "</s>", "<unk>", "<n>", "<w>"]
SHIFT = 21  # bits per word id in packed keys while counting


def count_file(path, cache):
    """Unigram, bigram and trigram counts of one token file, keyed by words."""
    if cache:
        cp = os.path.join(cache, os.path.basename(path) + ".counts")
        if os.path.exists(cp) and os.path.getmtime(cp) >= os.path.getmtime(path):
            with open(cp, "rb") as f:
                return pickle.load(f)
    words = {}
    c1, c2, c3 = Counter(), Counter(), Counter()
    for line in open(path, encoding="utf-8"):
        toks = line.split()
        if not toks:
            continue
        ids = [0, 0]
        for t in toks:
            i = words.get(t)
            if i is None:
                i = words[t] = len(words) + 1000
            ids.append(i)
        ids.append(1)
        for k in range(2, len(ids)):
            c1[ids[k]] += 1
            c2[(ids[k - 1] << SHIFT) | ids[k]] += 1
            c3[(((ids[k - 2] << SHIFT) | ids[k - 1]) << SHIFT) | ids[k]] += 1
    names = {i: w for w, i in words.items()}
    names[0], names[1] = "<s>", "</s>"
    res = (names, c1, c2, c3)
    if cache:
        with open(cp, "wb") as f:
            pickle.dump(res, f, protocol=pickle.HIGHEST_PROTOCOL)
    return res


def merge(parts):
    """Sums the counts of several files into one word-id space."""
    vocab = {}
    total1 = Counter()
    for names, c1, _, _ in parts:
        for i, n in c1.items():
            total1[names[i]] += n
    order = [w for w in SPECIAL] + [w for w, _ in sorted(total1.items(), key=lambda x: (-x[1], x[0]))
                                    if w not in SPECIAL]
    vocab = {w: i for i, w in enumerate(order)}
    M = (1 << SHIFT) - 1
    c1, c2, c3 = Counter(), Counter(), Counter()
    for names, a1, a2, a3 in parts:
        remap = {i: vocab[w] for i, w in names.items()}
        for k, n in a1.items():
            c1[remap[k]] += n
        for k, n in a2.items():
            c2[(remap[k >> SHIFT] << SHIFT) | remap[k & M]] += n
        for k, n in a3.items():
            c3[(((remap[k >> 2 * SHIFT] << SHIFT) | remap[(k >> SHIFT) & M]) << SHIFT) | remap[k & M]] += n
    return order, c1, c2, c3


def discounts(counts):
    n = Counter()
    for c in counts.values():
        if c <= 4:
            n[c] += 1
    n1, n2, n3, n4 = (max(n[i], 1) for i in (1, 2, 3, 4))
    y = n1 / (n1 + 2 * n2)
    d = [0.0, max(1 - 2 * y * n2 / n1, 0.05), max(2 - 3 * y * n3 / n2, 0.05), max(3 - 4 * y * n4 / n3, 0.05)]
    return d


def kn(order, c1, c2, c3, V, prune):
    """Interpolated modified Kneser-Ney; returns (uni, bi, tri) dicts of
    key -> [logp, logbow]."""
    M = (1 << SHIFT) - 1
    # continuation counts for the lower orders
    if order >= 3:
        cc2 = Counter()
        for k in c3:
            cc2[k & ((1 << 2 * SHIFT) - 1)] += 1
        for k, n in c2.items():  # bigrams that start a paragraph have no left context
            if (k >> SHIFT) == 0 and k not in cc2:
                cc2[k] = n
    else:
        cc2 = c2
    if order >= 2:
        cc1 = Counter()
        for k in cc2:
            cc1[k & M] += 1
    else:
        cc1 = c1
    # unigrams: discounted continuation counts interpolated with uniform
    d1 = discounts(cc1)
    tot1 = sum(cc1.values())
    mass = sum(d1[min(n, 3)] for n in cc1.values()) / tot1
    uni = {}
    for w in range(V):
        n = cc1.get(w, 0)
        p = max(n - d1[min(n, 3)], 0) / tot1 + mass / V
        uni[w] = [math.log(p), 0.0]
    bi, tri = {}, {}
    if order < 2:
        return uni, bi, tri

    def level(counts, lower_p, ctx_of, word_of, minimum):
        d = discounts(counts)
        ctx_tot, ctx_n = Counter(), {}
        for k, n in counts.items():
            c = ctx_of(k)
            ctx_tot[c] += n
            t = ctx_n.setdefault(c, [0, 0, 0])
            t[min(n, 3) - 1] += 1
        gamma = {c: (d[1] * t[0] + d[2] * t[1] + d[3] * t[2]) / ctx_tot[c] for c, t in ctx_n.items()}
        probs = {}
        kept_p, kept_lower = Counter(), Counter()
        for k, n in counts.items():
            c = ctx_of(k)
            pl = lower_p(k)
            p = (n - d[min(n, 3)]) / ctx_tot[c] + gamma[c] * pl
            if n >= minimum:
                probs[k] = p
                kept_p[c] += p
                kept_lower[c] += pl
        # backoff weight: what the kept n-grams leave, spread over the lower order
        bows = {}
        for c in ctx_n:
            left = max(1.0 - kept_p.get(c, 0.0), 1e-9)
            below = max(1.0 - kept_lower.get(c, 0.0), 1e-9)
            bows[c] = math.log(left / below)
        return probs, bows

    def p_uni(k):
        return math.exp(uni[k & M][0])

    bprobs, bbows = level(cc2, p_uni, lambda k: k >> SHIFT, lambda k: k & M, 1)
    for w, b in bbows.items():
        uni[w][1] = b
    for k, p in bprobs.items():
        bi[k] = [math.log(p), 0.0]
    if order < 3:
        return uni, bi, tri

    def p_bi(k):
        b = k & ((1 << 2 * SHIFT) - 1)
        if b in bi:
            return math.exp(bi[b][0])
        return math.exp(uni[b >> SHIFT][1] + uni[b & M][0])

    tprobs, tbows = level(c3, p_bi, lambda k: k >> SHIFT, lambda k: k & M, prune)
    for c, b in tbows.items():
        if c in bi:
            bi[c][1] = b
        else:
            bi[c] = [None, b]  # <s> <s>: a context that is not itself a bigram
    for k, p in tprobs.items():
        tri[k] = [math.log(p), 0.0]
    return uni, bi, tri


def stupid(order, c1, c2, c3, V, prune):
    M = (1 << SHIFT) - 1
    tot = sum(c1.values())
    uni = {w: [math.log((c1.get(w, 0) + 0.1) / (tot + 0.1 * V)), math.log(0.4)] for w in range(V)}
    bi, tri = {}, {}
    if order >= 2:
        for k, n in c2.items():
            bi[k] = [math.log(n / max(c1.get(k >> SHIFT, 0), n)), math.log(0.4)]
        # paragraph starts: <s> is not counted as a unigram
        starts = sum(n for k, n in c2.items() if (k >> SHIFT) == 0)
        for k in list(bi):
            if (k >> SHIFT) == 0:
                bi[k][0] = math.log(c2[k] / starts)
    if order >= 3:
        for k, n in c3.items():
            if n < prune:
                continue
            ctx = k >> SHIFT
            cn = c2.get(ctx) or starts  # <s> <s>: the number of paragraphs
            tri[k] = [math.log(min(n / cn, 1.0)), 0.0]
            if ctx not in bi:
                bi[ctx] = [None, math.log(0.4)]
    return uni, bi, tri


def quantiser(values):
    """256 centroids at equal-count bins; returns (centroids, encode)."""
    vals = sorted(values)
    if not vals:
        return [0.0] * 256, lambda v: 0
    cents, bounds = [], []
    n = len(vals)
    for b in range(256):
        lo, hi = b * n // 256, max((b + 1) * n // 256, b * n // 256 + 1)
        chunk = vals[lo:min(hi, n)] or [vals[-1]]
        cents.append(sum(chunk) / len(chunk))
    cents.sort()
    import bisect
    mids = [(cents[i] + cents[i + 1]) / 2 for i in range(255)]

    def enc(v):
        return bisect.bisect_left(mids, v)

    return cents, enc


def varint(n, out):
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)


def write(path, order, words, uni, bi, tri):
    M = (1 << SHIFT) - 1
    V = len(words)
    qp2, e_p2 = quantiser([v[0] for v in bi.values() if v[0] is not None])
    qb2, e_b2 = quantiser([v[1] for v in bi.values()])
    qp3, e_p3 = quantiser([v[0] for v in tri.values()])
    low = 0  # code for "no probability" (a context only): the smallest centroid
    out = bytearray()
    out += struct.pack("<4I", order, V, len(bi), len(tri))
    out += struct.pack("<256f", *qp2) + struct.pack("<256f", *qb2) + struct.pack("<256f", *qp3)
    for w in words:
        out += w.encode("utf-8") + b"\0"
    for w in range(V):
        out += struct.pack("<ff", *uni[w])
    bkeys = sorted(((k >> SHIFT) * V + (k & M), k) for k in bi)
    prev = 0
    for pk, _ in bkeys:
        varint(pk - prev, out)
        prev = pk
    out += bytes(e_p2(bi[k][0]) if bi[k][0] is not None else low for _, k in bkeys)
    out += bytes(e_b2(bi[k][1]) for _, k in bkeys)
    tkeys = sorted((((k >> 2 * SHIFT) * V + ((k >> SHIFT) & M)) * V + (k & M), k) for k in tri)
    prev = 0
    for pk, _ in tkeys:
        varint(pk - prev, out)
        prev = pk
    out += bytes(e_p3(tri[k][0]) for _, k in tkeys)
    z = zlib.compress(bytes(out), 9)
    with open(path, "wb") as f:
        f.write(b"VBLM1\n\0\0" + struct.pack("<Q", len(out)) + z)
    return len(z)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--order", type=int, default=3)
    ap.add_argument("--smoothing", choices=["kn", "stupid"], default="kn")
    ap.add_argument("--prune", type=int, default=2, help="drop trigrams seen fewer times")
    ap.add_argument("--cache", help="directory for per-file counts")
    ap.add_argument("--min-bigram", type=int, default=1)
    a = ap.parse_args()
    if a.cache:
        os.makedirs(a.cache, exist_ok=True)
    parts = [count_file(p, a.cache) for p in a.inputs]
    words, c1, c2, c3 = merge(parts)
    V = len(words)
    train = stupid if a.smoothing == "stupid" else kn
    uni, bi, tri = train(a.order, c1, c2, c3, V, a.prune)
    size = write(a.output, a.order, words, uni, bi, tri)
    sys.stderr.write(f"{a.output}: order {a.order} {a.smoothing}, vocabulary {V}, "
                     f"bigrams {len(bi)}, trigrams {len(tri)}, {size} bytes, "
                     f"{sum(c1.values())} training words\n")


if __name__ == "__main__":
    main()
