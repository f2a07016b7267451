// 照合 (P6.5): the view of ReconcileScreen. Only the lines in sight are
// built (ImGuiListClipper): a sheet of a million rows costs what a screenful
// costs.
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "kiosk/ui/dates.hpp"
#include "kiosk/ui/labels.hpp"
#include "kiosk/ui/page.hpp"
#include "kiosk/ui/screens/reconcile_screen.hpp"
#include "kiosk/ui/survey_widgets.hpp"
#include "kiosk/ui/text_layout.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace shogo::ui {

namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

void when_cell(survey::Date date, survey::TimeOfDay time, bool with_date = true) {
  char text[48];
  if (with_date) {
    std::snprintf(text, sizeof text, "%d/%d %02d:%02d:%02d", date.month, date.day, time.hour,
                  time.minute, time.second);
  } else {
    std::snprintf(text, sizeof text, "%02d:%02d:%02d", time.hour, time.minute, time.second);
  }
  ImGui::TextUnformatted(text);
}

bool letter_key(char c) {
  return page_has_keyboard() && ImGui::IsKeyPressed(static_cast<int>(c), false);
}

void keyboard(const ReconcileModel& m, Out<ReconcileIntent>& out) {
  if (!page_has_keyboard()) return;
  const ImGuiIO& io = ImGui::GetIO();
  if (m.current != kNone) {
    if (key_pressed(ImGuiKey_UpArrow) && m.current > 0) out(GroupChosen{m.current - 1});
    if (key_pressed(ImGuiKey_DownArrow) && m.current + 1 < m.visible) {
      out(GroupChosen{m.current + 1});
    }
  } else if (m.visible > 0 && (key_pressed(ImGuiKey_UpArrow) || key_pressed(ImGuiKey_DownArrow))) {
    out(GroupChosen{0});
  }
  if (io.KeyCtrl) {
    if (letter_key('Z')) out(RequestUndo{});
    return;
  }
  if (!m.differs.empty()) {
    if (letter_key('Y')) out(RequestKeepReference{});
    if (letter_key('N')) out(DocumentChosen{*m.document});  // back to the field
    return;
  }
  if (letter_key('N')) out(RequestNextUndecided{});
  if (!m.has_group || m.unknown_operator) return;
  if (letter_key('F')) out(RequestNotFound{});
  if (letter_key('M')) out(RequestMistyped{});
  for (int d = 1; d <= 9; ++d) {
    if (!letter_key(static_cast<char>('0' + d))) continue;
    const auto i = static_cast<std::size_t>(d - 1);
    if (m.choosing_neighbour) {
      if (i < m.neighbours.size()) out(NeighbourChosen{i});
    } else if (i < m.documents.size()) {
      out(DocumentChosen{i});
    }
  }
}

void filters(const ReconcileModel& m, Out<ReconcileIntent>& out) {
  const std::pair<GroupFilter, const char*> kinds[] = {{GroupFilter::all, tr("All")},
                                                       {GroupFilter::undecided, tr("Undecided")},
                                                       {GroupFilter::not_found, tr("Not found")},
                                                       {GroupFilter::decided, tr("Decided")}};
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr("Show:"));
  for (const auto& [f, label] : kinds) {
    ImGui::SameLine();
    if (ImGui::RadioButton(label, m.filter == f) && m.filter != f) out(FilterChosen{f});
    record_last_item(std::string("filter:") + label);
  }
  ImGui::SameLine(0, 32);
  ImGui::TextUnformatted(tr("Operator:"));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(240);
  const char* shown = m.operator_filter.empty() ? tr("Every operator") : noted(m.operator_filter);
  if (ImGui::BeginCombo("##operator", shown)) {
    if (ImGui::Selectable(tr("Every operator"), m.operator_filter.empty())) {
      out(OperatorFilterChosen{});
    }
    for (const std::string& op : m.operators) {
      if (ImGui::Selectable(noted(op), op == m.operator_filter)) out(OperatorFilterChosen{op});
      record_last_item("operator:" + op);
    }
    ImGui::EndCombo();
  }
  record_last_item("operator-filter");
}

void group_list(const ReconcileModel& m, Out<ReconcileIntent>& out) {
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg |
                                     ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("groups", 5, kFlags, ImGui::GetContentRegionAvail())) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  // As wide as their widest text, at any text size.
  const float pad = 2.0f * ImGui::GetStyle().CellPadding.x;
  float operation = ImGui::CalcTextSize(tr("Operation")).x;
  for (auto k : {survey::OperationKind::inquiry, survey::OperationKind::certificate_issue,
                 survey::OperationKind::confirmation_print, survey::OperationKind::cs_operation}) {
    operation = std::max(operation, ImGui::CalcTextSize(operation_label(k)).x);
  }
  ImGui::TableSetupColumn(m.one_date ? tr("Time of the access") : tr("Date and time"),
                          ImGuiTableColumnFlags_WidthFixed,
                          ImGui::CalcTextSize(m.one_date ? "00:00:00" : "00/00 00:00:00").x + pad);
  ImGui::TableSetupColumn(
      tr("Operator"), ImGuiTableColumnFlags_WidthFixed,
      std::max(ImGui::CalcTextSize(tr("Operator")).x, ImGui::CalcTextSize("K00000").x) + pad);
  ImGui::TableSetupColumn(tr("Operation"), ImGuiTableColumnFlags_WidthFixed, operation + pad);
  ImGui::TableSetupColumn(tr("Person viewed"), ImGuiTableColumnFlags_WidthStretch, 1.4f);
  ImGui::TableSetupColumn(tr("Decision"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(m.visible));
  if (m.scroll_to_current && m.current != kNone) {
    clipper.ForceDisplayRangeByIndices(static_cast<int>(m.current),
                                       static_cast<int>(m.current) + 1);
  }
  while (clipper.Step()) {
    for (int p = clipper.DisplayStart; p < clipper.DisplayEnd; ++p) {
      const auto position = static_cast<std::size_t>(p);
      const GroupLine l = m.line(m.sheet, position);
      ImGui::PushID(p);
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      const bool current = position == m.current;
      if (ImGui::Selectable(
              "##group", current,
              ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap)) {
        out(GroupChosen{position});
      }
      if (current && m.scroll_to_current) ImGui::SetScrollHereY(0.4f);
      ImGui::SameLine(0, 0);
      when_cell(l.date, l.time, !m.one_date);
      ImGui::TableNextColumn();
      if (l.unknown_operator) ImGui::PushStyleColor(ImGuiCol_Text, theme::kError);
      plain_text(std::string(l.operator_id));
      if (l.unknown_operator) ImGui::PopStyleColor();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(l.operation);
      ImGui::TableNextColumn();
      name_text(l.name);
      if (l.rows > 1) {
        ImGui::SameLine();
        ImGui::TextDisabled(tr("%d rows"), l.rows);
      }
      ImGui::TableNextColumn();
      if (l.not_found) ImGui::PushStyleColor(ImGuiCol_Text, theme::kError);
      if (!l.clause.empty()) {  // the sticky note: the document's letter and reference
        plain_text(std::string(l.clause) + " " + std::string(l.reference));
      } else {
        ImGui::TextUnformatted(l.decided ? l.decision : tr("Undecided"));
      }
      if (l.not_found) ImGui::PopStyleColor();
      ImGui::PopID();
    }
  }
  ImGui::EndTable();
}

// The rows of the chosen group, four lines each (a series may be long: only
// the rows in sight are built and drawn).
void rows_of_group(const ReconcileModel& m) {
  const float line = ImGui::GetTextLineHeightWithSpacing();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(m.group_rows), 4.0f * line);
  while (clipper.Step()) {
    for (int k = clipper.DisplayStart; k < clipper.DisplayEnd; ++k) {
      const RowLine r = m.row_line(m.sheet, static_cast<std::size_t>(k));
      const float top = ImGui::GetCursorPosY();
      when_cell(r.date, r.time);
      ImGui::SameLine();
      plain_text(std::string(r.terminal));
      ImGui::SameLine();
      ImGui::TextUnformatted(r.operation);
      if (!r.detail.empty()) {
        ImGui::SameLine();
        plain_text(std::string(r.detail));
      }
      ImGui::Indent();
      name_text(r.name);
      ImGui::SameLine();
      name_text(r.kana);
      ImGui::SameLine();
      const std::string birth = short_date(r.birth);
      ImGui::TextUnformatted(birth.c_str());
      name_text(r.address);
      if (!r.reference.empty()) {
        ImGui::TextUnformatted(tr("Reception number on the sheet:"));
        ImGui::SameLine();
        plain_text(std::string(r.reference));
        if (!r.search.empty()) ImGui::SameLine();
      }
      if (!r.search.empty()) {
        ImGui::TextUnformatted(tr("What was searched:"));
        ImGui::SameLine();
        name_text(r.search);
      }
      ImGui::Unindent();
      ImGui::SetCursorPosY(top + 4.0f * line);  // every row the same height, for the clipper
    }
  }
}

void decision_panel(const ReconcileModel& m, ReconcileForm& form, Out<ReconcileIntent>& out) {
  if (!m.current_decision.empty()) {
    ImGui::TextUnformatted(tr("Decision:"));
    ImGui::SameLine();
    name_text(m.current_decision);
  }
  if (m.unknown_operator) {
    error_text(
        tr("The operator roster does not know this operator ID, so the documents to "
           "look for are not known. Ask the manager to update the roster."));
    return;
  }
  if (m.choosing_neighbour) {
    ImGui::Spacing();
    wrapped_text(tr("Mistyped search: which access found the right person?"));
    ImGui::Separator();
    if (!m.first_search.empty()) {
      ImGui::TextUnformatted(tr("This access searched:"));
      ImGui::SameLine();
      wrapped_name_text(m.first_search);
    }
    for (std::size_t i = 0; i < m.neighbours.size() && i < 9; ++i) {
      const NeighbourLine& n = m.neighbours[i];
      ImGui::PushID(static_cast<int>(i));
      char key[8];
      std::snprintf(key, sizeof key, "%d", static_cast<int>(i + 1));
      if (button(key)) out(NeighbourChosen{i});
      record_last_item("neighbour:" + std::to_string(i + 1));
      ImGui::SameLine();
      when_cell(n.date, n.time);
      ImGui::SameLine();
      if (n.similar) ImGui::PushStyleColor(ImGuiCol_Text, theme::kWarning);
      name_text(n.name);
      ImGui::SameLine();
      const std::string birth = short_date(n.birth);
      ImGui::TextUnformatted(birth.c_str());
      if (n.similar) {
        ImGui::SameLine();
        ImGui::TextUnformatted(tr("(nearly the same search)"));
      }
      if (!n.search.empty()) {
        ImGui::Indent();
        ImGui::TextUnformatted(tr("searched:"));
        ImGui::SameLine();
        wrapped_name_text(n.search);
        ImGui::Unindent();
      }
      if (n.similar) ImGui::PopStyleColor();
      ImGui::PopID();
    }
    if (button(tr("Cancel"))) out(RequestCancelChoice{});
    return;
  }
  heading(tr("Document found"));
  // Two columns, numbered down the first then the second: nine kinds in five lines.
  if (ImGui::BeginTable("documents", 2, ImGuiTableFlags_SizingStretchSame)) {
    const std::size_t rows = (m.documents.size() + 1) / 2;
    for (std::size_t r = 0; r < rows; ++r) {
      ImGui::TableNextRow();
      for (std::size_t c = 0; c < 2; ++c) {
        ImGui::TableNextColumn();
        const std::size_t i = c * rows + r;
        if (i >= m.documents.size()) continue;
        char label[320];
        std::snprintf(label, sizeof label, "%d  %s##doc", static_cast<int>(i + 1), m.documents[i]);
        const bool chosen = m.document == i;
        if (ImGui::Selectable(label, chosen) && !chosen) out(DocumentChosen{i});
        record_last_item("document:" + std::to_string(i + 1));
      }
    }
    ImGui::EndTable();
  }
  if (m.document) {
    ImGui::TextUnformatted(tr("Reference (number, or book and page):"));
    ImGui::SetNextItemWidth(260);
    if (std::exchange(form.focus_reference, false)) ImGui::SetKeyboardFocusHere();
    const bool enter =
        ImGui::InputText("##reference", form.reference.data(), form.reference.size(),
                         ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll);
    record_last_item("reference");
    if (enter) out(RequestSaveDocument{});
    ImGui::SameLine();
    if (button(tr("Save"))) out(RequestSaveDocument{});
  }
  if (!m.differs.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kWarning);
    wrapped_text(m.differs);
    ImGui::PopStyleColor();
    if (button(tr("Keep what I typed"))) out(RequestKeepReference{});
    key_hint("Y");
    ImGui::SameLine();
    if (button(tr("Correct it"))) out(DocumentChosen{*m.document});
    key_hint("N");
  }
  ImGui::Spacing();
  if (button(tr("Not found"))) out(RequestNotFound{});
  key_hint("F");
  ImGui::SameLine();
  if (button(tr("Mistyped search"))) out(RequestMistyped{});
  key_hint("M");
  if (!m.history.empty()) {
    heading(tr("Earlier decisions"));
    for (const std::string& h : m.history) name_text(h);
  }
}

}  // namespace

void reconcile_view(const ReconcileModel& m, ReconcileForm& form, Out<ReconcileIntent>& out) {
  if (!m.error.empty()) error_text(m.error.c_str());
  if (!m.open) {
    if (button(tr("Go to the lending of sheets"))) out.app(RequestScreen{ScreenId::ledger});
    return;
  }
  keyboard(m, out);
  plain_text(m.title);
  ImGui::Text(tr("Decided %zu of %zu accesses (%zu rows); %zu remain."), m.decided, m.groups,
              m.rows, m.groups - m.decided);
  if (!m.notice.empty()) wrapped_text(m.notice);
  filters(m, out);
  const float legend = ImGui::GetTextLineHeightWithSpacing() * 1.6f;
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float left = avail.x * 0.56f;
  ImGui::BeginChild("list", ImVec2(left, avail.y - legend), false);
  if (m.visible == 0) {
    wrapped_text(tr("No access matches this filter."));
  } else {
    group_list(m, out);
  }
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("group", ImVec2(0, avail.y - legend), true);
  if (m.has_group) {
    wrapped_name_text(m.group_heading);
    decision_panel(m, form, out);
    ImGui::Separator();
    // The rows of the access, under the decision: a long series scrolls here.
    ImGui::BeginChild("rows", ImVec2(0, 0), false);
    rows_of_group(m);
    ImGui::EndChild();
  }
  ImGui::EndChild();
  // The legend of the keys: each key as it is printed on the keyboard, then what it does.
  const std::pair<const char*, const char*> keys[] = {
      {"↑↓", tr("Move")},    {"N", tr("Next undecided")}, {"1–9", tr("Document")},
      {"Enter", tr("Save")}, {"F", tr("Not found")},      {"M", tr("Mistyped search")},
      {"Ctrl+Z", tr("Undo")}};
  ImGui::PushStyleColor(ImGuiCol_Text, theme::kTextMuted);
  bool first = true;
  for (const auto& [key, what] : keys) {
    if (!first) ImGui::SameLine(0, 24);
    first = false;
    ImGui::TextUnformatted(verbatim(key));
    ImGui::SameLine(0, 6);
    ImGui::TextUnformatted(what);
  }
  ImGui::PopStyleColor();
}

}  // namespace shogo::ui
