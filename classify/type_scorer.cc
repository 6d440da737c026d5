#include "classify/type_scorer.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace intake::classify {
namespace {

constexpr double kTitle = 3.0;        // a title phrase anywhere
constexpr double kTitleOnTop = 9.0;   // extra when it is in the first lines
constexpr double kExtraTitle = 1.0;   // each further title phrase
constexpr double kKeyword = 1.0;      // each distinct keyword
constexpr double kMaxKeywords = 6.0;  // keywords alone never outweigh a title
constexpr double kOtherBaseline = 2.5;
constexpr double kTemperature = 1.5;  // softmax temperature
constexpr size_t kTopLines = 6;       // lines of page 1 that hold the title
constexpr size_t kHeadingWords = 4;   // at most, in a title line of its own

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

// A line standing as a heading: a few words, no label or sentence in it.
bool IsHeading(const Line& line) {
  if (line.tokens.empty() || line.tokens.size() > kHeadingWords) return false;
  return std::none_of(line.tokens.begin(), line.tokens.end(),
                      [](const Token& t) {
                        return t.text.find_first_of(":.,") != std::string::npos;
                      });
}

}  // namespace

TypeDecision ScoreTypes(const std::vector<TypeRule>& rules,
                        const std::vector<PageLines>& pages) {
  std::string all_text, top_text;
  for (const PageLines& page : pages) {
    for (size_t i = 0; i < page.lines.size(); ++i) {
      std::string line = page.lines[i].Text();
      all_text += line + '\n';
      // Page 1's first lines, and its headings in the top half: a letter
      // prints its title ("Referral Letter") under the letterhead, the date
      // and the recipient's address.
      if (&page == &pages.front() &&
          (i < kTopLines ||
           (i < page.lines.size() / 2 && IsHeading(page.lines[i])))) {
        top_text += line + '\n';
      }
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

void SplitSiteRules(const std::vector<TypeRule>& rules,
                    std::vector<TypeRule>* defaults,
                    std::vector<TypeRule>* site) {
  defaults->clear();
  site->clear();
  std::map<std::string, const TypeRule*> builtin;
  static const std::vector<TypeRule> kBuiltin =
      Classifier::DefaultOptions().rules;
  for (const TypeRule& r : kBuiltin) builtin[r.type] = &r;
  auto split = [](const std::vector<std::string>& have,
                  const std::vector<std::string>& known,
                  std::vector<std::string>* old_part,
                  std::vector<std::string>* new_part) {
    std::set<std::string> k(known.begin(), known.end());
    for (const std::string& p : have) {
      (k.count(p) ? old_part : new_part)->push_back(p);
    }
  };
  for (const TypeRule& rule : rules) {
    auto it = builtin.find(rule.type);
    if (it == builtin.end()) {
      site->push_back(rule);
      continue;
    }
    TypeRule d{rule.type, {}, {}, rule.required_fields};
    TypeRule s{rule.type, {}, {}, rule.required_fields};
    split(rule.title_phrases, it->second->title_phrases, &d.title_phrases,
          &s.title_phrases);
    split(rule.keywords, it->second->keywords, &d.keywords, &s.keywords);
    defaults->push_back(std::move(d));
    if (!s.title_phrases.empty() || !s.keywords.empty())
      site->push_back(std::move(s));
  }
}

TypeDecision CombineTypes(
    const std::vector<std::pair<std::string, double>>& model,
    const TypeDecision& default_rules, const TypeDecision& site_rules,
    double rule_weight, double rule_shortfall_weight, double site_rule_weight) {
  constexpr double kFloor = 1e-9;
  std::map<std::string, double> p_model;
  for (const auto& [t, p] : model) p_model[t] = std::max(p, kFloor);
  double p_other = p_model.count(kOtherType) ? p_model[kOtherType] : kFloor;
  std::map<std::string, double> rd, rs;
  double baseline = kOtherBaseline;
  for (const TypeScore& s : default_rules.scores) {
    if (s.type == kOtherType) {
      baseline = s.score;
    } else {
      rd[s.type] = s.score;
    }
  }
  for (const TypeScore& s : site_rules.scores) {
    if (s.type != kOtherType) rs[s.type] = s.score;
  }
  // Every candidate: the model's types, then types only the rules know.
  std::vector<std::string> types;
  for (const auto& [t, p] : model) types.push_back(t);
  for (const auto* scores : {&rd, &rs}) {
    for (const auto& [t, s] : *scores) {
      if (!p_model.count(t) &&
          std::find(types.begin(), types.end(), t) == types.end())
        types.push_back(t);
    }
  }
  if (std::find(types.begin(), types.end(), kOtherType) == types.end())
    types.push_back(kOtherType);
  // Site evidence is measured against the model's favourite: a site's title
  // phrase on top (12 points) beats it even where the model is sure.
  double p_top = kFloor;
  for (const auto& [t, p] : p_model) p_top = std::max(p_top, p);
  TypeDecision d;
  for (const std::string& t : types) {
    double r_default = rd.count(t) ? rd[t] : 0.0;
    double r_site = rs.count(t) ? rs[t] : 0.0;
    double z;
    if (t == kOtherType) {
      z = std::log(p_other);
    } else if (p_model.count(t)) {
      const double above = r_default - baseline;
      z = std::log(p_model[t]) +
          (above > 0 ? rule_weight : rule_shortfall_weight) * above;
      if (r_site > 0) {
        z = std::max(z, std::log(p_top) - site_rule_weight * baseline) +
            site_rule_weight * r_site;
      }
    } else if (r_site + r_default > 0) {  // a type only the rules know
      z = std::log(p_top) + site_rule_weight * (r_site + r_default - baseline);
    } else {
      z = std::log(kFloor);  // no evidence at all: not a candidate
    }
    d.scores.push_back({t, z});
  }
  double max_z = -1e300;
  for (const TypeScore& s : d.scores) max_z = std::max(max_z, s.score);
  double sum = 0;
  for (const TypeScore& s : d.scores) sum += std::exp(s.score - max_z);
  const TypeScore* best = nullptr;
  for (const TypeScore& s : d.scores) {
    if (best == nullptr || s.score > best->score ||
        (s.score == best->score && s.type == kOtherType))
      best = &s;
  }
  d.type = best->type;
  d.confidence = std::exp(best->score - max_z) / sum;
  return d;
}

}  // namespace intake::classify
