// Thin RAII wrappers over the SQLite C API: a connection (Db), a prepared
// statement (Stmt) and a write transaction (Transaction).
//
// Every SQLite return code becomes a Status whose one-line message names what
// was being done ("insert page: UNIQUE constraint failed: ..."). None of these
// objects is safe for concurrent use; each belongs to one thread at a time.
// They are move-only: moving transfers ownership of the C handle.
#ifndef INTAKE_STORE_SQLITE_UTIL_H_
#define INTAKE_STORE_SQLITE_UTIL_H_

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"

namespace intake::store {

// A prepared statement. Bind() errors are remembered and reported by the next
// Step()/Run(), so a chain of binds needs one check.
class Stmt {
 public:
  Stmt(Stmt&&) = default;
  Stmt& operator=(Stmt&&) = default;

  // Parameters are 1-based, as in sqlite3_bind_*. Text is copied.
  Stmt& Bind(int index, std::string_view text);
  Stmt& Bind(int index, const char* text) {
    return Bind(index, std::string_view(text));
  }
  Stmt& Bind(int index, std::int64_t value);
  Stmt& Bind(int index, int value) {
    return Bind(index, static_cast<std::int64_t>(value));
  }
  Stmt& Bind(int index, double value);
  Stmt& Bind(int index, bool value) {
    return Bind(index, static_cast<std::int64_t>(value ? 1 : 0));
  }
  Stmt& BindNull(int index);
  // Binds NULL for an empty string (for UNIQUE columns where "" means none).
  Stmt& BindTextOrNull(int index, std::string_view text);

  // Advances one row: true when a row is available, false when done.
  Result<bool> Step();
  // Steps to completion, for statements that return no rows.
  Status Run();
  // Clears bindings and rewinds, so the statement can run again.
  void Reset();

  // Column readers for the current row (0-based). NULL reads as 0 or "".
  std::int64_t Int(int column) const;
  double Real(int column) const;
  std::string Text(int column) const;
  bool IsNull(int column) const;

 private:
  friend class Db;
  struct Finalizer {
    void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
  };
  Stmt(sqlite3* db, sqlite3_stmt* stmt, std::string what)
      : db_(db), stmt_(stmt), what_(std::move(what)) {}
  void NoteBind(int rc, int index);
  Status Error(int rc) const;

  sqlite3* db_;  // not owned; the Db outlives its statements
  std::unique_ptr<sqlite3_stmt, Finalizer> stmt_;
  std::string what_;  // what this statement does, for error messages
  Status bind_status_;
};

// An open connection. Statements prepared from it must be destroyed first.
class Db {
 public:
  // Opens (creating when missing) the database file at `path`.
  static Result<Db> Open(const std::string& path);

  Db(Db&&) = default;
  Db& operator=(Db&&) = default;

  // Runs one or more statements that return no rows we need.
  Status Exec(const std::string& sql, std::string_view what);
  // Prepares one statement; `what` names it in error messages.
  Result<Stmt> Prepare(std::string_view sql, std::string_view what);
  // Runs a statement that returns a single text value (e.g. a PRAGMA).
  Result<std::string> QueryText(const std::string& sql, std::string_view what);

  sqlite3* get() const { return db_.get(); }

 private:
  struct Closer {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
  };
  explicit Db(sqlite3* db) : db_(db) {}
  std::unique_ptr<sqlite3, Closer> db_;
};

// A write transaction (BEGIN IMMEDIATE, so that writers queue on the busy
// timeout up front instead of failing on lock upgrade). Rolls back on
// destruction unless Commit() succeeded.
class Transaction {
 public:
  explicit Transaction(Db* db) : db_(db) {}
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  Status Begin();
  // A read transaction (BEGIN DEFERRED): several SELECTs see one snapshot.
  Status BeginRead();
  Status Commit();

 private:
  Db* db_;
  bool open_ = false;
};

}  // namespace intake::store

#endif  // INTAKE_STORE_SQLITE_UTIL_H_
