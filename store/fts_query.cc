#include "store/fts_query.h"

namespace intake::store {
namespace {

bool IsSeparator(unsigned char c) { return c <= 0x20 || c == 0x7f; }

bool IsWordByte(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
         (c >= 'A' && c <= 'Z') || c >= 0x80;
}

}  // namespace

std::string FtsMatchExpression(std::string_view text) {
  std::string expr;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && IsSeparator(text[i])) ++i;
    const size_t start = i;
    bool has_word = false;
    while (i < text.size() && !IsSeparator(text[i])) {
      has_word = has_word || IsWordByte(text[i]);
      ++i;
    }
    if (!has_word) continue;
    if (!expr.empty()) expr += ' ';
    expr += '"';
    for (char c : text.substr(start, i - start)) {
      if (c == '"') expr += '"';
      expr += c;
    }
    expr += '"';
  }
  return expr;
}

std::string OneLine(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
        c == '\v') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

std::string LeadingWords(std::string_view text, int max_words) {
  const std::string line = OneLine(text);
  int words = 0;
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] != ' ') continue;
    if (++words == max_words) return line.substr(0, i) + "…";
  }
  return line;
}

}  // namespace intake::store
