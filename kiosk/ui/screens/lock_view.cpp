#include <imgui.h>

#include <algorithm>
#include <iterator>

#include "kiosk/ui/page.hpp"
#include "kiosk/ui/screens/lock_screen.hpp"
#include "kiosk/ui/text_layout.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace shogo::ui {

void lock_view(const LockModel& model, LockForm& form, Out<LockIntent>& out) {
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float width = 640.0f;
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (avail.x - width) * 0.5f);
  ImGui::BeginChild("lock_form", ImVec2(width, 0), true);

  ImGui::PushFont(fonts().title);
  ImGui::TextUnformatted(tr("The screen is locked"));
  ImGui::PopFont();
  if (!model.vault_error.empty()) {
    error_text(model.vault_error.c_str());
    wrapped_text(tr("Ask the system division to check Shogo."));
    ImGui::EndChild();
    return;
  }
  if (model.reason != nullptr) wrapped_text(model.reason);
  if (!model.sitting_manager.empty()) {
    ImGui::TextUnformatted(tr("Work sitting opened by:"));
    ImGui::SameLine();
    name_text(model.sitting_manager);
  }
  ImGui::Separator();
  if (model.checking) {
    ImGui::TextUnformatted(tr("Checking the passphrase…"));
    name_text(model.selected_user_id);
    ImGui::EndChild();
    return;
  }
  ImGui::TextUnformatted(tr("Choose your name (↑ ↓):"));
  for (const std::string& user : model.users) {
    if (selectable_name(user, user, user == model.selected_user_id, "")) {
      out(UserChosen{user});
    }
    if (user == model.selected_user_id) theme::mark_selected_item();
  }
  // The arrow keys choose the previous or next name, wherever the focus is
  // (the passphrase field has one line).
  if (!model.users.empty()) {
    const auto at = std::find(model.users.begin(), model.users.end(), model.selected_user_id);
    const bool up = key_pressed(ImGuiKey_UpArrow);
    const bool down = key_pressed(ImGuiKey_DownArrow);
    if (at == model.users.end() && (up || down)) {
      out(UserChosen{down ? model.users.front() : model.users.back()});
    } else if (up && at != model.users.begin()) {
      out(UserChosen{*std::prev(at)});
    } else if (down && at != model.users.end() && std::next(at) != model.users.end()) {
      out(UserChosen{*std::next(at)});
    }
  }
  ImGui::Spacing();
  const bool chosen = !model.selected_user_id.empty();
  if (chosen) {
    ImGui::TextUnformatted(tr("Passphrase:"));
    ImGui::SetNextItemWidth(360);
    // Once, not every frame: focusing each frame would steal the button's click.
    if (std::exchange(form.focus_passphrase, false)) ImGui::SetKeyboardFocusHere();
    const bool enter = ImGui::InputText(
        "##passphrase", reinterpret_cast<char*>(form.passphrase.data()), form.passphrase.size(),
        ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue |
            ImGuiInputTextFlags_NoUndoRedo);
    record_last_item("passphrase");
    if (enter && model.wait_seconds <= 0) out(RequestSignIn{model.selected_user_id});
  }
  if (button(tr("Sign in"), ImVec2(200, 0), chosen && model.wait_seconds <= 0)) {
    out(RequestSignIn{model.selected_user_id});
  }
  if (model.wait_seconds > 0) {
    ImGui::Text(tr("Please wait %d seconds before the next try."), model.wait_seconds);
  }
  if (!model.error.empty()) error_text(model.error.c_str());

  ImGui::Separator();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr("Language:"));
  ImGui::SameLine();
  // The current language is the one marked (a radio button, never a greyed button).
  if (ImGui::RadioButton(verbatim("日本語"), model.language == Language::japanese) &&
      model.language != Language::japanese) {
    out.app(RequestLanguage{Language::japanese});
  }
  record_last_item("日本語");
  ImGui::SameLine(0, 24);
  if (ImGui::RadioButton("English", model.language == Language::english) &&
      model.language != Language::english) {
    out.app(RequestLanguage{Language::english});
  }
  record_last_item("English");
  ImGui::EndChild();
}

}  // namespace shogo::ui
