#include "kiosk/ui/theme.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

namespace shogo::ui::theme {

namespace {

constexpr ImU32 kClear = rgb(0x000000, 0x00);

// Every ImGuiCol_, once (checked below): a colour left out would keep
// ImGui's dark default.
constexpr std::array<std::pair<ImGuiCol, ImU32>, ImGuiCol_COUNT> kColours{{
    {ImGuiCol_Text, kText},
    {ImGuiCol_TextDisabled, kGray600},  // placeholders and key hints: text, so 4.5:1
    {ImGuiCol_WindowBg, kBackground},
    {ImGuiCol_ChildBg, kBackground},
    {ImGuiCol_PopupBg, kBackground},
    {ImGuiCol_Border, kBorder},
    {ImGuiCol_BorderShadow, kClear},
    {ImGuiCol_FrameBg, kBackground},  // fields are white, outlined
    {ImGuiCol_FrameBgHovered, kHover},
    {ImGuiCol_FrameBgActive, kSelected},
    {ImGuiCol_TitleBg, kSurfaceStrong},
    {ImGuiCol_TitleBgActive, kSurfaceStrong},
    {ImGuiCol_TitleBgCollapsed, kSurface},
    {ImGuiCol_MenuBarBg, kSurface},  // KioskApp's action bar
    {ImGuiCol_ScrollbarBg, kSurface},
    {ImGuiCol_ScrollbarGrab, kGray500},
    {ImGuiCol_ScrollbarGrabHovered, kGray600},
    {ImGuiCol_ScrollbarGrabActive, kGray700},
    {ImGuiCol_CheckMark, kPrimary},
    {ImGuiCol_SliderGrab, kPrimary},
    {ImGuiCol_SliderGrabActive, kPrimaryPressed},
    {ImGuiCol_Button, kHover},  // DADS's secondary button: tinted, outlined
    {ImGuiCol_ButtonHovered, kSelected},
    {ImGuiCol_ButtonActive, kPressed},
    {ImGuiCol_Header, kSelected},
    {ImGuiCol_HeaderHovered, kHover},
    {ImGuiCol_HeaderActive, kPressed},
    {ImGuiCol_Separator, kDivider},
    {ImGuiCol_SeparatorHovered, kGray600},
    {ImGuiCol_SeparatorActive, kPrimary},
    {ImGuiCol_ResizeGrip, kClear},  // the kiosk's windows are not resized
    {ImGuiCol_ResizeGripHovered, kGray600},
    {ImGuiCol_ResizeGripActive, kPrimary},
    {ImGuiCol_Tab, kSurfaceStrong},
    {ImGuiCol_TabHovered, kHover},
    {ImGuiCol_TabActive, kSelected},
    {ImGuiCol_TabUnfocused, kSurface},
    {ImGuiCol_TabUnfocusedActive, kSelected},
    {ImGuiCol_PlotLines, kPrimary},
    {ImGuiCol_PlotLinesHovered, kPrimaryHover},
    {ImGuiCol_PlotHistogram, kPrimary},  // ProgressBar()'s fill
    {ImGuiCol_PlotHistogramHovered, kPrimaryHover},
    {ImGuiCol_TableHeaderBg, kSurfaceStrong},
    {ImGuiCol_TableBorderStrong, kDivider},
    {ImGuiCol_TableBorderLight, kGray200},
    {ImGuiCol_TableRowBg, kBackground},
    {ImGuiCol_TableRowBgAlt, kSurface},
    {ImGuiCol_TextSelectedBg, kPressed},
    {ImGuiCol_DragDropTarget, kYellow300},
    {ImGuiCol_NavHighlight, kFocus},
    {ImGuiCol_NavWindowingHighlight, kFocus},
    {ImGuiCol_NavWindowingDimBg, rgb(0x1a1a1a, 0x33)},
    {ImGuiCol_ModalWindowDimBg, rgb(0x1a1a1a, 0x80)},  // white dialog on 3.4:1
}};

constexpr bool each_colour_once() {
  for (int c = 0; c < ImGuiCol_COUNT; ++c) {
    if (kColours[static_cast<std::size_t>(c)].first != c) return false;
  }
  return true;
}
static_assert(each_colour_once(), "kColours lists every ImGuiCol_ once, in enum order");

constexpr int kPrimaryPushes = 5;

double channel(ImU32 colour, int shift) {
  const double c = static_cast<double>(colour >> shift & 0xFFu) / 255.0;
  return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

ImU32 blend_channel(ImU32 top, ImU32 below, int shift, float alpha) {
  const auto t = static_cast<float>(top >> shift & 0xFFu);
  const auto b = static_cast<float>(below >> shift & 0xFFu);
  return static_cast<ImU32>(std::lround(t * alpha + b * (1.0f - alpha))) << shift;
}

// A band `from`…`to` px outside [min, max].
void band(ImDrawList& list, ImVec2 min, ImVec2 max, float from, float to, ImU32 colour,
          float rounding) {
  const float mid = (from + to) * 0.5f;
  list.AddRect(ImVec2(min.x - mid, min.y - mid), ImVec2(max.x + mid, max.y + mid), colour,
               rounding > 0.0f ? rounding + mid : 0.0f, 0, to - from);
}

}  // namespace

ImVec4 vec4(ImU32 colour) { return ImGui::ColorConvertU32ToFloat4(colour); }

void apply(ImGuiStyle& style) {
  style = ImGuiStyle();
  style.WindowPadding = ImVec2(kPagePadding, kPagePadding);
  style.WindowRounding = 0.0f;    // the root window is the screen (modals use it too)
  style.WindowBorderSize = 0.0f;  // no frame round the screen; a modal stands on the dim
  style.ChildRounding = 8.0f;
  style.ChildBorderSize = 1.0f;
  style.PopupRounding = 8.0f;
  style.PopupBorderSize = 1.0f;
  style.FramePadding = ImVec2(kFramePaddingX, kFramePaddingY);
  style.FrameRounding = kFrameRounding;
  style.FrameBorderSize = 1.0f;  // a white field on a white page needs its outline
  style.ItemSpacing = ImVec2(kItemSpacingX, kItemSpacingY);
  style.ItemInnerSpacing = ImVec2(8.0f, 8.0f);
  style.CellPadding = ImVec2(kCellPaddingX, kCellPaddingY);
  style.IndentSpacing = 24.0f;
  style.ScrollbarSize = kScrollbarSize;
  style.ScrollbarRounding = 4.0f;
  style.GrabMinSize = kMinTarget;  // a scrollbar's grab is never shorter than a finger
  style.GrabRounding = 4.0f;
  style.TabRounding = 4.0f;
  style.TabBorderSize = 0.0f;
  style.DisabledAlpha = 0.6f;                      // disabled labels at 3.6:1 (text_pairs())
  style.SelectableTextAlign = ImVec2(0.0f, 0.5f);  // centred in a kSelectableHeight row
  for (const auto& [col, colour] : kColours) style.Colors[col] = vec4(colour);
}

void push_primary_button(bool enabled) {
  if (enabled) {
    ImGui::PushStyleColor(ImGuiCol_Button, kPrimary);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, kPrimaryHover);
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, kPrimaryPressed);
    ImGui::PushStyleColor(ImGuiCol_Text, kOnPrimary);
    ImGui::PushStyleColor(ImGuiCol_Border, kPrimary);
  } else {
    constexpr std::array<ImGuiCol, kPrimaryPushes> kSame{ImGuiCol_Button, ImGuiCol_ButtonHovered,
                                                         ImGuiCol_ButtonActive, ImGuiCol_Text,
                                                         ImGuiCol_Border};
    for (ImGuiCol c : kSame) {
      const ImVec4 same = ImGui::GetStyleColorVec4(c);
      ImGui::PushStyleColor(c, same);
    }
  }
}

void pop_primary_button() { ImGui::PopStyleColor(kPrimaryPushes); }

void mark_selected_item() {
  const ImVec2 min = ImGui::GetItemRectMin();
  const ImVec2 max = ImGui::GetItemRectMax();
  ImGui::GetWindowDrawList()->AddRectFilled(min, ImVec2(min.x + 4.0f, max.y), kPrimary);
}

void draw_focus_ring(ImDrawList& list, ImVec2 min, ImVec2 max, float rounding) {
  band(list, min, max, 0.0f, kFocusHaloWidth, kFocusHalo, rounding);
  band(list, min, max, kFocusHaloWidth, kFocusHaloWidth + kFocusRingWidth, kFocus, rounding);
}

void draw_nav_focus_halo() {
  // ImGui 1.86's RenderNavHighlight(): a 2 px ring 3 px outside the item.
  constexpr float kImGuiRingDistance = 3.0f;
  const ImGuiContext* g = ImGui::GetCurrentContext();
  if (g == nullptr || g->NavDisableHighlight || g->NavId == 0 || !g->NavIdIsAlive) return;
  ImGuiWindow* window = g->NavWindow;
  if (window == nullptr || window->Hidden) return;
  const ImRect item = ImGui::WindowRectRelToAbs(window, window->NavRectRel[g->NavLayer]);
  ImDrawList* list = ImGui::GetForegroundDrawList();
  list->PushClipRect(window->InnerClipRect.Min, window->InnerClipRect.Max, true);
  band(*list, item.Min, item.Max, 0.0f, kImGuiRingDistance, kFocusHalo, g->Style.FrameRounding);
  list->PopClipRect();
}

double relative_luminance(ImU32 colour) {
  return 0.2126 * channel(colour, IM_COL32_R_SHIFT) + 0.7152 * channel(colour, IM_COL32_G_SHIFT) +
         0.0722 * channel(colour, IM_COL32_B_SHIFT);
}

double contrast_ratio(ImU32 a, ImU32 b) {
  const double la = relative_luminance(a);
  const double lb = relative_luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

ImU32 over(ImU32 top, ImU32 below) {
  const float alpha = static_cast<float>(top >> IM_COL32_A_SHIFT & 0xFFu) / 255.0f;
  return blend_channel(top, below, IM_COL32_R_SHIFT, alpha) |
         blend_channel(top, below, IM_COL32_G_SHIFT, alpha) |
         blend_channel(top, below, IM_COL32_B_SHIFT, alpha) | (0xFFu << IM_COL32_A_SHIFT);
}

ImU32 faded(ImU32 colour, float alpha) {
  const float a = static_cast<float>(colour >> IM_COL32_A_SHIFT & 0xFFu) * alpha;
  return (colour & ~IM_COL32_A_MASK) | static_cast<ImU32>(std::lround(a)) << IM_COL32_A_SHIFT;
}

double required_ratio(PairKind kind) {
  switch (kind) {
    case PairKind::text: return 4.5;
    case PairKind::disabled:  // our rule: WCAG exempts disabled controls
    case PairKind::non_text: return 3.0;
  }
  return 4.5;
}

std::vector<ContrastPair> text_pairs(const ImGuiStyle& style) {
  std::vector<ContrastPair> out;
  const auto col = [&](ImGuiCol c) { return ImGui::ColorConvertFloat4ToU32(style.Colors[c]); };
  const auto add = [&](const char* name, ImU32 fg, ImU32 bg, PairKind kind) {
    out.push_back({name, over(fg, bg), bg, kind});
  };
  const ImU32 window = over(col(ImGuiCol_WindowBg), kWhite);
  const auto on_window = [&](ImGuiCol c) { return over(col(c), window); };
  const ImU32 text = col(ImGuiCol_Text);
  constexpr PairKind kT = PairKind::text;

  // ImGui's own: ImGuiCol_Text on every background it is drawn on.
  add("Text on WindowBg", text, window, kT);
  add("Text on ChildBg", text, on_window(ImGuiCol_ChildBg), kT);
  add("Text on PopupBg", text, on_window(ImGuiCol_PopupBg), kT);
  add("Text on FrameBg", text, on_window(ImGuiCol_FrameBg), kT);
  add("Text on FrameBgHovered", text, on_window(ImGuiCol_FrameBgHovered), kT);
  add("Text on FrameBgActive", text, on_window(ImGuiCol_FrameBgActive), kT);
  add("Text on Button", text, on_window(ImGuiCol_Button), kT);
  add("Text on ButtonHovered", text, on_window(ImGuiCol_ButtonHovered), kT);
  add("Text on ButtonActive", text, on_window(ImGuiCol_ButtonActive), kT);
  add("Text on Header (selected)", text, on_window(ImGuiCol_Header), kT);
  add("Text on HeaderHovered", text, on_window(ImGuiCol_HeaderHovered), kT);
  add("Text on HeaderActive", text, on_window(ImGuiCol_HeaderActive), kT);
  add("Text on TableHeaderBg", text, on_window(ImGuiCol_TableHeaderBg), kT);
  add("Text on TableRowBg", text, on_window(ImGuiCol_TableRowBg), kT);
  add("Text on TableRowBgAlt", text, on_window(ImGuiCol_TableRowBgAlt), kT);
  add("Text on TitleBgActive", text, on_window(ImGuiCol_TitleBgActive), kT);
  add("Text on MenuBarBg (the action bar)", text, on_window(ImGuiCol_MenuBarBg), kT);
  add("Text on TextSelectedBg (in a field)", text,
      over(col(ImGuiCol_TextSelectedBg), on_window(ImGuiCol_FrameBg)), kT);

  // TextDisabled is not what BeginDisabled() draws: ImGui writes
  // InputTextWithHint()'s placeholder in it, and page.cpp its key hints. Text,
  // then, on every background it is drawn on.
  const ImU32 hint = col(ImGuiCol_TextDisabled);
  add("TextDisabled on WindowBg", hint, window, kT);
  add("TextDisabled on Button", hint, on_window(ImGuiCol_Button), kT);
  add("TextDisabled on FrameBg (placeholder)", hint, on_window(ImGuiCol_FrameBg), kT);
  add("TextDisabled on MenuBarBg (key hint)", hint, on_window(ImGuiCol_MenuBarBg), kT);

  // Disabled: WCAG exempts it; we ask 3:1. BeginDisabled() fades label and
  // fill alike by DisabledAlpha.
  constexpr PairKind kD = PairKind::disabled;
  const float fade = style.Alpha * style.DisabledAlpha;
  add("disabled Text on WindowBg", faded(text, fade), window, kD);
  add("disabled Text on Button", faded(text, fade), over(faded(col(ImGuiCol_Button), fade), window),
      kD);
  add("disabled Text on FrameBg", faded(text, fade),
      over(faded(col(ImGuiCol_FrameBg), fade), window), kD);

  // The roles, on what each is meant for (theme.hpp, "Which role on what").
  add("kText on kBackground", kText, kBackground, kT);
  add("kText on kSurface", kText, kSurface, kT);
  add("kText on kSurfaceStrong", kText, kSurfaceStrong, kT);
  add("kText on kHover", kText, kHover, kT);
  add("kText on kSelected", kText, kSelected, kT);
  add("kText on kPressed", kText, kPressed, kT);
  add("kText on kErrorSurface", kText, kErrorSurface, kT);
  add("kText on kSuccessSurface", kText, kSuccessSurface, kT);
  add("kText on kWarningSurface", kText, kWarningSurface, kT);
  add("kTextMuted on kBackground", kTextMuted, kBackground, kT);
  add("kTextMuted on kSurface", kTextMuted, kSurface, kT);
  add("kTextMuted on kSurfaceStrong", kTextMuted, kSurfaceStrong, kT);
  add("kTextMuted on kHover", kTextMuted, kHover, kT);
  add("kTextMuted on kSelected", kTextMuted, kSelected, kT);
  add("kHeading on kBackground", kHeading, kBackground, kT);
  add("kHeading on kSurface", kHeading, kSurface, kT);
  add("kLink on kBackground", kLink, kBackground, kT);
  add("kLink on kSurface", kLink, kSurface, kT);
  add("kError on kBackground", kError, kBackground, kT);
  add("kError on kSurface", kError, kSurface, kT);
  add("kError on kErrorSurface", kError, kErrorSurface, kT);
  add("kSuccess on kBackground", kSuccess, kBackground, kT);
  add("kSuccess on kSurface", kSuccess, kSurface, kT);
  add("kSuccess on kSuccessSurface", kSuccess, kSuccessSurface, kT);
  add("kWarning on kBackground", kWarning, kBackground, kT);
  add("kWarning on kSurface", kWarning, kSurface, kT);
  add("kWarning on kWarningSurface", kWarning, kWarningSurface, kT);
  add("kOnPrimary on kPrimary (primary button)", kOnPrimary, kPrimary, kT);
  add("kOnPrimary on kPrimaryHover", kOnPrimary, kPrimaryHover, kT);
  add("kOnPrimary on kPrimaryPressed", kOnPrimary, kPrimaryPressed, kT);
  return out;
}

std::vector<ContrastPair> text_pairs() {
  ImGuiStyle style;
  apply(style);
  return text_pairs(style);
}

std::vector<ContrastPair> component_pairs(const ImGuiStyle& style) {
  std::vector<ContrastPair> out;
  const auto col = [&](ImGuiCol c) { return ImGui::ColorConvertFloat4ToU32(style.Colors[c]); };
  const auto add = [&](const char* name, ImU32 fg, ImU32 bg) {
    out.push_back({name, over(fg, bg), bg, PairKind::non_text});
  };
  const ImU32 window = over(col(ImGuiCol_WindowBg), kWhite);
  const auto on_window = [&](ImGuiCol c) { return over(col(c), window); };
  const ImU32 frame = on_window(ImGuiCol_FrameBg);
  const ImU32 button = on_window(ImGuiCol_Button);

  // A field or a button is found by its outline, or without one by its fill.
  if (style.FrameBorderSize >= 1.0f) {
    add("Border (field outline) against WindowBg", col(ImGuiCol_Border), window);
    add("Border (field outline) against FrameBg", col(ImGuiCol_Border), frame);
    add("Border (button outline) against Button", col(ImGuiCol_Border), button);
  } else {
    add("FrameBg against WindowBg (no outline)", frame, window);
    add("Button against WindowBg (no outline)", button, window);
  }
  add("CheckMark against FrameBg", col(ImGuiCol_CheckMark), frame);
  add("CheckMark against FrameBgHovered", col(ImGuiCol_CheckMark),
      on_window(ImGuiCol_FrameBgHovered));
  add("SliderGrab against FrameBg", col(ImGuiCol_SliderGrab), frame);
  add("ScrollbarGrab against ScrollbarBg", col(ImGuiCol_ScrollbarGrab),
      on_window(ImGuiCol_ScrollbarBg));
  add("PlotHistogram (progress) against FrameBg", col(ImGuiCol_PlotHistogram), frame);
  add("NavHighlight against WindowBg", col(ImGuiCol_NavHighlight), window);
  add("NavHighlight against ChildBg", col(ImGuiCol_NavHighlight), on_window(ImGuiCol_ChildBg));
  add("NavHighlight against PopupBg", col(ImGuiCol_NavHighlight), on_window(ImGuiCol_PopupBg));

  // The two-colour focus ring: kFocus on light, kFocusHalo on blue.
  add("kFocus ring against kBackground", kFocus, kBackground);
  add("kFocus ring against kSurface", kFocus, kSurface);
  add("kFocus ring against kSurfaceStrong", kFocus, kSurfaceStrong);
  add("kFocusHalo against kPrimary", kFocusHalo, kPrimary);
  add("kFocusHalo against kPrimaryHover", kFocusHalo, kPrimaryHover);
  add("kFocusHalo against kPrimaryPressed", kFocusHalo, kPrimaryPressed);
  add("kFocus ring against kFocusHalo", kFocus, kFocusHalo);
  add("kBorder against kBackground", kBorder, kBackground);
  add("kBorder against kSurface", kBorder, kSurface);
  add("selection bar (kPrimary) against kSelected", kPrimary, kSelected);
  add("selection bar (kPrimary) against kHover", kPrimary, kHover);
  return out;
}

std::vector<ContrastPair> component_pairs() {
  ImGuiStyle style;
  apply(style);
  return component_pairs(style);
}

}  // namespace shogo::ui::theme
