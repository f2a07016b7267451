// Japanese line breaking (kiosk/ui/text_layout.hpp): fixed cases in a table,
// then every message of po/ja.po at several widths, by a measure that makes
// the widths exact (an ASCII character 1, any other character 2, a variation
// selector or combining mark 0). The screens' own check, on every frame of
// every UI test, is in tests/support/ui_harness.cpp (no drawn line opens with
// a closing mark).

#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "kiosk/ui/glyph_registry.hpp"
#include "kiosk/ui/text_layout.hpp"
#include "tests/support/po_catalog.hpp"

namespace {

using shogo::ui::break_lines;
using shogo::ui::kinsoku_not_first;
using shogo::ui::kinsoku_not_last;

bool zero_width(char32_t cp) {
  return (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF) ||
         (cp >= 0x0300 && cp <= 0x036F) || cp == 0x3099 || cp == 0x309A || cp == 0x200D;
}

float cells(std::string_view s) {
  float w = 0;
  for (char32_t cp : shogo::ui::decode_utf8(s))
    w += zero_width(cp) ? 0.0f : cp < 0x80 ? 1.0f : 2.0f;
  return w;
}

std::vector<std::string> lines_of(std::string_view text, float width) {
  std::vector<std::string> out;
  for (std::string_view line : break_lines(text, width, cells)) out.emplace_back(line);
  return out;
}

using Lines = std::vector<std::string>;

}  // namespace

TEST_CASE("line breaking: the cases of the rules", "[text][kinsoku]") {
  struct Case {
    const char* text;
    float width;
    Lines lines;
  };
  const Case cases[] = {
      // 行頭禁則: "。" takes the last character of the line down with it (追い出し).
      {"あいうえ。かき", 8, {"あいう", "え。かき"}},
      {"はい、いいえ", 4, {"は", "い、", "いい", "え"}},
      {"調査」です", 4, {"調", "査」", "です"}},
      {"ちょっと", 2, {"ち", "ょ", "っ", "と"}},  // a run of small kana wider than the line
      {"データー", 6, {"デー", "ター"}},
      // 行末禁則: "「" goes down with what it opens.
      {"あいう「え」", 8, {"あいう", "「え」"}},
      {"（例：2026-11-18）", 12, {"（例：", "2026-11-18）"}},
      // Words and numbers hold; spaces of a soft break are dropped.
      {"Import this sheet?", 10, {"Import", "this", "sheet?"}},
      {"時刻08:30から", 6, {"時刻", "08:30", "から"}},
      {"1,234行", 6, {"1,234", "行"}},
      {"ID番", 3, {"ID", "番"}},
      {"%s件", 3, {"%s", "件"}},
      {"KS-S01-01, KS-S02-01", 12, {"KS-S01-01,", "KS-S02-01"}},  // terminal ids hold
      // A run with no break point, too wide: broken by units, at least one a line.
      {"ABCDEFGHIJ", 4, {"ABCD", "EFGH", "IJ"}},
      {"2026-11-18", 4, {"2026", "-11-", "18"}},
      {"漢", 1, {"漢"}},
      // 分離禁止: …… and ―― hold together.
      {"あいう……", 8, {"あいう", "……"}},
      {"あいう――", 8, {"あいう", "――"}},
      // A variation selector stays with its character.
      {"葛\U000E0100城", 2, {"葛\U000E0100", "城"}},
      // Lines and paragraphs.
      {"", 10, {}},
      {"\n", 10, {""}},
      {"あ\n\nい\n", 10, {"あ", "", "い"}},
      {"全角　空白", 10, {"全角　空白"}},
      {"　字下げ", 4, {"　字", "下げ"}},  // U+3000 is kept at a line start
      {"trailing  ", 20, {"trailing  "}},
  };
  for (const Case& c : cases) {
    INFO("text \"" << c.text << "\" width " << c.width);
    CHECK(lines_of(c.text, c.width) == c.lines);
  }
}

TEST_CASE("line breaking: invalid UTF-8 bytes are one unit each and the breaker ends",
          "[text][kinsoku]") {
  const std::string text = "\xff\xfe\xe3\x81";  // two bad bytes, then a cut-off character
  const auto lines = break_lines(text, 1, [](std::string_view s) { return float(s.size()); });
  CHECK(lines.size() == 4);
  std::string joined;
  for (auto l : lines) joined += l;
  CHECK(joined == text);
}

TEST_CASE("line breaking: the kinsoku classes", "[text][kinsoku]") {
  for (char32_t cp : std::u32string(
           U"、。，．）」』】〕〉》ー・：；？！ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々")) {
    INFO("U+" << std::hex << static_cast<unsigned>(cp));
    CHECK(kinsoku_not_first(cp));
    CHECK_FALSE(kinsoku_not_last(cp));
  }
  for (char32_t cp : std::u32string(U"（「『【〔〈《")) {
    INFO("U+" << std::hex << static_cast<unsigned>(cp));
    CHECK(kinsoku_not_last(cp));
    CHECK_FALSE(kinsoku_not_first(cp));
  }
  for (char32_t cp : std::u32string(U"あア漢A1 ")) {
    CHECK_FALSE(kinsoku_not_first(cp));
    CHECK_FALSE(kinsoku_not_last(cp));
  }
}

// Every message the users read, at the widths of a narrow dialog to a full
// line: no line opens with a closing mark or ends with an opening one, every
// line fits unless it is one unbreakable unit, no line is empty inside a
// paragraph, and the lines give the text back.
TEST_CASE("line breaking: every catalog message at several widths keeps kinsoku",
          "[text][kinsoku][catalog]") {
  const auto catalog = shogo::test::read_catalog(shogo::test::ja_catalog_path());
  REQUIRE(catalog.size() > 50);
  int checked = 0;
  for (const auto& entry : catalog) {
    if (entry.msgstr.empty()) continue;
    for (float width : {12.0f, 17.0f, 26.0f, 40.0f, 62.0f, 94.0f}) {
      INFO(entry.where << " width " << width << ": " << entry.msgstr);
      const auto lines = break_lines(entry.msgstr, width, cells);
      std::string joined, expected;
      for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::u32string cps = shogo::ui::decode_utf8(lines[i]);
        joined += lines[i];
        if (cps.empty()) continue;  // "\n\n"
        INFO("line " << i << ": " << std::string(lines[i]));
        CHECK(cps.front() != U' ');
        if (i > 0) CHECK_FALSE(kinsoku_not_first(cps.front()));
        if (i + 1 < lines.size()) CHECK_FALSE(kinsoku_not_last(cps.back()));
        if (cells(lines[i]) > width) CHECK(cps.size() == 1);
      }
      for (char c : entry.msgstr) {
        if (c != '\n') expected += c;
      }
      // Only spaces of soft breaks are missing.
      std::string a, b;
      for (char c : joined) {
        if (c != ' ') a += c;
      }
      for (char c : expected) {
        if (c != ' ') b += c;
      }
      CHECK(a == b);
      ++checked;
    }
  }
  CHECK(checked > 300);
}
