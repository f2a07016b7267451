#include "kiosk/ui/page.hpp"

#include <imgui_internal.h>

#include <algorithm>

#include "kiosk/ui/i18n.hpp"
#include "kiosk/ui/text_layout.hpp"
#include "kiosk/ui/widgets.hpp"

namespace shogo::ui {

namespace {

float bar_right = -1.0f;  // where the next action button ends; < 0: the bar's right edge
float bar_left = -1.0f;   // where the next left button starts; < 0: the bar's left edge
constexpr float kActionGap = 16.0f;

float action_width(const char* label) {
  const float text = ImGui::CalcTextSize(label, nullptr, true).x;
  return std::max(160.0f, text + ImGui::GetStyle().FramePadding.x * 2.0f + 32.0f);
}

float action_y() {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  return vp->Pos.y + vp->Size.y - action_bar_height() +
         (action_bar_height() - action_height()) * 0.5f;
}

}  // namespace

float action_height() { return std::max(48.0f, ImGui::GetFrameHeight() + 4.0f); }

float action_bar_height() { return action_height() + 28.0f; }  // theme::kActionBarHeight at 100 %

void begin_frame_layout() {
  bar_right = -1.0f;
  bar_left = -1.0f;
}

bool action_button(const char* label, ActionKind kind, bool enabled) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::Begin(kActionBarWindow);  // appends to the bar KioskApp began this frame
  if (bar_right < 0) bar_right = vp->Pos.x + vp->Size.x - kPagePadding;
  const float width = action_width(label);
  ImGui::SetCursorScreenPos(ImVec2(bar_right - width, action_y()));
  bar_right -= width + kActionGap;
  const bool primary = kind == ActionKind::primary;
  if (primary) theme::push_primary_button(enabled);
  const bool pressed = button(label, ImVec2(width, action_height()), enabled);
  if (primary) {
    theme::pop_primary_button();
    recorded_items().back().primary = true;
  }
  ImGui::End();
  return pressed;
}

bool bar_left_button(const char* label, const char* key) {
  if (bar_left < 0) bar_left = ImGui::GetMainViewport()->Pos.x + kPagePadding;
  const float width = action_width(label);
  ImGui::SetCursorScreenPos(ImVec2(bar_left, action_y()));
  const bool pressed = button(label, ImVec2(width, action_height()));
  key_hint(key);
  bar_left += width + 8 + ImGui::CalcTextSize(key).x + 24;
  return pressed;
}

Answer confirm_dialog(const char* id, bool open, const char* title,
                      const std::vector<std::string>& lines, const char* confirm_label) {
  if (!open) return Answer::none;
  if (!ImGui::IsPopupOpen(id)) ImGui::OpenPopup(id);
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(std::min(720.0f, vp->Size.x - 2 * kPagePadding), 0));
  Answer answer = Answer::none;
  constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_AlwaysAutoResize |
                                      ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoMove |
                                      ImGuiWindowFlags_NoSavedSettings;
  if (!ImGui::BeginPopupModal(id, nullptr, kFlags)) return Answer::none;
  ImGui::PushFont(fonts().title);
  ImGui::TextUnformatted(title);
  ImGui::PopFont();
  ImGui::Spacing();
  for (const std::string& line : lines) wrapped_text(line);
  ImGui::Spacing();
  ImGui::Separator();
  ImGui::Spacing();
  const float width = std::max(action_width(confirm_label), action_width(tr("Cancel")));
  const bool confirm_pressed = button(confirm_label, ImVec2(width, action_height()));
  const bool confirm_focused = ImGui::IsItemFocused();
  ImGui::SameLine(0, kActionGap);
  const bool cancel_pressed = button(tr("Cancel"), ImVec2(width, action_height()));
  ImGui::SetItemDefaultFocus();  // the safe default has the focus when the dialog opens
  if (confirm_pressed) answer = Answer::confirmed;
  if (cancel_pressed) answer = Answer::cancelled;
  if (key_pressed(ImGuiKey_Enter) || key_pressed(ImGuiKey_KeyPadEnter)) {
    answer = confirm_focused ? Answer::confirmed : Answer::cancelled;
  }
  if (key_pressed(ImGuiKey_Escape)) answer = Answer::cancelled;
  if (answer != Answer::none) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
  return answer;
}

void help_line(const char* text) {
  if (text == nullptr || *text == '\0') return;
  wrapped_text(text, kBodyLineHeight, ImGui::GetColorU32(ImGuiCol_TextDisabled));
}

void key_hint(const char* key) {
  const ImVec2 button_min = ImGui::GetItemRectMin();
  const ImVec2 button_max = ImGui::GetItemRectMax();
  ImGui::SameLine(0, 8);
  // Drawn, not laid out as text: text on a line with a framed button sits at
  // the button's text baseline, which is not the middle of a tall button.
  const ImVec2 size = ImGui::CalcTextSize(key);
  const ImVec2 at(ImGui::GetCursorScreenPos().x, (button_min.y + button_max.y - size.y) * 0.5f);
  ImGui::GetWindowDrawList()->AddText(at, ImGui::GetColorU32(ImGuiCol_TextDisabled), key);
  ImGui::Dummy(ImVec2(size.x, button_max.y - button_min.y));
}

bool key_pressed(ImGuiKey key) {
  const int index = ImGui::GetKeyIndex(key);
  return index >= 0 && ImGui::IsKeyPressed(index, false);
}

ExtraKeys& extra_keys() {
  static ExtraKeys keys;
  return keys;
}

bool f1_pressed() {
  const int index = extra_keys().f1;
  return index >= 0 && index < 512 && ImGui::IsKeyPressed(index, false);
}

bool page_has_keyboard() {
  return !ImGui::IsAnyItemActive() && !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId);
}

}  // namespace shogo::ui
