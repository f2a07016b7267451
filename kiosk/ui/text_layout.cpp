#include "kiosk/ui/text_layout.hpp"

#include "kiosk/ui/glyph_registry.hpp"

namespace shogo::ui {
std::vector<std::string_view> break_lines(std::string_view utf8, float,
                                          const std::function<float(std::string_view)>&) {
  return {utf8};
}
void wrapped_text(std::string_view utf8, float, std::optional<ImU32> colour) {
  glyphs().note_ui_text(utf8);
  if (colour) ImGui::PushStyleColor(ImGuiCol_Text, *colour);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(utf8.data(), utf8.data() + utf8.size());
  ImGui::PopTextWrapPos();
  if (colour) ImGui::PopStyleColor();
}
}  // namespace shogo::ui
