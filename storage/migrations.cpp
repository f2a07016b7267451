#include "storage/migrations.hpp"

#include <cassert>

namespace shogo::storage {

namespace {

constexpr const char* kCreateVersionTable =
    "CREATE TABLE IF NOT EXISTS schema_version ("
    "  id INTEGER PRIMARY KEY CHECK (id = 1),"
    "  version INTEGER NOT NULL CHECK (version >= 0));"
    "INSERT OR IGNORE INTO schema_version (id, version) VALUES (1, 0);";

Status record_version(Database& db, int version) {
  auto st = Statement::prepare(db, "UPDATE schema_version SET version = ?1 WHERE id = 1;");
  if (!st) return st.error();
  if (auto s = st->bind_int64(1, version); !s) return s;
  if (auto done = st->step(); !done) return done.error();
  return ok_status();
}

}  // namespace

Result<int> schema_version(Database& db) {
  auto has_table = db.query_int(
      "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version';");
  if (!has_table) return has_table.error();
  if (has_table.value() == 0) return 0;
  auto version = db.query_int("SELECT version FROM schema_version WHERE id = 1;");
  if (!version) return version.error();
  return static_cast<int>(version.value());
}

Status migrate(Database& db, std::span<const Migration> migrations) {
  assert(migrations_well_formed(migrations) &&
         "migrate() given migrations that are not numbered 1, 2, … in order");
  const int newest = static_cast<int>(migrations.size());

  // Reading first: a database from a newer Shogo is refused without a write.
  auto current = schema_version(db);
  if (!current) return current.error();
  if (current.value() > newest) {
    return Error{"db.schema_newer", N_("This vault was made by a newer version of Shogo.")};
  }
  if (current.value() == newest && newest > 0) return ok_status();

  {
    auto tx = Transaction::begin(db);
    if (!tx) return tx.error();
    if (auto s = db.exec(kCreateVersionTable); !s) return s;
    if (auto s = tx->commit(); !s) return s;
  }

  for (const Migration& m : migrations) {
    auto tx = Transaction::begin(db);
    if (!tx) return tx.error();
    // Read again under the write lock: another connection may have migrated.
    auto now = schema_version(db);
    if (!now) return now.error();
    if (now.value() >= m.version) continue;  // the transaction rolls back, nothing written
    if (auto s = db.exec(m.sql); !s) return s;
    if (auto s = record_version(db, m.version); !s) return s;
    if (auto s = tx->commit(); !s) return s;
  }
  return ok_status();
}

}  // namespace shogo::storage
