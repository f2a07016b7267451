#pragma once
// Test helpers for secrets: a test's literal passphrase into guarded memory,
// and a printed hex seed (as on the recovery sheet) back into bytes.
#include <sodium.h>

#include <cstring>
#include <string_view>

#include "crypto/secure_buffer.hpp"

namespace shogo::test {

inline crypto::SecureBuffer secure(std::string_view text) {
  crypto::SecureBuffer b(text.size());
  if (!text.empty()) std::memcpy(b.data(), text.data(), text.size());
  return b;
}

// `hex` as Vault::create gives it: hex digits, then a NUL.
inline crypto::SecureBuffer bytes_from_hex(const crypto::SecureBuffer& hex, std::size_t size) {
  crypto::SecureBuffer out(size);
  std::size_t written = 0;
  sodium_hex2bin(out.data(), out.size(), reinterpret_cast<const char*>(hex.data()), hex.size() - 1,
                 nullptr, &written, nullptr);
  return out;
}

}  // namespace shogo::test
