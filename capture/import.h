// File import: which files an `intake ingest PATH...` names, and reading one.
// Thread-safe (no shared state).
#ifndef INTAKE_CAPTURE_IMPORT_H_
#define INTAKE_CAPTURE_IMPORT_H_

#include <string>
#include <vector>

#include "common/status.h"

namespace intake::capture {

// Files to import, in a stable order: each named file as given, and every
// regular file below each named folder (recursively, sorted by path),
// skipping hidden names and desktop litter (Thumbs.db, desktop.ini).
// NotFound names the first path that does not exist.
Result<std::vector<std::string>> ExpandInputs(
    const std::vector<std::string>& paths);

// The whole file; refuses files over `max_bytes` (Unsupported) so that one
// enormous file cannot exhaust memory.
Result<std::string> ReadInputFile(const std::string& path,
                                  std::int64_t max_bytes = 1LL << 30);

// Hidden files, editor and transfer temporaries, desktop litter: names a
// capture source never treats as scans.
bool IsIgnoredName(const std::string& file_name);

}  // namespace intake::capture

#endif  // INTAKE_CAPTURE_IMPORT_H_
