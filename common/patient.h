// A patient of the registry that documents are matched against (DESIGN.md
// "intake patients import"). A plain value shared by classify/ (matching),
// store/ (the registry table) and app/ (the import command).
#ifndef INTAKE_COMMON_PATIENT_H_
#define INTAKE_COMMON_PATIENT_H_

#include <string>

namespace intake {

struct PatientRecord {
  std::string id;  // assigned by the store; stable across re-imports
  std::string mrn;
  std::string last_name;
  std::string first_name;
  std::string dob;  // YYYY-MM-DD
  std::string member_id;
  std::string sex;
  std::string phone;
};

}  // namespace intake

#endif  // INTAKE_COMMON_PATIENT_H_
