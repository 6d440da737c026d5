#include "capture/barcode.h"

#include <ZXing/BarcodeFormat.h>
#include <ZXing/ReadBarcode.h>

#include <algorithm>
#include <exception>

#include "capture/patch_code.h"

namespace intake::capture {
namespace {

// zxing-cpp's names without the dash ("EAN-13" -> "EAN13").
std::string FormatName(ZXing::BarcodeFormat format) {
  std::string name = ZXing::ToString(format);
  name.erase(std::remove(name.begin(), name.end(), '-'), name.end());
  return name;
}

}  // namespace

std::vector<Barcode> ReadBarcodes(const PageImage& page) {
  if (page.width <= 0 || page.height <= 0 ||
      (page.channels != 1 && page.channels != 3) ||
      page.pixels.size() <
          static_cast<size_t>(page.width) * page.height * page.channels) {
    return {};
  }
  ZXing::ImageView view(
      reinterpret_cast<const uint8_t*>(page.pixels.data()), page.width,
      page.height,
      page.channels == 1 ? ZXing::ImageFormat::Lum : ZXing::ImageFormat::BGR);
  // Not tryDownscale: Debian's zxing-cpp 1.4 keeps its asserts, and merging
  // the results of the downscaled layers aborts the process on some linear
  // codes (Result::operator== "lineCount() == 1", zxing-cpp issue #740, fixed
  // upstream after 1.4). Measured on a 300-dpi letter page it also bought
  // nothing: tryHarder + tryRotate found every test code in 40-75 ms.
  ZXing::DecodeHints hints;
  hints.setTryHarder(true).setTryRotate(true).setTryDownscale(false);
  ZXing::Results results;
  try {
    results = ZXing::ReadBarcodes(view, hints);
  } catch (const std::exception&) {
    return {};  // a reader bug must not take the page down with it
  }
  std::vector<std::pair<int, Barcode>> found;
  for (const ZXing::Result& r : results) {
    if (!r.isValid()) continue;
    Barcode b{FormatName(r.format()), r.text()};
    bool seen = std::any_of(found.begin(), found.end(), [&](const auto& f) {
      return f.second.format == b.format && f.second.text == b.text;
    });
    if (seen) continue;
    const ZXing::Position& at = r.position();
    int top = std::min({at[0].y, at[1].y, at[2].y, at[3].y});
    found.emplace_back(top, std::move(b));
  }
  std::stable_sort(
      found.begin(), found.end(),
      [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<Barcode> out;
  for (auto& f : found) out.push_back(std::move(f.second));
  // Patch codes carry no text: their name is their format.
  for (std::string& patch : ReadPatchCodes(page)) {
    out.push_back({std::move(patch), ""});
  }
  return out;
}

}  // namespace intake::capture
