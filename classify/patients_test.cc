// Patient matching tests. Every patient, number and date here is made up.
#include "classify/patients.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <random>
#include <set>

#include "classify/classifier.h"
#include "classify/test_pages.h"

namespace intake::classify {
namespace {

using testing::TextPage;

PatientRecord P(std::string mrn, std::string last, std::string first,
                std::string dob, std::string member = "") {
  PatientRecord p;
  p.id = "p-" + mrn;
  p.mrn = std::move(mrn);
  p.last_name = std::move(last);
  p.first_name = std::move(first);
  p.dob = std::move(dob);
  p.member_id = std::move(member);
  return p;
}

// A registry full of look-alikes of Daniel Rivera and John Smith.
std::vector<PatientRecord> LookAlikes() {
  return {
      P("50752917", "Rivera", "Daniel", "1962-03-14", "XGH123456"),
      P("50752971", "Chen", "Maria", "1970-01-02"),     // transposed MRN
      P("61234567", "Rivera", "David", "1962-03-14"),   // same DOB, last
      P("61234568", "Rivera", "Daniel", "1988-07-30"),  // same name
      P("70000001", "Lopez", "Emma", "2001-05-05"),     // twins
      P("70000002", "Lopez", "Emily", "2001-05-05"),
      P("70000003", "Okafor", "Marisol", "1999-09-09"),  // near-twins
      P("70000004", "Okafor", "Marisel", "1999-09-09"),
      P("80000001", "Smith Jr", "John", "1990-02-02"),  // Jr / Sr
      P("80000002", "Smith Sr", "John", "1960-02-02"),
      P("80000003", "Smith", "Jon", "1975-06-06"),  // John vs Jon
      P("90000001", "Garcia-Lopez", "Mary-Kate", "1985-12-12"),
      P("90000002", "Núñez", "José", "1950-04-04"),
  };
}

// The patient decision for a one-page document of `text`.
PatientMatch MatchText(const PatientRegistry& registry,
                       const std::string& text) {
  std::vector<Page> pages = {TextPage(text)};
  return MatchPatient(registry, pages, ExtractFields(pages));
}

class MatchTest : public ::testing::Test {
 protected:
  MatchTest() : registry_(LookAlikes()) {}
  PatientMatch Match(const std::string& text) {
    return MatchText(registry_, text);
  }
  PatientRegistry registry_;
};

std::string Reasons(const PatientMatch& m) {
  std::string out;
  for (const std::string& r : m.reasons) out += r + " ";
  return out + "| " + m.detail;
}

TEST_F(MatchTest, RegistryLookups) {
  EXPECT_EQ(registry_.size(), 13u);
  ASSERT_NE(registry_.FindByMrn("50752917"), nullptr);
  EXPECT_EQ(registry_.FindByMrn(" 50752917")->first_name, "Daniel");
  EXPECT_EQ(registry_.FindByMrn("123"), nullptr);
  EXPECT_EQ(registry_.FindByDob("1962-03-14").size(), 2u);
  EXPECT_EQ(registry_.FindByMemberId("xgh 123456").size(), 1u);
  EXPECT_EQ(registry_.FindByLastName("RIVERA").size(), 3u);
  EXPECT_EQ(registry_.FindByLastName("Nunez").size(), 1u);
}

TEST(RegistryTest, AnMrnHeldTwiceMatchesNoOne) {
  PatientRegistry r({P("100001", "Lee", "Ann", "1990-01-01"),
                     P("100001", "Kim", "Bo", "1991-01-01")});
  EXPECT_EQ(r.FindByMrn("100001"), nullptr);
}

TEST_F(MatchTest, TwoAgreeingIdentifiersFile) {
  PatientMatch m =
      Match("Patient: RIVERA, DANIEL  DOB: 03/14/1962  MRN: 50752917");
  EXPECT_TRUE(m.reasons.empty()) << Reasons(m);
  EXPECT_EQ(m.link.id, "p-50752917");
  EXPECT_EQ(m.link.mrn, "50752917");
  EXPECT_EQ(m.link.name, "Daniel Rivera");
  EXPECT_EQ(m.link.match, "mrn+name");
  EXPECT_EQ(Match("MRN: 50752917\nDOB: 3/14/62").link.match, "mrn+dob");
  EXPECT_EQ(
      Match("Name: Daniel M. Rivera\nDate of Birth: March 14, 1962").link.match,
      "name+dob");
  EXPECT_EQ(
      Match("Member Name: Daniel Rivera\nMember ID: XGH 123456").link.match,
      "name+member_id");
}

TEST_F(MatchTest, OneIdentifierIsNotEnough) {
  EXPECT_EQ(Reasons(Match("MRN: 50752917")).substr(0, 16), "no_patient_match");
  EXPECT_EQ(Match("Patient Name: Daniel Rivera").reasons,
            std::vector<std::string>{"no_patient_match"});
  EXPECT_EQ(Match("DOB: 03/14/1962").reasons,
            std::vector<std::string>{"no_patient_match"});
}

TEST_F(MatchTest, OcrDamagedNameStillMatchesWithMrn) {
  PatientMatch m = Match("Patient: RlVERA, DANIEL  MRN: 50752917");
  EXPECT_EQ(m.link.id, "p-50752917") << Reasons(m);
  EXPECT_EQ(m.link.match, "mrn+name");
  m = Match("Patient: Daniel Rivena  DOB: 03/14/1962");
  EXPECT_EQ(m.link.id, "p-50752917") << Reasons(m);
  // Two letters off a long surname, with the MRN and the birth date exact:
  // filed by those two, not a conflict.
  PatientRegistry registry(
      {P("90597788", "Underhill", "Marisol", "1941-12-28"),
       P("90597789", "Underhill", "Marisa", "1941-12-28")});
  m = MatchText(registry,
                "Patient: Marisol Underhtl  DOB: 12/28/1941  MRN: 90597788");
  EXPECT_EQ(m.link.id, "p-90597788") << Reasons(m);
  EXPECT_EQ(m.link.match, "mrn+dob");
  // So is a middle initial I read onto the first name ("Ferraro, Rosa I"
  // read "Ferraro, Rosal"; held-out seed 353), beside a twin one letter
  // apart; the document takes the registry's spelling.
  PatientRegistry rosas({P("1262398172", "Ferraro", "Rosa", "1991-05-29"),
                         P("941384937", "Ferraro", "Rosi", "1991-05-29")});
  m = MatchText(rosas,
                "PATIENT'S FULL NAME: Ferraro, Rosal BIRTHDATE: 29-MAY-1991\n"
                "ACCT/MRN: 1262398172");
  EXPECT_EQ(m.link.id, "p-1262398172") << Reasons(m);
  EXPECT_EQ(m.link.match, "mrn+dob");
  EXPECT_EQ(m.corrected_fields[std::string(field::kPatientName)],
            "Rosa Ferraro");
  // Any initial so read ("LEE, LUIS E" read "LEE, LUISE"; seed 389).
  PatientRegistry luises({P("34133754", "Lee", "Luis", "1973-01-27"),
                          P("279074769", "Lee", "Lues", "1973-01-27")});
  m = MatchText(luises, "PT NAME: LEE, LUISE DOB: 1/27/1973 MR# 34133754");
  EXPECT_EQ(m.link.id, "p-34133754") << Reasons(m);
  // Without the MRN it proves nothing.
  EXPECT_EQ(MatchText(rosas,
                      "PATIENT'S FULL NAME: Ferraro, Rosal BIRTHDATE: "
                      "29-MAY-1991")
                .link.match,
            "none");
  // A space read inside a monospaced surname, its head taken for a middle
  // name ("Imani Thist Lewood" for Imani Thistlewood; seed 7676).
  PatientRegistry imanis({P("382482814", "Thistlewood", "Imani", "1949-11-22"),
                          P("382482815", "Lewood", "Imani", "1950-01-02")});
  m = MatchText(imanis,
                "Patient: Imani Thist Lewood  DOB: 11/22/1949  MRN: 382482814");
  EXPECT_EQ(m.link.id, "p-382482814") << Reasons(m);
  EXPECT_EQ(m.corrected_fields[std::string(field::kPatientName)],
            "Imani Thistlewood");
  // A gap read inside a surname, or a hyphen lost, is the same name: the
  // document takes the registry's spelling ("Vander Linde" for Vanderlinde
  // on moderate scans; generator seeds 6464 and 7878). Capitals alone keep
  // the page's spelling.
  PatientRegistry spaced(
      {P("185088480", "Vanderlinde", "Rosalind", "1949-06-15"),
       P("690115410", "Brandt-Ellis", "Ulric", "1986-07-06")});
  for (auto [text, want] : std::vector<std::pair<std::string, std::string>>{
           {"Last Name: Vander Linde  First Name: Rosalind  DOB: 06/15/1949  "
            "MRN: 185088480",
            "Rosalind Vanderlinde"},
           {"Patient: Ulric Brandt Ellis  DOB: 07/06/1986  MRN: 690115410",
            "Ulric Brandt-Ellis"},
           {"Patient: ROSALIND VANDERLINDE  DOB: 06/15/1949  MRN: 185088480",
            ""},
           {"Patient: Ulric Brandt-Ellis  DOB: 07/06/1986  MRN: 690115410",
            ""}}) {
    m = MatchText(spaced, text);
    EXPECT_NE(m.link.match, "none") << text << Reasons(m);
    EXPECT_EQ(m.corrected_fields[std::string(field::kPatientName)], want)
        << text;
  }
  // A surname that is only the end of the registry's is no proof alone.
  EXPECT_EQ(MatchText(imanis, "Patient: Imani Lewood  DOB: 11/22/1949").link.id,
            "")
      << "a name and birth date that fit no one";
  // A first name read as noise beside the exact surname ("eoua M.
  // Northcott" for Leona at .05 off a fax; generated seed 7373); read
  // surely, it is someone else's name.
  PatientRegistry leonas({P("816339966", "Northcott", "Leona", "2015-09-20"),
                          P("484938707", "Northcott", "Leone", "2015-09-20")});
  auto fax = [&](float first_confidence) {
    std::vector<Page> pages = {testing::WordPage({
        testing::Phrase("Patient:", 100, 700, 0.93f),
        testing::Phrase("eoua", 280, 700, first_confidence),
        testing::Phrase("M. Northcott", 370, 700, 0.88f),
        testing::Phrase("Birth Date: 09/20/2015", 800, 700, 0.9f),
        testing::Phrase("Medical Record #: 816339966", 100, 760, 0.9f),
    })};
    return MatchPatient(leonas, pages, ExtractFields(pages));
  };
  m = fax(0.05f);
  EXPECT_EQ(m.link.id, "p-816339966") << Reasons(m);
  EXPECT_EQ(m.link.match, "mrn+dob");
  EXPECT_EQ(m.corrected_fields[std::string(field::kPatientName)],
            "Leona Northcott");
  EXPECT_EQ(fax(0.9f).link.match, "none");
  // Without the birth date, or with both parts damaged, it still is.
  for (const char* text : {"Patient: Marisol Underhtl  MRN: 90597788",
                           "Patient: Marisel Underhtl  DOB: 12/28/1941  "
                           "MRN: 90597788"}) {
    EXPECT_EQ(MatchText(registry, text).link.match, "none") << text;
  }
}

TEST_F(MatchTest, SameDobSameSurnameDifferentFirstNameNeverMatches) {
  // David Rivera shares Daniel's DOB and surname.
  PatientMatch m = Match("Patient: David Rivera  DOB: 03/14/1962");
  EXPECT_EQ(m.link.id, "p-61234567") << Reasons(m);
  m = Match("Patient: David Rivera  DOB: 03/14/1962  MRN: 50752917");
  EXPECT_EQ(m.reasons, std::vector<std::string>{"patient_conflict"});
  EXPECT_EQ(m.link.match, "none");
}

TEST_F(MatchTest, SameNameDifferentDobGoesByDob) {
  EXPECT_EQ(Match("Patient: Daniel Rivera  DOB: 07/30/1988").link.id,
            "p-61234568");
  // The MRN is the 1962 Daniel's, the DOB the 1988 one's: conflict.
  PatientMatch m =
      Match("Patient: Daniel Rivera  DOB: 07/30/1988  MRN: 50752917");
  EXPECT_EQ(m.reasons, std::vector<std::string>{"patient_conflict"})
      << Reasons(m);
  // A namesake not in the registry (another DOB) is no one.
  EXPECT_EQ(Match("Patient: Daniel Rivera  DOB: 01/01/1999").reasons,
            std::vector<std::string>{"no_patient_match"});
}

TEST_F(MatchTest, TwinsAreToldApartOnlyByTheirNames) {
  EXPECT_EQ(Match("Patient: Emma Lopez  DOB: 05/05/2001").link.id,
            "p-70000001");
  EXPECT_EQ(Match("Patient: Emily Lopez  DOB: 05/05/2001").link.id,
            "p-70000002");
  // Marisol / Marisel: one letter apart and one birthday: a damaged read
  // could be either twin, so name+dob is not enough ...
  PatientMatch m = Match("Patient: Marisel Okafor  DOB: 09/09/1999");
  EXPECT_EQ(m.reasons, std::vector<std::string>{"patient_conflict"});
  // ... but the MRN settles it.
  m = Match("Patient: Marisel Okafor DOB: 09/09/1999 MRN: 70000004");
  EXPECT_EQ(m.link.id, "p-70000004") << Reasons(m);
}

TEST(LookAlikeTest, TheMemberIdTellsTwinsApart) {
  // Twins one letter apart with one birthday, each with a card of their
  // own, as on an insurance card or a claim (no MRN).
  PatientRegistry registry(
      {P("71000001", "Szabo", "Lucas", "1986-02-12", "X05613909"),
       P("71000002", "Szabo", "Lucus", "1986-02-12", "X04355579"),
       P("71000003", "Szabo", "Priya", "1986-02-12")});
  auto match = [&](const std::string& text) {
    return MatchText(registry, text);
  };
  PatientMatch m =
      match("Patient: Lucas Szabo  DOB: 02/12/1986  Member ID: X05613909");
  EXPECT_EQ(m.link.id, "p-71000001") << Reasons(m);
  EXPECT_EQ(m.link.match, "name+member_id");
  m = match("Patient: Lucus Szabo  DOB: 02/12/1986  Member ID: X04355579");
  EXPECT_EQ(m.link.id, "p-71000002") << Reasons(m);
  // Without a member ID, or with one neither twin holds, the names alone
  // cannot tell a twin from a damaged read of the other.
  for (const char* text :
       {"Patient: Lucas Szabo  DOB: 02/12/1986",
        "Patient: Lucas Szabo  DOB: 02/12/1986  Member ID: X99999999"}) {
    m = match(text);
    EXPECT_EQ(m.link.match, "none") << text;
    EXPECT_EQ(m.reasons, std::vector<std::string>{"patient_conflict"}) << text;
  }
  // A member ID printed where its label was unreadable tells them apart
  // too (with no member ID at all, the names alone cannot: above).
  m = match("Patient: Lucus Szabo  DOB: 02/12/1986\nX04355579");
  EXPECT_EQ(m.link.id, "p-71000002") << Reasons(m);
  EXPECT_EQ(m.printed_fields["member_id"].values,
            std::vector<std::string>{"X04355579"});
  // One twin's exact name on the other's card: not filed to either.
  m = match("Patient: Lucas Szabo  DOB: 02/12/1986  Member ID: X04355579");
  EXPECT_EQ(m.link.match, "none") << Reasons(m);
  // A member ID read with an O for a 0 still tells them apart beside the
  // exact name, the only registry member ID that repair reaches ...
  m = match("Patient: Lucas Szabo  DOB: 02/12/1986  Member ID: XO5613909");
  EXPECT_EQ(m.link.id, "p-71000001") << Reasons(m);
  EXPECT_NE(m.detail.find("OCR repair"), std::string::npos) << m.detail;
  m = match("Patient: Lucus Szabo  DOB: 02/12/1986  Member ID: XO4355579");
  EXPECT_EQ(m.link.id, "p-71000002") << Reasons(m);
  // ... but a repaired member ID beside a near name proves nothing.
  m = match("Patient: Lucis Szabo  DOB: 02/12/1986  Member ID: XO4355579");
  EXPECT_EQ(m.link.match, "none") << Reasons(m);
}

TEST(LookAlikeTest, ASurelyReadExactNameTellsTwinsApart) {
  // Twins one letter apart with one birthday, and a prescription that
  // carries only the name and the birth date.
  PatientRegistry registry({P("71000001", "Szabo", "Lucas", "1986-02-12"),
                            P("71000002", "Szabo", "Luces", "1986-02-12")});
  // The name beside its label, and again below as `again` spells it
  // (not at all where empty).
  auto match = [&](const std::string& first, float confidence,
                   const std::string& again, float again_confidence) {
    std::vector<std::vector<testing::PlacedWord>> lines = {
        testing::Phrase("Patient:", 100, 300),
        testing::Phrase(first, 280, 300, confidence),
        testing::Phrase("Szabo DOB: 02/12/1986", 400, 300),
    };
    if (!again.empty()) {
      lines.push_back(testing::Phrase("Dispense to " + again + " Szabo", 100,
                                      400, again_confidence));
    }
    std::vector<Page> pages = {testing::WordPage(lines)};
    return MatchPatient(registry, pages, ExtractFields(pages));
  };
  PatientMatch m = match("Lucas", 0.96f, "Lucas", 0.96f);
  EXPECT_EQ(m.link.id, "p-71000001") << Reasons(m);
  EXPECT_EQ(m.link.match, "name+dob");
  EXPECT_EQ(match("Luces", 0.97f, "Luces", 0.96f).link.id, "p-71000002");
  EXPECT_EQ(match("Lucas", 0.96f, "", 0).link.id, "p-71000001");
  // Read twice the same way, each read fairly sure (all-capital names
  // score lower): a one-letter misread is not made twice alike.
  for (auto [first, again] : {std::pair{0.94f, 0.96f}, {0.88f, 0.86f}}) {
    m = match("Lucas", first, "LUCAS", again);
    EXPECT_EQ(m.link.id, "p-71000001") << first << " " << again;
  }
  // An unsure read, anywhere on the page, may be the other twin's name
  // with one letter misread; so may a fairly sure read made once.
  for (auto [first, again] :
       {std::pair{0.96f, 0.80f}, {0.84f, 0.97f}, {0.93f, 0.0f}}) {
    m = match("Lucas", first, again > 0 ? "Lucas" : "", again);
    EXPECT_EQ(m.link.match, "none") << first << " " << again;
    EXPECT_EQ(m.reasons, std::vector<std::string>{"patient_conflict"});
  }
  // The same first name elsewhere, not beside the surname, is someone
  // else's: no second read of the patient's.
  m = match("Lucas", 0.90f, "", 0);
  EXPECT_EQ(m.link.match, "none") << Reasons(m);
  {
    std::vector<Page> pages = {testing::WordPage({
        testing::Phrase("Patient: Lucas Szabo DOB: 02/12/1986", 100, 300,
                        0.90f),
        testing::Phrase("Referring: Dr. Lucas Reed", 100, 400, 0.96f),
    })};
    m = MatchPatient(registry, pages, ExtractFields(pages));
    EXPECT_EQ(m.link.match, "none") << Reasons(m);
  }
  // A hyphenated surname beside each read (held-out seed 293's consents).
  {
    PatientRegistry hyphen(
        {P("304143", "Garcia-Lopez", "Ashley", "1987-09-10"),
         P("338160067", "Garcia-Lopez", "Ashloy", "1987-09-10")});
    std::vector<Page> pages = {testing::WordPage({
        testing::Phrase("Patient: Garcia-Lopez, Ashley DOB: 09/10/1987", 100,
                        300, 0.88f),
        testing::Phrase("I, Ashley Garcia-Lopez, consent", 100, 400, 0.93f),
    })};
    m = MatchPatient(hyphen, pages, ExtractFields(pages));
    EXPECT_EQ(m.link.mrn, "304143") << Reasons(m);
  }
  // A registration form's labels between surname and first name, the
  // surname one letter off in the second read (generator seed 2222's fax).
  {
    std::vector<Page> pages = {testing::WordPage({
        testing::Phrase("Last Name Szabo", 100, 300, 0.96f),
        testing::Phrase("First Name Lucas", 100, 350, 0.87f),
        testing::Phrase("Date of Birth 02/12/1986", 100, 400, 0.95f),
        testing::Phrase("Policy Holder: Lucas J. Szaho", 100, 500, 0.96f),
    })};
    m = MatchPatient(registry, pages, ExtractFields(pages));
    EXPECT_EQ(m.link.id, "p-71000001") << Reasons(m);
  }
  // The other twin's spelling anywhere on the page: in two minds.
  m = match("Lucas", 0.97f, "Luces", 0.97f);
  EXPECT_EQ(m.link.match, "none") << Reasons(m);
}

TEST(LookAlikeTest, APrintedMrnTellsTwinsApartBesideTheExactName) {
  // An authorization whose "MRN" label OCR read as "MRK": the number under
  // it is one twin's MRN, the name beside it that twin's, read unsurely.
  PatientRegistry registry({P("71000001", "Szabo", "Lucas", "1986-02-12"),
                            P("71000002", "Szabo", "Luces", "1986-02-12")});
  auto match = [&](const std::string& name, const std::string& mrn) {
    std::vector<Page> pages = {testing::WordPage({
        testing::Phrase("Full Name: " + name + " DOB: 02/12/1986", 100, 300,
                        0.90f),
        testing::Phrase("MRK " + mrn, 100, 400, 0.9f),
    })};
    return MatchPatient(registry, pages, ExtractFields(pages));
  };
  PatientMatch m = match("Lucas Szabo", "71000001");
  EXPECT_EQ(m.link.id, "p-71000001") << Reasons(m);
  EXPECT_EQ(m.link.match, "mrn+name");
  EXPECT_EQ(match("Luces Szabo", "71000002").link.id, "p-71000002");
  // One twin's MRN beside the other's name: not filed to either.
  m = match("Lucas Szabo", "71000002");
  EXPECT_EQ(m.link.match, "none") << Reasons(m);
  EXPECT_EQ(m.reasons, std::vector<std::string>{"patient_conflict"});
}

TEST(LookAlikeTest, AnotherPatientsMemberIdIsNeverFiledPast) {
  // Same name, birth dates three years apart; OCR read the 1931 of a
  // severe scan as 1934 and split its MRN, but the member ID beside them
  // is the 1931 patient's.
  PatientRegistry registry(
      {P("673139110", "Whitcombe", "Brooke", "1934-03-19", "W205395863"),
       P("708700518", "Whitcombe", "Brooke", "1931-03-19", "MBR4013688230")});
  PatientMatch m = MatchText(
      registry,
      "Last Name Whitcombe First Name: Brooke\nD.O.B 03/19/1934 Sex Female\n"
      "Chart # 7087005 18 Address 8530 Cedar Street\n"
      "Member Number: MBR4013688230 Group # G4381129\n");
  EXPECT_EQ(m.link.match, "none") << m.detail;
  EXPECT_EQ(m.reasons, std::vector<std::string>{"patient_conflict"});
  // With the birth date read right it is that patient's.
  m = MatchText(registry,
                "Last Name Whitcombe First Name: Brooke\nD.O.B 03/19/1931\n"
                "Member Number: MBR4013688230\n");
  EXPECT_EQ(m.link.id, "p-708700518") << Reasons(m);
}

TEST(LookAlikeTest, ATwinFiledByItsSurelyReadNameGetsItsPrintedIds) {
  PatientRegistry registry(
      {P("71000001", "Szabo", "Lucas", "1986-02-12", "X05613909"),
       P("71000002", "Szabo", "Luces", "1986-02-12", "X04355579")});
  std::vector<Page> pages = {testing::WordPage({
      testing::Phrase("Patient: Lucas Szabo DOB: 02/12/1986", 100, 300, 0.96f),
      testing::Phrase("X05613909", 100, 400, 0.9f),
  })};
  PatientMatch m = MatchPatient(registry, pages, ExtractFields(pages));
  EXPECT_EQ(m.link.id, "p-71000001") << Reasons(m);
  ASSERT_TRUE(m.printed_fields.contains("member_id")) << Reasons(m);
  EXPECT_EQ(m.printed_fields["member_id"].values,
            std::vector<std::string>{"X05613909"});
  EXPECT_FLOAT_EQ(m.printed_fields["member_id"].confidence, 0.9f);
}

TEST(OcrRepairTest, AFiledPagesMisreadIdsTakeTheRegistrysSpelling) {
  PatientRegistry registry(
      {P("71000001", "Szabo", "Lucas", "1986-02-12", "MBR05613909")});
  auto match = [&](const std::string& text) {
    return MatchText(registry, text);
  };
  // Filed by name and birth date: the member ID read with an O for a 0 is
  // the patient's card as the registry spells it.
  PatientMatch m =
      match("Patient: Lucas Szabo  DOB: 02/12/1986  Member ID: MBRO5613909");
  EXPECT_EQ(m.link.id, "p-71000001") << Reasons(m);
  EXPECT_EQ(m.corrected_fields,
            (std::map<std::string, std::string>{{"member_id", "MBR05613909"}}));
  // One glyph read twice, as itself and as its look-alike.
  m = match("Patient: Lucas Szabo  DOB: 02/12/1986  Member ID: MBRO05613909");
  EXPECT_EQ(m.corrected_fields,
            (std::map<std::string, std::string>{{"member_id", "MBR05613909"}}))
      << Reasons(m);
  // Two glyphs read twice, each as its look-alike and itself (a fill-in
  // line under the ID).
  m = match("Patient: Lucas Szabo  DOB: 02/12/1986  Member ID: MBRO056139O09");
  EXPECT_EQ(m.corrected_fields,
            (std::map<std::string, std::string>{{"member_id", "MBR05613909"}}))
      << Reasons(m);
  // Two equal digits side by side read as one (a fax's "11").
  m = match("Patient: Lucas Szabo  DOB: 02/12/1986  MRN: 7100001");
  EXPECT_EQ(m.link.id, "p-71000001") << Reasons(m);
  EXPECT_EQ(m.corrected_fields,
            (std::map<std::string, std::string>{{"mrn", "71000001"}}))
      << Reasons(m);
  // Its letters lost on the fill-in line.
  m = match("Patient: Lucas Szabo  DOB: 02/12/1986  Member ID: 05613909");
  EXPECT_EQ(m.corrected_fields,
            (std::map<std::string, std::string>{{"member_id", "MBR05613909"}}))
      << Reasons(m);
  // An ID the label's reading took only part of, printed whole.
  m = match(
      "Patient: Lucas Szabo  DOB: 02/12/1986\nChart #: 7100000 1  "
      "Address: 8530 Cedar Street");
  EXPECT_EQ(m.corrected_fields,
            (std::map<std::string, std::string>{{"mrn", "71000001"}}))
      << Reasons(m);
  // A J's top read as a T's, a 9 as Q (member IDs of filed claims and
  // EOBs, held-out seed 241).
  PatientRegistry cards(
      {P("71000002", "Jones", "Andrew", "1941-09-08", "6UQ8VA6JY32"),
       P("71000003", "Lopez", "Matthew", "1953-10-13", "9UD0UY7YY10")});
  m = MatchText(
      cards, "Patient: Andrew Jones  DOB: 09/08/1941  Member ID: 6UQ8VA6TY32");
  EXPECT_EQ(m.corrected_fields,
            (std::map<std::string, std::string>{{"member_id", "6UQ8VA6JY32"}}))
      << Reasons(m);
  m = MatchText(
      cards, "Patient: Matthew Lopez  DOB: 10/13/1953  Member ID: QUDOUY7YY10");
  EXPECT_EQ(m.corrected_fields,
            (std::map<std::string, std::string>{{"member_id", "9UD0UY7YY10"}}))
      << Reasons(m);
  // A 9 read as O, in a serif face (held-out seeds 347 and 359).
  PatientRegistry nines(
      {P("71000005", "Clark", "Brian", "1938-06-22", "8FC9VH6VN00")});
  m = MatchText(
      nines, "Patient: Brian Clark  DOB: 06/22/1938  Member ID: 8FCOVH6VNO0");
  EXPECT_EQ(m.corrected_fields,
            (std::map<std::string, std::string>{{"member_id", "8FC9VH6VN00"}}))
      << Reasons(m);
  // ... with a glyph beside read twice too ("7TNV4CFOWW54" for
  // 7NV4CF9WW54, held-out seed 347).
  PatientRegistry doubled(
      {P("71000006", "Mitchell", "Viktor", "1974-10-02", "7NV4CF9WW54")});
  m = MatchText(doubled,
                "Patient: Viktor Mitchell  DOB: 10/02/1974  Member ID: "
                "7TNV4CFOWW54");
  EXPECT_EQ(m.corrected_fields,
            (std::map<std::string, std::string>{{"member_id", "7NV4CF9WW54"}}))
      << Reasons(m);
  // A monospaced J read as I (held-out seed 983's claims).
  PatientRegistry hooks(
      {P("0483130", "Perez", "Wei", "1980-12-24", "VJM645959705")});
  m = MatchText(hooks,
                "Patient: Wei Perez  DOB: 12/24/1980  Member ID: VIM645959705");
  EXPECT_EQ(m.link.mrn, "0483130") << Reasons(m);
  EXPECT_EQ(m.corrected_fields,
            (std::map<std::string, std::string>{{"member_id", "VJM645959705"}}))
      << Reasons(m);
  // A 0 read as Q beside one read as O, in an MRN the name and birth date
  // filed (held-out seed 1423's clean referral).
  PatientRegistry tails({P("MR0015206", "Mbeki", "Ingrid", "1988-11-12", "")});
  m = MatchText(tails,
                "Patient: Ingrid Mbeki  DOB: 11/12/1988  Chart No.: MROQ15206");
  EXPECT_EQ(m.link.mrn, "MR0015206") << Reasons(m);
  EXPECT_EQ(m.corrected_fields,
            (std::map<std::string, std::string>{{"mrn", "MR0015206"}}))
      << Reasons(m);
  // Any one glyph added to an MRN the name and birth date filed (held-out
  // seed 977's referral); not to one of five glyphs.
  PatientRegistry added({P("00769984", "Smith", "Curtis", "1975-08-04", ""),
                         P("76998", "Smith", "Lena", "1965-08-04", "")});
  m = MatchText(added,
                "Patient: Curtis Smith  DOB: 08/04/1975  MRN: 007699864");
  EXPECT_EQ(m.link.mrn, "00769984") << Reasons(m);
  EXPECT_EQ(m.corrected_fields,
            (std::map<std::string, std::string>{{"mrn", "00769984"}}))
      << Reasons(m);
  m = MatchText(added, "Patient: Lena Smith  DOB: 08/04/1965  MRN: 769958");
  EXPECT_EQ(m.link.mrn, "76998") << Reasons(m);
  EXPECT_TRUE(m.corrected_fields.empty()) << Reasons(m);
  // Any one glyph read as another in an MRN the name and birth date filed
  // (a 6 read as S on a severe scan, generator seed 10202); not in one of
  // five glyphs, and never where the MRN read is another patient's.
  PatientRegistry other({P("674092163", "Jablonski", "Soren", "1961-01-05", ""),
                         P("76998", "Jablonski", "Mira", "1965-08-04", ""),
                         P("674092168", "Marsh", "Ida", "1950-02-03", "")});
  m = MatchText(other,
                "Patient: Soren Jablonski  DOB: 01/05/1961  MRN: S74092163");
  EXPECT_EQ(m.link.mrn, "674092163") << Reasons(m);
  EXPECT_EQ(m.corrected_fields,
            (std::map<std::string, std::string>{{"mrn", "674092163"}}))
      << Reasons(m);
  m = MatchText(other, "Patient: Mira Jablonski  DOB: 08/04/1965  MRN: 76908");
  EXPECT_EQ(m.link.mrn, "76998") << Reasons(m);
  EXPECT_TRUE(m.corrected_fields.empty()) << Reasons(m);
  m = MatchText(other,
                "Patient: Soren Jablonski  DOB: 01/05/1961  MRN: 674092168");
  EXPECT_TRUE(m.link.id.empty()) << Reasons(m);
  // A geometric face's splayed M read as VI (generated seed 7373's clean
  // referral); not a letter read as any two.
  m = match("Patient: Lucas Szabo  DOB: 02/12/1986  Member ID: VIBR05613909");
  EXPECT_EQ(m.corrected_fields,
            (std::map<std::string, std::string>{{"member_id", "MBR05613909"}}))
      << Reasons(m);
  m = match("Patient: Lucas Szabo  DOB: 02/12/1986  Member ID: XYBR05613909");
  EXPECT_TRUE(m.corrected_fields.empty()) << Reasons(m);
  // A card's letter prefix lost, on an EOB that prints no birth date: the
  // one registry card so ending, beside the exact name, files the page
  // (held-out seed 241); a name one letter off does not.
  PatientRegistry prefixed(
      {P("71000004", "Achterberg", "Nancy", "1994-03-13", "Q5395858402")});
  m = MatchText(prefixed,
                "Subscriber: Achterberg, Nancy\nSubscriber ID: 5395858402");
  EXPECT_EQ(m.link.id, "p-71000004") << Reasons(m);
  EXPECT_EQ(m.corrected_fields,
            (std::map<std::string, std::string>{{"member_id", "Q5395858402"}}))
      << Reasons(m);
  EXPECT_TRUE(MatchText(prefixed,
                        "Subscriber: Achterbarg, Nancy\nSubscriber ID: "
                        "5395858402")
                  .link.id.empty());
  // Read right, or a different card (not an OCR confusion of it), or not
  // filed: the page's reading stands.
  for (const char* text :
       {"Patient: Lucas Szabo  DOB: 02/12/1986  Member ID: MBR05613909",
        "Patient: Lucas Szabo  DOB: 02/12/1986  Member ID: MBR05613999",
        "Patient: Lucas Szabo  DOB: 02/12/1986  Member ID: MBR056139097",
        "Patient: Lucas Szabo  DOB: 02/12/1986  Member ID: MBR0561909",
        "Patient: Lucas Szabo  Member ID: MBRO5613909  DOB: 02/12/1987"}) {
    EXPECT_TRUE(match(text).corrected_fields.empty()) << text;
  }
}

TEST(OcrRepairTest, LookAlikesOfSomeFaces) {
  PatientRegistry registry(
      {P("71000001", "Szabo", "Lucas", "1986-02-12", "7A42EX2FY53"),
       P("71000002", "Bauer", "Nina", "1990-04-02", "4CR3E06AG21"),
       P("71000003", "Quinn", "Ada", "1975-05-05", "ZGP33622852")});
  // A 7 read as T, a 4 as A and a 6 as G, on pages filed by name and birth
  // date.
  PatientMatch m = MatchText(
      registry,
      "Patient: Lucas Szabo  DOB: 02/12/1986  Member ID: TA42EX2FY53");
  EXPECT_EQ(m.corrected_fields,
            (std::map<std::string, std::string>{{"member_id", "7A42EX2FY53"}}))
      << Reasons(m);
  m = MatchText(registry,
                "Patient: Nina Bauer  DOB: 04/02/1990  Member ID: ACR3EO6A621");
  EXPECT_EQ(m.corrected_fields,
            (std::map<std::string, std::string>{{"member_id", "4CR3E06AG21"}}))
      << Reasons(m);
  // A Z read as 7 off a fax.
  m = MatchText(registry,
                "Patient: Ada Quinn  DOB: 05/05/1975  Member ID: 7GP33622852");
  EXPECT_EQ(m.corrected_fields,
            (std::map<std::string, std::string>{{"member_id", "ZGP33622852"}}))
      << Reasons(m);
  // A serif 7's stem read again as a 1 ("771-625-881" for 77-625-881).
  PatientRegistry dashed({P("77-625-881", "Adams", "Colleen", "1955-11-10")});
  m = MatchText(dashed,
                "Patient: Colleen Adams  DOB: 11/10/1955  MRN: 771-625-881");
  EXPECT_EQ(m.link.id, "p-77-625-881") << Reasons(m);
  EXPECT_EQ(m.corrected_fields,
            (std::map<std::string, std::string>{{"mrn", "77-625-881"}}))
      << Reasons(m);
}

TEST(OcrRepairTest, AnIdWithAGlyphReadTwiceFindsItsPatient) {
  // Twins a letter apart: only the MRN, its 0 read as "O0", tells them
  // apart; the member ID read "1I" for its 1 does too.
  PatientRegistry registry(
      {P("MR0026922", "Yamamoto", "Mason", "2010-01-31", "4RU1JF4HC92"),
       P("MR0071234", "Yamamoto", "Masen", "2010-01-31", "4RU1JF4HC93")});
  PatientMatch m = MatchText(
      registry, "Patient: Mason Yamamoto  DOB: 01/31/2010  MRN: MRO0026922");
  EXPECT_EQ(m.link.mrn, "MR0026922") << Reasons(m);
  EXPECT_EQ(m.link.match, "mrn+name") << Reasons(m);
  EXPECT_NE(m.detail.find("OCR repair"), std::string::npos) << m.detail;
  m = MatchText(registry,
                "Member: Mason Yamamoto  DOB: 01/31/2010  Member ID: "
                "4RU1IJF4HC92");
  EXPECT_EQ(m.link.mrn, "MR0026922") << Reasons(m);
  // Read twice as its look-alike both times: MR0069084's first 0 as "OO".
  PatientRegistry more({P("MR0069084", "Okafor", "Grace", "1980-07-07", ""),
                        P("MR0071235", "Okafor", "Grace", "1980-07-17", "")});
  m = MatchText(more,
                "Patient: Grace Okafor  DOB: 07/07/1980  MRN: MROO069084");
  EXPECT_EQ(m.link.mrn, "MR0069084") << Reasons(m);
  EXPECT_EQ(m.corrected_fields,
            (std::map<std::string, std::string>{{"mrn", "MR0069084"}}))
      << Reasons(m);
  // Two glyphs read twice: a 7 as "7T", a 0 as "O0". Look-alike twins
  // that only the member ID tells apart: the first name is not read surely
  // enough to.
  PatientRegistry twins(
      {P("478406", "Zeller", "Sophia", "1944-08-06", "7Y44GP9FC09"),
       P("462059901", "Zeller", "Saphia", "1944-08-06", "MBR232166848")});
  const std::vector<Page> unsure = {testing::WordPage({testing::Phrase(
      "Patient: Sophia Zeller  DOB: 08/06/1944  Member ID: 7TY44GP9FCO09", 150,
      300, 0.9f)})};
  m = MatchPatient(twins, unsure, ExtractFields(unsure));
  EXPECT_EQ(m.link.mrn, "478406") << Reasons(m);
  EXPECT_EQ(m.corrected_fields,
            (std::map<std::string, std::string>{{"member_id", "7Y44GP9FC09"}}))
      << Reasons(m);
  // A serif U read as V (held-out seed 283's claims), the patient filed by
  // name and birth date.
  PatientRegistry card(
      {P("8046901", "Delacroix", "Andrew", "1975-11-18", "U072027400")});
  m = MatchText(card,
                "Patient: Andrew Delacroix  DOB: 11/18/1975  Member ID: "
                "V072027400");
  EXPECT_EQ(m.link.mrn, "8046901") << Reasons(m);
  EXPECT_EQ(m.corrected_fields,
            (std::map<std::string, std::string>{{"member_id", "U072027400"}}))
      << Reasons(m);
  // A glyph that is no look-alike of its neighbour was not read twice.
  m = MatchText(registry,
                "Patient: Mason Yamamoto  DOB: 01/31/2010  MRN: MRX0026922");
  EXPECT_EQ(m.link.match, "none") << Reasons(m);
  // An I, though, may be a stroke read as a glyph: twins whose first name
  // was read unsurely, told apart by the member ID with an I added
  // (held-out seed 983's scanned card).
  PatientRegistry stroke(
      {P("81043779", "Harris", "Tamara", "1946-09-17", "4QK2H90RF72"),
       P("723239997", "Harris", "Tumara", "1946-09-17", "MBR084145140")});
  const std::vector<Page> scanned = {testing::WordPage({testing::Phrase(
      "Member: Tamara Harris  DOB: 09/17/1946  Member ID: 4QK2H9I0RF72", 150,
      300, 0.8f)})};
  m = MatchPatient(stroke, scanned, ExtractFields(scanned));
  EXPECT_EQ(m.link.mrn, "81043779") << Reasons(m);
  EXPECT_EQ(m.corrected_fields,
            (std::map<std::string, std::string>{{"member_id", "4QK2H90RF72"}}))
      << Reasons(m);
}

TEST(OcrRepairTest, AnUnknownPatientsMrnTakesTheShapeOfTheRegistrysMrns) {
  PatientRegistry registry({P("MR0026922", "Yamamoto", "Mason", "2010-01-31"),
                            P("MR0071234", "Okafor", "Grace", "1980-07-07"),
                            P("123456789", "Rivera", "Daniel", "1962-03-14")});
  auto reshaped = [&](const std::string& mrn) {
    PatientMatch m =
        MatchText(registry, "Patient: Ann Lee  DOB: 05/05/1975  MRN: " + mrn);
    EXPECT_EQ(m.link.match, "none") << Reasons(m);
    return m.reshaped_mrn;
  };
  // Its 0 read twice, as O and itself; or read as O once.
  EXPECT_EQ(reshaped("MRO0031774"), "MR0031774");
  EXPECT_EQ(reshaped("MRO031774"), "MR0031774");
  // Already of a registry MRN's shape; of no shape any repair reaches;
  // digits only (the registry may not hold its shape yet).
  EXPECT_EQ(reshaped("MR0031774"), "");
  EXPECT_EQ(reshaped("XK0031774"), "");
  EXPECT_EQ(reshaped("12345678"), "");
  // A filed page's MRN is the registry's own, not reshaped.
  PatientMatch filed = MatchText(
      registry, "Patient: Mason Yamamoto  DOB: 01/31/2010  MRN: MR0026922");
  EXPECT_EQ(filed.link.mrn, "MR0026922") << Reasons(filed);
  EXPECT_EQ(filed.reshaped_mrn, "");
}

TEST(OcrRepairTest, AFiledPagesDamagedOrSwappedNameTakesTheRegistrysSpelling) {
  PatientRegistry registry(
      {P("71000001", "Kowalczyk", "Viktor", "1986-02-12", "MBR05613909")});
  auto name_correction = [&](const std::string& text) {
    PatientMatch m = MatchText(registry, text);
    EXPECT_EQ(m.link.id, "p-71000001") << text << ": " << Reasons(m);
    auto it = m.corrected_fields.find("patient_name");
    return it == m.corrected_fields.end() ? std::string() : it->second;
  };
  // A letter misread, or the surname first with its comma lost: the
  // document is the registry patient's by MRN and birth date, and so is
  // the name.
  EXPECT_EQ(name_correction("Patient: Viktor Kowalezyk  MRN: 71000001  "
                            "DOB: 02/12/1986"),
            "Viktor Kowalczyk");
  EXPECT_EQ(name_correction("Patient: KOWALCZYK VIKTOR  MRN: 71000001  "
                            "DOB: 02/12/1986"),
            "Viktor Kowalczyk");
  // Read right: the page's reading stands.
  EXPECT_EQ(name_correction("Patient: Viktor Kowalczyk  MRN: 71000001"), "");
  // Not filed: nothing is corrected.
  PatientMatch refused = MatchText(
      registry, "Patient: Viktor Kowalezyk  MRN: 71000001  DOB: 02/12/1987");
  EXPECT_EQ(refused.link.match, "none");
  EXPECT_TRUE(refused.corrected_fields.empty());
}

TEST(LookAlikeTest, ATwinNotInTheRegistryIsNotFiledToTheOther) {
  // Only Marisel is registered; her twin Marisol's page must not become
  // hers on a near first name and their shared birth date.
  std::vector<PatientRecord> people = LookAlikes();
  std::erase_if(
      people, [](const PatientRecord& p) { return p.first_name == "Marisol"; });
  PatientRegistry registry(std::move(people));
  auto match = [&](const std::string& text) {
    return MatchText(registry, text);
  };
  PatientMatch m = match("Patient: Marisol Okafor  DOB: 09/09/1999");
  EXPECT_EQ(m.link.match, "none");
  EXPECT_EQ(m.reasons, std::vector<std::string>{"no_patient_match"});
  m = match("Patient: Marisol Okafor  DOB: 09/09/1999  MRN: 70000099");
  EXPECT_EQ(m.link.match, "none") << Reasons(m);
  // Her exact name still files, and so does a damaged surname (OCR) with
  // the exact first name, or a damaged first name beside her MRN.
  EXPECT_EQ(match("Patient: Marisel Okafor  DOB: 09/09/1999").link.id,
            "p-70000004");
  EXPECT_EQ(match("Patient: Marisel Okafer  DOB: 09/09/1999").link.id,
            "p-70000004");
  EXPECT_EQ(match("Patient: Marisol Okafor  MRN: 70000004").link.id,
            "p-70000004");
}

TEST_F(MatchTest, JuniorAndSeniorAreDifferentPeople) {
  EXPECT_EQ(Match("Patient: John Smith Jr  DOB: 02/02/1990").link.id,
            "p-80000001");
  EXPECT_EQ(Match("Patient: John Smith  DOB: 02/02/1960").link.id,
            "p-80000002");
  PatientMatch m = Match("Patient: John Smith  DOB: 02/02/1990  MRN: 80000002");
  EXPECT_EQ(m.reasons, std::vector<std::string>{"patient_conflict"});
}

TEST_F(MatchTest, JohnIsNotJon) {
  // Jon Smith's MRN with John's name: the name clearly differs.
  PatientMatch m = Match("Patient: John Smith  MRN: 80000003");
  EXPECT_EQ(m.reasons, std::vector<std::string>{"patient_conflict"});
  EXPECT_EQ(Match("Patient: Jon Smith  DOB: 02/02/1990").link.match, "none");
}

TEST_F(MatchTest, TransposedMrnOfAnotherPatientIsAConflict) {
  PatientMatch m =
      Match("Patient: Daniel Rivera  DOB: 03/14/1962  MRN: 50752971");
  EXPECT_EQ(m.reasons, std::vector<std::string>{"patient_conflict"})
      << Reasons(m);
  EXPECT_EQ(m.link.match, "none");
  EXPECT_EQ(m.detail.find("Maria"), std::string::npos);  // ids, not names
}

TEST_F(MatchTest, RepairedMrnNeedsTheRegistryAndAnExactSecondIdentifier) {
  // "5O7529l7" reads as 50752917 only through the registry.
  PatientMatch m = Match("Patient: Daniel Rivera  MRN: 5O7529l7");
  EXPECT_EQ(m.link.id, "p-50752917") << Reasons(m);
  m = Match("MRN: 5O7529l7  DOB: 03/14/1962");
  EXPECT_EQ(m.link.match, "mrn+dob") << Reasons(m);
  // A damaged name is not enough beside a repaired MRN.
  m = Match("Patient: Daniel Rlvera  MRN: 5O7529l7");
  EXPECT_EQ(m.link.match, "none") << Reasons(m);
}

TEST_F(MatchTest, NamesWithAccentsHyphensAndMiddleNames) {
  EXPECT_EQ(Match("Patient: Jose Nunez  DOB: 04/04/1950").link.id,
            "p-90000002");
  EXPECT_EQ(Match("Patient: GARCIA-LOPEZ, MARY-KATE  DOB: 12/12/1985").link.id,
            "p-90000001");
  PatientMatch m = Match("Patient: Mary-Kate Garcia  DOB: 12/12/1985");
  EXPECT_EQ(m.link.id, "p-90000001") << Reasons(m);
  // A one-word surname read in two ("Vanderlinde" in a monospaced face,
  // generator seed 6464) is that surname, not a conflict with the MRN.
  PatientRegistry dutch(
      {P("956424767", "Vanderlinde", "Winona", "1931-03-22")});
  m = MatchText(dutch,
                "Patient: Winona Vander Linde  DOB: 03/22/1931  MRN: "
                "956424767");
  EXPECT_EQ(m.link.id, "p-956424767") << Reasons(m);
  EXPECT_EQ(m.link.match, "mrn+name") << Reasons(m);
}

TEST_F(MatchTest, TwoPatientsInOneDocumentAreNeverFiled) {
  std::vector<Page> pages = {
      TextPage("Patient: Daniel Rivera DOB: 03/14/1962 MRN: 50752917", 1),
      TextPage("Patient: Maria Chen DOB: 01/02/1970 MRN: 50752971", 2)};
  PatientMatch m = MatchPatient(registry_, pages, ExtractFields(pages));
  EXPECT_EQ(m.reasons, std::vector<std::string>{"multiple_patients"});
  EXPECT_EQ(m.link.match, "none");
}

TEST_F(MatchTest, BarcodeMrnCountsAndMustAgreeWithThePage) {
  std::vector<Page> pages = {TextPage("Patient: Daniel Rivera")};
  auto fields = ExtractFields(pages);
  fields["mrn"] = Field{{"50752917"}, false, 1.0, 1};
  EXPECT_EQ(MatchPatient(registry_, pages, fields).link.match, "mrn+name");
  pages = {TextPage("Patient: Daniel Rivera  MRN: 61234568")};
  fields = ExtractFields(pages);
  fields["mrn"] = Field{{"50752917"}, false, 1.0, 1};
  EXPECT_EQ(MatchPatient(registry_, pages, fields).reasons,
            std::vector<std::string>{"multiple_patients"});
}

TEST_F(MatchTest, PrintCorroboratesALabelledIdentifier) {
  // A label damaged beyond reading ("Rane eee" for Name), the value under it
  // printed verbatim: the registry patient the MRN names is proven by it.
  PatientMatch m = Match("Rane eee\nRivera, Daniel\nMRN: 50752917");
  EXPECT_EQ(m.link.id, "p-50752917") << Reasons(m);
  EXPECT_EQ(m.link.match, "mrn+name");
  EXPECT_NE(m.detail.find("printed without a readable label: name"),
            std::string::npos)
      << m.detail;
  // The name is the patient's as printed there, for the unread field.
  ASSERT_TRUE(m.printed_fields.contains("patient_name"));
  EXPECT_EQ(m.printed_fields["patient_name"].values,
            std::vector<std::string>{"Daniel Rivera"});
  EXPECT_EQ(m.printed_fields.size(), 1u);
  // A gap in the surname read as a space (a fax).
  m = Match("Rane eee\n[Daniel Riv era\nMRN: 50752917");
  EXPECT_EQ(m.link.match, "mrn+name") << Reasons(m);
  EXPECT_EQ(m.printed_fields["patient_name"].values,
            std::vector<std::string>{"Daniel Rivera"});
  m = Match("Patient: Daniel Rivera\nBxrth Dqte 03/14/1962");
  EXPECT_EQ(m.link.id, "p-50752917") << Reasons(m);
  EXPECT_EQ(m.link.match, "name+dob");
  EXPECT_EQ(m.printed_fields["dob"].values,
            std::vector<std::string>{"1962-03-14"});
  m = Match("MRN: 50752917\nBorn March 14, 1962");
  EXPECT_EQ(m.link.match, "mrn+dob") << Reasons(m);
  m = Match("Patient: Daniel Rivera\nCard XGH123456");
  EXPECT_EQ(m.link.match, "name+member_id") << Reasons(m);
  // An ID OCR split at a gap is joined again.
  m = Match("Patient: Daniel Rivera\nCard XGH 123456");
  EXPECT_EQ(m.link.match, "name+member_id") << Reasons(m);
  EXPECT_EQ(m.printed_fields["member_id"].values,
            std::vector<std::string>{"XGH123456"});
  // Filed by labels, a member ID printed elsewhere fills the unread field.
  m = Match("Patient: Daniel Rivera  MRN: 50752917\nXGH123456");
  EXPECT_EQ(m.link.match, "mrn+name") << Reasons(m);
  EXPECT_EQ(m.printed_fields["member_id"].values,
            std::vector<std::string>{"XGH123456"});
  // A surname read damaged finds its patient through the printed date.
  m = Match("Patient: Daniel Rivena\nSeen 03/14/1962");
  EXPECT_EQ(m.link.id, "p-50752917") << Reasons(m);
  // The other Daniel Rivera (born 1988) is not the one the print names.
  m = Match("Patient: Daniel Rivera\nSeen 07/30/1988");
  EXPECT_EQ(m.link.id, "p-61234568") << Reasons(m);
}

TEST_F(MatchTest, PrintAloneOrBesideAMemberIdProvesNothing) {
  // Two printed identifiers may be anyone's: a guarantor, an insured parent.
  EXPECT_EQ(Match("Rivera, Daniel 03/14/1962 50752917").reasons,
            std::vector<std::string>{"no_patient_match"});
  // A member ID may be a parent's card: beside the parent's printed name it
  // would prove the parent.
  EXPECT_EQ(Match("Member ID: XGH123456\nDaniel Rivera").link.match, "none");
  // Someone else's printed name is no second identifier.
  EXPECT_EQ(Match("Rane eee\nMaria Chen\nMRN: 50752917").link.match, "none");
  // Print never contradicts: another registry patient's name, birth date
  // and MRN printed as a contact leave the labelled patient filed.
  PatientMatch m = Match(
      "Patient: Daniel Rivera  MRN: 50752917\n"
      "Emergency contact Maria Chen 01/02/1970 50752971");
  EXPECT_EQ(m.link.id, "p-50752917") << Reasons(m);
}

TEST(LookAlikeTest, APrintedNameTellsTwinsApartOnlyWhenReadSurely) {
  PatientRegistry registry({P("71000001", "Szabo", "Lucas", "1986-02-12"),
                            P("71000002", "Szabo", "Luces", "1986-02-12")});
  auto match = [&](float confidence) {
    std::vector<Page> pages = {testing::WordPage({
        testing::Phrase("DOB: 02/12/1986", 100, 300),
        testing::Phrase("Rane eee", 100, 400),
        testing::Phrase("Lucas", 100, 450, confidence),
        testing::Phrase("Szabo", 250, 450),
    })};
    return MatchPatient(registry, pages, ExtractFields(pages));
  };
  PatientMatch m = match(0.96f);
  EXPECT_EQ(m.link.id, "p-71000001") << Reasons(m);
  m = match(0.93f);
  EXPECT_EQ(m.link.match, "none") << Reasons(m);
  EXPECT_EQ(m.reasons, std::vector<std::string>{"patient_conflict"});
}

TEST(NameTest, Agreement) {
  auto cmp = [](const char* page, const char* first, const char* last) {
    return CompareNames(NameKeyFromField(page), MakeNameKey(first, last));
  };
  EXPECT_EQ(cmp("Daniel Rivera", "DANIEL", "RIVERA"), NameAgreement::kExact);
  EXPECT_EQ(cmp("Daniel Rivera", "Daniel M.", "Rivera"), NameAgreement::kExact);
  EXPECT_EQ(cmp("Sean Ohara", "Sean", "O'Hara"), NameAgreement::kExact);
  EXPECT_EQ(cmp("Daniel Rlvera", "Daniel", "Rivera"), NameAgreement::kClose);
  EXPECT_EQ(cmp("Rivera Daniel", "Daniel", "Rivera"), NameAgreement::kClose);
  EXPECT_EQ(cmp("Maria Garcia", "Maria", "Garcia Lopez"),
            NameAgreement::kClose);
  EXPECT_EQ(cmp("Jon Smith", "John", "Smith"), NameAgreement::kDifferent);
  EXPECT_EQ(cmp("David Rivera", "Daniel", "Rivera"), NameAgreement::kDifferent);
  EXPECT_EQ(cmp("Danlel Rlvera", "Daniel", "Rivera"),
            NameAgreement::kDifferent);
  // One letter OCR split in two is one edit: n read as "ri", m as "rn".
  EXPECT_EQ(cmp("Nolari Marchetti", "Nolan", "Marchetti"),
            NameAgreement::kClose);
  EXPECT_EQ(cmp("Nolan Marchettl", "Nolan", "Marchetti"),
            NameAgreement::kClose);
  EXPECT_EQ(cmp("Wesley Thornburg", "Wesley", "Thomburg"),
            NameAgreement::kClose);
  // m read as "ni" on a damaged scan (generator seed 7171).
  EXPECT_EQ(cmp("Desniond Galloway", "Desmond", "Galloway"),
            NameAgreement::kClose);
  // It is the one edit a word of 5 to 8 letters may have; a word of 4 or
  // fewer may have none ("Ari" is not "An").
  EXPECT_EQ(cmp("Nolari Marchetti", "Nolen", "Marchetti"),
            NameAgreement::kDifferent);
  EXPECT_EQ(cmp("Ari Lee", "An", "Lee"), NameAgreement::kDifferent);
}

// ---------------------------------------------------------------------------
// A generated set: a registry of 300 patients, each with look-alikes (a twin,
// a namesake born another day, a one-letter-off first name), and documents
// printed in the forms' many ways with OCR damage. Nothing may be filed to
// the wrong patient; most matchable documents must be filed.

const char* kFirst[] = {
    "Avery",  "Brooke",  "Caleb", "Dana",     "Elliot",   "Farah",   "Gideon",
    "Harper", "Imani",   "Jonah", "Keira",    "Lucas",    "Marisol", "Nolan",
    "Odette", "Preston", "Quinn", "Rosalind", "Silas",    "Tamsin",  "Vivian",
    "Wesley", "Ximena",  "Yusuf", "Zelda",    "Beatrice", "Desmond"};
const char* kLast[] = {"Abernathy", "Blackwood",  "Castellano", "Delacroix",
                       "Eastwick",  "Fairbanks",  "Galloway",   "Hargrove",
                       "Jablonski", "Kowalczyk",  "Lindqvist",  "Marchetti",
                       "Northcott", "Okonkwo",    "Pemberton",  "Quinlan",
                       "Sandoval",  "Underhill",  "Vasquez",    "Whitcombe",
                       "O'Hara",    "McAllister", "Nakamura",   "Brandt-Ellis",
                       "Szabo",     "Tremblay",   "Lee",        "Kim",
                       "Ng"};
const char* kMonths[] = {"January",   "February", "March",    "April",
                         "May",       "June",     "July",     "August",
                         "September", "October",  "November", "December"};

struct Generated {
  std::vector<PatientRecord> registry;
  std::mt19937 rng{20251125};
  int Pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); }
  bool Chance(double p) {
    return std::uniform_real_distribution<>(0, 1)(rng) < p;
  }

  std::string Dob() {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", 1935 + Pick(85),
                  1 + Pick(12), 1 + Pick(28));
    return buf;
  }
  std::string Mrn() { return std::to_string(10000000 + Pick(89999999)); }

  void Build() {
    for (int i = 0; i < 300; ++i) {
      PatientRecord p = P(Mrn(), kLast[Pick(29)], kFirst[Pick(27)], Dob(),
                          Chance(0.5) ? "W" + Mrn() : "");
      registry.push_back(p);
      if (Chance(0.3)) {  // a twin: same surname and DOB
        std::string first = kFirst[Pick(27)];
        if (first != p.first_name)
          registry.push_back(P(Mrn(), p.last_name, first, p.dob));
      }
      if (Chance(0.3)) {  // a namesake born another day
        registry.push_back(P(Mrn(), p.last_name, p.first_name, Dob()));
      }
      if (Chance(0.2)) {  // one letter off, another DOB
        std::string first = p.first_name;
        first[first.size() - 1] = first.back() == 'a' ? 'e' : 'a';
        registry.push_back(P(Mrn(), p.last_name, first, Dob()));
      }
    }
    // MRNs are unique in a registry.
    std::set<std::string> seen;
    std::erase_if(registry, [&](const PatientRecord& p) {
      return !seen.insert(p.mrn).second;
    });
    for (auto& p : registry) p.id = "p-" + p.mrn;
  }

  std::string Date(const std::string& iso) {
    int y = std::stoi(iso.substr(0, 4)), m = std::stoi(iso.substr(5, 2)),
        d = std::stoi(iso.substr(8, 2));
    char buf[64];
    switch (Pick(6)) {
      case 0:
        std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", m, d, y);
        break;
      case 1:
        std::snprintf(buf, sizeof buf, "%d/%d/%04d", m, d, y);
        break;
      case 2:
        std::snprintf(buf, sizeof buf, "%02d-%02d-%04d", m, d, y);
        break;
      case 3:
        std::snprintf(buf, sizeof buf, "%s %d, %04d", kMonths[m - 1], d, y);
        break;
      case 4:
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
        break;
      default:
        std::snprintf(buf, sizeof buf, "%d %.3s %04d", d, kMonths[m - 1], y);
        break;
    }
    return buf;
  }

  // One OCR letter confusion in a long word.
  std::string Damage(std::string w) {
    if (w.size() < 6) return w;
    size_t i = 1 + Pick(static_cast<int>(w.size()) - 2);
    const std::string from = "ilroe", to = "lIncc";
    size_t k = from.find(w[i]);
    w[i] = k == std::string::npos ? 'c' : to[k];
    return w;
  }

  std::string Name(const PatientRecord& p, bool damage) {
    std::string first = p.first_name, last = p.last_name;
    if (damage) last = Damage(last);
    switch (Pick(4)) {
      case 0:
        return last + ", " + first;
      case 1:
        return first + " " + last;
      case 2:
        return first + " Q. " + last;
      default: {
        std::string s = last + ", " + first;
        for (char& c : s) c = static_cast<char>(std::toupper(c));
        return s;
      }
    }
  }

  // A document of `p` naming `ids` (bit 0 name, 1 DOB, 2 MRN, 3 member).
  Page Document(const PatientRecord& p, int ids, bool damage,
                const std::string& mrn_override = "") {
    const char* name_labels[] = {
        "Patient Name:", "Patient:", "Name:", "PATIENT NAME"};
    const char* dob_labels[] = {
        "DOB:", "Date of Birth:", "Birth Date:", "D.O.B."};
    const char* mrn_labels[] = {"MRN:", "Medical Record No.",
                                "Chart #:", "MR #"};
    std::vector<std::string> parts;
    if (ids & 1)
      parts.push_back(std::string(name_labels[Pick(4)]) + " " +
                      Name(p, damage));
    if (ids & 2)
      parts.push_back(std::string(dob_labels[Pick(4)]) + " " + Date(p.dob));
    if (ids & 4) {
      std::string mrn = mrn_override.empty() ? p.mrn : mrn_override;
      if (damage && Chance(0.3)) std::replace(mrn.begin(), mrn.end(), '0', 'O');
      parts.push_back(std::string(mrn_labels[Pick(4)]) + " " + mrn);
    }
    if ((ids & 8) && !p.member_id.empty())
      parts.push_back("Member ID: " + p.member_id);
    std::string text = "Valley Clinic of Testing\nPROGRESS NOTE\n";
    bool one_line = Chance(0.5);
    for (const std::string& s : parts) text += s + (one_line ? "     " : "\n");
    text += "\nSeen today for follow-up. Plan: continue current medication.\n";
    return TextPage(text);
  }
};

TEST(GeneratedSetTest, NoWrongPatientAndMostMatchableFiled) {
  Generated g;
  g.Build();
  PatientRegistry registry(g.registry);
  int matchable = 0, filed = 0, wrong = 0, hostile = 0, hostile_filed = 0;
  for (int i = 0; i < 600; ++i) {
    const PatientRecord& truth =
        g.registry[g.Pick(static_cast<int>(g.registry.size()))];
    int kind = g.Pick(10);
    Page page;
    bool expect_match = true;
    if (kind < 7) {  // ordinary: two or three identifiers, maybe damaged
      int ids = 1 | 2 | 4;
      if (g.Chance(0.3)) ids = g.Chance(0.5) ? (1 | 2) : (1 | 4);
      if (g.Chance(0.15)) ids = 2 | 4;
      if (g.Chance(0.1) && !truth.member_id.empty()) ids = 1 | 8;
      page = g.Document(truth, ids, g.Chance(0.3));
    } else if (kind == 7) {  // someone's MRN with truth's name and DOB
      const PatientRecord& other =
          g.registry[g.Pick(static_cast<int>(g.registry.size()))];
      if (other.mrn == truth.mrn) continue;
      page = g.Document(truth, 1 | 2 | 4, false, other.mrn);
      expect_match = false;
    } else if (kind == 8) {  // truth's namesake born another day
      PatientRecord stranger = truth;
      stranger.dob = g.Dob();
      page = g.Document(stranger, 1 | 2, false);
      bool in_registry = false;
      for (const auto& p : g.registry) {
        in_registry |= p.dob == stranger.dob && p.last_name == truth.last_name;
      }
      if (in_registry) continue;
      expect_match = false;
    } else {  // a stranger with truth's DOB and another first name
      PatientRecord stranger = truth;
      stranger.first_name = "Theodora";
      page = g.Document(stranger, 1 | 2, false);
      expect_match = false;
    }
    std::vector<Page> pages = {page};
    PatientMatch m = MatchPatient(registry, pages, ExtractFields(pages));
    bool is_filed = m.link.match != "none";
    if (expect_match) {
      ++matchable;
      if (is_filed && m.link.id == truth.id) ++filed;
      if (is_filed && m.link.id != truth.id) {
        ++wrong;
        ADD_FAILURE() << "wrong patient: " << page.text << " -> " << m.link.id
                      << " (truth " << truth.id << ")";
      }
    } else {
      ++hostile;
      if (is_filed) {
        ++hostile_filed;
        ++wrong;
        ADD_FAILURE() << "filed a stranger: " << page.text << " -> "
                      << m.link.id;
      }
    }
    if (expect_match && !is_filed && std::getenv("INTAKE_VERBOSE")) {
      std::printf("not filed: %s -> %s\n", page.text.c_str(),
                  Reasons(m).c_str());
    }
  }
  double rate = static_cast<double>(filed) / matchable;
  std::printf(
      "registry %zu patients; matchable %d, filed %d (%.1f%%); "
      "hostile %d, filed %d; wrong-patient filings %d\n",
      g.registry.size(), matchable, filed, 100 * rate, hostile, hostile_filed,
      wrong);
  EXPECT_EQ(wrong, 0);
  EXPECT_GE(rate, 0.90);
}

}  // namespace
}  // namespace intake::classify
