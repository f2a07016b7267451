#include <imgui.h>

#include "kiosk/ui/views.hpp"
#include "kiosk/ui/widgets.hpp"

namespace shogo::ui {

const char* role_label(survey::Role role) {
  switch (role) {
    case survey::Role::supervisor: return tr("Supervisor");
    case survey::Role::manager: return tr("Manager");
    case survey::Role::investigator: return tr("Investigator");
  }
  return "";
}

void lock_view(const LockModel& model, Intents& out) {
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float width = 640.0f;
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (avail.x - width) * 0.5f);
  ImGui::BeginChild("lock_form", ImVec2(width, 0), true);

  ImGui::PushFont(fonts().title);
  ImGui::TextUnformatted(tr("The screen is locked"));
  ImGui::PopFont();
  if (model.reason != nullptr) ImGui::TextWrapped("%s", model.reason);
  if (!model.sitting_manager.empty()) {
    ImGui::TextUnformatted(tr("Work sitting opened by:"));
    ImGui::SameLine();
    name_text(model.sitting_manager);
  }
  ImGui::Separator();
  ImGui::TextUnformatted(tr("Choose your name:"));
  for (const UserEntry& user : model.users) {
    std::string suffix = "  (";
    suffix += role_label(user.role);
    suffix += ")";
    if (selectable_name(user.id, user.name, user.id == model.selected_user_id, suffix)) {
      out.emplace_back(RequestSelectUser{user.id});
    }
  }
  ImGui::Spacing();
  const bool chosen = !model.selected_user_id.empty();
  if (button(tr("Sign in"), ImVec2(200, 0), chosen)) {
    out.emplace_back(RequestSignIn{model.selected_user_id});
  }
  if (!model.error.empty()) error_text(model.error.c_str());

  ImGui::Separator();
  ImGui::TextUnformatted(tr("Language:"));
  ImGui::SameLine();
  if (button(verbatim("日本語"), ImVec2(0, 0), model.language != Language::japanese)) {
    out.emplace_back(RequestLanguage{Language::japanese});
  }
  ImGui::SameLine();
  if (button("English", ImVec2(0, 0), model.language != Language::english)) {
    out.emplace_back(RequestLanguage{Language::english});
  }
  ImGui::EndChild();
}

}  // namespace shogo::ui
