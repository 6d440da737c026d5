// Scanners driven directly through libsane (SANE 1.x): a front desk's
// flatbed, or an archive's automatic document feeder (ADF) run until empty.
//
// A SaneScanner is one open device with its options set. ScanBatch() feeds
// every sheet the feeder holds (or one flatbed page) and hands back the pages
// received, in feed order, as 8-bit gray or BGR PageImages, together with the
// reason the batch ended. Pages received before a jam, an open cover or an
// I/O error are kept: the caller stores them and tells the operator where to
// restart.
//
// Thread-safety: libsane and its backends are not thread-safe, so every call
// into libsane made here (from any SaneScanner, ListSaneDevices and the
// process-wide sane_init/sane_exit reference count) is serialised by one
// process-wide mutex. Batches are serialised too: ScanBatch holds a second
// process-wide lock for the whole batch, so two scanners in one process feed
// one after the other. That is needed, not caution: backends built on
// sanei_thread with pthreads (Debian's, including `test`) hand each new
// reader thread its device through one static variable, so two sane_start
// calls close together on two devices can give one device's reader the
// other's data, or hang. Run scanners in separate processes to overlap them.
// One SaneScanner must be used by one thread at a time.
//
// Configuration: libsane reads its backend list (dll.conf) and backend
// configuration from SANE_CONFIG_DIR, else /etc/sane.d, at the first
// sane_init of the process (and again after the last scanner closed).
#ifndef INTAKE_CAPTURE_SANE_SOURCE_H_
#define INTAKE_CAPTURE_SANE_SOURCE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "common/document.h"
#include "common/status.h"

namespace intake::capture {

struct SaneOptions {
  std::string device;         // e.g. "test:0", "fujitsu:fi-7160:1234"
  std::string name;           // scanner name in messages; "" = the device
  int dpi = 300;              // 0 = device default
  std::string mode = "gray";  // gray | color | lineart
  bool duplex = false;        // needs an ADF source with duplex
  // "" = device default; "adf" | "flatbed" | a device's own source name.
  std::string tray;
  int max_pages = 500;  // safety stop for one batch
  // Further backend options by their SANE name, set in order after the ones
  // above, e.g. {"brightness", "10"}, {"page-height", "297"}. Values are
  // parsed by the option's type: bool (yes/no/true/false/1/0), int, fixed
  // (decimal) or string.
  std::vector<std::pair<std::string, std::string>> device_options;
};

struct SaneBatch {
  // Every page received, in feed order: 8-bit gray (channels 1) or BGR
  // (channels 3); lineart comes expanded to 0/255 gray. dpi_x/dpi_y are the
  // resolution the device scanned at.
  std::vector<PageImage> pages;
  // OK when the feeder ran empty normally (or the flatbed page arrived);
  // otherwise why the batch stopped, one line naming the scanner, e.g.
  // "front-desk-2: paper jam after page 7".
  Status end;
};

class SaneScanner {
 public:
  // Initialises libsane if no other scanner holds it, opens the device and
  // sets its options. Fails with a clear message when the device is missing
  // or busy, or an option is invalid for it (the message lists what the
  // device offers). The caller owns the returned scanner.
  static Result<std::unique_ptr<SaneScanner>> Open(const SaneOptions& options);

  SaneScanner(const SaneScanner&) = delete;
  SaneScanner& operator=(const SaneScanner&) = delete;
  // Closes the device; the last scanner of the process calls sane_exit.
  ~SaneScanner();

  // Feeds one batch. From an ADF source: sane_start until the feeder reports
  // it is empty (or max_pages pages); from any other source: one page.
  // `on_page` is called with the 1-based page number after each page has
  // arrived whole, on the calling thread, with the batch lock held: it must
  // not start another batch.
  SaneBatch ScanBatch(const std::function<void(int page)>& on_page = {});

  // Sets one backend option by its SANE name (see SaneOptions::
  // device_options for the value syntax). Between batches; inside an
  // on_page callback it applies from the next page on, for backends that
  // allow that.
  Status SetOption(const std::string& option, const std::string& value);

  const std::string& device() const { return options_.device; }
  // Whether ScanBatch runs the feeder until empty (the selected source is a
  // document feeder) or takes one page.
  bool feeder() const { return feeder_; }
  // The resolution the device reported after the options were set (0 when it
  // has no resolution option).
  int dpi() const { return dpi_; }

 private:
  SaneScanner(SaneOptions options, void* handle);
  Status Configure();
  Status SetMode();  // mode and bit depth
  // One page of one to three frames. A failing libsane call leaves its
  // SANE_Status in *sane_status; `got_data` tells whether any of the page's
  // bytes had arrived.
  Status ReadPage(PageImage* page, int* sane_status, bool* got_data);
  // One frame's bytes, up to `max_bytes`; `expected_bytes` is the size the
  // parameters promised, or -1 when the line count is unknown, and
  // `threads_before` the process's thread count before sane_start.
  Result<std::string> ReadFrame(std::int64_t expected_bytes,
                                std::int64_t max_bytes, int threads_before,
                                int* sane_status, bool* got_data);

  SaneOptions options_;
  std::string label_;  // options_.name, else the device
  void* handle_;       // SANE_Handle
  bool feeder_ = false;
  int dpi_ = 0;
};

// Names of the devices libsane finds now (local and network backends named in
// dll.conf), for messages and --help. Network discovery can take seconds.
std::vector<std::string> ListSaneDevices();

}  // namespace intake::capture

#endif  // INTAKE_CAPTURE_SANE_SOURCE_H_
