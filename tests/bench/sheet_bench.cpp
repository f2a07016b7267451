// The sheet screen's goals (P6.5; issue "reconciliation"), against baselines
// measured in the same run (CONTRIBUTING.md: ratios, no assertions):
//   open    survey::open_lent_sheet() of a JUKI sheet of N rows (the one door:
//           rows into one guarded buffer, P6.2 groups, the paper's order)
//           against load_access_rows() of the same survey file (the plain
//           read of every row into structs)            [goal: ≤ 1 s at 100k]
//   frame   CPU time of one frame of the reconcile screen (headless, the
//           kiosk's own frame: run_frame, fonts, atlas) while the selection
//           moves down the list a group per frame, against a frame of the
//           menu                                        [goal: ≤ 2 ms at 1M,
//           flat in N]
// For each N (--rows, default 100000 and 1000000): a demo vault (synthetic
// ward, cheap KDF), a survey designated 08:30–17:15 on every terminal, the
// ward's four sheets and a JUKI sheet of N rows imported, the sheets made
// (the supervisor accepting a shortfall), the JUKI sheet lent to 𠮷川 健二.
//   scripts/bench-sheet [--rows N]... [--frames N]
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/secure_buffer.hpp"
#include "crypto/startup.hpp"
#include "kiosk/shell/font_book.hpp"
#include "kiosk/shell/frame_runner.hpp"
#include "kiosk/survey/designation.hpp"
#include "kiosk/survey/ledger.hpp"
#include "kiosk/survey/reconciliation.hpp"
#include "kiosk/survey/sheet_import.hpp"
#include "kiosk/survey/sheet_store.hpp"
#include "kiosk/survey/survey_register.hpp"
#include "kiosk/ui/i18n.hpp"
#include "kiosk/ui/kiosk_app.hpp"
#include "kiosk/ui/screens/ledger_screen.hpp"
#include "kiosk/ui/screens/reconcile_screen.hpp"
#include "kiosk/ui/theme.hpp"
#include "provisioning/demo_vault.hpp"
#include "tests/bench/bench_sheet.hpp"

namespace {

namespace fs = std::filesystem;
using namespace shogo;
using namespace shogo::survey;

constexpr crypto::KdfCost kCheap{1, 8 * 1024};
const std::string kSurvey = "bench-sheet";

crypto::SecureBuffer secure(std::string_view text) {
  crypto::SecureBuffer b(text.size());
  if (!text.empty()) std::memcpy(b.data(), text.data(), text.size());
  return b;
}

double thread_cpu() {
  timespec t{};
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

double p95(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[std::min(v.size() - 1, v.size() * 95 / 100)];
}

bool fail(const char* what, const std::string& code = {}) {
  std::fprintf(stderr, "shogo-bench-sheet: %s %s\n", what, code.c_str());
  return false;
}

// The demo users: 0 manager, 1 supervisor, 3 an investigator with no conflict.
std::string user(std::size_t i) { return std::string(provisioning::demo_users()[i].name); }
crypto::SecureBuffer pass(std::size_t i) {
  return secure(provisioning::demo_users()[i].passphrase);
}

bool make_survey(Vault& vault, const fs::path& tmp, std::uint64_t rows, std::uint64_t& stored) {
  const std::string manager = user(0), supervisor = user(1);
  if (auto s = vault.unlock(manager, pass(0)); !s) return fail("unlock", s.error().code);
  if (auto s = vault.unlock(supervisor, pass(1)); !s) return fail("unlock", s.error().code);
  auto db = vault.surveys().create(manager, kSurvey, 2026, "ベンチマーク");
  if (!db) return fail("survey", db.error().code);
  if (auto s = prepare_survey_file(*db); !s) return fail("survey file", s.error().code);
  synthetic::WardOptions options;
  options.seed = 7;
  const auto ward = synthetic::generate_ward(options);
  auto terminals = load_terminals(vault);
  if (!terminals) return fail("terminals", terminals.error().code);
  for (System system : kAllSystems) {
    Designation d;
    d.date = options.day;
    d.from = bench_sheets::kOpens;
    d.to = bench_sheets::kCloses;
    for (const auto& t : *terminals) {
      if (t.system == system) d.terminal_ids.push_back(t.id);
    }
    auto outcome = designate(vault, supervisor, kSurvey, system, d, {"designation.koseki_old_date"},
                             local_today());
    if (!outcome || !outcome->stored) return fail("designate");
  }
  auto sheets = synthetic::write_reference_sheets(ward.access_log, tmp);
  if (!sheets) return fail("sheets", sheets.error().code);
  std::vector<std::pair<storage::import::SheetKind, fs::path>> files;
  for (const auto& s : *sheets) {
    if (s.kind != storage::import::SheetKind::juki_access_log) files.emplace_back(s.kind, s.file);
  }
  const fs::path big = tmp / "juki-big.csv";
  if (!bench_sheets::write_juki_sheet(big, rows, ward, /*distinct_persons=*/true)) return false;
  files.emplace_back(storage::import::SheetKind::juki_access_log, big);
  stored = 0;
  for (const auto& [kind, file] : files) {
    ImportRequest request;
    request.survey_id = kSurvey;
    request.kind = kind;
    request.file = file;
    auto report = import_sheet(vault, manager, request);
    if (!report) return fail("import", report.error().code);
    if (kind == storage::import::SheetKind::juki_access_log) stored = report->stored;
  }
  const auto s = pass(1);
  if (auto c = complete_sheets(vault, manager, kSurvey, Shortfall{supervisor, &s}); !c) {
    return fail("complete_sheets", c.error().code);
  }
  if (auto l = lend(vault, user(3), kSurvey, System::juki, manager, pass(0)); !l) {
    return fail("lend", l.error().code);
  }
  return true;
}

struct Figures {
  std::uint64_t rows = 0;
  std::size_t groups = 0;
  double open_s = 0, read_s = 0;
  double frame_ms = 0, frame_p95_ms = 0, menu_ms = 0;
};

bool frames(Vault& vault, int count, Figures& f) {
  auto fonts = shell::FontBook::open(shell::default_font_paths());
  if (!fonts) return fail("fonts", fonts.error().code);
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.DisplaySize = ImVec2(1280, 800);
  io.DeltaTime = 1.0f / 60.0f;
  for (int k = 0; k < ImGuiKey_COUNT; ++k) io.KeyMap[k] = 256 + k;
  ui::theme::apply(ImGui::GetStyle());
  bool ok = true;
  {
    ui::KioskApp app(&vault, ui::KioskOptions{{}, 3600.0});
    double now = 1000.0;
    const std::time_t wall = std::time(nullptr);
    auto frame = [&](bool input) {
      now += 1.0 / 60.0;
      const ui::FrameInput in{now, wall, input};
      auto r = shell::run_frame(app, **fonts, in, {});
      if (!r) return false;
      app.apply(r->intents, in);
      return true;
    };
    vault.close(user(0), "bench");
    app.submit_sign_in(user(0), pass(0));  // a manager opens the sitting
    app.wait_for_work();
    frame(true);
    app.apply({ui::RequestSignOut{}}, {now, wall, true});
    frame(true);
    app.submit_sign_in(user(3), pass(3));
    app.wait_for_work();
    frame(true);
    if (app.sitting().locked()) return fail("the investigator could not sign in");
    auto measure = [&](int n, bool move) {
      std::vector<double> ms;
      for (int i = 0; i < n; ++i) {
        if (move) {  // the next group, as the ↓ key would (one intent, applied after the frame)
          auto& s = app.screen_as<ui::ReconcileScreen>();
          app.apply({ui::GroupChosen{(s.current_group() + 1) % f.groups}}, {now, wall, true});
        }
        const double t0 = thread_cpu();
        if (!frame(true)) ok = false;
        ms.push_back((thread_cpu() - t0) * 1000.0);
      }
      return ms;
    };
    for (int i = 0; i < 5; ++i) frame(true);
    const auto menu = measure(count, false);
    // The lending screen, this survey chosen, then its JUKI sheet.
    app.apply({ui::RequestScreen{ui::ScreenId::ledger}}, {now, wall, true});
    frame(true);
    app.apply({ui::SurveyChosen<ui::LedgerScreen>{kSurvey}}, {now, wall, true});
    frame(true);
    app.apply({ui::RequestScreen{ui::ScreenId::reconcile, {System::juki}}}, {now, wall, true});
    frame(true);
    if (app.screen_as<ui::ReconcileScreen>().sheet() == nullptr) {
      return fail("the sheet screen did not open the sheet");
    }
    f.groups = app.screen_as<ui::ReconcileScreen>().sheet()->groups().size();
    for (int i = 0; i < 20; ++i) frame(true);  // the atlas meets the first names
    const auto sheet = measure(count, true);
    f.menu_ms = median(menu);
    f.frame_ms = median(sheet);
    f.frame_p95_ms = p95(sheet);
  }
  ImGui::DestroyContext();
  return ok;
}

bool run(std::uint64_t rows, int frame_count, Figures& f) {
  const fs::path tmp =
      fs::temp_directory_path() / ("shogo-bench-sheet-" + std::to_string(::getpid()));
  fs::remove_all(tmp);
  fs::create_directories(tmp);
  bool ok = false;
  {
    auto made = provisioning::make_demo_vault(tmp / "vault", 7, kCheap);
    if (!made) {
      fail("demo vault", made.error().code);
    } else if (auto opened = Vault::open(tmp / "vault"); !opened) {
      fail("open", opened.error().code);
    } else {
      Vault& vault = **opened;
      ok = make_survey(vault, tmp, rows, f.rows);
      if (ok) {
        std::vector<double> open, read;
        for (int i = 0; i < 3; ++i) {
          auto t0 = std::chrono::steady_clock::now();
          {
            auto sheet = open_lent_sheet(vault, user(3), kSurvey, System::juki);
            if (!sheet) return fail("open_lent_sheet", sheet.error().code);
          }
          open.push_back(
              std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
          t0 = std::chrono::steady_clock::now();
          {
            auto db = vault.surveys().open(kSurvey);
            if (!db) return fail("survey file", db.error().code);
            auto all = load_access_rows(*db);
            if (!all) return fail("load_access_rows", all.error().code);
          }
          read.push_back(
              std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
        }
        f.open_s = median(open);
        f.read_s = median(read);
        ok = frames(vault, frame_count, f);
      }
    }
  }
  fs::remove_all(tmp);
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::uint64_t> sizes;
  int frame_count = 300;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "--rows" && i + 1 < argc) {
      sizes.push_back(std::strtoull(argv[++i], nullptr, 10));
    } else if (a == "--frames" && i + 1 < argc) {
      frame_count = std::max(10, std::atoi(argv[++i]));
    } else {
      std::fprintf(stderr, "usage: shogo-bench-sheet [--rows N]... [--frames N]\n");
      return 2;
    }
  }
  if (sizes.empty()) sizes = {100000, 1000000};
  if (auto s = crypto::initialise(); !s) return fail("crypto::initialise", s.error().code), 1;
  ui::init_i18n();
  ui::set_language(ui::Language::japanese);
  std::printf("%10s %8s %10s %10s %7s %10s %10s %10s %7s\n", "rows", "groups", "open s", "read s",
              "ratio", "frame ms", "p95 ms", "menu ms", "ratio");
  std::vector<Figures> all;
  for (std::uint64_t n : sizes) {
    Figures f;
    if (!run(n, frame_count, f)) return 1;
    std::printf("%10llu %8zu %10.3f %10.3f %7.2f %10.3f %10.3f %10.3f %7.2f\n",
                static_cast<unsigned long long>(f.rows), f.groups, f.open_s, f.read_s,
                f.read_s > 0 ? f.open_s / f.read_s : 0.0, f.frame_ms, f.frame_p95_ms, f.menu_ms,
                f.menu_ms > 0 ? f.frame_ms / f.menu_ms : 0.0);
    std::fflush(stdout);
    all.push_back(f);
  }
  for (const Figures& f : all) {
    if (f.rows >= 90000 && f.rows <= 110000) {
      std::printf("goal open of ~100k rows <= 1 s: %s (%.3f s)\n",
                  f.open_s <= 1.0 ? "met" : "NOT met", f.open_s);
    }
    if (f.rows >= 900000) {
      std::printf("goal frame at ~1M rows <= 2 ms CPU: %s (median %.3f ms, p95 %.3f ms)\n",
                  f.frame_ms <= 2.0 ? "met" : "NOT met", f.frame_ms, f.frame_p95_ms);
    }
  }
  if (all.size() >= 2 && all.front().frame_ms > 0) {
    std::printf("frame flatness: %.2fx from %llu to %llu rows\n",
                all.back().frame_ms / all.front().frame_ms,
                static_cast<unsigned long long>(all.front().rows),
                static_cast<unsigned long long>(all.back().rows));
  }
  return 0;
}
