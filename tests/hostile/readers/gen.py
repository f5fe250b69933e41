#!/usr/bin/env python3
"""Hostile inputs for the readers, built from a fixed seed so that every run
tests the same bytes: python3 gen.py OUTDIR NAME[=SIZE]...

Each NAME writes OUTDIR/NAME.<ext>; SIZE scales it (lines, rows, entries),
so the same generator serves the quick test and `make stress`."""
import os
import random
import sys
import zipfile

WNS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
RNS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
REL = RNS + '/'


def write_package_parts(z):
    """The content types and the package relationship every package has."""
    z.writestr('[Content_Types].xml',
               '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
               '<Default Extension="xml" ContentType="application/xml"/></Types>')
    z.writestr('_rels/.rels',
               '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               '<Relationship Id="rDoc" Type="%sofficeDocument" Target="word/document.xml"/>'
               '</Relationships>' % REL)


def docx(path, body, numbering=None, extra_parts=(), method=zipfile.ZIP_DEFLATED):
    """A Word package with the parts Word itself needs and nothing else."""
    ns = 'xmlns:w="%s" xmlns:r="%s"' % (WNS, RNS)
    rels = ''
    if numbering:
        rels = '<Relationship Id="rNum" Type="%snumbering" Target="numbering.xml"/>' % REL
    with zipfile.ZipFile(path, 'w', method) as z:
        write_package_parts(z)
        z.writestr('word/_rels/document.xml.rels',
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '%s</Relationships>' % rels)
        z.writestr('word/document.xml',
                   '<w:document %s><w:body>%s</w:body></w:document>' % (ns, body))
        if numbering:
            z.writestr('word/numbering.xml', '<w:numbering %s>%s</w:numbering>' % (ns, numbering))
        for name, data in extra_parts:
            z.writestr(name, data)


def para(text):
    return '<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % text


def word(rng, n):
    return ''.join(rng.choice('abcdeghiklm') for _ in range(n))


# DEFECT 1: lowercase lines that each continue the paragraph before
def join_txt(out, n=20000):
    rng = random.Random(2)
    with open(out + '.txt', 'w') as f:
        f.write('KẾ HOẠCH\n\n' + ''.join(word(rng, 4) + '\n\n' for _ in range(n)))


def join_docx(out, n=20000):
    rng = random.Random(1)
    docx(out + '.docx', para('KẾ HOẠCH') + ''.join(para(word(rng, 4)) for _ in range(n)))


# DEFECT 2: a table whose rows all read as header rows
def headrows_txt(out, n=10000):
    rng = random.Random(4)
    with open(out + '.txt', 'w') as f:
        f.write('KẾ HOẠCH\n\nSTT\tNội dung\n' + ''.join('\t' + word(rng, 6) + '\n' for _ in range(n)))


def headrows_docx(out, n=10000):
    rng = random.Random(4)
    cell = lambda t: '<w:tc>%s</w:tc>' % para(t)
    rows = ''.join('<w:tr>%s%s</w:tr>' % (cell(''), cell(word(rng, 6))) for _ in range(n))
    docx(out + '.docx', para('KẾ HOẠCH') + '<w:tbl><w:tr>%s%s</w:tr>%s</w:tbl>'
         % (cell('STT'), cell('Nội dung'), rows))


# DEFECT 3: one row 5,000 columns wide, then many one-cell rows
def wide_docx(out, n=20000):
    span = '<w:tc><w:tcPr><w:gridSpan w:val="1000"/></w:tcPr><w:p/></w:tc>'
    docx(out + '.docx', para('KẾ HOẠCH') + '<w:tbl><w:tr>' + span * 5 + '</w:tr>'
         + '<w:tr><w:tc><w:p/></w:tc></w:tr>' * n + '</w:tbl>')


# DEFECT 16: one row whose spans add up past any int (stored, not
# compressed: deflated, the zip-bomb ratio would refuse it first)
def spans_docx(out, n=2200000):
    span = '<w:tc><w:tcPr><w:gridSpan w:val="1000"/></w:tcPr><w:p/></w:tc>'
    docx(out + '.docx', para('KẾ HOẠCH') + '<w:tbl><w:tr>' + span * n + '</w:tr></w:tbl>',
         method=zipfile.ZIP_STORED)


# DEFECT 6: one element with a great many attributes
def attrs_docx(out, n=100000):
    docx(out + '.docx', '<w:p %s><w:r><w:t>A</w:t></w:r></w:p>'
         % ' '.join('a%d="v"' % i for i in range(n)))


# ... and the most an element may carry, with what the pre-scan must skip
def few_docx(out, n=250):
    docx(out + '.docx', '<!-- <a b="c"> d=e > --><w:p %s><w:r><w:t a="x=y">Nội dung a=b.</w:t></w:r></w:p>'
         % ' '.join("a%d='v=w'" % i for i in range(n)))


# DEFECT 8: numbered paragraphs after a paragraph without final punctuation
def label_docx(out, n=0):
    lvl = ('<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
           '<w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1)"/></w:lvl></w:abstractNum>'
           '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>')
    item = ('<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
            '<w:r><w:t>%s</w:t></w:r></w:p>')
    docx(out + '.docx', para('KẾ HOẠCH') + para('Triển khai thực hiện.') + para('Nhiệm vụ cụ thể gồm')
         + item % 'tăng cường công tác tuyên truyền;' + item % 'đẩy mạnh cải cách hành chính.', lvl)


# DEFECT 9: UTF-8 text padded with NUL bytes to 64 KiB
def nulpad_txt(out, n=65536):
    b = ('KẾ HOẠCH\nThực hiện nhiệm vụ năm 2024\n' + 'Nội dung kế hoạch triển khai.\n' * 40).encode()
    with open(out + '.txt', 'wb') as f:
        f.write(b + b'\0' * max(0, n - len(b)))


# DEFECT 17: UTF-16LE without a byte order mark
def u16_txt(out, n=0):
    with open(out + '.txt', 'wb') as f:
        f.write('ỦY BAN NHÂN DÂN\nKẾ HOẠCH\nThực hiện nhiệm vụ.\n'.encode('utf-16-le'))


# DEFECT 15: a package with a great many parts
def entries_docx(out, n=20000):
    docx(out + '.docx', para('KẾ HOẠCH') + para('Nội dung.'),
         extra_parts=[('customXml/item%d.xml' % i, '<a/>') for i in range(n)])


# DEFECT 14: one paragraph of a great many small runs, far past the size limit
def runs_docx(out, n=4000000):
    run = '<w:r><w:t>ab</w:t></w:r>'
    path = out + '.docx'
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        write_package_parts(z)
        with z.open('word/document.xml', 'w') as w:
            w.write(('<w:document xmlns:w="%s"><w:body><w:p>' % WNS).encode())
            chunk = (run * 10000).encode()
            for _ in range(n // 10000):
                w.write(chunk)
            w.write(b'</w:p></w:body></w:document>')


# hOCR written as glyph spans with the engine's readings (Tesseract's
# hocr_char_boxes and lstm_choice_mode=2): each glyph a span "ocrx_cinfo",
# followed by a span of its readings, one "ocrx_cinfo" (title "x_confs N")
# each.
def hocr_page(words):
    """An hOCR page of one line holding the given ocrx_word contents."""
    body = ''.join("<span class='ocrx_word' title='bbox %d 10 %d 50; x_wconf 90'>%s</span> "
                   % (100 * i, 100 * i + 80, w) for i, w in enumerate(words))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<html xmlns="http://www.w3.org/1999/xhtml"><head><title></title></head><body>\n'
            "<div class='ocr_page' id='page_1' title='bbox 0 0 2480 3508'>\n"
            "<p class='ocr_par'><span class='ocr_line' title='bbox 100 10 2000 50'>%s</span></p>\n"
            '</div></body></html>\n' % body)


def glyph(text, conf=95.0):
    return "<span class='ocrx_cinfo' title='x_bboxes 1 2 3 4; x_conf %s'>%s</span>" % (conf, text)


def readings(pairs):
    return ("<span class='ocrx_cinfo' id='lstm_choices_1_1_1'>%s</span>"
            % ''.join("<span class='ocrx_cinfo' title='x_confs %s'>%s</span>" % (c, t) for t, c in pairs))


def write(path, text):
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text)


# one word of 100,000 glyph spans (letters of one, two and three bytes),
# every tenth with its readings
def glyphs_hocr(out, n=100000):
    rng = random.Random(5)
    letters = [rng.choice('abcdeghiklmnăâđêôơưằấệ') for _ in range(n)]
    word = ''.join("<span class='ocrx_cinfo' title='x_conf 95'>%s</span>" % c
                   + (readings([(c, 90), ('ạ', 5)]) if i % 10 == 0 else '') for i, c in enumerate(letters))
    write(out + '.hocr', hocr_page(['Hằng', word, 'năm']))


# a glyph with 10,000 readings, all different, in rising order of score
def readings_hocr(out, n=10000):
    pairs = [(chr(0x4E00 + i % 20000), '%.4f' % (1 + 90.0 * i / n)) for i in range(n)]
    write(out + '.hocr', hocr_page(['Hằng', glyph('n') + readings([('n', 50)] + pairs) + glyph('ă') + glyph('m'), 'nay']))


# glyph spans nested 10,000 deep (a glyph inside a glyph inside ...)
def nested_hocr(out, n=10000):
    word = "<span class='ocrx_cinfo' title='x_conf 90'>" * n + 'x' + '</span>' * n
    write(out + '.hocr', hocr_page(['Hằng', word + glyph('n') + readings([('n', 90), ('m', 9)]), 'năm']))


# what no engine writes: readings without a glyph before them, scores that
# are negative, not a number, past any double or text, a glyph of several
# code points, an empty one, a reading of several code points
def glyphodd_hocr(out, n=0):
    bad = [('a', -5), ('ă', 'nan'), ('â', 'NaN'), ('à', '1e309'), ('á', 'inf'), ('ả', 'x'), ('ã', ''), ('ạ', '-0')]
    write(out + '.hocr', hocr_page([
        readings([('H', 90), ('K', 40)]) + glyph('H') + glyph('a') + readings([('a', 80)] + bad) + glyph('n')
        + readings([('n', 90), ('m', 20)]) + glyph('g'),
        glyph('n') + readings([('n', 90), ('m', 20)]) + glyph('ă') + glyph('m') + readings([('m', 90), ('rn', 30)]),
        glyph('Ủ') + glyph('') + glyph('y') + readings([('y', 90), ('v', 10)]),
        glyph('b') + glyph('an') + readings([('an', 90), ('a', 10)]),
        glyph('nha' + '\u0302' + 'n') + readings([('n', 90), ('m', 10)]),
        glyph(' d ') + readings([('d', 80), ('đ', 60)]) + glyph('\n\u00e2 ') + glyph('n'),
    ]))


GEN = {
    'join.txt': join_txt, 'join.docx': join_docx, 'headrows.txt': headrows_txt,
    'headrows.docx': headrows_docx, 'wide.docx': wide_docx, 'spans.docx': spans_docx,
    'attrs.docx': attrs_docx, 'few.docx': few_docx, 'label.docx': label_docx, 'nulpad.txt': nulpad_txt,
    'u16.txt': u16_txt, 'entries.docx': entries_docx, 'runs.docx': runs_docx,
    'glyphs.hocr': glyphs_hocr, 'readings.hocr': readings_hocr, 'nested.hocr': nested_hocr,
    'glyphodd.hocr': glyphodd_hocr,
}

if __name__ == '__main__':
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    for arg in sys.argv[2:]:
        name, _, size = arg.partition('=')
        fn = GEN[name]
        base = os.path.join(outdir, name.rsplit('.', 1)[0])
        if size:
            fn(base, int(size))
        else:
            fn(base)
