// The fingerprint of an imported file (P6.4): SHA-256 known answers (FIPS 180-2
// examples) and the size, read in chunks.
#include <catch2/catch.hpp>

#include <fstream>
#include <string>

#include "crypto/file_digest.hpp"
#include "tests/support/temp_dir.hpp"

using shogo::crypto::file_digest;

namespace {
std::filesystem::path write(const shogo::test::TempDir& dir, const std::string& bytes) {
  const auto file = dir / "sheet.csv";
  std::ofstream(file, std::ios::binary) << bytes;
  return file;
}
}  // namespace

TEST_CASE("file_digest gives the SHA-256 and size of a file") {
  shogo::test::TempDir dir;
  auto abc = file_digest(write(dir, "abc"));
  REQUIRE(abc);
  CHECK(abc->sha256_hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(abc->size == 3);
  auto empty = file_digest(write(dir, ""));
  REQUIRE(empty);
  CHECK(empty->sha256_hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(empty->size == 0);
  // A million 'a's: more than one 64 KiB chunk.
  auto million = file_digest(write(dir, std::string(1000000, 'a')));
  REQUIRE(million);
  CHECK(million->sha256_hex == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  CHECK(million->size == 1000000);
}

TEST_CASE("file_digest of a missing file is import.cannot_open") {
  shogo::test::TempDir dir;
  auto missing = file_digest(dir / "absent.csv");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == "import.cannot_open");
}
