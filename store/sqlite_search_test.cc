#include <gtest/gtest.h>

#include <algorithm>

#include "store/record_store.h"
#include "store/test_util.h"

namespace intake::store {
namespace {

class SearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<RecordStore>> store =
        OpenStore("sqlite:" + dir_.File("records.db"));
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
  }

  // Runs a document through the pipeline: received, one text per page
  // recognized, then classified as `c`.
  void AddClassified(const std::string& id,
                     const std::vector<std::string>& texts,
                     Classification c = Classification()) {
    ASSERT_TRUE(
        store_->AddDocument(SampleDocument(id, static_cast<int>(texts.size())))
            .ok());
    for (size_t i = 0; i < texts.size(); ++i) {
      Page p;
      p.number = static_cast<int>(i) + 1;
      p.text = texts[i];
      ASSERT_TRUE(store_->SavePageResult(id, p).ok());
    }
    ASSERT_TRUE(store_->SaveClassification(id, c).ok());
  }

  std::vector<SearchHit> Find(const SearchQuery& q) {
    Result<std::vector<SearchHit>> hits = store_->Search(q);
    EXPECT_TRUE(hits.ok()) << "query '" << q.text
                           << "': " << hits.status().ToString();
    return hits.ok() ? *hits : std::vector<SearchHit>();
  }

  std::vector<std::string> Ids(const SearchQuery& q) {
    std::vector<std::string> ids;
    for (const SearchHit& h : Find(q)) ids.push_back(h.id);
    return ids;
  }

  TempDir dir_;
  std::unique_ptr<RecordStore> store_;
};

Classification Typed(const std::string& type, const std::string& mrn,
                     const std::string& name) {
  Classification c;
  c.doc_type = type;
  c.patient.mrn = mrn;
  c.patient.name = name;
  c.status = PageState::kFiled;
  return c;
}

TEST_F(SearchTest, FindsAllWordsInAnyOrderWithSnippet) {
  AddClassified("fox", {"The quick brown fox jumps over the lazy dog"},
                Typed("lab_report", "123", "Daniel Rivera"));
  AddClassified("cat", {"A cat sleeps on the warm windowsill"});
  std::vector<SearchHit> hits = Find({"lazy fox"});
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].id, "fox");
  EXPECT_EQ(hits[0].doc_type, "lab_report");
  EXPECT_EQ(hits[0].status, "filed");
  EXPECT_EQ(hits[0].patient, "Daniel Rivera");
  EXPECT_GT(hits[0].score, 0);
  EXPECT_NE(hits[0].snippet.find("[lazy]"), std::string::npos)
      << hits[0].snippet;
  EXPECT_NE(hits[0].snippet.find("[fox]"), std::string::npos)
      << hits[0].snippet;
}

TEST_F(SearchTest, AbsentWordsFindNothing) {
  AddClassified("fox", {"The quick brown fox jumps over the lazy dog"});
  EXPECT_TRUE(Ids({"elephant"}).empty());
  EXPECT_TRUE(Ids({"lazy elephant"}).empty()) << "every word must appear";
}

TEST_F(SearchTest, MoreHitsRankHigher) {
  AddClassified("once", {"one fox among a great many other ordinary words "
                         "written on this long page of text"});
  AddClassified("thrice", {"fox fox fox"});
  AddClassified("none1", {"nothing to see here"});
  AddClassified("none2", {"still nothing relevant"});
  std::vector<SearchHit> hits = Find({"fox"});
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].id, "thrice");
  EXPECT_EQ(hits[1].id, "once");
  EXPECT_GT(hits[0].score, hits[1].score);
}

TEST_F(SearchTest, FiltersByTypeAndByMrn) {
  AddClassified("lab", {"glucose result"}, Typed("lab_report", "111", "Ann"));
  AddClassified("ref", {"glucose referral"}, Typed("referral", "222", "Bob"));
  // No patient link: the MRN and name read from the page count instead.
  Classification unlinked = Typed("lab_report", "", "");
  unlinked.fields["mrn"] = {{"222"}, false, 0.9, 1};
  unlinked.fields["patient_name"] = {{"Bob Read"}, false, 0.9, 1};
  AddClassified("read", {"glucose again"}, unlinked);

  EXPECT_EQ(Ids({"glucose", "referral"}), std::vector<std::string>{"ref"});
  SearchQuery by_mrn{"glucose", "", "222"};
  std::vector<std::string> ids = Ids(by_mrn);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (std::vector<std::string>{"read", "ref"}));
  std::vector<SearchHit> both = Find({"glucose", "lab_report", "222"});
  ASSERT_EQ(both.size(), 1u);
  EXPECT_EQ(both[0].id, "read");
  EXPECT_EQ(both[0].patient, "Bob Read");
  EXPECT_TRUE(Ids({"glucose", "consent"}).empty());
}

TEST_F(SearchTest, EmptyQueryListsFilteredDocumentsNewestFirst) {
  AddClassified("old", {"first lab"}, Typed("lab_report", "1", "A"));
  AddClassified("mid", {"a referral"}, Typed("referral", "1", "A"));
  AddClassified("new", {"second lab"}, Typed("lab_report", "1", "A"));
  std::vector<SearchHit> hits = Find({"", "lab_report"});
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].id, "new");
  EXPECT_EQ(hits[1].id, "old");
  EXPECT_EQ(hits[0].score, 0);
  EXPECT_EQ(hits[0].snippet, "second lab");
  EXPECT_EQ(Ids({"", "", "1"}).size(), 3u);
}

TEST_F(SearchTest, HostileQueriesNeverError) {
  AddClassified("fox", {"The quick brown fox jumps over the lazy dog AND "
                        "the NEAR fence: text \"quoted\""});
  const std::vector<std::string> queries = {"\"",
                                            "AND",
                                            "fox AND",
                                            "NEAR(",
                                            "NEAR(fox dog",
                                            "*",
                                            "fox*",
                                            "-",
                                            "-fox",
                                            ":",
                                            "text:",
                                            "text:fox",
                                            "",
                                            "   ",
                                            "OR NOT",
                                            "(fox",
                                            "fox)",
                                            "\"fox",
                                            "^fox",
                                            "+",
                                            "{text}",
                                            "Müller",
                                            "日本語",
                                            "🦊",
                                            "\xff\xfe",
                                            "a\"b",
                                            std::string("fox\0dog", 7),
                                            "——",
                                            "'",
                                            "fox OR dog"};
  for (const std::string& q : queries) Find({q});
  EXPECT_EQ(Ids({"AND"}), std::vector<std::string>{"fox"});
  EXPECT_EQ(Ids({"NEAR("}), std::vector<std::string>{"fox"});
  EXPECT_EQ(Ids({"\"quoted\""}), std::vector<std::string>{"fox"});
  EXPECT_TRUE(Ids({"fox OR elephant"}).empty()) << "OR is a word, not an op";
}

TEST_F(SearchTest, IgnoresCaseAndDiacritics) {
  AddClassified("m", {"Referral for Jürgen MÜLLER, café owner"});
  EXPECT_EQ(Ids({"muller"}), std::vector<std::string>{"m"});
  EXPECT_EQ(Ids({"Müller CAFE"}), std::vector<std::string>{"m"});
}

TEST_F(SearchTest, SearchesEveryPageAndReclassifyingDoesNotDuplicate) {
  AddClassified("two", {"first page about apples", "second page on pears"});
  EXPECT_EQ(Ids({"apples pears"}), std::vector<std::string>{"two"});
  ASSERT_TRUE(store_->SaveClassification("two", Typed("other", "", "")).ok());
  std::vector<SearchHit> hits = Find({"pears"});
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].snippet.find('\f'), std::string::npos);
}

TEST_F(SearchTest, ReceivedDocumentsAreNotYetSearchable) {
  ASSERT_TRUE(store_->AddDocument(SampleDocument("new", 1)).ok());
  Page p;
  p.number = 1;
  p.text = "unclassified words";
  ASSERT_TRUE(store_->SavePageResult("new", p).ok());
  EXPECT_TRUE(Ids({"unclassified"}).empty());
  ASSERT_TRUE(store_->SaveClassification("new", Classification()).ok());
  EXPECT_EQ(Ids({"unclassified"}), std::vector<std::string>{"new"});
}

TEST_F(SearchTest, LimitCapsTheHits) {
  for (int i = 0; i < 5; ++i) {
    AddClassified("d" + std::to_string(i), {"common words"});
  }
  EXPECT_EQ(Ids({"common", "", "", 3}).size(), 3u);
}

}  // namespace
}  // namespace intake::store
