#include "app/coordinator.h"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "capture/decode.h"
#include "capture/image_info.h"
#include "common/document_json.h"
#include "ocr/searchable_pdf.h"

namespace intake::app {
namespace {

// Document ids are the first 16 hex digits of the original's SHA-256: short
// enough to type, stable across re-ingests, and collision-free in practice
// (2^64 space; AddDocument refuses a clash rather than overwrite).
std::string DocumentId(const std::string& sha256) {
  return sha256.substr(0, 16);
}

std::string JobId(const std::string& doc_id, int page) {
  return doc_id + "/" + std::to_string(page);
}

void LogError(const std::string& what) {
  std::fprintf(stderr, "intake: %s\n", what.c_str());
}

// Fields capture read (a patient label's MRN) replace what OCR read; when
// the page prints a different value the document goes to review.
void MergeCaptureFields(const std::map<std::string, Field>& captured,
                        Classification* c) {
  for (const auto& [name, field] : captured) {
    auto it = c->fields.find(name);
    if (it != c->fields.end() && it->second.values != field.values) {
      c->review_reasons.push_back("conflicting_field:" + name);
    }
    c->fields[name] = field;
  }
}

}  // namespace

Endpoints Endpoints::ForInstance(int instance) {
  const std::string base = "inproc://intake-" + std::to_string(instance) + "/";
  return {base + "capture", base + "ocr", base + "classify", base + "events",
          base + "control"};
}

Coordinator::Coordinator(queue::Context& context, const Endpoints& endpoints,
                         std::unique_ptr<store::RecordStore> store,
                         store::Archive archive, CoordinatorOptions options)
    : endpoints_(endpoints),
      store_(std::move(store)),
      archive_(std::move(archive)),
      options_(std::move(options)),
      capture_(context, queue::Socket::Type::kPull),
      events_(context, queue::Socket::Type::kPush),
      control_(context, queue::Socket::Type::kPull),
      ocr_(context, endpoints.ocr),
      classify_(context, endpoints.classify) {}

Status Coordinator::Bind() {
  // Capture decodes at most a couple of files ahead (PROTOCOL.md); events
  // never block the coordinator, whatever the command is doing.
  capture_.SetReceiveHighWater(1);
  events_.SetSendHighWater(0);
  Status s = capture_.Bind(endpoints_.capture);
  if (s.ok()) s = events_.Bind(endpoints_.events);
  if (s.ok()) s = control_.Bind(endpoints_.control);
  if (s.ok()) s = ocr_.Bind();
  if (s.ok()) s = classify_.Bind();
  return s;
}

void Coordinator::Emit(const Event& event) {
  Status s = events_.Send(EncodeEvent(event));
  if (!s.ok()) LogError("cannot report an event: " + s.message());
}

size_t Coordinator::PagesInFlight() const {
  return ocr_.queued() + ocr_.in_flight();
}

void Coordinator::Dispatch(const std::string& doc_id, int number,
                           const std::string& sha, PageImage image) {
  OcrPageOptions o;
  auto f = in_flight_.find(doc_id);
  if (f != in_flight_.end()) {
    auto sc = options_.scanners.find(f->second.scanner);
    if (sc != options_.scanners.end()) o = sc->second.ocr;
  }
  o.use_text_layer = o.use_text_layer && options_.use_text_layer;
  ocr_.Submit(JobId(doc_id, number),
              EncodeOcrJob(doc_id, number, sha, std::move(image), o));
}

const classify::PatientRegistry& Coordinator::Registry() {
  Result<std::int64_t> version = store_->PatientsVersion();
  if (version.ok() && (*version != registry_version_ || !registry_)) {
    Result<std::vector<PatientRecord>> patients = store_->ListPatients();
    if (patients.ok()) {
      registry_ = std::make_unique<classify::PatientRegistry>(
          std::move(patients).value());
      registry_version_ = *version;
    } else {
      LogError("cannot read the patient registry: " +
               patients.status().message());
    }
  }
  if (!registry_) {
    // Without a registry nothing can be matched: an empty one files nothing.
    registry_ = std::make_unique<classify::PatientRegistry>(
        std::vector<PatientRecord>());
  }
  return *registry_;
}

void Coordinator::Decide(const InFlight& f, Classification* c) {
  auto sc = options_.scanners.find(f.scanner);
  const double min = options_.routing.min_type_confidence;
  if (sc != options_.scanners.end() && !sc->second.default_type.empty() &&
      c->type_confidence < min) {
    // The site vouches for what this scanner is used for.
    c->doc_type = sc->second.default_type;
    c->type_confidence = min;
    std::erase(c->review_reasons, std::string("low_type_confidence"));
  }
  const classify::PatientMatch match =
      classify::MatchPatient(Registry(), f.pages, c->fields, options_.fields);
  classify::Route(options_.routing, match, c);
}

void Coordinator::Recover() {
  Result<std::vector<std::string>> ids = store_->UnfinishedDocuments();
  if (!ids.ok()) {
    LogError("cannot list unfinished documents: " + ids.status().message());
    return;
  }
  // Resumed one at a time as the window allows (Run), like new files:
  // thousands left by a crash must not all be decoded at once.
  recover_queue_.assign(ids->begin(), ids->end());
}

void Coordinator::Resume(const std::string& id) {
  Result<Document> doc = store_->GetDocument(id);
  Result<std::string> bytes = doc.ok() ? archive_.Get(doc->source.sha256)
                                       : Result<std::string>(doc.status());
  Result<std::vector<PageImage>> images =
      bytes.ok() ? capture::DecodePages(*bytes)
                 : Result<std::vector<PageImage>>(bytes.status());
  if (!images.ok()) {
    LogError("cannot resume document " + id + ": " + images.status().message());
    return;
  }
  // A document split from a larger batch takes its own pages of the original.
  std::vector<PageImage> mine;
  for (const Page& p : doc->pages) {
    const size_t source = p.source_page > 0 ? p.source_page : p.number;
    if (source > images->size()) break;
    mine.push_back(std::move((*images)[source - 1]));
  }
  if (mine.size() != doc->pages.size()) {
    LogError("cannot resume document " + id + ": page count changed");
    return;
  }
  InFlight& f = in_flight_[id];
  f.path = doc->source.path;
  f.scanner = doc->source.scanner;
  f.recovered = true;
  f.pages = doc->pages;
  // Until classified, the stored fields are the ones capture found.
  f.capture_fields = doc->classification.fields;
  for (size_t i = 0; i < f.pages.size(); ++i) {
    if (f.pages[i].state == PageState::kReceived) {
      Dispatch(id, f.pages[i].number, f.pages[i].sha256, std::move(mine[i]));
    } else {
      ++f.recognized;
    }
  }
  if (f.recognized == f.pages.size()) {
    classify_.Submit(id, EncodeClassifyJob(id, f.pages));
  }
}

std::vector<Document> Coordinator::SplitDocuments(const CapturedFile& file,
                                                  const std::string& batch_id) {
  std::vector<Document> docs(file.documents());
  for (size_t d = 0; d < docs.size(); ++d) {
    Document& doc = docs[d];
    doc.batch_id = batch_id;
    doc.batch_part = static_cast<int>(d) + 1;
    doc.id = d == 0 ? batch_id : batch_id + "-" + std::to_string(d + 1);
    doc.source = file.source;
    const std::string& mrn = file.document_mrn[d];
    if (!mrn.empty()) {
      Field f;
      f.values = {mrn};
      f.confidence = 1;  // read from a barcode: no OCR doubt
      f.page =
          d < file.document_mrn_page.size() ? file.document_mrn_page[d] : 1;
      doc.classification.fields[std::string(field::kMrn)] = f;
    }
  }
  for (size_t i = 0; i < file.pages.size(); ++i) {
    Document& doc = docs[file.page_document[i] - 1];
    Page p;
    p.number = static_cast<int>(doc.pages.size()) + 1;
    p.sha256 = file.page_sha256[i];
    p.width = file.pages[i].width;
    p.height = file.pages[i].height;
    p.source_page = file.page_source[i];
    doc.pages.push_back(std::move(p));
  }
  return docs;
}

void Coordinator::HandleFile(CapturedFile file) {
  Event ev;
  ev.path = file.source.path;
  ev.scanner = file.source.scanner;
  if (file.unreadable) {
    // Not even the bytes could be read: nothing to archive, nothing stored.
    ev.kind = "failed";
    ev.message = file.error;
    Emit(ev);
    return;
  }
  Result<std::optional<std::string>> existing =
      store_->FindBySourceHash(file.source.sha256);
  if (existing.ok() && existing->has_value()) {
    ev.kind = "duplicate";
    ev.doc_id = **existing;
    ev.message = "already stored as document " + ev.doc_id;
    Emit(ev);
    return;
  }
  // The original is archived before anything else depends on it.
  Result<std::string> archived =
      existing.ok() ? archive_.Put(file.original) : existing.status();
  if (!archived.ok()) {
    ev.kind = "failed";
    ev.message = archived.status().message();
    Emit(ev);
    return;
  }
  Batch batch;
  batch.id = DocumentId(file.source.sha256);
  batch.source = file.source;
  batch.pages_received = file.pages_received;
  batch.separator_pages = file.separator_pages;
  batch.note = file.note;
  if (file.error.empty() && file.pages_received == 0) file.error = "no pages";
  std::vector<Document> docs;
  if (!file.error.empty()) {
    // Not decodable: one quarantined document, counted as one page.
    Document& doc = docs.emplace_back();
    doc.id = batch.id;
    doc.batch_id = batch.id;
    doc.source = file.source;
    doc.status = PageState::kQuarantined;
    doc.quarantine_reason = file.error;
    batch.pages_received = 1;
  } else {
    docs = SplitDocuments(file, batch.id);
  }
  Status s = store_->AddBatch(batch, docs);
  ev.doc_id = docs.empty() ? batch.id : docs.front().id;
  ev.pages = static_cast<int>(file.pages.size());
  ev.documents = static_cast<int>(docs.size());
  if (!s.ok()) {
    ev.kind = "failed";
    ev.message = s.message();
    Emit(ev);
    return;
  }
  if (!file.error.empty()) {
    ev.kind = "quarantined";
    ev.status = "quarantined";
    ev.message = file.error;
    Emit(ev);
    return;
  }
  ev.kind = "stored";
  ev.status = "received";
  if (file.separator_pages > 0) {
    ev.message = std::to_string(file.separator_pages) +
                 " separator sheet(s), " + std::to_string(docs.size()) +
                 " document(s)";
  }
  Emit(ev);
  std::vector<std::vector<PageImage>> images(docs.size());
  for (size_t i = 0; i < file.pages.size(); ++i) {
    images[file.page_document[i] - 1].push_back(std::move(file.pages[i]));
  }
  for (size_t d = 0; d < docs.size(); ++d) {
    StartDocument(docs[d], file.source.path, std::move(images[d]));
  }
}

void Coordinator::StartDocument(const Document& doc, const std::string& path,
                                std::vector<PageImage> images) {
  InFlight& f = in_flight_[doc.id];
  f.path = path;
  f.scanner = doc.source.scanner;
  f.pages = doc.pages;
  f.capture_fields = doc.classification.fields;
  for (size_t i = 0; i < images.size(); ++i) {
    Dispatch(doc.id, doc.pages[i].number, doc.pages[i].sha256,
             std::move(images[i]));
  }
}

void Coordinator::OnOcrResult(queue::JobResult r) {
  const size_t slash = r.job_id.rfind('/');
  const std::string doc_id = r.job_id.substr(0, slash);
  auto it = in_flight_.find(doc_id);
  if (slash == std::string::npos || it == in_flight_.end()) return;
  InFlight& f = it->second;
  const int number = std::atoi(r.job_id.c_str() + slash + 1);
  if (number < 1 || number > static_cast<int>(f.pages.size())) return;
  Page& page = f.pages[number - 1];
  Result<Page> result =
      r.ok && r.payload.size() == 3
          ? PageFromJson(nlohmann::json::parse(r.payload[0], nullptr, false))
          : Result<Page>(Status::Internal(r.ok ? "malformed result" : r.error));
  if (result.ok()) {
    page = std::move(result).value();
    ArchiveOutputs(r.payload[1], r.payload[2], &page);
  } else {
    // The page stays in the document, unread, and sends it to review.
    page.error = result.status().message();
  }
  page.number = number;
  page.state = PageState::kRecognized;
  Status s = store_->SavePageResult(doc_id, page);
  if (!s.ok()) LogError("cannot store page " + r.job_id + ": " + s.message());
  if (++f.recognized == f.pages.size()) {
    classify_.Submit(doc_id, EncodeClassifyJob(doc_id, f.pages));
  }
}

void Coordinator::ArchiveOutputs(const std::string& jpeg,
                                 const std::string& hocr, Page* page) {
  // Outputs are a convenience: a failure to keep one is logged, and the
  // page goes on without it.
  if (!jpeg.empty()) {
    Result<std::string> sha = archive_.Put(jpeg);
    if (sha.ok())
      page->image_sha256 = *sha;
    else
      LogError("cannot archive a page image: " + sha.status().message());
  }
  if (!hocr.empty()) {
    Result<std::string> sha = archive_.Put(hocr);
    if (sha.ok())
      page->hocr_sha256 = *sha;
    else
      LogError("cannot archive a page's hOCR: " + sha.status().message());
  }
}

Status Coordinator::MakeSearchablePdf(const std::string& doc_id,
                                      const std::vector<Page>& pages) {
  std::vector<ocr::PdfPage> pdf_pages;
  for (const Page& p : pages) {
    if (p.image_sha256.empty()) continue;  // unread (blank, failed) pages
    Result<std::string> jpeg = archive_.Get(p.image_sha256);
    if (!jpeg.ok()) return jpeg.status();
    Result<capture::ImageSize> size =
        capture::ReadImageSize(*jpeg, capture::FileFormat::kJpeg);
    if (!size.ok()) return size.status();
    ocr::PdfPage pdf;
    pdf.jpeg = std::move(jpeg).value();
    pdf.width = size->width;
    pdf.height = size->height;
    // Words are in page pixels; the image is at the resolution it was read.
    const double to_image =
        p.width > 0 ? static_cast<double>(size->width) / p.width : 1.0;
    pdf.dpi = std::max(
        1, static_cast<int>(std::lround((p.dpi > 0 ? p.dpi : 300) * to_image)));
    for (Word w : p.words) {
      w.x = static_cast<int>(std::lround(w.x * to_image));
      w.y = static_cast<int>(std::lround(w.y * to_image));
      w.w = static_cast<int>(std::lround(w.w * to_image));
      w.h = static_cast<int>(std::lround(w.h * to_image));
      pdf.words.push_back(std::move(w));
    }
    pdf_pages.push_back(std::move(pdf));
  }
  if (pdf_pages.empty()) return Status::Ok();
  Result<std::string> pdf = ocr::BuildSearchablePdf(pdf_pages);
  if (!pdf.ok()) return pdf.status();
  Result<std::string> sha = archive_.Put(*pdf);
  if (!sha.ok()) return sha.status();
  return store_->SaveSearchablePdf(doc_id, *sha);
}

void Coordinator::OnClassifyResult(queue::JobResult r) {
  auto it = in_flight_.find(r.job_id);
  if (it == in_flight_.end()) return;
  const InFlight& f = it->second;
  Result<Classification> c = r.ok && r.payload.size() == 1
                                 ? ClassificationFromJson(nlohmann::json::parse(
                                       r.payload[0], nullptr, false))
                                 : Result<Classification>(Status::Internal(
                                       r.ok ? "malformed result" : r.error));
  Classification result;
  if (c.ok()) {
    result = std::move(c).value();
  } else {
    result.review_reasons.push_back("classify_failed");
    LogError("cannot classify " + r.job_id + ": " + c.status().message());
  }
  MergeCaptureFields(f.capture_fields, &result);
  for (const Page& p : f.pages) {
    if (!p.error.empty()) {
      result.review_reasons.push_back("ocr_failed:page_" +
                                      std::to_string(p.number));
    }
  }
  // Route decides the status: filed only with a matched patient and no
  // reason left (an unread page, a conflicting label, ...).
  if (c.ok()) Decide(f, &result);
  Event ev;
  ev.path = f.path;
  ev.scanner = f.scanner;
  ev.doc_id = r.job_id;
  ev.pages = static_cast<int>(f.pages.size());
  ev.recovered = f.recovered;
  Status pdf = MakeSearchablePdf(r.job_id, f.pages);
  if (!pdf.ok()) {
    LogError("no searchable PDF for " + r.job_id + ": " + pdf.message());
  }
  Status s = store_->SaveClassification(r.job_id, result);
  if (s.ok()) {
    ev.kind = "done";
    ev.status = std::string(ToString(result.status));
    ev.doc_type = result.doc_type;
  } else {
    // The document stays "recognized" in the store; a restart classifies it.
    ev.kind = "failed";
    ev.message = "cannot store the classification: " + s.message();
  }
  in_flight_.erase(it);
  Emit(ev);
}

void Coordinator::Run() {
  Recover();
  bool stopping = false;
  // A window of pages keeps every OCR worker busy without decoding far ahead.
  const size_t window = 2 * static_cast<size_t>(options_.ocr_workers) + 2;
  while (true) {
    if (stopping && in_flight_.empty() && recover_queue_.empty()) {
      ocr_.StopWorkers();
      classify_.StopWorkers();
      if (ocr_.stopped_workers() >= options_.ocr_workers &&
          classify_.stopped_workers() >= options_.classify_workers) {
        return;
      }
    }
    while (!recover_queue_.empty() && PagesInFlight() < window) {
      const std::string id = recover_queue_.front();
      recover_queue_.pop_front();
      Resume(id);
    }
    const bool take_files = !stopping && PagesInFlight() < window;
    std::vector<queue::Socket*> sockets = {&control_, &ocr_.socket(),
                                           &classify_.socket()};
    if (take_files) sockets.push_back(&capture_);
    std::vector<bool> ready = queue::Poll(sockets, 200);
    if (ready[0]) {
      Result<queue::Frames> msg = control_.Receive();
      if (msg.ok() && msg->size() == 2 && (*msg)[1] == "STOP") stopping = true;
    }
    std::vector<queue::JobResult> results;
    if (ready[1]) (void)ocr_.Service(&results);
    for (queue::JobResult& r : results) OnOcrResult(std::move(r));
    results.clear();
    if (ready[2]) (void)classify_.Service(&results);
    for (queue::JobResult& r : results) OnClassifyResult(std::move(r));
    if (take_files && ready[3]) {
      Result<queue::Frames> msg = capture_.Receive();
      if (!msg.ok()) continue;
      Result<CapturedFile> file = DecodeCapturedFile(std::move(msg).value());
      if (file.ok()) {
        HandleFile(std::move(file).value());
      } else {
        LogError("dropped a malformed capture message: " +
                 file.status().message());
      }
    }
  }
}

}  // namespace intake::app
