// Document type from title phrases and keywords (the rule-based classifier).
//
// Each type scores kTitle for its best title phrase (twice that when the
// phrase is in the first lines of page 1, where titles are printed), a little
// for further title phrases, and kKeyword per distinct keyword (capped).
// "other" scores a fixed baseline, so a type must show real evidence to beat
// it. The confidence is a softmax over the scores: near 1 for one clear
// winner, near 1/2 for two close ones, low when nothing matched.
// Pure function: safe to call from several threads.
#ifndef INTAKE_CLASSIFY_TYPE_SCORER_H_
#define INTAKE_CLASSIFY_TYPE_SCORER_H_

#include <string>
#include <vector>

#include "classify/classifier.h"
#include "classify/text.h"

namespace intake::classify {

inline constexpr char kOtherType[] = "other";

struct TypeScore {
  std::string type;
  double score = 0;
};

struct TypeDecision {
  std::string type = kOtherType;
  double confidence = 0;          // [0,1]
  std::vector<TypeScore> scores;  // every type, "other" included
};

TypeDecision ScoreTypes(const std::vector<TypeRule>& rules,
                        const std::vector<PageLines>& pages);

// Splits `rules` into the part the built-in taxonomy already has (its phrases
// are what the shipped model learnt from) and a site's additions: new types,
// and phrases or keywords an existing type did not have.
void SplitSiteRules(const std::vector<TypeRule>& rules,
                    std::vector<TypeRule>* defaults,
                    std::vector<TypeRule>* site);

// The type model's probabilities moved by rule evidence, as log-odds:
//   z(other) = log p_model(other)
//   z(t)     = log p_model(t) + w * (default_score(t) - baseline)
// where baseline is the default rules' "other" score (2.5) and w is
// rule_weight above it, rule_shortfall_weight below. Site evidence is
// measured against the model's favourite, so a site's title phrase on top (12
// points) overrides even a confident model: with site_score(t) > 0,
//   z(t) = max(z(t), log p_top - site_rule_weight * baseline)
//          + site_rule_weight * site_score(t).
// A type only the rules know: log p_top + site_rule_weight * (score -
// baseline), and no candidate at all without evidence. Confidence: softmax
// of z. Ties go to "other".
TypeDecision CombineTypes(
    const std::vector<std::pair<std::string, double>>& model,
    const TypeDecision& default_rules, const TypeDecision& site_rules,
    double rule_weight, double rule_shortfall_weight, double site_rule_weight);

}  // namespace intake::classify

#endif  // INTAKE_CLASSIFY_TYPE_SCORER_H_
