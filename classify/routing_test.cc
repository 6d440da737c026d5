// Routing tests: options file, reasons, status and destinations.
#include "classify/routing.h"

#include <gtest/gtest.h>

#include <fstream>

#include "common/testing/temp_dir.h"

namespace intake::classify {
namespace {

// A Classification as Classifier::Classify returns it.
Classification Classified(std::string type, double confidence,
                          std::vector<std::string> reasons = {}) {
  Classification c;
  c.doc_type = std::move(type);
  c.type_confidence = confidence;
  c.fields["patient_name"] = Field{{"Daniel Rivera"}, false, 0.95, 1};
  c.fields["dob"] = Field{{"1962-03-14"}, false, 0.95, 1};
  if (confidence < 0.5) c.review_reasons.push_back("low_type_confidence");
  c.review_reasons.push_back("no_patient_match");
  for (auto& r : reasons) c.review_reasons.push_back(r);
  return c;
}

PatientMatch Matched() {
  PatientMatch m;
  m.link = {"p-1", "50752917", "Daniel Rivera", "name+dob"};
  return m;
}

PatientMatch Unmatched(std::string reason) {
  PatientMatch m;
  m.reasons = {std::move(reason)};
  return m;
}

constexpr char kToml[] = R"(
min_type_confidence = 0.6

[required_fields]
lab_report = ["patient", "service_date"]
claim = ["npi", "cpt"]

[[route]]
type = "lab_report"
to = ["tag:lab", "folder:labs/incoming", "export:fhir"]

[[route]]
type = "*"
status = "needs_review"
to = ["tag:review", "tag:lab"]

[[route]]
type = "*"
status = "filed"
to = ["export:json"]
)";

RoutingOptions Options() {
  auto o = ParseRoutingOptions(kToml, "routing.toml");
  EXPECT_TRUE(o.ok()) << o.status().message();
  return *o;
}

TEST(RoutingTest, FilesOnlyWhenConfidentCompleteAndMatched) {
  RoutingOptions o = Options();
  Classification c = Classified("progress_note", 0.9);
  Route(o, Matched(), &c);
  EXPECT_EQ(c.status, PageState::kFiled);
  EXPECT_TRUE(c.review_reasons.empty());
  EXPECT_EQ(c.patient.id, "p-1");
  EXPECT_EQ(c.patient.match, "name+dob");
  EXPECT_EQ(c.destinations, std::vector<std::string>{"export:json"});
}

TEST(RoutingTest, AFiledDocumentTakesTheRegistrysSpellingOfItsIds) {
  RoutingOptions o = Options();
  PatientMatch m = Matched();
  m.corrected_fields["member_id"] = "MBR05613909";
  Classification c = Classified("progress_note", 0.9);
  c.fields["member_id"] = Field{{"MBRO5613909"}, false, 0.9, 1};
  Route(o, m, &c);
  EXPECT_EQ(c.fields["member_id"].values,
            std::vector<std::string>{"MBR05613909"});
}

TEST(RoutingTest, AnUnfiledDocumentsMrnTakesTheRegistrysShape) {
  RoutingOptions o = Options();
  PatientMatch m;
  m.reasons = {"no_patient_match"};
  m.reshaped_mrn = "MR0031774";
  Classification c = Classified("progress_note", 0.9);
  c.fields["mrn"] = Field{{"MRO0031774"}, false, 0.9, 1};
  Route(o, m, &c);
  EXPECT_EQ(c.fields["mrn"].values, std::vector<std::string>{"MR0031774"});
  EXPECT_EQ(c.status, PageState::kNeedsReview);
}

TEST(RoutingTest, RequiredFieldsByType) {
  RoutingOptions o = Options();
  Classification c = Classified("lab_report", 0.9);
  Route(o, Matched(), &c);
  EXPECT_EQ(c.status, PageState::kNeedsReview);
  EXPECT_EQ(c.review_reasons,
            std::vector<std::string>{"missing_field:service_date"});
  EXPECT_EQ(c.patient.id, "p-1");  // the patient found is kept for review
  EXPECT_EQ(c.destinations,
            (std::vector<std::string>{"tag:lab", "folder:labs/incoming",
                                      "export:fhir", "tag:review"}));
  c = Classified("lab_report", 0.9);
  c.fields["service_date"] = Field{{"2025-01-02"}, false, 0.9, 1};
  Route(o, Matched(), &c);
  EXPECT_EQ(c.status, PageState::kFiled);
  EXPECT_EQ(c.destinations,
            (std::vector<std::string>{"tag:lab", "folder:labs/incoming",
                                      "export:fhir", "export:json"}));
}

TEST(RoutingTest, AProvenPatientSuppliesAnUnreadNameOrBirthDate) {
  RoutingOptions o;
  o.required_fields["referral"] = {"dob", "npi"};
  PatientMatch by_mrn = Matched();
  by_mrn.link.match = "mrn+member_id";
  auto unread = [] {  // the classifier found neither name nor birth date
    Classification c =
        Classified("referral", 0.9, {"missing_field:patient_name"});
    c.fields.erase("dob");
    c.fields.erase("patient_name");
    return c;
  };
  Classification c = unread();
  Route(o, by_mrn, &c);
  // The registry knows whose it is; the NPI is the document's own.
  EXPECT_EQ(c.review_reasons, std::vector<std::string>{"missing_field:npi"});
  c = unread();
  c.fields["npi"] = Field{{"1245319599"}, false, 0.9, 1};
  Route(o, by_mrn, &c);
  EXPECT_EQ(c.status, PageState::kFiled);
  EXPECT_FALSE(c.fields.contains("dob"));  // nothing is made up
  // Without a proven patient, the missing fields stay reasons.
  c = unread();
  Route(o, Unmatched("no_patient_match"), &c);
  EXPECT_EQ(c.review_reasons,
            (std::vector<std::string>{"missing_field:patient_name",
                                      "no_patient_match", "missing_field:dob",
                                      "missing_field:npi"}));
}

TEST(RoutingTest, AProvenPatientsPrintedIdsFillUnreadFields) {
  RoutingOptions o;
  o.required_fields["claim"] = {"member_id"};
  PatientMatch m = Matched();
  m.printed_fields["member_id"] = Field{{"W134703971"}, false, 0.91, 1};
  m.printed_fields["dob"] = Field{{"1970-01-01"}, false, 0.9, 1};
  Classification c = Classified("claim", 0.9, {"missing_field:member_id"});
  Route(o, m, &c);
  EXPECT_EQ(c.status, PageState::kFiled);
  EXPECT_TRUE(c.review_reasons.empty());
  EXPECT_EQ(c.fields["member_id"].values,
            std::vector<std::string>{"W134703971"});
  EXPECT_DOUBLE_EQ(c.fields["member_id"].confidence, 0.91);
  // What a label gave stays.
  EXPECT_EQ(c.fields["dob"].values, std::vector<std::string>{"1962-03-14"});
  // Not filed: nothing is filled.
  c = Classified("claim", 0.9, {"missing_field:member_id"});
  PatientMatch refused = Unmatched("patient_conflict");
  refused.printed_fields = m.printed_fields;
  Route(o, refused, &c);
  EXPECT_FALSE(c.fields.contains("member_id"));
  EXPECT_EQ(c.review_reasons,
            (std::vector<std::string>{"missing_field:member_id",
                                      "patient_conflict"}));
}

TEST(RoutingTest, PatientReasonsReplaceThePlaceholder) {
  RoutingOptions o = Options();
  Classification c = Classified("progress_note", 0.9);
  Route(o, Unmatched("patient_conflict"), &c);
  EXPECT_EQ(c.status, PageState::kNeedsReview);
  EXPECT_EQ(c.review_reasons, std::vector<std::string>{"patient_conflict"});
  EXPECT_EQ(c.patient.match, "none");
  c = Classified("progress_note", 0.9);
  Route(o, PatientMatch{}, &c);  // no reason given: still no patient
  EXPECT_EQ(c.review_reasons, std::vector<std::string>{"no_patient_match"});
}

TEST(RoutingTest, ReasonsKeepOrderWithoutDuplicates) {
  RoutingOptions o = Options();
  Classification c = Classified(
      "claim", 0.55,
      {"conflicting_field:dob", "missing_field:npi", "conflicting_field:dob"});
  Route(o, Unmatched("multiple_patients"), &c);
  EXPECT_EQ(c.review_reasons, (std::vector<std::string>{
                                  "low_type_confidence",
                                  "conflicting_field:dob", "missing_field:npi",
                                  "multiple_patients", "missing_field:cpt"}));
  EXPECT_EQ(c.status, PageState::kNeedsReview);
}

TEST(RoutingTest, TypeConfidenceThresholdIsRoutings) {
  RoutingOptions o;
  o.min_type_confidence = 0.3;
  Classification c = Classified("referral", 0.4);  // classifier said low
  Route(o, Matched(), &c);
  EXPECT_EQ(c.status, PageState::kFiled);
  o.min_type_confidence = 0.95;
  c = Classified("referral", 0.9);
  Route(o, Matched(), &c);
  EXPECT_EQ(c.review_reasons, std::vector<std::string>{"low_type_confidence"});
}

std::string Error(const std::string& toml) {
  auto r = ParseRoutingOptions(toml, "routing.toml");
  return r.ok() ? "(accepted)" : r.status().message();
}

TEST(RoutingOptionsTest, ErrorsNameFileLineAndKey) {
  EXPECT_EQ(
      Error("min_type_confidence = 2\n"),
      "routing.toml:1: min_type_confidence: must be a number from 0 to 1");
  EXPECT_EQ(Error("\n[required_fields]\nlab_report = [\"blood_type\"]\n"),
            "routing.toml:3: required_fields.lab_report: unknown field "
            "'blood_type' (a DESIGN.md field or 'patient')");
  EXPECT_EQ(Error("[[route]]\ntype = \"lab_report\"\nto = [\"export:hl7\"]\n"),
            "routing.toml:3: route[1].to: 'export:hl7': export is one of "
            "fhir, mdm, pdf, json");
  EXPECT_EQ(Error("[[route]]\ntype = \"x\"\nto = [\"folder:../etc\"]\n"),
            "routing.toml:3: route[1].to: 'folder:../etc': a folder is "
            "relative to the output and has no '..'");
  EXPECT_EQ(Error("[[route]]\ntype = \"x\"\nto = [\"inbox\"]\n"),
            "routing.toml:3: route[1].to: 'inbox' is not tag:NAME, folder:DIR "
            "or export:FORMAT");
  EXPECT_EQ(
      Error("[[route]]\ntype = \"x\"\nstatus = \"done\"\nto = [\"tag:a\"]\n"),
      "routing.toml:3: route[1].status: must be \"filed\" or "
      "\"needs_review\"");
  EXPECT_EQ(Error("[[route]]\nto = [\"tag:a\"]\n"),
            "routing.toml:1: route[1]: missing key 'type'");
  EXPECT_EQ(Error("colour = 1\n"), "routing.toml:1: colour: unknown key");
  EXPECT_EQ(Error("x = [\n").substr(0, 13), "routing.toml:");
}

TEST(RoutingOptionsTest, LoadsAFile) {
  intake::testing::TempDir dir;
  std::string path = dir.path() + "/routing.toml";
  std::ofstream(path) << kToml;
  auto o = LoadRoutingOptions(path);
  ASSERT_TRUE(o.ok()) << o.status().message();
  EXPECT_EQ(o->routes.size(), 3u);
  EXPECT_EQ(o->required_fields.at("claim"),
            (std::vector<std::string>{"npi", "cpt"}));
  EXPECT_DOUBLE_EQ(o->min_type_confidence, 0.6);
  EXPECT_FALSE(LoadRoutingOptions(dir.path() + "/none.toml").ok());
}

}  // namespace
}  // namespace intake::classify
