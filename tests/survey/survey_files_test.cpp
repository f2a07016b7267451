// The survey files: each survey's own SQLCipher file under its own key, kept
// in vault.db; made through Vault::change() (kiosk/survey/survey_files.hpp).
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "kiosk/survey/sheet_store.hpp"
#include "kiosk/survey/survey_files.hpp"
#include "kiosk/survey/vault.hpp"
#include "tests/survey/vault_fixture.hpp"

using namespace shogo;
using test::pass;
using Fixture = test::VaultFixture;

TEST_CASE("a survey has its own file and key - a missing file is a clear error") {
  Fixture f;
  auto vault = f.open();
  REQUIRE(vault->unlock("管理 一郎", pass("manager passphrase")).ok());
  {
    auto db = vault->surveys().create("管理 一郎", "2026-1", 2026, "令和8年度 第1回");
    REQUIRE(db.ok());
    REQUIRE(survey::prepare_survey_file(*db).ok());
    survey::AccessLogRow row;
    row.system = survey::System::juki;
    row.date = {2026, 11, 18};
    row.time = {9, 12, 3};
    row.terminal_id = "JK-S01-01";
    row.operator_id = "K10234";
    row.resident_name = "\U00020BB7田 太郎";
    row.resident_kana = "ヨシダ タロウ";
    row.resident_birth = {1950, 4, 1};
    REQUIRE(survey::store_access_rows(*db, {row}).ok());
  }
  CHECK(vault->surveys().ids() == std::vector<std::string>{"2026-1"});
  {
    auto db = vault->surveys().open("2026-1");
    REQUIRE(db.ok());
    auto rows = survey::load_access_rows(*db);
    REQUIRE(rows.ok());
    REQUIRE(rows->size() == 1);
    CHECK(rows->front().resident_name == "\U00020BB7田 太郎");
  }
  std::filesystem::remove(f.dir / "surveys" / "2026-1.db");
  auto missing = vault->surveys().open("2026-1");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == "survey.file_missing");
  CHECK(vault->surveys().ids().size() == 1);  // the vault's own records are kept
  CHECK(vault->surveys().create("管理 一郎", "../escape", 2026, "x").error().code ==
        "survey.bad_id");
}

TEST_CASE("a change whose audit event cannot be written is not made") {
  Fixture f;
  auto vault = f.open();
  REQUIRE(vault->unlock("管理 一郎", pass("manager passphrase")).ok());
  // Break the chain's state: appending fails, so the survey must not exist.
  REQUIRE(vault->database().exec("UPDATE audit_state SET head = zeroblob(31)").ok() == false);
  REQUIRE(vault->database().exec("DROP TABLE audit_state").ok());
  auto made = vault->surveys().create("管理 一郎", "2026-1", 2026, "t");
  REQUIRE_FALSE(made.ok());
  CHECK(vault->surveys().ids().empty());
  CHECK_FALSE(std::filesystem::exists(f.dir / "surveys" / "2026-1.db"));
}

TEST_CASE("P6.1 a survey id already taken is refused and its file is kept") {
  Fixture f;
  auto vault = f.open();
  REQUIRE(vault->unlock("管理 一郎", pass("manager passphrase")).ok());
  REQUIRE(vault->surveys().create("管理 一郎", "2026-1", 2026, "t").ok());
  auto again = vault->surveys().create("管理 一郎", "2026-1", 2026, "t");
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().code == "survey.exists");
  CHECK(vault->surveys().ids() == std::vector<std::string>{"2026-1"});
  auto events = vault->database().query_int(
      "SELECT count(*) FROM audit_events WHERE action = 'survey_create'");
  REQUIRE(events.ok());
  CHECK(*events == 1);
  CHECK(vault->surveys().open("2026-1").ok());  // the first survey's file is untouched
}

TEST_CASE("P6.1 only a manager creates a survey - nothing is made for anyone else") {
  Fixture f;
  auto vault = f.open();
  REQUIRE(vault->unlock("総括 花子", pass("supervisor passphrase")).ok());
  auto made = vault->surveys().create("総括 花子", "2026-1", 2026, "t");
  REQUIRE_FALSE(made.ok());
  CHECK(made.error().code == "survey.not_manager");
  CHECK(vault->surveys().ids().empty());
  CHECK_FALSE(std::filesystem::exists(f.dir / "surveys" / "2026-1.db"));
}

TEST_CASE("a survey's key is printed for a demo vault only") {
  Fixture f;
  auto vault = f.open();
  REQUIRE(vault->unlock("管理 一郎", pass("manager passphrase")).ok());
  REQUIRE(vault->surveys().create("管理 一郎", "2026-1", 2026, "t").ok());
  auto key = vault->surveys().demo_key_hex("2026-1");
  REQUIRE_FALSE(key.ok());
  CHECK(key.error().code == "vault.not_demo");
}
