// The patient registry file: a CSV export of the site's patients, read into
// PatientRecords for PatientRegistry (patients.h).
//
// Pure functions: safe to call from several threads.
#ifndef INTAKE_CLASSIFY_PATIENT_CSV_H_
#define INTAKE_CLASSIFY_PATIENT_CSV_H_

#include <string>
#include <string_view>
#include <vector>

#include "common/patient.h"
#include "common/status.h"

namespace intake::classify {

// One registry patient (common/patient.h): id is the "id" column, else the
// MRN; mrn and member_id uppercase with spaces removed; names as given ("De
// La Cruz", "Mary Kate"); dob YYYY-MM-DD.
using PatientRecord = ::intake::PatientRecord;

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
