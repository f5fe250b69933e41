#!/usr/bin/env python3
"""Copies of documents with one digit changed in a figure that takes part in a
stated total, to measure how often `vanban check` catches such damage (a
mistyped or OCR-misread digit).

    mutate_figures.py VANBAN OUTDIR --copies 200 --seed 1 DOC...

For each copy: a random figure among those `vanban check --figures` lists for
the documents (a table cell added into a total, a total, a share, an amount
repeated in words), one of its digits replaced by another.  OUTDIR gets the
copies and manifest.tsv: copy, line of the figure, the lines of the checks it
takes part in (comma separated), the figure before and after."""
import argparse
import os
import random
import re
import subprocess
import sys


def figures(vanban, path):
    """(figure line, table column, figure text) -> set of check lines, for
    figures with digits."""
    out = subprocess.run([vanban, 'check', '--figures', path], capture_output=True, text=True)
    found = {}
    for row in out.stdout.splitlines():
        parts = row.split('\t')
        if len(parts) < 6:
            continue
        line, check_line, col, text = int(parts[1]), int(parts[2]), int(parts[4]), parts[5].strip()
        if not re.search(r'\d', text) or line <= 0:
            continue
        found.setdefault((line, col, text), set()).add(check_line)
    return found


def occurrences(line, col, text):
    """Where text stands in line as a whole figure (not inside a longer one):
    in its tab-separated column when the line is a table row."""
    pat = r'(?<![\d.,])' + re.escape(text) + r'(?![\d]|[.,]\d)'
    fields = line.split('\t')
    if col >= 0 and col < len(fields) and len(fields) > 1:
        start = sum(len(f) + 1 for f in fields[:col])
        return [start + m.start() for m in re.finditer(pat, fields[col])]
    return [m.start() for m in re.finditer(pat, line)]


def mutate(rng, text):
    digits = [i for i, c in enumerate(text) if c.isdigit()]
    i = rng.choice(digits)
    new = rng.choice([d for d in '0123456789' if d != text[i]])
    return text[:i] + new + text[i + 1:]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('vanban')
    ap.add_argument('outdir')
    ap.add_argument('docs', nargs='+')
    ap.add_argument('--copies', type=int, default=200)
    ap.add_argument('--seed', type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    pool = []
    texts = {}
    for doc in args.docs:
        texts[doc] = open(doc, encoding='utf-8').read().split('\n')
        for (line, col, text), checks in sorted(figures(args.vanban, doc).items()):
            if line <= len(texts[doc]) and occurrences(texts[doc][line - 1], col, text):
                pool.append((doc, line, col, text, checks))
    if not pool:
        sys.exit('no figure takes part in a check in ' + ' '.join(args.docs))
    os.makedirs(args.outdir, exist_ok=True)
    with open(os.path.join(args.outdir, 'manifest.tsv'), 'w', encoding='utf-8') as manifest:
        for n in range(args.copies):
            doc, line, col, text, checks = rng.choice(pool)
            lines = list(texts[doc])
            at = rng.choice(occurrences(lines[line - 1], col, text))
            new = mutate(rng, text)
            lines[line - 1] = lines[line - 1][:at] + new + lines[line - 1][at + len(text):]
            name = os.path.join(args.outdir, '%03d_%s' % (n, os.path.basename(doc)))
            with open(name, 'w', encoding='utf-8') as f:
                f.write('\n'.join(lines))
            manifest.write('%s\t%d\t%s\t%s\t%s\n' % (name, line, ','.join(map(str, sorted(checks))),
                                                    text, new))


if __name__ == '__main__':
    main()
