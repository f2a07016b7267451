#include "kiosk/ui/screens/roster_screen.hpp"

#include "kiosk/survey/roster.hpp"
#include "kiosk/ui/labels.hpp"

namespace shogo::ui {

const char* RosterScreen::help() const {
  return tr("Who each operator ID of the sheets belongs to.");
}

const char* RosterScreen::explanation() const {
  return tr(
      "The roster says, for each operator ID in the access logs, whose it is: staff of the "
      "division, an ID lent to another division, or a contractor's employee. The kind decides "
      "which documents a reconciliation accepts and who follows up. The system administrator "
      "imports the roster; it is recorded in the audit log.");
}

void RosterScreen::open(ScreenContext& ctx, const ScreenArgs&) {
  model_ = {};
  if (!ctx.sitting.vault_open()) return;
  auto roster = survey::load_roster(*ctx.sitting.vault());
  if (!roster) {
    model_.error = tr(roster.error().message.c_str());
    return;
  }
  for (const auto& o : *roster) {
    model_.rows.push_back({o.id, o.name, operator_kind_label(o.kind), o.affiliation, o.user_id});
    (o.kind == survey::OperatorKind::staff            ? model_.staff
     : o.kind == survey::OperatorKind::other_division ? model_.other_division
                                                      : model_.contractor)++;
  }
}

void RosterScreen::view(ScreenContext&, Out<Intent>&) { roster_view(model_); }

}  // namespace shogo::ui
