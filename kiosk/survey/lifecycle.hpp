#pragma once
// The survey lifecycle — every state of a survey and every transition
// between them, as one table (docs/design.md, "The survey, as a state machine").
//
//   SurveyState        the states, as stored in vault.db surveys.state
//   Step               a transition's name (what a person or the appliance does)
//   Taker              who takes it: a role of P5, or the appliance itself
//   TransitionRow      {step, from, to, taker, guard, audit action, available}
//   transitions()      the whole table
//   check_transition() may this taker take this step in this state? → the row
//   offered()          the steps a taker may take now (the UI asks this)
//
// A transition that is not in the table, by the wrong taker or in the wrong
// state, is an error with a plain message (survey.wrong_state,
// survey.wrong_role), never a UI state. Rows of later work are in the table
// with their takers and refused as survey.not_available ("not available yet")
// until their guard is built.
//
//   step               from → to                        taker        audit action       clause
//   designate          draft → designated               supervisor   designate          P6.3
//   draw               draft → designated               supervisor   designation_draw   P6.3
//   redesignate        designated → designated          supervisor   designate          P6.3.d
//   redraw             designated → designated          supervisor   designation_draw   P6.3.d
//   complete_sheets    designated → sheets_made         manager      sheets_complete    P6.4
//   begin_reconciling  sheets_made → reconciling        manager      sheet_lend         P6.4.c
//   begin_follow_up    reconciling → follow_up          manager      (later)            P6.6
//   end_follow_up      follow_up → reconciling          manager      (later)            P6.6
//   report             reconciling → reported           manager      (later)            P7, P8.1
//   report_after_follow_up  follow_up → reported        manager      (later)            P7, P8.1
//   approve            reported → approved              supervisor   (later)            P8.2
//   order_recheck      reported → recheck               supervisor   (later)            P8.2
//   resume_after_recheck  recheck → reconciling         manager      (later)            P8.2
//   hold               approved → on_hold               supervisor   (later)            P9.2
//   wipe               approved → wiped                 appliance    (later)            P9.2, P10.4.a
//   wipe_after_hold    on_hold → wiped                  supervisor   (later)            P9.2
//   retain             wiped → retained                 appliance    (later)            P9.1
//   purge              retained → purged                appliance    (later)            P9.1

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "kiosk/survey/audit_actions.hpp"
#include "kiosk/survey/domain.hpp"
#include "storage/base/result.hpp"

namespace shogo::survey {

enum class SurveyState : std::uint8_t {
  draft,        // made; nothing designated yet (P6.1)
  designated,   // P6.3 designated; sheets may be imported (P6.4)
  sheets_made,  // P6.4 confirmation sheets complete
  reconciling,  // P6.5
  follow_up,    // P6.6
  reported,     // P7, P8.1
  approved,     // P8.2 judged: approved
  recheck,      // P8.2 judged: check again → reconciling
  on_hold,      // P9.2: a non-business access was found, sheets kept
  wiped,        // P9.2, P10.4.a: sheets destroyed
  retained,     // P9.1: the report kept one year
  purged,       // P9.1: the year is over
};
inline constexpr SurveyState kAllSurveyStates[] = {
    SurveyState::draft,       SurveyState::designated, SurveyState::sheets_made,
    SurveyState::reconciling, SurveyState::follow_up,  SurveyState::reported,
    SurveyState::approved,    SurveyState::recheck,    SurveyState::on_hold,
    SurveyState::wiped,       SurveyState::retained,   SurveyState::purged};
std::string_view survey_state_id(SurveyState state);  // "draft", "sheets_made", …
std::optional<SurveyState> parse_survey_state(std::string_view id);

enum class Step : std::uint8_t {
  designate,
  draw,
  redesignate,
  redraw,
  complete_sheets,
  begin_reconciling,
  begin_follow_up,
  end_follow_up,
  report,
  report_after_follow_up,
  approve,
  order_recheck,
  resume_after_recheck,
  hold,
  wipe,
  wipe_after_hold,
  retain,
  purge,
};
std::string_view step_id(Step step);  // "designate", …

enum class Taker : std::uint8_t { supervisor, manager, investigator, appliance };
Taker taker_of(Role role);

struct TransitionRow {
  Step step;
  SurveyState from;
  SurveyState to;
  Taker taker;
  std::optional<AuditAction> action;  // the event that records it
  bool available;                     // its guard is built; false: "not available yet"
  std::string_view guard;             // what must hold, in words
};

std::span<const TransitionRow> transitions();

// The row for `step` from `from` when `taker` may take it; otherwise
// survey.wrong_state (no such step from this state), survey.wrong_role (the
// step belongs to another taker) or survey.not_available (not built yet).
[[nodiscard]] Result<TransitionRow> check_transition(SurveyState from, Step step, Taker taker);

// The available steps `taker` may take from `state`.
std::vector<Step> offered(SurveyState state, Taker taker);
bool is_offered(SurveyState state, Step step, Taker taker);

}  // namespace shogo::survey
