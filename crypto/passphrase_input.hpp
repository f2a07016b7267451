#pragma once
// Reading passphrases (shogo-admin; the kiosk's --passphrase-fd) — never from argv or the environment.
//
//   PassphraseSource::terminal()   /dev/tty, echo off, asked twice for a new one
//   PassphraseSource::fd(N)        one passphrase per line from file descriptor N
//                                  (scripts and tests: `--passphrase-fd 3 3<file`)
//
// Passphrases land in guarded memory (crypto::SecureBuffer) and nowhere else:
// bytes are read one at a time into the buffer, never into a std::string.

#include <string>

#include "crypto/secure_buffer.hpp"
#include "storage/base/result.hpp"

namespace shogo::crypto {

inline constexpr std::size_t kMaxPassphraseBytes = 1024;
inline constexpr std::size_t kMinPassphraseBytes = 8;  // new passphrases

class PassphraseSource {
 public:
  static PassphraseSource terminal() { return PassphraseSource(-1); }
  static PassphraseSource fd(int fd) { return PassphraseSource(fd); }

  // `prompt` is shown on the terminal only. Errors: input.closed, input.too_long,
  // input.no_terminal.
  [[nodiscard]] Result<crypto::SecureBuffer> read(const std::string& prompt);
  // A new passphrase: at least kMinPassphraseBytes; on a terminal, typed twice.
  [[nodiscard]] Result<crypto::SecureBuffer> read_new(const std::string& prompt);

 private:
  explicit PassphraseSource(int fd) : fd_(fd) {}
  [[nodiscard]] Result<crypto::SecureBuffer> read_line(int fd);
  int fd_;
};

}  // namespace shogo::crypto
