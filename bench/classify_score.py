#!/usr/bin/python3
"""Scores intake's classification of generated pages against their field truth.

Used by bench/classify (see bench/README.md). Standard library only.

Inputs: the page folder of bench/generate_pages.py (images, NAME.fields.json,
manifest.tsv) and the folder of `intake export --all --format json`.
Per damage level: document-type accuracy of the non-abstained (abstained =
review reason low_type_confidence), abstention rate, per-field precision /
recall / F1, and with a registry the filing outcome (filed, needs_review,
filed to the wrong patient, share of matchable documents filed).

Also `make-registry`: a registry CSV (mrn,last_name,first_name,dob,member_id)
from the pages' patients plus look-alikes that a loose matcher would confuse.
"""

import argparse
import csv
import hashlib
import json
import os
import random
import sys

FIELDS = ("patient_name", "dob", "mrn", "member_id", "group_number", "npi",
          "icd10", "cpt", "service_date")
LISTS = ("npi", "icd10", "cpt")
IMAGE_EXT = (".png", ".jpg", ".jpeg", ".tif", ".tiff")


# ----------------------------------------------------------------------------- pages

def load_pages(page_dir):
    """[{file, path, level, truth}] for every image with a NAME.fields.json, manifest order."""
    levels = {}
    manifest = os.path.join(page_dir, "manifest.tsv")
    order = []
    if os.path.exists(manifest):
        with open(manifest, encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                levels[row["file"]] = row["level"]
                order.append(row["file"])
    names = order or sorted(n for n in os.listdir(page_dir) if n.lower().endswith(IMAGE_EXT))
    pages = []
    for name in names:
        stem = os.path.splitext(name)[0]
        tpath = os.path.join(page_dir, stem + ".fields.json")
        if not os.path.exists(tpath) or not os.path.exists(os.path.join(page_dir, name)):
            continue
        with open(tpath, encoding="utf-8") as fh:
            truth = json.load(fh)
        pages.append(dict(file=name, path=os.path.join(page_dir, name),
                          level=levels.get(name, name.split("_")[0]), truth=truth))
    return pages


def load_export(export_dir):
    """Exported documents keyed by source file name and by sha256."""
    by_file, by_sha = {}, {}
    for name in os.listdir(export_dir):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(export_dir, name), encoding="utf-8") as fh:
            doc = json.load(fh)
        src = doc.get("source", {})
        by_file[os.path.basename(src.get("file", ""))] = doc
        by_sha[src.get("sha256", "")] = doc
    return by_file, by_sha


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# ----------------------------------------------------------------------------- scoring

def norm(name, v):
    if v is None:
        return None
    v = " ".join(str(v).split())
    return v.casefold() if name == "patient_name" else v.upper()


class Counts:
    def __init__(self):
        self.tp = self.fp = self.fn = 0

    def add(self, other):
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    def prf(self):
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else None
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else None
        f = 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)
        return p, r, f


def score_field(name, truth, optional, pred):
    """Counts and a list of error strings for one field of one page."""
    c, errors = Counts(), []
    if name in LISTS:
        t = {norm(name, x) for x in (truth or [])}
        o = {norm(name, x) for x in (optional or [])} if isinstance(optional, list) else set()
        p = {norm(name, x) for x in (pred or [])}
        c.tp, c.fp, c.fn = len(p & t), len(p - t - o), len(t - p)
        if p - t - o:
            errors.append(f"{name}: extra {sorted(p - t - o)}")
        if t - p:
            errors.append(f"{name}: missed {sorted(t - p)}")
        return c, errors
    # A scalar's optional values: one, or a list (a stay's admission and
    # discharge dates, either of which is its service date).
    t, p = norm(name, truth), norm(name, pred)
    o = {norm(name, x) for x in (optional if isinstance(optional, list) else [optional])}
    if p is not None and p == t:
        c.tp = 1
    elif p is not None and p in o:
        pass
    else:
        if p is not None:
            c.fp = 1
        if t is not None:
            c.fn = 1
        if p is not None or t is not None:
            errors.append(f"{name}: got {pred!r} want {truth!r}")
    return c, errors


def pred_fields(doc):
    out = {}
    for name, f in (doc.get("fields") or {}).items():
        out[name] = f.get("value") if isinstance(f, dict) else f
    return out


def matchable(truth, in_registry):
    """True when the page's patient is in the registry and the page shows two identifiers that file it."""
    f = truth["fields"]
    has = {k for k in ("patient_name", "dob", "mrn", "member_id") if k in f}
    pairs = ({"mrn", "patient_name"}, {"mrn", "dob"}, {"patient_name", "dob"}, {"patient_name", "member_id"})
    return in_registry and any(p <= has for p in pairs)


def score(pages, by_file, by_sha, registry_mrns=None):
    """Per level (and "all") results, plus per-page error lines."""
    levels = {}
    details = []
    for pg in pages:
        doc = by_file.get(pg["file"]) or by_sha.get(sha256(pg["path"]))
        for key in (pg["level"], "all"):
            lv = levels.setdefault(key, dict(pages=0, missing=0, abstained=0, kept=0, correct=0,
                                             fields={n: Counts() for n in FIELDS}, confusions={},
                                             filed=0, review=0, wrong=0, matchable=0, matchable_filed=0))
            lv["pages"] += 1
        truth = pg["truth"]
        if doc is None:
            for key in (pg["level"], "all"):
                levels[key]["missing"] += 1
            details.append(f"{pg['file']}: not in the export")
            continue
        reasons = doc.get("review_reasons") or []
        abstained = "low_type_confidence" in reasons
        got_type = (doc.get("doc_type") or {}).get("value")
        pred = pred_fields(doc)
        errs = []
        per_field = {}
        for n in FIELDS:
            per_field[n], e = score_field(n, truth["fields"].get(n), truth.get("optional", {}).get(n), pred.get(n))
            errs += e
        if not abstained and got_type != truth["doc_type"]:
            errs.insert(0, f"type: got {got_type} want {truth['doc_type']}")
        wrong_patient = False
        status = doc.get("status")
        if registry_mrns is not None:
            want = truth.get("patient", {}).get("mrn")
            got = (doc.get("patient") or {}).get("mrn")
            wrong_patient = status == "filed" and got != want
            if wrong_patient:
                errs.insert(0, f"WRONG PATIENT: filed to mrn {got}, page is mrn {want}")
        for key in (pg["level"], "all"):
            lv = levels[key]
            if abstained:
                lv["abstained"] += 1
            else:
                lv["kept"] += 1
                lv["correct"] += got_type == truth["doc_type"]
                if got_type != truth["doc_type"]:
                    k = f"{truth['doc_type']}->{got_type}"
                    lv["confusions"][k] = lv["confusions"].get(k, 0) + 1
            for n in FIELDS:
                lv["fields"][n].add(per_field[n])
            if registry_mrns is not None:
                is_matchable = matchable(truth, truth.get("patient", {}).get("mrn") in registry_mrns)
                lv["filed"] += status == "filed"
                lv["review"] += status == "needs_review"
                lv["wrong"] += wrong_patient
                lv["matchable"] += is_matchable
                lv["matchable_filed"] += is_matchable and status == "filed" and not wrong_patient
        if errs:
            details.append(f"{pg['file']}: " + "; ".join(errs) + (f"  [reasons: {', '.join(reasons)}]" if reasons else ""))
    return levels, details


def fmt(x, digits=2):
    return "-" if x is None else f"{x:.{digits}f}"


def report(levels, registry, out=sys.stdout):
    order = [k for k in levels if k != "all"] + ["all"]
    short = {"patient_name": "name", "member_id": "member", "group_number": "group", "service_date": "dos"}
    head = ["level", "pages", "type_acc", "abstain"] + [short.get(n, n) for n in FIELDS]
    if registry:
        head += ["filed", "review", "wrong_pt", "auto/matchable"]
    print("| " + " | ".join(head) + " |", file=out)
    print("|" + "---|" * len(head), file=out)
    for k in order:
        lv = levels[k]
        acc = lv["correct"] / lv["kept"] if lv["kept"] else None
        row = [k, str(lv["pages"]), fmt(acc), fmt(lv["abstained"] / lv["pages"] if lv["pages"] else None)]
        row += [fmt(lv["fields"][n].prf()[2]) for n in FIELDS]
        if registry:
            m = lv["matchable"]
            row += [str(lv["filed"]), str(lv["review"]), str(lv["wrong"]),
                    f"{lv['matchable_filed']}/{m}" + (f" ({lv['matchable_filed'] / m:.2f})" if m else "")]
        print("| " + " | ".join(row) + " |", file=out)
    a = levels["all"]
    print("\nper field, all levels (precision / recall / F1, tp fp fn):", file=out)
    for n in FIELDS:
        c = a["fields"][n]
        p, r, f = c.prf()
        print(f"  {n:13s} P {fmt(p)}  R {fmt(r)}  F1 {fmt(f)}   ({c.tp} {c.fp} {c.fn})", file=out)
    if a["confusions"]:
        print("type confusions (truth->got): " + ", ".join(f"{k} x{v}" for k, v in sorted(a["confusions"].items())), file=out)
    if a["missing"]:
        print(f"pages not in the export: {a['missing']}", file=out)


def to_json(levels):
    out = {}
    for k, lv in levels.items():
        d = {x: lv[x] for x in ("pages", "missing", "abstained", "kept", "correct", "filed", "review", "wrong",
                                "matchable", "matchable_filed", "confusions")}
        d["fields"] = {n: dict(zip(("precision", "recall", "f1"), c.prf()), tp=c.tp, fp=c.fp, fn=c.fn)
                       for n, c in lv["fields"].items()}
        out[k] = d
    return out


# ----------------------------------------------------------------------------- registry

def one_letter_off(name, rng):
    """A plausible different name one letter away (a vowel swapped, else a letter doubled)."""
    vowels = "aeiou"
    idx = [i for i, ch in enumerate(name) if ch in vowels and i > 0]
    if idx:
        i = rng.choice(idx)
        return name[:i] + rng.choice([v for v in vowels if v != name[i]]) + name[i + 1:]
    i = rng.randrange(1, len(name))
    return name[:i] + name[i] + name[i:]


def transpose(mrn, rng):
    """The MRN with two adjacent, different digits swapped (None when all digits are equal)."""
    spots = [i for i in range(len(mrn) - 1) if mrn[i] != mrn[i + 1]]
    if not spots:
        return None
    i = rng.choice(spots)
    return mrn[:i] + mrn[i + 1] + mrn[i] + mrn[i + 2:]


def make_registry(pages, out_path, seed=1, leave_out=0.1):
    """Writes the registry CSV. Each page's patient is in it (except a `leave_out` share, whose look-alikes
    stay), with four look-alikes: same last name and DOB with another first name, same name with another
    DOB, a first name one letter off (same last name and DOB), and an MRN with two digits transposed.
    Returns the set of MRNs of the pages' patients that are in it."""
    rng = random.Random(seed)
    rows, used, kept = [], set(), set()
    firsts = sorted({p["truth"]["patient"]["first_name"] for p in pages})

    def new_mrn():
        while True:
            m = str(rng.randint(10 ** 7, 10 ** 9 - 1))
            if m not in used:
                used.add(m)
                return m

    def member():
        return rng.choice(["", "X", "W", "MBR"]) + "".join(str(rng.randrange(10)) for _ in range(9))

    def other_dob(dob):
        # Another year, the same day (a 29 February the 28th: the years
        # within three of a leap year have none).
        y, m, d = map(int, dob.split("-"))
        y += rng.choice([-3, -2, -1, 1, 2, 3])
        if m == 2 and d == 29:
            d = 28
        return f"{y:04d}-{m:02d}-{d:02d}"

    patients = {}
    for p in pages:
        pt = p["truth"]["patient"]
        patients.setdefault(pt["mrn"], pt)
        used.add(pt["mrn"])
    left_out = set(rng.sample(sorted(patients), round(len(patients) * leave_out)))
    for mrn, pt in sorted(patients.items()):
        first, last, dob = pt["first_name"], pt["last_name"], pt["dob"]
        if mrn not in left_out:
            rows.append([mrn, last, first, dob, pt["member_id"]])
            kept.add(mrn)
        other_first = rng.choice([f for f in firsts if f != first] or [first + "a"])
        rows.append([new_mrn(), last, other_first, dob, member()])
        rows.append([new_mrn(), last, first, other_dob(dob), member()])
        rows.append([new_mrn(), last, one_letter_off(first, rng), dob, member()])
        t = transpose(mrn, rng)
        if t and t not in used:
            used.add(t)
            rows.append([t, rng.choice(LASTS_OTHER), rng.choice(firsts), other_dob(dob), member()])
    rng.shuffle(rows)
    with open(out_path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["mrn", "last_name", "first_name", "dob", "member_id"])
        w.writerows(rows)
    return kept


LASTS_OTHER = ["Ashworth", "Bellamy", "Corcoran", "Dunmore", "Everly", "Fairweather", "Gallagher", "Holloway"]


def registry_mrns(path):
    with open(path, encoding="utf-8") as fh:
        return {row["mrn"] for row in csv.DictReader(fh)}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("score", help="score an export against the pages' truth")
    s.add_argument("pages")
    s.add_argument("export")
    s.add_argument("--registry", help="the registry CSV that was imported (enables the matching columns)")
    s.add_argument("--json", help="write the numbers here")
    s.add_argument("--errors", action="store_true", help="list every page's errors")
    r = sub.add_parser("make-registry", help="write a registry CSV with look-alikes for a page folder")
    r.add_argument("pages")
    r.add_argument("out")
    r.add_argument("--seed", type=int, default=1)
    r.add_argument("--leave-out", type=float, default=0.1, help="share of page patients left out (default 0.1)")
    a = ap.parse_args(argv)
    pages = load_pages(a.pages)
    if not pages:
        raise SystemExit(f"classify_score: no images with NAME.fields.json in {a.pages}")
    if a.cmd == "make-registry":
        if any("patient" not in p["truth"] for p in pages):
            raise SystemExit("classify_score: fields.json without \"patient\"; regenerate the pages")
        kept = make_registry(pages, a.out, a.seed, a.leave_out)
        print(f"{a.out}: {len(kept)} of the pages' patients, with look-alikes", file=sys.stderr)
        return 0
    by_file, by_sha = load_export(a.export)
    mrns = registry_mrns(a.registry) if a.registry else None
    levels, details = score(pages, by_file, by_sha, mrns)
    report(levels, mrns is not None)
    if a.errors:
        print("\nerrors:")
        for d in details:
            print("  " + d)
    if a.json:
        with open(a.json, "w", encoding="utf-8") as fh:
            json.dump(dict(levels=to_json(levels), errors=details), fh, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
