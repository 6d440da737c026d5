#include "ocr/cleanup.h"

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

namespace intake::ocr {
namespace {

cv::Mat PageWithText(int w, int h) {
  cv::Mat m(h, w, CV_8UC1, cv::Scalar(255));
  for (int line = 0; line < 10; ++line) {
    cv::putText(m, "Patient Registration Form 2026",
                cv::Point(w / 10, h / 8 + line * h / 14),
                cv::FONT_HERSHEY_SIMPLEX, w / 1200.0, cv::Scalar(0), 2);
  }
  return m;
}

TEST(CleanupTest, WhiteAndGrayPaperAreBlank) {
  EXPECT_TRUE(IsBlank(cv::Mat(3300, 2550, CV_8UC1, cv::Scalar(255))));
  EXPECT_TRUE(IsBlank(cv::Mat(3300, 2550, CV_8UC1, cv::Scalar(190))));
}

TEST(CleanupTest, SpeckledBackIsBlankButTextIsNot) {
  cv::Mat speckled(3300, 2550, CV_8UC1, cv::Scalar(250));
  cv::RNG rng(7);
  for (int i = 0; i < 300; ++i) {
    cv::circle(speckled, cv::Point(rng.uniform(0, 2550), rng.uniform(0, 3300)),
               2, cv::Scalar(0), cv::FILLED);
  }
  EXPECT_TRUE(IsBlank(speckled));
  EXPECT_FALSE(IsBlank(PageWithText(2550, 3300)));
}

TEST(CleanupTest, LowResolutionIsResampledAndFaxPixelsSquared) {
  cv::Mat page = PageWithText(850, 1100);  // letter at 100 dpi
  PreparedPage p = PreparePage(page, 100, 100, 300);
  EXPECT_EQ(p.dpi, 300);
  EXPECT_DOUBLE_EQ(p.scale_x, 3.0);
  EXPECT_EQ(p.gray.cols, 2550);
  EXPECT_FALSE(p.blank);

  cv::Mat fax = PageWithText(1728, 1100);  // 204 x 98 dpi
  PreparedPage f = PreparePage(fax, 204, 98, 300);
  EXPECT_EQ(f.dpi, 204);
  EXPECT_NEAR(f.gray.rows, 1100 * 204.0 / 98, 1.0);
  EXPECT_EQ(f.gray.cols, 1728);
}

TEST(CleanupTest, UnknownResolutionIsLeftAlone) {
  cv::Mat page = PageWithText(640, 480);
  PreparedPage p = PreparePage(page, 0, 0, 300);
  EXPECT_EQ(p.dpi, 0);
  EXPECT_EQ(p.gray.cols, 640);
  EXPECT_DOUBLE_EQ(p.scale_x, 1.0);
}

TEST(CleanupTest, ColorInputBecomesGray) {
  cv::Mat color(100, 100, CV_8UC3, cv::Scalar(255, 255, 255));
  PreparedPage p = PreparePage(color, 300, 300, 300);
  EXPECT_EQ(p.gray.channels(), 1);
  EXPECT_TRUE(p.blank);
}

}  // namespace
}  // namespace intake::ocr
