#include "kiosk/ui/screens/home_screen.hpp"

#include <algorithm>
#include <cstdio>

#include "kiosk/survey/ledger.hpp"
#include "kiosk/ui/labels.hpp"
#include "kiosk/ui/screens/survey_board.hpp"

namespace shogo::ui {

const char* HomeScreen::help() const {
  return tr("Choose what to do. What comes next for you is shown first.");
}

const char* HomeScreen::explanation() const {
  return tr(
      "The menu shows only what your role may do. Lock the screen when you leave the "
      "terminal for a moment, and sign out when you are done: the next person signs in "
      "with their own passphrase. Closing the work sitting signs everyone out and closes "
      "the vault.");
}

std::string next_step_text(survey::Role role, const survey::SurveySummary* s,
                           const std::vector<survey::SystemCount>& counts) {
  using survey::Role;
  using survey::SurveyState;
  char line[512];
  if (role == Role::investigator) {
    return tr(
        "The manager lends you the confirmation sheets and tells you what to reconcile. "
        "Sign out when you leave the terminal.");
  }
  if (s == nullptr) {
    return role == Role::manager
               ? tr("Make this year's survey: open Survey status and press Make a new survey.")
               : tr("There is no survey yet. The manager makes it first.");
  }
  const bool any_designated =
      std::any_of(counts.begin(), counts.end(), [](const auto& c) { return c.designated; });
  const bool missing_sheet = std::any_of(counts.begin(), counts.end(),
                                         [](const auto& c) { return c.designated && !c.imported; });
  const bool short_system = std::any_of(counts.begin(), counts.end(), [](const auto& c) {
    return c.designated && c.imported && !c.enough();
  });
  const char* title = s->title.c_str();
  const bool lending = s->state == SurveyState::sheets_made ||
                       s->state == SurveyState::reconciling || s->state == SurveyState::follow_up;
  if (lending) {
    std::snprintf(line, sizeof line,
                  role == Role::manager
                      ? tr("Survey \"%s\": lend the sheets to the investigators (Lending of "
                           "sheets) and follow up the accesses without a document (Follow-up).")
                      : tr("Survey \"%s\": the investigators reconcile the sheets."),
                  title);
    return line;
  }
  if (s->state == SurveyState::draft || !any_designated) {
    std::snprintf(line, sizeof line,
                  role == Role::manager
                      ? tr("Survey \"%s\": ask the supervisor to designate the date, window and "
                           "terminals.")
                      : tr("Survey \"%s\": designate the date, window and terminals."),
                  title);
  } else if (missing_sheet) {
    std::snprintf(line, sizeof line,
                  role == Role::manager
                      ? tr("Survey \"%s\": import the confirmation sheet of each designated "
                           "system.")
                      : tr("Survey \"%s\": the manager imports the confirmation sheets."),
                  title);
  } else if (short_system) {
    std::snprintf(line, sizeof line,
                  role == Role::manager
                      ? tr("Survey \"%s\": a system has too few viewed persons. Ask the "
                           "supervisor to designate again.")
                      : tr("Survey \"%s\": a system has too few viewed persons. Designate again "
                           "for it."),
                  title);
  } else {
    std::snprintf(line, sizeof line,
                  role == Role::manager
                      ? tr("Survey \"%s\": every designated system has its sheet and enough "
                           "viewed persons. Declare the sheets made on Lending of sheets.")
                      : tr("Survey \"%s\": every designated system has its sheet and enough "
                           "viewed persons."),
                  title);
  }
  return line;
}

void HomeScreen::open(ScreenContext& ctx, const ScreenArgs&) {
  next_step_.clear();
  alerts_.clear();
  if (ctx.user == nullptr) return;
  // P6.4.c the manager sees, in red, every sheet not back on time: still out
  // past its due time, or returned by the appliance (the paper may be out).
  if (ctx.may(survey::Action::keep_ledger) && ctx.sitting.vault_open()) {
    survey::Vault& vault = *ctx.sitting.vault();
    auto late = survey::late_lendings(vault, vault.now() - 7 * 86400);
    if (late) {
      for (const auto& l : *late) {
        char line[512];
        std::snprintf(line, sizeof line,
                      l.open() ? tr("The %s sheet of survey %s lent to %s is overdue.")
                               : tr("The %s sheet of survey %s lent to %s was returned by the "
                                    "appliance, not by a person: check that the paper is back."),
                      system_label(l.system), l.survey_id.c_str(), l.investigator.c_str());
        alerts_.emplace_back(line);
      }
    }
  }
  if (!ctx.may(survey::Action::see_surveys) || !ctx.sitting.vault_open()) {
    next_step_ = next_step_text(ctx.user->role, nullptr, {});
    return;
  }
  SurveyBoard board;
  board.load(*ctx.sitting.vault(), ctx.survey_id);
  next_step_ = next_step_text(ctx.user->role, board.find(ctx.survey_id), board.counts);
}

void HomeScreen::view(ScreenContext& ctx, Out<Intent>& out) {
  using survey::Action;
  HomeModel m;
  m.idle_lock_seconds = static_cast<int>(ctx.sitting.idle_limit());
  m.next_step = next_step_;
  m.alerts = alerts_;
  auto add = [&](bool offered, const char* label, const char* note, ScreenId screen) {
    if (offered) m.entries.push_back({label, note, screen});
  };
  // A survey begins: the supervisor designates, the manager imports.
  add(ctx.may(Action::see_surveys), tr("Survey status"),
      tr("Surveys, designations and viewed persons"), ScreenId::surveys);
  add(ctx.may(Action::designate), tr("Designate the date, window and terminals"),
      tr("The supervisor's choice, typed or drawn"), ScreenId::designation);
  add(ctx.may(Action::import_sheet), tr("Import a confirmation sheet"),
      tr("Preview, then import a sheet"), ScreenId::sheet_import);
  add(ctx.may(Action::see_ledger), tr("Lending of sheets"),
      ctx.may(Action::borrow_sheet) ? tr("Borrow a sheet, reconcile it, give it back")
                                    : tr("Declare the sheets made, lend them, take them back"),
      ScreenId::ledger);
  add(ctx.may(Action::keep_ledger), tr("Follow-up"),
      tr("Interviews, contractors' reports, findings"), ScreenId::follow_up);
  add(ctx.may(Action::see_roster), tr("Operator roster"),
      tr("Whose each operator ID is: staff, other division, contractor"), ScreenId::roster);
  add(ctx.may(Action::read_audit_log), tr("Audit log"), tr("Who did what on this terminal"),
      ScreenId::audit_log);
  add(ctx.may(Action::check_names), tr("Check how names are shown"),
      tr("The hard characters of registry names"), ScreenId::name_check);
  add(true, tr("Settings"), tr("Language, text size, idle lock, end of the day"),
      ScreenId::settings);
  m.close_sitting = ctx.may(Action::close_sitting);
  m.shut_down = ctx.may(Action::shut_down);
  home_view(m, out);
}

}  // namespace shogo::ui
