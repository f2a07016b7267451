#pragma once
// Audit actions — every action the appliance's audit log records, in one typed
// list (format and meaning: docs/audit-log.md). An event's action is one of
// these; its objects are built with AuditObjects, never by hand.
//
//   AuditAction        the actions, in the order of the list below
//   audit_action_id()  the text stored in the chain ("sign_in", …)
//   kAuditActions      every action with who records it (kiosk, shogo-admin)
//   AuditObjects       "key=value;key=value", values percent-encoded
//
// Never personal data: ids, counts and outcomes only (design.md, "Data").

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace shogo::survey {

enum class AuditAction : std::uint8_t {
  vault_create,        // shogo-admin vault create / demo
  sign_in,             // a passphrase was tried (outcome: ok or the error code)
  unlock,              // the vault key left its slot: vault.db is open
  lock,                // the kiosk locked (reason=idle|user)
  sign_out,            // the user signed out; the sitting stays open
  close,               // the vault closed and its keys left memory (reason=…)
  shutdown,            // the kiosk was shut down by a manager
  view_personal_data,  // a screen with residents' data was opened (screen=…;survey=…)
  setting_change,      // a setting of the kiosk or the vault (language=…, idle_lock_minutes=…)
  audit_view,          // the audit log screen was opened
  audit_verify,        // shogo-admin audit verify
  audit_export,        // shogo-admin audit export
  doctor,              // shogo-admin doctor
  keys_print,          // shogo-admin demo --print-keys
  user_add,            // a user of the appliance was added (role=…;user=…)
  user_disable,        // … disabled (user=…)
  passphrase_change,   // … given a new passphrase (user=…)
  survey_create,       // P6.1 a survey was made (survey=…)
  survey_settings,     // P6.2 the survey's counting rules (survey=…)
  site_add,            // P6.3.c a site (site=…)
  terminal_add,        // P6.3.c a terminal (terminal=…)
  designate,           // P6.3 the supervisor's designation (survey=…)
  designation_draw,    // P6.3 the appliance's draw (survey=…)
  sheet_import,        // P6.4 a confirmation sheet was imported (survey=…)
  roster_import,       // P4 the operator roster was replaced (operators=N)
  sheets_complete,     // P6.4 the manager declared the sheets made (survey=…)
  sheet_lend,          // P6.4.c a sheet was lent (survey=…;system=…;investigator=…)
  sheet_return,        // P6.4.c a sheet came back, or was returned by the appliance
  decide,              // P6.5 an investigator's decision on one access group
  follow_up,           // P6.6 an interview or a contractor's report recorded
  finding,             // P7.2 a finding (cause, measures); the survey held (P9.2)
  hold_decision,       // P9.2 the decision on an additional investigation; a release
  phrase_change,       // a frequent phrase added to or removed from the manager's list
};

std::string_view audit_action_id(AuditAction action);  // "sign_in", "view_personal_data", …
bool parse_audit_action(std::string_view id, AuditAction& out);

struct AuditActionInfo {
  AuditAction action;
  bool by_kiosk = false;  // shogo-kiosk records it
  bool by_admin = false;  // shogo-admin records it
};
// Every action, once. A test runs the kiosk and shogo-admin through all of
// them and finds each in the chain.
std::span<const AuditActionInfo> audit_actions();

// The objects of an event: "survey=fy2026-1;user=%E9%AB%99…", in the chain's
// canonical order (by key, then value: crypto::audit::format_objects). Keys
// are [a-z0-9_] words; values are percent-encoded outside printable ASCII and
// for ';', '=' and '%', cut to 128 characters; an empty value is written "-".
class AuditObjects {
 public:
  AuditObjects() = default;
  AuditObjects& add(std::string_view key, std::string_view value);
  AuditObjects& add(std::string_view key, long long value);
  const std::string& text() const { return text_; }
  operator const std::string&() const { return text_; }  // NOLINT: objects are passed as text

 private:
  std::vector<std::pair<std::string, std::string>> pairs_;
  std::string text_;
};

// Percent-decoding of an objects text, for display ("user=髙木 誠").
std::string decode_audit_objects(std::string_view objects);

}  // namespace shogo::survey
