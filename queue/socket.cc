#include "queue/socket.h"

#include <zmq.hpp>
#include <zmq_addon.hpp>

namespace intake::queue {

struct Context::Impl {
  zmq::context_t context;
};

Context::Context() : impl_(std::make_unique<Impl>()) {}
Context::~Context() = default;
void Context::Shutdown() { impl_->context.shutdown(); }

struct Socket::Impl {
  zmq::socket_t socket;
};

namespace {

zmq::socket_type ToZmq(Socket::Type type) {
  switch (type) {
    case Socket::Type::kPush:
      return zmq::socket_type::push;
    case Socket::Type::kPull:
      return zmq::socket_type::pull;
    case Socket::Type::kRouter:
      return zmq::socket_type::router;
    case Socket::Type::kReq:
      return zmq::socket_type::req;
  }
  return zmq::socket_type::pair;
}

Status FromError(const zmq::error_t& e, const std::string& what) {
  if (e.num() == ETERM) return Status::Unavailable(what + ": shutting down");
  return Status::Unavailable(what + ": " + e.what());
}

}  // namespace

Socket::Socket(Context& context, Type type)
    : impl_(std::make_unique<Impl>(
          Impl{zmq::socket_t(context.impl_->context, ToZmq(type))})) {
  impl_->socket.set(zmq::sockopt::linger, 0);
  if (type == Type::kRouter) {
    // Fail loudly instead of silently dropping a job for a vanished worker.
    impl_->socket.set(zmq::sockopt::router_mandatory, 1);
  }
}

Socket::~Socket() = default;

Status Socket::Bind(const std::string& endpoint) {
  try {
    impl_->socket.bind(endpoint);
    return Status::Ok();
  } catch (const zmq::error_t& e) {
    return FromError(e, "cannot bind " + endpoint);
  }
}

Status Socket::Connect(const std::string& endpoint) {
  try {
    impl_->socket.connect(endpoint);
    return Status::Ok();
  } catch (const zmq::error_t& e) {
    return FromError(e, "cannot connect to " + endpoint);
  }
}

void Socket::SetSendHighWater(int messages) {
  impl_->socket.set(zmq::sockopt::sndhwm, messages);
}

void Socket::SetReceiveHighWater(int messages) {
  impl_->socket.set(zmq::sockopt::rcvhwm, messages);
}

Status Socket::Send(const Frames& frames, const Frames& more) {
  const size_t total = frames.size() + more.size();
  try {
    for (size_t i = 0; i < total; ++i) {
      const std::string& f =
          i < frames.size() ? frames[i] : more[i - frames.size()];
      zmq::send_flags flags =
          i + 1 < total ? zmq::send_flags::sndmore : zmq::send_flags::none;
      impl_->socket.send(zmq::buffer(f), flags);
    }
    return Status::Ok();
  } catch (const zmq::error_t& e) {
    return FromError(e, "send failed");
  }
}

Result<Frames> Socket::Receive() {
  try {
    std::vector<zmq::message_t> parts;
    if (!zmq::recv_multipart(impl_->socket, std::back_inserter(parts))) {
      return Status::Unavailable("receive interrupted");
    }
    Frames frames;
    frames.reserve(parts.size());
    for (zmq::message_t& m : parts) frames.push_back(m.to_string());
    return frames;
  } catch (const zmq::error_t& e) {
    return FromError(e, "receive failed");
  }
}

Result<Frames> Socket::Receive(int timeout_ms) {
  std::vector<bool> ready = Poll({this}, timeout_ms);
  if (!ready[0]) return Status::NotFound("no message");
  return Receive();
}

std::vector<bool> Poll(const std::vector<Socket*>& sockets, int timeout_ms) {
  std::vector<zmq::pollitem_t> items;
  items.reserve(sockets.size());
  for (Socket* s : sockets) {
    items.push_back({s->impl_->socket.handle(), 0, ZMQ_POLLIN, 0});
  }
  std::vector<bool> ready(sockets.size(), false);
  try {
    zmq::poll(items.data(), items.size(),
              std::chrono::milliseconds(timeout_ms));
  } catch (const zmq::error_t&) {
    return ready;  // interrupted or shutting down: nothing readable
  }
  for (size_t i = 0; i < items.size(); ++i) {
    ready[i] = (items[i].revents & ZMQ_POLLIN) != 0;
  }
  return ready;
}

}  // namespace intake::queue
