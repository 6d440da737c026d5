// Classifier::LoadOptions: the TOML rules file (format in README.md).
#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>

#include "classify/classifier.h"
#include "classify/toml_read.h"

namespace intake::classify {
namespace {

// Applies one [[type]] table: keys given replace that list of an existing
// type, or define a new type.
Status ApplyType(const std::string& path, const toml::table& t,
                 const std::string& where, ClassifierOptions* o) {
  const toml::node* name_node = t.get("name");
  if (name_node == nullptr)
    return TomlError(path, t, where, "missing key 'name'");
  const auto* name = name_node->as_string();
  if (name == nullptr || !IsTypeName(name->get())) {
    return TomlError(path, *name_node, where + ".name",
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
      s = ReadTomlStrings(path, node, full, &rule.title_phrases);
    } else if (key == "keywords") {
      s = ReadTomlStrings(path, node, full, &rule.keywords);
    } else if (key == "required_fields") {
      s = ReadTomlStrings(path, node, full, &rule.required_fields);
      for (const std::string& f : rule.required_fields) {
        if (s.ok() && !IsKnownField(f)) {
          s = TomlError(path, node, full, "unknown field '" + f + "'");
        }
      }
    } else {
      s = TomlError(path, node, full, "unknown key");
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
      return TomlError(path, *n, "use_defaults", "must be true or false");
    if (!b->get()) o->rules.clear();
  }
  for (const auto& [k, node] : root) {
    std::string key(k.str());
    if (key == "use_defaults") continue;
    if (key == "min_type_confidence") {
      std::optional<double> v = node.value<double>();
      if (!v || *v < 0 || *v > 1) {
        return TomlError(path, node, key, "must be a number from 0 to 1");
      }
      o->min_type_confidence = *v;
    } else if (key == "rule_weight" || key == "rule_shortfall_weight" ||
               key == "site_rule_weight") {
      std::optional<double> v = node.value<double>();
      if (!v || *v < 0 || *v > 10) {
        return TomlError(path, node, key, "must be a number from 0 to 10");
      }
      (key == "rule_weight"             ? o->rule_weight
       : key == "rule_shortfall_weight" ? o->rule_shortfall_weight
                                        : o->site_rule_weight) = *v;
    } else if (key == "type") {
      const toml::array* types = node.as_array();
      if (types == nullptr) {
        return TomlError(path, node, key, "must be tables: [[type]]");
      }
      for (size_t i = 0; i < types->size(); ++i) {
        const toml::node& item = *types->get(i);
        std::string where = "type[" + std::to_string(i + 1) + "]";
        const toml::table* t = item.as_table();
        if (t == nullptr)
          return TomlError(path, item, where, "must be a table");
        if (Status s = ApplyType(path, *t, where, o); !s.ok()) return s;
      }
    } else {
      return TomlError(path, node, key, "unknown key");
    }
  }
  return Status::Ok();
}

}  // namespace

Result<ClassifierOptions> Classifier::LoadOptions(const std::string& path) {
  Result<toml::table> root = ParseTomlFile(path, "rules");
  if (!root.ok()) return root.status();
  ClassifierOptions options = DefaultOptions();
  if (Status s = ApplyTable(path, *root, &options); !s.ok()) return s;
  return options;
}

}  // namespace intake::classify
