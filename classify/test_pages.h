// Builders for synthetic test pages (made-up patients only, never real data).
#ifndef INTAKE_CLASSIFY_TEST_PAGES_H_
#define INTAKE_CLASSIFY_TEST_PAGES_H_

#include <map>
#include <string>
#include <vector>

#include "common/document.h"

namespace intake::classify::testing {

// A page of plain text, as imported without word boxes.
inline Page TextPage(const std::string& text, int number = 1) {
  Page p;
  p.number = number;
  p.text = text;
  return p;
}

// A word at (x, y) on a 300-dpi page: 30 px tall, 18 px per character.
struct PlacedWord {
  std::string text;
  int x;
  int y;
  float confidence = 0.95f;
};

// The words of `text` placed left to right from (x, y), one space apart.
inline std::vector<PlacedWord> Phrase(const std::string& text, int x, int y,
                                      float confidence = 0.95f) {
  std::vector<PlacedWord> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) {
      out.push_back({text.substr(start, end - start), x, y, confidence});
    }
    x += static_cast<int>(end - start + 1) * 18;
    start = end + 1;
  }
  return out;
}

// A page of OCR words; `rows` are phrases, each from Phrase().
inline Page WordPage(const std::vector<std::vector<PlacedWord>>& rows,
                     int number = 1) {
  std::vector<PlacedWord> placed;
  for (const auto& row : rows)
    placed.insert(placed.end(), row.begin(), row.end());
  Page p;
  p.number = number;
  p.width = 2550;
  p.height = 3300;
  for (const PlacedWord& pw : placed) {
    Word w;
    w.text = pw.text;
    w.x = pw.x;
    w.y = pw.y;
    w.w = static_cast<int>(pw.text.size()) * 18;
    w.h = 30;
    w.confidence = pw.confidence;
    p.words.push_back(w);
    p.text += pw.text + " ";
  }
  return p;
}

// First value of a field, or "" when the field was not found.
inline std::string Value(const std::map<std::string, Field>& fields,
                         std::string_view name) {
  auto it = fields.find(std::string(name));
  if (it == fields.end() || it->second.values.empty()) return "";
  return it->second.values.front();
}

inline std::vector<std::string> Values(
    const std::map<std::string, Field>& fields, std::string_view name) {
  auto it = fields.find(std::string(name));
  if (it == fields.end()) return {};
  return it->second.values;
}

}  // namespace intake::classify::testing

#endif  // INTAKE_CLASSIFY_TEST_PAGES_H_
