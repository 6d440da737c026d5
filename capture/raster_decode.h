// PNG, JPEG and BMP decoding to 8-bit gray, straight through libpng, libjpeg
// and Leptonica (a scanner's plain PNG: its chunks and row filters read here,
// its data inflated by libdeflate, in half libpng's time). OpenCV's imgcodecs
// would do it too, but it loads ~140 shared libraries (GDAL, GDCM, OpenEXR,
// ...): 0.12 s of start-up for every intake command, and decoders for formats a
// records pipeline never accepts in a process that holds patient data. Nothing
// is printed; every failure is a Status with a one-line message. Thread-safe.
#ifndef INTAKE_CAPTURE_RASTER_DECODE_H_
#define INTAKE_CAPTURE_RASTER_DECODE_H_

#include <string_view>

#include "common/document.h"
#include "common/status.h"

namespace intake::capture {

// Any PNG (gray, palette, RGB, with alpha, 1 to 16 bits): transparent areas
// become white paper.
Result<PageImage> DecodePngGray(std::string_view bytes);

// Baseline and progressive JPEG, gray, YCbCr, RGB or CMYK.
Result<PageImage> DecodeJpegGray(std::string_view bytes);

// Windows bitmaps (Leptonica's reader).
Result<PageImage> DecodeBmpGray(std::string_view bytes);

}  // namespace intake::capture

#endif  // INTAKE_CAPTURE_RASTER_DECODE_H_
