#!/usr/bin/env python3
"""Builds the DOCX benchmark set from the committed samples.

usage: docx_set.py OUT_DIR TOTAL_MB SAMPLE.docx...

Each sample gives documents whose body is repeated 1, 4, 16 and 64 times
(everything else in the package unchanged): real Word-made content at the
sizes an archive holds, from a two-page letter to a long plan.  These
distinct files go to OUT_DIR/distinct/; OUT_DIR/set/ holds copies of them
until the set reaches TOTAL_MB of .docx.  Prints one line per distinct file:
name, .docx bytes, word/document.xml bytes.
"""
import os
import shutil
import sys
import zipfile

REPEATS = (1, 4, 16, 64)


def repeated(src, dst, times):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED) as zout:
        xml_len = 0
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == 'word/document.xml':
                text = data.decode('utf-8')
                start = text.index('>', text.index('<w:body')) + 1
                end = text.rindex('<w:sectPr')
                text = text[:start] + text[start:end] * times + text[end:]
                data = text.encode('utf-8')
                xml_len = len(data)
            zout.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    return xml_len


def main():
    out, total_mb, samples = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
    distinct = os.path.join(out, 'distinct')
    every = os.path.join(out, 'set')
    os.makedirs(distinct, exist_ok=True)
    os.makedirs(every, exist_ok=True)
    made = []
    for sample in samples:
        stem = os.path.splitext(os.path.basename(sample))[0][:3]
        for times in REPEATS:
            name = '%s-x%02d.docx' % (stem, times)
            path = os.path.join(distinct, name)
            xml_len = repeated(sample, path, times)
            made.append(path)
            print('%s %d %d' % (name, os.path.getsize(path), xml_len))
    total, copy = 0, 0
    while total < total_mb * 1e6:
        for path in made:
            name = 'c%03d-%s' % (copy, os.path.basename(path))
            shutil.copyfile(path, os.path.join(every, name))
            total += os.path.getsize(path)
        copy += 1


if __name__ == '__main__':
    main()
