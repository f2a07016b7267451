#include <imgui.h>

#include "kiosk/ui/labels.hpp"
#include "kiosk/ui/screens/home_screen.hpp"
#include "kiosk/ui/widgets.hpp"

namespace shogo::ui {

void home_view(const HomeModel& model, Out<HomeScreen::Intent>& out) {
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
  auto go = [&](bool offered, const char* label, ScreenId screen) {
    if (offered && button(label, big)) out.app(RequestScreen{screen});
  };
  // A survey begins (P6.2–P6.4): the supervisor designates, the manager imports.
  go(model.surveys, tr("Survey status"), ScreenId::surveys);
  go(model.designation, tr("Designate the date, window and terminals"), ScreenId::designation);
  go(model.sheet_import, tr("Import a confirmation sheet"), ScreenId::sheet_import);
  go(model.names, tr("Check how names are shown"), ScreenId::name_check);
  go(model.settings, tr("Settings"), ScreenId::settings);
  go(model.audit_log, tr("Audit log"), ScreenId::audit_log);
  ImGui::Spacing();
  if (button(tr("Lock the screen"), big)) out.app(RequestLock{});
  if (button(tr("Sign out"), big)) out.app(RequestSignOut{});
  if (model.close_sitting && button(tr("Close the work sitting"), big)) {
    out.app(RequestCloseSitting{});
  }
  if (model.shut_down && button(tr("Shut down Shogo"), big)) out.app(RequestQuit{});
}

}  // namespace shogo::ui
