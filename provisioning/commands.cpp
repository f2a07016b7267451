#include "provisioning/commands.hpp"

#include <map>
#include <set>
#include <string>

#include "crypto/startup.hpp"
#include "kiosk/survey/synthetic_ward.hpp"
#include "storage/sqlcipher_probe.hpp"

namespace shogo::provisioning {

int run_selftest(std::FILE* out, std::FILE* err) {
  if (auto s = crypto::run_self_tests(); !s) {
    std::fprintf(err, "selftest: FAILED: %s\n", s.error().message.c_str());
    return 1;
  }
  std::fputs("crypto self-tests: ok (BLAKE2b RFC 7693 vector, XChaCha20-Poly1305 round trip)\n",
             out);
  auto info = storage::probe_sqlcipher();
  if (!info) {
    std::fprintf(err, "selftest: FAILED: %s\n", info.error().message.c_str());
    return 1;
  }
  std::fprintf(out, "sqlcipher: %s on sqlite %s\n", info->cipher_version.c_str(),
               info->sqlite_version.c_str());
  return 0;
}

int run_ward(std::uint64_t seed, std::FILE* out) {
  survey::synthetic::WardOptions options;
  options.seed = seed;
  const auto ward = survey::synthetic::generate_ward(options);
  std::fprintf(out, "synthetic ward (seed %llu) — synthetic people, never real residents\n",
               static_cast<unsigned long long>(seed));
  std::fprintf(out,
               "sites: %zu, terminals: %zu, operators: %zu, residents: %zu, access rows: %zu\n",
               ward.sites.size(), ward.terminals.size(), ward.operators.size(),
               ward.residents.size(), ward.access_log.size());
  // P6.2 counts persons, not rows; here a person is name + birth date.
  std::map<survey::System, std::pair<std::size_t, std::set<std::string>>> per_system;
  for (const auto& row : ward.access_log) {
    auto& entry = per_system[row.system];
    ++entry.first;
    entry.second.insert(row.resident_name + "|" + survey::format_date(row.resident_birth));
  }
  for (const auto& [system, entry] : per_system) {
    std::fprintf(out, "  %-8s rows: %5zu  distinct viewed persons: %zu\n",
                 std::string(survey::system_id(system)).c_str(), entry.first, entry.second.size());
  }
  return 0;
}

}  // namespace shogo::provisioning
