#include "crypto/passphrase_input.hpp"

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace shogo::crypto {

Result<crypto::SecureBuffer> PassphraseSource::read_line(int fd) {
  crypto::SecureBuffer buffer(kMaxPassphraseBytes + 1);
  std::size_t n = 0;
  bool got_any = false;
  for (;;) {
    unsigned char c = 0;
    const ssize_t r = ::read(fd, &c, 1);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    got_any = true;
    if (c == '\n') break;
    if (n == kMaxPassphraseBytes) {
      return Error{"input.too_long", "The passphrase is too long (at most 1024 bytes)."};
    }
    buffer.data()[n++] = c;
  }
  if (!got_any) return Error{"input.closed", "No passphrase was given (the input ended)."};
  if (n > 0 && buffer.data()[n - 1] == '\r') --n;
  crypto::SecureBuffer out(n);
  if (n > 0) std::memcpy(out.data(), buffer.data(), n);
  return out;
}

Result<crypto::SecureBuffer> PassphraseSource::read(const std::string& prompt) {
  if (fd_ >= 0) return read_line(fd_);
  const int tty = ::open("/dev/tty", O_RDWR | O_CLOEXEC);
  if (tty < 0) {
    return Error{"input.no_terminal",
                 "There is no terminal to type a passphrase on; use --passphrase-fd N."};
  }
  termios saved{};
  const bool is_tty = ::tcgetattr(tty, &saved) == 0;
  if (is_tty) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    quiet.c_lflag |= ECHONL;
    ::tcsetattr(tty, TCSAFLUSH, &quiet);
  }
  (void)!::write(tty, prompt.data(), prompt.size());
  auto result = read_line(tty);
  if (is_tty) ::tcsetattr(tty, TCSAFLUSH, &saved);
  ::close(tty);
  return result;
}

Result<crypto::SecureBuffer> PassphraseSource::read_new(const std::string& prompt) {
  auto first = read(prompt);
  if (!first) return first;
  if (first->size() < kMinPassphraseBytes) {
    return Error{"input.too_short", "A passphrase needs at least 8 characters."};
  }
  if (fd_ < 0) {
    auto again = read("Type it again: ");
    if (!again) return again;
    if (!first->equals(*again)) {
      return Error{"input.mismatch", "The two passphrases differ; nothing was changed."};
    }
  }
  return first;
}

}  // namespace shogo::crypto
