#include "ocr/geometry.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <opencv2/imgproc.hpp>
#include <sstream>

#include "capture/decode.h"

namespace intake::ocr {
namespace {

// An upright text page: the UNLV page from the corpus when present, else
// lines of Hershey text (enough for line and ascender statistics).
cv::Mat UprightPage() {
  const std::string path =
      std::string(INTAKE_CORPUS) + "/tesseract/8087_054.3B.tif";
  if (std::filesystem::exists(path)) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    auto pages = capture::DecodePages(ss.str());
    if (pages.ok()) {
      const PageImage& p = pages->front();
      cv::Mat m(p.height, p.width, CV_8UC1, const_cast<char*>(p.pixels.data()));
      cv::Mat half;
      cv::resize(m, half, cv::Size(), 0.5, 0.5, cv::INTER_AREA);
      return half;  // ~150 dpi keeps the test fast
    }
  }
  cv::Mat m(1650, 1275, CV_8UC1, cv::Scalar(255));
  // Different lines, indented differently: identical lines would stack their
  // letters into columns that read as vertical lines.
  const std::string words[] = {"patient", "history", "glucose", "referral",
                               "the",     "of",      "lab",     "dosage",
                               "daily",   "follow",  "up",      "signed"};
  for (int i = 0; i < 30; ++i) {
    std::string line;
    for (int k = 0; k < 6; ++k) line += words[(i * 7 + k * 5) % 12] + " ";
    cv::putText(m, line, cv::Point(80 + (i * 37) % 120, 120 + i * 48),
                cv::FONT_HERSHEY_SIMPLEX, 0.9, cv::Scalar(0), 2);
  }
  return m;
}

// The damage a scanner does: the sheet fed turned counter-clockwise by
// `quarter` degrees and crooked by `skew` degrees counter-clockwise.
cv::Mat Damage(const cv::Mat& upright, int quarter, double skew) {
  cv::Mat turned;
  if (quarter == 90)
    cv::rotate(upright, turned, cv::ROTATE_90_COUNTERCLOCKWISE);
  else if (quarter == 180)
    cv::rotate(upright, turned, cv::ROTATE_180);
  else if (quarter == 270)
    cv::rotate(upright, turned, cv::ROTATE_90_CLOCKWISE);
  else
    turned = upright;
  cv::Mat t = cv::getRotationMatrix2D(
      cv::Point2f(turned.cols / 2.0f, turned.rows / 2.0f), skew, 1.0);
  cv::Mat out;
  cv::warpAffine(turned, out, t, turned.size(), cv::INTER_LINEAR,
                 cv::BORDER_CONSTANT, cv::Scalar(255));
  return out;
}

struct Case {
  int quarter;
  double skew;
};

class GeometryTest : public ::testing::TestWithParam<Case> {};

TEST_P(GeometryTest, DetectsHowThePageWasFed) {
  static const cv::Mat upright = UprightPage();
  const Case c = GetParam();
  PageGeometry g = DetectGeometry(Damage(upright, c.quarter, c.skew));
  EXPECT_EQ(g.rotation, c.quarter) << "updown " << g.updown_confidence;
  EXPECT_NEAR(g.skew_deg, c.skew, 0.15);
  // A page fed sideways is measured both ways; the recogniser levels it
  // with the other axis's skew if it turns it a quarter (TurnPage).
  if (c.quarter % 180 != 0) {
    EXPECT_TRUE(g.cross_skew_deg.has_value());
  }
}

INSTANTIATE_TEST_SUITE_P(
    Feeds, GeometryTest,
    ::testing::Values(Case{0, 0}, Case{0, 3.5}, Case{0, -7.2}, Case{0, 14.0},
                      Case{0, -14.5}, Case{90, 0}, Case{90, 2.5}, Case{180, 0},
                      Case{180, -4.0}, Case{270, 0}, Case{270, -3.0}));

TEST(GeometryApplyTest, UndoingTheDetectedGeometryLevelsThePage) {
  const cv::Mat upright = UprightPage();
  cv::Mat fixed = ApplyGeometry(Damage(upright, 90, 5.0),
                                DetectGeometry(Damage(upright, 90, 5.0)));
  PageGeometry again = DetectGeometry(fixed);
  EXPECT_EQ(again.rotation, 0);
  EXPECT_NEAR(again.skew_deg, 0, 0.15);
}

// An insurance card copied on a letter page: a frame around a few short
// lines of dense bold print, and paper below it (a severe 150-dpi scan of
// generator seed 10202, 1.43 degrees, was measured -0.12).
TEST(GeometryTest, AFewLinesOfDensePrintAreLevelled) {
  cv::Mat card(1728, 1275, CV_8UC1, cv::Scalar(255));
  cv::rectangle(card, cv::Rect(150, 150, 880, 500), cv::Scalar(0), 3);
  const char* lines[] = {"Northstar Care Alliance",
                         "EPO Standard",
                         "Member: Franklin A. Vasquez",
                         "ID #: X739568660",
                         "GRP: 2725265",
                         "RxBIN 165804  RxPCN ADV72",
                         "PCP Copay $20  Specialist $50",
                         "Effective January 1, 2020",
                         "Member Services 916.555.0113"};
  for (int i = 0; i < 9; ++i) {
    cv::putText(card, lines[i], cv::Point(180, 215 + i * 36),
                cv::FONT_HERSHEY_SIMPLEX, 1.0, cv::Scalar(0), 3);
  }
  for (double skew : {-1.43, 0.7}) {
    const PageGeometry g = DetectGeometry(Damage(card, 0, skew), 21);
    EXPECT_EQ(g.rotation, 0);
    EXPECT_NEAR(g.skew_deg, skew, 0.1);
  }
}

TEST(GeometryMapTest, EachPointGoesWhereApplyGeometryPutsIt) {
  // A dot off the centre, on a page wider than tall, every quarter turn
  // with and without a skew.
  cv::Mat page(200, 300, CV_8UC1, cv::Scalar(255));
  page(cv::Rect(60, 40, 5, 5)).setTo(0);
  for (int rotation : {0, 90, 180, 270}) {
    for (double skew : {0.0, 3.0, -7.5}) {
      PageGeometry g;
      g.rotation = rotation;
      g.skew_deg = skew;
      const cv::Moments dot = cv::moments(ApplyGeometry(page, g) < 128, true);
      const cv::Mat map = GeometryMap(page.size(), g);
      ASSERT_EQ(map.rows, 2);
      ASSERT_EQ(map.cols, 3);
      const cv::Mat to = map * (cv::Mat_<double>(3, 1) << 62, 42, 1);
      EXPECT_NEAR(to.at<double>(0), dot.m10 / dot.m00, 1.0)
          << rotation << " " << skew;
      EXPECT_NEAR(to.at<double>(1), dot.m01 / dot.m00, 1.0)
          << rotation << " " << skew;
    }
  }
}

// Evidence measured on real pages (generated severe and clean scans, FUNSD).
TEST(ChooseAxisTest, AscenderNoiseOnTheWrongAxisDoesNotOutvoteSharpLines) {
  // A 150-dpi blurred page skewed 12 degrees: the upright lines are 6x
  // sharper, but only the sideways reading gave up/down evidence.
  AxisChoice c = ChooseAxis({7.82, 0.0}, {1.31, -5.49});
  EXPECT_FALSE(c.sideways);
  EXPECT_FALSE(c.certain);  // the recogniser still checks
  // A clean claim form read small: 48x sharper upright.
  EXPECT_FALSE(ChooseAxis({89.97, 0.84}, {1.86, -5.66}).sideways);
}

TEST(ChooseAxisTest, AgreeingEvidenceIsCertain) {
  AxisChoice up = ChooseAxis({14.8, 18.6}, {0, 0});
  EXPECT_FALSE(up.sideways);
  EXPECT_TRUE(up.certain);
  AxisChoice side = ChooseAxis({1.18, 1.42}, {6.16, 11.91});  // phototest L
  EXPECT_TRUE(side.sideways);
  EXPECT_TRUE(side.certain);
}

TEST(ChooseAxisTest, FormStructureDoesNotTurnAnUprightForm) {
  // FUNSD forms whose boxes make the sideways direction sharper, but whose
  // ascenders say upright.
  EXPECT_FALSE(ChooseAxis({4.62, 5.91}, {8.33, 0.0}).sideways);
  EXPECT_FALSE(ChooseAxis({2.52, 5.69}, {4.56, 4.75}).sideways);
  // No ascender evidence at all: upright unless sideways is far sharper,
  // and never certain.
  AxisChoice card = ChooseAxis({3.19, 0}, {8.30, 0});
  EXPECT_FALSE(card.sideways);
  EXPECT_FALSE(card.certain);
}

TEST(GeometryApplyTest, BlankPageHasNoGeometry) {
  PageGeometry g = DetectGeometry(cv::Mat(1100, 850, CV_8UC1, cv::Scalar(255)));
  EXPECT_EQ(g.rotation, 0);
  EXPECT_EQ(g.skew_deg, 0);
}

// The histogram counts each gray where it is, including long runs of one
// gray (paper) and a width that is not a multiple of four.
TEST(GrayHistogram, CountsEveryPixel) {
  cv::Mat gray(9, 43, CV_8UC1, cv::Scalar(255));
  cv::RNG rng(3);
  rng.fill(gray.rowRange(3, 9), cv::RNG::UNIFORM, 0, 256);
  const std::array<double, 256> hist = GrayHistogram(gray);
  std::array<double, 256> expected{};
  for (int y = 0; y < gray.rows; ++y) {
    for (int x = 0; x < gray.cols; ++x) expected[gray.at<uint8_t>(y, x)] += 1;
  }
  EXPECT_EQ(hist, expected);
  EXPECT_GE(hist[255], 3 * 43);
}

}  // namespace
}  // namespace intake::ocr
