#include <imgui.h>

#include "kiosk/ui/screens/roster_screen.hpp"
#include "kiosk/ui/text_layout.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace shogo::ui {

void roster_view(const RosterModel& model) {
  if (!model.error.empty()) {
    error_text(model.error.c_str());
    return;
  }
  if (model.rows.empty()) {
    wrapped_text(
        tr("No roster has been imported yet. Until it is, the kind of every operator is "
           "unknown."));
    return;
  }
  ImGui::Text(tr("%d operators: %d staff, %d of other divisions, %d contractors' employees."),
              static_cast<int>(model.rows.size()), model.staff, model.other_division,
              model.contractor);
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg |
                                     ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("roster", 5, kFlags, ImVec2(0, ImGui::GetContentRegionAvail().y))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(tr("Operator ID"));
  ImGui::TableSetupColumn(tr("Name"));
  ImGui::TableSetupColumn(tr("Kind"));
  ImGui::TableSetupColumn(tr("Division or contractor"));
  ImGui::TableSetupColumn(tr("Shogo user"));
  ImGui::TableHeadersRow();
  for (const RosterRowView& r : model.rows) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    plain_text(r.id);
    ImGui::TableNextColumn();
    name_text(r.name);
    ImGui::TableNextColumn();
    plain_text(r.kind);
    ImGui::TableNextColumn();
    plain_text(r.affiliation);
    ImGui::TableNextColumn();
    if (!r.user.empty()) name_text(r.user);
  }
  ImGui::EndTable();
}

}  // namespace shogo::ui
