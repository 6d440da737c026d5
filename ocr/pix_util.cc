#include "ocr/pix_util.h"

#include <cstring>

namespace intake::ocr {

PixPtr ToPix(const cv::Mat& gray, int dpi) {
  PixPtr pix(pixCreate(gray.cols, gray.rows, 8));
  if (!pix) return nullptr;
  l_uint32* data = pixGetData(pix.get());
  const int wpl = pixGetWpl(pix.get());
  for (int y = 0; y < gray.rows; ++y) {
    std::memcpy(data + static_cast<size_t>(y) * wpl, gray.ptr(y), gray.cols);
  }
  // Leptonica keeps bytes in 32-bit words in big-endian order.
  pixEndianByteSwap(pix.get());
  if (dpi > 0) pixSetResolution(pix.get(), dpi, dpi);
  return pix;
}

PixPtr ToPix1(const cv::Mat& binary) {
  PixPtr pix(pixCreate(binary.cols, binary.rows, 1));
  if (!pix) return nullptr;
  l_uint32* data = pixGetData(pix.get());
  const int wpl = pixGetWpl(pix.get());
  for (int y = 0; y < binary.rows; ++y) {
    const uint8_t* row = binary.ptr<uint8_t>(y);
    l_uint32* line = data + static_cast<size_t>(y) * wpl;
    // 32 pixels a word, most significant bit first; branch-free so the
    // compiler can vectorise it.
    int x = 0;
    for (int w = 0; x + 32 <= binary.cols; ++w, x += 32) {
      l_uint32 word = 0;
      for (int b = 0; b < 32; ++b)
        word |= static_cast<l_uint32>(row[x + b] != 0) << (31 - b);
      line[w] = word;
    }
    for (; x < binary.cols; ++x) {
      if (row[x]) line[x >> 5] |= 0x80000000u >> (x & 31);
    }
  }
  return pix;
}

std::string EncodeJpeg(const cv::Mat& gray, int quality) {
  PixPtr pix = ToPix(gray);
  l_uint8* data = nullptr;
  size_t size = 0;
  if (!pix || pixWriteMemJpeg(&data, &size, pix.get(), quality, 0) != 0) {
    return {};
  }
  std::string jpeg(reinterpret_cast<const char*>(data), size);
  lept_free(data);
  return jpeg;
}

}  // namespace intake::ocr
