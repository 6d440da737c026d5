// The subcommands of `intake`, each a function from parsed options to an
// exit code. main.cc parses the command line and calls them.
#ifndef INTAKE_APP_COMMANDS_H_
#define INTAKE_APP_COMMANDS_H_

#include <memory>
#include <string>
#include <vector>

#include "capture/capture_file.h"
#include "common/config.h"
#include "common/status.h"

namespace intake::store {
class RecordStore;
}  // namespace intake::store

namespace intake::app {

// Documented in README.md ("Exit codes").
enum ExitCode {
  kExitOk = 0,
  kExitInputFailed = 1,   // some input was quarantined or could not be stored
  kExitUsage = 2,         // bad command line or configuration
  kExitUnavailable = 3,   // store, OCR engine or another dependency failed
  kExitNotFound = 4,      // a named document does not exist
  kExitInterrupted = 130  // stopped by a second Ctrl-C before draining
};

// Where the configuration comes from: --config, or ./scanners.conf when it
// exists, or the built-in defaults.
struct ConfigSource {
  std::string path = "scanners.conf";
  bool given = false;
};

struct IngestOptions {
  ConfigSource config;
  std::vector<std::string> paths;
  bool json = false;
  int workers = -1;  // --workers overrides pipeline.ocr_workers when >= 0
  // --scanner: import as this configured scanner (its name, separator
  // sheets and patient labels); empty = "import" with neither.
  std::string scanner;
};
int RunIngest(const IngestOptions& options);

struct RunOptions {
  ConfigSource config;
  bool once = false;  // process what is waiting, then exit (for tests, cron)
};
int RunRun(const RunOptions& options);

struct SearchOptions {
  ConfigSource config;
  std::string query;
  std::string type;
  std::string patient;
  int limit = 20;
  bool json = false;
};
int RunSearch(const SearchOptions& options);

struct ShowOptions {
  ConfigSource config;
  std::string id;
  bool json = false;
  bool text = false;
};
int RunShow(const ShowOptions& options);

struct ExportOptions {
  ConfigSource config;
  std::vector<std::string> ids;
  bool all = false;
  std::string format = "json";
  std::string out;
};
int RunExport(const ExportOptions& options);

// Helpers shared by the commands.
// Prints "intake: MESSAGE" on stderr (one line).
void PrintError(const std::string& message);
// Loads the configuration or prints why not; nullopt means exit kExitUsage.
std::optional<Config> LoadConfig(const ConfigSource& source);
// The exit code that fits a failed Status.
int ExitCodeFor(const Status& status);
// What capture does with a scanner's pages (separator sheets, patient labels).
capture::CaptureOptions CaptureOptionsFor(const ScannerConfig& scanner);
// The login name of the person running the command, for the audit log.
std::string CurrentUser();
// Opens the store the configuration names, or prints why not and sets
// *exit_code. The configuration read goes to `config_out` when not null.
std::unique_ptr<store::RecordStore> OpenConfiguredStore(
    const ConfigSource& source, int* exit_code, Config* config_out = nullptr);
// Records an access by CurrentUser(); a failure to audit is printed, and
// the caller must refuse the access.
bool Audited(store::RecordStore& st, const std::string& action,
             const std::string& doc_id, const std::string& detail);

struct PatientsImportOptions {
  ConfigSource config;
  std::string file;
};
int RunPatientsImport(const PatientsImportOptions& options);

struct TrainOptions {
  ConfigSource config;
  int min_examples = 1;
};
int RunTrain(const TrainOptions& options);

struct ReviewOptions {
  ConfigSource config;
  std::string id;
  std::string type;
  std::string patient_mrn;
  std::vector<std::string> set_fields;  // NAME=VALUE
  bool hold = false;  // keep it in review (only record the corrections)
};
int RunReview(const ReviewOptions& options);

struct StatsOptions {
  ConfigSource config;
  bool json = false;
};
int RunStats(const StatsOptions& options);

struct VerifyOptions {
  ConfigSource config;
  bool json = false;
};
int RunVerify(const VerifyOptions& options);

struct AuditOptions {
  ConfigSource config;
  std::string user;
  std::string document;
  bool json = false;
};
int RunAudit(const AuditOptions& options);

}  // namespace intake::app

#endif  // INTAKE_APP_COMMANDS_H_
