#pragma once
// SignInDesk — checks one passphrase at a time off the UI thread.
//
// Unwrapping a slot runs Argon2id for about 0.7 s; the kiosk keeps drawing
// (a "checking…" line) meanwhile. While busy() the vault belongs to the
// worker: the UI must not call the vault until take_result() returned a value.
//
//   start(user, passphrase)   takes the passphrase (guarded memory) and begins
//   busy()                    a check is running
//   take_result()             the outcome once, when the check has finished

#include <atomic>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "crypto/secure_buffer.hpp"
#include "kiosk/survey/vault.hpp"

namespace shogo::survey {

class SignInDesk {
 public:
  explicit SignInDesk(Vault& vault) : vault_(vault) {}
  ~SignInDesk();
  SignInDesk(const SignInDesk&) = delete;
  SignInDesk& operator=(const SignInDesk&) = delete;

  void start(std::string user_id, crypto::SecureBuffer passphrase);
  bool busy() const { return busy_; }
  std::optional<Result<SignInResult>> take_result();
  void wait();  // blocks until the running check ends (tests, shutdown)

 private:
  Vault& vault_;
  std::thread worker_;
  std::atomic<bool> busy_{false};
  std::mutex mutex_;
  std::optional<Result<SignInResult>> result_;
};

}  // namespace shogo::survey
