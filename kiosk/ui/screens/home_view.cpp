#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "kiosk/ui/page.hpp"
#include "kiosk/ui/screens/home_screen.hpp"
#include "kiosk/ui/text_layout.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace shogo::ui {

void home_view(const HomeModel& model, Out<HomeScreen::Intent>& out) {
  // The action bar: from the right, the everyday ones first.
  if (action_button(tr("Sign out"))) out.app(RequestSignOut{});
  if (action_button(tr("Lock the screen"))) out.app(RequestLock{});
  if (model.close_sitting && action_button(tr("Close the work sitting"))) {
    out.app(RequestCloseSitting{});
  }
  if (model.shut_down && action_button(tr("Shut down Shogo"))) out.app(RequestQuit{});

  for (const std::string& alert : model.alerts) {  // a staff name in it: the name font
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kError);
    wrapped_name_text(alert);
    ImGui::PopStyleColor();
  }
  if (!model.next_step.empty()) {
    ImGui::PushStyleColor(ImGuiCol_ChildBg, theme::kSurface);
    const float h = ImGui::GetTextLineHeight() * 5.0f + 24;  // a heading and two wrapped lines
    ImGui::BeginChild("##next", ImVec2(0, h), true, ImGuiWindowFlags_NoScrollbar);
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kHeading);
    ImGui::TextUnformatted(tr("What to do next"));
    ImGui::PopStyleColor();
    wrapped_text(model.next_step);
    ImGui::EndChild();
    ImGui::PopStyleColor();
    ImGui::Spacing();
  }
  // The screens, two to a row: room for the ones still to come.
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const float width = std::floor((ImGui::GetContentRegionAvail().x - gap) * 0.5f);
  const float height = std::max(88.0f, 4.4f * ImGui::GetFontSize());  // label and note
  for (std::size_t i = 0; i < model.entries.size(); ++i) {
    const MenuEntry& e = model.entries[i];
    if (i % 2 == 1) ImGui::SameLine(0, gap);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::PushID(static_cast<int>(i));
    ImGui::PushStyleVar(ImGuiStyleVar_ButtonTextAlign, ImVec2(0.5f, 0.25f));
    if (button(e.label, ImVec2(width, height))) out.app(RequestScreen{e.screen});
    ImGui::PopStyleVar();
    ImGui::PopID();
    // The note under the label, inside the tile.
    ImGui::GetWindowDrawList()->AddText(
        ImVec2(at.x + (width - ImGui::CalcTextSize(e.note).x) * 0.5f, at.y + height * 0.56f),
        theme::kTextMuted, noted(e.note));
  }
  ImGui::Spacing();
  if (model.idle_lock_seconds % 60 == 0) {
    ImGui::Text(tr("The screen locks after %d minutes without input."),
                model.idle_lock_seconds / 60);
  } else {
    ImGui::Text(tr("The screen locks after %d seconds without input."), model.idle_lock_seconds);
  }
}

}  // namespace shogo::ui
