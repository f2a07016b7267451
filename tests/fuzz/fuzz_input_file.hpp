#pragma once
// InputFile — the fuzz input as a file path, for the readers that open a path
// (CsvReader, SheetReader). One memfd per process, rewritten for each input:
// no disk churn, nothing left behind. The path is /proc/self/fd/N, which
// open() and stat() follow to the memfd itself.

#include <iconv.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

// Stops the fuzzer on a broken invariant: libFuzzer reports it as a crash.
#define SHOGO_FUZZ_CHECK(...)             \
  do {                                    \
    if (!(__VA_ARGS__)) __builtin_trap(); \
  } while (false)

namespace shogo::fuzz {

// The oracle for "the reader returns valid UTF-8": glibc's own UTF-8 decoder
// (iconv to UTF-32), not a copy of the reader's validator, so a bug shared by
// both cannot hide. It refuses overlongs, surrogates, values past U+10FFFF and
// cut sequences.
inline bool valid_utf8(std::string_view s) {
  static iconv_t cd = iconv_open("UTF-32LE", "UTF-8");
  if (cd == reinterpret_cast<iconv_t>(-1)) std::abort();
  iconv(cd, nullptr, nullptr, nullptr, nullptr);
  char* in = const_cast<char*>(s.data());
  std::size_t in_left = s.size();
  char out[4096];
  while (in_left > 0) {
    char* out_ptr = out;
    std::size_t out_left = sizeof out;
    if (iconv(cd, &in, &in_left, &out_ptr, &out_left) == static_cast<std::size_t>(-1) &&
        errno != E2BIG)
      return false;
  }
  return true;
}

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
