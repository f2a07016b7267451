#include "storage/sqlcipher_probe.hpp"

#define SQLITE_HAS_CODEC 1
#include <sqlcipher/sqlite3.h>

#include "crypto/secure_buffer.hpp"

namespace shogo::storage {

namespace {

// Raw-key blob for sqlite3_key: "x'<64 hex>'" built inside guarded memory.
crypto::SecureBuffer raw_key_literal(const crypto::SecureBuffer& key) {
  static constexpr char kHex[] = "0123456789abcdef";
  crypto::SecureBuffer literal(3 + key.size() * 2);
  auto* out = literal.data();
  std::size_t n = 0;
  out[n++] = 'x';
  out[n++] = '\'';
  for (std::uint8_t b : key.bytes()) {
    out[n++] = static_cast<std::uint8_t>(kHex[b >> 4]);
    out[n++] = static_cast<std::uint8_t>(kHex[b & 0x0F]);
  }
  out[n++] = '\'';
  return literal;
}

}  // namespace

Result<SqlcipherInfo> probe_sqlcipher() {
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
