#pragma once
// The demo vault (`shogo-admin demo`): demo users with printed passphrases and
// one survey holding the synthetic ward's access log — never real people.
// Marked as a demo in keyslots, so the kiosk's title says デモ and keys may be
// printed for tests (`--print-keys`), which a real vault refuses.

#include <cstdint>
#include <filesystem>
#include <span>
#include <string_view>

#include "crypto/kdf.hpp"
#include "kiosk/survey/domain.hpp"
#include "kiosk/survey/vault.hpp"
#include "storage/base/result.hpp"

namespace shogo::provisioning {

struct DemoUser {
  std::string_view name;  // as on the lock screen
  survey::Role role;
  std::string_view passphrase;  // printed by `shogo-admin demo`; demo only
};
std::span<const DemoUser> demo_users();
inline constexpr std::string_view kDemoSurveyId = "demo-2026-1";  // designated, sheets imported
inline constexpr std::string_view kDemoDraftSurveyId =
    "demo-2026-2";                                             // a draft: designate and import
inline constexpr survey::TimeOfDay kDemoWindowFrom{8, 30, 0};  // demo-2026-1's designation
inline constexpr survey::TimeOfDay kDemoWindowTo{12, 0, 0};

// Argon2id at the appliance's minimum memory (256 MiB) and one pass: a demo
// vault opens in a fraction of a second. Real vaults are calibrated.
crypto::KdfCost demo_kdf_cost();

// Returns what `create` returns (recovery key, audit seed), to print for tests.
// The vault goes through the real workflow: the ward's sites and terminals;
// demo-2026-1 designated by the supervisor (every system, the ward's day,
// kDemoWindowFrom–To, every terminal) with the four synthetic sheets imported
// by the manager; demo-2026-2 a draft. When `import_dir` is given, the four
// sheets are also written there (<kind>.csv) for the kiosk's import screen.
[[nodiscard]] Result<survey::CreatedVault> make_demo_vault(
    const std::filesystem::path& dir, std::uint64_t seed, crypto::KdfCost cost,
    const std::filesystem::path& import_dir = {});

}  // namespace shogo::provisioning
