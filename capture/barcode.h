// Barcodes on a page, through zxing-cpp: separator sheets (Code 39/128 or QR
// carrying a "SEPARATOR"-style value) and patient labels (an MRN as Code
// 128/39 or QR) through zxing-cpp; Kodak patch codes (PATCH-T and friends,
// capture/patch_code.h) by our own reader, as format "PATCH-T" with no text.
//
// Thread-safe: no shared state; zxing-cpp's reader keeps its state per call.
#ifndef INTAKE_CAPTURE_BARCODE_H_
#define INTAKE_CAPTURE_BARCODE_H_

#include <string>
#include <vector>

#include "common/document.h"

namespace intake::capture {

struct Barcode {
  // "Code39", "Code93", "Code128", "Codabar", "ITF", "EAN8", "EAN13", "UPCA",
  // "UPCE", "DataBar", "DataBarExpanded", "QRCode", "MicroQRCode",
  // "DataMatrix", "PDF417", "Aztec", "MaxiCode"; "PATCH-1", "PATCH-2",
  // "PATCH-3", "PATCH-4", "PATCH-6", "PATCH-T".
  std::string format;
  std::string text;  // UTF-8
};

// All barcodes found on a page (gray or BGR), in any of the four quarter
// turns, each (format, text) once, top of the page first, patch codes last.
// A page without a
// readable barcode, or an empty or malformed image, gives none.
std::vector<Barcode> ReadBarcodes(const PageImage& page);

}  // namespace intake::capture

#endif  // INTAKE_CAPTURE_BARCODE_H_
