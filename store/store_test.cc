#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>

#include "store/record_store.h"
#include "store/test_util.h"

namespace intake::store {
namespace {

TEST(OpenStoreTest, SqliteUrlCreatesFileAndFolders) {
  TempDir dir;
  const std::string path = dir.File("a/b/records.db");
  Result<std::unique_ptr<RecordStore>> store = OpenStore("sqlite:" + path);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_TRUE(std::filesystem::exists(path));
}

TEST(OpenStoreTest, BarePathOpensSqlite) {
  TempDir dir;
  const std::string path = dir.File("records.db");
  Result<std::unique_ptr<RecordStore>> store = OpenStore(path);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  ASSERT_TRUE((*store)->AddDocument(SampleDocument("d", 1)).ok());
  EXPECT_TRUE(std::filesystem::exists(path + "-wal")) << "WAL mode expected";
}

TEST(OpenStoreTest, PostgresqlIsNotBuiltYet) {
  Result<std::unique_ptr<RecordStore>> store =
      OpenStore("postgresql://intake@db.example/records");
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), Status::Code::kUnsupported);
  EXPECT_NE(store.status().message().find("sqlite:PATH"), std::string::npos);
}

TEST(OpenStoreTest, OtherUrlsAreInvalidAndNamed) {
  for (const std::string url : {"mysql://host/db", "", "sqlite:"}) {
    Result<std::unique_ptr<RecordStore>> store = OpenStore(url);
    ASSERT_FALSE(store.ok()) << url;
    EXPECT_EQ(store.status().code(), Status::Code::kInvalidArgument) << url;
  }
  EXPECT_NE(
      OpenStore("mysql://host/db").status().message().find("mysql://host/db"),
      std::string::npos);
}

TEST(OpenStoreTest, TwoConnectionsShareOneFile) {
  TempDir dir;
  const std::string url = "sqlite:" + dir.File("records.db");
  Result<std::unique_ptr<RecordStore>> a = OpenStore(url);
  Result<std::unique_ptr<RecordStore>> b = OpenStore(url);
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_TRUE((*a)->AddDocument(SampleDocument("from-a", 1)).ok());
  ASSERT_TRUE((*b)->AddDocument(SampleDocument("from-b", 1)).ok());
  Result<std::vector<std::string>> ids = (*a)->ListDocumentIds();
  ASSERT_TRUE(ids.ok());
  EXPECT_EQ(*ids, (std::vector<std::string>{"from-a", "from-b"}));
}

TEST(OpenStoreTest, NotADatabaseIsAClearError) {
  TempDir dir;
  const std::string path = dir.File("records.db");
  std::ofstream(path) << "this is a text file, not a database, honestly\n"
                      << std::string(4096, 'x');
  Result<std::unique_ptr<RecordStore>> store = OpenStore(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), Status::Code::kCorrupt)
      << store.status().ToString();
}

TEST(OpenStoreTest, NewerSchemaIsRefusedUntouched) {
  TempDir dir;
  const std::string path = dir.File("records.db");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(
      sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr),
      SQLITE_OK);
  sqlite3_close(db);
  Result<std::unique_ptr<RecordStore>> store = OpenStore(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), Status::Code::kUnsupported);
  EXPECT_NE(store.status().message().find("99"), std::string::npos)
      << store.status().message();
}

}  // namespace
}  // namespace intake::store
