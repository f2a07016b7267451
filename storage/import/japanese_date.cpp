#include "storage/import/japanese_date.hpp"

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>

namespace shogo::storage::import {
namespace {

Error bad_date() {
  return {"import.bad_date", N_("The date is not written in a form Shogo can read.")};
}
Error invalid_date() {
  return {"import.invalid_date", N_("The date does not exist in the calendar.")};
}
Error outside_era() {
  return {"import.date_outside_era", N_("The date is outside the years of the era it names.")};
}
Error bad_time() {
  return {"import.bad_time", N_("The time of day is not written in a form Shogo can read.")};
}
Error bad_serial() {
  return {"import.bad_excel_serial",
          N_("The spreadsheet cell does not hold a date Shogo can read.")};
}

// 元号 — an era; `base` is the Gregorian year of its first year (元年).
struct Era {
  std::string_view kanji;
  char letter;
  int base;
  Date first;
  Date last;
};

constexpr Date kOpenEnd{9999, 12, 31};
constexpr std::array<Era, 5> kEras{{
    {"明治", 'M', 1868, {1873, 1, 1}, {1912, 7, 30}},  // Gregorian from 明治6年 (header)
    {"大正", 'T', 1912, {1912, 7, 30}, {1926, 12, 25}},
    {"昭和", 'S', 1926, {1926, 12, 25}, {1989, 1, 7}},
    {"平成", 'H', 1989, {1989, 1, 8}, {2019, 4, 30}},
    {"令和", 'R', 2019, {2019, 5, 1}, kOpenEnd},
}};

// Full-width forms U+FF01..U+FF5E become ASCII, U+3000 a space; the rest is kept.
std::string normalize(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    const auto b0 = static_cast<unsigned char>(in[i]);
    if (i + 2 < in.size() && b0 == 0xEF) {
      const auto b1 = static_cast<unsigned char>(in[i + 1]);
      const auto b2 = static_cast<unsigned char>(in[i + 2]);
      if (b1 == 0xBC && b2 >= 0x81 && b2 <= 0xBF) {
        out.push_back(static_cast<char>(b2 - 0x60));
        i += 2;
        continue;
      }
      if (b1 == 0xBD && b2 >= 0x80 && b2 <= 0x9E) {
        out.push_back(static_cast<char>(b2 - 0x20));
        i += 2;
        continue;
      }
    }
    if (i + 2 < in.size() && in.substr(i, 3) == "\u3000") {
      out.push_back(' ');
      i += 2;
      continue;
    }
    out.push_back(in[i]);
  }
  return out;
}

// `in` as normalize() would return it: itself when it holds none of the bytes
// that open a full-width form (0xEF) or U+3000 (0xE3), so that the common
// case is read without a copy; otherwise normalised into `buffer`.
std::string_view normalized(std::string_view in, std::string& buffer) {
  if (in.find_first_of("\xEF\xE3") == std::string_view::npos) return in;
  buffer = normalize(in);
  return buffer;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

struct Number {
  int value = 0;
  int digits = 0;  // 0: no number here
};

struct Cursor {
  std::string_view s;
  std::size_t i = 0;

  bool at_end() const { return i == s.size(); }
  bool eat(std::string_view literal) {
    if (s.substr(i).starts_with(literal)) {
      i += literal.size();
      return true;
    }
    return false;
  }
  // Up to max_digits ASCII digits.
  Number number(int max_digits) {
    Number n;
    while (i < s.size() && n.digits < max_digits && s[i] >= '0' && s[i] <= '9') {
      n.value = n.value * 10 + (s[i] - '0');
      ++n.digits;
      ++i;
    }
    return n;
  }
  bool eat_separator(char& sep) {
    if (i < s.size() && (s[i] == '/' || s[i] == '-' || s[i] == '.')) {
      if (sep != 0 && s[i] != sep) return false;
      sep = s[i++];
      return true;
    }
    return false;
  }
};

Result<Date> checked(const Date& d) {
  if (!is_valid_date(d)) return invalid_date();
  return d;
}

Result<Date> from_era(const Era& era, int era_year, int month, int day) {
  if (era_year < 1) return outside_era();
  const Date d{era.base + era_year - 1, month, day};
  if (!is_valid_date(d)) return invalid_date();
  if (d < era.first || era.last < d) return outside_era();
  return d;
}

// 令和8年4月1日, 令和元年5月1日
Result<Date> parse_kanji_era(const Era& era, Cursor c) {
  int year = 0;
  if (c.eat("元")) {
    year = 1;
  } else {
    const Number y = c.number(2);
    if (y.digits == 0) return bad_date();
    year = y.value;
  }
  if (!c.eat("年")) return bad_date();
  const Number m = c.number(2);
  if (m.digits == 0 || !c.eat("月")) return bad_date();
  const Number d = c.number(2);
  if (d.digits == 0 || !c.eat("日") || !c.at_end()) return bad_date();
  return from_era(era, year, m.value, d.value);
}

// R8.4.1, R08.04.01, H31/4/30
Result<Date> parse_letter_era(const Era& era, Cursor c) {
  char sep = 0;
  const Number y = c.number(2);
  if (y.digits == 0 || !c.eat_separator(sep)) return bad_date();
  const Number m = c.number(2);
  if (m.digits == 0 || !c.eat_separator(sep)) return bad_date();
  const Number d = c.number(2);
  if (d.digits == 0 || !c.at_end()) return bad_date();
  return from_era(era, y.value, m.value, d.value);
}

// 2026/04/01, 2026-4-1, 20260401, 2026年4月1日
Result<Date> parse_gregorian(Cursor c) {
  const Number y = c.number(8);
  if (y.digits == 8 && c.at_end()) {
    return checked({y.value / 10000, y.value / 100 % 100, y.value % 100});
  }
  if (y.digits != 4) return bad_date();
  if (c.eat("年")) {
    const Number m = c.number(2);
    if (m.digits == 0 || !c.eat("月")) return bad_date();
    const Number d = c.number(2);
    if (d.digits == 0 || !c.eat("日") || !c.at_end()) return bad_date();
    return checked({y.value, m.value, d.value});
  }
  char sep = 0;
  if (!c.eat_separator(sep)) return bad_date();
  const Number m = c.number(2);
  if (m.digits == 0 || !c.eat_separator(sep)) return bad_date();
  const Number d = c.number(2);
  if (d.digits == 0 || !c.at_end()) return bad_date();
  return checked({y.value, m.value, d.value});
}

Result<Date> parse_normalized_date(std::string_view s) {
  Cursor c{s};
  for (const Era& era : kEras) {
    if (c.eat(era.kanji)) return parse_kanji_era(era, c);
  }
  if (!s.empty()) {
    const char letter = (s[0] >= 'a' && s[0] <= 'z') ? static_cast<char>(s[0] - 'a' + 'A') : s[0];
    for (const Era& era : kEras) {
      if (letter == era.letter) return parse_letter_era(era, Cursor{s, 1});
    }
  }
  return parse_gregorian(c);
}

Result<TimeOfDay> checked_time(int h, int m, int s) {
  if (h < 0 || h > 23 || m < 0 || m > 59 || s < 0 || s > 59) return bad_time();
  return TimeOfDay{h, m, s};
}

Result<TimeOfDay> parse_normalized_time(std::string_view s) {
  Cursor c{s};
  const Number h = c.number(2);
  if (h.digits == 0) return bad_time();
  if (c.eat(":")) {  // 09:12:03, 9:12
    const Number m = c.number(2);
    if (m.digits != 2) return bad_time();
    int second = 0;
    if (c.eat(":")) {
      const Number sec = c.number(2);
      if (sec.digits != 2) return bad_time();
      second = sec.value;
    }
    if (!c.at_end()) return bad_time();
    return checked_time(h.value, m.value, second);
  }
  if (c.eat("時")) {  // 9時12分, 9時12分3秒
    const Number m = c.number(2);
    if (m.digits == 0 || !c.eat("分")) return bad_time();
    int second = 0;
    if (!c.at_end()) {
      const Number sec = c.number(2);
      if (sec.digits == 0 || !c.eat("秒")) return bad_time();
      second = sec.value;
    }
    if (!c.at_end()) return bad_time();
    return checked_time(h.value, m.value, second);
  }
  return bad_time();
}

constexpr double kMaxSerial = 2958466.0;  // 10000-01-01 in the 1900 system

// Day number n of an Excel serial (integer part) as a date.
Result<Date> day_of_serial(long long n, bool date1904) {
  Date epoch{1904, 1, 1};
  if (!date1904) {
    if (n < 1 || n == 60) return bad_serial();  // 0 is "1900-01-00"; 60 is Lotus's 1900-02-29
    epoch = n < 60 ? Date{1899, 12, 31} : Date{1899, 12, 30};
  }
  const Date out = add_days(epoch, static_cast<std::int64_t>(n));
  if (out.year > 9999) return bad_serial();
  return out;
}

bool serial_in_range(double serial) {
  return std::isfinite(serial) && serial >= 0.0 && serial < kMaxSerial;
}

}  // namespace

Result<Date> parse_date(std::string_view text) {
  std::string buffer;
  return parse_normalized_date(trim(normalized(text, buffer)));
}

Result<TimeOfDay> parse_time(std::string_view text) {
  std::string buffer;
  return parse_normalized_time(trim(normalized(text, buffer)));
}

Result<std::pair<Date, TimeOfDay>> parse_date_time(std::string_view text) {
  std::string buffer;
  const std::string_view s = trim(normalized(text, buffer));
  std::string_view date_part;
  std::string_view time_part;
  if (const auto space = s.find_first_of(" \t"); space != std::string_view::npos) {
    date_part = s.substr(0, space);
    time_part = trim(s.substr(space));
  } else if (const auto nichi = s.find("日"); nichi != std::string_view::npos) {
    date_part = s.substr(0, nichi + std::string_view("日").size());
    time_part = s.substr(date_part.size());
  } else if (const auto t = s.find('T'); t != std::string_view::npos && t > 0) {
    date_part = s.substr(0, t);  // 2026-04-01T09:12:03
    time_part = s.substr(t + 1);
  } else {
    return bad_date();
  }
  auto date = parse_normalized_date(date_part);
  if (!date) return date.error();
  auto time = parse_normalized_time(time_part);
  if (!time) return time.error();
  return std::pair{*date, *time};
}

Result<Date> date_from_excel_serial(double serial, bool date1904) {
  if (!serial_in_range(serial)) return bad_serial();
  return day_of_serial(static_cast<long long>(std::floor(serial)), date1904);
}

Result<TimeOfDay> time_from_excel_fraction(double fraction) {
  if (!std::isfinite(fraction) || fraction < 0.0 || fraction >= 1.0) return bad_time();
  const long long seconds = std::llround(fraction * 86400.0);
  if (seconds >= 86400) return bad_time();
  const int s = static_cast<int>(seconds);
  return TimeOfDay{s / 3600, s / 60 % 60, s % 60};
}

Result<std::pair<Date, TimeOfDay>> date_time_from_excel_serial(double serial, bool date1904) {
  if (!serial_in_range(serial)) return bad_serial();
  const long long total = std::llround(serial * 86400.0);
  auto date = day_of_serial(total / 86400, date1904);
  if (!date) return date.error();
  const int s = static_cast<int>(total % 86400);
  return std::pair{*date, TimeOfDay{s / 3600, s / 60 % 60, s % 60}};
}

}  // namespace shogo::storage::import
