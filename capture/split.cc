#include "capture/split.h"

#include <algorithm>
#include <cctype>

namespace intake::capture {
namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(c));
  return s;
}

std::string Trim(const std::string& s) {
  const size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return std::string();
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

bool IsSeparator(const std::vector<Barcode>& codes, const std::string& want) {
  if (want.empty()) return false;
  const std::string w = Lower(Trim(want));
  return std::any_of(codes.begin(), codes.end(), [&](const Barcode& b) {
    return Lower(Trim(b.text)) == w || Lower(b.format) == w;
  });
}

}  // namespace

Status ValidateSplitOptions(const SplitOptions& options) {
  if (options.patient_pattern.empty()) return Status::Ok();
  try {
    std::regex re(options.patient_pattern);
  } catch (const std::regex_error& e) {
    return Status::InvalidArgument("patient_barcode: '" +
                                   options.patient_pattern +
                                   "' is not a valid pattern: " + e.what());
  }
  return Status::Ok();
}

SplitPlan PlanSplit(const std::vector<std::vector<Barcode>>& barcodes,
                    const SplitOptions& options) {
  SplitPlan plan;
  std::regex pattern;
  const bool labels = !options.patient_pattern.empty();
  if (labels) pattern = std::regex(options.patient_pattern);
  const std::string symbology = Lower(options.patient_symbology);
  bool open = false;  // a document has been started since the last separator
  for (const std::vector<Barcode>& codes : barcodes) {
    if (IsSeparator(codes, options.separator)) {
      plan.document_of_page.push_back(0);
      ++plan.separators;
      open = false;
      continue;
    }
    if (!open) {
      ++plan.documents;
      plan.mrn.emplace_back();
      plan.mrn_page.push_back(0);
      open = true;
    }
    plan.document_of_page.push_back(plan.documents);
    std::string& mrn = plan.mrn.back();
    if (!labels || !mrn.empty()) continue;
    for (const Barcode& b : codes) {
      if (!symbology.empty() && Lower(b.format) != symbology) continue;
      std::smatch m;
      const std::string text = Trim(b.text);
      if (!std::regex_match(text, m, pattern)) continue;
      mrn = m.size() > 1 && m[1].matched ? m[1].str() : text;
      plan.mrn_page.back() = static_cast<int>(plan.document_of_page.size()) - 1;
      if (!mrn.empty()) break;
    }
  }
  return plan;
}

}  // namespace intake::capture
