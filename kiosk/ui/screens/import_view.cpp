// 確認用帳票の取り込み (P6.4): the view of ImportScreen.
#include <imgui.h>

#include "kiosk/ui/page.hpp"
#include "kiosk/ui/screens/import_screen.hpp"
#include "kiosk/ui/text_layout.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace shogo::ui {

namespace {

using ull = unsigned long long;

// The column profile (P6.4): the reference profile, or a site's own file.
void profile_choice(const ImportModel& model, Out<ImportIntent>& out) {
  ImGui::TextUnformatted(tr("Column layout of the sheet:"));
  ImGui::Indent();
  const char* standard = tr("Standard (reference profile)");
  if (ImGui::RadioButton(standard, model.profile.empty()) && !model.profile.empty()) {
    out(ProfileChosen{});
  }
  record_last_item(standard);
  for (const ProfileChoice& p : model.profiles) {
    const bool usable = p.problem.empty();
    ImGui::PushID(p.name.c_str());
    if (!usable) ImGui::BeginDisabled();
    const std::string label = p.name + "##profile";
    if (ImGui::RadioButton(noted(label), usable && p.name == model.profile) && usable &&
        p.name != model.profile) {
      out(ProfileChosen{p.name});
    }
    record_last_item("profile:" + p.name, usable);
    if (!usable) {
      ImGui::SameLine(0, 20);
      ImGui::EndDisabled();
      ImGui::PushStyleColor(ImGuiCol_Text, theme::kError);
      wrapped_text(p.problem);
      ImGui::PopStyleColor();
    }
    ImGui::PopID();
  }
  ImGui::Unindent();
}

void problems_table(const std::vector<ProblemView>& rows) {
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg |
                                     ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_ScrollY;
  const float row = ImGui::GetTextLineHeight() + ImGui::GetStyle().CellPadding.y * 2.0f;
  const float height = row * (static_cast<float>(std::min<std::size_t>(rows.size(), 6)) + 1.0f) + 4;
  if (!ImGui::BeginTable("problems", 3, kFlags, ImVec2(0, height))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(tr("Row"));
  ImGui::TableSetupColumn(tr("Column"));
  ImGui::TableSetupColumn(tr("Problem"), ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(rows.size()));
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const ProblemView& p = rows[static_cast<std::size_t>(i)];
      ImGui::TableNextRow();
      table_cell(p.row);
      table_cell(p.column);
      table_cell(p.message);
    }
  }
  ImGui::EndTable();
}

}  // namespace

void import_view(const ImportModel& model, Out<ImportIntent>& out) {
  if (!model.allowed) {
    wrapped_text(tr("Only the manager imports confirmation sheets. Ask the manager to sign in."));
    return;
  }
  // The action bar: from the right, the step that comes next.
  const bool may_preview = !model.busy && !model.file.empty();
  const bool has_rows = model.has_preview && model.kept > 0;
  const bool may_import = !model.busy && has_rows && (model.problems == 0 || model.accept_problems);
  if (model.has_preview) {
    if (action_button(tr("Import"), ActionKind::primary, may_import)) {
      out(RequestImport{model.kind, model.file, model.profile, model.accept_problems});
    }
    if (action_button(tr("Preview"), ActionKind::secondary, may_preview)) {
      out(RequestPreview{model.kind, model.file, model.profile});
    }
  } else if (action_button(tr("Preview"), ActionKind::primary, may_preview)) {
    out(RequestPreview{model.kind, model.file, model.profile});
  }
  if (model.busy && action_button(tr("Stop"))) out(RequestCancelWork{});

  if (model.busy) ImGui::BeginDisabled();
  if (auto chosen = survey_picker(model.picker)) out(SurveyChosen<ImportScreen>{*chosen});
  if (model.busy) ImGui::EndDisabled();
  if (model.picker.selected_id.empty()) return;
  if (model.busy) ImGui::BeginDisabled();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr("Kind of sheet:"));
  const float right = ImGui::GetWindowContentRegionMax().x + ImGui::GetWindowPos().x;
  for (storage::import::SheetKind k : storage::import::kAllSheetKinds) {
    const std::string name(storage::import::sheet_kind_name(k));
    // As many per line as fit the page.
    ImGui::SameLine();
    const float width = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x +
                        ImGui::CalcTextSize(noted(name)).x;
    if (ImGui::GetCursorScreenPos().x + width > right) ImGui::NewLine();
    if (ImGui::RadioButton(noted(name), model.kind == k) && model.kind != k) {
      out(SheetKindChosen{k});
    }
    record_last_item(name);
  }
  profile_choice(model, out);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr("Files in the import folder:"));
  ImGui::SameLine();
  if (button(tr("Update the list"))) out(RequestRescan{});
  if (model.files.empty()) {
    wrapped_text(
        tr("There is no CSV or Excel file in the import folder. Ask the system division "
           "to put the sheets there, then update the list."));
  }
  for (const std::string& name : model.files) {
    ImGui::PushID(name.c_str());
    if (ImGui::Selectable("##file", name == model.file, 0, ImVec2(0, theme::kSelectableHeight)) &&
        name != model.file) {
      out(FileChosen{name});
    }
    record_last_item("file:" + name, true);
    if (name == model.file) theme::mark_selected_item();
    ImGui::SameLine();
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() +
                         (theme::kSelectableHeight - ImGui::GetTextLineHeight()) * 0.5f);
    plain_text(name);
    ImGui::PopID();
  }
  if (model.busy) ImGui::EndDisabled();
  if (model.busy) {
    ImGui::Text(
        model.busy_importing ? tr("Importing… %llu rows read") : tr("Reading… %llu rows read"),
        static_cast<ull>(model.rows_read));
  }
  // A result that just came is brought into view: the page scrolls to it.
  if (model.scroll_to_result) ImGui::SetScrollHereY(0.0f);
  if (!model.error.empty()) error_text(model.error.c_str());

  if (model.imported) {
    heading(tr("Imported"));
    ImGui::TextColored(theme::vec4(theme::kSuccess),
                       tr("Stored %llu rows (%llu were already stored by an earlier import)."),
                       static_cast<ull>(model.stored), static_cast<ull>(model.already_stored));
    (void)counts_table(model.counts, /*may_designate=*/false);  // the manager asks (P6.3.d)
  }
  if (!model.has_preview) return;

  heading(tr("What the file holds"));
  ImGui::Text(tr("%s: %llu rows after the header."), noted(model.preview_system),
              static_cast<ull>(model.rows));
  ImGui::Text(tr("Rows inside the designation, to be kept: %llu"), static_cast<ull>(model.kept));
  ImGui::Text(tr("Rows outside the designation, not kept: other date %llu, other time %llu, "
                 "other terminal %llu"),
              static_cast<ull>(model.dropped_date), static_cast<ull>(model.dropped_time),
              static_cast<ull>(model.dropped_terminal));
  ImGui::Text(tr("Blank rows: %llu   Totals rows: %llu"), static_cast<ull>(model.blank),
              static_cast<ull>(model.totals));
  if (model.kept == 0) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kError);
    wrapped_text(
        tr("There is no row to import: no row of this file is inside the designation. "
           "Check that this is the sheet of the designated date and system."));
    ImGui::PopStyleColor();
  }
  if (model.problems > 0) {
    ImGui::TextColored(theme::vec4(theme::kError), tr("Rows that could not be read: %llu"),
                       static_cast<ull>(model.problems));
    problems_table(model.problem_rows);
    bool accept = model.accept_problems;
    const char* label = tr("Import without the rows that could not be read");
    if (ImGui::Checkbox(label, &accept)) out(AcceptProblemsChanged{accept});
    record_last_item(label);
  } else {
    ImGui::TextUnformatted(tr("Every row could be read."));
  }
  heading(tr("The first kept rows (personal data)"));
  access_rows_table("preview", model.preview, /*with_system=*/false);

  switch (confirm_dialog("##confirm_import", !model.confirm.empty(), tr("Import this sheet?"),
                         model.confirm, tr("Yes, import"))) {
    case Answer::confirmed: out(Confirmed<ImportScreen>{}); break;
    case Answer::cancelled: out(NotConfirmed<ImportScreen>{}); break;
    case Answer::none: break;
  }
}

}  // namespace shogo::ui
