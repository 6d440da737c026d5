#include "capture/tiff_decode.h"

#include <tiffio.h>

#include <cmath>
#include <cstdarg>
#include <cstring>
#include <memory>
#include <mutex>

namespace intake::capture {
namespace {

// libtiff reads through these callbacks; `error` collects its first complaint.
struct MemoryFile {
  std::string_view bytes;
  toff_t offset = 0;
  std::string error;
};

tsize_t ReadProc(thandle_t h, tdata_t buf, tsize_t size) {
  auto* f = static_cast<MemoryFile*>(h);
  if (f->offset >= f->bytes.size()) return 0;
  size_t n = std::min<size_t>(size, f->bytes.size() - f->offset);
  std::memcpy(buf, f->bytes.data() + f->offset, n);
  f->offset += n;
  return static_cast<tsize_t>(n);
}
tsize_t WriteProc(thandle_t, tdata_t, tsize_t) { return 0; }
toff_t SeekProc(thandle_t h, toff_t off, int whence) {
  auto* f = static_cast<MemoryFile*>(h);
  toff_t base = whence == SEEK_CUR   ? f->offset
                : whence == SEEK_END ? f->bytes.size()
                                     : 0;
  f->offset = base + off;
  return f->offset;
}
int CloseProc(thandle_t) { return 0; }
toff_t SizeProc(thandle_t h) {
  return static_cast<MemoryFile*>(h)->bytes.size();
}
int MapProc(thandle_t, tdata_t*, toff_t*) { return 0; }
void UnmapProc(thandle_t, tdata_t, toff_t) {}

void CollectError(thandle_t h, const char* module, const char* fmt,
                  va_list args) {
  // Called for errors of handles opened by TIFFClientOpen, with our
  // MemoryFile as the handle; errors before open come with a null handle.
  if (h == nullptr) return;
  auto* f = static_cast<MemoryFile*>(h);
  if (!f->error.empty()) return;
  char text[256];
  std::vsnprintf(text, sizeof(text), fmt, args);
  f->error = std::string(module ? module : "libtiff") + ": " + text;
}

void InstallHandlersOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    TIFFSetErrorHandler(nullptr);    // no stray lines on stderr
    TIFFSetWarningHandler(nullptr);  // warnings (unknown tags) are noise
    TIFFSetErrorHandlerExt(CollectError);
  });
}

struct TiffCloser {
  void operator()(TIFF* t) const { TIFFClose(t); }
};

int Dpi(TIFF* tif, ttag_t tag) {
  float res = 0;
  uint16_t unit = RESUNIT_INCH;
  if (TIFFGetField(tif, tag, &res) != 1 || !(res > 0) || res > 10000) return 0;
  TIFFGetFieldDefaulted(tif, TIFFTAG_RESOLUTIONUNIT, &unit);
  if (unit == RESUNIT_CENTIMETER)
    return static_cast<int>(std::lround(res * 2.54));
  if (unit == RESUNIT_INCH) return static_cast<int>(std::lround(res));
  return 0;  // RESUNIT_NONE: an aspect ratio, not a resolution
}

}  // namespace

Result<std::vector<PageImage>> DecodeTiff(std::string_view bytes,
                                          const DecodeLimits& limits) {
  InstallHandlersOnce();
  MemoryFile file{bytes};
  std::unique_ptr<TIFF, TiffCloser> tif(
      TIFFClientOpen("input", "rm", &file, ReadProc, WriteProc, SeekProc,
                     CloseProc, SizeProc, MapProc, UnmapProc));
  if (!tif) {
    return Status::Corrupt("cannot read TIFF" +
                           (file.error.empty() ? "" : " (" + file.error + ")"));
  }
  std::vector<PageImage> pages;
  do {
    if (static_cast<int>(pages.size()) >= limits.max_pages) {
      return Status::Unsupported("TIFF has more than " +
                                 std::to_string(limits.max_pages) + " pages");
    }
    uint32_t w = 0, h = 0;
    TIFFGetField(tif.get(), TIFFTAG_IMAGEWIDTH, &w);
    TIFFGetField(tif.get(), TIFFTAG_IMAGELENGTH, &h);
    const std::string where = "TIFF page " + std::to_string(pages.size() + 1);
    if (w == 0 || h == 0) return Status::Corrupt(where + " has no size");
    if (static_cast<std::int64_t>(w) * h > limits.max_pixels_per_page) {
      return Status::Unsupported(where + " of " + std::to_string(w) + "x" +
                                 std::to_string(h) +
                                 " pixels is larger than the page limit");
    }
    std::vector<uint32_t> raster(static_cast<size_t>(w) * h);
    if (TIFFReadRGBAImageOriented(tif.get(), w, h, raster.data(),
                                  ORIENTATION_TOPLEFT, 0) != 1) {
      return Status::Corrupt(
          where + " cannot be decoded" +
          (file.error.empty() ? "" : " (" + file.error + ")"));
    }
    if (!file.error.empty()) {
      // libtiff filled what it could not read (a truncated strip) and said so.
      return Status::Corrupt(where + " is damaged (" + file.error + ")");
    }
    PageImage page;
    page.width = static_cast<int>(w);
    page.height = static_cast<int>(h);
    page.dpi_x = Dpi(tif.get(), TIFFTAG_XRESOLUTION);
    page.dpi_y = Dpi(tif.get(), TIFFTAG_YRESOLUTION);
    page.pixels.resize(raster.size());
    for (size_t i = 0; i < raster.size(); ++i) {
      uint32_t p = raster[i];
      // ITU-R BT.601 luma, integer: (77 R + 150 G + 29 B) / 256.
      page.pixels[i] = static_cast<char>(
          (77 * TIFFGetR(p) + 150 * TIFFGetG(p) + 29 * TIFFGetB(p)) >> 8);
    }
    pages.push_back(std::move(page));
  } while (TIFFReadDirectory(tif.get()) == 1);
  if (!file.error.empty()) {
    // A damaged directory after the last good page: refuse the whole file
    // rather than silently dropping the pages we could not reach.
    return Status::Corrupt("TIFF is damaged after page " +
                           std::to_string(pages.size()) + " (" + file.error +
                           ")");
  }
  return pages;
}

}  // namespace intake::capture
