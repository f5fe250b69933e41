#!/usr/bin/env python3
"""Prints facts about a PNG screenshot: size, the share of non-white pixels
and the number of pixel rows crossed by a long dark horizontal line (the
borders of rendered tables).  Standard library only."""
import struct
import sys
import zlib


def read_png(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit(f"{path}: not a PNG")
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", body[:10])
            if depth != 8 or color not in (2, 6):
                raise SystemExit(f"{path}: unsupported PNG (depth {depth}, color {color})")
            channels = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, prev = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        ftype, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b, c = prev[x], prev[x - channels] if x >= channels else 0
            if ftype == 1:
                line[x] = (line[x] + a) & 255
            elif ftype == 2:
                line[x] = (line[x] + b) & 255
            elif ftype == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return width, height, channels, rows


def main():
    width, height, ch, rows = read_png(sys.argv[1])
    ink = lines = 0
    for line in rows:
        run = best = 0
        for x in range(0, width * ch, ch):
            dark = line[x] < 128 and line[x + 1] < 128 and line[x + 2] < 128
            if line[x] < 240 or line[x + 1] < 240 or line[x + 2] < 240:
                ink += 1
            run = run + 1 if dark else 0
            best = max(best, run)
        if best >= width // 4:
            lines += 1
    print(f"size {width}x{height}")
    print(f"ink {ink / (width * height):.4f}")
    print(f"long-lines {lines}")


main()
