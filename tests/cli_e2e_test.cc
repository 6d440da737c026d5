// The command line as users meet it: help, usage errors, exit codes.
#include "tests/test_util.h"

namespace intake::testing {
namespace {

TEST(CliE2ETest, EveryCommandHasHelp) {
  ScratchDir dir;
  RunResult top = dir.Intake("--help");
  EXPECT_EQ(top.exit_code, 0);
  for (const char* cmd :
       {"ingest", "run", "search", "show", "export", "patients import",
        "review", "train", "stats", "verify", "audit"}) {
    const std::string name(cmd);
    EXPECT_NE(top.out.find(name.substr(0, name.find(' '))), std::string::npos)
        << cmd;
    RunResult help = dir.Intake(name + " --help");
    EXPECT_EQ(help.exit_code, 0) << cmd;
    EXPECT_NE(help.out.find("--config"), std::string::npos) << cmd;
  }
}

TEST(CliE2ETest, VersionNamesTheAllocator) {
  // Long imports hold their memory level on jemalloc (app/main.cc); a build
  // that lost it would still run, and only grow.
  ScratchDir dir;
  RunResult r = dir.Intake("--version");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out.rfind("intake " INTAKE_VERSION " (jemalloc 5.", 0), 0u)
      << r.out;
}

TEST(CliE2ETest, UsageErrorsAreOneLineAndExitTwo) {
  ScratchDir dir;
  RunResult r = dir.Intake("ingest --frobnicate x.tif");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_EQ(r.err.rfind("intake: ", 0), 0u) << r.err;
  EXPECT_EQ(dir.Intake("").exit_code, 2);
  EXPECT_EQ(dir.Intake("export --format docx --all --out x").exit_code, 2);
}

TEST(CliE2ETest, BadConfigurationNamesFileLineAndKey) {
  ScratchDir dir;
  std::ofstream(dir / "scanners.conf")
      << "[store]\nurl = \"sqlite:r.db\"\n\n"
         "[pipeline]\nocr_workers = \"many\"\n";
  RunResult r = dir.Intake("search anything");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("scanners.conf:5"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("pipeline.ocr_workers"), std::string::npos) << r.err;
  RunResult missing = dir.Intake("search anything --config nope.conf");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("nope.conf"), std::string::npos);
}

TEST(CliE2ETest, UnknownDocumentAndMissingInputExitFour) {
  ScratchDir dir;
  RunResult show = dir.Intake("show 0000000000000000");
  EXPECT_EQ(show.exit_code, 4);
  EXPECT_NE(show.err.find("0000000000000000"), std::string::npos) << show.err;
  RunResult ingest = dir.Intake("ingest no-such-scan.tif");
  EXPECT_EQ(ingest.exit_code, 4);
  EXPECT_NE(ingest.err.find("no-such-scan.tif"), std::string::npos);
}

TEST(CliE2ETest, SearchOnAnEmptyStoreFindsNothing) {
  ScratchDir dir;
  RunResult r = dir.Intake("search 'lazy fox' --json");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "[]\n");
}

}  // namespace
}  // namespace intake::testing
