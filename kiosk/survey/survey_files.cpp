#include "kiosk/survey/survey_files.hpp"

#include <sodium.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <system_error>
#include <utility>

#include "kiosk/survey/row_digest.hpp"
#include "kiosk/survey/sheet_store.hpp"
#include "kiosk/survey/vault.hpp"

namespace shogo::survey {

namespace fs = std::filesystem;

bool valid_survey_id(std::string_view id) {
  return !id.empty() && id.size() <= 40 && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
  });
}

std::vector<std::string> SurveyFiles::ids() {
  std::vector<std::string> ids;
  if (!vault_.is_open()) return ids;
  auto st = storage::Statement::prepare(vault_.database(), "SELECT id FROM surveys ORDER BY id");
  if (!st) return ids;
  while (true) {
    auto r = st->step();
    if (!r || !*r) break;
    ids.push_back(st->column_text(0));
  }
  return ids;
}

Result<storage::Database> SurveyFiles::create(const std::string& actor,
                                              const std::string& survey_id, int fiscal_year,
                                              const std::string& title) {
  if (!vault_.is_open()) return Error{"vault.locked", N_("The vault is locked.")};
  if (!valid_survey_id(survey_id)) {
    return Error{"survey.bad_id", N_("A survey id uses letters, digits and '-' only.")};
  }
  // P6.1: the manager (調査責任者) begins a survey.
  const VaultUser* user = vault_.users().find(actor);
  if (user == nullptr || user->disabled || user->role != Role::manager) {
    return Error{"survey.not_manager", N_("Only the manager creates a survey.")};
  }
  const auto key = crypto::SecureBuffer::random(storage::Database::kKeySize);
  const fs::path file = vault_.paths().survey(survey_id);
  std::optional<storage::Database> survey;  // made by the change; removed if it does not commit
  const Vault::AuditedChange what{
      AuditAction::survey_create, AuditObjects().add("survey", survey_id), {}};
  Status made = vault_.change(actor, what, [&](storage::Database& db) -> Result<std::string> {
    auto st = storage::Statement::prepare(
        db,
        "INSERT INTO surveys(id, fiscal_year, title, survey_key, created_at) VALUES(?,?,?,?,?)");
    if (!st) return st.error();
    if (auto s = st->bind_text(1, survey_id); !s) return s.error();
    if (auto s = st->bind_int64(2, fiscal_year); !s) return s.error();
    if (auto s = st->bind_text(3, title); !s) return s.error();
    if (auto s = st->bind_blob(4, key.bytes()); !s) return s.error();
    if (auto s = st->bind_int64(5, vault_.now()); !s) return s.error();
    if (auto r = st->step(); !r) {
      return r.error().code == "db.constraint"
                 ? Error{"survey.exists", N_("A survey with this id already exists.")}
                 : r.error();
    }
    auto opened = storage::Database::open(file, key, storage::OpenMode::create_new);
    if (!opened) return opened.error();  // never remove a file this call did not make
    survey.emplace(std::move(opened.value()));
    // The file has its schema from the start.
    if (auto s = prepare_survey_file(*survey); !s) return s.error();
    return std::string();
  });
  if (!made) {
    if (survey) {
      std::error_code ec;
      survey->close();
      fs::remove(file, ec);
    }
    return made.error();
  }
  return std::move(*survey);
}

Result<crypto::SecureBuffer> SurveyFiles::key(const std::string& survey_id) {
  auto st =
      storage::Statement::prepare(vault_.database(), "SELECT survey_key FROM surveys WHERE id = ?");
  if (!st) return st.error();
  if (auto s = st->bind_text(1, survey_id); !s) return s.error();
  auto r = st->step();
  if (!r) return r.error();
  if (!*r) return Error{"survey.unknown", N_("There is no such survey.")};
  return st->column_secure_blob(0);
}

Result<storage::Database> SurveyFiles::open(const std::string& survey_id) {
  if (!vault_.is_open()) return Error{"vault.locked", N_("The vault is locked.")};
  auto key = this->key(survey_id);
  if (!key) return key.error();
  const fs::path file = vault_.paths().survey(survey_id);
  std::error_code ec;
  if (!fs::exists(file, ec)) {
    return Error{"survey.file_missing",
                 N_("The survey's data file is missing. Its records in the vault are kept.")};
  }
  return storage::Database::open(file, *key, storage::OpenMode::open_existing);
}

Result<std::vector<SurveyFiles::RowsFault>> SurveyFiles::check_rows(const std::string& survey_id) {
  if (!vault_.is_open()) return Error{"vault.locked", N_("The vault is locked.")};
  // What the vault recorded: each source's imports, added up.
  struct Recorded {
    RowDigest digest;
    bool complete = true;  // every import has its digest
  };
  std::map<std::string, Recorded> recorded;
  auto st = storage::Statement::prepare(
      vault_.database(), "SELECT sha256, stored, rows_digest FROM imports WHERE survey_id = ?");
  if (!st) return st.error();
  if (auto b = st->bind_text(1, survey_id); !b) return b.error();
  for (;;) {
    auto more = st->step();
    if (!more) return more.error();
    if (!*more) break;
    Recorded& r = recorded[st->column_text(0)];
    const auto stored = static_cast<std::uint64_t>(st->column_int64(1));
    if (auto d = RowDigest::parse(st->column_text_view(2), stored)) {
      r.digest.add(*d);
    } else {
      r.complete = false;  // an import made before digests: it cannot be checked
    }
  }
  auto file = open(survey_id);
  if (!file) return file.error();
  if (auto s = prepare_survey_file(*file); !s) return s.error();
  auto found = survey_file_digests(*file);
  if (!found) return found.error();
  std::vector<RowsFault> faults;
  for (const auto& [source, r] : recorded) {
    const auto it = found->find(source);
    const RowDigest there = it == found->end() ? RowDigest{} : it->second;
    if (!r.complete || !(there == r.digest)) {
      faults.push_back({source, r.digest.rows(), there.rows(), r.complete});
    }
  }
  for (const auto& [source, d] : *found) {
    if (recorded.count(source) == 0) faults.push_back({source, 0, d.rows(), true});
  }
  return faults;
}

Status SurveyFiles::attach(const std::string& survey_id) {
  {
    auto survey = open(survey_id);
    if (!survey) return survey.error();
    if (auto s = prepare_survey_file(*survey); !s) return s;
  }
  auto key = this->key(survey_id);
  if (!key) return key.error();
  return vault_.database().attach(vault_.paths().survey(survey_id), *key, "survey");
}

Status SurveyFiles::detach() { return vault_.database().detach("survey"); }

Result<crypto::SecureBuffer> SurveyFiles::demo_key_hex(const std::string& survey_id) {
  if (!vault_.demo()) return Error{"vault.not_demo", N_("Keys are printed only for a demo vault.")};
  if (!vault_.is_open()) return Error{"vault.locked", N_("The vault is locked.")};
  auto key = this->key(survey_id);
  if (!key) return key.error();
  crypto::SecureBuffer hex(key->size() * 2 + 1);
  sodium_bin2hex(reinterpret_cast<char*>(hex.data()), hex.size(), key->data(), key->size());
  return hex;
}

}  // namespace shogo::survey
