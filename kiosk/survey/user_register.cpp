#include "kiosk/survey/user_register.hpp"

#include <algorithm>
#include <cassert>
#include <utility>

#include "kiosk/survey/vault.hpp"

namespace shogo::survey {

const VaultUser* UserRegister::find(const std::string& id) const {
  auto it =
      std::find_if(users_.begin(), users_.end(), [&](const VaultUser& u) { return u.id == id; });
  return it == users_.end() ? nullptr : &*it;
}

Status UserRegister::load() {
  users_.clear();
  auto st = storage::Statement::prepare(vault_.database(),
                                        "SELECT id, role, disabled FROM users ORDER BY id");
  if (!st) return st.error();
  for (;;) {
    auto row = st->step();
    if (!row) return row.error();
    if (!*row) break;
    VaultUser u;
    u.id = st->column_text(0);
    if (!parse_role(st->column_text_view(1), u.role)) {
      return Error{"vault.corrupt", N_("The vault lists a user with an unknown role.")};
    }
    u.disabled = st->column_int64(2) != 0;
    users_.push_back(std::move(u));
  }
  return ok_status();
}

Status UserRegister::add(const std::string& actor, const NewUser& user, crypto::KdfCost cost) {
  if (!vault_.is_open()) return Error{"vault.locked", N_("The vault is locked.")};
  if (user.id.empty() || user.id == crypto::kRecoveryUserId || find(user.id) != nullptr) {
    return Error{"vault.user_exists", N_("A user with this name already exists.")};
  }
  assert(user.passphrase != nullptr && "UserRegister::add: a new user needs a passphrase");
  storage::Database& db = vault_.database();
  Vault::PendingScope scope(vault_);  // an add that fails leaves no event behind
  auto tx = storage::Transaction::begin(db);
  if (!tx) return tx.error();
  auto before = vault_.current_state(vault_.keyslots_);
  if (!before) return before.error();
  auto st = storage::Statement::prepare(
      db, "INSERT INTO users(id, display_name, role, disabled, created_at) VALUES(?,?,?,0,?)");
  if (!st) return st.error();
  if (auto s = st->bind_text(1, user.id); !s) return s;
  if (auto s = st->bind_text(2, user.id); !s) return s;
  if (auto s = st->bind_text(3, role_id(user.role)); !s) return s;
  if (auto s = st->bind_int64(4, vault_.now()); !s) return s;
  if (auto r = st->step(); !r) return r.error();
  // The new keyslots file commits with the row and its event (staged in
  // vault.db) and is written after the commit (Vault::finish_keyslots).
  crypto::KeyslotFile updated = vault_.keyslots_;
  if (auto s = updated.add_user(vault_.key_, user.id, *user.passphrase, cost); !s) return s;
  // The event carries the new row and the new slot.
  if (auto s = vault_.record_slot_change(
          actor, AuditAction::user_add,
          AuditObjects().add("role", role_id(user.role)).add("user", user.id), *before, updated);
      !s) {
    return s;
  }
  if (auto s = tx->commit(); !s) return s;
  scope.keep();
  const Status written = vault_.finish_keyslots(std::move(updated));
  if (auto s = load(); !s) return s;
  return written;
}

Status UserRegister::disable(const std::string& actor, const std::string& user_id) {
  if (!vault_.is_open()) return Error{"vault.locked", N_("The vault is locked.")};
  const VaultUser* target = find(user_id);
  if (target == nullptr) return Error{"vault.no_user", N_("There is no such user.")};
  const auto managers = std::count_if(users_.begin(), users_.end(), [](const VaultUser& u) {
    return u.role == Role::manager && !u.disabled;
  });
  if (target->role == Role::manager && !target->disabled && managers <= 1) {
    return Error{"vault.last_manager", N_("The last manager cannot be disabled.")};
  }
  storage::Database& db = vault_.database();
  Vault::PendingScope scope(vault_);  // a disable that fails leaves no event behind
  auto tx = storage::Transaction::begin(db);
  if (!tx) return tx.error();
  auto before = vault_.current_state(vault_.keyslots_);
  if (!before) return before.error();
  auto st = storage::Statement::prepare(db, "UPDATE users SET disabled = 1 WHERE id = ?");
  if (!st) return st.error();
  if (auto s = st->bind_text(1, user_id); !s) return s;
  if (auto r = st->step(); !r) return r.error();
  crypto::KeyslotFile updated = vault_.keyslots_;
  if (updated.has_user(user_id)) {
    if (auto s = updated.remove_user(vault_.key_, user_id); !s) return s;
  }
  // The event carries the row disabled and the slot gone; the slot goes with
  // the row (staged, written after the commit). A crash between the commit
  // and the write leaves the slot in the file until the next unlock writes
  // the staged file; a sign-in with it meanwhile opens the vault, which
  // writes it, and is refused as disabled.
  if (auto s = vault_.record_slot_change(actor, AuditAction::user_disable,
                                         AuditObjects().add("user", user_id), *before, updated);
      !s) {
    return s;
  }
  if (auto s = tx->commit(); !s) return s;
  scope.keep();
  const Status written = vault_.finish_keyslots(std::move(updated));
  if (auto s = load(); !s) return s;
  return written;
}

Status UserRegister::change_passphrase(const std::string& actor, const std::string& user_id,
                                       const crypto::SecureBuffer& new_passphrase,
                                       crypto::KdfCost cost) {
  if (!vault_.is_open()) return Error{"vault.locked", N_("The vault is locked.")};
  const VaultUser* target = find(user_id);
  if (target == nullptr || target->disabled) {
    return Error{"vault.no_user", N_("There is no such user.")};
  }
  crypto::KeyslotFile updated = vault_.keyslots_;
  if (auto s = updated.change_passphrase(vault_.key_, user_id, new_passphrase, cost); !s) return s;
  // The event and the new slot go together: the new file is staged in the
  // event's transaction and written after it commits, so a change that
  // cannot be recorded is not made, and a crash after the commit leaves the
  // staged file for the next unlock to write.
  storage::Database& db = vault_.database();
  Vault::PendingScope scope(vault_);
  auto tx = storage::Transaction::begin(db);
  if (!tx) return tx.error();
  auto before = vault_.current_state(vault_.keyslots_);
  if (!before) return before.error();
  // The event carries the slot rewrapped: its new fingerprint.
  if (auto s = vault_.record_slot_change(actor, AuditAction::passphrase_change,
                                         AuditObjects().add("user", user_id), *before, updated);
      !s) {
    return s;
  }
  if (auto s = tx->commit(); !s) return s;
  scope.keep();
  return vault_.finish_keyslots(std::move(updated));
}

}  // namespace shogo::survey
