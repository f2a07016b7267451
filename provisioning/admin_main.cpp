// shogo-admin — provisioning and maintenance from the command line.
//
// Links provisioning, survey, storage and crypto; never ui, shell, ImGui, GLFW
// or GL (tests/provisioning checks the binary). The vault commands (init,
// user, doctor, demo) arrive with the vault issue.

#include <CLI/CLI.hpp>

#include <cstdio>

#include "crypto/startup.hpp"
#include "provisioning/commands.hpp"

int main(int argc, char** argv) {
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
