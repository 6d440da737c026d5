#include "common/document_json.h"

#include <gtest/gtest.h>

namespace intake {
namespace {

Document SampleDocument() {
  Document d;
  d.id = "0123456789abcdef";
  d.status = PageState::kNeedsReview;
  d.source = {"scan_0042.tif",      "inbox/scan_0042.tif",  "front-desk-1",
              std::string(64, 'a'), "2026-11-25T07:05:00Z", 1234};
  Page p1;
  p1.number = 1;
  p1.sha256 = std::string(64, 'b');
  p1.rotation = 180;
  p1.skew_deg = -1.4;
  p1.dpi = 300;
  p1.ocr_confidence = 0.91;
  p1.text = "Lab Report";
  p1.words = {{"Lab", 10, 20, 30, 12, 0.95f}, {"Report", 45, 20, 60, 12, 0.9f}};
  Page p2 = p1;
  p2.number = 2;
  p2.text = "page two";
  d.pages = {p1, p2};
  Classification& c = d.classification;
  c.doc_type = "lab_report";
  c.type_confidence = 0.97;
  c.fields["mrn"] = {{"50752917"}, false, 0.99, 1};
  c.fields["icd10"] = {{"E11.9", "N39.0"}, true, 0.95, 1};
  c.review_reasons = {"no_patient_match"};
  c.status = PageState::kNeedsReview;
  return d;
}

TEST(DocumentJsonTest, ExportHasEveryContractKey) {
  nlohmann::ordered_json j = ToExportJson(SampleDocument());
  for (const char* key : {"id", "status", "review_reasons", "source",
                          "doc_type", "fields", "patient", "pages", "text"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  for (const char* key : {"file", "path", "scanner", "sha256", "received_at"}) {
    EXPECT_TRUE(j["source"].contains(key)) << key;
  }
  for (const char* key : {"id", "mrn", "name", "match"}) {
    EXPECT_TRUE(j["patient"].contains(key)) << key;
  }
  for (const char* key : {"number", "sha256", "rotation", "skew_deg", "dpi",
                          "blank", "ocr_confidence"}) {
    EXPECT_TRUE(j["pages"][0].contains(key)) << key;
  }
  EXPECT_EQ(j["status"], "needs_review");
  EXPECT_EQ(j["doc_type"]["value"], "lab_report");
  EXPECT_EQ(j["fields"]["mrn"]["value"], "50752917");
  EXPECT_EQ(j["fields"]["icd10"]["value"],
            nlohmann::ordered_json::array({"E11.9", "N39.0"}));
  EXPECT_EQ(j.begin().key(), "id");
  EXPECT_EQ(j["patient"]["match"], "none");
  EXPECT_EQ(j["text"], "Lab Report\fpage two");
  EXPECT_EQ(j["pages"][0]["rotation"], 180);
  EXPECT_FALSE(j.contains("quarantine_reason"));
}

TEST(DocumentJsonTest, QuarantinedExportCarriesReason) {
  Document d = SampleDocument();
  d.status = PageState::kQuarantined;
  d.quarantine_reason = "not an image";
  nlohmann::ordered_json j = ToExportJson(d);
  EXPECT_EQ(j["status"], "quarantined");
  EXPECT_EQ(j["quarantine_reason"], "not an image");
}

TEST(DocumentJsonTest, PageRoundTrips) {
  Page p = SampleDocument().pages[0];
  Result<Page> back = PageFromJson(ToJson(p));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->text, p.text);
  EXPECT_EQ(back->rotation, 180);
  ASSERT_EQ(back->words.size(), 2u);
  EXPECT_EQ(back->words[1].text, "Report");
  EXPECT_EQ(back->words[1].x, 45);
  EXPECT_NEAR(back->words[1].confidence, 0.9, 1e-3);
}

TEST(DocumentJsonTest, ClassificationRoundTrips) {
  Classification c = SampleDocument().classification;
  Result<Classification> back = ClassificationFromJson(ToJson(c));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->doc_type, "lab_report");
  EXPECT_EQ(back->fields.at("icd10").values.size(), 2u);
  EXPECT_TRUE(back->fields.at("icd10").is_list);
  EXPECT_EQ(back->review_reasons, c.review_reasons);
  EXPECT_EQ(back->status, PageState::kNeedsReview);
}

TEST(DocumentJsonTest, MalformedInputIsCorruptNotACrash) {
  EXPECT_FALSE(PageFromJson(nlohmann::json::object()).ok());
  EXPECT_FALSE(PageFromJson(nlohmann::json{{"number", "x"}}).ok());
  EXPECT_FALSE(ClassificationFromJson(nlohmann::json::array()).ok());
  EXPECT_FALSE(
      PageFromJson(nlohmann::json{{"number", 1}, {"state", "lost"}}).ok());
}

TEST(PageStateTest, NamesRoundTrip) {
  for (PageState s :
       {PageState::kReceived, PageState::kRecognized, PageState::kClassified,
        PageState::kFiled, PageState::kNeedsReview, PageState::kQuarantined}) {
    EXPECT_EQ(ParsePageState(ToString(s)), s);
  }
  EXPECT_FALSE(ParsePageState("lost").has_value());
}

}  // namespace
}  // namespace intake
