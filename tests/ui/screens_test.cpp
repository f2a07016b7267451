// Every screen through ImGui with no backend (tests/support/ui_harness), on a
// real demo vault (real keyslots and SQLCipher files, Argon2id at a small cost).
#include <catch2/catch.hpp>
#include <imgui_internal.h>

#include <cstring>
#include <set>

#include "kiosk/survey/audit_log.hpp"
#include "kiosk/survey/name_samples.hpp"
#include "kiosk/survey/roster.hpp"
#include "kiosk/survey/survey_register.hpp"
#include "kiosk/ui/i18n.hpp"
#include "kiosk/ui/screens/audit_log_screen.hpp"
#include "provisioning/demo_vault.hpp"
#include "provisioning/synthetic/synthetic_ward.hpp"
#include "storage/database.hpp"
#include "tests/support/demo_kiosk.hpp"
#include "tests/support/secrets.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/ui_harness.hpp"

using namespace shogo;
using shogo::test::UiHarness;

namespace {

constexpr const char* kManager = "髙木 誠";
constexpr const char* kInvestigator = "佐藤 由美";

using Kiosk = test::DemoKiosk;

std::string passphrase_of(const std::string& name) { return test::demo_passphrase(name); }

void sign_in(UiHarness& h, Kiosk& k, const std::string& name, std::string passphrase = {}) {
  test::demo_sign_in(h, k, name, std::move(passphrase));
}

}  // namespace

TEST_CASE("the kiosk starts on the lock screen, which lists the users by name") {
  UiHarness h;
  Kiosk k;
  h.frame(k.app());
  CHECK(k.app().screen() == ui::ScreenId::lock);
  CHECK(h.drew("画面ロック中"));
  for (const auto& user : provisioning::demo_users()) CHECK(h.drew(user.name));
  CHECK_FALSE(h.drew("メニュー"));
  CHECK(h.foreground_vertices() == 0);  // no watermark, no personal data
}

TEST_CASE("sign-in is a real click: hover, press, release") {
  UiHarness h;
  Kiosk k;
  h.frame(k.app());
  const ui::ItemRecord* button = h.item("サインイン");
  REQUIRE(button != nullptr);
  CHECK_FALSE(button->enabled);  // nobody chosen yet
  REQUIRE(h.click(k.app(), std::string("user:") + kManager));
  h.frame(k.app());  // the choice is applied after the release frame
  CHECK(h.item("サインイン")->enabled);
  CHECK(h.item("passphrase") != nullptr);
  h.type(k.app(), passphrase_of(kManager));
  REQUIRE(h.click(k.app(), "サインイン"));
  CHECK(k.app().sitting().checking());
  h.frame(k.app());
  k.app().wait_for_work();
  h.frame(k.app());
  CHECK(k.app().screen() == ui::ScreenId::home);
  CHECK(h.drew("メニュー"));
  CHECK(h.drew("髙木 誠"));
  CHECK(k.vault->is_open());
}

TEST_CASE("a wrong passphrase is refused on screen - nothing opens") {
  UiHarness h;
  Kiosk k;
  sign_in(h, k, kManager, "not the passphrase");
  CHECK(k.app().screen() == ui::ScreenId::lock);
  CHECK_FALSE(k.vault->is_open());
  CHECK(h.drew("パスフレーズが違います。"));
}

TEST_CASE(
    "a vault whose tables differ from its audit log is refused on screen, saying what to do") {
  UiHarness h;
  Kiosk k;
  {
    // A key holder's edit with SQLCipher: an investigator made manager.
    auto v = survey::Vault::open(k.tmp / "vault");
    REQUIRE(v.ok());
    auto pass = test::secure(passphrase_of(kManager));
    REQUIRE((*v)->unlock(kManager, pass));
    auto hex = (*v)->demo_vault_key_hex();
    REQUIRE(hex);
    const auto key = test::bytes_from_hex(*hex, 32);
    (*v)->close(kManager, "test");
    auto db = storage::Database::open(k.tmp / "vault" / "vault.db", key,
                                      storage::OpenMode::open_existing);
    REQUIRE(db);
    REQUIRE(db->exec("UPDATE users SET role = 'manager' WHERE id = '佐藤 由美';"));
  }
  sign_in(h, k, kInvestigator);
  CHECK(k.app().screen() == ui::ScreenId::lock);
  CHECK_FALSE(k.vault->is_open());
  CHECK(
      h.drew_wrapped("保管庫の記録が監査ログと一致しないため、Shogoは保管庫を開きませんでした。"));
  CHECK(h.drew_wrapped("システム担当者に、Shogoの点検を依頼してください。"));
}

TEST_CASE("the passphrase leaves the text field and ImGui's copy as soon as it is sent") {
  UiHarness h;
  Kiosk k;
  h.frame(k.app());
  REQUIRE(h.click(k.app(), std::string("user:") + kManager));
  h.frame(k.app());
  h.type(k.app(), "secret-typed-here");
  const ImGuiContext* g = ImGui::GetCurrentContext();
  REQUIRE(g != nullptr);
  REQUIRE(h.click(k.app(), "サインイン"));
  k.app().wait_for_work();
  const std::string typed = "secret-typed-here";
  const auto& st = g->InputTextState;
  for (int i = 0; i + static_cast<int>(typed.size()) <= st.TextA.Size; ++i) {
    CHECK(std::memcmp(st.TextA.Data + i, typed.data(), typed.size()) != 0);
  }
  for (int i = 0; i + static_cast<int>(typed.size()) <= st.InitialTextA.Size; ++i) {
    CHECK(std::memcmp(st.InitialTextA.Data + i, typed.data(), typed.size()) != 0);
  }
  for (int i = 0; i < st.TextW.Size; ++i) CHECK(st.TextW[i] == 0);
}

TEST_CASE("closing the sitting closes the vault and wipes its keys") {
  UiHarness h;
  Kiosk k;
  sign_in(h, k, kManager);
  REQUIRE(k.vault->is_open());
  REQUIRE(h.click(k.app(), "作業セッションを終了"));
  h.frame(k.app());
  CHECK(k.app().close_dialog_open());  // it asks first
  CHECK(k.vault->is_open());
  REQUIRE(h.click(k.app(), "作業セッションを終了する"));
  h.frame(k.app());
  CHECK(k.app().screen() == ui::ScreenId::lock);
  CHECK_FALSE(k.vault->is_open());
  CHECK(h.drew("作業セッションは終了しました。"));
}

TEST_CASE("an investigator cannot open the sitting - the message says why") {
  UiHarness h;
  Kiosk k;
  sign_in(h, k, kInvestigator);
  CHECK(k.app().screen() == ui::ScreenId::lock);
  CHECK(h.drew_wrapped("先に調査責任者がサインインして作業セッションを開始してください。"));
}

TEST_CASE("idle lock: after the limit nothing but the lock form is drawn") {
  UiHarness h;
  Kiosk k;
  sign_in(h, k, kManager);
  REQUIRE(h.click(k.app(), "表示文字の確認"));
  h.frame(k.app());
  REQUIRE(k.app().screen() == ui::ScreenId::name_check);
  const std::string a_name(survey::hard_name_samples().front().full);
  CHECK(h.drew(a_name));

  h.advance(301.0);
  h.frame(k.app());
  CHECK(k.app().screen() == ui::ScreenId::lock);
  CHECK(h.drew("一定時間操作がなかったためロックしました。"));
  CHECK_FALSE(h.drew(a_name));
  CHECK_FALSE(h.drew("表示文字の確認"));
  CHECK_FALSE(h.drew("メニュー"));
  CHECK(h.foreground_vertices() == 0);
}

TEST_CASE("the watermark is drawn only on screens with personal data") {
  UiHarness h;
  Kiosk k;
  sign_in(h, k, kManager);
  CHECK(h.foreground_vertices() == 0);  // menu
  REQUIRE(h.click(k.app(), "表示文字の確認"));
  h.frame(k.app());
  CHECK_FALSE(k.app().shows_personal_data());  // made-up sample names, no resident's
  CHECK(h.foreground_vertices() == 0);
  REQUIRE(h.click(k.app(), "メニューに戻る"));
  h.frame(k.app());
  REQUIRE(h.click(k.app(), "確認用帳票の取り込み"));  // its preview lists residents' rows
  h.frame(k.app());
  CHECK(k.app().shows_personal_data());
  CHECK(h.foreground_vertices() > 0);
  REQUIRE(h.click(k.app(), "メニューに戻る"));
  h.frame(k.app());
  CHECK(h.foreground_vertices() == 0);
}

TEST_CASE("the name check screen draws every hard name exactly") {
  UiHarness h;
  Kiosk k;
  sign_in(h, k, kManager);
  REQUIRE(h.click(k.app(), "表示文字の確認"));
  h.frame(k.app());
  for (const auto& sample : survey::hard_name_samples()) {
    CHECK(h.drew(sample.full));
    CHECK(h.drew(sample.full_kana));
  }
  CHECK(h.drew("\U00020BB7"));
  CHECK(h.drew("\u845B\U000E0102"));
  CHECK(h.drew("\uE0A1"));
}

TEST_CASE("a frame that meets new characters is redrawn after the atlas grows") {
  UiHarness h;
  Kiosk k;
  h.frame(k.app());
  h.frame(k.app());
  CHECK(h.last_attempts() == 1);  // nothing new on the second frame
  sign_in(h, k, kManager);        // the menu has characters the lock screen had not
  REQUIRE(h.click(k.app(), "表示文字の確認"));
  h.frame(k.app());  // first frame of the screen: hard names are new to the atlas
  CHECK(h.last_attempts() == 2);
  CHECK(h.drew("\U00020BB7"));  // and the frame that is shown has them
  h.frame(k.app());
  CHECK(h.last_attempts() == 1);
}

TEST_CASE("English is selectable from the lock screen") {
  UiHarness h;
  Kiosk k;
  h.frame(k.app());
  REQUIRE(h.click(k.app(), "English"));
  h.frame(k.app());
  CHECK(h.drew("The screen is locked"));
  CHECK(h.drew("Sign in"));
  REQUIRE(h.click(k.app(), "日本語"));
  h.frame(k.app());
  CHECK(h.drew("画面ロック中"));
  ui::set_language(ui::Language::japanese);
}

TEST_CASE("quitting is deliberate: a manager confirms, and the sitting closes first") {
  UiHarness h;
  Kiosk k;
  sign_in(h, k, kManager);
  REQUIRE(h.click(k.app(), "Shogoを終了"));
  h.frame(k.app());
  CHECK(k.app().quit_dialog_open());
  REQUIRE(h.click(k.app(), "やめる"));
  h.frame(k.app());
  CHECK_FALSE(k.app().quit_dialog_open());
  CHECK_FALSE(k.app().quit_confirmed());
  REQUIRE(h.click(k.app(), "Shogoを終了"));
  h.frame(k.app());
  REQUIRE(h.click(k.app(), "終了する"));
  CHECK(k.app().quit_confirmed());
  CHECK_FALSE(k.app().sitting().sitting_open());
  CHECK_FALSE(k.vault->is_open());
}

TEST_CASE("an investigator has no shut-down or close-sitting buttons") {
  UiHarness h;
  Kiosk k;
  sign_in(h, k, kManager);
  REQUIRE(h.click(k.app(), "サインアウト"));
  sign_in(h, k, kInvestigator);
  INFO(k.app().last_error() << " / " << h.drawn_text());
  REQUIRE(k.app().screen() == ui::ScreenId::home);
  CHECK(h.item("Shogoを終了") == nullptr);
  CHECK(h.item("作業セッションを終了") == nullptr);
  CHECK(h.item("画面をロック") != nullptr);
}

TEST_CASE("every screen draws for many frames with balanced Begin/End") {
  UiHarness h;
  Kiosk k;
  sign_in(h, k, kManager);
  for (auto screen : {ui::ScreenId::home, ui::ScreenId::name_check, ui::ScreenId::settings,
                      ui::ScreenId::audit_log, ui::ScreenId::surveys, ui::ScreenId::designation,
                      ui::ScreenId::sheet_import, ui::ScreenId::roster, ui::ScreenId::ledger,
                      ui::ScreenId::follow_up}) {
    k.app().apply({ui::RequestScreen{screen}}, {h.now(), 0, true});
    h.frames(k.app(), 5);  // an unbalanced Begin/End aborts inside libimgui.a
    CHECK(k.app().screen() == screen);
  }
}

TEST_CASE("wrong passphrases make the lock screen ask to wait, and say for how long") {
  UiHarness h;
  Kiosk k;
  for (int i = 0; i < 4; ++i) sign_in(h, k, kInvestigator, "wrong guess " + std::to_string(i));
  h.frame(k.app());
  CHECK(h.drew("パスフレーズが違います。"));
  REQUIRE(h.click(k.app(), std::string("user:") + kInvestigator));
  h.frame(k.app());
  CHECK(h.drew("次の入力まで"));
  CHECK_FALSE(h.item("サインイン")->enabled);
  CHECK_FALSE(k.vault->is_open());
  // The countdown does not freeze: the frame loop sleeps at most until the
  // number of seconds shown changes (not until the clock's next minute, 30 s).
  const std::time_t wall = 1795000000 - 1795000000 % 60 + 30;
  CHECK(k.app().next_redraw({h.now(), wall, false}) <= 1.01);
}

TEST_CASE("a vault that cannot be opened is explained on the lock screen, and nothing else") {
  UiHarness h;
  ui::KioskApp app(nullptr, ui::KioskOptions{"The vault folder does not exist.", 300.0});
  h.frame(app);
  CHECK(h.drew("保管庫のフォルダーがありません。"));
  CHECK(h.drew("システム担当者に、Shogoの点検を依頼してください。"));
  CHECK(h.item("サインイン") == nullptr);
}

TEST_CASE("P6.4.c at the end of the day the sitting closes by itself and the vault locks") {
  UiHarness h;
  Kiosk k;
  sign_in(h, k, kManager);
  REQUIRE(k.vault->is_open());
  const std::time_t end = survey::next_end_of_day(1795000000, k.vault->end_of_day());
  h.set_wall(end - 60);
  h.frame(k.app());
  CHECK(k.vault->is_open());
  h.set_wall(end);
  h.frame(k.app());
  CHECK(k.app().screen() == ui::ScreenId::lock);
  CHECK_FALSE(k.app().sitting().sitting_open());
  CHECK_FALSE(k.vault->is_open());
}

TEST_CASE("every kiosk action writes its audit event, with no resident's data") {
  UiHarness h;
  Kiosk k;
  sign_in(h, k, kManager, "a wrong passphrase");  // a failure first
  sign_in(h, k, kManager);
  REQUIRE(h.click(k.app(), "表示文字の確認"));
  h.frame(k.app());
  REQUIRE(h.click(k.app(), "メニューに戻る"));
  h.frame(k.app());
  REQUIRE(h.click(k.app(), "設定"));
  h.frame(k.app());
  REQUIRE(h.click(k.app(), "English"));
  h.frame(k.app());
  REQUIRE(h.click(k.app(), "Back to menu"));
  h.frame(k.app());
  REQUIRE(h.click(k.app(), "Settings"));
  h.frame(k.app());
  REQUIRE(h.click(k.app(), "日本語"));
  h.frame(k.app());
  REQUIRE(h.click(k.app(), "メニューに戻る"));
  h.frame(k.app());
  REQUIRE(h.click(k.app(), "監査ログ"));
  h.frame(k.app());
  REQUIRE(h.click(k.app(), "メニューに戻る"));
  h.frame(k.app());
  REQUIRE(h.click(k.app(), "画面をロック"));
  sign_in(h, k, kManager);
  h.advance(301.0);
  h.frame(k.app());  // idle lock
  sign_in(h, k, kManager);
  REQUIRE(h.click(k.app(), "サインアウト"));
  sign_in(h, k, kManager);
  REQUIRE(h.click(k.app(), "Shogoを終了"));
  h.frame(k.app());
  REQUIRE(h.click(k.app(), "終了する"));
  REQUIRE(k.app().quit_confirmed());

  // Read the chain back as the next sign-in would.
  const auto pass = test::secure("demo-manager-1");
  REQUIRE(k.vault->unlock(kManager, pass).ok());
  auto events = survey::load_audit_events(k.vault->database());
  REQUIRE(events.ok());
  std::set<std::string> seen;
  for (const auto& e : *events) seen.insert(e.action);
  // The survey screens' actions (survey_create, designate, designation_draw,
  // sheet_import, view_personal_data of the import preview) are checked with
  // the kiosk as their actor in tests/ui/survey_screens_test.cpp; those of
  // the ledger and the sheet (sheets_complete, sheet_lend, sheet_return,
  // decide) and of the follow-up screen (follow_up, finding, hold_decision,
  // phrase_change) in tests/ui/reconciliation_screens_test.cpp.
  const std::set<survey::AuditAction> on_survey_screens = {survey::AuditAction::survey_create,
                                                           survey::AuditAction::designate,
                                                           survey::AuditAction::designation_draw,
                                                           survey::AuditAction::sheet_import,
                                                           survey::AuditAction::view_personal_data,
                                                           survey::AuditAction::sheets_complete,
                                                           survey::AuditAction::sheet_lend,
                                                           survey::AuditAction::sheet_return,
                                                           survey::AuditAction::decide,
                                                           survey::AuditAction::follow_up,
                                                           survey::AuditAction::finding,
                                                           survey::AuditAction::hold_decision};
  for (const auto& info : survey::audit_actions()) {
    if (!info.by_kiosk || on_survey_screens.count(info.action) > 0) continue;
    const std::string action(survey::audit_action_id(info.action));
    INFO(action);
    CHECK(seen.count(action) >= 1);
  }
  CHECK(crypto::audit::verify(*events, nullptr, {}).ok);
  // Never personal data: no resident's name or kana in any event.
  survey::synthetic::WardOptions options;
  options.seed = 7;
  const auto ward = survey::synthetic::generate_ward(options);
  for (const auto& e : *events) {
    const std::string all = e.actor + e.role + e.action + e.objects + e.outcome + e.detail;
    for (const auto& r : ward.residents) {
      CHECK(all.find(r.name) == std::string::npos);
      CHECK(all.find(r.kana) == std::string::npos);
    }
  }
}

TEST_CASE("a manager reads the audit log, filters it, and the view is itself audited") {
  UiHarness h;
  Kiosk k;
  sign_in(h, k, kManager, "a wrong passphrase");
  sign_in(h, k, kManager);
  REQUIRE(h.click(k.app(), "監査ログ"));
  h.frame(k.app());
  REQUIRE(k.app().screen() == ui::ScreenId::audit_log);
  CHECK(h.drew(ui::tr("The chain of the audit log holds (continuity checked).")));
  // Every field in words: the newest event (this view) first, the refused
  // sign-in, and the demo's imports a few events back; no English codes.
  CHECK(h.drew(ui::audit_action_label(survey::AuditAction::audit_view)));
  CHECK(h.drew_wrapped(ui::audit_outcome_label("keyslots.wrong_passphrase")));
  CHECK(h.drew(ui::audit_action_label(survey::AuditAction::sheet_import)));
  CHECK_FALSE(h.drew("audit_view"));
  CHECK_FALSE(h.drew("keyslots.wrong_passphrase"));
  // Filter by action, picked from a list: only the sign-ins remain.
  REQUIRE(h.click(k.app(), "action"));
  h.frame(k.app());
  REQUIRE(h.click(k.app(),
                  std::string("action:") + ui::audit_action_label(survey::AuditAction::sign_in)));
  h.frame(k.app());
  CHECK_FALSE(h.drew(ui::audit_action_label(survey::AuditAction::sheet_import)));
  CHECK(h.drew_wrapped(ui::audit_outcome_label("keyslots.wrong_passphrase")));
  INFO(h.drawn_text());
  // the demo maker's two (manager, supervisor), the wrong one, the right one
  CHECK(h.drew("件中4件"));
}

TEST_CASE("an investigator has no audit log button and cannot open it") {
  UiHarness h;
  Kiosk k;
  sign_in(h, k, kManager);
  REQUIRE(h.click(k.app(), "サインアウト"));
  sign_in(h, k, kInvestigator);
  CHECK(h.item("監査ログ") == nullptr);
  k.app().apply({ui::RequestScreen{ui::ScreenId::audit_log}}, {h.now(), 0, true});
  CHECK(k.app().screen() == ui::ScreenId::home);
}

TEST_CASE("P6.4.c the manager sets the idle lock and the end of the day on the settings screen") {
  UiHarness h;
  Kiosk k;
  // A kiosk that follows the vault's setting (no --idle-lock).
  ui::KioskApp follows(k.vault.get(), ui::KioskOptions{});
  k.app_ptr = &follows;
  sign_in(h, k, kManager);
  CHECK(h.drew("操作がないまま5分たつと画面をロックします。"));
  REQUIRE(h.click(k.app(), "設定"));
  h.frame(k.app());
  REQUIRE(h.item("idle-lock") != nullptr);
  h.type(k.app(), "2");  // the first field has the focus, its text selected
  REQUIRE(h.click(k.app(), "end-of-day"));
  h.type(k.app(), "25:00");
  REQUIRE(h.click(k.app(), "保存する"));
  h.frame(k.app());
  CHECK(h.drew_wrapped(
      "無操作ロックは1〜60分、作業終了時刻は「18:00」のような時刻で入力してください。"));
  CHECK(k.vault->end_of_day() == "18:00");  // nothing changed
  REQUIRE(h.click(k.app(), "end-of-day"));
  h.type(k.app(), "17:30");
  REQUIRE(h.click(k.app(), "保存する"));
  h.frame(k.app());
  CHECK(h.drew("保存しました。新しい設定は今から有効です。"));
  CHECK(k.vault->idle_lock_seconds() == 120);
  CHECK(k.vault->end_of_day() == "17:30");
  CHECK(k.app().sitting().idle_limit() == 120.0);
  {
    auto events = survey::load_audit_events(k.vault->database());
    REQUIRE(events.ok());
    CHECK(std::count_if(events->begin(), events->end(), [](const auto& e) {
            return e.action == "setting_change" && e.actor == kManager &&
                   e.objects == "end_of_day=17:30;idle_lock_seconds=120";
          }) == 1);
  }
  // The new idle limit applies: two minutes without input lock the screen.
  h.advance(121.0);
  h.frame(k.app());
  CHECK(k.app().screen() == ui::ScreenId::lock);
  // An investigator sees the settings but cannot change them.
  sign_in(h, k, kManager);
  REQUIRE(h.click(k.app(), "サインアウト"));
  sign_in(h, k, kInvestigator);
  REQUIRE(h.click(k.app(), "設定"));
  h.frame(k.app());
  CHECK(h.item("idle-lock") == nullptr);
  CHECK(h.item("保存する") == nullptr);
  CHECK(h.drew("この設定は調査責任者が変更します。"));
}

TEST_CASE("each user's text size: chosen in the settings, back at every sign-in, audited") {
  UiHarness h;
  Kiosk k;
  sign_in(h, k, kManager);
  CHECK(k.app().text_scale() == Approx(1.0f));
  k.app().apply({ui::RequestScreen{ui::ScreenId::settings}}, {h.now(), std::time(nullptr), true});
  h.frames(k.app(), 2);
  REQUIRE(h.click(k.app(), "特大"));
  h.frames(k.app(), 2);
  CHECK(k.app().text_scale() == Approx(1.3f));
  CHECK(ImGui::GetFontSize() == Approx(26.0f));  // the atlas was built again at 130 %
  CHECK(h.drew_wrapped("保存しました。この文字の大きさはあなたの設定で"));
  k.app().apply({ui::RequestLock{}}, {h.now(), std::time(nullptr), true});
  h.frames(k.app(), 2);
  CHECK(k.app().text_scale() == Approx(1.0f));  // the lock screen is at the standard size
  sign_in(h, k, kInvestigator);
  CHECK(k.app().text_scale() == Approx(1.0f));  // another user's own
  k.app().apply({ui::RequestLock{}}, {h.now(), std::time(nullptr), true});
  h.frames(k.app(), 2);
  sign_in(h, k, kManager);
  CHECK(k.app().text_scale() == Approx(1.3f));  // back at the manager's sign-in
  REQUIRE(k.vault->is_open());
  auto events = survey::load_audit_events(k.vault->database());
  REQUIRE(events);
  const bool audited = std::any_of(events->begin(), events->end(), [](const auto& e) {
    return e.action == "setting_change" && e.objects.find("text_size=130") != std::string::npos;
  });
  CHECK(audited);
  CHECK_FALSE(k.vault->set_text_size(kManager, 200));  // not one of the three
}

TEST_CASE("P4 the manager reads the operator roster in the kiosk, and nobody else") {
  UiHarness h;
  Kiosk k;  // the demo vault holds the synthetic ward's roster
  sign_in(h, k, kManager);
  REQUIRE(h.click(k.app(), "操作者名簿"));
  h.frames(k.app(), 2);
  CHECK(k.app().screen() == ui::ScreenId::roster);
  CHECK(h.drew("操作者ID"));
  CHECK(h.drew("委託事業者の従事者"));
  CHECK(h.drew("見本サービス株式会社"));
  CHECK(h.drew_wrapped("人（職員"));
  k.app().apply({ui::RequestSignOut{}}, {h.now(), std::time(nullptr), true});
  h.frames(k.app(), 2);
  sign_in(h, k, kInvestigator);
  REQUIRE(k.app().screen() == ui::ScreenId::home);
  CHECK(h.item("操作者名簿") == nullptr);  // no tile
  k.app().apply({ui::RequestScreen{ui::ScreenId::roster}}, {h.now(), std::time(nullptr), true});
  h.frame(k.app());
  CHECK(k.app().screen() != ui::ScreenId::roster);  // and no way in
}

TEST_CASE("P5.3.c the overview says which investigator's own operator ID is in a sheet") {
  UiHarness h;
  Kiosk k;  // the demo roster gives 佐藤 由美 an operator ID of the JUKI sheet
  sign_in(h, k, kManager);
  auto counts = survey::count_survey(*k.vault, std::string(provisioning::kDemoSurveyId));
  REQUIRE(counts);
  for (const auto& c : *counts) {
    INFO(survey::system_id(c.system));
    if (c.system == survey::System::juki) {
      CHECK(c.conflicted_investigators == std::vector<std::string>{kInvestigator});
    }
    CHECK(c.unknown_operators.empty());  // the demo roster knows every operator
  }
  k.app().apply({ui::RequestScreen{ui::ScreenId::surveys}}, {h.now(), std::time(nullptr), true});
  h.frames(k.app(), 3);
  for (int i = 0; i < 10; ++i) h.wheel(k.app(), ImVec2(640, 400), -3.0f);  // the counts, below
  h.frames(k.app(), 2);
  CHECK(h.drew_wrapped("この調査担当者はこの帳票を照合できません（利益相反）"));
  CHECK(h.drew(kInvestigator));
  // A manager's own ID in a sheet is no conflict of P5.3.c (they do not reconcile).
  auto roster = survey::load_roster(*k.vault);
  REQUIRE(roster);
  std::vector<storage::import::RosterEntry> entries;
  for (const auto& o : *roster) {
    entries.push_back({entries.size() + 2, o.id, o.name, o.kind, o.affiliation,
                       o.user_id == kInvestigator ? std::string(kManager) : o.user_id});
  }
  REQUIRE(survey::replace_roster(*k.vault, kManager, entries));
  counts = survey::count_survey(*k.vault, std::string(provisioning::kDemoSurveyId));
  REQUIRE(counts);
  for (const auto& c : *counts) CHECK(c.conflicted_investigators.empty());
}
