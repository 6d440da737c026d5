#include "capture/hot_folder.h"

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <filesystem>
#include <utility>

#include "capture/import.h"

namespace intake::capture {

namespace fs = std::filesystem;

namespace {

// Everything that can change what Poll() finds, plus the folder going away.
constexpr std::uint32_t kWatchMask =
    IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE |
    IN_ATTRIB | IN_MODIFY | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR;

std::string ErrnoText(const std::string& what, int err) {
  std::string text = what + ": " + std::strerror(err);
  if (err == ENOSPC) text += " (raise fs.inotify.max_user_watches)";
  if (err == EMFILE) {
    text += " (fs.inotify.max_user_instances or the open-file limit)";
  }
  return text;
}

// poll(2) milliseconds for the time left until `deadline`, rounded up so
// that a wait never ends just before its deadline and spins.
int MillisUntil(HotFolder::Clock::time_point deadline) {
  const auto left = deadline - HotFolder::Clock::now();
  if (left <= HotFolder::Clock::duration::zero()) return 0;
  const auto ms = std::chrono::ceil<std::chrono::milliseconds>(left).count();
  return ms > INT_MAX ? INT_MAX : static_cast<int>(ms);
}

}  // namespace

HotFolder::HotFolder(std::string dir, double settle_s)
    : dir_(std::move(dir)),
      settle_(std::chrono::duration_cast<Clock::duration>(
          std::chrono::duration<double>(settle_s))) {}

HotFolder::~HotFolder() { CloseInotify(); }

HotFolder::HotFolder(HotFolder&& other) noexcept
    : dir_(std::move(other.dir_)),
      settle_(other.settle_),
      seen_(std::move(other.seen_)),
      inotify_fd_(std::exchange(other.inotify_fd_, -1)),
      watch_(std::exchange(other.watch_, -1)),
      watch_tried_(other.watch_tried_),
      polled_(other.polled_),
      watch_error_(std::move(other.watch_error_)) {}

HotFolder& HotFolder::operator=(HotFolder&& other) noexcept {
  if (this != &other) {
    CloseInotify();
    dir_ = std::move(other.dir_);
    settle_ = other.settle_;
    seen_ = std::move(other.seen_);
    inotify_fd_ = std::exchange(other.inotify_fd_, -1);
    watch_ = std::exchange(other.watch_, -1);
    watch_tried_ = other.watch_tried_;
    polled_ = other.polled_;
    watch_error_ = std::move(other.watch_error_);
  }
  return *this;
}

void HotFolder::CloseInotify() {
  if (inotify_fd_ >= 0) ::close(inotify_fd_);  // also removes the watch
  inotify_fd_ = -1;
  watch_ = -1;
}

bool HotFolder::Watch() {
  watch_tried_ = true;
  if (watch_ >= 0) return true;
  if (inotify_fd_ < 0) {
    inotify_fd_ = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (inotify_fd_ < 0) {
      watch_error_ = ErrnoText("inotify_init", errno);
      return false;
    }
  }
  watch_ = ::inotify_add_watch(inotify_fd_, dir_.c_str(), kWatchMask);
  if (watch_ < 0) {
    watch_error_ = ErrnoText("inotify_add_watch " + dir_, errno);
    return false;
  }
  watch_error_.clear();
  return true;
}

bool HotFolder::DrainEvents() {
  if (inotify_fd_ < 0) return false;
  bool changed = false;
  alignas(inotify_event) char buf[8192];
  while (true) {
    const ssize_t n = ::read(inotify_fd_, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // EAGAIN: nothing more queued
    for (ssize_t at = 0; at < n;) {
      const auto* ev = reinterpret_cast<const inotify_event*>(buf + at);
      at += static_cast<ssize_t>(sizeof(inotify_event) + ev->len);
      if (ev->mask & IN_Q_OVERFLOW) {
        changed = true;  // events were lost: a Poll() finds out what
        continue;
      }
      // Left over from a watch already dropped (its IN_IGNORED, say).
      if (watch_ < 0 || ev->wd != watch_) continue;
      if (ev->mask &
          (IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF | IN_UNMOUNT)) {
        // The folder went away (or moved, and the watch would follow it):
        // poll the path until it is back and Watch() succeeds again.
        if (!(ev->mask & IN_IGNORED)) ::inotify_rm_watch(inotify_fd_, watch_);
        watch_ = -1;
        watch_error_ = dir_ + " was removed, moved or unmounted";
        changed = true;
        continue;
      }
      if (ev->len > 0 && !IsIgnoredName(ev->name)) changed = true;
    }
  }
  return changed;
}

HotFolder::Clock::time_point HotFolder::NextDue() const {
  if (!polled_) return Clock::time_point::min();
  Clock::time_point due = Clock::time_point::max();
  for (const auto& [path, s] : seen_) {
    if (s.handed_out) continue;
    due = std::min(due, std::max(s.stable_since + settle_, s.not_before));
  }
  return due;
}

bool HotFolder::Wait(Clock::duration timeout) {
  return WaitAny({this}, timeout);
}

bool HotFolder::WaitAny(const std::vector<HotFolder*>& folders,
                        Clock::duration timeout) {
  // A day is as good as forever to a loop that polls, and cannot overflow.
  timeout = std::clamp<Clock::duration>(timeout, Clock::duration::zero(),
                                        std::chrono::hours(24));
  const Clock::time_point deadline = Clock::now() + timeout;
  Clock::time_point due = Clock::time_point::max();
  std::vector<pollfd> fds;
  std::vector<HotFolder*> owners;
  for (HotFolder* f : folders) {
    if (f == nullptr) continue;
    if (!f->watch_tried_) f->Watch();
    // Events queued before the wait began count too.
    if (f->DrainEvents()) return true;
    due = std::min(due, f->NextDue());
    if (f->watching()) {
      fds.push_back({f->inotify_fd_, POLLIN, 0});
      owners.push_back(f);
    }
  }
  while (true) {
    const Clock::time_point now = Clock::now();
    if (due <= now) return true;
    if (now >= deadline) return false;
    const int ms = MillisUntil(std::min(deadline, due));
    const int ready = ::poll(fds.data(), fds.size(), ms);
    if (ready < 0) return false;  // EINTR: a signal; let the caller look
    for (size_t i = 0; i < fds.size(); ++i) {
      if (fds[i].revents != 0 && owners[i]->DrainEvents()) return true;
    }
  }
}

Status HotFolder::Prepare() const {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec) return Status::IOError("cannot create " + dir_ + ": " + ec.message());
  return Status::Ok();
}

std::vector<std::string> HotFolder::Poll(Clock::time_point now) {
  // Events up to here are answered by this scan; later ones wake Wait().
  DrainEvents();
  Watch();
  polled_ = true;
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
