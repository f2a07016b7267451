#include <catch2/catch.hpp>

#include <cstring>

#include "crypto/secure_buffer.hpp"

using shogo::crypto::SecureBuffer;

TEST_CASE("SecureBuffer starts zeroed and wipes on request") {
  SecureBuffer b(64);
  REQUIRE(b.size() == 64);
  for (auto byte : b.bytes()) CHECK(byte == 0);
  std::memset(b.data(), 0xA5, b.size());
  b.wipe();
  for (auto byte : b.bytes()) CHECK(byte == 0);
}

TEST_CASE("SecureBuffer::random gives different keys and equals() compares contents") {
  const auto a = SecureBuffer::random(32);
  const auto b = SecureBuffer::random(32);
  CHECK_FALSE(a.equals(b));
  SecureBuffer c(32);
  std::memcpy(c.data(), a.data(), 32);
  CHECK(a.equals(c));
  CHECK_FALSE(a.equals(SecureBuffer::random(16)));
}

TEST_CASE("SecureBuffer moves without copying the secret") {
  auto a = SecureBuffer::random(32);
  const std::uint8_t* where = a.data();
  SecureBuffer b = std::move(a);
  CHECK(b.data() == where);
  CHECK(a.empty());  // NOLINT(bugprone-use-after-move): the moved-from state is the contract
  CHECK(a.data() == nullptr);
}
