// CaptureFile: one input file (or one scanner batch) read, hashed, decoded
// and split into documents, ready for the coordinator. Never fails: a file
// that cannot be read or decoded comes back with `error` set (and its bytes,
// when they could be read, so that even a bad file's original is archived).
// Thread-safe.
#ifndef INTAKE_CAPTURE_CAPTURE_FILE_H_
#define INTAKE_CAPTURE_CAPTURE_FILE_H_

#include <string>
#include <vector>

#include "capture/decode.h"
#include "capture/split.h"
#include "common/document.h"

namespace intake::capture {

struct CaptureOptions {
  DecodeLimits limits;
  SplitOptions split;  // separator sheets and patient labels; none by default
};

// One batch: its original bytes and the pages to store, each tagged with
// its document within the batch. Separator sheets are counted, not kept.
struct CapturedFile {
  Source source;
  std::string original;     // the file's bytes (a scanner batch: its TIFF)
  bool unreadable = false;  // the bytes could not be read at all
  std::string error;        // why it cannot be used; empty when it can
  std::vector<PageImage> pages;
  std::vector<std::string> page_sha256;   // of each page's pixels
  std::vector<int> page_document;         // 1-based document of each page
  std::vector<int> page_source;           // 1-based page of the original
  std::vector<std::string> document_mrn;  // per document: its label's MRN
  std::vector<int> document_mrn_page;     // and the page (1-based) it is on
  int pages_received = 0;                 // pages decoded, separators too
  int separator_pages = 0;
  std::string note;  // why a scanner batch ended early; else empty

  int documents() const { return static_cast<int>(document_mrn.size()); }
};

CapturedFile CaptureFile(const std::string& path, const std::string& scanner,
                         const CaptureOptions& options = {});

// A scanner batch: pages already decoded, `original` their archival encoding
// (capture/tiff_encode.h). `source` names the scanner and the batch.
CapturedFile CaptureScan(Source source, std::string original,
                         std::vector<PageImage> pages, std::string note,
                         const CaptureOptions& options = {});

// Current time as ISO 8601 UTC with seconds ("2026-11-25T07:05:00Z").
std::string NowUtc();
// The time `seconds` ago, in the same form.
std::string UtcSecondsAgo(long seconds);

}  // namespace intake::capture

#endif  // INTAKE_CAPTURE_CAPTURE_FILE_H_
