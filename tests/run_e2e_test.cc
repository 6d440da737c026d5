// `intake run`: a file dropped into the hot folder becomes searchable while it
// runs; the folder is emptied; SIGTERM exits 0 after draining.
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "tests/test_util.h"

namespace intake::testing {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

// Starts `intake run` in `dir` in the background; returns its pid.
pid_t StartRun(const ScratchDir& dir) {
  pid_t pid = fork();
  if (pid == 0) {
    if (chdir(dir.path().c_str()) != 0) _exit(127);
    FILE* log = std::freopen((dir / "run.log").c_str(), "w", stderr);
    (void)log;
    execl(INTAKE_BINARY, INTAKE_BINARY, "run", static_cast<char*>(nullptr));
    _exit(127);
  }
  return pid;
}

int WaitExit(pid_t pid, std::chrono::seconds limit) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  int status = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    if (waitpid(pid, &status, WNOHANG) == pid) {
      return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    std::this_thread::sleep_for(50ms);
  }
  kill(pid, SIGKILL);
  waitpid(pid, &status, 0);
  return -2;  // did not stop in time
}

TEST(RunE2ETest, HotFolderFileBecomesSearchableAndSigtermExitsZero) {
  INTAKE_REQUIRE_CORPUS("tesseract/phototest.tif");
  ScratchDir dir;
  std::ofstream(dir / "scanners.conf")
      << "[[scanner]]\nname = \"front-desk-1\"\nsource = \"folder:inbox\"\n"
         "poll_interval_s = 0.2\nsettle_s = 0.5\n";
  pid_t pid = StartRun(dir);
  ASSERT_GT(pid, 0);
  // Written under a temporary name, then renamed, as scanners do.
  fs::create_directories(dir / "inbox");
  fs::copy_file(CorpusPath("tesseract/phototest.tif"),
                dir / "inbox/scan.tif.part");
  fs::rename(dir / "inbox/scan.tif.part", dir / "inbox/scan.tif");
  std::ofstream(dir / "inbox/garbage.tif") << "not a tiff at all";

  json hits = json::array();
  auto deadline = std::chrono::steady_clock::now() + 60s;
  while (hits.empty() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(300ms);
    RunResult r = dir.Intake("search 'lazy fox' --json");
    if (r.exit_code == 0 && !r.out.empty()) hits = json::parse(r.out);
  }
  ASSERT_EQ(hits.size(), 1u) << ReadAll(dir / "run.log");
  // Acknowledged: removed from the inbox; the bad file sits in quarantine/.
  deadline = std::chrono::steady_clock::now() + 20s;
  while (!fs::is_empty(dir / "inbox") &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(100ms);
  }
  EXPECT_TRUE(fs::is_empty(dir / "inbox"));
  EXPECT_TRUE(fs::exists(dir / "quarantine/garbage.tif"));
  EXPECT_NE(ReadAll(dir / "quarantine/garbage.tif.reason").find("not an image"),
            std::string::npos);

  kill(pid, SIGTERM);
  EXPECT_EQ(WaitExit(pid, 30s), 0) << ReadAll(dir / "run.log");
  const std::string log = ReadAll(dir / "run.log");
  EXPECT_NE(log.find("front-desk-1"), std::string::npos) << log;
  EXPECT_NE(log.find("stopped"), std::string::npos) << log;
}

// Files waiting when intake starts are taken once; a crash (SIGKILL) right
// after they were acknowledged loses nothing and stores nothing twice: the
// next start finishes the documents from the archive.
TEST(RunE2ETest, FilesWaitingAtStartSurviveACrashAndAreStoredOnce) {
  ScratchDir dir;
  std::ofstream(dir / "scanners.conf")
      << "[[scanner]]\nname = \"front-desk-1\"\nsource = \"folder:inbox\"\n"
         "poll_interval_s = 0.2\nsettle_s = 0.2\n";
  fs::create_directories(dir / "inbox");
  for (const char* name : {"a", "b", "c"}) {
    const std::string cmd =
        "/usr/bin/python3 '" INTAKE_SOURCE_DIR "/tests/render_page.py' '" +
        dir / "inbox" + "/" + name + ".png' 'Progress Note' 'Patient: Test " +
        name + "' 'Seen today for follow-up of hypertension.'";
    ASSERT_EQ(std::system(cmd.c_str()), 0);
  }
  pid_t pid = StartRun(dir);
  ASSERT_GT(pid, 0);
  auto deadline = std::chrono::steady_clock::now() + 60s;
  while (!fs::is_empty(dir / "inbox") &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(20ms);
  }
  ASSERT_TRUE(fs::is_empty(dir / "inbox")) << ReadAll(dir / "run.log");
  kill(pid, SIGKILL);  // acknowledged, probably not yet read: a crash
  int status = 0;
  waitpid(pid, &status, 0);

  RunResult again = dir.Intake("run --once");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  RunResult stats = dir.Intake("stats --json");
  ASSERT_EQ(stats.exit_code, 0) << stats.err;
  json s = json::parse(stats.out);
  EXPECT_EQ(s["documents"], 3) << stats.out;
  EXPECT_EQ(s["in_pipeline"], 0) << stats.out;
  EXPECT_EQ(s["scanners"][0]["pages_received"], 3);
  EXPECT_EQ(s["scanners"][0]["pages_stored"], 3);
  RunResult verify = dir.Intake("verify");
  EXPECT_EQ(verify.exit_code, 0) << verify.err;
  RunResult search = dir.Intake("search hypertension --json");
  ASSERT_EQ(search.exit_code, 0);
  EXPECT_EQ(json::parse(search.out).size(), 3u);
}

}  // namespace
}  // namespace intake::testing
