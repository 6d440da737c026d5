#include "app/messages.h"

#include <gtest/gtest.h>

namespace intake::app {
namespace {

PageImage SmallImage(int w, int h, char fill) {
  PageImage p;
  p.width = w;
  p.height = h;
  p.dpi_x = 300;
  p.dpi_y = 200;
  p.pixels.assign(static_cast<size_t>(w) * h, fill);
  return p;
}

TEST(MessagesTest, CapturedFileRoundTrips) {
  CapturedFile f;
  f.source.path = "inbox/a.tif";
  f.source.file = "a.tif";
  f.source.sha256 = std::string(64, 'c');
  f.source.size = 5;
  f.original = std::string("II*\0x", 5);
  f.pages = {SmallImage(3, 2, 'a'), SmallImage(4, 4, 'b')};
  f.page_sha256 = {"p1", "p2"};
  f.page_document = {1, 2};
  f.page_source = {1, 3};
  f.document_mrn = {"", "50752917"};
  f.pages_received = 3;
  f.separator_pages = 1;
  f.note = "paper jam";
  f.unreadable = true;
  Result<CapturedFile> back = DecodeCapturedFile(EncodeCapturedFile(f));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->source.path, "inbox/a.tif");
  EXPECT_EQ(back->source.size, 5);
  EXPECT_EQ(back->original, f.original);
  ASSERT_EQ(back->pages.size(), 2u);
  EXPECT_EQ(back->pages[1].width, 4);
  EXPECT_EQ(back->pages[1].dpi_y, 200);
  EXPECT_EQ(back->pages[1].pixels, std::string(16, 'b'));
  EXPECT_EQ(back->page_sha256[1], "p2");
  EXPECT_EQ(back->page_document, f.page_document);
  EXPECT_EQ(back->page_source, f.page_source);
  EXPECT_EQ(back->document_mrn, f.document_mrn);
  EXPECT_EQ(back->pages_received, 3);
  EXPECT_EQ(back->separator_pages, 1);
  EXPECT_EQ(back->note, "paper jam");
  EXPECT_TRUE(back->unreadable);

  // A page claiming a document the batch does not have is refused.
  f.page_document = {1, 3};
  EXPECT_FALSE(DecodeCapturedFile(EncodeCapturedFile(f)).ok());
}

TEST(MessagesTest, OcrJobRoundTripsAndChecksPixelCount) {
  Result<OcrJob> job =
      DecodeOcrJob(EncodeOcrJob("doc1", 3, "sha", SmallImage(5, 5, 'z')));
  ASSERT_TRUE(job.ok());
  EXPECT_EQ(job->doc_id, "doc1");
  EXPECT_EQ(job->page, 3);
  EXPECT_EQ(job->image.pixels.size(), 25u);

  Frames bad = EncodeOcrJob("doc1", 3, "sha", SmallImage(5, 5, 'z'));
  bad[1].resize(24);  // one byte short
  EXPECT_FALSE(DecodeOcrJob(bad).ok());
}

// A page image is megabytes: it is moved from the captured file into its
// message and from an OCR job's message into the job, never copied (each copy
// of a 300-dpi page also faults in 8 MB of fresh memory).
TEST(MessagesTest, PageImagesAreMovedNotCopied) {
  CapturedFile f;
  f.source.path = "inbox/a.png";
  f.source.sha256 = std::string(64, 'c');
  f.original = std::string(100000, 'o');
  f.pages = {SmallImage(300, 300, 'a')};
  const char* original = f.original.data();
  const char* pixels = f.pages[0].pixels.data();
  Frames file = EncodeCapturedFile(std::move(f));
  EXPECT_EQ(file[3].data(), original);
  EXPECT_EQ(file.back().data(), pixels);

  PageImage image = SmallImage(300, 300, 'z');
  pixels = image.pixels.data();
  Frames job = EncodeOcrJob("doc1", 1, "sha", std::move(image));
  ASSERT_EQ(job.size(), 2u);
  EXPECT_EQ(job[1].data(), pixels);
  Result<OcrJob> decoded = DecodeOcrJob(std::move(job));
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->image.pixels.data(), pixels);
}

TEST(MessagesTest, MalformedMessagesAreRefused) {
  EXPECT_FALSE(DecodeCapturedFile({"INTAKE1", "FILE"}).ok());
  EXPECT_FALSE(DecodeCapturedFile({"INTAKE9", "FILE", "{}", "", ""}).ok());
  EXPECT_FALSE(
      DecodeCapturedFile({"INTAKE1", "FILE", "not json", "", ""}).ok());
  EXPECT_FALSE(DecodeOcrJob({"{\"doc_id\": 1}", ""}).ok());
  EXPECT_FALSE(DecodeClassifyJob({"[]"}).ok());
  EXPECT_FALSE(DecodeEvent({"INTAKE1", "EVENT", "{"}).ok());
}

TEST(MessagesTest, OcrJobCarriesTextLayerAndOptions) {
  PageImage image = SmallImage(5, 5, 'z');
  image.text_layer = TextLayer{
      "MRN 50752917", {{"MRN", 1, 1, 2, 1, 1}, {"50752917", 3, 1, 2, 1, 1}}};
  OcrPageOptions options;
  options.use_text_layer = false;
  options.blank_threshold = 0.01;
  Result<OcrJob> job =
      DecodeOcrJob(EncodeOcrJob("doc1", 1, "sha", image, options));
  ASSERT_TRUE(job.ok()) << job.status().ToString();
  ASSERT_TRUE(job->image.text_layer.has_value());
  EXPECT_EQ(job->image.text_layer->text, "MRN 50752917");
  ASSERT_EQ(job->image.text_layer->words.size(), 2u);
  EXPECT_EQ(job->image.text_layer->words[1].text, "50752917");
  EXPECT_FALSE(job->options.use_text_layer);
  EXPECT_DOUBLE_EQ(job->options.blank_threshold, 0.01);
}

TEST(MessagesTest, ClassifyJobRoundTripsEveryPage) {
  Page a;
  a.number = 1;
  a.text = "Patient Registration Form";
  a.words = {{"Patient", 10, 10, 50, 12, 0.9f}};
  Page b;
  b.number = 2;
  b.text = "MRN 50752917";
  Result<std::vector<Page>> back =
      DecodeClassifyJob(EncodeClassifyJob("doc1", {a, b}));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ASSERT_EQ(back->size(), 2u);
  EXPECT_EQ((*back)[0].text, "Patient Registration Form");
  ASSERT_EQ((*back)[0].words.size(), 1u);
  EXPECT_EQ((*back)[1].number, 2);
  EXPECT_EQ((*back)[1].text, "MRN 50752917");
}

TEST(MessagesTest, EventRoundTrips) {
  Event e;
  e.kind = "done";
  e.path = "x.png";
  e.doc_id = "abc";
  e.status = "needs_review";
  e.doc_type = "lab_report";
  e.pages = 2;
  e.documents = 3;
  e.scanner = "front-desk-1";
  e.recovered = true;
  Result<Event> back = DecodeEvent(EncodeEvent(e));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->documents, 3);
  EXPECT_EQ(back->scanner, "front-desk-1");
  EXPECT_EQ(back->kind, "done");
  EXPECT_EQ(back->doc_type, "lab_report");
  EXPECT_EQ(back->pages, 2);
  EXPECT_TRUE(back->recovered);
}

}  // namespace
}  // namespace intake::app
