#include "ocr/geometry.h"

#include <cmath>
#include <opencv2/imgproc.hpp>

#include "ocr/pix_util.h"

namespace intake::ocr {
namespace {

// Leptonica's up/down measure needs this much evidence before we turn a
// page over (its own default decision threshold is 8).
constexpr float kMinUpDownConfidence = 5.0f;

cv::Mat Ink(const cv::Mat& gray) {
  cv::Mat ink;
  cv::threshold(gray, ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  return ink;
}

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

// Clockwise rotation by `deg` on an enlarged canvas.
cv::Mat RotateFine(const cv::Mat& m, double deg, int interpolation, int fill) {
  if (std::abs(deg) < 0.05) return m;
  const cv::Point2f center(m.cols / 2.0f, m.rows / 2.0f);
  cv::Mat t = cv::getRotationMatrix2D(center, -deg, 1.0);  // OpenCV: CCW
  const double rad = deg * CV_PI / 180;
  const int w = static_cast<int>(std::ceil(std::abs(m.cols * std::cos(rad)) +
                                           std::abs(m.rows * std::sin(rad))));
  const int h = static_cast<int>(std::ceil(std::abs(m.cols * std::sin(rad)) +
                                           std::abs(m.rows * std::cos(rad))));
  t.at<double>(0, 2) += (w - m.cols) / 2.0;
  t.at<double>(1, 2) += (h - m.rows) / 2.0;
  cv::Mat out;
  cv::warpAffine(m, out, t, cv::Size(w, h), interpolation, cv::BORDER_CONSTANT,
                 cv::Scalar(fill));
  return out;
}

}  // namespace

PageGeometry DetectGeometry(const cv::Mat& gray) {
  PageGeometry g;
  cv::Mat ink = Ink(gray);
  PixPtr pix = ToPix1(ink);
  if (!pix) return g;
  // Text lines are either near horizontal or near vertical (a page fed
  // sideways): search both, +-20 degrees around each.
  l_float32 angle = 0, conf = 0;
  if (pixFindSkewOrthogonalRange(pix.get(), &angle, &conf, 4, 2, 20.0f, 1.0f,
                                 0.01f, 1.5f) != 0 ||
      conf <= 0) {
    angle = 0;
    conf = 0;
  }
  // Leptonica's angle is the rotation that deskews, measured clockwise;
  // values near 90 mean the lines run vertically.
  double a = angle;
  if (a > 45) {
    g.rotation = 90;
    a -= 90;
  } else if (a < -45) {
    g.rotation = 270;
    a += 90;
  }
  g.skew_deg = a;
  g.skew_confidence = conf;

  // Up or down is told on the levelled lines: Latin text has more ascenders
  // than descenders.
  cv::Mat level = RotateFine(RotateQuarter(ink, g.rotation), g.skew_deg,
                             cv::INTER_NEAREST, 0);
  PixPtr level_pix = ToPix1(level);
  l_float32 updown = 0;
  if (level_pix && pixUpDownDetect(level_pix.get(), &updown, 0, 0, 0) == 0) {
    g.updown_confidence = updown;
    if (updown < -kMinUpDownConfidence) g.rotation = (g.rotation + 180) % 360;
  }
  return g;
}

cv::Mat ApplyGeometry(const cv::Mat& gray, const PageGeometry& geometry,
                      int paper) {
  return RotateFine(RotateQuarter(gray, geometry.rotation), geometry.skew_deg,
                    cv::INTER_CUBIC, paper);
}

}  // namespace intake::ocr
