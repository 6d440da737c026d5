#include "classify/model.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "classify/text.h"

namespace intake::classify {

// The embedded default model (generated from training/default_model.json).
extern const char kDefaultTypeModelJson[];

namespace {

using json = nlohmann::json;

constexpr char kFormat[] = "intake-type-model";
constexpr int kFormatVersion = 1;
constexpr const char* kGroupNames[kFeatureGroups] = {
    "word", "pair", "char4", "title_word", "title_pair"};
constexpr size_t kTitleLines = 8;  // first lines of page 1 hold the title
constexpr char kOther[] = "other";

using FeatureCounts = std::array<std::map<std::string, double>, kFeatureGroups>;

bool IsTypeName(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
      return false;
  }
  return true;
}

// A token's feature key: lowercase letters, with the digits OCR confuses
// with letters folded inside words (0->o, 1->l, 5->s); a number becomes "#";
// "" for what carries no evidence (punctuation, single characters).
std::string WordKey(std::string_view text) {
  std::string letters;
  int alpha = 0, digit = 0;
  for (unsigned char c : text) {
    if (std::isalpha(c)) {
      letters += static_cast<char>(std::tolower(c));
      ++alpha;
    } else if (std::isdigit(c)) {
      letters += static_cast<char>(c);
      ++digit;
    }
  }
  if (alpha == 0) return digit > 0 ? "#" : "";
  if (digit > 0) {
    if (digit > alpha) return "#";  // an identifier like "A12345678"
    for (char& c : letters) {
      if (c == '0') c = 'o';
      if (c == '1') c = 'l';
      if (c == '5') c = 's';
    }
    letters.erase(
        std::remove_if(
            letters.begin(), letters.end(),
            [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }),
        letters.end());
  }
  if (letters.size() < 2 && letters != "#") return "";
  return letters;
}

// Keys of one line. A letter-spaced title ("L A B O R A T O R Y") has its
// runs of single letters joined into one word.
std::vector<std::string> LineKeys(const Line& line) {
  int singles = 0;
  for (const Token& t : line.tokens) singles += t.text.size() == 1;
  bool spaced = line.tokens.size() >= 4 &&
                singles * 10 >= 7 * static_cast<int>(line.tokens.size());
  std::vector<std::string> keys;
  std::string run;
  for (const Token& t : line.tokens) {
    if (spaced && t.text.size() == 1 &&
        std::isalpha(static_cast<unsigned char>(t.text[0]))) {
      run += static_cast<char>(
          std::tolower(static_cast<unsigned char>(t.text[0])));
      continue;
    }
    if (!run.empty()) {
      if (run.size() >= 2) keys.push_back(run);
      run.clear();
    }
    std::string k = WordKey(t.text);
    if (!k.empty()) keys.push_back(k);
  }
  if (run.size() >= 2) keys.push_back(run);
  return keys;
}

void AddLine(const std::vector<std::string>& keys, int word_group,
             int pair_group, FeatureCounts* raw) {
  for (size_t i = 0; i < keys.size(); ++i) {
    (*raw)[word_group][keys[i]] += 1;
    if (i + 1 < keys.size())
      (*raw)[pair_group][keys[i] + " " + keys[i + 1]] += 1;
  }
}

// Lines of page 1 that hold its title: the first kTitleLines non-empty ones
// and, when the page has word boxes, the two tallest lines of its top half.
std::vector<const Line*> TitleLines(const PageLines& page, bool has_boxes) {
  std::vector<const Line*> out;
  for (const Line& line : page.lines) {
    if (out.size() >= kTitleLines) break;
    if (!line.tokens.empty()) out.push_back(&line);
  }
  if (has_boxes && !page.lines.empty()) {
    int bottom = page.lines.back().bottom;
    std::vector<const Line*> top;
    for (const Line& line : page.lines) {
      if (line.top * 2 <= bottom && !line.tokens.empty()) top.push_back(&line);
    }
    std::sort(top.begin(), top.end(), [](const Line* a, const Line* b) {
      return a->height() > b->height();
    });
    for (size_t i = 0; i < top.size() && i < 2; ++i) {
      if (std::find(out.begin(), out.end(), top[i]) == out.end())
        out.push_back(top[i]);
    }
  }
  return out;
}

// Feature weights of a document: 1 + ln(count) per distinct feature, which
// keeps a word repeated down a table from outweighing everything else.
FeatureCounts Extract(const std::vector<Page>& pages) {
  FeatureCounts raw;
  std::vector<PageLines> lines = BuildLines(pages);
  for (size_t p = 0; p < lines.size(); ++p) {
    for (const Line& line : lines[p].lines) {
      std::vector<std::string> keys = LineKeys(line);
      AddLine(keys, 0, 1, &raw);
      for (const std::string& k : keys) {
        if (k.size() < 3 || k == "#") continue;
        std::string padded = " " + k + " ";
        for (size_t i = 0; i + 4 <= padded.size(); ++i) {
          raw[2][padded.substr(i, 4)] += 1;
        }
      }
    }
  }
  if (!lines.empty()) {
    bool has_boxes = !pages.empty() && !pages.front().words.empty();
    for (const Line* line : TitleLines(lines.front(), has_boxes)) {
      AddLine(LineKeys(*line), 3, 4, &raw);
    }
  }
  for (auto& group : raw) {
    for (auto& [f, n] : group) n = 1 + std::log(n);
  }
  return raw;
}

double Round(double v) { return std::round(v * 1000) / 1000; }

}  // namespace

int TypeModel::ClassIndex(const std::string& name) const {
  for (size_t i = 0; i < classes_.size(); ++i) {
    if (classes_[i] == name) return static_cast<int>(i);
  }
  return -1;
}

void TypeModel::AddClass(const std::string& name) {
  classes_.push_back(name);
  docs_.push_back(0);
  for (Group& g : groups_) g.totals.push_back(0);
}

std::vector<double> TypeModel::Scores(const std::vector<Page>& pages) const {
  const size_t n = classes_.size();
  std::vector<double> scores(n, 0.0);
  if (n == 0) return scores;
  FeatureCounts doc = Extract(pages);
  double all_docs = 0;
  for (double d : docs_) all_docs += d;
  if (all_docs <= 0) return scores;
  std::vector<double> sum(n);
  for (int g = 0; g < kFeatureGroups; ++g) {
    const Group& group = groups_[g];
    double pool_total = 0;
    for (double t : group.totals) pool_total += t;
    if (pool_total <= 0) continue;
    // Pseudo-count: prior_docs_ documents' worth of this group's features.
    double mu = prior_docs_ * pool_total / all_docs;
    std::fill(sum.begin(), sum.end(), 0.0);
    double weight = 0;
    for (const auto& [f, w] : doc[g]) {
      auto it = group.counts.find(f);
      // An unknown feature tells no class from another, but it still counts
      // in the mean: a page of mostly unknown words gets close scores (low
      // confidence) instead of being judged on its few familiar words.
      weight += w;
      if (it == group.counts.end()) continue;
      double pooled = 0;
      for (const auto& [c, count] : it->second) pooled += count;
      double p_pool = pooled / pool_total;
      size_t k = 0;
      const auto& entries = it->second;
      for (size_t c = 0; c < n; ++c) {
        double count = 0;
        while (k < entries.size() && entries[k].first < static_cast<int>(c))
          ++k;
        if (k < entries.size() && entries[k].first == static_cast<int>(c))
          count = entries[k].second;
        sum[c] += w * std::log((count + mu * p_pool) /
                               ((group.totals[c] + mu) * p_pool));
      }
    }
    if (weight <= 0) continue;
    for (size_t c = 0; c < n; ++c) scores[c] += weights_[g] * sum[c] / weight;
  }
  return scores;
}

std::vector<std::pair<std::string, double>> TypeModel::Predict(
    const std::vector<Page>& pages) const {
  std::vector<double> scores = Scores(pages);
  std::vector<std::pair<std::string, double>> out;
  if (scores.empty()) return out;
  double max = *std::max_element(scores.begin(), scores.end());
  double sum = 0;
  for (double& s : scores) {
    s = std::exp((s - max) / temperature_);
    sum += s;
  }
  for (size_t c = 0; c < classes_.size(); ++c) {
    out.emplace_back(classes_[c], scores[c] / sum);
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    if (a.second != b.second) return a.second > b.second;
    if ((a.first == kOther) != (b.first == kOther)) return a.first == kOther;
    return a.first < b.first;
  });
  return out;
}

TypeModel TypeModel::WithTemperature(double temperature) const {
  TypeModel m = *this;
  if (temperature > 0 && std::isfinite(temperature))
    m.temperature_ = temperature;
  return m;
}

std::string TypeModel::Serialize() const {
  json j;
  j["format"] = kFormat;
  j["format_version"] = kFormatVersion;
  j["version"] = version_;
  j["examples"] = examples_;
  j["temperature"] = temperature_;
  j["prior_docs"] = prior_docs_;
  j["classes"] = classes_;
  j["docs"] = docs_;
  json groups = json::array();
  for (int g = 0; g < kFeatureGroups; ++g) {
    json features = json::object();
    // Sorted keys: the same model always serialises to the same text.
    std::map<std::string_view, const std::vector<std::pair<int, double>>*>
        sorted;
    for (const auto& [f, entries] : groups_[g].counts) sorted[f] = &entries;
    for (const auto& [f, entries] : sorted) {
      json flat = json::array();
      for (const auto& [c, count] : *entries) {
        flat.push_back(c);
        flat.push_back(count);
      }
      features[std::string(f)] = std::move(flat);
    }
    groups.push_back({{"name", kGroupNames[g]},
                      {"weight", weights_[g]},
                      {"totals", groups_[g].totals},
                      {"features", std::move(features)}});
  }
  j["groups"] = std::move(groups);
  return j.dump();
}

Result<TypeModel> TypeModel::Parse(std::string_view serialized) {
  auto bad = [](const std::string& what) {
    return Status::Corrupt("type model: " + what);
  };
  json j = json::parse(serialized, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return bad("not a JSON object");
  if (j.value("format", std::string()) != kFormat) {
    return bad("not an intake type model (format is not \"" +
               std::string(kFormat) + "\")");
  }
  if (!j.contains("format_version") || !j["format_version"].is_number_integer())
    return bad("missing format_version");
  int fv = j["format_version"].get<int>();
  if (fv != kFormatVersion) {
    return bad("unsupported format version " + std::to_string(fv) +
               " (this build reads " + std::to_string(kFormatVersion) + ")");
  }
  TypeModel m;
  try {
    m.version_ = j.at("version").get<std::string>();
    m.examples_ = j.at("examples").get<int>();
    m.temperature_ = j.at("temperature").get<double>();
    m.prior_docs_ = j.at("prior_docs").get<double>();
    m.classes_ = j.at("classes").get<std::vector<std::string>>();
    m.docs_ = j.at("docs").get<std::vector<double>>();
    const json& groups = j.at("groups");
    if (!groups.is_array() || groups.size() != kFeatureGroups)
      return bad("expected " + std::to_string(kFeatureGroups) + " groups");
    const size_t n = m.classes_.size();
    for (size_t i = 0; i < n; ++i) {
      if (!IsTypeName(m.classes_[i])) {
        return bad("bad class name \"" + m.classes_[i] + "\"");
      }
      for (size_t k = 0; k < i; ++k) {
        if (m.classes_[k] == m.classes_[i])
          return bad("class \"" + m.classes_[i] + "\" twice");
      }
    }
    if (m.docs_.size() != n) return bad("docs: one per class expected");
    if (!(m.temperature_ > 0) || !(m.prior_docs_ > 0))
      return bad("temperature and prior_docs must be positive");
    for (int g = 0; g < kFeatureGroups; ++g) {
      const json& group = groups[g];
      if (group.at("name").get<std::string>() != kGroupNames[g]) {
        return bad("group " + std::to_string(g + 1) + " is not \"" +
                   kGroupNames[g] + "\"");
      }
      m.weights_[g] = group.at("weight").get<double>();
      m.groups_[g].totals = group.at("totals").get<std::vector<double>>();
      if (m.groups_[g].totals.size() != n) {
        return bad(std::string(kGroupNames[g]) +
                   ": totals: one per class expected");
      }
      for (const auto& [f, flat] : group.at("features").items()) {
        if (!flat.is_array() || flat.size() % 2 != 0 || flat.empty()) {
          return bad(std::string(kGroupNames[g]) + ": feature \"" + f +
                     "\": expected [class, count, ...]");
        }
        std::vector<std::pair<int, double>> entries;
        for (size_t i = 0; i < flat.size(); i += 2) {
          int c = flat[i].get<int>();
          double count = flat[i + 1].get<double>();
          if (c < 0 || c >= static_cast<int>(n) || !(count >= 0) ||
              (!entries.empty() && entries.back().first >= c)) {
            return bad(std::string(kGroupNames[g]) + ": feature \"" + f +
                       "\": bad class index or count");
          }
          entries.emplace_back(c, count);
        }
        m.groups_[g].counts.emplace(f, std::move(entries));
      }
    }
  } catch (const json::exception& e) {
    return bad(std::string("malformed: ") + e.what());
  }
  return m;
}

const TypeModel& TypeModel::Default() {
  static const TypeModel* model = [] {
    Result<TypeModel> m = Parse(kDefaultTypeModelJson);
    return new TypeModel(m.ok() ? std::move(m).value() : TypeModel());
  }();
  return *model;
}

Result<TypeModel> TrainTypeModel(const TypeModel* base,
                                 const std::vector<LabelledDocument>& examples,
                                 const TrainOptions& options) {
  if (!(options.reviewed_weight > 0)) {
    return Status::InvalidArgument("train: reviewed_weight must be positive");
  }
  if (examples.empty() && (base == nullptr || base->empty())) {
    return Status::InvalidArgument("train: no examples to learn from");
  }
  for (size_t i = 0; i < examples.size(); ++i) {
    if (!IsTypeName(examples[i].doc_type)) {
      return Status::InvalidArgument(
          "train: example " + std::to_string(i + 1) + ": bad type name \"" +
          examples[i].doc_type + "\" (a-z, 0-9, '_')");
    }
  }
  TypeModel m = base != nullptr ? *base : TypeModel();
  if (base == nullptr) m.prior_docs_ = options.prior_docs;
  const double w = options.reviewed_weight;
  for (const LabelledDocument& ex : examples) {
    int c = m.ClassIndex(ex.doc_type);
    if (c < 0) {
      m.AddClass(ex.doc_type);
      c = static_cast<int>(m.classes_.size()) - 1;
    }
    FeatureCounts doc = Extract(ex.pages);
    for (int g = 0; g < kFeatureGroups; ++g) {
      TypeModel::Group& group = m.groups_[g];
      for (const auto& [f, n] : doc[g]) {
        auto& entries = group.counts[f];
        auto it = std::lower_bound(
            entries.begin(), entries.end(), c,
            [](const std::pair<int, double>& e, int v) { return e.first < v; });
        if (it == entries.end() || it->first != c) {
          it = entries.insert(it, {c, 0.0});
        }
        it->second += n * w;
        group.totals[c] += n * w;
      }
    }
    m.docs_[c] += w;
    ++m.examples_;
  }
  // Pruning: keep the features that tell classes apart best (their
  // contribution to the mutual information of feature and class), among
  // those seen often enough.
  if (options.max_features_per_group > 0 || options.min_count > 0) {
    for (int g = 0; g < kFeatureGroups; ++g) {
      TypeModel::Group& group = m.groups_[g];
      double pool_total = 0;
      for (double t : group.totals) pool_total += t;
      std::vector<std::pair<double, std::string>> ranked;
      for (const auto& [f, entries] : group.counts) {
        double pooled = 0;
        for (const auto& e : entries) pooled += e.second;
        if (pooled < options.min_count) continue;
        double info = 0;
        for (const auto& [c, count] : entries) {
          double p_fc = count / std::max(group.totals[c], 1e-9);
          double p_f = pooled / pool_total;
          if (count > 0) info += count * std::log(p_fc / p_f);
        }
        ranked.emplace_back(info, f);
      }
      std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
      });
      if (options.max_features_per_group > 0 &&
          ranked.size() > static_cast<size_t>(options.max_features_per_group))
        ranked.resize(options.max_features_per_group);
      std::unordered_map<std::string, std::vector<std::pair<int, double>>> kept;
      for (auto& [info, f] : ranked) kept[f] = std::move(group.counts[f]);
      group.counts = std::move(kept);
    }
  }
  for (TypeModel::Group& group : m.groups_) {
    for (auto& [f, entries] : group.counts) {
      for (auto& e : entries) e.second = Round(e.second);
    }
    for (double& t : group.totals) t = Round(t);
  }
  for (double& d : m.docs_) d = Round(d);
  if (!options.version.empty()) {
    m.version_ = options.version;
  } else if (base != nullptr && !base->version_.empty()) {
    m.version_ = base->version_ + "+" + std::to_string(examples.size());
  } else {
    m.version_ = "trained-" + std::to_string(m.examples_);
  }
  return m;
}

double FitTemperature(const TypeModel& model,
                      const std::vector<LabelledDocument>& heldout) {
  std::vector<std::string> types = model.types();
  std::vector<std::pair<std::vector<double>, size_t>> data;
  for (const LabelledDocument& doc : heldout) {
    auto it = std::find(types.begin(), types.end(), doc.doc_type);
    if (it == types.end()) continue;
    data.emplace_back(model.Scores(doc.pages), it - types.begin());
  }
  if (data.empty()) return 1.0;
  auto nll = [&](double t) {
    double total = 0;
    for (const auto& [scores, truth] : data) {
      double max = *std::max_element(scores.begin(), scores.end());
      double sum = 0;
      for (double s : scores) sum += std::exp((s - max) / t);
      total += std::log(sum) - (scores[truth] - max) / t;
    }
    return total;
  };
  // A coarse log-spaced scan, then golden-section refinement.
  double best = 1, best_nll = nll(1);
  for (double lt = -5; lt <= 2; lt += 0.05) {
    double t = std::exp(lt), v = nll(t);
    if (v < best_nll) best = t, best_nll = v;
  }
  double lo = best * std::exp(-0.05), hi = best * std::exp(0.05);
  const double phi = (std::sqrt(5.0) - 1) / 2;
  for (int i = 0; i < 40; ++i) {
    double a = hi - phi * (hi - lo), b = lo + phi * (hi - lo);
    if (nll(a) < nll(b)) {
      hi = b;
    } else {
      lo = a;
    }
  }
  return (lo + hi) / 2;
}

Result<std::vector<LabelledDocument>> ParseExamples(std::string_view jsonl) {
  std::vector<LabelledDocument> out;
  size_t line_no = 0, start = 0;
  while (start < jsonl.size()) {
    size_t end = jsonl.find('\n', start);
    if (end == std::string_view::npos) end = jsonl.size();
    std::string_view line = jsonl.substr(start, end - start);
    start = end + 1;
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    auto bad = [&](const std::string& what) {
      return Status::InvalidArgument("examples line " +
                                     std::to_string(line_no) + ": " + what);
    };
    json j = json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return bad("not a JSON object");
    if (!j.contains("type") || !j["type"].is_string())
      return bad("\"type\" must be a string");
    if (!j.contains("pages") || !j["pages"].is_array())
      return bad("\"pages\" must be an array of strings");
    LabelledDocument doc;
    doc.doc_type = j["type"].get<std::string>();
    for (const json& p : j["pages"]) {
      if (!p.is_string()) return bad("\"pages\" must be an array of strings");
      Page page;
      page.number = static_cast<int>(doc.pages.size()) + 1;
      page.text = p.get<std::string>();
      doc.pages.push_back(std::move(page));
    }
    out.push_back(std::move(doc));
  }
  return out;
}

}  // namespace intake::classify
