#include "crypto/file_digest.hpp"

#include <openssl/evp.h>

#include <array>
#include <cstdio>
#include <memory>

namespace shogo::crypto {

// SHA-256 through OpenSSL's EVP interface: the library SQLCipher already
// encrypts with, and hardware SHA (SHA-NI) where the CPU has it.
Result<FileDigest> file_digest(const std::filesystem::path& file) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> in(std::fopen(file.c_str(), "rb"), &std::fclose);
  if (!in) return Error{"import.cannot_open", N_("The file could not be opened.")};
  std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1) {
    return Error{"crypto.digest", N_("The file's fingerprint could not be computed.")};
  }
  FileDigest digest;
  std::array<unsigned char, 1 << 16> chunk{};
  for (;;) {
    const std::size_t n = std::fread(chunk.data(), 1, chunk.size(), in.get());
    if (n > 0) {
      if (EVP_DigestUpdate(ctx.get(), chunk.data(), n) != 1) {
        return Error{"crypto.digest", N_("The file's fingerprint could not be computed.")};
      }
      digest.size += n;
    }
    if (n < chunk.size()) {
      if (std::ferror(in.get()))
        return Error{"import.read_failed", N_("The file could not be read.")};
      break;
    }
  }
  std::array<unsigned char, EVP_MAX_MD_SIZE> hash{};
  unsigned int length = 0;
  if (EVP_DigestFinal_ex(ctx.get(), hash.data(), &length) != 1 || length != 32) {
    return Error{"crypto.digest", N_("The file's fingerprint could not be computed.")};
  }
  static constexpr char kHex[] = "0123456789abcdef";
  for (unsigned int i = 0; i < length; ++i) {
    digest.sha256_hex += kHex[hash[i] >> 4];
    digest.sha256_hex += kHex[hash[i] & 0x0F];
  }
  return digest;
}

}  // namespace shogo::crypto
