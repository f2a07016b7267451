#pragma once
// The screens of the kiosk, registered in one place. Adding a screen: one
// controller (kiosk/ui/screens/<name>_screen.{hpp,cpp}), one view
// (<name>_view.cpp), and one line in kScreens below (CONTRIBUTING.md,
// "How to add a screen").
//
//   Screens        the registered controllers, in a tuple the app owns
//   Intent         every intent: the app's (AppIntent) and each screen's own
//   screen_of<I>   the screen whose intent type is I (a compile error if none)

#include <cstddef>
#include <tuple>
#include <type_traits>
#include <variant>
#include <vector>

#include "kiosk/ui/screen.hpp"
#include "kiosk/ui/screens/audit_log_screen.hpp"
#include "kiosk/ui/screens/designation_screen.hpp"
#include "kiosk/ui/screens/follow_up_screen.hpp"
#include "kiosk/ui/screens/home_screen.hpp"
#include "kiosk/ui/screens/import_screen.hpp"
#include "kiosk/ui/screens/ledger_screen.hpp"
#include "kiosk/ui/screens/lock_screen.hpp"
#include "kiosk/ui/screens/name_check_screen.hpp"
#include "kiosk/ui/screens/reconcile_screen.hpp"
#include "kiosk/ui/screens/roster_screen.hpp"
#include "kiosk/ui/screens/settings_screen.hpp"
#include "kiosk/ui/screens/surveys_screen.hpp"

namespace shogo::ui {

template <class... S>
struct ScreenList {
  using Owned = std::tuple<S...>;
  using Intent = std::variant<AppIntent, typename S::Intent...>;

  // The index in Owned of the screen whose intent type is I.
  template <class I>
  static constexpr std::size_t index_of() {
    constexpr bool matches[] = {std::is_same_v<typename S::Intent, I>...};
    std::size_t found = sizeof...(S);
    for (std::size_t i = 0; i < sizeof...(S); ++i) {
      if (matches[i]) found = i;
    }
    return found;
  }
  template <class I>
  static constexpr std::size_t count_of() {
    return (std::size_t{0} + ... + (std::is_same_v<typename S::Intent, I> ? 1u : 0u));
  }
};

// ─── the registration list ──────────────────────────────────────────────────
using Screens = ScreenList<LockScreen, HomeScreen, SurveysScreen, DesignationScreen, ImportScreen,
                           AuditLogScreen, SettingsScreen, NameCheckScreen, RosterScreen,
                           LedgerScreen, ReconcileScreen, FollowUpScreen>;

using Intent = Screens::Intent;
using Intents = std::vector<Intent>;

template <class I>
using screen_of = std::tuple_element_t<Screens::index_of<I>(), Screens::Owned>;

}  // namespace shogo::ui
