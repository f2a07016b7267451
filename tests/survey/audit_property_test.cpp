// Property tests of the audit log on a real vault: random sequences of vault
// actions always verify with the paper seed; a process killed (SIGKILL) at a
// random moment in the middle of actions leaves a log that still verifies and
// matches what was committed: every survey in vault.db has its survey_create
// event and every event's change is there.
#include <catch2/catch.hpp>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <random>
#include <set>

#include "kiosk/survey/audit_log.hpp"
#include "kiosk/survey/vault.hpp"
#include "tests/support/secrets.hpp"
#include "tests/support/temp_dir.hpp"

using namespace shogo;
using survey::Role;

namespace {

constexpr crypto::KdfCost kCheap{1, 8 * 1024};

crypto::SecureBuffer pass(std::string_view text) { return test::secure(text); }

crypto::SecureBuffer make_vault(const std::filesystem::path& dir) {
  const auto m = pass("manager passphrase");
  auto created = survey::Vault::create(dir, {{"管理 一郎", Role::manager, &m}}, kCheap, false);
  REQUIRE(created.ok());
  return test::bytes_from_hex(created->audit_seed_hex, crypto::audit::kSeedBytes);
}

// One random action; returns false only when the vault refused it on purpose.
void random_action(survey::Vault& vault, std::mt19937& rng, int& counter) {
  const std::string n = std::to_string(counter++);
  switch (rng() % 4) {
    case 0: {
      const auto p = pass("passphrase " + n);
      (void)vault.users().add("管理 一郎", {"利用者 " + n, Role::investigator, &p}, kCheap);
      break;
    }
    case 1: (void)vault.surveys().create("管理 一郎", "s-" + n, 2026, "t"); break;
    case 2:
      (void)vault.record("管理 一郎", survey::AuditAction::view_personal_data, "screen=import");
      break;
    default: {
      for (const auto& u : vault.users().all()) {
        if (u.role == Role::investigator && !u.disabled) {
          (void)vault.users().disable("管理 一郎", u.id);
          break;
        }
      }
    }
  }
}

void check_log_matches_state(survey::Vault& vault, const crypto::SecureBuffer& seed) {
  auto events = survey::load_audit_events(vault.database());
  REQUIRE(events.ok());
  const auto report = crypto::audit::verify(*events, &seed, {});
  INFO(report.message);
  REQUIRE(report.ok);
  std::set<std::string> created;
  for (const auto& e : *events) {
    if (e.action == "survey_create") created.insert(e.objects.substr(7));  // "survey=…"
  }
  for (const std::string& id : vault.surveys().ids()) {
    INFO(id);
    CHECK(created.count(id) == 1);  // no committed change without its event
  }
  CHECK(created.size() == vault.surveys().ids().size());  // and no event without its change
}

}  // namespace

TEST_CASE("random sequences of vault actions always verify with the seed") {
  for (unsigned run = 0; run < 5; ++run) {
    test::TempDir tmp;
    const auto seed = make_vault(tmp / "vault");
    auto vault = survey::Vault::open(tmp / "vault");
    REQUIRE(vault.ok());
    REQUIRE((*vault)->unlock("管理 一郎", pass("manager passphrase")).ok());
    std::mt19937 rng(run * 7919u + 1u);
    int counter = 0;
    for (int i = 0; i < 25; ++i) random_action(**vault, rng, counter);
    check_log_matches_state(**vault, seed);
  }
}

TEST_CASE("a process killed in the middle of actions leaves a log that verifies") {
  for (unsigned run = 0; run < 4; ++run) {
    test::TempDir tmp;
    const auto dir = tmp / "vault";
    const auto seed = make_vault(dir);
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      auto vault = survey::Vault::open(dir);
      if (!vault || !(*vault)->unlock("管理 一郎", pass("manager passphrase"))) _exit(2);
      std::mt19937 rng(run + 11u);
      int counter = 0;
      for (;;) random_action(**vault, rng, counter);  // until killed
    }
    std::mt19937 timing(run);
    usleep(200000 + static_cast<useconds_t>(timing() % 400000));
    REQUIRE(kill(child, SIGKILL) == 0);
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    REQUIRE(WIFSIGNALED(status));
    auto vault = survey::Vault::open(dir);
    REQUIRE(vault.ok());  // keyslots was never half-written (atomic replace)
    REQUIRE((*vault)->unlock("管理 一郎", pass("manager passphrase")).ok());
    check_log_matches_state(**vault, seed);
  }
}
