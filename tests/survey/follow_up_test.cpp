// P6.6 follow-up, P7.2 findings and the P9.2 hold, on a real demo vault
// (synthetic ward, SQLCipher files, Argon2id at a small cost): an
// investigator finds no document for a staff operator's access and a
// contractor's; the manager interviews, asks the contractor, records a
// finding, and decides on an additional investigation. Free text that holds
// a resident's name, kana or birth date is refused.
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <tuple>

#include "crypto/audit_chain.hpp"
#include "kiosk/survey/audit_log.hpp"
#include "kiosk/survey/follow_up.hpp"
#include "kiosk/survey/ledger.hpp"
#include "kiosk/survey/phrases.hpp"
#include "kiosk/survey/reconciliation.hpp"
#include "kiosk/survey/survey_register.hpp"
#include "provisioning/demo_vault.hpp"
#include "tests/support/temp_dir.hpp"

using namespace shogo;
using namespace shogo::survey;

namespace {

crypto::SecureBuffer secure(std::string_view text) {
  crypto::SecureBuffer b(text.size());
  std::memcpy(b.data(), text.data(), text.size());
  return b;
}

struct Sitting {
  test::TempDir tmp;
  std::unique_ptr<Vault> vault;
  std::string manager, supervisor, investigator;
  std::string survey{provisioning::kDemoSurveyId};
  std::optional<LentSheet> sheet;
  std::size_t staff_group = 0, contractor_group = 0;

  Sitting() {
    REQUIRE(provisioning::make_demo_vault(tmp / "vault", 7, {1, 8 * 1024}).ok());
    auto v = Vault::open(tmp / "vault");
    REQUIRE(v.ok());
    vault = std::move(v.value());
    const auto& users = provisioning::demo_users();
    manager = std::string(users[0].name);
    supervisor = std::string(users[1].name);
    investigator = std::string(users[3].name);
    REQUIRE(vault->unlock(manager, secure(users[0].passphrase)).ok());
    REQUIRE(vault->unlock(supervisor, secure(users[1].passphrase)).ok());
    const auto s = secure(users[1].passphrase);
    REQUIRE(complete_sheets(*vault, manager, survey, Shortfall{supervisor, &s}));
    REQUIRE(
        lend(*vault, investigator, survey, System::koseki, manager, secure(users[0].passphrase)));
    auto opened = open_lent_sheet(*vault, investigator, survey, System::koseki);
    REQUIRE(opened.ok());
    sheet = std::move(opened.value());
    bool staff = false, contractor = false;
    for (std::size_t g = 0; g < sheet->groups().size(); ++g) {
      const auto kind = sheet->groups()[g].operator_kind;
      if (!staff && kind == OperatorKind::staff) staff_group = g, staff = true;
      if (!contractor && kind == OperatorKind::contractor) contractor_group = g, contractor = true;
    }
    REQUIRE(staff);
    REQUIRE(contractor);
    DecisionInput none;
    none.outcome = Outcome::not_found;
    REQUIRE(decide(*vault, *sheet, investigator, staff_group, none));
    REQUIRE(decide(*vault, *sheet, investigator, contractor_group, none));
  }
  std::int64_t id_of(std::size_t g) const { return sheet->groups()[g].id; }
  std::string text(std::size_t g, RowText what) const {
    return std::string(sheet->text(sheet->row(sheet->groups()[g].rows.front()), what));
  }
  FollowUpRecord interview(std::string account, Conclusion c) const {
    FollowUpRecord r;
    r.survey_id = survey;
    r.system = System::koseki;
    r.group_id = id_of(staff_group);
    r.kind = FollowUpKind::interview;
    r.held_on = Date{2026, 12, 1};
    r.account = std::move(account);
    r.conclusion = c;
    return r;
  }
};

}  // namespace

TEST_CASE(
    "P6.6 the accesses without a document are listed for follow-up with their operator's "
    "kind and no resident's data") {
  Sitting s;
  auto list = follow_up_list(*s.vault, s.survey);
  REQUIRE(list.ok());
  REQUIRE(list->size() == 2);
  for (const auto& item : *list) {
    CHECK_FALSE(item.record.has_value());
    CHECK(item.conclusion == Conclusion::pending);
    CHECK(item.kind == (item.group_id == s.id_of(s.contractor_group) ? FollowUpKind::contractor
                                                                     : FollowUpKind::interview));
    CHECK(item.operator_id ==
          s.text(item.group_id == s.id_of(s.staff_group) ? s.staff_group : s.contractor_group,
                 RowText::operator_id));
  }
}

TEST_CASE("P6.6.a an interview is recorded by the manager and a correction keeps the first") {
  Sitting s;
  auto refused = record_follow_up(*s.vault, s.investigator,
                                  s.interview("業務で確認した", Conclusion::business));
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == "followup.not_manager");
  auto as_contractor = s.interview("業務で確認した", Conclusion::business);
  as_contractor.kind = FollowUpKind::contractor;
  CHECK(record_follow_up(*s.vault, s.manager, as_contractor).error().code == "followup.wrong_kind");
  CHECK(record_follow_up(*s.vault, s.manager, s.interview("", Conclusion::business)).error().code ==
        "followup.empty");
  REQUIRE(record_follow_up(*s.vault, s.manager, s.interview("", Conclusion::pending)));
  REQUIRE(record_follow_up(*s.vault, s.manager,
                           s.interview("窓口の請求を確認したと説明", Conclusion::business)));
  auto history = follow_up_history(*s.vault, s.survey, System::koseki, s.id_of(s.staff_group));
  REQUIRE(history.ok());
  REQUIRE(history->size() == 2);
  CHECK(history->front().conclusion == Conclusion::pending);
  CHECK(history->back().conclusion == Conclusion::business);
  auto list = follow_up_list(*s.vault, s.survey);
  REQUIRE(list.ok());
  for (const auto& item : *list) {
    if (item.group_id == s.id_of(s.staff_group)) CHECK(item.conclusion == Conclusion::business);
  }
  // Only an access decided "not found" is followed up.
  auto other = s.interview("説明", Conclusion::business);
  other.group_id = s.id_of(s.staff_group) + 100000;
  CHECK(record_follow_up(*s.vault, s.manager, other).error().code == "followup.not_found_group");
}

TEST_CASE(
    "P10.4.b free text with a resident's name, kana or birth date is refused, naming what "
    "matched and never echoing it") {
  Sitting s;
  const std::string name = s.text(s.staff_group, RowText::name);
  const std::string kana = s.text(s.staff_group, RowText::kana);
  const auto birth = s.sheet->row(s.sheet->groups()[s.staff_group].rows.front()).birth;
  char iso[32], kanji[48];
  std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", birth.year, birth.month, birth.day);
  std::snprintf(kanji, sizeof kanji, "%04d年%d月%d日", birth.year, birth.month, birth.day);
  // The name with its spaces taken out, and in full-width form, is still found.
  std::string packed = name;
  for (std::size_t at; (at = packed.find("\u3000")) != std::string::npos;) packed.erase(at, 3);
  for (const auto& [text, code] : std::vector<std::pair<std::string, std::string>>{
           {"本人は" + name + "さんの件と説明", "text.resident_name"},
           {"本人は" + packed + "の件と説明", "text.resident_name"},
           {"カナは" + kana, "text.resident_kana"},
           {std::string("生年月日") + iso + "を確認", "text.resident_birth"},
           {std::string("生年月日") + kanji + "を確認", "text.resident_birth"}}) {
    INFO(code);
    auto r = record_follow_up(*s.vault, s.manager, s.interview(text, Conclusion::business));
    REQUIRE_FALSE(r);
    CHECK(r.error().code == code);
    CHECK(r.error().message.find(name) == std::string::npos);
  }
  // Nothing was stored, and no event holds the text.
  CHECK(follow_up_history(*s.vault, s.survey, System::koseki, s.id_of(s.staff_group))->empty());
  auto events = load_audit_events(s.vault->database());
  REQUIRE(events.ok());
  for (const auto& e : *events) CHECK((e.objects + e.detail).find(name) == std::string::npos);
}

TEST_CASE(
    "P7.2 a finding puts the survey on hold until the decision on an additional "
    "investigation and its end (P9.2)") {
  Sitting s;
  Finding f;
  f.survey_id = s.survey;
  f.system = System::koseki;
  f.group_id = s.id_of(s.staff_group);
  f.cause = "業務外の興味による照会";
  f.measures = "研修を行い、照会の記録を月ごとに確認する";
  // A finding needs the conclusion "not for business".
  CHECK(record_finding(*s.vault, s.manager, f).error().code == "followup.not_not_business");
  REQUIRE(record_follow_up(*s.vault, s.manager,
                           s.interview("個人的な関心で照会したと説明", Conclusion::not_business)));
  Finding with_kana = f;
  with_kana.cause = "照会先 " + s.text(s.staff_group, RowText::kana);
  CHECK(record_finding(*s.vault, s.manager, with_kana).error().code == "text.resident_kana");
  CHECK(hold_of(*s.vault, s.survey)->has_value() == false);
  REQUIRE(record_finding(*s.vault, s.manager, f));
  auto hold = hold_of(*s.vault, s.survey);
  REQUIRE(hold.ok());
  REQUIRE(hold->has_value());
  CHECK((*hold)->active());
  CHECK((*hold)->additional == Additional::undecided);
  CHECK(end_additional(*s.vault, s.manager, s.survey).error().code == "hold.not_ongoing");
  // An additional investigation: the hold stays until it is recorded as ended.
  REQUIRE(decide_additional(*s.vault, s.manager, s.survey, true));
  CHECK((*hold_of(*s.vault, s.survey))->active());
  CHECK(decide_additional(*s.vault, s.manager, s.survey, false).error().code == "hold.decided");
  REQUIRE(end_additional(*s.vault, s.manager, s.survey));
  CHECK_FALSE((*hold_of(*s.vault, s.survey))->active());
  CHECK(load_findings(*s.vault, s.survey)->size() == 1);

  // Every change is in the chain, and the tables replay from it.
  auto events = load_audit_events(s.vault->database());
  REQUIRE(events.ok());
  CHECK(crypto::audit::verify(*events, nullptr, {}).ok);
  auto faults = s.vault->check_state();
  REQUIRE(faults.ok());
  CHECK(faults->empty());
  // A finding edited in vault.db with its key is caught.
  REQUIRE(s.vault->database().exec("UPDATE findings SET measures = 'なし';"));
  faults = s.vault->check_state();
  REQUIRE(faults.ok());
  CHECK_FALSE(faults->empty());
}

TEST_CASE("P6.6.b a contractor's employee is followed up by the contractor's report") {
  Sitting s;
  FollowUpRecord r;
  r.survey_id = s.survey;
  r.system = System::koseki;
  r.group_id = s.id_of(s.contractor_group);
  r.kind = FollowUpKind::interview;
  r.held_on = Date{2026, 12, 1};
  r.account = "説明";
  r.conclusion = Conclusion::business;
  CHECK(record_follow_up(*s.vault, s.manager, r).error().code == "followup.wrong_kind");
  r.kind = FollowUpKind::contractor;
  r.conclusion = Conclusion::pending;
  r.account.clear();
  REQUIRE(record_follow_up(*s.vault, s.manager, r));  // the request sent
  r.report_on = Date{2026, 12, 4};
  r.account = "受託業務の証明書発行で照会した旨の報告";
  r.manager_check = "請求書の控えと照合し、業務と確認";
  r.conclusion = Conclusion::business;
  REQUIRE(record_follow_up(*s.vault, s.manager, r));
  auto history = follow_up_history(*s.vault, s.survey, System::koseki, r.group_id);
  REQUIRE(history->size() == 2);
  CHECK(history->back().report_on == Date{2026, 12, 4});
  CHECK(history->back().manager_check == r.manager_check);
}

TEST_CASE("P6.5.b P6.2 a mistyped search counts as one person with the access it corrects") {
  Sitting s;
  // A group with a neighbour whose person is seen nowhere else on the sheet.
  auto person = [&](std::size_t g) {
    const auto& r = s.sheet->row(s.sheet->groups()[g].rows.front());
    return std::make_tuple(std::string(s.sheet->text(r, RowText::name)),
                           std::string(s.sheet->text(r, RowText::kana)), r.birth);
  };
  std::optional<std::size_t> chosen;
  for (std::size_t g = 0; g < s.sheet->groups().size() && !chosen; ++g) {
    if (s.sheet->decision(g) != nullptr || s.sheet->neighbours(g).empty()) continue;
    bool unique = true;
    for (std::size_t o = 0; o < s.sheet->groups().size(); ++o) {
      if (o != g && person(o) == person(g)) unique = false;
    }
    if (unique) chosen = g;
  }
  REQUIRE(chosen);
  auto persons = [&] {
    auto counts = count_survey(*s.vault, s.survey);
    REQUIRE(counts.ok());
    for (const auto& c : *counts) {
      if (c.system == System::koseki) return c.persons;
    }
    return std::size_t{0};
  };
  const std::size_t before = persons();
  DecisionInput in;
  in.outcome = Outcome::mistyped_search;
  in.related_group = s.sheet->groups()[s.sheet->neighbours(*chosen).front()].id;
  REQUIRE(decide(*s.vault, *s.sheet, s.investigator, *chosen, in));
  CHECK(persons() == before - 1);
  // Taken back, the person counts again.
  REQUIRE(undo_last_decision(*s.vault, *s.sheet, s.investigator));
  CHECK(persons() == before);
}

TEST_CASE(
    "P6.6 the manager keeps frequent phrases for reasons and measures and each change is "
    "audited") {
  Sitting s;
  auto reasons = load_phrases(*s.vault, PhraseKind::reason);
  REQUIRE(reasons.ok());
  const std::size_t demo = reasons->size();  // the demo's own
  CHECK(demo >= 1);
  CHECK(add_phrase(*s.vault, s.investigator, PhraseKind::reason, "説明").error().code ==
        "phrase.not_manager");
  CHECK(add_phrase(*s.vault, s.manager, PhraseKind::reason, "  ").error().code == "phrase.empty");
  CHECK(add_phrase(*s.vault, s.manager, PhraseKind::reason, std::string(700, 'a')).error().code ==
        "phrase.too_long");
  auto added = add_phrase(*s.vault, s.manager, PhraseKind::reason, "住民からの相談への対応と説明");
  REQUIRE(added.ok());
  CHECK(add_phrase(*s.vault, s.manager, PhraseKind::reason, "住民からの相談への対応と説明")
            .error()
            .code == "phrase.exists");
  CHECK(load_phrases(*s.vault, PhraseKind::reason)->size() == demo + 1);
  CHECK(load_phrases(*s.vault, PhraseKind::measure)->size() >= 1);
  REQUIRE(remove_phrase(*s.vault, s.manager, added->id));
  CHECK(remove_phrase(*s.vault, s.manager, added->id).error().code == "phrase.unknown");
  CHECK(load_phrases(*s.vault, PhraseKind::reason)->size() == demo);
  auto faults = s.vault->check_state();
  REQUIRE(faults.ok());
  CHECK(faults->empty());
}
