// Kana → kanji on Anthy (kiosk/ime/kana_converter.hpp): the dictionary's
// candidates, the registry variants after them, segments resized.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "kiosk/ime/kana_converter.hpp"

using namespace shogo::ime;

namespace {

bool offers(const Segment& s, const std::string& text) {
  return std::find(s.candidates.begin(), s.candidates.end(), text) != s.candidates.end();
}

}  // namespace

TEST_CASE("kana converts to the expected kanji, with registry variants offered", "[ime]") {
  auto converter = KanaConverter::open();
  REQUIRE(converter);
  struct Case {
    const char* kana;
    std::vector<std::vector<std::string>> expected;  // per segment: candidates that must be there
  };
  const Case cases[] = {
      {"かんじ", {{"漢字", "感じ", "かんじ"}}}, {"たかはし", {{"高橋", "髙橋"}}},
      {"わたなべ", {{"渡辺", "渡邊", "渡邉"}}}, {"やまざき", {{"山崎", "山﨑"}}},
      {"やまだたろう", {{"山田"}, {"太郎"}}},
  };
  for (const Case& c : cases) {
    INFO(c.kana);
    auto segments = (*converter)->convert(c.kana);
    REQUIRE(segments);
    REQUIRE(segments->size() == c.expected.size());
    for (std::size_t i = 0; i < c.expected.size(); ++i) {
      for (const auto& want : c.expected[i]) {
        INFO("segment " << i << " offers " << want);
        CHECK(offers((*segments)[i], want));
      }
    }
  }
}

TEST_CASE("a segment can be made longer or shorter", "[ime]") {
  auto converter = KanaConverter::open();
  REQUIRE(converter);
  auto segments = (*converter)->convert("やまだたろう");
  REQUIRE(segments);
  REQUIRE(segments->size() == 2);
  CHECK((*segments)[0].reading == "やまだ");
  auto shorter = (*converter)->resize(0, -1);
  REQUIRE(shorter);
  REQUIRE_FALSE(shorter->empty());
  CHECK((*shorter)[0].reading == "やま");
  CHECK(offers((*shorter)[0], "山"));
}

TEST_CASE("variants replace one table character every way", "[ime]") {
  CHECK(variants_of("渡辺") == std::vector<std::string>{"渡邊", "渡邉"});
  CHECK(variants_of("高崎") == std::vector<std::string>{"髙崎", "高﨑"});
  CHECK(variants_of("佐藤").empty());
}
