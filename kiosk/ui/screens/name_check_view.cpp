#include <imgui.h>

#include <string>

#include "kiosk/ui/glyph_registry.hpp"
#include "kiosk/ui/screens/name_check_screen.hpp"
#include "kiosk/ui/text_entry.hpp"
#include "kiosk/ui/text_layout.hpp"
#include "kiosk/ui/widgets.hpp"

namespace shogo::ui {

namespace {

// Type a name as a register holds it (髙橋, 渡邉) and see it drawn in the
// names' font with its code points.
void practice_view(PracticeText& practice) {
  ImGui::Separator();
  ImGui::PushFont(fonts().title);
  ImGui::TextUnformatted(tr("Try typing"));
  ImGui::PopFont();
  wrapped_text(
      tr("Type in romaji and press Space to convert (Space again: the list; 1–9 pick; Enter "
         "keeps it). What you type here is not kept anywhere."));
  japanese_text_area("##practice", practice.text.data(), practice.text.size(),
                     ImVec2(720, 3 * ImGui::GetTextLineHeightWithSpacing() + 12));
  const std::string typed(practice.text.data());
  if (typed.empty()) return;
  ImGui::TextUnformatted(tr("As a register shows it:"));
  ImGui::SameLine();
  wrapped_name_text(typed);
  std::string codes;
  for (const NameUnit unit : split_units(typed)) {
    if (unit.base < 0x80 || unit.base == 0x3000) continue;  // letters, spaces
    if (!codes.empty()) codes += ' ';
    codes += code_point_label(unit);
  }
  if (!codes.empty()) wrapped_text(codes);
}

}  // namespace

void name_check_view(const NameCheckModel& model, PracticeText& practice) {
  wrapped_text(
      tr("Each name is drawn in the IPAmj Mincho font. A character no font has is shown "
         "as a box with its code point, never as a question mark."));
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
  constexpr ImGuiTableFlags kFlags =
      ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
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
    ImGui::PushTextWrapPos(0.0f);  // the code points wrap inside their column
    ImGui::TextUnformatted(s.codes.c_str());
    ImGui::PopTextWrapPos();
  }
  ImGui::EndTable();
  practice_view(practice);
}

}  // namespace shogo::ui
