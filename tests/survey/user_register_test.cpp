// The user register: a users row and a key slot per user, kept in step, each
// change audited (kiosk/survey/user_register.hpp).
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "kiosk/survey/user_register.hpp"
#include "kiosk/survey/vault.hpp"
#include "tests/survey/vault_fixture.hpp"

using namespace shogo;
using survey::Role;
using test::kCheap;
using test::pass;
using Fixture = test::VaultFixture;

TEST_CASE("a disabled user's slot is removed - the last manager cannot be disabled") {
  Fixture f;
  auto vault = f.open();
  REQUIRE(vault->unlock("管理 一郎", pass("manager passphrase")).ok());
  auto last = vault->users().disable("管理 一郎", "管理 一郎");
  REQUIRE_FALSE(last.ok());
  CHECK(last.error().code == "vault.last_manager");
  REQUIRE(vault->users().disable("管理 一郎", "調査 次郎").ok());
  CHECK(vault->users().find("調査 次郎")->disabled);
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
  auto locked = vault->users().add("管理 一郎", {"新人 三郎", Role::investigator, &p}, kCheap);
  REQUIRE_FALSE(locked.ok());
  CHECK(locked.error().code == "vault.locked");
  REQUIRE(vault->unlock("管理 一郎", pass("manager passphrase")).ok());
  REQUIRE(vault->users().add("管理 一郎", {"新人 三郎", Role::investigator, &p}, kCheap).ok());
  auto dup = vault->users().add("管理 一郎", {"新人 三郎", Role::investigator, &p}, kCheap);
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
  REQUIRE(vault->users()
              .change_passphrase("調査 次郎", "調査 次郎", pass("a brand new one"), kCheap)
              .ok());
  vault->close("調査 次郎", "test");
  auto again = f.open();
  CHECK_FALSE(again->unlock("調査 次郎", pass("investigator passphrase")).ok());
  REQUIRE(again->unlock("調査 次郎", pass("a brand new one")).ok());
  REQUIRE(again->unlock("管理 一郎", pass("manager passphrase")).ok());  // others unaffected
}

TEST_CASE("a user added later is made at the vault's clock") {
  Fixture f;
  auto vault = f.open();
  REQUIRE(vault->unlock("管理 一郎", pass("manager passphrase")).ok());
  f.now += 3600;
  const auto p = pass("new investigator pass");
  REQUIRE(vault->users().add("管理 一郎", {"新人 三郎", Role::investigator, &p}, kCheap).ok());
  auto made = vault->database().query_int("SELECT created_at FROM users WHERE id = '新人 三郎'");
  REQUIRE(made.ok());
  CHECK(*made == f.now);
  const survey::VaultUser* added = vault->users().find("新人 三郎");
  REQUIRE(added != nullptr);
  CHECK(added->role == Role::investigator);
  CHECK_FALSE(added->disabled);
  CHECK(vault->users().all().size() == 4);
}
