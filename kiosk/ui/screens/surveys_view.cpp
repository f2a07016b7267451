// 調査の状況 (P6.1–P6.3): the view of SurveysScreen.
#include <imgui.h>

#include "kiosk/ui/screens/surveys_screen.hpp"
#include "kiosk/ui/widgets.hpp"

namespace shogo::ui {

namespace {

const ImVec4 kGood(0.1f, 0.5f, 0.1f, 1.0f);

// 新しい調査を作る (P6.1): the manager's form, under the list of surveys.
void new_survey_form(const SurveysModel& m, NewSurveyForm& f, Out<SurveysIntent>& out) {
  if (!m.may_create) return;
  if (!m.created.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, kGood);
    ImGui::TextWrapped("%s", noted(m.created));
    ImGui::PopStyleColor();
  }
  if (!f.open) {
    if (button(tr("Make a new survey"))) out(RequestNewSurveyForm{true});
    return;
  }
  heading(tr("Make a new survey"));
  if (text_field(tr("Fiscal year:"), "##fiscal-year", f.fiscal_year.data(), f.fiscal_year.size(),
                 80, ImGuiInputTextFlags_CharsDecimal)) {
    out(FiscalYearChanged{f.fiscal_year.data()});
  }
  ImGui::SameLine(0, 24);
  text_field(tr("Title:"), "##title", f.title.data(), f.title.size(), 440);
  text_field(tr("Survey id (letters, digits and '-'):"), "##survey-id", f.id.data(), f.id.size(),
             240);
  ImGui::TextWrapped("%s", tr("The appliance proposes the next free id of the fiscal year; it "
                              "cannot be changed later."));
  if (button(tr("Create"), ImVec2(160, 0))) {
    out(RequestCreateSurvey{f.fiscal_year.data(), f.title.data(), f.id.data()});
  }
  ImGui::SameLine(0, 24);
  if (button(tr("Cancel"))) out(RequestNewSurveyForm{false});
  if (!m.create_error.empty()) error_text(noted(m.create_error));
  ImGui::Separator();
}

}  // namespace

void surveys_view(const SurveysModel& model, NewSurveyForm& form, Out<SurveysIntent>& out) {
  if (auto chosen = survey_picker(model.picker)) out(SurveyChosen<SurveysScreen>{*chosen});
  new_survey_form(model, form, out);
  if (!model.error.empty()) error_text(model.error.c_str());
  if (model.picker.selected_id.empty()) return;
  heading(tr("Designations (P6.3), in the order made"));
  designations_table(model.designations);
  heading(tr("Viewed persons per system"));
  if (auto system = counts_table(model.counts, model.may_designate)) {
    out.app(RequestScreen{ScreenId::designation, {*system}});
  }
}

}  // namespace shogo::ui
