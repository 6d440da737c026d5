// Test helpers for store/: a fresh temporary folder per test and a sample
// document. Test-only; not part of intake_store.
#ifndef INTAKE_STORE_TEST_UTIL_H_
#define INTAKE_STORE_TEST_UTIL_H_

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <string>

#include "common/document.h"
#include "common/sha256.h"

namespace intake::store {

// A folder under /tmp made with mkdtemp, removed with its contents on
// destruction.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = "/tmp/intake_store_test.XXXXXX";
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
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// A received document of `pages` pages, as capture hands it over: source
// known, no text yet. Its source hash is derived from `id`.
inline Document SampleDocument(const std::string& id, int pages) {
  Document doc;
  doc.id = id;
  doc.status = PageState::kReceived;
  doc.source = {"scan_" + id + ".tif",  "/inbox/scan_" + id + ".tif",
                "front-desk-1",         Sha256Hex("source of " + id),
                "2026-11-25T07:05:00Z", 1234};
  for (int i = 1; i <= pages; ++i) {
    Page p;
    p.number = i;
    p.sha256 = Sha256Hex(id + " page " + std::to_string(i));
    doc.pages.push_back(p);
  }
  return doc;
}

}  // namespace intake::store

#endif  // INTAKE_STORE_TEST_UTIL_H_
