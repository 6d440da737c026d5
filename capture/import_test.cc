#include "capture/import.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "common/testing/temp_dir.h"

namespace intake::capture {
namespace {

namespace fs = std::filesystem;

class ImportTest : public ::testing::Test {
 protected:
  void Touch(const std::string& rel, const std::string& text = "x") {
    fs::create_directories(fs::path(dir_ + "/" + rel).parent_path());
    std::ofstream(dir_ + "/" + rel) << text;
  }
  ::intake::testing::TempDir tmp_;
  const std::string dir_ = tmp_.path();
};

TEST_F(ImportTest, FoldersExpandRecursivelySortedWithoutLitter) {
  Touch("b.tif");
  Touch("a.png");
  Touch("box1/c.jpg");
  Touch(".hidden.png");
  Touch("Thumbs.db");
  Touch("scan.tif.part");
  Touch(".git/config");
  Result<std::vector<std::string>> files = ExpandInputs({dir_});
  ASSERT_TRUE(files.ok());
  EXPECT_EQ(*files, (std::vector<std::string>{dir_ + "/a.png", dir_ + "/b.tif",
                                              dir_ + "/box1/c.jpg"}));
}

TEST_F(ImportTest, NamedFilesKeepTheirOrder) {
  Touch("z.png");
  Touch("a.png");
  Result<std::vector<std::string>> files =
      ExpandInputs({dir_ + "/z.png", dir_ + "/a.png"});
  ASSERT_TRUE(files.ok());
  EXPECT_EQ(files->front(), dir_ + "/z.png");
}

TEST_F(ImportTest, MissingPathIsNamed) {
  Result<std::vector<std::string>> files = ExpandInputs({dir_ + "/nope.tif"});
  ASSERT_FALSE(files.ok());
  EXPECT_NE(files.status().message().find("nope.tif"), std::string::npos);
}

TEST_F(ImportTest, ReadInputFileHonoursTheSizeLimit) {
  Touch("big.png", std::string(1000, 'x'));
  EXPECT_EQ(ReadInputFile(dir_ + "/big.png")->size(), 1000u);
  Result<std::string> r = ReadInputFile(dir_ + "/big.png", 999);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("larger than"), std::string::npos);
}

}  // namespace
}  // namespace intake::capture
