#pragma once
// Page — the frame every screen is drawn in (docs/ui-guidelines.md, "Layout"):
//
//   ┌ header: app, screen title, user and role, clock ────────────┐  fixed
//   │ content: the screen's view; only this part scrolls          │
//   └ action bar: back (Esc) on the left, the actions on the right ┘  fixed
//
//   action_button()    a button in the action bar, from the right edge
//                      leftwards: the first a view adds is its primary action
//   confirm_dialog()   asks before what cannot be undone: what will happen,
//                      and two buttons; Escape and Enter cancel (the safe
//                      default) unless the confirming button has the focus
//   help_line()        the screen's one line of help, under the title
//   key_pressed()      a key this frame, unless a text field or a dialog has it
//
// KioskApp calls begin_frame_layout() before any view and draws the header,
// the content child and the bar's window; views only add to them.

#include <imgui.h>

#include <string>
#include <vector>

#include "kiosk/ui/theme.hpp"

namespace shogo::ui {

using theme::kActionBarHeight;
using theme::kHeaderHeight;
using theme::kPagePadding;
constexpr const char* kActionBarWindow = "##action_bar";

enum class ActionKind : unsigned char { primary, secondary };

void begin_frame_layout();  // the bar's buttons start again from the right edge
// Draws into the action bar's own window, wherever the view is. Recorded
// under its label (primary ones flagged), like button().
bool action_button(const char* label, ActionKind kind = ActionKind::secondary, bool enabled = true);
// Buttons at the bar's left edge, left to right (KioskApp's back and help).
bool bar_left_button(const char* label, const char* key);

// The action bar's buttons and the bar: as high as the text size asks (48
// and 76 px at the standard size).
float action_height();
float action_bar_height();

enum class Answer : unsigned char { none, confirmed, cancelled };
// A modal dialog while `open`: a title, the lines that say what will happen,
// the confirming button and やめる. Opens with the focus on やめる.
Answer confirm_dialog(const char* id, bool open, const char* title,
                      const std::vector<std::string>& lines, const char* confirm_label);

void help_line(const char* text);
// A key's name beside the button before it ("Esc", "F1"), muted.
void key_hint(const char* key);

// ImGui's key index for a named key (io.KeyMap), pressed this frame.
bool key_pressed(ImGuiKey key);
// Keys ImGui 1.86 has no name for: the host sets their io.KeysDown index
// (the shell: GLFW_KEY_F1 and GLFW_KEY_F7, and for the three Japanese keys,
// which have no GLFW code, an index of its own set from their scancodes; the
// test harness: its own). -1: the host has no such key.
struct ExtraKeys {
  int f1 = -1;
  int f7 = -1;           // katakana (text entry)
  int convert = -1;      // 変換
  int no_convert = -1;   // 無変換
  int toggle_mode = -1;  // 半角/全角: かな ↔ 英数
};
ExtraKeys& extra_keys();
bool f1_pressed();
// True when Escape (or Enter) belongs to the page: no text field is being
// edited and no popup is open.
bool page_has_keyboard();

}  // namespace shogo::ui
