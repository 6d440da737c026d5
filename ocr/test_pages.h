// Pages the ocr tests make for themselves.
#ifndef INTAKE_OCR_TEST_PAGES_H_
#define INTAKE_OCR_TEST_PAGES_H_

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

namespace intake::ocr {

// A 300-dpi letter page of random black dots of two by two pixels on a
// tenth of it: what a damaged PDF's image stream decodes to.
inline cv::Mat PageOfDots() {
  cv::Mat dots(1650, 1275, CV_8UC1);
  cv::randu(dots, 0, 100);
  cv::resize(dots >= 10, dots, cv::Size(2550, 3300), 0, 0, cv::INTER_NEAREST);
  return dots;
}

}  // namespace intake::ocr

#endif  // INTAKE_OCR_TEST_PAGES_H_
