// The composer (kiosk/ime/composer.hpp) with keys injected headless: what
// it consumes, what reaches the field, and what is committed.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "kiosk/ime/composer.hpp"

using namespace shogo::ime;

namespace {

// A field as the kiosk's will be: the composer first, then the field.
struct Field {
  Composer composer;
  std::string text;
  explicit Field(KanaConverter* c) : composer(c) {}
  void apply(const KeyResult& r) { text += r.commit; }
  void type(std::string_view keys) {
    for (char c : keys) {
      KeyResult r = composer.type(c);
      if (!r.consumed) {
        text.push_back(c);
      } else {
        apply(r);
      }
    }
  }
  void press(Key k) {
    KeyResult r = composer.key(k);
    if (r.consumed) {
      apply(r);
    } else if (k == Key::backspace && !text.empty()) {
      text.pop_back();  // ASCII only in these tests' field-side deletes
    }
  }
};

std::unique_ptr<KanaConverter> anthy() {
  auto c = KanaConverter::open();
  REQUIRE(c);
  return std::move(*c);
}

}  // namespace

TEST_CASE("Backspace while composing takes back letters, never committed text", "[ime]") {
  Field f(nullptr);
  f.text = "abc";
  f.type("ta");
  CHECK(f.composer.preedit().parts == std::vector<std::string>{"た"});
  f.press(Key::backspace);  // た goes
  CHECK_FALSE(f.composer.composing());
  CHECK(f.text == "abc");
  f.press(Key::backspace);  // nothing composed: the field's
  CHECK(f.text == "ab");
  f.type("kan");
  f.press(Key::backspace);  // the pending n
  f.press(Key::backspace);  // か
  CHECK(f.text == "ab");
  CHECK_FALSE(f.composer.composing());
}

TEST_CASE("Escape cancels the composition only", "[ime]") {
  auto c = anthy();
  Field f(c.get());
  f.text = "済み";
  f.type("kanji");
  CHECK(f.composer.key(Key::escape).consumed);
  CHECK_FALSE(f.composer.composing());
  CHECK(f.text == "済み");
  CHECK_FALSE(f.composer.key(Key::escape).consumed);  // nothing composed: the screen's Escape
  // While converting, Escape goes back to the kana, not further.
  f.type("kanji");
  f.press(Key::space);
  REQUIRE(f.composer.converting());
  f.press(Key::escape);
  CHECK_FALSE(f.composer.converting());
  CHECK(f.composer.preedit().parts == std::vector<std::string>{"かんじ"});
  f.press(Key::enter);
  CHECK(f.text == "済みかんじ");
}

TEST_CASE("a manager types 髙橋 and 渡邉 by romaji, picking the variants", "[ime]") {
  auto c = anthy();
  Field f(c.get());
  auto pick = [&](const std::string& want) {
    const auto& cands = f.composer.candidates();
    const auto it = std::find(cands.begin(), cands.end(), want);
    REQUIRE(it != cands.end());
    const int index = static_cast<int>(it - cands.begin());
    // Space opens the list and pages through it; a digit picks from the page shown.
    if (!f.composer.list_open()) f.press(Key::space);
    while (f.composer.page_start() + kCandidatesPerPage <= index) f.press(Key::space);
    f.apply(f.composer.pick(index - f.composer.page_start() + 1));
  };
  f.type("takahashi");
  f.press(Key::space);
  pick("髙橋");
  f.type("san,");  // a new letter commits nothing pending here: the conversion was picked
  f.press(Key::enter);
  f.type("watanabe");
  f.press(Key::convert);
  pick("渡邉");
  CHECK(f.text == "髙橋さん、渡邉");
}

TEST_CASE("segments: the current one moves and resizes, Enter commits them all", "[ime]") {
  auto c = anthy();
  Field f(c.get());
  f.type("yamadatarou");
  f.press(Key::space);
  REQUIRE(f.composer.preedit().parts.size() == 2);
  CHECK(f.composer.preedit().current == 0);
  f.press(Key::right);
  CHECK(f.composer.preedit().current == 1);
  f.press(Key::left);
  f.press(Key::shift_left);  // やまだ → やま: the rest follows
  CHECK(f.composer.preedit().parts.front() != "山田");
  f.press(Key::shift_right);
  f.press(Key::enter);
  CHECK(f.text.find("太郎") != std::string::npos);
  CHECK_FALSE(f.composer.composing());
}

TEST_CASE("英数 mode leaves every key to the field, and the toggle switches back", "[ime]") {
  Field f(nullptr);
  f.press(Key::toggle_mode);
  CHECK(f.composer.mode() == Mode::direct);
  f.type("ID-07 ");
  CHECK(f.text == "ID-07 ");
  f.press(Key::toggle_mode);
  f.type("ka");
  f.press(Key::katakana);
  CHECK(f.text == "ID-07 カ");
  f.type("1 ");  // digits and spaces with nothing composed are the field's
  CHECK(f.text == "ID-07 カ1 ");
}

TEST_CASE("the mode toggle and finish() keep what is composed, as it stands", "[ime]") {
  auto c = anthy();
  Field f(c.get());
  f.type("kana");
  f.press(Key::toggle_mode);  // the kana are committed, then 英数
  CHECK(f.text == "かな");
  CHECK(f.composer.mode() == Mode::direct);
  f.press(Key::toggle_mode);
  f.type("kanji");
  f.press(Key::space);
  REQUIRE(f.composer.converting());
  const std::string shown = f.composer.preedit().parts.front();
  f.text += f.composer.finish();  // a field left while converting
  CHECK(f.text == "かな" + shown);
  CHECK_FALSE(f.composer.composing());
}

TEST_CASE("digits pick only from an open list: after one Space they are typed (第1回)", "[ime]") {
  auto c = anthy();
  Field f(c.get());
  f.type("dai");
  f.press(Key::space);
  REQUIRE(f.composer.converting());
  CHECK_FALSE(f.composer.list_open());
  CHECK_FALSE(f.composer.pick(1).consumed);  // the field types it: the conversion is kept first
  f.press(Key::space);                       // the second Space opens the list
  CHECK(f.composer.list_open());
  f.press(Key::left);  // another segment (here: none) closes it
  CHECK_FALSE(f.composer.list_open());
}

TEST_CASE("a composer for ImGui's 16-bit fields offers no candidate beyond the BMP", "[ime]") {
  auto c = anthy();
  auto beyond = [](const std::vector<std::string>& cands) {
    return std::count_if(cands.begin(), cands.end(), [](const std::string& t) {
      return std::any_of(t.begin(), t.end(),
                         [](char b) { return static_cast<unsigned char>(b) >= 0xF0; });
    });
  };
  Field wide(c.get());
  wide.type("yoshida");
  wide.press(Key::space);
  REQUIRE(wide.composer.converting());
  CHECK(beyond(wide.composer.candidates()) > 0);  // 𠮷田, from the variants
  wide.composer.clear();
  Composer bmp(c.get(), /*bmp_only=*/true);
  for (char ch : std::string("yoshida")) (void)bmp.type(ch);
  REQUIRE(bmp.key(Key::space).consumed);
  const auto& offered = bmp.candidates();
  CHECK(std::find(offered.begin(), offered.end(), "吉田") != offered.end());
  CHECK(beyond(offered) == 0);
}
