#pragma once
// Numbered schema migrations for Shogo's SQLCipher databases.
//
// A database records the number of the last migration applied to it in a
// one-row table the runner owns:
//     schema_version(id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)
// migrate() applies, in order, every migration whose version is above that
// number, each in its own transaction (BEGIN IMMEDIATE; its SQL; the new
// version; COMMIT), so a failure leaves the database at the last complete
// version. A database whose version is above the newest migration the
// program knows is refused untouched: db.schema_newer.
//
// A list of migrations is numbered 1, 2, 3, … with no gap and is never
// reordered or edited once released; a new schema is a new migration at the
// end. A malformed list is a programmer error (assert).

#include <span>

#include "storage/base/result.hpp"
#include "storage/database.hpp"

namespace shogo::storage {

struct Migration {
  int version;              // 1, 2, 3, …: position in the list
  const char* description;  // one line for docs and logs: "users.last_sign_in_at, sites, terminals"
  const char* sql;          // one or more statements, no parameters
};

// True when the versions read 1, 2, … n in order and every field is set. The
// runner asserts it; a list known at compile time can static_assert it.
[[nodiscard]] constexpr bool migrations_well_formed(std::span<const Migration> migrations) {
  int expected = 1;
  for (const Migration& m : migrations) {
    if (m.version != expected++ || m.sql == nullptr || m.description == nullptr) return false;
  }
  return true;
}

// The version recorded in the database; 0 when the runner never ran on it.
[[nodiscard]] Result<int> schema_version(Database& db);

// Brings the database up to migrations.back().version (see above).
// Errors: db.schema_newer, or the db.* error of the migration that failed.
[[nodiscard]] Status migrate(Database& db, std::span<const Migration> migrations);

}  // namespace shogo::storage
