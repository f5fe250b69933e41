#!/usr/bin/env python3
"""Builds the DOCX feature fixtures from their XML parts.

usage: build.py [--zip64] SRC OUT
  SRC/NAME/ holds the parts of one fixture (word/document.xml, word/styles.xml,
  ...).  A part whose text does not start with "<?xml" or "<w:" root is a
  fragment: it is wrapped in the root element its path calls for, with the
  usual namespace declarations, so the fixtures show only what they test.
  [Content_Types].xml and the relationship parts are written when absent.
  Writes OUT/NAME.docx for each fixture.  A file SRC/NAME/.zip64 asks for
  ZIP64 records everywhere; one that says "end" asks for the ZIP64 end of
  central directory records only (entries stay ordinary).  --zip64 asks for
  ZIP64 records everywhere in every fixture.
"""
import os
import sys
import zipfile

NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
      'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:v="urn:schemas-microsoft-com:vml" '
      'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
      'xmlns:x99="urn:example:unknown-extension"')

ROOTS = {
    'word/document.xml': ('w:document', True),
    'word/styles.xml': ('w:styles', False),
    'word/numbering.xml': ('w:numbering', False),
    'word/footnotes.xml': ('w:footnotes', False),
    'word/endnotes.xml': ('w:endnotes', False),
}

REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
TYPES = {
    'word/styles.xml': 'styles',
    'word/numbering.xml': 'numbering',
    'word/footnotes.xml': 'footnotes',
    'word/endnotes.xml': 'endnotes',
}


def wrap(path, text):
    if text.lstrip().startswith('<?xml') or text.lstrip().startswith('<w:document'):
        return text
    base = os.path.basename(path)
    if path in ROOTS:
        root, body = ROOTS[path]
    elif base.startswith('header'):
        root, body = 'w:hdr', False
    elif base.startswith('footer'):
        root, body = 'w:ftr', False
    else:
        return text
    inner = '<w:body>%s</w:body>' % text if body else text
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<%s %s>%s</%s>'
            % (root, NS, inner, root))


def build(src, out_path, force_zip64=False):
    parts = {}
    for dirpath, _, files in os.walk(src):
        for f in files:
            full = os.path.join(dirpath, f)
            rel = os.path.relpath(full, src).replace(os.sep, '/')
            if rel.startswith('.'):
                continue
            with open(full, encoding='utf-8') as fh:
                parts[rel] = wrap(rel, fh.read())
    if '[Content_Types].xml' not in parts:
        parts['[Content_Types].xml'] = (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            'ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType='
            '"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            '</Types>')
    if '_rels/.rels' not in parts:
        rels = ['<Relationship Id="rId1" Type="%sofficeDocument" Target="word/document.xml"/>' % REL]
        if 'docProps/core.xml' in parts:
            rels.append('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/'
                        '2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>')
        parts['_rels/.rels'] = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://'
                                'schemas.openxmlformats.org/package/2006/relationships">%s'
                                '</Relationships>' % ''.join(rels))
    if 'word/_rels/document.xml.rels' not in parts:
        rels = []
        for name in sorted(parts):
            kind = TYPES.get(name)
            base = os.path.basename(name)
            if name.startswith('word/') and base.startswith('header'):
                kind = 'header'
            elif name.startswith('word/') and base.startswith('footer'):
                kind = 'footer'
            if kind:
                rid = 'rId' + os.path.splitext(base)[0]
                rels.append('<Relationship Id="%s" Type="%s%s" Target="%s"/>'
                            % (rid, REL, kind, name[len('word/'):]))
        link = os.path.join(src, '.links')
        if os.path.exists(link):
            with open(link, encoding='utf-8') as fh:
                for line in fh:
                    if line.strip():
                        rid, url = line.split(None, 1)
                        rels.append('<Relationship Id="%s" Type="%shyperlink" Target="%s" '
                                    'TargetMode="External"/>' % (rid, REL, url.strip()))
        parts['word/_rels/document.xml.rels'] = (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships">%s</Relationships>' % ''.join(rels))
    flag = os.path.join(src, '.zip64')
    zip64 = end_only = False
    if os.path.exists(flag):
        with open(flag, encoding='utf-8') as fh:
            end_only = fh.read().strip() == 'end'
        zip64 = not end_only
    if force_zip64:
        zip64, end_only = True, False
    saved = zipfile.ZIP64_LIMIT, zipfile.ZIP_FILECOUNT_LIMIT
    if zip64:
        # ZIP64 everywhere: local and central extra fields, ZIP64 end records
        zipfile.ZIP64_LIMIT, zipfile.ZIP_FILECOUNT_LIMIT = 0, 0
    elif end_only:
        zipfile.ZIP_FILECOUNT_LIMIT = 0
    order = ['[Content_Types].xml', '_rels/.rels'] + sorted(
        p for p in parts if p not in ('[Content_Types].xml', '_rels/.rels'))
    with zipfile.ZipFile(out_path, 'w', zipfile.ZIP_DEFLATED) as z:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            with z.open(info, 'w', force_zip64=zip64) as fh:
                fh.write(parts[name].encode('utf-8'))
    zipfile.ZIP64_LIMIT, zipfile.ZIP_FILECOUNT_LIMIT = saved


def main():
    args = sys.argv[1:]
    force_zip64 = args[:1] == ['--zip64']
    if force_zip64:
        args = args[1:]
    src, out = args
    os.makedirs(out, exist_ok=True)
    for name in sorted(os.listdir(src)):
        d = os.path.join(src, name)
        if os.path.isdir(d):
            build(d, os.path.join(out, name + '.docx'), force_zip64)


if __name__ == '__main__':
    main()
