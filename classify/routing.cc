#include "classify/routing.h"

#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "classify/toml_read.h"

namespace intake::classify {
namespace {

constexpr char kPlaceholder[] = "no_patient_match";
constexpr char kPatient[] = "patient";
constexpr std::string_view kMissingField = "missing_field:";

Status ReadRequired(const std::string& file, const toml::node& node,
                    RoutingOptions* o) {
  const toml::table* t = node.as_table();
  if (t == nullptr) {
    return TomlError(file, node, "required_fields",
                     "must be a table of type = [\"field\", ...]");
  }
  for (const auto& [k, list] : *t) {
    std::string type(k.str());
    std::string key = "required_fields." + type;
    if (!IsTypeName(type)) {
      return TomlError(file, list, key,
                       "must be a type name of a-z, 0-9 and '_'");
    }
    std::vector<std::string> names;
    if (Status s = ReadTomlStrings(file, list, key, &names); !s.ok()) return s;
    for (const std::string& n : names) {
      if (n != kPatient && !IsKnownField(n)) {
        return TomlError(
            file, list, key,
            "unknown field '" + n + "' (a DESIGN.md field or 'patient')");
      }
    }
    o->required_fields[type] = std::move(names);
  }
  return Status::Ok();
}

Status ReadRoute(const std::string& file, const toml::table& t,
                 const std::string& where, RouteRule* rule) {
  for (const auto& [k, node] : t) {
    std::string key(k.str());
    std::string full = where + "." + key;
    if (key == "type") {
      const auto* s = node.as_string();
      if (s == nullptr || (s->get() != "*" && !IsTypeName(s->get()))) {
        return TomlError(file, node, full, "must be a type name or \"*\"");
      }
      rule->doc_type = s->get();
    } else if (key == "status") {
      const auto* s = node.as_string();
      if (s == nullptr || (s->get() != "filed" && s->get() != "needs_review")) {
        return TomlError(file, node, full,
                         "must be \"filed\" or \"needs_review\"");
      }
      rule->status = s->get();
    } else if (key == "to") {
      if (Status s = ReadTomlStrings(file, node, full, &rule->destinations);
          !s.ok()) {
        return s;
      }
      for (const std::string& d : rule->destinations) {
        if (Status s = CheckDestination(d); !s.ok()) {
          return TomlError(file, node, full, s.message());
        }
      }
    } else {
      return TomlError(file, node, full, "unknown key");
    }
  }
  if (rule->doc_type.empty())
    return TomlError(file, t, where, "missing key 'type'");
  if (rule->destinations.empty())
    return TomlError(file, t, where, "missing key 'to'");
  return Status::Ok();
}

Status Apply(const std::string& file, const toml::table& root,
             RoutingOptions* o) {
  for (const auto& [k, node] : root) {
    std::string key(k.str());
    if (key == "min_type_confidence") {
      std::optional<double> v = node.value<double>();
      if (!v || *v < 0 || *v > 1) {
        return TomlError(file, node, key, "must be a number from 0 to 1");
      }
      o->min_type_confidence = *v;
    } else if (key == "required_fields") {
      if (Status s = ReadRequired(file, node, o); !s.ok()) return s;
    } else if (key == "route") {
      const toml::array* routes = node.as_array();
      if (routes == nullptr)
        return TomlError(file, node, key, "must be tables: [[route]]");
      for (size_t i = 0; i < routes->size(); ++i) {
        const toml::node& item = *routes->get(i);
        std::string where = "route[" + std::to_string(i + 1) + "]";
        const toml::table* t = item.as_table();
        if (t == nullptr)
          return TomlError(file, item, where, "must be a table");
        RouteRule rule;
        if (Status s = ReadRoute(file, *t, where, &rule); !s.ok()) return s;
        o->routes.push_back(std::move(rule));
      }
    } else {
      return TomlError(file, node, key, "unknown key");
    }
  }
  return Status::Ok();
}

void AddOnce(std::vector<std::string>* list, const std::string& item) {
  if (std::find(list->begin(), list->end(), item) == list->end()) {
    list->push_back(item);
  }
}

// A required patient name or birth date asks whose the document is. Once
// two identifiers on it have proved that, the registry holds both: a page
// where OCR could not read one of them is filed, not sent to review.
bool ProvenByMatch(std::string_view reason) {
  if (!reason.starts_with(kMissingField)) return false;
  const std::string_view name = reason.substr(kMissingField.size());
  return name == field::kPatientName || name == field::kDob;
}

}  // namespace

Status CheckDestination(const std::string& d) {
  size_t colon = d.find(':');
  std::string kind = d.substr(0, colon);
  std::string value = colon == std::string::npos ? "" : d.substr(colon + 1);
  if (colon == std::string::npos || value.empty()) {
    return Status::InvalidArgument("'" + d +
                                   "' is not tag:NAME, folder:DIR or "
                                   "export:FORMAT");
  }
  if (kind == "tag") return Status::Ok();
  if (kind == "export") {
    if (value == "fhir" || value == "mdm" || value == "pdf" || value == "json")
      return Status::Ok();
    return Status::InvalidArgument("'" + d +
                                   "': export is one of fhir, mdm, pdf, json");
  }
  if (kind == "folder") {
    std::filesystem::path p(value);
    bool up = std::any_of(p.begin(), p.end(),
                          [](const auto& part) { return part == ".."; });
    if (p.is_absolute() || up) {
      return Status::InvalidArgument(
          "'" + d + "': a folder is relative to the output and has no '..'");
    }
    return Status::Ok();
  }
  return Status::InvalidArgument("'" + d +
                                 "' is not tag:NAME, folder:DIR or "
                                 "export:FORMAT");
}

Result<RoutingOptions> ParseRoutingOptions(std::string_view toml_text,
                                           const std::string& file_name) {
  Result<toml::table> root = ParseToml(toml_text, file_name);
  if (!root.ok()) return root.status();
  RoutingOptions options;
  if (Status s = Apply(file_name, *root, &options); !s.ok()) return s;
  return options;
}

Result<RoutingOptions> LoadRoutingOptions(const std::string& path) {
  Result<toml::table> root = ParseTomlFile(path, "routing");
  if (!root.ok()) return root.status();
  RoutingOptions options;
  if (Status s = Apply(path, *root, &options); !s.ok()) return s;
  return options;
}

void Route(const RoutingOptions& options, const PatientMatch& match,
           Classification* c) {
  c->patient = match.link;
  c->patient_detail = match.detail;
  bool matched = match.link.match != "none" && !match.link.id.empty();
  if (!matched) c->patient.match = "none";
  if (matched) {
    for (const auto& [name, value] : match.corrected_fields) {
      auto f = c->fields.find(name);
      if (f != c->fields.end()) f->second.values = {value};
    }
    for (const auto& [name, printed] : match.printed_fields) {
      Field& f = c->fields[name];
      if (f.values.empty()) f = printed;
    }
  } else if (!match.reshaped_mrn.empty()) {
    auto f = c->fields.find(std::string(field::kMrn));
    if (f != c->fields.end()) f->second.values = {match.reshaped_mrn};
  }
  std::vector<std::string> reasons;
  // The classifier's own verdicts, less the two routing decides afresh and
  // the missing fields the match found printed.
  for (const std::string& r : c->review_reasons) {
    if (r == kPlaceholder || r == "low_type_confidence") continue;
    if (r.starts_with(kMissingField)) {
      auto f = c->fields.find(r.substr(kMissingField.size()));
      if (f != c->fields.end() && !f->second.values.empty()) continue;
    }
    AddOnce(&reasons, r);
  }
  if (c->type_confidence < options.min_type_confidence) {
    reasons.insert(reasons.begin(), "low_type_confidence");
  }
  for (const std::string& r : match.reasons) AddOnce(&reasons, r);
  if (!matched && match.reasons.empty()) AddOnce(&reasons, kPlaceholder);
  auto required = options.required_fields.find(c->doc_type);
  if (required != options.required_fields.end()) {
    for (const std::string& name : required->second) {
      if (name == kPatient) continue;  // filing always needs the patient
      auto f = c->fields.find(name);
      if (f == c->fields.end() || f->second.values.empty()) {
        AddOnce(&reasons, std::string(kMissingField) + name);
      }
    }
  }
  if (matched) std::erase_if(reasons, ProvenByMatch);
  c->review_reasons = std::move(reasons);
  c->status = matched && c->review_reasons.empty() ? PageState::kFiled
                                                   : PageState::kNeedsReview;
  c->destinations.clear();
  std::string status(ToString(c->status));
  for (const RouteRule& rule : options.routes) {
    if (rule.doc_type != "*" && rule.doc_type != c->doc_type) continue;
    if (!rule.status.empty() && rule.status != status) continue;
    for (const std::string& d : rule.destinations) AddOnce(&c->destinations, d);
  }
}

}  // namespace intake::classify
