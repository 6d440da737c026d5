// Placeholder until the barcode reader lands (branch pdfbar): the value type.
#ifndef INTAKE_CAPTURE_BARCODE_H_
#define INTAKE_CAPTURE_BARCODE_H_

#include <string>
#include <vector>

#include "common/document.h"

namespace intake::capture {

struct Barcode {
  std::string format;
  std::string text;
};

std::vector<Barcode> ReadBarcodes(const PageImage& page);

}  // namespace intake::capture

#endif  // INTAKE_CAPTURE_BARCODE_H_
