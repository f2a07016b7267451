#pragma once
// SurveyScreens — the state behind the three screens of "a survey begins"
// (P6.2–P6.4): which survey is chosen, the designation form, the import's
// file, preview and outcome. KioskApp owns one and hands it the survey intents.
//
//   open()            loads what a screen shows (surveys, designations, counts,
//                     sites, the import and profile folders) when it opens: never per frame
//   *_model()         a plain view-model from what was loaded; no vault call
//   apply()           carries out one survey intent after the frame
//   poll()            drains the import worker at the start of a frame
//   busy() / stop()   the worker runs / cancel it, wait, drop its result
//   wait()            until the worker has finished, result kept (tests)
//   forget()          the preview's personal data leaves memory (lock, leave)
//
// Roles: new surveys and imports by the manager, designations by the
// supervisor (the workflow refuses the others too, except Vault::create_survey,
// which checks no role: apply() does; the screens say so plainly).
//
// Site profiles (P6.4 "a site adds its own vendor layout by writing a profile,
// without code"): every regular *.toml file directly in the profile folder,
// read (at most kMaxProfileBytes) and parsed when the import screen opens or
// its folders are read again, never per frame. A file that does not parse is
// listed with the reason and cannot be chosen.

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
inline constexpr const char* kDefaultProfileDir = "/etc/shogo/profiles";  // missing: none
inline constexpr std::size_t kMaxProfileBytes = 64 * 1024;  // a larger file is not read

// P6.1 the Japanese fiscal year (年度) of a date: April to March.  2027-03-31 → 2026
int fiscal_year_of(survey::Date date);
// The id proposed for a new survey: "fy<year>-<n>", n one more than the
// highest such number among `existing` (1 when none).
std::string propose_survey_id(int fiscal_year, const std::vector<std::string>& existing);
// A survey id: 1–40 ASCII letters, digits and '-' (as Vault::create_survey checks).
bool valid_survey_id_text(const std::string& id);

class SurveyScreens {
 public:
  // Records an audit event as the current user: (action, objects).
  using Audit = std::function<void(const std::string&, const std::string&)>;

  SurveyScreens(survey::Vault* vault, std::filesystem::path import_folder,
                std::filesystem::path profile_folder = kDefaultProfileDir);
  ~SurveyScreens();
  SurveyScreens(const SurveyScreens&) = delete;
  SurveyScreens& operator=(const SurveyScreens&) = delete;

  void set_import_folder(std::filesystem::path folder) { import_folder_ = std::move(folder); }
  const std::filesystem::path& import_folder() const { return import_folder_; }
  void set_profile_folder(std::filesystem::path folder) { profile_folder_ = std::move(folder); }
  const std::filesystem::path& profile_folder() const { return profile_folder_; }

  void open(Screen screen, survey::Date today);
  void poll(const Audit& audit);
  bool busy() const { return desk_ && desk_->busy(); }
  void stop();
  void wait() {
    if (desk_) desk_->wait();
  }
  void forget();
  bool has_preview() const { return preview_.has_value(); }

  SurveyOverviewModel overview_model(const survey::User& user);
  DesignationModel designation_model(const survey::User& user);
  ImportModel import_model(const survey::User& user);

  // Returns false when the intent is not one of the survey screens'.
  // `screen` changes for RequestRedesignate.
  bool apply(const Intent& intent, const survey::User& user, survey::Date today, Screen& screen);

 private:
  void load_register();  // surveys, designations and counts of the chosen survey
  void load_counts();
  void scan_import_folder();
  void scan_profile_folder();
  // The chosen site profile (nullptr: the reference profile, or not usable).
  const storage::import::Profile* chosen_profile() const;
  void reset_form(survey::Date today);
  void reset_new_survey(survey::Date today);
  std::string next_survey_id(int fiscal_year) const;  // among the surveys loaded
  void create_survey(const survey::User& user);
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

  // New survey (P6.1).
  bool new_open_ = false;
  std::array<char, 8> new_year_{};
  std::array<char, 256> new_title_{};
  std::array<char, 41> new_id_{};  // 40 characters at most, as create_survey() allows
  std::string proposed_id_;  // the id the form proposed; replaced with the year while unedited
  std::string new_error_;    // msgid
  std::string created_id_;   // the survey made last

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
  struct SiteProfile {  // one *.toml file of the profile folder
    std::string name;
    std::optional<storage::import::Profile> profile;  // parsed; else why not:
    Error error;
    std::string where;  // parse_profile()'s key or "line N"
  };
  std::filesystem::path profile_folder_;
  std::vector<SiteProfile> profiles_;             // every file, by name
  std::string profile_;                           // chosen file name; "" = the reference profile
  std::optional<survey::ImportReport> preview_;   // PERSONAL DATA while shown
  std::optional<survey::ImportReport> imported_;  // counts only (its preview is dropped)
  std::vector<survey::SystemCount> counts_after_;
  bool accept_problems_ = false;
  std::string import_error_;  // msgid
  survey::ImportFailure failed_at_;
};

}  // namespace shogo::ui
