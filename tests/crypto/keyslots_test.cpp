#include <catch2/catch.hpp>
#include <sodium.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/atomic_file.hpp"
#include "crypto/keyslots.hpp"
#include "tests/support/temp_dir.hpp"

using namespace shogo::crypto;
namespace fs = std::filesystem;
using Bytes = std::vector<std::uint8_t>;

namespace {

// The cheapest cost derive_slot_key() accepts: a few ms per unlock, so the
// tamper matrix can afford an unlock for every byte.
constexpr KdfCost kCheap{1, kKdfMinMemlimitKib};

SecureBuffer secret(std::string_view text) {
  SecureBuffer b(text.size());
  if (!text.empty()) std::memcpy(b.data(), text.data(), text.size());
  return b;
}

std::string text_of(const SecureBuffer& b) {  // test-only: recovery key text is ASCII
  return {reinterpret_cast<const char*>(b.data()), b.size()};
}

template <typename T>
T must(shogo::Result<T> r) {
  INFO((r.ok() ? std::string() : r.error().code));
  REQUIRE(r.ok());
  return std::move(r).value();
}

void must(const shogo::Status& s) {
  INFO((s.ok() ? std::string() : s.error().code));
  REQUIRE(s.ok());
}

template <typename T>
std::string code_of(const shogo::Result<T>& r) {
  return r.ok() ? "ok" : r.error().code;
}

// Layout knowledge from docs/keyslots.md, used to aim the tampering.
constexpr std::size_t kHeaderBytes = 18;
constexpr std::size_t kSlotFixedBytes = 103;         // a slot is 103 + length of its user id
constexpr std::size_t kPayloadBytes = 16 + 24 + 48;  // salt, nonce, wrapped key: a slot's tail

struct Span {
  std::size_t offset;
  std::size_t size;
};

std::vector<Span> slot_spans(const KeyslotFile& f) {
  std::vector<Span> out;
  std::size_t at = kHeaderBytes;
  for (const SlotInfo& s : f.slots()) {
    out.push_back({at, kSlotFixedBytes + s.user_id.size()});
    at += out.back().size;
  }
  return out;
}

std::size_t mac_offset(const KeyslotFile& f, const Bytes& bytes) {
  const auto mac = f.mac();
  auto it = std::search(bytes.begin(), bytes.end(), mac.begin(), mac.end());
  REQUIRE(it != bytes.end());
  return static_cast<std::size_t>(it - bytes.begin());
}

void put_u16(Bytes& b, std::size_t at, std::uint16_t v) {
  b[at] = static_cast<std::uint8_t>(v);
  b[at + 1] = static_cast<std::uint8_t>(v >> 8);
}
void put_u32(Bytes& b, std::size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i)
    b[at + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(v >> (8 * i));
}

// What anyone with the disk can do: replace the attempts section with an empty
// one and a correct (unkeyed) checksum.
Bytes with_fresh_attempts(Bytes authenticated_and_mac) {
  Bytes section = {0, 0};
  std::array<std::uint8_t, 32> sum{};
  crypto_generichash(sum.data(), sum.size(), section.data(), section.size(), nullptr, 0);
  Bytes out = std::move(authenticated_and_mac);
  out.insert(out.end(), section.begin(), section.end());
  out.insert(out.end(), sum.begin(), sum.end());
  return out;
}

// Two users and the recovery key, as after provisioning.
struct Vault {
  SecureBuffer vault_key = new_vault_key();
  SecureBuffer recovery_key = new_recovery_key();
  KeyslotFile file = build(vault_key, recovery_key, false);

  static KeyslotFile build(const SecureBuffer& vk, const SecureBuffer& rk, bool demo) {
    auto f = must(KeyslotFile::create(vk, demo));
    must(f.add_user(vk, "alice", secret("alice's passphrase"), kCheap));
    must(f.add_user(vk, "bob", secret("bob's passphrase"), kCheap));
    must(f.set_recovery(vk, rk));
    return f;
  }
};

// The only outcomes an attempt on a broken file may have.
bool refused(const shogo::Result<SecureBuffer>& r) { return !r.ok(); }

using shogo::test::TempDir;

}  // namespace

// --- opening -----------------------------------------------------------------------

TEST_CASE("each user and the recovery key unwrap the same vault key") {
  Vault v;
  auto a = must(v.file.unlock("alice", secret("alice's passphrase")));
  auto b = must(v.file.unlock("bob", secret("bob's passphrase")));
  auto r = must(v.file.unlock_with_recovery(v.recovery_key));
  CHECK(a.equals(v.vault_key));
  CHECK(b.equals(v.vault_key));
  CHECK(r.equals(v.vault_key));
}

TEST_CASE("a wrong passphrase, another user's passphrase or an unknown user is refused") {
  Vault v;
  CHECK(code_of(v.file.unlock("alice", secret("alice's passphrasE"))) ==
        "keyslots.wrong_passphrase");
  CHECK(code_of(v.file.unlock("alice", secret("bob's passphrase"))) == "keyslots.wrong_passphrase");
  CHECK(code_of(v.file.unlock("alice", SecureBuffer{})) == "keyslots.wrong_passphrase");
  CHECK(code_of(v.file.unlock("carol", secret("alice's passphrase"))) == "keyslots.unknown_user");
  CHECK(code_of(v.file.unlock("recovery", secret("x"))) == "keyslots.unknown_user");
  CHECK(code_of(v.file.unlock_with_recovery(new_recovery_key())) == "keyslots.wrong_recovery_key");
  CHECK(code_of(v.file.unlock_with_recovery(SecureBuffer(16))) == "keyslots.wrong_recovery_key");
}

TEST_CASE("a file with no recovery slot says so") {
  const auto vk = new_vault_key();
  auto f = must(KeyslotFile::create(vk, false));
  must(f.add_user(vk, "alice", secret("pw"), kCheap));
  CHECK_FALSE(f.has_recovery());
  CHECK(code_of(f.unlock_with_recovery(new_recovery_key())) == "keyslots.no_slot");
}

TEST_CASE(
    "slots() lists ids, kinds, users and costs, and serialise/parse round-trips byte for byte") {
  Vault v;
  v.file.record_failure("bob", 1'700'000'000);
  const auto info = v.file.slots();
  REQUIRE(info.size() == 3);
  CHECK(info[0].slot_id == 1);
  CHECK(info[0].user_id == "alice");
  CHECK(info[0].kind == SlotKind::user_passphrase);
  CHECK(info[0].cost.opslimit == kCheap.opslimit);
  CHECK(info[0].cost.memlimit_kib == kCheap.memlimit_kib);
  CHECK(info[1].user_id == "bob");
  CHECK(info[2].slot_id == 3);
  CHECK(info[2].kind == SlotKind::recovery_key);
  CHECK(info[2].user_id == "recovery");
  CHECK(info[2].cost.memlimit_kib == 0);

  const Bytes bytes = v.file.serialise();
  auto again = must(KeyslotFile::parse(bytes));
  CHECK(again.serialise() == bytes);
  // The documented layout: header, slots of 103 + user id bytes, MAC, attempts.
  const auto spans = slot_spans(v.file);
  CHECK(mac_offset(v.file, bytes) == spans.back().offset + spans.back().size);
  CHECK(bytes.size() == mac_offset(v.file, bytes) + 32 + 2 + (1 + 3 + 4 + 8) + 32);
  CHECK(std::equal(bytes.begin(), bytes.begin() + 8, "SHOGOKS1"));
}

TEST_CASE("demo() reflects the demo flag, and flipping the flag is refused") {
  const auto vk = new_vault_key();
  const auto rk = new_recovery_key();
  auto demo = Vault::build(vk, rk, true);
  CHECK(demo.demo());
  auto real = Vault::build(vk, rk, false);
  CHECK_FALSE(real.demo());

  for (KeyslotFile* f : {&demo, &real}) {
    Bytes bytes = f->serialise();
    bytes[10] ^= 0x01;  // flags, bit 0
    auto flipped = must(KeyslotFile::parse(bytes));
    CHECK(flipped.demo() != f->demo());
    CHECK(refused(flipped.unlock("alice", secret("alice's passphrase"))));
    CHECK(refused(flipped.unlock("bob", secret("bob's passphrase"))));
    CHECK(refused(flipped.unlock_with_recovery(rk)));
  }
}

// --- the tamper matrix (docs/keyslots.md) --------------------------------------------------

TEST_CASE("tamper matrix: every flipped byte of the authenticated part or the MAC is refused") {
  Vault v;
  v.file.record_failure("bob", 1'700'000'000);
  const Bytes good = v.file.serialise();
  const std::size_t authenticated_end = mac_offset(v.file, good) + 32;
  std::map<std::string, int> outcomes;  // how each variant was refused
  for (std::size_t i = 0; i < authenticated_end; ++i) {
    for (std::uint8_t mask : {std::uint8_t{0x01}, std::uint8_t{0x80}, std::uint8_t{0xFF}}) {
      Bytes bad = good;
      bad[i] ^= mask;
      auto parsed = KeyslotFile::parse(bad);
      if (!parsed) {
        ++outcomes["parse: " + parsed.error().code];
        continue;
      }
      INFO("byte " << i << " ^ " << int{mask});
      auto as_alice = parsed->unlock("alice", secret("alice's passphrase"));
      auto with_recovery = parsed->unlock_with_recovery(v.recovery_key);
      CHECK(refused(as_alice));
      CHECK(refused(with_recovery));
      ++outcomes["alice: " + code_of(as_alice)];
      ++outcomes["recovery: " + code_of(with_recovery)];
    }
  }
  std::string summary;
  for (const auto& [outcome, n] : outcomes) summary += outcome + " x" + std::to_string(n) + "; ";
  INFO(summary);
  CHECK(outcomes["alice: keyslots.altered"] > 0);  // the file MAC is what caught these
  CHECK(outcomes["parse: keyslots.corrupt"] > 0);
}

TEST_CASE("tamper matrix: every flipped byte of the attempts section is refused as damaged") {
  Vault v;
  v.file.record_failure("alice", 1'700'000'000);
  v.file.record_failure("bob", 1'700'000'100);
  const Bytes good = v.file.serialise();
  const std::size_t attempts_begin = mac_offset(v.file, good) + 32;
  for (std::size_t i = attempts_begin; i < good.size(); ++i) {
    for (std::uint8_t mask : {std::uint8_t{0x01}, std::uint8_t{0x80}, std::uint8_t{0xFF}}) {
      Bytes bad = good;
      bad[i] ^= mask;
      INFO("byte " << i << " ^ " << int{mask});
      CHECK(code_of(KeyslotFile::parse(bad)) == "keyslots.corrupt");
    }
  }
}

TEST_CASE("tamper matrix: every truncation and any appended byte is refused") {
  Vault v;
  v.file.record_failure("alice", 1'700'000'000);
  const Bytes good = v.file.serialise();
  for (std::size_t n = 0; n < good.size(); ++n) {
    INFO("truncated to " << n << " bytes");
    const auto parsed = KeyslotFile::parse(std::span(good).first(n));
    CHECK_FALSE(parsed.ok());
  }
  CHECK(code_of(KeyslotFile::parse(Bytes{})) == "keyslots.truncated");
  CHECK(code_of(KeyslotFile::parse(std::span(good).first(100))) == "keyslots.truncated");
  for (int extra : {0x00, 0x01, 0xFF}) {
    Bytes longer = good;
    longer.push_back(static_cast<std::uint8_t>(extra));
    CHECK(code_of(KeyslotFile::parse(longer)) == "keyslots.corrupt");
  }
}

TEST_CASE("tamper matrix: users' wrapped keys swapped between slots open for nobody") {
  Vault v;
  Bytes bad = v.file.serialise();
  const auto spans = slot_spans(v.file);
  const std::size_t a = spans[0].offset + spans[0].size - kPayloadBytes;  // alice's salt
  const std::size_t b = spans[1].offset + spans[1].size - kPayloadBytes;  // bob's salt
  std::swap_ranges(bad.begin() + static_cast<std::ptrdiff_t>(a),
                   bad.begin() + static_cast<std::ptrdiff_t>(a + kPayloadBytes),
                   bad.begin() + static_cast<std::ptrdiff_t>(b));
  auto swapped = must(KeyslotFile::parse(bad));
  // Bob's wrap now sits in Alice's slot: bound to slot id and user id, it opens for nobody.
  CHECK(code_of(swapped.unlock("alice", secret("bob's passphrase"))) ==
        "keyslots.wrong_passphrase");
  CHECK(code_of(swapped.unlock("alice", secret("alice's passphrase"))) ==
        "keyslots.wrong_passphrase");
  CHECK(code_of(swapped.unlock("bob", secret("alice's passphrase"))) ==
        "keyslots.wrong_passphrase");
  CHECK(code_of(swapped.unlock("bob", secret("bob's passphrase"))) == "keyslots.wrong_passphrase");
  CHECK(code_of(swapped.unlock_with_recovery(v.recovery_key)) == "keyslots.altered");
}

TEST_CASE("tamper matrix: a slot renamed to another user id does not open") {
  Vault v;
  Bytes bad = v.file.serialise();
  const std::size_t name = slot_spans(v.file)[0].offset + 6;  // alice's user id bytes
  std::memcpy(bad.data() + name, "carol", 5);
  auto renamed = must(KeyslotFile::parse(bad));
  CHECK(code_of(renamed.unlock("carol", secret("alice's passphrase"))) ==
        "keyslots.wrong_passphrase");
  CHECK(code_of(renamed.unlock("alice", secret("alice's passphrase"))) == "keyslots.unknown_user");
}

TEST_CASE("tamper matrix: slots in another order are refused as damaged (ids must ascend)") {
  Vault v;
  const Bytes good = v.file.serialise();
  const auto spans = slot_spans(v.file);
  Bytes bad(good.begin(), good.begin() + static_cast<std::ptrdiff_t>(spans[0].offset));
  auto append = [&](const Span& s) {
    bad.insert(bad.end(), good.begin() + static_cast<std::ptrdiff_t>(s.offset),
               good.begin() + static_cast<std::ptrdiff_t>(s.offset + s.size));
  };
  append(spans[1]);
  append(spans[0]);
  append(spans[2]);
  bad.insert(bad.end(), good.begin() + static_cast<std::ptrdiff_t>(spans[2].offset + spans[2].size),
             good.end());
  REQUIRE(bad.size() == good.size());
  CHECK(code_of(KeyslotFile::parse(bad)) == "keyslots.corrupt");
}

TEST_CASE("tamper matrix: a removed slot is caught by the file MAC") {
  Vault v;
  const Bytes good = v.file.serialise();
  const auto bob = slot_spans(v.file)[1];
  Bytes bad(good.begin(), good.begin() + static_cast<std::ptrdiff_t>(bob.offset));
  bad.insert(bad.end(), good.begin() + static_cast<std::ptrdiff_t>(bob.offset + bob.size),
             good.begin() + static_cast<std::ptrdiff_t>(mac_offset(v.file, good) + 32));
  put_u16(bad, 16, 2);  // slot count
  auto removed = must(KeyslotFile::parse(with_fresh_attempts(bad)));
  CHECK(code_of(removed.unlock("alice", secret("alice's passphrase"))) == "keyslots.altered");
  CHECK(code_of(removed.unlock_with_recovery(v.recovery_key)) == "keyslots.altered");
}

TEST_CASE("tamper matrix: an added slot wrapping another key is caught by the file MAC") {
  Vault v;  // slots 1, 2, 3; next slot id 4
  // Mallory builds a slot with id 4 in a vault of her own and splices it in.
  const auto other_key = new_vault_key();
  auto other = must(KeyslotFile::create(other_key, false));
  for (const char* filler : {"m1", "m2", "m3"})
    must(other.add_user(other_key, filler, secret("x"), kCheap));
  must(other.add_user(other_key, "mallory", secret("mallory's passphrase"), kCheap));
  const Bytes donor = other.serialise();
  const Span mallory = slot_spans(other)[3];

  const Bytes good = v.file.serialise();
  const std::size_t end_of_slots = mac_offset(v.file, good);
  Bytes bad(good.begin(), good.begin() + static_cast<std::ptrdiff_t>(end_of_slots));
  bad.insert(bad.end(), donor.begin() + static_cast<std::ptrdiff_t>(mallory.offset),
             donor.begin() + static_cast<std::ptrdiff_t>(mallory.offset + mallory.size));
  bad.insert(bad.end(), good.begin() + static_cast<std::ptrdiff_t>(end_of_slots),
             good.begin() + static_cast<std::ptrdiff_t>(end_of_slots + 32));
  put_u32(bad, 12, 5);  // next slot id
  put_u16(bad, 16, 4);  // slot count
  auto added = must(KeyslotFile::parse(with_fresh_attempts(bad)));
  CHECK(added.has_user("mallory"));
  CHECK(code_of(added.unlock("mallory", secret("mallory's passphrase"))) == "keyslots.altered");
  CHECK(code_of(added.unlock("alice", secret("alice's passphrase"))) == "keyslots.altered");
}

TEST_CASE("header checks: wrong magic, newer version, unknown flags, reused slot ids") {
  Vault v;
  const Bytes good = v.file.serialise();
  auto variant = [&](auto edit) {
    Bytes b = good;
    edit(b);
    return code_of(KeyslotFile::parse(with_fresh_attempts(
        Bytes(b.begin(), b.begin() + static_cast<std::ptrdiff_t>(mac_offset(v.file, good) + 32)))));
  };
  CHECK(variant([](Bytes& b) { b[0] = 'X'; }) == "keyslots.magic");
  CHECK(code_of(KeyslotFile::parse(Bytes{'S', 'H', 'O'})) == "keyslots.truncated");
  CHECK(code_of(KeyslotFile::parse(Bytes{'%', 'P', 'D', 'F'})) == "keyslots.magic");
  CHECK(variant([](Bytes& b) { put_u16(b, 8, 2); }) == "keyslots.version");
  CHECK(variant([](Bytes& b) { put_u16(b, 8, 0); }) == "keyslots.corrupt");
  CHECK(variant([](Bytes& b) { put_u16(b, 10, 0x0002); }) == "keyslots.corrupt");
  CHECK(variant([](Bytes& b) { put_u32(b, 12, 3); }) ==
        "keyslots.corrupt");  // next id not above every id
  CHECK(variant([](Bytes& b) { put_u32(b, 18, 0); }) == "keyslots.corrupt");  // slot id 0
  // An attacker may reset the attempts section (documented); the file stays valid.
  CHECK(variant([](Bytes&) {}) == "ok");
}

// --- changing slots -----------------------------------------------------------------------

TEST_CASE("slot changes with a wrong vault key are refused and change nothing") {
  Vault v;
  const Bytes before = v.file.serialise();
  const auto wrong = new_vault_key();
  CHECK(v.file.add_user(wrong, "carol", secret("pw"), kCheap).error().code == "keyslots.wrong_key");
  CHECK(v.file.remove_user(wrong, "bob").error().code == "keyslots.wrong_key");
  CHECK(v.file.change_passphrase(wrong, "alice", secret("new"), kCheap).error().code ==
        "keyslots.wrong_key");
  CHECK(v.file.set_recovery(wrong, new_recovery_key()).error().code == "keyslots.wrong_key");
  CHECK(v.file.add_user(SecureBuffer{}, "carol", secret("pw"), kCheap).error().code ==
        "keyslots.wrong_key");
  CHECK(code_of(KeyslotFile::create(SecureBuffer(16), false)) == "keyslots.wrong_key");
  CHECK(v.file.serialise() == before);
}

TEST_CASE("add_user gives fresh slot ids and refuses bad, reserved or repeated user ids") {
  Vault v;
  must(v.file.add_user(v.vault_key, "田中", secret("パスフレーズ"), kCheap));
  CHECK(v.file.slots().back().slot_id == 4);
  CHECK(must(v.file.unlock("田中", secret("パスフレーズ"))).equals(v.vault_key));
  auto code = [&](std::string_view id, std::string_view pw) {
    auto s = v.file.add_user(v.vault_key, id, secret(pw), kCheap);
    return s.ok() ? std::string("ok") : s.error().code;
  };
  CHECK(code("alice", "pw") == "keyslots.user_exists");
  CHECK(code("recovery", "pw") == "keyslots.bad_user_id");
  CHECK(code("", "pw") == "keyslots.bad_user_id");
  CHECK(code(std::string(65, 'a'), "pw") == "keyslots.bad_user_id");
  CHECK(code("tab\there", "pw") == "keyslots.bad_user_id");
  CHECK(code("\xC3\x28", "pw") == "keyslots.bad_user_id");  // broken UTF-8
  CHECK(code("carol", "") == "keyslots.empty_passphrase");
  CHECK(code(std::string(64, 'a'), "pw") == "ok");
  auto s = v.file.add_user(v.vault_key, "dave", secret("pw"), {0, kCheap.memlimit_kib});
  CHECK(s.error().code == "kdf.cost");
}

TEST_CASE("a removed user cannot unlock, slot ids are never reused, and the last user stays") {
  Vault v;
  must(v.file.remove_user(v.vault_key, "bob"));
  CHECK_FALSE(v.file.has_user("bob"));
  CHECK(code_of(v.file.unlock("bob", secret("bob's passphrase"))) == "keyslots.unknown_user");
  CHECK(must(v.file.unlock("alice", secret("alice's passphrase"))).equals(v.vault_key));
  auto reloaded = must(KeyslotFile::parse(v.file.serialise()));
  CHECK(must(reloaded.unlock("alice", secret("alice's passphrase"))).equals(v.vault_key));

  must(v.file.add_user(v.vault_key, "bob", secret("bob's new passphrase"), kCheap));
  CHECK(v.file.slots().back().slot_id == 4);  // not 2 again
  CHECK(v.file.remove_user(v.vault_key, "carol").error().code == "keyslots.unknown_user");
  must(v.file.remove_user(v.vault_key, "bob"));
  CHECK(v.file.remove_user(v.vault_key, "alice").error().code == "keyslots.last_user");
}

TEST_CASE(
    "change_passphrase: the old passphrase stops working, the new one works, others unaffected") {
  Vault v;
  const auto before = v.file.slots();
  const Bytes bytes_before = v.file.serialise();
  must(v.file.change_passphrase(v.vault_key, "alice", secret("a new passphrase"),
                                {2, kCheap.memlimit_kib}));
  CHECK(code_of(v.file.unlock("alice", secret("alice's passphrase"))) ==
        "keyslots.wrong_passphrase");
  CHECK(must(v.file.unlock("alice", secret("a new passphrase"))).equals(v.vault_key));
  CHECK(must(v.file.unlock("bob", secret("bob's passphrase"))).equals(v.vault_key));
  CHECK(must(v.file.unlock_with_recovery(v.recovery_key)).equals(v.vault_key));
  const auto after = v.file.slots();
  CHECK(after[0].slot_id == before[0].slot_id);
  CHECK(after[0].cost.opslimit == 2);
  // Fresh salt and nonce: the whole payload of the slot changed.
  const auto alice = slot_spans(v.file)[0];
  const Bytes bytes_after = v.file.serialise();
  for (std::size_t i = alice.offset + alice.size - kPayloadBytes;
       i < alice.offset + alice.size - 48; i += 8) {
    CHECK_FALSE(std::equal(bytes_after.begin() + static_cast<std::ptrdiff_t>(i),
                           bytes_after.begin() + static_cast<std::ptrdiff_t>(i + 8),
                           bytes_before.begin() + static_cast<std::ptrdiff_t>(i)));
  }
  CHECK(v.file.change_passphrase(v.vault_key, "carol", secret("x"), kCheap).error().code ==
        "keyslots.unknown_user");
  CHECK(v.file.change_passphrase(v.vault_key, "alice", SecureBuffer{}, kCheap).error().code ==
        "keyslots.empty_passphrase");
}

TEST_CASE("set_recovery replaces the recovery slot: the old key stops working") {
  Vault v;
  const auto new_key = new_recovery_key();
  must(v.file.set_recovery(v.vault_key, new_key));
  CHECK(code_of(v.file.unlock_with_recovery(v.recovery_key)) == "keyslots.wrong_recovery_key");
  CHECK(must(v.file.unlock_with_recovery(new_key)).equals(v.vault_key));
  const auto slots = v.file.slots();
  CHECK(std::count_if(slots.begin(), slots.end(),
                      [](const SlotInfo& s) { return s.kind == SlotKind::recovery_key; }) == 1);
  CHECK(slots.back().slot_id == 4);
}

TEST_CASE("a rolled-back file still opens (not detectable here), but its mac() differs") {
  Vault v;
  const Bytes old_file = v.file.serialise();
  must(v.file.remove_user(v.vault_key, "bob"));
  auto rolled_back = must(KeyslotFile::parse(old_file));
  CHECK(must(rolled_back.unlock("bob", secret("bob's passphrase"))).equals(v.vault_key));
  CHECK_FALSE(std::equal(rolled_back.mac().begin(), rolled_back.mac().end(), v.file.mac().begin()));
}

// --- sign-in attempts ---------------------------------------------------------------------

TEST_CASE("failed sign-ins survive save and load, need no key, and reset on success") {
  TempDir dir;
  const fs::path path = dir.path() / "keyslots";
  Vault v;
  must(v.file.save(path));

  auto kiosk = must(KeyslotFile::load(path));
  for (int i = 0; i < 5; ++i) kiosk.record_failure("alice", 1'700'000'000 + i);
  kiosk.record_failure("nobody", 1'700'000'000);  // no slot: ignored
  must(kiosk.save(path));                         // no vault key needed

  auto after_restart = must(KeyslotFile::load(path));
  CHECK(after_restart.attempts("alice").failures == 5);
  CHECK(after_restart.attempts("alice").last_failure_unix == 1'700'000'004);
  CHECK(after_restart.attempts("bob").failures == 0);
  CHECK(after_restart.attempts("nobody").failures == 0);
  CHECK(seconds_until_next_try(after_restart.attempts("alice"), 1'700'000'004) == 4.0);
  // The authenticated part is untouched: the MAC still verifies.
  CHECK(must(after_restart.unlock("alice", secret("alice's passphrase"))).equals(v.vault_key));

  after_restart.record_success("alice");
  must(after_restart.save(path));
  CHECK(must(KeyslotFile::load(path)).attempts("alice").failures == 0);

  const auto mode = fs::status(path).permissions();
  CHECK(mode == (fs::perms::owner_read | fs::perms::owner_write));
  CHECK(code_of(KeyslotFile::load(dir.path() / "absent")) == "file.missing");
}

TEST_CASE("sign-in delay: free for 3 failures, then doubling from 2 s, capped at 5 minutes") {
  const std::pair<std::uint32_t, double> table[] = {
      {0, 0}, {1, 0},    {2, 0},    {3, 0},    {4, 2},     {5, 4},
      {6, 8}, {10, 128}, {11, 256}, {12, 300}, {100, 300}, {0xFFFFFFFF, 300}};
  for (const auto& [failures, seconds] : table) {
    INFO(failures << " failures");
    CHECK(sign_in_delay_seconds(failures) == seconds);
  }
  const AttemptRecord five{5, 1000};
  CHECK(seconds_until_next_try(five, 1000) == 4.0);
  CHECK(seconds_until_next_try(five, 1003) == 1.0);
  CHECK(seconds_until_next_try(five, 1004) == 0.0);
  CHECK(seconds_until_next_try(five, 5000) == 0.0);
  CHECK(seconds_until_next_try(five, 10) == 4.0);  // clock went back: wait the whole delay
  CHECK(seconds_until_next_try({}, 1000) == 0.0);
  CHECK(seconds_until_next_try({20, INT64_MIN}, INT64_MAX) == 0.0);
}

// --- the recovery key on paper --------------------------------------------------------------

TEST_CASE("the recovery key prints as 14 groups of 4 Crockford characters and reads back") {
  const auto key = new_recovery_key();
  const auto text = format_recovery_key(key);
  const std::string t = text_of(text);
  REQUIRE(t.size() == 69);
  for (std::size_t i = 0; i < t.size(); ++i) {
    INFO(i);
    if (i % 5 == 4) {
      CHECK(t[i] == '-');
    } else {
      CHECK(std::string_view("0123456789ABCDEFGHJKMNPQRSTVWXYZ").find(t[i]) !=
            std::string_view::npos);
    }
  }
  CHECK(must(parse_recovery_key(text)).equals(key));

  SecureBuffer zero(32);
  CHECK(text_of(format_recovery_key(zero)).substr(0, 65) ==
        "0000-0000-0000-0000-0000-0000-0000-0000-0000-0000-0000-0000-0000-");
}

TEST_CASE("a typed recovery key may use lower case, spaces, and I, L, O for 1, 1, 0") {
  SecureBuffer key(32);
  for (std::size_t i = 0; i < 32; ++i) key.data()[i] = static_cast<std::uint8_t>(i * 37 + 1);
  std::string t = text_of(format_recovery_key(key));
  std::string typed;
  bool upper_i = true;
  for (char c : t) {
    if (c == '-') {
      typed += ' ';
    } else if (c == '1') {
      typed += upper_i ? 'I' : 'l';
      upper_i = !upper_i;
    } else if (c == '0') {
      typed += 'o';
    } else {
      typed += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  typed = "  " + typed + "\n";
  CHECK(must(parse_recovery_key(secret(typed))).equals(key));
  std::string no_separators;
  std::copy_if(t.begin(), t.end(), std::back_inserter(no_separators),
               [](char c) { return c != '-'; });
  CHECK(must(parse_recovery_key(secret(no_separators))).equals(key));
}

TEST_CASE("every single mistyped character of a recovery key is caught") {
  SecureBuffer key(32);
  for (std::size_t i = 0; i < 32; ++i) key.data()[i] = static_cast<std::uint8_t>(255 - i * 7);
  const std::string t = text_of(format_recovery_key(key));
  constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  int caught = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '-') continue;
    for (char c : kAlphabet) {
      if (c == t[i]) continue;
      std::string typo = t;
      typo[i] = c;
      INFO("position " << i << " typed " << c);
      CHECK(code_of(parse_recovery_key(secret(typo))) == "keyslots.recovery_typo");
      ++caught;
    }
  }
  CHECK(caught == 56 * 31);
  // Neighbouring characters swapped.
  for (std::size_t i = 0; i + 1 < t.size(); ++i) {
    if (t[i] == '-' || t[i + 1] == '-' || t[i] == t[i + 1]) continue;
    std::string swapped = t;
    std::swap(swapped[i], swapped[i + 1]);
    INFO("swapped at " << i);
    CHECK(code_of(parse_recovery_key(secret(swapped))) == "keyslots.recovery_typo");
  }
}

TEST_CASE("a recovery key of the wrong length or with foreign characters is refused") {
  const std::string t = text_of(format_recovery_key(new_recovery_key()));
  CHECK(code_of(parse_recovery_key(secret(t.substr(1)))) == "keyslots.recovery_format");
  CHECK(code_of(parse_recovery_key(secret(t + "0"))) == "keyslots.recovery_format");
  std::string with_u = t;
  with_u[0] = 'U';
  CHECK(code_of(parse_recovery_key(secret(with_u))) == "keyslots.recovery_format");
  CHECK(code_of(parse_recovery_key(SecureBuffer{})) == "keyslots.recovery_format");
}
