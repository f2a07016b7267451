#pragma once
// The survey's vocabulary (glossary of docs/procedure.md).
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
//   Date, TimeOfDay                   a calendar day and a time of day (JST wall clock)
//
// System, OperationKind, Date and TimeOfDay, their ids and formats and the
// calendar arithmetic are the vocabulary the survey shares with storage
// (storage/base/vocabulary.hpp, namespace shogo). The using-declarations below
// bring them in, so survey::System, survey::Date and survey::format_date()
// name the same entities as shogo::System, shogo::Date and shogo::format_date().
//
// Types that hold residents' personal data say so in their comment; such
// values live only in a survey's own encrypted file (design.md, "Data").

#include <cstdint>
#include <string>
#include <string_view>

#include "storage/base/vocabulary.hpp"

namespace shogo::survey {

using shogo::kAllSystems;
using shogo::parse_system;
using shogo::System;
using shogo::system_id;

using shogo::kAllOperationKinds;
using shogo::operation_kind_id;
using shogo::OperationKind;
using shogo::parse_operation_kind;

using shogo::add_days;
using shogo::Date;
using shogo::date_from_day_number;
using shogo::day_number;
using shogo::days_in_month;
using shogo::format_date;
using shogo::format_time;
using shogo::is_valid_date;
using shogo::TimeOfDay;

using shogo::operator_kind_id;
using shogo::OperatorKind;
using shogo::parse_operator_kind;

enum class Role : std::uint8_t {
  supervisor,    // P5.1 調査総括責任者
  manager,       // P5.2 調査責任者
  investigator,  // P5.3 調査担当者
};
std::string_view role_id(Role r);  // "supervisor", "manager", "investigator"
bool parse_role(std::string_view id, Role& out);

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
