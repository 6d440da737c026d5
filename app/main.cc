// intake: one binary for every role. This file only parses the command line
// and calls the subcommand (app/commands.h).
#include <jemalloc/jemalloc.h>

#include <CLI/CLI.hpp>
#include <cstdint>
#include <opencv2/core/utility.hpp>
#include <string>

#include "app/commands.h"

// Every allocation of this binary is served by jemalloc (linked in
// app/CMakeLists.txt). Page images are megabytes each and no two pages need
// quite the same sizes: under glibc's malloc the free space among them grew
// for as long as an import ran (2,000 pages: medians of the run's quarters
// 291, 299, 302, 314 MB, returning the free heap every 50 pages), while the
// memory in use stayed level. jemalloc keeps allocations of a size class
// together and returns pages left unused for 10 s; its background thread
// does so while `intake run` waits for paper, too. Page images (8 MB and
// more) are kept with the rest: jemalloc's default returns them at once, and
// each page then faults them in anew (twice the kernel time, 8% more CPU per
// page; bench/README.md). MALLOC_CONF in the environment overrides these
// settings (the variable is declared in jemalloc.h).
const char* malloc_conf = "background_thread:true,oversize_threshold:0";

namespace {

// "intake VERSION (jemalloc 5.3.0-...)": support asks which allocator runs.
// Named only where it served this thread's allocations so far (start-up
// makes plenty); a sanitizer build's own allocator takes them instead.
std::string VersionLine() {
  std::string line = "intake " INTAKE_VERSION;
  uint64_t allocated = 0;
  size_t size = sizeof(allocated);
  const char* version = nullptr;
  size_t version_size = sizeof(version);
  if (mallctl("thread.allocated", &allocated, &size, nullptr, 0) == 0 &&
      allocated > 0 &&
      mallctl("version", &version, &version_size, nullptr, 0) == 0) {
    line += std::string(" (jemalloc ") + version + ")";
  }
  return line;
}

void AddConfigOption(CLI::App* cmd, intake::app::ConfigSource* source) {
  cmd->add_option_function<std::string>(
         "--config",
         [source](const std::string& path) {
           source->path = path;
           source->given = true;
         },
         "configuration file (default: ./scanners.conf if present, else "
         "built-in defaults)")
      ->type_name("FILE");
}

}  // namespace

int main(int argc, char** argv) {
  cv::setNumThreads(1);  // clean-up runs inside each OCR worker thread
  using namespace intake::app;

  CLI::App app{
      "intake: scanned health records in, searchable classified documents "
      "out.\n"
      "Exit codes: 0 ok, 1 some input quarantined or not stored, 2 usage or "
      "configuration error, 3 store or OCR engine unavailable, 4 document not "
      "found.",
      "intake"};
  app.require_subcommand(1);
  app.set_version_flag("--version", VersionLine());

  IngestOptions ingest;
  CLI::App* ingest_cmd = app.add_subcommand(
      "ingest", "import files and folders (PNG, JPEG, BMP, TIFF, PDF) once");
  ingest_cmd->add_option("PATH", ingest.paths, "files or folders")
      ->required()
      ->type_name("PATH...");
  AddConfigOption(ingest_cmd, &ingest.config);
  ingest_cmd->add_flag("--json", ingest.json,
                       "print a JSON array of per-file results on stdout");
  ingest_cmd
      ->add_option("--workers", ingest.workers,
                   "OCR worker threads (default: pipeline.ocr_workers)")
      ->check(CLI::Range(0, 256));
  ingest_cmd->add_option(
      "--scanner", ingest.scanner,
      "import as this [[scanner]] of the configuration: its name, separator "
      "sheets and patient-label barcodes");

  RunOptions run;
  CLI::App* run_cmd = app.add_subcommand(
      "run", "watch every configured scanner folder until SIGTERM or Ctrl-C");
  AddConfigOption(run_cmd, &run.config);
  run_cmd->add_flag("--once", run.once,
                    "process the files waiting now, then exit");

  SearchOptions search;
  CLI::App* search_cmd =
      app.add_subcommand("search", "full-text search, best match first");
  search_cmd->add_option("QUERY", search.query, "words to find (all of them)")
      ->required();
  search_cmd->add_option("--type", search.type, "only this document type");
  search_cmd->add_option("--patient", search.patient, "only this patient MRN")
      ->type_name("MRN");
  search_cmd->add_option("--limit", search.limit, "at most this many results")
      ->check(CLI::Range(1, 10000));
  search_cmd->add_flag("--json", search.json, "print a JSON array");
  AddConfigOption(search_cmd, &search.config);

  ShowOptions show;
  CLI::App* show_cmd = app.add_subcommand("show", "one document");
  show_cmd->add_option("DOC_ID", show.id, "document id")->required();
  auto* show_json =
      show_cmd->add_flag("--json", show.json, "print the exported JSON");
  show_cmd->add_flag("--text", show.text, "print the recognised text")
      ->excludes(show_json);
  AddConfigOption(show_cmd, &show.config);

  ExportOptions exp;
  CLI::App* export_cmd = app.add_subcommand(
      "export", "write documents to a folder, one file each");
  export_cmd->add_option("DOC_ID", exp.ids, "documents to export");
  export_cmd->add_flag("--all", exp.all, "every document");
  export_cmd
      ->add_option("--format", exp.format,
                   "json (the contract's JSON) or pdf (searchable PDF); fhir "
                   "and mdm later")
      ->check(CLI::IsMember({"json", "fhir", "pdf", "mdm"}));
  export_cmd->add_option("--out", exp.out, "output folder")->required();
  AddConfigOption(export_cmd, &exp.config);

  CLI::App* patients_cmd =
      app.add_subcommand("patients", "the patient registry used for matching");
  patients_cmd->require_subcommand(1);
  PatientsImportOptions patients_import;
  CLI::App* patients_import_cmd = patients_cmd->add_subcommand(
      "import",
      "load or update patients from a CSV file (columns mrn, last_name, "
      "first_name, dob; optional id, member_id, sex, phone); re-importing "
      "updates by MRN");
  patients_import_cmd
      ->add_option("FILE", patients_import.file, "the registry CSV file")
      ->required();
  AddConfigOption(patients_import_cmd, &patients_import.config);

  TrainOptions train;
  CLI::App* train_cmd = app.add_subcommand(
      "train",
      "retrain the document-type classifier from reviewed documents; the new "
      "model is stored as the next version");
  train_cmd->add_option("--min-examples", train.min_examples,
                        "refuse with fewer reviewed documents than this");
  AddConfigOption(train_cmd, &train.config);

  ReviewOptions review;
  CLI::App* review_cmd = app.add_subcommand(
      "review",
      "record a person's decision on a document: its type, fields and "
      "patient; with a patient it is filed");
  review_cmd->add_option("DOC_ID", review.id, "document id")->required();
  review_cmd->add_option("--type", review.type, "the document's type")
      ->type_name("TYPE");
  review_cmd
      ->add_option("--patient", review.patient_mrn,
                   "file it to the registry patient with this MRN")
      ->type_name("MRN");
  review_cmd
      ->add_option("--set", review.set_fields,
                   "correct a field (repeatable; lists comma-separated, e.g. "
                   "--set icd10=E11.9,I10)")
      ->type_name("FIELD=VALUE");
  review_cmd->add_flag("--hold", review.hold,
                       "record the corrections but keep it in review");
  AddConfigOption(review_cmd, &review.config);

  StatsOptions stats;
  CLI::App* stats_cmd = app.add_subcommand(
      "stats",
      "documents by status, and each scanner's page ledger (received, "
      "stored, blank, separator, quarantined)");
  stats_cmd->add_flag("--json", stats.json, "print JSON");
  AddConfigOption(stats_cmd, &stats.config);

  VerifyOptions verify;
  CLI::App* verify_cmd = app.add_subcommand(
      "verify",
      "check that every archived file matches its hash and every page "
      "received is accounted for; exit 1 on any problem");
  verify_cmd->add_flag("--json", verify.json, "print JSON");
  AddConfigOption(verify_cmd, &verify.config);

  AuditOptions audit;
  CLI::App* audit_cmd =
      app.add_subcommand("audit", "who saw and changed what, oldest first");
  audit_cmd->add_option("--user", audit.user, "only this user");
  audit_cmd->add_option("--document", audit.document, "only this document")
      ->type_name("ID");
  audit_cmd->add_flag("--json", audit.json, "print a JSON array");
  AddConfigOption(audit_cmd, &audit.config);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "intake: %s (see intake %s--help)\n", e.what(),
                 app.get_subcommands().empty()
                     ? ""
                     : (app.get_subcommands()[0]->get_name() + " ").c_str());
    return kExitUsage;
  }

  if (ingest_cmd->parsed()) return RunIngest(ingest);
  if (run_cmd->parsed()) return RunRun(run);
  if (search_cmd->parsed()) return RunSearch(search);
  if (show_cmd->parsed()) return RunShow(show);
  if (export_cmd->parsed()) return RunExport(exp);
  if (patients_import_cmd->parsed()) return RunPatientsImport(patients_import);
  if (train_cmd->parsed()) return RunTrain(train);
  if (review_cmd->parsed()) return RunReview(review);
  if (stats_cmd->parsed()) return RunStats(stats);
  if (verify_cmd->parsed()) return RunVerify(verify);
  if (audit_cmd->parsed()) return RunAudit(audit);
  return kExitUsage;
}
