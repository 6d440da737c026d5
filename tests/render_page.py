#!/usr/bin/python3
"""Renders lines of text as scanned-looking pages, for the end-to-end tests.

usage: render_page.py OUT [--dpi N] LINE... [--page LINE...]...

Each --page starts a new page. OUT's extension picks the format: .png (the
first page only), .pdf or .tif (every page). Letter-size pages, DejaVu Sans
12 pt, black on white. Synthetic text only: the tests pass made-up patients.
"""
import sys

from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def main(argv):
    out, args = argv[1], argv[2:]
    dpi = 150
    if args[:1] == ["--dpi"]:
        dpi, args = int(args[1]), args[2:]
    pages, lines = [], []
    for a in args:
        if a == "--page":
            pages.append(lines)
            lines = []
        else:
            lines.append(a)
    pages.append(lines)
    font = ImageFont.truetype(FONT, int(12 * dpi / 72))
    images = []
    for page_lines in pages:
        img = Image.new("L", (int(8.5 * dpi), int(11 * dpi)), 255)
        draw = ImageDraw.Draw(img)
        y = dpi
        for line in page_lines:
            draw.text((dpi, y), line, font=font, fill=0)
            y += int(0.3 * dpi)
        images.append(img)
    if out.endswith(".png"):
        images[0].save(out, dpi=(dpi, dpi))
    else:
        images[0].save(out, save_all=True, append_images=images[1:],
                       resolution=dpi, dpi=(dpi, dpi))


if __name__ == "__main__":
    main(sys.argv)
