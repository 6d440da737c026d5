// Thin, library-neutral wrappers over ZeroMQ: a process-wide Context and
// multipart Sockets. No ZeroMQ type appears in this header, so stages and
// app/ never include zmq.h.
//
// Thread-safety: a Context is safe to share between threads; a Socket belongs
// to exactly one thread for its whole life (ZeroMQ sockets are not
// thread-safe). Destroy every Socket before its Context.
#ifndef INTAKE_QUEUE_SOCKET_H_
#define INTAKE_QUEUE_SOCKET_H_

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"

namespace intake::queue {

// The protocol frame that starts every message (queue/PROTOCOL.md).
inline constexpr std::string_view kProtocol = "INTAKE1";

// A multipart message.
using Frames = std::vector<std::string>;

// A message of the parts given, moving those passed as rvalues. A braced
// list (`Frames{a, std::move(b)}`) copies every part, page images included:
// an initializer_list's elements are const.
template <typename... Parts>
Frames MakeFrames(Parts&&... parts) {
  Frames frames;
  frames.reserve(sizeof...(parts));
  (frames.emplace_back(std::forward<Parts>(parts)), ...);
  return frames;
}

class Context {
 public:
  Context();
  ~Context();
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  // Makes every blocking call on every socket of this context return
  // Unavailable, so threads stuck in Receive() can end. Sockets must still be
  // destroyed afterwards.
  void Shutdown();

 private:
  friend class Socket;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

class Socket {
 public:
  enum class Type { kPush, kPull, kRouter, kReq };

  Socket(Context& context, Type type);
  ~Socket();  // linger is 0: unsent messages are dropped at close
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;

  Status Bind(const std::string& endpoint);
  Status Connect(const std::string& endpoint);
  // High-water marks in messages; set before Bind/Connect.
  void SetSendHighWater(int messages);
  void SetReceiveHighWater(int messages);

  // Blocks until the whole message is queued (PUSH blocks at its HWM). The
  // message is `frames` followed by `more` (saves copying large payloads).
  Status Send(const Frames& frames, const Frames& more = {});
  // Blocks until a whole message arrives.
  Result<Frames> Receive();
  // Waits at most timeout_ms for a message; NotFound when none came.
  Result<Frames> Receive(int timeout_ms);

 private:
  friend std::vector<bool> Poll(const std::vector<Socket*>& sockets,
                                int timeout_ms);
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Waits until at least one socket has a message to read or timeout_ms passes
// (-1 = forever); returns, per socket, whether it is readable.
std::vector<bool> Poll(const std::vector<Socket*>& sockets, int timeout_ms);

}  // namespace intake::queue

#endif  // INTAKE_QUEUE_SOCKET_H_
