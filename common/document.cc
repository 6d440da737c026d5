#include "common/document.h"

#include <array>

namespace intake {
namespace {

constexpr std::array<std::pair<PageState, std::string_view>, 6> kStateNames = {{
    {PageState::kReceived, "received"},
    {PageState::kRecognized, "recognized"},
    {PageState::kClassified, "classified"},
    {PageState::kFiled, "filed"},
    {PageState::kNeedsReview, "needs_review"},
    {PageState::kQuarantined, "quarantined"},
}};

}  // namespace

std::string_view ToString(PageState state) {
  for (const auto& [s, name] : kStateNames) {
    if (s == state) return name;
  }
  return "unknown";
}

std::optional<PageState> ParsePageState(std::string_view text) {
  for (const auto& [s, name] : kStateNames) {
    if (name == text) return s;
  }
  return std::nullopt;
}

namespace field {
bool IsList(std::string_view name) {
  return name == kNpi || name == kIcd10 || name == kCpt;
}
}  // namespace field

std::string JoinPageText(const std::vector<Page>& pages) {
  std::string text;
  for (size_t i = 0; i < pages.size(); ++i) {
    if (i > 0) text += '\f';
    text += pages[i].text;
  }
  return text;
}

}  // namespace intake
