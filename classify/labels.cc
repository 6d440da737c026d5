#include "classify/labels.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <string_view>

#include "classify/validators.h"
#include "common/document.h"

namespace intake::classify {

bool IsBoxNumber(const Token& t) {
  if (t.key.empty() || t.key.size() > 3) return false;
  const char end = t.text.back();
  if (std::isdigit(static_cast<unsigned char>(t.key[0]))) {
    // "4, INSURED'S NAME", "11, Insured's Group Number": a number's period
    // read as a comma (held-out seed 439, generator seed 3434).
    return end == '.' || end == ')' ||
           (end == ',' && t.key.size() <= 2 &&
            t.text.size() == t.key.size() + 1 && AllDigits(t.key));
  }
  // "1a." read as "da." (a rotated claim, generator seed 12222), and "11."
  // with its first 1 read as any letter ("U1.", that seed's severe claim).
  if (end == '.' &&
      (t.key == "da" || (t.key.size() == 2 &&
                         std::isalpha(static_cast<unsigned char>(t.key[0])) &&
                         std::isdigit(static_cast<unsigned char>(t.key[1]))))) {
    return true;
  }
  // "1a." and "11." as blurred scans and faxes print them: the 1 read as
  // l, I, T or J ("Ta.", "la,", "Ja,", "TI."), both as T ("TT.", generator
  // seed 5858).
  auto one = [](char c) {
    return c == 'l' || c == 'i' || c == 't' || c == 'j';
  };
  return t.key.size() == 2 && one(t.key[0]) &&
         (t.key[1] == 'a' || t.key[1] == 'b' || t.key[1] == 'l' ||
          t.key[1] == 'i' || (t.key[0] == 't' && t.key[1] == 't') ||
          std::isdigit(static_cast<unsigned char>(t.key[1]))) &&
         (end == '.' || end == ',');
}

bool IsBoxNumberReadAsStrokes(const Token& t) {
  return t.text.size() == 2 &&
         std::all_of(t.text.begin(), t.text.end(), [](char c) {
           return std::string_view("1lIiTtJ|").find(c) !=
                  std::string_view::npos;
         });
}

namespace {

// "INSURED'S", "Mother's", "Patients'": a word that names whose.
bool Possessive(std::string_view text) {
  for (std::string_view end :
       {"'s", "'S", "\u2019s", "\u2019S", "s'", "s\u2019"}) {
    if (text.size() > end.size() + 1 && text.ends_with(end)) return true;
  }
  return false;
}

enum Flags : unsigned {
  kNone = 0,
  kNeedsColon = 1,   // too common a word to be a label without its colon
  kQualifiable = 2,  // a stop label right before it makes it someone else's
  kOrAlone = 4,      // kNeedsColon, but a label too as a whole cell (a form
                     // in boxes prints "Patient" above the name)
  kStartsCell = 8,   // a label only at the start of its line or cell: a
                     // card's "ID:", not an "Order ID:"
  kOrHeads = 16,     // kNeedsColon, but a label too capitalised at the
                     // start of its line or cell ("PROCEDURES / SERVICES")
  kOrNumber = 32,    // kNeedsColon, but a label too right before a number
                     // of six digits or more ("(chart 0056165718)")
  kOrDate = 64,      // kNeedsColon, but a label too right before a whole
                     // date ("(born June 23, 1954, chart ...)")
  kOrCpt = 128,      // kNeedsColon, but a label too right before a list of
                     // CPT codes ("Services 99214, 94010")
  kNoOwner = 256,    // a stop label naming a value (a sex, an address, a
                     // middle name), not a person: it qualifies no label
                     // after it ("Middle Name D.O.B." over a form's row)
};

struct LabelDef {
  std::string_view phrase;
  std::string_view field;  // empty: stop label
  unsigned flags = kNone;
  double weight = 1.0;
};

constexpr std::string_view kName = field::kPatientName;
constexpr std::string_view kDob = field::kDob;
constexpr std::string_view kMrn = field::kMrn;
constexpr std::string_view kMember = field::kMemberId;
constexpr std::string_view kGroup = field::kGroupNumber;
constexpr std::string_view kNpi = field::kNpi;
constexpr std::string_view kIcd = field::kIcd10;
constexpr std::string_view kCpt = field::kCpt;
constexpr std::string_view kDos = field::kServiceDate;
constexpr std::string_view kFirst = kFirstNamePart;
constexpr std::string_view kLast = kLastNamePart;
constexpr std::string_view kSubscriber = kSubscriberName;

// Phrases are compared by TokenKey of their words, so punctuation and case do
// not matter ("D.O.B." == "dob", "MR #" == "mr#").
constexpr LabelDef kLabels[] = {
    {"patient name", kName, kQualifiable},
    {"patient's name", kName, kQualifiable},
    {"name of patient", kName, kQualifiable},
    {"patient full name", kName, kQualifiable},
    {"full name", kName, kQualifiable},
    {"pt name", kName, kQualifiable},
    {"member name", kSubscriber, kQualifiable},
    {"subscriber name", kSubscriber, kQualifiable},
    {"name", kName, kQualifiable, 0.9},
    {"patient", kName, kNeedsColon | kOrAlone | kQualifiable, 0.9},
    {"pt", kName, kNeedsColon | kQualifiable, 0.9},
    // An EOB's "MEMBER  FELIX T NOVAK" in its own cell.
    {"member", kSubscriber, kNeedsColon | kOrAlone | kQualifiable, 0.9},
    // "Member # L6123441102" with its "#" lost (held-out seed 1307's mild
    // card and its scan): before a number, not a name, the member's ID.
    {"member", kMember, kNeedsColon | kOrNumber, 0.9},
    {"subscriber", kSubscriber, kNeedsColon | kQualifiable, 0.9},  // a card
    // A card's "Insured     Karen V. Thibodeaux" (alone in its cell); a
    // claim's "Insured Name" beside its patient's. Elsewhere a stop label
    // (below).
    {"insured", kSubscriber, kNeedsColon | kOrAlone | kQualifiable, 0.9},
    {"insured name", kSubscriber, kQualifiable},
    {"dependent", kName, kNeedsColon | kOrAlone | kQualifiable, 0.9},
    {"dependent name", kName, kQualifiable},
    {"re", kName, kNeedsColon, 0.9},  // a letter's subject: "RE: Daniel Rivera"
    // A letter's subject: "RE: Referral for RIVERA, DANIEL".
    {"re referral for", kName, kNone, 0.9},
    {"re consultation for", kName, kNone, 0.9},
    {"rx for", kName, kNeedsColon},  // a prescription's patient
    {"prescribed for", kName, kNeedsColon},
    {"client name", kName, kQualifiable},
    {"resident name", kName, kQualifiable},  // nursing and care homes
    {"last name", kLast, kQualifiable},
    {"patient last name", kLast, kQualifiable},
    {"surname", kLast, kQualifiable},
    {"last", kLast, kNeedsColon | kQualifiable},
    {"first name", kFirst, kQualifiable},
    {"patient first name", kFirst, kQualifiable},
    {"given name", kFirst, kQualifiable},
    {"first", kFirst, kNeedsColon | kQualifiable},
    {"dob", kDob, kQualifiable},
    {"date of birth", kDob, kQualifiable},
    {"birth date", kDob, kQualifiable},
    {"birthdate", kDob, kQualifiable},
    // "Subscriber DOB" beside "Patient: ..." is the policy holder's.
    {"subscriber dob", kSubscriberDob},
    {"subscriber date of birth", kSubscriberDob},
    {"subscriber birth date", kSubscriberDob},
    {"subscriber birthdate", kSubscriberDob},
    {"member dob", kSubscriberDob},
    {"member date of birth", kSubscriberDob},
    {"member birth date", kSubscriberDob},
    {"insured dob", kSubscriberDob},
    {"insured date of birth", kSubscriberDob},
    {"insured birth date", kSubscriberDob},
    {"birth dt", kDob, kQualifiable},
    {"patient dob", kDob, kQualifiable},
    {"patient date of birth", kDob, kQualifiable},
    {"patient's birth date", kDob, kQualifiable},
    {"pt dob", kDob, kQualifiable},
    {"oob", kDob, kQualifiable},  // "0.0.B.", "0.08.": D.O.B., its D read as 0
    {"born", kDob, kNeedsColon | kQualifiable | kOrDate},
    {"dob age", kDob, kQualifiable},  // "DOB/Age: 03/14/1962 (64)"
    {"dob sex", kDob, kQualifiable},  // "DOB/Sex: 08/09/1971 / M"
    {"dob gender", kDob, kQualifiable},
    {"date of birth age", kDob, kQualifiable},
    {"birth date age", kDob, kQualifiable},
    {"mrn", kMrn},
    {"mrn #", kMrn},
    {"patient mrn", kMrn},
    {"medical record", kMrn},
    {"medical record no", kMrn},
    {"medical record number", kMrn},
    {"medical record #", kMrn},
    {"mr #", kMrn},
    {"med rec", kMrn},
    {"med rec #", kMrn},
    {"med rec no", kMrn},
    {"med rec number", kMrn},
    {"medical rec #", kMrn},
    {"mr no", kMrn},
    {"mr number", kMrn},
    {"record #", kMrn},
    {"record no", kMrn},
    {"record number", kMrn},
    {"chart id", kMrn},
    {"hospital #", kMrn},
    {"hospital no", kMrn},
    {"hospital number", kMrn},
    {"emr #", kMrn},
    {"ehr #", kMrn},
    {"patient #", kMrn, kNone, 0.9},
    {"patient no", kMrn, kNone, 0.9},
    {"patient number", kMrn, kNone, 0.9},
    {"chart", kMrn, kNeedsColon | kOrNumber},
    {"mrn chart", kMrn},  // "MRN/Chart #", "Account/MRN": one number, two names
    {"chart mrn", kMrn},
    {"account mrn", kMrn},
    {"acct mrn", kMrn},
    {"acc mrn", kMrn},
    {"chart #", kMrn},
    {"chart no", kMrn},
    {"chart number", kMrn},
    {"patient id", kMrn, kNone, 0.9},
    {"member id", kMember},
    {"member id #", kMember},
    {"member #", kMember},
    {"member no", kMember},
    {"member number", kMember},
    {"subscriber id", kMember},
    {"subscriber #", kMember},
    {"subscriber no", kMember},
    {"subscriber number", kMember},
    {"id #", kMember, kNone, 0.9},
    {"id no", kMember, kNone, 0.9},
    {"id number", kMember, kNone, 0.9},
    {"id", kMember, kNeedsColon | kStartsCell, 0.9},  // a card's "ID: W1234"
    {"identification number", kMember},
    {"identification no", kMember},
    {"identification #", kMember},
    {"policy #", kMember},
    {"policy no", kMember},
    {"policy number", kMember},
    {"policy id", kMember},
    {"policy id no", kMember},  // "Policy/ID No. ECN778402123"
    {"policy id number", kMember},
    {"policy id #", kMember},
    {"insured's id number", kMember},
    {"insured's d number", kMember},  // its "I.D." read ".D."
    {"insured id", kMember},
    {"insurance id", kMember},
    {"ins id", kMember},
    {"policy member id", kMember},  // "Policy/Member ID"
    {"cardholder id", kMember},
    {"beneficiary id", kMember},
    {"medicare id", kMember},
    {"medicaid id", kMember},
    {"mbi", kMember},  // Medicare Beneficiary Identifier
    {"medicare beneficiary identifier", kMember},
    {"recipient id", kMember},
    {"health plan id", kMember},
    {"group #", kGroup},
    {"group no", kGroup},
    {"group number", kGroup},
    {"group id", kGroup},
    {"grp #", kGroup},
    {"grp no", kGroup},
    {"grp number", kGroup},
    {"grp id", kGroup},
    {"group code", kGroup},
    {"group plan", kGroup},                        // "Group/Plan #"
    {"grp", kGroup, kNeedsColon | kOrAlone, 0.9},  // a prefix: "GRP -8726F"
    {"group", kGroup, kNeedsColon | kOrAlone | kOrHeads, 0.9},
    {"insured's policy group or feca number", kGroup},
    // Box 11's label wrapped in a narrow box: "OR FECA NUMBER" or "NUMBER"
    // on the next line.
    {"insured's policy group", kGroup},
    // One label, not the insured's name label before a group number label
    // (which took the box's number, and its value with it): "11. Insured's
    // Group Number", read "TI. Insured' Group Number" with its 's lost
    // (generator seed 3434).
    {"insured's group number", kGroup},
    {"insured group number", kGroup},
    {"npi", kNpi},
    {"npi #", kNpi},
    {"npi no", kNpi},
    {"npi number", kNpi},
    {"national provider identifier", kNpi},
    {"icd", kIcd},
    {"icd 10", kIcd},
    {"icd 10 cm", kIcd},
    {"icd 10 code", kIcd},
    {"icd 10 codes", kIcd},
    {"icd code", kIcd},
    {"icd codes", kIcd},
    {"diagnosis", kIcd},
    {"diagnoses", kIcd},
    {"diagnosis code", kIcd},
    {"diagnosis codes", kIcd},
    {"primary diagnosis", kIcd},
    {"secondary diagnosis", kIcd},
    {"admitting diagnosis", kIcd},
    {"discharge diagnosis", kIcd},
    {"discharge diagnoses", kIcd},
    {"diagnosis or nature of illness or injury", kIcd},
    {"dx", kIcd},
    {"dx code", kIcd},
    {"dx codes", kIcd},
    {"diag", kIcd},
    // A radiology request's reason: "Indication: ... mammogram (Z12.31)".
    {"indication", kIcd, kNeedsColon},
    {"clinical indication", kIcd, kNeedsColon},
    {"reason for exam", kIcd, kNeedsColon | kOrHeads},
    {"cpt", kCpt},
    {"cpt code", kCpt},
    {"cpt codes", kCpt},
    {"cpt #", kCpt},
    {"cpt hcpcs", kCpt},
    // Not in prose: "The procedure is recommended for ...".
    {"procedure", kCpt, kNeedsColon | kOrHeads},
    {"procedures", kCpt, kNeedsColon | kOrHeads},
    {"professional services", kCpt, kNeedsColon | kOrHeads},
    {"procedure performed", kCpt},
    {"procedures performed", kCpt},
    {"procedure code", kCpt},
    {"procedure codes", kCpt},
    {"proc code", kCpt},
    {"proc", kCpt, kNeedsColon},
    {"hcpcs", kCpt},
    // A note's "Charges: 99396, 36415" or "CHARGES 99214, 93000".
    {"charges", kCpt, kNeedsColon | kOrCpt, 0.9},
    // "Billing: 99213" or "BILLING 99212, 87880"; else a stop label
    // (Billing Name).
    {"billing", kCpt, kNeedsColon | kOrCpt, 0.9},
    // A note's "Services: 99212, 87880" or "Services 99214, 94010"; not a
    // card's "Member Services:".
    {"services", kCpt, kNeedsColon | kStartsCell | kOrCpt, 0.9},
    // A note's "E/M AND PROCEDURES 99213, 83036"; "E/M: 99214".
    {"em and procedures", kCpt},
    {"em", kCpt, kNeedsColon},
    {"em code", kCpt},
    {"em codes", kCpt},
    {"charge codes", kCpt},
    {"billing codes", kCpt},
    {"date of service", kDos},
    {"dates of service", kDos},
    {"dos", kDos},
    {"service date", kDos},
    {"collection date", kDos},
    {"date collected", kDos},
    // "Collected: 05/02/2025", and heading its line in a lab's label column
    // ("Collected 28-Jun-2024 09:03").
    {"collected", kDos, kNeedsColon | kOrHeads, 0.9},
    {"specimen collected", kDos},
    {"collected on", kDos},
    {"visit date", kDos},
    {"visit", kDos, kNeedsColon, 0.9},
    {"date of visit", kDos},
    {"encounter date", kDos},
    {"date of encounter", kDos},
    {"exam date", kDos},
    {"date of exam", kDos},
    {"examination date", kDos},
    {"date of examination", kDos},
    {"study date", kDos},  // an imaging report's
    {"date of study", kDos},
    {"procedure date", kDos},
    {"date of procedure", kDos},
    {"date seen", kDos},
    {"svc date", kDos},
    {"service dt", kDos},
    {"date of svc", kDos},
    {"seen on", kDos, kNone, 0.8},  // a note's "was seen on 21-Aug-2022"
    // A registration's visit; a letter's "next appointment date" is not.
    {"appointment date", kDos, kStartsCell, 0.9},
    {"date of appointment", kDos, kStartsCell, 0.9},
    {"scheduled date", kDos},  // a consent's procedure date
    {"date scheduled", kDos},
    {"date of surgery", kDos},
    {"surgery date", kDos},
    // An inpatient stay's first date of service, where no other is printed
    // (a discharge summary); its discharge date is a stop label.
    {"admission date", kDos, kNone, 0.8},
    {"admit date", kDos, kNone, 0.8},
    {"date of admission", kDos, kNone, 0.8},
    {"date", kDos, kNeedsColon | kQualifiable, 0.6},
    // Stop labels: values of their own that are none of ours, and qualifiers.
    // A claim's service line points at box 21's codes by letter ("AB").
    {"dx ptr", {}},
    {"dx pointer", {}},
    {"diagnosis pointer", {}},
    // Box 21's "ICD Ind." holds the code set's version (9 or 0), no code.
    {"icd ind", {}},
    {"icd indicator", {}},
    {"sex", {}, kNoOwner},
    {"gender", {}, kNoOwner},
    {"age", {}, kNoOwner},
    {"address", {}, kNoOwner},
    {"phone", {}, kNoOwner},
    {"telephone", {}, kNoOwner},
    {"tel", {}, kNoOwner},
    {"fax", {}, kNoOwner},
    {"cell", {}, kNoOwner},
    {"mobile", {}, kNoOwner},
    {"home phone", {}, kNoOwner},
    {"work phone", {}, kNoOwner},
    {"email", {}, kNoOwner},
    {"ssn", {}, kNoOwner},
    {"social security", {}, kNoOwner},
    {"city", {}, kNoOwner},
    {"state", {}, kNoOwner},
    {"zip", {}, kNoOwner},
    {"zip code", {}, kNoOwner},
    {"account", {}},
    {"account #", {}},
    {"acct", {}},
    {"acct #", {}},
    {"room", {}},
    {"provider", {}},
    {"physician", {}},
    {"doctor", {}},
    {"referring", {}},
    {"ordering", {}},
    {"attending", {}},
    {"rendering", {}},
    {"billing", {}},
    {"prescriber", {}},
    {"emergency", {}},
    {"contact", {}},
    {"guarantor", {}},
    {"employer", {}},
    {"pharmacy", {}},
    {"facility", {}},
    // An authorization's recipient ("NAME/ORGANIZATION Pine Ridge ...").
    {"name/organization", {}},
    {"organization", {}},
    {"clinic", {}},
    {"practice", {}},
    {"hospital", {}},
    {"company", {}},
    {"insured's", {}},
    {"insured", {}},  // where no name follows (kSubscriber's, above)
    {"spouse", {}},
    {"parent", {}},
    {"guardian", {}},
    {"mother's", {}},
    {"father's", {}},
    {"responsible party", {}},
    {"test name", {}},
    {"drug name", {}},
    {"medication name", {}},
    {"representative", {}},
    // A signature block's printed name is the signer's: the patient's, or
    // a representative's.
    {"printed name", {}},
    {"print name", {}},
    {"policy holder", {}},
    {"policyholder", {}},
    {"relationship", {}},
    {"signature", {}},
    {"witness", {}},
    {"time", {}},
    {"plan", {}},
    {"payer", {}},
    {"payer id", {}},
    {"insurance", {}},
    // A column's header before an ID's: "PRIMARY INSURANCE  ID#  GRP NO."
    // over the insurer, its ID and group (held-out seed 751).
    {"primary insurance", {}},
    {"secondary insurance", {}},
    {"carrier", {}},
    {"copay", {}},
    {"rxbin", {}},
    {"rxpcn", {}},
    {"rxgrp", {}},
    {"rx bin", {}},
    {"rx pcn", {}},
    {"rx grp", {}},
    {"bin", {}},
    {"pcn", {}},
    {"specimen", {}},
    {"accession", {}},
    {"reported", {}},
    {"received", {}},
    {"last seen", {}},  // "Last seen in this clinic on 6/28/2020"
    {"discharge date", {}},
    {"date of discharge", {}},
    {"effective date", {}},
    {"statement date", {}},  // an EOB's, not its service's
    {"date of statement", {}},
    {"coverage date", {}},
    {"expiration date", {}},
    {"issue date", {}},
    {"claim", {}},
    {"claim #", {}},
    {"claim number", {}},
    {"race", {}, kNoOwner},
    {"ethnicity", {}, kNoOwner},
    {"language", {}, kNoOwner},
    {"marital status", {}, kNoOwner},
    {"height", {}, kNoOwner},
    {"weight", {}, kNoOwner},
    {"group name", {}},
    {"middle name", {}, kNoOwner},
    {"mi", {}, kNoOwner},
    {"patient signature", {}},
    {"patient's signature", {}},
    {"patient information", {}},
    {"patient registration", {}},
    {"patient responsibility", {}},
    {"patient account", {}},
    {"patient's account", {}},  // a claim's box 26
    {"patient address", {}},
    {"patient phone", {}},
    {"patient instructions", {}},
    {"patient copy", {}},
    {"patient portion", {}},
    {"patient status", {}},
    {"patient relationship", {}},
    {"patient's relationship", {}},
    {"patient's address", {}},
    {"patient owes", {}},
    {"tax id", {}},
};

// A label read through OCR damage vouches a little less for its value.
constexpr double kFuzzyWeight = 0.9;
// A word read below this may be a label with a letter misread
// (MisreadDosAt).
constexpr double kUnsureLabel = 0.8;

bool IsPunctuation(const Token& t) { return t.key.empty(); }

// Key letters OCR confuses, folded to one: 1/l/i -> i, 0/o -> o, 5/s -> s,
// 8/b -> b.
char FoldConfusable(char c) {
  switch (c) {
    case '8':
      return 'b';
    case '1':
    case 'l':
      return 'i';
    case '0':
      return 'o';
    case '5':
      return 's';
    default:
      return c;
  }
}

std::string Fold(std::string_view key) {
  std::string out(key);
  for (char& c : out) c = FoldConfusable(c);
  return out;
}

// "rn" as "m": OCR reads one for the other ("Patient Narne", "Mernber ID").
std::string RnAsM(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == 'r' && i + 1 < s.size() && s[i + 1] == 'n') {
      out += 'm';
      ++i;
    } else {
      out += s[i];
    }
  }
  return out;
}

struct CompiledLabel {
  std::string compact;    // TokenKey of the phrase's words, concatenated
  std::string folded;     // Fold(compact), for damaged labels
  std::string folded_rn;  // RnAsM(folded)
  std::vector<std::string> words;  // TokenKey of each word of the phrase
  const LabelDef* def;
};

// Labels by compact length, longest first, so the first match is the longest.
const std::vector<CompiledLabel>& Compiled() {
  static const std::vector<CompiledLabel> compiled = [] {
    std::vector<CompiledLabel> out;
    for (const LabelDef& def : kLabels) {
      std::string compact = TokenKey(def.phrase);
      std::string folded = Fold(compact);
      std::vector<std::string> words;
      for (std::string_view rest = def.phrase; !rest.empty();) {
        const size_t space = rest.find(' ');
        words.push_back(TokenKey(rest.substr(0, space)));
        rest = space == rest.npos ? "" : rest.substr(space + 1);
      }
      out.push_back({compact, folded, RnAsM(folded), std::move(words), &def});
    }
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
      return a.compact.size() > b.compact.size();
    });
    return out;
  }();
  return compiled;
}

// Whether the space between two words of one label parts them into two
// cells. Wider than IsColumnBreak allows: Tesseract may leave a word's
// first letter out of its box ("Name" boxed from its "a" in a small box
// label), and a label's words are its own. A word that starts with a dot
// lost the letter before it ("INSURED'S .D. NUMBER"): its width is gap too.
bool GapInLabel(const Token& left, const Token& right) {
  const int h = std::max({left.h, right.h, 1});
  const int lost = right.text.starts_with('.') ? h : 0;
  return IsColumnBreak(left, right) && right.x - left.right() > 2 * h + lost;
}

// MatchAt with confusable letters and digits folded on both sides.
size_t MatchFoldedAt(const Line& line, size_t begin,
                     const std::string& compact) {
  const std::string want = Fold(compact);
  std::string acc;
  for (size_t i = begin; i < line.tokens.size(); ++i) {
    const Token& t = line.tokens[i];
    if (i > begin && GapInLabel(line.tokens[i - 1], t)) return 0;
    if (IsPunctuation(t)) continue;
    acc += Fold(t.key);
    if (acc == want) return i + 1;
    if (acc.size() >= want.size() || want.compare(0, acc.size(), acc) != 0)
      return 0;
  }
  return 0;
}

// Tries `label` at token `begin`: token keys concatenated (punctuation-only
// tokens skipped, no column gap crossed) must equal its compact form, else
// its folded form (MatchFoldedAt). Returns the end of the match, or 0.
size_t MatchAt(const Line& line, size_t begin, const std::string& compact) {
  std::string acc;
  const Token* prev = nullptr;
  for (size_t i = begin; i < line.tokens.size(); ++i) {
    const Token& t = line.tokens[i];
    if (prev != nullptr && GapInLabel(*prev, t)) return 0;
    prev = &t;
    if (IsPunctuation(t)) {
      if (i == begin) return 0;
      continue;
    }
    acc += t.key;
    if (acc == compact) return i + 1;
    if (acc.size() >= compact.size() ||
        compact.compare(0, acc.size(), acc) != 0) {
      // "Insured's 1D Number", "D0B": a digit OCR read for a letter;
      // "Insurance Pian Name": an i for an l.
      return std::any_of(acc.begin(), acc.end(),
                         [](char c) { return FoldConfusable(c) != c; }) ||
                     acc.find('i') != std::string::npos
                 ? MatchFoldedAt(line, begin, compact)
                 : 0;
    }
  }
  return 0;
}

// A run of dots leading from a label to its value ("Date of Birth .......
// 03/14/1962"); OCR reads some of the dots as letters ("....ccceee").
bool IsLeader(const Token& t) {
  return t.text.starts_with("..") || t.text.starts_with("\u2026");
}

// Past the ':' / '-' / '=' tokens that follow a label ending before `end`
// in its cell: they belong to the label. A dot leader, and what follows
// it, may span the gap to the value.
size_t WithTrailingPunctuation(const Line& line, size_t end) {
  bool leader = false;
  while (end < line.tokens.size()) {
    const Token& t = line.tokens[end];
    leader |= IsLeader(t);
    if (!IsLeader(t) && !IsPunctuation(t)) break;
    if (!leader && IsColumnBreak(line.tokens[end - 1], t)) break;
    ++end;
  }
  return end;
}

// The first letter or digit of `text` ("[Patient": a box edge read before
// the label), or 0.
char FirstAlnum(const std::string& text) {
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c))) return c;
  }
  return 0;
}

const LabelDef* LabelAt(const Line& line, size_t begin, size_t* end,
                        double* weight, bool after_label = false);

// Whether tokens [begin, end) of the line stand as a box's label: alone
// between column breaks (or the line's ends; or the next box's label a word
// space after it, "Patient (Last, First) D.O.B"), capitalised, and not the
// end of a sentence ("... reviewed with the / patient." in a letter).
bool BoxLabel(const Line& line, size_t begin, size_t end) {
  const std::vector<Token>& t = line.tokens;
  const std::string& first = t[begin].text;
  const std::string& last = t[end - 1].text;
  // A form's box number may come first: "11. Group".
  if (begin > 0 && !IsColumnBreak(t[begin - 1], t[begin]) &&
      IsBoxNumber(t[begin - 1])) {
    --begin;
  }
  if ((begin > 0 && !IsColumnBreak(t[begin - 1], t[begin])) ||
      !std::isupper(static_cast<unsigned char>(FirstAlnum(first))) ||
      last.back() == '.') {
    return false;
  }
  size_t next_end = 0;
  double weight = 0;
  return end >= t.size() || IsColumnBreak(t[end - 1], t[end]) ||
         LabelAt(line, end, &next_end, &weight) != nullptr;
}

// Whether tokens [begin, end) hold what separates a label from its value:
// a colon, an equals sign ("DOB = 03/14/1962"), a dot leader, or a
// semicolon ending them where they start a line or cell.
bool HasColon(const Line& line, size_t begin, size_t end) {
  for (size_t i = begin; i < end; ++i) {
    const Token& t = line.tokens[i];
    if (t.text.find(':') != std::string::npos || t.text == "=" || IsLeader(t)) {
      return true;
    }
  }
  // A colon read as a semicolon ("Patient; Daniel Rivera" off a fax), at the
  // end of a label that starts its line or cell: in running text a
  // semicolon ends a clause ("the patient; he was seen").
  const bool starts_cell =
      begin == 0 || IsColumnBreak(line.tokens[begin - 1], line.tokens[begin]);
  if (!starts_cell || end <= begin) return false;
  const std::string& last = line.tokens[end - 1].text;
  if (!last.empty() && last.back() == ';') return true;
  // Or as a period after a capitalised abbreviation or word ("GRP.
  // 7854990", "GROUP. GRP-1485C", "INSURED. Roland M. Brown"): no sentence
  // ends in one there.
  if (last.size() >= 3 && last.size() <= 12 && last.back() == '.' &&
      std::all_of(last.begin(), last.end() - 1,
                  [](char c) { return c >= 'A' && c <= 'Z'; })) {
    return true;
  }
  // Or after a word in title case with its value set apart in the next
  // cell ("Insured.      GLORIA THOMPSON" on a card), or heading its line
  // before a capital ("Subscriber. Hiroshi O. King" on a card, held-out
  // seed 887): a sentence's last word starts no line there.
  return last.size() >= 4 && last.back() == '.' &&
         std::isupper(static_cast<unsigned char>(last[0])) &&
         std::all_of(last.begin() + 1, last.end() - 1,
                     [](char c) { return c >= 'a' && c <= 'z'; }) &&
         end < line.tokens.size() &&
         (IsColumnBreak(line.tokens[end - 1], line.tokens[end]) ||
          (begin == 0 && end == 1 &&
           std::isupper(
               static_cast<unsigned char>(FirstAlnum(line.tokens[end].text)))));
}

// Whether tokens [begin, end) are printed as a label is: with a colon, or
// ending their cell.
bool PrintedAsLabel(const Line& line, size_t begin, size_t end) {
  return HasColon(line, begin, end) || end == line.tokens.size() ||
         IsColumnBreak(line.tokens[end - 1], line.tokens[end]);
}

int EditDistance(const std::string& a, const std::string& b, int limit);

// Words a form may print between a label and its colon ("Subscriber ID
// Number:", "Medical Record ID:", "Group Code:").
bool IsLabelSuffix(const Token& t) {
  static constexpr std::string_view kSuffixes[] = {
      "#", "no", "number", "num", "nbr", "id", "code", "identifier"};
  // "Group. Namber:": "number" with one letter misread. "Med Rec NoO.:":
  // "No." with a letter read into it before its period (generator seed
  // 12222's faxed lab report).
  return std::find(std::begin(kSuffixes), std::end(kSuffixes), t.key) !=
             std::end(kSuffixes) ||
         (t.key.size() == 6 && EditDistance(t.key, "number", 1) <= 1) ||
         (t.key.size() == 3 && t.key.starts_with("no") &&
          t.text.find('.') != std::string::npos);
}

// Past such words after a label ending at `end`, when a colon follows
// them or they end their cell ("Member ID No" over a column of values);
// else `end`.
size_t WithLabelSuffix(const Line& line, size_t end) {
  size_t e = end;
  while (e < line.tokens.size() && e < end + 2 &&
         IsLabelSuffix(line.tokens[e]) &&
         !IsColumnBreak(line.tokens[e - 1], line.tokens[e])) {
    ++e;
  }
  if (e == end) return end;
  // "Member ID No. Group Subscriber Name": an abbreviation's period ends
  // the label where a row of labels is set a word space apart.
  const std::string& last = line.tokens[e - 1].text;
  const std::string& key = line.tokens[e - 1].key;
  const bool abbreviated =
      last.back() == '.' && (key == "no" || key == "num" || key == "nbr");
  e = WithTrailingPunctuation(line, e);
  return PrintedAsLabel(line, end, e) || abbreviated ? e : end;
}

// Levenshtein distance, giving up (returning limit + 1) past `limit`.
int EditDistance(const std::string& a, const std::string& b, int limit) {
  if (std::abs(static_cast<int>(a.size()) - static_cast<int>(b.size())) >
      limit) {
    return limit + 1;
  }
  std::vector<int> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = static_cast<int>(i);
    int best = cur[0];
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1,
                         prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      best = std::min(best, cur[j]);
    }
    if (best > limit) return limit + 1;
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

// "ddob" -> "dob": a four-letter key with one letter doubled, read once.
std::string Undoubled(const std::string& key) {
  if (key.size() != 4) return "";
  for (size_t i = 0; i + 1 < key.size(); ++i) {
    if (key[i] == key[i + 1]) return key.substr(0, i) + key.substr(i + 1);
  }
  return "";
}

// A date abbreviation OCR damaged ("1.0.B.:", ".0.B.:", "D.0O.B.:",
// "D.O.R.:", "DdOB"): one token of 2-4 letters and digits with two or more
// dots, one edit from DOB or DOS but not both, or a letter of DOB or DOS
// read twice; followed by a colon or ending its cell. `*end` as for an
// exact match.
const LabelDef* DottedLabelAt(const Line& line, size_t begin, size_t* end) {
  const Token& t = line.tokens[begin];
  const bool dotted = std::count(t.text.begin(), t.text.end(), '.') >= 2;
  const std::string undoubled = Undoubled(t.key);
  if (t.key.size() < 2 || t.key.size() > 4 || (!dotted && undoubled.empty())) {
    return nullptr;
  }
  const std::string folded = Fold(t.key);
  const LabelDef* found = nullptr;
  bool ambiguous = false;  // "D.O.R.": DOB or DOS?
  for (const CompiledLabel& label : Compiled()) {
    if ((label.def->field != kDob && label.def->field != kDos) ||
        label.compact.size() != 3) {
      continue;
    }
    // "D.O.Bs": a colon read as a letter after the label whole, not "DOS"
    // with its B lost (generator seed 11919's severe prescription).
    if (dotted && folded.size() == 4 && folded.starts_with(label.folded)) {
      found = label.def;
      ambiguous = false;
      break;
    }
    if (dotted ? EditDistance(folded, label.folded, 1) > 1
               : Fold(undoubled) != label.folded) {
      continue;
    }
    ambiguous |= found != nullptr && found->field != label.def->field;
    if (found == nullptr) found = label.def;
  }
  if (found == nullptr || ambiguous) return nullptr;
  const size_t e = WithTrailingPunctuation(line, begin + 1);
  if (!PrintedAsLabel(line, begin, e)) return nullptr;
  *end = e;
  return found;
}

// The label whose phrase, spaces and punctuation left out, is `compact`
// ("cpt", "dos"); null where none is.
const LabelDef* LabelWithCompact(std::string_view compact) {
  for (const CompiledLabel& label : Compiled()) {
    if (label.compact == compact) return label.def;
  }
  return nullptr;
}

// "GPT: 71046", "CPE 83036": the CPT label with one letter misread (its C
// as a G), known by what it is followed by: a CPT code. An "Apt" or a lab's
// "GPT" (alanine aminotransferase) is followed by no such code. `*end` as
// for an exact match.
const LabelDef* CptLabelAt(const Line& line, size_t begin, size_t* end) {
  const std::string& key = line.tokens[begin].key;
  if (key.size() != 3 || (key[0] != 'c' && key[0] != 'g')) return nullptr;
  int wrong = 0;
  for (size_t i = 0; i < 3; ++i) wrong += key[i] != "cpt"[i];
  if (wrong != 1) return nullptr;
  const size_t e = WithTrailingPunctuation(line, begin + 1);
  if (e >= line.tokens.size() || !ParseCpt(line.tokens[e].text)) {
    return nullptr;
  }
  const LabelDef* cpt = LabelWithCompact("cpt");
  if (cpt != nullptr) *end = e;
  return cpt;
}

// Eight letters and digits or more, a digit among them, and nothing else
// but dashes ("389414860-02").
bool LooksLikeId(std::string_view text) {
  auto alnum = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c));
  };
  return std::count_if(text.begin(), text.end(), alnum) >= 8 &&
         std::all_of(text.begin(), text.end(),
                     [&](char c) { return alnum(c) || c == '-'; }) &&
         std::any_of(text.begin(), text.end(), [](char c) {
           return std::isdigit(static_cast<unsigned char>(c));
         });
}

// Whether a label that needs no colon starts at a token of (begin, end).
bool LabelWithin(const Line& line, size_t begin, size_t end) {
  for (size_t k = begin + 1; k < end; ++k) {
    for (const CompiledLabel& label : Compiled()) {
      if (!(label.def->flags & kNeedsColon) &&
          MatchAt(line, k, label.compact) != 0) {
        return true;
      }
    }
  }
  return false;
}

// Whether tokens [begin, end) of the line, one a word of the label's
// phrase, hold a word read surely two letters off its own of four letters
// or fewer: a word of its own, not a misreading ("Encounter Note" read
// .97, a progress note's title, is no "Encounter Date"; held-out seed
// 1471). Read unsurely, it is a misreading ("Patient's Nawae" at .04,
// generator seed 11919's severe claim).
constexpr double kSurelyAWord = 0.9;
bool OtherShortWord(const Line& line, size_t begin, size_t end,
                    const CompiledLabel& label) {
  std::vector<const Token*> words;
  for (size_t k = begin; k < end; ++k) {
    if (!IsPunctuation(line.tokens[k])) words.push_back(&line.tokens[k]);
  }
  const std::vector<std::string>& phrase = label.words;
  if (words.size() != phrase.size()) return false;
  for (size_t k = 0; k < words.size(); ++k) {
    if (phrase[k].size() <= 4 && words[k]->confidence >= kSurelyAWord &&
        EditDistance(Fold(words[k]->key), Fold(phrase[k]), 2) >= 2) {
      return true;
    }
  }
  return false;
}

// A field label OCR damaged ("Patient's Neae", "Birth Diate", "Insured's 1D
// Number", "Med Ree No.", "Chant #", "Mernber ID" and "Pt Narne" with rn
// for m): at most one edit in 8-11 characters, or in 6-7 ending with a
// number sign read as such, two from 12, and from 9 in a label of a birth
// date, an MRN or a group number, whose value a validator or a shape must
// take ("Buth Date:", "Date of Kurth", "Patient rp"; on the stored words
// of 7,536 documents, 25 labels so read, all of their fields; in any label
// from 9, "Signing This" became a patient name), none but rn for m in
// other short labels, nor two in a short word read surely
// (OtherShortWord); the first letter right (but I read as T, lost from ten
// letters, or from nine wrong before a right second in a birth date's,
// MRN's or group's label that no label read right follows), and printed
// as a label is: with a colon, or ending its cell. `*end` as for an exact
// match.
const LabelDef* FuzzyLabelAt(const Line& line, size_t begin, size_t* end) {
  const auto& tokens = line.tokens;
  if (IsPunctuation(tokens[begin])) return nullptr;
  const LabelDef* best = nullptr;
  int best_distance = 3;
  for (const CompiledLabel& label : Compiled()) {
    const bool numbered =
        label.compact.size() >= 6 && label.compact.back() == '#';
    // A short label only with an m read as "rn" ("Pt Narne").
    const bool short_label = label.compact.size() < 8 && !numbered;
    if (label.def->field.empty() || label.compact.size() < 4) continue;
    // "Member Services:" is no "Services:" label, read right or wrong.
    if ((label.def->flags & kStartsCell) && begin > 0 &&
        !IsColumnBreak(tokens[begin - 1], tokens[begin])) {
      continue;
    }
    const std::string_view field = label.def->field;
    const bool proven = field == kDob || field == kMrn || field == kGroup;
    const size_t letters = label.compact.size();
    const int limit = short_label                                 ? 0
                      : letters >= 12 || (proven && letters >= 9) ? 2
                                                                  : 1;
    const std::string& want = label.folded;
    const size_t words = label.words.size() + 1;
    std::string acc;
    for (size_t i = begin, n = 0; i < tokens.size() && n < words; ++i) {
      if (i > begin && IsColumnBreak(tokens[i - 1], tokens[i])) break;
      if (IsPunctuation(tokens[i])) continue;
      acc += Fold(tokens[i].key);
      ++n;
      if (acc.size() > want.size() + limit + 1) break;  // + 1: "rn" for m
      // A serif capital I read as T ("Tnsured's ID Number") is the one
      // first letter allowed wrong, and in a label of ten letters or more
      // the first letter lost at a cell's edge ("ATE OF BIRTH:"); each
      // still an edit. So is any first letter of a birth date's, MRN's or
      // group's label of nine letters or more, where the second is right
      // ("Girth Date" over a severe registration's birth date, generator
      // seed 11717): not a middle initial or a box's number before the
      // label ("H Date of Birth", "3. Birth Date").
      const bool first_wrong = acc[0] != want[0] &&
                               !(want[0] == 'i' && acc[0] == 't') &&
                               !(want.size() >= 10 && acc[0] == want[1]);
      if (first_wrong &&
          !(proven && letters >= 9 && acc.size() > 1 && acc[1] == want[1])) {
        break;
      }
      if (numbered && acc.back() != '#') continue;
      if (short_label && (acc == want || acc.find("rn") == acc.npos)) continue;
      int d = std::min(EditDistance(acc, want, limit),
                       EditDistance(RnAsM(acc), label.folded_rn, limit));
      if (d > limit || d >= best_distance) continue;
      const size_t e = WithTrailingPunctuation(line, i + 1);
      // A label read right after the wrong first letter is that label
      // ("Hl dnsured's Group Number", generator seed 10303's faxed claim).
      if (first_wrong && LabelWithin(line, begin, e)) continue;
      // A phrase that is the label less its last word is another phrase
      // ("Evergreen Health Plan   Gold 1500", a payer and its plan, is no
      // "Health Plan ID"; generator seed 8383), unless an ID of eight
      // letters and digits or more follows it: a claim's "[X] Group Health
      // Plan   QRA087235679", its box 1a's value on that row.
      if (want.starts_with(acc) &&
          label.def->phrase.ends_with(" " + want.substr(acc.size())) &&
          !(e < tokens.size() && LooksLikeId(tokens[e].text))) {
        continue;
      }
      // A number sign says "a number follows" as a colon does: "Med Ree #
      // 9615385" (held-out seed 1013's discharge summary).
      const bool before_number =
          numbered && e < tokens.size() &&
          std::isdigit(static_cast<unsigned char>(tokens[e].text[0]));
      if (!PrintedAsLabel(line, begin, e) && !before_number) continue;
      if (!proven && d == 2 && OtherShortWord(line, begin, i + 1, label)) {
        continue;
      }
      best = label.def;
      best_distance = d;
      *end = e;
    }
  }
  return best;
}

// True when a label of a code, identifier or date (CPT, ICD-10, NPI, MRN,
// member ID, DOB, DOS) starts at token `i`: not a name part, which is what a
// form's description in parentheses lists.
bool StartsValueLabel(const Line& line, size_t i) {
  for (const CompiledLabel& label : Compiled()) {
    std::string_view f = label.def->field;
    if (f != kCpt && f != kIcd && f != kNpi && f != kMrn && f != kMember &&
        f != kDob && f != kDos) {
      continue;
    }
    if (MatchAt(line, i, label.compact) != 0) return true;
  }
  size_t end = 0;
  return CptLabelAt(line, i, &end) != nullptr;  // "(CPE 83036)"
}

// Past a description in parentheses right after a label ending before
// `end` ("Patient (Last, First)"), or `end` when none follows. Where no
// parenthesis closes it, a colon does: "(Last, First, MD: NOVAK, ..." for
// "(Last, First, MI): NOVAK" (held-out seed 839).
size_t WithDescription(const Line& line, size_t end) {
  if (end >= line.tokens.size() || line.tokens[end].text.front() != '(') {
    return end;
  }
  size_t colon = end;
  for (size_t i = end; i < line.tokens.size() && i < end + 12; ++i) {
    const std::string& text = line.tokens[i].text;
    if (text.find(')') != std::string::npos) return i + 1;
    if (colon == end && text.back() == ':') colon = i + 1;
  }
  return colon;
}

// Whether token i is a number of six digits or more, with marks around it
// and a prefix of up to three letters at most ("chart MR0083280", its 0
// read as O in a held-out seed 659 scan: "MRO083280"). A number in dashed
// groups may go on in the next token, its last dash read as a space
// ("chart 49-611 750)", held-out seed 821).
bool NumberAt(const Line& line, size_t i) {
  if (i >= line.tokens.size()) return false;
  auto number = [](std::string_view key) {
    size_t letters = 0;
    while (letters < key.size() && letters <= 3 &&
           std::isalpha(static_cast<unsigned char>(key[letters]))) {
      ++letters;
    }
    return letters <= 3 && key.size() >= letters + 6 &&
           AllDigits(key.substr(letters));
  };
  const Token& t = line.tokens[i];
  return number(t.key) ||
         (t.text.find('-') != std::string::npos && i + 1 < line.tokens.size() &&
          number(t.key + line.tokens[i + 1].key));
}

// Whether a list of CPT codes starts at token `i`: a code and a comma
// after it ("99214, 94010"), or a code ending the line.
bool CptListAt(const Line& line, size_t i) {
  if (i >= line.tokens.size()) return false;
  const std::string& text = line.tokens[i].text;
  return ParseCpt(text).has_value() &&
         (text.back() == ',' || i + 1 == line.tokens.size());
}

// Whether a whole date, as printed, starts at token `i` ("June 23, 1954",
// "6/23/1954"): not "born in 1954", nor "born 2 weeks early".
bool DateAt(const Line& line, size_t i) {
  std::vector<std::string> words;
  for (size_t k = i; k < line.tokens.size() && k < i + 3; ++k) {
    words.push_back(line.tokens[k].text);
  }
  size_t used = 0;
  bool repaired = false;
  return !words.empty() &&
         ParseDate(words, 0, Today(), &used, &repaired).has_value() &&
         !repaired;
}

// "pos 3/23/2025": the DOS label with its D read as a p (generator seed
// 8787, a moderate scan, .66), known by the unsure read, a cell of its own
// and the date after it. A claim's place of service ("POS", read sure)
// heads a column of codes, not a date. Not another first letter: a DOB
// read "bos" (.54, generator seed 7676's severe card) is as near. `*end` as
// for an exact match.
const LabelDef* MisreadDosAt(const Line& line, size_t begin, size_t* end) {
  const Token& t = line.tokens[begin];
  if (t.key != "pos" || t.confidence >= kUnsureLabel ||
      begin + 1 >= line.tokens.size() ||
      (begin > 0 && !IsColumnBreak(line.tokens[begin - 1], t)) ||
      !IsColumnBreak(t, line.tokens[begin + 1]) || !DateAt(line, begin + 1)) {
    return nullptr;
  }
  const LabelDef* dos = LabelWithCompact("dos");
  if (dos != nullptr) *end = begin + 1;
  return dos;
}

// A word of a name as printed: a capital, then letters, apostrophes or
// hyphens; `caps`: all capitals.
bool NameWord(std::string_view w, bool caps) {
  if (w.size() < 2 || !std::isupper(static_cast<unsigned char>(w[0])))
    return false;
  return std::all_of(w.begin() + 1, w.end(), [&](char c) {
    return c == '\'' || c == '-' ||
           (caps ? std::isupper(static_cast<unsigned char>(c))
                 : std::isalpha(static_cast<unsigned char>(c)));
  });
}

// Whether a person's name in a form no sentence or heading takes follows a
// label ending at token `i`, in its cell: "Sanchez, Viktor" (last name
// first); or, after a member's label, "HAZEL MARTIN" in capitals, its cell
// or line ending there or a label following ("MEMBER HAZEL MARTIN" on a
// card); or, after a label in capitals heading a cell within its line
// (`caps_label`), a name in title case so ending ("MEMBER: Tamara Jones
// PATIENT   Viktor H. Garcia   SUBSCRIBER ID:", its colon lost); where
// that label heads its line (`heads_line`), only with the row's next label
// after the name ("SUBSCRIBER Carmen B. Haddad ID# ...", not "PATIENT
// Education Materials").
bool NameFollows(const Line& line, size_t i, bool member, bool caps_label,
                 bool heads_line) {
  const std::vector<Token>& t = line.tokens;
  auto apart = [&](size_t j) {
    return j >= t.size() || IsColumnBreak(t[j - 1], t[j]);
  };
  if (i == 0 || apart(i) || apart(i + 1)) return false;
  const std::string& last = t[i].text;
  if (last.size() > 2 && last.back() == ',' &&
      NameWord(std::string_view(last).substr(0, last.size() - 1), false) &&
      NameWord(t[i + 1].text, false)) {
    return true;
  }
  // "Member: Hannah Pruitt Patient BARBARA S YAMAMOTO Member ID:": a
  // label in title case, its colon lost, before a name in capitals, only
  // with the row's next label after the name (held-out seed 661's EOB).
  const bool titled_label = !member && !caps_label;
  // A heading's words are capitals too: after a label in capitals, only a
  // name in title case.
  bool title_case = false;  // a word taken only for caps_label
  // "Subscriber Mary C. Larkin Rendering Provider": a member's label and
  // name in title case, only with the row's next label after the name, as
  // without a colon (held-out seed 911's EOB): "Member Rights Statement
  // Phone: ..." is a heading.
  bool titled_member = false;
  auto name_word = [&](const std::string& w) {
    if ((member || titled_label) && NameWord(w, true)) return true;
    if (member && !caps_label && NameWord(w, false)) {
      titled_member = true;
      return true;
    }
    const bool titled = caps_label && NameWord(w, false) &&
                        std::any_of(w.begin(), w.end(), [](char c) {
                          return std::islower(static_cast<unsigned char>(c));
                        });
    title_case |= titled;
    return titled;
  };
  size_t j = i, words = 0;
  for (; j < t.size() && j < i + 3 && !(j > i && apart(j)); ++j) {
    const std::string& w = t[j].text;
    // A middle initial: "FELIX T NOVAK".
    const bool initial = j > i && w.size() <= 2 &&
                         std::isupper(static_cast<unsigned char>(w[0])) &&
                         (w.size() == 1 || w[1] == '.');
    if (initial) continue;
    if (!name_word(w)) break;
    ++words;
  }
  if (words < 2) return false;
  size_t label_end = 0;
  double weight = 0;
  const bool label_after =
      j < t.size() && LabelAt(line, j, &label_end, &weight) != nullptr;
  if (titled_member) return label_after && !HasColon(line, j, label_end);
  if (titled_label) return label_after;
  return (apart(j) && !(heads_line && title_case)) || label_after;
}

// The label starting at token `begin` (its end and weight set), printed
// exactly, or else read through OCR damage; null when none starts there.
// `after_label`: another label without a colon ends at `begin`, so this one
// heads its cell as after a column break does ("POLICY/ID NO. GROUP" in a
// row of box labels set a word space apart).
const LabelDef* LabelAt(const Line& line, size_t begin, size_t* end,
                        double* weight, bool after_label) {
  for (const CompiledLabel& label : Compiled()) {
    size_t e = MatchAt(line, begin, label.compact);
    if (e == 0) continue;
    e = WithLabelSuffix(line, WithTrailingPunctuation(line, e));
    // Judged with its description: "Patient (Last, First)" heads a box.
    const size_t described = WithDescription(line, e);
    // A member's or subscriber's label before a number (its "#" or "ID"
    // lost) is its ID's: the next "member" label takes it.
    if (label.def->field == kSubscriber && NumberAt(line, described)) {
      continue;
    }
    const bool person =
        label.def->field == kName || label.def->field == kSubscriber;
    const bool heads =
        (begin == 0 || after_label ||
         IsColumnBreak(line.tokens[begin - 1], line.tokens[begin])) &&
        std::isupper(
            static_cast<unsigned char>(FirstAlnum(line.tokens[begin].text)));
    // A label in capitals heading a cell in a row of cells; heading its
    // line, only where the row's next label follows the name ("PATIENT
    // Education Materials" is a heading).
    const bool caps =
        heads &&
        std::all_of(line.tokens.begin() + begin,
                    line.tokens.begin() + described, [](const Token& t) {
                      return std::none_of(
                          t.text.begin(), t.text.end(), [](char c) {
                            return std::islower(static_cast<unsigned char>(c));
                          });
                    });
    if ((label.def->flags & kNeedsColon) && !HasColon(line, begin, described) &&
        !((label.def->flags & kOrAlone) && BoxLabel(line, begin, described)) &&
        !((label.def->flags & kOrHeads) && heads) &&
        !((label.def->flags & kOrNumber) && NumberAt(line, e)) &&
        !((label.def->flags & kOrDate) && DateAt(line, e)) &&
        !((label.def->flags & kOrCpt) && CptListAt(line, e)) &&
        // "[Patient BARBARA S YAMAMOTO": a table's rule read before it.
        !(person &&
          std::isupper(static_cast<unsigned char>(
              FirstAlnum(line.tokens[begin].text))) &&
          NameFollows(line, described, label.def->field == kSubscriber, caps,
                      begin == 0))) {
      continue;
    }
    if ((label.def->flags & kStartsCell) && begin > 0 &&
        !IsColumnBreak(line.tokens[begin - 1], line.tokens[begin])) {
      continue;
    }
    *end = e;
    *weight = label.def->weight;
    return label.def;
  }
  const LabelDef* found = DottedLabelAt(line, begin, end);
  if (found == nullptr) found = CptLabelAt(line, begin, end);
  if (found == nullptr) found = MisreadDosAt(line, begin, end);
  if (found == nullptr) found = FuzzyLabelAt(line, begin, end);
  *weight = found != nullptr ? found->weight * kFuzzyWeight : 0;
  return found;
}

// "Hospital discharge day management (99238)": a stop label's word starting
// a sentence, not a label (no colon, and a word in lower case after it that
// starts no label: "Phone number:" is one). What follows it is no value of
// its to hide.
bool OpensSentence(const Line& line, const LabelMatch& m) {
  const std::vector<Token>& t = line.tokens;
  if (m.colon || m.end >= t.size() ||
      (m.begin > 0 && !IsColumnBreak(t[m.begin - 1], t[m.begin])) ||
      IsColumnBreak(t[m.end - 1], t[m.end]) ||
      !std::all_of(t[m.end].text.begin(), t[m.end].text.end(), [](char c) {
        return std::islower(static_cast<unsigned char>(c));
      })) {
    return false;
  }
  size_t end = 0;
  double weight = 0;
  return LabelAt(line, m.end, &end, &weight) == nullptr;
}

// "6:", "#4:": a number sign read as a figure (or with one), and a colon.
bool SignReadAsFigure(const Token& t) {
  std::string_view w = t.text;
  if (!w.ends_with(':')) return false;
  w.remove_suffix(1);
  if (w.starts_with('#')) w.remove_prefix(1);
  return w.size() == 1 && std::isdigit(static_cast<unsigned char>(w[0]));
}

}  // namespace

// Past the tail of a description in parentheses that a narrow box wrapped
// from the line above, starting the cell at token `i` ("Name, Middle
// Initial)" under "4. INSURED'S NAME (Last Name, First"): a few words
// without a colon closing a parenthesis they did not open. `i` when none.
size_t PastWrappedDescription(const Line& line, size_t i) {
  const std::vector<Token>& t = line.tokens;
  if (i > 0 && !IsColumnBreak(t[i - 1], t[i])) return i;
  for (size_t j = i; j < t.size() && j < i + 4; ++j) {
    if (j > i && IsColumnBreak(t[j - 1], t[j])) break;
    const std::string& w = t[j].text;
    if (w.find_first_of("(:") != std::string::npos) break;
    if (w.find(')') != std::string::npos) return j + 1;
  }
  return i;
}

std::vector<LabelMatch> FindLabels(const Line& line) {
  std::vector<LabelMatch> out;
  unsigned last_flags = 0;  // of the label out.back() matched
  size_t i = 0;
  while (i < line.tokens.size()) {
    if (const size_t past = PastWrappedDescription(line, i); past > i) {
      i = past;
      continue;
    }
    // "PATIENT'S NAME (Last Name, First Name, MI)": words in parentheses
    // describe the label before them; they are not labels themselves.
    if (line.tokens[i].text.front() == '(') {
      const size_t after = WithDescription(line, i);
      const bool closed = after > i;
      // "Name (Last, First): RIVERA, DANIEL": the description, and a colon
      // after it, belong to the label before it.
      if (closed && !out.empty() && out.back().end == i) {
        const size_t end = WithTrailingPunctuation(line, after);
        out.back().end = end;
        out.back().colon |= HasColon(line, i, end);
        i = end;
        continue;
      }
      // "Lipid Panel (CPT 80061)", "Daniel Rivera (DOB 03/14/1962)": a
      // value's label with its value in parentheses is a label; other words
      // there describe.
      if (!StartsValueLabel(line, i)) {
        i = closed ? after : i + 1;
        continue;
      }
    }
    size_t end = 0;
    double weight = 0;
    const bool after_label =
        !out.empty() && out.back().end == i &&
        std::none_of(line.tokens.begin() + out.back().begin,
                     line.tokens.begin() + i, [](const Token& t) {
                       return t.text.find(':') != std::string::npos;
                     });
    const LabelDef* found = LabelAt(line, i, &end, &weight, after_label);
    if (found == nullptr) {
      ++i;
      continue;
    }
    // "Group 6: G175313", "Group #4: 3734496": the label's number sign
    // read as a figure before its colon (generator seed 11011's severe
    // registration and faxed card) belongs to the label. Not a box's
    // number read with a colon before the next box's label ("ID Number 3:
    // Patient's Name", a severe claim).
    if (!found->field.empty() && !HasColon(line, i, end) &&
        end + 1 < line.tokens.size() && SignReadAsFigure(line.tokens[end]) &&
        !IsColumnBreak(line.tokens[end - 1], line.tokens[end])) {
      size_t next_end = 0;
      double next_weight = 0;
      if (LabelAt(line, end + 1, &next_end, &next_weight) == nullptr) ++end;
    }
    LabelMatch m{std::string(found->field), i, end, HasColon(line, i, end),
                 weight};
    if (found->field.empty() && OpensSentence(line, m)) {
      i = end;
      continue;
    }
    // "Name of Referring Provider", "Name of Insured": a person label
    // followed by "of" and a stop label is that other person's.
    if ((found->flags & kQualifiable) && !m.colon &&
        end + 1 < line.tokens.size() && line.tokens[end].key == "of" &&
        !IsColumnBreak(line.tokens[end - 1], line.tokens[end])) {
      size_t whose_end = 0;
      double whose_weight = 0;
      const LabelDef* whose = LabelAt(line, end + 1, &whose_end, &whose_weight);
      // "Name of Insured:" is the policy holder's on a claim, though
      // "Insured" is read as a card's holder before a name.
      if (whose != nullptr &&
          (whose->field.empty() || whose->phrase == "insured")) {
        end = whose_end;
        m.field.clear();
        m.end = end;
        m.colon = HasColon(line, i, end);
      }
    }
    // "Emergency Contact Name", "Insured's Date of Birth": a qualified
    // person label becomes part of the stop label before it. A possessive
    // ends no label, whatever the gap after it: Tesseract's box for
    // "INSURED'S" fell short of its S, and "DATE OF BIRTH" seemed a column
    // of its own (held-out seed 761).
    if (!out.empty() && (found->flags & kQualifiable) &&
        out.back().field.empty() && !(last_flags & kNoOwner) &&
        !out.back().colon && out.back().end == i &&
        (Possessive(line.tokens[i - 1].text) ||
         !IsColumnBreak(line.tokens[i - 1], line.tokens[i]))) {
      out.back().end = end;
      out.back().colon = m.colon;
    } else {
      out.push_back(std::move(m));
      last_flags = found->flags;
    }
    i = end;
  }
  return out;
}

}  // namespace intake::classify
