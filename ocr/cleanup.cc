#include "ocr/cleanup.h"

#include <opencv2/imgproc.hpp>

namespace intake::ocr {

bool IsBlank(const cv::Mat& gray, double ink_fraction) {
  // Ignore a 5% margin: scanner edges and punched holes are not content.
  const int mx = gray.cols / 20, my = gray.rows / 20;
  cv::Mat inner =
      gray(cv::Rect(mx, my, gray.cols - 2 * mx, gray.rows - 2 * my));
  if (inner.empty()) return true;
  cv::Mat small;
  // Blankness needs no detail: a quarter-size image is 16x cheaper.
  cv::resize(inner, small, cv::Size(), 0.25, 0.25, cv::INTER_AREA);
  if (small.empty()) small = inner;
  // Ink is what is clearly darker than mid-gray; gray paper and faint
  // bleed-through stay above it.
  cv::Mat ink = small < 128;
  return cv::countNonZero(ink) < ink_fraction * small.total();
}

PreparedPage PreparePage(const cv::Mat& input, int dpi_x, int dpi_y,
                         int target_dpi) {
  PreparedPage out;
  if (input.channels() == 3) {
    cv::cvtColor(input, out.gray, cv::COLOR_BGR2GRAY);
  } else {
    out.gray = input;
  }
  if (dpi_x <= 0 || dpi_y <= 0) {
    dpi_x = dpi_y = std::max(dpi_x, dpi_y);
  }
  if (dpi_x > 0 && dpi_x < 1200) {
    // Square the pixels at the larger resolution, and bring low-resolution
    // scans up to the size Tesseract's models were trained at.
    int dpi = std::max(dpi_x, dpi_y);
    if (dpi < target_dpi * 2 / 3) dpi = target_dpi;
    out.scale_x = static_cast<double>(dpi) / dpi_x;
    out.scale_y = static_cast<double>(dpi) / dpi_y;
    if (out.scale_x != 1 || out.scale_y != 1) {
      cv::Mat resized;
      cv::resize(out.gray, resized, cv::Size(), out.scale_x, out.scale_y,
                 cv::INTER_CUBIC);
      out.gray = resized;
    }
    out.dpi = dpi;
  }
  out.blank = IsBlank(out.gray);
  return out;
}

}  // namespace intake::ocr
