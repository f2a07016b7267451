#pragma once
// VaultFixture — a real vault for the survey tests: real keyslots, real
// SQLCipher files, real Argon2id (at a small cost so the suite stays fast; the
// appliance's own cost is calibrated), three users and a fake clock.
#include <catch2/catch.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string_view>
#include <utility>

#include "kiosk/survey/vault.hpp"
#include "tests/support/secrets.hpp"
#include "tests/support/temp_dir.hpp"

namespace shogo::test {

inline constexpr crypto::KdfCost kCheap{1, 8 * 1024};

inline crypto::SecureBuffer pass(std::string_view text) { return secure(text); }

// 管理 一郎 (manager), 総括 花子 (supervisor), 調査 次郎 (investigator); each
// passphrase is "<role> passphrase".
struct VaultFixture {
  TempDir tmp;
  std::filesystem::path dir = tmp / "vault";
  std::int64_t now = 1795000000;  // the vault's clock once opened
  crypto::SecureBuffer recovery_text;
  crypto::SecureBuffer audit_seed_hex;

  VaultFixture() {
    using survey::Role;
    const auto m = pass("manager passphrase");
    const auto s = pass("supervisor passphrase");
    const auto i = pass("investigator passphrase");
    auto created = survey::Vault::create(dir,
                                         {{"管理 一郎", Role::manager, &m},
                                          {"総括 花子", Role::supervisor, &s},
                                          {"調査 次郎", Role::investigator, &i}},
                                         kCheap, /*demo=*/false);
    REQUIRE(created.ok());
    recovery_text = std::move(created->recovery_key_text);
    audit_seed_hex = std::move(created->audit_seed_hex);
  }
  std::unique_ptr<survey::Vault> open() {
    auto v = survey::Vault::open(dir, [this] { return now; });
    REQUIRE(v.ok());
    return std::move(v.value());
  }
};

}  // namespace shogo::test
