#include "kiosk/ui/screens/lock_screen.hpp"

#include <cmath>
#include <cstring>

#include "kiosk/ui/widgets.hpp"

namespace shogo::ui {

namespace {

const char* lock_reason_text(survey::LockReason reason, bool sitting_open) {
  switch (reason) {
    case survey::LockReason::idle: return tr("Locked after a period without input.");
    case survey::LockReason::by_user: return tr("Locked by the user.");
    case survey::LockReason::sitting_closed: return tr("The work sitting was closed.");
    case survey::LockReason::not_signed_in:
    case survey::LockReason::none: break;
  }
  if (sitting_open) return tr("The work sitting is open. Choose your name and sign in.");
  return tr("A manager signs in to open the work sitting.");
}

}  // namespace

void LockScreen::view(ScreenContext& ctx, Out<LockIntent>& out) {
  survey::WorkSitting& s = ctx.sitting;
  LockModel m;
  m.checking = s.checking();
  if (!m.checking) {
    m.users = s.sign_in_names();
    if (!selected_.empty()) {
      m.wait_seconds = static_cast<int>(std::ceil(s.seconds_until_next_try(selected_)));
    }
  }
  m.vault_error = s.vault_error().empty() ? std::string() : tr(s.vault_error().c_str());
  m.selected_user_id = m.checking ? s.checking_user() : selected_;
  m.reason = lock_reason_text(s.lock_reason(), s.sitting_open());
  // A refused passphrase: the keyboard goes back to the field.
  if (was_checking_ && !m.checking) form_.focus_passphrase = true;
  was_checking_ = m.checking;
  if (!s.sign_in_error().empty()) m.error = tr(s.sign_in_error().c_str());
  if (const auto* mgr = s.sitting_manager()) m.sitting_manager = mgr->name;
  m.language = language();
  lock_view(m, form_, out);
}

double LockScreen::countdown(const ScreenContext& ctx) const {
  if (selected_.empty() || ctx.sitting.checking()) return 0;
  const double wait = ctx.sitting.seconds_until_next_try(selected_);
  if (wait <= 0) return 0;
  return wait - std::floor(wait) + 0.01;  // the next whole second shown
}

void LockScreen::submit(ScreenContext& ctx, const std::string& user_id,
                        crypto::SecureBuffer passphrase) {
  ctx.sitting.request_sign_in(user_id, std::move(passphrase));
}

void LockScreen::open(ScreenContext& ctx, const ScreenArgs&) {
  selected_.clear();
  forget(ctx);
}

void LockScreen::forget(ScreenContext&) {
  form_.passphrase.wipe();
  wipe_text_input_state();
}

void LockScreen::apply(const LockIntent& intent, ScreenContext& ctx) {
  dispatch(
      intent,
      [&](const UserChosen& r) {
        if (ctx.sitting.checking()) return;
        selected_ = r.user_id;
        ctx.sitting.set_sign_in_error({});
        form_.focus_passphrase = true;
      },
      [&](const RequestSignIn& r) {
        // The typed passphrase moves to its own guarded buffer; the field and
        // ImGui's copy of it are wiped now.
        const auto* field = reinterpret_cast<const char*>(form_.passphrase.data());
        const std::size_t length = strnlen(field, form_.passphrase.size());
        crypto::SecureBuffer passphrase(length);
        if (length > 0) std::memcpy(passphrase.data(), field, length);
        forget(ctx);
        if (length == 0) {
          ctx.sitting.set_sign_in_error(N_("Please type your passphrase."));
          return;
        }
        submit(ctx, r.user_id, std::move(passphrase));
      });
}

}  // namespace shogo::ui
