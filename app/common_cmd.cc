// Helpers shared by the subcommands (see commands.h).
#include <pwd.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "app/commands.h"

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

std::string CurrentUser() {
  if (const passwd* pw = getpwuid(geteuid()); pw != nullptr && pw->pw_name) {
    return pw->pw_name;
  }
  const char* user = std::getenv("USER");
  return user != nullptr ? user : "uid:" + std::to_string(geteuid());
}

}  // namespace intake::app
