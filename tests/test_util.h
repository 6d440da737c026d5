// Helpers for the end-to-end tests: a scratch folder per test, running the
// real `intake` binary in it, and reading the corpus beside the checkout.
#ifndef INTAKE_TESTS_TEST_UTIL_H_
#define INTAKE_TESTS_TEST_UTIL_H_

#include <gtest/gtest.h>
#include <stdlib.h>  // std::system
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "common/testing/temp_dir.h"

namespace intake::testing {

namespace fs = std::filesystem;

inline std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::string CorpusPath(const std::string& rel) {
  return std::string(INTAKE_CORPUS) + "/" + rel;
}

// Skips the calling test when the corpus file is absent.
#define INTAKE_REQUIRE_CORPUS(rel)                                            \
  do {                                                                        \
    if (!std::filesystem::exists(::intake::testing::CorpusPath(rel))) {       \
      GTEST_SKIP() << "corpus absent: " << ::intake::testing::CorpusPath(rel) \
                   << " (put shared/corpus beside the checkout)";             \
    }                                                                         \
  } while (0)

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// A fresh folder under /tmp, removed at the end of the test, in which the
// intake binary runs.
class ScratchDir : public TempDir {
 public:
  std::string operator/(const std::string& rel) const { return File(rel); }

  // Runs `intake ARGS` with this folder as the working directory, with
  // `env` (shell assignments, e.g. "A='b'") in its environment.
  RunResult Intake(const std::string& args, const std::string& env = "") const {
    const std::string out = File(".stdout"), err = File(".stderr");
    const std::string cmd = "cd '" + path() + "' && " + env + " '" +
                            INTAKE_BINARY + "' " + args + " >'" + out +
                            "' 2>'" + err + "' </dev/null";
    int status = std::system(cmd.c_str());
    RunResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = ReadAll(out);
    r.err = ReadAll(err);
    fs::remove(out);
    fs::remove(err);
    return r;
  }
};

}  // namespace intake::testing

#endif  // INTAKE_TESTS_TEST_UTIL_H_
