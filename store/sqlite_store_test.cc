#include "store/sqlite_store.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "common/document_json.h"
#include "store/test_util.h"

namespace intake::store {
namespace {

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { Reopen(); }

  void Reopen() {
    store_.reset();
    Result<std::unique_ptr<RecordStore>> store =
        OpenStore("sqlite:" + db_path_);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
  }

  DocumentStatus StatusOf(const std::string& id) {
    Result<Document> doc = store_->GetDocument(id);
    EXPECT_TRUE(doc.ok()) << doc.status().ToString();
    return doc.ok() ? doc->status : PageState::kQuarantined;
  }

  std::vector<PageState> PageStates(const std::string& id) {
    std::vector<PageState> states;
    Result<Document> doc = store_->GetDocument(id);
    EXPECT_TRUE(doc.ok()) << doc.status().ToString();
    if (doc.ok()) {
      for (const Page& p : doc->pages) states.push_back(p.state);
    }
    return states;
  }

  TempDir dir_;
  std::string db_path_ = dir_.File("data/records.db");
  std::unique_ptr<RecordStore> store_;
};

Page RecognizedPage(int number, const std::string& text) {
  Page p;
  p.number = number;
  p.rotation = 180;
  p.skew_deg = -1.25;
  p.dpi = 300;
  p.ocr_confidence = 0.875;
  p.width = 2550;
  p.height = 3300;
  p.text = text;
  p.words = {{"Patient:", 10, 20, 80, 18, 0.5},
             {"Müller", 100, 20, 70, 18, 0.75}};
  return p;
}

Classification LabReport() {
  Classification c;
  c.doc_type = "lab_report";
  c.type_confidence = 0.97;
  c.fields["mrn"] = {{"50752917"}, false, 0.99, 1};
  c.fields["icd10"] = {{"E11.9", "N39.0"}, true, 0.95, 2};
  c.fields["dob"] = {{}, false, 0, 0};
  c.review_reasons = {"missing_field:dob"};
  c.patient = {"p-17", "50752917", "Daniel Rivera", "mrn+name"};
  c.patient_detail = "matched by mrn+name (MRN read with OCR repair)";
  c.status = PageState::kNeedsReview;
  return c;
}

TEST_F(SqliteStoreTest, FullDocumentRoundTrips) {
  Document doc = SampleDocument("doc-1", 2);
  ASSERT_TRUE(store_->AddDocument(doc).ok());
  for (int n : {1, 2}) {
    Page p = RecognizedPage(n, "page " + std::to_string(n) + " text");
    p.sha256 = doc.pages[n - 1].sha256;
    p.state = PageState::kRecognized;
    ASSERT_TRUE(store_->SavePageResult("doc-1", p).ok());
    doc.pages[n - 1] = p;
  }
  const Classification c = LabReport();
  ASSERT_TRUE(store_->SaveClassification("doc-1", c).ok());

  Result<Document> got = store_->GetDocument("doc-1");
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->id, "doc-1");
  EXPECT_EQ(got->status, PageState::kNeedsReview);
  EXPECT_EQ(ToJson(got->source), ToJson(doc.source));
  EXPECT_EQ(got->source.size, 1234);
  EXPECT_EQ(ToJson(got->classification), ToJson(c));
  EXPECT_EQ(got->classification.fields.at("icd10").values,
            (std::vector<std::string>{"E11.9", "N39.0"}));
  EXPECT_TRUE(got->classification.fields.at("icd10").is_list);
  EXPECT_EQ(got->classification.patient.name, "Daniel Rivera");
  EXPECT_EQ(got->classification.patient_detail, c.patient_detail);
  ASSERT_EQ(got->pages.size(), 2u);
  for (int i = 0; i < 2; ++i) {
    doc.pages[i].state = PageState::kNeedsReview;
    EXPECT_EQ(ToJson(got->pages[i]), ToJson(doc.pages[i])) << "page " << i + 1;
  }
  EXPECT_EQ(got->pages[1].text, "page 2 text");
  ASSERT_EQ(got->pages[0].words.size(), 2u);
  EXPECT_EQ(got->pages[0].words[1].text, "Müller");
  EXPECT_EQ(got->pages[0].words[1].x, 100);
  EXPECT_FLOAT_EQ(got->pages[0].words[1].confidence, 0.75f);
}

TEST_F(SqliteStoreTest, OutputsOfPagesAndDocumentRoundTrip) {
  ASSERT_TRUE(store_->AddDocument(SampleDocument("doc-out", 1)).ok());
  Page p = RecognizedPage(1, "text");
  p.image_sha256 = std::string(64, 'e');
  p.hocr_sha256 = std::string(64, 'f');
  ASSERT_TRUE(store_->SavePageResult("doc-out", p).ok());
  ASSERT_TRUE(store_->SaveSearchablePdf("doc-out", std::string(64, 'd')).ok());
  Reopen();
  Result<Document> doc = store_->GetDocument("doc-out");
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->pages[0].image_sha256, std::string(64, 'e'));
  EXPECT_EQ(doc->pages[0].hocr_sha256, std::string(64, 'f'));
  EXPECT_EQ(doc->pdf_sha256, std::string(64, 'd'));
  EXPECT_EQ(store_->SaveSearchablePdf("nope", "x").code(),
            Status::Code::kNotFound);
}

TEST_F(SqliteStoreTest, PagesMoveThroughStatesAndDocumentFollows) {
  ASSERT_TRUE(store_->AddDocument(SampleDocument("d", 2)).ok());
  EXPECT_EQ(StatusOf("d"), PageState::kReceived);
  EXPECT_EQ(PageStates("d"), (std::vector<PageState>{PageState::kReceived,
                                                     PageState::kReceived}));

  ASSERT_TRUE(store_->SavePageResult("d", RecognizedPage(2, "two")).ok());
  EXPECT_EQ(StatusOf("d"), PageState::kReceived) << "one page still waits";
  EXPECT_EQ(PageStates("d"), (std::vector<PageState>{PageState::kReceived,
                                                     PageState::kRecognized}));

  ASSERT_TRUE(store_->SavePageResult("d", RecognizedPage(1, "one")).ok());
  EXPECT_EQ(StatusOf("d"), PageState::kRecognized);

  Classification c = LabReport();
  c.status = PageState::kFiled;
  ASSERT_TRUE(store_->SaveClassification("d", c).ok());
  EXPECT_EQ(StatusOf("d"), PageState::kFiled);
  EXPECT_EQ(PageStates("d"),
            (std::vector<PageState>{PageState::kFiled, PageState::kFiled}));
}

TEST_F(SqliteStoreTest, UnfinishedDocumentsAreTheOnesARestartMustResume) {
  for (const char* id : {"a", "b", "c", "d"}) {
    ASSERT_TRUE(store_->AddDocument(SampleDocument(id, 1)).ok());
  }
  ASSERT_TRUE(store_->SavePageResult("b", RecognizedPage(1, "b")).ok());
  Classification filed = LabReport();
  filed.status = PageState::kFiled;
  ASSERT_TRUE(store_->SavePageResult("c", RecognizedPage(1, "c")).ok());
  ASSERT_TRUE(store_->SaveClassification("c", filed).ok());

  Result<std::vector<std::string>> unfinished = store_->UnfinishedDocuments();
  ASSERT_TRUE(unfinished.ok());
  EXPECT_EQ(*unfinished, (std::vector<std::string>{"a", "b", "d"}));
  Result<std::vector<std::string>> all = store_->ListDocumentIds();
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(*all, (std::vector<std::string>{"a", "b", "c", "d"}));
}

TEST_F(SqliteStoreTest, LateDuplicatePageResultDoesNotMovePageBack) {
  ASSERT_TRUE(store_->AddDocument(SampleDocument("d", 1)).ok());
  ASSERT_TRUE(store_->SavePageResult("d", RecognizedPage(1, "first")).ok());
  ASSERT_TRUE(store_->SaveClassification("d", LabReport()).ok());
  ASSERT_TRUE(store_->SavePageResult("d", RecognizedPage(1, "again")).ok());
  Result<Document> doc = store_->GetDocument("d");
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->status, PageState::kNeedsReview);
  EXPECT_EQ(doc->pages[0].state, PageState::kNeedsReview);
  EXPECT_EQ(doc->pages[0].text, "first");
}

TEST_F(SqliteStoreTest, UnknownDocumentsAndPagesAreNotFound) {
  EXPECT_EQ(store_->GetDocument("nope").status().code(),
            Status::Code::kNotFound);
  EXPECT_EQ(store_->SavePageResult("nope", RecognizedPage(1, "")).code(),
            Status::Code::kNotFound);
  EXPECT_EQ(store_->SaveClassification("nope", LabReport()).code(),
            Status::Code::kNotFound);
  ASSERT_TRUE(store_->AddDocument(SampleDocument("d", 1)).ok());
  EXPECT_EQ(store_->SavePageResult("d", RecognizedPage(2, "")).code(),
            Status::Code::kNotFound);
}

TEST_F(SqliteStoreTest, ClassificationMustEndPipelineWork) {
  ASSERT_TRUE(store_->AddDocument(SampleDocument("d", 1)).ok());
  Classification c = LabReport();
  c.status = PageState::kReceived;
  EXPECT_EQ(store_->SaveClassification("d", c).code(),
            Status::Code::kInvalidArgument);
  EXPECT_EQ(StatusOf("d"), PageState::kReceived);
}

TEST_F(SqliteStoreTest, ReclassifyingReplacesFields) {
  ASSERT_TRUE(store_->AddDocument(SampleDocument("d", 1)).ok());
  ASSERT_TRUE(store_->SaveClassification("d", LabReport()).ok());
  Classification c;
  c.doc_type = "referral";
  c.fields["npi"] = {{"1234567893"}, true, 0.9, 1};
  c.status = PageState::kFiled;
  ASSERT_TRUE(store_->SaveClassification("d", c).ok());
  Result<Document> doc = store_->GetDocument("d");
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->classification.doc_type, "referral");
  ASSERT_EQ(doc->classification.fields.size(), 1u);
  EXPECT_TRUE(doc->classification.fields.at("npi").is_list);
  EXPECT_TRUE(doc->classification.review_reasons.empty());
}

TEST_F(SqliteStoreTest, DuplicateSourceIsRejectedAndFound) {
  Document first = SampleDocument("first", 1);
  ASSERT_TRUE(store_->AddDocument(first).ok());
  Document again = SampleDocument("again", 1);
  again.source.sha256 = first.source.sha256;
  Status s = store_->AddDocument(again);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("first"), std::string::npos) << s.message();

  Result<std::optional<std::string>> found =
      store_->FindBySourceHash(first.source.sha256);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->value_or(""), "first");
  Result<std::optional<std::string>> none =
      store_->FindBySourceHash(Sha256Hex("other"));
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  EXPECT_EQ(store_->GetDocument("again").status().code(),
            Status::Code::kNotFound);
}

TEST_F(SqliteStoreTest, DuplicateIdIsRejected) {
  ASSERT_TRUE(store_->AddDocument(SampleDocument("d", 1)).ok());
  Document same_id = SampleDocument("d", 1);
  same_id.source.sha256 = Sha256Hex("different bytes");
  EXPECT_FALSE(store_->AddDocument(same_id).ok());
}

TEST_F(SqliteStoreTest, FailedAddLeavesNothingBehind) {
  Document doc = SampleDocument("d", 2);
  doc.pages[1].number = 1;  // two pages numbered 1: the insert fails midway
  Status s = store_->AddDocument(doc);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("page"), std::string::npos) << s.message();
  EXPECT_EQ(store_->GetDocument("d").status().code(), Status::Code::kNotFound);
  Result<StoreCounts> counts = store_->Counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->documents, 0);
  EXPECT_EQ(counts->pages, 0);
  // The source is free again once the failed add rolled back.
  EXPECT_TRUE(store_->AddDocument(SampleDocument("d", 2)).ok());
}

TEST_F(SqliteStoreTest, QuarantinedDocumentKeepsItsReason) {
  Document doc = SampleDocument("bad", 1);
  doc.status = PageState::kQuarantined;
  doc.quarantine_reason = "truncated TIFF: strip 3 of 5 missing";
  doc.pages[0].state = PageState::kQuarantined;
  doc.pages[0].error = "cannot decode";
  ASSERT_TRUE(store_->AddDocument(doc).ok());
  Result<Document> got = store_->GetDocument("bad");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->status, PageState::kQuarantined);
  EXPECT_EQ(got->quarantine_reason, doc.quarantine_reason);
  EXPECT_EQ(got->pages[0].state, PageState::kQuarantined);
  EXPECT_EQ(got->pages[0].error, "cannot decode");
  Result<std::vector<std::string>> unfinished = store_->UnfinishedDocuments();
  ASSERT_TRUE(unfinished.ok());
  EXPECT_TRUE(unfinished->empty());
}

TEST_F(SqliteStoreTest, ClassificationLeavesQuarantinedPagesQuarantined) {
  Document doc = SampleDocument("d", 2);
  doc.pages[1].state = PageState::kQuarantined;
  ASSERT_TRUE(store_->AddDocument(doc).ok());
  ASSERT_TRUE(store_->SavePageResult("d", RecognizedPage(1, "one")).ok());
  EXPECT_EQ(StatusOf("d"), PageState::kRecognized);
  ASSERT_TRUE(store_->SaveClassification("d", LabReport()).ok());
  EXPECT_EQ(PageStates("d"), (std::vector<PageState>{PageState::kNeedsReview,
                                                     PageState::kQuarantined}));
}

TEST_F(SqliteStoreTest, SurvivesCloseAndReopen) {
  ASSERT_TRUE(store_->AddDocument(SampleDocument("kept", 1)).ok());
  ASSERT_TRUE(
      store_->SavePageResult("kept", RecognizedPage(1, "lazy fox")).ok());
  ASSERT_TRUE(store_->SaveClassification("kept", LabReport()).ok());
  ASSERT_TRUE(store_->Audit({"", "alice", "view", "kept", ""}).ok());
  Result<Document> before = store_->GetDocument("kept");
  ASSERT_TRUE(before.ok());

  Reopen();
  Result<Document> after = store_->GetDocument("kept");
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  EXPECT_EQ(ToExportJson(*after), ToExportJson(*before));
  Result<std::vector<SearchHit>> hits = store_->Search({"fox"});
  ASSERT_TRUE(hits.ok());
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ((*hits)[0].id, "kept");
  Result<std::vector<AuditEntry>> audit = store_->ReadAudit("kept");
  ASSERT_TRUE(audit.ok());
  EXPECT_EQ(audit->size(), 1u);
}

TEST_F(SqliteStoreTest, AuditAppendsAndReadsInOrder) {
  ASSERT_TRUE(store_->Audit({"", "alice", "view", "d1", "web"}).ok());
  ASSERT_TRUE(
      store_->Audit({"2026-01-02T03:04:05Z", "bob", "export", "d1", "fhir"})
          .ok());
  ASSERT_TRUE(store_->Audit({"", "carol", "search", "", "fox"}).ok());
  EXPECT_EQ(store_->Audit({"", "", "view", "d1", ""}).code(),
            Status::Code::kInvalidArgument);

  Result<std::vector<AuditEntry>> d1 = store_->ReadAudit("d1");
  ASSERT_TRUE(d1.ok());
  ASSERT_EQ(d1->size(), 2u);
  EXPECT_EQ((*d1)[0].user, "alice");
  EXPECT_EQ((*d1)[0].action, "view");
  EXPECT_EQ((*d1)[0].detail, "web");
  // Filled by the store: ISO 8601 UTC, e.g. 2026-11-25T07:05:00Z.
  ASSERT_EQ((*d1)[0].at.size(), 20u) << (*d1)[0].at;
  EXPECT_EQ((*d1)[0].at[10], 'T');
  EXPECT_EQ((*d1)[0].at.back(), 'Z');
  EXPECT_EQ((*d1)[1].at, "2026-01-02T03:04:05Z");
  Result<std::vector<AuditEntry>> all = store_->ReadAudit("");
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[2].user, "carol");
}

TEST_F(SqliteStoreTest, CountsDocumentsAndPagesByState) {
  ASSERT_TRUE(store_->AddDocument(SampleDocument("a", 2)).ok());
  ASSERT_TRUE(store_->AddDocument(SampleDocument("b", 3)).ok());
  ASSERT_TRUE(store_->SavePageResult("b", RecognizedPage(1, "x")).ok());
  Result<StoreCounts> counts = store_->Counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->documents, 2);
  EXPECT_EQ(counts->pages, 5);
  using Row = std::pair<std::string, std::int64_t>;
  EXPECT_EQ(counts->documents_by_status, (std::vector<Row>{{"received", 2}}));
  EXPECT_EQ(counts->pages_by_state,
            (std::vector<Row>{{"received", 4}, {"recognized", 1}}));
}

}  // namespace
}  // namespace intake::store
