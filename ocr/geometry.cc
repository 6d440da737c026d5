#include "ocr/geometry.h"

#include <array>
#include <cmath>
#include <cstdint>
#include <opencv2/imgproc.hpp>

#include "ocr/pix_util.h"

namespace intake::ocr {
namespace {

// Leptonica's up/down measure needs this much evidence before we turn a
// page over, and this much before we take its word without checking (its
// own default decision threshold is 8). Measured on FUNSD forms: upright
// pages range from -3.7 to +29.
constexpr double kMinUpDownConfidence = 5.0;
constexpr double kCertainUpDownConfidence = 8.0;
constexpr double kSettledUpDownConfidence = 10.0;
// Leptonica's skew confidence below which a text-line direction is not
// sharp at all (upright pages in the corpus and generated sets: 1.9-90).
constexpr double kMinSharpness = 3.0;
// Below this skew confidence the skew is measured again with only the
// lines across the text taken out (DetectGeometry). On 600 generated pages
// (five seeds, every level) 96 measured below it; the largest error went
// 1.31 -> 0.04 degrees on severe pages and 0.45 -> 0.11 on rotated ones;
// of the 40 pages whose error moved by more than 0.005, 26 came out
// better and 14 worse, one by 0.10 (a rotated card, 0.01 -> 0.11), the
// others by 0.05 or less.
constexpr double kSureSkew = 5.0;
// The skew sweep (every degree within +-20) runs on the page reduced this
// many times (glyphs ~4 px tall), the search for the hundredth of a degree
// at full size. Reduced 4 rather than 2 times, the analysis took a third
// less time; every page of 240 generated ones (skews up to 15 degrees)
// came out upright with the same deskew error, word F1 unchanged.
constexpr int kSweepReduction = 4;
// More of the page than this dark after Otsu's split: it split the paper.
constexpr double kMaxInkShare = 0.25;

// The map of clockwise rotation by `deg` about the centre of a `size`
// image onto an enlarged canvas (`canvas`) that cuts nothing off.
cv::Mat FineRotationMap(cv::Size size, double deg, cv::Size* canvas) {
  const cv::Point2f center(size.width / 2.0f, size.height / 2.0f);
  cv::Mat t = cv::getRotationMatrix2D(center, -deg, 1.0);  // OpenCV: CCW
  const double rad = deg * CV_PI / 180;
  const int w =
      static_cast<int>(std::ceil(std::abs(size.width * std::cos(rad)) +
                                 std::abs(size.height * std::sin(rad))));
  const int h =
      static_cast<int>(std::ceil(std::abs(size.width * std::sin(rad)) +
                                 std::abs(size.height * std::cos(rad))));
  t.at<double>(0, 2) += (w - size.width) / 2.0;
  t.at<double>(1, 2) += (h - size.height) / 2.0;
  *canvas = cv::Size(w, h);
  return t;
}

// Smaller skews than this are not undone (a pixel across 1,100 pixels).
constexpr double kLeastFineRotation = 0.05;

// Clockwise rotation by `deg` on an enlarged canvas.
cv::Mat RotateFine(const cv::Mat& m, double deg, int interpolation, int fill) {
  if (std::abs(deg) < kLeastFineRotation) return m;
  cv::Size canvas;
  const cv::Mat t = FineRotationMap(m.size(), deg, &canvas);
  cv::Mat out;
  cv::warpAffine(m, out, t, canvas, interpolation, cv::BORDER_CONSTANT,
                 cv::Scalar(fill));
  return out;
}

}  // namespace

namespace {

// One hypothesis about the text lines' direction: the quarter turn that
// makes them horizontal, the skew that then levels them, and the
// ascender/descender evidence on the levelled lines (which only text lines
// lying horizontally give).
struct Axis {
  int rotation = 0;
  double skew = 0;
  double skew_confidence = 0;
  double updown = 0;
};

// Leptonica's skew of `turned`'s lines (the clockwise rotation that levels
// them) into `axis`; left 0 where none is found.
void MeasureSkew(const cv::Mat& turned, Axis* axis) {
  PixPtr pix = ToPix1(turned);
  l_float32 angle = 0, conf = 0, score = 0;
  if (pix &&
      pixFindSkewSweepAndSearchScore(pix.get(), &angle, &conf, &score,
                                     kSweepReduction, 1, 0.0f, 20.0f, 1.0f,
                                     0.01f) == 0 &&
      conf > 0) {
    axis->skew = angle;
    axis->skew_confidence = conf;
  }
}

Axis TryAxis(const cv::Mat& ink, int rotation) {
  Axis axis;
  axis.rotation = rotation;
  cv::Mat turned = RotateQuarter(ink, rotation);
  MeasureSkew(turned, &axis);
  PixPtr level = ToPix1(RotateFine(turned, axis.skew, cv::INTER_NEAREST, 0));
  l_float32 updown = 0;
  if (level && pixUpDownDetect(level.get(), &updown, 0, 0, 0) == 0) {
    axis.updown = updown;
  }
  return axis;
}

}  // namespace

cv::Mat RotateQuarter(const cv::Mat& m, int rotation) {
  cv::Mat out;
  switch (rotation) {
    case 90:
      cv::rotate(m, out, cv::ROTATE_90_CLOCKWISE);
      return out;
    case 180:
      cv::rotate(m, out, cv::ROTATE_180);
      return out;
    case 270:
      cv::rotate(m, out, cv::ROTATE_90_COUNTERCLOCKWISE);
      return out;
    default:
      return m;
  }
}

AxisChoice ChooseAxis(const AxisEvidence& upright,
                      const AxisEvidence& sideways) {
  // Ascender/descender evidence: on FUNSD forms the true axis scores at
  // least 1.5x the other, which reaches +-6 in noise.
  const double up = std::abs(upright.updown), side = std::abs(sideways.updown);
  const bool updown_says = std::max(up, side) >= kMinUpDownConfidence &&
                           std::max(up, side) >= 1.5 * std::min(up, side);
  // Line sharpness: text lines lying horizontally give a sharp projection
  // profile. Strong when one axis has at least 2.5x the other's.
  const double sharp = std::max(upright.sharpness, sideways.sharpness);
  const double dull =
      std::max(std::min(upright.sharpness, sideways.sharpness), 0.01);
  const bool sharpness_says = sharp >= kMinSharpness && sharp >= 2.5 * dull;
  const bool updown_sideways = side > up;
  const bool sharp_sideways = sideways.sharpness > upright.sharpness;
  if (updown_says && sharpness_says && updown_sideways != sharp_sideways) {
    // They disagree: a blurred or small page can give ascender noise on the
    // wrong axis (seen at +-5.5 against a 6x sharper upright axis). The
    // much sharper axis wins; either way the recogniser checks.
    return {sharp >= 4 * dull ? sharp_sideways : updown_sideways, false};
  }
  if (updown_says) return {updown_sideways, true};
  // Without ascender evidence, sharpness decides, biased to upright: a page
  // wrongly read upright reads poorly and the recogniser tries the other
  // ways, whereas a page wrongly read sideways can yield confident garbage
  // (columns of "(1) (2) (3)" labels).
  return {sideways.sharpness > 3 * upright.sharpness, false};
}

std::array<double, 256> GrayHistogram(const cv::Mat& gray) {
  // Counted in four tables, one for each pixel of four: a page is mostly
  // paper, runs of one gray, and a single table makes every count wait for
  // the one before it (the counting took 2% of an import's CPU).
  std::array<std::array<uint32_t, 256>, 4> counts{};
  for (int y = 0; y < gray.rows; ++y) {
    const uint8_t* row = gray.ptr<uint8_t>(y);
    int x = 0;
    for (; x + 4 <= gray.cols; x += 4) {
      ++counts[0][row[x]];
      ++counts[1][row[x + 1]];
      ++counts[2][row[x + 2]];
      ++counts[3][row[x + 3]];
    }
    for (; x < gray.cols; ++x) ++counts[0][row[x]];
  }
  std::array<double, 256> hist{};
  for (const auto& table : counts) {
    for (int v = 0; v < 256; ++v) hist[v] += table[v];
  }
  return hist;
}

int OtsuThreshold(const std::array<double, 256>& hist, int end) {
  double total = 0, sum = 0;
  for (int i = 0; i < end; ++i) {
    total += hist[i];
    sum += i * hist[i];
  }
  double below = 0, below_sum = 0, best = -1;
  int threshold = 0;
  for (int i = 0; i < end; ++i) {
    below += hist[i];
    below_sum += i * hist[i];
    const double above = total - below;
    if (below == 0 || above == 0) continue;
    const double diff = below_sum / below - (sum - below_sum) / above;
    const double between = below * above * diff * diff;
    if (between > best) {
      best = between;
      threshold = i;
    }
  }
  return threshold;
}

cv::Mat TextInk(const cv::Mat& gray) {
  cv::Mat ink;
  const double t =
      cv::threshold(gray, ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  // Otsu splits the page into its two largest classes of gray. With little
  // text on grainy paper those are the paper's own light and dark grains,
  // and half the page comes out as "ink" (pages of text measure 1-10%):
  // the text is then the darker class among the darker grays.
  if (cv::countNonZero(ink) <= kMaxInkShare * ink.total()) return ink;
  const int dark = OtsuThreshold(GrayHistogram(gray), static_cast<int>(t));
  cv::threshold(gray, ink, dark, 255, cv::THRESH_BINARY_INV);
  return ink;
}

PageGeometry DetectGeometry(const cv::Mat& gray, double text_height) {
  PageGeometry g;
  // Analysis with glyphs ~16 px tall (~200 dpi): the up/down evidence is
  // clearest there (measured), and it is 2x cheaper than a 300-dpi page.
  cv::Mat small = gray;
  if (text_height > 19) {
    cv::resize(gray, small, cv::Size(), 16.0 / text_height, 16.0 / text_height,
               cv::INTER_LINEAR);
  }
  const cv::Mat ink = TextInk(small);
  // Rule lines and table borders of forms say nothing about the text's
  // direction (and vertical ones outvote it): take them out first.
  // Found at a quarter of the size (16x cheaper; any ink in a 4x4 cell
  // counts), then brought back over the full-size strokes. The page is
  // padded to whole cells first: otherwise the mask maps back a pixel off,
  // and the hairline it leaves beside a scanner's level edge outvoted a
  // claim form's 2.4-degree text lines.
  cv::Mat padded;
  cv::copyMakeBorder(ink, padded, 0, (4 - ink.rows % 4) % 4, 0,
                     (4 - ink.cols % 4) % 4, cv::BORDER_CONSTANT, 0);
  cv::Mat quarter;
  cv::resize(padded, quarter, cv::Size(padded.cols / 4, padded.rows / 4), 0, 0,
             cv::INTER_AREA);
  quarter = quarter > 0;
  const int k = std::max(8, std::min(quarter.cols, quarter.rows) / 12);
  cv::Mat horizontal, vertical, lines;
  cv::morphologyEx(quarter, horizontal, cv::MORPH_OPEN,
                   cv::getStructuringElement(cv::MORPH_RECT, cv::Size(k, 1)));
  cv::morphologyEx(quarter, vertical, cv::MORPH_OPEN,
                   cv::getStructuringElement(cv::MORPH_RECT, cv::Size(1, k)));
  auto full_size = [&](const cv::Mat& mask) {
    cv::Mat out;
    cv::resize(mask, out, padded.size(), 0, 0, cv::INTER_NEAREST);
    return out(cv::Rect(0, 0, ink.cols, ink.rows));
  };
  cv::bitwise_or(horizontal, vertical, lines);
  cv::Mat text_ink;
  cv::bitwise_and(ink, ~full_size(lines), text_ink);

  Axis upright = TryAxis(text_ink, 0);
  // Strong evidence on the upright axis settles it: the sideways axis of a
  // horizontal page never scored beyond +-6.5 on FUNSD, and most pages come
  // in upright, so the second search is saved on them.
  Axis sideways;
  const bool both_axes = std::abs(upright.updown) < kSettledUpDownConfidence;
  if (both_axes) sideways = TryAxis(text_ink, 90);
  const AxisChoice choice =
      ChooseAxis({upright.skew_confidence, upright.updown},
                 {sideways.skew_confidence, sideways.updown});
  const bool use_sideways = choice.sideways;
  Axis& best = use_sideways ? sideways : upright;
  // At a quarter of the size, where any ink in a cell counts, a run of
  // dense words is as long a bar as a rule, and the rules' mask takes the
  // middle of the text lines with it. On a page of a few such lines the
  // skew then goes unsure and wrong (a card of nine lines on a severe
  // 150-dpi scan, 1.43 degrees, measured -0.12 at confidence 1.6; generator
  // seed 10202). Where the skew is unsure, the lines across the text are
  // taken out alone (the ones along it are printed as skewed as the text
  // is), and that skew kept where it is surer and sharp (a fax claim's
  // rules, broken, gave 1.25 degrees for 0.59 at confidence 2.6).
  if (best.skew_confidence < kSureSkew) {
    cv::Mat along_ink;
    cv::bitwise_and(ink, ~full_size(use_sideways ? horizontal : vertical),
                    along_ink);
    Axis along;
    MeasureSkew(RotateQuarter(along_ink, best.rotation), &along);
    if (along.skew_confidence >= kMinSharpness &&
        along.skew_confidence > best.skew_confidence) {
      best.skew = along.skew;
      best.skew_confidence = along.skew_confidence;
    }
  }
  g.rotation = best.rotation;
  g.skew_deg = best.skew;
  g.skew_confidence = best.skew_confidence;
  g.updown_confidence = best.updown;
  if (best.updown < -kMinUpDownConfidence)
    g.rotation = (g.rotation + 180) % 360;
  g.axis_certain = choice.certain;
  g.flip_certain = std::abs(best.updown) >= kCertainUpDownConfidence;
  if (both_axes) g.cross_skew_deg = use_sideways ? upright.skew : sideways.skew;
  return g;
}

std::optional<double> CapturedSkew(const cv::Mat& gray, int dpi_x, int dpi_y) {
  if (dpi_x <= 0 || dpi_y <= 0) return std::nullopt;
  PixPtr pix = ToPix1(TextInk(gray));
  l_float32 angle = 0, conf = 0, score = 0;
  // A slope of the captured pixels is dpi_x / dpi_y times steeper on
  // square ones: searched to a finer step here.
  const float finest = static_cast<float>(0.01 * std::min(dpi_x, dpi_y) /
                                          std::max(dpi_x, dpi_y));
  if (!pix ||
      pixFindSkewSweepAndSearchScore(pix.get(), &angle, &conf, &score,
                                     kSweepReduction, 1, 0.0f, 20.0f, 1.0f,
                                     finest) != 0 ||
      conf < kMinSharpness) {
    return std::nullopt;
  }
  const double slope =
      std::tan(angle * CV_PI / 180) * static_cast<double>(dpi_x) / dpi_y;
  return std::atan(slope) * 180 / CV_PI;
}

cv::Mat ApplyGeometry(const cv::Mat& gray, const PageGeometry& geometry,
                      int paper) {
  return RotateFine(RotateQuarter(gray, geometry.rotation), geometry.skew_deg,
                    cv::INTER_CUBIC, paper);
}

cv::Mat GeometryMap(cv::Size size, const PageGeometry& geometry) {
  // The quarter turn, as cv::rotate makes it.
  const double w = size.width - 1, h = size.height - 1;
  cv::Mat quarter;
  cv::Size turned = size;
  switch (geometry.rotation) {
    case 90:
      quarter = (cv::Mat_<double>(3, 3) << 0, -1, h, 1, 0, 0, 0, 0, 1);
      turned = cv::Size(size.height, size.width);
      break;
    case 180:
      quarter = (cv::Mat_<double>(3, 3) << -1, 0, w, 0, -1, h, 0, 0, 1);
      break;
    case 270:
      quarter = (cv::Mat_<double>(3, 3) << 0, 1, 0, -1, 0, w, 0, 0, 1);
      turned = cv::Size(size.height, size.width);
      break;
    default:
      quarter = cv::Mat::eye(3, 3, CV_64F);
  }
  cv::Mat fine = cv::Mat::eye(3, 3, CV_64F);
  if (std::abs(geometry.skew_deg) >= kLeastFineRotation) {
    cv::Size canvas;
    FineRotationMap(turned, geometry.skew_deg, &canvas)
        .copyTo(fine.rowRange(0, 2));
  }
  return cv::Mat(fine * quarter).rowRange(0, 2).clone();
}

}  // namespace intake::ocr
