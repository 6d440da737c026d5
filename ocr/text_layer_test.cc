#include "ocr/text_layer.h"

#include <gtest/gtest.h>

namespace intake::ocr {
namespace {

PageImage WhitePage(int words) {
  PageImage p;
  p.width = 850;
  p.height = 1100;
  p.dpi_x = p.dpi_y = 100;
  p.pixels.assign(850 * 1100, '\xff');
  TextLayer layer;
  for (int i = 0; i < words; ++i) {
    layer.words.push_back(
        {"word" + std::to_string(i), 10 + 60 * i, 20, 50, 12, 1});
    layer.text += (i ? " " : "") + layer.words.back().text;
  }
  p.text_layer = layer;
  return p;
}

TEST(TextLayerTest, KeepsTheFilesWordsAndMakesAnImage) {
  PageOutputs outputs;
  Result<Page> page = PageFromTextLayer(WhitePage(6), &outputs);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->words.size(), 6u);
  EXPECT_EQ(page->text.substr(0, 11), "word0 word1");
  EXPECT_EQ(page->dpi, 100);
  EXPECT_EQ(page->rotation, 0);
  EXPECT_DOUBLE_EQ(page->ocr_confidence, 1);
  EXPECT_GT(outputs.jpeg.size(), 100u);
  EXPECT_EQ(outputs.dpi, 100);
}

TEST(TextLayerTest, AFewWordsAreNotThePagesText) {
  EXPECT_FALSE(HasUsableTextLayer(WhitePage(2)));
  EXPECT_TRUE(HasUsableTextLayer(WhitePage(5)));
  PageImage none = WhitePage(0);
  none.text_layer.reset();
  EXPECT_FALSE(HasUsableTextLayer(none));
  EXPECT_FALSE(PageFromTextLayer(none, nullptr).ok());
}

TEST(TextLayerTest, InconsistentImageIsAnError) {
  PageImage p = WhitePage(6);
  p.pixels.resize(10);
  EXPECT_FALSE(PageFromTextLayer(p, nullptr).ok());
}

}  // namespace
}  // namespace intake::ocr
