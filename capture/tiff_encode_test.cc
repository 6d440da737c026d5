#include "capture/tiff_encode.h"

#include <gtest/gtest.h>
#include <tiffio.h>

#include <fstream>

#include "capture/decode.h"
#include "common/testing/temp_dir.h"

namespace intake::capture {
namespace {

PageImage Gray(int w, int h, int dpi) {
  PageImage p;
  p.width = w;
  p.height = h;
  p.channels = 1;
  p.dpi_x = p.dpi_y = dpi;
  p.pixels.resize(static_cast<size_t>(w) * h);
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x)
      p.pixels[y * w + x] = static_cast<char>(x * 7 + y * 3);
  }
  return p;
}

PageImage Bgr(int w, int h, int dpi) {
  PageImage p;
  p.width = w;
  p.height = h;
  p.channels = 3;
  p.dpi_x = p.dpi_y = dpi;
  p.pixels.resize(static_cast<size_t>(w) * h * 3);
  for (size_t i = 0; i < p.pixels.size(); ++i) {
    p.pixels[i] = static_cast<char>((i * 2654435761u) >> 13);
  }
  return p;
}

PageImage Lineart(int w, int h) {
  PageImage p;
  p.width = w;
  p.height = h;
  p.pixels.resize(static_cast<size_t>(w) * h);
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      p.pixels[y * w + x] = ((x / 10 + y / 10) % 2) ? '\xff' : '\0';
    }
  }
  return p;  // dpi unknown: 0
}

uint8_t U(char c) { return static_cast<uint8_t>(c); }

TEST(TiffEncodeTest, ThreeKindsOfPageRoundTrip) {
  const std::vector<PageImage> pages = {Gray(211, 157, 300), Bgr(120, 90, 200),
                                        Lineart(64, 48)};
  Result<std::string> tiff = EncodeTiff(pages);
  ASSERT_TRUE(tiff.ok()) << tiff.status().message();
  EXPECT_EQ(SniffFormat(*tiff), FileFormat::kTiff);

  Result<std::vector<PageImage>> back = DecodePages(*tiff);
  ASSERT_TRUE(back.ok()) << back.status().message();
  ASSERT_EQ(back->size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    const PageImage& in = pages[i];
    const PageImage& out = (*back)[i];
    EXPECT_EQ(out.width, in.width) << "page " << i + 1;
    EXPECT_EQ(out.height, in.height) << "page " << i + 1;
    EXPECT_EQ(out.dpi_x, in.dpi_x) << "page " << i + 1;
    EXPECT_EQ(out.dpi_y, in.dpi_y) << "page " << i + 1;
  }
  EXPECT_TRUE((*back)[0].pixels == pages[0].pixels);
  EXPECT_TRUE((*back)[2].pixels == pages[2].pixels);
  // DecodePages gives gray: the colour page comes back as its luma.
  const PageImage& color = pages[1];
  const std::string& luma = (*back)[1].pixels;
  ASSERT_EQ(luma.size(), static_cast<size_t>(color.width) * color.height);
  for (size_t i = 0; i < luma.size(); ++i) {
    const int b = U(color.pixels[3 * i]), g = U(color.pixels[3 * i + 1]),
              r = U(color.pixels[3 * i + 2]);
    ASSERT_EQ(U(luma[i]), (77 * r + 150 * g + 29 * b) >> 8) << "pixel " << i;
  }
}

TEST(TiffEncodeTest, ColourIsStoredAsLosslessDeflateRgb) {
  const PageImage page = Bgr(33, 21, 150);
  Result<std::string> tiff = EncodeTiff({Gray(10, 10, 150), page});
  ASSERT_TRUE(tiff.ok()) << tiff.status().message();
  testing::TempDir dir;
  std::ofstream(dir.File("batch.tif"), std::ios::binary) << *tiff;
  TIFF* tif = TIFFOpen(dir.File("batch.tif").c_str(), "r");
  ASSERT_NE(tif, nullptr);
  uint16_t compression = 0, photometric = 0, spp = 0;
  TIFFGetField(tif, TIFFTAG_COMPRESSION, &compression);
  TIFFGetField(tif, TIFFTAG_PHOTOMETRIC, &photometric);
  EXPECT_EQ(compression, COMPRESSION_ADOBE_DEFLATE);
  EXPECT_EQ(photometric, PHOTOMETRIC_MINISBLACK);
  ASSERT_EQ(TIFFReadDirectory(tif), 1);
  TIFFGetField(tif, TIFFTAG_COMPRESSION, &compression);
  TIFFGetField(tif, TIFFTAG_PHOTOMETRIC, &photometric);
  TIFFGetField(tif, TIFFTAG_SAMPLESPERPIXEL, &spp);
  EXPECT_EQ(compression, COMPRESSION_ADOBE_DEFLATE);
  EXPECT_EQ(photometric, PHOTOMETRIC_RGB);
  EXPECT_EQ(spp, 3);
  std::string row(TIFFScanlineSize(tif), '\0');
  ASSERT_EQ(row.size(), static_cast<size_t>(page.width) * 3);
  for (int y = 0; y < page.height; ++y) {
    ASSERT_EQ(TIFFReadScanline(tif, row.data(), y, 0), 1);
    for (int x = 0; x < page.width; ++x) {
      const char* bgr = page.pixels.data() + (y * page.width + x) * 3;
      ASSERT_EQ(row[3 * x], bgr[2]) << x << "," << y;
      ASSERT_EQ(row[3 * x + 1], bgr[1]) << x << "," << y;
      ASSERT_EQ(row[3 * x + 2], bgr[0]) << x << "," << y;
    }
  }
  EXPECT_EQ(TIFFReadDirectory(tif), 0) << "exactly two pages";
  TIFFClose(tif);
}

TEST(TiffEncodeTest, BadInputIsAnError) {
  Result<std::string> empty = EncodeTiff({});
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(empty.status().message(), "no pages to put in a TIFF file");

  PageImage short_pixels = Gray(10, 10, 300);
  short_pixels.pixels.resize(99);
  Result<std::string> r = EncodeTiff({Gray(10, 10, 300), short_pixels});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "page 2 has 99 bytes of pixels for its size");

  PageImage two_channels = Gray(10, 5, 300);
  two_channels.channels = 2;
  EXPECT_EQ(EncodeTiff({two_channels}).status().message(),
            "page 1 has 2 channels; 1 (gray) or 3 (BGR) expected");
  EXPECT_EQ(EncodeTiff({PageImage{}}).status().message(),
            "page 1 has no valid size");
}

TEST(TiffEncodeTest, WhitePageCompressesWell) {
  PageImage a4;  // A4 at 300 dpi, white with a little text-like ink
  a4.width = 2480;
  a4.height = 3508;
  a4.dpi_x = a4.dpi_y = 300;
  a4.pixels.assign(static_cast<size_t>(a4.width) * a4.height, '\xff');
  for (int y = 300; y < 3200; y += 40) {
    for (int x = 200; x < 2200; ++x) a4.pixels[y * a4.width + x] = '\0';
  }
  Result<std::string> tiff = EncodeTiff({a4});
  ASSERT_TRUE(tiff.ok()) << tiff.status().message();
  EXPECT_LT(tiff->size(), a4.pixels.size() / 50);
}

}  // namespace
}  // namespace intake::capture
