#pragma once
// 確認用帳票の取り込み (P6.4) — the manager reads a sheet from the import
// folder with the reference profile or a site's own, sees a preview (the one
// place besides the lending ledger where residents' rows reach a screen),
// then imports it. Reading and importing run on the task runner with
// progress and a stop button.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "kiosk/survey/import_folder.hpp"
#include "kiosk/survey/sheet_import.hpp"
#include "kiosk/ui/screen.hpp"
#include "kiosk/ui/screens/survey_board.hpp"

namespace shogo::ui {

class ImportScreen;
struct SheetKindChosen {
  storage::import::SheetKind kind;
};
struct FileChosen {
  std::string name;  // a file name in the import folder, never a path
};
struct ProfileChosen {
  std::string name;  // a *.toml file name in the profile folder; "" = the reference profile
};
struct RequestRescan {};  // reads the import folder and the profile folder again
struct RequestPreview {
  storage::import::SheetKind kind;
  std::string file, profile;
};
struct RequestImport {
  storage::import::SheetKind kind;
  std::string file, profile;
  bool accept_problems = false;  // the manager's decision after the preview
};
struct AcceptProblemsChanged {
  bool accept = false;
};
struct RequestCancelWork {};  // stops a running preview or import
using ImportIntent =
    std::variant<SurveyChosen<ImportScreen>, SheetKindChosen, FileChosen, ProfileChosen,
                 RequestRescan, RequestPreview, RequestImport, AcceptProblemsChanged,
                 RequestCancelWork, Confirmed<ImportScreen>, NotConfirmed<ImportScreen>>;

struct ProblemView {  // where and why; never the cell's content
  std::string row, column, message;
};
struct ProfileChoice {  // a site's *.toml file of the profile folder (P6.4)
  std::string name;     // file name
  std::string problem;  // translated: why it cannot be used; "" = usable
};
struct ImportModel {
  bool allowed = false;  // the manager imports (P6.4)
  SurveyPicker picker;
  storage::import::SheetKind kind = storage::import::SheetKind::koseki_issuance;
  std::string folder;
  std::vector<std::string> files;  // names in the import folder
  std::string file;                // chosen name
  std::string profile_folder;
  std::vector<ProfileChoice> profiles;  // of the chosen kind, and every unreadable file
  std::string profile;                  // chosen file name; "" = the reference profile
  bool busy = false;
  bool busy_importing = false;  // else previewing
  std::uint64_t rows_read = 0;
  bool has_preview = false;
  std::string preview_system;
  std::uint64_t kept = 0, problems = 0, blank = 0, totals = 0;
  std::uint64_t dropped_date = 0, dropped_time = 0, dropped_terminal = 0, rows = 0;
  std::vector<ProblemView> problem_rows;
  std::vector<AccessRowView> preview;  // PERSONAL DATA: the first kept rows
  bool accept_problems = false;
  bool imported = false;
  std::uint64_t stored = 0, already_stored = 0;
  std::vector<SystemCountView> counts;  // after the import (P6.2)
  std::string error;                    // translated
  std::vector<std::string> confirm;     // translated: the import asks first (empty: no dialog)
  bool scroll_to_result = false;        // a result just came: bring it into view (once)
};

class ImportScreen : public ScreenOf<ImportIntent> {
 public:
  ScreenId id() const override { return ScreenId::sheet_import; }
  const char* title() const override { return tr("Import a confirmation sheet"); }
  std::optional<survey::Action> needs() const override { return survey::Action::see_surveys; }
  // Its preview lists residents' rows (P6.4): watermarked like a sheet.
  bool shows_personal_data() const override { return true; }
  const char* help() const override;
  const char* explanation() const override;
  void open(ScreenContext& ctx, const ScreenArgs& args) override;
  void apply(const ImportIntent& intent, ScreenContext& ctx) override;
  void forget(ScreenContext& ctx) override;  // stops the work, drops the preview

  // The import folder (--import-dir) and the profile folder (--profile-dir).
  void set_folders(std::filesystem::path import_folder, std::filesystem::path profile_folder);
  bool working() const { return job_.has_value(); }
  bool has_preview() const { return preview_.has_value(); }
  // Something came of the last preview or import: a preview, an import, or an error.
  bool has_result() const { return preview_ || imported_ || !error_.empty(); }

 protected:
  void view(ScreenContext& ctx, Out<ImportIntent>& out) override;

 private:
  enum class Job : unsigned char { preview, import };
  struct Outcome {
    Job job = Job::preview;
    Result<survey::ImportReport> report;  // PERSONAL DATA in report.preview
    survey::ImportFailure failed_at;
  };
  void rescan();
  void clear_result();
  const storage::import::Profile* chosen_profile() const;
  void start(ScreenContext& ctx, Job job, bool accept_problems);
  void finish(survey::WorkSitting& sitting, Outcome outcome);

  std::filesystem::path import_folder_ = survey::kDefaultImportDir;
  std::filesystem::path profile_folder_ = survey::kDefaultProfileDir;
  SurveyBoard board_;
  storage::import::SheetKind kind_ = storage::import::SheetKind::koseki_issuance;
  std::vector<std::string> files_;
  std::string file_;
  std::vector<survey::SiteProfile> profiles_;
  std::string profile_;  // chosen file name; "" = the reference profile
  std::optional<Job> job_;
  std::string survey_of_job_;
  std::optional<survey::ImportReport> preview_;   // PERSONAL DATA while shown
  std::optional<survey::ImportReport> imported_;  // counts only (its preview is dropped)
  std::vector<survey::SystemCount> counts_after_;
  bool accept_problems_ = false;
  std::optional<RequestImport> asking_;  // the import the dialog asks about
  bool scroll_to_result_ = false;
  std::string error_;  // msgid
  survey::ImportFailure failed_at_;
};

void import_view(const ImportModel& model, Out<ImportIntent>& out);

}  // namespace shogo::ui
