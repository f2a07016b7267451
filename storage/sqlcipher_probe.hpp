#pragma once
// What SQLCipher library this build really talks to.
//
// Debian 12 ships SQLCipher 3.4.1 on SQLite 3.15.2 and silently ignores
// pragmas it does not know, so Shogo asks the library instead of trusting a
// header. The probe opens an in-memory database keyed with a random raw key
// (never the 3.x passphrase KDF) and reads `PRAGMA cipher_version`.

#include <string>

#include "storage/base/result.hpp"

namespace shogo::storage {

struct SqlcipherInfo {
  std::string sqlite_version;  // e.g. "3.15.2"
  std::string cipher_version;  // e.g. "3.4.1"; empty would mean plain SQLite
};

[[nodiscard]] Result<SqlcipherInfo> probe_sqlcipher();

}  // namespace shogo::storage
