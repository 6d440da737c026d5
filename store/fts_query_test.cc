#include "store/fts_query.h"

#include <gtest/gtest.h>

namespace intake::store {
namespace {

TEST(FtsMatchExpressionTest, QuotesEachWord) {
  EXPECT_EQ(FtsMatchExpression("lazy fox"), "\"lazy\" \"fox\"");
  EXPECT_EQ(FtsMatchExpression("  lazy\t\nfox  "), "\"lazy\" \"fox\"");
}

TEST(FtsMatchExpressionTest, OperatorsBecomeWordsOrVanish) {
  EXPECT_EQ(FtsMatchExpression("fox AND dog"), "\"fox\" \"AND\" \"dog\"");
  EXPECT_EQ(FtsMatchExpression("NEAR(fox"), "\"NEAR(fox\"");
  EXPECT_EQ(FtsMatchExpression("* - : ( ) ^ +"), "");
  EXPECT_EQ(FtsMatchExpression("text:fox"), "\"text:fox\"");
}

TEST(FtsMatchExpressionTest, DoublesEmbeddedQuotes) {
  EXPECT_EQ(FtsMatchExpression("\"fox\""), "\"\"\"fox\"\"\"");
  EXPECT_EQ(FtsMatchExpression("\""), "");
}

TEST(FtsMatchExpressionTest, KeepsUtf8Words) {
  EXPECT_EQ(FtsMatchExpression("Müller café"), "\"Müller\" \"café\"");
}

TEST(FtsMatchExpressionTest, EmptyQueryHasNoExpression) {
  EXPECT_EQ(FtsMatchExpression(""), "");
  EXPECT_EQ(FtsMatchExpression(std::string_view("\0\x01", 2)), "");
}

TEST(OneLineTest, CollapsesWhitespaceAndPageBreaks) {
  EXPECT_EQ(OneLine("  page one\f\fpage\n two  "), "page one page two");
}

TEST(LeadingWordsTest, CutsAfterMaxWords) {
  EXPECT_EQ(LeadingWords("a b c d", 2), "a b…");
  EXPECT_EQ(LeadingWords("a b", 2), "a b");
  EXPECT_EQ(LeadingWords("", 2), "");
}

}  // namespace
}  // namespace intake::store
