// TypeModel: a statistical document-type model trained from labelled
// examples.
//
// A multinomial naive Bayes over five feature groups: words, word pairs,
// character 4-grams of words (robust to OCR confusions), and the words and
// word pairs of the title region (the first lines of page 1 and, when words
// have boxes, its tallest lines). Each class keeps its raw feature counts, so
// a model is additive: retraining adds (weighted) counts of reviewed documents
// to a base model's counts and never forgets the base's classes.
//
// Class distributions are smoothed toward the pooled distribution of all
// classes (a Dirichlet prior), so a class with few examples differs from the
// pool only where its examples do, and a document with little known
// vocabulary gets near-uniform probabilities instead of a confident guess.
// Per group the score is the mean log-likelihood per feature occurrence
// (length-independent), groups are weighted, and a fitted temperature turns
// scores into calibrated probabilities.
//
// A TypeModel is immutable once built: Predict is safe from several threads.
#ifndef INTAKE_CLASSIFY_MODEL_H_
#define INTAKE_CLASSIFY_MODEL_H_

#include <array>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/document.h"
#include "common/status.h"

namespace intake::classify {

// A document a person (or the example generator) has labelled.
struct LabelledDocument {
  std::string doc_type;  // a-z, 0-9, '_'
  std::vector<Page> pages;
};

// Feature groups; their order is part of the serialized format.
inline constexpr int kFeatureGroups = 5;

struct TrainOptions;

class TypeModel {
 public:
  // An empty model: no classes; Predict returns nothing.
  TypeModel() = default;

  // Reads Serialize()'s text. Errors are one line, e.g.
  // "type model: unsupported format version 7 (this build reads 1)".
  static Result<TypeModel> Parse(std::string_view serialized);

  // The shipped model (classify/training/default_model.json, embedded at
  // build time). Empty when the build had no model file.
  static const TypeModel& Default();

  // Compact JSON; Parse(Serialize()) predicts exactly the same.
  std::string Serialize() const;

  // Calibrated probabilities of every class, best first (ties: "other"
  // first, then by name). Empty for a model without classes.
  std::vector<std::pair<std::string, double>> Predict(
      const std::vector<Page>& pages) const;

  std::vector<std::string> types() const { return classes_; }
  int examples() const { return examples_; }  // documents counted in
  std::string version() const { return version_; }
  double temperature() const { return temperature_; }
  bool empty() const { return classes_.empty(); }

  // Raw per-class scores before the temperature (mean log-likelihoods,
  // weighted over groups), in types() order. For calibration and tests.
  std::vector<double> Scores(const std::vector<Page>& pages) const;

  // A copy with another temperature (see FitTemperature).
  TypeModel WithTemperature(double temperature) const;

 private:
  friend Result<TypeModel> TrainTypeModel(const TypeModel*,
                                          const std::vector<LabelledDocument>&,
                                          const TrainOptions&);
  struct Group {
    // feature -> (class index, weighted count), sorted by class index.
    std::unordered_map<std::string, std::vector<std::pair<int, double>>> counts;
    std::vector<double> totals;  // per class: all occurrences, pruned too
  };
  int ClassIndex(const std::string& name) const;
  void AddClass(const std::string& name);

  std::string version_;
  std::vector<std::string> classes_;
  std::vector<double> docs_;  // per class: weighted documents
  std::array<Group, kFeatureGroups> groups_;
  std::array<double, kFeatureGroups> weights_ = {1, 1, 1, 1, 1};
  int examples_ = 0;
  double temperature_ = 1.0;
  // Dirichlet pseudo-count toward the pooled distribution, in documents'
  // worth of feature occurrences of the group.
  double prior_docs_ = 3;
};

struct TrainOptions {
  // Weight of each new example's counts relative to the base's (1.0: a
  // reviewed document counts like one generated example).
  double reviewed_weight = 1.0;
  // Version string of the result; empty: the base's version + "+N" (N new
  // examples), or "trained-N" without a base.
  std::string version;
  // Pruning, for a compact shipped model: keep at most this many features
  // per group (0: keep all), each seen at least min_count times in total.
  int max_features_per_group = 0;
  double min_count = 0;
  // Smoothing of a new model (ignored with a base): how many documents'
  // worth of pooled counts each class is pulled toward.
  double prior_docs = 3;
};

// A new model: `base`'s knowledge (its classes, counts and temperature) plus
// these examples. `base` may be null (a model from the examples alone) or
// &TypeModel::Default(). A type not in the base becomes a new class. Errors:
// no examples and no base, a bad type name, a weight <= 0.
Result<TypeModel> TrainTypeModel(const TypeModel* base,
                                 const std::vector<LabelledDocument>& examples,
                                 const TrainOptions& options = {});

// The temperature minimising the negative log-likelihood of `heldout` under
// `model` (documents of classes the model lacks are skipped). Returns 1 when
// nothing can be fitted.
double FitTemperature(const TypeModel& model,
                      const std::vector<LabelledDocument>& heldout);

// The examples file format of classify/training: one JSON object a line,
// {"type": "lab_report", "pages": ["page 1 text", ...]}. Errors name the line.
Result<std::vector<LabelledDocument>> ParseExamples(std::string_view jsonl);

}  // namespace intake::classify

#endif  // INTAKE_CLASSIFY_MODEL_H_
