#include "provisioning/demo_vault.hpp"

#include <stdlib.h>

#include <cstring>

#include "kiosk/survey/phrases.hpp"
#include "kiosk/survey/roster.hpp"
#include "kiosk/survey/sheet_import.hpp"
#include "kiosk/survey/sheet_store.hpp"
#include "kiosk/survey/survey_register.hpp"
#include "kiosk/survey/vault.hpp"
#include "provisioning/synthetic/synthetic_sheets.hpp"
#include "provisioning/synthetic/synthetic_ward.hpp"

namespace shogo::provisioning {

namespace {

constexpr DemoUser kDemoUsers[] = {
    {"髙木 誠", survey::Role::manager, "demo-manager-1"},
    {"山\uFA11 道子", survey::Role::supervisor, "demo-supervisor-1"},
    {"佐藤 由美", survey::Role::investigator, "demo-investigator-1"},
    {"\U00020BB7川 健二", survey::Role::investigator, "demo-investigator-2"},
};

// A private temporary folder (mkdtemp, 0700) removed with its files when it
// goes out of scope: the demo's synthetic sheets on their way into the vault.
struct ScratchDir {
  std::filesystem::path path;
  ScratchDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "shogo-demo-XXXXXX").string();
    if (::mkdtemp(pattern.data()) != nullptr) path = pattern;
  }
  ~ScratchDir() {
    std::error_code ec;
    if (!path.empty()) std::filesystem::remove_all(path, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
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
                                             crypto::KdfCost cost,
                                             const std::filesystem::path& import_dir) {
  std::vector<crypto::SecureBuffer> passphrases;
  std::vector<survey::NewUser> users;
  passphrases.reserve(std::size(kDemoUsers));
  for (const DemoUser& u : kDemoUsers) passphrases.push_back(secure_copy(u.passphrase));
  for (std::size_t i = 0; i < std::size(kDemoUsers); ++i) {
    users.push_back({std::string(kDemoUsers[i].name), kDemoUsers[i].role, &passphrases[i]});
  }
  auto created = survey::Vault::create(dir, users, cost, /*demo=*/true);
  if (!created) return created.error();

  auto opened = survey::Vault::open(dir);
  if (!opened) return opened.error();
  survey::Vault& vault = **opened;
  const std::string manager(kDemoUsers[0].name);
  const std::string supervisor(kDemoUsers[1].name);
  if (auto r = vault.unlock(manager, passphrases[0]); !r) return r.error();
  if (auto r = vault.unlock(supervisor, passphrases[1]); !r) return r.error();

  survey::synthetic::WardOptions options;
  options.seed = seed;
  const auto ward = survey::synthetic::generate_ward(options);
  for (const auto& site : ward.sites)
    if (auto s = survey::add_site(vault, manager, site); !s) return s.error();
  for (const auto& terminal : ward.terminals)
    if (auto s = survey::add_terminal(vault, manager, terminal); !s) return s.error();
  // P4: the ward's operators, each with their kind and affiliation.
  {
    std::vector<storage::import::RosterEntry> roster;
    for (const auto& op : ward.operators) {
      storage::import::RosterEntry e;
      e.row = roster.size() + 2;
      e.operator_id = op.id;
      e.name = op.display_name;
      e.kind = op.kind;
      e.affiliation = op.kind == survey::OperatorKind::staff            ? "住民情報課"
                      : op.kind == survey::OperatorKind::other_division ? "税務課"
                                                                        : "見本サービス株式会社";
      roster.push_back(std::move(e));
    }
    // P5.3.c: one investigator is also an operator — the staff operator of
    // the first such JUKI access of the designated window is 佐藤 由美's own id.
    const std::string investigator(kDemoUsers[2].name);
    bool mapped = false;
    for (const auto& r : ward.access_log) {
      if (mapped) break;
      if (r.system != survey::System::juki || r.time < kDemoWindowFrom || r.time >= kDemoWindowTo)
        continue;
      for (auto& e : roster) {
        if (e.operator_id == r.operator_id && e.kind == survey::OperatorKind::staff) {
          e.name = investigator;
          e.user = investigator;
          mapped = true;
        }
      }
    }
    if (auto s = survey::replace_roster(vault, manager, roster); !s) return s.error();
  }
  // The manager's frequent phrases for the follow-up (general sentences, no one's data).
  for (const auto& [kind, text] :
       {std::pair{survey::PhraseKind::reason, "窓口での証明書の請求に基づく照会と説明"},
        std::pair{survey::PhraseKind::reason, "他の市町村からの電話照会への対応と説明"},
        std::pair{survey::PhraseKind::reason, "届書の住所を確かめるための照会と説明"},
        std::pair{survey::PhraseKind::measure, "職員研修を行い、照会の記録を月ごとに確認する"},
        std::pair{survey::PhraseKind::measure, "業務外の照会をしないよう所属内で注意を徹底する"}}) {
    if (auto p = survey::add_phrase(vault, manager, kind, text); !p) return p.error();
  }

  for (auto [id, title] : {std::pair{kDemoSurveyId, "デモ調査（合成データ）"},
                           std::pair{kDemoDraftSurveyId, "デモ調査 2（指定前）"}}) {
    auto db = vault.surveys().create(manager, std::string(id), 2026, title);
    if (!db) return db.error();
    if (auto s = survey::prepare_survey_file(*db); !s) return s.error();
  }

  // P6.3: the supervisor designates each system; P6.4: the manager imports.
  const survey::Date today = survey::local_today();
  for (survey::System system : survey::kAllSystems) {
    survey::Designation d;
    d.date = options.day;
    d.from = kDemoWindowFrom;
    d.to = kDemoWindowTo;
    for (const auto& t : ward.terminals)
      if (t.system == system) d.terminal_ids.push_back(t.id);
    auto outcome = survey::designate(vault, supervisor, std::string(kDemoSurveyId), system, d,
                                     {"designation.koseki_old_date"}, today);
    if (!outcome) return outcome.error();
    if (!outcome->stored) {
      return outcome->check.errors.empty() ? Error{"demo.designation", "demo designation refused"}
                                           : outcome->check.errors.front();
    }
  }
  const ScratchDir sheets_dir;
  if (sheets_dir.path.empty()) return Error{"demo.tmp", "no temporary folder for the demo sheets"};
  auto sheets = survey::synthetic::write_reference_sheets(ward.access_log, sheets_dir.path);
  if (!sheets) return sheets.error();
  for (const auto& sheet : *sheets) {
    survey::ImportRequest request;
    request.survey_id = std::string(kDemoSurveyId);
    request.kind = sheet.kind;
    request.file = sheet.file;
    auto report = survey::import_sheet(vault, manager, request);
    if (!report) return report.error();
  }
  if (!import_dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(import_dir, ec);
    for (const auto& sheet : *sheets) {
      std::filesystem::copy_file(sheet.file, import_dir / sheet.file.filename(),
                                 std::filesystem::copy_options::overwrite_existing, ec);
      if (ec) return Error{"demo.import_dir", "the demo sheets could not be written"};
    }
  }
  vault.close(manager, "demo made");
  return std::move(created.value());
}

}  // namespace shogo::provisioning
