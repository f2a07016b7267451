#include <catch2/catch.hpp>
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "kiosk/ui/theme.hpp"

using namespace shogo::ui;

namespace {

std::vector<theme::ContrastPair> all_pairs(const ImGuiStyle& style) {
  std::vector<theme::ContrastPair> pairs = theme::text_pairs(style);
  const std::vector<theme::ContrastPair> parts = theme::component_pairs(style);
  pairs.insert(pairs.end(), parts.begin(), parts.end());
  return pairs;
}

// Rounded down to 2 decimals, as a ratio is quoted: 4.499 is not "4.5:1".
double quoted(double ratio) { return std::floor(ratio * 100.0) / 100.0; }

// What the kiosk's style must meet, as sentences: empty when it does.
std::vector<std::string> violations(const ImGuiStyle& style) {
  std::vector<std::string> out;
  for (const theme::ContrastPair& p : all_pairs(style)) {
    const double ratio = quoted(theme::contrast_ratio(p.fg, p.bg));
    if (ratio < theme::required_ratio(p.kind)) {
      out.push_back(std::string(p.name) + ": " + std::to_string(ratio));
    }
  }
  const float button = theme::kBodySize + 2.0f * style.FramePadding.y;
  if (button < theme::kMinTarget) out.emplace_back("button height " + std::to_string(button));
  if (style.FrameBorderSize < 1.0f) out.emplace_back("no field outline");
  if (style.ScrollbarSize < 16.0f)
    out.push_back("scrollbar " + std::to_string(style.ScrollbarSize));
  if (style.FrameRounding < 4.0f || style.FrameRounding > 8.0f) {
    out.push_back("frame rounding " + std::to_string(style.FrameRounding));
  }
  return out;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string s;
  for (const std::string& l : lines) s += l + "\n";
  return s;
}

// A headless ImGui context with ImGui's own font at the body size and the
// theme's style: line height is the font size whatever the face, so the
// frames measured here are the kiosk's.
struct ThemedContext {
  ImGuiContext* context = ImGui::CreateContext();
  ThemedContext() {
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    io.DisplaySize = ImVec2(1280, 800);
    io.DeltaTime = 1.0f / 60.0f;
    ImFontConfig font;
    font.SizePixels = theme::kBodySize;
    io.Fonts->AddFontDefault(&font);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);
    theme::apply(ImGui::GetStyle());
  }
  ~ThemedContext() { ImGui::DestroyContext(context); }
  ThemedContext(const ThemedContext&) = delete;
  ThemedContext& operator=(const ThemedContext&) = delete;
};

bool drew_colour(const ImDrawList& list, ImU32 colour) {
  return std::any_of(list.VtxBuffer.begin(), list.VtxBuffer.end(),
                     [&](const ImDrawVert& v) { return v.col == colour; });
}

}  // namespace

TEST_CASE("the contrast ratio is WCAG 2.x's", "[theme]") {
  CHECK(theme::contrast_ratio(theme::kWhite, theme::kBlack) == Approx(21.0));
  CHECK(theme::contrast_ratio(theme::kBlack, theme::kWhite) == Approx(21.0));
  CHECK(theme::contrast_ratio(theme::kGray50, theme::kGray50) == Approx(1.0));
  CHECK(theme::contrast_ratio(theme::kGray536, theme::kWhite) == Approx(4.54).margin(0.01));
  CHECK(theme::contrast_ratio(theme::kGray420, theme::kWhite) == Approx(3.03).margin(0.01));
  CHECK(theme::relative_luminance(theme::rgb(0xff0000)) == Approx(0.2126));
  CHECK(theme::relative_luminance(theme::rgb(0x808080)) == Approx(0.2159).margin(0.0001));
  // Blending: half black on white is mid grey; an opaque colour hides what is below.
  CHECK(theme::over(theme::rgb(0x000000, 0x80), theme::kWhite) == theme::rgb(0x7f7f7f));
  CHECK(theme::over(theme::kBlue900, theme::kWhite) == theme::kBlue900);
  CHECK(theme::faded(theme::kText, 0.6f) == theme::rgb(0x333333, 153));
}

TEST_CASE("every text colour of the theme is 4.5 to 1 on its background", "[theme]") {
  ImGuiStyle style;
  theme::apply(style);
  double lowest = 21.0;
  for (const theme::ContrastPair& p : theme::text_pairs(style)) {
    INFO(p.name << " (needs " << theme::required_ratio(p.kind) << ")");
    const double ratio = quoted(theme::contrast_ratio(p.fg, p.bg));
    CHECK(ratio >= theme::required_ratio(p.kind));
    if (p.kind == theme::PairKind::text) lowest = std::min(lowest, ratio);
  }
  CHECK(lowest >= 4.5);
  CHECK(theme::text_pairs().size() == theme::text_pairs(style).size());
}

TEST_CASE("disabled text, the focus ring and outlines are 3 to 1", "[theme]") {
  ImGuiStyle style;
  theme::apply(style);
  int disabled = 0;
  for (const theme::ContrastPair& p : theme::text_pairs(style)) {
    if (p.kind != theme::PairKind::disabled) continue;
    ++disabled;
    INFO(p.name);
    CHECK(quoted(theme::contrast_ratio(p.fg, p.bg)) >= 3.0);
  }
  CHECK(disabled >= 3);
  for (const theme::ContrastPair& p : theme::component_pairs(style)) {
    INFO(p.name);
    CHECK(p.kind == theme::PairKind::non_text);
    CHECK(quoted(theme::contrast_ratio(p.fg, p.bg)) >= 3.0);
  }
  // One colour alone is not seen on both: the ring needs both halves.
  CHECK(theme::contrast_ratio(theme::kFocus, theme::kPrimary) < 3.0);
  CHECK(theme::contrast_ratio(theme::kFocusHalo, theme::kBackground) < 3.0);
}

TEST_CASE("the theme meets every rule and ImGui's StyleColorsLight does not", "[theme]") {
  ImGuiStyle kiosk;
  theme::apply(kiosk);
  INFO(joined(violations(kiosk)));
  CHECK(violations(kiosk).empty());

  ImGuiStyle light;
  ImGui::StyleColorsLight(&light);
  const std::vector<std::string> found = violations(light);
  INFO("StyleColorsLight:\n" << joined(found));
  CHECK_FALSE(found.empty());
  const auto has = [&](const std::string& start) {
    return std::any_of(found.begin(), found.end(),
                       [&](const std::string& v) { return v.rfind(start, 0) == 0; });
  };
  CHECK(has("button height"));             // 20 + 2 × 3 = 26 px
  CHECK(has("TextDisabled on WindowBg"));  // #999999 on #f0f0f0
  CHECK(has("FrameBg against WindowBg"));  // a white field on a near-white page
  CHECK(has("NavHighlight against WindowBg"));
}

TEST_CASE("the colours views used before the theme, and the roles that replace them", "[theme]") {
  const ImU32 demo_orange = ImGui::ColorConvertFloat4ToU32(ImVec4(0.85f, 0.35f, 0.0f, 1.0f));
  const ImU32 good_green = ImGui::ColorConvertFloat4ToU32(ImVec4(0.1f, 0.5f, 0.1f, 1.0f));
  const ImU32 error_red = IM_COL32(200, 30, 30, 255);
  CHECK(theme::contrast_ratio(demo_orange, theme::kWhite) < 4.5);  // [DEMO]: 3.9
  CHECK(theme::contrast_ratio(theme::kWarning, theme::kWhite) >= 4.5);
  CHECK(theme::contrast_ratio(good_green, theme::kWhite) >= 4.5);  // passed, off-palette
  CHECK(theme::contrast_ratio(theme::kSuccess, theme::kWhite) >= 4.5);
  CHECK(theme::contrast_ratio(error_red, theme::kWhite) >= 4.5);
  CHECK(theme::contrast_ratio(theme::kError, theme::kWhite) >= 4.5);
}

TEST_CASE("every click target is at least 44 px high with the body font", "[theme]") {
  ImGuiStyle style;
  theme::apply(style);
  // ImGui 1.86's frame height: the font size and FramePadding.y twice.
  CHECK(theme::kBodySize + 2.0f * style.FramePadding.y >= theme::kMinTarget);
  CHECK(theme::kActionBarHeight >= theme::kMinTarget + 2.0f * 8.0f);
  CHECK(style.ScrollbarSize >= 16.0f);
  CHECK(style.GrabMinSize >= theme::kMinTarget);

  ThemedContext themed;
  ImGui::NewFrame();
  ImGui::Begin("measure");
  CHECK(ImGui::GetFontSize() == theme::kBodySize);
  CHECK(ImGui::GetFrameHeight() >= theme::kMinTarget);
  ImGui::Button("OK");
  const ImVec2 button = ImGui::GetItemRectSize();
  bool ticked = false;
  ImGui::Checkbox("tick", &ticked);
  const ImVec2 checkbox = ImGui::GetItemRectSize();
  char text[16] = {};
  ImGui::InputText("##field", text, sizeof text);
  const ImVec2 field = ImGui::GetItemRectSize();
  ImGui::Selectable("bare row");
  const ImVec2 bare = ImGui::GetItemRectSize();
  ImGui::Selectable("row", false, 0, ImVec2(0, theme::kSelectableHeight));
  const ImVec2 row = ImGui::GetItemRectSize();
  ImGui::End();
  ImGui::EndFrame();

  CHECK(button.y == theme::kMinTarget);
  CHECK(checkbox.y >= theme::kMinTarget);
  CHECK(field.y >= theme::kMinTarget);
  CHECK(row.y >= theme::kMinTarget);
  // What ImGui does unasked: a Selectable is its text and ItemSpacing.y.
  CHECK(bare.y == theme::kBodySize + style.ItemSpacing.y);
  CHECK(bare.y < theme::kMinTarget);
}

TEST_CASE("a primary button pushes and pops its colours in pairs", "[theme]") {
  ThemedContext themed;
  ImGui::NewFrame();
  ImGui::Begin("primary");
  const ImVec4 before = ImGui::GetStyleColorVec4(ImGuiCol_Button);
  theme::push_primary_button();
  CHECK(ImGui::GetColorU32(ImGuiCol_Button) == theme::kPrimary);
  CHECK(ImGui::GetColorU32(ImGuiCol_Text) == theme::kOnPrimary);
  ImGui::Button("OK");
  theme::pop_primary_button();
  theme::push_primary_button(false);
  CHECK(ImGui::GetColorU32(ImGuiCol_Button) == theme::kHover);
  theme::pop_primary_button();
  const ImVec4 after = ImGui::GetStyleColorVec4(ImGuiCol_Button);
  CHECK(after.x == before.x);
  CHECK(after.z == before.z);
  ImGui::End();
  ImGui::EndFrame();
}

TEST_CASE("the focus ring is drawn in both colours around the nav item", "[theme]") {
  ThemedContext themed;
  ImGuiContext& g = *ImGui::GetCurrentContext();
  ImGui::NewFrame();
  ImGui::Begin("nav");
  ImGui::Button("first");
  ImGui::SetFocusID(ImGui::GetItemID(), ImGui::GetCurrentWindow());
  ImGui::End();
  ImGui::EndFrame();

  ImGui::NewFrame();
  g.NavDisableHighlight = false;  // as an arrow key would (the mouse hides it)
  ImGui::Begin("nav");
  ImGui::Button("first");
  const ImVec2 min = ImGui::GetItemRectMin();
  const ImVec2 max = ImGui::GetItemRectMax();
  const ImDrawList& window_list = *ImGui::GetWindowDrawList();
  ImGui::End();
  theme::draw_nav_focus_halo();
  ImGui::Render();
  CHECK(drew_colour(window_list, theme::kFocus));  // ImGui's own ring
  const ImDrawList& front = *ImGui::GetForegroundDrawList();
  CHECK(drew_colour(front, theme::kFocusHalo));
  // The halo lies round the button (its corners rounded as the button's),
  // out to where ImGui's ring starts, 3 px away.
  const float r = ImGui::GetStyle().FrameRounding;
  ImVec2 lo(1e9f, 1e9f), hi(-1e9f, -1e9f);
  for (const ImDrawVert& v : front.VtxBuffer) {
    if (v.col != theme::kFocusHalo) continue;
    CHECK_FALSE(
        (v.pos.x > min.x + r && v.pos.x < max.x - r && v.pos.y > min.y + r && v.pos.y < max.y - r));
    lo = ImVec2(std::min(lo.x, v.pos.x), std::min(lo.y, v.pos.y));
    hi = ImVec2(std::max(hi.x, v.pos.x), std::max(hi.y, v.pos.y));
  }
  CHECK(lo.x <= min.x - 2.0f);
  CHECK(lo.y <= min.y - 2.0f);
  CHECK(hi.x >= max.x + 2.0f);
  CHECK(hi.y >= max.y + 2.0f);

  ImDrawList list(ImGui::GetDrawListSharedData());
  list._ResetForNewFrame();
  list.PushClipRectFullScreen();
  theme::draw_focus_ring(list, ImVec2(10, 10), ImVec2(100, 54));
  CHECK(drew_colour(list, theme::kFocus));
  CHECK(drew_colour(list, theme::kFocusHalo));
}
