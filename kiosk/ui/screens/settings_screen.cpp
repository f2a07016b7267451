#include "kiosk/ui/screens/settings_screen.hpp"

#include <algorithm>
#include <cstring>

#include "kiosk/ui/widgets.hpp"

namespace shogo::ui {

const char* SettingsScreen::help() const {
  return tr(
      "The language and text size of the screens, and when the screen locks and the work sitting "
      "ends.");
}

const char* SettingsScreen::explanation() const {
  return tr(
      "The language applies to you at once. The text size is yours alone: it comes back whenever "
      "you sign in. The idle lock and the end of the day apply to everyone and are recorded in the "
      "audit log; only the manager changes them.");
}

void SettingsScreen::open(ScreenContext& ctx, const ScreenArgs&) {
  saved_.clear();
  error_.clear();
  set_field(form_.idle_lock_minutes, std::to_string(ctx.sitting.idle_lock_minutes()));
  set_field(form_.end_of_day, ctx.sitting.end_of_day());
  form_.focus_first = true;
}

void SettingsScreen::view(ScreenContext& ctx, Out<SettingsIntent>& out) {
  SettingsModel m;
  m.language = language();
  m.text_size = ctx.sitting.text_size();
  m.may_change = ctx.may(survey::Action::change_settings);
  m.idle_lock_minutes = ctx.sitting.idle_lock_minutes();
  m.end_of_day = ctx.sitting.end_of_day();
  m.fixed_by_option = ctx.sitting.idle_lock_fixed();
  if (!saved_.empty()) m.saved = tr(saved_.c_str());
  if (!error_.empty()) m.error = tr(error_.c_str());
  settings_view(m, form_, out);
}

void SettingsScreen::apply(const SettingsIntent& intent, ScreenContext& ctx) {
  dispatch(
      intent,
      [&](const RequestSaveSettings& r) {
        saved_.clear();
        error_.clear();
        if (!ctx.may(survey::Action::change_settings)) return;
        const bool digits = !r.idle_lock_minutes.empty() && r.idle_lock_minutes.size() <= 3 &&
                            std::all_of(r.idle_lock_minutes.begin(), r.idle_lock_minutes.end(),
                                        [](char c) { return c >= '0' && c <= '9'; });
        if (!digits) {
          error_ = N_("The idle lock is 1 to 60 minutes and the end of the day a time as HH:MM.");
          form_.focus_first = true;
          return;
        }
        if (auto s = ctx.sitting.change_settings(std::stoi(r.idle_lock_minutes), r.end_of_day);
            !s) {
          error_ = s.error().message;
          form_.focus_first = true;
          return;
        }
        saved_ = N_("Saved. The new settings apply from now on.");
      },
      [&](const RequestTextSize& r) {
        saved_.clear();
        error_.clear();
        if (auto s = ctx.sitting.set_text_size(r.percent); !s) {
          error_ = s.error().message;
          return;
        }
        saved_ = N_("Saved. This text size is yours: it comes back whenever you sign in.");
      });
}

}  // namespace shogo::ui
