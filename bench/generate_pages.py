#!/usr/bin/python3
"""Generate synthetic, clearly fictitious medical pages for OCR accuracy tests and benchmarks.

Each page is rendered clean at 300 dpi on US letter, then damaged the way scanners damage
paper (see LEVELS). Beside every image NAME.gt.txt holds exactly the words drawn on the page,
one rendered line per line, in reading order; OUT_DIR/manifest.tsv records level and parameters.
Standard library + Pillow + numpy only. Deterministic for a given --seed.
"""
import argparse, datetime, json, math, os, random, sys, time
from multiprocessing import Pool

import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont, ImageOps

LEVELS = ("clean", "mild", "moderate", "severe", "rotated", "fax")
DOC_TYPES = ("registration", "lab_report", "referral", "insurance_card", "prescription",
             "discharge_summary", "progress_note", "consent", "hipaa_authorization", "claim")
PAGE_W, PAGE_H, DPI = 2550, 3300, 300          # US letter at 300 dpi

# ----------------------------------------------------------------------------- fonts
_F = "/usr/share/fonts/"
FAMILIES = [  # name, class, regular, bold
    ("DejaVuSans", "sans", "truetype/dejavu/DejaVuSans.ttf", "truetype/dejavu/DejaVuSans-Bold.ttf"),
    ("DejaVuSerif", "serif", "truetype/dejavu/DejaVuSerif.ttf", "truetype/dejavu/DejaVuSerif-Bold.ttf"),
    ("DejaVuSansMono", "mono", "truetype/dejavu/DejaVuSansMono.ttf", "truetype/dejavu/DejaVuSansMono-Bold.ttf"),
    ("DejaVuSansCondensed", "sans", "truetype/dejavu/DejaVuSansCondensed.ttf", "truetype/dejavu/DejaVuSansCondensed-Bold.ttf"),
    ("LiberationSans", "sans", "truetype/liberation2/LiberationSans-Regular.ttf", "truetype/liberation2/LiberationSans-Bold.ttf"),
    ("LiberationSerif", "serif", "truetype/liberation2/LiberationSerif-Regular.ttf", "truetype/liberation2/LiberationSerif-Bold.ttf"),
    ("LiberationMono", "mono", "truetype/liberation2/LiberationMono-Regular.ttf", "truetype/liberation2/LiberationMono-Bold.ttf"),
    ("FreeSans", "sans", "truetype/freefont/FreeSans.ttf", "truetype/freefont/FreeSansBold.ttf"),
    ("FreeSerif", "serif", "truetype/freefont/FreeSerif.ttf", "truetype/freefont/FreeSerifBold.ttf"),
    ("FreeMono", "mono", "truetype/freefont/FreeMono.ttf", "truetype/freefont/FreeMonoBold.ttf"),
    ("NimbusSans", "sans", "opentype/urw-base35/NimbusSans-Regular.otf", "opentype/urw-base35/NimbusSans-Bold.otf"),
    ("NimbusSansNarrow", "sans", "opentype/urw-base35/NimbusSansNarrow-Regular.otf", "opentype/urw-base35/NimbusSansNarrow-Bold.otf"),
    ("NimbusRoman", "serif", "opentype/urw-base35/NimbusRoman-Regular.otf", "opentype/urw-base35/NimbusRoman-Bold.otf"),
    ("C059", "serif", "opentype/urw-base35/C059-Roman.otf", "opentype/urw-base35/C059-Bold.otf"),
    ("P052", "serif", "opentype/urw-base35/P052-Roman.otf", "opentype/urw-base35/P052-Bold.otf"),
    ("URWBookman", "serif", "opentype/urw-base35/URWBookman-Light.otf", "opentype/urw-base35/URWBookman-Demi.otf"),
    ("URWGothic", "sans", "opentype/urw-base35/URWGothic-Book.otf", "opentype/urw-base35/URWGothic-Demi.otf"),
    ("NimbusMonoPS", "mono", "opentype/urw-base35/NimbusMonoPS-Regular.otf", "opentype/urw-base35/NimbusMonoPS-Bold.otf"),
]
FAMILIES = [f for f in FAMILIES if os.path.exists(_F + f[2]) and os.path.exists(_F + f[3])]
_font_cache = {}


def font(path, px):
    key = (path, px)
    if key not in _font_cache:
        _font_cache[key] = ImageFont.truetype(_F + path, px, layout_engine=ImageFont.Layout.BASIC)
    return _font_cache[key]

# ----------------------------------------------------------------------------- content
W = str.split
FIRST = W("Avery Brooke Caleb Dana Elliot Farah Gideon Harper Imani Jonah Keira Lucas Marisol Nolan Odette "
          "Preston Quinn Rosalind Silas Tamsin Ulric Vivian Wesley Ximena Yusuf Zelda Beatrice Desmond Esme "
          "Franklin Greta Horace Ingrid Jasper Leona Magnus Nadia Orson Priya Rafael Soren Thea Viktor Winona")
LAST = W("Abernathy Blackwood Castellano Delacroix Eastwick Fairbanks Galloway Hargrove Ingleby Jablonski "
         "Kowalczyk Lindqvist Marchetti Northcott Okonkwo Pemberton Quinlan Ravensworth Sandoval Thistlewood "
         "Underhill Vasquez Whitcombe Yarborough Zielinski O'Hara McAllister Nakamura Oyelaran Petrakis "
         "Rasmussen Szabo Tremblay Vanderlinde Wojcik Achterberg Brandt-Ellis Fenwick")
STREETS = W("Maple Oak Cedar Willow Juniper Harbor Ridge Mill Orchard Lantern Foxglove Kestrel Bramble Quarry Sparrow Linden")
SUFFIX = W("St Ave Rd Blvd Ln Dr Ct Way Pl Street Avenue Road")
CITIES = W("Fairhaven Millbrook Elmstead Brightwater Ashford Kingsbridge Oakvale Riverton Stonefield Westbury "
           "Lakemont Pinecrest Harlow Glenmere Thornbury Wrenfield")
STATES = W("OH PA NY CA TX IL MI GA NC VA WA OR MN WI AZ CO MA NJ")
PAYERS = ["Evergreen Health Plan", "Meridian Mutual Health", "BluePeak Insurance", "Northstar Care Alliance",
          "Harborview Health Partners", "Summit Benefit Company", "Keystone Valley Health"]
PLANS = ["PPO Select", "HMO Plus", "EPO Standard", "Medicare Advantage", "Gold 1500", "Silver HSA", "Choice POS"]
SPECIALTIES = ["Cardiology", "Endocrinology", "Gastroenterology", "Orthopedics", "Pulmonology", "Neurology",
               "Dermatology", "Rheumatology", "Nephrology", "Physical Therapy"]
CLINIC_FORMS = ["{c} Family Medicine", "{l} Internal Medicine Associates", "{c} Regional Medical Center",
                "{c} Community Health Clinic", "{l} and {l2} Primary Care",
                "{c} Specialty Group", "St. {f} Hospital"]
ICD10 = [("E11.9", "Type 2 diabetes mellitus without complications"), ("I10", "Essential (primary) hypertension"),
         ("J45.909", "Unspecified asthma, uncomplicated"), ("E78.5", "Hyperlipidemia, unspecified"),
         ("N39.0", "Urinary tract infection, site not specified"), ("J06.9", "Acute upper respiratory infection"),
         ("K21.9", "Gastro-esophageal reflux disease without esophagitis"), ("F41.1", "Generalized anxiety disorder"),
         ("M54.50", "Low back pain, unspecified"), ("E66.9", "Obesity, unspecified"), ("G43.909", "Migraine, unspecified"),
         ("M17.11", "Unilateral primary osteoarthritis, right knee"), ("R10.9", "Unspecified abdominal pain"),
         ("E03.9", "Hypothyroidism, unspecified"), ("Z00.00", "Encounter for general adult medical examination"),
         ("J18.9", "Pneumonia, unspecified organism"), ("I48.91", "Unspecified atrial fibrillation"),
         ("N18.3", "Chronic kidney disease, stage 3"), ("R07.9", "Chest pain, unspecified")]
CPT = [("99213", "Office visit, established, low complexity", 110), ("99214", "Office visit, established, moderate", 165),
       ("99203", "Office visit, new patient", 140), ("80053", "Comprehensive metabolic panel", 48),
       ("85025", "Complete blood count with differential", 32), ("80061", "Lipid panel", 41),
       ("83036", "Hemoglobin A1c", 28), ("36415", "Routine venipuncture", 12), ("93000", "Electrocardiogram, complete", 62),
       ("71046", "Chest X-ray, 2 views", 95), ("90686", "Influenza vaccine, quadrivalent", 38),
       ("97110", "Therapeutic exercise, each 15 minutes", 45), ("84443", "Thyroid stimulating hormone", 35)]
DRUGS = ["metformin 500 mg", "lisinopril 10 mg", "atorvastatin 20 mg", "amlodipine 5 mg", "albuterol HFA 90 mcg",
         "omeprazole 20 mg", "sertraline 50 mg", "levothyroxine 50 mcg", "amoxicillin 500 mg", "ibuprofen 600 mg",
         "gabapentin 300 mg", "hydrochlorothiazide 25 mg", "losartan 50 mg", "montelukast 10 mg", "prednisone 20 mg",
         "cetirizine 10 mg", "apixaban 5 mg", "furosemide 40 mg"]
FREQ = ["once daily", "twice daily", "every 8 hours as needed", "at bedtime", "every morning", "twice daily with meals"]
SIG = ["Take 1 tablet by mouth {f}", "1 tab PO BID", "1 tab PO QD", "Take one capsule {f}", "2 puffs q4-6h PRN wheezing"]
SYMPTOMS = ["fatigue", "intermittent headaches", "shortness of breath on exertion", "lower back pain", "nasal congestion",
            "epigastric discomfort", "joint stiffness", "increased thirst", "dizziness", "a productive cough",
            "chest tightness", "poor sleep", "swelling of both ankles", "burning with urination"]
SENTENCES = [
    "Patient is a {age}-year-old {sex} presenting with {s1} for the past {n} {unit}.",
    "Reports {s1} that is worse in the {tod} and improves with rest.", "Denies fever, chills, {s2}, or {s3}.",
    "Vital signs: blood pressure {sbp}/{dbp}, pulse {hr}, temperature {temp} F, SpO2 {spo2}%.",
    "Current medications include {d1} and {d2}.", "Lungs are clear to auscultation bilaterally.",
    "Heart has a regular rate and rhythm without murmur.", "Abdomen is soft and nontender with normal bowel sounds.",
    "Findings are consistent with {dx}.", "Continue {d1} {f1} and monitor {mon}.",
    "Start {d2} {f2}; side effects were reviewed with the patient.",
    "Recent labs reviewed: hemoglobin A1c {a1c}%, LDL {ldl} mg/dL, creatinine {cr} mg/dL.",
    "Follow up in {n2} weeks, or sooner if symptoms worsen.", "Patient verbalized understanding and agrees with the plan.",
    "Counseled on diet, regular exercise and smoking cessation.", "No known drug allergies.",
    "Allergic to {allergen}, which causes a rash.", "Weight today is {wt} lb, down {n} lb since the last visit.",
    "Home glucose readings range from {g1} to {g2} mg/dL.", "There is mild tenderness over the {site} without swelling.",
    "Return precautions were discussed in detail.", "Will obtain {test} before the next appointment.",
    "The patient lives with {rel} and is independent in daily activities.", "Pain is rated {n}/10 and described as {pain}.",
    "Symptoms began after {event} and have been {course} since then.", "Medication adherence is {adh} per the patient.",
    "Extremities show no edema, cyanosis or clubbing.", "Neurologic exam is nonfocal; gait is steady.",
    "Skin is warm and dry without rash.", "Discussed risks and benefits of {d2} versus observation.",
    "A1c goal of less than 7 percent was reviewed.", "Daily blood pressure log requested for the next {n2} weeks.",
    "Referral placed to {spec} for further evaluation.", "Tolerating a regular diet without nausea or vomiting.",
    "Ambulating independently and cleared by physical therapy.", "Influenza and pneumococcal vaccines are up to date.",
    "Discharged home in stable condition with family.", "Instructed to keep the incision clean and dry."]
CONSENT = [
    "I consent to examination and treatment by the providers and staff of {clinic}.",
    "I understand that no guarantee has been made as to the results of any treatment or examination.",
    "I authorize {clinic} to release information needed to process claims to {payer}.",
    "I assign to the provider all insurance benefits otherwise payable to me for services rendered.",
    "I understand that I am financially responsible for any amount not covered by my insurance.",
    "This authorization expires on {exp} unless I revoke it earlier in writing.",
    "I may revoke this authorization at any time by sending written notice to the records office.",
    "Information disclosed under this authorization may be redisclosed by the recipient and no longer protected.",
    "My treatment, payment, enrollment or eligibility for benefits will not depend on signing this form.",
    "A photocopy of this form is as valid as the original."]
LABS = {"Comprehensive Metabolic Panel": ("80053", [("Glucose", "mg/dL", 70, 99, 0), ("BUN", "mg/dL", 7, 20, 0),
            ("Creatinine", "mg/dL", 0.6, 1.3, 2), ("Sodium", "mmol/L", 136, 145, 0), ("Potassium", "mmol/L", 3.5, 5.1, 1),
            ("Chloride", "mmol/L", 98, 107, 0), ("CO2", "mmol/L", 22, 29, 0), ("Calcium", "mg/dL", 8.6, 10.3, 1),
            ("Albumin", "g/dL", 3.5, 5.0, 1), ("Bilirubin, Total", "mg/dL", 0.1, 1.2, 1),
            ("Alkaline Phosphatase", "U/L", 44, 147, 0), ("AST", "U/L", 10, 40, 0), ("ALT", "U/L", 7, 56, 0)]),
        "Complete Blood Count": ("85025", [("WBC", "K/uL", 4.0, 11.0, 1), ("RBC", "M/uL", 4.2, 5.9, 2),
            ("Hemoglobin", "g/dL", 12.0, 17.5, 1), ("Hematocrit", "%", 36, 51, 1), ("MCV", "fL", 80, 100, 0),
            ("Platelets", "K/uL", 150, 400, 0), ("Neutrophils", "%", 40, 70, 0), ("Lymphocytes", "%", 20, 40, 0)]),
        "Lipid Panel": ("80061", [("Total Cholesterol", "mg/dL", 125, 200, 0), ("Triglycerides", "mg/dL", 40, 150, 0),
            ("HDL Cholesterol", "mg/dL", 40, 90, 0), ("LDL Cholesterol", "mg/dL", 50, 100, 0)]),
        "Hemoglobin A1c": ("83036", [("Hemoglobin A1c", "%", 4.0, 5.6, 1), ("Est. Average Glucose", "mg/dL", 68, 114, 0)]),
        "Thyroid Panel": ("84443", [("TSH", "uIU/mL", 0.45, 4.5, 2), ("Free T4", "ng/dL", 0.8, 1.8, 2)])}
MONTHS = W("January February March April May June July August September October November December")
LABELS = {  # wording variants of field labels
    "name": ["Patient Name", "Name", "Patient", "Full Name"], "dob": ["Date of Birth", "DOB", "Birth Date", "D.O.B."],
    "mrn": ["MRN", "Medical Record #", "Med Rec No.", "Chart #", "Patient ID"], "member": ["Member ID", "Subscriber ID", "ID #", "Member Number"],
    "group": ["Group Number", "Group #", "Group No.", "GRP"], "phone": ["Phone", "Telephone", "Home Phone", "Cell Phone"],
    "address": ["Address", "Street Address", "Home Address"], "dos": ["Date of Service", "Service Date", "Visit Date", "DOS"],
    "provider": ["Provider", "Attending Physician", "Ordering Provider", "Physician"], "sex": ["Sex", "Gender"]}


def luhn_check_digit(digits):
    """Check digit that makes digits+check pass the Luhn test."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        v = int(ch) * (2 if i % 2 == 0 else 1)
        total += v - 9 if v > 9 else v
    return str((10 - total % 10) % 10)


def make_npi(rng):
    base = str(rng.choice((1, 2))) + "".join(str(rng.randrange(10)) for _ in range(8))
    return base + luhn_check_digit("80840" + base)


class Ctx:
    """One page's fictitious world: patient, provider, clinic and formatting habits."""

    def __init__(self, rng):
        self.rng = r = rng
        self.first, self.last, self.mi = r.choice(FIRST), r.choice(LAST), r.choice("ABCDEFGHJKLMNPRSTW")
        self.sex = r.choice(["female", "male"])
        self.dob = datetime.date(r.randint(1931, 2019), r.randint(1, 12), r.randint(1, 28))
        self.dos = datetime.date(r.randint(2019, 2025), r.randint(1, 12), r.randint(1, 28))
        self.age = self.dos.year - self.dob.year
        self.mrn = str(r.randint(10 ** (r.randint(5, 8)), 10 ** 9 - 1))
        self.member = r.choice(["", "X", "W", "ZGP", "MBR"]) + "".join(str(r.randrange(10)) for _ in range(r.randint(8, 11)))
        self.group = r.choice(["", "GRP", "G"]) + str(r.randint(1000, 9999999))
        self.payer, self.plan = r.choice(PAYERS), r.choice(PLANS)
        self.doc = (r.choice(FIRST), r.choice(LAST), r.choice(["MD", "DO", "NP", "PA-C", "MD"]))
        self.npi = make_npi(r)
        self.clinic = self.org()
        self.date_style, self.lf = r.randrange(6), r.random() < 0.5
        self.codes = r.sample(ICD10, r.randint(1, 4))
        self.used = set()  # sentences already on this page

    def org(self):
        r = self.rng
        return r.choice(CLINIC_FORMS).format(c=r.choice(CITIES), l=r.choice(LAST), l2=r.choice(LAST), f=r.choice(FIRST))

    def date(self, d, style=None):
        s, m = self.date_style if style is None else style, MONTHS[d.month - 1]
        return [f"{d.month:02d}/{d.day:02d}/{d.year}", f"{d.month}/{d.day}/{d.year}", f"{d.month:02d}-{d.day:02d}-{d.year}",
                f"{m[:3]} {d.day}, {d.year}", f"{m} {d.day}, {d.year}", f"{d.month:02d}/{d.day:02d}/{d.year % 100:02d}"][s]

    def dob_text(self):  # DOBs get their own format now and then
        return self.date(self.dob, self.rng.randrange(6) if self.rng.random() < 0.3 else None)

    def name(self, lf=None):
        lf = self.lf if lf is None else lf
        mi = f" {self.mi}." if self.rng.random() < 0.3 else ""
        return f"{self.last}, {self.first}{mi}" if lf else f"{self.first}{mi} {self.last}"

    def provider(self, title=True):
        f, l, cred = self.doc
        return f"Dr. {f} {l}" if not title else f"{f} {l}, {cred}"

    def later(self, days):
        return self.dos + datetime.timedelta(days=days)

    def phone(self):
        r = self.rng
        return r.choice(["({a}) 555-01{n:02d}", "{a}-555-01{n:02d}", "{a}.555.01{n:02d}"]).format(a=r.randint(201, 989), n=r.randint(0, 99))

    def address(self):
        r = self.rng
        apt = f" Apt {r.randint(1, 40)}" if r.random() < 0.25 else ""
        return (f"{r.randint(12, 9899)} {r.choice(STREETS)} {r.choice(SUFFIX)}{apt}",
                f"{r.choice(CITIES)}, {r.choice(STATES)} {r.randint(10000, 99899):05d}")

    def label(self, key):
        return self.rng.choice(LABELS[key])

    def text(self, n, bank=SENTENCES):
        r = self.rng
        dx = r.choice(self.codes)[1].lower()
        vals = dict(age=self.age, sex=self.sex, s1=r.choice(SYMPTOMS), s2=r.choice(SYMPTOMS), s3=r.choice(SYMPTOMS),
                    n=r.randint(2, 12), unit=r.choice(["days", "weeks", "months"]), tod=r.choice(["morning", "evening"]),
                    sbp=r.randint(104, 168), dbp=r.randint(62, 98), hr=r.randint(56, 104), temp=f"{r.uniform(97.0, 100.4):.1f}",
                    spo2=r.randint(92, 100), d1=r.choice(DRUGS), d2=r.choice(DRUGS), f1=r.choice(FREQ), f2=r.choice(FREQ),
                    dx=dx, mon=r.choice(["blood pressure", "glucose", "renal function", "symptoms"]), a1c=f"{r.uniform(5.2, 9.8):.1f}",
                    ldl=r.randint(60, 190), cr=f"{r.uniform(0.6, 1.8):.2f}", n2=r.choice([2, 3, 4, 6, 8, 12]), wt=r.randint(98, 290),
                    allergen=r.choice(["penicillin", "sulfa drugs", "codeine", "latex"]), g1=r.randint(90, 130),
                    g2=r.randint(140, 260), site=r.choice(["lumbar spine", "right knee", "left shoulder", "right wrist"]),
                    test=r.choice(["a lipid panel", "a chest X-ray", "an echocardiogram", "a urine culture", "a TSH level"]),
                    rel=r.choice(["a spouse", "a daughter", "roommates", "no one"]), pain=r.choice(["dull", "sharp", "aching", "burning"]),
                    event=r.choice(["a fall", "a recent viral illness", "lifting boxes", "starting a new job"]),
                    course=r.choice(["stable", "gradually worse", "slowly improving"]), adh=r.choice(["good", "fair", "inconsistent"]),
                    spec=r.choice(SPECIALTIES).lower(), clinic=self.clinic, payer=self.payer, exp=self.date(self.later(r.randint(90, 400))))
        fresh = [s for s in bank if s not in self.used]
        picked = r.sample(fresh, min(n, len(fresh)))
        self.used.update(picked)
        return " ".join(s.format(**vals) for s in picked)


# Blocks are dicts: k = letterhead|title|section|fields|para|table|checks|sign|lines|card.
def B(k, **kw):
    return dict(k=k, **kw)


def letterhead(c, name=None):
    a1, a2 = c.address()
    addr = [f"{a1}, {a2}"] if c.rng.random() < 0.5 else [a1, a2]
    tel = c.rng.choice(["Phone {}   Fax {}", "Tel: {}  Fax: {}", "P {}  F {}"]).format(c.phone(), c.phone())
    return B("letterhead", name=name or c.clinic, lines=addr + [tel])


def patient_fields(c, extra=()):
    f = [(c.label("name"), c.name()), (c.label("dob"), c.dob_text()), (c.label("mrn"), c.mrn)]
    if c.rng.random() < 0.5:
        f.append((c.label("sex"), c.sex.capitalize()))
    return f + list(extra)


def lab_table(c, panel):
    r, (cpt, tests) = c.rng, LABS[panel]
    rows = []
    for name, unit, lo, hi, dec in tests:
        v = r.uniform(lo, hi) if r.random() < 0.75 else r.uniform(lo * 0.6, hi * 1.4)
        flag = "H" if v > hi else "L" if v < lo else ""
        fmt = f"{{:.{dec}f}}"
        rows.append([name, fmt.format(v), flag, unit, f"{fmt.format(lo)}-{fmt.format(hi)}"])
    return [B("section", text=f"{panel} (CPT {cpt})" if r.random() < 0.6 else panel),
            B("table", head=["Test", "Result", "Flag", "Units", r.choice(["Reference Range", "Ref. Range", "Normal"])], rows=rows)]


def doc_registration(c):
    r, (a1, a2) = c.rng, c.address()
    title = r.choice(["Patient Registration Form", "New Patient Intake", "Patient Information Sheet", "Demographics Form"])
    return [letterhead(c), B("title", text=title), B("section", text="Patient Information"),
            B("fields", items=[("Last Name", c.last), ("First Name", c.first), (c.label("dob"), c.dob_text()),
                               (c.label("sex"), c.sex.capitalize()), (c.label("mrn"), c.mrn), (c.label("address"), a1),
                               ("City, State, ZIP", a2), (c.label("phone"), c.phone()),
                               ("Email", f"{c.first.lower()}.{c.last.lower()[:4]}@example.com")]),
            B("section", text=r.choice(["Insurance", "Insurance Information", "Primary Insurance"])),
            B("fields", items=[("Insurance Company", c.payer), ("Plan", c.plan), (c.label("member"), c.member),
                               (c.label("group"), c.group), ("Policy Holder", c.name(False)), ("Relationship", "Self")]),
            B("section", text="Emergency Contact"),
            B("fields", items=[("Name", f"{r.choice(FIRST)} {c.last}"), ("Relationship", r.choice(["Spouse", "Parent", "Sibling", "Friend"])),
                               ("Phone", c.phone())]),
            B("checks", prompt="Preferred contact method:", opts=["Phone", "Email", "Text", "Mail"]),
            B("para", text=c.text(2, CONSENT)), B("sign", items=[("Patient Signature", None), ("Date", c.date(c.dos))])]


def doc_lab_report(c):
    r = c.rng
    lab = c.rng.choice(["{} Clinical Laboratories", "{} Diagnostic Lab", "{} Reference Laboratory"]).format(c.rng.choice(CITIES))
    b = [letterhead(c, lab), B("title", text=r.choice(["Laboratory Report", "Clinical Laboratory Results", "Final Report", "Lab Results"])),
         B("fields", items=patient_fields(c, [(c.label("provider"), c.provider()), ("NPI", c.npi),
                                              ("Collected", c.date(c.dos)), ("Reported", c.date(c.later(r.randint(1, 3)))),
                                              ("Accession #", f"{r.choice('ABCDEFGH')}{r.randint(10**7, 10**8 - 1)}")]))]
    for panel in r.sample(list(LABS), r.randint(1, 3)):
        b += lab_table(c, panel)
    b.append(B("lines", lines=["Diagnosis: " + ", ".join(code for code, _ in c.codes)]))
    return b + [B("para", text=r.choice(["Comments: ", "Note: "]) + c.text(2))]


def doc_referral(c):
    r, spec = c.rng, c.rng.choice(SPECIALTIES)
    to_l = r.choice(LAST)
    a1, a2 = c.address()
    return [letterhead(c), B("lines", lines=[c.date(c.dos)]),
            B("lines", lines=[f"Dr. {r.choice(FIRST)} {to_l}", f"{spec}, {c.org()}", a1, a2]),
            B("title", text=r.choice(["Referral Letter", "Request for Consultation", "Specialist Referral"])),
            B("fields", items=patient_fields(c, [("Insurance", c.payer), (c.label("member"), c.member),
                                                 ("Diagnosis", ", ".join(code for code, _ in c.codes))])),
            B("lines", lines=[f"Dear Dr. {to_l},"]),
            B("para", text=f"I am referring {c.name(False)} to your {spec.lower()} practice. " + c.text(r.randint(4, 8))),
            B("para", text=c.text(r.randint(2, 4))),
            B("lines", lines=[r.choice(["Sincerely,", "Thank you,", "Kind regards,"]), c.provider(), f"NPI {c.npi}"])]


def doc_insurance_card(c):
    r = c.rng
    card = [c.payer, c.plan, f"Member: {c.name(False).upper() if r.random() < 0.5 else c.name(False)}",
            f"{c.label('member')}: {c.member}", f"{c.label('group')}: {c.group}",
            f"RxBIN {r.randint(100000, 999999)}  RxPCN {r.choice(['ADV', 'RXA', 'MEDD'])}{r.randint(10, 99)}",
            f"PCP Copay ${r.choice([10, 15, 20, 25, 30])}  Specialist ${r.choice([35, 40, 50, 60])}",
            f"Effective {c.date(datetime.date(c.dos.year, 1, 1))}", f"Member Services {c.phone()}"]
    b = []
    if r.random() < 0.7:
        b.append(B("title", text=r.choice(["Copy of Insurance Card", "Insurance Card - Front", "Scanned Insurance Card"])))
        b.append(B("fields", items=[(c.label("name"), c.name()), (c.label("dob"), c.dob_text()), ("Scanned", c.date(c.dos))]))
    scale = r.uniform(1.3, 2.1)
    b.append(B("card", lines=card, scale=scale, bar=r.random() < 0.7))
    if r.random() < 0.5:  # the back of the card
        b.append(B("card", scale=scale, bar=False, lines=[
            r.choice(["Important Information", "Member Information", "Back of Card"]),
            f"Members call {c.phone()}", f"Providers call {c.phone()}", f"Send claims to {c.payer}",
            f"PO Box {r.randint(100, 99999)}, {r.choice(CITIES)}, {r.choice(STATES)} {r.randint(10000, 99899)}",
            "This card does not guarantee coverage.", f"Payer ID {r.randint(10000, 99999)}"]))
    return b


def doc_prescription(c):
    r, (a1, a2) = c.rng, c.address()
    b = [letterhead(c, c.provider()), B("lines", lines=[c.clinic, f"NPI: {c.npi}"]),
         B("fields", items=[(c.label("name"), c.name()), (c.label("dob"), c.dob_text()), (c.label("address"), f"{a1}, {a2}"),
                            ("Date", c.date(c.dos))]), B("title", text="Rx")]
    for d in r.sample(DRUGS, r.randint(1, 3)):
        qty = r.choice([30, 60, 90, 14, 20])
        b.append(B("lines", lines=[d + " " + r.choice(["tablet", "capsule", "tablets", ""]),
                                   "Sig: " + r.choice(SIG).format(f=r.choice(FREQ)), f"Disp: #{qty}   Refills: {r.randint(0, 5)}"]))
    return b + [B("checks", prompt="", opts=["Substitution permitted", "Dispense as written"]),
                B("sign", items=[("Prescriber Signature", None), ("NPI", c.npi)])]


def doc_discharge_summary(c):
    r = c.rng
    adm = c.admitted = c.dos - datetime.timedelta(days=r.randint(1, 9))
    meds = [[d.split()[0].capitalize(), " ".join(d.split()[1:]), r.choice(FREQ)] for d in r.sample(DRUGS, r.randint(2, 5))]
    return [letterhead(c), B("title", text=r.choice(["Discharge Summary", "Hospital Discharge Summary", "DISCHARGE SUMMARY"])),
            B("fields", items=patient_fields(c, [("Admission Date", c.date(adm)), ("Discharge Date", c.date(c.dos)),
                                                 (c.label("provider"), c.provider()), ("NPI", c.npi)])),
            B("section", text=r.choice(["Discharge Diagnoses", "Diagnoses"])),
            B("lines", lines=[f"{i + 1}. {desc} ({code})" for i, (code, desc) in enumerate(c.codes)]),
            B("section", text="Hospital Course"), B("para", text=c.text(r.randint(4, 7))),
            B("section", text="Procedures"),
            B("lines", lines=[f"CPT {code} {desc}" for code, desc, _ in r.sample(CPT, r.randint(1, 3))]),
            B("section", text="Discharge Medications"), B("table", head=["Medication", "Dose", "Frequency"], rows=meds),
            B("section", text="Follow-up"), B("para", text=c.text(2))]


def doc_progress_note(c):
    r = c.rng
    soap = r.random() < 0.5
    heads = ["Subjective", "Objective", "Assessment", "Plan"] if soap else ["Chief Complaint", "History of Present Illness", "Examination", "Assessment and Plan"]
    b = [letterhead(c), B("title", text=r.choice(["Progress Note", "Office Visit Note", "Clinic Note", "Follow-up Visit"])),
         B("fields", items=patient_fields(c, [(c.label("dos"), c.date(c.dos)), (c.label("provider"), c.provider())]))]
    for h in heads:
        b.append(B("section", text=h.upper() if r.random() < 0.3 else h))
        if h.startswith("Assessment"):
            b.append(B("lines", lines=[f"{j + 1}. {desc} - {code}" for j, (code, desc) in enumerate(c.codes)]))
        else:
            b.append(B("para", text=c.text(r.randint(3, 7))))
    if not soap:
        b.append(B("para", text=c.text(r.randint(2, 4))))
    cpts = r.sample(CPT, r.randint(1, 3))
    return b + [B("lines", lines=["CPT: " + ", ".join(x[0] for x in cpts), f"Electronically signed by {c.provider()} on {c.date(c.dos)}"])]


def doc_consent(c, hipaa=False):
    r = c.rng
    if hipaa:
        title = r.choice(["Authorization for Release of Protected Health Information", "HIPAA Authorization Form",
                          "Authorization to Disclose Health Information"])
        mid = [B("fields", items=[("Release from", c.clinic), ("Release to", c.org()), ("Purpose", r.choice(
                   ["Continuity of care", "Insurance claim", "Personal use", "Legal review"]))]),
               B("checks", prompt="Information to be released:", opts=["Entire record", "Lab results", "Radiology reports",
                                                                       "Medication list", "Discharge summaries", "Progress notes"])]
    else:
        title = r.choice(["Consent to Treatment", "General Consent for Care", "Consent for Medical Treatment"])
        mid = []
    return [letterhead(c), B("title", text=title), B("fields", items=patient_fields(c))] + mid + \
        [B("para", text=c.text(r.randint(3, 5), CONSENT)), B("para", text=c.text(r.randint(2, 3), CONSENT)),
         B("sign", items=[("Signature of Patient or Representative", None), ("Date", c.date(c.dos))]),
         B("sign", items=[("Printed Name", c.name(False)), ("Witness", None)])]


def doc_claim(c):
    r, (a1, a2) = c.rng, c.address()
    rows, total = [], 0
    for code, _, fee in r.sample(CPT, r.randint(2, 5)):
        total += fee
        rows.append([c.date(c.dos, 0), "11", code, r.choice(["", "25", "59"]), "A", f"{fee:.2f}", "1", c.npi])
    dx = "   ".join(f"{'ABCD'[i]}. {code}" for i, (code, _) in enumerate(c.codes))
    return [B("title", text=r.choice(["HEALTH INSURANCE CLAIM FORM", "Health Insurance Claim Form", "Professional Claim"])),
            B("lines", lines=[f"{c.payer}   PO Box {r.randint(100, 9999)}, {r.choice(CITIES)}, {r.choice(STATES)} {r.randint(10000, 99899)}"]),
            B("fields", style="boxes", items=[("1a. Insured's ID Number", c.member), ("2. Patient's Name", c.name(True)),
                                              ("3. Birth Date", c.date(c.dob, 0)), ("Sex", c.sex[0].upper()),
                                              ("5. Patient's Address", a1), ("City, State, ZIP", a2), ("Telephone", c.phone()),
                                              ("11. Insured's Group Number", c.group), ("Insurance Plan Name", c.plan)]),
            B("lines", lines=["21. Diagnosis or Nature of Illness or Injury", dx]),
            B("table", head=["24A. DOS", "POS", "CPT", "Mod", "Ptr", "Charges", "Units", "NPI"], rows=rows),
            B("fields", style="boxes", items=[("25. Federal Tax ID", f"{r.randint(10, 99)}-{r.randint(1000000, 9999999)}"),
                                              ("26. Patient Account No.", c.mrn), ("28. Total Charge", f"${total:.2f}")]),
            B("fields", style="boxes", items=[("33. Billing Provider", c.clinic), ("33a. NPI", c.npi), ("Phone", c.phone())])]


BUILDERS = dict(registration=doc_registration, lab_report=doc_lab_report, referral=doc_referral,
                insurance_card=doc_insurance_card, prescription=doc_prescription, discharge_summary=doc_discharge_summary,
                progress_note=doc_progress_note, consent=doc_consent, hipaa_authorization=lambda c: doc_consent(c, True),
                claim=doc_claim)

# ----------------------------------------------------------------------------- field truth
# Which drawn labels a person reads as which DESIGN.md field. "optional" values are on the page under a
# label that is reasonably, but not clearly, that field (a claim's patient account number, a lab's collection
# date): an extractor may report them or not.
_TRUTH_LABELS = {
    "patient_name": set(LABELS["name"]) | {"2. Patient's Name", "Printed Name"},
    "dob": set(LABELS["dob"]) | {"3. Birth Date"}, "mrn": set(LABELS["mrn"]),
    "member_id": set(LABELS["member"]) | {"1a. Insured's ID Number"},
    "group_number": set(LABELS["group"]) | {"11. Insured's Group Number"},
    "npi": {"NPI", "33a. NPI"}, "service_date": set(LABELS["dos"]) | {"24A. DOS"}}
_OPTIONAL_LABELS = {"mrn": {"26. Patient Account No."},
                    "service_date": {"Collected", "Admission Date", "Discharge Date", "Date", "Scanned"}}
_CPT_CODES = {x[0] for x in CPT} | {v[0] for v in LABS.values()}


def field_truth(c, drawn):
    """The fields a reader finds on the page from what was drawn: {"fields": {...}, "optional": {...}}, and
    "patient": the page's whole (fictitious) patient, drawn or not, for building a registry."""
    import re
    full = f"{c.first} {c.last}"
    fields, optional, lists = {}, {}, {"npi": [], "icd10": [], "cpt": []}

    def is_patient(v):
        words = [w.strip(",.").lower() for w in v.split()]
        return c.first.lower() in words and c.last.lower() in words

    def put(name, v, into=fields):
        if name in lists:
            if v not in lists[name]:
                lists[name].append(v)
        elif into is optional and name in optional and v not in optional[name]:
            optional[name].append(v)  # a stay's admission and discharge dates
        else:
            into.setdefault(name, [v] if into is optional else v)

    def icd(text):
        for code, _ in c.codes:
            if re.search(r"(?<![\w.])" + re.escape(code) + r"(?![\w.]\w)", text):
                put("icd10", code)

    def cpt(text):
        for code in re.findall(r"(?<!\d)\d{5}(?!\d)", text):
            if code in _CPT_CODES:
                put("cpt", code)

    def value_of(name, v):
        if name == "patient_name":
            return full if is_patient(v) else None
        if name == "dob":
            return c.dob.isoformat()
        if name == "service_date":
            for day in (c.dos, getattr(c, "admitted", None)):
                if day and v in (c.date(day), c.date(day, 0)):
                    return day.isoformat()
            return None
        return v

    labels = {}
    for kind, label, v in drawn:
        if kind in ("field", "table") and label:
            labels.setdefault(label, v)
            for name, keys in _TRUTH_LABELS.items():
                if label in keys and value_of(name, v):
                    put(name, value_of(name, v))
            for name, keys in _OPTIONAL_LABELS.items():
                if label in keys and value_of(name, v):
                    put(name, value_of(name, v), optional)
            if label == "Diagnosis":
                icd(v)
            if label == "CPT":
                cpt(v)
        elif kind == "card":
            k, _, v2 = v.partition(": ")
            if k == "Member" and is_patient(v2):
                put("patient_name", full)
            elif k in _TRUTH_LABELS["member_id"]:
                put("member_id", v2)
            elif k in _TRUTH_LABELS["group_number"]:
                put("group_number", v2)
        elif kind in ("line", "section"):
            if re.match(r"NPI:? \d{10}$", v):
                put("npi", v.split()[-1])
            if re.search(r"\bCPT\b", v):
                cpt(v)
            icd(v)
    if labels.get("Last Name") == c.last and labels.get("First Name") == c.first:
        put("patient_name", full)
    for name, v in lists.items():
        if v:
            fields[name] = v
    for name in list(optional):
        if name in fields:
            del optional[name]
        elif len(optional[name]) == 1:
            optional[name] = optional[name][0]
    patient = {"first_name": c.first, "last_name": c.last, "dob": c.dob.isoformat(), "mrn": c.mrn, "member_id": c.member}
    return {"fields": fields, "optional": optional, "patient": patient}

# ----------------------------------------------------------------------------- layout / render


class PageFull(Exception):
    pass


class Page:
    """Draws blocks top to bottom inside the margins; records every drawn line of words in self.gt."""

    def __init__(self, rng, family, px):
        self.rng, r = rng, rng
        self.img = Image.new("L", (PAGE_W, PAGE_H), 255)
        self.d = ImageDraw.Draw(self.img)
        self.fam, self.px = family, px
        self.x0, self.x1 = r.randint(150, 300), PAGE_W - r.randint(150, 300)
        self.y, self.bottom = r.randint(150, 300), PAGE_H - r.randint(150, 300)
        self.spacing = r.uniform(1.15, 1.6)
        self.ink = r.randint(0, 35)
        self.style = dict(fields=r.choice(["colon", "colon", "tab", "boxes"]), cols=r.choice([1, 2, 2, 3]),
                          bold_labels=r.random() < 0.5, section=r.choice(["plain", "rule", "bar", "upper"]),
                          title=r.choice("lcr"), table=r.choice(["grid", "rules", "zebra"]), head=r.choice("lcr"))
        self.gt = []
        self.drawn = []  # (kind, label, text) of every drawn cell, for the field truth

    def f(self, scale=1.0, bold=False):
        return font(self.fam[3] if bold else self.fam[2], max(24, int(round(self.px * scale))))

    def lh(self, fnt):
        return int(fnt.size * self.spacing)

    def need(self, h):
        if self.y + h > self.bottom:
            raise PageFull

    def row(self, cells, fnt=None, advance=True):
        """cells: [(x, text, font)] on one baseline. One ground-truth line."""
        fnt = fnt or cells[0][2]
        h = self.lh(fnt)
        self.need(h)
        base = self.y + fnt.getmetrics()[0]
        words = []
        for x, text, cf in sorted(cells, key=lambda c: c[0]):
            if not text.strip():
                continue
            assert x >= 0 and x + cf.getlength(text) <= PAGE_W - 20, text
            self.d.text((x, base), text, font=cf, fill=self.ink, anchor="ls")
            words.append(text.strip())
        if words:
            self.gt.append(" ".join(" ".join(words).split()))
        if advance:
            self.y += h
        return base

    def wrap(self, text, fnt, width):
        lines, cur = [], ""
        for w in text.split():
            t = f"{cur} {w}".strip()
            if cur and fnt.getlength(t) > width:
                lines.append(cur)
                t = w
            cur = t
        return lines + ([cur] if cur else [])

    def aligned_x(self, text, fnt, how):
        w = fnt.getlength(text)
        return {"l": self.x0, "c": (self.x0 + self.x1 - w) / 2, "r": self.x1 - w}[how]

    def gap(self, k=0.5):
        self.y += int(self.px * k * self.rng.uniform(0.6, 1.4))

    # --- blocks
    def letterhead(self, b):
        how, big = self.style["head"], self.f(self.rng.uniform(1.3, 1.8), True)
        if self.rng.random() < 0.4:  # a logo-like mark, not text
            s, x = big.size, self.x0 if how != "l" else self.x1 - big.size
            self.d.ellipse([x, self.y, x + s, self.y + s], outline=self.ink, width=6)
        self.row([(self.aligned_x(b["name"], big, how), b["name"], big)])
        sm = self.f(0.85)
        for line in b["lines"]:
            self.row([(self.aligned_x(line, sm, how), line, sm)])
        if self.rng.random() < 0.6:
            self.d.line([self.x0, self.y + 10, self.x1, self.y + 10], fill=self.ink, width=4)
        self.gap(1.2)

    def title(self, b):
        fnt = self.f(self.rng.uniform(1.3, 2.0), True)
        text = b["text"].upper() if self.rng.random() < 0.3 else b["text"]
        lines = self.wrap(text, fnt, self.x1 - self.x0)
        for line in lines:
            self.row([(self.aligned_x(line, fnt, self.style["title"]), line, fnt)])
        self.gap(0.8)

    def section(self, b):
        st, fnt = self.style["section"], self.f(1.1, True)
        text = b["text"].upper() if st == "upper" else b["text"]
        self.need(self.lh(fnt) * 2)
        if st == "bar":
            self.d.rectangle([self.x0, self.y - 6, self.x1, self.y + self.lh(fnt)], fill=215)
        self.row([(self.x0 + (12 if st == "bar" else 0), text, fnt)])
        self.drawn.append(("section", None, text))
        if st == "rule":
            self.d.line([self.x0, self.y, self.x1, self.y], fill=self.ink, width=3)
        self.gap(0.4)

    def fields(self, b):
        items, style = b["items"], b.get("style", self.style["fields"])
        reg, lab = self.f(), self.f(1.0, self.style["bold_labels"])
        width, gapx = self.x1 - self.x0, self.px * 1.5
        for cols in range(self.style["cols"] if style != "boxes" else max(2, self.style["cols"]), 0, -1):
            colw = (width - gapx * (cols - 1)) / cols
            if style == "boxes":
                ok = all(reg.getlength(v) <= colw - 30 and self.f(0.75).getlength(k) <= colw - 30 for k, v in items)
            else:
                labw = max(lab.getlength(k + ": ") for k, _ in items) if style == "tab" else 0
                ok = all(max(labw, lab.getlength(k + ": ")) + reg.getlength(v) <= colw for k, v in items)
            if ok or cols == 1:
                break
        if style == "boxes":
            return self.boxes(items, cols, colw + gapx, reg)
        for i in range(0, len(items), cols):
            cells = []
            for j, (k, v) in enumerate(items[i:i + cols]):
                x = self.x0 + j * (colw + gapx)
                vx = x + (labw if style == "tab" else lab.getlength(k + ": "))
                if vx + reg.getlength(v) > self.x1:  # only possible with one column: wrap the value
                    v = self.wrap(v, reg, self.x1 - vx)[0]
                cells += [(x, k + ":", lab), (vx, v, reg)]
            self.row(cells, reg)
            self.drawn += [("field", k[:-1], v) for (_, k, _), (_, v, _) in zip(cells[0::2], cells[1::2])]
        self.gap(0.6)

    def boxes(self, items, cols, pitch, reg):
        small = self.f(0.75)
        h = self.lh(small) + self.lh(reg) + 24
        for i in range(0, len(items), cols):
            self.need(h + 10)
            top = self.y
            for j in range(len(items[i:i + cols])):
                x = self.x0 + j * pitch
                self.d.rectangle([x, top, min(x + pitch - 10, self.x1), top + h], outline=self.ink, width=3)
            self.y = top + 8
            self.row([(self.x0 + j * pitch + 15, k, small) for j, (k, _) in enumerate(items[i:i + cols])])
            self.row([(self.x0 + j * pitch + 15, v, reg) for j, (_, v) in enumerate(items[i:i + cols])])
            self.drawn += [("field", k, v) for k, v in items[i:i + cols]]
            self.y = top + h
        self.gap(0.8)

    def para(self, b):
        fnt = self.f()
        for line in self.wrap(b["text"], fnt, self.x1 - self.x0):
            self.row([(self.x0, line, fnt)])
            self.drawn.append(("para", None, line))
        self.gap(0.7)

    def lines(self, b):
        fnt = self.f()
        for text in b["lines"]:
            for line in self.wrap(text, fnt, self.x1 - self.x0):
                self.row([(self.x0, line, fnt)])
                self.drawn.append(("line", None, line))
        self.gap(0.7)

    def table(self, b):
        head, rows, scale = b["head"], b["rows"], 1.0
        while True:
            reg, bold = self.f(scale), self.f(scale, True)
            pad = reg.size * 0.8
            widths = [max([bold.getlength(head[i])] + [reg.getlength(r[i]) for r in rows]) + pad for i in range(len(head))]
            if sum(widths) <= self.x1 - self.x0 or scale < 0.7:
                break
            scale -= 0.05
        xs = [self.x0 + sum(widths[:i]) for i in range(len(head))]
        right = min(self.x1, xs[-1] + widths[-1])
        st, lh = self.style["table"], self.lh(reg)
        self.need(lh * 2)
        top = self.y
        if st == "grid":
            self.d.line([self.x0, top - lh * 0.1, right, top - lh * 0.1], fill=self.ink, width=2)
        self.row([(x + pad / 3, t, bold) for x, t in zip(xs, head)], bold)
        self.drawn += [("table", None, t) for t in head]
        self.d.line([self.x0, self.y - lh * 0.15, right, self.y - lh * 0.15], fill=self.ink, width=3)
        for i, r in enumerate(rows):
            self.need(lh)
            if st == "zebra" and i % 2 == 0:
                self.d.rectangle([self.x0, self.y - lh * 0.1, right, self.y + lh * 0.9], fill=232)
            self.row([(x + pad / 3, t, reg) for x, t in zip(xs, r)], reg)
            self.drawn += [("table", h, t) for h, t in zip(head, r)]
            if st == "grid":
                self.d.line([self.x0, self.y - lh * 0.1, right, self.y - lh * 0.1], fill=self.ink, width=2)
        if st == "grid":
            for x in xs + [right]:
                self.d.line([x, top - lh * 0.1, x, self.y - lh * 0.1], fill=self.ink, width=2)
        self.gap(0.8)

    def checks(self, b):
        fnt, s = self.f(), int(self.px * 0.7)
        if b["prompt"]:
            self.row([(self.x0, b["prompt"], fnt)])
        cells, x = [], self.x0
        for i, opt in enumerate(b["opts"]):
            w = s + 20 + fnt.getlength(opt) + self.px * 1.5
            if x + w > self.x1 and cells:
                self.row(cells)
                cells, x = [], self.x0
            cells.append((x + s + 20, opt, fnt))
            top = self.y + fnt.getmetrics()[0] - s
            self.d.rectangle([x, top, x + s, top + s], outline=self.ink, width=3)
            if self.rng.random() < 0.35:
                self.d.line([x + 6, top + s // 2, x + s // 2, top + s - 6, x + s + 8, top - 10], fill=self.ink, width=5)
            x += w
        self.row(cells)
        self.gap(0.7)

    def sign(self, b):
        fnt, small = self.f(), self.f(0.8)
        self.need(self.lh(fnt) * 3 + self.lh(small))
        self.y += self.lh(fnt)  # room for a signature
        pitch = (self.x1 - self.x0) / len(b["items"])
        base = self.row([(self.x0 + i * pitch, v or "", fnt) for i, (_, v) in enumerate(b["items"])], fnt)
        for i, (label, value) in enumerate(b["items"]):
            x = self.x0 + i * pitch
            self.d.line([x, base + 15, x + pitch * 0.85, base + 15], fill=self.ink, width=3)
            if value is None and self.rng.random() < 0.6:  # a scribble, not text
                pts = [(x + 40 + k * pitch * 0.05, base - 20 - self.rng.randint(0, int(self.px * 1.2))) for k in range(10)]
                self.d.line(pts, fill=self.ink, width=4, joint="curve")
        self.y += 20
        self.row([(self.x0 + i * pitch, label, small) for i, (label, _) in enumerate(b["items"])], small)
        self.drawn += [("field", label, value) for label, value in b["items"] if value]
        self.gap(1.0)

    def card(self, b):
        scale = b["scale"]
        cw, ch = int(1012 * scale), int(637 * scale)
        cw = min(cw, self.x1 - self.x0)
        lines = b["lines"]
        px = min(self.px * 1.3, (0.85 * ch - 80) / (self.spacing * (len(lines) + 0.4)))  # fill the card ...
        while True:  # ... but shrink the type until every line fits
            head, body = self.f(px * 1.3 / self.px, True), self.f(px / self.px)
            h = self.lh(head) + self.lh(body) * (len(lines) - 1) + 80
            if max(body.getlength(t) for t in lines[1:]) <= cw - 100 and head.getlength(lines[0]) <= cw - 100 or px < 28:
                break
            px *= 0.93
        ch = max(h, int(cw * 0.55))
        self.need(ch + 20)
        x = self.x0 + (self.x1 - self.x0 - cw) * self.rng.choice([0, 0.5])
        top = self.y
        self.d.rounded_rectangle([x, top, x + cw, top + ch], radius=40, outline=self.ink, width=5)
        if b["bar"]:
            self.d.rounded_rectangle([x + 3, top + 3, x + cw - 3, top + self.lh(head) + 40], radius=38, fill=200)
            self.d.rectangle([x + 3, top + 40, x + cw - 3, top + self.lh(head) + 40], fill=200)
        self.y = top + 30
        self.row([(x + 50, lines[0], head)])
        for t in lines[1:]:
            self.row([(x + 50, t, body)])
            self.drawn.append(("card", None, t))
        self.y = top + ch + 60

    def footer(self, text):
        fnt = self.f(0.75)
        self.y = self.bottom + 30
        self.bottom += self.lh(fnt) + 60
        self.row([(self.aligned_x(text, fnt, self.rng.choice("lcr")), text, fnt)])


def render(doc_type, rng):
    """Clean 300 dpi page. Returns (image, gt_lines, font_name, notes, field_truth)."""
    fam = rng.choice(FAMILIES)
    px = int(round(rng.uniform(9, 14) * DPI / 72))
    ctx = Ctx(rng)
    blocks = BUILDERS[doc_type](ctx)
    page = Page(rng, fam, px)
    foot = None
    if rng.random() < 0.5:
        foot = rng.choice([f"Page 1 of {rng.randint(1, 3)}", f"Form {rng.choice(['REG', 'MR', 'HIM', 'CL'])}-{rng.randint(100, 999)} Rev. {rng.randint(1, 12):02d}/{rng.randint(2015, 2024)}",
                           "Confidential patient information", f"Printed {ctx.date(ctx.later(rng.randint(0, 30)))}"])
        page.bottom -= int(px * 1.6)
    try:
        for b in blocks:
            getattr(page, b["k"])(b)
    except PageFull:
        pass
    if foot:
        page.footer(foot)
    s = page.style
    notes = f"size={px * 72 / DPI:.1f}pt spacing={page.spacing:.2f} fields={s['fields']} cols={s['cols']} table={s['table']}"
    return page.img, page.gt, fam[0], notes, field_truth(ctx, page.drawn)

# ----------------------------------------------------------------------------- damage


def resample(img, dx, dy=None):
    w, h = img.size
    return img.resize((round(w * dx / DPI), round(h * (dy or dx) / DPI)), Image.Resampling.BILINEAR)


def turn(img, rotation, skew):
    """Rotate clockwise by rotation (0/90/180/270), then by skew degrees counter-clockwise with white fill.
    The result is the page-sized window around the centre, widened where needed so no ink is cut off."""
    if rotation:
        img = img.transpose({90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180,
                             270: Image.Transpose.ROTATE_90}[rotation])
    if not skew:
        return img
    w, h = img.size
    ink = ImageOps.invert(img).getbbox() or (0, 0, w, h)
    big = img.rotate(skew, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=255)
    bw, bh = big.size
    c, s = math.cos(math.radians(skew)), math.sin(math.radians(skew))
    pts = [(bw / 2 + (x - w / 2) * c + (y - h / 2) * s, bh / 2 - (x - w / 2) * s + (y - h / 2) * c)
           for x in ink[0::2] for y in ink[1::2]]
    m, cx, cy = w // 80, (bw - w) // 2, (bh - h) // 2
    x0, x1 = min(cx, math.floor(min(p[0] for p in pts) - m)), max(cx + w, math.ceil(max(p[0] for p in pts) + m))
    y0, y1 = min(cy, math.floor(min(p[1] for p in pts) - m)), max(cy + h, math.ceil(max(p[1] for p in pts) + m))
    return big.crop((max(0, x0), max(0, y0), min(bw, x1), min(bh, y1)))


def blur(img, sigma):
    """Gaussian blur as a 3x3 or 5x5 convolution (much faster than GaussianBlur at these sizes)."""
    n = 3 if sigma <= 0.6 else 5
    k = [math.exp(-(i - n // 2) ** 2 / (2 * sigma * sigma)) for i in range(n)]
    kk = [a * b for a in k for b in k]
    return img.filter(ImageFilter.Kernel((n, n), kk, sum(kk)))


_BANK = {}


def noise_image(size, sigma, r):
    """Gaussian noise centred on 128, cut from a fixed per-process bank (cheap and deterministic)."""
    sigma = max(1, round(sigma))
    if not _BANK:
        z = np.random.default_rng(20240601).standard_normal(PAGE_W * PAGE_H + 2 ** 20, dtype=np.float32)
        _BANK[0] = z
    if sigma not in _BANK:
        _BANK[sigma] = np.clip(_BANK[0] * sigma + 128.5, 0, 255).astype(np.uint8)
    w, h = size
    off = r.randrange(len(_BANK[0]) - w * h)
    return Image.frombuffer("L", size, _BANK[sigma][off:off + w * h], "raw", "L", 0, 1)


def paper(img, r, base=255, grad=0.0, noise=0.0, ink=0):
    """White becomes paper of tone base (lit unevenly by +-grad), black becomes ink; then additive noise."""
    img = img.point([round(ink + (255 - ink) * v / 255) for v in range(256)])
    if base < 255 or grad:
        corners = np.clip([[base + grad * r.uniform(-1, 1) for _ in range(3)] for _ in range(3)], 0, 255)
        light = Image.fromarray(corners.astype(np.uint8), "L").resize(img.size, Image.Resampling.BILINEAR)
        img = ImageChops.multiply(img, light)
    if noise:
        img = ImageChops.add(img, noise_image(img.size, noise, r), 1.0, -128)
    return img


def speckle(img, r, density):
    """Salt-and-pepper dots (2x2 pixels) at the given density."""
    a = np.array(img)
    h, w = a.shape
    n = int(density * h * w / 4)
    ys, xs = np.array([r.randrange(h - 1) for _ in range(n)]), np.array([r.randrange(w - 1) for _ in range(n)])
    for k, v in ((slice(0, n // 2), 25), (slice(n // 2, n), 255)):
        for dy in (0, 1):
            for dx in (0, 1):
                a[ys[k] + dy, xs[k] + dx] = v
    return Image.fromarray(a, "L")


def border(img, r, edge):
    """Dark scanner-lid strip added outside the paper on one edge (so it never covers text)."""
    sw, (w, h) = r.randint(8, 45), img.size
    side = edge in ("left", "right")
    out = Image.new("L", (w + sw, h) if side else (w, h + sw), r.randint(10, 70))
    out.paste(img, {"left": (sw, 0), "top": (0, sw)}.get(edge, (0, 0)))
    return out


def damage(img, level, r):
    """Apply one named damage level. Returns (image, params, extension, save options)."""
    p = dict(rotation=0, skew=0.0, dpi=(300, 300), notes=[])
    if level == "clean":
        return img, p, "png", {"compress_level": 3}
    if level == "fax":
        p["skew"], p["dpi"] = round(r.uniform(-1.5, 1.5), 2), (204, 98)
        img = turn(resample(img, 204), 0, p["skew"])
        img = img.resize((img.width, round(img.height * 98 / 204)), Image.Resampling.BILINEAR)
        noise, thr = r.uniform(8, 30), r.randint(110, 160)
        p["notes"] += [f"noise={noise:.1f}", f"threshold={thr}"]
        img = paper(img, r, r.randint(235, 255), 0, noise).point(lambda v: 255 if v > thr else 0, "1")
        return img, p, "tif", {"compression": "group4"}
    if level == "mild":
        p["skew"], noise = round(r.uniform(-2, 2), 2), r.uniform(3, 8)
        p["notes"] += ["blur=0.5", f"noise={noise:.0f}"]
        img = paper(blur(turn(img, 0, p["skew"]), 0.5), r, 255, 0, noise)
        return img, p, "png", {"compress_level": 1, "compress_type": 2}
    if level == "moderate":
        p["skew"], p["dpi"] = round(r.uniform(-6, 6), 2), (200, 200)
        base, grad, noise, q = r.randint(190, 230), r.uniform(8, 25), r.uniform(4, 10), r.randint(35, 55)
        p["notes"] += ["blur=0.8", f"paper={base}", f"gradient={grad:.0f}", f"noise={noise:.0f}", f"jpeg_q={q}"]
        img = paper(blur(turn(resample(img, 200), 0, p["skew"]), 0.8), r, base, grad, noise, ink=r.randint(10, 50))
        if r.random() < 0.5:  # yellowish paper, saved as a colour JPEG
            tint = (1.0, r.uniform(0.95, 0.99), r.uniform(0.78, 0.9))
            img = Image.merge("RGB", [img.point([int(v * t) for v in range(256)]) for t in tint])
            p["notes"].append("color=yellowish")
        return img, p, "jpg", {"quality": q}
    if level == "severe":
        p["skew"], p["dpi"] = round(r.uniform(-15, 15), 2), (150, 150)
        base, noise, q, dens = r.randint(200, 240), r.uniform(6, 14), r.randint(30, 45), r.uniform(0.001, 0.006)
        img = blur(turn(resample(img, 150), 0, p["skew"]), 1.0)
        img = speckle(paper(img, r, base, r.uniform(0, 20), noise, ink=r.randint(20, 60)), r, dens)
        edges = r.sample(["left", "right", "top", "bottom"], r.randint(1, 2))
        for e in edges:
            img = border(img, r, e)
        p["notes"] += ["blur=1.0", f"paper={base}", f"noise={noise:.0f}", f"speckle={dens:.4f}", f"jpeg_q={q}",
                       "borders=" + "+".join(edges)]
        return img, p, "jpg", {"quality": q}
    if level == "rotated":
        p["rotation"], p["skew"], p["dpi"] = r.choice([90, 180, 270]), round(r.uniform(-3, 3), 2), (200, 200)
        sigma, noise = round(r.uniform(0.4, 0.9), 2), r.uniform(2, 6)
        img = paper(blur(turn(resample(img, 200), p["rotation"], p["skew"]), sigma), r, r.randint(225, 255), 0, noise)
        p["notes"] += [f"blur={sigma}", f"noise={noise:.0f}"]
        if r.random() < 0.5:
            q = r.randint(55, 85)
            p["notes"].append(f"jpeg_q={q}")
            return img, p, "jpg", {"quality": q}
        return img, p, "png", {"compress_level": 3}
    raise ValueError(level)

# ----------------------------------------------------------------------------- output


def make_page(job):
    """One page: render, damage, write image + ground truth. Returns the manifest row."""
    out_dir, seed, level, index, doc_type = job
    r = random.Random(f"{seed}:{level}:{index}")
    img, gt, font_name, notes, truth = render(doc_type, r)
    out, p, ext, save = damage(img, level, r)
    stem = f"{level}_{index:04d}_{doc_type}"
    out.save(os.path.join(out_dir, f"{stem}.{ext}"), dpi=p["dpi"], **save)
    with open(os.path.join(out_dir, stem + ".gt.txt"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(gt) + "\n")
    with open(os.path.join(out_dir, stem + ".fields.json"), "w", encoding="utf-8") as fh:
        json.dump(dict(doc_type=doc_type, **truth), fh, indent=1, sort_keys=True)
        fh.write("\n")
    dpi = str(p["dpi"][0]) if p["dpi"][0] == p["dpi"][1] else "x".join(map(str, p["dpi"]))
    return [f"{stem}.{ext}", level, doc_type, font_name, dpi, str(p["rotation"]), f"{p['skew']:.2f}",
            " ".join([notes] + p["notes"])]


def parse_list(text, allowed, what):
    items = [x.strip() for x in text.split(",") if x.strip()]
    bad = [x for x in items if x not in allowed]
    if bad or not items:
        raise SystemExit(f"generate_pages: unknown {what}: {','.join(bad) or text!r} (choose from {','.join(allowed)})")
    return items


def main(argv=None):
    ap = argparse.ArgumentParser(description="Generate synthetic, fictitious medical test pages with exact ground truth, "
                                 "damaged like scans: " + ", ".join(LEVELS) + ".")
    ap.add_argument("out_dir", metavar="OUT_DIR", help="output folder (created; manifest.tsv is overwritten)")
    ap.add_argument("--count", type=int, default=10, help="pages per level (default 10)")
    ap.add_argument("--seed", type=int, default=1, help="random seed; same seed, same pages (default 1)")
    ap.add_argument("--levels", default=",".join(LEVELS), help="comma-separated damage levels (default all)")
    ap.add_argument("--types", default=",".join(DOC_TYPES), help="comma-separated document types (default all): " + ",".join(DOC_TYPES))
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes (default: CPU count)")
    a = ap.parse_args(argv)
    levels, types = parse_list(a.levels, LEVELS, "level"), parse_list(a.types, DOC_TYPES, "type")
    if len(FAMILIES) < 6:
        raise SystemExit(f"generate_pages: only {len(FAMILIES)} font families found under {_F}; install the Debian font packages")
    os.makedirs(a.out_dir, exist_ok=True)
    jobs = [(a.out_dir, a.seed, lv, i, types[(i + LEVELS.index(lv)) % len(types)]) for lv in levels for i in range(a.count)]
    t0 = time.time()
    if a.jobs > 1 and len(jobs) > 1:
        with Pool(a.jobs) as pool:
            rows = pool.map(make_page, jobs, chunksize=1)
    else:
        rows = [make_page(j) for j in jobs]
    with open(os.path.join(a.out_dir, "manifest.tsv"), "w", encoding="utf-8") as fh:
        fh.write("file\tlevel\tdoc_type\tfont\tdpi\trotation\tskew_deg\tnotes\n")
        fh.writelines("\t".join(r) + "\n" for r in rows)
    dt = time.time() - t0
    print(f"{len(rows)} pages in {a.out_dir} ({dt:.1f} s, {dt / max(1, len(rows)):.2f} s/page wall, {a.jobs} jobs)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
