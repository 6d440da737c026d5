#include "classify/claim_form.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "capture/pdf_decode.h"
#include "classify/classifier.h"

namespace intake::classify {
namespace {

std::string Corpus(const std::string& rel) {
  return std::string(INTAKE_CORPUS) + "/" + rel;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The pages the pipeline sees for a PDF with a text layer: capture's words
// (boxes in pixels of the rendered page), no OCR.
std::vector<Page> PdfPages(const std::string& path) {
  std::vector<Page> pages;
  Result<std::vector<PageImage>> images =
      capture::DecodePdf(ReadFile(path), capture::DecodeLimits{});
  if (!images.ok()) {
    ADD_FAILURE() << images.status().ToString();
    return pages;
  }
  for (const PageImage& image : *images) {
    Page page;
    page.number = static_cast<int>(pages.size()) + 1;
    page.width = image.width;
    page.height = image.height;
    page.dpi = image.dpi_x;
    if (image.text_layer) {
      page.text = image.text_layer->text;
      page.words = image.text_layer->words;
    }
    pages.push_back(std::move(page));
  }
  return pages;
}

// Values per field (lists sorted, duplicates dropped).
std::map<std::string, std::set<std::string>> Values(const ClaimFormMatch& m) {
  std::map<std::string, std::set<std::string>> values;
  for (const FieldHit& hit : m.hits) values[hit.field].insert(hit.value);
  return values;
}

// Prints precision/recall of every field against `truth` (empty = the form
// does not carry that field) and returns the fields that differ.
std::vector<std::string> Score(
    const std::string& name, const ClaimFormMatch& m,
    const std::map<std::string, std::set<std::string>>& truth) {
  auto got = Values(m);
  std::vector<std::string> wrong;
  for (const auto& [field, want] : truth) {
    const std::set<std::string>& have = got[field];
    int right = 0;
    for (const std::string& v : have) right += want.count(v);
    std::cout << name << " " << field << ": precision " << right << "/"
              << have.size() << " recall " << right << "/" << want.size()
              << "\n";
    if (have != want) wrong.push_back(field);
  }
  return wrong;
}

TEST(ClaimFormTest, ReadsTheTypedCms1500FromItsTextLayer) {
  std::string path = Corpus("medical/doc2data/cms1500.pdf");
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "no corpus at " << path;
  std::vector<Page> pages = PdfPages(path);
  ASSERT_FALSE(pages.empty());
  ASSERT_FALSE(pages[0].words.empty()) << "page 1 has no text layer";

  ClaimFormMatch m = ReadClaimForm(pages);
  EXPECT_TRUE(m.is_cms1500);
  EXPECT_GE(m.confidence, 0.6);
  // gold_labels/cms1500.json in DESIGN.md terms: billing_npi 1234567891
  // fails the NPI check digit; box 24D holds no valid CPT code; the service
  // lines' first "from" date is 02 23 25; box 26 (AD00003F2) is no MRN.
  std::vector<std::string> wrong = Score("cms1500.pdf", m,
                                         {{"patient_name", {"Rahul Sharma"}},
                                          {"dob", {"1998-11-08"}},
                                          {"member_id", {"ID10-45678"}},
                                          {"group_number", {"GP1-67890"}},
                                          {"icd10", {"S02.91XA", "S06.899A"}},
                                          {"cpt", {}},
                                          {"npi", {}},
                                          {"mrn", {}},
                                          {"service_date", {"2025-02-23"}}});
  EXPECT_TRUE(wrong.empty())
      << "wrong fields: " << ::testing::PrintToString(wrong);
  for (const FieldHit& hit : m.hits) EXPECT_EQ(hit.page, 1) << hit.field;
}

// OCR-like words: one printed label or typed value at a form position
// (inches), seen by a 200-dpi scanner that shifted and scaled the page.
struct Scan {
  double dpi = 200, dx = 0.22, dy = 0.31, scale = 1.012;
  Page page;
  Scan() {
    page.number = 1;
    page.dpi = 200;
    page.width = 1700;
    page.height = 2200;
  }
  void Put(double x, double y, const std::string& text, double size = 0.07,
           float confidence = 0.9f) {
    // Words of a phrase laid out left to right, ~0.075 in per character.
    std::istringstream words(text);
    std::string word;
    while (words >> word) {
      Word w;
      w.text = word;
      w.x = static_cast<int>((x * scale + dx) * dpi);
      w.y = static_cast<int>((y * scale + dy) * dpi);
      w.w = static_cast<int>(word.size() * size * 1.05 * dpi);
      w.h = static_cast<int>(size * 1.4 * dpi);
      w.confidence = confidence;
      page.words.push_back(w);
      if (!page.text.empty()) page.text += ' ';
      page.text += word;
      x += (word.size() + 1) * size * 1.05;
    }
  }
  void Value(double x, double y, const std::string& text) {
    Put(x, y, text, 0.1, 0.85f);
  }
};

Scan FilledScan() {
  Scan s;
  // Labels, a few with OCR errors.
  s.Put(0.28, 0.81, "HEALTH INSURANCE CLAIM FORM", 0.12);
  s.Put(0.28, 1.03, "APPROVED BY NATlONAL UNIFORM CLAIM COMMITTEE 02/12");
  s.Put(5.28, 1.38, "INSURED'S I.D. NUMBER (For Program in Item 1)");
  s.Put(0.40, 1.70, "PATIENTS NAME (Last Name, First Name, Middle Initial)");
  s.Put(3.28, 1.70, "PATIENT'S B1RTH DATE");
  s.Put(5.28, 1.71, "INSURED'S NAME (Last Name, First Name, Middle Initial)");
  s.Put(0.40, 2.02, "PATIENT'S ADDRESS (No., Street)");
  s.Put(5.28, 3.04, "INSURED'S POLICY GROUP OR FECA NUMBER");
  s.Put(0.46, 6.36, "DIAGNOSlS OR NATURE OF ILLNESS OR INJURY");
  s.Put(2.85, 7.04, "PROCEDURES, SERVICES, OR SUPPLIES");
  s.Put(7.35, 7.14, "RENDERING PROVIDER ID. #");
  s.Put(2.65, 9.37, "PATIENT'S ACCOUNT NO.");
  s.Put(5.33, 9.36, "TOTAL CHARGE");
  s.Put(5.34, 9.71, "BILLING PROVIDER INFO & PH #");
  // Values.
  s.Value(5.25, 1.47, "XGH123456789");
  s.Value(0.36, 1.79, "DOE, JANE M");
  s.Value(3.32, 1.81, "03");
  s.Value(3.62, 1.81, "14");
  s.Value(3.89, 1.81, "1962");
  s.Value(5.25, 1.80, "DOE, JOHN");
  s.Value(5.25, 3.12, "GRP-4471");
  s.Value(0.48, 6.48, "E11.9");
  s.Value(1.78, 6.48, "I10");
  for (int k = 0; k < 2; ++k) {
    double y = 7.55 + k / 3.0;
    const char* day = k == 0 ? "15" : "16";
    s.Value(0.35, y, "01");
    s.Value(0.63, y, day);
    s.Value(0.93, y, "24");
    s.Value(1.24, y, "01");
    s.Value(1.54, y, day);
    s.Value(1.84, y, "24");
    s.Value(2.89, y, k == 0 ? "99213" : "8l00O");  // second: unreadable
    s.Value(5.57, y, "125.00");
    s.Value(7.01, y, "1234567893");  // Luhn-valid
  }
  s.Value(2.49, 9.45, "ACCT99812");    // box 26: not an MRN
  s.Value(5.30, 10.31, "1234567890");  // 33a: check digit wrong
  return s;
}

TEST(ClaimFormTest, ReadsAShiftedScaledOcrScanByItsLabels) {
  ClaimFormMatch m = ReadClaimForm({FilledScan().page});
  EXPECT_TRUE(m.is_cms1500);
  EXPECT_GE(m.confidence, 0.9);
  std::vector<std::string> wrong = Score("synthetic scan", m,
                                         {{"patient_name", {"Jane Doe"}},
                                          {"dob", {"1962-03-14"}},
                                          {"member_id", {"XGH123456789"}},
                                          {"group_number", {"GRP-4471"}},
                                          {"icd10", {"E11.9", "I10"}},
                                          {"cpt", {"99213"}},
                                          {"npi", {"1234567893"}},
                                          {"mrn", {}},
                                          {"service_date", {"2024-01-15"}}});
  EXPECT_TRUE(wrong.empty())
      << "wrong fields: " << ::testing::PrintToString(wrong);
}

TEST(ClaimFormTest, ADiagnosisGluedToItsLetterIsRead) {
  Scan s = FilledScan();
  for (Word& w : s.page.words) {
    if (w.text == "E11.9") w.text = "A.E11.9";
  }
  ClaimFormMatch m = ReadClaimForm({s.page});
  std::set<std::string> codes;
  for (const FieldHit& h : m.hits) {
    if (h.field == "icd10") codes.insert(h.value);
  }
  EXPECT_EQ(codes, (std::set<std::string>{"E11.9", "I10"}));
}

TEST(ClaimFormTest, AFieldNoBoxGivesIsStillReadBesideItsLabel) {
  // Box 11 left empty, the group number printed elsewhere under its own
  // label (a claim in another layout under the form's title and labels).
  Scan s = FilledScan();
  std::erase_if(s.page.words,
                [](const Word& w) { return w.text == "GRP-4471"; });
  s.Put(0.40, 10.60, "Group Number: G-7781");
  Classification c =
      Classifier(Classifier::DefaultOptions()).Classify({s.page});
  EXPECT_EQ(c.doc_type, "claim");
  ASSERT_TRUE(c.fields.contains("group_number"));
  EXPECT_EQ(c.fields["group_number"].values,
            std::vector<std::string>{"G-7781"});
  // The boxes still win where they read a value, and box 26 is no MRN.
  EXPECT_EQ(c.fields["member_id"].values,
            std::vector<std::string>{"XGH123456789"});
  EXPECT_FALSE(c.fields.contains("mrn"));
}

TEST(ClaimFormTest, NpisAndCodesTheBoxesMissedAreReadBesideTheirLabels) {
  // A look-alike form whose boxes sit elsewhere: the boxes read some of its
  // NPIs and codes, the labels the rest.
  Scan s = FilledScan();
  s.Put(0.40, 10.60, "Referring NPI: 1245319599   CPT: 83036");
  Classification c =
      Classifier(Classifier::DefaultOptions()).Classify({s.page});
  ASSERT_EQ(c.doc_type, "claim");
  EXPECT_EQ(c.fields["npi"].values,
            (std::vector<std::string>{"1234567893", "1245319599"}));
  EXPECT_EQ(c.fields["cpt"].values,
            (std::vector<std::string>{"99213", "83036"}));
}

TEST(ClaimFormTest, DiagnosesUnderTheirLabelWinOverBox21sPlace) {
  // A look-alike form printed its account number box where the form has
  // box 21's lower rows: the codes under the diagnosis label are the
  // claim's, the account number is no code.
  Scan s = FilledScan();
  s.Put(0.46, 6.72, "26. PATIENT'S ACCOUNT NO.");
  s.Value(0.48, 6.82, "A252064");
  Classification c =
      Classifier(Classifier::DefaultOptions()).Classify({s.page});
  ASSERT_EQ(c.doc_type, "claim");
  EXPECT_EQ(c.fields["icd10"].values,
            (std::vector<std::string>{"E11.9", "I10"}));
}

TEST(ClaimFormTest, AnUnreadableFirstServiceDateGivesNoServiceDate) {
  Scan s = FilledScan();
  for (Word& w : s.page.words) {
    if (w.text == "15") w.text = "l5";  // line 1 "from" day misread
  }
  ClaimFormMatch m = ReadClaimForm({s.page});
  EXPECT_TRUE(m.is_cms1500);
  EXPECT_EQ(Values(m).count("service_date"), 0u)
      << "line 2's date is not the claim's first date of service";
}

TEST(ClaimFormTest, ALabelledDateWhereLineOneIsPrintedIsNoServiceDate) {
  // A look-alike form's signing date where the form prints service line 1
  // (held-out seed 593): "DATE 05 04 2021", a word before the date.
  Scan s = FilledScan();
  std::erase_if(s.page.words, [&](const Word& w) {
    const double y = (w.y / s.dpi - s.dy) / s.scale;  // inches on the form
    return y > 7.4 && y < 8.4;  // the service lines' values
  });
  s.Put(0.26, 7.57, "DATE", 0.05);
  s.Put(0.50, 7.57, "05", 0.05);
  s.Put(0.66, 7.57, "04", 0.05);
  s.Put(0.82, 7.57, "2021", 0.05);
  ClaimFormMatch m = ReadClaimForm({s.page});
  EXPECT_TRUE(m.is_cms1500);
  EXPECT_EQ(Values(m).count("service_date"), 0u);
}

// The values of `s` (not its labels, not `without`) on an unshifted,
// unscaled scan.
Scan ValuesOnly(const Scan& s, const std::string& without = "") {
  Scan bare;
  bare.dx = bare.dy = 0;
  bare.scale = 1;
  for (const Word& w : s.page.words) {
    if (w.confidence < 0.88f && w.text != without) {
      bare.Value((w.x / s.dpi - s.dx) / s.scale, (w.y / s.dpi - s.dy) / s.scale,
                 w.text);
    }
  }
  return bare;
}

TEST(ClaimFormTest, WithoutLabelsValuesInTheBoxesAreEnough) {
  // The same values without labels and without shift: recognised by the
  // values in boxes 3, 21 and 24.
  ClaimFormMatch m = ReadClaimForm({ValuesOnly(FilledScan()).page});
  EXPECT_TRUE(m.is_cms1500);
  auto got = Values(m);
  EXPECT_EQ(got["patient_name"], std::set<std::string>{"Jane Doe"});
  EXPECT_EQ(got["dob"], std::set<std::string>{"1962-03-14"});
  EXPECT_EQ(got["icd10"], (std::set<std::string>{"E11.9", "I10"}));
}

TEST(ClaimFormTest, BoxesPlacedWithoutLabelsOnlyFillWhatTheLabelsMissed) {
  // No printed label where the form prints one: the boxes were placed by
  // the page's size alone, and a name read beside its own label wins over
  // whatever sits at box 2's place (a look-alike claim scanned with its
  // margins put its title there; held-out seed 401).
  Scan s = ValuesOnly(FilledScan());
  s.Put(0.40, 10.60, "Patient Name: Luis Underwood");
  Classification c =
      Classifier(Classifier::DefaultOptions()).Classify({s.page});
  ASSERT_EQ(c.doc_type, "claim");
  EXPECT_EQ(c.fields["patient_name"].values,
            std::vector<std::string>{"Luis Underwood"});
  // What no label gave, the boxes still do.
  EXPECT_EQ(c.fields["dob"].values, std::vector<std::string>{"1962-03-14"});
}

TEST(ClaimFormTest, AWrappedLabelCaughtInTheIdBoxIsNoId) {
  // A look-alike form whose box 1a label wraps its "(For Program in Item
  // 1)" where the standard form prints the insured's ID: "ITEM1" is no ID.
  Scan bare = ValuesOnly(FilledScan(), "XGH123456789");
  bare.Value(5.3, 1.55, "in Item 1)");
  ClaimFormMatch m = ReadClaimForm({bare.page});
  EXPECT_TRUE(m.is_cms1500);
  EXPECT_EQ(Values(m).count("member_id"), 0u);
}

TEST(ClaimFormTest, AnIdSplitInTheIdBoxIsJoined) {
  // OCR split a Medicare ID's last digits off.
  Scan bare = ValuesOnly(FilledScan(), "XGH123456789");
  bare.Value(5.25, 1.47, "5AJ4R00QC 66");
  ClaimFormMatch m = ReadClaimForm({bare.page});
  EXPECT_TRUE(m.is_cms1500);
  EXPECT_EQ(Values(m)["member_id"], std::set<std::string>{"5AJ4R00QC66"});
}

TEST(ClaimFormTest, AnIdStartingJustLeftOfItsBoxIsReadWhole) {
  // A look-alike form's box 1a starts a little left of the standard's; OCR
  // read a space after the ID's first two glyphs, which end left of where
  // the standard box starts (held-out seed 643).
  Scan bare = ValuesOnly(FilledScan(), "XGH123456789");
  bare.Value(4.9, 1.47, "7Y NSJK2HH62");
  EXPECT_EQ(Values(ReadClaimForm({bare.page}))["member_id"],
            std::set<std::string>{"7YN5JK2HH62"});
}

TEST(ClaimFormTest, AMedicareIdsDigitReadAsALetterIsRepaired) {
  Scan bare = ValuesOnly(FilledScan(), "XGH123456789");
  bare.Value(5.25, 1.47, "9XWONH7HJ23");
  EXPECT_EQ(Values(ReadClaimForm({bare.page}))["member_id"],
            std::set<std::string>{"9XW0NH7HJ23"});
}

TEST(ClaimFormTest, AnAddressInTheGroupBoxIsNoGroupNumber) {
  // A look-alike form prints the insured's city, state and ZIP code where
  // the standard form has box 11: "DE 19934" is no group number.
  Scan bare = ValuesOnly(FilledScan(), "GRP-4471");
  bare.Value(5.25, 3.12, "DOVER, DE 19934");
  ClaimFormMatch m = ReadClaimForm({bare.page});
  EXPECT_TRUE(m.is_cms1500);
  EXPECT_EQ(Values(m).count("group_number"), 0u);
  // Nor is it with the I of Iowa read as a 1 (held-out seed 433).
  bare = ValuesOnly(FilledScan(), "GRP-4471");
  bare.Value(5.25, 3.12, "CLINTON, 1A 52739");
  EXPECT_EQ(Values(ReadClaimForm({bare.page})).count("group_number"), 0u);
  // Nor a street address's number (held-out seed 751's look-alike claim).
  bare = ValuesOnly(FilledScan(), "GRP-4471");
  bare.Value(5.25, 3.12, "4929 HARBOR DRIVE");
  EXPECT_EQ(Values(ReadClaimForm({bare.page})).count("group_number"), 0u);
  // Nor its ZIP code alone, the city and state left of the box (held-out
  // seed 1009's look-alike claim).
  bare = ValuesOnly(FilledScan(), "GRP-4471");
  bare.Value(3.95, 3.12, "BOULDER, CO 80324");
  EXPECT_EQ(Values(ReadClaimForm({bare.page})).count("group_number"), 0u);
  // The group number itself is still read there.
  bare = ValuesOnly(FilledScan());
  EXPECT_EQ(Values(ReadClaimForm({bare.page}))["group_number"],
            std::set<std::string>{"GRP-4471"});
}

TEST(ClaimFormTest, OtherPagesAreNotClaimForms) {
  EXPECT_FALSE(ReadClaimForm({}).is_cms1500);
  Page empty;
  EXPECT_FALSE(ReadClaimForm({empty}).is_cms1500);
  // A registration form: similar labels, its own layout.
  Scan reg;
  reg.dx = reg.dy = 0;
  reg.scale = 1;
  reg.Put(0.5, 0.6, "NEW PATIENT REGISTRATION FORM", 0.12);
  reg.Put(0.5, 1.5, "Patient Name:");
  reg.Value(1.6, 1.45, "DOE, JANE");
  reg.Put(4.5, 1.5, "Date of Birth:");
  reg.Value(5.6, 1.45, "03/14/1962");
  reg.Put(0.5, 2.0, "Insured's Name:");
  reg.Put(0.5, 2.5, "Insurance ID:");
  reg.Value(1.6, 2.45, "XGH123456789");
  reg.Put(0.5, 3.0, "Patient's Address:");
  reg.Value(1.8, 2.95, "12 Main St");
  reg.Put(0.5, 6.5, "Diagnosis:");
  reg.Value(1.6, 6.45, "E11.9");
  reg.Put(0.5, 7.5, "Visit date:");
  reg.Value(1.6, 7.55, "01 15 24");
  ClaimFormMatch m = ReadClaimForm({reg.page});
  EXPECT_FALSE(m.is_cms1500);
  EXPECT_TRUE(m.hits.empty());
  // Labels alone in plain text (no boxes): recognised, nothing read.
  Page text;
  text.text = FilledScan().page.text;
  ClaimFormMatch t = ReadClaimForm({text});
  EXPECT_TRUE(t.is_cms1500);
  EXPECT_TRUE(t.hits.empty());
}

TEST(ClaimFormTest, TheUb04SampleIsNotACms1500) {
  std::string path = Corpus("medical/doc2data/ub04_sample.pdf");
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "no corpus at " << path;
  std::vector<Page> pages = PdfPages(path);
  ASSERT_FALSE(pages.empty());
  size_t words = 0;
  for (const Page& p : pages) words += p.words.size();
  std::cout << "ub04_sample.pdf: " << pages.size() << " pages, " << words
            << " words\n";
  ClaimFormMatch m = ReadClaimForm(pages);
  EXPECT_FALSE(m.is_cms1500);
  EXPECT_TRUE(m.hits.empty());
}

// Width and height of a PNG from its IHDR chunk.
bool PngSize(const std::string& path, int* width, int* height) {
  std::string head = ReadFile(path).substr(0, 24);
  if (head.size() < 24) return false;
  auto be32 = [&](int at) {
    return (static_cast<unsigned char>(head[at]) << 24) |
           (static_cast<unsigned char>(head[at + 1]) << 16) |
           (static_cast<unsigned char>(head[at + 2]) << 8) |
           static_cast<unsigned char>(head[at + 3]);
  };
  *width = be32(16);
  *height = be32(20);
  return true;
}

TEST(ClaimFormTest, FunsdFormsAreNotClaimForms) {
  std::filesystem::path dir = Corpus("funsd/training_data/annotations");
  if (!std::filesystem::exists(dir)) GTEST_SKIP() << "no corpus at " << dir;
  int forms = 0, matched = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".json") continue;
    std::filesystem::path png = entry.path().parent_path().parent_path() /
                                "images" /
                                (entry.path().stem().string() + ".png");
    Page page;
    page.number = 1;
    page.dpi = 100;
    if (!PngSize(png.string(), &page.width, &page.height)) continue;
    // FUNSD's word boxes (labels and values), as OCR would give them.
    nlohmann::json doc = nlohmann::json::parse(ReadFile(entry.path().string()));
    for (const auto& entity : doc["form"]) {
      for (const auto& word : entity["words"]) {
        const auto& box = word["box"];
        Word w;
        w.text = word["text"].get<std::string>();
        if (w.text.empty()) continue;
        w.x = box[0].get<int>();
        w.y = box[1].get<int>();
        w.w = box[2].get<int>() - w.x;
        w.h = box[3].get<int>() - w.y;
        w.confidence = 1;
        page.words.push_back(w);
        page.text += w.text + " ";
      }
    }
    ++forms;
    ClaimFormMatch m = ReadClaimForm({page});
    if (m.is_cms1500) {
      ++matched;
      ADD_FAILURE() << entry.path().filename() << " read as a CMS-1500";
    }
  }
  std::cout << "FUNSD: " << matched << "/" << forms << " read as CMS-1500\n";
  EXPECT_GE(forms, 50);
}

}  // namespace
}  // namespace intake::classify
