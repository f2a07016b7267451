#include <imgui.h>

#include "kiosk/ui/screens/name_check_screen.hpp"
#include "kiosk/ui/widgets.hpp"

namespace shogo::ui {

void name_check_view(const NameCheckModel& model) {
  ImGui::TextWrapped("%s", tr("Each name is drawn in IPAmj Mincho. A character no font has is "
                              "shown as a box with its code point, never as \"?\"."));
  ImGui::Separator();
  // The fidelity line: every hard name on one row, as in the README screenshot.
  ImGui::PushFont(fonts().title);
  ImGui::TextUnformatted(tr("All at once:"));
  ImGui::PopFont();
  for (std::size_t i = 0; i < model.samples.size(); ++i) {
    if (i > 0) ImGui::SameLine(0, 28);
    name_text(model.samples[i].name);
  }
  ImGui::Separator();
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg;
  if (!ImGui::BeginTable("names", 3, kFlags)) return;
  ImGui::TableSetupColumn(tr("Name"));
  ImGui::TableSetupColumn(tr("Kana"));
  ImGui::TableSetupColumn(tr("Code points"));
  ImGui::TableHeadersRow();
  for (const NameSample& s : model.samples) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    name_text(s.name);
    ImGui::TableNextColumn();
    name_text(s.kana);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(s.codes.c_str());
  }
  ImGui::EndTable();
}

}  // namespace shogo::ui
