#!/usr/bin/python3
"""Writes the tiny PNG fixtures of PngGrayscaleTests with tools independent of Mammo's decoder.

8-bit colour files come from Pillow (Debian python3-pil, which picks row filters itself); 16-bit files and the
grey files with every row filter come from the small writer below (Python's zlib, filter type = row index % 5).
Pixel values follow Grey8/Grey16, which the tests recompute. Run: /usr/bin/python3 make_png_fixtures.py
"""
import struct
import zlib

from PIL import Image

W, H = 20, 18


def grey8(x, y):
    return (x * 11 + y * 17 + (x * y) % 7) % 256


def grey16(x, y):
    return (x * 2311 + y * 4093 + x * y * 7) % 65536


def alpha(x, y):
    return (x * y * 5) % 256


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else (b if pb <= pc else c)


def filtered(rows, bpp):
    out = bytearray()
    prev = bytes(len(rows[0]))
    for y, row in enumerate(rows):
        f = y % 5
        line = bytearray()
        for i, v in enumerate(row):
            left = row[i - bpp] if i >= bpp else 0
            up = prev[i]
            ul = prev[i - bpp] if i >= bpp else 0
            pred = [0, left, up, (left + up) >> 1, paeth(left, up, ul)][f]
            line.append((v - pred) & 0xFF)
        out += bytes([f]) + line
        prev = row
    return bytes(out)


def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def write(name, depth, colour_type, channels, pixel):
    """pixel(x, y) -> tuple of channel values."""
    size = depth // 8
    rows = []
    for y in range(H):
        row = bytearray()
        for x in range(W):
            for v in pixel(x, y):
                row += v.to_bytes(size, "big")
        rows.append(bytes(row))
    raw = filtered(rows, channels * size)
    ihdr = struct.pack(">IIBBBBB", W, H, depth, colour_type, 0, 0, 0)
    with open(name, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


write("grey8_filters.png", 8, 0, 1, lambda x, y: (grey8(x, y),))
write("grey16_filters.png", 16, 0, 1, lambda x, y: (grey16(x, y),))
write("rgb16_equal.png", 16, 2, 3, lambda x, y: (grey16(x, y),) * 3)
write("rgba16_equal.png", 16, 6, 4, lambda x, y: (grey16(x, y),) * 3 + (alpha(x, y) * 257,))
write("la16_equal.png", 16, 4, 2, lambda x, y: (grey16(x, y), alpha(x, y) * 257))
write("rgb16_colour.png", 16, 2, 3, lambda x, y: (grey16(x, y), grey16(x, y), (grey16(x, y) + (x == 7 and y == 5)) % 65536))


def pil(name, mode, pixel):
    image = Image.new(mode, (W, H))
    image.putdata([pixel(x, y) for y in range(H) for x in range(W)])
    image.save(name)


pil("rgb8_equal.png", "RGB", lambda x, y: (grey8(x, y),) * 3)
pil("rgba8_equal.png", "RGBA", lambda x, y: (grey8(x, y),) * 3 + (alpha(x, y),))
pil("la8_equal.png", "LA", lambda x, y: (grey8(x, y), alpha(x, y)))
pil("rgb8_colour.png", "RGB", lambda x, y: (grey8(x, y), (grey8(x, y) + 40 * (x > 10)) % 256, grey8(x, y)))
