#pragma once
// WorkSitting — the work sitting (作業セッション) of the kiosk, on the vault:
// who is signed in, sign-in and sign-out, lock, the end-of-day close (P6.4.c),
// and the audit events of what the kiosk's users do and see. kiosk/ui calls
// it; it never draws.
//
//   request_sign_in()  checks a passphrase on the task runner (Argon2id, ~0.7 s);
//                      the outcome arrives with TaskRunner::drain()
//   begin_frame()      input activity, the idle lock, the end of the day, and
//                      the audit events that waited for a task
//   sign_out() / lock() / close()   each audited
//   record()           an audit event as the signed-in user (kept while a task
//                      owns the vault, appended right after it ends)
//   change_settings()  the vault's idle lock and end of day (a manager; audited)
//
// The first sign-in of a manager opens the vault and the sitting; every lock
// and sign-out closes the vault and wipes its keys, and the next sign-in
// opens it again (the sitting stays open); closing the sitting — by the
// manager, at shut-down, or at the vault's end-of-day time — ends it.

#include <ctime>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "crypto/secure_buffer.hpp"
#include "kiosk/survey/audit_actions.hpp"
#include "kiosk/survey/sitting.hpp"
#include "kiosk/survey/task_runner.hpp"
#include "kiosk/survey/vault.hpp"
#include "storage/base/result.hpp"

namespace shogo::survey {

// What the frame loop tells the sitting about time and input.
struct Moment {
  double now = 0;          // monotonic seconds
  std::time_t wall = 0;    // the wall clock (the end of the day, the header)
  bool had_input = false;  // any key, click or move since the last frame
};

// terminated: the kiosk was stopped by a signal (SIGTERM from systemd, …).
enum class CloseReason : unsigned char { closed, end_of_day, shutdown, terminated };
// "closed", "end_of_day", "shutdown", "terminated"
std::string_view close_reason_id(CloseReason reason);

class WorkSitting {
 public:
  // `vault` may be null when it could not be opened (`vault_error` says why).
  // `idle_lock_override` > 0 replaces the vault's idle-lock setting (demos, tests).
  WorkSitting(Vault* vault, TaskRunner& tasks, std::string vault_error = {},
              double idle_lock_override = 0);
  ~WorkSitting();
  WorkSitting(const WorkSitting&) = delete;
  WorkSitting& operator=(const WorkSitting&) = delete;

  Vault* vault() { return vault_; }
  const Vault* vault() const { return vault_; }
  bool vault_open() const { return vault_ != nullptr && vault_->is_open(); }
  const std::string& vault_error() const { return vault_error_; }  // msgid
  TaskRunner& tasks() { return tasks_; }

  // The state (Sitting): who is signed in, why it is locked.
  bool locked() const { return state_.locked(); }
  bool sitting_open() const { return state_.sitting_open(); }
  const User* current_user() const { return state_.current_user(); }
  const User* sitting_manager() const { return state_.sitting_manager(); }
  LockReason lock_reason() const { return state_.lock_reason(); }
  double idle_limit() const { return state_.idle_limit(); }
  double seconds_until_idle_lock(double now) const { return state_.seconds_until_idle_lock(now); }
  const Sitting& state() const { return state_; }

  // Sign-in. The passphrase is wiped once checked. Ignored while a task runs.
  void request_sign_in(const std::string& user_id, crypto::SecureBuffer passphrase);
  bool checking() const { return checking_; }
  const std::string& checking_user() const { return checking_user_; }
  const std::string& sign_in_error() const { return sign_in_error_; }  // msgid; "" = none
  void set_sign_in_error(std::string msgid) { sign_in_error_ = std::move(msgid); }
  std::vector<std::string> sign_in_names() const;  // the lock screen's list
  double seconds_until_next_try(const std::string& user_id) const;

  // Once a frame, before anything is drawn. Returns true when the user was
  // locked out or the sitting closed in this call (the UI forgets what it showed).
  bool begin_frame(const Moment& m);

  void sign_out();
  void lock();
  void close(CloseReason reason);
  // The next end of the day (0: no sitting open).
  std::time_t deadline() const { return deadline_; }

  // An audit event as the signed-in user (or the one locked out, or "system").
  // While a task owns the vault the event waits, in order, for it to end.
  // An event of what the signed-in user does. Not committed (the log cannot
  // record): audit.unavailable, and the caller does not do it. While a task
  // runs it waits for the task's end (lock, sign-out: they happen anyway).
  [[nodiscard]] Status record(AuditAction action, const std::string& objects = {});
  // An event of what has happened and is not undone (a lock, a sign-out, a
  // shutdown: they take access away): when the log cannot take it now, it
  // waits in the vault for the next event.
  void note(AuditAction action, const std::string& objects = {});

  // The vault's settings (a manager, audited as setting_change).
  int idle_lock_minutes() const;
  bool idle_lock_fixed() const { return idle_override_ > 0; }  // --idle-lock
  std::string end_of_day() const;
  [[nodiscard]] Status change_settings(int idle_lock_minutes, const std::string& end_of_day);
  // The signed-in user's text size in percent (100 while locked), read at
  // sign-in; set_text_size() is their own choice (audited).
  int text_size() const { return state_.locked() ? 100 : text_size_; }
  [[nodiscard]] Status set_text_size(int percent);

 private:
  void take_sign_in(const std::string& user_id, Result<SignInResult> result, double now,
                    std::time_t wall);
  void flush_deferred();
  // At every lock the vault key and vault.db leave memory (the sitting
  // stays: the next sign-in unwraps the key again). While a task owns the
  // vault, as soon as it has ended.
  void release_keys();
  std::vector<User> vault_users() const;
  std::string actor() const;

  Vault* vault_;
  TaskRunner& tasks_;
  std::string vault_error_;
  double idle_override_;
  Sitting state_;
  int text_size_ = 100;
  std::time_t deadline_ = 0;
  bool checking_ = false;
  std::string checking_user_;
  std::string sign_in_error_;
  std::time_t last_wall_ = 0;
  double last_now_ = 0;
  std::vector<std::pair<AuditAction, std::string>> deferred_;
  bool release_when_idle_ = false;
};

}  // namespace shogo::survey
