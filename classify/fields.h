// Field extraction internals: every candidate value found on the pages
// (FieldHit), and the merge of candidates into one Field per name.
//
// Classifier::Classify uses the candidates to notice a document naming two
// different patients. Pure functions: safe to call from several threads.
#ifndef INTAKE_CLASSIFY_FIELDS_H_
#define INTAKE_CLASSIFY_FIELDS_H_

#include <map>
#include <string>
#include <vector>

#include "classify/text.h"
#include "classify/validators.h"
#include "common/document.h"
#include "common/status.h"

namespace intake::classify {

// Site settings for field extraction. Defaults documented beside each field.
struct FieldOptions {
  // What an MRN looks like at this site: an ECMAScript regex the whole
  // uppercase value must match. Default: 6 to 10 letters or digits, or
  // groups of digits joined by dashes ("12-345-678"). A value
  // that fails it is tried once with OCR confusions repaired (O->0, I/l->1,
  // S->5, B->8, Z->2); a repaired MRN is marked so (FieldHit::repaired) and
  // its confidence lowered. An invalid regex is refused by
  // CheckFieldOptions; extraction then falls back to the default.
  std::string mrn_pattern = "[A-Z0-9]{6,10}|[0-9]{2,4}(-[0-9]{2,4}){1,3}";
};

// OK, or why `options` cannot be used ("mrn_pattern: ... is not a regex").
Status CheckFieldOptions(const FieldOptions& options);

// ExtractFields (classifier.h) with site options.
std::map<std::string, Field> ExtractFields(const std::vector<Page>& pages,
                                           const FieldOptions& options);

// One candidate value and where it was read.
struct FieldHit {
  std::string field;  // a field name (or an internal name part)
  std::string value;  // normalised
  double confidence = 0;
  int page = 1;
  int line = 0;           // index in PageLines::lines
  int x = 0;              // left edge of the value, for reading order
  bool repaired = false;  // OCR confusions were repaired to read it
};

// Every candidate on the pages: labelled values (same line or below the
// label), then unlabelled NPI and dotted ICD-10 patterns in text no label
// claimed. Dates after `today` are rejected. A member's or subscriber's
// name is reported as patient_name only where no patient label names
// anyone.
std::vector<FieldHit> FindFieldHits(const std::vector<PageLines>& pages,
                                    const CivilDate& today);
std::vector<FieldHit> FindFieldHits(const std::vector<PageLines>& pages,
                                    const CivilDate& today,
                                    const FieldOptions& options);

// One Field per name: for a scalar the most confident candidate (earliest on
// ties), its confidence lowered when another candidate disagrees, and that
// field's name appended to `conflicts` (may be null); for a list every
// distinct value in reading order, with the lowest of their confidences.
// "Last Name" / "First Name" parts on one page become patient_name.
std::map<std::string, Field> MergeFieldHits(
    std::vector<FieldHit> hits, std::vector<std::string>* conflicts);

}  // namespace intake::classify

#endif  // INTAKE_CLASSIFY_FIELDS_H_
