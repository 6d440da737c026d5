#include "capture/tiff_encode.h"

#include <tiffio.h>

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <memory>

namespace intake::capture {
namespace {

// The growing file libtiff writes into; `error` keeps its first complaint.
struct MemorySink {
  std::string bytes;
  toff_t offset = 0;
  std::string error;
};

tsize_t ReadProc(thandle_t h, tdata_t buf, tsize_t size) {
  auto* f = static_cast<MemorySink*>(h);
  if (f->offset >= f->bytes.size()) return 0;
  size_t n = std::min<size_t>(size, f->bytes.size() - f->offset);
  std::memcpy(buf, f->bytes.data() + f->offset, n);
  f->offset += n;
  return static_cast<tsize_t>(n);
}
tsize_t WriteProc(thandle_t h, tdata_t buf, tsize_t size) {
  auto* f = static_cast<MemorySink*>(h);
  if (size <= 0) return 0;
  if (f->offset + size > f->bytes.size()) f->bytes.resize(f->offset + size);
  std::memcpy(f->bytes.data() + f->offset, buf, size);
  f->offset += size;
  return size;
}
toff_t SeekProc(thandle_t h, toff_t off, int whence) {
  auto* f = static_cast<MemorySink*>(h);
  toff_t base = whence == SEEK_CUR   ? f->offset
                : whence == SEEK_END ? f->bytes.size()
                                     : 0;
  f->offset = base + off;
  return f->offset;
}
int CloseProc(thandle_t) { return 0; }
toff_t SizeProc(thandle_t h) {
  return static_cast<MemorySink*>(h)->bytes.size();
}
int MapProc(thandle_t, tdata_t*, toff_t*) { return 0; }
void UnmapProc(thandle_t, tdata_t, toff_t) {}

// Per-handle handlers (libtiff >= 4.5): returning 1 keeps the message from
// the process-wide handlers, which other code may have pointed elsewhere.
int CollectError(TIFF*, void* user, const char* module, const char* fmt,
                 va_list args) {
  auto* f = static_cast<MemorySink*>(user);
  if (f->error.empty()) {
    char text[256];
    std::vsnprintf(text, sizeof(text), fmt, args);
    f->error = std::string(module ? module : "libtiff") + ": " + text;
  }
  return 1;
}
int IgnoreWarning(TIFF*, void*, const char*, const char*, va_list) { return 1; }

struct TiffCloser {
  void operator()(TIFF* t) const { TIFFClose(t); }
};
struct OptionsFree {
  void operator()(TIFFOpenOptions* o) const { TIFFOpenOptionsFree(o); }
};

Status CheckPage(const PageImage& p, size_t index) {
  const std::string where = "page " + std::to_string(index + 1);
  if (p.width <= 0 || p.height <= 0 || p.width > 1'000'000 ||
      p.height > 1'000'000) {
    return Status::InvalidArgument(where + " has no valid size");
  }
  if (p.channels != 1 && p.channels != 3) {
    return Status::InvalidArgument(where + " has " +
                                   std::to_string(p.channels) +
                                   " channels; 1 (gray) or 3 (BGR) expected");
  }
  if (p.pixels.size() != static_cast<size_t>(p.width) * p.height * p.channels) {
    return Status::InvalidArgument(where + " has " +
                                   std::to_string(p.pixels.size()) +
                                   " bytes of pixels for its size");
  }
  return Status::Ok();
}

Status WritePage(TIFF* tif, const PageImage& p, size_t index, size_t count) {
  const bool color = p.channels == 3;
  TIFFSetField(tif, TIFFTAG_SUBFILETYPE, FILETYPE_PAGE);
  TIFFSetField(tif, TIFFTAG_PAGENUMBER, static_cast<uint16_t>(index),
               static_cast<uint16_t>(std::min<size_t>(count, 65535)));
  TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, static_cast<uint32_t>(p.width));
  TIFFSetField(tif, TIFFTAG_IMAGELENGTH, static_cast<uint32_t>(p.height));
  TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, 8);
  TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, p.channels);
  TIFFSetField(tif, TIFFTAG_PHOTOMETRIC,
               color ? PHOTOMETRIC_RGB : PHOTOMETRIC_MINISBLACK);
  TIFFSetField(tif, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
  TIFFSetField(tif, TIFFTAG_ORIENTATION, ORIENTATION_TOPLEFT);
  TIFFSetField(tif, TIFFTAG_COMPRESSION, COMPRESSION_ADOBE_DEFLATE);
  TIFFSetField(tif, TIFFTAG_PREDICTOR, PREDICTOR_HORIZONTAL);
  TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP, TIFFDefaultStripSize(tif, 0));
  if (p.dpi_x > 0 && p.dpi_y > 0) {
    TIFFSetField(tif, TIFFTAG_XRESOLUTION, static_cast<float>(p.dpi_x));
    TIFFSetField(tif, TIFFTAG_YRESOLUTION, static_cast<float>(p.dpi_y));
    TIFFSetField(tif, TIFFTAG_RESOLUTIONUNIT, RESUNIT_INCH);
  }
  const size_t stride = static_cast<size_t>(p.width) * p.channels;
  std::string row(stride, '\0');
  for (int y = 0; y < p.height; ++y) {
    std::memcpy(row.data(), p.pixels.data() + y * stride, stride);
    if (color) {
      for (size_t i = 0; i < stride; i += 3) std::swap(row[i], row[i + 2]);
    }
    if (TIFFWriteScanline(tif, row.data(), static_cast<uint32_t>(y), 0) != 1) {
      return Status::IOError("cannot write row " + std::to_string(y) +
                             " of page " + std::to_string(index + 1));
    }
  }
  if (TIFFWriteDirectory(tif) != 1) {
    return Status::IOError("cannot finish page " + std::to_string(index + 1));
  }
  return Status::Ok();
}

}  // namespace

Result<std::string> EncodeTiff(const std::vector<PageImage>& pages) {
  if (pages.empty()) {
    return Status::InvalidArgument("no pages to put in a TIFF file");
  }
  std::uint64_t raw_bytes = 0;
  for (size_t i = 0; i < pages.size(); ++i) {
    if (Status s = CheckPage(pages[i], i); !s.ok()) return s;
    raw_bytes += pages[i].pixels.size();
  }
  MemorySink sink;
  std::unique_ptr<TIFFOpenOptions, OptionsFree> opts(TIFFOpenOptionsAlloc());
  TIFFOpenOptionsSetErrorHandlerExtR(opts.get(), CollectError, &sink);
  TIFFOpenOptionsSetWarningHandlerExtR(opts.get(), IgnoreWarning, nullptr);
  // Classic TIFF offsets stop at 4 GiB; Deflate rarely grows data, so BigTIFF
  // is only needed when the raw pixels come near that.
  const char* mode = raw_bytes > (std::uint64_t{2} << 30) ? "w8" : "w";
  std::unique_ptr<TIFF, TiffCloser> tif(
      TIFFClientOpenExt("batch", mode, &sink, ReadProc, WriteProc, SeekProc,
                        CloseProc, SizeProc, MapProc, UnmapProc, opts.get()));
  if (!tif) {
    return Status::Internal(
        "cannot start a TIFF file" +
        (sink.error.empty() ? "" : " (" + sink.error + ")"));
  }
  for (size_t i = 0; i < pages.size(); ++i) {
    Status s = WritePage(tif.get(), pages[i], i, pages.size());
    if (!s.ok()) {
      return Status::IOError(
          s.message() + (sink.error.empty() ? "" : " (" + sink.error + ")"));
    }
  }
  tif.reset();  // TIFFClose flushes the last directory
  if (!sink.error.empty()) {
    return Status::IOError("cannot write TIFF (" + sink.error + ")");
  }
  return std::move(sink.bytes);
}

}  // namespace intake::capture
