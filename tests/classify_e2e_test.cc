// Issue 5 end to end: the patient registry, two-identifier matching with
// look-alike patients, review, retraining and the audit log, through the
// real binary on rendered pages (synthetic patients only).
#include <nlohmann/json.hpp>

#include "tests/test_util.h"

namespace intake::testing {
namespace {

using nlohmann::json;

constexpr char kRenderScript[] = INTAKE_SOURCE_DIR "/tests/render_page.py";

void RenderPage(const std::string& out, const std::string& args) {
  const std::string cmd = "/usr/bin/python3 '" + std::string(kRenderScript) +
                          "' '" + out + "' --dpi 200 " + args;
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
}

// Look-alikes: same surname, near first names, a shared date of birth.
constexpr char kRegistry[] =
    "mrn,last_name,first_name,dob,member_id\n"
    "50752917,Rivera,Daniel,03/14/1962,XJH448120\n"
    "50752918,Rivera,Danielle,1962-03-14,\n"
    "61234570,Okafor,Grace,1985-11-02,\n";

json Export(const ScratchDir& dir, const std::string& id) {
  RunResult r = dir.Intake("show --json " + id);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return json::parse(r.out);
}

// The documents ingested, by source file name.
std::map<std::string, json> Ingest(const ScratchDir& dir,
                                   const std::string& files) {
  RunResult r = dir.Intake("ingest --json " + files);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::map<std::string, json> docs;
  for (const json& e : json::parse(r.out)) {
    const std::string file = fs::path(e["path"].get<std::string>()).filename();
    docs[file] = Export(dir, e["id"]);
  }
  return docs;
}

TEST(ClassifyE2ETest, FilesOnlyOnTwoAgreeingIdentifiers) {
  ScratchDir dir;
  std::ofstream(dir / "patients.csv") << kRegistry;
  RunResult imp = dir.Intake("patients import patients.csv");
  ASSERT_EQ(imp.exit_code, 0) << imp.err;
  EXPECT_NE(imp.err.find("3 patients: 3 added"), std::string::npos) << imp.err;

  RenderPage(dir / "match.png",
             "'Patient Registration Form' 'Patient Name: Daniel Rivera' "
             "'Date of Birth: 03/14/1962' 'MRN: 50752917' "
             "'Emergency contact: Maria Rivera'");
  // Daniel's MRN and date of birth, but Danielle's name: a conflict.
  RenderPage(dir / "conflict.png",
             "'Laboratory Report' 'Patient Name: Danielle Rivera' "
             "'DOB: 03/14/1962' 'MRN: 50752917' 'Collected: 11/20/2026' "
             "'Glucose 98 mg/dL'");
  RenderPage(dir / "stranger.png",
             "'Progress Note' 'Patient Name: Tomas Lindqvist' "
             "'DOB: 07/01/1990' 'Visit date: 11/20/2026'");
  std::map<std::string, json> docs =
      Ingest(dir, "match.png conflict.png stranger.png");
  ASSERT_EQ(docs.size(), 3u);

  const json& match = docs["match.png"];
  EXPECT_EQ(match["status"], "filed") << match.dump(2);
  EXPECT_EQ(match["patient"]["mrn"], "50752917");
  EXPECT_EQ(match["patient"]["name"], "Daniel Rivera");
  EXPECT_FALSE(match["patient"]["id"].get<std::string>().empty());
  EXPECT_NE(match["patient"]["match"], "none");

  const json& conflict = docs["conflict.png"];
  EXPECT_EQ(conflict["status"], "needs_review");
  EXPECT_EQ(conflict["patient"]["match"], "none");
  EXPECT_NE(conflict["review_reasons"].dump().find("patient_conflict"),
            std::string::npos)
      << conflict.dump(2);
  // `show` tells the reviewer why, by registry id, without the other
  // patient's name.
  RunResult why = dir.Intake("show " + conflict["id"].get<std::string>());
  ASSERT_EQ(why.exit_code, 0) << why.err;
  EXPECT_NE(why.out.find("matching  MRN 50752917 is registry patient "),
            std::string::npos)
      << why.out;
  EXPECT_NE(why.out.find("whose name differs from the document's"),
            std::string::npos)
      << why.out;
  EXPECT_EQ(why.out.find("Daniel Rivera"), std::string::npos) << why.out;

  const json& stranger = docs["stranger.png"];
  EXPECT_EQ(stranger["status"], "needs_review");
  EXPECT_NE(stranger["review_reasons"].dump().find("no_patient_match"),
            std::string::npos);

  // Search by the filed patient finds the filed document only.
  RunResult search =
      dir.Intake("search registration --patient 50752917 --json");
  ASSERT_EQ(search.exit_code, 0) << search.err;
  json hits = json::parse(search.out);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0]["patient"], "Daniel Rivera");
}

TEST(ClassifyE2ETest, RegistryImportRefusesABadFileWhole) {
  ScratchDir dir;
  std::ofstream(dir / "bad.csv") << "mrn,last_name,first_name,dob\n"
                                    "1001,Doe,Jane,1970-01-01\n"
                                    "1002,Roe,Rick,13/45/1980\n";
  RunResult bad = dir.Intake("patients import bad.csv");
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("bad.csv:3: dob"), std::string::npos) << bad.err;
  EXPECT_EQ(std::count(bad.err.begin(), bad.err.end(), '\n'), 1) << bad.err;

  std::ofstream(dir / "good.csv") << kRegistry;
  ASSERT_EQ(dir.Intake("patients import good.csv").exit_code, 0);
  std::ofstream(dir / "good.csv")
      << kRegistry << "70000001,Nakamura,Ken,1999-09-09,\n";
  RunResult again = dir.Intake("patients import good.csv");
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.err.find("1 added, 0 updated, 3 unchanged"),
            std::string::npos)
      << again.err;
  EXPECT_EQ(dir.Intake("patients import nowhere.csv").exit_code, 4);
}

TEST(ClassifyE2ETest, ReviewFilesAndTrainingLearnsAndAllIsAudited) {
  ScratchDir dir;
  std::ofstream(dir / "patients.csv") << kRegistry;
  ASSERT_EQ(dir.Intake("patients import patients.csv").exit_code, 0);
  RenderPage(dir / "chart.png",
             "'Dental Chart' 'Patient: Grace Okafor' 'Tooth 14: occlusal "
             "caries' 'Tooth 30: crown' 'Periodontal probing depths 3 mm'");
  std::map<std::string, json> docs = Ingest(dir, "chart.png");
  const std::string id = docs["chart.png"]["id"];
  EXPECT_EQ(docs["chart.png"]["status"], "needs_review");

  RunResult review = dir.Intake("review " + id +
                                " --type dental_chart --patient 61234570 "
                                "--set service_date=2026-11-20");
  ASSERT_EQ(review.exit_code, 0) << review.err;
  json reviewed = Export(dir, id);
  EXPECT_EQ(reviewed["status"], "filed");
  EXPECT_EQ(reviewed["doc_type"]["value"], "dental_chart");
  EXPECT_EQ(reviewed["patient"]["name"], "Grace Okafor");
  EXPECT_EQ(reviewed["patient"]["match"], "reviewed");
  EXPECT_EQ(reviewed["fields"]["service_date"]["value"], "2026-11-20");
  EXPECT_EQ(dir.Intake("review " + id + " --patient 99999999").exit_code, 4);

  RunResult train = dir.Intake("train");
  ASSERT_EQ(train.exit_code, 0) << train.err;
  EXPECT_NE(train.err.find("model version 1"), std::string::npos) << train.err;
  EXPECT_NE(train.err.find("dental_chart 1"), std::string::npos) << train.err;

  RunResult audit = dir.Intake("audit --json");
  ASSERT_EQ(audit.exit_code, 0) << audit.err;
  std::set<std::string> actions;
  for (const json& e : json::parse(audit.out)) actions.insert(e["action"]);
  for (const char* a : {"patients_import", "view", "review", "train"}) {
    EXPECT_EQ(actions.count(a), 1u) << a << " missing in " << audit.out;
  }
}

// A site's routing file: a required field it names sends a document to
// review; filed documents get the destinations of their type.
TEST(ClassifyE2ETest, RoutingFileRequiresFieldsAndNamesDestinations) {
  ScratchDir dir;
  std::ofstream(dir / "patients.csv") << kRegistry;
  ASSERT_EQ(dir.Intake("patients import patients.csv").exit_code, 0);
  std::ofstream(dir / "routing.toml")
      << "[required_fields]\nregistration = [\"patient\", \"dob\"]\n"
         "progress_note = [\"patient\", \"service_date\"]\n"
         "[[route]]\ntype = \"registration\"\nstatus = \"filed\"\n"
         "to = [\"tag:front-desk\", \"export:fhir\"]\n"
         "[[route]]\ntype = \"*\"\nto = [\"folder:all\"]\n";
  std::ofstream(dir / "scanners.conf")
      << "[pipeline]\nrouting = \"routing.toml\"\n";
  RenderPage(dir / "reg.png",
             "'Patient Registration Form' 'Patient Name: Daniel Rivera' "
             "'Date of Birth: 03/14/1962' 'MRN: 50752917'");
  RenderPage(dir / "note.png",
             "'Progress Note' 'Patient Name: Grace Okafor' "
             "'DOB: 11/02/1985' 'MRN: 61234570' "
             "'Assessment: stable, continue current plan'");
  std::map<std::string, json> docs = Ingest(dir, "reg.png note.png");
  const json& reg = docs["reg.png"];
  EXPECT_EQ(reg["status"], "filed") << reg.dump(2);
  EXPECT_EQ(reg["destinations"],
            json::array({"tag:front-desk", "export:fhir", "folder:all"}));
  const json& note = docs["note.png"];
  EXPECT_EQ(note["status"], "needs_review") << note.dump(2);
  EXPECT_NE(note["review_reasons"].dump().find("missing_field:service_date"),
            std::string::npos)
      << note.dump(2);
  EXPECT_EQ(note["destinations"], json::array({"folder:all"}));

  // A bad routing file stops everything before it starts, naming the line.
  std::ofstream(dir / "routing.toml")
      << "[[route]]\ntype = \"*\"\nto = [\"ftp:x\"]\n";
  RunResult bad = dir.Intake("ingest reg.png");
  EXPECT_EQ(bad.exit_code, 2) << bad.err;
  EXPECT_NE(bad.err.find("routing.toml:3"), std::string::npos) << bad.err;
}

// The CMS-1500 sample of the corpus (typed values in its text layer, the
// form a scan): read by its boxes, against its gold labels, and filed.
TEST(ClassifyE2ETest, Cms1500SampleIsReadByItsBoxesAndFiled) {
  INTAKE_REQUIRE_CORPUS("medical/doc2data/cms1500.pdf");
  const json gold = json::parse(
      ReadAll(CorpusPath("medical/doc2data/gold_labels/cms1500.json")));
  ScratchDir dir;
  // The gold patient (synthetic, made up by the sample's authors), and a
  // look-alike who must not be chosen.
  std::ofstream(dir / "patients.csv")
      << "mrn,last_name,first_name,dob,member_id\n"
         "A1000001,Sharma,Rahul,11/08/1998,ID10-45678\n"
         "A1000002,Sharma,Rahul,12/09/1998,\n";
  ASSERT_EQ(dir.Intake("patients import patients.csv").exit_code, 0);
  std::map<std::string, json> docs =
      Ingest(dir, "'" + CorpusPath("medical/doc2data/cms1500.pdf") + "'");
  const json& d = docs["cms1500.pdf"];
  EXPECT_EQ(d["doc_type"]["value"], "claim");
  const json& f = d["fields"];
  EXPECT_EQ(f["patient_name"]["value"],
            "Rahul Sharma");                   // gold "Sharma, Rahul"
  EXPECT_EQ(f["dob"]["value"], "1998-11-08");  // gold "11/08/98"
  EXPECT_EQ(f["member_id"]["value"], gold["insured_id"]);
  EXPECT_EQ(f["group_number"]["value"], gold["policy_number"]);
  EXPECT_EQ(f["icd10"]["value"],
            json::array({gold["diagnosis_code_1"], gold["diagnosis_code_2"]}));
  // The gold billing NPI fails the NPI check digit: it must not be reported.
  EXPECT_FALSE(f.contains("npi")) << f.dump();
  EXPECT_FALSE(f.contains("mrn")) << f.dump();  // box 26 is an account number
  EXPECT_EQ(d["status"], "filed") << d.dump(2);
  EXPECT_EQ(d["patient"]["mrn"], "A1000001");
}

}  // namespace
}  // namespace intake::testing
