#include "kiosk/ui/kiosk_app.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <type_traits>
#include <utility>

#include "kiosk/ui/widgets.hpp"

namespace shogo::ui {

namespace {

std::string format_clock(std::time_t wall) {
  std::tm tm{};
  localtime_r(&wall, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
  return buf;
}

// Every screen's intent type is its own: the app routes intents by type.
template <class... S>
constexpr bool intents_unique(std::tuple<S...>*) {
  return ((Screens::count_of<typename S::Intent>() == 1) && ...);
}
static_assert(intents_unique(static_cast<Screens::Owned*>(nullptr)),
              "two screens share an intent type: give each screen its own");

void quit_dialog(bool open, std::vector<AppIntent>& out) {
  if (!open) return;
  ImGui::OpenPopup("quit_confirm");
  const ImVec2 centre(ImGui::GetIO().DisplaySize.x * 0.5f, ImGui::GetIO().DisplaySize.y * 0.5f);
  ImGui::SetNextWindowPos(centre, ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  if (ImGui::BeginPopupModal("quit_confirm", nullptr,
                             ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoTitleBar)) {
    ImGui::TextUnformatted(tr("Shut down Shogo? The work sitting is closed first."));
    if (button(tr("Shut down"), ImVec2(160, 0))) out.emplace_back(RequestConfirmQuit{});
    ImGui::SameLine();
    if (button(tr("Cancel"), ImVec2(160, 0))) out.emplace_back(RequestCancelQuit{});
    ImGui::EndPopup();
  }
}

}  // namespace

survey::Date local_date(std::time_t wall) {
  std::tm tm{};
  localtime_r(&wall, &tm);
  return {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

KioskApp::KioskApp(survey::Vault* vault, KioskOptions options)
    : sitting_(vault, tasks_, std::move(options.vault_error), options.idle_lock) {
  std::get<ImportScreen>(screens_).set_folders(std::move(options.import_folder),
                                               std::move(options.profile_folder));
}

KioskApp::~KioskApp() { tasks_.stop(); }

ScreenContext KioskApp::context(const FrameInput& in) {
  return ScreenContext{sitting_, tasks_,    sitting_.current_user(), local_date(in.wall), in.wall,
                       in.now,   survey_id_};
}

Screen& KioskApp::screen_by_id(ScreenId id) {
  Screen* found = nullptr;
  std::apply([&](auto&... s) { ((s.id() == id ? (found = &s) : found), ...); }, screens_);
  return *found;  // every ScreenId is registered (a test opens each)
}

Screen& KioskApp::current_screen() { return screen_by_id(current_); }

bool KioskApp::shows_personal_data() const {
  if (sitting_.locked()) return false;
  bool shows = false;
  std::apply(
      [&](const auto&... s) { ((s.id() == current_ && (shows = s.shows_personal_data())), ...); },
      screens_);
  return shows;
}

void KioskApp::forget_all(const FrameInput& in) {
  ScreenContext ctx = context(in);
  std::apply([&](auto&... s) { (s.forget(ctx), ...); }, screens_);
}

void KioskApp::go_to(ScreenId id, const ScreenArgs& args, const FrameInput& in) {
  Screen& target = screen_by_id(id);
  ScreenContext ctx = context(in);
  if (id != ScreenId::lock) {
    if (sitting_.locked()) return;
    if (auto needs = target.needs(); needs && !ctx.may(*needs)) return;  // no button; no effect
  }
  // Personal data leaves with the screen, and its work stops (the vault is
  // free again before the next screen loads from it).
  if (current_ != id) current_screen().forget(ctx);
  current_ = id;
  target.open(ctx, args);
}

void KioskApp::submit_sign_in(const std::string& user_id, crypto::SecureBuffer passphrase) {
  sitting_.request_sign_in(user_id, std::move(passphrase));
}

void KioskApp::begin_frame(const FrameInput& in) {
  recorded_items().clear();
  const bool lost = sitting_.begin_frame({in.now, in.wall, in.had_input});
  if (sitting_.locked()) {
    quit_open_ = false;
    if (lost || current_ != ScreenId::lock) {
      forget_all(in);  // personal data leaves memory at every lock
      go_to(ScreenId::lock, {}, in);
    }
  } else if (current_ == ScreenId::lock) {
    go_to(ScreenId::home, {}, in);  // a sign-in just succeeded
  }
}

void KioskApp::draw_header(const FrameInput& in) {
  ImGui::PushFont(fonts().title);
  ImGui::TextUnformatted(tr("Shogo — access-log survey"));
  ImGui::PopFont();
  if (const survey::Vault* v = sitting_.vault(); v != nullptr && v->demo()) {
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
  std::vector<AppIntent> app;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->Pos);
  ImGui::SetNextWindowSize(vp->Size);
  constexpr ImGuiWindowFlags kRoot = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                     ImGuiWindowFlags_NoSavedSettings |
                                     ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::PushFont(fonts().ui);
  ImGui::Begin("##shogo", nullptr, kRoot);
  draw_header(in);
  ScreenContext ctx = context(in);
  current_screen().draw(ctx, app);
  if (!sitting_.locked()) {
    quit_dialog(quit_open_, app);
    if (shows_personal_data()) {
      watermark(sitting_.current_user()->name + "  " + format_clock(in.wall));
    }
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
  for (AppIntent& a : app) out.emplace_back(std::move(a));
  // The current screen's own intents, as its view emitted them.
  std::apply(
      [&](auto&... s) {
        (
            [&](auto& screen) {
              for (auto& i : screen.take_intents()) out.emplace_back(std::move(i));
            }(s),
            ...);
      },
      screens_);
  return out;
}

double KioskApp::next_redraw(const FrameInput& in) {
  double next = 60.0 - static_cast<double>(in.wall % 60);  // the header clock shows minutes
  if (!sitting_.locked()) {
    next = std::min(next, sitting_.seconds_until_idle_lock(in.now) + 0.05);
  } else {
    ScreenContext ctx = context(in);
    if (const double c = std::get<LockScreen>(screens_).countdown(ctx); c > 0) {
      next = std::min(next, c);
    }
  }
  if (sitting_.deadline() != 0) {
    next = std::min(next, static_cast<double>(sitting_.deadline() - in.wall) + 0.05);
  }
  return std::max(0.05, next);
}

void KioskApp::apply_app(const AppIntent& intent, const FrameInput& in) {
  using survey::Action;
  const survey::User* user = sitting_.current_user();
  auto may = [&](Action a) { return user != nullptr && survey::may(*user, a); };
  dispatch(
      intent, [&](const RequestScreen& r) { go_to(r.screen, r.args, in); },
      [&](const RequestLock&) {
        if (sitting_.locked()) return;
        forget_all(in);
        sitting_.lock();
      },
      [&](const RequestSignOut&) {
        if (sitting_.locked()) return;
        forget_all(in);
        sitting_.sign_out();
      },
      [&](const RequestCloseSitting&) {
        if (!may(Action::close_sitting)) return;
        forget_all(in);
        sitting_.close(survey::CloseReason::closed);
      },
      [&](const RequestLanguage& r) {
        if (!sitting_.locked()) {
          sitting_.record(survey::AuditAction::setting_change,
                          survey::AuditObjects().add("language", language_tag(r.language)));
        }
        set_language(r.language);
      },
      [&](const RequestQuit&) {
        if (may(Action::shut_down)) quit_open_ = true;
      },
      [&](const RequestCancelQuit&) { quit_open_ = false; },
      [&](const RequestConfirmQuit&) {
        if (!may(Action::shut_down) || !quit_open_) return;
        forget_all(in);
        sitting_.record(survey::AuditAction::shutdown);
        sitting_.close(survey::CloseReason::shutdown);
        quit_open_ = false;
        quit_confirmed_ = true;
      });
}

void KioskApp::apply(const Intents& intents, const FrameInput& in) {
  for (const Intent& intent : intents) {
    std::visit(
        [&](const auto& i) {
          using I = std::decay_t<decltype(i)>;
          if constexpr (std::is_same_v<I, AppIntent>) {
            apply_app(i, in);
          } else {
            // A screen's intent goes to its controller, and only while that
            // screen is on screen: a stray intent changes nothing.
            auto& screen = std::get<screen_of<I>>(screens_);
            if (screen.id() != current_) return;
            if (screen.id() != ScreenId::lock && sitting_.locked()) return;
            ScreenContext ctx = context(in);
            screen.apply(i, ctx);
          }
        },
        intent);
  }
  if (sitting_.locked() && current_ != ScreenId::lock) go_to(ScreenId::lock, {}, in);
}

}  // namespace shogo::ui
