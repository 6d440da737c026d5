// SqliteStore: writing and reading documents, pages and fields.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "common/document_json.h"
#include "store/fts_query.h"
#include "store/sqlite_store.h"

namespace intake::store {
namespace {

using nlohmann::json;

constexpr const char* kNow = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";

// OCR output may hold invalid UTF-8; storing it must not throw.
std::string Dump(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string PatientJson(const PatientLink& p) {
  return Dump(
      {{"id", p.id}, {"mrn", p.mrn}, {"name", p.name}, {"match", p.match}});
}

// The first value of field `name`, or "".
std::string FirstValue(const Classification& c, std::string_view name) {
  auto it = c.fields.find(std::string(name));
  if (it == c.fields.end() || it->second.values.empty()) return std::string();
  return it->second.values.front();
}

// What search filters on and shows: the linked patient, else what was read.
std::string PatientMrn(const Classification& c) {
  return c.patient.mrn.empty() ? FirstValue(c, field::kMrn) : c.patient.mrn;
}
std::string PatientName(const Classification& c) {
  return c.patient.name.empty() ? FirstValue(c, field::kPatientName)
                                : c.patient.name;
}

// fields.value: a list as an array, a scalar as its string (null when none).
std::string FieldValueJson(const Field& f) {
  if (!f.is_list && f.values.size() == 1) return Dump(f.values.front());
  if (!f.is_list && f.values.empty()) return "null";
  return Dump(f.values);
}

Result<json> ParseColumn(const std::string& text, const std::string& what) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Status::Corrupt(what + " is not valid JSON");
  return j;
}

bool IsClassifiedStatus(DocumentStatus s) {
  return s == PageState::kClassified || s == PageState::kFiled ||
         s == PageState::kNeedsReview;
}

Result<PageState> ParseState(const std::string& text, const std::string& what) {
  std::optional<PageState> state = ParsePageState(text);
  if (!state)
    return Status::Corrupt(what + " has unknown state '" + text + "'");
  return *state;
}

// Binds a page's columns in one order for every statement that writes
// them: ?1 doc_id, ?2 number, ?3 sha256, ?4 state, ?5 rotation, ?6 skew_deg,
// ?7 dpi, ?8 blank, ?9 ocr_confidence, ?10 width, ?11 height, ?12 text,
// ?13 words, ?14 error, ?15 image_sha256, ?16 hocr_sha256, ?17 source_page.
void BindPage(Stmt* stmt, const std::string& doc_id, const Page& p) {
  json words = json::array();
  for (const Word& w : p.words) words.push_back(ToJson(w));
  stmt->Bind(1, doc_id)
      .Bind(2, p.number)
      .Bind(3, p.sha256)
      .Bind(4, ToString(p.state))
      .Bind(5, p.rotation)
      .Bind(6, p.skew_deg)
      .Bind(7, p.dpi)
      .Bind(8, p.blank)
      .Bind(9, p.ocr_confidence)
      .Bind(10, p.width)
      .Bind(11, p.height)
      .Bind(12, p.text)
      .Bind(13, Dump(words))
      .Bind(14, p.error)
      .Bind(15, p.image_sha256)
      .Bind(16, p.hocr_sha256)
      .Bind(17, p.source_page);
}

}  // namespace

Status SqliteStore::InsertPages(const std::string& doc_id,
                                const std::vector<Page>& pages) {
  Result<Stmt> stmt = db_.Prepare(
      "INSERT INTO pages (doc_id, number, sha256, state, rotation, skew_deg,"
      " dpi, blank, ocr_confidence, width, height, text, words, error,"
      " image_sha256, hocr_sha256, source_page) VALUES (?1, ?2, ?3, ?4, ?5,"
      " ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
      "insert page of document " + doc_id);
  if (!stmt.ok()) return stmt.status();
  for (const Page& p : pages) {
    BindPage(&*stmt, doc_id, p);
    Status s = stmt->Run();
    if (!s.ok()) return s;
    stmt->Reset();
  }
  return Status::Ok();
}

Status SqliteStore::ReplaceFields(const std::string& doc_id,
                                  const Classification& c) {
  Result<Stmt> del = db_.Prepare("DELETE FROM fields WHERE doc_id = ?1",
                                 "clear fields of document " + doc_id);
  if (!del.ok()) return del.status();
  Status s = del->Bind(1, doc_id).Run();
  if (!s.ok()) return s;
  Result<Stmt> ins = db_.Prepare(
      "INSERT INTO fields (doc_id, name, value, is_list, confidence, page)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
      "insert field of document " + doc_id);
  if (!ins.ok()) return ins.status();
  for (const auto& [name, f] : c.fields) {
    ins->Bind(1, doc_id)
        .Bind(2, name)
        .Bind(3, FieldValueJson(f))
        .Bind(4, f.is_list)
        .Bind(5, f.confidence)
        .Bind(6, f.page);
    s = ins->Run();
    if (!s.ok()) return s;
    ins->Reset();
  }
  return Status::Ok();
}

Status SqliteStore::IndexText(const std::string& doc_id, std::int64_t seq) {
  const std::string what = "index text of document " + doc_id;
  Result<Stmt> read = db_.Prepare(
      "SELECT text FROM pages WHERE doc_id = ?1 ORDER BY number", what);
  if (!read.ok()) return read.status();
  read->Bind(1, doc_id);
  std::vector<Page> pages;
  for (;;) {
    Result<bool> row = read->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    pages.emplace_back().text = read->Text(0);
  }
  Result<Stmt> del = db_.Prepare("DELETE FROM doc_text WHERE rowid = ?1", what);
  if (!del.ok()) return del.status();
  Status s = del->Bind(1, seq).Run();
  const std::string text = JoinPageText(pages);
  if (!s.ok() || OneLine(text).empty()) return s;
  Result<Stmt> ins =
      db_.Prepare("INSERT INTO doc_text (rowid, text) VALUES (?1, ?2)", what);
  if (!ins.ok()) return ins.status();
  return ins->Bind(1, seq).Bind(2, text).Run();
}

Status SqliteStore::AddDocument(const Document& doc) {
  Batch batch;
  batch.id = doc.batch_id.empty() ? doc.id : doc.batch_id;
  batch.source = doc.source;
  batch.pages_received = std::max<int>(1, doc.pages.size());
  Document d = doc;
  d.batch_id = batch.id;
  return AddBatch(batch, {d});
}

Status SqliteStore::AddBatch(const Batch& batch,
                             const std::vector<Document>& docs) {
  if (batch.id.empty()) return Status::InvalidArgument("batch has no id");
  Transaction txn(&db_);
  Status s = txn.Begin();
  if (!s.ok()) return s;
  // Clear messages for the expected refusals; UNIQUE constraints back them.
  Result<std::optional<std::string>> dup =
      FindBySourceHash(batch.source.sha256);
  if (!dup.ok()) return dup.status();
  if (dup->has_value()) {
    return Status::InvalidArgument("source " + batch.source.sha256 +
                                   " is already stored as document " +
                                   dup->value());
  }
  Result<Stmt> ins = db_.Prepare(
      "INSERT INTO batches (id, seq, scanner, source_file, source_path,"
      " source_sha256, source_size, received_at, pages_received,"
      " pages_separator, note) VALUES (?1,"
      " (SELECT COALESCE(MAX(seq), 0) + 1 FROM batches),"
      " ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
      "insert batch " + batch.id);
  if (!ins.ok()) return ins.status();
  ins->Bind(1, batch.id)
      .Bind(2, batch.source.scanner)
      .Bind(3, batch.source.file)
      .Bind(4, batch.source.path)
      .BindTextOrNull(5, batch.source.sha256)
      .Bind(6, batch.source.size)
      .Bind(7, batch.source.received_at)
      .Bind(8, batch.pages_received)
      .Bind(9, batch.separator_pages)
      .Bind(10, batch.note);
  s = ins->Run();
  if (!s.ok()) return s;
  for (const Document& doc : docs) {
    s = InsertDocument(batch, doc);
    if (!s.ok()) return s;
  }
  return txn.Commit();
}

Status SqliteStore::InsertDocument(const Batch& batch, const Document& doc) {
  if (doc.id.empty()) return Status::InvalidArgument("document has no id");
  Result<Stmt> exists = db_.Prepare("SELECT 1 FROM documents WHERE id = ?1",
                                    "look up document " + doc.id);
  if (!exists.ok()) return exists.status();
  Result<bool> found = exists->Bind(1, doc.id).Step();
  if (!found.ok()) return found.status();
  if (*found) {
    return Status::InvalidArgument("document " + doc.id + " exists already");
  }
  const Classification& c = doc.classification;
  Result<Stmt> ins = db_.Prepare(
      std::string("INSERT INTO documents (id, seq, status, doc_type,"
                  " type_confidence, review_reasons, patient, patient_mrn,"
                  " patient_name, quarantine_reason, source_file, source_path,"
                  " scanner, source_sha256, source_size, received_at,"
                  " batch_id, batch_part, destinations, patient_detail,"
                  " updated_at)"
                  " VALUES (?1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM"
                  " documents), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
                  " ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ") +
          kNow + ") RETURNING seq",
      "insert document " + doc.id);
  if (!ins.ok()) return ins.status();
  // Only the batch's first document carries the source hash (UNIQUE since
  // version 1); the others read it from the batch.
  const bool first = doc.batch_part <= 1;
  ins->Bind(1, doc.id)
      .Bind(2, ToString(doc.status))
      .Bind(3, c.doc_type)
      .Bind(4, c.type_confidence)
      .Bind(5, Dump(c.review_reasons))
      .Bind(6, PatientJson(c.patient))
      .Bind(7, PatientMrn(c))
      .Bind(8, PatientName(c))
      .Bind(9, doc.quarantine_reason)
      .Bind(10, batch.source.file)
      .Bind(11, batch.source.path)
      .Bind(12, batch.source.scanner)
      .BindTextOrNull(13, first ? batch.source.sha256 : std::string())
      .Bind(14, batch.source.size)
      .Bind(15, batch.source.received_at)
      .Bind(16, batch.id)
      .Bind(17, doc.batch_part)
      .Bind(18, Dump(c.destinations))
      .Bind(19, c.patient_detail);
  Result<bool> row = ins->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::Internal("insert document " + doc.id + ": no seq");
  const std::int64_t seq = ins->Int(0);
  Status s = ins->Run();  // finish the RETURNING statement
  if (s.ok()) s = InsertPages(doc.id, doc.pages);
  if (s.ok()) s = ReplaceFields(doc.id, c);
  // Already-recognised imports are searchable at once.
  if (s.ok()) s = IndexText(doc.id, seq);
  return s;
}

Status SqliteStore::SavePageResult(const std::string& doc_id,
                                   const Page& page) {
  const std::string what =
      "save page " + std::to_string(page.number) + " of document " + doc_id;
  Transaction txn(&db_);
  Status s = txn.Begin();
  if (!s.ok()) return s;
  Result<Stmt> get = db_.Prepare(
      "SELECT state FROM pages WHERE doc_id = ?1 AND number = ?2", what);
  if (!get.ok()) return get.status();
  Result<bool> found = get->Bind(1, doc_id).Bind(2, page.number).Step();
  if (!found.ok()) return found.status();
  if (!*found) {
    return Status::NotFound("page " + std::to_string(page.number) +
                            " of document " + doc_id);
  }
  Result<PageState> state = ParseState(get->Text(0), what);
  if (!state.ok()) return state.status();
  if (*state != PageState::kReceived && *state != PageState::kRecognized) {
    return Status::Ok();  // a duplicate result: the page has moved on
  }
  // ?4 (the page's own state) is bound but not used: a result always
  // makes the page recognized.
  Result<Stmt> upd = db_.Prepare(
      "UPDATE pages SET state = 'recognized',"
      " sha256 = CASE WHEN ?3 = '' THEN sha256 ELSE ?3 END, rotation = ?5,"
      " skew_deg = ?6, dpi = ?7, blank = ?8, ocr_confidence = ?9, width = ?10,"
      " height = ?11, text = ?12, words = ?13, error = ?14,"
      " image_sha256 = ?15, hocr_sha256 = ?16,"
      " source_page = CASE WHEN ?17 = 0 THEN source_page ELSE ?17 END"
      " WHERE doc_id = ?1 AND number = ?2",
      what);
  if (!upd.ok()) return upd.status();
  BindPage(&*upd, doc_id, page);
  s = upd->Run();
  if (!s.ok()) return s;
  Result<Stmt> doc = db_.Prepare(
      std::string("UPDATE documents SET updated_at = ") + kNow +
          ", status = CASE WHEN status = 'received' AND NOT EXISTS ("
          " SELECT 1 FROM pages WHERE doc_id = ?1 AND state = 'received')"
          " THEN 'recognized' ELSE status END WHERE id = ?1",
      what);
  if (!doc.ok()) return doc.status();
  s = doc->Bind(1, doc_id).Run();
  if (s.ok()) s = txn.Commit();
  return s;
}

Status SqliteStore::SaveClassification(const std::string& doc_id,
                                       const Classification& c) {
  if (!IsClassifiedStatus(c.status)) {
    return Status::InvalidArgument(
        "classification of document " + doc_id + " has status '" +
        std::string(ToString(c.status)) +
        "'; expected classified, filed or needs_review");
  }
  Transaction txn(&db_);
  Status s = txn.Begin();
  if (s.ok()) s = WriteClassification(doc_id, c);
  if (s.ok()) s = txn.Commit();
  return s;
}

Status SqliteStore::WriteClassification(const std::string& doc_id,
                                        const Classification& c) {
  const std::string what = "save classification of document " + doc_id;
  Result<Stmt> upd = db_.Prepare(
      std::string("UPDATE documents SET status = ?2, doc_type = ?3,"
                  " type_confidence = ?4, review_reasons = ?5, patient = ?6,"
                  " patient_mrn = ?7, patient_name = ?8, destinations = ?9,"
                  " patient_detail = ?10, updated_at = ") +
          kNow + " WHERE id = ?1 RETURNING seq",
      what);
  if (!upd.ok()) return upd.status();
  const std::string status(ToString(c.status));
  upd->Bind(1, doc_id)
      .Bind(2, status)
      .Bind(3, c.doc_type)
      .Bind(4, c.type_confidence)
      .Bind(5, Dump(c.review_reasons))
      .Bind(6, PatientJson(c.patient))
      .Bind(7, PatientMrn(c))
      .Bind(8, PatientName(c))
      .Bind(9, Dump(c.destinations))
      .Bind(10, c.patient_detail);
  Result<bool> row = upd->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("document " + doc_id);
  const std::int64_t seq = upd->Int(0);
  Status s = upd->Run();
  if (!s.ok()) return s;
  // Quarantined pages keep their state: their reason must not be lost.
  Result<Stmt> pages = db_.Prepare(
      "UPDATE pages SET state = ?2 WHERE doc_id = ?1"
      " AND state <> 'quarantined'",
      what);
  if (!pages.ok()) return pages.status();
  s = pages->Bind(1, doc_id).Bind(2, status).Run();
  if (s.ok()) s = ReplaceFields(doc_id, c);
  if (s.ok()) s = IndexText(doc_id, seq);
  return s;
}

Result<std::vector<Page>> SqliteStore::ReadPages(const std::string& doc_id) {
  const std::string what = "read pages of document " + doc_id;
  Result<Stmt> stmt = db_.Prepare(
      "SELECT number, sha256, state, rotation, skew_deg, dpi, blank,"
      " ocr_confidence, width, height, text, words, error, image_sha256,"
      " hocr_sha256, source_page FROM pages"
      " WHERE doc_id = ?1 ORDER BY number",
      what);
  if (!stmt.ok()) return stmt.status();
  stmt->Bind(1, doc_id);
  std::vector<Page> pages;
  for (;;) {
    Result<bool> row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) return pages;
    Page& p = pages.emplace_back();
    p.number = static_cast<int>(stmt->Int(0));
    p.sha256 = stmt->Text(1);
    Result<PageState> state = ParseState(stmt->Text(2), what);
    if (!state.ok()) return state.status();
    p.state = *state;
    p.rotation = static_cast<int>(stmt->Int(3));
    p.skew_deg = stmt->Real(4);
    p.dpi = static_cast<int>(stmt->Int(5));
    p.blank = stmt->Int(6) != 0;
    p.ocr_confidence = stmt->Real(7);
    p.width = static_cast<int>(stmt->Int(8));
    p.height = static_cast<int>(stmt->Int(9));
    p.text = stmt->Text(10);
    Result<json> words = ParseColumn(stmt->Text(11), what + ": words");
    if (!words.ok()) return words.status();
    try {
      p.words = WordsFromJson(*words);
    } catch (const json::exception& e) {
      return Status::Corrupt(what + ": words: " + e.what());
    }
    p.error = stmt->Text(12);
    p.image_sha256 = stmt->Text(13);
    p.hocr_sha256 = stmt->Text(14);
    p.source_page = static_cast<int>(stmt->Int(15));
  }
}

Status SqliteStore::ReadFields(const std::string& doc_id, Classification* c) {
  const std::string what = "read fields of document " + doc_id;
  Result<Stmt> stmt = db_.Prepare(
      "SELECT name, value, is_list, confidence, page FROM fields"
      " WHERE doc_id = ?1",
      what);
  if (!stmt.ok()) return stmt.status();
  stmt->Bind(1, doc_id);
  for (;;) {
    Result<bool> row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    Field f;
    Result<json> value = ParseColumn(stmt->Text(1), what + ": value");
    if (!value.ok()) return value.status();
    try {
      if (value->is_string()) f.values.push_back(value->get<std::string>());
      if (value->is_array()) f.values = value->get<std::vector<std::string>>();
    } catch (const json::exception& e) {
      return Status::Corrupt(what + ": value: " + e.what());
    }
    f.is_list = stmt->Int(2) != 0;
    f.confidence = stmt->Real(3);
    f.page = static_cast<int>(stmt->Int(4));
    c->fields[stmt->Text(0)] = std::move(f);
  }
}

Result<Document> SqliteStore::GetDocument(const std::string& id) {
  const std::string what = "read document " + id;
  // One snapshot, so a concurrent writer cannot split document and pages.
  Transaction txn(&db_);
  Status s = txn.BeginRead();
  if (!s.ok()) return s;
  Result<Stmt> stmt = db_.Prepare(
      "SELECT d.status, d.doc_type, d.type_confidence, d.review_reasons,"
      " d.patient, d.quarantine_reason, d.source_file, d.source_path,"
      " d.scanner, COALESCE(d.source_sha256, b.source_sha256, ''),"
      " d.source_size, d.received_at, d.pdf_sha256, d.batch_id, d.batch_part,"
      " d.destinations, d.patient_detail FROM documents d LEFT JOIN batches b"
      " ON b.id = d.batch_id WHERE d.id = ?1",
      what);
  if (!stmt.ok()) return stmt.status();
  Result<bool> row = stmt->Bind(1, id).Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("document " + id);
  Document doc;
  doc.id = id;
  Result<PageState> status = ParseState(stmt->Text(0), what);
  if (!status.ok()) return status.status();
  doc.status = *status;
  Classification& c = doc.classification;
  if (IsClassifiedStatus(doc.status)) c.status = doc.status;
  c.doc_type = stmt->Text(1);
  c.type_confidence = stmt->Real(2);
  Result<json> reasons = ParseColumn(stmt->Text(3), what + ": review_reasons");
  if (!reasons.ok()) return reasons.status();
  Result<json> patient = ParseColumn(stmt->Text(4), what + ": patient");
  if (!patient.ok()) return patient.status();
  Result<json> destinations =
      ParseColumn(stmt->Text(15), what + ": destinations");
  if (!destinations.ok()) return destinations.status();
  try {
    c.review_reasons = reasons->get<std::vector<std::string>>();
    c.destinations = destinations->get<std::vector<std::string>>();
    c.patient.id = patient->value("id", "");
    c.patient.mrn = patient->value("mrn", "");
    c.patient.name = patient->value("name", "");
    c.patient.match = patient->value("match", "none");
  } catch (const json::exception& e) {
    return Status::Corrupt(what + ": " + e.what());
  }
  doc.quarantine_reason = stmt->Text(5);
  doc.source = {stmt->Text(6), stmt->Text(7),  stmt->Text(8),
                stmt->Text(9), stmt->Text(11), stmt->Int(10)};
  doc.pdf_sha256 = stmt->Text(12);
  doc.batch_id = stmt->Text(13);
  doc.batch_part = static_cast<int>(stmt->Int(14));
  c.patient_detail = stmt->Text(16);
  s = ReadFields(id, &c);
  if (!s.ok()) return s;
  Result<std::vector<Page>> pages = ReadPages(id);
  if (!pages.ok()) return pages.status();
  doc.pages = std::move(pages).value();
  return doc;
}

Status SqliteStore::SaveSearchablePdf(const std::string& doc_id,
                                      const std::string& sha256) {
  const std::string what = "record the searchable PDF of document " + doc_id;
  Result<Stmt> stmt = db_.Prepare(
      std::string("UPDATE documents SET pdf_sha256 = ?2, updated_at = ") +
          kNow + " WHERE id = ?1",
      what);
  if (!stmt.ok()) return stmt.status();
  Status s = stmt->Bind(1, doc_id).Bind(2, sha256).Run();
  if (!s.ok()) return s;
  if (sqlite3_changes(db_.get()) == 0) {
    return Status::NotFound("document " + doc_id);
  }
  return Status::Ok();
}

}  // namespace intake::store
