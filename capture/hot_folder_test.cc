#include "capture/hot_folder.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "common/testing/temp_dir.h"

namespace intake::capture {
namespace {

namespace fs = std::filesystem;
using std::chrono::seconds;

class HotFolderTest : public ::testing::Test {
 protected:
  std::string Write(const std::string& name, const std::string& text,
                    bool append = false) {
    std::string path = dir_ + "/" + name;
    std::ofstream(path, append ? std::ios::app : std::ios::trunc) << text;
    return path;
  }
  ::intake::testing::TempDir tmp_;
  const std::string dir_ = tmp_.path();
};

TEST_F(HotFolderTest, FileIsHandedOutOnlyAfterItSettles) {
  HotFolder folder(dir_, 2.0);
  const auto t0 = HotFolder::Clock::now();
  std::string path = Write("scan1.tif", "part one");
  EXPECT_TRUE(folder.Poll(t0).empty());
  EXPECT_TRUE(folder.Poll(t0 + seconds(1)).empty());
  // Still being written: the settle clock restarts.
  Write("scan1.tif", " part two", true);
  EXPECT_TRUE(folder.Poll(t0 + seconds(3)).empty());
  EXPECT_TRUE(folder.Poll(t0 + seconds(4)).empty());
  EXPECT_EQ(folder.Poll(t0 + seconds(5)), std::vector<std::string>{path});
  // Handed out once, not again while the caller works on it.
  EXPECT_TRUE(folder.Poll(t0 + seconds(9)).empty());
  EXPECT_FALSE(folder.Idle());
}

TEST_F(HotFolderTest, OldestFirstAndTemporaryNamesIgnored) {
  HotFolder folder(dir_, 0.0);
  std::string newer = Write("a.png", "x");
  std::string older = Write("b.png", "x");
  Write(".a.png.swp", "x");
  Write("upload.part", "x");
  fs::last_write_time(older, fs::last_write_time(newer) - seconds(60));
  EXPECT_EQ(folder.Poll(), (std::vector<std::string>{older, newer}));
}

TEST_F(HotFolderTest, ReleaseForgetsOrRetriesLater) {
  HotFolder folder(dir_, 0.0);
  std::string path = Write("fax.tif", "x");
  ASSERT_EQ(folder.Poll().size(), 1u);
  // A failed store: retry, but not before the delay.
  folder.Release(path, seconds(30));
  EXPECT_TRUE(folder.Poll(HotFolder::Clock::now()).empty());
  EXPECT_EQ(folder.Poll(HotFolder::Clock::now() + seconds(31)).size(), 1u);
  // Stored and removed: forgotten.
  fs::remove(path);
  folder.Release(path);
  EXPECT_TRUE(folder.Poll(HotFolder::Clock::now() + seconds(40)).empty());
  EXPECT_TRUE(folder.Idle());
}

TEST_F(HotFolderTest, MoveIntoKeepsNamesUnique) {
  std::string a = Write("x.tif", "1");
  Result<std::string> first = MoveInto(a, dir_ + "/done");
  ASSERT_TRUE(first.ok());
  std::string b = Write("x.tif", "2");
  Result<std::string> second = MoveInto(b, dir_ + "/done");
  ASSERT_TRUE(second.ok());
  EXPECT_NE(*first, *second);
  EXPECT_TRUE(fs::exists(*first));
  EXPECT_TRUE(fs::exists(*second));
  EXPECT_FALSE(fs::exists(a));
}

}  // namespace
}  // namespace intake::capture
