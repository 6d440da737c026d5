// The SQLite schema of the records store and its migrations.
//
// PRAGMA user_version holds the schema version. Each migration moves the
// database from version N to N+1 inside one transaction, so a crash leaves
// the database at a whole version. Thread-safety: as the Db passed in.
#ifndef INTAKE_STORE_SQLITE_SCHEMA_H_
#define INTAKE_STORE_SQLITE_SCHEMA_H_

#include "common/status.h"
#include "store/sqlite_util.h"

namespace intake::store {

// The version this build writes and understands.
inline constexpr int kSchemaVersion = 3;

// Brings `db` up to kSchemaVersion. A database from a newer intake answers
// Unsupported rather than being touched.
Status MigrateSchema(Db* db);

// The schema version recorded in `db` (0 for a new, empty database).
Result<int> SchemaVersion(Db* db);

}  // namespace intake::store

#endif  // INTAKE_STORE_SQLITE_SCHEMA_H_
