#pragma once
// Vault state — the privileged facts of vault.db and keyslots as the audit
// chain carries them, and the replay that compares the two (docs/audit-log.md,
// "Replay").
//
// Every event that changes users, key slots, settings, sites, terminals,
// surveys, designations or imports carries, in its detail after a '|', the
// complete new values of every row it changed: "+table/key=values" for a row
// as it now is, "-table/key" for a row that went. Replaying the events of the
// chain in order gives the state the log says; reading the tables and the
// key slots gives the state as it is; any difference is a fault that names
// the table and the row. Values are ids, numbers and short texts; a blob (a
// survey's key) only as its digest, and never a resident's data (vault.db
// holds none).
//
//   state_tables()      the privileged tables, their key and value columns
//   read_vault_state()  the state as vault.db and keyslots hold it
//   state_delta()       the tokens that turn one state into another
//   with_state()        an event's detail with its state part; detail_base()
//   replay_state()      the state the chain says, and its malformed events
//   compare_state()     the faults: rows that differ, are missing or unlogged

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/audit_chain.hpp"
#include "crypto/keyslots.hpp"
#include "storage/base/result.hpp"
#include "storage/database.hpp"

namespace shogo::survey {

// "table/key" → the row's values, encoded; ordered, so deltas are stable.
using VaultState = std::map<std::string, std::string>;

struct StateTable {
  std::string_view name;                 // "users"; "keyslots" is the file's slots
  std::vector<std::string_view> key;     // key columns, in order
  std::vector<std::string_view> values;  // value columns, in order
};
// Every privileged table, in a fixed order. What is not here is not replayed:
// users.last_sign_in_at (a convenience, not a right), import_problems (what an
// import refused; imports.problems counts them), the audit log itself.
std::span<const StateTable> state_tables();

// The state as it is: every row of the privileged tables of `db` (vault.db,
// as "main") and every slot of `slots`. Errors: those of reading the database.
[[nodiscard]] Result<VaultState> read_vault_state(storage::Database& db,
                                                  const crypto::KeyslotFile& slots);

// The tokens from `before` to `after`, space-separated: "+users/tanaka=…"
// for each row added or changed, "-users/tanaka" for each row gone. "" if
// nothing changed.
std::string state_delta(const VaultState& before, const VaultState& after);
// An event's detail: "base|delta"; just base if the delta is empty. A '|' in
// base (never written by Shogo) is replaced by '/', so the state part is
// always what follows the first '|'.
std::string with_state(std::string base, const std::string& delta);
std::string_view detail_base(std::string_view detail);  // before the first '|'

struct StateFault {
  enum class Kind {
    changed,     // the row differs from what the log says
    missing,     // the log says the row exists; the table has none
    not_logged,  // the table has a row no event made
    bad_event,   // an event's state part cannot be read
  };
  Kind kind = Kind::changed;
  std::string table;      // "users", "keyslots", …
  std::string key;        // the row, decoded: "tanaka", "fy2026-1/2"
  std::uint64_t seq = 0;  // the last event that set the row; the bad event
};

struct Replayed {
  VaultState state;
  std::map<std::string, std::uint64_t> set_by;  // "table/key" → seq of the event
  std::vector<StateFault> bad_events;
};
Replayed replay_state(std::span<const crypto::audit::Event> events);

// Every difference between what the chain says and what is, in key order,
// after the replay's own bad events.
std::vector<StateFault> compare_state(const Replayed& replayed, const VaultState& actual);

// One line for a maintainer, in English ids and numbers only, e.g.
// "users/tanaka: differs from event 28" (doctor and audit verify print it
// after their translated heading).
std::string fault_line(const StateFault& fault);

}  // namespace shogo::survey
