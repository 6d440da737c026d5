// Recognizer: one page image in, one recognised Page out.
//
// Holds one Tesseract engine, initialised once (model load costs ~0.2 s) and
// reused for every page. NOT thread-safe: each OCR worker thread creates its
// own Recognizer (DESIGN.md: one engine per worker, OMP_THREAD_LIMIT=1).
#ifndef INTAKE_OCR_RECOGNIZER_H_
#define INTAKE_OCR_RECOGNIZER_H_

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/document.h"
#include "common/status.h"
#include "ocr/cleanup.h"

namespace intake::ocr {

struct OcrOptions {
  std::string language = "eng";  // Tesseract languages, "eng+spa"
  std::string tessdata_dir;      // empty = Tesseract's default
  double page_timeout_s = 120;   // time limit per page, every reading of it
};

// What recognition leaves besides the Page: the cleaned, upright image it
// read (JPEG, `dpi` dots per inch; word boxes times dpi / Page::dpi give its
// pixels) and Tesseract's hOCR of it.
struct PageOutputs {
  std::string jpeg;
  int dpi = 0;
  std::string hocr;
};

// A word as Tesseract read it, tidied: a form's vertical rules read as '|'
// at its ends ("|99203", "140.00|") cut off, with how many characters were
// cut from its front and back; a word of rules, blanks or marks that are
// not text (a check box read as "©", "~~", "_") made empty; and what the
// model's dictionary reads for words of health records it does not know
// put right ("Alc" for A1c, "1D" for ID, "RO7.9" for the code R07.9).
// The page's words and text are made of these.
std::string CleanWord(std::string_view word, size_t* front = nullptr,
                      size_t* back = nullptr);

// Whether a word read with `confidence` (0-1) is noise Tesseract took for
// print (paper grain, a smudge, a box's edge: "ee", "oe", "="): below 0.5,
// and either stray marks alone or one to three letters starting lower case
// that are not a month, a common word or a record abbreviation. A capital
// first (a name's "Ana", DOS, a list's "A."), labels ending in ':' and
// numbers are print. Such words are left out of the page.
bool IsNoise(std::string_view word, float confidence);

// The quarter turns (clockwise, from the way the page was first read) worth
// reading a page again at, given its geometry and what the first reading
// made of it (`sideways`: the share of its letters read along vertical
// lines). None when the first reading is good or the geometry sure of it.
std::vector<int> TurnsToTry(const PageGeometry& geometry, const Page& read,
                            double sideways);

class Recognizer {
 public:
  // Loads the models; Unavailable when Tesseract or a language is missing.
  static Result<std::unique_ptr<Recognizer>> Create(const OcrOptions& options);
  ~Recognizer();
  Recognizer(const Recognizer&) = delete;
  Recognizer& operator=(const Recognizer&) = delete;

  // Cleans up and recognises one page (ocr/cleanup.h). The Page has text,
  // words, mean confidence, dpi, rotation, skew and blank set; its size and
  // word boxes are those of the upright, levelled page at the captured
  // resolution. Its number and sha256 are left for the caller. A page that runs
  // past the deadline fails with Unavailable ("recognition timed out ..."):
  // one deadline for all its readings (other ways up are tried only in the
  // time left). A page with more separate marks of ink than any print has
  // (random dots from a damaged image stream, noise all over) is not read:
  // Corrupt ("not read: ... marks of ink ..."); Tesseract's layout analysis,
  // which its deadline does not reach, took minutes on such pages.
  // With `outputs`, also encodes the image and the hOCR (~5% more time).
  // `blank_ink_fraction` is the scanner's blank-page threshold (IsBlank).
  Result<Page> Recognize(const PageImage& image, PageOutputs* outputs = nullptr,
                         double blank_ink_fraction = 0.002);

 private:
  friend class SecondLookTest;
  struct Engine;
  // A word as Tesseract read it: its box in the pixels of the image read.
  struct ReadWord {
    std::string text;
    int l, t, r, b;
    float confidence;
    bool line_end, para_end;
    cv::Rect Box() const { return cv::Rect(l, t, r - l, b - t); }
  };
  // Each line of `words` (in reading order): its first and last index.
  static std::vector<std::pair<size_t, size_t>> LinesOf(
      const std::vector<ReadWord>& words);
  // A page's reading: what was read, and the words in it.
  struct Reading {
    cv::Mat image;
    // The page `image` was made from: its resolution (read_dpi) and its
    // pixels per captured pixel (scale) are `image`'s.
    PreparedPage prepared;
    double text_height = 0;  // median glyph height in pixels of `image`
    std::vector<ReadWord> words;
    cv::Mat ink;  // `image`'s ink, white on black (Otsu), once made by Ink
  };
  explicit Recognizer(const OcrOptions& options);
  // Recognises the prepared image into page's text, words and confidence,
  // its words as read into `reading`, and its hOCR into `hocr` when not
  // null. `sideways` gets the share of the letters read along vertical
  // lines: Tesseract reads a page lying on its side as vertical text, but
  // its word boxes are then sideways too. Unavailable when `deadline`
  // passes first.
  Status Read(const cv::Mat& gray, const PreparedPage& prepared, Page* page,
              std::string* hocr, double* sideways,
              std::chrono::steady_clock::time_point deadline, Reading* reading);
  // The page's words, text and mean confidence from what was read.
  static void Assemble(const Reading& reading, Page* page);
  // On a page reduced for reading, reads each unsure word with a digit,
  // and each short unsure word whose box holds more than its letters,
  // again, alone and enlarged, and keeps the surer reading (in `hocr` too,
  // when not null; the short word's box may read as more words); a
  // capitals first name after "SURNAME," read unsure is read again too,
  // and split where its middle initial's space was lost ("BEATRIZS" as
  // "BEATRIZ S"). On any page, so is a name's first word after its label
  // ("NAME: GLORIA", "Name" above it, "Petrakis, Lucas") or under a label
  // heading the line above ("Patient" over "Fatima"), whose letters stay
  // (split only where its words ran together: "PATRICIAGREEN"); and, on any
  // page that reads well on average, a word with a digit read as garbled
  // ("JLEG9" for J18.9). A word read the same again, surer, takes the surer
  // confidence. True when a word changed.
  bool SecondLook(Reading* reading, std::string* hocr,
                  std::chrono::steady_clock::time_point deadline);
  // The reading's ink, thresholded once for the passes that look for it.
  static const cv::Mat& Ink(Reading* reading);
  // Replaces the words [begin, end) with `read`, its last word ending what
  // theirs did, in `hocr` too when not null; returns the index of the last
  // word put in.
  static size_t ReplaceRun(std::vector<ReadWord>* words, size_t begin,
                           size_t end, std::vector<ReadWord> read,
                           std::string* hocr);
  // Reads each line read unsurely again, enlarged and thresholded on its
  // own: light print on grainy paper that Tesseract's recognizer, reading
  // grays, took for nonsense. Where the new reading is sure, its words
  // replace the line's (in `hocr` too, when not null); true when a line's
  // were.
  bool ReadFaintLines(Reading* reading, std::string* hocr,
                      std::chrono::steady_clock::time_point deadline);
  // Reads each run of unsure words of a line that are far taller than the
  // page's words again, enlarged, as a block: two lines of small print
  // beside a large title read as one ("F: 615.555.0166" over "NPI:
  // 2179451549" read "Nelo poaeteae"). Where the block reads as two lines
  // or more, surely, its words replace the run's (in `hocr` too, when not
  // null); true when a run was replaced.
  bool ReadMergedLines(Reading* reading, std::string* hocr,
                       std::chrono::steady_clock::time_point deadline);
  // Reads ink that no word's box holds, in runs of glyphs, again enlarged,
  // one line a run: Tesseract's layout analysis may leave a table's column
  // out of every line. Runs read surely are put into the line level with
  // them, or a line of their own (in `hocr` too, when not null); true when
  // one was.
  bool ReadLostInk(Reading* reading, std::string* hocr,
                   std::chrono::steady_clock::time_point deadline);
  // Reads two words of a line again as one run, enlarged, where glyphs'
  // ink between them is in neither box: thin letters Tesseract's noise
  // removal dropped ("Bi h" for "Birth", the last "t" of "Patient" left out
  // of its box), or a dash ("390060 152" for 390060-152). Taken where it
  // only puts small letters or that dash back, read surely (in `hocr` too,
  // when not null); true when a pair was.
  bool ReadInkBetween(Reading* reading, std::string* hocr,
                      std::chrono::steady_clock::time_point deadline);
  // Reads the first glyph of each word of figures (two letters at most)
  // read unsurely again, alone: Tesseract reads an ID's letter before
  // figures as a figure ("Z" as 2, "G" as 6), or leaves it out, a word's
  // context outweighing the glyph's shape. Where alone it reads surely as
  // a capital no figure looks like, that capital replaces the first
  // character, or goes before it where the box holds a glyph more than
  // was read (in `hocr` too, when not null); true when one did.
  bool ReadFirstGlyphs(Reading* reading, std::string* hocr,
                       std::chrono::steady_clock::time_point deadline);
  OcrOptions options_;
  std::unique_ptr<Engine> engine_;
};

}  // namespace intake::ocr

#endif  // INTAKE_OCR_RECOGNIZER_H_
