#pragma once
// The lending ledger (貸出簿, P6.4.c, P10.3) — who holds which sheet, since
// when, due back when; kept in vault.db for ever (ids and times only).
//
//   Lending            one sheet (one system's rows of one survey) lent to one investigator
//   complete_sheets()  P6.4 designated → sheets made: every system has its sheet and
//                      enough viewed persons, or a supervisor accepts the shortfall
//   lend()             P6.4.c the investigator signed in asks; the manager confirms
//                      with their passphrase. The first lending moves the survey
//                      sheets made → reconciling (lifecycle.hpp)
//   return_sheet()     the holder gives it back, a manager confirming; or a manager
//                      takes it back alone
//   return_all()       the appliance returns what is due (end of the day) or
//                      everything (the sitting closes), the ledger saying so
//   load_ledger()      every lending of a survey; open_lendings(): those not returned
//   holding()          the open lending of this sheet by this user, not yet due
//
// Every change is one Vault::change(): the row and its audit event (with the
// row's complete values in the state delta) commit together, or neither.
// One holder at a time: vault.db's unique index on the open lendings says so
// too. A lending is due at the vault's next end of day (Vault::end_of_day())
// after it began; a sheet is readable only while it is held and not due.
//
// Conflict of interest (P5.3.c): a sheet is never lent to an investigator
// whose own operator ids (the roster's user column) made rows of it.
//
// Passphrases: checked by Vault::unlock() on the open vault (the rate limit
// and the failure counter of a sign-in apply; ~0.7 s: callers in the kiosk
// run it on the task runner).
//
// Error codes: vault.locked, ledger.not_investigator, ledger.not_manager,
// ledger.not_holder, ledger.already_lent, ledger.conflict_of_interest,
// ledger.no_sheet, ledger.returned, ledger.unknown, survey.unknown,
// survey.wrong_state, survey.sheets_missing, survey.shortfall,
// survey.not_supervisor, and those of Vault::unlock().

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/secure_buffer.hpp"
#include "kiosk/survey/domain.hpp"
#include "kiosk/survey/vault.hpp"
#include "storage/base/result.hpp"

namespace shogo::survey {

enum class ReturnKind : std::uint8_t {
  returned,        // the holder brought it back (or a manager took it back)
  end_of_day,      // the appliance, at the end of the day it was due
  sitting_closed,  // the appliance, when the manager closed the sitting
};
std::string_view return_kind_id(ReturnKind kind);  // "returned", "end_of_day", "sitting_closed"
std::optional<ReturnKind> parse_return_kind(std::string_view id);

struct Lending {
  std::int64_t id = 0;
  std::string survey_id;
  System system = System::koseki;
  std::string investigator;  // user id of the holder
  std::string lent_by;       // the manager who confirmed
  std::int64_t lent_at = 0, due_at = 0;
  std::optional<std::int64_t> returned_at;
  std::string returned_by;  // a manager, or "system"
  std::optional<ReturnKind> return_kind;
  bool open() const { return !returned_at.has_value(); }
  bool readable(std::int64_t now) const { return open() && now < due_at; }
  // Returned by the appliance, not by a person: the paper may still be out.
  bool returned_automatically() const {
    return return_kind.has_value() && *return_kind != ReturnKind::returned;
  }
};

// P6.4 by a manager. Every system needs an imported sheet (survey.sheets_missing
// otherwise). A system with fewer viewed persons than required (P6.2) needs a
// supervisor's acceptance: `supervisor` and their passphrase (survey.shortfall
// when not given). The event says which systems fell short and who accepted.
struct Shortfall {
  std::string supervisor;  // "" = no acceptance
  const crypto::SecureBuffer* passphrase = nullptr;
};
[[nodiscard]] Status complete_sheets(Vault& vault, const std::string& actor,
                                     const std::string& survey_id, const Shortfall& accept = {});

// P6.4.c. `actor` is the investigator who takes the sheet (signed in);
// `manager` confirms with `passphrase`. The survey must be sheets_made (the
// first lending begins the reconciliation), reconciling or follow_up.
[[nodiscard]] Result<Lending> lend(Vault& vault, const std::string& actor,
                                   const std::string& survey_id, System system,
                                   const std::string& manager,
                                   const crypto::SecureBuffer& passphrase);

// The holder returns, `manager` confirming with `passphrase`; or a manager
// (actor == manager) takes it back.
[[nodiscard]] Result<Lending> return_sheet(Vault& vault, const std::string& actor,
                                           std::int64_t lending_id, const std::string& manager,
                                           const crypto::SecureBuffer& passphrase);

// The appliance ("system") returns every open lending — all of them
// (sitting_closed), or those due by now (end_of_day). One event per lending.
// The number returned.
[[nodiscard]] Result<int> return_all(Vault& vault, ReturnKind kind);

[[nodiscard]] Result<std::vector<Lending>> load_ledger(Vault& vault, const std::string& survey_id);
[[nodiscard]] Result<std::vector<Lending>> open_lendings(Vault& vault);  // every survey
[[nodiscard]] Result<Lending> find_lending(Vault& vault, std::int64_t lending_id);
// What the manager sees in red at sign-in: lendings still open past their due
// time, and those the appliance returned (end of day, sitting closed) at or
// after `since` — the paper may still be out. Every survey, oldest first.
[[nodiscard]] Result<std::vector<Lending>> late_lendings(Vault& vault, std::int64_t since);
// The open lending of this sheet held by `user_id` and readable now;
// ledger.not_holder when there is none (never lent, returned, due).
[[nodiscard]] Result<Lending> holding(Vault& vault, const std::string& user_id,
                                      const std::string& survey_id, System system);

// The audit chain's head now, as printed on slips and reports: "SEQ:SHORTHASH"
// (crypto/audit_chain.hpp, anchors).
[[nodiscard]] Result<std::string> audit_anchor(Vault& vault);

// P5.3.c: the operator ids of `user_id` (roster) that made rows of this
// system's sheet. Empty: no conflict.
[[nodiscard]] Result<std::vector<std::string>> own_operator_ids_in_sheet(
    Vault& vault, const std::string& user_id, const std::string& survey_id, System system);

}  // namespace shogo::survey
