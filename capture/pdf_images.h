// The pixel size of the largest image on each page of a PDF, read from the
// file's objects (poppler-cpp has no image API and poppler's core headers are
// not packaged). Used to render a scanned page at the resolution it was
// scanned at.
//
// This is a small, lenient reader: it indexes objects by scanning the bytes
// (so damaged cross-reference tables do not matter), expands Flate object
// streams, walks the page tree with inherited /Resources, and looks at the
// /Width and /Height of image XObjects, including those inside form XObjects.
// It never decodes image data and never fails loudly: anything it cannot
// follow gives an empty answer and the caller falls back to a default.
// Thread-safe (no shared state).
#ifndef INTAKE_CAPTURE_PDF_IMAGES_H_
#define INTAKE_CAPTURE_PDF_IMAGES_H_

#include <string_view>
#include <vector>

namespace intake::capture {

struct PdfPageImage {
  int width = 0;  // pixels of the page's largest image; 0 when it has none
  int height = 0;
};

// One entry per page in page order, or an empty vector when the page tree
// could not be followed (or has more than max_pages pages).
std::vector<PdfPageImage> LargestImagePerPage(std::string_view bytes,
                                              int max_pages);

}  // namespace intake::capture

#endif  // INTAKE_CAPTURE_PDF_IMAGES_H_
