#include "kiosk/survey/policy.hpp"

namespace shogo::survey {

bool may(Role role, Action action) {
  const bool supervisor = role == Role::supervisor;
  const bool manager = role == Role::manager;
  switch (action) {
    case Action::see_surveys: return supervisor || manager;
    case Action::create_survey: return manager;
    case Action::designate: return supervisor;
    case Action::import_sheet: return manager;
    case Action::read_audit_log: return supervisor || manager;
    case Action::close_sitting: return manager;
    case Action::shut_down: return manager;
    case Action::change_settings: return manager;
    case Action::check_names: return true;
    case Action::see_roster: return manager;
    case Action::see_ledger: return manager || role == Role::investigator;
    case Action::keep_ledger: return manager;
    case Action::borrow_sheet: return role == Role::investigator;
  }
  return false;
}

}  // namespace shogo::survey
