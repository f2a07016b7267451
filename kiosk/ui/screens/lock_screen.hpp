#pragma once
// 施錠画面 — the lock screen: pick your name and type your passphrase.
// Nothing else is drawn while locked: no header with names, no watermark.
//
// The passphrase lives in the form's guarded buffer (crypto::SecureBuffer),
// moves to its own guarded buffer when sent, and is wiped — with ImGui's copy
// of the text field — at once. It never enters an intent or a std::string.

#include <string>
#include <variant>
#include <vector>

#include "crypto/secure_buffer.hpp"
#include "kiosk/ui/screen.hpp"

namespace shogo::ui {

struct UserChosen {
  std::string user_id;
};
struct RequestSignIn {
  std::string user_id;  // the passphrase is in the form
};
using LockIntent = std::variant<UserChosen, RequestSignIn>;

struct LockForm {
  crypto::SecureBuffer passphrase{256};  // the text field's buffer
  bool focus_passphrase = false;         // put the keyboard in the field (once, after a choice)
};

struct LockModel {
  std::vector<std::string> users;  // names that may sign in (the vault's slots)
  std::string selected_user_id;
  bool checking = false;         // a passphrase is being checked
  int wait_seconds = 0;          // rate limit for the chosen user
  std::string vault_error;       // translated: the vault could not be opened
  const char* reason = nullptr;  // translated: why the screen is locked
  std::string error;             // translated message of the last failed sign-in
  std::string sitting_manager;   // name, when a sitting is open
  Language language = Language::japanese;
};

class LockScreen : public ScreenOf<LockIntent> {
 public:
  bool has_back_button() const override { return false; }
  bool has_title() const override { return false; }
  ScreenId id() const override { return ScreenId::lock; }
  const char* title() const override { return tr("The screen is locked"); }
  void apply(const LockIntent& intent, ScreenContext& ctx) override;
  void open(ScreenContext& ctx, const ScreenArgs& args) override;  // no name chosen
  void forget(ScreenContext& ctx) override;
  // The same path as the button, for --sign-in (demo, e2e).
  void submit(ScreenContext& ctx, const std::string& user_id, crypto::SecureBuffer passphrase);
  // Seconds until the rate limit's countdown changes (redraw then), 0: none.
  double countdown(const ScreenContext& ctx) const;

 protected:
  void view(ScreenContext& ctx, Out<LockIntent>& out) override;

 private:
  LockForm form_;
  std::string selected_;
  bool was_checking_ = false;
};

void lock_view(const LockModel& model, LockForm& form, Out<LockIntent>& out);

}  // namespace shogo::ui
