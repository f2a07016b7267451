#pragma once
// Theme — the kiosk's colours, sizes and type scale, after the Digital
// Agency's design system (デジタル庁デザインシステム, DADS): its primitive colours,
// the roles views use instead of literal colours, and apply(), which puts
// them into an ImGuiStyle. tests/ui/theme_test.cpp measures every pair below
// against WCAG 2.x.
//
//   palette        kBlue50 … kBlue1200, kGray50 … kGray900, kRed…, kGreen…,
//                  kYellow…, kWhite, kBlack            DADS primitives (ImU32)
//   roles          kText, kTextMuted, kHeading, kLink, kError, kSuccess, kWarning,
//                  kOnPrimary, kBackground, kSurface, kBorder, kSelected, kFocus, …
//   vec4()         a role as ImVec4, for ImGui::TextColored()
//   type scale     kBodySize 20, kTitleSize 30, kNameSize 22
//   sizes          kMinTarget 44 and the ImGuiStyle sizes apply() sets
//   layout         kHeaderHeight, kActionBarHeight, kPagePadding
//   apply()        every ImGuiCol_ and size the kiosk uses, into a style
//   push_primary_button() / pop_primary_button()   a primary button's colours
//   mark_selected_item()   the bar that shows a selected row (not only a tint)
//   draw_focus_ring()      DADS's two-colour focus ring around a rectangle
//   draw_nav_focus_halo()  the ring's yellow half around ImGui's nav highlight
//   contrast       relative_luminance(), contrast_ratio(), over(),
//                  text_pairs(), component_pairs(), required_ratio()
//
// Which role on what:
//   kText, kTextMuted          on kBackground, kSurface, kSurfaceStrong, kHover,
//                              kSelected and the notice tints
//   kHeading, kLink            on kBackground, kSurface
//   kError, kSuccess, kWarning on kBackground, kSurface and their own tint
//                              (kErrorSurface, …); not on kSelected or
//                              kSurfaceStrong: kSuccess there is 4.3:1
//   kOnPrimary                 on kPrimary, kPrimaryHover, kPrimaryPressed
//
// What ImGui 1.86 cannot do, and what to do instead:
//   - One text colour per widget: a button's label is ImGuiCol_Text. The
//     style's Button is DADS's secondary button (tinted, outlined); a primary
//     button pushes its colours (push_primary_button()).
//   - BeginDisabled() fades a widget to DisabledAlpha; it takes no colours.
//     A disabled primary button is drawn as a disabled secondary one.
//     Disabled controls are exempt from WCAG 1.4.3; we still ask 3:1 of
//     their faded labels. ImGuiCol_TextDisabled is not used for them: ImGui
//     draws placeholders in it, so it is held to 4.5:1 like text.
//   - Selectable and table rows are as high as their text. A view passes
//     ImVec2(0, kSelectableHeight) to Selectable() and kMinRowHeight to
//     TableNextRow() for a row that is clicked.
//   - ImGui's nav highlight is one colour, 2 px, 3 px outside the item (on
//     what surrounds it, never on the item's fill): kFocus. The yellow half
//     of DADS's ring is draw_nav_focus_halo(), once a frame.
//   - An edited text field shows no focus ring (only its cursor): a view
//     may draw_focus_ring() around it while ImGui::IsItemActive().
//   - ImGui's line height is the font size; wrapped_text() (text_layout.hpp)
//     spaces a wrapped paragraph's lines 1.6 × the font size apart (1.3 in
//     a table cell), and ItemSpacing.y spaces lines that are separate items.
//   - Checkbox() and RadioButton() are a square of the frame height: with
//     44 px targets they are 44 px boxes and circles (DADS draws 24–32 px).
//     A smaller box would be a smaller target.
//   - ProgressBar() draws its overlay in ImGuiCol_Text over the fill: pass
//     "" and write the figure beside it.

#include <imgui.h>

#include <vector>

namespace shogo::ui::theme {

// An opaque colour from 0xRRGGBB (ImGui packs ImU32 as ABGR).
constexpr ImU32 rgb(ImU32 hex, ImU32 alpha = 0xFF) {
  return ((hex >> 16 & 0xFFu) << IM_COL32_R_SHIFT) | ((hex >> 8 & 0xFFu) << IM_COL32_G_SHIFT) |
         ((hex & 0xFFu) << IM_COL32_B_SHIFT) | ((alpha & 0xFFu) << IM_COL32_A_SHIFT);
}

// ---- Palette: DADS primitive colours ------------------------------------------
inline constexpr ImU32 kWhite = rgb(0xffffff);
inline constexpr ImU32 kBlack = rgb(0x000000);

inline constexpr ImU32 kBlue50 = rgb(0xe8f1fe);
inline constexpr ImU32 kBlue100 = rgb(0xd9e6ff);
inline constexpr ImU32 kBlue200 = rgb(0xc5d7fb);
inline constexpr ImU32 kBlue300 = rgb(0x9db7f9);
inline constexpr ImU32 kBlue400 = rgb(0x7096f8);
inline constexpr ImU32 kBlue500 = rgb(0x4979f5);
inline constexpr ImU32 kBlue600 = rgb(0x3460fb);
inline constexpr ImU32 kBlue700 = rgb(0x264af4);
inline constexpr ImU32 kBlue800 = rgb(0x0031d8);
inline constexpr ImU32 kBlue900 = rgb(0x0017c1);
inline constexpr ImU32 kBlue1000 = rgb(0x00118f);
inline constexpr ImU32 kBlue1100 = rgb(0x000071);
inline constexpr ImU32 kBlue1200 = rgb(0x000060);

inline constexpr ImU32 kGray50 = rgb(0xf2f2f2);  // "solid gray"
inline constexpr ImU32 kGray100 = rgb(0xe6e6e6);
inline constexpr ImU32 kGray200 = rgb(0xcccccc);
inline constexpr ImU32 kGray300 = rgb(0xb3b3b3);
inline constexpr ImU32 kGray400 = rgb(0x999999);
inline constexpr ImU32 kGray420 = rgb(0x949494);  // 3:1 on white
inline constexpr ImU32 kGray500 = rgb(0x7f7f7f);
inline constexpr ImU32 kGray536 = rgb(0x767676);  // 4.5:1 on white
inline constexpr ImU32 kGray600 = rgb(0x666666);
inline constexpr ImU32 kGray700 = rgb(0x4d4d4d);
inline constexpr ImU32 kGray800 = rgb(0x333333);
inline constexpr ImU32 kGray900 = rgb(0x1a1a1a);

inline constexpr ImU32 kRed50 = rgb(0xfdeeee);
inline constexpr ImU32 kRed100 = rgb(0xffdada);
inline constexpr ImU32 kRed800 = rgb(0xec0000);
inline constexpr ImU32 kRed900 = rgb(0xce0000);
inline constexpr ImU32 kRed1000 = rgb(0xa90000);

inline constexpr ImU32 kGreen50 = rgb(0xe6f5ec);
inline constexpr ImU32 kGreen100 = rgb(0xc2e5d1);
inline constexpr ImU32 kGreen800 = rgb(0x197a4b);
inline constexpr ImU32 kGreen900 = rgb(0x115a36);

inline constexpr ImU32 kYellow50 = rgb(0xfbf5e0);
inline constexpr ImU32 kYellow100 = rgb(0xfff0b3);
inline constexpr ImU32 kYellow300 = rgb(0xffd43d);
inline constexpr ImU32 kYellow900 = rgb(0x927200);
inline constexpr ImU32 kYellow1000 = rgb(0x806300);
inline constexpr ImU32 kYellow1100 = rgb(0x6e5600);

// ---- Roles: what views use -----------------------------------------------------
inline constexpr ImU32 kText = kGray800;       // body text
inline constexpr ImU32 kTextMuted = kGray700;  // sub text, hints, key names
inline constexpr ImU32 kHeading = kBlue1000;
inline constexpr ImU32 kLink = kBlue1000;
inline constexpr ImU32 kError = kRed900;      // 5.8:1 on white
inline constexpr ImU32 kSuccess = kGreen800;  // "good", "enough"
inline constexpr ImU32 kWarning =
    kYellow1000;                             // [DEMO], cautions (yellow-900 is 4.5 on white only)
inline constexpr ImU32 kOnPrimary = kWhite;  // text on a primary fill

inline constexpr ImU32 kBackground = kWhite;       // the page, fields, popups
inline constexpr ImU32 kSurface = kGray50;         // bars, alternate rows, scrollbar track
inline constexpr ImU32 kSurfaceStrong = kGray100;  // table headers, title bars
inline constexpr ImU32 kErrorSurface = kRed50;     // a notice's tint
inline constexpr ImU32 kSuccessSurface = kGreen50;
inline constexpr ImU32 kWarningSurface = kYellow50;

inline constexpr ImU32 kBorder = kGray600;    // fields and buttons (5.7:1 on white)
inline constexpr ImU32 kDivider = kGray420;   // separators, table lines
inline constexpr ImU32 kHover = kBlue50;      // under the pointer
inline constexpr ImU32 kSelected = kBlue100;  // a selected row's tint
inline constexpr ImU32 kPressed = kBlue200;

inline constexpr ImU32 kPrimary = kBlue900;  // primary button, check marks, selection bar
inline constexpr ImU32 kPrimaryHover = kBlue1000;
inline constexpr ImU32 kPrimaryPressed = kBlue1100;

inline constexpr ImU32 kFocus = kBlue1200;       // the focus ring: on white, grey
inline constexpr ImU32 kFocusHalo = kYellow300;  // its inner half: on blue
// Japanese text entry (text_entry.cpp): kText on each, pairs already measured.
inline constexpr ImU32 kPreeditBackground = kHover;  // what is composed, at the caret
inline constexpr ImU32 kPreeditUnderline = kText;
inline constexpr ImU32 kCandidateChosen = kSelected;
inline constexpr ImU32 kModeKana = kSelected;        // the かな button beside a field
inline constexpr ImU32 kModeLatin = kSurfaceStrong;  // the 英数 button

ImVec4 vec4(ImU32 colour);  // for ImGui::TextColored(theme::vec4(theme::kSuccess), …)

// ---- Type scale (the atlas sizes: shell::FontSizes) -------------------------------
inline constexpr float kBodySize = 20.0f;   // screens, buttons, tables
inline constexpr float kTitleSize = 30.0f;  // headings, the header
inline constexpr float kNameSize = 22.0f;   // names (IPAmj Mincho)

// ---- Sizes ----------------------------------------------------------------------
inline constexpr float kMinTarget = 44.0f;  // the least height of anything clicked
inline constexpr float kFramePaddingX = 16.0f;
inline constexpr float kFramePaddingY = (kMinTarget - kBodySize) / 2.0f;  // 12: frames are 44 px
inline constexpr float kItemSpacingX = 16.0f;
inline constexpr float kItemSpacingY = 12.0f;  // separate lines at 32 px: 1.6 × body
inline constexpr float kCellPaddingX = 12.0f;
inline constexpr float kCellPaddingY = 8.0f;  // a table row of text: 36 px
inline constexpr float kFrameRounding = 6.0f;
inline constexpr float kScrollbarSize = 20.0f;
// Selectable()'s hit box is its size plus ItemSpacing.y: this makes it 44.
inline constexpr float kSelectableHeight = kMinTarget - kItemSpacingY;
inline constexpr float kMinRowHeight = kMinTarget;  // TableNextRow(0, …) of a clicked row
inline constexpr float kFocusHaloWidth = 2.0f;      // yellow, next to the item
inline constexpr float kFocusRingWidth = 3.0f;      // kFocus, outside the halo

// ---- Layout ---------------------------------------------------------------------
inline constexpr float kPagePadding = 24.0f;   // the root window's padding
inline constexpr float kHeaderHeight = 64.0f;  // the title line (30 px) and its padding
inline constexpr float kActionBarHeight = kMinTarget + 2.0f * 16.0f;  // 76

// ---- Style ----------------------------------------------------------------------
// Resets `style` to ImGui's defaults, then sets every colour and size above.
void apply(ImGuiStyle& style);

// A primary button's colours (fill, hover, pressed, label; 4 pushes) until
// pop_primary_button(). Disabled, the secondary colours: BeginDisabled()'s
// fade of white on blue is only 2.6:1.
void push_primary_button(bool enabled = true);
void pop_primary_button();

// A 4 px kPrimary bar at the left of the last item: a selected row shows
// more than a tint (kSelected is 1.2:1 on white).
void mark_selected_item();

// DADS's focus ring around [min, max]: kFocusHalo next to it, kFocus outside.
void draw_focus_ring(ImDrawList& list, ImVec2 min, ImVec2 max, float rounding = kFrameRounding);
// The halo between the nav item and ImGui's own kFocus ring, in the
// foreground; nothing while the highlight is hidden. Call after the views
// drew, before ImGui::Render().
void draw_nav_focus_halo();

// ---- Contrast (WCAG 2.x) ----------------------------------------------------------
double relative_luminance(ImU32 colour);  // sRGB linearised, alpha ignored
double contrast_ratio(ImU32 a, ImU32 b);  // 1 … 21, either order
ImU32 over(ImU32 top, ImU32 below);       // `top` alpha-blended onto `below`, opaque
ImU32 faded(ImU32 colour, float alpha);   // alpha multiplied, as BeginDisabled() does

enum class PairKind : unsigned char {
  text,      // WCAG 1.4.3: 4.5:1
  disabled,  // exempt from 1.4.3; we still ask 3:1
  non_text,  // WCAG 1.4.11: focus ring, field borders, check marks: 3:1
};
double required_ratio(PairKind kind);

struct ContrastPair {
  const char* name;  // "Text on Button"
  ImU32 fg, bg;      // as drawn: translucent colours blended onto what is below
  PairKind kind;
};
// Every text colour on every background the theme and `style` define for
// it: the roles above, and ImGui's (Text on WindowBg, on Button, …, disabled
// text faded by style.DisabledAlpha).
std::vector<ContrastPair> text_pairs(const ImGuiStyle& style);
std::vector<ContrastPair> text_pairs();  // of the style apply() sets
// What must be seen that is not text: field and button outlines, check
// marks, grabs, the focus ring on white and on blue.
std::vector<ContrastPair> component_pairs(const ImGuiStyle& style);
std::vector<ContrastPair> component_pairs();

}  // namespace shogo::ui::theme
