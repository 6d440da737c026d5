// The patient registry and the decision which patient a document belongs to.
//
// Filing a page to the wrong patient is a patient-safety incident, so
// MatchPatient files only when two independent identifiers on the document
// agree on one registry patient and nothing on the document points to anyone
// else; otherwise it says why not (reasons) and files nothing.
//
// PatientRegistry is immutable after construction: every lookup is safe to
// call from several threads at once. MatchPatient is a pure function.
#ifndef INTAKE_CLASSIFY_PATIENTS_H_
#define INTAKE_CLASSIFY_PATIENTS_H_

#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "classify/fields.h"
#include "classify/patient_csv.h"
#include "common/document.h"

namespace intake::classify {

// A person's name reduced for comparison: ASCII lowercase letters only
// (accents folded, "O'Hara" -> "ohara"), split into words at spaces and
// hyphens; titles, suffixes (Jr, Sr, III) and one-letter initials dropped.
struct NameKey {
  std::vector<std::string> first;  // given name words, middle names after
  std::vector<std::string> last;   // surname words ("garcia", "lopez")
  bool empty() const { return first.empty() || last.empty(); }
};
NameKey MakeNameKey(std::string_view first, std::string_view last);
// From a field value "First Last" (classify's patient_name).
NameKey NameKeyFromField(std::string_view first_last);

// How a name read from a page compares with a registry name.
enum class NameAgreement {
  kDifferent,  // another person (or a read too damaged to tell)
  kClose,      // same person under small OCR damage, a dropped second
               // surname, or First/Last read swapped
  kExact,      // same words (case, accents, punctuation, initials aside)
};
// Edit distance allowed per word grows with its length: none up to 4
// letters ("Jon" is not "John"), 1 up to 8, then 2.
NameAgreement CompareNames(const NameKey& page, const NameKey& registry);
// True when two readings of names, neither the registry's, may be one
// person's under OCR damage (CompareNames close or exact either way round).
bool MaybeSamePerson(const NameKey& a, const NameKey& b);

class PatientRegistry {
 public:
  // Takes the patients (e.g. from ParsePatientCsv). An MRN held by two
  // records is ambiguous: FindByMrn returns null for it.
  explicit PatientRegistry(std::vector<PatientRecord> patients);
  PatientRegistry(const PatientRegistry&) = delete;
  PatientRegistry& operator=(const PatientRegistry&) = delete;

  size_t size() const { return patients_.size(); }
  const std::vector<PatientRecord>& patients() const { return patients_; }

  // Pointers stay owned by the registry and valid while it lives.
  // Identifiers compare uppercase with spaces removed; null / empty when
  // nothing matches.
  const PatientRecord* FindByMrn(std::string_view mrn) const;
  std::vector<const PatientRecord*> FindByDob(std::string_view iso) const;
  std::vector<const PatientRecord*> FindByMemberId(
      std::string_view member_id) const;
  // Every patient whose member ID is one to three letters, then `digits`
  // (its prefix lost on a fill-in line: "5395858402" for Q5395858402).
  std::vector<const PatientRecord*> FindByMemberIdDigits(
      std::string_view digits) const;
  // Every patient whose surname (all words joined, folded) equals that of
  // `last_name`.
  std::vector<const PatientRecord*> FindByLastName(
      std::string_view last_name) const;
  // The registry name of `p` as a NameKey (precomputed).
  const NameKey& NameOf(const PatientRecord& p) const;
  // Whether some registry MRN has the shape of `mrn`: the same letters and
  // punctuation in the same places, and digits where it has digits
  // ("MR0031774" and "MR1234567"; not "MRO0031774").
  bool HasMrnShape(std::string_view mrn) const;

 private:
  std::vector<const PatientRecord*> Lookup(
      const std::unordered_multimap<std::string, size_t>& index,
      const std::string& key) const;

  std::vector<PatientRecord> patients_;
  std::vector<NameKey> names_;                      // parallel to patients_
  std::unordered_map<std::string, size_t> by_mrn_;  // ambiguous MRNs absent
  std::unordered_multimap<std::string, size_t> by_dob_;
  std::unordered_multimap<std::string, size_t> by_member_;
  std::unordered_multimap<std::string, size_t> by_member_digits_;
  std::unordered_multimap<std::string, size_t> by_last_;
  std::unordered_set<std::string> mrn_shapes_;
};

// The patient decision for one document.
struct PatientMatch {
  PatientLink link;  // match "none" unless filed to link.id
  // Empty when matched; else one of "no_patient_match", "patient_conflict"
  // (identifiers disagree with each other or point to two registry
  // patients), "multiple_patients" (the pages name two different people).
  std::vector<std::string> reasons;
  std::string detail;  // one line for the reviewer: which identifiers, which
                       // registry ids (never names or dates of birth)
  // When filed: the MRN or member ID the page gave, as the patient's registry
  // record spells it, where the reading is that spelling with letters and
  // digits OCR confuses (MBRO6113654477 for MBR06113654477); the patient's
  // name as the registry spells it ("First Last") where the page's was read
  // damaged or surname first without its comma. Field name -> value.
  std::map<std::string, std::string> corrected_fields;
  // When filed: the patient's name, birth date, MRN and member ID that no
  // label gave but the pages print verbatim as the registry holds them
  // (their label damaged, or worded as no rule knows), with the page and
  // word confidence where printed. Field name -> field.
  std::map<std::string, Field> printed_fields;
  // When not filed: the page's MRN as the registry's MRNs are shaped, where
  // the reading has no registry MRN's shape and exactly one mending of the
  // letters OCR makes of digits does ("MRO0031774" for MR0031774 where
  // MRNs are MR and seven digits): the site's own numbering is the proof.
  // Else empty.
  std::string reshaped_mrn;
};

// Decides the patient of a document from its fields (as ExtractFields gives
// them; an mrn with confidence 1 is a patient-label barcode) and the
// candidates on its pages. Files (link.match = "mrn+name", "mrn+dob",
// "name+dob" or "name+member_id") only when two identifiers agree on one
// registry patient, no identifier on the document disagrees with that
// patient, and no other registry patient fits the document as well. An MRN
// read only after OCR repair (O->0 ...) counts when exactly one repair is in
// the registry and the date of birth or the exact name agrees as well.
PatientMatch MatchPatient(const PatientRegistry& registry,
                          const std::vector<Page>& pages,
                          const std::map<std::string, Field>& fields,
                          const FieldOptions& options = FieldOptions());

}  // namespace intake::classify

#endif  // INTAKE_CLASSIFY_PATIENTS_H_
