// A survey begins (P6.2–P6.4): the survey overview, the designation and the
// import of a confirmation sheet. Views draw their model and emit intents.
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "kiosk/ui/views.hpp"
#include "kiosk/ui/widgets.hpp"

namespace shogo::ui {

namespace {

using ull = unsigned long long;

constexpr ImGuiTableFlags kTable =
    ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit;
const ImVec4 kGood(0.1f, 0.5f, 0.1f, 1.0f);

void title(const char* text) {
  ImGui::PushFont(fonts().title);
  ImGui::TextUnformatted(text);
  ImGui::PopFont();
}

void heading(const char* text) {
  ImGui::Spacing();
  ImGui::TextUnformatted(text);
  ImGui::Separator();
}

void cell(const std::string& text) {
  ImGui::TableNextColumn();
  plain_text(text);
}

// Which survey the screen is about; recorded as "survey:<id>".
void survey_picker(const SurveyPicker& picker, Intents& out) {
  if (picker.surveys.empty()) {
    ImGui::TextUnformatted(tr("There is no survey in this vault yet."));
    return;
  }
  const float height = ImGui::GetTextLineHeightWithSpacing() *
                       (static_cast<float>(std::min<std::size_t>(picker.surveys.size(), 4)) + 1.5f);
  if (!ImGui::BeginTable("surveys", 3, kTable | ImGuiTableFlags_ScrollY, ImVec2(0, height))) return;
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
      out.emplace_back(RequestSelectSurvey{s.id});
    }
    recorded_items().push_back(
        {"survey:" + s.id, ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), true});
    cell(s.title);
    cell(s.state);
  }
  ImGui::EndTable();
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
    cell(std::to_string(i + 1));
    cell(r.system);
    cell(r.date);
    cell(r.window);
    cell(r.terminals);
    cell(r.how);
  }
  ImGui::EndTable();
}

// P6.2 per system, with P6.3.d when a system falls short.
void counts_table(const std::vector<SystemCountView>& counts, bool may_designate, Intents& out) {
  ImGui::TextWrapped("%s", tr("At least the required number of viewed persons per system (P6.2). "
                              "Several rows made by one series of operations on the same person "
                              "count as one person."));
  if (!ImGui::BeginTable("counts", 6, kTable)) return;
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
      if (button(label.c_str())) out.emplace_back(RequestRedesignate{c.system});
    }
  }
  ImGui::EndTable();
  const bool short_somewhere = std::any_of(counts.begin(), counts.end(),
                                           [](const auto& c) { return c.designated && !c.enough; });
  if (short_somewhere && !may_designate) {
    ImGui::TextWrapped("%s", tr("Ask the supervisor to designate again for each system that is "
                                "short (P6.3.d)."));
  }
}

// Returns true when the text was edited in this frame.
bool text_field(const char* label, const char* id, char* buffer, std::size_t capacity, float width,
                ImGuiInputTextFlags flags = 0) {
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

// 新しい調査を作る (P6.1): the manager's form, under the list of surveys.
void new_survey_form(const NewSurveyForm& f, Intents& out) {
  if (!f.offered) return;
  if (!f.created.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, kGood);
    ImGui::TextWrapped("%s", noted(f.created));
    ImGui::PopStyleColor();
  }
  if (!f.open) {
    if (button(tr("Make a new survey"))) out.emplace_back(RequestNewSurveyForm{true});
    return;
  }
  heading(tr("Make a new survey"));
  if (text_field(tr("Fiscal year:"), "##fiscal-year", f.fiscal_year, f.fiscal_year_capacity, 80,
                 ImGuiInputTextFlags_CharsDecimal)) {
    out.emplace_back(RequestNewSurveyYear{});
  }
  ImGui::SameLine(0, 24);
  text_field(tr("Title:"), "##title", f.title, f.title_capacity, 440);
  text_field(tr("Survey id (letters, digits and '-'):"), "##survey-id", f.id, f.id_capacity, 240);
  ImGui::TextWrapped("%s", tr("The appliance proposes the next free id of the fiscal year; it "
                              "cannot be changed later."));
  if (button(tr("Create"), ImVec2(160, 0))) out.emplace_back(RequestCreateSurvey{});
  ImGui::SameLine(0, 24);
  if (button(tr("Cancel"))) out.emplace_back(RequestNewSurveyForm{false});
  if (!f.error.empty()) error_text(noted(f.error));
  ImGui::Separator();
}

// The column profile (P6.4): the reference profile, or a site's own file.
void profile_choice(const ImportModel& model, Intents& out) {
  ImGui::Text(tr("Column profile (the site's own: *.toml files in %s):"),
              noted(model.profile_folder));
  ImGui::Indent();
  const char* standard = tr("Standard (reference profile)");
  if (ImGui::RadioButton(standard, model.profile.empty()) && !model.profile.empty()) {
    out.emplace_back(RequestImportProfile{});
  }
  record_last_item(standard);
  for (const ProfileChoice& p : model.profiles) {
    const bool usable = p.problem.empty();
    ImGui::PushID(p.name.c_str());
    if (!usable) ImGui::BeginDisabled();
    const std::string label = p.name + "##profile";
    if (ImGui::RadioButton(noted(label), usable && p.name == model.profile) && usable &&
        p.name != model.profile) {
      out.emplace_back(RequestImportProfile{p.name});
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

}  // namespace

const char* system_label(survey::System s) {
  switch (s) {
    case survey::System::koseki: return tr("Family register system (KOSEKI)");
    case survey::System::juki: return tr("Resident registry system (JUKI)");
    case survey::System::jukinet: return tr("Resident registry network (JUKINET)");
  }
  return "";
}

void survey_overview_view(const SurveyOverviewModel& model, Intents& out) {
  back_button(out);
  title(tr("Survey status"));
  survey_picker(model.picker, out);
  new_survey_form(model.new_survey, out);
  if (!model.error.empty()) error_text(model.error.c_str());
  if (model.picker.selected_id.empty()) return;
  heading(tr("Designations (P6.3), in the order made"));
  designations_table(model.designations);
  heading(tr("Viewed persons per system"));
  counts_table(model.counts, model.may_designate, out);
}

void designation_view(const DesignationModel& model, Intents& out) {
  back_button(out);
  title(tr("Designate the date, window and terminals"));
  if (!model.allowed) {
    ImGui::TextWrapped("%s", tr("Only the supervisor designates the date, window and terminals "
                                "(P6.3). Ask the supervisor to sign in."));
    return;
  }
  survey_picker(model.picker, out);
  if (model.picker.selected_id.empty()) return;
  ImGui::TextUnformatted(tr("System:"));
  for (survey::System s : survey::kAllSystems) {
    ImGui::SameLine();
    if (ImGui::RadioButton(system_label(s), model.system == s) && model.system != s) {
      out.emplace_back(RequestDesignationSystem{s});
    }
    record_last_item(system_label(s));
  }
  text_field(tr("Date (YYYY-MM-DD):"), "##date", model.date, model.field_capacity, 150);
  ImGui::SameLine(0, 24);
  text_field(tr("From (HH:MM):"), "##from", model.from, model.field_capacity, 80);
  ImGui::SameLine(0, 24);
  text_field(tr("To (HH:MM):"), "##to", model.to, model.field_capacity, 80);
  ImGui::TextWrapped("%s", tr("The window lasts at least 15 minutes, within the sites' operating "
                              "hours. Rows at the start time are inside, rows at the end time are "
                              "not."));
  heading(tr("Terminals: at least one at every site (P6.3.c)"));
  if (model.sites.empty()) ImGui::TextUnformatted(tr("This system has no terminals."));
  for (const SiteChoice& site : model.sites) {
    plain_text(site.name + "  (" + site.hours + ")");
    ImGui::Indent();
    for (std::size_t i = 0; i < site.terminals.size(); ++i) {
      const TerminalChoice& t = site.terminals[i];
      if (i > 0 && i % 6 != 0) ImGui::SameLine(0, 20);
      bool checked = t.checked;  // the view's copy: the app changes it after the frame
      if (ImGui::Checkbox(t.id.c_str(), &checked)) {
        out.emplace_back(RequestToggleTerminal{t.id});
      }
      record_last_item(t.id);
    }
    ImGui::Unindent();
  }
  ImGui::Spacing();
  if (button(tr("Designate"), ImVec2(220, 0))) out.emplace_back(RequestDesignate{});
  ImGui::SameLine(0, 24);
  if (button(tr("Designate by drawing lots"), ImVec2(260, 0))) {
    out.emplace_back(RequestDrawDesignation{});
  }
  if (!model.error.empty()) error_text(model.error.c_str());
  if (!model.errors.empty()) {
    error_text(
        tr("Not designated: nothing was stored. Correct the following and designate "
           "again."));
    for (const std::string& e : model.errors) error_text(noted("・" + e));
  }
  if (!model.warnings.empty()) {
    ImGui::TextWrapped("%s", tr("Please check the following. Tick each one and press the "
                                "Designate button again."));
    for (const WarningChoice& w : model.warnings) {
      ImGui::TextWrapped("%s", noted("・" + w.message));
      bool acknowledged = w.acknowledged;
      const std::string label = std::string(tr("I have checked this")) + "##" + w.code;
      if (ImGui::Checkbox(label.c_str(), &acknowledged)) {
        out.emplace_back(RequestAcknowledgeWarning{w.code});
      }
      record_last_item(label);
    }
  }
  if (!model.stored.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, kGood);
    ImGui::TextWrapped("%s", noted(model.stored));
    ImGui::PopStyleColor();
  }
  heading(tr("Designations of this survey, in the order made (a new one adds, P6.3.d)"));
  designations_table(model.history);
}

void sheet_import_view(const ImportModel& model, Intents& out) {
  back_button(out);
  title(tr("Import a confirmation sheet"));
  if (!model.allowed) {
    ImGui::TextWrapped("%s", tr("Only the manager imports confirmation sheets (P6.4)."));
    return;
  }
  survey_picker(model.picker, out);
  if (model.picker.selected_id.empty()) return;
  if (model.busy) ImGui::BeginDisabled();
  ImGui::TextUnformatted(tr("Kind of sheet:"));
  for (storage::import::SheetKind k : storage::import::kAllSheetKinds) {
    ImGui::SameLine();
    const std::string name(storage::import::sheet_kind_name(k));
    if (ImGui::RadioButton(noted(name), model.kind == k) && model.kind != k) {
      out.emplace_back(RequestImportKind{k});
    }
    record_last_item(name);
  }
  profile_choice(model, out);
  ImGui::Text(tr("Files in the import folder %s:"), noted(model.folder));
  ImGui::SameLine();
  if (button(tr("Look again"))) out.emplace_back(RequestRefreshImportFolder{});
  if (model.files.empty()) {
    ImGui::TextUnformatted(tr("There is no .csv or .xlsx file in the import folder."));
  }
  for (const std::string& name : model.files) {
    ImGui::PushID(name.c_str());
    if (ImGui::Selectable("##file", name == model.file) && name != model.file) {
      out.emplace_back(RequestImportFile{name});
    }
    recorded_items().push_back(
        {"file:" + name, ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), true});
    ImGui::SameLine();
    plain_text(name);
    ImGui::PopID();
  }
  if (model.busy) ImGui::EndDisabled();
  const bool may_preview = !model.busy && !model.file.empty();
  if (button(tr("Preview"), ImVec2(200, 0), may_preview)) out.emplace_back(RequestPreview{});
  if (model.busy) {
    ImGui::SameLine(0, 24);
    ImGui::Text(
        model.busy_importing ? tr("Importing… %llu rows read") : tr("Reading… %llu rows read"),
        static_cast<ull>(model.rows_read));
    ImGui::SameLine(0, 24);
    if (button(tr("Stop"))) out.emplace_back(RequestCancelWork{});
  }
  if (!model.error.empty()) error_text(model.error.c_str());

  if (model.imported) {
    heading(tr("Imported"));
    ImGui::PushStyleColor(ImGuiCol_Text, kGood);
    ImGui::Text(tr("Stored %llu rows (%llu were already stored by an earlier import)."),
                static_cast<ull>(model.stored), static_cast<ull>(model.already_stored));
    ImGui::PopStyleColor();
    counts_table(model.counts, model.may_designate, out);
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
    if (ImGui::BeginTable("problems", 3, kTable | ImGuiTableFlags_ScrollY, ImVec2(0, 150))) {
      ImGui::TableSetupScrollFreeze(0, 1);
      ImGui::TableSetupColumn(tr("Row"));
      ImGui::TableSetupColumn(tr("Column"));
      ImGui::TableSetupColumn(tr("Problem"), ImGuiTableColumnFlags_WidthStretch);
      ImGui::TableHeadersRow();
      ImGuiListClipper clipper;
      clipper.Begin(static_cast<int>(model.problem_rows.size()));
      while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
          const ProblemView& p = model.problem_rows[static_cast<std::size_t>(i)];
          ImGui::TableNextRow();
          cell(p.row);
          cell(p.column);
          cell(p.message);
        }
      }
      ImGui::EndTable();
    }
    bool accept = model.accept_problems;
    if (ImGui::Checkbox(tr("Import without the rows that could not be read"), &accept)) {
      out.emplace_back(RequestAcceptProblems{});
    }
    record_last_item(tr("Import without the rows that could not be read"));
  } else {
    ImGui::TextUnformatted(tr("Every row could be read."));
  }
  const bool may_import = !model.busy && (model.problems == 0 || model.accept_problems);
  if (button(tr("Import"), ImVec2(200, 0), may_import)) out.emplace_back(RequestImport{});

  heading(tr("The first kept rows (personal data)"));
  access_rows_table("preview", model.preview, /*with_system=*/false);
}

}  // namespace shogo::ui
