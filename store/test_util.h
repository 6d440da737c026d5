// Test helpers for store/: a sample document (and TempDir, shared with the
// other modules' tests). Test-only; not part of intake_store.
#ifndef INTAKE_STORE_TEST_UTIL_H_
#define INTAKE_STORE_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <string>

#include "common/document.h"
#include "common/sha256.h"
#include "common/testing/temp_dir.h"

namespace intake::store {

using ::intake::testing::TempDir;

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
