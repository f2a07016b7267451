#include <imgui.h>

#include "kiosk/ui/screens/lock_screen.hpp"
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
    ImGui::TextWrapped("%s", tr("Ask the system division to check the appliance "
                                "(shogo-admin doctor)."));
    ImGui::EndChild();
    return;
  }
  if (model.reason != nullptr) ImGui::TextWrapped("%s", model.reason);
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
  ImGui::TextUnformatted(tr("Choose your name:"));
  for (const std::string& user : model.users) {
    if (selectable_name(user, user, user == model.selected_user_id, "")) {
      out(UserChosen{user});
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
  ImGui::TextUnformatted(tr("Language:"));
  ImGui::SameLine();
  if (button(verbatim("日本語"), ImVec2(0, 0), model.language != Language::japanese)) {
    out.app(RequestLanguage{Language::japanese});
  }
  ImGui::SameLine();
  if (button("English", ImVec2(0, 0), model.language != Language::english)) {
    out.app(RequestLanguage{Language::english});
  }
  ImGui::EndChild();
}

}  // namespace shogo::ui
