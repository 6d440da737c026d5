// OpenStore: picks the backend named by a store URL.
#include <cctype>
#include <filesystem>
#include <system_error>

#include "store/record_store.h"
#include "store/sqlite_store.h"

namespace intake::store {
namespace {

bool StartsWith(const std::string& s, std::string_view prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

// "scheme:" at the front, as in a URL (letters, then letters/digits/+-.).
bool HasScheme(const std::string& s) {
  const size_t colon = s.find(':');
  if (colon == std::string::npos || colon == 0) return false;
  if (!std::isalpha(static_cast<unsigned char>(s[0]))) return false;
  for (size_t i = 1; i < colon; ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (!std::isalnum(c) && c != '+' && c != '-' && c != '.') return false;
  }
  return true;
}

Result<std::unique_ptr<RecordStore>> OpenSqlite(const std::string& path) {
  if (path.empty()) {
    return Status::InvalidArgument("store url 'sqlite:' names no file");
  }
  if (path != ":memory:") {
    const std::filesystem::path parent =
        std::filesystem::path(path).parent_path();
    std::error_code ec;
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    if (ec) {
      return Status::IOError("cannot create folder " + parent.string() +
                             " for the store: " + ec.message());
    }
  }
  Result<std::unique_ptr<SqliteStore>> store = SqliteStore::Open(path);
  if (!store.ok()) return store.status();
  return std::unique_ptr<RecordStore>(std::move(store).value());
}

}  // namespace

Result<std::unique_ptr<RecordStore>> OpenStore(const std::string& url) {
  if (StartsWith(url, "sqlite://")) return OpenSqlite(url.substr(9));
  if (StartsWith(url, "sqlite:")) return OpenSqlite(url.substr(7));
  if (StartsWith(url, "postgresql://") || StartsWith(url, "postgres://")) {
    return Status::Unsupported(
        "PostgreSQL store is not built yet; use sqlite:PATH");
  }
  if (url.empty() || HasScheme(url)) {
    return Status::InvalidArgument("store url '" + url +
                                   "' is not sqlite:PATH, a file path or "
                                   "postgresql://...");
  }
  return OpenSqlite(url);
}

}  // namespace intake::store
