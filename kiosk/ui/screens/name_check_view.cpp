#include <imgui.h>

#include "kiosk/ui/screens/name_check_screen.hpp"
#include "kiosk/ui/text_layout.hpp"
#include "kiosk/ui/widgets.hpp"

namespace shogo::ui {

void name_check_view(const NameCheckModel& model) {
  wrapped_text(
      tr("Each name is drawn in the IPAmj Mincho font. A character no font has is shown "
         "as a box with its code point, never as a question mark."));
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
  constexpr ImGuiTableFlags kFlags =
      ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
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
    ImGui::PushTextWrapPos(0.0f);  // the code points wrap inside their column
    ImGui::TextUnformatted(s.codes.c_str());
    ImGui::PopTextWrapPos();
  }
  ImGui::EndTable();
}

}  // namespace shogo::ui
