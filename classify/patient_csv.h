// The patient registry file: a CSV export of the site's patients, read into
// PatientRecords for PatientRegistry (patients.h).
//
// Pure functions: safe to call from several threads.
#ifndef INTAKE_CLASSIFY_PATIENT_CSV_H_
#define INTAKE_CLASSIFY_PATIENT_CSV_H_

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace intake::classify {

// One registry patient, as the site's system knows them.
struct PatientRecord {
  std::string id;          // registry id: the "id" column, else the MRN
  std::string mrn;         // uppercase, as printed on the site's labels
  std::string last_name;   // as given ("De La Cruz", "Garcia-Lopez")
  std::string first_name;  // as given, may hold a middle name ("Mary Kate")
  std::string dob;         // YYYY-MM-DD
  std::string member_id;   // uppercase, spaces removed; may be empty
  std::string sex;         // as given; may be empty
  std::string phone;       // as given; may be empty
};

// Reads a registry CSV (RFC 4180: quoted fields with "" escapes and line
// breaks, CRLF or LF, an optional UTF-8 byte order mark). The first record is
// the header: required columns mrn, last_name, first_name, dob in any order
// (case and spaces do not matter: "Last Name" == last_name); optional id,
// member_id, sex, phone; other columns are ignored. Dates in any common US
// format become YYYY-MM-DD. Blank lines are skipped.
//
// Errors name the file, the line and the column, e.g.
// "patients.csv:7: dob: '13/45/1980' is not a date"; a duplicate MRN, a
// missing required value or column, or a row with the wrong number of fields
// is an error (the whole file is refused: a half-read registry files pages to
// no one it should).
Result<std::vector<PatientRecord>> ParsePatientCsv(
    std::string_view text, const std::string& file_name);

// Reads the file at `path` and parses it; the error names the path.
Result<std::vector<PatientRecord>> LoadPatientCsv(const std::string& path);

}  // namespace intake::classify

#endif  // INTAKE_CLASSIFY_PATIENT_CSV_H_
