#include <catch2/catch.hpp>

#include "kiosk/ui/glyph_registry.hpp"

using namespace shogo::ui;

namespace {
// Coverage like IPAmj Mincho's for the units used here: no private use, no
// U+845B U+E0100, but U+845B U+E0102 and U+20BB7.
bool fake_coverage(NameUnit u) {
  if (u.selector == 0xE0100) return false;
  return !is_private_use(u.base);
}
std::u32string codes_of(const std::string& encoded) { return decode_utf8(encoded); }
}  // namespace

TEST_CASE("UTF-8 decoding never drops a byte silently") {
  CHECK(decode_utf8("a\xE9"
                    "b") == std::u32string{U'a', 0xFFFD, U'b'});
  CHECK(decode_utf8("\xF0\xA0\xAE\xB7") == std::u32string{0x20BB7});
  CHECK(decode_utf8("\xED\xA0\x80") == std::u32string{0xFFFD, 0xFFFD, 0xFFFD});  // surrogate
  CHECK(decode_utf8("\xC0\xAF") == std::u32string{0xFFFD, 0xFFFD});              // overlong
  std::string out;
  append_utf8(out, 0x20BB7);
  CHECK(out == "\xF0\xA0\xAE\xB7");
}

TEST_CASE("variation selectors attach to the character before them") {
  const auto units = split_units("\u845B\U000E0102\u897F");
  REQUIRE(units.size() == 2);
  CHECK(units[0] == NameUnit{0x845B, 0xE0102});
  CHECK(units[1] == NameUnit{0x897F, 0});
  CHECK(code_point_label(units[0]) == "U+845B U+E0102");
}

TEST_CASE("ordinary BMP characters pass through and are noted for the atlas") {
  GlyphRegistry r;
  r.set_name_coverage(fake_coverage);
  r.mark_built();
  const std::string encoded = r.encode_name("髙橋 一郎");
  CHECK(encoded == "髙橋 一郎");
  CHECK(r.changed());
  CHECK(r.name_codes().count(0x9AD9) == 1);
  CHECK(r.specials().empty());
}

TEST_CASE("non-BMP, IVS and private-use units become reserved 16-bit codes") {
  GlyphRegistry r;
  r.set_name_coverage(fake_coverage);
  const std::string encoded =
      r.encode_name("\U00020BB7\u7530 \u845B\U000E0102\u845B\U000E0100\uE0A1");
  const auto codes = codes_of(encoded);
  REQUIRE(codes.size() == 6);
  for (char32_t c : codes) CHECK(c <= 0xFFFF);  // all fit ImGui 1.86's ImWchar
  REQUIRE(r.specials().size() == 4);
  const SpecialGlyph* kichi = r.special_for(static_cast<Code16>(codes[0]));
  REQUIRE(kichi != nullptr);
  CHECK(kichi->unit == NameUnit{0x20BB7, 0});
  CHECK(kichi->kind == SpecialKind::font_glyph);
  CHECK(r.special_for(static_cast<Code16>(codes[3]))->unit == NameUnit{0x845B, 0xE0102});
  CHECK(r.special_for(static_cast<Code16>(codes[3]))->kind == SpecialKind::font_glyph);
  // The font lacks U+845B U+E0100 and U+E0A1: they become visible boxes.
  CHECK(r.special_for(static_cast<Code16>(codes[4]))->kind == SpecialKind::missing_box);
  CHECK(r.special_for(static_cast<Code16>(codes[5]))->unit == NameUnit{0xE0A1, 0});
  CHECK(r.special_for(static_cast<Code16>(codes[5]))->kind == SpecialKind::missing_box);
  // A private-use input never reaches ImGui as itself (it could collide).
  CHECK(codes[5] != 0xE0A1);
}

TEST_CASE("the same unit reuses its reserved code - encoding is cached") {
  GlyphRegistry r;
  r.set_name_coverage(fake_coverage);
  const std::string a = r.encode_name("\U00020BB7\u7530");
  r.mark_built();
  const std::string b = r.encode_name("\U00020BB7\u5DDD");
  CHECK(codes_of(a)[0] == codes_of(b)[0]);
  CHECK(r.specials().size() == 1);
  CHECK(r.changed());  // 川 is new
  r.mark_built();
  CHECK(r.encode_name("\U00020BB7\u5DDD") == b);
  CHECK_FALSE(r.changed());
}

TEST_CASE("a BMP character the name font lacks becomes a box, not a silent ?") {
  GlyphRegistry r;
  r.set_name_coverage([](NameUnit u) { return u.base != 0x4E02; });
  const auto codes = codes_of(r.encode_name("\u4E02"));
  REQUIRE(codes.size() == 1);
  const SpecialGlyph* s = r.special_for(static_cast<Code16>(codes[0]));
  REQUIRE(s != nullptr);
  CHECK(s->kind == SpecialKind::missing_box);
}

TEST_CASE("UI text notes BMP characters only and ignores control characters") {
  GlyphRegistry r;
  r.mark_built();
  r.note_ui_text("設定\n");
  CHECK(r.changed());
  CHECK(r.ui_codes().count(0x8A2D) == 1);
  CHECK(r.ui_codes().count('\n') == 0);
}
