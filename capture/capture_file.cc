#include "capture/capture_file.h"

#include <ctime>
#include <filesystem>

#include "capture/barcode.h"
#include "capture/import.h"
#include "common/sha256.h"

namespace intake::capture {
namespace {

// Hashes the decoded pages, reads barcodes where the options ask for them,
// and drops separator sheets, tagging every other page with its document.
void SplitIntoDocuments(std::vector<PageImage> pages,
                        const CaptureOptions& options, CapturedFile* f) {
  f->pages_received = static_cast<int>(pages.size());
  std::vector<std::vector<Barcode>> barcodes(pages.size());
  if (options.split.reads_barcodes()) {
    for (size_t i = 0; i < pages.size(); ++i) {
      barcodes[i] = ReadBarcodes(pages[i]);
    }
  }
  SplitPlan plan = PlanSplit(barcodes, options.split);
  f->separator_pages = plan.separators;
  f->document_mrn = std::move(plan.mrn);
  f->document_mrn_page.assign(f->document_mrn.size(), 1);
  std::vector<int> pages_so_far(f->document_mrn.size(), 0);
  for (size_t i = 0; i < pages.size(); ++i) {
    const int doc = plan.document_of_page[i];
    if (doc == 0) continue;
    ++pages_so_far[doc - 1];
    if (!f->document_mrn[doc - 1].empty() &&
        plan.mrn_page[doc - 1] == static_cast<int>(i)) {
      f->document_mrn_page[doc - 1] = pages_so_far[doc - 1];
    }
    f->page_sha256.push_back(Sha256Hex(pages[i].pixels));
    f->page_document.push_back(plan.document_of_page[i]);
    f->page_source.push_back(static_cast<int>(i) + 1);
    f->pages.push_back(std::move(pages[i]));
  }
}

}  // namespace

std::string UtcSecondsAgo(long seconds) {
  std::time_t at = std::time(nullptr) - seconds;
  std::tm tm{};
  gmtime_r(&at, &tm);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string NowUtc() { return UtcSecondsAgo(0); }

CapturedFile CaptureFile(const std::string& path, const std::string& scanner,
                         const CaptureOptions& options) {
  CapturedFile f;
  f.source.path = path;
  f.source.file = std::filesystem::path(path).filename().string();
  f.source.scanner = scanner;
  f.source.received_at = NowUtc();
  Result<std::string> bytes = ReadInputFile(path);
  if (!bytes.ok()) {
    f.unreadable = true;
    f.error = bytes.status().message();
    return f;
  }
  f.original = std::move(bytes).value();
  f.source.size = static_cast<std::int64_t>(f.original.size());
  f.source.sha256 = Sha256Hex(f.original);
  Result<std::vector<PageImage>> pages =
      DecodePages(f.original, options.limits);
  if (!pages.ok()) {
    f.error = pages.status().message();
    return f;
  }
  SplitIntoDocuments(std::move(pages).value(), options, &f);
  return f;
}

CapturedFile CaptureScan(Source source, std::string original,
                         std::vector<PageImage> pages, std::string note,
                         const CaptureOptions& options) {
  CapturedFile f;
  f.source = std::move(source);
  if (f.source.received_at.empty()) f.source.received_at = NowUtc();
  f.original = std::move(original);
  f.source.size = static_cast<std::int64_t>(f.original.size());
  f.source.sha256 = Sha256Hex(f.original);
  f.note = std::move(note);
  SplitIntoDocuments(std::move(pages), options, &f);
  return f;
}

}  // namespace intake::capture
