#include "kiosk/survey/sitting.hpp"

#include <algorithm>

#include "crypto/result.hpp"

namespace shogo::survey {

Sitting::Sitting(std::vector<User> users, Seconds idle_limit)
    : users_(std::move(users)), idle_limit_(idle_limit) {}

const User* Sitting::find_user(const std::string& id) const {
  auto it = std::find_if(users_.begin(), users_.end(), [&](const User& u) { return u.id == id; });
  return it == users_.end() ? nullptr : &*it;
}

Status Sitting::sign_in(const std::string& user_id, Seconds now) {
  const User* user = find_user(user_id);
  if (user == nullptr) return Error{"sitting.unknown_user", N_("This user is not registered.")};
  if (!sitting_open_) {
    if (user->role != Role::manager) {
      return Error{"sitting.needs_manager", N_("A manager must open the work sitting first.")};
    }
    sitting_open_ = true;
    manager_ = user;
  } else if (locked_user_ != nullptr && user != locked_user_ && user->role != Role::manager) {
    return Error{"sitting.locked_by_other",
                 N_("The screen was locked while someone else was signed in.")};
  }
  current_ = user;
  locked_user_ = nullptr;
  lock_reason_ = LockReason::none;
  last_activity_ = now;
  return ok_status();
}

void Sitting::sign_out(Seconds /*now*/) {
  current_ = nullptr;
  locked_user_ = nullptr;
  lock_reason_ = LockReason::not_signed_in;
}

void Sitting::lock(Seconds /*now*/) {
  if (current_ == nullptr) return;
  locked_user_ = current_;
  current_ = nullptr;
  lock_reason_ = LockReason::by_user;
}

void Sitting::close_sitting(Seconds /*now*/) {
  sitting_open_ = false;
  manager_ = nullptr;
  current_ = nullptr;
  locked_user_ = nullptr;
  lock_reason_ = LockReason::sitting_closed;
}

void Sitting::note_activity(Seconds now) { last_activity_ = std::max(last_activity_, now); }

void Sitting::tick(Seconds now) {
  if (current_ != nullptr && now - last_activity_ >= idle_limit_) {
    locked_user_ = current_;
    current_ = nullptr;
    lock_reason_ = LockReason::idle;
  }
}

Sitting::Seconds Sitting::seconds_until_idle_lock(Seconds now) const {
  return std::max(0.0, idle_limit_ - (now - last_activity_));
}

}  // namespace shogo::survey
