// Classifier::LoadOptions: the TOML rules file (format in README.md).
#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>

#include "classify/classifier.h"

namespace intake::classify {
namespace {

// "rules.toml:7: type[2].keywords: must be an array of strings".
Status Error(const std::string& path, const toml::node& at,
             const std::string& key, const std::string& what) {
  return Status::InvalidArgument(path + ":" +
                                 std::to_string(at.source().begin.line) + ": " +
                                 key + ": " + what);
}

Status ReadStrings(const std::string& path, const toml::node& node,
                   const std::string& key, std::vector<std::string>* out) {
  const toml::array* arr = node.as_array();
  if (arr == nullptr)
    return Error(path, node, key, "must be an array of strings");
  out->clear();
  for (const toml::node& item : *arr) {
    const auto* s = item.as_string();
    if (s == nullptr || s->get().empty()) {
      return Error(path, item, key, "must be an array of non-empty strings");
    }
    out->push_back(s->get());
  }
  return Status::Ok();
}

bool IsKnownField(const std::string& name) {
  static const std::set<std::string_view> kFields = {
      field::kPatientName, field::kDob,         field::kMrn,
      field::kMemberId,    field::kGroupNumber, field::kNpi,
      field::kIcd10,       field::kCpt,         field::kServiceDate};
  return kFields.count(name) > 0;
}

bool IsTypeName(const std::string& name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
      return false;
  }
  return true;
}

// Applies one [[type]] table: keys given replace that list of an existing
// type, or define a new type.
Status ApplyType(const std::string& path, const toml::table& t,
                 const std::string& where, ClassifierOptions* o) {
  const toml::node* name_node = t.get("name");
  if (name_node == nullptr) return Error(path, t, where, "missing key 'name'");
  const auto* name = name_node->as_string();
  if (name == nullptr || !IsTypeName(name->get())) {
    return Error(path, *name_node, where + ".name",
                 "must be a type name of a-z, 0-9 and '_'");
  }
  auto it =
      std::find_if(o->rules.begin(), o->rules.end(),
                   [&](const TypeRule& r) { return r.type == name->get(); });
  TypeRule rule;
  if (it != o->rules.end()) rule = *it;
  rule.type = name->get();
  for (const auto& [k, node] : t) {
    std::string key(k.str());
    std::string full = where + "." + key;
    Status s;
    if (key == "name") continue;
    if (key == "title_phrases") {
      s = ReadStrings(path, node, full, &rule.title_phrases);
    } else if (key == "keywords") {
      s = ReadStrings(path, node, full, &rule.keywords);
    } else if (key == "required_fields") {
      s = ReadStrings(path, node, full, &rule.required_fields);
      for (const std::string& f : rule.required_fields) {
        if (s.ok() && !IsKnownField(f)) {
          s = Error(path, node, full, "unknown field '" + f + "'");
        }
      }
    } else {
      s = Error(path, node, full, "unknown key");
    }
    if (!s.ok()) return s;
  }
  if (it != o->rules.end()) {
    *it = std::move(rule);
  } else {
    o->rules.push_back(std::move(rule));
  }
  return Status::Ok();
}

Status ApplyTable(const std::string& path, const toml::table& root,
                  ClassifierOptions* o) {
  if (const toml::node* n = root.get("use_defaults")) {
    const auto* b = n->as_boolean();
    if (b == nullptr)
      return Error(path, *n, "use_defaults", "must be true or false");
    if (!b->get()) o->rules.clear();
  }
  for (const auto& [k, node] : root) {
    std::string key(k.str());
    if (key == "use_defaults") continue;
    if (key == "min_type_confidence") {
      std::optional<double> v = node.value<double>();
      if (!v || *v < 0 || *v > 1) {
        return Error(path, node, key, "must be a number from 0 to 1");
      }
      o->min_type_confidence = *v;
    } else if (key == "rule_weight" || key == "site_rule_weight") {
      std::optional<double> v = node.value<double>();
      if (!v || *v < 0 || *v > 10) {
        return Error(path, node, key, "must be a number from 0 to 10");
      }
      (key == "rule_weight" ? o->rule_weight : o->site_rule_weight) = *v;
    } else if (key == "type") {
      const toml::array* types = node.as_array();
      if (types == nullptr) {
        return Error(path, node, key, "must be tables: [[type]]");
      }
      for (size_t i = 0; i < types->size(); ++i) {
        const toml::node& item = *types->get(i);
        std::string where = "type[" + std::to_string(i + 1) + "]";
        const toml::table* t = item.as_table();
        if (t == nullptr) return Error(path, item, where, "must be a table");
        if (Status s = ApplyType(path, *t, where, o); !s.ok()) return s;
      }
    } else {
      return Error(path, node, key, "unknown key");
    }
  }
  return Status::Ok();
}

}  // namespace

Result<ClassifierOptions> Classifier::LoadOptions(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return Status::NotFound(path + ": no such rules file");
  }
  toml::table root;
  try {
    root = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    return Status::InvalidArgument(path + ":" +
                                   std::to_string(e.source().begin.line) + ":" +
                                   std::to_string(e.source().begin.column) +
                                   ": " + std::string(e.description()));
  }
  ClassifierOptions options = DefaultOptions();
  if (Status s = ApplyTable(path, root, &options); !s.ok()) return s;
  return options;
}

}  // namespace intake::classify
