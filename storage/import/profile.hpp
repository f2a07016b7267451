#pragma once
// Profile — a sheet profile (帳票プロファイル): which column of a confirmation
// sheet of P6.4 holds which canonical field, and how its operation text maps
// to the kinds of operation of P6.5.a. Profiles are TOML (docs/import-formats.md,
// "Profiles"); the four reference profiles ship as storage/import/profiles/*.toml
// and are compiled in (reference_profile()).
//
//   SheetKind, sheet_kind_id(), sheet_kind_name(), parse_sheet_kind()
//   Columns ................. header text per canonical field ("" = not in the sheet)
//   Profile ................. kind, system, columns, operation map and default
//   Profile::operation_for() the P6.5.a kind of an operation text
//   parse_profile() ......... TOML text → Profile, or a clear error
//   reference_profile() ..... the TOML text of a reference profile
//
// A profile's system and operation kinds are the shared vocabulary
// (storage/base/vocabulary.hpp): `system` is read by parse_system() and each
// operation kind by parse_operation_kind(), so exactly their ids.
//
// Profile errors (the offending key, or "line N" for a syntax error, goes to
// *where when given; never the sheet's content):
//   import.profile_syntax             not TOML
//   import.profile_unknown_field      a key Shogo does not know (a typo)
//   import.profile_missing_field      kind, system, a required column, or operations.default
//   import.profile_bad_value          a value of the wrong type, or an empty header
//   import.profile_unknown_kind       kind is not one of the four sheet kinds
//   import.profile_unknown_system     system is not KOSEKI, JUKI or JUKINET
//   import.profile_unknown_operation  not certificate-issue, confirmation-print, inquiry, cs-operation
//   import.profile_conflicting_columns  both `when` and `date`/`time`

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storage/base/result.hpp"
#include "storage/base/vocabulary.hpp"

namespace shogo::storage::import {

enum class SheetKind {
  koseki_issuance,    // 証明書発行管理一覧      "koseki-issuance"
  juki_access_log,    // 住基アクセスログ内部監査  "juki-access-log"
  juki_online_forms,  // 住基オンライン帳票内部監査 "juki-online-forms"
  cs_operations,      // CS端末操作履歴          "cs-operations"
};
inline constexpr SheetKind kAllSheetKinds[] = {
    SheetKind::koseki_issuance, SheetKind::juki_access_log, SheetKind::juki_online_forms,
    SheetKind::cs_operations};
std::string_view sheet_kind_id(SheetKind kind);    // "koseki-issuance", ...
std::string_view sheet_kind_name(SheetKind kind);  // "証明書発行管理一覧", ...
// Reads an id or the Japanese sheet name ("CS 端末操作履歴" with a space too).
std::optional<SheetKind> parse_sheet_kind(std::string_view text);

// Header text of each canonical field; "" when the sheet has no such column.
struct Columns {
  std::string when;              // date and time in one cell  } one of the two
  std::string date, time;        // or in two cells             } (required)
  std::string terminal_id;       // required
  std::string operator_id;       // required
  std::string operation;         // required: text mapped by the operation table
  std::string detail;            // required: 業務名 / 証明書種別 / 処理内容 / 帳票名
  std::string reference;         // optional: 受付番号
  std::string resident_name;     // required
  std::string resident_kana;     // required
  std::string resident_birth;    // required
  std::string resident_address;  // optional: 住所
  std::string resident_honseki;  // optional: 本籍
  std::string search_condition;  // optional: 検索条件, what the operator typed (P6.5.b)
  friend bool operator==(const Columns&, const Columns&) = default;
};

struct Profile {
  SheetKind kind = SheetKind::koseki_issuance;
  System system = System::koseki;
  Columns columns;
  // Operation text (trimmed, compared exactly) → kind; order does not matter.
  std::vector<std::pair<std::string, OperationKind>> operation_map;
  OperationKind default_operation = OperationKind::inquiry;  // text not in the map, or blank

  OperationKind operation_for(std::string_view text) const;
  // Header texts a header row must hold: the required columns' (when, or date and time, …).
  std::vector<std::string> required_headers() const;
  friend bool operator==(const Profile&, const Profile&) = default;
};

// Reads a profile. `where`, when given, receives the offending key or line.
[[nodiscard]] Result<Profile> parse_profile(std::string_view toml, std::string* where = nullptr);

// The TOML text of a reference profile, identical to storage/import/profiles/<id>.toml.
std::string_view reference_profile(SheetKind kind);

// Trims ASCII spaces, tabs and the ideographic space U+3000 at both ends.
std::string_view trim_cell(std::string_view text);

}  // namespace shogo::storage::import
