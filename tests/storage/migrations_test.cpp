// The migration runner: order, one transaction per step, refusal of a newer
// database, and a malformed list as a programmer error.
#include <catch2/catch.hpp>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "crypto/secure_buffer.hpp"
#include "storage/database.hpp"
#include "storage/migrations.hpp"
#include "tests/support/temp_dir.hpp"

namespace fs = std::filesystem;
using shogo::crypto::SecureBuffer;
using shogo::storage::Database;
using shogo::storage::Migration;
using shogo::storage::OpenMode;

namespace {

using shogo::test::TempDir;

Database new_db(const fs::path& file) {
  auto db = Database::open(file, SecureBuffer::random(Database::kKeySize), OpenMode::create_new);
  REQUIRE(db);
  return std::move(db).value();
}

std::int64_t int_ok(Database& db, std::string_view sql) {
  auto v = db.query_int(sql);
  INFO(sql << " -> " << (v ? std::string("ok") : v.error().code + " " + db.diagnostic()));
  REQUIRE(v);
  return v.value();
}

int version_of(Database& db) {
  auto v = shogo::storage::schema_version(db);
  REQUIRE(v);
  return v.value();
}

bool has_table(Database& db, const std::string& name) {
  return int_ok(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '" + name +
                        "';") == 1;
}

constexpr std::array kThree = {
    Migration{1, "a", "CREATE TABLE a (x INTEGER NOT NULL); INSERT INTO a VALUES (1);"},
    Migration{2, "b", "CREATE TABLE b (y TEXT); ALTER TABLE a ADD COLUMN z INTEGER DEFAULT 7;"},
    Migration{3, "c", "CREATE TABLE c (w BLOB);"},
};

}  // namespace

TEST_CASE("a migration list is well formed when numbered 1 to n in order") {
  using shogo::storage::migrations_well_formed;
  CHECK(migrations_well_formed(kThree));
  CHECK(migrations_well_formed({}));
  const std::array gap = {Migration{1, "a", ";"}, Migration{3, "c", ";"}};
  const std::array unsorted = {Migration{2, "b", ";"}, Migration{1, "a", ";"}};
  const std::array from_zero = {Migration{0, "z", ";"}, Migration{1, "a", ";"}};
  const std::array twice = {Migration{1, "a", ";"}, Migration{1, "a", ";"}};
  const std::array no_sql = {Migration{1, "a", nullptr}};
  CHECK_FALSE(migrations_well_formed(gap));
  CHECK_FALSE(migrations_well_formed(unsorted));
  CHECK_FALSE(migrations_well_formed(from_zero));
  CHECK_FALSE(migrations_well_formed(twice));
  CHECK_FALSE(migrations_well_formed(no_sql));
}

TEST_CASE("migrate applies every migration in order and records the version") {
  TempDir dir;
  auto db = new_db(dir.path() / "m.db");
  CHECK(version_of(db) == 0);
  REQUIRE(shogo::storage::migrate(db, kThree));
  CHECK(version_of(db) == 3);
  CHECK(has_table(db, "a"));
  CHECK(has_table(db, "b"));
  CHECK(has_table(db, "c"));
  CHECK(int_ok(db, "SELECT z FROM a;") == 7);  // 2 ran after 1
  CHECK(int_ok(db, "SELECT count(*) FROM schema_version;") == 1);
  // Running again changes nothing.
  REQUIRE(shogo::storage::migrate(db, kThree));
  CHECK(version_of(db) == 3);
  CHECK(int_ok(db, "SELECT count(*) FROM a;") == 1);
}

TEST_CASE("migrate continues from the version a database already has") {
  TempDir dir;
  const auto file = dir.path() / "m.db";
  const auto key = SecureBuffer::random(Database::kKeySize);
  {
    auto db = Database::open(file, key, OpenMode::create_new);
    REQUIRE(db);
    REQUIRE(shogo::storage::migrate(db.value(), std::span(kThree).first(1)));
    CHECK(version_of(db.value()) == 1);
    CHECK_FALSE(has_table(db.value(), "b"));
    REQUIRE(db->exec("INSERT INTO a (x) VALUES (2);"));
  }
  auto db = Database::open(file, key, OpenMode::open_existing);
  REQUIRE(db);
  REQUIRE(shogo::storage::migrate(db.value(), kThree));
  CHECK(version_of(db.value()) == 3);
  CHECK(int_ok(db.value(), "SELECT count(*) FROM a WHERE z = 7;") == 2);
}

TEST_CASE("a failing migration leaves the database at the last complete version") {
  TempDir dir;
  auto db = new_db(dir.path() / "f.db");
  const std::array broken = {
      kThree[0], kThree[1],
      Migration{3, "half", "CREATE TABLE c (w BLOB); INSERT INTO nowhere VALUES (1);"}};
  auto s = shogo::storage::migrate(db, broken);
  REQUIRE_FALSE(s);
  CHECK(s.error().code == "db.error");
  CHECK(version_of(db) == 2);
  CHECK(has_table(db, "b"));
  CHECK_FALSE(has_table(db, "c"));  // the half of migration 3 that ran was rolled back
  CHECK_FALSE(db.in_transaction());
  // The fixed list then applies cleanly.
  REQUIRE(shogo::storage::migrate(db, kThree));
  CHECK(version_of(db) == 3);
}

TEST_CASE("a database newer than the newest known migration is refused untouched") {
  TempDir dir;
  auto db = new_db(dir.path() / "n.db");
  REQUIRE(shogo::storage::migrate(db, kThree));
  auto s = shogo::storage::migrate(db, std::span(kThree).first(2));
  REQUIRE_FALSE(s);
  CHECK(s.error().code == "db.schema_newer");
  CHECK(s.error().message == "This vault was made by a newer version of Shogo.");
  CHECK(version_of(db) == 3);
  CHECK(has_table(db, "c"));
}

#ifndef NDEBUG
TEST_CASE("an unsorted migration list is a programmer error") {
  TempDir dir;
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    std::signal(SIGABRT, SIG_DFL);  // die as assert() does, not through Catch2's handler
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, STDERR_FILENO);  // the assert's sentence
    ::dup2(null, STDOUT_FILENO);
    auto db = Database::open(dir.path() / "a.db", SecureBuffer::random(Database::kKeySize),
                             OpenMode::create_new);
    if (!db) ::_exit(2);
    const std::array unsorted = {kThree[1], kThree[0]};
    (void)shogo::storage::migrate(db.value(), unsorted);
    ::_exit(0);
  }
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  CHECK(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGABRT);
}
#endif
