#pragma once
// UserRegister — the user register (利用者台帳): who may use the appliance and
// in which role (design.md, "Who uses it" and "Keys").
//
// Index
//   VaultUser, NewUser     a user as the register holds them; a user to add
//   all() / find()         the users of the open vault, in id order
//   add()                  a users row and a key slot           audited as user_add
//   disable()              the row disabled, the slot removed   audited as user_disable
//   change_passphrase()    the user's slot rewrapped            audited as passphrase_change
//
// The Vault owns its register and hands it out as `vault.users()`; it reads the
// list when it unlocks, drops it when it closes, and asks it for roles (audit
// events, sign-in). While locked the register is empty and every change is
// vault.locked.
//
// A user lives in two places: a row of vault.db's `users` (id = the name on the
// lock screen, unique; role; disabled) and a slot in keyslots. The register
// keeps them in step: keyslots is saved before the row commits, so a crash
// between the two can leave a slot without a user, or an enabled user without
// a slot, and sign-in refuses both; it never leaves a disabled user a slot. A
// disabled user keeps the row and loses the slot.
//
// Every change and its audit event commit together; a change whose event
// cannot be written is not made. The register is a friend of the Vault: slots
// are rewrapped with the vault key, which never leaves the Vault. Passphrases
// are crypto::SecureBuffer only. Error codes: vault.locked, vault.user_exists,
// vault.no_user, vault.last_manager, vault.corrupt, those of keyslots
// (crypto/keyslots.hpp) and those of vault.db.
#include <string>
#include <vector>

#include "crypto/kdf.hpp"
#include "crypto/secure_buffer.hpp"
#include "kiosk/survey/domain.hpp"
#include "storage/base/result.hpp"

namespace shogo::survey {

class Vault;

struct VaultUser {
  std::string id;  // the name on the lock screen
  Role role = Role::investigator;
  bool disabled = false;
};

struct NewUser {
  std::string id;
  Role role = Role::investigator;
  const crypto::SecureBuffer* passphrase = nullptr;
};

class UserRegister {
 public:
  explicit UserRegister(Vault& vault) : vault_(vault) {}
  ~UserRegister() = default;
  UserRegister(const UserRegister&) = delete;
  UserRegister& operator=(const UserRegister&) = delete;

  const std::vector<VaultUser>& all() const { return users_; }  // disabled ones included
  const VaultUser* find(const std::string& id) const;           // nullptr: no such user

  // A new user with their own slot. Errors: vault.user_exists (also for an
  // empty id or the recovery slot's name).
  [[nodiscard]] Status add(const std::string& actor, const NewUser& user, crypto::KdfCost cost);
  // P5.2.a: the last enabled manager stays (vault.last_manager). Errors: vault.no_user.
  [[nodiscard]] Status disable(const std::string& actor, const std::string& user_id);
  // Rewraps one slot; the others are unaffected. The recovery key may reset
  // anyone's (actor "recovery"). Errors: vault.no_user (also a disabled user).
  [[nodiscard]] Status change_passphrase(const std::string& actor, const std::string& user_id,
                                         const crypto::SecureBuffer& new_passphrase,
                                         crypto::KdfCost cost);

 private:
  friend class Vault;
  [[nodiscard]] Status load();  // from vault.db, at unlock and after each change
  void clear() { users_.clear(); }

  Vault& vault_;
  std::vector<VaultUser> users_;  // empty while locked
};

}  // namespace shogo::survey
