#pragma once
// Designation — the supervisor's choice of date, window and terminals (調査対象の指定, P6.3).
//
// Index
//   Designation          one date, one window, the designated terminals
//   DesignationCheck     errors (refuse) and warnings (the supervisor may acknowledge)
//   check_designation()  every rule of P6.3 on one designation of one system
//   RandomSource         the draw's randomness; SodiumRandom in the appliance, a fake in tests
//   draw_designation()   the appliance's draw (P6.3 by the appliance)
//   DesignationSet       every designation made for a survey (P6.3.d designates again)
//   in_window()          is a log row inside any designation of its system?
//
// Pure functions: no database, no UI. Error messages are English msgids (N_())
// and never name a terminal, a site or a person.
//
// Rules checked, codes in a column:
//   P6.3.a  the date is before today (today's logs may not be   designation.date_not_past
//           complete yet); a valid calendar date                 designation.invalid_date
//   P6.3.b  the window lasts at least 15 minutes                designation.short_window
//           and lies inside the operating hours of every site   designation.outside_hours
//           whose terminal is designated
//   P6.3.c  every site with terminals of the system has one     designation.site_not_covered
//           designated; the system has terminals at all          designation.no_terminals
//           every designated id is a known terminal              designation.unknown_terminal
//           of this system                                       designation.wrong_system
//           at a known site                                      designation.unknown_site
//   P6.3.a  a weekend, public holiday or 29 Dec – 3 Jan        designation.closing_day (warning)
//   P6.3 note  KOSEKI, a date more than one month back          designation.koseki_old_date (warning)
// Not checked: whether the terminals really operated on that date (P6.3.a):
// the ward's own calendar is not known beyond holidays.hpp; draw_designation()
// takes the operating days from its caller.
//
// The window is half-open: a row at `from` is inside, a row at `to` is not.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "kiosk/survey/domain.hpp"
#include "storage/base/result.hpp"

namespace shogo::survey {

inline constexpr int kMinWindowMinutes = 15;         // P6.3.b
inline constexpr int kKosekiNotificationMonths = 1;  // P6.3 note: notifications kept one month

// Designation — 調査対象 (date, time window, terminals) of one system.
struct Designation {
  Date date;                              // P6.3.a
  TimeOfDay from;                         // P6.3.b, included
  TimeOfDay to;                           // P6.3.b, excluded
  std::vector<std::string> terminal_ids;  // P6.3.c
  bool drawn = false;                     // made by draw_designation(), not typed in
};

struct DesignationCheck {
  std::vector<Error> errors;    // the designation is refused while any is here
  std::vector<Error> warnings;  // shown; the supervisor may acknowledge and go on
  bool ok() const { return errors.empty(); }
};

// Every P6.3 rule above. `today` is the appliance's local date. Each code
// appears at most once, in the order of the table above.
DesignationCheck check_designation(const Designation& designation, System system,
                                   const std::vector<Site>& sites,
                                   const std::vector<Terminal>& terminals, Date today);

// Where the draw's randomness comes from.
class RandomSource {
 public:
  virtual ~RandomSource() = default;
  virtual std::uint32_t uniform(std::uint32_t upper_bound) = 0;  // in [0, upper_bound); bound > 0
};

// The appliance's CSPRNG (libsodium randombytes_uniform, unbiased).
class SodiumRandom final : public RandomSource {
 public:
  SodiumRandom();  // initialises libsodium (idempotent)
  std::uint32_t uniform(std::uint32_t upper_bound) override;
};

// The appliance's draw (P6.3 by the appliance):
//   date      uniformly among the distinct `operating_days` before `today`; for
//             KOSEKI only among those at most one month back when there are any
//             (P6.3 note)
//   window    `window_minutes` long, starting on a whole minute, uniformly among
//             the starts that keep it inside the hours common to every site with
//             terminals of the system
//   terminals one per such site, uniformly among the site's terminals, in site order
// The result passes check_designation() (it may still warn for KOSEKI when no
// recent day was given). Fails with designation.no_operating_day,
// designation.no_terminals or designation.no_common_hours. window_minutes is
// raised to kMinWindowMinutes if lower.
[[nodiscard]] Result<Designation> draw_designation(System system, const std::vector<Site>& sites,
                                                   const std::vector<Terminal>& terminals,
                                                   Date today,
                                                   const std::vector<Date>& operating_days,
                                                   RandomSource& random,
                                                   int window_minutes = kMinWindowMinutes);

// One designation of one system, as made.
struct SystemDesignation {
  System system = System::koseki;
  Designation designation;
};

// Every designation of a survey (P6.3.d): a re-designation adds, never replaces.
struct DesignationSet {
  std::vector<SystemDesignation> history;  // in the order made
  void add(System system, Designation designation) {
    history.push_back({system, std::move(designation)});
  }
};

// True when some designation of `system` in the set has this date, a window
// holding `time` (half-open) and this terminal: the union of the designations.
bool in_window(const DesignationSet& set, System system, Date date, TimeOfDay time,
               const std::string& terminal_id);

}  // namespace shogo::survey
