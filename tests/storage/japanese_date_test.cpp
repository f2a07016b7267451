// Dates and times of the confirmation sheets (P6.4): every accepted form, each
// era and both ends of it, calendar validity, Excel serials (1900 with Lotus's
// 1900-02-29, and 1904), and errors that never repeat the input.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "storage/import/japanese_date.hpp"

using shogo::Date;
using shogo::TimeOfDay;
using shogo::storage::import::date_from_excel_serial;
using shogo::storage::import::date_time_from_excel_serial;
using shogo::storage::import::parse_date;
using shogo::storage::import::parse_date_time;
using shogo::storage::import::parse_time;
using shogo::storage::import::time_from_excel_fraction;

namespace {

struct DateCase {
  std::string_view text;
  Date expected;
};

struct BadCase {
  std::string_view text;
  std::string_view code;
};

}  // namespace

TEST_CASE("P6.4 parse_date reads Gregorian and era forms") {
  const std::vector<DateCase> cases{
      {"2026/04/01", {2026, 4, 1}},
      {"2026-04-01", {2026, 4, 1}},
      {"20260401", {2026, 4, 1}},
      {"2026/4/1", {2026, 4, 1}},
      {"2026.4.1", {2026, 4, 1}},
      {"2026年4月1日", {2026, 4, 1}},
      {"  2026/04/01 ", {2026, 4, 1}},
      {"２０２６／０４／０１", {2026, 4, 1}},
      {"２０２６－０４－０１", {2026, 4, 1}},
      {"令和8年4月1日", {2026, 4, 1}},
      {"令和８年４月１日", {2026, 4, 1}},
      {"令和元年5月1日", {2019, 5, 1}},
      {"令和1年5月1日", {2019, 5, 1}},
      {"R8.4.1", {2026, 4, 1}},
      {"R08.04.01", {2026, 4, 1}},
      {"r8.4.1", {2026, 4, 1}},
      {"Ｒ８．４．１", {2026, 4, 1}},
      {"R8/4/1", {2026, 4, 1}},
      {"H31.4.30", {2019, 4, 30}},
      {"平成31年4月30日", {2019, 4, 30}},
      {"H1.1.8", {1989, 1, 8}},
      {"平成元年1月8日", {1989, 1, 8}},
      {"S64.1.7", {1989, 1, 7}},
      {"昭和64年1月7日", {1989, 1, 7}},
      {"S1.12.25", {1926, 12, 25}},
      {"昭和元年12月25日", {1926, 12, 25}},
      {"T15.12.25", {1926, 12, 25}},
      {"大正15年12月25日", {1926, 12, 25}},
      {"T1.7.30", {1912, 7, 30}},
      {"大正元年7月30日", {1912, 7, 30}},
      {"M45.7.30", {1912, 7, 30}},
      {"明治45年7月29日", {1912, 7, 29}},
      {"M6.1.1", {1873, 1, 1}},
      {"明治6年1月1日", {1873, 1, 1}},
      {"2024/02/29", {2024, 2, 29}},
      {"2000/02/29", {2000, 2, 29}},
      {"R6.2.29", {2024, 2, 29}},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    const auto r = parse_date(c.text);
    REQUIRE(r.ok());
    CHECK(*r == c.expected);
  }
}

TEST_CASE("P6.4 parse_date refuses days outside their era") {
  const std::vector<std::string_view> cases{
      "R1.4.30",         "令和元年4月30日", "H31.5.1", "平成31年5月1日",
      "H1.1.7",          "平成元年1月7日",  "S64.1.8", "昭和64年1月8日",
      "S1.12.24",        "T15.12.26",       "T1.7.29", "M45.7.31",
      "明治5年12月31日", "M1.1.25",         "R0.5.1",  "令和0年5月1日",
  };
  for (const auto text : cases) {
    INFO(text);
    const auto r = parse_date(text);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "import.date_outside_era");
  }
}

TEST_CASE("P6.4 parse_date refuses days that do not exist and unreadable text") {
  const std::vector<BadCase> cases{
      {"2026/02/29", "import.invalid_date"},
      {"1900/02/29", "import.invalid_date"},
      {"2100/02/29", "import.invalid_date"},
      {"2026/04/31", "import.invalid_date"},
      {"2026/13/01", "import.invalid_date"},
      {"2026/00/10", "import.invalid_date"},
      {"20260230", "import.invalid_date"},
      {"R7.2.29", "import.invalid_date"},
      {"令和8年2月30日", "import.invalid_date"},
      {"", "import.bad_date"},
      {"   ", "import.bad_date"},
      {"2026/04", "import.bad_date"},
      {"2026/04-01", "import.bad_date"},
      {"26/04/01", "import.bad_date"},
      {"2026/04/01x", "import.bad_date"},
      {"2026/004/01", "import.bad_date"},
      {"X8.4.1", "import.bad_date"},
      {"R8.4", "import.bad_date"},
      {"令和8年4月1", "import.bad_date"},
      {"令和八年四月一日", "import.bad_date"},
      {"2026/04/01 09:12", "import.bad_date"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    const auto r = parse_date(c.text);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == c.code);
  }
}

TEST_CASE("P6.4 errors never repeat the input (a birth date is personal data)") {
  const auto r = parse_date("昭和38年2月30日");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("38") == std::string::npos);
  CHECK(r.error().message.find("昭和") == std::string::npos);
  const auto t = parse_time("25:61");
  REQUIRE_FALSE(t.ok());
  CHECK(t.error().message.find("25") == std::string::npos);
}

TEST_CASE("P6.4 parse_time reads clock and kanji forms") {
  struct Case {
    std::string_view text;
    TimeOfDay expected;
  };
  const std::vector<Case> cases{
      {"09:12:03", {9, 12, 3}},   {"9:12", {9, 12, 0}},        {"9:12:03", {9, 12, 3}},
      {"00:00:00", {0, 0, 0}},    {"23:59:59", {23, 59, 59}},  {"9時12分", {9, 12, 0}},
      {"9時12分3秒", {9, 12, 3}}, {"09時05分07秒", {9, 5, 7}}, {"０９：１２：０３", {9, 12, 3}},
      {"９時１２分", {9, 12, 0}}, {" 9:12 ", {9, 12, 0}},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    const auto r = parse_time(c.text);
    REQUIRE(r.ok());
    CHECK(*r == c.expected);
  }
  const std::vector<std::string_view> bad{"24:00", "9:60",    "9:12:60", "9:1",  "9",     "",
                                          "9時",   "9時60分", "9時12",   "a:bc", "9:12:3"};
  for (const auto text : bad) {
    INFO(text);
    const auto r = parse_time(text);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "import.bad_time");
  }
}

TEST_CASE("P6.4 parse_date_time reads a date then a time") {
  struct Case {
    std::string_view text;
    Date date;
    TimeOfDay time;
  };
  const std::vector<Case> cases{
      {"2026/04/01 09:12:03", {2026, 4, 1}, {9, 12, 3}},
      {"2026/04/01  9:12", {2026, 4, 1}, {9, 12, 0}},
      {"2026-04-01T09:12:03", {2026, 4, 1}, {9, 12, 3}},
      {"令和8年4月1日 9時12分", {2026, 4, 1}, {9, 12, 0}},
      {"令和8年4月1日9時12分3秒", {2026, 4, 1}, {9, 12, 3}},
      {"令和8年4月1日\u30009時12分", {2026, 4, 1}, {9, 12, 0}},
      {"R8.4.1 09:12", {2026, 4, 1}, {9, 12, 0}},
      {"２０２６／０４／０１　０９：１２：０３", {2026, 4, 1}, {9, 12, 3}},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    const auto r = parse_date_time(c.text);
    REQUIRE(r.ok());
    CHECK(r->first == c.date);
    CHECK(r->second == c.time);
  }
  CHECK(parse_date_time("2026/04/01").error().code == "import.bad_date");
  CHECK(parse_date_time("2026/02/30 09:00").error().code == "import.invalid_date");
  CHECK(parse_date_time("2026/04/01 25:00").error().code == "import.bad_time");
}

TEST_CASE("P6.4 Excel 1900 serials keep Lotus's fictitious 1900-02-29") {
  struct Case {
    double serial;
    Date expected;
  };
  const std::vector<Case> cases{
      {1, {1900, 1, 1}},        {31, {1900, 1, 31}},       {59, {1900, 2, 28}},
      {61, {1900, 3, 1}},       {367, {1901, 1, 1}},       {25569, {1970, 1, 1}},
      {32516, {1989, 1, 8}},    {43586, {2019, 5, 1}},     {46113, {2026, 4, 1}},
      {46113.99, {2026, 4, 1}}, {2958465, {9999, 12, 31}},
  };
  for (const auto& c : cases) {
    INFO(c.serial);
    const auto r = date_from_excel_serial(c.serial, false);
    REQUIRE(r.ok());
    CHECK(*r == c.expected);
  }
  const std::vector<double> bad{60,
                                60.5,
                                0,
                                0.5,
                                -1,
                                2958466,
                                std::numeric_limits<double>::quiet_NaN(),
                                std::numeric_limits<double>::infinity()};
  for (const double serial : bad) {
    INFO(serial);
    const auto r = date_from_excel_serial(serial, false);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "import.bad_excel_serial");
  }
}

TEST_CASE("P6.4 Excel 1904 serials count from 1904-01-01") {
  CHECK(*date_from_excel_serial(0, true) == Date{1904, 1, 1});
  CHECK(*date_from_excel_serial(1, true) == Date{1904, 1, 2});
  CHECK(*date_from_excel_serial(59, true) == Date{1904, 2, 29});
  CHECK(*date_from_excel_serial(60, true) == Date{1904, 3, 1});
  CHECK(*date_from_excel_serial(44651, true) == Date{2026, 4, 1});  // 46113 - 1462
  CHECK_FALSE(date_from_excel_serial(-1, true).ok());
}

TEST_CASE("P6.4 Excel time fractions and date-time serials") {
  CHECK(*time_from_excel_fraction(0.0) == TimeOfDay{0, 0, 0});
  CHECK(*time_from_excel_fraction(0.5) == TimeOfDay{12, 0, 0});
  CHECK(*time_from_excel_fraction((9 * 3600 + 12 * 60 + 3) / 86400.0) == TimeOfDay{9, 12, 3});
  CHECK(*time_from_excel_fraction(86399.0 / 86400.0) == TimeOfDay{23, 59, 59});
  CHECK(time_from_excel_fraction(0.9999999).error().code == "import.bad_time");  // rounds to 24:00
  CHECK_FALSE(time_from_excel_fraction(1.0).ok());
  CHECK_FALSE(time_from_excel_fraction(-0.1).ok());
  CHECK_FALSE(time_from_excel_fraction(std::nan("")).ok());

  const auto dt = date_time_from_excel_serial(46113 + (9 * 3600 + 12 * 60 + 3) / 86400.0, false);
  REQUIRE(dt.ok());
  CHECK(dt->first == Date{2026, 4, 1});
  CHECK(dt->second == TimeOfDay{9, 12, 3});
  const auto carried = date_time_from_excel_serial(46113.9999999, false);
  REQUIRE(carried.ok());
  CHECK(carried->first == Date{2026, 4, 2});
  CHECK(carried->second == TimeOfDay{0, 0, 0});
  CHECK_FALSE(date_time_from_excel_serial(60.25, false).ok());
}
