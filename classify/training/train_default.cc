// intake_train_default: builds the shipped type model from generated examples.
//
//   intake_train_default TRAIN.jsonl CALIBRATION.jsonl OUT.json
//
// Trains with TrainTypeModel (the code `intake train` uses), pruned to a
// compact size, then fits the temperature on the calibration examples (made
// with another seed and the held-out title wordings). See classify/README.md.
#include <fstream>
#include <iostream>
#include <sstream>

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
  if (argc != 4) {
    std::cerr << "usage: intake_train_default TRAIN.jsonl CALIBRATION.jsonl "
                 "OUT.json\n";
    return 2;
  }
  std::vector<std::vector<LabelledDocument>> sets;
  for (int i = 1; i <= 2; ++i) {
    std::string text;
    if (!ReadFile(argv[i], &text)) {
      std::cerr << "intake_train_default: cannot read " << argv[i] << "\n";
      return 1;
    }
    auto examples = ParseExamples(text);
    if (!examples.ok()) {
      std::cerr << argv[i] << ": " << examples.status().message() << "\n";
      return 1;
    }
    sets.push_back(std::move(examples).value());
  }
  TrainOptions options;
  options.version = "default-1";
  options.max_features_per_group = 1500;
  options.min_count = 3;
  auto model = TrainTypeModel(nullptr, sets[0], options);
  if (!model.ok()) {
    std::cerr << model.status().message() << "\n";
    return 1;
  }
  double t = FitTemperature(*model, sets[1]);
  TypeModel calibrated = model->WithTemperature(t);
  std::string json = calibrated.Serialize();
  std::ofstream out(argv[3], std::ios::binary);
  out << json << "\n";
  if (!out) {
    std::cerr << "intake_train_default: cannot write " << argv[3] << "\n";
    return 1;
  }
  std::cerr << "model " << calibrated.version() << ": "
            << calibrated.types().size() << " types, " << calibrated.examples()
            << " examples, temperature " << t << ", " << json.size() / 1024
            << " KiB\n";
  return 0;
}
