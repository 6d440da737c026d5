#include "classify/classifier.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <utility>

#include "classify/claim_form.h"
#include "classify/fields.h"
#include "classify/labels.h"
#include "classify/text.h"
#include "classify/type_scorer.h"

namespace intake::classify {
namespace {

// Fields that identify the patient: two different values of one of them in
// a document mean it may hold two patients' pages.
bool IdentifiesPatient(const std::string& name) {
  return name == field::kPatientName || name == field::kDob ||
         name == field::kMrn;
}

// Fewer words than this are too little text to tell a document's type: a
// page holding only "Date: 01/05/2024  Page 2" scores like whichever type
// prints those words most. Its confidence is scaled by words / this, so such
// a fragment goes to review.
constexpr int kWordsToJudgeType = 8;

// Tokens with two letters or more.
int CountWords(const std::vector<PageLines>& pages) {
  int n = 0;
  for (const PageLines& page : pages) {
    for (const Line& line : page.lines) {
      for (const Token& t : line.tokens) {
        n += std::count_if(t.text.begin(), t.text.end(), [](unsigned char ch) {
               return std::isalpha(ch);
             }) >= 2;
      }
    }
  }
  return n;
}

}  // namespace

Classifier::Classifier(ClassifierOptions options,
                       std::shared_ptr<const TypeModel> model)
    : options_(std::move(options)), model_(std::move(model)) {
  if (model_ == nullptr) {
    // The shipped model lives for the whole program: alias, do not own.
    model_ = std::shared_ptr<const TypeModel>(
        std::shared_ptr<const TypeModel>(), &TypeModel::Default());
  }
  SplitSiteRules(options_.rules, &default_rules_, &site_rules_);
}

Classification Classifier::Classify(const std::vector<Page>& pages) const {
  std::vector<PageLines> lines = BuildLines(pages);
  Classification c;
  TypeDecision type;
  if (model_->empty()) {
    type = ScoreTypes(options_.rules, lines);
  } else {
    type =
        CombineTypes(model_->Predict(pages), ScoreTypes(default_rules_, lines),
                     ScoreTypes(site_rules_, lines), options_.rule_weight,
                     options_.rule_shortfall_weight, options_.site_rule_weight);
  }
  c.doc_type = type.type;
  c.type_confidence = type.confidence;
  const int words = CountWords(lines);
  if (words < kWordsToJudgeType) {
    c.type_confidence *= static_cast<double>(words) / kWordsToJudgeType;
  }

  std::vector<FieldHit> hits = FindFieldHits(lines, Today(), options_.fields);
  // A CMS-1500 is read by its boxes: its fields replace what the general
  // label reading found (which could take box 26, the account number, for
  // an MRN), and the form itself says it is a claim. A field no box gave
  // (a claim printed in another layout under the form's title and labels)
  // is still read beside its label, the MRN excepted. Only a document
  // taken for a claim is read so: a visit note whose birth date and
  // diagnoses happen to sit where the form prints boxes 3 and 21 keeps the
  // fields its own labels give.
  const ClaimFormMatch claim = ReadClaimForm(pages);
  if (claim.is_cms1500 &&
      (claim.confidence > c.type_confidence || c.doc_type == "claim")) {
    c.doc_type = "claim";
    c.type_confidence = std::max(c.type_confidence, claim.confidence);
    std::set<std::string> boxed;
    for (const FieldHit& h : claim.hits) boxed.insert(h.field);
    auto by_box = [&](const std::string& name) {
      const bool part = name == kFirstNamePart || name == kLastNamePart;
      return boxed.count(part ? std::string(field::kPatientName) : name) > 0;
    };
    std::vector<FieldHit> labelled = std::move(hits);
    // Diagnoses read under box 21's label are the claim's: on a look-alike
    // form the box's place can hold another box's value (an account number
    // "A252064" read as A25.2064).
    const bool labelled_codes =
        std::any_of(labelled.begin(), labelled.end(),
                    [](const FieldHit& h) { return h.field == field::kIcd10; });
    // Boxes placed by the page's size and its values alone (no printed
    // label found where the form prints it) only fill what the labels
    // missed: on a look-alike claim scanned with its margins the place of
    // box 2 held the title ("PROFESSIONAL CLAIM"), that of box 1a the
    // payer's "TN 37064".
    std::set<std::string> by_label;
    for (const FieldHit& h : labelled) {
      const bool part = h.field == kFirstNamePart || h.field == kLastNamePart;
      if (h.field != field::kMrn) {
        by_label.insert(part ? std::string(field::kPatientName) : h.field);
      }
    }
    hits.clear();
    for (const FieldHit& h : claim.hits) {
      if (labelled_codes && h.field == field::kIcd10) continue;
      if (!claim.anchored && by_label.count(h.field) > 0) continue;
      hits.push_back(h);
    }
    for (FieldHit& h : labelled) {
      // Every NPI and CPT code read beside its label is the claim's too,
      // where the boxes missed some (a look-alike form's geometry).
      const bool listed = h.field == field::kNpi || h.field == field::kCpt ||
                          h.field == field::kIcd10;
      if (h.field != field::kMrn &&
          (listed || !claim.anchored || !by_box(h.field))) {
        hits.push_back(h);
      }
    }
  }
  std::vector<std::string> conflicts;
  c.fields = MergeFieldHits(std::move(hits), &conflicts);

  if (c.type_confidence < options_.min_type_confidence) {
    c.review_reasons.push_back("low_type_confidence");
  }
  // Until matching (classify/routing.h Route) replaces it.
  c.review_reasons.push_back("no_patient_match");
  for (const TypeRule& rule : options_.rules) {
    if (rule.type != c.doc_type) continue;
    for (const std::string& name : rule.required_fields) {
      if (c.fields.count(name) == 0) {
        c.review_reasons.push_back("missing_field:" + name);
      }
    }
  }
  for (const std::string& name : conflicts) {
    if (IdentifiesPatient(name)) {
      c.review_reasons.push_back("conflicting_field:" + name);
    }
  }
  c.patient.match = "none";
  c.status = PageState::kNeedsReview;
  return c;
}

}  // namespace intake::classify
