// Image clean-up before recognition (OpenCV). Plain functions over gray
// images; thread-safe. cv::Mat stays inside ocr/.
#ifndef INTAKE_OCR_CLEANUP_H_
#define INTAKE_OCR_CLEANUP_H_

#include <opencv2/core.hpp>

namespace intake::ocr {

struct PreparedPage {
  cv::Mat gray;        // 8-bit, 1 channel, at `dpi` (square pixels)
  double scale_x = 1;  // prepared pixels per captured pixel
  double scale_y = 1;
  int dpi = 0;  // 0 when unknown (Tesseract then estimates it)
  bool blank = false;
};

// Converts to gray, makes pixels square (fax 204x98 dpi), resamples pages
// scanned below `target_dpi` * 2/3 up to `target_dpi`, and flags pages with
// almost no ink as blank.
PreparedPage PreparePage(const cv::Mat& input, int dpi_x, int dpi_y,
                         int target_dpi);

// True when less than `ink_fraction` of the page (borders excluded) is dark:
// a duplex back or an empty separator side.
bool IsBlank(const cv::Mat& gray, double ink_fraction = 0.002);

}  // namespace intake::ocr

#endif  // INTAKE_OCR_CLEANUP_H_
