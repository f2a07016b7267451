#pragma once
// KioskApp — the kiosk's screens and navigation, drawn through ImGui.
//
// Each frame: begin_frame() gives the work sitting time and input (sign-in
// results, idle lock, end of day), draw() draws the header and exactly one
// screen and returns the intents its view emitted, apply() carries them out:
// the app's own (AppIntent: navigation, lock, sign out, language, quit) here,
// each screen's intents by that screen's controller. When the sitting is
// locked, only the lock screen is drawn — no header with names, no watermark.
//
// The screens are registered in kiosk/ui/screen_registry.hpp. Who may open a
// screen is its needs() asked of survey::may(). The work sitting
// (survey::WorkSitting) owns sign-in, lock, the end-of-day close and the audit
// events; the task runner runs slow work, and the shell wakes its frame loop
// when a task reports (set_wake()).
//
// Platform-free: the shell (GLFW) and the headless test harness both host it.

#include <ctime>
#include <filesystem>
#include <functional>
#include <string>

#include "crypto/secure_buffer.hpp"
#include "kiosk/survey/task_runner.hpp"
#include "kiosk/survey/vault.hpp"
#include "kiosk/survey/work_sitting.hpp"
#include "kiosk/ui/screen_registry.hpp"

namespace shogo::ui {

struct FrameInput {
  double now = 0;          // monotonic seconds
  std::time_t wall = 0;    // wall clock, for the header, the watermark and the end of the day
  bool had_input = false;  // any key, click or mouse move since the last frame
};

struct KioskOptions {
  std::string vault_error;  // msgid: the vault could not be opened (vault is null)
  double idle_lock = 0;     // seconds; > 0 replaces the vault's setting (--idle-lock)
  std::filesystem::path import_folder = survey::kDefaultImportDir;
  std::filesystem::path profile_folder = survey::kDefaultProfileDir;
};

survey::Date local_date(std::time_t wall);  // the appliance's local date

class KioskApp {
 public:
  KioskApp(survey::Vault* vault, KioskOptions options = {});
  ~KioskApp();
  KioskApp(const KioskApp&) = delete;
  KioskApp& operator=(const KioskApp&) = delete;

  void begin_frame(const FrameInput& in);
  Intents draw(const FrameInput& in);
  void apply(const Intents& intents, const FrameInput& in);

  ScreenId screen() const { return current_; }
  // The signed-in user's text size as a factor of the standard (1 while locked).
  float text_scale() const { return static_cast<float>(sitting_.text_size()) / 100.0f; }
  bool quit_confirmed() const { return quit_confirmed_; }
  // The process was told to stop (SIGTERM): what is on screen is forgotten and
  // the sitting closes, recorded as `close` with reason=terminated.
  void terminate(const FrameInput& in);
  bool quit_dialog_open() const { return dialog_ == AppDialog::quit; }
  bool close_dialog_open() const { return dialog_ == AppDialog::close_sitting; }
  bool help_open() const { return dialog_ == AppDialog::help; }
  bool shows_personal_data() const;  // the current screen does; so does its watermark
  survey::WorkSitting& sitting() { return sitting_; }
  const survey::WorkSitting& sitting() const { return sitting_; }
  survey::TaskRunner& tasks() { return tasks_; }
  template <class S>
  S& screen_as() {
    return std::get<S>(screens_);
  }

  // The lock screen's own path, for --sign-in (demo, e2e).
  void submit_sign_in(const std::string& user_id, crypto::SecureBuffer passphrase);
  const std::string& last_error() const { return sitting_.sign_in_error(); }
  bool working() const { return tasks_.busy(); }
  void wait_for_work() { tasks_.wait(); }  // until the running task has ended (tests, --sign-in)
  // Called from any thread when a task reports: the shell wakes its loop.
  void set_wake(std::function<void()> wake) { tasks_.set_wake(std::move(wake)); }
  // Seconds until something on screen changes by time alone (a countdown,
  // the idle lock, the end of the day); the frame loop sleeps at most this.
  double next_redraw(const FrameInput& in);

 private:
  ScreenContext context(const FrameInput& in);
  Screen& current_screen();
  Screen& screen_by_id(ScreenId id);
  void go_to(ScreenId id, const ScreenArgs& args, const FrameInput& in);
  void forget_all(const FrameInput& in);
  void apply_app(const AppIntent& intent, const FrameInput& in);
  void draw_header(const FrameInput& in);
  void draw_action_bar(std::vector<AppIntent>& app);
  void draw_dialog(std::vector<AppIntent>& app);

  enum class AppDialog : unsigned char { none, quit, close_sitting, help };

  survey::TaskRunner tasks_;
  survey::WorkSitting sitting_;
  Screens::Owned screens_;
  ScreenId current_ = ScreenId::lock;
  std::string survey_id_;               // the survey the survey screens are about
  AppDialog dialog_ = AppDialog::none;  // the app's own dialog, over the screen
  bool quit_confirmed_ = false;
  bool dev_windows_ = false;  // SHOGO_DEV_WINDOWS builds only
};

}  // namespace shogo::ui
