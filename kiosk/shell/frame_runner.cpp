#include "kiosk/shell/frame_runner.hpp"

#include <imgui.h>

namespace shogo::shell {

Result<FrameResult> run_frame(ui::KioskApp& app, FontBook& fonts, const ui::FrameInput& input,
                              const FrameHooks& hooks) {
  FrameResult result;
  constexpr int kMaxAttempts = 3;  // a second attempt sees every character of the first
  for (;;) {
    ui::GlyphRegistry& registry = ui::glyphs();
    // The signed-in user's text size: the atlas is built again at its sizes.
    const bool rescale = fonts.scale() != app.text_scale();
    if (rescale) fonts.set_scale(app.text_scale());
    if (registry.changed() || rescale) {
      if (auto s = fonts.rebuild(*ImGui::GetIO().Fonts, registry); !s) return s.error();
      if (hooks.fonts_rebuilt) hooks.fonts_rebuilt();
    }
    ++result.attempts;
    if (hooks.backend_new_frame) hooks.backend_new_frame();
    ImGui::NewFrame();
    if (hooks.after_new_frame) hooks.after_new_frame();
    app.begin_frame(input);
    ui::Intents intents = app.draw(input);
    result.intents.insert(result.intents.end(), intents.begin(), intents.end());
    if (hooks.before_render) hooks.before_render();
    ImGui::Render();
    if (!registry.changed() || result.attempts >= kMaxAttempts) break;
  }
  return result;
}

}  // namespace shogo::shell
