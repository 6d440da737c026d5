"""Page discovery for bench/ocr: which images under a folder have ground truth.

Truth formats understood (see bench/README.md, "OCR benchmark"):
  NAME.EXT + NAME.gt.txt   FUNSD in ../shared/corpus, the page generator
  NAME.EXT + NAME.txt      Tesseract test folder, OCRmyPDF's linn.png
  phototest variants       phototest.txt is also the truth of phototest_2.tif,
                           phototestrot.tif and phototest-rotated-{180,L,R}.png
A `manifest.tsv` with columns `file` and `level` (the page generator's) gives
each listed page its level, used as its group, and where it also has
`rotation` and `skew_deg`, how the page was turned and skewed.
"""

import csv
import dataclasses
import hashlib
import os
import struct

IMAGE_EXTS = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}
# Images whose truth file has another stem (Tesseract's test folder).
SHARED_TRUTH = {
    "phototest_2": "phototest",
    "phototestrot": "phototest",
    "phototest-rotated-180": "phototest",
    "phototest-rotated-L": "phototest",
    "phototest-rotated-R": "phototest",
}


@dataclasses.dataclass
class Page:
    """One image file with its ground truth (a file may hold several pages)."""
    path: str      # absolute path of the image
    rel: str       # path relative to the benchmarked folder
    truth: str     # ground-truth text
    group: str     # level from a manifest, else top folder
    pages: int     # pages in the file (multi-page TIFF > 1)
    dpi: float     # resolution from the file's metadata, None if absent
    sha256: str
    # How the generator fed the page (manifest.tsv), None where unknown: the
    # clockwise quarter turn, then the counter-clockwise skew in degrees.
    rotation: int = None
    skew: float = None


def truth_path(image):
    """The ground-truth file for an image path, or None."""
    folder, name = os.path.split(image)
    stem = os.path.splitext(name)[0]
    for candidate in (stem + ".gt.txt", stem + ".txt",
                      SHARED_TRUTH.get(stem, "\0") + ".txt"):
        path = os.path.join(folder, candidate)
        if os.path.isfile(path):
            return path
    return None


def read_manifests(root):
    """{absolute image path: manifest row} from every manifest.tsv under root."""
    rows = {}
    for folder, _, files in os.walk(root):
        if "manifest.tsv" not in files:
            continue
        with open(os.path.join(folder, "manifest.tsv"), newline="",
                  encoding="utf-8") as f:
            reader = csv.DictReader(f, delimiter="\t")
            if not {"file", "level"} <= set(reader.fieldnames or []):
                continue
            for row in reader:
                rows[os.path.abspath(os.path.join(folder, row["file"]))] = row
    return rows


def fed(row):
    """(rotation, skew) of a manifest row, each None where absent."""
    try:
        return int(row["rotation"]), float(row["skew_deg"])
    except (KeyError, TypeError, ValueError):
        return None, None


def discover(root, group_by):
    """Returns (pages sorted by path, skipped: list of (rel path, reason))."""
    root = os.path.abspath(root)
    manifest = read_manifests(root)
    pages, skipped, seen = [], [], {}
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, root)
            ext = os.path.splitext(name)[1].lower()
            if ext == ".pdf":
                skipped.append((rel, "PDF (intake does not read PDF yet)"))
                continue
            if ext not in IMAGE_EXTS:
                continue
            truth = truth_path(path)
            if truth is None:
                skipped.append((rel, "no ground truth"))
                continue
            digest = sha256_of(path)
            if digest in seen:
                skipped.append((rel, "same bytes as a page already listed"))
                continue
            seen[digest] = rel
            with open(truth, encoding="utf-8", errors="replace") as f:
                text = f.read()
            dpi, count = image_info(path)
            top = rel.split(os.sep)[0] if os.sep in rel else os.path.basename(root)
            row = manifest.get(path, {})
            group = row["level"] if row and group_by == "level" else top
            pages.append(Page(path, rel, text, group, count, dpi, digest,
                              *fed(row)))
    pages.sort(key=lambda p: p.rel)
    return pages, skipped


def sha256_of(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def image_info(path):
    """(dpi or None, page count) from PNG pHYs, JPEG JFIF or TIFF tags."""
    try:
        with open(path, "rb") as f:
            data = f.read()
        if data[:8] == b"\x89PNG\r\n\x1a\n":
            return png_dpi(data), 1
        if data[:2] == b"\xff\xd8":
            return jpeg_dpi(data), 1
        if data[:4] in (b"II*\0", b"MM\0*"):
            return tiff_info(data)
    except (OSError, struct.error, IndexError, ZeroDivisionError):
        pass
    return None, 1


def png_dpi(data):
    pos = 8
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"pHYs":
            x, _, unit = struct.unpack(">IIB", data[pos + 8:pos + 17])
            return x * 0.0254 if unit == 1 and x else None
        if kind in (b"IDAT", b"IEND"):
            return None
        pos += 12 + length
    return None


def jpeg_dpi(data):
    if data[6:11] != b"JFIF\0":
        return None
    unit, x = data[13], struct.unpack(">H", data[14:16])[0]
    return {1: float(x), 2: x * 2.54}.get(unit) if x else None


def tiff_info(data):
    """(dpi of the first page or None, number of pages) of a TIFF."""
    end = "<" if data[:2] == b"II" else ">"
    offset = struct.unpack(end + "I", data[4:8])[0]
    dpi, pages, unit = None, 0, 2
    while offset and pages < 10000:
        count = struct.unpack(end + "H", data[offset:offset + 2])[0]
        for i in range(count if pages == 0 else 0):
            entry = data[offset + 2 + 12 * i:offset + 14 + 12 * i]
            tag, _, _, value = struct.unpack(end + "HHII", entry)
            if tag == 282:  # XResolution, a RATIONAL stored at `value`
                num, den = struct.unpack(end + "II", data[value:value + 8])
                dpi = num / den if den else None
            elif tag == 296:  # ResolutionUnit, a SHORT in the entry itself
                unit = struct.unpack(end + "H", entry[8:10])[0]
        pages += 1
        offset = struct.unpack(end + "I",
                               data[offset + 2 + 12 * count:offset + 6 + 12 * count])[0]
    if dpi is not None:
        dpi = {2: dpi, 3: dpi * 2.54}.get(unit)
    return (dpi or None), max(pages, 1)
