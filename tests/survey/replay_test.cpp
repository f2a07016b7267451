// The replay (docs/audit-log.md, "Replay"): every event that changes
// privileged state carries its complete new values; an unlock replays the
// chain, compares it with the tables and key slots, and refuses a vault that
// differs. The whole tamper matrix with Debian's sqlcipher tool is
// tests/provisioning/tamper_matrix.sh; these are the parts underneath.
#include <catch2/catch.hpp>
#include <sodium.h>

#include <array>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "kiosk/survey/audit_log.hpp"
#include "kiosk/survey/row_digest.hpp"
#include "kiosk/survey/vault.hpp"
#include "kiosk/survey/vault_state.hpp"
#include "tests/support/secrets.hpp"
#include "tests/support/temp_dir.hpp"

using namespace shogo;
using survey::Role;
using survey::StateFault;
using survey::Vault;

namespace {

constexpr crypto::KdfCost kCheap{1, 8 * 1024};
crypto::SecureBuffer pass(std::string_view text) { return test::secure(text); }

// A demo vault (its key can be printed, as for the tamper matrix) with a
// manager whose name holds the state part's separators.
struct DemoVault {
  test::TempDir tmp;
  std::filesystem::path dir = tmp / "vault";
  const std::string manager = "管理 一郎/a,b|c=d%";
  DemoVault() {
    const auto m = pass("manager passphrase");
    const auto i = pass("investigator passphrase");
    REQUIRE(Vault::create(dir,
                          {{manager, Role::manager, &m}, {"調査 次郎", Role::investigator, &i}},
                          kCheap, /*demo=*/true));
  }
  std::unique_ptr<Vault> open(Vault::StateCheck check = Vault::StateCheck::refuse) {
    auto v = Vault::open(dir);
    REQUIRE(v.ok());
    (*v)->set_state_check(check);
    return std::move(v.value());
  }
  // SQL on vault.db with the vault key, as a key holder with the sqlcipher tool would.
  void edit(const std::string& sql) {
    crypto::SecureBuffer key;
    {
      auto v = open(Vault::StateCheck::report);
      REQUIRE(v->unlock(manager, pass("manager passphrase")));
      auto hex = v->demo_vault_key_hex();
      REQUIRE(hex);
      key = test::bytes_from_hex(*hex, 32);
      v->close(manager, "test");
    }
    auto db = storage::Database::open(dir / "vault.db", key, storage::OpenMode::open_existing);
    REQUIRE(db);
    REQUIRE(db->exec(sql));
  }
};

std::size_t count_outcome(Vault& v, const std::string& action, const std::string& outcome) {
  auto events = survey::load_audit_events(v.database());
  REQUIRE(events);
  std::size_t n = 0;
  for (const auto& e : *events) n += e.action == action && e.outcome == outcome ? 1 : 0;
  return n;
}

}  // namespace

TEST_CASE("a state delta replays to the state it came from, whatever the ids hold") {
  survey::VaultState before{{"users/a", "x,1"}, {"users/b", "y,2"}, {"settings/k", "v"}};
  survey::VaultState after{{"users/a", "x,1"}, {"users/b", "y,3"}, {"users/c%2F%7C", "z,4"}};
  const std::string delta = survey::state_delta(before, after);
  CHECK(delta == "-settings/k +users/b=y,3 +users/c%2F%7C=z,4");
  crypto::audit::Event first, second;
  first.seq = 1;
  first.detail = survey::with_state("users=2", survey::state_delta({}, before));
  second.seq = 2;
  second.detail = survey::with_state("a|b", delta);  // a '|' of the base cannot end it
  CHECK(survey::detail_base(second.detail) == "a/b");
  const std::vector<crypto::audit::Event> events{first, second};
  const auto replayed = survey::replay_state(events);
  CHECK(replayed.state == after);
  CHECK(replayed.set_by.at("users/b") == 2);
  CHECK(replayed.set_by.at("users/a") == 1);
  CHECK(survey::compare_state(replayed, after).empty());
  survey::VaultState edited = after;
  edited["users/a"] = "x,9";
  edited.erase("users/b");
  edited["terminals/T1"] = "S1,JUKI";
  const auto faults = survey::compare_state(replayed, edited);
  REQUIRE(faults.size() == 3);
  CHECK(faults[0].kind == StateFault::Kind::not_logged);
  CHECK(faults[0].table == "terminals");
  CHECK(faults[1].kind == StateFault::Kind::changed);
  CHECK(faults[1].seq == 1);
  CHECK(faults[2].kind == StateFault::Kind::missing);
  CHECK(faults[2].key == "b");
  CHECK(survey::fault_line(faults[2]) == "users/b: recorded by event 2, but not in the table");
}

TEST_CASE("an event whose state part cannot be read is a fault, and applies nothing") {
  for (const char* bad :
       {"x|", "x|+users", "x|*users/a=1", "x|+nosuch/a=1", "x|-users/a=1", "x|+users/a"}) {
    INFO(bad);
    crypto::audit::Event e;
    e.seq = 7;
    e.detail = bad;
    const std::vector<crypto::audit::Event> events{e};
    const auto replayed = survey::replay_state(events);
    CHECK(replayed.state.empty());
    REQUIRE(replayed.bad_events.size() == 1);
    CHECK(replayed.bad_events[0].seq == 7);
  }
}

TEST_CASE("every change of a real vault leaves its state derivable from the chain") {
  DemoVault f;
  auto v = f.open();
  REQUIRE(v->unlock(f.manager, pass("manager passphrase")));
  const auto p = pass("new one");
  REQUIRE(v->users().add(f.manager, {"新人 三郎", Role::investigator, &p}, kCheap));
  REQUIRE(v->users().change_passphrase(f.manager, "新人 三郎", pass("newer one"), kCheap));
  REQUIRE(v->users().disable(f.manager, "調査 次郎"));
  REQUIRE(v->change_settings(f.manager, 600, "17:15"));
  REQUIRE(v->surveys().create(f.manager, "s-1", 2026, "令和8年度|第1回"));
  auto faults = v->check_state();
  REQUIRE(faults);
  for (const auto& fault : *faults) UNSCOPED_INFO(survey::fault_line(fault));
  CHECK(faults->empty());
  // The events say the values: the survey's title, never its key.
  auto events = survey::load_audit_events(v->database());
  REQUIRE(events);
  const std::string& made = events->back().detail;
  CHECK(made.find("+surveys/s-1=2026,%E4%BB%A4") != std::string::npos);
  CHECK(made.find(",#") != std::string::npos);  // the key as its digest
}

TEST_CASE("the kiosk does not open a vault whose tables differ from its log, doctor does") {
  DemoVault f;
  f.edit("UPDATE users SET role = 'manager' WHERE id = '調査 次郎';");
  {
    auto v = f.open();
    auto refused = v->unlock("調査 次郎", pass("investigator passphrase"));
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == "vault.state_mismatch");
    CHECK(refused.error().message.find("shogo-admin doctor") != std::string::npos);
    CHECK_FALSE(v->is_open());  // the keys left memory
  }
  auto v = f.open(Vault::StateCheck::report);
  REQUIRE(v->unlock(f.manager, pass("manager passphrase")));
  REQUIRE(v->state_faults().size() == 1);
  CHECK(v->state_faults()[0].table == "users");
  CHECK(v->state_faults()[0].key == "調査 次郎");
  CHECK(v->state_faults()[0].kind == StateFault::Kind::changed);
  // The refusal stands in the log.
  CHECK(count_outcome(*v, "unlock", "vault.state_mismatch") == 1);
}

TEST_CASE("a crash between a slot change's commit and the keyslots write is completed at unlock") {
  DemoVault f;
  const auto old_slots = test::read_bytes(f.dir / "keyslots");
  {
    auto v = f.open();
    REQUIRE(v->unlock(f.manager, pass("manager passphrase")));
    const auto p = pass("new one");
    REQUIRE(v->users().add(f.manager, {"新人 三郎", Role::investigator, &p}, kCheap));
  }
  // As a crash would leave it: the change committed with the new file staged,
  // the file on disk still the old one.
  const auto new_slots = test::read_bytes(f.dir / "keyslots");
  test::write_bytes(f.dir / "keyslots", old_slots);
  {
    crypto::SecureBuffer key;
    auto v = f.open(Vault::StateCheck::report);
    REQUIRE(v->unlock(f.manager, pass("manager passphrase")));
    key = test::bytes_from_hex(*v->demo_vault_key_hex(), 32);
    v->close(f.manager, "test");
    auto db = storage::Database::open(f.dir / "vault.db", key, storage::OpenMode::open_existing);
    REQUIRE(db);
    auto st = storage::Statement::prepare(*db, "INSERT INTO keyslots_pending VALUES(1, ?)");
    REQUIRE(st);
    REQUIRE(st->bind_blob(1, new_slots));
    REQUIRE(st->step());
  }
  auto v = f.open();
  REQUIRE(v->unlock(f.manager, pass("manager passphrase")));
  CHECK(v->state_faults().empty());
  CHECK(test::read_bytes(f.dir / "keyslots") == new_slots);
  v->close(f.manager, "test");
  auto again = f.open();
  CHECK(again->unlock("新人 三郎", pass("new one")));
}

TEST_CASE("a row digest does not depend on the order of the rows, and adds up") {
  using Cols = survey::RowDigest::Columns;
  Cols a{}, b{}, c{};
  for (std::size_t i = 0; i < a.size(); ++i) {
    a[i] = "a";
    b[i] = "b";
    c[i] = std::nullopt;
  }
  survey::RowDigest one, two, part;
  one.add_row(a);
  one.add_row(b);
  one.add_row(c);
  two.add_row(c);
  two.add_row(a);
  part.add_row(b);
  two.add(part);
  CHECK(one == two);
  CHECK(one.rows() == 3);
  CHECK(survey::RowDigest::parse(one.hex(), 3) == one);
  survey::RowDigest twice;
  twice.add_row(a);
  twice.add_row(a);  // a duplicated row is not a no-op (no XOR)
  survey::RowDigest once;
  once.add_row(a);
  CHECK_FALSE(twice.hex() == once.hex());
  Cols empty_text = c;
  empty_text[0] = "";
  survey::RowDigest null_row, empty_row;
  null_row.add_row(c);
  empty_row.add_row(empty_text);
  CHECK_FALSE(null_row == empty_row);  // NULL and "" differ
}

TEST_CASE("a row stored before the search condition existed hashes as it did (15 columns)") {
  // The row's bytes as survey schema 2 hashed them: each of the 15 columns a
  // byte 1, a u32 length (little-endian) and the text; NULL a byte 0.
  using Cols = survey::RowDigest::Columns;
  Cols row{};
  std::string bytes;
  std::deque<std::string> texts;  // the views below point into it
  for (std::size_t i = 0; i < 15; ++i) {
    if (i == 13) {  // reference: NULL
      bytes.push_back('\0');
      continue;
    }
    const std::string text = "c" + std::to_string(i);
    row[i] = std::string_view(texts.emplace_back(text));
    bytes.push_back('\1');
    const auto n = static_cast<std::uint32_t>(text.size());
    for (int b = 0; b < 4; ++b) bytes.push_back(static_cast<char>((n >> (8 * b)) & 0xFF));
    bytes += text;
  }
  std::array<unsigned char, crypto_hash_sha256_BYTES> hash{};
  crypto_hash_sha256(hash.data(), reinterpret_cast<const unsigned char*>(bytes.data()),
                     bytes.size());
  survey::RowDigest digest;
  digest.add_row(row);  // search_condition (the 16th) NULL: left out
  CHECK(digest.hex() == [&] {
    std::array<char, 65> hex{};
    sodium_bin2hex(hex.data(), hex.size(), hash.data(), hash.size());
    return std::string(hex.data());
  }());
  // With a search condition the row hashes otherwise.
  Cols typed = row;
  typed[15] = "カナ=テスト";
  survey::RowDigest with;
  with.add_row(typed);
  CHECK_FALSE(with == digest);
}
