#pragma once
// KioskApp — the kiosk's screens and navigation, drawn through ImGui.
//
// Each frame: begin_frame() feeds input activity and time to the sitting
// (idle lock), draw() draws exactly one screen and returns intents, apply()
// carries them out. When the sitting is locked, draw() draws the lock form
// and nothing else — no header with names, no watermark of a user.
//
// Sign-in goes through the vault: the passphrase typed on the lock screen
// lives in guarded memory, is checked off the UI thread (survey::SignInDesk)
// and is wiped, with ImGui's copy of the text field, as soon as it is sent.
// The first sign-in of a manager opens the vault and the work sitting;
// closing the sitting — by the manager, at quitting, or at the configured
// end-of-day time — closes the vault and wipes its keys.
//
// Platform-free: the shell (GLFW) and the headless test harness both host it.

#include <array>
#include <ctime>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "crypto/secure_buffer.hpp"
#include "kiosk/survey/domain.hpp"
#include "kiosk/survey/sign_in_desk.hpp"
#include "kiosk/survey/sitting.hpp"
#include "kiosk/survey/vault.hpp"
#include "kiosk/ui/survey_screens.hpp"
#include "kiosk/ui/views.hpp"

namespace shogo::ui {

struct FrameInput {
  double now = 0;          // monotonic seconds
  std::time_t wall = 0;    // wall clock, for the header and watermark
  bool had_input = false;  // any key, click or mouse move since the last frame
};

struct DemoData {
  std::vector<NameSample> name_samples;  // the name check screen (synthetic names)
};

// Managers and supervisors read the audit log (the design: the people the
// procedure makes responsible for the survey).
bool may_read_audit_log(const survey::User& user);
// The survey screens (overview, designation, import) are for the people the
// procedure makes responsible: managers and supervisors (P5).
bool may_see_surveys(const survey::User& user);
survey::Date local_date(std::time_t wall);  // the appliance's local date

class KioskApp {
 public:
  // `vault` may be null when it could not be opened; `vault_error` then says
  // why, and the lock screen shows it instead of the sign-in form.
  KioskApp(survey::Sitting& sitting, survey::Vault* vault, DemoData data,
           std::string vault_error = {});
  ~KioskApp();
  KioskApp(const KioskApp&) = delete;
  KioskApp& operator=(const KioskApp&) = delete;

  void begin_frame(const FrameInput& in);
  Intents draw(const FrameInput& in);
  void apply(const Intents& intents, const FrameInput& in);

  Screen screen() const { return screen_; }
  bool quit_confirmed() const { return quit_confirmed_; }
  bool quit_dialog_open() const { return quit_open_; }
  bool shows_personal_data() const;  // the current screen does; so does its watermark
  const survey::Sitting& sitting() const { return sitting_; }
  bool checking_passphrase() const { return desk_ && desk_->busy(); }
  // The same path as the lock screen's button, for --sign-in (demo, e2e).
  void submit_sign_in(const std::string& user_id, crypto::SecureBuffer passphrase);
  void wait_for_sign_in();
  const std::string& last_error() const { return sign_in_error_; }
  // The import folder (--import-dir): its regular *.csv and *.xlsx files are
  // what the import screen offers, and nothing else.        default kDefaultImportDir
  void set_import_folder(std::filesystem::path folder) {
    surveys_->set_import_folder(std::move(folder));
  }
  // The profile folder (--profile-dir): the site's own column profiles, every
  // regular *.toml file, offered beside the reference profile of the chosen
  // kind of sheet; a missing folder holds none.            default kDefaultProfileDir
  void set_profile_folder(std::filesystem::path folder) {
    surveys_->set_profile_folder(std::move(folder));
  }
  // A preview or import runs on its worker (tests wait for it with frames).
  bool working() const { return surveys_->busy(); }
  void wait_for_work() { surveys_->wait(); }  // tests: until the worker has finished

 private:
  void draw_header(const FrameInput& in);
  const AccessLogModel& access_log_model();
  void take_sign_in_result(const FrameInput& in);
  void load_access_rows();  // the demo survey's rows, when its screen opens
  void audit(const std::string& action, const std::string& objects);  // by the current user
  void load_audit_log();                                              // when the audit screen opens
  AuditLogModel audit_log_model();                                    // filtered, each frame
  void close_sitting(const std::string& reason, const FrameInput& in);
  std::vector<survey::User> vault_users() const;
  void stop_survey_work();  // cancels a preview or import and forgets its personal data

  survey::Sitting& sitting_;
  survey::Vault* vault_;
  std::unique_ptr<survey::SignInDesk> desk_;
  DemoData data_;
  std::string vault_error_;
  crypto::SecureBuffer passphrase_field_{256};     // the lock screen's text field
  std::time_t sitting_deadline_ = 0;               // end of day of the open sitting
  std::vector<survey::AccessLogRow> access_rows_;  // PERSONAL DATA, while shown
  std::string access_rows_error_;
  std::string access_survey_;             // whose rows are shown
  std::vector<AuditRowView> audit_rows_;  // newest first; no personal data, by construction
  std::string audit_status_;              // msgid or a verify() sentence
  bool audit_ok_ = true;
  std::array<char, 64> filter_person_{}, filter_action_{}, filter_survey_{}, filter_date_{};
  Screen screen_ = Screen::lock;
  std::string selected_user_;
  std::string sign_in_error_;  // msgid, translated when drawn
  std::string waiting_user_;   // whose passphrase is being checked
  bool focus_passphrase_ = false;
  bool quit_open_ = false;
  bool quit_confirmed_ = false;
  std::unique_ptr<AccessLogModel> access_log_;  // built on first view
  std::unique_ptr<SurveyScreens> surveys_;
  // Audit events seen while the import worker holds the vault: appended
  // once it has finished (in order, before the next frame's work).
  std::vector<std::pair<std::string, std::string>> deferred_audit_;
  bool dev_windows_ = false;  // SHOGO_DEV_WINDOWS builds only
};

}  // namespace shogo::ui
