#pragma once
// KioskApp — the kiosk's screens and navigation, drawn through ImGui.
//
// Each frame: begin_frame() feeds input activity and time to the sitting
// (idle lock), draw() draws exactly one screen and returns intents, apply()
// carries them out. When the sitting is locked, draw() draws the lock form
// and nothing else — no header with names, no watermark of a user.
//
// Platform-free: the shell (GLFW) and the headless test harness both host it.

#include <ctime>
#include <memory>
#include <string>
#include <vector>

#include "kiosk/survey/domain.hpp"
#include "kiosk/survey/sitting.hpp"
#include "kiosk/ui/views.hpp"

namespace shogo::ui {

struct FrameInput {
  double now = 0;          // monotonic seconds
  std::time_t wall = 0;    // wall clock, for the header and watermark
  bool had_input = false;  // any key, click or mouse move since the last frame
};

struct DemoData {
  bool is_demo = true;                           // title bar says デモ
  std::vector<survey::AccessLogRow> access_log;  // PERSONAL DATA (synthetic)
  std::vector<NameSample> name_samples;
};

class KioskApp {
 public:
  KioskApp(survey::Sitting& sitting, DemoData data);

  void begin_frame(const FrameInput& in);
  Intents draw(const FrameInput& in);
  void apply(const Intents& intents, const FrameInput& in);

  Screen screen() const { return screen_; }
  bool quit_confirmed() const { return quit_confirmed_; }
  bool quit_dialog_open() const { return quit_open_; }
  bool shows_personal_data() const;  // the current screen does; so does its watermark
  const survey::Sitting& sitting() const { return sitting_; }

 private:
  void draw_header(const FrameInput& in);
  const AccessLogModel& access_log_model();

  survey::Sitting& sitting_;
  DemoData data_;
  Screen screen_ = Screen::lock;
  std::string selected_user_;
  std::string sign_in_error_;  // msgid, translated when drawn
  bool quit_open_ = false;
  bool quit_confirmed_ = false;
  std::unique_ptr<AccessLogModel> access_log_;  // built on first view
  bool dev_windows_ = false;                    // SHOGO_DEV_WINDOWS builds only
};

}  // namespace shogo::ui
