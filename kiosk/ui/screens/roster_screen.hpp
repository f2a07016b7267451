#pragma once
// 操作者名簿 (P4) — who each operator id of the sheets belongs to: name, kind
// (職員, 他課, 委託), division or contractor, and the Shogo user whose id it
// is (P5.3.c). Read-only: `shogo-admin roster import` changes it. Staff names,
// never residents'.

#include <string>
#include <vector>

#include "kiosk/ui/screen.hpp"

namespace shogo::ui {

struct RosterRowView {  // display strings, translated
  std::string id, name, kind, affiliation, user;
};
struct RosterModel {
  std::vector<RosterRowView> rows;
  int staff = 0, other_division = 0, contractor = 0;
  std::string error;  // translated
};

class RosterScreen : public ScreenOf<NoIntent<RosterScreen>> {
 public:
  ScreenId id() const override { return ScreenId::roster; }
  const char* title() const override { return tr("Operator roster"); }
  const char* help() const override;
  const char* explanation() const override;
  std::optional<survey::Action> needs() const override { return survey::Action::see_roster; }
  void open(ScreenContext& ctx, const ScreenArgs& args) override;
  void apply(const Intent&, ScreenContext&) override {}

 protected:
  void view(ScreenContext& ctx, Out<Intent>& out) override;

 private:
  RosterModel model_;
};

void roster_view(const RosterModel& model);

}  // namespace shogo::ui
