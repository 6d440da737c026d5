// Domain types every stage exchanges: pages, words, fields, documents.
//
// These are plain values (copyable, no library types inside) so that they can
// cross a module edge or a socket. They are not synchronised: a value belongs
// to one thread at a time.
#ifndef INTAKE_COMMON_DOCUMENT_H_
#define INTAKE_COMMON_DOCUMENT_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace intake {

// Where a page is in the pipeline. The store holds exactly one state per page
// at every moment; the order below is the order a page moves through.
enum class PageState {
  kReceived,     // original bytes archived, page row written
  kRecognized,   // OCR text and words stored
  kClassified,   // document type and fields decided
  kFiled,        // filed to a patient; done
  kNeedsReview,  // a person must look; done for the machine
  kQuarantined,  // unreadable input; kept with its reason
};
std::string_view ToString(PageState state);
std::optional<PageState> ParsePageState(std::string_view text);

// Document status in the exported JSON: "filed", "needs_review",
// "quarantined"; while the pipeline works on it, "received", "recognized" or
// "classified".
using DocumentStatus = PageState;

// One recognised word; box in pixels of the upright, levelled page at the
// captured resolution (see Page::rotation and Page::skew_deg).
struct Word {
  std::string text;
  int x = 0;
  int y = 0;
  int w = 0;
  int h = 0;
  float confidence = 0;  // [0,1]
};

// Text a page already carries (a PDF's text objects, including another
// tool's invisible OCR layer): the words in reading order joined by spaces,
// lines by newlines; each word's confidence is 1.
struct TextLayer {
  std::string text;
  std::vector<Word> words;
};

// A decoded page image handed from capture to OCR: 8-bit pixels, row-major,
// rows packed (stride == width * channels). channels is 1 (gray) or 3 (BGR).
struct PageImage {
  int width = 0;
  int height = 0;
  int channels = 1;
  int dpi_x = 0;  // 0 when the file does not say
  int dpi_y = 0;
  std::string pixels;  // width * height * channels bytes
  // Words already in the file (PDF text), boxes in this image's pixels.
  std::optional<TextLayer> text_layer;
};

// What OCR learnt about one page.
struct Page {
  int number = 0;      // 1-based within the document
  std::string sha256;  // of the page's pixels as captured
  PageState state = PageState::kReceived;
  int rotation = 0;     // degrees clockwise applied to read it: 0/90/180/270
  double skew_deg = 0;  // skew corrected, degrees
  int dpi = 0;          // scan resolution: the file's, else estimated
  bool blank = false;
  double ocr_confidence = 0;  // mean word confidence, [0,1]
  int width = 0;
  int height = 0;
  std::string text;
  std::vector<Word> words;
  std::string error;  // why recognition failed, empty when it did not
  // Outputs kept in the archive (empty until recognised): the cleaned,
  // upright page image as read (JPEG) and Tesseract's hOCR of it.
  std::string image_sha256;
  std::string hocr_sha256;
  // 1-based page of the batch's original file this page came from (a file
  // split by separator sheets numbers its documents' pages from 1 again).
  // 0 when it is the same as `number`.
  int source_page = 0;
};

// An extracted field. Scalar fields have one value; list fields (npi, icd10,
// cpt) may have several.
struct Field {
  std::vector<std::string> values;
  bool is_list = false;
  double confidence = 0;  // [0,1]
  int page = 0;           // 1-based page the (first) value came from
};

// Field names of the contract (DESIGN.md "Fields").
namespace field {
inline constexpr std::string_view kPatientName = "patient_name";
inline constexpr std::string_view kDob = "dob";
inline constexpr std::string_view kMrn = "mrn";
inline constexpr std::string_view kMemberId = "member_id";
inline constexpr std::string_view kGroupNumber = "group_number";
inline constexpr std::string_view kNpi = "npi";
inline constexpr std::string_view kIcd10 = "icd10";
inline constexpr std::string_view kCpt = "cpt";
inline constexpr std::string_view kServiceDate = "service_date";
bool IsList(std::string_view name);
}  // namespace field

// Where a document came from.
struct Source {
  std::string file;         // base name, e.g. "scan_0042.tif"
  std::string path;         // path as given to intake
  std::string scanner;      // scanner name from scanners.conf, or "import"
  std::string sha256;       // of the original bytes
  std::string received_at;  // ISO 8601 UTC, e.g. "2026-11-25T07:05:00Z"
  std::int64_t size = 0;    // bytes
};

// The patient a document is filed to (or the absence of one).
struct PatientLink {
  std::string id;
  std::string mrn;
  std::string name;
  std::string match = "none";  // "mrn+name" | "mrn+dob" | ... | "none"
};

// What classify decides for a document.
struct Classification {
  std::string doc_type = "other";
  double type_confidence = 0;
  std::map<std::string, Field> fields;  // keyed by field name
  std::vector<std::string> review_reasons;
  PatientLink patient;
  // The patient decision in one line for the reviewer: which identifiers
  // agreed or disagreed, with which registry patients ("MRN 75217 is
  // registry patient p-41, whose name differs from the document's"); never
  // names or birth dates. Empty before matching.
  std::string patient_detail;
  // Where routing sends it: "tag:...", "folder:...", "export:...".
  std::vector<std::string> destinations;
  DocumentStatus status = PageState::kNeedsReview;
};

// One capture unit: an input file or one feeder run of a scanner. Its
// original bytes are archived once; separator sheets may split it into
// several documents. The page ledger holds for every batch:
// pages_received = stored + blank + separator + quarantined.
struct Batch {
  std::string id;
  Source source;
  int pages_received = 0;   // pages decoded (separator sheets included)
  int separator_pages = 0;  // separator sheets: counted, not stored
  std::string note;         // why a scanner batch ended early; else empty
};

struct Document {
  std::string id;
  std::string batch_id;  // the batch it came from (its id when unsplit)
  int batch_part = 1;    // 1-based position among the batch's documents
  DocumentStatus status = PageState::kReceived;
  Source source;
  Classification classification;
  std::vector<Page> pages;
  std::string quarantine_reason;  // set when status is kQuarantined
  std::string pdf_sha256;  // searchable PDF in the archive; empty until made
};

// Full text as exported: page texts joined by form feeds.
std::string JoinPageText(const std::vector<Page>& pages);

}  // namespace intake

#endif  // INTAKE_COMMON_DOCUMENT_H_
