#pragma once
// Intents — what a view asks for. Views never change state while drawing
// (Dear ImGui's documents demo queues closes the same way); KioskApp::apply()
// carries the intents out after the frame.

#include <string>
#include <variant>

#include "kiosk/ui/i18n.hpp"

namespace shogo::ui {

enum class Screen : unsigned char { lock, home, access_log, name_check, settings, audit_log };

struct RequestSignIn {
  std::string user_id;
};
struct RequestSignOut {};
struct RequestLock {};
struct RequestCloseSitting {};
struct RequestScreen {
  Screen screen;
};
struct RequestLanguage {
  Language language;
};
struct RequestQuit {};  // opens the confirmation
struct RequestCancelQuit {};
struct RequestConfirmQuit {};  // ends the program (later: a manager's action only)
struct RequestSelectUser {
  std::string user_id;
};  // lock screen picker

using Intent = std::variant<RequestSignIn, RequestSignOut, RequestLock, RequestCloseSitting,
                            RequestScreen, RequestLanguage, RequestQuit, RequestCancelQuit,
                            RequestConfirmQuit, RequestSelectUser>;

const char* screen_id(
    Screen s);  // "lock", "home", "access-log", "name-check", "settings", "audit-log"
bool parse_screen(const std::string& id, Screen& out);

}  // namespace shogo::ui
