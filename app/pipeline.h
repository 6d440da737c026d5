// Pipeline: every stage of one `intake` process as threads joined by
// ZeroMQ inproc:// sockets — the coordinator (store), N OCR workers (one
// Tesseract engine each) and a classify worker.
//
// The command's thread owns the Pipeline and is the only one to call
// Submit/NextEvent/Stop (the sockets behind them belong to that thread).
#ifndef INTAKE_APP_PIPELINE_H_
#define INTAKE_APP_PIPELINE_H_

#include <memory>
#include <thread>
#include <vector>

#include "app/messages.h"
#include "common/config.h"

namespace intake::app {

class Pipeline {
 public:
  explicit Pipeline(Config config);
  ~Pipeline();  // Stop() when still running
  Pipeline(const Pipeline&) = delete;
  Pipeline& operator=(const Pipeline&) = delete;

  // Opens the store, loads an OCR engine per worker and the classifier rules,
  // and starts the threads; returns the first error (the store cannot be
  // opened, a language is missing, ...) with nothing left running.
  Status Start();

  // Hands one captured file to the coordinator; blocks while the pipeline
  // holds a full window of pages (this is the backpressure on capture).
  Status Submit(CapturedFile file);

  // The next event, waiting at most timeout_ms; NotFound when none came.
  Result<Event> NextEvent(int timeout_ms);

  // Finishes every document in flight, stops the workers, joins the threads.
  void Stop();

  int ocr_workers() const { return ocr_workers_; }

 private:
  struct Sockets;
  Config config_;
  int ocr_workers_ = 0;
  std::unique_ptr<queue::Context> context_;
  std::unique_ptr<Sockets> sockets_;
  std::vector<std::thread> threads_;
  bool running_ = false;
};

}  // namespace intake::app

#endif  // INTAKE_APP_PIPELINE_H_
