// The survey lifecycle table (kiosk/survey/lifecycle.hpp): every step by every
// taker from every state is allowed or refused exactly as the table says.
#include <catch2/catch.hpp>

#include <set>

#include "kiosk/survey/lifecycle.hpp"

using namespace shogo;
using namespace shogo::survey;

namespace {

constexpr Taker kTakers[] = {Taker::supervisor, Taker::manager, Taker::investigator,
                             Taker::appliance};

std::vector<Step> all_steps() {
  std::vector<Step> steps;
  for (int i = 0; i <= static_cast<int>(Step::purge); ++i) steps.push_back(static_cast<Step>(i));
  return steps;
}

}  // namespace

TEST_CASE("every state of the design is in the table, and every state id reads back") {
  std::set<SurveyState> reached;
  for (const TransitionRow& r : transitions()) {
    reached.insert(r.from);
    reached.insert(r.to);
  }
  for (SurveyState s : kAllSurveyStates) {
    INFO(survey_state_id(s));
    CHECK(reached.count(s) == 1);
    CHECK(parse_survey_state(survey_state_id(s)) == s);
  }
  CHECK_FALSE(parse_survey_state("finished").has_value());
}

TEST_CASE(
    "every transition by every taker from every state is allowed or refused as the table says") {
  int allowed = 0, refused = 0;
  for (SurveyState from : kAllSurveyStates) {
    for (Step step : all_steps()) {
      for (Taker taker : kTakers) {
        const TransitionRow* row = nullptr;
        for (const TransitionRow& r : transitions()) {
          if (r.from == from && r.step == step) row = &r;
        }
        INFO(survey_state_id(from) << " " << step_id(step) << " taker " << static_cast<int>(taker));
        auto result = check_transition(from, step, taker);
        if (row == nullptr) {
          REQUIRE_FALSE(result.ok());
          CHECK(result.error().code == "survey.wrong_state");
          ++refused;
        } else if (row->taker != taker) {
          REQUIRE_FALSE(result.ok());
          CHECK(result.error().code == "survey.wrong_role");
          ++refused;
        } else if (!row->available) {
          REQUIRE_FALSE(result.ok());
          CHECK(result.error().code == "survey.not_available");
          ++refused;
        } else {
          REQUIRE(result.ok());
          CHECK(result->to == row->to);
          CHECK(result->action.has_value());  // every allowed transition is audited
          CHECK(is_offered(from, step, taker));
          ++allowed;
        }
        if (!result.ok()) CHECK_FALSE(result.error().message.empty());  // a plain sentence
      }
    }
  }
  // designate, draw, redesignate, redraw; complete the sheets, lend the first
  CHECK(allowed == 6);
  CHECK(allowed + refused == 12 * 18 * 4);
}

TEST_CASE(
    "the steps of later work are present with their takers and refused as not available yet") {
  auto approve = check_transition(SurveyState::reported, Step::approve, Taker::supervisor);
  REQUIRE_FALSE(approve.ok());
  CHECK(approve.error().code == "survey.not_available");
  auto wipe = check_transition(SurveyState::approved, Step::wipe, Taker::appliance);
  CHECK(wipe.error().code == "survey.not_available");
  CHECK(check_transition(SurveyState::approved, Step::wipe, Taker::manager).error().code ==
        "survey.wrong_role");
  CHECK(offered(SurveyState::reported, Taker::supervisor).empty());
}

TEST_CASE("P6.4 the manager declares the sheets made and the first lending begins reconciling") {
  CHECK(check_transition(SurveyState::designated, Step::complete_sheets, Taker::manager)->to ==
        SurveyState::sheets_made);
  CHECK(check_transition(SurveyState::sheets_made, Step::begin_reconciling, Taker::manager)->to ==
        SurveyState::reconciling);
  CHECK(check_transition(SurveyState::designated, Step::complete_sheets, Taker::supervisor)
            .error()
            .code == "survey.wrong_role");
  CHECK(check_transition(SurveyState::draft, Step::complete_sheets, Taker::manager).error().code ==
        "survey.wrong_state");
}

TEST_CASE("P6.3 the supervisor designates a draft and designates again, and nobody else does") {
  CHECK(check_transition(SurveyState::draft, Step::designate, Taker::supervisor)->to ==
        SurveyState::designated);
  CHECK(check_transition(SurveyState::designated, Step::redesignate, Taker::supervisor)->to ==
        SurveyState::designated);
  CHECK(check_transition(SurveyState::draft, Step::designate, Taker::manager).error().code ==
        "survey.wrong_role");
  CHECK(check_transition(SurveyState::sheets_made, Step::redesignate, Taker::supervisor)
            .error()
            .code == "survey.wrong_state");
  const auto steps = offered(SurveyState::designated, Taker::supervisor);
  CHECK(steps == std::vector<Step>{Step::redesignate, Step::redraw});
  CHECK(offered(SurveyState::designated, Taker::investigator).empty());
}
