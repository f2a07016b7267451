#include "crypto/file_digest.hpp"

#include <sodium.h>

#include <array>
#include <cstdio>
#include <memory>

namespace shogo::crypto {

Result<FileDigest> file_digest(const std::filesystem::path& file) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> in(std::fopen(file.c_str(), "rb"), &std::fclose);
  if (!in) return Error{"import.cannot_open", N_("The file could not be opened.")};
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  FileDigest digest;
  std::array<unsigned char, 1 << 16> chunk{};
  for (;;) {
    const std::size_t n = std::fread(chunk.data(), 1, chunk.size(), in.get());
    if (n > 0) {
      crypto_hash_sha256_update(&state, chunk.data(), n);
      digest.size += n;
    }
    if (n < chunk.size()) {
      if (std::ferror(in.get()))
        return Error{"import.read_failed", N_("The file could not be read.")};
      break;
    }
  }
  std::array<unsigned char, crypto_hash_sha256_BYTES> hash{};
  crypto_hash_sha256_final(&state, hash.data());
  static constexpr char kHex[] = "0123456789abcdef";
  for (unsigned char b : hash) {
    digest.sha256_hex += kHex[b >> 4];
    digest.sha256_hex += kHex[b & 0x0F];
  }
  return digest;
}

}  // namespace shogo::crypto
