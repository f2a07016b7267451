// 確認用帳票の取り込み (P6.4): the view of ImportScreen.
#include <imgui.h>

#include "kiosk/ui/screens/import_screen.hpp"
#include "kiosk/ui/widgets.hpp"

namespace shogo::ui {

namespace {

using ull = unsigned long long;
const ImVec4 kGood(0.1f, 0.5f, 0.1f, 1.0f);

// The column profile (P6.4): the reference profile, or a site's own file.
void profile_choice(const ImportModel& model, Out<ImportIntent>& out) {
  ImGui::Text(tr("Column profile (the site's own: *.toml files in %s):"),
              noted(model.profile_folder));
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
    recorded_items().push_back(
        {"profile:" + p.name, ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), usable});
    if (!usable) {
      ImGui::SameLine(0, 20);
      ImGui::TextWrapped("%s", noted(p.problem));
      ImGui::EndDisabled();
    }
    ImGui::PopID();
  }
  ImGui::Unindent();
}

void problems_table(const std::vector<ProblemView>& rows) {
  constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg |
                                     ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_ScrollY;
  if (!ImGui::BeginTable("problems", 3, kFlags, ImVec2(0, 150))) return;
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
    ImGui::TextWrapped("%s", tr("Only the manager imports confirmation sheets (P6.4)."));
    return;
  }
  if (model.busy) ImGui::BeginDisabled();
  if (auto chosen = survey_picker(model.picker)) out(SurveyChosen<ImportScreen>{*chosen});
  if (model.busy) ImGui::EndDisabled();
  if (model.picker.selected_id.empty()) return;
  if (model.busy) ImGui::BeginDisabled();
  ImGui::TextUnformatted(tr("Kind of sheet:"));
  for (storage::import::SheetKind k : storage::import::kAllSheetKinds) {
    ImGui::SameLine();
    const std::string name(storage::import::sheet_kind_name(k));
    if (ImGui::RadioButton(noted(name), model.kind == k) && model.kind != k) {
      out(SheetKindChosen{k});
    }
    record_last_item(name);
  }
  profile_choice(model, out);
  ImGui::Text(tr("Files in the import folder %s:"), noted(model.folder));
  ImGui::SameLine();
  if (button(tr("Look again"))) out(RequestRescan{});
  if (model.files.empty()) {
    ImGui::TextUnformatted(tr("There is no .csv or .xlsx file in the import folder."));
  }
  for (const std::string& name : model.files) {
    ImGui::PushID(name.c_str());
    if (ImGui::Selectable("##file", name == model.file) && name != model.file) {
      out(FileChosen{name});
    }
    recorded_items().push_back(
        {"file:" + name, ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), true});
    ImGui::SameLine();
    plain_text(name);
    ImGui::PopID();
  }
  if (model.busy) ImGui::EndDisabled();
  const bool may_preview = !model.busy && !model.file.empty();
  if (button(tr("Preview"), ImVec2(200, 0), may_preview)) {
    out(RequestPreview{model.kind, model.file, model.profile});
  }
  if (model.busy) {
    ImGui::SameLine(0, 24);
    ImGui::Text(
        model.busy_importing ? tr("Importing… %llu rows read") : tr("Reading… %llu rows read"),
        static_cast<ull>(model.rows_read));
    ImGui::SameLine(0, 24);
    if (button(tr("Stop"))) out(RequestCancelWork{});
  }
  if (!model.error.empty()) error_text(model.error.c_str());

  if (model.imported) {
    heading(tr("Imported"));
    ImGui::PushStyleColor(ImGuiCol_Text, kGood);
    ImGui::Text(tr("Stored %llu rows (%llu were already stored by an earlier import)."),
                static_cast<ull>(model.stored), static_cast<ull>(model.already_stored));
    ImGui::PopStyleColor();
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
  ImGui::TextWrapped("%s", tr("Only rows on the designated date, in the designated window and "
                              "from the designated terminals are kept; the others are only "
                              "counted, so the survey holds no more personal data than it needs "
                              "(P6.2)."));
  ImGui::Text(tr("Blank rows: %llu   Totals rows: %llu"), static_cast<ull>(model.blank),
              static_cast<ull>(model.totals));
  if (model.problems > 0) {
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(200, 30, 30, 255));
    ImGui::Text(tr("Rows that could not be read: %llu"), static_cast<ull>(model.problems));
    ImGui::PopStyleColor();
    problems_table(model.problem_rows);
    bool accept = model.accept_problems;
    const char* label = tr("Import without the rows that could not be read");
    if (ImGui::Checkbox(label, &accept)) out(AcceptProblemsChanged{accept});
    record_last_item(label);
  } else {
    ImGui::TextUnformatted(tr("Every row could be read."));
  }
  const bool may_import = !model.busy && (model.problems == 0 || model.accept_problems);
  if (button(tr("Import"), ImVec2(200, 0), may_import)) {
    out(RequestImport{model.kind, model.file, model.profile, model.accept_problems});
  }

  heading(tr("The first kept rows (personal data)"));
  access_rows_table("preview", model.preview, /*with_system=*/false);
}

}  // namespace shogo::ui
