// RAII for Leptonica images and conversions from OpenCV. Internal to ocr/.
#ifndef INTAKE_OCR_PIX_UTIL_H_
#define INTAKE_OCR_PIX_UTIL_H_

#include <leptonica/allheaders.h>

#include <memory>
#include <opencv2/core.hpp>
#include <string>

namespace intake::ocr {

struct PixDeleter {
  void operator()(Pix* p) const { pixDestroy(&p); }
};
// Every Pix we hold is owned by one of these (pixClone only bumps a count:
// each handle still needs its own pixDestroy).
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

// Copies an 8-bit gray cv::Mat into a new 8 bpp Pix; null on allocation
// failure.
PixPtr ToPix(const cv::Mat& gray, int dpi = 0);

// A 1 bpp Pix of `binary` (non-zero = ink).
PixPtr ToPix1(const cv::Mat& binary);

// The quality of the page images kept in the archive and in the searchable
// PDF (one value for both readers of the page image).
constexpr int kJpegQuality = 60;

// A baseline gray JPEG of `gray` at `quality` (1-100); empty on failure.
std::string EncodeJpeg(const cv::Mat& gray, int quality);

}  // namespace intake::ocr

#endif  // INTAKE_OCR_PIX_UTIL_H_
