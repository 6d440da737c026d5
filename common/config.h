// Config: scanners.conf parsed once into typed structs.
//
// Every field's default is written beside it; the shipped scanners.conf
// documents the same keys. Load() validates everything before any worker
// starts; errors name the file, the line and the key. Plain values.
#ifndef INTAKE_COMMON_CONFIG_H_
#define INTAKE_COMMON_CONFIG_H_

#include <string>
#include <vector>

#include "common/status.h"

namespace intake {

struct StoreConfig {
  std::string url = "sqlite:records.db";  // or "postgresql://user@host/db"
  std::string archive = "archive";        // folder of archived originals
};

struct PipelineConfig {
  int ocr_workers = 0;           // 0 = one per core
  std::string listen;            // empty = in-process only (inproc://)
  std::string language = "eng";  // Tesseract language(s), e.g. "eng+spa"
  std::string rules;             // classifier rules file; empty = built-in
  double page_timeout_s = 120;   // recognition deadline per page, seconds
};

struct ScannerConfig {
  std::string name;              // e.g. "front-desk-1"
  std::string source;            // "folder:inbox" or "sane:DEVICE"
  std::string site;              // free text shown with documents
  std::string after = "delete";  // "delete" | "move:DIR" once stored
  double poll_interval_s = 2;    // hot folder polling period
  double settle_s = 1;           // a file must be unchanged this long
};

struct Config {
  std::string path;  // file it was read from; empty for built-in defaults
  StoreConfig store;
  PipelineConfig pipeline;
  std::vector<ScannerConfig> scanners;  // default: one "inbox" hot folder

  // Built-in defaults: store ./records.db, archive ./archive, hot folder
  // ./inbox named "inbox".
  static Config Defaults();
  // Parses and validates `path`. Relative paths in the file (store, archive,
  // folders) are resolved against the file's directory.
  static Result<Config> Load(const std::string& path);
  // Load(path) when the file exists; Defaults() when `path` is the default
  // "./scanners.conf" and absent; NotFound when a named file is absent.
  static Result<Config> LoadOrDefaults(const std::string& path,
                                       bool path_was_given);
};

// The number of OCR workers to start: ocr_workers, or the core count when 0.
int EffectiveOcrWorkers(const PipelineConfig& pipeline);

}  // namespace intake

#endif  // INTAKE_COMMON_CONFIG_H_
