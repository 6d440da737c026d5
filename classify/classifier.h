// Classifier: document type, fields and the routing decision for a document.
//
// Works on recognised text and word boxes only (never pixels), and builds with
// none of the heavy libraries. A Classifier is immutable after construction:
// Classify() is safe to call from several threads at once.
#ifndef INTAKE_CLASSIFY_CLASSIFIER_H_
#define INTAKE_CLASSIFY_CLASSIFIER_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "classify/fields.h"
#include "classify/model.h"
#include "common/document.h"
#include "common/status.h"

namespace intake::classify {

// Title and keyword rules for one document type.
struct TypeRule {
  std::string type;                          // e.g. "lab_report"
  std::vector<std::string> title_phrases;    // strong cues, e.g. "lab report"
  std::vector<std::string> keywords;         // weaker cues, e.g. "specimen"
  std::vector<std::string> required_fields;  // missing -> missing_field:NAME
};

struct ClassifierOptions {
  std::vector<TypeRule>
      rules;  // the default taxonomy of DESIGN.md, or a site's
  double min_type_confidence = 0.5;  // below: needs_review, low_type_confidence
  // How much the rules move the type model's log-odds, per rule point (a
  // title phrase on top is 12 points, anywhere 3, a keyword 1, at most 6).
  // rule_weight: the built-in phrases, which the shipped model learnt from
  // already, per point above "other"'s baseline; rule_shortfall_weight: per
  // point a type falls short of it (a title OCR garbled is weak evidence
  // against its type); site_rule_weight: phrases and types a rules file adds.
  double rule_weight = 0.5;
  double rule_shortfall_weight = 0.25;
  double site_rule_weight = 1.0;
  FieldOptions fields;  // site settings for field extraction (MRN pattern)
};

class Classifier {
 public:
  // `model` decides the type together with the rules; null: the shipped
  // TypeModel::Default(). With an empty model the rules decide alone.
  explicit Classifier(ClassifierOptions options,
                      std::shared_ptr<const TypeModel> model = nullptr);

  // The built-in rules for the default taxonomy (DESIGN.md "Document types").
  static ClassifierOptions DefaultOptions();

  // Reads rules from a TOML file (format documented in classify/README.md),
  // replacing or adding to the defaults. Errors name the file, line and key.
  static Result<ClassifierOptions> LoadOptions(const std::string& path);

  // Decides type, fields and review reasons for the pages of one document.
  // Status is kNeedsReview with the placeholder reason "no_patient_match":
  // patient matching and routing (classify/routing.h) decide the rest.
  Classification Classify(const std::vector<Page>& pages) const;

  const ClassifierOptions& options() const { return options_; }
  const TypeModel& model() const { return *model_; }

 private:
  ClassifierOptions options_;
  std::shared_ptr<const TypeModel> model_;
  std::vector<TypeRule> default_rules_;  // what the defaults already say
  std::vector<TypeRule> site_rules_;     // what a rules file added
};

// Finds the fields of DESIGN.md ("Fields") in the pages' text and words:
// labelled values ("DOB: 03/14/1962", "MRN 50752917") and patterns (NPI with
// its Luhn check, ICD-10 codes, CPT codes), normalised (dates to YYYY-MM-DD,
// names to "First Last"). Thread-safe.
std::map<std::string, Field> ExtractFields(const std::vector<Page>& pages);

}  // namespace intake::classify

#endif  // INTAKE_CLASSIFY_CLASSIFIER_H_
