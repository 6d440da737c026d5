// RunWorker: the worker's end of a stage (queue/PROTOCOL.md). Connects a REQ
// socket, announces READY, then answers each JOB with a RESULT until STOP.
//
// The handler is called on the worker's thread; it owns that thread's state
// (e.g. a Tesseract engine). An exception or error from the handler becomes an
// `error` RESULT: the worker stays alive.
#ifndef INTAKE_QUEUE_WORKER_H_
#define INTAKE_QUEUE_WORKER_H_

#include <functional>
#include <string>

#include "queue/socket.h"

namespace intake::queue {

using JobHandler = std::function<Result<Frames>(Frames payload)>;

// Returns Ok after STOP, Unavailable when the context shuts down or the
// socket fails.
Status RunWorker(Context& context, const std::string& endpoint,
                 const std::string& role, const JobHandler& handler);

}  // namespace intake::queue

#endif  // INTAKE_QUEUE_WORKER_H_
