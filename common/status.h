// Status and Result<T>: errors as values at module edges.
//
// A Status is either OK or carries a code and a one-line message meant for a
// person (it is what `intake` prints on stderr). Result<T> holds a value or a
// non-OK Status. Both are plain values: copyable, not thread-safe to mutate
// concurrently, safe to share read-only.
#ifndef INTAKE_COMMON_STATUS_H_
#define INTAKE_COMMON_STATUS_H_

#include <cassert>
#include <optional>
#include <string>
#include <utility>

namespace intake {

class Status {
 public:
  enum class Code {
    kOk = 0,
    kInvalidArgument,  // the caller's input is wrong (bad flag, bad config)
    kNotFound,         // a document, file or key does not exist
    kCorrupt,          // data is damaged (truncated image, hash mismatch)
    kUnsupported,      // a format or feature we do not handle
    kIOError,          // the operating system refused (disk, permissions)
    kUnavailable,      // a dependency is not ready (socket, engine, model)
    kInternal,         // a bug: an invariant did not hold
  };

  Status() = default;
  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) {
    return Status(Code::kInvalidArgument, std::move(m));
  }
  static Status NotFound(std::string m) {
    return Status(Code::kNotFound, std::move(m));
  }
  static Status Corrupt(std::string m) {
    return Status(Code::kCorrupt, std::move(m));
  }
  static Status Unsupported(std::string m) {
    return Status(Code::kUnsupported, std::move(m));
  }
  static Status IOError(std::string m) {
    return Status(Code::kIOError, std::move(m));
  }
  static Status Unavailable(std::string m) {
    return Status(Code::kUnavailable, std::move(m));
  }
  static Status Internal(std::string m) {
    return Status(Code::kInternal, std::move(m));
  }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  // "not found: document 12ab" style text for logs and stderr.
  std::string ToString() const;

 private:
  Status(Code code, std::string message)
      : code_(code), message_(std::move(message)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

// A value or the Status that explains why there is none.
template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {  // NOLINT
    assert(!status_.ok());
  }

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace intake

#endif  // INTAKE_COMMON_STATUS_H_
