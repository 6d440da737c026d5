// SqliteStore: the embedded records store (one SQLite file, WAL, FTS5).
//
// Durability: the connection runs with synchronous=FULL, so when a mutating
// call returns Ok its transaction is on disk and may be acknowledged to a
// scanner. Each mutating call is exactly one transaction.
//
// Not safe for concurrent use: one thread owns a SqliteStore. Several
// processes may open the same file; writers wait up to 10 s for each other.
//
// Beyond the RecordStore contract:
// - SavePageResult for a page already past kRecognized (classified, filed,
//   needs review, quarantined) is a duplicate result and is dropped: Ok, no
//   change. Results are idempotent; a re-sent job must not move a page back.
// - SaveClassification accepts c.status kClassified, kFiled or kNeedsReview,
//   and leaves quarantined pages quarantined (their reason is kept).
// - ReadAudit("") returns the whole log, oldest first.
#ifndef INTAKE_STORE_SQLITE_STORE_H_
#define INTAKE_STORE_SQLITE_STORE_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "store/record_store.h"
#include "store/sqlite_util.h"

namespace intake::store {

class SqliteStore : public RecordStore {
 public:
  // Opens or creates the database file at `path` (its folder must exist) and
  // brings its schema up to date. ":memory:" gives a private in-memory store.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path);

  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  Result<std::optional<std::string>> FindBySourceHash(
      const std::string& sha256) override;
  Status AddDocument(const Document& doc) override;
  Status SavePageResult(const std::string& doc_id, const Page& page) override;
  Status SaveSearchablePdf(const std::string& doc_id,
                           const std::string& sha256) override;
  Status SaveClassification(const std::string& doc_id,
                            const Classification& c) override;
  Result<Document> GetDocument(const std::string& id) override;
  Result<std::vector<SearchHit>> Search(const SearchQuery& q) override;
  Result<std::vector<std::string>> ListDocumentIds() override;
  Result<std::vector<std::string>> UnfinishedDocuments() override;
  Status Audit(const AuditEntry& entry) override;
  Result<std::vector<AuditEntry>> ReadAudit(
      const std::string& document_id) override;
  Result<StoreCounts> Counts() override;
  Status AddBatch(const Batch& batch,
                  const std::vector<Document>& docs) override;
  Result<std::vector<LedgerRow>> Ledger() override;
  Result<std::vector<std::string>> BatchDocuments(
      const std::string& batch_id) override;
  Result<std::vector<std::string>> ArchivedHashes() override;
  Result<PatientImport> UpsertPatients(
      const std::vector<PatientRecord>& patients) override;
  Result<std::vector<PatientRecord>> ListPatients() override;
  Result<std::int64_t> PatientsVersion() override;
  Result<std::int64_t> SaveModel(const StoredModel& model) override;
  Result<std::optional<StoredModel>> LatestModel() override;
  Status SaveReview(const std::string& doc_id, const Review& r) override;
  Result<std::vector<std::string>> ReviewedDocuments() override;

 private:
  explicit SqliteStore(Db db) : db_(std::move(db)) {}

  // Shared by the writers: each runs inside the caller's transaction.
  Status InsertDocument(const Batch& batch, const Document& doc);
  // The classification columns, pages' states, fields and text index.
  Status WriteClassification(const std::string& doc_id,
                             const Classification& c);
  Status InsertPages(const std::string& doc_id, const std::vector<Page>& pages);
  Status ReplaceFields(const std::string& doc_id, const Classification& c);
  Status IndexText(const std::string& doc_id, std::int64_t seq);

  Result<std::vector<Page>> ReadPages(const std::string& doc_id);
  Status ReadFields(const std::string& doc_id, Classification* c);
  Result<std::vector<SearchHit>> ListRecent(const SearchQuery& q);
  using StateCounts = std::vector<std::pair<std::string, std::int64_t>>;
  Status CountByState(const char* sql, std::string_view what,
                      StateCounts* counts, std::int64_t* total);
  // The first column of every row; `param`, when not empty, binds ?1.
  Result<std::vector<std::string>> QueryIds(const char* sql,
                                            std::string_view what,
                                            const std::string& param = "");

  Db db_;
};

}  // namespace intake::store

#endif  // INTAKE_STORE_SQLITE_STORE_H_
