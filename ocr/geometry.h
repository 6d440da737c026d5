// Page geometry: which way up a page is and how crooked, found on a
// binarised copy with Leptonica's text-line and ascender/descender
// measurements (a few milliseconds, against ~250 ms for Tesseract's OSD on a
// full page), then undone on the gray image. Thread-safe (pure functions).
#ifndef INTAKE_OCR_GEOMETRY_H_
#define INTAKE_OCR_GEOMETRY_H_

#include <array>
#include <opencv2/core.hpp>
#include <optional>

namespace intake::ocr {

struct PageGeometry {
  int rotation = 0;     // clockwise degrees applied to make text upright
  double skew_deg = 0;  // further clockwise rotation that levels the lines
  double skew_confidence = 0;    // Leptonica's skew confidence (0 = none found)
  double updown_confidence = 0;  // > 0: upright evidence, < 0: upside down
  // Whether the evidence settles the text direction (horizontal vs vertical)
  // and up vs down; when not, the recogniser checks the alternatives.
  bool axis_certain = false;
  bool flip_certain = false;
  // The skew measured with the page a quarter turn further (the lines taken
  // to run the other way), where that was measured: a recogniser that turns
  // the page a quarter levels it with this one.
  std::optional<double> cross_skew_deg;
};

// What one text direction (upright or sideways) shows: Leptonica's skew
// confidence (how sharp the lines' projection is) and its up/down measure.
struct AxisEvidence {
  double sharpness = 0;
  double updown = 0;
};
struct AxisChoice {
  bool sideways = false;
  bool certain = false;  // false: the recogniser should check
};

// Which way the text lines run, from the evidence of both directions.
AxisChoice ChooseAxis(const AxisEvidence& upright,
                      const AxisEvidence& sideways);

// The page's ink (255) against its paper (0), for measuring text.
cv::Mat TextInk(const cv::Mat& gray);

// How many pixels of an 8-bit, one-channel image have each gray level.
std::array<double, 256> GrayHistogram(const cv::Mat& gray);

// The gray level that best splits the histogram's levels below `end` in
// two (Otsu's between-class variance): levels up to it are the dark class,
// as cv::threshold's THRESH_OTSU splits them.
int OtsuThreshold(const std::array<double, 256>& hist, int end = 256);

// Exact quarter turn, clockwise (0, 90, 180 or 270 degrees).
cv::Mat RotateQuarter(const cv::Mat& m, int rotation);

// `gray` has dark text on light paper; `text_height` is its median glyph
// height in pixels (MedianTextHeight), 0 when unknown.
PageGeometry DetectGeometry(const cv::Mat& gray, double text_height = 0);

// The skew of a page whose pixels are not square (a fax's 204 x 98 dpi),
// measured on its pixels as captured and turned into degrees on square
// ones; nullopt where its text lines are not sharp enough to tell.
std::optional<double> CapturedSkew(const cv::Mat& gray, int dpi_x, int dpi_y);

// Rotates `gray` by the geometry (exact quarter turns, then the skew with
// cubic interpolation on a canvas large enough that nothing is cut off,
// filled with `paper`).
cv::Mat ApplyGeometry(const cv::Mat& gray, const PageGeometry& geometry,
                      int paper = 255);

// Where ApplyGeometry(image, geometry) puts each point of an image of
// `size`: a 2x3 affine map (CV_64F).
cv::Mat GeometryMap(cv::Size size, const PageGeometry& geometry);

}  // namespace intake::ocr

#endif  // INTAKE_OCR_GEOMETRY_H_
