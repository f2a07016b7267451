// Japanese public holidays and closing days (P6.3.a): the Cabinet Office's
// published lists for 2025 and 2026, and the years with special rules.
#include <catch2/catch.hpp>

#include <vector>

#include "kiosk/survey/holidays.hpp"

using shogo::survey::Date;
using shogo::survey::days_in_month;
using shogo::survey::is_closing_day;
using shogo::survey::is_public_holiday;
using shogo::survey::weekday;

namespace {

// Every public holiday of a year, by walking the calendar.
std::vector<Date> holidays_of(int year) {
  std::vector<Date> out;
  for (int m = 1; m <= 12; ++m)
    for (int d = 1; d <= 31; ++d) {
      const Date date{year, m, d};
      if (d > days_in_month(year, m)) continue;
      if (is_public_holiday(date)) out.push_back(date);
    }
  return out;
}

}  // namespace

TEST_CASE("P6.3.a weekdays are computed for known dates") {
  CHECK(weekday(Date{2026, 11, 28}) == 6);  // a Saturday
  CHECK(weekday(Date{2026, 11, 18}) == 3);  // the synthetic ward's Wednesday
  CHECK(weekday(Date{2000, 1, 1}) == 6);
  CHECK(weekday(Date{2024, 2, 29}) == 4);
}

TEST_CASE("P6.3.a the public holidays of 2026 as the Cabinet Office lists them") {
  const std::vector<Date> expected = {
      {2026, 1, 1},  {2026, 1, 12},  {2026, 2, 11}, {2026, 2, 23},  {2026, 3, 20},
      {2026, 4, 29}, {2026, 5, 3},   {2026, 5, 4},  {2026, 5, 5},   {2026, 5, 6},  // 振替休日
      {2026, 7, 20}, {2026, 8, 11},  {2026, 9, 21}, {2026, 9, 22},  // 国民の休日
      {2026, 9, 23}, {2026, 10, 12}, {2026, 11, 3}, {2026, 11, 23},
  };
  CHECK(holidays_of(2026) == expected);
}

TEST_CASE("P6.3.a the public holidays of 2025 as the Cabinet Office lists them") {
  const std::vector<Date> expected = {
      {2025, 1, 1},   {2025, 1, 13}, {2025, 2, 11},  {2025, 2, 23},  {2025, 2, 24},
      {2025, 3, 20},  {2025, 4, 29}, {2025, 5, 3},   {2025, 5, 4},   {2025, 5, 5},
      {2025, 5, 6},   {2025, 7, 21}, {2025, 8, 11},  {2025, 9, 15},  {2025, 9, 23},
      {2025, 10, 13}, {2025, 11, 3}, {2025, 11, 23}, {2025, 11, 24},
  };
  CHECK(holidays_of(2025) == expected);
}

TEST_CASE("P6.3.a the enthronement and Olympic years follow their special laws") {
  // 2019: ten days in a row from 27 April, and the enthronement ceremony.
  for (int d : {29, 30}) CHECK(is_public_holiday(Date{2019, 4, d}));
  for (int d : {1, 2, 3, 4, 5, 6}) CHECK(is_public_holiday(Date{2019, 5, d}));
  CHECK(is_public_holiday(Date{2019, 10, 22}));
  CHECK_FALSE(is_public_holiday(Date{2019, 12, 23}));  // no more Emperor's Birthday in December
  // 2020 and 2021: 海の日, スポーツの日 and 山の日 moved around the Games.
  CHECK(is_public_holiday(Date{2020, 7, 23}));
  CHECK(is_public_holiday(Date{2020, 7, 24}));
  CHECK(is_public_holiday(Date{2020, 8, 10}));
  CHECK_FALSE(is_public_holiday(Date{2020, 10, 12}));
  CHECK(is_public_holiday(Date{2021, 7, 22}));
  CHECK(is_public_holiday(Date{2021, 7, 23}));
  CHECK(is_public_holiday(Date{2021, 8, 9}));  // 山の日 on Sunday 8 August: 振替休日
  CHECK_FALSE(is_public_holiday(Date{2021, 8, 11}));
  CHECK(is_public_holiday(Date{2018, 12, 24}));  // 天皇誕生日 on a Sunday, its 振替休日
}

TEST_CASE("P6.3.a closing days: weekends, holidays and the new-year closing") {
  CHECK(is_closing_day(Date{2026, 11, 28}));         // Saturday
  CHECK(is_closing_day(Date{2026, 11, 29}));         // Sunday
  CHECK(is_closing_day(Date{2026, 11, 23}));         // 勤労感謝の日, a Monday
  CHECK(is_closing_day(Date{2026, 12, 29}));         // 年末年始, a Tuesday
  CHECK(is_closing_day(Date{2027, 1, 4}) == false);  // the first working day of 2027
  CHECK_FALSE(is_closing_day(Date{2026, 11, 18}));   // the synthetic ward's Wednesday
}
