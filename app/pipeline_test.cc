// The pipeline with its real parts (ZeroMQ inproc, Tesseract, SQLite):
// restart picks up whatever the store holds as unfinished.
#include "app/pipeline.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "capture/capture_file.h"
#include "common/testing/temp_dir.h"
#include "store/archive.h"
#include "store/record_store.h"

namespace intake::app {
namespace {

namespace fs = std::filesystem;

class PipelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    phototest_ = std::string(INTAKE_CORPUS) + "/tesseract/phototest.tif";
    if (!fs::exists(phototest_))
      GTEST_SKIP() << "corpus absent: " << phototest_;
    config_ = Config::Defaults();
    config_.store.url = "sqlite:" + dir_ + "/records.db";
    config_.store.archive = dir_ + "/archive";
    config_.pipeline.ocr_workers = 1;
  }

  // What a crash right after the coordinator stored a file leaves behind:
  // the archived original and a document whose page is still "received".
  std::string StoreUnfinished() {
    capture::CapturedFile f = capture::CaptureFile(phototest_, "front-desk-1");
    EXPECT_TRUE(f.error.empty());
    EXPECT_TRUE(store::Archive(config_.store.archive).Put(f.original).ok());
    Document doc;
    doc.id = f.source.sha256.substr(0, 16);
    doc.source = f.source;
    Page p;
    p.number = 1;
    p.sha256 = f.page_sha256[0];
    doc.pages.push_back(p);
    auto st = store::OpenStore(config_.store.url);
    EXPECT_TRUE(st.ok());
    EXPECT_TRUE((*st)->AddDocument(doc).ok());
    return doc.id;
  }

  Document Load(const std::string& id) {
    auto st = store::OpenStore(config_.store.url);
    EXPECT_TRUE(st.ok());
    Result<Document> d = (*st)->GetDocument(id);
    EXPECT_TRUE(d.ok()) << d.status().ToString();
    return d.ok() ? *d : Document{};
  }

  std::string phototest_;
  ::intake::testing::TempDir tmp_;
  const std::string dir_ = tmp_.path();
  Config config_;
};

TEST_F(PipelineTest, RestartRecognisesPagesLeftReceived) {
  const std::string id = StoreUnfinished();
  ASSERT_EQ(Load(id).status, PageState::kReceived);
  Pipeline pipeline(config_);
  ASSERT_TRUE(pipeline.Start().ok());
  Result<Event> e = pipeline.NextEvent(60000);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->kind, "done");
  EXPECT_EQ(e->doc_id, id);
  EXPECT_TRUE(e->recovered);
  pipeline.Stop();
  Document doc = Load(id);
  EXPECT_EQ(doc.status, PageState::kNeedsReview);
  ASSERT_EQ(doc.pages.size(), 1u);
  EXPECT_EQ(doc.pages[0].state, PageState::kNeedsReview);
  EXPECT_NE(doc.pages[0].text.find("lazy fox"), std::string::npos);
}

TEST_F(PipelineTest, RestartDoesNotRedoRecognisedPages) {
  const std::string id = StoreUnfinished();
  {
    auto st = store::OpenStore(config_.store.url);
    ASSERT_TRUE(st.ok());
    Page p = Load(id).pages[0];
    p.text = "text recognised before the crash";
    ASSERT_TRUE((*st)->SavePageResult(id, p).ok());
  }
  Pipeline pipeline(config_);
  ASSERT_TRUE(pipeline.Start().ok());
  pipeline.Stop();  // drains: the recovered document is finished first
  Document doc = Load(id);
  EXPECT_EQ(doc.status, PageState::kNeedsReview);
  EXPECT_EQ(doc.pages[0].text, "text recognised before the crash");
}

TEST_F(PipelineTest, PageOverItsDeadlineGoesToReviewWithTheReason) {
  const std::string id = StoreUnfinished();
  config_.pipeline.page_timeout_s = 0.001;  // no real page reads in 1 ms
  Pipeline pipeline(config_);
  ASSERT_TRUE(pipeline.Start().ok());
  pipeline.Stop();
  Document doc = Load(id);
  EXPECT_EQ(doc.status, PageState::kNeedsReview);
  const auto& reasons = doc.classification.review_reasons;
  EXPECT_NE(std::find(reasons.begin(), reasons.end(), "ocr_failed:page_1"),
            reasons.end());
  EXPECT_NE(doc.pages[0].error.find("timed out"), std::string::npos)
      << doc.pages[0].error;
  EXPECT_TRUE(doc.pages[0].text.empty());
}

TEST_F(PipelineTest, StopWithNothingToDoReturnsPromptly) {
  Pipeline pipeline(config_);
  ASSERT_TRUE(pipeline.Start().ok());
  pipeline.Stop();
  SUCCEED();
}

TEST_F(PipelineTest, MissingLanguageFailsStartWithoutHanging) {
  config_.pipeline.language = "qqq";
  Pipeline pipeline(config_);
  Status s = pipeline.Start();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("qqq"), std::string::npos);
}

TEST_F(PipelineTest, UnsupportedStoreFailsStart) {
  config_.store.url = "postgresql://records@localhost/intake";
  Pipeline pipeline(config_);
  Status s = pipeline.Start();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("PostgreSQL"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace intake::app
