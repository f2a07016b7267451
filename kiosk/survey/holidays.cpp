#include "kiosk/survey/holidays.hpp"

#include <cmath>

namespace shogo::survey {

namespace {

// The n-th Monday of a month (n ≥ 1).
int nth_monday(int year, int month, int n) {
  const int first = weekday(Date{year, month, 1});
  const int first_monday = 1 + (8 - first) % 7;
  return first_monday + 7 * (n - 1);
}

int vernal_equinox_day(int year) {
  return static_cast<int>(
      std::floor(20.8431 + 0.242194 * (year - 1980) - std::floor((year - 1980) / 4.0)));
}

int autumnal_equinox_day(int year) {
  return static_cast<int>(
      std::floor(23.2488 + 0.242194 * (year - 1980) - std::floor((year - 1980) / 4.0)));
}

// A 国民の祝日 itself (no substitute, no in-between day).
bool is_named_holiday(Date d) {
  const int y = d.year, m = d.month, day = d.day;
  if (y < 2000 || y > 2099) return false;
  switch (m) {
    case 1: return day == 1 || day == nth_monday(y, 1, 2);
    case 2: return day == 11 || (y >= 2020 && day == 23);
    case 3: return day == vernal_equinox_day(y);
    case 4: return day == 29 || (y == 2019 && day == 30);
    case 5: return day == 3 || day == 4 || day == 5 || (y == 2019 && (day == 1 || day == 2));
    case 7:
      if (y == 2020) return day == 23 || day == 24;
      if (y == 2021) return day == 22 || day == 23;
      return y >= 2003 ? day == nth_monday(y, 7, 3) : day == 20;
    case 8:
      if (y < 2016) return false;
      if (y == 2020) return day == 10;
      if (y == 2021) return day == 8;
      return day == 11;
    case 9:
      return day == autumnal_equinox_day(y) || (y >= 2003 ? day == nth_monday(y, 9, 3) : day == 15);
    case 10:
      if (y == 2019 && day == 22) return true;
      if (y == 2020 || y == 2021) return false;
      return day == nth_monday(y, 10, 2);
    case 11: return day == 3 || day == 23;
    case 12: return y <= 2018 && day == 23;
    default: return false;
  }
}

}  // namespace

int weekday(Date d) {
  const auto n = day_number(d);  // 1970-01-01 was a Thursday (4)
  return static_cast<int>(((n % 7) + 7 + 4) % 7);
}

bool is_public_holiday(Date d) {
  if (d.year < 2000 || d.year > 2099) return false;
  if (is_named_holiday(d)) return true;
  // 振替休日: the first day after a run of holidays that began on a Sunday.
  if (weekday(d) != 0) {
    for (Date back = add_days(d, -1); is_named_holiday(back); back = add_days(back, -1)) {
      if (weekday(back) == 0) return true;
    }
  }
  // 国民の休日: a day (not a Sunday) between two named holidays.
  return weekday(d) != 0 && is_named_holiday(add_days(d, -1)) && is_named_holiday(add_days(d, 1));
}

bool is_closing_day(Date d) {
  const int w = weekday(d);
  if (w == 0 || w == 6) return true;
  if ((d.month == 12 && d.day >= 29) || (d.month == 1 && d.day <= 3)) return true;
  return is_public_holiday(d);
}

}  // namespace shogo::survey
