// Name fidelity at the atlas: the hard characters of registry names become
// real glyphs (or visible boxes), never "?" and never nothing.
#include <catch2/catch.hpp>
#include <imgui.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <vector>

#include "kiosk/shell/font_book.hpp"
#include "kiosk/ui/glyph_registry.hpp"
#include "kiosk/ui/widgets.hpp"

using namespace shogo;

namespace {

struct Atlas {
  ui::GlyphRegistry registry;  // declared first: outlives the book attached to it
  ImFontAtlas atlas;
  std::unique_ptr<shell::FontBook> book;
  Atlas() {
    auto b = shell::FontBook::open(shell::default_font_paths());
    REQUIRE(b.ok());
    book = std::move(b.value());
    registry.set_name_coverage([this](ui::NameUnit u) { return book->name_font_has(u); });
  }
  void build() { REQUIRE(book->rebuild(atlas, registry).ok()); }
  ImFont* name_font() { return atlas.Fonts[2]; }
};

struct GlyphInk {
  int width = 0, height = 0;
  std::vector<unsigned char> alpha;
  int ink() const {
    int n = 0;
    for (auto a : alpha) n += a > 96 ? 1 : 0;
    return n;
  }
};

GlyphInk ink_of(ImFontAtlas& atlas, const ImFontGlyph& g) {
  unsigned char* px = nullptr;
  int tw = 0, th = 0;
  atlas.GetTexDataAsAlpha8(&px, &tw, &th);
  const int x0 = static_cast<int>(std::lround(g.U0 * static_cast<float>(tw)));
  const int y0 = static_cast<int>(std::lround(g.V0 * static_cast<float>(th)));
  const int x1 = static_cast<int>(std::lround(g.U1 * static_cast<float>(tw)));
  const int y1 = static_cast<int>(std::lround(g.V1 * static_cast<float>(th)));
  GlyphInk ink{x1 - x0, y1 - y0, {}};
  for (int y = y0; y < y1; ++y) {
    for (int x = x0; x < x1; ++x) ink.alpha.push_back(px[y * tw + x]);
  }
  return ink;
}

ui::Code16 only_code(const std::string& encoded) {
  const auto cps = ui::decode_utf8(encoded);
  REQUIRE(cps.size() == 1);
  return static_cast<ui::Code16>(cps[0]);
}

}  // namespace

TEST_CASE("hard registry characters are real glyphs in the atlas, not the fallback") {
  Atlas a;
  const char* hard[] = {"\u9AD9",     "\u9089",           "\u9F4B",           "\uFA11",
                        "\U00020BB7", "\u845B\U000E0102", "\u845B\U000E0100", "\uE0A1"};
  std::vector<ui::Code16> codes;
  for (const char* h : hard) codes.push_back(only_code(a.registry.encode_name(h)));
  a.registry.encode_name("?");
  a.build();
  ImFont* font = a.name_font();
  const ImFontGlyph* question = font->FindGlyphNoFallback('?');
  REQUIRE(question != nullptr);
  const GlyphInk question_ink = ink_of(a.atlas, *question);
  for (std::size_t i = 0; i < codes.size(); ++i) {
    INFO("hard character #" << i << " " << hard[i]);
    const ImFontGlyph* g = font->FindGlyphNoFallback(codes[i]);
    REQUIRE(g != nullptr);
    CHECK(g != font->FallbackGlyph);
    const GlyphInk ink = ink_of(a.atlas, *g);
    CHECK(ink.ink() > 20);  // it did not vanish
    CHECK((ink.width != question_ink.width || ink.height != question_ink.height ||
           ink.alpha != question_ink.alpha));  // it is not "?"
    CHECK(g->AdvanceX > font->FontSize * 0.5f);
  }
}

TEST_CASE("𠮷 (U+20BB7) is drawn as itself, not as 吉 (U+5409)") {
  Atlas a;
  const auto tsuchi = only_code(a.registry.encode_name("\U00020BB7"));
  const auto samurai = only_code(a.registry.encode_name("\u5409"));
  CHECK(samurai == 0x5409);
  a.build();
  const ImFontGlyph* g1 = a.name_font()->FindGlyphNoFallback(tsuchi);
  const ImFontGlyph* g2 = a.name_font()->FindGlyphNoFallback(samurai);
  REQUIRE(g1 != nullptr);
  REQUIRE(g2 != nullptr);
  const GlyphInk i1 = ink_of(a.atlas, *g1);
  const GlyphInk i2 = ink_of(a.atlas, *g2);
  CHECK(i1.ink() > 20);
  CHECK(i1.alpha != i2.alpha);
  // Same line: the custom glyph sits on the baseline like the atlas's own.
  CHECK(std::fabs(g1->Y1 - g2->Y1) <= 2.0f);
  CHECK(std::fabs(g1->Y0 - g2->Y0) <= 3.0f);
  CHECK(std::fabs(g1->AdvanceX - g2->AdvanceX) <= 1.0f);
}

TEST_CASE("an IVS is drawn as its variant, different from the base character") {
  Atlas a;
  const auto variant = only_code(a.registry.encode_name("\u845B\U000E0102"));
  const auto base = only_code(a.registry.encode_name("\u845B"));
  a.build();
  const GlyphInk v = ink_of(a.atlas, *a.name_font()->FindGlyphNoFallback(variant));
  const GlyphInk b = ink_of(a.atlas, *a.name_font()->FindGlyphNoFallback(base));
  CHECK(v.ink() > 20);
  CHECK(v.alpha != b.alpha);
}

TEST_CASE("a character no font has is a framed box, wider than one character") {
  Atlas a;
  const auto code = only_code(a.registry.encode_name("\uE0A1"));
  a.build();
  const ImFontGlyph* g = a.name_font()->FindGlyphNoFallback(code);
  REQUIRE(g != nullptr);
  const GlyphInk ink = ink_of(a.atlas, *g);
  REQUIRE(ink.width > 8);
  REQUIRE(ink.height > 8);
  int top_row = 0, left_col = 0;
  for (int x = 0; x < ink.width; ++x) top_row += ink.alpha[static_cast<std::size_t>(x)] == 255;
  for (int y = 0; y < ink.height; ++y) {
    left_col += ink.alpha[static_cast<std::size_t>(y * ink.width)] == 255;
  }
  CHECK(top_row == ink.width);  // a full frame line
  CHECK(left_col == ink.height);
  CHECK(ink.ink() > 2 * (ink.width + ink.height) + 10);  // and digits inside
}

TEST_CASE("the atlas holds only the characters in use") {
  Atlas a;
  a.registry.encode_name("山田 太郎");
  a.build();
  ImFont* font = a.name_font();
  CHECK(font->FindGlyphNoFallback(0x5C71) != nullptr);  // 山
  CHECK(font->FindGlyphNoFallback(0x6CB3) == nullptr);  // 河: not asked for
  CHECK(a.atlas.TexHeight <= 1024);
  a.registry.encode_name("河");
  CHECK(a.registry.changed());
  a.build();
  CHECK(a.name_font()->FindGlyphNoFallback(0x6CB3) != nullptr);
  CHECK(a.book->rebuild_count() == 2);
}

TEST_CASE("a missing or broken font file gives a clear error") {
  auto missing = shell::FontBook::open({"/nonexistent/font.ttf", "/nonexistent/name.ttf"});
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == "font.missing");
  CHECK(missing.error().message.find("/nonexistent/font.ttf") != std::string::npos);

  char path[] = "/tmp/shogo-broken-font-XXXXXX";
  const int fd = mkstemp(path);
  REQUIRE(fd >= 0);
  const std::vector<char> junk(4096, 'x');
  REQUIRE(write(fd, junk.data(), junk.size()) == static_cast<ssize_t>(junk.size()));
  close(fd);
  auto broken = shell::FontBook::open({path, path});
  unlink(path);
  REQUIRE_FALSE(broken.ok());
  CHECK(broken.error().code == "font.broken");
}
