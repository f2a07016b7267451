#include "kiosk/ui/kiosk_app.hpp"

#include <imgui.h>

#include <cstdio>
#include <type_traits>

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

const char* screen_id(Screen s) {
  switch (s) {
    case Screen::lock: return "lock";
    case Screen::home: return "home";
    case Screen::access_log: return "access-log";
    case Screen::name_check: return "name-check";
    case Screen::settings: return "settings";
  }
  return "?";
}

bool parse_screen(const std::string& id, Screen& out) {
  for (Screen s :
       {Screen::lock, Screen::home, Screen::access_log, Screen::name_check, Screen::settings}) {
    if (id == screen_id(s)) {
      out = s;
      return true;
    }
  }
  return false;
}

KioskApp::KioskApp(survey::Sitting& sitting, DemoData data)
    : sitting_(sitting), data_(std::move(data)) {}

bool KioskApp::shows_personal_data() const {
  return !sitting_.locked() && (screen_ == Screen::access_log || screen_ == Screen::name_check);
}

void KioskApp::begin_frame(const FrameInput& in) {
  if (in.had_input) sitting_.note_activity(in.now);
  sitting_.tick(in.now);
  if (sitting_.locked()) {
    screen_ = Screen::lock;
    quit_open_ = false;
  }
  recorded_items().clear();
}

const AccessLogModel& KioskApp::access_log_model() {
  // Rebuilt when the language changes: operation labels are translated.
  access_log_ = std::make_unique<AccessLogModel>();
  auto& m = *access_log_;
  char caption[160];
  std::snprintf(caption, sizeof caption, tr("%zu rows of synthetic access logs (not real people)."),
                data_.access_log.size());
  m.caption = caption;
  m.rows.reserve(data_.access_log.size());
  for (const auto& r : data_.access_log) {
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
  if (data_.is_demo) {
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
    for (const auto& u : sitting_.users()) m.users.push_back({u.id, u.name, u.role});
    m.selected_user_id = selected_user_;
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
        HomeModel m{user.name, user.role, user.role == survey::Role::manager,
                    static_cast<int>(sitting_.idle_limit())};
        home_view(m, out);
        break;
      }
      case Screen::access_log:
        access_log_view(access_log_ ? *access_log_ : access_log_model(), out);
        break;
      case Screen::name_check: name_check_view({data_.name_samples}, out); break;
      case Screen::settings:
        settings_view({language(), static_cast<int>(sitting_.idle_limit() / 60)}, out);
        break;
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
                     selected_user_ = r.user_id;
                     sign_in_error_.clear();
                   },
                   [&](const RequestSignIn& r) {
                     if (auto s = sitting_.sign_in(r.user_id, in.now); !s) {
                       sign_in_error_ = s.error().message;
                     } else {
                       sign_in_error_.clear();
                       selected_user_.clear();
                       screen_ = Screen::home;
                     }
                   },
                   [&](const RequestSignOut&) { sitting_.sign_out(in.now); },
                   [&](const RequestLock&) { sitting_.lock(in.now); },
                   [&](const RequestCloseSitting&) { sitting_.close_sitting(in.now); },
                   [&](const RequestScreen& r) { screen_ = r.screen; },
                   [&](const RequestLanguage& r) {
                     set_language(r.language);
                     access_log_.reset();
                   },
                   [&](const RequestQuit&) { quit_open_ = true; },
                   [&](const RequestCancelQuit&) { quit_open_ = false; },
                   [&](const RequestConfirmQuit&) {
                     sitting_.close_sitting(in.now);
                     quit_open_ = false;
                     quit_confirmed_ = true;
                   },
               },
               intent);
  }
  if (sitting_.locked()) screen_ = Screen::lock;
}

}  // namespace shogo::ui
