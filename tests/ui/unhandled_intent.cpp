// A screen whose intent nobody handles does not compile (kiosk/ui/screen.hpp,
// dispatch()). ctest builds this file twice: as it is, where it compiles and
// runs (the control), and with SHOGO_UNHANDLED_INTENT, where one intent more
// than the handlers must make the build fail with dispatch()'s message.
#include <cstdio>
#include <string>
#include <vector>

#include "kiosk/ui/screen.hpp"

namespace shogo::ui {

struct AskProbe {};
struct TellProbe {};
#ifdef SHOGO_UNHANDLED_INTENT
struct ForgottenProbe {};  // added to the screen's intents, but given no handler below
using ProbeIntent = std::variant<AskProbe, TellProbe, ForgottenProbe>;
#else
using ProbeIntent = std::variant<AskProbe, TellProbe>;
#endif

class ProbeScreen : public ScreenOf<ProbeIntent> {
 public:
  ScreenId id() const override { return ScreenId::home; }
  const char* title() const override { return "probe"; }
  void apply(const ProbeIntent& intent, ScreenContext&) override {
    dispatch(
        intent, [&](const AskProbe&) { ++asked; }, [&](const TellProbe&) { ++told; });
  }
  int asked = 0, told = 0;

 protected:
  void view(ScreenContext&, Out<ProbeIntent>& out) override {
    out(AskProbe{});
    out(TellProbe{});
  }
};

}  // namespace shogo::ui

int main() {
  using namespace shogo;
  survey::TaskRunner tasks;
  survey::WorkSitting sitting(nullptr, tasks);
  std::string survey_id;
  ui::ScreenContext ctx{sitting, tasks, nullptr, {}, 0, 0, survey_id};
  ui::ProbeScreen screen;
  for (const auto& intent : std::vector<ui::ProbeIntent>{ui::AskProbe{}, ui::TellProbe{}}) {
    screen.apply(intent, ctx);
  }
  const bool ok = screen.asked == 1 && screen.told == 1;
  std::printf("%s: each intent reached its handler once\n", ok ? "ok" : "FAILED");
  return ok ? 0 : 1;
}
