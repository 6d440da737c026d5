// Turns a person's free-text search into an FTS5 MATCH expression that can
// never be a syntax error. Thread-safe (pure functions).
#ifndef INTAKE_STORE_FTS_QUERY_H_
#define INTAKE_STORE_FTS_QUERY_H_

#include <string>
#include <string_view>

namespace intake::store {

// Each whitespace-separated chunk that holds a letter or digit becomes one
// quoted FTS5 phrase (embedded quotes doubled); the phrases are ANDed. So
// `lazy fox` -> `"lazy" "fox"`, `E11.9` -> `"E11.9"` (the tokens e11 and 9
// adjacent), and FTS5 operators such as AND, NEAR(, *, - or column: are
// searched as words or dropped. Bytes >= 0x80 count as letters (UTF-8 text);
// control characters separate chunks. Returns "" when no chunk has a word.
std::string FtsMatchExpression(std::string_view text);

// Collapses runs of whitespace (form feeds, newlines, tabs) into one space
// and trims the ends: snippets are shown on one line.
std::string OneLine(std::string_view text);

// The first `max_words` words of `text` on one line, with "…" appended when
// the text goes on.
std::string LeadingWords(std::string_view text, int max_words);

}  // namespace intake::store

#endif  // INTAKE_STORE_FTS_QUERY_H_
