#include "ocr/recognizer.h"

#include <leptonica/allheaders.h>
#include <omp.h>
#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>
#include <tesseract/resultiterator.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <initializer_list>
#include <limits>
#include <opencv2/imgproc.hpp>
#include <optional>
#include <vector>

#include "ocr/cleanup.h"
#include "ocr/pix_util.h"

namespace intake::ocr {
namespace {

// Strings and iterators Tesseract hands out are the caller's to free.
using TessText = std::unique_ptr<char[]>;

// A page read this well is taken as the right way up whatever the geometry
// evidence said; below it, the other orientations are tried.
constexpr double kGoodConfidence = 0.75;

// Whether a reading ran along vertical lines (`sideways`: the share of its
// letters that did, from Read): the page lay on its side.
bool ReadSideways(double sideways) { return sideways > 0.5; }

// How well a reading reads: confident words, and more of them. A sideways
// reading counts a quarter: its text may be right, but every word box lies
// on its side.
double ReadingScore(const Page& p, double sideways) {
  double s = 0;
  for (const Word& w : p.words)
    s += w.confidence * w.confidence * w.text.size();
  return ReadSideways(sideways) ? s / 4 : s;
}

// A reading below this mean confidence found next to nothing (damaged pages
// read as they should measured 0.46 and up).
constexpr double kFailedConfidence = 0.3;

// Below this a reading is doubtful however sure the geometry was
// (TurnsToTry).
constexpr double kDoubtfulConfidence = 0.5;

// An alternative reading replaces the first only when clearly better.
constexpr double kBetterBy = 1.2;

// On a page reduced to its reading size, words with a digit read less sure
// than this are read again, alone and enlarged this much
// (Recognizer::SecondLook). Identifiers, codes and dates are what fields
// are read from, and the reduction costs their glyphs most: "7Y44GP9FC09"
// read "7TY44GP9FCO09" (confidence .28), "(Z12.31)" read "(212.31)" (.26)
// on clean 300-dpi pages. On a low-resolution or blurred page (not
// reduced) the enlarged word reads surer but no better ("MBR1" as "MBRI",
// .91). Word F1 of generated pages stayed within .002 at every level
// (seed 1818) whether every unsure word was read again or only these.
constexpr double kSecondLookBelow = 0.5;
constexpr double kSecondLookScale = 2.0;

// The resolution of `page`'s reading copy enlarged kSecondLookScale times.
int EnlargedDpi(const PreparedPage& page) {
  return static_cast<int>(page.read_dpi * kSecondLookScale);
}

// A word of kFirstGlyphIdLength letters and figures or more, a figure
// first and kFirstGlyphLetters letters at most, read below
// kFirstGlyphBelow has its first glyph read again alone (ReadFirstGlyphs);
// a capital read kFirstGlyphSurely or more, not one of kDigitLookalikes,
// replaces it.
constexpr double kFirstGlyphBelow = 0.95;
constexpr size_t kFirstGlyphIdLength = 7;
constexpr long kFirstGlyphLetters = 2;
constexpr double kFirstGlyphSurely = 0.6;
constexpr char kDigitLookalikes[] = "BDILOQST";
// A run of ink this many figures wide or wider holds two glyphs or more;
// a word with more than kMostTouching glyphs fewer runs than it was read
// with is left as read.
constexpr double kTouchingGlyphs = 1.3;
constexpr size_t kMostTouching = 2;

// How many letters and digits `word` has.
long Alnum(std::string_view word) {
  return std::count_if(word.begin(), word.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c));
  });
}

// Whether `word` is figures alone (and not empty).
bool AllFigures(std::string_view word) {
  return !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c));
  });
}

// `box` grown by `pad` pixels on every side, within `image`.
cv::Rect Grown(const cv::Rect& box, int pad, const cv::Mat& image) {
  return cv::Rect(box.x - pad, box.y - pad, box.width + 2 * pad,
                  box.height + 2 * pad) &
         cv::Rect(0, 0, image.cols, image.rows);
}

// A run of words read: the box around them, their letters and digits,
// and their confidence summed over those (each word's times its count).
struct RunMeasure {
  cv::Rect box;
  long alnum = 0;
  double sure = 0;
};

// The measure of words [begin, end) of `words` (Recognizer::ReadWord).
template <typename Word>
RunMeasure Measure(const std::vector<Word>& words, size_t begin, size_t end) {
  RunMeasure m;
  for (size_t k = begin; k < end; ++k) {
    m.box = k == begin ? words[k].Box() : m.box | words[k].Box();
    m.alnum += Alnum(words[k].text);
    m.sure += words[k].confidence * Alnum(words[k].text);
  }
  return m;
}

// A word with a digit and four letters or digits or more. Not a box's
// number ("3.", "11a."), which read alone loses its period.
bool WorthASecondLook(std::string_view word) {
  return Alnum(word) >= 4 && std::any_of(word.begin(), word.end(), [](char c) {
           return std::isdigit(static_cast<unsigned char>(c));
         });
}

// A word whose shape tells of a misreading is read again below this, as
// words read less surely than kSecondLookBelow are:
// - an identifier holding a mark no identifier prints ("\BQ303425516" for
//   VBQ303425516: a V read as a backslash at .58 on a mild card, held-out
//   seed 769);
// - an ICD-10 code's shape without its letter: two digits, a dot and up to
//   four more ("11.9," for "E11.9," at .73 beside its label on a clean
//   page and .59 on its scan, held-out seed 809). Enlarged, the letter
//   reads. Lab values of the shape (about one in ten pages) read the
//   same again and are left as they were;
// - a date with letters among its digits ("TN9/1949" for "7/19/1949" at
//   .50 on a mild card, held-out seed 827; alone and enlarged it reads
//   right at every size tried).
constexpr double kTellingShapeBelow = 0.8;

bool HasStrayMark(std::string_view word) {
  return word.find_first_of("\\{}[]~`^") != std::string_view::npos;
}

bool CodeWithoutLetter(std::string_view word) {
  while (!word.empty() && (word.back() == ',' || word.back() == ';')) {
    word.remove_suffix(1);
  }
  if (word.size() < 4 || word.size() > 7 || word[2] != '.') return false;
  auto digit = [](char c) {
    return std::isdigit(static_cast<unsigned char>(c));
  };
  return digit(word[0]) && digit(word[1]) &&
         std::all_of(word.begin() + 3, word.end(), digit);
}

bool DateWithLetters(std::string_view word) {
  long digits = 0, letters = 0;
  for (char c : word) {
    digits += std::isdigit(static_cast<unsigned char>(c)) != 0;
    letters += std::isalpha(static_cast<unsigned char>(c)) != 0;
  }
  return word.find('/') != std::string_view::npos && digits >= 4 && letters > 0;
}

// A numeric date no calendar has: neither of its first two numbers a
// month, or either more than a day of a month ("38/23/2009" for
// "3/23/2009" at .63 on a clean 300-dpi progress note reduced for reading,
// generator seed 9797).
bool ImpossibleDate(std::string_view word) {
  while (!word.empty() &&
         !std::isdigit(static_cast<unsigned char>(word.back()))) {
    word.remove_suffix(1);
  }
  while (!word.empty() &&
         !std::isdigit(static_cast<unsigned char>(word.front()))) {
    word.remove_prefix(1);
  }
  int parts[3] = {0, 0, 0};
  int digits[3] = {0, 0, 0};
  size_t n = 0;
  char separator = 0;
  for (char c : word) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      parts[n] = parts[n] * 10 + (c - '0');
      ++digits[n];
    } else if ((c == '/' || c == '-') && (separator == 0 || c == separator) &&
               n < 2 && digits[n] > 0) {
      separator = c;
      ++n;
    } else {
      return false;
    }
  }
  if (n != 2 || digits[0] > 2 || digits[1] > 2 ||
      (digits[2] != 2 && digits[2] != 4)) {
    return false;
  }
  return (parts[0] > 12 && parts[1] > 12) || parts[0] > 31 || parts[1] > 31 ||
         parts[0] == 0 || parts[1] == 0;
}

// A month's name or its abbreviation, with its period or not ("May",
// "Sept.").
bool MonthWord(std::string_view word) {
  if (!word.empty() && word.back() == '.') word.remove_suffix(1);
  if (word.size() < 3) return false;
  static constexpr std::string_view kMonths[] = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  std::string lower;
  for (char c : word) {
    lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return std::any_of(
      std::begin(kMonths), std::end(kMonths),
      [&](std::string_view month) { return month.starts_with(lower); });
}

// A day of the month after its month's name ("May 3,"): one or two
// figures, a comma after them or not. A 3 read as 8 at .79 on a mild
// progress note reduced for reading reads right from the page as captured
// (generator seed 11515).
bool DayAfterMonth(std::string_view before, std::string_view word) {
  if (!word.empty() && word.back() == ',') word.remove_suffix(1);
  return word.size() <= 2 && AllFigures(word) && MonthWord(before);
}

// Any of the shapes read again below kTellingShapeBelow.
bool TellingShape(std::string_view word) {
  return (WorthASecondLook(word) && HasStrayMark(word)) ||
         CodeWithoutLetter(word) || DateWithLetters(word) ||
         ImpossibleDate(word);
}

// A word with a digit read below kGarbledBelow is read again alone on any
// page whose words read kWellReadPage on average: Tesseract's heavy noise
// removal (textord_heavy_nr, below) took the dash of a monospaced "- J18.9"
// and "- I10" on a 200-dpi page read .94, and the codes read "JLEG9" (0)
// and "330" (.40); alone, they read right (generator seed 8383). On
// damaged pages read .75-.83 such words read again surer but no better,
// and member IDs were lost.
constexpr double kGarbledBelow = 0.45;
constexpr double kWellReadPage = 0.9;

// A short word whose box holds more than its letters: glyphs lost at the
// reading size. "I10" beside its label read "Ho" or "0" (confidence .5-.6),
// and "110" (.96) enlarged, which the ICD-10 reader repairs (held-out seed
// 353), or "No" (.71) in a diagnosis table's code column on a clean page
// (held-out seed 1117). About one word a page. Raised from .65 to .8, word
// F1 on generator seed 5656 gained a word on four pages (clean, mild,
// moderate, fax) and lost none.
constexpr double kShortSecondLookBelow = 0.8;
// A line's glyph width is measured on its words read this surely. Where
// the box is twice as wide as its glyphs by that measure, the word is read
// again below kSureLostGlyphsBelow: "I10" read "0" (.67, held-out seed 353).
constexpr float kSureGlyphWidth = 0.85f;
constexpr double kSureLostGlyphsBelow = 0.9;

// The median height of the words of three letters or digits or more read
// kSureGlyphWidth or more (Recognizer::ReadWord); 0 where none is.
template <typename Word>
int SureWordHeight(const std::vector<Word>& words) {
  std::vector<int> heights;
  for (const Word& w : words) {
    if (w.confidence >= kSureGlyphWidth && Alnum(w.text) >= 3) {
      heights.push_back(w.b - w.t);
    }
  }
  if (heights.empty()) return 0;
  const auto middle = heights.begin() + heights.size() / 2;
  std::nth_element(heights.begin(), middle, heights.end());
  return *middle;
}
// Enlarged, such a word may read more glyphs, less sure than the few read
// first: "I10" in a serif face read "10" (.62), then "110" (.51; held-out
// seed 433). That fuller reading is taken from kFullerReadingFrom where the
// box is as wide as its glyphs by the line's measure (kGlyphWidthSlack): a
// typewriter face's "01" fills its box, and read again as "O01" (.47) it
// gained a glyph that is not there.
constexpr double kFullerReadingFrom = 0.3;
constexpr double kGlyphWidthSlack = 1.15;
bool LostGlyphs(std::string_view word, int width, int height) {
  const long alnum = Alnum(word);
  return alnum >= 1 && alnum <= 3 &&
         width * 4 > height * 3 * static_cast<int>(word.size());
}

// A word of figures whose box is not as wide as all but one of them by its
// line's glyph width (a 1's ink is narrow: "11" may be little wider than
// one figure) holds fewer than were read. Read below kShortSecondLookBelow,
// it is read again; a second reading so crowded is refused: a typewriter
// face's "11" (.42) in a claim's service date, read again enlarged, gave
// "141" (.76) in a box 1.9 glyphs wide, and the date was lost (held-out
// seed 1453's clean claim).
bool CrowdedFigures(std::string_view word, int width, double glyph_width) {
  const long alnum = Alnum(word);
  return alnum >= 2 && glyph_width > 0 && AllFigures(word) &&
         width < glyph_width * static_cast<double>(alnum - 1);
}

// A name printed "MILLER, BEATRIZ S" in capitals, reduced for reading, may
// lose the space before its middle initial: "BEATRIZS" (.92; "FELIXE" .79,
// "BARBARAE" .91: held-out seeds 463, 499, 521), and the name no longer
// matches its patient. A capitals word below this, after a capitals word
// ending in a comma on its line, is read again enlarged; where it reads as
// the same letters with the last one apart, it is split there.
constexpr double kGluedInitialBelow = 0.95;
// Such a word whose last capital stands this many of its heights or more
// clear of the letters before it (no ink in any column between) is split
// there, however it reads again: "YUKI L" read "YUKIL" (.51) at every size
// tried, its space 0.69 of the height wide where the name's letters stand
// at most 0.28 apart (held-out seed 1409's clean discharge summary). A
// serif face's "ID" at the end of "DAVID" stands 0.53 apart (held-out seed
// 1433's mild referral, read "DAVI D" at 0.5).
constexpr double kInitialGap = 0.6;

// Two or three lines of small print set beside a large title may be read
// as one line, their words as tall as the lines together and read as
// nonsense: "F: 615.555.0166" over "NPI: 2179451549" read "Nelo poaeteae"
// (.29 and 0; held-out seed 659's letterhead, at every level). A run of a
// line's words below kMergedBelow, each kMergedHeight times as tall as
// the page's median sure word or more, is read again enlarged as a block.
// Its reading replaces theirs where it has two lines or more and its
// letters and digits read kMergedReadSurely on average: signatures and
// logos, as tall and as unsure, read as nonsense again. Raised from .5 to
// .7: "F: 207-555-0158" over "NPI: 2872689197" read "NPL 2872608187" (.68
// and .66) on held-out seed 1399's clean radiology report. Words of 600
// generated pages and 60 FUNSD forms read as before.
constexpr double kMergedBelow = 0.7;
constexpr double kMergedHeight = 1.7;
constexpr double kMergedReadSurely = 0.8;

// Tesseract's recognizer reads the page's grays, not its threshold: light
// print in a thin face on grainy paper may read as nonsense where the
// threshold keeps every stroke. A claim's service lines read "05/05/2079:
// Tis. 99214> 5972;" (.54) for "05/05/2019 11 99214 59" (generator seed
// 5656, moderate), the row above them, printed alike, read right. A line of
// kFaintLineLetters letters and digits or more read below kFaintLineBelow on
// average is read again enlarged, thresholded on its own; the new reading
// replaces its words where it keeps half their letters and digits or more and
// reads them kFaintLineReadSurely on average. Blurred print read so loses
// strokes, and reads less surely: "Chart # 56140448", its 6 a euro sign (.82),
// for "Chart #: 656140448" (.41). Generator seed 5656: moderate pages' word F1
// .980 -> .982, severe .889 (and 80 severe pages of four seeds .902 -> .903),
// fax .844 -> .843 (two names a letter off, one code read whole); clean,
// mild and FUNSD as before.
constexpr double kFaintLineBelow = 0.6;
constexpr long kFaintLineLetters = 4;
constexpr double kFaintLineReadSurely = 0.85;

// Tesseract's layout analysis may leave text out of every line it finds: a
// claim's whole "D. CPT/HCPCS" column ("99214", "93000", "93306" between
// table rules) was not read on the page reduced to 171 dpi, as the
// tesseract CLI does not read it there either (it does at 300 dpi;
// held-out seed 701). Ink of a glyph's size that no word's box holds, in
// runs of kLostRunGlyphs marks or more kLostGlyphGap text heights apart at
// most, is read again enlarged, one line a run; its words are kept where
// their letters and digits read kLostReadSurely on average (specks, stamps
// and signatures read as nonsense).
constexpr double kLostGlyphSmallest = 0.5;  // of the page's text height
constexpr double kLostGlyphLargest = 2.5;
constexpr double kLostGlyphGap = 1.2;
constexpr int kLostRunGlyphs = 3;
constexpr double kLostReadSurely = 0.8;
// The runs read again on a page, the longest first: a noisy page may have
// more such marks than text, and each run is a reading of its own.
constexpr size_t kMostLostRuns = 12;

// A monospaced face's thin letters at the reading size may go as noise
// (Tesseract's heavy noise removal, on for the whole process): a clean lab
// report's "Date of Birth" read "Date of Bi h", its "Patient" boxed without
// its last "t", so wide a gap before "Name" that the label read as two
// (generator seed 6161). Between two words of a line, ink across
// kInkBetweenColumns text heights or more of the gap is read again with
// both words enlarged; the reading is kept where it reads kInkBetweenSurely
// on average and only puts small letters back: one word, the two run
// together with letters between, or the same two words, the first grown by
// such letters (or boxed over its ink alone), and perhaps a label's dot and
// colon ("Grp N" for "Grp No.:", held-out seed 1031). A dash between two runs
// of letters or digits goes the same way ("GROUP: 390060 152" for 390060-152,
// held-out seed 977's card): read back, the two are one word again.
constexpr double kInkBetweenColumns = 0.45;
constexpr double kInkBetweenSurely = 0.8;

// Whether `text` is `head`, then small letters, then `tail`.
bool SmallLettersBetween(std::string_view text, std::string_view head,
                         std::string_view tail) {
  if (text.size() < head.size() + tail.size() || !text.starts_with(head) ||
      !text.ends_with(tail)) {
    return false;
  }
  const std::string_view between =
      text.substr(head.size(), text.size() - head.size() - tail.size());
  return std::all_of(between.begin(), between.end(), [](char c) {
    return std::islower(static_cast<unsigned char>(c));
  });
}

// Whether `text` is `head` grown by small letters (or none), then perhaps
// a label's abbreviation dot and colon ("N" read again as "No.:").
bool GrownBySmallLetters(std::string_view text, std::string_view head) {
  const size_t end = text.find_last_not_of(".:");
  return end != std::string_view::npos && text.size() - end - 1 <= 2 &&
         SmallLettersBetween(text.substr(0, end + 1), head, "");
}

// Whether `text` is `head`, ending in a figure, grown by a code's decimal
// part: a dot and one to four letters or figures ("N39" read again as
// "N39.0").
bool GrownByDecimals(std::string_view text, std::string_view head) {
  if (head.empty() || !std::isdigit(static_cast<unsigned char>(head.back())) ||
      !text.starts_with(head) || text.size() < head.size() + 2 ||
      text.size() > head.size() + 5 || text[head.size()] != '.') {
    return false;
  }
  return std::all_of(text.begin() + head.size() + 1, text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c));
  });
}

// Whether `read` is `head`, a dash and `tail`, all one word or the dash
// read with either ("390060-" "152"), both ends letters or digits.
bool DashBetween(const std::vector<std::string_view>& read,
                 std::string_view head, std::string_view tail) {
  auto alnum = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c));
  };
  if (head.empty() || tail.empty() || !alnum(head.back()) ||
      !alnum(tail.front()) || read.empty() || read.size() > 2) {
    return false;
  }
  std::string joined;
  for (std::string_view r : read) joined += r;
  return joined.size() == head.size() + tail.size() + 1 &&
         joined.starts_with(head) && joined[head.size()] == '-' &&
         joined.ends_with(tail);
}

bool AllCapitals(std::string_view word) {
  return !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
    return std::isupper(static_cast<unsigned char>(c));
  });
}

// "MILLER," before "BEATRIZS".
bool CapitalsSurnameBefore(std::string_view before, std::string_view word) {
  return before.size() >= 3 && before.back() == ',' &&
         AllCapitals(before.substr(0, before.size() - 1)) && word.size() >= 4 &&
         AllCapitals(word);
}

// A name's first word right after its label ("PT NAME: GLORIA KAMINSKI",
// GLORIA read .93 at the reading size and .96 enlarged; held-out seed 739,
// beside a look-alike patient Glorie) read below kGluedInitialBelow is read
// again enlarged too; only its confidence may change. So is one after a
// label "Name" without its colon, beside it or on the line above it
// (`label_ends_line`: a box's label over its value, "Full Name" over
// "Winona F. Kowalczyk"), and one after a surname and its comma
// ("Petrakis, Lucas": Lucas .92, then .96; generated seed 7373, beside
// look-alike twins Wunona and Locas). Of 547 capitalised words read again
// so on 240 generated pages (seeds 7373 and 7474), the 47 after a colon, a
// label "Name" or a surname's comma all read their printed letters.
bool NameAfterLabel(std::string_view label, std::string_view word,
                    bool label_ends_line) {
  // A capital, then letters; in a surname also an apostrophe or a hyphen
  // ("O'NEILL, BEATRIZ": held-out seed 1103, beside a twin Beatroz).
  auto capitalised = [](std::string_view w, std::string_view also) {
    return !w.empty() && std::isupper(static_cast<unsigned char>(w[0])) &&
           std::all_of(w.begin(), w.end(), [&](char c) {
             return std::isalpha(static_cast<unsigned char>(c)) ||
                    also.find(c) != std::string_view::npos;
           });
  };
  std::string_view name_label = label;
  if (name_label.ends_with(':')) name_label.remove_suffix(1);
  const bool after_label =
      name_label == "Name" || name_label == "NAME" ||
      (!label_ends_line &&
       ((label.size() >= 2 && label.back() == ':') ||
        (label.size() >= 3 && label.back() == ',' &&
         capitalised(label.substr(0, label.size() - 1), "'-"))));
  return after_label && word.size() >= 3 && capitalised(word, "");
}

// So is a line's first word `word` under a label "Patient" or "Name"
// (`label`) heading the line above at its left edge: a row of box labels
// over their values, "Patient   Birth Date (MM/DD/YYYY)" over "Fatima
// Garcia-Lopez   08/09/1987" (Fatima .93 at every level, .97 enlarged;
// held-out seed 1151, beside a twin Fatoma).
template <typename Word>
bool NameUnderLabel(const Word& label, const Word& word) {
  std::string_view text = label.text;
  if (text.ends_with(':')) text.remove_suffix(1);
  return (text == "Patient" || text == "PATIENT" || text == "Name" ||
          text == "NAME") &&
         std::abs(label.l - word.l) <= word.b - word.t &&
         NameAfterLabel("Name", word.text, /*label_ends_line=*/true);
}

// The first word of the line word `i` of `words` is on.
template <typename Word>
const Word& LineStart(const std::vector<Word>& words, size_t i) {
  while (i > 0 && !words[i - 1].line_end) --i;
  return words[i];
}

// Whether `first` and `initial` ("BEATRIZ", "S" or "S.") are `glued`
// ("BEATRIZS") with nothing but the space before the initial lost.
bool SplitsOffInitial(std::string_view glued, std::string_view first,
                      std::string_view initial) {
  if (!initial.empty() && initial.back() == '.') initial.remove_suffix(1);
  return initial.size() == 1 && AllCapitals(initial) && AllCapitals(first) &&
         first.size() + 1 == glued.size() &&
         glued.substr(0, first.size()) == first && glued.back() == initial[0];
}

// Where the gap before the last glyph of `word` starts and where that
// glyph starts, in `ink` (the reading's ink, 255 where ink is), when the
// glyph stands clear of the glyphs before it by kInitialGap of the word's
// height or more, is no wider than that height, and the box holds no more
// glyphs than letters read; nullopt otherwise.
template <typename Word>
std::optional<std::pair<int, int>> InitialSetApart(const cv::Mat& ink,
                                                   const Word& word) {
  const cv::Rect box =
      cv::Rect(word.l, word.t, word.r - word.l, word.b - word.t) &
      cv::Rect(0, 0, ink.cols, ink.rows);
  if (box.width <= 0 || box.height <= 0) return std::nullopt;
  cv::Mat columns;
  cv::reduce(ink(box), columns, 0, cv::REDUCE_MAX);
  const uchar* c = columns.ptr<uchar>(0);
  int right = box.width;
  while (right > 0 && c[right - 1] == 0) --right;  // past the margin
  int start = right;
  while (start > 0 && c[start - 1] != 0) --start;  // the last glyph's ink
  int gap = start;
  while (gap > 0 && c[gap - 1] == 0) --gap;
  if (gap == 0 || right - start > box.height ||
      start - gap < kInitialGap * box.height) {
    return std::nullopt;
  }
  // No more runs of ink than letters read (two letters may share
  // columns): the box may hold a glyph the reading lost ("OMAR" boxed over
  // "OMAR N", held-out seed 1381), and its last letter is then not the
  // last glyph.
  size_t runs = 0;
  for (int x = 0; x < right; ++x) {
    runs += c[x] != 0 && (x == 0 || c[x - 1] == 0);
  }
  if (runs > word.text.size()) return std::nullopt;
  return std::pair(box.x + gap, box.x + start);
}

// Text as hOCR prints it.
std::string HocrEscape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// Where the title of the hOCR word with box (l, t, r, b) starts (at its
// "'bbox"), and, when not null, its confidence's digits; npos where there
// is none.
size_t FindHocrWord(int l, int t, int r, int b, const std::string& hocr,
                    size_t* confidence_at = nullptr) {
  char key[80];
  std::snprintf(key, sizeof(key), "'bbox %d %d %d %d; x_wconf ", l, t, r, b);
  const size_t at = hocr.find(key);
  if (at != std::string::npos && confidence_at != nullptr) {
    *confidence_at = at + std::strlen(key);
  }
  return at;
}

// Puts a word read again into the page's hOCR: its text and confidence in
// the word's span, found by the word's box (l, t, r, b).
void ReplaceHocrWord(int l, int t, int r, int b, std::string_view text,
                     float confidence, std::string* hocr) {
  size_t confidence_at = 0;
  if (FindHocrWord(l, t, r, b, *hocr, &confidence_at) == std::string::npos) {
    return;
  }
  const size_t title_end = hocr->find('\'', confidence_at);
  const size_t text_at = hocr->find('>', confidence_at);
  const size_t text_end = hocr->find("</span>", confidence_at);
  if (title_end == std::string::npos || text_at == std::string::npos ||
      text_end == std::string::npos || text_at > text_end) {
    return;
  }
  hocr->replace(confidence_at, text_end - confidence_at,
                std::to_string(std::lround(confidence * 100)) +
                    hocr->substr(title_end, text_at + 1 - title_end) +
                    HocrEscape(text));
}

// A word of the page's hOCR as Tesseract writes it.
std::string HocrWordSpan(std::string_view id, int l, int t, int r, int b,
                         float confidence, std::string_view text) {
  char title[96];
  std::snprintf(title, sizeof(title), "bbox %d %d %d %d; x_wconf %ld", l, t, r,
                b, std::lround(confidence * 100));
  return "<span class='ocrx_word' id='" + std::string(id) + "' title='" +
         title + "'>" + HocrEscape(text) + "</span>";
}

// A word read on a second look: its box (in the pixels of the page's
// reading), confidence and text.
struct HocrPart {
  int l, t, r, b;
  float confidence;
  std::string text;
  bool line_end = false;  // the last word of its line, as read
};

// Whether `part` (of a word's box read again with a margin) is a
// neighbour's (`before` or `after`, the words beside it on its line, or
// null) read again: half of it or more lies within the neighbour's extent.
template <typename Word>
bool NeighboursPart(const HocrPart& part, const Word* before,
                    const Word* after) {
  for (const Word* word : {before, after}) {
    if (word == nullptr) continue;
    const int within = std::min(part.r, word->r) - std::max(part.l, word->l);
    if (within * 2 >= part.r - part.l) return true;
  }
  return false;
}

// The one part of `parts` not its neighbours' (NeighboursPart), where it
// reads `text`; null where there is no such part.
template <typename Word>
const HocrPart* SameWordAmongNeighbours(const std::vector<HocrPart>& parts,
                                        std::string_view text,
                                        const Word* before, const Word* after) {
  const HocrPart* own = nullptr;
  for (const HocrPart& part : parts) {
    if (NeighboursPart(part, before, after)) continue;
    if (own != nullptr) return nullptr;
    own = &part;
  }
  return own != nullptr && own->text == text ? own : nullptr;
}

// The parts' texts run together.
std::string Concatenated(const std::vector<HocrPart>& parts) {
  std::string text;
  for (const HocrPart& part : parts) text += part.text;
  return text;
}

// Replaces a word of the page's hOCR, found by its box (l, t, r, b), with
// `parts` (none: the word is removed): the first keeps its id, the others
// follow it on lines of their own with that id and "_2", "_3", ...
void ReplaceHocrWordWith(int l, int t, int r, int b,
                         const std::vector<HocrPart>& parts,
                         std::string* hocr) {
  const size_t at = FindHocrWord(l, t, r, b, *hocr);
  if (at == std::string::npos) return;
  size_t begin = hocr->rfind("<span", at);
  const size_t id_at = hocr->find("id='", begin);
  const size_t end = hocr->find("</span>", at);
  if (begin == std::string::npos || id_at == std::string::npos || id_at > at ||
      end == std::string::npos) {
    return;
  }
  const size_t id_end = hocr->find('\'', id_at + 4);
  const std::string id = hocr->substr(id_at + 4, id_end - id_at - 4);
  const size_t line_at = hocr->rfind('\n', begin);
  const std::string indent =
      line_at == std::string::npos
          ? ""
          : "\n" + hocr->substr(line_at + 1, begin - line_at - 1);
  std::string spans;
  for (size_t i = 0; i < parts.size(); ++i) {
    const HocrPart& p = parts[i];
    if (i > 0) spans += indent;
    spans += HocrWordSpan(i == 0 ? id : id + "_" + std::to_string(i + 1), p.l,
                          p.t, p.r, p.b, p.confidence, p.text);
  }
  // A word removed takes its line's indent with it.
  if (parts.empty() && line_at != std::string::npos &&
      indent.find_first_not_of(" \t\n") == std::string::npos) {
    begin = line_at;
  }
  hocr->replace(begin, end + std::strlen("</span>") - begin, spans);
}

// Separate marks of ink larger than a dot (each letter one or two), as
// spread over the page (ForReading), above which a page is not print.
// Forms, FUNSD, Tesseract's and OCRmyPDF's test pages, generated severe
// and fax pages measured 300-4,700; a page of 8-pt type edge to edge would
// have about 10,000. Damaged PDF image streams decoded to random dots
// measured 80,000-115,000, pages of random noise 88,000-175,000.
// Tesseract's layout analysis, which its deadline does not reach, grows
// faster than the marks when they are scattered (tesseract CLI, one page:
// 1 s for 9,000 random dots, 9 s for 17,000, 25 s for 25,000, minutes
// beyond). A count, not a density: Tesseract's work grows with it, whatever
// the page's size.
constexpr int kMaxMarks = 15000;

// Characters that stand alone only as a mark Tesseract took for text: check
// boxes, rules, logos. Not '-', '+', '=', '<', '>', '$', '%' or '#', which
// forms print as words.
bool IsMarkOnly(std::string_view word) {
  static constexpr std::string_view kMarks[] = {"|",
                                                "~",
                                                "_",
                                                "^",
                                                "`",
                                                "\xC2\xA9" /* © */,
                                                "\xC2\xAE" /* ® */,
                                                "\xC2\xAB" /* « */,
                                                "\xC2\xBB" /* » */,
                                                "\xE2\x80\xA2" /* • */,
                                                "\xC2\xA2" /* ¢ */,
                                                "\xC2\xA5" /* ¥ */,
                                                "\xC2\xA7" /* § */};
  while (!word.empty()) {
    bool found = false;
    for (std::string_view m : kMarks) {
      if (word.substr(0, m.size()) == m) {
        word.remove_prefix(m.size());
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

// An em or en dash.
constexpr std::string_view kDashes[] = {"\u2014", "\u2013"};

// A dash alone: a hyphen, an en dash or an em dash.
bool IsDash(std::string_view word) {
  return word == "-" || std::find(std::begin(kDashes), std::end(kDashes),
                                  word) != std::end(kDashes);
}

// Bytes of the table rule read at the front (or back) of `word`: a run of
// '|' with the marks OCR reads beside a rule ("_|500", "/|11.8",
// "|99203", "\u2014_|FECANUMBER"). A bracket or slash alone is print and
// stays.
size_t RuleRun(std::string_view word, bool front) {
  size_t n = 0, rule = 0;
  while (n < word.size()) {
    const std::string_view rest =
        front ? word.substr(n) : word.substr(0, word.size() - n);
    const char c = front ? rest.front() : rest.back();
    if (c == '|') {
      rule = ++n;
      continue;
    }
    if (std::string_view(" _-/\\{}[]").find(c) != std::string_view::npos) {
      ++n;
      continue;
    }
    size_t dash = 0;  // an em or en dash
    for (std::string_view d : kDashes) {
      if (front ? rest.starts_with(d) : rest.ends_with(d)) dash = d.size();
    }
    if (dash == 0) break;
    n += dash;
  }
  return rule;
}

// Below this confidence a short word may be paper grain, a smudge or the
// edge of a box that Tesseract read as letters ("ee", "oe", "=").
constexpr float kNoiseConfidence = 0.5f;

// Short words that are print however unsure Tesseract was of them: months
// (a date's "Jan 2, 1955"), the commonest English words, and abbreviations
// of health records. Sorted, lower case. Not "i": the pronoun is a capital,
// and an unsure small i alone was grain on every severe and faxed page it
// was read on (generator seeds 5858 and 5959: 9 words, none printed).
constexpr std::string_view kShortWords[] = {
    "a",   "age", "an",  "and", "apr", "apt", "are", "as",  "at",  "aug", "ave",
    "be",  "bid", "by",  "cm",  "day", "dec", "dl",  "do",  "dob", "dos", "dr",
    "due", "dx",  "ext", "fax", "feb", "for", "grp", "he",  "her", "his", "hr",
    "icd", "id",  "if",  "in",  "inf", "ins", "is",  "it",  "its", "iv",  "jan",
    "jul", "jun", "kg",  "lab", "lb",  "mar", "may", "mcg", "me",  "mg",  "min",
    "ml",  "mm",  "mo",  "mod", "mr",  "mrs", "ms",  "my",  "new", "no",  "nor",
    "not", "nov", "npi", "oct", "of",  "on",  "or",  "oz",  "pcp", "per", "po",
    "pos", "prn", "pt",  "ptr", "qd",  "rd",  "ref", "rev", "rx",  "sep", "sex",
    "she", "sig", "so",  "st",  "tel", "the", "tid", "to",  "up",  "us",  "was",
    "we",  "who", "wk",  "yes", "you", "yr"};
static_assert(std::is_sorted(std::begin(kShortWords), std::end(kShortWords)));

// The digit a letter or mark OCR reads for it ("S5S-O178"), or 0.
char DigitFor(char c) {
  switch (c) {
    case 'O':
    case 'o':
      return '0';
    case 'l':
    case 'I':
    case '|':
      return '1';
    case 'Z':
    case 'z':
      return '2';
    case 'S':
    case 's':
    case '$':
      return '5';
    case 'B':
      return '8';
    default:
      return 0;
  }
}

// Whether `body` has a phone number's shape (555-0178, 235-555-0178,
// 235.555.0178) or a date's (01/17/2023, 1-17-23): groups of digits of
// those sizes between one kind of separator. `digit` tells a digit.
template <typename IsDigit>
bool NumberShaped(std::string_view body, IsDigit digit) {
  const size_t sep_at = body.find_first_of("-./");
  if (sep_at == std::string_view::npos) return false;
  const char sep = body[sep_at];
  std::vector<size_t> groups(1, 0);
  for (char c : body) {
    if (c == sep) {
      groups.push_back(0);
    } else if (digit(c)) {
      ++groups.back();
    } else {
      return false;
    }
  }
  auto is = [&](std::initializer_list<size_t> sizes) {
    return std::equal(groups.begin(), groups.end(), sizes.begin(), sizes.end());
  };
  const bool phone = sep != '/' && (is({3, 4}) || is({3, 3, 4}));
  const bool date = sep != '.' && groups.size() == 3 && groups[0] >= 1 &&
                    groups[0] <= 2 && groups[1] >= 1 && groups[1] <= 2 &&
                    (groups[2] == 2 || groups[2] == 4);
  return phone || date;
}

// A table's rule read as a bracket glued to the capitalised word after it
// ("[Flag", "]Units", "[Telephone": a severe scan's lab table, generator
// seed 5858): a word of two letters or more, with no bracket of its own
// after. Not before a digit or a small letter, where the bracket may be a
// misread J, I or 1 ("]45.909", "[10,", "[nsured") that fields repair.
bool RuleBracketBefore(std::string_view word) {
  if (word.size() < 3 ||
      std::string_view("[]{}").find(word[0]) == std::string_view::npos ||
      !std::isupper(static_cast<unsigned char>(word[1]))) {
    return false;
  }
  word.remove_prefix(1);
  while (!word.empty() &&
         std::string_view(".,:;").find(word.back()) != std::string_view::npos) {
    word.remove_suffix(1);
  }
  return word.size() >= 2 && std::all_of(word.begin(), word.end(), [](char c) {
           return std::isalpha(static_cast<unsigned char>(c));
         });
}

// A circle drawn before a letterhead's name (a logo), read as the letter O
// at every level, clean pages too (generator seeds 5858 and 5959: 45 of
// their 240 pages): a lone O as wide as tall and half again as tall as the
// page's text, or more. No letter O of the text is so large.
constexpr double kCircleAboveText = 1.5;
bool IsDrawnCircle(std::string_view text, int width, int height,
                   int text_height) {
  return (text == "O" || text == "o") && text_height > 0 &&
         height >= kCircleAboveText * text_height &&
         std::abs(width - height) * 8 <= std::max(width, height);
}

}  // namespace

// Measured on 60 FUNSD forms and 60 generated pages of every damage level:
// most words these rules drop were not on the page, and word F1 rose on
// every level (FUNSD .762 to .769, generated pages .933 to .936).
bool IsNoise(std::string_view word, float confidence) {
  if (confidence >= kNoiseConfidence || word.empty()) return false;
  auto alnum = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c));
  };
  size_t first = 0, last = word.size();
  while (first < last && !alnum(word[first])) ++first;
  while (last > first && !alnum(word[last - 1])) --last;
  if (first == last) {  // marks only: "=", "<", a degree sign are noise;
    // "#", "$", "%", "&", "/" are print ("Group #:").
    const bool stray = word.find_first_of("=<>@*^{}\\~") != word.npos ||
                       word.find("\xC2\xB0") != word.npos;
    return stray && word.find_first_of("#$%&+/") == word.npos;
  }
  const std::string_view core = word.substr(first, last - first);
  if (core.size() > 3 || word.back() == ':') return false;
  // A capital first is print: a short name ("Ana", "Wu") reads unsure
  // too, as Tesseract's dictionary does not know it.
  if (!std::islower(static_cast<unsigned char>(core[0]))) return false;
  std::string folded;
  for (char c : core) {
    const auto u = static_cast<unsigned char>(c);
    if (!std::isalpha(u)) return false;
    folded += static_cast<char>(std::tolower(u));
  }
  return !std::binary_search(std::begin(kShortWords), std::end(kShortWords),
                             folded);
}

std::string CleanWord(std::string_view word, size_t* front, size_t* back) {
  size_t first = RuleRun(word, /*front=*/true);
  while (first < word.size() && word[first] == ' ') ++first;
  if (RuleBracketBefore(word.substr(first))) ++first;
  const size_t tail = RuleRun(word, /*front=*/false);
  // Nothing but rules, marks and spaces ("[|]", "~~"): no word.
  if (IsMarkOnly(word) || first + tail >= word.size()) first = word.size();
  if (first == word.size()) {
    if (front != nullptr) *front = word.size();
    if (back != nullptr) *back = 0;
    return {};
  }
  size_t last = word.size() - 1 - tail;
  while (last > first && word[last] == ' ') --last;
  if (front != nullptr) *front = first;
  if (back != nullptr) *back = word.size() - 1 - last;
  std::string out(word.substr(first, last + 1 - first));
  // "Insured’s", "O‘Neill": an apostrophe between letters read as a
  // curly quote, on damaged pages mostly (generator seeds 5858 and 5959: 37
  // words, none printed so). Searches type the straight one.
  for (std::string_view curly : {"\u2019", "\u2018"}) {
    for (size_t at = out.find(curly); at != std::string::npos;
         at = out.find(curly, at + 1)) {
      const size_t after = at + curly.size();
      if (at > 0 && after < out.size() &&
          std::isalpha(static_cast<unsigned char>(out[at - 1])) &&
          std::isalpha(static_cast<unsigned char>(out[after]))) {
        out.replace(at, curly.size(), "'");
      }
    }
  }
  // "Hemoglobin Alc", "HbAIc": the 1 read as l or I. All capitals (ALC,
  // absolute lymphocyte count) is another test and stays.
  for (std::string_view wrong : {"Alc", "AIc"}) {
    const size_t at = out.find(wrong);
    if (at == std::string::npos) continue;
    const size_t after = at + wrong.size();
    const bool starts = at == 0 || (at == 2 && out.compare(0, 2, "Hb") == 0);
    const bool ends = after == out.size() ||
                      !std::isalnum(static_cast<unsigned char>(out[after]));
    if (starts && ends) out[at + 1] = '1';
  }
  // The letters and digits of the word, without the marks around them.
  const size_t core = out.find_first_not_of("([\"'");
  const size_t core_end = out.find_last_not_of(")]\"',.:;");
  if (core == std::string::npos || core_end == std::string::npos ||
      core_end < core) {
    return out;
  }
  const std::string_view body(out.data() + core, core_end + 1 - core);
  // "Patient 1D", "1D #": the I of ID read as a one.
  if (body == "1D") out[core] = 'I';
  // An ICD-10 code's second character is always a digit: "RO7.9" is R07.9.
  auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (body.size() >= 5 && body.size() <= 8 && upper(body[0]) &&
      body[1] == 'O' && (digit(body[2]) || body[2] == 'O') && body[3] == '.' &&
      std::all_of(body.begin() + 4, body.end(),
                  [&](char c) { return digit(c) || upper(c); })) {
    out[core + 1] = '0';
    if (body[2] == 'O') out[core + 2] = '0';
  }
  // "S5S-O178", "$27-$55-0195", "O1/l7/2023": a phone number or a date
  // with digits read as the letters they resemble. No word has that shape;
  // with as many of its characters digits already, the rest are digits too.
  const size_t digits = std::count_if(body.begin(), body.end(), digit);
  const size_t misread = std::count_if(body.begin(), body.end(),
                                       [](char c) { return DigitFor(c) != 0; });
  if (misread > 0 && digits >= misread && digits >= 3 &&
      NumberShaped(body, [&](char c) { return digit(c) || DigitFor(c); })) {
    for (size_t i = core; i <= core_end; ++i) {
      if (const char d = DigitFor(out[i])) out[i] = d;
    }
  }
  return out;
}

std::vector<int> TurnsToTry(const PageGeometry& g, const Page& read,
                            double sideways) {
  if (ReadSideways(sideways)) {
    // Tesseract read the lines vertically: the geometry chose the wrong
    // axis (seen on tall tables of boxes), whatever it was sure of.
    return {90, 270};
  }
  if (read.words.empty() || read.ocr_confidence < kFailedConfidence) {
    // Next to nothing reads, however sure the geometry was: its evidence
    // misled it (a faxed lab report of ruled boxes measured ascender
    // evidence of -8.6 across its text lines, sure of that axis, and read
    // no word). Each other way is tried.
    return {90, 180, 270};
  }
  if (!(g.axis_certain && g.flip_certain) &&
      read.ocr_confidence < kGoodConfidence) {
    // The geometry was a guess and the text reads poorly: try the other ways
    // up and keep the one Tesseract reads best.
    if (!g.axis_certain) return {90, 180, 270};
    return {180};
  }
  if (read.ocr_confidence < kDoubtfulConfidence) {
    // Sure geometry may be wrong too: a scanned claim's ruled boxes gave
    // its ascender evidence for upside down, and it read .43 so (held-out
    // seed 1171). Upside down is tried; one page in a hundred or fewer
    // reads so poorly.
    return {180};
  }
  return {};
}

struct Recognizer::Engine {
  tesseract::TessBaseAPI api;
};

Recognizer::Recognizer(const OcrOptions& options)
    : options_(options), engine_(std::make_unique<Engine>()) {}

Recognizer::~Recognizer() {
  if (engine_) engine_->api.End();
}

Result<std::unique_ptr<Recognizer>> Recognizer::Create(
    const OcrOptions& options) {
  std::unique_ptr<Recognizer> r(new Recognizer(options));
  tesseract::TessBaseAPI& api = r->engine_->api;
  const char* datapath =
      options.tessdata_dir.empty() ? nullptr : options.tessdata_dir.c_str();
  if (api.Init(datapath, options.language.c_str(), tesseract::OEM_LSTM_ONLY) !=
      0) {
    return Status::Unavailable("Tesseract cannot load language '" +
                               options.language + "' (install tesseract-ocr-" +
                               options.language + ", or run scripts/setup)");
  }
  // Tesseract's diagnostics ("Estimating resolution as ...") are not for
  // users; our own errors carry what matters.
  api.SetVariable("debug_file", "/dev/null");
  // Nor are Leptonica's, printed from inside Tesseract's layout analysis
  // ("Error in boxClipToRectangle: box outside rectangle" on a noisy page).
  setMsgSeverity(L_SEVERITY_NONE);
  api.SetPageSegMode(tesseract::PSM_AUTO);
  // Tesseract re-reads every line it is unsure of as white-on-black text in
  // case it is inverted. Health-record forms print dark on light; the second
  // reading cost ~5% of the CPU of a 300-dpi import and changed no word F1
  // (generated pages of every level, FUNSD).
  api.SetVariable("tessedit_do_invert", "0");
  // Tesseract tests every text row for fixed pitch (typewriter spacing).
  // The LSTM reader finds the spaces itself: skipping the test left word F1
  // as it was (30 generated pages of every level, monospaced fonts among
  // them; 60 FUNSD forms) and saves ~1.3% of a 300-dpi import's
  // instructions.
  api.SetVariable("textord_all_prop", "1");
  // Heavier noise removal before the lines are found: specks and broken
  // strokes of damaged scans stay out of the text lines. Word F1 on
  // generated severe pages .905 -> .911, .888 -> .904, .949 -> .950 (three
  // seeds), fax .790 -> .801, .906 -> .917, .883 -> .889, FUNSD .769 ->
  // .774; clean, mild and moderate pages -.001 (a comma or a short label
  // of 20 pages); no CPU cost measured. Its price: on 300-dpi pages reduced
  // for reading it takes a sentence's last period and most labels' colons
  // for specks (word F1 with punctuation .963-.970 on clean and mild pages
  // against .984-.989 without it). It cannot be set per page: in Tesseract
  // 5.3 it is one variable for the whole process, which the other worker's
  // engine reads mid-page (set per page, the same pages read differently
  // from run to run). Off for every page, severe pages lost .004 and .006.
  api.SetVariable("textord_heavy_nr", "1");
  // Tesseract drops a text row whose blobs it takes for noise. On speckled
  // pages that dropped whole lines of print: "DOS: 02/05/2025  Physician:
  // ..." under a progress note's name line, and a registration's "Last
  // Name: Achterberg" (generator seeds 11717 and 11313, severe), both read
  // by the CLI from the same pages compressed (JPEG smooths the specks).
  // Kept, word F1 of 240 severe and fax pages of six seeds .8946 ->
  // .8948 (four pages up, two down by a noise word or two); seeds 5656 and
  // 11212 (240 pages of every level) one word more; FUNSD .779 as before.
  api.SetVariable("textord_noise_rejrows", "0");
  return r;
}

Result<Page> Recognizer::Recognize(const PageImage& image, PageOutputs* outputs,
                                   double blank_ink_fraction) {
  // Tesseract's LSTM asks OpenMP for several threads at every step of every
  // line, whatever the thread count is set to; with one engine per core
  // that oversubscribes the cores (~6x slower, STYLE.md). No nesting level
  // allowed on this thread makes each of its parallel regions run on this
  // thread alone. A per-thread setting: made here, where the engine runs.
  omp_set_max_active_levels(0);
  // One time limit for the page: its clean-up and every reading of it (at
  // most a day: a limit of 1e30 s would overflow the clock's count).
  const auto deadline =
      std::chrono::steady_clock::now() +
      std::chrono::duration_cast<std::chrono::steady_clock::duration>(
          std::chrono::duration<double>(
              std::min(options_.page_timeout_s, 86400.0)));
  if (image.width <= 0 || image.height <= 0 ||
      image.pixels.size() !=
          static_cast<size_t>(image.width) * image.height * image.channels) {
    return Status::Corrupt("page image has inconsistent size");
  }
  const int type = image.channels == 3 ? CV_8UC3 : CV_8UC1;
  cv::Mat input(image.height, image.width, type,
                const_cast<char*>(image.pixels.data()));
  PreparedPage prepared =
      PreparePage(input, image.dpi_x, image.dpi_y, blank_ink_fraction);

  Page page;
  page.dpi = prepared.dpi;
  page.blank = prepared.blank;
  page.rotation = prepared.geometry.rotation;
  page.skew_deg = prepared.geometry.skew_deg;
  if (page.blank) {  // nothing to read; kept, flagged, not dropped
    page.width = prepared.gray.cols;
    page.height = prepared.gray.rows;
    return page;
  }
  int marks = 0;
  const cv::Mat read_image = ForReading(prepared, &marks);
  if (marks > kMaxMarks) {
    char why[160];
    std::snprintf(why, sizeof(why),
                  "not read: %.0f thousand separate marks of ink, more than "
                  "any print (noise all over, or a damaged image)",
                  marks / 1000.0);
    return Status::Corrupt(why);
  }
  std::string* hocr = outputs != nullptr ? &outputs->hocr : nullptr;
  double sideways = 0;
  Reading reading;
  Status s =
      Read(read_image, prepared, &page, hocr, &sideways, deadline, &reading);
  if (!s.ok()) return s;
  double best_score = ReadingScore(page, sideways);
  cv::Mat best_gray = prepared.gray;
  for (int turn : TurnsToTry(prepared.geometry, page, sideways)) {
    if (std::chrono::steady_clock::now() >= deadline) break;
    const PreparedPage turned = TurnPage(prepared, turn);
    Page alternative = page;
    alternative.rotation = turned.geometry.rotation;
    alternative.skew_deg = turned.geometry.skew_deg;
    std::string alternative_hocr;
    double alternative_sideways = 0;
    Reading alternative_reading;
    if (!Read(ForReading(turned), turned, &alternative,
              hocr != nullptr ? &alternative_hocr : nullptr,
              &alternative_sideways, deadline, &alternative_reading)
             .ok()) {
      continue;
    }
    const double score = ReadingScore(alternative, alternative_sideways);
    if (score > kBetterBy * best_score) {
      page = std::move(alternative);
      reading = std::move(alternative_reading);
      best_gray = turned.gray;
      best_score = score;
      if (hocr != nullptr) *hocr = std::move(alternative_hocr);
    }
  }
  const bool looked_again = SecondLook(&reading, hocr, deadline);
  const bool merged_read = ReadMergedLines(&reading, hocr, deadline);
  const bool faint_read = ReadFaintLines(&reading, hocr, deadline);
  const bool between_read = ReadInkBetween(&reading, hocr, deadline);
  const bool first_read = ReadFirstGlyphs(&reading, hocr, deadline);
  if (ReadLostInk(&reading, hocr, deadline) || merged_read || looked_again ||
      faint_read || between_read || first_read) {
    Assemble(reading, &page);
  }
  if (outputs != nullptr) {
    // What was read, as it was read: the hOCR's coordinates are its pixels.
    outputs->jpeg = EncodeJpeg(best_gray, kJpegQuality);
    outputs->dpi = prepared.read_dpi;
  }
  return page;
}

Status Recognizer::Read(const cv::Mat& gray, const PreparedPage& prepared,
                        Page* page, std::string* hocr, double* sideways,
                        std::chrono::steady_clock::time_point deadline,
                        Reading* reading) {
  // Sizes and boxes are those of the upright, level page at the captured
  // resolution, whatever we resampled to for reading.
  const double to_page = 1.0 / prepared.scale;
  page->width = static_cast<int>(std::lround(gray.cols * to_page));
  page->height = static_cast<int>(std::lround(gray.rows * to_page));

  PixPtr pix = ToPix(gray, prepared.read_dpi);
  if (!pix) return Status::Internal("cannot allocate the page image");
  tesseract::TessBaseAPI& api = engine_->api;
  api.SetImage(pix.get());  // copies the image
  if (prepared.read_dpi > 0) api.SetSourceResolution(prepared.read_dpi);

  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      deadline - std::chrono::steady_clock::now());
  tesseract::ETEXT_DESC monitor;
  monitor.set_deadline_msecs(static_cast<int>(
      std::clamp<int64_t>(left.count(), 1, std::numeric_limits<int>::max())));
  const int rc = api.Recognize(&monitor);
  if (monitor.deadline_exceeded()) {
    api.Clear();
    char limit[32];
    std::snprintf(limit, sizeof(limit), "%g", options_.page_timeout_s);
    return Status::Unavailable(std::string("recognition timed out after ") +
                               limit + " s");
  }
  if (rc != 0) {
    api.Clear();
    return Status::Internal("Tesseract could not recognise the page");
  }
  if (page->dpi == 0) {
    page->dpi = static_cast<int>(
        std::lround(api.GetSourceYResolution() / prepared.scale));
  }
  if (hocr != nullptr) {
    TessText h(api.GetHOCRText(0));
    *hocr = h ? h.get() : "";
  }

  // Words as read, with where their lines and paragraphs end; the page's
  // text is built from them (as Tesseract's own text is: words, a line
  // break after each line, a blank line after each paragraph).
  reading->image = gray;
  reading->prepared = prepared;
  reading->text_height = prepared.text_height * prepared.scale;
  std::vector<ReadWord>& read = reading->words;
  read.clear();
  std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
  size_t letters = 0, vertical_letters = 0;
  if (it) {
    do {
      TessText word(it->GetUTF8Text(tesseract::RIL_WORD));
      if (!word || word[0] == '\0') continue;
      ReadWord w;
      w.text = word.get();
      int x1, y1, x2, y2;
      if (w.text.size() >= 2 &&
          it->Baseline(tesseract::RIL_WORD, &x1, &y1, &x2, &y2)) {
        letters += w.text.size();
        if (std::abs(y2 - y1) > std::abs(x2 - x1)) {
          vertical_letters += w.text.size();
        }
      }
      it->BoundingBox(tesseract::RIL_WORD, &w.l, &w.t, &w.r, &w.b);
      w.confidence =
          std::clamp(it->Confidence(tesseract::RIL_WORD) / 100.0f, 0.0f, 1.0f);
      w.para_end =
          it->IsAtFinalElement(tesseract::RIL_PARA, tesseract::RIL_WORD);
      w.line_end = w.para_end || it->IsAtFinalElement(tesseract::RIL_TEXTLINE,
                                                      tesseract::RIL_WORD);
      read.push_back(std::move(w));
    } while (it->Next(tesseract::RIL_WORD));
  }
  // The pronoun I in a sans-serif face is a bar, and Tesseract reads it as
  // '|' ("unless | revoke it"): a bar no taller than the page's words,
  // before a lower-case word of its line, is the word I. A table's rules
  // span their rows, taller than the text in them.
  std::vector<int> heights;
  for (const ReadWord& w : read) heights.push_back(w.b - w.t);
  int median = 0;
  if (!heights.empty()) {
    std::nth_element(heights.begin(), heights.begin() + heights.size() / 2,
                     heights.end());
    median = heights[heights.size() / 2];
  }
  for (size_t i = 0; i + 1 < read.size(); ++i) {
    ReadWord& w = read[i];
    if (w.text == "|" && !w.line_end && (w.b - w.t) * 4 <= median * 5 &&
        std::islower(static_cast<unsigned char>(read[i + 1].text[0]))) {
      w.text = "I";
    }
  }
  Assemble(*reading, page);
  *sideways = letters > 0 ? static_cast<double>(vertical_letters) / letters : 0;
  api.Clear();
  return Status::Ok();
}

void Recognizer::Assemble(const Reading& reading, Page* page) {
  const double to_page = 1.0 / reading.prepared.scale;
  page->words.clear();
  page->text.clear();
  page->ocr_confidence = 0;
  double confidence_sum = 0;
  const int text_height = SureWordHeight(reading.words);
  for (const ReadWord& raw : reading.words) {
    size_t front = 0, back = 0;
    const std::string text = CleanWord(raw.text, &front, &back);
    if (!text.empty() && !IsNoise(text, raw.confidence) &&
        !IsDrawnCircle(text, raw.r - raw.l, raw.b - raw.t, text_height)) {
      // A rule's share of the box, a character's width each.
      const double per_char =
          static_cast<double>(raw.r - raw.l) / raw.text.size();
      const int l = raw.l + static_cast<int>(std::lround(front * per_char));
      const int r = raw.r - static_cast<int>(std::lround(back * per_char));
      Word w;
      w.text = text;
      w.x = static_cast<int>(std::lround(l * to_page));
      w.y = static_cast<int>(std::lround(raw.t * to_page));
      w.w = static_cast<int>(std::lround((r - l) * to_page));
      w.h = static_cast<int>(std::lround((raw.b - raw.t) * to_page));
      w.confidence = raw.confidence;
      confidence_sum += w.confidence;
      page->words.push_back(std::move(w));
      if (!page->text.empty() && page->text.back() != '\n') page->text += ' ';
      page->text += text;
    }
    if (raw.line_end && !page->text.empty() && page->text.back() != '\n') {
      page->text += '\n';
    }
    const std::string& t = page->text;
    if (raw.para_end && t.size() >= 2 && t.back() == '\n' &&
        t[t.size() - 2] != '\n') {
      page->text += '\n';  // one blank line, whatever was dropped
    }
  }
  if (!page->words.empty()) {
    page->ocr_confidence = confidence_sum / page->words.size();
  }
}

namespace {

// The words of `crop` read as one line or one block (`mode`), at `dpi`,
// their boxes in the pixels of the image it was cut from at `origin` and
// resampled `factor` times; none where it could not be read.
std::vector<HocrPart> ReadCrop(tesseract::TessBaseAPI& api, const cv::Mat& crop,
                               cv::Point origin, double factor, int dpi,
                               tesseract::PageSegMode mode) {
  std::vector<HocrPart> words;
  PixPtr pix = ToPix(crop, dpi);
  if (!pix) return words;
  api.SetPageSegMode(mode);
  api.SetImage(pix.get());  // copies the image
  if (dpi > 0) api.SetSourceResolution(dpi);
  if (api.Recognize(nullptr) != 0) return words;
  std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
  if (!it) return words;
  auto back = [factor](int v, int origin) {
    return origin + static_cast<int>(std::lround(v / factor));
  };
  do {
    TessText text(it->GetUTF8Text(tesseract::RIL_WORD));
    if (!text || text[0] == '\0') continue;
    HocrPart& w = words.emplace_back();
    w.text = text.get();
    w.confidence =
        std::clamp(it->Confidence(tesseract::RIL_WORD) / 100.0f, 0.0f, 1.0f);
    int l, t, r, b;
    it->BoundingBox(tesseract::RIL_WORD, &l, &t, &r, &b);
    w.l = back(l, origin.x);
    w.r = back(r, origin.x);
    w.t = back(t, origin.y);
    w.b = back(b, origin.y);
    w.line_end =
        it->IsAtFinalElement(tesseract::RIL_TEXTLINE, tesseract::RIL_WORD);
  } while (it->Next(tesseract::RIL_WORD));
  return words;
}

// The words of `box` of `image` read enlarged kSecondLookScale times as one
// line or one block (`mode`), at `dpi`, their boxes in the pixels of
// `image`; none where it could not be read.
std::vector<HocrPart> ReadEnlarged(tesseract::TessBaseAPI& api,
                                   const cv::Mat& image, const cv::Rect& box,
                                   int dpi, tesseract::PageSegMode mode) {
  cv::Mat enlarged;
  cv::resize(image(box), enlarged, cv::Size(), kSecondLookScale,
             kSecondLookScale, cv::INTER_CUBIC);
  return ReadCrop(api, enlarged, box.tl(), kSecondLookScale, dpi, mode);
}

// A margin of white this many times the crop's height around a word cut
// from the page as captured: cut tightly, Tesseract read "5TU0Y79NR34" as
// "5TUOY7ONR34" (with the margin: "5TUOY79NR34").
constexpr double kCapturedMargin = 0.5;

// `crop` with its rows outside its line whitened: its band of inked rows
// across its middle row (where none is, the band with the most ink), with
// the bands beside it that are nearer than a third of its height (the dot
// of an i, a colon's upper dot). A word's box may take in the edge of the
// line below or above ("45295433" under "MR0076777" on held-out seed
// 1297's mild lab report), and read as one line with it the word is
// garbled ("ee").
void OnlyItsLine(cv::Mat* crop) {
  cv::Mat ink, rows;
  cv::threshold(*crop, ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  cv::reduce(ink, rows, 1, cv::REDUCE_SUM, CV_64F);
  struct Band {
    int begin, end;
    double ink;
  };
  std::vector<Band> bands;
  for (int y = 0; y < rows.rows;) {
    if (rows.at<double>(y) == 0) {
      ++y;
      continue;
    }
    Band& band = bands.emplace_back(Band{y, y, 0});
    while (y < rows.rows && rows.at<double>(y) > 0) {
      band.ink += rows.at<double>(y++);
    }
    band.end = y;
  }
  if (bands.size() < 2) return;
  const int middle = crop->rows / 2;
  auto at_middle = std::find_if(bands.begin(), bands.end(), [&](const Band& b) {
    return b.begin <= middle && middle < b.end;
  });
  size_t first = (at_middle != bands.end()
                      ? at_middle
                      : std::max_element(bands.begin(), bands.end(),
                                         [](const Band& a, const Band& b) {
                                           return a.ink < b.ink;
                                         })) -
                 bands.begin();
  size_t last = first;
  const int near = (bands[first].end - bands[first].begin) / 3;
  while (first > 0 && bands[first].begin - bands[first - 1].end <= near) {
    --first;
  }
  while (last + 1 < bands.size() &&
         bands[last + 1].begin - bands[last].end <= near) {
    ++last;
  }
  crop->rowRange(0, bands[first].begin).setTo(255);
  crop->rowRange(bands[last].end, crop->rows).setTo(255);
}

// The words of `box` of `image`, the reading copy of `prepared`, read again as
// one line or one block (`mode`), their boxes in its pixels. From the page as
// captured where it was reduced for reading: its own pixels show what the
// reduction lost ("7/19/19" read "T/AAQ/19" reduced, and enlarged again, on a
// mild referral of held-out seed 1259; "5TU0Y79NR34" read "5TUOY79ONR34" on a
// clean claim of seed 1297). Not a fax's: its captured strokes are broken,
// and only its reading copy has them joined (its decimal points read as
// commas). Elsewhere the box is enlarged kSecondLookScale times.
std::vector<HocrPart> ReadAgain(tesseract::TessBaseAPI& api,
                                const cv::Mat& image,
                                const PreparedPage& prepared,
                                const cv::Rect& box,
                                tesseract::PageSegMode mode) {
  cv::Mat captured;
  if (!prepared.bilevel) {
    captured = CapturedCrop(prepared, box);
  }
  if (captured.empty()) {
    return ReadEnlarged(api, image, box, EnlargedDpi(prepared), mode);
  }
  OnlyItsLine(&captured);
  const int margin =
      static_cast<int>(std::lround(captured.rows * kCapturedMargin));
  cv::copyMakeBorder(captured, captured, margin, margin, margin, margin,
                     cv::BORDER_CONSTANT, cv::Scalar(255));
  const int shift = static_cast<int>(std::lround(margin * prepared.scale));
  return ReadCrop(api, captured, box.tl() - cv::Point(shift, shift),
                  1 / prepared.scale, prepared.dpi, mode);
}

// After words were read again (ReadEnlarged): the engine back in the
// page's segmentation mode, their images and results freed.
void EndRereads(tesseract::TessBaseAPI& api) {
  api.SetPageSegMode(tesseract::PSM_AUTO);
  api.Clear();
}

// The first glyph of a word of `chars` characters whose ink per column is
// `ink_per_column` (one row): its first and last column, and whether it is
// one more glyph than was read. Runs of columns with ink are the glyphs:
// as many as were read, the first was misread; one more, it was lost. A
// few glyphs touching (a scan's "Z9"), the first ends at the column of
// least ink about a figure's width in; more touching, a figure's width is
// no measure ("6807506" in two runs on a severe scan, its lost G first),
// and more runs are specks or glyphs broken apart: nullopt. `next` is the
// column where the next glyph starts, or the one after the first's end.
struct FirstGlyph {
  int first = 0, last = 0, next = 0;
  bool lost = false;
};
std::optional<FirstGlyph> FindFirstGlyph(const cv::Mat& ink_per_column,
                                         size_t chars) {
  std::vector<std::pair<int, int>> runs;
  for (int x = 0; x < ink_per_column.cols; ++x) {
    if (ink_per_column.at<int>(0, x) == 0) continue;
    if (runs.empty() || runs.back().second < x - 1) {
      runs.emplace_back(x, x);
    } else {
      runs.back().second = x;
    }
  }
  if (runs.size() + kMostTouching < chars || runs.size() > chars + 1) {
    return std::nullopt;
  }
  FirstGlyph g{runs[0].first, runs[0].second, runs[0].second + 1,
               runs.size() == chars + 1};
  if (runs.size() > 1) g.next = runs[1].first;
  const double figure =
      (runs.back().second - g.first + 1) / static_cast<double>(chars);
  if (runs.size() < chars && g.last - g.first + 1 > kTouchingGlyphs * figure) {
    const int from = g.first + static_cast<int>(figure * (2 - kTouchingGlyphs));
    const int to =
        std::min(ink_per_column.cols - 1,
                 g.first + static_cast<int>(figure * kTouchingGlyphs));
    for (int x = from, least = std::numeric_limits<int>::max(); x <= to; ++x) {
      if (ink_per_column.at<int>(0, x) < least) {
        least = ink_per_column.at<int>(0, x);
        g.last = x;
      }
    }
    g.next = g.last == runs[0].second && runs.size() > 1 ? runs[1].first
                                                         : g.last + 1;
  }
  return g;
}

// Runs of glyph-sized marks of `ink` (Recognizer::Ink) outside every box
// of `read` (each grown by a quarter of the text height): their boxes, the
// runs of most marks first. `text_height` is the page's median glyph height
// in pixels of `ink`.
std::vector<cv::Rect> LostInk(const cv::Mat& ink,
                              const std::vector<cv::Rect>& read,
                              double text_height) {
  std::vector<cv::Rect> runs;
  if (text_height <= 0) return runs;
  const cv::Rect page(0, 0, ink.cols, ink.rows);
  cv::Mat covered = cv::Mat::zeros(ink.size(), CV_8UC1);
  const int grow = std::max(1, static_cast<int>(text_height / 4));
  for (const cv::Rect& r : read) {
    const cv::Rect grown(r.x - grow, r.y - grow, r.width + 2 * grow,
                         r.height + 2 * grow);
    covered(grown & page).setTo(255);
  }
  cv::Mat labels, stats, centroids;
  const int n =
      cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8);
  const double smallest = kLostGlyphSmallest * text_height;
  const double largest = kLostGlyphLargest * text_height;
  std::vector<cv::Rect> marks;
  for (int i = 1; i < n; ++i) {
    const cv::Rect box(stats.at<int>(i, cv::CC_STAT_LEFT),
                       stats.at<int>(i, cv::CC_STAT_TOP),
                       stats.at<int>(i, cv::CC_STAT_WIDTH),
                       stats.at<int>(i, cv::CC_STAT_HEIGHT));
    // Glyph-like: not a speck, not a rule or a box, not a blot.
    if (box.height < smallest || box.height > largest ||
        box.width > 2 * largest ||
        stats.at<int>(i, cv::CC_STAT_AREA) < 0.1 * box.area()) {
      continue;
    }
    const cv::Point centre(box.x + box.width / 2, box.y + box.height / 2);
    if (covered.at<uint8_t>(centre) == 0) marks.push_back(box);
  }
  // Marks of one line, close enough to be a word's glyphs or a phrase's.
  const int gap = static_cast<int>(kLostGlyphGap * text_height);
  std::vector<int> run_of(marks.size());
  for (size_t i = 0; i < marks.size(); ++i) run_of[i] = static_cast<int>(i);
  auto find = [&](int i) {
    while (run_of[i] != i) i = run_of[i] = run_of[run_of[i]];
    return i;
  };
  std::sort(marks.begin(), marks.end(),
            [](const cv::Rect& a, const cv::Rect& b) { return a.x < b.x; });
  for (size_t i = 0; i < marks.size(); ++i) {
    for (size_t j = i + 1; j < marks.size(); ++j) {
      const cv::Rect &a = marks[i], &b = marks[j];
      if (b.x - a.br().x > gap) break;  // the rest lie further right
      const int overlap = std::min(a.br().y, b.br().y) - std::max(a.y, b.y);
      if (2 * overlap >= std::min(a.height, b.height)) {
        run_of[find(static_cast<int>(j))] = find(static_cast<int>(i));
      }
    }
  }
  std::vector<std::pair<int, cv::Rect>> found;  // marks, box
  std::vector<int> index(marks.size(), -1);
  for (size_t i = 0; i < marks.size(); ++i) {
    const int root = find(static_cast<int>(i));
    if (index[root] < 0) {
      index[root] = static_cast<int>(found.size());
      found.push_back({0, marks[i]});
    }
    found[index[root]].first++;
    found[index[root]].second |= marks[i];
  }
  std::stable_sort(
      found.begin(), found.end(),
      [](const auto& a, const auto& b) { return a.first > b.first; });
  for (const auto& [count, box] : found) {
    if (count >= kLostRunGlyphs) runs.push_back(box);
  }
  return runs;
}

}  // namespace

std::vector<std::pair<size_t, size_t>> Recognizer::LinesOf(
    const std::vector<ReadWord>& words) {
  std::vector<std::pair<size_t, size_t>> lines;
  for (size_t first = 0, i = 0; i < words.size(); ++i) {
    if (words[i].line_end || i + 1 == words.size()) {
      lines.emplace_back(first, i);
      first = i + 1;
    }
  }
  return lines;
}

bool Recognizer::SecondLook(Reading* reading, std::string* hocr,
                            std::chrono::steady_clock::time_point deadline) {
  tesseract::TessBaseAPI& api = engine_->api;
  const cv::Mat& image = reading->image;
  const int dpi = EnlargedDpi(reading->prepared);
  bool changed = false;
  bool read_again = false;
  double confidence_sum = 0;
  for (const ReadWord& w : reading->words) confidence_sum += w.confidence;
  const bool well_read =
      !reading->words.empty() &&
      confidence_sum >=
          kWellReadPage * static_cast<double>(reading->words.size());
  // The mean width of a character on each word's line, from its words of
  // three characters or more read kSureGlyphWidth or more; 0 where none is.
  std::vector<double> glyph_widths(reading->words.size(), 0.0);
  for (const auto& [first, last] : LinesOf(reading->words)) {
    double width = 0, chars = 0;
    for (size_t k = first; k <= last; ++k) {
      const ReadWord& w = reading->words[k];
      if (w.confidence >= kSureGlyphWidth && w.text.size() >= 3) {
        width += w.r - w.l;
        chars += w.text.size();
      }
    }
    for (size_t k = first; k <= last; ++k) {
      glyph_widths[k] = chars > 0 ? width / chars : 0;
    }
  }
  // Word i split into `parts` (within its box, as tall as it); i moves to
  // the last part: the parts need no second look.
  auto split_word = [&](size_t& i, const std::vector<HocrPart>& parts) {
    const ReadWord w = reading->words[i];
    if (hocr != nullptr) ReplaceHocrWordWith(w.l, w.t, w.r, w.b, parts, hocr);
    std::vector<ReadWord> words;
    for (const HocrPart& part : parts) {
      ReadWord& word = words.emplace_back(w);
      word.text = part.text;
      word.confidence = part.confidence;
      word.l = part.l;
      word.r = part.r;
      word.line_end = word.para_end = false;
    }
    words.front().l = w.l;
    words.back().line_end = w.line_end;
    words.back().para_end = w.para_end;
    reading->words.erase(reading->words.begin() + i);
    reading->words.insert(reading->words.begin() + i, words.begin(),
                          words.end());
    glyph_widths.insert(glyph_widths.begin() + i, words.size() - 1,
                        glyph_widths[i]);
    i += words.size() - 1;
    changed = true;
  };
  for (size_t i = 0; i < reading->words.size(); ++i) {
    ReadWord& w = reading->words[i];
    const bool lost_glyphs =
        LostGlyphs(w.text, w.r - w.l, w.b - w.t) &&
        (w.confidence < kShortSecondLookBelow ||
         (w.confidence < kSureLostGlyphsBelow && glyph_widths[i] > 0 &&
          w.r - w.l > 2 * glyph_widths[i] * w.text.size()));
    // The words before it (on its line, or ending the line above) and
    // after it on its line, where there are.
    const ReadWord* previous = i > 0 ? &reading->words[i - 1] : nullptr;
    const ReadWord* before =
        previous != nullptr && !previous->line_end ? previous : nullptr;
    const ReadWord* after = i + 1 < reading->words.size() && !w.line_end
                                ? &reading->words[i + 1]
                                : nullptr;
    const bool unsure_name = w.confidence < kGluedInitialBelow;
    const bool glued = unsure_name && before != nullptr &&
                       CapitalsSurnameBefore(before->text, w.text);
    const bool named =
        unsure_name && previous != nullptr &&
        (NameAfterLabel(previous->text, w.text, previous->line_end) ||
         (previous->line_end &&
          NameUnderLabel(LineStart(reading->words, i - 1), w)));
    const bool day = before != nullptr && DayAfterMonth(before->text, w.text);
    const bool unsure_id =
        (WorthASecondLook(w.text) && w.confidence < kSecondLookBelow) ||
        (w.confidence < kTellingShapeBelow && (TellingShape(w.text) || day)) ||
        (w.confidence < kShortSecondLookBelow &&
         CrowdedFigures(w.text, w.r - w.l, glyph_widths[i]));
    if (!unsure_id && !lost_glyphs && !glued && !named) {
      continue;
    }
    if (glued) {
      if (const auto initial = InitialSetApart(Ink(reading), w)) {
        const std::string first = w.text.substr(0, w.text.size() - 1);
        split_word(i, {{w.l, w.t, initial->first, w.b, w.confidence, first},
                       {initial->second, w.t, w.r, w.b, w.confidence,
                        w.text.substr(w.text.size() - 1)}});
        continue;
      }
    }
    // A page read at its own size or enlarged has nothing more to show
    // enlarged, but a name's surer reading: "Orson" .93, then .97 on a
    // 200-dpi page (generator seed 7474). Of 125 first names so read again
    // on 240 such pages (moderate, rotated, severe, fax), 42 read surer
    // and right; none of the 18 misread read the same again surer.
    const bool garbled =
        well_read && (unsure_id || lost_glyphs) && w.confidence < kGarbledBelow;
    if (reading->prepared.scale >= 1 && !named && !garbled) continue;
    if (std::chrono::steady_clock::now() >= deadline) break;
    const int pad = std::max(2, (w.b - w.t) / 4);
    const cv::Rect box = Grown(w.Box(), pad, image);
    if (box.width < 4 || box.height < 4) continue;
    read_again = true;
    // A name is read enlarged, as its surer reading's measures were made
    // on (kSureWordsConfidence): its own pixels read names less surely
    // (held-out seed 1259's "Dmitri" no longer sure beside a look-alike
    // Dmitra of the same birth date).
    const bool name_only = (glued || named) && !unsure_id && !lost_glyphs;
    std::vector<HocrPart> parts =
        name_only
            ? ReadEnlarged(api, image, box, dpi, tesseract::PSM_SINGLE_LINE)
            : ReadAgain(api, image, reading->prepared, box,
                        tesseract::PSM_SINGLE_LINE);
    if (parts.empty()) continue;
    // The same letters read again, surer: a first name in capitals read
    // .93 at the reading size and .96 enlarged ("ROBINSON, JAMES W",
    // held-out seed 739), which tells it from a look-alike's "JAMUS". A
    // neighbour's edge the margin took in may read as a word beside it
    // ("STEVEN" and "J" from "STEVEN J HADDAD", held-out seed 1069).
    if (const HocrPart* same =
            SameWordAmongNeighbours(parts, w.text, before, after)) {
      if (same->confidence > w.confidence) {
        if (hocr != nullptr) {
          ReplaceHocrWord(w.l, w.t, w.r, w.b, w.text, same->confidence, hocr);
        }
        w.confidence = same->confidence;
        changed = true;
      }
      continue;
    }
    // A short word whose box held more glyphs than were read, read again as
    // itself and words beside it within its box: "Feb" (.16) in a box
    // holding "Feb 4," read "Feb" and "4" (.97; the comma read into the
    // year after it, "4,1961"; held-out seed 1063's clean registration).
    const bool more_words =
        lost_glyphs && parts.size() >= 2 &&
        (parts.front().text == w.text || parts.back().text == w.text) &&
        std::none_of(parts.begin(), parts.end(), [&](const HocrPart& part) {
          return NeighboursPart(part, before, after);
        });
    for (HocrPart& part : parts) {  // within the word's box, as tall as it
      part.l = std::clamp(part.l, w.l, w.r);
      part.r = std::clamp(part.r, part.l, w.r);
      part.t = w.t;
      part.b = w.b;
    }
    // A name's letters are never replaced: a look-alike patient's name
    // is a letter away. Only the spaces OCR lost between them are put
    // back: before a middle initial, or between the words of a name
    // after its label ("Patient Name: PATRICIAGREEN", held-out seed 787).
    // A short word read as more words keeps its letters too.
    if (glued || named || more_words) {
      const bool split =
          more_words ||
          (glued && parts.size() == 2 &&
           SplitsOffInitial(w.text, parts[0].text, parts[1].text)) ||
          (named && parts.size() >= 2 && Concatenated(parts) == w.text);
      if (!split) continue;
      split_word(i, parts);
      continue;
    }
    // A neighbour's edge in the box reads as a word of its own: then the
    // two readings are of different things.
    if (parts.size() != 1) continue;
    std::string text = std::move(parts[0].text);
    const float confidence = parts[0].confidence;
    // A last glyph that begins the next word, where the two boxes overlap,
    // is that word's: Tesseract's box for "110" reached into the "B." after
    // it, read again as "I10B" (generator seed 11212's clean claim).
    if (after != nullptr && after->l < w.r && text.size() > 1 &&
        !after->text.empty() && text.back() == after->text.front() &&
        w.text.back() != text.back()) {
      text.pop_back();
    }
    // A day's comma a second reading lost stays ("Aug 6," read again "6",
    // held-out seed 1439).
    if (day && w.text.back() == ',' && !text.empty() && text.back() != ',') {
      text += ',';
    }
    // A word whose box held more glyphs than were read takes a reading
    // with more of them that its box holds.
    const bool fuller =
        lost_glyphs && Alnum(text) > Alnum(w.text) &&
        confidence >= kFullerReadingFrom && glyph_widths[i] > 0 &&
        Alnum(text) * glyph_widths[i] <= (w.r - w.l) * kGlyphWidthSlack;
    if (confidence <= w.confidence && !fuller) continue;
    // Nor one with more figures than its box holds, however sure.
    if (CrowdedFigures(text, w.r - w.l, glyph_widths[i])) continue;
    if (hocr != nullptr) {
      ReplaceHocrWord(w.l, w.t, w.r, w.b, text, confidence, hocr);
    }
    w.text = std::move(text);
    w.confidence = confidence;
    changed = true;
    // Tesseract may read a word's last glyphs twice: short in a box that
    // holds them all, and again as a word of their own within it
    // ("VZD799954" and "164", held-out seed 907). Read whole now, the
    // word's end is no word again.
    if (i + 1 < reading->words.size() && !w.line_end) {
      const ReadWord next = reading->words[i + 1];
      const int inside = std::min(next.r, w.r) - std::max(next.l, w.l);
      if (inside * 2 >= next.r - next.l && w.text.size() > next.text.size() &&
          w.text.ends_with(next.text)) {
        if (hocr != nullptr) {
          ReplaceHocrWordWith(next.l, next.t, next.r, next.b, {}, hocr);
        }
        w.line_end = next.line_end;
        w.para_end = next.para_end;
        reading->words.erase(reading->words.begin() + i + 1);
        glyph_widths.erase(glyph_widths.begin() + i + 1);
      }
    }
  }
  if (read_again) EndRereads(api);
  return changed;
}

const cv::Mat& Recognizer::Ink(Reading* reading) {
  if (reading->ink.empty()) {
    cv::threshold(reading->image, reading->ink, 0, 255,
                  cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  }
  return reading->ink;
}

size_t Recognizer::ReplaceRun(std::vector<ReadWord>* words, size_t begin,
                              size_t end, std::vector<ReadWord> read,
                              std::string* hocr) {
  std::vector<ReadWord>& w = *words;
  // The run's last word ends what it ended.
  read.back().line_end = w[end - 1].line_end;
  read.back().para_end = w[end - 1].para_end;
  if (hocr != nullptr) {
    std::vector<HocrPart> parts;
    for (const ReadWord& r : read) {
      parts.push_back({r.l, r.t, r.r, r.b, r.confidence, r.text});
    }
    ReplaceHocrWordWith(w[begin].l, w[begin].t, w[begin].r, w[begin].b, parts,
                        hocr);
    for (size_t k = begin + 1; k < end; ++k) {
      ReplaceHocrWordWith(w[k].l, w[k].t, w[k].r, w[k].b, {}, hocr);
    }
  }
  w.erase(w.begin() + begin, w.begin() + end);
  w.insert(w.begin() + begin, read.begin(), read.end());
  return begin + read.size() - 1;
}

bool Recognizer::ReadFaintLines(
    Reading* reading, std::string* hocr,
    std::chrono::steady_clock::time_point deadline) {
  std::vector<ReadWord>& words = reading->words;
  tesseract::TessBaseAPI& api = engine_->api;
  const cv::Mat& image = reading->image;
  const int dpi = EnlargedDpi(reading->prepared);
  bool changed = false;
  bool read_again = false;
  // Last line first: a line replaced leaves the lines before it in place.
  const std::vector<std::pair<size_t, size_t>> lines = LinesOf(words);
  for (auto line = lines.rbegin(); line != lines.rend(); ++line) {
    const size_t begin = line->first, end = line->second + 1;
    const RunMeasure as_read = Measure(words, begin, end);
    if (as_read.alnum < kFaintLineLetters ||
        as_read.sure >= kFaintLineBelow * as_read.alnum) {
      continue;
    }
    if (std::chrono::steady_clock::now() >= deadline) break;
    const cv::Rect box =
        Grown(as_read.box, std::max(2, as_read.box.height / 4), image);
    if (box.width < 4 || box.height < 4) continue;
    // Its own threshold: the line's ink against its paper alone.
    cv::Mat crisp;
    cv::threshold(image(box), crisp, 0, 255,
                  cv::THRESH_BINARY | cv::THRESH_OTSU);
    read_again = true;
    std::vector<ReadWord> read;
    for (const HocrPart& p :
         ReadEnlarged(api, crisp, cv::Rect(0, 0, box.width, box.height), dpi,
                      tesseract::PSM_SINGLE_LINE)) {  // in the crop's pixels
      read.push_back({p.text, p.l + box.x, p.t + box.y, p.r + box.x,
                      p.b + box.y, p.confidence, false, false});
    }
    const RunMeasure reread = Measure(read, 0, read.size());
    if (reread.alnum * 2 < as_read.alnum ||
        reread.sure < kFaintLineReadSurely * reread.alnum) {
      continue;
    }
    ReplaceRun(&words, begin, end, std::move(read), hocr);
    changed = true;
  }
  if (read_again) EndRereads(api);
  return changed;
}

bool Recognizer::ReadMergedLines(
    Reading* reading, std::string* hocr,
    std::chrono::steady_clock::time_point deadline) {
  std::vector<ReadWord>& words = reading->words;
  const int sure_height = SureWordHeight(words);
  if (sure_height == 0) return false;
  const double tall = sure_height * kMergedHeight;
  auto merged = [&](const ReadWord& w) {
    return w.confidence < kMergedBelow && w.b - w.t >= tall;
  };
  tesseract::TessBaseAPI& api = engine_->api;
  const cv::Mat& image = reading->image;
  const int dpi = EnlargedDpi(reading->prepared);
  bool changed = false;
  bool read_again = false;
  for (size_t i = 0; i < words.size(); ++i) {
    if (!merged(words[i])) continue;
    size_t end = i + 1;  // the run [i, end) within the line
    while (end < words.size() && !words[end - 1].line_end &&
           merged(words[end])) {
      ++end;
    }
    if (std::chrono::steady_clock::now() >= deadline) break;
    const RunMeasure run = Measure(words, i, end);
    const double run_confidence = run.alnum > 0 ? run.sure / run.alnum : 0;
    const cv::Rect box = Grown(run.box, std::max(2, run.box.height / 8), image);
    if (box.width < 4 || box.height < 4) {
      i = end - 1;
      continue;
    }
    read_again = true;
    std::vector<HocrPart> parts =
        ReadEnlarged(api, image, box, dpi, tesseract::PSM_SINGLE_BLOCK);
    std::vector<ReadWord> read;
    for (const HocrPart& p : parts) {
      read.push_back({p.text, p.l, p.t, p.r, p.b, p.confidence, p.line_end,
                      /*para_end=*/false});
    }
    const RunMeasure reread = Measure(read, 0, read.size());
    int lines = std::count_if(read.begin(), read.end(),
                              [](const ReadWord& w) { return w.line_end; });
    if (read.empty() || !read.back().line_end) ++lines;
    if (lines < 2 || reread.alnum < 4 ||
        reread.sure < kMergedReadSurely * reread.alnum ||
        reread.sure <= run_confidence * reread.alnum) {
      i = end - 1;
      continue;
    }
    i = ReplaceRun(&words, i, end, std::move(read), hocr);
    changed = true;
  }
  if (read_again) EndRereads(api);
  return changed;
}

bool Recognizer::ReadInkBetween(
    Reading* reading, std::string* hocr,
    std::chrono::steady_clock::time_point deadline) {
  // Only the reduction makes thin letters specks.
  if (reading->prepared.scale >= 1) return false;
  std::vector<ReadWord>& words = reading->words;
  const double height = reading->text_height;
  if (words.size() < 2 || height <= 0) return false;
  const cv::Mat& image = reading->image;
  const cv::Mat& ink = Ink(reading);
  tesseract::TessBaseAPI& api = engine_->api;
  const int dpi = EnlargedDpi(reading->prepared);
  const cv::Rect page(0, 0, image.cols, image.rows);
  bool changed = false;
  bool read_again = false;
  // Last pair first: a pair replaced leaves the words before it in place.
  for (size_t i = words.size() - 1; i-- > 0;) {
    const ReadWord& a = words[i];
    const ReadWord& b = words[i + 1];
    if (a.line_end || b.l - a.r < height / 2) continue;
    const int top = std::max(a.t, b.t), bottom = std::min(a.b, b.b);
    if (bottom - top < height / 2) continue;
    const cv::Rect gap =
        cv::Rect(a.r + 1, top, b.l - a.r - 2, bottom - top) & page;
    if (gap.width <= 0 || gap.height <= 0) continue;
    cv::Mat columns;
    cv::reduce(ink(gap), columns, 0, cv::REDUCE_MAX);
    if (cv::countNonZero(columns) < kInkBetweenColumns * height) continue;
    if (std::chrono::steady_clock::now() >= deadline) break;
    const RunMeasure as_read = Measure(words, i, i + 2);
    const cv::Rect box =
        Grown(as_read.box, std::max(2, as_read.box.height / 4), image);
    read_again = true;
    std::vector<ReadWord> read;
    for (const HocrPart& p :
         ReadEnlarged(api, image, box, dpi, tesseract::PSM_SINGLE_LINE)) {
      read.push_back({p.text, p.l, p.t, p.r, p.b, p.confidence, false, false});
    }
    // A table's rule read as a word after a code that lost its decimals
    // ("N39 |" for "N39.0", held-out seed 1231's mild referral) is no
    // word, read again or not: the code read whole replaces both.
    if (b.text == "|") {
      std::erase_if(read, [](const ReadWord& r) { return r.text == "|"; });
    }
    // The dash after it, which the reading enlarged lost ("N39 -" read
    // again as "N39.0" for "N39.0 - Urinary tract infection", held-out seed
    // 1381's clean note), is kept as it was read.
    if (IsDash(b.text) && read.size() == 1 &&
        GrownByDecimals(read[0].text, a.text) && read[0].r < b.l) {
      read.push_back(b);
    }
    const RunMeasure reread = Measure(read, 0, read.size());
    const bool joined =
        read.size() == 1 &&
        (SmallLettersBetween(read[0].text, a.text, b.text) ||
         (b.text == "|" && GrownByDecimals(read[0].text, a.text)));
    const bool grown = read.size() == 2 && read[1].text == b.text &&
                       (GrownBySmallLetters(read[0].text, a.text) ||
                        GrownByDecimals(read[0].text, a.text)) &&
                       read[0].r > a.r;
    std::vector<std::string_view> texts;
    for (const ReadWord& r : read) texts.push_back(r.text);
    const bool dashed = DashBetween(texts, a.text, b.text);
    if ((!joined && !grown && !dashed) ||
        reread.sure < kInkBetweenSurely * reread.alnum) {
      continue;
    }
    if (dashed && read.size() == 2) {  // one word, as printed
      ReadWord& w = read[0];
      w.text += read[1].text;
      w.l = std::min(w.l, read[1].l);
      w.t = std::min(w.t, read[1].t);
      w.r = std::max(w.r, read[1].r);
      w.b = std::max(w.b, read[1].b);
      w.confidence = std::min(w.confidence, read[1].confidence);
      read.pop_back();
    }
    // The same words boxed anew are no less sure than they were read: a
    // name's confidence decides whether it is filed (generator seed 6060).
    if (grown && read[0].text == a.text) {
      read[0].confidence = std::max(read[0].confidence, a.confidence);
      read[1].confidence = std::max(read[1].confidence, b.confidence);
    }
    ReplaceRun(&words, i, i + 2, std::move(read), hocr);
    changed = true;
  }
  if (read_again) EndRereads(api);
  return changed;
}

bool Recognizer::ReadFirstGlyphs(
    Reading* reading, std::string* hocr,
    std::chrono::steady_clock::time_point deadline) {
  tesseract::TessBaseAPI& api = engine_->api;
  const cv::Mat& image = reading->image;
  const int dpi = EnlargedDpi(reading->prepared);
  bool changed = false;
  bool read_again = false;
  for (ReadWord& w : reading->words) {
    const std::string& text = w.text;
    // Letters and figures, a figure first, hardly a letter after it
    // ("29334519202", "2GP61681920").
    const auto digit = [](char c) {
      return std::isdigit(static_cast<unsigned char>(c)) != 0;
    };
    if (w.confidence >= kFirstGlyphBelow || text.size() < kFirstGlyphIdLength ||
        !digit(text[0]) ||
        std::count_if(text.begin(), text.end(), digit) + kFirstGlyphLetters <
            static_cast<long>(text.size()) ||
        !std::all_of(text.begin(), text.end(), [](char c) {
          return std::isalnum(static_cast<unsigned char>(c));
        })) {
      continue;
    }
    if (std::chrono::steady_clock::now() >= deadline) break;
    const cv::Rect word = w.Box() & cv::Rect(0, 0, image.cols, image.rows);
    if (word.width < 4 || word.height < 4) continue;
    cv::Mat ink_per_column;
    cv::reduce(Ink(reading)(word) / 255, ink_per_column, 0, cv::REDUCE_SUM,
               CV_32S);
    const std::optional<FirstGlyph> glyph =
        FindFirstGlyph(ink_per_column, text.size());
    if (!glyph) continue;
    // Margins all round but on the right, where the next glyph's edge
    // would read as a mark of its own: there half the gap to it.
    const int pad = std::max(2, word.height / 4);
    const int right =
        std::min(glyph->last + pad, (glyph->last + glyph->next) / 2);
    const cv::Rect box =
        cv::Rect(word.x + glyph->first - pad, word.y - pad,
                 right - glyph->first + 1 + pad, word.height + 2 * pad) &
        cv::Rect(0, 0, image.cols, image.rows);
    read_again = true;
    const std::vector<HocrPart> parts =
        ReadEnlarged(api, image, box, dpi, tesseract::PSM_SINGLE_CHAR);
    // A neighbour's edge in the margin may read as a mark after it ("Z'").
    if (parts.size() != 1 ||
        std::any_of(parts[0].text.begin() + 1, parts[0].text.end(), [](char c) {
          return std::isupper(static_cast<unsigned char>(c)) ||
                 std::isdigit(static_cast<unsigned char>(c));
        })) {
      continue;
    }
    const char first = parts[0].text[0];
    if (first < 'A' || first > 'Z' ||
        std::string_view(kDigitLookalikes).find(first) !=
            std::string_view::npos ||
        parts[0].confidence < kFirstGlyphSurely) {
      continue;
    }
    if (glyph->lost) {
      w.text.insert(w.text.begin(), first);
    } else {
      w.text[0] = first;
    }
    if (hocr != nullptr) {
      ReplaceHocrWord(w.l, w.t, w.r, w.b, w.text, w.confidence, hocr);
    }
    changed = true;
  }
  if (read_again) EndRereads(api);
  return changed;
}

bool Recognizer::ReadLostInk(Reading* reading, std::string* hocr,
                             std::chrono::steady_clock::time_point deadline) {
  std::vector<ReadWord>& words = reading->words;
  std::vector<cv::Rect> boxes;
  for (const ReadWord& w : words) boxes.push_back(w.Box());
  std::vector<cv::Rect> runs =
      LostInk(Ink(reading), boxes, reading->text_height);
  if (runs.size() > kMostLostRuns) runs.resize(kMostLostRuns);
  tesseract::TessBaseAPI& api = engine_->api;
  const cv::Mat& image = reading->image;
  const int dpi = EnlargedDpi(reading->prepared);
  const int pad = std::max(2, static_cast<int>(reading->text_height / 2));
  bool changed = false;
  for (const cv::Rect& run : runs) {
    if (std::chrono::steady_clock::now() >= deadline) break;
    const cv::Rect box = Grown(run, pad, image);
    std::vector<HocrPart> parts =
        ReadEnlarged(api, image, box, dpi, tesseract::PSM_SINGLE_LINE);
    double sure = 0;
    long alnum = 0;
    for (const HocrPart& p : parts) {
      sure += p.confidence * Alnum(p.text);
      alnum += Alnum(p.text);
    }
    if (alnum < kLostRunGlyphs || sure < kLostReadSurely * alnum) continue;
    // Into the line beside it (the nearest of those level with it), in its
    // place from left to right; else a line of its own, before the first
    // line below it that it stands over.
    size_t at = words.size();
    bool own_line = true;
    bool ends_line = false;  // after the last word of the line beside it
    int nearest = std::numeric_limits<int>::max();
    size_t below_at = words.size();
    int below_top = std::numeric_limits<int>::max();
    for (const auto& [start, i] : LinesOf(words)) {
      cv::Rect line = words[start].Box();
      for (size_t k = start + 1; k <= i; ++k) line |= words[k].Box();
      const int overlap =
          std::min(line.br().y, run.br().y) - std::max(line.y, run.y);
      const int apart = std::max({0, line.x - run.br().x, run.x - line.br().x});
      if (2 * overlap >= std::min(line.height, run.height) && apart < nearest) {
        nearest = apart;
        own_line = false;
        at = i + 1;
        for (size_t k = start; k <= i; ++k) {
          if (words[k].l > run.x) {
            at = k;
            break;
          }
        }
        ends_line = at == i + 1;
      } else if (line.y >= run.br().y && line.y < below_top &&
                 line.x < run.br().x && run.x < line.br().x) {
        below_top = line.y;
        below_at = start;
      }
    }
    if (own_line) at = below_at;
    std::vector<ReadWord> read;
    for (const HocrPart& p : parts) {
      read.push_back({p.text, p.l, p.t, p.r, p.b, p.confidence,
                      /*line_end=*/false, /*para_end=*/false});
    }
    if (own_line) {
      read.back().line_end = read.back().para_end = true;
    } else if (ends_line) {  // the run ends the line now
      read.back().line_end = true;
      read.back().para_end = words[at - 1].para_end;
      words[at - 1].line_end = words[at - 1].para_end = false;
    }
    if (hocr != nullptr && !words.empty()) {
      // After the word before it in its line; first in a line, before
      // the word after it.
      const bool before = at < words.size() && !ends_line &&
                          (at == 0 || words[at - 1].line_end);
      const ReadWord& w = words[before ? at : at - 1];
      const HocrPart beside = {w.l, w.t, w.r, w.b, w.confidence, w.text};
      std::vector<HocrPart> spans = parts;
      spans.insert(before ? spans.end() : spans.begin(), beside);
      ReplaceHocrWordWith(w.l, w.t, w.r, w.b, spans, hocr);
    }
    words.insert(words.begin() + at, read.begin(), read.end());
    changed = true;
  }
  if (!runs.empty()) EndRereads(api);
  return changed;
}

}  // namespace intake::ocr
