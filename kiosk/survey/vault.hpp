#pragma once
// Vault — the appliance's encrypted store and who may open it (design.md,
// "Data" and "Keys").
//
// Index
//   - Layout:   <dir>/keyslots, <dir>/vault.db, <dir>/surveys/<id>.db; <dir> is
//               0700 and nothing else is ever written there.
//   - Locked:   open() reads keyslots only: the names that may sign in, the
//               demo flag, failed attempts. Nothing personal is readable.
//   - Unlock:   unlock() waits out the rate limit, unwraps the vault key with
//               the user's passphrase (Argon2id, ~0.7 s), opens vault.db and
//               returns the user's role. While open, unlock() of another user
//               only checks that their slot opens the same key.
//   - close():  the vault key and every open database leave memory.
//   - Parts:    vault.users(), the user register (user_register.hpp), and
//               vault.surveys(), the survey files (survey_files.hpp), work on
//               the open vault; the Vault owns one of each.
//   - Change:   change() commits one change with its audit event, or neither;
//               the survey workflow, the settings and the survey files go
//               through it; the user register keeps the same pattern, with
//               keyslots saved just before the commit.
//   - Settings: the kiosk's idle lock and end of day, kept in vault.db.
//   - Events:   every sign-in success and failure, unlock, close and change is
//               an audit event (docs/audit-log.md) appended to vault.db's
//               chain — a change and its event in one transaction; failures
//               seen while locked are appended at the next unlock. An unlock
//               can hold its own events pending the same way, for a reader
//               that must see the log as it was (audit verify). The event
//               hook sees each event at once (tests).
//
// Every method that can fail returns Status/Result with a plain message.
// Secrets (passphrases, keys) are crypto::SecureBuffer only.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "crypto/audit_chain.hpp"
#include "crypto/kdf.hpp"
#include "crypto/keyslots.hpp"
#include "crypto/secure_buffer.hpp"
#include "kiosk/survey/audit_actions.hpp"
#include "kiosk/survey/domain.hpp"
#include "kiosk/survey/survey_files.hpp"
#include "kiosk/survey/user_register.hpp"
#include "kiosk/survey/vault_state.hpp"
#include "storage/base/result.hpp"
#include "storage/database.hpp"

namespace shogo::survey {

inline constexpr int kTextSizes[] = {100, 115, 130};  // 標準, 大きい, 特大

inline constexpr const char* kDefaultVaultDir = "/var/lib/shogo";

struct VaultPaths {
  std::filesystem::path dir;
  std::filesystem::path keyslots() const { return dir / "keyslots"; }
  std::filesystem::path database() const { return dir / "vault.db"; }
  std::filesystem::path surveys() const { return dir / "surveys"; }
  std::filesystem::path survey(const std::string& id) const { return surveys() / (id + ".db"); }
};

// The directory exists, is ours and is 0700 (no group or other bits), and so
// is surveys/. Errors: vault.missing, vault.not_directory, vault.owner,
// vault.permissions.
[[nodiscard]] Status check_vault_directory(const std::filesystem::path& dir);

// What happened, for the audit log (issue: the appliance audits its own use).
// Never personal data: ids, actions and outcomes only.
struct VaultEvent {
  std::int64_t at_unix = 0;
  std::string actor;    // user id, or "system"
  std::string action;   // "sign_in", "unlock", "close", "user_add", …
  std::string object;   // e.g. the user id changed
  std::string outcome;  // "ok", or an error code
};

struct CreatedVault {
  crypto::SecureBuffer recovery_key_text;  // shown once, for the supervisor's envelope
  crypto::SecureBuffer audit_seed_hex;     // k0 of the audit log, 64 hex digits: the same envelope
};

struct SignInResult {
  VaultUser user;
  bool opened_vault = false;  // this sign-in unwrapped the key and opened vault.db
};

class Vault {
 public:
  using EventHook = std::function<void(const VaultEvent&)>;
  using Clock = std::function<std::int64_t()>;  // unix seconds; tests pass a fake

  // Makes a new vault in `dir` (created 0700 if missing; must not hold a vault
  // yet): a random vault key, one slot per user and a recovery slot, vault.db
  // with the current schema and the users. At least one manager. Every time
  // written (users.created_at, the vault_create event) comes from `clock`.
  [[nodiscard]] static Result<CreatedVault> create(const std::filesystem::path& dir,
                                                   const std::vector<NewUser>& users,
                                                   crypto::KdfCost cost, bool demo,
                                                   Clock clock = {});  // {}: the system clock

  // The locked vault: checks the directory and reads keyslots.
  [[nodiscard]] static Result<std::unique_ptr<Vault>> open(const std::filesystem::path& dir,
                                                           Clock clock = {});
  ~Vault();
  Vault(const Vault&) = delete;
  Vault& operator=(const Vault&) = delete;

  void set_event_hook(EventHook hook) { hook_ = std::move(hook); }
  const VaultPaths& paths() const { return paths_; }
  bool demo() const { return keyslots_.demo(); }
  std::vector<std::string> sign_in_names() const;  // users with a slot, file order

  // Seconds before `user_id` may try again (0: now). Grows with failures and
  // survives restarts (kept in keyslots).
  double seconds_until_next_try(const std::string& user_id) const;

  // Checks the passphrase. Errors: vault.wait (rate limit), keyslots.wrong_passphrase,
  // keyslots.unknown_user, vault.disabled, and those of opening vault.db.
  // UnlockEvents::hold keeps this sign-in's events (unlock, sign_in) pending,
  // as failures seen while locked are, until the next event or
  // append_pending_events(), so that vault.db is read as it was before this
  // process wrote to it (`shogo-admin audit verify`). close() writes them.
  enum class UnlockEvents { append, hold };
  [[nodiscard]] Result<SignInResult> unlock(const std::string& user_id,
                                            const crypto::SecureBuffer& passphrase,
                                            UnlockEvents events = UnlockEvents::append);
  // Opens with the paper recovery key (text as printed). Needs no user.
  [[nodiscard]] Status unlock_with_recovery(const crypto::SecureBuffer& recovery_key_text);

  bool is_open() const { return db_.has_value(); }

  // The replay (docs/audit-log.md, "Replay"): every unlock that opens vault.db
  // replays the chain and compares the state it says with the tables and the
  // key slots. StateCheck::refuse (the default, the kiosk): a vault that
  // differs is not opened (vault.state_mismatch, with an unlock event saying
  // so). StateCheck::report (doctor, audit verify): it opens, and
  // state_faults() lists every difference.
  enum class StateCheck { refuse, report };
  void set_state_check(StateCheck check) { state_check_ = check; }
  const std::vector<StateFault>& state_faults() const { return state_faults_; }
  // The replay again, now (open vault only): the faults, or why it could not run.
  [[nodiscard]] Result<std::vector<StateFault>> check_state();
  // An event of the kiosk or shogo-admin that changes nothing in the vault
  // (a view of personal data, a lock, a setting, a verification). While
  // locked it is kept and appended at the next unlock. Open, an event that
  // cannot be committed is dropped and audit.unavailable returned: the
  // caller does not do what it would record.
  [[nodiscard]] Status record(const std::string& actor, AuditAction action,
                              const std::string& objects, const std::string& outcome = "ok");
  // An event of what has happened and is not undone (a lock, a sign-out):
  // when it cannot be committed now it waits for the next event or unlock.
  void record_done(const std::string& actor, AuditAction action, const std::string& objects) {
    (void)emit(actor, action, objects, "ok");
  }
  // Appends the events kept pending (a held unlock's, failures seen while
  // locked), in the order they happened. Open vault only (vault.locked).
  [[nodiscard]] Status append_pending_events();
  void close(const std::string& actor, const std::string& reason);  // wipes keys, closes db

  // The user register and the survey files; they refuse to work while locked.
  UserRegister& users() { return users_; }
  const UserRegister& users() const { return users_; }
  SurveyFiles& surveys() { return surveys_; }

  // One change and its audit event in one transaction: `change` runs on
  // vault.db — with surveys/<survey_id>.db attached as "survey" (migrated
  // first) when survey_id is not empty — and returns the event's detail; the
  // event is appended and everything commits together, or nothing does.
  // Open vault only. The survey workflow (designation, import), the kiosk's
  // settings and the survey files go through it.
  using Change = std::function<Result<std::string>(storage::Database&)>;
  struct AuditedChange {
    AuditAction action;     // e.g. designate, sheet_import
    std::string objects;    // AuditObjects, e.g. "survey=demo-2026-1"
    std::string survey_id;  // attach this survey's file; empty: vault.db only
  };
  [[nodiscard]] Status change(const std::string& actor, const AuditedChange& what,
                              const Change& change);

  // The vault's clock (unix seconds): every time written to vault.db or a
  // survey file comes from it, never from SQL's 'now'; tests pass a fake.
  std::int64_t now() const { return clock_(); }

  int idle_lock_seconds() const { return idle_lock_seconds_; }
  // The kiosk's settings in vault.db: idle lock 60–3600 s, end of day "HH:MM"
  // (P6.4.c). A manager; one change audited as setting_change with both
  // values. Errors: settings.not_manager, settings.bad_value.
  [[nodiscard]] Status change_settings(const std::string& actor, int idle_lock_seconds,
                                       const std::string& end_of_day);
  std::string end_of_day() const { return end_of_day_; }  // "HH:MM"
  // Each user's text size in percent (kTextSizes; 100 unless set). Any
  // active user sets their own, audited as setting_change with the value.
  // Errors: settings.bad_value, vault.unknown_user.
  [[nodiscard]] Result<int> text_size(const std::string& user_id);
  [[nodiscard]] Status set_text_size(const std::string& actor, int percent);
  storage::Database& database();  // asserts is_open()
  // For `shogo-admin demo --print-keys` only: refused unless demo().
  [[nodiscard]] Result<crypto::SecureBuffer> demo_vault_key_hex() const;

 private:
  friend class UserRegister;  // rewraps slots with key_, in its own transactions

  Vault(VaultPaths paths, crypto::KeyslotFile keyslots, Clock clock);
  // Opens vault.db with the key, loads users and settings, writes a staged
  // keyslots file (roll_forward_keyslots) and replays the chain
  // (check_state_at_unlock). Any error leaves the vault closed.
  [[nodiscard]] Status open_database(crypto::SecureBuffer key, const std::string& actor);
  // The replay at unlock. An error (vault.state_mismatch, or one of reading)
  // leaves the vault closed, with the reason in the log.
  [[nodiscard]] Status check_state_at_unlock(const std::string& actor);
  // The state as vault.db and `slots` hold it now (open vault only).
  [[nodiscard]] Result<VaultState> current_state(const crypto::KeyslotFile& slots);
  [[nodiscard]] Status load_settings();
  [[nodiscard]] Status save_keyslots();
  // A change of key slots (the user register): stage_keyslots() puts the new
  // file into keyslots_pending inside the change's transaction; once it has
  // committed, finish_keyslots() writes the file and clears the row. An
  // unlock that finds a row left by a crash in between writes the file from
  // it first (roll_forward_keyslots), so the file and the log never part.
  [[nodiscard]] Status stage_keyslots(const crypto::KeyslotFile& updated);
  // Inside a slot change's transaction, after its rows changed: the event,
  // carrying every row and slot that differs from `before` (the slots as
  // `updated` holds them), and `updated` staged with it. audit.unavailable
  // when the event cannot be written (the caller rolls back).
  [[nodiscard]] Status record_slot_change(const std::string& actor, AuditAction action,
                                          const std::string& objects, const VaultState& before,
                                          const crypto::KeyslotFile& updated);
  [[nodiscard]] Status finish_keyslots(crypto::KeyslotFile updated);
  [[nodiscard]] Status roll_forward_keyslots();
  // Wrong passphrases as keyslots counts them (they survive the process that
  // saw them); appended at unlock where the log does not hold them yet.
  struct CountedFailures {
    std::string user_id;
    crypto::AttemptRecord record;
  };
  std::vector<CountedFailures> counted_failures() const;
  void record_counted_failures(const std::vector<CountedFailures>& counted);
  // audit.unavailable: what an action returns when its event cannot be committed.
  static Error audit_unavailable();
  void forget_keys();  // closes vault.db and wipes the key, with no event
  // For a change whose transaction appends events: unless kept(), the events
  // pending when it began are pending again at its end (a failed transaction
  // rolled back those it appended) and its own are dropped (it did not happen).
  class PendingScope {
   public:
    explicit PendingScope(Vault& vault) : vault_(vault), waiting_(vault.pending_events_) {}
    ~PendingScope() {
      if (!kept_) vault_.pending_events_ = std::move(waiting_);
    }
    PendingScope(const PendingScope&) = delete;
    PendingScope& operator=(const PendingScope&) = delete;
    void keep() { kept_ = true; }

   private:
    Vault& vault_;
    std::vector<crypto::audit::EventFields> waiting_;
    bool kept_ = false;
  };
  // Appends one audit event (and any pending ones). Inside a caller's
  // transaction its failure must abort the change (within a PendingScope);
  // outside, a failed append keeps the events pending for the next try.
  [[nodiscard]] Status emit(const std::string& actor, AuditAction action,
                            const std::string& objects, const std::string& outcome,
                            const std::string& detail = {});

  VaultPaths paths_;
  crypto::KeyslotFile keyslots_;
  Clock clock_;
  EventHook hook_;
  crypto::SecureBuffer key_;  // empty while locked
  std::optional<storage::Database> db_;
  std::vector<crypto::audit::EventFields> pending_events_;  // seen while locked, or held
  bool holding_events_ = false;  // inside unlock(…, UnlockEvents::hold)
  StateCheck state_check_ = StateCheck::refuse;
  std::vector<StateFault> state_faults_;  // of the last check
  int idle_lock_seconds_ = 300;
  std::string end_of_day_ = "18:00";
  UserRegister users_{*this};  // empty while locked
  SurveyFiles surveys_{*this};
};

}  // namespace shogo::survey
