#pragma once
// Follow-up (追跡調査, P6.6), findings (P7.2) and the hold (P9.2) — what the
// manager records for each access that no document confirmed.
//
//   follow_up_list()   the groups decided "not found", with their operator and
//                      its kind (no resident's data: time, terminal, operator)
//   record_follow_up() P6.6.a an interview of a staff operator (date, the reason
//                      given, the conclusion), or P6.6.b a contractor's report
//                      (request sent, report received, its summary, the
//                      manager's check, the conclusion). A later record of the
//                      same group corrects an earlier one and keeps it.
//   record_finding()   P7.2 "not business": the cause and the measures against
//                      recurrence; the survey goes on hold (P9.2)
//   decide_additional() P9.2 the manager's decision on an additional
//                      investigation: none (the hold is released) or one
//                      (released when end_additional() records its end)
//   hold_of()          the survey's hold, if any: a held survey is never wiped
//   check_free_text()  findings, causes, measures and interview notes go into
//                      reports: refused when they hold a resident's name,
//                      kana or birth date of the survey (NFKC, spaces
//                      ignored), saying which of the three matched, never the
//                      match (it reads every row of the survey file: about
//                      1.4 s at 1M rows)
//
// Every change is one Vault::change() with its audit event; free text is
// stored in vault.db only after check_free_text() passed.
//
// Error codes: followup.not_manager, followup.not_found_group (not decided
// "not found"), followup.bad_date, followup.empty, followup.wrong_kind,
// followup.not_not_business (a finding without that conclusion),
// text.resident_name, text.resident_kana, text.resident_birth, hold.none,
// hold.decided, hold.not_ongoing, survey.unknown and the database's.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/survey/domain.hpp"
#include "kiosk/survey/vault.hpp"
#include "storage/base/result.hpp"

namespace shogo::survey {

enum class Conclusion : std::uint8_t {
  pending,          // the interview or the report is not finished
  business,         // an access for business after all
  mistyped_search,  // P6.5.b: a search typed wrong
  not_business,     // P7.2: a finding
};
std::string_view conclusion_id(Conclusion c);  // "pending", "business", "mistyped_search", …
std::optional<Conclusion> parse_conclusion(std::string_view id);

enum class FollowUpKind : std::uint8_t {
  interview,   // P6.6.a staff (and an other division's ID: its holder is staff)
  contractor,  // P6.6.b the contractor's general manager reports
};

// An access to follow up: a group decided "not found" (ids and times only).
struct FollowUpItem {
  System system = System::koseki;
  std::int64_t group_id = 0;
  Date date;
  TimeOfDay time;
  std::string terminal_id, operator_id, operator_name;
  std::optional<OperatorKind> operator_kind;
  OperationKind operation = OperationKind::inquiry;
  FollowUpKind kind = FollowUpKind::interview;
  std::optional<std::int64_t> record;  // the follow-up in force, if any
  Conclusion conclusion = Conclusion::pending;
  bool finding = false;  // a finding was recorded for it
};

struct FollowUpRecord {
  std::int64_t id = 0;
  std::string survey_id;
  System system = System::koseki;
  std::int64_t group_id = 0;
  FollowUpKind kind = FollowUpKind::interview;
  Date held_on;                   // interview date, or the date the request was sent
  std::optional<Date> report_on;  // contractor: the report's date
  std::string account;            // the reason given, or the report's summary
  std::string manager_check;      // contractor: the manager's check of the report
  Conclusion conclusion = Conclusion::pending;
  std::string recorded_by;
  std::int64_t recorded_at = 0;
};

struct Finding {
  std::int64_t id = 0;
  std::string survey_id;
  System system = System::koseki;
  std::int64_t group_id = 0;
  std::string cause, measures;
  std::string recorded_by;
  std::int64_t recorded_at = 0;
};

enum class Additional : std::uint8_t { undecided, none, ongoing, ended };
struct Hold {
  std::string survey_id;
  std::int64_t placed_at = 0;
  Additional additional = Additional::undecided;
  std::optional<std::int64_t> released_at;
  bool active() const { return !released_at.has_value(); }
};

[[nodiscard]] Result<std::vector<FollowUpItem>> follow_up_list(Vault& vault,
                                                               const std::string& survey_id);
[[nodiscard]] Result<FollowUpRecord> record_follow_up(Vault& vault, const std::string& actor,
                                                      FollowUpRecord record);
[[nodiscard]] Result<std::vector<FollowUpRecord>> follow_up_history(Vault& vault,
                                                                    const std::string& survey_id,
                                                                    System system,
                                                                    std::int64_t group_id);
[[nodiscard]] Result<Finding> record_finding(Vault& vault, const std::string& actor,
                                             Finding finding);
[[nodiscard]] Result<std::vector<Finding>> load_findings(Vault& vault,
                                                         const std::string& survey_id);
[[nodiscard]] Result<std::optional<Hold>> hold_of(Vault& vault, const std::string& survey_id);
// P9.2: `additional` false → none: the hold is released now; true → ongoing.
[[nodiscard]] Status decide_additional(Vault& vault, const std::string& actor,
                                       const std::string& survey_id, bool additional);
[[nodiscard]] Status end_additional(Vault& vault, const std::string& actor,
                                    const std::string& survey_id);

// What a free text is, for the error's words: "the reason", "the cause", …
enum class TextField : std::uint8_t { account, manager_check, cause, measures };
[[nodiscard]] Status check_free_text(Vault& vault, const std::string& survey_id,
                                     std::string_view text, TextField field);

}  // namespace shogo::survey
