#include "capture/patch_code.h"

#include <algorithm>
#include <cstdint>
#include <map>

namespace intake::capture {
namespace {

// Bar patterns, narrow (N) and wide (W), in scan order.
const std::map<std::string, std::string>& Patterns() {
  static const auto* patterns = new std::map<std::string, std::string>{
      {"WWNN", "PATCH-1"}, {"WNNW", "PATCH-2"}, {"WNWN", "PATCH-3"},
      {"NWWN", "PATCH-4"}, {"NNWW", "PATCH-6"}, {"NWNW", "PATCH-T"}};
  return *patterns;
}

struct Hit {
  std::string name;
  int along = 0;   // where the pattern starts along the scan line
  int across = 0;  // which scan line
};

// Reads a scan line of `n` samples (dark() tells ink) for a patch pattern.
// Widths in pixels: narrow bars and spaces, wide bars.
template <typename Dark>
void ScanLine(int n, int line, double dpi, Dark dark, std::vector<Hit>* hits) {
  const double narrow_min = 0.05 * dpi, narrow_max = 0.12 * dpi;
  const double wide_min = 0.15 * dpi, wide_max = 0.27 * dpi;
  // Runs of equal colour: (dark, start, length).
  struct Run {
    bool dark;
    int start, length;
  };
  std::vector<Run> runs;
  for (int i = 0; i < n;) {
    const bool d = dark(i);
    int j = i + 1;
    while (j < n && dark(j) == d) ++j;
    runs.push_back({d, i, j - i});
    i = j;
  }
  for (size_t r = 1; r + 7 < runs.size() + 1; ++r) {
    if (!runs[r].dark || runs[r - 1].length < narrow_min) continue;
    if (r + 7 < runs.size() && runs[r + 7].length < narrow_min) continue;
    std::string pattern;
    bool ok = true;
    for (int k = 0; k < 7 && ok; ++k) {
      const int len = runs[r + k].length;
      if (k % 2 == 1) {  // a space
        ok = len >= narrow_min && len <= narrow_max;
      } else if (len >= narrow_min && len <= narrow_max) {
        pattern += 'N';
      } else if (len >= wide_min && len <= wide_max) {
        pattern += 'W';
      } else {
        ok = false;
      }
    }
    if (!ok) continue;
    auto it = Patterns().find(pattern);
    if (it != Patterns().end())
      hits->push_back({it->second, runs[r].start, line});
  }
}

// Patterns found on enough neighbouring scan lines to be bars of a patch
// (at least 0.6 in long), not a coincidence of print.
void Confirm(std::vector<Hit> hits, double dpi, double step,
             std::vector<std::string>* out) {
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    return std::tie(a.name, a.along, a.across) <
           std::tie(b.name, b.along, b.across);
  });
  const int need = std::max(3, static_cast<int>(0.6 * dpi / step));
  for (size_t i = 0; i < hits.size(); ++i) {
    int run = 1, last = hits[i].across;
    for (size_t j = i + 1; j < hits.size() && hits[j].name == hits[i].name;
         ++j) {
      if (std::abs(hits[j].along - hits[i].along) > 0.05 * dpi) continue;
      if (hits[j].across - last > 1.5 * step) break;
      if (hits[j].across != last) ++run;
      last = hits[j].across;
    }
    if (run >= need &&
        std::find(out->begin(), out->end(), hits[i].name) == out->end()) {
      out->push_back(hits[i].name);
    }
  }
}

}  // namespace

std::vector<std::string> ReadPatchCodes(const PageImage& page) {
  std::vector<std::string> out;
  const int w = page.width, h = page.height, c = page.channels;
  if (w < 16 || h < 16 || (c != 1 && c != 3) ||
      page.pixels.size() < static_cast<size_t>(w) * h * c) {
    return out;
  }
  const double dpi = page.dpi_x > 0 ? page.dpi_x : std::max(50.0, w / 8.5);
  const double dpi_y = page.dpi_y > 0 ? page.dpi_y : dpi;
  auto dark = [&](int x, int y) {
    const uint8_t* p = reinterpret_cast<const uint8_t*>(page.pixels.data()) +
                       (static_cast<size_t>(y) * w + x) * c;
    const int v = c == 1 ? p[0] : (p[0] + p[1] + p[2]) / 3;
    return v < 128;
  };
  // Bars across the page: scan down columns every 0.05 in.
  std::vector<Hit> hits;
  const int step_x = std::max(1, static_cast<int>(0.05 * dpi));
  for (int x = 0; x < w; x += step_x) {
    ScanLine(
        h, x, dpi_y, [&](int y) { return dark(x, y); }, &hits);
  }
  Confirm(std::move(hits), dpi, step_x, &out);
  // Bars down the page (a sheet fed sideways): scan along rows.
  hits.clear();
  const int step_y = std::max(1, static_cast<int>(0.05 * dpi_y));
  for (int y = 0; y < h; y += step_y) {
    ScanLine(
        w, y, dpi, [&](int x) { return dark(x, y); }, &hits);
  }
  Confirm(std::move(hits), dpi_y, step_y, &out);
  return out;
}

}  // namespace intake::capture
