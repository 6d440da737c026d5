// SqliteStore: opening, listings, audit and counts. Document reads and writes
// are in sqlite_documents.cc, search in sqlite_search.cc.
#include "store/sqlite_store.h"

#include <algorithm>

#include "store/sqlite_schema.h"

namespace intake::store {
namespace {

constexpr int kBusyTimeoutMs = 10'000;

}  // namespace

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(
    const std::string& path) {
  Result<Db> db = Db::Open(path);
  if (!db.ok()) return db.status();
  // busy_timeout first, so that switching to WAL waits for other writers.
  Status s = db->Exec("PRAGMA busy_timeout = " + std::to_string(kBusyTimeoutMs),
                      "set busy timeout on " + path);
  if (!s.ok()) return s;
  Result<std::string> mode =
      db->QueryText("PRAGMA journal_mode = WAL", "set WAL mode on " + path);
  if (!mode.ok()) return mode.status();
  if (*mode != "wal" && !(path == ":memory:" && *mode == "memory")) {
    return Status::IOError("cannot use WAL journal mode on " + path +
                           " (SQLite chose '" + *mode +
                           "'); is it on a network filesystem?");
  }
  // FULL: a commit is on disk before it returns, which is what lets the
  // pipeline acknowledge a page to its scanner.
  s = db->Exec("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON",
               "set durability pragmas on " + path);
  if (!s.ok()) return s;
  s = MigrateSchema(&db.value());
  if (!s.ok()) {
    return Status(s.code() == Status::Code::kUnsupported
                      ? Status::Unsupported(path + ": " + s.message())
                      : s);
  }
  return std::unique_ptr<SqliteStore>(new SqliteStore(std::move(db).value()));
}

Result<std::optional<std::string>> SqliteStore::FindBySourceHash(
    const std::string& sha256) {
  if (sha256.empty()) return std::optional<std::string>();
  // The batch's first document (the batch's id when every page of it was a
  // separator sheet); version 1 rows have a batch too.
  Result<Stmt> stmt = db_.Prepare(
      "SELECT COALESCE(d.id, b.id) FROM batches b LEFT JOIN documents d"
      " ON d.batch_id = b.id WHERE b.source_sha256 = ?1"
      " ORDER BY d.batch_part LIMIT 1",
      "find document by source hash");
  if (!stmt.ok()) return stmt.status();
  stmt->Bind(1, sha256);
  Result<bool> row = stmt->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<std::string>();
  return std::optional<std::string>(stmt->Text(0));
}

Result<std::vector<std::string>> SqliteStore::QueryIds(
    const char* sql, std::string_view what, const std::string& param) {
  Result<Stmt> stmt = db_.Prepare(sql, what);
  if (!stmt.ok()) return stmt.status();
  if (!param.empty()) stmt->Bind(1, param);
  std::vector<std::string> ids;
  for (;;) {
    Result<bool> row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) return ids;
    ids.push_back(stmt->Text(0));
  }
}

Result<std::vector<std::string>> SqliteStore::ListDocumentIds() {
  return QueryIds("SELECT id FROM documents ORDER BY seq", "list documents");
}

Result<std::vector<std::string>> SqliteStore::UnfinishedDocuments() {
  return QueryIds(
      "SELECT id FROM documents"
      " WHERE status IN ('received', 'recognized', 'classified')"
      " ORDER BY seq",
      "list unfinished documents");
}

Status SqliteStore::Audit(const AuditEntry& entry) {
  if (entry.user.empty() || entry.action.empty()) {
    return Status::InvalidArgument("audit entry needs a user and an action");
  }
  Result<Stmt> stmt = db_.Prepare(
      "INSERT INTO audit (at, user, action, document_id, detail) VALUES ("
      " COALESCE(NULLIF(?1, ''), strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
      " ?2, ?3, ?4, ?5)",
      "append audit entry");
  if (!stmt.ok()) return stmt.status();
  stmt->Bind(1, entry.at)
      .Bind(2, entry.user)
      .Bind(3, entry.action)
      .Bind(4, entry.document_id)
      .Bind(5, entry.detail);
  return stmt->Run();  // autocommit: one durable transaction
}

Result<std::vector<AuditEntry>> SqliteStore::ReadAudit(
    const std::string& document_id) {
  Result<Stmt> stmt = db_.Prepare(
      "SELECT at, user, action, document_id, detail FROM audit"
      " WHERE ?1 = '' OR document_id = ?1 ORDER BY id",
      "read audit log");
  if (!stmt.ok()) return stmt.status();
  stmt->Bind(1, document_id);
  std::vector<AuditEntry> entries;
  for (;;) {
    Result<bool> row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) return entries;
    entries.push_back({stmt->Text(0), stmt->Text(1), stmt->Text(2),
                       stmt->Text(3), stmt->Text(4)});
  }
}

Status SqliteStore::CountByState(const char* sql, std::string_view what,
                                 StateCounts* counts, std::int64_t* total) {
  Result<Stmt> stmt = db_.Prepare(sql, what);
  if (!stmt.ok()) return stmt.status();
  for (;;) {
    Result<bool> row = stmt->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    counts->emplace_back(stmt->Text(0), stmt->Int(1));
    *total += stmt->Int(1);
  }
  // Pipeline order (received ... quarantined) reads better than A-Z.
  auto rank = [](const std::string& state) {
    std::optional<PageState> s = ParsePageState(state);
    return s ? static_cast<int>(*s) : 99;
  };
  std::sort(counts->begin(), counts->end(), [&](const auto& a, const auto& b) {
    return rank(a.first) < rank(b.first);
  });
  return Status::Ok();
}

Result<StoreCounts> SqliteStore::Counts() {
  StoreCounts counts;
  Transaction txn(&db_);  // one snapshot for both counts
  Status s = txn.BeginRead();
  if (!s.ok()) return s;
  s = CountByState("SELECT status, COUNT(*) FROM documents GROUP BY status",
                   "count documents", &counts.documents_by_status,
                   &counts.documents);
  if (s.ok()) {
    s = CountByState("SELECT state, COUNT(*) FROM pages GROUP BY state",
                     "count pages", &counts.pages_by_state, &counts.pages);
  }
  if (!s.ok()) return s;
  return counts;
}

}  // namespace intake::store
