#include "provisioning/demo_vault.hpp"

#include <cstring>

#include "kiosk/survey/sheet_store.hpp"
#include "kiosk/survey/synthetic_ward.hpp"
#include "kiosk/survey/vault.hpp"

namespace shogo::provisioning {

namespace {

constexpr DemoUser kDemoUsers[] = {
    {"髙木 誠", survey::Role::manager, "demo-manager-1"},
    {"山\uFA11 道子", survey::Role::supervisor, "demo-supervisor-1"},
    {"佐藤 由美", survey::Role::investigator, "demo-investigator-1"},
    {"\U00020BB7川 健二", survey::Role::investigator, "demo-investigator-2"},
};

crypto::SecureBuffer secure_copy(std::string_view text) {
  crypto::SecureBuffer b(text.size());
  std::memcpy(b.data(), text.data(), text.size());
  return b;
}

}  // namespace

std::span<const DemoUser> demo_users() { return kDemoUsers; }

crypto::KdfCost demo_kdf_cost() { return {1, crypto::kMinMemlimitKib}; }

Result<survey::CreatedVault> make_demo_vault(const std::filesystem::path& dir, std::uint64_t seed,
                                             crypto::KdfCost cost) {
  std::vector<crypto::SecureBuffer> passphrases;
  std::vector<survey::NewUser> users;
  passphrases.reserve(std::size(kDemoUsers));
  for (const DemoUser& u : kDemoUsers) passphrases.push_back(secure_copy(u.passphrase));
  for (std::size_t i = 0; i < std::size(kDemoUsers); ++i) {
    users.push_back({std::string(kDemoUsers[i].name), kDemoUsers[i].role, &passphrases[i]});
  }
  auto created = survey::Vault::create(dir, users, cost, /*demo=*/true);
  if (!created) return created.error();

  auto vault = survey::Vault::open(dir);
  if (!vault) return vault.error();
  const DemoUser& manager = kDemoUsers[0];
  if (auto r = (*vault)->unlock(std::string(manager.name), passphrases[0]); !r) return r.error();
  auto survey_db = (*vault)->create_survey(std::string(manager.name), std::string(kDemoSurveyId),
                                           2026, "デモ調査（合成データ）");
  if (!survey_db) return survey_db.error();
  if (auto s = survey::prepare_survey_file(*survey_db); !s) return s.error();
  survey::synthetic::WardOptions options;
  options.seed = seed;
  const auto ward = survey::synthetic::generate_ward(options);
  if (auto s = survey::store_access_rows(*survey_db, ward.access_log); !s) return s.error();
  survey_db->close();
  (*vault)->close(std::string(manager.name), "demo made");
  return std::move(created.value());
}

}  // namespace shogo::provisioning
