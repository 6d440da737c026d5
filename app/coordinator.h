// Coordinator: the hub of the pipeline (queue/PROTOCOL.md). It owns the
// records store and archive, turns captured files into stored documents and
// OCR jobs, gathers page results into classification jobs, and stores the
// outcome. The store, not this object, is the truth: after a crash, Recover()
// re-dispatches whatever the store holds as unfinished.
//
// Not thread-safe: created, run and destroyed on the coordinator thread.
#ifndef INTAKE_APP_COORDINATOR_H_
#define INTAKE_APP_COORDINATOR_H_

#include <deque>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "app/messages.h"
#include "classify/patients.h"
#include "classify/routing.h"
#include "queue/dispatcher.h"
#include "store/archive.h"
#include "store/record_store.h"

namespace intake::app {

struct Endpoints {
  std::string capture, ocr, classify, events, control;
  static Endpoints ForInstance(int instance);  // unique inproc names
};

// What the coordinator applies per scanner.
struct ScannerSettings {
  OcrPageOptions ocr;
  // Type given when the classifier is unsure; empty = none.
  std::string default_type;
};

struct CoordinatorOptions {
  int ocr_workers = 1;
  int classify_workers = 1;
  // Patient matching and routing happen here, where the registry is.
  classify::RoutingOptions routing;
  classify::FieldOptions fields;
  std::map<std::string, ScannerSettings> scanners;  // by scanner name
  bool use_text_layer = true;  // pipeline.pdf_text = "keep"
};

class Coordinator {
 public:
  Coordinator(queue::Context& context, const Endpoints& endpoints,
              std::unique_ptr<store::RecordStore> store, store::Archive archive,
              CoordinatorOptions options);

  // Binds every socket; call before any peer connects.
  Status Bind();
  // Runs until a STOP arrives on the control socket and every document in
  // flight is finished and every worker has been told to stop.
  void Run();

 private:
  struct InFlight {
    std::string path;
    std::string scanner;
    bool recovered = false;
    std::vector<Page> pages;
    size_t recognized = 0;
    // Fields capture already knows (a patient label's MRN): they win over
    // what OCR reads.
    std::map<std::string, Field> capture_fields;
  };

  void Recover();
  void Resume(const std::string& doc_id);
  void HandleFile(CapturedFile file);
  // The batch of a captured file: its documents with their pages.
  static std::vector<Document> SplitDocuments(const CapturedFile& file,
                                              const std::string& batch_id);
  void StartDocument(const Document& doc, const std::string& path,
                     std::vector<PageImage> images);
  void Dispatch(const std::string& doc_id, int number, const std::string& sha,
                PageImage image);
  void OnOcrResult(queue::JobResult result);
  void OnClassifyResult(queue::JobResult result);
  // Keeps a page's cleaned image and hOCR in the archive, noting their hashes.
  void ArchiveOutputs(const std::string& jpeg, const std::string& hocr,
                      Page* page);
  // Builds the document's searchable PDF from its archived page images.
  Status MakeSearchablePdf(const std::string& doc_id,
                           const std::vector<Page>& pages);
  void Emit(const Event& event);
  size_t PagesInFlight() const;
  // The registry as the store holds it now (reloaded when it changed).
  const classify::PatientRegistry& Registry();
  // Matches the patient, applies the scanner's default type and routes.
  void Decide(const InFlight& f, Classification* c);

  Endpoints endpoints_;
  std::unique_ptr<store::RecordStore> store_;
  store::Archive archive_;
  const CoordinatorOptions options_;
  std::unique_ptr<classify::PatientRegistry> registry_;
  std::int64_t registry_version_ = -1;
  queue::Socket capture_;
  queue::Socket events_;
  queue::Socket control_;
  queue::Dispatcher ocr_;
  queue::Dispatcher classify_;
  std::map<std::string, InFlight> in_flight_;
  std::deque<std::string> recover_queue_;  // unfinished at start, oldest first
};

}  // namespace intake::app

#endif  // INTAKE_APP_COORDINATOR_H_
