// The vault: real keyslots, real SQLCipher files, real Argon2id (at a small
// cost so the suite stays fast; the appliance's own cost is calibrated).
#include <catch2/catch.hpp>
#include <sys/stat.h>

#include <cstring>
#include <filesystem>

#include "kiosk/survey/audit_log.hpp"
#include "kiosk/survey/sheet_store.hpp"
#include "kiosk/survey/sitting.hpp"
#include "kiosk/survey/task_runner.hpp"
#include "kiosk/survey/vault.hpp"
#include "kiosk/survey/work_sitting.hpp"
#include "tests/support/secrets.hpp"
#include "tests/support/temp_dir.hpp"

using namespace shogo;
using survey::Role;
using survey::Vault;

namespace {

constexpr crypto::KdfCost kCheap{1, 8 * 1024};

crypto::SecureBuffer pass(std::string_view text) { return test::secure(text); }

struct Fixture {
  test::TempDir tmp;
  std::filesystem::path dir = tmp / "vault";
  std::int64_t now = 1795000000;
  crypto::SecureBuffer recovery_text;
  crypto::SecureBuffer audit_seed_hex;

  Fixture() {
    const auto m = pass("manager passphrase");
    const auto s = pass("supervisor passphrase");
    const auto i = pass("investigator passphrase");
    auto created = Vault::create(dir,
                                 {{"管理 一郎", Role::manager, &m},
                                  {"総括 花子", Role::supervisor, &s},
                                  {"調査 次郎", Role::investigator, &i}},
                                 kCheap, /*demo=*/false);
    REQUIRE(created.ok());
    recovery_text = std::move(created->recovery_key_text);
    audit_seed_hex = std::move(created->audit_seed_hex);
  }
  std::unique_ptr<Vault> open() {
    auto v = Vault::open(dir, [this] { return now; });
    REQUIRE(v.ok());
    return std::move(v.value());
  }
};

}  // namespace

TEST_CASE("a new vault lists who may sign in and opens with a manager's passphrase") {
  Fixture f;
  auto vault = f.open();
  CHECK_FALSE(vault->is_open());
  CHECK(vault->sign_in_names() == std::vector<std::string>{"管理 一郎", "総括 花子", "調査 次郎"});
  auto r = vault->unlock("管理 一郎", pass("manager passphrase"));
  REQUIRE(r.ok());
  CHECK(r->opened_vault);
  CHECK(r->user.role == Role::manager);
  CHECK(vault->is_open());
  CHECK(vault->users().size() == 3);
  CHECK(vault->idle_lock_seconds() == 300);
  CHECK(vault->end_of_day() == "18:00");
}

TEST_CASE("the vault folder and its files are private") {
  Fixture f;
  struct stat st {};
  REQUIRE(stat(f.dir.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0700);
  for (const char* name : {"keyslots", "vault.db"}) {
    REQUIRE(stat((f.dir / name).c_str(), &st) == 0);
    CHECK((st.st_mode & 077) == 0);
  }
  REQUIRE(stat((f.dir / "surveys").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0700);
}

TEST_CASE("a vault folder others can read is refused with a plain reason") {
  Fixture f;
  REQUIRE(chmod(f.dir.c_str(), 0755) == 0);
  auto v = Vault::open(f.dir);
  REQUIRE_FALSE(v.ok());
  CHECK(v.error().code == "vault.permissions");
  REQUIRE(chmod(f.dir.c_str(), 0700) == 0);
  CHECK(Vault::open(f.dir).ok());
}

TEST_CASE("making a vault where one exists changes nothing") {
  Fixture f;
  const auto before = test::read_bytes(f.dir / "keyslots");
  const auto m = pass("another manager pass");
  auto again = Vault::create(f.dir, {{"別人", Role::manager, &m}}, kCheap, false);
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().code == "vault.exists");
  CHECK(test::read_bytes(f.dir / "keyslots") == before);
}

TEST_CASE("a wrong passphrase is refused and counted - the delay survives a restart") {
  Fixture f;
  {
    auto vault = f.open();
    for (int i = 0; i < 4; ++i) {
      auto r = vault->unlock("調査 次郎", pass("wrong guess"));
      REQUIRE_FALSE(r.ok());
      CHECK(r.error().code == "keyslots.wrong_passphrase");
    }
    CHECK_FALSE(vault->is_open());
  }
  // A new process: the failures are read back from keyslots.
  auto vault = f.open();
  const double wait = vault->seconds_until_next_try("調査 次郎");
  CHECK(wait > 0);
  auto refused = vault->unlock("調査 次郎", pass("investigator passphrase"));
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == "vault.wait");             // even the right passphrase waits
  CHECK(vault->seconds_until_next_try("管理 一郎") == 0);  // per user
  f.now += static_cast<std::int64_t>(wait) + 1;
  REQUIRE(vault->unlock("管理 一郎", pass("manager passphrase")).ok());
  REQUIRE(vault->unlock("調査 次郎", pass("investigator passphrase")).ok());
  CHECK(vault->seconds_until_next_try("調査 次郎") == 0);  // success forgets failures
}

TEST_CASE("while open, another user's passphrase is checked against the same key") {
  Fixture f;
  auto vault = f.open();
  REQUIRE(vault->unlock("管理 一郎", pass("manager passphrase")).ok());
  auto r = vault->unlock("調査 次郎", pass("investigator passphrase"));
  REQUIRE(r.ok());
  CHECK_FALSE(r->opened_vault);
  CHECK(r->user.role == Role::investigator);
  CHECK_FALSE(vault->unlock("調査 次郎", pass("manager passphrase")).ok());
}

TEST_CASE("a disabled user's slot is removed - the last manager cannot be disabled") {
  Fixture f;
  auto vault = f.open();
  REQUIRE(vault->unlock("管理 一郎", pass("manager passphrase")).ok());
  auto last = vault->disable_user("管理 一郎", "管理 一郎");
  REQUIRE_FALSE(last.ok());
  CHECK(last.error().code == "vault.last_manager");
  REQUIRE(vault->disable_user("管理 一郎", "調査 次郎").ok());
  CHECK(vault->find_user("調査 次郎")->disabled);
  vault->close("管理 一郎", "test");
  auto reopened = f.open();
  const auto names = reopened->sign_in_names();
  CHECK(std::find(names.begin(), names.end(), "調査 次郎") == names.end());
  auto r = reopened->unlock("調査 次郎", pass("investigator passphrase"));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == "keyslots.unknown_user");
}

TEST_CASE("adding a user needs an open vault - the new user signs in") {
  Fixture f;
  auto vault = f.open();
  const auto p = pass("new investigator pass");
  auto locked = vault->add_user("管理 一郎", {"新人 三郎", Role::investigator, &p}, kCheap);
  REQUIRE_FALSE(locked.ok());
  CHECK(locked.error().code == "vault.locked");
  REQUIRE(vault->unlock("管理 一郎", pass("manager passphrase")).ok());
  REQUIRE(vault->add_user("管理 一郎", {"新人 三郎", Role::investigator, &p}, kCheap).ok());
  auto dup = vault->add_user("管理 一郎", {"新人 三郎", Role::investigator, &p}, kCheap);
  CHECK(dup.error().code == "vault.user_exists");
  vault->close("管理 一郎", "test");
  auto r = f.open()->unlock("新人 三郎", pass("new investigator pass"));
  REQUIRE(r.ok());
  CHECK(r->user.role == Role::investigator);
}

TEST_CASE("changing a passphrase rewraps one slot") {
  Fixture f;
  auto vault = f.open();
  REQUIRE(vault->unlock("調査 次郎", pass("investigator passphrase")).ok());
  REQUIRE(vault->change_passphrase("調査 次郎", "調査 次郎", pass("a brand new one"), kCheap).ok());
  vault->close("調査 次郎", "test");
  auto again = f.open();
  CHECK_FALSE(again->unlock("調査 次郎", pass("investigator passphrase")).ok());
  REQUIRE(again->unlock("調査 次郎", pass("a brand new one")).ok());
  REQUIRE(again->unlock("管理 一郎", pass("manager passphrase")).ok());  // others unaffected
}

TEST_CASE("the paper recovery key opens the vault and resets a forgotten passphrase") {
  Fixture f;
  auto vault = f.open();
  REQUIRE(vault->unlock_with_recovery(f.recovery_text).ok());
  REQUIRE(vault->is_open());
  REQUIRE(
      vault->change_passphrase("recovery", "管理 一郎", pass("reset by recovery"), kCheap).ok());
  vault->close("recovery", "test");
  REQUIRE(f.open()->unlock("管理 一郎", pass("reset by recovery")).ok());
}

TEST_CASE("closing the vault wipes its key: nothing is readable until the next unlock") {
  Fixture f;
  auto vault = f.open();
  REQUIRE(vault->unlock("管理 一郎", pass("manager passphrase")).ok());
  vault->close("管理 一郎", "closed");
  CHECK_FALSE(vault->is_open());
  CHECK(vault->users().empty());
  CHECK(vault->survey_ids().empty());
  auto s = vault->open_survey("any");
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().code == "vault.locked");
}

TEST_CASE("a survey has its own file and key - a missing file is a clear error") {
  Fixture f;
  auto vault = f.open();
  REQUIRE(vault->unlock("管理 一郎", pass("manager passphrase")).ok());
  {
    auto db = vault->create_survey("管理 一郎", "2026-1", 2026, "令和8年度 第1回");
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
  CHECK(vault->survey_ids() == std::vector<std::string>{"2026-1"});
  {
    auto db = vault->open_survey("2026-1");
    REQUIRE(db.ok());
    auto rows = survey::load_access_rows(*db);
    REQUIRE(rows.ok());
    REQUIRE(rows->size() == 1);
    CHECK(rows->front().resident_name == "\U00020BB7田 太郎");
  }
  std::filesystem::remove(f.dir / "surveys" / "2026-1.db");
  auto missing = vault->open_survey("2026-1");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == "survey.file_missing");
  CHECK(vault->survey_ids().size() == 1);  // the vault's own records are kept
  CHECK(vault->create_survey("管理 一郎", "../escape", 2026, "x").error().code == "survey.bad_id");
}

TEST_CASE("a flipped byte in any page of vault.db is caught and loses nothing once restored") {
  Fixture f;
  const auto original = test::read_bytes(f.dir / "vault.db");
  constexpr std::size_t kPage = 4096;
  REQUIRE(original.size() % kPage == 0);
  for (std::size_t page = 0; page < original.size() / kPage; ++page) {
    INFO("page " << page + 1);
    auto damaged = original;
    damaged[page * kPage + kPage / 2] ^= 0x40;
    test::write_bytes(f.dir / "vault.db", damaged);
    auto vault = f.open();
    auto r = vault->unlock("管理 一郎", pass("manager passphrase"));
    if (r.ok()) {
      // A page the sign-in did not read: SQLCipher's page HMAC catches it on
      // the integrity check (shogo-admin doctor), with a plain message.
      auto check = vault->database().integrity_check();
      REQUIRE_FALSE(check.ok());
      CHECK(check.error().code == "db.corrupt");
    } else {
      CHECK(r.error().code.rfind("db.", 0) == 0);
      CHECK_FALSE(vault->is_open());
    }
    CHECK(vault->seconds_until_next_try("管理 一郎") == 0);  // not counted as a wrong passphrase
  }
  test::write_bytes(f.dir / "vault.db", original);
  auto vault = f.open();
  REQUIRE(vault->unlock("管理 一郎", pass("manager passphrase")).ok());
  REQUIRE(vault->database().integrity_check().ok());
  CHECK(vault->users().size() == 3);
}

TEST_CASE("sign-in events reach the hook and vault.db, failures included") {
  Fixture f;
  auto vault = f.open();
  std::vector<survey::VaultEvent> seen;
  vault->set_event_hook([&](const survey::VaultEvent& e) { seen.push_back(e); });
  REQUIRE_FALSE(vault->unlock("管理 一郎", pass("nope nope")).ok());
  REQUIRE(vault->unlock("管理 一郎", pass("manager passphrase")).ok());
  REQUIRE(seen.size() == 3);
  CHECK(seen[0].action == "sign_in");
  CHECK(seen[0].outcome == "keyslots.wrong_passphrase");
  CHECK(seen[1].action == "unlock");
  CHECK(seen[2].outcome == "ok");
  auto count = vault->database().query_int("SELECT count(*) FROM audit_events");
  REQUIRE(count.ok());
  CHECK(*count == 4);         // vault_create, then the failure seen while locked, written on unlock
  vault->set_event_hook({});  // `seen` goes before the vault
}

TEST_CASE("demo keys are printed for a demo vault only") {
  Fixture f;
  auto vault = f.open();
  REQUIRE(vault->unlock("管理 一郎", pass("manager passphrase")).ok());
  auto key = vault->demo_vault_key_hex();
  REQUIRE_FALSE(key.ok());
  CHECK(key.error().code == "vault.not_demo");
}

TEST_CASE("the work sitting checks a passphrase on the task runner and opens the sitting") {
  Fixture f;
  auto vault = f.open();
  survey::TaskRunner tasks;
  survey::WorkSitting sitting(vault.get(), tasks);
  sitting.request_sign_in("管理 一郎", pass("manager passphrase"), 0);
  CHECK(sitting.checking());
  CHECK(tasks.busy());
  tasks.wait();
  CHECK(sitting.locked());  // the result is taken at the start of the next frame
  CHECK_FALSE(sitting.begin_frame({1.0, 1795000000, false}));
  CHECK_FALSE(sitting.checking());
  REQUIRE_FALSE(sitting.locked());
  CHECK(sitting.current_user()->role == Role::manager);
  CHECK(sitting.sitting_open());
  CHECK(sitting.idle_limit() == 300.0);  // the vault's setting
}

TEST_CASE("the vault's settings: a manager changes them, audited, and bad values are refused") {
  Fixture f;
  std::vector<survey::VaultEvent> events;  // outlives the vault, whose close is an event too
  auto vault = f.open();
  vault->set_event_hook([&](const survey::VaultEvent& e) { events.push_back(e); });
  REQUIRE(vault->unlock("管理 一郎", pass("manager passphrase")).ok());
  CHECK(vault->change_settings("管理 一郎", 600, "17:30").ok());
  CHECK(vault->idle_lock_seconds() == 600);
  CHECK(vault->end_of_day() == "17:30");
  REQUIRE_FALSE(events.empty());
  CHECK(events.back().action == "setting_change");
  CHECK(events.back().object == "end_of_day=17:30;idle_lock_seconds=600");
  CHECK(vault->change_settings("管理 一郎", 30, "17:30").error().code == "settings.bad_value");
  CHECK(vault->change_settings("管理 一郎", 600, "25:00").error().code == "settings.bad_value");
  CHECK(vault->change_settings("管理 一郎", 600, "7:30").error().code == "settings.bad_value");
  // Kept in vault.db: read again after closing.
  vault->close("管理 一郎", "test");
  REQUIRE(vault->unlock("管理 一郎", pass("manager passphrase")).ok());
  CHECK(vault->idle_lock_seconds() == 600);
  CHECK(vault->end_of_day() == "17:30");
}

TEST_CASE("P6.4.c the sitting ends at the next end of day") {
  std::tm tm{};
  tm.tm_year = 2026 - 1900;
  tm.tm_mon = 10;
  tm.tm_mday = 28;
  tm.tm_hour = 9;
  tm.tm_isdst = -1;
  const std::time_t morning = std::mktime(&tm);
  const std::time_t end = survey::next_end_of_day(morning, "18:00");
  CHECK(end - morning == 9 * 3600);
  CHECK(survey::next_end_of_day(end, "18:00") - end == 24 * 3600);  // strictly later
  CHECK(survey::next_end_of_day(morning, "bad") == end);
}

TEST_CASE("every vault change is an audit event that verifies with the paper seed") {
  Fixture f;
  auto vault = f.open();
  REQUIRE_FALSE(vault->unlock("管理 一郎", pass("wrong one")).ok());
  REQUIRE(vault->unlock("管理 一郎", pass("manager passphrase")).ok());
  const auto p = pass("new investigator pass");
  REQUIRE(vault->add_user("管理 一郎", {"新人 三郎", Role::investigator, &p}, kCheap).ok());
  REQUIRE(vault->disable_user("管理 一郎", "新人 三郎").ok());
  REQUIRE(vault->create_survey("管理 一郎", "2026-1", 2026, "t").ok());
  auto events = survey::load_audit_events(vault->database());
  REQUIRE(events.ok());
  std::vector<std::string> actions;
  for (const auto& e : *events) actions.push_back(e.action);
  CHECK(actions == std::vector<std::string>{"vault_create", "sign_in", "unlock", "sign_in",
                                            "user_add", "user_disable", "survey_create"});
  CHECK((*events)[1].outcome == "keyslots.wrong_passphrase");
  CHECK((*events)[4].objects.rfind("role=investigator;user=%E6%96%B0", 0) == 0);
  const auto seed = test::bytes_from_hex(f.audit_seed_hex, crypto::audit::kSeedBytes);
  const auto report = crypto::audit::verify(*events, &seed, {});
  INFO(report.message);
  CHECK(report.ok);
  CHECK(report.macs_checked);
  CHECK(report.events_checked == events->size());
}

TEST_CASE("an audit event edited inside vault.db is named by its sequence number") {
  Fixture f;
  auto vault = f.open();
  REQUIRE(vault->unlock("管理 一郎", pass("manager passphrase")).ok());
  REQUIRE(vault->create_survey("管理 一郎", "2026-1", 2026, "t").ok());
  // Someone with the vault key rewrites history: the survey was "never" made.
  REQUIRE(vault->database().exec("UPDATE audit_events SET action = 'sign_in' WHERE seq = 4").ok());
  auto events = survey::load_audit_events(vault->database());
  REQUIRE(events.ok());
  const auto without_seed = crypto::audit::verify(*events, nullptr, {});
  CHECK_FALSE(without_seed.ok);
  CHECK(without_seed.first_bad_seq == 4);
  CHECK(without_seed.problem == crypto::audit::Problem::edited);
}

TEST_CASE("a change whose audit event cannot be written is not made") {
  Fixture f;
  auto vault = f.open();
  REQUIRE(vault->unlock("管理 一郎", pass("manager passphrase")).ok());
  // Break the chain's state: appending fails, so the survey must not exist.
  REQUIRE(vault->database().exec("UPDATE audit_state SET head = zeroblob(31)").ok() == false);
  REQUIRE(vault->database().exec("DROP TABLE audit_state").ok());
  auto made = vault->create_survey("管理 一郎", "2026-1", 2026, "t");
  REQUIRE_FALSE(made.ok());
  CHECK(vault->survey_ids().empty());
  CHECK_FALSE(std::filesystem::exists(f.dir / "surveys" / "2026-1.db"));
}

TEST_CASE("closing the vault is itself an audit event, with its reason") {
  Fixture f;
  {
    auto vault = f.open();
    REQUIRE(vault->unlock("管理 一郎", pass("manager passphrase")).ok());
    vault->close("管理 一郎", "end of day");
  }
  auto vault = f.open();
  REQUIRE(vault->unlock("管理 一郎", pass("manager passphrase")).ok());
  auto events = survey::load_audit_events(vault->database());
  REQUIRE(events.ok());
  REQUIRE(events->size() >= 4);
  const auto& closed = (*events)[3];
  CHECK(closed.action == "close");
  CHECK(closed.detail == "reason=end of day");
  CHECK(closed.role == "manager");
}

TEST_CASE("an unlock can hold its events pending until they are appended or the vault closes") {
  Fixture f;
  auto vault = f.open();
  std::vector<survey::VaultEvent> seen;
  vault->set_event_hook([&](const survey::VaultEvent& e) { seen.push_back(e); });
  CHECK(vault->append_pending_events().error().code == "vault.locked");
  REQUIRE_FALSE(vault->unlock("管理 一郎", pass("nope nope")).ok());
  REQUIRE(vault->unlock("管理 一郎", pass("manager passphrase"), Vault::UnlockEvents::hold).ok());
  CHECK(seen.size() == 3);  // the hook sees them at once
  auto count = [&] { return vault->database().query_int("SELECT count(*) FROM audit_events"); };
  CHECK(*count() == 1);  // vault.db as it was: vault_create only
  SECTION("appended on request, then events are written at once again") {
    REQUIRE(vault->append_pending_events().ok());
    CHECK(*count() == 4);
    REQUIRE(vault->append_pending_events().ok());  // nothing left to do
    REQUIRE(vault->record("管理 一郎", survey::AuditAction::audit_verify, "").ok());
    CHECK(*count() == 5);
  }
  SECTION("appended with the next event") {
    REQUIRE(vault->record("管理 一郎", survey::AuditAction::audit_verify, "").ok());
    CHECK(*count() == 5);
  }
  SECTION("appended with the close") {
    vault->close("管理 一郎", "closed");
    REQUIRE(vault->unlock("管理 一郎", pass("manager passphrase")).ok());
    CHECK(*count() == 7);
  }
  auto events = survey::load_audit_events(vault->database());
  REQUIRE(events.ok());
  CHECK((*events)[1].outcome == "keyslots.wrong_passphrase");
  CHECK((*events)[2].action == "unlock");
  CHECK((*events)[3].action == "sign_in");
  CHECK((*events)[4].action == (events->size() == 5 ? "audit_verify" : "close"));
  const auto seed = test::bytes_from_hex(f.audit_seed_hex, crypto::audit::kSeedBytes);
  CHECK(crypto::audit::verify(*events, &seed, {}).ok);
  vault->set_event_hook({});
}
