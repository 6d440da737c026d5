// Header facts of single-image files read straight from their bytes, without
// decoding pixels: size (checked against limits before decoding a hostile
// file) and stated resolution (the pixel decoders do not report it).
// Thread-safe.
#ifndef INTAKE_CAPTURE_IMAGE_INFO_H_
#define INTAKE_CAPTURE_IMAGE_INFO_H_

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

}  // namespace intake::capture

#endif  // INTAKE_CAPTURE_IMAGE_INFO_H_
