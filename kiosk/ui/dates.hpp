#pragma once
// Dates as a ward writes them — 和暦 (the era calendar) on the screen, in
// Japanese, and a date field with a calendar for forms. English shows the
// Western calendar. The language is ui::language() at the call.
//
//   wareki_date()        令和8年11月18日（水）, 令和元年5月1日      Wed 18 Nov 2026
//   short_date()         R8.11.18, for narrow table cells          2026-11-18
//   fiscal_year_label()  令和8年度 (年度: April to March)           FY2026
//   fiscal_year_of()     P6.1 the fiscal year a day belongs to     2027-03-31 → 2026
//   parse_date_text()    what a person types: 2026-11-18, 2026/11/18, 20261118,
//                        令和8年11月18日（水）, R8.11.18, r8/11/18, H31.4.30,
//                        ２０２６年１１月１８日, Wed 18 Nov 2026, …
//   DateFieldState       a date field's text, what it reads as, its calendar
//   date_field()         the field, the date it reads beside it, and a
//                        calendar button that opens a month grid
//
// Eras (元号) and the first day each names. The day an era began is written
// in the new era (1912-07-30 is 大正元年7月30日, 1926-12-25 昭和元年12月25日);
// parse_date_text() reads the old name of that day too (明治45年7月30日), as
// the import does (storage/import/japanese_date.hpp):
//
//   era   letter  first day
//   令和   R       2019-05-01
//   平成   H       1989-01-08
//   昭和   S       1926-12-25
//   大正   T       1912-07-30
//   明治   M       1873-01-01   明治6年1月1日, the first day of the Gregorian
//                               calendar in Japan. Earlier Meiji days were
//                               lunisolar (明治元年1月1日 was 1868-01-25), so
//                               a Gregorian day before 1873 has no honest
//                               明治 date with the same month and day.
//   before        1872-12-31 → 1872年12月31日（火）, short 1872-12-31
//
// 元年: the first year of an era is 元年 in the long forms (令和元年5月1日,
// 令和元年度) and 1 in the short form (R1.5.1), as ward forms write them.
//
// Fiscal years (年度) are named by the era of the calendar year they start
// in, as that year is named at its end: fiscal 2019 (2019-04-01 to
// 2020-03-31) is 令和元年度, though its first month was 平成31年4月. Wards
// and the state have written 令和元年度 since May 2019. The same rule makes
// fiscal 1988 昭和63年度 and fiscal 1989 平成元年度 (both as written then),
// and fiscal 1926 昭和元年度 and 1912 大正元年度 (then called 大正15年度 and
// 明治45年度; no survey is that old).
//
// A date field may hold a birth date: PERSONAL DATA. A screen that uses one
// clears it in forget() (DateFieldState::clear(), then wipe_text_input_state()).

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/survey/domain.hpp"

namespace shogo::ui {

// Every function below wants is_valid_date(d); an invalid date is a
// programmer error (assert), and gives "" when asserts are off.
//
//   wareki_date(d)         令和8年11月18日（水）   Wed 18 Nov 2026
//   wareki_date(d, false)  令和8年11月18日         18 Nov 2026
//   short_date(d)          R8.11.18                2026-11-18
//   fiscal_year_label(y)   令和8年度               FY2026
std::string wareki_date(survey::Date d, bool weekday = true);
std::string short_date(survey::Date d);
// A moment of the vault's clock (unix seconds) in local time: 「12月6日　17:00」.
std::string moment_text(std::int64_t unix_seconds);
std::string fiscal_year_label(int fiscal_year);
int fiscal_year_of(survey::Date d);  // P6.1 April–March, 2027-01-15 → 2026 (as survey's)

// The date `text` names, or nullopt: empty, not a form above, a day the
// calendar does not have (2026年2月30日), or a day outside the era named
// (令和1年4月30日, 平成31年5月1日, 明治3年4月1日). Spaces around it and a
// weekday after it — （水）, (水), （水曜日） — are ignored; the weekday is
// not checked against the date.
std::optional<survey::Date> parse_date_text(std::string_view text);

// The calendar of a date field.
struct DatePickerState {
  bool open = false;    // the calendar is shown
  survey::Date cursor;  // the highlighted day; the calendar shows its month
};

// A date field's state, kept in the screen's form. PERSONAL DATA when the
// field is a birth date.
struct DateFieldState {
  // What was typed, UTF-8; ImGui edits it in place. 64 bytes, not 32: an IME
  // types full-width digits, and ２０２６年１１月１８日 alone is 33 bytes.
  std::array<char, 64> text{};
  std::optional<survey::Date> value;  // what `text` reads as; nullopt: empty or unreadable
  DatePickerState picker;

  void set(std::optional<survey::Date> date);  // value and text at once (a screen's open())
  // Empty, calendar closed. A screen's forget() calls it and then
  // wipe_text_input_state() (widgets.hpp): ImGui keeps its own copy of the
  // text last edited.
  void clear();
};

// Draws a text field, the date it reads as beside it (wareki_date()) or, when
// it cannot be read, which forms are accepted; and a calendar button
// (tr("Calendar")) that opens a month grid: ← → a day, ↑ ↓ a week, PageUp /
// PageDown a month, Enter or Space picks the highlighted day, a click picks
// a day, Escape or やめる closes without a change; 前の月, 今日 and 次の月 move
// the grid. The grid opens on the field's date, else on `today`, which is
// outlined; Sundays and public holidays are red, Saturdays blue. The
// calendar is modal: the page behind it (its Escape, its buttons) takes no
// input while it is open. True when `state.value` changed this frame.
//
// Recorded for the harness (record_last_item): the text field as `id`, the
// buttons by their labels, each day of the grid as "day:YYYY-MM-DD".
// Every target is at least theme::kMinTarget (44 px) high and wide.
bool date_field(const char* id, DateFieldState& state, survey::Date today);

}  // namespace shogo::ui
