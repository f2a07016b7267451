#pragma once
// The schema of vault.db (design.md, "Data"): the appliance's own records.
//
// No personal data of residents ever goes in vault.db: it holds staff users,
// settings, the metadata and keys of surveys, sites and terminals, and the
// audit log. Residents' rows live in surveys/<id>.db under that survey's key.
//
//   version  adds
//   1        users, settings (idle_lock_seconds 300, end_of_day '18:00'),
//            surveys (with each survey's 32-byte key), events (placeholder
//            for the audit log; version 3 replaces it)
//   2        users.last_sign_in_at, sites, terminals
//   3        audit_events and audit_state (docs/audit-log.md); drops events
//   4        survey state, designations, imports and their problems
//   5        imports.stored, imports.rows_digest, keyslots_pending
//   6        preferences (each user's text size)
//   7        operators (the roster, P4)
//
// A released migration is never edited: change the schema with a new one at
// the end, and test the step from every earlier version
// (tests/storage/vault_schema_test.cpp).

#include <span>

#include "storage/migrations.hpp"

namespace shogo::storage {

inline constexpr int kVaultSchemaVersion = 8;  // vault_migrations().back().version

// Every migration of vault.db, in order; pass it to migrate().
[[nodiscard]] std::span<const Migration> vault_migrations();

}  // namespace shogo::storage
