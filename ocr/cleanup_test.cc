#include "ocr/cleanup.h"

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>
#include <string>
#include <vector>

#include "ocr/geometry.h"
#include "ocr/test_pages.h"

namespace intake::ocr {
namespace {

// Lines of text whose glyphs are about `glyph` pixels tall.
cv::Mat PageWithText(int w, int h, double glyph = 22) {
  cv::Mat m(h, w, CV_8UC1, cv::Scalar(255));
  const double font = glyph / 22.0;
  // Lines differ, as on a real page: identical lines would stack their
  // letters into columns that look like vertical text lines.
  static const char* kLines[] = {"Patient Registration Form",
                                 "Name: Daniel Rivera  DOB 03/14/1962",
                                 "Address 12 Elm Street, Springfield",
                                 "Insurance member ID XQ4471902",
                                 "Emergency contact: Maria Rivera",
                                 "Allergies: penicillin, latex",
                                 "Current medications listed below",
                                 "Signature of patient or guardian",
                                 "Date of service 11/02/2026",
                                 "Referring physician Dr. Okafor",
                                 "Primary care clinic, suite 4B",
                                 "Phone (555) 014-2231 ext 17",
                                 "Diagnosis E11.9 type 2 diabetes",
                                 "Plan: follow up in six weeks"};
  for (int line = 0; line < 14; ++line) {
    cv::putText(
        m, kLines[line],
        cv::Point(w / 12, static_cast<int>(h / 10 + line * glyph * 2.2)),
        cv::FONT_HERSHEY_SIMPLEX, font, cv::Scalar(0),
        std::max(1, static_cast<int>(font * 2)));
  }
  return m;
}

// `page` on paper `darker` levels darker than white, with Gaussian grain of
// standard deviation `sigma`.
cv::Mat OnGrainyPaper(const cv::Mat& page, int darker, double sigma) {
  cv::Mat grain(page.size(), CV_16SC1);
  cv::randn(grain, 0, sigma);
  cv::Mat out;
  page.convertTo(out, CV_16SC1);
  out = out - darker + grain;
  out.convertTo(out, CV_8UC1);
  return out;
}

TEST(CleanupTest, WhiteAndGrayPaperAreBlank) {
  EXPECT_TRUE(IsBlank(cv::Mat(3300, 2550, CV_8UC1, cv::Scalar(255))));
  EXPECT_TRUE(IsBlank(cv::Mat(3300, 2550, CV_8UC1, cv::Scalar(190))));
}

TEST(CleanupTest, SpeckledBackIsBlankButTextIsNot) {
  cv::Mat speckled(3300, 2550, CV_8UC1, cv::Scalar(250));
  cv::RNG rng(7);
  for (int i = 0; i < 300; ++i) {
    cv::circle(speckled, cv::Point(rng.uniform(0, 2550), rng.uniform(0, 3300)),
               2, cv::Scalar(0), cv::FILLED);
  }
  EXPECT_TRUE(IsBlank(speckled));
  EXPECT_FALSE(IsBlank(PageWithText(2550, 3300)));
}

TEST(CleanupTest, AThresholdOfZeroNeverCallsAPageBlank) {
  const cv::Mat white(3300, 2550, CV_8UC1, cv::Scalar(255));
  EXPECT_TRUE(IsBlank(white));
  EXPECT_FALSE(IsBlank(white, 0.0));
  // A stricter scanner setting calls a sparse page blank.
  EXPECT_TRUE(PreparePage(white, 300, 300, 0.01).blank);
}

TEST(CleanupTest, OneShortLineIsNotBlank) {
  // Far below the ink threshold, but words: the page must be read.
  cv::Mat page(3300, 2550, CV_8UC1, cv::Scalar(255));
  cv::putText(page, "Glucose 98 mg/dL", cv::Point(300, 600),
              cv::FONT_HERSHEY_SIMPLEX, 1.5, cv::Scalar(0), 3);
  EXPECT_LT(cv::countNonZero(page < 128), 0.002 * page.total());
  EXPECT_FALSE(IsBlank(page));
  // The same at 150 dpi.
  cv::Mat small;
  cv::resize(page, small, cv::Size(), 0.5, 0.5, cv::INTER_AREA);
  EXPECT_FALSE(IsBlank(small));
}

TEST(CleanupTest, SmallTextIsEnlargedWhateverTheFileSays) {
  // FUNSD-like: ~100 dpi, no resolution in the file.
  PreparedPage p = PreparePage(PageWithText(850, 1100, 8), 0, 0);
  EXPECT_FALSE(p.blank);
  EXPECT_NEAR(p.text_height, 8, 2);
  EXPECT_GT(p.scale, 2.2);
  EXPECT_GT(p.dpi, 80);  // estimated scan resolution
  EXPECT_LT(p.dpi, 140);
  EXPECT_GT(p.read_dpi, 250);
  EXPECT_LT(p.read_dpi, 350);
  // Normal-size text is left at its size, and the file's dpi reported.
  PreparedPage q = PreparePage(PageWithText(2550, 3300, 20), 300, 300);
  EXPECT_DOUBLE_EQ(q.scale, 1.0);
  EXPECT_EQ(q.dpi, 300);
  EXPECT_EQ(q.read_dpi, 300);
}

TEST(CleanupTest, LargeTextIsReducedButNotBelow200Dpi) {
  // Large print is read smaller (layout analysis costs by the pixel) ...
  const cv::Mat page = PageWithText(1700, 2200, 30);
  PreparedPage big = PreparePage(page, 300, 300);
  EXPECT_GT(big.text_height, 18);
  EXPECT_LT(big.scale, 0.9);
  EXPECT_LT(big.read_dpi, 270);
  // ... but a page scanned below 200 dpi is read as it came: its print is
  // at the edge of legibility already.
  PreparedPage low = PreparePage(page, 150, 150);
  EXPECT_DOUBLE_EQ(low.scale, 1.0);
  EXPECT_EQ(low.read_dpi, 150);
}

TEST(CleanupTest, FaxPixelsAreSquared) {
  // Text on square pixels, then squashed vertically as a 204x98 fax sends it.
  cv::Mat fax;
  cv::resize(PageWithText(1728, 2240, 20), fax, cv::Size(1728, 1076), 0, 0,
             cv::INTER_AREA);
  PreparedPage f = PreparePage(fax, 204, 98);
  EXPECT_DOUBLE_EQ(f.square_x, 1.0);
  EXPECT_NEAR(f.square_y, 204.0 / 98, 1e-9);
  EXPECT_GE(f.gray.rows, 2200);
  EXPECT_EQ(f.geometry.rotation, 0);
}

TEST(CleanupTest, AFaxSkewedAFewTenthsOfADegreeIsLevelled) {
  // Squared up, each of a fax's rows stands twice, and a line skewed a few
  // tenths of a degree is a staircase of level steps: such pages looked
  // level (this page measured -0.03 for every skew from -0.6 to 0.6).
  // Measured as the fax was captured, they are levelled. (Below 0.3 degree
  // the captured rows are too coarse: 0.1 and 0.2 still measure -0.08.)
  for (double skew : {0.4, -0.5, 0.6, -0.6, 1.2}) {
    cv::Mat page = PageWithText(1728, 2240, 20), turned, fax;
    cv::warpAffine(page, turned,
                   cv::getRotationMatrix2D(cv::Point2f(864, 1120), skew, 1.0),
                   page.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT,
                   cv::Scalar(255));
    cv::resize(turned, fax, cv::Size(1728, 1076), 0, 0, cv::INTER_AREA);
    fax = fax > 160;
    EXPECT_NEAR(PreparePage(fax, 204, 98).geometry.skew_deg, skew, 0.1) << skew;
  }
}

TEST(CleanupTest, FaxPagesAreReadAtTheirOwnResolution) {
  // Short glyphs on a bilevel 204x98 fax: broken strokes, not small print.
  // Enlarging such pages cost word F1; they are read as sent.
  cv::Mat fax;
  cv::resize(PageWithText(1728, 2240, 12), fax, cv::Size(1728, 1076), 0, 0,
             cv::INTER_AREA);
  fax = fax > 160;
  PreparedPage f = PreparePage(fax, 204, 98);
  EXPECT_LT(f.text_height, 15);
  EXPECT_DOUBLE_EQ(f.scale, 1.0);
  EXPECT_EQ(f.read_dpi, 204);
  // The same glyphs in gray, or bilevel with no resolution in the file, are
  // enlarged.
  cv::Mat gray;
  cv::resize(PageWithText(1728, 2240, 12), gray, cv::Size(1728, 1076), 0, 0,
             cv::INTER_AREA);
  EXPECT_GT(PreparePage(gray, 204, 98).scale, 1.2);
  EXPECT_GT(PreparePage(fax, 0, 0).scale, 1.2);
}

TEST(CleanupTest, BilevelStrokesAreThickenedAcross) {
  // A bilevel page's one-pixel vertical strokes come out two pixels dark,
  // so that Tesseract's thresholding keeps them.
  cv::Mat page = PageWithText(1700, 2200, 12);
  const int x0 = 1500;
  cv::line(page, cv::Point(x0, 1200), cv::Point(x0, 1400), cv::Scalar(0));
  auto dark_columns = [&](const cv::Mat& m) {
    const uint8_t* row = m.ptr<uint8_t>(1300);
    int n = 0;
    for (int x = x0 - 4; x <= x0 + 4; ++x) n += row[x] < 100;
    return n;
  };
  cv::Mat bilevel = page > 128;
  PreparedPage fax = PreparePage(bilevel, 200, 200);
  ASSERT_DOUBLE_EQ(fax.scale, 1.0);
  ASSERT_EQ(fax.geometry.rotation, 0);
  EXPECT_EQ(dark_columns(fax.gray), 2);
}

TEST(CleanupTest, GrayUnevenPaperIsFlattenedToWhite) {
  cv::Mat page = PageWithText(2550, 3300);
  cv::Mat shade(page.size(), CV_8UC1);
  for (int y = 0; y < shade.rows; ++y) {
    shade.row(y).setTo(150 + 80 * y / shade.rows);  // darker at the top
  }
  cv::Mat paper;
  cv::min(page, shade, paper);
  cv::Mat g = paper.clone();
  ASSERT_TRUE(NormalizeBackground(&g));
  EXPECT_GT(cv::mean(g(cv::Rect(0, 0, 2550, 200)))[0], 235);  // top margin
  // Every stroke stays dark: the ink count is that of the clean page.
  const double clean_ink = cv::countNonZero(page < 128);
  EXPECT_NEAR(cv::countNonZero(g < 128), clean_ink, 0.1 * clean_ink);
  cv::Mat white = PageWithText(2550, 3300);
  EXPECT_FALSE(NormalizeBackground(&white));
}

TEST(CleanupTest, PaperNoiseTellsGrainyScansFromCleanOnes) {
  cv::Mat clean = PageWithText(1275, 1650);
  EXPECT_LT(PaperNoise(clean), 2);
  EXPECT_GT(PaperNoise(OnGrainyPaper(clean, 20, 12)), 8);
}

TEST(CleanupTest, AFewLinesOnGrainySpeckledPaperAreMeasuredAsText) {
  // An insurance card's few lines at 150 dpi on gray, grainy paper with
  // dark specks: once the specks are gone, Otsu's split of the page falls
  // in the grain, and the grain's blobs must not be taken for the text.
  cv::Mat page(1650, 1275, CV_8UC1, cv::Scalar(255));
  static const char* kLines[] = {
      "BLUE RIVER HEALTH PLAN", "Subscriber: DANIEL J RIVERA",
      "Subscriber ID: XGH123456", "Grp#: G7788123", "DOB: 03/14/1962"};
  for (int line = 0; line < 5; ++line) {
    cv::putText(page, kLines[line], cv::Point(80, 120 + line * 34),
                cv::FONT_HERSHEY_SIMPLEX, 0.6, cv::Scalar(40), 1);
  }
  const double glyph = MedianTextHeight(page);
  ASSERT_GT(glyph, 8);
  cv::Mat gray = OnGrainyPaper(page, 23, 10);
  cv::RNG rng(7);
  for (int i = 0; i < 3000; ++i) {
    gray(cv::Rect(rng.uniform(0, 1273), rng.uniform(0, 1648), 2, 2)).setTo(25);
  }
  PreparedPage p = PreparePage(gray, 150, 150);
  EXPECT_NEAR(p.text_height, glyph, 0.25 * glyph);
  cv::Mat paper = p.gray(cv::Rect(600, 600, 400, 400)).clone();
  std::vector<uint8_t> v(paper.begin<uint8_t>(), paper.end<uint8_t>());
  std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
  EXPECT_GE(v[v.size() / 2], 245);  // the paper is white
}

TEST(CleanupTest, DarkScannerEdgesAreWhitened) {
  cv::Mat page = PageWithText(1000, 1300);
  page.colRange(0, 40).setTo(10);
  page.rowRange(1260, 1300).setTo(20);
  WhitenDarkEdges(&page);
  EXPECT_GT(cv::mean(page.colRange(0, 40))[0], 250);
  EXPECT_GT(cv::mean(page.rowRange(1260, 1300))[0], 250);
  EXPECT_LT(cv::mean(page)[0], 255) << "the text is still there";
}

TEST(CleanupTest, DarkScannerEdgesOfGrayPaperAreWhitenedBeforeItIsFlattened) {
  // A 150-dpi scan of gray paper with the scanner's dark edge along its top
  // and left (generator seed 5353, severe). Flattened first, the paper's
  // estimate took the edge in, and the edge came out a smeared gray band
  // whose dark pixels moved Tesseract's threshold past faint print: only
  // the page's two bold lines were read.
  cv::Mat gray = OnGrainyPaper(PageWithText(1275, 1650, 16), 60, 4);
  gray.rowRange(0, 20).setTo(30);
  gray.colRange(0, 35).setTo(30);
  const PreparedPage p = PreparePage(gray, 150, 150);
  // Along the edges, as little dark as on paper: a few pixels at most where
  // the bands' inner edges meet.
  const int band = p.gray.rows / 20;
  EXPECT_LT(cv::countNonZero(p.gray.rowRange(0, band) < 200), 100);
  EXPECT_LT(cv::countNonZero(p.gray.colRange(0, band) < 200), 100);
  EXPECT_GT(cv::countNonZero(p.gray < 128), 0) << "the text is still there";
}
TEST(CleanupTest, ReversedLabelBarsTurnBlackOnWhite) {
  cv::Mat page = PageWithText(1200, 1500);
  // A section heading printed white on a black bar.
  const cv::Rect bar(100, 1000, 700, 50);
  page(bar).setTo(0);
  cv::putText(page, "EMERGENCY CONTACT", cv::Point(120, 1036),
              cv::FONT_HERSHEY_SIMPLEX, 1.0, cv::Scalar(255), 2);
  // Dark print on a halftone shade, and heavy print: neither is a bar.
  const cv::Rect shade(100, 1150, 700, 60);
  for (int y = shade.y; y < shade.y + shade.height; ++y) {
    for (int x = shade.x; x < shade.x + shade.width; ++x) {
      if ((x + y) % 2 == 0) page.at<uint8_t>(y, x) = 0;
    }
  }
  cv::putText(page, "Prepared by", cv::Point(120, 1195),
              cv::FONT_HERSHEY_SIMPLEX, 1.0, cv::Scalar(0), 2);
  cv::putText(page, "INBIFO", cv::Point(120, 1380), cv::FONT_HERSHEY_SIMPLEX,
              3.0, cv::Scalar(0), 16);
  const cv::Mat before = page.clone();

  EXPECT_EQ(InvertDarkBars(&page, MedianTextHeight(page)), 1);
  EXPECT_GT(cv::mean(page(bar))[0], 160) << "the bar is now light";
  EXPECT_LT(cv::mean(page(bar))[0], 250) << "with dark letters on it";
  cv::Mat outside = page.clone();
  before(bar).copyTo(outside(bar));
  EXPECT_EQ(cv::norm(outside, before, cv::NORM_INF), 0)
      << "nothing else changed";
}

// A form's check box as print draws it: a square frame about a capital's
// size, with a tick through and out of it when `ticked`.
void DrawCheckBox(cv::Mat* page, cv::Point at, int side, bool ticked) {
  cv::rectangle(*page, cv::Rect(at.x, at.y, side, side), cv::Scalar(0), 3);
  if (ticked) {
    const std::vector<cv::Point> tick = {{at.x + 6, at.y + side / 2},
                                         {at.x + side / 2, at.y + side - 6},
                                         {at.x + side + 8, at.y - 10}};
    cv::polylines(*page, tick, false, cv::Scalar(0), 5);
  }
}

TEST(CleanupTest, CheckBoxesArePaperedOverForReadingLettersAreNot) {
  cv::Mat page = PageWithText(2550, 3300, 30);
  // Round and square-ish letters, thin and bold, beside the boxes.
  cv::putText(page, "O o D 0 8 H E Q", cv::Point(1100, 2700),
              cv::FONT_HERSHEY_SIMPLEX, 1.4, cv::Scalar(0), 3);
  cv::putText(page, "O o D 0 8 H E Q", cv::Point(1100, 2800),
              cv::FONT_HERSHEY_DUPLEX, 1.4, cv::Scalar(0), 6);
  const std::vector<cv::Rect> boxes = {
      {200, 2660, 32, 32}, {500, 2660, 32, 32}, {800, 2660, 40, 40}};
  DrawCheckBox(&page, boxes[0].tl(), 32, false);
  DrawCheckBox(&page, boxes[1].tl(), 32, true);
  DrawCheckBox(&page, boxes[2].tl(), 40, false);
  const cv::Mat before = page.clone();
  const cv::Mat read = WithoutCheckBoxes(page, MedianTextHeight(page));
  EXPECT_EQ(cv::norm(page, before, cv::NORM_INF), 0) << "input changed";
  cv::Mat changed = read != page;
  for (const cv::Rect& b : boxes) {
    const cv::Rect around(b.x - 4, b.y - 14, b.width + 16, b.height + 18);
    EXPECT_EQ(cv::countNonZero(read(around) < 128), 0) << "box at " << b.x;
    changed(around).setTo(0);
  }
  // Nothing else was touched: no letter, no line of text.
  EXPECT_EQ(cv::countNonZero(changed), 0);
  // A page without boxes comes back as it is.
  const cv::Mat plain = PageWithText(2550, 3300, 30);
  EXPECT_EQ(WithoutCheckBoxes(plain, MedianTextHeight(plain)).data, plain.data);
}

TEST(CleanupTest, ATickReachingTowardsItsLabelLeavesTheBoxABox) {
  cv::Mat page = PageWithText(2550, 3300, 30);
  // "[v] Text": the tick out of the box's top right ends a few pixels
  // before the label's first letter.
  const cv::Rect box(400, 2660, 32, 32);
  DrawCheckBox(&page, box.tl(), 32, true);
  const cv::Point label(box.x + box.width + 24, box.y + box.height);
  cv::putText(page, "Text", label, cv::FONT_HERSHEY_SIMPLEX, 1.4, cv::Scalar(0),
              3);
  const cv::Mat read = WithoutCheckBoxes(page, MedianTextHeight(page));
  const cv::Rect around(box.x - 4, box.y - 14, box.width + 12, box.height + 18);
  EXPECT_EQ(cv::countNonZero(read(around) < 128), 0);
  const cv::Rect letters(label.x - 2, box.y - 20, 200, box.height + 30);
  EXPECT_EQ(cv::norm(read(letters), page(letters), cv::NORM_INF), 0)
      << "the label is untouched";
}

// Ink drawn from rows of '#' with its top left corner at `at`.
void DrawGlyph(cv::Mat* page, cv::Point at,
               const std::vector<std::string>& rows) {
  for (size_t y = 0; y < rows.size(); ++y) {
    for (size_t x = 0; x < rows[y].size(); ++x) {
      if (rows[y][x] == '#') page->at<uint8_t>(at.y + y, at.x + x) = 0;
    }
  }
}

TEST(CleanupTest, RoundLettersOfAMonospacedFaceAtReadingSizeAreNoBoxes) {
  // An o and an 8 of a Courier-like face (NimbusMonoPS, 11 pt) as a
  // 300-dpi page reduced to reading size inks them: blocky enough at 16 px
  // that the 8's lower loop and the o passed for frames, and "281655708"
  // was read without its last digit.
  const std::vector<std::string> o = {
      "....#######.....", "...##########...", "..###.....####..",
      ".###.......###..", "###..........##.", "##...........##.",
      "##...........###", "##...........###", "##...........###",
      "##...........##.", "###..........##.", ".##.........###.",
      ".####......###..", "..###########...", "....########...."};
  const std::vector<std::string> eight = {
      ".....###.....", "...#######...", ".#####.####..", ".##......###.",
      "###.......##.", "##........###", "##........###", "###.......##.",
      ".##......###.", ".####..####..", "..########...", "..#########..",
      ".###.....###.", "###.......##.", "##........###", "##.........##",
      "##.........##", "##........###", "###.......##.", ".###.....###.",
      "..#########..", "...#######..."};
  // Another page's 8, its lower loop flat-topped and square.
  const std::vector<std::string> square_eight = {
      ".....###......", "...#######....", "..###..####...", ".###.....###..",
      "###.......##..", "##........##..", "##........##..", "###.......##..",
      ".###.....###..", "..###...###...", "...#######....", "..#########...",
      ".###.....###..", "###.......##..", "##........###.", "##.........##.",
      "##.........##.", "##........###.", ".##.......##..", ".###....####..",
      "..########....", "....#####....."};
  cv::Mat page(600, 800, CV_8UC1, cv::Scalar(255));
  for (int x = 100; x < 700; x += 60) DrawGlyph(&page, {x, 100}, o);
  for (int x = 100; x < 700; x += 60) DrawGlyph(&page, {x, 150}, eight);
  for (int x = 100; x < 700; x += 60) DrawGlyph(&page, {x, 220}, square_eight);
  // A form's boxes at the same size are still taken out.
  const std::vector<cv::Rect> boxes = {{100, 400, 16, 16}, {300, 400, 18, 18}};
  for (const cv::Rect& b : boxes) {
    cv::rectangle(page, b, cv::Scalar(0), 2);
  }
  const cv::Mat read = WithoutCheckBoxes(page, 16);
  for (const cv::Rect& b : boxes) {
    EXPECT_EQ(cv::countNonZero(read(b) < 128), 0) << "box at " << b.x;
  }
  const cv::Rect letters(0, 0, page.cols, 300);
  EXPECT_EQ(cv::norm(read(letters), page(letters), cv::NORM_INF), 0)
      << "a letter was taken for a box";
}

TEST(CleanupTest, MarksCountDotsAllOverNotABlockOfThem) {
  // 2x2 dots on a tenth of the page: ~210,000 marks, all over it.
  const cv::Mat noise = PageOfDots();
  int marks = 0;
  WithoutCheckBoxes(noise, 0, &marks);
  EXPECT_GT(marks, 100000);
  // Print: a few thousand at most.
  const cv::Mat page = PageWithText(2550, 3300, 30);
  WithoutCheckBoxes(page, MedianTextHeight(page), &marks);
  EXPECT_LT(marks, 5000);
  // The same dots in one block, a photo's halftone on a copied ID card,
  // beside the print: counted as the print is.
  cv::Mat card = page.clone();
  const cv::Rect photo(300, 300, 1000, 700);
  noise(photo).copyTo(card(photo));
  WithoutCheckBoxes(card, MedianTextHeight(page), &marks);
  EXPECT_LT(marks, 5000);
}

TEST(CleanupTest, ShadingIsDividedOutForReadingPrintIsKept) {
  // Lines printed over a gray band (a shaded table row or heading), as a
  // printer lays ink over a fill: the darker of the two.
  const cv::Mat plain = PageWithText(2550, 3300, 22);
  cv::Mat page = plain.clone();
  const cv::Rect band(150, 500, 2200, 260);
  cv::Mat shaded = cv::min(page(band), 215);
  shaded.copyTo(page(band));
  const cv::Mat before = page.clone();
  const cv::Mat read = WithoutShading(page, MedianTextHeight(page));
  EXPECT_EQ(cv::norm(page, before, cv::NORM_INF), 0) << "input changed";
  const cv::Rect inner(band.x + 10, band.y + 10, band.width - 20,
                       band.height - 20);
  const int ink = cv::countNonZero(page(inner) < 100);
  ASSERT_GT(ink, 1000) << "the band has print on it";
  EXPECT_GT(cv::countNonZero(read(inner) >= 250), 0.8 * inner.area())
      << "the band is paper white";
  EXPECT_GE(cv::countNonZero(read(inner) < 100), 0.95 * ink)
      << "its print is as dark as it was";
  // On grainy paper too (a severe scan's heading band).
  cv::Mat soft;
  cv::GaussianBlur(page, soft, cv::Size(0, 0), 2);
  const cv::Mat noisy = OnGrainyPaper(soft, 0, 10);
  const cv::Mat noisy_read = WithoutShading(noisy, MedianTextHeight(page));
  EXPECT_GT(cv::mean(noisy_read(inner))[0], cv::mean(noisy(inner))[0] + 20);
  // The grain of a mild scan's paper (a little below white) is white all
  // over the shaded page: the rows between the bands like the bands.
  const cv::Mat mild = OnGrainyPaper(page, 4, 2);
  const cv::Mat mild_read = WithoutShading(mild, MedianTextHeight(page));
  const cv::Rect below(band.x, band.y + band.height + 100, band.width, 300);
  const int paper = cv::countNonZero(page(below) == 255);
  ASSERT_GT(paper, 0.5 * below.area());
  EXPECT_GE(cv::countNonZero(mild_read(below) == 255), 0.99 * paper)
      << "the paper between the bands is white";
  EXPECT_EQ(cv::countNonZero(mild_read(below) < 100),
            cv::countNonZero(mild(below) < 100))
      << "and its print is kept";
  // Away from the band nothing changed.
  cv::Mat away = read != page;
  away(cv::Rect(band.x - 12, band.y - 12, band.width + 24, band.height + 24))
      .setTo(0);
  EXPECT_EQ(cv::countNonZero(away), 0);
  // Pages without shading come back as they are: white paper, evenly gray
  // grainy paper, and blurred print (whose smears are not flat).
  EXPECT_EQ(WithoutShading(plain, MedianTextHeight(plain)).data, plain.data);
  const cv::Mat grainy = OnGrainyPaper(plain, 20, 4);
  EXPECT_EQ(WithoutShading(grainy, MedianTextHeight(grainy)).data, grainy.data);
  cv::Mat blurred;
  cv::GaussianBlur(plain, blurred, cv::Size(0, 0), 4);
  EXPECT_EQ(WithoutShading(blurred, MedianTextHeight(plain)).data,
            blurred.data);
}

TEST(CleanupTest, PaperNearWhiteIsWhitenedForReadingPrintIsKept) {
  // A mild scan's grain after reduction: a few levels around 251.
  const cv::Mat plain = PageWithText(1275, 1650);
  cv::Mat grainy = OnGrainyPaper(plain, 4, 1.5);
  const cv::Mat ink = plain < 100;
  const cv::Mat whitened = WhitenPaper(grainy);
  cv::Mat paper_left = (whitened != 255) & (plain == 255);
  EXPECT_LT(cv::countNonZero(paper_left), 0.001 * plain.total());
  EXPECT_EQ(cv::norm(whitened, grainy, cv::NORM_INF, ink), 0)
      << "print is untouched";
  // Gray paper (a median below 245, not brought to white) is left alone.
  cv::Mat gray_paper = OnGrainyPaper(plain, 30, 1.5);
  EXPECT_EQ(WhitenPaper(gray_paper).data, gray_paper.data);
  // ForReading whitens a page reduced for reading, not one read as scanned
  // (a blurred page's faint stroke edges are print).
  PreparedPage page;
  page.gray = grainy;
  page.text_height = MedianTextHeight(grainy);
  page.scale = 1;
  EXPECT_EQ(cv::norm(ForReading(page), grainy, cv::NORM_INF), 0);
  const cv::Mat before = grainy.clone();
  page.scale = 0.6;
  page.text_height /= page.scale;
  EXPECT_LT(cv::countNonZero(ForReading(page) != 255),
            cv::countNonZero(plain != 255) + 0.001 * plain.total());
  EXPECT_EQ(cv::norm(grainy, before, cv::NORM_INF), 0) << "input changed";
}

TEST(CleanupTest, FaintRulesArePaperedOverForReadingPrintAndDarkRulesAreNot) {
  const cv::Mat plain = PageWithText(2550, 3300, 22);
  cv::Mat page = plain.clone();
  // A table's light gray rules, a row's and a column's, two pixels wide
  // (Tesseract's thresholding breaks them into dashes) ...
  cv::line(page, {200, 1100}, {2300, 1100}, cv::Scalar(150), 2);
  cv::line(page, {2400, 200}, {2400, 1500}, cv::Scalar(150), 2);
  // ... a stroke of print crossing one, and a solid black rule.
  cv::line(page, {1000, 1080}, {1000, 1120}, cv::Scalar(0), 3);
  cv::line(page, {200, 1300}, {2300, 1300}, cv::Scalar(0), 2);
  // A faint fill-in line with its value written on it stays.
  cv::putText(page, "Rivera, Daniel", cv::Point(300, 1500),
              cv::FONT_HERSHEY_SIMPLEX, 1.0, cv::Scalar(0), 2);
  cv::line(page, {280, 1502}, {780, 1502}, cv::Scalar(150), 2);
  const cv::Mat before = page.clone();
  const cv::Mat read = WithoutFaintRules(page, MedianTextHeight(plain));
  EXPECT_EQ(cv::norm(page, before, cv::NORM_INF), 0) << "input changed";
  const cv::Rect row(200, 1097, 2101, 6), column(2397, 200, 6, 1301);
  EXPECT_EQ(cv::countNonZero(read(row) < 250),
            cv::countNonZero(read(cv::Rect(995, 1097, 11, 6)) < 250))
      << "the faint row rule is paper but where the stroke crosses it";
  EXPECT_GE(cv::countNonZero(read(cv::Rect(999, 1097, 3, 6)) < 50), 12)
      << "the stroke is whole";
  EXPECT_EQ(cv::countNonZero(read(column) < 250), 0);
  EXPECT_EQ(cv::countNonZero(read(cv::Rect(200, 1297, 2101, 6)) < 50),
            cv::countNonZero(page(cv::Rect(200, 1297, 2101, 6)) < 50))
      << "the black rule is kept";
  const cv::Rect fill_in(270, 1497, 520, 10);
  EXPECT_EQ(cv::countNonZero(read(fill_in) != page(fill_in)), 0)
      << "the fill-in line under its value is kept";
  const cv::Rect text(0, 0, 2300, 1000);
  EXPECT_EQ(cv::countNonZero(read(text) != page(text)), 0)
      << "the print is untouched";
  // A page without faint rules comes back as it is.
  EXPECT_EQ(WithoutFaintRules(plain, MedianTextHeight(plain)).data, plain.data);
}

TEST(CleanupTest, AQuarterTurnLevelsThePageWithItsOwnAxisSkew) {
  // The geometry took the wrong axis (it happens on blurred 150-dpi pages)
  // and measured the skew across the lines; the recogniser turns the page
  // a quarter, which must leave it level, not skewed by the difference.
  const cv::Mat upright = PageWithText(1275, 1650);
  cv::Mat skewed;  // fed 2 degrees counter-clockwise
  cv::warpAffine(
      upright, skewed, cv::getRotationMatrix2D(cv::Point2f(637, 825), 2.0, 1.0),
      upright.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(255));
  PreparedPage p;
  p.unturned = skewed;
  p.geometry.rotation = 90;
  p.geometry.skew_deg = 0.4;
  p.geometry.cross_skew_deg = 2.0;
  p.gray = ApplyGeometry(p.unturned, p.geometry);

  const PreparedPage turned = TurnPage(p, 270);
  EXPECT_EQ(turned.geometry.rotation, 0);
  EXPECT_DOUBLE_EQ(turned.geometry.skew_deg, 2.0);
  const PageGeometry after = DetectGeometry(turned.gray, 22);
  EXPECT_EQ(after.rotation, 0);
  EXPECT_NEAR(after.skew_deg, 0, 0.15);

  // A half turn keeps the axis, and so its skew.
  const PreparedPage flipped = TurnPage(turned, 180);
  EXPECT_EQ(flipped.geometry.rotation, 180);
  EXPECT_DOUBLE_EQ(flipped.geometry.skew_deg, 2.0);
  EXPECT_EQ(flipped.gray.size(), turned.gray.size());
}

TEST(CleanupTest, ASidewaysPageIsSizedByItsGlyphsHeight) {
  // Measured across a page fed sideways, glyphs measure their widths (or
  // whole words, where the letters touch: a registration form was reduced
  // to 8-px glyphs and lost half its lines). Turned upright, the page is
  // sized as the same page fed upright.
  const cv::Mat upright = PageWithText(1700, 2200, 30);
  cv::Mat sideways;
  cv::rotate(upright, sideways, cv::ROTATE_90_COUNTERCLOCKWISE);
  const PreparedPage a = PreparePage(upright, 300, 300);
  PreparedPage b = PreparePage(sideways, 300, 300);
  ASSERT_EQ(a.geometry.rotation, 0);
  ASSERT_EQ(b.geometry.rotation, 90);
  EXPECT_NEAR(b.text_height, a.text_height, 1);
  EXPECT_NEAR(b.scale, a.scale, 0.02);
  EXPECT_NEAR(b.gray.cols, a.gray.cols, 0.02 * a.gray.cols);
  EXPECT_NEAR(b.gray.rows, a.gray.rows, 0.02 * a.gray.rows);

  // A recogniser that turns it a quarter reads it sized for the glyphs
  // that way; turned back, it is as it was.
  b.geometry.cross_skew_deg = 0.0;
  const PreparedPage other = TurnPage(b, 90);
  EXPECT_EQ(other.geometry.rotation, 180);
  EXPECT_DOUBLE_EQ(other.text_height, b.cross_text_height);
  EXPECT_LT(other.text_height, b.text_height);
  EXPECT_GT(other.scale, b.scale);
  const PreparedPage back = TurnPage(other, 270);
  EXPECT_EQ(back.geometry.rotation, 90);
  EXPECT_DOUBLE_EQ(back.scale, b.scale);
  EXPECT_EQ(back.gray.size(), b.gray.size());

  // Where the other height sizes it the same, it is only turned.
  b.cross_text_height = b.text_height;
  const PreparedPage same = TurnPage(b, 90);
  EXPECT_DOUBLE_EQ(same.scale, b.scale);
  EXPECT_EQ(same.gray.cols, b.gray.rows);
  EXPECT_EQ(same.gray.rows, b.gray.cols);
}

TEST(CleanupTest, ACropOfAReducedPageIsCutFromThePageAsCaptured) {
  // A page reduced to half for reading, turned a quarter and skewed.
  PreparedPage page;
  page.unscaled = cv::Mat(300, 400, CV_8UC1, cv::Scalar(255));
  cv::putText(page.unscaled, "7/19/19", cv::Point(60, 120),
              cv::FONT_HERSHEY_SIMPLEX, 1.5, cv::Scalar(0), 3, cv::LINE_AA);
  page.scale = 0.5;
  cv::resize(page.unscaled, page.unturned, cv::Size(), 0.5, 0.5,
             cv::INTER_AREA);
  page.geometry.rotation = 90;
  page.geometry.skew_deg = 2;
  page.gray = ApplyGeometry(page.unturned, page.geometry);
  const cv::Rect box = cv::boundingRect(page.gray < 128);
  const cv::Mat crop = CapturedCrop(page, box);
  // Twice the box's size, the same print at the captured resolution.
  ASSERT_EQ(crop.cols, 2 * box.width);
  ASSERT_EQ(crop.rows, 2 * box.height);
  cv::Mat reduced;
  cv::resize(crop, reduced, box.size(), 0, 0, cv::INTER_AREA);
  cv::Mat difference;
  cv::absdiff(reduced, page.gray(box), difference);
  EXPECT_LT(cv::mean(difference)[0], 12);
  const cv::Rect ink = cv::boundingRect(crop < 128);
  EXPECT_GT(ink.area(), 0.7 * crop.total());
  // A page read at its own size: no crop, the page as read is the page.
  page.scale = 1;
  EXPECT_TRUE(CapturedCrop(page, box).empty());
}

TEST(CleanupTest, ColorInputBecomesGray) {
  cv::Mat color(100, 100, CV_8UC3, cv::Scalar(255, 255, 255));
  PreparedPage p = PreparePage(color, 300, 300);
  EXPECT_EQ(p.gray.channels(), 1);
  EXPECT_TRUE(p.blank);
}

}  // namespace
}  // namespace intake::ocr
