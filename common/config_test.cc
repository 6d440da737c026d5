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

namespace intake {
namespace {

class ScannerConfigTest : public ::testing::Test {
 protected:
  Result<Config> Load(const std::string& scanner_lines) {
    const std::string path = dir_.File("scanners.conf");
    std::ofstream(path) << "[[scanner]]\nname = \"adf-1\"\n" << scanner_lines;
    return Config::Load(path);
  }
  testing::TempDir dir_;
};

TEST_F(ScannerConfigTest, ReadsCaptureKeys) {
  Result<Config> c = Load(
      "source = \"sane:test:0\"\ndpi = 200\nmode = \"lineart\"\n"
      "duplex = true\ntray = \"adf\"\nblank_threshold = 0.01\n"
      "separator = \"PATCH-T\"\npatient_barcode = \"MRN([0-9]{8})\"\n"
      "patient_symbology = \"Code128\"\ndefault_type = \"insurance_card\"\n");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  const ScannerConfig& sc = c->scanners.at(0);
  EXPECT_TRUE(sc.is_sane());
  EXPECT_EQ(sc.target(), "test:0");
  EXPECT_EQ(sc.dpi, 200);
  EXPECT_EQ(sc.mode, "lineart");
  EXPECT_TRUE(sc.duplex);
  EXPECT_EQ(sc.tray, "adf");
  EXPECT_DOUBLE_EQ(sc.blank_threshold, 0.01);
  EXPECT_EQ(sc.separator, "PATCH-T");
  EXPECT_EQ(sc.patient_barcode, "MRN([0-9]{8})");
  EXPECT_EQ(sc.patient_symbology, "Code128");
  EXPECT_EQ(sc.default_type, "insurance_card");
}

TEST_F(ScannerConfigTest, BadValuesNameTheirLineAndKey) {
  struct Case {
    std::string lines, key;
  } cases[] = {
      {"source = \"folder:in\"\nmode = \"sepia\"\n",
       ":4: key 'scanner[0].mode'"},
      {"source = \"folder:in\"\ndpi = 20\n", ":4: key 'scanner[0].dpi'"},
      {"source = \"folder:in\"\npatient_barcode = \"MRN([0-9]\"\n",
       ":4: key 'scanner[0].patient_barcode'"},
      {"source = \"folder:in\"\nblank_threshold = 0.5\n",
       ":4: key 'scanner[0].blank_threshold'"},
      {"source = \"folder:in\"\ndefault_type = \"Lab Report\"\n",
       ":4: key 'scanner[0].default_type'"},
      {"source = \"sane:\"\n", ":3: key 'scanner[0].source'"},
  };
  for (const Case& c : cases) {
    Result<Config> r = Load(c.lines);
    ASSERT_FALSE(r.ok()) << c.lines;
    EXPECT_NE(r.status().message().find(c.key), std::string::npos)
        << r.status().message();
  }
}

TEST_F(ScannerConfigTest, PdfTextIsKeepOrOcr) {
  const std::string path = dir_.File("p.conf");
  std::ofstream(path) << "[pipeline]\npdf_text = \"ocr\"\n";
  Result<Config> c = Config::Load(path);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->pipeline.pdf_text, "ocr");
  std::ofstream(path) << "[pipeline]\npdf_text = \"maybe\"\n";
  EXPECT_FALSE(Config::Load(path).ok());
}

}  // namespace
}  // namespace intake

namespace intake {
namespace {

TEST(ShippedConfigTest, TheRepositorysScannersConfLoadsWithItsDefaults) {
  Result<Config> c = Config::Load(INTAKE_SOURCE_DIR "/scanners.conf");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  const Config d = Config::Defaults();
  EXPECT_EQ(c->pipeline.ocr_workers, d.pipeline.ocr_workers);
  EXPECT_EQ(c->pipeline.pdf_text, d.pipeline.pdf_text);
  ASSERT_EQ(c->scanners.size(), 1u);
  const ScannerConfig& s = c->scanners[0];
  const ScannerConfig& ds = d.scanners[0];
  EXPECT_EQ(s.name, ds.name);
  EXPECT_EQ(s.dpi, ds.dpi);
  EXPECT_EQ(s.mode, ds.mode);
  EXPECT_DOUBLE_EQ(s.blank_threshold, ds.blank_threshold);
  EXPECT_DOUBLE_EQ(s.settle_s, ds.settle_s);
}

}  // namespace
}  // namespace intake
