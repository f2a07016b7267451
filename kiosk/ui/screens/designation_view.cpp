// 調査対象の指定 (P6.3): the view of DesignationScreen.
#include <imgui.h>

#include <cstdio>
#include <utility>

#include "kiosk/ui/labels.hpp"
#include "kiosk/ui/page.hpp"
#include "kiosk/ui/screens/designation_screen.hpp"
#include "kiosk/ui/text_layout.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace shogo::ui {

namespace {

RequestDesignate typed_designation(const DesignationModel& model, const DesignationForm& form) {
  RequestDesignate r{model.system,
                     form.date.value ? survey::format_date(*form.date.value) : std::string(),
                     form.from.data(),
                     form.to.data(),
                     {},
                     {}};
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
    wrapped_text(
        tr("Only the supervisor designates the date, window and terminals. Ask the "
           "supervisor to sign in."));
    return;
  }
  const bool chosen = !model.picker.selected_id.empty();
  if (action_button(tr("Designate"), ActionKind::primary, chosen)) {
    out(typed_designation(model, form));
  }
  if (action_button(tr("Designate by drawing lots"), ActionKind::secondary, chosen)) {
    out(RequestDraw{model.system});
  }
  if (auto picked = survey_picker(model.picker)) out(SurveyChosen<DesignationScreen>{*picked});
  if (!chosen) return;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr("System:"));
  for (survey::System s : survey::kAllSystems) {
    ImGui::SameLine();
    if (ImGui::RadioButton(system_label(s), model.system == s) && model.system != s) {
      out(SystemChosen{s});
    }
    record_last_item(system_label(s));
  }
  // Enter in any field designates, as the button does.
  constexpr int kEnter = ImGuiInputTextFlags_EnterReturnsTrue;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr("Date:"));
  ImGui::SameLine();
  if (std::exchange(form.focus_date, false)) ImGui::SetKeyboardFocusHere();
  (void)date_field("date", form.date, model.today);
  bool enter =
      text_field(tr("From (HH:MM):"), "##from", form.from.data(), form.from.size(), 100, kEnter);
  ImGui::SameLine(0, 32);
  enter |= text_field(tr("To (HH:MM):"), "##to", form.to.data(), form.to.size(), 100, kEnter);
  if (enter) out(typed_designation(model, form));
  // What came of the last try, next to the fields it is about (never below the fold).
  if (!model.error.empty()) error_text(model.error.c_str());
  if (!model.errors.empty()) {
    error_text(
        tr("Not designated: nothing was stored. Correct the following and designate "
           "again."));
    for (const std::string& e : model.errors) error_text(noted("・" + e));
  }
  if (!model.warnings.empty()) {
    wrapped_text(
        tr("Please check the following. Tick each one and press the Designate button "
           "again."));
    for (const WarningChoice& w : model.warnings) {
      wrapped_text("・" + w.message);
      bool acknowledged = w.acknowledged;
      const std::string label = std::string(tr("I have checked this")) + "##" + w.code;
      if (ImGui::Checkbox(label.c_str(), &acknowledged)) out(WarningAcknowledged{w.code});
      record_last_item(label);
    }
  }
  if (!model.stored.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kSuccess);
    wrapped_text(model.stored);
    ImGui::PopStyleColor();
  }
  wrapped_text(
      tr("The window lasts at least 15 minutes, within the sites' operating hours. Rows "
         "at the start time are inside, rows at the end time are not."));
  heading(tr("Terminals: at least one at every site"));
  if (model.sites.empty()) ImGui::TextUnformatted(tr("This system has no terminals."));
  for (const SiteChoice& site : model.sites) {
    char hours[128];
    std::snprintf(hours, sizeof hours, tr("%s (operating hours %s)"), site.name.c_str(),
                  site.hours.c_str());
    plain_text(hours);
    ImGui::Indent();
    // As many per line as fit the page.
    const float right = ImGui::GetWindowContentRegionMax().x + ImGui::GetWindowPos().x;
    for (std::size_t i = 0; i < site.terminals.size(); ++i) {
      const TerminalChoice& t = site.terminals[i];
      const float width = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x +
                          ImGui::CalcTextSize(t.id.c_str()).x;
      if (i > 0) {
        ImGui::SameLine(0, 24);
        if (ImGui::GetCursorScreenPos().x + width > right) ImGui::NewLine();
      }
      bool checked = t.checked;  // the view's copy: the controller changes it after the frame
      if (ImGui::Checkbox(noted(t.id), &checked)) out(TerminalToggled{t.id});
      record_last_item(t.id);
    }
    ImGui::Unindent();
  }
  heading(tr("Designations of this survey, in the order made (a new one is added)"));
  designations_table(model.history);

  switch (confirm_dialog("##confirm_designation", !model.confirm.empty(),
                         model.confirm_title.c_str(), model.confirm, tr("Yes, designate"))) {
    case Answer::confirmed: out(Confirmed<DesignationScreen>{}); break;
    case Answer::cancelled: out(NotConfirmed<DesignationScreen>{}); break;
    case Answer::none: break;
  }
}

}  // namespace shogo::ui
