#pragma once
// The survey's vocabulary (glossary of ../shared/docs/procedure.md).
//
//   System          関連システム      P3: KOSEKI, JUKI, JUKINET
//   Site            拠点              P6.3.c: a place with terminals
//   Terminal        端末              P6.3.c: one terminal of one system at one site
//   OperatorKind    操作者の種別      P4.1.a staff, P4.1.b other-division ID, P4.2 contractor
//   Operator        操作者            the holder of an operator ID whose accesses are examined
//   Resident        被閲覧者          the person whose record was viewed (personal data)
//   OperationKind   操作の種類        P6.5.a ア–エ: issue, confirmation print, inquiry, CS operation
//   AccessLogRow    アクセスログ      one row of a confirmation sheet (personal data)
//   Role            調査体制の役割    P5: supervisor, manager, investigator
//
// Types that hold residents' personal data say so in their comment; such
// values live only in a survey's own encrypted file (design.md, "Data").

#include <cstdint>
#include <string>
#include <string_view>

namespace shogo::survey {

enum class System : std::uint8_t { koseki, juki, jukinet };  // P3.1–P3.3
inline constexpr System kAllSystems[] = {System::koseki, System::juki, System::jukinet};
std::string_view system_id(System s);  // "KOSEKI", "JUKI", "JUKINET"
bool parse_system(std::string_view id, System& out);

enum class OperatorKind : std::uint8_t {
  staff,           // P4.1.a 住民情報課の職員
  other_division,  // P4.1.b 他課閲覧用 ID
  contractor,      // P4.2 受託事業者の従事者
};
std::string_view operator_kind_id(OperatorKind k);  // "staff", "other-division", "contractor"

enum class OperationKind : std::uint8_t {
  certificate_issue,   // P6.5.a ア 証明書の発行
  confirmation_print,  // P6.5.a イ 確認用住民票・戸籍事務専用帳票の出力
  inquiry,             // P6.5.a ウ 照会のみ
  cs_operation,        // P6.5.a エ CS 端末の操作
};
std::string_view operation_kind_id(OperationKind k);

enum class Role : std::uint8_t {
  supervisor,    // P5.1 調査総括責任者
  manager,       // P5.2 調査責任者
  investigator,  // P5.3 調査担当者
};
std::string_view role_id(Role r);  // "supervisor", "manager", "investigator"
bool parse_role(std::string_view id, Role& out);

// A calendar date and a time of day, without time zones: the source systems
// write local (JST) wall-clock times and so does the procedure.
struct Date {
  int year = 0;
  int month = 0;
  int day = 0;
  auto operator<=>(const Date&) const = default;
};
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
bool is_valid_date(Date d);                 // year ≥ 1, a day the month has
std::int64_t day_number(Date d);            // days since 1970-01-01 (negative before)
Date date_from_day_number(std::int64_t n);  // its inverse
inline Date add_days(Date d, std::int64_t n) { return date_from_day_number(day_number(d) + n); }

struct Site {
  std::string id;             // e.g. "S01"
  std::string name;           // e.g. "本庁舎"
  TimeOfDay opens{8, 30, 0};  // operating hours (P6.3.b)
  TimeOfDay closes{17, 15, 0};
};

struct Terminal {
  std::string id;  // as the source system writes it, e.g. "KS-S01-01"
  std::string site_id;
  System system = System::koseki;
};

struct Operator {
  std::string id;  // operator ID as logged, e.g. "K10234"
  OperatorKind kind = OperatorKind::staff;
  std::string display_name;  // staff member's name; not a resident
};

// PERSONAL DATA. A synthetic resident in tests and demos.
struct Resident {
  std::string name;  // 氏名 in UTF-8; may hold IVS sequences, non-BMP and 外字 code points
  std::string kana;  // 氏名カナ (full-width katakana)
  Date birth;        // 生年月日
  std::string address;
};

// PERSONAL DATA. One row of a confirmation sheet (P6.4).
struct AccessLogRow {
  System system = System::koseki;
  Date date;
  TimeOfDay time;
  std::string terminal_id;
  std::string operator_id;
  OperationKind operation = OperationKind::inquiry;
  std::string detail;  // 業務名 / 証明書種別 / 処理内容 as the sheet writes it
  std::string resident_name;
  std::string resident_kana;
  Date resident_birth;
  std::string resident_address;
};

}  // namespace shogo::survey
