#include <imgui.h>

#include "kiosk/ui/screens/settings_screen.hpp"
#include "kiosk/ui/survey_widgets.hpp"
#include "kiosk/ui/widgets.hpp"

namespace shogo::ui {

void settings_view(const SettingsModel& model, SettingsForm& form, Out<SettingsIntent>& out) {
  ImGui::TextUnformatted(tr("Language:"));
  if (ImGui::RadioButton(verbatim("日本語"), model.language == Language::japanese)) {
    out.app(RequestLanguage{Language::japanese});
  }
  record_last_item("日本語");
  if (ImGui::RadioButton("English", model.language == Language::english)) {
    out.app(RequestLanguage{Language::english});
  }
  record_last_item("English");

  heading(tr("The work sitting"));
  if (!model.may_change) {
    ImGui::Text(tr("Idle lock: %d minutes"), model.idle_lock_minutes);
    ImGui::Text(tr("End of the day: %s (the sitting closes by itself, P6.4.c)"),
                model.end_of_day.c_str());
    ImGui::TextWrapped("%s", tr("The manager changes these settings."));
    return;
  }
  text_field(tr("Idle lock (minutes):"), "##idle-lock", form.idle_lock_minutes.data(),
             form.idle_lock_minutes.size(), 80, ImGuiInputTextFlags_CharsDecimal);
  text_field(tr("End of the day (HH:MM):"), "##end-of-day", form.end_of_day.data(),
             form.end_of_day.size(), 100);
  ImGui::TextWrapped("%s", tr("The screen locks after this many minutes without input. At the "
                              "end of the day the work sitting closes by itself and the sheets "
                              "go back (P6.4.c)."));
  if (model.fixed_by_option) {
    ImGui::TextWrapped("%s", tr("This kiosk was started with a fixed idle lock (--idle-lock); "
                                "the saved value applies from the next start."));
  }
  if (button(tr("Save"), ImVec2(160, 0))) {
    out(RequestSaveSettings{form.idle_lock_minutes.data(), form.end_of_day.data()});
  }
  if (!model.saved.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.1f, 0.5f, 0.1f, 1.0f));
    ImGui::TextWrapped("%s", model.saved.c_str());
    ImGui::PopStyleColor();
  }
  if (!model.error.empty()) error_text(model.error.c_str());
}

}  // namespace shogo::ui
