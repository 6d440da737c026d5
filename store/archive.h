// Archive: content-addressed storage of original files and outputs.
//
// Each blob lives at ROOT/ab/cd/abcdef...(64 hex) named by its SHA-256. Put()
// writes to a temporary file, fsyncs it, renames it into place and fsyncs the
// directory, so a blob is either wholly there or absent after a crash. Putting
// the same bytes twice is a no-op. Safe for concurrent use from several threads
// and processes (rename is atomic; identical content).
#ifndef INTAKE_STORE_ARCHIVE_H_
#define INTAKE_STORE_ARCHIVE_H_

#include <string>
#include <string_view>

#include "common/status.h"

namespace intake::store {

class Archive {
 public:
  explicit Archive(std::string root);

  // Stores `bytes` durably; returns their SHA-256 (lowercase hex).
  Result<std::string> Put(std::string_view bytes) const;
  // Reads the blob back; NotFound when absent, Corrupt when its hash differs.
  Result<std::string> Get(const std::string& sha256) const;
  // Path of the blob (whether or not it exists).
  std::string PathOf(const std::string& sha256) const;
  // Ok when the blob exists and its bytes hash to `sha256`.
  Status Verify(const std::string& sha256) const;

  const std::string& root() const { return root_; }

 private:
  std::string root_;
};

}  // namespace intake::store

#endif  // INTAKE_STORE_ARCHIVE_H_
