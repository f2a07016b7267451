#pragma once
// KeyslotFile — the `keyslots` file of the vault directory (鍵スロット).
//
// It holds the vault key (32 random bytes) wrapped once per user, under a key
// from Argon2id of the user's passphrase, and once for the paper recovery key.
// The byte layout, the cryptography and what tampering does are specified in
// docs/keyslots.md; this header is the manual of the API.
//
// Index
//   Constants and small types ...... SlotKind, SlotInfo, AttemptRecord
//   KeyslotFile
//     creating, loading, saving .... create(), parse(), load(), serialise(), save()
//     reading ....................... demo(), slots(), has_user(), has_recovery(), mac()
//     opening the vault ............. unlock(), unlock_with_recovery()
//     changing slots ................ add_user(), set_recovery(), remove_user(), change_passphrase()
//     sign-in attempts .............. attempts(), record_failure(), record_success()
//   Keys ............................ new_vault_key(), new_recovery_key()
//   Recovery key on paper ........... format_recovery_key(), parse_recovery_key()
//   Sign-in delay policy ............ sign_in_delay_seconds(), seconds_until_next_try()
//
// Secrets. A KeyslotFile holds no secret: salts, nonces and wrapped keys only.
// Keys and passphrases come in and go out as SecureBuffer; user ids are not
// secret and are plain std::string.
//
// Invariant. The file MAC kept in a KeyslotFile always matches its
// authenticated part. create() computes it; every slot change first checks the
// caller's vault key against it (keyslots.wrong_key) and recomputes it after.
// Attempts are outside the MAC, so recording them needs no key, and serialise()
// and save() never need one either.
//
// Error codes (Error::code; messages are plain sentences, never a secret):
//   keyslots.truncated        the file ends early
//   keyslots.magic            not a keyslots file
//   keyslots.version          made by a newer version of Shogo
//   keyslots.corrupt          a field is out of range, or the attempts checksum fails
//   keyslots.altered          the file MAC fails: the file was edited
//   keyslots.wrong_passphrase the slot did not open with this passphrase
//   keyslots.wrong_recovery_key  the recovery slot did not open with this key
//   keyslots.unknown_user     no passphrase slot for that user id
//   keyslots.no_slot          no recovery slot
//   keyslots.wrong_key        a change was asked with a key that is not this file's vault key
//   keyslots.user_exists, keyslots.bad_user_id, keyslots.empty_passphrase,
//   keyslots.last_user, keyslots.full                      refused slot changes
//   keyslots.recovery_format, keyslots.recovery_typo       typed recovery key refused
//   kdf.cost, kdf.memory      from derive_slot_key(); file.*  from atomic_file.hpp

#include <array>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/kdf.hpp"
#include "crypto/secure_buffer.hpp"
#include "storage/base/result.hpp"

namespace shogo::crypto {

inline constexpr std::size_t kVaultKeyBytes = 32;
inline constexpr std::size_t kRecoveryKeyBytes = 32;
inline constexpr std::size_t kMaxUserIdBytes = 64;  // user ids: 1..64 bytes of UTF-8
inline constexpr std::size_t kMaxSlots = 64;        // users + the recovery slot
inline constexpr std::size_t kMaxKeyslotsFileBytes = 64 * 1024;
inline constexpr std::string_view kRecoveryUserId = "recovery";  // reserved: the recovery slot

enum class SlotKind : std::uint8_t {
  user_passphrase = 1,  // Argon2id of a user's passphrase
  recovery_key = 2,     // the paper recovery key
};

// What a slot is, without any secret. cost is {0, 0} for the recovery slot.
struct SlotInfo {
  std::uint32_t slot_id = 0;
  SlotKind kind = SlotKind::user_passphrase;
  std::string user_id;
  KdfCost cost;
  // 32 hex digits: BLAKE2b-128 of the slot as the file holds it (id, kind,
  // user, cost, salt, nonce, wrapped key). Public; it changes with every
  // rewrap, so the audit log can say which slot an event made.
  std::string fingerprint;
};

// Failed sign-ins of one user since their last success (rate limiting).
struct AttemptRecord {
  std::uint32_t failures = 0;
  std::int64_t last_failure_unix = 0;  // seconds since the epoch; 0 if none
};

class KeyslotFile {
 public:
  // --- creating, loading, saving ---------------------------------------------

  // An empty file (no slot yet) bound to vault_key (32 bytes, e.g. new_vault_key()).
  // demo: the demo vault flag, authenticated in every slot.
  [[nodiscard]] static Result<KeyslotFile> create(const SecureBuffer& vault_key, bool demo);
  // Strict structural check (docs/keyslots.md, "Parsing"); no key needed, so the
  // file MAC is checked later, by unlock().
  [[nodiscard]] static Result<KeyslotFile> parse(std::span<const std::uint8_t> bytes);
  // read_small_file(path, kMaxKeyslotsFileBytes), then parse(). file.missing if absent.
  [[nodiscard]] static Result<KeyslotFile> load(const std::filesystem::path& path);

  std::vector<std::uint8_t> serialise() const;  // the whole file, canonical bytes
  // write_file_atomically(path, serialise(), 0600). Used both after a slot change
  // and for attempts-only updates: the stored MAC is always current.
  [[nodiscard]] Status save(const std::filesystem::path& path) const;

  // --- reading ----------------------------------------------------------------

  bool demo() const { return (flags_ & kFlagDemo) != 0; }
  std::vector<SlotInfo> slots() const;  // in file order (ascending slot id)
  bool has_user(std::string_view user_id) const;
  bool has_recovery() const;
  // The file MAC (public). The vault may keep it in vault.db to notice a
  // rolled-back keyslots file (docs/keyslots.md, "What it does not protect").
  std::span<const std::uint8_t, 32> mac() const { return mac_; }

  // --- opening the vault --------------------------------------------------------

  // Unwraps the user's slot, then checks the file MAC with the recovered key.
  // keyslots.unknown_user, keyslots.wrong_passphrase, keyslots.altered, kdf.*.
  [[nodiscard]] Result<SecureBuffer> unlock(std::string_view user_id,
                                            const SecureBuffer& passphrase) const;
  // keyslots.no_slot, keyslots.wrong_recovery_key, keyslots.altered.
  [[nodiscard]] Result<SecureBuffer> unlock_with_recovery(const SecureBuffer& recovery_key) const;

  // --- changing slots (each checks vault_key against the file MAC first) ---------

  // A new passphrase slot with a fresh slot id, salt and nonce. The caller
  // applies the policy for real vaults (cost.memlimit_kib >= kMinMemlimitKib).
  [[nodiscard]] Status add_user(const SecureBuffer& vault_key, std::string_view user_id,
                                const SecureBuffer& passphrase, KdfCost cost);
  // Adds the recovery slot, or replaces it (new slot id; the old key stops working).
  [[nodiscard]] Status set_recovery(const SecureBuffer& vault_key,
                                    const SecureBuffer& recovery_key);
  // Drops the user's slot and attempts. Refuses the last passphrase slot (keyslots.last_user).
  [[nodiscard]] Status remove_user(const SecureBuffer& vault_key, std::string_view user_id);
  // Rewraps that one slot (same slot id) with a fresh salt and nonce at `cost`.
  [[nodiscard]] Status change_passphrase(const SecureBuffer& vault_key, std::string_view user_id,
                                         const SecureBuffer& new_passphrase, KdfCost cost);

  // --- sign-in attempts (unauthenticated section; no key needed) ---------------

  AttemptRecord attempts(std::string_view user_id) const;  // {0, 0} if none
  // Counts a failure (saturating). Ignored for an id with no slot, so the
  // section stays bounded; "recovery" counts failures of the recovery key.
  void record_failure(std::string_view user_id, std::int64_t now_unix);
  void record_success(std::string_view user_id);  // forgets the user's failures

 private:
  static constexpr std::uint16_t kFlagDemo = 0x0001;

  struct Slot {
    std::uint32_t slot_id = 0;
    SlotKind kind = SlotKind::user_passphrase;
    std::string user_id;
    std::uint8_t alg = 0;
    KdfCost cost;
    std::array<std::uint8_t, 16> salt{};
    std::array<std::uint8_t, 24> nonce{};
    std::array<std::uint8_t, 48> wrapped{};  // sealed vault key and its tag
  };
  struct Attempt {
    std::string user_id;
    AttemptRecord record;
  };

  KeyslotFile() = default;
  std::vector<std::uint8_t> authenticated_bytes() const;
  std::vector<std::uint8_t> slot_context(const Slot& slot) const;  // the slot's associated data
  bool mac_matches(const SecureBuffer& vault_key) const;
  void update_mac(const SecureBuffer& vault_key);
  Status check_vault_key(const SecureBuffer& vault_key) const;
  bool open_slot(const Slot& slot, const SecureBuffer& kek, SecureBuffer& vault_key) const;
  void seal_for_slot(Slot& slot, const SecureBuffer& kek, const SecureBuffer& vault_key) const;
  bool has_user_id(std::string_view user_id) const;  // any slot, recovery included
  const Slot* find_user(std::string_view user_id) const;
  const Slot* find_recovery() const;

  std::uint16_t flags_ = 0;
  std::uint32_t next_slot_id_ = 1;
  std::vector<Slot> slots_;
  std::array<std::uint8_t, 32> mac_{};
  std::vector<Attempt> attempts_;
};

// --- keys ------------------------------------------------------------------------

SecureBuffer new_vault_key();     // 32 bytes from the CSPRNG
SecureBuffer new_recovery_key();  // 32 bytes from the CSPRNG

// --- recovery key on paper ---------------------------------------------------------
//
// 52 Crockford base32 characters for the 256 key bits (the last character
// carries 1 bit and four zero bits), then 4 check characters (20 bits of
// BLAKE2b-256 over "shogo recovery key check v1" || key): 56 characters in 14
// groups of 4 joined by '-', e.g. "7K2M-…-Q9XD" (69 characters).

// The printable text, ASCII, no terminating NUL, in guarded memory.
SecureBuffer format_recovery_key(const SecureBuffer& recovery_key);
// Accepts lower case, spaces, tabs, newlines and hyphens anywhere, I/L as 1 and
// O as 0. keyslots.recovery_format (wrong number of characters or a character
// that is not in the alphabet), keyslots.recovery_typo (the check fails).
[[nodiscard]] Result<SecureBuffer> parse_recovery_key(const SecureBuffer& text);

// --- sign-in delay policy (pure) -----------------------------------------------------

// Seconds to wait before the next try after `failures` consecutive failures:
// 0 for up to 3 failures, then 2^(failures-3) s (2, 4, 8, …), at most 300 s.
double sign_in_delay_seconds(std::uint32_t failures);
// Seconds left before the next try; 0 if it may be tried now. If the clock
// reads earlier than the last failure, the whole delay is still to wait.
double seconds_until_next_try(const AttemptRecord& record, std::int64_t now_unix);

}  // namespace shogo::crypto
