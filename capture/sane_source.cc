#include "capture/sane_source.h"

#include <sane/sane.h>
#include <sane/saneopts.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>

namespace intake::capture {
namespace {

// Serialises every libsane call of the process; guards g_sane_users.
std::mutex& SaneMutex() {
  static std::mutex mutex;
  return mutex;
}
int g_sane_users = 0;  // open scanners + ListSaneDevices calls in progress

// Held for a whole batch: see "Thread-safety" in the header.
std::mutex& BatchMutex() {
  static std::mutex mutex;
  return mutex;
}

// Runs one libsane call under the process-wide mutex.
template <typename F>
auto Locked(F&& call) {
  std::lock_guard<std::mutex> lock(SaneMutex());
  return call();
}

Status AcquireSane() {
  std::lock_guard<std::mutex> lock(SaneMutex());
  if (g_sane_users == 0) {
    SANE_Int version = 0;
    SANE_Status s = sane_init(&version, nullptr);
    if (s != SANE_STATUS_GOOD) {
      return Status::Unavailable(std::string("cannot start SANE: ") +
                                 sane_strstatus(s));
    }
  }
  ++g_sane_users;
  return Status::Ok();
}

void ReleaseSane() {
  std::lock_guard<std::mutex> lock(SaneMutex());
  if (--g_sane_users == 0) sane_exit();
}

// Largest page accepted, as in DecodeLimits: ~A3 at 1200 dpi.
constexpr std::int64_t kMaxPixelsPerPage = 120'000'000;

// Backends built on sanei_thread (Debian's `test` among them) start a reader
// thread per frame and, when the frame ends or is cancelled, cancel it
// asynchronously. A thread cancelled inside malloc or free leaves the lock of
// its malloc arena held, and the process hangs at a later allocation (seen
// in about 1% of test runs). So the frontend holds back a frame's last byte
// until the reader has exited (the sane_read that returns it ends the
// frame), and after an error gives a reader that may still run time to
// reach a blocking write, where cancelling is safe, before sane_cancel.
constexpr std::chrono::milliseconds kReaderExitWait{500};
constexpr std::chrono::milliseconds kReaderErrorGrace{20};

// Threads in this process, or -1 where /proc cannot tell.
int ThreadCount() {
  std::error_code ec;
  int n = 0;
  for (std::filesystem::directory_iterator it("/proc/self/task", ec), end;
       !ec && it != end; it.increment(ec)) {
    ++n;
  }
  return ec ? -1 : n;
}

// Waits, up to kReaderExitWait, until no more threads run than before the
// frame started (`before`, from ThreadCount).
void AwaitReaderExit(int before) {
  if (before < 0) return;
  const auto deadline = std::chrono::steady_clock::now() + kReaderExitWait;
  while (ThreadCount() > before && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}
bool Contains(std::string_view haystack, std::string_view needle) {
  return Lower(haystack).find(needle) != std::string::npos;
}
std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
  return out.empty() ? "none" : out;
}

bool IsFeeder(std::string_view source) {
  return Contains(source, "adf") || Contains(source, "feeder") ||
         Contains(source, "duplex");
}

struct OptionRef {
  SANE_Int index = 0;
  const SANE_Option_Descriptor* desc = nullptr;
};

std::optional<OptionRef> FindOption(SANE_Handle h, std::string_view name) {
  std::lock_guard<std::mutex> lock(SaneMutex());
  SANE_Int count = 0;
  if (sane_control_option(h, 0, SANE_ACTION_GET_VALUE, &count, nullptr) !=
      SANE_STATUS_GOOD) {
    return std::nullopt;
  }
  for (SANE_Int i = 1; i < count; ++i) {
    const SANE_Option_Descriptor* d = sane_get_option_descriptor(h, i);
    if (d != nullptr && d->name != nullptr && name == d->name) {
      return OptionRef{i, d};
    }
  }
  return std::nullopt;
}

std::vector<std::string> StringChoices(const SANE_Option_Descriptor* d) {
  std::vector<std::string> out;
  if (d->constraint_type != SANE_CONSTRAINT_STRING_LIST) return out;
  for (const SANE_String_Const* s = d->constraint.string_list; *s; ++s) {
    out.emplace_back(*s);
  }
  return out;
}

std::string WordText(SANE_Word w, SANE_Value_Type type) {
  if (type != SANE_TYPE_FIXED) return std::to_string(w);
  std::string text = std::to_string(SANE_UNFIX(w));
  text.erase(text.find_last_not_of('0') + 1);
  if (text.back() == '.') text.pop_back();
  return text;
}

// Checks a numeric value against the option's range or word list; returns
// the text of what is allowed when it is not.
std::optional<std::string> OutsideConstraint(const SANE_Option_Descriptor* d,
                                             SANE_Word w) {
  if (d->constraint_type == SANE_CONSTRAINT_RANGE) {
    const SANE_Range* r = d->constraint.range;
    if (w >= r->min && w <= r->max) return std::nullopt;
    return WordText(r->min, d->type) + ".." + WordText(r->max, d->type);
  }
  if (d->constraint_type == SANE_CONSTRAINT_WORD_LIST) {
    const SANE_Word* list = d->constraint.word_list;
    std::vector<std::string> allowed;
    for (SANE_Word i = 1; i <= list[0]; ++i) {
      if (list[i] == w) return std::nullopt;
      allowed.push_back(WordText(list[i], d->type));
    }
    return Join(allowed);
  }
  return std::nullopt;
}

std::optional<SANE_Word> ParseWord(const std::string& text,
                                   SANE_Value_Type type) {
  const std::string v = Lower(text);
  if (type == SANE_TYPE_BOOL) {
    if (v == "yes" || v == "true" || v == "1") return SANE_TRUE;
    if (v == "no" || v == "false" || v == "0") return SANE_FALSE;
    return std::nullopt;
  }
  const char* end = v.data() + v.size();
  if (type == SANE_TYPE_INT) {
    int n = 0;
    auto [p, ec] = std::from_chars(v.data(), end, n);
    if (ec != std::errc() || p != end) return std::nullopt;
    return n;
  }
  double d = 0;
  auto [p, ec] = std::from_chars(v.data(), end, d);
  if (ec != std::errc() || p != end || std::fabs(d) >= 32767) {
    return std::nullopt;
  }
  return SANE_FIX(d);
}

// Reads a string option's current value ("" when unreadable).
std::string GetString(SANE_Handle h, const OptionRef& o) {
  std::string buf(static_cast<size_t>(std::max(o.desc->size, 1)), '\0');
  SANE_Status s = Locked([&] {
    return sane_control_option(h, o.index, SANE_ACTION_GET_VALUE, buf.data(),
                               nullptr);
  });
  if (s != SANE_STATUS_GOOD) return "";
  return std::string(buf.c_str());
}

std::optional<SANE_Word> GetWord(SANE_Handle h, const OptionRef& o) {
  if (o.desc->size != sizeof(SANE_Word)) return std::nullopt;
  SANE_Word w = 0;
  SANE_Status s = Locked([&] {
    return sane_control_option(h, o.index, SANE_ACTION_GET_VALUE, &w, nullptr);
  });
  if (s != SANE_STATUS_GOOD) return std::nullopt;
  return w;
}

// What a SANE status means to the person at the scanner.
std::string Describe(SANE_Status s) {
  switch (s) {
    case SANE_STATUS_JAMMED:
      return "paper jam";
    case SANE_STATUS_COVER_OPEN:
      return "cover open";
    case SANE_STATUS_NO_DOCS:
      return "feeder ran out of paper in the middle of a page";
    case SANE_STATUS_DEVICE_BUSY:
      return "device busy";
    case SANE_STATUS_IO_ERROR:
      return "device I/O error";
    case SANE_STATUS_NO_MEM:
      return "scanner driver out of memory";
    case SANE_STATUS_ACCESS_DENIED:
      return "access to the device denied";
    case SANE_STATUS_CANCELLED:
      return "scan cancelled";
    case SANE_STATUS_INVAL:
      return "the device refused the scan settings";
    case SANE_STATUS_UNSUPPORTED:
      return "operation not supported by the device";
    default:
      return sane_strstatus(s);
  }
}

Status FromSane(SANE_Status s, const std::string& message) {
  switch (s) {
    case SANE_STATUS_IO_ERROR:
    case SANE_STATUS_NO_MEM:
      return Status::IOError(message);
    case SANE_STATUS_INVAL:
      return Status::InvalidArgument(message);
    case SANE_STATUS_UNSUPPORTED:
      return Status::Unsupported(message);
    default:  // jam, cover, no paper, busy, denied, cancelled: a person acts
      return Status::Unavailable(message);
  }
}

// The device's source for a tray: "adf" (the duplex feeder when asked for,
// else a front-side one), "flatbed", or one of the device's own names.
// "" when it has none.
std::string PickSource(const std::vector<std::string>& sources,
                       const std::string& tray, bool duplex) {
  std::string any_feeder;
  for (const std::string& s : sources) {
    if (tray == "adf" && IsFeeder(s)) {
      const bool two_sided = Contains(s, "duplex");
      if (duplex ? two_sided : !two_sided && !Contains(s, "back")) return s;
      if (any_feeder.empty()) any_feeder = s;
    } else if ((tray == "flatbed" && Contains(s, "flatbed")) ||
               Lower(s) == Lower(tray)) {
      return s;
    }
  }
  return any_feeder;
}

// The device's name for gray, color or lineart: SANE's standard names and
// the common variants, in order of preference. "" when it has none.
std::string PickMode(const std::vector<std::string>& modes,
                     const std::string& mode) {
  static const std::vector<std::string_view> kGray = {"gray", "grey"};
  static const std::vector<std::string_view> kColor = {"color", "colour"};
  static const std::vector<std::string_view> kLineart = {
      "lineart", "binary", "black & white", "black and white"};
  const auto& names = mode == "gray"    ? kGray
                      : mode == "color" ? kColor
                                        : kLineart;
  for (std::string_view name : names) {
    for (const std::string& m : modes) {
      if (Contains(m, name)) return m;
    }
  }
  return "";
}

std::string Where(int pages_received) {
  return pages_received == 0 ? "before the first page"
                             : "after page " + std::to_string(pages_received);
}

// One frame's samples as 8 bits, rows packed: `ppl * spp` per row. Gray
// depth 1 (lineart: 1 = black) becomes 0/255. 16-bit samples come in host
// byte order (SANE standard); the high byte is kept.
Result<std::string> EightBit(const SANE_Parameters& p, const std::string& raw,
                             int lines) {
  const int spp = p.format == SANE_FRAME_RGB ? 3 : 1;
  const size_t row_samples = static_cast<size_t>(p.pixels_per_line) * spp;
  const size_t need = p.depth == 1    ? (row_samples + 7) / 8
                      : p.depth == 16 ? row_samples * 2
                                      : row_samples;
  if (static_cast<size_t>(p.bytes_per_line) < need) {
    return Status::Corrupt("scanner sent " + std::to_string(p.bytes_per_line) +
                           " bytes per line for " +
                           std::to_string(p.pixels_per_line) + " pixels");
  }
  std::string out(row_samples * lines, '\0');
  for (int y = 0; y < lines; ++y) {
    const auto* in = reinterpret_cast<const uint8_t*>(raw.data()) +
                     static_cast<size_t>(y) * p.bytes_per_line;
    char* o = out.data() + y * row_samples;
    for (size_t i = 0; i < row_samples; ++i) {
      uint8_t v;
      if (p.depth == 8) {
        v = in[i];
      } else if (p.depth == 16) {
        uint16_t w;
        std::memcpy(&w, in + 2 * i, 2);
        v = static_cast<uint8_t>(w >> 8);
      } else {
        v = (in[i / 8] & (0x80 >> (i % 8))) ? 0 : 255;
      }
      o[i] = static_cast<char>(v);
    }
  }
  if (spp == 3) {  // RGB -> BGR
    for (size_t i = 0; i + 2 < out.size(); i += 3)
      std::swap(out[i], out[i + 2]);
  }
  return out;
}

}  // namespace

SaneScanner::SaneScanner(SaneOptions options, void* handle)
    : options_(std::move(options)), handle_(handle) {
  label_ = options_.name.empty() ? options_.device : options_.name;
}

SaneScanner::~SaneScanner() {
  Locked([&] { sane_close(static_cast<SANE_Handle>(handle_)); });
  ReleaseSane();
}

Result<std::unique_ptr<SaneScanner>> SaneScanner::Open(
    const SaneOptions& options) {
  const std::string who = options.name.empty() ? "" : options.name + ": ";
  if (options.device.empty()) {
    return Status::InvalidArgument(who + "no SANE device given");
  }
  if (options.mode != "gray" && options.mode != "color" &&
      options.mode != "lineart") {
    return Status::InvalidArgument(who +
                                   "scan mode must be gray, color or "
                                   "lineart, not \"" +
                                   options.mode + "\"");
  }
  if (options.max_pages < 1 || options.dpi < 0) {
    return Status::InvalidArgument(who +
                                   "max_pages must be at least 1 and "
                                   "dpi 0 or more");
  }
  Status s = AcquireSane();
  if (!s.ok()) return Status::Unavailable(who + s.message());
  SANE_Handle h = nullptr;
  SANE_Status st =
      Locked([&] { return sane_open(options.device.c_str(), &h); });
  if (st != SANE_STATUS_GOOD) {
    std::string why;
    if (st == SANE_STATUS_INVAL) {
      why = "not found (devices found: " + Join(ListSaneDevices()) + ")";
    } else if (st == SANE_STATUS_DEVICE_BUSY) {
      why = "is busy (in use by another program?)";
    } else if (st == SANE_STATUS_ACCESS_DENIED) {
      why = "refused access (is this user allowed to use scanners?)";
    } else {
      why = std::string("cannot be opened: ") + sane_strstatus(st);
    }
    const std::string message =
        who + "SANE device \"" + options.device + "\" " + why;
    ReleaseSane();
    if (st == SANE_STATUS_INVAL) return Status::NotFound(message);
    return FromSane(st, message);
  }
  std::unique_ptr<SaneScanner> scanner(new SaneScanner(options, h));
  s = scanner->Configure();
  if (!s.ok()) return s;  // the destructor closes the device
  return Result<std::unique_ptr<SaneScanner>>(std::move(scanner));
}

Status SaneScanner::SetOption(const std::string& option,
                              const std::string& value) {
  auto h = static_cast<SANE_Handle>(handle_);
  const std::string where = label_ + ": option \"" + option + "\"";
  std::optional<OptionRef> o = FindOption(h, option);
  if (!o)
    return Status::InvalidArgument(where + " does not exist on this device");
  const SANE_Option_Descriptor* d = o->desc;
  if (!SANE_OPTION_IS_ACTIVE(d->cap)) {
    return Status::InvalidArgument(where +
                                   " is not active with the other settings");
  }
  if (!SANE_OPTION_IS_SETTABLE(d->cap)) {
    return Status::InvalidArgument(where + " cannot be set by software");
  }
  std::string buffer;  // what sane_control_option reads
  SANE_Word word = 0;
  void* data = &word;
  if (d->type == SANE_TYPE_STRING) {
    buffer = value;
    std::vector<std::string> choices = StringChoices(d);
    if (!choices.empty()) {
      auto it =
          std::find_if(choices.begin(), choices.end(),
                       [&](const auto& c) { return Lower(c) == Lower(value); });
      if (it == choices.end()) {
        return Status::InvalidArgument(where + " cannot be \"" + value +
                                       "\" (choices: " + Join(choices) + ")");
      }
      buffer = *it;
    }
    if (static_cast<SANE_Int>(buffer.size()) >= d->size) {
      return Status::InvalidArgument(where + " value is too long");
    }
    buffer.resize(d->size, '\0');
    data = buffer.data();
  } else if (d->type == SANE_TYPE_BOOL || d->type == SANE_TYPE_INT ||
             d->type == SANE_TYPE_FIXED) {
    if (d->size != sizeof(SANE_Word)) {
      return Status::Unsupported(where +
                                 " is a list; lists cannot be set here");
    }
    std::optional<SANE_Word> w = ParseWord(value, d->type);
    if (!w) {
      return Status::InvalidArgument(where + " needs a " +
                                     (d->type == SANE_TYPE_BOOL ? "yes/no"
                                      : d->type == SANE_TYPE_INT
                                          ? "whole number"
                                          : "number") +
                                     " value, not \"" + value + "\"");
    }
    if (std::optional<std::string> allowed = OutsideConstraint(d, *w)) {
      return Status::InvalidArgument(where + " cannot be " + value +
                                     " (allowed: " + *allowed + ")");
    }
    word = *w;
  } else {
    return Status::Unsupported(where + " is a button or group, not a setting");
  }
  SANE_Int info = 0;
  SANE_Status s = Locked([&] {
    return sane_control_option(h, o->index, SANE_ACTION_SET_VALUE, data, &info);
  });
  if (s != SANE_STATUS_GOOD) {
    return FromSane(
        s, where + " cannot be set to \"" + value + "\": " + sane_strstatus(s));
  }
  return Status::Ok();
}

Status SaneScanner::Configure() {
  auto h = static_cast<SANE_Handle>(handle_);
  const SaneOptions& opt = options_;
  // Source first: a device's resolutions and modes may depend on it.
  const std::string tray = opt.tray.empty() && opt.duplex ? "adf" : opt.tray;
  std::optional<OptionRef> source = FindOption(h, SANE_NAME_SCAN_SOURCE);
  if (!tray.empty()) {
    std::vector<std::string> sources;
    if (source) sources = StringChoices(source->desc);
    const std::string pick = PickSource(sources, tray, opt.duplex);
    if (pick.empty()) {
      return Status::InvalidArgument(
          label_ + ": no source \"" + tray +
          "\" on this device (sources: " + Join(sources) + ")");
    }
    if (Status s = SetOption(SANE_NAME_SCAN_SOURCE, pick); !s.ok()) return s;
  }
  if (opt.duplex && !(source && Contains(GetString(h, *source), "duplex"))) {
    // Some backends keep duplex apart from the source.
    Status s = Status::InvalidArgument(
        label_ + ": duplex is not offered by this device");
    if (FindOption(h, "duplex")) {
      s = SetOption("duplex", "yes");
    } else if (FindOption(h, "adf-mode")) {
      s = SetOption("adf-mode", "Duplex");
    }
    if (!s.ok()) return s;
  }
  if (Status s = SetMode(); !s.ok()) return s;
  if (opt.dpi > 0) {
    if (!FindOption(h, SANE_NAME_SCAN_RESOLUTION)) {
      return Status::InvalidArgument(label_ +
                                     ": the device has no resolution setting");
    }
    Status s = SetOption(SANE_NAME_SCAN_RESOLUTION, std::to_string(opt.dpi));
    if (!s.ok()) return s;
  }
  for (const auto& [name, value] : opt.device_options) {
    if (Status s = SetOption(name, value); !s.ok()) return s;
  }
  // Read back what the device settled on.
  source = FindOption(h, SANE_NAME_SCAN_SOURCE);
  feeder_ = source && IsFeeder(GetString(h, *source));
  dpi_ = 0;
  if (std::optional<OptionRef> res = FindOption(h, SANE_NAME_SCAN_RESOLUTION)) {
    if (std::optional<SANE_Word> w = GetWord(h, *res)) {
      dpi_ = res->desc->type == SANE_TYPE_FIXED
                 ? static_cast<int>(std::lround(SANE_UNFIX(*w)))
                 : *w;
    }
  }
  return Status::Ok();
}

Status SaneScanner::SetMode() {
  auto h = static_cast<SANE_Handle>(handle_);
  const std::string& mode = options_.mode;
  std::optional<OptionRef> option = FindOption(h, SANE_NAME_SCAN_MODE);
  if (!option) return Status::Ok();  // a device with one mode
  const std::vector<std::string> modes = StringChoices(option->desc);
  std::string pick = PickMode(modes, mode);
  bool one_bit = false;
  if (pick.empty() && mode == "lineart") {
    // Gray at 1 bit per sample is lineart by another name.
    pick = PickMode(modes, "gray");
    one_bit = !pick.empty();
  }
  if (pick.empty()) {
    return Status::InvalidArgument(
        label_ + ": no " + mode +
        " mode on this device (modes: " + Join(modes) + ")");
  }
  if (Status s = SetOption(SANE_NAME_SCAN_MODE, pick); !s.ok()) return s;
  // 8 bits per sample, or 1 for lineart through gray; a device that offers
  // neither keeps its own (16-bit samples are read too).
  std::optional<OptionRef> depth = FindOption(h, SANE_NAME_BIT_DEPTH);
  const SANE_Word bits = one_bit ? 1 : 8;
  if (depth && SANE_OPTION_IS_ACTIVE(depth->desc->cap) &&
      SANE_OPTION_IS_SETTABLE(depth->desc->cap) &&
      !OutsideConstraint(depth->desc, bits)) {
    return SetOption(SANE_NAME_BIT_DEPTH, std::to_string(bits));
  }
  if (one_bit) {
    return Status::InvalidArgument(label_ +
                                   ": no lineart mode on this device "
                                   "(modes: " +
                                   Join(modes) + ")");
  }
  return Status::Ok();
}

namespace {

Status Reword(const Status& s, std::string message) {
  switch (s.code()) {
    case Status::Code::kInvalidArgument:
      return Status::InvalidArgument(std::move(message));
    case Status::Code::kNotFound:
      return Status::NotFound(std::move(message));
    case Status::Code::kCorrupt:
      return Status::Corrupt(std::move(message));
    case Status::Code::kUnsupported:
      return Status::Unsupported(std::move(message));
    case Status::Code::kIOError:
      return Status::IOError(std::move(message));
    case Status::Code::kUnavailable:
      return Status::Unavailable(std::move(message));
    default:
      return Status::Internal(std::move(message));
  }
}

// Index of a separate colour band in a BGR pixel.
int BgrIndex(SANE_Frame f) {
  return f == SANE_FRAME_RED ? 2 : f == SANE_FRAME_GREEN ? 1 : 0;
}

}  // namespace

Result<std::string> SaneScanner::ReadFrame(std::int64_t expected_bytes,
                                           std::int64_t max_bytes,
                                           int threads_before, int* sane_status,
                                           bool* got_data) {
  auto h = static_cast<SANE_Handle>(handle_);
  std::string raw;
  std::array<SANE_Byte, 64 * 1024> buf;
  SANE_Status s;
  do {
    // The sane_read that returns a frame's last bytes may also end the
    // frame and cancel the backend's reader thread (see kReaderExitWait):
    // hold the last byte back until the reader has exited.
    std::int64_t want = static_cast<std::int64_t>(buf.size());
    if (expected_bytes > 0) {
      const std::int64_t left =
          expected_bytes - static_cast<std::int64_t>(raw.size());
      if (left > 1) want = std::min(want, left - 1);
      if (left == 1) AwaitReaderExit(threads_before);
    }
    SANE_Int len = 0;
    s = Locked([&] {
      return sane_read(h, buf.data(), static_cast<SANE_Int>(want), &len);
    });
    if (len > 0) {
      raw.append(reinterpret_cast<const char*>(buf.data()), len);
      *got_data = true;
    }
    if (static_cast<std::int64_t>(raw.size()) > max_bytes) {
      return Status::Unsupported("is larger than the page limit of " +
                                 std::to_string(kMaxPixelsPerPage) + " pixels");
    }
  } while (s == SANE_STATUS_GOOD);
  if (s != SANE_STATUS_EOF) {
    *sane_status = s;
    return Status::Unavailable(sane_strstatus(s));
  }
  return raw;
}

Status SaneScanner::ReadPage(PageImage* page, int* sane_status,
                             bool* got_data) {
  auto h = static_cast<SANE_Handle>(handle_);
  std::array<std::string, 3> bands;  // separate-band frames, in BGR order
  int bands_seen = 0;
  for (int frame = 0; frame < 3; ++frame) {
    const int threads_before = ThreadCount();
    SANE_Status s = Locked([&] { return sane_start(h); });
    SANE_Parameters p{};
    if (s == SANE_STATUS_GOOD)
      s = Locked([&] { return sane_get_parameters(h, &p); });
    if (s != SANE_STATUS_GOOD) {
      *sane_status = s;
      return Status::Unavailable(sane_strstatus(s));
    }
    const bool band = p.format == SANE_FRAME_RED ||
                      p.format == SANE_FRAME_GREEN ||
                      p.format == SANE_FRAME_BLUE;
    if (p.pixels_per_line <= 0 || p.bytes_per_line <= 0 ||
        (p.format != SANE_FRAME_GRAY && p.format != SANE_FRAME_RGB && !band) ||
        (p.depth != 1 && p.depth != 8 && p.depth != 16) ||
        (p.depth == 1 && p.format != SANE_FRAME_GRAY) ||
        (!band && !p.last_frame)) {
      return Status::Unsupported(
          "came in a frame format this program does not read (format " +
          std::to_string(p.format) + ", depth " + std::to_string(p.depth) +
          ")");
    }
    const std::int64_t max_lines = kMaxPixelsPerPage / p.pixels_per_line;
    Result<std::string> raw =
        ReadFrame(p.lines >= 0 ? std::int64_t{p.lines} * p.bytes_per_line : -1,
                  (max_lines + 1) * p.bytes_per_line, threads_before,
                  sane_status, got_data);
    if (!raw.ok()) return raw.status();
    int lines = static_cast<int>(raw->size() / p.bytes_per_line);
    if (p.lines >= 0) {  // -1: unknown until the end (hand scanners, ADFs)
      if (lines < p.lines) {
        return Status::IOError("arrived incomplete (" + std::to_string(lines) +
                               " of " + std::to_string(p.lines) + " lines)");
      }
      lines = p.lines;
    }
    if (lines == 0) return Status::IOError("arrived empty");
    Result<std::string> samples = EightBit(p, *raw, lines);
    if (!samples.ok()) return samples.status();
    if (!band) {
      page->width = p.pixels_per_line;
      page->height = lines;
      page->channels = p.format == SANE_FRAME_RGB ? 3 : 1;
      page->pixels = std::move(samples).value();
      return Status::Ok();
    }
    if (bands_seen > 0 &&
        (page->width != p.pixels_per_line || page->height != lines)) {
      return Status::Corrupt("came with colour bands of different sizes");
    }
    page->width = p.pixels_per_line;
    page->height = lines;
    bands[BgrIndex(p.format)] = std::move(samples).value();
    ++bands_seen;
    if (p.last_frame) break;
  }
  const size_t n = static_cast<size_t>(page->width) * page->height;
  if (bands[0].size() != n || bands[1].size() != n || bands[2].size() != n) {
    return Status::Corrupt("came without all three colour bands");
  }
  page->channels = 3;
  page->pixels.resize(n * 3);
  for (size_t i = 0; i < n; ++i) {
    for (int c = 0; c < 3; ++c) page->pixels[3 * i + c] = bands[c][i];
  }
  return Status::Ok();
}

SaneBatch SaneScanner::ScanBatch(const std::function<void(int page)>& on_page) {
  std::lock_guard<std::mutex> one_batch_at_a_time(BatchMutex());
  SaneBatch batch;
  const size_t limit = feeder_ ? static_cast<size_t>(options_.max_pages) : 1;
  while (batch.pages.size() < limit) {
    const int received = static_cast<int>(batch.pages.size());
    PageImage page;
    int sane_status = SANE_STATUS_GOOD;
    bool got_data = false;
    Status s = ReadPage(&page, &sane_status, &got_data);
    const auto st = static_cast<SANE_Status>(sane_status);
    if (st == SANE_STATUS_NO_DOCS && !got_data) {
      // The normal end of a feeder batch, unless nothing came at all.
      if (received == 0) {
        batch.end = Status::Unavailable(
            label_ + (feeder_ ? ": no paper in the feeder" : ": no document"));
      }
      break;
    }
    if (st != SANE_STATUS_GOOD) {
      batch.end =
          FromSane(st, label_ + ": " + Describe(st) + " " + Where(received));
      break;
    }
    if (!s.ok()) {
      batch.end = Reword(s, label_ + ": page " + std::to_string(received + 1) +
                                " " + s.message());
      break;
    }
    page.dpi_x = page.dpi_y = dpi_;
    batch.pages.push_back(std::move(page));
    if (on_page) on_page(received + 1);
  }
  if (feeder_ && batch.end.ok() && batch.pages.size() == limit) {
    batch.end = Status::Unavailable(
        label_ + ": stopped after " + std::to_string(limit) +
        " pages (the max_pages limit); the feeder may hold more");
  }
  // After an error the backend's reader may still run (see kReaderExitWait).
  if (!batch.end.ok()) std::this_thread::sleep_for(kReaderErrorGrace);
  Locked([&] { sane_cancel(static_cast<SANE_Handle>(handle_)); });
  return batch;
}

std::vector<std::string> ListSaneDevices() {
  std::vector<std::string> names;
  if (!AcquireSane().ok()) return names;
  Locked([&] {
    const SANE_Device** list = nullptr;
    if (sane_get_devices(&list, SANE_FALSE) != SANE_STATUS_GOOD || !list)
      return;
    for (int i = 0; list[i] != nullptr; ++i) names.emplace_back(list[i]->name);
  });
  ReleaseSane();
  return names;
}

}  // namespace intake::capture
