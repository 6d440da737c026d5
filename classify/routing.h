// Routing: the last classify step. Applies the patient decision and the
// site's required fields to a Classification, decides filed / needs_review,
// and names where the document goes (tags, folders, exports).
//
// RoutingOptions is a plain value read once at start; Route is a pure
// function of its arguments: safe to call from several threads.
#ifndef INTAKE_CLASSIFY_ROUTING_H_
#define INTAKE_CLASSIFY_ROUTING_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "classify/patients.h"
#include "common/document.h"
#include "common/status.h"

namespace intake::classify {

// Where documents of one type (and optionally one status) go.
struct RouteRule {
  std::string doc_type;  // a type name, or "*" for every type
  std::string status;    // "" any, else "filed" or "needs_review"
  // "tag:NAME", "folder:DIR" (relative, no ".."), "export:fhir|mdm|pdf|json"
  std::vector<std::string> destinations;
};

struct RoutingOptions {
  // By document type: field names of DESIGN.md that must be present, or
  // "patient" for a matched patient. Missing -> "missing_field:NAME".
  // Default: none beyond a matched patient, which filing always needs.
  std::map<std::string, std::vector<std::string>> required_fields;
  // Every rule that fits adds its destinations, in file order. Default none.
  std::vector<RouteRule> routes;
  // Below it: "low_type_confidence" (replacing the classifier's own verdict).
  double min_type_confidence = 0.5;
};

// Reads routing options from TOML (format in classify/README.md). Errors
// name the file, line and key: "routing.toml:9: route[2].to: ...".
Result<RoutingOptions> LoadRoutingOptions(const std::string& path);
// The same from text; `file_name` only names it in errors.
Result<RoutingOptions> ParseRoutingOptions(std::string_view toml_text,
                                           const std::string& file_name);

// OK, or why `destination` is not "tag:X", "folder:DIR" or "export:FORMAT".
Status CheckDestination(const std::string& destination);

// Takes `c` as Classifier::Classify returns it (type, fields and reasons
// such as low_type_confidence, missing_field:X, conflicting_field:X, and the
// "no_patient_match" placeholder) and applies `match` (c->patient and its
// reasons replace the placeholder) and the options' required fields. Status
// becomes kFiled only when a patient is matched and no reason is left;
// otherwise kNeedsReview. Reasons end deduplicated in first-seen order.
// Destinations are those of every fitting rule, deduplicated.
void Route(const RoutingOptions& options, const PatientMatch& match,
           Classification* c);

}  // namespace intake::classify

#endif  // INTAKE_CLASSIFY_ROUTING_H_
