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

}  // namespace intake::classify

#endif  // INTAKE_CLASSIFY_TYPE_SCORER_H_
