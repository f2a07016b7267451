// A survey begins (P6.2–P6.4) through the kiosk: the supervisor designates on
// screen, the manager previews and imports a synthetic sheet off the UI
// thread, and the counts per system follow. A real vault (SQLCipher files,
// Argon2id at a small cost), the synthetic ward, and the headless harness,
// which fails any frame that draws a fallback glyph.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>

#include "kiosk/survey/audit_log.hpp"
#include "kiosk/survey/survey_register.hpp"
#include "kiosk/survey/synthetic_sheets.hpp"
#include "kiosk/survey/synthetic_ward.hpp"
#include "kiosk/ui/i18n.hpp"
#include "kiosk/ui/kiosk_app.hpp"
#include "tests/support/secrets.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/ui_harness.hpp"

using namespace shogo;
using shogo::test::UiHarness;
namespace imp = shogo::storage::import;

namespace {

constexpr crypto::KdfCost kCheap{1, 8 * 1024};
const std::string kManager = "管理 一郎";
const std::string kSupervisor = "総括 花子";
const std::string kInvestigator = "調査 次郎";
const std::string kSurvey = "fy2026-1";
constexpr std::time_t kTenDaysLater =
    1795000000 + 10 * 86400;  // 2026-11-28: the ward's day is past

std::string passphrase_of(const std::string& name) { return name + " passphrase"; }

struct Kiosk {
  test::TempDir tmp;
  survey::synthetic::Ward ward = survey::synthetic::generate_ward();
  std::unique_ptr<survey::Vault> vault;
  survey::Sitting sitting{{}, 300.0};
  std::unique_ptr<ui::KioskApp> app;

  explicit Kiosk(bool designate_juki = false) {
    const auto m = test::secure(passphrase_of(kManager));
    const auto s = test::secure(passphrase_of(kSupervisor));
    const auto i = test::secure(passphrase_of(kInvestigator));
    REQUIRE(survey::Vault::create(tmp / "vault",
                                  {{kManager, survey::Role::manager, &m},
                                   {kSupervisor, survey::Role::supervisor, &s},
                                   {kInvestigator, survey::Role::investigator, &i}},
                                  kCheap, false));
    auto v = survey::Vault::open(tmp / "vault");
    REQUIRE(v);
    vault = std::move(*v);
    REQUIRE(vault->unlock(kManager, m));
    for (const auto& site : ward.sites) REQUIRE(survey::add_site(*vault, kManager, site));
    for (const auto& t : ward.terminals) REQUIRE(survey::add_terminal(*vault, kManager, t));
    REQUIRE(vault->create_survey(kManager, kSurvey, 2026, "令和8年度 第1回"));
    if (designate_juki) {
      REQUIRE(vault->unlock(kSupervisor, s));
      auto outcome = survey::designate(*vault, kSupervisor, kSurvey, survey::System::juki,
                                       juki_window(), {}, survey::Date{2026, 11, 28});
      REQUIRE(outcome);
      REQUIRE(outcome->stored);
    }
    std::filesystem::create_directory(tmp / "import");
    REQUIRE(survey::synthetic::write_reference_sheets(ward.access_log, tmp / "import"));
    vault->close(kManager, "test setup");
    app = std::make_unique<ui::KioskApp>(sitting, vault.get(), ui::DemoData{});
    app->set_import_folder(tmp / "import");
  }

  // JUKI, the ward's day, 09:00–10:00, every JUKI terminal.
  survey::Designation juki_window() const {
    survey::Designation d;
    d.date = survey::synthetic::WardOptions{}.day;
    d.from = {9, 0, 0};
    d.to = {10, 0, 0};
    for (const auto& t : ward.terminals)
      if (t.system == survey::System::juki) d.terminal_ids.push_back(t.id);
    return d;
  }
  std::size_t juki_access_rows_in_window() const {
    return static_cast<std::size_t>(
        std::count_if(ward.access_log.begin(), ward.access_log.end(), [](const auto& r) {
          return survey::synthetic::sheet_kind_for(r) == imp::SheetKind::juki_access_log &&
                 r.time >= survey::TimeOfDay{9, 0, 0} && r.time < survey::TimeOfDay{10, 0, 0};
        }));
  }
  survey::SystemCount juki_count() {
    auto counts = survey::count_survey(*vault, kSurvey);
    REQUIRE(counts);
    for (const auto& c : *counts)
      if (c.system == survey::System::juki) return c;
    FAIL("no JUKI count");
    return {};
  }
};

void sign_in(UiHarness& h, Kiosk& k, const std::string& name) {
  h.frame(*k.app);
  REQUIRE(h.click(*k.app, "user:" + name));
  h.frame(*k.app);
  h.frame(*k.app);
  h.type(*k.app, passphrase_of(name));
  REQUIRE(h.click(*k.app, "サインイン"));
  k.app->wait_for_sign_in();
  h.frame(*k.app);
  REQUIRE(k.app->screen() == ui::Screen::home);
}

// The manager opens the sitting (only a manager may), then hands over.
void sign_in_after_manager(UiHarness& h, Kiosk& k, const std::string& name) {
  sign_in(h, k, kManager);
  REQUIRE(h.click(*k.app, "サインアウト"));
  h.frame(*k.app);
  sign_in(h, k, name);
}

void replace_text(UiHarness& h, Kiosk& k, const std::string& field, const std::string& text) {
  REQUIRE(h.click(*k.app, field));  // the field selects all of its text when clicked
  h.type(*k.app, text);
}

}  // namespace

TEST_CASE(
    "P6.3 the supervisor designates on screen, and a short window is refused and stores nothing",
    "[survey]") {
  UiHarness h;
  h.set_wall(kTenDaysLater);
  Kiosk k;
  sign_in_after_manager(h, k, kSupervisor);
  REQUIRE(h.click(*k.app, "調査対象の指定"));
  h.frame(*k.app);
  REQUIRE(k.app->screen() == ui::Screen::designation);
  CHECK(h.drew("令和8年度 第1回"));
  REQUIRE(h.click(*k.app, "住民基本台帳等事務システム"));
  h.frame(*k.app);
  for (const auto& t : k.ward.terminals) {
    if (t.system == survey::System::juki) REQUIRE(h.click(*k.app, t.id));
  }
  replace_text(h, k, "date", "2026-11-18");
  replace_text(h, k, "from", "09:00");
  replace_text(h, k, "to", "09:10");

  REQUIRE(h.click(*k.app, "指定する"));
  h.frame(*k.app);
  CHECK(h.drew("指定されませんでした"));
  CHECK(h.drew("15分以上"));
  REQUIRE(k.vault->is_open());
  CHECK(survey::load_designations(*k.vault, kSurvey)->history.empty());
  CHECK(survey::find_survey(*k.vault, kSurvey)->state == survey::SurveyState::draft);

  replace_text(h, k, "to", "10:00");
  REQUIRE(h.click(*k.app, "指定する"));
  h.frame(*k.app);
  CHECK_FALSE(h.drew("指定されませんでした"));
  CHECK(h.drew("1 番目の指定として記録しました"));
  const auto set = survey::load_designations(*k.vault, kSurvey);
  REQUIRE(set->history.size() == 1);
  CHECK(set->history[0].system == survey::System::juki);
  CHECK(set->history[0].designation.to == survey::TimeOfDay{10, 0, 0});
  CHECK_FALSE(set->history[0].designation.drawn);
  CHECK(survey::find_survey(*k.vault, kSurvey)->state == survey::SurveyState::designated);

  // P6.3 by the appliance: a drawn designation adds to the history (P6.3.d).
  REQUIRE(h.click(*k.app, "抽選で指定する"));
  h.frame(*k.app);
  CHECK(h.drew("抽選で指定し"));
  CHECK(survey::load_designations(*k.vault, kSurvey)->history.size() == 2);

  // The overview shows the history and, with no rows yet, that JUKI is short (P6.2).
  REQUIRE(h.click(*k.app, "メニューに戻る"));
  h.frame(*k.app);
  REQUIRE(h.click(*k.app, "調査の状況"));
  h.frame(*k.app);
  CHECK(h.drew("抽選"));
  CHECK(h.drew("足りません — 再指定が必要です"));
  REQUIRE(h.click(*k.app, "もう一度指定する"));
  h.frame(*k.app);
  CHECK(k.app->screen() == ui::Screen::designation);
}

TEST_CASE("P6.4 the manager previews and imports a sheet off the UI thread and P6.2 counts follow",
          "[survey]") {
  UiHarness h;
  h.set_wall(kTenDaysLater);
  Kiosk k(/*designate_juki=*/true);
  const std::size_t expected = k.juki_access_rows_in_window();
  REQUIRE(expected > 0);
  sign_in(h, k, kManager);
  REQUIRE(h.click(*k.app, "確認用帳票の取り込み"));
  h.frame(*k.app);
  REQUIRE(k.app->screen() == ui::Screen::sheet_import);
  CHECK(h.drew("juki-access-log.csv"));
  CHECK(h.drew("cs-operations.csv"));
  REQUIRE(h.click(*k.app, "住基アクセスログ内部監査"));
  REQUIRE(h.click(*k.app, "file:juki-access-log.csv"));
  h.frame(*k.app);
  REQUIRE(h.item("プレビュー") != nullptr);
  CHECK(h.item("プレビュー")->enabled);
  REQUIRE(h.click(*k.app, "プレビュー"));
  k.app->wait_for_work();
  h.frame(*k.app);  // the worker's outcome is taken at the start of the frame
  CHECK_FALSE(k.app->working());
  CHECK(h.drew("取り込む行（指定の範囲内）：" + std::to_string(expected) + " 行"));
  CHECK(h.drew("指定の範囲外で取り込まない行"));
  CHECK(h.drew("読めない行はありません"));
  CHECK(k.app->shows_personal_data());
  CHECK(h.foreground_vertices() > 0);  // the watermark
  CHECK(k.juki_count().rows == 0);     // a preview stores nothing
  {
    auto events = survey::load_audit_events(k.vault->database());
    REQUIRE(events);
    CHECK(std::any_of(events->begin(), events->end(), [](const auto& e) {
      return e.action == "view_personal_data" && e.outcome == "ok" &&
             e.objects == "screen=import;sheet=juki-access-log;survey=" + kSurvey;
    }));
  }

  REQUIRE(h.click(*k.app, "取り込む"));
  k.app->wait_for_work();
  h.frame(*k.app);
  CHECK(h.drew(std::to_string(expected) + " 行を記録しました"));
  const auto count = k.juki_count();
  CHECK(count.rows == expected);
  CHECK(count.persons > 0);
  CHECK(h.drew(count.enough() ? "足りています" : "足りません — 再指定が必要です"));

  // The same file again: refused, in plain Japanese.
  REQUIRE(h.click(*k.app, "プレビュー"));
  k.app->wait_for_work();
  h.frame(*k.app);
  if (h.item("取り込む") != nullptr) {  // the preview may already say so; the import does
    REQUIRE(h.click(*k.app, "取り込む"));
    k.app->wait_for_work();
    h.frame(*k.app);
  }
  CHECK(h.drew("すでに取り込まれています"));
  CHECK(k.juki_count().rows == expected);

  // Leaving the screen leaves the preview's personal data behind.
  REQUIRE(h.click(*k.app, "メニューに戻る"));
  h.frame(*k.app);
  CHECK_FALSE(k.app->shows_personal_data());
}

TEST_CASE("P6.4 an import without a designation of its system is refused in plain words",
          "[survey]") {
  UiHarness h;
  h.set_wall(kTenDaysLater);
  Kiosk k(/*designate_juki=*/true);
  sign_in(h, k, kManager);
  REQUIRE(h.click(*k.app, "確認用帳票の取り込み"));
  h.frame(*k.app);
  REQUIRE(h.click(*k.app, "file:koseki-issuance.csv"));  // KOSEKI: not designated
  REQUIRE(h.click(*k.app, "プレビュー"));
  k.app->wait_for_work();
  h.frame(*k.app);
  CHECK(h.drew("まだ指定されていません"));
}

TEST_CASE("P5 an investigator reaches none of the survey screens, and a manager cannot designate",
          "[survey]") {
  UiHarness h;
  h.set_wall(kTenDaysLater);
  Kiosk k(/*designate_juki=*/true);
  sign_in_after_manager(h, k, kInvestigator);
  CHECK(h.item("調査の状況") == nullptr);
  CHECK(h.item("調査対象の指定") == nullptr);
  CHECK(h.item("確認用帳票の取り込み") == nullptr);
  for (auto screen : {ui::Screen::surveys, ui::Screen::designation, ui::Screen::sheet_import}) {
    k.app->apply({ui::RequestScreen{screen}}, {h.now(), kTenDaysLater, true});
    h.frame(*k.app);
    CHECK(k.app->screen() == ui::Screen::home);
  }
  // Stray requests change nothing either.
  k.app->apply({ui::RequestDesignate{}, ui::RequestPreview{}}, {h.now(), kTenDaysLater, true});
  CHECK(survey::load_designations(*k.vault, kSurvey)->history.size() == 1);

  REQUIRE(h.click(*k.app, "サインアウト"));
  h.frame(*k.app);
  sign_in(h, k, kManager);
  CHECK(h.item("調査対象の指定") == nullptr);  // the supervisor's button
  k.app->apply({ui::RequestScreen{ui::Screen::designation}}, {h.now(), kTenDaysLater, true});
  h.frame(*k.app);
  CHECK(k.app->screen() == ui::Screen::designation);
  CHECK(h.drew("調査総括責任者だけが"));
  CHECK(h.item("指定する") == nullptr);
}

TEST_CASE("the survey screens draw for many frames with balanced Begin/End", "[survey]") {
  UiHarness h;
  h.set_wall(kTenDaysLater);
  Kiosk k(/*designate_juki=*/true);
  sign_in_after_manager(h, k, kSupervisor);
  for (auto screen : {ui::Screen::surveys, ui::Screen::designation, ui::Screen::sheet_import}) {
    k.app->apply({ui::RequestScreen{screen}}, {h.now(), kTenDaysLater, true});
    h.frames(*k.app, 5);
    CHECK(k.app->screen() == screen);
  }
  ui::set_language(ui::Language::english);
  for (auto screen : {ui::Screen::surveys, ui::Screen::designation}) {
    k.app->apply({ui::RequestScreen{screen}}, {h.now(), kTenDaysLater, true});
    h.frames(*k.app, 3);
  }
  CHECK(h.drew("Designate"));
  ui::set_language(ui::Language::japanese);
}
