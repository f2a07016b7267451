// 調査の状況 (P6.1–P6.3): the view of SurveysScreen.
#include <imgui.h>

#include <utility>

#include "kiosk/ui/page.hpp"
#include "kiosk/ui/screens/surveys_screen.hpp"
#include "kiosk/ui/text_layout.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace shogo::ui {

namespace {

// 新しい調査を作る (P6.1): the manager's form, under the list of surveys.
void new_survey_form(const SurveysModel& m, NewSurveyForm& f, Out<SurveysIntent>& out) {
  if (!m.may_create) return;
  if (!m.created.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kSuccess);
    wrapped_text(m.created);
    ImGui::PopStyleColor();
  }
  if (!f.open) {
    if (action_button(tr("Make a new survey"))) out(RequestNewSurveyForm{true});
    return;
  }
  auto create = [&] {
    out(RequestCreateSurvey{f.fiscal_year.data(), f.title.data(), f.id.data()});
  };
  if (action_button(tr("Create"), ActionKind::primary)) create();
  if (action_button(tr("Cancel"))) out(RequestNewSurveyForm{false});
  heading(tr("Make a new survey"));
  const int focus = std::exchange(f.focus, -1);
  if (focus == 0) ImGui::SetKeyboardFocusHere();
  if (text_field(tr("Fiscal year:"), "##fiscal-year", f.fiscal_year.data(), f.fiscal_year.size(),
                 100, ImGuiInputTextFlags_CharsDecimal)) {
    out(FiscalYearChanged{f.fiscal_year.data()});
  }
  ImGui::SameLine(0, 32);
  // Enter in the title or the id creates, as the button does.
  constexpr int kEnter = ImGuiInputTextFlags_EnterReturnsTrue;
  if (focus == 1) ImGui::SetKeyboardFocusHere();
  bool enter =
      japanese_text_field(tr("Title:"), "##title", f.title.data(), f.title.size(), 440, kEnter);
  if (focus == 2) ImGui::SetKeyboardFocusHere();
  enter |= text_field(tr("Survey id (letters, digits and '-'):"), "##survey-id", f.id.data(),
                      f.id.size(), 240, kEnter);
  if (enter) create();
  wrapped_text(
      tr("Shogo proposes the next free id of the fiscal year; it cannot be changed "
         "later."));
  if (!m.create_error.empty()) error_text(noted(m.create_error));
  ImGui::Separator();
}

}  // namespace

void surveys_view(const SurveysModel& model, NewSurveyForm& form, Out<SurveysIntent>& out) {
  if (auto chosen = survey_picker(model.picker)) out(SurveyChosen<SurveysScreen>{*chosen});
  new_survey_form(model, form, out);
  if (!model.error.empty()) error_text(model.error.c_str());
  if (model.picker.selected_id.empty()) return;
  heading(tr("Designations, in the order made"));
  designations_table(model.designations);
  heading(tr("Viewed persons per system"));
  if (auto system = counts_table(model.counts, model.may_designate)) {
    out.app(RequestScreen{ScreenId::designation, {*system}});
  }
}

}  // namespace shogo::ui
