#pragma once
// Sheet import — a confirmation sheet (確認用帳票, P6.4) into a survey's file.
//
// Index
//   ImportRequest     which survey, which sheet kind, which file, which profile
//   ImportReport      what the file held and what was (or would be) stored
//   preview_import()  reads the whole file through the survey's designations; stores nothing
//   import_sheet()    the same, stored in one transaction with its audit event
//   kPreviewRows      how many kept rows a preview carries for the screen
//
// Rules:
//   - P6.3 before P6.4: the survey is `designated` and has a designation of
//     the sheet's system (import.not_designated, survey.wrong_state).
//   - P6.4: the manager (調査責任者) imports (import.not_manager).
//   - P6.2 minimisation: only rows inside the union of the system's
//     designations are stored (half-open windows, designated terminals);
//     the others are counted by reason and dropped.
//   - One transaction: the rows (surveys/<id>.db), the import's record and
//     its problems (vault.db) and the audit event "sheet_import" commit
//     together through an attached survey file, or nothing does.
//   - A row that could not be read is never dropped silently: with problems
//     the import is refused (import.has_problems) unless accept_problems —
//     the manager's decision after the preview — and then every problem's
//     row, column and error code is recorded with the import.
//   - The same file (SHA-256) is imported once per survey and designation
//     set (import.already_imported). After a re-designation (P6.3.d) it may be
//     imported again: rows stored before (same file and row) are not stored
//     twice (already_stored).
//   - JUKINET sheets come only on the registered survey USB memory (P10.5):
//     the request's jukinet_source_check is called first; the appliance's
//     check of the registered USB is not built yet (empty: no check yet).
//   - The audit event holds the file's SHA-256, size and counts, never content.
//
// Error codes: the above, survey.unknown, import.* of the readers (with the
// row and column in ImportReport::failed_at when the file itself is bad), db.*.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/survey/domain.hpp"
#include "kiosk/survey/vault.hpp"
#include "storage/base/result.hpp"
#include "storage/import/profile.hpp"
#include "storage/import/sheet_rows.hpp"

namespace shogo::survey {

inline constexpr std::size_t kPreviewRows = 200;         // kept rows a preview shows
inline constexpr std::size_t kMaxListedProblems = 1000;  // problems listed (all are counted)

struct ImportRequest {
  std::string survey_id;
  storage::import::SheetKind kind = storage::import::SheetKind::koseki_issuance;
  std::filesystem::path file;
  std::optional<storage::import::Profile> profile;  // default: the kind's reference profile
  bool accept_problems = false;                     // store the readable rows, list the others
  std::function<Status(const std::filesystem::path&)> jukinet_source_check;  // P10.5 hook
  // Called every few thousand rows with the rows read so far; false cancels
  // (import.cancelled, nothing stored). Runs on the caller's thread.
  std::function<bool(std::uint64_t rows_read)> progress;
};

struct ImportProblem {
  std::uint64_t row = 0;  // the sheet's row (1-based, as a spreadsheet shows it)
  std::string column;     // the profile's header text
  Error error;            // code and plain message; never the cell's content
};

struct ImportReport {
  std::string sha256;  // of the file, hex
  std::uint64_t size = 0;
  System system = System::koseki;
  storage::import::SheetCounts counts;
  std::uint64_t stored = 0;             // rows newly stored (import_sheet only)
  std::uint64_t already_stored = 0;     // kept rows an earlier import of this file stored
  std::vector<ImportProblem> problems;  // the first kMaxListedProblems
  std::vector<storage::import::CanonicalRow> preview;  // PERSONAL DATA: first kPreviewRows kept
  std::int64_t import_id = 0;                          // vault.db imports.id (import_sheet only)
};

// Where a file failed to read (a CSV/XLSX syntax or encoding error): 1-based
// row and column, 0 when unknown. Filled by both functions on such errors.
struct ImportFailure {
  std::uint64_t row = 0;
  std::uint32_t column = 0;
};

[[nodiscard]] Result<ImportReport> preview_import(Vault& vault, const ImportRequest& request,
                                                  ImportFailure* failed_at = nullptr);
[[nodiscard]] Result<ImportReport> import_sheet(Vault& vault, const std::string& actor,
                                                const ImportRequest& request,
                                                ImportFailure* failed_at = nullptr);

// The survey's designations of `system` as reader windows (P6.2, P6.3.d).
[[nodiscard]] Result<std::vector<storage::import::WindowFilter>> designation_windows(
    Vault& vault, const std::string& survey_id, System system);

}  // namespace shogo::survey
