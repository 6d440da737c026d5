#include "store/sqlite_schema.h"

#include <string>

namespace intake::store {
namespace {

// Version 1. Notes on choices a reader may wonder about:
// - documents.seq is the insertion order ("oldest first") and the rowid of the
//   document's row in doc_text, so search joins on an integer.
// - patient_mrn / patient_name are derived from the classification (patient
//   link, else the mrn / patient_name fields) so search can filter on them.
// - source_sha256 is NULL when unknown, so UNIQUE only binds real hashes.
// - fields.value holds the JSON value as exported (string, list or null);
//   is_list keeps the scalar/list distinction exact.
// - doc_text holds the full text (pages joined by form feeds) and is rebuilt
//   whole whenever a document is (re)classified.
// - audit refuses UPDATE and DELETE: it is append-only by construction.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE documents (
  id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL UNIQUE,
  status TEXT NOT NULL CHECK (status IN ('received', 'recognized',
      'classified', 'filed', 'needs_review', 'quarantined')),
  doc_type TEXT NOT NULL DEFAULT 'other',
  type_confidence REAL NOT NULL DEFAULT 0,
  review_reasons TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(review_reasons)),
  patient TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(patient)),
  patient_mrn TEXT NOT NULL DEFAULT '',
  patient_name TEXT NOT NULL DEFAULT '',
  quarantine_reason TEXT NOT NULL DEFAULT '',
  source_file TEXT NOT NULL DEFAULT '',
  source_path TEXT NOT NULL DEFAULT '',
  scanner TEXT NOT NULL DEFAULT '',
  source_sha256 TEXT UNIQUE,
  source_size INTEGER NOT NULL DEFAULT 0,
  received_at TEXT NOT NULL DEFAULT '',
  pdf_sha256 TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL
);
CREATE INDEX documents_by_status ON documents (status, seq);
CREATE INDEX documents_by_type ON documents (doc_type, seq);
CREATE INDEX documents_by_mrn ON documents (patient_mrn, seq);

CREATE TABLE pages (
  doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  number INTEGER NOT NULL CHECK (number >= 1),
  sha256 TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL CHECK (state IN ('received', 'recognized',
      'classified', 'filed', 'needs_review', 'quarantined')),
  rotation INTEGER NOT NULL DEFAULT 0,
  skew_deg REAL NOT NULL DEFAULT 0,
  dpi INTEGER NOT NULL DEFAULT 0,
  blank INTEGER NOT NULL DEFAULT 0,
  ocr_confidence REAL NOT NULL DEFAULT 0,
  width INTEGER NOT NULL DEFAULT 0,
  height INTEGER NOT NULL DEFAULT 0,
  text TEXT NOT NULL DEFAULT '',
  words TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(words)),
  error TEXT NOT NULL DEFAULT '',
  image_sha256 TEXT NOT NULL DEFAULT '',
  hocr_sha256 TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (doc_id, number)
);
CREATE INDEX pages_by_state ON pages (state);

CREATE TABLE fields (
  doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  value TEXT NOT NULL CHECK (json_valid(value)),
  is_list INTEGER NOT NULL DEFAULT 0,
  confidence REAL NOT NULL DEFAULT 0,
  page INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (doc_id, name)
);

CREATE VIRTUAL TABLE doc_text USING fts5 (
  text,
  tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TABLE audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  user TEXT NOT NULL,
  action TEXT NOT NULL,
  document_id TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_by_document ON audit (document_id, id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
)sql";

// Version 2: batches and the page ledger, the patient registry, classifier
// models and reviews.
// - A batch is one capture unit (a file, a scanner's feeder run); its source
//   hash is the dedup key. Separator sheets split it into documents that
//   share its source: the first document keeps source_sha256 (version 1
//   readers), later parts have NULL there and read it from their batch.
// - Version 1 documents become one-document batches; a quarantined file
//   without pages counts as one received page.
// - pages.source_page: the page of the batch's original (0 = number).
// - documents.reviewed_by/_at: a person decided; `intake train` learns from
//   these.
// - meta holds counters, e.g. the registry version a pipeline reloads on.
constexpr const char* kSchemaV2 = R"sql(
CREATE TABLE batches (
  id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL UNIQUE,
  scanner TEXT NOT NULL DEFAULT '',
  source_file TEXT NOT NULL DEFAULT '',
  source_path TEXT NOT NULL DEFAULT '',
  source_sha256 TEXT UNIQUE,
  source_size INTEGER NOT NULL DEFAULT 0,
  received_at TEXT NOT NULL DEFAULT '',
  pages_received INTEGER NOT NULL DEFAULT 0 CHECK (pages_received >= 0),
  pages_separator INTEGER NOT NULL DEFAULT 0 CHECK (pages_separator >= 0),
  note TEXT NOT NULL DEFAULT ''
);

ALTER TABLE documents ADD COLUMN batch_id TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN batch_part INTEGER NOT NULL DEFAULT 1;
ALTER TABLE documents ADD COLUMN destinations TEXT NOT NULL DEFAULT '[]'
  CHECK (json_valid(destinations));
ALTER TABLE documents ADD COLUMN reviewed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN reviewed_at TEXT NOT NULL DEFAULT '';
ALTER TABLE pages ADD COLUMN source_page INTEGER NOT NULL DEFAULT 0;

INSERT INTO batches (id, seq, scanner, source_file, source_path,
    source_sha256, source_size, received_at, pages_received)
  SELECT id, seq, scanner, source_file, source_path, source_sha256,
      source_size, received_at,
      MAX(1, (SELECT COUNT(*) FROM pages WHERE pages.doc_id = documents.id))
  FROM documents;
UPDATE documents SET batch_id = id;
CREATE INDEX documents_by_batch ON documents (batch_id, batch_part);
CREATE INDEX documents_reviewed ON documents (reviewed_at)
  WHERE reviewed_by <> '';

CREATE TABLE patients (
  id TEXT PRIMARY KEY,
  mrn TEXT NOT NULL UNIQUE,
  last_name TEXT NOT NULL,
  first_name TEXT NOT NULL,
  dob TEXT NOT NULL,
  member_id TEXT NOT NULL DEFAULT '',
  sex TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL
);

CREATE TABLE models (
  version INTEGER PRIMARY KEY AUTOINCREMENT,
  created_at TEXT NOT NULL,
  examples INTEGER NOT NULL DEFAULT 0,
  note TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL
);

CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value INTEGER NOT NULL DEFAULT 0
);
INSERT INTO meta (key, value) VALUES ('patients_version', 0);
)sql";

// Version 3: documents.patient_detail, the patient decision in one line
// for the reviewer.
constexpr const char* kSchemaV3 = R"sql(
ALTER TABLE documents ADD COLUMN patient_detail TEXT NOT NULL DEFAULT '';
)sql";

// kMigrations[i] moves a database from version i to i + 1.
constexpr const char* kMigrations[] = {kSchemaV1, kSchemaV2, kSchemaV3};
static_assert(sizeof(kMigrations) / sizeof(kMigrations[0]) == kSchemaVersion);

}  // namespace

Result<int> SchemaVersion(Db* db) {
  Result<Stmt> stmt = db->Prepare("PRAGMA user_version", "read schema version");
  if (!stmt.ok()) return stmt.status();
  Result<bool> row = stmt->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::Internal("read schema version: no row");
  return static_cast<int>(stmt->Int(0));
}

Status MigrateSchema(Db* db) {
  Transaction txn(db);
  Status s = txn.Begin();
  if (!s.ok()) return s;
  // Read inside the write transaction: two processes opening a new file at
  // once must not both run migration 0.
  Result<int> version = SchemaVersion(db);
  if (!version.ok()) return version.status();
  if (*version > kSchemaVersion) {
    return Status::Unsupported(
        "database schema version " + std::to_string(*version) +
        " is newer than this intake understands (" +
        std::to_string(kSchemaVersion) + "); upgrade intake");
  }
  if (*version == kSchemaVersion) return Status::Ok();
  for (int v = *version; v < kSchemaVersion; ++v) {
    const std::string what =
        "migrate schema to version " + std::to_string(v + 1);
    s = db->Exec(kMigrations[v], what);
    if (!s.ok()) return s;
  }
  s = db->Exec("PRAGMA user_version = " + std::to_string(kSchemaVersion),
               "record schema version");
  if (!s.ok()) return s;
  return txn.Commit();
}

}  // namespace intake::store
