#include "tests/support/ui_harness.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <map>
#include <tuple>

#include "kiosk/shell/frame_runner.hpp"
#include "kiosk/ui/glyph_registry.hpp"
#include "kiosk/ui/i18n.hpp"
#include "kiosk/ui/page.hpp"
#include "kiosk/ui/text_layout.hpp"
#include "kiosk/ui/theme.hpp"

namespace shogo::test {

namespace {
constexpr int kF1Index = 300;  // F1's place in io.KeysDown (ImGui 1.86 has no name for it)
}  // namespace

std::string decode_drawn(std::string_view drawn) {
  std::string out;
  for (char32_t cp : ui::decode_utf8(drawn)) {
    const ui::SpecialGlyph* special =
        cp <= 0xFFFF ? ui::glyphs().special_for(static_cast<ui::Code16>(cp)) : nullptr;
    if (special != nullptr) {
      ui::append_utf8(out, special->unit.base);
      if (special->unit.selector != 0) ui::append_utf8(out, special->unit.selector);
    } else {
      ui::append_utf8(out, cp);
    }
  }
  return out;
}

UiHarness::UiHarness(ImVec2 display) {
  ui::init_i18n();
  ui::set_language(ui::Language::japanese);
  auto fonts = shell::FontBook::open(shell::default_font_paths());
  REQUIRE(fonts.ok());
  fonts_ = std::move(fonts.value());
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.LogFilename = nullptr;
  io.DisplaySize = display;
  io.DeltaTime = 1.0f / 60.0f;
  // As the shell: keyboard navigation on, named keys at their own indices.
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  for (int k = 0; k < ImGuiKey_COUNT; ++k) io.KeyMap[k] = 256 + k;
  ui::extra_keys() = {kF1Index, kF1Index + 1, kF1Index + 2, kF1Index + 3, kF1Index + 4};
  ui::theme::apply(ImGui::GetStyle());
}

UiHarness::~UiHarness() {
  ImGui::DestroyContext();
  ui::glyphs().clear();
}

namespace {
struct GlyphKey {
  float u0, v0, u1, v1;
  bool operator<(const GlyphKey& o) const {
    return std::tie(u0, v0, u1, v1) < std::tie(o.u0, o.v0, o.u1, o.v1);
  }
};
}  // namespace

std::vector<DrawnGlyph> drawn_glyphs(const ImDrawData* data, bool include_overlay) {
  std::map<GlyphKey, std::pair<const ImFontGlyph*, const ImFont*>> by_uv;
  for (const ImFont* font : ImGui::GetIO().Fonts->Fonts) {
    for (const ImFontGlyph& g : font->Glyphs) {
      if (g.Visible) by_uv.emplace(GlyphKey{g.U0, g.V0, g.U1, g.V1}, std::make_pair(&g, font));
    }
  }
  std::vector<DrawnGlyph> out;
  const ImDrawList* overlay = ImGui::GetForegroundDrawList();
  for (int l = 0; data != nullptr && l < data->CmdListsCount; ++l) {
    const ImDrawList* list = data->CmdLists[l];
    if (list == overlay && !include_overlay) continue;
    const auto& vtx = list->VtxBuffer;
    // Each vertex's clip rectangle: that of the command whose indices use it.
    std::vector<ImVec4> clip_of(static_cast<std::size_t>(vtx.Size),
                                ImVec4(-1e9f, -1e9f, 1e9f, 1e9f));
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      if (cmd.UserCallback != nullptr) continue;
      for (unsigned i = cmd.IdxOffset; i < cmd.IdxOffset + cmd.ElemCount; ++i) {
        const unsigned v = list->IdxBuffer[static_cast<int>(i)] + cmd.VtxOffset;
        if (v < clip_of.size()) clip_of[v] = cmd.ClipRect;
      }
    }
    for (int v = 0; v + 3 < vtx.Size;) {
      auto it = by_uv.find({vtx[v].uv.x, vtx[v].uv.y, vtx[v + 2].uv.x, vtx[v + 2].uv.y});
      if (it == by_uv.end()) {
        ++v;
        continue;
      }
      DrawnGlyph d;
      d.glyph = it->second.first;
      d.font = it->second.second;
      d.list = list;
      d.clip = clip_of[static_cast<std::size_t>(v)];
      d.code = static_cast<ui::Code16>(d.glyph->Codepoint);
      d.min = vtx[v].pos;
      d.max = vtx[v + 2].pos;
      const ImFontGlyph& g = *d.glyph;
      d.scale = (g.X1 > g.X0) ? (d.max.x - d.min.x) / (g.X1 - g.X0) : 1.0f;
      d.origin = ImVec2(d.min.x - g.X0 * d.scale, d.min.y - g.Y0 * d.scale);
      d.size = d.font->FontSize * d.scale;
      out.push_back(d);
      v += 4;
    }
  }
  return out;
}

namespace {

// The text of a frame, read back from the draw data itself: every glyph quad
// is found by its texture coordinates, so this is what would reach the screen
// (not what the code meant to draw). Gaps wider than 0.15 of the font size
// become a space, a new line origin becomes a newline. The foreground list
// (the watermark) is left out.

std::string text_of_draw_data(const ImDrawData* data) {
  std::string raw;
  const ImDrawList* list = nullptr;
  float line_y = -1e9f, next_x = -1e9f;
  for (const DrawnGlyph& d : drawn_glyphs(data)) {
    if (d.list != list) {
      if (list != nullptr) raw += '\n';
      list = d.list;
      line_y = next_x = -1e9f;
    }
    if (std::fabs(d.origin.y - line_y) > 0.5f) {
      if (!raw.empty() && raw.back() != '\n') raw += '\n';
    } else if (d.origin.x > next_x + d.size * 0.15f) {
      raw += ' ';
    }
    ui::append_utf8(raw, d.code);
    line_y = d.origin.y;
    next_x = d.origin.x + d.glyph->AdvanceX * d.scale;
  }
  return decode_drawn(raw);
}

std::string normalise_spaces(std::string_view text) {
  std::string out;
  for (char32_t cp : ui::decode_utf8(text)) ui::append_utf8(out, cp == 0x3000 ? U' ' : cp);
  return out;
}

}  // namespace

bool UiHarness::drew(std::string_view needle) const {
  return text_.find(normalise_spaces(needle)) != std::string::npos;
}

bool UiHarness::drew_wrapped(std::string_view needle) const {
  // A soft break drops the spaces it breaks at: compare without any.
  auto squeezed = [](std::string_view s) {
    std::string out;
    for (char c : s)
      if (c != '\n' && c != ' ') out += c;
    return out;
  };
  return squeezed(text_).find(squeezed(normalise_spaces(needle))) != std::string::npos;
}

ui::Intents UiHarness::frame(ui::KioskApp& app, bool apply) {
  shell::FrameHooks hooks;
  hooks.before_render = [this] { items_ = ui::recorded_items(); };
  const ui::FrameInput in{now_, wall_, input_};
  auto result = shell::run_frame(app, *fonts_, in, hooks);
  REQUIRE(result.ok());
  attempts_ = result->attempts;
  intents_ = result->intents;
  const ImDrawData* data = ImGui::GetDrawData();
  text_ = text_of_draw_data(data);
  // Fidelity, on every frame of every UI test: no glyph fell back (a
  // character drawn with a font whose atlas was not asked for it).
  int fallbacks = 0;
  const auto all = drawn_glyphs(data, true);
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (all[i].code != shell::kFallbackCode) continue;
    ++fallbacks;
    UNSCOPED_INFO("fallback at x " << all[i].min.x << " y " << all[i].min.y << " after U+"
                                   << std::hex << (i > 0 ? all[i - 1].code : 0) << std::dec);
  }
  // The drawn text goes into a message only when a check fails: Catch2 keeps
  // its message streams for reuse, and the memory test finds what they hold.
  if (fallbacks != 0) FAIL_CHECK("a glyph fell back; drawn: " << text_);
  // Japanese line breaking, on every frame: no drawn line opens with a
  // closing mark (。、」 …), as ImGui's own wrapping would do.
  std::size_t line_start = 0;
  while (line_start < text_.size()) {
    std::size_t end = text_.find('\n', line_start);
    if (end == std::string::npos) end = text_.size();
    const std::u32string line =
        ui::decode_utf8(std::string_view(text_).substr(line_start, end - line_start));
    // "・" opening a line is a list's bullet (designation_view's warnings).
    if (!line.empty() && line.front() != U'・' && ui::kinsoku_not_first(line.front())) {
      FAIL_CHECK(
          "a line opens with a closing mark: " << text_.substr(line_start, end - line_start));
    }
    line_start = end + 1;
  }
  foreground_vertices_ = 0;
  if (data != nullptr) {
    for (int i = 0; i < data->CmdListsCount; ++i) {
      if (data->CmdLists[i] == ImGui::GetForegroundDrawList()) {
        foreground_vertices_ = data->CmdLists[i]->VtxBuffer.Size;
      }
    }
  }
  if (apply) app.apply(intents_, in);
  input_ = false;
  now_ += 1.0 / 60.0;
  return intents_;
}

void UiHarness::press(ui::KioskApp& app, ImGuiKey key, bool ctrl, bool shift) {
  press_index(app, ImGui::GetIO().KeyMap[key], ctrl, shift);
}

void UiHarness::press_index(ui::KioskApp& app, int index, bool ctrl, bool shift) {
  ImGuiIO& io = ImGui::GetIO();
  io.KeyCtrl = ctrl;
  io.KeyShift = shift;
  io.KeysDown[index] = true;
  input_ = true;
  frame(app);
  io.KeysDown[index] = false;
  io.KeyCtrl = false;
  io.KeyShift = false;
  input_ = true;
  frame(app);
}

void UiHarness::press_f1(ui::KioskApp& app) {
  ImGuiIO& io = ImGui::GetIO();
  io.KeysDown[kF1Index] = true;
  input_ = true;
  frame(app);
  io.KeysDown[kF1Index] = false;
  input_ = true;
  frame(app);
}

void UiHarness::frames(ui::KioskApp& app, int n) {
  for (int i = 0; i < n; ++i) frame(app);
}

const ui::ItemRecord* UiHarness::item(std::string_view label) const {
  for (const auto& it : items_) {
    if (it.label == label) return &it;
  }
  return nullptr;
}

bool UiHarness::click(ui::KioskApp& app, std::string_view label) {
  const ui::ItemRecord* target = item(label);
  if (target == nullptr) return false;
  // An item its window has scrolled out of view is brought back with the
  // wheel first, as a user would; one that never shows cannot be clicked.
  for (int i = 0; i < 60; ++i) {
    const float y = (target->min.y + target->max.y) * 0.5f;
    if (y >= target->clip_min.y && y <= target->clip_max.y) break;
    if (i == 59) return false;
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2((target->clip_min.x + target->clip_max.x) * 0.5f,
                         std::max(target->clip_min.y, 0.0f) + 8.0f);
    io.MouseWheel = y > target->clip_max.y ? -1.0f : 1.0f;
    input_ = true;
    frame(app);
    target = item(label);
    if (target == nullptr) return false;
  }
  // Hover; a page still settling its layout (its first frames) may move the
  // item: the pointer follows it, as a user's eye would.
  ImGuiIO& io = ImGui::GetIO();
  for (int i = 0; i < 4; ++i) {
    const ImVec2 centre((target->min.x + target->max.x) * 0.5f,
                        (target->min.y + target->max.y) * 0.5f);
    io.MousePos = centre;
    input_ = true;
    frame(app);
    target = item(label);
    if (target == nullptr) return false;
    if (centre.x == (target->min.x + target->max.x) * 0.5f &&
        centre.y == (target->min.y + target->max.y) * 0.5f) {
      break;
    }
  }
  io.MouseDown[0] = true;  // press
  input_ = true;
  frame(app);
  io.MouseDown[0] = false;  // release: the click is reported here
  input_ = true;
  frame(app);
  return true;
}

void UiHarness::wheel(ui::KioskApp& app, ImVec2 at, float notches) {
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = at;
  io.MouseWheel = notches;
  input_ = true;
  frame(app);
}

void UiHarness::type(ui::KioskApp& app, std::string_view text) {
  ImGui::GetIO().AddInputCharactersUTF8(std::string(text).c_str());
  input_ = true;
  frame(app);
}

}  // namespace shogo::test
