#include "ocr/pix_util.h"

#include <gtest/gtest.h>

#include <opencv2/core.hpp>

namespace intake::ocr {
namespace {

// Every pixel of a 1 bpp Pix is the mask's, at widths that end inside a
// 32-pixel word and on one, ink being any non-zero byte.
TEST(ToPix1, KeepsEveryPixel) {
  cv::RNG rng(7);
  for (const int cols : {1, 31, 32, 33, 77, 96}) {
    cv::Mat mask(5, cols, CV_8UC1);
    rng.fill(mask, cv::RNG::UNIFORM, 0, 4);  // 0 (paper) or 1-3 (ink)
    PixPtr pix = ToPix1(mask);
    ASSERT_TRUE(pix);
    ASSERT_EQ(pixGetWidth(pix.get()), cols);
    for (int y = 0; y < mask.rows; ++y) {
      for (int x = 0; x < cols; ++x) {
        l_uint32 v = 0;
        pixGetPixel(pix.get(), x, y, &v);
        EXPECT_EQ(v, mask.at<uint8_t>(y, x) != 0 ? 1u : 0u)
            << "pixel " << x << "," << y << " of a " << cols << "-wide mask";
      }
    }
  }
}

}  // namespace
}  // namespace intake::ocr
