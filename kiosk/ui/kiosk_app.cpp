#include "kiosk/ui/kiosk_app.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <type_traits>
#include <utility>

#include "crypto/secure_buffer.hpp"
#include "kiosk/ui/dates.hpp"
#include "kiosk/ui/glyph_registry.hpp"
#include "kiosk/ui/labels.hpp"
#include "kiosk/ui/page.hpp"
#include "kiosk/ui/text_entry.hpp"
#include "kiosk/ui/text_layout.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace shogo::ui {

namespace {

// 令和8年12月2日（水） 07:41: the header's clock and the watermark.
std::string format_clock(std::time_t wall) {
  std::tm tm{};
  localtime_r(&wall, &tm);
  char time[16];
  std::strftime(time, sizeof time, "%H:%M", &tm);
  return wareki_date({tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday}) + "　" + time;
}

// Every screen's intent type is its own: the app routes intents by type.
template <class... S>
constexpr bool intents_unique(std::tuple<S...>*) {
  return ((Screens::count_of<typename S::Intent>() == 1) && ...);
}
static_assert(intents_unique(static_cast<Screens::Owned*>(nullptr)),
              "two screens share an intent type: give each screen its own");

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
  // Residents' data leaves memory at every lock: the screens' copies above,
  // the names the glyph registry encoded, and what drawing left on the
  // stack (freed heap blocks are zeroed by the kiosk's operator delete).
  glyphs().forget_names();
  forget_text_entry();  // what was being composed; Anthy's context reset
  crypto::wipe_stack();
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
  if (current_ != id) {
    current_screen().forget(ctx);
    forget_text_entry();
  }
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
    dialog_ = AppDialog::none;
    if (lost || current_ != ScreenId::lock) {
      forget_all(in);  // personal data leaves memory at every lock
      go_to(ScreenId::lock, {}, in);
    }
  } else if (current_ == ScreenId::lock) {
    go_to(ScreenId::home, {}, in);  // a sign-in just succeeded
  }
}

void KioskApp::draw_header(const FrameInput& in) {
  // One line: the screen's title (or the appliance's name) on the left; who
  // is signed in (never on the lock screen) and the clock on the right.
  const ImVec2 top = ImGui::GetCursorPos();
  Screen& screen = current_screen();
  ImGui::PushFont(fonts().title);
  const float title_h = ImGui::GetTextLineHeight();
  ImGui::TextUnformatted(screen.has_title() ? screen.title() : tr("Shogo — access-log survey"));
  ImGui::PopFont();
  const float body_y = top.y + (title_h - ImGui::GetTextLineHeight()) * 0.5f;
  if (const survey::Vault* v = sitting_.vault(); v != nullptr && v->demo()) {
    ImGui::SameLine(0, 24);
    ImGui::SetCursorPosY(body_y);
    ImGui::TextColored(theme::vec4(theme::kWarning), "%s", tr("[DEMO]"));
  }
  float right = ImGui::GetWindowContentRegionMax().x;
  const std::string clock = format_clock(in.wall);
  right -= ImGui::CalcTextSize(noted(clock)).x;
  ImGui::SetCursorPos(ImVec2(right, body_y));
  ImGui::TextUnformatted(clock.c_str());
  if (const survey::User* user = sitting_.current_user(); user != nullptr && !sitting_.locked()) {
    const bool ja = language() == Language::japanese;
    const std::string role =
        (ja ? "（" : " (") + std::string(role_label(user->role)) + (ja ? "）" : ")");
    right -= 32 + ImGui::CalcTextSize(noted(role)).x;
    ImGui::SetCursorPos(ImVec2(right, body_y));
    ImGui::TextUnformatted(role.c_str());
    ImGui::PushFont(fonts().name);
    const std::string encoded = glyphs().encode_name(user->name);
    right -= ImGui::CalcTextSize(encoded.c_str()).x;
    ImGui::PopFont();
    ImGui::SetCursorPos(ImVec2(right, body_y - 1));
    name_text(user->name);
  }
  // The title line and its padding (64 px at the standard size).
  ImGui::SetCursorPos(ImVec2(top.x, top.y + std::max(kHeaderHeight, title_h + 34.0f) - 12));
  ImGui::Separator();
}

void KioskApp::draw_action_bar(std::vector<AppIntent>& app) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->Pos.x, vp->Pos.y + vp->Size.y - action_bar_height()));
  ImGui::SetNextWindowSize(ImVec2(vp->Size.x, action_bar_height()));
  constexpr ImGuiWindowFlags kBar =
      ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
      ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImGui::GetColorU32(ImGuiCol_MenuBarBg));
  ImGui::Begin(kActionBarWindow, nullptr, kBar);
  ImGui::PopStyleColor();
  ImGui::GetWindowDrawList()->AddLine(
      ImGui::GetWindowPos(), ImVec2(ImGui::GetWindowPos().x + vp->Size.x, ImGui::GetWindowPos().y),
      ImGui::GetColorU32(ImGuiCol_Separator), 1.0f);
  if (!sitting_.locked()) {
    Screen& screen = current_screen();
    if (screen.has_back_button() && bar_left_button(tr("Back to menu"), "Esc")) {
      app.emplace_back(RequestScreen{ScreenId::home});
    }
    if (screen.explanation() != nullptr && bar_left_button(tr("Explanation"), "F1")) {
      app.emplace_back(RequestHelp{});
    }
  }
  ImGui::End();
}

void KioskApp::draw_dialog(std::vector<AppIntent>& app) {
  Answer answer = Answer::none;
  switch (dialog_) {
    case AppDialog::none: return;
    case AppDialog::quit:
      answer = confirm_dialog("##quit", true, tr("Shut down Shogo?"),
                              {tr("The work sitting is closed first: the vault closes and its "
                                  "keys leave memory. Signing in again opens a new sitting.")},
                              tr("Shut down"));
      break;
    case AppDialog::close_sitting:
      answer = confirm_dialog("##close_sitting", true, tr("Close the work sitting?"),
                              {tr("Everyone is signed out, the vault closes and its keys leave "
                                  "memory. A manager signs in to open a new sitting.")},
                              tr("Close the sitting"));
      break;
    case AppDialog::help: {
      ImGui::OpenPopup("##help");
      const ImGuiViewport* vp = ImGui::GetMainViewport();
      ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
      ImGui::SetNextWindowSize(ImVec2(std::min(760.0f, vp->Size.x - 2 * kPagePadding), 0));
      if (ImGui::BeginPopupModal("##help", nullptr,
                                 ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoTitleBar |
                                     ImGuiWindowFlags_NoMove)) {
        Screen& screen = current_screen();
        ImGui::PushFont(fonts().title);
        ImGui::TextUnformatted(screen.title());
        ImGui::PopFont();
        if (const char* text = screen.explanation()) wrapped_text(text);
        ImGui::Spacing();
        if (button(tr("Close"), ImVec2(200, 48)) || key_pressed(ImGuiKey_Escape) ||
            key_pressed(ImGuiKey_Enter)) {
          ImGui::CloseCurrentPopup();
          app.emplace_back(RequestCancelDialog{});
        }
        ImGui::EndPopup();
      }
      return;
    }
  }
  if (answer == Answer::confirmed) app.emplace_back(RequestConfirmDialog{});
  if (answer == Answer::cancelled) app.emplace_back(RequestCancelDialog{});
}

Intents KioskApp::draw(const FrameInput& in) {
  Intents out;
  std::vector<AppIntent> app;
  begin_frame_layout();
  const bool page_keys = page_has_keyboard();
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::PushFont(fonts().ui);
  draw_action_bar(app);
  ImGui::SetNextWindowPos(vp->Pos);
  ImGui::SetNextWindowSize(ImVec2(vp->Size.x, vp->Size.y - action_bar_height()));
  constexpr ImGuiWindowFlags kRoot =
      ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
      ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse;
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(kPagePadding, 12));
  ImGui::Begin("##shogo", nullptr, kRoot);
  ImGui::PopStyleVar();
  draw_header(in);
  // Only the content scrolls; the header above and the action bar below stay.
  ImGui::BeginChild("##content", ImVec2(0, 0), false, ImGuiWindowFlags_NoSavedSettings);
  ScreenContext ctx = context(in);
  current_screen().draw(ctx, app);
  end_text_entry_frame();  // a composition whose field is gone is wiped
  // Noted on every frame: whether the page scrolls is known only after a
  // frame's layout, and the atlas must not need a second rebuild for it.
  const char* more = tr("▼ More below (scroll)");
  glyphs().note_ui_text(more);
  // Not while composing: it would lie over the candidate list.
  if (ImGui::GetScrollY() < ImGui::GetScrollMaxY() - 1.0f && !text_entry_composing()) {
    // The page scrolls: say so at its bottom edge, over the content.
    const ImVec2 size = ImGui::CalcTextSize(more);
    const ImVec2 pos = ImGui::GetWindowPos();
    const ImVec2 extent = ImGui::GetWindowSize();
    const ImVec2 at(pos.x + (extent.x - size.x) * 0.5f, pos.y + extent.y - size.y - 10);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImVec2(at.x - 16, at.y - 4), ImVec2(at.x + size.x + 16, at.y + size.y + 4),
                      theme::kHeading, 12.0f);
    dl->AddText(at, theme::kOnPrimary, more);
  }
  ImGui::EndChild();
  if (!sitting_.locked()) {
    draw_dialog(app);
    if (shows_personal_data()) {
      watermark(sitting_.current_user()->name + "  " + format_clock(in.wall));
    }
  }
  ImGui::End();
  ImGui::PopFont();
  theme::draw_nav_focus_halo();
  if (!sitting_.locked() && dialog_ == AppDialog::none) {
    if (page_keys && key_pressed(ImGuiKey_Escape) && current_screen().has_back_button()) {
      app.emplace_back(RequestScreen{ScreenId::home});
    }
    // F1 types nothing: it explains the screen from a text field too (a form
    // opens with the focus in its first field).
    if (!ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId) && f1_pressed() &&
        current_screen().explanation() != nullptr) {
      app.emplace_back(RequestHelp{});
    }
  }
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

void KioskApp::terminate(const FrameInput& in) {
  forget_all(in);
  sitting_.close(survey::CloseReason::terminated);
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
        if (may(Action::close_sitting)) dialog_ = AppDialog::close_sitting;
      },
      [&](const RequestLanguage& r) {
        // A setting the log cannot record is not changed.
        if (!sitting_.locked() &&
            !sitting_.record(survey::AuditAction::setting_change,
                             survey::AuditObjects().add("language", language_tag(r.language)))) {
          return;
        }
        set_language(r.language);
      },
      [&](const RequestQuit&) {
        if (may(Action::shut_down)) dialog_ = AppDialog::quit;
      },
      [&](const RequestHelp&) {
        if (!sitting_.locked() && current_screen().explanation() != nullptr) {
          dialog_ = AppDialog::help;
        }
      },
      [&](const RequestCancelDialog&) { dialog_ = AppDialog::none; },
      [&](const RequestConfirmDialog&) {
        const AppDialog asked = std::exchange(dialog_, AppDialog::none);
        if (asked == AppDialog::close_sitting && may(Action::close_sitting)) {
          forget_all(in);
          sitting_.close(survey::CloseReason::closed);
        } else if (asked == AppDialog::quit && may(Action::shut_down)) {
          forget_all(in);
          sitting_.note(survey::AuditAction::shutdown);  // shuts down anyway
          sitting_.close(survey::CloseReason::shutdown);
          quit_confirmed_ = true;
        }
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
