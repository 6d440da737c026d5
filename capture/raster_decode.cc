#include "capture/raster_decode.h"

#include <leptonica/allheaders.h>
#include <libdeflate.h>
#include <png.h>

#include <csetjmp>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "capture/image_info.h"

// libjpeg's header needs size_t and FILE declared first.
#include <jpeglib.h>

namespace intake::capture {
namespace {

PageImage GrayPage(int width, int height) {
  PageImage page;
  page.width = width;
  page.height = height;
  page.channels = 1;
  page.pixels.resize(static_cast<size_t>(width) * height);
  return page;
}

// libjpeg reports errors by calling error_exit, which must not return: it
// jumps back to Decompress with the message kept. Warnings (a corrupt
// Huffman code it can skip) are not printed.
struct JpegErrors {
  jpeg_error_mgr mgr;
  std::jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
};

void OnJpegError(j_common_ptr cinfo) {
  auto* errors = reinterpret_cast<JpegErrors*>(cinfo->err);
  (*cinfo->err->format_message)(cinfo, errors->message);
  std::longjmp(errors->jump, 1);
}

void IgnoreJpegMessage(j_common_ptr, int) {}

// Gray as JPEG weighs its luma, on gamma-encoded values.
uint8_t Luma(int r, int g, int b) {
  return static_cast<uint8_t>((299 * r + 587 * g + 114 * b + 500) / 1000);
}

// CMYK as libjpeg gives it to gray. Adobe's files store ink inverted (255
// is no ink); others store it as is.
uint8_t CmykToGray(const JSAMPLE* cmyk, bool inverted) {
  int c = cmyk[0], m = cmyk[1], y = cmyk[2], k = cmyk[3];
  if (!inverted) c = 255 - c, m = 255 - m, y = 255 - y, k = 255 - k;
  return Luma(c * k / 255, m * k / 255, y * k / 255);
}

// Decodes into `page` (allocated once the size is known). Only trivially
// destructible locals live in this frame, so the error jump skips nothing.
bool Decompress(std::string_view bytes, PageImage* page, char* message) {
  jpeg_decompress_struct cinfo;
  JpegErrors errors;
  cinfo.err = jpeg_std_error(&errors.mgr);
  errors.mgr.error_exit = OnJpegError;
  errors.mgr.emit_message = IgnoreJpegMessage;
  if (setjmp(errors.jump)) {
    std::memcpy(message, errors.message, JMSG_LENGTH_MAX);
    jpeg_destroy_decompress(&cinfo);
    return false;
  }
  jpeg_create_decompress(&cinfo);
  jpeg_mem_src(&cinfo, reinterpret_cast<const unsigned char*>(bytes.data()),
               static_cast<unsigned long>(bytes.size()));
  jpeg_read_header(&cinfo, TRUE);
  const bool cmyk =
      cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK;
  cinfo.out_color_space = cmyk ? JCS_CMYK : JCS_GRAYSCALE;
  jpeg_start_decompress(&cinfo);
  *page = GrayPage(static_cast<int>(cinfo.output_width),
                   static_cast<int>(cinfo.output_height));
  JSAMPLE* cmyk_row = nullptr;
  if (cmyk) {
    cmyk_row =
        (*cinfo.mem->alloc_sarray)(reinterpret_cast<j_common_ptr>(&cinfo),
                                   JPOOL_IMAGE, cinfo.output_width * 4, 1)[0];
  }
  while (cinfo.output_scanline < cinfo.output_height) {
    auto* out = reinterpret_cast<JSAMPLE*>(
        page->pixels.data() +
        static_cast<size_t>(cinfo.output_scanline) * page->width);
    if (!cmyk) {
      jpeg_read_scanlines(&cinfo, &out, 1);
      continue;
    }
    jpeg_read_scanlines(&cinfo, &cmyk_row, 1);
    for (JDIMENSION x = 0; x < cinfo.output_width; ++x) {
      out[x] = CmykToGray(cmyk_row + 4 * x, cinfo.saw_Adobe_marker);
    }
  }
  jpeg_finish_decompress(&cinfo);
  jpeg_destroy_decompress(&cinfo);
  return true;
}

// Reverses PNG's per-row filters in place. `rows` holds `height` rows of a
// filter-type byte and `row_bytes` bytes; `bpp` is the bytes of one pixel
// (at least 1). False for an unknown filter type.
bool Unfilter(unsigned char* rows, size_t height, size_t row_bytes,
              size_t bpp) {
  const std::string zeros(row_bytes, '\0');
  const auto* above = reinterpret_cast<const unsigned char*>(zeros.data());
  for (size_t y = 0; y < height; ++y) {
    unsigned char* row = rows + y * (row_bytes + 1);
    const int type = *row++;
    switch (type) {
      case 0:
        break;
      case 1:
        for (size_t x = bpp; x < row_bytes; ++x) row[x] += row[x - bpp];
        break;
      case 2:
        for (size_t x = 0; x < row_bytes; ++x) row[x] += above[x];
        break;
      case 3:
        for (size_t x = 0; x < bpp; ++x) row[x] += above[x] >> 1;
        for (size_t x = bpp; x < row_bytes; ++x) {
          row[x] += (row[x - bpp] + above[x]) >> 1;
        }
        break;
      case 4:
        for (size_t x = 0; x < bpp; ++x) row[x] += above[x];
        for (size_t x = bpp; x < row_bytes; ++x) {
          const int a = row[x - bpp], b = above[x], c = above[x - bpp];
          const int pa = std::abs(b - c), pb = std::abs(a - c),
                    pc = std::abs(a + b - 2 * c);
          row[x] += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        }
        break;
      default:
        return false;
    }
    above = row;
  }
  return true;
}

// The PNG a scanner writes (8-bit gray or RGB, or 1-bit gray; not
// interlaced; no transparency, palette or colour profile to apply), decoded
// without libpng: libdeflate inflates the image data ~2.4x faster than zlib,
// and the whole decode of a 300-dpi page takes half libpng's time (~35 of
// ~72 ms). Anything else, a checksum that does not match included, is
// nullopt: libpng then decodes the file or says what is wrong with it.
std::optional<PageImage> DecodePlainPng(std::string_view bytes) {
  constexpr std::string_view kSignature = "\x89PNG\r\n\x1a\n";
  if (bytes.substr(0, kSignature.size()) != kSignature) return std::nullopt;
  uint32_t width = 0, height = 0;
  int depth = 0, color = -1;
  std::vector<std::string_view> idat;  // the image data's chunks
  int chunks = 0;
  bool plain = true, ended = false;
  WalkPng(bytes, [&](std::string_view type, size_t at, uint32_t length) {
    const std::string_view body = bytes.substr(at, length);
    const bool critical = type == "IHDR" || type == "IDAT";
    if (critical &&
        libdeflate_crc32(libdeflate_crc32(0, type.data(), 4), body.data(),
                         body.size()) != Be32(bytes, at + length)) {
      return plain = false;
    }
    if (type == "IHDR") {
      if (chunks != 0 || length != 13) return plain = false;
      width = Be32(body, 0);
      height = Be32(body, 4);
      depth = static_cast<unsigned char>(body[8]);
      color = static_cast<unsigned char>(body[9]);
      const bool interlaced = body[12] != 0;
      plain = ((color == 0 && (depth == 8 || depth == 1)) ||
               (color == 2 && depth == 8)) &&
              !interlaced && body[10] == 0 && body[11] == 0;
    } else if (chunks == 0) {
      plain = false;
    } else if (type == "IDAT") {
      idat.push_back(body);
    } else if (type == "IEND") {
      ended = true;
      return false;
    } else if (type == "tRNS" || type == "iCCP" ||
               (type == "gAMA" && (length != 4 || Be32(body, 0) != 45455))) {
      // Transparency to put on paper, or a gamma other than sRGB's
      // (1/2.2, 45455) to convert: libpng does that.
      plain = false;
    }
    ++chunks;
    return plain;
  });
  if (!plain || !ended) return std::nullopt;
  std::string joined;  // when the data is in more than one chunk
  if (idat.size() > 1) {
    for (std::string_view part : idat) joined += part;
  }
  const std::string_view data = idat.size() == 1 ? idat[0] : joined;
  if (width == 0 || height == 0 || width > (1u << 24) || height > (1u << 24)) {
    return std::nullopt;
  }
  const size_t bpp = color == 2 ? 3 : 1;
  const size_t row_bytes = depth == 1 ? (width + 7) / 8 : width * bpp;
  std::string rows(height * (row_bytes + 1), '\0');
  libdeflate_decompressor* inflater = libdeflate_alloc_decompressor();
  if (inflater == nullptr) return std::nullopt;
  const libdeflate_result inflated = libdeflate_zlib_decompress(
      inflater, data.data(), data.size(), rows.data(), rows.size(), nullptr);
  libdeflate_free_decompressor(inflater);
  auto* raw = reinterpret_cast<unsigned char*>(rows.data());
  if (inflated != LIBDEFLATE_SUCCESS ||
      !Unfilter(raw, height, row_bytes, bpp)) {
    return std::nullopt;
  }
  PageImage page;
  page.width = static_cast<int>(width);
  page.height = static_cast<int>(height);
  page.channels = 1;
  if (color == 0 && depth == 8) {
    // Drop each row's filter byte, in place.
    for (size_t y = 0; y < height; ++y) {
      std::memmove(raw + y * width, raw + y * (width + 1) + 1, width);
    }
    rows.resize(size_t{width} * height);
    page.pixels = std::move(rows);
    return page;
  }
  page.pixels.resize(size_t{width} * height);
  auto* out = reinterpret_cast<unsigned char*>(page.pixels.data());
  for (size_t y = 0; y < height; ++y, out += width) {
    const unsigned char* in = raw + y * (row_bytes + 1) + 1;
    if (depth == 1) {
      for (size_t x = 0; x < width; ++x) {
        out[x] = (in[x / 8] >> (7 - x % 8)) & 1 ? 255 : 0;
      }
    } else {
      for (size_t x = 0; x < width; ++x, in += 3) {
        out[x] = Luma(in[0], in[1], in[2]);
      }
    }
  }
  return page;
}

// ocr/pix_util.h has the same owner, but capture does not depend on ocr.
struct PixFree {
  void operator()(PIX* p) const { pixDestroy(&p); }
};
using Pix = std::unique_ptr<PIX, PixFree>;

// Leptonica prints its errors; ours are Statuses.
void QuietLeptonica() {
  static std::once_flag once;
  std::call_once(once, [] { leptSetStderrHandler([](const char*) {}); });
}

}  // namespace

Result<PageImage> DecodePngGray(std::string_view bytes) {
  if (std::optional<PageImage> plain = DecodePlainPng(bytes)) {
    return std::move(*plain);
  }
  png_image image;
  std::memset(&image, 0, sizeof(image));
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&image, bytes.data(), bytes.size())) {
    return Status::Corrupt(std::string("cannot decode PNG: ") + image.message);
  }
  // Color is read as RGB and weighed as JPEG's luma is (libpng's own gray
  // weighs linear light, which turns red ink into a mid gray).
  const bool color = (image.format & PNG_FORMAT_FLAG_COLOR) != 0;
  image.format = color ? PNG_FORMAT_RGB : PNG_FORMAT_GRAY;
  PageImage page =
      GrayPage(static_cast<int>(image.width), static_cast<int>(image.height));
  std::string rgb;
  if (color) rgb.resize(PNG_IMAGE_SIZE(image));
  const png_color paper = {255, 255, 255};
  if (!png_image_finish_read(&image, &paper,
                             color ? rgb.data() : page.pixels.data(), 0,
                             nullptr)) {
    std::string why = image.message;
    png_image_free(&image);
    return Status::Corrupt("cannot decode PNG: " + why);
  }
  if (color) {
    const auto* in = reinterpret_cast<const uint8_t*>(rgb.data());
    for (size_t i = 0; i < page.pixels.size(); ++i, in += 3) {
      page.pixels[i] = static_cast<char>(Luma(in[0], in[1], in[2]));
    }
  }
  return page;
}

Result<PageImage> DecodeJpegGray(std::string_view bytes) {
  PageImage page;
  char message[JMSG_LENGTH_MAX] = {};
  if (!Decompress(bytes, &page, message)) {
    return Status::Corrupt(std::string("cannot decode JPEG: ") + message);
  }
  return page;
}

Result<PageImage> DecodeBmpGray(std::string_view bytes) {
  QuietLeptonica();
  Pix pix(pixReadMemBmp(reinterpret_cast<const l_uint8*>(bytes.data()),
                        bytes.size()));
  if (!pix) return Status::Corrupt("cannot decode BMP (damaged file)");
  if (pixGetColormap(pix.get()) != nullptr) {
    pix.reset(pixRemoveColormap(pix.get(), REMOVE_CMAP_BASED_ON_SRC));
  }
  if (pix && pixGetDepth(pix.get()) == 32) {
    pix.reset(pixConvertRGBToGray(pix.get(), 0.299f, 0.587f, 0.114f));
  } else if (pix && pixGetDepth(pix.get()) != 8) {
    pix.reset(pixConvertTo8(pix.get(), 0));
  }
  if (!pix) return Status::Corrupt("cannot decode BMP (unsupported depth)");
  PageImage page = GrayPage(pixGetWidth(pix.get()), pixGetHeight(pix.get()));
  const l_uint32* data = pixGetData(pix.get());
  const int wpl = pixGetWpl(pix.get());
  for (int y = 0; y < page.height; ++y) {
    const l_uint32* line = data + static_cast<size_t>(y) * wpl;
    char* out = page.pixels.data() + static_cast<size_t>(y) * page.width;
    for (int x = 0; x < page.width; ++x) {
      out[x] = static_cast<char>(GET_DATA_BYTE(line, x));
    }
  }
  return page;
}

}  // namespace intake::capture
