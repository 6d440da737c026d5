#include "ocr/cleanup.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <optional>
#include <utility>
#include <vector>

namespace intake::ocr {
namespace {

// Tesseract's models read best with glyphs about this tall (x-height near
// 20 px); measured medians at 300 dpi for 10-12 pt text are 19-23 px.
constexpr double kTargetTextHeight = 22;
// The skew a page's captured measure (CapturedSkew) may be off by on a
// fax: a 98-dpi row across eight inches of line is 0.073 degree.
constexpr double kCapturedSkewStep = 0.08;
// Below this median the text is too small to read well: it is enlarged.
constexpr double kMinTextHeight = 15;
constexpr double kMaxUpscale = 4;
// Above this median the page is reduced: Tesseract normalises each text
// line anyway, and layout analysis costs by the pixel. Measured on 60
// generated pages: 16 reads clean and mild 300-dpi pages ~10% faster than
// 20 with word F1 unchanged overall (.930 vs .929); 14 costs F1 on clean
// and severe pages.
constexpr double kMaxTextHeight = 16;
// Pages scanned below this resolution are not reduced: their print is
// already at the edge of legibility (a form's small box labels, blurred
// strokes). Reducing 150-dpi pages with 12-pt text to 120 dpi cost word F1
// .009-.011 on severe pages (generated seeds 88 and 31); 200-dpi pages
// lose little by it (.002) and read ~13% faster.
constexpr int kMinReducedDpi = 200;
// Paper whose median is darker than this is brought to white.
constexpr int kWhitePaper = 245;
// Ink blobs of at most this many pixels, with no other ink near them, are
// scanner dust and salt-and-pepper noise, not periods or i-dots.
constexpr int kSpeckArea = 4;
constexpr int kMinSpecks = 400;
// Marks of ink counted for WithoutCheckBoxes are larger than this (pixels):
// dots of one or two pixels cost Tesseract nothing, it drops them.
constexpr int kMaxDotArea = 2;
// Paper grain (standard deviation of the paper's pixels) above which a 3x3
// median filter is worth what it costs thin strokes. Real scans in the
// corpus measure at most 6.5; noisy generated 150-dpi scans 10-12, where the
// filter lifts word F1 from 0.84 to 0.92 (and costs FUNSD 0.09 at 5).
constexpr double kNoisyPaper = 8;
// Pages larger than this are not despeckled: at 300 dpi and up, specks are
// small beside the text and Tesseract ignores them (and labelling every
// pixel of a large page costs more than it saves).
constexpr double kMaxDespeckleMegapixels = 4.5;
// Shaded bands and cells (a table's striped rows, a heading's band) are
// this light, and at least kShadeBelowPaper darker than the page's paper;
// most of their pixels are within kShadeFlatness of their shade, which
// varies by at most kShadeSpread (a standard deviation; noisy scans measure
// up to 8, a blurred line's smear over 20).
// WithoutShading whitens them when they cover at least kMinShadedFraction
// of the page.
constexpr int kDarkestShade = 150;
constexpr int kLightestShade = 243;
constexpr int kShadeBelowPaper = 12;
constexpr int kShadeFlatness = 8;
constexpr int kShadeSpread = 10;
constexpr double kMinShadedFraction = 0.002;
// Lighter than the paper's median less this is paper (WhitenPaper, and on
// a shaded page WithoutShading).
constexpr int kPaperGrain = 6;
// Faint rules: thin lines, at least kRuleInk darker than the paper, at
// least kRuleGlyphs glyph heights long, no thicker than kRuleThickness of a
// glyph's height, that a global threshold leaves whole along less than
// kSolidRule of their length (Tesseract finds the solid ones itself) and
// that print does not stand on along kWrittenOn of their length.
constexpr int kRuleInk = 40;
constexpr double kRuleGlyphs = 6;
constexpr double kRuleThickness = 0.25;
constexpr double kSolidRule = 0.9;
constexpr double kWrittenOn = 0.15;

// The k-th smallest (from 0) gray level of the pixels `hist` counts: what
// sorting them would put at k, without the sort.
int KthGray(const std::array<double, 256>& hist, size_t k) {
  double seen = 0;
  for (int v = 0; v < 256; ++v) {
    seen += hist[v];
    if (seen > static_cast<double>(k)) return v;
  }
  return 255;
}

// The bounding box of connected component `i` (connectedComponentsWithStats).
cv::Rect ComponentBox(const cv::Mat& stats, int i) {
  return {stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
          stats.at<int>(i, cv::CC_STAT_WIDTH),
          stats.at<int>(i, cv::CC_STAT_HEIGHT)};
}

}  // namespace

bool IsBlank(const cv::Mat& gray, double ink_fraction) {
  // Ignore a 5% margin: scanner edges and punched holes are not content.
  const int mx = gray.cols / 20, my = gray.rows / 20;
  cv::Mat inner =
      gray(cv::Rect(mx, my, gray.cols - 2 * mx, gray.rows - 2 * my));
  if (inner.empty()) return true;
  // Ink is what is clearly darker than mid-gray; gray paper and faint
  // bleed-through stay above it. Counted at full size: shrinking first
  // would wash thin low-resolution strokes out to gray. Counted in place,
  // row by row (a full-page mask costs more than the count), and only until
  // there is enough: a page of print has it within its first lines.
  const double enough = ink_fraction * inner.total();
  size_t ink = 0;
  for (int y = 0; y < inner.rows; ++y) {
    const uint8_t* row = inner.ptr<uint8_t>(y);
    for (int x = 0; x < inner.cols; ++x) ink += row[x] < 128;
    if (ink >= enough) return false;
  }
  // Little ink is not yet a blank page: one short line ("Glucose 98 mg/dL",
  // "Page 2 of 2", a signature) must be read. A few marks of glyph size
  // (taller than about 1 mm, the page taken as letter width) are content;
  // specks and dust are smaller. Only nearly empty pages get this far.
  const double dpi = std::max(50.0, gray.cols / 8.5);
  const int min_h = std::max(4, static_cast<int>(dpi * 0.04));
  const int max_h = static_cast<int>(dpi * 0.6);
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(inner < 128, labels, stats,
                                                 centroids, 8, CV_32S);
  int glyphs = 0;
  for (int i = 1; i < n; ++i) {
    const int h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
    if (h >= min_h && h <= max_h && ++glyphs >= 3) return false;
  }
  return true;
}

namespace {

// Bilevel pages (fax, G4 TIFF) have no paper shade to flatten or grain to
// filter; a sample of rows tells.
bool IsBilevel(const cv::Mat& gray) {
  const int step = std::max(1, gray.rows / 64);
  for (int y = 0; y < gray.rows; y += step) {
    const uint8_t* row = gray.ptr<uint8_t>(y);
    for (int x = 0; x < gray.cols; ++x) {
      if (row[x] != 0 && row[x] != 255) return false;
    }
  }
  return true;
}

}  // namespace

bool NormalizeBackground(cv::Mat* gray) {
  // The paper's brightness, estimated at a quarter of the size: closing
  // (max then min filter) wider than any stroke removes the text.
  cv::Mat small, bg;
  cv::resize(*gray, small, cv::Size(), 0.25, 0.25, cv::INTER_AREA);
  if (small.cols < 8 || small.rows < 8) return false;
  const int k = std::max(9, std::min(small.cols, small.rows) / 40) | 1;
  cv::morphologyEx(
      small, bg, cv::MORPH_CLOSE,
      cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(k, k)));
  const std::array<double, 256> levels = GrayHistogram(bg);
  const int n = static_cast<int>(bg.total());
  const int p5 = KthGray(levels, n / 20);
  const int p50 = KthGray(levels, n / 2);
  const int p95 = KthGray(levels, n - 1 - n / 20);
  bool changed = false;
  if (p50 < 235 || p95 - p5 > 25) {  // not white, even paper
    cv::GaussianBlur(bg, bg, cv::Size(k, k), 0);
    cv::resize(bg, bg, gray->size(), 0, 0, cv::INTER_LINEAR);
    cv::divide(*gray, bg, *gray, 255.0);
    changed = true;
  }
  // Grainy paper stays gray: the closing follows its brightest grains, and
  // an even gray page is left as it is. With little text on it, the page is
  // mostly mid-gray grain, which Tesseract's Otsu split then reads as ink.
  // Bring the paper's median to white.
  cv::Mat paper;
  cv::resize(*gray, paper, cv::Size(), 0.25, 0.25, cv::INTER_NEAREST);
  const int median = KthGray(GrayHistogram(paper), paper.total() / 2);
  if (median > 0 && median < kWhitePaper) {
    gray->convertTo(*gray, -1, 255.0 / median);
    changed = true;
  }
  return changed;
}

void WhitenDarkEdges(cv::Mat* gray) {
  cv::Mat& g = *gray;
  auto dark = [](const cv::Mat& line) { return cv::mean(line)[0] < 90; };
  const int max_rows = g.rows / 10, max_cols = g.cols / 10;
  int top = 0, bottom = 0, left = 0, right = 0;
  while (top < max_rows && dark(g.row(top))) ++top;
  while (bottom < max_rows && dark(g.row(g.rows - 1 - bottom))) ++bottom;
  while (left < max_cols && dark(g.col(left))) ++left;
  while (right < max_cols && dark(g.col(g.cols - 1 - right))) ++right;
  // A band's soft inner edge is dark too: take a little more.
  auto widen = [](int n) { return n > 0 ? n + 2 + n / 10 : 0; };
  top = std::min(widen(top), g.rows);
  bottom = std::min(widen(bottom), g.rows);
  left = std::min(widen(left), g.cols);
  right = std::min(widen(right), g.cols);
  if (top) g.rowRange(0, top).setTo(255);
  if (bottom) g.rowRange(g.rows - bottom, g.rows).setTo(255);
  if (left) g.colRange(0, left).setTo(255);
  if (right) g.colRange(g.cols - right, g.cols).setTo(255);
}

double PaperNoise(const cv::Mat& gray) {
  // Every other pixel of every other row is plenty for a standard
  // deviation; summed in place (no sampled copy, no mask).
  double n = 0, sum = 0, sum2 = 0;
  for (int y = 0; y < gray.rows; y += 2) {
    const uint8_t* row = gray.ptr<uint8_t>(y);
    for (int x = 0; x < gray.cols; x += 2) {
      if (row[x] <= 200) continue;
      n += 1;
      sum += row[x];
      sum2 += static_cast<double>(row[x]) * row[x];
    }
  }
  if (n == 0) return 0;
  const double mean = sum / n;
  return std::sqrt(std::max(0.0, sum2 / n - mean * mean));
}

int RemoveSpeckles(cv::Mat* gray, double text_height) {
  if (gray->total() > kMaxDespeckleMegapixels * 1e6) return 0;
  const cv::Mat ink = TextInk(*gray);
  cv::Mat labels, stats, centroids;
  const int n =
      cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8);
  std::vector<uint8_t> tiny(n, 0);
  int candidates = 0;
  for (int i = 1; i < n; ++i) {
    if (stats.at<int>(i, cv::CC_STAT_AREA) <= kSpeckArea) {
      tiny[i] = 1;
      ++candidates;
    }
  }
  // A clean page has a few dozen; a speckled one has thousands. Below this,
  // removal costs more punctuation than it saves (measured on FUNSD).
  if (candidates < kMinSpecks) return 0;
  // Real ink (everything but the tiny blobs), grown by half a text height:
  // a tiny blob inside it is punctuation, outside it is noise.
  cv::Mat real = ink.clone();
  for (int y = 0; y < labels.rows; ++y) {
    const int* l = labels.ptr<int>(y);
    uint8_t* r = real.ptr<uint8_t>(y);
    for (int x = 0; x < labels.cols; ++x) {
      if (tiny[l[x]]) r[x] = 0;
    }
  }
  const int reach = std::max(2, static_cast<int>(text_height / 2)) | 1;
  cv::dilate(real, real,
             cv::getStructuringElement(cv::MORPH_RECT, cv::Size(reach, reach)));
  int removed = 0;
  for (int y = 0; y < labels.rows; ++y) {
    const int* l = labels.ptr<int>(y);
    const uint8_t* r = real.ptr<uint8_t>(y);
    uint8_t* g = gray->ptr<uint8_t>(y);
    for (int x = 0; x < labels.cols; ++x) {
      if (tiny[l[x]] && r[x] == 0) {
        g[x] = 255;
        ++removed;
      }
    }
  }
  return removed;
}

int InvertDarkBars(cv::Mat* gray, double text_height) {
  if (text_height <= 0) return 0;
  // Found where the text is 10 px tall or a little less (a 300-dpi page at
  // a sixteenth of its pixels: a whole-number reduction is fast), turned at
  // full size.
  const double f = 1.0 / std::max(1.0, std::ceil(text_height / 10.0));
  cv::Mat small = *gray;
  if (f < 1) cv::resize(*gray, small, cv::Size(), f, f, cv::INTER_AREA);
  const double glyph = text_height * f;
  cv::Mat dark;
  cv::threshold(small, dark, 110, 255, cv::THRESH_BINARY_INV);
  // Solid areas only: closing fills the light letters of a bar, opening
  // then takes away rules, box edges and ordinary print.
  const int k = std::max(3, static_cast<int>(glyph / 2)) | 1;
  const cv::Mat square =
      cv::getStructuringElement(cv::MORPH_RECT, cv::Size(k, k));
  cv::Mat solid;
  cv::morphologyEx(dark, solid, cv::MORPH_CLOSE, square);
  cv::morphologyEx(solid, solid, cv::MORPH_OPEN, square);
  cv::Mat labels, stats, centroids;
  const int n =
      cv::connectedComponentsWithStats(solid, labels, stats, centroids, 8);
  int turned = 0;
  for (int i = 1; i < n; ++i) {
    const cv::Rect r = ComponentBox(stats, i);
    // A bar: a line of text tall (with its margins), wider than tall.
    if (r.height < 1.2 * glyph || r.height > 6 * glyph ||
        r.width < 3 * r.height) {
      continue;
    }
    // Mostly dark as printed (bold print and halftone shades are not), with
    // light marks inside it: the lettering.
    const double ink =
        static_cast<double>(cv::countNonZero(dark(r))) / r.area();
    if (ink < 0.7) continue;
    // A solid dark row across it above the lettering and another below:
    // a logo or bold print has gaps between its letters.
    auto solid_row = [&](int from, int to) {
      for (int y = from; y < to; ++y) {
        if (cv::countNonZero(dark.row(y).colRange(r.x, r.x + r.width)) >=
            0.95 * r.width) {
          return true;
        }
      }
      return false;
    };
    const int quarter = std::max(1, r.height / 4);
    if (!solid_row(r.y, r.y + quarter) ||
        !solid_row(r.y + r.height - quarter, r.y + r.height)) {
      continue;
    }
    const cv::Rect full =
        cv::Rect(static_cast<int>(r.x / f), static_cast<int>(r.y / f),
                 static_cast<int>(std::ceil(r.width / f)),
                 static_cast<int>(std::ceil(r.height / f))) &
        cv::Rect(0, 0, gray->cols, gray->rows);
    cv::Mat bar = (*gray)(full);
    cv::bitwise_not(bar, bar);
    ++turned;
  }
  return turned;
}

namespace {

// The square frame the ink of component `label` within `box` draws, if it
// is one: thin straight sides that meet in square corners (a tick through
// it and out of its top and right allowed). Letters fail: O, o and D are
// round at some corners, H has no top and bottom sides, a bold O's straight
// runs lie inside its strokes.
std::optional<cv::Rect> CheckBoxFrame(const cv::Mat& labels, int label,
                                      const cv::Rect& box) {
  auto ink = [&](int x, int y) {
    return labels.at<int>(box.y + y, box.x + x) == label;
  };
  // Longest straight run of ink in each column and each row.
  std::vector<int> col_run(box.width, 0), row_run(box.height, 0);
  std::vector<int> col_now(box.width, 0);
  for (int y = 0; y < box.height; ++y) {
    int now = 0;
    for (int x = 0; x < box.width; ++x) {
      const bool on = ink(x, y);
      now = on ? now + 1 : 0;
      row_run[y] = std::max(row_run[y], now);
      col_now[x] = on ? col_now[x] + 1 : 0;
      col_run[x] = std::max(col_run[x], col_now[x]);
    }
  }
  const int side_v = *std::max_element(col_run.begin(), col_run.end());
  const int side_h = *std::max_element(row_run.begin(), row_run.end());
  if (side_v < 6 || side_h < 6 ||
      std::abs(side_v - side_h) > 0.25 * std::max(side_v, side_h)) {
    return std::nullopt;
  }
  // The outermost near-longest runs are the sides ...
  auto ends = [](const std::vector<int>& runs, int side, int* first,
                 int* last) {
    *first = *last = -1;
    for (int i = 0; i < static_cast<int>(runs.size()); ++i) {
      if (runs[i] < 0.85 * side) continue;
      if (*first < 0) *first = i;
      *last = i;
    }
  };
  int left, right, top, bottom;
  ends(col_run, side_v, &left, &right);
  ends(row_run, side_h, &top, &bottom);
  const int w = right - left + 1, h = bottom - top + 1;
  if (w < 0.75 * side_h || h < 0.75 * side_v || std::abs(w - h) > 0.25 * w) {
    return std::nullopt;
  }
  // The left and bottom sides are the ink's outer edges (a tick reaches out
  // of the top and right, if at all), and thin.
  if (left > 1 || bottom < box.height - 2) return std::nullopt;
  // A tick leaves through the top on the right: ink above the frame over
  // its left third is a letter's upper part (an 8's upper loop standing on
  // a lower loop as square as a frame).
  for (int y = 0; y + 1 < top; ++y) {
    for (int x = 0; x <= left + w / 3; ++x) {
      if (ink(x, y)) return std::nullopt;
    }
  }
  const int middle = top + h / 2;
  int x0 = 0;
  while (x0 < box.width && !ink(x0, middle)) ++x0;
  int thickness = 0;
  while (x0 + thickness < box.width && ink(x0 + thickness, middle)) ++thickness;
  if (thickness > std::max(2.0, 0.2 * w)) return std::nullopt;
  // Square corners: the sides run on to within two pixels of each corner
  // and meet inside it. Anti-aliasing costs a thin frame the corner pixel
  // and one beside it at most; the round joins of a thick frame (4 px and
  // more) cost the three nearest. A round letter's strokes are thin and its
  // corners paper: the o of a Courier-like face at reading size (glyphs
  // ~16 px) leaves those three pixels bare too.
  auto corner = [&](int x, int y, int dx, int dy) {
    const int near = ink(x, y) + ink(x + dx, y) + ink(x, y + dy) +
                     ink(x + dx, y + dy) + ink(x + 2 * dx, y) +
                     ink(x, y + 2 * dy);
    const bool capped =
        ink(x + dx, y + dy) && ink(x + 2 * dx, y) && ink(x, y + 2 * dy);
    return near >= 4 || (thickness >= 4 && capped);
  };
  if (!corner(left, top, 1, 1) || !corner(right, top, -1, 1) ||
      !corner(left, bottom, 1, -1) || !corner(right, bottom, -1, -1)) {
    return std::nullopt;
  }
  // ... and each runs from corner to corner (the corners tested above).
  auto vertical = [&](int x) {
    for (int y = top + 2; y < bottom - 1; ++y)
      if (!ink(x, y)) return false;
    return true;
  };
  auto horizontal = [&](int y) {
    for (int x = left + 2; x < right - 1; ++x)
      if (!ink(x, y)) return false;
    return true;
  };
  if (!vertical(left) || !vertical(right) || !horizontal(top) ||
      !horizontal(bottom)) {
    return std::nullopt;
  }
  return cv::Rect(box.x + left, box.y + top, w, h);
}

// The marks of ink larger than a dot among labelled components, counted by
// the page's sixteenths; the middle count, times 16: a block of dots in one
// part of the page (a copied ID card's halftone photo) does not count as the
// whole page's.
int SpreadMarks(const cv::Mat& stats, const cv::Mat& centroids, cv::Size page) {
  std::array<int, 16> tiles{};
  for (int i = 1; i < stats.rows; ++i) {  // label 0 is the paper
    if (stats.at<int>(i, cv::CC_STAT_AREA) <= kMaxDotArea) continue;
    const int tx =
        static_cast<int>(centroids.at<double>(i, 0) * 4 / page.width);
    const int ty =
        static_cast<int>(centroids.at<double>(i, 1) * 4 / page.height);
    ++tiles[std::clamp(ty, 0, 3) * 4 + std::clamp(tx, 0, 3)];
  }
  std::nth_element(tiles.begin(), tiles.begin() + 8, tiles.end());
  return 16 * tiles[8];
}

}  // namespace

cv::Mat WithoutCheckBoxes(const cv::Mat& gray, double text_height, int* marks) {
  if (text_height <= 0 && marks == nullptr) return gray;
  const cv::Mat ink = TextInk(gray);
  cv::Mat labels, stats, centroids;
  const int n =
      cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8);
  if (marks != nullptr) *marks = SpreadMarks(stats, centroids, gray.size());
  if (text_height <= 0) return gray;
  std::vector<cv::Rect> boxes;
  std::vector<int> ids;
  for (int i = 1; i < n; ++i) {
    const cv::Rect r = ComponentBox(stats, i);
    // About a capital's size (a tick may reach out of the box a little).
    if (r.height < 0.8 * text_height || r.height > 2.5 * text_height ||
        r.width < 0.8 * text_height || r.width > 2.5 * text_height) {
      continue;
    }
    const std::optional<cv::Rect> frame = CheckBoxFrame(labels, i, r);
    if (!frame) continue;
    // Standing apart from the print beside it: an O or 0 inside a word or
    // a number has its neighbours close. Measured from the frame: a tick
    // reaching out of it may come near the label's first letter.
    const cv::Rect& f = *frame;
    const int gap = std::max(3, f.height * 3 / 10);
    const cv::Rect beside =
        cv::Rect(f.x - gap, f.y, f.width + 2 * gap, f.height) &
        cv::Rect(0, 0, gray.cols, gray.rows);
    const cv::Mat others = (labels(beside) != i) & ink(beside);
    if (cv::countNonZero(others) > 0) continue;
    // As tall as the letters of its line: a box is a capital's height, an
    // o or a 0 stands lower than the l or the b near it.
    const cv::Rect line =
        cv::Rect(f.x - 3 * f.height, f.y, f.width + 6 * f.height, f.height) &
        cv::Rect(0, 0, gray.cols, gray.rows);
    bool taller = false;
    for (int y = line.y; y < line.y + line.height && !taller; ++y) {
      const int* l = labels.ptr<int>(y);
      for (int x = line.x; x < line.x + line.width; ++x) {
        const int h = stats.at<int>(l[x], cv::CC_STAT_HEIGHT);
        if (l[x] != 0 && l[x] != i && h > 1.12 * f.height && h < 3 * f.height) {
          taller = true;
          break;
        }
      }
    }
    if (taller) continue;
    boxes.push_back(r);
    ids.push_back(i);
  }
  if (boxes.empty()) return gray;
  cv::Mat out = gray.clone();
  for (size_t k = 0; k < boxes.size(); ++k) {
    // The frame, its tick and their anti-aliased edges become paper.
    const cv::Rect grown = (boxes[k] + cv::Size(2, 2) - cv::Point(1, 1)) &
                           cv::Rect(0, 0, gray.cols, gray.rows);
    cv::Mat mask = labels(grown) == ids[k];
    cv::dilate(mask, mask, cv::Mat());
    out(grown).setTo(255, mask);
  }
  return out;
}

cv::Mat WithoutShading(const cv::Mat& gray, double text_height) {
  if (text_height <= 0) return gray;
  // Looked for where the text is 8 px tall or a little less: closing (max
  // then min filter) half a glyph wide takes away every stroke and keeps
  // what is wider and taller than that: paper, shaded bands and cells (and
  // a blurred word's smear).
  const double f = 1.0 / std::max(1.0, std::ceil(text_height / 8.0));
  cv::Mat small = gray;
  if (f < 1) cv::resize(gray, small, cv::Size(), f, f, cv::INTER_AREA);
  const double glyph = text_height * f;
  const int k = std::max(3, static_cast<int>(std::lround(glyph / 2)));
  cv::Mat shade;
  cv::morphologyEx(small, shade, cv::MORPH_CLOSE,
                   cv::getStructuringElement(cv::MORPH_RECT, cv::Size(k, k)));
  // Shading is light, yet clearly darker than the paper around it (grainy
  // or faded paper is not shading); darker fills (a filled box, a thick
  // title's strokes) are print.
  const int paper = KthGray(GrayHistogram(shade), shade.total() / 2);
  cv::Mat shaded;
  cv::inRange(shade, kDarkestShade,
              std::min(kLightestShade, paper - kShadeBelowPaper), shaded);
  cv::Mat labels, stats, centroids;
  const int n =
      cv::connectedComponentsWithStats(shaded, labels, stats, centroids, 8);
  // A shaded band or cell is flat: most of it, between the letters printed
  // on it, is its shade, and that is one shade throughout. A blurred
  // line's smear is all slopes, darker where its letters are dense.
  struct Region {
    int pixels = 0, flat = 0;
    double sum = 0, sum2 = 0;  // of the shade where flat
  };
  std::vector<Region> regions(n);
  for (int y = 0; y < labels.rows; ++y) {
    const int* l = labels.ptr<int>(y);
    const uint8_t* v = small.ptr<uint8_t>(y);
    const uint8_t* b = shade.ptr<uint8_t>(y);
    for (int x = 0; x < labels.cols; ++x) {
      if (l[x] == 0) continue;
      Region& region = regions[l[x]];
      ++region.pixels;
      if (std::abs(v[x] - b[x]) > kShadeFlatness) continue;
      ++region.flat;
      region.sum += b[x];
      region.sum2 += b[x] * b[x];
    }
  }
  std::vector<uint8_t> keep(n, 0);
  int kept = 0;
  for (int i = 1; i < n; ++i) {
    const cv::Rect r = ComponentBox(stats, i);
    const Region& region = regions[i];
    if (r.height < glyph || r.width < 3 * glyph ||
        region.flat < 0.5 * region.pixels) {
      continue;
    }
    const double mean = region.sum / region.flat;
    if (region.sum2 / region.flat - mean * mean <=
        kShadeSpread * kShadeSpread) {
      keep[i] = 1;
      kept += region.pixels;
    }
  }
  if (kept < kMinShadedFraction * shaded.total()) return gray;
  for (int y = 0; y < labels.rows; ++y) {
    const int* l = labels.ptr<int>(y);
    uint8_t* b = shade.ptr<uint8_t>(y);
    for (int x = 0; x < labels.cols; ++x) {
      if (!keep[l[x]]) b[x] = 255;
    }
  }
  // A band's soft edge is not quite its shade: the band grows by a pixel,
  // so that the edge becomes paper (paper divided by shade is paper).
  cv::erode(shade, shade, cv::Mat());
  cv::resize(shade, shade, gray.size(), 0, 0, cv::INTER_LINEAR);
  cv::Mat out;
  cv::divide(gray, shade, out, 255.0);
  // The paper's grain, now white in the bands and gray between them, is
  // made white everywhere: with a row's paper unlike the rows around it,
  // Tesseract misread whole service lines of a striped claim table ("07/02/
  // 2025 11 99213" as "OTAO2Z/ 2025 992137599"; that page's word F1 .84 ->
  // .99, generated seeds 1313 and 303 otherwise within +-.01 a page).
  const int grain_paper = KthGray(GrayHistogram(out), out.total() / 2);
  cv::Mat grain;
  cv::compare(out, grain_paper - kPaperGrain, grain, cv::CMP_GT);
  out.setTo(255, grain);
  return out;
}

namespace {

// The runs of ink at least `length` pixels long along the rows
// (`horizontal`) or the columns: the opening of `ink` by a line that long,
// run by run. OpenCV's opening costs by the line's length, and this one was
// most of WithoutFaintRules' time.
cv::Mat LongRuns(const cv::Mat& ink, int length, bool horizontal) {
  cv::Mat out = cv::Mat::zeros(ink.size(), CV_8UC1);
  if (horizontal) {
    for (int y = 0; y < ink.rows; ++y) {
      const uint8_t* row = ink.ptr<uint8_t>(y);
      for (int x = 0; x < ink.cols;) {
        if (row[x] == 0) {
          ++x;
          continue;
        }
        const int start = x;
        while (x < ink.cols && row[x] != 0) ++x;
        if (x - start >= length) {
          std::fill(out.ptr<uint8_t>(y) + start, out.ptr<uint8_t>(y) + x, 255);
        }
      }
    }
    return out;
  }
  // Down the columns, a row at a time: each column's run so far.
  std::vector<int> run(ink.cols, 0);
  for (int y = 0; y <= ink.rows; ++y) {
    const uint8_t* row = y < ink.rows ? ink.ptr<uint8_t>(y) : nullptr;
    for (int x = 0; x < ink.cols; ++x) {
      if (row != nullptr && row[x] != 0) {
        ++run[x];
        continue;
      }
      if (run[x] >= length) {
        for (int k = y - run[x]; k < y; ++k) out.at<uint8_t>(k, x) = 255;
      }
      run[x] = 0;
    }
  }
  return out;
}

}  // namespace

cv::Mat WithoutFaintRules(const cv::Mat& gray, double text_height) {
  if (text_height <= 0) return gray;
  const std::array<double, 256> hist = GrayHistogram(gray);
  const int paper = KthGray(hist, gray.total() / 2);
  const int threshold = OtsuThreshold(hist);
  const cv::Mat ink = gray < paper - kRuleInk;
  const int length =
      std::max(20, static_cast<int>(std::lround(kRuleGlyphs * text_height)));
  const int thickest =
      std::max(2, static_cast<int>(std::lround(kRuleThickness * text_height)));
  const cv::Rect page(0, 0, gray.cols, gray.rows);
  cv::Mat out;
  for (const bool horizontal : {true, false}) {
    const cv::Mat rules = LongRuns(ink, length, horizontal);
    std::vector<std::vector<cv::Point>> outlines;
    cv::findContours(rules, outlines, cv::RETR_EXTERNAL,
                     cv::CHAIN_APPROX_SIMPLE);
    for (const std::vector<cv::Point>& outline : outlines) {
      const cv::Rect r = cv::boundingRect(outline);
      if ((horizontal ? r.height : r.width) > thickest) continue;
      // Solid where its darkest pixel across is black under the page's
      // threshold; a rule Tesseract sees whole, it finds and removes itself.
      const cv::Mat line = rules(r);
      const int along = horizontal ? r.width : r.height;
      int solid = 0;
      for (int k = 0; k < along; ++k) {
        const cv::Rect across = horizontal ? cv::Rect(k, 0, 1, r.height)
                                           : cv::Rect(0, k, r.width, 1);
        double darkest = 255;
        cv::minMaxLoc(gray(r)(across), &darkest, nullptr, nullptr, nullptr,
                      line(across));
        solid += darkest <= threshold;
      }
      if (solid >= kSolidRule * along) continue;
      // A fill-in line with its value printed on it (ink just above it
      // along kWrittenOn of its length) stays: Tesseract reads the value
      // and its line together better than the value alone.
      if (horizontal) {
        const int reach = std::max(2, thickest / 2);
        const cv::Rect above =
            cv::Rect(r.x, r.y - reach - 1, r.width, reach) & page;
        cv::Mat columns;
        cv::reduce(ink(above), columns, 0, cv::REDUCE_MAX);
        if (cv::countNonZero(columns) >= kWrittenOn * r.width) continue;
      }
      if (out.empty()) out = gray.clone();
      // The rule and its anti-aliased edges, a pixel around it ...
      const cv::Rect grown = (r + cv::Size(2, 2) - cv::Point(1, 1)) & page;
      cv::Mat mask;
      cv::dilate(rules(grown), mask, cv::Mat());
      // ... but where a stroke crosses it (ink on both sides), the stroke.
      for (int k = 0; k < (horizontal ? grown.width : grown.height); ++k) {
        const cv::Point before = horizontal
                                     ? cv::Point(grown.x + k, grown.y - 1)
                                     : cv::Point(grown.x - 1, grown.y + k);
        const cv::Point after =
            horizontal ? cv::Point(grown.x + k, grown.y + grown.height)
                       : cv::Point(grown.x + grown.width, grown.y + k);
        if (page.contains(before) && page.contains(after) &&
            ink.at<uint8_t>(before) && ink.at<uint8_t>(after)) {
          (horizontal ? mask.col(k) : mask.row(k)).setTo(0);
        }
      }
      out(grown).setTo(255, mask);
    }
  }
  return out.empty() ? gray : out;
}

cv::Mat WhitenPaper(const cv::Mat& gray) {
  const int paper = KthGray(GrayHistogram(gray), gray.total() / 2);
  if (paper < kWhitePaper) return gray;
  cv::Mat out = gray.clone();
  out.setTo(255, gray > paper - kPaperGrain);
  return out;
}

cv::Mat ForReading(const PreparedPage& page, int* marks) {
  const double text_height = page.text_height * page.scale;
  cv::Mat read = WithoutCheckBoxes(page.gray, text_height, marks);
  // A fax's rules are as the sender's threshold left them; taking its
  // broken ones away cost fax pages' word F1 .003 (20 generated pages).
  if (!page.bilevel) read = WithoutFaintRules(read, text_height);
  read = WithoutShading(read, text_height);
  // Only on a page reduced for reading, whose reduction averaged the noise
  // down to a few grey levels. On a page read as scanned (150-dpi severe
  // pages: blurred, JPEG) the faint edges of strokes are print: whitened,
  // their word F1 fell .939 -> .934 (generator seed 3333).
  if (page.scale < 1) read = WhitenPaper(read);
  return read;
}

TextHeights MeasureTextHeights(const cv::Mat& gray) {
  // Large pages are measured at half size (4x fewer pixels to label); small
  // text is measured at full size, where every pixel of height counts.
  if (gray.cols > 1800) {
    cv::Mat half;
    cv::resize(gray, half, cv::Size(), 0.5, 0.5, cv::INTER_AREA);
    const TextHeights h = MeasureTextHeights(half);
    return {2 * h.rows, 2 * h.columns};
  }
  const cv::Mat ink = TextInk(gray);
  cv::Mat labels, stats, centroids;
  const int n =
      cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8);
  std::vector<int> heights, widths;
  for (int i = 1; i < n; ++i) {
    const int w = stats.at<int>(i, cv::CC_STAT_WIDTH);
    const int h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
    const int area = stats.at<int>(i, cv::CC_STAT_AREA);
    if (area < 0.1 * w * h) continue;
    // Glyph-like: not a speck, not a rule line or a box, not a blot; the
    // same test across for the page turned a quarter.
    if (h >= 4 && h <= gray.rows / 20 && w <= 3 * h) heights.push_back(h);
    if (w >= 4 && w <= gray.cols / 20 && h <= 3 * w) widths.push_back(w);
  }
  const auto median = [](std::vector<int>& v) -> double {
    if (v.size() < 30) return 0;
    std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
    return v[v.size() / 2];
  };
  return {median(heights), median(widths)};
}

double MedianTextHeight(const cv::Mat& gray) {
  return MeasureTextHeights(gray).rows;
}

namespace {

// How much to resample a page whose glyphs measure `text_height` pixels.
double ScaleFor(double text_height, int stated_dpi, bool bilevel) {
  // A bilevel page's thin strokes are broken, so its glyphs measure short;
  // where the file states a fax or scanner resolution, it is read as it
  // came (enlarging fax pages to the target height cost 0.03-0.08 word F1).
  const bool trust_stated = bilevel && stated_dpi >= 200;
  if (text_height > 0 && text_height < kMinTextHeight && !trust_stated) {
    return std::min(kTargetTextHeight / text_height, kMaxUpscale);
  }
  if (text_height > kMaxTextHeight &&
      !(stated_dpi > 0 && stated_dpi < kMinReducedDpi)) {
    return kMaxTextHeight / text_height;
  }
  if (text_height == 0 && stated_dpi > 0 && stated_dpi < 200) {
    // Too little text to measure: trust the file.
    return 300.0 / stated_dpi;
  }
  return 1;
}

// Sets `page`'s scale for its text height and resamples `page->unscaled`
// into `page->gray` by it.
void Resample(PreparedPage* page) {
  page->scale = ScaleFor(page->text_height, page->stated_dpi, page->bilevel);
  page->gray = page->unscaled;
  if (page->scale != 1) {
    cv::resize(page->unscaled, page->gray, cv::Size(), page->scale, page->scale,
               page->scale > 1 ? cv::INTER_CUBIC : cv::INTER_AREA);
  }
  if (page->bilevel) {
    // Thin strokes lost a pixel to the thresholding: each dark run grows by
    // a pixel across (vertical strokes, the ones a fax breaks most), then
    // the edges soften along the line. Measured against the plain 3x3 blur:
    // fax word F1 .771 -> .790 (10 pages), .895 -> .906 and .864 -> .883
    // (20 pages each, other seeds); Tesseract's bilevel test pages .963 ->
    // .964. Thickening downwards too, or blurring across rows, lost .02-.03.
    cv::erode(page->gray, page->gray,
              cv::getStructuringElement(cv::MORPH_RECT, cv::Size(2, 1)));
    cv::GaussianBlur(page->gray, page->gray, cv::Size(3, 1), 0);
  }
  // The scan resolution: the file's, or, when it does not say, the one at
  // which this text height is 10-12 pt.
  page->dpi = page->stated_dpi > 0 ? page->stated_dpi
              : page->text_height > 0
                  ? static_cast<int>(std::lround(300.0 * page->text_height /
                                                 kTargetTextHeight))
                  : 0;
  page->read_dpi = static_cast<int>(std::lround(page->dpi * page->scale));
}

// `page` read with its lines running the other way (a quarter turn): its
// glyphs measure the other height, which may size it otherwise. Returns
// whether `page->gray` was resampled from `page->unscaled`.
bool TakeCrossHeight(PreparedPage* page) {
  std::swap(page->text_height, page->cross_text_height);
  if (ScaleFor(page->text_height, page->stated_dpi, page->bilevel) ==
      page->scale) {
    return false;
  }
  Resample(page);
  return true;
}

}  // namespace

PreparedPage PreparePage(const cv::Mat& input, int dpi_x, int dpi_y,
                         double blank_ink_fraction) {
  PreparedPage out;
  if (input.channels() == 3) {
    cv::cvtColor(input, out.gray, cv::COLOR_BGR2GRAY);
  } else {
    out.gray = input.clone();
  }
  // Fax and G4 pages: their strokes are broken where the thresholding cut
  // thin lines; thickened and softened (after resampling, below), they join
  // again in Tesseract's own thresholding.
  // Decided first: squaring interpolates grays.
  const bool bilevel = out.bilevel = IsBilevel(out.gray);
  // Square the pixels at the larger resolution (fax: 204 x 98 dpi); the
  // page as captured is kept for its skew (below).
  const cv::Mat captured = out.gray;
  const bool anisotropic = dpi_x > 0 && dpi_y > 0 && dpi_x != dpi_y;
  if (anisotropic) {
    const int dpi = std::max(dpi_x, dpi_y);
    out.square_x = static_cast<double>(dpi) / dpi_x;
    out.square_y = static_cast<double>(dpi) / dpi_y;
    cv::resize(out.gray, out.gray, cv::Size(), out.square_x, out.square_y,
               cv::INTER_CUBIC);
  }
  const int stated_dpi = out.stated_dpi = std::max(dpi_x, dpi_y);
  // The scanner's dark edges go before the paper is flattened: its
  // estimate of the paper takes an edge in, and the edge is left a gray
  // band too light to whiten and dark enough to move Tesseract's threshold
  // past faint print. Whitened first, three of 80 generated severe pages
  // read word F1 .05-.77 -> .92-.99 (all 80: .891 -> .902, in 30% less
  // time); FUNSD, Tesseract's and OCRmyPDF's pages and the other levels
  // read as before.
  WhitenDarkEdges(&out.gray);
  out.normalized = !bilevel && NormalizeBackground(&out.gray);
  out.blank = IsBlank(out.gray, blank_ink_fraction);
  if (out.blank) {
    out.dpi = stated_dpi;
    return out;
  }
  if (!bilevel && PaperNoise(out.gray) > kNoisyPaper) {
    cv::medianBlur(out.gray, out.gray, 3);
  }
  TextHeights heights = MeasureTextHeights(out.gray);
  if (RemoveSpeckles(&out.gray, heights.rows) > 0) {
    heights = MeasureTextHeights(out.gray);
  }
  out.text_height = heights.rows;
  out.cross_text_height = heights.columns;
  InvertDarkBars(&out.gray, out.text_height);
  out.unscaled = out.gray;
  Resample(&out);
  out.geometry = DetectGeometry(out.gray, out.text_height * out.scale);
  // Squared up, each captured row of a fax stands twice, and a line skewed
  // a few tenths of a degree is a staircase of double rows whose steps are
  // level: the squared page's lines may look level when they are not (0.47
  // degrees measured -0.02 on a generated fax; 9 of 100 such pages off by
  // more than 0.1 degree, one by 0.55). Measured as captured the skew is
  // coarser (a captured row across the page is about kCapturedSkewStep)
  // but not drawn to level: where the two differ by more than that, the
  // captured one is taken (1 of the 100 pages then off by more than 0.1,
  // by 0.15; taken on every page, 4, but most fine ones 0.03 worse).
  if (anisotropic && out.geometry.rotation % 180 == 0) {
    const std::optional<double> captured_skew =
        CapturedSkew(captured, dpi_x, dpi_y);
    if (captured_skew &&
        std::abs(*captured_skew - out.geometry.skew_deg) > kCapturedSkewStep) {
      out.geometry.skew_deg = *captured_skew;
    }
  }
  if (out.geometry.rotation % 180 != 0) TakeCrossHeight(&out);
  out.unturned = out.gray;
  out.gray = ApplyGeometry(out.gray, out.geometry);
  return out;
}

cv::Mat CapturedCrop(const PreparedPage& page, const cv::Rect& box) {
  if (page.scale >= 1 || page.unscaled.empty() || page.unturned.empty() ||
      box.area() <= 0) {
    return cv::Mat();
  }
  // Captured pixels to `gray`'s: resampled to `unturned`, then turned and
  // levelled as `gray` was ...
  const double sx =
      static_cast<double>(page.unturned.cols) / page.unscaled.cols;
  const double sy =
      static_cast<double>(page.unturned.rows) / page.unscaled.rows;
  cv::Mat to_gray = cv::Mat::eye(3, 3, CV_64F);
  GeometryMap(page.unturned.size(), page.geometry)
      .copyTo(to_gray.rowRange(0, 2));
  const cv::Mat resample =
      (cv::Mat_<double>(3, 3) << sx, 0, 0, 0, sy, 0, 0, 0, 1);
  // ... then to the box's, at the captured resolution.
  const cv::Mat to_box =
      (cv::Mat_<double>(3, 3) << 1 / page.scale, 0, -box.x / page.scale, 0,
       1 / page.scale, -box.y / page.scale, 0, 0, 1);
  const cv::Mat map = cv::Mat(to_box * to_gray * resample).rowRange(0, 2);
  const cv::Size size(static_cast<int>(std::lround(box.width / page.scale)),
                      static_cast<int>(std::lround(box.height / page.scale)));
  cv::Mat crop;
  cv::warpAffine(page.unscaled, crop, map, size, cv::INTER_CUBIC,
                 cv::BORDER_CONSTANT, cv::Scalar(255));
  return crop;
}

PreparedPage TurnPage(const PreparedPage& page, int turn) {
  PreparedPage out = page;
  PageGeometry& g = out.geometry;
  g.rotation = (g.rotation + turn) % 360;
  if (turn % 180 != 0 && g.cross_skew_deg && !page.unturned.empty()) {
    std::swap(g.skew_deg, *g.cross_skew_deg);
    if (!page.unscaled.empty() && TakeCrossHeight(&out)) {
      out.unturned = out.gray;
    }
    out.gray = ApplyGeometry(out.unturned, g);
  } else {
    out.gray = RotateQuarter(page.gray, turn);
  }
  return out;
}

}  // namespace intake::ocr
