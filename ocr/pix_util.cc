#include "ocr/pix_util.h"

#include <array>
#include <cstdint>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

namespace {

// Each byte's bits in reverse order.
constexpr std::array<uint8_t, 256> kReversedBits = [] {
  std::array<uint8_t, 256> table{};
  for (int v = 0; v < 256; ++v) {
    for (int b = 0; b < 8; ++b) {
      if (v & (1 << b)) table[v] |= 0x80 >> b;
    }
  }
  return table;
}();

// Leptonica's word for 32 pixels, the first in its most significant bit,
// from a mask with pixel i in bit i.
l_uint32 MostSignificantFirst(uint32_t mask) {
  return static_cast<l_uint32>(kReversedBits[mask & 0xff]) << 24 |
         static_cast<l_uint32>(kReversedBits[(mask >> 8) & 0xff]) << 16 |
         static_cast<l_uint32>(kReversedBits[(mask >> 16) & 0xff]) << 8 |
         kReversedBits[mask >> 24];
}

}  // namespace

PixPtr ToPix1(const cv::Mat& binary) {
  PixPtr pix(pixCreate(binary.cols, binary.rows, 1));
  if (!pix) return nullptr;
  l_uint32* data = pixGetData(pix.get());
  const int wpl = pixGetWpl(pix.get());
  for (int y = 0; y < binary.rows; ++y) {
    const uint8_t* row = binary.ptr<uint8_t>(y);
    l_uint32* line = data + static_cast<size_t>(y) * wpl;
    int x = 0;
    for (int w = 0; x + 32 <= binary.cols; ++w, x += 32) {
      uint32_t ink = 0;
#if defined(__SSE2__)
      // 16 pixels a compare (a pixel-by-pixel loop took 8% of the page's
      // orientation and skew analysis).
      const __m128i zero = _mm_setzero_si128();
      const auto paper = [&](int at) {
        const __m128i v =
            _mm_loadu_si128(reinterpret_cast<const __m128i*>(row + x + at));
        return static_cast<uint32_t>(
            _mm_movemask_epi8(_mm_cmpeq_epi8(v, zero)));
      };
      ink = ~(paper(0) | paper(16) << 16);
#else
      for (int b = 0; b < 32; ++b)
        ink |= static_cast<uint32_t>(row[x + b] != 0) << b;
#endif
      line[w] = MostSignificantFirst(ink);
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
