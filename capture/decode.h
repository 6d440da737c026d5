// Decoding of input files into page images.
//
// Formats: PNG, JPEG, BMP (one page each), TIFF (every page; uncompressed,
// LZW, Deflate, PackBits, JPEG and CCITT G3/G4 fax through libtiff) and PDF
// (every page rendered through poppler, see pdf_decode.h). Pages come out as
// 8-bit gray with the resolution the file states (0 when it does not). Anything
// else, and damaged or truncated files, give a non-OK Status whose message is
// one line a person can act on. Thread-safe.
#ifndef INTAKE_CAPTURE_DECODE_H_
#define INTAKE_CAPTURE_DECODE_H_

#include <string>
#include <string_view>
#include <vector>

#include "common/document.h"
#include "common/status.h"

namespace intake::capture {

// Limits that keep one hostile file from exhausting memory.
struct DecodeLimits {
  std::int64_t max_pixels_per_page = 120'000'000;  // ~ A3 at 1200 dpi
  int max_pages = 1000;
};

enum class FileFormat { kUnknown, kPng, kJpeg, kBmp, kTiff, kPdf };

// Recognises the format by its leading bytes (never by the file name).
FileFormat SniffFormat(std::string_view bytes);

Result<std::vector<PageImage>> DecodePages(std::string_view bytes,
                                           const DecodeLimits& limits = {});

}  // namespace intake::capture

#endif  // INTAKE_CAPTURE_DECODE_H_
