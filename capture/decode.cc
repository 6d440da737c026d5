#include "capture/decode.h"

#include "capture/image_info.h"
#include "capture/pdf_decode.h"
#include "capture/raster_decode.h"
#include "capture/tiff_decode.h"

namespace intake::capture {
namespace {

bool StartsWith(std::string_view bytes, std::string_view magic) {
  return bytes.substr(0, magic.size()) == magic;
}

// A JPEG whose end-of-image marker is missing was cut short: libjpeg would
// fill the rest with gray and call it a success.
bool JpegLooksComplete(std::string_view bytes) {
  size_t tail = bytes.size() > 4096 ? bytes.size() - 4096 : 0;
  return bytes.find("\xFF\xD9", tail) != std::string_view::npos;
}

Result<std::vector<PageImage>> DecodeSingle(std::string_view bytes,
                                            FileFormat format,
                                            const DecodeLimits& limits) {
  if (format == FileFormat::kJpeg && !JpegLooksComplete(bytes)) {
    return Status::Corrupt("truncated JPEG (no end-of-image marker)");
  }
  if (format == FileFormat::kPng && !PngHasEnd(bytes)) {
    return Status::Corrupt("truncated PNG (no IEND chunk)");
  }
  Result<ImageSize> size = ReadImageSize(bytes, format);
  if (!size.ok()) return size.status();
  if (static_cast<std::int64_t>(size->width) * size->height >
      limits.max_pixels_per_page) {
    return Status::Unsupported("image of " + std::to_string(size->width) + "x" +
                               std::to_string(size->height) +
                               " pixels is larger than the page limit");
  }
  Result<PageImage> page = format == FileFormat::kPng    ? DecodePngGray(bytes)
                           : format == FileFormat::kJpeg ? DecodeJpegGray(bytes)
                                                         : DecodeBmpGray(bytes);
  if (!page.ok()) return page.status();
  Resolution dpi = ReadResolution(bytes, format);
  page->dpi_x = dpi.x;
  page->dpi_y = dpi.y;
  std::vector<PageImage> pages;  // not a braced list: that would copy it
  pages.push_back(std::move(*page));
  return pages;
}

}  // namespace

FileFormat SniffFormat(std::string_view bytes) {
  if (StartsWith(bytes, "\x89PNG\r\n\x1a\n")) return FileFormat::kPng;
  if (StartsWith(bytes, "\xFF\xD8\xFF")) return FileFormat::kJpeg;
  if (StartsWith(bytes, "BM") && bytes.size() > 26) return FileFormat::kBmp;
  if (StartsWith(bytes, std::string_view("II*\0", 4)) ||
      StartsWith(bytes, std::string_view("MM\0*", 4))) {
    return FileFormat::kTiff;
  }
  if (StartsWith(bytes, "%PDF")) return FileFormat::kPdf;
  return FileFormat::kUnknown;
}

Result<std::vector<PageImage>> DecodePages(std::string_view bytes,
                                           const DecodeLimits& limits) {
  if (bytes.empty()) return Status::Corrupt("empty file");
  FileFormat format = SniffFormat(bytes);
  switch (format) {
    case FileFormat::kPng:
    case FileFormat::kJpeg:
    case FileFormat::kBmp:
      return DecodeSingle(bytes, format, limits);
    case FileFormat::kTiff:
      return DecodeTiff(bytes, limits);
    case FileFormat::kPdf:
      return DecodePdf(bytes, limits);
    case FileFormat::kUnknown:
      break;
  }
  return Status::Unsupported(
      "not an image this version reads (PNG, JPEG, BMP, TIFF or PDF expected)");
}

}  // namespace intake::capture
