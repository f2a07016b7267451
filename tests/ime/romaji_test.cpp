// Romaji → kana (kiosk/ime/romaji.hpp): the spellings a Japanese keyboard
// user types, one table of cases.
#include <catch2/catch.hpp>

#include <string>

#include "kiosk/ime/romaji.hpp"

using shogo::ime::RomajiBuffer;

namespace {

std::string typed(std::string_view keys) {
  RomajiBuffer b;
  for (char c : keys) b.type(c);
  return b.finish();
}

}  // namespace

TEST_CASE("romaji becomes the kana a Japanese keyboard user expects", "[ime]") {
  const std::pair<const char*, const char*> cases[] = {
      {"kanji", "かんじ"},
      {"takahashi", "たかはし"},
      {"watanabe", "わたなべ"},
      {"gakkou", "がっこう"},
      {"maccha", "まっちゃ"},
      {"chotto", "ちょっと"},
      {"shinbun", "しんぶん"},
      {"konnya", "こんや"},
      {"kon'ya", "こんや"},
      {"kinyuu", "きにゅう"},
      {"toukyou", "とうきょう"},
      {"sinbun", "しんぶん"},
      {"tiketto", "ちけっと"},
      {"tsukue", "つくえ"},
      {"tukue", "つくえ"},
      {"fuji", "ふじ"},
      {"huji", "ふじ"},
      {"jouhou", "じょうほう"},
      {"zyouhou", "じょうほう"},
      {"jyouhou", "じょうほう"},
      {"kyoushitsu", "きょうしつ"},
      {"vu", "ゔ"},
      {"xa", "ぁ"},
      {"ltu", "っ"},
      {"xtsu", "っ"},
      {"ti-mu", "ちーむ"},
      {"honn", "ほん"},
      {"hon", "ほん"},
      {"n", "ん"},
      {"a,i.", "あ、い。"},
      {"[kagi]", "「かぎ」"},
      {"dhi", "でぃ"},
      {"fa", "ふぁ"},
      {"KANJI", "かんじ"},
      {"yamadatarou", "やまだたろう"},
      {"sannnin", "さんにん"},
      {"b", "b"},
      {"kyt", "kyt"},
      {"wo", "を"},
      {"konnnichiha", "こんにちは"},
  };
  for (const auto& [keys, kana] : cases) {
    INFO(keys);
    CHECK(typed(keys) == kana);
  }
}

TEST_CASE("backspace takes back the last letter not yet kana, then the last kana", "[ime]") {
  RomajiBuffer b;
  for (char c : std::string_view("kank")) b.type(c);
  CHECK(b.kana() == "かん");
  CHECK(b.pending() == "k");
  CHECK(b.text() == "かんk");
  CHECK(b.backspace());
  CHECK(b.text() == "かん");
  CHECK(b.backspace());
  CHECK(b.text() == "か");
  CHECK(b.backspace());
  CHECK(b.empty());
  CHECK_FALSE(b.backspace());  // nothing left: the key is not the composer's
}

TEST_CASE("katakana of hiragana, other text unchanged", "[ime]") {
  CHECK(shogo::ime::to_katakana("やまだ たろう、ー") == "ヤマダ タロウ、ー");
  CHECK(shogo::ime::to_katakana("ゔぁ abc 漢字") == "ヴァ abc 漢字");
}
