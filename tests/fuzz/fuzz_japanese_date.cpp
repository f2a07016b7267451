// libFuzzer target: the date and time readers of storage/import/japanese_date.hpp.
//
// The whole input is read as text by parse_date(), parse_time() and
// parse_date_time(); its first 8 bytes, when there are 8, are also a double
// for the Excel serial readers, in both date systems.
// Invariants (a violation traps):
//   - every date returned satisfies is_valid_date(), every time is in range;
//   - a parsed date reads back the same when written as YYYY/MM/DD;
//   - parse_date_time() agrees with parse_date() + parse_time() on "<date> <time>";
//   - date_from_excel_serial() drops the fraction, refuses 60 (1900) and
//     whatever is outside [0, 2958466), and the 1904 system is the 1900 one
//     shifted by 1462 days;
//   - time_from_excel_fraction() accepts only [0, 1).

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

#include "storage/import/japanese_date.hpp"
#include "tests/fuzz/fuzz_input_file.hpp"

namespace {

using shogo::Date;
using shogo::format_time;
using shogo::is_valid_date;
using shogo::TimeOfDay;
using shogo::storage::import::date_from_excel_serial;
using shogo::storage::import::date_time_from_excel_serial;
using shogo::storage::import::parse_date;
using shogo::storage::import::parse_date_time;
using shogo::storage::import::parse_time;
using shogo::storage::import::time_from_excel_fraction;

bool valid_time(const TimeOfDay& t) {
  return t.hour >= 0 && t.hour <= 23 && t.minute >= 0 && t.minute <= 59 && t.second >= 0 &&
         t.second <= 59;
}

std::string iso(const Date& d) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d/%02d/%02d", d.year, d.month, d.day);
  return buffer;
}

void check_text(std::string_view text) {
  const auto date = parse_date(text);
  if (date) {
    SHOGO_FUZZ_CHECK(is_valid_date(*date));
    if (date->year >= 1000) {
      const auto again = parse_date(iso(*date));
      SHOGO_FUZZ_CHECK(again && *again == *date);
    }
  } else {
    SHOGO_FUZZ_CHECK(date.error().code.starts_with("import."));
  }

  const auto time = parse_time(text);
  if (time) {
    SHOGO_FUZZ_CHECK(valid_time(*time));
    const auto again = parse_time(format_time(*time));
    SHOGO_FUZZ_CHECK(again && *again == *time);
  }

  const auto both = parse_date_time(text);
  if (both) {
    SHOGO_FUZZ_CHECK(is_valid_date(both->first));
    SHOGO_FUZZ_CHECK(valid_time(both->second));
  }

  if (date && date->year >= 1000) {
    const auto joined = parse_date_time(iso(*date) + " 09:12:03");
    SHOGO_FUZZ_CHECK(joined && joined->first == *date && joined->second == TimeOfDay{9, 12, 3});
  }
  if (time) {
    const auto joined = parse_date_time("2026/04/01 " + std::string(text));
    SHOGO_FUZZ_CHECK(joined && joined->second == *time);
  }
}

void check_serial(double serial) {
  constexpr double kMaxSerial = 2958466.0;  // 10000-01-01 in the 1900 system
  constexpr double kShift1904 = 1462.0;     // days from 1900-system day 0 to 1904-01-01
  const bool in_range = std::isfinite(serial) && serial >= 0.0 && serial < kMaxSerial;

  const auto d1900 = date_from_excel_serial(serial, false);
  const auto d1904 = date_from_excel_serial(serial, true);
  if (!in_range) {
    SHOGO_FUZZ_CHECK(!d1900 && !d1904);
  } else {
    const double day = std::floor(serial);
    const auto whole1900 = date_from_excel_serial(day, false);
    SHOGO_FUZZ_CHECK(d1900.ok() == whole1900.ok());
    if (d1900) SHOGO_FUZZ_CHECK(*d1900 == *whole1900);
    SHOGO_FUZZ_CHECK(d1900.ok() == (day >= 1.0 && day != 60.0));
    if (d1904 && day + kShift1904 < kMaxSerial) {
      const auto shifted = date_from_excel_serial(day + kShift1904, false);
      SHOGO_FUZZ_CHECK(shifted && *shifted == *d1904);
    }
  }
  if (d1900) SHOGO_FUZZ_CHECK(is_valid_date(*d1900));
  if (d1904) SHOGO_FUZZ_CHECK(is_valid_date(*d1904));

  const auto t = time_from_excel_fraction(serial);
  if (t) {
    SHOGO_FUZZ_CHECK(serial >= 0.0 && serial < 1.0);
    SHOGO_FUZZ_CHECK(valid_time(*t));
  }

  for (const bool date1904 : {false, true}) {
    const auto dt = date_time_from_excel_serial(serial, date1904);
    if (!dt) continue;
    SHOGO_FUZZ_CHECK(in_range);
    SHOGO_FUZZ_CHECK(is_valid_date(dt->first));
    SHOGO_FUZZ_CHECK(valid_time(dt->second));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  check_text(std::string_view(reinterpret_cast<const char*>(data), size));
  if (size >= sizeof(double)) {
    double serial = 0;
    std::memcpy(&serial, data, sizeof serial);
    check_serial(serial);
  }
  return 0;
}
