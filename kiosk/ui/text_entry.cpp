#include "kiosk/ui/text_entry.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "crypto/secure_buffer.hpp"
#include "kiosk/ime/composer.hpp"
#include "kiosk/ui/glyph_registry.hpp"
#include "kiosk/ui/i18n.hpp"
#include "kiosk/ui/page.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace shogo::ui {

namespace {

// The kiosk's one composition: one field is edited at a time.
struct Entry {
  std::unique_ptr<ime::KanaConverter> converter;
  std::unique_ptr<ime::Composer> composer;
  ImGuiID owner = 0;  // the field the composition belongs to
  char* owner_buffer = nullptr;
  std::size_t owner_capacity = 0;
  int owner_cursor = 0;    // its caret, a byte offset, as of its last frame
  int seen_frame = -1;     // the last frame the owner was drawn
  ImGuiID refocus = 0;     // the mode button was clicked: this field takes the keyboard back
  ImGuiID left = 0;        // the field last left, whose caret owner_cursor still is
  int resume_cursor = -1;  // ... with its caret where it was (ImGui forgot it: wiped)

  ime::Composer& get() {
    if (!composer) {
      // Anthy missing (its dictionary): kana are still typed, nothing converts.
      if (auto c = ime::KanaConverter::open(); c) converter = std::move(*c);
      composer = std::make_unique<ime::Composer>(converter.get(), /*bmp_only=*/true);
    }
    return *composer;
  }
};

Entry& entry() {
  static Entry e;
  return e;
}

bool extra_pressed(int index, bool repeat = false) {
  return index >= 0 && index < 512 && ImGui::IsKeyPressed(index, repeat);
}

bool pressed(ImGuiKey key, bool repeat) {
  const int index = ImGui::GetKeyIndex(key);
  return index >= 0 && ImGui::IsKeyPressed(index, repeat);
}

// The part of `text` that fits in `room` bytes, cut at a character boundary.
std::size_t fitting(const std::string& text, std::size_t room) {
  if (text.size() <= room) return text.size();
  std::size_t n = room;
  while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
  return n;
}

// Zeroes ImGui's copy of a field no longer edited (another may be by now).
void wipe_state_of(ImGuiID id) {
  ImGuiContext* g = ImGui::GetCurrentContext();
  if (g == nullptr || g->InputTextState.ID != id || g->ActiveId == id) return;
  wipe_text_input_buffers();
}

// The field was left (a click elsewhere, Tab) with something composed: it is
// committed into that field at its caret, never dropped.
void leave(Entry& e) {
  if (e.composer && e.composer->composing() && e.owner_buffer != nullptr) {
    std::string text = e.composer->finish();
    const std::size_t len = std::strlen(e.owner_buffer);
    const std::size_t at = std::min(static_cast<std::size_t>(std::max(e.owner_cursor, 0)), len);
    const std::size_t n = fitting(text, e.owner_capacity - 1 - len);
    std::memmove(e.owner_buffer + at + n, e.owner_buffer + at, len - at + 1);
    std::memcpy(e.owner_buffer + at, text.data(), n);
    crypto::wipe_text(text);
    e.owner_cursor = static_cast<int>(at + n);
  }
  if (e.composer) e.composer->clear();
  wipe_state_of(e.owner);
  e.left = e.owner;
  e.owner = 0;
  e.owner_buffer = nullptr;
}

// Characters and keys of this frame through the composer. What it commits
// and the characters it leaves to the field go into `insert`, in the order
// typed. Returns true when it consumed a key (the field must not see it).
bool route(ime::Composer& c, std::string& insert) {
  ImGuiIO& io = ImGui::GetIO();
  const ExtraKeys& extra = extra_keys();
  bool consumed = false;
  const bool toggled = extra_pressed(extra.toggle_mode);
  if (toggled) {
    insert += c.key(ime::Key::toggle_mode).commit;
    consumed = true;
  }
  if (c.mode() == ime::Mode::kana) {
    for (const ImWchar w : io.InputQueueCharacters) {
      if (toggled && w == '`') continue;  // 半角/全角 on a US key map
      if (w < 0x20 || w >= 0x7F) {        // not a romaji key: what is composed goes first
        if (c.composing()) insert += c.finish();
        append_utf8(insert, w);
        continue;
      }
      const char ch = static_cast<char>(w);
      ime::KeyResult r;
      if (ch == ' ' && c.composing()) {
        r = c.key(ime::Key::space);
      } else if (c.list_open() && ch >= '1' && ch <= '9') {
        r = c.pick(ch - '0');
      } else {
        r = c.type(ch);
      }
      insert += r.commit;
      if (!r.consumed) insert.push_back(ch);
    }
    io.InputQueueCharacters.resize(0);  // all of them reach the field through `insert`
  }
  const bool shift = io.KeyShift;
  struct Binding {
    bool down;
    ime::Key key;
  };
  const Binding keys[] = {
      {pressed(ImGuiKey_Backspace, true), ime::Key::backspace},
      {pressed(ImGuiKey_Escape, false), ime::Key::escape},
      {pressed(ImGuiKey_Enter, false) || pressed(ImGuiKey_KeyPadEnter, false), ime::Key::enter},
      {pressed(ImGuiKey_LeftArrow, true), shift ? ime::Key::shift_left : ime::Key::left},
      {pressed(ImGuiKey_RightArrow, true), shift ? ime::Key::shift_right : ime::Key::right},
      {pressed(ImGuiKey_UpArrow, true), ime::Key::up},
      {pressed(ImGuiKey_DownArrow, true), ime::Key::down},
      {extra_pressed(extra.convert), ime::Key::convert},
      {extra_pressed(extra.no_convert), ime::Key::no_convert},
      {extra_pressed(extra.f7), ime::Key::katakana},
  };
  for (const Binding& b : keys) {
    if (!b.down) continue;
    ime::KeyResult r = c.key(b.key);
    if (r.consumed) {
      consumed = true;
      insert += r.commit;
    }
  }
  return consumed;
}

// What the field's callback sees and reports back.
struct Exchange {
  const std::string* insert = nullptr;
  int resume_cursor = -1;  // where the caret goes first (the field given back its keyboard)
  int cursor = 0;          // caret, a byte offset
  ImVec2 scroll;           // how far the field's text is scrolled
  bool multiline = false;
};

int on_field(ImGuiInputTextCallbackData* d) {
  auto* x = static_cast<Exchange*>(d->UserData);
  if (x->resume_cursor >= 0) {
    d->CursorPos = std::min(x->resume_cursor, d->BufTextLen);
    d->SelectionStart = d->SelectionEnd = d->CursorPos;
    x->resume_cursor = -1;
  }
  if (x->insert != nullptr && !x->insert->empty()) {
    if (d->HasSelection()) {  // typing replaces a selection, as in any field
      const int a = std::min(d->SelectionStart, d->SelectionEnd);
      d->DeleteChars(a, std::abs(d->SelectionEnd - d->SelectionStart));
      d->CursorPos = a;
      d->SelectionStart = d->SelectionEnd = a;
    }
    const std::string& s = *x->insert;
    const std::size_t n = fitting(s, static_cast<std::size_t>(d->BufSize - 1 - d->BufTextLen));
    d->InsertChars(d->CursorPos, s.data(), s.data() + n);
    x->insert = nullptr;
  }
  x->cursor = d->CursorPos;
  ImGuiContext& g = *ImGui::GetCurrentContext();
  x->scroll.x = g.InputTextState.ID == g.ActiveId ? g.InputTextState.ScrollX : 0.0f;
  // Multiline: this runs inside the field's child window, scrolled down.
  x->scroll.y = x->multiline ? ImGui::GetCurrentWindow()->Scroll.y : 0.0f;
  return 0;
}

// The pre-edit at the caret: each segment its chosen candidate, the one being
// converted underlined thick, the others thin; kept inside the field.
void draw_preedit(const ime::Composer& c, ImVec2 caret, ImVec2 field_min, ImVec2 field_max,
                  float& segment_x) {
  const ime::Composer::Preedit p = c.preedit();
  if (p.parts.empty()) return;
  ImFont* font = ImGui::GetFont();
  const float size = ImGui::GetFontSize();
  float total = 0;
  std::vector<float> widths;
  for (const std::string& part : p.parts) {
    glyphs().note_ui_text(part);
    widths.push_back(font->CalcTextSizeA(size, 1e9f, 0.0f, part.c_str()).x);
    total += widths.back();
  }
  const float pad = ImGui::GetStyle().FramePadding.x;
  float x = caret.x;
  if (x + total > field_max.x - pad) x = std::max(field_min.x + pad, field_max.x - pad - total);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect(field_min, field_max, true);
  dl->AddRectFilled(ImVec2(x - 1, caret.y), ImVec2(x + total + 2, caret.y + size + 3),
                    theme::kPreeditBackground);
  segment_x = x;
  for (std::size_t i = 0; i < p.parts.size(); ++i) {
    const bool current = static_cast<int>(i) == p.current;
    if (current) segment_x = x;
    dl->AddText(font, size, ImVec2(x, caret.y), ImGui::GetColorU32(ImGuiCol_Text),
                p.parts[i].c_str());
    const float y = caret.y + size + 1;
    const float thick = current || p.current < 0 ? 2.5f : 1.0f;
    dl->AddLine(ImVec2(x + 1, y), ImVec2(x + widths[i] - 2, y), theme::kPreeditUnderline, thick);
    x += widths[i];
  }
  // The caret after the pre-edit: where the next letter goes.
  dl->AddLine(ImVec2(x + 1, caret.y), ImVec2(x + 1, caret.y + size),
              ImGui::GetColorU32(ImGuiCol_Text), 1.0f);
  dl->PopClipRect();
}

// "異体字 U+9089" for a candidate holding a registry variant (邉), which at
// this size looks like its neighbours (邊); empty for any other.
std::string variant_note(const std::string& candidate) {
  std::string note;
  for (const NameUnit unit : split_units(candidate)) {
    const bool variant =
        std::any_of(std::begin(ime::kVariants), std::end(ime::kVariants), [&](auto& v) {
          const std::u32string cp = decode_utf8(v.second);
          return cp.size() == 1 && cp[0] == unit.base;
        });
    if (!variant) continue;
    note += note.empty() ? std::string(tr("variant")) + " " : std::string(" ");
    note += code_point_label(unit);
  }
  return note;
}

// The candidate list next to the caret: numbered (1–9 pick), the chosen one
// marked, below the line, or above it where the screen ends; never off screen.
void draw_candidates(const ime::Composer& c, ImVec2 at, float line_bottom) {
  if (!c.list_open()) return;
  const auto& cands = c.candidates();
  const int first = c.page_start();
  const int last = std::min(first + ime::kCandidatesPerPage, static_cast<int>(cands.size()));
  const ImGuiStyle& style = ImGui::GetStyle();
  float width = 0;
  std::vector<std::string> notes;
  const float gap = ImGui::GetStyle().ItemSpacing.x * 2;
  for (int i = first; i < last; ++i) {
    const std::string& cand = cands[static_cast<std::size_t>(i)];
    glyphs().note_ui_text(cand);
    notes.push_back(variant_note(cand));
    glyphs().note_ui_text(notes.back());
    float w = ImGui::CalcTextSize(cand.c_str()).x;
    if (!notes.back().empty()) w += gap + ImGui::CalcTextSize(notes.back().c_str()).x;
    width = std::max(width, w);
  }
  const float row = ImGui::GetTextLineHeightWithSpacing();
  const float number_w = ImGui::CalcTextSize("9  ").x;
  const ImVec2 size(number_w + width + style.WindowPadding.x * 2 + 8,
                    row * static_cast<float>(last - first + 1) + style.WindowPadding.y * 2);
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImVec2 pos(at.x - style.WindowPadding.x - number_w, line_bottom + 4);
  if (pos.y + size.y > display.y) pos.y = at.y - 6 - size.y;  // above the line
  pos.x = std::clamp(pos.x, 0.0f, std::max(0.0f, display.x - size.x));
  pos.y = std::clamp(pos.y, 0.0f, std::max(0.0f, display.y - size.y));
  ImGui::SetNextWindowPos(pos);
  ImGui::BeginTooltip();
  for (int i = first; i < last; ++i) {
    const bool chosen = i == c.chosen();
    const std::string number = std::to_string(i - first + 1);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    if (chosen) {
      ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x - 4, p.y - 1),
                                                ImVec2(p.x + number_w + width + 8, p.y + row - 1),
                                                theme::kCandidateChosen);
    }
    ImGui::TextDisabled("%s", number.c_str());
    ImGui::SameLine();
    ImGui::SetCursorScreenPos(ImVec2(p.x + number_w, p.y));
    ImGui::TextUnformatted(cands[static_cast<std::size_t>(i)].c_str());
    if (const std::string& note = notes[static_cast<std::size_t>(i - first)]; !note.empty()) {
      ImGui::SameLine(0, gap);
      ImGui::TextDisabled("%s", note.c_str());
    }
  }
  const std::string count = std::to_string(c.chosen() + 1) + " / " + std::to_string(cands.size());
  ImGui::TextDisabled("%s", noted(count));
  ImGui::EndTooltip();
}

bool field(const char* id, char* buffer, std::size_t capacity, ImVec2 size, int flags,
           bool multiline) {
  Entry& e = entry();
  const ImGuiID iid = ImGui::GetID(id);
  const bool active = ImGui::GetActiveID() == iid;
  if (e.owner != 0 && e.owner != iid && active) leave(e);  // another field's composition
  if (e.owner == iid && !active) leave(e);                 // this field was left
  if (e.refocus == iid) {
    ImGui::SetKeyboardFocusHere();
    e.refocus = 0;
  }
  ime::Composer& c = e.get();
  std::string insert;
  bool block = false;
  if (active) {
    e.owner = iid;
    e.owner_buffer = buffer;
    e.owner_capacity = capacity;
    e.seen_frame = ImGui::GetFrameCount();
    const bool composing_before = c.composing();
    block = route(c, insert) || composing_before || c.composing();
  }
  // While composing, the field sees no key: ImGui 1.86 asks for each through
  // io.KeyMap, where an index of -1 is never pressed, and takes Enter a second
  // time as the keyboard navigation's "input" (NavInputs, read before us).
  ImGuiIO& io = ImGui::GetIO();
  std::array<int, ImGuiKey_COUNT> saved{};
  std::array<float, ImGuiNavInput_COUNT> saved_nav{};
  if (block) {
    std::copy(std::begin(io.KeyMap), std::end(io.KeyMap), saved.begin());
    std::fill(std::begin(io.KeyMap), std::end(io.KeyMap), -1);
    std::copy(std::begin(io.NavInputsDownDuration), std::end(io.NavInputsDownDuration),
              saved_nav.begin());
    std::fill(std::begin(io.NavInputsDownDuration), std::end(io.NavInputsDownDuration), -1.0f);
  }
  Exchange x;
  x.insert = &insert;
  if (active && e.resume_cursor >= 0) x.resume_cursor = std::exchange(e.resume_cursor, -1);
  x.multiline = multiline;
  flags |= ImGuiInputTextFlags_CallbackAlways | ImGuiInputTextFlags_NoUndoRedo;
  const bool result =
      multiline ? ImGui::InputTextMultiline(id, buffer, capacity, size, flags, on_field, &x)
                : (ImGui::SetNextItemWidth(size.x),
                   ImGui::InputText(id, buffer, capacity, flags, on_field, &x));
  if (block) {
    std::copy(saved.begin(), saved.end(), std::begin(io.KeyMap));
    std::copy(saved_nav.begin(), saved_nav.end(), std::begin(io.NavInputsDownDuration));
  }
  crypto::wipe_text(insert);
  const ImVec2 field_min = ImGui::GetItemRectMin();
  const ImVec2 field_max = ImGui::GetItemRectMax();
  record_last_item(std::strncmp(id, "##", 2) == 0 ? id + 2 : id);
  glyphs().note_ui_text(buffer);  // a character new to the atlas: drawn after the rebuild
  if (ImGui::GetActiveID() == iid) {
    e.owner_cursor = x.cursor;
    // While composing the arrows are the composer's: keyboard navigation
    // (read at the start of the next frame) must not move the focus out of
    // the field. Otherwise ↑ ↓ leave a one-line field, as ImGui has it.
    ImGuiContext& g = *ImGui::GetCurrentContext();
    constexpr ImU32 kUpDown = (1 << ImGuiDir_Up) | (1 << ImGuiDir_Down);
    if (c.composing()) {
      g.ActiveIdUsingNavDirMask |= kUpDown | (1 << ImGuiDir_Left) | (1 << ImGuiDir_Right);
    } else if (!multiline) {
      g.ActiveIdUsingNavDirMask &= ~kUpDown;
    }
    if (c.composing()) {
      // The caret on screen: the width of its line up to it.
      const char* line = buffer;
      int lines = 0;
      for (const char* p = buffer; p < buffer + x.cursor; ++p) {
        if (*p == '\n') line = p + 1, ++lines;
      }
      const ImVec2 pad = ImGui::GetStyle().FramePadding;
      ImVec2 caret(field_min.x + pad.x - x.scroll.x, field_min.y + pad.y - x.scroll.y);
      caret.x += ImGui::CalcTextSize(line, buffer + x.cursor).x;
      caret.y += static_cast<float>(lines) * ImGui::GetFontSize();
      float segment_x = caret.x;
      draw_preedit(c, caret, field_min, field_max, segment_x);
      // Below the line typed on: the field's bottom edge, or in several lines the caret's.
      const float line_bottom = multiline ? caret.y + ImGui::GetFontSize() + 4 : field_max.y;
      draw_candidates(c, ImVec2(segment_x, caret.y), line_bottom);
    }
  }
  // The mode, always beside the field; a click switches it and gives the
  // keyboard back to the field.
  ImGui::SameLine();
  const bool kana = c.mode() == ime::Mode::kana;
  std::string label = kana ? tr("Kana input") : tr("Latin input");
  label += "##mode";
  label += id;
  ImGui::PushStyleColor(ImGuiCol_Button, kana ? theme::kModeKana : theme::kModeLatin);
  if (button(label.c_str())) {
    (void)c.key(ime::Key::toggle_mode);  // the field was left: nothing is composed now
    e.refocus = iid;
    e.resume_cursor = e.left == iid ? e.owner_cursor : static_cast<int>(capacity);  // else its end
  }
  ImGui::PopStyleColor();
  return result;
}

}  // namespace

bool japanese_field(const char* id, char* buffer, std::size_t capacity, float width, int flags) {
  return field(id, buffer, capacity, ImVec2(width, 0), flags, false);
}

bool japanese_text_area(const char* id, char* buffer, std::size_t capacity, ImVec2 size) {
  return field(id, buffer, capacity, size, 0, true);
}

void forget_text_entry() {
  Entry& e = entry();
  if (e.composer) e.composer->clear();  // wipes; Anthy's context is reset
  e.owner = 0;
  e.owner_buffer = nullptr;
  e.refocus = 0;
}

void end_text_entry_frame() {
  Entry& e = entry();
  if (e.owner != 0 && e.seen_frame != ImGui::GetFrameCount()) forget_text_entry();
}

const ime::Composer* text_entry_composer() { return entry().composer.get(); }

bool text_entry_composing() { return entry().composer && entry().composer->composing(); }

bool text_entry_kana_mode() {
  return !entry().composer || entry().composer->mode() == ime::Mode::kana;
}

}  // namespace shogo::ui
