#pragma once
// Checks of the storage tests on a Database: each REQUIREs success and, when
// it fails, says which SQL gave which error code (and SQLite's diagnostic).
//
//   open_ok(file, key, mode)   Database::open, which must succeed
//   exec_ok(db, sql)           Database::exec, which must succeed
//   int_ok(db, sql)            the first column of the first row, an integer
//   text_of(db, sql)           the first column of the first row, as text
//   error_of(db, sql)          "ok" or the error code of Database::exec
#include <catch2/catch.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>

#include "crypto/secure_buffer.hpp"
#include "storage/database.hpp"

namespace shogo::test {

inline storage::Database open_ok(const std::filesystem::path& file, const crypto::SecureBuffer& key,
                                 storage::OpenMode mode) {
  auto db = storage::Database::open(file, key, mode);
  INFO("open: " << (db ? std::string("ok") : db.error().code));
  REQUIRE(db);
  return std::move(db).value();
}

inline void exec_ok(storage::Database& db, std::string_view sql) {
  auto s = db.exec(sql);
  INFO(sql << " -> " << (s ? std::string("ok") : s.error().code + " " + db.diagnostic()));
  REQUIRE(s);
}

inline std::int64_t int_ok(storage::Database& db, std::string_view sql) {
  auto v = db.query_int(sql);
  INFO(sql << " -> " << (v ? std::string("ok") : v.error().code + " " + db.diagnostic()));
  REQUIRE(v);
  return v.value();
}

inline std::string text_of(storage::Database& db, std::string_view sql) {
  auto st = storage::Statement::prepare(db, sql);
  REQUIRE(st);
  auto row = st->step();
  REQUIRE(row);
  REQUIRE(row.value());
  return st->column_text(0);
}

inline std::string error_of(storage::Database& db, std::string_view sql) {
  auto s = db.exec(sql);
  return s ? "ok" : s.error().code;
}

}  // namespace shogo::test
