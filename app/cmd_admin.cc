// `intake patients import`, `train`, `review`, `stats`, `verify`, `audit`:
// the registry, the classifier's model, people's decisions, and the health
// of the store. Every change and every read of patient data is audited.
#include <cmath>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>

#include "app/commands.h"
#include "capture/capture_file.h"
#include "classify/model.h"
#include "classify/patient_csv.h"
#include "store/archive.h"
#include "store/record_store.h"

namespace intake::app {
namespace {

using nlohmann::json;

void PrintJson(const json& j) { std::printf("%s\n", j.dump(2).c_str()); }

}  // namespace

int RunPatientsImport(const PatientsImportOptions& options) {
  int code = kExitOk;
  std::unique_ptr<store::RecordStore> st =
      OpenConfiguredStore(options.config, &code);
  if (!st) return code;
  // The whole file is checked before anything is written: a half-read
  // registry would match pages to the wrong people.
  Result<std::vector<PatientRecord>> patients =
      classify::LoadPatientCsv(options.file);
  if (!patients.ok()) {
    PrintError(patients.status().message());
    return patients.status().code() == Status::Code::kNotFound
               ? kExitNotFound
               : kExitInputFailed;
  }
  Result<store::PatientImport> done = st->UpsertPatients(*patients);
  if (!done.ok()) {
    PrintError(done.status().message());
    return ExitCodeFor(done.status());
  }
  char line[160];
  std::snprintf(line, sizeof(line),
                "%zu patients: %lld added, %lld updated, %lld unchanged",
                patients->size(), static_cast<long long>(done->added),
                static_cast<long long>(done->updated),
                static_cast<long long>(done->unchanged));
  if (!Audited(*st, "patients_import", "", options.file + ": " + line)) {
    return kExitUnavailable;
  }
  std::fprintf(stderr, "intake: %s\n", line);
  return kExitOk;
}

int RunTrain(const TrainOptions& options) {
  int code = kExitOk;
  std::unique_ptr<store::RecordStore> st =
      OpenConfiguredStore(options.config, &code);
  if (!st) return code;
  Result<std::vector<std::string>> ids = st->ReviewedDocuments();
  if (!ids.ok()) {
    PrintError(ids.status().message());
    return ExitCodeFor(ids.status());
  }
  std::vector<classify::LabelledDocument> examples;
  std::map<std::string, int> per_type;
  for (const std::string& id : *ids) {
    Result<Document> doc = st->GetDocument(id);
    if (!doc.ok()) {
      PrintError(doc.status().message());
      return ExitCodeFor(doc.status());
    }
    if (JoinPageText(doc->pages).find_first_not_of(" \n\f") ==
        std::string::npos) {
      continue;  // nothing was read: nothing to learn from
    }
    ++per_type[doc->classification.doc_type];
    examples.push_back({doc->classification.doc_type, doc->pages});
  }
  if (static_cast<int>(examples.size()) < options.min_examples) {
    PrintError("only " + std::to_string(examples.size()) +
               " reviewed document(s) with text; at least " +
               std::to_string(options.min_examples) +
               " are needed (review documents with `intake review`)");
    return kExitInputFailed;
  }
  // Always from the shipped model plus every reviewed document: training
  // again never counts a document twice, and never forgets the defaults.
  Result<classify::TypeModel> model = classify::TrainTypeModel(
      &classify::TypeModel::Default(), examples, classify::TrainOptions());
  if (!model.ok()) {
    PrintError(model.status().message());
    return kExitInputFailed;
  }
  std::string summary;
  for (const auto& [type, n] : per_type) {
    summary += (summary.empty() ? "" : ", ") + type + " " + std::to_string(n);
  }
  Result<std::int64_t> version =
      st->SaveModel({0, "", static_cast<std::int64_t>(examples.size()), summary,
                     model->Serialize()});
  if (!version.ok()) {
    PrintError(version.status().message());
    return ExitCodeFor(version.status());
  }
  if (!Audited(*st, "train", "",
               "model version " + std::to_string(*version) + ": " + summary)) {
    return kExitUnavailable;
  }
  std::fprintf(stderr,
               "intake: classifier model version %lld learnt from %zu reviewed "
               "document(s) (%s); pipelines started from now on use it\n",
               static_cast<long long>(*version), examples.size(),
               summary.c_str());
  return kExitOk;
}

int RunReview(const ReviewOptions& options) {
  int code = kExitOk;
  std::unique_ptr<store::RecordStore> st =
      OpenConfiguredStore(options.config, &code);
  if (!st) return code;
  Result<Document> doc = st->GetDocument(options.id);
  if (!doc.ok()) {
    PrintError(doc.status().message());
    return ExitCodeFor(doc.status());
  }
  if (doc->status == PageState::kQuarantined) {
    PrintError("document " + options.id +
               " is quarantined: nothing was read to review");
    return kExitInputFailed;
  }
  Classification c = doc->classification;
  std::string detail;
  if (!options.type.empty()) {
    c.doc_type = options.type;
    c.type_confidence = 1;
    detail += " type=" + options.type;
  }
  for (const std::string& kv : options.set_fields) {
    const size_t eq = kv.find('=');
    const std::string name = kv.substr(0, eq);
    if (eq == std::string::npos || name.empty()) {
      PrintError("--set " + kv + ": expected FIELD=VALUE");
      return kExitUsage;
    }
    Field f;
    f.is_list = field::IsList(name);
    std::string value = kv.substr(eq + 1);
    for (size_t start = 0; start <= value.size();) {
      const size_t comma = f.is_list ? value.find(',', start) : value.npos;
      std::string v = value.substr(start, comma - start);
      if (!v.empty()) f.values.push_back(v);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    f.confidence = 1;
    c.fields[name] = f;
    detail += " " + name;
  }
  if (!options.patient_mrn.empty()) {
    Result<std::vector<PatientRecord>> patients = st->ListPatients();
    if (!patients.ok()) {
      PrintError(patients.status().message());
      return ExitCodeFor(patients.status());
    }
    const PatientRecord* found = nullptr;
    for (const PatientRecord& p : *patients) {
      if (p.mrn == options.patient_mrn) found = &p;
    }
    if (found == nullptr) {
      PrintError("no patient with MRN " + options.patient_mrn +
                 " in the registry (intake patients import)");
      return kExitNotFound;
    }
    c.patient = {found->id, found->mrn,
                 found->first_name + " " + found->last_name, "reviewed"};
    c.patient_detail = "chosen in review by " + CurrentUser();
    detail += " patient=" + found->id;
  }
  const bool matched = !c.patient.id.empty();
  if (matched && !options.hold) {
    c.status = PageState::kFiled;
    c.review_reasons.clear();
  } else {
    c.status = PageState::kNeedsReview;
  }
  store::Review review{CurrentUser(), c};
  Status s = st->SaveReview(options.id, review);
  if (!s.ok()) {
    PrintError(s.message());
    return ExitCodeFor(s);
  }
  if (!Audited(*st, "review", options.id,
               std::string(ToString(c.status)) + detail)) {
    return kExitUnavailable;
  }
  std::fprintf(stderr, "intake: %s: %s, %s%s\n", options.id.c_str(),
               c.doc_type.c_str(), std::string(ToString(c.status)).c_str(),
               matched ? (" to " + c.patient.name).c_str() : "");
  return kExitOk;
}

int RunStats(const StatsOptions& options) {
  int code = kExitOk;
  std::unique_ptr<store::RecordStore> st =
      OpenConfiguredStore(options.config, &code);
  if (!st) return code;
  Result<store::StoreCounts> counts = st->Counts();
  Result<std::vector<store::LedgerRow>> ledger =
      counts.ok() ? st->Ledger()
                  : Result<std::vector<store::LedgerRow>>(counts.status());
  if (!ledger.ok()) {
    PrintError(ledger.status().message());
    return ExitCodeFor(ledger.status());
  }
  struct PerScanner {
    std::int64_t batches = 0, received = 0, stored = 0, blank = 0,
                 separator = 0, quarantined = 0, documents = 0, unbalanced = 0,
                 filed = 0, needs_review = 0, last_hour = 0, last_day = 0;
    double confidence_sum = 0;  // over stored pages
    std::string last;
    double mean_confidence() const {
      return stored > 0 ? confidence_sum / stored : 0;
    }
  };
  // Throughput: pages received in the last hour and day (ISO times sort).
  const std::string hour_ago = capture::UtcSecondsAgo(3600);
  const std::string day_ago = capture::UtcSecondsAgo(86400);
  std::map<std::string, PerScanner> scanners;
  for (const store::LedgerRow& r : *ledger) {
    PerScanner& p = scanners[r.scanner];
    p.filed += r.filed;
    p.needs_review += r.needs_review;
    p.confidence_sum += r.mean_ocr_confidence * r.stored;
    if (r.received_at >= hour_ago) p.last_hour += r.received;
    if (r.received_at >= day_ago) p.last_day += r.received;
    ++p.batches;
    p.received += r.received;
    p.stored += r.stored;
    p.blank += r.blank;
    p.separator += r.separator;
    p.quarantined += r.quarantined;
    p.documents += r.documents;
    p.unbalanced += r.balanced() ? 0 : 1;
    p.last = std::max(p.last, r.received_at);
  }
  std::int64_t in_pipeline = 0;
  for (const auto& [status, n] : counts->documents_by_status) {
    if (status == "received" || status == "recognized" ||
        status == "classified") {
      in_pipeline += n;
    }
  }
  (void)Audited(*st, "stats", "", "");
  if (options.json) {
    json j = {{"documents", counts->documents},
              {"pages", counts->pages},
              {"in_pipeline", in_pipeline},
              {"documents_by_status", json::object()},
              {"pages_by_state", json::object()},
              {"scanners", json::array()}};
    for (const auto& [k, n] : counts->documents_by_status) {
      j["documents_by_status"][k] = n;
    }
    for (const auto& [k, n] : counts->pages_by_state)
      j["pages_by_state"][k] = n;
    for (const auto& [name, p] : scanners) {
      j["scanners"].push_back({{"scanner", name},
                               {"batches", p.batches},
                               {"documents", p.documents},
                               {"pages_received", p.received},
                               {"pages_stored", p.stored},
                               {"pages_blank", p.blank},
                               {"pages_separator", p.separator},
                               {"pages_quarantined", p.quarantined},
                               {"unbalanced_batches", p.unbalanced},
                               {"filed", p.filed},
                               {"needs_review", p.needs_review},
                               {"mean_ocr_confidence",
                                std::round(p.mean_confidence() * 1000) / 1000},
                               {"pages_last_hour", p.last_hour},
                               {"pages_last_day", p.last_day},
                               {"last_received_at", p.last}});
    }
    PrintJson(j);
    return kExitOk;
  }
  std::printf("documents %lld (%lld in the pipeline), pages %lld\n",
              static_cast<long long>(counts->documents),
              static_cast<long long>(in_pipeline),
              static_cast<long long>(counts->pages));
  for (const auto& [k, n] : counts->documents_by_status) {
    std::printf("  %-13s %lld\n", k.c_str(), static_cast<long long>(n));
  }
  std::printf(
      "\npage ledger (received = stored + blank + separator + "
      "quarantined)\n%-16s %7s %8s %7s %6s %10s %12s\n",
      "scanner", "batches", "received", "stored", "blank", "separator",
      "quarantined");
  for (const auto& [name, p] : scanners) {
    std::printf(
        "%-16s %7lld %8lld %7lld %6lld %10lld %12lld%s\n", name.c_str(),
        static_cast<long long>(p.batches), static_cast<long long>(p.received),
        static_cast<long long>(p.stored), static_cast<long long>(p.blank),
        static_cast<long long>(p.separator),
        static_cast<long long>(p.quarantined),
        p.unbalanced ? "  LEDGER DOES NOT BALANCE: intake verify" : "");
  }
  std::printf("\nquality and throughput\n%-16s %9s %6s %7s %9s %9s %9s\n",
              "scanner", "documents", "filed", "review", "mean OCR", "pages/1h",
              "pages/24h");
  for (const auto& [name, p] : scanners) {
    std::printf("%-16s %9lld %6lld %7lld %9.2f %9lld %9lld\n", name.c_str(),
                static_cast<long long>(p.documents),
                static_cast<long long>(p.filed),
                static_cast<long long>(p.needs_review), p.mean_confidence(),
                static_cast<long long>(p.last_hour),
                static_cast<long long>(p.last_day));
  }
  return kExitOk;
}

int RunVerify(const VerifyOptions& options) {
  int code = kExitOk;
  Config config;
  std::unique_ptr<store::RecordStore> st =
      OpenConfiguredStore(options.config, &code, &config);
  if (!st) return code;
  const store::Archive archive(config.store.archive);
  std::vector<std::string> problems;
  Result<std::vector<std::string>> hashes = st->ArchivedHashes();
  Result<std::vector<store::LedgerRow>> ledger =
      hashes.ok() ? st->Ledger()
                  : Result<std::vector<store::LedgerRow>>(hashes.status());
  if (!ledger.ok()) {
    PrintError(ledger.status().message());
    return ExitCodeFor(ledger.status());
  }
  for (const std::string& sha : *hashes) {
    Status s = archive.Verify(sha);
    if (!s.ok()) problems.push_back("archive: " + s.message());
  }
  std::int64_t pages = 0;
  for (const store::LedgerRow& r : *ledger) {
    pages += r.received;
    if (!r.balanced()) {
      problems.push_back("batch " + r.batch_id + " (" + r.file + ", scanner " +
                         r.scanner + "): " + std::to_string(r.received) +
                         " pages received but " + std::to_string(r.stored) +
                         " stored + " + std::to_string(r.blank) + " blank + " +
                         std::to_string(r.separator) + " separator + " +
                         std::to_string(r.quarantined) + " quarantined");
    }
  }
  if (!Audited(*st, "verify", "",
               std::to_string(problems.size()) + " problem(s)")) {
    return kExitUnavailable;
  }
  if (options.json) {
    PrintJson({{"ok", problems.empty()},
               {"archived_files", hashes->size()},
               {"batches", ledger->size()},
               {"pages_received", pages},
               {"problems", problems}});
  } else {
    for (const std::string& p : problems) PrintError(p);
  }
  std::fprintf(stderr,
               "intake: verify: %zu archived file(s), %zu batch(es), %lld "
               "page(s) received: %s\n",
               hashes->size(), ledger->size(), static_cast<long long>(pages),
               problems.empty()
                   ? "every byte matches its hash, every page is accounted for"
                   : (std::to_string(problems.size()) + " problem(s)").c_str());
  return problems.empty() ? kExitOk : kExitInputFailed;
}

int RunAudit(const AuditOptions& options) {
  int code = kExitOk;
  std::unique_ptr<store::RecordStore> st =
      OpenConfiguredStore(options.config, &code);
  if (!st) return code;
  Result<std::vector<store::AuditEntry>> entries =
      st->ReadAudit(options.document);
  if (!entries.ok()) {
    PrintError(entries.status().message());
    return ExitCodeFor(entries.status());
  }
  // Reading the log is itself recorded (after the read, so it is not shown).
  if (!Audited(*st, "audit", options.document, options.user)) {
    return kExitUnavailable;
  }
  json out = json::array();
  for (const store::AuditEntry& e : *entries) {
    if (!options.user.empty() && e.user != options.user) continue;
    if (options.json) {
      out.push_back({{"at", e.at},
                     {"user", e.user},
                     {"action", e.action},
                     {"document", e.document_id},
                     {"detail", e.detail}});
    } else {
      std::printf("%s  %-12s %-16s %-18s %s\n", e.at.c_str(), e.user.c_str(),
                  e.action.c_str(), e.document_id.c_str(), e.detail.c_str());
    }
  }
  if (options.json) PrintJson(out);
  return kExitOk;
}

}  // namespace intake::app
