#include "kiosk/survey/roster.hpp"

namespace shogo::survey {

Status replace_roster(Vault& vault, const std::string& actor,
                      const std::vector<storage::import::RosterEntry>& entries,
                      std::uint64_t* bad_row) {
  if (!vault.is_open()) return Error{"vault.locked", N_("The vault is locked.")};
  const VaultUser* user = vault.users().find(actor);
  if (user == nullptr || user->disabled || user->role != Role::manager) {
    return Error{"roster.not_manager", N_("Only the manager imports the operator roster.")};
  }
  for (const auto& e : entries) {
    if (!e.user.empty() && vault.users().find(e.user) == nullptr) {
      if (bad_row) *bad_row = e.row;
      return Error{"roster.unknown_user",
                   N_("A row of the roster names a Shogo user the vault does not have.")};
    }
  }
  const Vault::AuditedChange what{
      AuditAction::roster_import,
      AuditObjects().add("operators", static_cast<long long>(entries.size())),
      {}};
  return vault.change(actor, what, [&](storage::Database& db) -> Result<std::string> {
    if (auto s = db.exec("DELETE FROM operators"); !s) return s.error();
    auto st = storage::Statement::prepare(
        db, "INSERT INTO operators(id, name, kind, affiliation, user_id) VALUES(?,?,?,?,?)");
    if (!st) return st.error();
    for (const auto& e : entries) {
      Status s = st->bind_text(1, e.operator_id);
      if (s) s = st->bind_text(2, e.name);
      if (s) s = st->bind_text(3, operator_kind_id(e.kind));
      if (s) s = st->bind_text(4, e.affiliation);
      if (s) s = e.user.empty() ? st->bind_null(5) : st->bind_text(5, e.user);
      if (!s) return s.error();
      if (auto r = st->step(); !r) return r.error();
      if (auto r = st->reset(); !r) return r.error();
    }
    return std::string();  // the rows themselves are in the event's state delta
  });
}

Result<std::vector<RosterOperator>> load_roster(Vault& vault) {
  if (!vault.is_open()) return Error{"vault.locked", N_("The vault is locked.")};
  auto st = storage::Statement::prepare(
      vault.database(),
      "SELECT id, name, kind, affiliation, coalesce(user_id, '') FROM operators ORDER BY id");
  if (!st) return st.error();
  std::vector<RosterOperator> out;
  for (;;) {
    auto more = st->step();
    if (!more) return more.error();
    if (!*more) break;
    RosterOperator o;
    o.id = st->column_text(0);
    o.name = st->column_text(1);
    o.kind = parse_operator_kind(st->column_text(2)).value_or(OperatorKind::staff);
    o.affiliation = st->column_text(3);
    o.user_id = st->column_text(4);
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace shogo::survey
