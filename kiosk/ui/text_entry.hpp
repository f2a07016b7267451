#pragma once
// Japanese text entry in the kiosk's fields: the composer (kiosk/ime) drawn
// where the user types, in ImGui, the same under Xvfb and under cage.
//
//   japanese_field()      one line (a survey's title, a search box)
//   japanese_text_area()  several lines (interview notes, findings)
//   forget_text_entry()   every lock: what is composed, wiped; Anthy reset
//   end_text_entry_frame() after a screen is drawn: a composition whose field
//                         was not drawn this frame (the screen changed) is wiped
//
// Keys go to the composer first. While a field is being edited in かな mode,
// every character typed reaches the composer, and what it does not consume
// (a digit, a space with nothing composed) is inserted with what it commits,
// in the order typed. While something is composed, the field sees no key at
// all (ImGui's key map is emptied around the field for that frame): Enter
// commits, Backspace takes back a letter, Escape cancels the composition —
// none of them reaches the field or the screen.
//
// Keys the composer handles (ExtraKeys: the shell maps 変換, 無変換 and
// 半角/全角 by scancode, F7 by its GLFW code):
//   letters , . - [ ] / ~ '   compose (romaji → kana)
//   Space or 変換              convert; again: the next candidate
//   ↓ ↑                        the next / previous candidate
//   1–9                        pick from the candidate page shown
//   ← →                        another segment;  Shift+← → a shorter / longer one
//   Enter                      commit;  無変換: commit the kana as they are
//   F7                         commit as katakana
//   Backspace                  one letter back; while converting: back to the kana
//   Escape                     cancel the composition (committed text stays)
//   半角/全角 or the かな/英数 button beside the field   switch the mode
//
// Leaving a field with something composed (a click elsewhere) commits it into
// that field at its caret: nothing typed is lost. Debian's ImGui holds
// 16-bit characters, so no candidate outside the BMP is offered (𠮷).
// The fields have no undo (its records would hold what was typed).

#include <imgui.h>

#include <cstddef>

namespace shogo::ime {
class Composer;
}

namespace shogo::ui {

// One line. `id` is an ImGui label ("##title"); returns what InputText does
// (with ImGuiInputTextFlags_EnterReturnsTrue: Enter pressed with nothing
// composed). The mode button follows the field on the same line.
bool japanese_field(const char* id, char* buffer, std::size_t capacity, float width, int flags = 0);
// Several lines; Enter with nothing composed starts a new line.
bool japanese_text_area(const char* id, char* buffer, std::size_t capacity, ImVec2 size);

void forget_text_entry();
void end_text_entry_frame();

// For tests: is something composed now, and in which mode; the composer
// itself (null until a Japanese field was drawn).
bool text_entry_composing();
bool text_entry_kana_mode();
const ime::Composer* text_entry_composer();

}  // namespace shogo::ui
