#include <imgui.h>

#include "kiosk/ui/screens/audit_log_screen.hpp"
#include "kiosk/ui/widgets.hpp"

namespace shogo::ui {

void audit_log_view(const AuditLogModel& model, AuditLogForm& form) {
  if (model.chain_ok) {
    ImGui::TextColored(ImVec4(0.1f, 0.5f, 0.1f, 1.0f), "%s", model.chain_status.c_str());
  } else {
    error_text(model.chain_status.c_str());
  }
  auto filter = [&](const char* label, const char* id, std::array<char, 64>& buffer) {
    ImGui::TextUnformatted(label);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(180);
    ImGui::InputText(id, buffer.data(), buffer.size());
    record_last_item(id + 2);
    ImGui::SameLine(0, 24);
  };
  filter(tr("Person:"), "##person", form.person);
  filter(tr("Action:"), "##action", form.action);
  filter(tr("Survey:"), "##survey", form.survey);
  filter(tr("Date:"), "##date", form.date);
  ImGui::NewLine();
  ImGui::Text(tr("%zu of %zu events"), model.rows.size(), model.total);
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg |
                                     ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("audit", 7, kFlags, ImGui::GetContentRegionAvail())) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(tr("No."));
  ImGui::TableSetupColumn(tr("Time"));
  ImGui::TableSetupColumn(tr("Person"));
  ImGui::TableSetupColumn(tr("Role"));
  ImGui::TableSetupColumn(tr("Action"));
  ImGui::TableSetupColumn(tr("Objects"));
  ImGui::TableSetupColumn(tr("Outcome"));
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(model.rows.size()));
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const AuditRowView& r = model.rows[static_cast<std::size_t>(i)];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r.seq.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r.when.c_str());
      ImGui::TableNextColumn();
      name_text(r.actor);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r.role.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r.action.c_str());
      ImGui::TableNextColumn();
      name_text(r.objects);  // may hold a staff member's name (user=…)
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r.outcome.c_str());
    }
  }
  ImGui::EndTable();
}

}  // namespace shogo::ui
