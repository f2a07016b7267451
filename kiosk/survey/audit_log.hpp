#pragma once
// AuditLog — the appliance's own record of its use, in vault.db (docs/design.md,
// "The audit log"; format: docs/audit-log.md).
//
//   begin_chain()  at vault creation: the chain's state from the paper seed k0
//   append()       one event, in the caller's open transaction (so the event
//                  and the change it records commit together) or in its own
//   load()         every event, for verification and export
//   load_state()   the saved writer state (audit_state), for verification
//
// Events never hold personal data: ids, actions, outcomes. The MAC key in
// audit_state evolves after every event; the paper seed is not kept.

#include <optional>
#include <vector>

#include "crypto/audit_chain.hpp"
#include "crypto/secure_buffer.hpp"
#include "storage/base/result.hpp"
#include "storage/database.hpp"

namespace shogo::survey {

[[nodiscard]] Status begin_audit_chain(storage::Database& db, const crypto::SecureBuffer& seed);
[[nodiscard]] Result<crypto::audit::Event> append_audit_event(storage::Database& db,
                                                              crypto::audit::EventFields fields);
[[nodiscard]] Result<std::vector<crypto::audit::Event>> load_audit_events(storage::Database& db);
// The audit_state row (next_seq, head, mac_key); none if there is no row.
// audit.corrupt if the head is not 32 bytes; the key's size is not checked.
[[nodiscard]] Result<std::optional<crypto::audit::WriterState>> load_audit_state(
    storage::Database& db);

}  // namespace shogo::survey
