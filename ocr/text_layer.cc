#include "ocr/text_layer.h"

#include <opencv2/imgproc.hpp>

#include "ocr/pix_util.h"

namespace intake::ocr {
namespace {

// Fewer words than this is a label or watermark, not the page's text.
constexpr size_t kMinWords = 5;

}  // namespace

bool HasUsableTextLayer(const PageImage& image) {
  return image.text_layer && image.text_layer->words.size() >= kMinWords;
}

Result<Page> PageFromTextLayer(const PageImage& image, PageOutputs* outputs) {
  if (!image.text_layer) return Status::InvalidArgument("page has no text");
  if (image.width <= 0 || image.height <= 0 ||
      image.pixels.size() !=
          static_cast<size_t>(image.width) * image.height * image.channels) {
    return Status::Corrupt("page image has inconsistent size");
  }
  Page page;
  page.width = image.width;
  page.height = image.height;
  page.dpi = image.dpi_x > 0 ? image.dpi_x : 300;
  page.text = image.text_layer->text;
  page.words = image.text_layer->words;
  page.ocr_confidence = page.words.empty() ? 0 : 1;
  if (outputs != nullptr) {
    const cv::Mat pixels(image.height, image.width,
                         image.channels == 3 ? CV_8UC3 : CV_8UC1,
                         const_cast<char*>(image.pixels.data()));
    cv::Mat gray = pixels;
    if (image.channels == 3) cv::cvtColor(pixels, gray, cv::COLOR_BGR2GRAY);
    outputs->jpeg = EncodeJpeg(gray, kJpegQuality);
    outputs->dpi = page.dpi;
    outputs->hocr.clear();
  }
  return page;
}

}  // namespace intake::ocr
