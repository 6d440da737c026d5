// Issue 4 end to end: multi-page TIFF and PDF files, separator sheets and
// patient labels, SANE's virtual ADF scanner through `intake run`, and the
// page ledger that `intake stats` shows and `intake verify` checks. The real
// binary, real files, real barcodes.
#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>

#include <nlohmann/json.hpp>

#include "capture/decode.h"
#include "capture/tiff_encode.h"
#include "tests/test_util.h"

namespace intake::testing {
namespace {

using nlohmann::json;

constexpr char kRender[] = INTAKE_SOURCE_DIR "/tests/render_page.py";

// Renders text pages with tests/render_page.py (Pillow, DejaVu Sans).
void Render(const std::string& out, const std::string& args) {
  const std::string cmd =
      "/usr/bin/python3 '" + std::string(kRender) + "' '" + out + "' " + args;
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
}

std::vector<PageImage> Decode(const std::string& path) {
  Result<std::vector<PageImage>> pages = capture::DecodePages(ReadAll(path));
  EXPECT_TRUE(pages.ok()) << pages.status().ToString();
  return pages.ok() ? *pages : std::vector<PageImage>();
}

// A 150-dpi letter page with a Code 128 symbol of `text` near the top.
PageImage BarcodePage(const std::string& text) {
  PageImage p;
  p.width = 1275;
  p.height = 1650;
  p.dpi_x = p.dpi_y = 150;
  p.pixels.assign(static_cast<size_t>(p.width) * p.height, '\xff');
  ZXing::BitMatrix bits =
      ZXing::MultiFormatWriter(ZXing::BarcodeFormat::Code128)
          .setMargin(10)
          .encode(text, 500, 120);
  for (int y = 0; y < bits.height(); ++y) {
    for (int x = 0; x < bits.width(); ++x) {
      if (bits.get(x, y)) p.pixels[(150 + y) * p.width + 200 + x] = 0;
    }
  }
  return p;
}

void WriteTiff(const std::string& path, const std::vector<PageImage>& pages) {
  Result<std::string> tiff = capture::EncodeTiff(pages);
  ASSERT_TRUE(tiff.ok()) << tiff.status().ToString();
  std::ofstream(path, std::ios::binary) << *tiff;
}

json ExportAll(const ScratchDir& dir) {
  RunResult ex = dir.Intake("export --all --format json --out out");
  EXPECT_EQ(ex.exit_code, 0) << ex.err;
  json docs = json::array();
  for (const auto& e : fs::directory_iterator(dir / "out")) {
    docs.push_back(json::parse(ReadAll(e.path().string())));
  }
  std::sort(docs.begin(), docs.end(), [](const json& a, const json& b) {
    return a["id"].get<std::string>() < b["id"].get<std::string>();
  });
  return docs;
}

TEST(CaptureE2ETest, MultiPageTiffAndPdfAreOneDocumentEach) {
  ScratchDir dir;
  Render(dir / "three.tif",
         "'Progress note page one' --page 'Progress note page two' --page "
         "'Progress note page three'");
  Render(dir / "two.pdf", "'Referral letter page one' --page 'Page two'");
  RunResult r = dir.Intake("ingest three.tif two.pdf --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json docs = ExportAll(dir);
  ASSERT_EQ(docs.size(), 2u);
  std::map<std::string, size_t> pages;
  for (const json& d : docs) {
    pages[d["source"]["file"]] = d["pages"].size();
  }
  EXPECT_EQ(pages["three.tif"], 3u);
  EXPECT_EQ(pages["two.pdf"], 2u);
}

TEST(CaptureE2ETest, SeparatorSheetsSplitAndPatientLabelsSetTheMrn) {
  ScratchDir dir;
  Render(dir / "a.tif",
         "'Laboratory Report' 'Patient: Ana Lopez' --page 'Glucose 98 mg/dL'");
  Render(dir / "b.png", "'Progress Note' 'Patient: Ben Ortiz'");
  std::vector<PageImage> stack = Decode(dir / "a.tif");
  stack.push_back(BarcodePage("SEPARATOR"));
  std::vector<PageImage> b = Decode(dir / "b.png");
  ASSERT_EQ(stack.size(), 3u);
  ASSERT_EQ(b.size(), 1u);
  // The second document's first page carries a patient label too.
  PageImage labelled = b[0];
  const PageImage label = BarcodePage("MRN 50752917");
  for (int y = 150; y < 300; ++y) {
    std::copy_n(label.pixels.begin() + y * label.width + 200, 520,
                labelled.pixels.begin() + y * labelled.width + 600);
  }
  stack.push_back(labelled);
  stack.push_back(BarcodePage("SEPARATOR"));  // trailing: no empty document
  WriteTiff(dir / "stack.tif", stack);
  std::ofstream(dir / "scanners.conf")
      << "[[scanner]]\nname = \"records-adf\"\nsource = \"folder:inbox\"\n"
         "separator = \"SEPARATOR\"\n"
         "patient_barcode = \"MRN ([0-9]{8})\"\n";

  RunResult unknown = dir.Intake("ingest --scanner nosuch stack.tif");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("--scanner nosuch: no [[scanner]]"),
            std::string::npos)
      << unknown.err;
  RunResult r = dir.Intake("ingest --scanner records-adf stack.tif");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("2 documents stored (3 pages"), std::string::npos)
      << r.err;
  json docs = ExportAll(dir);
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0]["pages"].size() + docs[1]["pages"].size(), 3u);
  const json& first = docs[0]["pages"].size() == 2 ? docs[0] : docs[1];
  const json& second = docs[0]["pages"].size() == 2 ? docs[1] : docs[0];
  EXPECT_EQ(first["source"]["sha256"], second["source"]["sha256"]);
  EXPECT_EQ(second["fields"]["mrn"]["value"], "50752917");
  EXPECT_DOUBLE_EQ(second["fields"]["mrn"]["confidence"].get<double>(), 1.0);
  EXPECT_NE(second["text"].get<std::string>().find("Ortiz"), std::string::npos);
  EXPECT_FALSE(first["fields"].contains("mrn"));

  // The ledger: 5 pages received = 3 stored + 2 separator sheets.
  RunResult stats = dir.Intake("stats --json");
  ASSERT_EQ(stats.exit_code, 0) << stats.err;
  json s = json::parse(stats.out);
  ASSERT_EQ(s["scanners"].size(), 1u);
  EXPECT_EQ(s["scanners"][0]["scanner"], "records-adf");
  EXPECT_EQ(s["scanners"][0]["pages_received"], 5);
  EXPECT_EQ(s["scanners"][0]["pages_stored"], 3);
  EXPECT_EQ(s["scanners"][0]["pages_separator"], 2);
  EXPECT_EQ(s["scanners"][0]["documents"], 2);
  RunResult verify = dir.Intake("verify");
  EXPECT_EQ(verify.exit_code, 0) << verify.err;

  // Ingesting the same stack again is one duplicate, not two more documents.
  RunResult again = dir.Intake("ingest --scanner records-adf stack.tif");
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.err.find("1 duplicate"), std::string::npos) << again.err;
}

TEST(CaptureE2ETest, VerifyFindsAnArchivedFileThatChanged) {
  ScratchDir dir;
  Render(dir / "a.png", "'Consent to treatment'");
  ASSERT_EQ(dir.Intake("ingest a.png").exit_code, 0);
  ASSERT_EQ(dir.Intake("verify").exit_code, 0);
  // Damage one archived file (the original of a.png).
  for (const auto& e : fs::recursive_directory_iterator(dir / "archive")) {
    if (e.is_regular_file() &&
        ReadAll(e.path().string()) == ReadAll(dir / "a.png")) {
      fs::permissions(e.path(), fs::perms::owner_write, fs::perm_options::add);
      std::ofstream(e.path(), std::ios::app) << "x";
    }
  }
  RunResult verify = dir.Intake("verify");
  EXPECT_EQ(verify.exit_code, 1) << verify.err;
  EXPECT_NE(verify.err.find("1 problem"), std::string::npos) << verify.err;
}

TEST(CaptureE2ETest, SaneAdfBatchThroughIntakeRun) {
  ScratchDir dir;
  // SANE's virtual scanner, configured privately (nothing under /etc).
  fs::create_directories(dir / "sane");
  std::ofstream(dir / "sane/dll.conf") << "test\n";
  std::ofstream(dir / "sane/test.conf")
      << "number_of_devices 1\nmode Gray\ndepth 8\ntest-picture \"Grid\"\n"
         "tl_x 0.0\ntl_y 0.0\nbr_x 60\nbr_y 80\n";
  std::ofstream(dir / "scanners.conf")
      << "[[scanner]]\nname = \"adf-1\"\nsource = \"sane:test:0\"\n"
         "dpi = 100\ntray = \"adf\"\n";
  RunResult r =
      dir.Intake("run --once", "SANE_CONFIG_DIR='" + dir / "sane" + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // The test device's feeder holds 10 sheets.
  EXPECT_NE(r.err.find("adf-1: 10 page(s) scanned"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("10 page(s), "), std::string::npos) << r.err;
  json docs = ExportAll(dir);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0]["pages"].size(), 10u);
  EXPECT_EQ(docs[0]["source"]["scanner"], "adf-1");
  EXPECT_EQ(docs[0]["pages"][0]["dpi"], 100);
  // The spool is empty once the batch is stored.
  EXPECT_TRUE(fs::is_empty(dir / "spool/adf-1"));
  EXPECT_EQ(dir.Intake("verify").exit_code, 0);

  // A device that does not exist stops `run` before anything starts.
  std::ofstream(dir / "scanners.conf")
      << "[[scanner]]\nname = \"adf-2\"\nsource = \"sane:nosuch:0\"\n";
  RunResult missing =
      dir.Intake("run --once", "SANE_CONFIG_DIR='" + dir / "sane" + "'");
  EXPECT_EQ(missing.exit_code, 3);
  EXPECT_NE(missing.err.find("adf-2: SANE device \"nosuch:0\" not found"),
            std::string::npos)
      << missing.err;
}

}  // namespace
}  // namespace intake::testing
