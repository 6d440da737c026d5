// SHA-256 of byte strings, as lowercase hex. Thread-safe.
#ifndef INTAKE_COMMON_SHA256_H_
#define INTAKE_COMMON_SHA256_H_

#include <string>
#include <string_view>

namespace intake {

// Returns the 64-character lowercase hex SHA-256 of `bytes`.
std::string Sha256Hex(std::string_view bytes);

}  // namespace intake

#endif  // INTAKE_COMMON_SHA256_H_
