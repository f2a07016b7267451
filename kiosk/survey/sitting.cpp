#include "kiosk/survey/sitting.hpp"

#include <algorithm>
#include <cstdio>

#include "storage/base/result.hpp"

namespace shogo::survey {

Sitting::Sitting(std::vector<User> users, Seconds idle_limit)
    : users_(std::move(users)), idle_limit_(idle_limit) {}

void Sitting::set_users(std::vector<User> users) {
  const std::string current = current_ ? current_->id : "";
  const std::string manager = manager_ ? manager_->id : "";
  const std::string locked = locked_user_ ? locked_user_->id : "";
  users_ = std::move(users);
  current_ = current.empty() ? nullptr : find_user(current);
  manager_ = manager.empty() ? nullptr : find_user(manager);
  locked_user_ = locked.empty() ? nullptr : find_user(locked);
  if (sitting_open_ && manager_ == nullptr) close_sitting(0);
}

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

std::time_t next_end_of_day(std::time_t wall, const std::string& hh_mm) {
  int hour = 18, minute = 0;
  if (std::sscanf(hh_mm.c_str(), "%2d:%2d", &hour, &minute) != 2 || hour < 0 || hour > 23 ||
      minute < 0 || minute > 59) {
    hour = 18;
    minute = 0;
  }
  std::tm tm{};
  localtime_r(&wall, &tm);
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = 0;
  tm.tm_isdst = -1;
  std::time_t t = std::mktime(&tm);
  if (t <= wall) {
    tm.tm_mday += 1;
    tm.tm_hour = hour;
    tm.tm_min = minute;
    tm.tm_isdst = -1;
    t = std::mktime(&tm);
  }
  return t;
}

}  // namespace shogo::survey
