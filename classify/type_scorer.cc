#include "classify/type_scorer.h"

#include <algorithm>
#include <cmath>

namespace intake::classify {
namespace {

constexpr double kTitle = 3.0;        // a title phrase anywhere
constexpr double kTitleOnTop = 3.0;   // extra when it is in the first lines
constexpr double kExtraTitle = 1.0;   // each further title phrase
constexpr double kKeyword = 1.0;      // each distinct keyword
constexpr double kMaxKeywords = 6.0;  // keywords alone never outweigh a title
constexpr double kOtherBaseline = 2.5;
constexpr double kTemperature = 1.5;  // softmax temperature
constexpr size_t kTopLines = 6;       // lines of page 1 that hold the title

std::string WithoutSpaces(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c != ' ') out += c;
  }
  return out;
}

// Folded text of a region, with a space-free copy that still matches titles
// printed letter-spaced or split by OCR ("LABORA TORY REPORT").
struct MatchText {
  std::string words;
  std::string compact;
  explicit MatchText(const std::string& text)
      : words(FoldForMatch(text)), compact(WithoutSpaces(words)) {}
  bool Contains(const std::string& phrase) const {
    std::string p = FoldForMatch(phrase);
    if (p.size() <= 2) return false;
    if (words.find(p) != std::string::npos) return true;
    std::string c = WithoutSpaces(p);
    return c.size() >= 8 && compact.find(c) != std::string::npos;
  }
};

double ScoreRule(const TypeRule& rule, const MatchText& all,
                 const MatchText& top) {
  double best_title = 0;
  int titles = 0;
  for (const std::string& phrase : rule.title_phrases) {
    if (!all.Contains(phrase)) continue;
    ++titles;
    double s = kTitle + (top.Contains(phrase) ? kTitleOnTop : 0);
    best_title = std::max(best_title, s);
  }
  double keywords = 0;
  for (const std::string& kw : rule.keywords) {
    if (all.Contains(kw)) keywords += kKeyword;
  }
  return best_title + kExtraTitle * std::max(0, titles - 1) +
         std::min(keywords, kMaxKeywords);
}

}  // namespace

TypeDecision ScoreTypes(const std::vector<TypeRule>& rules,
                        const std::vector<PageLines>& pages) {
  std::string all_text, top_text;
  for (const PageLines& page : pages) {
    for (size_t i = 0; i < page.lines.size(); ++i) {
      std::string line = page.lines[i].Text();
      all_text += line + '\n';
      if (&page == &pages.front() && i < kTopLines) top_text += line + '\n';
    }
  }
  MatchText all(all_text), top(top_text);

  TypeDecision d;
  d.scores.push_back({kOtherType, kOtherBaseline});
  for (const TypeRule& rule : rules) {
    double s = ScoreRule(rule, all, top);
    if (rule.type == kOtherType) {
      d.scores.front().score += s;
    } else {
      d.scores.push_back({rule.type, s});
    }
  }
  // Softmax, shifted by the maximum for numerical safety. Ties go to the
  // earlier entry: "other" first, then the rules in their order.
  double max_score = 0;
  for (const TypeScore& s : d.scores) max_score = std::max(max_score, s.score);
  double sum = 0;
  const TypeScore* best = &d.scores.front();
  for (const TypeScore& s : d.scores) {
    sum += std::exp((s.score - max_score) / kTemperature);
    if (s.score > best->score) best = &s;
  }
  d.type = best->type;
  d.confidence = std::exp((best->score - max_score) / kTemperature) / sum;
  return d;
}

}  // namespace intake::classify
