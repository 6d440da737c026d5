#!/usr/bin/python3
"""Synthetic US health-record test pages with ground truth.

usage: bench/holdout_pages.py OUT_DIR --count N --seed S [--levels clean,mild,scan]

Every page is fictitious.  For each level N pages are written (same underlying
page content at each level, different degradation), plus OUT_DIR/manifest.tsv.
Single process; deterministic per seed.
"""
import argparse
import datetime as dt
import json
import os
import random
import sys

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

W, H = 2550, 3300
DPI = 300
NBSP = "\u00a0"

DOC_TYPES = ["registration", "insurance_card", "consent", "hipaa_authorization",
             "referral", "lab_report", "radiology_report", "prescription",
             "discharge_summary", "progress_note", "claim", "explanation_of_benefits"]

# ----------------------------------------------------------------------------
# fonts
# ----------------------------------------------------------------------------
_TT = "/usr/share/fonts/truetype/"
_OT = "/usr/share/fonts/opentype/urw-base35/"
FAMILIES = {
    "DejaVuSans": (_TT + "dejavu/DejaVuSans.ttf", _TT + "dejavu/DejaVuSans-Bold.ttf", _TT + "dejavu/DejaVuSans-Oblique.ttf"),
    "DejaVuSansCond": (_TT + "dejavu/DejaVuSansCondensed.ttf", _TT + "dejavu/DejaVuSansCondensed-Bold.ttf", _TT + "dejavu/DejaVuSansCondensed-Oblique.ttf"),
    "DejaVuSerif": (_TT + "dejavu/DejaVuSerif.ttf", _TT + "dejavu/DejaVuSerif-Bold.ttf", _TT + "dejavu/DejaVuSerif-Italic.ttf"),
    "DejaVuSerifCond": (_TT + "dejavu/DejaVuSerifCondensed.ttf", _TT + "dejavu/DejaVuSerifCondensed-Bold.ttf", _TT + "dejavu/DejaVuSerifCondensed-Italic.ttf"),
    "DejaVuMono": (_TT + "dejavu/DejaVuSansMono.ttf", _TT + "dejavu/DejaVuSansMono-Bold.ttf", _TT + "dejavu/DejaVuSansMono-Oblique.ttf"),
    "LiberationSans": (_TT + "liberation2/LiberationSans-Regular.ttf", _TT + "liberation2/LiberationSans-Bold.ttf", _TT + "liberation2/LiberationSans-Italic.ttf"),
    "LiberationSerif": (_TT + "liberation2/LiberationSerif-Regular.ttf", _TT + "liberation2/LiberationSerif-Bold.ttf", _TT + "liberation2/LiberationSerif-Italic.ttf"),
    "LiberationMono": (_TT + "liberation2/LiberationMono-Regular.ttf", _TT + "liberation2/LiberationMono-Bold.ttf", _TT + "liberation2/LiberationMono-Italic.ttf"),
    "FreeSans": (_TT + "freefont/FreeSans.ttf", _TT + "freefont/FreeSansBold.ttf", _TT + "freefont/FreeSansOblique.ttf"),
    "FreeSerif": (_TT + "freefont/FreeSerif.ttf", _TT + "freefont/FreeSerifBold.ttf", _TT + "freefont/FreeSerifItalic.ttf"),
    "FreeMono": (_TT + "freefont/FreeMono.ttf", _TT + "freefont/FreeMonoBold.ttf", _TT + "freefont/FreeMonoOblique.ttf"),
    "NimbusSans": (_OT + "NimbusSans-Regular.otf", _OT + "NimbusSans-Bold.otf", _OT + "NimbusSans-Italic.otf"),
    "NimbusSansNarrow": (_OT + "NimbusSansNarrow-Regular.otf", _OT + "NimbusSansNarrow-Bold.otf", _OT + "NimbusSansNarrow-Oblique.otf"),
    "NimbusRoman": (_OT + "NimbusRoman-Regular.otf", _OT + "NimbusRoman-Bold.otf", _OT + "NimbusRoman-Italic.otf"),
    "NimbusMono": (_OT + "NimbusMonoPS-Regular.otf", _OT + "NimbusMonoPS-Bold.otf", _OT + "NimbusMonoPS-Italic.otf"),
    "C059": (_OT + "C059-Roman.otf", _OT + "C059-Bold.otf", _OT + "C059-Italic.otf"),
    "P052": (_OT + "P052-Roman.otf", _OT + "P052-Bold.otf", _OT + "P052-Italic.otf"),
    "URWBookman": (_OT + "URWBookman-Light.otf", _OT + "URWBookman-Demi.otf", _OT + "URWBookman-LightItalic.otf"),
    "URWGothic": (_OT + "URWGothic-Book.otf", _OT + "URWGothic-Demi.otf", _OT + "URWGothic-BookOblique.otf"),
}
BODY_FAMILIES = [f for f in FAMILIES if "Mono" not in f]
MONO_FAMILIES = ["DejaVuMono", "LiberationMono", "FreeMono", "NimbusMono"]
_FONT_CACHE = {}


def get_font(fam, style, px):
    key = (fam, style, px)
    f = _FONT_CACHE.get(key)
    if f is None:
        path = FAMILIES[fam]["rbi".index(style)]
        f = ImageFont.truetype(path, px)
        _FONT_CACHE[key] = f
    return f


def ptpx(pt):
    return int(round(pt * DPI / 72.0))


# ----------------------------------------------------------------------------
# vocabulary (all people, places, payers fictitious)
# ----------------------------------------------------------------------------
MALE = ("James Robert Michael William David Richard Joseph Thomas Charles Daniel Matthew "
        "Anthony Mark Steven Andrew Joshua Kevin Brian Orson Luis Carlos Jamal Tyrone Wei "
        "Hiroshi Dmitri Rafael Omar Ethan Caleb Mason Elijah Diego Tuan Arjun Samuel Henry "
        "Felix Malik Gregory Desmond Ignacio Viktor Roland Curtis Emmett Harold Nolan").split()
FEMALE = ("Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Nancy Lisa "
          "Margaret Sandra Ashley Emily Donna Michelle Carmen Maria Aisha Keisha Mei Yuki Priya "
          "Fatima Olivia Sophia Chloe Hannah Grace Rosa Lucia Ingrid Tamara Beatriz Naomi "
          "Deborah Gloria Hazel Imani Vivian Colleen Renee Paulette Marisol").split()
LAST = ("Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez "
        "Lopez Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson "
        "White Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott "
        "Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter "
        "Roberts Szabo Kowalski Okafor Abernathy Delacroix Lindqvist Petrovic Yamamoto Chen Patel "
        "Novak Brennan Castellanos Fitzgerald Haddad Jablonski Kaminski Larkin Mbeki Oyelaran "
        "Quintero Rasmussen Sorensen Thibodeaux Underwood Vasquez Whitfield Zeller McAllister "
        "O'Neill Garcia-Lopez Esposito Halvorsen Dubois Achterberg Pruitt Whitaker Ferraro").split()
STREETS = ("Maple Oak Cedar Elm Pine Walnut Lakeview Hillcrest Sunset Riverside Park Main "
           "Washington Jefferson Lincoln Madison Chestnut Willow Birch Magnolia Highland Meadow "
           "Orchard Summit Prairie Harbor Ridge Spring Forest Canyon").split()
STREET_SUFFIX = ["St", "Ave", "Rd", "Blvd", "Dr", "Ln", "Way", "Ct", "Pkwy", "Street", "Avenue", "Road", "Drive"]
CITIES = [("Springfield", "IL", "627"), ("Madison", "WI", "537"), ("Columbus", "OH", "432"),
          ("Salem", "OR", "973"), ("Dover", "DE", "199"), ("Franklin", "TN", "370"),
          ("Fairview", "PA", "165"), ("Greenville", "SC", "296"), ("Bristol", "CT", "060"),
          ("Clinton", "IA", "527"), ("Riverside", "CA", "925"), ("Georgetown", "TX", "786"),
          ("Arlington", "VA", "222"), ("Marion", "IN", "469"), ("Auburn", "AL", "368"),
          ("Lexington", "KY", "405"), ("Burlington", "VT", "054"), ("Ogden", "UT", "844"),
          ("Boulder", "CO", "803"), ("Tacoma", "WA", "984"), ("Rochester", "MN", "559"),
          ("Portland", "ME", "041"), ("Albany", "GA", "317"), ("Durham", "NC", "277")]
AREA = {"IL": "217", "WI": "608", "OH": "614", "OR": "503", "DE": "302", "TN": "615", "PA": "814",
        "SC": "864", "CT": "860", "IA": "563", "CA": "951", "TX": "512", "VA": "703", "IN": "765",
        "AL": "334", "KY": "859", "VT": "802", "UT": "801", "CO": "303", "WA": "253", "MN": "507",
        "ME": "207", "GA": "229", "NC": "919"}
CLINIC_PLACE = ("Riverside Cedar Valley Lakeshore Northgate Willow Creek Summit Harborview "
                "Pine Ridge Meadowbrook Stonebridge Oak Hollow Clearwater Bayside Highland "
                "Silver Lake Fox Run Maple Grove Prairie View Eastbrook").split(" ")
CLINIC_PLACE = ["Riverside", "Cedar Valley", "Lakeshore", "Northgate", "Willow Creek", "Summit",
                "Harborview", "Pine Ridge", "Meadowbrook", "Stonebridge", "Oak Hollow", "Clearwater",
                "Bayside", "Highland", "Silver Lake", "Fox Run", "Maple Grove", "Prairie View",
                "Eastbrook", "Granite Hills", "Three Rivers", "Westfield"]
CLINIC_KIND = ["Family Medicine", "Internal Medicine Associates", "Primary Care", "Medical Group",
               "Health Center", "Family Practice, P.C.", "Community Health Clinic", "Physicians Group",
               "Medical Associates, LLC", "Family & Internal Medicine"]
SPECIALTY_CLINIC = {"Cardiology": "Heart & Vascular Institute", "Orthopedics": "Orthopaedic & Sports Medicine",
                    "Gastroenterology": "Digestive Health Specialists", "Endocrinology": "Endocrine & Diabetes Center",
                    "Pulmonology": "Pulmonary & Sleep Associates", "Dermatology": "Dermatology Partners",
                    "Urology": "Urology Associates", "Neurology": "Neurology & Headache Center",
                    "Physical Therapy": "Physical Therapy & Rehab"}
LAB_NAMES = ["Tri-County Clinical Laboratories", "Summit Diagnostic Labs", "Keystone Reference Laboratory",
             "Great Lakes Pathology Services", "Bluestem Clinical Lab", "Pacific Crest Laboratories",
             "Heartland Medical Laboratory"]
IMAGING_NAMES = ["Northgate Imaging Center", "Advanced Radiology Associates", "Valley Diagnostic Imaging",
                 "Lakeside MRI & CT", "Premier Medical Imaging", "Clearview Radiology"]
HOSPITALS = ["St. Brigid Regional Medical Center", "Mercy Valley Hospital", "Lakeshore General Hospital",
             "Good Samaritan Community Hospital", "Riverbend Memorial Hospital", "Providence Hills Medical Center"]
PAYERS = [("BlueRidge Health Plan", "BRHP"), ("Keystone Mutual Health", "KMH"), ("Pinnacle Care Insurance", "PCI"),
          ("Harborview Health Partners", "HHP"), ("Cascadia Benefit Plans", "CBP"), ("Meridian Choice Health", "MCH"),
          ("Northstar Health Alliance", "NHA"), ("Evergreen Assurance Co.", "EAC"), ("Lone Pine Health Cooperative", "LPHC"),
          ("Sunbelt Medical Insurance", "SMI")]
PLAN_NAMES = ["PPO Select", "HMO Plus", "Choice POS", "Gold PPO 500", "Silver HMO 2500", "EPO Standard",
              "Bronze HDHP", "Open Access Plus", "Medicare Advantage PPO"]
EMPLOYERS = ["Acme Tool & Die", "Ridgeway School District", "Polaris Logistics", "County of Franklin",
             "Bright Horizons Bakery", "Meyer Engineering LLC", "Self-employed", "Retired", "Harbor Freight Lines"]

ICD = {
    "E11.9": "Type 2 diabetes mellitus without complications",
    "E11.65": "Type 2 diabetes mellitus with hyperglycemia",
    "I10": "Essential (primary) hypertension",
    "J45.909": "Unspecified asthma, uncomplicated",
    "M54.50": "Low back pain, unspecified",
    "Z00.00": "Encounter for general adult medical examination without abnormal findings",
    "Z00.01": "Encounter for general adult medical examination with abnormal findings",
    "F41.1": "Generalized anxiety disorder",
    "F32.9": "Major depressive disorder, single episode, unspecified",
    "K21.9": "Gastro-esophageal reflux disease without esophagitis",
    "N39.0": "Urinary tract infection, site not specified",
    "R30.0": "Dysuria",
    "R07.9": "Chest pain, unspecified",
    "E78.5": "Hyperlipidemia, unspecified",
    "E78.00": "Pure hypercholesterolemia, unspecified",
    "J06.9": "Acute upper respiratory infection, unspecified",
    "J02.9": "Acute pharyngitis, unspecified",
    "J18.9": "Pneumonia, unspecified organism",
    "R05.9": "Cough, unspecified",
    "R51.9": "Headache, unspecified",
    "E03.9": "Hypothyroidism, unspecified",
    "E55.9": "Vitamin D deficiency, unspecified",
    "D64.9": "Anemia, unspecified",
    "R53.83": "Other fatigue",
    "M17.11": "Unilateral primary osteoarthritis, right knee",
    "M25.561": "Pain in right knee",
    "G43.909": "Migraine, unspecified, not intractable, without status migrainosus",
    "I48.91": "Unspecified atrial fibrillation",
    "I25.10": "Atherosclerotic heart disease of native coronary artery without angina pectoris",
    "E66.9": "Obesity, unspecified",
    "Z23": "Encounter for immunization",
    "R10.9": "Unspecified abdominal pain",
    "R10.11": "Right upper quadrant pain",
    "J44.9": "Chronic obstructive pulmonary disease, unspecified",
    "L03.115": "Cellulitis of right lower limb",
    "S93.401A": "Sprain of unspecified ligament of right ankle, initial encounter",
    "Z12.31": "Encounter for screening mammogram for malignant neoplasm of breast",
    "R73.03": "Prediabetes",
    "I50.9": "Heart failure, unspecified",
    "R06.02": "Shortness of breath",
    "F17.210": "Nicotine dependence, cigarettes, uncomplicated",
    "K80.20": "Calculus of gallbladder without cholecystitis without obstruction",
    "N18.30": "Chronic kidney disease, stage 3 unspecified",
}
CPT = {
    "99202": "Office/outpatient visit, new patient, straightforward MDM",
    "99203": "Office/outpatient visit, new patient, low MDM",
    "99204": "Office/outpatient visit, new patient, moderate MDM",
    "99212": "Office/outpatient visit, established patient, straightforward MDM",
    "99213": "Office/outpatient visit, established patient, low MDM",
    "99214": "Office/outpatient visit, established patient, moderate MDM",
    "99215": "Office/outpatient visit, established patient, high MDM",
    "99395": "Periodic preventive medicine visit, established patient, age 18-39",
    "99396": "Periodic preventive medicine visit, established patient, age 40-64",
    "99397": "Periodic preventive medicine visit, established patient, age 65+",
    "80053": "Comprehensive metabolic panel",
    "80048": "Basic metabolic panel",
    "85025": "Complete blood count (CBC) with automated differential",
    "36415": "Collection of venous blood by venipuncture",
    "80061": "Lipid panel",
    "83036": "Hemoglobin A1c (glycosylated)",
    "84443": "Thyroid stimulating hormone (TSH)",
    "82306": "Vitamin D, 25-hydroxy",
    "81001": "Urinalysis, automated, with microscopy",
    "87086": "Urine culture, quantitative colony count",
    "87880": "Strep A antigen, rapid immunoassay",
    "71046": "Radiologic examination, chest; 2 views",
    "73562": "Radiologic examination, knee; 3 views",
    "73610": "Radiologic examination, ankle; complete, minimum of 3 views",
    "72100": "Radiologic examination, spine, lumbosacral; 2 or 3 views",
    "74176": "CT abdomen and pelvis without contrast",
    "70450": "CT head/brain without contrast",
    "77067": "Screening mammography, bilateral, including CAD",
    "76700": "Ultrasound, abdominal, complete",
    "93000": "Electrocardiogram, routine, with interpretation and report",
    "93306": "Echocardiography, transthoracic, complete, with Doppler",
    "90471": "Immunization administration, first vaccine",
    "90686": "Influenza vaccine, quadrivalent, preservative free, IM",
    "96372": "Therapeutic, prophylactic, or diagnostic injection, SC/IM",
    "20610": "Arthrocentesis, aspiration and/or injection, major joint",
    "94010": "Spirometry",
    "97110": "Therapeutic exercises, each 15 minutes",
    "97161": "Physical therapy evaluation, low complexity",
    "93880": "Duplex scan of extracranial arteries, complete bilateral",
    "45378": "Colonoscopy, flexible; diagnostic",
    "43239": "Upper GI endoscopy with biopsy, single or multiple",
    "47562": "Laparoscopic cholecystectomy",
    "99223": "Initial hospital inpatient care, high MDM",
    "99238": "Hospital discharge day management; 30 minutes or less",
    "99239": "Hospital discharge day management; more than 30 minutes",
}

# clinical scenarios: (complaint text, dx list, office cpt list, meds)
SCENARIOS = [
    ("follow-up of type 2 diabetes and blood pressure", ["E11.9", "I10", "E78.5"], ["99214", "83036", "36415"],
     ["Metformin 1000 mg PO BID", "Lisinopril 20 mg PO daily", "Atorvastatin 40 mg PO nightly"]),
    ("annual physical examination", ["Z00.00", "E78.5"], ["99396", "80061", "80053", "36415"],
     ["Atorvastatin 20 mg PO daily", "Multivitamin 1 tab PO daily"]),
    ("burning with urination for three days", ["N39.0", "R30.0"], ["99213", "81001", "87086"],
     ["Nitrofurantoin 100 mg PO BID x 5 days", "Phenazopyridine 200 mg PO TID x 2 days"]),
    ("intermittent chest discomfort", ["R07.9", "I10"], ["99214", "93000", "71046"],
     ["Amlodipine 5 mg PO daily", "Aspirin 81 mg PO daily"]),
    ("low back pain after lifting", ["M54.50"], ["99213", "72100"],
     ["Naproxen 500 mg PO BID with food", "Cyclobenzaprine 5 mg PO at bedtime PRN"]),
    ("asthma symptoms and wheezing", ["J45.909"], ["99213", "94010"],
     ["Albuterol HFA 90 mcg 2 puffs q4-6h PRN", "Fluticasone 110 mcg 2 puffs BID"]),
    ("worsening anxiety and poor sleep", ["F41.1", "F32.9"], ["99214"],
     ["Sertraline 50 mg PO daily", "Hydroxyzine 25 mg PO q8h PRN anxiety"]),
    ("heartburn and regurgitation", ["K21.9"], ["99213"],
     ["Omeprazole 20 mg PO daily before breakfast"]),
    ("sore throat and fever", ["J02.9", "J06.9"], ["99212", "87880"],
     ["Amoxicillin 500 mg PO BID x 10 days", "Acetaminophen 500 mg PO q6h PRN"]),
    ("right knee pain and stiffness", ["M17.11", "M25.561"], ["99213", "20610", "73562"],
     ["Meloxicam 15 mg PO daily", "Diclofenac 1% gel QID to right knee"]),
    ("fatigue and cold intolerance", ["E03.9", "R53.83"], ["99213", "84443", "36415"],
     ["Levothyroxine 50 mcg PO daily"]),
    ("fatigue, found to be anemic", ["D64.9", "R53.83"], ["99213", "85025", "36415"],
     ["Ferrous sulfate 325 mg PO daily"]),
    ("seasonal influenza vaccination", ["Z23"], ["90686", "90471"], []),
    ("palpitations, irregular heartbeat", ["I48.91", "I10"], ["99214", "93000", "93306"],
     ["Metoprolol succinate 50 mg PO daily", "Apixaban 5 mg PO BID"]),
    ("recurrent headaches", ["G43.909", "R51.9"], ["99214"],
     ["Sumatriptan 50 mg PO at onset, may repeat x1 in 2 h", "Propranolol ER 60 mg PO daily"]),
    ("elevated A1c on screening", ["R73.03", "E66.9"], ["99213", "83036"],
     ["Lifestyle modification; no medications started"]),
    ("shortness of breath with exertion", ["J44.9", "R06.02", "F17.210"], ["99214", "94010", "71046"],
     ["Tiotropium 18 mcg inhaled daily", "Albuterol HFA 90 mcg 2 puffs q4h PRN"]),
]

LAB_PANELS = {
    "80053": ("COMPREHENSIVE METABOLIC PANEL", [
        ("Glucose", "mg/dL", 70, 99, 0), ("BUN", "mg/dL", 7, 20, 0), ("Creatinine", "mg/dL", 0.6, 1.3, 2),
        ("Sodium", "mmol/L", 136, 145, 0), ("Potassium", "mmol/L", 3.5, 5.1, 1), ("Chloride", "mmol/L", 98, 107, 0),
        ("CO2", "mmol/L", 22, 29, 0), ("Calcium", "mg/dL", 8.5, 10.2, 1), ("Protein, Total", "g/dL", 6.0, 8.3, 1),
        ("Albumin", "g/dL", 3.5, 5.0, 1), ("Bilirubin, Total", "mg/dL", 0.2, 1.2, 1),
        ("Alkaline Phosphatase", "U/L", 44, 147, 0), ("AST", "U/L", 10, 40, 0), ("ALT", "U/L", 7, 56, 0)]),
    "80048": ("BASIC METABOLIC PANEL", [
        ("Glucose", "mg/dL", 70, 99, 0), ("BUN", "mg/dL", 7, 20, 0), ("Creatinine", "mg/dL", 0.6, 1.3, 2),
        ("Sodium", "mmol/L", 136, 145, 0), ("Potassium", "mmol/L", 3.5, 5.1, 1), ("Chloride", "mmol/L", 98, 107, 0),
        ("CO2", "mmol/L", 22, 29, 0), ("Calcium", "mg/dL", 8.5, 10.2, 1)]),
    "85025": ("CBC WITH DIFFERENTIAL", [
        ("WBC", "K/uL", 4.5, 11.0, 1), ("RBC", "M/uL", 4.2, 5.9, 2), ("Hemoglobin", "g/dL", 12.0, 17.5, 1),
        ("Hematocrit", "%", 36.0, 50.0, 1), ("MCV", "fL", 80, 100, 0), ("Platelets", "K/uL", 150, 400, 0),
        ("Neutrophils", "%", 40, 70, 0), ("Lymphocytes", "%", 20, 40, 0)]),
    "80061": ("LIPID PANEL", [
        ("Cholesterol, Total", "mg/dL", None, 200, 0), ("Triglycerides", "mg/dL", None, 150, 0),
        ("HDL Cholesterol", "mg/dL", 40, None, 0), ("LDL Cholesterol (calc)", "mg/dL", None, 100, 0)]),
    "83036": ("HEMOGLOBIN A1c", [("Hemoglobin A1c", "%", 4.0, 5.6, 1)]),
    "84443": ("TSH", [("TSH", "mIU/L", 0.40, 4.50, 2)]),
    "82306": ("VITAMIN D, 25-HYDROXY", [("Vitamin D, 25-OH", "ng/mL", 30, 100, 0)]),
    "81001": ("URINALYSIS WITH MICROSCOPY", [
        ("Specific Gravity", "", 1.005, 1.030, 3), ("pH", "", 5.0, 8.0, 1), ("WBC, urine", "/HPF", 0, 5, 0),
        ("RBC, urine", "/HPF", 0, 2, 0)]),
}
LAB_DX = {"80053": ["E11.9", "I10", "Z00.00"], "80048": ["I10", "N18.30"], "85025": ["D64.9", "R53.83"],
          "80061": ["E78.5", "Z00.00", "E78.00"], "83036": ["E11.9", "R73.03", "E11.65"],
          "84443": ["E03.9", "R53.83"], "82306": ["E55.9"], "81001": ["N39.0", "R30.0"]}

RAD_EXAMS = {
    "71046": ("XR CHEST PA AND LATERAL", ["R07.9", "R05.9", "J18.9", "R06.02"],
              ["The lungs are clear without focal consolidation, effusion, or pneumothorax.",
               "The cardiomediastinal silhouette is within normal limits.",
               "No acute osseous abnormality is identified."],
              ["No acute cardiopulmonary process."]),
    "73562": ("XR KNEE RIGHT 3 VIEWS", ["M25.561", "M17.11"],
              ["There is moderate medial compartment joint space narrowing with marginal osteophytes.",
               "No fracture or dislocation. Small suprapatellar joint effusion.",
               "Soft tissues are unremarkable."],
              ["Moderate medial compartment osteoarthritis of the right knee.", "Small joint effusion."]),
    "72100": ("XR LUMBAR SPINE 2-3 VIEWS", ["M54.50"],
              ["Five non-rib-bearing lumbar vertebrae. Vertebral body heights are maintained.",
               "Mild disc space narrowing at L4-L5 and L5-S1 with small anterior osteophytes.",
               "No spondylolisthesis. Sacroiliac joints are unremarkable."],
              ["Mild degenerative disc disease at L4-S1.", "No acute fracture."]),
    "74176": ("CT ABDOMEN AND PELVIS WITHOUT CONTRAST", ["R10.9", "R10.11"],
              ["Liver, spleen, pancreas and adrenal glands are unremarkable on this noncontrast exam.",
               "No hydronephrosis or renal calculi. The appendix is normal.",
               "No free fluid or free air. No bowel obstruction."],
              ["No acute abnormality in the abdomen or pelvis."]),
    "70450": ("CT HEAD WITHOUT CONTRAST", ["R51.9", "G43.909"],
              ["No intracranial hemorrhage, mass effect, or midline shift.",
               "Gray-white matter differentiation is preserved. Ventricles are normal in size.",
               "Visualized paranasal sinuses and mastoid air cells are clear."],
              ["No acute intracranial abnormality."]),
    "77067": ("SCREENING MAMMOGRAM BILATERAL WITH CAD", ["Z12.31"],
              ["The breasts are heterogeneously dense, which may obscure small masses.",
               "No suspicious masses, calcifications, or architectural distortion.",
               "Computer-aided detection was utilized."],
              ["BI-RADS 1: Negative.", "Routine screening mammogram recommended in 1 year."]),
    "76700": ("US ABDOMEN COMPLETE", ["R10.11", "K80.20"],
              ["Multiple mobile echogenic shadowing gallstones, largest measuring 1.2 cm.",
               "No gallbladder wall thickening or pericholecystic fluid. CBD measures 4 mm.",
               "Liver, pancreas, kidneys and spleen are unremarkable."],
              ["Cholelithiasis without sonographic evidence of acute cholecystitis."]),
    "73610": ("XR ANKLE RIGHT COMPLETE 3 VIEWS", ["S93.401A"],
              ["Lateral soft tissue swelling. No acute fracture or dislocation.",
               "The ankle mortise is congruent. No osteochondral lesion."],
              ["Soft tissue swelling without fracture."]),
}
SPECIALTY_REFERRAL = {"Cardiology": (["R07.9", "I48.91", "I10"], ["99204", "93306"]),
                      "Orthopedics": (["M17.11", "M25.561"], ["99203", "20610"]),
                      "Gastroenterology": (["K21.9", "R10.9"], ["99204", "43239"]),
                      "Endocrinology": (["E11.65", "E03.9"], ["99204"]),
                      "Pulmonology": (["J44.9", "R06.02"], ["99203", "94010"]),
                      "Neurology": (["G43.909", "R51.9"], ["99204"]),
                      "Physical Therapy": (["M54.50"], ["97161", "97110"]),
                      "Urology": (["N39.0", "R30.0"], ["99203"])}


# ----------------------------------------------------------------------------
# identifiers and formats
# ----------------------------------------------------------------------------
def luhn_check_digit(payload):
    total = 0
    for i, ch in enumerate(reversed(payload)):
        d = int(ch)
        if i % 2 == 0:          # rightmost payload digit is doubled
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def make_npi(r):
    body = r.choice("12") + "".join(r.choice("0123456789") for _ in range(8))
    return body + luhn_check_digit("80840" + body)


def digits(r, n):
    return "".join(r.choice("0123456789") for _ in range(n))


def make_mrn(r):
    k = r.choice(["d", "d", "d0", "mr", "dash", "d"])
    if k == "d":
        return r.choice("123456789") + digits(r, r.randint(5, 9))
    if k == "d0":
        n = r.randint(7, 10)
        lead = r.randint(1, 3)
        return "0" * lead + r.choice("123456789") + digits(r, n - lead - 1)
    if k == "mr":
        return "MR" + "00" + digits(r, 5)
    return digits(r, 2) + "-" + digits(r, 3) + "-" + digits(r, 3)


MBI_ALPHA = "ACDEFGHJKMNPQRTUVWXY"


def make_member_id(r, medicare=False):
    if medicare:   # Medicare Beneficiary Identifier shape
        an = MBI_ALPHA + "0123456789"
        s = (r.choice("123456789") + r.choice(MBI_ALPHA) + r.choice(an) + r.choice("0123456789") +
             r.choice(MBI_ALPHA) + r.choice(an) + r.choice("0123456789") + r.choice(MBI_ALPHA) +
             r.choice(MBI_ALPHA) + digits(r, 2))
        return s
    k = r.choice(["abc9", "w9", "h11", "abc9", "num"])
    up = "ABCDEFGHJKLMNPQRSTUVWXYZ"
    if k == "abc9":
        return "".join(r.choice(up) for _ in range(3)) + digits(r, 9)
    if k == "w9":
        return r.choice("WUZ") + digits(r, 9)
    if k == "h11":
        return r.choice(up) + digits(r, 8) + r.choice(["01", "02", "00"])
    return r.choice("123456789") + digits(r, 8) + "-" + r.choice(["01", "02"])


def make_group(r):
    k = r.choice(["grp", "num5", "num7", "alnum", "dash"])
    if k == "grp":
        return "GRP-" + digits(r, 4) + r.choice("ABCDEFGHK")
    if k == "num5":
        return r.choice("123456789") + digits(r, 4)
    if k == "num7":
        return "00" + digits(r, 5)
    if k == "alnum":
        return r.choice("GHKLX") + r.choice("ABCDEFGHXYZ") + digits(r, 4)
    return digits(r, 6) + "-" + digits(r, 3)


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
DATE_FORMATS = ["mdy", "mdy", "m/d/yy", "m/d/yyyy", "iso", "long", "abbr", "dd-mon-yyyy", "DD-MON-YYYY",
                "d mon yyyy", "mm-dd-yyyy"]


def fmt_date(d, f):
    mon = MONTHS[d.month - 1]
    if f == "mdy":
        return "%02d/%02d/%04d" % (d.month, d.day, d.year)
    if f == "m/d/yy":
        return "%d/%d/%02d" % (d.month, d.day, d.year % 100)
    if f == "m/d/yyyy":
        return "%d/%d/%04d" % (d.month, d.day, d.year)
    if f == "iso":
        return d.isoformat()
    if f == "long":
        return "%s %d, %d" % (mon, d.day, d.year)
    if f == "abbr":
        return "%s %d, %d" % (mon[:3], d.day, d.year)
    if f == "dd-mon-yyyy":
        return "%02d-%s-%d" % (d.day, mon[:3], d.year)
    if f == "DD-MON-YYYY":
        return "%02d-%s-%d" % (d.day, mon[:3].upper(), d.year)
    if f == "d mon yyyy":
        return "%d %s %d" % (d.day, mon[:3], d.year)
    if f == "mm-dd-yyyy":
        return "%02d-%02d-%04d" % (d.month, d.day, d.year)
    if f == "mm dd yyyy":
        return "%02d %02d %04d" % (d.month, d.day, d.year)
    if f == "mm dd yy":
        return "%02d %02d %02d" % (d.month, d.day, d.year % 100)
    raise ValueError(f)


def safe_dob_format(r, dob, choices=None):
    fs = list(choices or DATE_FORMATS)
    if not (1940 <= dob.year <= 1999 or 2000 <= dob.year <= 2020):
        fs = [f for f in fs if f != "m/d/yy"]
    return r.choice(fs)


NAME_FORMATS = ["First Last", "First M. Last", "First Middle Last", "Last, First", "Last, First M",
                "Last, First M.", "LAST, FIRST M", "LAST, FIRST", "FIRST LAST", "FIRST M LAST",
                "Last, First Middle"]
LASTFIRST_FORMATS = [f for f in NAME_FORMATS if "," in f]


def fmt_name(p, f):
    first, last, mid = p["first"], p["last"], p.get("middle") or ""
    mi = mid[:1]
    if not mid:
        f = f.replace(", M", "").replace(" Middle", "").replace(" M.", "").replace(" M", "")
    s = f
    out = {"First Last": "%s %s" % (first, last),
           "First M. Last": "%s %s. %s" % (first, mi, last),
           "First Middle Last": "%s %s %s" % (first, mid, last),
           "Last, First": "%s, %s" % (last, first),
           "Last, First M": "%s, %s %s" % (last, first, mi),
           "Last, First M.": "%s, %s %s." % (last, first, mi),
           "LAST, FIRST M": ("%s, %s %s" % (last, first, mi)).upper(),
           "LAST, FIRST": ("%s, %s" % (last, first)).upper(),
           "FIRST LAST": ("%s %s" % (first, last)).upper(),
           "FIRST M LAST": ("%s %s %s" % (first, mi, last)).upper(),
           "Last, First Middle": "%s, %s %s" % (last, first, mid),
           "LAST, FIRST, M": ("%s, %s, %s" % (last, first, mi)).upper()}
    return out[s]


def phone_str(r, area, style=None):
    style = style or r.choice(["paren", "dash", "dot"])
    n = "555-01%02d" % r.randint(0, 99)
    if style == "paren":
        return "(%s) %s" % (area, n)
    if style == "dash":
        return "%s-%s" % (area, n)
    return "%s.%s" % (area, n.replace("-", "."))


def make_address(r, city=None):
    c = city or r.choice(CITIES)
    street = "%d %s %s" % (r.randint(12, 9899), r.choice(STREETS), r.choice(STREET_SUFFIX))
    zipc = c[2] + digits(r, 2)
    return {"street": street, "city": c[0], "state": c[1], "zip": zipc, "area": AREA[c[1]]}


def addr_line2(a, zip4=False, r=None):
    z = a["zip"] + ("-" + digits(r, 4) if zip4 and r else "")
    return "%s, %s %s" % (a["city"], a["state"], z)


def rand_date(r, start, end):
    a, b = start.toordinal(), end.toordinal()
    return dt.date.fromordinal(r.randint(a, b))


def age_on(dob, d):
    return d.year - dob.year - ((d.month, d.day) < (dob.month, dob.day))


def make_person(r, sex=None, dob_range=(dt.date(1936, 1, 1), dt.date(2019, 12, 31))):
    sex = sex or r.choice("MF")
    first = r.choice(MALE if sex == "M" else FEMALE)
    last = r.choice(LAST)
    u = r.random()
    middle = "" if u < 0.25 else (r.choice("ABCDEFGHJKLMNPRSTW") if u < 0.6 else r.choice(MALE if sex == "M" else FEMALE))
    if middle == first:
        middle = ""
    return {"first": first, "last": last, "middle": middle, "sex": sex, "dob": rand_date(r, *dob_range)}


def make_provider(r, cred=None, specialty=None):
    p = make_person(r)
    cred = cred or r.choice(["MD", "MD", "DO", "MD", "NP", "PA-C", "FNP-BC", "MD, FACP"])
    return {"first": p["first"], "last": p["last"], "middle": p["middle"][:1], "cred": cred,
            "npi": make_npi(r), "specialty": specialty or "Family Medicine"}


def prov_name(pv, style=0):
    mi = (" " + pv["middle"] + ".") if pv["middle"] and style != 2 else ""
    if style == 1:
        return "Dr. %s %s" % (pv["first"], pv["last"]) if pv["cred"].startswith(("MD", "DO")) else "%s %s, %s" % (pv["first"], pv["last"], pv["cred"])
    return "%s%s %s, %s" % (pv["first"], mi, pv["last"], pv["cred"])


def make_org(r, name, kind="clinic"):
    a = make_address(r)
    a["suite"] = r.choice(["", "", "Suite %d" % r.randint(100, 450), "Bldg %s" % r.choice("ABC"), "Floor %d" % r.randint(2, 5)])
    return {"name": name, "addr": a, "phone": phone_str(r, a["area"]), "fax": phone_str(r, a["area"]),
            "npi": make_npi(r), "ein": "%02d-%07d" % (r.randint(10, 99), r.randint(0, 9999999)),
            "web": "www." + "".join(ch for ch in name.lower().split(",")[0] if ch.isalnum())[:30] + r.choice([".org", ".com", ".net"]),
            "kind": kind}


def make_case(r, doc_type):
    """All the fictitious facts for one page."""
    c = {"doc_type": doc_type}
    pat = make_person(r)
    if doc_type == "radiology_report" and r.random() < 0.3:
        pat["sex"] = "F"
        pat["first"] = r.choice(FEMALE)
    pat["mrn"] = make_mrn(r)
    medicare = age_on(pat["dob"], dt.date(2024, 1, 1)) >= 66 and r.random() < 0.6
    pat["member_id"] = make_member_id(r, medicare)
    pat["group"] = make_group(r) if not medicare or r.random() < 0.3 else ""
    if not pat["group"]:
        pat["group"] = make_group(r)
    pat["addr"] = make_address(r)
    pat["phone"] = phone_str(r, pat["addr"]["area"])
    c["pat"] = pat
    c["medicare"] = medicare
    pname, pabbr = r.choice(PAYERS)
    if medicare:
        pname, pabbr = r.choice([("Medicare Part B", "MCR"), (pname, pabbr)])
    c["payer"] = make_org(r, pname, "payer")
    c["payer"]["abbr"] = pabbr
    c["payer"]["plan"] = r.choice(PLAN_NAMES)
    c["payer"]["payer_id"] = digits(r, 5)
    c["clinic"] = make_org(r, "%s %s" % (r.choice(CLINIC_PLACE), r.choice(CLINIC_KIND)))
    if r.random() < 0.6:   # clinic in the patient's town
        for k in ("city", "state", "area"):
            c["clinic"]["addr"][k] = pat["addr"][k]
        c["clinic"]["addr"]["zip"] = pat["addr"]["zip"][:3] + digits(r, 2)
        c["clinic"]["phone"] = phone_str(r, pat["addr"]["area"])
        c["clinic"]["fax"] = phone_str(r, pat["addr"]["area"])
    c["prov"] = make_provider(r)
    c["prov2"] = make_provider(r)
    c["dos"] = rand_date(r, dt.date(2021, 1, 4), dt.date(2025, 6, 30))
    if c["dos"] <= pat["dob"]:
        c["dos"] = pat["dob"] + dt.timedelta(days=400)
    c["scen"] = r.choice(SCENARIOS)
    # someone else (guarantor / emergency contact / insured)
    other = make_person(r, dob_range=(dt.date(1940, 1, 1), dt.date(2000, 12, 31)))
    if other["last"] == pat["last"] and other["first"] == pat["first"]:
        other["first"] = "Alex" if other["first"] != "Alex" else "Jordan"
    if r.random() < 0.5:
        other["last"] = pat["last"]
    c["other"] = other
    c["other"]["rel"] = r.choice(["Spouse", "Spouse", "Parent", "Mother" if other["sex"] == "F" else "Father"])
    return c


# ----------------------------------------------------------------------------
# layout engine
# ----------------------------------------------------------------------------
class LayoutError(Exception):
    pass


def M(field, canon, role="f", printed=None):
    """A truth mark: role 'f' = fields, 'o' = optional, 'd' = decoy (not a field)."""
    return (role, field, canon, printed)


def nb(s):
    """protect a value from line wrapping"""
    return s.replace(" ", NBSP)


class T:
    """text segment"""
    def __init__(self, text, st="r", marks=(), pt=None, fam=None):
        self.text, self.st, self.marks, self.pt, self.fam = text, st, list(marks), pt, fam


class CB:
    """check box + label"""
    def __init__(self, checked, label, st="r"):
        self.checked, self.label, self.st = checked, label, st


class Gap:
    def __init__(self, w):
        self.w = w


class KV:
    def __init__(self, label, val, *marks, wide=False):
        self.label, self.val, self.marks, self.wide = label, val, list(marks), wide

    def segs(self, st="r"):
        if isinstance(self.val, str):
            return [T(self.val, st, self.marks)]
        return self.val


SAFE_X0, SAFE_X1, SAFE_Y0, SAFE_Y1 = 165, W - 165, 150, H - 150


class Page:
    def __init__(self, r, pt, fam, hfam=None, mono=None):
        self.r = r
        self.pt = pt
        self.fam = fam
        self.hfam = hfam or fam
        self.mono = mono or r.choice(MONO_FAMILIES)
        self.img = Image.new("L", (W, H), 255)
        self.d = ImageDraw.Draw(self.img)
        self.L = r.randint(200, 265)
        self.R = W - r.randint(200, 265)
        self.T = r.randint(170, 230)
        self.B = H - r.randint(170, 220)
        self.Bc = self.B
        self.y = self.T
        self.runs, self.rules, self.marks = [], [], []
        self.cb_mode = r.choice(["box", "bracket", "box"])
        self.label_case = r.choice(["title", "caps", "title"])
        self.label_st = r.choice(["b", "b", "r"])
        self.colon = r.random() < 0.85
        self.rule_w = r.choice([2, 2, 3, 4])

    # ---- primitives -------------------------------------------------------
    def f(self, st="r", pt=None, fam=None):
        return get_font(fam or self.fam, st, ptpx(pt or self.pt))

    def px(self, pt=None):
        return ptpx(pt or self.pt)

    def lh(self, pt=None, k=1.32):
        return int(round(ptpx(pt or self.pt) * k))

    def asc(self, pt=None):
        return int(round(ptpx(pt or self.pt) * 0.96))

    @staticmethod
    def tw(s, font):
        return font.getlength(s.replace(NBSP, " "))

    def lab(self, s, colon=None):
        if self.label_case == "caps":
            s = s.upper()
        colon = self.colon if colon is None else colon
        if colon and not s.endswith((":", "#", "?")):
            s += ":"
        return s

    def text(self, x, y, s, font, anchor="ls", marks=()):
        s2 = s.replace(NBSP, " ")
        if not s2.strip():
            return None
        if anchor == "ls":
            lead = len(s2) - len(s2.lstrip(" "))
            if lead:
                x += font.getlength(" " * lead)
            s2 = s2.strip(" ")
        box = self.d.textbbox((x, y), s2, font=font, anchor=anchor)
        self.d.text((x, y), s2, font=font, fill=0, anchor=anchor)
        self.runs.append((s2, box))
        for m in marks:
            self.add_mark(m, s2)
        return box

    def add_mark(self, m, run_text=None):
        role, field, canon, printed = m
        printed = (printed if printed is not None else run_text).replace(NBSP, " ")
        self.marks.append((role, field, printed, canon))

    def hline(self, x0, x1, y, w=None):
        w = w or self.rule_w
        self.d.line([(x0, y), (x1, y)], fill=0, width=w)
        self.rules.append((min(x0, x1), y - w / 2.0, max(x0, x1), y + w / 2.0))

    def vline(self, x, y0, y1, w=None):
        w = w or self.rule_w
        self.d.line([(x, y0), (x, y1)], fill=0, width=w)
        self.rules.append((x - w / 2.0, min(y0, y1), x + w / 2.0, max(y0, y1)))

    def rect(self, x0, y0, x1, y1, w=None):
        self.hline(x0, x1, y0, w)
        self.hline(x0, x1, y1, w)
        self.vline(x0, y0, y1, w)
        self.vline(x1, y0, y1, w)

    def blob(self, box):
        """non-text ink area (logo, signature scribble)"""
        self.rules.append(box)

    # ---- segments -----------------------------------------------------------
    def cb_size(self, pt=None):
        return int(round(self.px(pt) * 0.72))

    def seg_w(self, s, pt=None):
        if isinstance(s, Gap):
            return s.w
        if isinstance(s, T):
            return self.tw(s.text, self.f(s.st, s.pt or pt, s.fam))
        if isinstance(s, CB):
            f = self.f(s.st, pt)
            if self.cb_mode == "bracket":
                return self.tw(("[X] " if s.checked else "[ ] ") + s.label, f)
            return self.cb_size(pt) + self.px(pt) * 0.35 + self.tw(s.label, f)
        raise TypeError(s)

    def segs_w(self, segs, pt=None):
        return sum(self.seg_w(s, pt) for s in segs)

    def draw_segs(self, x, base, segs, pt=None):
        for s in segs:
            if isinstance(s, Gap):
                x += s.w
            elif isinstance(s, T):
                f = self.f(s.st, s.pt or pt, s.fam)
                self.text(x, base, s.text, f, marks=s.marks)
                x += self.tw(s.text, f)
            elif isinstance(s, CB):
                f = self.f(s.st, pt)
                if self.cb_mode == "bracket":
                    t = ("[X] " if s.checked else "[ ] ") + s.label
                    self.text(x, base, t, f)
                    x += self.tw(t, f)
                else:
                    b = self.cb_size(pt)
                    y0 = base - b
                    self.rect(x, y0, x + b, base, w=2)
                    if s.checked:
                        self.d.line([(x + 4, y0 + 4), (x + b - 4, base - 4)], fill=0, width=3)
                        self.d.line([(x + 4, base - 4), (x + b - 4, y0 + 4)], fill=0, width=3)
                    x += b + self.px(pt) * 0.35
                    self.text(x, base, s.label, f)
                    x += self.tw(s.label, f)
        return x

    # ---- flow blocks ------------------------------------------------------
    def space(self, k=0.6):
        self.y += int(self.lh() * k)

    def line(self, segs, align="l", x0=None, x1=None, pt=None, k=1.32):
        x0 = self.L if x0 is None else x0
        x1 = self.R if x1 is None else x1
        if isinstance(segs, (T, CB, Gap)):
            segs = [segs]
        w = self.segs_w(segs, pt)
        if w > x1 - x0 + 0.5:
            raise LayoutError("line too wide: %r" % " ".join(s.text for s in segs if isinstance(s, T))[:60])
        x = x0 if align == "l" else (x1 - w if align == "r" else (x0 + x1 - w) / 2.0)
        base = self.y + self.asc(pt)
        self.draw_segs(x, base, segs, pt)
        self.y += self.lh(pt, k)
        return base

    def lr_line(self, left, right, pt=None):
        """left-aligned and right-aligned segments on one line"""
        wl, wr = self.segs_w(left, pt), self.segs_w(right, pt)
        if wl + wr + self.px(pt) > self.R - self.L:
            raise LayoutError("lr line too wide")
        base = self.y + self.asc(pt)
        self.draw_segs(self.L, base, left, pt)
        self.draw_segs(self.R - wr, base, right, pt)
        self.y += self.lh(pt)

    def hr(self, w=None, gap=0.45):
        self.y += int(self.lh() * gap * 0.5)
        self.hline(self.L, self.R, self.y, w)
        self.y += int(self.lh() * gap)

    def wrap_tokens(self, segs, maxw, pt=None):
        """segs: list of T. Returns lines; a line is a list of words; a word is a list of
        pieces (text, st, marks). Spacing follows the source text: pieces not separated
        by a space are glued into one unbreakable word."""
        words = []
        glue = False
        for s in segs:
            mk = [(m[0], m[1], m[2], m[3] if m[3] is not None else s.text.replace(NBSP, " ").strip())
                  for m in s.marks]
            parts = s.text.split(" ")
            first = True
            for i, wd in enumerate(parts):
                if wd == "":
                    glue = False
                    continue
                piece = (wd, s.st, mk if first else [])
                first = False
                if glue and words and i == 0:
                    words[-1].append(piece)
                else:
                    words.append([piece])
                glue = True
            if s.text.endswith(" "):
                glue = False
            if first and mk:        # segment without words but with marks: attach to last word
                words[-1][-1][2].extend(mk)
        lines, cur, curw = [], [], 0.0
        for wd in words:
            ww = sum(self.tw(pc[0], self.f(pc[1], pt)) for pc in wd)
            sp = self.tw(" ", self.f(wd[0][1], pt)) if cur else 0
            if ww > maxw:
                raise LayoutError("token too wide: %r" % "".join(pc[0] for pc in wd))
            if cur and curw + sp + ww > maxw:
                lines.append(cur)
                cur, curw, sp = [], 0.0, 0
            cur.append(wd)
            curw += sp + ww
        if cur:
            lines.append(cur)
        return lines

    @staticmethod
    def line_width_words(p, ln, pt=None):
        w = 0.0
        for k, wd in enumerate(ln):
            if k:
                w += p.tw(" ", p.f(wd[0][1], pt))
            w += sum(p.tw(pc[0], p.f(pc[1], pt)) for pc in wd)
        return w

    def draw_tok_line(self, x, base, words, pt=None):
        # flatten to pieces with explicit spaces, then merge same-style neighbours into runs
        pieces = []
        for k, wd in enumerate(words):
            for n, (t, st, mk) in enumerate(wd):
                pieces.append([(" " if (k and n == 0) else "") + t, st, list(mk)])
        runs = []
        for t, st, mk in pieces:
            if runs and runs[-1][1] == st:
                runs[-1][0] += t
                runs[-1][2].extend(mk)
            else:
                runs.append([t, st, mk])
        for t, st, mk in runs:
            f = self.f(st, pt)
            self.text(x, base, t, f)
            for m in mk:
                self.add_mark(m)
            x += self.tw(t, f)
        return x

    def para(self, segs, x0=None, x1=None, pt=None, k=1.32, after=0.35):
        if isinstance(segs, str):
            segs = [T(segs)]
        x0 = self.L if x0 is None else x0
        x1 = self.R if x1 is None else x1
        for ln in self.wrap_tokens(segs, x1 - x0, pt):
            base = self.y + self.asc(pt)
            self.draw_tok_line(x0, base, ln, pt)
            self.y += self.lh(pt, k)
        self.y += int(self.lh(pt) * after)

    def heading(self, text, style=None, pt=None):
        style = style or self.r.choice(["caps_b", "b", "caps_b_rule", "b_under"])
        pt = pt or self.pt + self.r.choice([0, 1, 1, 2])
        t = text.upper() if "caps" in style else text
        self.y += int(self.lh() * 0.15)
        base = self.line([T(t, "b", pt=pt)], pt=pt, k=1.25)
        if style == "b_under":
            w = self.tw(t, self.f("b", pt))
            self.hline(self.L, self.L + w, base + int(self.px(pt) * 0.3), w=2)
            self.y += int(self.px(pt) * 0.15)
        if style == "caps_b_rule":
            self.hline(self.L, self.R, base + int(self.px(pt) * 0.32), w=2)
            self.y += int(self.px(pt) * 0.2)
        self.y += int(self.lh() * 0.1)

    # ---- checks ---------------------------------------------------------------
    def finalize(self):
        if self.y > self.Bc + 2:
            raise LayoutError("page overflow %d > %d" % (self.y, self.Bc))
        boxes = [b for _, b in self.runs]
        for (s, b) in self.runs:
            if b[0] < SAFE_X0 or b[2] > SAFE_X1 or b[1] < SAFE_Y0 or b[3] > SAFE_Y1:
                raise LayoutError("text outside safe area: %r %r" % (s, b))
        n = len(boxes)
        arr = np.array(boxes, dtype=float)
        for i in range(n):
            a = arr[i]
            o = ((arr[i + 1:, 0] < a[2] - 1) & (arr[i + 1:, 2] > a[0] + 1) &
                 (arr[i + 1:, 1] < a[3] - 1) & (arr[i + 1:, 3] > a[1] + 1))
            if o.any():
                j = i + 1 + int(np.argmax(o))
                raise LayoutError("text overlap: %r / %r" % (self.runs[i][0], self.runs[j][0]))
        if self.rules:
            ru = np.array(self.rules, dtype=float)
            for s, a in self.runs:
                o = ((ru[:, 0] < a[2] - 1) & (ru[:, 2] > a[0] + 1) & (ru[:, 1] < a[3] - 1) & (ru[:, 3] > a[1] + 1))
                if o.any():
                    raise LayoutError("text touches rule: %r" % s)
        texts = [s for s, _ in self.runs]
        for role, field, printed, canon in self.marks:
            if not any(printed in s for s in texts):
                raise LayoutError("mark not drawn: %r" % printed)


# ----------------------------------------------------------------------------
# block renderers
# ----------------------------------------------------------------------------
class C:
    """table cell"""
    def __init__(self, text, st="r", marks=(), align="l"):
        self.text, self.st, self.marks, self.align = text, st, list(marks), align


def _cell(x):
    return x if isinstance(x, C) else C(str(x))


def table(p, headers, rows, ruled="grid", hdr_st="b", pt=None, aligns=None, min_fill=True, pad=None,
          hdr_caps=False, expand=None):
    ncol = len(headers)
    hdr = [C(h.upper() if hdr_caps else h, hdr_st) for h in headers]
    rows = [[_cell(x) for x in row] for row in rows]
    allr = [hdr] + rows
    pad = pad if pad is not None else int(p.px(pt) * 0.38)
    avail = p.R - p.L
    nat, minw = [], []
    for j in range(ncol):
        nw, mw = 0, 0
        for row in allr:
            c = row[j]
            f = p.f(c.st, pt)
            nw = max(nw, p.tw(c.text, f))
            for tok in c.text.split(" "):
                mw = max(mw, p.tw(tok, f))
        nat.append(nw + 2 * pad + 2)
        minw.append(mw + 2 * pad + 2)
    if sum(minw) > avail:
        raise LayoutError("table too wide")
    widths = list(nat)
    if sum(widths) > avail:
        excess = sum(widths) - avail
        slack = [w - m for w, m in zip(widths, minw)]
        tot = sum(slack)
        widths = [w - excess * s / tot for w, s in zip(widths, slack)]
    elif min_fill:
        extra = avail - sum(widths)
        j = expand if expand is not None else max(range(ncol), key=lambda k: nat[k])
        widths[j] += extra
    xs = [p.L]
    for w_ in widths:
        xs.append(xs[-1] + w_)
    aligns = aligns or ["l"] * ncol
    top = p.y
    lh = p.lh(pt, 1.25)
    yy = top
    rule = p.rule_w if ruled != "grid" else 2
    row_bounds = [yy]
    for ri, row in enumerate(allr):
        wrapped = []
        for j, c in enumerate(row):
            lines = p.wrap_tokens([T(c.text, c.st, c.marks)], widths[j] - 2 * pad, pt) if c.text.strip() else []
            wrapped.append(lines)
        nl = max(1, max(len(w_) for w_ in wrapped))
        h = nl * lh + int(pad * 1.2)
        for j, lines in enumerate(wrapped):
            for li, ln in enumerate(lines):
                base = yy + int(pad * 0.6) + li * lh + p.asc(pt)
                wline = Page.line_width_words(p, ln, pt)
                al = row[j].align if row[j].align != "l" else (aligns[j] if ri > 0 else "l")
                x = xs[j] + pad if al == "l" else (xs[j + 1] - pad - wline if al == "r" else (xs[j] + xs[j + 1] - wline) / 2)
                p.draw_tok_line(x, base, ln, pt)
        yy += h
        row_bounds.append(yy)
    # rules
    if ruled == "grid":
        for yb in row_bounds:
            p.hline(xs[0], xs[-1], yb, 2)
        for x in xs:
            p.vline(x, row_bounds[0], row_bounds[-1], 2)
    elif ruled == "hrules":
        for yb in row_bounds:
            p.hline(xs[0], xs[-1], yb, 1)
    elif ruled == "header":
        p.hline(xs[0], xs[-1], row_bounds[0], 2)
        p.hline(xs[0], xs[-1], row_bounds[1], 2)
        p.hline(xs[0], xs[-1], row_bounds[-1], 1)
    elif ruled == "box":
        p.rect(xs[0], row_bounds[0], xs[-1], row_bounds[-1], 2)
        p.hline(xs[0], xs[-1], row_bounds[1], 2)
    p.y = yy + int(p.lh() * 0.45)
    return xs, row_bounds


def kv_label(p, it, st=None):
    return T(p.lab(it.label), st or p.label_st)


def kv_cols(p, items, ncols=2, pt=None, gap_em=0.6, rowk=1.38):
    """two (or n) column key: value block, column-major"""
    normal = [it for it in items if not it.wide]
    wide = [it for it in items if it.wide]
    for nc in range(ncols, 0, -1):
        colgap = p.px(pt) * 2.0
        colw = (p.R - p.L - colgap * (nc - 1)) / nc
        nrows = (len(normal) + nc - 1) // nc
        cols = [normal[i * nrows:(i + 1) * nrows] for i in range(nc)]
        ok = True
        lws = []
        for col in cols:
            lw = max([p.segs_w([kv_label(p, it)], pt) for it in col] or [0])
            lws.append(lw)
            for it in col:
                if lw + p.px(pt) * gap_em + p.segs_w(it.segs(), pt) > colw:
                    ok = False
        if ok:
            break
    else:
        raise LayoutError("kv too wide")
    y0 = p.y
    for ci, col in enumerate(cols):
        x = p.L + ci * (colw + colgap)
        for ri, it in enumerate(col):
            base = y0 + ri * p.lh(pt, rowk) + p.asc(pt)
            p.draw_segs(x, base, [kv_label(p, it)], pt)
            p.draw_segs(x + lws[ci] + p.px(pt) * gap_em, base, it.segs(), pt)
    p.y = y0 + nrows * p.lh(pt, rowk)
    for it in wide:
        segs = [kv_label(p, it), Gap(p.px(pt) * gap_em)] + it.segs()
        if p.segs_w(segs, pt) <= p.R - p.L:
            p.line(segs, pt=pt, k=rowk)
        else:
            p.para([T(p.lab(it.label) + " ", p.label_st)] + [T(s.text, s.st, s.marks) for s in it.segs()], pt=pt, after=0.1)
    p.y += int(p.lh() * 0.3)


def kv_inline(p, items, pt=None, sep_em=1.6):
    """items packed greedily on lines: Label: value   Label: value"""
    lines, cur = [], []
    avail = p.R - p.L
    for it in items:
        segs = [kv_label(p, it), Gap(p.px(pt) * 0.35)] + it.segs()
        trial = cur + ([Gap(p.px(pt) * sep_em)] if cur else []) + segs
        if cur and p.segs_w(trial, pt) > avail:
            lines.append(cur)
            cur = segs
        else:
            cur = trial
    if cur:
        lines.append(cur)
    for ln in lines:
        p.line(ln, pt=pt, k=1.4)
    p.y += int(p.lh() * 0.3)


def kv_grid(p, items, ncols=3, pt=None, above=False, lab_pt=None):
    """ruled grid; each cell 'Label: value' or label above value (claim-form style)"""
    lab_pt = lab_pt or (max(9, (pt or p.pt) - 2) if above else pt)
    pad = int(p.px(pt) * 0.35)
    avail = p.R - p.L

    def natw(it):
        lw = p.segs_w([T(p.lab(it.label, colon=not above) if not above else it.label.upper(), p.label_st if not above else "r", pt=lab_pt)], lab_pt)
        vw = p.segs_w(it.segs(), pt)
        return (max(lw, vw) if above else lw + p.px(pt) * 0.4 + vw) + 2 * pad + 4

    # pack into rows greedily (respecting max ncols)
    rows, cur = [], []
    for it in items:
        w_ = natw(it)
        if w_ > avail:
            raise LayoutError("grid cell too wide")
        if cur and (len(cur) >= ncols or sum(natw(x) for x in cur) + w_ > avail or it.wide):
            rows.append(cur)
            cur = []
        cur.append(it)
        if it.wide:
            rows.append(cur)
            cur = []
    if cur:
        rows.append(cur)
    y = p.y
    for row in rows:
        nw = [natw(it) for it in row]
        extra = avail - sum(nw)
        ws = [w_ + extra * w_ / sum(nw) for w_ in nw] if p.r.random() < 0.5 else [w_ + extra / len(nw) for w_ in nw]
        h = (p.lh(lab_pt, 1.1) + p.lh(pt, 1.15) + pad) if above else p.lh(pt, 1.2) + pad
        x = p.L
        for it, w_ in zip(row, ws):
            if above:
                lf_base = y + int(pad * 0.5) + p.asc(lab_pt)
                p.draw_segs(x + pad, lf_base, [T(it.label.upper(), "r", pt=lab_pt)], lab_pt)
                vbase = y + int(pad * 0.5) + p.lh(lab_pt, 1.1) + p.asc(pt)
                p.draw_segs(x + pad, vbase, it.segs(), pt)
            else:
                base = y + int(pad * 0.5) + p.asc(pt)
                xx = p.draw_segs(x + pad, base, [kv_label(p, it)], pt)
                p.draw_segs(xx + p.px(pt) * 0.4, base, it.segs(), pt)
            p.rect(x, y, x + w_, y + h, 2)
            x += w_
        y += h
    p.y = y + int(p.lh() * 0.45)


def kv_underline(p, items, pt=None, per_row=None):
    """Label: ____value____ with values sitting on underlines"""
    avail = p.R - p.L
    per_row = per_row or p.r.choice([2, 3])
    gap = p.px(pt) * 1.2

    def need(it):
        return p.segs_w([kv_label(p, it)], pt) + p.px(pt) * 0.3 + p.segs_w(it.segs(), pt) + p.px(pt) * 1.2

    rows, cur = [], []
    for it in items:
        if cur and (len(cur) >= per_row or sum(need(x) for x in cur) + gap * len(cur) + need(it) > avail or it.wide):
            rows.append(cur)
            cur = []
        cur.append(it)
    if cur:
        rows.append(cur)
    for row in rows:
        nw = [need(it) for it in row]
        extra = avail - sum(nw) - gap * (len(row) - 1)
        if extra < 0:
            raise LayoutError("underline row too wide")
        ws = [w_ + extra / len(row) for w_ in nw]
        base = p.y + p.asc(pt) + int(p.px(pt) * 0.2)
        x = p.L
        for it, w_ in zip(row, ws):
            xl = p.draw_segs(x, base, [kv_label(p, it)], pt)
            xv = xl + p.px(pt) * 0.3
            p.hline(xv, x + w_, base + int(p.px(pt) * 0.32), 2)
            p.draw_segs(xv + p.px(pt) * 0.4, base, it.segs(), pt)
            x += w_ + gap
        p.y += p.lh(pt, 1.65)
    p.y += int(p.lh() * 0.2)


def kv_table2(p, items, pt=None):
    """labels in a header row, values in the row below (ruled grid)"""
    avail = p.R - p.L
    # split into chunks that fit
    chunks, cur = [], []
    for it in items:
        trial = cur + [it]
        tot = sum(max(p.tw(x.label, p.f("b", pt)), p.segs_w(x.segs(), pt)) + p.px(pt) for x in trial)
        if cur and tot > avail:
            chunks.append(cur)
            cur = [it]
        else:
            cur = trial
    if cur:
        chunks.append(cur)
    for ch in chunks:
        rows = [[C(" ".join(s.text for s in it.segs() if isinstance(s, T)) or "", "r", [m for s in it.segs() if isinstance(s, T) for m in s.marks]) for it in ch]]
        # values with check boxes are not supported here -> caller avoids
        for j, it in enumerate(ch):
            rows[0][j].text = nb(rows[0][j].text)
        table(p, [it.label for it in ch], rows, ruled="grid", pt=pt, hdr_caps=p.label_case == "caps")


def kv_block(p, items, style=None, pt=None):
    has_cb = any(isinstance(s, CB) for it in items for s in it.segs())
    styles = ["kv2", "kv2", "kv1", "inline", "grid", "boxes", "underline", "table2"]
    if has_cb:
        styles.remove("table2")
    style = style or p.r.choice(styles)
    if style == "kv2":
        kv_cols(p, items, 2, pt)
    elif style == "kv3":
        kv_cols(p, items, 3, pt)
    elif style == "kv1":
        kv_cols(p, items, 1, pt)
    elif style == "inline":
        kv_inline(p, items, pt)
    elif style == "grid":
        kv_grid(p, items, p.r.choice([2, 3]), pt)
    elif style == "boxes":
        kv_grid(p, items, p.r.choice([3, 4]), pt, above=True)
    elif style == "underline":
        kv_underline(p, items, pt)
    elif style == "table2":
        kv_table2(p, items, pt)
    return style


def draw_logo(p, x, y, s):
    kind = p.r.choice(["cross", "circle", "leaf", "square"])
    d = p.d
    if kind == "cross":
        t = s // 3
        d.rectangle([x + t, y, x + 2 * t, y + s], fill=0)
        d.rectangle([x, y + t, x + s, y + 2 * t], fill=0)
    elif kind == "circle":
        d.ellipse([x, y, x + s, y + s], outline=0, width=max(4, s // 12))
        d.ellipse([x + s // 4, y + s // 4, x + 3 * s // 4, y + 3 * s // 4], fill=0)
    elif kind == "leaf":
        d.pieslice([x, y, x + s, y + s], 200, 340, fill=0)
        d.pieslice([x, y + s // 6, x + s, y + s + s // 6], 20, 160, outline=0, width=6)
    else:
        d.rectangle([x, y, x + s, y + s], outline=0, width=max(4, s // 14))
        d.polygon([(x + s // 2, y + s // 6), (x + 5 * s // 6, y + 5 * s // 6), (x + s // 6, y + 5 * s // 6)], fill=0)
    p.blob((x, y, x + s, y + s))


def letterhead(p, org, style=None, npi=False, ein=False, extra_lines=(), web=None):
    r = p.r
    style = style or r.choice(["center", "left_right", "logo", "center_rule2"])
    a = org["addr"]
    web = r.random() < 0.35 if web is None else web
    name_pt = r.choice([15, 16, 17, 18, 20, 22])
    fam = p.hfam
    name = org["name"].upper() if r.random() < 0.4 else org["name"]
    street = a["street"] + ((", " + a["suite"]) if a["suite"] else "")
    city = addr_line2(a, r.random() < 0.3, r)
    ph = r.choice(["Phone", "Tel", "Ph", "P", "Telephone"])
    fx = r.choice(["Fax", "F", "Fax"])
    contact = "%s %s  |  %s %s" % (ph + ":" if len(ph) > 1 else ph, org["phone"], fx + ":" if len(fx) > 1 else fx, org["fax"])
    small = max(9, p.pt - r.choice([0, 1, 2]))
    npi_segs = [T("NPI: %s" % org["npi"], "r", [M("npi", org["npi"], printed=org["npi"])])] if npi else []
    ein_t = r.choice(["EIN", "Tax ID", "TIN", "Federal Tax ID"]) + " " + org["ein"]
    if style in ("center", "center_rule2"):
        p.line([T(name, "b", pt=name_pt, fam=fam)], align="c", pt=name_pt, k=1.2)
        p.line([T(street)], align="c", pt=small)
        p.line([T(city)], align="c", pt=small)
        p.line([T(contact)], align="c", pt=small)
        extras = []
        if npi:
            extras += npi_segs
        if ein:
            extras += ([Gap(p.px(small) * 1.5)] if extras else []) + [T(ein_t)]
        if web:
            extras += ([Gap(p.px(small) * 1.5)] if extras else []) + [T(org["web"], "i")]
        if extras:
            p.line(extras, align="c", pt=small)
        for e in extra_lines:
            p.line([T(e)], align="c", pt=small)
        p.y += int(p.lh() * 0.2)
        p.hline(p.L, p.R, p.y, 4 if style == "center" else 3)
        if style == "center_rule2":
            p.hline(p.L, p.R, p.y + 10, 1)
        p.y += int(p.lh() * 0.8)
    else:
        x0 = p.L
        top = p.y
        logo_s = 0
        if style == "logo":
            logo_s = int(ptpx(name_pt) * 2.2)
            draw_logo(p, p.L, p.y + 6, logo_s)
            x0 = p.L + logo_s + p.px() * 0.9
        right = [[T(ph + ": " + org["phone"])], [T(fx + ": " + org["fax"])]]
        if npi:
            right.append(npi_segs)
        if ein:
            right.append([T(ein_t)])
        if web:
            right.append([T(org["web"], "i")])
        left = [([T(name, "b", pt=name_pt, fam=fam)], name_pt), ([T(street)], small), ([T(city)], small)]
        for e in extra_lines:
            left.append(([T(e)], small))
        wr = max(p.segs_w(sg, small) for sg in right)
        room = p.R - x0 - wr - p.px() * 1.5
        while name_pt > 13 and p.tw(name, p.f("b", name_pt, fam)) > room:
            name_pt -= 1
        below = p.tw(name, p.f("b", name_pt, fam)) > room
        left[0] = ([T(name, "b", pt=name_pt, fam=fam)], name_pt)
        yl = top
        for segs, ptx in left:
            w_ = p.segs_w(segs, ptx)
            if x0 + w_ > p.R:
                raise LayoutError("letterhead too wide")
            base = yl + p.asc(ptx)
            p.draw_segs(x0, base, segs, ptx)
            yl += p.lh(ptx, 1.2)
        yr = top + (p.lh(name_pt, 1.2) if (below or (style == "logo" and r.random() < 0.5)) else int(p.px(small) * 0.3))
        rx = p.R
        for segs in right:
            w_ = p.segs_w(segs, small)
            base = yr + p.asc(small)
            p.draw_segs(rx - w_, base, segs, small)
            yr += p.lh(small)
        p.y = max(yl, yr, top + logo_s + 18) + int(p.lh() * 0.2)
        p.hline(p.L, p.R, p.y, r.choice([2, 3, 5]))
        p.y += int(p.lh() * 0.8)


def title(p, text, style=None, pt=None):
    r = p.r
    style = style or r.choice(["center", "center", "left", "boxed", "center_under"])
    pt = pt or r.choice([13, 14, 15, 16, 18])
    t = text.upper() if r.random() < 0.7 else text
    while pt > 12 and p.tw(t, p.f("b", pt, p.hfam)) > (p.R - p.L) * 0.92:
        pt -= 1
    if p.tw(t, p.f("b", pt, p.hfam)) > (p.R - p.L) * 0.92:
        t = text
    f = p.f("b", pt, p.hfam)
    if style == "boxed":
        w_ = p.tw(t, f)
        padx, pady = p.px(pt) * 0.6, p.px(pt) * 0.35
        x0 = (p.L + p.R - w_) / 2 - padx
        y0 = p.y
        base = y0 + pady + p.asc(pt)
        p.text((p.L + p.R - w_) / 2, base, t, f)
        y1 = base + p.px(pt) * 0.3 + pady
        p.rect(x0, y0, x0 + w_ + 2 * padx, y1, 3)
        p.y = int(y1 + p.lh() * 0.7)
        return
    base = p.line([T(t, "b", pt=pt, fam=p.hfam)], align="c" if style != "left" else "l", pt=pt, k=1.25)
    if style == "center_under":
        w_ = p.tw(t, f)
        x0 = (p.L + p.R - w_) / 2
        p.hline(x0, x0 + w_, base + int(p.px(pt) * 0.32), 2)
        p.y += int(p.px(pt) * 0.2)
    p.y += int(p.lh() * 0.4)



def signature_row(p, caption, date_text):
    """A scribbled signature on a rule, the signing date on a second rule beside it, captions below."""
    p.space(0.6)
    y = p.y
    colw = (p.R - p.L) // 2
    scribble(p, p.L + 20, y, int(p.px() * 6.5), int(p.px() * 1.3))
    p.y += int(p.px() * 1.5)
    colw = max(colw, int(p.tw(caption, p.f("i", max(9, p.pt - 1))) + p.px() * 1.5))
    if colw + p.px() * 8 > p.R - p.L:
        raise LayoutError("signature row too wide")
    p.hline(p.L, p.L + colw - p.px(), p.y, 2)
    p.hline(p.L + colw, p.L + colw + p.px() * 8, p.y, 2)
    p.text(p.L + colw + p.px() * 0.4, p.y - int(p.px() * 0.35), date_text, p.f())
    p.y += int(p.px() * 0.25)
    base = p.y + p.asc(max(9, p.pt - 1))
    p.text(p.L, base, caption, p.f("i", max(9, p.pt - 1)))
    p.text(p.L + colw, base, "Date", p.f("i", max(9, p.pt - 1)))
    p.y += p.lh()

def scribble(p, x, y, w, h):
    r = p.r
    pts = []
    n = r.randint(5, 9)
    for i in range(n * 6 + 1):
        t = i / float(n * 6)
        xx = x + t * w
        yy = y + h / 2 + (h / 2.4) * np.sin(t * n * np.pi + r.random() * 0.6) * (0.5 + 0.5 * np.sin(t * 3.1 + 1))
        pts.append((xx, yy))
    p.d.line(pts, fill=0, width=r.choice([3, 4, 5]), joint="curve")
    p.blob((x - 4, y - 4, x + w + 4, y + h + 4))


def signature(p, pv, sig_date, style=None, role_label=None, npi=True, x0=None):
    """sig_date: printed string of the signature date (decoy)."""
    r = p.r
    style = style or r.choice(["line", "line", "esign", "line_date"])
    nm = prov_name(pv)
    npi_lab = r.choice(["NPI", "NPI#", "NPI:", "Provider NPI", "NPI No."])
    npi_txt = "%s %s" % (npi_lab if npi_lab.endswith(":") or npi_lab.endswith("#") else npi_lab + ":", pv["npi"])
    npi_mark = [M("npi", pv["npi"], printed=pv["npi"])]
    x0 = p.L if x0 is None else x0
    if style == "esign":
        segs = [T("Electronically signed by "), T(nb(nm), "b")]
        if npi:
            segs.append(T(" (%s) " % nb(npi_txt), "r", npi_mark))
        segs.append(T(" on %s at %d:%02d %s" % (nb(sig_date), r.randint(1, 12), r.randint(0, 59), r.choice(["AM", "PM"]))))
        p.y += int(p.lh() * 0.3)
        p.para(segs, x0=x0)
        return
    p.y += int(p.lh() * 0.5)
    sh = int(p.px() * 1.6)
    scribble(p, x0 + 20, p.y, int(p.px() * r.uniform(6, 10)), sh)
    p.y += sh + 12
    lw = int(p.px() * 14)
    p.hline(x0, x0 + lw, p.y, 2)
    if style == "line_date":
        p.hline(x0 + lw + p.px() * 2, x0 + lw + p.px() * 9, p.y, 2)
        base = p.y - int(p.px() * 0.35)
        p.text(x0 + lw + p.px() * 2.4, base, sig_date, p.f("r"))
    p.y += int(p.px() * 0.25)
    lab = role_label or r.choice(["Physician Signature", "Provider Signature", "Signature", "Authorized Signature"])
    if style == "line_date":
        base = p.y + p.asc(max(9, p.pt - 1))
        p.text(x0, base, lab, p.f("i", max(9, p.pt - 1)))
        p.text(x0 + lw + p.px() * 2, base, "Date", p.f("i", max(9, p.pt - 1)))
        p.y += p.lh(max(9, p.pt - 1))
    p.line([T(nm, "b")], x0=x0)
    if pv.get("specialty") and r.random() < 0.6:
        p.line([T(pv["specialty"])], x0=x0)
    if npi:
        p.line([T(npi_txt, "r", npi_mark)], x0=x0)
    if style == "line":
        p.line([T("Date: " + sig_date)], x0=x0)
    p.y += int(p.lh() * 0.3)


def reserve_footer(p, nlines=1):
    fpt = max(9, p.pt - 2)
    p.fpt = fpt
    p.Bc = p.B - nlines * p.lh(fpt) - int(p.lh() * 0.8)


def footer(p, left=None, center=None, right=None, lines2=None):
    fpt = p.fpt
    rows = [(left, center, right)] + ([lines2] if lines2 else [])
    y = p.B - len(rows) * p.lh(fpt)
    p.hline(p.L, p.R, y - int(p.lh(fpt) * 0.35), 1)
    for (l, c, rr) in rows:
        base = y + p.asc(fpt)
        f = p.f("r", fpt)
        if l:
            p.text(p.L, base, l, f)
        if c:
            p.text((p.L + p.R - p.tw(c, f)) / 2, base, c, f)
        if rr:
            p.text(p.R - p.tw(rr, f), base, rr, f)
        y += p.lh(fpt)


def std_footer(p, org_name=None):
    r = p.r
    conf = r.choice(["CONFIDENTIAL", "CONFIDENTIAL - Protected Health Information",
                     "Confidential patient information", "This document contains PHI. Handle per HIPAA."])
    pg = r.choice(["Page 1 of 1", "Page 1 of 1", "Pg 1/1", "1 of 1"])
    form = r.choice([None, "Form %s-%d Rev. %02d/%d" % (r.choice(["REG", "CLN", "MR", "HIM"]), r.randint(100, 999), r.randint(1, 12), r.randint(2015, 2023))])
    opts = [(conf, None, pg), (form or conf, None, pg), (None, pg, None), (conf, pg, form)]
    l, c, rr = r.choice(opts)
    f = p.f("r", p.fpt)
    wl, wc, wr = (p.tw(x, f) if x else 0 for x in (l, c, rr))
    half = (p.R - p.L) / 2.0 - p.px() * 1.0
    if c and (wl + wc / 2 > half or wr + wc / 2 > half):
        c = None
        wc = 0
    if not c and wl + wr > p.R - p.L - p.px() * 2:
        l = "CONFIDENTIAL"
    footer(p, l, c, rr)


# ----------------------------------------------------------------------------
# field items with varied labels / formats
# ----------------------------------------------------------------------------
LBL = {
    "name": ["Patient", "Patient Name", "Pt Name", "Patient's Full Name", "Name", "Patient Name"],
    "name_lf": ["Name (Last, First)", "Patient Name (Last, First, MI)", "Patient (Last, First)"],
    "member_name": ["Member", "Member Name", "Insured", "Subscriber", "Insured Name"],
    "dob": ["DOB", "D.O.B.", "Date of Birth", "Birthdate", "Birth Date", "DOB"],
    "dob_mdy": ["Birth Date (MM/DD/YYYY)", "DOB (MM/DD/YYYY)", "Date of Birth (mm/dd/yyyy)"],
    "mrn": ["MRN", "MR#", "Medical Record Number", "Chart No.", "Patient ID", "Acct/MRN", "Med Rec #", "MRN"],
    "member": ["Member ID", "ID#", "Subscriber ID", "Policy Number", "Member #", "Member ID No.", "Policy/ID No."],
    "group": ["Group", "Group No.", "GRP#", "Group Number", "Group #", "Grp No."],
    "dos": ["Date of Service", "DOS", "Visit Date", "Encounter Date", "Date Seen", "Service Date"],
    "npi": ["NPI", "NPI#", "Provider NPI", "NPI No."],
    "icd": ["Dx", "Diagnosis", "ICD-10", "Assessment", "Diagnosis Code(s)", "ICD-10-CM"],
    "cpt": ["CPT", "Procedure Code", "Services", "CPT/HCPCS", "CPT Code(s)", "Proc Code"],
}


class Fmt:
    """per-page value format choices"""
    def __init__(self, r, c):
        self.r = r
        self.date_f = r.choice(DATE_FORMATS)
        self.dob_f = self.date_f if r.random() < 0.6 else safe_dob_format(r, c["pat"]["dob"])
        if self.dob_f == "m/d/yy" and not (1940 <= c["pat"]["dob"].year <= 2020):
            self.dob_f = "mdy"
        self.name_f = r.choice(NAME_FORMATS)

    def d(self, date):
        return fmt_date(date, self.date_f)


def name_item(p, c, fm, label=None, lf=None):
    r = p.r
    pat = c["pat"]
    if label is None:
        lf = r.random() < 0.3 if lf is None else lf
        label = r.choice(LBL["name_lf"] if lf else LBL["name"])
    if "Last" in label:
        nf = r.choice(LASTFIRST_FORMATS)
    else:
        nf = fm.name_f
    s = fmt_name(pat, nf)
    return KV(label, nb(s), M("patient_name", pat["first"] + " " + pat["last"], printed=s))


def dob_item(p, c, fm, label=None):
    r = p.r
    label = label or (r.choice(LBL["dob_mdy"]) if r.random() < 0.15 else r.choice(LBL["dob"]))
    f = "mdy" if "MM/DD" in label.upper() else fm.dob_f
    s = fmt_date(c["pat"]["dob"], f)
    return KV(label, nb(s), M("dob", c["pat"]["dob"].isoformat(), printed=s))


def mrn_item(p, c, label=None):
    label = label or p.r.choice(LBL["mrn"])
    v = c["pat"]["mrn"]
    return KV(label, v, M("mrn", v, printed=v))


def member_item(p, c, label=None):
    label = label or p.r.choice(LBL["member"])
    v = c["pat"]["member_id"]
    return KV(label, v, M("member_id", v, printed=v))


def group_item(p, c, label=None):
    label = label or p.r.choice(LBL["group"])
    v = c["pat"]["group"]
    return KV(label, v, M("group_number", v, printed=v))


def dos_item(p, c, fm, label=None, date=None, role="f"):
    label = label or p.r.choice(LBL["dos"])
    date = date or c["dos"]
    s = fm.d(date)
    return KV(label, nb(s), M("service_date", date.isoformat(), role=role, printed=s))


def sex_item(p, c, label=None):
    r = p.r
    label = label or r.choice(["Sex", "Gender", "Sex at Birth", "Sex"])
    sx = c["pat"]["sex"]
    k = r.choice(["cb", "cb", "letter", "word"])
    if k == "cb":
        return KV(label, [CB(sx == "M", "Male"), Gap(p.px() * 0.8), CB(sx == "F", "Female")])
    if k == "letter":
        return KV(label, sx)
    return KV(label, "Male" if sx == "M" else "Female")


def npi_segs(p, pv, label=None):
    label = label or p.r.choice(LBL["npi"])
    lab = label if label.endswith(("#", ":")) else label + ":"
    return T("%s %s" % (lab, pv["npi"]), "r", [M("npi", pv["npi"], printed=pv["npi"])])


def icd_marks(codes):
    return [M("icd10", cd, printed=cd) for cd in codes]


def cpt_marks(codes):
    return [M("cpt", cd, printed=cd) for cd in codes]


def addr_str(a):
    return "%s, %s, %s %s" % (a["street"], a["city"], a["state"], a["zip"])


def other_name(o, r, upper=None):
    s = r.choice(["%s %s", "%s, %s"])
    n = ("%s %s" % (o["first"], o["last"])) if s == "%s %s" else ("%s, %s" % (o["last"], o["first"]))
    return n.upper() if upper else n


def art(n):
    return "an" if str(n).startswith("8") or n in (11, 18) else "a"


def money(x):
    return "$%s" % format(x, ",.2f")




# ----------------------------------------------------------------------------
# templates
# ----------------------------------------------------------------------------
def t_progress_note(p, c):
    r = p.r
    fm = Fmt(r, c)
    pat, pv, cl = c["pat"], c["prov"], c["clinic"]
    complaint, dx, cpts, meds = c["scen"]
    reserve_footer(p)
    ehr = r.random() < 0.4
    if ehr:
        p.lr_line([T(cl["name"], "b")], [T(cl["phone"])])
        p.hr(w=2)
    else:
        letterhead(p, cl, npi=r.random() < 0.3)
    title(p, r.choice(["Progress Note", "Office Visit Note", "Clinic Note", "Follow-Up Visit", "Encounter Note"]))
    sv = r.random()
    if sv < 0.35:
        # narrative lead with embedded fields
        hon = "Mr." if pat["sex"] == "M" else "Ms."
        nm = fmt_name(pat, r.choice(["First M. Last", "First Last", "First Middle Last"]))
        db = fmt_date(pat["dob"], fm.dob_f)
        ds = fm.d(c["dos"])
        p.line([T(p.lab(r.choice(["Patient", "Pt"])), p.label_st), Gap(p.px() * 0.4),
                T(nb(fmt_name(pat, "LAST, FIRST M")), "r", [M("patient_name", pat["first"] + " " + pat["last"], printed=fmt_name(pat, "LAST, FIRST M"))])])
        p.space(0.3)
        p.heading(r.choice(["History of Present Illness", "HPI", "Subjective"]))
        segs = [T("%s " % hon), T(nb(nm), "r", [M("patient_name", pat["first"] + " " + pat["last"], printed=nm)]),
                T(" (%s " % r.choice(["DOB", "D.O.B.", "born"])), T(nb(db) + ",", "r", [M("dob", pat["dob"].isoformat(), printed=db)]),
                T(" %s " % r.choice(["MRN", "MR#", "chart"])), T(pat["mrn"] + ")", "r", [M("mrn", pat["mrn"], printed=pat["mrn"])]),
                T(" was seen on "), T(nb(ds), "r", [M("service_date", c["dos"].isoformat(), printed=ds)]),
                T(" for %s. %s is %s %d-year-old %s who reports symptoms have been present for about %d %s. "
                  % (complaint, "He" if pat["sex"] == "M" else "She", art(age_on(pat["dob"], c["dos"])), age_on(pat["dob"], c["dos"]),
                     "man" if pat["sex"] == "M" else "woman", r.randint(2, 9), r.choice(["days", "weeks", "months"]))),
                T(r.choice(["Denies fever, chills, or weight loss. ", "No recent hospitalizations. ", "Medication adherence is good. "])),
                T("Last seen in this clinic on %s." % nb(fm.d(c["dos"] - dt.timedelta(days=r.randint(40, 300)))))]
        p.para(segs)
    else:
        items = [name_item(p, c, fm), dob_item(p, c, fm), mrn_item(p, c), dos_item(p, c, fm)]
        if r.random() < 0.5:
            items.insert(2, sex_item(p, c))
        if r.random() < 0.5:
            items.append(KV(r.choice(["Provider", "Rendering Provider", "Seen By", "Attending"]), nb(prov_name(pv))))
        if r.random() < 0.4:
            items.append(KV(r.choice(["Visit Type", "Encounter Type"]), r.choice(["Office Visit", "Follow-up", "Established Patient", "Telehealth"])))
        kv_block(p, items)
        p.heading(r.choice(["Chief Complaint", "CC", "Reason for Visit"]))
        p.para(complaint[0].upper() + complaint[1:] + ".")
        p.heading(r.choice(["History of Present Illness", "HPI", "Subjective"]))
        p.para("Patient is %s %d-year-old %s presenting for %s. Symptoms have been present for about %d %s. %s"
               % (art(age_on(pat["dob"], c["dos"])), age_on(pat["dob"], c["dos"]), "male" if pat["sex"] == "M" else "female", complaint, r.randint(2, 9),
                  r.choice(["days", "weeks", "months"]),
                  r.choice(["Denies fever, chills, or weight loss.", "No recent ER visits.", "Reports good adherence to medications."])))
    p.heading(r.choice(["Vital Signs", "Vitals", "Objective"]))
    bp = "%d/%d" % (r.randint(108, 156), r.randint(64, 96))
    vit = [("BP", bp + " mmHg"), ("HR", "%d bpm" % r.randint(58, 104)), ("Temp", "%.1f F" % r.uniform(97.2, 99.9)),
           ("RR", "%d" % r.randint(12, 20)), ("SpO2", "%d%%" % r.randint(93, 100)), ("Wt", "%d lb" % r.randint(110, 260))]
    if r.random() < 0.5:
        table(p, [v[0] for v in vit], [[v[1] for v in vit]], ruled=r.choice(["grid", "box"]), min_fill=False)
    else:
        sep = r.choice(["; ", " | ", ", "])
        p.para(sep.join(nb("%s %s" % (k, v)) for k, v in vit))
    p.heading(r.choice(["Physical Exam", "Exam"]))
    p.para(r.choice(["General: alert, no acute distress. HEENT: normocephalic, oropharynx clear. Lungs: clear to auscultation bilaterally. Heart: regular rate and rhythm, no murmur.",
                     "Well-appearing. Neck supple without lymphadenopathy. Cardiovascular: RRR. Respiratory: no wheezes or crackles. Abdomen: soft, nontender.",
                     "Constitutional: well developed, well nourished. Lungs: normal effort. Extremities: no edema. Neuro: grossly intact."]))
    p.heading(r.choice(["Assessment and Plan", "Assessment/Plan", "A/P", "Impression and Plan"]))
    st = r.choice(["numbered", "table", "inline"])
    if st == "table":
        table(p, [r.choice(["ICD-10", "Dx Code", "Code"]), r.choice(["Diagnosis", "Description", "Assessment"])],
              [[C(cd, "r", icd_marks([cd])), ICD[cd]] for cd in dx], ruled=r.choice(["grid", "hrules", "header"]))
    else:
        for i, cd in enumerate(dx):
            desc = ICD[cd]
            if st == "numbered":
                segs = [T("%d. %s " % (i + 1, desc)), T("(%s)" % cd, "r", icd_marks([cd]))]
            else:
                segs = [T(cd, "b", icd_marks([cd])), T(" - " + desc)]
            p.para(segs, x0=p.L + p.px(), after=0.05)
        p.space(0.3)
    if meds:
        p.para([T(p.lab("Plan"), "b"), T(" " + r.choice(["Continue", "Start", "Continue/adjust"]) + ": " + "; ".join(meds) + ". "
                                        + r.choice(["Return in 3 months.", "Follow up in 4-6 weeks or sooner if worse.", "RTC 2 weeks."]))])
    lab = r.choice(LBL["cpt"]) if r.random() < 0.6 else r.choice(["Billing", "Charges", "E/M and Procedures"])
    segs = [T(p.lab(lab), "b"), T(" ")]
    for i, cd in enumerate(cpts):
        segs.append(T(cd + (", " if i < len(cpts) - 1 else ""), "r", cpt_marks([cd])))
    p.para(segs)
    signature(p, pv, fm.d(c["dos"] + dt.timedelta(days=r.choice([0, 0, 1, 2]))))
    std_footer(p)


def t_registration(p, c):
    r = p.r
    fm = Fmt(r, c)
    pat, cl, o = c["pat"], c["clinic"], c["other"]
    reserve_footer(p)
    letterhead(p, cl)
    title(p, r.choice(["Patient Registration Form", "New Patient Information", "Patient Demographic & Insurance Form",
                       "Patient Information Sheet", "Registration / Intake"]))
    # office-use strip
    if r.random() < 0.6:
        items = [mrn_item(p, c, r.choice(["Chart No.", "MRN", "Patient ID", "Acct/MRN", "MR#"]))]
        if r.random() < 0.7:
            items.append(dos_item(p, c, fm, r.choice(["Appointment Date", "Visit Date", "Date of Visit", "First Visit Date"])))
        p.line([T(r.choice(["FOR OFFICE USE ONLY", "Office Use Only"]), "i", pt=max(9, p.pt - 1))], pt=max(9, p.pt - 1))
        kv_grid(p, items, 3, above=r.random() < 0.5)
        mrn_done = True
    else:
        mrn_done = False
    p.heading(r.choice(["Patient Information", "PATIENT", "Section 1: Patient"]))
    a = pat["addr"]
    if r.random() < 0.35:
        mid = pat["middle"][:1] if len(pat["middle"]) <= 1 or r.random() < 0.5 else pat["middle"]
        up = r.random() < 0.3
        cv = (lambda s: s.upper()) if up else (lambda s: s)
        full = pat["first"] + " " + pat["last"]
        items = [KV("Last Name", nb(cv(pat["last"])), M("patient_name", full, printed=cv(pat["last"]))),
                 KV("First Name", nb(cv(pat["first"])), M("patient_name", full, printed=cv(pat["first"]))),
                 KV("MI" if len(mid) <= 1 else "Middle Name", cv(mid) or " ")]
    else:
        items = [name_item(p, c, fm)]
    items += [dob_item(p, c, fm), sex_item(p, c)]
    if not mrn_done:
        items.append(mrn_item(p, c))
    if r.random() < 0.6:
        items.append(KV(r.choice(["SSN", "Social Security #"]), "XXX-XX-%04d" % r.randint(0, 9999)))
    items.append(KV(r.choice(["Address", "Street Address", "Home Address"]), nb(a["street"]), wide=False))
    items.append(KV(r.choice(["City/State/Zip", "City, State ZIP"]), nb("%s, %s %s" % (a["city"], a["state"], a["zip"]))))
    items.append(KV(r.choice(["Home Phone", "Phone", "Cell Phone", "Primary Phone"]), nb(pat["phone"])))
    if r.random() < 0.5:
        items.append(KV("Email", "%s.%s%d@%s" % (pat["first"].lower(), pat["last"].lower().replace("'", ""), r.randint(1, 99), r.choice(["example.com", "mail.example.net"]))))
    if r.random() < 0.5:
        items.append(KV("Marital Status", [CB(False, "Single"), Gap(p.px() * 0.6), CB(True, "Married"), Gap(p.px() * 0.6), CB(False, "Other")]))
    if r.random() < 0.4:
        items.append(KV("Employer", r.choice(EMPLOYERS)))
    kv_block(p, items)
    p.heading(r.choice(["Insurance Information", "Primary Insurance", "INSURANCE"]))
    self_ins = r.random() < 0.6
    items = [KV(r.choice(["Insurance Company", "Primary Insurance", "Carrier", "Plan"]), nb(c["payer"]["name"])),
             member_item(p, c), group_item(p, c)]
    if self_ins:
        items.append(KV(r.choice(["Subscriber Name", "Policy Holder", "Insured's Name"]), "Self"))
    else:
        on = other_name(o, r)
        items.append(KV(r.choice(["Subscriber Name", "Policy Holder", "Insured's Name"]), nb(on), M("patient_name", on, role="d", printed=on)))
        sd = fm.d(o["dob"])
        items.append(KV(r.choice(["Subscriber DOB", "Policy Holder DOB", "Insured's Date of Birth"]), nb(sd), M("dob", o["dob"].isoformat(), role="d", printed=sd)))
        items.append(KV("Relationship to Patient", o["rel"]))
    items.append(KV(r.choice(["Insurance Phone", "Payer Phone", "Claims Phone"]), "1-800-555-01%02d" % r.randint(0, 99)))
    kv_block(p, items)
    p.heading(r.choice(["Emergency Contact", "In Case of Emergency", "EMERGENCY CONTACT"]))
    e = make_person(r)
    en = "%s %s" % (e["first"], e["last"] if r.random() < 0.5 else pat["last"])
    kv_block(p, [KV("Name", nb(en), M("patient_name", en, role="d", printed=en)),
                 KV("Relationship", r.choice(["Spouse", "Sister", "Brother", "Mother", "Father", "Friend", "Son", "Daughter"])),
                 KV("Phone", nb(phone_str(r, pat["addr"]["area"])))], style=r.choice(["inline", "kv2", "underline"]))
    if r.random() < 0.6:
        p.heading(r.choice(["Guarantor / Responsible Party", "Responsible Party", "Guarantor"]))
        if self_ins and r.random() < 0.5:
            p.line([CB(True, "Same as patient"), Gap(p.px()), CB(False, "Other (complete below)")])
        else:
            gn = other_name(o, r, upper=r.random() < 0.3)
            gd = fm.d(o["dob"])
            kv_block(p, [KV("Guarantor Name", nb(gn), M("patient_name", gn, role="d", printed=gn)),
                         KV("Guarantor DOB", nb(gd), M("dob", o["dob"].isoformat(), role="d", printed=gd)),
                         KV("Relationship", o["rel"]), KV("Phone", nb(phone_str(r, pat["addr"]["area"])))],
                     style=r.choice(["kv2", "underline", "grid"]))
    p.para(r.choice(["I certify that the above information is correct. I authorize release of medical information necessary to process insurance claims and assign benefits to the provider.",
                     "I hereby authorize payment of medical benefits directly to the practice and understand that I am financially responsible for charges not covered by insurance."]),
           pt=max(9, p.pt - 1))
    sd = fm.d(c["dos"] - dt.timedelta(days=r.choice([0, 0, 3, 7])))
    p.y += int(p.lh() * 0.6)
    y = p.y
    scribble(p, p.L + 30, y, int(p.px() * 7), int(p.px() * 1.4))
    p.y += int(p.px() * 1.6)
    p.hline(p.L, p.L + p.px() * 14, p.y, 2)
    p.hline(p.L + p.px() * 17, p.L + p.px() * 25, p.y, 2)
    p.text(p.L + p.px() * 17.4, p.y - int(p.px() * 0.35), sd, p.f())
    p.y += int(p.px() * 0.25)
    base = p.y + p.asc(max(9, p.pt - 1))
    cap = r.choice(["Patient/Guardian Signature", "Signature of Patient or Legal Guardian"])
    if p.tw(cap, p.f("i", max(9, p.pt - 1))) > p.px() * 16:
        cap = "Patient Signature"
    p.text(p.L, base, cap, p.f("i", max(9, p.pt - 1)))
    p.text(p.L + p.px() * 17, base, "Date", p.f("i", max(9, p.pt - 1)))
    p.y += p.lh()
    std_footer(p)


def lab_value(r, lo, hi, dec):
    """random result, sometimes out of range; returns (text, flag)"""
    if lo is None:
        lo_, hi_ = hi * 0.55, hi
    elif hi is None:
        lo_, hi_ = lo, lo * 1.8
    else:
        lo_, hi_ = lo, hi
    u = r.random()
    span = hi_ - lo_
    if u < 0.18:
        v = hi_ + span * r.uniform(0.05, 0.5)
    elif u < 0.28:
        v = lo_ - span * r.uniform(0.05, 0.3)
        v = max(v, lo_ * 0.5)
    else:
        v = r.uniform(lo_ + span * 0.05, hi_ - span * 0.05)
    txt = ("%." + str(dec) + "f") % v
    val = float(txt)
    flag = ""
    if hi is not None and val > hi:
        flag = "H"
    if lo is not None and val < lo:
        flag = "L"
    return txt, flag


def ref_range(lo, hi, dec):
    fmt = "%." + str(dec) + "f"
    if lo is None:
        return "<" + fmt % hi
    if hi is None:
        return ">" + fmt % lo
    return (fmt % lo) + "-" + (fmt % hi)


def t_lab_report(p, c):
    r = p.r
    fm = Fmt(r, c)
    pat, pv = c["pat"], c["prov"]
    lab = make_org(r, r.choice(LAB_NAMES), "lab")
    reserve_footer(p, 1)
    clia = "CLIA #%02dD%07d" % (r.randint(1, 52), r.randint(0, 9999999))
    director = make_provider(r, "MD", "Pathology")
    letterhead(p, lab, extra_lines=[clia + "   Lab Director: " + prov_name(director)] if r.random() < 0.6 else [])
    title(p, r.choice(["Laboratory Report", "Final Report", "Clinical Laboratory Results", "LAB RESULTS", "Cumulative Lab Report"]))
    panels = [cd for cd in LAB_PANELS if cd in c["scen"][2]]
    if not panels:
        panels = r.sample(list(LAB_PANELS), r.randint(1, 2))
    panels = panels[:3]
    if r.random() < 0.3 and "36415" not in panels:
        bill = panels + ["36415"]
    else:
        bill = list(panels)
    dx = []
    for cd in panels:
        for d in LAB_DX[cd]:
            if d not in dx and len(dx) < 3 and r.random() < 0.6:
                dx.append(d)
    if not dx:
        dx = [LAB_DX[panels[0]][0]]
    coll = c["dos"]
    rep_date = coll + dt.timedelta(days=r.choice([0, 1, 1, 2, 3]))
    acc = r.choice(["A", "L", "S", ""]) + "%d" % r.randint(10000000, 99999999)
    items = [name_item(p, c, fm), dob_item(p, c, fm)]
    if r.random() < 0.6:
        items.append(KV(r.choice(["Age/Sex", "Age / Sex"]), "%d / %s" % (age_on(pat["dob"], coll), pat["sex"])))
    else:
        items.append(sex_item(p, c))
    items.append(mrn_item(p, c, r.choice(["MRN", "Patient ID", "Med Rec #", "MR#", "Medical Record Number"])))
    items.append(KV(r.choice(["Accession #", "Accession No.", "Specimen ID", "Lab No."]), acc))
    hh, mm = r.randint(7, 11), r.randint(0, 59)
    clab = r.choice(["Collected", "Collection Date", "Date Collected", "Specimen Collected", "Collected"])
    cs = fm.d(coll)
    items.append(KV(clab, [T(nb(cs), "r", [M("service_date", coll.isoformat(), printed=cs)]), T("  %02d:%02d" % (hh, mm))]))
    items.append(KV("Received", nb(fm.d(coll) + " %02d:%02d" % (hh + r.randint(1, 4), r.randint(0, 59)))))
    rs = fm.d(rep_date)
    items.append(KV(r.choice(["Reported", "Report Date", "Final Report Date", "Resulted"]),
                    nb(rs), M("service_date", rep_date.isoformat(), role="o", printed=rs)))
    if r.random() < 0.5:
        items.append(KV(r.choice(["Fasting", "Fasting Status"]), r.choice(["Yes", "No", "Unknown"])))
    kv_block(p, items, style=r.choice(["kv2", "kv2", "grid", "boxes", "kv3"]))
    # ordering provider block
    op = [KV(r.choice(["Ordering Provider", "Ordering Physician", "Ordered By", "Physician"]), nb(prov_name(pv, r.choice([0, 1]))), wide=False),
          KV(r.choice(["NPI", "Provider NPI", "NPI#", "Ordering NPI"]), pv["npi"], M("npi", pv["npi"], printed=pv["npi"])),
          KV(r.choice(["Client", "Account", "Practice"]), nb(c["clinic"]["name"])),
          KV(r.choice(["Client Phone", "Phone"]), nb(c["clinic"]["phone"]))]
    if r.random() < 0.5:
        op.append(KV("Client Acct #", "C%05d" % r.randint(0, 99999)))
    dxs = ", ".join(dx)
    op.append(KV(r.choice(["Diagnosis", "ICD-10", "Dx Codes", "Diagnosis Code(s)"]), nb(dxs), *icd_marks(dx)))
    kv_block(p, op, style=r.choice(["kv2", "inline", "kv2", "grid"]))
    # results
    ruled = r.choice(["grid", "hrules", "header", "header"])
    combined = r.random() < 0.4
    rows = []
    hdr = ["Test", "Result", "Flag", "Units", "Reference Range"]
    if r.random() < 0.4:
        hdr = ["Test Name", "Value", "Flag", "Units", "Ref Interval"]
    for cd in panels:
        pname, tests = LAB_PANELS[cd]
        ptitle = [T(pname, "b")]
        cpt_style = r.choice(["paren", "cpt", "none_row"])
        if cpt_style == "paren":
            head = "%s (%s)" % (pname, cd)
        else:
            head = "%s   CPT %s" % (pname, cd)
        if not combined:
            p.line([T(head, "b", [M("cpt", cd, printed=cd)])], k=1.35)
            rows = []
        else:
            rows.append([C(nb(head), "b", [M("cpt", cd, printed=cd)]), "", "", "", ""])
        for (tn, unit, lo, hi, dec) in tests:
            v, fl = lab_value(r, lo, hi, dec)
            rows.append([("  " if combined else "") + tn, C(v, "b" if fl else "r"), fl, unit, ref_range(lo, hi, dec)])
        if not combined:
            table(p, hdr, rows, ruled=ruled, aligns=["l", "r", "c", "l", "l"], hdr_caps=r.random() < 0.5, expand=0)
    if combined:
        table(p, hdr, rows, ruled=ruled, aligns=["l", "r", "c", "l", "l"], hdr_caps=r.random() < 0.5, expand=0)
    if "36415" in bill and "36415" not in panels:
        p.para([T("Specimen collection: venipuncture ("), T("CPT 36415", "r", [M("cpt", "36415", printed="36415")]), T(")")], after=0.2)
    p.para(r.choice(["H = above reference range; L = below reference range. Results should be interpreted in the clinical context.",
                     "Flags: H high, L low. Reference intervals are age and sex specific.",
                     "Testing performed at %s, %s. " % (lab["name"], addr_str(lab["addr"]))]), pt=max(9, p.pt - 1))
    if r.random() < 0.5:
        p.line([T("Accession: %s    Printed: %s" % (acc, fm.d(rep_date + dt.timedelta(days=r.randint(0, 5)))))], pt=max(9, p.pt - 1))
    if r.random() < 0.6:
        p.line([T("Electronically verified by %s, %s" % ("%s %s" % (director["first"], director["last"]), "MT(ASCP)" if r.random() < 0.5 else "MD"), "i")])
    footer(p, r.choice(["FINAL REPORT", "CONFIDENTIAL", "Final"]), None, r.choice(["Page 1 of 1", "Pg 1 of 1"]))


def t_radiology_report(p, c):
    r = p.r
    fm = Fmt(r, c)
    pat, ref = c["pat"], c["prov"]
    cpt = r.choice(list(RAD_EXAMS))
    if cpt == "77067" and pat["sex"] == "M":
        cpt = "71046"
    exam, dxs, findings, impression = RAD_EXAMS[cpt]
    dx = r.sample(dxs, min(len(dxs), r.randint(1, 2)))
    rad = make_provider(r, "MD", "Diagnostic Radiology")
    org = make_org(r, r.choice(IMAGING_NAMES), "imaging")
    reserve_footer(p)
    letterhead(p, org, npi=r.random() < 0.25)
    title(p, r.choice(["Radiology Report", "Diagnostic Imaging Report", "Imaging Report", "Radiology Consultation"]))
    exam_date = c["dos"]
    acc = "%s%d" % (r.choice(["RAD", "IMG", "XR", "CT", ""]), r.randint(1000000, 9999999))
    items = [name_item(p, c, fm), dob_item(p, c, fm), mrn_item(p, c)]
    if r.random() < 0.5:
        items.append(sex_item(p, c))
    items.append(KV(r.choice(["Exam Date", "Date of Exam", "Date of Service", "DOS", "Study Date"]),
                    nb(fm.d(exam_date)), M("service_date", exam_date.isoformat(), printed=fm.d(exam_date))))
    items.append(KV(r.choice(["Accession #", "Accession", "Acc No."]), acc))
    items.append(KV(r.choice(["Referring Physician", "Ordering Provider", "Referred By"]), nb(prov_name(ref, r.choice([0, 1])))))
    if r.random() < 0.6:
        items.append(KV(r.choice(["Referring NPI", "Ordering NPI", "NPI"]), ref["npi"], M("npi", ref["npi"], printed=ref["npi"])))
    kv_block(p, items)
    # exam line
    cpt_lab = r.choice(["CPT", "CPT Code", "Procedure Code", "CPT:"])
    p.para([T(p.lab("Exam"), "b"), T(" " + nb(exam) + "  "), T("(%s %s)" % (cpt_lab.rstrip(":"), cpt), "r", [M("cpt", cpt, printed=cpt)])])
    ind = "; ".join("%s (%s)" % (ICD[d], d) for d in dx)
    segs = [T(p.lab(r.choice(["Clinical Indication", "History", "Indication", "Reason for Exam"])), "b"), T(" ")]
    for i, d in enumerate(dx):
        segs.append(T(ICD[d] + " "))
        segs.append(T("(%s)%s" % (d, "; " if i < len(dx) - 1 else "."), "r", [M("icd10", d, printed=d)]))
    p.para(segs)
    p.para([T(p.lab("Technique"), "b"), T(" " + r.choice(["Standard views were obtained.", "Routine protocol images were obtained.",
                                                           "Images were acquired per departmental protocol without IV contrast."]))])
    if r.random() < 0.6:
        prior = exam_date - dt.timedelta(days=r.randint(200, 1500))
        ps = fm.d(prior)
        p.para([T(p.lab("Comparison"), "b"), T(" Prior study dated %s." % nb(ps), "r", [M("service_date", prior.isoformat(), role="d", printed=ps)])])
    else:
        p.para([T(p.lab("Comparison"), "b"), T(" None available.")])
    p.heading("Findings")
    for fnd in findings:
        p.para(fnd, after=0.15)
    p.heading("Impression")
    for i, imp in enumerate(impression):
        p.para("%d. %s" % (i + 1, imp), x0=p.L + p.px() * 0.5, after=0.1)
    p.space(0.3)
    rep_date = exam_date + dt.timedelta(days=r.choice([0, 0, 1, 2]))
    if rep_date != exam_date and r.random() < 0.5:
        rs = fm.d(rep_date)
        p.line([T(p.lab("Report Date"), "b"), T(" "), T(rs, "r", [M("service_date", rep_date.isoformat(), role="o", printed=rs)])])
    signature(p, rad, fm.d(rep_date), style=r.choice(["esign", "line", "esign"]))
    if r.random() < 0.5:
        rs = fm.d(rep_date)
        p.line([T("Dictated: "), T(rs, "r", [M("service_date", rep_date.isoformat(), role="o", printed=rs)]),
                T("   Transcribed: %s   Job #%d" % (rs, r.randint(100000, 999999)))], pt=max(9, p.pt - 1))
    std_footer(p)


def t_referral(p, c):
    r = p.r
    fm = Fmt(r, c)
    pat, pv = c["pat"], c["prov"]
    spec = r.choice(list(SPECIALTY_REFERRAL))
    dxs, cpts = SPECIALTY_REFERRAL[spec]
    dx = dxs[:r.randint(1, len(dxs))]
    cpt = cpts[:r.randint(1, len(cpts))]
    sp = make_provider(r, r.choice(["MD", "DO", "MD"]) if spec != "Physical Therapy" else "DPT", spec)
    sorg = make_org(r, "%s %s" % (r.choice(CLINIC_PLACE), SPECIALTY_CLINIC.get(spec, spec + " Associates")))
    reserve_footer(p)
    letterhead(p, c["clinic"])
    ref_date = c["dos"]
    rds = fm.d(ref_date)
    letter = r.random() < 0.35
    if letter:
        p.line([T(rds, "r", [M("service_date", ref_date.isoformat(), role="o", printed=rds)])], align="r")
        p.space(0.3)
        for ln in [prov_name(sp, 0), sorg["name"], sorg["addr"]["street"], addr_line2(sorg["addr"])]:
            p.line([T(ln)])
        p.line([T("Fax: " + sorg["fax"])])
        p.space(0.5)
        p.line([T(p.lab("RE", colon=True), "b"), T(" Referral for "), T(nb(fmt_name(pat, fm.name_f)), "b",
                [M("patient_name", pat["first"] + " " + pat["last"], printed=fmt_name(pat, fm.name_f))])])
        kv_block(p, [dob_item(p, c, fm), mrn_item(p, c), member_item(p, c), group_item(p, c)], style="inline")
        p.line([T("Dear Dr. %s:" % sp["last"] if sp["cred"] in ("MD", "DO") else "Dear %s %s:" % (sp["first"], sp["last"]))])
        p.space(0.3)
        hon = "Mr." if pat["sex"] == "M" else "Ms."
        segs = [T("Thank you for seeing my patient, %s %s, for evaluation and management of " % (hon, pat["last"]))]
        for i, d in enumerate(dx):
            segs.append(T(ICD[d].lower() + " "))
            segs.append(T("(%s)%s" % (d, ", " if i < len(dx) - 1 else "."), "r", [M("icd10", d, printed=d)]))
        segs.append(T(" I am requesting "))
        for i, cd in enumerate(cpt):
            segs.append(T(nb(CPT[cd].split(",")[0].lower()) + " "))
            segs.append(T("(CPT %s)%s" % (cd, ", " if i < len(cpt) - 1 else "."), "r", [M("cpt", cd, printed=cd)]))
        segs.append(T(" Relevant office notes and recent results are enclosed. Please send your consultation report to my office at the fax number above."))
        p.para(segs)
        p.para([T("Specialist NPI on file: "), T(sp["npi"], "r", [M("npi", sp["npi"], printed=sp["npi"])]),
                T(". Authorization: %s %s." % (r.choice(["Auth #", "Ref #"]), "%s%d" % (r.choice(["AUTH", "R", "PA"]), r.randint(1000000, 9999999))))])
        p.line([T("Sincerely,")])
        signature(p, pv, rds, style="line")
    else:
        title(p, r.choice(["Referral Request", "Specialty Referral Form", "Outgoing Referral", "Consultation Request"]))
        p.lr_line([CB(True, r.choice(["Routine", "Non-urgent"])), Gap(p.px()), CB(False, "Urgent"), Gap(p.px()), CB(False, "STAT")],
                  [T(p.lab(r.choice(["Referral Date", "Date", "Date of Request"])) + " ", "b"), T(nb(rds), "r", [M("service_date", ref_date.isoformat(), role="o", printed=rds)])])
        p.heading(r.choice(["Patient", "Patient Information"]))
        items = [name_item(p, c, fm), dob_item(p, c, fm), mrn_item(p, c), KV("Phone", nb(pat["phone"])),
                 KV(r.choice(["Insurance", "Health Plan", "Payer"]), nb(c["payer"]["name"])), member_item(p, c), group_item(p, c)]
        kv_block(p, items)
        p.heading(r.choice(["Referred To", "Referring To / Specialist", "Consultant"]))
        kv_block(p, [KV("Provider", nb(prov_name(sp))), KV("Specialty", spec), KV("Practice", nb(sorg["name"])),
                     KV("Address", nb(addr_str(sorg["addr"]))), KV("Phone", nb(sorg["phone"])), KV("Fax", nb(sorg["fax"])),
                     KV(r.choice(["NPI", "Specialist NPI", "NPI#"]), sp["npi"], M("npi", sp["npi"], printed=sp["npi"]))],
                 style=r.choice(["kv2", "grid", "kv1"]))
        p.heading(r.choice(["Referred By", "Referring Provider"]))
        kv_block(p, [KV("Provider", nb(prov_name(pv))), KV(r.choice(["NPI", "Referring NPI", "Provider NPI"]), pv["npi"], M("npi", pv["npi"], printed=pv["npi"])),
                     KV("Phone", nb(c["clinic"]["phone"])), KV("Fax", nb(c["clinic"]["fax"]))], style=r.choice(["kv2", "inline"]))
        p.heading(r.choice(["Diagnosis", "Diagnoses (ICD-10)", "Reason for Referral"]))
        table(p, [r.choice(["ICD-10", "Code", "Dx Code"]), "Description"], [[C(d, "r", icd_marks([d])), ICD[d]] for d in dx],
              ruled=r.choice(["grid", "hrules", "header"]))
        p.heading(r.choice(["Services Requested", "Requested Procedures", "Requested Services"]))
        table(p, [r.choice(["CPT", "CPT Code", "Procedure Code"]), "Description", "Units"], [[C(cd, "r", cpt_marks([cd])), CPT[cd], "1"] for cd in cpt],
              ruled=r.choice(["grid", "hrules", "header"]))
        vt = ref_date + dt.timedelta(days=r.choice([60, 90, 180]))
        kv_block(p, [KV(r.choice(["Authorization #", "Auth No.", "Referral #"]), "%s%d" % (r.choice(["AUTH", "R", "PA"]), r.randint(1000000, 9999999))),
                     KV("Visits Approved", str(r.choice([1, 3, 6, 12]))),
                     KV(r.choice(["Valid Through", "Expires"]), nb(fm.d(vt)))], style="inline")
        p.para([T(p.lab("Notes"), "b"), T(" " + r.choice(["Please evaluate and treat. Records attached.", "Patient prefers morning appointments.",
                                                        "Please fax consult note to our office after the visit."]))])
        signature(p, pv, rds, style=r.choice(["line", "esign"]), npi=r.random() < 0.5)
    std_footer(p)


DEA_LETTERS = "ABFGM"


def make_dea(r, last):
    d = digits(r, 6)
    s1 = int(d[0]) + int(d[2]) + int(d[4])
    s2 = int(d[1]) + int(d[3]) + int(d[5])
    chk = (s1 + 2 * s2) % 10
    return r.choice(DEA_LETTERS) + last[0].upper() + d + str(chk)


def t_prescription(p, c):
    r = p.r
    fm = Fmt(r, c)
    pat, pv = c["pat"], c["prov"]
    complaint, dx, cpts, meds = c["scen"]
    if not meds or meds[0].startswith("Lifestyle"):
        complaint, dx, cpts, meds = r.choice([sc for sc in SCENARIOS if sc[3] and not sc[3][0].startswith("Lifestyle")])
    reserve_footer(p)
    cl = c["clinic"]
    # prescriber header
    if r.random() < 0.5:
        p.line([T(prov_name(pv), "b", pt=r.choice([15, 16, 18]), fam=p.hfam)], align="c", pt=16)
        p.line([T(cl["name"])], align="c")
        p.line([T("%s, %s" % (cl["addr"]["street"], addr_line2(cl["addr"])))], align="c")
        p.line([T("Tel %s   Fax %s" % (cl["phone"], cl["fax"]))], align="c")
        p.hr()
    else:
        letterhead(p, cl)
    dea = make_dea(r, pv["last"])
    p.lr_line([npi_segs(p, pv)], [T("DEA# " + dea)])
    p.space(0.4)
    rx_date = c["dos"]
    ds = fm.d(rx_date)
    items = [name_item(p, c, fm), dob_item(p, c, fm),
             KV("Address", nb(addr_str(pat["addr"])), wide=True),
             KV("Phone", nb(pat["phone"]))]
    if r.random() < 0.35:
        items.append(mrn_item(p, c))
    items.append(KV(r.choice(["Date", "Date Written", "Rx Date", "Date Issued"]), nb(ds), M("service_date", rx_date.isoformat(), role="o", printed=ds)))
    kv_block(p, items, style=r.choice(["underline", "kv2", "underline", "kv1"]))
    if r.random() < 0.6:
        segs = [T(p.lab(r.choice(["Dx", "Diagnosis", "ICD-10"])), "b"), T(" ")]
        use = dx[:r.randint(1, len(dx))]
        for i, d in enumerate(use):
            segs.append(T(d + (", " if i < len(use) - 1 else ""), "r", [M("icd10", d, printed=d)]))
        p.line(segs)
    p.space(0.3)
    p.line([T("Rx", "b", pt=26, fam="DejaVuSerif")], pt=26, k=1.2)
    for i, m in enumerate(meds[:r.randint(1, 3)]):
        parts = m.split(" PO ")
        drug = parts[0]
        sig = ("Take by mouth " + parts[1]) if len(parts) > 1 else m
        qty = r.choice([14, 20, 30, 60, 90])
        p.line([T("%d. %s" % (i + 1, drug), "b")], x0=p.L + p.px())
        p.line([T("Sig: " + sig)], x0=p.L + p.px() * 2)
        p.line([T("Disp: #%d (%s)    Refills: %d" % (qty, NUMWORD.get(qty, str(qty)), r.randint(0, 5)))], x0=p.L + p.px() * 2)
        p.space(0.3)
    p.line([CB(r.random() < 0.8, "Substitution permitted"), Gap(p.px() * 1.5), CB(False, "Dispense as written")])
    p.space(0.3)
    if r.random() < 0.5:
        ph = make_org(r, r.choice(["Main Street Pharmacy", "Corner Drug #%d" % r.randint(100, 999), "Valley Apothecary", "HealthMart Rx"]))
        p.para("Preferred pharmacy: %s, %s, Ph %s" % (ph["name"], addr_str(ph["addr"]), ph["phone"]), pt=max(9, p.pt - 1))
    signature(p, pv, ds, style=r.choice(["line", "line_date"]), npi=False)
    std_footer(p)


NUMWORD = {14: "fourteen", 20: "twenty", 30: "thirty", 60: "sixty", 90: "ninety"}


def t_insurance_card(p, c):
    r = p.r
    fm = Fmt(r, c)
    pat, pay = c["pat"], c["payer"]
    reserve_footer(p)
    # page header: a clinic's copy sheet
    hdr = r.choice(["clinic", "plain", "sticker"])
    if hdr == "clinic":
        letterhead(p, c["clinic"], style=r.choice(["left_right", "logo"]))
        title(p, r.choice(["Copy of Insurance Card", "Insurance Card - Front and Back", "Scanned Insurance Card"]), pt=14)
    elif hdr == "plain":
        title(p, r.choice(["INSURANCE CARD COPY", "Insurance Verification - Card Image"]), style="left", pt=14)
        p.line([T("Scanned %s by front desk (%s)" % (fm.d(c["dos"] - dt.timedelta(days=r.randint(0, 30))), r.choice(["JM", "KT", "RB", "AL"])), "i")])
        p.space(0.4)
    else:
        title(p, r.choice(["Insurance Card", "Card on File"]), style="left", pt=14)
        kv_block(p, [name_item(p, c, fm, label=r.choice(["Patient", "Pt Name"])), mrn_item(p, c)], style="inline")
    scale = r.uniform(1.45, 1.75)
    cw, ch = int(1012 * scale), int(637 * scale)
    cx = (p.L + p.R - cw) // 2 if r.random() < 0.6 else p.L
    small = max(9, p.pt - 1)
    # ---------------- front
    y0 = p.y
    p.d.rounded_rectangle([cx, y0, cx + cw, y0 + ch], radius=40, outline=0, width=4)
    p.rules += [(cx, y0 - 2, cx + cw, y0 + 2), (cx, y0 + ch - 2, cx + cw, y0 + ch + 2), (cx - 2, y0, cx + 2, y0 + ch), (cx + cw - 2, y0, cx + cw + 2, y0 + ch)]
    saveL, saveR = p.L, p.R
    p.L, p.R = cx + 50, cx + cw - 50
    p.y = y0 + 40
    lg = int(p.px() * 1.8)
    draw_logo(p, p.L, p.y, lg)
    xs = p.L + lg + p.px() * 0.6
    p.text(xs, p.y + p.asc(16), pay["name"], p.f("b", 16, p.hfam))
    p.text(xs, p.y + p.lh(16) + p.asc(small), pay["plan"], p.f("i", small))
    p.y += max(lg, p.lh(16) + p.lh(small)) + int(p.lh() * 0.4)
    nf = r.choice(["FIRST M LAST", "First M. Last", "LAST, FIRST M", "FIRST LAST", "First Last"])
    nm = fmt_name(pat, nf)
    items = [KV(r.choice(["Member", "Member Name", "Name", "Subscriber", "Insured"]), nb(nm), M("patient_name", pat["first"] + " " + pat["last"], printed=nm)),
             KV(r.choice(["Member ID", "ID#", "Subscriber ID", "Member #", "Identification No."]), pat["member_id"], M("member_id", pat["member_id"], printed=pat["member_id"])),
             KV(r.choice(["Group", "Group No.", "GRP#", "Group Number", "Group #"]), pat["group"], M("group_number", pat["group"], printed=pat["group"]))]
    if r.random() < 0.4:
        ds = fmt_date(pat["dob"], r.choice(["mdy", "m/d/yyyy", "iso"]))
        items.append(KV(r.choice(["DOB", "Birth Date"]), nb(ds), M("dob", pat["dob"].isoformat(), printed=ds)))
    if r.random() < 0.6:
        items.append(KV(r.choice(["Effective", "Effective Date", "Coverage Date"]), nb(fmt_date(dt.date(c["dos"].year - r.randint(0, 2), 1, 1), r.choice(["mdy", "m/d/yyyy"])))))
    if r.random() < 0.5:
        pcp = c["prov2"]
        items.append(KV("PCP", nb("Dr. %s %s" % (pcp["first"][0] + ".", pcp["last"]))))
    kv_cols(p, items, 1, pt=p.pt)
    cop = [("Office", r.choice([20, 25, 30, 35])), ("Specialist", r.choice([40, 50, 60])), ("Urgent Care", r.choice([50, 75])), ("ER", r.choice([150, 250, 350]))]
    rx = [("RxBIN", digits(r, 6)), ("RxPCN", r.choice(["ADV", "RXCARE", "MEDDPRIME", "9999"])), ("RxGRP", r.choice(["RX", "HB", "ZG"]) + digits(r, 4))]
    yb = y0 + ch - 40 - p.lh(small) * 4
    p.y = max(p.y, yb)
    half = (p.L + p.R) // 2
    yy = p.y
    for i, (k, v) in enumerate(cop):
        p.text(p.L, yy + p.asc(small) + i * p.lh(small), "%s: $%d" % (k, v), p.f("r", small))
    for i, (k, v) in enumerate(rx):
        p.text(half + p.px(small) * 2, yy + p.asc(small) + i * p.lh(small), "%s: %s" % (k, v), p.f("r", small))
    p.text(half + p.px(small) * 2, yy + p.asc(small) + 3 * p.lh(small), "Payer ID: " + pay["payer_id"], p.f("r", small))
    p.y = yy + 4 * p.lh(small)
    if p.y > y0 + ch - 20:
        raise LayoutError("card front overflow")
    # ---------------- back
    y1 = y0 + ch + int(p.lh() * 1.2)
    p.d.rounded_rectangle([cx, y1, cx + cw, y1 + ch], radius=40, outline=0, width=4)
    p.rules += [(cx, y1 - 2, cx + cw, y1 + 2), (cx, y1 + ch - 2, cx + cw, y1 + ch + 2), (cx - 2, y1, cx + 2, y1 + ch), (cx + cw - 2, y1, cx + cw + 2, y1 + ch)]
    p.y = y1 + 40
    pa = make_address(r)
    lines = [("Member Services: 1-800-555-01%02d" % r.randint(0, 99), "b"),
             ("Provider Services: 1-888-555-01%02d" % r.randint(0, 99), "r"),
             ("Pharmacist Help Desk: 1-877-555-01%02d" % r.randint(0, 99), "r"),
             ("Send claims to: %s, P.O. Box %d, %s, %s %s" % (pay["name"], r.randint(1000, 99999), pa["city"], pa["state"], pa["zip"]), "r"),
             ("Electronic Payer ID %s. Possession of this card does not guarantee eligibility or payment. Precertification is required for inpatient admissions." % pay["payer_id"], "r"),
             ("In an emergency go to the nearest emergency room or call 911.", "r")]
    for t, st in lines:
        p.para([T(t, st)], pt=small, after=0.15)
    if p.y > y1 + ch - 20:
        raise LayoutError("card back overflow")
    p.L, p.R = saveL, saveR
    p.y = y1 + ch + int(p.lh() * 0.8)
    if r.random() < 0.5:
        p.para("Verified eligibility by phone on %s. Ref #%d." % (fm.d(c["dos"] - dt.timedelta(days=r.randint(0, 14))), r.randint(10000000, 99999999)), pt=small)
    std_footer(p)


CONSENT_PROCS = [("45378", "Diagnostic colonoscopy", ["K21.9", "R10.9"]), ("43239", "Upper endoscopy (EGD) with biopsy", ["K21.9"]),
                 ("20610", "Injection of the right knee joint", ["M17.11", "M25.561"]), ("47562", "Laparoscopic cholecystectomy", ["K80.20"]),
                 ("96372", "Intramuscular injection", ["J02.9"]), ("90686", "Influenza vaccination", ["Z23"])]


def t_consent(p, c):
    r = p.r
    fm = Fmt(r, c)
    pat, pv = c["pat"], c["prov"]
    cpt, proc, dxs = r.choice(CONSENT_PROCS)
    reserve_footer(p)
    letterhead(p, c["clinic"] if r.random() < 0.6 else make_org(r, r.choice(HOSPITALS)))
    title(p, r.choice(["Informed Consent for Procedure", "Consent to Treatment", "Procedure Consent Form", "Consent for Medical Procedure"]))
    items = [name_item(p, c, fm), dob_item(p, c, fm)]
    if r.random() < 0.8:
        items.append(mrn_item(p, c))
    proc_date = c["dos"]
    if r.random() < 0.75:
        items.append(dos_item(p, c, fm, label=r.choice(["Procedure Date", "Date of Procedure", "Date of Service", "Scheduled Date"])))
    kv_block(p, items)
    fullname = fmt_name(pat, r.choice(["First M. Last", "First Last", "FIRST LAST", "First Middle Last"]))
    phys = prov_name(pv, 0)
    segs = [T("1. I, "), T(nb(fullname) + ",", "r", [M("patient_name", pat["first"] + " " + pat["last"], printed=fullname)]),
            T(" authorize "), T(nb(phys), "b"), T(" and such assistants as may be selected to perform the following procedure: "),
            T(proc, "b")]
    if r.random() < 0.7:
        segs += [T(" (CPT " + cpt + ")", "r", [M("cpt", cpt, printed=cpt)])]
    segs.append(T(". "))
    p.para(segs)
    dx = dxs[:r.randint(1, len(dxs))]
    if r.random() < 0.7:
        segs = [T("2. The procedure is recommended for the following condition(s): ")]
        for i, d in enumerate(dx):
            segs += [T(ICD[d] + " "), T("(%s)%s" % (d, "; " if i < len(dx) - 1 else "."), "r", [M("icd10", d, printed=d)])]
        p.para(segs)
    p.para("3. The nature and purpose of the procedure, possible alternative methods of treatment, the risks involved, and the possibility of complications have been explained to me. Risks include but are not limited to bleeding, infection, allergic reaction, and injury to nearby structures.")
    p.para("4. I consent to the administration of such anesthesia or sedation as may be considered necessary, and to the disposal of any tissue removed during the procedure.")
    p.para("5. I acknowledge that no guarantee or assurance has been made as to the results that may be obtained. I have had the opportunity to ask questions and all of my questions have been answered.")
    if r.random() < 0.5:
        p.line([CB(True, "I have read this form or had it read to me"), Gap(p.px()), CB(False, "Interpreter used")])
    sd = fm.d(proc_date - dt.timedelta(days=r.choice([0, 0, 1, 7, 14])))
    SIGCAP = "Signature of Patient or Legal Representative"
    # patient signature
    signature_row(p, SIGCAP, sd)
    if r.random() < 0.5:
        o = c["other"]
        on = other_name(o, r)
        kv_inline(p, [KV("Relationship if not patient", o["rel"]), KV("Printed name", nb(on), M("patient_name", on, role="d", printed=on))])
    w = make_person(r)
    p.space(0.3)
    p.line([T(p.lab("Witness")), T("  %s %s, %s" % (w["first"], w["last"], r.choice(["RN", "LPN", "MA", "CMA"])))])
    signature(p, pv, sd, style=r.choice(["line", "esign", "line_date"]))
    std_footer(p)


def t_hipaa_authorization(p, c):
    r = p.r
    fm = Fmt(r, c)
    pat = c["pat"]
    reserve_footer(p)
    cl = c["clinic"]
    letterhead(p, cl)
    title(p, r.choice(["Authorization for Release of Protected Health Information", "HIPAA Authorization Form",
                       "Authorization to Use or Disclose Health Information", "Authorization for Disclosure of PHI"]))
    items = [name_item(p, c, fm), dob_item(p, c, fm)]
    if r.random() < 0.7:
        items.append(mrn_item(p, c))
    items += [KV("Address", nb(addr_str(pat["addr"])), wide=True), KV("Phone", nb(pat["phone"]))]
    if r.random() < 0.3:
        items.append(KV("Last 4 SSN", "%04d" % r.randint(0, 9999)))
    kv_block(p, items)
    p.para([T("I authorize ", "r"), T(nb(cl["name"]), "b"), T(" to release my health information to:")])
    rec = make_org(r, r.choice(["%s %s" % (r.choice(CLINIC_PLACE), SPECIALTY_CLINIC[k]) for k in SPECIALTY_CLINIC] + [r.choice(HOSPITALS), "Law Offices of %s & %s" % (r.choice(LAST), r.choice(LAST)), "%s Life Insurance Co." % r.choice(CLINIC_PLACE)]))
    kv_block(p, [KV(r.choice(["Name/Organization", "Recipient", "Release To"]), nb(rec["name"])), KV("Address", nb(addr_str(rec["addr"]))),
                 KV("Phone", nb(rec["phone"])), KV("Fax", nb(rec["fax"]))], style=r.choice(["kv1", "underline", "grid"]))
    p.heading(r.choice(["Information to be released", "Records Requested"]))
    opts = ["Office/clinic notes", "Laboratory results", "Imaging reports", "Medication list", "Immunization records",
            "Discharge summaries", "Billing records", "Entire medical record", "Mental health notes", "HIV/STD test results"]
    chk = set(r.sample(opts[:7], r.randint(1, 4)))
    rows = [opts[i:i + 3] for i in range(0, len(opts), 3)]
    for row in rows:
        segs = []
        for j, o in enumerate(row):
            if j:
                segs.append(Gap(p.px() * 1.2))
            segs.append(CB(o in chk, o))
        p.line(segs, k=1.45)
    p.line([T(p.lab("Dates of service")), T("  "), CB(True, "All dates"), Gap(p.px()), CB(False, "Only from ________ to ________")], k=1.45)
    p.heading(r.choice(["Purpose of disclosure", "Purpose"]))
    purp = ["Continuing care", "Personal use", "Insurance", "Legal", "Other"]
    pick = r.choice(purp[:4])
    p.line([item for j, o in enumerate(purp) for item in ([Gap(p.px())] if j else []) + [CB(o == pick, o)]], k=1.45)
    exp = c["dos"] + dt.timedelta(days=r.choice([180, 365, 365, 730]))
    p.para([T("This authorization expires on "), T(nb(fm.d(exp)) + ".", "b"),
            T(" I understand that I may revoke this authorization at any time by notifying the practice in writing, except to the extent action has already been taken. Treatment, payment, enrollment or eligibility for benefits may not be conditioned on signing this form. Information disclosed may be re-disclosed by the recipient and no longer protected by federal privacy rules.")],
           pt=max(9, p.pt - 1))
    sd = fm.d(c["dos"])
    SIGCAP = "Signature of Patient or Personal Representative"
    signature_row(p, SIGCAP, sd)
    if r.random() < 0.4:
        o = c["other"]
        on = other_name(o, r)
        kv_inline(p, [KV("Representative name", nb(on), M("patient_name", on, role="d", printed=on)),
                      KV("Authority", r.choice(["Parent", "Healthcare POA", "Guardian"]))])
    p.space(0.3)
    p.para("A copy of this signed form will be provided to the patient. Return to: Health Information Management, %s, Fax %s." % (cl["name"], cl["fax"]), pt=max(9, p.pt - 1))
    std_footer(p)


INPATIENT = [("community-acquired pneumonia", ["J18.9", "J44.9"], ["99223", "99238", "71046"],
              ["Amoxicillin-clavulanate 875 mg PO BID x 5 days", "Azithromycin 250 mg PO daily x 3 days", "Albuterol HFA 90 mcg 2 puffs q4h PRN"]),
             ("chest pain, ruled out for acute coronary syndrome", ["R07.9", "I25.10", "I10"], ["99223", "93000", "99238"],
              ["Aspirin 81 mg PO daily", "Atorvastatin 80 mg PO nightly", "Metoprolol tartrate 25 mg PO BID"]),
             ("acute on chronic heart failure", ["I50.9", "I48.91", "N18.30"], ["99223", "93306", "99239"],
              ["Furosemide 40 mg PO daily", "Metoprolol succinate 50 mg PO daily", "Apixaban 5 mg PO BID"]),
             ("cellulitis of the right lower extremity", ["L03.115", "E11.9"], ["99223", "99238"],
              ["Cephalexin 500 mg PO QID x 7 days", "Metformin 1000 mg PO BID"]),
             ("symptomatic cholelithiasis", ["K80.20", "R10.11"], ["47562", "76700", "99238"],
              ["Oxycodone-acetaminophen 5-325 mg PO q6h PRN x 3 days", "Docusate 100 mg PO BID"]),
             ("urinary tract infection with dehydration", ["N39.0", "E11.65"], ["99223", "87086", "99238"],
              ["Ciprofloxacin 500 mg PO BID x 7 days", "Insulin glargine 20 units SC nightly"])]


def t_discharge_summary(p, c):
    r = p.r
    fm = Fmt(r, c)
    pat, att = c["pat"], c["prov"]
    att = dict(att, cred=r.choice(["MD", "DO", "MD"]), specialty=r.choice(["Hospital Medicine", "Internal Medicine"]))
    reason, dx, cpts, meds = r.choice(INPATIENT)
    hosp = make_org(r, r.choice(HOSPITALS), "hospital")
    reserve_footer(p)
    letterhead(p, hosp, style=r.choice(["center", "center_rule2", "logo"]))
    title(p, r.choice(["Discharge Summary", "Hospital Discharge Summary", "Discharge Summary - Inpatient"]))
    adm = c["dos"]
    los = r.randint(1, 6)
    dis = adm + dt.timedelta(days=los)
    ad_s, di_s = fm.d(adm), fm.d(dis)
    items = [name_item(p, c, fm), dob_item(p, c, fm), mrn_item(p, c, r.choice(["MRN", "Medical Record Number", "MR#", "Med Rec #"]))]
    acct = "%d" % r.randint(10000000, 99999999)
    items.append(KV(r.choice(["Admission Date", "Admit Date", "Date of Admission"]), nb(ad_s), M("service_date", adm.isoformat(), printed=ad_s)))
    items.append(KV(r.choice(["Discharge Date", "Date of Discharge"]), nb(di_s), M("service_date", dis.isoformat(), role="o", printed=di_s)))
    if r.random() < 0.5:
        items.append(KV(r.choice(["Account #", "Encounter #", "Visit #", "FIN"]), acct, M("mrn", acct, role="o", printed=acct)))
    items.append(KV(r.choice(["Attending", "Attending Physician"]), nb(prov_name(att))))
    if r.random() < 0.6:
        items.append(KV(r.choice(["Attending NPI", "NPI"]), att["npi"], M("npi", att["npi"], printed=att["npi"])))
    pcp = c["prov2"]
    items.append(KV("PCP", nb(prov_name(pcp))))
    kv_block(p, items, style=r.choice(["kv2", "grid", "boxes", "kv2"]))
    p.heading(r.choice(["Admission Diagnosis", "Reason for Admission"]))
    p.para(reason[0].upper() + reason[1:] + ".")
    p.heading(r.choice(["Discharge Diagnoses", "Final Diagnoses", "Diagnoses"]))
    if r.random() < 0.5:
        table(p, [r.choice(["ICD-10", "Code"]), "Description", "Type"],
              [[C(d, "r", icd_marks([d])), ICD[d], "Principal" if i == 0 else "Secondary"] for i, d in enumerate(dx)],
              ruled=r.choice(["grid", "hrules", "header"]))
    else:
        for i, d in enumerate(dx):
            p.para([T("%d. %s " % (i + 1, ICD[d])), T("- " + d, "r", [M("icd10", d, printed=d)])], x0=p.L + p.px() * 0.5, after=0.05)
        p.space(0.3)
    if r.random() < 0.7:
        p.heading(r.choice(["Procedures / Professional Services", "Procedures Performed"]))
        segs = []
        for i, cd in enumerate(cpts):
            segs += [T("%s " % CPT[cd].split(";")[0]), T("(%s)%s" % (cd, "; " if i < len(cpts) - 1 else ""), "r", [M("cpt", cd, printed=cd)])]
        p.para(segs)
    p.heading(r.choice(["Hospital Course", "Brief Hospital Course"]))
    hon = "Mr." if pat["sex"] == "M" else "Ms."
    nm = fmt_name(pat, r.choice(["First Last", "First M. Last"]))
    p.para([T("%s " % hon), T(nb(nm), "r", [M("patient_name", pat["first"] + " " + pat["last"], printed=nm)]),
            T(" is %s %d-year-old %s admitted on " % (art(age_on(pat["dob"], adm)), age_on(pat["dob"], adm), "man" if pat["sex"] == "M" else "woman")),
            T(nb(ad_s), "r", [M("service_date", adm.isoformat(), printed=ad_s)]),
            T(" with %s. %s %s improved and %s was discharged home in stable condition on " % (reason,
              r.choice(["Treated with IV therapy and supportive care;", "Managed per protocol with serial monitoring;"]),
              "symptoms", "he" if pat["sex"] == "M" else "she")),
            T(nb(di_s) + ".", "r", [M("service_date", dis.isoformat(), role="o", printed=di_s)])])
    p.heading(r.choice(["Discharge Medications", "Medications at Discharge"]))
    table(p, ["Medication", "Dose / Route / Frequency", "Status"],
          [[m.split(" ")[0], " ".join(m.split(" ")[1:]), r.choice(["New", "Continue", "Changed"])] for m in meds],
          ruled=r.choice(["grid", "hrules", "header"]))
    fu = dis + dt.timedelta(days=r.randint(5, 14))
    p.heading(r.choice(["Follow-Up", "Disposition and Follow-up"]))
    p.para("Follow up with %s on %s. Call %s with fever, worsening pain, or shortness of breath. Condition at discharge: %s." %
           (prov_name(pcp, 1), nb(fm.d(fu)), nb(hosp["phone"]), r.choice(["stable", "good", "improved"])))
    signature(p, att, fm.d(dis + dt.timedelta(days=r.choice([0, 1, 2]))), style=r.choice(["esign", "line", "esign"]))
    std_footer(p)


def fit_segs(p, segs, cw, pt):
    """split one value line into several so that each fits width cw"""
    if p.segs_w(segs, pt) <= cw:
        return [segs]
    if len(segs) == 1 and isinstance(segs[0], T) and not segs[0].marks:
        s0 = segs[0]
        out, cur = [], ""
        for wd in s0.text.split(" "):
            t = (cur + " " + wd).strip()
            if cur and p.segs_w([T(t, s0.st, fam=s0.fam, pt=s0.pt)], pt) > cw:
                out.append([T(cur, s0.st, fam=s0.fam, pt=s0.pt)])
                cur = wd
            else:
                cur = t
        out.append([T(cur, s0.st, fam=s0.fam, pt=s0.pt)])
        for ln in out:
            if p.segs_w(ln, pt) > cw:
                raise LayoutError("box word too wide")
        return out
    # split at gaps
    groups, cur = [], []
    for sg in segs:
        if isinstance(sg, Gap):
            if cur:
                groups.append(cur)
            cur = []
        else:
            cur.append(sg)
    if cur:
        groups.append(cur)
    if len(groups) < 2:
        raise LayoutError("box value too wide")
    out, line = [], []
    for g in groups:
        trial = line + ([Gap(p.px(pt) * 0.8)] if line else []) + g
        if line and p.segs_w(trial, pt) > cw:
            out.append(line)
            line = list(g)
        else:
            line = trial
    out.append(line)
    for ln in out:
        if p.segs_w(ln, pt) > cw:
            raise LayoutError("box value too wide")
    return out


def box_rows(p, rows, lab_pt=9, val_pt=None, lab_fam=None, val_fam=None):
    """claim-form rows. rows: list of list of (frac, label, lines); lines: list of seg-lists (values)."""
    val_pt = val_pt or p.pt
    lab_fam = lab_fam or p.r.choice(["NimbusSansNarrow", "DejaVuSansCond", "LiberationSans"])
    pad = int(p.px(val_pt) * 0.3)
    W_ = p.R - p.L
    y = p.y
    for row in rows:
        tot = sum(cell[0] for cell in row)
        xs = [p.L]
        for cell in row:
            xs.append(xs[-1] + W_ * cell[0] / tot)
        # measure
        row = list(row)
        heights, lab_lines = [], []
        lf = get_font(lab_fam, "r", ptpx(lab_pt))
        for j, (fr, lab, lines) in enumerate(row):
            cw = xs[j + 1] - xs[j] - 2 * pad
            words, cur, out = lab.split(" ") if lab else [], "", []
            for wd in words:
                t = (cur + " " + wd).strip()
                if cur and lf.getlength(t) > cw:
                    out.append(cur)
                    cur = wd
                else:
                    cur = t
            if cur:
                out.append(cur)
            for ln in out:
                if lf.getlength(ln) > cw:
                    raise LayoutError("box label too wide")
            fitted = []
            for segs in lines:
                fitted.extend(fit_segs(p, segs, cw, val_pt))
            lines = fitted
            row[j] = (fr, lab, lines)
            lab_lines.append(out)
            heights.append(len(out) * p.lh(lab_pt, 1.1) + len(lines) * p.lh(val_pt, 1.22) + pad)
        h = max(heights) + pad
        for j, (fr, lab, lines) in enumerate(row):
            yy = y + pad // 2
            for ln in lab_lines[j]:
                p.text(xs[j] + pad, yy + p.asc(lab_pt), ln, lf)
                yy += p.lh(lab_pt, 1.1)
            for segs in lines:
                p.draw_segs(xs[j] + pad, yy + p.asc(val_pt), segs, val_pt)
                yy += p.lh(val_pt, 1.22)
            p.rect(xs[j], y, xs[j + 1], y + h, 2)
        y += h
    p.y = y + int(p.lh() * 0.35)


def t_claim(p, c):
    r = p.r
    fm = Fmt(r, c)
    pat, pv, cl, pay, o = c["pat"], c["prov"], c["clinic"], c["payer"], c["other"]
    complaint, dx, cpts, meds = c["scen"]
    dx = dx[:4]
    cpts = cpts[:5]
    mono = r.random() < 0.7
    vf = p.mono if mono else None
    vpt = p.pt

    def V(text, *marks):
        return [T(text, "r", list(marks), fam=vf)]

    reserve_footer(p)
    # carrier block top right + title
    pa = make_address(r)
    top = p.y
    carrier = [pay["name"].upper(), "PO BOX %d" % r.randint(1000, 99999), ("%s %s %s" % (pa["city"], pa["state"], pa["zip"])).upper()]
    cw = max(p.tw(t, p.f("r", None, vf)) for t in carrier)
    for i, t in enumerate(carrier):
        p.text(p.R - cw, top + p.asc() + i * p.lh(), t, p.f("r", None, vf))
    p.y = top + 3 * p.lh() + int(p.lh() * 0.3)
    p.line([T(r.choice(["HEALTH INSURANCE CLAIM FORM", "PROFESSIONAL CLAIM FORM", "HEALTH INSURANCE CLAIM FORM (CMS-1500 STYLE)"]), "b", pt=15, fam=p.hfam)], pt=15)
    p.line([T("APPROVED BY NATIONAL UNIFORM CLAIM COMMITTEE (NUCC) 02/12", "r", pt=9)], pt=9)
    p.space(0.3)
    self_ins = r.random() < 0.6
    pn = fmt_name(pat, r.choice(["LAST, FIRST, M", "LAST, FIRST, M", "LAST, FIRST M"]))
    pname_mark = M("patient_name", pat["first"] + " " + pat["last"], printed=pn)
    dob_f = r.choice(["mm dd yyyy", "mm dd yyyy", "mdy"])
    dob_s = fmt_date(pat["dob"], dob_f)
    sx = pat["sex"]
    ins_name = [V(nb(pn), pname_mark)] if self_ins and r.random() < 0.5 else ([V("SAME")] if self_ins else None)
    if not self_ins:
        on = ("%s, %s" % (o["last"], o["first"])).upper()
        ins_name = [V(nb(on), M("patient_name", "%s %s" % (o["first"], o["last"]), role="d", printed=on))]
    a = pat["addr"]
    rel = "Self" if self_ins else ("Spouse" if o["rel"] == "Spouse" else "Child")
    if rel == "Child" and age_on(pat["dob"], c["dos"]) > 26:
        rel = "Other"
    prog = "Medicare" if c["medicare"] and pay["name"].startswith("Medicare") else "Group Health Plan"
    row1 = [(0.62, "1. MEDICARE / MEDICAID / TRICARE / CHAMPVA / GROUP HEALTH PLAN / OTHER",
             [[CB(prog == "Medicare", "Medicare"), Gap(18), CB(False, "Medicaid"), Gap(18), CB(False, "TRICARE"), Gap(18), CB(prog != "Medicare", "Group Health Plan")]]),
            (0.38, "1a. INSURED'S I.D. NUMBER (For Program in Item 1)", [V(pat["member_id"], M("member_id", pat["member_id"], printed=pat["member_id"]))])]
    row2 = [(0.38, "2. PATIENT'S NAME (Last Name, First Name, Middle Initial)", [V(nb(pn), pname_mark)]),
            (0.26, "3. PATIENT'S BIRTH DATE / SEX", [V(nb(dob_s), M("dob", pat["dob"].isoformat(), printed=dob_s)), [CB(sx == "M", "M"), Gap(20), CB(sx == "F", "F")]]),
            (0.36, "4. INSURED'S NAME (Last Name, First Name, Middle Initial)", ins_name)]
    row3 = [(0.38, "5. PATIENT'S ADDRESS (No., Street)", [V(a["street"].upper()), V(("%s, %s %s" % (a["city"], a["state"], a["zip"])).upper()), V(pat["phone"])]),
            (0.26, "6. PATIENT RELATIONSHIP TO INSURED", [[CB(rel == "Self", "Self"), Gap(14), CB(rel == "Spouse", "Spouse")], [CB(rel == "Child", "Child"), Gap(14), CB(rel == "Other", "Other")]]),
            (0.36, "7. INSURED'S ADDRESS (No., Street)", [V("SAME")] if self_ins or r.random() < 0.5 else [V(a["street"].upper()), V(("%s, %s %s" % (a["city"], a["state"], a["zip"])).upper())])]
    if self_ins:
        ins_dob = [V(nb(dob_s), M("dob", pat["dob"].isoformat(), printed=dob_s))] if r.random() < 0.5 else [V(" ")]
    else:
        od = fmt_date(o["dob"], dob_f)
        ins_dob = [V(nb(od), M("dob", o["dob"].isoformat(), role="d", printed=od))]
    row4 = [(0.38, "9. OTHER INSURED'S NAME", [V("NONE") if r.random() < 0.5 else V(" ")]),
            (0.26, "10. IS PATIENT'S CONDITION RELATED TO EMPLOYMENT?", [[CB(False, "YES"), Gap(20), CB(True, "NO")]]),
            (0.36, "11. INSURED'S POLICY GROUP OR FECA NUMBER", [V(pat["group"], M("group_number", pat["group"], printed=pat["group"]))])]
    row5 = [(0.38, "11a. INSURED'S DATE OF BIRTH", ins_dob),
            (0.26, "11c. INSURANCE PLAN NAME", [V(nb(pay["plan"].upper()))]),
            (0.36, "11d. IS THERE ANOTHER HEALTH BENEFIT PLAN?", [[CB(False, "YES"), Gap(20), CB(True, "NO")]])]
    sig_dt = c["dos"] + dt.timedelta(days=r.randint(1, 12))
    ill = c["dos"] - dt.timedelta(days=r.randint(3, 60))
    date_f = r.choice(["mm dd yy", "mdy", "mm dd yyyy"])
    row6 = [(0.5, "12. PATIENT'S OR AUTHORIZED PERSON'S SIGNATURE", [V("SIGNATURE ON FILE   DATE " + fmt_date(sig_dt, date_f))]),
            (0.5, "13. INSURED'S OR AUTHORIZED PERSON'S SIGNATURE", [V("SIGNATURE ON FILE")])]
    ref = c["prov2"]
    has_ref = r.random() < 0.5
    row7 = [(0.34, "14. DATE OF CURRENT ILLNESS, INJURY, OR PREGNANCY (LMP)", [V(fmt_date(ill, date_f) + "  QUAL 431")]),
            (0.4, "17. NAME OF REFERRING PROVIDER OR OTHER SOURCE", [V(nb(("DN %s %s %s" % (ref["first"], ref["last"], ref["cred"].split(",")[0])).upper()) if has_ref else " ")]),
            (0.26, "17b. NPI", [V(ref["npi"], M("npi", ref["npi"], printed=ref["npi"])) if has_ref else V(" ")])]
    letters = "ABCDEFGHIJKL"
    dxsegs = []
    for i, d in enumerate(dx):
        if i:
            dxsegs.append(Gap(p.px() * 1.2))
        dxsegs += [T("%s." % letters[i], "r", fam=vf), Gap(p.px() * 0.3), T(d, "r", [M("icd10", d, printed=d)], fam=vf)]
    auth = ("%s%d" % (r.choice(["", "PA", "A"]), r.randint(1000000, 99999999))) if r.random() < 0.4 else " "
    row8 = [(0.68, "21. DIAGNOSIS OR NATURE OF ILLNESS OR INJURY (Relate A-L to service line below)   ICD Ind. 0", [dxsegs]),
            (0.32, "23. PRIOR AUTHORIZATION NUMBER", [V(auth)])]
    box_rows(p, [row1, row2, row3, row4, row5, row6, row7, row8], val_pt=vpt)
    # service lines
    dos_f = r.choice(["mm dd yy", "mm dd yy", "mdy", "mm dd yyyy", "m/d/yy"])
    ds = fmt_date(c["dos"], dos_f)
    rows = []
    total = 0.0
    for cd in cpts:
        ch = r.choice([25, 38, 45, 60, 85, 110, 125, 140, 165, 210, 245, 320])
        total += ch
        mod = "25" if cd.startswith("992") and len(cpts) > 1 and r.random() < 0.5 else ""
        ptr = "".join(letters[i] for i in range(min(len(dx), r.randint(1, 3))))
        charge = ("%d 00" % ch) if r.random() < 0.5 else ("%d.00" % ch)
        rows.append([C(nb(ds), "r", [M("service_date", c["dos"].isoformat(), printed=ds)]),
                     C(nb(ds), "r", [M("service_date", c["dos"].isoformat(), printed=ds)]),
                     r.choice(["11", "11", "22"]), C(cd, "r", [M("cpt", cd, printed=cd)]), mod, ptr, charge, "1",
                     C(pv["npi"], "r", [M("npi", pv["npi"], printed=pv["npi"])])])
    hdrs = ["24A. DOS From", "To", "B. POS", "D. CPT/HCPCS", "Modifier", "E. Dx Ptr", "F. $ Charges", "G. Units", "J. Rendering NPI"]
    saved = p.fam
    if mono:
        p.fam = p.mono
    table(p, hdrs, rows, ruled="grid", hdr_st="b", aligns=["l", "l", "c", "l", "c", "c", "r", "c", "l"], pt=max(9, vpt - 1))
    p.fam = saved
    acct_same = r.random() < 0.5
    acct = pat["mrn"] if acct_same else "%s%d" % (r.choice(["", "A", "PT"]), r.randint(100000, 9999999))
    pay_amt = r.choice([0, 0, 20, 25, 40])
    clinic_npi = cl["npi"]
    ca = cl["addr"]
    row9 = [(0.3, "25. FEDERAL TAX I.D. NUMBER", [[T(cl["ein"], "r", fam=vf), Gap(20), CB(False, "SSN"), Gap(12), CB(True, "EIN")]]),
            (0.26, "26. PATIENT'S ACCOUNT NO.", [V(acct, M("mrn", acct, role="o", printed=acct))]),
            (0.16, "27. ACCEPT ASSIGNMENT?", [[CB(True, "YES"), Gap(10), CB(False, "NO")]]),
            (0.14, "28. TOTAL CHARGE", [V("$ %d 00" % total if r.random() < 0.5 else money(total))]),
            (0.14, "29. AMOUNT PAID", [V("$ %d 00" % pay_amt)])]
    sd2 = fmt_date(sig_dt, date_f)
    row10 = [(0.3, "31. SIGNATURE OF PHYSICIAN OR SUPPLIER INCLUDING DEGREES OR CREDENTIALS", [V(("%s %s %s" % (pv["first"], pv["last"], pv["cred"].split(",")[0])).upper()), V("DATE " + sd2)]),
             (0.35, "32. SERVICE FACILITY LOCATION INFORMATION", [V(cl["name"].upper()), V(ca["street"].upper()), V(("%s, %s %s" % (ca["city"], ca["state"], ca["zip"])).upper()),
                                                                 [T("a. ", "r", fam=vf), T(clinic_npi, "r", [M("npi", clinic_npi, printed=clinic_npi)], fam=vf)]]),
             (0.35, "33. BILLING PROVIDER INFO & PH # " + cl["phone"], [V(cl["name"].upper()), V(ca["street"].upper()), V(("%s, %s %s" % (ca["city"], ca["state"], ca["zip"])).upper()),
                                                                      [T("a. ", "r", fam=vf), T(clinic_npi, "r", [M("npi", clinic_npi, printed=clinic_npi)], fam=vf)]])]
    box_rows(p, [row9, row10], val_pt=vpt)
    footer(p, "NUCC Instruction Manual available at: www.nucc.org", None, "PLEASE PRINT OR TYPE")


REMARKS = [("PDC", "Amount applied to your deductible."), ("N130", "Consult plan benefit documents for information about restrictions."),
           ("CO45", "Charge exceeds fee schedule/maximum allowable; provider write-off."), ("PR3", "Copayment amount."),
           ("PR2", "Coinsurance amount."), ("M15", "Separately billed services have been bundled.")]


def t_explanation_of_benefits(p, c):
    r = p.r
    fm = Fmt(r, c)
    pat, pv, pay, o = c["pat"], c["prov"], c["payer"], c["other"]
    complaint, dx, cpts, meds = c["scen"]
    reserve_footer(p)
    letterhead(p, pay, style=r.choice(["left_right", "logo", "center"]), web=True)
    member_is_pat = r.random() < 0.6
    mem = pat if member_is_pat else o
    stmt = c["dos"] + dt.timedelta(days=r.randint(14, 45))
    claim_no = "%d%s" % (r.randint(10 ** 9, 10 ** 10 - 1), r.choice(["", "00", "-01"]))
    # recipient window + right side info
    top = p.y
    mn = "%s %s" % (mem["first"], mem["last"])
    mna = mn.upper() if r.random() < 0.6 else mn
    ma = pat["addr"]
    if member_is_pat:
        mmark = [M("patient_name", pat["first"] + " " + pat["last"], printed=mna)]
    else:
        mmark = [M("patient_name", mn, role="d", printed=mna)]
    left = [[T(mna, "r", mmark)], [T(ma["street"].upper() if r.random() < 0.5 else ma["street"])], [T(addr_line2(ma))]]
    right = [[T(p.lab("Statement Date"), "b"), T(" " + fm.d(stmt))], [T(p.lab("Claim Number"), "b"), T(" " + claim_no)],
             [T(p.lab("Customer Service"), "b"), T(" 1-800-555-01%02d" % r.randint(0, 99))]]
    for i, sg in enumerate(left):
        p.draw_segs(p.L + p.px(), top + p.asc() + i * p.lh(), sg)
    for i, sg in enumerate(right):
        w_ = p.segs_w(sg)
        p.draw_segs(p.R - w_, top + p.asc() + i * p.lh(), sg)
    p.y = top + 3 * p.lh() + int(p.lh() * 0.8)
    tt = r.choice(["Explanation of Benefits", "EXPLANATION OF BENEFITS - THIS IS NOT A BILL", "Your Explanation of Benefits"])
    title(p, tt)
    if r.random() < 0.6 and "BILL" not in tt:
        p.line([T("THIS IS NOT A BILL", "b")], align="c")
    items = []
    if member_is_pat:
        items.append(name_item(p, c, fm, label=r.choice(["Member", "Member Name", "Subscriber"])))
    else:
        on = other_name(o, r, upper=r.random() < 0.4)
        items.append(KV(r.choice(["Member", "Member Name", "Subscriber"]), nb(on), M("patient_name", "%s %s" % (o["first"], o["last"]), role="d", printed=on)))
        items.append(name_item(p, c, fm, label=r.choice(["Patient", "Patient Name", "Dependent"])))
    items.append(member_item(p, c, r.choice(["Member ID", "ID#", "Subscriber ID", "Member #"])))
    items.append(group_item(p, c))
    items.append(KV("Plan", nb(pay["plan"])))
    prov_lab = r.choice(["Provider", "Rendering Provider", "Provider Name"])
    items.append(KV(prov_lab, nb(prov_name(pv))))
    if r.random() < 0.5:
        items.append(KV(r.choice(["Provider NPI", "NPI", "Rendering NPI"]), pv["npi"], M("npi", pv["npi"], printed=pv["npi"])))
    if r.random() < 0.6:
        acct = pat["mrn"] if r.random() < 0.4 else "%d" % r.randint(100000, 99999999)
        items.append(KV(r.choice(["Patient Account #", "Patient Acct No.", "Account Number"]), acct, M("mrn", acct, role="o", printed=acct)))
    items.append(KV(r.choice(["Claim Received", "Date Received"]), nb(fm.d(c["dos"] + dt.timedelta(days=r.randint(2, 10))))))
    kv_block(p, items, style=r.choice(["kv2", "kv2", "grid", "boxes"]))
    ds = fm.d(c["dos"])
    rows = []
    tb = ta = tpaid = tresp = 0.0
    rem_used = []
    for cd in cpts[:5]:
        billed = float(r.choice([45, 60, 85, 110, 125, 160, 210, 245, 320]))
        allowed = round(billed * r.uniform(0.45, 0.85), 2)
        ded = round(allowed * r.choice([0, 0, 0.3, 1.0]), 2)
        copay = r.choice([0.0, 0.0, 20.0, 25.0]) if cd.startswith("99") else 0.0
        copay = min(copay, allowed - ded)
        coins = round((allowed - ded - copay) * r.choice([0, 0.1, 0.2]), 2)
        paid = round(allowed - ded - copay - coins, 2)
        resp = round(ded + copay + coins, 2)
        rem = "PDC" if ded > 0 else ("PR3" if copay > 0 else ("PR2" if coins > 0 else r.choice(["CO45", "N130", "M15"])))
        if rem not in rem_used:
            rem_used.append(rem)
        tb += billed
        ta += allowed
        tpaid += paid
        tresp += resp
        rows.append([C(nb(ds), "r", [M("service_date", c["dos"].isoformat(), printed=ds)]),
                     C(cd, "r", [M("cpt", cd, printed=cd)]), CPT[cd].split(",")[0].split(";")[0],
                     money(billed), money(allowed), money(ded + copay + coins), money(paid), rem])
    rows.append([C("Totals", "b"), "", "", C(money(tb), "b"), C(money(ta), "b"), C(money(tresp), "b"), C(money(tpaid), "b"), ""])
    hdr = [r.choice(["Service Date", "Date of Service", "DOS"]), r.choice(["Code", "CPT", "Proc Code"]), "Description", "Billed", "Allowed",
           r.choice(["You Owe", "Member Resp."]), r.choice(["Plan Paid", "Paid"]), "Remark"]
    table(p, hdr, rows, ruled=r.choice(["grid", "hrules", "header"]), aligns=["l", "l", "l", "r", "r", "r", "r", "c"],
          pt=max(9, p.pt - r.choice([0, 1, 2])), expand=2)
    p.lr_line([T(p.lab("Amount you may owe the provider"), "b")], [T(money(tresp), "b")])
    p.space(0.3)
    p.heading(r.choice(["Remark Codes", "Message Codes"]))
    for code in rem_used:
        p.para([T(code, "b"), T(" - " + dict(REMARKS)[code])], after=0.05)
    p.space(0.4)
    p.para("If you disagree with this decision, you may file an appeal within 180 days of the date of this statement. Write to %s, Attn: Appeals, P.O. Box %d, %s, or call Customer Service. TTY users dial 711." %
           (pay["name"], r.randint(1000, 99999), addr_line2(make_address(r))), pt=max(9, p.pt - 1))
    std_footer(p)


TEMPLATES = {
    "claim": t_claim,
    "explanation_of_benefits": t_explanation_of_benefits,
    "insurance_card": t_insurance_card,
    "consent": t_consent,
    "hipaa_authorization": t_hipaa_authorization,
    "discharge_summary": t_discharge_summary,
    "lab_report": t_lab_report,
    "radiology_report": t_radiology_report,
    "referral": t_referral,
    "prescription": t_prescription,
    "progress_note": t_progress_note,
    "registration": t_registration,
}


# ----------------------------------------------------------------------------
# rendering driver
# ----------------------------------------------------------------------------
LIST_FIELDS = ("npi", "icd10", "cpt")
FIELD_ORDER = ["patient_name", "dob", "mrn", "member_id", "group_number", "npi", "icd10", "cpt", "service_date"]
PT_CHOICES = [9, 9.5, 10, 10.5, 11, 11.5, 12, 12.5, 13]


def page_seed(seed, idx):
    return (int(seed) * 1000003 + idx * 7919 + 17) & 0xFFFFFFFF


def render(seed, idx, doc_type):
    """Returns (Page, case, truth). Deterministic in (seed, idx, doc_type)."""
    r0 = random.Random(page_seed(seed, idx))
    case = make_case(r0, doc_type)
    base_pt = r0.choice(PT_CHOICES)
    fam = r0.choice(BODY_FAMILIES)
    hfam = fam if r0.random() < 0.6 else r0.choice(BODY_FAMILIES)
    style_seed = r0.getrandbits(31)
    errors = []
    for variant in range(6):
        pts = [x for x in PT_CHOICES if x <= base_pt][::-1]
        for pt in pts:
            r = random.Random(style_seed + 7777 * variant)
            p = Page(r, pt, fam, hfam)
            try:
                TEMPLATES[doc_type](p, json_safe_copy(case))
                p.finalize()
            except LayoutError as e:
                errors.append("v%d pt%s: %s" % (variant, pt, e))
                continue
            p.font_info = {"family": fam, "heading_family": hfam, "pt": pt, "variant": variant}
            if os.environ.get("GEN_DEBUG"):
                print("\n".join(errors), file=sys.stderr)
            return p, case, build_truth(doc_type, case, p.marks)
    raise RuntimeError("could not lay out %s idx %d:\n%s" % (doc_type, idx, "\n".join(errors[-6:])))


def json_safe_copy(c):
    import copy
    return copy.deepcopy(c)


def build_truth(doc_type, c, marks):
    fields, optional = {}, {}
    for role, field, printed, canon in marks:
        if role == "d":
            continue
        tgt = fields if role == "f" else optional
        if field in LIST_FIELDS:
            lst = tgt.setdefault(field, [])
            if canon not in lst:
                lst.append(canon)
        else:
            if field in tgt and tgt[field] != canon:
                raise RuntimeError("conflicting %s values %r %r" % (field, tgt[field], canon))
            tgt[field] = canon
    for k in list(optional):
        if k in LIST_FIELDS:
            optional[k] = [v for v in optional[k] if v not in fields.get(k, [])]
            if not optional[k]:
                del optional[k]
        elif fields.get(k) == optional[k]:
            del optional[k]
    pat = c["pat"]
    return {"doc_type": doc_type,
            "fields": {k: fields[k] for k in FIELD_ORDER if k in fields},
            "optional": {k: optional[k] for k in FIELD_ORDER if k in optional},
            "patient": {"first_name": pat["first"], "last_name": pat["last"], "dob": pat["dob"].isoformat(),
                        "mrn": pat["mrn"], "member_id": pat["member_id"]}}


# ----------------------------------------------------------------------------
# degradation
# ----------------------------------------------------------------------------
def degrade(img, level, rng):
    """img: PIL L 2550x3300 clean page; rng: numpy Generator."""
    if level == "clean":
        return img, 300
    if level == "mild":
        ang = rng.uniform(-2, 2)
        im = img.rotate(ang, resample=Image.BICUBIC, expand=False, fillcolor=255)
        im = im.filter(ImageFilter.GaussianBlur(0.5))
        a = np.asarray(im, dtype=np.float32) + rng.normal(0, 6, (H, W)).astype(np.float32)
        return Image.fromarray(np.clip(np.rint(a), 0, 255).astype(np.uint8), "L"), 300
    if level == "scan":
        ang = rng.uniform(-4, 4)
        im = img.rotate(ang, resample=Image.BICUBIC, expand=False, fillcolor=255)
        ink = np.asarray(im, dtype=np.float32) / 255.0
        # light gray, uneven paper: 200..235 with a gentle gradient and soft blotches
        lo = rng.uniform(200, 212)
        hi = rng.uniform(max(lo + 8, 222), 235)
        th = rng.uniform(0, 2 * np.pi)
        yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
        g = (xx - W / 2) * np.cos(th) + (yy - H / 2) * np.sin(th)
        g = (g - g.min()) / (g.max() - g.min())
        small = rng.normal(0, 1, (6, 5)).astype(np.float32)
        bl = np.asarray(Image.fromarray(small, "F").resize((W, H), Image.BICUBIC), dtype=np.float32)
        bl = (bl - bl.min()) / (bl.max() - bl.min() + 1e-6)
        t = np.clip(0.75 * g + 0.25 * bl, 0, 1)
        paper = lo + (hi - lo) * t
        a = paper * ink
        im = Image.fromarray(np.clip(np.rint(a), 0, 255).astype(np.uint8), "L")
        im = im.filter(ImageFilter.GaussianBlur(0.8))
        a = np.asarray(im, dtype=np.float32) + rng.normal(0, 8, (H, W)).astype(np.float32)
        im = Image.fromarray(np.clip(np.rint(a), 0, 255).astype(np.uint8), "L")
        im = im.resize((W * 2 // 3, H * 2 // 3), Image.LANCZOS)
        return im, 200
    raise ValueError(level)


def doc_order(seed):
    r = random.Random(page_seed(seed, 999983))
    order = list(DOC_TYPES)
    r.shuffle(order)
    return order


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out_dir")
    ap.add_argument("--count", type=int, required=True)
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--levels", default="clean,mild,scan")
    a = ap.parse_args(argv)
    levels = [x.strip() for x in a.levels.split(",") if x.strip()]
    for lv in levels:
        if lv not in ("clean", "mild", "scan"):
            ap.error("unknown level %r" % lv)
    os.makedirs(a.out_dir, exist_ok=True)
    order = doc_order(a.seed)
    manifest = []
    for i in range(a.count):
        dtp = order[i % len(order)]
        page, case, truth = render(a.seed, i, dtp)
        for li, lv in enumerate(["clean", "mild", "scan"]):
            if lv not in levels:
                continue
            rng = np.random.default_rng([int(a.seed) & 0xFFFFFFFF, i, li, 4242])
            im, dpi = degrade(page.img, lv, rng)
            name = "%s_%04d_%s" % (lv, i + 1, dtp)
            if lv == "scan":
                fn = name + ".jpg"
                im.save(os.path.join(a.out_dir, fn), "JPEG", quality=50, dpi=(dpi, dpi))
            else:
                fn = name + ".png"
                im.save(os.path.join(a.out_dir, fn), "PNG", dpi=(dpi, dpi))
            with open(os.path.join(a.out_dir, name + ".fields.json"), "w") as fh:
                json.dump(truth, fh, indent=1)
                fh.write("\n")
            manifest.append((fn, lv, dtp))
        print("%4d %-24s pt=%s %s" % (i + 1, dtp, page.font_info["pt"], page.font_info["family"]), file=sys.stderr)
    order_lv = {"clean": 0, "mild": 1, "scan": 2}
    manifest.sort(key=lambda m: (order_lv[m[1]], m[0]))
    with open(os.path.join(a.out_dir, "manifest.tsv"), "w") as fh:
        fh.write("file\tlevel\tdoc_type\n")
        for m in manifest:
            fh.write("%s\t%s\t%s\n" % m)


if __name__ == "__main__":
    main()
