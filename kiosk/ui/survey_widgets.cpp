#include "kiosk/ui/survey_widgets.hpp"

#include <imgui.h>

#include <algorithm>

#include "kiosk/ui/i18n.hpp"
#include "kiosk/ui/labels.hpp"
#include "kiosk/ui/widgets.hpp"

namespace shogo::ui {

namespace {

constexpr ImGuiTableFlags kTable =
    ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit;
const ImVec4 kGood(0.1f, 0.5f, 0.1f, 1.0f);

}  // namespace

void heading(const char* text) {
  ImGui::Spacing();
  ImGui::TextUnformatted(text);
  ImGui::Separator();
}

void table_cell(const std::string& text) {
  ImGui::TableNextColumn();
  plain_text(text);
}

std::optional<std::string> survey_picker(const SurveyPicker& picker) {
  if (picker.surveys.empty()) {
    ImGui::TextUnformatted(tr("There is no survey in this vault yet."));
    return std::nullopt;
  }
  const float height = ImGui::GetTextLineHeightWithSpacing() *
                       (static_cast<float>(std::min<std::size_t>(picker.surveys.size(), 4)) + 1.5f);
  if (!ImGui::BeginTable("surveys", 3, kTable | ImGuiTableFlags_ScrollY, ImVec2(0, height))) {
    return std::nullopt;
  }
  std::optional<std::string> chosen;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(tr("Fiscal year"));
  ImGui::TableSetupColumn(tr("Survey"), ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn(tr("State"));
  ImGui::TableHeadersRow();
  for (const SurveyRowView& s : picker.surveys) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    const std::string label = s.fiscal_year + "##" + s.id;
    if (ImGui::Selectable(noted(label), s.id == picker.selected_id,
                          ImGuiSelectableFlags_SpanAllColumns) &&
        s.id != picker.selected_id) {
      chosen = s.id;
    }
    recorded_items().push_back(
        {"survey:" + s.id, ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), true});
    table_cell(s.title);
    table_cell(s.state);
  }
  ImGui::EndTable();
  return chosen;
}

void designations_table(const std::vector<DesignationRowView>& rows) {
  if (rows.empty()) {
    ImGui::TextUnformatted(tr("Nothing is designated yet."));
    return;
  }
  if (!ImGui::BeginTable("designations", 6, kTable)) return;
  ImGui::TableSetupColumn(tr("No."));
  ImGui::TableSetupColumn(tr("System"));
  ImGui::TableSetupColumn(tr("Date"));
  ImGui::TableSetupColumn(tr("Window"));
  ImGui::TableSetupColumn(tr("Terminals"));
  ImGui::TableSetupColumn(tr("How"));
  ImGui::TableHeadersRow();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const DesignationRowView& r = rows[i];
    ImGui::TableNextRow();
    table_cell(std::to_string(i + 1));
    table_cell(r.system);
    table_cell(r.date);
    table_cell(r.window);
    table_cell(r.terminals);
    table_cell(r.how);
  }
  ImGui::EndTable();
}

std::optional<survey::System> counts_table(const std::vector<SystemCountView>& counts,
                                           bool may_designate) {
  ImGui::TextWrapped("%s", tr("At least the required number of viewed persons per system (P6.2). "
                              "Several rows made by one series of operations on the same person "
                              "count as one person."));
  if (!ImGui::BeginTable("counts", 6, kTable)) return std::nullopt;
  std::optional<survey::System> clicked;
  ImGui::TableSetupColumn(tr("System"));
  ImGui::TableSetupColumn(tr("Rows"));
  ImGui::TableSetupColumn(tr("Series of operations"));
  ImGui::TableSetupColumn(tr("Viewed persons"));
  ImGui::TableSetupColumn(tr("Required"));
  ImGui::TableSetupColumn(tr("Assessment"));
  ImGui::TableHeadersRow();
  for (const SystemCountView& c : counts) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(system_label(c.system));
    ImGui::TableNextColumn();
    ImGui::Text("%zu", c.rows);
    ImGui::TableNextColumn();
    ImGui::Text("%zu", c.accesses);
    ImGui::TableNextColumn();
    ImGui::Text("%zu", c.persons);
    ImGui::TableNextColumn();
    ImGui::Text("%d", c.required);
    ImGui::TableNextColumn();
    if (!c.designated) {
      ImGui::TextUnformatted(tr("Not designated yet"));
    } else if (c.enough) {
      ImGui::TextColored(kGood, "%s", tr("Enough"));
    } else {
      ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(200, 30, 30, 255));
      ImGui::TextUnformatted(tr("Not enough — designate again (P6.3.d)"));
      ImGui::PopStyleColor();
    }
    if (may_designate && !c.enough) {
      ImGui::SameLine();
      const std::string label =
          std::string(c.designated ? tr("Designate again") : tr("Designate")) + "##" +
          std::string(survey::system_id(c.system));
      if (button(label.c_str())) clicked = c.system;
    }
  }
  ImGui::EndTable();
  const bool short_somewhere = std::any_of(counts.begin(), counts.end(),
                                           [](const auto& c) { return c.designated && !c.enough; });
  if (short_somewhere && !may_designate) {
    ImGui::TextWrapped("%s", tr("Ask the supervisor to designate again for each system that is "
                                "short (P6.3.d)."));
  }
  return clicked;
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
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(rows.size()));
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const AccessRowView& r = rows[static_cast<std::size_t>(i)];
      ImGui::TableNextRow();
      table_cell(r.when);
      if (with_system) table_cell(r.system);
      table_cell(r.terminal);
      table_cell(r.operator_id);
      table_cell(r.operation);
      ImGui::TableNextColumn();
      name_text(r.name);
      ImGui::TableNextColumn();
      name_text(r.kana);
      table_cell(r.birth);
    }
  }
  ImGui::EndTable();
}

bool text_field(const char* label, const char* id, char* buffer, std::size_t capacity, float width,
                int flags) {
  ImGui::TextUnformatted(label);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(width);
  const bool edited =
      ImGui::InputText(id, buffer, capacity, ImGuiInputTextFlags_AutoSelectAll | flags);
  record_last_item(id + 2);
  // What was typed (a survey's title) is noted for the atlas: a character new
  // to it is drawn again after the rebuild, never as a fallback glyph.
  (void)noted(std::string(buffer));
  return edited;
}

}  // namespace shogo::ui
