#include "kiosk/survey/vault.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <optional>
#include <system_error>
#include <utility>

#include "kiosk/survey/audit_log.hpp"
#include "storage/migrations.hpp"
#include "storage/vault_schema.hpp"

namespace shogo::survey {

namespace fs = std::filesystem;

namespace {

std::int64_t system_now() { return static_cast<std::int64_t>(std::time(nullptr)); }

Status check_private_dir(const fs::path& dir, bool must_exist) {
  struct stat st {};
  if (::lstat(dir.c_str(), &st) != 0) {
    if (!must_exist) return ok_status();
    return Error{"vault.missing", N_("The vault folder does not exist.")};
  }
  if (!S_ISDIR(st.st_mode)) {
    return Error{"vault.not_directory", N_("The vault path is not a folder.")};
  }
  if (st.st_uid != ::geteuid()) {
    return Error{"vault.owner", N_("The vault folder belongs to another account.")};
  }
  if ((st.st_mode & 077) != 0) {
    return Error{"vault.permissions",
                 N_("The vault folder can be read by other accounts (it must be 0700).")};
  }
  return ok_status();
}

Status make_private_dir(const fs::path& dir) {
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
    return Error{"vault.create", N_("The vault folder could not be created.")};
  }
  if (::chmod(dir.c_str(), 0700) != 0) {
    return Error{"vault.create", N_("The vault folder could not be made private.")};
  }
  return ok_status();
}

std::string user_object(const std::string& id) { return AuditObjects().add("user", id); }

std::int64_t wall_millis_part() {
  timespec t{};
  clock_gettime(CLOCK_REALTIME, &t);
  return t.tv_nsec / 1000000;
}

std::int64_t boot_millis() {
  timespec t{};
  clock_gettime(CLOCK_BOOTTIME, &t);
  return static_cast<std::int64_t>(t.tv_sec) * 1000 + t.tv_nsec / 1000000;
}

crypto::SecureBuffer to_hex(const crypto::SecureBuffer& key) {
  crypto::SecureBuffer hex(key.size() * 2 + 1);
  sodium_bin2hex(reinterpret_cast<char*>(hex.data()), hex.size(), key.data(), key.size());
  return hex;
}

}  // namespace

Status check_vault_directory(const fs::path& dir) {
  if (auto s = check_private_dir(dir, true); !s) return s;
  return check_private_dir(VaultPaths{dir}.surveys(), false);
}

Vault::Vault(VaultPaths paths, crypto::KeyslotFile keyslots, Clock clock)
    : paths_(std::move(paths)), keyslots_(std::move(keyslots)), clock_(std::move(clock)) {
  if (!clock_) clock_ = system_now;
}

Vault::~Vault() {
  if (is_open()) close("system", "shutdown");
}

Result<CreatedVault> Vault::create(const fs::path& dir, const std::vector<NewUser>& users,
                                   crypto::KdfCost cost, bool demo, Clock clock) {
  if (!clock) clock = system_now;
  const bool has_manager = std::any_of(users.begin(), users.end(),
                                       [](const NewUser& u) { return u.role == Role::manager; });
  if (!has_manager) return Error{"vault.no_manager", N_("A vault needs at least one manager.")};
  const VaultPaths paths{dir};
  if (auto s = make_private_dir(dir); !s) return s.error();
  if (auto s = check_vault_directory(dir); !s) return s.error();
  std::error_code ec;
  if (fs::exists(paths.keyslots(), ec) || fs::exists(paths.database(), ec)) {
    return Error{"vault.exists", N_("This folder already holds a vault; nothing was changed.")};
  }
  if (auto s = make_private_dir(paths.surveys()); !s) return s.error();

  const auto key = crypto::SecureBuffer::random(crypto::kVaultKeyBytes);
  auto slots = crypto::KeyslotFile::create(key, demo);
  if (!slots) return slots.error();
  for (const NewUser& u : users) {
    assert(u.passphrase != nullptr && "Vault::create: every new user needs a passphrase");
    if (auto s = slots->add_user(key, u.id, *u.passphrase, cost); !s) return s.error();
  }
  const auto recovery = crypto::new_recovery_key();
  const auto audit_seed = crypto::SecureBuffer::random(crypto::audit::kSeedBytes);
  if (auto s = slots->set_recovery(key, recovery); !s) return s.error();

  // vault.db first: if it fails, no keyslots file claims a vault exists.
  auto db = storage::Database::open(paths.database(), key, storage::OpenMode::create_new);
  if (!db) return db.error();
  if (auto s = storage::migrate(*db, storage::vault_migrations()); !s) return s.error();
  {
    auto tx = storage::Transaction::begin(*db);
    if (!tx) return tx.error();
    auto st = storage::Statement::prepare(
        *db, "INSERT INTO users(id, display_name, role, disabled, created_at) VALUES(?,?,?,0,?)");
    if (!st) return st.error();
    for (const NewUser& u : users) {
      if (auto s = st->bind_text(1, u.id); !s) return s.error();
      if (auto s = st->bind_text(2, u.id); !s) return s.error();
      if (auto s = st->bind_text(3, role_id(u.role)); !s) return s.error();
      if (auto s = st->bind_int64(4, clock()); !s) return s.error();
      if (auto r = st->step(); !r) return r.error();
      if (auto s = st->reset(); !s) return s.error();
    }
    // The audit log starts with the vault (docs/audit-log.md): k0 is printed
    // once with the recovery key; the chain keeps only the evolved key.
    if (auto s = begin_audit_chain(*db, audit_seed); !s) return s.error();
    crypto::audit::EventFields made;
    made.at_utc_ms = clock() * 1000 + wall_millis_part();
    made.monotonic_ms = boot_millis();
    made.actor = "system";
    made.role = "system";
    made.action = std::string(audit_action_id(AuditAction::vault_create));
    made.objects = demo ? "demo=yes" : "";
    made.outcome = "ok";
    // Its detail carries the first state: users, slots, settings (the replay).
    auto first = read_vault_state(*db, *slots);
    if (!first) return first.error();
    made.detail = with_state("users=" + std::to_string(users.size()), state_delta({}, *first));
    if (auto e = append_audit_event(*db, made); !e) return e.error();
    if (auto s = tx->commit(); !s) return s.error();
  }
  db->close();
  if (auto s = slots->save(paths.keyslots()); !s) {
    std::filesystem::remove(paths.database(), ec);  // nothing else refers to it yet
    return s.error();
  }
  return CreatedVault{crypto::format_recovery_key(recovery), to_hex(audit_seed)};
}

Result<std::unique_ptr<Vault>> Vault::open(const fs::path& dir, Clock clock) {
  if (auto s = check_vault_directory(dir); !s) return s.error();
  const VaultPaths paths{dir};
  auto slots = crypto::KeyslotFile::load(paths.keyslots());
  if (!slots) return slots.error();
  return std::unique_ptr<Vault>(new Vault(paths, std::move(slots.value()), std::move(clock)));
}

std::vector<std::string> Vault::sign_in_names() const {
  std::vector<std::string> names;
  for (const auto& slot : keyslots_.slots()) {
    if (slot.kind == crypto::SlotKind::user_passphrase) names.push_back(slot.user_id);
  }
  return names;
}

double Vault::seconds_until_next_try(const std::string& user_id) const {
  return crypto::seconds_until_next_try(keyslots_.attempts(user_id), clock_());
}

Status Vault::emit(const std::string& actor, AuditAction action, const std::string& objects,
                   const std::string& outcome, const std::string& detail) {
  crypto::audit::EventFields fields;
  fields.at_utc_ms = clock_() * 1000 + wall_millis_part();
  fields.monotonic_ms = boot_millis();
  fields.actor = actor;
  const VaultUser* user = users_.find(actor);
  // While locked the roles are unknown (they live in vault.db): "unknown".
  fields.role = user != nullptr     ? std::string(role_id(user->role))
                : actor == "system" ? "system"
                                    : "unknown";
  fields.action = std::string(audit_action_id(action));
  fields.objects = objects;
  fields.outcome = outcome;
  fields.detail = detail;
  if (hook_) hook_(VaultEvent{clock_(), actor, fields.action, objects, outcome});
  pending_events_.push_back(std::move(fields));
  if (!is_open() || holding_events_) return ok_status();
  return append_pending_events();
}

Status Vault::append_pending_events() {
  if (!is_open()) return Error{"vault.locked", N_("The vault is locked.")};
  for (std::size_t i = 0; i < pending_events_.size(); ++i) {
    if (auto e = append_audit_event(*db_, pending_events_[i]); !e) {
      pending_events_.erase(pending_events_.begin(),
                            pending_events_.begin() + static_cast<std::ptrdiff_t>(i));
      return e.error();
    }
  }
  pending_events_.clear();
  return ok_status();
}

namespace {

// "failures=N;last=T": a wrong passphrase's event says the count it made.
std::string failures_detail(const crypto::AttemptRecord& r) {
  return "failures=" + std::to_string(r.failures) + ";last=" + std::to_string(r.last_failure_unix);
}

// The count and time a failure event's detail names; {0, 0} if none.
crypto::AttemptRecord parse_failures_detail(const std::string& detail) {
  crypto::AttemptRecord r;
  const auto f = detail.find("failures="), l = detail.find("last=");
  if (f != std::string::npos)
    r.failures = static_cast<std::uint32_t>(std::atoll(detail.c_str() + f + 9));
  if (l != std::string::npos) r.last_failure_unix = std::atoll(detail.c_str() + l + 5);
  return r;
}

}  // namespace

std::vector<Vault::CountedFailures> Vault::counted_failures() const {
  std::vector<CountedFailures> out;
  for (const auto& slot : keyslots_.slots()) {
    const crypto::AttemptRecord r = keyslots_.attempts(slot.user_id);
    if (r.failures > 0) out.push_back({slot.user_id, r});
  }
  return out;
}

void Vault::record_counted_failures(const std::vector<CountedFailures>& counted) {
  if (counted.empty() || !is_open()) return;
  auto events = load_audit_events(*db_);
  if (!events) return;  // the next unlock tries again
  for (const CountedFailures& c : counted) {
    // The last the log says of this user's failures: a failure event's count,
    // or 0 after a good sign-in (the count starts again). Events held in
    // memory come after those in vault.db.
    const std::string object = user_object(c.user_id);
    std::optional<crypto::AttemptRecord> logged;
    auto consider = [&](const std::string& action, const std::string& objects,
                        const std::string& outcome, const std::string& detail) {
      if (action != "sign_in" || objects != object) return;
      if (outcome == "ok") logged = crypto::AttemptRecord{};
      if (outcome == "keyslots.wrong_passphrase") logged = parse_failures_detail(detail);
    };
    for (const auto& e : *events) consider(e.action, e.objects, e.outcome, e.detail);
    for (const auto& e : pending_events_) consider(e.action, e.objects, e.outcome, e.detail);
    const crypto::AttemptRecord before = logged.value_or(crypto::AttemptRecord{});
    if (c.record.failures > before.failures ||
        c.record.last_failure_unix > before.last_failure_unix) {
      (void)emit(c.user_id, AuditAction::sign_in, object, "keyslots.wrong_passphrase",
                 failures_detail(c.record) + ";counted_in=keyslots");
    }
  }
}

Error Vault::audit_unavailable() {
  return Error{"audit.unavailable",
               N_("The audit log cannot record this, so it was not done. Ask the system "
                  "division to check Shogo.")};
}

Status Vault::record(const std::string& actor, AuditAction action, const std::string& objects,
                     const std::string& outcome) {
  if (emit(actor, action, objects, outcome)) return ok_status();
  // Not recorded, so it does not happen (a view is not drawn): its event goes,
  // and what waited before it still waits.
  pending_events_.pop_back();
  return audit_unavailable();
}

Status Vault::change(const std::string& actor, const AuditedChange& what, const Change& change) {
  if (!is_open()) return Error{"vault.locked", N_("The vault is locked.")};
  const bool attach = !what.survey_id.empty();
  if (attach) {
    if (auto s = surveys_.attach(what.survey_id); !s) return s;
  }
  auto run = [&]() -> Status {
    auto tx = storage::Transaction::begin(*db_);
    if (!tx) return tx.error();
    auto before = current_state(keyslots_);
    if (!before) return before.error();
    auto detail = change(*db_);
    if (!detail) return detail.error();
    // The event carries the complete new values of every row the change made,
    // changed or removed (the replay, docs/audit-log.md).
    auto after = current_state(keyslots_);
    if (!after) return after.error();
    if (!emit(actor, what.action, what.objects, "ok",
              with_state(std::move(*detail), state_delta(*before, *after)))) {
      return audit_unavailable();
    }
    return tx->commit();
  };
  // A change that fails is rolled back with every event its transaction
  // appended: its own is dropped, those that waited before it wait again.
  PendingScope scope(*this);
  Status result = run();
  if (result) scope.keep();
  if (attach) {
    if (auto s = surveys_.detach(); !s && result) result = s;
  }
  return result;
}

Status Vault::save_keyslots() { return keyslots_.save(paths_.keyslots()); }

Status Vault::stage_keyslots(const crypto::KeyslotFile& updated) {
  auto st = storage::Statement::prepare(
      *db_, "INSERT OR REPLACE INTO keyslots_pending(id, file) VALUES(1, ?)");
  if (!st) return st.error();
  const auto bytes = updated.serialise();
  if (auto b = st->bind_blob(1, bytes); !b) return b;
  if (auto r = st->step(); !r) return r.error();
  return ok_status();
}

Status Vault::record_slot_change(const std::string& actor, AuditAction action,
                                 const std::string& objects, const VaultState& before,
                                 const crypto::KeyslotFile& updated) {
  auto after = current_state(updated);
  if (!after) return after.error();
  if (!emit(actor, action, objects, "ok", with_state("", state_delta(before, *after)))) {
    return audit_unavailable();
  }
  return stage_keyslots(updated);
}

Status Vault::finish_keyslots(crypto::KeyslotFile updated) {
  keyslots_ = std::move(updated);
  if (auto s = save_keyslots(); !s) {
    return Error{"vault.keyslots_later",
                 N_("The change was made, but the key file could not be written yet. It is "
                    "written at the next sign-in.")};
  }
  // The row goes once the file holds it; if this fails the next unlock
  // writes the same file again.
  (void)database().exec("DELETE FROM keyslots_pending;");
  return ok_status();
}

Status Vault::roll_forward_keyslots() {
  auto st = storage::Statement::prepare(*db_, "SELECT file FROM keyslots_pending WHERE id = 1");
  if (!st) return st.error();
  auto row = st->step();
  if (!row) return row.error();
  if (!*row) return ok_status();
  const auto bytes = st->column_blob(0);
  auto staged = crypto::KeyslotFile::parse(bytes);
  if (!staged) return staged.error();
  keyslots_ = std::move(*staged);
  if (auto s = save_keyslots(); !s) return s;
  return database().exec("DELETE FROM keyslots_pending;");
}

Result<SignInResult> Vault::unlock(const std::string& user_id,
                                   const crypto::SecureBuffer& passphrase, UnlockEvents events) {
  holding_events_ = events == UnlockEvents::hold;
  // On every return, holding stops: later events are written as usual.
  struct StopHolding {  // NOLINT(cppcoreguidelines-special-member-functions): a local scope guard
    bool& holding;
    ~StopHolding() { holding = false; }
  } stop_holding{holding_events_};
  // One check at a time, across processes: the attempts counter is read from
  // keyslots, checked and written back under an exclusive lock on the vault
  // folder (flock, released when the descriptor closes at return). Without
  // it, parallel guesses each read the same counter and all were checked.
  struct FolderLock {  // NOLINT(cppcoreguidelines-special-member-functions): a local scope guard
    int fd;
    ~FolderLock() {
      if (fd >= 0) ::close(fd);
    }
  } folder{::open(paths_.dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
  if (folder.fd < 0 || ::flock(folder.fd, LOCK_EX) != 0) {
    return Error{"vault.lock_failed", N_("The vault folder could not be locked for the sign-in. "
                                         "Ask the system division to check Shogo.")};
  }
  if (auto fresh = crypto::KeyslotFile::load(paths_.keyslots()); !fresh) {
    return fresh.error();
  } else {
    keyslots_ = std::move(*fresh);  // what other processes wrote since this one opened it
  }
  if (!keyslots_.has_user(user_id)) {
    return Error{"keyslots.unknown_user", N_("This user cannot sign in on this appliance.")};
  }
  // Every user's failures as keyslots counts them, before this sign-in's
  // success resets its own: those the log does not hold yet are appended once
  // the vault is open (a process that exited before it could write them).
  const std::vector<CountedFailures> counted = counted_failures();
  if (seconds_until_next_try(user_id) > 0) {
    (void)emit(user_id, AuditAction::sign_in, user_object(user_id), "vault.wait");
    return Error{"vault.wait", N_("Too many wrong passphrases. Please wait before trying again.")};
  }
  auto key = keyslots_.unlock(user_id, passphrase);
  if (!key) {
    std::string detail;
    if (key.error().code == "keyslots.wrong_passphrase") {
      keyslots_.record_failure(user_id, clock_());
      if (auto s = save_keyslots(); !s) return s.error();
      detail = failures_detail(keyslots_.attempts(user_id));
    }
    (void)emit(user_id, AuditAction::sign_in, user_object(user_id), key.error().code, detail);
    return key.error();
  }
  if (keyslots_.attempts(user_id).failures > 0) {
    keyslots_.record_success(user_id);
    if (auto s = save_keyslots(); !s) return s.error();
  }
  SignInResult result;
  if (!is_open()) {
    if (auto s = open_database(std::move(key.value()), user_id); !s) return s.error();
    result.opened_vault = true;
    if (!emit(user_id, AuditAction::unlock, "", "ok")) {
      // An unlock the log cannot record does not happen: the vault closes
      // again without a close event, and the refusal waits (locked).
      pending_events_.pop_back();
      forget_keys();
      (void)emit(user_id, AuditAction::sign_in, user_object(user_id), "audit.unavailable");
      return audit_unavailable();
    }
    record_counted_failures(counted);
  } else if (!key->equals(key_)) {
    // A slot that opens a different key belongs to another vault's file.
    return Error{"keyslots.altered", N_("The key file has been altered.")};
  }
  const VaultUser* user = users_.find(user_id);
  if (user == nullptr || user->disabled) {
    (void)emit(user_id, AuditAction::sign_in, user_object(user_id), "vault.disabled");
    if (result.opened_vault) close("system", "disabled user");
    return Error{"vault.disabled", N_("This user is disabled.")};
  }
  // users.last_sign_in_at and the sign_in event commit together; a sign-in
  // that cannot be recorded does not happen.
  std::optional<PendingScope> scope(std::in_place, *this);
  auto signed_in = [&]() -> Status {
    auto tx = storage::Transaction::begin(*db_);
    if (!tx) return tx.error();
    auto st =
        storage::Statement::prepare(*db_, "UPDATE users SET last_sign_in_at = ? WHERE id = ?");
    if (!st) return st.error();
    Status b = st->bind_int64(1, clock_());
    if (b) b = st->bind_text(2, user_id);
    if (!b) return b;
    if (auto r = st->step(); !r) return r.error();
    if (!emit(user_id, AuditAction::sign_in, user_object(user_id), "ok")) {
      return audit_unavailable();
    }
    return tx->commit();
  }();
  if (signed_in) scope->keep();
  scope.reset();  // a failed sign-in's events rolled back with its transaction
  if (!signed_in) {
    (void)emit(user_id, AuditAction::sign_in, user_object(user_id), "audit.unavailable");
    if (result.opened_vault) close("system", "sign-in not recorded");
    return audit_unavailable();
  }
  result.user = *user;
  return result;
}

Status Vault::unlock_with_recovery(const crypto::SecureBuffer& recovery_key_text) {
  auto recovery = crypto::parse_recovery_key(recovery_key_text);
  if (!recovery) return recovery.error();
  auto key = keyslots_.unlock_with_recovery(*recovery);
  if (!key) {
    (void)emit("recovery", AuditAction::unlock, "", key.error().code);
    return key.error();
  }
  const bool opened = !is_open();
  if (opened) {
    if (auto s = open_database(std::move(key.value()), "recovery"); !s) return s;
  }
  if (!emit("recovery", AuditAction::unlock, "", "ok")) {
    pending_events_.pop_back();  // not recorded: not done
    if (opened) forget_keys();
    return audit_unavailable();
  }
  return ok_status();
}

Status Vault::open_database(crypto::SecureBuffer key, const std::string& actor) {
  auto db = storage::Database::open(paths_.database(), key, storage::OpenMode::open_existing);
  if (!db) return db.error();
  if (auto s = storage::migrate(*db, storage::vault_migrations()); !s) return s;
  key_ = std::move(key);
  db_.emplace(std::move(db.value()));
  Status loaded = users_.load();
  if (loaded) loaded = load_settings();
  // A slot change a crash left staged is written first: the replay then
  // compares the key file as its last change made it.
  if (loaded) loaded = roll_forward_keyslots();
  if (!loaded) {
    forget_keys();
    return loaded;
  }
  return check_state_at_unlock(actor);
}

Result<VaultState> Vault::current_state(const crypto::KeyslotFile& slots) {
  if (!is_open()) return Error{"vault.locked", N_("The vault is locked.")};
  return read_vault_state(*db_, slots);
}

Result<std::vector<StateFault>> Vault::check_state() {
  if (!is_open()) return Error{"vault.locked", N_("The vault is locked.")};
  // One snapshot: a kiosk writing meanwhile cannot come between the reads.
  auto tx = storage::Transaction::begin(*db_);
  if (!tx) return tx.error();
  auto events = load_audit_events(*db_);
  if (!events) return events.error();
  auto actual = current_state(keyslots_);
  if (!actual) return actual.error();
  if (auto s = tx->commit(); !s) return s.error();
  return compare_state(replay_state(*events), *actual);
}

Status Vault::check_state_at_unlock(const std::string& actor) {
  auto faults = check_state();
  Status refused = ok_status();
  if (!faults) {
    refused = faults.error();
  } else {
    state_faults_ = std::move(*faults);
    if (state_faults_.empty() || state_check_ == StateCheck::report) return ok_status();
    refused = Error{"vault.state_mismatch",
                    N_("The vault's records do not match its audit log, so Shogo did not open "
                       "it. Ask the system division to run shogo-admin doctor.")};
  }
  // Not opened: the refusal is recorded (when the log can take it), then the
  // keys leave memory.
  (void)emit(actor, AuditAction::unlock, "", refused.error().code,
             "faults=" + std::to_string(state_faults_.size()));
  forget_keys();
  return refused;
}

Status Vault::load_settings() {
  auto setting = [&](const char* name, std::string& out) -> Status {
    auto q = storage::Statement::prepare(*db_, "SELECT value FROM settings WHERE key = ?");
    if (!q) return q.error();
    if (auto s = q->bind_text(1, name); !s) return s;
    auto r = q->step();
    if (!r) return r.error();
    if (*r) out = q->column_text(0);
    return ok_status();
  };
  std::string idle = std::to_string(idle_lock_seconds_);
  if (auto s = setting("idle_lock_seconds", idle); !s) return s;
  if (auto s = setting("end_of_day", end_of_day_); !s) return s;
  idle_lock_seconds_ = std::clamp(std::atoi(idle.c_str()), 30, 3600);
  return ok_status();
}

Status Vault::change_settings(const std::string& actor, int idle_lock_seconds,
                              const std::string& end_of_day) {
  if (!is_open()) return Error{"vault.locked", N_("The vault is locked.")};
  const VaultUser* user = users_.find(actor);
  if (user == nullptr || user->disabled || user->role != Role::manager) {
    return Error{"settings.not_manager", N_("Only the manager changes these settings.")};
  }
  int hour = -1, minute = -1;
  char tail = 0;
  const bool hh_mm = end_of_day.size() == 5 &&
                     std::sscanf(end_of_day.c_str(), "%2d:%2d%c", &hour, &minute, &tail) == 2 &&
                     hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59;
  if (idle_lock_seconds < 60 || idle_lock_seconds > 3600 || !hh_mm) {
    return Error{"settings.bad_value",
                 N_("The idle lock is 1 to 60 minutes and the end of the day a time as HH:MM.")};
  }
  const AuditedChange what{
      AuditAction::setting_change,
      AuditObjects().add("idle_lock_seconds", idle_lock_seconds).add("end_of_day", end_of_day),
      {}};
  if (auto s = change(actor, what,
                      [&](storage::Database& db) -> Result<std::string> {
                        auto st = storage::Statement::prepare(
                            db, "INSERT OR REPLACE INTO settings(key, value) VALUES(?, ?)");
                        if (!st) return st.error();
                        const std::pair<const char*, std::string> rows[] = {
                            {"idle_lock_seconds", std::to_string(idle_lock_seconds)},
                            {"end_of_day", end_of_day}};
                        for (const auto& [key, value] : rows) {
                          Status b = st->bind_text(1, key);
                          if (b) b = st->bind_text(2, value);
                          if (!b) return b.error();
                          if (auto r = st->step(); !r) return r.error();
                          if (auto r = st->reset(); !r) return r.error();
                        }
                        return std::string();
                      });
      !s) {
    return s;
  }
  idle_lock_seconds_ = idle_lock_seconds;
  end_of_day_ = end_of_day;
  return ok_status();
}

Result<int> Vault::text_size(const std::string& user_id) {
  if (!is_open()) return Error{"vault.locked", N_("The vault is locked.")};
  auto st =
      storage::Statement::prepare(*db_, "SELECT text_size FROM preferences WHERE user_id = ?");
  if (!st) return st.error();
  if (auto b = st->bind_text(1, user_id); !b) return b.error();
  auto row = st->step();
  if (!row) return row.error();
  return *row ? static_cast<int>(st->column_int64(0)) : 100;
}

Status Vault::set_text_size(const std::string& actor, int percent) {
  if (!is_open()) return Error{"vault.locked", N_("The vault is locked.")};
  const VaultUser* user = users_.find(actor);
  if (user == nullptr || user->disabled) {
    return Error{"vault.unknown_user", N_("This user is not known to the vault.")};
  }
  if (std::find(std::begin(kTextSizes), std::end(kTextSizes), percent) == std::end(kTextSizes)) {
    return Error{"settings.bad_value", N_("The text size is 100, 115 or 130 percent.")};
  }
  const AuditedChange what{
      AuditAction::setting_change, AuditObjects().add("user", actor).add("text_size", percent), {}};
  return change(actor, what, [&](storage::Database& db) -> Result<std::string> {
    auto st = storage::Statement::prepare(
        db, "INSERT OR REPLACE INTO preferences(user_id, text_size) VALUES(?, ?)");
    if (!st) return st.error();
    Status b = st->bind_text(1, actor);
    if (b) b = st->bind_int64(2, percent);
    if (!b) return b.error();
    if (auto r = st->step(); !r) return r.error();
    return std::string();
  });
}

void Vault::close(const std::string& actor, const std::string& reason) {
  holding_events_ = false;  // what is held is written with the close
  // Closing happens even when the log cannot record it (it takes access
  // away); its event then waits with the others for the next unlock. So does
  // the close of a sitting whose vault a lock had closed already.
  (void)emit(actor, AuditAction::close, "", "ok", "reason=" + reason);
  forget_keys();
}

void Vault::forget_keys() {
  db_.reset();
  key_ = crypto::SecureBuffer();  // sodium_free wipes it
  users_.clear();
}

storage::Database& Vault::database() {
  assert(is_open() && "Vault::database() called on a locked vault");
  return *db_;
}

Result<crypto::SecureBuffer> Vault::demo_vault_key_hex() const {
  if (!demo()) {
    return Error{"vault.not_demo", N_("Keys are printed only for a demo vault.")};
  }
  if (!is_open()) return Error{"vault.locked", N_("The vault is locked.")};
  return to_hex(key_);
}

}  // namespace shogo::survey
