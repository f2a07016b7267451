#pragma once
// Dates and times as the confirmation sheets write them (P6.4) — pure
// parsing, no database, no locale.
//
//   Date, TimeOfDay ................. the shared values (storage/base/vocabulary.hpp)
//   parse_date() .................... 2026/04/01, 2026-04-01, 20260401, 2026/4/1,
//                                      2026年4月1日, 令和8年4月1日, 令和元年5月1日,
//                                      R8.4.1, R08.04.01, H31.4.30, S64.1.7, ...
//   parse_time() .................... 09:12:03, 9:12, 9時12分, 9時12分3秒
//   parse_date_time() ............... "<date> <time>", "令和8年4月1日 9時12分"
//   date_from_excel_serial() ........ Excel cell serials, 1900 and 1904 systems
//   time_from_excel_fraction() ...... Excel time-of-day fractions
//   date_time_from_excel_serial() ... both at once (rounds to the second first)
//
// Full-width digits, letters and punctuation (２０２６／０４／０１, Ｒ８．４．１,
// ９：１２) and the ideographic space are read as their ASCII forms.
//
// Eras (元号) and the days they cover; an era date outside its era is refused
// with "import.date_outside_era". Taishō and Shōwa began on the day the emperor
// died, so that day has two names (大正15年12月25日 = 昭和元年12月25日):
//
//   era   letter  first day    last day
//   明治   M       1873-01-01   1912-07-30   (see below)
//   大正   T       1912-07-30   1926-12-25
//   昭和   S       1926-12-25   1989-01-07
//   平成   H       1989-01-08   2019-04-30
//   令和   R       2019-05-01   —
//
// 明治 starts at 明治6年1月1日 (1873-01-01), the day Japan adopted the Gregorian
// calendar. Earlier Meiji dates were written in the lunisolar calendar, so
// "明治3年4月1日" is not 1870-04-01; reading it as such would be silently wrong,
// so it is refused (no sheet of P6.4 holds such a date).
//
// Errors never repeat the input (it may be a birth date: personal data); the
// caller adds file, row and column. Codes:
//   import.bad_date           not a date in any accepted form
//   import.invalid_date       a form we read, but no such day (2026/02/30)
//   import.date_outside_era   the era did not cover that day (H31.5.1)
//   import.bad_time           not a time of day, or out of range
//   import.bad_excel_serial   not a date serial Excel can hold

#include <string_view>
#include <utility>

#include "storage/base/result.hpp"
#include "storage/base/vocabulary.hpp"

namespace shogo::storage::import {

// Every date returned is_valid_date() (year 1..9999); every time of day is
// 00:00:00..23:59:59 (no leap seconds).

// Reads a date in one of the forms above. Surrounding spaces are ignored.
[[nodiscard]] Result<Date> parse_date(std::string_view text);

// Reads a time of day (seconds optional). Surrounding spaces are ignored.
[[nodiscard]] Result<TimeOfDay> parse_time(std::string_view text);

// Reads a date, then spaces (or none after 日), then a time.
[[nodiscard]] Result<std::pair<Date, TimeOfDay>> parse_date_time(std::string_view text);

// The day of an Excel serial; the fraction (time of day) is dropped.
// 1900 system (date1904 = false): 1 = 1900-01-01, 59 = 1900-02-28, and 60 is
//   Lotus 1-2-3's fictitious 1900-02-29, kept by Excel: it is REFUSED
//   (import.bad_excel_serial), never mapped to a neighbour. 61 = 1900-03-01;
//   from there on serial = days since 1899-12-30. 0 ("1900-01-00") is refused.
// 1904 system (date1904 = true): 0 = 1904-01-01.
// Upper bound: 9999-12-31 (2958465 in the 1900 system). NaN, ±inf, < 0 refused.
[[nodiscard]] Result<Date> date_from_excel_serial(double serial, bool date1904);

// The time of day of a fraction in [0, 1), rounded to the nearest second. A
// fraction that rounds to 24:00:00 is refused: use date_time_from_excel_serial()
// when a date carries it over.
[[nodiscard]] Result<TimeOfDay> time_from_excel_fraction(double fraction);

// Date and time of an Excel date-time serial, rounded to the nearest second
// before splitting (so 0.999999 of a day carries into the next day).
[[nodiscard]] Result<std::pair<Date, TimeOfDay>> date_time_from_excel_serial(double serial,
                                                                             bool date1904);

}  // namespace shogo::storage::import
