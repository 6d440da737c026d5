// Every page of a PDF as a gray page image, through poppler-cpp.
//
// A scanned page is rendered at the resolution of its scan: the pixel size of
// the page's largest image against the page size in points, clamped to
// [150, 600] dpi; a page without a scan image renders at 300 dpi. A page that
// already carries text (typed PDF text, or another tool's invisible OCR layer)
// comes with that text and its word boxes in the rendered image's pixels, so
// the caller may skip OCR. Encrypted, damaged, truncated and oversized files
// give a non-OK Status with one line a person can act on; poppler's own
// complaints never reach stderr. Thread-safe.
#ifndef INTAKE_CAPTURE_PDF_DECODE_H_
#define INTAKE_CAPTURE_PDF_DECODE_H_

#include <string_view>
#include <vector>

#include "capture/decode.h"

namespace intake::capture {

inline constexpr int kPdfMinDpi = 150;
inline constexpr int kPdfMaxDpi = 600;
inline constexpr int kPdfVectorDpi = 300;  // pages without a scan image

Result<std::vector<PageImage>> DecodePdf(std::string_view bytes,
                                         const DecodeLimits& limits);

}  // namespace intake::capture

#endif  // INTAKE_CAPTURE_PDF_DECODE_H_
