#include "kiosk/ui/survey_widgets.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <vector>

#include "kiosk/ui/glyph_registry.hpp"
#include "kiosk/ui/i18n.hpp"
#include "kiosk/ui/labels.hpp"
#include "kiosk/ui/text_entry.hpp"
#include "kiosk/ui/text_layout.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace shogo::ui {

namespace {

// Columns share the width (none is cut at the right edge); long cells wrap.
constexpr ImGuiTableFlags kTable =
    ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;

}  // namespace

void heading(const char* text) {
  ImGui::Spacing();
  ImGui::TextUnformatted(text);
  ImGui::Separator();
}

void table_cell(const std::string& text) {
  ImGui::TableNextColumn();
  wrapped_text(text, kCellLineHeight);  // wraps at the column's edge
}

std::optional<std::string> survey_picker(const SurveyPicker& picker) {
  if (picker.surveys.empty()) {
    ImGui::TextUnformatted(tr("There is no survey in this vault yet."));
    return std::nullopt;
  }
  // As high as its rows (at most five, then it scrolls): no empty row below.
  const std::size_t shown = std::min<std::size_t>(picker.surveys.size(), 5);
  const float row = theme::kSelectableHeight + ImGui::GetStyle().CellPadding.y * 2.0f;
  const float height = row * static_cast<float>(shown + 1) + 2.0f;
  const ImGuiTableFlags flags =
      shown < picker.surveys.size() ? kTable | ImGuiTableFlags_ScrollY : kTable;
  if (!ImGui::BeginTable("surveys", 3, flags,
                         ImVec2(0, shown < picker.surveys.size() ? height : 0))) {
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
    // Every cell's text in the middle of the row's height, as the selectable's.
    const float middle = (theme::kSelectableHeight - ImGui::GetTextLineHeight()) * 0.5f;
    const ImVec2 at = ImGui::GetCursorPos();
    const std::string label = "##" + s.id;
    if (ImGui::Selectable(label.c_str(), s.id == picker.selected_id,
                          ImGuiSelectableFlags_SpanAllColumns,
                          ImVec2(0, theme::kSelectableHeight)) &&
        s.id != picker.selected_id) {
      chosen = s.id;
    }
    record_last_item("survey:" + s.id, true);
    ImGui::SetCursorPos(ImVec2(at.x, at.y + middle));
    plain_text(s.fiscal_year);
    for (const std::string* text : {&s.title, &s.state}) {
      ImGui::TableNextColumn();
      ImGui::SetCursorPosY(ImGui::GetCursorPosY() + middle);
      wrapped_text(*text, kCellLineHeight);
    }
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
  // Weights: the terminal list gets the room, so it wraps onto few lines.
  ImGui::TableSetupColumn(tr("No."), ImGuiTableColumnFlags_WidthStretch, 0.5f);
  ImGui::TableSetupColumn(tr("System"), ImGuiTableColumnFlags_WidthStretch, 2.2f);
  ImGui::TableSetupColumn(tr("Date"), ImGuiTableColumnFlags_WidthStretch, 2.0f);
  ImGui::TableSetupColumn(tr("Window"), ImGuiTableColumnFlags_WidthStretch, 1.3f);
  ImGui::TableSetupColumn(tr("Terminals"), ImGuiTableColumnFlags_WidthStretch, 3.6f);
  ImGui::TableSetupColumn(tr("How"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
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
  wrapped_text(
      tr("Each system needs at least the required number of viewed persons. Several "
         "rows made by one series of operations on the same person count as one "
         "person."));
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
    } else if (!c.imported) {
      ImGui::TextUnformatted(tr("Sheet not imported yet"));
    } else if (c.enough) {
      ImGui::TextColored(theme::vec4(theme::kSuccess), "%s", tr("Enough"));
    } else {
      ImGui::TextColored(theme::vec4(theme::kError), "%s", tr("Not enough: designate again"));
    }
    if (may_designate && (!c.designated || (c.imported && !c.enough))) {
      ImGui::SameLine();
      const std::string label =
          std::string(c.designated ? tr("Designate again") : tr("Designate")) + "##" +
          std::string(survey::system_id(c.system));
      if (button(label.c_str())) clicked = c.system;
    }
  }
  ImGui::EndTable();
  const bool short_somewhere = std::any_of(counts.begin(), counts.end(), [](const auto& c) {
    return c.designated && c.imported && !c.enough;
  });
  if (short_somewhere && !may_designate) {
    wrapped_text(tr("Ask the supervisor to designate again for each system that is short."));
  }
  // P5.3.c: an investigator whose own ids are in a sheet may not reconcile it.
  for (const SystemCountView& c : counts) {
    for (const std::string& user : c.conflicted_investigators) {
      char line[512];
      std::snprintf(line, sizeof line,
                    tr("%s: an investigator's own operator ID is in this sheet, so they may not "
                       "reconcile it (conflict of interest):"),
                    system_label(c.system));
      error_text(line);
      ImGui::Indent(24);
      name_text(user);  // in the names' font (𠮷川 健二 too)
      ImGui::Unindent(24);
    }
  }
  // P4: an operator id the roster does not know has no kind yet.
  for (const SystemCountView& c : counts) {
    if (c.unknown_operators.empty()) continue;
    std::string ids;
    for (std::size_t i = 0; i < c.unknown_operators.size() && i < 10; ++i) {
      ids += (i == 0 ? "" : ", ") + c.unknown_operators[i];
    }
    if (c.unknown_operators.size() > 10) ids += ", …";
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kWarning);
    char line[512];
    std::snprintf(line, sizeof line, tr("%s: %zu operator IDs are not in the roster: %s"),
                  system_label(c.system), c.unknown_operators.size(), ids.c_str());
    wrapped_text(line);
    ImGui::PopStyleColor();
  }
  if (std::any_of(counts.begin(), counts.end(),
                  [](const auto& c) { return !c.unknown_operators.empty(); })) {
    wrapped_text(
        tr("Their kind (staff, other division, contractor) is unknown until the roster has "
           "them: ask the system administrator to import the roster again."));
  }
  return clicked;
}

void access_rows_table(const char* id, const std::vector<AccessRowView>& rows, bool with_system) {
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg |
                                     ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
  // The rest of the page, but never fewer than ten rows: the page scrolls
  // to it rather than squashing it.
  const float row = ImGui::GetTextLineHeight() + ImGui::GetStyle().CellPadding.y * 2.0f;
  const float height = std::max(ImGui::GetContentRegionAvail().y, row * 11.0f);
  if (!ImGui::BeginTable(id, with_system ? 8 : 7, kFlags, ImVec2(0, height))) return;
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
  // Every row's name is noted, not only those in view: the page may scroll
  // between a frame's attempts (a result brought into view), and a row that
  // comes into view on the last attempt would be drawn with missing glyphs.
  // The tables here are short (a preview holds at most 200 rows).
  for (const AccessRowView& r : rows) {
    (void)glyphs().encode_name(r.name);
    (void)glyphs().encode_name(r.kana);
  }
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

bool japanese_text_field(const char* label, const char* id, char* buffer, std::size_t capacity,
                         float width, int flags) {
  ImGui::TextUnformatted(label);
  ImGui::SameLine();
  return japanese_field(id, buffer, capacity, width, flags);
}

}  // namespace shogo::ui
