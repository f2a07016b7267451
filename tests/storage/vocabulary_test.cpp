// The shared vocabulary (storage/base/vocabulary.hpp): the ids that profiles,
// survey files and the vault store, and the calendar arithmetic the draw
// (P6.3.a), the import windows (P6.2) and the retention dates (P9.1) rely on.
// Links shogo_base alone.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>

#include "storage/base/vocabulary.hpp"

using shogo::Date;
using shogo::OperationKind;
using shogo::System;
using shogo::TimeOfDay;

TEST_CASE("P3 system ids round-trip and are read exactly") {
  CHECK(shogo::system_id(System::koseki) == "KOSEKI");
  CHECK(shogo::system_id(System::juki) == "JUKI");
  CHECK(shogo::system_id(System::jukinet) == "JUKINET");
  for (System s : shogo::kAllSystems) CHECK(shogo::parse_system(shogo::system_id(s)) == s);
  for (const char* text : {"", "koseki", "Juki", " JUKI", "JUKI ", "JUKINET\n", "JUKI-NET"}) {
    INFO(text);
    CHECK_FALSE(shogo::parse_system(text));
  }
}

TEST_CASE("P6.5.a operation kind ids round-trip and are read exactly") {
  CHECK(shogo::operation_kind_id(OperationKind::certificate_issue) == "certificate-issue");
  CHECK(shogo::operation_kind_id(OperationKind::confirmation_print) == "confirmation-print");
  CHECK(shogo::operation_kind_id(OperationKind::inquiry) == "inquiry");
  CHECK(shogo::operation_kind_id(OperationKind::cs_operation) == "cs-operation");
  for (OperationKind k : shogo::kAllOperationKinds)
    CHECK(shogo::parse_operation_kind(shogo::operation_kind_id(k)) == k);
  for (const char* text : {"", "Inquiry", "certificate_issue", " inquiry", "cs operation"}) {
    INFO(text);
    CHECK_FALSE(shogo::parse_operation_kind(text));
  }
}

TEST_CASE("P6.4 dates and times are written as ISO 8601 text") {
  CHECK(shogo::format_date(Date{2026, 4, 1}) == "2026-04-01");
  CHECK(shogo::format_date(Date{1, 1, 1}) == "0001-01-01");
  CHECK(shogo::format_date(Date{9999, 12, 31}) == "9999-12-31");
  CHECK(shogo::format_time(TimeOfDay{9, 12, 3}) == "09:12:03");
  CHECK(shogo::format_time(TimeOfDay{0, 0, 0}) == "00:00:00");
  CHECK(shogo::format_time(TimeOfDay{23, 59, 59}) == "23:59:59");
}

TEST_CASE("P6.3.b dates and times order as the calendar and the clock do") {
  CHECK(Date{2026, 4, 1} == Date{2026, 4, 1});
  CHECK(Date{2025, 12, 31} < Date{2026, 1, 1});
  CHECK(Date{2026, 3, 31} < Date{2026, 4, 1});
  CHECK(Date{2026, 4, 1} < Date{2026, 4, 2});
  CHECK(TimeOfDay{8, 59, 59} < TimeOfDay{9, 0, 0});
  CHECK(TimeOfDay{9, 0, 0} < TimeOfDay{9, 0, 1});
  CHECK(TimeOfDay{17, 15, 0} == TimeOfDay{17, 15, 0});
  CHECK(TimeOfDay{0, 0, 0}.seconds_since_midnight() == 0);
  CHECK(TimeOfDay{9, 12, 3}.seconds_since_midnight() == 9 * 3600 + 12 * 60 + 3);
  CHECK(TimeOfDay{23, 59, 59}.seconds_since_midnight() == 86399);
  CHECK(TimeOfDay{24, 0, 0}.seconds_since_midnight() == 86400);  // a window's end (P6.3.b)
}

TEST_CASE("P6.3.a days_in_month follows the Gregorian leap-year rule") {
  const int common[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  for (int m = 1; m <= 12; ++m) {
    INFO("month " << m);
    CHECK(shogo::days_in_month(2026, m) == common[m - 1]);
    CHECK(shogo::days_in_month(2024, m) == (m == 2 ? 29 : common[m - 1]));
  }
  CHECK(shogo::days_in_month(2000, 2) == 29);  // divisible by 400
  CHECK(shogo::days_in_month(1900, 2) == 28);  // by 100, not 400
  CHECK(shogo::days_in_month(2100, 2) == 28);
  CHECK(shogo::days_in_month(1, 2) == 28);
  CHECK(shogo::days_in_month(4, 2) == 29);
}

TEST_CASE("P6.4 is_valid_date accepts the days of years 1 to 9999 only") {
  CHECK(shogo::is_valid_date(Date{2026, 4, 1}));
  CHECK(shogo::is_valid_date(Date{2024, 2, 29}));
  CHECK(shogo::is_valid_date(Date{2000, 2, 29}));
  CHECK(shogo::is_valid_date(Date{1, 1, 1}));
  CHECK(shogo::is_valid_date(Date{9999, 12, 31}));
  const Date invalid[] = {{2026, 2, 29}, {1900, 2, 29}, {2026, 4, 31}, {2026, 2, 30},
                          {2026, 0, 1},  {2026, 13, 1}, {2026, 1, 0},  {2026, 1, 32},
                          {0, 1, 1},     {-1, 1, 1},    {10000, 1, 1}, {}};
  for (const Date& d : invalid) {
    INFO(d.year << "-" << d.month << "-" << d.day);
    CHECK_FALSE(shogo::is_valid_date(d));
  }
}

TEST_CASE("P6.3.a day_number counts days from 1970-01-01 and date_from_day_number inverts it") {
  CHECK(shogo::day_number(Date{1970, 1, 1}) == 0);
  CHECK(shogo::day_number(Date{1970, 1, 2}) == 1);
  CHECK(shogo::day_number(Date{1969, 12, 31}) == -1);
  CHECK(shogo::day_number(Date{2000, 3, 1}) == 11017);
  CHECK(shogo::day_number(Date{2026, 4, 1}) == 20544);
  CHECK(shogo::day_number(Date{1, 1, 1}) == -719162);
  CHECK(shogo::day_number(Date{9999, 12, 31}) == 2932896);
  // Every day of years 1 to 9999 (and no gap between them), both ways.
  Date expected{1, 1, 1};
  for (std::int64_t n = shogo::day_number(Date{1, 1, 1}); n <= 2932896; ++n) {
    const Date d = shogo::date_from_day_number(n);
    if (d != expected || shogo::day_number(d) != n) {
      INFO("day " << n);
      REQUIRE(d == expected);
      REQUIRE(shogo::day_number(d) == n);
    }
    expected.day += 1;
    if (expected.day > shogo::days_in_month(expected.year, expected.month)) {
      expected.day = 1;
      if (++expected.month > 12) {
        expected.month = 1;
        ++expected.year;
      }
    }
  }
  CHECK(expected == Date{10000, 1, 1});
}

TEST_CASE("P6.3.a add_days crosses months, years and leap days") {
  CHECK(shogo::add_days(Date{2026, 4, 1}, 0) == Date{2026, 4, 1});
  CHECK(shogo::add_days(Date{2026, 4, 30}, 1) == Date{2026, 5, 1});
  CHECK(shogo::add_days(Date{2026, 12, 31}, 1) == Date{2027, 1, 1});
  CHECK(shogo::add_days(Date{2026, 1, 1}, -1) == Date{2025, 12, 31});
  CHECK(shogo::add_days(Date{2024, 2, 28}, 1) == Date{2024, 2, 29});
  CHECK(shogo::add_days(Date{2024, 2, 29}, 1) == Date{2024, 3, 1});
  CHECK(shogo::add_days(Date{2026, 2, 28}, 1) == Date{2026, 3, 1});
  CHECK(shogo::add_days(Date{2024, 3, 1}, -1) == Date{2024, 2, 29});
  CHECK(shogo::add_days(Date{2025, 4, 1}, 365) == Date{2026, 4, 1});
  CHECK(shogo::add_days(Date{2024, 1, 1}, 366) == Date{2025, 1, 1});
}
