#include <catch2/catch.hpp>
#include <sodium.h>

#include <array>
#include <cstring>
#include <string>
#include <string_view>

#include "crypto/kdf.hpp"

using namespace shogo::crypto;

namespace {

SecureBuffer secret(std::string_view text) {
  SecureBuffer b(text.size());
  if (!text.empty()) std::memcpy(b.data(), text.data(), text.size());
  return b;
}

std::array<std::uint8_t, 16> salt_of(std::string_view text) {
  REQUIRE(text.size() == 16);
  std::array<std::uint8_t, 16> s{};
  std::memcpy(s.data(), text.data(), 16);
  return s;
}

std::string hex(const SecureBuffer& b) {
  std::string out(b.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), b.data(), b.size());
  out.pop_back();
  return out;
}

// Argon2id v1.3, p=1, 32-byte tags from the reference implementation, not from
// libsodium (Debian package argon2 0~20171227):
//   echo -n "<passphrase>" | argon2 <salt> -id -t <t> -k <KiB> -p 1 -l 32 -r
struct Vector {
  std::string_view passphrase;
  std::string_view salt;
  KdfCost cost;
  std::string_view tag;
};
constexpr Vector kVectors[] = {
    {"shogo self-test",
     "shogo-kat-salt16",
     {2, 8192},
     "790394721ef215c2572cbf723be2ce1bf4bc6aa135133453094b983fc1714f3f"},
    {"password",
     "somesaltsomesalt",
     {1, 8192},
     "84fb006bbc3cd69895722b64b5bf735251a9e8e9f3ecb93ff595b98aeb7accb7"},
    {"パスフレーズ",
     "0123456789abcdef",
     {3, 16384},
     "00168a9a62bff1f3df452976ac55bb712391ee7fce02bb87d71f0208987c9c3b"},
};

}  // namespace

TEST_CASE("derive_slot_key is Argon2id v1.3: it matches the reference argon2 tool") {
  for (const Vector& v : kVectors) {
    INFO("passphrase " << v.passphrase << ", t=" << v.cost.opslimit
                       << ", m=" << v.cost.memlimit_kib);
    auto key = derive_slot_key(secret(v.passphrase), salt_of(v.salt), v.cost);
    REQUIRE(key.ok());
    CHECK(hex(key.value()) == v.tag);
  }
}

TEST_CASE("derive_slot_key is not Argon2i, libsodium's old default") {
  // echo -n "shogo self-test" | argon2 shogo-kat-salt16 -i -t 3 -k 8192 -p 1 -l 32 -r
  constexpr std::string_view kArgon2i =
      "3610e368a8d8008c12ad771e1124e046eb4f895462bbcda946b72a620d9ab814";
  auto key = derive_slot_key(secret("shogo self-test"), salt_of("shogo-kat-salt16"), {3, 8192});
  REQUIRE(key.ok());
  CHECK(hex(key.value()) != kArgon2i);
}

TEST_CASE("the Argon2id known-answer self-test passes") { CHECK(kdf_self_test().ok()); }

TEST_CASE("derive_slot_key depends on passphrase and salt, and repeats exactly") {
  const auto salt = salt_of("0123456789abcdef");
  const KdfCost cost{1, kKdfMinMemlimitKib};
  auto a = derive_slot_key(secret("correct horse"), salt, cost);
  auto again = derive_slot_key(secret("correct horse"), salt, cost);
  auto other_pass = derive_slot_key(secret("correct horsf"), salt, cost);
  auto other_salt = derive_slot_key(secret("correct horse"), salt_of("0123456789abcdeg"), cost);
  auto empty = derive_slot_key(SecureBuffer{}, salt, cost);
  REQUIRE((a.ok() && again.ok() && other_pass.ok() && other_salt.ok() && empty.ok()));
  CHECK(a->size() == kSlotKeyBytes);
  CHECK(a->equals(again.value()));
  CHECK_FALSE(a->equals(other_pass.value()));
  CHECK_FALSE(a->equals(other_salt.value()));
  CHECK_FALSE(a->equals(empty.value()));
}

TEST_CASE("derive_slot_key refuses a cost outside its bounds") {
  const auto salt = salt_of("0123456789abcdef");
  const KdfCost refused[] = {
      {0, kKdfMinMemlimitKib},
      {kKdfMaxOpslimit + 1, kKdfMinMemlimitKib},
      {1, kKdfMinMemlimitKib - 1},
      {1, kKdfMaxMemlimitKib + 1},
      {1, 0},
  };
  for (const KdfCost& cost : refused) {
    INFO("t=" << cost.opslimit << ", m=" << cost.memlimit_kib);
    auto key = derive_slot_key(secret("x"), salt, cost);
    REQUIRE_FALSE(key.ok());
    CHECK(key.error().code == "kdf.cost");
  }
  CHECK(kdf_cost_in_bounds({kKdfMaxOpslimit, kKdfMaxMemlimitKib}));
  CHECK(kdf_cost_in_bounds({kKdfMinOpslimit, kKdfMinMemlimitKib}));
}

TEST_CASE(
    "calibrate_kdf keeps at least 256 MiB and grows the passes (figures for docs/keyslots.md)") {
  auto cost = calibrate_kdf();
  REQUIRE(cost.ok());
  CHECK(cost->memlimit_kib >= kMinMemlimitKib);
  CHECK(cost->opslimit >= 1);
  CHECK(cost->opslimit <= kKdfMaxOpslimit);
  auto seconds = measure_kdf_seconds(cost.value());
  REQUIRE(seconds.ok());
  WARN("calibrate_kdf(0.7 s): opslimit " << cost->opslimit << ", memlimit "
                                         << cost->memlimit_kib / 1024 << " MiB; one derivation "
                                         << seconds.value() << " s on this machine");

  // A smaller memory asked for is raised to the floor; a zero target still gives one pass.
  auto floor = calibrate_kdf(0.0, 8 * 1024);
  REQUIRE(floor.ok());
  CHECK(floor->memlimit_kib == kMinMemlimitKib);
  CHECK(floor->opslimit == 1);
}
