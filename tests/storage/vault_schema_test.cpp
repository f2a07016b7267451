// vault.db's schema: what it holds, its rules, and the step from every
// earlier version with data in it.
#include <catch2/catch.hpp>
#include <unistd.h>

#include <array>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "crypto/secure_buffer.hpp"
#include "storage/database.hpp"
#include "storage/migrations.hpp"
#include "storage/vault_schema.hpp"
#include "tests/support/db_checks.hpp"
#include "tests/support/temp_dir.hpp"

namespace fs = std::filesystem;
using shogo::crypto::SecureBuffer;
using shogo::storage::Database;
using shogo::storage::Migration;
using shogo::storage::OpenMode;
using shogo::storage::Statement;
using shogo::storage::vault_migrations;

using shogo::test::error_of;
using shogo::test::exec_ok;
using shogo::test::int_ok;
using shogo::test::open_ok;
using shogo::test::text_of;

namespace {

using shogo::test::TempDir;

// "table.column" for every column of every table, in schema order.
std::vector<std::string> columns(Database& db) {
  std::vector<std::string> tables;
  {
    auto st = Statement::prepare(
        db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name;");
    REQUIRE(st);
    while (st->step().value()) tables.push_back(st->column_text(0));
  }
  std::vector<std::string> out;
  for (const auto& t : tables) {
    auto st = Statement::prepare(db, "PRAGMA table_info(" + t + ");");
    REQUIRE(st);
    while (st->step().value()) out.push_back(t + "." + st->column_text(1));
  }
  return out;
}

}  // namespace

TEST_CASE("the vault's migrations are numbered 1 to kVaultSchemaVersion") {
  CHECK(shogo::storage::migrations_well_formed(vault_migrations()));
  CHECK(vault_migrations().size() == shogo::storage::kVaultSchemaVersion);
}

TEST_CASE("vault.db holds exactly these columns and no resident's data") {
  // design.md "Data": personal data of residents never enters vault.db. A new
  // column changes this list on purpose, in review.
  TempDir dir;
  auto db = open_ok(dir.path() / "vault.db", SecureBuffer::random(32), OpenMode::create_new);
  REQUIRE(shogo::storage::migrate(db, vault_migrations()));
  CHECK(columns(db) == std::vector<std::string>{"audit_events.seq",
                                                "audit_events.at_utc_ms",
                                                "audit_events.monotonic_ms",
                                                "audit_events.actor",
                                                "audit_events.role",
                                                "audit_events.action",
                                                "audit_events.objects",
                                                "audit_events.outcome",
                                                "audit_events.detail",
                                                "audit_events.prev_hash",
                                                "audit_events.hash",
                                                "audit_events.mac",
                                                "audit_state.id",
                                                "audit_state.next_seq",
                                                "audit_state.head",
                                                "audit_state.mac_key",
                                                "decisions.id",
                                                "decisions.survey_id",
                                                "decisions.system",
                                                "decisions.group_id",
                                                "decisions.group_rows",
                                                "decisions.outcome",
                                                "decisions.document",
                                                "decisions.reference",
                                                "decisions.related_group",
                                                "decisions.lending_id",
                                                "decisions.decided_by",
                                                "decisions.decided_at",
                                                "designation_terminals.survey_id",
                                                "designation_terminals.seq",
                                                "designation_terminals.terminal_id",
                                                "designations.survey_id",
                                                "designations.seq",
                                                "designations.system",
                                                "designations.on_date",
                                                "designations.window_from",
                                                "designations.window_to",
                                                "designations.drawn",
                                                "designations.acknowledged",
                                                "designations.made_by",
                                                "designations.made_at",
                                                "findings.id",
                                                "findings.survey_id",
                                                "findings.system",
                                                "findings.group_id",
                                                "findings.cause",
                                                "findings.measures",
                                                "findings.recorded_by",
                                                "findings.recorded_at",
                                                "follow_ups.id",
                                                "follow_ups.survey_id",
                                                "follow_ups.system",
                                                "follow_ups.group_id",
                                                "follow_ups.kind",
                                                "follow_ups.held_on",
                                                "follow_ups.report_on",
                                                "follow_ups.account",
                                                "follow_ups.manager_check",
                                                "follow_ups.conclusion",
                                                "follow_ups.recorded_by",
                                                "follow_ups.recorded_at",
                                                "holds.survey_id",
                                                "holds.placed_at",
                                                "holds.placed_by",
                                                "holds.additional",
                                                "holds.released_at",
                                                "import_problems.import_id",
                                                "import_problems.row",
                                                "import_problems.column_name",
                                                "import_problems.code",
                                                "imports.id",
                                                "imports.survey_id",
                                                "imports.sha256",
                                                "imports.size",
                                                "imports.sheet_kind",
                                                "imports.system",
                                                "imports.designations",
                                                "imports.rows",
                                                "imports.kept",
                                                "imports.already_stored",
                                                "imports.problems",
                                                "imports.blank",
                                                "imports.totals",
                                                "imports.dropped_date",
                                                "imports.dropped_time",
                                                "imports.dropped_terminal",
                                                "imports.imported_by",
                                                "imports.imported_at",
                                                "imports.stored",
                                                "imports.rows_digest",
                                                "keyslots_pending.id",
                                                "keyslots_pending.file",
                                                "lendings.id",
                                                "lendings.survey_id",
                                                "lendings.system",
                                                "lendings.investigator",
                                                "lendings.lent_by",
                                                "lendings.lent_at",
                                                "lendings.due_at",
                                                "lendings.returned_at",
                                                "lendings.returned_by",
                                                "lendings.return_kind",
                                                "operators.id",
                                                "operators.name",
                                                "operators.kind",
                                                "operators.affiliation",
                                                "operators.user_id",
                                                "phrases.id",
                                                "phrases.kind",
                                                "phrases.text",
                                                "phrases.added_by",
                                                "phrases.added_at",
                                                "preferences.user_id",
                                                "preferences.text_size",
                                                "schema_version.id",
                                                "schema_version.version",
                                                "settings.key",
                                                "settings.value",
                                                "sites.id",
                                                "sites.name",
                                                "sites.opens",
                                                "sites.closes",
                                                "surveys.id",
                                                "surveys.fiscal_year",
                                                "surveys.title",
                                                "surveys.survey_key",
                                                "surveys.created_at",
                                                "surveys.state",
                                                "surveys.min_persons",
                                                "surveys.group_gap_minutes",
                                                "terminals.id",
                                                "terminals.site_id",
                                                "terminals.system",
                                                "users.id",
                                                "users.display_name",
                                                "users.role",
                                                "users.disabled",
                                                "users.created_at",
                                                "users.last_sign_in_at"});
}

TEST_CASE("a new vault has its default settings and enforces its rules") {
  TempDir dir;
  auto db = open_ok(dir.path() / "vault.db", SecureBuffer::random(32), OpenMode::create_new);
  REQUIRE(shogo::storage::migrate(db, vault_migrations()));
  CHECK(text_of(db, "SELECT value FROM settings WHERE key = 'idle_lock_seconds';") == "300");
  CHECK(text_of(db, "SELECT value FROM settings WHERE key = 'end_of_day';") == "18:00");

  exec_ok(db,
          "INSERT INTO users (id, display_name, role, created_at) "
          "VALUES ('u1', '監督者A', 'supervisor', 1);");
  CHECK(int_ok(db, "SELECT disabled FROM users WHERE id = 'u1';") == 0);
  CHECK(error_of(db,
                 "INSERT INTO users (id, display_name, role, created_at) "
                 "VALUES ('u2', 'x', 'admin', 1);") == "db.constraint");
  CHECK(error_of(db,
                 "INSERT INTO users (id, display_name, role, created_at) "
                 "VALUES ('u1', 'x', 'manager', 1);") == "db.constraint");
  const std::string survey =
      "INSERT INTO surveys (id, fiscal_year, title, survey_key, created_at) ";
  CHECK(error_of(db, survey + "VALUES ('s1', 2026, 'KOSEKI', randomblob(16), 1);") ==
        "db.constraint");  // a survey key is 32 bytes
  CHECK(error_of(db, survey + "VALUES ('s1', 2026, 'KOSEKI', 'not a blob', 1);") ==
        "db.constraint");
  exec_ok(db, survey + "VALUES ('s1', 2026, '令和8年度 第1回', randomblob(32), 1);");
  CHECK(text_of(db, "SELECT state FROM surveys WHERE id = 's1';") == "draft");

  exec_ok(db, "INSERT INTO sites VALUES ('S01', '本庁舎', '08:30', '17:15');");
  CHECK(error_of(db, "INSERT INTO sites VALUES ('S02', 'x', '8:30', '17:15');") == "db.constraint");
  CHECK(error_of(db, "INSERT INTO sites VALUES ('S02', 'x', '18:00', '08:00');") ==
        "db.constraint");
  exec_ok(db, "INSERT INTO terminals VALUES ('KS-S01-01', 'S01', 'KOSEKI');");
  CHECK(error_of(db, "INSERT INTO terminals VALUES ('XX-S01-01', 'S01', 'OTHER');") ==
        "db.constraint");
  CHECK(error_of(db, "INSERT INTO terminals VALUES ('KS-S09-01', 'S09', 'KOSEKI');") ==
        "db.constraint");  // foreign_keys = ON
}

TEST_CASE("a vault migrates from every earlier schema with its data intact") {
  // One case per earlier version. Adding migration 3 means adding a filled
  // version-2 vault here.
  static_assert(shogo::storage::kVaultSchemaVersion == 8,
                "a new vault migration needs a case migrating a filled previous version");
  TempDir dir;
  const auto key = SecureBuffer::random(32);

  SECTION("from version 0, an empty file") {
    const auto file = dir.path() / "v0.db";
    { auto db = open_ok(file, key, OpenMode::create_new); }
    auto db = open_ok(file, key, OpenMode::open_existing);
    REQUIRE(shogo::storage::migrate(db, vault_migrations()));
    CHECK(shogo::storage::schema_version(db).value() == 8);
    CHECK(int_ok(db, "SELECT count(*) FROM settings;") == 2);
  }
  SECTION("from version 1, filled") {
    const auto file = dir.path() / "v1.db";
    const SecureBuffer survey_key = SecureBuffer::random(32);
    {
      auto db = open_ok(file, key, OpenMode::create_new);
      REQUIRE(shogo::storage::migrate(db, vault_migrations().first(1)));
      CHECK(shogo::storage::schema_version(db).value() == 1);
      exec_ok(db,
              "INSERT INTO users (id, display_name, role, disabled, created_at) VALUES "
              "('u1', '監督者A', 'supervisor', 0, 100), ('u2', '管理者B', 'manager', 1, 200);");
      exec_ok(db, "UPDATE settings SET value = '17:30' WHERE key = 'end_of_day';");
      exec_ok(db,
              "INSERT INTO events (at_utc, actor, action, object, outcome, detail) "
              "VALUES (100, 'u1', 'vault.provisioned', '', 'ok', '');");
      auto insert = Statement::prepare(db, "INSERT INTO surveys VALUES ('s1', 2026, 't', ?1, 5);");
      REQUIRE(insert);
      REQUIRE(insert->bind_blob(1, survey_key.bytes()));
      REQUIRE(insert->step());
    }
    auto db = open_ok(file, key, OpenMode::open_existing);
    REQUIRE(shogo::storage::migrate(db, vault_migrations()));
    CHECK(shogo::storage::schema_version(db).value() == 8);
    CHECK(int_ok(db, "SELECT count(*) FROM users;") == 2);
    CHECK(text_of(db, "SELECT display_name FROM users WHERE id = 'u1';") == "監督者A");
    CHECK(int_ok(db, "SELECT disabled FROM users WHERE id = 'u2';") == 1);
    CHECK(int_ok(db, "SELECT count(*) FROM users WHERE last_sign_in_at IS NULL;") == 2);
    CHECK(text_of(db, "SELECT value FROM settings WHERE key = 'end_of_day';") == "17:30");
    // Version 3 replaces the unchained placeholder events with the audit log.
    CHECK(error_of(db, "SELECT count(*) FROM events;") == "db.error");
    CHECK(int_ok(db, "SELECT count(*) FROM audit_events;") == 0);
    auto select = Statement::prepare(db, "SELECT survey_key FROM surveys WHERE id = 's1';");
    REQUIRE(select);
    REQUIRE(select->step().value());
    CHECK(select->column_secure_blob(0).equals(survey_key));
    exec_ok(db, "UPDATE users SET last_sign_in_at = 300 WHERE id = 'u1';");
    exec_ok(db, "INSERT INTO sites VALUES ('S01', '本庁舎', '08:30', '17:15');");
    CHECK(db.integrity_check());
  }
  SECTION("from version 2, filled") {
    const auto file = dir.path() / "v2.db";
    {
      auto db = open_ok(file, key, OpenMode::create_new);
      REQUIRE(shogo::storage::migrate(db, vault_migrations().first(2)));
      exec_ok(db,
              "INSERT INTO users (id, display_name, role, disabled, created_at, last_sign_in_at) "
              "VALUES ('u1', '管理者B', 'manager', 0, 100, 150);");
      exec_ok(db, "INSERT INTO sites VALUES ('S01', '本庁舎', '08:30', '17:15');");
      exec_ok(db, "INSERT INTO terminals VALUES ('KS-S01-01', 'S01', 'KOSEKI');");
    }
    auto db = open_ok(file, key, OpenMode::open_existing);
    REQUIRE(shogo::storage::migrate(db, vault_migrations()));
    CHECK(shogo::storage::schema_version(db).value() == 8);
    CHECK(int_ok(db, "SELECT last_sign_in_at FROM users WHERE id = 'u1';") == 150);
    CHECK(int_ok(db, "SELECT count(*) FROM terminals WHERE site_id = 'S01';") == 1);
    CHECK(int_ok(db, "SELECT count(*) FROM audit_state;") == 0);
    exec_ok(db, "INSERT INTO audit_state VALUES (1, 1, zeroblob(32), randomblob(32));");
    CHECK(error_of(db, "INSERT INTO audit_state VALUES (2, 1, zeroblob(32), randomblob(32));") ==
          "db.constraint");  // one chain state only
    CHECK(db.integrity_check());
  }
  SECTION("from version 3, filled") {
    const auto file = dir.path() / "v3.db";
    const SecureBuffer survey_key = SecureBuffer::random(32);
    {
      auto db = open_ok(file, key, OpenMode::create_new);
      REQUIRE(shogo::storage::migrate(db, vault_migrations().first(3)));
      exec_ok(db, "INSERT INTO sites VALUES ('S01', '本庁舎', '08:30', '17:15');");
      exec_ok(db, "INSERT INTO terminals VALUES ('KS-S01-01', 'S01', 'KOSEKI');");
      auto insert = Statement::prepare(db, "INSERT INTO surveys VALUES ('s1', 2026, 't', ?1, 5);");
      REQUIRE(insert);
      REQUIRE(insert->bind_blob(1, survey_key.bytes()));
      REQUIRE(insert->step());
      exec_ok(db, "INSERT INTO audit_state VALUES (1, 7, zeroblob(32), randomblob(32));");
    }
    auto db = open_ok(file, key, OpenMode::open_existing);
    REQUIRE(shogo::storage::migrate(db, vault_migrations()));
    CHECK(shogo::storage::schema_version(db).value() == 8);
    // An existing survey starts as a draft with the procedure's defaults (P6.2).
    CHECK(text_of(db, "SELECT state FROM surveys WHERE id = 's1';") == "draft");
    CHECK(int_ok(db, "SELECT min_persons FROM surveys WHERE id = 's1';") == 10);
    CHECK(int_ok(db, "SELECT group_gap_minutes FROM surveys WHERE id = 's1';") == 15);
    CHECK(int_ok(db, "SELECT next_seq FROM audit_state;") == 7);
    CHECK(error_of(db, "UPDATE surveys SET state = 'lost' WHERE id = 's1';") == "db.constraint");
    exec_ok(db,
            "INSERT INTO designations VALUES ('s1', 1, 'KOSEKI', '2026-04-01', '09:00', '09:15', "
            "0, '', 'u1', 10);");
    exec_ok(db, "INSERT INTO designation_terminals VALUES ('s1', 1, 'KS-S01-01');");
    // P6.3.b: a window ends after it starts.
    CHECK(error_of(db,
                   "INSERT INTO designations VALUES ('s1', 2, 'JUKI', '2026-04-01', '09:15', "
                   "'09:00', 0, '', 'u1', 10);") == "db.constraint");
    CHECK(error_of(db, "INSERT INTO designation_terminals VALUES ('s1', 9, 'KS-S01-01');") ==
          "db.constraint");
    CHECK(db.integrity_check());
  }
  SECTION("from version 4, filled") {
    const auto file = dir.path() / "v4.db";
    const SecureBuffer survey_key = SecureBuffer::random(32);
    {
      auto db = open_ok(file, key, OpenMode::create_new);
      REQUIRE(shogo::storage::migrate(db, vault_migrations().first(4)));
      auto insert = Statement::prepare(db,
                                       "INSERT INTO surveys(id, fiscal_year, title, "
                                       "survey_key, created_at) VALUES ('s1', 2026, 't', ?1, 5);");
      REQUIRE(insert);
      REQUIRE(insert->bind_blob(1, survey_key.bytes()));
      REQUIRE(insert->step());
      exec_ok(db, "INSERT INTO imports VALUES (1, 's1', '" + std::string(64, 'a') +
                      "', 10, 'juki_access_log', 'JUKI', 1, 5, 4, 0, 1, 0, 0, 0, 0, 0, 'u1', 20);");
    }
    auto db = open_ok(file, key, OpenMode::open_existing);
    REQUIRE(shogo::storage::migrate(db, vault_migrations()));
    CHECK(shogo::storage::schema_version(db).value() == 8);
    // An import made before has no digest: verification says so.
    CHECK(int_ok(db, "SELECT kept FROM imports WHERE id = 1;") == 4);
    CHECK(int_ok(db, "SELECT stored FROM imports WHERE id = 1;") == 0);
    CHECK(text_of(db, "SELECT rows_digest FROM imports WHERE id = 1;").empty());
    CHECK(error_of(db, "UPDATE imports SET stored = -1;") == "db.constraint");
    CHECK(db.integrity_check());
  }
  SECTION("from version 5, filled") {
    const auto file = dir.path() / "v5.db";
    {
      auto db = open_ok(file, key, OpenMode::create_new);
      REQUIRE(shogo::storage::migrate(db, vault_migrations().first(5)));
      exec_ok(db,
              "INSERT INTO users (id, display_name, role, disabled, created_at) VALUES "
              "('u1', '監督者A', 'supervisor', 0, 100);");
    }
    auto db = open_ok(file, key, OpenMode::open_existing);
    REQUIRE(shogo::storage::migrate(db, vault_migrations()));
    CHECK(shogo::storage::schema_version(db).value() == 8);
    CHECK(int_ok(db, "SELECT count(*) FROM users;") == 1);
    CHECK(int_ok(db, "SELECT count(*) FROM preferences;") == 0);  // everyone at 100 %
    exec_ok(db, "INSERT INTO preferences VALUES ('u1', 115);");
    CHECK(error_of(db, "INSERT OR REPLACE INTO preferences VALUES ('u1', 300);") ==
          "db.constraint");
    CHECK(error_of(db, "INSERT INTO preferences VALUES ('nobody', 100);") == "db.constraint");
    CHECK(db.integrity_check());
  }
  SECTION("from version 6, filled") {
    const auto file = dir.path() / "v6.db";
    {
      auto db = open_ok(file, key, OpenMode::create_new);
      REQUIRE(shogo::storage::migrate(db, vault_migrations().first(6)));
      exec_ok(db,
              "INSERT INTO users (id, display_name, role, disabled, created_at) VALUES "
              "('u1', '監督者A', 'supervisor', 0, 100);");
      exec_ok(db, "INSERT INTO preferences VALUES ('u1', 115);");
    }
    auto db = open_ok(file, key, OpenMode::open_existing);
    REQUIRE(shogo::storage::migrate(db, vault_migrations()));
    CHECK(shogo::storage::schema_version(db).value() == 8);
    CHECK(int_ok(db, "SELECT text_size FROM preferences WHERE user_id = 'u1';") == 115);
    CHECK(int_ok(db, "SELECT count(*) FROM operators;") == 0);
    exec_ok(db, "INSERT INTO operators VALUES ('S1', '職員A', 'staff', '市民課', 'u1');");
    CHECK(error_of(db, "INSERT INTO operators VALUES ('S2', 'B', 'boss', '市民課', NULL);") ==
          "db.constraint");
    CHECK(error_of(db, "INSERT INTO operators VALUES ('S3', 'C', 'staff', '市民課', 'nobody');") ==
          "db.constraint");
    CHECK(db.integrity_check());
  }
  SECTION("from version 7, filled") {
    const auto file = dir.path() / "v7.db";
    {
      auto db = open_ok(file, key, OpenMode::create_new);
      REQUIRE(shogo::storage::migrate(db, vault_migrations().first(7)));
      exec_ok(db,
              "INSERT INTO users (id, display_name, role, disabled, created_at) VALUES "
              "('m1', '管理者A', 'manager', 0, 100), ('i1', '担当者B', 'investigator', 0, 100);");
      exec_ok(db,
              "INSERT INTO surveys (id, fiscal_year, title, survey_key, created_at) "
              "VALUES ('s1', 2026, 't', randomblob(32), 1);");
      exec_ok(db, "INSERT INTO operators VALUES ('S1', '職員A', 'staff', '市民課', NULL);");
    }
    auto db = open_ok(file, key, OpenMode::open_existing);
    REQUIRE(shogo::storage::migrate(db, vault_migrations()));
    CHECK(shogo::storage::schema_version(db).value() == 8);
    CHECK(int_ok(db, "SELECT count(*) FROM operators;") == 1);
    CHECK(int_ok(db, "SELECT count(*) FROM lendings;") == 0);
    const std::string lend =
        "INSERT INTO lendings (id, survey_id, system, investigator, lent_by, lent_at, due_at) ";
    exec_ok(db, lend + "VALUES (1, 's1', 'JUKI', 'i1', 'm1', 10, 20);");
    // One holder at a time: a second open lending of the same sheet is refused.
    CHECK(error_of(db, lend + "VALUES (2, 's1', 'JUKI', 'i1', 'm1', 10, 20);") == "db.constraint");
    CHECK(error_of(db, lend + "VALUES (2, 's1', 'JUKI', 'nobody', 'm1', 10, 20);") ==
          "db.constraint");
    exec_ok(db,
            "UPDATE lendings SET returned_at = 15, returned_by = 'm1', "
            "return_kind = 'returned' WHERE id = 1;");
    exec_ok(db, lend + "VALUES (2, 's1', 'JUKI', 'i1', 'm1', 16, 20);");
    CHECK(error_of(db, "UPDATE lendings SET returned_at = 17 WHERE id = 2;") == "db.constraint");
    exec_ok(db,
            "INSERT INTO decisions VALUES (1, 's1', 'JUKI', 7, 2, 'not_found', '', '', NULL, "
            "2, 'i1', 18);");
    // A correction is a new row: the group's history stays.
    exec_ok(db,
            "INSERT INTO decisions VALUES (2, 's1', 'JUKI', 7, 2, 'withdrawn', '', '', NULL, "
            "2, 'i1', 19);");
    CHECK(error_of(db,
                   "INSERT INTO decisions VALUES (3, 's1', 'JUKI', 8, 2, 'maybe', '', '', "
                   "NULL, 2, 'i1', 18);") == "db.constraint");
    CHECK(int_ok(db, "SELECT count(*) FROM decisions WHERE group_id = 7;") == 2);
    CHECK(db.integrity_check());
  }
}

TEST_CASE("a vault made by a newer Shogo is refused") {
  TempDir dir;
  auto db = open_ok(dir.path() / "vault.db", SecureBuffer::random(32), OpenMode::create_new);
  std::vector<Migration> future(vault_migrations().begin(), vault_migrations().end());
  future.push_back(Migration{9, "from the future", "CREATE TABLE future (x);"});
  REQUIRE(shogo::storage::migrate(db, future));
  auto s = shogo::storage::migrate(db, vault_migrations());
  REQUIRE_FALSE(s);
  CHECK(s.error().code == "db.schema_newer");
  CHECK(s.error().message == "This vault was made by a newer version of Shogo.");
}
