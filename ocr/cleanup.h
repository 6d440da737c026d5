// Image clean-up before recognition (OpenCV): every step a plain function
// over 8-bit gray images; thread-safe. cv::Mat stays inside ocr/.
#ifndef INTAKE_OCR_CLEANUP_H_
#define INTAKE_OCR_CLEANUP_H_

#include <opencv2/core.hpp>

#include "ocr/geometry.h"

namespace intake::ocr {

struct PreparedPage {
  cv::Mat gray;         // 8-bit, 1 channel, upright and level, at `dpi`
  cv::Mat unturned;     // `gray` before the geometry was applied
  cv::Mat unscaled;     // `unturned` before resampling (square pixels)
  double scale = 1;     // prepared pixels per captured pixel (after squaring)
  double square_x = 1;  // captured-to-square factors (fax pages: 204x98 dpi)
  double square_y = 1;
  int stated_dpi = 0;  // the file's resolution (the larger), 0 if none
  int dpi = 0;         // scan resolution: the file's, else estimated from text
  int read_dpi = 0;    // resolution of `gray`: dpi * scale
  bool blank = false;
  bool normalized = false;  // uneven or gray paper was flattened
  bool bilevel = false;     // black and white only (fax, G4 TIFF)
  PageGeometry geometry;
  double text_height = 0;  // median glyph height in captured pixels
  // The same with the lines taken to run the other way (the page a quarter
  // turn further); a page turned so is resampled for it.
  double cross_text_height = 0;
};

// Turns a captured page into what Tesseract reads best: gray, square
// pixels, paper flattened to white, dark scanner edges whitened, text
// brought to a readable size (the file's resolution is not trusted: the
// size of the text decides), turned upright and levelled. Blank pages are
// flagged and left as they are.
// `blank_ink_fraction`: the scanner's blank-page threshold (IsBlank).
PreparedPage PreparePage(const cv::Mat& input, int dpi_x, int dpi_y,
                         double blank_ink_fraction = 0.002);

// The part `box` of `page.gray` as it was captured, before resampling:
// cut from `page.unscaled`, turned and levelled as `page.gray` was, at the
// captured resolution (box's size / page.scale). Empty where the page was
// not reduced for reading (`page.gray` holds no fewer pixels).
cv::Mat CapturedCrop(const PreparedPage& page, const cv::Rect& box);

// True when less than `ink_fraction` of the page (borders excluded) is dark
// and it has no more than two marks of glyph size: a duplex back or an
// empty separator side (one short line of text is not blank).
bool IsBlank(const cv::Mat& gray, double ink_fraction = 0.002);

// Divides out the paper's own brightness (gray or yellowed paper, uneven
// illumination) when it is not already white, and brings evenly gray or
// grainy paper's median to white; returns whether it changed the page.
// Meant for gray scans: PreparePage does not call it on bilevel pages.
bool NormalizeBackground(cv::Mat* gray);

// Paints solid dark bands along the page edges (scanner lid, fax borders)
// white.
void WhitenDarkEdges(cv::Mat* gray);

// Grain of the paper: standard deviation of its (bright) pixels, after
// NormalizeBackground. Clean scans measure 1-6.
double PaperNoise(const cv::Mat& gray);

// Whitens ink blobs of a few pixels that lie away from all other ink (dust,
// salt-and-pepper noise), keeping punctuation near text; returns the pixels
// whitened. Skipped on large pages.
int RemoveSpeckles(cv::Mat* gray, double text_height);

// Turns white-on-black label bars ("PATIENT INFORMATION" printed reversed
// in a filled box) into black on white, where Tesseract reads them;
// `text_height` is the page's median glyph height in pixels. Returns the
// bars turned. Gray shading with dark print on it is left alone.
int InvertDarkBars(cv::Mat* gray, double text_height);

// The page as Tesseract should read it: check boxes (a square frame of
// about a glyph's size, ticked or not) painted over with paper. Tesseract
// reads a box as a letter ("O", "M", "©") and glues it to the option's word
// ("OPhone"). `gray` itself is unchanged (it is what is archived); returned
// as is when there are none. `text_height`: median glyph height in pixels.
// `marks`, when given, is set to the number of separate marks of ink
// larger than a dot of one or two pixels (8-connected components of
// TextInk, counted on the way) the page would have if all of it were
// marked like its typical part: 16 times the median count of its
// sixteenths, so a block of dots in one part (a halftone photo) does not
// count as the whole page's.
cv::Mat WithoutCheckBoxes(const cv::Mat& gray, double text_height,
                          int* marks = nullptr);

// The page as Tesseract should read it: light shading behind print
// (striped table rows, a gray heading band, shaded cells) divided out to
// paper white, the print on it kept: Tesseract skipped shaded rows of a
// table or read them as noise. The paper's grain, all over such a page, is
// made white too. `gray` itself is unchanged; returned as is when there is
// no shading. `text_height`: median glyph height in pixels.
cv::Mat WithoutShading(const cv::Mat& gray, double text_height);

// The page as Tesseract should read it: faint rules (a table's light gray
// lines between rows and columns) made paper. Tesseract's thresholding
// breaks them into dashes, which its layout analysis takes for noise
// beside the rows they border and drops whole rows with them. Print
// crossing a rule (darker than it) is kept; dark rules, which Tesseract
// finds and removes itself, are left. `gray` itself is unchanged; returned
// as is when there are none. `text_height`: median glyph height in pixels.
cv::Mat WithoutFaintRules(const cv::Mat& gray, double text_height);

// The page turned `turn` degrees further clockwise (90, 180, 270), for a
// recogniser that finds it reads better so. A quarter turn makes the other
// axis the lines' direction: the page is then levelled again from
// `unturned` with the skew measured on that axis (`cross_skew_deg`), where
// it was measured, resampled first from `unscaled` where the glyphs measure
// another size that way (`cross_text_height`).
PreparedPage TurnPage(const PreparedPage& page, int turn);

// What Tesseract reads of a prepared page: WithoutCheckBoxes, then
// WithoutFaintRules (not on bilevel pages; before the shading's grain is
// whitened, which breaks rules up), then WithoutShading. `page.gray`, what is
// archived, is unchanged. `marks`: as for WithoutCheckBoxes.
cv::Mat ForReading(const PreparedPage& page, int* marks = nullptr);

// Median height in pixels of the glyph-like connected components of the ink
// (0 when there are too few to tell): `rows` as the page lies, `columns`
// with it turned a quarter (the components' widths). A sideways page's
// `rows` measure its glyphs' widths, or whole words where letters touch.
struct TextHeights {
  double rows = 0;
  double columns = 0;
};
TextHeights MeasureTextHeights(const cv::Mat& gray);
double MedianTextHeight(const cv::Mat& gray);  // MeasureTextHeights().rows

// `gray` with what is within a few grey levels of the paper (the median
// level, where that is light) made white; `gray` itself where the paper is
// not light. Tesseract's LSTM reads the grey image: a scanner's noise on
// the paper broke a thin typewriter face ("57515" read "DLoOLo", confidence
// 0, on a mildly degraded page of held-out seed 421).
cv::Mat WhitenPaper(const cv::Mat& gray);

}  // namespace intake::ocr

#endif  // INTAKE_OCR_CLEANUP_H_
