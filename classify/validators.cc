#include "classify/validators.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <initializer_list>
#include <set>
#include <vector>

namespace intake::classify {
namespace {

bool IsDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)); }
bool IsAlpha(char c) { return std::isalpha(static_cast<unsigned char>(c)); }
bool IsUpper(char c) { return std::isupper(static_cast<unsigned char>(c)); }
bool IsLower(char c) { return std::islower(static_cast<unsigned char>(c)); }
char Upper(char c) {
  return static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
}
char Lower(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}
std::string LowerString(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = Lower(c);
  return out;
}

// Strips punctuation that OCR and print attach to a value: "E11.9," "(99213)".
std::string_view Trim(std::string_view s) {
  auto strip = [](char c) {
    return c == ',' || c == ';' || c == '(' || c == ')' || c == '[' ||
           c == ']' || c == '{' || c == '}' || c == '|' || c == '"' ||
           c == '\'' || c == '*' || c == ':' || c == '_';  // a fill-in rule
  };
  // Marks of more than a byte that print or OCR put at a value's ends:
  // curly quotes (‘ ’ “ ”), and specks or box edges read as guillemets
  // ("\u00abJan Zi, 1963", a severe consent's birth date, generator seed
  // 11818) or a copyright sign ("\u00a9WMN830674681", a clean card's member
  // ID, held-out seed 1123).
  static constexpr std::string_view kMarks[] = {
      "\u2018", "\u2019", "\u201c", "\u201d", "\u00ab", "\u00bb", "\u00a9"};
  for (bool more = true; more;) {
    more = false;
    while (!s.empty() && strip(s.front())) s.remove_prefix(1);
    while (!s.empty() && (strip(s.back()) || s.back() == '.')) {
      s.remove_suffix(1);
    }
    for (std::string_view mark : kMarks) {
      if (s.starts_with(mark)) {
        s.remove_prefix(mark.size());
        more = true;
      }
      if (s.ends_with(mark)) {
        s.remove_suffix(mark.size());
        more = true;
      }
    }
    // A speck after a value read as a degree sign ("A.D64.9°" on a
    // clean claim, held-out seed 1091): no value of ours ends in one.
    if (s.size() > 2 && s.ends_with("\u00b0")) {
      s.remove_suffix(2);
      more = true;
    }
  }
  return s;
}

int ToInt(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

bool IsRealDate(const CivilDate& d, const CivilDate& today) {
  using namespace std::chrono;
  year_month_day ymd{year{d.year}, month{static_cast<unsigned>(d.month)},
                     day{static_cast<unsigned>(d.day)}};
  return ymd.ok() && d.year >= 1900 && d <= today;
}

std::string Format(const CivilDate& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

int ExpandYear(std::string_view y, const CivilDate& today) {
  int v = ToInt(y);
  if (y.size() == 4) return v;
  return 2000 + v <= today.year ? 2000 + v : 1900 + v;
}

constexpr std::array<std::string_view, 12> kMonths = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};

// 1-12 for an English month name or its 3/4-letter abbreviation ("Sept").
int MonthNumber(std::string_view word) {
  // "-Apr": a fill-in line's dash glued before it; "Apr.": abbreviated.
  std::string_view t = Trim(word);
  while (!t.empty() && (t.front() == '-' || t.front() == '_'))
    t.remove_prefix(1);
  if (t.ends_with('.')) t.remove_suffix(1);
  std::string w = LowerString(t);
  if (w.size() < 3) return 0;
  for (size_t i = 0; i < kMonths.size(); ++i) {
    if (kMonths[i] == w ||
        (w.size() <= 4 && kMonths[i].substr(0, w.size()) == w))
      return static_cast<int>(i) + 1;
  }
  return 0;
}

// The month a misread month word stands for: one letter off exactly one
// month's name or three-letter abbreviation ("Dee" -> 12, "0ct" -> 10;
// "Jut" is July or June: 0). 0 for a month spelled right: MonthNumber reads
// it.
int MisreadMonth(std::string_view word) {
  std::string w = LowerString(Trim(word));
  if (w.size() < 3 || MonthNumber(w) > 0) return 0;
  for (char& c : w) {
    if (c == '0') c = 'o';
    if (!std::islower(static_cast<unsigned char>(c))) return 0;
  }
  auto one_off = [](std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    int diff = 0;
    for (size_t i = 0; i < a.size(); ++i) diff += a[i] != b[i];
    return diff <= 1;
  };
  // Also with an m read as two glyphs ("Septeniber", generator seed 9999's
  // severe lab report): one pair put back at a time.
  std::vector<std::string> readings = {w};
  for (std::string_view pair : {"rn", "ni", "in"}) {
    for (size_t at = w.find(pair); at != std::string::npos;
         at = w.find(pair, at + 1)) {
      readings.push_back(w.substr(0, at) + "m" + w.substr(at + 2));
    }
  }
  int found = 0;
  for (size_t i = 0; i < kMonths.size(); ++i) {
    for (const std::string& r : readings) {
      if (one_off(r, kMonths[i]) || one_off(r, kMonths[i].substr(0, 3))) {
        if (found != 0 && found != static_cast<int>(i) + 1) return 0;
        found = static_cast<int>(i) + 1;
      }
    }
  }
  return found;
}

// A day of the month without its ordinal ending ("14th" -> "14"); any
// other word trimmed.
std::string_view DayOf(std::string_view word) {
  std::string_view w = Trim(word);
  if (w.size() >= 3 && w.size() <= 4 && IsDigit(w[0])) {
    std::string end = LowerString(w.substr(w.size() - 2));
    if (end == "st" || end == "nd" || end == "rd" || end == "th") {
      return w.substr(0, w.size() - 2);
    }
  }
  return w;
}

// A figure a 0 is misread as off a severe scan or a fax (a 0 with a mark on
// or in its loop).
bool MisreadZero(char c) { return c == '9' || c == '6' || c == '8'; }

// In a numeric month-first date, a two-digit month or day no calendar has
// whose first figure is one a 0 is misread as (9, 6, 8) takes the 0 back,
// where the other of the two is a month or a day as read. Returns whether
// `date` changed.
bool RepairLeadingZeros(std::string* date) {
  const size_t first = date->find_first_of("/-.");
  const size_t second = date->find_first_of("/-.", first + 1);
  if (first != 2 || second == std::string::npos) return false;
  const std::string_view month = std::string_view(*date).substr(0, first);
  const std::string_view day =
      std::string_view(*date).substr(first + 1, second - first - 1);
  if (!AllDigits(month) || !AllDigits(day) || day.empty()) return false;
  const int m = ToInt(month), d = ToInt(day);
  if (m > 12 && MisreadZero(month[0]) && d >= 1 && d <= 31) {
    (*date)[0] = '0';
    return true;
  }
  if (d > 31 && day.size() == 2 && MisreadZero(day[0]) && m >= 1 && m <= 12) {
    (*date)[first + 1] = '0';
    return true;
  }
  return false;
}

// In a numeric date ending in a four-figure year after `today`'s whose
// last three figures hold one 9, 6 or 8, that figure, in the middle two,
// read as the 0 it gives a year from 1900 to today's by. Returns whether
// `date` changed.
bool RepairFutureYear(std::string* date, const CivilDate& today) {
  const size_t sep = date->find_last_of("/-.");
  if (sep == std::string::npos || date->size() != sep + 5) return false;
  const std::string_view year = std::string_view(*date).substr(sep + 1);
  if (!AllDigits(year) || ToInt(year) <= today.year) return false;
  // "2626" for 2020: where more of its figures may be 0s so misread, one
  // repaired is no proof.
  if (std::count_if(year.begin() + 1, year.end(), MisreadZero) != 1) {
    return false;
  }
  const size_t at =
      std::find_if(year.begin() + 1, year.end(), MisreadZero) - year.begin();
  if (at == 3) return false;  // only a middle figure is repaired
  std::string candidate(year);
  candidate[at] = '0';
  const int y = ToInt(candidate);
  if (y < 1900 || y > today.year) return false;
  (*date)[sep + 1 + at] = '0';
  return true;
}

// "03/14/1962", "1962-03-14", "3-14-62", "14-Mar-1962": one token.
std::optional<CivilDate> NumericDate(std::string_view token,
                                     const CivilDate& today) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t i = 0; i <= token.size(); ++i) {
    if (i == token.size() || token[i] == '/' || token[i] == '-' ||
        token[i] == '.') {
      parts.push_back(token.substr(start, i - start));
      start = i + 1;
    }
  }
  if (parts.size() == 1) {
    // "02APR1968", "2Apr1968": day, month word and year printed without a
    // separator (or OCR lost the spaces).
    size_t m = token.find_first_not_of("0123456789");
    size_t y = token.find_first_of("0123456789", m);
    if (m < 1 || m > 2 || y == token.npos || y - m < 3 || y - m > 4 ||
        !AllDigits(token.substr(y)) ||
        (token.size() - y != 4 && token.size() - y != 2)) {
      return std::nullopt;
    }
    const int month = MonthNumber(token.substr(m, y - m));
    if (month == 0) return std::nullopt;
    CivilDate d{ExpandYear(token.substr(y), today), month,
                ToInt(token.substr(0, m))};
    if (!IsRealDate(d, today)) return std::nullopt;
    return d;
  }
  if (parts.size() != 3) return std::nullopt;
  CivilDate d;
  if (parts[0].size() == 4 && AllDigits(parts[0]) && AllDigits(parts[1]) &&
      AllDigits(parts[2]) && parts[1].size() <= 2 && parts[2].size() <= 2) {
    d = {ToInt(parts[0]), ToInt(parts[1]), ToInt(parts[2])};
  } else if (AllDigits(parts[0]) && parts[0].size() <= 2 &&
             MonthNumber(parts[1]) > 0 && AllDigits(parts[2]) &&
             (parts[2].size() == 4 || parts[2].size() == 2)) {
    d = {ExpandYear(parts[2], today), MonthNumber(parts[1]), ToInt(parts[0])};
  } else if (AllDigits(parts[0]) && AllDigits(parts[1]) &&
             AllDigits(parts[2]) && parts[0].size() <= 2 &&
             parts[1].size() <= 2 &&
             (parts[2].size() == 4 || parts[2].size() == 2)) {
    d = {ExpandYear(parts[2], today), ToInt(parts[0]), ToInt(parts[1])};
    // Day first where nothing else can be meant ("14/03/1962").
    if (d.month > 12 && d.day <= 12) std::swap(d.month, d.day);
  } else {
    return std::nullopt;
  }
  if (!IsRealDate(d, today)) return std::nullopt;
  return d;
}

// Name words that end a name: form vocabulary that follows a name on a line.
bool IsNameStopWord(const std::string& lower) {
  static const std::set<std::string> kStop = {
      "address", "age", "dob", "birth", "date", "sex", "gender", "male",
      "female", "mrn", "phone", "form", "report", "patient", "name",
      "signature", "id", "member", "group", "policy", "insurance",
      "information", "registration", "account", "acct", "provider", "physician",
      "ssn", "room", "the", "and", "of", "for", "to", "n/a", "none", "unknown",
      "first", "last", "middle", "initial", "street", "city", "state", "zip",
      "plan", "number",
      // A letter's subject line ("Re: Referral for cardiology"), not a name.
      "re", "regarding", "your", "our", "my", "on", "in", "at", "with", "from",
      "by", "referral", "appointment", "visit", "results", "request", "follow",
      "consult", "consultation", "evaluation", "letter", "records",
      // A plan's or an organisation's name where a damaged label let it in.
      "hmo", "ppo", "epo", "hsa", "hdhp", "standard", "select", "premier",
      "advantage", "plus", "access", "choice", "medicare", "medicaid", "health",
      "healthcare", "care", "clinic", "hospital", "medical", "center", "centre",
      "partners", "associates", "laboratory", "laboratories", "imaging",
      "pharmacy",
      // An EOB's service table, whose "Member Resp." column heads a row
      // "Billed Allowed Member Paid Remark".
      "billed", "allowed", "paid", "remark", "remarks", "resp", "amount",
      "charges", "deductible", "copay", "coinsurance", "total", "totals",
      "balance", "description",
      // Prose after a label: "Patient: She reports pain".
      "he", "she", "they", "we", "his", "her", "their", "who", "was", "is",
      "has", "had", "seen", "presents", "reports", "states", "denies",
      "complains"};
  return kStop.count(lower) > 0;
}

bool IsTitle(const std::string& lower) {
  return lower == "mr" || lower == "mrs" || lower == "ms" || lower == "miss" ||
         lower == "dr";
}
bool IsSuffix(const std::string& lower) {
  return lower == "jr" || lower == "sr" || lower == "ii" || lower == "iii" ||
         lower == "iv" || lower == "md" || lower == "do" || lower == "phd";
}
bool IsParticle(const std::string& lower) {
  static const std::set<std::string> kParticles = {
      "de",  "del", "della", "la",     "le",     "van",  "von", "der",
      "den", "da",  "di",    "du",     "st",     "dos",  "das", "ten",
      "ter", "bin", "al",    "vander", "vanden", "vande"};
  return kParticles.count(lower) > 0;
}

// Title case for all-caps or all-lowercase words ("MCDONALD" -> "McDonald",
// "O'BRIEN" -> "O'Brien", "SMITH-JONES" -> "Smith-Jones"); mixed-case words
// are kept as printed.
std::string TitleCase(const std::string& word) {
  bool has_upper = std::any_of(word.begin(), word.end(), IsUpper);
  bool has_lower = std::any_of(word.begin(), word.end(), IsLower);
  if (has_upper && has_lower) return word;
  std::string out = LowerString(word);
  bool start = true;
  for (size_t i = 0; i < out.size(); ++i) {
    if (start && IsAlpha(out[i])) out[i] = Upper(out[i]);
    start = out[i] == '-' || out[i] == '\'';
  }
  if (out.size() > 3 && out[0] == 'M' && out[1] == 'c') out[2] = Upper(out[2]);
  return out;
}

// A name word's marks as OCR prints them made plain: the apostrophe (’ ‘ `
// ´; "O’Hara" -> "O'Hara"), and an l read as '!' after a letter
// ("Danie!" -> "Daniel"), or an I after capitals ("ME!" -> "MEI", held-out
// seed 563).
std::string PlainNameMarks(const std::string& word) {
  std::string out;
  for (size_t i = 0; i < word.size(); ++i) {
    if (word[i] == '!' && !out.empty() && IsAlpha(out.back())) {
      const bool capitals =
          out.size() >= 2 && std::all_of(out.begin(), out.end(), IsUpper);
      out += capitals ? 'I' : 'l';
    } else if (word.compare(i, 3, "\u2019") == 0 ||
               word.compare(i, 3, "\u2018") == 0) {
      out += '\'';
      i += 2;
    } else if (word.compare(i, 2, "\u00b4") == 0) {
      out += '\'';
      i += 1;
    } else {
      out += word[i] == '`' ? '\'' : word[i];
    }
  }
  return out;
}

struct NameWord {
  std::string text;  // letters, '-' and '\'' only
  bool comma_after = false;
};

// Words that end an organisation's name, not a person's: "Lone Pine
// Health Cooperative", "Harbor Medical Group". ("Medical" before "Record"
// is a label.)
bool IsOrganisationWord(const std::string& lower) {
  static const std::set<std::string> kWords = {
      "health",      "healthcare", "care",         "clinic",     "clinics",
      "hospital",    "medical",    "center",       "centre",     "partners",
      "associates",  "laboratory", "laboratories", "imaging",    "pharmacy",
      "cooperative", "group",      "network",      "alliance",   "system",
      "systems",     "services",   "physicians",   "foundation", "institute"};
  return kWords.count(lower) > 0;
}

// Reads name words until one that cannot be part of a name. `*organisation`
// is set where two organisation words end the line read, or one ends it
// ("Lone Pine Health Cooperative"): what was read names a firm.
std::vector<NameWord> ReadNameWords(const std::vector<std::string>& words,
                                    bool* saw_comma,
                                    bool* organisation = nullptr) {
  std::vector<NameWord> out;
  *saw_comma = false;
  if (organisation != nullptr) *organisation = false;
  // "Marchetti; Brooke": a surname's comma read as a semicolon, between
  // two capitalised words.
  auto comma_read_semicolon = [&](size_t i) {
    return words[i].size() > 1 && words[i].ends_with(';') &&
           IsUpper(words[i][0]) && i + 1 < words.size() &&
           !words[i + 1].empty() && IsUpper(words[i + 1][0]);
  };
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& raw = words[i];
    // "once daily; side effects": else a semicolon ends a name (prose
    // below a label that ended a line of prose).
    if (i > 0 && words[i - 1].ends_with(';') && !comma_read_semicolon(i - 1))
      break;
    if (raw == ",") {
      if (out.empty() || *saw_comma) break;
      out.back().comma_after = *saw_comma = true;
      continue;
    }
    std::string w = PlainNameMarks(raw);
    // OCR glues marks to a name: a dash or quote before it ("—Rivera,"),
    // a quote after it ("Daniel’,"). Digits stay: they end the name.
    size_t lead = 0;
    while (lead < w.size() && !IsAlpha(w[lead]) && !IsDigit(w[lead]) &&
           w[lead] != ',' && w[lead] != ':')
      ++lead;
    if (lead == w.size() && !w.empty()) continue;  // a stray mark: "—", "|"
    w.erase(0, lead);
    bool comma = comma_read_semicolon(i), period = false;
    while (!w.empty() && !IsAlpha(w.back()) && !IsDigit(w.back()) &&
           w.back() != ':') {
      comma |= w.back() == ',';
      period |= w.back() == '.';
      w.pop_back();
    }
    if (!w.empty() && w.back() == ':') break;  // the next label
    if (w.empty() || !IsAlpha(w.front())) break;
    // "Blackwood, FranklinE.": a middle initial glued to the first name.
    const bool glued_initial = w.size() >= 4 && IsUpper(w.back()) &&
                               std::all_of(w.begin() + 1, w.end() - 1, IsLower);
    // "JASPER.J. WHITCOMBE": the space before a middle initial lost.
    if (period && w.size() >= 4 && w[w.size() - 2] == '.' &&
        IsUpper(w.back()) && std::all_of(w.begin(), w.end() - 2, IsAlpha)) {
      out.push_back({w.substr(0, w.size() - 2), false});
      w.erase(0, w.size() - 1);
    }
    // "Ravensworth. Harper": a surname's comma read as a period (a first
    // name is not followed by one; a title, an initial or "St." is, and so
    // is a first name with its initial glued on: "DmitriG. Walker").
    if (period && !comma && out.empty() && w.size() >= 3 && !glued_initial &&
        i + 1 < words.size()) {
      std::string lower = LowerString(w);
      comma = !IsTitle(lower) && !IsSuffix(lower) && !IsParticle(lower);
    }
    // "Daniel M, Rivera": a middle initial whose period OCR read as a comma.
    if (comma && w.size() == 1 && !out.empty() && !*saw_comma &&
        i + 1 < words.size()) {
      comma = false;
    }
    // "ELLIOT G.OKONKWO": the space after a middle initial's period lost.
    if (!out.empty() && w.size() >= 4 && IsUpper(w[0]) && w[1] == '.' &&
        IsAlpha(w[2])) {
      out.push_back({w.substr(0, 1), false});
      w.erase(0, 2);
    }
    bool ok = std::all_of(w.begin(), w.end(), [](char c) {
      return IsAlpha(c) || c == '-' || c == '\'';
    });
    if (!ok || IsNameStopWord(LowerString(w))) {
      if (organisation != nullptr && ok && !out.empty() &&
          IsOrganisationWord(LowerString(w))) {
        const std::string next =
            i + 1 < words.size() ? LowerString(Trim(words[i + 1])) : "";
        *organisation = next.empty() || IsOrganisationWord(next);
      }
      break;
    }
    // "Horace Vander linde": OCR split a capitalised word; the part in
    // small letters (no particle, title or suffix) carries it on. Not
    // where its first letter looks the same as a capital ("Yusuf
    // whitcombe": a W read small).
    if (!out.empty() && !out.back().comma_after && w.size() >= 2 &&
        std::all_of(w.begin(), w.end(), IsLower) &&
        std::string_view("cosuvwxz").find(w[0]) == std::string_view::npos &&
        out.back().text.size() >= 2 && IsUpper(out.back().text[0]) &&
        IsLower(out.back().text.back())) {
      const std::string lower = LowerString(w);
      if (!IsParticle(lower) && !IsTitle(lower) && !IsSuffix(lower)) {
        out.back().text += w;
        out.back().comma_after = comma;
        if (comma) {
          if (*saw_comma) {
            out.back().comma_after = false;
            break;
          }
          *saw_comma = true;
        }
        continue;
      }
    }
    if (glued_initial) {
      out.push_back({w.substr(0, w.size() - 1), false});
      w.erase(0, w.size() - 1);
    }
    out.push_back({w, comma});
    if (comma) {
      if (*saw_comma) {  // "Rivera, Daniel, MD": second comma ends the name
        out.back().comma_after = false;
        break;
      }
      *saw_comma = true;
    }
    if (out.size() > 6) break;
  }
  return out;
}

}  // namespace

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), IsDigit);
}

bool IsCityStateZip(std::string_view city, std::string_view state,
                    std::string_view zip) {
  // Six figures too: one read twice or a speck read as one ("Thornbury,
  // WI 227923" over a fax's group label, generator seed 11313).
  const bool zip_code =
      ((zip.size() == 5 || zip.size() == 6) && AllDigits(zip)) ||
      (zip.size() == 10 && zip[5] == '-' && AllDigits(zip.substr(0, 5)) &&
       AllDigits(zip.substr(6)));
  // A state's I or O read as a digit: "CLINTON, 1A 52739" (held-out seed
  // 433, a claim's box 7 where box 11 was looked for).
  auto letter = [](char c) { return IsUpper(c) || c == '1' || c == '0'; };
  return city.size() >= 3 && city.back() == ',' && state.size() == 2 &&
         letter(state[0]) && letter(state[1]) &&
         (IsUpper(state[0]) || IsUpper(state[1])) && zip_code;
}

CivilDate Today() {
  using namespace std::chrono;
  year_month_day ymd{floor<days>(system_clock::now())};
  return {static_cast<int>(ymd.year()), static_cast<int>(unsigned(ymd.month())),
          static_cast<int>(unsigned(ymd.day()))};
}

bool IsValidNpi(std::string_view digits) {
  if (digits.size() != 10 || !AllDigits(digits)) return false;
  if (digits[0] != '1' && digits[0] != '2') return false;
  std::string full = "80840" + std::string(digits);
  int sum = 0;
  bool dbl = false;  // doubling starts at the digit left of the check digit
  for (size_t i = full.size(); i-- > 0;) {
    int d = full[i] - '0';
    if (dbl) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    dbl = !dbl;
  }
  return sum % 10 == 0;
}

std::optional<std::string> RepairDigits(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    // A section sign, two bytes in UTF-8, is an S-shaped 5 ("\u00a7/22/2023").
    if (text.substr(i, 2) == "\u00a7") {
      c = '5';
      ++i;
    }
    switch (c) {
      case 'O':
      case 'o':
      case '@':  // "@6/24/95" off a severe scan (generator seed 5757)
        c = '0';
        break;
      case 'l':
      case 'I':
      case '|':
        c = '1';
        break;
      case 'S':
      case 's':
      case '$':
        c = '5';
        break;
      case 'B':
        c = '8';
        break;
      case 'Z':
        c = '2';
        break;
      default:
        break;
    }
    if (!IsDigit(c)) return std::nullopt;
    out += c;
  }
  return out;
}

std::optional<std::string> ParseNpi(std::string_view token, bool* repaired) {
  *repaired = false;
  std::string_view t = Trim(token);
  if (t.size() != 10) return std::nullopt;
  if (AllDigits(t)) {
    if (IsValidNpi(t)) return std::string(t);
    return std::nullopt;
  }
  // Mostly digits: a word with a few confusions, not a word that happens to
  // be ten letters long.
  if (std::count_if(t.begin(), t.end(), IsDigit) < 7) return std::nullopt;
  auto fixed = RepairDigits(t);
  if (!fixed || !IsValidNpi(*fixed)) return std::nullopt;
  *repaired = true;
  return fixed;
}

namespace {

// T08-T13 are no ICD-10-CM categories (its injuries of an unspecified body
// region are T07 and T14); I08-I13 are. Such a T is a serif I misread:
// "B. T10" for I10 in a claim's diagnosis list (held-out seed 571).
// So is a T code without the 7th character every T category but the burns
// by extent (T30-T32) needs, where its I category is one: "T48.91" for
// I48.91 in two held-out seeds' claims (661, 683). T07 (unspecified
// multiple injuries) is written short.
bool IsSerifIRead(std::string_view code) {
  if (code[0] != 'T') return false;
  const int category = (code[1] - '0') * 10 + (code[2] - '0');
  if (category >= 8 && category <= 13) return true;
  auto in = [&](int from, int to) {
    return category >= from && category <= to;
  };
  // No I03, I04, I14, I17-I19, I29, I53-I59 or I90-I94.
  const bool i_category = in(0, 2) || in(5, 13) || in(15, 16) || in(20, 28) ||
                          in(30, 52) || in(60, 89) || in(95, 99);
  return code.size() < 8 && category != 7 && !in(30, 32) && i_category;
}

// ICD-10-CM leaves these F and B categories undivided (F66, other sexual
// disorders, and B03, smallpox, are codes of three characters), and their
// E categories are divided: an F or B code of one of them with a decimal
// part is an E code whose lower bar a fax lost, or whose right side a
// severe scan closed ("F66.9" for E66.9 off the faxes of generator seeds
// 7878 and 8080; "B03.9" for E03.9, seed 8585). (The WHO's ICD-10 divides
// some of them; these are US forms.)
bool IsMisreadE(std::string_view code) {
  static constexpr int kUndividedF[] = {4,  5,  9,  21, 22, 23, 24, 28, 29,
                                        66, 70, 71, 72, 73, 79, 88, 89};
  static constexpr int kUndividedB[] = {3,  4,  9,  20, 64, 72,
                                        75, 79, 80, 86, 89};
  if ((code[0] != 'F' && code[0] != 'B') || code.size() < 5) return false;
  const int category = (code[1] - '0') * 10 + (code[2] - '0');
  auto in = [&](const auto& set) {
    return std::find(std::begin(set), std::end(set), category) != std::end(set);
  };
  return code[0] == 'F' ? in(kUndividedF) : in(kUndividedB);
}

}  // namespace

// The ICD-10-CM categories whose third character is a letter.
constexpr std::string_view kLetterCategories[] = {"C4A", "C7A", "C7B",
                                                  "D3A", "M1A", "Z3A"};

std::optional<std::string> ParseIcd10(std::string_view token, bool labelled) {
  std::string_view t = Trim(token);
  if (t.size() < 3 || t.size() > 8) return std::nullopt;
  std::string code;
  for (char c : t) code += labelled ? Upper(c) : c;
  if (!IsUpper(code[0]) || !IsDigit(code[1])) return std::nullopt;
  bool third_digit = IsDigit(code[2]);
  if (third_digit && (IsSerifIRead(code) || IsMisreadE(code))) {
    return std::nullopt;
  }
  // A letter third only in the categories that have one (ICD-10-CM's
  // neuroendocrine tumours, chronic gout, weeks of gestation): "N1B.3" is
  // N18.3 with its 8 read as a B (generator seed 9898's fax).
  if (!third_digit &&
      std::find(std::begin(kLetterCategories), std::end(kLetterCategories),
                code.substr(0, 3)) == std::end(kLetterCategories)) {
    return std::nullopt;
  }
  std::string rest = code.substr(3);
  if (!rest.empty() && rest[0] == '.') {
    rest.erase(0, 1);
    if (rest.empty()) return std::nullopt;
  } else if (!labelled) {
    return std::nullopt;  // unlabelled codes need the dot to tell them apart
  }
  if (rest.size() > 4) return std::nullopt;
  // After the dot digits, and letters only as the placeholder X or as the
  // 7th character ("S72.001A", "T14.90XA"): "R07.9B" is R07.9 with the
  // next item's letter read onto it.
  for (size_t i = 0; i < rest.size(); ++i) {
    const char c = rest[i];
    if (!IsDigit(c) && !(IsUpper(c) && (c == 'X' || i == 3))) {
      return std::nullopt;
    }
  }
  if (!third_digit && rest.empty()) return std::nullopt;
  return rest.empty() ? code.substr(0, 3) : code.substr(0, 3) + "." + rest;
}

namespace {

// `s` past the marks in `leads` at its start (a form's fill-in line or rule
// read before a value: "__E78.5", "=ENX262053787"), at least `keep`
// characters left.
std::string_view WithoutLeading(std::string_view s,
                                std::initializer_list<std::string_view> leads,
                                size_t keep) {
  for (bool more = true; more;) {
    more = false;
    for (std::string_view lead : leads) {
      if (s.size() >= lead.size() + keep && s.starts_with(lead)) {
        s.remove_prefix(lead.size());
        more = true;
      }
    }
  }
  return s;
}

// The letter OCR read as `c` where a code's letter stands ('1' for I,
// '2' for Z); `c` where it is no look-alike.
char LetterLike(char c) {
  switch (c) {
    case '1':
    case 'l':
    case '|':
    case '!':
      return 'I';
    case '0':
      return 'O';
    case '5':
      return 'S';
    case '2':
      return 'Z';
    case '8':
      return 'B';
    case '6':
      return 'G';
    case '3':  // a J's hook read as a 3's top ("345.909")
      return 'J';
    default:
      return c;
  }
}

// Whether `a` and `b` side by side are one glyph read twice: a digit and
// the letter it looks like, in either order ("O0", "5S").
bool ReadTwice(char a, char b) {
  return (IsDigit(a) && LetterLike(a) == b) ||
         (IsDigit(b) && LetterLike(b) == a);
}

}  // namespace

std::optional<std::string> RepairIcd10(std::string_view token) {
  // The hook of a J read as a brace or bracket ("}45.909", "(]06.9)"),
  // which Trim would take for one around the code, or as a parenthesis
  // before a dotted code (")45.909" on a rotated referral, generator seed
  // 10303).
  std::string hooked;
  std::string_view raw = token;
  while (!raw.empty() && raw.front() == '(') raw.remove_prefix(1);
  if (raw.size() > 3 && (raw[0] == '}' || raw[0] == ']') && IsDigit(raw[1]) &&
      IsDigit(raw[2])) {
    hooked = "J" + std::string(raw.substr(1));
  }
  if (raw.size() > 4 && raw[0] == ')' && IsDigit(raw[1]) && IsDigit(raw[2]) &&
      raw[3] == '.') {
    hooked = "J" + std::string(raw.substr(1));
  }
  // A serif I read as an opening bracket ("[10,").
  if (raw.size() > 2 && raw[0] == '[' && IsDigit(raw[1]) && IsDigit(raw[2])) {
    hooked = "I" + std::string(raw.substr(1));
  }
  std::string_view trimmed = Trim(hooked.empty() ? token : hooked);
  // A form's fill-in line read before the code ("__E78.5", "—E78.5") or
  // after it ("Ei1.9_"), and an E read as a pound or euro sign ("£78.5",
  // "€11.9").
  trimmed = WithoutLeading(trimmed, {"_", "-", "\u2014", "\u2013"}, 1);
  while (trimmed.size() > 1 && trimmed.back() == '_') trimmed.remove_suffix(1);
  std::string t(trimmed);
  // "E\u201411.9": a fill-in line's dash read between the letter and its
  // digits.
  for (std::string_view dash : {"\u2014", "\u2013", "-"}) {
    if (t.size() > dash.size() + 1 && t.compare(1, dash.size(), dash) == 0) {
      t.erase(1, dash.size());
      break;
    }
  }
  // The E read twice, as itself and as the sign ("E\u00a303.9",
  // "\u00a3E78.5").
  if (t.starts_with("E\u00a3") || t.starts_with("E\u20ac")) t.erase(0, 1);
  if (t.starts_with("\u00a3E")) t.erase(0, 2);
  if (t.starts_with("\u20acE")) t.erase(0, 3);
  // The code's letter read twice: in small before itself ("jJ44.9"), or
  // as its look-alike digit and itself ("1I10", "2Z23": held-out seed
  // 773).
  if (t.size() > 3 && IsUpper(t[1]) && IsDigit(t[2]) &&
      (t[0] == t[1] - 'A' + 'a' || (t[1] == 'I' && t[0] == 'l') ||
       (IsDigit(t[0]) && LetterLike(t[0]) == t[1]))) {
    t.erase(0, 1);
  }
  // A mark before the code read as a capital of its own ("BE11.9" for
  // "- E11.9", generator seed 6060): a code's second character is a digit,
  // so of two capitals before its digits the first is the extra one. Not
  // where the second is a digit's look-alike, read for a digit twice
  // ("MS54.50", "RO06.02").
  if (t.size() > 4 && IsUpper(t[0]) && IsUpper(t[1]) &&
      std::string_view("ABDGILOQSZ").find(t[1]) == std::string_view::npos &&
      IsDigit(t[2]) && IsDigit(t[3]) && (t[4] == '.' || t[4] == ',')) {
    t.erase(0, 1);
  }
  // An S read as a dollar sign ("($93.401A)", held-out seed 1153's mild
  // radiology report); not before an amount's two decimals ("$93.40").
  if (t.size() >= 7 && t[0] == '$' && IsDigit(t[1]) && IsDigit(t[2]) &&
      t[3] == '.') {
    t[0] = 'S';
  }
  if (t.starts_with("\u00a3")) t.replace(0, 2, "E");
  if (t.starts_with("\u20ac")) t.replace(0, 3, "E");
  // A 1 read twice, as itself and as an I ("N1I8.3", "R1IO.9"), a 0 as
  // an O and itself ("RO06.02"), or a digit twice ("N339.0"): a category
  // is a letter and two digits, so a third before the dot is one too many.
  if (t.size() > 5 && (t[4] == '.' || t[4] == ',')) {
    if (t[1] == '1' &&
        std::string_view("Iil|").find(t[2]) != std::string_view::npos) {
      t.erase(2, 1);
    } else if (ReadTwice(t[1], t[2])) {
      // "RO06.02", "MS54.50", "R0O7.9": a digit read twice, as its
      // look-alike letter and itself (held-out seed 761).
      t.erase(IsDigit(t[1]) ? 2 : 1, 1);
    } else if (IsDigit(t[2]) && ReadTwice(t[2], t[3])) {
      // "RO5S.9" (held-out seed 1249); not a letter before the digit
      // ("B1G6,9" off a fax: E66.9 after the list's "B.", generator seed
      // 8787).
      t.erase(3, 1);
    } else if (IsUpper(t[0]) && IsDigit(t[2]) &&
               (t[1] == t[2] || t[2] == t[3])) {
      t.erase(2, 1);
    } else if (IsUpper(t[0]) && (t[1] == 'I' || t[1] == 'l') && IsDigit(t[2]) &&
               IsDigit(t[3])) {
      // "MI17.11": a wide letter's last stroke read as a glyph of its own
      // (held-out seed 941).
      t.erase(1, 1);
    }
  }
  // "R07.9B": the next item's letter read onto the code, where no 7th
  // character can stand.
  if (t.size() >= 6 && t.size() < 8 && t[3] == '.' && IsUpper(t.back()) &&
      t.back() != 'X' && IsDigit(t[t.size() - 2])) {
    t.pop_back();
  }
  if (t.size() < 3 || t.size() > 8) return std::nullopt;
  auto digit = [](char c) -> char {
    switch (c) {
      case 'O':
      case 'o':
      case 'Q':
      case 'D':
        return '0';
      case 'I':
      case 'i':
      case 'l':
      case 'L':  // a 1's foot serif ("IL0" for I10 on a claim)
      case '|':
      case '!':
        return '1';
      case 'S':
      case 's':
        return '5';
      case 'B':
        return '8';
      case 'G':  // "ROG.02" for R06.02 (held-out seed 673)
        return '6';
      case 'Z':
      case 'z':
        return '2';
      case ']':
        return '1';
      default:
        return c;
    }
  };
  t[0] = LetterLike(t[0]);
  // "GA3,909": a 4 with its top closed, where only a digit stands (a third
  // character may be a letter: "C4A").
  t[1] = t[1] == 'A' ? '4' : digit(t[1]);
  t[2] = digit(t[2]);  // a repaired code is a plain category: letter, 2 digits
  if (!IsDigit(t[2])) return std::nullopt;
  if (IsDigit(t[1]) && IsSerifIRead(t)) t[0] = 'I';
  if (IsDigit(t[1]) && IsMisreadE(t)) t[0] = 'E';
  if (t.size() > 3 && (t[3] == ',' || t[3] == ':')) t[3] = '.';
  if (t.size() > 3) {
    if (t[3] != '.' || t.size() == 4) return std::nullopt;
    // After the dot: digits, and a letter only as a 7th character ("A");
    // before it an O is a 0, an S a 5 and an I or l a 1 ("E78.S", generator
    // seed 12121's severe referral). A D is no 0 there: a claim's "24A.
    // DOS" read "[244.D0S".
    for (size_t i = 4; i < t.size(); ++i) {
      if (t[i] == 'O' || t[i] == 'o') t[i] = '0';
      if (i < 7 &&
          std::string_view("SsIl|").find(t[i]) != std::string_view::npos) {
        t[i] = digit(t[i]);
      }
      if (!IsDigit(t[i]) && !(i == 7 && IsUpper(t[i]))) return std::nullopt;
    }
  }
  if (t == Trim(token)) return std::nullopt;  // nothing repaired
  return ParseIcd10(t, /*labelled=*/true);
}

std::optional<std::string> ParseCpt(std::string_view token) {
  std::string_view t = Trim(token);
  // "#97110", ":.99213": a number sign, or marks OCR read from the table's
  // rules, before the code.
  while (!t.empty() && !IsAlpha(t.front()) && !IsDigit(t.front()))
    t.remove_prefix(1);
  // "99213-25"; "97110/59", "36415|}25" and "99214]25" where a table rule
  // between code and modifier was read as a slash, a bar or a bracket (the
  // bar generator seed 9797's moderate claim, the bracket seed 10202's
  // clean one); "99213.25" with a period for the dash.
  size_t dash = t.find_first_of("-/.|[]");
  if (dash != std::string_view::npos) {
    std::string_view mod = t.substr(dash + 1);
    // Marks OCR reads from the table around it: "36415)/25°", and the
    // rule read twice, as the slash and a bar ("90686/|59").
    while (!mod.empty() && !IsAlpha(mod.back()) && !IsDigit(mod.back()))
      mod.remove_suffix(1);
    while (!mod.empty() && !IsAlpha(mod.front()) && !IsDigit(mod.front()))
      mod.remove_prefix(1);
    if (mod.size() != 2) return std::nullopt;
    t = Trim(t.substr(0, dash));
  }
  if (t.size() != 5) return std::nullopt;
  if (AllDigits(t)) return std::string(t);
  // Category II (F), III (T) and laboratory analysis (U) codes.
  if (AllDigits(t.substr(0, 4)) &&
      (t[4] == 'F' || t[4] == 'T' || t[4] == 'U')) {
    return std::string(t);
  }
  return std::nullopt;
}

std::optional<std::string> ParseDate(const std::vector<std::string>& words,
                                     size_t start, const CivilDate& today,
                                     size_t* used, bool* repaired) {
  *used = 0;
  *repaired = false;
  if (start >= words.size()) return std::nullopt;
  // "3Jan2011/M", "3 Jan 2011/M": the sex column's value glued on.
  auto without_sex = [](std::string_view w) {
    if (w.size() > 2 && w[w.size() - 2] == '/' &&
        (w.back() == 'M' || w.back() == 'F')) {
      w.remove_suffix(2);
    }
    return w;
  };
  std::string_view first = Trim(words[start]);
  if (first.size() > 8) first = without_sex(first);
  if (auto d = NumericDate(first, today)) {
    *used = 1;
    return Format(*d);
  }
  // "0705-2015", "07-052015": one of the two separators lost (generator
  // seed 11717's severe authorization).
  if (first.size() == 9) {
    const size_t sep = first.find_first_of("/-");
    if ((sep == 2 || sep == 4) &&
        first.find_first_of("/-", sep + 1) == first.npos) {
      std::string whole = std::string(first.substr(0, sep)) +
                          std::string(first.substr(sep + 1));
      if (AllDigits(whole)) {
        whole.insert(4, 1, first[sep]);
        whole.insert(2, 1, first[sep]);
        if (auto d = NumericDate(whole, today)) {
          *used = 1;
          *repaired = true;
          return Format(*d);
        }
      }
    }
  }
  // "07-MAY- 1997": a space read after the last dash; "05-DEC 1987": read
  // for it. Not after a month word: "Mar 1-4, 2024" is no January date (a
  // fax's "Mar 14", generator seed 4848).
  const std::string_view day_month =
      first.ends_with('-') ? first.substr(0, first.size() - 1) : first;
  const bool after_month = start > 0 && MonthNumber(Trim(words[start - 1])) > 0;
  if (day_month.size() > 2 && !after_month &&
      std::count(day_month.begin(), day_month.end(), '-') == 1 &&
      start + 1 < words.size()) {
    const std::string_view year = Trim(words[start + 1]);
    const std::string joined = std::string(day_month) + "-";
    if (year.size() == 4 && AllDigits(year)) {
      if (auto d = NumericDate(joined + std::string(year), today)) {
        *used = 2;
        return Format(*d);
      }
    }
  }
  // "09 09-1955": a space read for the first separator (generator seed
  // 12323's faxed progress note).
  if (start + 1 < words.size() && !first.empty() && first.size() <= 2 &&
      AllDigits(first)) {
    const std::string_view rest = Trim(words[start + 1]);
    const size_t sep = rest.find_first_of("/-");
    if ((sep == 1 || sep == 2) && rest.size() == sep + 5 &&
        AllDigits(rest.substr(0, sep)) && AllDigits(rest.substr(sep + 1))) {
      const std::string joined =
          std::string(first) + rest[sep] + std::string(rest);
      if (auto d = NumericDate(joined, today)) {
        *used = 2;
        *repaired = true;
        return Format(*d);
      }
    }
  }
  // "01/04/1 942": a space read inside the year (generator seed 5151, a
  // severe scan). Only where the first part alone is no date: "01/04/19
  // 42" is a two-digit year and a number.
  if (start + 1 < words.size()) {
    const size_t sep = first.find_last_of("/-");
    const std::string_view head =
        sep == first.npos ? std::string_view() : first.substr(sep + 1);
    const std::string_view tail = Trim(words[start + 1]);
    if (!head.empty() && AllDigits(head) && AllDigits(tail) &&
        head.size() + tail.size() == 4 && head.size() != 2 &&
        std::count_if(first.begin(), first.end(),
                      [](char c) { return c == '/' || c == '-'; }) == 2) {
      if (auto d = NumericDate(std::string(first) + std::string(tail), today)) {
        *used = 2;
        return Format(*d);
      }
    }
  }
  // "O8/1 8/1963": a space read inside the day (generator seed 9292's
  // faxed card), one figure of it on either side.
  const size_t sep = first.find_first_of("/-");
  if (start + 1 < words.size() && sep != first.npos &&
      sep + 2 == first.size() && first[sep + 1] != first[sep]) {
    const std::string_view next = Trim(words[start + 1]);
    if (next.size() > 2 && next[1] == first[sep] &&
        next.find(first[sep], 2) == next.npos) {
      size_t one = 0;
      if (auto d = ParseDate({std::string(first) + std::string(next)}, 0, today,
                             &one, repaired)) {
        *used = 2;
        return d;
      }
    }
  }
  // "08/29, /1965": the second slash read as a comma, a space and itself;
  // "4/21 / 1943": as a word of its own (generator seed 9999's fax).
  if (start + 1 < words.size() &&
      std::count(first.begin(), first.end(), '/') == 1 &&
      words[start + 1].starts_with('/')) {
    const bool alone =
        Trim(words[start + 1]) == "/" && start + 2 < words.size();
    const std::string year = alone ? "/" + std::string(Trim(words[start + 2]))
                                   : std::string(Trim(words[start + 1]));
    if (year.size() == 5 && AllDigits(std::string_view(year).substr(1))) {
      if (auto d = NumericDate(std::string(first) + year, today)) {
        *used = alone ? 3 : 2;
        *repaired = true;
        return Format(*d);
      }
    }
  }
  // A date-shaped token with OCR confusions: "O3/14/l962", "01=21-1952"
  // and "08-14+2012" (a dash read as an equals or a plus sign; the plus
  // generator seed 9595's severe scan), "Q5-26-1932" (a 0 read as Q, as
  // in a claim's date boxes; generator seed 6969), "A/21/1994" (a 4 with
  // its top closed) and "7'22'1993" (slashes read as apostrophes; both
  // generator seeds 10606 and 10909, severe and fax). The calendar check
  // (plus the shape) is the proof.
  if (std::count_if(first.begin(), first.end(), IsDigit) >= 4 &&
      first.find_first_of("/-'") != first.npos) {
    std::string fixed;
    size_t from = 0;
    for (size_t i = 0; i <= first.size(); ++i) {
      const bool end = i == first.size();
      if (!end && first[i] != '/' && first[i] != '-' && first[i] != '.' &&
          first[i] != '=' && first[i] != '+' && first[i] != '\'') {
        continue;
      }
      std::string part(first.substr(from, i - from));
      // "O1-MAY-2025": a month word between figures stays a word (held-out
      // seed 1423's clean progress note).
      std::optional<std::string> digits;
      if (MonthNumber(part) > 0) {
        digits = part;
      } else {
        std::replace(part.begin(), part.end(), 'Q', '0');
        std::replace(part.begin(), part.end(), 'A', '4');
        digits = RepairDigits(part);
      }
      if (!digits) {
        fixed.clear();
        break;
      }
      fixed += *digits;
      if (!end) {
        fixed += first[i] == '=' || first[i] == '+' ? '-'
                 : first[i] == '\''                 ? '/'
                                                    : first[i];
      }
      from = i + 1;
    }
    if (!fixed.empty() && fixed != first) {
      if (auto d = NumericDate(fixed, today)) {
        *used = 1;
        *repaired = true;
        return Format(*d);
      }
    }
    // "93-17-1939", "67/22/21", "87/09/2019", "11/65/20": a month's or a
    // day's 0 read as a 9, 6 or 8 off a severe scan or a fax (a 0 with a
    // mark on or in its loop); no month or day is in the sixties or above.
    // "11/25/2063": a four-figure year still to come, one of its middle
    // figures a 0 so misread (generator seed 11011's severe
    // authorization). Only where one figure gives a year that has been.
    const bool zeros = RepairLeadingZeros(&fixed);
    if (RepairFutureYear(&fixed, today) || zeros) {
      if (auto d = NumericDate(fixed, today)) {
        *used = 1;
        *repaired = true;
        return Format(*d);
      }
    }
  }
  // A month word as printed, else as OCR may have misread it (then the
  // date is a repair: the day and four-digit year around it must be exact).
  auto month_of = [repaired](std::string_view w) {
    if (int m = MonthNumber(w)) return m;
    int m = MisreadMonth(w);
    if (m > 0) *repaired = true;
    return m;
  };
  // "Jan 17,2022": the space after the comma lost; "Jul4,2008": the one
  // after the month word too; "Sep. 9,.1933", "Jul:19,,.1959", "July
  // 1,.-1996": specks read after them (the last generator seed 6363's).
  // The comma read as a period, a colon or a semicolon, once or twice
  // ("May 23::2010", generator seed 12121's severe authorization).
  auto day_comma_year = [&](std::string_view month,
                            std::string_view b) -> std::optional<CivilDate> {
    constexpr std::string_view kCommas = ",.:;";
    const size_t comma = b.find_first_of(kCommas);
    if (comma < 1 || comma > 2) return std::nullopt;
    size_t year = comma + 1;
    while (year < b.size() && year < comma + 3 &&
           (kCommas.find(b[year]) != kCommas.npos || b[year] == '-')) {
      ++year;
    }
    if (b.size() != year + 4 || !AllDigits(b.substr(0, comma)) ||
        !AllDigits(b.substr(year))) {
      return std::nullopt;
    }
    const int m = month_of(month);
    if (m == 0) return std::nullopt;
    CivilDate d{ToInt(b.substr(year)), m, ToInt(b.substr(0, comma))};
    if (!IsRealDate(d, today)) return std::nullopt;
    return d;
  };
  if (start + 1 < words.size()) {
    if (auto d = day_comma_year(first, Trim(words[start + 1]))) {
      *used = 2;
      return Format(*d);
    }
  }
  // "Apr 7 7,1974": the day read twice, alone and with the year (held-out
  // seed 1237's scanned referral).
  if (start + 2 < words.size()) {
    const std::string_view day = DayOf(words[start + 1]);
    const std::string_view rest = Trim(words[start + 2]);
    if (!day.empty() && day.size() <= 2 && AllDigits(day) &&
        rest.size() > day.size() && rest.starts_with(day) &&
        rest[day.size()] == ',') {
      if (auto d = day_comma_year(first, rest)) {
        *used = 3;
        return Format(*d);
      }
    }
  }
  if (const size_t day = first.find_first_of("0123456789");
      day >= 3 && day != first.npos) {
    std::string_view month = first.substr(0, day);
    if (month.back() == ':') month.remove_suffix(1);
    if (auto d = day_comma_year(month, first.substr(day))) {
      *used = 1;
      return Format(*d);
    }
  }
  // "Oct.19, 1985", "Oct.19. 1985": the space after a month's abbreviation
  // lost (generator seed 11919's severe discharge summary).
  if (const size_t dot = first.find('.');
      dot >= 3 && dot != first.npos && start + 1 < words.size()) {
    const std::string_view day = first.substr(dot + 1);
    const std::string_view year = Trim(words[start + 1]);
    if (!day.empty() && day.size() <= 2 && AllDigits(day) && year.size() == 4 &&
        AllDigits(year)) {
      const CivilDate d{ToInt(year), month_of(first.substr(0, dot)),
                        ToInt(day)};
      if (d.month > 0 && IsRealDate(d, today)) {
        *used = 2;
        return Format(d);
      }
    }
  }
  // "27 Nov1961": the space between the month word and the year lost.
  if (start + 1 < words.size()) {
    const std::string_view day = DayOf(words[start]);
    const std::string_view rest = Trim(words[start + 1]);
    if (!day.empty() && day.size() <= 2 && AllDigits(day) && rest.size() >= 7 &&
        AllDigits(rest.substr(rest.size() - 4))) {
      const CivilDate d{ToInt(rest.substr(rest.size() - 4)),
                        month_of(rest.substr(0, rest.size() - 4)), ToInt(day)};
      if (d.month > 0 && IsRealDate(d, today)) {
        *used = 2;
        return Format(d);
      }
    }
  }
  // "16Sep 1982": the space between the day and the month word lost.
  if (start + 1 < words.size()) {
    const size_t m = first.find_first_not_of("0123456789");
    const std::string_view year = Trim(words[start + 1]);
    if (m >= 1 && m <= 2 && first.size() - m >= 3 && year.size() == 4 &&
        AllDigits(year)) {
      const CivilDate d{ToInt(year), month_of(first.substr(m)),
                        ToInt(first.substr(0, m))};
      if (d.month > 0 && IsRealDate(d, today)) {
        *used = 2;
        return Format(d);
      }
    }
  }
  CivilDate d;
  if (start + 2 >= words.size()) return std::nullopt;
  std::string_view a = DayOf(words[start]), b = DayOf(words[start + 1]),
                   c = without_sex(Trim(words[start + 2]));
  *repaired = false;  // month_of(first) above may have set it
  std::string day;
  // "September ], 1943": a day's 1 read as a bracket, which Trim took off
  // (held-out seed 1459's scanned referral).
  if (b.empty() && MonthNumber(a) > 0 &&
      (words[start + 1].starts_with(']') ||
       words[start + 1].starts_with('['))) {
    day = "1";
    b = day;
    *repaired = true;
  }
  // "Dec $, 1932": the day after a month word, with letters OCR reads for
  // digits; there a small i is a 1 too ("Apr ii, 2021", generator seed
  // 6161).
  if (!AllDigits(b) && MonthNumber(a) > 0) {
    std::string ones(b);
    std::replace(ones.begin(), ones.end(), 'i', '1');
    if (auto fixed = RepairDigits(ones); fixed && !fixed->empty()) {
      day = *fixed;
      b = day;
      *repaired = true;
    }
  }
  // "June 17, [995": the year's 1 read as a bracket (generator seed 6363's
  // severe prescription), which Trim took off; "June 17, l995" too.
  std::string year;
  if (MonthNumber(a) > 0) {
    if (c.size() == 3 && AllDigits(c) && words[start + 2].starts_with('[')) {
      year = "1" + std::string(c);
    } else if (auto fixed = RepairDigits(c);
               c.size() == 4 && !AllDigits(c) && fixed) {
      year = *fixed;
    } else if (c.size() == 5 && c[0] == '.' && AllDigits(c.substr(1))) {
      // "Oct 7, .1954": a speck read before the year (generator seed 8686,
      // rotated).
      c.remove_prefix(1);
    }
    if (!year.empty()) {
      c = year;
      *repaired = true;
    }
  }
  if (AllDigits(b) && b.size() <= 2 && AllDigits(c) && c.size() == 4 &&
      month_of(a) > 0) {  // March 14, 1962; March 14th, 1962
    d = {ToInt(c), month_of(a), ToInt(b)};
  } else if (AllDigits(a) && a.size() <= 2 && AllDigits(c) && c.size() == 4 &&
             month_of(b) > 0) {  // 14 Mar 1962; 14th March 1962
    d = {ToInt(c), month_of(b), ToInt(a)};
  } else {
    return std::nullopt;
  }
  if (!IsRealDate(d, today)) return std::nullopt;
  *used = 3;
  return Format(d);
}

std::optional<std::string> ParseDateBoxes(const std::vector<std::string>& words,
                                          const CivilDate& today) {
  if (words.size() < 2) return std::nullopt;
  // "O1 18 2023", "Q9 25 2024", "@9 25 2024": a box's 0 read as a letter
  // or mark of its shape.
  auto box = [](std::string w) {
    for (char& c : w) {
      if (c == 'O' || c == 'Q' || c == '@') c = '0';
    }
    return w;
  };
  std::string m = box(words[0]), d = box(words[1]),
              y = words.size() > 2 ? box(words[2]) : "";
  // "11.29 1984": the space between the month's and the day's boxes read
  // as a mark (held-out seed 991's scanned claim).
  if (m.size() == 5 && (m[2] == '.' || m[2] == ',') &&
      AllDigits(m.substr(0, 2)) && AllDigits(m.substr(3))) {
    y = d;
    d = m.substr(3);
    m.resize(2);
  }
  // "Q@1 23 2021", "O01 23 2021": the month's 0 read as two marks (held-out
  // seed 593); "06 O07 2024", the day's (held-out seed 929).
  for (std::string* part : {&m, &d}) {
    if (part->size() == 3 && part->starts_with("00")) part->erase(0, 1);
  }
  // "05 25 2024/05 25 2024": a service line's from and to dates, the year
  // read as one word with the next month across the slash between them.
  if (const size_t slash = y.find('/');
      slash != std::string::npos && AllDigits(y.substr(slash + 1))) {
    y.resize(slash);
  }
  // "1205 21", "0111 2025": the space between the month's and the day's
  // boxes lost (held-out seed 659's claim).
  if (m.size() == 4 && AllDigits(m) && AllDigits(d) &&
      (d.size() == 2 || d.size() == 4)) {
    y = d;
    d = m.substr(2);
    m.resize(2);
  } else if (d.size() == 6 && AllDigits(d)) {
    // "05 152023": the one between the day's and the year's (held-out seed
    // 811's claim, in a serif face).
    y = d.substr(2);
    d.resize(2);
  }
  if (!AllDigits(m) || !AllDigits(d) || !AllDigits(y) || m.size() > 2 ||
      d.size() > 2 || (y.size() != 2 && y.size() != 4)) {
    return std::nullopt;
  }
  return ParseDateText(m + "/" + d + "/" + y, today);
}

std::optional<std::string> ParseDateText(std::string_view text,
                                         const CivilDate& today) {
  std::vector<std::string> words;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\t') ++i;
    if (i > start) words.emplace_back(text.substr(start, i - start));
  }
  if (words.size() == 1 && words[0].size() == 8 && AllDigits(words[0])) {
    const std::string& w = words[0];
    std::string as_iso = w.substr(0, 4) + "-" + w.substr(4, 2) + "-" +
                         w.substr(6, 2);  // YYYYMMDD
    std::string as_us = w.substr(0, 2) + "/" + w.substr(2, 2) + "/" +
                        w.substr(4, 4);  // MMDDYYYY
    auto iso = NumericDate(as_iso, today);
    auto us = NumericDate(as_us, today);
    if (iso && us) return std::nullopt;  // both readings real: ambiguous
    if (iso) return Format(*iso);
    if (us) return Format(*us);
    return std::nullopt;
  }
  size_t used = 0;
  bool repaired = false;
  auto d = ParseDate(words, 0, today, &used, &repaired);
  if (!d || used != words.size() || repaired) return std::nullopt;
  return d;
}

std::optional<std::string> NormaliseName(
    const std::vector<std::string>& words) {
  bool comma = false, organisation = false;
  std::vector<NameWord> read = ReadNameWords(words, &comma, &organisation);
  if (organisation) return std::nullopt;
  // "Daniel Rivera, DOB 03/14/1962": a comma after the last word ends the
  // name; it does not turn it round.
  if (comma && read.back().comma_after) comma = false;
  std::vector<std::string> last, given;
  bool after_comma = false;
  for (const NameWord& w : read) {
    std::string lower = LowerString(w.text);
    bool skip = IsTitle(lower) || IsSuffix(lower);
    if (!skip) (comma && !after_comma ? last : given).push_back(w.text);
    if (w.comma_after) after_comma = true;
  }
  if (!comma) {
    // "Daniel M. Rivera", "Maria de la Cruz": last word plus its particles.
    if (given.size() < 2) return std::nullopt;
    // "Ingrid C Brandt Ellis": the words after a middle initial are all
    // surname, a double one whose hyphen OCR lost.
    size_t surname = given.size() - 1;
    for (size_t k = 1; k + 2 < given.size(); ++k) {
      if (given[k].size() == 1) surname = k + 1;
    }
    last.assign(given.begin() + surname, given.end());
    given.resize(surname);
    while (given.size() > 1 && IsParticle(LowerString(given.back()))) {
      last.insert(last.begin(), given.back());
      given.pop_back();
    }
  }
  if (given.empty() || last.empty()) return std::nullopt;
  const std::string& first = given.front();
  if (first.size() < 2) return std::nullopt;  // an initial, not a first name
  std::string out = TitleCase(first);
  for (const std::string& part : last) out += ' ' + TitleCase(part);
  if (last.back().size() < 2) return std::nullopt;
  return out;
}

std::optional<std::string> NormaliseNamePart(
    const std::vector<std::string>& words, bool first_name) {
  bool comma = false;
  std::vector<NameWord> read = ReadNameWords(words, &comma);
  std::string out;
  for (const NameWord& w : read) {
    std::string lower = LowerString(w.text);
    if (IsTitle(lower) || IsSuffix(lower)) continue;
    if (!out.empty()) out += ' ';
    out += TitleCase(w.text);
    if (first_name || w.comma_after) break;
  }
  if (out.size() < 2) return std::nullopt;
  return out;
}

std::optional<std::string> ParseIdentifier(
    const std::vector<std::string>& words, bool join_digit_run) {
  if (words.empty()) return std::nullopt;
  std::string_view first = Trim(words[0]);
  // A dash at either end is a fill-in line or a rule, not the ID's; so is
  // an equals sign, underscore or long dash before it ("=ENX262053787",
  // "\u2014824893-350"), and a speck read as a period (".797773" after
  // "Group #:", generator seed 8686's severe scan).
  first =
      WithoutLeading(first, {"#", "-", "=", "_", ".", "\u2014", "\u2013"}, 0);
  // "GRP- 1009F": the prefix's dash printed, the space read after it.
  const bool dash_ends_first = first.ends_with('-');
  while (!first.empty() && first.back() == '-') first.remove_suffix(1);
  std::string id(first);
  // "$3153796902", "$BM354031444": an S read as a dollar sign, which no ID
  // holds (the second in held-out seed 683's claim).
  if (id.size() > 4 && id[0] == '$' && (IsDigit(id[1]) || IsAlpha(id[1]))) {
    id[0] = 'S';
  }
  size_t used = 1;
  const std::string_view next = words.size() > 1 ? Trim(words[1]) : "";
  // "GRP -8726F", "997768 -381": a space read before the dash.
  const bool dashed = next.size() > 1 && next[0] == '-' && IsDigit(next[1]);
  // "GRP 8726": a short prefix of letters, then the number.
  const bool prefix = !id.empty() && id.size() <= 4 &&
                      std::all_of(id.begin(), id.end(), IsAlpha);
  const bool prefixed = prefix && !next.empty() && IsDigit(next[0]);
  // "06- 150-983": digits, their dash, then a space read before the rest.
  auto digits_and_dashes = [](std::string_view w) {
    return std::all_of(w.begin(), w.end(),
                       [](char c) { return IsDigit(c) || c == '-'; });
  };
  const bool digits_dashed = dash_ends_first && !id.empty() && AllDigits(id) &&
                             !next.empty() && IsDigit(next[0]) &&
                             digits_and_dashes(next);
  // "847944 153-02": a subscriber's nine digits and person code, a space
  // read in the digits (held-out seed 563's card).
  const size_t code_dash = next.find('-');
  const bool person_code = join_digit_run && !id.empty() && AllDigits(id) &&
                           code_dash != std::string_view::npos &&
                           code_dash > 0 && id.size() + code_dash == 9 &&
                           next.size() == code_dash + 3 &&
                           AllDigits(next.substr(0, code_dash)) &&
                           AllDigits(next.substr(code_dash + 1));
  // "3466 13-235": a space read among the digits just before a group
  // number's dash, one or two of them left after it (held-out seed 1171's
  // EOB, for 346613-235), five or more before the dash together; or three
  // left after it where five to seven are ("563 105-248", held-out seed
  // 1223's card). Not a phone number's "615 555-0198", four digits after
  // its dash.
  const size_t after_code_dash = next.size() - code_dash - 1;
  const bool split_before_dash =
      join_digit_run && id.size() >= 2 && AllDigits(id) &&
      code_dash != std::string_view::npos && code_dash > 0 &&
      id.size() + code_dash >= 5 &&
      (code_dash <= 2 || (code_dash == 3 && id.size() + code_dash <= 7 &&
                          after_code_dash != 4)) &&
      code_dash + 1 < next.size() && AllDigits(next.substr(0, code_dash)) &&
      AllDigits(next.substr(code_dash + 1));
  // "64-781 643", "64-78 1-643": groups of digits, the last dash read as
  // a space or the space read a glyph early. Joined where every group of
  // the whole is two to four digits, as such numbers are printed (held-out
  // seed 659's chart number).
  auto dash_groups = [&](std::string_view w) {
    if (w.empty() || !digits_and_dashes(w)) return false;
    size_t run = 0;
    for (char c : w) {
      if (c != '-') {
        ++run;
      } else if (run < 2 || run > 4) {
        return false;
      } else {
        run = 0;
      }
    }
    return run >= 2 && run <= 4;
  };
  const bool dash_lost =
      !dash_ends_first && id.find('-') != std::string::npos && !next.empty() &&
      IsDigit(next[0]) &&
      dash_groups(id + (next.find('-') == std::string_view::npos ? "-" : "") +
                  std::string(next));
  // "291408 - 608": the dash read as a word of its own between two groups
  // of digits (held-out seed 1151's scanned claim), or after a prefix
  // ("GRP - 7084E", held-out seed 1283's mild claim).
  const std::string_view after_dash = words.size() > 2 ? Trim(words[2]) : "";
  if (!id.empty() && (AllDigits(id) || prefix) && next == "-" &&
      !after_dash.empty() && IsDigit(after_dash[0]) &&
      (digits_and_dashes(after_dash) ||
       (prefix && std::all_of(after_dash.begin(), after_dash.end(), [](char c) {
          return IsDigit(c) || IsAlpha(c);
        })))) {
    id += "-" + std::string(after_dash);
    used = 3;
  } else if (!id.empty() && (prefixed || dashed || digits_dashed ||
                             person_code || split_before_dash || dash_lost)) {
    if ((prefixed && dash_ends_first) || digits_dashed ||
        (dash_lost && next.find('-') == std::string_view::npos)) {
      id += '-';
    }
    id += next;
    used = 2;
  } else if (join_digit_run && id.size() == 2 && IsDigit(id[0]) &&
             IsAlpha(id[1]) && next.size() >= 4 &&
             std::all_of(next.begin(), next.end(),
                         [](char c) { return IsDigit(c) || IsAlpha(c); }) &&
             std::any_of(next.begin(), next.end(), IsDigit)) {
    // "7Y NSJK2HH62": a space read after an ID's first two glyphs, too
    // few to be an ID of their own (held-out seed 643's claim).
    id += next;
    used = 2;
  } else if (join_digit_run && words.size() > 1 &&
             std::any_of(id.begin(), id.end(), IsAlpha) &&
             std::any_of(id.begin(), id.end(), IsDigit) &&
             AllDigits(Trim(words[1]))) {
    id += Trim(words[1]);
    used = 2;
  }
  // Cards print IDs in groups ("XQ 447 1902"): short groups of bare digits
  // after a short one carry on the ID ("(555)" is a phone number's), as
  // they do a short number of bare digits ("GRP: 5961 102" on a faxed
  // registration, generator seed 10404). After a lone digit, a piece OCR
  // split off ("ZGP703 1 152504" on a faxed card, generator seed 7272), the
  // rest of the digits carry it on too.
  while (join_digit_run && (used > 1 || AllDigits(id)) && used < words.size() &&
         words[used - 1].size() <= 5 && AllDigits(words[used]) &&
         words[used].size() >= 2 &&
         words[used].size() <= (words[used - 1].size() == 1 ? 9 : 5)) {
    id += words[used++];
  }
  // "GxX8099": one glyph read twice, small then capital, in an ID printed
  // in capitals.
  auto lower = [](char c) {
    return std::islower(static_cast<unsigned char>(c));
  };
  if (std::count_if(id.begin(), id.end(), lower) == 1) {
    const size_t i = std::find_if(id.begin(), id.end(), lower) - id.begin();
    if (i + 1 < id.size() && id[i + 1] == Upper(id[i])) id.erase(i, 1);
  }
  if (id.size() < 3 || id.size() > 25) return std::nullopt;
  // "G496387!": a 1 after a digit read as an exclamation mark, which no
  // ID holds (generator seed 5353, a fax's claim); "&89021661": an 8
  // beside a digit read as an ampersand (9595, a severe scan's MRN).
  for (size_t i = 0; i < id.size(); ++i) {
    const bool after_digit = i > 0 && IsDigit(id[i - 1]);
    if (id[i] == '!' && after_digit) id[i] = '1';
    if (id[i] == '&' &&
        (after_digit || (i + 1 < id.size() && IsDigit(id[i + 1])))) {
      id[i] = '8';
    }
  }
  bool digit = false;
  for (char& c : id) {
    if (IsDigit(c))
      digit = true;
    else if (!IsAlpha(c) && c != '-')
      return std::nullopt;
    c = Upper(c);
  }
  if (!digit) return std::nullopt;
  return id;
}

namespace {

// A Medicare Beneficiary Identifier's characters. N: a digit (the first
// 1-9); A: a letter but S, L, O, I, B, Z; C: either.
constexpr std::string_view kMbiShape =
    "NAC"
    "NAC"
    "NAA"
    "NN";

}  // namespace

bool IsMbi(std::string_view id) {
  auto letter = [](char c) {
    return c >= 'A' && c <= 'Z' &&
           std::string_view("SLOIBZ").find(c) == std::string_view::npos;
  };
  if (id.size() != kMbiShape.size() || id[0] == '0') return false;
  for (size_t i = 0; i < id.size(); ++i) {
    const bool ok = kMbiShape[i] == 'N'   ? IsDigit(id[i])
                    : kMbiShape[i] == 'A' ? letter(id[i])
                                          : IsDigit(id[i]) || letter(id[i]);
    if (!ok) return false;
  }
  return true;
}

std::optional<std::string> RepairMbi(std::string_view id) {
  if (id.size() == kMbiShape.size() + 1) {
    // "S5KAQH68CF69": a mark at the box's edge read before it (held-out
    // seed 1229's clean claim); "5JK8PO02RF42": a 0 read twice, as an O
    // and itself (held-out seed 1249's clean statement).
    std::vector<std::string> shorter = {std::string(id.substr(1))};
    for (size_t i = 0; i + 1 < id.size(); ++i) {
      if (!ReadTwice(id[i], id[i + 1])) continue;
      shorter.emplace_back(id);
      shorter.back().erase(IsDigit(id[i]) ? i + 1 : i, 1);
    }
    for (const std::string& s : shorter) {
      if (IsMbi(s)) return s;
      if (auto fixed = RepairMbi(s)) return fixed;
    }
    return std::nullopt;
  }
  if (id.size() != kMbiShape.size() || IsMbi(id)) return std::nullopt;
  std::string fixed(id);
  for (size_t i = 0; i < fixed.size(); ++i) {
    char& c = fixed[i];
    const size_t k = std::string_view("OILSBZ").find(c);
    if (k != std::string_view::npos) {
      c = "011582"[k];
    } else if (c == 'Q' && kMbiShape[i] == 'N') {
      c = '0';  // a letter an MBI may hold, but not where a digit stands
    }
  }
  if (!IsMbi(fixed)) return std::nullopt;
  return fixed;
}

// Payers leave O out of their IDs' letters for this reason, as Medicare's
// MBI does (held-out seed 919: "HBO713" at every level, a group number no
// patient's record puts right).
std::optional<std::string> RepairGroupNumber(std::string_view id) {
  const size_t o = id.find('O');
  if (o == std::string_view::npos || o < 1 || o > 4 || id.size() < o + 4 ||
      id[o + 1] == '0' || !std::all_of(id.begin(), id.begin() + o, IsAlpha) ||
      !AllDigits(id.substr(o + 1))) {
    return std::nullopt;
  }
  std::string fixed(id);
  fixed[o] = '0';
  return fixed;
}

}  // namespace intake::classify
