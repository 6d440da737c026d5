// JSON forms of the domain types.
//
// Two kinds: the exported JSON of DESIGN.md ("Exported JSON", a contract other
// tools rely on: keys are only ever added), and the internal forms that carry
// pages and classifications between stages and into the store. Thread-safe
// (pure functions).
#ifndef INTAKE_COMMON_DOCUMENT_JSON_H_
#define INTAKE_COMMON_DOCUMENT_JSON_H_

#include <nlohmann/json.hpp>

#include "common/document.h"
#include "common/status.h"

namespace intake {

// The exported JSON of one document, exactly the shape of DESIGN.md, keys in
// the order DESIGN.md lists them (easier to read; parsers do not care).
nlohmann::ordered_json ToExportJson(const Document& doc);

// Internal forms (round-trip exactly).
nlohmann::json ToJson(const Word& word);
nlohmann::json ToJson(const Page& page);  // includes words and text
nlohmann::json ToJson(const Field& field);
nlohmann::json ToJson(const Classification& c);
nlohmann::json ToJson(const Source& source);
Result<Page> PageFromJson(const nlohmann::json& j);
Result<Field> FieldFromJson(const nlohmann::json& j);
Result<Classification> ClassificationFromJson(const nlohmann::json& j);
Result<Source> SourceFromJson(const nlohmann::json& j);
std::vector<Word> WordsFromJson(const nlohmann::json& j);

}  // namespace intake

#endif  // INTAKE_COMMON_DOCUMENT_JSON_H_
