// Crash safety of the daily work (P6.4.c, P6.5): a process that decides,
// corrects, returns and borrows again is killed (SIGKILL) at random moments,
// 24 times; after each kill the vault must unlock (its tables replay from
// the audit chain), pass SQLCipher's integrity check, hold every decision
// the process had seen committed, and have at most one open lending per sheet.
#include <catch2/catch.hpp>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <random>
#include <thread>

#include "crypto/audit_chain.hpp"
#include "kiosk/survey/audit_log.hpp"
#include "kiosk/survey/ledger.hpp"
#include "kiosk/survey/reconciliation.hpp"
#include "provisioning/demo_vault.hpp"
#include "tests/support/temp_dir.hpp"

using namespace shogo;
using namespace shogo::survey;

namespace {

crypto::SecureBuffer secure(std::string_view text) {
  crypto::SecureBuffer b(text.size());
  std::memcpy(b.data(), text.data(), text.size());
  return b;
}

std::string user(std::size_t i) { return std::string(provisioning::demo_users()[i].name); }
crypto::SecureBuffer pass(std::size_t i) {
  return secure(provisioning::demo_users()[i].passphrase);
}
const std::string kSurvey(provisioning::kDemoSurveyId);

// The child: decides group after group (every fifth one corrected at once),
// returns the sheet and borrows it again every 15 decisions, and writes the
// id of every decision row it saw committed to `fd`. Never returns.
[[noreturn]] void work(const std::filesystem::path& dir, int fd) {
  auto v = Vault::open(dir);
  if (!v || !(*v)->unlock(user(0), pass(0))) ::_exit(3);
  Vault& vault = **v;
  std::size_t step = 0;
  for (;;) {
    auto lending = holding(vault, user(3), kSurvey, System::koseki);
    if (!lending) {
      auto l = lend(vault, user(3), kSurvey, System::koseki, user(0), pass(0));
      if (!l) ::_exit(4);
      continue;
    }
    auto sheet = open_lent_sheet(vault, user(3), kSurvey, System::koseki);
    if (!sheet) ::_exit(5);
    for (int n = 0; n < 15; ++n, ++step) {
      const std::size_t g = step % sheet->groups().size();
      const auto& group = sheet->groups()[g];
      DecisionInput in;
      const auto allowed = allowed_documents(group.operation, group.operator_kind);
      if (!group.operator_kind) continue;
      if (allowed.empty() || step % 3 == 0) {
        in.outcome = Outcome::not_found;
      } else {
        in.document = allowed[step % allowed.size()];
        in.reference = "第" + std::to_string(step) + "号";
        in.keep_differing_reference = true;
      }
      auto d = decide(vault, *sheet, user(3), g, in);
      if (!d) ::_exit(6);
      const std::int64_t id = d->id;
      if (::write(fd, &id, sizeof id) != sizeof id) ::_exit(7);
      if (step % 5 == 0) {
        auto u = undo_last_decision(vault, *sheet, user(3));
        if (!u) ::_exit(8);
      }
    }
    if (!return_sheet(vault, user(3), lending->id, user(0), pass(0))) ::_exit(9);
  }
}

}  // namespace

TEST_CASE(
    "P6.5 killed at random moments 24 times the work loses no committed decision and the "
    "ledger and the chain stay consistent") {
  test::TempDir tmp;
  const auto dir = tmp / "vault";
  REQUIRE(provisioning::make_demo_vault(dir, 7, {1, 8 * 1024}).ok());
  {
    auto v = Vault::open(dir);
    REQUIRE(v.ok());
    REQUIRE((*v)->unlock(user(0), pass(0)).ok());
    REQUIRE((*v)->unlock(user(1), pass(1)).ok());
    const auto s = pass(1);
    REQUIRE(complete_sheets(**v, user(0), kSurvey, Shortfall{user(1), &s}));
    (*v)->close(user(0), "test");
  }
  std::mt19937 random(20261206);
  std::int64_t committed = 0;
  int kills = 0, exits = 0;
  for (int run = 0; run < 24; ++run) {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      ::close(fds[0]);
      work(dir, fds[1]);
    }
    ::close(fds[1]);
    // Long enough to unlock (Argon2id) and commit a few, short enough to land anywhere.
    std::this_thread::sleep_for(std::chrono::milliseconds(150 + random() % 600));
    if (::kill(pid, SIGKILL) == 0) ++kills;
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    if (WIFEXITED(status)) {
      ++exits;
      INFO("the worker stopped by itself with " << WEXITSTATUS(status));
      CHECK(false);
    }
    std::int64_t id = 0;
    while (::read(fds[0], &id, sizeof id) == sizeof id) committed = std::max(committed, id);
    ::close(fds[0]);

    // The next start: unlock replays the chain against the tables.
    auto v = Vault::open(dir);
    REQUIRE(v.ok());
    Vault& vault = **v;
    INFO("run " << run);
    REQUIRE(vault.unlock(user(0), pass(0)).ok());
    CHECK(vault.database().integrity_check());
    auto events = load_audit_events(vault.database());
    REQUIRE(events.ok());
    CHECK(crypto::audit::verify(*events, nullptr, {}).ok);
    auto faults = vault.check_state();
    REQUIRE(faults.ok());
    CHECK(faults->empty());
    // Every decision the worker saw committed is there.
    CHECK(*vault.database().query_int("SELECT coalesce(max(id), 0) FROM decisions") >= committed);
    // One holder at most.
    auto open = open_lendings(vault);
    REQUIRE(open.ok());
    CHECK(open->size() <= 1);
    vault.close(user(0), "test");
  }
  CHECK(kills == 24);
  CHECK(committed > 24);  // the kills landed among decisions, not all before the first
  WARN("kills " << kills << ", decisions committed before the last kill: " << committed);
}
