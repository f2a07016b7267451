// shogo-admin — provisioning and maintenance from the command line.
//
// Links provisioning, survey, storage and crypto; never ui, shell, ImGui, GLFW
// or GL (tests/provisioning checks the binary). The vault commands (init,
// user, doctor, demo) arrive with the vault issue.

#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>

#include "crypto/startup.hpp"
#include "provisioning/commands.hpp"

namespace {

int run(int argc, char** argv) {
  using namespace shogo;
  CLI::App cli{"shogo-admin — provisioning and maintenance of a Shogo appliance"};
  cli.require_subcommand(1);
  auto* selftest = cli.add_subcommand("selftest", "Run the start-up self-tests and report");
  std::uint64_t seed = 20261128;
  auto* ward = cli.add_subcommand("ward", "Summarise the synthetic ward used by the demo");
  ward->add_option("--seed", seed, "Seed of the generator");
  CLI11_PARSE(cli, argc, argv);

  for (auto step : {&crypto::harden_process, &crypto::initialise}) {
    if (auto s = step(); !s) {
      std::fprintf(stderr, "shogo-admin: %s\n", s.error().message.c_str());
      return 1;
    }
  }
  if (selftest->parsed()) return provisioning::run_selftest(stdout, stderr);
  if (ward->parsed()) return provisioning::run_ward(seed, stdout);
  return 2;
}

}  // namespace

// Anything thrown that the code above did not handle ends here, in one plain
// line (exception texts never hold secrets or personal data in Shogo); the
// service manager restarts the kiosk.
int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "shogo-admin: unexpected error: %s\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "shogo-admin: unexpected error\n");
  }
  return 70;
}
