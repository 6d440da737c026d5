// Merges field candidates into one Field per name; ExtractFields.
#include <algorithm>
#include <cstdlib>
#include <set>
#include <tuple>

#include "classify/classifier.h"
#include "classify/fields.h"
#include "classify/labels.h"
#include "classify/patients.h"

namespace intake::classify {
namespace {

// A candidate that disagrees with the chosen one costs this much confidence:
// two DOBs on one document is a reason for a person to look.
constexpr double kConflictFactor = 0.6;
constexpr double kConflictMinConfidence = 0.5;  // weaker ones are noise

bool ReadingOrder(const FieldHit& a, const FieldHit& b) {
  return std::tie(a.page, a.line, a.x) < std::tie(b.page, b.line, b.x);
}

// "Last Name: RIVERA  First Name: DANIEL" -> patient_name "Daniel Rivera",
// pairing each last name with the nearest first name on its page.
void JoinNameParts(std::vector<FieldHit>* hits) {
  std::vector<FieldHit> joined;
  for (const FieldHit& last : *hits) {
    if (last.field != kLastNamePart) continue;
    const FieldHit* best = nullptr;
    for (const FieldHit& first : *hits) {
      if (first.field != kFirstNamePart || first.page != last.page) continue;
      if (best == nullptr ||
          std::abs(first.line - last.line) < std::abs(best->line - last.line))
        best = &first;
    }
    if (best == nullptr) continue;
    FieldHit name = ReadingOrder(*best, last) ? *best : last;
    name.field = field::kPatientName;
    name.value = best->value + " " + last.value;
    name.confidence = std::min(best->confidence, last.confidence);
    joined.push_back(std::move(name));
  }
  std::erase_if(*hits, [](const FieldHit& h) {
    return h.field == kFirstNamePart || h.field == kLastNamePart;
  });
  hits->insert(hits->end(), joined.begin(), joined.end());
}

// Two readings of a patient name that OCR damage could make of one name
// ("Kowalezyk, Thea" and "THEA KOWALCZYK" on one card) are no conflict.
bool SamePersonRead(const std::string& name, const std::string& a,
                    const std::string& b) {
  return name == field::kPatientName &&
         MaybeSamePerson(NameKeyFromField(a), NameKeyFromField(b));
}

}  // namespace

std::map<std::string, Field> MergeFieldHits(
    std::vector<FieldHit> hits, std::vector<std::string>* conflicts) {
  JoinNameParts(&hits);
  std::stable_sort(hits.begin(), hits.end(), ReadingOrder);
  std::map<std::string, Field> fields;
  std::set<std::string> names;
  for (const FieldHit& h : hits) names.insert(h.field);
  for (const std::string& name : names) {
    Field f;
    f.is_list = field::IsList(name);
    if (f.is_list) {
      std::map<std::string, double> best;  // value -> highest confidence
      for (const FieldHit& h : hits) {
        if (h.field != name) continue;
        auto [it, fresh] = best.emplace(h.value, h.confidence);
        if (fresh) {
          f.values.push_back(h.value);
          if (f.values.size() == 1) f.page = h.page;
        } else {
          it->second = std::max(it->second, h.confidence);
        }
      }
      f.confidence = 1.0;
      for (const auto& [value, conf] : best) {
        f.confidence = std::min(f.confidence, conf);
      }
    } else {
      const FieldHit* chosen = nullptr;
      for (const FieldHit& h : hits) {
        if (h.field == name &&
            (chosen == nullptr || h.confidence > chosen->confidence))
          chosen = &h;
      }
      f.values = {chosen->value};
      f.page = chosen->page;
      f.confidence = chosen->confidence;
      bool disagree = std::any_of(hits.begin(), hits.end(), [&](const auto& h) {
        return h.field == name && h.value != chosen->value &&
               h.confidence >= kConflictMinConfidence &&
               !SamePersonRead(name, h.value, chosen->value);
      });
      if (disagree) {
        f.confidence *= kConflictFactor;
        if (conflicts != nullptr) conflicts->push_back(name);
      }
    }
    fields.emplace(name, std::move(f));
  }
  return fields;
}

std::map<std::string, Field> ExtractFields(const std::vector<Page>& pages) {
  return ExtractFields(pages, FieldOptions());
}

std::map<std::string, Field> ExtractFields(const std::vector<Page>& pages,
                                           const FieldOptions& options) {
  return MergeFieldHits(FindFieldHits(BuildLines(pages), Today(), options),
                        nullptr);
}

}  // namespace intake::classify
