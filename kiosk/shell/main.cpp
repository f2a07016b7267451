// shogo-kiosk — the full-screen program of the audit terminal.
//
// Start-up: harden the process, crypto self-tests, fonts, window; then the
// frame loop, which sleeps in glfwWaitEventsTimeout() while nothing happens.

#include <CLI/CLI.hpp>
#include <imgui.h>
#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <exception>
#include <optional>
#include <thread>

#include "crypto/passphrase_input.hpp"
#include "crypto/startup.hpp"
#include "crypto/zeroing_heap.hpp"
#include "kiosk/shell/font_book.hpp"
#include "kiosk/shell/frame_runner.hpp"
#include "kiosk/shell/platform_window.hpp"
#include "kiosk/shell/startup_clock.hpp"
#include "kiosk/survey/vault.hpp"
#include "kiosk/ui/i18n.hpp"
#include "kiosk/ui/kiosk_app.hpp"
#include "kiosk/ui/theme.hpp"
#include "storage/zeroing_allocator.hpp"

namespace {

using namespace shogo;

// SIGTERM (systemd stopping the kiosk), SIGINT and SIGHUP: the frame loop
// closes the sitting, which records it, and the program exits. The signals
// are blocked in every thread and taken by one thread with sigwait(); it may
// wake the sleeping frame loop (glfwPostEmptyEvent may be called from any
// thread, once GLFW is up).
std::atomic<int> g_stop_signal{0};
std::atomic<bool> g_window_up{false};

void take_stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  for (int sig : {SIGTERM, SIGINT, SIGHUP}) sigaddset(&set, sig);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);  // before any other thread exists
  std::thread([set] {
    int sig = 0;
    if (sigwait(&set, &sig) != 0) return;
    g_stop_signal = sig;
    if (g_window_up) shell::KioskWindow::wake();
  }).detach();
}

struct Options {
  bool windowed = false;
  int width = 1280;
  int height = 800;
  bool print_startup_time = false;
  std::string language = "ja";
  std::string vault = survey::kDefaultVaultDir;
  std::string import_dir = survey::kDefaultImportDir;    // the import screen's only folder
  std::string profile_dir = survey::kDefaultProfileDir;  // the site's own column profiles (P6.4)
  std::string sign_in;                                   // sign this user in before the first frame
  int passphrase_fd = -1;   // ... with the passphrase read from this descriptor
  std::string goto_screen;  // then open this screen
  std::string screenshot;   // demo vault only: write a PNG after --frames frames
  int frames = 0;           // exit after this many presented frames (0: run until quit)
  double idle_lock = 0;     // seconds; 0: the vault's setting
};

int fail(const Error& e) {
  std::fprintf(stderr, "shogo-kiosk: %s\n", e.message.c_str());
  return 1;
}

}  // namespace

namespace {

int run(int argc, char** argv) {
  const double t_main = shell::monotonic_seconds();
  take_stop_signals();
  Options opt;
  CLI::App cli{"Shogo (照合) — the access-log survey kiosk"};
  cli.add_flag("--windowed", opt.windowed, "A normal window instead of full screen");
  cli.add_option("--width", opt.width, "Window width with --windowed")
      ->check(CLI::Range(640, 7680));
  cli.add_option("--height", opt.height, "Window height with --windowed")
      ->check(CLI::Range(480, 4320));
  cli.add_flag("--print-startup-time", opt.print_startup_time,
               "Print the seconds from process start to the first frame on screen");
  cli.add_option("--language", opt.language, "ja (default) or en")
      ->check(CLI::IsMember({"ja", "en"}));
  cli.add_option("--vault", opt.vault, "The vault folder")->capture_default_str();
  cli.add_option("--import-dir", opt.import_dir,
                 "The import folder: the import screen offers its *.csv and *.xlsx files")
      ->capture_default_str();
  cli.add_option("--profile-dir", opt.profile_dir,
                 "The site's column profiles: the import screen offers its *.toml files "
                 "beside the reference profile (a missing folder holds none)")
      ->capture_default_str();
  cli.add_option("--sign-in", opt.sign_in,
                 "Sign this user in before the first frame (with --passphrase-fd)");
  cli.add_option("--passphrase-fd", opt.passphrase_fd,
                 "Read the --sign-in passphrase from this file descriptor (never argv)")
      ->check(CLI::NonNegativeNumber);
  cli.add_option("--goto", opt.goto_screen,
                 "Open a screen after --sign-in (home, name-check, settings, audit-log, "
                 "surveys, designation, import)");
  cli.add_option("--screenshot", opt.screenshot,
                 "Demo vault only: write a PNG of the screen after --frames");
  cli.add_option("--frames", opt.frames, "Exit after this many frames")
      ->check(CLI::NonNegativeNumber);
  cli.add_option("--idle-lock", opt.idle_lock,
                 "Demos and tests: seconds without input before the screen locks, instead of "
                 "the vault's setting")
      ->check(CLI::Range(5.0, 3600.0));
  CLI11_PARSE(cli, argc, argv);

  if (auto s = crypto::harden_process(); !s) return fail(s.error());
  if (auto s = crypto::initialise(); !s) return fail(s.error());
  // Before anything touches SQLite: decrypted pages are zeroed when freed.
  if (auto s = storage::install_zeroing_allocator(); !s) return fail(s.error());
  // ImGui's text fields keep copies of what is typed (a passphrase): its
  // blocks are zeroed when freed too.
  ImGui::SetAllocatorFunctions([](std::size_t n, void*) { return crypto::zeroing_alloc(n); },
                               [](void* p, void*) { crypto::zeroing_free(p); });
  crypto::SecureBuffer start_passphrase;
  if (!opt.sign_in.empty()) {
    if (opt.passphrase_fd < 0) {
      std::fputs("shogo-kiosk: --sign-in needs --passphrase-fd N\n", stderr);
      return 2;
    }
    auto pass = crypto::PassphraseSource::fd(opt.passphrase_fd).read("");
    if (!pass) return fail(pass.error());
    start_passphrase = std::move(pass.value());
  }

  ui::ScreenId goto_screen = ui::ScreenId::home;
  if (!opt.goto_screen.empty() && !ui::parse_screen(opt.goto_screen, goto_screen)) {
    std::fprintf(stderr, "shogo-kiosk: unknown screen \"%s\"\n", opt.goto_screen.c_str());
    return 2;
  }
  if (!opt.screenshot.empty() && opt.frames == 0) opt.frames = 3;

  ui::init_i18n();
  ui::set_language(opt.language == "en" ? ui::Language::english : ui::Language::japanese);

  auto fonts = shell::FontBook::open(shell::default_font_paths());
  if (!fonts) return fail(fonts.error());

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // nothing written next to the program
  io.LogFilename = nullptr;
  ui::theme::apply(ImGui::GetStyle());

  std::unique_ptr<survey::Vault> vault;
  std::string vault_error;
  if (auto v = survey::Vault::open(opt.vault); v) {
    vault = std::move(v.value());
  } else {
    vault_error = v.error().message;
    std::fprintf(stderr, "shogo-kiosk: %s (%s)\n", v.error().message.c_str(), opt.vault.c_str());
  }
  const bool demo = vault && vault->demo();
  if (!opt.screenshot.empty() && !demo) {
    std::fputs("shogo-kiosk: screenshots are refused unless the vault is a demo vault\n", stderr);
    return 2;
  }
  ui::KioskOptions kopt;
  kopt.vault_error = vault_error;
  kopt.idle_lock = opt.idle_lock;
  kopt.import_folder = opt.import_dir;
  kopt.profile_folder = opt.profile_dir;
  ui::KioskApp app(vault.get(), kopt);

  shell::WindowOptions wopt;
  wopt.windowed = opt.windowed;
  wopt.width = opt.width;
  wopt.height = opt.height;
  wopt.title = demo ? "Shogo (照合) [DEMO]" : "Shogo (照合)";
  auto window = shell::KioskWindow::open(wopt);
  if (!window) {
    if (window.error().code == "display.none") {
      std::fputs(shell::no_display_help(argv[0]).c_str(), stderr);
      return 3;
    }
    return fail(window.error());
  }
  shell::KioskWindow& win = *window.value();
  // Background work (sign-in, import) wakes the frame loop when it reports.
  app.set_wake(shell::KioskWindow::wake);
  g_window_up = true;

  if (!opt.sign_in.empty()) {
    // The lock screen's own path: the check runs on the sign-in worker.
    app.submit_sign_in(opt.sign_in, std::move(start_passphrase));
    app.wait_for_work();
    const ui::FrameInput now{shell::monotonic_seconds(), std::time(nullptr), true};
    app.begin_frame(now);
    if (app.sitting().locked()) {
      std::fprintf(stderr, "shogo-kiosk: sign-in failed: %s\n", app.last_error().c_str());
      return 1;
    }
    if (!opt.goto_screen.empty() && goto_screen != ui::ScreenId::home) {
      app.apply({ui::RequestScreen{goto_screen}}, now);
    }
  }

  shell::FrameHooks hooks;
  hooks.backend_new_frame = [&] { win.backend_new_frame(); };
  hooks.fonts_rebuilt = [&] { win.upload_fonts(); };

  int presented = 0;
  int busy_frames = 3;  // keep drawing a few frames after input (hover, animations)
  bool startup_reported = false;
  for (;;) {
    if (g_stop_signal != 0) {
      app.terminate({shell::monotonic_seconds(), std::time(nullptr), false});
      std::fprintf(stderr, "shogo-kiosk: stopped by signal %d; the sitting is closed\n",
                   g_stop_signal.load());
      break;
    }
    const double now = shell::monotonic_seconds();
    const std::time_t wall = std::time(nullptr);
    if (busy_frames > 0 || opt.frames > 0) {
      win.wait_events(0);
    } else {
      // Asleep until input, a task's report (KioskWindow::wake), or the next
      // moment something changes by time alone (clock, countdown, idle lock).
      win.wait_events(app.next_redraw({now, wall, false}));
    }
    const bool input = win.take_input();
    // A task's report changes the page (a result, an error) and may scroll it
    // into view, which ImGui applies one frame later: draw a few frames then too.
    const bool woken = win.take_wake();
    busy_frames = input ? 6 : woken ? std::max(busy_frames, 3) : std::max(0, busy_frames - 1);

    const ui::FrameInput in{shell::monotonic_seconds(), std::time(nullptr), input};
    auto frame = shell::run_frame(app, *fonts.value(), in, hooks);
    if (!frame) return fail(frame.error());
    ++presented;
    const bool last = opt.frames > 0 && presented >= opt.frames;
    win.render();
    if (last && !opt.screenshot.empty()) {
      if (auto s = win.save_screenshot(opt.screenshot); !s) return fail(s.error());
      std::printf("screenshot: %s (%dx%d)\n", opt.screenshot.c_str(), win.width(), win.height());
    }
    win.present();
    if (!startup_reported) {
      startup_reported = true;
      if (opt.print_startup_time) {
        std::printf("startup: first frame %.3f s after process start (%.3f s after main)\n",
                    shell::seconds_since_process_start(), shell::monotonic_seconds() - t_main);
        std::fflush(stdout);
      }
    }
    app.apply(frame->intents, in);
    if (app.quit_confirmed() || last) break;
  }
  window.value().reset();
  ImGui::DestroyContext();
  return 0;
}

}  // namespace

// Anything thrown that the code above did not handle ends here, in one plain
// line (exception texts never hold secrets or personal data in Shogo); the
// service manager restarts the kiosk.
int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "shogo-kiosk: unexpected error: %s\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "shogo-kiosk: unexpected error\n");
  }
  return 70;
}
