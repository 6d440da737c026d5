// Header facts of single-image files read straight from their bytes, without
// decoding pixels: size (checked against limits before decoding a hostile
// file) and stated resolution (the pixel decoders do not report it).
// Thread-safe.
#ifndef INTAKE_CAPTURE_IMAGE_INFO_H_
#define INTAKE_CAPTURE_IMAGE_INFO_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "capture/decode.h"
#include "common/status.h"

namespace intake::capture {

struct ImageSize {
  int width = 0;
  int height = 0;
};

struct Resolution {
  int x = 0;  // dots per inch; 0 when the file does not say
  int y = 0;
};

// PNG (IHDR), JPEG (SOFn) and BMP headers; Corrupt when unreadable.
Result<ImageSize> ReadImageSize(std::string_view bytes, FileFormat format);

// PNG pHYs, JPEG JFIF density, BMP pixels-per-metre.
Resolution ReadResolution(std::string_view bytes, FileFormat format);

// True when the PNG's chunk chain reaches IEND inside `bytes`.
bool PngHasEnd(std::string_view bytes);

// The big-endian 32-bit number at `at` (the caller checks the bounds).
uint32_t Be32(std::string_view b, size_t at);

// Calls visit(type, data_offset, length) for each PNG chunk; stops when visit
// returns false or the chain leaves the buffer. Returns false on a broken
// chain.
template <typename Visit>
bool WalkPng(std::string_view b, Visit visit) {
  size_t at = 8;
  while (at + 12 <= b.size()) {
    uint32_t len = Be32(b, at);
    std::string_view type = b.substr(at + 4, 4);
    if (len > b.size() || at + 12 + len > b.size()) return false;
    if (!visit(type, at + 8, len)) return true;
    at += 12 + len;
  }
  return false;
}

}  // namespace intake::capture

#endif  // INTAKE_CAPTURE_IMAGE_INFO_H_
