#!/usr/bin/python3
"""Self-check for bench/holdout_pages.py output.

usage: bench/holdout_check.py OUT_DIR --seed S [--ocr K]

For every image in OUT_DIR/manifest.tsv the page is re-rendered with holdout_pages.render
(same seed/index) and:
  * the saved NAME.fields.json must equal the regenerated truth;
  * clean PNGs must be pixel-identical to the re-render (so the draw log below is
    exactly what is on the page); file format / size / dpi per level;
  * every truth value in "fields" and "optional" must have been drawn on the page
    in some printed form (a logged text run contains it), and that printed form
    must parse back to the truth value with an independent parser (dates by
    several formats, names by first/last tokens, ids exact, NPI Luhn-80840);
  * fields agree with the "patient" record; decoy names/dates differ from truth;
  * each level has every doc type once count >= 12.
--ocr K additionally runs tesseract on K clean pages and reports how many printed
truth values OCR can read (a legibility smoke test, not a requirement).
"""
import argparse
import collections
import datetime as dt
import json
import os
import re
import subprocess
import sys

import numpy as np
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import holdout_pages as gen  # noqa: E402

DATE_FMTS = ["%m/%d/%Y", "%m/%d/%y", "%Y-%m-%d", "%B %d, %Y", "%b %d, %Y", "%d-%b-%Y", "%d %b %Y",
             "%m-%d-%Y", "%m %d %Y", "%m %d %y"]


def parse_date(s):
    out = set()
    for f in DATE_FMTS:
        try:
            d = dt.datetime.strptime(s.strip(), f).date()
        except ValueError:
            continue
        if "%y" in f and d.year > 2025:
            d = d.replace(year=d.year - 100)
        out.add(d.isoformat())
    return out


def npi_ok(n):
    if not re.fullmatch(r"[12]\d{9}", n):
        return False
    s = "80840" + n
    tot = 0
    for i, ch in enumerate(reversed(s)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        tot += d
    return tot % 10 == 0


def name_tokens(s):
    return [t for t in re.split(r"[\s,.]+", s.upper()) if t]


def check_printed(field, printed, canon, pat):
    """independent check that `printed` is a rendering of `canon`"""
    if field in ("dob", "service_date"):
        return canon in parse_date(printed)
    if field == "patient_name":
        toks = name_tokens(printed)
        first, last = canon.upper().split(" ", 1)
        return first in toks or last in toks or " ".join(toks).find(last) >= 0
    if field == "npi":
        return printed == canon and npi_ok(canon)
    if field == "icd10":
        return printed == canon and re.fullmatch(r"[A-Z]\d[0-9A-Z](\.[0-9A-Z]{1,4})?", canon) is not None
    if field == "cpt":
        return printed == canon and re.fullmatch(r"\d{5}", canon) is not None
    return printed == canon


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out_dir")
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--ocr", type=int, default=0)
    a = ap.parse_args()
    rows = [l.rstrip("\n").split("\t") for l in open(os.path.join(a.out_dir, "manifest.tsv"))]
    assert rows[0] == ["file", "level", "doc_type"], rows[0]
    rows = rows[1:]
    cache = {}
    errors = []
    nmarks = 0
    per_level = collections.defaultdict(list)
    ocr_done = 0
    ocr_hit = ocr_tot = 0

    def err(msg):
        errors.append(msg)
        print("FAIL", msg)

    for fn, level, dtp in rows:
        per_level[level].append(dtp)
        m = re.fullmatch(r"(clean|mild|scan)_(\d{4})_([a-z_]+)\.(png|jpg)", fn)
        if not m or m.group(1) != level or m.group(3) != dtp:
            err("%s: bad name" % fn)
            continue
        idx = int(m.group(2)) - 1
        ext = m.group(4)
        if (level == "scan") != (ext == "jpg"):
            err("%s: wrong format for level" % fn)
        path = os.path.join(a.out_dir, fn)
        im = Image.open(path)
        want = (1700, 2200) if level == "scan" else (2550, 3300)
        if im.size != want or im.mode != "L":
            err("%s: size/mode %s %s" % (fn, im.size, im.mode))
        dpi = im.info.get("dpi", (0, 0))
        if abs(dpi[0] - (200 if level == "scan" else 300)) > 0.5:
            err("%s: dpi %s" % (fn, dpi))
        if idx not in cache:
            cache[idx] = gen.render(a.seed, idx, dtp)
        page, case, truth = cache[idx]
        name = fn.rsplit(".", 1)[0]
        saved = json.load(open(os.path.join(a.out_dir, name + ".fields.json")))
        if saved != truth:
            err("%s: fields.json differs from regenerated truth" % fn)
        if list(saved.keys()) != ["doc_type", "fields", "optional", "patient"]:
            err("%s: key order %s" % (fn, list(saved.keys())))
        if level == "clean":
            if not np.array_equal(np.asarray(im), np.asarray(page.img)):
                err("%s: pixels differ from re-render" % fn)
        if level != "clean":
            continue  # marks are identical for all levels of one index
        runs = [s for s, _ in page.runs]
        pat = saved["patient"]
        full = pat["first_name"] + " " + pat["last_name"]
        marks_by = collections.defaultdict(list)
        for role, field, printed, canon in page.marks:
            nmarks += 1
            if not any(printed in s for s in runs):
                err("%s: %s %r not in any drawn run" % (fn, field, printed))
            if role in ("f", "o") and not check_printed(field, printed, canon, pat):
                err("%s: printed %r does not parse to %s=%r" % (fn, printed, field, canon))
            marks_by[(role, field)].append((printed, canon))
            if role == "d":
                if field == "patient_name" and canon.upper() == full.upper():
                    err("%s: decoy name equals patient" % fn)
                if field == "dob" and canon == pat["dob"]:
                    err("%s: decoy dob equals patient dob" % fn)
        for sect, role in (("fields", "f"), ("optional", "o")):
            for field, val in saved[sect].items():
                vals = val if isinstance(val, list) else [val]
                for v in vals:
                    hits = [pr for pr, cn in marks_by[(role, field)] if cn == v]
                    if not hits:
                        err("%s: %s.%s=%r has no printed occurrence" % (fn, sect, field, v))
        f = saved["fields"]
        if "patient_name" in f:
            if f["patient_name"] != full:
                err("%s: patient_name != patient record" % fn)
            toks = set()
            for pr, cn in marks_by[("f", "patient_name")]:
                toks |= set(name_tokens(pr))
            if not (set(name_tokens(pat["first_name"])) <= toks and set(name_tokens(pat["last_name"])) <= toks):
                err("%s: first+last name not both printed" % fn)
        for k, pk in (("dob", "dob"), ("mrn", "mrn"), ("member_id", "member_id")):
            if k in f and f[k] != pat[pk]:
                err("%s: %s != patient record" % (fn, k))
        for k in ("npi", "icd10", "cpt"):
            if k in f and (not isinstance(f[k], list) or not f[k]):
                err("%s: %s must be non-empty list" % (fn, k))
        for n in f.get("npi", []):
            if not npi_ok(n):
                err("%s: NPI %s not Luhn-80840 valid" % (fn, n))
        # leak check: id-like truth strings printed in runs without any mark on that page
        all_printed = [pr for (_r, _f), lst in marks_by.items() for pr, _c in lst]
        for k in ("mrn", "member_id", "group_number"):
            v = pat.get(k if k != "group_number" else "", None) if k != "group_number" else case["pat"]["group"]
            if v and any(v in s for s in runs) and not any(v in pr for pr in all_printed):
                err("%s: %s value %r printed but not marked" % (fn, k, v))
        if a.ocr and ocr_done < a.ocr:
            ocr_done += 1
            env = dict(os.environ, OMP_THREAD_LIMIT="1")
            txt = subprocess.run(["tesseract", path, "-", "--psm", "3"], capture_output=True, text=True, env=env).stdout
            flat = re.sub(r"\s+", " ", txt)
            got = tot = 0
            for (role, field), lst in marks_by.items():
                if role == "d":
                    continue
                for pr, cn in lst:
                    tot += 1
                    got += pr in flat
            ocr_hit += got
            ocr_tot += tot
            print("ocr %-45s %d/%d printed truth strings read verbatim" % (fn, got, tot))
    for lv, types in per_level.items():
        if len(types) >= 12 and set(types) != set(gen.DOC_TYPES):
            err("level %s misses doc types %s" % (lv, set(gen.DOC_TYPES) - set(types)))
    print("checked %d images, %d marks; %d failures" % (len(rows), nmarks, len(errors)))
    if ocr_tot:
        print("ocr verbatim hit rate %.1f%% (%d/%d)" % (100.0 * ocr_hit / ocr_tot, ocr_hit, ocr_tot))
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
