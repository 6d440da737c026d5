#include "common/status.h"

namespace intake {

std::string Status::ToString() const {
  const char* prefix = "";
  switch (code_) {
    case Code::kOk:
      return "ok";
    case Code::kInvalidArgument:
      prefix = "invalid argument";
      break;
    case Code::kNotFound:
      prefix = "not found";
      break;
    case Code::kCorrupt:
      prefix = "corrupt";
      break;
    case Code::kUnsupported:
      prefix = "unsupported";
      break;
    case Code::kIOError:
      prefix = "I/O error";
      break;
    case Code::kUnavailable:
      prefix = "unavailable";
      break;
    case Code::kInternal:
      prefix = "internal error";
      break;
  }
  return std::string(prefix) + ": " + message_;
}

}  // namespace intake
