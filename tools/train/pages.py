#!/usr/bin/env python3
"""Sample pages of whole paragraphs from a paragraph file (one a line), for
making OCR pairs: pages.py [--pages N] [--chars C] [--seed S] PARAS.txt PREFIX
writes PREFIX-000.txt, PREFIX-001.txt... (paragraphs separated by blank lines)."""
import argparse, random


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("paragraphs")
    ap.add_argument("prefix")
    ap.add_argument("--pages", type=int, default=400)
    ap.add_argument("--chars", type=int, default=1400)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    paras = [l.rstrip("\n") for l in open(a.paragraphs, encoding="utf-8") if l.strip()]
    random.Random(a.seed).shuffle(paras)
    page, size, n = [], 0, 0
    for p in paras:
        if len(p) > a.chars or n >= a.pages:
            continue
        page.append(p)
        size += len(p)
        if size > a.chars:
            with open(f"{a.prefix}-{n:03d}.txt", "w", encoding="utf-8") as f:
                f.write("\n\n".join(page) + "\n")
            page, size, n = [], 0, n + 1


if __name__ == "__main__":
    main()
