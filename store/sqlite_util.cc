#include "store/sqlite_util.h"

#include <climits>

namespace intake::store {
namespace {

// Busy and full-disk errors are the ones a person can act on, so they map to
// Unavailable and IOError; the rest say what kind of fault it was.
Status FromCode(int rc, std::string msg) {
  msg += " (sqlite code " + std::to_string(rc) + ")";
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Status::Unavailable(std::move(msg));
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return Status::IOError(std::move(msg));
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return Status::Corrupt(std::move(msg));
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_RANGE:
    case SQLITE_TOOBIG:
      return Status::InvalidArgument(std::move(msg));
    default:
      return Status::Internal(std::move(msg));
  }
}

// "what: sqlite's message (sqlite code N)".
Status FromSqlite(sqlite3* db, int rc, std::string_view what) {
  std::string msg(what);
  msg += ": ";
  msg += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  return FromCode(rc, std::move(msg));
}

}  // namespace

void Stmt::NoteBind(int rc, int index) {
  if (rc != SQLITE_OK && bind_status_.ok()) {
    bind_status_ = FromSqlite(
        db_, rc, what_ + " (binding parameter " + std::to_string(index) + ")");
  }
}

Stmt& Stmt::Bind(int index, std::string_view text) {
  if (text.size() > static_cast<size_t>(INT_MAX)) {
    NoteBind(SQLITE_TOOBIG, index);
    return *this;
  }
  NoteBind(sqlite3_bind_text(stmt_.get(), index, text.data(),
                             static_cast<int>(text.size()), SQLITE_TRANSIENT),
           index);
  return *this;
}

Stmt& Stmt::Bind(int index, std::int64_t value) {
  NoteBind(sqlite3_bind_int64(stmt_.get(), index, value), index);
  return *this;
}

Stmt& Stmt::Bind(int index, double value) {
  NoteBind(sqlite3_bind_double(stmt_.get(), index, value), index);
  return *this;
}

Stmt& Stmt::BindNull(int index) {
  NoteBind(sqlite3_bind_null(stmt_.get(), index), index);
  return *this;
}

Stmt& Stmt::BindTextOrNull(int index, std::string_view text) {
  return text.empty() ? BindNull(index) : Bind(index, text);
}

Status Stmt::Error(int rc) const { return FromSqlite(db_, rc, what_); }

Result<bool> Stmt::Step() {
  if (!bind_status_.ok()) return bind_status_;
  const int rc = sqlite3_step(stmt_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return Error(rc);
}

Status Stmt::Run() {
  for (;;) {
    Result<bool> row = Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
  }
}

void Stmt::Reset() {
  // The return codes repeat the last step's error, which Step() reported.
  sqlite3_reset(stmt_.get());
  sqlite3_clear_bindings(stmt_.get());
  bind_status_ = Status::Ok();
}

std::int64_t Stmt::Int(int column) const {
  return sqlite3_column_int64(stmt_.get(), column);
}

double Stmt::Real(int column) const {
  return sqlite3_column_double(stmt_.get(), column);
}

std::string Stmt::Text(int column) const {
  const unsigned char* text = sqlite3_column_text(stmt_.get(), column);
  if (text == nullptr) return std::string();
  const int size = sqlite3_column_bytes(stmt_.get(), column);
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<size_t>(size));
}

bool Stmt::IsNull(int column) const {
  return sqlite3_column_type(stmt_.get(), column) == SQLITE_NULL;
}

Result<Db> Db::Open(const std::string& path) {
  sqlite3* raw = nullptr;
  const int flags =
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Db db(raw);  // owns the handle even when opening failed
  if (rc != SQLITE_OK) {
    return FromSqlite(raw, rc, "open database " + path);
  }
  sqlite3_extended_result_codes(raw, 1);
  return db;
}

Status Db::Exec(const std::string& sql, std::string_view what) {
  char* err = nullptr;
  const int rc = sqlite3_exec(db_.get(), sql.c_str(), nullptr, nullptr, &err);
  if (rc == SQLITE_OK) return Status::Ok();
  std::string msg(what);
  msg += ": ";
  msg += err != nullptr ? err : sqlite3_errstr(rc);
  sqlite3_free(err);
  return FromCode(rc, std::move(msg));
}

Result<Stmt> Db::Prepare(std::string_view sql, std::string_view what) {
  sqlite3_stmt* raw = nullptr;
  const int rc = sqlite3_prepare_v2(
      db_.get(), sql.data(), static_cast<int>(sql.size()), &raw, nullptr);
  Stmt stmt(db_.get(), raw, std::string(what));
  if (rc != SQLITE_OK) {
    return FromSqlite(db_.get(), rc, "prepare " + std::string(what));
  }
  if (raw == nullptr) {
    return Status::Internal("prepare " + std::string(what) +
                            ": empty SQL statement");
  }
  return stmt;
}

Result<std::string> Db::QueryText(const std::string& sql,
                                  std::string_view what) {
  Result<Stmt> stmt = Prepare(sql, what);
  if (!stmt.ok()) return stmt.status();
  Result<bool> row = stmt->Step();
  if (!row.ok()) return row.status();
  if (!*row) {
    return Status::Internal(std::string(what) + ": returned no row");
  }
  return stmt->Text(0);
}

Transaction::~Transaction() {
  // A failed rollback leaves nothing to do here: SQLite rolls back an open
  // transaction when the connection closes, and the caller already has the
  // error that made us roll back.
  if (open_) sqlite3_exec(db_->get(), "ROLLBACK", nullptr, nullptr, nullptr);
}

Status Transaction::Begin() {
  Status s = db_->Exec("BEGIN IMMEDIATE", "begin transaction");
  open_ = s.ok();
  return s;
}

Status Transaction::BeginRead() {
  Status s = db_->Exec("BEGIN", "begin read transaction");
  open_ = s.ok();
  return s;
}

Status Transaction::Commit() {
  Status s = db_->Exec("COMMIT", "commit transaction");
  if (s.ok()) open_ = false;
  return s;
}

}  // namespace intake::store
