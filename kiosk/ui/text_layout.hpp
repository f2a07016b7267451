#pragma once
// Japanese line breaking (禁則処理, kinsoku shori) for the kiosk's wrapped text.
//
// Dear ImGui 1.86's TextWrapped breaks Japanese anywhere, so a line may begin
// with "。" or end with "「". These break by the usual subset of JIS X 4051:
//
//   break_lines()        UTF-8 text → lines no wider than a width, by a measure
//   wrapped_text()       draws it in the current font, wrapped to the content
//                        region, Japanese line spacing, one layout item
//   kinsoku_not_first()  行頭禁則: may not begin a line  (、。」ー ぁ ッ …)
//   kinsoku_not_last()   行末禁則: may not end a line    (「（【 …)
//
// Where a line may break (between two units; a unit is a character with the
// variation selectors, combining marks and ZWJ sequence that follow it):
//   - between two CJK characters (kana, kanji, full-width punctuation and
//     forms, ※→○ and the like), and between CJK and Latin ("ID番号");
//   - after a run of ASCII spaces (the spaces of a soft break are dropped;
//     a line never breaks before a space);
//   - never inside a run of Latin letters, digits and ASCII punctuation
//     ("08:30", "1,234", "%s", and "-" too: terminal ids such as
//     "KS-S02-01" and dates such as "2026-11-18" are read as one word),
//     nor between two ……, ‥‥, —— or ――
//     (分離禁止);
//   - never before a 行頭禁則 character nor after a 行末禁則 one.
// Lines are filled greedily; a unit that may not start the next line takes the
// last allowed unit of this line down with it (追い出し); nothing is ever
// squeezed past the width (no 追い込み, no ぶら下げ). A run with no break that is
// wider than the width on its own is broken by units, at the last place that
// fits and keeps kinsoku if there is one, else at the last place that fits,
// and at least one unit per line: the breaker always ends and never returns an
// empty line for a non-empty paragraph.
//
// Lines:
//   - "\n" always breaks and is dropped; "\n\n" gives an empty line between;
//     a final "\n" ends the last line without opening another (as ImGui).
//   - Empty text gives no lines; any other text at least one.
//   - U+3000 is a CJK character, kept at a line start (it is an indent).
//   - The lines are views into the text, in order; joined they give the text
//     back without the "\n"s and the spaces dropped at soft breaks.
//   - Invalid UTF-8 bytes count as one unit each (as ImGui draws them).

#include <imgui.h>

#include <functional>
#include <optional>
#include <string_view>
#include <vector>

namespace shogo::ui {

// Line heights, × the font size: body text, and the tighter lines of a table
// cell (several lines of one cell read as one entry).
inline constexpr float kBodyLineHeight = 1.6f;
inline constexpr float kCellLineHeight = 1.3f;

// The width of a piece of text (the breaker only measures whole lines, from a
// line's start, so a measure with kerning works too).
using MeasureText = std::function<float(std::string_view)>;

// Splits UTF-8 text into lines no wider than `width` (as `measure` says), by
// the rules above. A line wider than `width` is one unit no line could hold.
std::vector<std::string_view> break_lines(std::string_view utf8, float width,
                                          const MeasureText& measure);

// Draws text wrapped to the content region's width with break_lines(), in the
// current font and size, each line `line_height` × font size below the one
// before (1.6: Japanese body text), and advances the layout like one item of
// (widest line) × ((lines − 1) × line_height + 1) × font size: no leading
// after the last line, so ItemSpacing follows as after any text. Empty text
// takes one line's height (as TextUnformatted("")). Notes every character for
// the UI font's atlas.
void wrapped_text(std::string_view utf8, float line_height = kBodyLineHeight,  // × font size
                  std::optional<ImU32> colour = {});                           // ImGuiCol_Text

// As wrapped_text(), for text the caller has noted for the atlas itself: a
// name encoded by glyphs().encode_name(), drawn in the name font
// (wrapped_name_text() in widgets.hpp).
void wrapped_text_unnoted(std::string_view text, float line_height = kBodyLineHeight,
                          std::optional<ImU32> colour = {});

bool kinsoku_not_first(char32_t cp);  // 行頭禁則: closing brackets, punctuation, small kana, ー
bool kinsoku_not_last(char32_t cp);   // 行末禁則: opening brackets

}  // namespace shogo::ui
