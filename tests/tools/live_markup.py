#!/usr/bin/env python3
"""Lists what in an HTML page (as a browser's DOM dump) could run script.

usage: live_markup.py FILE...
Prints one line per finding and exits 1 when there is any: an element that
runs or embeds something (script, img, svg, iframe, object, embed, ...), an
event-handler attribute (on...), a link or source whose target, read as a
browser reads it, has a scheme other than http, https or mailto, or a title
that a payload changed (for a dump NAME.dom, a title other than the one the
page NAME itself holds).  A page vanban writes has none of these.
"""
import os
import re
import sys
from html.parser import HTMLParser

LIVE = {'script', 'img', 'svg', 'iframe', 'object', 'embed', 'frame', 'frameset',
        'base', 'form', 'input', 'button', 'math', 'video', 'audio', 'source',
        'meta', 'link', 'style'}
# what the page's own template uses
TEMPLATE = {'meta', 'link', 'style'}
URL_ATTRS = {'href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster'}
SAFE = {'http', 'https', 'mailto'}


def scheme(url):
    url = ''.join(c for c in url if ord(c) > 0x20 and ord(c) != 0x7f)
    m = re.match(r'([A-Za-z][A-Za-z0-9+.-]*):', url)
    return m.group(1).lower() if m else None


class Finder(HTMLParser):
    def __init__(self, name, served_title=None):
        super().__init__(convert_charrefs=True)
        self.name, self.found, self.in_title, self.body = name, [], False, False
        self.served_title, self.title = served_title, ''

    def handle_starttag(self, tag, attrs):
        if tag == 'body':
            self.body = True
        if tag == 'title':
            self.in_title = True
        if tag in LIVE and (self.body or tag not in TEMPLATE):
            self.found.append('%s: element <%s>' % (self.name, tag))
        for k, v in attrs:
            if k.startswith('on'):
                self.found.append('%s: <%s %s=...>' % (self.name, tag, k))
            if k in URL_ATTRS and v is not None:
                s = scheme(v)
                if s is not None and s not in SAFE:
                    self.found.append('%s: <%s %s=%r>' % (self.name, tag, k, v[:40]))

    def handle_endtag(self, tag):
        if tag == 'title' and self.in_title:
            self.in_title = False
            if self.served_title is not None and self.title != self.served_title:
                self.found.append('%s: title changed to %r' % (self.name, self.title[:40]))

    def handle_data(self, data):
        if self.in_title:
            self.title += data


def served_title(path):
    """The title of the page a DOM dump was taken of, as the file holds it."""
    if not path.endswith('.dom') or not os.path.exists(path[:-4]):
        return None
    with open(path[:-4], encoding='utf-8', errors='replace') as fh:
        m = re.search(r'<title>(.*?)</title>', fh.read(), re.S)
    if not m:
        return None
    t = Finder('')
    t.feed('<title>' + m.group(1) + '</title>')
    return t.title


found = []
for path in sys.argv[1:]:
    f = Finder(path, served_title(path))
    with open(path, encoding='utf-8', errors='replace') as fh:
        f.feed(fh.read())
    found += f.found
for line in found:
    print(line)
sys.exit(1 if found else 0)
