#include "capture/hot_folder.h"

#include <algorithm>
#include <filesystem>

#include "capture/import.h"

namespace intake::capture {

namespace fs = std::filesystem;

HotFolder::HotFolder(std::string dir, double settle_s)
    : dir_(std::move(dir)),
      settle_(std::chrono::duration_cast<Clock::duration>(
          std::chrono::duration<double>(settle_s))) {}

Status HotFolder::Prepare() const {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec) return Status::IOError("cannot create " + dir_ + ": " + ec.message());
  return Status::Ok();
}

std::vector<std::string> HotFolder::Poll(Clock::time_point now) {
  std::vector<std::pair<std::int64_t, std::string>> ready;
  std::map<std::string, Seen> next;
  std::error_code ec;
  for (fs::directory_iterator it(dir_, ec), end; !ec && it != end;
       it.increment(ec)) {
    if (IsIgnoredName(it->path().filename().string())) continue;
    std::error_code fe;
    if (!it->is_regular_file(fe) || fe) continue;
    const std::string path = it->path().string();
    const std::uintmax_t size = it->file_size(fe);
    const auto mtime = it->last_write_time(fe);
    if (fe) continue;  // vanished between listing and looking
    const std::int64_t mtime_ns =
        std::chrono::duration_cast<std::chrono::nanoseconds>(
            mtime.time_since_epoch())
            .count();
    Seen s;
    auto old = seen_.find(path);
    if (old != seen_.end()) s = old->second;
    if (old == seen_.end() || s.size != size || s.mtime_ns != mtime_ns) {
      // New or still being written: the settle clock starts again.
      s.size = size;
      s.mtime_ns = mtime_ns;
      s.stable_since = now;
    }
    if (!s.handed_out && now >= s.not_before &&
        now - s.stable_since >= settle_) {
      s.handed_out = true;
      ready.emplace_back(mtime_ns, path);
    }
    next[path] = s;
  }
  // Handed-out files that vanished stay tracked until released.
  for (auto& [path, s] : seen_) {
    if (s.handed_out && !next.count(path)) next[path] = s;
  }
  seen_ = std::move(next);
  std::sort(ready.begin(), ready.end());
  std::vector<std::string> out;
  for (auto& [mtime, path] : ready) out.push_back(std::move(path));
  return out;
}

void HotFolder::Release(const std::string& path, Clock::duration retry_after) {
  auto it = seen_.find(path);
  if (it == seen_.end()) return;
  if (retry_after == Clock::duration::zero()) {
    seen_.erase(it);
    return;
  }
  it->second.handed_out = false;
  it->second.not_before = Clock::now() + retry_after;
}

Result<std::string> MoveInto(const std::string& path, const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status::IOError("cannot create " + dir + ": " + ec.message());
  const fs::path name = fs::path(path).filename();
  fs::path target = fs::path(dir) / name;
  for (int n = 1; fs::exists(target, ec); ++n) {
    target = fs::path(dir) / (name.stem().string() + "-" + std::to_string(n) +
                              name.extension().string());
  }
  fs::rename(path, target, ec);
  if (ec) {
    return Status::IOError("cannot move " + path + " to " + dir + ": " +
                           ec.message());
  }
  return target.string();
}

}  // namespace intake::capture
