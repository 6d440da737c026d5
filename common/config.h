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
  // PDFs that already carry text: "keep" it (not re-OCR'd) or "ocr" again.
  std::string pdf_text = "keep";
  // Routing file (required fields per type, destinations); empty = none
  // beyond the rules file's required fields.
  std::string routing;
  // What this site's MRNs look like (regex of the whole value); empty = 6 to
  // 10 letters or digits.
  std::string mrn_pattern;
};

struct ScannerConfig {
  std::string name;              // e.g. "front-desk-1"
  std::string source;            // "folder:inbox" or "sane:DEVICE"
  std::string site;              // free text shown with documents
  std::string after = "delete";  // "delete" | "move:DIR" once stored
  double poll_interval_s = 2;    // hot folder polling period
  double settle_s = 1;           // a file must be unchanged this long
  // SANE scanners ("sane:DEVICE"): resolution, colour mode, both sides,
  // paper source ("" = the device's default, "adf", "flatbed" or a name the
  // device uses).
  int dpi = 300;
  std::string mode = "gray";  // gray | color | lineart
  bool duplex = false;
  std::string tray;
  // A page with less ink than this fraction of its area is blank (kept,
  // flagged, not read).
  double blank_threshold = 0.002;
  // Barcode text or symbology ("PATCH-T") of separator sheets; "" = none.
  std::string separator;
  // Regex a patient-label barcode matches (group 1 = the MRN) and the
  // symbology it must have ("" = any).
  std::string patient_barcode;
  std::string patient_symbology;
  // Type given to this scanner's documents when the classifier is unsure
  // (e.g. a scanner kept for insurance cards); "" = none.
  std::string default_type;

  bool is_folder() const { return source.rfind("folder:", 0) == 0; }
  bool is_sane() const { return source.rfind("sane:", 0) == 0; }
  std::string target() const { return source.substr(source.find(':') + 1); }
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
