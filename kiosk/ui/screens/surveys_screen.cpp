#include "kiosk/ui/screens/surveys_screen.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "kiosk/ui/widgets.hpp"
#include "storage/import/profile.hpp"

namespace shogo::ui {

const char* SurveysScreen::help() const {
  return tr(
      "The surveys of this terminal: what is designated and how many persons were viewed per "
      "system.");
}

const char* SurveysScreen::explanation() const {
  return tr(
      "Choose a survey in the list to see its designations and, per system, how many persons the "
      "imported sheet shows. Each system needs at least the required number of viewed persons; "
      "when one is short, the supervisor designates again and the new designation is added. A "
      "manager makes a new survey here.");
}

namespace {

bool four_digits(const std::string& s) {
  return s.size() == 4 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

void SurveysScreen::open(ScreenContext& ctx, const ScreenArgs&) {
  board_.load(*ctx.sitting.vault(), ctx.survey_id);
  created_id_.clear();
  create_error_.clear();
  form_.open = false;
  reset_form(ctx);
}

void SurveysScreen::forget(ScreenContext&) {
  form_ = {};
  created_id_.clear();
  create_error_.clear();
}

void SurveysScreen::reset_form(const ScreenContext& ctx) {
  // P6.1 the fiscal year of today's date; the next free id of that year.
  const int year = survey::fiscal_year_of(ctx.today);
  std::vector<std::string> ids;
  for (const auto& s : board_.surveys) ids.push_back(s.id);
  proposed_id_ = survey::propose_survey_id(year, ids);
  set_field(form_.fiscal_year, std::to_string(year));
  set_field(form_.title, "");
  set_field(form_.id, proposed_id_);
}

void SurveysScreen::view(ScreenContext& ctx, Out<SurveysIntent>& out) {
  SurveysModel m;
  m.picker = board_.picker(ctx.survey_id);
  m.may_create = ctx.may(survey::Action::create_survey);
  if (!create_error_.empty()) m.create_error = tr(create_error_.c_str());
  if (!created_id_.empty()) {
    char text[256];
    std::snprintf(text, sizeof text,
                  tr("Made the survey %s. Next, the supervisor designates the date, window and "
                     "terminals (P6.3)."),
                  created_id_.c_str());
    m.created = text;
  }
  m.designations = board_.designation_rows();
  m.counts = SurveyBoard::count_rows(board_.counts);
  // Designating again is a step of the lifecycle the supervisor takes.
  const auto* s = board_.find(ctx.survey_id);
  m.may_designate =
      ctx.may(survey::Action::designate) && s != nullptr &&
      (survey::is_offered(s->state, survey::Step::designate, survey::Taker::supervisor) ||
       survey::is_offered(s->state, survey::Step::redesignate, survey::Taker::supervisor));
  if (!board_.error.empty()) m.error = tr(board_.error.c_str());
  surveys_view(m, form_, out);
}

void SurveysScreen::create(const RequestCreateSurvey& r, ScreenContext& ctx) {
  create_error_.clear();
  const int year = four_digits(r.fiscal_year) ? std::stoi(r.fiscal_year) : 0;
  const std::string title(storage::import::trim_cell(r.title));
  if (year < 2000) {
    create_error_ = N_("Please type the fiscal year in four digits, for example 2026.");
    form_.focus = 0;
    return;
  }
  if (title.empty()) {
    create_error_ = N_("Please type a title for the survey.");
    form_.focus = 1;
    return;
  }
  if (!survey::valid_survey_id(r.id)) {
    create_error_ = N_("A survey id uses letters, digits and '-' only.");
    form_.focus = 2;
    return;
  }
  // SurveyFiles::create refuses anyone but a manager too (P6.1); it records
  // survey_create and gives the file its schema.
  auto made = ctx.sitting.vault()->surveys().create(ctx.user->id, r.id, year, title);
  if (!made) {
    create_error_ = made.error().message;
    form_.focus = 2;
    return;
  }
  made->close();
  created_id_ = r.id;
  ctx.survey_id = r.id;
  form_.open = false;
  board_.load(*ctx.sitting.vault(), ctx.survey_id);
  reset_form(ctx);
}

void SurveysScreen::apply(const SurveysIntent& intent, ScreenContext& ctx) {
  if (!ctx.sitting.vault_open() || ctx.tasks.busy()) return;
  dispatch(
      intent,
      [&](const SurveyChosen<SurveysScreen>& r) {
        ctx.survey_id = r.survey_id;
        board_.load(*ctx.sitting.vault(), ctx.survey_id);
      },
      [&](const RequestNewSurveyForm& r) {
        if (!ctx.may(survey::Action::create_survey)) return;
        form_.open = r.open;
        created_id_.clear();
        create_error_.clear();
        reset_form(ctx);
        form_.focus = r.open ? 0 : -1;
      },
      [&](const FiscalYearChanged& r) {
        // The proposal follows the year until the manager edits the id.
        if (form_.id.data() != proposed_id_ || !four_digits(r.fiscal_year)) return;
        std::vector<std::string> ids;
        for (const auto& s : board_.surveys) ids.push_back(s.id);
        proposed_id_ = survey::propose_survey_id(std::stoi(r.fiscal_year), ids);
        set_field(form_.id, proposed_id_);
      },
      [&](const RequestCreateSurvey& r) {
        if (!ctx.may(survey::Action::create_survey) || !form_.open) return;
        create(r, ctx);
      });
}

}  // namespace shogo::ui
