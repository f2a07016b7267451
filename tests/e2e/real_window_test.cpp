// e2e in a real window (run under xvfb-run by ctest): the kiosk's own window,
// GL backend and fonts. What reaches the screen is read back with
// glReadPixels and compared with the atlas glyphs the draw data used.
#include <GLFW/glfw3.h>
#include <catch2/catch.hpp>
#include <imgui.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <ctime>

#include "kiosk/ime/composer.hpp"
#include "kiosk/shell/font_book.hpp"
#include "kiosk/shell/frame_runner.hpp"
#include "kiosk/shell/platform_window.hpp"
#include "kiosk/survey/ledger.hpp"
#include "kiosk/survey/reconciliation.hpp"
#include "kiosk/survey/survey_register.hpp"
#include "kiosk/ui/glyph_registry.hpp"
#include "kiosk/ui/i18n.hpp"
#include "kiosk/ui/screens/follow_up_screen.hpp"
#include "kiosk/ui/screens/import_screen.hpp"
#include "kiosk/ui/screens/reconcile_screen.hpp"
#include "kiosk/ui/text_entry.hpp"
#include "kiosk/ui/theme.hpp"
#include "provisioning/demo_vault.hpp"
#include "tests/e2e/x11_close_request.hpp"
#include "tests/e2e/x11_input.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/ui_harness.hpp"

using namespace shogo;

namespace {

constexpr int kWidth = 1280;
constexpr int kHeight = 800;

struct RealKiosk {
  test::TempDir tmp;
  std::unique_ptr<survey::Vault> vault;
  std::unique_ptr<shell::FontBook> fonts;
  std::unique_ptr<shell::KioskWindow> window;
  std::unique_ptr<ui::KioskApp> app_owner;
  ui::KioskApp* app_ptr = nullptr;

  RealKiosk() {
    REQUIRE(provisioning::make_demo_vault(tmp / "vault", 11, {1, 8 * 1024}, tmp / "import").ok());
    auto v = survey::Vault::open(tmp / "vault");
    REQUIRE(v.ok());
    vault = std::move(v.value());
    app_owner = std::make_unique<ui::KioskApp>(
        vault.get(), ui::KioskOptions{{}, 300.0, tmp / "import", tmp / "profiles"});
    app_ptr = app_owner.get();
    ui::init_i18n();
    ui::set_language(ui::Language::japanese);
    auto f = shell::FontBook::open(shell::default_font_paths());
    REQUIRE(f.ok());
    fonts = std::move(f.value());
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;
    ui::theme::apply(ImGui::GetStyle());
    shell::WindowOptions o;
    o.windowed = true;
    o.width = kWidth;
    o.height = kHeight;
    o.title = "shogo-e2e";
    auto w = shell::KioskWindow::open(o);
    REQUIRE(w.ok());
    window = std::move(w.value());
  }
  ui::KioskApp& app() { return *app_ptr; }
  void sign_in_manager() {
    const auto& m = provisioning::demo_users()[0];
    crypto::SecureBuffer pass(m.passphrase.size());
    std::memcpy(pass.data(), m.passphrase.data(), m.passphrase.size());
    app().submit_sign_in(std::string(m.name), std::move(pass));
    app().wait_for_work();
    app().begin_frame({1000.0, std::time(nullptr), true});
    REQUIRE_FALSE(app().sitting().locked());
  }
  ~RealKiosk() {
    app_owner.reset();
    window.reset();
    ImGui::DestroyContext();
    ui::glyphs().clear();
  }
  void frame() {
    window->wait_events(0);
    shell::FrameHooks hooks;
    hooks.backend_new_frame = [this] { window->backend_new_frame(); };
    hooks.fonts_rebuilt = [this] { window->upload_fonts(); };
    const ui::FrameInput in{1000.0, std::time(nullptr), false};
    auto r = shell::run_frame(app(), *fonts, in, hooks);
    REQUIRE(r.ok());
    window->render();
    app().apply(r->intents, in);
  }
};

// Alpha of an atlas glyph, resampled to w×h.
std::vector<float> atlas_alpha(const ImFontGlyph& g, int w, int h) {
  unsigned char* px = nullptr;
  int tw = 0, th = 0;
  ImGui::GetIO().Fonts->GetTexDataAsAlpha8(&px, &tw, &th);
  std::vector<float> out;
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      const float u = g.U0 + (g.U1 - g.U0) * (static_cast<float>(x) + 0.5f) / static_cast<float>(w);
      const float v = g.V0 + (g.V1 - g.V0) * (static_cast<float>(y) + 0.5f) / static_cast<float>(h);
      const int ax = std::min(tw - 1, static_cast<int>(u * static_cast<float>(tw)));
      const int ay = std::min(th - 1, static_cast<int>(v * static_cast<float>(th)));
      out.push_back(static_cast<float>(px[ay * tw + ax]) / 255.0f);
    }
  }
  return out;
}

double correlation(const std::vector<float>& a, const std::vector<float>& b) {
  double ma = 0, mb = 0;
  for (std::size_t i = 0; i < a.size(); ++i) ma += a[i], mb += b[i];
  ma /= static_cast<double>(a.size());
  mb /= static_cast<double>(b.size());
  double sab = 0, saa = 0, sbb = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) * (a[i] - ma);
    sbb += (b[i] - mb) * (b[i] - mb);
  }
  return (saa > 0 && sbb > 0) ? sab / std::sqrt(saa * sbb) : 0.0;
}

}  // namespace

TEST_CASE("real window: every hard character of the name check reaches the screen as itself") {
  RealKiosk k;
  k.sign_in_manager();
  k.app().apply({ui::RequestScreen{ui::ScreenId::name_check}}, {1000.0, std::time(nullptr), true});
  for (int i = 0; i < 4; ++i) k.frame();
  REQUIRE(k.window->width() == kWidth);
  const std::vector<unsigned char> rgb = k.window->read_rgb();
  const auto glyphs = test::drawn_glyphs(ImGui::GetDrawData());

  const ui::NameUnit hard[] = {{0x9AD9, 0},  {0x9089, 0},       {0x9F4B, 0},       {0xFA11, 0},
                               {0x20BB7, 0}, {0x845B, 0xE0102}, {0x845B, 0xE0100}, {0xE0A1, 0}};
  const ImFont* name_font = ui::fonts().name;
  for (const ui::NameUnit unit : hard) {
    INFO(ui::code_point_label(unit));
    // The code the unit is drawn as: itself in the BMP, else its reserved code.
    ui::Code16 code = 0;
    if (unit.selector == 0 && unit.base <= 0xFFFF && !ui::is_private_use(unit.base)) {
      code = static_cast<ui::Code16>(unit.base);
    } else {
      for (const auto& s : ui::glyphs().specials()) {
        if (s.unit == unit) code = s.code;
      }
    }
    REQUIRE(code != 0);
    const test::DrawnGlyph* drawn = nullptr;
    for (const auto& d : glyphs) {
      if (d.font == name_font && d.code == code && d.max.y < kHeight) {
        drawn = &d;
        break;
      }
    }
    REQUIRE(drawn != nullptr);                        // drawn at all
    CHECK(drawn->glyph != name_font->FallbackGlyph);  // not "?"
    // What is on screen there matches the glyph: ink correlates with its alpha.
    const int x0 = static_cast<int>(std::lround(drawn->min.x));
    const int y0 = static_cast<int>(std::lround(drawn->min.y));
    const int w = static_cast<int>(std::lround(drawn->max.x - drawn->min.x));
    const int h = static_cast<int>(std::lround(drawn->max.y - drawn->min.y));
    REQUIRE(w > 3);
    REQUIRE(h > 3);
    std::vector<float> ink;
    int dark = 0;
    for (int y = 0; y < h; ++y) {
      for (int x = 0; x < w; ++x) {
        const unsigned char* p =
            &rgb[(static_cast<std::size_t>(y0 + y) * kWidth + static_cast<std::size_t>(x0 + x)) *
                 3];
        const float luma = (0.299f * p[0] + 0.587f * p[1] + 0.114f * p[2]) / 255.0f;
        ink.push_back(1.0f - luma);
        dark += luma < 0.5f ? 1 : 0;
      }
    }
    CHECK(dark > 10);  // it did not vanish
    CHECK(correlation(ink, atlas_alpha(*drawn->glyph, w, h)) > 0.8);
    if (const ImFontGlyph* q = name_font->FindGlyphNoFallback('?')) {
      CHECK(correlation(ink, atlas_alpha(*q, w, h)) < 0.6);  // and it is not a "?"
    }
  }
}

TEST_CASE("real window: the window manager's close request is refused") {
  RealKiosk k;
  k.frame();
  REQUIRE(test::send_wm_delete_window("shogo-e2e"));
  for (int i = 0; i < 20 && k.window->close_requests() == 0; ++i) {
    k.window->wait_events(0.05);
  }
  CHECK(k.window->close_requests() >= 1);
  CHECK(glfwWindowShouldClose(glfwGetCurrentContext()) == GLFW_FALSE);
  k.frame();  // and the kiosk keeps drawing
}

TEST_CASE("real window: nothing can be copied out through the clipboard") {
  RealKiosk k;
  k.frame();
  glfwSetClipboardString(nullptr, "before");
  ImGui::SetClipboardText("resident name");  // what Ctrl+C in a text field would do
  const char* now = glfwGetClipboardString(nullptr);
  REQUIRE(now != nullptr);
  CHECK(std::string(now) == "before");
  CHECK(std::string(ImGui::GetClipboardText()).empty());
}

TEST_CASE("real window: a finished sign-in wakes the sleeping frame loop, with no input at all") {
  RealKiosk k;
  k.app().set_wake(shell::KioskWindow::wake);
  k.frame();
  REQUIRE(k.app().screen() == ui::ScreenId::lock);
  const auto& m = provisioning::demo_users()[0];
  crypto::SecureBuffer pass(m.passphrase.size());
  std::memcpy(pass.data(), m.passphrase.data(), m.passphrase.size());
  k.app().submit_sign_in(std::string(m.name), std::move(pass));
  // Asleep as the kiosk sleeps between frames: only the task's wake (or the
  // timeout) ends the wait. Nobody moves the mouse.
  const auto start = std::chrono::steady_clock::now();
  while (k.app().working() && std::chrono::steady_clock::now() - start < std::chrono::seconds(60)) {
    k.window->wait_events(60.0);
  }
  const double waited =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  INFO("waited " << waited << " s");
  CHECK(waited < 30.0);  // woken by the task, not by the 60 s timeout
  REQUIRE_FALSE(k.app().working());
  k.frame();  // the frame after the wake shows the result
  CHECK(k.app().screen() == ui::ScreenId::home);
}

TEST_CASE("real window: a finished import preview is on screen at the next wake, with no input") {
  RealKiosk k;
  // When the task's last wake came (from the worker thread).
  std::atomic<double> woke{0};
  k.app().set_wake([&] {
    woke =
        std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
    shell::KioskWindow::wake();
  });
  k.sign_in_manager();
  k.app().apply({ui::RequestScreen{ui::ScreenId::sheet_import}},
                {1000.0, std::time(nullptr), true});
  k.frame();
  auto& screen = k.app().screen_as<ui::ImportScreen>();
  k.app().apply({ui::FileChosen{"juki-access-log.csv"},
                 ui::SheetKindChosen{storage::import::SheetKind::juki_access_log}},
                {1000.0, std::time(nullptr), true});
  k.app().apply(
      {ui::RequestPreview{storage::import::SheetKind::juki_access_log, "juki-access-log.csv", ""}},
      {1000.0, std::time(nullptr), true});
  REQUIRE(screen.working());
  // Asleep as the kiosk sleeps: the frame loop runs only when woken.
  const auto start = std::chrono::steady_clock::now();
  double gap = 1e9;
  while (screen.working() && std::chrono::steady_clock::now() - start < std::chrono::seconds(60)) {
    k.window->wait_events(60.0);
    const double now =
        std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
    k.frame();  // drains the task: its result is taken and drawn in this frame
    gap = now - woke.load();
  }
  REQUIRE_FALSE(screen.working());
  INFO("from the task's wake to the frame that drew its result: " << gap << " s");
  CHECK(gap < 0.5);
  CHECK(screen.has_result());  // a preview, or why there is none
}

namespace {

const ui::ItemRecord* item(std::string_view label) {
  for (const auto& it : ui::recorded_items()) {
    if (it.label == label) return &it;
  }
  return nullptr;
}

void click(test::X11Input& x, std::string_view label) {
  const ui::ItemRecord* it = item(label);
  REQUIRE(it != nullptr);
  // Scrolled into view first with the wheel, as a user would.
  for (int i = 0; i < 30 && it->max.y > it->clip_max.y; ++i) {
    x.wheel((it->clip_min.x + it->clip_max.x) * 0.5f, it->clip_min.y + 20, true);
    it = item(label);
    REQUIRE(it != nullptr);
  }
  x.click((it->min.x + it->max.x) * 0.5f, (it->min.y + it->max.y) * 0.5f);
}

// Opens the candidate list (Space) until `want` is on its page, then types
// its digit; with the list on screen first saved to `screenshot` if given.
void pick(RealKiosk& k, test::X11Input& x, const std::string& want,
          const char* screenshot = nullptr) {
  for (int i = 0; i < 40; ++i) {
    x.type(" ");
    const ime::Composer* c = ui::text_entry_composer();
    REQUIRE(c != nullptr);
    if (!c->list_open()) continue;
    const auto& cands = c->candidates();
    for (int d = 0; d < ime::kCandidatesPerPage; ++d) {
      const auto at = static_cast<std::size_t>(c->page_start() + d);
      if (at < cands.size() && cands[at] == want) {
        if (screenshot != nullptr) REQUIRE(k.window->save_screenshot(screenshot).ok());
        x.type(std::to_string(d + 1));
        return;
      }
    }
  }
  FAIL("never offered: " << want);
}

}  // namespace

TEST_CASE("real window: a manager types a survey title and a note with 髙橋 and 渡邉 by romaji") {
  RealKiosk k;
  k.sign_in_manager();
  k.app().apply({ui::RequestScreen{ui::ScreenId::surveys}}, {1000.0, std::time(nullptr), true});
  for (int i = 0; i < 3; ++i) k.frame();
  test::X11Input x("shogo-e2e", [&] { k.frame(); });
  REQUIRE(x.ok());
  const std::size_t before = survey::list_surveys(*k.vault)->size();
  click(x, "新しい調査を作る");
  k.frame();
  click(x, "title");
  // 令和8年度 アクセスログ調査: converted word by word, as a manager types it.
  x.type("reiwa");
  x.keycode(100);  // 変換, by its scancode
  x.key("Return");
  x.type("8nendo ");
  x.key("Return");
  x.type("akusesurogu");
  x.key("F7");  // katakana
  x.type("chousa  ");
  REQUIRE(ui::text_entry_composer()->list_open());
  k.frame();
  REQUIRE(k.window->save_screenshot("e2e-candidates.png").ok());
  pick(k, x, "調査");
  x.key("Return");  // nothing composed: creates the survey
  k.frame();
  auto surveys = survey::list_surveys(*k.vault);
  REQUIRE(surveys);
  REQUIRE(surveys->size() == before + 1);
  CHECK(surveys->back().title == "令和8年度アクセスログ調査");

  // A note with registry names, in several lines (the name check's practice
  // field: the interview screen comes with the reconciliation issue).
  k.app().apply({ui::RequestScreen{ui::ScreenId::name_check}}, {1000.0, std::time(nullptr), true});
  for (int i = 0; i < 3; ++i) k.frame();
  click(x, "practice");
  x.type("takahashi");
  pick(k, x, "髙橋");
  x.type("santo");
  x.key("Return");  // commits さんと
  x.key("Return");  // nothing composed: a new line
  x.type("watanabe");
  pick(k, x, "渡邉", "e2e-variants.png");  // the README's picture
  x.type("sannni,");                       // nn is ん, as on any Japanese PC
  x.key("Return");
  x.type("mensetsu ");
  x.key("Return");
  x.type("shimashita.");
  x.key("Return");
  for (int i = 0; i < 3; ++i) k.frame();
  REQUIRE(k.window->save_screenshot("e2e-practice.png").ok());
  const std::string drawn = test::decode_drawn([&] {
    std::string text;
    for (const auto& g : test::drawn_glyphs(ImGui::GetDrawData())) ui::append_utf8(text, g.code);
    return text;
  }());
  CHECK(drawn.find("髙橋さんと") != std::string::npos);
  CHECK(drawn.find("渡邉さんに、面接しました。") != std::string::npos);
}

TEST_CASE("real window: a user's larger text size, on every screen") {
  RealKiosk k;
  k.sign_in_manager();
  k.frame();
  REQUIRE(k.app().sitting().set_text_size(130));
  const ui::ScreenId screens[] = {ui::ScreenId::home,         ui::ScreenId::surveys,
                                  ui::ScreenId::settings,     ui::ScreenId::name_check,
                                  ui::ScreenId::sheet_import, ui::ScreenId::audit_log};
  const char* names[] = {"home", "surveys", "settings", "name-check", "import", "audit-log"};
  for (std::size_t i = 0; i < std::size(screens); ++i) {
    k.app().apply({ui::RequestScreen{screens[i]}}, {1000.0, std::time(nullptr), true});
    for (int f = 0; f < 4; ++f) k.frame();
    CHECK(ImGui::GetFontSize() == Approx(26.0f));  // 20 px × 130 %
    REQUIRE(k.window->save_screenshot(std::string("e2e-large-") + names[i] + ".png").ok());
  }
}

// The README's screenshots of the daily work (docs/images/ledger.png,
// reconcile.png, mistyped.png): written where SHOGO_SCREENSHOT_DIR says, else
// beside the test. The manager declares the sheets made; 𠮷川 健二 borrows the
// JUKI sheet with the manager's passphrase, decides a few accesses, and opens
// the mistyped-search view of an access with neighbours.
TEST_CASE("real window: the ledger, the sheet screen and the mistyped-search view") {
  RealKiosk k;
  const char* dir_env = std::getenv("SHOGO_SCREENSHOT_DIR");
  const std::string dir = dir_env != nullptr ? std::string(dir_env) + "/" : std::string();
  const auto& users = provisioning::demo_users();
  const std::string manager(users[0].name), supervisor(users[1].name), investigator(users[3].name);
  const std::string survey_id(provisioning::kDemoSurveyId);
  auto secure = [](std::string_view text) {
    crypto::SecureBuffer b(text.size());
    std::memcpy(b.data(), text.data(), text.size());
    return b;
  };
  k.sign_in_manager();
  k.frame();
  const auto supervisor_pass = secure(users[1].passphrase);
  REQUIRE(survey::complete_sheets(*k.vault, manager, survey_id,
                                  survey::Shortfall{supervisor, &supervisor_pass}));
  const ui::FrameInput in{1000.0, std::time(nullptr), true};
  k.app().apply({ui::RequestSignOut{}}, in);
  k.frame();
  k.app().submit_sign_in(investigator, secure(users[3].passphrase));
  k.app().wait_for_work();
  k.app().begin_frame(in);
  REQUIRE_FALSE(k.app().sitting().locked());
  REQUIRE(survey::lend(*k.vault, investigator, survey_id, survey::System::juki, manager,
                       secure(users[0].passphrase)));
  k.app().apply({ui::RequestScreen{ui::ScreenId::ledger}}, in);
  for (int f = 0; f < 4; ++f) k.frame();
  REQUIRE(k.window->save_screenshot(dir + "ledger.png").ok());

  k.app().apply({ui::RequestScreen{ui::ScreenId::reconcile, {survey::System::juki}}}, in);
  k.frame();
  auto& screen = k.app().screen_as<ui::ReconcileScreen>();
  const survey::LentSheet* sheet = screen.sheet();
  REQUIRE(sheet != nullptr);
  // A few decisions by the real keyboard, as a morning's work: the number of
  // the first document, the reference, Return; the next undecided one comes.
  test::X11Input x("shogo-e2e", [&] { k.frame(); });
  REQUIRE(x.ok());
  for (int i = 0; i < 4; ++i) {
    const std::size_t g = screen.current_group();
    std::string reference = std::to_string(120 + i) + "-" + std::to_string(i + 1);
    for (std::uint32_t r : sheet->groups()[g].rows) {
      const auto own = sheet->text(sheet->row(r), survey::RowText::reference);
      if (!own.empty()) reference = std::string(own);
    }
    x.type("1");
    for (int f = 0; f < 3; ++f) k.frame();
    x.type(reference);
    x.key("Return");
    for (int f = 0; f < 3; ++f) k.frame();
    INFO("group " << g << " reference " << reference);
    REQUIRE(sheet->decision(g) != nullptr);
    CHECK(screen.current_group() != g);
  }
  for (int f = 0; f < 4; ++f) k.frame();
  REQUIRE(k.window->save_screenshot(dir + "reconcile.png").ok());

  // An access with neighbours by the same operator at the same terminal.
  std::size_t with_neighbours = sheet->groups().size();
  for (std::size_t g = 0; g < sheet->groups().size(); ++g) {
    if (sheet->decision(g) == nullptr && sheet->neighbours(g).size() >= 2) {
      with_neighbours = g;
      break;
    }
  }
  REQUIRE(with_neighbours < sheet->groups().size());
  k.app().apply({ui::GroupChosen{with_neighbours}, ui::RequestMistyped{}}, in);
  for (int f = 0; f < 4; ++f) k.frame();
  REQUIRE(k.window->save_screenshot(dir + "mistyped.png").ok());

  // No document for it after all: the manager follows it up (follow-up.png).
  k.app().apply({ui::RequestCancelChoice{}, ui::RequestNotFound{}}, in);
  k.frame();
  REQUIRE(sheet->decision(with_neighbours) != nullptr);
  k.app().apply({ui::RequestSignOut{}}, in);
  k.frame();
  k.app().submit_sign_in(manager, secure(users[0].passphrase));
  k.app().wait_for_work();
  k.app().begin_frame(in);
  k.app().apply({ui::RequestScreen{ui::ScreenId::follow_up}}, in);
  k.frame();
  k.app().apply({ui::SurveyChosen<ui::FollowUpScreen>{survey_id}, ui::FollowUpChosen{0}}, in);
  for (int f = 0; f < 4; ++f) k.frame();
  REQUIRE(k.window->save_screenshot(dir + "follow-up.png").ok());
}
