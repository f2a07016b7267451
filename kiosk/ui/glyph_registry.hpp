#pragma once
// GlyphRegistry — which characters the font atlas must hold, and how a
// resident's name reaches Debian's 16-bit ImGui faithfully.
//
// Index
//   - Why: ImGui 1.86 as packaged stores characters as 16 bits. A name may
//     hold a character outside the BMP (𠮷 U+20BB7), an ideographic variation
//     sequence (葛 U+845B U+E0102), or a private-use 外字 code point. None of
//     these can enter the atlas as itself.
//   - How: encode_name() maps every such "special" unit to a reserved code in
//     the BMP private-use area (U+E000–U+F8FF, which ordinary text never
//     reaches the name font with: a private-use input is itself special).
//     kiosk/shell rasterises each special with FreeType into a custom atlas
//     glyph, or, when no font has it, a visible code-point box ([U+E0A1]).
//   - The atlas holds only what was asked for: note_ui_text() and
//     encode_name() record new characters; the shell rebuilds the atlas
//     before the next frame when changed() (start-up stays fast).
//
// Not thread-safe: used from the UI thread only.

#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace shogo::ui {

using Code16 = std::uint16_t;  // what ImWchar is in Debian's libimgui.a

// One unit of a name: a code point and, for an IVS, its variation selector.
struct NameUnit {
  char32_t base = 0;
  char32_t selector = 0;  // 0, or U+FE00–FE0F / U+E0100–E01EF
  auto operator<=>(const NameUnit&) const = default;
};

enum class SpecialKind : std::uint8_t {
  font_glyph,   // the name font has it: rasterise base (+ selector) as is
  missing_box,  // no font has it: a box with its code point(s)
};

struct SpecialGlyph {
  NameUnit unit;
  Code16 code = 0;  // reserved code it is drawn as
  SpecialKind kind = SpecialKind::font_glyph;
};

// Reserved range for specials in the name font.
inline constexpr Code16 kFirstSpecialCode = 0xE000;
inline constexpr Code16 kLastSpecialCode = 0xF8FF;

class GlyphRegistry {
 public:
  // Does the name font draw this unit? Set by the shell from the font file;
  // until set, every BMP character counts as drawable and every other unit
  // as missing.
  using Coverage = std::function<bool(NameUnit)>;
  // Setting it re-classifies the specials already known.
  void set_name_coverage(Coverage coverage);
  bool has_coverage() const { return static_cast<bool>(coverage_); }

  void note_ui_text(std::string_view utf8);        // UI font needs these characters
  std::string encode_name(std::string_view utf8);  // name font; returns text for ImGui

  bool changed() const { return changed_; }  // new characters since mark_built()
  void mark_built() { changed_ = false; }

  const std::set<Code16>& ui_codes() const { return ui_codes_; }
  const std::set<Code16>& name_codes() const { return name_codes_; }
  const std::vector<SpecialGlyph>& specials() const { return specials_; }

  // For tests: the unit a reserved code stands for (nullptr if none).
  const SpecialGlyph* special_for(Code16 code) const;
  void clear();  // forgets everything, coverage included
  // Forgets the names encoded (the cache holds residents' names): at every lock.
  void forget_names() { encoded_ = {}; }
  // Grows with every clear(): caches of "already noted" text (tr()) compare it.
  std::uint64_t generation() const { return generation_; }

 private:
  Code16 special_code(NameUnit unit);
  SpecialKind classify(NameUnit unit) const;

  Coverage coverage_;
  std::set<Code16> ui_codes_;
  std::set<Code16> name_codes_;
  std::vector<SpecialGlyph> specials_;
  std::map<NameUnit, Code16> special_by_unit_;
  std::unordered_map<std::string, std::string> encoded_;  // cache: names repeat every frame
  bool changed_ = true;
  std::uint64_t generation_ = 0;
};

GlyphRegistry& glyphs();  // the kiosk's one registry (ImGui's context is global too)

// UTF-8 helpers (invalid bytes decode as U+FFFD, never dropped).
std::u32string decode_utf8(std::string_view utf8);
void append_utf8(std::string& out, char32_t cp);
std::vector<NameUnit> split_units(std::string_view utf8);  // base + selector pairs
bool is_variation_selector(char32_t cp);
bool is_private_use(char32_t cp);
std::string code_point_label(NameUnit unit);  // "U+E0A1", "U+845B U+E0100"

}  // namespace shogo::ui
