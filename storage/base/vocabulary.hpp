#pragma once
// The vocabulary that storage and survey share (glossary of
// docs/procedure.md): the systems, the kinds of operation, and
// calendar dates and times of day. The import readers (storage/import) write
// their rows in these types and the workflow (kiosk/survey) stores and checks
// them, so nothing converts between the two; kiosk/survey/domain.hpp brings
// the names into shogo::survey (survey::System, survey::Date, ...).
//
//   System, kAllSystems ......... 関連システム  P3: KOSEKI, JUKI, JUKINET
//   system_id(), parse_system()   "KOSEKI" ↔ System::koseki
//   OperationKind ............... 操作の種類  P6.5.a ア–エ
//   operation_kind_id(), parse_operation_kind()   "inquiry" ↔ OperationKind::inquiry
//   OperatorKind ................ 操作者の区分  P4: staff, other-division, contractor
//   operator_kind_id(), parse_operator_kind()
//   Date, TimeOfDay ............. a calendar day and a time of day (JST wall clock)
//   format_date(), format_time()  "2026-04-01", "09:12:03"
//   days_in_month(), is_valid_date(), day_number(), date_from_day_number(), add_days()
//
// Ids are compared exactly (case and spaces matter): they are what profiles,
// survey files and the vault store.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace shogo {

enum class System : std::uint8_t { koseki, juki, jukinet };  // P3.1–P3.3
inline constexpr System kAllSystems[] = {System::koseki, System::juki, System::jukinet};
std::string_view system_id(System s);                     // "KOSEKI", "JUKI", "JUKINET"
std::optional<System> parse_system(std::string_view id);  // one of those ids, exactly

enum class OperationKind : std::uint8_t {
  certificate_issue,  // P6.5.a ア 証明書の発行                         "certificate-issue"
  confirmation_print,  // P6.5.a イ 確認用住民票・戸籍事務専用帳票の出力  "confirmation-print"
  inquiry,       // P6.5.a ウ 照会のみ                             "inquiry"
  cs_operation,  // P6.5.a エ CS 端末の操作                         "cs-operation"
};
inline constexpr OperationKind kAllOperationKinds[] = {
    OperationKind::certificate_issue, OperationKind::confirmation_print, OperationKind::inquiry,
    OperationKind::cs_operation};
std::string_view operation_kind_id(OperationKind k);                     // "certificate-issue", ...
std::optional<OperationKind> parse_operation_kind(std::string_view id);  // one of those, exactly

enum class OperatorKind : std::uint8_t {
  staff,           // P4.1.a 住民情報課の職員
  other_division,  // P4.1.b 他課閲覧用 ID
  contractor,      // P4.2 受託事業者の従事者
};
inline constexpr OperatorKind kAllOperatorKinds[] = {
    OperatorKind::staff, OperatorKind::other_division, OperatorKind::contractor};
std::string_view operator_kind_id(OperatorKind k);  // "staff", "other-division", "contractor"
std::optional<OperatorKind> parse_operator_kind(std::string_view id);  // one of those, exactly

// A calendar day, proleptic Gregorian, without a time zone: the source
// systems write local (JST) wall-clock times and so does the procedure.
struct Date {
  int year = 0;   // 1..9999 when valid
  int month = 0;  // 1..12
  int day = 0;    // 1..31
  auto operator<=>(const Date&) const = default;
};

// A time of day, 00:00:00..23:59:59 (no leap seconds); a designation's
// window may end at 24:00 (P6.3.b).
struct TimeOfDay {
  int hour = 0;
  int minute = 0;
  int second = 0;
  auto operator<=>(const TimeOfDay&) const = default;
  int seconds_since_midnight() const { return hour * 3600 + minute * 60 + second; }
};

std::string format_date(Date d);       // "2026-04-01"
std::string format_time(TimeOfDay t);  // "09:12:03"

// Calendar arithmetic (proleptic Gregorian).
int days_in_month(int year, int month);     // month 1..12
bool is_valid_date(Date d);                 // year 1..9999, month 1..12, a day the month has
std::int64_t day_number(Date d);            // days since 1970-01-01 (negative before)
Date date_from_day_number(std::int64_t n);  // its inverse
inline Date add_days(Date d, std::int64_t n) { return date_from_day_number(day_number(d) + n); }

}  // namespace shogo
