// `intake ingest PATH...`: one-shot import of files and folders.
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>

#include "app/commands.h"
#include "app/pipeline.h"
#include "app/progress.h"
#include "capture/import.h"

namespace intake::app {
namespace {

bool IsFinal(const std::string& kind) {
  return kind == "done" || kind == "duplicate" || kind == "quarantined" ||
         kind == "failed";
}

struct Tally {
  int finished = 0, pages = 0, filed = 0, review = 0, duplicate = 0,
      quarantined = 0, failed = 0, documents = 0, separators = 0;
  nlohmann::json results = nlohmann::json::array();
  // Files stored but with documents still in the pipeline: path -> how many.
  std::map<std::string, int> open;

  // Notes a file's "stored": separator sheets may make it several documents
  // (or none, when it held only separator sheets).
  void Stored(const Event& e) {
    if (e.documents <= 0) {
      ++finished;
      return;
    }
    open[e.path] += e.documents;
  }

  // Counts a final event; returns the line to show a person, if any.
  std::string Count(const Event& e) {
    if (e.kind == "done") {
      auto it = open.find(e.path);
      if (it != open.end() && --it->second > 0) {
        ++documents;
      } else {
        if (it != open.end()) open.erase(it);
        ++finished;
        ++documents;
      }
    } else {
      ++finished;
    }
    results.push_back({{"path", e.path},
                       {"result", e.kind},
                       {"id", e.doc_id},
                       {"status", e.status},
                       {"pages", e.pages},
                       {"message", e.message}});
    if (e.kind == "done") {
      pages += e.pages;
      (e.status == "filed" ? filed : review) += 1;
      return "";
    }
    if (e.kind == "duplicate") {
      ++duplicate;
      return e.path + ": " + e.message;
    }
    (e.kind == "quarantined" ? quarantined : failed) += 1;
    return e.path + ": " + e.kind + ": " + e.message;
  }

  std::string Summary(int files) const {
    char line[256];
    std::snprintf(line, sizeof(line),
                  "intake: %d file%s: %d document%s stored (%d page%s; %d "
                  "filed, %d need review), %d duplicate, %d quarantined, %d "
                  "failed",
                  files, files == 1 ? "" : "s", filed + review,
                  filed + review == 1 ? "" : "s", pages, pages == 1 ? "" : "s",
                  filed, review, duplicate, quarantined, failed);
    return line;
  }
};

}  // namespace

int RunIngest(const IngestOptions& options) {
  std::optional<Config> config = LoadConfig(options.config);
  if (!config) return kExitUsage;
  if (options.workers >= 0) config->pipeline.ocr_workers = options.workers;
  Result<std::vector<std::string>> files = capture::ExpandInputs(options.paths);
  if (!files.ok()) {
    PrintError(files.status().message());
    return kExitNotFound;
  }
  std::string scanner_name = "import";
  capture::CaptureOptions capture_options;
  if (!options.scanner.empty()) {
    const ScannerConfig* sc = nullptr;
    for (const ScannerConfig& c : config->scanners) {
      if (c.name == options.scanner) sc = &c;
    }
    if (sc == nullptr) {
      PrintError("--scanner " + options.scanner +
                 ": no [[scanner]] of that name in the configuration");
      return kExitUsage;
    }
    scanner_name = sc->name;
    capture_options = CaptureOptionsFor(*sc);
  }
  Pipeline pipeline(*config);
  Status s = pipeline.Start();
  if (!s.ok()) {
    PrintError(s.message());
    return ExitCodeFor(s);
  }
  const int total = static_cast<int>(files->size());
  ProgressBar progress(total, ProgressBar::StderrIsTerminal() && total > 1);
  Tally tally;
  auto handle = [&](const Event& e) {
    if (e.recovered) return;
    if (e.kind == "stored") {
      tally.Stored(e);
      progress.Update(tally.finished, tally.pages, e.path);
      return;
    }
    if (!IsFinal(e.kind)) return;
    std::string line = tally.Count(e);
    if (!line.empty()) progress.Println("intake: " + line);
    progress.Update(tally.finished, tally.pages, e.path);
  };
  auto drain = [&](int timeout_ms) {
    for (Result<Event> e = pipeline.NextEvent(timeout_ms); e.ok();
         e = pipeline.NextEvent(0)) {
      handle(*e);
    }
  };
  for (const std::string& path : *files) {
    s = pipeline.Submit(
        capture::CaptureFile(path, scanner_name, capture_options));
    if (!s.ok()) break;
    drain(0);
  }
  while (s.ok() && tally.finished < total) drain(500);
  pipeline.Stop();
  progress.Finish();
  if (!s.ok()) {
    PrintError(s.message());
    return kExitUnavailable;
  }
  if (options.json) {
    std::printf("%s\n", tally.results.dump(2).c_str());
  }
  std::fprintf(stderr, "%s\n", tally.Summary(total).c_str());
  return tally.quarantined + tally.failed > 0 ? kExitInputFailed : kExitOk;
}

}  // namespace intake::app
