#pragma once
// file_digest() — the fingerprint of an imported file (P6.4): SHA-256 of its
// bytes, read in chunks, and its size. The same file is not imported twice
// into a survey, and the audit event names the file by this digest, never by
// its content.
//
// Errors: import.cannot_open, import.read_failed.
#include <cstdint>
#include <filesystem>
#include <string>

#include "storage/base/result.hpp"

namespace shogo::crypto {

struct FileDigest {
  std::string sha256_hex;  // 64 lowercase hex digits
  std::uint64_t size = 0;  // bytes
};

[[nodiscard]] Result<FileDigest> file_digest(const std::filesystem::path& file);

}  // namespace shogo::crypto
