#include "kiosk/ui/widgets.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "kiosk/ui/glyph_registry.hpp"
#include "kiosk/ui/text_layout.hpp"
#include "kiosk/ui/theme.hpp"

namespace shogo::ui {

Fonts& fonts() {
  static Fonts f;
  return f;
}

std::vector<ItemRecord>& recorded_items() {
  static std::vector<ItemRecord> items;
  return items;
}

void record_last_item(std::string_view label, bool enabled) {
  if (auto cut = label.find("##"); cut != std::string_view::npos) label = label.substr(0, cut);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  recorded_items().push_back({std::string(label), ImGui::GetItemRectMin(), ImGui::GetItemRectMax(),
                              enabled, false, draw->GetClipRectMin(), draw->GetClipRectMax()});
}

bool button(const char* label, ImVec2 size, bool enabled) {
  if (!enabled) ImGui::BeginDisabled();
  const bool pressed = ImGui::Button(label, size);
  if (!enabled) ImGui::EndDisabled();
  record_last_item(label, enabled);
  return pressed && enabled;
}

bool selectable_name(const std::string& id, std::string_view name_utf8, bool selected,
                     std::string_view suffix) {
  // Everything drawn in the name font goes through encode_name, the suffix too:
  // the name font's atlas holds only what was encoded.
  std::string label = glyphs().encode_name(name_utf8);
  label += glyphs().encode_name(suffix);
  label += "##";
  label += id;
  ImGui::PushFont(fonts().name);
  const bool pressed =
      ImGui::Selectable(label.c_str(), selected, 0, ImVec2(0, theme::kSelectableHeight));
  ImGui::PopFont();
  record_last_item("user:" + id, true);
  return pressed;
}

void name_text(std::string_view name_utf8) {
  const std::string encoded = glyphs().encode_name(name_utf8);
  ImGui::PushFont(fonts().name);
  ImGui::TextUnformatted(encoded.c_str(), encoded.c_str() + encoded.size());
  ImGui::PopFont();
}

void wrapped_name_text(std::string_view name_utf8) {
  const std::string encoded = glyphs().encode_name(name_utf8);
  ImGui::PushFont(fonts().name);
  wrapped_text_unnoted(encoded, kCellLineHeight);
  ImGui::PopFont();
}

void error_text(const char* message) {
  ImGui::PushStyleColor(ImGuiCol_Text, theme::kError);
  wrapped_text(message);
  ImGui::PopStyleColor();
}

const char* noted(const std::string& text) {
  glyphs().note_ui_text(text);
  return text.c_str();
}

void plain_text(const std::string& text) {
  glyphs().note_ui_text(text);
  ImGui::TextUnformatted(text.c_str(), text.c_str() + text.size());
}

void watermark(std::string_view text_utf8) {
  ImFont* font = fonts().name;
  if (font == nullptr) return;
  const std::string encoded = glyphs().encode_name(text_utf8);
  ImDrawList* dl = ImGui::GetForegroundDrawList();
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float size = font->FontSize * 1.1f;
  const ImVec2 extent = font->CalcTextSizeA(size, 1e9f, 0.0f, encoded.c_str());
  const float angle = -0.45f;  // about 26 degrees, rising to the right
  const float c = std::cos(angle);
  const float s = std::sin(angle);
  const ImU32 colour = IM_COL32(120, 120, 120, 46);
  const float step_x = extent.x + 160.0f;
  const float step_y = 180.0f;
  int row = 0;
  for (float y = -display.y * 0.5f; y < display.y * 1.5f; y += step_y, ++row) {
    const float shift = (row % 2 == 1) ? step_x * 0.5f : 0.0f;
    for (float x = -display.x * 0.5f + shift; x < display.x * 1.5f; x += step_x) {
      const int first = dl->VtxBuffer.Size;
      dl->AddText(font, size, ImVec2(x, y), colour, encoded.c_str());
      const ImVec2 pivot(x + extent.x * 0.5f, y + extent.y * 0.5f);
      for (int i = first; i < dl->VtxBuffer.Size; ++i) {
        ImVec2& p = dl->VtxBuffer[i].pos;
        const float dx = p.x - pivot.x;
        const float dy = p.y - pivot.y;
        p = ImVec2(pivot.x + dx * c - dy * s, pivot.y + dx * s + dy * c);
      }
    }
  }
}

void wipe_text_input_buffers() {
  ImGuiContext* g = ImGui::GetCurrentContext();
  if (g == nullptr) return;
  ImGuiInputTextState& state = g->InputTextState;
  // Their whole allocations: a shorter text since may have left a longer one's tail.
  std::fill(state.TextW.Data, state.TextW.Data + state.TextW.Capacity, ImWchar{0});
  std::fill(state.TextA.Data, state.TextA.Data + state.TextA.Capacity, '\0');
  std::fill(state.InitialTextA.Data, state.InitialTextA.Data + state.InitialTextA.Capacity, '\0');
  std::memset(&state.Stb, 0, sizeof state.Stb);  // undo records hold typed characters
  state.CurLenW = state.CurLenA = 0;
}

void wipe_text_input_state() {
  wipe_text_input_buffers();
  ImGui::ClearActiveID();
}

}  // namespace shogo::ui
