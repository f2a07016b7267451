// 帳票の貸出 (P6.4.c): the view of LedgerScreen.
#include <imgui.h>

#include <string>

#include "kiosk/ui/page.hpp"
#include "kiosk/ui/screens/ledger_screen.hpp"
#include "kiosk/ui/survey_widgets.hpp"
#include "kiosk/ui/text_layout.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace shogo::ui {

namespace {

constexpr ImGuiTableFlags kTable =
    ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;

void sheets_table(const LedgerModel& model, Out<LedgerIntent>& out) {
  if (model.sheets.empty()) {
    wrapped_text(tr("This survey has no imported sheet yet."));
    return;
  }
  if (!ImGui::BeginTable("sheets", 3, kTable)) return;
  ImGui::TableSetupColumn(tr("System"));
  ImGui::TableSetupColumn(tr("Where the sheet is"), ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn(tr("Action"), ImGuiTableColumnFlags_WidthFixed, 340);
  ImGui::TableHeadersRow();
  for (const LedgerSheetView& s : model.sheets) {
    const std::string id(survey::system_id(s.system));
    ImGui::PushID(id.c_str());
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    plain_text(s.system_name);
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    if (s.status_has_name) {
      wrapped_name_text(s.status);
    } else {
      wrapped_text(s.status);
    }
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kTextMuted);
    wrapped_text(s.progress);
    ImGui::PopStyleColor();
    ImGui::TableNextColumn();
    if (s.mine) {
      if (button(tr("Reconcile"))) {
        ScreenArgs args;
        args.system = s.system;
        out.app(RequestScreen{ScreenId::reconcile, args});
      }
      record_last_item("reconcile:" + id);
      ImGui::SameLine();
      if (button(tr("Give back"), ImVec2(0, 0), !model.confirm.has_value())) {
        out(RequestGiveBack{s.lending_id});
      }
      record_last_item("give-back:" + id, !model.confirm.has_value());
    } else if (s.can_borrow) {
      if (button(tr("Borrow"), ImVec2(0, 0), !model.confirm.has_value())) {
        out(RequestBorrow{s.system});
      }
      record_last_item("borrow:" + id, !model.confirm.has_value());
    }
    ImGui::PopID();
  }
  ImGui::EndTable();
}

void confirm_panel(const ConfirmView& c, LedgerForm& form, Out<LedgerIntent>& out) {
  ImGui::PushStyleColor(ImGuiCol_ChildBg, theme::kWarningSurface);
  const float height = ImGui::GetFrameHeightWithSpacing() * 7.0f;
  ImGui::BeginChild("confirm", ImVec2(0, height), true);
  plain_text(c.title);
  wrapped_text(c.who);
  if (c.checking) ImGui::BeginDisabled();
  for (const std::string& id : c.confirmers) {
    if (selectable_name(id, id, id == c.chosen, "")) out(ConfirmerChosen{id});
  }
  if (!c.chosen.empty()) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr("Passphrase:"));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(360);
    if (std::exchange(form.focus_passphrase, false)) ImGui::SetKeyboardFocusHere();
    const bool enter =
        ImGui::InputText("##confirm-passphrase", reinterpret_cast<char*>(form.passphrase.data()),
                         form.passphrase.size(),
                         ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue |
                             ImGuiInputTextFlags_NoUndoRedo);
    record_last_item("confirm-passphrase");
    if (enter) out(RequestConfirm{});
    ImGui::SameLine();
    if (button(tr("Confirm"))) out(RequestConfirm{});
  }
  ImGui::SameLine();
  if (button(tr("Cancel"))) out(RequestCancelConfirm{});
  if (c.checking) {
    ImGui::EndDisabled();
    ImGui::TextUnformatted(tr("Checking the passphrase…"));
  }
  ImGui::EndChild();
  ImGui::PopStyleColor();
}

void slip_panel(const SlipView& s, Out<LedgerIntent>& out) {
  ImGui::PushStyleColor(ImGuiCol_ChildBg, theme::kSuccessSurface);
  ImGui::BeginChild("slip", ImVec2(0, ImGui::GetTextLineHeightWithSpacing() * 9.5f), true);
  plain_text(s.title);
  ImGui::Separator();
  auto line = [](const char* label, const std::string& value, bool name = false) {
    ImGui::TextUnformatted(label);
    ImGui::SameLine(220);
    if (name) {
      name_text(value);
    } else {
      plain_text(value);
    }
  };
  line(tr("Survey"), s.survey);
  line(tr("System"), s.system);
  line(tr("Investigator"), s.investigator, true);
  line(tr("Confirmed by"), s.manager, true);
  line(tr("Lent at"), s.lent_at + "  " + tr("due back") + " " + s.due_at);
  if (!s.returned_at.empty()) line(tr("Returned at"), s.returned_at);
  line(tr("Audit log head"), s.anchor);
  if (button(tr("Close the slip"))) out(RequestCloseSlip{});
  ImGui::EndChild();
  ImGui::PopStyleColor();
}

void ledger_table(const LedgerModel& model, Out<LedgerIntent>& out) {
  if (model.ledger.empty()) {
    wrapped_text(tr("No sheet of this survey has been lent yet."));
    return;
  }
  // The page scrolls (a survey has a few lendings a day): no inner scrolling;
  // every cell wraps to its column.
  if (!ImGui::BeginTable("ledger", 7, kTable)) return;
  ImGui::TableSetupColumn(tr("System"), ImGuiTableColumnFlags_WidthStretch, 1.6f);
  ImGui::TableSetupColumn(tr("Investigator"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn(tr("Confirmed by"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn(tr("Lent at"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn(tr("Due back"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn(tr("Return"), ImGuiTableColumnFlags_WidthStretch, 1.6f);
  ImGui::TableSetupColumn(
      tr("Action"), ImGuiTableColumnFlags_WidthFixed,
      ImGui::CalcTextSize(tr("Take back")).x + 2 * ImGui::GetStyle().FramePadding.x);
  ImGui::TableHeadersRow();
  for (const LedgerRowView& r : model.ledger) {
    ImGui::PushID(static_cast<int>(r.id));
    ImGui::TableNextRow();
    const bool red = r.overdue || r.automatic;
    if (red) ImGui::PushStyleColor(ImGuiCol_Text, theme::kError);
    table_cell(r.system);
    ImGui::TableNextColumn();
    wrapped_name_text(r.investigator);
    ImGui::TableNextColumn();
    wrapped_name_text(r.lent_by);
    table_cell(r.lent_at);
    table_cell(r.due_at);
    table_cell(r.overdue ? tr("Overdue: not returned") : r.open ? tr("Lent") : r.returned);
    if (red) ImGui::PopStyleColor();
    ImGui::TableNextColumn();
    if (r.open) {
      if (button(tr("Take back"), ImVec2(0, 0), !model.confirm.has_value())) {
        out(RequestGiveBack{r.id});
      }
      record_last_item("take-back:" + std::to_string(r.id), !model.confirm.has_value());
    }
    ImGui::PopID();
  }
  ImGui::EndTable();
}

}  // namespace

void ledger_view(const LedgerModel& model, LedgerForm& form, Out<LedgerIntent>& out) {
  const bool busy = model.confirm && model.confirm->checking;
  if (busy) ImGui::BeginDisabled();
  if (auto chosen = survey_picker(model.picker)) out(SurveyChosen<LedgerScreen>{*chosen});
  if (busy) ImGui::EndDisabled();
  if (model.picker.selected_id.empty()) {
    wrapped_text(tr("There is no survey yet."));
    return;
  }
  plain_text(model.survey_line);
  if (model.can_complete) {
    if (button(tr("Declare the sheets made"), ImVec2(0, 0), !model.confirm.has_value())) {
      out(RequestCompleteSheets{});
    }
  }
  if (!model.notice.empty()) wrapped_text(model.notice);
  if (!model.error.empty()) error_text(model.error.c_str());
  if (model.confirm) confirm_panel(*model.confirm, form, out);
  if (model.slip) slip_panel(*model.slip, out);
  // The manager keeps the ledger: it comes first; the investigator has only the sheets.
  if (model.manager) {
    heading(tr("Ledger"));
    ledger_table(model, out);
    for (const std::string& line : model.by_investigator) wrapped_name_text(line);
  }
  heading(tr("Sheets"));
  if (model.manager) {
    wrapped_text(
        tr("To lend a sheet, the investigator signs in and chooses it on this screen; "
           "you then confirm with your passphrase at the terminal."));
  }
  sheets_table(model, out);
}

}  // namespace shogo::ui
