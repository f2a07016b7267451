#include "kiosk/survey/lifecycle.hpp"

#include <algorithm>

namespace shogo::survey {

namespace {

using S = SurveyState;
using A = AuditAction;

constexpr std::pair<SurveyState, std::string_view> kStateIds[] = {
    {S::draft, "draft"},
    {S::designated, "designated"},
    {S::sheets_made, "sheets_made"},
    {S::reconciling, "reconciling"},
    {S::follow_up, "follow_up"},
    {S::reported, "reported"},
    {S::approved, "approved"},
    {S::recheck, "recheck"},
    {S::on_hold, "on_hold"},
    {S::wiped, "wiped"},
    {S::retained, "retained"},
    {S::purged, "purged"},
};

constexpr std::string_view kStepIds[] = {
    "designate",
    "draw",
    "redesignate",
    "redraw",
    "complete_sheets",
    "begin_reconciling",
    "begin_follow_up",
    "end_follow_up",
    "report",
    "report_after_follow_up",
    "approve",
    "order_recheck",
    "resume_after_recheck",
    "hold",
    "wipe",
    "wipe_after_hold",
    "retain",
    "purge",
};

constexpr TransitionRow kTable[] = {
    {Step::designate, S::draft, S::designated, Taker::supervisor, A::designate, true,
     "P6.3 a valid designation of one system, every warning acknowledged"},
    {Step::draw, S::draft, S::designated, Taker::supervisor, A::designation_draw, true,
     "P6.3 the appliance draws a valid designation"},
    {Step::redesignate, S::designated, S::designated, Taker::supervisor, A::designate, true,
     "P6.3.d as designate; the earlier designations are kept"},
    {Step::redraw, S::designated, S::designated, Taker::supervisor, A::designation_draw, true,
     "P6.3.d as draw; the earlier designations are kept"},
    {Step::complete_sheets, S::designated, S::sheets_made, Taker::manager, A::sheets_complete, true,
     "P6.4 every system has its sheet and enough viewed persons (P6.2), or a supervisor "
     "accepted the shortfall with their passphrase"},
    {Step::begin_reconciling, S::sheets_made, S::reconciling, Taker::manager, A::sheet_lend, true,
     "P6.4.c the first sheet is lent to an investigator, the manager confirming"},
    {Step::begin_follow_up, S::reconciling, S::follow_up, Taker::manager, std::nullopt, false,
     "P6.6 an access without a document"},
    {Step::end_follow_up, S::follow_up, S::reconciling, Taker::manager, std::nullopt, false,
     "P6.6 every interview and contractor report recorded"},
    {Step::report, S::reconciling, S::reported, Taker::manager, std::nullopt, false,
     "P7 every access reconciled; the reports drafted"},
    {Step::report_after_follow_up, S::follow_up, S::reported, Taker::manager, std::nullopt, false,
     "P7 every follow-up concluded; the reports drafted"},
    {Step::approve, S::reported, S::approved, Taker::supervisor, std::nullopt, false,
     "P8.2 the supervisor's final judgment"},
    {Step::order_recheck, S::reported, S::recheck, Taker::supervisor, std::nullopt, false,
     "P8.2 the supervisor orders a re-check"},
    {Step::resume_after_recheck, S::recheck, S::reconciling, Taker::manager, std::nullopt, false,
     "P8.2 the re-check begins"},
    {Step::hold, S::approved, S::on_hold, Taker::supervisor, std::nullopt, false,
     "P9.2 a non-business access was found"},
    {Step::wipe, S::approved, S::wiped, Taker::appliance, std::nullopt, false,
     "P9.2 no hold; the sheets are destroyed and the destruction verified"},
    {Step::wipe_after_hold, S::on_hold, S::wiped, Taker::supervisor, std::nullopt, false,
     "P9.2 the additional investigation has ended"},
    {Step::retain, S::wiped, S::retained, Taker::appliance, std::nullopt, false,
     "P9.1 the report is kept"},
    {Step::purge, S::retained, S::purged, Taker::appliance, std::nullopt, false,
     "P9.1 one year after the report"},
};

static_assert(std::size(kStepIds) == static_cast<std::size_t>(Step::purge) + 1);

}  // namespace

std::string_view survey_state_id(SurveyState state) {
  for (const auto& [s, id] : kStateIds)
    if (s == state) return id;
  return "?";
}

std::optional<SurveyState> parse_survey_state(std::string_view id) {
  for (const auto& [s, text] : kStateIds)
    if (text == id) return s;
  return std::nullopt;
}

std::string_view step_id(Step step) { return kStepIds[static_cast<std::size_t>(step)]; }

Taker taker_of(Role role) {
  switch (role) {
    case Role::supervisor: return Taker::supervisor;
    case Role::manager: return Taker::manager;
    case Role::investigator: return Taker::investigator;
  }
  return Taker::investigator;
}

std::span<const TransitionRow> transitions() { return kTable; }

Result<TransitionRow> check_transition(SurveyState from, Step step, Taker taker) {
  const auto* row = std::find_if(std::begin(kTable), std::end(kTable),
                                 [&](const auto& r) { return r.step == step && r.from == from; });
  if (row == std::end(kTable)) {
    return Error{"survey.wrong_state", N_("This cannot be done in the survey's present state.")};
  }
  if (row->taker != taker) {
    return Error{"survey.wrong_role", N_("Someone else in the survey does this (P5).")};
  }
  if (!row->available) {
    return Error{"survey.not_available", N_("This step of the survey is not available yet.")};
  }
  return *row;
}

std::vector<Step> offered(SurveyState state, Taker taker) {
  std::vector<Step> steps;
  for (const TransitionRow& r : kTable) {
    if (r.from == state && r.taker == taker && r.available) steps.push_back(r.step);
  }
  return steps;
}

bool is_offered(SurveyState state, Step step, Taker taker) {
  const auto steps = offered(state, taker);
  return std::find(steps.begin(), steps.end(), step) != steps.end();
}

}  // namespace shogo::survey
