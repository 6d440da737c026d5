// RecordStore: the records store behind one interface.
//
// The store is the source of truth for every document's state. SQLite (WAL,
// FTS5) is the embedded default; a PostgreSQL backend will implement the same
// interface. A RecordStore object is NOT safe for concurrent use: the pipeline
// gives it to one thread (the coordinator), and each CLI command opens its own.
// Separate processes may open the same SQLite file (WAL; writers wait on a
// busy timeout).
#ifndef INTAKE_STORE_RECORD_STORE_H_
#define INTAKE_STORE_RECORD_STORE_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/document.h"
#include "common/patient.h"
#include "common/status.h"

namespace intake::store {

struct SearchQuery {
  std::string text;         // words, all of which must appear (any order)
  std::string doc_type;     // empty = any
  std::string patient_mrn;  // empty = any
  int limit = 20;
};

struct SearchHit {
  std::string id;
  std::string doc_type;
  std::string status;
  std::string patient;  // patient name, empty when none
  double score = 0;     // higher is better
  std::string snippet;  // text around the match, matches in [brackets]
};

struct AuditEntry {
  std::string at;           // ISO 8601 UTC; filled by the store when empty
  std::string user;         // who (OS user for the CLI, account for the web)
  std::string action;       // "ingest", "view", "export", "search", ...
  std::string document_id;  // empty when not about one document
  std::string detail;
};

// Counts of pages by state and documents by status, for stats and verify.
struct StoreCounts {
  std::int64_t documents = 0;
  std::int64_t pages = 0;
  std::vector<std::pair<std::string, std::int64_t>> documents_by_status;
  std::vector<std::pair<std::string, std::int64_t>> pages_by_state;
};

// One batch's page ledger (DESIGN.md "Nothing lost"): every page received
// is stored, blank, a separator sheet or quarantined. A file that could not
// be decoded at all counts as one received, quarantined page.
struct LedgerRow {
  std::string batch_id;
  std::string scanner;
  std::string file;
  std::string received_at;
  std::string note;
  std::int64_t received = 0;
  std::int64_t stored = 0;  // non-blank pages in any state but quarantined
  std::int64_t blank = 0;
  std::int64_t separator = 0;
  std::int64_t quarantined = 0;
  std::int64_t documents = 0;
  // Quality: documents filed / waiting for review, and the mean OCR
  // confidence of the pages that were read (0 when none was).
  std::int64_t filed = 0;
  std::int64_t needs_review = 0;
  double mean_ocr_confidence = 0;
  bool balanced() const {
    return received == stored + blank + separator + quarantined;
  }
};

// What a registry import changed.
struct PatientImport {
  std::int64_t added = 0;
  std::int64_t updated = 0;
  std::int64_t unchanged = 0;
};

// A version of the document-type model (classify/model.h), kept in the store.
struct StoredModel {
  std::int64_t version = 0;  // assigned by SaveModel, 1, 2, ...
  std::string created_at;
  std::int64_t examples = 0;  // reviewed documents it learnt from
  std::string note;
  std::string body;  // the serialised model
};

// A person's decision about a document (the review station, `intake review`).
struct Review {
  std::string user;
  Classification classification;  // type, fields, patient, status
};

class RecordStore {
 public:
  virtual ~RecordStore() = default;

  // The id of the document whose original bytes have this SHA-256, if any.
  virtual Result<std::optional<std::string>> FindBySourceHash(
      const std::string& sha256) = 0;

  // Writes a new document, its source and its pages (in their states, usually
  // kReceived, or kQuarantined with doc.quarantine_reason) in one durable
  // transaction. Fails when the id or the source hash exists already.
  virtual Status AddDocument(const Document& doc) = 0;

  // Stores one page's OCR result (text, words, metadata) and moves the page to
  // kRecognized; the document becomes kRecognized once all its pages are.
  virtual Status SavePageResult(const std::string& doc_id,
                                const Page& page) = 0;

  // Stores the classification (type, fields, reasons, patient) and moves the
  // document and all its pages to c.status (kFiled or kNeedsReview), and
  // indexes the document's text for search. One transaction.
  virtual Status SaveClassification(const std::string& doc_id,
                                    const Classification& c) = 0;

  // Records the document's searchable PDF (already in the archive).
  virtual Status SaveSearchablePdf(const std::string& doc_id,
                                   const std::string& sha256) = 0;

  // The whole document with its pages (text and words) and classification.
  virtual Result<Document> GetDocument(const std::string& id) = 0;

  // Full-text search, best first.
  virtual Result<std::vector<SearchHit>> Search(const SearchQuery& q) = 0;

  // All document ids, oldest first.
  virtual Result<std::vector<std::string>> ListDocumentIds() = 0;

  // Documents whose pipeline work is unfinished (status received, recognized
  // or classified), oldest first: what a restart must pick up.
  virtual Result<std::vector<std::string>> UnfinishedDocuments() = 0;

  virtual Status Audit(const AuditEntry& entry) = 0;
  virtual Result<std::vector<AuditEntry>> ReadAudit(
      const std::string& document_id) = 0;

  virtual Result<StoreCounts> Counts() = 0;

  // --- Batches (capture units) ---

  // Writes the batch and its documents with their pages in one durable
  // transaction. The dedup key is the batch's source hash: fails when it
  // (or a document id) exists already. AddDocument(doc) is AddBatch of a
  // one-document batch with the document's id.
  virtual Status AddBatch(const Batch& batch,
                          const std::vector<Document>& docs) = 0;
  // Every batch's page ledger, oldest first.
  virtual Result<std::vector<LedgerRow>> Ledger() = 0;
  // The ids of the batch's documents in part order.
  virtual Result<std::vector<std::string>> BatchDocuments(
      const std::string& batch_id) = 0;
  // Every archive hash the store refers to (originals, page images, hOCR,
  // PDFs), each once: what `intake verify` checks.
  virtual Result<std::vector<std::string>> ArchivedHashes() = 0;

  // --- Patient registry ---

  // Adds new patients and updates known ones, keyed by MRN; assigns ids.
  virtual Result<PatientImport> UpsertPatients(
      const std::vector<PatientRecord>& patients) = 0;
  virtual Result<std::vector<PatientRecord>> ListPatients() = 0;
  // Changes whenever the registry does (a running pipeline reloads then).
  virtual Result<std::int64_t> PatientsVersion() = 0;

  // --- Classifier models and reviews ---

  virtual Result<std::int64_t> SaveModel(const StoredModel& model) = 0;
  virtual Result<std::optional<StoredModel>> LatestModel() = 0;
  // Records a person's decision: stores the classification as the
  // document's (status filed or needs_review) and marks it reviewed.
  virtual Status SaveReview(const std::string& doc_id, const Review& r) = 0;
  // Reviewed documents, oldest first: what `intake train` learns from.
  virtual Result<std::vector<std::string>> ReviewedDocuments() = 0;
};

// Opens the store named by `url`: "sqlite:PATH" (created when missing) or a
// bare path ending in .db. "postgresql://..." answers Unsupported until that
// backend exists.
Result<std::unique_ptr<RecordStore>> OpenStore(const std::string& url);

}  // namespace intake::store

#endif  // INTAKE_STORE_RECORD_STORE_H_
