// Reconciliation (P6.5): the documents P6.5.a offers for each access group,
// references as the sticky note of P6.5.c, the mistyped search of P6.5.b,
// decisions corrected and undone with their history kept, the sheet's groups
// in the paper's order — and every decision in the audit chain, replayed. A
// real vault (VaultFixture) with small sheets written for these tests, so
// that each group is known: its time, operator, terminal and reception number.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/survey/audit_log.hpp"
#include "kiosk/survey/ledger.hpp"
#include "kiosk/survey/reconciliation.hpp"
#include "kiosk/survey/roster.hpp"
#include "kiosk/survey/sheet_import.hpp"
#include "kiosk/survey/survey_register.hpp"
#include "kiosk/survey/vault.hpp"
#include "kiosk/survey/vault_state.hpp"
#include "provisioning/synthetic/synthetic_sheets.hpp"
#include "tests/survey/vault_fixture.hpp"

using namespace shogo;
using namespace shogo::survey;
using test::pass;
namespace imp = shogo::storage::import;
using D = DocumentKind;

namespace {

const std::string kManager = "管理 一郎";
const std::string kSupervisor = "総括 花子";
const std::string kInvestigator = "調査 次郎";
const std::string kSecond = "調査 三郎";
const std::string kSurvey = "fy2026-1";
constexpr Date kDay{2026, 11, 18};
constexpr Date kToday{2026, 11, 28};

const std::vector<D> kRequests = {D::resident_certificate_request, D::family_certificate_request,
                                  D::official_request, D::misissued_certificate};  // ア
const std::vector<D> kNotifications = {D::family_notification, D::moving_notification,
                                       D::official_viewing_book, D::other_application};  // イ
const std::vector<D> kCs = {D::cs_viewing_book, D::my_number_card_application,
                            D::cs_other_application};  // エ

std::vector<D> join(std::vector<D> a, const std::vector<D>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

// A made-up access row (never a real person).
AccessLogRow access(System system, TimeOfDay time, std::string terminal, std::string op,
                    OperationKind kind, std::string name, std::string kana, Date birth) {
  AccessLogRow r;
  r.system = system;
  r.date = kDay;
  r.time = time;
  r.terminal_id = std::move(terminal);
  r.operator_id = std::move(op);
  r.operation = kind;
  r.detail = system == System::koseki ? "戸籍全部事項証明書"
             : system == System::juki ? "住民記録照会"
                                      : "本人確認情報照会";
  r.resident_name = std::move(name);
  r.resident_kana = std::move(kana);
  r.resident_birth = birth;
  r.resident_address = "東京都架空区一丁目1番";
  return r;
}

constexpr auto kIssue = OperationKind::certificate_issue;
constexpr auto kPrint = OperationKind::confirmation_print;
constexpr auto kInquiry = OperationKind::inquiry;
constexpr auto kCsOp = OperationKind::cs_operation;

// The KOSEKI sheet, with its reception numbers ("R" and the number): written
// in time order, numbered out of it, so that the paper's order (by number,
// 9 before 10) differs from the time order and from the text order.
//   time      operator  kind      reception
//   09:00:00  K10001    issue     R10
//   09:20:00  K10001    print     R9
//   09:40:00  C3001     inquiry   R11    (a contractor)
//   10:00:00  K19999    inquiry   R2     (not in the roster)
//   11:00:00  K10002    inquiry   R20  ┐ one group: the same person 1 min apart,
//   11:01:00  K10002    issue     R21  ┘ its operation the issue (ア before ウ)
struct NumberedRow {
  AccessLogRow row;
  std::uint64_t reference;
};
std::vector<NumberedRow> koseki_rows() {
  const auto k = System::koseki;
  return {
      {access(k, {9, 0, 0}, "KS-S01-01", "K10001", kIssue, "架空 一郎", "カクウ イチロウ",
              {1970, 1, 1}),
       10},
      {access(k, {9, 20, 0}, "KS-S01-01", "K10001", kPrint, "架空 二郎", "カクウ ジロウ",
              {1971, 2, 2}),
       9},
      {access(k, {9, 40, 0}, "KS-S01-01", "C3001", kInquiry, "架空 三郎", "カクウ サブロウ",
              {1972, 3, 3}),
       11},
      {access(k, {10, 0, 0}, "KS-S01-01", "K19999", kInquiry, "架空 四郎", "カクウ シロウ",
              {1973, 4, 4}),
       2},
      {access(k, {11, 0, 0}, "KS-S01-01", "K10002", kInquiry, "架空 五郎", "カクウ ゴロウ",
              {1974, 5, 5}),
       20},
      {access(k, {11, 1, 0}, "KS-S01-01", "K10002", kIssue, "架空 五郎", "カクウ ゴロウ",
              {1974, 5, 5}),
       21},
  };
}

// The JUKI access log (no reception numbers), written out of time order.
//   09:30:00 + 09:31:00  JK-S01-01  K10001  one group of two rows (written 09:31 first)
//   10:00:00             JK-S01-01  K10002  a mistyped birth date (P6.5.b) …
//   10:00:30             JK-S01-01  K10002  … and the right person
//   10:05:00             JK-S01-02  K10002  another terminal
//   10:10:00             JK-S01-01  K10001  another operator
//   10:20:00             JK-S01-01  T2001   an other-division id (P6.5.a カ)
//   10:30:00             JK-S01-01  K10002  30 min after the mistyped search
//   10:30:01             JK-S01-01  K10002  30 min 1 s after it
std::vector<AccessLogRow> juki_rows() {
  const auto j = System::juki;
  return {
      access(j, {10, 30, 1}, "JK-S01-01", "K10002", kInquiry, "架空 八郎", "カクウ ハチロウ",
             {1980, 8, 8}),
      access(j, {10, 0, 0}, "JK-S01-01", "K10002", kInquiry, "架空 六子", "カクウ ムツコ",
             {1970, 1, 2}),
      access(j, {10, 0, 30}, "JK-S01-01", "K10002", kInquiry, "架空 六子", "カクウ ムツコ",
             {1970, 1, 1}),
      access(j, {10, 5, 0}, "JK-S01-02", "K10002", kInquiry, "架空 七子", "カクウ ナナコ",
             {1977, 7, 7}),
      access(j, {10, 10, 0}, "JK-S01-01", "K10001", kInquiry, "架空 九子", "カクウ キュウコ",
             {1979, 9, 9}),
      access(j, {10, 20, 0}, "JK-S01-01", "T2001", kInquiry, "架空 十子", "カクウ トオコ",
             {1960, 10, 10}),
      access(j, {10, 30, 0}, "JK-S01-01", "K10002", kInquiry, "架空 十二", "カクウ ジュウジ",
             {1962, 12, 12}),
      access(j, {9, 31, 0}, "JK-S01-01", "K10001", kInquiry, "架空 十一", "カクウ ジュウイチ",
             {1961, 11, 11}),
      access(j, {9, 30, 0}, "JK-S01-01", "K10001", kInquiry, "架空 十一", "カクウ ジュウイチ",
             {1961, 11, 11}),
  };
}

// The CS terminal history (JUKINET), written out of time order.
std::vector<AccessLogRow> jukinet_rows() {
  const auto n = System::jukinet;
  return {
      access(n, {9, 45, 0}, "CS-S01-01", "C3001", kCsOp, "架空 十三", "カクウ ジュウゾウ",
             {1963, 1, 13}),
      access(n, {9, 15, 0}, "CS-S01-01", "K10001", kCsOp, "架空 十四", "カクウ ジュウシ",
             {1964, 1, 14}),
  };
}

// A vault with one survey in sheets_made: one site, its terminals, the three
// sheets above imported, a roster of four operator ids (K19999 left out).
struct ReconFixture : test::VaultFixture {
  std::unique_ptr<Vault> vault;

  ReconFixture() {
    vault = open();
    REQUIRE(vault->unlock(kManager, pass("manager passphrase")));
    REQUIRE(vault->unlock(kSupervisor, pass("supervisor passphrase")));
    REQUIRE(vault->unlock(kInvestigator, pass("investigator passphrase")));
    const auto second = pass("second passphrase");
    REQUIRE(vault->users().add(kManager, {kSecond, Role::investigator, &second}, test::kCheap));
    REQUIRE(add_site(*vault, kManager, {"S01", "本庁舎", {8, 30, 0}, {17, 15, 0}}));
    for (const Terminal& t :
         {Terminal{"KS-S01-01", "S01", System::koseki}, Terminal{"JK-S01-01", "S01", System::juki},
          Terminal{"JK-S01-02", "S01", System::juki},
          Terminal{"CS-S01-01", "S01", System::jukinet}}) {
      REQUIRE(add_terminal(*vault, kManager, t));
    }
    REQUIRE(vault->surveys().create(kManager, kSurvey, 2026, "令和8年度 第1回"));
    REQUIRE(set_counting_rules(*vault, kManager, kSurvey, 1, 15));  // small sheets
    designate_ok(System::koseki, {"KS-S01-01"});
    designate_ok(System::juki, {"JK-S01-01", "JK-S01-02"});
    designate_ok(System::jukinet, {"CS-S01-01"});

    std::vector<NumberedRow> koseki = koseki_rows();
    import_ok(imp::SheetKind::koseki_issuance, koseki);
    std::vector<NumberedRow> juki, jukinet;
    for (auto& r : juki_rows()) juki.push_back({r, 0});
    for (auto& r : jukinet_rows()) jukinet.push_back({r, 0});
    import_ok(imp::SheetKind::juki_access_log, juki);
    import_ok(imp::SheetKind::cs_operations, jukinet);
    import_roster();
    REQUIRE(complete_sheets(*vault, kManager, kSurvey));
  }

  void designate_ok(System system, std::vector<std::string> terminals) {
    Designation d;
    d.date = kDay;
    d.from = {9, 0, 0};
    d.to = {12, 0, 0};
    d.terminal_ids = std::move(terminals);
    auto made = designate(*vault, kSupervisor, kSurvey, system, d, {}, kToday);
    REQUIRE(made);
    REQUIRE(made->stored);
  }

  void import_ok(imp::SheetKind kind, const std::vector<NumberedRow>& rows) {
    const auto file = tmp / (std::string(imp::sheet_kind_id(kind)) + ".csv");
    {
      std::ofstream out(file, std::ios::binary);
      out << "\xEF\xBB\xBF";
      synthetic::write_sheet_header(out, kind);
      for (const auto& r : rows) synthetic::write_sheet_row(out, kind, r.row, r.reference);
    }
    ImportRequest request;
    request.survey_id = kSurvey;
    request.kind = kind;
    request.file = file;
    auto report = import_sheet(*vault, kManager, request);
    REQUIRE(report);
    REQUIRE(report->stored == rows.size());
  }

  // `own` (an operator id), if given, is made 調査 次郎's own id.
  void import_roster(const std::string& own = {}) {
    struct Op {
      const char* id;
      const char* name;
      OperatorKind kind;
    };
    const Op ops[] = {{"K10001", "職員 甲", OperatorKind::staff},
                      {"K10002", "職員 乙", OperatorKind::staff},
                      {"T2001", "他課 丙", OperatorKind::other_division},
                      {"C3001", "委託 丁", OperatorKind::contractor}};
    std::vector<imp::RosterEntry> roster;
    for (const Op& op : ops) {
      imp::RosterEntry e;
      e.row = roster.size() + 2;
      e.operator_id = op.id;
      e.name = op.name;
      e.kind = op.kind;
      e.affiliation = op.kind == OperatorKind::contractor ? "架空委託株式会社" : "住民情報課";
      if (op.id == own) e.user = kInvestigator;
      roster.push_back(e);
    }
    REQUIRE(replace_roster(*vault, kManager, roster));
  }

  Lending lend_ok(const std::string& investigator, System system) {
    auto l = lend(*vault, investigator, kSurvey, system, kManager, pass("manager passphrase"));
    if (!l) FAIL("lend: " << l.error().code);
    return l ? *l : Lending{};
  }

  void return_ok(const Lending& l) {
    REQUIRE(return_sheet(*vault, l.investigator, l.id, kManager, pass("manager passphrase")));
  }

  LentSheet open_sheet(System system, const std::string& who = kInvestigator) {
    auto sheet = open_lent_sheet(*vault, who, kSurvey, system);
    if (!sheet) FAIL("open_lent_sheet: " << sheet.error().code);
    return sheet ? std::move(*sheet) : LentSheet{};
  }

  std::vector<Decision> in_force() {
    auto d = load_decisions(*vault, kSurvey);
    REQUIRE(d);
    return *d;
  }

  std::vector<Decision> history(System system, std::int64_t group_id) {
    auto h = decision_history(*vault, kSurvey, system, group_id);
    REQUIRE(h);
    return *h;
  }

  std::size_t count_events(std::string_view action) {
    auto events = load_audit_events(vault->database());
    REQUIRE(events);
    return static_cast<std::size_t>(
        std::count_if(events->begin(), events->end(),
                      [&](const auto& e) { return e.action == action && e.outcome == "ok"; }));
  }
};

// The position of the group whose first row is at `time`.
std::size_t group_at(const LentSheet& sheet, TimeOfDay time) {
  for (std::size_t i = 0; i < sheet.groups().size(); ++i) {
    if (sheet.row(sheet.groups()[i].rows.front()).time == time) return i;
  }
  FAIL("no group at " << format_time(time));
  return 0;
}

std::string first_text(const LentSheet& sheet, std::size_t group, RowText which) {
  return std::string(sheet.text(sheet.row(sheet.groups()[group].rows.front()), which));
}

DecisionInput document(D kind, std::string reference, bool keep = false) {
  DecisionInput in;
  in.outcome = Outcome::document;
  in.document = kind;
  in.reference = std::move(reference);
  in.keep_differing_reference = keep;
  return in;
}

DecisionInput outcome(Outcome o, std::optional<std::int64_t> related = std::nullopt) {
  DecisionInput in;
  in.outcome = o;
  in.related_group = related;
  return in;
}

std::string error_of(const Result<Decision>& r) { return r ? "ok" : r.error().code; }

}  // namespace

TEST_CASE("P6.5.a the documents offered for every operation and every operator kind") {
  const std::vector<D> tax = {D::tax_certificate_request};
  // By the operation for staff and contractors alike (P4.1.a, P4.2); オ last.
  const std::vector<std::pair<OperationKind, std::vector<D>>> by_operation = {
      {OperationKind::certificate_issue, join(kRequests, tax)},              // ア, オ
      {OperationKind::confirmation_print, join(kNotifications, tax)},        // イ, オ
      {OperationKind::inquiry, join(join(kRequests, kNotifications), tax)},  // ウ, オ
      {OperationKind::cs_operation, kCs},                                    // エ
  };
  REQUIRE(by_operation.size() == std::size(kAllOperationKinds));
  for (const auto& [operation, expected] : by_operation) {
    INFO(operation_kind_id(operation));
    CHECK(allowed_documents(operation, OperatorKind::staff) == expected);
    CHECK(allowed_documents(operation, OperatorKind::contractor) == expected);
    // カ: an other-division id, whatever it did, only its division's book.
    CHECK(allowed_documents(operation, OperatorKind::other_division) ==
          std::vector<D>{D::other_division_book});
    // An operator the roster does not know: nothing is offered (P4).
    CHECK(allowed_documents(operation, std::nullopt).empty());
  }
  // Every kind of document is in the list, in the procedure's order, with its clause.
  const auto kinds = document_kinds();
  REQUIRE(kinds.size() == 13);
  const char* clauses[] = {"ア", "ア", "ア", "ア", "イ", "イ", "イ",
                           "イ", "エ", "エ", "エ", "オ", "カ"};
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    INFO(kinds[i].id);
    CHECK(static_cast<std::size_t>(kinds[i].kind) == i);
    CHECK(kinds[i].clause == clauses[i]);
    CHECK(&document_info(kinds[i].kind) == &kinds[i]);
    CHECK(parse_document_kind(kinds[i].id) == kinds[i].kind);
  }
  CHECK_FALSE(parse_document_kind("").has_value());
  CHECK_FALSE(parse_document_kind("tax").has_value());
  for (Outcome o :
       {Outcome::document, Outcome::mistyped_search, Outcome::not_found, Outcome::withdrawn}) {
    CHECK(parse_outcome(outcome_id(o)) == o);
  }
  CHECK(outcome_id(Outcome::mistyped_search) == "mistyped_search");
  CHECK_FALSE(parse_outcome("business").has_value());
}

TEST_CASE("P6.5.c a reference is a number or a book and page and never a name") {
  // NFKC: full-width digits and letters become ASCII; spaces (also U+3000) are trimmed.
  CHECK(normalise_reference("１２３") == std::optional<std::string>("123"));
  CHECK(normalise_reference("Ｒ１０") == std::optional<std::string>("R10"));
  CHECK(normalise_reference("  R10 ") == std::optional<std::string>("R10"));
  // Reception numbers do not differ by case.
  CHECK(normalise_reference("r10") == std::optional<std::string>("R10"));
  CHECK(normalise_reference("ｒ１０") == std::optional<std::string>("R10"));
  CHECK(normalise_reference("\u3000R10\u3000") == std::optional<std::string>("R10"));
  CHECK(normalise_reference("第3冊12頁") == std::optional<std::string>("第3冊12頁"));
  CHECK(normalise_reference("第３冊１２頁") == std::optional<std::string>("第3冊12頁"));
  CHECK(normalise_reference("2026年11月18日 第5号") ==
        std::optional<std::string>("2026年11月18日 第5号"));
  CHECK(normalise_reference("A-12/3 #4 (2).1") == std::optional<std::string>("A-12/3 #4 (2).1"));
  // Never a name, nor anything else but the listed characters.
  CHECK_FALSE(normalise_reference("山田"));
  CHECK_FALSE(normalise_reference("第3冊 山田"));
  CHECK_FALSE(normalise_reference("カクウ"));
  CHECK_FALSE(normalise_reference("R10\n"));
  CHECK_FALSE(normalise_reference("R10;DROP"));
  CHECK_FALSE(normalise_reference("\xff\xfe"));  // not UTF-8
  // 1 to 40 characters (第, 冊, 頁 … count one each).
  CHECK_FALSE(normalise_reference(""));
  CHECK_FALSE(normalise_reference("   "));
  CHECK_FALSE(normalise_reference("\u3000"));
  CHECK(normalise_reference(std::string(40, '7')) ==
        std::optional<std::string>(std::string(40, '7')));
  CHECK_FALSE(normalise_reference(std::string(41, '7')));
  std::string forty;
  for (int i = 0; i < 20; ++i) forty += "第1";
  CHECK(normalise_reference(forty) == std::optional<std::string>(forty));
  CHECK_FALSE(normalise_reference(forty + "頁"));
  // Trimmed before it is counted.
  CHECK(normalise_reference("  " + std::string(40, '7') + "  ").has_value());
}

TEST_CASE("P6.5 the groups come in the paper's order: by reception number else by time") {
  ReconFixture f;
  for (System s : kAllSystems) f.lend_ok(kInvestigator, s);

  SECTION("KOSEKI by reception number, 9 before 10") {
    const LentSheet sheet = f.open_sheet(System::koseki);
    CHECK(sheet.has_references());
    CHECK_FALSE(sheet.has_search_conditions());
    CHECK(sheet.row_count() == 6);
    std::vector<std::string> references;
    std::vector<TimeOfDay> times;
    for (std::size_t i = 0; i < sheet.groups().size(); ++i) {
      references.push_back(first_text(sheet, i, RowText::reference));
      times.push_back(sheet.row(sheet.groups()[i].rows.front()).time);
    }
    CHECK(references == std::vector<std::string>{"R2", "R9", "R10", "R11", "R20"});
    CHECK(times ==
          std::vector<TimeOfDay>{{10, 0, 0}, {9, 20, 0}, {9, 0, 0}, {9, 40, 0}, {11, 0, 0}});
    // Each group: its first row's id, its rows in time order, its operator from the roster.
    for (std::size_t i = 0; i < sheet.groups().size(); ++i) {
      const auto& g = sheet.groups()[i];
      CHECK(g.id == sheet.row(g.rows.front()).id);
      CHECK(sheet.find_group(g.id) == i);
    }
    CHECK(sheet.find_group(-5) == static_cast<std::size_t>(-1));
    const auto& unknown = sheet.groups()[0];
    CHECK(first_text(sheet, 0, RowText::operator_id) == "K19999");
    CHECK(first_text(sheet, 0, RowText::terminal) == "KS-S01-01");
    CHECK(first_text(sheet, 0, RowText::name) == "架空 四郎");
    CHECK(first_text(sheet, 0, RowText::kana) == "カクウ シロウ");
    CHECK(first_text(sheet, 0, RowText::detail) == "戸籍全部事項証明書");
    CHECK(first_text(sheet, 0, RowText::operation_text) == "照会");
    CHECK(first_text(sheet, 0, RowText::honseki) == "東京都架空区一丁目1番");
    CHECK(sheet.row(unknown.rows.front()).birth == Date{1973, 4, 4});
    CHECK_FALSE(unknown.operator_kind.has_value());
    CHECK(unknown.operator_name.empty());
    const auto& contractor = sheet.groups()[3];
    CHECK(contractor.operator_kind == OperatorKind::contractor);
    CHECK(contractor.operator_name == "委託 丁");
    CHECK(contractor.operation == OperationKind::inquiry);
    // Two rows of one person a minute apart: one group, its operation the issue.
    const auto& two = sheet.groups()[4];
    REQUIRE(two.rows.size() == 2);
    CHECK(sheet.row(two.rows[0]).time == TimeOfDay{11, 0, 0});
    CHECK(sheet.row(two.rows[1]).time == TimeOfDay{11, 1, 0});
    CHECK(two.operation == OperationKind::certificate_issue);
    CHECK(sheet.groups()[1].operation == OperationKind::confirmation_print);
    CHECK(sheet.decided() == 0);
    CHECK(sheet.decision(0) == nullptr);
  }
  SECTION("JUKI without reception numbers by time") {
    const LentSheet sheet = f.open_sheet(System::juki);
    CHECK_FALSE(sheet.has_references());
    CHECK(sheet.has_search_conditions());
    CHECK(sheet.row_count() == 9);
    std::vector<TimeOfDay> times;
    for (const auto& g : sheet.groups()) times.push_back(sheet.row(g.rows.front()).time);
    CHECK(times == std::vector<TimeOfDay>{{9, 30, 0},
                                          {10, 0, 0},
                                          {10, 0, 30},
                                          {10, 5, 0},
                                          {10, 10, 0},
                                          {10, 20, 0},
                                          {10, 30, 0},
                                          {10, 30, 1}});
    const auto& two = sheet.groups()[0];
    REQUIRE(two.rows.size() == 2);  // written 09:31 first, kept in time order
    CHECK(sheet.row(two.rows[1]).time == TimeOfDay{9, 31, 0});
    CHECK(two.id == sheet.row(two.rows[0]).id);
    CHECK_THAT(first_text(sheet, 1, RowText::search_condition),
               Catch::Contains("生年月日=1970/01/02"));
    CHECK(sheet.groups()[5].operator_kind == OperatorKind::other_division);
  }
  SECTION("JUKINET by time") {
    const LentSheet sheet = f.open_sheet(System::jukinet);
    CHECK_FALSE(sheet.has_references());
    REQUIRE(sheet.groups().size() == 2);
    CHECK(first_text(sheet, 0, RowText::operator_id) == "K10001");
    CHECK(sheet.row(sheet.groups()[0].rows.front()).time == TimeOfDay{9, 15, 0});
    CHECK(sheet.row(sheet.groups()[1].rows.front()).time == TimeOfDay{9, 45, 0});
    CHECK(sheet.groups()[0].operation == OperationKind::cs_operation);
  }
}

TEST_CASE("P6.5.a a decision names a document the group allows and its reference") {
  ReconFixture f;
  for (System s : kAllSystems) f.lend_ok(kInvestigator, s);
  LentSheet koseki = f.open_sheet(System::koseki);
  const std::size_t issue = group_at(koseki, {9, 0, 0});        // R10, staff, ア
  const std::size_t print = group_at(koseki, {9, 20, 0});       // R9, staff, イ
  const std::size_t contractor = group_at(koseki, {9, 40, 0});  // R11, contractor, ウ
  const std::size_t unknown = group_at(koseki, {10, 0, 0});     // R2, not in the roster
  const std::size_t two = group_at(koseki, {11, 0, 0});         // R20 + R21
  auto decide_on = [&](LentSheet& sheet, std::size_t group, const DecisionInput& in) {
    return decide(*f.vault, sheet, kInvestigator, group, in);
  };

  // Outside P6.5.a's list for a certificate issued.
  CHECK(error_of(decide_on(koseki, issue, outcome(Outcome::document))) == "decision.not_allowed");
  for (D wrong : {D::family_notification, D::cs_viewing_book, D::other_division_book}) {
    INFO(document_info(wrong).id);
    CHECK(error_of(decide_on(koseki, issue, document(wrong, "R10"))) == "decision.not_allowed");
  }
  CHECK(error_of(decide_on(koseki, print, document(D::resident_certificate_request, "R9"))) ==
        "decision.not_allowed");
  // A reference that is none.
  for (const char* bad : {"山田", "", "  ", "R10 山田"}) {
    INFO(bad);
    CHECK(error_of(decide_on(koseki, issue, document(D::resident_certificate_request, bad))) ==
          "decision.bad_reference");
  }
  CHECK(error_of(decide_on(koseki, issue,
                           document(D::resident_certificate_request, std::string(41, '1')))) ==
        "decision.bad_reference");
  // Another number than the row's own: asked first, kept when confirmed.
  CHECK(
      error_of(decide_on(koseki, issue, document(D::resident_certificate_request, "第3冊12頁"))) ==
      "decision.reference_differs");
  CHECK(error_of(decide_on(koseki, issue, document(D::resident_certificate_request, "R100"))) ==
        "decision.reference_differs");
  CHECK(f.in_force().empty());
  CHECK(koseki.decided() == 0);
  CHECK(f.count_events("decide") == 0);

  const std::int64_t at = f.now;
  auto kept =
      decide_on(koseki, issue, document(D::resident_certificate_request, " 第３冊１２頁 ", true));
  REQUIRE(kept);
  CHECK(kept->reference == "第3冊12頁");
  CHECK(kept->document == D::resident_certificate_request);
  CHECK(kept->outcome == Outcome::document);
  CHECK(kept->group_id == koseki.groups()[issue].id);
  CHECK(kept->group_rows == 1);
  CHECK(kept->decided_by == kInvestigator);
  CHECK(kept->decided_at == at);
  CHECK(kept->lending_id == koseki.lending().id);
  CHECK(kept->system == System::koseki);
  CHECK(kept->survey_id == kSurvey);
  CHECK(kept->id > 0);
  REQUIRE(koseki.decision(issue) != nullptr);
  CHECK(koseki.decision(issue)->reference == "第3冊12頁");
  // The row's own number, typed full-width, is the same number: no question.
  auto same = decide_on(koseki, print, document(D::family_notification, "Ｒ９"));
  REQUIRE(same);
  CHECK(same->reference == "R9");
  // After ア–エ, the tax-certificate request (オ); a contractor is offered what staff are.
  // (typed in lower case: the same number.)
  CHECK(error_of(decide_on(koseki, contractor, document(D::tax_certificate_request, "r11"))) ==
        "ok");
  CHECK(error_of(decide_on(koseki, contractor, document(D::official_viewing_book, "R11"))) == "ok");
  // A group of two rows: the number of either row is its own.
  auto second_row = decide_on(koseki, two, document(D::family_certificate_request, "R21"));
  REQUIRE(second_row);
  CHECK(second_row->group_rows == 2);
  CHECK(error_of(decide_on(koseki, two, document(D::family_notification, "R20"))) ==
        "decision.not_allowed");  // the group is an issue (ア), not a print
  // An operator the roster does not know: no document is known, nor any outcome.
  CHECK(error_of(decide_on(koseki, unknown, document(D::resident_certificate_request, "R2"))) ==
        "decision.unknown_operator");
  CHECK(error_of(decide_on(koseki, unknown, outcome(Outcome::not_found))) ==
        "decision.unknown_operator");
  CHECK(koseki.decision(unknown) == nullptr);
  // An index past the groups.
  CHECK(error_of(decide_on(koseki, koseki.groups().size(), outcome(Outcome::not_found))) ==
        "decision.unknown_group");

  // カ: another division's id, the book of that division only; a sheet
  // without numbers takes any well-formed reference.
  LentSheet juki = f.open_sheet(System::juki);
  const std::size_t other = group_at(juki, {10, 20, 0});
  CHECK(error_of(decide_on(juki, other, document(D::resident_certificate_request, "12"))) ==
        "decision.not_allowed");
  auto book = decide_on(juki, other, document(D::other_division_book, "第2冊5頁"));
  REQUIRE(book);
  CHECK(book->reference == "第2冊5頁");
  // エ: a CS terminal operation.
  LentSheet cs = f.open_sheet(System::jukinet);
  CHECK(error_of(decide_on(cs, 0, document(D::resident_certificate_request, "1"))) ==
        "decision.not_allowed");
  CHECK(error_of(decide_on(cs, 0, document(D::my_number_card_application, "CS-12"))) == "ok");
  CHECK(error_of(decide_on(cs, 1, outcome(Outcome::not_found))) == "ok");

  const auto decisions = f.in_force();
  CHECK(decisions.size() == 7);  // issue, print, contractor, two; other; both CS groups
  CHECK(f.count_events("decide") == 8);
  // Never a resident's data in the events: ids, kinds and numbers.
  auto events = load_audit_events(f.vault->database());
  REQUIRE(events);
  for (const auto& e : *events) {
    CHECK(e.detail.find("架空") == std::string::npos);
    CHECK(decode_audit_objects(e.objects).find("架空") == std::string::npos);
  }
}

TEST_CASE("P6.5.b a mistyped search names a neighbouring group of the same operator and terminal") {
  ReconFixture f;
  f.lend_ok(kInvestigator, System::juki);
  LentSheet sheet = f.open_sheet(System::juki);
  const std::size_t mistyped = group_at(sheet, {10, 0, 0});
  const std::size_t right = group_at(sheet, {10, 0, 30});
  const std::size_t other_terminal = group_at(sheet, {10, 5, 0});
  const std::size_t other_operator = group_at(sheet, {10, 10, 0});
  const std::size_t at_30_min = group_at(sheet, {10, 30, 0});
  const std::size_t past_30_min = group_at(sheet, {10, 30, 1});

  // Within 30 minutes either side, by time, the group itself left out.
  CHECK(sheet.neighbours(mistyped) == std::vector<std::size_t>{right, at_30_min});
  CHECK(sheet.neighbours(right) == std::vector<std::size_t>{mistyped, at_30_min, past_30_min});
  CHECK(sheet.neighbours(past_30_min) == std::vector<std::size_t>{right, at_30_min});
  CHECK(sheet.neighbours(mistyped, 1) == std::vector<std::size_t>{right});
  CHECK(sheet.neighbours(mistyped, 0).empty());
  CHECK(sheet.neighbours(other_terminal).empty());

  auto related = [&](std::optional<std::size_t> group) {
    return outcome(Outcome::mistyped_search,
                   group ? std::optional<std::int64_t>(sheet.groups()[*group].id) : std::nullopt);
  };
  auto try_with = [&](std::optional<std::size_t> group) {
    return error_of(decide(*f.vault, sheet, kInvestigator, mistyped, related(group)));
  };
  CHECK(try_with(std::nullopt) == "decision.bad_related");
  CHECK(try_with(mistyped) == "decision.bad_related");
  CHECK(try_with(other_terminal) == "decision.bad_related");
  CHECK(try_with(other_operator) == "decision.bad_related");
  CHECK(try_with(past_30_min) == "decision.bad_related");
  DecisionInput unknown_group = outcome(Outcome::mistyped_search, 999999);
  CHECK(error_of(decide(*f.vault, sheet, kInvestigator, mistyped, unknown_group)) ==
        "decision.bad_related");
  CHECK(f.in_force().empty());

  auto d = decide(*f.vault, sheet, kInvestigator, mistyped, related(right));
  REQUIRE(d);
  CHECK(d->outcome == Outcome::mistyped_search);
  CHECK(d->related_group == sheet.groups()[right].id);
  CHECK_FALSE(d->document.has_value());
  CHECK(d->reference.empty());
  const auto stored = f.in_force();
  REQUIRE(stored.size() == 1);
  CHECK(stored[0].outcome == Outcome::mistyped_search);
  CHECK(stored[0].related_group == sheet.groups()[right].id);
  CHECK(stored[0].group_id == sheet.groups()[mistyped].id);
  // The group 30 minutes on is a neighbour too.
  CHECK(error_of(decide(*f.vault, sheet, kInvestigator, mistyped, related(at_30_min))) == "ok");
}

TEST_CASE("P6.5.c a correction keeps the earlier decision and undo gives it back") {
  ReconFixture f;
  const Lending lending = f.lend_ok(kInvestigator, System::koseki);
  LentSheet sheet = f.open_sheet(System::koseki);
  const std::size_t issue = group_at(sheet, {9, 0, 0});
  const std::size_t print = group_at(sheet, {9, 20, 0});
  const std::size_t contractor = group_at(sheet, {9, 40, 0});
  const std::int64_t issue_id = sheet.groups()[issue].id;
  const std::int64_t print_id = sheet.groups()[print].id;
  const std::int64_t contractor_id = sheet.groups()[contractor].id;

  // Nothing decided: nothing to undo.
  auto nothing = undo_last_decision(*f.vault, sheet, kInvestigator);
  REQUIRE_FALSE(nothing);
  CHECK(nothing.error().code == "decision.nothing_to_undo");

  REQUIRE(decide(*f.vault, sheet, kInvestigator, print, outcome(Outcome::not_found)));
  f.now += 60;
  REQUIRE(decide(*f.vault, sheet, kInvestigator, issue,
                 document(D::resident_certificate_request, "R10")));
  f.now += 60;
  auto corrected =
      decide(*f.vault, sheet, kInvestigator, issue, document(D::misissued_certificate, "R10"));
  REQUIRE(corrected);
  REQUIRE(sheet.decision(issue) != nullptr);
  CHECK(sheet.decision(issue)->document == D::misissued_certificate);
  // The correction is in force; the first decision stays in the history.
  auto h = f.history(System::koseki, issue_id);
  REQUIRE(h.size() == 2);
  CHECK(h[0].document == D::resident_certificate_request);
  CHECK(h[1].document == D::misissued_certificate);
  CHECK(h[0].id < h[1].id);
  CHECK(h[1].decided_at == h[0].decided_at + 60);
  auto force = f.in_force();
  REQUIRE(force.size() == 2);
  CHECK(force[0].group_id == issue_id);  // by group id: the 09:00 row was stored first
  CHECK(force[0].document == D::misissued_certificate);
  CHECK(force[0].id == corrected->id);
  CHECK(force[1].group_id == print_id);
  CHECK(force[1].outcome == Outcome::not_found);

  // Undo: the group gets its decision before the correction back, as a new row.
  f.now += 60;
  auto undone = undo_last_decision(*f.vault, sheet, kInvestigator);
  REQUIRE(undone);
  CHECK(*undone == issue);
  REQUIRE(sheet.decision(issue) != nullptr);
  CHECK(sheet.decision(issue)->document == D::resident_certificate_request);
  CHECK(sheet.decision(issue)->reference == "R10");
  h = f.history(System::koseki, issue_id);
  REQUIRE(h.size() == 3);
  CHECK(h[2].document == D::resident_certificate_request);
  CHECK(h[2].decided_by == kInvestigator);
  CHECK(h[2].lending_id == lending.id);
  force = f.in_force();
  REQUIRE(force.size() == 2);
  CHECK(force[0].document == D::resident_certificate_request);
  CHECK(force[0].id == h[2].id);

  // Undo of a group's only decision: the group is undecided again (withdrawn).
  REQUIRE(decide(*f.vault, sheet, kInvestigator, contractor,
                 document(D::tax_certificate_request, "R11")));
  CHECK(sheet.decided() == 3);
  auto withdrawn = undo_last_decision(*f.vault, sheet, kInvestigator);
  REQUIRE(withdrawn);
  CHECK(*withdrawn == contractor);
  CHECK(sheet.decision(contractor) == nullptr);
  CHECK(sheet.decided() == 2);
  h = f.history(System::koseki, contractor_id);
  REQUIRE(h.size() == 2);
  CHECK(h[0].outcome == Outcome::document);
  CHECK(h[1].outcome == Outcome::withdrawn);
  CHECK_FALSE(h[1].document.has_value());
  // load_decisions leaves withdrawn groups out: only decisions in force.
  force = f.in_force();
  REQUIRE(force.size() == 2);
  CHECK(std::none_of(force.begin(), force.end(),
                     [&](const Decision& d) { return d.group_id == contractor_id; }));
  // A withdrawal by hand does the same.
  REQUIRE(decide(*f.vault, sheet, kInvestigator, print, outcome(Outcome::withdrawn)));
  CHECK(sheet.decision(print) == nullptr);
  force = f.in_force();
  REQUIRE(force.size() == 1);
  CHECK(force[0].group_id == issue_id);

  // The sheet opened again shows the decisions in force.
  const LentSheet again = f.open_sheet(System::koseki);
  CHECK(again.decided() == 1);
  REQUIRE(again.decision(issue) != nullptr);
  CHECK(again.decision(issue)->document == D::resident_certificate_request);
  CHECK(again.decision(contractor) == nullptr);
  CHECK(again.decision(print) == nullptr);
  CHECK(f.count_events("decide") == 7);

  // Another lending has no decision of its own to undo.
  f.return_ok(lending);
  f.lend_ok(kInvestigator, System::koseki);
  LentSheet next = f.open_sheet(System::koseki);
  CHECK(next.decided() == 1);  // the decisions stay with the survey
  auto none = undo_last_decision(*f.vault, next, kInvestigator);
  REQUIRE_FALSE(none);
  CHECK(none.error().code == "decision.nothing_to_undo");
}

TEST_CASE("P6.4.c only the holder of the sheet decides while it is lent to them") {
  ReconFixture f;
  const Lending lending = f.lend_ok(kInvestigator, System::koseki);
  LentSheet sheet = f.open_sheet(System::koseki);
  const std::size_t issue = group_at(sheet, {9, 0, 0});
  const std::size_t contractor = group_at(sheet, {9, 40, 0});
  const auto ok_input = document(D::resident_certificate_request, "R10");

  // Another investigator, the manager: not theirs, with the holder's sheet in hand.
  for (const std::string& who : {kSecond, kManager}) {
    INFO(who);
    CHECK(error_of(decide(*f.vault, sheet, who, issue, ok_input)) == "ledger.not_holder");
    auto undo = undo_last_decision(*f.vault, sheet, who);
    REQUIRE_FALSE(undo);
    CHECK(undo.error().code == "ledger.not_holder");
  }
  REQUIRE(decide(*f.vault, sheet, kInvestigator, issue, ok_input));

  SECTION("P5.3.c not on a group made with the holder's own operator id") {
    f.import_roster("K10001");  // the roster now says K10001 is 調査 次郎's
    CHECK(error_of(decide(*f.vault, sheet, kInvestigator, issue, outcome(Outcome::not_found))) ==
          "decision.conflict_of_interest");
    CHECK(error_of(decide(*f.vault, sheet, kInvestigator, contractor,
                          outcome(Outcome::not_found))) == "ok");
  }
  SECTION("returned: the sheet in hand decides nothing") {
    f.return_ok(lending);
    CHECK(error_of(decide(*f.vault, sheet, kInvestigator, contractor,
                          outcome(Outcome::not_found))) == "ledger.not_holder");
    auto undo = undo_last_decision(*f.vault, sheet, kInvestigator);
    REQUIRE_FALSE(undo);
    CHECK(undo.error().code == "ledger.not_holder");
    // Lent again, the old sheet stays shut; the new one decides.
    f.lend_ok(kInvestigator, System::koseki);
    CHECK(error_of(decide(*f.vault, sheet, kInvestigator, contractor,
                          outcome(Outcome::not_found))) == "ledger.not_holder");
    LentSheet fresh = f.open_sheet(System::koseki);
    CHECK(error_of(decide(*f.vault, fresh, kInvestigator, contractor,
                          outcome(Outcome::not_found))) == "ok");
  }
  SECTION("due at the end of the day: the sheet in hand decides nothing") {
    f.now = lending.due_at;
    CHECK(error_of(decide(*f.vault, sheet, kInvestigator, contractor,
                          outcome(Outcome::not_found))) == "ledger.not_holder");
    auto undo = undo_last_decision(*f.vault, sheet, kInvestigator);
    REQUIRE_FALSE(undo);
    CHECK(undo.error().code == "ledger.not_holder");
  }
  SECTION("a sheet lent to someone else is theirs, not the first holder's") {
    f.return_ok(lending);
    f.lend_ok(kSecond, System::koseki);
    CHECK(error_of(decide(*f.vault, sheet, kInvestigator, contractor,
                          outcome(Outcome::not_found))) == "ledger.not_holder");
    auto theirs = open_lent_sheet(*f.vault, kInvestigator, kSurvey, System::koseki);
    REQUIRE_FALSE(theirs);
    CHECK(theirs.error().code == "ledger.not_holder");
    LentSheet second = f.open_sheet(System::koseki, kSecond);
    CHECK(error_of(decide(*f.vault, second, kSecond, contractor, outcome(Outcome::not_found))) ==
          "ok");
  }
  const auto force = f.in_force();
  CHECK(std::all_of(force.begin(), force.end(), [](const Decision& d) {
    return d.decided_by == kInvestigator || d.decided_by == kSecond;
  }));
}

TEST_CASE("P6.5 decisions replay from the audit chain and an edited decision is caught") {
  ReconFixture f;
  const Lending first = f.lend_ok(kInvestigator, System::koseki);
  {
    LentSheet sheet = f.open_sheet(System::koseki);
    REQUIRE(decide(*f.vault, sheet, kInvestigator, group_at(sheet, {9, 0, 0}),
                   document(D::resident_certificate_request, "R10")));
    REQUIRE(decide(*f.vault, sheet, kInvestigator, group_at(sheet, {9, 0, 0}),
                   document(D::official_request, "R10")));
    REQUIRE(undo_last_decision(*f.vault, sheet, kInvestigator));
    REQUIRE(decide(*f.vault, sheet, kInvestigator, group_at(sheet, {9, 20, 0}),
                   outcome(Outcome::not_found)));
  }
  f.return_ok(first);
  const Lending juki = f.lend_ok(kSecond, System::juki);
  {
    LentSheet sheet = f.open_sheet(System::juki, kSecond);
    const auto right = sheet.groups()[group_at(sheet, {10, 0, 30})].id;
    REQUIRE(decide(*f.vault, sheet, kSecond, group_at(sheet, {10, 0, 0}),
                   outcome(Outcome::mistyped_search, right)));
    REQUIRE(decide(*f.vault, sheet, kSecond, group_at(sheet, {10, 20, 0}),
                   document(D::other_division_book, "第1冊2頁")));
    REQUIRE(undo_last_decision(*f.vault, sheet, kSecond));
  }
  f.now = juki.due_at;
  REQUIRE(return_all(*f.vault, ReturnKind::end_of_day));
  REQUIRE(f.vault->database().query_int("SELECT count(*) FROM decisions").value() == 7);

  // The chain verifies with the paper seed, and replays to the tables.
  const auto seed = test::bytes_from_hex(f.audit_seed_hex, crypto::audit::kSeedBytes);
  auto events = load_audit_events(f.vault->database());
  REQUIRE(events);
  const auto report = crypto::audit::verify(*events, &seed, {});
  INFO(report.message);
  CHECK(report.ok);
  CHECK(report.macs_checked);
  auto faults = f.vault->check_state();
  REQUIRE(faults);
  for (const auto& fault : *faults) UNSCOPED_INFO(fault_line(fault));
  CHECK(faults->empty());

  // A key holder edits vault.db through the vault's own SQLCipher handle.
  std::string sql;
  StateFault::Kind kind = StateFault::Kind::changed;
  std::string key = "1";
  SECTION("a decision's document changed") {
    sql = "UPDATE decisions SET document = 'official-request' WHERE id = 1";
  }
  SECTION("a decision's outcome changed") {
    sql = "UPDATE decisions SET outcome = 'not_found', related_group = NULL WHERE id = 5";
    key = "5";
  }
  SECTION("a decision deleted") {
    sql = "DELETE FROM decisions WHERE id = 7";
    kind = StateFault::Kind::missing;
    key = "7";
  }
  SECTION("a decision no event made") {
    sql =
        "INSERT INTO decisions (id, survey_id, system, group_id, group_rows, outcome, document, "
        "reference, related_group, lending_id, decided_by, decided_at) VALUES (8, 'fy2026-1', "
        "'KOSEKI', 3, 1, 'not_found', '', '', NULL, 1, '調査 次郎', 1795000000)";
    kind = StateFault::Kind::not_logged;
    key = "8";
  }
  REQUIRE(f.vault->database().exec(sql));
  faults = f.vault->check_state();
  REQUIRE(faults);
  for (const auto& fault : *faults) UNSCOPED_INFO(fault_line(fault));
  REQUIRE(faults->size() == 1);
  CHECK((*faults)[0].table == "decisions");
  CHECK((*faults)[0].key == key);
  CHECK((*faults)[0].kind == kind);
  // The kiosk does not open that vault again.
  f.vault->close(kManager, "test");
  auto refused = f.vault->unlock(kManager, pass("manager passphrase"));
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == "vault.state_mismatch");
  CHECK_FALSE(f.vault->is_open());
}
