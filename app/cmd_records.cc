// `intake search`, `intake show`, `intake export`: reading the records store.
// Every view and export is written to the audit log.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "app/commands.h"
#include "common/document_json.h"
#include "store/archive.h"
#include "store/record_store.h"

namespace intake::app {
namespace {

namespace fs = std::filesystem;

void PrintDocument(const Document& d) {
  const Classification& c = d.classification;
  std::printf("document  %s\n", d.id.c_str());
  std::printf("status    %s\n", std::string(ToString(d.status)).c_str());
  if (!d.quarantine_reason.empty()) {
    std::printf("reason    %s\n", d.quarantine_reason.c_str());
  }
  std::printf("type      %s (confidence %.2f)\n", c.doc_type.c_str(),
              c.type_confidence);
  std::printf("source    %s (scanner %s, received %s)\n", d.source.path.c_str(),
              d.source.scanner.c_str(), d.source.received_at.c_str());
  std::printf("patient   %s\n",
              c.patient.name.empty()
                  ? "(not matched)"
                  : (c.patient.name + " (MRN " + c.patient.mrn + ", " +
                     c.patient.match + ")")
                        .c_str());
  if (!c.patient_detail.empty()) {
    std::printf("matching  %s\n", c.patient_detail.c_str());
  }
  if (!c.destinations.empty()) {
    std::string to;
    for (const std::string& d : c.destinations) {
      to += (to.empty() ? "" : ", ") + d;
    }
    std::printf("routed to %s\n", to.c_str());
  }
  for (const auto& [name, f] : c.fields) {
    std::string value;
    for (const std::string& v : f.values)
      value += (value.empty() ? "" : ", ") + v;
    std::printf("  %-14s %s  (%.2f, page %d)\n", name.c_str(), value.c_str(),
                f.confidence, f.page);
  }
  for (const std::string& r : c.review_reasons) {
    std::printf("review    %s\n", r.c_str());
  }
  for (const Page& p : d.pages) {
    std::printf("page %-4d %s  %d dpi  confidence %.2f%s%s\n", p.number,
                std::string(ToString(p.state)).c_str(), p.dpi, p.ocr_confidence,
                p.blank ? "  blank" : "",
                p.error.empty() ? "" : ("  error: " + p.error).c_str());
  }
}

}  // namespace

int RunSearch(const SearchOptions& o) {
  int code = kExitOk;
  auto st = OpenConfiguredStore(o.config, &code);
  if (!st) return code;
  store::SearchQuery q{o.query, o.type, o.patient, o.limit};
  Result<std::vector<store::SearchHit>> hits = st->Search(q);
  if (!hits.ok()) {
    PrintError(hits.status().message());
    return ExitCodeFor(hits.status());
  }
  if (!Audited(*st, "search", "", o.query)) return kExitUnavailable;
  if (o.json) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const store::SearchHit& h : *hits) {
      out.push_back({{"id", h.id},
                     {"doc_type", h.doc_type},
                     {"status", h.status},
                     {"patient", h.patient},
                     {"score", std::round(h.score * 1000) / 1000},
                     {"snippet", h.snippet}});
    }
    std::printf("%s\n", out.dump(2).c_str());
    return kExitOk;
  }
  if (hits->empty()) {
    std::fprintf(stderr, "intake: no documents match\n");
    return kExitOk;
  }
  for (const store::SearchHit& h : *hits) {
    std::printf("%s  %-18s %-13s %5.1f  %s\n    %s\n", h.id.c_str(),
                h.doc_type.c_str(), h.status.c_str(), h.score,
                h.patient.empty() ? "-" : h.patient.c_str(), h.snippet.c_str());
  }
  return kExitOk;
}

int RunShow(const ShowOptions& o) {
  int code = kExitOk;
  auto st = OpenConfiguredStore(o.config, &code);
  if (!st) return code;
  Result<Document> d = st->GetDocument(o.id);
  if (!d.ok()) {
    PrintError(d.status().message());
    return ExitCodeFor(d.status());
  }
  if (!Audited(*st, "view", d->id,
               o.json   ? "json"
               : o.text ? "text"
                        : "summary")) {
    return kExitUnavailable;
  }
  if (o.json) {
    std::printf("%s\n", ToExportJson(*d).dump(2).c_str());
  } else if (o.text) {
    std::printf("%s\n", JoinPageText(d->pages).c_str());
  } else {
    PrintDocument(*d);
  }
  return kExitOk;
}

// Writes `bytes` to `path` through a temporary file, so that a reader never
// sees half an export.
Status WriteAtomically(const fs::path& path, const std::string& bytes) {
  const fs::path tmp = fs::path(path).concat(".tmp");
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << bytes;
    if (!out.flush()) return Status::IOError("cannot write " + tmp.string());
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec)
    return Status::IOError("cannot write " + path.string() + ": " +
                           ec.message());
  return Status::Ok();
}

int RunExport(const ExportOptions& o) {
  if (o.format != "json" && o.format != "pdf") {
    PrintError("export format '" + o.format +
               "' is not built yet (this version exports json and pdf)");
    return kExitUsage;
  }
  if (o.all == !o.ids.empty()) {
    PrintError("name documents to export, or give --all (not both)");
    return kExitUsage;
  }
  int code = kExitOk;
  Config config;
  auto st = OpenConfiguredStore(o.config, &code, &config);
  if (!st) return code;
  const store::Archive archive(config.store.archive);
  std::vector<std::string> ids = o.ids;
  if (o.all) {
    Result<std::vector<std::string>> all = st->ListDocumentIds();
    if (!all.ok()) {
      PrintError(all.status().message());
      return ExitCodeFor(all.status());
    }
    ids = std::move(all).value();
  }
  std::error_code ec;
  fs::create_directories(o.out, ec);
  if (ec) {
    PrintError("cannot create " + o.out + ": " + ec.message());
    return kExitUnavailable;
  }
  int exported = 0;
  for (const std::string& id : ids) {
    Result<Document> d = st->GetDocument(id);
    if (!d.ok()) {
      PrintError(d.status().message());
      code = ExitCodeFor(d.status());
      continue;
    }
    Result<std::string> bytes = ToExportJson(*d).dump(2) + "\n";
    if (o.format == "pdf") {
      if (d->pdf_sha256.empty()) {
        // Quarantined, blank or unread documents have no pages to show.
        PrintError(id + ": no searchable PDF (status " +
                   std::string(ToString(d->status)) + ")");
        code = kExitInputFailed;
        continue;
      }
      bytes = archive.Get(d->pdf_sha256);
    }
    if (!bytes.ok()) {
      PrintError(id + ": " + bytes.status().message());
      code = ExitCodeFor(bytes.status());
      continue;
    }
    if (!Audited(*st, "export", d->id, o.format + " to " + o.out)) {
      return kExitUnavailable;
    }
    Status s =
        WriteAtomically(fs::path(o.out) / (d->id + "." + o.format), *bytes);
    if (!s.ok()) {
      PrintError(s.message());
      return kExitUnavailable;
    }
    ++exported;
  }
  std::fprintf(stderr, "intake: exported %d document%s to %s\n", exported,
               exported == 1 ? "" : "s", o.out.c_str());
  return code;
}

}  // namespace intake::app
