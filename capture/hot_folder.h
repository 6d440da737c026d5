// HotFolder: a scan-to-folder inbox, polled.
//
// A file is handed out once it is complete: its size and modification time
// have not changed for `settle` seconds (scanners and network shares write in
// pieces). Hidden and temporary names are ignored. Files come out oldest
// first, each once, until Release() says the caller is done with it (it was
// removed, or should be retried). Polling, not inotify, so that network
// shares work; inotify is a later improvement. Not thread-safe.
#ifndef INTAKE_CAPTURE_HOT_FOLDER_H_
#define INTAKE_CAPTURE_HOT_FOLDER_H_

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "common/status.h"

namespace intake::capture {

class HotFolder {
 public:
  using Clock = std::chrono::steady_clock;

  HotFolder(std::string dir, double settle_s);

  // Creates the folder when missing.
  Status Prepare() const;

  // Complete files not yet handed out, oldest modification first.
  std::vector<std::string> Poll(Clock::time_point now = Clock::now());

  // The caller is done with `path`: forget it. A file still present is handed
  // out again once it settles anew (after `retry_after`).
  void Release(const std::string& path,
               Clock::duration retry_after = Clock::duration::zero());

  // True when no file is waiting or handed out.
  bool Idle() const { return seen_.empty(); }

  const std::string& dir() const { return dir_; }

 private:
  struct Seen {
    std::uintmax_t size = 0;
    std::int64_t mtime_ns = 0;
    Clock::time_point stable_since;
    Clock::time_point not_before;
    bool handed_out = false;
  };
  std::string dir_;
  Clock::duration settle_;
  std::map<std::string, Seen> seen_;
};

// Moves `path` to `dir` (created when missing), keeping its name; a clash
// gets a numeric suffix. Used for after = "move:DIR" and for quarantine.
Result<std::string> MoveInto(const std::string& path, const std::string& dir);

}  // namespace intake::capture

#endif  // INTAKE_CAPTURE_HOT_FOLDER_H_
