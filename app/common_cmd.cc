// Helpers shared by the subcommands (see commands.h).
#include <pwd.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "app/commands.h"
#include "store/record_store.h"

namespace intake::app {

void PrintError(const std::string& message) {
  std::fprintf(stderr, "intake: %s\n", message.c_str());
}

std::optional<Config> LoadConfig(const ConfigSource& source) {
  Result<Config> c = Config::LoadOrDefaults(source.path, source.given);
  if (!c.ok()) {
    PrintError(c.status().message());
    return std::nullopt;
  }
  return std::move(c).value();
}

int ExitCodeFor(const Status& status) {
  switch (status.code()) {
    case Status::Code::kOk:
      return kExitOk;
    case Status::Code::kInvalidArgument:
      return kExitUsage;
    case Status::Code::kNotFound:
      return kExitNotFound;
    default:
      return kExitUnavailable;
  }
}

capture::CaptureOptions CaptureOptionsFor(const ScannerConfig& scanner) {
  capture::CaptureOptions o;
  o.split.separator = scanner.separator;
  o.split.patient_pattern = scanner.patient_barcode;
  o.split.patient_symbology = scanner.patient_symbology;
  return o;
}

// Opens the store named by the configuration, or prints why not. The
// configuration read goes to `config` when the caller needs more of it.
std::unique_ptr<store::RecordStore> OpenConfiguredStore(
    const ConfigSource& source, int* exit_code, Config* config_out) {
  std::optional<Config> config = LoadConfig(source);
  if (!config) {
    *exit_code = kExitUsage;
    return nullptr;
  }
  if (config_out != nullptr) *config_out = *config;
  Result<std::unique_ptr<store::RecordStore>> s =
      store::OpenStore(config->store.url);
  if (!s.ok()) {
    PrintError(s.status().message());
    *exit_code = ExitCodeFor(s.status());
    return nullptr;
  }
  return std::move(s).value();
}

// Records an access; a failure to audit is reported, and the access refused.
bool Audited(store::RecordStore& st, const std::string& action,
             const std::string& doc_id, const std::string& detail) {
  Status s = st.Audit({"", CurrentUser(), action, doc_id, detail});
  if (!s.ok()) PrintError("cannot write the audit log: " + s.message());
  return s.ok();
}

std::string CurrentUser() {
  if (const passwd* pw = getpwuid(geteuid()); pw != nullptr && pw->pw_name) {
    return pw->pw_name;
  }
  const char* user = std::getenv("USER");
  return user != nullptr ? user : "uid:" + std::to_string(geteuid());
}

}  // namespace intake::app
