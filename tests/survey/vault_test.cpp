// The vault: the folder, keys and sign-in, close, audit events, the kiosk's
// settings and the vault's clock. The user register and the survey files have
// their own tests (user_register_test.cpp, survey_files_test.cpp); all run on
// real files (vault_fixture.hpp).
#include <catch2/catch.hpp>
#include <sys/stat.h>

#include <atomic>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <thread>

#include "kiosk/survey/audit_log.hpp"
#include "kiosk/survey/sitting.hpp"
#include "kiosk/survey/task_runner.hpp"
#include "kiosk/survey/vault.hpp"
#include "kiosk/survey/work_sitting.hpp"
#include "tests/survey/vault_fixture.hpp"

using namespace shogo;
using survey::Role;
using survey::Vault;
using test::kCheap;
using test::pass;
using Fixture = test::VaultFixture;

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
  CHECK(vault->users().all().size() == 3);
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

TEST_CASE("the paper recovery key opens the vault and resets a forgotten passphrase") {
  Fixture f;
  auto vault = f.open();
  REQUIRE(vault->unlock_with_recovery(f.recovery_text).ok());
  REQUIRE(vault->is_open());
  REQUIRE(vault->users()
              .change_passphrase("recovery", "管理 一郎", pass("reset by recovery"), kCheap)
              .ok());
  vault->close("recovery", "test");
  REQUIRE(f.open()->unlock("管理 一郎", pass("reset by recovery")).ok());
}

TEST_CASE("closing the vault wipes its key: nothing is readable until the next unlock") {
  Fixture f;
  auto vault = f.open();
  REQUIRE(vault->unlock("管理 一郎", pass("manager passphrase")).ok());
  vault->close("管理 一郎", "closed");
  CHECK_FALSE(vault->is_open());
  CHECK(vault->users().all().empty());
  CHECK(vault->surveys().ids().empty());
  auto s = vault->surveys().open("any");
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().code == "vault.locked");
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
      // The page of the chain's state: the log cannot record the unlock, so
      // it does not happen (fail_closed_test.cpp).
      CHECK((r.error().code.rfind("db.", 0) == 0 || r.error().code == "audit.unavailable"));
      CHECK_FALSE(vault->is_open());
    }
    CHECK(vault->seconds_until_next_try("管理 一郎") == 0);  // not counted as a wrong passphrase
  }
  test::write_bytes(f.dir / "vault.db", original);
  auto vault = f.open();
  REQUIRE(vault->unlock("管理 一郎", pass("manager passphrase")).ok());
  REQUIRE(vault->database().integrity_check().ok());
  CHECK(vault->users().all().size() == 3);
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
  sitting.request_sign_in("管理 一郎", pass("manager passphrase"));
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

TEST_CASE("every lock closes the vault (after a running task) and the sitting stays open") {
  Fixture f;
  auto vault = f.open();
  survey::TaskRunner tasks;
  survey::WorkSitting sitting(vault.get(), tasks);
  sitting.request_sign_in("管理 一郎", pass("manager passphrase"));
  tasks.wait();
  (void)sitting.begin_frame({1.0, 1795000000, false});
  REQUIRE(vault->is_open());
  // The user's lock: the keys leave at once.
  sitting.lock();
  CHECK_FALSE(vault->is_open());
  CHECK(sitting.sitting_open());
  sitting.request_sign_in("管理 一郎", pass("manager passphrase"));
  tasks.wait();
  (void)sitting.begin_frame({2.0, 1795000000, false});
  REQUIRE_FALSE(sitting.locked());
  CHECK(vault->is_open());  // unwrapped again
  // The idle lock while a task owns the vault: the keys leave when it has ended.
  std::atomic<bool> release{false};
  tasks.start<int>(
      "work",
      [&](survey::TaskControl&) {
        while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        return 0;
      },
      [](int) {});
  CHECK(sitting.begin_frame({2.0 + 301, 1795000000, false}));  // locked out
  CHECK(sitting.locked());
  CHECK(vault->is_open());  // the task still has it
  release = true;
  tasks.wait();
  (void)sitting.begin_frame({2.0 + 302, 1795000000, false});
  CHECK_FALSE(vault->is_open());
  CHECK(sitting.sitting_open());
  // The log has each lock's close, and the sign-in in between.
  REQUIRE(vault->unlock("管理 一郎", pass("manager passphrase")));
  auto events = survey::load_audit_events(vault->database());
  REQUIRE(events);
  std::size_t lock_closes = 0;
  for (const auto& e : *events) lock_closes += e.action == "close" && e.detail == "reason=lock";
  CHECK(lock_closes == 2);
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
  REQUIRE(vault->users().add("管理 一郎", {"新人 三郎", Role::investigator, &p}, kCheap).ok());
  REQUIRE(vault->users().disable("管理 一郎", "新人 三郎").ok());
  REQUIRE(vault->surveys().create("管理 一郎", "2026-1", 2026, "t").ok());
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
  REQUIRE(vault->surveys().create("管理 一郎", "2026-1", 2026, "t").ok());
  // Someone with the vault key rewrites history: the survey was "never" made.
  REQUIRE(vault->database().exec("UPDATE audit_events SET action = 'sign_in' WHERE seq = 4").ok());
  auto events = survey::load_audit_events(vault->database());
  REQUIRE(events.ok());
  const auto without_seed = crypto::audit::verify(*events, nullptr, {});
  CHECK_FALSE(without_seed.ok);
  CHECK(without_seed.first_bad_seq == 4);
  CHECK(without_seed.problem == crypto::audit::Problem::edited);
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

TEST_CASE("every time Vault::create writes comes from its clock") {
  test::TempDir tmp;
  const std::int64_t made_at = 1790000000;  // neither the fixture's clock nor today
  const auto m = pass("manager passphrase");
  const auto i = pass("investigator passphrase");
  REQUIRE(Vault::create(tmp / "vault",
                        {{"管理 一郎", Role::manager, &m}, {"調査 次郎", Role::investigator, &i}},
                        kCheap, /*demo=*/false, [&] { return made_at; })
              .ok());
  auto vault = Vault::open(tmp / "vault", [] { return std::int64_t{1795000000}; });
  REQUIRE(vault.ok());
  REQUIRE((*vault)->unlock("管理 一郎", m).ok());
  storage::Database& db = (*vault)->database();
  CHECK(*db.query_int("SELECT count(*) FROM users") == 2);
  CHECK(*db.query_int("SELECT min(created_at) FROM users") == made_at);
  CHECK(*db.query_int("SELECT max(created_at) FROM users") == made_at);
  auto events = survey::load_audit_events(db);
  REQUIRE(events.ok());
  REQUIRE_FALSE(events->empty());
  CHECK(events->front().action == "vault_create");
  CHECK(events->front().at_utc_ms / 1000 == made_at);  // the milliseconds come from the system
}
