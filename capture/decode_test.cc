#include "capture/decode.h"

#include <gtest/gtest.h>
#include <tiffio.h>
#include <unistd.h>
#include <zlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <sstream>

// libjpeg needs FILE and size_t declared first.
#include <jpeglib.h>

namespace intake::capture {
namespace {

// A white page with a black rectangle: easy to check after decoding.
cv::Mat TestPage(int w, int h) {
  cv::Mat m(h, w, CV_8UC1, cv::Scalar(255));
  cv::rectangle(m, cv::Rect(w / 4, h / 4, w / 2, h / 2), cv::Scalar(0),
                cv::FILLED);
  return m;
}

std::string Encode(const cv::Mat& m, const std::string& ext) {
  std::vector<uchar> buf;
  EXPECT_TRUE(cv::imencode(ext, m, buf));
  return std::string(buf.begin(), buf.end());
}

// Writes pages with libtiff to a temporary file and returns its bytes.
std::string MultiPageTiff(const std::vector<cv::Mat>& pages,
                          const std::vector<uint16_t>& compressions, int dpi) {
  std::string path =
      "/tmp/intake-decode-test-" + std::to_string(getpid()) + ".tif";
  TIFF* tif = TIFFOpen(path.c_str(), "w");
  EXPECT_NE(tif, nullptr);
  for (size_t i = 0; i < pages.size(); ++i) {
    const cv::Mat& m = pages[i];
    const bool bilevel = compressions[i] == COMPRESSION_CCITTFAX4 ||
                         compressions[i] == COMPRESSION_CCITTFAX3;
    TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, m.cols);
    TIFFSetField(tif, TIFFTAG_IMAGELENGTH, m.rows);
    TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, 1);
    TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, bilevel ? 1 : 8);
    TIFFSetField(tif, TIFFTAG_COMPRESSION, compressions[i]);
    TIFFSetField(tif, TIFFTAG_PHOTOMETRIC,
                 bilevel ? PHOTOMETRIC_MINISWHITE : PHOTOMETRIC_MINISBLACK);
    TIFFSetField(tif, TIFFTAG_XRESOLUTION, static_cast<float>(dpi));
    TIFFSetField(tif, TIFFTAG_YRESOLUTION, static_cast<float>(dpi));
    TIFFSetField(tif, TIFFTAG_RESOLUTIONUNIT, RESUNIT_INCH);
    TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP, m.rows);
    TIFFSetField(tif, TIFFTAG_SUBFILETYPE, FILETYPE_PAGE);
    std::vector<uint8_t> row((m.cols + 7) / 8);
    for (int y = 0; y < m.rows; ++y) {
      if (bilevel) {
        std::fill(row.begin(), row.end(), 0);
        for (int x = 0; x < m.cols; ++x) {
          if (m.at<uint8_t>(y, x) < 128) row[x / 8] |= 0x80 >> (x % 8);
        }
        TIFFWriteScanline(tif, row.data(), y, 0);
      } else {
        TIFFWriteScanline(tif, const_cast<uint8_t*>(m.ptr(y)), y, 0);
      }
    }
    TIFFWriteDirectory(tif);
  }
  TIFFClose(tif);
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::filesystem::remove(path);
  return ss.str();
}

uint8_t PixelAt(const PageImage& p, int x, int y) {
  return static_cast<uint8_t>(p.pixels[static_cast<size_t>(y) * p.width + x]);
}

TEST(DecodeTest, PngBecomesOneGrayPage) {
  Result<std::vector<PageImage>> pages =
      DecodePages(Encode(TestPage(200, 300), ".png"));
  ASSERT_TRUE(pages.ok()) << pages.status().ToString();
  ASSERT_EQ(pages->size(), 1u);
  const PageImage& p = pages->front();
  EXPECT_EQ(p.width, 200);
  EXPECT_EQ(p.height, 300);
  EXPECT_EQ(p.channels, 1);
  EXPECT_EQ(p.pixels.size(), 200u * 300u);
  EXPECT_EQ(PixelAt(p, 5, 5), 255);
  EXPECT_EQ(PixelAt(p, 100, 150), 0);
}

TEST(DecodeTest, ColorJpegBecomesGrayWithJfifDensity) {
  cv::Mat color;
  cv::cvtColor(TestPage(160, 120), color, cv::COLOR_GRAY2BGR);
  std::string jpeg = Encode(color, ".jpg");
  // State 200 dpi in the JFIF header: units=1, X=200, Y=200.
  size_t jfif = jpeg.find(std::string("JFIF\0", 5));
  ASSERT_NE(jfif, std::string::npos);
  jpeg[jfif + 7] = 1;
  jpeg[jfif + 8] = 0;
  jpeg[jfif + 9] = static_cast<char>(200);
  jpeg[jfif + 10] = 0;
  jpeg[jfif + 11] = static_cast<char>(200);
  Result<std::vector<PageImage>> pages = DecodePages(jpeg);
  ASSERT_TRUE(pages.ok()) << pages.status().ToString();
  EXPECT_EQ(pages->front().channels, 1);
  EXPECT_EQ(pages->front().dpi_x, 200);
  EXPECT_EQ(pages->front().dpi_y, 200);
  EXPECT_LT(PixelAt(pages->front(), 80, 60), 40);
}

// Every kind of PNG a scanner or a screenshot tool writes reads as the same
// gray page: 16-bit, palette, color, and color with transparency (clear
// areas are paper, not black).
TEST(DecodeTest, EveryPngKindBecomesGray) {
  const cv::Mat page = TestPage(120, 90);
  cv::Mat deep, color, rgba;
  page.convertTo(deep, CV_16U, 257);
  cv::cvtColor(page, color, cv::COLOR_GRAY2BGR);
  cv::cvtColor(page, rgba, cv::COLOR_GRAY2BGRA);
  for (int y = 0; y < 10; ++y) {  // a transparent strip along the top
    for (int x = 0; x < rgba.cols; ++x) rgba.at<cv::Vec4b>(y, x) = {0, 0, 0, 0};
  }
  std::vector<uchar> palette;
  ASSERT_TRUE(cv::imencode(".png", page, palette,
                           {cv::IMWRITE_PNG_BILEVEL, 1}));  // 1-bit
  for (const auto& [name, bytes] :
       std::vector<std::pair<std::string, std::string>>{
           {"16-bit", Encode(deep, ".png")},
           {"color", Encode(color, ".png")},
           {"bilevel", std::string(palette.begin(), palette.end())},
           {"transparent", Encode(rgba, ".png")}}) {
    Result<std::vector<PageImage>> pages = DecodePages(bytes);
    ASSERT_TRUE(pages.ok()) << name << ": " << pages.status().ToString();
    const PageImage& p = pages->front();
    EXPECT_EQ(p.width, 120) << name;
    EXPECT_EQ(p.channels, 1) << name;
    EXPECT_EQ(PixelAt(p, 5, 5), 255) << name;
    EXPECT_EQ(PixelAt(p, 60, 45), 0) << name;
  }
}

// A PNG written by hand: `rows` are the image's unfiltered bytes (row by
// row, `bpp` bytes a pixel, at least 1); row y uses filter type y % 5 (none,
// sub, up, average, Paeth), and the data is split over several IDAT chunks.
std::string HandMadePng(int width, int height, int depth, int color,
                        const std::vector<uint8_t>& rows, size_t bpp,
                        bool srgb_gamma) {
  const size_t row_bytes = rows.size() / height;
  std::string filtered;
  for (int y = 0; y < height; ++y) {
    const uint8_t* row = rows.data() + y * row_bytes;
    const uint8_t* above = y > 0 ? row - row_bytes : nullptr;
    const int type = y % 5;
    filtered.push_back(static_cast<char>(type));
    for (size_t x = 0; x < row_bytes; ++x) {
      const int a = x >= bpp ? row[x - bpp] : 0;
      const int b = above ? above[x] : 0;
      const int c = above && x >= bpp ? above[x - bpp] : 0;
      const int p = a + b - c;
      const int pa = std::abs(p - a), pb = std::abs(p - b),
                pc = std::abs(p - c);
      const int paeth = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      const int predicted[] = {0, a, b, (a + b) / 2, paeth};
      filtered.push_back(static_cast<char>(row[x] - predicted[type]));
    }
  }
  uLongf size = compressBound(filtered.size());
  std::string z(size, '\0');
  EXPECT_EQ(compress2(reinterpret_cast<Bytef*>(z.data()), &size,
                      reinterpret_cast<const Bytef*>(filtered.data()),
                      filtered.size(), 6),
            Z_OK);
  z.resize(size);
  auto be32 = [](uint32_t v) {
    return std::string{static_cast<char>(v >> 24), static_cast<char>(v >> 16),
                       static_cast<char>(v >> 8), static_cast<char>(v)};
  };
  auto chunk = [&](const std::string& type, const std::string& body) {
    const std::string typed = type + body;
    return be32(static_cast<uint32_t>(body.size())) + typed +
           be32(static_cast<uint32_t>(crc32(
               0, reinterpret_cast<const Bytef*>(typed.data()), typed.size())));
  };
  std::string png = "\x89PNG\r\n\x1a\n";
  png += chunk("IHDR", be32(width) + be32(height) +
                           std::string{static_cast<char>(depth),
                                       static_cast<char>(color), 0, 0, 0});
  if (srgb_gamma) png += chunk("gAMA", be32(45455));
  const size_t third = z.size() / 3 + 1;
  for (size_t at = 0; at < z.size(); at += third) {
    png += chunk("IDAT", z.substr(at, third));
  }
  return png + chunk("IEND", "");
}

// Scanners' PNGs (8-bit gray or color, 1-bit gray) are decoded without
// libpng, by our own reading of the chunks and filters: each filter type, a
// width that is not a whole number of bytes or pixels of a filter's reach,
// and image data over several chunks come out exactly as drawn.
TEST(DecodeTest, PngRowFiltersAreUndoneExactly) {
  const int w = 37, h = 23;
  std::vector<uint8_t> gray(w * h), rgb(w * h * 3), bits(h * ((w + 7) / 8));
  uint32_t seed = 12345;
  auto next = [&seed] { return (seed = seed * 1103515245 + 12345) >> 16; };
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      // Smooth ramps (where prediction matters) with noise on some rows.
      const int v = (x * 7 + y * 5 + (y % 3 == 0 ? next() % 64 : 0)) % 256;
      gray[y * w + x] = static_cast<uint8_t>(v);
      for (int c = 0; c < 3; ++c) {
        rgb[(y * w + x) * 3 + c] = static_cast<uint8_t>((v + 85 * c) % 256);
      }
      if (next() % 3 == 0) bits[y * ((w + 7) / 8) + x / 8] |= 0x80 >> (x % 8);
    }
  }
  for (bool gamma : {false, true}) {
    Result<std::vector<PageImage>> g =
        DecodePages(HandMadePng(w, h, 8, 0, gray, 1, gamma));
    ASSERT_TRUE(g.ok()) << g.status().ToString();
    EXPECT_EQ(g->front().pixels, std::string(gray.begin(), gray.end()));

    Result<std::vector<PageImage>> c =
        DecodePages(HandMadePng(w, h, 8, 2, rgb, 3, gamma));
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    ASSERT_EQ(c->front().pixels.size(), gray.size());
    for (int i = 0; i < w * h; ++i) {
      const int luma = (299 * rgb[3 * i] + 587 * rgb[3 * i + 1] +
                        114 * rgb[3 * i + 2] + 500) /
                       1000;
      ASSERT_EQ(static_cast<uint8_t>(c->front().pixels[i]), luma) << i;
    }

    Result<std::vector<PageImage>> b =
        DecodePages(HandMadePng(w, h, 1, 0, bits, 1, gamma));
    ASSERT_TRUE(b.ok()) << b.status().ToString();
    for (int y = 0; y < h; ++y) {
      for (int x = 0; x < w; ++x) {
        const bool white = bits[y * ((w + 7) / 8) + x / 8] & (0x80 >> (x % 8));
        ASSERT_EQ(PixelAt(b->front(), x, y), white ? 255 : 0) << x << "," << y;
      }
    }
  }
  // The hand-made file is a valid PNG: libpng (through OpenCV) agrees.
  const std::string png = HandMadePng(w, h, 8, 0, gray, 1, false);
  const cv::Mat ref = cv::imdecode(std::vector<uchar>(png.begin(), png.end()),
                                   cv::IMREAD_UNCHANGED);
  ASSERT_EQ(ref.type(), CV_8UC1);
  EXPECT_EQ(std::string(ref.datastart, ref.dataend),
            std::string(gray.begin(), gray.end()));
}

// Real scans' PNGs decode to the same pixels as libpng gives.
TEST(DecodeTest, CorpusPngsDecodeAsLibpngDoes) {
  const std::filesystem::path corpus(INTAKE_CORPUS);
  if (!std::filesystem::exists(corpus)) {
    GTEST_SKIP() << "corpus absent: " << corpus;
  }
  int compared = 0;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(corpus)) {
    if (entry.path().extension() != ".png" || compared >= 12) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)),
                            std::istreambuf_iterator<char>());
    const cv::Mat ref = cv::imdecode(
        std::vector<uchar>(bytes.begin(), bytes.end()), cv::IMREAD_UNCHANGED);
    if (ref.type() != CV_8UC1) continue;
    Result<std::vector<PageImage>> pages = DecodePages(bytes);
    ASSERT_TRUE(pages.ok())
        << entry.path() << ": " << pages.status().ToString();
    ASSERT_EQ(pages->front().width, ref.cols) << entry.path();
    EXPECT_TRUE(pages->front().pixels ==
                std::string(ref.datastart, ref.dataend))
        << entry.path();
    ++compared;
  }
  EXPECT_GT(compared, 0) << "no 8-bit gray PNG under " << corpus;
}

// Colored ink keeps its contrast whatever the format: red print or a red
// stamp is as dark in a PNG as in a JPEG (luma weights on encoded values).
TEST(DecodeTest, RedInkIsAsDarkInPngAsInJpeg) {
  cv::Mat page(60, 80, CV_8UC3, cv::Scalar(255, 255, 255));
  page(cv::Rect(20, 20, 40, 20)).setTo(cv::Scalar(0, 0, 255));  // BGR red
  for (const char* ext : {".png", ".jpg"}) {
    Result<std::vector<PageImage>> pages = DecodePages(Encode(page, ext));
    ASSERT_TRUE(pages.ok()) << ext << ": " << pages.status().ToString();
    EXPECT_NEAR(PixelAt(pages->front(), 40, 30), 76, 6) << ext;
    EXPECT_GT(PixelAt(pages->front(), 5, 5), 245) << ext;
  }
}

// A CMYK JPEG (as prepress tools and some copiers write it, inverted with
// Adobe's marker): black ink reads black, no ink reads white.
TEST(DecodeTest, CmykJpegBecomesGray) {
  const int w = 64, h = 48;
  jpeg_compress_struct cinfo;
  jpeg_error_mgr err;
  cinfo.err = jpeg_std_error(&err);
  jpeg_create_compress(&cinfo);
  unsigned char* out = nullptr;
  unsigned long size = 0;
  jpeg_mem_dest(&cinfo, &out, &size);
  cinfo.image_width = w;
  cinfo.image_height = h;
  cinfo.input_components = 4;
  cinfo.in_color_space = JCS_CMYK;
  jpeg_set_defaults(&cinfo);
  cinfo.write_Adobe_marker = TRUE;
  jpeg_start_compress(&cinfo, TRUE);
  std::vector<JSAMPLE> row(4 * w);
  while (cinfo.next_scanline < cinfo.image_height) {
    const bool inked = cinfo.next_scanline >= h / 2;  // bottom half black
    for (int x = 0; x < w; ++x) {
      // Inverted: 255 is no ink. Black is K=full ink, CMY none.
      row[4 * x] = row[4 * x + 1] = row[4 * x + 2] = 255;
      row[4 * x + 3] = inked ? 0 : 255;
    }
    JSAMPROW r = row.data();
    jpeg_write_scanlines(&cinfo, &r, 1);
  }
  jpeg_finish_compress(&cinfo);
  jpeg_destroy_compress(&cinfo);
  std::string jpeg(reinterpret_cast<char*>(out), size);
  free(out);
  Result<std::vector<PageImage>> pages = DecodePages(jpeg);
  ASSERT_TRUE(pages.ok()) << pages.status().ToString();
  EXPECT_GT(PixelAt(pages->front(), 10, 5), 245);
  EXPECT_LT(PixelAt(pages->front(), 10, 40), 10);
}

TEST(DecodeTest, BmpBecomesGray) {
  cv::Mat color;
  cv::cvtColor(TestPage(100, 80), color, cv::COLOR_GRAY2BGR);
  for (const cv::Mat& m : {TestPage(100, 80), color}) {
    Result<std::vector<PageImage>> pages = DecodePages(Encode(m, ".bmp"));
    ASSERT_TRUE(pages.ok()) << pages.status().ToString();
    EXPECT_EQ(pages->front().width, 100);
    EXPECT_EQ(PixelAt(pages->front(), 3, 3), 255);
    EXPECT_EQ(PixelAt(pages->front(), 50, 40), 0);
  }
}

// Damage inside a complete file (a bad checksum, garbage for compressed
// data) is a one-line error, never a crash or a half-gray page.
TEST(DecodeTest, DamagedDataIsCorrupt) {
  std::string png = Encode(TestPage(200, 200), ".png");
  const size_t idat = png.find("IDAT");
  ASSERT_NE(idat, std::string::npos);
  for (size_t i = idat + 8; i < idat + 40; ++i) png[i] = static_cast<char>(i);
  Result<std::vector<PageImage>> r = DecodePages(png);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kCorrupt);
  EXPECT_NE(r.status().message().find("cannot decode PNG"), std::string::npos)
      << r.status().message();
  EXPECT_EQ(r.status().message().find('\n'), std::string::npos);

  std::string jpeg = Encode(TestPage(200, 200), ".jpg");
  const size_t sof = jpeg.find("\xFF\xC0");
  ASSERT_NE(sof, std::string::npos);
  jpeg[sof + 9] = 7;  // seven components: no JPEG has that
  r = DecodePages(jpeg);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("cannot decode JPEG"), std::string::npos)
      << r.status().message();

  std::string bmp = Encode(TestPage(100, 80), ".bmp");
  bmp[28] = 3;  // three bits per pixel
  r = DecodePages(bmp);
  EXPECT_FALSE(r.ok());
}

TEST(DecodeTest, MultiPageTiffKeepsEveryPageAndItsResolution) {
  // Every compression scanners and fax servers write, one page each.
  const std::vector<uint16_t> compressions = {
      COMPRESSION_LZW,  COMPRESSION_CCITTFAX4,     COMPRESSION_NONE,
      COMPRESSION_JPEG, COMPRESSION_ADOBE_DEFLATE, COMPRESSION_CCITTFAX3};
  std::vector<cv::Mat> images;
  for (size_t i = 0; i < compressions.size(); ++i) {
    images.push_back(TestPage(304 + 16 * static_cast<int>(i), 400));
  }
  std::string tiff = MultiPageTiff(images, compressions, 300);
  Result<std::vector<PageImage>> pages = DecodePages(tiff);
  ASSERT_TRUE(pages.ok()) << pages.status().ToString();
  ASSERT_EQ(pages->size(), compressions.size());
  for (size_t i = 0; i < compressions.size(); ++i) {
    const PageImage& p = (*pages)[i];
    EXPECT_EQ(p.width, 304 + 16 * static_cast<int>(i));
    EXPECT_EQ(p.dpi_x, 300);
    // JPEG is lossy: near white and near black are enough.
    EXPECT_GT(PixelAt(p, 2, 2), 245) << "page " << i + 1;
    EXPECT_LT(PixelAt(p, p.width / 2, 200), 10) << "page " << i + 1;
  }
}

TEST(DecodeTest, CorpusPhototestTiff) {
  std::string path = std::string(INTAKE_CORPUS) + "/tesseract/phototest.tif";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "corpus absent: " << path;
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  Result<std::vector<PageImage>> pages = DecodePages(ss.str());
  ASSERT_TRUE(pages.ok()) << pages.status().ToString();
  ASSERT_EQ(pages->size(), 1u);
  EXPECT_GT(pages->front().width, 500);
}

TEST(DecodeTest, EmptyFileIsCorrupt) {
  Result<std::vector<PageImage>> r = DecodePages("");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "empty file");
}

TEST(DecodeTest, TextFileIsNotAnImage) {
  Result<std::vector<PageImage>> r =
      DecodePages("Dear Dr. Rivera,\nplease find\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kUnsupported);
  EXPECT_NE(r.status().message().find("not an image"), std::string::npos);
}

TEST(DecodeTest, TruncatedFilesAreCorrupt) {
  for (const char* ext : {".png", ".jpg"}) {
    std::string bytes = Encode(TestPage(400, 400), ext);
    Result<std::vector<PageImage>> r =
        DecodePages(bytes.substr(0, bytes.size() / 2));
    ASSERT_FALSE(r.ok()) << ext;
    EXPECT_NE(r.status().message().find("truncated"), std::string::npos) << ext;
  }
  std::string tiff = MultiPageTiff({TestPage(300, 400), TestPage(300, 400)},
                                   {COMPRESSION_LZW, COMPRESSION_LZW}, 300);
  for (size_t cut : {tiff.size() / 3, tiff.size() - 40, size_t{10}}) {
    Result<std::vector<PageImage>> r = DecodePages(tiff.substr(0, cut));
    EXPECT_FALSE(r.ok()) << "cut at " << cut;
  }
}

TEST(DecodeTest, HugeDimensionsAreRefusedBeforeDecoding) {
  std::string png = Encode(TestPage(64, 64), ".png");
  // IHDR width/height live at bytes 16..23: claim 200000 x 200000.
  const char huge[4] = {0x00, 0x03, 0x0D, 0x40};
  png.replace(16, 4, huge, 4);
  png.replace(20, 4, huge, 4);
  Result<std::vector<PageImage>> r = DecodePages(png);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("larger than the page limit"),
            std::string::npos)
      << r.status().message();
}

TEST(DecodeTest, PdfPagesAreRendered) {
  // One empty letter page: a vector page, rendered at 300 dpi.
  std::string pdf = "%PDF-1.4\n";
  std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"};
  std::string xref;
  for (size_t i = 0; i < objects.size(); ++i) {
    char line[32];
    std::snprintf(line, sizeof(line), "%010zu 00000 n \n", pdf.size());
    xref += line;
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  size_t start = pdf.size();
  pdf += "xref\n0 4\n0000000000 65535 f \n" + xref +
         "trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n" +
         std::to_string(start) + "\n%%EOF\n";
  Result<std::vector<PageImage>> pages = DecodePages(pdf);
  ASSERT_TRUE(pages.ok()) << pages.status().ToString();
  ASSERT_EQ(pages->size(), 1u);
  EXPECT_EQ(pages->front().width, 2550);
  EXPECT_EQ(pages->front().dpi_x, 300);
  EXPECT_EQ(PixelAt(pages->front(), 100, 100), 255);
  EXPECT_FALSE(pages->front().text_layer.has_value());

  Result<std::vector<PageImage>> cut = DecodePages("%PDF-1.4\n...");
  ASSERT_FALSE(cut.ok());
  EXPECT_EQ(cut.status().code(), Status::Code::kCorrupt);
  EXPECT_NE(cut.status().message().find("PDF"), std::string::npos);
}

}  // namespace
}  // namespace intake::capture
