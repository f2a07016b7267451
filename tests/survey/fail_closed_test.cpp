// Fail closed: an action whose audit event cannot be committed does not
// happen, and leaves no event behind to be written later as if it had
// (docs/audit-log.md, "When the log cannot record"). The faults are real: a
// flipped byte in the page of vault.db that holds audit_state (SQLCipher's
// page HMAC then refuses the page), and a trigger that aborts every insert
// into audit_events.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "kiosk/survey/audit_log.hpp"
#include "kiosk/survey/survey_register.hpp"
#include "kiosk/survey/vault.hpp"
#include "tests/support/audit_faults.hpp"
#include "tests/survey/vault_fixture.hpp"

using namespace shogo;
using test::pass;
using Fixture = test::VaultFixture;

namespace {

const std::string kManager = "管理 一郎";

void break_audit_appends(survey::Vault& vault) { test::break_audit_appends(vault.database()); }
void mend_audit_appends(survey::Vault& vault) { test::mend_audit_appends(vault.database()); }

std::size_t count_events(survey::Vault& vault, const std::string& action,
                         const std::string& outcome) {
  auto events = survey::load_audit_events(vault.database());
  REQUIRE(events.ok());
  std::size_t n = 0;
  for (const auto& e : *events) n += e.action == action && e.outcome == outcome ? 1 : 0;
  return n;
}

}  // namespace

TEST_CASE("an unlock whose audit event cannot be committed does not open the vault",
          "[fail-closed]") {
  Fixture f;
  std::int64_t page = 0;
  {
    auto vault = f.open();
    REQUIRE(vault->unlock(kManager, pass("manager passphrase")).ok());
    auto root = vault->database().query_int(
        "SELECT rootpage FROM sqlite_master WHERE name = 'audit_state'");
    REQUIRE(root.ok());
    page = *root;
    vault->close(kManager, "test");
  }
  const auto original = test::read_bytes(f.dir / "vault.db");
  constexpr std::size_t kPage = 4096;
  auto damaged = original;
  damaged[static_cast<std::size_t>(page - 1) * kPage + kPage / 2] ^= 0x40;  // no key needed
  test::write_bytes(f.dir / "vault.db", damaged);
  {
    auto vault = f.open();
    auto r = vault->unlock(kManager, pass("manager passphrase"));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "audit.unavailable");
    CHECK(std::string(r.error().message).find("system division") != std::string::npos);
    CHECK_FALSE(vault->is_open());
    auto again = vault->unlock(kManager, pass("manager passphrase"));  // nor the second time
    CHECK_FALSE(again.ok());
    CHECK_FALSE(vault->is_open());
  }
  test::write_bytes(f.dir / "vault.db", original);  // the byte put back
  auto vault = f.open();
  REQUIRE(vault->unlock(kManager, pass("manager passphrase")).ok());
  // Two unlocks and sign-ins of the set-up, one now: none of the refused ones
  // is in the chain as done.
  CHECK(count_events(*vault, "unlock", "ok") == 2);
  CHECK(count_events(*vault, "sign_in", "ok") == 2);
  auto events = survey::load_audit_events(vault->database());
  REQUIRE(events.ok());
  const auto seed = test::bytes_from_hex(f.audit_seed_hex, crypto::audit::kSeedBytes);
  CHECK(crypto::audit::verify(*events, &seed, {}).ok);
}

TEST_CASE(
    "a change whose audit event cannot be committed is rolled back, and its event "
    "is not written later",
    "[fail-closed]") {
  Fixture f;
  auto vault = f.open();
  REQUIRE(vault->unlock(kManager, pass("manager passphrase")).ok());
  break_audit_appends(*vault);
  auto changed = vault->change_settings(kManager, 600, "17:00");
  REQUIRE_FALSE(changed.ok());
  CHECK(changed.error().code == "audit.unavailable");
  CHECK(vault->idle_lock_seconds() != 600);
  auto stored = vault->database().query_int(
      "SELECT count(*) FROM settings WHERE key = 'end_of_day' AND value = '17:00'");
  REQUIRE(stored.ok());
  CHECK(*stored == 0);
  // A view that cannot be recorded is refused, and not recorded later either.
  auto viewed = vault->record(kManager, survey::AuditAction::view_personal_data, "screen=test");
  CHECK_FALSE(viewed.ok());
  mend_audit_appends(*vault);
  REQUIRE(vault->record(kManager, survey::AuditAction::audit_view, "").ok());
  CHECK(count_events(*vault, "setting_change", "ok") == 0);
  CHECK(count_events(*vault, "view_personal_data", "ok") == 0);
  CHECK(count_events(*vault, "audit_view", "ok") == 1);
}

TEST_CASE("events that waited are not lost when a change that would carry them fails",
          "[fail-closed]") {
  Fixture f;
  auto vault = f.open();
  REQUIRE_FALSE(vault->unlock(kManager, pass("wrong")).ok());  // waits: the vault is locked
  REQUIRE(vault->unlock(kManager, pass("manager passphrase"),
                        survey::Vault::UnlockEvents::hold)
              .ok());  // unlock and sign_in wait too
  break_audit_appends(*vault);
  CHECK_FALSE(vault->change_settings(kManager, 600, "17:00").ok());
  mend_audit_appends(*vault);
  REQUIRE(vault->append_pending_events().ok());
  CHECK(count_events(*vault, "sign_in", "keyslots.wrong_passphrase") == 1);
  CHECK(count_events(*vault, "unlock", "ok") == 1);
  CHECK(count_events(*vault, "setting_change", "ok") == 0);
}

TEST_CASE("only the manager adds sites and terminals (they feed the designation's checks)",
          "[roles]") {
  Fixture f;
  auto vault = f.open();
  REQUIRE(vault->unlock("調査 次郎", pass("investigator passphrase")).ok());
  REQUIRE(vault->unlock("総括 花子", pass("supervisor passphrase")).ok());
  const survey::Site site{"S09", "拠点九", {8, 30, 0}, {17, 15, 0}};
  for (const char* who : {"調査 次郎", "総括 花子"}) {
    INFO(who);
    auto s = survey::add_site(*vault, who, site);
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().code == "config.not_manager");
    auto t = survey::add_terminal(*vault, who, {"T-9", "S01", survey::System::juki});
    REQUIRE_FALSE(t.ok());
    CHECK(t.error().code == "config.not_manager");
  }
  REQUIRE(vault->unlock(kManager, pass("manager passphrase")).ok());
  CHECK(survey::add_site(*vault, kManager, site).ok());
  CHECK(survey::add_terminal(*vault, kManager, {"T-9", "S09", survey::System::juki}).ok());
}

TEST_CASE("wrong passphrases in parallel are counted as if one after another", "[rate-limit]") {
  Fixture f;
  constexpr int kTries = 12;
  std::vector<std::string> outcomes(kTries);
  {
    std::vector<std::unique_ptr<survey::Vault>> vaults;
    for (int i = 0; i < kTries; ++i) vaults.push_back(f.open());  // as 12 processes would
    std::atomic<int> ready{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < kTries; ++i) {
      threads.emplace_back([&, i] {
        ++ready;
        while (ready < kTries) std::this_thread::yield();  // all at once
        auto r = vaults[static_cast<std::size_t>(i)]->unlock(kManager, pass("a wrong guess"));
        outcomes[static_cast<std::size_t>(i)] = r.ok() ? "ok" : r.error().code;
      });
    }
    for (auto& t : threads) t.join();
  }
  // As sequential tries with the clock standing still: three free tries and a
  // fourth are checked, then the wait refuses the rest unchecked.
  const auto checked = std::count(outcomes.begin(), outcomes.end(), "keyslots.wrong_passphrase");
  const auto waited = std::count(outcomes.begin(), outcomes.end(), "vault.wait");
  CHECK(checked == 4);
  CHECK(waited == kTries - 4);
  auto slots = crypto::KeyslotFile::load(f.dir / "keyslots");
  REQUIRE(slots.ok());
  CHECK(slots->attempts(kManager).failures == 4);
}

TEST_CASE("wrong passphrases of a process that never unlocks reach the log at the next unlock",
          "[fail-closed][locked]") {
  Fixture f;
  {  // shogo-admin, or a kiosk that exits before a good sign-in: its failures were lost
    auto vault = f.open();
    CHECK_FALSE(vault->unlock("調査 次郎", pass("a wrong guess")).ok());
    CHECK_FALSE(vault->unlock("調査 次郎", pass("another one")).ok());
  }
  {
    auto vault = f.open();
    CHECK_FALSE(vault->unlock(kManager, pass("the manager's typo")).ok());
  }
  f.now += 60;
  auto vault = f.open();
  REQUIRE(vault->unlock(kManager, pass("manager passphrase")).ok());
  auto events = survey::load_audit_events(vault->database());
  REQUIRE(events.ok());
  std::string investigator, manager;
  for (const auto& e : *events) {
    if (e.action != "sign_in" || e.outcome != "keyslots.wrong_passphrase") continue;
    (e.actor == kManager ? manager : investigator) = e.detail;
  }
  CHECK(investigator.find("failures=2") != std::string::npos);
  CHECK(manager.find("failures=1") != std::string::npos);
  // Once in the log, they are not written again at the next unlock.
  const auto before = events->size();
  vault->close(kManager, "test");
  REQUIRE(vault->unlock(kManager, pass("manager passphrase")).ok());
  auto after = survey::load_audit_events(vault->database());
  REQUIRE(after.ok());
  std::size_t failures = 0;
  for (const auto& e : *after) failures += e.outcome == "keyslots.wrong_passphrase" ? 1 : 0;
  CHECK(failures == 2);                // one per user, with their counts
  CHECK(after->size() == before + 3);  // close, unlock, sign_in
}
