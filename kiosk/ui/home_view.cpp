#include <imgui.h>

#include "kiosk/ui/views.hpp"
#include "kiosk/ui/widgets.hpp"

namespace shogo::ui {

void back_button(Intents& out) {
  if (button(tr("Back to menu"))) out.emplace_back(RequestScreen{Screen::home});
  ImGui::Separator();
}

void home_view(const HomeModel& model, Intents& out) {
  ImGui::PushFont(fonts().title);
  ImGui::TextUnformatted(tr("Menu"));
  ImGui::PopFont();
  ImGui::TextUnformatted(tr("Signed in:"));
  ImGui::SameLine();
  name_text(model.user_name);
  ImGui::SameLine();
  ImGui::Text("(%s)", role_label(model.role));
  if (model.idle_lock_seconds % 60 == 0) {
    ImGui::Text(tr("The screen locks after %d minutes without input."),
                model.idle_lock_seconds / 60);
  } else {
    ImGui::Text(tr("The screen locks after %d seconds without input."), model.idle_lock_seconds);
  }
  ImGui::Separator();

  const ImVec2 big(420, 56);
  // A survey begins (P6.2–P6.4): the supervisor designates, the manager imports.
  const bool responsible =
      model.role == survey::Role::manager || model.role == survey::Role::supervisor;
  if (responsible && button(tr("Survey status"), big)) {
    out.emplace_back(RequestScreen{Screen::surveys});
  }
  if (model.role == survey::Role::supervisor &&
      button(tr("Designate the date, window and terminals"), big)) {
    out.emplace_back(RequestScreen{Screen::designation});
  }
  if (model.role == survey::Role::manager && button(tr("Import a confirmation sheet"), big)) {
    out.emplace_back(RequestScreen{Screen::sheet_import});
  }
  if (button(tr("Confirmation sheet (demo data)"), big)) {
    out.emplace_back(RequestScreen{Screen::access_log});
  }
  if (button(tr("Check how names are shown"), big)) {
    out.emplace_back(RequestScreen{Screen::name_check});
  }
  if (button(tr("Settings"), big)) out.emplace_back(RequestScreen{Screen::settings});
  if (model.may_read_audit_log && button(tr("Audit log"), big)) {
    out.emplace_back(RequestScreen{Screen::audit_log});
  }
  ImGui::Spacing();
  if (button(tr("Lock the screen"), big)) out.emplace_back(RequestLock{});
  if (button(tr("Sign out"), big)) out.emplace_back(RequestSignOut{});
  if (model.sitting_manager) {
    if (button(tr("Close the work sitting"), big)) out.emplace_back(RequestCloseSitting{});
    if (button(tr("Shut down Shogo"), big)) out.emplace_back(RequestQuit{});
  }
}

void quit_dialog(bool open, Intents& out) {
  if (!open) return;
  ImGui::OpenPopup("quit_confirm");
  const ImVec2 centre(ImGui::GetIO().DisplaySize.x * 0.5f, ImGui::GetIO().DisplaySize.y * 0.5f);
  ImGui::SetNextWindowPos(centre, ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  if (ImGui::BeginPopupModal("quit_confirm", nullptr,
                             ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoTitleBar)) {
    ImGui::TextUnformatted(tr("Shut down Shogo? The work sitting is closed first."));
    if (button(tr("Shut down"), ImVec2(160, 0))) out.emplace_back(RequestConfirmQuit{});
    ImGui::SameLine();
    if (button(tr("Cancel"), ImVec2(160, 0))) out.emplace_back(RequestCancelQuit{});
    ImGui::EndPopup();
  }
}

}  // namespace shogo::ui
