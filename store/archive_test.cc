#include "store/archive.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "common/sha256.h"
#include "store/test_util.h"

namespace intake::store {
namespace {

class ArchiveTest : public ::testing::Test {
 protected:
  TempDir dir_;
  // A root that does not exist yet: Put must create it.
  Archive archive_{dir_.File("archive")};
};

TEST_F(ArchiveTest, PutThenGetReturnsTheBytes) {
  const std::string bytes("II*\0 a tiff page \xff\x00\x01", 21);
  Result<std::string> sha = archive_.Put(bytes);
  ASSERT_TRUE(sha.ok()) << sha.status().ToString();
  EXPECT_EQ(*sha, Sha256Hex(bytes));
  Result<std::string> back = archive_.Get(*sha);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, bytes);
  EXPECT_TRUE(archive_.Verify(*sha).ok());
}

TEST_F(ArchiveTest, BlobLivesAtTwoLevelsOfHashPrefix) {
  Result<std::string> sha = archive_.Put("hello");
  ASSERT_TRUE(sha.ok());
  const std::string expected = dir_.File("archive") + "/" + sha->substr(0, 2) +
                               "/" + sha->substr(2, 2) + "/" + *sha;
  EXPECT_EQ(archive_.PathOf(*sha), expected);
  EXPECT_TRUE(std::filesystem::is_regular_file(expected));
}

TEST_F(ArchiveTest, PutIsIdempotentAndLeavesNoTemporaryFiles) {
  Result<std::string> a = archive_.Put("same bytes");
  Result<std::string> b = archive_.Put("same bytes");
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(*a, *b);
  const auto folder = std::filesystem::path(archive_.PathOf(*a)).parent_path();
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    EXPECT_EQ(entry.path().filename().string(), *a);
    ++files;
  }
  EXPECT_EQ(files, 1);
}

TEST_F(ArchiveTest, EmptyBlobRoundTrips) {
  Result<std::string> sha = archive_.Put("");
  ASSERT_TRUE(sha.ok());
  Result<std::string> back = archive_.Get(*sha);
  ASSERT_TRUE(back.ok());
  EXPECT_TRUE(back->empty());
}

TEST_F(ArchiveTest, TamperedBlobIsCorrupt) {
  Result<std::string> sha = archive_.Put("original scan");
  ASSERT_TRUE(sha.ok());
  {
    std::ofstream out(archive_.PathOf(*sha),
                      std::ios::binary | std::ios::trunc);
    out << "altered scan";
  }
  EXPECT_EQ(archive_.Get(*sha).status().code(), Status::Code::kCorrupt);
  Status verify = archive_.Verify(*sha);
  EXPECT_EQ(verify.code(), Status::Code::kCorrupt);
  EXPECT_NE(verify.message().find(archive_.PathOf(*sha)), std::string::npos)
      << verify.message();
}

TEST_F(ArchiveTest, PutRepairsADamagedCopy) {
  Result<std::string> sha = archive_.Put("original scan");
  ASSERT_TRUE(sha.ok());
  std::filesystem::resize_file(archive_.PathOf(*sha), 3);
  ASSERT_FALSE(archive_.Verify(*sha).ok());
  ASSERT_TRUE(archive_.Put("original scan").ok());
  EXPECT_TRUE(archive_.Verify(*sha).ok());
}

TEST_F(ArchiveTest, MissingBlobIsNotFound) {
  const std::string sha = Sha256Hex("never stored");
  EXPECT_EQ(archive_.Get(sha).status().code(), Status::Code::kNotFound);
  EXPECT_EQ(archive_.Verify(sha).code(), Status::Code::kNotFound);
}

TEST_F(ArchiveTest, MalformedHashIsRejected) {
  EXPECT_EQ(archive_.Get("../../etc/passwd").status().code(),
            Status::Code::kInvalidArgument);
  EXPECT_EQ(archive_.Get(std::string(64, 'A')).status().code(),
            Status::Code::kInvalidArgument);
}

TEST_F(ArchiveTest, UnusableRootGivesIOErrorNamingThePath) {
  // A file where the root folder should be: fails even for root.
  const std::string root = dir_.File("not_a_folder");
  std::ofstream(root) << "x";
  Archive archive(root);
  Result<std::string> sha = archive.Put("bytes");
  ASSERT_FALSE(sha.ok());
  EXPECT_EQ(sha.status().code(), Status::Code::kIOError);
  EXPECT_NE(sha.status().message().find(root), std::string::npos)
      << sha.status().message();
}

}  // namespace
}  // namespace intake::store
