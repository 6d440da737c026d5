#include "ocr/recognizer.h"

#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>
#include <tesseract/resultiterator.h>

#include <cmath>
#include <cstring>

#include "ocr/cleanup.h"
#include "ocr/pix_util.h"

namespace intake::ocr {
namespace {

// Strings and iterators Tesseract hands out are the caller's to free.
using TessText = std::unique_ptr<char[]>;

}  // namespace

struct Recognizer::Engine {
  tesseract::TessBaseAPI api;
};

Recognizer::Recognizer(const OcrOptions& options)
    : options_(options), engine_(std::make_unique<Engine>()) {}

Recognizer::~Recognizer() {
  if (engine_) engine_->api.End();
}

Result<std::unique_ptr<Recognizer>> Recognizer::Create(
    const OcrOptions& options) {
  std::unique_ptr<Recognizer> r(new Recognizer(options));
  tesseract::TessBaseAPI& api = r->engine_->api;
  const char* datapath =
      options.tessdata_dir.empty() ? nullptr : options.tessdata_dir.c_str();
  if (api.Init(datapath, options.language.c_str(), tesseract::OEM_LSTM_ONLY) !=
      0) {
    return Status::Unavailable("Tesseract cannot load language '" +
                               options.language + "' (install tesseract-ocr-" +
                               options.language + ", or run scripts/setup)");
  }
  // Tesseract's diagnostics ("Estimating resolution as ...") are not for
  // users; our own errors carry what matters.
  api.SetVariable("debug_file", "/dev/null");
  api.SetPageSegMode(tesseract::PSM_AUTO);
  return r;
}

Result<Page> Recognizer::Recognize(const PageImage& image) {
  if (image.width <= 0 || image.height <= 0 ||
      image.pixels.size() !=
          static_cast<size_t>(image.width) * image.height * image.channels) {
    return Status::Corrupt("page image has inconsistent size");
  }
  const int type = image.channels == 3 ? CV_8UC3 : CV_8UC1;
  cv::Mat input(image.height, image.width, type,
                const_cast<char*>(image.pixels.data()));
  PreparedPage prepared = PreparePage(input, image.dpi_x, image.dpi_y);

  // Sizes and boxes are those of the upright, level page at the captured
  // resolution, whatever we resampled to for reading.
  const double to_page = 1.0 / prepared.scale;
  Page page;
  page.width = static_cast<int>(std::lround(prepared.gray.cols * to_page));
  page.height = static_cast<int>(std::lround(prepared.gray.rows * to_page));
  page.dpi = prepared.dpi;
  page.blank = prepared.blank;
  page.rotation = prepared.geometry.rotation;
  page.skew_deg = prepared.geometry.skew_deg;
  if (page.blank) return page;  // nothing to read; kept, flagged, not dropped

  PixPtr pix = ToPix(prepared.gray, prepared.dpi);
  if (!pix) return Status::Internal("cannot allocate the page image");
  tesseract::TessBaseAPI& api = engine_->api;
  api.SetImage(pix.get());  // copies the image
  if (prepared.dpi > 0) api.SetSourceResolution(prepared.dpi);

  tesseract::ETEXT_DESC monitor;
  monitor.set_deadline_msecs(options_.page_timeout_s * 1000);
  const int rc = api.Recognize(&monitor);
  if (monitor.deadline_exceeded()) {
    api.Clear();
    return Status::Unavailable("recognition timed out after " +
                               std::to_string(options_.page_timeout_s) + " s");
  }
  if (rc != 0) {
    api.Clear();
    return Status::Internal("Tesseract could not recognise the page");
  }
  if (page.dpi == 0) page.dpi = api.GetSourceYResolution();

  TessText text(api.GetUTF8Text());
  if (text) page.text = text.get();
  std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
  double confidence_sum = 0;
  if (it) {
    do {
      TessText word(it->GetUTF8Text(tesseract::RIL_WORD));
      if (!word || word[0] == '\0') continue;
      int l, t, r, b;
      it->BoundingBox(tesseract::RIL_WORD, &l, &t, &r, &b);
      Word w;
      w.text = word.get();
      w.x = static_cast<int>(std::lround(l * to_page));
      w.y = static_cast<int>(std::lround(t * to_page));
      w.w = static_cast<int>(std::lround((r - l) * to_page));
      w.h = static_cast<int>(std::lround((b - t) * to_page));
      w.confidence =
          std::clamp(it->Confidence(tesseract::RIL_WORD) / 100.0f, 0.0f, 1.0f);
      confidence_sum += w.confidence;
      page.words.push_back(std::move(w));
    } while (it->Next(tesseract::RIL_WORD));
  }
  if (!page.words.empty())
    page.ocr_confidence = confidence_sum / page.words.size();
  api.Clear();
  return page;
}

}  // namespace intake::ocr
