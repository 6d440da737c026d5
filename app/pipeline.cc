#include "app/pipeline.h"

#include <atomic>
#include <cstdio>
#include <future>
#include <nlohmann/json.hpp>

#include "app/coordinator.h"
#include "classify/classifier.h"
#include "classify/routing.h"
#include "common/document_json.h"
#include "ocr/recognizer.h"
#include "ocr/text_layer.h"
#include "queue/worker.h"

namespace intake::app {
namespace {

std::atomic<int> next_instance{0};

// Runs one OCR worker: its own engine, created on its own thread.
void OcrWorker(queue::Context& context, const std::string& endpoint,
               const ocr::OcrOptions& options, std::promise<Status> started) {
  Result<std::unique_ptr<ocr::Recognizer>> r = ocr::Recognizer::Create(options);
  if (!r.ok()) {
    started.set_value(r.status());
    return;
  }
  started.set_value(Status::Ok());
  ocr::Recognizer& recognizer = **r;
  Status s = queue::RunWorker(
      context, endpoint, "ocr",
      [&recognizer](queue::Frames payload) -> Result<queue::Frames> {
        Result<OcrJob> job = DecodeOcrJob(std::move(payload));
        if (!job.ok()) return job.status();
        ocr::PageOutputs outputs;
        Result<Page> page =
            job->options.use_text_layer && ocr::HasUsableTextLayer(job->image)
                ? ocr::PageFromTextLayer(job->image, &outputs)
                : recognizer.Recognize(job->image, &outputs,
                                       job->options.blank_threshold);
        if (!page.ok()) return page.status();
        page->number = job->page;
        page->sha256 = job->sha256;
        return queue::MakeFrames(ToJson(*page).dump(), std::move(outputs.jpeg),
                                 std::move(outputs.hocr));
      });
  // Unavailable is the context shutting down: a normal end, not news.
  if (!s.ok() && s.code() != Status::Code::kUnavailable) {
    std::fprintf(stderr, "intake: OCR worker: %s\n", s.message().c_str());
  }
}

void ClassifyWorker(queue::Context& context, const std::string& endpoint,
                    std::shared_ptr<const classify::Classifier> classifier) {
  Status s = queue::RunWorker(
      context, endpoint, "classify",
      [&classifier](queue::Frames payload) -> Result<queue::Frames> {
        Result<std::vector<Page>> pages = DecodeClassifyJob(payload);
        if (!pages.ok()) return pages.status();
        return queue::MakeFrames(ToJson(classifier->Classify(*pages)).dump());
      });
  if (!s.ok() && s.code() != Status::Code::kUnavailable) {
    std::fprintf(stderr, "intake: classify worker: %s\n", s.message().c_str());
  }
}

// The classifier's type model: the newest one `intake train` stored, else
// the shipped one.
Result<std::shared_ptr<const classify::TypeModel>> LoadTypeModel(
    store::RecordStore* store) {
  Result<std::optional<store::StoredModel>> stored = store->LatestModel();
  if (!stored.ok()) return stored.status();
  if (!stored->has_value()) {
    return std::shared_ptr<const classify::TypeModel>();  // the default
  }
  Result<classify::TypeModel> model =
      classify::TypeModel::Parse((*stored)->body);
  if (!model.ok()) {
    return Status::Corrupt("classifier model version " +
                           std::to_string((*stored)->version) +
                           " in the store: " + model.status().message());
  }
  return std::make_shared<const classify::TypeModel>(std::move(model).value());
}

Result<CoordinatorOptions> MakeCoordinatorOptions(
    const Config& config, const classify::ClassifierOptions& rules,
    int ocr_workers) {
  CoordinatorOptions o;
  o.ocr_workers = ocr_workers;
  o.classify_workers = 1;
  // The rules file's threshold; a routing file has its own (default 0.5).
  o.routing.min_type_confidence = rules.min_type_confidence;
  if (!config.pipeline.routing.empty()) {
    Result<classify::RoutingOptions> routing =
        classify::LoadRoutingOptions(config.pipeline.routing);
    if (!routing.ok()) return routing.status();
    o.routing = std::move(routing).value();
  }
  // The rules' required fields, unless the routing file says otherwise.
  for (const classify::TypeRule& rule : rules.rules) {
    o.routing.required_fields.try_emplace(rule.type, rule.required_fields);
  }
  o.fields = rules.fields;
  o.use_text_layer = config.pipeline.pdf_text == "keep";
  for (const ScannerConfig& sc : config.scanners) {
    ScannerSettings& s = o.scanners[sc.name];
    s.ocr.blank_threshold = sc.blank_threshold;
    s.default_type = sc.default_type;
  }
  return o;
}

}  // namespace

struct Pipeline::Sockets {
  explicit Sockets(queue::Context& c)
      : capture(c, queue::Socket::Type::kPush),
        events(c, queue::Socket::Type::kPull),
        control(c, queue::Socket::Type::kPush) {}
  queue::Socket capture;
  queue::Socket events;
  queue::Socket control;
};

Pipeline::Pipeline(Config config) : config_(std::move(config)) {}

Pipeline::~Pipeline() { Stop(); }

Status Pipeline::Start() {
  Result<std::unique_ptr<store::RecordStore>> store =
      store::OpenStore(config_.store.url);
  if (!store.ok()) return store.status();
  classify::ClassifierOptions rules = classify::Classifier::DefaultOptions();
  if (!config_.pipeline.rules.empty()) {
    Result<classify::ClassifierOptions> loaded =
        classify::Classifier::LoadOptions(config_.pipeline.rules);
    if (!loaded.ok()) return loaded.status();
    rules = std::move(loaded).value();
  }
  if (!config_.pipeline.mrn_pattern.empty()) {
    rules.fields.mrn_pattern = config_.pipeline.mrn_pattern;
  }
  Result<std::shared_ptr<const classify::TypeModel>> model =
      LoadTypeModel(store->get());
  if (!model.ok()) return model.status();
  ocr_workers_ = EffectiveOcrWorkers(config_.pipeline);
  Result<CoordinatorOptions> options =
      MakeCoordinatorOptions(config_, rules, ocr_workers_);
  if (!options.ok()) return options.status();
  auto classifier = std::make_shared<const classify::Classifier>(
      std::move(rules), std::move(model).value());

  context_ = std::make_unique<queue::Context>();
  const Endpoints endpoints = Endpoints::ForInstance(next_instance++);
  auto coordinator = std::make_shared<Coordinator>(
      *context_, endpoints, std::move(store).value(),
      store::Archive(config_.store.archive), std::move(options).value());
  Status s = coordinator->Bind();
  if (!s.ok()) return s;

  ocr::OcrOptions ocr_options;
  ocr_options.language = config_.pipeline.language;
  ocr_options.page_timeout_s = config_.pipeline.page_timeout_s;
  std::vector<std::future<Status>> engines;
  for (int i = 0; i < ocr_workers_; ++i) {
    std::promise<Status> started;
    engines.push_back(started.get_future());
    threads_.emplace_back(OcrWorker, std::ref(*context_), endpoints.ocr,
                          ocr_options, std::move(started));
  }
  threads_.emplace_back(ClassifyWorker, std::ref(*context_), endpoints.classify,
                        classifier);
  Status engine_status;
  for (auto& f : engines) {
    Status e = f.get();
    if (!e.ok() && engine_status.ok()) engine_status = e;
  }
  sockets_ = std::make_unique<Sockets>(*context_);
  sockets_->capture.SetSendHighWater(1);
  sockets_->events.SetReceiveHighWater(0);
  s = sockets_->capture.Connect(endpoints.capture);
  if (s.ok()) s = sockets_->events.Connect(endpoints.events);
  if (s.ok()) s = sockets_->control.Connect(endpoints.control);
  if (!engine_status.ok() || !s.ok()) {
    // Workers that did start wait for jobs: shutting the context ends them.
    sockets_.reset();
    context_->Shutdown();
    for (std::thread& t : threads_) t.join();
    threads_.clear();
    coordinator.reset();
    context_.reset();
    return engine_status.ok() ? s : engine_status;
  }
  threads_.emplace_back([coordinator] { coordinator->Run(); });
  running_ = true;
  return Status::Ok();
}

Status Pipeline::Submit(CapturedFile file) {
  return sockets_->capture.Send(EncodeCapturedFile(std::move(file)));
}

Result<Event> Pipeline::NextEvent(int timeout_ms) {
  Result<queue::Frames> msg = sockets_->events.Receive(timeout_ms);
  if (!msg.ok()) return msg.status();
  return DecodeEvent(*msg);
}

void Pipeline::Stop() {
  if (!running_) return;
  running_ = false;
  (void)sockets_->control.Send({std::string(queue::kProtocol), "STOP"});
  // The coordinator drains, then sends STOP to each worker; every thread
  // ends on its own. Joining the coordinator last is not required: all end.
  for (std::thread& t : threads_) t.join();
  threads_.clear();
  sockets_.reset();
  context_.reset();
}

}  // namespace intake::app
