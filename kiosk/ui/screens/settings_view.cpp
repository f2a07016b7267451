// GCC 12 at -O3 takes the string of RequestSaveSettings, moved inside
// std::variant's move constructor, for uninitialized once the variant has a
// second alternative (a false positive of -Wmaybe-uninitialized, release
// builds only). The view's code is plain; the warning is silenced here only.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include <imgui.h>

#include <utility>

#include "kiosk/ui/page.hpp"
#include "kiosk/ui/screens/settings_screen.hpp"
#include "kiosk/ui/survey_widgets.hpp"
#include "kiosk/ui/text_layout.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace shogo::ui {

void settings_view(const SettingsModel& model, SettingsForm& form, Out<SettingsIntent>& out) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr("Language:"));
  ImGui::SameLine();
  if (ImGui::RadioButton(verbatim("日本語"), model.language == Language::japanese)) {
    out.app(RequestLanguage{Language::japanese});
  }
  record_last_item("日本語");
  ImGui::SameLine(0, 24);
  if (ImGui::RadioButton("English", model.language == Language::english)) {
    out.app(RequestLanguage{Language::english});
  }
  record_last_item("English");

  // The text size is each user's own (older eyes read these screens all day).
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr("Text size:"));
  const std::pair<int, const char*> sizes[] = {
      {100, tr("Standard")}, {115, tr("Large")}, {130, tr("Largest")}};
  int chosen = 0;
  for (const auto& [percent, label] : sizes) {
    ImGui::SameLine(0, 24);
    if (ImGui::RadioButton(label, model.text_size == percent) && model.text_size != percent) {
      chosen = percent;
    }
    record_last_item(label);
  }
  if (chosen != 0) out(RequestTextSize{chosen});

  heading(tr("The work sitting"));
  if (!model.may_change) {
    ImGui::Text(tr("Idle lock: %d minutes"), model.idle_lock_minutes);
    ImGui::Text(tr("End of the day: %s (the work sitting closes by itself)"),
                model.end_of_day.c_str());
    wrapped_text(tr("The manager changes these settings."));
    return;
  }
  auto save = [&] {
    out(RequestSaveSettings{form.idle_lock_minutes.data(), form.end_of_day.data()});
  };
  if (action_button(tr("Save"), ActionKind::primary)) save();
  // Enter in either field saves, as the button does.
  constexpr int kEnter = ImGuiInputTextFlags_EnterReturnsTrue;
  if (std::exchange(form.focus_first, false)) ImGui::SetKeyboardFocusHere();
  bool enter =
      text_field(tr("Idle lock (minutes):"), "##idle-lock", form.idle_lock_minutes.data(),
                 form.idle_lock_minutes.size(), 100, ImGuiInputTextFlags_CharsDecimal | kEnter);
  enter |= text_field(tr("End of the day (HH:MM):"), "##end-of-day", form.end_of_day.data(),
                      form.end_of_day.size(), 120, kEnter);
  if (enter) save();
  wrapped_text(
      tr("The screen locks after this many minutes without input. At the end of the "
         "day the work sitting closes by itself and the sheets go back."));
  if (model.fixed_by_option) {
    wrapped_text(
        tr("This terminal was started with a fixed idle lock; the saved value applies "
           "from the next start."));
  }
  if (!model.saved.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kSuccess);
    wrapped_text(model.saved);
    ImGui::PopStyleColor();
  }
  if (!model.error.empty()) error_text(model.error.c_str());
}

}  // namespace shogo::ui
