// Reading the classify/ TOML files (rules, routing): errors that name the
// file, the line and the key, and the checks both files make. Internal to
// classify/.
#ifndef INTAKE_CLASSIFY_TOML_READ_H_
#define INTAKE_CLASSIFY_TOML_READ_H_

#include <toml++/toml.h>

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace intake::classify {

// Parses TOML text; a syntax error names the file, line and column.
Result<toml::table> ParseToml(std::string_view text,
                              const std::string& file_name);
// Reads and parses the file at `path`; NotFound "PATH: no such WHAT file".
Result<toml::table> ParseTomlFile(const std::string& path,
                                  const std::string& what);

// "rules.toml:7: type[2].keywords: must be an array of strings".
Status TomlError(const std::string& file, const toml::node& at,
                 const std::string& key, const std::string& what);

// A non-empty array of non-empty strings into `out`.
Status ReadTomlStrings(const std::string& file, const toml::node& node,
                       const std::string& key, std::vector<std::string>* out);

// A field name of DESIGN.md ("patient_name", "dob", ...).
bool IsKnownField(const std::string& name);

// A document type name: a-z, 0-9 and _.
bool IsTypeName(const std::string& name);

}  // namespace intake::classify

#endif  // INTAKE_CLASSIFY_TOML_READ_H_
