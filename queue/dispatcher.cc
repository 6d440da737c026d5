#include "queue/dispatcher.h"

#include <cstdio>

namespace intake::queue {

Dispatcher::Dispatcher(Context& context, std::string endpoint)
    : endpoint_(std::move(endpoint)), socket_(context, Socket::Type::kRouter) {}

Status Dispatcher::Bind() { return socket_.Bind(endpoint_); }

void Dispatcher::Submit(const std::string& job_id, Frames payload) {
  queue_.push_back({job_id, std::move(payload)});
  DispatchQueued();
}

Status Dispatcher::SendTo(const std::string& worker, const Frames& body,
                          const Frames& payload) {
  Frames frames = {worker, ""};  // "" is the REQ envelope delimiter
  frames.insert(frames.end(), body.begin(), body.end());
  return socket_.Send(frames, payload);
}

void Dispatcher::DispatchQueued() {
  while (!idle_.empty() && !queue_.empty()) {
    std::string worker = idle_.front();
    idle_.pop_front();
    const Job& job = queue_.front();
    if (!SendTo(worker, {std::string(kProtocol), "JOB", job.id}, job.payload)
             .ok()) {
      // The worker vanished between READY and now (router_mandatory makes
      // that an error): keep the job queued for the next idle worker.
      std::fprintf(stderr, "intake: a worker on %s vanished; job %s requeued\n",
                   endpoint_.c_str(), job.id.c_str());
      continue;
    }
    in_flight_[job.id] = worker;
    queue_.pop_front();
  }
  if (stopping_ && queue_.empty()) {
    while (!idle_.empty()) {
      (void)SendTo(idle_.front(), {std::string(kProtocol), "STOP"});
      idle_.pop_front();
      ++stopped_;
    }
  }
}

Status Dispatcher::Service(std::vector<JobResult>* results) {
  while (true) {
    Result<Frames> msg = socket_.Receive(0);
    if (!msg.ok()) {
      if (msg.status().code() == Status::Code::kNotFound) break;
      return msg.status();
    }
    Frames& f = *msg;
    // [identity, "", INTAKE1, command, ...]
    if (f.size() < 4 || f[2] != kProtocol) continue;  // not ours: drop
    const std::string& worker = f[0];
    const std::string& command = f[3];
    if (command == "RESULT" && f.size() >= 6) {
      JobResult r;
      r.job_id = f[4];
      r.ok = f[5] == "ok";
      if (r.ok) {
        r.payload.assign(std::make_move_iterator(f.begin() + 6),
                         std::make_move_iterator(f.end()));
      } else {
        r.error = f.size() > 6 ? f[6] : "unknown error";
      }
      auto it = in_flight_.find(r.job_id);
      if (it != in_flight_.end()) {
        in_flight_.erase(it);
        results->push_back(std::move(r));
      }
    } else if (command != "READY") {
      continue;
    }
    idle_.push_back(worker);
  }
  DispatchQueued();
  return Status::Ok();
}

void Dispatcher::StopWorkers() {
  stopping_ = true;
  DispatchQueued();
}

}  // namespace intake::queue
