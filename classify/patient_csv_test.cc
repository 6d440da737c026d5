// Registry CSV tests. Every patient here is made up.
#include "classify/patient_csv.h"

#include <gtest/gtest.h>

#include <fstream>

#include "common/testing/temp_dir.h"

namespace intake::classify {
namespace {

TEST(PatientCsvTest, ReadsColumnsInAnyOrderAndNormalises) {
  auto r = ParsePatientCsv(
      "\xEF\xBB\xBF"
      "Last Name,first_name,DOB,MRN,member_id,sex,phone,favourite_colour\r\n"
      "Rivera,Daniel,03/14/1962,50752917,xgh 123456,M,555-0100,blue\r\n"
      "\"De La Cruz\",\"Maria, Jr\",\"March 4, 1980\",a1234567,,F,,\r\n"
      "\r\n"
      "O'Hara,Sean,1975-11-02,77001234,,,,\n",
      "patients.csv");
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->size(), 3u);
  const PatientRecord& a = (*r)[0];
  EXPECT_EQ(a.mrn, "50752917");
  EXPECT_EQ(a.id, "50752917");  // no id column: the MRN
  EXPECT_EQ(a.last_name, "Rivera");
  EXPECT_EQ(a.first_name, "Daniel");
  EXPECT_EQ(a.dob, "1962-03-14");
  EXPECT_EQ(a.member_id, "XGH123456");
  EXPECT_EQ(a.sex, "M");
  EXPECT_EQ(a.phone, "555-0100");
  EXPECT_EQ((*r)[1].first_name, "Maria, Jr");
  EXPECT_EQ((*r)[1].dob, "1980-03-04");
  EXPECT_EQ((*r)[1].mrn, "A1234567");
  EXPECT_EQ((*r)[2].dob, "1975-11-02");
}

TEST(PatientCsvTest, CommonUsDateFormats) {
  for (const char* dob :
       {"03/14/1962", "3/14/62", "3-14-1962", "03141962", "1962-03-14",
        "Mar 14 1962", "\"March 14, 1962\"", "14 Mar 1962"}) {
    auto r = ParsePatientCsv(std::string("mrn,last_name,first_name,dob\n"
                                         "50752917,Rivera,Daniel,") +
                                 dob + "\n",
                             "p.csv");
    ASSERT_TRUE(r.ok()) << dob << ": " << r.status().message();
    EXPECT_EQ((*r)[0].dob, "1962-03-14") << dob;
  }
}

TEST(PatientCsvTest, QuotedFieldsMayHoldCommasQuotesAndLineBreaks) {
  auto r = ParsePatientCsv(
      "mrn,last_name,first_name,dob,phone\n"
      "100001,\"Smith, \"\"Jack\"\"\",\"John\nPaul\",1/2/1990,\"555\"\n"
      "100002,Lee,Ann,1/3/1990,x\n",
      "p.csv");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ((*r)[0].last_name, "Smith, \"Jack\"");
  EXPECT_EQ((*r)[0].first_name, "John\nPaul");
  EXPECT_EQ((*r)[1].last_name, "Lee");
}

std::string Error(const std::string& text) {
  auto r = ParsePatientCsv(text, "patients.csv");
  return r.ok() ? "(accepted)" : r.status().message();
}

TEST(PatientCsvTest, ErrorsNameLineAndColumn) {
  EXPECT_EQ(Error("mrn,last_name,first_name\n1,A,B\n"),
            "patients.csv:1: header: missing column 'dob' (required: mrn, "
            "last_name, first_name, dob)");
  EXPECT_EQ(Error("mrn,last_name,first_name,dob\n"
                  "100001,Rivera,Daniel,1/2/1990\n"
                  "100002,Chen,Maria,13/45/1980\n"),
            "patients.csv:3: dob: '13/45/1980' is not a date");
  EXPECT_EQ(Error("mrn,last_name,first_name,dob\n"
                  "100001,Rivera,Daniel,1/2/1990\n"
                  "100001,Chen,Maria,1/3/1980\n"),
            "patients.csv:3: mrn: '100001' already on line 2");
  EXPECT_EQ(Error("mrn,last_name,first_name,dob\n100001,Rivera,,1/2/1990\n"),
            "patients.csv:2: first_name: empty");
  EXPECT_EQ(Error("mrn,last_name,first_name,dob\n100001,Rivera,Daniel\n"),
            "patients.csv:2: expected 4 fields as in the header, found 3");
  EXPECT_EQ(
      Error("mrn,last_name,first_name,dob\n100001,\"Rivera,Daniel,1/2/1990\n"),
      "patients.csv:2: column 2: quoted field is never closed");
  EXPECT_EQ(
      Error("mrn,last_name,first_name,dob\n100001,Ri\"vera,Daniel,1/2/1990\n"),
      "patients.csv:2: column 2: '\"' inside an unquoted field (quote the "
      "whole field)");
  EXPECT_EQ(
      Error(
          "mrn,last_name,first_name,dob\n100001,\"Rivera\"x,Daniel,1/2/1990\n"),
      "patients.csv:2: column 2: text after a closing quote");
  EXPECT_EQ(
      Error("mrn,last_name,first_name,dob\n1 0/1,Rivera,Daniel,1/2/1990\n"),
      "patients.csv:2: mrn: '1 0/1' is not an identifier (letters, digits "
      "and '-')");
  EXPECT_EQ(
      Error("mrn,last_name,first_name,dob\n100001,Rivera,Daniel,1/2/2999\n"),
      "patients.csv:2: dob: '1/2/2999' is not a date");
  EXPECT_EQ(
      Error("mrn,last_name,first_name,dob\n100001,Rivera,Daniel,1/2/1901\n"),
      "patients.csv:2: dob: '1/2/1901' is more than 120 years ago");
  EXPECT_EQ(Error(""),
            "patients.csv:1: empty file (expected a header with "
            "mrn, last_name, first_name, dob)");
  EXPECT_EQ(Error("mrn,MRN,last_name,first_name,dob\n"),
            "patients.csv:1: header: column 'mrn' twice");
}

TEST(PatientCsvTest, LineNumbersCountLineBreaksInsideQuotes) {
  EXPECT_EQ(Error("mrn,last_name,first_name,dob\n"
                  "100001,Rivera,\"Daniel\nMark\",1/2/1990\n"
                  "100002,Chen,Maria,1/2/\n"),
            "patients.csv:4: dob: '1/2/' is not a date");
}

TEST(PatientCsvTest, LoadNamesTheMissingFile) {
  intake::testing::TempDir dir;
  auto r = LoadPatientCsv(dir.path() + "/none.csv");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("none.csv"), std::string::npos);
  std::string path = dir.path() + "/p.csv";
  std::ofstream(path)
      << "mrn,last_name,first_name,dob\n100001,Lee,Ann,1/3/1990\n";
  auto ok = LoadPatientCsv(path);
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  EXPECT_EQ(ok->size(), 1u);
}

}  // namespace
}  // namespace intake::classify
