#!/usr/bin/python3
"""Labelled text examples of every document type, for training the type model.

Writes JSON lines: {"type": "lab_report", "pages": ["page 1 text", ...]}.
Everything is made up: patients, providers, numbers, organisations.
Standard library only; the same --seed gives the same examples.

Variety: several title wordings per type (some kept back for --holdout),
letterheads, section headings in varying order, boilerplate sentences, tables,
synthetic names/dates/identifiers, documents without a title, and OCR-like
noise (character confusions, split and merged words, dropped lines, a page
rotated and read as garbage). "other" covers letters, memos, invoices,
brochures, generic forms, minutes, fax covers, book and magazine text.

  make_examples.py --count 120 --seed 1 > train.jsonl
  make_examples.py --count 40 --seed 7 --holdout > heldout.jsonl
"""
import argparse
import json
import random
import sys

S = str.split
FIRST = S("Marta Joel Renata Owen Lucia Tobias Ines Hector Maeve Dmitri Aisha Bruno Colette Dev Elena Felix "
          "Gwen Hiro Ilse Jamal Katya Lionel Mina Nico Oona Pavel Rhea Samir Tess Umar Vera Wade Yara Zane "
          "Amara Boris Cleo Darius Edith Fabian")
LAST = S("Albright Bergstrom Cordova Dunmore Eckhart Ferraro Goldwyn Halvorsen Iwasaki Jovanovic Kessler "
         "Lombardi Mbeki Novak Osei Pellegrino Quintero Rosenthal Salazar Takahashi Ulrich Valdez Weatherby "
         "Xu Yilmaz Zamora Acheson Brightman Castillo Delgado Engstrom Fitzgerald")
TOWNS = S("Cedar Falls|Northgate|Bayside|Red Hill|Ferndale|Clearwater|Ashbury|Wolcott|Brookhaven|Sunnyvale|"
          "Marlow|Eastport|Granville|Hollis|Larchmont".replace(" ", "_").replace("|", " "))
TOWNS = [t.replace("_", " ") for t in TOWNS]
STATES = S("OH PA NY CA TX IL MI GA NC VA WA OR MN WI AZ CO MA NJ FL KY")
STREETS = S("Elm Pine Birch Spruce Chestnut Poplar Aspen Hawthorn Magnolia Sycamore Walnut Laurel")
SUF = S("St Ave Rd Blvd Lane Drive Court Way")
MONTHS = S("January February March April May June July August September October November December")


class Ctx:
    def __init__(self, r):
        self.r = r
        self.first, self.last = r.choice(FIRST), r.choice(LAST)
        self.dr = f"{r.choice(FIRST)} {r.choice(LAST)}, {r.choice(['MD', 'DO', 'NP', 'PA-C'])}"
        self.town = r.choice(TOWNS)
        self.datefmt = r.randrange(5)

    def date(self, past=True):
        r = self.r
        y, m, d = r.randint(1935, 2018) if past else r.randint(2019, 2025), r.randint(1, 12), r.randint(1, 28)
        return [f"{m:02d}/{d:02d}/{y}", f"{m}/{d}/{y}", f"{y}-{m:02d}-{d:02d}", f"{MONTHS[m - 1][:3]} {d}, {y}",
                f"{MONTHS[m - 1]} {d}, {y}"][self.datefmt]

    def dos(self):
        return self.date(past=False)

    def name(self):
        return self.r.choice([f"{self.first} {self.last}", f"{self.last.upper()}, {self.first.upper()}",
                              f"{self.last}, {self.first}"])

    def num(self, n):
        return "".join(str(self.r.randrange(10)) for _ in range(n))

    def member(self):
        return self.r.choice(["", "K", "WQ", "MBR", "H"]) + self.num(self.r.randint(8, 11))

    def phone(self):
        return f"({self.r.randint(201, 989)}) 555-{self.num(4)}"

    def address(self):
        r = self.r
        return f"{r.randint(10, 9999)} {r.choice(STREETS)} {r.choice(SUF)}, {self.town}, {r.choice(STATES)} {self.num(5)}"

    def org(self, kind="clinic"):
        r = self.r
        forms = {"clinic": ["{t} Family Practice", "{l} Medical Group", "{t} Health Center", "{t} Community Hospital",
                            "{l} & {l2} Physicians", "{t} Internal Medicine", "Saint {f} Medical Center"],
                 "lab": ["{t} Pathology Services", "{l} Clinical Lab", "{t} Diagnostic Laboratories", "Regional Lab of {t}"],
                 "imaging": ["{t} Imaging Associates", "{l} Radiology Group", "{t} Diagnostic Imaging Center"],
                 "payer": ["Harborline Health Plan", "Crestmark Mutual", "Unity Shield Insurance", "Tri-County Health Plan",
                           "Pinnacle Care Insurance", "Lakeshore Benefit Services"],
                 "company": ["{l} Industries", "{t} Hardware Supply", "{l} & Sons Builders", "{t} Printing Co.",
                             "{l} Consulting Group", "{t} Public Library", "{l} Logistics Inc.", "{t} Garden Center"]}
        return r.choice(forms[kind]).format(t=self.town, l=r.choice(LAST), l2=r.choice(LAST), f=r.choice(FIRST))

    def money(self, lo=5, hi=900):
        return f"${self.r.uniform(lo, hi):,.2f}"


def para(c, bank, lo, hi):
    r = c.r
    picked = r.sample(bank, min(len(bank), r.randint(lo, hi)))
    return " ".join(s.format(n=r.randint(2, 14), p=c.first, dr=c.dr, t=c.town, m=c.money(), d=c.dos()) for s in picked)


def wrap(text, width):
    out, line = [], ""
    for w in text.split():
        if line and len(line) + 1 + len(w) > width:
            out.append(line)
            line = w
        else:
            line = (line + " " + w).strip()
    if line:
        out.append(line)
    return out


def fields(c, pairs, per_line=None):
    r = c.r
    per_line = per_line or r.choice([1, 2, 3])
    lines = []
    for i in range(0, len(pairs), per_line):
        sep = r.choice(["   ", "    ", "  "])
        lines.append(sep.join(f"{k}{r.choice([':', ':', '', ' -'])} {v}" for k, v in pairs[i:i + per_line]))
    return lines


def patient_pairs(c, extra=()):
    r = c.r
    p = [(r.choice(["Patient Name", "Patient", "Name", "Pt Name"]), c.name()),
         (r.choice(["DOB", "Date of Birth", "Birth Date", "D.O.B."]), c.date())]
    if r.random() < 0.7:
        p.append((r.choice(["MRN", "Medical Record #", "Chart No", "Account #"]), c.num(r.randint(6, 9))))
    if r.random() < 0.4:
        p.append((r.choice(["Sex", "Gender"]), r.choice(["F", "M", "Female", "Male"])))
    return p + list(extra)


# ---------------------------------------------------------------------------------------- medical types
# Each type: titles (the last entries are held out for --holdout), and a body builder.
T = {}


def typ(name, titles, holdout):
    def deco(fn):
        T[name] = (titles, holdout, fn)
        return fn
    return deco


REG_SENT = ["I certify that the information above is true and complete to the best of my knowledge.",
            "Please notify the front desk of any change of address or insurance.",
            "I authorize payment of medical benefits directly to the practice.",
            "Copies of your insurance card and photo ID are required at every visit.",
            "A parent or guardian must complete this form for patients under 18.",
            "Please complete both sides of this form and return it to reception."]


@typ("registration", ["Patient Registration Form", "New Patient Registration", "Patient Intake Form",
                      "Registration", "Patient Information", "Patient Demographics", "Adult Registration Form",
                      "Patient Registration", "Demographic Information Form"],
     ["New Patient Information Form", "Patient Enrollment Form", "Patient Data Sheet"])
def registration(c):
    r = c.r
    blocks = [["PATIENT INFORMATION"] + fields(c, [("Last Name", c.last), ("First Name", c.first), ("MI", r.choice("ABCDEJKLMR")),
                                                   ("Date of Birth", c.date()), ("Sex", r.choice(["M", "F"])),
                                                   ("SSN", "XXX-XX-" + c.num(4)), ("Marital Status", r.choice(["Single", "Married", "Divorced", "Widowed"]))]),
              [r.choice(["CONTACT INFORMATION", "ADDRESS"])] + fields(c, [("Address", c.address()), ("Home Phone", c.phone()),
                                                                         ("Cell Phone", c.phone()), ("Email", f"{c.first.lower()}@example.org"),
                                                                         ("Preferred Language", r.choice(["English", "Spanish", "Polish"]))]),
              [r.choice(["EMPLOYMENT", "EMPLOYER INFORMATION"])] + fields(c, [("Employer", c.org("company")), ("Occupation", r.choice(["Teacher", "Driver", "Nurse", "Retired"])),
                                                                               ("Work Phone", c.phone())]),
              [r.choice(["INSURANCE INFORMATION", "PRIMARY INSURANCE", "INSURANCE"])] + fields(c, [("Primary Insurance", c.org("payer")), ("Member ID", c.member()),
                                                                                                  ("Group Number", c.num(6)), ("Subscriber", c.name()),
                                                                                                  ("Relationship to Patient", r.choice(["Self", "Spouse", "Child"])),
                                                                                                  ("Secondary Insurance", r.choice(["None", c.org("payer")]))]),
              [r.choice(["EMERGENCY CONTACT", "IN CASE OF EMERGENCY"])] + fields(c, [("Emergency Contact", f"{r.choice(FIRST)} {c.last}"),
                                                                                     ("Relationship", r.choice(["Spouse", "Mother", "Son", "Friend"])), ("Phone", c.phone())]),
              [r.choice(["RACE / ETHNICITY", "DEMOGRAPHICS"]), "Race: [ ] White [ ] Black [ ] Asian [ ] Other   Ethnicity: [ ] Hispanic [ ] Non-Hispanic"],
              ["Preferred Pharmacy: " + c.org("company").split()[0] + " Pharmacy   Guarantor: " + c.name()],
              wrap(para(c, REG_SENT, 1, 3), 80) + ["Patient Signature ______________   Date " + c.dos()]]
    return blocks


CARD_BACK = ["This card does not guarantee eligibility or payment.", "Present this card at every visit.",
             "In an emergency go to the nearest emergency room.", "Precertification required for inpatient admissions.",
             "Misuse of this card is punishable by law.", "Pharmacists: submit claims electronically."]


@typ("insurance_card", ["Insurance Card", "Member ID Card", "Identification Card", "Health Insurance ID Card",
                        "Copy of Insurance Card", "Medical ID Card", "Insurance Card (Front)"],
     ["Subscriber Card", "Benefit Card", "Plan ID Card"])
def insurance_card(c):
    r = c.r
    front = [c.org("payer"), r.choice(["PPO", "HMO", "EPO", "POS", "Medicare Advantage", "Open Access Plus"])]
    front += fields(c, [("Member", c.name()), ("Member ID", c.member()), ("Group", c.num(r.randint(5, 7))),
                        ("Subscriber", c.name()), ("Effective", c.dos()),
                        ("RxBIN", c.num(6)), ("RxPCN", r.choice(["ADV", "MCAID", "RX7"])), ("RxGRP", "RX" + c.num(4)),
                        ("PCP", c.dr), ("Dependents", r.choice(["01", "02", "00"]))], r.choice([1, 2]))
    front.append(f"Copay: PCP ${r.choice([10, 20, 25])}  Specialist ${r.choice([40, 50])}  ER ${r.choice([150, 250])}  Urgent Care ${r.choice([50, 75])}")
    back = [r.choice(["Member Services", "Customer Service"]) + " " + c.phone(), "Provider Services " + c.phone(),
            "Payer ID " + c.num(5), "Send claims to: PO Box " + c.num(4) + ", " + c.town, "Deductible $" + str(r.choice([500, 1000, 2500]))]
    back += wrap(para(c, CARD_BACK, 1, 3), 60)
    return [front, back] if r.random() < 0.7 else [front]


CONSENT_SENT = ["I hereby consent to examination and treatment by the physicians and staff of {t} Health Center.",
                "I understand that no guarantee has been made as to the results of treatment.",
                "The risks, benefits and alternatives of the proposed care have been explained to me.",
                "I voluntarily consent to such diagnostic procedures and medical treatment as my provider deems necessary.",
                "I accept financial responsibility for charges not covered by my insurance.",
                "This consent remains in effect until revoked in writing.",
                "I have had the opportunity to ask questions and my questions were answered.",
                "I consent to the taking of photographs for my medical record.",
                "I acknowledge receipt of the Notice of Privacy Practices.",
                "I understand that I may refuse any treatment at any time.",
                # A general consent also releases what billing needs, assigns
                # benefits and can be revoked, in words a release form shares.
                "I authorize release of any medical information necessary to process my insurance claims.",
                "I assign to the practice all insurance benefits payable for services provided to me.",
                "I may revoke this consent in writing at any time, except for care already given.",
                "A photocopy of this consent shall be as valid as the original."]


@typ("consent", ["Consent to Treatment", "Consent for Treatment", "General Consent", "Informed Consent",
                 "Consent for Medical Care", "Patient Consent Form", "General Consent to Treat"],
     ["Consent and Acknowledgement", "Treatment Consent Form", "Informed Consent for Procedure"])
def consent(c):
    r = c.r
    paras = [wrap(para(c, CONSENT_SENT, 2, 4), r.randint(60, 90)) for _ in range(r.randint(2, 4))]
    if r.random() < 0.4:
        paras.insert(1, [r.choice(["PROCEDURE", "Procedure to be performed"]) + ": " +
                         r.choice(["colonoscopy", "knee arthroscopy", "skin biopsy", "cardiac catheterization"])])
    return [fields(c, patient_pairs(c))] + paras + [
        ["Signature of Patient or Legal Representative ____________   Date " + c.dos(),
         r.choice(["Witness ____________", "Witness Signature ____________", "Interpreter (if used) ________"])]]


HIPAA_SENT = ["I authorize the use and disclosure of my protected health information as described below.",
              "I understand that I may revoke this authorization at any time by written notice.",
              "Information disclosed under this authorization may be subject to redisclosure by the recipient.",
              "This authorization expires on {d} unless revoked earlier.",
              "My treatment will not be conditioned on whether I sign this authorization.",
              "I understand the information may include records of mental health, HIV or substance use treatment.",
              "A copy of this authorization is as valid as the original.",
              "This form complies with the HIPAA Privacy Rule, 45 CFR 164.508."]


@typ("hipaa_authorization", ["Authorization for Release of Health Information", "HIPAA Authorization",
                             "Authorization to Release Medical Records", "Release of Information",
                             "Authorization for Use and Disclosure of Protected Health Information",
                             "Authorization to Disclose Health Information", "Medical Records Release Form"],
     ["Request for Release of Records", "Patient Authorization for Disclosure", "HIPAA Release Form"])
def hipaa_authorization(c):
    r = c.r
    return [fields(c, patient_pairs(c)),
            fields(c, [(r.choice(["Release From", "Disclosing Party"]), c.org()), (r.choice(["Release To", "Recipient"]), c.org()),
                       ("Address", c.address()), ("Purpose", r.choice(["Continuity of care", "Insurance", "Legal", "Personal use"]))], 1),
            [r.choice(["Information to be disclosed:", "Records to release:"]),
             "[ ] Entire medical record [ ] Lab results [ ] Imaging reports [ ] Medication list [ ] Discharge summary",
             "Dates of service from " + c.dos() + " to " + c.dos()],
            wrap(para(c, HIPAA_SENT, 3, 6), r.randint(60, 90)),
            ["Expiration date: " + c.dos(), "Signature of Patient ____________  Date " + c.dos()]]


REF_SENT = ["Thank you for seeing this patient in consultation.", "Please evaluate and treat as indicated.",
            "Pertinent records and recent labs are enclosed.", "The patient has been informed of this referral.",
            "Please send your consultation note to our office.", "Symptoms have persisted for {n} weeks despite treatment.",
            "I would appreciate your opinion regarding further management.", "Prior authorization has been requested."]


@typ("referral", ["Referral", "Referral Form", "Referral Request", "Consultation Request", "Request for Consultation",
                  "Outpatient Referral", "Specialty Referral Form", "Referral Letter"],
     ["Physician Referral", "Consult Referral", "Referral Authorization Request"])
def referral(c):
    r = c.r
    spec = r.choice(["Cardiology", "Dermatology", "Neurology", "Orthopedics", "Gastroenterology", "Urology", "Endocrinology"])
    body = [fields(c, patient_pairs(c, [("Insurance", c.org("payer")), ("Member ID", c.member())])),
            fields(c, [("Referring Physician", c.dr), ("NPI", c.num(10)), ("Referred To", f"Dr. {r.choice(FIRST)} {r.choice(LAST)}, {spec}"),
                       ("Specialty", spec), ("Priority", r.choice(["Routine", "Urgent", "STAT"])),
                       ("Authorization Number", "AU" + c.num(7)), ("Number of Visits", str(r.randint(1, 6)))]),
            ["Reason for Referral: " + r.choice(["chest pain on exertion", "persistent rash", "migraine headaches", "knee pain",
                                                  "abdominal pain", "elevated PSA", "thyroid nodule"]),
             "Diagnosis: " + r.choice(["R07.9", "L30.9", "G43.909", "M25.561", "R10.9", "R97.20", "E04.1"])],
            wrap(para(c, REF_SENT, 2, 4), r.randint(60, 90))]
    if r.random() < 0.4:
        body.insert(0, ["Dear Dr. " + r.choice(LAST) + ","])
    return body


LAB_PANELS = {"Comprehensive Metabolic Panel": [("Glucose", "mg/dL", "70-99"), ("BUN", "mg/dL", "7-20"), ("Creatinine", "mg/dL", "0.6-1.3"),
                                                 ("Sodium", "mmol/L", "136-145"), ("Potassium", "mmol/L", "3.5-5.1"), ("ALT", "U/L", "7-56")],
              "Complete Blood Count": [("WBC", "K/uL", "4.5-11.0"), ("Hemoglobin", "g/dL", "12.0-17.5"), ("Hematocrit", "%", "36-50"),
                                       ("Platelets", "K/uL", "150-400"), ("MCV", "fL", "80-100")],
              "Lipid Panel": [("Cholesterol, Total", "mg/dL", "<200"), ("Triglycerides", "mg/dL", "<150"), ("HDL", "mg/dL", ">40"),
                              ("LDL Calculated", "mg/dL", "<100")],
              "Thyroid": [("TSH", "uIU/mL", "0.4-4.0"), ("Free T4", "ng/dL", "0.8-1.8")],
              "Urinalysis": [("Specific Gravity", "", "1.005-1.030"), ("pH", "", "5.0-8.0"), ("Protein", "", "Negative"), ("Leukocyte Esterase", "", "Negative")],
              "Hemoglobin A1c": [("Hemoglobin A1c", "%", "4.0-5.6"), ("Estimated Average Glucose", "mg/dL", "")]}


@typ("lab_report", ["Laboratory Report", "Lab Report", "Laboratory Results", "Final Report", "Cumulative Report",
                    "Clinical Laboratory Report", "Lab Results", "Test Results"],
     ["Laboratory Test Report", "Chemistry Report", "Patient Lab Summary"])
def lab_report(c):
    r = c.r
    out = [fields(c, patient_pairs(c, [("Ordering Physician", c.dr), ("Collected", c.dos()), ("Received", c.dos()),
                                       ("Reported", c.dos()), ("Accession", r.choice("ABCDX") + c.num(8)),
                                       ("Specimen", r.choice(["Serum", "Whole Blood", "Urine", "Plasma"]))]))]
    for panel in r.sample(list(LAB_PANELS), r.randint(1, 3)):
        rows = [panel.upper() if r.random() < 0.5 else panel,
                r.choice(["TEST   RESULT   FLAG   UNITS   REFERENCE RANGE", "Test Name  Result  Units  Ref Range  Flag",
                          "Analyte   Value   Reference Interval   Units"])]
        for name, unit, ref in LAB_PANELS[panel]:
            v = f"{r.uniform(0.5, 250):.1f}"
            rows.append(f"{name}   {v}   {r.choice(['', '', 'H', 'L', 'A'])}   {unit}   {ref}")
        out.append(rows)
    out.append([r.choice(["Comments:", "Note:", "Interpretation:"]) + " " + r.choice(
        ["Specimen slightly hemolyzed.", "Results verified by repeat analysis.", "Abnormal results flagged.",
         "Fasting specimen.", "Performed at the main laboratory."]), "Lab Director: " + c.dr + "   CLIA #" + c.num(10)])
    return out


RAD_FIND = ["The lungs are clear without focal consolidation.", "No pleural effusion or pneumothorax.",
            "Heart size is normal.", "There is no acute fracture or dislocation.", "Mild degenerative changes are present.",
            "The liver is normal in size and echotexture.", "No hydronephrosis.", "There is a {n} mm nodule in the right upper lobe.",
            "No intracranial hemorrhage, mass effect or midline shift.", "Soft tissues are unremarkable.",
            "The gallbladder contains multiple small stones.", "Bones are osteopenic."]
RAD_IMP = ["No acute cardiopulmonary process.", "No acute fracture.", "Cholelithiasis without cholecystitis.",
           "Stable pulmonary nodule; follow-up CT in 12 months recommended.", "Normal study.", "Mild degenerative disease."]


@typ("radiology_report", ["Radiology Report", "Imaging Report", "Diagnostic Imaging Report", "X-Ray Report",
                          "CT Report", "MRI Report", "Ultrasound Report", "Mammography Report"],
     ["Radiology Consultation", "Imaging Results", "CT Scan Report"])
def radiology_report(c):
    r = c.r
    exam = r.choice(["CT CHEST WITH CONTRAST", "XR CHEST 2 VIEWS", "MRI LUMBAR SPINE WITHOUT CONTRAST", "US ABDOMEN COMPLETE",
                     "CT HEAD WITHOUT CONTRAST", "XR LEFT KNEE 3 VIEWS", "BILATERAL SCREENING MAMMOGRAM"])
    secs = [["EXAM: " + exam, "Exam Date: " + c.dos()],
            ["CLINICAL HISTORY: " + r.choice(["cough", "fall", "back pain", "abdominal pain", "headache", "screening"])],
            ["TECHNIQUE: " + r.choice(["Axial images were obtained.", "Frontal and lateral views.", "Multiplanar multisequence imaging.",
                                       "Real-time sonography was performed."])],
            ["COMPARISON: " + r.choice(["None.", "Prior study dated " + c.dos() + "."])],
            ["FINDINGS:"] + wrap(para(c, RAD_FIND, 2, 5), r.randint(60, 90)),
            ["IMPRESSION:"] + wrap(para(c, RAD_IMP, 1, 2), 80),
            ["Radiologist: " + c.dr, r.choice(["Electronically signed", "Dictated but not read", "Final"]) + " " + c.dos()]]
    return [fields(c, patient_pairs(c, [("Referring Physician", c.dr)]))] + secs


DRUGS = ["Lisinopril 10 mg tablet", "Metformin 500 mg tablet", "Atorvastatin 20 mg tablet", "Amoxicillin 500 mg capsule",
         "Sertraline 50 mg tablet", "Albuterol HFA inhaler", "Omeprazole 20 mg capsule", "Prednisone 10 mg tablet",
         "Levothyroxine 50 mcg tablet", "Gabapentin 300 mg capsule"]


@typ("prescription", ["Prescription", "Rx", "Prescription Form", "Medication Prescription", "Prescription Order",
                      "Outpatient Prescription"],
     ["Prescription Blank", "New Prescription", "Medication Order"])
def prescription(c):
    r = c.r
    out = [[c.dr, c.org(), c.address(), "DEA# " + r.choice("ABFM") + r.choice(LAST)[0] + c.num(7) + "   NPI " + c.num(10)],
           fields(c, [("Patient", c.name()), ("DOB", c.date()), ("Address", c.address()), ("Date", c.dos())])]
    for d in r.sample(DRUGS, r.randint(1, 3)):
        out.append([r.choice(["Rx: ", "", "R/ "]) + d,
                    "Sig: " + r.choice(["take 1 tablet by mouth daily", "1 cap PO BID", "take one tablet twice daily with meals",
                                        "2 puffs q4-6h prn wheezing", "1 tab PO at bedtime"]),
                    f"Disp: #{r.choice([14, 30, 60, 90])}   Refills: {r.randint(0, 5)}"])
    out.append([r.choice(["[ ] Dispense as written  [ ] Substitution permitted", "Generic substitution permitted",
                          "DAW: No"]), "Prescriber Signature ____________"])
    return out


DC_COURSE = ["The patient was admitted for {n} days and treated with intravenous antibiotics.",
             "Hospital course was uncomplicated.", "Cardiology was consulted and recommended medical management.",
             "Pain was controlled with oral medication.", "The patient tolerated a regular diet prior to discharge.",
             "Physical therapy evaluated the patient and cleared for home.", "Blood cultures remained negative.",
             "Renal function improved with hydration."]


@typ("discharge_summary", ["Discharge Summary", "Hospital Discharge Summary", "Discharge Instructions",
                           "Inpatient Discharge Summary", "Discharge Report"],
     ["Summary of Hospitalization", "Discharge Note", "Death and Discharge Summary"])
def discharge_summary(c):
    r = c.r
    secs = [fields(c, patient_pairs(c, [("Admission Date", c.dos()), ("Discharge Date", c.dos()), ("Attending", c.dr),
                                        ("Length of Stay", f"{r.randint(1, 12)} days")])),
            ["ADMISSION DIAGNOSIS: " + r.choice(["Community acquired pneumonia", "Chest pain", "Cellulitis", "CHF exacerbation"])],
            ["DISCHARGE DIAGNOSES:", "1. " + r.choice(["Pneumonia J18.9", "NSTEMI I21.4", "Cellulitis L03.90", "Heart failure I50.9"]),
             "2. " + r.choice(["Hypertension I10", "Type 2 diabetes E11.9", "Hyperlipidemia E78.5"])],
            ["HOSPITAL COURSE:"] + wrap(para(c, DC_COURSE, 2, 5), r.randint(60, 90)),
            ["DISCHARGE MEDICATIONS:"] + [f"{d} - {r.choice(['daily', 'twice daily', 'at bedtime'])}" for d in r.sample(DRUGS, r.randint(2, 5))],
            ["CONDITION AT DISCHARGE: " + r.choice(["Stable", "Good", "Improved"]),
             "DISPOSITION: " + r.choice(["Home", "Home with home health", "Skilled nursing facility"])],
            ["FOLLOW-UP: " + r.choice(["See primary care physician in 1 week.", "Follow up with cardiology in 2 weeks."]),
             "Diet: " + r.choice(["regular", "cardiac", "diabetic"]) + "   Activity: as tolerated"]]
    return secs


PN_SENT = ["Patient reports feeling better since the last visit.", "Denies fever, chills or night sweats.",
           "Blood pressure is well controlled on current medications.", "Complains of intermittent headaches for {n} days.",
           "Medication adherence is good.", "No chest pain or shortness of breath.", "Sleep has been poor.",
           "Continue current regimen and recheck labs in 3 months.", "Lungs clear to auscultation bilaterally.",
           "Heart regular rate and rhythm, no murmurs.", "Abdomen soft, non-tender.", "Return to clinic in {n} weeks."]


@typ("progress_note", ["Progress Note", "Office Visit", "Clinic Note", "SOAP Note", "Follow-Up Visit", "Visit Note",
                       "Outpatient Progress Note", "Office Visit Note"],
     ["Encounter Note", "Physician Progress Notes", "Established Patient Visit"])
def progress_note(c):
    r = c.r
    soap = r.random() < 0.5
    heads = (["SUBJECTIVE", "OBJECTIVE", "ASSESSMENT", "PLAN"] if soap else
             ["CHIEF COMPLAINT", "HISTORY OF PRESENT ILLNESS", "REVIEW OF SYSTEMS", "PHYSICAL EXAM", "ASSESSMENT AND PLAN"])
    out = [fields(c, patient_pairs(c, [("Visit Date", c.dos()), ("Provider", c.dr)]))]
    for h in heads:
        h = h if r.random() < 0.6 else h.title()
        if "OBJECTIVE" in h.upper() or "EXAM" in h.upper():
            out.append([h + ":", f"Vitals: BP {r.randint(100, 170)}/{r.randint(60, 100)}  HR {r.randint(55, 110)}  "
                        f"Temp {r.uniform(97, 100.5):.1f}  Wt {r.randint(100, 280)} lb"] + wrap(para(c, PN_SENT, 1, 3), 80))
        elif "ASSESSMENT" in h.upper():
            out.append([h + ":", "1. " + r.choice(["Hypertension I10", "Type 2 diabetes E11.65", "Low back pain M54.50",
                                                  "Asthma J45.909"])] + wrap(para(c, PN_SENT, 1, 2), 80))
        else:
            out.append([h + ":"] + wrap(para(c, PN_SENT, 1, 4), r.randint(60, 90)))
    out.append(["Electronically signed by " + c.dr + " " + c.dos(), "CPT " + r.choice(["99213", "99214", "99203"])])
    return out


@typ("claim", ["Health Insurance Claim Form", "CMS-1500", "UB-04", "HCFA 1500 Claim Form", "Claim Form",
               "Professional Claim", "Medical Claim Form"],
     ["Institutional Claim UB-04 CMS-1450", "Insurance Claim Submission", "CMS 1500 (02/12)"])
def claim(c):
    r = c.r
    rows = ["24. A. DATE(S) OF SERVICE  B. PLACE OF SERVICE  D. PROCEDURES, SERVICES, OR SUPPLIES  E. DIAGNOSIS POINTER  F. $ CHARGES  J. RENDERING PROVIDER ID #"]
    for _ in range(r.randint(1, 5)):
        rows.append(f"{c.dos()}  {r.choice(['11', '22', '21'])}  {r.choice(['99213', '99214', '80053', '85025', '71046'])}  A  {c.money(30, 400)}  {c.num(10)}")
    return [["APPROVED BY NATIONAL UNIFORM CLAIM COMMITTEE (NUCC) 02/12" if r.random() < 0.6 else "PICA",
             c.org("payer") + "  PO Box " + c.num(4)],
            fields(c, [("1. MEDICARE MEDICAID TRICARE CHAMPVA GROUP HEALTH PLAN", "[X]"), ("1a. INSURED'S ID NUMBER", c.member()),
                       ("2. PATIENT'S NAME (Last Name, First Name, Middle Initial)", c.name()),
                       ("3. PATIENT'S BIRTH DATE", c.date()), ("4. INSURED'S NAME", c.name()),
                       ("5. PATIENT'S ADDRESS", c.address()), ("11. INSURED'S POLICY GROUP OR FECA NUMBER", c.num(6)),
                       ("12. PATIENT'S OR AUTHORIZED PERSON'S SIGNATURE", "Signature on File")], 1),
            ["21. DIAGNOSIS OR NATURE OF ILLNESS OR INJURY  ICD Ind 0",
             "A. " + r.choice(["E11.9", "I10", "J06.9"]) + "  B. " + r.choice(["M54.50", "R07.9", "Z00.00"])],
            rows,
            fields(c, [("25. FEDERAL TAX I.D. NUMBER", c.num(2) + "-" + c.num(7)), ("26. PATIENT'S ACCOUNT NO.", c.num(7)),
                       ("27. ACCEPT ASSIGNMENT?", "YES"), ("28. TOTAL CHARGE", c.money(100, 2000)), ("29. AMOUNT PAID", "$0.00"),
                       ("31. SIGNATURE OF PHYSICIAN OR SUPPLIER", c.dr), ("32. SERVICE FACILITY LOCATION INFORMATION", c.org()),
                       ("33. BILLING PROVIDER INFO & PH #", c.org() + " " + c.phone()), ("33a. NPI", c.num(10))], r.choice([1, 2]))]


EOB_SENT = ["This is not a bill.", "Please keep this notice for your records.", "You may appeal this decision within 180 days.",
            "If you have questions call Member Services at the number on your ID card.",
            "The provider may bill you for the amount shown under You Owe.",
            "Amounts may have been applied to your deductible.", "Remark code N130: consult plan benefit documents."]


@typ("explanation_of_benefits", ["Explanation of Benefits", "EOB", "This Is Not a Bill", "Explanation of Benefits Statement",
                                 "Member Explanation of Benefits", "Your Explanation of Benefits"],
     ["Claim Summary Statement", "Benefits Statement", "Summary of Claims Processed"])
def explanation_of_benefits(c):
    r = c.r
    rows = [r.choice(["Date of Service  Service  Amount Billed  Allowed Amount  Plan Paid  Deductible  Coinsurance  You Owe",
                      "Service Date  Description  Provider Charges  Plan Discount  Amount Covered  Patient Responsibility  Remark Code"])]
    for _ in range(r.randint(1, 5)):
        rows.append(f"{c.dos()}  {r.choice(['Office visit', 'Lab work', 'X-ray', 'Physical therapy'])}  {c.money(50, 600)}  "
                    f"{c.money(20, 300)}  {c.money(10, 250)}  {c.money(0, 50)}  {c.money(0, 80)}")
    return [[c.org("payer"), "Statement Date: " + c.dos()],
            fields(c, [("Member", c.name()), ("Member ID", c.member()), ("Group", c.num(6)), ("Claim Number", c.num(12)),
                       ("Provider", c.org()), ("Patient", c.name())]),
            rows,
            ["Total: " + "  ".join(c.money(10, 900) for _ in range(4)),
             "Deductible met: " + c.money(0, 500) + " of " + c.money(500, 3000) + "   Out-of-pocket max: " + c.money(2000, 8000)],
            wrap(para(c, EOB_SENT, 2, 4), r.randint(60, 90))]


# ---------------------------------------------------------------------------------------- other
LETTER_SENT = ["Thank you for your recent order.", "As discussed on the telephone, the shipment will leave on Friday.",
               "Please find the invoice enclosed; payment is due within 30 days.", "We appreciate your continued business.",
               "The annual meeting will be held in the main conference room.", "Our records show an outstanding balance of {m}.",
               "I am writing to confirm the arrangements for the conference.", "Please do not hesitate to contact me with any questions.",
               "The committee reviewed your proposal and has approved the budget.", "Enclosed is a copy of the signed agreement.",
               "We are pleased to offer you the position of project coordinator.", "Your subscription will renew automatically.",
               "The lease on the property expires at the end of the month.", "Attached please find the quarterly sales figures.",
               "The marketing plan for the spring campaign is attached.", "We regret to inform you that the item is out of stock.",
               "The board of directors met on {d} to discuss the merger.", "Research results will be presented at the next review.",
               "Samples were shipped to the testing facility for analysis.", "Please route this memo to all department heads.",
               "The brand will be promoted at retail locations in {t}.", "Tax forms will be mailed by January 31."]
BOOK_SENT = ["The river ran slow and brown past the old mill, and the children watched it for hours.",
             "She opened the letter with trembling hands and read it twice before she understood.",
             "In the winter of that year the snow came early and stayed until April.",
             "The history of the town is bound up with the railway that once crossed it.",
             "He had never cared much for the city, with its noise and its hurried crowds.",
             "Chapter {n} describes the early settlers and the farms they cleared.",
             "The garden was overgrown with roses and the gate hung from one hinge.",
             "Economists disagree about the causes of the long depression.",
             "Photosynthesis converts light energy into chemical energy stored in sugar.",
             "The recipe calls for two cups of flour, a pinch of salt and three eggs.",
             "Our travel writer spent a week exploring the coastal villages.",
             "The new model offers better fuel economy and a quieter cabin.",
             "Volunteers planted four hundred trees along the riverbank.",
             "Ticket holders should arrive thirty minutes before the performance."]


def other_letter(c):
    r = c.r
    return [[c.org("company"), c.address(), c.phone()], [c.dos()], [f"{r.choice(FIRST)} {r.choice(LAST)}", c.address()],
            [r.choice(["Dear", "Dear Mr.", "Dear Ms."]) + " " + r.choice(LAST) + ","],
            wrap(para(c, LETTER_SENT, 3, 6), r.randint(60, 90)), wrap(para(c, LETTER_SENT, 1, 3), 80),
            [r.choice(["Sincerely,", "Best regards,", "Yours truly,"]), f"{r.choice(FIRST)} {r.choice(LAST)}",
             r.choice(["Sales Manager", "Director of Operations", "Vice President", "Office Manager"])]]


def other_memo(c):
    r = c.r
    return [[r.choice(["MEMORANDUM", "MEMO", "INTEROFFICE MEMO", "Internal Memo"])],
            fields(c, [("TO", f"{r.choice(FIRST)} {r.choice(LAST)}"), ("FROM", f"{r.choice(FIRST)} {r.choice(LAST)}"),
                       ("DATE", c.dos()), ("SUBJECT", r.choice(["Budget review", "Product launch", "Office move", "Research program",
                                                                 "Quarterly results", "Brand promotion"])), ("CC", r.choice(LAST))], 1),
            wrap(para(c, LETTER_SENT, 3, 7), r.randint(60, 90))]


def other_invoice(c):
    r = c.r
    rows = ["Item  Description  Qty  Unit Price  Amount"]
    for _ in range(r.randint(2, 7)):
        rows.append(f"{c.num(5)}  {r.choice(['Brass fitting', 'Copy paper', 'Toner cartridge', 'Pallet', 'Labor', 'Shipping', 'Display stand'])}  "
                    f"{r.randint(1, 40)}  {c.money(1, 90)}  {c.money(10, 900)}")
    return [[c.org("company"), c.address()], [r.choice(["INVOICE", "Invoice", "STATEMENT", "PURCHASE ORDER", "Sales Receipt"])],
            fields(c, [("Invoice No", c.num(6)), ("Date", c.dos()), ("Bill To", c.org("company")), ("Ship To", c.address()),
                       ("Terms", "Net 30"), ("PO Number", c.num(5))]), rows,
            ["Subtotal " + c.money(), "Tax " + c.money(1, 60), "Total Due " + c.money(), "Thank you for your business!"]]


def other_form(c):
    r = c.r
    kind = r.choice(["Employment Application", "Rental Application", "Membership Application", "Customer Survey",
                     "Change of Address Form", "Vendor Registration Form", "Event Registration", "Order Form",
                     "Credit Application", "Vehicle Accident Report", "Auto Insurance Claim", "Expense Report",
                     "Time Sheet", "Library Card Application", "Volunteer Sign-Up Sheet", "Request for Proposal"])
    pairs = [("Name", c.name()), ("Address", c.address()), ("Phone", c.phone()), ("Date", c.dos()),
             (r.choice(["Position Applied For", "Company", "Department", "Vehicle Make", "Account Number"]), r.choice(LAST)),
             (r.choice(["Signature", "Authorized By", "Approved"]), "____________"),
             (r.choice(["Social Security No", "Driver License No", "Employee ID"]), c.num(9)),
             (r.choice(["Previous Employer", "Landlord", "Reference"]), c.org("company")), ("Email", f"{c.first.lower()}@example.com")]
    r.shuffle(pairs)
    return [[kind.upper() if r.random() < 0.5 else kind], fields(c, pairs),
            ["[ ] Yes  [ ] No   " + r.choice(["Have you ever been convicted of a felony?", "Do you own a vehicle?", "May we contact you?",
                                              "Is the information complete?"])],
            wrap(para(c, LETTER_SENT, 1, 3), 80)]


def other_text(c):
    r = c.r
    head = [[r.choice(["Chapter " + str(r.randint(1, 30)), "THE GARDENER'S YEAR", "Spring Catalog", "Community News",
                       "Travel", "Annual Report " + str(r.randint(1990, 2024)), "Minutes of the Board Meeting",
                       "Welcome to " + c.town, "Product Brochure", "Newsletter", "Fax Cover Sheet", "Research Report",
                       "Table of Contents", "Press Release", "Meeting Agenda"])]]
    body = [wrap(para(c, BOOK_SENT + LETTER_SENT[:8], 3, 8), r.randint(55, 95)) for _ in range(r.randint(1, 4))]
    if r.random() < 0.3:
        body.append(fields(c, [("Pages", str(r.randint(1, 9))), ("To", c.org("company")), ("Fax", c.phone()), ("From", r.choice(LAST))], 1))
    if r.random() < 0.3:
        body.append([str(r.randint(1, 300))])
    return head + body


BIZ_LABELS = ["Project No", "Brand", "Product", "Cost Center", "Requested By", "Approved By", "Budget", "Region",
              "Account", "Quantity", "Department", "Distribution", "Vendor", "Due Date", "Reference", "Subject",
              "Program", "Territory", "Market", "Sample Size", "Test Period", "Contract No", "Start Date", "Campaign",
              "Division", "Code", "Lot Number", "Supplier", "Sales Rep", "Store", "Promotion", "Volume", "Title",
              "Location", "Authorization", "Comments", "Remarks", "Status", "Priority", "Route To", "Extension"]
BIZ_SENT = ["Sales volume in the northern territory rose by {n} percent over the prior quarter.",
            "The test panel evaluated {n} product samples for taste, aroma and packaging.",
            "Please review the attached proposal and return your comments by {d}.",
            "Retail displays will be installed in all participating stores.", "The contract renewal requires legal approval.",
            "Shipping costs increased due to higher fuel prices.", "The agency will deliver the final artwork next week.",
            "Consumers in the target market preferred the new flavor.", "Inventory levels remain above forecast.",
            "The laboratory equipment was calibrated before the study began.", "Results are summarized in Table {n}.",
            "The filter design reduced particulate output in chamber tests.", "Distribution will begin in the spring.",
            "The task force recommends further study of the coating process.", "Employee training sessions start on {d}.",
            "The advertising budget for the fiscal year is {m}.", "Field representatives should report weekly.",
            "The plant will close for maintenance for {n} days.", "Coupons were redeemed at a rate of {n} percent.",
            "The press release announces the appointment of a new chairman.", "Mail the completed questionnaire in the envelope provided.",
            "Figures are preliminary and subject to audit.", "The attached schedule lists all regional meetings.",
            "Tickets, hotel and rental car are confirmed for the trip.", "The student earned high marks in mathematics.",
            "The apartment features two bedrooms, a balcony and parking.", "Your account balance as of {d} is {m}.",
            "Preheat the oven to 350 degrees and grease the pan.", "The warranty covers parts and labor for one year."]


def other_business_form(c):
    r = c.r
    kind = r.choice(["Fax Cover Sheet", "Fax Transmittal", "Approval Form", "Routing Slip", "Purchase Requisition",
                     "Project Status Report", "Test Report", "Research Summary", "Marketing Survey", "Sales Report",
                     "Product Evaluation", "Request Form", "Budget Request", "Program Review", "Meeting Minutes",
                     "Work Order", "Shipping Notice", "Bank Statement", "Utility Bill", "Travel Itinerary", "Resume",
                     "Report Card", "Property Listing", "Recipe Card", "Quality Control Report", "Data Sheet"])
    labels = r.sample(BIZ_LABELS, r.randint(4, 12))
    pairs = [(l, r.choice([c.dos(), c.num(r.randint(3, 8)), r.choice(LAST), c.org("company"), c.money(),
                           f"{r.choice(FIRST)} {r.choice(LAST)}", r.choice(["Yes", "No", "Open", "Closed", "High", "Low"])]))
             for l in labels]
    out = [[kind.upper() if r.random() < 0.5 else kind], fields(c, pairs, r.choice([1, 2]))]
    if r.random() < 0.5:
        rows = ["  ".join(r.sample(BIZ_LABELS, r.randint(3, 5)))]
        for _ in range(r.randint(2, 8)):
            rows.append("  ".join(r.choice([c.num(4), c.money(), r.choice(LAST), f"{r.uniform(0, 99):.1f}"]) for _ in range(4)))
        out.append(rows)
    out.append(wrap(para(c, BIZ_SENT, 1, 5), r.randint(55, 95)))
    return out


OTHER = [other_letter, other_memo, other_invoice, other_form, other_text, other_business_form, other_business_form]

# ---------------------------------------------------------------------------------------- noise
CONFUSE = [("o", "0"), ("l", "1"), ("i", "l"), ("rn", "m"), ("m", "rn"), ("e", "c"), ("S", "5"), ("B", "8"), ("a", "o"),
           ("h", "b"), ("u", "v"), ("O", "0"), ("I", "l"), ("cl", "d"), ("t", "f")]


def noisy_line(line, r, level):
    if level == 0:
        return line
    chars = list(line)
    out = []
    i = 0
    while i < len(line):
        if r.random() < 0.03 * level:
            a, b = r.choice(CONFUSE)
            if line.startswith(a, i):
                out.append(b)
                i += len(a)
                continue
        ch = chars[i]
        if ch == " " and r.random() < 0.04 * level:
            i += 1
            continue  # merged words
        out.append(ch)
        if ch.isalpha() and r.random() < 0.01 * level:
            out.append(" ")  # split word
        if r.random() < 0.005 * level:
            out.append(r.choice(".,'~|"))
        i += 1
    return "".join(out)


def garbage_page(r):
    lines = []
    for _ in range(r.randint(5, 40)):
        lines.append(" ".join("".join(r.choice("ilI1|!.,:;'`-_~=rnmvwoe0ca/\\") for _ in range(r.randint(1, 6)))
                              for _ in range(r.randint(1, 10))))
    return "\n".join(lines)


def render(c, doc_type, title, blocks, level):
    r = c.r
    lines = []
    if doc_type != "other" and r.random() < 0.75:
        kind = {"lab_report": "lab", "radiology_report": "imaging", "explanation_of_benefits": "payer",
                "insurance_card": "payer"}.get(doc_type, "clinic")
        lines += [c.org(kind)] + ([c.address()] if r.random() < 0.7 else []) + ([c.phone()] if r.random() < 0.5 else [])
    if title:
        t = r.choice([title, title.upper(), title.upper(), title.title()])
        if r.random() < 0.1:
            t = " ".join(t)  # letter-spaced
        if r.random() < 0.3 and lines:
            lines.insert(0, t)
        else:
            lines.append(t)
    blocks = list(blocks)
    if len(blocks) > 2 and r.random() < 0.5:  # vary order of the middle
        mid = blocks[1:-1]
        r.shuffle(mid)
        blocks = blocks[:1] + mid + blocks[-1:]
    if len(blocks) > 3 and r.random() < 0.3:  # a short excerpt
        blocks = blocks[:r.randint(2, len(blocks))]
    for b in blocks:
        lines += b
        if r.random() < 0.5:
            lines.append("")
    if r.random() < 0.3:
        lines.append(r.choice(["Page 1 of 1", "CONFIDENTIAL", "Rev. 03/2021", "Form " + c.num(4), c.phone()]))
    out = []
    for ln in lines:
        if level and r.random() < 0.04 * level:
            continue  # dropped line
        out.append(noisy_line(ln, r, level))
    return out


def example(r, doc_type, holdout, hard=False):
    c = Ctx(r)
    if doc_type == "other":
        title, blocks = None, r.choice(OTHER)(c)
    else:
        titles, held, fn = T[doc_type]
        pool = held if holdout else titles
        no_title = 0.35 if doc_type == "insurance_card" else 0.1
        title = None if r.random() < no_title else r.choice(pool)
        blocks = fn(c)
    level = r.choice([2, 3, 4, 5]) if hard else r.choice([0, 0, 1, 1, 2, 3])
    lines = render(c, doc_type, title, blocks, level)
    if hard and len(lines) > 8 and r.random() < 0.5:  # a fragment
        start = r.randrange(0, len(lines) // 2)
        lines = lines[start:start + r.randint(5, 12)]
    pages = []
    if len(lines) > 45 or (len(lines) > 20 and r.random() < 0.3):  # split into pages
        cut = r.randint(15, min(45, len(lines) - 3))
        pages = ["\n".join(lines[:cut]), "\n".join(lines[cut:])]
    else:
        pages = ["\n".join(lines)]
    if r.random() < 0.05:
        pages.append(garbage_page(r))  # a page read upside down
    return {"type": doc_type, "pages": pages}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--count", type=int, default=120, help="examples per type (default 120)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--holdout", action="store_true", help="use only the held-out title wordings")
    ap.add_argument("--hard", action="store_true", help="heavier noise and fragments (for calibration)")
    ap.add_argument("--types", default="", help="comma-separated subset (default: all)")
    a = ap.parse_args()
    types = list(T) + ["other"]
    if a.types:
        types = [t for t in a.types.split(",") if t]
        bad = [t for t in types if t not in T and t != "other"]
        if bad:
            sys.exit("make_examples: unknown type: " + ",".join(bad))
    r = random.Random(a.seed)
    for i in range(a.count):
        for t in types:
            n = 3 if t == "other" else 1  # "other" is wide: more examples
            for _ in range(n):
                print(json.dumps(example(r, t, a.holdout, a.hard)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
