#pragma once
// Sitting — the work sitting (作業セッション) and the lock state of the kiosk.
//
// A sitting begins when a manager signs in and ends when the manager closes
// it; while it is open, investigators sign in and out on the same screen.
// After `idle_limit` without input the kiosk locks: nothing but the lock form
// is drawn until the current user signs in again. The passphrase check is the
// vault's (WorkSitting, work_sitting.hpp): here a sign-in names a known user.
//
// Pure state: time is passed in (seconds on a monotonic clock), so tests run
// the idle timer without waiting. Rule violations come back as Status.

#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/survey/domain.hpp"
#include "storage/base/result.hpp"

namespace shogo::survey {

struct User {
  std::string id;    // e.g. "u-manager-1"
  std::string name;  // shown on the lock screen; may hold hard characters
  Role role = Role::investigator;
};

enum class LockReason : unsigned char { none, not_signed_in, idle, by_user, sitting_closed };

class Sitting {
 public:
  using Seconds = double;  // monotonic clock

  explicit Sitting(std::vector<User> users, Seconds idle_limit = 300.0);

  const std::vector<User>& users() const { return users_; }
  // Replaces who may sign in (after the vault opens, or when users change).
  // The signed-in users stay signed in only if they are still listed.
  void set_users(std::vector<User> users);
  const User* find_user(const std::string& id) const;

  // Sign-in on the lock screen. With no open sitting only a manager may sign in
  // (it opens the sitting); while a sitting is open, any enabled user may.
  // While idle-locked, only the user who was signed in may unlock, or a manager.
  [[nodiscard]] Status sign_in(const std::string& user_id, Seconds now);
  void sign_out(Seconds now);       // back to the lock screen; the sitting stays open
  void lock(Seconds now);           // "lock now" by the user
  void close_sitting(Seconds now);  // manager only; keys would leave memory here
  void note_activity(Seconds now);  // input seen: the idle timer restarts
  void tick(Seconds now);           // locks when idle past the limit

  bool locked() const { return current_ == nullptr; }
  bool sitting_open() const { return sitting_open_; }
  LockReason lock_reason() const { return lock_reason_; }
  const User* current_user() const { return current_; }
  const User* sitting_manager() const { return manager_; }
  const User* locked_user() const { return locked_user_; }  // who was signed in when idle-locked
  Seconds idle_limit() const { return idle_limit_; }
  void set_idle_limit(Seconds limit) { idle_limit_ = limit; }
  Seconds seconds_until_idle_lock(Seconds now) const;  // meaningless when locked

 private:
  std::vector<User> users_;
  Seconds idle_limit_;
  bool sitting_open_ = false;
  const User* manager_ = nullptr;
  const User* current_ = nullptr;
  const User* locked_user_ = nullptr;
  LockReason lock_reason_ = LockReason::not_signed_in;
  Seconds last_activity_ = 0;
};

// P6.4.c sheets are returned at the end of every day: the first moment at or
// after `wall` when local time reads `hh_mm` ("18:00"), strictly later than
// `wall`. A malformed `hh_mm` counts as "18:00".
std::time_t next_end_of_day(std::time_t wall, const std::string& hh_mm);

}  // namespace shogo::survey
