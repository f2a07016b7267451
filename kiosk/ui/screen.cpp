#include "kiosk/ui/screen.hpp"

#include <imgui.h>

#include "kiosk/ui/page.hpp"

namespace shogo::ui {

namespace {

constexpr std::pair<ScreenId, const char*> kIds[] = {
    {ScreenId::lock, "lock"},
    {ScreenId::home, "home"},
    {ScreenId::name_check, "name-check"},
    {ScreenId::roster, "roster"},
    {ScreenId::ledger, "ledger"},
    {ScreenId::reconcile, "reconcile"},
    {ScreenId::follow_up, "follow-up"},
    {ScreenId::settings, "settings"},
    {ScreenId::audit_log, "audit-log"},
    {ScreenId::surveys, "surveys"},
    {ScreenId::designation, "designation"},
    {ScreenId::sheet_import, "import"},
};

}  // namespace

const char* screen_id(ScreenId s) {
  for (const auto& [id, text] : kIds)
    if (id == s) return text;
  return "?";
}

bool parse_screen(const std::string& text, ScreenId& out) {
  for (const auto& [id, t] : kIds) {
    if (text == t) {
      out = id;
      return true;
    }
  }
  return false;
}

void Screen::draw(ScreenContext& ctx, std::vector<AppIntent>& app) {
  help_line(help());
  draw_content(ctx, app);
}

}  // namespace shogo::ui
