#include <catch2/catch.hpp>

#include "storage/sqlcipher_probe.hpp"

TEST_CASE("the build talks to Debian 12's SQLCipher 3.4.1 on SQLite 3.15.2") {
  auto info = shogo::storage::probe_sqlcipher();
  REQUIRE(info.ok());
  // design.md: the rest of storage is written around these versions' limits.
  CHECK(info->cipher_version == "3.4.1");
  CHECK(info->sqlite_version == "3.15.2");
}
