// SqliteStore: batches and the page ledger, the patient registry, classifier
// models and reviews (schema version 2).
#include <nlohmann/json.hpp>

#include "store/sqlite_store.h"

namespace intake::store {
namespace {

constexpr const char* kNow = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";

}  // namespace

Result<std::vector<LedgerRow>> SqliteStore::Ledger() {
  // Pages of a batch's documents by what became of them; a document that
  // was quarantined whole (no page could be decoded) is one quarantined page.
  Result<Stmt> stmt = db_.Prepare(
      "SELECT b.id, b.scanner, b.source_file, b.received_at, b.note,"
      " b.pages_received, b.pages_separator,"
      " COALESCE(SUM(p.state <> 'quarantined' AND p.blank = 0), 0),"
      " COALESCE(SUM(p.state <> 'quarantined' AND p.blank = 1), 0),"
      " COALESCE(SUM(p.state = 'quarantined'), 0),"
      " (SELECT COUNT(*) FROM documents d WHERE d.batch_id = b.id"
      "   AND d.status = 'quarantined'"
      "   AND NOT EXISTS (SELECT 1 FROM pages q WHERE q.doc_id = d.id)),"
      " (SELECT COUNT(*) FROM documents d WHERE d.batch_id = b.id),"
      " (SELECT COUNT(*) FROM documents d WHERE d.batch_id = b.id"
      "   AND d.status = 'filed'),"
      " (SELECT COUNT(*) FROM documents d WHERE d.batch_id = b.id"
      "   AND d.status = 'needs_review'),"
      " COALESCE(AVG(CASE WHEN p.blank = 0 AND p.state NOT IN"
      "   ('received', 'quarantined') THEN p.ocr_confidence END), 0)"
      " FROM batches b"
      " LEFT JOIN documents d ON d.batch_id = b.id"
      " LEFT JOIN pages p ON p.doc_id = d.id"
      " GROUP BY b.id ORDER BY b.seq",
      "read the page ledger");
  if (!stmt.ok()) return stmt.status();
  std::vector<LedgerRow> rows;
  for (;;) {
    Result<bool> row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) return rows;
    LedgerRow& r = rows.emplace_back();
    r.batch_id = stmt->Text(0);
    r.scanner = stmt->Text(1);
    r.file = stmt->Text(2);
    r.received_at = stmt->Text(3);
    r.note = stmt->Text(4);
    r.received = stmt->Int(5);
    r.separator = stmt->Int(6);
    r.stored = stmt->Int(7);
    r.blank = stmt->Int(8);
    r.quarantined = stmt->Int(9) + stmt->Int(10);
    r.documents = stmt->Int(11);
    r.filed = stmt->Int(12);
    r.needs_review = stmt->Int(13);
    r.mean_ocr_confidence = stmt->Real(14);
  }
}

Result<std::vector<std::string>> SqliteStore::BatchDocuments(
    const std::string& batch_id) {
  return QueryIds(
      "SELECT id FROM documents WHERE batch_id = ?1 ORDER BY batch_part",
      "list documents of batch " + batch_id, batch_id);
}

Result<std::vector<std::string>> SqliteStore::ArchivedHashes() {
  return QueryIds(
      "SELECT source_sha256 FROM batches WHERE source_sha256 <> ''"
      " UNION SELECT pdf_sha256 FROM documents WHERE pdf_sha256 <> ''"
      " UNION SELECT image_sha256 FROM pages WHERE image_sha256 <> ''"
      " UNION SELECT hocr_sha256 FROM pages WHERE hocr_sha256 <> ''",
      "list archived hashes");
}

Result<PatientImport> SqliteStore::UpsertPatients(
    const std::vector<PatientRecord>& patients) {
  const std::string what = "import patients";
  Transaction txn(&db_);
  Status s = txn.Begin();
  if (!s.ok()) return s;
  Result<Stmt> get = db_.Prepare(
      "SELECT last_name, first_name, dob, member_id, sex, phone"
      " FROM patients WHERE mrn = ?1",
      what);
  if (!get.ok()) return get.status();
  // A new patient keeps the id the import gives, else "p" and a number;
  // a known patient keeps the id it has.
  Result<Stmt> ins = db_.Prepare(
      std::string("INSERT INTO patients (id, mrn, last_name, first_name, dob,"
                  " member_id, sex, phone, updated_at) VALUES (COALESCE("
                  "NULLIF(?8, ''), 'p' || (SELECT COUNT(*) + 1 FROM"
                  " patients)), ?1, ?2, ?3, ?4, ?5, ?6, ?7, ") +
          kNow + ")",
      what);
  if (!ins.ok()) return ins.status();
  Result<Stmt> upd = db_.Prepare(
      std::string("UPDATE patients SET last_name = ?2, first_name = ?3,"
                  " dob = ?4, member_id = ?5, sex = ?6, phone = ?7,"
                  " updated_at = ") +
          kNow + " WHERE mrn = ?1",
      what);
  if (!upd.ok()) return upd.status();
  PatientImport counts;
  for (const PatientRecord& p : patients) {
    if (p.mrn.empty()) return Status::InvalidArgument("a patient has no MRN");
    get->Reset();
    Result<bool> found = get->Bind(1, p.mrn).Step();
    if (!found.ok()) return found.status();
    Stmt* write = &*ins;
    bool insert = true;
    if (*found) {
      insert = false;
      const std::vector<std::string> now = {get->Text(0), get->Text(1),
                                            get->Text(2), get->Text(3),
                                            get->Text(4), get->Text(5)};
      const std::vector<std::string> next = {
          p.last_name, p.first_name, p.dob, p.member_id, p.sex, p.phone};
      if (now == next) {
        ++counts.unchanged;
        continue;
      }
      write = &*upd;
      ++counts.updated;
    } else {
      ++counts.added;
    }
    write->Reset();
    write->Bind(1, p.mrn)
        .Bind(2, p.last_name)
        .Bind(3, p.first_name)
        .Bind(4, p.dob)
        .Bind(5, p.member_id)
        .Bind(6, p.sex)
        .Bind(7, p.phone);
    if (insert) write->Bind(8, p.id);
    s = write->Run();
    if (!s.ok()) return s;
  }
  get->Reset();
  if (counts.added + counts.updated > 0) {
    s = db_.Exec(
        "UPDATE meta SET value = value + 1 WHERE key = 'patients_version'",
        what);
    if (!s.ok()) return s;
  }
  s = txn.Commit();
  if (!s.ok()) return s;
  return counts;
}

Result<std::vector<PatientRecord>> SqliteStore::ListPatients() {
  Result<Stmt> stmt = db_.Prepare(
      "SELECT id, mrn, last_name, first_name, dob, member_id, sex, phone"
      " FROM patients ORDER BY mrn",
      "list patients");
  if (!stmt.ok()) return stmt.status();
  std::vector<PatientRecord> patients;
  for (;;) {
    Result<bool> row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) return patients;
    patients.push_back({stmt->Text(0), stmt->Text(1), stmt->Text(2),
                        stmt->Text(3), stmt->Text(4), stmt->Text(5),
                        stmt->Text(6), stmt->Text(7)});
  }
}

Result<std::int64_t> SqliteStore::PatientsVersion() {
  Result<Stmt> stmt =
      db_.Prepare("SELECT value FROM meta WHERE key = 'patients_version'",
                  "read the registry version");
  if (!stmt.ok()) return stmt.status();
  Result<bool> row = stmt->Step();
  if (!row.ok()) return row.status();
  return *row ? stmt->Int(0) : std::int64_t{0};
}

Result<std::int64_t> SqliteStore::SaveModel(const StoredModel& model) {
  if (model.body.empty()) return Status::InvalidArgument("the model is empty");
  Result<Stmt> stmt = db_.Prepare(
      std::string("INSERT INTO models (created_at, examples, note, body)"
                  " VALUES (") +
          kNow + ", ?1, ?2, ?3) RETURNING version",
      "save a classifier model");
  if (!stmt.ok()) return stmt.status();
  stmt->Bind(1, model.examples).Bind(2, model.note).Bind(3, model.body);
  Result<bool> row = stmt->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::Internal("save a classifier model: no version");
  const std::int64_t version = stmt->Int(0);
  Status s = stmt->Run();
  if (!s.ok()) return s;
  return version;
}

Result<std::optional<StoredModel>> SqliteStore::LatestModel() {
  Result<Stmt> stmt = db_.Prepare(
      "SELECT version, created_at, examples, note, body FROM models"
      " ORDER BY version DESC LIMIT 1",
      "read the classifier model");
  if (!stmt.ok()) return stmt.status();
  Result<bool> row = stmt->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<StoredModel>();
  return std::optional<StoredModel>(StoredModel{
      stmt->Int(0), stmt->Text(1), stmt->Int(2), stmt->Text(3), stmt->Text(4)});
}

Status SqliteStore::SaveReview(const std::string& doc_id, const Review& r) {
  if (r.user.empty()) return Status::InvalidArgument("a review needs a user");
  if (r.classification.status != PageState::kFiled &&
      r.classification.status != PageState::kNeedsReview) {
    return Status::InvalidArgument(
        "a review leaves a document filed or needs_review");
  }
  Transaction txn(&db_);
  Status s = txn.Begin();
  if (s.ok()) s = WriteClassification(doc_id, r.classification);
  if (!s.ok()) return s;
  Result<Stmt> mark = db_.Prepare(
      std::string("UPDATE documents SET reviewed_by = ?2, reviewed_at = ") +
          kNow + " WHERE id = ?1",
      "mark document " + doc_id + " reviewed");
  if (!mark.ok()) return mark.status();
  s = mark->Bind(1, doc_id).Bind(2, r.user).Run();
  if (s.ok()) s = txn.Commit();
  return s;
}

Result<std::vector<std::string>> SqliteStore::ReviewedDocuments() {
  return QueryIds(
      "SELECT id FROM documents WHERE reviewed_by <> ''"
      " ORDER BY reviewed_at, seq",
      "list reviewed documents");
}

}  // namespace intake::store
