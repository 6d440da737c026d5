// BuildSearchablePdf: a PDF of page images with an invisible text layer, so
// that a scanned document can be searched, selected and copied in any
// viewer. Pure byte assembly (no PDF library); thread-safe.
#ifndef INTAKE_OCR_SEARCHABLE_PDF_H_
#define INTAKE_OCR_SEARCHABLE_PDF_H_

#include <string>
#include <vector>

#include "common/document.h"
#include "common/status.h"

namespace intake::ocr {

struct PdfPage {
  std::string jpeg;  // baseline JPEG (8-bit gray or RGB) of the upright page
  int width = 0;     // the JPEG's size in pixels
  int height = 0;
  int dpi = 300;            // its resolution: sets the PDF page size
  std::vector<Word> words;  // boxes in the JPEG's pixels, origin top-left
};

// One PDF (version 1.4) with a page per PdfPage, in order. Words are drawn
// invisibly (text render mode 3) in Helvetica over their boxes, stretched to
// the box width; characters outside Windows-1252 become '?'. InvalidArgument
// when a page has no image or a non-positive size or dpi.
Result<std::string> BuildSearchablePdf(const std::vector<PdfPage>& pages);

}  // namespace intake::ocr

#endif  // INTAKE_OCR_SEARCHABLE_PDF_H_
