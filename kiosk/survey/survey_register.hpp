#pragma once
// The survey register — surveys, their state, the ward's sites and terminals,
// and designations (調査対象の指定, P6.3), kept in vault.db. No personal data
// lives here: designations name dates, windows and terminal ids only.
//
// Index
//   SurveyState            lifecycle.hpp: the states and the table of transitions
//   SurveySummary          one survey as the register holds it
//   list_surveys() / find_survey()
//   load_sites() / load_terminals() / add_site() / add_terminal()
//   load_designations()    a survey's DesignationSet (P6.3.d: history kept)
//   designate()            the supervisor's designation, checked and recorded
//   draw_and_designate()   the appliance draws, and records before any import
//   operating_days()       the days the draw chooses among
//   count_survey()         viewed persons per system (P6.2) from the survey's rows
//
// Every change is one transaction with its audit event (Vault::change()).
//
// Roles (P5):
//   designate, draw          supervisor (P6.3: 調査総括責任者が指定)
//   create a survey          manager (SurveyFiles::create, survey_files.hpp)
//   sites and terminals      shogo-admin (provisioning), audited as the signed-in user
//
// States and transitions: lifecycle.hpp's table (designate, draw, redesignate,
// redraw go through check_transition()). Designating in any later state is
// survey.wrong_state: the sheets are made.
//
// Error codes: survey.unknown, survey.wrong_state, survey.not_supervisor,
// designation.refused (check errors, see DesignationOutcome), designation.unacknowledged
// (a warning the supervisor did not acknowledge), config.bad_id, config.exists,
// config.unknown_site, and those of check_designation() / draw_designation().
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/survey/designation.hpp"
#include "kiosk/survey/domain.hpp"
#include "kiosk/survey/lifecycle.hpp"
#include "kiosk/survey/vault.hpp"
#include "storage/base/result.hpp"

namespace shogo::survey {

struct SurveySummary {
  std::string id;
  int fiscal_year = 0;
  std::string title;
  SurveyState state = SurveyState::draft;
  int min_persons = 10;        // P6.2 at least this many viewed persons per system
  int group_gap_minutes = 15;  // P6.2 rows closer than this form one series
};

[[nodiscard]] Result<std::vector<SurveySummary>> list_surveys(Vault& vault);  // by creation
[[nodiscard]] Result<SurveySummary> find_survey(Vault& vault, const std::string& survey_id);

// P6.2's two numbers for a survey: at least `min_persons` viewed persons per
// system (≥ 1), and rows at most `gap_minutes` apart form one series (≥ 0).
// A manager, before the sheets are made (survey.wrong_state after); audited
// as "survey_settings". Errors: survey.not_manager, survey.bad_setting.
[[nodiscard]] Status set_counting_rules(Vault& vault, const std::string& actor,
                                        const std::string& survey_id, int min_persons,
                                        int gap_minutes);

// Sites and terminals (P6.3.b/c), in id order. Ids are ASCII letters, digits,
// '-' and '_' (they appear in audit events); a site's hours are "HH:MM".
[[nodiscard]] Result<std::vector<Site>> load_sites(Vault& vault);
[[nodiscard]] Result<std::vector<Terminal>> load_terminals(Vault& vault);
[[nodiscard]] Status add_site(Vault& vault, const std::string& actor, const Site& site);
[[nodiscard]] Status add_terminal(Vault& vault, const std::string& actor, const Terminal& terminal);

// Every designation of the survey, in the order made.
[[nodiscard]] Result<DesignationSet> load_designations(Vault& vault, const std::string& survey_id);

// What designate() did: stored, or why not. `check` is always filled.
struct DesignationOutcome {
  bool stored = false;
  int seq = 0;  // 1-based number of the designation in the survey, when stored
  DesignationCheck check;
  Designation designation;  // as checked (for a draw: as drawn)
};

// P6.3 by the supervisor. Refused (stored = false, the Result still holds the
// outcome) while check_designation() reports an error, or a warning whose
// code is not in `acknowledged`. Errors only for what is not about the
// designation itself: survey.unknown, survey.wrong_state, survey.not_supervisor,
// database errors. `today` is the appliance's local date.
[[nodiscard]] Result<DesignationOutcome> designate(Vault& vault, const std::string& actor,
                                                   const std::string& survey_id, System system,
                                                   const Designation& designation,
                                                   const std::vector<std::string>& acknowledged,
                                                   Date today);

// P6.3 by the appliance: draws among operating_days(today) with `random` and
// records the result at once (audit action "designation_draw"), so the
// designation is in the log before anything can be imported. Warnings of a
// draw are acknowledged by drawing.
[[nodiscard]] Result<DesignationOutcome> draw_and_designate(Vault& vault, const std::string& actor,
                                                            const std::string& survey_id,
                                                            System system, Date today,
                                                            RandomSource& random,
                                                            int window_minutes = kMinWindowMinutes);

// The days a draw chooses among: the 60 days before `today` that are not a
// closing day (holidays.hpp: weekends, public holidays, 29 Dec – 3 Jan). A
// ward closed on another day re-designates (P6.3.d); the history shows it.
std::vector<Date> operating_days(Date today);

// P6.2 per system, from the rows stored in the survey's file.
struct SystemCount {
  System system = System::koseki;
  bool designated = false;   // the survey has a designation of this system
  bool imported = false;     // a sheet of this system was imported (P6.4)
  std::size_t rows = 0;      // stored rows
  std::size_t accesses = 0;  // access groups (一連の操作)
  std::size_t persons = 0;   // distinct viewed persons
  int required = 10;         // the survey's min_persons
  // P4: operator ids of the stored rows that the roster does not know, sorted.
  // Their kind is unknown until it does (reconciliation cannot close them as business).
  std::vector<std::string> unknown_operators;
  // P5.3.c: investigators whose own operator ids (the roster's Shogo user)
  // made rows of this system. They may not reconcile its sheet. Sorted.
  std::vector<std::string> conflicted_investigators;
  bool enough() const { return persons >= static_cast<std::size_t>(required); }
};
[[nodiscard]] Result<std::vector<SystemCount>> count_survey(Vault& vault,
                                                            const std::string& survey_id);

// P6.1 the Japanese fiscal year (年度) of a date: April to March.  2027-03-31 → 2026
int fiscal_year_of(Date date);
// The id proposed for a new survey: "fy<year>-<n>", n one more than the
// highest such number among `existing` (1 when none).
std::string propose_survey_id(int fiscal_year, const std::vector<std::string>& existing);

// The appliance's local date (the clock of the machine; P6.3.a "before today").
Date local_today();

// "YYYY-MM-DD" / "HH:MM" helpers shared by the register and the importer.
std::optional<Date> parse_iso_date(std::string_view text);
std::optional<TimeOfDay> parse_hh_mm(std::string_view text);
std::string format_hh_mm(TimeOfDay time);

}  // namespace shogo::survey
