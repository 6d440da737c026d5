// HotFolder: a scan-to-folder inbox, polled and watched with inotify.
//
// A file is handed out once it is complete: its size and modification time
// have not changed for `settle` seconds (scanners and network shares write in
// pieces, some with several open/close, so a close is no proof of a whole
// file). Hidden and temporary names are ignored. Files come out oldest first,
// each once, until Release() says the caller is done with it (it was removed,
// or should be retried).
//
// Poll() is the source of truth; inotify only tells the caller when polling
// is worth doing, so a loop wakes as soon as a file arrives or settles instead
// of sleeping a whole poll interval:
//
//   while (running) {
//     HotFolder::WaitAny(folders, poll_interval);  // early on a change
//     for (HotFolder* f : folders) for (auto& path : f->Poll()) ...
//   }
//
// Keep polling on the timer even while watching(): inotify sees only changes
// made through this machine's kernel, so files written by other machines to a
// network share (SMB/CIFS, NFS) raise no event here and are found by the
// timed Poll() alone. When inotify is unavailable (limits, unsupported
// filesystem, folder missing) the folder is polled only; watching() says so.
//
// Movable, not copyable (owns an inotify descriptor). Not thread-safe.
#ifndef INTAKE_CAPTURE_HOT_FOLDER_H_
#define INTAKE_CAPTURE_HOT_FOLDER_H_

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "common/status.h"

namespace intake::capture {

class HotFolder {
 public:
  using Clock = std::chrono::steady_clock;

  HotFolder(std::string dir, double settle_s);
  ~HotFolder();
  HotFolder(HotFolder&& other) noexcept;
  HotFolder& operator=(HotFolder&& other) noexcept;
  HotFolder(const HotFolder&) = delete;
  HotFolder& operator=(const HotFolder&) = delete;

  // Creates the folder when missing.
  Status Prepare() const;

  // Complete files not yet handed out, oldest modification first. Also
  // consumes pending inotify events and tries Watch() again when the folder
  // is not watched.
  std::vector<std::string> Poll(Clock::time_point now = Clock::now());

  // Starts the inotify watch when the folder is not watched yet; returns
  // watching(). Poll() calls it, so calling it is only needed to know the
  // state before the first Poll().
  bool Watch();

  // Whether inotify watches the folder. False when inotify cannot be used
  // (fs.inotify limits, open-file limit, unsupported filesystem) or the folder
  // is missing; the folder is then polled only. A watched folder that is
  // removed, renamed or unmounted loses its watch (it is not recreated: an
  // unmounted share must not become a local folder); Poll() watches it again
  // once it is back. Log when this changes.
  bool watching() const { return watch_ >= 0; }
  // Why watching() is false, one line; empty while watching.
  const std::string& watch_error() const { return watch_error_; }

  // Blocks until inotify reports a change to a file in the folder (created,
  // written, closed, moved in or out, deleted, attributes), the folder itself
  // goes away, a file seen by Poll() is due to have settled or its retry
  // delay has passed, or `timeout` passes. True for all but the timeout: call
  // Poll() then. Changes to ignored names do not wake it. Returns false early
  // when a signal interrupts the wait, so a stop flag is seen promptly. An
  // unwatched folder just sleeps (until a settle time or the timeout). A
  // folder never polled is due at once, so files present at start are found
  // without waiting.
  bool Wait(Clock::duration timeout);

  // Wait() over several folders at once, on one thread: true as soon as any
  // of them has something. Null entries are skipped.
  static bool WaitAny(const std::vector<HotFolder*>& folders,
                      Clock::duration timeout);

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
  // Reads every queued inotify event; true when one concerns a file that
  // is not ignored, or the folder itself. Drops a watch that went away.
  bool DrainEvents();
  // When Poll() may find something without an event: a tracked file not
  // handed out settles or may be retried; now when never polled.
  Clock::time_point NextDue() const;
  void CloseInotify();

  std::string dir_;
  Clock::duration settle_;
  std::map<std::string, Seen> seen_;
  int inotify_fd_ = -1;
  int watch_ = -1;  // the watch descriptor; -1 when not watching
  bool watch_tried_ = false;
  bool polled_ = false;
  std::string watch_error_;
};

// Moves `path` to `dir` (created when missing), keeping its name; a clash
// gets a numeric suffix. Used for after = "move:DIR" and for quarantine.
Result<std::string> MoveInto(const std::string& path, const std::string& dir);

}  // namespace intake::capture

#endif  // INTAKE_CAPTURE_HOT_FOLDER_H_
