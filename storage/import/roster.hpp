#pragma once
// Roster — who each operator id belongs to (P4): the division's staff (職員,
// P4.1.a), ids of other divisions (他課, P4.1.b) and contractors' employees
// (委託, P4.2), read like the sheets from a CSV (UTF-8 or CP932) or XLSX
// file, through a profile (TOML) that says which header is which field and
// which text is which kind. Staff names are not residents' data: the roster
// lives in vault.db.
//
//   (OperatorKind is the shared vocabulary's: storage/base/vocabulary.hpp)
//   RosterProfile, parse_roster_profile(), reference_roster_profile()
//   RosterEntry, read_roster()   the whole file, or the first error with its row and column
//
// Profile errors (the key, or "line N", to *where): roster.profile_syntax,
// roster.profile_unknown_field, roster.profile_missing_field,
// roster.profile_bad_value, roster.profile_unknown_kind.
// File errors (row and column to *at): the readers' (import.*), and
// roster.header_not_found, roster.missing_value, roster.unknown_kind,
// roster.duplicate_id, roster.control_character, roster.empty.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storage/base/result.hpp"
#include "storage/base/vocabulary.hpp"

namespace shogo::storage::import {

struct RosterProfile {
  // Header texts; `user` may be "" (no such column).
  std::string operator_id, name, kind, affiliation, user;
  // Kind text (trimmed, compared exactly) → kind.
  std::vector<std::pair<std::string, OperatorKind>> kinds;
};
[[nodiscard]] Result<RosterProfile> parse_roster_profile(std::string_view toml,
                                                         std::string* where = nullptr);
// storage/import/profiles/roster.toml, compiled in.
std::string_view reference_roster_profile();

struct RosterEntry {
  std::uint64_t row = 0;    // the record in the file (1-based)
  std::string operator_id;  // unique in the roster
  std::string name;         // 氏名
  OperatorKind kind = OperatorKind::staff;
  std::string affiliation;  // the division, or the contractor
  std::string user;         // the Shogo user (P5) whose id this is; "" for none
  friend bool operator==(const RosterEntry&, const RosterEntry&) = default;
};

struct RosterPosition {
  std::uint64_t row = 0;  // 0: not in a row
  std::string column;     // the profile's header text; "" when not in a cell
};

// Every entry of the file, or the first error and where it is.
[[nodiscard]] Result<std::vector<RosterEntry>> read_roster(const std::filesystem::path& file,
                                                           const RosterProfile& profile,
                                                           RosterPosition* at = nullptr);

}  // namespace shogo::storage::import
