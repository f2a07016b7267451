#include <catch2/catch.hpp>

#include "kiosk/survey/sitting.hpp"

using namespace shogo::survey;

namespace {
Sitting make_sitting(double idle = 300) {
  return Sitting({{"m", "管理 一郎", Role::manager},
                  {"i1", "調査 花子", Role::investigator},
                  {"i2", "調査 次郎", Role::investigator},
                  {"s", "総括 太郎", Role::supervisor}},
                 idle);
}
}  // namespace

TEST_CASE("the kiosk starts locked with no sitting open") {
  Sitting s = make_sitting();
  CHECK(s.locked());
  CHECK_FALSE(s.sitting_open());
  CHECK(s.lock_reason() == LockReason::not_signed_in);
}

TEST_CASE("only a manager opens the work sitting") {
  Sitting s = make_sitting();
  auto r = s.sign_in("i1", 0);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == "sitting.needs_manager");
  CHECK(s.locked());
  REQUIRE_FALSE(s.sign_in("s", 0).ok());  // a supervisor does not open sittings either
  REQUIRE(s.sign_in("m", 0).ok());
  CHECK(s.sitting_open());
  CHECK(s.current_user()->id == "m");
  CHECK(s.sitting_manager()->id == "m");
}

TEST_CASE("investigators sign in and out while the sitting stays open") {
  Sitting s = make_sitting();
  REQUIRE(s.sign_in("m", 0).ok());
  s.sign_out(1);
  CHECK(s.locked());
  CHECK(s.sitting_open());
  REQUIRE(s.sign_in("i1", 2).ok());
  CHECK(s.current_user()->id == "i1");
  s.sign_out(3);
  REQUIRE(s.sign_in("i2", 4).ok());
  CHECK(s.current_user()->id == "i2");
}

TEST_CASE("unknown users are refused") {
  Sitting s = make_sitting();
  auto r = s.sign_in("nobody", 0);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == "sitting.unknown_user");
}

TEST_CASE("the screen locks after the idle limit, not before") {
  Sitting s = make_sitting(300);
  REQUIRE(s.sign_in("m", 0).ok());
  s.tick(299.0);
  CHECK_FALSE(s.locked());
  s.note_activity(200.0);  // input restarts the timer
  s.tick(499.0);
  CHECK_FALSE(s.locked());
  CHECK(s.seconds_until_idle_lock(499.0) == Approx(1.0));
  s.tick(500.0);
  CHECK(s.locked());
  CHECK(s.lock_reason() == LockReason::idle);
  CHECK(s.locked_user()->id == "m");
  CHECK(s.sitting_open());
}

TEST_CASE("after an idle lock only the same user or a manager unlocks") {
  Sitting s = make_sitting(60);
  REQUIRE(s.sign_in("m", 0).ok());
  s.sign_out(1);
  REQUIRE(s.sign_in("i1", 2).ok());
  s.tick(100);
  REQUIRE(s.locked());
  auto other = s.sign_in("i2", 101);
  REQUIRE_FALSE(other.ok());
  CHECK(other.error().code == "sitting.locked_by_other");
  REQUIRE(s.sign_in("i1", 102).ok());
  s.lock(103);
  CHECK(s.lock_reason() == LockReason::by_user);
  REQUIRE(s.sign_in("m", 104).ok());  // the manager may take over
}

TEST_CASE("closing the sitting requires a manager to open a new one") {
  Sitting s = make_sitting();
  REQUIRE(s.sign_in("m", 0).ok());
  s.close_sitting(1);
  CHECK(s.locked());
  CHECK_FALSE(s.sitting_open());
  CHECK(s.lock_reason() == LockReason::sitting_closed);
  CHECK_FALSE(s.sign_in("i1", 2).ok());
}
