#pragma once
// メニュー — the signed-in user's menu: the screens their role may open
// (survey::may()), lock, sign out, and for the manager closing the sitting
// and shutting down.

#include <string>

#include "kiosk/ui/screen.hpp"

namespace shogo::ui {

struct HomeModel {
  std::string user_name;
  survey::Role role = survey::Role::investigator;
  int idle_lock_seconds = 0;
  bool surveys = false, designation = false, sheet_import = false, audit_log = false;
  bool settings = true, names = true;
  bool close_sitting = false, shut_down = false;
};

class HomeScreen : public ScreenOf<NoIntent<HomeScreen>> {
 public:
  ScreenId id() const override { return ScreenId::home; }
  const char* title() const override { return tr("Menu"); }
  void apply(const Intent&, ScreenContext&) override {}

 protected:
  bool has_back_button() const override { return false; }
  void view(ScreenContext& ctx, Out<Intent>& out) override;
};

void home_view(const HomeModel& model, Out<HomeScreen::Intent>& out);

}  // namespace shogo::ui
