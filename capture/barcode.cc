// Placeholder until the barcode reader lands (branch pdfbar).
#include "capture/barcode.h"

namespace intake::capture {

std::vector<Barcode> ReadBarcodes(const PageImage&) { return {}; }

}  // namespace intake::capture
