#include "kiosk/survey/sign_in_desk.hpp"

#include <cassert>

namespace shogo::survey {

SignInDesk::~SignInDesk() { wait(); }

void SignInDesk::start(std::string user_id, crypto::SecureBuffer passphrase) {
  assert(!busy_ && "SignInDesk::start() while a check is running");
  wait();  // joins the previous, finished worker
  busy_ = true;
  worker_ = std::thread([this, user = std::move(user_id), pass = std::move(passphrase)]() mutable {
    auto outcome = vault_.unlock(user, pass);
    pass.wipe();
    {
      std::lock_guard<std::mutex> lock(mutex_);
      result_.emplace(std::move(outcome));
    }
    busy_ = false;
  });
}

std::optional<Result<SignInResult>> SignInDesk::take_result() {
  if (busy_) return std::nullopt;
  std::lock_guard<std::mutex> lock(mutex_);
  std::optional<Result<SignInResult>> out = std::move(result_);
  result_.reset();
  return out;
}

void SignInDesk::wait() {
  if (worker_.joinable()) worker_.join();
}

}  // namespace shogo::survey
