#include "kiosk/ui/glyph_registry.hpp"

#include <cassert>
#include <cstdio>

namespace shogo::ui {

bool is_variation_selector(char32_t cp) {
  return (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF);
}

bool is_private_use(char32_t cp) {
  return (cp >= 0xE000 && cp <= 0xF8FF) || (cp >= 0xF0000 && cp <= 0x10FFFD);
}

std::u32string decode_utf8(std::string_view utf8) {
  const std::string_view s = utf8;
  std::u32string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    int len = 0;
    char32_t cp = 0;
    if (b0 < 0x80) {
      len = 1;
      cp = b0;
    } else if ((b0 & 0xE0) == 0xC0) {
      len = 2;
      cp = b0 & 0x1Fu;
    } else if ((b0 & 0xF0) == 0xE0) {
      len = 3;
      cp = b0 & 0x0Fu;
    } else if ((b0 & 0xF8) == 0xF0) {
      len = 4;
      cp = b0 & 0x07u;
    }
    bool valid = len > 0 && i + static_cast<std::size_t>(len) <= s.size();
    for (int k = 1; valid && k < len; ++k) {
      const auto b = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
      valid = (b & 0xC0) == 0x80;
      cp = (cp << 6) | (b & 0x3Fu);
    }
    static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (valid && (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))) {
      valid = false;
    }
    if (valid) {
      out.push_back(cp);
      i += static_cast<std::size_t>(len);
    } else {
      out.push_back(0xFFFD);
      i += 1;
    }
  }
  return out;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::vector<NameUnit> split_units(std::string_view utf8) {
  std::vector<NameUnit> units;
  for (char32_t cp : decode_utf8(utf8)) {
    if (is_variation_selector(cp) && !units.empty() && units.back().selector == 0) {
      units.back().selector = cp;
    } else {
      units.push_back({cp, 0});  // a stray selector stands alone and shows as a box
    }
  }
  return units;
}

std::string code_point_label(NameUnit unit) {
  char buf[32];
  if (unit.selector != 0) {
    std::snprintf(buf, sizeof buf, "U+%04X U+%04X", static_cast<unsigned>(unit.base),
                  static_cast<unsigned>(unit.selector));
  } else {
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(unit.base));
  }
  return buf;
}

void GlyphRegistry::set_name_coverage(Coverage coverage) {
  coverage_ = std::move(coverage);
  encoded_.clear();
  for (SpecialGlyph& s : specials_) s.kind = classify(s.unit);
  changed_ = true;
}

SpecialKind GlyphRegistry::classify(NameUnit unit) const {
  const bool drawable = !is_variation_selector(unit.base) && coverage_ && coverage_(unit);
  return drawable ? SpecialKind::font_glyph : SpecialKind::missing_box;
}

void GlyphRegistry::note_ui_text(std::string_view utf8) {
  for (char32_t cp : decode_utf8(utf8)) {
    if (cp > 0xFFFF || cp < 0x20) continue;  // UI text is ours: BMP only, no controls
    if (ui_codes_.insert(static_cast<Code16>(cp)).second) changed_ = true;
  }
}

std::string GlyphRegistry::encode_name(std::string_view utf8) {
  std::string key(utf8);
  if (auto it = encoded_.find(key); it != encoded_.end()) return it->second;
  std::string out;
  for (const NameUnit unit : split_units(utf8)) {
    const bool plain = unit.selector == 0 && unit.base <= 0xFFFF && !is_private_use(unit.base) &&
                       !is_variation_selector(unit.base);
    if (plain && unit.base < 0x20) continue;  // control characters are not part of a name
    if (plain && (!coverage_ || coverage_(unit))) {
      if (name_codes_.insert(static_cast<Code16>(unit.base)).second) changed_ = true;
      append_utf8(out, unit.base);
    } else {
      append_utf8(out, special_code(unit));
    }
  }
  encoded_.emplace(std::move(key), out);
  return out;
}

Code16 GlyphRegistry::special_code(NameUnit unit) {
  if (auto it = special_by_unit_.find(unit); it != special_by_unit_.end()) return it->second;
  const auto next = static_cast<std::size_t>(kFirstSpecialCode) + specials_.size();
  // 6,400 distinct special units on one screen would be a programmer error.
  assert(next <= kLastSpecialCode && "GlyphRegistry: reserved code range exhausted");
  const auto code = static_cast<Code16>(next);
  specials_.push_back({unit, code, classify(unit)});
  special_by_unit_.emplace(unit, code);
  changed_ = true;
  return code;
}

const SpecialGlyph* GlyphRegistry::special_for(Code16 code) const {
  if (code < kFirstSpecialCode) return nullptr;
  const std::size_t index = code - kFirstSpecialCode;
  return index < specials_.size() ? &specials_[index] : nullptr;
}

void GlyphRegistry::clear() {
  ++generation_;
  coverage_ = nullptr;
  ui_codes_.clear();
  name_codes_.clear();
  specials_.clear();
  special_by_unit_.clear();
  encoded_.clear();
  changed_ = true;
}

GlyphRegistry& glyphs() {
  static GlyphRegistry registry;
  return registry;
}

}  // namespace shogo::ui
