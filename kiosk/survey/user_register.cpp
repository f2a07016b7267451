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
  auto st = storage::Statement::prepare(
      db, "INSERT INTO users(id, display_name, role, disabled, created_at) VALUES(?,?,?,0,?)");
  if (!st) return st.error();
  if (auto s = st->bind_text(1, user.id); !s) return s;
  if (auto s = st->bind_text(2, user.id); !s) return s;
  if (auto s = st->bind_text(3, role_id(user.role)); !s) return s;
  if (auto s = st->bind_int64(4, vault_.now()); !s) return s;
  if (auto r = st->step(); !r) return r.error();
  // The slot is written before the row commits: a crash between the two
  // leaves a slot without a user, which sign-in refuses, never the reverse.
  crypto::KeyslotFile updated = vault_.keyslots_;
  if (auto s = updated.add_user(vault_.key_, user.id, *user.passphrase, cost); !s) return s;
  if (!vault_.emit(actor, AuditAction::user_add,
                   AuditObjects().add("role", role_id(user.role)).add("user", user.id), "ok")) {
    return Vault::audit_unavailable();
  }
  if (auto s = updated.save(vault_.paths_.keyslots()); !s) return s;
  if (auto s = tx->commit(); !s) return s;
  scope.keep();
  vault_.keyslots_ = std::move(updated);
  return load();
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
  auto st = storage::Statement::prepare(db, "UPDATE users SET disabled = 1 WHERE id = ?");
  if (!st) return st.error();
  if (auto s = st->bind_text(1, user_id); !s) return s;
  if (auto r = st->step(); !r) return r.error();
  crypto::KeyslotFile updated = vault_.keyslots_;
  if (!vault_.emit(actor, AuditAction::user_disable, AuditObjects().add("user", user_id), "ok")) {
    return Vault::audit_unavailable();
  }
  // The slot goes before the row commits: a crash between the two leaves an
  // enabled user without a slot, who cannot sign in, never a disabled one with a slot.
  if (updated.has_user(user_id)) {
    if (auto s = updated.remove_user(vault_.key_, user_id); !s) return s;
    if (auto s = updated.save(vault_.paths_.keyslots()); !s) return s;
  }
  if (auto s = tx->commit(); !s) return s;
  scope.keep();
  vault_.keyslots_ = std::move(updated);
  return load();
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
  // The event and the new slot go together: the event is appended in a
  // transaction that commits only once the slot is saved, so a change that
  // cannot be recorded is not made, and one that could not be saved is not
  // recorded. (A crash between the save and the commit leaves the new slot
  // without its event, as for user add.)
  storage::Database& db = vault_.database();
  Vault::PendingScope scope(vault_);
  auto tx = storage::Transaction::begin(db);
  if (!tx) return tx.error();
  if (!vault_.emit(actor, AuditAction::passphrase_change, AuditObjects().add("user", user_id),
                   "ok")) {
    return Vault::audit_unavailable();
  }
  if (auto s = updated.save(vault_.paths_.keyslots()); !s) return s;
  if (auto s = tx->commit(); !s) return s;
  scope.keep();
  vault_.keyslots_ = std::move(updated);
  return ok_status();
}

}  // namespace shogo::survey
