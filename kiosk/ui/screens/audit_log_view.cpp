// 監査ログ: the view of AuditLogScreen.
#include <imgui.h>

#include <optional>
#include <string>

#include "kiosk/ui/dates.hpp"
#include "kiosk/ui/glyph_registry.hpp"
#include "kiosk/ui/screens/audit_log_screen.hpp"
#include "kiosk/ui/text_layout.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace shogo::ui {

namespace {

// A picker: "all" first, then each choice; true when another was picked.
template <class T, class Label>
bool picker(const char* label, const char* id, float width, const std::vector<T>& choices,
            const std::optional<T>& current, Label&& text_of, std::optional<T>& picked,
            bool names = false) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(label);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(width);
  auto shown = [&](const std::string& text) {
    return names ? glyphs().encode_name(text) : std::string(noted(text));
  };
  const std::string all = shown(tr("All"));
  const std::string preview = current ? shown(text_of(*current)) : all;
  if (names) ImGui::PushFont(fonts().name);
  bool changed = false;
  if (ImGui::BeginCombo(id, preview.c_str())) {
    // Each choice is recorded as "<picker>:<choice>" ("action:サインイン").
    const std::string key = std::string(id + 2) + ":";
    if (ImGui::Selectable(all.c_str(), !current.has_value())) {
      picked.reset();
      changed = current.has_value();
    }
    record_last_item(key + tr("All"));
    for (const T& c : choices) {
      const bool selected = current && *current == c;
      if (ImGui::Selectable(shown(text_of(c)).c_str(), selected) && !selected) {
        picked = c;
        changed = true;
      }
      record_last_item(key + text_of(c));
    }
    ImGui::EndCombo();
  }
  if (names) ImGui::PopFont();
  record_last_item(id + 2);
  ImGui::SameLine(0, 32);
  return changed;
}

std::string date_text(const survey::Date& d) { return wareki_date(d); }

}  // namespace

void audit_log_view(const AuditLogModel& model, Out<AuditLogIntent>& out) {
  ImGui::PushStyleColor(ImGuiCol_Text, model.chain_ok ? theme::kSuccess : theme::kError);
  wrapped_text(model.chain_status);
  ImGui::PopStyleColor();

  AuditFilter f = model.filter;
  bool changed = false;
  {
    std::optional<std::string> cur, picked;
    if (!f.person.empty()) cur = f.person;
    auto person = [](const std::string& s) {
      return s == "system" ? std::string(tr("Shogo (administration)")) : s;
    };
    if (picker(tr("Person:"), "##person", 260, model.people, cur, person, picked,
               /*names=*/true)) {
      f.person = picked.value_or("");
      changed = true;
    }
  }
  {
    std::vector<survey::AuditAction> ids;
    for (const auto& [a, label] : model.actions) ids.push_back(a);
    std::optional<survey::AuditAction> picked;
    if (picker(
            tr("Action:"), "##action", 260, ids, f.action,
            [&](survey::AuditAction a) { return std::string(audit_action_label(a)); }, picked)) {
      f.action = picked;
      changed = true;
    }
  }
  {
    std::optional<std::string> cur, picked;
    if (!f.survey.empty()) cur = f.survey;
    if (picker(
            tr("Survey:"), "##survey", 200, model.surveys, cur,
            [](const std::string& s) { return s; }, picked)) {
      f.survey = picked.value_or("");
      changed = true;
    }
  }
  ImGui::NewLine();
  {
    std::optional<survey::Date> picked;
    if (picker(tr("From:"), "##from", 200, model.dates, f.from, date_text, picked)) {
      f.from = picked;
      changed = true;
    }
    if (picker(tr("To:"), "##to", 200, model.dates, f.to, date_text, picked)) {
      f.to = picked;
      changed = true;
    }
  }
  ImGui::NewLine();
  if (changed) out(AuditFilterChanged{f});
  ImGui::Text(tr("%zu of %zu events"), model.rows.size(), model.total);

  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg |
                                     ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
  const float row = ImGui::GetTextLineHeight() + ImGui::GetStyle().CellPadding.y * 2.0f;
  const float height = std::max(ImGui::GetContentRegionAvail().y, row * 10.0f);
  if (!ImGui::BeginTable("audit", 7, kFlags, ImVec2(0, height))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  // The number and the time as wide as their text; the others share the rest.
  ImGui::TableSetupColumn(tr("No."), ImGuiTableColumnFlags_WidthFixed,
                          ImGui::CalcTextSize("00000").x);
  ImGui::TableSetupColumn(tr("Time"), ImGuiTableColumnFlags_WidthFixed,
                          ImGui::CalcTextSize("0000-00-00 00:00:00").x);
  ImGui::TableSetupColumn(tr("Person"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn(tr("Role"), ImGuiTableColumnFlags_WidthStretch, 1.4f);
  ImGui::TableSetupColumn(tr("Action"), ImGuiTableColumnFlags_WidthStretch, 1.7f);
  ImGui::TableSetupColumn(tr("Details"), ImGuiTableColumnFlags_WidthStretch, 1.7f);
  ImGui::TableSetupColumn(tr("Outcome"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
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
      if (r.by_system) {
        wrapped_text(r.actor, kCellLineHeight);  // 「Shogo（管理機能）」: words, not a name
      } else {
        wrapped_name_text(r.actor);
      }
      ImGui::TableNextColumn();
      wrapped_text(r.role, kCellLineHeight);
      ImGui::TableNextColumn();
      wrapped_text(r.action, kCellLineHeight);
      ImGui::TableNextColumn();
      wrapped_name_text(r.objects);  // may name a staff member (利用者：…)
      ImGui::TableNextColumn();
      // 拒否（パスフレーズの誤り） wraps in a narrow column
      wrapped_text(r.outcome, kCellLineHeight,
                   r.failed ? std::optional<ImU32>(theme::kError) : std::nullopt);
    }
  }
  ImGui::EndTable();
}

}  // namespace shogo::ui
