#include "store/archive.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "common/sha256.h"

namespace intake::store {
namespace {

// Patient data: blobs are readable by their owner only (mkstemp's 0600),
// folders by owner and group.
constexpr mode_t kDirMode = 0750;

// Owns a file descriptor; closes it on destruction.
class UniqueFd {
 public:
  explicit UniqueFd(int fd) : fd_(fd) {}
  ~UniqueFd() {
    if (fd_ >= 0) ::close(fd_);
  }
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  int get() const { return fd_; }
  // Closes now, reporting the error that a destructor would have to drop.
  int Close() {
    const int rc = ::close(fd_);
    fd_ = -1;
    return rc;
  }

 private:
  int fd_;
};

Status Errno(const std::string& what, const std::string& path, int err) {
  return Status::IOError(what + " " + path + ": " + std::strerror(err));
}

bool IsSha256Hex(const std::string& s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

// Makes a directory's entries (a new file name, a new sub-folder) durable.
Status SyncDir(const std::string& dir) {
  UniqueFd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) return Errno("cannot open folder", dir, errno);
  if (::fsync(fd.get()) != 0) return Errno("cannot fsync folder", dir, errno);
  return Status::Ok();
}

// mkdir that treats "already there" as success and makes a new folder's
// name durable in its parent.
Status MakeDir(const std::string& parent, const std::string& dir) {
  if (::mkdir(dir.c_str(), kDirMode) == 0) return SyncDir(parent);
  if (errno == EEXIST) return Status::Ok();
  return Errno("cannot create folder", dir, errno);
}

Status WriteAll(int fd, std::string_view bytes, const std::string& path) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return Errno("cannot write", path, errno);
    }
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return Status::Ok();
}

Status InvalidHash(const std::string& sha256) {
  return Status::InvalidArgument(
      "'" + sha256 + "' is not a SHA-256 (64 lowercase hex digits)");
}

}  // namespace

Archive::Archive(std::string root) : root_(std::move(root)) {}

std::string Archive::PathOf(const std::string& sha256) const {
  if (sha256.size() < 4) return root_ + "/" + sha256;
  return root_ + "/" + sha256.substr(0, 2) + "/" + sha256.substr(2, 2) + "/" +
         sha256;
}

Result<std::string> Archive::Put(std::string_view bytes) const {
  if (root_.empty()) return Status::InvalidArgument("archive has no folder");
  std::string sha256 = Sha256Hex(bytes);
  const std::string path = PathOf(sha256);
  // Idempotent: identical bytes are there already. A damaged copy is
  // replaced below by the good bytes we hold.
  if (Verify(sha256).ok()) return sha256;

  std::error_code ec;
  if (std::filesystem::create_directories(root_, ec)) {
    std::filesystem::path parent = std::filesystem::path(root_).parent_path();
    Status s = SyncDir(parent.empty() ? "." : parent.string());
    if (!s.ok()) return s;
  }
  if (ec) {
    return Status::IOError("cannot create archive folder " + root_ + ": " +
                           ec.message());
  }
  const std::string dir1 = root_ + "/" + sha256.substr(0, 2);
  const std::string dir2 = dir1 + "/" + sha256.substr(2, 2);
  Status s = MakeDir(root_, dir1);
  if (s.ok()) s = MakeDir(dir1, dir2);
  if (!s.ok()) return s;

  std::string tmp = path + ".tmp.XXXXXX";
  UniqueFd fd(::mkstemp(tmp.data()));
  if (fd.get() < 0) return Errno("cannot create temporary file", tmp, errno);
  s = WriteAll(fd.get(), bytes, tmp);
  if (s.ok() && ::fsync(fd.get()) != 0) s = Errno("cannot fsync", tmp, errno);
  if (s.ok() && fd.Close() != 0) s = Errno("cannot close", tmp, errno);
  if (s.ok() && ::rename(tmp.c_str(), path.c_str()) != 0) {
    s = Errno("cannot rename " + tmp + " to", path, errno);
  }
  if (!s.ok()) {
    ::unlink(tmp.c_str());
    return s;
  }
  s = SyncDir(dir2);
  if (!s.ok()) return s;
  return sha256;
}

Result<std::string> Archive::Get(const std::string& sha256) const {
  if (!IsSha256Hex(sha256)) return InvalidHash(sha256);
  const std::string path = PathOf(sha256);
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ENOENT) {
      return Status::NotFound("archive has no blob " + sha256 + " (" + path +
                              ")");
    }
    return Errno("cannot open", path, errno);
  }
  std::string bytes;
  char buf[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd.get(), buf, sizeof(buf));
    if (n < 0) {
      if (errno == EINTR) continue;
      return Errno("cannot read", path, errno);
    }
    if (n == 0) break;
    bytes.append(buf, static_cast<size_t>(n));
  }
  const std::string actual = Sha256Hex(bytes);
  if (actual != sha256) {
    return Status::Corrupt("archived blob " + path + " hashes to " + actual +
                           ", not its name");
  }
  return bytes;
}

Status Archive::Verify(const std::string& sha256) const {
  Result<std::string> bytes = Get(sha256);
  return bytes.ok() ? Status::Ok() : bytes.status();
}

}  // namespace intake::store
