#include <imgui.h>

#include "kiosk/ui/views.hpp"
#include "kiosk/ui/widgets.hpp"

namespace shogo::ui {

void access_log_view(const AccessLogModel& model, Intents& out) {
  back_button(out);
  ImGui::PushFont(fonts().title);
  ImGui::TextUnformatted(tr("Confirmation sheet (demo data)"));
  ImGui::PopFont();
  ImGui::TextWrapped("%s", model.caption.c_str());
  access_rows_table("access_log", model.rows, /*with_system=*/true);
}

void access_rows_table(const char* id, const std::vector<AccessRowView>& rows, bool with_system) {
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg |
                                     ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable(id, with_system ? 8 : 7, kFlags, ImGui::GetContentRegionAvail())) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(tr("Time"));
  if (with_system) ImGui::TableSetupColumn(tr("System"));
  ImGui::TableSetupColumn(tr("Terminal"));
  ImGui::TableSetupColumn(tr("Operator"));
  ImGui::TableSetupColumn(tr("Operation"));
  ImGui::TableSetupColumn(tr("Name"));
  ImGui::TableSetupColumn(tr("Kana"));
  ImGui::TableSetupColumn(tr("Birth date"));
  ImGui::TableHeadersRow();
  auto cell = [](const std::string& text) {
    ImGui::TableNextColumn();
    plain_text(text);
  };
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(rows.size()));
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const AccessRowView& r = rows[static_cast<std::size_t>(i)];
      ImGui::TableNextRow();
      cell(r.when);
      if (with_system) cell(r.system);
      cell(r.terminal);
      cell(r.operator_id);
      cell(r.operation);
      ImGui::TableNextColumn();
      name_text(r.name);
      ImGui::TableNextColumn();
      name_text(r.kana);
      cell(r.birth);
    }
  }
  ImGui::EndTable();
}

void name_check_view(const NameCheckModel& model, Intents& out) {
  back_button(out);
  ImGui::PushFont(fonts().title);
  ImGui::TextUnformatted(tr("Check how names are shown"));
  ImGui::PopFont();
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

void settings_view(const SettingsModel& model, Intents& out) {
  back_button(out);
  ImGui::PushFont(fonts().title);
  ImGui::TextUnformatted(tr("Settings"));
  ImGui::PopFont();
  ImGui::TextUnformatted(tr("Language:"));
  if (ImGui::RadioButton(verbatim("日本語"), model.language == Language::japanese)) {
    out.emplace_back(RequestLanguage{Language::japanese});
  }
  record_last_item("日本語");
  if (ImGui::RadioButton("English", model.language == Language::english)) {
    out.emplace_back(RequestLanguage{Language::english});
  }
  record_last_item("English");
  ImGui::Text(tr("Idle lock: %d minutes"), model.idle_lock_minutes);
}

}  // namespace shogo::ui

namespace shogo::ui {

void audit_log_view(const AuditLogModel& model, Intents& out) {
  back_button(out);
  ImGui::PushFont(fonts().title);
  ImGui::TextUnformatted(tr("Audit log"));
  ImGui::PopFont();
  if (model.chain_ok) {
    ImGui::TextColored(ImVec4(0.1f, 0.5f, 0.1f, 1.0f), "%s", model.chain_status.c_str());
  } else {
    error_text(model.chain_status.c_str());
  }
  auto filter = [&](const char* label, const char* id, char* buffer) {
    ImGui::TextUnformatted(label);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(180);
    ImGui::InputText(id, buffer, model.field_capacity);
    record_last_item(id + 2);
    ImGui::SameLine(0, 24);
  };
  filter(tr("Person:"), "##person", model.person);
  filter(tr("Action:"), "##action", model.action);
  filter(tr("Survey:"), "##survey", model.survey);
  filter(tr("Date:"), "##date", model.date);
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
