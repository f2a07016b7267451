#pragma once
// SurveyScreens — the state behind the three screens of "a survey begins"
// (P6.2–P6.4): which survey is chosen, the designation form, the import's
// file, preview and outcome. KioskApp owns one and hands it the survey intents.
//
//   open()            loads what a screen shows (surveys, designations, counts,
//                     sites, the import folder) when it opens: never per frame
//   *_model()         a plain view-model from what was loaded; no vault call
//   apply()           carries out one survey intent after the frame
//   poll()            drains the import worker at the start of a frame
//   busy() / stop()   the worker runs / cancel it, wait, drop its result
//   wait()            until the worker has finished, result kept (tests)
//   forget()          the preview's personal data leaves memory (lock, leave)
//
// Roles: designations by the supervisor, imports by the manager (the workflow
// refuses the others too; the screens say so plainly).

#include <array>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "kiosk/survey/sheet_import.hpp"
#include "kiosk/survey/sitting.hpp"
#include "kiosk/survey/survey_register.hpp"
#include "kiosk/ui/import_desk.hpp"
#include "kiosk/ui/views.hpp"

namespace shogo::ui {

inline constexpr const char* kDefaultImportDir = "/var/lib/shogo-import";

class SurveyScreens {
 public:
  // Records an audit event as the current user: (action, objects).
  using Audit = std::function<void(const std::string&, const std::string&)>;

  SurveyScreens(survey::Vault* vault, std::filesystem::path import_folder);
  ~SurveyScreens();
  SurveyScreens(const SurveyScreens&) = delete;
  SurveyScreens& operator=(const SurveyScreens&) = delete;

  void set_import_folder(std::filesystem::path folder) { import_folder_ = std::move(folder); }
  const std::filesystem::path& import_folder() const { return import_folder_; }

  void open(Screen screen, survey::Date today);
  void poll(const Audit& audit);
  bool busy() const { return desk_ && desk_->busy(); }
  void stop();
  void wait() {
    if (desk_) desk_->wait();
  }
  void forget();
  bool has_preview() const { return preview_.has_value(); }

  SurveyOverviewModel overview_model(const survey::User& user) const;
  DesignationModel designation_model(const survey::User& user);
  ImportModel import_model(const survey::User& user);

  // Returns false when the intent is not one of the survey screens'.
  // `screen` changes for RequestRedesignate.
  bool apply(const Intent& intent, const survey::User& user, survey::Date today, Screen& screen);

 private:
  void load_register();  // surveys, designations and counts of the chosen survey
  void load_counts();
  void scan_import_folder();
  void reset_form(survey::Date today);
  void clear_import();
  std::vector<DesignationRowView> designation_rows(std::optional<survey::System> only) const;
  std::vector<SystemCountView> count_rows(const std::vector<survey::SystemCount>& counts) const;
  SurveyPicker picker() const;

  survey::Vault* vault_;
  std::filesystem::path import_folder_;
  std::unique_ptr<ImportDesk> desk_;

  std::vector<survey::SurveySummary> surveys_;
  std::string selected_;
  survey::DesignationSet designations_;
  std::vector<survey::SystemCount> counts_;
  std::vector<survey::Site> sites_;
  std::vector<survey::Terminal> terminals_;
  std::string load_error_;  // msgid

  // Designation form (P6.3).
  survey::System system_ = survey::System::koseki;
  std::array<char, 16> date_{}, from_{}, to_{};
  std::set<std::string> checked_;
  std::set<std::string> acknowledged_;
  std::optional<survey::DesignationOutcome> outcome_;
  std::string design_error_;  // msgid

  // Import (P6.4).
  storage::import::SheetKind kind_ = storage::import::SheetKind::koseki_issuance;
  std::vector<std::string> files_;
  std::string file_;
  std::optional<survey::ImportReport> preview_;   // PERSONAL DATA while shown
  std::optional<survey::ImportReport> imported_;  // counts only (its preview is dropped)
  std::vector<survey::SystemCount> counts_after_;
  bool accept_problems_ = false;
  std::string import_error_;  // msgid
  survey::ImportFailure failed_at_;
};

}  // namespace shogo::ui
