// CaptureFile: one input file read, hashed and split into pages, ready for
// the coordinator. Never fails: a file that cannot be read or decoded comes
// back with `error` set (and its bytes, when they could be read, so that even
// a bad file's original is archived). Thread-safe.
#ifndef INTAKE_CAPTURE_CAPTURE_FILE_H_
#define INTAKE_CAPTURE_CAPTURE_FILE_H_

#include <string>
#include <vector>

#include "capture/decode.h"
#include "common/document.h"

namespace intake::capture {

struct CapturedFile {
  Source source;
  std::string original;     // the file's bytes
  bool unreadable = false;  // the bytes could not be read at all
  std::string error;        // why it cannot be used; empty when it can
  std::vector<PageImage> pages;
  std::vector<std::string> page_sha256;  // of each page's pixels
};

CapturedFile CaptureFile(const std::string& path, const std::string& scanner,
                         const DecodeLimits& limits = {});

// Current time as ISO 8601 UTC with seconds ("2026-11-25T07:05:00Z").
std::string NowUtc();

}  // namespace intake::capture

#endif  // INTAKE_CAPTURE_CAPTURE_FILE_H_
