// intake_type_eval: type accuracy, abstention and calibration of the
// Classifier (default rules + a type model) on labelled examples.
//
//   intake_type_eval [--model MODEL.json] [--rules RULES.toml] [--errors]
//                    EXAMPLES.jsonl
//
// Abstained: confidence below min_type_confidence (review reason
// low_type_confidence). Prints one summary block; --errors lists mistakes.
#include <cstring>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>

#include "classify/classifier.h"
#include "classify/model.h"

namespace {

bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  *out = s.str();
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace intake::classify;
  std::string model_path, rules_path, examples_path;
  bool errors = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--model" && i + 1 < argc) {
      model_path = argv[++i];
    } else if (a == "--rules" && i + 1 < argc) {
      rules_path = argv[++i];
    } else if (a == "--errors") {
      errors = true;
    } else {
      examples_path = a;
    }
  }
  if (examples_path.empty()) {
    std::cerr << "usage: intake_type_eval [--model M.json] [--rules R.toml] "
                 "[--errors] EXAMPLES.jsonl\n";
    return 2;
  }
  std::shared_ptr<const TypeModel> model;
  if (!model_path.empty()) {
    std::string text;
    if (!ReadFile(model_path, &text)) {
      std::cerr << "cannot read " << model_path << "\n";
      return 1;
    }
    auto m = TypeModel::Parse(text);
    if (!m.ok()) {
      std::cerr << model_path << ": " << m.status().message() << "\n";
      return 1;
    }
    model = std::make_shared<const TypeModel>(std::move(m).value());
  }
  ClassifierOptions options = Classifier::DefaultOptions();
  if (!rules_path.empty()) {
    auto o = Classifier::LoadOptions(rules_path);
    if (!o.ok()) {
      std::cerr << o.status().message() << "\n";
      return 1;
    }
    options = *o;
  }
  Classifier classifier(options, model);
  std::string text;
  if (!ReadFile(examples_path, &text)) {
    std::cerr << "cannot read " << examples_path << "\n";
    return 1;
  }
  auto examples = ParseExamples(text);
  if (!examples.ok()) {
    std::cerr << examples_path << ": " << examples.status().message() << "\n";
    return 1;
  }
  int n = 0, abstained = 0, correct_kept = 0, correct_all = 0;
  int medical_on_other = 0, other_truth = 0;
  constexpr int kBins = 10;
  double bin_conf[kBins] = {}, bin_acc[kBins] = {};
  int bin_n[kBins] = {};
  std::map<std::string, std::pair<int, int>> per_type;  // right, total
  for (const LabelledDocument& ex : *examples) {
    intake::Classification c = classifier.Classify(ex.pages);
    ++n;
    bool right = c.doc_type == ex.doc_type;
    bool abstain = c.type_confidence < options.min_type_confidence;
    correct_all += right;
    if (abstain) {
      ++abstained;
    } else {
      correct_kept += right;
    }
    if (ex.doc_type == "other") {
      ++other_truth;
      if (!abstain && c.doc_type != "other") ++medical_on_other;
    }
    auto& pt = per_type[ex.doc_type];
    pt.first += right;
    ++pt.second;
    int b = std::min(kBins - 1, static_cast<int>(c.type_confidence * kBins));
    bin_conf[b] += c.type_confidence;
    bin_acc[b] += right;
    ++bin_n[b];
    if (errors && (!right || abstain)) {
      std::string first_line = ex.pages.empty() ? "" : ex.pages[0].text;
      first_line = first_line.substr(0, first_line.find('\n'));
      std::cout << "  " << ex.doc_type << " -> " << c.doc_type << " "
                << std::fixed << std::setprecision(2) << c.type_confidence
                << (abstain ? " (abstained)" : "") << "  | "
                << first_line.substr(0, 60) << "\n";
    }
  }
  double ece = 0;
  for (int b = 0; b < kBins; ++b) {
    if (bin_n[b] > 0) ece += std::abs(bin_acc[b] - bin_conf[b]) / n;
  }
  int kept = n - abstained;
  std::cout << std::fixed << std::setprecision(3) << "documents " << n
            << "  accuracy(kept) "
            << (kept ? static_cast<double>(correct_kept) / kept : 0)
            << "  abstained " << (n ? static_cast<double>(abstained) / n : 0)
            << "  accuracy(all, top-1) "
            << (n ? static_cast<double>(correct_all) / n : 0) << "  ECE "
            << ece;
  if (other_truth > 0) {
    std::cout << "  other->medical(kept) " << medical_on_other << "/"
              << other_truth;
  }
  std::cout << "\n  per type:";
  for (const auto& [t, rt] : per_type) {
    std::cout << " " << t << " " << rt.first << "/" << rt.second;
  }
  std::cout << "\n  reliability (confidence bin: n, mean confidence, "
               "accuracy):";
  for (int b = 0; b < kBins; ++b) {
    if (bin_n[b] == 0) continue;
    std::cout << " [" << b / 10.0 << "-" << (b + 1) / 10.0 << ": " << bin_n[b]
              << ", " << std::setprecision(2) << bin_conf[b] / bin_n[b] << ", "
              << bin_acc[b] / bin_n[b] << std::setprecision(3) << "]";
  }
  std::cout << "\n";
  return 0;
}
