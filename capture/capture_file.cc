#include "capture/capture_file.h"

#include <ctime>
#include <filesystem>

#include "capture/import.h"
#include "common/sha256.h"

namespace intake::capture {

std::string NowUtc() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

CapturedFile CaptureFile(const std::string& path, const std::string& scanner,
                         const DecodeLimits& limits) {
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
  Result<std::vector<PageImage>> pages = DecodePages(f.original, limits);
  if (!pages.ok()) {
    f.error = pages.status().message();
    return f;
  }
  f.pages = std::move(pages).value();
  for (const PageImage& p : f.pages)
    f.page_sha256.push_back(Sha256Hex(p.pixels));
  return f;
}

}  // namespace intake::capture
