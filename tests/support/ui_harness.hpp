#pragma once
// UiHarness — runs KioskApp through Dear ImGui with no backend, for tests.
//
//   frame()          one frame (same code path as the kiosk: shell::run_frame,
//                    real fonts through FontBook); intents are applied
//   click(label)     a real ImGui click in 1.86: a hover frame, a press frame
//                    and a release frame at the centre of the item
//   type(text)       characters into the focused input
//   press(key)       a key down for one frame, up the next (keyboard navigation on)
//   wheel(at, n)     the mouse wheel over a point
//   drawn_text()     the text of the last frame read back from its draw data
//                    (each glyph quad found by its texture coordinates), names
//                    decoded back to their code points; spaces as gaps
//   drew(s)          drawn_text() contains s (U+3000 compared as a space)
//   drew_wrapped(s)  the same, ignoring where the text wrapped
//   advance(s)       moves the fake monotonic clock
//
// One harness at a time (ImGui's context is global).

#include <imgui.h>

#include <ctime>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/shell/font_book.hpp"
#include "kiosk/ui/kiosk_app.hpp"
#include "kiosk/ui/widgets.hpp"

namespace shogo::test {

class UiHarness {
 public:
  explicit UiHarness(ImVec2 display = ImVec2(1280, 800));
  ~UiHarness();
  UiHarness(const UiHarness&) = delete;
  UiHarness& operator=(const UiHarness&) = delete;

  ui::Intents frame(ui::KioskApp& app, bool apply = true);
  void frames(ui::KioskApp& app, int n);
  // Returns false (and draws nothing more) when no item has this label.
  bool click(ui::KioskApp& app, std::string_view label);
  void type(ui::KioskApp& app, std::string_view text);
  // A key pressed (one frame) and released (the next); ImGuiKey_… names, or
  // F1 through press_f1(). Ctrl and Shift held when asked (Ctrl+A, Shift+←).
  void press(ui::KioskApp& app, ImGuiKey key, bool ctrl = false, bool shift = false);
  // A key by its io.KeysDown index: ui::extra_keys() (変換, 半角/全角, F7).
  void press_index(ui::KioskApp& app, int index, bool ctrl = false, bool shift = false);
  void press_f1(ui::KioskApp& app);
  // The mouse wheel turned `notches` over `at` (negative: down the page), one frame.
  void wheel(ui::KioskApp& app, ImVec2 at, float notches);
  void set_display(ImVec2 size) { ImGui::GetIO().DisplaySize = size; }
  void advance(double seconds) { now_ += seconds; }
  void set_wall(std::time_t wall) { wall_ = wall; }  // the clock on the wall (end of day)
  double now() const { return now_; }

  const std::string& drawn_text() const { return text_; }
  bool drew(std::string_view needle) const;
  // As drew(), with the frame's line breaks taken out first: for a sentence
  // the view wraps, wherever the window's width wraps it.
  bool drew_wrapped(std::string_view needle) const;
  const ui::ItemRecord* item(std::string_view label) const;
  const std::vector<ui::ItemRecord>& items() const { return items_; }
  const ui::Intents& last_intents() const { return intents_; }
  int last_attempts() const { return attempts_; }
  int foreground_vertices() const { return foreground_vertices_; }  // the watermark's layer
  shell::FontBook& font_book() { return *fonts_; }

 private:
  std::unique_ptr<shell::FontBook> fonts_;
  std::vector<ui::ItemRecord> items_;
  std::string text_;
  ui::Intents intents_;
  double now_ = 1000.0;
  std::time_t wall_ = 1795000000;
  int attempts_ = 0;
  int foreground_vertices_ = 0;
  bool input_ = false;
};

// One glyph quad of a frame's draw data, found by its texture coordinates.
struct DrawnGlyph {
  const ImFontGlyph* glyph = nullptr;
  const ImFont* font = nullptr;
  const ImDrawList* list = nullptr;
  ui::Code16 code = 0;  // as in the atlas (reserved codes for special name units)
  ImVec2 min, max;      // on screen
  ImVec2 origin;        // pen position (line top-left) the glyph was placed from
  ImVec4 clip;          // the clip rectangle of its draw command (x0, y0, x1, y1)
  float scale = 1.0f, size = 0.0f;
};
std::vector<DrawnGlyph> drawn_glyphs(const ImDrawData* data, bool include_overlay = false);

// Text as ImGui drew it, with reserved name codes turned back into the units
// they stand for (U+E000… → 𠮷, 葛+U+E0102, …).
std::string decode_drawn(std::string_view drawn);

}  // namespace shogo::test
