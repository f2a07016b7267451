#pragma once
// 設定 — the language of the screens (anyone), and the vault's idle lock and
// end of the day (P6.4.c), which the manager changes (audited as
// setting_change); the others see them.

#include <array>
#include <string>
#include <variant>

#include "kiosk/ui/screen.hpp"

namespace shogo::ui {

struct RequestSaveSettings {
  std::string idle_lock_minutes, end_of_day;  // as typed: "5", "18:00"
};
struct RequestTextSize {
  int percent = 100;  // survey::kTextSizes: the signed-in user's own
};
using SettingsIntent = std::variant<RequestSaveSettings, RequestTextSize>;

struct SettingsForm {
  std::array<char, 8> idle_lock_minutes{};
  std::array<char, 8> end_of_day{};
  bool focus_first = false;  // the first field, once: when the screen opens, after an error
};

struct SettingsModel {
  Language language = Language::japanese;
  int text_size = 100;      // the signed-in user's, in percent
  bool may_change = false;  // the manager
  int idle_lock_minutes = 5;
  std::string end_of_day;        // "HH:MM"
  bool fixed_by_option = false;  // --idle-lock given (demos, tests)
  std::string saved;             // translated
  std::string error;             // translated
};

class SettingsScreen : public ScreenOf<SettingsIntent> {
 public:
  ScreenId id() const override { return ScreenId::settings; }
  const char* title() const override { return tr("Settings"); }
  const char* help() const override;
  const char* explanation() const override;
  void open(ScreenContext& ctx, const ScreenArgs& args) override;
  void apply(const SettingsIntent& intent, ScreenContext& ctx) override;

 protected:
  void view(ScreenContext& ctx, Out<SettingsIntent>& out) override;

 private:
  SettingsForm form_;
  std::string saved_, error_;  // msgids
};

void settings_view(const SettingsModel& model, SettingsForm& form, Out<SettingsIntent>& out);

}  // namespace shogo::ui
