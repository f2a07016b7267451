#include "kiosk/survey/phrases.hpp"

#include "kiosk/survey/audit_actions.hpp"

namespace shogo::survey {

namespace {

constexpr std::size_t kMaxBytes = 600;  // about 200 Japanese characters

std::string_view kind_id(PhraseKind k) { return k == PhraseKind::reason ? "reason" : "measure"; }

Status manager_only(Vault& vault, const std::string& actor) {
  if (!vault.is_open()) return Error{"vault.locked", N_("The vault is locked.")};
  const VaultUser* u = vault.users().find(actor);
  if (u == nullptr || u->disabled || u->role != Role::manager) {
    return Error{"phrase.not_manager", N_("Only the manager keeps the frequent phrases.")};
  }
  return ok_status();
}

}  // namespace

Result<std::vector<Phrase>> load_phrases(Vault& vault, PhraseKind kind) {
  if (!vault.is_open()) return Error{"vault.locked", N_("The vault is locked.")};
  auto st = storage::Statement::prepare(vault.database(),
                                        "SELECT id, text FROM phrases WHERE kind = ? ORDER BY id");
  if (!st) return st.error();
  if (auto b = st->bind_text(1, kind_id(kind)); !b) return b.error();
  std::vector<Phrase> out;
  for (;;) {
    auto more = st->step();
    if (!more) return more.error();
    if (!*more) break;
    out.push_back({st->column_int64(0), kind, st->column_text(1)});
  }
  return out;
}

Result<Phrase> add_phrase(Vault& vault, const std::string& actor, PhraseKind kind,
                          const std::string& text) {
  if (auto s = manager_only(vault, actor); !s) return s.error();
  const auto first = text.find_first_not_of(" \t\n");
  if (first == std::string::npos) return Error{"phrase.empty", N_("Type the phrase first.")};
  if (text.size() > kMaxBytes) {
    return Error{"phrase.too_long", N_("A frequent phrase is at most about 200 characters.")};
  }
  auto existing = load_phrases(vault, kind);
  if (!existing) return existing.error();
  for (const auto& p : *existing) {
    if (p.text == text) return Error{"phrase.exists", N_("This phrase is in the list already.")};
  }
  Phrase p{0, kind, text};
  AuditObjects objects;
  objects.add("phrase", "add");
  objects.add("kind", kind_id(kind));
  const Status status = vault.change(
      actor, {AuditAction::phrase_change, objects, {}},
      [&](storage::Database& db) -> Result<std::string> {
        auto st = storage::Statement::prepare(
            db, "INSERT INTO phrases (kind, text, added_by, added_at) VALUES (?, ?, ?, ?)");
        if (!st) return st.error();
        Status b = st->bind_text(1, kind_id(kind));
        if (b) b = st->bind_text(2, text);
        if (b) b = st->bind_text(3, actor);
        if (b) b = st->bind_int64(4, vault.now());
        if (!b) return b.error();
        if (auto r = st->step(); !r) return r.error();
        p.id = db.last_insert_rowid();
        return std::string();
      });
  if (!status) return status.error();
  return p;
}

Status remove_phrase(Vault& vault, const std::string& actor, std::int64_t id) {
  if (auto s = manager_only(vault, actor); !s) return s;
  auto n =
      vault.database().query_int("SELECT count(*) FROM phrases WHERE id = " + std::to_string(id));
  if (!n) return n.error();
  if (*n == 0) return Error{"phrase.unknown", N_("There is no such phrase.")};
  AuditObjects objects;
  objects.add("phrase", "remove");
  objects.add("id", id);
  return vault.change(
      actor, {AuditAction::phrase_change, objects, {}},
      [&](storage::Database& db) -> Result<std::string> {
        if (auto s = db.exec("DELETE FROM phrases WHERE id = " + std::to_string(id) + ";"); !s) {
          return s.error();
        }
        return std::string();
      });
}

}  // namespace shogo::survey
