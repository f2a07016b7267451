#pragma once
// InputFile — the fuzz input as a file path, for the readers that open a path
// (CsvReader, SheetReader). One memfd per process, rewritten for each input:
// no disk churn, nothing left behind. The path is /proc/self/fd/N, which
// open() and stat() follow to the memfd itself.

#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

// Stops the fuzzer on a broken invariant: libFuzzer reports it as a crash.
#define SHOGO_FUZZ_CHECK(...)             \
  do {                                    \
    if (!(__VA_ARGS__)) __builtin_trap(); \
  } while (false)

namespace shogo::fuzz {

class InputFile {
 public:
  InputFile() : fd_(memfd_create("shogo-fuzz-input", MFD_CLOEXEC)) {
    if (fd_ < 0) std::abort();
    path_ = "/proc/self/fd/" + std::to_string(fd_);
  }
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;
  ~InputFile() { close(fd_); }

  // Replaces the file's content with data[0..size).
  void write(const std::uint8_t* data, std::size_t size) {
    if (ftruncate(fd_, 0) != 0) std::abort();
    std::size_t done = 0;
    while (done < size) {
      const ssize_t n = pwrite(fd_, data + done, size - done, static_cast<off_t>(done));
      if (n <= 0) std::abort();
      done += static_cast<std::size_t>(n);
    }
  }
  const std::string& path() const { return path_; }

 private:
  int fd_;
  std::string path_;
};

// The process's one input file (a function-local static: no destruction-order surprises).
inline InputFile& input_file() {
  static InputFile file;
  return file;
}

}  // namespace shogo::fuzz
