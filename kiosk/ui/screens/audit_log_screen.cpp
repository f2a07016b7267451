#include "kiosk/ui/screens/audit_log_screen.hpp"

#include <algorithm>
#include <ctime>
#include <set>

#include "crypto/audit_chain.hpp"
#include "kiosk/survey/audit_log.hpp"
#include "kiosk/ui/dates.hpp"
#include "kiosk/ui/labels.hpp"
#include "storage/import/profile.hpp"

namespace shogo::ui {

namespace {

const char* role_word(std::string_view role) {
  survey::Role r{};
  if (survey::parse_role(role, r)) return role_label(r);
  if (role == "system") return tr("System administration");
  if (role.empty()) return "—";  // a refused sign-in: nobody took a role
  return tr("Other");
}

// One object's value in plain words, by its key.
std::string value_words(std::string_view key, const std::string& value) {
  if (key == "role") {
    survey::Role r{};
    return survey::parse_role(value, r) ? role_label(r) : value;
  }
  if (key == "language") return value == "ja" ? "日本語" : value == "en" ? "English" : value;
  if (key == "reason") {
    if (value == "idle") return tr("no input for a while");
    if (value == "user") return tr("by the user");
    if (value == "closed") return tr("closed by a manager");
    if (value == "end_of_day") return tr("end of the day");
    if (value == "shutdown") return tr("shut down");
    return value;
  }
  if (key == "screen") {
    if (value == "import") return tr("Import a confirmation sheet");
    return value;
  }
  if (key == "sheet") {
    if (auto kind = storage::import::parse_sheet_kind(value)) {
      return std::string(storage::import::sheet_kind_name(*kind));
    }
    return value;
  }
  if (key == "system") {
    if (auto s = survey::parse_system(value)) return system_label(*s);
    return value;
  }
  return value;
}

const char* key_words(std::string_view key) {
  if (key == "survey") return tr("Survey");
  if (key == "user") return tr("User");
  if (key == "role") return tr("Role");
  if (key == "screen") return tr("Screen");
  if (key == "sheet") return tr("Sheet");
  if (key == "site") return tr("Site");
  if (key == "terminal") return tr("Terminal");
  if (key == "system") return tr("System");
  if (key == "reason") return tr("Reason");
  if (key == "language") return tr("Language");
  if (key == "idle_lock_seconds") return tr("Idle lock (seconds)");
  if (key == "end_of_day") return tr("End of the day");
  if (key == "text_size") return tr("Text size (%)");
  if (key == "format") return tr("Format");
  return tr("Other");
}

template <class F>
void each_object(std::string_view objects, F&& f) {
  while (!objects.empty()) {
    const std::size_t end = std::min(objects.find(';'), objects.size());
    const std::string_view pair = objects.substr(0, end);
    const std::size_t eq = pair.find('=');
    if (eq != std::string_view::npos) {
      f(pair.substr(0, eq), survey::decode_audit_objects(pair.substr(eq + 1)));
    }
    objects.remove_prefix(std::min(end + 1, objects.size()));
  }
}

}  // namespace

const char* audit_action_label(survey::AuditAction action) {
  using A = survey::AuditAction;
  switch (action) {
    case A::vault_create: return tr("Vault made");
    case A::sign_in: return tr("Sign-in");
    case A::unlock: return tr("Vault opened");
    case A::lock: return tr("Screen locked");
    case A::sign_out: return tr("Signed out");
    case A::close: return tr("Vault closed");
    case A::shutdown: return tr("Shogo shut down");
    case A::view_personal_data: return tr("Personal data shown");
    case A::setting_change: return tr("Setting changed");
    case A::audit_view: return tr("Audit log opened");
    case A::audit_verify: return tr("Audit log verified");
    case A::audit_export: return tr("Audit log exported");
    case A::doctor: return tr("Shogo checked");
    case A::keys_print: return tr("Keys printed");
    case A::user_add: return tr("User added");
    case A::user_disable: return tr("User disabled");
    case A::passphrase_change: return tr("Passphrase changed");
    case A::survey_create: return tr("Survey made");
    case A::survey_settings: return tr("Counting rules set");
    case A::site_add: return tr("Site added");
    case A::roster_import: return tr("Operator roster imported");
    case A::terminal_add: return tr("Terminal added");
    case A::designate: return tr("Designated");
    case A::designation_draw: return tr("Designated by drawing lots");
    case A::sheet_import: return tr("Sheet imported");
    case A::sheets_complete: return tr("Sheets declared made");
    case A::sheet_lend: return tr("Sheet lent");
    case A::sheet_return: return tr("Sheet returned");
    case A::decide: return tr("Access reconciled");
    case A::follow_up: return tr("Follow-up recorded");
    case A::finding: return tr("Finding recorded, survey on hold");
    case A::hold_decision: return tr("Decision on an additional investigation");
    case A::phrase_change: return tr("Frequent phrases changed");
  }
  return tr("Other");
}

std::string audit_outcome_label(std::string_view outcome) {
  if (outcome == "ok") return tr("Done");
  if (outcome == "keyslots.wrong_passphrase") return tr("Refused: wrong passphrase");
  if (outcome.find("rate") != std::string_view::npos) return tr("Refused: too many tries");
  return tr("Refused");
}

std::string describe_audit_objects(std::string_view objects) {
  std::string out;
  each_object(objects, [&](std::string_view key, const std::string& value) {
    if (!out.empty()) out += "、";
    out += key_words(key);
    out += "：";
    out += value_words(key, value);
  });
  return out;
}

const char* AuditLogScreen::help() const {
  return tr(
      "Everything done on this terminal, newest first. Pick a person, an action, a survey "
      "or dates to narrow the list.");
}

const char* AuditLogScreen::explanation() const {
  return tr(
      "Shogo records every sign-in, every view of personal data and every change in this "
      "log, chained so that a changed or deleted record is noticed. The line at the top "
      "says whether the chain holds. Opening this screen is recorded too. The log holds "
      "no residents' data.");
}

void AuditLogScreen::open(ScreenContext& ctx, const ScreenArgs&) {
  rows_.clear();
  ok_ = true;
  status_.clear();
  filter_ = {};
  if (!ctx.sitting.vault_open()) return;
  // The view itself: a view the log cannot record is not shown.
  if (auto s = ctx.sitting.record(survey::AuditAction::audit_view); !s) {
    ok_ = false;
    status_ = s.error().message;
    return;
  }
  auto events = survey::load_audit_events(ctx.sitting.vault()->database());
  if (!events) {
    ok_ = false;
    status_ = events.error().message;
    return;
  }
  // Continuity only: the seed k0 is on paper, for shogo-admin audit verify.
  const auto report = crypto::audit::verify(*events, nullptr, {});
  ok_ = report.ok;
  status_ =
      report.ok ? N_("The chain of the audit log holds (continuity checked).") : report.message;
  // Display rows are made once here; each frame only filters them.
  rows_.reserve(events->size());
  for (auto it = events->rbegin(); it != events->rend(); ++it) {  // newest first
    const crypto::audit::Event& e = *it;
    const std::time_t wall = static_cast<std::time_t>(e.at_utc_ms / 1000);
    std::tm tm{};
    localtime_r(&wall, &tm);
    char clock[16];
    std::strftime(clock, sizeof clock, "%H:%M:%S", &tm);
    Row row;
    row.date = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
    const std::string when = short_date(row.date) + " " + clock;  // R8.11.18 09:30:05
    row.actor = e.actor;
    survey::AuditAction action{};
    if (survey::parse_audit_action(e.action, action)) row.action = action;
    each_object(e.objects, [&](std::string_view key, const std::string& value) {
      if (key == "survey") row.surveys.push_back(value);
    });
    row.view = {std::to_string(e.seq),
                when,
                e.actor == "system" ? tr("Shogo (administration)") : e.actor,
                role_word(e.role),
                row.action ? audit_action_label(*row.action) : tr("Other"),
                describe_audit_objects(e.objects),
                audit_outcome_label(e.outcome),
                e.outcome != "ok",
                e.actor == "system"};
    rows_.push_back(std::move(row));
  }
}

void AuditLogScreen::forget(ScreenContext&) {
  rows_.clear();
  filter_ = {};
}

void AuditLogScreen::apply(const AuditLogIntent& intent, ScreenContext&) {
  dispatch(intent, [&](const AuditFilterChanged& r) { filter_ = r.filter; });
}

void AuditLogScreen::view(ScreenContext&, Out<AuditLogIntent>& out) {
  AuditLogModel m;
  m.total = rows_.size();
  m.chain_ok = ok_;
  m.chain_status = status_.empty() ? std::string() : std::string(tr(status_.c_str()));
  m.filter = filter_;
  std::set<std::string> people, surveys;
  std::set<survey::AuditAction> actions;
  std::set<survey::Date> dates;
  for (const Row& r : rows_) {
    people.insert(r.actor);
    surveys.insert(r.surveys.begin(), r.surveys.end());
    if (r.action) actions.insert(*r.action);
    dates.insert(r.date);
    const AuditFilter& f = filter_;
    if (!f.person.empty() && r.actor != f.person) continue;
    if (f.action && r.action != f.action) continue;
    if (!f.survey.empty() &&
        std::find(r.surveys.begin(), r.surveys.end(), f.survey) == r.surveys.end()) {
      continue;
    }
    if (f.from && r.date < *f.from) continue;
    if (f.to && *f.to < r.date) continue;
    m.rows.push_back(r.view);
  }
  m.people.assign(people.begin(), people.end());
  m.surveys.assign(surveys.begin(), surveys.end());
  for (survey::AuditAction a : actions) m.actions.emplace_back(a, audit_action_label(a));
  m.dates.assign(dates.rbegin(), dates.rend());
  audit_log_view(m, out);
}

}  // namespace shogo::ui
