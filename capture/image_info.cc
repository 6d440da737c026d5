#include "capture/image_info.h"

#include <cmath>
#include <cstdint>

namespace intake::capture {

uint32_t Be32(std::string_view b, size_t at) {
  auto u = [&](size_t i) {
    return static_cast<uint32_t>(static_cast<uint8_t>(b[at + i]));
  };
  return u(0) << 24 | u(1) << 16 | u(2) << 8 | u(3);
}

namespace {

uint32_t Be16(std::string_view b, size_t at) {
  auto u = [&](size_t i) {
    return static_cast<uint32_t>(static_cast<uint8_t>(b[at + i]));
  };
  return u(0) << 8 | u(1);
}
uint32_t Le32(std::string_view b, size_t at) {
  auto u = [&](size_t i) {
    return static_cast<uint32_t>(static_cast<uint8_t>(b[at + i]));
  };
  return u(3) << 24 | u(2) << 16 | u(1) << 8 | u(0);
}

int PerMetreToDpi(uint32_t per_metre) {
  return static_cast<int>(std::lround(per_metre * 0.0254));
}

// Calls visit(marker, segment_offset, length) for JPEG segments up to SOS.
template <typename Visit>
void WalkJpeg(std::string_view b, Visit visit) {
  size_t at = 2;
  while (at + 4 <= b.size()) {
    if (static_cast<uint8_t>(b[at]) != 0xFF) return;
    uint8_t marker = static_cast<uint8_t>(b[at + 1]);
    if (marker == 0xFF) {  // fill byte
      ++at;
      continue;
    }
    uint32_t len = Be16(b, at + 2);
    if (len < 2 || at + 2 + len > b.size()) return;
    if (!visit(marker, at + 4, len - 2)) return;
    if (marker == 0xDA) return;  // start of scan: headers are over
    at += 2 + len;
  }
}

}  // namespace

bool PngHasEnd(std::string_view b) {
  bool found = false;
  WalkPng(b, [&](std::string_view type, size_t, uint32_t) {
    found = type == "IEND";
    return !found;
  });
  return found;
}

Result<ImageSize> ReadImageSize(std::string_view b, FileFormat format) {
  ImageSize size;
  if (format == FileFormat::kPng && b.size() >= 24) {
    size.width = static_cast<int>(Be32(b, 16));
    size.height = static_cast<int>(Be32(b, 20));
  } else if (format == FileFormat::kJpeg) {
    WalkJpeg(b, [&](uint8_t m, size_t at, uint32_t len) {
      bool sof = m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
      if (sof && len >= 5) {
        size.height = static_cast<int>(Be16(b, at + 1));
        size.width = static_cast<int>(Be16(b, at + 3));
        return false;
      }
      return true;
    });
  } else if (format == FileFormat::kBmp && b.size() >= 26) {
    size.width = static_cast<int>(Le32(b, 18));
    size.height = std::abs(static_cast<int32_t>(Le32(b, 22)));
  }
  if (size.width <= 0 || size.height <= 0) {
    return Status::Corrupt("image header is damaged (no valid size)");
  }
  return size;
}

Resolution ReadResolution(std::string_view b, FileFormat format) {
  Resolution r;
  if (format == FileFormat::kPng) {
    WalkPng(b, [&](std::string_view type, size_t at, uint32_t len) {
      if (type == "pHYs" && len >= 9 && b[at + 8] == 1) {  // unit 1 = metre
        r.x = PerMetreToDpi(Be32(b, at));
        r.y = PerMetreToDpi(Be32(b, at + 4));
      }
      return type != "IDAT";  // pHYs must precede the image data
    });
  } else if (format == FileFormat::kJpeg) {
    WalkJpeg(b, [&](uint8_t m, size_t at, uint32_t len) {
      if (m == 0xE0 && len >= 12 &&
          b.substr(at, 5) == std::string_view("JFIF\0", 5)) {
        uint8_t units = static_cast<uint8_t>(b[at + 7]);
        uint32_t x = Be16(b, at + 8), y = Be16(b, at + 10);
        if (units == 1) {
          r = {static_cast<int>(x), static_cast<int>(y)};
        } else if (units == 2) {  // dots per centimetre
          r = {static_cast<int>(std::lround(x * 2.54)),
               static_cast<int>(std::lround(y * 2.54))};
        }
        return false;
      }
      return true;
    });
  } else if (format == FileFormat::kBmp && b.size() >= 46) {
    r.x = PerMetreToDpi(Le32(b, 38));
    r.y = PerMetreToDpi(Le32(b, 42));
  }
  return r;
}

}  // namespace intake::capture
