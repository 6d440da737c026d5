// TypeModel tests: format, retraining, calibration floors, thread safety.
// Every patient and number here is made up.
#include "classify/model.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>

#include "classify/classifier.h"
#include "classify/test_pages.h"
#include "common/testing/temp_dir.h"

namespace intake::classify {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::TextPage;

const char kLab[] =
    "NORTHGATE CLINICAL LAB\nLABORATORY REPORT\n"
    "Patient: Marta Albright   DOB: 02/11/1970\n"
    "Specimen: serum   Collected: 01/05/2024\n"
    "TEST   RESULT   UNITS   REFERENCE RANGE\n"
    "Glucose   182   mg/dL   70-99\nSodium   139   mmol/L   136-145\n";
const char kNote[] =
    "PROGRESS NOTE\nPatient: Marta Albright   Visit Date: 01/05/2024\n"
    "SUBJECTIVE: feels well.\nOBJECTIVE: BP 128/80\n"
    "ASSESSMENT: hypertension I10\nPLAN: continue lisinopril.\n";
const char kLetter[] =
    "Bayside Hardware Supply\n12 Pine St, Bayside, OH 44101\n"
    "Dear Ms. Novak,\nThank you for your order of garden hoses. The shipment "
    "leaves our warehouse on Friday; the invoice is enclosed.\n"
    "Best regards,\nOwen Kessler, Sales Manager\n";

std::string Dental(int i) {
  const char* titles[] = {"DENTAL CHART", "Periodontal Chart", "Dental Exam",
                          "DENTAL RECORD", "Odontogram"};
  std::ostringstream s;
  s << "Bright Smile Dentistry\n"
    << titles[i % 5] << "\n"
    << "Patient: Marta Albright   DOB: 02/11/1970\n"
    << "Tooth " << 2 + i << ": occlusal caries, composite filling\n"
    << "Tooth " << 14 + i << ": crown, molar, periodontal pocket 4 mm\n"
    << "Gingival recession noted; plaque index " << i + 1 << "\n"
    << "Hygienist: Dana Cordova, RDH   Prophylaxis and fluoride varnish\n"
    << "Radiographs: bitewings x" << 2 + i % 3 << "\n";
  return s.str();
}

std::string Top(const TypeModel& m, const std::string& text) {
  auto p = m.Predict({TextPage(text)});
  return p.empty() ? "" : p.front().first;
}

TEST(TypeModelTest, DefaultKnowsTheTaxonomy) {
  const TypeModel& m = TypeModel::Default();
  ASSERT_FALSE(m.empty()) << "no embedded model: run classify/training/"
                             "regenerate and rebuild";
  EXPECT_EQ(m.types().size(), 13u);
  EXPECT_THAT(m.types(), Contains("explanation_of_benefits"));
  EXPECT_THAT(m.types(), Contains("other"));
  EXPECT_GT(m.examples(), 1000);
  EXPECT_EQ(m.version(), "default-1");
  EXPECT_EQ(Top(m, kLab), "lab_report");
  EXPECT_EQ(Top(m, kNote), "progress_note");
  EXPECT_EQ(Top(m, kLetter), "other");
  auto p = m.Predict({TextPage(kLab)});
  double sum = 0;
  for (const auto& [t, v] : p) sum += v;
  EXPECT_NEAR(sum, 1.0, 1e-9);
  for (size_t i = 1; i < p.size(); ++i) EXPECT_GE(p[i - 1].second, p[i].second);
}

TEST(TypeModelTest, EmptyDocumentIsUncertain) {
  auto p = TypeModel::Default().Predict({});
  ASSERT_FALSE(p.empty());
  EXPECT_EQ(p.front().first, "other");  // ties go to "other"
  EXPECT_LT(p.front().second, 0.2);
}

TEST(TypeModelTest, RoundTripPredictsTheSame) {
  const TypeModel& m = TypeModel::Default();
  std::string text = m.Serialize();
  Result<TypeModel> back = TypeModel::Parse(text);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->Serialize(), text);
  EXPECT_EQ(back->version(), m.version());
  EXPECT_EQ(back->examples(), m.examples());
  for (const char* doc : {kLab, kNote, kLetter, "", "LAB0RATORY REP0RT"}) {
    EXPECT_EQ(back->Predict({TextPage(doc)}), m.Predict({TextPage(doc)}))
        << doc;
  }
}

TEST(TypeModelTest, ParseErrorsAreOneClearLine) {
  auto error = [](std::string_view text) {
    Result<TypeModel> r = TypeModel::Parse(text);
    EXPECT_FALSE(r.ok()) << text;
    if (r.ok()) return std::string();
    EXPECT_EQ(r.status().code(), Status::Code::kCorrupt);
    EXPECT_EQ(r.status().message().find('\n'), std::string::npos);
    return r.status().message();
  };
  EXPECT_THAT(error("garbage \x01\xff{"), HasSubstr("not a JSON object"));
  EXPECT_THAT(error(""), HasSubstr("not a JSON object"));
  EXPECT_THAT(error("[1,2]"), HasSubstr("not a JSON object"));
  EXPECT_THAT(error(R"({"format":"something-else"})"),
              HasSubstr("not an intake type model"));
  std::string good = TypeModel::Default().Serialize();
  std::string v7 = good;
  v7.replace(v7.find("\"format_version\":1"), 18, "\"format_version\":7");
  EXPECT_THAT(error(v7),
              HasSubstr("unsupported format version 7 (this build reads 1)"));
  EXPECT_THAT(error(good.substr(0, good.size() / 2)),
              HasSubstr("not a JSON object"));
  std::string no_classes = good;
  no_classes.replace(no_classes.find("\"classes\""), 9, "\"klasses\"");
  EXPECT_THAT(error(no_classes), HasSubstr("malformed"));
  std::string bad_index = good;
  size_t at = bad_index.find("\"features\":{\"");
  at = bad_index.find(":[", at + 12);
  bad_index.replace(at, 2, ":[99,1,");
  EXPECT_THAT(error(bad_index), HasSubstr("bad class index"));
}

TEST(TypeModelTest, TrainingErrors) {
  LabelledDocument bad{"Dental Chart!", {TextPage("x")}};
  auto r = TrainTypeModel(&TypeModel::Default(), {bad});
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("example 1: bad type name"));
  EXPECT_FALSE(TrainTypeModel(nullptr, {}).ok());
  TrainOptions zero;
  zero.reviewed_weight = 0;
  EXPECT_FALSE(
      TrainTypeModel(&TypeModel::Default(), {{"lab_report", {}}}, zero).ok());
}

TEST(TypeModelTest, ParseExamplesNamesTheLine) {
  auto ok = ParseExamples(
      "{\"type\":\"lab_report\",\"pages\":[\"a\",\"b\"]}\n\n"
      "{\"type\":\"other\",\"pages\":[]}\n");
  ASSERT_TRUE(ok.ok());
  ASSERT_EQ(ok->size(), 2u);
  EXPECT_EQ((*ok)[0].pages.size(), 2u);
  EXPECT_EQ((*ok)[0].pages[1].number, 2);
  auto bad = ParseExamples("{\"type\":\"other\",\"pages\":[]}\n{\"type\":1}\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.status().message(), HasSubstr("examples line 2"));
}

// Five reviewed examples teach a new type; the default types stay.
TEST(TypeModelTest, RetrainingLearnsANewTypeWithoutForgetting) {
  std::vector<LabelledDocument> reviewed;
  for (int i = 0; i < 5; ++i) {
    reviewed.push_back({"dental_chart", {TextPage(Dental(i))}});
  }
  auto m = TrainTypeModel(&TypeModel::Default(), reviewed);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_THAT(m->types(), Contains("dental_chart"));
  EXPECT_EQ(m->examples(), TypeModel::Default().examples() + 5);
  EXPECT_EQ(m->version(), "default-1+5");
  // Unseen dental documents (other wording, other numbers).
  for (int i = 5; i < 10; ++i) {
    EXPECT_EQ(Top(*m, Dental(i)), "dental_chart") << Dental(i);
  }
  auto p = m->Predict({TextPage(Dental(7))});
  EXPECT_GE(p.front().second, 0.5);
  EXPECT_EQ(Top(*m, kLab), "lab_report");
  EXPECT_EQ(Top(*m, kNote), "progress_note");
  EXPECT_EQ(Top(*m, kLetter), "other");
  // A retrained model survives its own round trip.
  auto back = TypeModel::Parse(m->Serialize());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(Top(*back, Dental(8)), "dental_chart");
  // And the Classifier uses it.
  Classifier c(Classifier::DefaultOptions(),
               std::make_shared<const TypeModel>(std::move(m).value()));
  EXPECT_EQ(c.Classify({TextPage(Dental(9))}).doc_type, "dental_chart");
}

TEST(TypeModelTest, PredictFromTwoThreadsAgrees) {
  const TypeModel& m = TypeModel::Default();
  const std::vector<std::string> docs = {kLab, kNote, kLetter};
  std::vector<std::vector<std::pair<std::string, double>>> want;
  for (const std::string& d : docs) want.push_back(m.Predict({TextPage(d)}));
  std::vector<int> mismatches(2, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 2; ++t) {
    threads.emplace_back([&, t] {
      for (int n = 0; n < 30; ++n) {
        size_t i = (n + t) % docs.size();
        if (m.Predict({TextPage(docs[i])}) != want[i]) ++mismatches[t];
      }
    });
  }
  for (std::thread& th : threads) th.join();
  EXPECT_EQ(mismatches[0] + mismatches[1], 0);
}

TEST(TypeModelTest, FitTemperatureIsPositive) {
  std::vector<LabelledDocument> heldout = {{"lab_report", {TextPage(kLab)}},
                                           {"progress_note", {TextPage(kNote)}},
                                           {"other", {TextPage(kLetter)}}};
  double t = FitTemperature(TypeModel::Default(), heldout);
  EXPECT_GT(t, 0);
  EXPECT_DOUBLE_EQ(FitTemperature(TypeModel::Default(), {}), 1.0);
}

// --- Classifier with the model ---------------------------------------------

TEST(ModelClassifierTest, AbstainsBelowTheThreshold) {
  Classifier c(Classifier::DefaultOptions());
  // A fragment with nothing typical of any type.
  Classification frag = c.Classify({TextPage("Date: 01/05/2024\nPage 2")});
  EXPECT_LT(frag.type_confidence, 0.5);
  EXPECT_THAT(frag.review_reasons, Contains("low_type_confidence"));
  // A word a discharge summary prints often is still too little to judge.
  frag = c.Classify({TextPage("Date: 01/05/2024")});
  EXPECT_THAT(frag.review_reasons, Contains("low_type_confidence"));
  Classification lab = c.Classify({TextPage(kLab)});
  EXPECT_EQ(lab.doc_type, "lab_report");
  EXPECT_THAT(lab.review_reasons, Not(Contains("low_type_confidence")));
  EXPECT_THAT(lab.review_reasons, Contains("no_patient_match"));
  // The threshold, just above and at the letter's own confidence.
  const double letter = c.Classify({TextPage(kLetter)}).type_confidence;
  ClassifierOptions strict = Classifier::DefaultOptions();
  strict.min_type_confidence = std::nextafter(letter, 2.0);
  Classification s = Classifier(strict).Classify({TextPage(kLetter)});
  EXPECT_THAT(s.review_reasons, Contains("low_type_confidence"));
  strict.min_type_confidence = letter;
  s = Classifier(strict).Classify({TextPage(kLetter)});
  EXPECT_THAT(s.review_reasons, Not(Contains("low_type_confidence")));
}

TEST(ModelClassifierTest, SiteTitlePhraseOverridesTheModel) {
  const std::string doc =
      "CHEM PANEL PRINTOUT\nPatient: Marta Albright\n"
      "Subjective: feels well. Objective: BP 120/80.\n"
      "Assessment: hypertension. Plan: follow up.\n";
  EXPECT_EQ(Classifier(Classifier::DefaultOptions())
                .Classify({TextPage(doc)})
                .doc_type,
            "progress_note");
  ClassifierOptions site = Classifier::DefaultOptions();
  for (TypeRule& r : site.rules) {
    if (r.type == "lab_report")
      r.title_phrases.push_back("chem panel printout");
  }
  Classification c = Classifier(site).Classify({TextPage(doc)});
  EXPECT_EQ(c.doc_type, "lab_report");
  EXPECT_GE(c.type_confidence, 0.5);
  // A site type from rules alone.
  site.rules.push_back({"dental_chart", {"dental chart"}, {"tooth"}, {}});
  Classification d = Classifier(site).Classify({TextPage(Dental(0))});
  EXPECT_EQ(d.doc_type, "dental_chart");
  // Without its phrase the site type is not a candidate for a lab report.
  EXPECT_EQ(Classifier(site).Classify({TextPage(kLab)}).doc_type, "lab_report");
}

// --- Measured floors ---------------------------------------------------------

struct Measure {
  int n = 0, kept = 0, right_kept = 0;
  double accuracy() const { return kept ? 1.0 * right_kept / kept : 0; }
  double abstained() const { return n ? 1.0 - 1.0 * kept / n : 1; }
};

Measure Measured(const std::vector<LabelledDocument>& docs) {
  Classifier c(Classifier::DefaultOptions());
  Measure m;
  for (const LabelledDocument& d : docs) {
    Classification r = c.Classify(d.pages);
    ++m.n;
    if (r.type_confidence >= c.options().min_type_confidence) {
      ++m.kept;
      m.right_kept += r.doc_type == d.doc_type;
    }
  }
  return m;
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// (a) Generated examples with a seed and title wordings never trained on.
TEST(TypeFloorsTest, HeldOutGeneratedExamples) {
  intake::testing::TempDir dir;
  std::string out = dir.path() + "/a.jsonl";
  std::string cmd = std::string("/usr/bin/python3 ") + INTAKE_SOURCE_DIR +
                    "/classify/training/make_examples.py --count 8 --seed "
                    "424242 --holdout > " +
                    out;
  if (std::system(cmd.c_str()) != 0) GTEST_SKIP() << "cannot run: " << cmd;
  auto docs = ParseExamples(Slurp(out));
  ASSERT_TRUE(docs.ok()) << docs.status().ToString();
  ASSERT_EQ(docs->size(), 8u * 15);
  Measure m = Measured(*docs);
  EXPECT_GE(m.accuracy(), 0.97);
  EXPECT_LE(m.abstained(), 0.05);
}

// (b) The ground-truth texts of bench/generate_pages.py: other wording.
TEST(TypeFloorsTest, IndependentBenchPages) {
  intake::testing::TempDir dir;
  std::string cmd = std::string("/usr/bin/python3 ") + INTAKE_SOURCE_DIR +
                    "/bench/generate_pages.py --count 30 --levels clean "
                    "--seed 3 --jobs 1 " +
                    dir.path() + " 2>/dev/null";
  if (std::system(cmd.c_str()) != 0) {
    GTEST_SKIP() << "cannot run bench/generate_pages.py (needs Pillow)";
  }
  std::istringstream manifest(Slurp(dir.path() + "/manifest.tsv"));
  std::string line;
  std::getline(manifest, line);  // header
  std::vector<LabelledDocument> docs;
  while (std::getline(manifest, line)) {
    std::istringstream row(line);
    std::string file, level, type;
    std::getline(row, file, '\t');
    std::getline(row, level, '\t');
    std::getline(row, type, '\t');
    std::string stem = file.substr(0, file.rfind('.'));
    LabelledDocument doc;
    doc.doc_type = type;
    doc.pages.push_back(TextPage(Slurp(dir.path() + "/" + stem + ".gt.txt")));
    docs.push_back(std::move(doc));
  }
  ASSERT_EQ(docs.size(), 30u);
  Measure m = Measured(docs);
  EXPECT_GE(m.accuracy(), 0.95);
  EXPECT_LE(m.abstained(), 0.10);
}

}  // namespace
}  // namespace intake::classify
