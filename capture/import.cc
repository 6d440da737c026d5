#include "capture/import.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace intake::capture {

namespace fs = std::filesystem;

bool IsIgnoredName(const std::string& name) {
  if (name.empty() || name[0] == '.' || name[0] == '~') return true;
  std::string lower = name;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  for (const char* suffix : {".tmp", ".part", ".crdownload", ".filepart"}) {
    if (lower.ends_with(suffix)) return true;
  }
  return lower == "thumbs.db" || lower == "desktop.ini";
}

Result<std::vector<std::string>> ExpandInputs(
    const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    std::error_code ec;
    fs::file_status st = fs::status(path, ec);
    if (ec || !fs::exists(st)) {
      return Status::NotFound(path + ": no such file or folder");
    }
    if (!fs::is_directory(st)) {
      files.push_back(path);
      continue;
    }
    std::vector<std::string> found;
    fs::recursive_directory_iterator it(
        path, fs::directory_options::skip_permission_denied, ec);
    if (ec) return Status::IOError(path + ": " + ec.message());
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) return Status::IOError(path + ": " + ec.message());
      const std::string name = it->path().filename().string();
      if (IsIgnoredName(name)) {
        if (it->is_directory()) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file()) found.push_back(it->path().string());
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

Result<std::string> ReadInputFile(const std::string& path,
                                  std::int64_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError(path + ": " + std::strerror(errno));
  in.seekg(0, std::ios::end);
  std::streamoff size = in.tellg();
  if (size < 0) return Status::IOError(path + ": cannot tell its size");
  if (size > max_bytes) {
    return Status::Unsupported(path + ": file of " + std::to_string(size) +
                               " bytes is larger than the " +
                               std::to_string(max_bytes) + "-byte limit");
  }
  std::string bytes(static_cast<size_t>(size), '\0');
  in.seekg(0);
  if (!in.read(bytes.data(), size)) {
    return Status::IOError(path + ": read failed");
  }
  return bytes;
}

}  // namespace intake::capture
