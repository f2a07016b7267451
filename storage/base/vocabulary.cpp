#include "storage/base/vocabulary.hpp"

#include <cstdio>

namespace shogo {

std::string_view system_id(System s) {
  switch (s) {
    case System::koseki: return "KOSEKI";
    case System::juki: return "JUKI";
    case System::jukinet: return "JUKINET";
  }
  return "?";
}

std::optional<System> parse_system(std::string_view id) {
  for (System s : kAllSystems)
    if (id == system_id(s)) return s;
  return std::nullopt;
}

std::string_view operation_kind_id(OperationKind k) {
  switch (k) {
    case OperationKind::certificate_issue: return "certificate-issue";
    case OperationKind::confirmation_print: return "confirmation-print";
    case OperationKind::inquiry: return "inquiry";
    case OperationKind::cs_operation: return "cs-operation";
  }
  return "?";
}

std::optional<OperationKind> parse_operation_kind(std::string_view id) {
  for (OperationKind k : kAllOperationKinds)
    if (id == operation_kind_id(k)) return k;
  return std::nullopt;
}

std::string format_date(Date d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

std::string format_time(TimeOfDay t) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", t.hour, t.minute, t.second);
  return buf;
}

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

bool is_valid_date(Date d) {
  return d.year >= 1 && d.year <= 9999 && d.month >= 1 && d.month <= 12 && d.day >= 1 &&
         d.day <= days_in_month(d.year, d.month);
}

// Howard Hinnant's days_from_civil and civil_from_days.
std::int64_t day_number(Date d) {
  const int y = d.year - (d.month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const auto mp = static_cast<unsigned>(d.month + (d.month > 2 ? -3 : 9));
  const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(d.day) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<std::int64_t>(era) * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

Date date_from_day_number(std::int64_t n) {
  const std::int64_t z = n + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return Date{static_cast<int>(y + (m <= 2 ? 1 : 0)), static_cast<int>(m), static_cast<int>(d)};
}

std::string_view operator_kind_id(OperatorKind k) {
  switch (k) {
    case OperatorKind::staff: return "staff";
    case OperatorKind::other_division: return "other-division";
    case OperatorKind::contractor: return "contractor";
  }
  return "?";
}

std::optional<OperatorKind> parse_operator_kind(std::string_view id) {
  for (const OperatorKind k : kAllOperatorKinds) {
    if (operator_kind_id(k) == id) return k;
  }
  return std::nullopt;
}

}  // namespace shogo
