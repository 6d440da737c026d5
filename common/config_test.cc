#include "common/config.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "common/testing/temp_dir.h"

namespace intake {
namespace {

namespace fs = std::filesystem;

class ConfigTest : public ::testing::Test {
 protected:
  std::string Write(const std::string& text) {
    std::string path = dir_ + "/scanners.conf";
    std::ofstream(path) << text;
    return path;
  }
  ::intake::testing::TempDir tmp_;
  const std::string dir_ = tmp_.path();
};

TEST_F(ConfigTest, DefaultsWhenDefaultFileIsAbsent) {
  Result<Config> c = Config::LoadOrDefaults(dir_ + "/scanners.conf", false);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->store.url, "sqlite:records.db");
  EXPECT_EQ(c->store.archive, "archive");
  ASSERT_EQ(c->scanners.size(), 1u);
  EXPECT_EQ(c->scanners[0].source, "folder:inbox");
}

TEST_F(ConfigTest, NamedFileMustExist) {
  Result<Config> c = Config::LoadOrDefaults(dir_ + "/nope.conf", true);
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("nope.conf"), std::string::npos);
}

TEST_F(ConfigTest, ReadsEveryKeyAndResolvesPathsAgainstTheFile) {
  std::string path = Write(R"(
[store]
url = "sqlite:data/records.db"
archive = "data/archive"

[pipeline]
ocr_workers = 3
language = "eng+spa"

[[scanner]]
name = "front-desk-1"
source = "folder:inbox"
site = "Main Street Clinic"
after = "move:done"
)");
  Result<Config> c = Config::Load(path);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->store.url, "sqlite:" + dir_ + "/data/records.db");
  EXPECT_EQ(c->store.archive, dir_ + "/data/archive");
  EXPECT_EQ(c->pipeline.ocr_workers, 3);
  EXPECT_EQ(EffectiveOcrWorkers(c->pipeline), 3);
  EXPECT_EQ(c->pipeline.language, "eng+spa");
  ASSERT_EQ(c->scanners.size(), 1u);
  EXPECT_EQ(c->scanners[0].name, "front-desk-1");
  EXPECT_EQ(c->scanners[0].source, "folder:" + dir_ + "/inbox");
  EXPECT_EQ(c->scanners[0].after, "move:" + dir_ + "/done");
}

TEST_F(ConfigTest, WrongTypeNamesFileLineAndKey) {
  std::string path = Write("[pipeline]\n\nocr_workers = \"four\"\n");
  Result<Config> c = Config::Load(path);
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find(path + ":3"), std::string::npos)
      << c.status().message();
  EXPECT_NE(c.status().message().find("pipeline.ocr_workers"),
            std::string::npos);
}

TEST_F(ConfigTest, UnknownKeyIsAnError) {
  std::string path = Write("[store]\nurl = \"sqlite:x.db\"\narchvie = \"a\"\n");
  Result<Config> c = Config::Load(path);
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("store.archvie"), std::string::npos);
  EXPECT_NE(c.status().message().find(":3"), std::string::npos);
}

TEST_F(ConfigTest, SyntaxErrorNamesLine) {
  std::string path = Write("[store]\nurl = \n");
  Result<Config> c = Config::Load(path);
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find(path + ":2"), std::string::npos)
      << c.status().message();
}

TEST_F(ConfigTest, ScannerNeedsNameAndKnownSource) {
  EXPECT_FALSE(
      Config::Load(Write("[[scanner]]\nsource = \"folder:a\"\n")).ok());
  Result<Config> c =
      Config::Load(Write("[[scanner]]\nname = \"x\"\nsource = \"ftp:a\"\n"));
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("scanner[0].source"), std::string::npos);
  EXPECT_FALSE(Config::Load(Write("[[scanner]]\nname = \"x\"\nsource = "
                                  "\"folder:a\"\n[[scanner]]\nname = \"x\"\n"
                                  "source = \"folder:b\"\n"))
                   .ok());
}

TEST_F(ConfigTest, PageTimeoutTakesWholeOrFractionalSeconds) {
  Result<Config> whole =
      Config::Load(Write("[pipeline]\npage_timeout_s = 90\n"));
  ASSERT_TRUE(whole.ok()) << whole.status().ToString();
  EXPECT_DOUBLE_EQ(whole->pipeline.page_timeout_s, 90);
  Result<Config> part =
      Config::Load(Write("[pipeline]\npage_timeout_s = 0.5\n"));
  ASSERT_TRUE(part.ok());
  EXPECT_DOUBLE_EQ(part->pipeline.page_timeout_s, 0.5);
  Result<Config> zero = Config::Load(Write("[pipeline]\npage_timeout_s = 0\n"));
  ASSERT_FALSE(zero.ok());
  EXPECT_NE(zero.status().message().find("page_timeout_s"), std::string::npos);
}

TEST_F(ConfigTest, NegativeWorkersRejected) {
  Result<Config> c = Config::Load(Write("[pipeline]\nocr_workers = -1\n"));
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("ocr_workers"), std::string::npos);
}

}  // namespace
}  // namespace intake
