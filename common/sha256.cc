#include "common/sha256.h"

#include <openssl/evp.h>

namespace intake {

std::string Sha256Hex(std::string_view bytes) {
  // OpenSSL's, not libsodium's: it uses the CPU's SHA instructions, which
  // hash a 300-dpi page's pixels in ~4 ms instead of ~18 ms.
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &size, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex(2 * size, '0');
  for (unsigned int i = 0; i < size; ++i) {
    hex[2 * i] = kHex[digest[i] >> 4];
    hex[2 * i + 1] = kHex[digest[i] & 15];
  }
  return hex;
}

}  // namespace intake
