#include "classify/claim_form.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "classify/text.h"
#include "classify/validators.h"

namespace intake::classify {
namespace {

// Positions are in inches on the printed 02/12 form (letter size, the form
// filling the page), measured on a 149-dpi scan of it.
constexpr double kFormWidthIn = 8.5;
constexpr double kFormHeightIn = 11.0;

// A printed label: its words and the top-left of its first word.
struct Anchor {
  std::string_view phrase;
  double x, y;
};
constexpr Anchor kAnchors[] = {
    {"HEALTH INSURANCE CLAIM FORM", 0.28, 0.81},
    {"APPROVED BY NATIONAL UNIFORM CLAIM COMMITTEE", 0.28, 1.03},
    {"INSURED'S I.D. NUMBER", 5.28, 1.38},
    {"PATIENT'S NAME", 0.40, 1.70},
    {"PATIENT'S BIRTH DATE", 3.28, 1.70},
    {"INSURED'S NAME", 5.28, 1.71},
    {"PATIENT'S ADDRESS", 0.40, 2.02},
    {"PATIENT RELATIONSHIP TO INSURED", 3.28, 2.03},
    {"INSURED'S ADDRESS", 5.28, 2.02},
    {"OTHER INSURED'S NAME", 0.41, 3.04},
    {"OTHER INSURED'S POLICY OR GROUP NUMBER", 0.40, 3.36},
    {"INSURED'S POLICY GROUP OR FECA NUMBER", 5.28, 3.04},
    {"IS THERE ANOTHER HEALTH BENEFIT PLAN", 5.38, 4.38},
    {"ADDITIONAL CLAIM INFORMATION", 0.46, 6.03},
    {"DIAGNOSIS OR NATURE OF ILLNESS OR INJURY", 0.46, 6.36},
    {"RESUBMISSION CODE", 5.34, 6.38},
    {"PRIOR AUTHORIZATION NUMBER", 5.34, 6.71},
    {"PROCEDURES, SERVICES, OR SUPPLIES", 2.85, 7.04},
    {"RENDERING PROVIDER ID", 7.35, 7.14},
    {"PATIENT'S ACCOUNT NO", 2.65, 9.37},
    {"TOTAL CHARGE", 5.33, 9.36},
    {"SIGNATURE OF PHYSICIAN OR SUPPLIER", 0.46, 9.70},
    {"SERVICE FACILITY LOCATION INFORMATION", 2.65, 9.71},
    {"BILLING PROVIDER INFO", 5.34, 9.71},
};
constexpr int kMinAnchors = 4;         // labels in place that make a CMS-1500
constexpr int kMinTextPhrases = 8;     // labels in a text-only page
constexpr double kAnchorGateIn = 1.0;  // a label this far off is not it
constexpr double kAnchorFitIn = 0.3;   // residual of a consistent label

// Where a box's value is printed: a word belongs to the box when its centre
// is inside. The rows start below the label line of each box.
struct Region {
  double x0, y0, x1, y1;
  bool Contains(double x, double y) const {
    return x >= x0 && x < x1 && y >= y0 && y < y1;
  }
};
constexpr Region kBox1a{5.15, 1.46, 8.4, 1.68};     // insured's ID number
constexpr Region kBox2{0.25, 1.78, 3.2, 2.0};       // patient's name
constexpr Region kBox3{3.15, 1.78, 4.45, 2.0};      // birth date MM DD YY
constexpr Region kBox11{5.15, 3.10, 8.4, 3.34};     // policy group number
constexpr Region kBox21{0.25, 6.45, 5.1, 7.0};      // diagnoses A-L
constexpr Region kBox33a{5.15, 10.25, 6.7, 10.58};  // billing NPI
// Box 24: six service lines; the value row of line k is centred at
// kLine24Y + k * kLine24Pitch (the shaded supplemental row sits above it).
constexpr double kLine24Y = 7.59;
constexpr double kLine24Pitch = 1.0 / 3;
constexpr double kLine24HalfIn = 0.12;
constexpr double kCol24FromX0 = 0.25, kCol24FromX1 = 1.10;  // 24A from
constexpr double kCol24CptX0 = 2.55, kCol24CptX1 = 3.35;    // 24D
constexpr double kCol24NpiX0 = 6.85, kCol24NpiX1 = 8.4;     // 24J

// Page pixels = a * form inches + b, per axis.
struct Transform {
  double ax = 0, bx = 0, ay = 0, by = 0;
  double X(double px) const { return (px - bx) / ax; }
  double Y(double py) const { return (py - by) / ay; }
};

// A token with its centre in form inches and its line on the page.
struct Placed {
  const Token* token;
  int line;
  double x, y;   // centre, inches
  double right;  // right edge, inches
};

int EditDistance(std::string_view a, std::string_view b) {
  std::vector<int> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    int diag = row[0];
    row[0] = static_cast<int>(i);
    for (size_t j = 1; j <= b.size(); ++j) {
      int up = row[j];
      row[j] = std::min(
          {row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

// Label words as OCR reads them: one wrong letter in 4+, two in 8+.
bool KeyMatches(std::string_view read, std::string_view printed) {
  if (read == printed) return true;
  int allowed = printed.size() >= 8 ? 2 : printed.size() >= 4 ? 1 : 0;
  return allowed > 0 && EditDistance(read, printed) <= allowed;
}

std::vector<std::string> PhraseKeys(std::string_view phrase) {
  std::vector<std::string> keys;
  size_t start = 0;
  while (start < phrase.size()) {
    size_t end = phrase.find(' ', start);
    if (end == std::string_view::npos) end = phrase.size();
    std::string key = TokenKey(phrase.substr(start, end - start));
    if (!key.empty()) keys.push_back(key);
    start = end + 1;
  }
  return keys;
}

// Top-left pixels of every place `keys` is read as consecutive tokens.
std::vector<std::pair<double, double>> FindPhrase(
    const PageLines& page, const std::vector<std::string>& keys) {
  std::vector<std::pair<double, double>> found;
  for (const Line& line : page.lines) {
    const std::vector<Token>& t = line.tokens;
    for (size_t i = 0; i + keys.size() <= t.size(); ++i) {
      size_t k = 0;
      while (k < keys.size() && KeyMatches(t[i + k].key, keys[k])) ++k;
      if (k == keys.size()) found.emplace_back(t[i].x, t[i].y);
    }
  }
  return found;
}

// Least-squares line p = a * r + b; keeps `fallback_a` (fits only b) when
// the references do not spread enough to fix a scale.
void FitAxis(const std::vector<double>& r, const std::vector<double>& p,
             double fallback_a, double* a, double* b) {
  double n = static_cast<double>(r.size());
  double mr = 0, mp = 0;
  for (size_t i = 0; i < r.size(); ++i) mr += r[i] / n, mp += p[i] / n;
  double srr = 0, srp = 0;
  for (size_t i = 0; i < r.size(); ++i) {
    srr += (r[i] - mr) * (r[i] - mr);
    srp += (r[i] - mr) * (p[i] - mp);
  }
  *a = fallback_a;
  if (r.size() >= 2 && srr / n >= 1.0) {  // spread of ~1 inch or more
    double fitted = srp / srr;
    if (fitted > 0.8 * fallback_a && fitted < 1.25 * fallback_a) *a = fitted;
  }
  *b = mp - *a * mr;
}

struct AnchorFit {
  Transform transform;
  int consistent = 0;  // labels found where the fit puts them
};

// The page-size transform, refined by the labels found near where it
// predicts them; labels off the fit are dropped and the fit redone once.
AnchorFit FitAnchors(const PageLines& page, const Transform& initial) {
  struct Pair {
    double rx, ry, px, py;
  };
  std::vector<Pair> pairs;
  for (const Anchor& anchor : kAnchors) {
    double ex = initial.ax * anchor.x + initial.bx;
    double ey = initial.ay * anchor.y + initial.by;
    std::optional<Pair> best;
    double best_d = kAnchorGateIn;
    for (auto [px, py] : FindPhrase(page, PhraseKeys(anchor.phrase))) {
      double d = std::hypot((px - ex) / initial.ax, (py - ey) / initial.ay);
      if (d < best_d) best_d = d, best = Pair{anchor.x, anchor.y, px, py};
    }
    if (best) pairs.push_back(*best);
  }
  AnchorFit fit{initial, 0};
  for (int round = 0; round < 2 && !pairs.empty(); ++round) {
    std::vector<double> rx, px, ry, py;
    for (const Pair& p : pairs) {
      rx.push_back(p.rx), px.push_back(p.px);
      ry.push_back(p.ry), py.push_back(p.py);
    }
    FitAxis(rx, px, initial.ax, &fit.transform.ax, &fit.transform.bx);
    FitAxis(ry, py, initial.ay, &fit.transform.ay, &fit.transform.by);
    std::erase_if(pairs, [&](const Pair& p) {
      return std::hypot(fit.transform.X(p.px) - p.rx,
                        fit.transform.Y(p.py) - p.ry) > kAnchorFitIn;
    });
  }
  fit.consistent = static_cast<int>(pairs.size());
  if (fit.consistent == 0) fit.transform = initial;
  return fit;
}

std::optional<Transform> PageTransform(const Page& page) {
  if (page.width > 0 && page.height > 0) {
    return Transform{page.width / kFormWidthIn, 0, page.height / kFormHeightIn,
                     0};
  }
  if (page.dpi > 0) return Transform{1.0 * page.dpi, 0, 1.0 * page.dpi, 0};
  return std::nullopt;
}

std::vector<Placed> PlaceTokens(const PageLines& page, const Transform& t) {
  std::vector<Placed> placed;
  for (size_t i = 0; i < page.lines.size(); ++i) {
    for (const Token& token : page.lines[i].tokens) {
      placed.push_back(
          Placed{&token, static_cast<int>(i), t.X(token.x + token.w / 2.0),
                 t.Y(token.y + token.h / 2.0), t.X(token.x + token.w)});
    }
  }
  return placed;
}

// Tokens whose centre is in the region, left to right then top to bottom.
// So is a word ending at its left edge (within kEdgeSlack) that runs on
// into it without a column's gap: "7Y NSJK2HH62" typed at the edge of a
// look-alike form's box 1a, a little left of the standard form's (held-out
// seed 643).
constexpr double kEdgeSlack = 0.1;  // inches
std::vector<const Placed*> InRegion(const std::vector<Placed>& tokens,
                                    const Region& r) {
  std::vector<const Placed*> in;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Placed& p = tokens[i];
    const Placed* next = i + 1 < tokens.size() ? &tokens[i + 1] : nullptr;
    if (r.Contains(p.x, p.y) ||
        (p.x < r.x0 && p.right > r.x0 - kEdgeSlack && r.Contains(r.x0, p.y) &&
         next != nullptr && next->line == p.line &&
         r.Contains(next->x, next->y) &&
         !IsColumnBreak(*p.token, *next->token))) {
      in.push_back(&p);
    }
  }
  std::stable_sort(in.begin(), in.end(), [](const Placed* a, const Placed* b) {
    return a->line != b->line ? a->line < b->line : a->x < b->x;
  });
  return in;
}

// A date printed in split cells ("11 08 98", "11|08|98", "11 08 1998"):
// the digits of the tokens, read as MMDDYY or MMDDYYYY.
std::optional<std::string> SplitDate(const std::vector<const Placed*>& in,
                                     const CivilDate& today) {
  std::string digits;
  for (const Placed* p : in) {
    for (char c : p->token->text) {
      if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
    }
  }
  if (digits.size() != 6 && digits.size() != 8) return std::nullopt;
  std::string text =
      digits.substr(0, 2) + "/" + digits.substr(2, 2) + "/" + digits.substr(4);
  return ParseDateText(text, today);
}

std::vector<std::string> Texts(const std::vector<const Placed*>& in) {
  std::vector<std::string> words;
  for (const Placed* p : in) {
    // "ID10-" "45678": a hyphen at a word edge joins it to its neighbour.
    if (!words.empty() &&
        (words.back().ends_with('-') || p->token->text.starts_with('-'))) {
      words.back() += p->token->text;
    } else {
      words.push_back(p->token->text);
    }
  }
  return words;
}

// How many of `words` a street address takes from the first: a house
// number, then words up to a street's kind ("4929 HARBOR DRIVE", "12 Oak
// St."); 0 where they are none.
size_t StreetAddressLength(const std::vector<std::string>& words) {
  static const std::set<std::string> kKinds = {
      "AVE",   "AVENUE", "BLVD", "CIR",  "CIRCLE", "COURT", "CT",
      "DR",    "DRIVE",  "HWY",  "LANE", "LN",     "PKWY",  "PL",
      "PLACE", "RD",     "ROAD", "ST",   "STREET", "TRAIL", "WAY"};
  if (words.size() < 3 || words[0].size() > 6 || !AllDigits(words[0])) {
    return 0;
  }
  for (size_t i = 2; i < words.size() && i <= 4; ++i) {
    std::string kind;
    for (char c : words[i]) {
      if (std::isalpha(static_cast<unsigned char>(c)))
        kind += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    if (kKinds.count(kind) > 0) return i + 1;
  }
  return 0;
}

// The first identifier among a box's words (labels read into the box are
// skipped). Insurers' IDs and group numbers carry at least three digits: a
// look-alike form's wrapped label caught in the box ("(For Program / in
// Item 1)") is no ID ("ITEM1"). A run of digits OCR split off is joined
// ("5AJ4R00QC 66"). A city, state and ZIP code ("DOVER, DE 19934", a
// look-alike form's address where box 11 stands) is no ID, nor is a street
// address ("4929 HARBOR DRIVE").
std::optional<std::string> FirstIdentifier(std::vector<std::string> words) {
  while (!words.empty()) {
    if (words.size() >= 3 && IsCityStateZip(words[0], words[1], words[2])) {
      words.erase(words.begin(), words.begin() + 3);
      continue;
    }
    if (const size_t street = StreetAddressLength(words); street > 0) {
      words.erase(words.begin(), words.begin() + street);
      continue;
    }
    if (auto id = ParseIdentifier(words, /*join_digit_run=*/true);
        id && std::count_if(id->begin(), id->end(), [](char c) {
                return std::isdigit(static_cast<unsigned char>(c));
              }) >= 3) {
      return id;
    }
    words.erase(words.begin());
  }
  return std::nullopt;
}

double MeanConfidence(const std::vector<const Placed*>& in) {
  if (in.empty()) return 0;
  double sum = 0;
  for (const Placed* p : in) sum += p->token->confidence;
  return sum / in.size();
}

// One service line of box 24 (0-based), or -1.
int ServiceLine(const Placed& p) {
  double k = std::round((p.y - kLine24Y) / kLine24Pitch);
  if (k < 0 || k > 5) return -1;
  return std::abs(p.y - kLine24Y - k * kLine24Pitch) <= kLine24HalfIn
             ? static_cast<int>(k)
             : -1;
}

std::vector<const Placed*> InServiceColumn(const std::vector<Placed>& tokens,
                                           int line, double x0, double x1) {
  std::vector<const Placed*> in;
  for (const Placed& p : tokens) {
    if (p.x >= x0 && p.x < x1 && ServiceLine(p) == line) in.push_back(&p);
  }
  std::stable_sort(in.begin(), in.end(), [](const Placed* a, const Placed* b) {
    return a->x < b->x;
  });
  return in;
}

// Evidence that values sit in the form's boxes, for a page without labels:
// a split birth date in box 3, an ICD-10 code printed with its dot in box
// 21, a split "from" date in a box 24 service line.
int ValueSignals(const std::vector<Placed>& tokens, const CivilDate& today) {
  int signals = 0;
  if (SplitDate(InRegion(tokens, kBox3), today)) ++signals;
  for (const Placed* p : InRegion(tokens, kBox21)) {
    if (ParseIcd10(p->token->text, /*labelled=*/false)) {
      ++signals;
      break;
    }
  }
  for (int line = 0; line < 6; ++line) {
    auto from = InServiceColumn(tokens, line, kCol24FromX0, kCol24FromX1);
    if (from.size() >= 2 && SplitDate(from, today)) {
      ++signals;
      break;
    }
  }
  return signals;
}

class HitSink {
 public:
  HitSink(int page, double confidence, std::vector<FieldHit>* hits)
      : page_(page), confidence_(confidence), hits_(hits) {}
  void Add(std::string_view field, std::string value,
           const std::vector<const Placed*>& from, bool repaired = false) {
    FieldHit hit;
    hit.field = std::string(field);
    hit.value = std::move(value);
    hit.confidence = confidence_ * MeanConfidence(from) * (repaired ? 0.8 : 1);
    hit.page = page_;
    hit.line = from.front()->line;
    hit.x = from.front()->token->x;
    hit.repaired = repaired;
    hits_->push_back(std::move(hit));
  }

 private:
  int page_;
  double confidence_;
  std::vector<FieldHit>* hits_;
};

// A box's words that are an identifier's: not those ending a city, state
// and ZIP code on their line. A look-alike form's address row may reach
// into the place of box 11 with its ZIP alone ("BOULDER, CO 80324",
// held-out seed 1009's claim).
std::vector<const Placed*> IdWords(const std::vector<Placed>& tokens,
                                   const Region& region) {
  std::vector<const Placed*> box = InRegion(tokens, region);
  std::erase_if(box, [&](const Placed* p) {
    const size_t i = p - tokens.data();
    return i >= 2 && tokens[i - 1].line == p->line &&
           tokens[i - 2].line == p->line &&
           IsCityStateZip(tokens[i - 2].token->text, tokens[i - 1].token->text,
                          p->token->text);
  });
  return box;
}

void ReadBoxes(const std::vector<Placed>& tokens, const CivilDate& today,
               HitSink* sink) {
  if (auto box = InRegion(tokens, kBox2); !box.empty()) {
    if (auto name = NormaliseName(Texts(box))) {
      sink->Add(field::kPatientName, *name, box);
    }
  }
  if (auto box = InRegion(tokens, kBox3); !box.empty()) {
    if (auto dob = SplitDate(box, today)) sink->Add(field::kDob, *dob, box);
  }
  if (auto box = IdWords(tokens, kBox1a); !box.empty()) {
    if (auto id = FirstIdentifier(Texts(box))) {
      const std::optional<std::string> mbi = RepairMbi(*id);
      sink->Add(field::kMemberId, mbi.value_or(*id), box, mbi.has_value());
    }
  }
  if (auto box = IdWords(tokens, kBox11); !box.empty()) {
    if (auto id = FirstIdentifier(Texts(box))) {
      sink->Add(field::kGroupNumber, *id, box);
    }
  }
  for (const Placed* p : InRegion(tokens, kBox21)) {
    std::string_view text = p->token->text;
    auto code = ParseIcd10(text, /*labelled=*/true);
    // "A.N39.0": the item's letter glued to its code.
    if (!code && text.size() > 3 && text[0] >= 'A' && text[0] <= 'L' &&
        (text[1] == '.' || text[1] == ')')) {
      code = ParseIcd10(text.substr(2), /*labelled=*/true);
    }
    if (code) sink->Add(field::kIcd10, *code, {p});
  }
  bool seen_first_line = false;
  for (int line = 0; line < 6; ++line) {
    auto from = InServiceColumn(tokens, line, kCol24FromX0, kCol24FromX1);
    // Only the first service line's date: when OCR garbled it, a later
    // line's date would be a wrong service_date, not a late right one.
    // Nor a date after a word in the column: a look-alike form's signing
    // date ("DATE 05 04 2021") sat where the form prints line 1 (held-out
    // seed 593).
    if (!seen_first_line && !from.empty()) {
      seen_first_line = true;
      const bool labelled =
          std::any_of(from.begin(), from.end(), [](const Placed* p) {
            const std::string& text = p->token->text;
            return std::count_if(text.begin(), text.end(), [](char c) {
                     return std::isalpha(static_cast<unsigned char>(c));
                   }) >= 2;
          });
      if (auto date = SplitDate(from, today); date && !labelled) {
        sink->Add(field::kServiceDate, *date, from);
      }
    }
    for (const Placed* p :
         InServiceColumn(tokens, line, kCol24CptX0, kCol24CptX1)) {
      if (auto cpt = ParseCpt(p->token->text))
        sink->Add(field::kCpt, *cpt, {p});
    }
    for (const Placed* p :
         InServiceColumn(tokens, line, kCol24NpiX0, kCol24NpiX1)) {
      bool repaired = false;
      if (auto npi = ParseNpi(p->token->text, &repaired)) {
        sink->Add(field::kNpi, *npi, {p}, repaired);
      }
    }
  }
  for (const Placed* p : InRegion(tokens, kBox33a)) {
    bool repaired = false;
    if (auto npi = ParseNpi(p->token->text, &repaired)) {
      sink->Add(field::kNpi, *npi, {p}, repaired);
    }
  }
}

// Labels of the form in a page of text alone (no positions to check).
int TextPhrases(const Page& page) {
  std::string text = FoldForMatch(page.text);
  int found = 0;
  for (const Anchor& anchor : kAnchors) {
    if (text.find(FoldForMatch(anchor.phrase)) != std::string::npos) ++found;
  }
  return found;
}

}  // namespace

ClaimFormMatch ReadClaimForm(const std::vector<Page>& pages) {
  ClaimFormMatch match;
  const CivilDate today = Today();
  std::vector<PageLines> lines = BuildLines(pages);
  for (size_t i = 0; i < pages.size() && i < lines.size(); ++i) {
    const Page& page = pages[i];
    int number = page.number > 0 ? page.number : static_cast<int>(i) + 1;
    std::optional<Transform> initial = PageTransform(page);
    if (page.words.empty() || !initial) {
      int phrases = TextPhrases(page);
      if (phrases >= kMinTextPhrases) {
        match.is_cms1500 = true;
        match.confidence =
            std::max(match.confidence, std::min(0.9, 0.3 + 0.05 * phrases));
      }
      continue;
    }
    AnchorFit fit = FitAnchors(lines[i], *initial);
    std::vector<Placed> tokens = PlaceTokens(lines[i], fit.transform);
    double confidence = 0;
    if (fit.consistent >= kMinAnchors) {
      confidence = std::min(0.99, 0.5 + 0.05 * fit.consistent);
      match.anchored = true;
    } else {
      int signals = ValueSignals(tokens, today);
      if (signals >= 2) confidence = signals == 2 ? 0.7 : 0.9;
    }
    if (confidence == 0) continue;
    match.is_cms1500 = true;
    match.confidence = std::max(match.confidence, confidence);
    HitSink sink(number, confidence, &match.hits);
    ReadBoxes(tokens, today, &sink);
  }
  return match;
}

}  // namespace intake::classify
