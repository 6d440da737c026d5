// Dispatcher: the coordinator's end of one stage, the load-balancing ("LRU
// queue") pattern of queue/PROTOCOL.md. Jobs are queued here and handed only
// to idle workers; each RESULT makes its worker idle again.
//
// Not thread-safe: owned and used by the coordinator thread only.
#ifndef INTAKE_QUEUE_DISPATCHER_H_
#define INTAKE_QUEUE_DISPATCHER_H_

#include <deque>
#include <map>
#include <string>
#include <vector>

#include "queue/socket.h"

namespace intake::queue {

struct JobResult {
  std::string job_id;
  bool ok = false;
  Frames payload;     // when ok
  std::string error;  // when !ok: the worker's one-line reason
};

class Dispatcher {
 public:
  // Binds a ROUTER socket at `endpoint` (e.g. "inproc://intake/ocr").
  Dispatcher(Context& context, std::string endpoint);

  Status Bind();

  // Queues a job; it is sent as soon as a worker is idle.
  void Submit(const std::string& job_id, Frames payload);

  // Reads every message waiting on the socket (call when Poll says it is
  // readable), hands queued jobs to idle workers and appends finished jobs to
  // `results`. A result for a job not in flight (a duplicate) is dropped.
  Status Service(std::vector<JobResult>* results);

  // From now on, every idle worker (and each one as it becomes idle with no
  // job left) is sent STOP.
  void StopWorkers();
  // Number of workers that have been sent STOP.
  int stopped_workers() const { return stopped_; }

  size_t queued() const { return queue_.size(); }
  size_t in_flight() const { return in_flight_.size(); }
  Socket& socket() { return socket_; }

 private:
  struct Job {
    std::string id;
    Frames payload;
  };
  void DispatchQueued();
  Status SendTo(const std::string& worker, const Frames& body,
                const Frames& payload = {});

  std::string endpoint_;
  Socket socket_;
  std::deque<Job> queue_;
  std::deque<std::string> idle_;                  // worker identities
  std::map<std::string, std::string> in_flight_;  // job id -> worker
  bool stopping_ = false;
  int stopped_ = 0;
};

}  // namespace intake::queue

#endif  // INTAKE_QUEUE_DISPATCHER_H_
