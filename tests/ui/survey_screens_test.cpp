// A survey begins (P6.2–P6.4) through the kiosk: the supervisor designates on
// screen, the manager previews and imports a synthetic sheet off the UI
// thread, and the counts per system follow. A real vault (SQLCipher files,
// Argon2id at a small cost), the synthetic ward, and the headless harness,
// which fails any frame that draws a fallback glyph.
#include <catch2/catch.hpp>
#include <fcntl.h>
#include <sodium.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <tuple>

#include "kiosk/survey/audit_log.hpp"
#include "kiosk/survey/name_samples.hpp"
#include "kiosk/survey/sheet_store.hpp"
#include "kiosk/survey/survey_register.hpp"
#include "kiosk/ui/glyph_registry.hpp"
#include "kiosk/ui/i18n.hpp"
#include "kiosk/ui/kiosk_app.hpp"
#include "kiosk/ui/theme.hpp"
#include "provisioning/synthetic/synthetic_sheets.hpp"
#include "provisioning/synthetic/synthetic_ward.hpp"
#include "tests/support/audit_faults.hpp"
#include "tests/support/memory_scan.hpp"
#include "tests/support/secrets.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/ui_harness.hpp"

using namespace shogo;
using shogo::test::UiHarness;
namespace imp = shogo::storage::import;

namespace {

// Audit events of the kiosk's vault with this action and outcome.
long events_of(survey::Vault& vault, std::string_view action, std::string_view outcome) {
  auto events = survey::load_audit_events(vault.database());
  REQUIRE(events.ok());
  return std::count_if(events->begin(), events->end(),
                       [&](const auto& e) { return e.action == action && e.outcome == outcome; });
}

constexpr crypto::KdfCost kCheap{1, 8 * 1024};
const std::string kManager = "管理 一郎";
const std::string kSupervisor = "総括 花子";
const std::string kInvestigator = "調査 次郎";
const std::string kSurvey = "fy2026-1";
constexpr std::time_t kTenDaysLater =
    1795000000 + 10 * 86400;  // 2026-11-28: the ward's day is past

std::string passphrase_of(const std::string& name) { return name + " passphrase"; }

// Presses an action that asks first, and answers the dialog with `confirm`.
void click_and_confirm(UiHarness& h, ui::KioskApp& app, std::string_view action,
                       std::string_view confirm) {
  REQUIRE(h.click(app, action));
  h.frame(app);
  REQUIRE(h.click(app, confirm));
}

struct Kiosk {
  test::TempDir tmp;
  survey::synthetic::Ward ward = survey::synthetic::generate_ward();
  std::unique_ptr<survey::Vault> vault;
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
    REQUIRE(vault->surveys().create(kManager, kSurvey, 2026, "令和8年度 第1回"));
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
    // The profile folder is missing unless a test writes profiles.
    app = std::make_unique<ui::KioskApp>(
        vault.get(), ui::KioskOptions{{}, 300.0, tmp / "import", tmp / "profiles"});
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
  k.app->wait_for_work();
  h.frames(*k.app, 2);  // the outcome, then the page scrolled to it
  REQUIRE(k.app->screen() == ui::ScreenId::home);
}

// The manager opens the sitting (only a manager may), then hands over.
void sign_in_after_manager(UiHarness& h, Kiosk& k, const std::string& name) {
  sign_in(h, k, kManager);
  REQUIRE(h.click(*k.app, "サインアウト"));
  h.frame(*k.app);
  sign_in(h, k, name);
}

void replace_text(UiHarness& h, Kiosk& k, const std::string& field, const std::string& text) {
  REQUIRE(h.click(*k.app, field));
  // A field the screen focused after an error keeps its caret where the click
  // put it: select everything, as a user would, and type over it.
  h.press(*k.app, ImGuiKey_A, /*ctrl=*/true);
  h.type(*k.app, text);
}

// On the import screen: the JUKI access log of the import folder, previewed
// (`preview` is the button's label in the language on screen).
void preview_juki_access_log(UiHarness& h, Kiosk& k, const char* preview = "プレビュー") {
  REQUIRE(h.click(*k.app, "住基アクセスログ内部監査"));
  REQUIRE(h.click(*k.app, "file:juki-access-log.csv"));
  REQUIRE(h.click(*k.app, preview));
  k.app->wait_for_work();
  h.frames(*k.app, 2);  // the outcome, then the page scrolled to it
}

std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_text(const std::filesystem::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary);
  out << text;
  REQUIRE(out.good());
}

// Every occurrence of `from` in `text` replaced with `to`; `count` of them expected.
std::string replaced(std::string text, const std::string& from, const std::string& to,
                     std::size_t count) {
  std::size_t found = 0;
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
    ++found;
  }
  REQUIRE(found == count);
  return text;
}

// 12:00 UTC on a day: the same local date in every time zone within ±11 hours.
std::time_t noon_utc(int year, int month, int day) {
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = 12;
  return timegm(&tm);
}

bool has_survey(Kiosk& k, const std::string& id, survey::SurveySummary* out = nullptr) {
  auto surveys = survey::list_surveys(*k.vault);
  REQUIRE(surveys);
  for (const auto& s : *surveys) {
    if (s.id != id) continue;
    if (out != nullptr) *out = s;
    return true;
  }
  return false;
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
  REQUIRE(k.app->screen() == ui::ScreenId::designation);
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
  click_and_confirm(h, *k.app, "指定する", "指定を実行");
  h.frame(*k.app);
  CHECK_FALSE(h.drew("指定されませんでした"));
  CHECK(h.drew_wrapped("この調査の第1回の指定として"));
  const auto set = survey::load_designations(*k.vault, kSurvey);
  REQUIRE(set->history.size() == 1);
  CHECK(set->history[0].system == survey::System::juki);
  CHECK(set->history[0].designation.to == survey::TimeOfDay{10, 0, 0});
  CHECK_FALSE(set->history[0].designation.drawn);
  CHECK(survey::find_survey(*k.vault, kSurvey)->state == survey::SurveyState::designated);

  // P6.3 by the appliance: a drawn designation adds to the history (P6.3.d).
  click_and_confirm(h, *k.app, "抽選で指定する", "指定を実行");
  h.frame(*k.app);
  CHECK(h.drew("抽選で指定しました"));
  CHECK(survey::load_designations(*k.vault, kSurvey)->history.size() == 2);
  // Each designation is an audit event, by the supervisor, before any import.
  CHECK(events_of(*k.vault, "designate", "ok") == 1);
  CHECK(events_of(*k.vault, "designation_draw", "ok") == 1);

  // The overview shows the history and, with no rows yet, that JUKI is short (P6.2).
  REQUIRE(h.click(*k.app, "メニューに戻る"));
  h.frame(*k.app);
  REQUIRE(h.click(*k.app, "調査の状況"));
  h.frame(*k.app);
  CHECK(h.drew("抽選"));
  CHECK(h.drew("帳票が未取り込み"));             // nothing imported yet: not "not enough"
  CHECK(h.item("もう一度指定する") == nullptr);  // too early to say JUKI is short
  REQUIRE(h.click(*k.app, "指定する"));          // KOSEKI is not designated yet
  h.frame(*k.app);
  CHECK(k.app->screen() == ui::ScreenId::designation);
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
  REQUIRE(k.app->screen() == ui::ScreenId::sheet_import);
  CHECK(h.drew("juki-access-log.csv"));
  CHECK(h.drew("cs-operations.csv"));
  REQUIRE(h.click(*k.app, "住基アクセスログ内部監査"));
  REQUIRE(h.click(*k.app, "file:juki-access-log.csv"));
  h.frame(*k.app);
  REQUIRE(h.item("プレビュー") != nullptr);
  CHECK(h.item("プレビュー")->enabled);
  REQUIRE(h.click(*k.app, "プレビュー"));
  k.app->wait_for_work();
  h.frames(*k.app, 2);  // the outcome is taken at a frame start; the next shows it in view
  CHECK_FALSE(k.app->working());
  CHECK(h.drew("取り込む行（指定の範囲内）：" + std::to_string(expected) + "行"));
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

  click_and_confirm(h, *k.app, "取り込む", "取り込みを実行");
  k.app->wait_for_work();
  h.frames(*k.app, 2);  // the outcome, then the page scrolled to it
  CHECK(h.drew(std::to_string(expected) + "行を記録しました"));
  const auto count = k.juki_count();
  CHECK(count.rows == expected);
  CHECK(count.persons > 0);
  CHECK(h.drew(count.enough() ? "充足" : "不足（再指定が必要）"));
  // With one more person required, JUKI is short, and the overview says so.
  REQUIRE(survey::set_counting_rules(*k.vault, kManager, kSurvey,
                                     static_cast<int>(count.persons) + 1, 15));
  k.app->apply({ui::RequestScreen{ui::ScreenId::surveys}}, {h.now(), kTenDaysLater, true});
  h.frame(*k.app);
  CHECK(h.drew("不足（再指定が必要）"));
  CHECK(h.drew_wrapped("調査総括責任者に再指定を依頼してください"));
  k.app->apply({ui::RequestScreen{ui::ScreenId::sheet_import}}, {h.now(), kTenDaysLater, true});
  h.frame(*k.app);
  REQUIRE(h.click(*k.app, "住基アクセスログ内部監査"));
  REQUIRE(h.click(*k.app, "file:juki-access-log.csv"));

  // The same file again: refused, in plain Japanese.
  REQUIRE(h.click(*k.app, "プレビュー"));
  k.app->wait_for_work();
  h.frames(*k.app, 2);                  // the outcome, then the page scrolled to it
  if (h.item("取り込む") != nullptr) {  // the preview may already say so; the import does
    click_and_confirm(h, *k.app, "取り込む", "取り込みを実行");
    k.app->wait_for_work();
    h.frames(*k.app, 2);  // the outcome, then the page scrolled to it
  }
  CHECK(h.drew_wrapped("すでに取り込まれています"));
  CHECK(k.juki_count().rows == expected);
  // The import is in the audit log, once (the second was refused at its preview).
  CHECK(events_of(*k.vault, "sheet_import", "ok") == 1);

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
  h.frames(*k.app, 2);  // the outcome, then the page scrolled to it
  INFO(h.drawn_text());
  CHECK(h.drew_wrapped("まだ指定されていません"));
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
  for (auto screen :
       {ui::ScreenId::surveys, ui::ScreenId::designation, ui::ScreenId::sheet_import}) {
    k.app->apply({ui::RequestScreen{screen}}, {h.now(), kTenDaysLater, true});
    h.frame(*k.app);
    CHECK(k.app->screen() == ui::ScreenId::home);
  }
  // Stray requests change nothing either.
  k.app->apply(
      {ui::RequestDesignate{survey::System::koseki, "2026-11-18", "09:00", "10:00", {}, {}},
       ui::RequestDraw{survey::System::koseki},
       ui::RequestPreview{imp::SheetKind::juki_access_log, "juki-access-log.csv", ""}},
      {h.now(), kTenDaysLater, true});
  CHECK(survey::load_designations(*k.vault, kSurvey)->history.size() == 1);

  REQUIRE(h.click(*k.app, "サインアウト"));
  h.frame(*k.app);
  sign_in(h, k, kManager);
  CHECK(h.item("調査対象の指定") == nullptr);  // the supervisor's button
  k.app->apply({ui::RequestScreen{ui::ScreenId::designation}}, {h.now(), kTenDaysLater, true});
  h.frame(*k.app);
  CHECK(k.app->screen() == ui::ScreenId::designation);
  CHECK(h.drew_wrapped("指定できるのは、調査総括責任者だけです"));
  CHECK(h.item("指定する") == nullptr);
}

TEST_CASE("the survey screens draw for many frames with balanced Begin/End", "[survey]") {
  UiHarness h;
  h.set_wall(kTenDaysLater);
  Kiosk k(/*designate_juki=*/true);
  sign_in_after_manager(h, k, kSupervisor);
  for (auto screen :
       {ui::ScreenId::surveys, ui::ScreenId::designation, ui::ScreenId::sheet_import}) {
    k.app->apply({ui::RequestScreen{screen}}, {h.now(), kTenDaysLater, true});
    h.frames(*k.app, 5);
    CHECK(k.app->screen() == screen);
  }
  ui::set_language(ui::Language::english);
  for (auto screen : {ui::ScreenId::surveys, ui::ScreenId::designation}) {
    k.app->apply({ui::RequestScreen{screen}}, {h.now(), kTenDaysLater, true});
    h.frames(*k.app, 3);
  }
  CHECK(h.drew("Designate"));
  ui::set_language(ui::Language::japanese);
}

TEST_CASE("P6.1 the fiscal year runs April to March and the proposed id is the next number",
          "[survey]") {
  struct Case {
    survey::Date date;
    int fiscal_year;
  };
  for (const Case& c :
       {Case{{2026, 4, 1}, 2026}, Case{{2026, 11, 18}, 2026}, Case{{2027, 1, 1}, 2026},
        Case{{2027, 3, 31}, 2026}, Case{{2027, 4, 1}, 2027}}) {
    INFO(c.date.year << "-" << c.date.month << "-" << c.date.day);
    CHECK(survey::fiscal_year_of(c.date) == c.fiscal_year);
  }
  CHECK(survey::propose_survey_id(2026, {}) == "fy2026-1");
  CHECK(survey::propose_survey_id(2026, {"fy2026-1", "demo-2026-1", "fy2025-7"}) == "fy2026-2");
  CHECK(survey::propose_survey_id(2026, {"fy2026-3", "fy2026-1"}) == "fy2026-4");
  CHECK(survey::propose_survey_id(2026, {"fy2026-9x", "fy2026-", "fy2026-10"}) == "fy2026-11");
  CHECK(survey::propose_survey_id(2027, {"fy2026-4"}) == "fy2027-1");
  CHECK(survey::valid_survey_id("fy2026-2"));
  CHECK_FALSE(survey::valid_survey_id(""));
  CHECK_FALSE(survey::valid_survey_id("fy2026_2"));
  CHECK_FALSE(survey::valid_survey_id("../x"));
  CHECK_FALSE(survey::valid_survey_id("調査1"));
  CHECK_FALSE(survey::valid_survey_id(std::string(41, 'a')));
}

TEST_CASE("P6.1 a manager makes a new survey in the kiosk, and a supervisor is not offered it",
          "[survey]") {
  UiHarness h;
  h.set_wall(kTenDaysLater);  // 2026-11-28: fiscal year 2026
  Kiosk k;
  sign_in(h, k, kManager);
  REQUIRE(h.click(*k.app, "調査の状況"));
  h.frame(*k.app);
  REQUIRE(h.click(*k.app, "新しい調査を作る"));
  h.frame(*k.app);
  REQUIRE(h.item("fiscal-year") != nullptr);
  CHECK(h.drew("2026"));
  CHECK(h.drew("fy2026-2"));  // fy2026-1 exists: the next number

  // Refused in plain words, nothing made: no title, a bad id, an id in use.
  REQUIRE(h.click(*k.app, "作成"));
  h.frame(*k.app);
  CHECK(h.drew("調査の題名を入力してください"));
  replace_text(h, k, "title", "令和8年度 第2回（臨時）");
  replace_text(h, k, "survey-id", "fy2026/2");
  REQUIRE(h.click(*k.app, "作成"));
  h.frame(*k.app);
  CHECK(h.drew("調査IDには英数字と「-」だけを使えます"));
  replace_text(h, k, "survey-id", kSurvey);
  REQUIRE(h.click(*k.app, "作成"));
  h.frame(*k.app);
  CHECK(h.drew_wrapped("このIDの調査はすでにあります"));
  replace_text(h, k, "fiscal-year", "26");
  REQUIRE(h.click(*k.app, "作成"));
  h.frame(*k.app);
  CHECK(h.drew("4桁の数字"));
  REQUIRE(k.vault->is_open());
  CHECK(survey::list_surveys(*k.vault)->size() == 1);

  // The proposal follows the fiscal year until the id is edited by hand.
  REQUIRE(h.click(*k.app, "やめる"));
  h.frame(*k.app);
  CHECK(h.item("fiscal-year") == nullptr);
  REQUIRE(h.click(*k.app, "新しい調査を作る"));
  h.frame(*k.app);
  CHECK(h.drew("fy2026-2"));
  replace_text(h, k, "fiscal-year", "2027");
  h.frame(*k.app);
  CHECK(h.drew("fy2027-1"));
  replace_text(h, k, "fiscal-year", "2026");
  h.frame(*k.app);
  CHECK(h.drew("fy2026-2"));

  replace_text(h, k, "title", "令和8年度 第2回（臨時）");
  REQUIRE(h.click(*k.app, "作成"));
  h.frame(*k.app);
  CHECK(h.drew_wrapped("調査「fy2026-2」を作りました"));
  CHECK(h.drew("令和8年度 第2回（臨時）"));
  CHECK(h.drew("未指定"));
  CHECK(h.drew("まだ何も指定されていません"));  // the new survey is the one shown
  CHECK(h.item("fiscal-year") == nullptr);
  survey::SurveySummary made;
  REQUIRE(has_survey(k, "fy2026-2", &made));
  CHECK(made.fiscal_year == 2026);
  CHECK(made.title == "令和8年度 第2回（臨時）");
  CHECK(made.state == survey::SurveyState::draft);
  CHECK(std::filesystem::exists(k.vault->paths().survey("fy2026-2")));
  CHECK(survey::count_survey(*k.vault, "fy2026-2"));  // its file opens and holds no rows
  {
    auto events = survey::load_audit_events(k.vault->database());
    REQUIRE(events);
    CHECK(std::count_if(events->begin(), events->end(), [](const auto& e) {
            return e.action == "survey_create" && e.objects == "survey=fy2026-2" &&
                   e.outcome == "ok";
          }) == 1);
  }
  // The next proposal skips it.
  REQUIRE(h.click(*k.app, "新しい調査を作る"));
  h.frame(*k.app);
  CHECK(h.drew("fy2026-3"));

  // The supervisor sees the surveys but is not offered the form; a stray request makes nothing.
  REQUIRE(h.click(*k.app, "メニューに戻る"));
  h.frame(*k.app);
  REQUIRE(h.click(*k.app, "サインアウト"));
  h.frame(*k.app);
  sign_in(h, k, kSupervisor);
  REQUIRE(h.click(*k.app, "調査の状況"));
  h.frame(*k.app);
  CHECK(h.drew("令和8年度 第2回（臨時）"));
  CHECK(h.item("新しい調査を作る") == nullptr);
  k.app->apply({ui::RequestNewSurveyForm{true},
                ui::RequestCreateSurvey{"2026", "a stray survey", "fy2026-9"}},
               {h.now(), kTenDaysLater, true});
  h.frame(*k.app);
  CHECK(h.item("fiscal-year") == nullptr);
  CHECK(survey::list_surveys(*k.vault)->size() == 2);
}

TEST_CASE("P6.1 the default fiscal year comes from the wall clock (April to March)", "[survey]") {
  for (const auto& [wall, year, id] : {std::tuple{noon_utc(2027, 3, 15), "2026", "fy2026-2"},
                                       std::tuple{noon_utc(2027, 4, 15), "2027", "fy2027-1"}}) {
    UiHarness h;
    h.set_wall(wall);
    Kiosk k;
    sign_in(h, k, kManager);
    REQUIRE(h.click(*k.app, "調査の状況"));
    h.frame(*k.app);
    REQUIRE(h.click(*k.app, "新しい調査を作る"));
    h.frame(*k.app);
    CHECK(h.drew(year));
    CHECK(h.drew(id));
  }
}

TEST_CASE(
    "P6.4 a site's own profile reads a layout the reference profile refuses, and unreadable "
    "profile files are listed with the reason",
    "[survey]") {
  UiHarness h;
  h.set_wall(kTenDaysLater);
  Kiosk k(/*designate_juki=*/true);
  const std::size_t expected = k.juki_access_rows_in_window();
  REQUIRE(expected > 0);
  // The site's vendor calls the column 処理日時: one profile, no code.
  const auto profiles = k.tmp / "profiles";
  std::filesystem::create_directory(profiles);
  write_text(profiles / "site-juki.toml",
             replaced(std::string(imp::reference_profile(imp::SheetKind::juki_access_log)),
                      "\"操作日時\"", "\"処理日時\"", 1));
  write_text(profiles / "koseki-site.toml",
             std::string(imp::reference_profile(imp::SheetKind::koseki_issuance)));
  write_text(profiles / "broken.toml", "kind = \"juki-access-log\"\nsystem = \"JUKI\n");
  write_text(profiles / "typo.toml",
             replaced(std::string(imp::reference_profile(imp::SheetKind::juki_access_log)),
                      "terminal_id =", "terminal =", 1));
  write_text(profiles / "huge.toml", std::string(survey::kMaxProfileBytes + 1, '#'));
  write_text(profiles / "notes.txt", "not a profile");
  write_text(
      k.tmp / "import" / "juki-site.csv",
      replaced(read_text(k.tmp / "import" / "juki-access-log.csv"), "操作日時", "処理日時", 1));

  sign_in(h, k, kManager);
  REQUIRE(h.click(*k.app, "確認用帳票の取り込み"));
  h.frame(*k.app);
  REQUIRE(h.click(*k.app, "住基アクセスログ内部監査"));
  h.frame(*k.app);
  CHECK(h.drew("標準の列定義"));
  CHECK(h.drew("site-juki.toml"));
  CHECK_FALSE(h.drew("koseki-site.toml"));  // another kind of sheet
  CHECK_FALSE(h.drew("notes.txt"));
  CHECK(h.drew("broken.toml"));
  CHECK(h.drew_wrapped("この列定義ファイルの2行目に誤りがあります"));
  CHECK(h.drew("typo.toml"));
  CHECK(h.drew_wrapped("この列定義ファイルは「columns.terminal」の部分が読めません"));
  CHECK(h.drew("huge.toml"));
  CHECK(h.drew_wrapped("64キロバイトを超える"));
  REQUIRE(h.item("profile:broken.toml") != nullptr);
  CHECK_FALSE(h.item("profile:broken.toml")->enabled);
  CHECK(h.item("profile:site-juki.toml")->enabled);

  // The reference profile refuses the site's layout.
  REQUIRE(h.click(*k.app, "file:juki-site.csv"));
  REQUIRE(h.click(*k.app, "プレビュー"));
  k.app->wait_for_work();
  h.frames(*k.app, 2);  // the outcome, then the page scrolled to it
  CHECK(h.drew_wrapped("見出し行が見つかりません"));
  CHECK_FALSE(h.drew("取り込む行（指定の範囲内）"));

  // An unreadable file cannot be chosen; the site's profile can, and reads the file.
  REQUIRE(h.click(*k.app, "profile:broken.toml"));
  k.app->apply({ui::ProfileChosen{"broken.toml"}}, {h.now(), kTenDaysLater, true});
  REQUIRE(h.click(*k.app, "profile:site-juki.toml"));
  REQUIRE(h.click(*k.app, "プレビュー"));
  k.app->wait_for_work();
  h.frames(*k.app, 2);  // the outcome, then the page scrolled to it
  CHECK_FALSE(h.drew_wrapped("見出し行が見つかりません"));
  CHECK(h.drew("取り込む行（指定の範囲内）：" + std::to_string(expected) + "行"));
  CHECK(h.drew("読めない行はありません"));
  click_and_confirm(h, *k.app, "取り込む", "取り込みを実行");
  k.app->wait_for_work();
  h.frames(*k.app, 2);  // the outcome, then the page scrolled to it
  CHECK(h.drew(std::to_string(expected) + "行を記録しました"));
  CHECK(k.juki_count().rows == expected);

  // Another kind lists its own profiles; the unreadable files are listed under every kind.
  REQUIRE(h.click(*k.app, "証明書発行管理一覧"));
  h.frame(*k.app);
  CHECK(h.drew("koseki-site.toml"));
  CHECK_FALSE(h.drew("site-juki.toml"));
  CHECK(h.drew("broken.toml"));

  // Files are read when asked (一覧を更新), not every frame.
  write_text(profiles / "koseki-later.toml",
             std::string(imp::reference_profile(imp::SheetKind::koseki_issuance)));
  h.frame(*k.app);
  CHECK_FALSE(h.drew("koseki-later.toml"));
  REQUIRE(h.click(*k.app, "一覧を更新"));
  h.frame(*k.app);
  CHECK(h.drew("koseki-later.toml"));
}

TEST_CASE(
    "no resident's name, kana or birth date is drawn for anyone but on the manager's import "
    "preview",
    "[survey][privacy]") {
  UiHarness h;
  h.set_wall(kTenDaysLater);
  Kiosk k(/*designate_juki=*/true);
  sign_in(h, k, kManager);
  // The one door: the manager previews and imports a sheet, so the survey
  // holds residents' rows for every screen below to (not) show.
  REQUIRE(h.click(*k.app, "確認用帳票の取り込み"));
  h.frame(*k.app);
  preview_juki_access_log(h, k);
  REQUIRE(k.app->screen_as<ui::ImportScreen>().has_preview());
  click_and_confirm(h, *k.app, "取り込む", "取り込みを実行");
  k.app->wait_for_work();
  h.frames(*k.app, 2);  // the outcome, then the page scrolled to it
  REQUIRE(k.juki_count().rows > 0);

  // What the survey holds now: the residents of its stored rows.
  std::vector<std::string> personal;
  {
    auto db = k.vault->surveys().open(kSurvey);
    REQUIRE(db);
    auto rows = survey::load_access_rows(*db);
    REQUIRE(rows);
    REQUIRE_FALSE(rows->empty());
    const auto same_as_a_user = [](std::string name) {  // staff names are not residents'
      for (auto at = name.find("\u3000"); at != std::string::npos; at = name.find("\u3000"))
        name.replace(at, 3, " ");
      return name == kManager || name == kSupervisor || name == kInvestigator;
    };
    // The name check's fixed samples are built into the program (the synthetic
    // ward gives them to residents too): drawing them reveals nobody.
    const auto a_sample = [](const std::string& text) {
      for (const auto& sample : survey::hard_name_samples())
        if (text == sample.full || text == sample.full_kana) return true;
      return false;
    };
    for (const auto& r : *rows) {
      if (same_as_a_user(r.resident_name) || a_sample(r.resident_name)) continue;
      personal.push_back(r.resident_name);
      if (!a_sample(r.resident_kana)) personal.push_back(r.resident_kana);
      personal.push_back(survey::format_date(r.resident_birth));
    }
  }
  std::sort(personal.begin(), personal.end());
  personal.erase(std::unique(personal.begin(), personal.end()), personal.end());
  REQUIRE(personal.size() > 10);

  // Every role, every screen it can reach.
  const ui::ScreenId screens[] = {ui::ScreenId::home,         ui::ScreenId::name_check,
                                  ui::ScreenId::settings,     ui::ScreenId::audit_log,
                                  ui::ScreenId::surveys,      ui::ScreenId::designation,
                                  ui::ScreenId::sheet_import, ui::ScreenId::roster,
                                  ui::ScreenId::ledger,       ui::ScreenId::follow_up};
  int visited = 0;
  for (const std::string& who : {kManager, kSupervisor, kInvestigator}) {
    if (k.app->screen() != ui::ScreenId::home) REQUIRE(h.click(*k.app, "メニューに戻る"));
    h.frame(*k.app);
    REQUIRE(h.click(*k.app, "サインアウト"));
    h.frame(*k.app);
    sign_in(h, k, who);
    for (ui::ScreenId screen : screens) {
      k.app->apply({ui::RequestScreen{screen}}, {h.now(), kTenDaysLater, true});
      h.frames(*k.app, 3);
      if (k.app->screen() != screen) continue;  // not reachable for this role
      ++visited;
      INFO(who << " on " << ui::screen_id(screen));
      for (const std::string& p : personal) {
        INFO(p);
        CHECK_FALSE(h.drew(p));
      }
    }
  }
  // Manager, supervisor, investigator (the roster, the ledger's keeping and the
  // follow-up are the manager's; the investigator reaches the menu, names,
  // settings and the lending of sheets).
  CHECK(visited == 10 + 7 + 4);
}

namespace {

// Read back from the frame's draw data: no glyph is cut by its clip rectangle
// at the left or right (a column or a line too narrow for its text), and every
// primary action lies inside the viewport.
void check_fits(const UiHarness& h, ImVec2 display, const std::string& where) {
  int cut = 0;
  for (const auto& g : test::drawn_glyphs(ImGui::GetDrawData())) {
    // 2 px: a glyph's own side bearing (a "T" at the left margin) is not a cut.
    if (g.min.x < g.clip.x - 2.0f || g.max.x > g.clip.z + 2.0f) {
      if (++cut <= 3) {
        UNSCOPED_INFO(where << ": U+" << std::hex << g.code << std::dec << " at x " << g.min.x
                            << "–" << g.max.x << " clipped to " << g.clip.x << "–" << g.clip.z);
      }
    }
  }
  CHECK(cut == 0);
  // Japanese screens show no code, identifier, path or clause number, and not
  // the words the glossary replaced (docs/ui-guidelines.md, "Words").
  for (const char* code :
       {"KOSEKI", "JUKINET", "JUKI", "manager", "supervisor", "investigator", "sign_in",
        "view_personal_data", "language=", "/etc/", "P6.", "YYYY", "照合を終了", "もう一度見る"}) {
    INFO(where << ": drew " << code);
    CHECK_FALSE(h.drew(code));
  }
  int primaries = 0;
  for (const auto& item : h.items()) {
    if (!item.primary) continue;
    ++primaries;
    INFO(where << ": primary action " << item.label);
    CHECK(item.min.x >= 0);
    CHECK(item.min.y >= 0);
    CHECK(item.max.x <= display.x);
    CHECK(item.max.y <= display.y);
  }
  (void)primaries;
}

}  // namespace

TEST_CASE("every screen fits 1280x800 and 1920x1080: no text cut, the primary action on screen",
          "[survey][layout]") {
  for (const ImVec2 display : {ImVec2(1280, 800), ImVec2(1920, 1080)}) {
    const std::string size = std::to_string(static_cast<int>(display.x)) + "x" +
                             std::to_string(static_cast<int>(display.y));
    UiHarness h(display);
    h.set_wall(kTenDaysLater);
    Kiosk k(/*designate_juki=*/true);
    {  // Shogo's own administration in the audit log: 「Shogo（管理機能）」, a long actor
      const auto m = test::secure(passphrase_of(kManager));
      REQUIRE(k.vault->unlock(kManager, m));
      k.vault->close("system", "shutdown");
    }
    h.frame(*k.app);
    check_fits(h, display, size + " lock");
    sign_in(h, k, kManager);
    for (auto screen :
         {ui::ScreenId::home, ui::ScreenId::surveys, ui::ScreenId::settings,
          ui::ScreenId::audit_log, ui::ScreenId::name_check, ui::ScreenId::roster,
          ui::ScreenId::ledger, ui::ScreenId::follow_up, ui::ScreenId::sheet_import}) {
      k.app->apply({ui::RequestScreen{screen}}, {h.now(), kTenDaysLater, true});
      h.frames(*k.app, 3);
      check_fits(h, display, size + " " + ui::screen_id(screen));
      // Its explanation (F1): a long Japanese text, wrapped with kinsoku (the
      // harness checks every frame's lines).
      h.press_f1(*k.app);
      h.frames(*k.app, 2);
      CHECK(k.app->help_open());
      check_fits(h, display, size + " " + ui::screen_id(screen) + " help");
      h.press(*k.app, ImGuiKey_Escape);
      h.frame(*k.app);
    }
    // The import preview: its table of rows, and 取り込む in the action bar.
    preview_juki_access_log(h, k);
    REQUIRE(k.app->screen_as<ui::ImportScreen>().has_preview());
    check_fits(h, display, size + " import preview");
    const auto* import = h.item("取り込む");
    REQUIRE(import != nullptr);
    CHECK(import->primary);
    REQUIRE(h.click(*k.app, "メニューに戻る"));
    h.frame(*k.app);
    REQUIRE(h.click(*k.app, "サインアウト"));
    sign_in(h, k, kSupervisor);
    k.app->apply({ui::RequestScreen{ui::ScreenId::designation}}, {h.now(), kTenDaysLater, true});
    h.frames(*k.app, 3);
    check_fits(h, display, size + " designation");
  }
}

namespace {

// The screens' behaviour, checked against the English msgids: the Japanese
// wording may change without these tests changing (the catalog lint and the
// Japanese tests above cover the words).
struct InEnglish {
  InEnglish() { ui::set_language(ui::Language::english); }
  ~InEnglish() { ui::set_language(ui::Language::japanese); }
};

void fill_juki_designation(UiHarness& h, Kiosk& k) {
  REQUIRE(h.click(*k.app, "Resident registry system"));
  h.frame(*k.app);
  for (const auto& t : k.ward.terminals) {
    if (t.system == survey::System::juki) REQUIRE(h.click(*k.app, t.id));
  }
  replace_text(h, k, "date", "R8.11.18");  // as a ward writes it
  replace_text(h, k, "from", "09:00");
  replace_text(h, k, "to", "10:00");
  h.frame(*k.app);
}

}  // namespace

TEST_CASE("designating asks first: Escape and Enter cancel, only the confirming button stores",
          "[survey][dialog]") {
  UiHarness h;
  h.set_wall(kTenDaysLater);
  Kiosk k;
  sign_in_after_manager(h, k, kSupervisor);
  InEnglish english;
  k.app->apply({ui::RequestScreen{ui::ScreenId::designation}}, {h.now(), kTenDaysLater, true});
  h.frame(*k.app);
  fill_juki_designation(h, k);
  auto designations = [&] { return survey::load_designations(*k.vault, kSurvey)->history.size(); };

  REQUIRE(h.click(*k.app, "Designate"));
  h.frame(*k.app);
  REQUIRE(h.item("Yes, designate") != nullptr);  // the dialog says what will be stored
  CHECK(h.drew("Designate this?"));
  CHECK(h.drew("designation no. 1"));
  h.press(*k.app, ImGuiKey_Escape);
  h.frame(*k.app);
  CHECK(h.item("Yes, designate") == nullptr);
  CHECK(designations() == 0);
  CHECK(k.app->screen() == ui::ScreenId::designation);  // Escape closed the dialog only

  REQUIRE(h.click(*k.app, "Designate"));
  h.frame(*k.app);
  REQUIRE(h.item("Yes, designate") != nullptr);
  h.press(*k.app, ImGuiKey_Enter);  // the safe default has the focus
  h.frame(*k.app);
  CHECK(h.item("Yes, designate") == nullptr);
  CHECK(designations() == 0);

  REQUIRE(h.click(*k.app, "Designate"));
  h.frame(*k.app);
  REQUIRE(h.click(*k.app, "Yes, designate"));
  h.frame(*k.app);
  CHECK(designations() == 1);
  INFO(h.drawn_text());
  CHECK(h.drew_wrapped("Stored as designation no."));

  // Drawing lots asks too.
  REQUIRE(h.click(*k.app, "Designate by drawing lots"));
  h.frames(*k.app, 2);
  INFO(h.drawn_text());
  CHECK(h.drew("Designate by drawing lots?"));
  REQUIRE(h.click(*k.app, "Cancel"));
  h.frame(*k.app);
  CHECK(designations() == 1);

  // Escape with no dialog goes back to the menu.
  h.press(*k.app, ImGuiKey_Escape);
  h.frame(*k.app);
  CHECK(k.app->screen() == ui::ScreenId::home);
}

TEST_CASE("Enter in the designation form designates, as the button does", "[survey][keyboard]") {
  UiHarness h;
  h.set_wall(kTenDaysLater);
  Kiosk k;
  sign_in_after_manager(h, k, kSupervisor);
  InEnglish english;
  k.app->apply({ui::RequestScreen{ui::ScreenId::designation}}, {h.now(), kTenDaysLater, true});
  h.frame(*k.app);
  fill_juki_designation(h, k);
  REQUIRE(h.click(*k.app, "to"));
  h.press(*k.app, ImGuiKey_Enter);
  h.frame(*k.app);
  CHECK(h.item("Yes, designate") != nullptr);
}

TEST_CASE("importing asks first, and a sheet of a system not imported yet says so",
          "[survey][dialog]") {
  UiHarness h;
  h.set_wall(kTenDaysLater);
  Kiosk k(/*designate_juki=*/true);
  sign_in(h, k, kManager);
  InEnglish english;
  h.frame(*k.app);
  REQUIRE(h.click(*k.app, "Survey status"));
  h.frame(*k.app);
  CHECK(h.drew("Sheet not imported yet"));  // not "not enough": nothing is imported
  CHECK_FALSE(h.drew("Not enough"));
  k.app->apply({ui::RequestScreen{ui::ScreenId::sheet_import}}, {h.now(), kTenDaysLater, true});
  h.frame(*k.app);
  preview_juki_access_log(h, k, "Preview");
  REQUIRE(h.click(*k.app, "Import"));
  h.frames(*k.app, 2);  // an auto-sized dialog is measured on its first frame, drawn on the next
  CHECK(h.drew("Import this sheet?"));
  CHECK(k.juki_count().rows == 0);
  h.press(*k.app, ImGuiKey_Escape);
  h.frame(*k.app);
  CHECK_FALSE(k.app->working());
  CHECK(k.juki_count().rows == 0);
  REQUIRE(h.click(*k.app, "Import"));
  h.frame(*k.app);
  REQUIRE(h.click(*k.app, "Yes, import"));
  k.app->wait_for_work();
  h.frames(*k.app, 2);  // the outcome, then the page scrolled to it
  CHECK(k.juki_count().rows == k.juki_access_rows_in_window());
}

TEST_CASE("a preview with no row inside the designation says so and offers no import", "[survey]") {
  UiHarness h;
  h.set_wall(kTenDaysLater);
  Kiosk k(/*designate_juki=*/true);
  sign_in(h, k, kManager);
  InEnglish english;
  k.app->apply({ui::RequestScreen{ui::ScreenId::sheet_import}}, {h.now(), kTenDaysLater, true});
  h.frame(*k.app);
  // The JUKINET sheet's kind read as JUKI's: its rows are other terminals'.
  REQUIRE(h.click(*k.app, "住基アクセスログ内部監査"));
  REQUIRE(h.click(*k.app, "file:juki-online-forms.csv"));
  REQUIRE(h.click(*k.app, "Preview"));
  k.app->wait_for_work();
  h.frames(*k.app, 2);
  if (k.app->screen_as<ui::ImportScreen>().has_preview()) {
    CHECK(h.drew_wrapped("There is no row to import"));
    REQUIRE(h.item("Import") != nullptr);
    CHECK_FALSE(h.item("Import")->enabled);
  } else {
    CHECK(h.drew_wrapped("header"));  // refused at its header: a reason, no import offered
    CHECK(h.item("Import") == nullptr);
  }
}

TEST_CASE("the menu says what comes next, and F1 explains a screen", "[survey][keyboard]") {
  UiHarness h;
  h.set_wall(kTenDaysLater);
  Kiosk k(/*designate_juki=*/true);
  sign_in(h, k, kManager);
  InEnglish english;
  k.app->apply({ui::RequestScreen{ui::ScreenId::home}}, {h.now(), kTenDaysLater, true});
  h.frame(*k.app);
  CHECK(h.drew("What to do next"));
  CHECK(h.drew_wrapped("import the confirmation sheet of each designated system"));
  h.press_f1(*k.app);
  h.frame(*k.app);
  CHECK(k.app->help_open());
  CHECK(h.drew_wrapped("Lock the screen when you leave"));
  h.press(*k.app, ImGuiKey_Escape);
  h.frame(*k.app);
  CHECK_FALSE(k.app->help_open());
  CHECK(k.app->screen() == ui::ScreenId::home);
}

TEST_CASE("the audit log speaks in words, and its filters are picked", "[survey][audit]") {
  UiHarness h;
  h.set_wall(kTenDaysLater);
  Kiosk k(/*designate_juki=*/true);
  sign_in(h, k, kManager);
  k.app->apply({ui::RequestScreen{ui::ScreenId::audit_log}}, {h.now(), kTenDaysLater, true});
  h.frames(*k.app, 2);
  // No code of the chain reaches the Japanese screen.
  for (const char* code : {"sign_in", "view_personal_data", "designate", "manager", "supervisor",
                           "language=", "survey=", "ok"}) {
    INFO(code);
    CHECK_FALSE(h.drew(code));
  }
  CHECK(h.drew(ui::audit_action_label(survey::AuditAction::designate)));
  ui::AuditFilter only_designations;
  only_designations.action = survey::AuditAction::designate;
  k.app->apply({ui::AuditFilterChanged{only_designations}}, {h.now(), kTenDaysLater, true});
  h.frame(*k.app);
  CHECK_FALSE(h.drew(ui::audit_action_label(survey::AuditAction::unlock)));
  CHECK(h.drew(ui::audit_action_label(survey::AuditAction::designate)));
}

TEST_CASE("the lock screen works from the keyboard: arrows choose, focus returns after a refusal",
          "[keyboard]") {
  UiHarness h;
  Kiosk k;
  h.frame(*k.app);
  h.press(*k.app, ImGuiKey_DownArrow);  // the first name
  h.frames(*k.app, 2);
  h.press(*k.app, ImGuiKey_DownArrow);  // the next one
  h.frames(*k.app, 2);
  h.press(*k.app, ImGuiKey_UpArrow);  // back to the first
  h.frames(*k.app, 2);
  h.type(*k.app, "a wrong passphrase");  // straight into the field: it has the focus
  h.press(*k.app, ImGuiKey_Enter);
  k.app->wait_for_work();
  h.frames(*k.app, 3);
  REQUIRE(k.app->sitting().locked());
  CHECK_FALSE(k.app->last_error().empty());
  // Without a click: the field has the keyboard again. (The rate limit's wait
  // runs on the fake clock.)
  h.advance(120);
  h.frames(*k.app, 2);
  const std::string first = k.app->sitting().sign_in_names().front();
  h.type(*k.app, passphrase_of(first));
  h.press(*k.app, ImGuiKey_Enter);
  k.app->wait_for_work();
  h.frames(*k.app, 2);
  CHECK(k.app->screen() == ui::ScreenId::home);
}

TEST_CASE("Enter in the new-survey form creates the survey", "[survey][keyboard]") {
  UiHarness h;
  h.set_wall(kTenDaysLater);
  Kiosk k;
  sign_in(h, k, kManager);
  InEnglish english;
  k.app->apply({ui::RequestScreen{ui::ScreenId::surveys}}, {h.now(), kTenDaysLater, true});
  h.frame(*k.app);
  REQUIRE(h.click(*k.app, "Make a new survey"));
  h.frames(*k.app, 2);
  h.type(*k.app, "2026");  // the focus is in the first field
  REQUIRE(h.click(*k.app, "title"));
  REQUIRE(h.click(*k.app, "Kana input"));  // the title's mode: to Latin letters, as typed
  h.frames(*k.app, 2);
  h.type(*k.app, "second survey");
  h.press(*k.app, ImGuiKey_Enter);
  h.frame(*k.app);
  auto surveys = survey::list_surveys(*k.vault);
  REQUIRE(surveys);
  CHECK(surveys->size() == 2);
  CHECK(surveys->back().title == "second survey");
}

// --- What a new manager saw: the remaining problems, one test each ----------

TEST_CASE("only the content scrolls: the header and the action bar stay where they are",
          "[survey][layout]") {
  UiHarness h;
  h.set_wall(kTenDaysLater);
  Kiosk k(/*designate_juki=*/true);
  sign_in(h, k, kManager);
  k.app->apply({ui::RequestScreen{ui::ScreenId::sheet_import}}, {h.now(), kTenDaysLater, true});
  h.frame(*k.app);
  preview_juki_access_log(h, k);
  const ImVec2 middle(640, 400);
  for (int i = 0; i < 4; ++i) h.wheel(*k.app, middle, 10.0f);  // to the top of the page
  h.frames(*k.app, 2);
  auto header = [] {
    std::vector<std::tuple<unsigned, float, float>> glyphs;
    for (const auto& g : test::drawn_glyphs(ImGui::GetDrawData())) {
      if (g.max.y <= ui::theme::kHeaderHeight) glyphs.emplace_back(g.code, g.min.x, g.min.y);
    }
    return glyphs;
  };
  const auto header_before = header();
  REQUIRE(h.item("file:juki-access-log.csv") != nullptr);
  REQUIRE(h.item("取り込む") != nullptr);
  const float file_y = h.item("file:juki-access-log.csv")->min.y;
  const ImVec2 import_at = h.item("取り込む")->min;
  for (int i = 0; i < 4; ++i) h.wheel(*k.app, middle, -10.0f);  // down the page
  h.frames(*k.app, 2);
  REQUIRE(h.item("file:juki-access-log.csv") != nullptr);
  INFO("the file moved from y " << file_y << " to " << h.item("file:juki-access-log.csv")->min.y);
  CHECK(h.item("file:juki-access-log.csv")->min.y < file_y - 50);  // the content scrolled
  CHECK(h.item("取り込む")->min.x == import_at.x);                 // the bar did not
  CHECK(h.item("取り込む")->min.y == import_at.y);
  CHECK(header_before.size() > 10);  // title, user, role, clock
  CHECK(header() == header_before);  // nor did the header
}

TEST_CASE("the survey list is as high as its rows: no empty row under the last survey",
          "[survey][layout]") {
  UiHarness h;
  h.set_wall(kTenDaysLater);
  Kiosk k(/*designate_juki=*/true);
  sign_in(h, k, kManager);
  k.app->apply({ui::RequestScreen{ui::ScreenId::sheet_import}}, {h.now(), kTenDaysLater, true});
  h.frames(*k.app, 2);
  const auto* row = h.item("survey:" + kSurvey);
  const auto* next = h.item("住基アクセスログ内部監査");  // the first control under the list
  REQUIRE(row != nullptr);
  REQUIRE(next != nullptr);
  CHECK(row->max.y <= row->clip_max.y);  // the row is not cut by its table
  INFO("from the last survey's bottom " << row->max.y << " to the next control " << next->min.y);
  CHECK(next->min.y - row->max.y < 24.0f);  // cell padding and item spacing, no empty row
  CHECK(next->min.y > row->max.y);
}

TEST_CASE("after a sign-out the lock screen says the sitting is open", "[survey]") {
  UiHarness h;
  h.set_wall(kTenDaysLater);
  Kiosk k;
  h.frame(*k.app);
  CHECK(h.drew_wrapped("調査責任者がサインインすると作業セッションが始まります。"));
  sign_in(h, k, kManager);
  REQUIRE(h.click(*k.app, "サインアウト"));
  h.frames(*k.app, 2);
  CHECK(h.drew_wrapped("作業セッションは開始されています。"));
  CHECK_FALSE(h.drew_wrapped("調査責任者がサインインすると"));
}

TEST_CASE("a form's first field has the focus when its screen opens, and after an error",
          "[survey][keyboard]") {
  UiHarness h;
  h.set_wall(kTenDaysLater);
  Kiosk k;
  sign_in(h, k, kManager);
  // Settings: typed straight away, Enter saves.
  k.app->apply({ui::RequestScreen{ui::ScreenId::settings}}, {h.now(), kTenDaysLater, true});
  h.frames(*k.app, 2);
  h.press(*k.app, ImGuiKey_A, /*ctrl=*/true);
  h.type(*k.app, "99");  // more than 60 minutes: refused, and the field has the focus again
  h.press(*k.app, ImGuiKey_Enter);
  h.frames(*k.app, 2);
  CHECK(k.vault->idle_lock_seconds() == 300);
  h.press(*k.app, ImGuiKey_A, /*ctrl=*/true);
  h.type(*k.app, "7");
  h.press(*k.app, ImGuiKey_Enter);
  h.frame(*k.app);
  CHECK(k.vault->idle_lock_seconds() == 7 * 60);
  // Designation: the date field.
  REQUIRE(h.click(*k.app, "メニューに戻る"));
  h.frame(*k.app);
  REQUIRE(h.click(*k.app, "サインアウト"));
  sign_in(h, k, kSupervisor);
  k.app->apply({ui::RequestScreen{ui::ScreenId::designation}}, {h.now(), kTenDaysLater, true});
  h.frames(*k.app, 2);
  h.press(*k.app, ImGuiKey_A, /*ctrl=*/true);
  h.type(*k.app, "R8.11.20");
  h.frame(*k.app);
  CHECK(h.drew("R8.11.20"));
}

TEST_CASE("personal data and the audit log are not shown when their view cannot be recorded",
          "[survey][fail-closed]") {
  UiHarness h;
  h.set_wall(kTenDaysLater);
  Kiosk k(/*designate_juki=*/true);
  sign_in(h, k, kManager);
  // Every insert into the chain fails from now on (a real trigger in vault.db's connection).
  test::break_audit_appends(k.vault->database());
  k.app->apply({ui::RequestScreen{ui::ScreenId::sheet_import}}, {h.now(), kTenDaysLater, true});
  h.frame(*k.app);
  preview_juki_access_log(h, k);
  CHECK_FALSE(k.app->screen_as<ui::ImportScreen>().has_preview());
  CHECK(h.drew_wrapped("監査ログに記録できないため、この操作は行いませんでした。"));
  for (const auto& r : k.ward.access_log) {
    INFO(r.resident_name);
    CHECK_FALSE(h.drew(r.resident_name));
  }
  k.app->apply({ui::RequestScreen{ui::ScreenId::audit_log}}, {h.now(), kTenDaysLater, true});
  h.frames(*k.app, 2);
  CHECK(h.drew_wrapped("監査ログに記録できないため、この操作は行いませんでした。"));
  CHECK_FALSE(h.drew("サインイン"));  // no row of the log is drawn
}

using test::copies_in_memory;
using test::encodings_of;

TEST_CASE("a resident's name leaves the kiosk's memory at every lock and when the sitting closes",
          "[survey][privacy][memory]") {
  UiHarness h;
  h.set_wall(kTenDaysLater);
  Kiosk k(/*designate_juki=*/true);
  const survey::TimeOfDay from{9, 0, 0}, to{10, 0, 0};
  std::string shown;  // the first row the preview shows: its resident's name
  for (const auto& r : k.ward.access_log) {
    if (survey::synthetic::sheet_kind_for(r) == imp::SheetKind::juki_access_log && r.time >= from &&
        r.time < to) {
      shown = r.resident_name;
      break;
    }
  }
  REQUIRE_FALSE(shown.empty());
  const auto sheet = k.tmp / "import" / "juki-access-log.csv";
  // The kiosk runs in a child; the parent reads its memory at each step.
  int to_parent[2], to_child[2];
  REQUIRE(::pipe(to_parent) == 0);
  REQUIRE(::pipe(to_child) == 0);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    auto step = [&](char done) {
      (void)::write(to_parent[1], &done, 1);
      char go = 0;
      (void)::read(to_child[0], &go, 1);
    };
    // Readable by its parent even where a test before made the process
    // non-dumpable (harden_process) and the parent is not root.
    (void)::prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
    char start = 0;  // the parent has written the sheet with the canary
    if (::read(to_child[0], &start, 1) != 1) ::_exit(2);
    sign_in(h, k, kManager);
    if (!h.click(*k.app, "確認用帳票の取り込み")) ::_exit(3);
    h.frame(*k.app);
    preview_juki_access_log(h, k);
    h.frames(*k.app, 3);
    // 1: the preview is on screen (the parent finds the canary in memory)
    step(k.app->screen_as<ui::ImportScreen>().has_preview() ? 'p' : 'x');
    h.advance(301);  // the idle lock (300 s here), as a manager who walked away
    h.frames(*k.app, 3);
    // 2: locked, and the keys left with the data: vault.db is closed
    step(k.app->screen() == ui::ScreenId::lock && !k.vault->is_open() ? 'l' : 'x');
    sign_in(h, k, kManager);
    if (!h.click(*k.app, "画面をロック")) ::_exit(6);  // on the home screen
    h.frames(*k.app, 3);
    // 3: locked by the user, the vault closed again
    step(k.app->screen() == ui::ScreenId::lock && !k.vault->is_open() ? 'u' : 'x');
    sign_in(h, k, kManager);
    h.frames(*k.app, 2);
    if (!h.click(*k.app, "作業セッションを終了")) ::_exit(4);
    h.frame(*k.app);
    if (!h.click(*k.app, "作業セッションを終了する")) ::_exit(5);
    h.frames(*k.app, 3);
    step(k.vault->is_open() ? 'x' : 'c');  // 4: the sitting closed
    ::_exit(0);
  }
  // A canary made at run time, after the fork, so the child holds no copy
  // of it but what the kiosk reads from the sheet: 8 random kanji as the
  // name of the first resident the preview shows.
  std::string canary = "試験";
  for (int i = 0; i < 8; ++i) {
    ui::append_utf8(canary, static_cast<char32_t>(0x4E00 + randombytes_uniform(0x5000)));
  }
  {
    std::string text = read_text(sheet);
    std::size_t renamed = 0;
    for (auto at = text.find(shown); at != std::string::npos; at = text.find(shown, at)) {
      text.replace(at, shown.size(), canary);
      ++renamed;
    }
    REQUIRE(renamed >= 1);
    write_text(sheet, text);
  }
  const auto needles = encodings_of(canary);
  {
    const char start = 's';
    REQUIRE(::write(to_child[1], &start, 1) == 1);
  }
  auto wait_for = [&](char expected) {
    char got = 0;
    REQUIRE(::read(to_parent[0], &got, 1) == 1);
    REQUIRE(got == expected);
  };
  auto go_on = [&] {
    const char go = 'g';
    REQUIRE(::write(to_child[1], &go, 1) == 1);
  };
  wait_for('p');
  const std::size_t while_shown = copies_in_memory(child, needles);
  go_on();
  wait_for('l');
  const std::size_t after_lock = copies_in_memory(child, needles);
  go_on();
  wait_for('u');
  const std::size_t after_user_lock = copies_in_memory(child, needles);
  go_on();
  wait_for('c');
  const std::size_t after_close = copies_in_memory(child, needles);
  go_on();
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  CHECK(WIFEXITED(status));
  INFO("copies of the canary: " << while_shown << " shown, " << after_lock
                                << " after the idle lock, " << after_user_lock
                                << " after the user's lock, " << after_close << " after the close");
  CHECK(while_shown > 0);  // the scan finds it where it is
  CHECK(after_lock == 0);
  CHECK(after_user_lock == 0);
  CHECK(after_close == 0);
}
