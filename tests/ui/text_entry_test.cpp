// Japanese text entry in the kiosk's fields (kiosk/ui/text_entry.hpp), keys
// injected headless through ImGui on a real demo vault: the survey's title
// and the name check's practice field typed by romaji, the pre-edit and the
// candidate list drawn where the user types, and what the composer consumes
// kept from the field and the screen.
#include <catch2/catch.hpp>
#include <imgui_internal.h>
#include <signal.h>
#include <sodium.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <string>

#include "kiosk/ime/composer.hpp"
#include "kiosk/survey/survey_register.hpp"
#include "kiosk/ui/page.hpp"
#include "kiosk/ui/text_entry.hpp"
#include "tests/support/demo_kiosk.hpp"
#include "tests/support/memory_scan.hpp"

using namespace shogo;
using shogo::test::UiHarness;

namespace {

constexpr const char* kManager = "髙木 誠";

struct Entry {
  UiHarness h;
  test::DemoKiosk k;
  ui::KioskApp& app() { return k.app(); }
  void go(ui::ScreenId screen) {
    test::demo_sign_in(h, k, kManager);
    app().apply({ui::RequestScreen{screen}}, {h.now(), std::time(nullptr), true});
    h.frames(app(), 2);
  }
  std::size_t surveys_before = 0;
  // The new-survey form, the keyboard in its title.
  void title_field() {
    go(ui::ScreenId::surveys);
    surveys_before = survey::list_surveys(*k.vault)->size();
    REQUIRE(h.click(app(), "新しい調査を作る"));
    h.frames(app(), 2);
    REQUIRE(h.click(app(), "title"));
    h.frame(app());
  }
  void type(std::string_view keys) { h.type(app(), keys); }
  void press(ImGuiKey key, bool shift = false) { h.press(app(), key, false, shift); }
  void press_extra(int index) { h.press_index(app(), index); }
  // The new survey's title, once made (Enter with nothing composed creates).
  std::string created_title() {
    if (ui::text_entry_composing()) press(ImGuiKey_Enter);  // commits what is composed
    press(ImGuiKey_Enter);
    h.frame(app());
    auto surveys = survey::list_surveys(*k.vault);
    REQUIRE(surveys);
    REQUIRE(surveys->size() == surveys_before + 1);
    return surveys->back().title;  // in the order made
  }
  // The open candidate list's window (ImGui's tooltip), or null.
  ImGuiWindow* candidate_window() {
    ImGuiWindow* w = ImGui::FindWindowByName("##Tooltip_00");
    return w != nullptr && w->Active ? w : nullptr;
  }
  // Picks `want` from the candidate list: Space opens it and pages, a digit picks.
  void pick(const std::string& want, int max_spaces = 40) {
    for (int i = 0; i < max_spaces; ++i) {
      type(" ");
      if (candidate_window() == nullptr) continue;
      for (int d = 1; d <= 9; ++d) {
        if (h.drew(std::to_string(d) + " " + want) || h.drew(std::to_string(d) + want)) {
          type(std::to_string(d));
          return;
        }
      }
    }
    FAIL("never offered: " << want << " in " << h.drawn_text());
  }
};

}  // namespace

TEST_CASE("a survey's title typed by romaji: kana as typed, Space converts, Enter keeps it",
          "[ime][keyboard]") {
  Entry e;
  e.title_field();
  CHECK(e.h.drew("かな"));  // the mode, beside the field
  e.type("chousa");
  CHECK(ui::text_entry_composing());
  CHECK(e.h.drew("ちょうさ"));  // the pre-edit, at the caret
  e.type(" ");
  CHECK(e.h.drew("調査"));
  CHECK(e.candidate_window() == nullptr);  // the first Space converts in place
  e.press(ImGuiKey_Enter);                 // keeps it; does not create the survey yet
  CHECK_FALSE(ui::text_entry_composing());
  CHECK(survey::list_surveys(*e.k.vault)->size() == e.surveys_before);
  e.type("1");  // a digit with nothing composed is the field's
  CHECK(e.created_title() == "調査1");
}

TEST_CASE("Backspace while composing takes back letters and leaves the title alone",
          "[ime][keyboard]") {
  Entry e;
  e.title_field();
  e.type("ab");  // あ, then a pending b
  e.press(ImGuiKey_Enter);
  REQUIRE(e.h.drew("あb"));
  e.type("ka");
  e.press(ImGuiKey_Backspace);  // か goes, and only it
  CHECK_FALSE(ui::text_entry_composing());
  CHECK(e.h.drew("あb"));
  e.press(ImGuiKey_Backspace);  // nothing composed: the field's own
  CHECK_FALSE(e.h.drew("あb"));
  CHECK(e.h.drew("あ"));
  e.type("i");
  CHECK(e.created_title() == "あい");
}

TEST_CASE("Escape cancels the composition only: the title and the form stay", "[ime][keyboard]") {
  Entry e;
  e.title_field();
  e.type("kana");
  e.press(ImGuiKey_Enter);
  e.type("kanji ");
  REQUIRE(ui::text_entry_composing());
  e.press(ImGuiKey_Escape);  // back to the kana
  CHECK(e.h.drew("かなかんじ"));
  e.press(ImGuiKey_Escape);  // the composition goes
  CHECK_FALSE(ui::text_entry_composing());
  CHECK(e.h.item("title") != nullptr);  // the form is still open
  CHECK(e.created_title() == "かな");
}

TEST_CASE("the candidate list: numbered, next to the caret, inside the screen, and a digit picks",
          "[ime][keyboard]") {
  Entry e;
  e.title_field();
  const ui::ItemRecord field = *e.h.item("title");
  e.type("kanji  ");  // Space converts, a second opens the list
  ImGuiWindow* list = e.candidate_window();
  REQUIRE(list != nullptr);
  CHECK(e.h.drew("1"));
  CHECK(e.h.drew("漢字"));
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  CHECK(list->Pos.x >= 0);
  CHECK(list->Pos.y >= 0);
  CHECK(list->Pos.x + list->Size.x <= display.x);
  CHECK(list->Pos.y + list->Size.y <= display.y);
  CHECK(list->Pos.y >= field.max.y - 2);  // below the line typed on
  CHECK(list->Pos.x < field.max.x);
  CHECK(list->Pos.x + list->Size.x > field.min.x);
  e.h.press(e.app(), ImGuiKey_DownArrow);
  e.h.press(e.app(), ImGuiKey_UpArrow);
  e.pick("感じ");
  CHECK_FALSE(ui::text_entry_composing());
  CHECK(e.created_title() == "感じ");
}

TEST_CASE("a click elsewhere keeps what was composed, in its field", "[ime][keyboard]") {
  Entry e;
  e.title_field();
  e.type("kousei");  // こうせい, not converted
  REQUIRE(e.h.click(e.app(), "survey-id"));
  e.h.frame(e.app());
  CHECK_FALSE(ui::text_entry_composing());
  REQUIRE(e.h.click(e.app(), "title"));
  e.h.frame(e.app());
  CHECK(e.created_title() == "こうせい");
}

TEST_CASE(
    "半角/全角 and the かな button switch the mode, and in 英数 letters reach the field as typed",
    "[ime][keyboard]") {
  Entry e;
  e.title_field();
  e.type("nen");
  e.press_extra(ui::extra_keys().toggle_mode);  // what was composed is kept
  CHECK_FALSE(ui::text_entry_kana_mode());
  CHECK(e.h.drew("英数"));
  e.type("do FY");
  CHECK_FALSE(ui::text_entry_composing());
  REQUIRE(e.h.click(e.app(), "英数"));  // the button beside the field
  e.h.frames(e.app(), 2);
  CHECK(ui::text_entry_kana_mode());
  e.type("ka");  // the keyboard went back to the field
  CHECK(e.h.drew("か"));
  e.press_extra(ui::extra_keys().f7);  // as katakana
  CHECK(e.created_title() == "ねんdo FYカ");
}

TEST_CASE("変換 converts, Shift+← → resize a segment, 無変換 keeps the kana", "[ime][keyboard]") {
  Entry e;
  e.title_field();
  e.type("yamadatarou");
  e.press_extra(ui::extra_keys().convert);
  CHECK(e.h.drew("山田"));
  CHECK(e.h.drew("太郎"));
  const auto reading = [] { return ui::text_entry_composer()->preedit().parts.size(); };
  REQUIRE(reading() == 2);
  e.press(ImGuiKey_RightArrow, /*shift=*/true);  // やまだ → やまだた: the rest follows
  CHECK(ui::text_entry_composer()->preedit().parts.front() != "山田");
  e.press(ImGuiKey_LeftArrow, /*shift=*/true);
  CHECK(ui::text_entry_composer()->preedit().parts.front() == "山田");
  e.press(ImGuiKey_Enter);
  e.type("sama");
  e.press_extra(ui::extra_keys().no_convert);
  CHECK(e.created_title() == "山田太郎さま");
}

TEST_CASE("髙橋 and 渡邉 typed into the name check's practice field, several lines",
          "[ime][keyboard]") {
  Entry e;
  e.go(ui::ScreenId::name_check);
  REQUIRE(e.h.click(e.app(), "practice"));
  e.h.frame(e.app());
  e.type("takahashi");
  e.pick("髙橋");
  e.type("san,");
  e.press(ImGuiKey_Enter);  // commits さん、
  e.press(ImGuiKey_Enter);  // nothing composed: a new line
  e.type("watanabe");
  e.pick("渡邉");
  e.type("san.");
  e.press(ImGuiKey_Enter);
  CHECK(e.h.drew("髙橋さん、"));
  CHECK(e.h.drew("渡邉さん。"));
  CHECK(e.h.drew("U+9AD9"));  // 髙, as a register shows it
  CHECK(e.h.drew("U+9089"));  // 邉
  // No candidate is beyond the BMP: ImGui's fields hold 16-bit characters.
  e.press(ImGuiKey_Enter);
  e.type("yoshida ");
  const auto& offered = ui::text_entry_composer()->candidates();
  CHECK(std::find(offered.begin(), offered.end(), "吉田") != offered.end());
  CHECK(std::find(offered.begin(), offered.end(), "𠮷田") == offered.end());
}

TEST_CASE("every lock wipes what is being composed", "[ime][keyboard]") {
  Entry e;
  e.title_field();
  e.type("takahashi ");
  REQUIRE(ui::text_entry_composing());
  e.app().apply({ui::RequestLock{}}, {e.h.now(), std::time(nullptr), true});
  e.h.frame(e.app());
  CHECK(e.app().sitting().locked());
  CHECK_FALSE(ui::text_entry_composing());
  CHECK_FALSE(e.h.drew("高橋"));
}

namespace {

// Random romaji made at run time (a literal would sit in the binary), and
// the kana it types: the name a manager types of a resident.
struct TypedCanary {
  std::string romaji, kana;
};
TypedCanary typed_canary() {
  static const std::pair<const char*, const char*> kSyllables[] = {
      {"ka", "か"},  {"ki", "き"}, {"ku", "く"}, {"ke", "け"}, {"ko", "こ"}, {"sa", "さ"},
      {"shi", "し"}, {"su", "す"}, {"se", "せ"}, {"so", "そ"}, {"ta", "た"}, {"te", "て"},
      {"to", "と"},  {"na", "な"}, {"ni", "に"}, {"nu", "ぬ"}, {"ne", "ね"}, {"no", "の"},
      {"ha", "は"},  {"hi", "ひ"}, {"fu", "ふ"}, {"he", "へ"}, {"ho", "ほ"}, {"ma", "ま"},
      {"mi", "み"},  {"mu", "む"}, {"me", "め"}, {"mo", "も"}, {"ra", "ら"}, {"ri", "り"},
      {"ru", "る"},  {"re", "れ"}, {"ro", "ろ"}};
  TypedCanary c;
  for (int i = 0; i < 10; ++i) {
    const auto& s = kSyllables[randombytes_uniform(std::size(kSyllables))];
    c.romaji += s.first;
    c.kana += s.second;
  }
  return c;
}

}  // namespace

TEST_CASE("what is typed leaves the kiosk's memory at every lock: the composer, Anthy, the field",
          "[ime][privacy][memory]") {
  Entry e;
  int to_parent[2], to_child[2];
  REQUIRE(::pipe(to_parent) == 0);
  REQUIRE(::pipe(to_child) == 0);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::close(to_parent[0]);
    ::close(to_child[1]);
    (void)::prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);  // readable by its parent
    char romaji[128] = {};
    if (::read(to_child[0], romaji, sizeof romaji - 1) <= 0) ::_exit(2);
    auto step = [&](char done) {
      (void)::write(to_parent[1], &done, 1);
      char go = 0;
      (void)::read(to_child[0], &go, 1);
    };
    auto practice = [&] {
      e.go(ui::ScreenId::name_check);
      if (!e.h.click(e.app(), "practice")) ::_exit(3);
      e.h.frame(e.app());
    };
    practice();
    e.type(romaji);
    e.type(" ");  // converted by Anthy, not committed
    step(ui::text_entry_composer()->converting() ? 'p' : 'x');
    e.h.advance(301);  // the idle lock
    e.h.frames(e.app(), 3);
    step(e.app().sitting().locked() && !ui::text_entry_composing() ? 'l' : 'x');
    practice();
    e.type(romaji);
    e.press(ImGuiKey_Enter);  // the kana committed into the field
    step(!ui::text_entry_composing() ? 'q' : 'x');
    e.app().apply({ui::RequestLock{}}, {e.h.now(), std::time(nullptr), true});
    e.h.frames(e.app(), 3);
    step(e.app().sitting().locked() ? 'u' : 'x');
    ::_exit(0);
  }
  ::close(to_parent[1]);
  ::close(to_child[0]);
  // A failed check below ends the test: the child is stopped with it.
  struct Reap {
    pid_t pid;
    ~Reap() {
      if (pid <= 0) return;
      ::kill(pid, SIGKILL);
      ::waitpid(pid, nullptr, 0);
    }
  } reap{child};
  const TypedCanary canary = typed_canary();
  std::vector<std::string> needles = test::encodings_of(canary.kana);
  for (const auto& n : test::encodings_of(ime::to_katakana(canary.kana))) needles.push_back(n);
  REQUIRE(::write(to_child[1], canary.romaji.c_str(), canary.romaji.size()) ==
          static_cast<ssize_t>(canary.romaji.size()));
  auto at = [&](char expected) {
    char got = 0;
    REQUIRE(::read(to_parent[0], &got, 1) == 1);
    REQUIRE(got == expected);
    const std::size_t n = test::copies_in_memory(child, needles);
    const char go = 'g';
    REQUIRE(::write(to_child[1], &go, 1) == 1);
    return n;
  };
  const std::size_t composing = at('p');
  const std::size_t after_idle_lock = at('l');
  const std::size_t in_field = at('q');
  const std::size_t after_lock = at('u');
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  reap.pid = 0;
  CHECK(WIFEXITED(status));
  INFO("copies of the typed canary: "
       << composing << " while converting, " << after_idle_lock << " after the idle lock, "
       << in_field << " committed in the field, " << after_lock << " after the user's lock");
  CHECK(composing > 0);  // the scan finds it where it is
  CHECK(after_idle_lock == 0);
  CHECK(in_field > 0);
  CHECK(after_lock == 0);
}
