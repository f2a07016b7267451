// Reading the confirmation sheets (P6.4) through their profiles: the header
// row below a title block, one fixture per sheet kind (UTF-8, and one in
// CP932 built here byte by byte), blank and totals rows, problems that name
// row and column, and the P6.2 window filter. Synthetic names only.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "storage/import/sheet_rows.hpp"
#include "tests/support/temp_dir.hpp"

namespace imp = shogo::storage::import;
using imp::CanonicalRow;
using imp::RowProblem;
using imp::SheetKind;
using shogo::Date;
using shogo::OperationKind;
using shogo::System;
using shogo::TimeOfDay;

namespace {

const std::filesystem::path kFixtures = std::filesystem::path(__FILE__).parent_path() / "fixtures";

imp::Profile reference(SheetKind kind) {
  auto profile = imp::parse_profile(imp::reference_profile(kind));
  REQUIRE(profile);
  return *profile;
}

struct Sheet {
  std::vector<CanonicalRow> rows;
  std::vector<RowProblem> problems;
  imp::SheetCounts counts;
  imp::Encoding encoding = imp::Encoding::utf8;
};

Sheet read_sheet(const std::filesystem::path& file, SheetKind kind,
                 std::vector<imp::WindowFilter> windows = {}) {
  auto reader = imp::SheetReader::open(file, reference(kind), std::move(windows));
  REQUIRE(reader);
  Sheet out;
  imp::SheetItem item;
  while (true) {
    auto more = reader->next(item);
    REQUIRE(more);
    if (!*more) break;
    if (auto* row = std::get_if<CanonicalRow>(&item))
      out.rows.push_back(*row);
    else
      out.problems.push_back(std::get<RowProblem>(item));
  }
  out.counts = reader->counts();
  out.encoding = reader->encoding();
  return out;
}

std::filesystem::path write_file(const shogo::test::TempDir& dir, std::string_view bytes) {
  const auto file = dir / "sheet.csv";
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return file;
}

constexpr std::string_view kAccessHeader =
    "操作日時,端末ID,操作者ID,業務名,処理区分,検索条件,対象者氏名,対象者カナ,生年月日,住所\n";

}  // namespace

TEST_CASE("P6.4 koseki issuance sheet below a title block") {
  const auto sheet = read_sheet(kFixtures / "koseki-issuance.csv", SheetKind::koseki_issuance);
  CHECK(sheet.counts.header_row == 4);
  CHECK(sheet.counts.rows == 4);
  CHECK(sheet.counts.kept == 2);
  CHECK(sheet.counts.blank == 1);
  CHECK(sheet.counts.totals == 1);
  CHECK(sheet.problems.empty());
  REQUIRE(sheet.rows.size() == 2);
  const auto& a = sheet.rows[0];
  CHECK(a.row == 5);
  CHECK(a.kind == SheetKind::koseki_issuance);
  CHECK(a.system == System::koseki);
  CHECK(a.date == Date{2026, 4, 1});
  CHECK(a.time == TimeOfDay{9, 12, 3});
  CHECK(a.terminal_id == "KT-01");
  CHECK(a.operator_id == "S0101");
  CHECK(a.operation == OperationKind::certificate_issue);
  CHECK(a.operation_text == "本人");
  CHECK(a.detail == "戸籍全部事項証明書");
  CHECK(a.reference == std::optional<std::string>("R8-0001"));
  CHECK(a.resident_name == "架空 太郎");
  CHECK(a.resident_kana == "カクウ タロウ");
  CHECK(a.resident_birth == Date{1970, 3, 4});
  CHECK_FALSE(a.resident_address);
  CHECK(a.resident_honseki == std::optional<std::string>("架空県見本市1番地"));
  const auto& b = sheet.rows[1];
  CHECK(b.row == 6);
  CHECK(b.time == TimeOfDay{10, 5, 0});
  CHECK(b.operation == OperationKind::confirmation_print);
  CHECK(b.resident_birth == Date{1988, 11, 23});
}

TEST_CASE("P6.4 juki access log sheet") {
  const auto sheet = read_sheet(kFixtures / "juki-access-log.csv", SheetKind::juki_access_log);
  CHECK(sheet.counts.header_row == 1);
  CHECK(sheet.counts.rows == 3);
  CHECK(sheet.problems.empty());
  REQUIRE(sheet.rows.size() == 3);
  CHECK(sheet.rows[0].date == Date{2026, 4, 1});
  CHECK(sheet.rows[0].time == TimeOfDay{9, 30, 0});
  CHECK(sheet.rows[0].operation == OperationKind::inquiry);
  CHECK(sheet.rows[0].detail == "住民記録");
  CHECK(sheet.rows[0].resident_birth == Date{1990, 5, 6});
  CHECK_FALSE(sheet.rows[0].reference);
  CHECK_FALSE(sheet.rows[0].resident_honseki);
  CHECK(sheet.rows[1].operation == OperationKind::certificate_issue);
  CHECK(sheet.rows[1].resident_name == "試験 三郎");
  CHECK(sheet.rows[2].operation == OperationKind::inquiry);  // その他 → the default
  CHECK(sheet.rows[2].resident_address ==
        std::optional<std::string>("架空県見本市本町3-3, 見本荘101"));
  // 検索条件, what the operator typed, for P6.5.b; an empty cell is empty.
  CHECK(sheet.rows[0].search_condition == std::optional<std::string>("カナ氏名"));
  CHECK(sheet.rows[1].search_condition == std::optional<std::string>(""));
}

TEST_CASE("P6.5.b the search condition is read only where the profile names its column") {
  // The koseki issuance sheet has no 検索条件: its rows carry none.
  const auto koseki = read_sheet(kFixtures / "koseki-issuance.csv", SheetKind::koseki_issuance);
  REQUIRE_FALSE(koseki.rows.empty());
  CHECK_FALSE(koseki.rows[0].search_condition);
  // A control character in it is refused like one in an address.
  shogo::test::TempDir dir;
  const auto file = write_file(dir, std::string(kAccessHeader) +
                                        "R8.4.1 9:00,JK-11,J0201,住民記録,照会,カナ\x1b[2J,架空 "
                                        "次郎,カクウ ジロウ,H2.5.6,架空県\n");
  const auto sheet = read_sheet(file, SheetKind::juki_access_log);
  CHECK(sheet.rows.empty());
  REQUIRE(sheet.problems.size() == 1);
  CHECK(sheet.problems[0].column == "検索条件");
}

TEST_CASE("P6.4 juki online forms sheet") {
  const auto sheet = read_sheet(kFixtures / "juki-online-forms.csv", SheetKind::juki_online_forms);
  CHECK(sheet.counts.header_row == 2);
  REQUIRE(sheet.rows.size() == 2);
  CHECK(sheet.rows[0].time == TimeOfDay{11, 0, 0});
  CHECK(sheet.rows[0].operation == OperationKind::certificate_issue);
  CHECK(sheet.rows[0].reference == std::optional<std::string>("W-100"));
  CHECK(sheet.rows[1].operation == OperationKind::confirmation_print);
  CHECK(sheet.rows[1].resident_birth == Date{2000, 12, 12});
}

TEST_CASE("P6.4 cs operations sheet") {
  const auto sheet = read_sheet(kFixtures / "cs-operations.csv", SheetKind::cs_operations);
  CHECK(sheet.counts.header_row == 3);
  CHECK(sheet.counts.totals == 1);
  REQUIRE(sheet.rows.size() == 2);
  CHECK(sheet.rows[0].system == System::jukinet);
  CHECK(sheet.rows[0].operation == OperationKind::cs_operation);
  CHECK(sheet.rows[1].operation == OperationKind::cs_operation);
  CHECK(sheet.rows[1].detail == "住民票の写し交付");
}

TEST_CASE("P6.4 cs operations sheet in CP932") {
  // The header and one row, as Excel's "CSV" writes them (髙 is an IBM extension).
  constexpr std::string_view bytes =
      "\x91\x80\x8d\xec\x93\xfa\x8e\x9e,\x92[\x96\x96ID,\x91\x80\x8d\xec\x8e\xd2ID,"
      "\x8b\xc6\x96\xb1\x8e\xed\x95\xca,\x8f\x88\x97\x9d\x93\xe0\x97"
      "e,\x91\xce\x8f\xdb\x8e\xd2\x8e\x81\x96\xbc,\x91\xce\x8f\xdb\x8e\xd2\x83J\x83i,"
      "\x90\xb6\x94N\x8c\x8e\x93\xfa,\x8fZ\x8f\x8a\r\n"
      "2026/04/01 15:00:00,CS-02,N0402,\x96{\x90l\x8am\x94"
      "F\x8f\xee\x95\xf1\x8f\xc6\x89\xef,4\x8f\xee\x95\xf1\x8c\x9f\x8d\xf5,\xee\xe0\x8b\xb4 "
      "\x89\xcb\x8b\xf3,\x83^\x83J\x83n\x83V \x83J\x83N\x83"
      "E,1999/9/9,\x89\xcb\x8b\xf3\x8c\xa7\x8c\xa9\x96{\x8es\x93\xec\x92\xac"
      "7\r\n";
  shogo::test::TempDir dir;
  const auto sheet = read_sheet(write_file(dir, bytes), SheetKind::cs_operations);
  CHECK(sheet.encoding == imp::Encoding::cp932);
  REQUIRE(sheet.rows.size() == 1);
  CHECK(sheet.rows[0].terminal_id == "CS-02");
  CHECK(sheet.rows[0].detail == "4情報検索");
  CHECK(sheet.rows[0].resident_name == "髙橋 架空");
  CHECK(sheet.rows[0].resident_kana == "タカハシ カクウ");
  CHECK(sheet.rows[0].resident_address == std::optional<std::string>("架空県見本市南町7"));
}

TEST_CASE("P6.4 a bad date is a problem naming row and column") {
  shogo::test::TempDir dir;
  const auto file = write_file(dir, std::string(kAccessHeader) +
                                        "2026/02/30 09:00,JK-11,J0201,住民記録,照会,,架空 太郎,"
                                        "カクウ タロウ,1970/1/1,架空県\n"
                                        "2026/04/01 09:00,JK-11,J0201,住民記録,照会,,架空 太郎,"
                                        "カクウ タロウ,H31.5.1,架空県\n"
                                        "2026/04/01 09:00,,J0201,住民記録,照会,,架空 太郎,"
                                        "カクウ タロウ,1970/1/1,架空県\n"
                                        "2026/04/01 09:00,JK-11,J0201,住民記録,照会,,架空 太郎,"
                                        "カクウ タロウ,1970/1/1,架空県\n");
  const auto sheet = read_sheet(file, SheetKind::juki_access_log);
  CHECK(sheet.counts.rows == 4);
  CHECK(sheet.counts.problems == 3);
  CHECK(sheet.counts.kept == 1);
  REQUIRE(sheet.problems.size() == 3);
  CHECK(sheet.problems[0].row == 2);
  CHECK(sheet.problems[0].column == "操作日時");
  CHECK(sheet.problems[0].error.code == "import.invalid_date");
  CHECK(sheet.problems[1].row == 3);
  CHECK(sheet.problems[1].column == "生年月日");
  CHECK(sheet.problems[1].error.code == "import.date_outside_era");
  CHECK(sheet.problems[2].row == 4);
  CHECK(sheet.problems[2].column == "端末ID");
  CHECK(sheet.problems[2].error.code == "import.missing_value");
  CHECK(sheet.rows.at(0).row == 5);
}

TEST_CASE("P6.4 separate date and time columns") {
  auto profile = imp::parse_profile(R"(kind = "cs-operations"
system = "JUKINET"
[columns]
date = "日付"
time = "時刻"
terminal_id = "端末"
operator_id = "操作者"
operation = "業務"
detail = "内容"
resident_name = "氏名"
resident_kana = "カナ"
resident_birth = "生年月日"
[operations]
default = "cs-operation"
)");
  REQUIRE(profile);
  shogo::test::TempDir dir;
  const auto file = write_file(dir,
                               "日付,時刻,端末,操作者,業務,内容,氏名,カナ,生年月日\n"
                               "R8.4.1,9時5分,CS-01,N1,照会,検索,架空 太郎,カクウ タロウ,S45.3.4\n"
                               "R8.4.1,25:00,CS-01,N1,照会,検索,架空 太郎,カクウ タロウ,S45.3.4\n");
  auto reader = imp::SheetReader::open(file, *profile);
  REQUIRE(reader);
  imp::SheetItem item;
  REQUIRE(reader->next(item).value());
  const auto& row = std::get<CanonicalRow>(item);
  CHECK(row.date == Date{2026, 4, 1});
  CHECK(row.time == TimeOfDay{9, 5, 0});
  CHECK_FALSE(row.resident_address);
  REQUIRE(reader->next(item).value());
  CHECK(std::get<RowProblem>(item).column == "時刻");
  CHECK(std::get<RowProblem>(item).error.code == "import.bad_time");
  CHECK_FALSE(reader->next(item).value());
}

TEST_CASE("P6.4 blank and totals rows are counted not read") {
  shogo::test::TempDir dir;
  const auto file = write_file(dir, std::string(kAccessHeader) +
                                        "\n"
                                        ",,,, ,　,,,,\n"
                                        "2026/04/01 09:00,JK-11,J0201,住民記録,照会,,架空 太郎,"
                                        "カクウ タロウ,1970/1/1,架空県\n"
                                        "合計,1\n"
                                        ",計,1\n"
                                        "総計,1\n");
  const auto sheet = read_sheet(file, SheetKind::juki_access_log);
  CHECK(sheet.counts.rows == 6);
  CHECK(sheet.counts.blank == 2);
  CHECK(sheet.counts.totals == 3);
  CHECK(sheet.counts.kept == 1);
  CHECK(sheet.problems.empty());
}

TEST_CASE("P6.2 the window filter drops and counts rows outside") {
  shogo::test::TempDir dir;
  auto line = [](std::string_view when, std::string_view terminal) {
    return std::string(when) + "," + std::string(terminal) +
           ",J0201,住民記録,照会,,架空 太郎,カクウ タロウ,1970/1/1,架空県\n";
  };
  const auto file =
      write_file(dir, std::string(kAccessHeader) + line("2026/04/01 09:00", "JK-11") +  // kept
                          line("2026/04/01 10:00:00", "JK-12") +  // kept (to is inclusive)
                          line("2026/04/01 10:00:01", "JK-11") +  // time
                          line("2026/04/01 08:59:59", "JK-11") +  // time
                          line("2026/04/02 09:30", "JK-11") +     // date
                          line("2026/04/02 23:00", "JK-99") +     // date first
                          line("2026/04/01 09:30", "JK-99") +     // terminal
                          line("2026/13/01 09:30", "JK-99"));     // a problem, not dropped
  imp::WindowFilter filter;
  filter.date = Date{2026, 4, 1};
  filter.from = TimeOfDay{9, 0, 0};
  filter.to = TimeOfDay{10, 0, 0};
  filter.terminals = {"JK-11", "JK-12"};
  const auto sheet = read_sheet(file, SheetKind::juki_access_log, {filter});
  CHECK(sheet.counts.rows == 8);
  CHECK(sheet.counts.kept == 2);
  CHECK(sheet.counts.dropped_date == 2);
  CHECK(sheet.counts.dropped_time == 2);
  CHECK(sheet.counts.dropped_terminal == 1);
  CHECK(sheet.counts.problems == 1);
  REQUIRE(sheet.rows.size() == 2);
  CHECK(sheet.rows[1].terminal_id == "JK-12");
  REQUIRE(sheet.problems.size() == 1);
  CHECK(sheet.problems[0].row == 9);
  CHECK(sheet.problems[0].column == "操作日時");
}

TEST_CASE("P6.4 a sheet without its header row is refused") {
  shogo::test::TempDir dir;
  std::string text;
  for (int i = 0; i < 20; ++i) text += "タイトル\n";
  text += kAccessHeader;
  auto reader =
      imp::SheetReader::open(write_file(dir, text), reference(SheetKind::juki_access_log));
  REQUIRE_FALSE(reader);
  CHECK(reader.error().code == "import.header_not_found");

  auto wrong_kind = imp::SheetReader::open(kFixtures / "juki-access-log.csv",
                                           reference(SheetKind::koseki_issuance));
  REQUIRE_FALSE(wrong_kind);
  CHECK(wrong_kind.error().code == "import.header_not_found");
}

TEST_CASE("P6.4 a header named twice is refused") {
  shogo::test::TempDir dir;
  auto reader = imp::SheetReader::open(
      write_file(dir,
                 "操作日時,端末ID,操作者ID,業務名,処理区分,対象者氏名,対象者カナ,生年月日,"
                 "端末ID\n"),
      reference(SheetKind::juki_access_log));
  REQUIRE_FALSE(reader);
  CHECK(reader.error().code == "import.duplicate_header");
}

TEST_CASE("P6.4 a CSV error mid-sheet ends the reading with its position") {
  shogo::test::TempDir dir;
  auto reader = imp::SheetReader::open(
      write_file(dir, std::string(kAccessHeader) + "2026/04/01 09:00,JK\"11\n"),
      reference(SheetKind::juki_access_log));
  REQUIRE(reader);
  imp::SheetItem item;
  auto more = reader->next(item);
  REQUIRE_FALSE(more);
  CHECK(more.error().code == "import.csv_stray_quote");
  CHECK(reader->csv_error_position().row == 2);
  CHECK(reader->csv_error_position().column == 2);
}

TEST_CASE("P6.3.d the union of several half-open windows keeps a row any window holds") {
  shogo::test::TempDir dir;
  auto line = [](std::string_view when, std::string_view terminal) {
    return std::string(when) + "," + std::string(terminal) +
           ",J0201,住民記録,照会,,架空 太郎,カクウ タロウ,1970/1/1,架空県\n";
  };
  const auto file =
      write_file(dir, std::string(kAccessHeader) + line("2026/04/01 09:00", "JK-11") +  // first
                          line("2026/04/01 09:15", "JK-11") +  // time: the first window ends
                          line("2026/04/02 14:00", "JK-12") +  // second window
                          line("2026/04/02 14:05", "JK-11") +  // terminal (second window)
                          line("2026/04/01 14:05", "JK-12") +  // time: date of the first only
                          line("2026/04/03 09:00", "JK-11"));  // date
  imp::WindowFilter first;
  first.date = Date{2026, 4, 1};
  first.from = TimeOfDay{9, 0, 0};
  first.to = TimeOfDay{9, 15, 0};
  first.to_excluded = true;
  first.terminals = {"JK-11"};
  imp::WindowFilter second = first;
  second.date = Date{2026, 4, 2};
  second.from = TimeOfDay{14, 0, 0};
  second.to = TimeOfDay{14, 15, 0};
  second.terminals = {"JK-12"};
  const auto sheet = read_sheet(file, SheetKind::juki_access_log, {first, second});
  CHECK(sheet.counts.kept == 2);
  CHECK(sheet.counts.dropped_time == 2);
  CHECK(sheet.counts.dropped_terminal == 1);
  CHECK(sheet.counts.dropped_date == 1);
  REQUIRE(sheet.rows.size() == 2);
  CHECK(sheet.rows[0].date == Date{2026, 4, 1});
  CHECK(sheet.rows[1].date == Date{2026, 4, 2});
}

TEST_CASE("P6.4 each reference sheet as an XLSX workbook reads through its profile") {
  // Written by openpyxl (tests/storage/fixtures/xlsx/make_fixtures.py): a title
  // block, real Excel date-times and birth dates, a totals row, a second sheet.
  struct Case {
    SheetKind kind;
    const char* file;
    const char* first_terminal;
    Date first_birth;
  };
  const Case cases[] = {
      {SheetKind::koseki_issuance, "koseki-issuance.xlsx", "KT-01", {1970, 3, 4}},
      {SheetKind::juki_access_log, "juki-access-log.xlsx", "JK-11", {1990, 5, 6}},
      {SheetKind::juki_online_forms, "juki-online-forms.xlsx", "JK-21", {2001, 2, 3}},
      {SheetKind::cs_operations, "cs-operations.xlsx", "CS-01", {1999, 9, 9}},
  };
  for (const auto& c : cases) {
    INFO(c.file);
    auto reader = imp::SheetReader::open(kFixtures / "xlsx" / c.file, reference(c.kind));
    REQUIRE(reader);
    CHECK(reader->is_xlsx());
    std::vector<CanonicalRow> rows;
    imp::SheetItem item;
    for (;;) {
      auto more = reader->next(item);
      REQUIRE(more);
      if (!*more) break;
      REQUIRE(std::holds_alternative<CanonicalRow>(item));
      rows.push_back(std::get<CanonicalRow>(item));
    }
    CHECK(reader->counts().header_row == 4);
    CHECK(reader->counts().kept == 2);
    CHECK(reader->counts().totals == 1);
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].row == 5);
    CHECK(rows[0].date == Date{2026, 4, 1});
    CHECK(rows[0].terminal_id == c.first_terminal);
    CHECK(rows[0].resident_birth == c.first_birth);
  }
}

TEST_CASE("P6.2 the window filter applies to an XLSX sheet's date-time serials") {
  imp::WindowFilter filter;
  filter.date = Date{2026, 4, 1};
  filter.from = TimeOfDay{9, 0, 0};
  filter.to = TimeOfDay{10, 0, 0};
  filter.to_excluded = true;
  auto reader = imp::SheetReader::open(kFixtures / "xlsx" / "juki-access-log.xlsx",
                                       reference(SheetKind::juki_access_log), filter);
  REQUIRE(reader);
  imp::SheetItem item;
  while (reader->next(item).value()) {
  }
  CHECK(reader->counts().kept == 1);          // 09:30
  CHECK(reader->counts().dropped_time == 1);  // 13:00
}

TEST_CASE("P6.4 an old Excel file (.xls) is told to be saved again, not read as text") {
  shogo::test::TempDir dir;
  // The OLE2 compound file signature that .xls workbooks begin with.
  const auto file =
      write_file(dir, std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(504, '\0'));
  auto reader = imp::SheetReader::open(file, reference(SheetKind::juki_access_log),
                                       std::vector<imp::WindowFilter>{});
  REQUIRE_FALSE(reader);
  CHECK(reader.error().code == "import.xlsx_legacy_format");
}

TEST_CASE("P6.4 a NUL or other control character inside a cell is a row problem with its place") {
  shogo::test::TempDir dir;
  std::string text(kAccessHeader);
  text += "2026-11-18 09:01:30,JK-S01-01,C3295,住民記録,照会,氏名,佐藤";
  text += std::string(1, '\0');
  text += "治,サトウ オサム,1926-10-01,本町1-2-3\n";
  text +=
      "2026-11-18 09:02:30,JK-S01-01,C3295,住民記録,照会,氏名,佐藤 治,サトウ\x1b[2Jオサム,"
      "1926-10-01,本町1-2-3\n";
  text +=
      "2026-11-18 09:03:30,JK-S01-01,C3295,住民記録,照会,氏名,森 トメ,モリ トメ,1937-01-22,"
      "本町1-2-3\n";
  const Sheet sheet = read_sheet(write_file(dir, text), SheetKind::juki_access_log);
  REQUIRE(sheet.problems.size() == 2);
  CHECK(sheet.problems[0].row == 2);
  CHECK(sheet.problems[0].column == "対象者氏名");
  CHECK(sheet.problems[1].row == 3);
  CHECK(sheet.problems[1].column == "対象者カナ");
  REQUIRE(sheet.rows.size() == 1);
  CHECK(sheet.rows[0].resident_name == "森 トメ");
}
