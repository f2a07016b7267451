#include "kiosk/ui/text_layout.hpp"

#include <imgui_internal.h>  // ItemSize/ItemAdd: the wrapped lines are one layout item

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "kiosk/ui/glyph_registry.hpp"

namespace shogo::ui {

namespace {

// What decides the breaks around a unit.
enum class Kind : std::uint8_t {
  space,  // ASCII space
  latin,  // ASCII letters, digits and punctuation, and non-CJK letters: words
  cjk,    // kana, kanji, full-width forms and the symbols Japanese text uses
};

struct Unit {
  std::size_t begin = 0, end = 0;  // bytes of the text
  char32_t cp = 0;                 // the base character (U+FFFD for an invalid byte)
  Kind kind = Kind::cjk;
};

// Decodes one UTF-8 character at `i`; an invalid byte is one U+FFFD of length 1.
char32_t decode_at(std::string_view s, std::size_t i, std::size_t& length) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  length = 1;
  if (b0 < 0x80) return b0;
  int more = 0;
  char32_t cp = 0;
  if ((b0 & 0xE0) == 0xC0) {
    more = 1;
    cp = b0 & 0x1F;
  } else if ((b0 & 0xF0) == 0xE0) {
    more = 2;
    cp = b0 & 0x0F;
  } else if ((b0 & 0xF8) == 0xF0) {
    more = 3;
    cp = b0 & 0x07;
  } else {
    return 0xFFFD;
  }
  if (i + static_cast<std::size_t>(more) >= s.size()) return 0xFFFD;  // cut short
  for (int k = 1; k <= more; ++k) {
    const auto b = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
    if ((b & 0xC0) != 0x80) return 0xFFFD;
    cp = (cp << 6) | (b & 0x3F);
  }
  static constexpr char32_t kMin[] = {0, 0x80, 0x800, 0x10000};
  if (cp < kMin[more] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0xFFFD;
  length = static_cast<std::size_t>(more) + 1;
  return cp;
}

// Characters that belong to the one before them: variation selectors,
// combining marks (with the kana voicing marks), ZWJ and what it joins.
bool extends(char32_t cp) {
  return (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF) ||
         (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
         (cp >= 0x20D0 && cp <= 0x20FF) || cp == 0x3099 || cp == 0x309A || cp == 0x200D;
}

Kind kind_of(char32_t cp) {
  if (cp == U' ') return Kind::space;
  if (cp == 0xFFFD) return Kind::cjk;  // drawn as a box on its own: breaks like one
  // Below the general punctuation block: Latin, Greek, Cyrillic and the like,
  // words that hold together. From U+2000 on: the symbols (※ → ○ …), CJK,
  // kana, full-width forms and everything above the BMP (𠮷).
  if (cp < 0x2000) return Kind::latin;
  return Kind::cjk;
}

// 分離禁止: two of these in a row hold together (……, ‥‥, ——, ――).
bool inseparable_pair(char32_t a, char32_t b) {
  return a == b && (a == 0x2026 || a == 0x2025 || a == 0x2014 || a == 0x2015);
}

std::vector<Unit> units_of(std::string_view s) {
  std::vector<Unit> out;
  std::size_t i = 0;
  bool join_next = false;  // after a ZWJ, the next character is part of the unit
  while (i < s.size()) {
    std::size_t len = 0;
    const char32_t cp = decode_at(s, i, len);
    if (!out.empty() && (join_next || (extends(cp) && out.back().cp != 0xFFFD))) {
      out.back().end = i + len;
      join_next = cp == 0x200D;
    } else {
      out.push_back({i, i + len, cp, kind_of(cp)});
      join_next = false;
    }
    i += len;
  }
  return out;
}

// May a line break between units a and b (b starts the next line)?
bool may_break(const Unit& a, const Unit& b) {
  if (b.kind == Kind::space) return false;  // never before a space
  if (kinsoku_not_first(b.cp) || kinsoku_not_last(a.cp)) return false;
  if (a.kind == Kind::space) return true;                            // after a run of spaces
  if (a.kind == Kind::latin && b.kind == Kind::latin) return false;  // a word, an id, a number
  if (a.kind == Kind::cjk && b.kind == Kind::cjk) return !inseparable_pair(a.cp, b.cp);
  return true;  // between CJK and Latin
}

// Breaks one paragraph (no "\n") into lines, appending views to `out`.
void break_paragraph(std::string_view text, float width, const MeasureText& measure,
                     std::vector<std::string_view>& out) {
  const std::vector<Unit> u = units_of(text);
  const std::size_t n = u.size();
  std::vector<bool> breakable(n + 1, false);  // a break before unit i
  for (std::size_t i = 1; i < n; ++i) {
    breakable[i] = may_break(u[i - 1], u[i]);
  }
  // The line [s, b) without the spaces that end it (dropped at a soft break).
  auto line_end = [&](std::size_t s, std::size_t b) {
    while (b > s && u[b - 1].kind == Kind::space) --b;
    return b;
  };
  auto view = [&](std::size_t s, std::size_t e) {
    return text.substr(u[s].begin, u[e - 1].end - u[s].begin);
  };

  std::size_t s = 0;
  while (s < n) {
    // The first unit, not a space, that makes the line too wide.
    std::size_t j = s;
    for (; j < n; ++j) {
      if (u[j].kind == Kind::space) continue;  // spaces may pass the edge: dropped there
      if (measure(text.substr(u[s].begin, u[j].end - u[s].begin)) > width) break;
    }
    if (j == n) {  // the rest fits, trailing spaces and all
      out.push_back(view(s, n));
      return;
    }
    // The last allowed break that leaves a line with something on it.
    std::size_t b = j;
    while (b > s && !(breakable[b] && line_end(s, b) > s)) --b;
    if (b == s) {
      // A run with no break, too wide on its own: break it by units, where
      // kinsoku still holds if such a place fits, else where it fits.
      auto keeps = [&](std::size_t k) {
        return u[k].kind != Kind::space && !kinsoku_not_first(u[k].cp) &&
               !kinsoku_not_last(u[k - 1].cp) && !inseparable_pair(u[k - 1].cp, u[k].cp);
      };
      b = j;  // the last place that fits: [s, j) fits
      for (std::size_t k = j; k > s; --k) {
        if (keeps(k)) {
          b = k;
          break;
        }
      }
      if (b <= s) b = s + 1;  // at least one unit per line
    }
    out.push_back(view(s, line_end(s, b)));
    s = b;
    while (s < n && u[s].kind == Kind::space) ++s;  // a unit-broken run may leave spaces
  }
}

}  // namespace

// 行頭禁則: closing brackets and quotes; punctuation and the marks that follow
// what they mark; small kana (full and half width).
constexpr std::u32string_view kNotFirst =
    U")]}）］｝〕〉》」』】〙〗〟’”｠»"
    U",.:;!?、。，．・：；？！‼⁇⁈⁉゛゜ヽヾゝゞ々〻ー‐゠–〜～％%°′″℃‰"
    U"ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶｧｨｩｪｫｬｭｮｯｰ｡､｣";

// 行末禁則: opening brackets and quotes, and the signs that go before a number.
constexpr std::u32string_view kNotLast = U"([{（［｛〔〈《「『【〘〖〝‘“｟«｢￥＄￡＃№";

bool kinsoku_not_first(char32_t cp) {
  return kNotFirst.find(cp) != std::u32string_view::npos ||
         (cp >= 0x31F0 && cp <= 0x31FF);  // small katakana for Ainu (ㇰ…ㇿ)
}

bool kinsoku_not_last(char32_t cp) { return kNotLast.find(cp) != std::u32string_view::npos; }

std::vector<std::string_view> break_lines(std::string_view utf8, float width,
                                          const MeasureText& measure) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < utf8.size()) {
    const std::size_t nl = utf8.find('\n', start);
    const std::size_t end = nl == std::string_view::npos ? utf8.size() : nl;
    if (end == start) {
      lines.push_back(utf8.substr(start, 0));  // an empty line
    } else {
      break_paragraph(utf8.substr(start, end - start), width, measure, lines);
    }
    if (nl == std::string_view::npos) break;
    start = nl + 1;  // a final "\n" ends the last line without opening another
  }
  return lines;
}

void wrapped_text(std::string_view utf8, float line_height, std::optional<ImU32> colour) {
  glyphs().note_ui_text(utf8);
  wrapped_text_unnoted(utf8, line_height, colour);
}

void wrapped_text_unnoted(std::string_view utf8, float line_height, std::optional<ImU32> colour) {
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  if (window->SkipItems) return;
  ImFont* font = ImGui::GetFont();
  const float size = ImGui::GetFontSize();
  const float width = std::max(ImGui::GetContentRegionAvail().x, size);
  const auto measure = [&](std::string_view s) {
    return font->CalcTextSizeA(size, 1e9f, 0.0f, s.data(), s.data() + s.size()).x;
  };
  const std::vector<std::string_view> lines = break_lines(utf8, width, measure);
  const float step = line_height * size;
  float widest = 0;
  for (std::string_view line : lines) widest = std::max(widest, measure(line));
  const std::size_t count = std::max<std::size_t>(lines.size(), 1);
  const ImVec2 pos = window->DC.CursorPos;
  const ImVec2 extent(widest, static_cast<float>(count - 1) * step + size);
  const ImRect bb(pos, ImVec2(pos.x + extent.x, pos.y + extent.y));
  ImGui::ItemSize(extent, 0.0f);
  if (!ImGui::ItemAdd(bb, 0)) return;  // scrolled out of view: nothing to draw
  const ImU32 col = colour ? *colour : ImGui::GetColorU32(ImGuiCol_Text);
  const ImVec4 clip = window->DrawList->_ClipRectStack.back();
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const float y = pos.y + static_cast<float>(i) * step;
    if (y > clip.w || y + size < clip.y) continue;
    const std::string_view line = lines[i];
    window->DrawList->AddText(font, size, ImVec2(pos.x, y), col, line.data(),
                              line.data() + line.size());
  }
}

}  // namespace shogo::ui
