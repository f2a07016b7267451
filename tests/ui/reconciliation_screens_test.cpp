// The daily work through the kiosk (P6.4.c, P6.5): the manager declares the
// sheets made, an investigator borrows a sheet with the manager's passphrase,
// decides every access by keyboard, and gives it back. A real demo vault
// (SQLCipher files, Argon2id at a small cost) and the headless harness.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "crypto/audit_chain.hpp"
#include "kiosk/survey/audit_log.hpp"
#include "kiosk/survey/ledger.hpp"
#include "kiosk/survey/reconciliation.hpp"
#include "kiosk/survey/survey_register.hpp"
#include "kiosk/ui/i18n.hpp"
#include "kiosk/ui/kiosk_app.hpp"
#include "provisioning/synthetic/synthetic_ward.hpp"
#include "tests/support/demo_kiosk.hpp"
#include "tests/support/secrets.hpp"
#include "tests/support/ui_harness.hpp"

using namespace shogo;
using shogo::test::DemoKiosk;
using shogo::test::UiHarness;

namespace {

const std::string kManager(provisioning::demo_users()[0].name);
const std::string kSupervisor(provisioning::demo_users()[1].name);
const std::string kConflicted(provisioning::demo_users()[2].name);  // an operator of JUKI
const std::string kInvestigator(provisioning::demo_users()[3].name);
const std::string kSurvey(provisioning::kDemoSurveyId);

// The manager opens the sitting, declares the sheets made (the supervisor
// accepting a shortfall if the demo has one), and signs out.
void sheets_made(UiHarness& h, DemoKiosk& k) {
  test::demo_sign_in(h, k, kManager);
  REQUIRE(h.click(k.app(), "帳票の貸出"));
  h.frame(k.app());
  REQUIRE(k.app().screen() == ui::ScreenId::ledger);
  CHECK(h.drew_wrapped("調査責任者が帳票の作成完了を宣言するまで貸し出せません。"));
  REQUIRE(h.click(k.app(), "帳票の作成完了を宣言する"));
  h.frame(k.app());
  if (h.item("user:" + kSupervisor) != nullptr) {  // a shortfall: the supervisor accepts
    REQUIRE(h.click(k.app(), "user:" + kSupervisor));
    h.frames(k.app(), 2);
    h.type(k.app(), test::demo_passphrase(kSupervisor));
    REQUIRE(h.click(k.app(), "確認する"));
    k.app().wait_for_work();
    h.frame(k.app());
  }
  CHECK(h.drew_wrapped("帳票の作成が完了しました。"));
  CHECK(survey::find_survey(*k.vault, kSurvey)->state == survey::SurveyState::sheets_made);
  REQUIRE(h.click(k.app(), "メニューに戻る"));
  h.frame(k.app());
  REQUIRE(h.click(k.app(), "サインアウト"));
  h.frame(k.app());
}

// On the ledger screen: the manager confirms what the panel asks.
void manager_confirms(UiHarness& h, DemoKiosk& k) {
  REQUIRE(h.click(k.app(), "user:" + kManager));
  h.frames(k.app(), 2);
  h.type(k.app(), test::demo_passphrase(kManager));
  REQUIRE(h.click(k.app(), "確認する"));
  k.app().wait_for_work();
  h.frame(k.app());
}

long count_events(survey::Vault& vault, std::string_view action) {
  auto events = survey::load_audit_events(vault.database());
  REQUIRE(events.ok());
  long n = 0;
  for (const auto& e : *events) n += e.action == action && e.outcome == "ok";
  return n;
}

}  // namespace

TEST_CASE(
    "P6.4.c an investigator borrows a sheet with the manager's passphrase and reconciles "
    "every access by keyboard",
    "[reconcile][keyboard]") {
  UiHarness h;
  DemoKiosk k;
  sheets_made(h, k);

  test::demo_sign_in(h, k, kInvestigator);
  REQUIRE(h.click(k.app(), "帳票の貸出"));
  h.frame(k.app());
  CHECK(h.drew_wrapped("調査責任者が保管しています。"));
  // Nothing is readable before the lending: the sheet screen says so.
  k.app().apply({ui::RequestScreen{ui::ScreenId::reconcile, {survey::System::koseki}}},
                {h.now(), 0, true});
  h.frame(k.app());
  CHECK(h.drew_wrapped("この帳票は今あなたに貸し出されていません。"));
  REQUIRE(h.click(k.app(), "帳票の貸出へ"));
  h.frame(k.app());

  // A wrong passphrase lends nothing.
  REQUIRE(h.click(k.app(), "borrow:KOSEKI"));
  h.frame(k.app());
  REQUIRE(h.click(k.app(), "user:" + kManager));
  h.frames(k.app(), 2);
  h.type(k.app(), "not the manager's");
  REQUIRE(h.click(k.app(), "確認する"));
  k.app().wait_for_work();
  h.frame(k.app());
  CHECK(survey::open_lendings(*k.vault)->empty());
  REQUIRE(h.click(k.app(), "user:" + kManager));
  h.frames(k.app(), 2);
  h.type(k.app(), test::demo_passphrase(kManager));
  REQUIRE(h.click(k.app(), "確認する"));
  k.app().wait_for_work();
  h.frame(k.app());
  CHECK(h.drew("貸出票"));
  CHECK(h.drew("監査ログの先頭"));
  REQUIRE(survey::open_lendings(*k.vault)->size() == 1);
  CHECK(survey::find_survey(*k.vault, kSurvey)->state == survey::SurveyState::reconciling);

  REQUIRE(h.click(k.app(), "reconcile:KOSEKI"));
  h.frame(k.app());
  REQUIRE(k.app().screen() == ui::ScreenId::reconcile);
  auto& screen = k.app().screen_as<ui::ReconcileScreen>();
  const survey::LentSheet* sheet = screen.sheet();
  REQUIRE(sheet != nullptr);
  const std::size_t groups = sheet->groups().size();
  REQUIRE(groups >= 3);

  // Every access by keyboard: a document by its number, its reference, Enter;
  // the first one not found, the second one mistyped when it has a neighbour.
  long keys_for_matches = 0, matched = 0;
  std::set<std::size_t> seen;
  std::set<std::string_view> clauses;
  bool other_division = false;
  for (std::size_t step = 0; step < groups; ++step) {
    const std::size_t g = screen.current_group();
    REQUIRE(seen.insert(g).second);  // the next undecided one came by itself
    REQUIRE(sheet->decision(g) == nullptr);
    const auto& group = sheet->groups()[g];
    if (step == 0) {
      h.press_index(k.app(), 'F');
      continue;
    }
    if (step == 1 && !sheet->neighbours(g).empty()) {
      h.press_index(k.app(), 'M');
      h.press_index(k.app(), '1');
      REQUIRE(sheet->decision(g) != nullptr);
      CHECK(sheet->decision(g)->outcome == survey::Outcome::mistyped_search);
      continue;
    }
    if (!group.operator_kind) {  // the roster knows every demo operator
      FAIL("an operator the demo roster does not know");
    }
    // The sheet's own reception number where the row has one, else a book and page.
    std::string reference = "第3冊12頁";
    for (std::uint32_t r : group.rows) {
      const auto own = sheet->text(sheet->row(r), survey::RowText::reference);
      if (!own.empty()) reference = std::string(own);
    }
    // Each document kind in turn, by its number: ア, イ, オ and カ all come up.
    const auto allowed = survey::allowed_documents(group.operation, group.operator_kind);
    REQUIRE_FALSE(allowed.empty());
    const std::size_t pick = step % allowed.size();
    clauses.insert(survey::document_info(allowed[pick]).clause);
    if (group.operator_kind == survey::OperatorKind::other_division) other_division = true;
    h.press_index(k.app(), static_cast<int>('1' + pick));
    // The kiosk draws six frames after any input (kiosk/shell/main.cpp): the
    // field has the keyboard before the next key comes. One frame here.
    h.frame(k.app());
    h.type(k.app(), reference);
    h.press(k.app(), ImGuiKey_Enter);
    keys_for_matches += 2;  // the number and Enter, beyond the reference itself
    ++matched;
    INFO(h.drawn_text());
    REQUIRE(sheet->decision(g) != nullptr);
    CHECK(sheet->decision(g)->outcome == survey::Outcome::document);
  }
  CHECK(sheet->decided() == groups);
  CHECK(h.drew_wrapped("この帳票のすべてのアクセスを判定しました。"));
  for (std::string_view c : {"ア", "イ", "オ"}) {
    INFO(c);
    CHECK(clauses.count(c) == 1);
  }
  CHECK(clauses.count("カ") == (other_division ? 1u : 0u));
  REQUIRE(matched > 0);
  CHECK(keys_for_matches / matched <= 3);  // the goal: ≤ 3 keystrokes per matched group
  WARN("keystrokes per matched group beyond the reference: "
       << static_cast<double>(keys_for_matches) / static_cast<double>(matched) << " over "
       << matched << " groups");
  CHECK(survey::load_decisions(*k.vault, kSurvey)->size() == groups);

  // Ctrl+Z takes the last decision back; it is recorded and the group is undecided.
  const std::size_t before = count_events(*k.vault, "decide");
  h.press_index(k.app(), 'Z', /*ctrl=*/true);
  CHECK(sheet->decided() == groups - 1);
  CHECK(count_events(*k.vault, "decide") == static_cast<long>(before) + 1);
  CHECK(survey::load_decisions(*k.vault, kSurvey)->size() == groups - 1);

  // Back to the ledger: the investigator gives the sheet back, the manager confirms.
  REQUIRE(h.click(k.app(), "メニューに戻る"));
  h.frame(k.app());
  REQUIRE(h.click(k.app(), "帳票の貸出"));
  h.frame(k.app());
  // Progress per sheet: every access but the one taken back is decided.
  CHECK(h.drew_wrapped(std::to_string(groups) + "件中" + std::to_string(groups - 1) +
                       "件を判定済み、残り1件です。"));
  REQUIRE(h.click(k.app(), "give-back:KOSEKI"));
  h.frame(k.app());
  manager_confirms(h, k);
  CHECK(h.drew("返却票"));
  CHECK(survey::open_lendings(*k.vault)->empty());
  // Returned: the sheet no longer opens.
  CHECK_FALSE(survey::open_lent_sheet(*k.vault, kInvestigator, kSurvey, survey::System::koseki));

  for (auto action :
       {"sheets_complete", "sheet_lend", "sheet_return", "decide", "view_personal_data"}) {
    INFO(action);
    CHECK(count_events(*k.vault, action) >= 1);
  }
  auto events = survey::load_audit_events(k.vault->database());
  REQUIRE(events.ok());
  CHECK(crypto::audit::verify(*events, nullptr, {}).ok);
  // Never personal data in the chain.
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

TEST_CASE(
    "P5.3.c the investigator who is an operator of a sheet is not offered it and cannot "
    "borrow it",
    "[reconcile]") {
  UiHarness h;
  DemoKiosk k;
  sheets_made(h, k);
  test::demo_sign_in(h, k, kConflicted);
  REQUIRE(h.click(k.app(), "帳票の貸出"));
  h.frame(k.app());
  CHECK(h.drew_wrapped("この調査の帳票にはあなた自身の操作者IDがあります。"));
  // The demo's staff operators work on every system: hers made rows of all three.
  for (const char* system : {"borrow:KOSEKI", "borrow:JUKI", "borrow:JUKINET"}) {
    CHECK(h.item(system) == nullptr);
  }
  // Asked anyway (a stray intent), the ledger refuses it.
  auto refused = survey::lend(*k.vault, kConflicted, kSurvey, survey::System::juki, kManager,
                              test::secure(test::demo_passphrase(kManager)));
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == "ledger.conflict_of_interest");
}

TEST_CASE("P6.4.c the manager sees the ledger with an overdue lending in red and takes it back",
          "[reconcile]") {
  UiHarness h;
  DemoKiosk k;
  sheets_made(h, k);
  test::demo_sign_in(h, k, kInvestigator);
  REQUIRE(h.click(k.app(), "帳票の貸出"));
  h.frame(k.app());
  REQUIRE(h.click(k.app(), "borrow:JUKINET"));
  h.frame(k.app());
  manager_confirms(h, k);
  REQUIRE(h.click(k.app(), "メニューに戻る"));
  h.frame(k.app());
  REQUIRE(h.click(k.app(), "サインアウト"));
  h.frame(k.app());
  test::demo_sign_in(h, k, kManager);
  REQUIRE(h.click(k.app(), "帳票の貸出"));
  h.frame(k.app());
  CHECK(h.drew("貸出簿"));
  CHECK(h.drew("貸出中"));
  CHECK_FALSE(h.drew("期限切れ：未返却"));
  // The next day, past the due time (the sitting closed at its end of day):
  // the manager signs in and the row says overdue.
  const auto lending = survey::open_lendings(*k.vault)->front();
  h.set_wall(static_cast<std::time_t>(lending.due_at) + 60);
  h.frame(k.app());
  REQUIRE(k.app().sitting().locked());  // the sitting ended at its end of day
  // The manager signs in (the vault's own clock has not reached the due time,
  // so nothing was returned by itself): the ledger shows the row overdue.
  test::demo_sign_in(h, k, kManager);
  REQUIRE(h.click(k.app(), "帳票の貸出"));
  h.frame(k.app());
  INFO(h.drawn_text());
  CHECK(h.drew("期限切れ：未返却"));
  REQUIRE(h.click(k.app(), "take-back:" + std::to_string(lending.id)));
  h.frames(k.app(), 2);
  h.type(k.app(), test::demo_passphrase(kManager));
  REQUIRE(h.click(k.app(), "確認する"));
  k.app().wait_for_work();
  h.frame(k.app());
  CHECK(h.drew("返却票"));
  CHECK(survey::open_lendings(*k.vault)->empty());
  CHECK(survey::late_lendings(*k.vault, 0)->empty());  // a person brought it back
}

TEST_CASE(
    "P6.4.c a sheet due at the end of the day comes back by itself and the manager sees it "
    "in red at the next sign-in",
    "[reconcile]") {
  UiHarness h;
  DemoKiosk k;
  sheets_made(h, k);
  test::demo_sign_in(h, k, kInvestigator);
  REQUIRE(h.click(k.app(), "帳票の貸出"));
  h.frame(k.app());
  REQUIRE(h.click(k.app(), "borrow:KOSEKI"));
  h.frame(k.app());
  manager_confirms(h, k);
  const auto lending = survey::open_lendings(*k.vault)->front();
  REQUIRE(survey::open_lent_sheet(*k.vault, kInvestigator, kSurvey, survey::System::koseki));
  // The next morning: the vault's clock and the wall are past the due time.
  k.clock_offset = lending.due_at - static_cast<std::int64_t>(std::time(nullptr)) + 3600;
  h.set_wall(static_cast<std::time_t>(lending.due_at) + 3600);
  h.frame(k.app());
  REQUIRE(k.app().sitting().locked());
  test::demo_sign_in(h, k, kManager);
  CHECK(survey::open_lendings(*k.vault)->empty());  // returned at the unlock
  const auto back = survey::find_lending(*k.vault, lending.id);
  REQUIRE(back.ok());
  CHECK(back->return_kind == survey::ReturnKind::end_of_day);
  CHECK(back->returned_by == "system");
  CHECK(h.drew_wrapped("端末が返却扱いにしました"));
  REQUIRE(h.click(k.app(), "帳票の貸出"));
  h.frame(k.app());
  INFO(h.drawn_text());
  CHECK(h.drew_wrapped("作業終了時刻に端末が返却扱い"));
  // And the investigator cannot open it any more.
  CHECK_FALSE(survey::open_lent_sheet(*k.vault, kInvestigator, kSurvey, survey::System::koseki));
}

TEST_CASE(
    "P6.6 the manager follows up a staff operator and a contractor's employee on screen "
    "and a finding puts the survey on hold (P7.2 P9.2)",
    "[reconcile][follow-up]") {
  UiHarness h;
  DemoKiosk k;
  sheets_made(h, k);
  test::demo_sign_in(h, k, kManager);  // the vault open again
  // The investigator found no document for a staff member's access and a contractor's.
  REQUIRE(survey::lend(*k.vault, kInvestigator, kSurvey, survey::System::koseki, kManager,
                       test::secure(test::demo_passphrase(kManager))));
  auto sheet = survey::open_lent_sheet(*k.vault, kInvestigator, kSurvey, survey::System::koseki);
  REQUIRE(sheet.ok());
  std::optional<std::size_t> staff, contractor;
  for (std::size_t g = 0; g < sheet->groups().size(); ++g) {
    const auto kind = sheet->groups()[g].operator_kind;
    if (!staff && kind == survey::OperatorKind::staff) staff = g;
    if (!contractor && kind == survey::OperatorKind::contractor) contractor = g;
  }
  REQUIRE(staff);
  REQUIRE(contractor);
  survey::DecisionInput none;
  none.outcome = survey::Outcome::not_found;
  REQUIRE(survey::decide(*k.vault, *sheet, kInvestigator, *staff, none));
  REQUIRE(survey::decide(*k.vault, *sheet, kInvestigator, *contractor, none));
  const std::string resident(
      sheet->text(sheet->row(sheet->groups()[*staff].rows.front()), survey::RowText::name));
  const auto items = survey::follow_up_list(*k.vault, kSurvey);
  REQUIRE(items->size() == 2);
  const std::size_t staff_line = items->at(0).kind == survey::FollowUpKind::interview ? 0 : 1;

  k.app().apply({ui::RequestScreen{ui::ScreenId::home}}, {h.now(), 0, true});
  h.frame(k.app());
  REQUIRE(h.click(k.app(), "追跡調査"));
  h.frame(k.app());
  REQUIRE(k.app().screen() == ui::ScreenId::follow_up);
  CHECK_FALSE(h.drew(resident));  // no resident's data on this screen
  REQUIRE(h.click(k.app(), "follow-up:" + std::to_string(staff_line)));
  h.frame(k.app());
  CHECK(h.drew("聞き取り"));
  // A reason naming the resident is refused, in words, and nothing is stored.
  REQUIRE(h.click(k.app(), "account"));
  h.frames(k.app(), 2);
  h.type(k.app(), "本人は" + resident + "の件と説明");
  REQUIRE(h.click(k.app(), "conclusion:not_business"));
  REQUIRE(h.click(k.app(), "追跡調査を記録する"));
  h.frame(k.app());
  CHECK(h.drew_wrapped("この調査の住民の氏名が含まれています"));
  CHECK(survey::follow_up_history(*k.vault, kSurvey, survey::System::koseki,
                                  sheet->groups()[*staff].id)
            ->empty());
  REQUIRE(h.click(k.app(), "account"));
  h.frames(k.app(), 2);
  h.press(k.app(), ImGuiKey_A, /*ctrl=*/true);
  h.type(k.app(), "個人的な関心で照会したと説明");
  // A frequent phrase is kept from the field, and picked again with one click.
  REQUIRE(h.click(k.app(), "reason-add"));
  h.frame(k.app());
  CHECK(h.drew_wrapped("よく使う文に加えました。"));
  REQUIRE(h.item("reason:3") != nullptr);  // the demo's three, then this one
  REQUIRE(h.click(k.app(), "追跡調査を記録する"));
  h.frame(k.app());
  CHECK(h.drew_wrapped("追跡調査を記録しました。"));
  // The finding: cause and measures; the survey goes on hold.
  REQUIRE(h.click(k.app(), "cause"));
  h.frames(k.app(), 2);
  h.type(k.app(), "業務外の興味による照会");
  REQUIRE(h.click(k.app(), "measure:0"));  // the measures, from the demo's phrases
  h.frame(k.app());
  REQUIRE(h.click(k.app(), "不適正事案を記録する"));
  h.frame(k.app());
  auto hold = survey::hold_of(*k.vault, kSurvey);
  REQUIRE(hold.ok());
  REQUIRE(hold->has_value());
  CHECK((*hold)->active());
  CHECK(h.drew_wrapped("この調査は保留中です"));
  const auto findings = survey::load_findings(*k.vault, kSurvey);
  REQUIRE(findings->size() == 1);
  CHECK(findings->front().measures == "職員研修を行い、照会の記録を月ごとに確認する");

  // The contractor's employee: the request, then the report and its check.
  REQUIRE(h.click(k.app(), "follow-up:" + std::to_string(1 - staff_line)));
  h.frame(k.app());
  CHECK(h.drew("委託先の報告"));
  REQUIRE(h.click(k.app(), "account"));
  h.frames(k.app(), 2);
  h.type(k.app(), "受託業務の証明書発行で照会した旨の報告");
  REQUIRE(h.click(k.app(), "manager-check"));
  h.frames(k.app(), 2);
  h.type(k.app(), "請求書の控えと照合");
  REQUIRE(h.click(k.app(), "conclusion:business"));
  REQUIRE(h.click(k.app(), "追跡調査を記録する"));
  h.frame(k.app());
  const auto contractor_history = survey::follow_up_history(
      *k.vault, kSurvey, survey::System::koseki, sheet->groups()[*contractor].id);
  REQUIRE(contractor_history->size() == 1);
  CHECK(contractor_history->back().conclusion == survey::Conclusion::business);
  CHECK(contractor_history->back().kind == survey::FollowUpKind::contractor);

  // No additional investigation: the hold is released.
  REQUIRE(h.click(k.app(), "追加調査は行わない（保留を解除）"));
  h.frame(k.app());
  CHECK_FALSE((*survey::hold_of(*k.vault, kSurvey))->active());
  for (auto action : {"follow_up", "finding", "hold_decision", "phrase_change"}) {
    INFO(action);
    CHECK(count_events(*k.vault, action) >= 1);
  }
}
