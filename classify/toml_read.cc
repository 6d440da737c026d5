#include "classify/toml_read.h"

#include <algorithm>
#include <filesystem>
#include <set>
#include <string_view>

#include "common/document.h"

namespace intake::classify {

namespace {

Status SyntaxError(const std::string& file, const toml::parse_error& e) {
  return Status::InvalidArgument(file + ":" +
                                 std::to_string(e.source().begin.line) + ":" +
                                 std::to_string(e.source().begin.column) +
                                 ": " + std::string(e.description()));
}

}  // namespace

Result<toml::table> ParseToml(std::string_view text,
                              const std::string& file_name) {
  try {
    return toml::parse(text, file_name);
  } catch (const toml::parse_error& e) {
    return SyntaxError(file_name, e);
  }
}

Result<toml::table> ParseTomlFile(const std::string& path,
                                  const std::string& what) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return Status::NotFound(path + ": no such " + what + " file");
  }
  try {
    return toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    return SyntaxError(path, e);
  }
}

Status TomlError(const std::string& file, const toml::node& at,
                 const std::string& key, const std::string& what) {
  return Status::InvalidArgument(file + ":" +
                                 std::to_string(at.source().begin.line) + ": " +
                                 key + ": " + what);
}

Status ReadTomlStrings(const std::string& file, const toml::node& node,
                       const std::string& key, std::vector<std::string>* out) {
  const toml::array* arr = node.as_array();
  if (arr == nullptr) {
    return TomlError(file, node, key, "must be an array of strings");
  }
  out->clear();
  for (const toml::node& item : *arr) {
    const auto* s = item.as_string();
    if (s == nullptr || s->get().empty()) {
      return TomlError(file, item, key,
                       "must be an array of non-empty strings");
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
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

}  // namespace intake::classify
