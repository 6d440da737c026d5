// Finds field candidates in one page's lines: labelled values to the right
// of or below their label, then unlabelled NPI / ICD-10 patterns.
#include "classify/fields.h"

#include <algorithm>
#include <cctype>
#include <climits>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <regex>
#include <set>

#include "classify/labels.h"

namespace intake::classify {
namespace {

// A word that makes a label or a section someone else's than the
// patient's ("EMERGENCY CONTACT", "INSURED'S NAME").
bool IsOtherPerson(std::string_view key) {
  static const char* const kOthers[] = {
      "emergency", "guarantor", "responsible", "spouse",   "guardian",
      "parent",    "employer",  "insured",     "insureds", "kin"};
  return std::any_of(std::begin(kOthers), std::end(kOthers),
                     [&](const char* o) { return key == o; });
}

// Base confidences: what the layout alone tells us about a value.
constexpr double kSameLine = 0.95;     // "DOB: 03/14/1962"
constexpr double kBelow = 0.90;        // label printed above its box
constexpr double kAbove = 0.80;        // label printed under its line
constexpr double kRepaired = 0.85;     // factor for an OCR-repaired value
constexpr double kNpiPattern = 0.80;   // ten Luhn-valid digits, no label
constexpr double kIcdPattern = 0.60;   // "E11.9" with no label
constexpr double kCptPattern = 0.60;   // "(85025)" after a test's name
constexpr double kServiceLine = 0.60;  // a claim line's date, by its CPT
constexpr size_t kMaxListRows = 40;    // rows read down a code column
// Consecutive rows of a CPT column that may hold nothing readable (a
// watermark or a shaded band across a service line) before it ends. Not
// ICD-10: past its list, charges ("110.00") read as codes once repaired.
constexpr int kMaxUnreadCptRows = 1;
// The fewest characters a member ID has (ParseSegment).
constexpr size_t kMinMemberId = 5;
// A "DOS" label read this surely or more is a service date's, wherever it
// is (TakeUnsureDosForDob).
constexpr double kSureDosLabel = 0.8;
// Words after a name label's column gap read this surely or more are a
// value, whatever is set under them (HeadsLabelRow).
constexpr double kSureLabelRowWord = 0.9;

bool HasDigit(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c));
  });
}

bool IsListField(const std::string& name) {
  return name == field::kNpi || name == field::kIcd10 || name == field::kCpt;
}

// A person's name or part of one: read as words, not codes.
bool IsNameField(const std::string& name) {
  return name == field::kPatientName || name == kSubscriberName ||
         name == kFirstNamePart || name == kLastNamePart;
}

// A value parsed from some of a segment's tokens.
struct Parsed {
  std::string value;
  size_t first = 0;  // index into the segment
  size_t count = 1;  // tokens it took
  bool repaired = false;
};

// The site's MRN shape (FieldOptions::mrn_pattern), compiled once per scan.
struct MrnShape {
  std::regex pattern;
  explicit MrnShape(const FieldOptions& o) {
    try {
      pattern = std::regex(o.mrn_pattern, std::regex::ECMAScript);
    } catch (const std::regex_error&) {
      pattern = std::regex(FieldOptions().mrn_pattern, std::regex::ECMAScript);
    }
  }
  // The MRN in `id`, repaired when only the repair fits the pattern.
  std::optional<std::string> Read(const std::string& id, bool* repaired) const {
    *repaired = false;
    if (std::regex_match(id, pattern)) return id;
    auto fixed = RepairDigits(id);
    if (fixed && std::regex_match(*fixed, pattern)) {
      *repaired = true;
      return fixed;
    }
    return std::nullopt;
  }
};

// "D." or "B)": the letter of an item in a claim's lettered diagnosis list
// ("A. M54.50  B. R10.9  C. K21.9  D. I10").
bool IsListLetter(const std::string& w) {
  // "A," as OCR reads "A." at times.
  return w.size() == 2 && w[0] >= 'A' && w[0] <= 'L' &&
         (w[1] == '.' || w[1] == ')' || w[1] == ',');
}

// A code with the next item's letter of a lettered list glued after it
// ("E11.9C.", "M54.50.D."), without that letter. Knowing the item's own
// letter, the next one is `letter`; not knowing it (0), only a letter set
// off by a dot is taken: a code may end in a letter of its own (S72.001D).
std::string WithoutNextLetter(std::string code, char letter) {
  const size_t n = code.size();
  const bool glued = letter != 0 ? n > 4 && code[n - 2] == letter
                                 : n > 6 && code[n - 3] == '.' &&
                                       code[n - 2] >= 'B' && code[n - 2] <= 'L';
  if (glued && code[n - 1] == '.') code.resize(n - 2);
  return code;
}

// A code table's header row: "Code Description Type", "ICD-10
// Description", "Code Assessment".
bool IsCodeColumnHeader(const Line& line) {
  const std::vector<Token>& t = line.tokens;
  // "Dx Code Description": the code column named for its diagnoses.
  const size_t from = !t.empty() && t[0].key == "dx" ? 1 : 0;
  if (t.size() < from + 2 || t.size() > from + 5) return false;
  const std::string& first = t[from].key;
  if (first != "code" && first != "codes" && first != "icd" &&
      first != "icd10") {
    return false;
  }
  return std::all_of(t.begin() + from + 1, t.end(), [](const Token& w) {
    return std::all_of(w.key.begin(), w.key.end(), [](char c) {
      return std::isalpha(static_cast<unsigned char>(c));
    });
  });
}

// Three-character codes that are whole (billable) codes, and common: I10
// (essential hypertension), Z23 (an immunization encounter).
bool IsCommonWholeCategory(const std::string& code) {
  return code == "I10" || code == "Z23";
}

// "D." or "3)": an item's letter or number ("1) E11.65  2) Z79.4  3) I10").
bool IsListMarker(const std::string& w) {
  if (IsListLetter(w)) return true;
  return (w.size() == 2 || w.size() == 3) &&
         (w.back() == '.' || w.back() == ')') &&
         AllDigits(std::string_view(w).substr(0, w.size() - 1));
}

// Word k is a list's letter whose dot OCR lost, between the letters before
// and after it ("A. J45.909 B 110 C. E66.9").
bool BareListLetter(const std::vector<std::string>& words, size_t k) {
  const std::string& w = words[k];
  if (w.size() != 1 || w[0] <= 'A' || w[0] >= 'L') return false;
  auto letter = [&](size_t from, size_t to, char c) {
    for (size_t j = from; j < to; ++j) {
      if (IsListLetter(words[j]) && words[j][0] == c) return true;
    }
    return false;
  };
  return letter(0, k, w[0] - 1) && letter(k + 1, words.size(), w[0] + 1);
}

// "A.E11.9B.": a code with the next item's letter glued after it (and its
// own letter before it, or not).
bool EndsInListLetter(const std::string& w) {
  if (w.size() < 6 || !IsListLetter(w.substr(w.size() - 2))) return false;
  std::string code = w.substr(0, w.size() - 2);
  if (IsListLetter(code.substr(0, 2))) code.erase(0, 2);
  return ParseIcd10(code, /*labelled=*/true).has_value();
}

// Word i follows a list letter or number, and another item of the list is
// an ICD-10 code, well-formed or dotted ("A. 148.91 B. 110"): the list is of
// codes.
bool InMarkedCodeList(const std::vector<std::string>& words, size_t i) {
  // The item's letter may be glued to the code before it: "A.E11.9B. 110
  // C. E03.9" (generator seed 5151).
  if (i == 0 || !(IsListMarker(words[i - 1]) || BareListLetter(words, i - 1) ||
                  EndsInListLetter(words[i - 1]))) {
    return false;
  }
  auto code = [](const std::string& w) {
    return ParseIcd10(w, /*labelled=*/true) ||
           (w.find('.') != std::string::npos && RepairIcd10(w));
  };
  for (size_t j = 0; j < words.size(); ++j) {
    if (j == i) continue;
    const std::string& w = words[j];
    // "C.E78.5": glued to its letter.
    const bool glued =
        w.size() > 4 && IsListLetter(w.substr(0, 2)) && code(w.substr(2));
    if (glued || (j > 0 && IsListMarker(words[j - 1]) && code(w))) {
      return true;
    }
  }
  return false;
}

// Codes OCR glued together with a burst of punctuation from a dotted or
// shaded background ("K21..9,:-J18.9", "R10.9;::-R07.9"): split where two or
// more separators run together, at a semicolon, or before a code's letter
// after a dotted code (the first separator stays with the code before it),
// and before the next item's letter glued to a dotted code ("B.R10.9"); a
// doubled dot is one dot, as is a comma and a dot after a category.
std::vector<std::string> SplitGluedCodes(const std::string& w) {
  auto separator = [](char c) {
    return c == ',' || c == ';' || c == ':' || c == '>' || c == '-';
  };
  std::vector<std::string> out;
  std::string code;
  size_t i = 0;
  while (i < w.size()) {
    if (separator(w[i])) {
      size_t j = i;
      while (j < w.size() && separator(w[j])) ++j;
      const bool burst = j - i >= 2 || std::find(w.begin() + i, w.begin() + j,
                                                 ';') != w.begin() + j;
      // "F41.1,M17.11": the space after a comma lost; the code before has
      // its decimal point already, and a code's letter follows.
      // "E03.9,110": or a digit, a code whose letter OCR read as one;
      // "F41.1,\u00a311.9": or a pound or euro sign, an E read as one.
      const bool sign = w[i] == ',' && (w.compare(j, 2, "\u00a3") == 0 ||
                                        w.compare(j, 3, "\u20ac") == 0);
      const bool next_code =
          j < w.size() &&
          ((w[j] >= 'A' && w[j] <= 'Z') || sign ||
           (w[i] == ',' && std::isdigit(static_cast<unsigned char>(w[j])))) &&
          code.find('.') != std::string::npos;
      if ((burst || next_code) && j < w.size() && !code.empty()) {
        out.push_back(code + w[i]);
        code.clear();
      } else {
        code.append(w, i, j - i);
      }
      i = j;
      continue;
    }
    // "A.J06.9.B.R10.9": the next item's letter between two dotted codes.
    if (w[i] == '.' && i + 3 < w.size() && w[i + 1] >= 'A' && w[i + 1] <= 'L' &&
        w[i + 2] == '.' && code.find('.') != std::string::npos) {
      out.push_back(code);
      code.clear();
      ++i;
      continue;
    }
    // "M25,.561": a speck read as a comma before a category's dot.
    if (w[i] == '.' && code.size() == 4 && code.back() == ',') code.pop_back();
    if (w[i] != '.' || code.empty() || code.back() != '.') code += w[i];
    ++i;
  }
  if (!code.empty()) out.push_back(code);
  return out;
}

// A code OCR split in two at a space it read into it: "Z00. 00," and
// "(E66. 9)" (a space after the dot; "\u00a303. 9,110," with the next code
// glued on), "R 10.9" after a comma (one after the letter). Whether word i
// and the next are one code; their join if so. "(J 18.9)" too.
std::optional<std::string> JoinSplitCode(const std::vector<std::string>& w,
                                         size_t i) {
  if (i + 1 >= w.size()) return std::nullopt;
  const std::string& a = w[i];
  const std::string& b = w[i + 1];
  auto digits_then = [](std::string_view s, size_t min, size_t max,
                        std::string_view ends) {
    size_t n = 0;
    while (n < s.size() && std::isdigit(static_cast<unsigned char>(s[n]))) ++n;
    return n >= min && n <= max &&
           (n == s.size() ||
            (n + 1 == s.size() && ends.find(s[n]) != std::string_view::npos));
  };
  // "9,110,": the digits, then the next code glued on after a comma
  // (SplitGluedCodes parts them).
  auto glued_next = [&](std::string_view s) {
    const size_t comma = s.find(',');
    return comma != std::string_view::npos && comma + 1 < s.size() &&
           digits_then(s.substr(0, comma + 1), 1, 4, ",");
  };
  // The category and its dot, then the digits after it, ending the item.
  std::string_view stem(a);
  if (stem.starts_with('(')) stem.remove_prefix(1);
  if (stem.size() >= 4 && stem.back() == '.' &&
      digits_then(stem.substr(stem.size() - 3, 2), 2, 2, "") &&
      (digits_then(b, 1, 4, ",;)") || glued_next(b))) {
    return a + b;
  }
  // The category, then its dot leading the rest ("A N39 .0. 3B. M54. 50",
  // the list's next letter misread after it).
  if (stem.size() == 3 && std::isupper(static_cast<unsigned char>(stem[0])) &&
      digits_then(stem.substr(1), 2, 2, "") && b.size() >= 2 && b[0] == '.' &&
      digits_then(std::string_view(b).substr(1), 1, 4, ".,;)")) {
    return a + b;
  }
  // A capital, then the category's digits, the dot and the rest: after a
  // comma ("R 10.9", the dot maybe read as a comma), or in parentheses
  // ("(J 18.9)").
  const bool after_comma = a.size() == 1 && i > 0 && w[i - 1].back() == ',';
  const bool in_parens =
      a.size() == 2 && a[0] == '(' && b.size() >= 5 && b.back() == ')';
  if ((after_comma || in_parens) &&
      std::isupper(static_cast<unsigned char>(a.back())) && b.size() >= 4 &&
      digits_then(b.substr(0, 2), 2, 2, "") &&
      (b[2] == '.' || (after_comma && b[2] == ',')) &&
      digits_then(std::string_view(b).substr(3), 1, 4,
                  after_comma ? ",;" : ")")) {
    return a + b;
  }
  return std::nullopt;
}

// `text` without the period, comma or semicolon ending it ("(Z23).").
std::string_view WithoutSentenceMark(std::string_view text) {
  if (!text.empty() &&
      (text.back() == '.' || text.back() == ',' || text.back() == ';')) {
    text.remove_suffix(1);
  }
  return text;
}

// "(E1 1.65).", "(J 18.9)", "(M25.56 1).", "(S93.401 A).": a dotted code
// in parentheses with a space read into it. Only the code is in them, so
// the two words are one.
std::optional<std::string> SplitInParentheses(std::string_view a,
                                              std::string_view b_read) {
  auto code_part = [](std::string_view w) {
    return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) {
      return std::isdigit(static_cast<unsigned char>(c)) || c == '.';
    });
  };
  if (a.size() < 2 || a[0] != '(' ||
      !std::isupper(static_cast<unsigned char>(a[1])) ||
      (a.size() > 2 && !code_part(a.substr(2)))) {
    return std::nullopt;
  }
  // Its dot read as a comma ("(E1 1,9)" at .06 on a moderate scan;
  // generator seed 8484).
  std::string b_dotted(WithoutSentenceMark(b_read));
  std::replace(b_dotted.begin(), b_dotted.end(), ',', '.');
  const std::string_view b = b_dotted;
  if (b.size() < 2 || b.back() != ')') return std::nullopt;
  // The 7th character, a letter, after a whole six ("S93.401").
  const bool seventh = b.size() == 2 && a.size() == 8 &&
                       std::isupper(static_cast<unsigned char>(b[0]));
  if (!seventh && !code_part(b.substr(0, b.size() - 1))) {
    return std::nullopt;
  }
  const std::string code =
      std::string(a.substr(1)) + std::string(b.substr(0, b.size() - 1));
  if (code.find('.') != 3) return std::nullopt;
  return ParseIcd10(code, /*labelled=*/false);
}

// "G43 .909": a dotted code split before its dot, the dot read with the
// digits after it (a monospaced face's wide cells; generator seed 6363's
// progress note). The dot says "code" as in one word.
std::optional<std::string> SplitBeforeItsDot(std::string_view a,
                                             std::string_view b) {
  b = WithoutSentenceMark(b);
  if (a.size() != 3 || b.size() < 2 || b[0] != '.' || !AllDigits(a.substr(1)) ||
      !AllDigits(b.substr(1))) {
    return std::nullopt;
  }
  return ParseIcd10(std::string(a) + std::string(b), /*labelled=*/false);
}

// NPI, ICD-10 and CPT codes among `words`, each read where it stands.
std::vector<Parsed> ParseCodes(const std::string& name,
                               const std::vector<std::string>& words) {
  std::vector<Parsed> out;
  for (size_t i = 0; i < words.size(); ++i) {
    std::optional<std::string> v;
    bool repaired = false;
    size_t used = 1;
    if (name == field::kNpi) {
      v = ParseNpi(words[i], &repaired);
      // "2465508 150", "(NPI# 282864337 1)": a space read into the
      // number; the check digit proves the join.
      if (!v && i + 1 < words.size()) {
        std::string_view a = words[i], b = words[i + 1];
        if (a.starts_with('(')) a.remove_prefix(1);
        if (b.ends_with(')') || b.ends_with(',') || b.ends_with(';')) {
          b.remove_suffix(1);
        }
        const std::string joined = std::string(a) + std::string(b);
        if (!a.empty() && !b.empty() && AllDigits(a) && AllDigits(b) &&
            joined.size() == 10 && IsValidNpi(joined)) {
          v = joined;
          repaired = true;
          used = 2;
        }
      }
    }
    if (name == field::kIcd10 && i + 1 < words.size() &&
        (v = SplitInParentheses(words[i], words[i + 1]))) {
      out.push_back({*v, i, 2, true});
      ++i;
      continue;
    }
    if (name == field::kIcd10) {
      v = ParseIcd10(words[i], /*labelled=*/true);
      // "Diagnosis: E66 9": the dot lost between a category and its digits
      // (generator seed 5151, fax). Not I10 or Z23, whole codes alone, nor
      // before a number that is one of them misread ("E66 110").
      if (v && words[i].size() == 3 && !IsCommonWholeCategory(*v) &&
          i + 1 < words.size()) {
        const std::string_view tail = WithoutSentenceMark(words[i + 1]);
        if (!tail.empty() && tail.size() <= 4 && AllDigits(tail) &&
            !RepairIcd10(tail)) {
          if (auto whole = ParseIcd10(*v + "." + std::string(tail), true)) {
            out.push_back({*whole, i, 2, true});
            ++i;
            continue;
          }
        }
      }
      // "B. E11.9C. J18.9": the next item's letter glued to the code.
      const std::string& g = words[i];
      if (i > 0 && IsListLetter(words[i - 1])) {
        if (auto code =
                ParseIcd10(WithoutNextLetter(g, words[i - 1][0] + 1), true)) {
          v = code;
        }
      }
      // "A.E78.5": the item's own letter glued to its code, and
      // "A.N39.0B.": the next item's letter too.
      // "B.RO6.02": with an O for its 0 too.
      if (!v && g.size() > 4 && IsListLetter(g.substr(0, 2))) {
        const std::string code = WithoutNextLetter(g.substr(2), g[0] + 1);
        v = ParseIcd10(code, true);
        if (!v && (v = RepairIcd10(code))) repaired = true;
      }
      // "©:M54.50.D.": the item's letter read as marks (its C as a
      // copyright sign) before the code, the next item's letter after it.
      if (!v && !g.empty() && !std::isalnum(static_cast<unsigned char>(g[0]))) {
        const std::string code = WithoutNextLetter(
            std::string(
                std::find_if(g.begin(), g.end(),
                             [](char c) { return c >= 'A' && c <= 'Z'; }),
                g.end()),
            0);
        if (code.find('.') != std::string::npos &&
            (v = ParseIcd10(code, true))) {
          repaired = true;
        }
      }
      // "pai in-R10.11": the dash before a dotted code glued to the word
      // before it (held-out seed 1483's clean discharge summary, "pain -
      // R10.11" with the n read onto the dash).
      if (const size_t dash = g.rfind('-');
          !v && dash != std::string::npos && dash > 0 &&
          std::isalpha(static_cast<unsigned char>(g[dash - 1])) &&
          g.find('.', dash) != std::string::npos) {
        v = ParseIcd10(g.substr(dash + 1), true);
      }
      // "110" for I10, "148.91" for I48.91, "(M54,50)": repaired only
      // where the print says "a code": the dotted form, parentheses, a
      // comma-separated, lettered or numbered list of codes, or a category
      // code first after its label with its description after it
      // ("Diagnosis: 110 Essential hypertension": a sans-serif I read as 1).
      const std::string& w = words[i];
      const bool i_as_one =
          w.size() == 3 && (w[0] == '1' || w[0] == 'l' || w[0] == '|');
      const bool code_like =
          !v && (w.find_first_of(".,", 3) != std::string::npos || w[0] == '(' ||
                 w.back() == ')' || (i > 0 && words[i - 1].back() == ',') ||
                 // After a list's code, the comma before its last item
                 // lost ("R73.03, E11.65 110", held-out seed 823).
                 (i >= 2 && words[i - 2].back() == ',' &&
                  ParseIcd10(words[i - 1], true)) ||
                 InMarkedCodeList(words, i) ||
                 (i == 0 && i_as_one && words.size() > 1 &&
                  std::isalpha(static_cast<unsigned char>(words[1].front()))));
      // A word of letters alone is a word there too: the column header
      // "DOS" after "24A," (its dot read as a comma) is no code D05
      // (generator seed 7070's claim).
      if (code_like && HasDigit(w) && (v = RepairIcd10(w))) repaired = true;
      // Alone under its label, or the only item of its list, a category
      // is a bare number ("Diagnosis: 148"), but I10 and Z23 are whole
      // codes and the commonest ones: nothing else is printed "110" or
      // "223" (a claim's "A. 223") there.
      const bool alone = words.size() == 1 || (words.size() == 2 && i == 1 &&
                                               IsListMarker(words[0]));
      // So is the last of a list whose commas were lost, after a dotted
      // code ("Diagnosis: R07.9 110", held-out seed 1093's scanned
      // prescription).
      const bool ends_list = i > 0 && i + 1 == words.size() &&
                             words[i - 1].find('.') != std::string::npos &&
                             ParseIcd10(words[i - 1], true);
      if (!v && w.size() == 3 && (alone || ends_list)) {
        if (auto code = RepairIcd10(w); code && IsCommonWholeCategory(*code)) {
          v = code;
          repaired = true;
        }
      }
    }
    if (name == field::kCpt) {
      v = ParseCpt(words[i]);
      // A table rule read into the cell: "|83036" as "183036" or "l83036".
      const std::string& w = words[i];
      if (!v && w.size() == 6 && (w[0] == '1' || w[0] == 'l' || w[0] == 'I') &&
          AllDigits(std::string_view(w).substr(1)) &&
          (v = ParseCpt(w.substr(1)))) {
        repaired = true;
      }
    }
    if (v) out.push_back({*v, i, used, repaired});
    i += used - 1;
  }
  return out;
}

// The first date starting at any of `words`.
std::optional<Parsed> FirstDate(const std::vector<std::string>& words,
                                const CivilDate& today) {
  for (size_t i = 0; i < words.size(); ++i) {
    size_t used = 0;
    bool repaired = false;
    if (auto v = ParseDate(words, i, today, &used, &repaired)) {
      return Parsed{*v, i, used, repaired};
    }
  }
  return std::nullopt;
}

std::vector<Parsed> ParseSegment(const std::string& name,
                                 const std::vector<std::string>& words,
                                 const CivilDate& today, const MrnShape& mrn) {
  std::vector<Parsed> out;
  if (name == field::kPatientName || name == kSubscriberName) {
    if (auto v = NormaliseName(words)) {
      out.push_back({*v, 0, std::min<size_t>(words.size(), 3)});
    }
  } else if (name == kFirstNamePart || name == kLastNamePart) {
    if (auto v = NormaliseNamePart(words, name == kFirstNamePart)) {
      out.push_back({*v, 0, 1});
    }
  } else if (name == field::kDob || name == kSubscriberDob ||
             name == field::kServiceDate) {
    if (auto date = FirstDate(words, today)) out.push_back(*date);
    // "03141962" under a DOB label, "03 14 1962" in a form's date boxes:
    // only the label makes them a date.
    if (out.empty() && !words.empty() && words[0].size() == 8) {
      if (auto v = ParseDateText(words[0], today)) out.push_back({*v, 0, 1});
    }
    if (out.empty()) {
      if (auto v = ParseDateBoxes(words, today)) out.push_back({*v, 0, 3});
    }
  } else if (name == field::kMrn) {
    bool repaired = false;
    std::optional<std::string> v;
    if (auto id = ParseIdentifier(words)) v = mrn.Read(*id, &repaired);
    // "MRO07 1028": a run of digits OCR split off, where the part before
    // it is no MRN of the site's shape.
    if (!v) {
      if (auto id = ParseIdentifier(words, /*join_digit_run=*/true)) {
        v = mrn.Read(*id, &repaired);
      }
    }
    if (v) out.push_back({*v, 0, 1, repaired});
  } else if (name == field::kMemberId || name == field::kGroupNumber) {
    // A member ID has kMinMemberId characters or more: "BlueRidge Health
    // Plan 615 555-0198" is a letterhead's phone number after a payer's
    // name read as "Health Plan ID" (held-out seed 1153's EOB).
    if (auto v = ParseIdentifier(words, /*join_digit_run=*/true);
        v && (name == field::kGroupNumber || v->size() >= kMinMemberId)) {
      // A Medicare ID's 0 read as O: an MBI holds no O; nor does a group
      // number's prefix end in one.
      std::optional<std::string> fixed =
          name == field::kMemberId ? RepairMbi(*v) : RepairGroupNumber(*v);
      out.push_back({fixed.value_or(*v), 0, 1, fixed.has_value()});
    }
  } else if (name == field::kIcd10) {
    // Each piece of a glued word is parsed as a word of its own, a code
    // split in two as one; what it reads is placed at the words it came
    // from.
    std::vector<std::string> pieces;
    std::vector<size_t> from, span;
    for (size_t i = 0; i < words.size(); ++i) {
      std::optional<std::string> joined = JoinSplitCode(words, i);
      for (std::string& p : SplitGluedCodes(joined ? *joined : words[i])) {
        pieces.push_back(std::move(p));
        from.push_back(i);
        span.push_back(joined ? 2 : 1);
      }
      if (joined) ++i;
    }
    for (Parsed& p : ParseCodes(name, pieces)) {
      p.count = span[p.first];
      p.first = from[p.first];
      out.push_back(std::move(p));
    }
  } else {
    out = ParseCodes(name, words);
  }
  return out;
}

class PageScanner {
 public:
  PageScanner(const PageLines& page, const CivilDate& today,
              const MrnShape& mrn, std::vector<FieldHit>* hits)
      : page_(page), today_(today), mrn_(mrn), hits_(hits) {
    for (const Line& line : page.lines) {
      matches_.push_back(FindLabels(line));
      consumed_.emplace_back(line.tokens.size(), false);
      is_label_.emplace_back(line.tokens.size(), false);
      for (const LabelMatch& m : matches_.back()) {
        for (size_t i = m.begin; i < m.end; ++i) {
          is_label_.back()[i] = consumed_.back()[i] = true;
        }
      }
    }
  }

  void Run() {
    MarkOtherPersonSections();
    FindSignatureBlock();
    TakeUnsureDosForDob();
    for (size_t l = 0; l < page_.lines.size(); ++l) {
      for (size_t k = 0; k < matches_[l].size(); ++k) ScanLabel(l, k);
    }
    for (size_t l = 0; l < page_.lines.size(); ++l) {
      ScanServiceLine(l);
      ScanLetteredCodes(l);
      ScanPatterns(l);
    }
  }

 private:
  // Tokens right of match k up to the next label, in groups split at column
  // gaps ("A. E11.9   B. I10"). The gap between label and value is free.
  std::vector<std::vector<size_t>> SameLine(size_t l, size_t k) const {
    const Line& line = page_.lines[l];
    size_t end = k + 1 < matches_[l].size() ? matches_[l][k + 1].begin
                                            : line.tokens.size();
    std::vector<std::vector<size_t>> groups;
    for (size_t i = matches_[l][k].end; i < end; ++i) {
      if (groups.empty() ||
          (!groups.back().empty() &&
           IsColumnBreak(line.tokens[i - 1], line.tokens[i]))) {
        groups.emplace_back();
      }
      groups.back().push_back(i);
    }
    return groups;
  }

  // The label's column: from just left of the label to the next column (or
  // label) of the label's line.
  // Returns the label's line's word its cell starts with.
  size_t Column(size_t l, size_t k, int* left, int* right) const {
    const Line& line = page_.lines[l];
    const LabelMatch& m = matches_[l][k];
    // The label's cell starts where its run of words does ("24. A. DATE(S)
    // OF SERVICE"); values may start a little left of it.
    // A row of labels set with plain spaces ("Full Name DOB Med Rec #
    // Date Seen"): the cell ends at the field label before it (a stop
    // label before it may be its own: "Insured's Group Number").
    auto field_label = [&](size_t i) {
      return std::any_of(matches_[l].begin(), matches_[l].end(),
                         [&](const LabelMatch& o) {
                           return !o.field.empty() && o.begin <= i && i < o.end;
                         });
    };
    size_t cell = m.begin;
    while (cell > 0 && !field_label(cell - 1) &&
           !IsColumnBreak(line.tokens[cell - 1], line.tokens[cell])) {
      --cell;
      // "10. IS PATIENT'S CONDITION 11. INSURED'S POLICY GROUP": a box
      // starts at its number.
      if (IsBoxNumber(line.tokens[cell])) break;
    }
    // A box number heads its label however far it is set off ("11.   Group
    // Number"): its value is printed under the number. So does "11." read
    // as two strokes without its period ("TT   Insured's Group Number").
    if (cell > 0 && (IsBoxNumber(line.tokens[cell - 1]) ||
                     IsBoxNumberReadAsStrokes(line.tokens[cell - 1]))) {
      --cell;
    }
    // Margins of its words' height: a header wrapped onto two lines
    // (JoinWrappedHeaders) spans both, and twice its span reached over
    // the name's second word under "NAME" to the next label, "DOB"
    // (held-out seed 1019's referral).
    int h = 1;
    for (const Token& t : line.tokens) h = std::max(h, t.h);
    h = std::min(h, line.height());
    *left = line.tokens[cell].x - 2 * h;
    if (cell > 0) *left = std::max(*left, line.tokens[cell - 1].right());
    // It ends where the next cell's values may start: as little left of
    // its label ("Member ID   Group Number" over "MBR7428015977   4718862",
    // the group number a pixel left of its label).
    *right = INT_MAX;
    for (size_t i = m.end; i < line.tokens.size(); ++i) {
      // The next box's number starts its cell: "3. BIRTH DATE / 4. NAME".
      const bool next_box = IsBoxNumber(line.tokens[i]) &&
                            i + 1 < line.tokens.size() && is_label_[l][i + 1];
      if (IsColumnBreak(line.tokens[i - 1], line.tokens[i]) ||
          is_label_[l][i] || next_box) {
        *right = std::max(line.tokens[i].x - 2 * h, line.tokens[i - 1].right());
        break;
      }
    }
    return cell;
  }

  // Whether line r holds a label in the column [left, right).
  bool LabelInColumn(size_t r, int left, int right) const {
    const Line& line = page_.lines[r];
    for (size_t i = 0; i < line.tokens.size(); ++i) {
      const int x = line.tokens[i].x;
      if (is_label_[r][i] && x >= left && x < right) return true;
    }
    return false;
  }

  // Whether the line's first words in [left, right) close a parenthesis:
  // the rest of a description wrapped from the line above.
  static bool WrappedNote(const Line& line, int left, int right) {
    for (const Token& t : line.tokens) {
      if (t.x < left) continue;
      if (t.x >= right || t.text.find('(') != std::string::npos) return false;
      if (t.text.find(')') != std::string::npos) return true;
    }
    return false;
  }

  // Whether the line's words in [left, right) end a label the box's width
  // wrapped: "11. INSURED'S POLICY GROUP OR FECA" over "NUMBER", "3.
  // PATIENT'S BIRTH DATE /" over "SEX". One to three words without a
  // digit, in capitals (or "Number", "No.", "ID" alone); only under fields
  // whose values have digits (not names).
  static bool WrappedLabelEnd(const Line& line, int left, int right) {
    std::vector<const Token*> words;
    for (const Token& t : line.tokens) {
      if (t.x >= left && t.x < right) words.push_back(&t);
    }
    if (words.empty() || words.size() > 3) return false;
    if (words.size() == 1 && (words[0]->key == "number" ||
                              words[0]->key == "no" || words[0]->key == "id")) {
      return true;
    }
    return std::all_of(words.begin(), words.end(), [](const Token* t) {
      return t->key.size() >= 2 &&
             std::none_of(t->text.begin(), t->text.end(), [](char c) {
               return std::isdigit(static_cast<unsigned char>(c)) ||
                      std::islower(static_cast<unsigned char>(c));
             });
    });
  }

  // Rows of tokens under the label, in its column.
  std::vector<std::pair<size_t, std::vector<size_t>>> Below(
      size_t l, size_t k, size_t max_rows) const {
    const Line& line = page_.lines[l];
    const LabelMatch& m = matches_[l][k];
    int left = 0, right = 0;
    const size_t cell = Column(l, k, &left, &right);
    const int cell_x = line.tokens[cell].x;
    // The label's cell starts its line or stands apart from the words
    // before it.
    const bool cell_apart =
        cell == 0 || IsColumnBreak(line.tokens[cell - 1], line.tokens[cell]);
    const int before_cell = cell == 0 ? INT_MIN : line.tokens[cell - 1].right();
    const int label_x = line.tokens[m.begin].x;
    bool unlabelled_left = false;
    for (size_t i = 0; i < m.begin; ++i) {
      const Token& t = line.tokens[i];
      unlabelled_left |= t.x >= cell_x && !IsBoxNumber(t) && !is_label_[l][i];
    }
    const bool list = IsListField(m.field);
    const bool name_like = IsNameField(m.field);
    // "2. PATIENT'S NAME (Last Name, First Name, Middle" over "Initial)":
    // a description in parentheses the box's width wrapped.
    int open = 0;
    for (size_t i = m.end; i < line.tokens.size(); ++i) {
      if (line.tokens[i].x >= right) break;
      for (char c : line.tokens[i].text) open += (c == '(') - (c == ')');
    }
    std::vector<std::pair<size_t, std::vector<size_t>>> rows;
    int prev_bottom = line.bottom;
    for (size_t r = l + 1; r < page_.lines.size() && rows.size() < max_rows;
         ++r) {
      const Line& below = page_.lines[r];
      if (below.top - prev_bottom > 3 * std::max(line.height(), below.height()))
        break;
      if ((open > 0 && WrappedNote(below, left, right)) ||
          (rows.empty() && r == l + 1 && !name_like &&
           WrappedLabelEnd(below, left, right))) {
        open = 0;
        prev_bottom = below.bottom;
        continue;
      }
      std::vector<size_t> cells;
      bool labels = false;  // the row holds labels: the column ends with it
      bool spill = false;   // the run of words before reaches in from the left
      for (size_t i = 0; i < below.tokens.size(); ++i) {
        int x = below.tokens[i].x;
        // "Plan  ID#" over "Medicare Part B  9HV1X98RA91": a word wholly
        // left of the label's cell that a run of words from the cell before
        // reaches into is that cell's.
        spill = below.tokens[i].right() <= cell_x && i > 0 &&
                (below.tokens[i - 1].x < left || spill) &&
                !IsColumnBreak(below.tokens[i - 1], below.tokens[i]);
        // "Insured's ID Number" starting its line over "007948692" set in
        // a larger face further left: a row's word that stands apart from
        // the words before it, reaching well into the cell of a label with
        // nothing near it on the left, is its value. So under a box whose
        // number was lost ("11." not read before "Insured's Group Number":
        // generator seed 7272's claim).
        const bool overhang =
            x < left && x >= before_cell && cell_apart &&
            (i == 0 || IsColumnBreak(below.tokens[i - 1], below.tokens[i])) &&
            below.tokens[i].right() > cell_x + line.height();
        if ((x < left && !overhang) || x >= right || (spill && cells.empty())) {
          continue;
        }
        // A code list's rows may be sentences: a label's word inside one,
        // in lower case or after a clause's ',' or ';' ("inpatient care at
        // the hospital (99223); Hospital discharge (99238)"), ends nothing.
        // A row of labels is capitalised ("244. DOS POS CPT").
        const Token& prev = below.tokens[i > 0 ? i - 1 : 0];
        const bool in_sentence =
            list && i > 0 && !is_label_[r][i - 1] &&
            !IsColumnBreak(prev, below.tokens[i]) &&
            (std::islower(
                 static_cast<unsigned char>(below.tokens[i].text[0])) ||
             prev.text.back() == ';' || prev.text.back() == ',');
        if (is_label_[r][i] && !in_sentence) {  // the next row of labels
          // A box number before the label is the label's ("24A. DOS").
          while (!cells.empty() && IsBoxNumber(below.tokens[cells.back()]))
            cells.pop_back();
          labels = true;
          break;
        }
        // A name is one run of words: what stands apart from it in the
        // column is something else (a mark read as "ier", the next box's
        // value where the label row was damaged). Codes are read one by
        // one, wherever they stand.
        if (name_like && !cells.empty() &&
            IsColumnBreak(below.tokens[cells.back()], below.tokens[i])) {
          break;
        }
        cells.push_back(i);
      }
      if (cells.empty()) {
        if (LabelInColumn(r, left, right)) break;
        continue;
      }
      // "PRIMARY INSURANCE  ID#" over "Evergreen Assurance Co.  W459750825":
      // a label after other words of its cell reads the run of words below
      // that starts under it, where one does (held-out seed 751).
      if (label_x > cell_x + line.height()) {
        for (size_t c = 1; c < cells.size(); ++c) {
          const Token& t = below.tokens[cells[c]];
          if (IsColumnBreak(below.tokens[cells[c - 1]], t) &&
              std::abs(t.x - label_x) <= line.height()) {
            cells.erase(cells.begin(), cells.begin() + c);
            break;
          }
        }
      }
      // "Sex at Birth  Medical Record Number" over "M  MRO019550": a cell
      // reaching left over words that are no label's holds their values
      // too; a value wholly left of the label, a column apart from the
      // next, is theirs (held-out seed 647).
      while (!list && unlabelled_left && cells.size() >= 2 &&
             below.tokens[cells[0]].right() < label_x &&
             IsColumnBreak(below.tokens[cells[0]], below.tokens[cells[1]])) {
        cells.erase(cells.begin());
      }
      rows.emplace_back(r, std::move(cells));
      prev_bottom = below.bottom;
      if (labels) break;
    }
    return rows;
  }

  // Whether the groups after a label are one parenthesised note.
  bool IsNote(size_t l, const std::vector<std::vector<size_t>>& groups) const {
    if (groups.size() != 1 || groups[0].empty()) return false;
    const Line& line = page_.lines[l];
    return line.tokens[groups[0].front()].text.front() == '(' &&
           line.tokens[groups[0].back()].text.back() == ')';
  }

  // The tokens just above the label in its column, for a label printed
  // under its line ("Daniel Rivera" typed over a rule, "Patient Name" under
  // it): the line above, when it holds no label there, and the line above it
  // no label aligned with this one (then the line is the value of a row of
  // labels above it).
  std::vector<size_t> Above(size_t l, size_t k) const {
    if (l == 0) return {};
    const Line& line = page_.lines[l];
    const Line& above = page_.lines[l - 1];
    if (line.top - above.bottom > 2 * std::max(line.height(), above.height()))
      return {};
    int left = 0, right = 0;
    Column(l, k, &left, &right);
    if (LabelInColumn(l - 1, left, right)) return {};
    // Labelled rows under it: a heading over them ("PATIENT" over "PATIENT
    // NAME Robert B. Ferraro"), not a label under its rule.
    if (l + 1 < page_.lines.size() && LabelInColumn(l + 1, left, right)) {
      return {};
    }
    if (l >= 2) {
      const int x = line.tokens[matches_[l][k].begin].x;
      const int h = line.height();
      if (LabelInColumn(l - 2, x - h, x + h)) return {};
      // Nor a row of labelled cells one of which OCR did not read as a
      // label ("Full Name  bos" over "Nadia Eastwick  09/28/1981" over "MRN
      // Visit Date", generator seed 6464): a cell of it starts over this
      // label.
      const Line& top = page_.lines[l - 2];
      bool labels = false, cells = false, over = false;
      for (size_t i = 0; i < top.tokens.size(); ++i) {
        const bool starts =
            i == 0 || IsColumnBreak(top.tokens[i - 1], top.tokens[i]);
        labels |= is_label_[l - 2][i];
        cells |= i > 0 && starts;
        over |= starts && std::abs(top.tokens[i].x - x) <= h;
      }
      if (labels && cells && over) return {};
    }
    std::vector<size_t> cells;
    for (size_t i = 0; i < above.tokens.size(); ++i) {
      const int x = above.tokens[i].x;
      if (x < left || x >= right || consumed_[l - 1][i]) continue;
      if (!cells.empty() &&
          IsColumnBreak(above.tokens[cells.back()], above.tokens[i])) {
        break;
      }
      cells.push_back(i);
    }
    return cells;
  }

  // Parses `cells` of line r as `name`; records hits and returns how many.
  size_t Take(const std::string& name, size_t r,
              const std::vector<size_t>& cells, double base) {
    const Line& line = page_.lines[r];
    // "Ashford, GA 78287" over a fax's group label, the city a column left
    // of it: an address is no identifier.
    if ((name == field::kMrn || name == field::kMemberId ||
         name == field::kGroupNumber) &&
        cells.size() >= 2 && cells.front() > 0 &&
        IsCityStateZip(line.tokens[cells.front() - 1].text,
                       line.tokens[cells[0]].text,
                       line.tokens[cells[1]].text)) {
      return 0;
    }
    std::vector<std::string> words;
    for (size_t i : cells) words.push_back(line.tokens[i].text);
    std::vector<Parsed> parsed = ParseSegment(name, words, today_, mrn_);
    for (const Parsed& p : parsed) {
      double ocr = 0;
      size_t n = std::min(p.count, cells.size() - p.first);
      for (size_t i = 0; i < n; ++i) {
        ocr += line.tokens[cells[p.first + i]].confidence;
      }
      ocr = n > 0 ? ocr / n : 1.0;
      double conf = base * ocr * (p.repaired ? kRepaired : 1.0);
      hits_->push_back({name, p.value, std::clamp(conf, 0.0, 1.0), page_.page,
                        static_cast<int>(r), line.tokens[cells[p.first]].x,
                        p.repaired});
    }
    if (!parsed.empty()) {
      for (size_t i : cells) consumed_[r][i] = true;
    }
    return parsed.size();
  }

  // `cells` of row `r` under a label of `name`; under a CPT column, in a
  // service line (its date first), up to the first code and the codes
  // right after it: a line bills one code (two side by side are two lines
  // a skewed scan read as one), and a header row whose labels stand a word
  // space apart gives the CPT label the cells under Mod and Charges too
  // ("01/09/2024 11 99213 25 A 11000": the charge 110.00 with its point
  // lost; generator seed 9292).
  std::vector<size_t> ServiceLineCode(std::string_view name, size_t r,
                                      std::vector<size_t> cells) const {
    const std::vector<Token>& t = page_.lines[r].tokens;
    if (name != field::kCpt || t.empty() || !DateShaped(t[0].text)) {
      return cells;
    }
    auto code = [&](size_t i) { return ParseCpt(t[i].text).has_value(); };
    auto end = std::find_if(cells.begin(), cells.end(), code);
    while (end != cells.end() && code(*end)) ++end;
    cells.erase(end, cells.end());
    return cells;
  }

  // "office/outpatient visit (CPT" ending a line of prose, "99204)." the
  // next: a code label opened in parentheses whose code wrapped.
  bool WrappedInParentheses(size_t l, const LabelMatch& m) const {
    const Line& line = page_.lines[l];
    if (m.end != line.tokens.size() ||
        !line.tokens[m.begin].text.starts_with('(') ||
        l + 1 >= page_.lines.size() || page_.lines[l + 1].tokens.empty()) {
      return false;
    }
    std::string_view next = page_.lines[l + 1].tokens[0].text;
    if (!next.empty() && (next.back() == '.' || next.back() == ','))
      next.remove_suffix(1);
    return next.ends_with(')');
  }

  // "was seen on" ending a line of prose, "February 19, 2024 for ..." the
  // next: the tokens of the next line that spell the date a prose date
  // label wrapped away from; none where it is no such label or no date
  // starts that line.
  std::vector<size_t> WrappedProseDate(size_t l, const LabelMatch& m) const {
    const Line& line = page_.lines[l];
    if (m.field != field::kServiceDate || m.end != line.tokens.size() ||
        m.begin == 0 ||
        IsColumnBreak(line.tokens[m.begin - 1], line.tokens[m.begin]) ||
        l + 1 >= page_.lines.size()) {
      return {};
    }
    const Line& next = page_.lines[l + 1];
    std::vector<std::string> words;
    for (size_t i = 0; i < next.tokens.size() && i < 3; ++i)
      words.push_back(next.tokens[i].text);
    size_t used = 0;
    bool repaired = false;
    if (words.empty() || next.tokens[0].x > line.tokens[0].x + line.height() ||
        !ParseDate(words, 0, today_, &used, &repaired)) {
      return {};
    }
    std::vector<size_t> cells(used);
    for (size_t i = 0; i < used; ++i) cells[i] = i;
    return cells;
  }

  // True when every token of `cells` is a code of `name` or a short item
  // marker ("B.", "2)"): "A. E11.9   B. I10" reads on, but a ZIP code in
  // the address column after "CPT: 99213" does not.
  bool OnlyCodes(const std::string& name, size_t l,
                 const std::vector<size_t>& cells) const {
    for (size_t i : cells) {
      const Token& t = page_.lines[l].tokens[i];
      bool marker =
          t.key.size() <= 2 && (t.key.empty() || t.text.back() == '.' ||
                                t.text.back() == ')' || t.text.back() == ':');
      if (!marker && ParseSegment(name, {t.text}, today_, mrn_).empty())
        return false;
    }
    return true;
  }

  // A short heading line ("EMERGENCY CONTACT", "Guarantor Information")
  // starts a section about someone else: its generic "Name:" and "DOB:"
  // are not the patient's. Any other heading ends it; a row of box labels
  // ("Name  Relationship") is not a heading, nor is a line of marks and
  // single letters OCR read from a box's edge (". a").
  void MarkOtherPersonSections() {
    bool other = false;
    for (size_t l = 0; l < page_.lines.size(); ++l) {
      const Line& line = page_.lines[l];
      bool heading =
          !line.tokens.empty() && line.tokens.size() <= 4 &&
          std::none_of(matches_[l].begin(), matches_[l].end(),
                       [](const LabelMatch& m) { return !m.field.empty(); });
      bool qualifier = false, word = false;
      for (const Token& t : line.tokens) {
        word |= t.key.size() >= 2;
        // A lone mark or digit is read from the band or box around a
        // heading ("Emergency Contact 3 5"), not a value.
        if (t.text.size() == 1) continue;
        if (t.text.find(':') != std::string::npos || HasDigit(t.text)) {
          heading = false;
        }
        qualifier |= IsOtherPerson(t.key);
      }
      if (heading && word) other = qualifier;
      other_person_.push_back(other);
    }
  }

  // The first line with a signature on it ("Signature of Patient", "Signed
  // electronically"), or in the page's second half a clinician's name and
  // credential alone under the scrawl ("Imani P. Ferraro, MD"): a consent's
  // or a note's signing block starts there.
  void FindSignatureBlock() {
    for (size_t l = 0; l < page_.lines.size(); ++l) {
      for (const Token& t : page_.lines[l].tokens) {
        if (t.key == "signature" || t.key == "signed") {
          signed_from_ = l;
          return;
        }
      }
      if (l >= page_.lines.size() / 2 && SignedName(page_.lines[l])) {
        signed_from_ = l;
        return;
      }
    }
  }

  // "Imani P. Ferraro, MD", "Luis Mbeki, FNP-BC": a name, then a
  // clinician's credential, alone on its line.
  static bool SignedName(const Line& line) {
    static const std::set<std::string> kCredentials = {
        "md", "do", "np", "pac", "fnpbc", "fnp", "dnp", "aprn", "rn", "pa"};
    const std::vector<Token>& t = line.tokens;
    if (t.size() < 3 || kCredentials.count(t.back().key) == 0 ||
        t[t.size() - 2].text.back() != ',') {
      return false;
    }
    return std::all_of(t.begin(), t.end() - 1, [](const Token& w) {
      return std::isupper(static_cast<unsigned char>(w.text[0])) &&
             std::all_of(w.text.begin() + 1, w.text.end(), [](char c) {
               return std::isalpha(static_cast<unsigned char>(c)) || c == '.' ||
                      c == ',' || c == '-' || c == '\'';
             });
    });
  }

  // True when nothing but labels and a box number ("11.", "1a.") precede
  // label k in its cell.
  bool StartsItsCell(size_t l, size_t k) const {
    const Line& line = page_.lines[l];
    for (size_t i = matches_[l][k].begin; i > 0; --i) {
      const Token& t = line.tokens[i - 1];
      if (IsColumnBreak(t, line.tokens[i])) break;
      if (is_label_[l][i - 1] || t.key.empty()) continue;
      if (!IsBoxNumber(t) && !IsBoxNumberReadAsStrokes(t)) return false;
    }
    return true;
  }

  // "DOB" read "DOS" (.68, in capitals under a prescription's name) or
  // "dos" (.23; severe scans), "D.O.B." read "Dos" (.69, a fax; generator
  // seeds 7878 and 8080): one letter apart, and the birth date went to the
  // service date. On a page with no birth-date label, a "DOS" read below
  // kSureDosLabel on the patient name label's line or within two lines
  // under it is the birth date's label, but in a row of a service table's
  // column labels ("Dos" .72 heading an EOB's service lines under its
  // member's name, held-out seeds 1091 and 1117). Two lines under it, a
  // row's label under the name's, not where the name's line holds a date
  // beside the name: that date is the birth date, its label unread ("Name
  // BOB" over "Preston O'Hara   Sep 28, 2006", generator seed 11616's fax),
  // and the DOS the visit's.
  void TakeUnsureDosForDob() {
    std::vector<size_t> name_lines;
    for (size_t l = 0; l < matches_.size(); ++l) {
      for (const LabelMatch& m : matches_[l]) {
        if (m.field == field::kDob) return;
        if (m.field == field::kPatientName) name_lines.push_back(l);
      }
    }
    for (size_t l = 0; l < matches_.size(); ++l) {
      const bool near_name =
          std::any_of(name_lines.begin(), name_lines.end(), [&](size_t n) {
            if (l < n || l > n + 2) return false;
            if (l < n + 2) return true;
            const Line& names = page_.lines[n + 1];
            return !FirstDate(FirstWords(names, names.tokens.size()), today_);
          });
      // "Dos CPT Description Billed": a table of service lines.
      const bool service_table = std::any_of(
          matches_[l].begin(), matches_[l].end(),
          [](const LabelMatch& m) { return m.field == field::kCpt; });
      if (!near_name || service_table) continue;
      for (LabelMatch& m : matches_[l]) {
        const Token& t = page_.lines[l].tokens[m.begin];
        if (m.field == field::kServiceDate && t.key == "dos" &&
            t.confidence < kSureDosLabel) {
          m.field = field::kDob;
        }
      }
    }
  }

  // "Name   Birth Date" over "Marchetti, Esme   May 17, 2004": a row of
  // labels over their values, its second label damaged past reading
  // ("Sirth Oate", "Sith Dale" off a severe scan and a fax; generator seeds
  // 7878 and 7979). True where label k has no colon and its line goes on,
  // past a column gap, in words read unsurely (`same`) without a comma, and
  // the next line sets a word that is no label under the label and another
  // under those words: the label heads a column, and those words are a
  // label's.
  bool HeadsLabelRow(size_t l, size_t k,
                     const std::vector<std::vector<size_t>>& same) const {
    const Line& line = page_.lines[l];
    const LabelMatch& m = matches_[l][k];
    if (m.colon || same.empty() || l + 1 >= page_.lines.size()) return false;
    // The label heads its cell, but for a word OCR damaged beyond reading
    // as a label ("Tot Name" for Last Name off a fax; generator seed 8383):
    // not a word in the middle of a sentence.
    size_t cell = m.begin;
    while (cell > 0 &&
           !IsColumnBreak(line.tokens[cell - 1], line.tokens[cell])) {
      --cell;
    }
    if (m.begin - cell > 1) return false;
    const std::vector<size_t>& words = same.front();
    const Token& first = line.tokens[words.front()];
    // "Castellano, Rafael" read unsurely is a name still: no label has a
    // comma.
    if (!IsColumnBreak(line.tokens[words.front() - 1], first) ||
        std::all_of(words.begin(), words.end(),
                    [&](size_t i) {
                      return line.tokens[i].confidence >= kSureLabelRowWord;
                    }) ||
        std::any_of(words.begin(), words.end(), [&](size_t i) {
          return line.tokens[i].text.find(',') != std::string::npos;
        })) {
      return false;
    }
    const Line& next = page_.lines[l + 1];
    if (next.top - line.bottom > 2 * line.height()) return false;
    // Under the label a value, not the next label ("Home Address: 7544
    // Sparrow St" under "Patient   Brandt-Ellis. Viktor").
    const int slack = line.height();
    bool under_label = false, under_words = false;
    for (size_t i = 0; i < next.tokens.size(); ++i) {
      const Token& t = next.tokens[i];
      if (t.x < first.x - slack) {
        if (is_label_[l + 1][i] || t.EndsWithColon()) return false;
        under_label |= std::abs(t.x - line.tokens[cell].x) <= slack;
      } else {
        under_words |= t.x <= first.x + slack;
      }
    }
    return under_label && under_words;
  }

  // Label `k` of line `l` is one word alone in its cell, a line below
  // another: what a narrow box wraps onto a line of its own.
  bool WrappedWordAlone(size_t l, size_t k) const {
    const Line& line = page_.lines[l];
    const LabelMatch& m = matches_[l][k];
    return l > 0 && m.end == m.begin + 1 && StartsItsCell(l, k) &&
           (m.end == line.tokens.size() ||
            IsColumnBreak(line.tokens[m.begin], line.tokens[m.end]));
  }

  // "11c. INSURANCE PLAN" over "NAME": a narrow box that wrapped its
  // label's last word, a bare "Name" alone in its cell under the box's
  // number. The word is that label's. So is a "NAME" under a column label
  // about someone else ("INSURED'S" over "NAME" in a table's header row,
  // held-out seed 1367) that has no value beside it: nothing after it in
  // its line, or the next column's label.
  bool WrappedStopLabel(size_t l, size_t k) const {
    const Line& line = page_.lines[l];
    const LabelMatch& m = matches_[l][k];
    if (!WrappedWordAlone(l, k) || line.tokens[m.begin].key != "name") {
      return false;
    }
    const Line& above = page_.lines[l - 1];
    const int x = line.tokens[m.begin].x;
    const std::vector<LabelMatch>& labels = matches_[l - 1];
    for (size_t j = 0; j < labels.size(); ++j) {
      const LabelMatch& a = labels[j];
      if (!a.field.empty()) continue;
      const Token* before = a.begin > 0 ? &above.tokens[a.begin - 1] : nullptr;
      if (before != nullptr && IsBoxNumber(*before) &&
          std::abs(before->x - x) <= line.height()) {
        return true;
      }
      if (!a.colon &&
          (before == nullptr ||
           IsColumnBreak(*before, above.tokens[a.begin])) &&
          OwnsTheNameUnder(l - 1, j, x, line.height())) {
        return true;
      }
    }
    return false;
  }

  // Stop label `j` of line `l` names another person ("INSURED'S",
  // "GUARANTOR"), starts at `x` and ends its cell with no value after it.
  bool OwnsTheNameUnder(size_t l, size_t j, int x, int slack) const {
    const std::vector<Token>& t = page_.lines[l].tokens;
    const LabelMatch& a = matches_[l][j];
    if (std::abs(t[a.begin].x - x) > slack ||
        !IsOtherPerson(t[a.end - 1].key)) {
      return false;
    }
    if (a.end == t.size()) return true;
    return IsColumnBreak(t[a.end - 1], t[a.end]) &&
           j + 1 < matches_[l].size() && matches_[l][j + 1].begin == a.end;
  }

  // "E. Dx" over "Ptr": a claim's service-line column of diagnosis pointers
  // (box 24E, letters A-L), no diagnosis; its header's next words read
  // badly ("E. Dx F. $" as "E. Dx E333") are no code.
  bool PointerColumn(size_t l, size_t k) const {
    const Line& line = page_.lines[l];
    const LabelMatch& m = matches_[l][k];
    if (line.tokens[m.begin].key != "dx" || l + 1 >= page_.lines.size()) {
      return false;
    }
    const int x = line.tokens[m.begin].x;
    for (const Token& t : page_.lines[l + 1].tokens) {
      if ((t.key == "ptr" || t.key == "pointer") &&
          std::abs(t.x - x) <= 4 * line.height()) {
        return true;
      }
    }
    return false;
  }

  // "RIVERSIDE PHYSICIANS" over "GROUP": a practice's name that a narrow
  // box wrapped before its last word, a bare "Group" alone in its cell
  // under the name's words. The word is the name's, no group number label.
  bool WrappedPracticeName(size_t l, size_t k) const {
    static const std::set<std::string> kPractice = {
        "physicians", "physician",  "medical",   "health",    "healthcare",
        "care",       "family",     "specialty", "practice",  "surgical",
        "surgery",    "orthopedic", "pediatric", "radiology", "imaging",
        "cardiology", "associates", "partners",  "clinical",  "dental"};
    const Line& line = page_.lines[l];
    const LabelMatch& m = matches_[l][k];
    // A period after it ("GROUP.", held-out seed 443) ends the name; a
    // colon makes it a label. A name spells the word out: "GRP" under an
    // insurer "Harborview Health Partners" is a label (generator seed
    // 5353).
    if (line.tokens[m.begin].key != "group" || !WrappedWordAlone(l, k) ||
        line.tokens[m.begin].text.find_first_of(":;") != std::string::npos) {
      return false;
    }
    const int x = line.tokens[m.begin].x;
    // The line above in its column: the one before, or the one before that
    // where a line of the next column to the left came between ("LINDA
    // BROWN MD" beside box 32's cell).
    for (size_t n = 1; n <= 2 && n <= l; ++n) {
      const std::vector<Token>& above = page_.lines[l - n].tokens;
      for (size_t i = 0; i < above.size(); ++i) {
        if (std::abs(above[i].x - x) > line.height()) continue;
        size_t last = i;
        while (last + 1 < above.size() &&
               !IsColumnBreak(above[last], above[last + 1])) {
          ++last;
        }
        return kPractice.count(above[last].key) > 0;
      }
    }
    return false;
  }

  // "26. PATIENT'S ACCOUNT NO." over "7323756594": a numbered box's value
  // under a label no field is read from is still that box's, never an
  // unlabelled NPI or code. `same` are the label's groups on its own line;
  // a value with digits there is the box's value instead.
  void ConsumeBoxValue(size_t l, size_t k,
                       const std::vector<std::vector<size_t>>& same) {
    const Line& line = page_.lines[l];
    const size_t begin = matches_[l][k].begin;
    if (begin == 0 || !IsBoxNumber(line.tokens[begin - 1]) ||
        !StartsItsCell(l, k)) {
      return;
    }
    for (const std::vector<size_t>& group : same) {
      for (size_t i : group) {
        // The next box's number ("27.") is no value.
        if (HasDigit(line.tokens[i].key) && !IsBoxNumber(line.tokens[i])) {
          return;
        }
      }
    }
    // A lone word: "a. 1134325806" under "33. BILLING PROVIDER INFO" is a
    // sub-box's labelled value.
    for (const auto& [r, cells] : Below(l, k, 1)) {
      if (cells.size() == 1) consumed_[r][cells[0]] = true;
    }
  }

  void ScanLabel(size_t l, size_t k) {
    LabelMatch m = matches_[l][k];
    if ((other_person_[l] && m.weight < 1.0 &&
         (IsNameField(m.field) || m.field == field::kDob)) ||
        (IsNameField(m.field) && WrappedStopLabel(l, k)) ||
        (m.field == field::kGroupNumber && WrappedPracticeName(l, k)) ||
        (m.field == field::kIcd10 && PointerColumn(l, k))) {
      m.field.clear();  // someone else's: read as a stop label
    }
    // From the first signature on, a bare "Date:" is a signing date.
    if (m.field == field::kServiceDate && l >= signed_from_ &&
        page_.lines[l].tokens[m.begin].key == "date" &&
        (m.end == m.begin + 1 ||
         page_.lines[l].tokens[m.begin + 1].key.empty())) {
      m.field.clear();
    }
    std::vector<std::vector<size_t>> same = SameLine(l, k);
    if (IsNameField(m.field) && HeadsLabelRow(l, k, same)) {
      for (size_t i : same.front()) consumed_[l][i] = true;
      same.clear();
    }
    bool list = IsListField(m.field);
    // A labelled value is that label's, whatever it parses as: the phone
    // number after "Phone:" is never an unlabelled NPI. A list reads on
    // across columns while each yields codes; anything else stops at the
    // first column.
    size_t taken = 0;
    for (size_t g = 0; g < same.size(); ++g) {
      if (g > 0 && (!list || taken == 0 || !OnlyCodes(m.field, l, same[g])))
        break;
      for (size_t i : same[g]) consumed_[l][i] = true;
      if (m.field.empty()) continue;
      size_t n = Take(m.field, l, same[g], kSameLine * m.weight);
      if (n == 0 && g > 0) break;
      taken += n;
    }
    if (m.field.empty()) {
      ConsumeBoxValue(l, k, same);
      return;
    }
    if (taken > 0) return;
    if (list && WrappedInParentheses(l, m)) {
      Take(m.field, l + 1, {0}, kSameLine * m.weight);
      return;
    }
    if (std::vector<size_t> date = WrappedProseDate(l, m); !date.empty()) {
      Take(m.field, l + 1, date, kSameLine * m.weight);
      return;
    }
    // Identifiers take any word with a digit, so a generic label must head
    // its own cell to read the line below ("Specialty Group" above the
    // street address does not).
    bool identifier = m.field == field::kMrn || m.field == field::kMemberId ||
                      m.field == field::kGroupNumber;
    if (identifier && m.weight < 1.0 && !StartsItsCell(l, k)) return;
    int unread = 0;
    for (const auto& [r, cells] : Below(l, k, list ? kMaxListRows : 1)) {
      // A claim's service line (its date first) ends the codes of box 21
      // whose table header OCR lost: its charge "110.00" is no I10.00.
      if (m.field == field::kIcd10 &&
          DateShaped(page_.lines[r].tokens[cells.front()].text)) {
        break;
      }
      const size_t n = Take(m.field, r, ServiceLineCode(m.field, r, cells),
                            kBelow * m.weight);
      if (n == 0) {
        // "Diagnoses (ICD-10)" over a table headed "Code Description".
        if (m.field == field::kIcd10 && taken == 0 && unread == 0 &&
            IsCodeColumnHeader(page_.lines[r])) {
          ++unread;
          continue;
        }
        if (m.field != field::kCpt || ++unread > kMaxUnreadCptRows) break;
        continue;
      }
      unread = 0;
      taken += n;
      if (m.field == field::kCpt) TakeServiceLineDate(r);
    }
    // A label alone in its cell (but a note: "Patient Name (print)") with
    // nothing under it: a signature block's, under the value typed over its
    // rule.
    if (taken == 0 && !list && (same.empty() || IsNote(l, same)) &&
        StartsItsCell(l, k)) {
      std::vector<size_t> cells = Above(l, k);
      if (!cells.empty()) Take(m.field, l - 1, cells, kAbove * m.weight);
    }
  }

  // A claim's service line starts with its date ("07/22/2025 11 71046 ...",
  // "03 18 22 03 18 22 11 99214"): with a CPT code read in the same row,
  // that date is the date of service even where OCR damaged the column's
  // label ("24A.DO0S"). Weaker than a labelled date, which wins where both
  // are read. Only the page's first service line with a readable date gives
  // it.
  void TakeServiceLineDate(size_t r) {
    if (service_dated_) return;
    const Line& line = page_.lines[r];
    const std::vector<std::string> words = DateWords(line, nullptr);
    size_t used = 0;
    bool repaired = false;
    std::optional<std::string> date =
        ParseDate(words, 0, today_, &used, &repaired);
    // "03 18 22 03 18 22 11 99214": the form's date boxes, from and to;
    // "11172022 11172022": with the spaces between them lost.
    if (!date) date = ParseDateBoxes(words, today_);
    if (!date && !words.empty() && words[0].size() == 8 &&
        AllDigits(words[0])) {
      date = ParseDateText(words[0], today_);
    }
    // "100822 100822 11 99213": both dates' boxes with their spaces lost,
    // each a date.
    auto boxes = [&](std::string_view w) -> std::optional<std::string> {
      if (w.size() < 6 || !AllDigits(w.substr(0, 6))) return std::nullopt;
      return ParseDateText(std::string(w.substr(0, 2)) + "/" +
                               std::string(w.substr(2, 2)) + "/" +
                               std::string(w.substr(4, 2)),
                           today_);
    };
    if (!date && words.size() >= 2 && words[0].size() == 6 && boxes(words[1])) {
      date = boxes(words[0]);
    }
    if (!date || repaired) return;
    AddUnlabelled(field::kServiceDate, *date, kServiceLine, r, line.tokens[0]);
    service_dated_ = true;
  }

  // A service line whose table header OCR garbled past reading, or whose
  // code column a table heads only "Code": a date, then a two-digit place
  // of service and a code ("09/11/2021 11 [71046 1608838458", a claim), or
  // a code and a charge ("2023-10-08 99213 Office visit $160.00", "6 Mar
  // 2025 99214 ...", an EOB).
  // Those together are the line's shape; a ZIP code or a count is never
  // printed so.
  void ScanServiceLine(size_t l) {
    const Line& line = page_.lines[l];
    if (line.tokens.size() < 3) return;
    // Tokens of the date: one date-shaped token, or a date in words ("6 Mar
    // 2025", an EOB's).
    size_t d = 0;
    bool repaired = false;
    std::string glued_code;
    const bool numeric = DateShaped(line.tokens[0].text);
    if (numeric) {
      // A claim's From and To dates ("9/11/23 9/11/23 11 99214", held-out
      // seed 1301's scanned claim).
      d = DateShaped(line.tokens[1].text) ? 2 : 1;
    } else {
      if (!ParseDate(DateWords(line, &glued_code), 0, today_, &d, &repaired) ||
          repaired || (!glued_code.empty() && d != 3)) {
        return;
      }
      if (!glued_code.empty()) --d;  // the code is in the year's word
    }
    if (d + 1 >= line.tokens.size()) return;
    // The place of service: two digits, or its 11 read as "I" or "TL" (a
    // severe scan's claim, generator seed 9292) before a code.
    const std::string_view pos = StripMarks(line.tokens[d].text);
    const bool pos_like =
        !pos.empty() && pos.size() <= 2 &&
        std::all_of(pos.begin(), pos.end(), [](char c) {
          return std::isdigit(static_cast<unsigned char>(c)) ||
                 std::string_view("IlT|L").find(c) != std::string_view::npos;
        });
    const bool placed = glued_code.empty() && (d == 1 || numeric) &&
                        ((pos.size() == 2 && AllDigits(pos)) ||
                         (pos_like && ParseCpt(line.tokens[d + 1].text)));
    const size_t c = placed ? d + 1 : d;
    // A header's date label over the first row claims its whole cell, the
    // code beside the date too: free unless a value was read from it.
    if (consumed_[l][c] && ReadFrom(l, line.tokens[c].x)) return;
    if (!placed && std::none_of(line.tokens.begin() + c + 1, line.tokens.end(),
                                [](const Token& t) { return IsMoney(t.text); }))
      return;
    const Token& code = line.tokens[c];
    std::vector<Parsed> parsed =
        ParseCodes(std::string(field::kCpt),
                   {glued_code.empty() ? code.text : glued_code});
    if (parsed.empty()) return;
    consumed_[l][c] = true;
    AddUnlabelled(field::kCpt, parsed[0].value, kServiceLine, l, code,
                  parsed[0].repaired);
    TakeServiceLineDate(l);
  }

  // The texts of the line's first `n` tokens (fewer on a shorter line).
  static std::vector<std::string> FirstWords(const Line& line, size_t n) {
    std::vector<std::string> words;
    for (size_t i = 0; i < line.tokens.size() && i < n; ++i)
      words.push_back(line.tokens[i].text);
    return words;
  }

  // A service line's first three words, where its date is; a code read
  // glued to a date's year by a dash ("9 Feb 2022-99214", held-out seed
  // 673's EOB) split off into `code` when not null.
  static std::vector<std::string> DateWords(const Line& line,
                                            std::string* code) {
    std::vector<std::string> words = FirstWords(line, 3);
    if (words.size() == 3 && words[2].size() == 10 && words[2][4] == '-' &&
        AllDigits(std::string_view(words[2]).substr(0, 4))) {
      if (code != nullptr) *code = words[2].substr(5);
      words[2].resize(4);
    }
    return words;
  }

  // A value read from token `t` of line l by its shape, no label: its
  // confidence `base` times OCR's, lowered where it was repaired.
  void AddUnlabelled(std::string_view field, std::string value, double base,
                     size_t l, const Token& t, bool repaired = false) {
    hits_->push_back({std::string(field), std::move(value),
                      base * t.confidence * (repaired ? kRepaired : 1),
                      page_.page, static_cast<int>(l), t.x, repaired});
  }

  // Whether a value was read from the token of line l starting at x.
  bool ReadFrom(size_t l, int x) const {
    return std::any_of(hits_->begin(), hits_->end(), [&](const FieldHit& h) {
      return h.page == page_.page && h.line == static_cast<int>(l) && h.x == x;
    });
  }

  // "$160.00", "160.00", "$1,250.00]": a charge, as a table prints one.
  static bool IsMoney(std::string_view text) {
    std::string_view t = StripMarks(text);
    return t.size() >= 4 && t[t.size() - 3] == '.' &&
           std::all_of(t.begin(), t.end(), [](char c) {
             return std::isdigit(static_cast<unsigned char>(c)) || c == '.' ||
                    c == ',';
           });
  }

  // `text` without the marks OCR reads around a table's cells: "}11",
  // "11_", "(06/10/2019".
  static std::string_view StripMarks(std::string_view text) {
    auto mark = [](char c) {
      return !std::isalnum(static_cast<unsigned char>(c)) && c != '/';
    };
    while (!text.empty() && mark(text.front())) text.remove_prefix(1);
    while (!text.empty() && mark(text.back())) text.remove_suffix(1);
    return text;
  }

  // "09/11/2021", "o6/10/2019", "(06/10/2019", "05-25-2022", "2023-10-08":
  // month, day and year digits (or the letters OCR reads for them) between
  // slashes or dashes.
  static bool DateShaped(std::string_view text) {
    std::string_view t = StripMarks(text);
    const char sep = t.find('/') != std::string_view::npos ? '/' : '-';
    int digits[3] = {0, 0, 0};
    size_t part = 0;
    for (char c : t) {
      if (c == sep) {
        if (++part > 2) return false;
      } else if (std::isdigit(static_cast<unsigned char>(c)) || c == 'o' ||
                 c == 'O' || c == 'l' || c == 'I') {
        ++digits[part];
      } else {
        return false;
      }
    }
    if (part != 2) return false;
    auto short_part = [](int n) { return n >= 1 && n <= 2; };
    const bool month_first = short_part(digits[0]) && short_part(digits[1]) &&
                             (digits[2] == 2 || digits[2] == 4);
    const bool iso =
        sep == '-' && digits[0] == 4 && digits[1] == 2 && digits[2] == 2;
    return month_first || iso;
  }

  // Whether one of the `rows` lines above line l holds a diagnosis label.
  bool DiagnosisLabelAbove(size_t l, size_t rows) const {
    for (size_t k = l > rows ? l - rows : 0; k < l; ++k) {
      for (const LabelMatch& m : matches_[k]) {
        if (m.field == field::kIcd10) return true;
      }
    }
    return false;
  }

  // "A. J44.9  B.RO6.02  C. F17.210": a claim's lettered diagnosis list
  // that no label read (a row of other boxes between them). Two item
  // letters and a well-formed code, or an item's dotted code repaired
  // ("A. 148.91 B.110"), make the line a list of codes, as does a line of
  // one item that is I10 or Z23; its items are read as under a diagnosis
  // label.
  void ScanLetteredCodes(size_t l) {
    const Line& line = page_.lines[l];
    int letters = 0;
    bool code = false, after_letter = false, whole = false,
         misread_whole = false;
    for (const Token& t : line.tokens) {
      // "_B.": a fill-in line's underscore before the letter.
      std::string_view text = t.text;
      text.remove_prefix(std::min(text.find_first_not_of('_'), text.size()));
      const bool letter = IsListLetter(std::string(text.substr(0, 2)));
      letters += letter;
      // "C.E78.5": a code glued to its letter.
      const std::string_view item = letter ? text.substr(2) : text;
      code |= ParseIcd10(item, /*labelled=*/false).has_value();
      if (after_letter || (letter && !item.empty())) {
        const auto category = ParseIcd10(item, /*labelled=*/true);
        whole |= category && IsCommonWholeCategory(*category);
        const auto repaired = RepairIcd10(item);
        code |= repaired && item.find('.') != std::string_view::npos;
        misread_whole |= repaired && IsCommonWholeCategory(*repaired);
      }
      after_letter = letter && item.empty();
    }
    // "A. Z23": a list of one item, a whole code after its letter (held-out
    // seed 617's claim); "A. 223", its Z read as 2, only a few lines under
    // a diagnosis label. Box 23's authorization number may share the line,
    // a column away (held-out seed 1373).
    size_t cell = 1;
    while (cell < line.tokens.size() &&
           !IsColumnBreak(line.tokens[cell - 1], line.tokens[cell])) {
      ++cell;
    }
    const bool single = letters == 1 && cell <= 2 &&
                        (whole || (misread_whole && DiagnosisLabelAbove(l, 3)));
    if ((letters < 2 || !code) && !single) return;
    for (const Parsed& p :
         ParseCodes(std::string(field::kIcd10),
                    FirstWords(line, single ? cell : line.tokens.size()))) {
      if (consumed_[l][p.first]) continue;
      consumed_[l][p.first] = true;
      AddUnlabelled(field::kIcd10, p.value, kIcdPattern, l,
                    line.tokens[p.first], p.repaired);
    }
  }

  void ScanPatterns(size_t l) {
    const Line& line = page_.lines[l];
    const size_t coded = CodeFirstItem(l) ? 0 : CodedItem(l);
    std::string paren_code;
    const size_t paren_cpt = ParenCptItem(line, &paren_code);
    for (size_t i = 0; i < line.tokens.size(); ++i) {
      if (consumed_[l][i]) continue;
      const Token& t = line.tokens[i];
      bool repaired = false;
      std::optional<std::string> icd;
      if (auto npi = ParseNpi(t.text, &repaired)) {
        AddUnlabelled(field::kNpi, *npi, kNpiPattern, l, t, repaired);
      } else if (i + 1 < line.tokens.size() && !consumed_[l][i + 1] &&
                 (icd = SplitInParentheses(t.text, line.tokens[i + 1].text))) {
        AddUnlabelled(field::kIcd10, *icd, kIcdPattern, l, t, true);
        ++i;
      } else if (i + 1 < line.tokens.size() && !consumed_[l][i + 1] &&
                 (icd = SplitBeforeItsDot(t.text, line.tokens[i + 1].text))) {
        AddUnlabelled(field::kIcd10, *icd, kIcdPattern, l, t);
        ++i;
      } else if ((icd = ParseIcd10(t.text, /*labelled=*/false))) {
        AddUnlabelled(field::kIcd10, *icd, kIcdPattern, l, t);
      } else if (IsParenDotted(t.text) && (icd = RepairIcd10(t.text)) &&
                 (ParenCodes(l) ||
                  (PrintedCategory(t.text) &&
                   (*icd)[0] == (t.text[1] == '$' ? 'S' : t.text[1]) &&
                   AfterWord(l, i)))) {
        // "chest pain (R07.9), atrial fibrillation (148.91).": where the
        // sentence codes in parentheses, its I read as 1 is a code too;
        // "Acute pharyngitis, unspecified" over "(JO02.9)" (held-out seed
        // 797): a description's code, its letter and digits printed, one
        // digit misread.
        AddUnlabelled(field::kIcd10, *icd, kIcdPattern, l, t, true);
      } else if (IsParenThree(t.text) &&
                 ((icd = ParseIcd10(t.text, /*labelled=*/true)) ||
                  (repaired = (icd = RepairIcd10(t.text)).has_value())) &&
                 IsCommonWholeCategory(*icd) &&
                 (ParenCodes(l) || NamedBefore(line, i, *icd))) {
        // "hypertension (I10).", "hypertension (110).": so a whole code,
        // read right or its I read as 1; and "immunization (223)" alone,
        // named by its description.
        AddUnlabelled(field::kIcd10, *icd, kIcdPattern, l, t, repaired);
      } else if (i == coded && IsParenCategory(t.text) &&
                 (icd = ParseIcd10(t.text, /*labelled=*/true))) {
        AddUnlabelled(field::kIcd10, *icd, kIcdPattern, l, t);
      } else if (i == 0 && (icd = TitledCategory(line))) {
        AddUnlabelled(field::kIcd10, *icd, kIcdPattern, l, t, true);
      } else if (i == 0 && coded == 0 && (icd = SplitCode(line.tokens))) {
        AddUnlabelled(field::kIcd10, *icd, kIcdPattern, l, t, true);
        ++i;
      } else if (i == coded && (icd = ParseIcd10(t.text, /*labelled=*/true)) &&
                 IsCommonWholeCategory(*icd)) {
        // "hypertension - I10": a whole code where an item's code stands
        // (not "Vitamin level - B12").
        AddUnlabelled(field::kIcd10, *icd, kIcdPattern, l, t);
      } else if ((i == coded || IsParenTwo(t.text)) &&
                 (icd = LetterLostCategory(line, i))) {
        AddUnlabelled(field::kIcd10, *icd, kIcdPattern, l, t, true);
      } else if (i == coded &&
                 ((icd = RepairIcd10(t.text)) || (icd = Undotted(t.text)))) {
        AddUnlabelled(field::kIcd10, *icd, kIcdPattern, l, t, true);
      } else if (i == paren_cpt) {
        AddUnlabelled(field::kCpt, paren_code, kCptPattern, l, t);
        break;  // it ends the line
      }
    }
  }

  // "(10)", "(23).": two characters in parentheses.
  static bool IsParenTwo(std::string_view text) {
    text = WithoutSentenceMark(text);
    return text.size() == 4 && text[0] == '(' && text[3] == ')';
  }

  // "(110)", "(Z23).": three characters in parentheses.
  static bool IsParenThree(std::string_view text) {
    text = WithoutSentenceMark(text);
    return text.size() == 5 && text[0] == '(' && text[4] == ')';
  }

  // "(Z23)": an ICD-10 category, a capital letter and two digits, in
  // parentheses; "(Z23).": ending its sentence.
  static bool IsParenCategory(std::string_view text) {
    text = WithoutSentenceMark(text);
    return IsParenThree(text) &&
           std::isupper(static_cast<unsigned char>(text[1])) &&
           std::isdigit(static_cast<unsigned char>(text[2])) &&
           std::isdigit(static_cast<unsigned char>(text[3]));
  }

  // Whether the word before token i names the common whole category
  // `code` (IsCommonWholeCategory): "hypertension (110)", "immunization
  // (223)" (held-out seed 547's consent, its Z read as 2).
  static bool NamedBefore(const Line& line, size_t i, const std::string& code) {
    if (i == 0) return false;
    const std::string& before = line.tokens[i - 1].key;
    return (code == "I10" && before == "hypertension") ||
           (code == "Z23" &&
            (before == "immunization" || before == "vaccination"));
  }

  // "Essential (primary) hypertension - 10": an item's code that lost its
  // letter (a fax's I10, generator seed 4848), named by the word before it
  // (NamedBefore); its digits must be the category's.
  // So in parentheses: "Essential (primary) hypertension (10)" (generator
  // seed 5858, a fax).
  static std::optional<std::string> LetterLostCategory(const Line& line,
                                                       size_t i) {
    const size_t named = i > 0 && IsDash(line.tokens[i - 1].text) ? i - 1 : i;
    std::string_view text = line.tokens[i].text;
    if (IsParenTwo(text)) text = WithoutSentenceMark(text).substr(1, 2);
    for (const char* code : {"I10", "Z23"}) {
      const std::string_view digits = std::string_view(code).substr(1);
      if (text == digits && NamedBefore(line, named, code)) return code;
    }
    return std::nullopt;
  }

  // "10 Essential (primary) hypertension": a code table's row, its code's
  // letter lost or misread (held-out seed 577's "I10" read "10"), the rest
  // of the line the official title of I10 or Z23 ("Encounter for
  // immunization"); the digits must be the category's. A column may follow
  // the title ("Secondary": held-out seed 953's discharge summary).
  static std::optional<std::string> TitledCategory(const Line& line) {
    const std::vector<Token>& t = line.tokens;
    if (t.size() < 4 || !AllDigits(t[0].text) || t[0].text.size() < 2 ||
        t[0].text.size() > 3 || (t.size() > 4 && !IsColumnBreak(t[3], t[4]))) {
      return std::nullopt;
    }
    const std::string_view digits =
        std::string_view(t[0].text).substr(t[0].text.size() - 2);
    auto titled = [&](const char* a, const char* b, const char* c) {
      return t[1].key == a && t[2].key == b && t[3].key == c;
    };
    if (digits == "10" && titled("essential", "primary", "hypertension")) {
      return "I10";
    }
    if (digits == "23" && titled("encounter", "for", "immunization")) {
      return "Z23";
    }
    return std::nullopt;
  }

  // "(148.91)", "(148.91).": a dotted number or code in parentheses.
  static bool IsParenDotted(std::string_view text) {
    text = WithoutSentenceMark(text);
    return text.size() >= 6 && text.front() == '(' && text.back() == ')' &&
           text.find('.') != std::string_view::npos;
  }

  // "(JO02.9": a capital letter, then two digits or more before the dot,
  // as printed (an S perhaps read as a dollar sign: "($93.401A)").
  static bool PrintedCategory(std::string_view text) {
    const size_t dot = text.find('.');
    return dot != std::string_view::npos && dot >= 4 &&
           (std::isupper(static_cast<unsigned char>(text[1])) ||
            text[1] == '$') &&
           std::count_if(text.begin() + 2, text.begin() + dot, [](char c) {
             return std::isdigit(static_cast<unsigned char>(c));
           }) >= 2;
  }

  // Whether token i of line l follows a word: the one before it, or the
  // last of the line above where it starts its line (a description
  // wrapped before its code).
  bool AfterWord(size_t l, size_t i) const {
    if (i > 0) {
      return IsWord(WithoutSentenceMark(page_.lines[l].tokens[i - 1].text));
    }
    return l > 0 && !page_.lines[l - 1].tokens.empty() &&
           IsWord(WithoutSentenceMark(page_.lines[l - 1].tokens.back().text));
  }

  // Whether a well-formed dotted code stands in parentheses on line `l`
  // or a line beside it (its sentence wrapped).
  bool ParenCodes(size_t l) const {
    for (size_t at = l > 0 ? l - 1 : 0; at <= l + 1 && at < page_.lines.size();
         ++at) {
      const std::vector<Token>& t = page_.lines[at].tokens;
      if (std::any_of(t.begin(), t.end(), [](const Token& w) {
            return IsParenDotted(w.text) &&
                   ParseIcd10(w.text, /*labelled=*/false).has_value();
          })) {
        return true;
      }
    }
    return false;
  }

  // "immunization", "DIFFERENTIAL": letters only, two or more.
  static bool IsWord(std::string_view text) {
    return text.size() >= 2 &&
           std::all_of(text.begin(), text.end(), [](char c) {
             return std::isalpha(static_cast<unsigned char>(c));
           });
  }

  // "CBC WITH DIFFERENTIAL (85025)": a test or service named, then its CPT
  // code in parentheses, last on its line. Not a ZIP code after a state
  // ("Rochester, MN (55913)"). The code's index, or npos.
  // "Radiologic examination, chest (7 1046)": the code read in two words
  // (held-out seed 599) is taken as one. The code goes to `code`.
  static size_t ParenCptItem(const Line& line, std::string* code) {
    const std::vector<Token>& t = line.tokens;
    if (t.size() < 2) return std::string::npos;
    const size_t n = t.size();
    const bool split = n >= 3 && t[n - 2].text.front() == '(' &&
                       t[n - 2].text.size() + t[n - 1].text.size() == 7;
    const size_t at = split ? n - 2 : n - 1;
    if (at < 1) return std::string::npos;
    const std::string last =
        split ? t[n - 2].text + t[n - 1].text : t.back().text;
    const std::string& before = t[at - 1].text;
    const bool state = before.size() == 2 &&
                       std::isupper(static_cast<unsigned char>(before[0])) &&
                       std::isupper(static_cast<unsigned char>(before[1]));
    // "DIFFERENTIAL", "25-HYDROXY": letters, with a number and dash before
    // them; "HEMOGLOBIN A1c", "Vitamin B12": a word, then a letter and
    // digits (not "Suite 4B").
    const size_t letters = std::count_if(
        before.begin(), before.end(),
        [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
    const bool alnum = std::all_of(before.begin(), before.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '-';
    });
    // The test's word, a letter read twice between them ("HEMOGLOBIN A
    // A1c (83036)", held-out seed 853's scan) or not.
    const bool twice =
        at >= 3 && t[at - 2].text.size() == 1 && t[at - 2].text[0] == before[0];
    const size_t word = twice ? at - 3 : at - 2;
    const bool after_word =
        at >= 2 && t[word].text.size() >= 4 && IsWord(t[word].text);
    // "HEMOGLOBIN A\tc (83036)": the short qualifier garbled (held-out seed
    // 547), still a letter first after the test's word.
    const bool qualifier = after_word && before.size() <= 5 &&
                           std::isalpha(static_cast<unsigned char>(before[0]));
    const bool named = IsWord(before) || (alnum && letters >= 3) || qualifier;
    if (last.size() != 7 || last.front() != '(' || last.back() != ')' ||
        !named || state || !ParseCpt(last.substr(1, 5))) {
      return std::string::npos;
    }
    *code = last.substr(1, 5);
    return at;
  }

  // "110 - Essential (primary) hypertension" under "R07.9 - Chest pain,
  // unspecified", or a table's "125.10 Atherosclerotic heart disease" in a
  // code column under "R07.9 Chest pain": a code, a dash or not, and its
  // description, in a run of lines of that form one of whose codes is
  // well-formed. Only there is the first word a code OCR misread.
  bool CodeFirstItem(size_t l) const {
    auto item = [&](size_t at) {
      const std::vector<Token>& t = page_.lines[at].tokens;
      const size_t words = CodeWords(t);
      if (t.size() <= words ||
          !std::isalpha(static_cast<unsigned char>(t[words].text[0]))) {
        return false;
      }
      // Without the dash the code column has to hold codes, read right or
      // repairably: not "2 Tablets by mouth".
      return words >= 2 || ParseIcd10(t[0].text, /*labelled=*/false) ||
             RepairIcd10(t[0].text);
    };
    auto well_formed = [&](size_t at) {
      return ParseIcd10(page_.lines[at].tokens[0].text, /*labelled=*/false)
          .has_value();
    };
    // "angina pectoris": a description wrapped onto a line of its own,
    // starting under the description of the item line `of`.
    auto wrapped = [&](size_t at, size_t of) {
      const std::vector<Token>& t = page_.lines[at].tokens;
      const std::vector<Token>& item_tokens = page_.lines[of].tokens;
      const Token& description = item_tokens[CodeWords(item_tokens)];
      return !t.empty() && t[0].x > item_tokens[0].right() &&
             std::abs(t[0].x - description.x) <= page_.lines[at].height();
    };
    if (!item(l)) return false;
    // "148.91 - Unspecified atrial fibrillation": the dotted form says
    // "code" too, where the run starts under a diagnoses heading ("A/P");
    // so does one of the whole categories a visit codes most ("Z23 -
    // Encounter for immunization"). An EOB's remark codes ("M15 -
    // Separately billed ...") are not under such a heading.
    bool says_code = false, headed = false;
    bool table_code = false, code_header = false;
    const long last = static_cast<long>(page_.lines.size()) - 1;
    for (const long step : {-1L, 1L}) {
      for (long at = l; item(at);) {
        const std::string& code = page_.lines[at].tokens[0].text;
        if (well_formed(at)) return true;
        says_code |= code.find('.') != std::string::npos && RepairIcd10(code);
        if (auto whole = ParseIcd10(code, /*labelled=*/true)) {
          says_code |= IsCommonWholeCategory(*whole);
        } else if (auto fixed = RepairIcd10(code)) {
          // "223 Encounter for immunization" under "Dx Code Description";
          // "2Z23 - Encounter for immunization", its letter read twice, says
          // "code" itself (held-out seed 773).
          const bool whole = IsCommonWholeCategory(*fixed);
          table_code |= whole;
          says_code |= whole && code.find((*fixed)[0]) != std::string::npos;
        }
        long next = at + step;
        while (next >= 0 && next <= last && !item(next) && wrapped(next, at)) {
          next += step;
        }
        if (next < 0 || next > last) break;
        headed |= step < 0 && !item(next) && HeadsDiagnoses(page_.lines[next]);
        code_header |=
            step < 0 && !item(next) && IsCodeColumnHeader(page_.lines[next]);
        at = next;
      }
    }
    return (says_code && headed) || (table_code && code_header);
  }

  // A heading over a note's diagnoses: "A/P", "Assessment and Plan",
  // "Impression:", "Diagnoses", or a code table's header row.
  static bool HeadsDiagnoses(const Line& line) {
    static const char* const kHeadings[] = {"ap",
                                            "assessment",
                                            "assessment and plan",
                                            "assessmentplan",
                                            "assessment plan",
                                            "impression",
                                            "impression and plan",
                                            "impressionplan",
                                            "diagnoses",
                                            "diagnosis",
                                            "final diagnoses",
                                            "discharge diagnoses"};
    if (IsCodeColumnHeader(line)) return true;
    if (line.tokens.empty() || line.tokens.size() > 4) return false;
    std::string keys;
    for (const Token& t : line.tokens) {
      if (t.key.empty()) continue;
      if (!keys.empty()) keys += ' ';
      keys += t.key;
    }
    return std::find(std::begin(kHeadings), std::end(kHeadings), keys) !=
           std::end(kHeadings);
  }

  // How many words a code-first item's code takes, with the dash after it
  // if one follows: two where the code was read as two words, else one.
  static size_t CodeWords(const std::vector<Token>& t) {
    const size_t code = SplitCode(t) ? 2 : 1;
    return t.size() > code && IsDash(t[code].text) ? code + 1 : code;
  }

  // "‘125 10 Atherosclerotic heart disease": a code's dot read as a
  // space (and its I as 1), the code's two parts first on the line; "F
  // 17.210 - Nicotine dependence": a space read after its letter (held-out
  // seed 797). The code, repaired.
  static std::optional<std::string> SplitCode(const std::vector<Token>& t) {
    if (t.size() >= 3 && t[0].text.size() == 1 &&
        std::isupper(static_cast<unsigned char>(t[0].text[0])) &&
        t[1].text.size() >= 4 && t[1].text[2] == '.' &&
        AllDigits(std::string_view(t[1].text).substr(0, 2))) {
      return ParseIcd10(t[0].text + t[1].text, /*labelled=*/true);
    }
    if (t.size() < 3 || t[0].key.size() != 3 || t[1].text.size() > 4 ||
        !AllDigits(t[1].text)) {
      return std::nullopt;
    }
    std::string code = t[0].key + "." + t[1].key;
    for (char& c : code) c = static_cast<char>(std::toupper(c));
    if (auto v = ParseIcd10(code, /*labelled=*/true)) return v;
    return RepairIcd10(code);
  }

  // The index of line l's code where it is an item's code: CodedListItem,
  // or "(Z23)" alone on a line under a description it wrapped from
  // ("... for immunization"), or a bare "(110)" ending a numbered item
  // between items whose codes in parentheses are well-formed.
  size_t CodedItem(size_t l) const {
    const Line& line = page_.lines[l];
    if (const size_t code = CodedListItem(line); code != std::string::npos)
      return code;
    const std::vector<Token>& t = line.tokens;
    if (l == 0 || t.empty()) return std::string::npos;
    if (NumberedItemTail(l)) {
      const size_t code = CodedListItem(line, /*tail=*/true);
      if (code != std::string::npos) return code;
      // The code alone on the wrapped line ("pectoris" over "125.10"),
      // the next item coded.
      if (t.size() == 1 &&
          (BareDottedCode(t[0].text) ||
           ParseIcd10(t[0].text, /*labelled=*/false)) &&
          l + 1 < page_.lines.size() &&
          CodedListItem(page_.lines[l + 1]) != std::string::npos) {
        return 0;
      }
    }
    const std::vector<Token>& above = page_.lines[l - 1].tokens;
    if (t.size() == 1 && IsParenCategory(t[0].text) && !above.empty() &&
        IsWord(above.back().text)) {
      return 0;
    }
    const std::string& last = t.back().text;
    auto either_sibling = [&](auto coded) {
      return coded(l - 1) || (l + 1 < page_.lines.size() && coded(l + 1));
    };
    // A bare code misread after its numbered item's description, beside a
    // well-formed one (BareCodedItem); or the same list unnumbered:
    // "Unspecified atrial fibrillation 148.91" and "Essential (primary)
    // hypertension 110" beside "Low back pain, unspecified M54.50"
    // (generator seed 10202's moderate progress note; a bullet before it
    // read as a mark).
    size_t first = 0;
    while (first < t.size() && t[first].key.empty()) ++first;
    const bool numbered = IsBoxNumber(t.front());
    if (t.size() >= first + 3 &&
        (numbered ||
         std::isalpha(static_cast<unsigned char>(t[first].text[0]))) &&
        (BareDottedCode(last) || IsCommonWholeCategoryText(last)) &&
        IsWord(t[t.size() - 2].text) && either_sibling([&](size_t at) {
          return BareCodedItem(at, numbered);
        })) {
      return t.size() - 1;
    }
    // "1. Essential (primary) hypertension 110": no dash before it, its I
    // read as 1 (generator seed 4949); a whole code named by the word
    // before it.
    if (t.size() >= 3 && IsBoxNumber(t.front())) {
      const std::optional<std::string> code = CommonWholeCategoryOf(last);
      if (code && NamedBefore(line, t.size() - 1, *code)) return t.size() - 1;
    }
    // "Essential (primary) hypertension (110)" among unnumbered lines
    // "Chronic kidney disease, stage 3 (N18.3)": a description list whose
    // codes stand in parentheses. Only the whole categories a visit codes
    // most, as a bare number may be a count.
    if (t.size() >= 2 &&
        std::isalpha(static_cast<unsigned char>(t[0].text[0])) &&
        last.size() == 5 && last.front() == '(' && last.back() == ')' &&
        IsCommonWholeCategoryText(last) &&
        either_sibling([&](size_t at) { return ParenCodedLine(at); })) {
      return t.size() - 1;
    }
    if (t.size() < 3 || !IsBoxNumber(t.front()) || last.size() != 5 ||
        last.front() != '(' || last.back() != ')') {
      return std::string::npos;
    }
    // A sibling's code in parentheses, well-formed or dotted ("(148.91)":
    // only a code is printed so after a description).
    auto coded_sibling = [&](size_t at) {
      const Line& other = page_.lines[at];
      const size_t code = CodedListItem(other);
      if (code == std::string::npos || other.tokens[code].text[0] != '(') {
        return false;
      }
      const std::string& text = other.tokens[code].text;
      return ParseIcd10(text, /*labelled=*/false) ||
             (text.find('.') != std::string::npos && RepairIcd10(text));
    };
    return coded_sibling(l - 1) ||
                   (l + 1 < page_.lines.size() && coded_sibling(l + 1))
               ? t.size() - 1
               : std::string::npos;
  }

  // "I10", "(110)", "Z23": one of the whole categories a visit codes most,
  // as printed or as OCR misread it.
  static std::optional<std::string> CommonWholeCategoryOf(
      const std::string& text) {
    std::optional<std::string> code = ParseIcd10(text, /*labelled=*/true);
    if (!code) code = RepairIcd10(text);
    if (code && IsCommonWholeCategory(*code)) return code;
    return std::nullopt;
  }
  static bool IsCommonWholeCategoryText(const std::string& text) {
    return CommonWholeCategoryOf(text).has_value();
  }

  // "Obesity, unspecified (E66.9)": a description, then a well-formed
  // dotted code in parentheses ending the line.
  bool ParenCodedLine(size_t l) const {
    const std::vector<Token>& t = page_.lines[l].tokens;
    if (t.size() < 2 || !std::isalpha(static_cast<unsigned char>(t[0].text[0])))
      return false;
    const std::string& last = t.back().text;  // unlabelled: dotted
    return last.front() == '(' && last.back() == ')' &&
           ParseIcd10(last, /*labelled=*/false).has_value();
  }

  // "148.91": a category's three characters, a dot and digits, the letter
  // read as a digit (RepairIcd10 reaches a code).
  static bool BareDottedCode(const std::string& text) {
    return text.size() >= 5 && text[3] == '.' &&
           !std::isupper(static_cast<unsigned char>(text[0])) &&
           RepairIcd10(text).has_value();
  }

  // "1. Generalized anxiety disorder F41.1": a numbered item whose
  // description ends in a well-formed dotted code, no dash or parentheses
  // between: the list's own way of printing codes, which its sibling
  // "2. Unspecified atrial fibrillation 148.91" shares ("4. Weight in lb
  // 165.21" among dashed codes does not). Not `numbered`: "Low back pain,
  // unspecified M54.50", a description first.
  bool BareCodedItem(size_t l, bool numbered) const {
    const std::vector<Token>& t = page_.lines[l].tokens;
    if (t.size() < (numbered ? 3u : 2u) ||
        (numbered ? !IsBoxNumber(t.front())
                  : !std::isalpha(static_cast<unsigned char>(t[0].text[0])))) {
      return false;
    }
    // "... disease, stage 3 N18.3": a description may end in a number.
    const std::string& before = t[t.size() - 2].text;
    if (!IsWord(before) &&
        !(t.size() >= 4 && before.size() <= 2 && AllDigits(before) &&
          IsWord(t[t.size() - 3].text))) {
      return false;
    }
    // Its letter first (no parenthesis); unlabelled, a code parses only
    // dotted.
    const std::string& last = t.back().text;
    return std::isupper(static_cast<unsigned char>(last[0])) &&
           ParseIcd10(last, /*labelled=*/false).has_value();
  }

  // "2. Atherosclerotic heart disease ... without angina" over "pectoris -
  // 125.10": line `l` is the rest of the numbered item above, whose own
  // line ends in no code, wrapped under its number or its description.
  bool NumberedItemTail(size_t l) const {
    const std::vector<Token>& t = page_.lines[l].tokens;
    const std::vector<Token>& above = page_.lines[l - 1].tokens;
    if (t.empty() || above.size() < 3 || IsBoxNumber(t.front()) ||
        !IsBoxNumber(above.front()) ||
        CodedListItem(page_.lines[l - 1]) != std::string::npos) {
      return false;
    }
    const int h = page_.lines[l].height();
    return std::abs(t.front().x - above[0].x) <= h ||
           std::abs(t.front().x - above[1].x) <= h;
  }

  static bool IsDash(std::string_view w) {
    return w == "-" || w == "\u2013" || w == "\u2014" || w == "--";
  }

  // "R109", "(E119)": a code whose dot OCR lost, at a coded item's end. Not
  // a bare category ("B12" may be a vitamin).
  static std::optional<std::string> Undotted(const std::string& text) {
    if (StripMarks(text).size() < 4) return std::nullopt;
    return ParseIcd10(text, /*labelled=*/true);
  }

  // "2. Essential (primary) hypertension - I10": a numbered item, words,
  // then a code last, after a dash or in the dotted form. Only there is a
  // last "110" or "148.91" the code OCR misread (elsewhere it may be a count
  // or an amount). The index of the code's token, or npos.
  // `tail`: the line is the wrapped rest of a numbered item's description
  // (NumberedItemTail), its number on the line above.
  static size_t CodedListItem(const Line& line, bool tail = false) {
    const std::vector<Token>& t = line.tokens;
    // The last token with a letter or digit: marks after it ("M17.11 :")
    // are dirt.
    size_t code = t.size();
    while (code > 0 && t[code - 1].key.empty()) --code;
    // "immunization (Z23)": a category in parentheses after a word ends a
    // numbered item or its wrapped tail.
    if (code >= 2 && IsParenCategory(t[code - 1].text) &&
        IsWord(t[code - 2].text)) {
      return code - 1;
    }
    if (code < 3) return std::string::npos;
    --code;
    // The dash apart, or glued to the code ("organism -J18.9").
    const std::string& last = t[code].text;
    const bool glued = last.size() > 3 &&
                       (IsDash(last.substr(0, 1)) || IsDash(last.substr(0, 3)));
    const bool apart = IsDash(t[code - 1].text);
    // "knee MI7.11", its dash lost: a capital letter and a dot after the
    // category are a code's own shape.
    // "pain R1i0.9": its 1 read twice, once as a letter; "complications
    // E£11.9", its E read as itself and a pound sign (generator seed
    // 10707's rotated note), or as the sign alone ("£11.9", 10808's
    // moderate note).
    std::string_view sign(last);
    if (sign.starts_with('(')) sign.remove_prefix(1);
    const bool euro = sign.starts_with("\u00a3") || sign.starts_with("\u20ac");
    const bool dotted =
        (std::isupper(static_cast<unsigned char>(last[0])) || euro) &&
        last.size() > 4 &&
        (last[3] == '.' ||
         (last.find('.', 4) != std::string::npos && RepairIcd10(last)));
    // "(R10,9)", "(N1I8.3)", "(Z23)": a description, then its code in
    // parentheses, dotted or a category (a bare "(150)" may be a count).
    const bool paren = last.front() == '(' && last.back() == ')' &&
                       (last.find_first_of(".,") != std::string::npos ||
                        IsParenCategory(last));
    // "2." as printed, "2," as a fax reads it; or an E read as a pound or
    // euro sign, which no word of the item begins with ("unspecified -
    // £03.9", its number lost).
    // "]." or "|.": a 1 read as a bracket or bar (generator seed 4747).
    const Token& first = t.front();
    const bool numbered =
        tail || IsBoxNumber(first) ||
        (first.text.size() == 2 &&
         std::isdigit(static_cast<unsigned char>(first.text[0])) &&
         first.text[1] == ',') ||
        first.text == "]." || first.text == "|.";
    const bool words = std::any_of(
        t.begin() + (tail ? 0 : 1), t.begin() + code - (apart ? 1 : 0),
        [](auto& w) {
          return std::isalpha(static_cast<unsigned char>(w.text[0]));
        });
    return (numbered || euro) && words && (glued || apart || dotted || paren)
               ? code
               : std::string::npos;
  }

  const PageLines& page_;
  const CivilDate today_;
  const MrnShape& mrn_;
  std::vector<FieldHit>* hits_;
  std::vector<std::vector<LabelMatch>> matches_;  // per line
  std::vector<std::vector<bool>> consumed_;       // token claimed by a label
  std::vector<std::vector<bool>> is_label_;       // token is part of a label
  std::vector<bool> other_person_;  // line is in a section about someone else
  bool service_dated_ = false;      // a service line gave the date of service
  size_t signed_from_ = SIZE_MAX;   // first line of the signature block
};

// A member's or subscriber's name and birth date are the patient's only
// where no patient label names anyone: on an EOB "Member: NOLAN UNDERWOOD"
// is the policy holder beside "Patient: Underwood, Renee", and so is a
// registration form's "Subscriber DOB".
void ResolveSubscriber(std::vector<FieldHit>* hits) {
  const bool patient_named =
      std::any_of(hits->begin(), hits->end(), [](const FieldHit& h) {
        return h.field == field::kPatientName || h.field == kLastNamePart;
      });
  const auto subscribers = [](const FieldHit& h) {
    return h.field == kSubscriberName || h.field == kSubscriberDob;
  };
  if (patient_named) {
    std::erase_if(*hits, subscribers);
    return;
  }
  for (FieldHit& h : *hits) {
    if (h.field == kSubscriberName) h.field = field::kPatientName;
    if (h.field == kSubscriberDob) h.field = field::kDob;
  }
}

// A table's column headers wrapped onto a second line: "STUDY" over
// "DATE", "BIRTH" over "DATE" (an imaging report's, held-out seed 569),
// the values in the row under both. The second line's words, no label
// among them, no word with its colon before others and none with a digit,
// each start under a word of the first (or follow one that does in its
// cell); where so joined a label takes in words of both lines, none of
// them in a label of the first line already, the first line takes the
// second's words at the end of the cells they stand under, and the second
// line goes.
PageLines JoinWrappedHeaders(const PageLines& page) {
  PageLines out = page;
  std::vector<Line>& lines = out.lines;
  for (size_t l = 0; l + 1 < lines.size(); ++l) {
    const Line& head = lines[l];
    const Line& next = lines[l + 1];
    if (head.tokens.size() < 2 || next.tokens.empty() ||
        next.top - head.bottom > next.height()) {
      continue;
    }
    // For each word below, the word of the line above it starts under
    // (npos: it follows the word before it in its cell).
    const size_t npos = std::string::npos;
    std::vector<size_t> after(next.tokens.size(), npos);
    std::vector<bool> anchor(head.tokens.size(), false);
    bool under = true;
    for (size_t j = 0; j < next.tokens.size() && under; ++j) {
      const Token& t = next.tokens[j];
      for (size_t i = 0; i < head.tokens.size() && after[j] == npos; ++i) {
        if (std::abs(head.tokens[i].x - t.x) <= t.h) after[j] = i;
      }
      if (after[j] != npos) {
        anchor[after[j]] = true;
      } else if (j == 0 || IsColumnBreak(next.tokens[j - 1], t)) {
        under = false;
      }
      under = under && !HasDigit(t.key);
    }
    // A line of labels of its own is the next row ("Insured Name: ..."),
    // as is a line with a word and its colon before more words ("Notes:
    // Patient prefers ...", under "Authorization # PA8546006": no
    // "Patient #"; held-out seed 691).
    const bool labelled_line =
        std::any_of(next.tokens.begin(), next.tokens.end() - 1,
                    [](const Token& t) { return t.text.back() == ':'; });
    if (!under || labelled_line) continue;
    // A line of labels of its own is the next row too, unless each of its
    // labels is the end of one wrapped from above: "NUMBER NAME" under
    // "POLICY ... SUBSCRIBER" (held-out seed 881) reads "NAME" alone.
    const std::vector<LabelMatch> next_labels = FindLabels(next);
    // Each goes after the last word of its cell above: up to a column's gap
    // or the next word another starts under.
    for (size_t j = 0; j < next.tokens.size(); ++j) {
      if (after[j] == npos) {
        after[j] = after[j - 1];
        continue;
      }
      size_t& i = after[j];
      while (i + 1 < head.tokens.size() && !anchor[i + 1] &&
             !IsColumnBreak(head.tokens[i], head.tokens[i + 1])) {
        ++i;
      }
    }
    Line joined;
    std::vector<size_t> from_head;  // the word's in `head`, or npos
    std::vector<size_t> next_at(next.tokens.size());  // in `joined`
    for (size_t i = 0; i < head.tokens.size(); ++i) {
      joined.tokens.push_back(head.tokens[i]);
      from_head.push_back(i);
      for (size_t j = 0; j < next.tokens.size(); ++j) {
        if (after[j] != i) continue;
        next_at[j] = joined.tokens.size();
        // Read on from the cell's end, in its line, taking no width of its
        // own: the gaps between cells stay as printed.
        Token& t = joined.tokens.emplace_back(next.tokens[j]);
        t.x = head.tokens[i].right();
        t.w = 0;
        t.y = head.tokens[i].y;
        t.h = head.tokens[i].h;
        from_head.push_back(npos);
      }
    }
    // The first line's words in a field's label of their own: "11.
    // INSURED'S POLICY GROUP OR" over "FECA NUMBER" needs no joining (and
    // the line under it holds another box's value, "NONE").
    std::vector<bool> labelled(head.tokens.size(), false);
    const std::vector<LabelMatch> head_labels = FindLabels(head);
    for (const LabelMatch& m : head_labels) {
      if (m.field.empty()) continue;
      std::fill(labelled.begin() + m.begin, labelled.begin() + m.end, true);
    }
    const std::vector<LabelMatch> labels = FindLabels(joined);
    const bool spans =
        std::any_of(labels.begin(), labels.end(), [&](const LabelMatch& m) {
          if (m.field.empty()) return false;
          bool above = false, below = false;
          size_t last_above = 0;
          for (size_t k = m.begin; k < m.end; ++k) {
            if (from_head[k] == npos) {
              below = true;
            } else if (labelled[from_head[k]]) {
              return false;
            } else {
              above = true;
              last_above = from_head[k];
            }
          }
          // A header has no value beside it: "Authorization # R5319273"
          // over "Notes Patient prefers ..." makes no "Patient #" (held-out
          // seed 787, a form printing its labels without colons).
          const size_t value = last_above + 1;
          if (above && value < head.tokens.size() &&
              HasDigit(head.tokens[value].key) &&
              !IsBoxNumber(head.tokens[value]) &&
              !IsColumnBreak(head.tokens[last_above], head.tokens[value])) {
            return false;
          }
          return above && below;
        });
    // A stop label may end one above: "REFERRING" over "PHYSICIAN" (an
    // imaging report's, held-out seed 883), not a word within one
    // ("INSURED'S" of "INSURED'S DATE OF BIRTH" over "RELATIONSHIP TO
    // PATIENT").
    const auto ends_stop = [&](const LabelMatch& n) {
      const size_t before = from_head[next_at[n.begin] - 1];
      return n.field.empty() && before != npos &&
             std::any_of(head_labels.begin(), head_labels.end(),
                         [&](const LabelMatch& m) {
                           return m.field.empty() && m.end == before + 1;
                         });
    };
    // Nor does a label read loosely across both lines take in one read
    // exactly below: "SCHEDULED DATE" is no "S SCHEDULED DATE" with the "S"
    // of "O'NEILL, ASHLEY S" over it (a consent's value row, held-out seed
    // 953).
    const bool wrapped_labels = std::all_of(
        next_labels.begin(), next_labels.end(), [&](const LabelMatch& n) {
          return ends_stop(n) ||
                 std::any_of(labels.begin(), labels.end(),
                             [&](const LabelMatch& m) {
                               return m.begin <= next_at[n.begin] &&
                                      next_at[n.end - 1] < m.end &&
                                      from_head[m.begin] != npos &&
                                      m.weight >= n.weight;
                             });
        });
    if (!spans || !wrapped_labels) continue;
    joined.top = std::min(head.top, next.top);
    joined.bottom = std::max(head.bottom, next.bottom);
    lines[l] = std::move(joined);
    lines.erase(lines.begin() + l + 1);
  }
  return out;
}

}  // namespace

std::vector<FieldHit> FindFieldHits(const std::vector<PageLines>& pages,
                                    const CivilDate& today,
                                    const FieldOptions& options) {
  MrnShape mrn(options);
  std::vector<FieldHit> hits;
  for (const PageLines& page : pages) {
    PageScanner(JoinWrappedHeaders(page), today, mrn, &hits).Run();
  }
  ResolveSubscriber(&hits);
  return hits;
}

std::vector<FieldHit> FindFieldHits(const std::vector<PageLines>& pages,
                                    const CivilDate& today) {
  return FindFieldHits(pages, today, FieldOptions());
}

Status CheckFieldOptions(const FieldOptions& options) {
  try {
    std::regex(options.mrn_pattern, std::regex::ECMAScript);
  } catch (const std::regex_error& e) {
    return Status::InvalidArgument("mrn_pattern: '" + options.mrn_pattern +
                                   "' is not a regex: " + e.what());
  }
  return Status::Ok();
}

}  // namespace intake::classify
