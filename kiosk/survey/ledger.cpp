#include "kiosk/survey/ledger.hpp"

#include <algorithm>

#include "kiosk/survey/audit_log.hpp"
#include "kiosk/survey/lifecycle.hpp"
#include "kiosk/survey/sitting.hpp"
#include "kiosk/survey/survey_register.hpp"

namespace shogo::survey {

namespace {

constexpr std::pair<ReturnKind, std::string_view> kReturnKinds[] = {
    {ReturnKind::returned, "returned"},
    {ReturnKind::end_of_day, "end_of_day"},
    {ReturnKind::sitting_closed, "sitting_closed"},
};

Error locked() { return Error{"vault.locked", N_("The vault is locked.")}; }

const VaultUser* active_user(Vault& vault, const std::string& id, Role role) {
  const VaultUser* user = vault.users().find(id);
  if (user == nullptr || user->disabled || user->role != role) return nullptr;
  return user;
}

constexpr const char* kLendingColumns =
    "id, survey_id, system, investigator, lent_by, lent_at, due_at, returned_at, "
    "coalesce(returned_by, ''), return_kind FROM lendings ";

Lending read_lending(const storage::Statement& st) {
  Lending l;
  l.id = st.column_int64(0);
  l.survey_id = st.column_text(1);
  l.system = parse_system(st.column_text_view(2)).value_or(System::koseki);
  l.investigator = st.column_text(3);
  l.lent_by = st.column_text(4);
  l.lent_at = st.column_int64(5);
  l.due_at = st.column_int64(6);
  if (!st.column_is_null(7)) l.returned_at = st.column_int64(7);
  l.returned_by = st.column_text(8);
  if (!st.column_is_null(9)) l.return_kind = parse_return_kind(st.column_text_view(9));
  return l;
}

Result<std::vector<Lending>> query_lendings(storage::Database& db, const std::string& where,
                                            const std::string& bind = {}) {
  auto st = storage::Statement::prepare(db, std::string("SELECT ") + kLendingColumns + where);
  if (!st) return st.error();
  if (!bind.empty()) {
    if (auto s = st->bind_text(1, bind); !s) return s.error();
  }
  std::vector<Lending> out;
  for (;;) {
    auto more = st->step();
    if (!more) return more.error();
    if (!*more) break;
    out.push_back(read_lending(*st));
  }
  return out;
}

// The lifecycle's row `from` → `to` for this survey, inside a change.
Status move_survey(storage::Database& db, const std::string& survey_id, const TransitionRow& row) {
  auto st =
      storage::Statement::prepare(db, "UPDATE surveys SET state = ? WHERE id = ? AND state = ?");
  if (!st) return st.error();
  Status b = st->bind_text(1, survey_state_id(row.to));
  if (b) b = st->bind_text(2, survey_id);
  if (b) b = st->bind_text(3, survey_state_id(row.from));
  if (!b) return b;
  if (auto r = st->step(); !r) return r.error();
  if (db.changes() != 1) {
    return Error{"survey.wrong_state", N_("The survey changed meanwhile. Please look again.")};
  }
  return ok_status();
}

// Marks one open lending returned, inside a change.
Status mark_returned(storage::Database& db, std::int64_t id, std::int64_t at, const std::string& by,
                     ReturnKind kind) {
  auto st = storage::Statement::prepare(
      db,
      "UPDATE lendings SET returned_at = ?, returned_by = ?, return_kind = ? "
      "WHERE id = ? AND returned_at IS NULL");
  if (!st) return st.error();
  Status b = st->bind_int64(1, at);
  if (b) b = st->bind_text(2, by);
  if (b) b = st->bind_text(3, return_kind_id(kind));
  if (b) b = st->bind_int64(4, id);
  if (!b) return b;
  if (auto r = st->step(); !r) return r.error();
  if (db.changes() != 1) {
    return Error{"ledger.returned", N_("This sheet has already been returned.")};
  }
  return ok_status();
}

AuditObjects lending_objects(const Lending& l) {
  AuditObjects o;
  o.add("investigator", l.investigator);
  o.add("lending", l.id);
  o.add("survey", l.survey_id);
  o.add("system", system_id(l.system));
  return o;
}

// The passphrase of `user_id`, checked on the open vault (a sign-in's rate
// limit and counter apply; the event is a sign_in of that user).
Status confirm(Vault& vault, const std::string& user_id, const crypto::SecureBuffer& passphrase) {
  auto result = vault.unlock(user_id, passphrase);
  if (!result) return result.error();
  return ok_status();
}

}  // namespace

std::string_view return_kind_id(ReturnKind kind) {
  for (const auto& [k, id] : kReturnKinds) {
    if (k == kind) return id;
  }
  return "returned";
}

std::optional<ReturnKind> parse_return_kind(std::string_view id) {
  for (const auto& [k, text] : kReturnKinds) {
    if (text == id) return k;
  }
  return std::nullopt;
}

Status complete_sheets(Vault& vault, const std::string& actor, const std::string& survey_id,
                       const Shortfall& accept) {
  if (!vault.is_open()) return locked();
  if (active_user(vault, actor, Role::manager) == nullptr) {
    return Error{"ledger.not_manager", N_("Only the manager declares the sheets made.")};
  }
  auto survey = find_survey(vault, survey_id);
  if (!survey) return survey.error();
  auto row = check_transition(survey->state, Step::complete_sheets, Taker::manager);
  if (!row) return row.error();
  auto counts = count_survey(vault, survey_id);
  if (!counts) return counts.error();
  std::string short_systems;
  for (const SystemCount& c : *counts) {
    if (!c.designated || !c.imported) {
      return Error{"survey.sheets_missing",
                   N_("Every system needs its designation and its imported sheet before the "
                      "sheets are made.")};
    }
    if (!c.enough()) {
      if (!short_systems.empty()) short_systems += ',';
      short_systems += system_id(c.system);
    }
  }
  AuditObjects objects;
  objects.add("survey", survey_id);
  if (!short_systems.empty()) {
    if (accept.supervisor.empty() || accept.passphrase == nullptr) {
      return Error{"survey.shortfall",
                   N_("A system has fewer viewed persons than required. The supervisor must "
                      "accept the shortfall with their passphrase, or designate again.")};
    }
    if (active_user(vault, accept.supervisor, Role::supervisor) == nullptr) {
      return Error{"survey.not_supervisor", N_("Only the supervisor can accept a shortfall.")};
    }
    if (auto s = confirm(vault, accept.supervisor, *accept.passphrase); !s) return s;
    objects.add("accepted_by", accept.supervisor);
    objects.add("short", short_systems);
  }
  return vault.change(actor, {AuditAction::sheets_complete, objects, {}},
                      [&](storage::Database& db) -> Result<std::string> {
                        if (auto s = move_survey(db, survey_id, *row); !s) return s.error();
                        return std::string(step_id(row->step));
                      });
}

Result<Lending> lend(Vault& vault, const std::string& actor, const std::string& survey_id,
                     System system, const std::string& manager,
                     const crypto::SecureBuffer& passphrase) {
  if (!vault.is_open()) return locked();
  if (active_user(vault, actor, Role::investigator) == nullptr) {
    return Error{"ledger.not_investigator", N_("Sheets are lent to investigators only.")};
  }
  if (active_user(vault, manager, Role::manager) == nullptr) {
    return Error{"ledger.not_manager", N_("Only the manager can lend a sheet.")};
  }
  auto survey = find_survey(vault, survey_id);
  if (!survey) return survey.error();
  std::optional<TransitionRow> begins;
  if (survey->state == SurveyState::sheets_made) {
    auto row = check_transition(survey->state, Step::begin_reconciling, Taker::manager);
    if (!row) return row.error();
    begins = *row;
  } else if (survey->state != SurveyState::reconciling && survey->state != SurveyState::follow_up) {
    return Error{"survey.wrong_state",
                 N_("Sheets are lent once they are made, until the report is drafted.")};
  }
  auto counts = count_survey(vault, survey_id);
  if (!counts) return counts.error();
  const auto count = std::find_if(counts->begin(), counts->end(),
                                  [&](const SystemCount& c) { return c.system == system; });
  if (count == counts->end() || count->rows == 0) {
    return Error{"ledger.no_sheet", N_("This survey has no rows of this system to lend.")};
  }
  // P5.3.c an investigator whose own operator ids made rows of any sheet of
  // the survey is a person the survey examines: no longer one of its
  // investigators, for every system.
  for (const SystemCount& c : *counts) {
    if (std::find(c.conflicted_investigators.begin(), c.conflicted_investigators.end(), actor) !=
        c.conflicted_investigators.end()) {
      return Error{"ledger.conflict_of_interest",
                   N_("This investigator's own operator ID appears in this survey's sheets: "
                      "they may not reconcile them (conflict of interest). Lend the sheet to "
                      "another investigator.")};
    }
  }
  auto open = query_lendings(vault.database(),
                             "WHERE survey_id = ?1 AND returned_at IS NULL AND system = '" +
                                 std::string(system_id(system)) + "'",
                             survey_id);
  if (!open) return open.error();
  if (!open->empty()) {
    return Error{"ledger.already_lent", N_("This sheet is lent already. It must come back first.")};
  }
  if (auto s = confirm(vault, manager, passphrase); !s) return s.error();

  Lending l;
  l.survey_id = survey_id;
  l.system = system;
  l.investigator = actor;
  l.lent_by = manager;
  l.lent_at = vault.now();
  l.due_at = next_end_of_day(static_cast<std::time_t>(l.lent_at), vault.end_of_day());
  auto next_id = vault.database().query_int("SELECT coalesce(max(id), 0) + 1 FROM lendings");
  if (!next_id) return next_id.error();
  l.id = *next_id;
  AuditObjects objects = lending_objects(l);
  objects.add("confirmed_by", manager);
  const Status status = vault.change(
      actor, {AuditAction::sheet_lend, objects, {}},
      [&](storage::Database& db) -> Result<std::string> {
        auto st = storage::Statement::prepare(
            db,
            "INSERT INTO lendings (id, survey_id, system, investigator, lent_by, lent_at, due_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)");
        if (!st) return st.error();
        Status b = st->bind_int64(1, l.id);
        if (b) b = st->bind_text(2, l.survey_id);
        if (b) b = st->bind_text(3, system_id(l.system));
        if (b) b = st->bind_text(4, l.investigator);
        if (b) b = st->bind_text(5, l.lent_by);
        if (b) b = st->bind_int64(6, l.lent_at);
        if (b) b = st->bind_int64(7, l.due_at);
        if (!b) return b.error();
        if (auto r = st->step(); !r) {
          if (r.error().code == "db.constraint") {
            return Error{"ledger.already_lent",
                         N_("This sheet is lent already. It must come back first.")};
          }
          return r.error();
        }
        if (begins) {
          if (auto s = move_survey(db, survey_id, *begins); !s) return s.error();
          return std::string(step_id(begins->step));
        }
        return std::string();
      });
  if (!status) return status.error();
  return l;
}

Result<Lending> return_sheet(Vault& vault, const std::string& actor, std::int64_t lending_id,
                             const std::string& manager, const crypto::SecureBuffer& passphrase) {
  if (!vault.is_open()) return locked();
  auto lending = find_lending(vault, lending_id);
  if (!lending) return lending.error();
  if (!lending->open()) {
    return Error{"ledger.returned", N_("This sheet has already been returned.")};
  }
  if (active_user(vault, manager, Role::manager) == nullptr) {
    return Error{"ledger.not_manager", N_("Only the manager can take a sheet back.")};
  }
  if (actor != lending->investigator && actor != manager) {
    return Error{"ledger.not_holder", N_("Only the holder returns this sheet, or the manager.")};
  }
  if (auto s = confirm(vault, manager, passphrase); !s) return s.error();
  Lending l = *lending;
  l.returned_at = vault.now();
  l.returned_by = manager;
  l.return_kind = ReturnKind::returned;
  AuditObjects objects = lending_objects(l);
  objects.add("confirmed_by", manager);
  objects.add("kind", return_kind_id(ReturnKind::returned));
  const Status status = vault.change(
      actor, {AuditAction::sheet_return, objects, {}},
      [&](storage::Database& db) -> Result<std::string> {
        if (auto s = mark_returned(db, l.id, *l.returned_at, manager, ReturnKind::returned); !s) {
          return s.error();
        }
        return std::string();
      });
  if (!status) return status.error();
  return l;
}

Result<int> return_all(Vault& vault, ReturnKind kind) {
  if (!vault.is_open()) return locked();
  auto open = open_lendings(vault);
  if (!open) return open.error();
  const std::int64_t now = vault.now();
  int returned = 0;
  for (const Lending& l : *open) {
    if (kind == ReturnKind::end_of_day && now < l.due_at) continue;
    AuditObjects objects = lending_objects(l);
    objects.add("kind", return_kind_id(kind));
    const Status status =
        vault.change("system", {AuditAction::sheet_return, objects, {}},
                     [&](storage::Database& db) -> Result<std::string> {
                       if (auto s = mark_returned(db, l.id, now, "system", kind); !s) {
                         return s.error();
                       }
                       return std::string();
                     });
    if (!status) return status.error();
    ++returned;
  }
  return returned;
}

Result<std::vector<Lending>> load_ledger(Vault& vault, const std::string& survey_id) {
  if (!vault.is_open()) return locked();
  return query_lendings(vault.database(), "WHERE survey_id = ?1 ORDER BY id", survey_id);
}

Result<std::vector<Lending>> open_lendings(Vault& vault) {
  if (!vault.is_open()) return locked();
  return query_lendings(vault.database(), "WHERE returned_at IS NULL ORDER BY id");
}

Result<Lending> find_lending(Vault& vault, std::int64_t lending_id) {
  if (!vault.is_open()) return locked();
  auto found = query_lendings(vault.database(), "WHERE id = " + std::to_string(lending_id));
  if (!found) return found.error();
  if (found->empty()) return Error{"ledger.unknown", N_("There is no such lending.")};
  return found->front();
}

Result<Lending> holding(Vault& vault, const std::string& user_id, const std::string& survey_id,
                        System system) {
  if (!vault.is_open()) return locked();
  auto open = query_lendings(vault.database(),
                             "WHERE survey_id = ?1 AND returned_at IS NULL AND system = '" +
                                 std::string(system_id(system)) + "'",
                             survey_id);
  if (!open) return open.error();
  for (const Lending& l : *open) {
    if (l.investigator == user_id && l.readable(vault.now())) return l;
  }
  return Error{"ledger.not_holder",
               N_("This sheet is not lent to you now. Ask the manager to lend it.")};
}

Result<std::vector<std::string>> own_operator_ids_in_sheet(Vault& vault, const std::string& user_id,
                                                           const std::string& survey_id,
                                                           System system) {
  if (!vault.is_open()) return locked();
  std::vector<std::string> ids;
  {
    auto st = storage::Statement::prepare(vault.database(),
                                          "SELECT id FROM operators WHERE user_id = ? ORDER BY id");
    if (!st) return st.error();
    if (auto s = st->bind_text(1, user_id); !s) return s.error();
    for (;;) {
      auto more = st->step();
      if (!more) return more.error();
      if (!*more) break;
      ids.push_back(st->column_text(0));
    }
  }
  std::vector<std::string> found;
  if (ids.empty()) return found;
  auto db = vault.surveys().open(survey_id);
  if (!db) return db.error();
  auto st = storage::Statement::prepare(
      *db, "SELECT 1 FROM access_rows WHERE system = ? AND operator_id = ? LIMIT 1");
  if (!st) return st.error();
  for (const std::string& id : ids) {
    Status b = st->bind_text(1, system_id(system));
    if (b) b = st->bind_text(2, id);
    if (!b) return b.error();
    auto more = st->step();
    if (!more) return more.error();
    if (*more) found.push_back(id);
    (void)st->reset();
  }
  return found;
}

Result<std::vector<Lending>> late_lendings(Vault& vault, std::int64_t since) {
  if (!vault.is_open()) return locked();
  return query_lendings(vault.database(),
                        "WHERE (returned_at IS NULL AND due_at <= " + std::to_string(vault.now()) +
                            ") OR (return_kind IN ('end_of_day', 'sitting_closed') AND "
                            "returned_at >= " +
                            std::to_string(since) + ") ORDER BY id");
}

Result<std::string> audit_anchor(Vault& vault) {
  if (!vault.is_open()) return locked();
  auto state = load_audit_state(vault.database());
  if (!state) return state.error();
  if (!*state || (*state)->next_seq <= 1) return std::string();
  return std::to_string((*state)->next_seq - 1) + ":" + crypto::audit::short_hash((*state)->head);
}

}  // namespace shogo::survey
