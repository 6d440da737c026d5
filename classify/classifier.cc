#include "classify/classifier.h"

#include <algorithm>
#include <utility>

#include "classify/fields.h"
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

}  // namespace

Classifier::Classifier(ClassifierOptions options)
    : options_(std::move(options)) {}

Classification Classifier::Classify(const std::vector<Page>& pages) const {
  std::vector<PageLines> lines = BuildLines(pages);
  Classification c;
  TypeDecision type = ScoreTypes(options_.rules, lines);
  c.doc_type = type.type;
  c.type_confidence = type.confidence;

  std::vector<std::string> conflicts;
  c.fields = MergeFieldHits(FindFieldHits(lines, Today()), &conflicts);

  if (c.type_confidence < options_.min_type_confidence) {
    c.review_reasons.push_back("low_type_confidence");
  }
  // There is no patient registry yet: nothing can be filed.
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
