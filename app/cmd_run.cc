// `intake run`: every configured hot folder feeds the pipeline until SIGTERM
// or Ctrl-C, which stop new input, finish what is in flight and exit 0.
#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>

#include "app/commands.h"
#include "app/pipeline.h"
#include "capture/capture_file.h"
#include "capture/hot_folder.h"

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
  std::fprintf(stderr, "%s intake: %s\n", capture::NowUtc().c_str(),
               line.c_str());
  std::fflush(stderr);
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
  std::vector<Folder> folders;
  for (const ScannerConfig& sc : config->scanners) {
    folders.push_back(
        {&sc, capture::HotFolder(sc.source.substr(7), sc.settle_s)});
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
  for (const Folder& f : folders) {
    Log("watching " + f.hot.dir() + " (scanner " + f.scanner->name + ")");
  }
  Log("store " + config->store.url + ", " +
      std::to_string(pipeline.ocr_workers()) + " OCR workers; Ctrl-C stops");

  std::map<std::string, Folder*> pending;  // path -> its folder
  double poll_s = 1e9;
  for (const Folder& f : folders)
    poll_s = std::min(poll_s, f.scanner->poll_interval_s);
  const auto poll_every =
      std::chrono::duration_cast<std::chrono::steady_clock::duration>(
          std::chrono::duration<double>(poll_s));
  auto next_poll = std::chrono::steady_clock::now();
  while (true) {
    const bool stopping = g_signals > 0;
    if (!stopping && std::chrono::steady_clock::now() >= next_poll) {
      next_poll = std::chrono::steady_clock::now() + poll_every;
      for (Folder& f : folders) {
        for (const std::string& path : f.hot.Poll()) {
          pending[path] = &f;
          s = pipeline.Submit(capture::CaptureFile(
              path, f.scanner->name, CaptureOptionsFor(*f.scanner)));
          if (!s.ok()) break;
        }
      }
    }
    if (!s.ok()) break;
    if (stopping && pending.empty()) break;
    if (options.once && pending.empty() &&
        std::all_of(folders.begin(), folders.end(),
                    [](const Folder& f) { return f.hot.Idle(); })) {
      break;
    }
    Result<Event> e = pipeline.NextEvent(200);
    if (!e.ok()) continue;
    if (e->kind == "done") {
      Log((e->recovered ? "resumed " : "") + e->doc_id + " " + e->path + ": " +
          std::to_string(e->pages) + " page(s), " + e->doc_type + ", " +
          e->status);
      continue;
    }
    auto it = pending.find(e->path);
    if (it == pending.end()) continue;
    Folder& f = *it->second;
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
  if (g_signals > 0) Log("stopping: finishing documents in flight");
  pipeline.Stop();
  if (!s.ok()) {
    PrintError(s.message());
    return kExitUnavailable;
  }
  Log("stopped");
  return kExitOk;
}

}  // namespace intake::app
