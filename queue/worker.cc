#include "queue/worker.h"

#include <exception>
#include <iterator>
#include <optional>
#include <utility>

namespace intake::queue {

Status RunWorker(Context& context, const std::string& endpoint,
                 const std::string& role, const JobHandler& handler) {
  // A worker thread may first run after its context was shut down (a
  // pipeline whose start failed): opening the socket then throws.
  std::optional<Socket> opened;
  try {
    opened.emplace(context, Socket::Type::kReq);
  } catch (const std::exception& e) {
    return Status::Unavailable(std::string("cannot open a socket: ") +
                               e.what());
  }
  Socket& socket = *opened;
  Status s = socket.Connect(endpoint);
  if (!s.ok()) return s;
  s = socket.Send({std::string(kProtocol), "READY", role});
  while (s.ok()) {
    Result<Frames> msg = socket.Receive();
    if (!msg.ok()) return msg.status();
    Frames& f = *msg;
    if (f.size() >= 2 && f[0] == kProtocol && f[1] == "STOP") {
      return Status::Ok();
    }
    if (f.size() < 3 || f[0] != kProtocol || f[1] != "JOB") {
      // A REQ socket must answer before it may receive again.
      s = socket.Send({std::string(kProtocol), "RESULT", "", "error",
                       "malformed job message"});
      continue;
    }
    const std::string job_id = f[2];
    Frames payload(std::make_move_iterator(f.begin() + 3),
                   std::make_move_iterator(f.end()));
    Frames reply = {std::string(kProtocol), "RESULT", job_id};
    try {
      Result<Frames> out = handler(std::move(payload));
      if (out.ok()) {
        reply.push_back("ok");
        for (std::string& frame : *out) reply.push_back(std::move(frame));
      } else {
        reply.push_back("error");
        reply.push_back(out.status().message());
      }
    } catch (const std::exception& e) {
      reply.push_back("error");
      reply.push_back(std::string("worker exception: ") + e.what());
    } catch (...) {
      reply.push_back("error");
      reply.push_back("worker exception");
    }
    s = socket.Send(reply);
  }
  return s;
}

}  // namespace intake::queue
