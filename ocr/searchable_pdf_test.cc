#include "ocr/searchable_pdf.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <sstream>

namespace intake::ocr {
namespace {

constexpr char kPdfToText[] = "/usr/bin/pdftotext";
constexpr char kPdfInfo[] = "/usr/bin/pdfinfo";

std::string Jpeg(const cv::Mat& m) {
  std::vector<uchar> buf;
  cv::imencode(".jpg", m, buf);
  return std::string(buf.begin(), buf.end());
}

// Draws `words` as one line starting at (x, baseline) and returns their
// boxes as OCR would report them.
std::vector<Word> DrawLine(cv::Mat& m, const std::vector<std::string>& words,
                           int x, int baseline, double scale) {
  constexpr int kFont = cv::FONT_HERSHEY_SIMPLEX;
  int base = 0;
  const int space = cv::getTextSize(" ", kFont, scale, 2, &base).width;
  std::vector<Word> out;
  for (const std::string& text : words) {
    const cv::Size s = cv::getTextSize(text, kFont, scale, 2, &base);
    cv::putText(m, text, cv::Point(x, baseline), kFont, scale, cv::Scalar(0),
                2);
    out.push_back(
        Word{text, x, baseline - s.height, s.width, s.height + base, 0.9f});
    x += s.width + space;
  }
  return out;
}

// A letter page at 300 dpi with two lines of text.
PdfPage LetterPage() {
  PdfPage page;
  page.width = 2550;
  page.height = 3300;
  cv::Mat m(page.height, page.width, CV_8UC1, cv::Scalar(255));
  page.words = DrawLine(m, {"Patient", "Daniel", "Rivera", "DOB", "03/14/1962"},
                        300, 400, 2.0);
  for (Word w : DrawLine(m, {"Seen", "at", "cafe", "(lobby)"}, 300, 520, 2.0)) {
    page.words.push_back(w);
  }
  page.words[7].text = "café";  // Hershey fonts draw ASCII only
  page.jpeg = Jpeg(m);
  return page;
}

PdfPage SmallPage(const std::string& word, int channels = 1) {
  PdfPage page;
  page.width = 850;
  page.height = 1100;
  page.dpi = 100;
  cv::Mat m(page.height, page.width, channels == 1 ? CV_8UC1 : CV_8UC3,
            cv::Scalar::all(255));
  page.words = DrawLine(m, {word, "page"}, 100, 200, 1.5);
  page.jpeg = Jpeg(m);
  return page;
}

std::string Build(const std::vector<PdfPage>& pages) {
  Result<std::string> pdf = BuildSearchablePdf(pages);
  EXPECT_TRUE(pdf.ok()) << pdf.status().ToString();
  return pdf.ok() ? *pdf : std::string();
}

// Checks header, trailer and that every xref entry points at "N 0 obj".
void ExpectWellFormed(const std::string& pdf, int objects) {
  ASSERT_EQ(pdf.rfind("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n", 0), 0u);
  ASSERT_TRUE(pdf.ends_with("%%EOF\n"));
  const size_t sx = pdf.rfind("startxref\n");
  ASSERT_NE(sx, std::string::npos);
  const size_t xref = std::stoul(pdf.substr(sx + 10));
  ASSERT_EQ(pdf.compare(xref, 5, "xref\n"), 0);
  std::istringstream in(pdf.substr(xref + 5));
  int first = -1, count = 0;
  in >> first >> count;
  ASSERT_EQ(first, 0);
  ASSERT_EQ(count, objects);
  const size_t entries = pdf.find("\n", xref + 5) + 1;
  ASSERT_EQ(pdf.compare(entries, 20, "0000000000 65535 f\r\n"), 0);
  for (int n = 1; n < count; ++n) {
    const std::string entry = pdf.substr(entries + 20 * n, 20);
    ASSERT_TRUE(entry.ends_with(" 00000 n\r\n")) << entry;
    const size_t off = std::stoul(entry.substr(0, 10));
    const std::string want = std::to_string(n) + " 0 obj\n";
    EXPECT_EQ(pdf.compare(off, want.size(), want), 0) << "object " << n;
  }
  EXPECT_NE(pdf.find("/Size " + std::to_string(objects) + " /Root 1 0 R"),
            std::string::npos);
  EXPECT_NE(pdf.find("/Producer (intake)"), std::string::npos);
}

std::string WriteTemp(const std::string& pdf, const std::string& name) {
  const std::string path = testing::TempDir() + "/" + name;
  std::ofstream(path, std::ios::binary) << pdf;
  return path;
}

std::string RunCommand(const std::string& command) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"),
                                             pclose);
  std::string out;
  char buf[4096];
  size_t n;
  while (pipe && (n = fread(buf, 1, sizeof(buf), pipe.get())) > 0) {
    out.append(buf, n);
  }
  return out;
}

// The value of one "Key:   value" line of pdfinfo's output (padding varies
// between poppler versions).
std::string InfoField(const std::string& info, const std::string& key) {
  std::istringstream in(info);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(key + ":", 0) != 0) continue;
    const size_t start = line.find_first_not_of(' ', key.size() + 1);
    return start == std::string::npos ? "" : line.substr(start);
  }
  return "";
}

TEST(SearchablePdfTest, OnePageStructure) {
  const std::string pdf = Build({LetterPage()});
  ExpectWellFormed(pdf, 8);
  EXPECT_NE(pdf.find("/MediaBox [0 0 612 792]"), std::string::npos);
  EXPECT_NE(pdf.find("q 612 0 0 792 0 0 cm /Im0 Do Q"), std::string::npos);
  EXPECT_NE(pdf.find("/ColorSpace /DeviceGray /BitsPerComponent 8 "
                     "/Filter /DCTDecode"),
            std::string::npos);
  EXPECT_NE(pdf.find("/Width 2550 /Height 3300"), std::string::npos);
  EXPECT_NE(pdf.find("/BaseFont /Helvetica /Encoding /WinAnsiEncoding"),
            std::string::npos);
  EXPECT_NE(pdf.find("BT\n3 Tr\n/F1 "), std::string::npos);
  EXPECT_NE(pdf.find("(caf\xE9) Tj"), std::string::npos);
  EXPECT_NE(pdf.find("(\\(lobby\\)) Tj"), std::string::npos);
}

TEST(SearchablePdfTest, ConvertsUtf8ToWinAnsi) {
  PdfPage page = SmallPage("x");
  page.words[0].text = "\xE2\x80\x9Cq\xE2\x80\x9D\xE2\x80\x94\xE2\x82\xAC";
  page.words[1].text = "\xE6\xBC\xA2\\\xC3";  // CJK, backslash, broken UTF-8
  const std::string pdf = Build({page});
  EXPECT_NE(pdf.find("(\x93q\x94\x97\x80) Tj"), std::string::npos);
  EXPECT_NE(pdf.find("(?\\\\?) Tj"), std::string::npos);
}

size_t Count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t i = haystack.find(needle); i != std::string::npos;
       i = haystack.find(needle, i + 1)) {
    ++n;
  }
  return n;
}

// OCR boxes of one line differ in height and bottom (descenders, small
// words) and arrive in any order; they still form one line, read left to
// right, with a space glyph between words.
TEST(SearchablePdfTest, GroupsWordsIntoLines) {
  PdfPage page = SmallPage("x");
  page.words = {{"glucose", 300, 212, 130, 42, 1},
                {"a", 245, 220, 20, 22, 1},
                {"Lab", 100, 200, 60, 40, 1},
                {"Next", 100, 300, 80, 40, 1},
                {"Daily", 170, 198, 70, 52, 1}};
  const std::string pdf = Build({page});
  EXPECT_EQ(Count(pdf, "BT\n"), 2u);
  EXPECT_EQ(Count(pdf, "( ) Tj"), 3u);
  const size_t lab = pdf.find("(Lab) Tj"), daily = pdf.find("(Daily) Tj"),
               a = pdf.find("(a) Tj"), glucose = pdf.find("(glucose) Tj"),
               next = pdf.find("(Next) Tj");
  EXPECT_LT(lab, daily);
  EXPECT_LT(daily, a);
  EXPECT_LT(a, glucose);
  EXPECT_LT(glucose, next);
  EXPECT_NE(next, std::string::npos);
}

TEST(SearchablePdfTest, ThreePagesInOrder) {
  const std::string pdf =
      Build({SmallPage("first"), SmallPage("second"), SmallPage("third")});
  ExpectWellFormed(pdf, 14);
  EXPECT_NE(pdf.find("/Kids [5 0 R 8 0 R 11 0 R] /Count 3"), std::string::npos);
  EXPECT_NE(pdf.find("/MediaBox [0 0 612 792]"), std::string::npos);
  EXPECT_LT(pdf.find("(first) Tj"), pdf.find("(second) Tj"));
  EXPECT_LT(pdf.find("(second) Tj"), pdf.find("(third) Tj"));
}

TEST(SearchablePdfTest, ColorJpegIsDeviceRgb) {
  const std::string pdf = Build({SmallPage("color", 3)});
  EXPECT_NE(pdf.find("/ColorSpace /DeviceRGB"), std::string::npos);
  EXPECT_EQ(pdf.find("/DeviceGray"), std::string::npos);
}

TEST(SearchablePdfTest, PageWithoutWords) {
  PdfPage page = SmallPage("none");
  page.words.clear();
  const std::string pdf = Build({page});
  ExpectWellFormed(pdf, 8);
  EXPECT_EQ(pdf.find("BT\n"), std::string::npos);
}

TEST(SearchablePdfTest, RejectsInvalidPages) {
  const PdfPage good = SmallPage("ok");
  std::vector<PdfPage> bad(6, good);
  bad[0].jpeg.clear();
  bad[1].dpi = 0;
  bad[2].width = 851;  // disagrees with the JPEG
  bad[3].height = -1;
  bad[4].jpeg = "\xFF\xD8\xFF\xD9";  // a JPEG with no frame
  bad[5].jpeg = good.jpeg.substr(0, 2) + std::string(40, '\0');
  for (size_t i = 0; i < bad.size(); ++i) {
    Result<std::string> pdf = BuildSearchablePdf({good, bad[i]});
    ASSERT_FALSE(pdf.ok()) << i;
    EXPECT_EQ(pdf.status().code(), Status::Code::kInvalidArgument) << i;
    EXPECT_NE(pdf.status().message().find("page 2"), std::string::npos);
  }
  EXPECT_FALSE(BuildSearchablePdf({}).ok());
}

TEST(SearchablePdfTest, PdfToTextReadsTheWords) {
  if (!std::filesystem::exists(kPdfToText)) {
    GTEST_SKIP() << kPdfToText << " missing (apt-get install poppler-utils)";
  }
  const std::string path = WriteTemp(Build({LetterPage()}), "one.pdf");
  for (const char* mode : {"", "-layout "}) {
    const std::string text =
        RunCommand(std::string(kPdfToText) + " " + mode + path + " -");
    EXPECT_NE(text.find("Patient Daniel Rivera DOB 03/14/1962"),
              std::string::npos)
        << mode << text;
    EXPECT_NE(text.find("Seen at café (lobby)"), std::string::npos)
        << mode << text;
    EXPECT_LT(text.find("1962"), text.find("Seen")) << "line order";
    EXPECT_NE(text.find("1962\n"), std::string::npos) << "line break";
  }
}

// Selection in a viewer follows the glyphs: each word must cover its box.
TEST(SearchablePdfTest, WordsCoverTheirBoxes) {
  if (!std::filesystem::exists(kPdfToText)) {
    GTEST_SKIP() << kPdfToText << " missing (apt-get install poppler-utils)";
  }
  const PdfPage page = LetterPage();
  const std::string path = WriteTemp(Build({page}), "bbox.pdf");
  std::istringstream in(
      RunCommand(std::string(kPdfToText) + " -bbox " + path + " -"));
  size_t found = 0;
  for (std::string line; std::getline(in, line);) {
    double x0, y0, x1, y1;
    char text[64];
    if (std::sscanf(line.c_str(),
                    " <word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" "
                    "yMax=\"%lf\">%63[^<]",
                    &x0, &y0, &x1, &y1, text) != 5) {
      continue;
    }
    ASSERT_LT(found, page.words.size()) << line;
    const Word& w = page.words[found++];
    EXPECT_EQ(w.text, text);
    const double pt = 72.0 / page.dpi;  // pdftotext's y grows downwards too
    EXPECT_NEAR(x0, w.x * pt, 0.5) << text;
    EXPECT_NEAR(x1, (w.x + w.w) * pt, 0.5) << text;
    EXPECT_LT(y0, (w.y + w.h) * pt) << text;
    EXPECT_GT(y1, w.y * pt) << text;
    EXPECT_NEAR(y1 - y0, w.h * pt, 0.5 * w.h * pt) << text;
  }
  EXPECT_EQ(found, page.words.size());
}

TEST(SearchablePdfTest, PdfInfoReadsPagesAndSize) {
  if (!std::filesystem::exists(kPdfInfo)) {
    GTEST_SKIP() << kPdfInfo << " missing (apt-get install poppler-utils)";
  }
  const std::string path = WriteTemp(
      Build({SmallPage("one"), SmallPage("two", 3), SmallPage("three")}),
      "three.pdf");
  const std::string info =
      RunCommand(std::string(kPdfInfo) + " " + path + " 2>&1");
  EXPECT_EQ(InfoField(info, "Pages"), "3") << info;
  EXPECT_EQ(InfoField(info, "Page size"), "612 x 792 pts (letter)") << info;
  EXPECT_EQ(InfoField(info, "Producer"), "intake") << info;
  EXPECT_EQ(info.find("Syntax Error"), std::string::npos) << info;
  const std::string text =
      RunCommand(std::string(kPdfToText) + " " + path + " -");
  EXPECT_NE(text.find("one page"), std::string::npos) << text;
  EXPECT_LT(text.find("two page"), text.find("three page")) << text;
}

}  // namespace
}  // namespace intake::ocr
