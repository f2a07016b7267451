#include <catch2/catch.hpp>
#include <sodium.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include "crypto/startup.hpp"

using namespace shogo;

TEST_CASE("known-answer self-tests pass on this machine") {
  REQUIRE(crypto::run_self_tests().ok());
}

TEST_CASE("harden_process turns core dumps off and makes the process non-dumpable") {
  REQUIRE(crypto::harden_process().ok());
  rlimit core{};
  REQUIRE(getrlimit(RLIMIT_CORE, &core) == 0);
  CHECK(core.rlim_cur == 0);
  CHECK(core.rlim_max == 0);
  CHECK(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 0);
}
