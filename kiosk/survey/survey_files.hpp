#pragma once
// SurveyFiles — the surveys' own files (調査ファイル): <dir>/surveys/<id>.db,
// each a SQLCipher database under a random key of its own, kept in vault.db
// (`surveys.survey_key`; design.md, "Data" and "Keys").
//
// Index
//   valid_survey_id()   an id that can be a file name
//   create()            P6.1 a survey begins: its row, key and file   audited as survey_create
//   open()              a survey's file, opened with its key
//   ids()               the surveys vault.db lists, in id order
//   check_rows()        the file's rows against the digests its imports recorded
//   demo_key_hex()      a survey's key, for `shogo-admin demo --print-keys` only
//   (planned) wipe()    P9.2, P10.4.a: the file and its key destroyed, and checked
//
// The Vault owns them and hands them out as `vault.surveys()`; they work on the
// open vault (vault.locked otherwise), through its public interface: a change
// goes through Vault::change(), so it and its audit event commit together or
// neither does. Vault::change() attaches a survey's file through them (a
// private part, for the Vault only). A survey key is a crypto::SecureBuffer
// and leaves this class only for a demo vault.
//
// Error codes: vault.locked, survey.bad_id, survey.not_manager, survey.exists,
// survey.unknown, survey.file_missing, vault.not_demo, and those of the files.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/secure_buffer.hpp"
#include "storage/base/result.hpp"
#include "storage/database.hpp"

namespace shogo::survey {

class Vault;

// A survey id becomes a file name: 1–40 ASCII letters, digits and '-'.
bool valid_survey_id(std::string_view id);

class SurveyFiles {
 public:
  explicit SurveyFiles(Vault& vault) : vault_(vault) {}
  ~SurveyFiles() = default;
  SurveyFiles(const SurveyFiles&) = delete;
  SurveyFiles& operator=(const SurveyFiles&) = delete;

  // P6.1: a manager only (survey.not_manager); the new file has the current
  // survey schema; the survey starts as a draft. A failed create leaves no
  // row and no file.
  [[nodiscard]] Result<storage::Database> create(const std::string& actor,
                                                 const std::string& survey_id, int fiscal_year,
                                                 const std::string& title);
  // The survey's file as it is (prepare_survey_file() migrates it).
  [[nodiscard]] Result<storage::Database> open(const std::string& survey_id);
  std::vector<std::string> ids();  // empty while locked

  // The survey file against what vault.db recorded of it (row_digest.hpp):
  // for each source file, the rows and digest its imports recorded against
  // those the survey file holds. One RowsFault per source that differs; none
  // when all agree. Errors: those of opening the file (missing, another key).
  struct RowsFault {
    std::string source;               // the file's SHA-256; "" for rows of no import
    std::uint64_t recorded_rows = 0;  // what the imports say
    std::uint64_t found_rows = 0;     // what the survey file holds
    bool digest_recorded = true;      // false: an import made before digests (counts only)
  };
  [[nodiscard]] Result<std::vector<RowsFault>> check_rows(const std::string& survey_id);
  // Refused unless the vault is a demo (vault.not_demo). 64 hex digits, then a NUL.
  [[nodiscard]] Result<crypto::SecureBuffer> demo_key_hex(const std::string& survey_id);

 private:
  friend class Vault;
  [[nodiscard]] Result<crypto::SecureBuffer> key(const std::string& survey_id);
  // For Vault::change(): the survey's file, migrated, attached to vault.db as "survey".
  [[nodiscard]] Status attach(const std::string& survey_id);
  [[nodiscard]] Status detach();

  Vault& vault_;
};

}  // namespace shogo::survey
