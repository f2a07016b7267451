#include "crypto/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <string>

namespace shogo::crypto {

namespace {

Error write_error(int err) {
  switch (err) {
    case ENOSPC:
    case EDQUOT: return {"file.write", N_("The file could not be saved because the disk is full.")};
    case EFBIG:
      return {"file.write",
              N_("The file could not be saved because it is larger than the system allows.")};
    case EACCES:
    case EPERM:
      return {"file.write", N_("The file could not be saved because permission was denied.")};
    case EROFS:
      return {"file.write", N_("The file could not be saved because the disk is read-only.")};
    case ENOENT:
    case ENOTDIR:
      return {"file.write", N_("The file could not be saved because its folder does not exist.")};
    default: return {"file.write", N_("The file could not be saved because of a disk error.")};
  }
}

// Closes a descriptor once; close() errors matter only where checked explicitly.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() { reset(); }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  int release_and_close() {  // 0 or the errno of close()
    const int fd = fd_;
    fd_ = -1;
    return ::close(fd) == 0 ? 0 : errno;
  }
  void reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

int write_all(int fd, std::span<const std::uint8_t> bytes) {  // 0 or errno
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    if (n == 0) return EIO;
    bytes = bytes.subspan(static_cast<std::size_t>(n));
  }
  return 0;
}

int sync_directory(const std::filesystem::path& dir) {  // 0 or errno
  Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) return errno;
  if (::fsync(fd.get()) != 0) return errno;
  return fd.release_and_close();
}

}  // namespace

Status write_file_atomically(const std::filesystem::path& path, std::span<const std::uint8_t> bytes,
                             mode_t mode) {
  const std::filesystem::path dir =
      path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  std::string name = ".";  // appended piecewise: GCC 12 -O3 warns falsely (-Wrestrict) on a + chain
  name.append(path.filename().string()).append(".tmp-XXXXXX");
  std::string temp = (dir / name).string();
  Fd fd(::mkostemp(temp.data(), O_CLOEXEC));  // O_CREAT|O_EXCL, mode 0600
  if (fd.get() < 0) return write_error(errno);

  int err = 0;
  if (::fchmod(fd.get(), mode) != 0) err = errno;
  if (err == 0) err = write_all(fd.get(), bytes);
  if (err == 0 && ::fsync(fd.get()) != 0) err = errno;
  if (err == 0) err = fd.release_and_close();
  if (err == 0 && ::rename(temp.c_str(), path.c_str()) != 0) err = errno;
  if (err != 0) {
    fd.reset();
    ::unlink(temp.c_str());
    return write_error(err);
  }
  if (const int dir_err = sync_directory(dir); dir_err != 0) return write_error(dir_err);
  return ok_status();
}

Result<std::vector<std::uint8_t>> read_small_file(const std::filesystem::path& path,
                                                  std::size_t max_bytes) {
  const Error read_failed{"file.read", N_("The file could not be read.")};
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ENOENT) return Error{"file.missing", N_("The file does not exist.")};
    return read_failed;
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode)) return read_failed;
  const Error too_large{"file.too_large", N_("The file is larger than expected.")};
  if (st.st_size < 0 || static_cast<std::uint64_t>(st.st_size) > max_bytes) return too_large;

  // Read up to one byte past the limit, in case the file grew after fstat().
  std::vector<std::uint8_t> out(max_bytes + 1);
  std::size_t got = 0;
  while (got < out.size()) {
    const ssize_t n = ::read(fd.get(), out.data() + got, out.size() - got);
    if (n < 0) {
      if (errno == EINTR) continue;
      return read_failed;
    }
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  if (got > max_bytes) return too_large;
  out.resize(got);
  return out;
}

}  // namespace shogo::crypto
