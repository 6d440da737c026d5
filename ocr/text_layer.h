// A page whose file already carries its text (a PDF with a text layer, e.g.
// born-digital or OCR'd before): the text is kept as it is, not read again.
#ifndef INTAKE_OCR_TEXT_LAYER_H_
#define INTAKE_OCR_TEXT_LAYER_H_

#include "common/document.h"
#include "common/status.h"
#include "ocr/recognizer.h"

namespace intake::ocr {

// True when the page's text layer has enough words to stand for the page (a
// stray watermark or page number does not).
bool HasUsableTextLayer(const PageImage& image);

// The Page of a page with a text layer: its words (confidence 1), text, size
// and resolution; no rotation or skew (the file's text is upright). With
// `outputs`, the page image as JPEG (for the searchable PDF); no hOCR.
Result<Page> PageFromTextLayer(const PageImage& image, PageOutputs* outputs);

}  // namespace intake::ocr

#endif  // INTAKE_OCR_TEXT_LAYER_H_
