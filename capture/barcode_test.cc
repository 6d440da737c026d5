#include "capture/barcode.h"

#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>
#include <ZXing/ReadBarcode.h>
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <opencv2/imgproc.hpp>
#include <sstream>

#include "capture/decode.h"

namespace intake::capture {
namespace {

// A barcode drawn by zxing-cpp's writer, black on white, with a quiet zone.
cv::Mat Symbol(ZXing::BarcodeFormat format, const std::string& text, int width,
               int height) {
  ZXing::BitMatrix bits = ZXing::MultiFormatWriter(format).setMargin(10).encode(
      text, width, height);
  cv::Mat m(bits.height(), bits.width(), CV_8UC1);
  for (int y = 0; y < bits.height(); ++y) {
    for (int x = 0; x < bits.width(); ++x) {
      m.at<uint8_t>(y, x) = bits.get(x, y) ? 0 : 255;
    }
  }
  return m;
}

// A white 300-dpi letter page with a few lines of print-like text.
cv::Mat LetterPage() {
  cv::Mat page(3300, 2550, CV_8UC1, cv::Scalar(255));
  for (int line = 0; line < 12; ++line) {
    cv::putText(page, "Patient registration form - please print clearly",
                cv::Point(200, 1500 + line * 110), cv::FONT_HERSHEY_SIMPLEX,
                2.0, cv::Scalar(0), 4);
  }
  return page;
}

void Paste(cv::Mat& page, const cv::Mat& symbol, int x, int y) {
  symbol.copyTo(page(cv::Rect(x, y, symbol.cols, symbol.rows)));
}

PageImage ToPage(const cv::Mat& m, int dpi) {
  PageImage p;
  p.width = m.cols;
  p.height = m.rows;
  p.channels = m.channels();
  p.dpi_x = p.dpi_y = dpi;
  cv::Mat packed = m.isContinuous() ? m : m.clone();
  p.pixels.assign(reinterpret_cast<const char*>(packed.data),
                  packed.total() * packed.elemSize());
  return p;
}

// A 200-dpi scan of the page: scaled by 2/3 and slightly blurred.
cv::Mat As200DpiScan(const cv::Mat& page) {
  cv::Mat small, blurred;
  cv::resize(page, small, cv::Size(), 2.0 / 3, 2.0 / 3, cv::INTER_AREA);
  cv::GaussianBlur(small, blurred, cv::Size(3, 3), 0.8);
  return blurred;
}

double MsPerCall(const std::function<void()>& f, int runs = 3) {
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < runs; ++i) f();
  return std::chrono::duration<double, std::milli>(
             std::chrono::steady_clock::now() - start)
             .count() /
         runs;
}

std::string CorpusPage(const std::string& name) {
  return std::string(INTAKE_CORPUS) + "/tesseract/" + name;
}

TEST(BarcodeTest, SeparatorCode128OnALetterPage) {
  cv::Mat page = LetterPage();
  Paste(page, Symbol(ZXing::BarcodeFormat::Code128, "SEPARATOR", 700, 180), 300,
        300);
  std::vector<Barcode> found = ReadBarcodes(ToPage(page, 300));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].format, "Code128");
  EXPECT_EQ(found[0].text, "SEPARATOR");
}

TEST(BarcodeTest, PatientLabelsCode39AndQrBothFoundTopFirst) {
  cv::Mat page = LetterPage();
  Paste(page, Symbol(ZXing::BarcodeFormat::QRCode, "MRN:50752917", 300, 300),
        1900, 2900);
  Paste(page, Symbol(ZXing::BarcodeFormat::Code39, "MRN50752917", 900, 160),
        250, 250);
  std::vector<Barcode> found = ReadBarcodes(ToPage(page, 300));
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].format, "Code39");
  EXPECT_EQ(found[0].text, "MRN50752917");
  EXPECT_EQ(found[1].format, "QRCode");
  EXPECT_EQ(found[1].text, "MRN:50752917");
}

TEST(BarcodeTest, RotatedBlurred200DpiScan) {
  cv::Mat page = LetterPage();
  Paste(page, Symbol(ZXing::BarcodeFormat::Code128, "MRN 50752917", 800, 200),
        400, 400);
  Paste(page, Symbol(ZXing::BarcodeFormat::QRCode, "SEPARATOR", 240, 240), 2000,
        300);
  cv::Mat turned;
  cv::rotate(page, turned, cv::ROTATE_90_CLOCKWISE);
  std::vector<Barcode> found = ReadBarcodes(ToPage(As200DpiScan(turned), 200));
  ASSERT_EQ(found.size(), 2u);
  std::sort(found.begin(), found.end(), [](const Barcode& a, const Barcode& b) {
    return a.format < b.format;
  });
  EXPECT_EQ(found[0].format, "Code128");
  EXPECT_EQ(found[0].text, "MRN 50752917");
  EXPECT_EQ(found[1].format, "QRCode");
  EXPECT_EQ(found[1].text, "SEPARATOR");
}

// This code once aborted the process inside zxing-cpp 1.4 (see barcode.cc).
TEST(BarcodeTest, ColourPageIsRead) {
  cv::Mat page = LetterPage();
  // Not DataMatrix: zxing-cpp 1.4 found none anywhere on a blank letter page
  // (40..200 px symbols tried), though it reads the symbol cropped alone.
  Paste(page, Symbol(ZXing::BarcodeFormat::Code128, "50752917", 600, 160), 300,
        300);
  cv::Mat bgr;
  cv::cvtColor(page, bgr, cv::COLOR_GRAY2BGR);
  std::vector<Barcode> found = ReadBarcodes(ToPage(bgr, 300));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].format, "Code128");
  EXPECT_EQ(found[0].text, "50752917");
}

TEST(BarcodeTest, RealTextPagesHaveNone) {
  for (const char* name : {"8087_054.3B.tif", "phototest.tif"}) {
    std::string path = CorpusPage(name);
    if (!std::filesystem::exists(path))
      GTEST_SKIP() << "corpus absent: " << path;
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    Result<std::vector<PageImage>> pages = DecodePages(ss.str());
    ASSERT_TRUE(pages.ok()) << pages.status().ToString();
    EXPECT_TRUE(ReadBarcodes(pages->front()).empty()) << name;
  }
}

TEST(BarcodeTest, TinyEmptyAndMalformedImagesGiveNone) {
  EXPECT_TRUE(ReadBarcodes(PageImage{}).empty());
  PageImage one;
  one.width = one.height = 1;
  one.pixels = std::string(1, '\0');
  EXPECT_TRUE(ReadBarcodes(one).empty());
  PageImage short_pixels;
  short_pixels.width = 100;
  short_pixels.height = 100;
  short_pixels.pixels = std::string(50, '\xff');
  EXPECT_TRUE(ReadBarcodes(short_pixels).empty());
  PageImage two_channels = one;
  two_channels.channels = 2;
  EXPECT_TRUE(ReadBarcodes(two_channels).empty());
}

// Not a pass/fail check: prints the cost of ReadBarcodes on a 300-dpi letter
// page, and of the zxing-cpp settings it chose between, for the report.
TEST(BarcodeTest, TimingOnALetterPage) {
  cv::Mat with = LetterPage();
  Paste(with, Symbol(ZXing::BarcodeFormat::Code128, "SEPARATOR", 700, 180), 300,
        300);
  PageImage with_code = ToPage(with, 300);
  PageImage without = ToPage(LetterPage(), 300);
  std::string path = CorpusPage("8087_054.3B.tif");
  if (std::filesystem::exists(path)) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    Result<std::vector<PageImage>> pages = DecodePages(ss.str());
    if (pages.ok()) without = pages->front();
  }
  std::cout << "ReadBarcodes, page with a Code 128: "
            << MsPerCall([&] { ReadBarcodes(with_code); }) << " ms\n"
            << "ReadBarcodes, real text page without: "
            << MsPerCall([&] { ReadBarcodes(without); }) << " ms\n";
  struct Variant {
    const char* name;
    bool harder, rotate, downscale;
  };
  // tryHarder with tryDownscale is left out: it can abort in zxing-cpp 1.4
  // (see barcode.cc).
  for (const Variant& v : {Variant{"harder+rotate", true, true, false},
                           Variant{"harder", true, false, false},
                           Variant{"rotate+downscale", false, true, true},
                           Variant{"plain", false, false, false}}) {
    ZXing::DecodeHints hints;
    hints.setTryHarder(v.harder).setTryRotate(v.rotate).setTryDownscale(
        v.downscale);
    for (const PageImage* p : {&with_code, &without}) {
      ZXing::ImageView view(reinterpret_cast<const uint8_t*>(p->pixels.data()),
                            p->width, p->height, ZXing::ImageFormat::Lum);
      size_t n = 0;
      double ms =
          MsPerCall([&] { n = ZXing::ReadBarcodes(view, hints).size(); });
      std::cout << "  zxing " << v.name
                << (p == &with_code ? " (code)" : " (none)") << ": " << ms
                << " ms, " << n << " found\n";
    }
  }
}

}  // namespace
}  // namespace intake::capture
