// 調査対象の指定 (P6.3): the view of DesignationScreen.
#include <imgui.h>

#include "kiosk/ui/labels.hpp"
#include "kiosk/ui/screens/designation_screen.hpp"
#include "kiosk/ui/widgets.hpp"

namespace shogo::ui {

namespace {

const ImVec4 kGood(0.1f, 0.5f, 0.1f, 1.0f);

RequestDesignate typed_designation(const DesignationModel& model, const DesignationForm& form) {
  RequestDesignate r{model.system, form.date.data(), form.from.data(), form.to.data(), {}, {}};
  for (const SiteChoice& site : model.sites) {
    for (const TerminalChoice& t : site.terminals) {
      if (t.checked) r.terminal_ids.push_back(t.id);
    }
  }
  for (const WarningChoice& w : model.warnings) {
    if (w.acknowledged) r.acknowledged.push_back(w.code);
  }
  return r;
}

}  // namespace

void designation_view(const DesignationModel& model, DesignationForm& form,
                      Out<DesignationIntent>& out) {
  if (!model.allowed) {
    ImGui::TextWrapped("%s", tr("Only the supervisor designates the date, window and terminals "
                                "(P6.3). Ask the supervisor to sign in."));
    return;
  }
  if (auto chosen = survey_picker(model.picker)) out(SurveyChosen<DesignationScreen>{*chosen});
  if (model.picker.selected_id.empty()) return;
  ImGui::TextUnformatted(tr("System:"));
  for (survey::System s : survey::kAllSystems) {
    ImGui::SameLine();
    if (ImGui::RadioButton(system_label(s), model.system == s) && model.system != s) {
      out(SystemChosen{s});
    }
    record_last_item(system_label(s));
  }
  text_field(tr("Date (YYYY-MM-DD):"), "##date", form.date.data(), form.date.size(), 150);
  ImGui::SameLine(0, 24);
  text_field(tr("From (HH:MM):"), "##from", form.from.data(), form.from.size(), 80);
  ImGui::SameLine(0, 24);
  text_field(tr("To (HH:MM):"), "##to", form.to.data(), form.to.size(), 80);
  ImGui::TextWrapped("%s", tr("The window lasts at least 15 minutes, within the sites' operating "
                              "hours. Rows at the start time are inside, rows at the end time are "
                              "not."));
  heading(tr("Terminals: at least one at every site (P6.3.c)"));
  if (model.sites.empty()) ImGui::TextUnformatted(tr("This system has no terminals."));
  for (const SiteChoice& site : model.sites) {
    plain_text(site.name + "  (" + site.hours + ")");
    ImGui::Indent();
    for (std::size_t i = 0; i < site.terminals.size(); ++i) {
      const TerminalChoice& t = site.terminals[i];
      if (i > 0 && i % 6 != 0) ImGui::SameLine(0, 20);
      bool checked = t.checked;  // the view's copy: the controller changes it after the frame
      if (ImGui::Checkbox(t.id.c_str(), &checked)) out(TerminalToggled{t.id});
      record_last_item(t.id);
    }
    ImGui::Unindent();
  }
  ImGui::Spacing();
  if (button(tr("Designate"), ImVec2(220, 0))) out(typed_designation(model, form));
  ImGui::SameLine(0, 24);
  if (button(tr("Designate by drawing lots"), ImVec2(260, 0))) out(RequestDraw{model.system});
  if (!model.error.empty()) error_text(model.error.c_str());
  if (!model.errors.empty()) {
    error_text(
        tr("Not designated: nothing was stored. Correct the following and designate "
           "again."));
    for (const std::string& e : model.errors) error_text(noted("・" + e));
  }
  if (!model.warnings.empty()) {
    ImGui::TextWrapped("%s", tr("Please check the following. Tick each one and press the "
                                "Designate button again."));
    for (const WarningChoice& w : model.warnings) {
      ImGui::TextWrapped("%s", noted("・" + w.message));
      bool acknowledged = w.acknowledged;
      const std::string label = std::string(tr("I have checked this")) + "##" + w.code;
      if (ImGui::Checkbox(label.c_str(), &acknowledged)) out(WarningAcknowledged{w.code});
      record_last_item(label);
    }
  }
  if (!model.stored.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, kGood);
    ImGui::TextWrapped("%s", noted(model.stored));
    ImGui::PopStyleColor();
  }
  heading(tr("Designations of this survey, in the order made (a new one adds, P6.3.d)"));
  designations_table(model.history);
}

}  // namespace shogo::ui
