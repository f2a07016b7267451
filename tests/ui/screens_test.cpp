// Every screen through ImGui with no backend (tests/support/ui_harness).
#include <catch2/catch.hpp>

#include "kiosk/shell/demo.hpp"
#include "kiosk/ui/i18n.hpp"
#include "tests/support/ui_harness.hpp"

using namespace shogo;
using shogo::test::UiHarness;

namespace {

struct Kiosk {
  survey::Sitting sitting{shell::demo_users(), 300.0};
  ui::KioskApp app{sitting, shell::demo_data(7)};
};

void sign_in(UiHarness& h, Kiosk& k, const std::string& user_id) {
  h.frame(k.app);
  REQUIRE(h.click(k.app, "user:" + user_id));
  REQUIRE(h.click(k.app, "サインイン"));
  h.frame(k.app);
}

}  // namespace

TEST_CASE("the kiosk starts on the lock screen, which lists the users by name") {
  UiHarness h;
  Kiosk k;
  h.frame(k.app);
  CHECK(k.app.screen() == ui::Screen::lock);
  CHECK(h.drew("画面はロックされています"));
  for (const auto& user : shell::demo_users()) CHECK(h.drew(user.name));
  CHECK_FALSE(h.drew("メニュー"));
  CHECK(h.foreground_vertices() == 0);  // no watermark, no personal data
}

TEST_CASE("sign-in is a real click: hover, press, release") {
  UiHarness h;
  Kiosk k;
  h.frame(k.app);
  const ui::ItemRecord* button = h.item("サインイン");
  REQUIRE(button != nullptr);
  CHECK_FALSE(button->enabled);  // nobody chosen yet
  REQUIRE(h.click(k.app, "user:u-manager-1"));
  h.frame(k.app);  // the choice is applied after the release frame
  CHECK(h.item("サインイン")->enabled);
  REQUIRE(h.click(k.app, "サインイン"));
  h.frame(k.app);
  CHECK(k.app.screen() == ui::Screen::home);
  CHECK(h.drew("メニュー"));
  CHECK(h.drew("髙木 誠"));
}

TEST_CASE("an investigator cannot open the sitting; the message says why") {
  UiHarness h;
  Kiosk k;
  sign_in(h, k, "u-investigator-1");
  CHECK(k.app.screen() == ui::Screen::lock);
  CHECK(h.drew("先に調査責任者がサインインして作業セッションを開始してください。"));
}

TEST_CASE("idle lock: after the limit nothing but the lock form is drawn") {
  UiHarness h;
  Kiosk k;
  sign_in(h, k, "u-manager-1");
  REQUIRE(h.click(k.app, "確認用帳票（デモデータ）"));
  h.frame(k.app);
  REQUIRE(k.app.screen() == ui::Screen::access_log);
  CHECK(h.foreground_vertices() > 0);  // watermark over personal data
  const std::string a_resident = shell::demo_data(7).access_log.front().resident_name;
  CHECK(h.drew(a_resident));

  h.advance(301.0);
  h.frame(k.app);
  CHECK(k.app.screen() == ui::Screen::lock);
  CHECK(h.drew("一定時間操作がなかったためロックしました。"));
  CHECK_FALSE(h.drew(a_resident));
  CHECK_FALSE(h.drew("確認用帳票"));
  CHECK_FALSE(h.drew("メニュー"));
  CHECK(h.foreground_vertices() == 0);
}

TEST_CASE("the watermark is drawn only on screens with personal data") {
  UiHarness h;
  Kiosk k;
  sign_in(h, k, "u-manager-1");
  CHECK(h.foreground_vertices() == 0);  // menu
  REQUIRE(h.click(k.app, "表示文字の確認"));
  h.frame(k.app);
  CHECK(k.app.shows_personal_data());
  CHECK(h.foreground_vertices() > 0);
  REQUIRE(h.click(k.app, "メニューに戻る"));
  h.frame(k.app);
  CHECK(h.foreground_vertices() == 0);
}

TEST_CASE("the name check screen draws every hard name exactly") {
  UiHarness h;
  Kiosk k;
  sign_in(h, k, "u-manager-1");
  REQUIRE(h.click(k.app, "表示文字の確認"));
  h.frame(k.app);
  for (const auto& sample : shell::demo_data(7).name_samples) CHECK(h.drew(sample.name));
  CHECK(h.drew("\U00020BB7"));
  CHECK(h.drew("\u845B\U000E0102"));
  CHECK(h.drew("\uE0A1"));
}

TEST_CASE("a frame that meets new characters is redrawn after the atlas grows") {
  UiHarness h;
  Kiosk k;
  h.frame(k.app);
  h.frame(k.app);
  CHECK(h.last_attempts() == 1);  // nothing new on the second frame
  REQUIRE(h.click(k.app, "user:u-manager-1"));
  REQUIRE(h.click(k.app, "サインイン"));
  h.frame(k.app);  // the menu has characters the lock screen had not
  REQUIRE(h.click(k.app, "表示文字の確認"));
  h.frame(k.app);  // first frame of the screen: hard names are new to the atlas
  CHECK(h.last_attempts() == 2);
  CHECK(h.drew("\U00020BB7"));  // and the frame that is shown has them
  h.frame(k.app);
  CHECK(h.last_attempts() == 1);
}

TEST_CASE("English is selectable from the lock screen") {
  UiHarness h;
  Kiosk k;
  h.frame(k.app);
  REQUIRE(h.click(k.app, "English"));
  h.frame(k.app);
  CHECK(h.drew("The screen is locked"));
  CHECK(h.drew("Sign in"));
  REQUIRE(h.click(k.app, "日本語"));
  h.frame(k.app);
  CHECK(h.drew("画面はロックされています"));
  ui::set_language(ui::Language::japanese);
}

TEST_CASE("quitting is deliberate: a manager confirms, and the sitting closes first") {
  UiHarness h;
  Kiosk k;
  sign_in(h, k, "u-manager-1");
  REQUIRE(h.click(k.app, "照合を終了"));
  h.frame(k.app);
  CHECK(k.app.quit_dialog_open());
  REQUIRE(h.click(k.app, "やめる"));
  h.frame(k.app);
  CHECK_FALSE(k.app.quit_dialog_open());
  CHECK_FALSE(k.app.quit_confirmed());
  REQUIRE(h.click(k.app, "照合を終了"));
  h.frame(k.app);
  REQUIRE(h.click(k.app, "終了する"));
  CHECK(k.app.quit_confirmed());
  CHECK_FALSE(k.sitting.sitting_open());
}

TEST_CASE("an investigator has no shut-down or close-sitting buttons") {
  UiHarness h;
  Kiosk k;
  sign_in(h, k, "u-manager-1");
  REQUIRE(h.click(k.app, "サインアウト"));
  sign_in(h, k, "u-investigator-1");
  REQUIRE(k.app.screen() == ui::Screen::home);
  CHECK(h.item("照合を終了") == nullptr);
  CHECK(h.item("作業セッションを終了") == nullptr);
  CHECK(h.item("画面をロック") != nullptr);
}

TEST_CASE("every screen draws for many frames with balanced Begin/End") {
  UiHarness h;
  Kiosk k;
  sign_in(h, k, "u-manager-1");
  for (auto screen :
       {ui::Screen::home, ui::Screen::access_log, ui::Screen::name_check, ui::Screen::settings}) {
    k.app.apply({ui::RequestScreen{screen}}, {h.now(), 0, true});
    h.frames(k.app, 5);  // an unbalanced Begin/End aborts inside libimgui.a
    CHECK(k.app.screen() == screen);
  }
}
