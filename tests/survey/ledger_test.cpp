// The lending ledger (P6.4, P6.4.c, P5.3.c): the sheets made, lent with the
// manager's passphrase, one holder at a time, never to an investigator whose
// own operator id made rows of the sheet, returned by the holder, at the end
// of the day or when the sitting closes — and the one door (open_lent_sheet)
// shut to everyone else. A real vault (VaultFixture), the synthetic ward's
// four reference sheets imported, the ward's roster.
#include <catch2/catch.hpp>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "kiosk/survey/audit_log.hpp"
#include "kiosk/survey/ledger.hpp"
#include "kiosk/survey/reconciliation.hpp"
#include "kiosk/survey/roster.hpp"
#include "kiosk/survey/sheet_import.hpp"
#include "kiosk/survey/sitting.hpp"
#include "kiosk/survey/survey_register.hpp"
#include "kiosk/survey/vault.hpp"
#include "kiosk/survey/vault_state.hpp"
#include "provisioning/synthetic/synthetic_sheets.hpp"
#include "provisioning/synthetic/synthetic_ward.hpp"
#include "tests/survey/vault_fixture.hpp"

using namespace shogo;
using namespace shogo::survey;
using test::pass;
namespace imp = shogo::storage::import;

namespace {

const std::string kManager = "管理 一郎";
const std::string kSupervisor = "総括 花子";
const std::string kInvestigator = "調査 次郎";
const std::string kSecond = "調査 三郎";  // a second investigator, added by the manager
const std::string kSurvey = "fy2026-1";
constexpr Date kToday{2026, 11, 28};
constexpr TimeOfDay kFrom{8, 30, 0};
constexpr TimeOfDay kTo{12, 0, 0};

// The fixture's vault, signed in by all four users, with the synthetic ward's
// sites, terminals, a survey and its four sheets written (not imported yet).
struct LedgerFixture : test::VaultFixture {
  synthetic::Ward ward = synthetic::generate_ward();
  std::unique_ptr<Vault> vault;
  std::vector<synthetic::SheetFile> sheets;

  LedgerFixture() {
    vault = open();
    REQUIRE(vault->unlock(kManager, pass("manager passphrase")));
    REQUIRE(vault->unlock(kSupervisor, pass("supervisor passphrase")));
    REQUIRE(vault->unlock(kInvestigator, pass("investigator passphrase")));
    const auto second = pass("second passphrase");
    REQUIRE(vault->users().add(kManager, {kSecond, Role::investigator, &second}, test::kCheap));
    REQUIRE(vault->unlock(kSecond, second));
    for (const auto& site : ward.sites) REQUIRE(add_site(*vault, kManager, site));
    for (const auto& t : ward.terminals) REQUIRE(add_terminal(*vault, kManager, t));
    REQUIRE(vault->surveys().create(kManager, kSurvey, 2026, "令和8年度 第1回"));
    std::filesystem::create_directory(tmp / "sheets");
    auto written = synthetic::write_reference_sheets(ward.access_log, tmp / "sheets");
    REQUIRE(written);
    sheets = std::move(*written);
  }

  void designate_ok(System system) {
    Designation d;
    d.date = synthetic::WardOptions{}.day;
    d.from = kFrom;
    d.to = kTo;
    for (const auto& t : ward.terminals)
      if (t.system == system) d.terminal_ids.push_back(t.id);
    auto outcome = designate(*vault, kSupervisor, kSurvey, system, d, {}, kToday);
    REQUIRE(outcome);
    REQUIRE(outcome->stored);
  }

  void import_ok(imp::SheetKind kind) {
    ImportRequest r;
    r.survey_id = kSurvey;
    r.kind = kind;
    for (const auto& s : sheets)
      if (s.kind == kind) r.file = s.file;
    REQUIRE_FALSE(r.file.empty());
    auto report = import_sheet(*vault, kManager, r);
    REQUIRE(report);
    REQUIRE(report->stored > 0);
  }

  // Every system designated and every sheet imported: ready to be declared made.
  void designate_and_import_all() {
    for (System s : kAllSystems) designate_ok(s);
    for (imp::SheetKind k : imp::kAllSheetKinds) import_ok(k);
  }

  // The ward's roster; `own_id`, if given, is the investigator's own operator id.
  void import_roster(const std::string& own_id = {}) {
    std::vector<imp::RosterEntry> roster;
    for (const auto& op : ward.operators) {
      imp::RosterEntry e;
      e.row = roster.size() + 2;
      e.operator_id = op.id;
      e.name = op.display_name;
      e.kind = op.kind;
      e.affiliation = "住民情報課";
      if (op.id == own_id) e.user = kInvestigator;
      roster.push_back(e);
    }
    REQUIRE(replace_roster(*vault, kManager, roster));
  }

  // The survey in sheets_made, with the ward's roster.
  void make_sheets() {
    designate_and_import_all();
    import_roster();
    REQUIRE(complete_sheets(*vault, kManager, kSurvey));
    REQUIRE(state() == SurveyState::sheets_made);
  }

  Lending lend_ok(const std::string& investigator, System system) {
    auto l = lend(*vault, investigator, kSurvey, system, kManager, pass("manager passphrase"));
    if (!l) FAIL("lend: " << l.error().code);
    return l ? *l : Lending{};
  }

  SurveyState state() {
    auto s = find_survey(*vault, kSurvey);
    REQUIRE(s);
    return s->state;
  }

  std::vector<Lending> ledger() {
    auto l = load_ledger(*vault, kSurvey);
    REQUIRE(l);
    return *l;
  }

  std::vector<crypto::audit::Event> events() {
    auto e = load_audit_events(vault->database());
    REQUIRE(e);
    return *e;
  }

  std::size_t count_events(std::string_view action, std::string_view outcome = "ok") {
    const auto all = events();
    return static_cast<std::size_t>(std::count_if(all.begin(), all.end(), [&](const auto& e) {
      return e.action == action && e.outcome == outcome;
    }));
  }

  // The latest successful event of `action`.
  crypto::audit::Event last_event(std::string_view action) {
    const auto all = events();
    for (auto it = all.rbegin(); it != all.rend(); ++it)
      if (it->action == action && it->outcome == "ok") return *it;
    FAIL("no event " << action);
    return {};
  }

  SystemCount count_of(System system) {
    auto counts = count_survey(*vault, kSurvey);
    REQUIRE(counts);
    for (const auto& c : *counts)
      if (c.system == system) return c;
    FAIL("no count");
    return {};
  }

  // Operator ids of the ward's rows of `system` inside the designated window.
  std::set<std::string> operators_in(System system) const {
    std::set<std::string> ids;
    for (const auto& r : ward.access_log)
      if (r.system == system && r.time >= kFrom && r.time < kTo) ids.insert(r.operator_id);
    return ids;
  }
};

std::string objects_of(const crypto::audit::Event& e) { return decode_audit_objects(e.objects); }

}  // namespace

TEST_CASE("P6.4 return kinds read back from their ids") {
  for (ReturnKind k : {ReturnKind::returned, ReturnKind::end_of_day, ReturnKind::sitting_closed}) {
    INFO(return_kind_id(k));
    CHECK(parse_return_kind(return_kind_id(k)) == k);
  }
  CHECK(return_kind_id(ReturnKind::end_of_day) == "end_of_day");
  CHECK_FALSE(parse_return_kind("lost").has_value());
  Lending l;
  CHECK(l.open());
  CHECK_FALSE(l.returned_automatically());
  l.due_at = 100;
  CHECK(l.readable(99));
  CHECK_FALSE(l.readable(100));
  l.returned_at = 50;
  l.return_kind = ReturnKind::returned;
  CHECK_FALSE(l.readable(60));
  CHECK_FALSE(l.returned_automatically());
  l.return_kind = ReturnKind::end_of_day;
  CHECK(l.returned_automatically());
}

TEST_CASE("P6.4 the sheets are made only once every system has its designation and its sheet") {
  LedgerFixture f;
  f.import_roster();
  // Draft: nothing is designated yet.
  auto draft = complete_sheets(*f.vault, kManager, kSurvey);
  REQUIRE_FALSE(draft);
  CHECK(draft.error().code == "survey.wrong_state");

  f.designate_ok(System::koseki);
  f.designate_ok(System::juki);
  f.import_ok(imp::SheetKind::koseki_issuance);
  f.import_ok(imp::SheetKind::juki_access_log);
  // JUKINET has neither a designation nor a sheet.
  auto no_designation = complete_sheets(*f.vault, kManager, kSurvey);
  REQUIRE_FALSE(no_designation);
  CHECK(no_designation.error().code == "survey.sheets_missing");
  // JUKINET designated, its sheet not imported yet.
  f.designate_ok(System::jukinet);
  auto no_sheet = complete_sheets(*f.vault, kManager, kSurvey);
  REQUIRE_FALSE(no_sheet);
  CHECK(no_sheet.error().code == "survey.sheets_missing");
  CHECK(f.state() == SurveyState::designated);
  CHECK(f.count_events("sheets_complete") == 0);

  f.import_ok(imp::SheetKind::cs_operations);
  // Only a manager declares them made.
  for (const std::string& who : {kSupervisor, kInvestigator}) {
    INFO(who);
    auto refused = complete_sheets(*f.vault, who, kSurvey);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == "ledger.not_manager");
  }
  auto unknown = complete_sheets(*f.vault, kManager, "fy2026-9");
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().code == "survey.unknown");

  REQUIRE(complete_sheets(*f.vault, kManager, kSurvey));
  CHECK(f.state() == SurveyState::sheets_made);
  const auto made = f.last_event("sheets_complete");
  CHECK(made.actor == kManager);
  CHECK(objects_of(made) == "survey=" + kSurvey);  // no shortfall, nobody accepted one
  CHECK(detail_base(made.detail) == "complete_sheets");
  // Made once: the second time the survey is past it.
  auto again = complete_sheets(*f.vault, kManager, kSurvey);
  REQUIRE_FALSE(again);
  CHECK(again.error().code == "survey.wrong_state");
  CHECK(f.count_events("sheets_complete") == 1);
}

TEST_CASE("P6.2 a shortfall of viewed persons needs the supervisor's passphrase") {
  LedgerFixture f;
  // 500 persons per system: no day of the ward has that many.
  REQUIRE(set_counting_rules(*f.vault, kManager, kSurvey, 500, 15));
  f.designate_and_import_all();
  for (System s : kAllSystems) REQUIRE_FALSE(f.count_of(s).enough());

  auto asked = complete_sheets(*f.vault, kManager, kSurvey);
  REQUIRE_FALSE(asked);
  CHECK(asked.error().code == "survey.shortfall");
  const auto wrong = pass("not the supervisor's");
  const auto right = pass("supervisor passphrase");
  // A supervisor named without a passphrase is no acceptance.
  auto no_passphrase = complete_sheets(*f.vault, kManager, kSurvey, {kSupervisor, nullptr});
  REQUIRE_FALSE(no_passphrase);
  CHECK(no_passphrase.error().code == "survey.shortfall");
  // The manager cannot accept it, even with their own passphrase.
  const auto manager_pass = pass("manager passphrase");
  auto by_manager = complete_sheets(*f.vault, kManager, kSurvey, {kManager, &manager_pass});
  REQUIRE_FALSE(by_manager);
  CHECK(by_manager.error().code == "survey.not_supervisor");
  auto wrong_pass = complete_sheets(*f.vault, kManager, kSurvey, {kSupervisor, &wrong});
  REQUIRE_FALSE(wrong_pass);
  CHECK(wrong_pass.error().code == "keyslots.wrong_passphrase");
  CHECK(f.state() == SurveyState::designated);
  CHECK(f.count_events("sheets_complete") == 0);

  REQUIRE(complete_sheets(*f.vault, kManager, kSurvey, {kSupervisor, &right}));
  CHECK(f.state() == SurveyState::sheets_made);
  const std::string objects = objects_of(f.last_event("sheets_complete"));
  CHECK_THAT(objects, Catch::Contains("accepted_by=" + kSupervisor));
  CHECK_THAT(objects, Catch::Contains("short=KOSEKI,JUKI,JUKINET"));
}

TEST_CASE("P6.4.c only a manager confirms a lending and the first one begins the reconciliation") {
  LedgerFixture f;
  f.designate_and_import_all();
  f.import_roster();
  // Not before the sheets are made.
  auto early =
      lend(*f.vault, kInvestigator, kSurvey, System::juki, kManager, pass("manager passphrase"));
  REQUIRE_FALSE(early);
  CHECK(early.error().code == "survey.wrong_state");
  REQUIRE(complete_sheets(*f.vault, kManager, kSurvey));

  // Lent to investigators only, confirmed by a manager only.
  auto to_manager =
      lend(*f.vault, kManager, kSurvey, System::juki, kManager, pass("manager passphrase"));
  REQUIRE_FALSE(to_manager);
  CHECK(to_manager.error().code == "ledger.not_investigator");
  auto by_supervisor = lend(*f.vault, kInvestigator, kSurvey, System::juki, kSupervisor,
                            pass("supervisor passphrase"));
  REQUIRE_FALSE(by_supervisor);
  CHECK(by_supervisor.error().code == "ledger.not_manager");
  auto by_investigator =
      lend(*f.vault, kInvestigator, kSurvey, System::juki, kSecond, pass("second passphrase"));
  REQUIRE_FALSE(by_investigator);
  CHECK(by_investigator.error().code == "ledger.not_manager");
  // The manager's passphrase mistyped: nothing is lent, nothing recorded as lent.
  auto wrong = lend(*f.vault, kInvestigator, kSurvey, System::juki, kManager, pass("typo"));
  REQUIRE_FALSE(wrong);
  CHECK(wrong.error().code == "keyslots.wrong_passphrase");
  CHECK(f.ledger().empty());
  CHECK(f.state() == SurveyState::sheets_made);
  CHECK(f.count_events("sheet_lend") == 0);
  CHECK(f.count_events("sign_in", "keyslots.wrong_passphrase") == 1);  // the refusal is logged
  auto unknown =
      lend(*f.vault, kInvestigator, "fy2026-9", System::juki, kManager, pass("manager passphrase"));
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().code == "survey.unknown");

  const std::int64_t lent_at = f.now;
  const Lending l = f.lend_ok(kInvestigator, System::juki);
  CHECK(l.id == 1);
  CHECK(l.survey_id == kSurvey);
  CHECK(l.system == System::juki);
  CHECK(l.investigator == kInvestigator);
  CHECK(l.lent_by == kManager);
  CHECK(l.lent_at == lent_at);
  CHECK(l.due_at == next_end_of_day(static_cast<std::time_t>(lent_at), f.vault->end_of_day()));
  CHECK(l.due_at > l.lent_at);
  CHECK(l.open());
  CHECK(f.state() == SurveyState::reconciling);
  const auto first = f.last_event("sheet_lend");
  CHECK(first.actor == kInvestigator);
  CHECK(objects_of(first) == "confirmed_by=" + kManager + ";investigator=" + kInvestigator +
                                 ";lending=1;survey=" + kSurvey + ";system=JUKI");
  CHECK(detail_base(first.detail) == "begin_reconciling");
  // As stored.
  const auto stored = f.ledger();
  REQUIRE(stored.size() == 1);
  CHECK(stored[0].investigator == kInvestigator);
  CHECK(stored[0].lent_by == kManager);
  CHECK(stored[0].due_at == l.due_at);
  CHECK_FALSE(stored[0].returned_at.has_value());
  CHECK_FALSE(stored[0].return_kind.has_value());
  auto held = holding(*f.vault, kInvestigator, kSurvey, System::juki);
  REQUIRE(held);
  CHECK(held->id == l.id);

  // The next lending finds the survey reconciling and leaves it so.
  const Lending second = f.lend_ok(kSecond, System::koseki);
  CHECK(second.id == 2);
  CHECK(f.state() == SurveyState::reconciling);
  CHECK(detail_base(f.last_event("sheet_lend").detail).empty());
  CHECK(f.count_events("sheet_lend") == 2);
  auto open = open_lendings(*f.vault);
  REQUIRE(open);
  CHECK(open->size() == 2);
}

TEST_CASE("P6.4.c one holder at a time and the sheet comes back before it is lent again") {
  LedgerFixture f;
  f.make_sheets();
  const Lending first = f.lend_ok(kInvestigator, System::juki);
  for (const std::string& who : {kSecond, kInvestigator}) {
    INFO(who);
    auto again = lend(*f.vault, who, kSurvey, System::juki, kManager, pass("manager passphrase"));
    REQUIRE_FALSE(again);
    CHECK(again.error().code == "ledger.already_lent");
  }
  // Refused before the manager's passphrase is asked: a typo costs no try.
  auto typo = lend(*f.vault, kSecond, kSurvey, System::juki, kManager, pass("typo"));
  REQUIRE_FALSE(typo);
  CHECK(typo.error().code == "ledger.already_lent");
  CHECK(f.count_events("sign_in", "keyslots.wrong_passphrase") == 0);
  CHECK(f.ledger().size() == 1);

  // Only the holder returns it (or a manager): not another investigator.
  auto by_other = return_sheet(*f.vault, kSecond, first.id, kManager, pass("manager passphrase"));
  REQUIRE_FALSE(by_other);
  CHECK(by_other.error().code == "ledger.not_holder");
  auto confirmed_by_supervisor =
      return_sheet(*f.vault, kInvestigator, first.id, kSupervisor, pass("supervisor passphrase"));
  REQUIRE_FALSE(confirmed_by_supervisor);
  CHECK(confirmed_by_supervisor.error().code == "ledger.not_manager");
  auto wrong = return_sheet(*f.vault, kInvestigator, first.id, kManager, pass("typo"));
  REQUIRE_FALSE(wrong);
  CHECK(wrong.error().code == "keyslots.wrong_passphrase");
  CHECK(f.ledger()[0].open());
  auto no_such = return_sheet(*f.vault, kInvestigator, 99, kManager, pass("manager passphrase"));
  REQUIRE_FALSE(no_such);
  CHECK(no_such.error().code == "ledger.unknown");

  f.now += 600;
  auto back = return_sheet(*f.vault, kInvestigator, first.id, kManager, pass("manager passphrase"));
  REQUIRE(back);
  CHECK(back->returned_at == f.now);
  CHECK(back->returned_by == kManager);
  CHECK(back->return_kind == ReturnKind::returned);
  CHECK_FALSE(back->returned_automatically());
  const auto returned = f.last_event("sheet_return");
  CHECK(returned.actor == kInvestigator);
  CHECK_THAT(objects_of(returned), Catch::Contains("kind=returned"));
  CHECK_THAT(objects_of(returned), Catch::Contains("confirmed_by=" + kManager));
  auto twice =
      return_sheet(*f.vault, kInvestigator, first.id, kManager, pass("manager passphrase"));
  REQUIRE_FALSE(twice);
  CHECK(twice.error().code == "ledger.returned");

  // Back: the other investigator may have it now; the manager takes it back alone.
  const Lending second = f.lend_ok(kSecond, System::juki);
  CHECK(second.id == first.id + 1);
  auto taken = return_sheet(*f.vault, kManager, second.id, kManager, pass("manager passphrase"));
  REQUIRE(taken);
  CHECK(f.last_event("sheet_return").actor == kManager);
  const auto all = f.ledger();
  REQUIRE(all.size() == 2);
  CHECK(all[0].investigator == kInvestigator);
  CHECK(all[0].returned_at == back->returned_at);
  CHECK(all[0].returned_by == kManager);
  CHECK(all[0].return_kind == ReturnKind::returned);
  CHECK(all[1].investigator == kSecond);
  CHECK_FALSE(all[1].open());
  auto open = open_lendings(*f.vault);
  REQUIRE(open);
  CHECK(open->empty());
}

TEST_CASE("P5.3.c an investigator whose own operator id made rows of a sheet is not lent it") {
  LedgerFixture f;
  f.designate_and_import_all();
  // An operator id of the JUKI sheet that appears in no other system's sheet.
  const auto juki = f.operators_in(System::juki);
  const auto koseki = f.operators_in(System::koseki);
  const auto jukinet = f.operators_in(System::jukinet);
  std::string own;
  for (const auto& id : juki) {
    if (!koseki.count(id) && !jukinet.count(id)) {
      own = id;
      break;
    }
  }
  REQUIRE_FALSE(own.empty());
  f.import_roster(own);
  REQUIRE(complete_sheets(*f.vault, kManager, kSurvey));

  auto ids = own_operator_ids_in_sheet(*f.vault, kInvestigator, kSurvey, System::juki);
  REQUIRE(ids);
  CHECK(*ids == std::vector<std::string>{own});
  auto none = own_operator_ids_in_sheet(*f.vault, kInvestigator, kSurvey, System::koseki);
  REQUIRE(none);
  CHECK(none->empty());
  auto other = own_operator_ids_in_sheet(*f.vault, kSecond, kSurvey, System::juki);
  REQUIRE(other);
  CHECK(other->empty());
  // The survey overview says the same (P5.3.c).
  CHECK(f.count_of(System::juki).conflicted_investigators ==
        std::vector<std::string>{kInvestigator});
  CHECK(f.count_of(System::koseki).conflicted_investigators.empty());

  auto refused =
      lend(*f.vault, kInvestigator, kSurvey, System::juki, kManager, pass("manager passphrase"));
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == "ledger.conflict_of_interest");
  CHECK(f.ledger().empty());
  CHECK(f.state() == SurveyState::sheets_made);
  // P5.3.c they are no longer one of the survey's investigators: no other
  // sheet of it either (KOSEKI has none of their rows). Another investigator
  // takes both.
  auto no_other =
      lend(*f.vault, kInvestigator, kSurvey, System::koseki, kManager, pass("manager passphrase"));
  REQUIRE_FALSE(no_other);
  CHECK(no_other.error().code == "ledger.conflict_of_interest");
  const Lending koseki_lending = f.lend_ok(kSecond, System::koseki);
  CHECK(koseki_lending.investigator == kSecond);
  const Lending juki_lending = f.lend_ok(kSecond, System::juki);
  CHECK(juki_lending.investigator == kSecond);
}

TEST_CASE("P6.4.c the one door opens for the holder only while the sheet is lent and not due") {
  LedgerFixture f;
  f.make_sheets();
  // Never lent: nobody.
  auto before = open_lent_sheet(*f.vault, kInvestigator, kSurvey, System::juki);
  REQUIRE_FALSE(before);
  CHECK(before.error().code == "ledger.not_holder");

  const Lending l = f.lend_ok(kInvestigator, System::juki);
  {
    auto sheet = open_lent_sheet(*f.vault, kInvestigator, kSurvey, System::juki);
    REQUIRE(sheet);
    CHECK(sheet->lending().id == l.id);
    CHECK(sheet->row_count() == f.count_of(System::juki).rows);
    CHECK(sheet->groups().size() == f.count_of(System::juki).accesses);
  }
  // Not to anyone else: another investigator, the manager, the supervisor.
  for (const std::string& who : {kSecond, kManager, kSupervisor}) {
    INFO(who);
    auto refused = open_lent_sheet(*f.vault, who, kSurvey, System::juki);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == "ledger.not_holder");
  }
  // Nor another sheet the holder was not lent.
  auto koseki = open_lent_sheet(*f.vault, kInvestigator, kSurvey, System::koseki);
  REQUIRE_FALSE(koseki);
  CHECK(koseki.error().code == "ledger.not_holder");

  SECTION("returned, the sheet is shut") {
    REQUIRE(return_sheet(*f.vault, kInvestigator, l.id, kManager, pass("manager passphrase")));
    auto after = open_lent_sheet(*f.vault, kInvestigator, kSurvey, System::juki);
    REQUIRE_FALSE(after);
    CHECK(after.error().code == "ledger.not_holder");
    auto held = holding(*f.vault, kInvestigator, kSurvey, System::juki);
    REQUIRE_FALSE(held);
    CHECK(held.error().code == "ledger.not_holder");
  }
  SECTION("at the end of the day the sheet is shut and the appliance returns it") {
    f.now = l.due_at - 1;
    CHECK(open_lent_sheet(*f.vault, kInvestigator, kSurvey, System::juki));
    auto early = return_all(*f.vault, ReturnKind::end_of_day);
    REQUIRE(early);
    CHECK(*early == 0);  // not due yet
    f.now = l.due_at;
    auto due = open_lent_sheet(*f.vault, kInvestigator, kSurvey, System::juki);
    REQUIRE_FALSE(due);
    CHECK(due.error().code == "ledger.not_holder");
    // Still out on paper until the appliance takes it back.
    auto open = open_lendings(*f.vault);
    REQUIRE(open);
    REQUIRE(open->size() == 1);
    CHECK_FALSE(open->front().readable(f.now));

    f.now += 30;
    auto returned = return_all(*f.vault, ReturnKind::end_of_day);
    REQUIRE(returned);
    CHECK(*returned == 1);
    const auto all = f.ledger();
    REQUIRE(all.size() == 1);
    CHECK(all[0].returned_at == f.now);
    CHECK(all[0].returned_by == "system");
    CHECK(all[0].return_kind == ReturnKind::end_of_day);
    CHECK(all[0].returned_automatically());
    const auto event = f.last_event("sheet_return");
    CHECK(event.actor == "system");
    CHECK_THAT(objects_of(event), Catch::Contains("kind=end_of_day"));
    CHECK_THAT(objects_of(event), Catch::Contains("investigator=" + kInvestigator));
    auto after = open_lent_sheet(*f.vault, kInvestigator, kSurvey, System::juki);
    REQUIRE_FALSE(after);
    CHECK(after.error().code == "ledger.not_holder");
    // Nothing is returned twice.
    auto again = return_all(*f.vault, ReturnKind::end_of_day);
    REQUIRE(again);
    CHECK(*again == 0);
    auto by_hand =
        return_sheet(*f.vault, kInvestigator, l.id, kManager, pass("manager passphrase"));
    REQUIRE_FALSE(by_hand);
    CHECK(by_hand.error().code == "ledger.returned");
  }
}

TEST_CASE("P6.4.c the end of the day returns what is due and closing the sitting returns all") {
  LedgerFixture f;
  f.make_sheets();
  const Lending koseki = f.lend_ok(kInvestigator, System::koseki);
  // The next day (after the first lending fell due), two more lendings.
  f.now = koseki.due_at + 3600;
  const Lending juki = f.lend_ok(kSecond, System::juki);
  const Lending jukinet = f.lend_ok(kInvestigator, System::jukinet);
  CHECK(juki.due_at > koseki.due_at);

  auto due = return_all(*f.vault, ReturnKind::end_of_day);
  REQUIRE(due);
  CHECK(*due == 1);
  auto open = open_lendings(*f.vault);
  REQUIRE(open);
  REQUIRE(open->size() == 2);
  CHECK((*open)[0].id == juki.id);
  CHECK((*open)[1].id == jukinet.id);
  // The holders still read what is not due.
  CHECK(open_lent_sheet(*f.vault, kSecond, kSurvey, System::juki));
  CHECK(open_lent_sheet(*f.vault, kInvestigator, kSurvey, System::jukinet));

  auto closed = return_all(*f.vault, ReturnKind::sitting_closed);
  REQUIRE(closed);
  CHECK(*closed == 2);
  open = open_lendings(*f.vault);
  REQUIRE(open);
  CHECK(open->empty());
  const auto all = f.ledger();
  REQUIRE(all.size() == 3);
  CHECK(all[0].return_kind == ReturnKind::end_of_day);
  CHECK(all[1].return_kind == ReturnKind::sitting_closed);
  CHECK(all[2].return_kind == ReturnKind::sitting_closed);
  for (const auto& l : all) {
    CHECK(l.returned_by == "system");
    CHECK(l.returned_automatically());
  }
  CHECK(f.count_events("sheet_return") == 3);  // one event per lending
  for (System s : kAllSystems) {
    auto shut = open_lent_sheet(*f.vault, kInvestigator, kSurvey, s);
    REQUIRE_FALSE(shut);
    CHECK(shut.error().code == "ledger.not_holder");
  }
  // Returned, each sheet may be lent again.
  CHECK(f.lend_ok(kSecond, System::koseki).id == 4);
}

TEST_CASE("P6.4.c the ledger replays from the audit chain and an edited lending is caught") {
  LedgerFixture f;
  f.make_sheets();
  const Lending juki = f.lend_ok(kInvestigator, System::juki);
  REQUIRE(return_sheet(*f.vault, kInvestigator, juki.id, kManager, pass("manager passphrase")));
  const Lending koseki = f.lend_ok(kSecond, System::koseki);
  f.now = koseki.due_at;
  REQUIRE(return_all(*f.vault, ReturnKind::end_of_day));
  f.lend_ok(kInvestigator, System::jukinet);

  const auto seed = test::bytes_from_hex(f.audit_seed_hex, crypto::audit::kSeedBytes);
  const auto events = f.events();
  const auto report = crypto::audit::verify(events, &seed, {});
  INFO(report.message);
  CHECK(report.ok);
  CHECK(report.macs_checked);
  auto faults = f.vault->check_state();
  REQUIRE(faults);
  for (const auto& fault : *faults) UNSCOPED_INFO(fault_line(fault));
  CHECK(faults->empty());

  // vault.db itself keeps one open lending per sheet.
  CHECK_FALSE(f.vault->database().exec(
      "INSERT INTO lendings (id, survey_id, system, investigator, lent_by, lent_at, due_at) "
      "VALUES (9, 'fy2026-1', 'JUKINET', '調査 三郎', '管理 一郎', 1, 2)"));

  // A key holder moves the first lending to someone else: the replay sees it.
  REQUIRE(f.vault->database().exec("UPDATE lendings SET investigator = '調査 三郎' WHERE id = 1"));
  faults = f.vault->check_state();
  REQUIRE(faults);
  REQUIRE(faults->size() == 1);
  CHECK((*faults)[0].table == "lendings");
  CHECK((*faults)[0].key == "1");
  CHECK((*faults)[0].kind == StateFault::Kind::changed);
  // And the kiosk does not open that vault again.
  f.vault->close(kManager, "test");
  auto refused = f.vault->unlock(kManager, pass("manager passphrase"));
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == "vault.state_mismatch");
  CHECK_FALSE(f.vault->is_open());
}
