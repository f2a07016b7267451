#include "kiosk/survey/work_sitting.hpp"

#include <algorithm>
#include <cstdio>

#include "kiosk/survey/ledger.hpp"

namespace shogo::survey {

std::string_view close_reason_id(CloseReason reason) {
  switch (reason) {
    case CloseReason::closed: return "closed";
    case CloseReason::end_of_day: return "end_of_day";
    case CloseReason::shutdown: return "shutdown";
    case CloseReason::terminated: return "terminated";
  }
  return "closed";
}

WorkSitting::WorkSitting(Vault* vault, TaskRunner& tasks, std::string vault_error,
                         double idle_lock_override)
    : vault_(vault),
      tasks_(tasks),
      vault_error_(std::move(vault_error)),
      idle_override_(idle_lock_override),
      state_({}, idle_lock_override > 0 ? idle_lock_override : 300.0) {}

WorkSitting::~WorkSitting() {
  tasks_.cancel();
  tasks_.wait();
}

std::vector<User> WorkSitting::vault_users() const {
  std::vector<User> users;
  for (const auto& u : vault_->users().all()) {
    if (!u.disabled) users.push_back({u.id, u.id, u.role});
  }
  return users;
}

std::vector<std::string> WorkSitting::sign_in_names() const {
  return vault_ != nullptr ? vault_->sign_in_names() : std::vector<std::string>{};
}

double WorkSitting::seconds_until_next_try(const std::string& user_id) const {
  return vault_ != nullptr ? vault_->seconds_until_next_try(user_id) : 0.0;
}

std::string WorkSitting::actor() const {
  const User* user = state_.current_user();
  if (user == nullptr) user = state_.locked_user();
  return user != nullptr ? user->id : "system";
}

void WorkSitting::request_sign_in(const std::string& user_id, crypto::SecureBuffer passphrase) {
  if (vault_ == nullptr || tasks_.busy()) return;
  sign_in_error_.clear();
  checking_ = true;
  checking_user_ = user_id;
  auto pass = std::make_shared<crypto::SecureBuffer>(std::move(passphrase));
  Vault& vault = *vault_;
  tasks_.start<Result<SignInResult>>(
      "sign_in",
      [&vault, user_id, pass](TaskControl&) {
        auto outcome = vault.unlock(user_id, *pass);
        pass->wipe();
        return outcome;
      },
      [this, user_id](Result<SignInResult> result) {
        take_sign_in(user_id, std::move(result), last_now_, last_wall_);
      });
}

void WorkSitting::take_sign_in(const std::string& user_id, Result<SignInResult> result, double now,
                               std::time_t wall) {
  checking_ = false;
  checking_user_.clear();
  if (!result) {
    sign_in_error_ = result.error().message;
    return;
  }
  state_.set_users(vault_users());
  // Sheets due at an end of day that passed while the vault was locked come
  // back now, before anyone can read them (the ledger says the appliance did).
  if (vault_open()) (void)return_all(*vault_, ReturnKind::end_of_day);
  const bool was_open = state_.sitting_open();
  if (auto s = state_.sign_in(user_id, now); !s) {
    sign_in_error_ = s.error().message;
    if (result->opened_vault) vault_->close(user_id, "not a manager");
    return;
  }
  if (!was_open) {
    if (idle_override_ <= 0) state_.set_idle_limit(vault_->idle_lock_seconds());
    // P6.4.c sheets go back at the end of every day: the sitting ends by itself.
    deadline_ = next_end_of_day(wall, vault_->end_of_day());
  }
  auto size = vault_->text_size(user_id);
  text_size_ = size ? *size : 100;
  sign_in_error_.clear();
}

bool WorkSitting::begin_frame(const Moment& m) {
  last_now_ = m.now;
  last_wall_ = m.wall;
  tasks_.drain();  // a finished sign-in or import reports here, before anything is drawn
  flush_deferred();
  if (m.had_input) state_.note_activity(m.now);
  const bool was_signed_in = !state_.locked();
  state_.tick(m.now);
  bool lost = false;
  if (was_signed_in && state_.locked()) {
    note(AuditAction::lock, AuditObjects().add("reason", "idle"));
    release_keys();
    lost = true;
  }
  if (release_when_idle_ && !tasks_.busy() && state_.locked()) release_keys();
  if (state_.sitting_open() && deadline_ != 0 && m.wall >= deadline_) {
    close(CloseReason::end_of_day);
    lost = true;
  }
  return lost;
}

void WorkSitting::flush_deferred() {
  if (tasks_.busy()) return;
  for (const auto& [action, objects] : std::exchange(deferred_, {})) note(action, objects);
}

void WorkSitting::note(AuditAction action, const std::string& objects) {
  if (!vault_open()) return;
  if (tasks_.busy()) {
    deferred_.emplace_back(action, objects);
    return;
  }
  vault_->record_done(actor(), action, objects);
}

Status WorkSitting::record(AuditAction action, const std::string& objects) {
  if (!vault_open()) return ok_status();
  if (tasks_.busy()) {  // the task owns the vault until it has ended
    deferred_.emplace_back(action, objects);
    return ok_status();
  }
  return vault_->record(actor(), action, objects);
}

void WorkSitting::sign_out() {
  note(AuditAction::sign_out);
  release_keys();
  state_.sign_out(last_now_);
}

void WorkSitting::lock() {
  note(AuditAction::lock, AuditObjects().add("reason", "user"));
  release_keys();
  state_.lock(last_now_);
}

void WorkSitting::release_keys() {
  release_when_idle_ = false;
  if (!vault_open()) return;
  if (tasks_.busy()) {
    release_when_idle_ = true;  // begin_frame() comes back once the task has ended
    return;
  }
  flush_deferred();
  vault_->close(actor(), "lock");
}

void WorkSitting::close(CloseReason reason) {
  tasks_.cancel();
  tasks_.wait();
  tasks_.drain();
  checking_ = false;
  flush_deferred();
  const User* manager = state_.sitting_manager();
  const std::string who = manager ? manager->id : "system";
  // P6.4.c every lent sheet comes back with the sitting, the ledger saying
  // who returned it (a locked vault: at the next unlock, as overdue).
  if (vault_open()) {
    (void)return_all(*vault_, reason == CloseReason::end_of_day ? ReturnKind::end_of_day
                                                                : ReturnKind::sitting_closed);
  }
  state_.close_sitting(last_now_);
  if (vault_ != nullptr) vault_->close(who, std::string(close_reason_id(reason)));
  deadline_ = 0;
}

int WorkSitting::idle_lock_minutes() const {
  const double seconds = vault_open() ? vault_->idle_lock_seconds() : state_.idle_limit();
  return static_cast<int>(seconds / 60.0 + 0.5);
}

std::string WorkSitting::end_of_day() const {
  return vault_ != nullptr ? vault_->end_of_day() : std::string("18:00");
}

Status WorkSitting::change_settings(int idle_lock_minutes, const std::string& end_of_day) {
  const User* user = state_.current_user();
  if (user == nullptr || user->role != Role::manager) {
    return Error{"settings.not_manager", N_("Only the manager changes these settings.")};
  }
  if (!vault_open()) return Error{"vault.locked", N_("The vault is locked.")};
  if (tasks_.busy()) return Error{"settings.busy", N_("Please wait until the work has finished.")};
  if (auto s = vault_->change_settings(user->id, idle_lock_minutes * 60, end_of_day); !s) return s;
  if (idle_override_ <= 0) state_.set_idle_limit(vault_->idle_lock_seconds());
  deadline_ = next_end_of_day(last_wall_, vault_->end_of_day());
  return ok_status();
}

}  // namespace shogo::survey

namespace shogo::survey {

Status WorkSitting::set_text_size(int percent) {
  const User* user = state_.current_user();
  if (user == nullptr) return Error{"vault.locked", N_("The vault is locked.")};
  if (!vault_open()) return Error{"vault.locked", N_("The vault is locked.")};
  if (tasks_.busy()) return Error{"settings.busy", N_("Please wait until the work has finished.")};
  if (auto s = vault_->set_text_size(user->id, percent); !s) return s;
  text_size_ = percent;
  return ok_status();
}

}  // namespace shogo::survey
