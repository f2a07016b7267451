#pragma once
// メニュー — the signed-in user's menu: what to do next (次にすること) for
// their role and the survey under way, the screens their role may open
// (survey::may()), and in the action bar lock, sign out, and for the manager
// closing the sitting and shutting down.

#include <string>
#include <vector>

#include "kiosk/survey/survey_register.hpp"
#include "kiosk/ui/screen.hpp"

namespace shogo::ui {

struct MenuEntry {
  const char* label;  // translated
  const char* note;   // translated: one line under it
  ScreenId screen;
};

struct HomeModel {
  int idle_lock_seconds = 0;
  std::string next_step;  // translated: 次にすること
  std::vector<std::string>
      alerts;  // translated, in red: sheets overdue or returned by the appliance
  std::vector<MenuEntry> entries;
  bool close_sitting = false, shut_down = false;
};

class HomeScreen : public ScreenOf<NoIntent<HomeScreen>> {
 public:
  bool has_back_button() const override { return false; }
  ScreenId id() const override { return ScreenId::home; }
  const char* title() const override { return tr("Menu"); }
  const char* help() const override;
  const char* explanation() const override;
  // Reads the surveys once (never per frame) for 次にすること.
  void open(ScreenContext& ctx, const ScreenArgs& args) override;
  void apply(const Intent&, ScreenContext&) override {}

 protected:
  void view(ScreenContext& ctx, Out<Intent>& out) override;

 private:
  std::string next_step_;
  std::vector<std::string> alerts_;
};

// What the signed-in role does next, from the survey under way (none: "").
std::string next_step_text(survey::Role role, const survey::SurveySummary* survey,
                           const std::vector<survey::SystemCount>& counts);

void home_view(const HomeModel& model, Out<HomeScreen::Intent>& out);

}  // namespace shogo::ui
