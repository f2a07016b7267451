#pragma once
// The operator roster in the vault (P4): who each operator id of the sheets
// belongs to, and which ids are the appliance's own users' (P5.3.c).
//
//   replace_roster()  the roster read from a file (storage/import/roster.hpp)
//                     replaces the vault's, in one audited change (a manager);
//                     its event carries every row as the replay wants it
//   load_roster()     the roster, by operator id
//
// Errors: roster.not_manager, roster.unknown_user (a row names a Shogo user
// the vault does not have; its row is given), and the database's.

#include <cstdint>
#include <string>
#include <vector>

#include "kiosk/survey/domain.hpp"
#include "kiosk/survey/vault.hpp"
#include "storage/base/result.hpp"
#include "storage/import/roster.hpp"

namespace shogo::survey {

struct RosterOperator {
  std::string id;
  std::string name;
  OperatorKind kind = OperatorKind::staff;
  std::string affiliation;
  std::string user_id;  // "" when not one of the appliance's users
  friend bool operator==(const RosterOperator&, const RosterOperator&) = default;
};

[[nodiscard]] Status replace_roster(Vault& vault, const std::string& actor,
                                    const std::vector<storage::import::RosterEntry>& entries,
                                    std::uint64_t* bad_row = nullptr);
[[nodiscard]] Result<std::vector<RosterOperator>> load_roster(Vault& vault);

}  // namespace shogo::survey
