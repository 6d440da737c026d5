#include "capture/split.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace intake::capture {
namespace {

using ::testing::ElementsAre;

const std::vector<Barcode> kNone;
const std::vector<Barcode> kSeparator = {{"Code39", "SEPARATOR"}};

TEST(PlanSplitTest, WithoutOptionsAStackIsOneDocument) {
  SplitPlan plan = PlanSplit({kNone, kSeparator, kNone}, {});
  EXPECT_THAT(plan.document_of_page, ElementsAre(1, 1, 1));
  EXPECT_EQ(plan.documents, 1);
  EXPECT_EQ(plan.separators, 0);
}

TEST(PlanSplitTest, SeparatorSheetsSplitAndAreNotPartOfADocument) {
  SplitOptions o;
  o.separator = "separator";  // case-insensitive
  SplitPlan plan = PlanSplit(
      {kSeparator, kNone, kNone, kSeparator, kSeparator, kNone, kSeparator}, o);
  EXPECT_THAT(plan.document_of_page, ElementsAre(0, 1, 1, 0, 0, 2, 0));
  EXPECT_EQ(plan.documents, 2);
  EXPECT_EQ(plan.separators, 4);
}

TEST(PlanSplitTest, OtherBarcodesDoNotSplit) {
  SplitOptions o;
  o.separator = "SEPARATOR";
  SplitPlan plan =
      PlanSplit({kNone, {{"Code128", "SEPARATOR-2"}}, {{"QRCode", "x"}}}, o);
  EXPECT_EQ(plan.documents, 1);
}

TEST(PlanSplitTest, ASymbologyCanBeTheSeparator) {
  SplitOptions o;
  o.separator = "PATCH-T";
  SplitPlan plan = PlanSplit({kNone, {{"PATCH-T", ""}}, kNone}, o);
  EXPECT_THAT(plan.document_of_page, ElementsAre(1, 0, 2));
}

TEST(PlanSplitTest, PatientLabelGivesItsDocumentsMrn) {
  SplitOptions o;
  o.separator = "SEPARATOR";
  o.patient_pattern = "MRN[:\\s]*([0-9]{6,10})";
  o.patient_symbology = "code128";
  SplitPlan plan =
      PlanSplit({{{"Code128", "MRN 50752917"}},
                 kNone,
                 kSeparator,
                 {{"QRCode", "MRN 11111111"}},  // wrong symbology: ignored
                 {{"Code128", "MRN:22222222"}, {"Code128", "MRN 33333333"}}},
                o);
  EXPECT_THAT(plan.mrn, ElementsAre("50752917", "22222222"));
}

TEST(PlanSplitTest, PatternWithoutGroupUsesTheWholeText) {
  SplitOptions o;
  o.patient_pattern = "[0-9]{8}";
  SplitPlan plan = PlanSplit({{{"Code39", " 50752917 "}}}, o);
  EXPECT_THAT(plan.mrn, ElementsAre("50752917"));
}

TEST(PlanSplitTest, InvalidPatternIsAClearError) {
  SplitOptions o;
  o.patient_pattern = "MRN([0-9]";
  Status s = ValidateSplitOptions(o);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("patient_barcode"), std::string::npos);
}

}  // namespace
}  // namespace intake::capture
