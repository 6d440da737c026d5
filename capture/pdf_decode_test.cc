#include "capture/pdf_decode.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "capture/decode.h"
#include "capture/pdf_images.h"
#include "common/testing/temp_dir.h"

namespace intake::capture {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A PDF assembled from numbered object bodies, with a correct xref table.
std::string AssemblePdf(const std::vector<std::string>& objects,
                        const std::string& trailer_extra = "") {
  std::string pdf = "%PDF-1.4\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) +
         "\n0000000000 65535 f \n";
  for (size_t off : offsets) {
    char line[32];
    std::snprintf(line, sizeof(line), "%010zu 00000 n \n", off);
    pdf += line;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R " + trailer_extra + ">>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

// One letter page of Helvetica text: "Patient Daniel Rivera" on a line at
// y=700pt and "MRN 50752917" 40pt below, both from x=72pt.
std::string TextPdf(int rotate = 0, const std::string& trailer_extra = "",
                    const std::string& extra_object = "") {
  std::string content =
      "BT /F1 24 Tf 72 700 Td (Patient Daniel Rivera) Tj 0 -40 Td "
      "(MRN 50752917) Tj ET";
  std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Rotate " +
          std::to_string(rotate) +
          " /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
      "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" +
          content + "\nendstream"};
  if (!extra_object.empty()) objects.push_back(extra_object);
  return AssemblePdf(objects, trailer_extra);
}

// Writes a scan-like PDF with PIL: each page an image of the given pixel size
// saved at `dpi`, white with a black block at (100..400, 100..300) px.
std::string ScannedPdf(const testing::TempDir& dir,
                       const std::vector<std::pair<int, int>>& sizes, int dpi) {
  std::string out = dir.File("scan.pdf");
  std::string script = dir.File("make.py");
  std::ofstream py(script);
  py << "from PIL import Image, ImageDraw\n"
     << "pages = []\n";
  for (auto [w, h] : sizes) {
    py << "im = Image.new('L', (" << w << ", " << h << "), 255)\n"
       << "ImageDraw.Draw(im).rectangle([100, 100, 400, 300], fill=0)\n"
       << "pages.append(im)\n";
  }
  py << "pages[0].save('" << out << "', save_all=True, append_images=pages[1:],"
     << " resolution=" << dpi << ")\n";
  py.close();
  std::string cmd = "/usr/bin/python3 " + script;
  if (std::system(cmd.c_str()) != 0) return "";
  return ReadFile(out);
}

uint8_t PixelAt(const PageImage& p, int x, int y) {
  return static_cast<uint8_t>(p.pixels[static_cast<size_t>(y) * p.width + x]);
}

// Share of dark pixels inside a word's box: text boxes must sit on ink.
double InkIn(const PageImage& p, const Word& w) {
  int dark = 0;
  for (int y = w.y; y < w.y + w.h; ++y) {
    for (int x = w.x; x < w.x + w.w; ++x) dark += PixelAt(p, x, y) < 128;
  }
  return w.w * w.h > 0 ? static_cast<double>(dark) / (w.w * w.h) : 0;
}

std::string Corpus(const std::string& name) {
  return std::string(INTAKE_CORPUS) + "/medical/doc2data/" + name;
}

// Wall and CPU time of DecodePages per page, printed for the report.
Result<std::vector<PageImage>> TimedDecode(const std::string& name) {
  std::string bytes = ReadFile(Corpus(name));
  auto wall = std::chrono::steady_clock::now();
  std::clock_t cpu = std::clock();
  Result<std::vector<PageImage>> pages = DecodePages(bytes);
  double cpu_ms = 1000.0 * (std::clock() - cpu) / CLOCKS_PER_SEC;
  double wall_ms = std::chrono::duration<double, std::milli>(
                       std::chrono::steady_clock::now() - wall)
                       .count();
  if (pages.ok() && !pages->empty()) {
    std::cout << name << ": " << pages->front().dpi_x << " dpi, "
              << cpu_ms / pages->size() << " ms CPU/page, "
              << wall_ms / pages->size() << " ms wall/page\n";
  }
  return pages;
}

void ExpectOneLineError(const Result<std::vector<PageImage>>& r,
                        Status::Code code, const std::string& words) {
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), code) << r.status().ToString();
  EXPECT_NE(r.status().message().find(words), std::string::npos)
      << r.status().message();
  EXPECT_EQ(r.status().message().find('\n'), std::string::npos);
}

TEST(PdfDecodeTest, ScannedPagesRenderAtTheirScanResolution) {
  testing::TempDir dir;
  std::string pdf = ScannedPdf(dir, {{1700, 2200}, {1100, 1700}}, 200);
  ASSERT_FALSE(pdf.empty()) << "python3 with PIL could not make the PDF";
  Result<std::vector<PageImage>> pages = DecodePages(pdf);
  ASSERT_TRUE(pages.ok()) << pages.status().ToString();
  ASSERT_EQ(pages->size(), 2u);
  const PageImage& p1 = (*pages)[0];
  EXPECT_EQ(p1.dpi_x, 200);
  EXPECT_EQ(p1.dpi_y, 200);
  EXPECT_EQ(p1.width, 1700);
  EXPECT_EQ(p1.height, 2200);
  EXPECT_EQ(p1.channels, 1);
  EXPECT_EQ(p1.pixels.size(), 1700u * 2200u);
  EXPECT_LT(PixelAt(p1, 250, 200), 30);  // the block, top-left as scanned
  EXPECT_GT(PixelAt(p1, 1500, 2000), 225);
  EXPECT_FALSE(p1.text_layer.has_value());
  EXPECT_EQ((*pages)[1].width, 1100);
  EXPECT_EQ((*pages)[1].height, 1700);
  EXPECT_EQ((*pages)[1].dpi_x, 200);
}

TEST(PdfDecodeTest, LowResolutionScanIsClampedUp) {
  testing::TempDir dir;
  std::string pdf = ScannedPdf(dir, {{850, 1100}}, 100);
  ASSERT_FALSE(pdf.empty());
  Result<std::vector<PageImage>> pages = DecodePdf(pdf, {});
  ASSERT_TRUE(pages.ok()) << pages.status().ToString();
  EXPECT_EQ(pages->front().dpi_x, kPdfMinDpi);
  EXPECT_EQ(pages->front().width, 1275);  // 8.5 in at 150 dpi
}

TEST(PdfDecodeTest, TextLayerIsKeptWithBoxesOnTheInk) {
  Result<std::vector<PageImage>> pages = DecodePages(TextPdf());
  ASSERT_TRUE(pages.ok()) << pages.status().ToString();
  ASSERT_EQ(pages->size(), 1u);
  const PageImage& p = pages->front();
  EXPECT_EQ(p.dpi_x, kPdfVectorDpi);  // no image: a vector page
  EXPECT_EQ(p.width, 2550);
  EXPECT_EQ(p.height, 3300);
  ASSERT_TRUE(p.text_layer.has_value());
  EXPECT_EQ(p.text_layer->text, "Patient Daniel Rivera\nMRN 50752917");
  ASSERT_EQ(p.text_layer->words.size(), 5u);
  const Word& mrn = p.text_layer->words[3];
  EXPECT_EQ(mrn.text, "MRN");
  EXPECT_EQ(mrn.confidence, 1.0f);
  // 72pt from the left is 300 px; the baseline 660pt up is 550 px down.
  EXPECT_NEAR(mrn.x, 300, 6);
  EXPECT_LT(mrn.y, 550);
  EXPECT_GT(mrn.y + mrn.h, 530);
  for (const Word& w : p.text_layer->words) {
    EXPECT_GT(InkIn(p, w), 0.1) << w.text;
  }
}

TEST(PdfDecodeTest, RotatedPageKeepsBoxesOnTheInk) {
  for (int rotate : {90, 180, 270}) {
    Result<std::vector<PageImage>> pages = DecodePdf(TextPdf(rotate), {});
    ASSERT_TRUE(pages.ok()) << pages.status().ToString();
    const PageImage& p = pages->front();
    EXPECT_EQ(p.width, rotate == 180 ? 2550 : 3300) << rotate;
    ASSERT_TRUE(p.text_layer.has_value());
    EXPECT_EQ(p.text_layer->words.size(), 5u) << rotate;
    for (const Word& w : p.text_layer->words) {
      EXPECT_GT(InkIn(p, w), 0.1) << w.text << " rotate " << rotate;
    }
  }
}

TEST(PdfDecodeTest, PasswordProtectedPdfIsRefused) {
  // Standard security handler with /O and /U that no empty password opens.
  std::string hex32(64, 'A');
  std::string pdf =
      TextPdf(0,
              "/Encrypt 6 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> "
              "<0123456789ABCDEF0123456789ABCDEF>] ",
              "<< /Filter /Standard /V 1 /R 2 /O <" + hex32 + "> /U <" + hex32 +
                  "> /P -4 >>");
  ExpectOneLineError(DecodePages(pdf), Status::Code::kUnsupported, "password");
}

TEST(PdfDecodeTest, TruncatedAndGarbagePdfsAreCorrupt) {
  std::string pdf = TextPdf();
  ExpectOneLineError(DecodePages(pdf.substr(0, pdf.size() / 2)),
                     Status::Code::kCorrupt, "truncated");
  ExpectOneLineError(DecodePages(pdf.substr(0, pdf.size() - 8)),
                     Status::Code::kCorrupt, "truncated");
  std::string garbage = "%PDF-1.7\n";
  for (int i = 0; i < 5000; ++i) garbage += static_cast<char>((i * 7919) % 251);
  garbage += "\n%%EOF\n";
  Result<std::vector<PageImage>> r = DecodePages(garbage);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kCorrupt) << r.status().ToString();
  ExpectOneLineError(DecodePages("%PDF-1.4\n%%EOF\n"), Status::Code::kCorrupt,
                     "PDF");
}

TEST(PdfDecodeTest, LimitsAreEnforced) {
  DecodeLimits one_page;
  one_page.max_pages = 0;
  ExpectOneLineError(DecodePages(TextPdf(), one_page),
                     Status::Code::kUnsupported, "more than 0 pages");
  DecodeLimits small;
  small.max_pixels_per_page = 1'000'000;
  ExpectOneLineError(DecodePages(TextPdf(), small), Status::Code::kUnsupported,
                     "larger than the page limit");
}

TEST(PdfDecodeTest, CorpusCms1500ScanWithTextLayer) {
  std::string path = Corpus("cms1500.pdf");
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "corpus absent: " << path;
  Result<std::vector<PageImage>> pages = TimedDecode("cms1500.pdf");
  ASSERT_TRUE(pages.ok()) << pages.status().ToString();
  ASSERT_EQ(pages->size(), 2u);
  EXPECT_EQ((*pages)[1].dpi_x, kPdfVectorDpi);  // its scan is hidden content
  const PageImage& p1 = (*pages)[0];
  EXPECT_EQ(p1.dpi_x, kPdfMinDpi);  // a 149-dpi JPEG, clamped up
  EXPECT_EQ(p1.width, 1275);
  EXPECT_EQ(p1.height, 1650);
  ASSERT_TRUE(p1.text_layer.has_value());
  EXPECT_GT(p1.text_layer->words.size(), 20u);
  for (const Word& w : p1.text_layer->words) {
    EXPECT_LE(w.x + w.w, p1.width);
    EXPECT_LE(w.y + w.h, p1.height);
  }
}

TEST(PdfDecodeTest, CorpusHealthcareIsTwo300DpiScansWithText) {
  if (!std::filesystem::exists(Corpus("healthcare.pdf"))) {
    GTEST_SKIP() << "corpus absent: " << Corpus("healthcare.pdf");
  }
  Result<std::vector<PageImage>> pages = TimedDecode("healthcare.pdf");
  ASSERT_TRUE(pages.ok()) << pages.status().ToString();
  ASSERT_EQ(pages->size(), 2u);
  for (const PageImage& p : *pages) {
    EXPECT_EQ(p.dpi_x, 300);
    EXPECT_EQ(p.dpi_y, 300);
    EXPECT_EQ(p.width, 2550);
    EXPECT_EQ(p.height, 3300);
  }
  // The card's typed entries are a text layer over the scan.
  ASSERT_TRUE((*pages)[0].text_layer.has_value());
  EXPECT_NE((*pages)[0].text_layer->text.find("TACTICAL COMBAT CASUALTY CARE"),
            std::string::npos);
}

TEST(PdfDecodeTest, CorpusPlainScansHaveNoTextLayer) {
  const std::string name = "custom_flattened-svSzt1Bc.pdf";
  if (!std::filesystem::exists(Corpus(name))) {
    GTEST_SKIP() << "corpus absent: " << Corpus(name);
  }
  Result<std::vector<PageImage>> pages = TimedDecode(name);
  ASSERT_TRUE(pages.ok()) << pages.status().ToString();
  ASSERT_EQ(pages->size(), 2u);
  for (const PageImage& p : *pages) {
    // 1728x2292 px on a letter page; the image does not quite fill it
    // (pdfimages says 230 ppi), the page-size estimate gives 208.
    EXPECT_EQ(p.dpi_x, 208);
    EXPECT_FALSE(p.text_layer.has_value());
  }
}

TEST(PdfDecodeTest, CorpusImageSizesMatchPdfimages) {
  // Expected values as `pdfimages -list` reports them.
  struct Case {
    const char* file;
    std::vector<PdfPageImage> images;
  };
  for (const Case& c : std::vector<Case>{
           {"cms1500.pdf", {{1267, 1639}, {0, 0}}},
           {"healthcare.pdf", {{2550, 3300}, {2550, 3296}}},
           {"custom_flattened-svSzt1Bc.pdf", {{1728, 2292}, {1728, 2292}}},
           {"ub04_sample.pdf", {{0, 0}}},
           {"ucfforminstruct.pdf",
            {{1150, 1350}, {0, 0}, {0, 0}, {0, 0}, {0, 0}}}}) {
    std::string path = Corpus(c.file);
    if (!std::filesystem::exists(path))
      GTEST_SKIP() << "corpus absent: " << path;
    std::vector<PdfPageImage> got = LargestImagePerPage(ReadFile(path), 100);
    ASSERT_EQ(got.size(), c.images.size()) << c.file;
    for (size_t i = 0; i < got.size(); ++i) {
      EXPECT_EQ(got[i].width, c.images[i].width) << c.file << " page " << i + 1;
      EXPECT_EQ(got[i].height, c.images[i].height)
          << c.file << " page " << i + 1;
    }
  }
}

TEST(PdfDecodeTest, CorpusVectorFormHasItsTextLayer) {
  std::string path = Corpus("ub04_sample.pdf");
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "corpus absent: " << path;
  Result<std::vector<PageImage>> pages = DecodePages(ReadFile(path));
  ASSERT_TRUE(pages.ok()) << pages.status().ToString();
  ASSERT_EQ(pages->size(), 1u);
  EXPECT_EQ(pages->front().dpi_x, kPdfVectorDpi);
  ASSERT_TRUE(pages->front().text_layer.has_value());
}

TEST(PdfDecodeTest, CorpusTruncatedRealPdfIsCorrupt) {
  std::string path = Corpus("cms1500.pdf");
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "corpus absent: " << path;
  std::string bytes = ReadFile(path);
  for (size_t cut :
       {bytes.size() / 10, bytes.size() * 6 / 10, bytes.size() - 100}) {
    Result<std::vector<PageImage>> r = DecodePages(bytes.substr(0, cut));
    ASSERT_FALSE(r.ok()) << "cut at " << cut;
    EXPECT_EQ(r.status().code(), Status::Code::kCorrupt);
  }
}

}  // namespace
}  // namespace intake::capture
