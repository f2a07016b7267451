#pragma once
// Policy — what a signed-in user may do, by role (P5). The one place that
// compares roles: screens ask may(), never a role themselves.
//
//   Action   what a user can ask for at the kiosk
//   may()    allowed for this user?
//
//   action              supervisor  manager  investigator   why
//   see_surveys             ✓          ✓                    P5.1/P5.2 responsible for the survey
//   create_survey                      ✓                    P6.1
//   designate               ✓                               P6.3 調査総括責任者が指定
//   import_sheet                       ✓                    P6.4 調査責任者が作成
//   read_audit_log          ✓          ✓                    who answers for the survey
//   close_sitting                      ✓                    P6.4.c sheets back at day's end
//   shut_down                          ✓
//   change_settings                    ✓                    idle lock, end of day (vault)
//   check_names             ✓          ✓          ✓         the fonts, no personal data
//   see_roster                         ✓                    P4 the operator roster, read-only
//   see_ledger                         ✓          ✓         P6.4.c the lending of sheets
//   keep_ledger                        ✓                    P6.4.c confirms, takes back, sheets made
//   borrow_sheet                                  ✓         P6.4.c borrows, reconciles (P6.5)
//
// Survey state matters too: lifecycle.hpp says which transitions a role may
// take in which state.

#include <cstdint>

#include "kiosk/survey/sitting.hpp"

namespace shogo::survey {

enum class Action : std::uint8_t {
  see_surveys,
  create_survey,
  designate,
  import_sheet,
  read_audit_log,
  close_sitting,
  shut_down,
  change_settings,
  check_names,
  see_roster,
  see_ledger,
  keep_ledger,
  borrow_sheet,
};

bool may(Role role, Action action);
inline bool may(const User& user, Action action) { return may(user.role, action); }

}  // namespace shogo::survey
