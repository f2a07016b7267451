#include "storage/sqlcipher_probe.hpp"

#define SQLITE_HAS_CODEC 1
#include <sqlcipher/sqlite3.h>

#include "crypto/secure_buffer.hpp"
#include "storage/database.hpp"
#include "storage/zeroing_allocator.hpp"

namespace shogo::storage {

Result<SqlcipherInfo> probe_sqlcipher() {
  // The probe may be the first SQLite use of a program: secure the allocator first.
  if (auto s = install_zeroing_allocator(); !s) return s.error();
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    sqlite3_close(db);
    return Error{"sqlcipher.open", "The database library could not open a database."};
  }
  const auto key = crypto::SecureBuffer::random(32);
  const auto literal = raw_key_literal(key);
  const int keyed = sqlite3_key(db, literal.data(), static_cast<int>(literal.size()));
  SqlcipherInfo info{sqlite3_libversion(), {}};
  sqlite3_stmt* st = nullptr;
  if (keyed == SQLITE_OK &&
      sqlite3_prepare_v2(db, "PRAGMA cipher_version;", -1, &st, nullptr) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW) {
    if (const auto* text = sqlite3_column_text(st, 0)) {
      info.cipher_version = reinterpret_cast<const char*>(text);
    }
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  if (info.cipher_version.empty()) {
    return Error{"sqlcipher.missing",
                 "The database library has no encryption (SQLCipher is not linked)."};
  }
  return info;
}

}  // namespace shogo::storage
