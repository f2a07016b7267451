#pragma once
// Screen — the base of every screen of the kiosk: a controller that owns its
// form state and the data it shows, with its own intent type. ImHex's View is
// the model: the base class draws the frame (back button, title), a screen
// draws its content. How to add one: CONTRIBUTING.md, "How to add a screen".
//
//   ScreenId        every screen, by name ("home", "import", …; --goto takes these)
//   AppIntent       what any screen may ask of the app: another screen, lock,
//                   sign out, close the sitting, language, quit, help
//   Out<I>          where a view puts its intents: its screen's own (I) and the app's
//   ScreenContext   what a controller may use while it runs: the work sitting
//                   (vault, user, audit), the task runner, today, the survey chosen
//   Screen          open() / forget() / draw() / shows_personal_data()
//   ScreenOf<I>     a screen with intent type I: apply(const I&) is called
//                   after the frame for each intent its view emitted
//   dispatch()      std::visit with one handler per alternative and no catch-all:
//                   an intent nobody handles does not compile
//
// Rules: a view draws a model and returns intents that carry their data; text
// fields that ImGui edits in place live in a Form the controller owns and
// passes by reference. Intents ask (Request…); notifications tell (…Changed,
// …Chosen). Who may do what is asked of survey::may() and the lifecycle
// table, never by comparing roles here.

#include <ctime>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "kiosk/survey/domain.hpp"
#include "kiosk/survey/policy.hpp"
#include "kiosk/survey/task_runner.hpp"
#include "kiosk/survey/work_sitting.hpp"
#include "kiosk/ui/i18n.hpp"

namespace shogo::ui {

enum class ScreenId : unsigned char {
  lock,
  home,
  name_check,
  settings,
  audit_log,
  surveys,       // 調査の状況: surveys, designations, P6.2 counts (manager, supervisor)
  designation,   // 調査対象の指定 (P6.3, supervisor)
  sheet_import,  // 確認用帳票の取り込み (P6.4, manager)
  roster,        // 操作者名簿 (P4, manager; read-only)
  ledger,        // 帳票の貸出 (P6.4.c, manager and investigator)
  reconcile,     // 照合 (P6.5, the investigator holding the sheet)
  follow_up,     // 追跡調査 (P6.6, P7.2, P9.2, manager)
};
// "lock", "home", "name-check", "settings", "audit-log", "surveys", "designation", "import",
// "roster", "ledger", "reconcile", "follow-up"
const char* screen_id(ScreenId s);
bool parse_screen(const std::string& id, ScreenId& out);

// What a screen opens on, when the app is asked to open it.
struct ScreenArgs {
  std::optional<survey::System> system;  // the designation screen: this system (P6.3.d);
                                         // the sheet to reconcile
};

struct RequestScreen {
  ScreenId screen;
  ScreenArgs args = {};
};
struct RequestLock {};
struct RequestSignOut {};
struct RequestCloseSitting {};  // opens the confirmation (a manager)
struct RequestLanguage {
  Language language;
};
struct RequestQuit {};  // opens the confirmation: the sitting closes, the program ends (a manager)
struct RequestHelp {};  // opens the current screen's explanation (F1)
struct RequestCancelDialog {};   // the app's open dialog closes, nothing done
struct RequestConfirmDialog {};  // the app's open dialog's action is carried out
using AppIntent =
    std::variant<RequestScreen, RequestLock, RequestSignOut, RequestCloseSitting, RequestLanguage,
                 RequestQuit, RequestHelp, RequestCancelDialog, RequestConfirmDialog>;

template <class I>
class Out {
 public:
  Out(std::vector<I>& mine, std::vector<AppIntent>& app) : mine_(mine), app_(app) {}
  void operator()(I intent) { mine_.push_back(std::move(intent)); }
  void app(AppIntent intent) { app_.push_back(std::move(intent)); }

 private:
  std::vector<I>& mine_;
  std::vector<AppIntent>& app_;
};

// The answer to a screen's confirmation dialog (one type per screen: the app
// routes intents by type). What is confirmed is what the controller holds.
template <class Screen>
struct Confirmed {};
template <class Screen>
struct NotConfirmed {};

// A screen with no intents of its own (its buttons ask the app only).
template <class Screen>
struct NoIntent {};

struct ScreenContext {
  survey::WorkSitting& sitting;
  survey::TaskRunner& tasks;
  const survey::User* user = nullptr;  // the signed-in user; null on the lock screen
  survey::Date today;                  // the appliance's local date
  std::time_t wall = 0;
  double now = 0;
  std::string& survey_id;  // the survey the survey screens are about (shared between them)

  bool may(survey::Action action) const { return user != nullptr && survey::may(*user, action); }
};

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

template <class F, class V>
struct HandlesAll : std::false_type {};
template <class F, class... A>
struct HandlesAll<F, std::variant<A...>>
    : std::bool_constant<(std::is_invocable_v<F, const A&> && ...)> {};

// std::visit with one handler per alternative. Give concrete handlers only
// (no `auto`): a new alternative without one is a compile error that says so.
template <class Variant, class... Handlers>
void dispatch(const Variant& v, Handlers&&... handlers) {
  using Visitor = Overloaded<std::decay_t<Handlers>...>;
  static_assert(HandlesAll<Visitor, Variant>::value,
                "dispatch(): an intent has no handler - give each alternative of the variant its "
                "own handler");
  std::visit(Visitor{std::forward<Handlers>(handlers)...}, v);
}

class Screen {
 public:
  virtual ~Screen() = default;
  virtual ScreenId id() const = 0;
  virtual const char* title() const = 0;  // translated
  // Who may open it (nullopt: anyone signed in).
  virtual std::optional<survey::Action> needs() const { return std::nullopt; }
  // It draws residents' data now: watermarked (design.md, threat model).
  virtual bool shows_personal_data() const { return false; }
  // It becomes the current screen: load what it shows (never per frame).
  virtual void open(ScreenContext&, const ScreenArgs&) {}
  // Personal data and half-typed forms leave memory: the screen is left, the
  // kiosk locks, or the sitting closes.
  virtual void forget(ScreenContext&) {}
  // The content between the header and the action bar (kiosk/ui/page.hpp):
  // the help line, then the view.
  void draw(ScreenContext& ctx, std::vector<AppIntent>& app);
  // The action bar's back button (and Escape) returns to the menu.
  virtual bool has_back_button() const { return true; }
  // The header shows the title (false: the content draws its own).
  virtual bool has_title() const { return true; }
  // One line under the title: what this screen is for (translated; may be null).
  virtual const char* help() const { return nullptr; }
  // F1 or the 説明 button: a short explanation of the screen (translated; may be null).
  virtual const char* explanation() const { return nullptr; }

 protected:
  virtual void draw_content(ScreenContext& ctx, std::vector<AppIntent>& app) = 0;
};

template <class I>
class ScreenOf : public Screen {
 public:
  using Intent = I;
  // Carries out one intent of this screen's view, after the frame.
  virtual void apply(const I& intent, ScreenContext& ctx) = 0;
  std::vector<I> take_intents() { return std::exchange(pending_, {}); }

 protected:
  virtual void view(ScreenContext& ctx, Out<I>& out) = 0;

 private:
  void draw_content(ScreenContext& ctx, std::vector<AppIntent>& app) final {
    Out<I> out(pending_, app);
    view(ctx, out);
  }
  std::vector<I> pending_;
};

}  // namespace shogo::ui
