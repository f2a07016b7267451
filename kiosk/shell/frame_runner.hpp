#pragma once
// run_frame — one frame of the kiosk, the same in the real window and in the
// headless harness.
//
// The atlas holds only the characters in use, so a frame that meets a new
// character (a name scrolled into view, the other language) is drawn again
// after the atlas is rebuilt, before anything is shown: no frame with a "?"
// ever reaches the screen. Intents of every attempt are kept (a click is
// seen once: ImGui reports it in the first attempt only).

#include <functional>

#include "kiosk/shell/font_book.hpp"
#include "kiosk/ui/kiosk_app.hpp"
#include "storage/base/result.hpp"

namespace shogo::shell {

struct FrameHooks {
  std::function<void()> backend_new_frame;  // ImGui_ImplXxx_NewFrame(); may be empty
  std::function<void()> fonts_rebuilt;      // re-upload the font texture; may be empty
  std::function<void()> after_new_frame;    // tests: start capturing; may be empty
  std::function<void()> before_render;      // tests: stop capturing; may be empty
};

struct FrameResult {
  ui::Intents intents;
  int attempts = 0;  // 1 normally; 2 when new characters were met
};

[[nodiscard]] Result<FrameResult> run_frame(ui::KioskApp& app, FontBook& fonts,
                                            const ui::FrameInput& input, const FrameHooks& hooks);

}  // namespace shogo::shell
