// Page text as lines of positioned tokens, the one shape every classify rule
// reads.
//
// OCR gives words with boxes; imported text gives only characters. Both become
// Lines of Tokens: words keep their boxes and confidences, plain text gets a
// synthetic monospace geometry (column * kCharWidth, line * kLineHeight) so the
// same "right of the label" / "below the label" logic works on either.
// Everything here is a pure function: safe to call from several threads.
#ifndef INTAKE_CLASSIFY_TEXT_H_
#define INTAKE_CLASSIFY_TEXT_H_

#include <string>
#include <string_view>
#include <vector>

#include "common/document.h"

namespace intake::classify {

inline constexpr int kCharWidth = 10;   // synthetic geometry for plain text
inline constexpr int kLineHeight = 20;  // (pixels per column / per line)

struct Token {
  std::string text;  // as printed, e.g. "DOB:" or "RIVERA,"
  std::string key;   // TokenKey(text): "dob", "rivera"
  int x = 0, y = 0, w = 0, h = 0;
  double confidence = 1.0;  // word confidence in [0,1]; 1 for plain text
  int right() const { return x + w; }
  int bottom() const { return y + h; }
  bool EndsWithColon() const { return !text.empty() && text.back() == ':'; }
};

struct Line {
  std::vector<Token> tokens;  // left to right
  int top = 0;
  int bottom = 0;
  int height() const { return bottom > top ? bottom - top : 1; }
  std::string Text() const;  // token texts joined by single spaces
};

struct PageLines {
  int page = 1;             // 1-based page number
  std::vector<Line> lines;  // top to bottom
};

// Lines of each page: from the words when a page has them (grouped by
// vertical overlap), else from its text. Colons glued to a value
// ("DOB:03/14/1962") and '#' glued to a number ("MR#123") are split off.
std::vector<PageLines> BuildLines(const std::vector<Page>& pages);

// Lowercase letters, digits and '#' of `text`; everything else dropped
// ("D.O.B." -> "dob", "Patient's" -> "patients", "MR#" -> "mr#").
std::string TokenKey(std::string_view text);

// Text for phrase matching, tolerant to OCR noise: lowercase, every run of
// non-alphanumerics becomes one space, digits OCR confuses with letters are
// folded (0->o, 1->l), padded with a space on each side so " phrase " matches
// whole words only.
std::string FoldForMatch(std::string_view text);

// True when the gap between `left` and `right` (same line, left first) is
// wide enough to separate two columns rather than two words.
bool IsColumnBreak(const Token& left, const Token& right);

}  // namespace intake::classify

#endif  // INTAKE_CLASSIFY_TEXT_H_
