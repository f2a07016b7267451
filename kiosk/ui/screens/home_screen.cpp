#include "kiosk/ui/screens/home_screen.hpp"

namespace shogo::ui {

void HomeScreen::view(ScreenContext& ctx, Out<Intent>& out) {
  using survey::Action;
  HomeModel m;
  m.user_name = ctx.user->name;
  m.role = ctx.user->role;
  m.idle_lock_seconds = static_cast<int>(ctx.sitting.idle_limit());
  m.surveys = ctx.may(Action::see_surveys);
  m.designation = ctx.may(Action::designate);
  m.sheet_import = ctx.may(Action::import_sheet);
  m.audit_log = ctx.may(Action::read_audit_log);
  m.names = ctx.may(Action::check_names);
  m.close_sitting = ctx.may(Action::close_sitting);
  m.shut_down = ctx.may(Action::shut_down);
  home_view(m, out);
}

}  // namespace shogo::ui
