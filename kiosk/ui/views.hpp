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
//   quit_dialog      終了の確認

#include <string>
#include <vector>

#include "kiosk/survey/domain.hpp"
#include "kiosk/ui/intents.hpp"

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

const char* role_label(survey::Role role);  // translated

void lock_view(const LockModel& model, Intents& out);
void home_view(const HomeModel& model, Intents& out);
void access_log_view(const AccessLogModel& model, Intents& out);
void name_check_view(const NameCheckModel& model, Intents& out);
void settings_view(const SettingsModel& model, Intents& out);
void audit_log_view(const AuditLogModel& model, Intents& out);
void quit_dialog(bool open, Intents& out);
void back_button(Intents& out);  // "Back to menu"

}  // namespace shogo::ui
