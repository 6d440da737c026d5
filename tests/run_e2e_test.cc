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

}  // namespace
}  // namespace intake::testing
