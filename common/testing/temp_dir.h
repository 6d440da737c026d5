// TempDir: a fresh folder under /tmp for one test, removed with its contents
// when the object goes. Test-only (header-only; no library links it).
#ifndef INTAKE_COMMON_TESTING_TEMP_DIR_H_
#define INTAKE_COMMON_TESTING_TEMP_DIR_H_

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <string>

namespace intake::testing {

class TempDir {
 public:
  TempDir() {
    std::string tmpl = "/tmp/intake-test-XXXXXX";
    if (mkdtemp(tmpl.data()) == nullptr) {
      ADD_FAILURE() << "mkdtemp failed";
      return;
    }
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // The path of `name` inside the folder (not created).
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

}  // namespace intake::testing

#endif  // INTAKE_COMMON_TESTING_TEMP_DIR_H_
