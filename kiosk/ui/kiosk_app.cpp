#include "kiosk/ui/kiosk_app.hpp"

#include <imgui.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <type_traits>
#include <utility>

#include "kiosk/survey/audit_log.hpp"
#include "kiosk/survey/sheet_store.hpp"
#include "kiosk/ui/widgets.hpp"

namespace shogo::ui {

namespace {

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

std::string format_clock(std::time_t wall) {
  std::tm tm{};
  localtime_r(&wall, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
  return buf;
}

const char* lock_reason_text(survey::LockReason reason) {
  switch (reason) {
    case survey::LockReason::idle: return tr("Locked after a period without input.");
    case survey::LockReason::by_user: return tr("Locked by the user.");
    case survey::LockReason::sitting_closed: return tr("The work sitting was closed.");
    case survey::LockReason::not_signed_in:
    case survey::LockReason::none: break;
  }
  return tr("A manager signs in to open the work sitting.");
}

const char* operation_label(survey::OperationKind k) {
  switch (k) {
    case survey::OperationKind::certificate_issue: return tr("Certificate issued");
    case survey::OperationKind::confirmation_print: return tr("Confirmation print");
    case survey::OperationKind::inquiry: return tr("Inquiry");
    case survey::OperationKind::cs_operation: return tr("CS terminal operation");
  }
  return "";
}

}  // namespace

bool may_read_audit_log(const survey::User& user) {
  return user.role == survey::Role::manager || user.role == survey::Role::supervisor;
}

bool may_see_surveys(const survey::User& user) {
  return user.role == survey::Role::manager || user.role == survey::Role::supervisor;
}

survey::Date local_date(std::time_t wall) {
  std::tm tm{};
  localtime_r(&wall, &tm);
  return {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

const char* screen_id(Screen s) {
  switch (s) {
    case Screen::lock: return "lock";
    case Screen::home: return "home";
    case Screen::access_log: return "access-log";
    case Screen::name_check: return "name-check";
    case Screen::settings: return "settings";
    case Screen::audit_log: return "audit-log";
    case Screen::surveys: return "surveys";
    case Screen::designation: return "designation";
    case Screen::sheet_import: return "import";
  }
  return "?";
}

bool parse_screen(const std::string& id, Screen& out) {
  for (Screen s :
       {Screen::lock, Screen::home, Screen::access_log, Screen::name_check, Screen::settings,
        Screen::audit_log, Screen::surveys, Screen::designation, Screen::sheet_import}) {
    if (id == screen_id(s)) {
      out = s;
      return true;
    }
  }
  return false;
}

KioskApp::KioskApp(survey::Sitting& sitting, survey::Vault* vault, DemoData data,
                   std::string vault_error)
    : sitting_(sitting),
      vault_(vault),
      desk_(vault != nullptr ? std::make_unique<survey::SignInDesk>(*vault) : nullptr),
      data_(std::move(data)),
      vault_error_(std::move(vault_error)),
      surveys_(std::make_unique<SurveyScreens>(vault, kDefaultImportDir)) {}

KioskApp::~KioskApp() {
  surveys_->stop();
  if (desk_) desk_->wait();
}

// The import screen counts as showing personal data: its preview lists
// residents' rows (P6.4), and it is watermarked like the sheet.
bool KioskApp::shows_personal_data() const {
  return !sitting_.locked() && (screen_ == Screen::access_log || screen_ == Screen::name_check ||
                                screen_ == Screen::sheet_import);
}

void KioskApp::stop_survey_work() {
  surveys_->stop();
  surveys_->forget();
  for (const auto& [action, objects] : std::exchange(deferred_audit_, {})) audit(action, objects);
}

std::vector<survey::User> KioskApp::vault_users() const {
  std::vector<survey::User> users;
  for (const auto& u : vault_->users()) {
    if (!u.disabled) users.push_back({u.id, u.id, u.role});
  }
  return users;
}

void KioskApp::submit_sign_in(const std::string& user_id, crypto::SecureBuffer passphrase) {
  if (!desk_ || desk_->busy()) return;
  sign_in_error_.clear();
  waiting_user_ = user_id;
  desk_->start(user_id, std::move(passphrase));
}

void KioskApp::wait_for_sign_in() {
  if (desk_) desk_->wait();
}

void KioskApp::take_sign_in_result(const FrameInput& in) {
  if (!desk_ || desk_->busy()) return;
  auto result = desk_->take_result();
  if (!result) return;
  const std::string user_id = std::exchange(waiting_user_, {});
  if (!*result) {
    sign_in_error_ = result->error().message;
    return;
  }
  sitting_.set_users(vault_users());
  const bool was_open = sitting_.sitting_open();
  if (auto s = sitting_.sign_in(user_id, in.now); !s) {
    sign_in_error_ = s.error().message;
    if ((*result)->opened_vault) vault_->close(user_id, "not a manager");
    return;
  }
  if (!was_open) {
    // P6.4.c sheets go back at the end of every day: the sitting ends by itself.
    sitting_deadline_ = survey::next_end_of_day(in.wall, vault_->end_of_day());
  }
  sign_in_error_.clear();
  selected_user_.clear();
  screen_ = Screen::home;
}

void KioskApp::close_sitting(const std::string& reason, const FrameInput& in) {
  stop_survey_work();
  const survey::User* manager = sitting_.sitting_manager();
  sitting_.close_sitting(in.now);
  if (vault_ != nullptr) vault_->close(manager ? manager->id : "system", reason);
  access_rows_.clear();
  access_log_.reset();
}

void KioskApp::audit(const std::string& action, const std::string& objects) {
  if (vault_ == nullptr || !vault_->is_open()) return;
  if (surveys_->busy()) {  // the worker holds the vault until it has finished
    deferred_audit_.emplace_back(action, objects);
    return;
  }
  const survey::User* user = sitting_.current_user();
  if (user == nullptr) user = sitting_.locked_user();
  // A failure to record keeps the event pending in the vault for the next try.
  (void)vault_->record(user != nullptr ? user->id : "system", action, objects);
}

namespace {

std::string percent_decoded(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      const std::string hex(s.substr(i + 1, 2));
      char* end = nullptr;
      const long v = std::strtol(hex.c_str(), &end, 16);
      if (end == hex.c_str() + 2) {
        out.push_back(static_cast<char>(v));
        i += 2;
        continue;
      }
    }
    out.push_back(s[i]);
  }
  return out;
}

bool contains_text(const std::string& haystack, const char* needle) {
  return needle[0] == '\0' || haystack.find(needle) != std::string::npos;
}

}  // namespace

void KioskApp::load_audit_log() {
  audit_rows_.clear();
  if (vault_ == nullptr || !vault_->is_open()) return;
  audit("audit_view", "");  // the view itself is audited, and shows this event
  auto events = survey::load_audit_events(vault_->database());
  if (!events) {
    audit_ok_ = false;
    audit_status_ = events.error().message;
    return;
  }
  // Continuity only: the seed k0 is on paper, for shogo-admin audit verify.
  const auto report = crypto::audit::verify(*events, nullptr, {});
  audit_ok_ = report.ok;
  audit_status_ =
      report.ok ? N_("The chain of the audit log holds (continuity checked).") : report.message;
  // Display rows are made once here; each frame only filters them.
  audit_rows_.reserve(events->size());
  for (auto it = events->rbegin(); it != events->rend(); ++it) {  // newest first
    const crypto::audit::Event& e = *it;
    const std::time_t wall = static_cast<std::time_t>(e.at_utc_ms / 1000);
    std::tm tm{};
    localtime_r(&wall, &tm);
    char when[32];
    std::strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
    audit_rows_.push_back({std::to_string(e.seq), when, e.actor, e.role, e.action,
                           percent_decoded(e.objects), e.outcome});
  }
}

AuditLogModel KioskApp::audit_log_model() {
  AuditLogModel m;
  m.total = audit_rows_.size();
  m.chain_ok = audit_ok_;
  m.chain_status = audit_status_.empty() ? std::string() : std::string(tr(audit_status_.c_str()));
  m.person = filter_person_.data();
  m.action = filter_action_.data();
  m.survey = filter_survey_.data();
  m.date = filter_date_.data();
  m.field_capacity = filter_person_.size();
  const std::string survey_filter =
      filter_survey_[0] == '\0' ? std::string() : "survey=" + std::string(filter_survey_.data());
  for (const AuditRowView& r : audit_rows_) {
    if (contains_text(r.actor, filter_person_.data()) &&
        contains_text(r.action, filter_action_.data()) &&
        contains_text(r.objects, survey_filter.c_str()) &&
        std::string_view(r.when).rfind(filter_date_.data(), 0) == 0) {
      m.rows.push_back(r);
    }
  }
  return m;
}

void KioskApp::begin_frame(const FrameInput& in) {
  recorded_items().clear();
  take_sign_in_result(in);
  // The import worker's outcome is taken here, before anything is drawn.
  surveys_->poll(
      [this](const std::string& action, const std::string& objects) { audit(action, objects); });
  if (!surveys_->busy()) {
    for (const auto& [action, objects] : std::exchange(deferred_audit_, {})) {
      audit(action, objects);
    }
  }
  if (in.had_input) sitting_.note_activity(in.now);
  const bool was_signed_in = !sitting_.locked();
  sitting_.tick(in.now);
  if (was_signed_in && sitting_.locked()) {
    stop_survey_work();
    audit("lock", "reason=idle");
  }
  if (sitting_.sitting_open() && sitting_deadline_ != 0 && in.wall >= sitting_deadline_) {
    close_sitting("end_of_day", in);
  }
  if (sitting_.locked()) {
    screen_ = Screen::lock;
    quit_open_ = false;
    access_rows_.clear();  // personal data leaves memory with the screen
    access_log_.reset();
    stop_survey_work();
  }
}

void KioskApp::load_access_rows() {
  access_rows_.clear();
  access_rows_error_.clear();
  access_log_.reset();
  if (vault_ == nullptr || !vault_->is_open()) return;
  const auto ids = vault_->survey_ids();
  if (ids.empty()) {
    access_rows_error_ = N_("There is no survey in this vault yet.");
    return;
  }
  access_survey_ = ids.front();
  auto db = vault_->open_survey(ids.front());
  if (!db) {
    access_rows_error_ = db.error().message;
    return;
  }
  auto rows = survey::load_access_rows(*db);
  if (!rows) {
    access_rows_error_ = rows.error().message;
    return;
  }
  access_rows_ = std::move(rows.value());
}

const AccessLogModel& KioskApp::access_log_model() {
  // Rebuilt when the language changes: operation labels are translated.
  access_log_ = std::make_unique<AccessLogModel>();
  auto& m = *access_log_;
  if (!access_rows_error_.empty()) {
    m.caption = tr(access_rows_error_.c_str());
    return m;
  }
  char caption[160];
  std::snprintf(caption, sizeof caption, tr("%zu rows of synthetic access logs (not real people)."),
                access_rows_.size());
  m.caption = caption;
  m.rows.reserve(access_rows_.size());
  for (const auto& r : access_rows_) {
    m.rows.push_back({survey::format_date(r.date) + " " + survey::format_time(r.time),
                      std::string(survey::system_id(r.system)), r.terminal_id, r.operator_id,
                      operation_label(r.operation), r.detail, r.resident_name, r.resident_kana,
                      survey::format_date(r.resident_birth)});
  }
  return m;
}

void KioskApp::draw_header(const FrameInput& in) {
  ImGui::PushFont(fonts().title);
  ImGui::TextUnformatted(tr("Shogo — access-log survey"));
  ImGui::PopFont();
  if (vault_ != nullptr && vault_->demo()) {
    ImGui::SameLine();
    ImGui::TextColored(ImVec4(0.85f, 0.35f, 0.0f, 1.0f), "%s", tr("[DEMO]"));
  }
  const std::string clock = format_clock(in.wall);
  ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - 200);
  ImGui::TextUnformatted(clock.c_str());
  ImGui::Separator();
}

Intents KioskApp::draw(const FrameInput& in) {
  Intents out;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->Pos);
  ImGui::SetNextWindowSize(vp->Size);
  constexpr ImGuiWindowFlags kRoot = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                     ImGuiWindowFlags_NoSavedSettings |
                                     ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::PushFont(fonts().ui);
  ImGui::Begin("##shogo", nullptr, kRoot);
  draw_header(in);

  if (sitting_.locked()) {
    LockModel m;
    if (vault_ != nullptr && !checking_passphrase()) {
      for (const std::string& name : vault_->sign_in_names()) m.users.push_back(name);
      if (!selected_user_.empty()) {
        m.wait_seconds =
            static_cast<int>(std::ceil(vault_->seconds_until_next_try(selected_user_)));
      }
    }
    m.vault_error = vault_error_.empty() ? std::string() : tr(vault_error_.c_str());
    m.selected_user_id = checking_passphrase() ? waiting_user_ : selected_user_;
    m.checking = checking_passphrase();
    m.focus_passphrase = std::exchange(focus_passphrase_, false);
    m.passphrase = reinterpret_cast<char*>(passphrase_field_.data());
    m.passphrase_capacity = passphrase_field_.size();
    m.reason = lock_reason_text(sitting_.lock_reason());
    if (!sign_in_error_.empty()) m.error = tr(sign_in_error_.c_str());
    if (const auto* mgr = sitting_.sitting_manager()) m.sitting_manager = mgr->name;
    m.language = language();
    lock_view(m, out);
  } else {
    const survey::User& user = *sitting_.current_user();
    switch (screen_) {
      case Screen::lock:
      case Screen::home: {
        HomeModel m;
        m.user_name = user.name;
        m.role = user.role;
        m.sitting_manager = user.role == survey::Role::manager;
        m.may_read_audit_log = may_read_audit_log(user);
        m.idle_lock_seconds = static_cast<int>(sitting_.idle_limit());
        home_view(m, out);
        break;
      }
      case Screen::access_log:
        access_log_view(access_log_ ? *access_log_ : access_log_model(), out);
        break;
      case Screen::name_check: name_check_view({data_.name_samples}, out); break;
      case Screen::audit_log: audit_log_view(audit_log_model(), out); break;
      case Screen::settings:
        settings_view({language(), static_cast<int>(sitting_.idle_limit() / 60)}, out);
        break;
      case Screen::surveys: survey_overview_view(surveys_->overview_model(user), out); break;
      case Screen::designation: designation_view(surveys_->designation_model(user), out); break;
      case Screen::sheet_import: sheet_import_view(surveys_->import_model(user), out); break;
    }
    quit_dialog(quit_open_, out);
    if (shows_personal_data()) watermark(user.name + "  " + format_clock(in.wall));
  }
  ImGui::End();
  ImGui::PopFont();
#if SHOGO_DEV_WINDOWS
  // Development builds only (the release preset compiles this out): Ctrl+Shift+D
  // toggles ImGui's demo and metrics windows.
  const ImGuiIO& io = ImGui::GetIO();
  if (io.KeyCtrl && io.KeyShift && ImGui::IsKeyPressed('D')) dev_windows_ = !dev_windows_;
  if (dev_windows_) {
    ImGui::ShowDemoWindow(&dev_windows_);
    ImGui::ShowMetricsWindow(&dev_windows_);
  }
#endif
  return out;
}

void KioskApp::apply(const Intents& intents, const FrameInput& in) {
  for (const Intent& intent : intents) {
    std::visit(Overloaded{
                   [&](const RequestSelectUser& r) {
                     if (checking_passphrase()) return;
                     selected_user_ = r.user_id;
                     sign_in_error_.clear();
                     focus_passphrase_ = true;
                   },
                   [&](const RequestSignIn& r) {
                     // The typed passphrase moves to its own guarded buffer;
                     // the field and ImGui's copy of it are wiped now.
                     const auto* field = reinterpret_cast<const char*>(passphrase_field_.data());
                     const std::size_t length = strnlen(field, passphrase_field_.size());
                     crypto::SecureBuffer passphrase(length);
                     if (length > 0) std::memcpy(passphrase.data(), field, length);
                     passphrase_field_.wipe();
                     wipe_text_input_state();
                     if (length == 0) {
                       sign_in_error_ = N_("Please type your passphrase.");
                       return;
                     }
                     submit_sign_in(r.user_id, std::move(passphrase));
                   },
                   [&](const RequestSignOut&) {
                     stop_survey_work();
                     audit("sign_out", "");
                     sitting_.sign_out(in.now);
                   },
                   [&](const RequestLock&) {
                     stop_survey_work();
                     audit("lock", "reason=user");
                     sitting_.lock(in.now);
                   },
                   [&](const RequestCloseSitting&) { close_sitting("closed", in); },
                   [&](const RequestScreen& r) {
                     const survey::User* user = sitting_.current_user();
                     if (r.screen == Screen::audit_log &&
                         (user == nullptr || !may_read_audit_log(*user))) {
                       return;  // the button is not there; a stray intent changes nothing
                     }
                     const bool survey_screen = r.screen == Screen::surveys ||
                                                r.screen == Screen::designation ||
                                                r.screen == Screen::sheet_import;
                     if (survey_screen && (user == nullptr || !may_see_surveys(*user))) return;
                     if (screen_ == Screen::sheet_import && r.screen != screen_) {
                       stop_survey_work();  // the preview's rows leave with the screen
                     }
                     screen_ = r.screen;
                     if (survey_screen) surveys_->open(r.screen, local_date(in.wall));
                     if (r.screen == Screen::access_log) load_access_rows();
                     if (r.screen == Screen::audit_log) load_audit_log();
                     if (r.screen == Screen::access_log || r.screen == Screen::name_check) {
                       std::string objects = std::string("screen=") + screen_id(r.screen);
                       if (r.screen == Screen::access_log && !access_survey_.empty()) {
                         objects += ";survey=" + access_survey_;
                       }
                       audit("view_personal_data", objects);
                     }
                   },
                   [&](const RequestLanguage& r) {
                     if (!sitting_.locked()) {
                       audit("setting_change",
                             std::string("language=") + std::string(language_tag(r.language)));
                     }
                     set_language(r.language);
                     access_log_.reset();
                   },
                   [&](const RequestQuit&) { quit_open_ = true; },
                   [&](const RequestCancelQuit&) { quit_open_ = false; },
                   [&](const RequestConfirmQuit&) {
                     audit("shutdown", "");
                     close_sitting("shutdown", in);
                     quit_open_ = false;
                     quit_confirmed_ = true;
                   },
                   [&](const auto&) {  // the survey screens' requests
                     const survey::User* user = sitting_.current_user();
                     if (user == nullptr || !may_see_surveys(*user)) return;
                     (void)surveys_->apply(intent, *user, local_date(in.wall), screen_);
                   },
               },
               intent);
  }
  if (sitting_.locked()) screen_ = Screen::lock;
}

}  // namespace shogo::ui
