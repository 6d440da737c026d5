#include "capture/sane_source.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <fstream>
#include <thread>

#include "common/testing/temp_dir.h"

namespace intake::capture {
namespace {

// Scan area of the virtual scanner (test.conf below), in millimetres.
constexpr double kWidthMm = 40;
constexpr double kHeightMm = 50;

// Pixels across `mm` at `dpi` as the test backend computes them (truncated).
int Pixels(double mm, int dpi) { return static_cast<int>(mm / 25.4 * dpi); }

// SANE's `test` backend configured from a private SANE_CONFIG_DIR: dll.conf
// names only `test`, test.conf makes two small virtual devices. Set before
// the first sane_init of the process; nothing under /etc is read.
class SaneSourceTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    std::ofstream(dir_->File("dll.conf")) << "test\n";
    std::ofstream(dir_->File("test.conf"))
        << "number_of_devices 2\n"
           "mode Gray\n"
           "depth 8\n"
           "resolution 50\n"
           "test-picture \"Solid black\"\n"
           "tl_x 0.0\ntl_y 0.0\n"
        << "br_x " << kWidthMm << "\nbr_y " << kHeightMm << "\n";
    setenv("SANE_CONFIG_DIR", dir_->path().c_str(), 1);
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  static SaneOptions Options(const std::string& tray) {
    SaneOptions o;
    o.device = "test:0";
    o.dpi = 100;
    o.tray = tray;
    return o;
  }

  static testing::TempDir* dir_;
};
testing::TempDir* SaneSourceTest::dir_ = nullptr;

#define ASSERT_OPEN(var, options)                                            \
  Result<std::unique_ptr<SaneScanner>> var##_r = SaneScanner::Open(options); \
  ASSERT_TRUE(var##_r.ok()) << var##_r.status().message();                   \
  SaneScanner& var = **var##_r

bool AllPixels(const PageImage& p, char value) {
  return std::all_of(p.pixels.begin(), p.pixels.end(),
                     [&](char c) { return c == value; });
}

TEST_F(SaneSourceTest, ListsTheVirtualDevices) {
  std::vector<std::string> devices = ListSaneDevices();
  EXPECT_NE(std::find(devices.begin(), devices.end(), "test:0"), devices.end());
  EXPECT_NE(std::find(devices.begin(), devices.end(), "test:1"), devices.end());
}

TEST_F(SaneSourceTest, FeederBatchGivesTenGrayPagesInOrder) {
  ASSERT_OPEN(scanner, Options("adf"));
  EXPECT_TRUE(scanner.feeder());
  EXPECT_EQ(scanner.dpi(), 100);
  std::vector<int> seen;
  SaneBatch batch = scanner.ScanBatch([&](int page) { seen.push_back(page); });
  EXPECT_TRUE(batch.end.ok()) << batch.end.message();
  // The test backend's feeder is "empty" after 10 sheets (every 11th start).
  ASSERT_EQ(batch.pages.size(), 10u);
  EXPECT_EQ(seen, (std::vector<int>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
  for (const PageImage& p : batch.pages) {
    EXPECT_EQ(p.width, Pixels(kWidthMm, 100));
    EXPECT_EQ(p.height, Pixels(kHeightMm, 100));
    EXPECT_EQ(p.channels, 1);
    EXPECT_EQ(p.dpi_x, 100);
    EXPECT_EQ(p.dpi_y, 100);
    EXPECT_TRUE(AllPixels(p, 0)) << "test picture is solid black";
  }
  // The feeder refills for the next batch.
  EXPECT_EQ(scanner.ScanBatch().pages.size(), 10u);
}

TEST_F(SaneSourceTest, FlatbedGivesOnePage) {
  ASSERT_OPEN(scanner, Options("flatbed"));
  EXPECT_FALSE(scanner.feeder());
  SaneBatch batch = scanner.ScanBatch();
  EXPECT_TRUE(batch.end.ok()) << batch.end.message();
  EXPECT_EQ(batch.pages.size(), 1u);
}

TEST_F(SaneSourceTest, ColorPagesAreBgrAndThreePassMatchesOnePass) {
  SaneOptions o = Options("flatbed");
  o.mode = "color";
  o.dpi = 75;
  o.device_options = {{"test-picture", "Color pattern"}};
  ASSERT_OPEN(one_pass, o);
  SaneBatch a = one_pass.ScanBatch();
  ASSERT_TRUE(a.end.ok()) << a.end.message();
  ASSERT_EQ(a.pages.size(), 1u);
  const PageImage& p = a.pages[0];
  EXPECT_EQ(p.channels, 3);
  EXPECT_EQ(p.width, Pixels(kWidthMm, 75));
  EXPECT_EQ(p.height, Pixels(kHeightMm, 75));
  EXPECT_EQ(p.dpi_x, 75);
  EXPECT_EQ(p.pixels.size(), static_cast<size_t>(p.width) * p.height * 3);

  // Separate red, green and blue frames, sent in an unusual order, must land
  // in the same BGR pixels as the interleaved RGB frame.
  o.device = "test:1";
  o.device_options.push_back({"three-pass", "yes"});
  o.device_options.push_back({"three-pass-order", "GBR"});
  ASSERT_OPEN(three_pass, o);
  SaneBatch b = three_pass.ScanBatch();
  ASSERT_TRUE(b.end.ok()) << b.end.message();
  ASSERT_EQ(b.pages.size(), 1u);
  EXPECT_EQ(b.pages[0].width, p.width);
  EXPECT_EQ(b.pages[0].height, p.height);
  EXPECT_EQ(b.pages[0].channels, 3);
  EXPECT_TRUE(b.pages[0].pixels == p.pixels);
}

TEST_F(SaneSourceTest, LineartIsZeroOr255AndMatchesGray) {
  SaneOptions o = Options("flatbed");
  o.device_options = {{"test-picture", "Grid"}};
  ASSERT_OPEN(gray, o);
  SaneBatch g = gray.ScanBatch();
  ASSERT_EQ(g.pages.size(), 1u) << g.end.message();

  o.device = "test:1";
  o.mode = "lineart";  // the test backend has no Lineart mode: Gray at 1 bit
  ASSERT_OPEN(lineart, o);
  SaneBatch l = lineart.ScanBatch();
  ASSERT_TRUE(l.end.ok()) << l.end.message();
  ASSERT_EQ(l.pages.size(), 1u);
  const PageImage& p = l.pages[0];
  EXPECT_EQ(p.channels, 1);
  EXPECT_EQ(p.width, Pixels(kWidthMm, 100));
  EXPECT_EQ(p.height, Pixels(kHeightMm, 100));
  EXPECT_EQ(p.dpi_x, 100);
  EXPECT_EQ(std::count(p.pixels.begin(), p.pixels.end(), '\0') +
                std::count(p.pixels.begin(), p.pixels.end(), '\xff'),
            static_cast<long>(p.pixels.size()));
  // A black-and-white grid reads the same at 1 and at 8 bits: bit 1 is black.
  EXPECT_TRUE(p.pixels == g.pages[0].pixels);
  EXPECT_GT(std::count(p.pixels.begin(), p.pixels.end(), '\0'), 0);
}

TEST_F(SaneSourceTest, SixteenBitGrayKeepsTheHighByte) {
  SaneOptions o = Options("flatbed");
  o.device_options = {{"test-picture", "Grid"}};
  ASSERT_OPEN(eight, o);
  SaneBatch a = eight.ScanBatch();
  o.device = "test:1";
  o.device_options.push_back({"depth", "16"});
  ASSERT_OPEN(sixteen, o);
  SaneBatch b = sixteen.ScanBatch();
  ASSERT_EQ(a.pages.size(), 1u);
  ASSERT_EQ(b.pages.size(), 1u) << b.end.message();
  EXPECT_TRUE(a.pages[0].pixels == b.pages[0].pixels);
}

TEST_F(SaneSourceTest, UnknownHeightIsReadUntilTheEnd) {
  SaneOptions o = Options("flatbed");
  o.device_options = {{"hand-scanner", "yes"}};  // reports lines = -1
  ASSERT_OPEN(scanner, o);
  SaneBatch batch = scanner.ScanBatch();
  ASSERT_TRUE(batch.end.ok()) << batch.end.message();
  ASSERT_EQ(batch.pages.size(), 1u);
  const PageImage& p = batch.pages[0];
  EXPECT_EQ(p.width, Pixels(110, 100));  // hand-scanner: fixed 11 cm
  EXPECT_GT(p.height, 0);
  EXPECT_EQ(p.pixels.size(), static_cast<size_t>(p.width) * p.height);
}

TEST_F(SaneSourceTest, MissingDeviceIsAClearError) {
  SaneOptions o = Options("");
  o.device = "nosuch:0";
  Result<std::unique_ptr<SaneScanner>> r = SaneScanner::Open(o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kNotFound);
  EXPECT_EQ(r.status().message(),
            "SANE device \"nosuch:0\" not found (devices found: test:0, "
            "test:1)");
  o.device = "";
  EXPECT_EQ(SaneScanner::Open(o).status().code(),
            Status::Code::kInvalidArgument);
}

TEST_F(SaneSourceTest, InvalidOptionsNameWhatTheDeviceOffers) {
  auto error = [](const SaneOptions& o) {
    Result<std::unique_ptr<SaneScanner>> r = SaneScanner::Open(o);
    EXPECT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
    return r.ok() ? std::string() : r.status().message();
  };
  SaneOptions o = Options("microfilm");
  EXPECT_EQ(error(o),
            "test:0: no source \"microfilm\" on this device (sources: "
            "Flatbed, Automatic Document Feeder)");
  o = Options("adf");
  o.dpi = 5000;
  EXPECT_EQ(error(o),
            "test:0: option \"resolution\" cannot be 5000 (allowed: 1..1200)");
  o = Options("adf");
  o.mode = "sepia";
  EXPECT_EQ(error(o),
            "scan mode must be gray, color or lineart, not \"sepia\"");
  o = Options("adf");
  o.duplex = true;
  EXPECT_EQ(error(o), "test:0: duplex is not offered by this device");
  o = Options("adf");
  o.device_options = {{"brightness", "10"}};
  EXPECT_EQ(error(o),
            "test:0: option \"brightness\" does not exist on this device");
  o.device_options = {{"test-picture", "Plaid"}};
  EXPECT_EQ(error(o),
            "test:0: option \"test-picture\" cannot be \"Plaid\" (choices: "
            "Solid black, Solid white, Color pattern, Grid)");
  o.device_options = {{"read-limit", "maybe"}};
  EXPECT_EQ(error(o),
            "test:0: option \"read-limit\" needs a yes/no value, not "
            "\"maybe\"");
}

TEST_F(SaneSourceTest, JamKeepsThePagesReceivedBeforeIt) {
  SaneOptions o = Options("adf");
  o.name = "front-desk-2";
  ASSERT_OPEN(scanner, o);
  SaneBatch batch = scanner.ScanBatch([&](int page) {
    // The fourth sheet jams: the backend fails its next read.
    if (page == 3) {
      ASSERT_TRUE(
          scanner.SetOption("read-return-value", "SANE_STATUS_JAMMED").ok());
    }
  });
  EXPECT_EQ(batch.pages.size(), 3u);
  EXPECT_EQ(batch.end.code(), Status::Code::kUnavailable);
  EXPECT_EQ(batch.end.message(), "front-desk-2: paper jam after page 3");
}

TEST_F(SaneSourceTest, DeviceErrorsBeforeAndDuringABatch) {
  SaneOptions o = Options("adf");
  o.name = "front-desk-2";
  o.device_options = {{"read-return-value", "SANE_STATUS_COVER_OPEN"}};
  {
    ASSERT_OPEN(scanner, o);
    SaneBatch batch = scanner.ScanBatch();
    EXPECT_TRUE(batch.pages.empty());
    EXPECT_EQ(batch.end.message(),
              "front-desk-2: cover open before the first page");
  }
  o.device_options.clear();
  ASSERT_OPEN(scanner, o);
  SaneBatch batch = scanner.ScanBatch([&](int page) {
    if (page == 2)
      scanner.SetOption("read-return-value", "SANE_STATUS_IO_ERROR");
  });
  EXPECT_EQ(batch.pages.size(), 2u);
  EXPECT_EQ(batch.end.code(), Status::Code::kIOError);
  EXPECT_EQ(batch.end.message(), "front-desk-2: device I/O error after page 2");
}

TEST_F(SaneSourceTest, EmptyFeederIsAnErrorButRunningOutLaterIsNot) {
  SaneOptions o = Options("adf");
  o.name = "front-desk-2";
  o.device_options = {{"read-return-value", "SANE_STATUS_NO_DOCS"}};
  {
    ASSERT_OPEN(scanner, o);
    SaneBatch batch = scanner.ScanBatch();
    EXPECT_TRUE(batch.pages.empty());
    EXPECT_EQ(batch.end.code(), Status::Code::kUnavailable);
    EXPECT_EQ(batch.end.message(), "front-desk-2: no paper in the feeder");
  }
  o.device_options.clear();
  ASSERT_OPEN(scanner, o);
  SaneBatch batch = scanner.ScanBatch([&](int page) {
    if (page == 4)
      scanner.SetOption("read-return-value", "SANE_STATUS_NO_DOCS");
  });
  EXPECT_EQ(batch.pages.size(), 4u);
  EXPECT_TRUE(batch.end.ok()) << batch.end.message();
}

TEST_F(SaneSourceTest, MaxPagesStopsALongBatch) {
  SaneOptions o = Options("adf");
  o.max_pages = 3;
  ASSERT_OPEN(scanner, o);
  SaneBatch batch = scanner.ScanBatch();
  EXPECT_EQ(batch.pages.size(), 3u);
  EXPECT_FALSE(batch.end.ok());
  EXPECT_EQ(batch.end.message(),
            "test:0: stopped after 3 pages (the max_pages limit); the feeder "
            "may hold more");
}

TEST_F(SaneSourceTest, TwoScannersOnTwoThreadsKeepTheirOwnPages) {
  // test:0 scans black, test:1 white: a page in the wrong batch would show.
  const char* pictures[2] = {"Solid black", "Solid white"};
  SaneBatch batches[2];
  std::thread threads[2];
  for (int i = 0; i < 2; ++i) {
    threads[i] = std::thread([i, &batches, &pictures] {
      SaneOptions o = Options("adf");
      o.device = "test:" + std::to_string(i);
      o.device_options = {{"test-picture", pictures[i]}};
      Result<std::unique_ptr<SaneScanner>> r = SaneScanner::Open(o);
      if (!r.ok()) {
        batches[i].end = r.status();
        return;
      }
      batches[i] = (*r)->ScanBatch();
    });
  }
  for (std::thread& t : threads) t.join();
  for (int i = 0; i < 2; ++i) {
    EXPECT_TRUE(batches[i].end.ok()) << batches[i].end.message();
    EXPECT_EQ(batches[i].pages.size(), 10u);
    for (const PageImage& p : batches[i].pages) {
      EXPECT_TRUE(AllPixels(p, i == 0 ? '\0' : '\xff')) << "scanner " << i;
    }
  }
}

}  // namespace
}  // namespace intake::capture
