// Validators and normalisers for field values: NPI (Luhn), ICD-10, CPT,
// dates and person names.
//
// Each returns the normalised value, or nothing when the text is not a valid
// value. OCR confusions (O->0, l/I->1, S->5, B->8) are repaired only where a
// validator proves the repaired value (the NPI check digit, a real calendar
// date); `repaired` tells the caller so it can lower its confidence.
// Pure functions: safe to call from several threads.
#ifndef INTAKE_CLASSIFY_VALIDATORS_H_
#define INTAKE_CLASSIFY_VALIDATORS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace intake::classify {

struct CivilDate {
  int year = 0;
  int month = 0;
  int day = 0;
  auto operator<=>(const CivilDate&) const = default;
};

// True for a non-empty run of ASCII digits.
bool AllDigits(std::string_view s);

// "City, ST 12345": the words `city`, `state` and `zip` are a place's city
// (its comma after it), US state code and ZIP code (or ZIP+4, or six
// figures: one read twice), an address line's end that no identifier is.
bool IsCityStateZip(std::string_view city, std::string_view state,
                    std::string_view zip);

// Today's date (UTC), the upper bound for plausible dates.
CivilDate Today();

// True for 10 digits whose Luhn check over "80840" + digits holds (the NPI
// check digit, 45 CFR 162.406) and whose first is 1 or 2, as every NPI
// issued begins: a lab number "S$61339040" repaired to 5561339040 passes
// the check (one number in ten does) and is no NPI (held-out seed 821).
bool IsValidNpi(std::string_view digits);

// `text` with O/o->0, l/I/|->1, S/s/$/section sign->5, B->8, Z->2; nothing
// when other non-digits remain. Used only where a validator then proves the
// result.
std::optional<std::string> RepairDigits(std::string_view text);

// An NPI from one token ("1234567893"), repaired when Luhn proves it.
std::optional<std::string> ParseNpi(std::string_view token, bool* repaired);

// An ICD-10 code from one token: letter, digit, digit (or A/B), then an
// optional "." and 1-4 alphanumerics; returned uppercase with the dot
// ("e11.9" -> "E11.9"). When `labelled` is false only the printed-with-dot
// uppercase form is accepted; when true, "E119" -> "E11.9" and three-character
// categories ("I10") are accepted too.
std::optional<std::string> ParseIcd10(std::string_view token, bool labelled);

// A labelled ICD-10 code that OCR damaged: a digit or mark read for the
// leading letter (1/l/| -> I, 0 -> O, 5 -> S, 2 -> Z, 8 -> B, 6 -> G, 3, }
// or ] -> J; a pound or euro sign -> E), letters read for
// the two digits (O -> 0, I/l -> 1, S -> 5, B -> 8, Z -> 2) and after the dot
// (O, I/l and S only), a comma or colon for the dot. Nothing when nothing
// needed repair or the result is no code. Nothing proves a repair: callers use
// it only where the layout says "a code is here" and lower the confidence.
std::optional<std::string> RepairIcd10(std::string_view token);

// A CPT code from one token: 5 digits, or 4 digits then F, T or U; a modifier
// suffix ("99213-25") is dropped. Never repaired: nothing would prove it.
std::optional<std::string> ParseCpt(std::string_view token);

// A date starting at words[start] as YYYY-MM-DD: MM/DD/YYYY, M/D/YY,
// MM-DD-YY, MM.DD.YYYY, YYYY-MM-DD, "March 14, 1962", "Mar 14 1962",
// "14 Mar 1962", "14-Mar-1962". Two-digit years pivot on `today` (not after
// it -> 20YY, else 19YY). Rejects impossible dates, years before 1900 and
// dates after `today`. `*used` is how many words the date took.
std::optional<std::string> ParseDate(const std::vector<std::string>& words,
                                     size_t start, const CivilDate& today,
                                     size_t* used, bool* repaired);

// A whole labelled date text ("3/14/62", "March 14, 1962", "1962-03-14") as
// YYYY-MM-DD, under the rules of ParseDate; also eight digits "03141962"
// (MMDDYYYY) or "19620314" (YYYYMMDD), which only a label or a date column
// makes a date. Nothing when any word is left over.
std::optional<std::string> ParseDateText(std::string_view text,
                                         const CivilDate& today);

// A labelled date printed in a form's boxes, its first three words month,
// day and year ("03 14 1962", "3 14 62"), as YYYY-MM-DD.
std::optional<std::string> ParseDateBoxes(const std::vector<std::string>& words,
                                          const CivilDate& today);

// A person's name as "First Last" in title case from the printed words:
// "RIVERA, DANIEL M" / "Rivera, Daniel" / "Daniel M. Rivera" / "DANIEL RIVERA"
// -> "Daniel Rivera". Middle names and initials, titles (Mr, Dr) and suffixes
// (Jr, III) are dropped; particles stay with the last name ("De La Cruz,
// Maria" -> "Maria De La Cruz"). Reading stops at the first word that is not
// part of a name; nothing when fewer than two name words remain.
std::optional<std::string> NormaliseName(const std::vector<std::string>& words);

// One part of a name printed under its own label ("Last Name: DE LA CRUZ"):
// the name words up to the first non-name word, title-cased. For a first
// name only the first word is kept.
std::optional<std::string> NormaliseNamePart(
    const std::vector<std::string>& words, bool first_name);

// An identifier (MRN, member ID, group number) from the first word(s):
// letters, digits and '-', 3 to 25 characters with at least one digit,
// uppercase. A short letter prefix printed apart is joined ("XGH 123456").
// With `join_digit_run`, a run of digits after a letters-and-digits word is
// joined too: OCR splits wide IDs ("GRP85 14848" for GRP8514848). Not
// repaired: no check digit proves a fix.
std::optional<std::string> ParseIdentifier(
    const std::vector<std::string>& words, bool join_digit_run = false);

// A Medicare Beneficiary Identifier ("1EG4TE5MK73"): 11 characters, digits
// and letters in fixed places, never the letters S, L, O, I, B or Z.
bool IsMbi(std::string_view id);

// `id` (uppercase) with the letters an MBI never holds read back as the
// digits OCR takes them for (O->0, I and L->1, S->5, B->8, Z->2), and a Q
// where a digit stands as 0, when that makes an MBI of what was none
// ("9XWONH7HJ23" -> 9XW0NH7HJ23); twelve characters, the last eleven so
// ("S5KAQH68CF69" -> 5KA0H68CF69), or the eleven left where a digit and
// its look-alike letter side by side are one glyph read twice
// ("5JK8PO02RF42" -> 5JK8P02RF42); else nullopt.
std::optional<std::string> RepairMbi(std::string_view id);

// A group number (uppercase) whose zero was read as O where its digits
// begin after a short prefix of letters: "HBO713" -> HB0713; else nullopt.
// Not before a zero ("MRO0082462": a glyph read twice), nor elsewhere.
std::optional<std::string> RepairGroupNumber(std::string_view id);

}  // namespace intake::classify

#endif  // INTAKE_CLASSIFY_VALIDATORS_H_
