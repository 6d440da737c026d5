// `intake run`: every configured hot folder feeds the pipeline until SIGTERM
// or Ctrl-C, which stop new input, finish what is in flight and exit 0.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <thread>

#include "app/commands.h"
#include "app/pipeline.h"
#include "capture/capture_file.h"
#include "capture/hot_folder.h"
#include "capture/sane_source.h"
#include "capture/tiff_encode.h"

namespace intake::app {
namespace {

namespace fs = std::filesystem;

std::atomic<int> g_signals{0};

void OnSignal(int) {
  if (++g_signals >= 2) {
    // A second Ctrl-C does not wait: everything acknowledged is already
    // durable, and what was in flight resumes at the next start.
    std::_Exit(kExitInterrupted);
  }
}

struct Folder {
  const ScannerConfig* scanner;
  capture::HotFolder hot;
};

void Log(const std::string& line) {
  // One write per line: the SANE threads log too.
  const std::string text = capture::NowUtc() + " intake: " + line + "\n";
  std::fwrite(text.data(), 1, text.size(), stderr);
  std::fflush(stderr);
}

// Writes `bytes` to `path` durably: a hidden temporary name, fsync, rename.
// The hot folder ignores the temporary name, so it never sees half a batch.
Status WriteDurably(const fs::path& path, const std::string& bytes) {
  std::string hidden = path.filename().string();
  hidden.insert(0, 1, '.');
  const fs::path tmp = path.parent_path() / hidden;
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0640);
  if (fd < 0) return Status::IOError("cannot write " + tmp.string());
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  const bool ok = done == bytes.size() && ::fsync(fd) == 0;
  ::close(fd);
  std::error_code ec;
  if (!ok || (fs::rename(tmp, path, ec), ec)) {
    fs::remove(tmp, ec);
    return Status::IOError("cannot write " + path.string());
  }
  return Status::Ok();
}

// A SANE scanner feeds its own spool folder: each batch (one feeder run)
// becomes one multi-page TIFF there, written durably, and the spool folder
// is a hot folder like any other. So a scanned batch gets the same
// guarantees as a file: acknowledged (removed) only once stored, retried
// when the store fails, kept across a restart.
class SaneFeeder {
 public:
  SaneFeeder(const ScannerConfig& sc, fs::path spool,
             std::unique_ptr<capture::SaneScanner> scanner, bool once)
      : sc_(sc),
        spool_(std::move(spool)),
        scanner_(std::move(scanner)),
        once_(once),
        thread_([this] { Loop(); }) {}
  ~SaneFeeder() {
    stop_ = true;
    thread_.join();
  }
  // True once a --once feeder has scanned its batch.
  bool finished() const { return finished_; }

 private:
  void Loop() {
    int seq = 0;
    while (!stop_) {
      capture::SaneBatch batch = scanner_->ScanBatch();
      const bool idle =
          batch.pages.empty() &&
          batch.end.message().find("no paper") != std::string::npos;
      if (!batch.pages.empty()) Spool(batch, ++seq);
      if (!batch.end.ok() && !idle) {
        Log("scanner " + sc_.name + ": " + batch.end.message() +
            (batch.pages.empty() ? "" : "; the pages received are kept"));
      }
      if (once_) break;
      // A feeder is looked at again after poll_interval_s (sooner on stop).
      const auto until = std::chrono::steady_clock::now() +
                         std::chrono::duration<double>(sc_.poll_interval_s);
      while (!stop_ && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
    }
    finished_ = true;
  }

  void Spool(const capture::SaneBatch& batch, int seq) {
    Result<std::string> tiff = capture::EncodeTiff(batch.pages);
    std::string stamp = capture::NowUtc();
    std::erase(stamp, ':');
    std::erase(stamp, '-');
    const fs::path path =
        spool_ / (sc_.name + "_" + stamp + "_" + std::to_string(seq) + ".tif");
    Status s = tiff.ok() ? WriteDurably(path, *tiff) : tiff.status();
    if (!s.ok()) {
      Log("scanner " + sc_.name + ": " + std::to_string(batch.pages.size()) +
          " page(s) scanned but NOT kept (" + s.message() +
          "): scan the batch again");
      return;
    }
    Log("scanner " + sc_.name + ": " + std::to_string(batch.pages.size()) +
        " page(s) scanned into " + path.filename().string());
  }

  const ScannerConfig& sc_;
  const fs::path spool_;
  std::unique_ptr<capture::SaneScanner> scanner_;
  const bool once_;
  std::atomic<bool> stop_{false};
  std::atomic<bool> finished_{false};
  std::thread thread_;
};

// Where a SANE scanner's batches wait to be stored: spool/NAME beside the
// archive.
fs::path SpoolFolder(const Config& config, const ScannerConfig& sc) {
  return fs::path(config.store.archive).parent_path() / "spool" / sc.name;
}

// What becomes of a file once its bytes are durably stored.
void Acknowledge(const Folder& f, const std::string& path) {
  if (f.scanner->after == "delete") {
    std::error_code ec;
    if (!fs::remove(path, ec) && ec) {
      Log("cannot remove " + path + ": " + ec.message());
    }
    return;
  }
  Result<std::string> moved =
      capture::MoveInto(path, f.scanner->after.substr(5));
  if (!moved.ok()) Log(moved.status().message());
}

// A bad file moves to quarantine/ beside its hot folder with a .reason file;
// its original bytes are in the archive as a quarantined document too.
void Quarantine(const Folder& f, const std::string& path,
                const std::string& reason) {
  const fs::path dir = fs::path(f.hot.dir()).parent_path() / "quarantine";
  Result<std::string> moved = capture::MoveInto(path, dir.string());
  if (!moved.ok()) {
    Log(moved.status().message());
    return;
  }
  std::ofstream(*moved + ".reason") << reason << "\n";
}

}  // namespace

int RunRun(const RunOptions& options) {
  std::optional<Config> config = LoadConfig(options.config);
  if (!config) return kExitUsage;
  // Every source is checked before anything starts.
  std::vector<Folder> folders;
  std::vector<std::pair<const ScannerConfig*, fs::path>> sane;
  std::vector<std::unique_ptr<capture::SaneScanner>> devices;
  for (const ScannerConfig& sc : config->scanners) {
    std::string dir = sc.target();
    if (sc.is_sane()) {
      capture::SaneOptions so;
      so.device = sc.target();
      so.name = sc.name;
      so.dpi = sc.dpi;
      so.mode = sc.mode;
      so.duplex = sc.duplex;
      so.tray = sc.tray;
      Result<std::unique_ptr<capture::SaneScanner>> dev =
          capture::SaneScanner::Open(so);
      if (!dev.ok()) {
        PrintError(dev.status().message());
        return kExitUnavailable;
      }
      devices.push_back(std::move(dev).value());
      dir = SpoolFolder(*config, sc).string();
      sane.emplace_back(&sc, dir);
    }
    folders.push_back(
        {&sc, capture::HotFolder(dir, sc.is_sane() ? 0 : sc.settle_s)});
    Status s = folders.back().hot.Prepare();
    if (!s.ok()) {
      PrintError(s.message());
      return kExitUnavailable;
    }
  }
  if (folders.empty()) {
    PrintError("no [[scanner]] is configured; nothing to run");
    return kExitUsage;
  }
  Pipeline pipeline(*config);
  Status s = pipeline.Start();
  if (!s.ok()) {
    PrintError(s.message());
    return ExitCodeFor(s);
  }
  std::signal(SIGINT, OnSignal);
  std::signal(SIGTERM, OnSignal);
  std::vector<capture::HotFolder*> watched;
  for (Folder& f : folders) {
    watched.push_back(&f.hot);
    const bool inotify = f.hot.Watch();
    if (f.scanner->is_sane()) {
      Log("scanning " + f.scanner->target() + " (scanner " + f.scanner->name +
          ", " + std::to_string(f.scanner->dpi) + " dpi " + f.scanner->mode +
          ") through " + f.hot.dir());
    } else {
      Log("watching " + f.hot.dir() + " (scanner " + f.scanner->name + ")" +
          (inotify ? "" : "; polling only: " + f.hot.watch_error()));
    }
  }
  Log("store " + config->store.url + ", " +
      std::to_string(pipeline.ocr_workers()) + " OCR workers; Ctrl-C stops");
  std::vector<std::unique_ptr<SaneFeeder>> feeders;
  for (size_t i = 0; i < sane.size(); ++i) {
    feeders.push_back(std::make_unique<SaneFeeder>(
        *sane[i].first, sane[i].second, std::move(devices[i]), options.once));
  }

  std::map<std::string, Folder*> pending;  // path -> its folder
  int open_documents = 0;  // stored, not yet done: logged before exiting
  double poll_s = 1e9;
  for (const Folder& f : folders)
    poll_s = std::min(poll_s, f.scanner->poll_interval_s);
  const auto poll_every =
      std::chrono::duration_cast<std::chrono::steady_clock::duration>(
          std::chrono::duration<double>(poll_s));
  // Hands every settled file of every folder to the pipeline; true when
  // there was one.
  auto take_waiting = [&] {
    bool any = false;
    for (Folder& f : folders) {
      for (const std::string& path : f.hot.Poll()) {
        any = true;
        pending[path] = &f;
        s = pipeline.Submit(capture::CaptureFile(
            path, f.scanner->name, CaptureOptionsFor(*f.scanner)));
        if (!s.ok()) return any;
      }
    }
    return any;
  };
  auto next_poll = std::chrono::steady_clock::now();
  bool said_stopping = false;
  while (true) {
    const bool stopping = g_signals > 0;
    if (stopping && !said_stopping) {
      said_stopping = true;
      Log("stopping: finishing documents in flight");
      feeders.clear();  // a batch being fed finishes into its spool first
    }
    // inotify wakes the loop when a file changes; the timed poll is the
    // fallback for network shares, where inotify sees nothing.
    const bool changed = !stopping && capture::HotFolder::WaitAny(watched, {});
    if (!stopping &&
        (changed || std::chrono::steady_clock::now() >= next_poll)) {
      next_poll = std::chrono::steady_clock::now() + poll_every;
      take_waiting();
    }
    if (!s.ok()) break;
    if (stopping && pending.empty() && open_documents <= 0) break;
    if (options.once && pending.empty() && open_documents <= 0 &&
        std::all_of(feeders.begin(), feeders.end(),
                    [](const auto& f) { return f->finished(); }) &&
        std::all_of(folders.begin(), folders.end(),
                    [](const Folder& f) { return f.hot.Idle(); })) {
      // A --once feeder's batch may have been spooled after the last poll.
      if (!take_waiting()) break;
    }
    Result<Event> e = pipeline.NextEvent(200);
    if (!e.ok()) continue;
    if (e->kind == "done") {
      if (!e->recovered) --open_documents;
      // The one line per document staff read: scanner, pages, type, status.
      Log((e->recovered ? "resumed " : "") + e->scanner + " " + e->doc_id +
          " " + fs::path(e->path).filename().string() + ": " +
          std::to_string(e->pages) + " page(s), " + e->doc_type + ", " +
          e->status);
      continue;
    }
    auto it = pending.find(e->path);
    if (it == pending.end()) continue;
    Folder& f = *it->second;
    if (e->kind == "stored") open_documents += e->documents;
    if (e->kind == "stored" || e->kind == "duplicate") {
      Acknowledge(f, e->path);
      if (e->kind == "duplicate") Log(e->path + ": " + e->message);
      f.hot.Release(e->path);
    } else if (e->kind == "quarantined") {
      Log(e->path + ": quarantined: " + e->message);
      Quarantine(f, e->path, e->message);
      f.hot.Release(e->path);
    } else if (e->kind == "failed") {
      // Not stored: the file stays where it is and is tried again later.
      Log(e->path + ": not stored (will retry in 60 s): " + e->message);
      f.hot.Release(e->path, std::chrono::seconds(60));
    }
    pending.erase(it);
  }
  pipeline.Stop();
  if (!s.ok()) {
    PrintError(s.message());
    return kExitUnavailable;
  }
  Log("stopped");
  return kExitOk;
}

}  // namespace intake::app
