#pragma once
// Small wrappers over ImGui used by every view.
//
//   fonts()          the three fonts of the atlas (set by the shell or a test)
//   button()         a button whose label and rectangle are recorded, so the
//                    headless harness and the end-to-end driver can find it
//   name_text()      a person's name through the name font, faithfully
//   watermark()      signed-in user and time across the screen (photos deter)
//   noted()          text from data (a survey's title, a site's name) noted
//                    for the UI font's atlas; plain_text() draws it
//   set_field()      a form's fixed text field set from a string
//
// recorded_items() is cleared by KioskApp at the start of every frame.

#include <imgui.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace shogo::ui {

struct Fonts {
  ImFont* ui = nullptr;     // IPAexGothic, body text
  ImFont* title = nullptr;  // IPAexGothic, large
  ImFont* name = nullptr;   // IPAmj Mincho, residents' and users' names
};
Fonts& fonts();

struct ItemRecord {
  std::string label;  // visible text, without any "##id" suffix
  ImVec2 min, max;
  bool enabled = true;
  bool primary = false;  // a screen's primary action (in the action bar)
  // Where the item's window shows it: an item outside is scrolled out of view.
  ImVec2 clip_min{-1e9f, -1e9f}, clip_max{1e9f, 1e9f};
};
std::vector<ItemRecord>& recorded_items();
void record_last_item(std::string_view label, bool enabled = true);

bool button(const char* label, ImVec2 size = ImVec2(0, 0), bool enabled = true);
// A selectable row showing a name (and a suffix such as the role), both in
// the name font. Recorded as "user:<id>".
bool selectable_name(const std::string& id, std::string_view name_utf8, bool selected,
                     std::string_view suffix);
void name_text(std::string_view name_utf8);  // PushFont(name) + encoded text
// name_text() wrapped to the column or content width by the Japanese rules
// (text_layout.hpp), for a table cell that may hold a name: 「利用者：髙木 誠」.
void wrapped_name_text(std::string_view name_utf8);
void error_text(const char* message);
// Text that comes from data rather than the catalog (not a person's name):
// its characters are noted for the atlas like tr()'s.
const char* noted(const std::string& text);
void plain_text(const std::string& text);
void watermark(std::string_view text_utf8);
// Zeroes ImGui's own copy of the active text field (its text, initial text and
// undo buffer): called as soon as a passphrase has been taken from the field.
void wipe_text_input_state();
// The same without taking the keyboard from whatever is active now: for a
// field no longer edited (text_entry.cpp).
void wipe_text_input_buffers();
// Puts `text` into a form's fixed text field (not secret), cut to fit.
template <std::size_t N>
void set_field(std::array<char, N>& field, const std::string& text) {
  field.fill('\0');
  std::memcpy(field.data(), text.data(), std::min(text.size(), N - 1));
}

}  // namespace shogo::ui
