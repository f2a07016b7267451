#pragma once
// Views — each draws a plain view-model and appends intents. No view reads a
// database, a file or a key (design.md: "A view never reads a database").
//
//   lock_view        施錠画面: pick your name and sign in; nothing else is drawn
//   home_view        メニュー: the signed-in user's menu
//   access_log_view  確認帳票 (demo): rows of a confirmation sheet — personal data
//   name_check_view  表示文字の確認: hard characters of registry names
//   settings_view    設定: language
//   audit_log_view   監査ログ: the appliance's own log, filtered (managers, supervisors)
//   survey_overview_view  調査の状況: surveys, designations, persons per system (P6.2);
//                         the manager makes a new survey here (P6.1)
//   designation_view      調査対象の指定 (P6.3): typed or drawn; supervisors only
//   sheet_import_view     確認用帳票の取り込み (P6.4): preview, then import; managers only.
//                         Read with the reference profile or a site's own (--profile-dir).
//                         The preview's rows are personal data
//   quit_dialog      終了の確認

#include <cstdint>
#include <string>
#include <vector>

#include "kiosk/survey/domain.hpp"
#include "kiosk/ui/intents.hpp"
#include "storage/import/profile.hpp"

namespace shogo::ui {

using Intents = std::vector<Intent>;

struct LockModel {
  std::vector<std::string> users;  // names that may sign in (the vault's slots)
  std::string selected_user_id;
  char* passphrase = nullptr;  // the text field's buffer (guarded memory)
  std::size_t passphrase_capacity = 0;
  bool checking = false;          // a passphrase is being checked
  bool focus_passphrase = false;  // put the keyboard in the field (once, after a choice)
  int wait_seconds = 0;           // rate limit for the chosen user
  std::string vault_error;        // translated: the vault could not be opened
  const char* reason = nullptr;   // translated: why the screen is locked
  std::string error;              // translated message of the last failed sign-in
  std::string sitting_manager;    // name, when a sitting is open
  Language language = Language::japanese;
};

struct HomeModel {
  std::string user_name;
  survey::Role role = survey::Role::investigator;
  bool sitting_manager = false;     // may close the sitting
  bool may_read_audit_log = false;  // managers and supervisors
  int idle_lock_seconds = 0;
};

struct AccessRowView {  // PERSONAL DATA, display strings only
  std::string when, system, terminal, operator_id, operation, detail, name, kana, birth;
};
struct AccessLogModel {
  std::string caption;
  std::vector<AccessRowView> rows;
};

struct NameSample {
  std::string name;  // UTF-8 as stored
  std::string kana;
  std::string codes;  // "U+9AD9 …" of the hard units
};
struct NameCheckModel {
  std::vector<NameSample> samples;
};

struct AuditRowView {  // ids and actions only: the audit log holds no personal data
  std::string seq, when, actor, role, action, objects, outcome;
};
struct AuditLogModel {
  std::vector<AuditRowView> rows;  // already filtered
  std::size_t total = 0;           // events in the log
  std::string chain_status;        // translated: does the chain hold
  bool chain_ok = true;
  // The filters' text fields (plain text, not secret), owned by the app.
  char* person = nullptr;
  char* action = nullptr;
  char* survey = nullptr;
  char* date = nullptr;
  std::size_t field_capacity = 0;
};

struct SettingsModel {
  Language language = Language::japanese;
  int idle_lock_minutes = 5;
};

// A survey begins (P6.2–P6.4). Every string is ready to draw (translated);
// ids are ASCII.
struct SurveyRowView {
  std::string id, fiscal_year, title, state;
};
struct DesignationRowView {  // no personal data: dates, windows, terminal ids
  std::string system, date, window, terminals, how;  // how: drawn or typed in
};
struct SystemCountView {  // P6.2 for one system
  survey::System system = survey::System::koseki;
  bool designated = false;
  std::size_t rows = 0, accesses = 0, persons = 0;
  int required = 10;
  bool enough = false;
};
struct SurveyPicker {
  std::vector<SurveyRowView> surveys;
  std::string selected_id;
};

// 新しい調査を作る (P6.1): the manager's form. The text fields (not secret) are
// owned by the app; the id is proposed ("fy2026-2") and may be edited.
struct NewSurveyForm {
  bool offered = false;  // the manager makes surveys (P5); nobody else sees the button
  bool open = false;
  char* fiscal_year = nullptr;  // four digits; default: the current fiscal year (April–March)
  std::size_t fiscal_year_capacity = 0;
  char* title = nullptr;
  std::size_t title_capacity = 0;
  char* id = nullptr;  // letters, digits and '-'
  std::size_t id_capacity = 0;
  std::string error;    // translated: refused, nothing made
  std::string created;  // translated: what was made
};

struct SurveyOverviewModel {
  SurveyPicker picker;
  NewSurveyForm new_survey;
  std::vector<DesignationRowView> designations;  // history, in the order made (P6.3.d)
  std::vector<SystemCountView> counts;
  bool may_designate = false;  // supervisor: offer designating again when short
  std::string error;           // translated
};

struct TerminalChoice {
  std::string id;
  bool checked = false;
};
struct SiteChoice {  // the site's terminals of the chosen system
  std::string name, hours;
  std::vector<TerminalChoice> terminals;
};
struct WarningChoice {
  std::string code, message;  // message translated
  bool acknowledged = false;
};
struct DesignationModel {
  bool allowed = false;  // the supervisor designates (P6.3)
  SurveyPicker picker;
  survey::System system = survey::System::koseki;
  // The form's text fields (not secret), owned by the app: YYYY-MM-DD, HH:MM.
  char* date = nullptr;
  char* from = nullptr;
  char* to = nullptr;
  std::size_t field_capacity = 0;
  std::vector<SiteChoice> sites;
  std::vector<std::string> errors;      // translated: refused, nothing stored
  std::vector<WarningChoice> warnings;  // to acknowledge, then designate again
  std::string stored;                   // translated: what was stored (typed or drawn)
  std::string error;                    // translated
  std::vector<DesignationRowView> history;
};

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
  bool may_designate = false;
  std::string error;  // translated
};

const char* role_label(survey::Role role);   // translated
const char* system_label(survey::System s);  // translated: 戸籍情報システム, …

void lock_view(const LockModel& model, Intents& out);
void home_view(const HomeModel& model, Intents& out);
void access_log_view(const AccessLogModel& model, Intents& out);
// PERSONAL DATA. Confirmation-sheet rows as a scrolling table filling the rest
// of the window: time, [system,] terminal, operator, operation, name, kana,
// birth date (names through name_text()); only the visible rows are drawn.
// The access-log screen and the import preview share it.
void access_rows_table(const char* id, const std::vector<AccessRowView>& rows, bool with_system);
void name_check_view(const NameCheckModel& model, Intents& out);
void settings_view(const SettingsModel& model, Intents& out);
void audit_log_view(const AuditLogModel& model, Intents& out);
void survey_overview_view(const SurveyOverviewModel& model, Intents& out);
void designation_view(const DesignationModel& model, Intents& out);
void sheet_import_view(const ImportModel& model, Intents& out);
void quit_dialog(bool open, Intents& out);
void back_button(Intents& out);  // "Back to menu"

}  // namespace shogo::ui
