#include "capture/patch_code.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <opencv2/imgproc.hpp>
#include <sstream>

#include "capture/barcode.h"
#include "capture/decode.h"

namespace intake::capture {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// A white letter page at `dpi` with a patch of `pattern` (N/W per bar) whose
// bars run across the page, 2 in long, starting 1 in from the top left.
cv::Mat PatchPage(const std::string& pattern, int dpi) {
  cv::Mat page(11 * dpi, 8.5 * dpi, CV_8UC1, cv::Scalar(255));
  const int narrow = static_cast<int>(0.08 * dpi);
  const int wide = static_cast<int>(0.2 * dpi);
  int y = dpi;
  for (char bar : pattern) {
    const int h = bar == 'W' ? wide : narrow;
    cv::rectangle(page, cv::Rect(dpi, y, 2 * dpi, h), cv::Scalar(0),
                  cv::FILLED);
    y += h + narrow;
  }
  cv::putText(page, "SEPARATOR SHEET", cv::Point(dpi, 4 * dpi),
              cv::FONT_HERSHEY_SIMPLEX, dpi / 100.0, cv::Scalar(0), 3);
  return page;
}

PageImage ToPage(const cv::Mat& m, int dpi) {
  PageImage p;
  p.width = m.cols;
  p.height = m.rows;
  p.channels = 1;
  p.dpi_x = p.dpi_y = dpi;
  cv::Mat packed = m.clone();
  p.pixels.assign(reinterpret_cast<const char*>(packed.data), packed.total());
  return p;
}

TEST(PatchCodeTest, ReadsEveryPatternAt300Dpi) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"NWNW", "PATCH-T"}, {"WNNW", "PATCH-2"}, {"WNWN", "PATCH-3"},
      {"WWNN", "PATCH-1"}, {"NWWN", "PATCH-4"}, {"NNWW", "PATCH-6"}};
  for (const auto& [pattern, name] : cases) {
    EXPECT_THAT(ReadPatchCodes(ToPage(PatchPage(pattern, 300), 300)),
                ElementsAre(name))
        << pattern;
  }
}

TEST(PatchCodeTest, ReadsAGrayBlurred200DpiScanFedSideways) {
  cv::Mat page = PatchPage("NWNW", 200);
  cv::GaussianBlur(page, page, cv::Size(5, 5), 1.2);
  page = page * 0.85 + 20;  // gray paper, gray ink
  cv::Mat sideways;
  // Turned so that the first bar fed is on the left.
  cv::rotate(page, sideways, cv::ROTATE_90_COUNTERCLOCKWISE);
  EXPECT_THAT(ReadPatchCodes(ToPage(page, 200)), ElementsAre("PATCH-T"));
  EXPECT_THAT(ReadPatchCodes(ToPage(sideways, 200)), ElementsAre("PATCH-T"));
}

TEST(PatchCodeTest, ReadBarcodesReportsThemForSeparatorSheets) {
  std::vector<Barcode> found =
      ReadBarcodes(ToPage(PatchPage("NWNW", 300), 300));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].format, "PATCH-T");
  EXPECT_EQ(found[0].text, "");
}

TEST(PatchCodeTest, ShortBarsAndOrdinaryPrintAreNotPatches) {
  // The same bars only 0.3 in long: a drawing, not a patch.
  cv::Mat page(3300, 2550, CV_8UC1, cv::Scalar(255));
  int y = 300;
  for (char bar : std::string("NWNW")) {
    const int h = bar == 'W' ? 60 : 24;
    cv::rectangle(page, cv::Rect(300, y, 90, h), cv::Scalar(0), cv::FILLED);
    y += h + 24;
  }
  // Text and a table with heavy rules.
  for (int line = 0; line < 20; ++line) {
    cv::putText(page, "Patient registration form - please print clearly",
                cv::Point(200, 1200 + line * 90), cv::FONT_HERSHEY_SIMPLEX, 2.0,
                cv::Scalar(0), 5);
  }
  for (int r = 0; r < 5; ++r) {
    cv::rectangle(page, cv::Rect(200, 3000 + r * 50, 2000, 8), cv::Scalar(0),
                  cv::FILLED);
  }
  EXPECT_THAT(ReadPatchCodes(ToPage(page, 300)), IsEmpty());
}

TEST(PatchCodeTest, RealPagesHaveNone) {
  const std::string root = INTAKE_CORPUS;
  int read = 0;
  for (const char* rel :
       {"/tesseract/phototest.tif", "/tesseract/8087_054.3B.tif",
        "/funsd/training_data/images/0000971160.png"}) {
    std::ifstream in(root + rel, std::ios::binary);
    if (!in) continue;
    std::stringstream ss;
    ss << in.rdbuf();
    Result<std::vector<PageImage>> pages = DecodePages(ss.str());
    ASSERT_TRUE(pages.ok()) << rel;
    for (const PageImage& p : *pages) {
      EXPECT_THAT(ReadPatchCodes(p), IsEmpty()) << rel;
      ++read;
    }
  }
  if (read == 0) GTEST_SKIP() << "corpus absent: " << root;
}

TEST(PatchCodeTest, TinyAndMalformedImagesGiveNone) {
  PageImage p;
  EXPECT_THAT(ReadPatchCodes(p), IsEmpty());
  p.width = p.height = 100;
  p.pixels = "short";
  EXPECT_THAT(ReadPatchCodes(p), IsEmpty());
}

}  // namespace
}  // namespace intake::capture
