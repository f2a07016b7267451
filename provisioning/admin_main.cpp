// shogo-admin — provisioning and maintenance from the command line.
//
// Links crypto, storage and survey; never ui, shell, ImGui, GLFW or GL (a
// test checks the binary's dynamic dependencies). Commands of this version:
//
//   shogo-admin selftest           crypto known-answer tests, SQLCipher probe
//   shogo-admin ward [--seed N]    summary of the synthetic ward (demo data)
//
// The vault commands (init, user, doctor, demo) arrive with the vault issue.

#include <CLI/CLI.hpp>

#include <cstdio>
#include <map>
#include <set>

#include "crypto/startup.hpp"
#include "kiosk/survey/synthetic_ward.hpp"
#include "storage/sqlcipher_probe.hpp"

namespace {

using namespace shogo;

int run_selftest() {
  if (auto s = crypto::run_self_tests(); !s) {
    std::fprintf(stderr, "selftest: FAILED: %s\n", s.error().message.c_str());
    return 1;
  }
  std::puts("crypto self-tests: ok (BLAKE2b RFC 7693 vector, XChaCha20-Poly1305 round trip)");
  auto info = storage::probe_sqlcipher();
  if (!info) {
    std::fprintf(stderr, "selftest: FAILED: %s\n", info.error().message.c_str());
    return 1;
  }
  std::printf("sqlcipher: %s on sqlite %s\n", info->cipher_version.c_str(),
              info->sqlite_version.c_str());
  return 0;
}

int run_ward(std::uint64_t seed) {
  survey::synthetic::WardOptions options;
  options.seed = seed;
  const auto ward = survey::synthetic::generate_ward(options);
  std::printf("synthetic ward (seed %llu) — synthetic people, never real residents\n",
              static_cast<unsigned long long>(seed));
  std::printf("sites: %zu, terminals: %zu, operators: %zu, residents: %zu, access rows: %zu\n",
              ward.sites.size(), ward.terminals.size(), ward.operators.size(),
              ward.residents.size(), ward.access_log.size());
  std::map<survey::System, std::pair<std::size_t, std::set<std::string>>> per_system;
  for (const auto& row : ward.access_log) {
    auto& entry = per_system[row.system];
    ++entry.first;
    entry.second.insert(row.resident_name + "|" + survey::format_date(row.resident_birth));
  }
  for (const auto& [system, entry] : per_system) {
    std::printf("  %-8s rows: %5zu  distinct viewed persons: %zu\n",
                std::string(survey::system_id(system)).c_str(), entry.first, entry.second.size());
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"shogo-admin — provisioning and maintenance of a Shogo appliance"};
  cli.require_subcommand(1);
  auto* selftest = cli.add_subcommand("selftest", "Run the start-up self-tests and report");
  std::uint64_t seed = 20261128;
  auto* ward = cli.add_subcommand("ward", "Summarise the synthetic ward used by the demo");
  ward->add_option("--seed", seed, "Seed of the generator");
  CLI11_PARSE(cli, argc, argv);

  if (auto s = crypto::harden_process(); !s) {
    std::fprintf(stderr, "shogo-admin: %s\n", s.error().message.c_str());
    return 1;
  }
  if (auto s = crypto::initialise(); !s) {
    std::fprintf(stderr, "shogo-admin: %s\n", s.error().message.c_str());
    return 1;
  }
  if (selftest->parsed()) return run_selftest();
  if (ward->parsed()) return run_ward(seed);
  return 2;
}
