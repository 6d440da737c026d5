// The payloads of queue/PROTOCOL.md: domain values to frames and back.
// Pure functions; thread-safe. Decoders never trust their input: malformed
// frames give a Corrupt status, never a crash.
#ifndef INTAKE_APP_MESSAGES_H_
#define INTAKE_APP_MESSAGES_H_

#include <string>
#include <vector>

#include "capture/capture_file.h"
#include "common/document.h"
#include "common/status.h"
#include "queue/socket.h"

namespace intake::app {

using queue::Frames;

using capture::CapturedFile;

// What the coordinator tells the command about one input file.
struct Event {
  std::string kind;  // stored | duplicate | quarantined | done | failed
  std::string path;
  std::string doc_id;
  std::string status;    // document status when known
  std::string doc_type;  // with kind "done"
  std::string message;   // one line for people
  int pages = 0;
  // With kind "stored": how many documents the file became (separator
  // sheets split a file); a "done" follows for each.
  int documents = 1;
  std::string scanner;
  bool recovered = false;  // resumed from an earlier run, not this command's
};

Frames EncodeCapturedFile(CapturedFile file);  // moves the pixels
Result<CapturedFile> DecodeCapturedFile(Frames frames);

// How one page is to be read: its scanner's settings.
struct OcrPageOptions {
  bool use_text_layer = true;      // a PDF's own text is kept, not re-read
  double blank_threshold = 0.002;  // ink fraction below which it is blank
};
Frames EncodeOcrJob(const std::string& doc_id, int page,
                    const std::string& sha256, PageImage image,
                    const OcrPageOptions& options = {});
struct OcrJob {
  std::string doc_id;
  int page = 0;
  std::string sha256;
  PageImage image;
  OcrPageOptions options;
};
Result<OcrJob> DecodeOcrJob(Frames payload);

Frames EncodeClassifyJob(const std::string& doc_id,
                         const std::vector<Page>& pages);
Result<std::vector<Page>> DecodeClassifyJob(const Frames& payload);

Frames EncodeEvent(const Event& event);
Result<Event> DecodeEvent(const Frames& frames);

}  // namespace intake::app

#endif  // INTAKE_APP_MESSAGES_H_
