// 追跡調査 (P6.6): the view of FollowUpScreen.
#include <imgui.h>

#include <algorithm>

#include "kiosk/ui/page.hpp"
#include "kiosk/ui/screens/follow_up_screen.hpp"
#include "kiosk/ui/survey_widgets.hpp"
#include "kiosk/ui/text_layout.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace shogo::ui {

namespace {

using survey::Conclusion;

void hold_banner(const FollowUpModel& m, Out<FollowUpIntent>& out) {
  ImGui::PushStyleColor(ImGuiCol_Text, theme::kError);
  wrapped_text(
      tr("This survey is on hold: a finding was recorded, and its sheets are kept until "
         "the hold is released."));
  ImGui::PopStyleColor();
  if (m.additional == survey::Additional::undecided) {
    if (button(tr("No additional investigation (release the hold)"))) {
      out(RequestAdditional{false});
    }
    ImGui::SameLine();
    if (button(tr("An additional investigation will be made"))) out(RequestAdditional{true});
  } else if (m.additional == survey::Additional::ongoing) {
    if (button(tr("The additional investigation has ended"))) out(RequestEndAdditional{});
  }
}

void list(const FollowUpModel& m, Out<FollowUpIntent>& out) {
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg |
                                     ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("follow-ups", 4, kFlags, ImGui::GetContentRegionAvail())) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(tr("Date and time"));
  ImGui::TableSetupColumn(tr("Operator"));
  ImGui::TableSetupColumn(tr("Kind"));
  ImGui::TableSetupColumn(tr("Conclusion"));
  ImGui::TableHeadersRow();
  for (std::size_t i = 0; i < m.lines.size(); ++i) {
    const FollowUpLine& l = m.lines[i];
    ImGui::PushID(static_cast<int>(i));
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    if (ImGui::Selectable(
            "##line", m.chosen == i,
            ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap)) {
      out(FollowUpChosen{i});
    }
    record_last_item("follow-up:" + std::to_string(i));
    ImGui::SameLine(0, 0);
    plain_text(l.when);
    ImGui::TableNextColumn();
    plain_text(l.operator_id);
    if (!l.operator_name.empty()) wrapped_name_text(l.operator_name);
    ImGui::TableNextColumn();
    plain_text(l.kind);
    ImGui::TableNextColumn();
    if (l.finding) ImGui::PushStyleColor(ImGuiCol_Text, theme::kError);
    wrapped_text(l.finding ? std::string(tr("Finding recorded")) : l.conclusion);
    if (l.finding) ImGui::PopStyleColor();
    ImGui::PopID();
  }
  ImGui::EndTable();
}

// A text field's width: the rest of the line but the label and the かな/英数 button.
float field_width() { return ImGui::GetContentRegionAvail().x - 12.0f * ImGui::GetFontSize(); }

// The frequent phrases under a field: a click adds one to the field.
void phrases(const char* id, survey::PhraseKind kind, const std::vector<std::string>& list,
             Out<FollowUpIntent>& out) {
  ImGui::PushID(id);
  ImGui::TextDisabled("%s", tr("Frequent phrases:"));
  // The phrases flow along the line and wrap: the form stays short.
  const ImGuiStyle& style = ImGui::GetStyle();
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  auto flow = [&](const char* label) {
    const float w = ImGui::CalcTextSize(label).x + 2 * style.FramePadding.x;
    ImGui::SameLine();
    if (ImGui::GetCursorScreenPos().x + w > right) ImGui::NewLine();
  };
  for (std::size_t i = 0; i < list.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    const char* text = noted(list[i]);
    flow(text);
    if (ImGui::SmallButton(text)) out(PhraseChosen{kind, i});
    record_last_item(std::string(id) + ":" + std::to_string(i));
    ImGui::SameLine(0, 2);
    if (ImGui::SmallButton(verbatim("×"))) out(RequestRemovePhrase{kind, i});
    record_last_item(std::string(id) + "-remove:" + std::to_string(i));
    ImGui::PopID();
  }
  flow(tr("Keep this text as a phrase"));
  if (ImGui::SmallButton(tr("Keep this text as a phrase"))) out(RequestAddPhrase{kind});
  record_last_item(std::string(id) + "-add");
  ImGui::PopID();
}

void form_panel(const FollowUpModel& m, FollowUpForm& form, Out<FollowUpIntent>& out) {
  const FollowUpLine& l = m.lines[*m.chosen];
  plain_text(l.system + "  " + l.when + "  " + l.terminal + "  " + l.operator_id);
  heading(m.contractor ? tr("The contractor's report") : tr("The interview"));
  ImGui::TextUnformatted(m.contractor ? tr("Date the request was sent:")
                                      : tr("Date of the interview:"));
  date_field("held-on", form.held_on, m.today);
  if (m.contractor) {
    ImGui::TextUnformatted(tr("Date the report came:"));
    date_field("report-on", form.report_on, m.today);
  }
  japanese_text_field(m.contractor ? tr("Summary of the report") : tr("Reason given"), "##account",
                      form.account.data(), form.account.size(), field_width());
  if (!m.contractor) phrases("reason", survey::PhraseKind::reason, m.reasons, out);
  if (m.contractor) {
    japanese_text_field(tr("Your check of the report"), "##manager-check",
                        form.manager_check.data(), form.manager_check.size(), -1);
  }
  ImGui::TextUnformatted(tr("Conclusion:"));
  int n = 0;
  for (Conclusion c : {Conclusion::pending, Conclusion::business, Conclusion::mistyped_search,
                       Conclusion::not_business}) {
    const char* label = c == Conclusion::pending           ? tr("Not concluded yet")
                        : c == Conclusion::business        ? tr("Access for business")
                        : c == Conclusion::mistyped_search ? tr("Mistyped search")
                                                           : tr("Not for business");
    if (n++ % 2 == 1) ImGui::SameLine(ImGui::GetContentRegionAvail().x * 0.5f);
    if (ImGui::RadioButton(label, m.conclusion == c) && m.conclusion != c) {
      out(ConclusionChosen{c});
    }
    record_last_item(std::string("conclusion:") + std::string(survey::conclusion_id(c)));
  }
  if (button(tr("Record the follow-up"))) out(RequestSaveFollowUp{});
  for (const std::string& h : m.history) name_text(h);
  if (m.can_find && !m.has_finding) {
    heading(tr("Finding"));
    japanese_text_field(tr("Cause"), "##cause", form.cause.data(), form.cause.size(),
                        field_width());
    japanese_text_field(tr("Measures against recurrence"), "##measures", form.measures.data(),
                        form.measures.size(), field_width());
    phrases("measure", survey::PhraseKind::measure, m.measures, out);
    if (button(tr("Record the finding"))) out(RequestSaveFinding{});
  }
}

}  // namespace

void follow_up_view(const FollowUpModel& m, FollowUpForm& form, Out<FollowUpIntent>& out) {
  if (auto chosen = survey_picker(m.picker)) out(SurveyChosen<FollowUpScreen>{*chosen});
  if (m.held) hold_banner(m, out);
  if (!m.notice.empty()) wrapped_text(m.notice);
  if (!m.error.empty()) error_text(m.error.c_str());
  if (m.lines.empty()) {
    wrapped_text(tr("No access of this survey is waiting for a follow-up."));
    return;
  }
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  ImGui::BeginChild("list", ImVec2(avail.x * 0.40f, std::max(avail.y, 300.0f)), false);
  list(m, out);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("form", ImVec2(0, std::max(avail.y, 300.0f)), true);
  if (m.chosen && *m.chosen < m.lines.size()) {
    form_panel(m, form, out);
  } else {
    wrapped_text(tr("Choose an access in the list."));
  }
  ImGui::EndChild();
}

}  // namespace shogo::ui
