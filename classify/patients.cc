#include "classify/patients.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <optional>
#include <set>

#include "classify/text.h"
#include "classify/validators.h"

namespace intake::classify {
namespace {

// Hits weaker than this are noise, not a second patient (as in field_merge).
constexpr double kIdentityMinConfidence = 0.5;

// OCR confidence at which a word's letters are taken as read. Of 19,000
// words on 180 generated pages, 47 misread by one letter scored 0.90 or
// more, 7 scored 0.93 or more, and one 0.95 or more ("dato" for date on a
// fax page, 0.97); half the right reads of names score above it.
constexpr double kSureWordConfidence = 0.95;
// Read twice or more beside the surname, each read at least this sure
// (ReadSurely). On the pages of 44 generated and held-out seeds OCR
// misread about 20 first names by one letter, never twice alike in a
// document; 1,200 names read twice or more at 0.85 or more were all right.
// All-capital names score lower (JOSHUA 0.93 beside Joshua 0.97).
constexpr double kSureWordsConfidence = 0.85;

// Lowercase ASCII of a UTF-8 name: Latin-1 accented letters folded to their
// base letter, apostrophes and dots dropped, every other non-letter a space
// (hyphens too, unless `keep_hyphen`, which joins the hyphenated parts).
std::string Fold(std::string_view text, bool join_hyphen) {
  // Base letters of U+00C0..U+00FF; '\0' where none.
  static constexpr char kLatin1[] =
      "aaaaaaaceeeeiiii"
      "dnooooo\0ouuuuyts"  // U+00C0..U+00DF
      "aaaaaaaceeeeiiii"
      "dnooooo\0ouuuuyty";  // U+00E0..U+00FF
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == 0xC3 && i + 1 < text.size()) {
      unsigned char n = static_cast<unsigned char>(text[i + 1]);
      ++i;
      if (n >= 0x80 && n <= 0xBF && kLatin1[n - 0x80] != '\0') {
        out += kLatin1[n - 0x80];
        if (n == 0x9F) out += 's';  // sharp s
      }
      continue;
    }
    if (c >= 0x80) continue;  // other scripts: not compared
    if (std::isalpha(c)) {
      out += static_cast<char>(std::tolower(c));
    } else if (c == '\'' || c == '.') {
      continue;
    } else if (c == '-' && join_hyphen) {
      continue;
    } else {
      out += ' ';
    }
  }
  return out;
}

std::vector<std::string> Words(const std::string& folded) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < folded.size()) {
    size_t j = folded.find(' ', i);
    if (j == std::string::npos) j = folded.size();
    if (j > i) out.push_back(folded.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

bool IsTitleOrSuffix(const std::string& w) {
  static const std::set<std::string> kDrop = {"mr", "mrs", "ms", "miss", "dr",
                                              "jr", "sr",  "ii", "iii",  "iv"};
  return kDrop.count(w) > 0;
}

std::vector<std::string> NameWords(std::string_view text, bool join_hyphen,
                                   bool drop_initials) {
  std::vector<std::string> out;
  for (std::string& w : Words(Fold(text, join_hyphen))) {
    if (IsTitleOrSuffix(w) || (drop_initials && w.size() < 2)) continue;
    out.push_back(std::move(w));
  }
  return out;
}

std::string Join(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += w;
  return out;
}

size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min(
          {row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

// OCR damage tolerated in a word of this length: "Jon" is not "John".
size_t Tolerance(size_t length) {
  if (length <= 4) return 0;
  return length <= 8 ? 1 : 2;
}

bool Within(const std::string& a, const std::string& b) {
  return EditDistance(a, b) <= Tolerance(std::min(a.size(), b.size()));
}

// True when the page's reading `read` of a name word is the registry's
// `known` under small OCR damage, counting one letter OCR split in two as
// one edit: "ri" for n ("Nolari" for Nolan), "rn" or "ni" for m
// ("Desniond" for Desmond), "cl" for d, "li" for h, "vv" for w.
bool Near(const std::string& read, const std::string& known) {
  if (Within(read, known)) return true;
  static constexpr std::pair<std::string_view, char> kSplit[] = {
      {"ri", 'n'}, {"rn", 'm'}, {"ni", 'm'},
      {"cl", 'd'}, {"li", 'h'}, {"vv", 'w'}};
  for (const auto& [pair, letter] : kSplit) {
    for (size_t at = read.find(pair); at != std::string::npos;
         at = read.find(pair, at + 1)) {
      std::string joined = read;
      joined.replace(at, pair.size(), 1, letter);
      // The join is an edit: a word of 4 letters or fewer may have none.
      if (EditDistance(joined, known) + 1 <= Tolerance(known.size())) {
        return true;
      }
    }
  }
  return false;
}

// A read with one name part exact and the other, of 8 letters or more in
// the registry, two edits off ("Marisol Underhtl" for Marisol Underhill),
// or the surname's end alone, its head split off by a space OCR read
// inside it and taken for a middle name ("Imani Thist Lewood" for Imani
// Thistlewood in a monospaced face, generated seed 7676), or the first
// name with the middle initial read onto it ("Ferraro, Rosal" for
// "Ferraro, Rosa I", "LEE, LUISE" for "LEE, LUIS E"): more damage than
// CompareNames forgives, but no other person's name.
bool DamagedRead(const NameKey& page, const NameKey& reg) {
  if (page.empty() || reg.empty()) return false;
  const std::string page_last = Join(page.last), reg_last = Join(reg.last);
  const std::string& page_first = page.first.front();
  const std::string& reg_first = reg.first.front();
  auto damaged = [](const std::string& read, const std::string& known) {
    return known.size() >= 8 && EditDistance(read, known) <= 2;
  };
  const bool surname_end = page_last.size() >= 4 &&
                           reg_last.size() > page_last.size() &&
                           reg_last.ends_with(page_last);
  const bool fused_initial = page_first.size() == reg_first.size() + 1 &&
                             page_first.starts_with(reg_first);
  return (page_first == reg_first &&
          (damaged(page_last, reg_last) || surname_end)) ||
         (page_last == reg_last &&
          (damaged(page_first, reg_first) || fused_initial));
}

// One surname printed without its second part ("Garcia" for
// "Garcia-Lopez"): every page word is a registry word, or the other way.
bool SurnamePart(const std::vector<std::string>& page,
                 const std::vector<std::string>& reg) {
  auto subset = [](const auto& small, const auto& big) {
    return small.size() < big.size() &&
           std::all_of(small.begin(), small.end(), [&](const auto& w) {
             return std::find(big.begin(), big.end(), w) != big.end();
           });
  };
  return subset(page, reg) || subset(reg, page);
}

std::string IdKey(std::string_view id) {
  std::string out;
  for (char c : id) {
    if (c == ' ' || c == '\t') continue;
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

// An ID's shape: its digits as '#', everything else as it is.
std::string IdShape(std::string_view key) {
  std::string out(key);
  for (char& c : out) {
    if (std::isdigit(static_cast<unsigned char>(c))) c = '#';
  }
  return out;
}

// How many letters an ID such as W907845580 or MBR0561390 starts with,
// when they are one to three and a digit follows; else 0. A fill-in line's
// rule or a card's edge may take them.
size_t LetterPrefixLength(std::string_view id) {
  const size_t letters =
      std::find_if(
          id.begin(), id.end(),
          [](char c) { return !std::isalpha(static_cast<unsigned char>(c)); }) -
      id.begin();
  const bool digit_follows =
      letters < id.size() &&
      std::isdigit(static_cast<unsigned char>(id[letters]));
  return letters >= 1 && letters <= 3 && digit_follows ? letters : 0;
}

}  // namespace

NameKey MakeNameKey(std::string_view first, std::string_view last) {
  NameKey key;
  // Hyphenated given names are one name ("Mary-Kate"); surnames split at
  // hyphens so a dropped second surname still compares.
  key.first = NameWords(first, /*join_hyphen=*/true, /*drop_initials=*/true);
  key.last = NameWords(last, /*join_hyphen=*/false, /*drop_initials=*/false);
  return key;
}

NameKey NameKeyFromField(std::string_view first_last) {
  size_t space = first_last.find(' ');
  if (space == std::string_view::npos) return {};
  return MakeNameKey(first_last.substr(0, space), first_last.substr(space + 1));
}

NameAgreement CompareNames(const NameKey& page, const NameKey& reg) {
  if (page.empty() || reg.empty()) return NameAgreement::kDifferent;
  const std::string page_last = Join(page.last), reg_last = Join(reg.last);
  const std::string& page_first = page.first.front();
  const std::string& reg_first = reg.first.front();
  bool last_exact = page_last == reg_last;
  bool first_exact = page_first == reg_first;
  if (last_exact && first_exact) return NameAgreement::kExact;
  bool last_close =
      SurnamePart(page.last, reg.last) || Near(page_last, reg_last);
  bool first_close = Near(page_first, reg_first);
  // One part may be damaged, not both: two near misses are another person.
  if ((last_exact && first_close) || (first_exact && last_close)) {
    return NameAgreement::kClose;
  }
  // "RIVERA DANIEL" printed without its comma reads as First Last swapped.
  if (page.first.size() == 1 && reg.first.size() >= 1 &&
      page_first == reg_last && page_last == reg_first) {
    return NameAgreement::kClose;
  }
  return NameAgreement::kDifferent;
}

bool MaybeSamePerson(const NameKey& a, const NameKey& b) {
  return CompareNames(a, b) != NameAgreement::kDifferent ||
         CompareNames(b, a) != NameAgreement::kDifferent;
}

PatientRegistry::PatientRegistry(std::vector<PatientRecord> patients)
    : patients_(std::move(patients)) {
  std::set<std::string> ambiguous;
  for (size_t i = 0; i < patients_.size(); ++i) {
    PatientRecord& p = patients_[i];
    p.mrn = IdKey(p.mrn);
    p.member_id = IdKey(p.member_id);
    names_.push_back(MakeNameKey(p.first_name, p.last_name));
    if (!p.mrn.empty() && !by_mrn_.emplace(p.mrn, i).second) {
      ambiguous.insert(p.mrn);
    }
    if (!p.mrn.empty()) mrn_shapes_.insert(IdShape(p.mrn));
    by_dob_.emplace(p.dob, i);
    if (!p.member_id.empty()) by_member_.emplace(p.member_id, i);
    if (const size_t letters = LetterPrefixLength(p.member_id)) {
      by_member_digits_.emplace(p.member_id.substr(letters), i);
    }
    by_last_.emplace(Join(names_.back().last), i);
  }
  for (const std::string& mrn : ambiguous) by_mrn_.erase(mrn);
}

const PatientRecord* PatientRegistry::FindByMrn(std::string_view mrn) const {
  auto it = by_mrn_.find(IdKey(mrn));
  return it == by_mrn_.end() ? nullptr : &patients_[it->second];
}

std::vector<const PatientRecord*> PatientRegistry::Lookup(
    const std::unordered_multimap<std::string, size_t>& index,
    const std::string& key) const {
  std::vector<size_t> at;
  auto [b, e] = index.equal_range(key);
  for (auto it = b; it != e; ++it) at.push_back(it->second);
  std::sort(at.begin(), at.end());  // registry order, whatever the hash
  std::vector<const PatientRecord*> out;
  for (size_t i : at) out.push_back(&patients_[i]);
  return out;
}

std::vector<const PatientRecord*> PatientRegistry::FindByDob(
    std::string_view iso) const {
  return Lookup(by_dob_, std::string(iso));
}

std::vector<const PatientRecord*> PatientRegistry::FindByMemberId(
    std::string_view member_id) const {
  return Lookup(by_member_, IdKey(member_id));
}

std::vector<const PatientRecord*> PatientRegistry::FindByMemberIdDigits(
    std::string_view digits) const {
  return Lookup(by_member_digits_, IdKey(digits));
}

std::vector<const PatientRecord*> PatientRegistry::FindByLastName(
    std::string_view last_name) const {
  return Lookup(by_last_, Join(MakeNameKey("x", last_name).last));
}

bool PatientRegistry::HasMrnShape(std::string_view mrn) const {
  return mrn_shapes_.count(IdShape(IdKey(mrn))) > 0;
}

const NameKey& PatientRegistry::NameOf(const PatientRecord& p) const {
  return names_[static_cast<size_t>(&p - patients_.data())];
}

namespace {

// What the document says about its patient.
struct Evidence {
  NameKey name;           // empty when no name was read
  std::string name_read;  // the name field as read ("First Last")
  // The surest reading of the name's first word on the pages (FirstSure);
  // 1, nothing said against it, where no name was read.
  double first_name_confidence = 1;
  std::string dob;     // YYYY-MM-DD or empty
  std::string mrn;     // as read, uppercase; empty when none
  std::string member;  // as read, uppercase; empty when none
  // `member` is the one registry member ID an OCR repair of the reading
  // (`member_read`) reaches (MBRO6113654477 -> MBR06113654477).
  bool member_repaired = false;
  std::string member_read;
};

// Identifiers the pages print where no label claimed them: the label was
// damaged beyond reading ("Pull Nome:", "Bind Dete") or worded as no rule
// knows. They never contradict anyone; verbatim, they corroborate what a
// labelled identifier says (Evaluate) and fill a filed patient's unread
// fields (Filed).
struct Printed {
  struct Line {
    int page = 1;
    std::vector<std::string> words;  // name words (NameWords)
    std::vector<double> confidence;  // of each word's token
  };
  // Where a value is printed: its page and its words' lowest confidence.
  struct Where {
    int page = 1;
    double confidence = 1;
  };
  std::map<std::string, Where> dates;  // YYYY-MM-DD
  // PrintedIdKey of tokens of kMinPrintedId+ characters, and of two neighbours
  // joined ("X91 183239": OCR split the ID at a gap).
  std::map<std::string, Where> ids;
  std::vector<Line> lines;
};

// Shorter numbers are too common in print (ZIP codes, years, amounts).
constexpr size_t kMinPrintedId = 6;

// `token` uppercase, letters, digits and inner hyphens only.
std::string PrintedIdKey(std::string_view token) {
  std::string id;
  for (char c : token) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '-')
      id += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  while (!id.empty() && id.back() == '-') id.pop_back();
  while (!id.empty() && id.front() == '-') id.erase(id.begin());
  return id;
}

Printed ReadPrinted(const std::vector<PageLines>& pages) {
  Printed out;
  const CivilDate today = Today();
  auto note = [](std::map<std::string, Printed::Where>* at, std::string key,
                 Printed::Where where) {
    auto [it, added] = at->emplace(std::move(key), where);
    if (!added && where.confidence > it->second.confidence) it->second = where;
  };
  for (const PageLines& page : pages) {
    for (const Line& line : page.lines) {
      std::vector<std::string> words;
      Printed::Line names;
      names.page = page.page;
      std::string previous_id;
      double previous_confidence = 0;
      for (const Token& t : line.tokens) {
        words.push_back(t.text);
        for (std::string& w :
             NameWords(t.text, /*join_hyphen=*/false, /*drop_initials=*/true)) {
          names.words.push_back(std::move(w));
          names.confidence.push_back(t.confidence);
        }
        std::string id = PrintedIdKey(t.text);
        if (id.size() >= kMinPrintedId) {
          note(&out.ids, id, {page.page, t.confidence});
        }
        if (!previous_id.empty() && !id.empty() &&
            previous_id.size() + id.size() >= kMinPrintedId) {
          note(&out.ids, previous_id + id,
               {page.page, std::min(previous_confidence, t.confidence)});
        }
        previous_id = std::move(id);
        previous_confidence = t.confidence;
      }
      for (size_t i = 0; i < words.size(); ++i) {
        size_t used = 0;
        bool repaired = false;
        if (auto d = ParseDate(words, i, today, &used, &repaired)) {
          double lowest = 1;
          for (size_t k = i; k < i + used && k < line.tokens.size(); ++k)
            lowest = std::min(lowest, line.tokens[k].confidence);
          note(&out.dates, *d, {page.page, lowest});
        }
      }
      out.lines.push_back(std::move(names));
    }
  }
  return out;
}

// Where a line prints the patient's name verbatim: "First Last", with at
// most one middle name between, or "Last, First"; nothing when none does.
std::optional<Printed::Where> PrintedName(const Printed& printed,
                                          const PatientRecord& p) {
  const std::vector<std::string> first =
      NameWords(p.first_name, /*join_hyphen=*/false, /*drop_initials=*/true);
  const std::vector<std::string> last =
      NameWords(p.last_name, /*join_hyphen=*/false, /*drop_initials=*/false);
  if (first.empty() || last.empty()) return std::nullopt;
  // The page words from i that spell `part`, one of its words perhaps
  // split in two by a gap OCR read as a space ("Thist lewood"): how many,
  // or 0 where they do not.
  auto at = [](const std::vector<std::string>& words, size_t i,
               const std::vector<std::string>& part) -> size_t {
    size_t k = i;
    for (const std::string& p : part) {
      if (k < words.size() && words[k] == p) {
        ++k;
      } else if (k + 1 < words.size() && words[k].size() >= 2 &&
                 words[k + 1].size() >= 2 && words[k] + words[k + 1] == p) {
        k += 2;
      } else {
        return 0;
      }
    }
    return k - i;
  };
  for (const Printed::Line& line : printed.lines) {
    const std::vector<std::string>& w = line.words;
    for (size_t i = 0; i < w.size(); ++i) {
      size_t end = 0;  // one past the name's last word
      if (size_t n = at(w, i, first)) {
        const size_t j = i + n;
        if (size_t m = at(w, j, last)) end = j + m;
        if (size_t m = at(w, j + 1, last); end == 0 && m) end = j + 1 + m;
      }
      if (size_t n = at(w, i, last);
          end == 0 && n && w.size() > i + n && w[i + n] == first.front()) {
        end = i + n + 1;
      }
      if (end == 0) continue;
      double lowest = 1;
      for (size_t k = i; k < end; ++k)
        lowest = std::min(lowest, line.confidence[k]);
      return Printed::Where{line.page, lowest};
    }
  }
  return std::nullopt;
}

std::string FirstValue(const std::map<std::string, Field>& fields,
                       std::string_view name, double* confidence = nullptr) {
  auto it = fields.find(std::string(name));
  if (it == fields.end() || it->second.values.empty()) return "";
  if (confidence != nullptr) *confidence = it->second.confidence;
  return it->second.values.front();
}

// Every spelling an identifier (MRN, member ID) could have had before OCR
// confused letters and digits (O/0, I/l/1, S/5, B/8, Z/2, and in some faces
// or off a fax T/7, Z/7, A/4, G/6, T/J, Q/9, U/V), itself excluded; capped
// so a long all-confusable value cannot explode.
const std::map<char, std::string>& ConfusableSwaps() {
  static const std::map<char, std::string> kSwap = {
      {'0', "O"},  {'O', "0"},  {'1', "IL"}, {'I', "1L"}, {'L', "1I"},
      {'5', "S"},  {'S', "5"},  {'8', "B"},  {'B', "8"},  {'2', "Z"},
      {'Z', "27"}, {'7', "TZ"}, {'T', "7J"}, {'J', "T"},  {'4', "A"},
      {'A', "4"},  {'6', "G"},  {'G', "6"},  {'9', "Q"},  {'Q', "9"},
      {'U', "V"},  {'V', "U"}};
  return kSwap;
}

std::vector<std::string> ConfusionVariants(const std::string& mrn) {
  const std::map<char, std::string>& kSwap = ConfusableSwaps();
  std::vector<std::string> out = {mrn};
  for (size_t i = 0; i < mrn.size(); ++i) {
    auto it = kSwap.find(mrn[i]);
    if (it == kSwap.end()) continue;
    size_t n = out.size();
    for (size_t k = 0; k < n && out.size() < 4096; ++k) {
      for (char c : it->second) {
        std::string v = out[k];
        v[i] = c;
        out.push_back(std::move(v));
      }
    }
  }
  out.erase(out.begin());
  return out;
}

// True when `known` is `read` with some letters and digits OCR confuses
// swapped back (one of ConfusionVariants(read), found without listing them).
// `filed`: also a 9 read as O or 0, which Tesseract does in IDs in some
// faces even from a clean 300-dpi crop ("8FC9VH6VN00" read "8FCOVH6VNO0" in
// DejaVu Serif), and a J read as I, its hook lost ("VIM645959705" for
// VJM645959705 in a monospaced face, held-out seed 983's claims), and a 0
// read as Q ("MROQ15206" for MR0015206 on a clean page, held-out seed
// 1423): too common readings of a real 0, I or Q to find a patient by, but
// corrections once two other identifiers filed the page.
bool ConfusableWith(const std::string& read, const std::string& known,
                    bool filed = false) {
  if (read.size() != known.size() || read == known) return false;
  const std::map<char, std::string>& swaps = ConfusableSwaps();
  for (size_t i = 0; i < read.size(); ++i) {
    if (read[i] == known[i]) continue;
    if (filed && ((known[i] == '9' && (read[i] == '0' || read[i] == 'O')) ||
                  (known[i] == 'J' && read[i] == 'I') ||
                  (known[i] == '0' && read[i] == 'Q'))) {
      continue;
    }
    auto it = swaps.find(read[i]);
    if (it == swaps.end() || it->second.find(known[i]) == std::string::npos)
      return false;
  }
  return true;
}

// Whether read[i] may be a glyph beside it read a second time: the same
// glyph or its look-alike, or a 1 after a 7 (its stem read again: "771"
// for a serif face's 77).
bool ReadTwice(const std::string& read, size_t i) {
  const std::map<char, std::string>& swaps = ConfusableSwaps();
  auto it = swaps.find(read[i]);
  auto twin = [&](size_t j) {
    return j < read.size() && (read[j] == read[i] ||
                               (it != swaps.end() &&
                                it->second.find(read[j]) != std::string::npos));
  };
  if (read[i] == '1' && i > 0 && read[i - 1] == '7') return true;
  return twin(i + 1) || (i > 0 && twin(i - 1));
}

// Whether read[i] may be a glyph OCR added: one beside it read a second
// time (ReadTwice), or an I, a stroke (a speck, a rule's edge) read as a
// glyph of its own ("4QK2H9I0RF72" for 4QK2H90RF72, held-out seed 983's
// scanned card).
bool AddedGlyph(const std::string& read, size_t i) {
  return read[i] == 'I' || ReadTwice(read, i);
}

// True when `read` is `known` with one or two glyphs OCR read twice, as
// themselves or as their look-alikes beside them, and look-alikes swapped
// ("MBRO0992301093" and "MROO069084" for MBR0992301093 and MR0069084,
// "S5DWS5YE6MF23" for 5DW5YE6MF23), or an I added (AddedGlyph). `filed`
// as for ConfusableWith.
bool DoubledGlyph(const std::string& read, const std::string& known,
                  bool filed = false, int glyphs = 2) {
  if (read.size() <= known.size() || read.size() > known.size() + glyphs)
    return false;
  for (size_t i = 0; i < read.size(); ++i) {
    if (!AddedGlyph(read, i)) continue;
    const std::string once = read.substr(0, i) + read.substr(i + 1);
    if (once == known || ConfusableWith(once, known, filed) ||
        DoubledGlyph(once, known, filed, glyphs - 1)) {
      return true;
    }
  }
  return false;
}

// The one spelling of `id` under OCR repair that the registry knows
// (`known`), or "" when none or several are: two reachable are no proof.
// Repairs: look-alike letters and digits swapped (ConfusionVariants), and
// up to two glyphs read twice, as themselves or as their look-alikes, read
// once ("MRO0026922" for MR0026922, "4RU1IJF4HC92" for 4RU1JF4HC92,
// "MROO069084" for MR0069084, "7TY44GP9FCO09" for 7Y44GP9FC09), or an I
// OCR added left out (AddedGlyph).
std::string OneKnownRepair(
    const std::string& id,
    const std::function<bool(const std::string&)>& known) {
  std::set<std::string> found;
  for (const std::string& v : ConfusionVariants(id)) {
    if (known(v)) found.insert(v);
  }
  // Each spelling with one glyph read twice fewer, once (dropping either
  // of "OO" gives one spelling).
  auto read_once = [](const std::set<std::string>& from) {
    std::set<std::string> out;
    for (const std::string& s : from) {
      for (size_t i = 0; i < s.size(); ++i) {
        if (AddedGlyph(s, i)) out.insert(s.substr(0, i) + s.substr(i + 1));
      }
    }
    return out;
  };
  std::set<std::string> fewer = {id};
  for (int glyphs = 1; glyphs <= 2; ++glyphs) {
    fewer = read_once(fewer);
    for (const std::string& once : fewer) {
      if (known(once)) found.insert(once);
      for (const std::string& v : ConfusionVariants(once)) {
        if (known(v)) found.insert(v);
      }
    }
  }
  return found.size() == 1 ? *found.begin() : "";
}

// True when `read` is `known` with two equal glyphs side by side read as
// one ("35466751" for 354667511, "7100001" for 71000001).
bool MergedGlyphs(const std::string& read, const std::string& known) {
  if (known.size() != read.size() + 1) return false;
  for (size_t i = 0; i + 1 < known.size(); ++i) {
    if (read.compare(0, i, known, 0, i) != 0) return false;
    if (known[i] == known[i + 1] &&
        read.compare(i, std::string::npos, known, i + 1) == 0) {
      return true;
    }
  }
  return false;
}

// True when `read` is `known` of six glyphs or more with any one glyph
// added inside it ("007699864" for 00769984, read so in a serif face at
// 300 dpi: held-out seed 977's referral). Only a correction once two other
// identifiers filed the page: any glyph may be added. One more at either
// end may be another number (a card's person code).
bool OneGlyphAdded(const std::string& read, const std::string& known) {
  if (known.size() < 6 || read.size() != known.size() + 1) return false;
  size_t i = 0;
  while (i < known.size() && read[i] == known[i]) ++i;
  return i > 0 && i < known.size() &&
         read.compare(i + 1, std::string::npos, known, i) == 0;
}

// True when `read` is `known` of six glyphs or more with any one glyph
// read as another ("121586229" for 121566229, "S74092163" for 674092163:
// a 6 whose loop the reduction or a scan's blur closed or opened, on
// pages the name and birth date filed). Only a correction once two other
// identifiers filed the page, and only of the clinic's own MRN: a member
// ID one glyph off may be another card (a dependent's, a new plan's).
bool OneGlyphOther(const std::string& read, const std::string& known) {
  if (known.size() < 6 || read.size() != known.size()) return false;
  size_t differ = 0;
  for (size_t i = 0; i < known.size(); ++i) differ += read[i] != known[i];
  return differ == 1;
}

// True when `read` is `known` of six glyphs or more with one capital read
// as two look-alike glyphs: "VI" for M ("VIBR7491258835" for
// MBR7491258835 in a geometric face's splayed M, generated seed 7373's
// clean referral), "VV" for W. Only a correction once two other
// identifiers filed the page.
bool SplitGlyph(const std::string& read, const std::string& known) {
  static constexpr std::pair<std::string_view, char> kSplit[] = {{"VI", 'M'},
                                                                 {"VV", 'W'}};
  if (known.size() < 6 || read.size() != known.size() + 1) return false;
  size_t i = 0;
  while (i < known.size() && read[i] == known[i]) ++i;
  if (i == known.size() ||
      read.compare(i + 2, std::string::npos, known, i + 1) != 0) {
    return false;
  }
  const std::string_view pair = std::string_view(read).substr(i, 2);
  return std::any_of(std::begin(kSplit), std::end(kSplit), [&](const auto& s) {
    return s.first == pair && s.second == known[i];
  });
}

// True when `read` is `known` without its leading letters (one to three,
// before digits): a fill-in line's rule or a card's edge took them
// ("907845580" for W907845580). Any other glyph lost may be another card.
bool LostLetterPrefix(const std::string& read, const std::string& known) {
  const size_t lost = LetterPrefixLength(known);
  return lost > 0 && read.size() >= 6 &&
         known.compare(lost, std::string::npos, read) == 0;
}

// True when the name `read` has `known`'s letters in their order but its
// parts split, joined or marked otherwise: "Vander Linde" for Vanderlinde
// (a wide gap inside a surname on moderate scans, generator seeds 6464 and
// 7878), "Brandt Ellis" for Brandt-Ellis. Case alone does not count.
bool SpacedOtherwise(std::string_view read, std::string_view known) {
  auto letters = [](std::string_view text, bool keep_marks) {
    std::string out;
    for (char c : text) {
      const auto u = static_cast<unsigned char>(c);
      if (std::isalpha(u) || u >= 0x80) {
        out += static_cast<char>(std::tolower(u));
      } else if (keep_marks) {
        out += c;
      }
    }
    return out;
  };
  return letters(read, false) == letters(known, false) &&
         letters(read, true) != letters(known, true);
}

// True when two MRN readings may be one MRN under OCR confusion.
bool SameMrn(const std::string& a, const std::string& b) {
  if (a == b) return true;
  auto ra = RepairDigits(a), rb = RepairDigits(b);
  return ra && rb && *ra == *rb;
}

// "multiple_patients": the pages carry two different people's names, dates
// of birth or MRNs (a barcode MRN counts as one more reading).
bool NamesTwoPatients(const std::vector<FieldHit>& hits,
                      const std::string& barcode_mrn, std::string* why) {
  std::vector<NameKey> names;
  std::vector<std::string> dobs, mrns;
  if (!barcode_mrn.empty()) mrns.push_back(barcode_mrn);
  for (const FieldHit& h : hits) {
    if (h.confidence < kIdentityMinConfidence) continue;
    if (h.field == field::kPatientName) {
      NameKey k = NameKeyFromField(h.value);
      if (!k.empty()) names.push_back(std::move(k));
    } else if (h.field == field::kDob) {
      dobs.push_back(h.value);
    } else if (h.field == field::kMrn) {
      mrns.push_back(h.value);
    }
  }
  for (size_t i = 0; i < names.size(); ++i) {
    for (size_t j = i + 1; j < names.size(); ++j) {
      if (!MaybeSamePerson(names[i], names[j])) {
        *why = "two different patient names on the pages";
        return true;
      }
    }
  }
  for (const std::string& d : dobs) {
    if (d != dobs.front()) {
      *why = "two different dates of birth on the pages";
      return true;
    }
  }
  for (const std::string& m : mrns) {
    if (!SameMrn(m, mrns.front())) {
      *why = "two different MRNs on the document";
      return true;
    }
  }
  return false;
}

enum class MrnAgreement { kNone, kExact, kRepaired, kDifferent };

// How one registry patient fits the evidence.
struct Fit {
  const PatientRecord* patient = nullptr;
  MrnAgreement mrn = MrnAgreement::kNone;
  NameAgreement name = NameAgreement::kDifferent;
  bool has_name = false;
  bool dob_agrees = false;
  bool member_agrees = false;
  // The page's member ID, labelled or printed, is not the one the registry
  // holds for this patient (a patient may carry several cards, so alone
  // this rules nobody out).
  bool member_differs = false;
  // Another registry patient whose member ID the page's labelled one is,
  // when it is not this patient's: the page may be that patient's (a
  // look-alike of the same name whose birth date OCR misread into this
  // one's). Never filed so.
  const PatientRecord* card_holder = nullptr;
  std::string match;       // the first agreeing pair, "" when none
  bool disagrees = false;  // an identifier on the page says "not this one"
  // Filed by name+dob or name+member_id with a first name only near the
  // registry's: it may be a twin or sibling (Caleb / Calub: same surname,
  // same birth date) standing in for a patient the registry does not have.
  bool weak = false;
  // Identifiers that agree from print, not from beside a label (Printed),
  // and where the name is printed when it is one of them.
  std::vector<std::string> from_print;
  std::optional<Printed::Where> printed_name;
  bool FromPrint(std::string_view what) const {
    return std::find(from_print.begin(), from_print.end(), what) !=
           from_print.end();
  }
};

Fit Evaluate(const PatientRegistry& registry, const PatientRecord& p,
             const Evidence& e, const Printed& printed,
             const PatientRecord* by_mrn, bool repaired) {
  Fit f;
  f.patient = &p;
  if (by_mrn == &p) {
    f.mrn = repaired ? MrnAgreement::kRepaired : MrnAgreement::kExact;
  } else if (by_mrn != nullptr) {
    f.mrn = MrnAgreement::kDifferent;  // the MRN is someone else's
  } else if (e.mrn.empty() && printed.ids.count(p.mrn) > 0) {
    f.mrn = MrnAgreement::kExact;
    f.from_print.push_back("mrn");
  }
  f.has_name = !e.name.empty();
  if (f.has_name) {
    f.name = CompareNames(e.name, registry.NameOf(p));
  } else if ((f.printed_name = PrintedName(printed, p))) {
    f.has_name = true;
    f.name = NameAgreement::kExact;
    f.from_print.push_back("name");
  }
  bool name_ok = f.has_name && f.name != NameAgreement::kDifferent;
  bool first_exact = f.FromPrint("name") ||
                     (f.has_name && !e.name.first.empty() &&
                      !registry.NameOf(p).first.empty() &&
                      e.name.first.front() == registry.NameOf(p).first.front());
  if (!e.dob.empty()) {
    f.dob_agrees = e.dob == p.dob;
  } else if (printed.dates.count(p.dob) > 0) {
    f.dob_agrees = true;
    f.from_print.push_back("dob");
  }
  // A repaired member ID is half a proof, as a repaired MRN is: it agrees
  // only beside the exact name.
  if (!e.member.empty()) {
    f.member_agrees = e.member == p.member_id &&
                      (!e.member_repaired || f.name == NameAgreement::kExact);
  } else if (!p.member_id.empty() && printed.ids.count(p.member_id) > 0) {
    f.member_agrees = true;
    f.from_print.push_back("member_id");
  }
  if (!e.member.empty() && e.member != p.member_id) {
    for (const PatientRecord* q : registry.FindByMemberId(e.member)) {
      if (q != &p) f.card_holder = q;
    }
  }
  // With no member ID labelled, the one the pages print (if any) is not
  // this patient's when this patient's is not printed.
  f.member_differs = !p.member_id.empty() &&
                     (e.member.empty() ? printed.ids.count(p.member_id) == 0
                                       : e.member != p.member_id);
  // With the MRN and the birth date both exact, a damaged read of the name
  // does not say "someone else" (it proves nothing either); nor does a
  // first name read as noise beside the exact surname ("eoua M. Northcott"
  // for Leona, its word read at .05 off a fax; generated seed 7373).
  const NameKey& reg_name = registry.NameOf(p);
  const bool noise_first = e.first_name_confidence < kIdentityMinConfidence &&
                           !e.name.empty() && e.name.last == reg_name.last;
  const bool damaged_name = f.has_name && !name_ok &&
                            f.mrn == MrnAgreement::kExact && f.dob_agrees &&
                            (DamagedRead(e.name, reg_name) || noise_first);
  f.disagrees = f.mrn == MrnAgreement::kDifferent ||
                (f.has_name && !name_ok && !damaged_name) ||
                (!e.dob.empty() && !f.dob_agrees);
  // A repaired MRN is half a proof: the other identifier must be exact.
  bool mrn_name = f.mrn == MrnAgreement::kExact
                      ? name_ok
                      : f.mrn == MrnAgreement::kRepaired &&
                            f.name == NameAgreement::kExact && f.has_name;
  bool mrn_ok =
      f.mrn == MrnAgreement::kExact || f.mrn == MrnAgreement::kRepaired;
  // Print only corroborates what a labelled MRN, name or birth date says:
  // two printed identifiers may be anyone's (a guarantor's, an insured
  // parent's), and a labelled member ID may be a parent's card, beside
  // whose printed name it would prove the parent.
  const bool mrn_p = f.FromPrint("mrn"), name_p = f.FromPrint("name"),
             dob_p = f.FromPrint("dob");
  if (mrn_name && !(mrn_p && name_p)) {
    f.match = "mrn+name";
  } else if (mrn_ok && f.dob_agrees && !(mrn_p && dob_p)) {
    f.match = "mrn+dob";
  } else if (name_ok && f.dob_agrees && !(name_p && dob_p)) {
    f.match = "name+dob";
  } else if (name_ok && f.member_agrees && !name_p) {
    f.match = "name+member_id";
  }
  f.weak =
      (f.match == "name+dob" || f.match == "name+member_id") && !first_exact;
  return f;
}

PatientMatch Refuse(std::string reason, std::string detail);

// Filed to `f.patient` by `match` (refused as a conflict where the page's
// member ID is another registry patient's); the detail says which identifiers
// were read with an OCR repair or from print. The page's MRN and member ID
// (`e`, as read) take the registry's spelling where they are it under OCR
// confusion (the MRN also where one glyph of it reads as another), and its
// name where it was read damaged or surname first
// (`name_exact` false); identifiers no label gave are filled from print.
PatientMatch Filed(const Fit& f, const std::string& match, const Evidence& e,
                   const Printed& printed, bool mrn_repaired, bool name_exact) {
  const PatientRecord& p = *f.patient;
  if (f.card_holder != nullptr) {
    return Refuse("patient_conflict",
                  "the member ID " + e.member + " is registry patient " +
                      f.card_holder->id + "'s, but other identifiers say " +
                      p.id);
  }
  PatientMatch m;
  m.link.id = p.id;
  m.link.mrn = p.mrn;
  m.link.name = p.first_name + " " + p.last_name;
  m.link.match = match;
  m.detail = "matched by " + match;
  if (mrn_repaired) m.detail += " (MRN read with OCR repair)";
  if (e.member_repaired && match == "name+member_id")
    m.detail += " (member ID read with OCR repair)";
  // Also where the page prints the registry's spelling itself and the
  // label's reading took only part of it ("Chart #: 7087005 18"), or where
  // OCR read one glyph twice, added one, read two equal glyphs as one or
  // one as two look-alikes, or lost its letter prefix.
  auto misread = [&](const std::string& read, const std::string& known) {
    return ConfusableWith(read, known, /*filed=*/true) ||
           DoubledGlyph(read, known, /*filed=*/true) ||
           OneGlyphAdded(read, known) || MergedGlyphs(read, known) ||
           SplitGlyph(read, known) || LostLetterPrefix(read, known) ||
           (!read.empty() && read != known && printed.ids.count(known) > 0);
  };
  if (misread(e.mrn, p.mrn) || OneGlyphOther(e.mrn, p.mrn)) {
    m.corrected_fields[std::string(field::kMrn)] = p.mrn;
  }
  if (!p.member_id.empty() && misread(e.member_read, p.member_id)) {
    m.corrected_fields[std::string(field::kMemberId)] = p.member_id;
  }
  if (!e.name.empty() &&
      (!name_exact || SpacedOtherwise(e.name_read, m.link.name))) {
    m.corrected_fields[std::string(field::kPatientName)] = m.link.name;
  }
  std::string printed_ids;  // of the agreeing pair
  for (const std::string& what : f.from_print) {
    if (match.find(what) != std::string::npos) printed_ids += " " + what;
  }
  if (!printed_ids.empty()) {
    m.detail += " (printed without a readable label:" + printed_ids + ")";
  }
  auto fill = [&](std::string_view field, const std::string& value,
                  const Printed::Where& where) {
    m.printed_fields[std::string(field)] =
        Field{{value}, false, where.confidence, where.page};
  };
  if (f.printed_name) fill(field::kPatientName, m.link.name, *f.printed_name);
  if (auto it = printed.dates.find(p.dob);
      e.dob.empty() && it != printed.dates.end()) {
    fill(field::kDob, p.dob, it->second);
  }
  if (auto it = printed.ids.find(p.mrn);
      e.mrn.empty() && it != printed.ids.end()) {
    fill(field::kMrn, p.mrn, it->second);
  }
  if (auto it = printed.ids.find(p.member_id);
      e.member.empty() && !p.member_id.empty() && it != printed.ids.end()) {
    fill(field::kMemberId, p.member_id, it->second);
  }
  return m;
}

// The highest confidence of the page words spelling `first` (a folded
// first name, NameWords); 1 where no word spells it (imported text
// without word boxes; a name no one word holds): then nothing says OCR
// read it as noise.
double FirstSure(const std::vector<Page>& pages, const std::string& first) {
  double best = -1;
  for (const Page& page : pages) {
    for (const Word& w : page.words) {
      const std::vector<std::string> words =
          NameWords(w.text, /*join_hyphen=*/true, /*drop_initials=*/false);
      if (std::find(words.begin(), words.end(), first) != words.end()) {
        best = std::max(best, double{w.confidence});
      }
    }
  }
  return best < 0 ? 1 : best;
}

// Whether OCR read the first name of `name` surely: every page word
// spelling it scored kSureWordConfidence or more, or every one scored
// kSureWordsConfidence or more and two or more stand near the surname (a
// doctor's or a hospital's "Thomas" elsewhere is no second read of the
// patient's). Never where a word spells one of `rivals` (look-alikes'
// first names): then the page is in two minds. False without word boxes.
bool ReadSurely(const std::vector<Page>& pages, const NameKey& name,
                const std::vector<std::string>& rivals) {
  const std::string& first = name.first.front();
  const std::string& surname = name.last.back();
  auto has = [](const std::vector<std::string>& words, const std::string& w) {
    return std::find(words.begin(), words.end(), w) != words.end();
  };
  double lowest = 1;
  int reads = 0, near_surname = 0;
  for (const Page& page : pages) {
    // Folded as first names are ("Mary-Jane": "maryjane") and as surnames
    // are ("Garcia-Lopez": "garcia", "lopez").
    std::vector<std::vector<std::string>> words, surname_words;
    for (const Word& w : page.words) {
      words.push_back(
          NameWords(w.text, /*join_hyphen=*/true, /*drop_initials=*/false));
      surname_words.push_back(
          NameWords(w.text, /*join_hyphen=*/false, /*drop_initials=*/false));
    }
    for (size_t i = 0; i < words.size(); ++i) {
      for (const std::string& rival : rivals) {
        if (rival != first && has(words[i], rival)) return false;
      }
      if (!has(words[i], first)) continue;
      lowest = std::min(lowest, double{page.words[i].confidence});
      ++reads;
      // Within three words ("Last Name Northcott First Name Odette"), the
      // surname read as it is or under small OCR damage ("Northeott" off a
      // fax): the person is named there, whoever the letters prove.
      for (size_t j = i > 3 ? i - 3 : 0; j <= i + 3 && j < words.size(); ++j) {
        if (j == i) continue;
        if (std::any_of(
                surname_words[j].begin(), surname_words[j].end(),
                [&](const std::string& w) { return Near(w, surname); })) {
          ++near_surname;
          break;
        }
      }
    }
  }
  return reads > 0 && (lowest >= kSureWordConfidence ||
                       (near_surname >= 2 && lowest >= kSureWordsConfidence));
}

PatientMatch Refuse(std::string reason, std::string detail) {
  PatientMatch m;
  m.reasons = {std::move(reason)};
  m.detail = std::move(detail);
  return m;
}

// The one spelling of `mrn` with the registry's MRN shape (HasMrnShape)
// that OCR could have read as it is, mending only letters it makes of
// digits: each such letter kept, read back as its digit, or dropped where
// it stands beside that digit (read twice: "MRO0031774"). The digits stay
// as read. "" when no letter is mended, or none or several fit.
std::string ReshapedMrn(const std::string& mrn,
                        const PatientRegistry& registry) {
  std::vector<std::string> spellings = {""};
  bool mended = false;
  for (size_t i = 0; i < mrn.size(); ++i) {
    std::string as;  // what the glyph at i may be: itself, digits, nothing
    as += mrn[i];
    auto it = ConfusableSwaps().find(mrn[i]);
    if (std::isalpha(static_cast<unsigned char>(mrn[i])) &&
        it != ConfusableSwaps().end()) {
      for (char d : it->second) {
        if (std::isdigit(static_cast<unsigned char>(d))) as += d;
      }
    }
    const bool drop = as.size() > 1 && ReadTwice(mrn, i);
    mended |= as.size() > 1;
    std::vector<std::string> next;
    for (const std::string& s : spellings) {
      for (char c : as) next.push_back(s + c);
      if (drop) next.push_back(s);
      if (next.size() > 4096) return "";
    }
    spellings = std::move(next);
  }
  if (!mended) return "";
  std::set<std::string> fit;
  for (const std::string& s : spellings) {
    if (s != mrn && registry.HasMrnShape(s)) fit.insert(s);
  }
  return fit.size() == 1 ? *fit.begin() : "";
}

// MatchPatient's decision, before the MRN's shape is looked at.
PatientMatch Match(const PatientRegistry& registry,
                   const std::vector<Page>& pages,
                   const std::map<std::string, Field>& fields,
                   const FieldOptions& options) {
  Evidence e;
  e.name_read = FirstValue(fields, field::kPatientName);
  e.name = NameKeyFromField(e.name_read);
  if (!e.name.empty()) {
    e.first_name_confidence = FirstSure(pages, e.name.first.front());
  }
  e.dob = FirstValue(fields, field::kDob);
  double mrn_confidence = 0;
  e.mrn = IdKey(FirstValue(fields, field::kMrn, &mrn_confidence));
  e.member = e.member_read = IdKey(FirstValue(fields, field::kMemberId));
  // Capture reports a patient-label barcode as an MRN of confidence 1; OCR
  // never reaches 1 (its base confidences are below it).
  std::string barcode = mrn_confidence >= 1.0 ? e.mrn : "";

  if (!e.member.empty() && registry.FindByMemberId(e.member).empty()) {
    std::string repair = OneKnownRepair(e.member, [&](const std::string& v) {
      return !registry.FindByMemberId(v).empty();
    });
    // Its letter prefix lost on a fill-in line ("5395858402" for
    // Q5395858402): one registry card so ending, read in full otherwise.
    if (repair.empty() && e.member.size() >= 6 &&
        std::isdigit(static_cast<unsigned char>(e.member[0]))) {
      const std::vector<const PatientRecord*> cards =
          registry.FindByMemberIdDigits(e.member);
      if (cards.size() == 1) repair = cards.front()->member_id;
    }
    if (!repair.empty()) {
      e.member = std::move(repair);
      e.member_repaired = true;
    }
  }

  const std::vector<PageLines> lines = BuildLines(pages);
  std::vector<FieldHit> hits = FindFieldHits(lines, Today(), options);
  if (std::string why; NamesTwoPatients(hits, barcode, &why)) {
    return Refuse("multiple_patients", why);
  }

  // The MRN's patient: verbatim, else the one registry MRN an OCR repair
  // reaches (two reachable: no proof, no MRN).
  const PatientRecord* by_mrn = nullptr;
  bool repaired = false;
  bool mrn_unknown = false;
  if (!e.mrn.empty()) {
    by_mrn = registry.FindByMrn(e.mrn);
    bool read_repaired = std::any_of(hits.begin(), hits.end(), [&](auto& h) {
      return h.field == field::kMrn && h.value == e.mrn && h.repaired;
    });
    if (by_mrn != nullptr && read_repaired && barcode.empty()) repaired = true;
    if (by_mrn == nullptr && barcode.empty()) {
      std::string repair = OneKnownRepair(e.mrn, [&](const std::string& v) {
        return registry.FindByMrn(v) != nullptr;
      });
      if (!repair.empty()) {
        by_mrn = registry.FindByMrn(repair);
        repaired = true;
      }
    }
    mrn_unknown = by_mrn == nullptr;
  }

  // Everyone any identifier could mean.
  std::set<const PatientRecord*> candidates;
  if (by_mrn != nullptr) candidates.insert(by_mrn);
  if (!e.dob.empty()) {
    for (const PatientRecord* p : registry.FindByDob(e.dob))
      candidates.insert(p);
  }
  if (!e.member.empty()) {
    for (const PatientRecord* p : registry.FindByMemberId(e.member))
      candidates.insert(p);
  }
  if (!e.name.empty()) {
    std::string last;
    for (const std::string& w : e.name.last) last += w + " ";
    for (const PatientRecord* p : registry.FindByLastName(last))
      candidates.insert(p);
  }

  // Print also names candidates: a labelled name damaged in its surname
  // ("Szubo" for Szabo) finds no one by itself. Each still needs a
  // labelled identifier that agrees (Evaluate).
  const Printed printed = ReadPrinted(lines);
  for (const auto& [id, where] : printed.ids) {
    if (e.mrn.empty()) {
      if (const PatientRecord* p = registry.FindByMrn(id)) candidates.insert(p);
    }
    if (e.member.empty()) {
      for (const PatientRecord* p : registry.FindByMemberId(id))
        candidates.insert(p);
    }
  }
  if (e.dob.empty()) {
    for (const auto& [d, where] : printed.dates) {
      for (const PatientRecord* p : registry.FindByDob(d)) candidates.insert(p);
    }
  }
  std::vector<Fit> supported;  // at least one agreeing pair
  const Fit* clean = nullptr;  // supported and contradicted by nothing
  int clean_count = 0;
  for (const PatientRecord* p : candidates) {
    Fit f = Evaluate(registry, *p, e, printed, by_mrn, repaired);
    if (!f.match.empty()) supported.push_back(f);
  }
  for (const Fit& f : supported) {
    if (!f.disagrees) {
      clean = &f;
      ++clean_count;
    }
  }
  if (by_mrn != nullptr) {
    Fit f = Evaluate(registry, *by_mrn, e, printed, by_mrn, repaired);
    if (f.disagrees) {
      return Refuse("patient_conflict",
                    "MRN " + e.mrn + " is registry patient " + by_mrn->id +
                        ", whose " +
                        (f.has_name && f.name == NameAgreement::kDifferent
                             ? "name"
                             : "date of birth") +
                        " differs from the document's");
    }
  }
  if (clean_count > 1) {
    // Look-alikes (twins: same surname and birth date, first names a letter
    // apart) that the member ID tells apart: it is exactly one candidate's,
    // read beside that candidate's exact name, and every other candidate
    // holds another member ID.
    const Fit* by_member = nullptr;
    bool others_ruled_out = true;
    for (const Fit& f : supported) {
      if (f.disagrees) continue;
      if (f.member_agrees && by_member == nullptr) {
        by_member = &f;
      } else if (!f.member_differs) {
        others_ruled_out = false;
      }
    }
    if (by_member != nullptr && others_ruled_out &&
        by_member->name == NameAgreement::kExact) {
      PatientMatch m = Filed(*by_member, "name+member_id", e, printed,
                             /*mrn_repaired=*/false, /*name_exact=*/true);
      if (m.reasons.empty())
        m.detail += " (the member ID tells look-alikes apart)";
      return m;
    }
    // So does an MRN printed where its label was unreadable ("MRK
    // 485833717"): everyone has one, and only this look-alike's is there.
    const Fit* by_printed_mrn = nullptr;
    int printed_mrns = 0;
    for (const Fit& f : supported) {
      if (!f.disagrees && f.FromPrint("mrn")) {
        by_printed_mrn = &f;
        ++printed_mrns;
      }
    }
    if (printed_mrns == 1 && by_printed_mrn->name == NameAgreement::kExact) {
      PatientMatch m = Filed(*by_printed_mrn, by_printed_mrn->match, e, printed,
                             /*mrn_repaired=*/false,
                             /*name_exact=*/true);
      if (m.reasons.empty())
        m.detail += " (the printed MRN tells look-alikes apart)";
      return m;
    }
    // Twins one letter apart (Lucas / Luces): the one whose name the page
    // spells exactly, when OCR read that first name surely (ReadSurely) and
    // the twin's nowhere. A misread letter that lands on the twin's
    // spelling is read unsurely, and not twice the same way.
    const Fit* exact = nullptr;
    bool others_near = true;
    std::vector<std::string> rivals;
    for (const Fit& f : supported) {
      if (f.disagrees) continue;
      if (f.name == NameAgreement::kExact && exact == nullptr) {
        exact = &f;
      } else if (f.name != NameAgreement::kClose) {
        others_near = false;
      } else {
        rivals.push_back(registry.NameOf(*f.patient).first.front());
      }
    }
    if (exact != nullptr && others_near &&
        ReadSurely(pages, registry.NameOf(*exact->patient), rivals)) {
      PatientMatch m = Filed(*exact, exact->match, e, printed, repaired,
                             /*name_exact=*/true);
      if (m.reasons.empty()) {
        m.detail +=
            " (the exact first name, read surely, tells look-alikes apart)";
      }
      return m;
    }
    std::string ids;
    for (const Fit& f : supported) ids += " " + f.patient->id;
    return Refuse("patient_conflict",
                  "the identifiers fit more than one registry patient:" + ids);
  }
  if (clean == nullptr) {
    if (!supported.empty()) {
      return Refuse("patient_conflict",
                    "identifiers agree on registry patient " +
                        supported.front().patient->id +
                        " but another identifier on the document disagrees");
    }
    return Refuse("no_patient_match",
                  mrn_unknown
                      ? "MRN " + e.mrn + " is not in the registry"
                      : "no two identifiers agree on a registry patient");
  }
  // Look-alikes: a near name must not be someone else's exact name (unless
  // the date of birth rules that person out).
  if (clean->name == NameAgreement::kClose) {
    for (const PatientRecord* q : candidates) {
      if (q == clean->patient) continue;
      if (CompareNames(e.name, registry.NameOf(*q)) == NameAgreement::kExact &&
          (e.dob.empty() || q->dob == e.dob)) {
        return Refuse("patient_conflict",
                      "the name is registry patient " + q->id +
                          "'s exactly but other identifiers say " +
                          clean->patient->id);
      }
    }
  }
  if (clean->weak) {
    return Refuse(
        "no_patient_match",
        "only a near first name and " +
            std::string(clean->match == "name+dob" ? "the birth date"
                                                   : "the member ID") +
            " agree with registry patient " + clean->patient->id);
  }
  const NameKey& name = registry.NameOf(*clean->patient);
  if (clean->FromPrint("name") && clean->match == "name+dob") {
    // Only a look-alike's letter tells the name apart (twins Lucas / Luces
    // share surname and birth date): it must be read surely, as above.
    for (const PatientRecord* q : registry.FindByDob(clean->patient->dob)) {
      if (q != clean->patient &&
          CompareNames(name, registry.NameOf(*q)) !=
              NameAgreement::kDifferent &&
          !ReadSurely(pages, name, {registry.NameOf(*q).first.front()})) {
        return Refuse("patient_conflict",
                      "the printed name and birth date fit registry patients " +
                          clean->patient->id + " and " + q->id);
      }
    }
  }
  return Filed(*clean, clean->match, e, printed, repaired,
               clean->name == NameAgreement::kExact);
}

}  // namespace

PatientMatch MatchPatient(const PatientRegistry& registry,
                          const std::vector<Page>& pages,
                          const std::map<std::string, Field>& fields,
                          const FieldOptions& options) {
  PatientMatch m = Match(registry, pages, fields, options);
  double confidence = 0;
  const std::string mrn = IdKey(FirstValue(fields, field::kMrn, &confidence));
  // A barcode's MRN (confidence 1) was not read by OCR.
  if (m.link.match == "none" && !mrn.empty() && confidence < 1.0 &&
      !registry.HasMrnShape(mrn)) {
    m.reshaped_mrn = ReshapedMrn(mrn, registry);
  }
  return m;
}

}  // namespace intake::classify
