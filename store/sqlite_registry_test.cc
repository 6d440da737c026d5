// Batches and the page ledger, the patient registry, models and reviews, on a
// real SQLite file.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "store/record_store.h"
#include "store/test_util.h"

namespace intake::store {
namespace {

using ::testing::ElementsAre;

class RegistryTest : public ::testing::Test {
 protected:
  void SetUp() override { Reopen(); }
  void Reopen() {
    store_.reset();
    Result<std::unique_ptr<RecordStore>> store = OpenStore("sqlite:" + path_);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
  }
  // Closes the store, runs `sql` on its file as an older intake had it,
  // and opens it again (migrating it).
  void Downgrade(const char* sql) {
    store_.reset();
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    char* error = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, &error), SQLITE_OK)
        << (error ? error : "");
    sqlite3_free(error);
    sqlite3_close(db);
    Reopen();
  }
  TempDir dir_;
  std::string path_ = dir_.File("records.db");
  std::unique_ptr<RecordStore> store_;
};

// A stack of 7 pages split by two separator sheets into two documents of
// 3 and 2 pages; one page of the second is blank.
Batch SplitBatch(std::vector<Document>* docs) {
  Batch batch;
  batch.id = "b1";
  batch.source = SampleDocument("b1", 0).source;
  batch.pages_received = 7;
  batch.separator_pages = 2;
  Document a = SampleDocument("b1", 3);
  a.batch_id = "b1";
  Document b = SampleDocument("b1-2", 2);
  b.batch_id = "b1";
  b.batch_part = 2;
  b.pages[0].source_page = 5;
  b.pages[1].source_page = 6;
  b.source = {};
  *docs = {a, b};
  return batch;
}

TEST_F(RegistryTest, SplitBatchKeepsItsSourceAndBalancesTheLedger) {
  std::vector<Document> docs;
  Batch batch = SplitBatch(&docs);
  ASSERT_TRUE(store_->AddBatch(batch, docs).ok());

  Result<Document> second = store_->GetDocument("b1-2");
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->source.sha256, batch.source.sha256);
  EXPECT_EQ(second->source.file, batch.source.file);
  EXPECT_EQ(second->batch_id, "b1");
  EXPECT_EQ(second->batch_part, 2);
  EXPECT_EQ(second->pages[1].source_page, 6);

  // Re-capturing the same bytes is a duplicate of the batch's first part.
  Result<std::optional<std::string>> dup =
      store_->FindBySourceHash(batch.source.sha256);
  ASSERT_TRUE(dup.ok());
  EXPECT_EQ(dup->value_or(""), "b1");
  Status again = store_->AddBatch(batch, docs);
  EXPECT_FALSE(again.ok());
  EXPECT_NE(again.message().find("already stored as document b1"),
            std::string::npos);

  Result<std::vector<std::string>> ids = store_->BatchDocuments("b1");
  ASSERT_TRUE(ids.ok());
  EXPECT_THAT(*ids, ElementsAre("b1", "b1-2"));

  // One page of the second document turns out blank.
  Page blank = second->pages[1];
  blank.blank = true;
  ASSERT_TRUE(store_->SavePageResult("b1-2", blank).ok());
  Result<std::vector<LedgerRow>> ledger = store_->Ledger();
  ASSERT_TRUE(ledger.ok()) << ledger.status().ToString();
  ASSERT_EQ(ledger->size(), 1u);
  const LedgerRow& row = ledger->front();
  EXPECT_EQ(row.received, 7);
  EXPECT_EQ(row.stored, 4);
  EXPECT_EQ(row.blank, 1);
  EXPECT_EQ(row.separator, 2);
  EXPECT_EQ(row.quarantined, 0);
  EXPECT_EQ(row.documents, 2);
  EXPECT_TRUE(row.balanced());
}

TEST_F(RegistryTest, LedgerCountsAnUndecodableFileAsOneQuarantinedPage) {
  Document bad = SampleDocument("bad", 0);
  bad.status = PageState::kQuarantined;
  bad.quarantine_reason = "not an image";
  ASSERT_TRUE(store_->AddDocument(bad).ok());
  Result<std::vector<LedgerRow>> ledger = store_->Ledger();
  ASSERT_TRUE(ledger.ok());
  ASSERT_EQ(ledger->size(), 1u);
  EXPECT_EQ(ledger->front().received, 1);
  EXPECT_EQ(ledger->front().quarantined, 1);
  EXPECT_TRUE(ledger->front().balanced());
}

TEST_F(RegistryTest, LedgerShowsAPageThatWentMissing) {
  std::vector<Document> docs;
  Batch batch = SplitBatch(&docs);
  batch.pages_received = 8;  // one more page than the documents hold
  ASSERT_TRUE(store_->AddBatch(batch, docs).ok());
  Result<std::vector<LedgerRow>> ledger = store_->Ledger();
  ASSERT_TRUE(ledger.ok());
  EXPECT_FALSE(ledger->front().balanced());
}

TEST_F(RegistryTest, ArchivedHashesListEveryReferenceOnce) {
  std::vector<Document> docs;
  Batch batch = SplitBatch(&docs);
  ASSERT_TRUE(store_->AddBatch(batch, docs).ok());
  Page p = docs[0].pages[0];
  p.image_sha256 = "aa";
  p.hocr_sha256 = "bb";
  ASSERT_TRUE(store_->SavePageResult("b1", p).ok());
  ASSERT_TRUE(store_->SaveSearchablePdf("b1", "cc").ok());
  Result<std::vector<std::string>> hashes = store_->ArchivedHashes();
  ASSERT_TRUE(hashes.ok());
  std::vector<std::string> sorted = *hashes;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_THAT(sorted, ElementsAre("aa", "bb", "cc", batch.source.sha256));
}

TEST_F(RegistryTest, PatientImportAddsUpdatesAndBumpsTheVersion) {
  Result<std::int64_t> v0 = store_->PatientsVersion();
  ASSERT_TRUE(v0.ok());
  std::vector<PatientRecord> patients = {
      {"", "50752917", "Rivera", "Daniel", "1962-03-14", "XJH123", "M", ""},
      {"", "50752918", "Rivera", "Danielle", "1990-07-01", "", "F", ""}};
  Result<PatientImport> first = store_->UpsertPatients(patients);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->added, 2);
  Result<std::int64_t> v1 = store_->PatientsVersion();
  EXPECT_GT(*v1, *v0);

  patients[1].phone = "555-0100";
  Result<PatientImport> second = store_->UpsertPatients(patients);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->added, 0);
  EXPECT_EQ(second->updated, 1);
  EXPECT_EQ(second->unchanged, 1);

  Reopen();  // durable
  Result<std::vector<PatientRecord>> all = store_->ListPatients();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[1].phone, "555-0100");
  EXPECT_FALSE((*all)[0].id.empty());
  EXPECT_NE((*all)[0].id, (*all)[1].id);
  // Ids do not change on re-import.
  const std::string id = (*all)[0].id;
  ASSERT_TRUE(store_->UpsertPatients(patients).ok());
  EXPECT_EQ(store_->ListPatients()->front().id, id);
}

TEST_F(RegistryTest, ModelsAreVersioned) {
  Result<std::optional<StoredModel>> none = store_->LatestModel();
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  Result<std::int64_t> v1 = store_->SaveModel({0, "", 3, "first", "{1}"});
  Result<std::int64_t> v2 = store_->SaveModel({0, "", 9, "second", "{2}"});
  ASSERT_TRUE(v1.ok() && v2.ok());
  EXPECT_EQ(*v2, *v1 + 1);
  Result<std::optional<StoredModel>> latest = store_->LatestModel();
  ASSERT_TRUE(latest.ok() && latest->has_value());
  EXPECT_EQ((*latest)->body, "{2}");
  EXPECT_EQ((*latest)->examples, 9);
  EXPECT_FALSE(store_->SaveModel({}).ok());
}

TEST_F(RegistryTest, ReviewFilesTheDocumentAndMarksItForTraining) {
  ASSERT_TRUE(store_->AddDocument(SampleDocument("d1", 1)).ok());
  ASSERT_TRUE(store_->AddDocument(SampleDocument("d2", 1)).ok());
  Review r;
  r.user = "records-clerk";
  r.classification.doc_type = "lab_report";
  r.classification.type_confidence = 1;
  r.classification.status = PageState::kFiled;
  r.classification.patient = {"p1", "50752917", "Daniel Rivera", "reviewed"};
  ASSERT_TRUE(store_->SaveReview("d2", r).ok());
  Result<std::vector<std::string>> reviewed = store_->ReviewedDocuments();
  ASSERT_TRUE(reviewed.ok());
  EXPECT_THAT(*reviewed, ElementsAre("d2"));
  Result<Document> doc = store_->GetDocument("d2");
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->status, PageState::kFiled);
  EXPECT_EQ(doc->classification.patient.mrn, "50752917");
  r.user.clear();
  EXPECT_FALSE(store_->SaveReview("d1", r).ok());
  EXPECT_FALSE(store_->SaveReview("nope", Review{"u", r.classification}).ok());
}

// A database written by a version 1 intake keeps its documents, and they
// become one-document batches with a balanced ledger.
TEST_F(RegistryTest, VersionOneDatabaseIsMigrated) {
  ASSERT_TRUE(store_->AddDocument(SampleDocument("old", 2)).ok());
  // Undo what versions 2 and 3 added, as a version 1 file had it.
  Downgrade(
      "DROP TABLE batches; DROP TABLE patients; DROP TABLE models;"
      " DROP TABLE meta; DROP INDEX documents_by_batch;"
      " DROP INDEX documents_reviewed;"
      " ALTER TABLE documents DROP COLUMN batch_id;"
      " ALTER TABLE documents DROP COLUMN batch_part;"
      " ALTER TABLE documents DROP COLUMN destinations;"
      " ALTER TABLE documents DROP COLUMN reviewed_by;"
      " ALTER TABLE documents DROP COLUMN reviewed_at;"
      " ALTER TABLE pages DROP COLUMN source_page;"
      " ALTER TABLE documents DROP COLUMN patient_detail;"
      " PRAGMA user_version = 1;");
  Result<Document> doc = store_->GetDocument("old");
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->batch_id, "old");
  EXPECT_EQ(doc->pages.size(), 2u);
  Result<std::vector<LedgerRow>> ledger = store_->Ledger();
  ASSERT_TRUE(ledger.ok());
  ASSERT_EQ(ledger->size(), 1u);
  EXPECT_EQ(ledger->front().received, 2);
  EXPECT_TRUE(ledger->front().balanced());
  Result<std::optional<std::string>> dup =
      store_->FindBySourceHash(doc->source.sha256);
  ASSERT_TRUE(dup.ok());
  EXPECT_EQ(dup->value_or(""), "old");
}

// A version 2 database gains the patient decision's detail, empty for the
// documents it holds, and stores it from then on.
TEST_F(RegistryTest, VersionTwoDatabaseIsMigrated) {
  ASSERT_TRUE(store_->AddDocument(SampleDocument("old", 1)).ok());
  Downgrade(
      "ALTER TABLE documents DROP COLUMN patient_detail;"
      " PRAGMA user_version = 2;");
  Result<Document> doc = store_->GetDocument("old");
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->classification.patient_detail, "");
  Classification c = doc->classification;
  c.status = PageState::kNeedsReview;
  c.review_reasons = {"patient_conflict"};
  c.patient_detail =
      "MRN 50752917 is registry patient p-17, whose name "
      "differs from the document's";
  ASSERT_TRUE(store_->SaveClassification("old", c).ok());
  doc = store_->GetDocument("old");
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->classification.patient_detail, c.patient_detail);
}

}  // namespace
}  // namespace intake::store
