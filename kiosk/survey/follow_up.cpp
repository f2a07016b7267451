#include "kiosk/survey/follow_up.hpp"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cassert>
#include <cstdio>
#include <map>
#include <variant>

#include "crypto/secure_buffer.hpp"
#include "kiosk/survey/reconciliation.hpp"
#include "kiosk/survey/roster.hpp"
#include "kiosk/survey/sheet_store.hpp"
#include "kiosk/survey/survey_register.hpp"

namespace shogo::survey {

namespace {

constexpr std::pair<Conclusion, std::string_view> kConclusions[] = {
    {Conclusion::pending, "pending"},
    {Conclusion::business, "business"},
    {Conclusion::mistyped_search, "mistyped_search"},
    {Conclusion::not_business, "not_business"},
};
constexpr std::pair<Additional, std::string_view> kAdditional[] = {
    {Additional::undecided, "undecided"},
    {Additional::none, "none"},
    {Additional::ongoing, "ongoing"},
    {Additional::ended, "ended"},
};

Error locked() { return Error{"vault.locked", N_("The vault is locked.")}; }

Status manager_only(Vault& vault, const std::string& actor) {
  const VaultUser* u = vault.users().find(actor);
  if (u == nullptr || u->disabled || u->role != Role::manager) {
    return Error{"followup.not_manager", N_("Only the manager records the follow-up.")};
  }
  return ok_status();
}

// NFKC, white space (ASCII and U+3000) removed: how names are compared (P6.2).
std::string squeezed(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFKCInstance(status);
  assert(U_SUCCESS(status) && "ICU has no NFKC data");
  icu::UnicodeString u = n->normalize(icu::UnicodeString::fromUTF8(icu::StringPiece(
                                          text.data(), static_cast<int32_t>(text.size()))),
                                      status);
  std::string out;
  u.toUTF8String(out);
  u.remove();
  out.erase(std::remove_if(out.begin(), out.end(),
                           [](char c) { return c == ' ' || c == '\t' || c == '\n'; }),
            out.end());
  return out;
}

// The forms a birth date is written in: 1955-06-03, 1955/6/3, 19550603, 1955年6月3日.
std::vector<std::string> birth_forms(Date d) {
  char a[32], b[32], c[32], e[48], f[32];
  std::snprintf(a, sizeof a, "%04d-%02d-%02d", d.year, d.month, d.day);
  std::snprintf(b, sizeof b, "%04d/%d/%d", d.year, d.month, d.day);
  std::snprintf(c, sizeof c, "%04d%02d%02d", d.year, d.month, d.day);
  std::snprintf(e, sizeof e, "%04d年%d月%d日", d.year, d.month, d.day);
  std::snprintf(f, sizeof f, "%04d/%02d/%02d", d.year, d.month, d.day);
  return {a, b, c, e, f};
}

Result<std::int64_t> insert(storage::Database& db, const std::string& sql,
                            const std::vector<std::variant<std::string, std::int64_t>>& values) {
  auto st = storage::Statement::prepare(db, sql);
  if (!st) return st.error();
  for (std::size_t i = 0; i < values.size(); ++i) {
    const int at = static_cast<int>(i + 1);
    Status b = std::holds_alternative<std::string>(values[i])
                   ? st->bind_text(at, std::get<std::string>(values[i]))
                   : st->bind_int64(at, std::get<std::int64_t>(values[i]));
    if (!b) return b.error();
  }
  if (auto r = st->step(); !r) return r.error();
  return db.last_insert_rowid();
}

FollowUpRecord read_record(storage::Statement& st, const std::string& survey_id) {
  FollowUpRecord r;
  r.id = st.column_int64(0);
  r.survey_id = survey_id;
  r.system = parse_system(st.column_text_view(1)).value_or(System::koseki);
  r.group_id = st.column_int64(2);
  r.kind =
      st.column_text_view(3) == "contractor" ? FollowUpKind::contractor : FollowUpKind::interview;
  parse_stored_date(st.column_text_view(4), r.held_on);
  Date report;
  if (parse_stored_date(st.column_text_view(5), report)) r.report_on = report;
  r.account = st.column_text(6);
  r.manager_check = st.column_text(7);
  r.conclusion = parse_conclusion(st.column_text_view(8)).value_or(Conclusion::pending);
  r.recorded_by = st.column_text(9);
  r.recorded_at = st.column_int64(10);
  return r;
}

constexpr const char* kRecordColumns =
    "id, system, group_id, kind, held_on, report_on, account, manager_check, conclusion, "
    "recorded_by, recorded_at FROM follow_ups ";

}  // namespace

std::string_view conclusion_id(Conclusion c) {
  for (const auto& [k, id] : kConclusions) {
    if (k == c) return id;
  }
  return "pending";
}

std::optional<Conclusion> parse_conclusion(std::string_view id) {
  for (const auto& [k, text] : kConclusions) {
    if (text == id) return k;
  }
  return std::nullopt;
}

Status check_free_text(Vault& vault, const std::string& survey_id, std::string_view text,
                       TextField field) {
  if (!vault.is_open()) return locked();
  auto db = vault.surveys().open(survey_id);
  if (!db) return db.error();
  if (auto s = prepare_survey_file(*db); !s) return s.error();
  auto rows = load_access_rows(*db);
  if (!rows) return rows.error();
  (void)field;  // the error names what matched (name, kana, birth date), never the match
  std::string typed = squeezed(text);
  Status found = ok_status();
  for (auto& r : *rows) {
    if (!found) break;
    std::string name = squeezed(r.resident_name), kana = squeezed(r.resident_kana);
    if (name.size() >= 2 * 3 - 2 && typed.find(name) != std::string::npos) {
      found = Error{"text.resident_name",
                    N_("This text contains the name of a resident of this survey. Write it "
                       "without residents' data.")};
    } else if (kana.size() >= 6 && typed.find(kana) != std::string::npos) {
      found = Error{"text.resident_kana",
                    N_("This text contains the kana of a resident's name in this survey. Write "
                       "it without residents' data.")};
    } else {
      for (auto& form : birth_forms(r.resident_birth)) {
        if (found && typed.find(form) != std::string::npos) {
          found = Error{"text.resident_birth",
                        N_("This text contains the birth date of a resident of this survey. "
                           "Write it without residents' data.")};
        }
        crypto::wipe_text(form);
      }
    }
    crypto::wipe_text(name);
    crypto::wipe_text(kana);
  }
  for (auto& r : *rows) {
    crypto::wipe_text(r.resident_name);
    crypto::wipe_text(r.resident_kana);
    crypto::wipe_text(r.resident_address);
  }
  crypto::wipe_text(typed);
  return found;
}

Result<std::vector<FollowUpItem>> follow_up_list(Vault& vault, const std::string& survey_id) {
  if (!vault.is_open()) return locked();
  auto decisions = load_decisions(vault, survey_id);
  if (!decisions) return decisions.error();
  auto roster = load_roster(vault);
  if (!roster) return roster.error();
  std::map<std::string, const RosterOperator*, std::less<>> known;
  for (const auto& o : *roster) known[o.id] = &o;
  auto db = vault.surveys().open(survey_id);
  if (!db) return db.error();
  if (auto s = prepare_survey_file(*db); !s) return s.error();
  auto row = storage::Statement::prepare(
      *db,
      "SELECT op_date, op_time, terminal_id, operator_id, operation FROM access_rows "
      "WHERE id = ?");
  if (!row) return row.error();
  std::vector<FollowUpItem> out;
  for (const Decision& d : *decisions) {
    if (d.outcome != Outcome::not_found) continue;
    FollowUpItem item;
    item.system = d.system;
    item.group_id = d.group_id;
    if (auto s = row->reset(); !s) return s.error();
    if (auto s = row->bind_int64(1, d.group_id); !s) return s.error();
    auto more = row->step();
    if (!more) return more.error();
    if (!*more) return Error{"survey.corrupt", N_("A stored access row could not be read.")};
    parse_stored_date(row->column_text_view(0), item.date);
    parse_stored_time(row->column_text_view(1), item.time);
    item.terminal_id = row->column_text(2);
    item.operator_id = row->column_text(3);
    item.operation =
        parse_operation_kind(row->column_text_view(4)).value_or(OperationKind::inquiry);
    if (const auto it = known.find(item.operator_id); it != known.end()) {
      item.operator_kind = it->second->kind;
      item.operator_name = it->second->name;
    }
    item.kind = item.operator_kind == OperatorKind::contractor ? FollowUpKind::contractor
                                                               : FollowUpKind::interview;
    auto history = follow_up_history(vault, survey_id, d.system, d.group_id);
    if (!history) return history.error();
    if (!history->empty()) {
      item.record = history->back().id;
      item.conclusion = history->back().conclusion;
    }
    auto finding = vault.database().query_int(
        "SELECT count(*) FROM findings WHERE survey_id = '" + survey_id + "' AND system = '" +
        std::string(system_id(d.system)) + "' AND group_id = " + std::to_string(d.group_id));
    if (!finding) return finding.error();
    item.finding = *finding > 0;
    out.push_back(std::move(item));
  }
  std::sort(out.begin(), out.end(), [](const FollowUpItem& a, const FollowUpItem& b) {
    return std::tie(a.date, a.time, a.group_id) < std::tie(b.date, b.time, b.group_id);
  });
  return out;
}

Result<std::vector<FollowUpRecord>> follow_up_history(Vault& vault, const std::string& survey_id,
                                                      System system, std::int64_t group_id) {
  if (!vault.is_open()) return locked();
  auto st = storage::Statement::prepare(
      vault.database(), std::string("SELECT ") + kRecordColumns +
                            "WHERE survey_id = ? AND system = ? AND group_id = ? ORDER BY id");
  if (!st) return st.error();
  Status b = st->bind_text(1, survey_id);
  if (b) b = st->bind_text(2, system_id(system));
  if (b) b = st->bind_int64(3, group_id);
  if (!b) return b.error();
  std::vector<FollowUpRecord> out;
  for (;;) {
    auto more = st->step();
    if (!more) return more.error();
    if (!*more) break;
    out.push_back(read_record(*st, survey_id));
  }
  return out;
}

Result<FollowUpRecord> record_follow_up(Vault& vault, const std::string& actor, FollowUpRecord r) {
  if (!vault.is_open()) return locked();
  if (auto s = manager_only(vault, actor); !s) return s.error();
  auto items = follow_up_list(vault, r.survey_id);
  if (!items) return items.error();
  const auto it = std::find_if(items->begin(), items->end(), [&](const FollowUpItem& i) {
    return i.system == r.system && i.group_id == r.group_id;
  });
  if (it == items->end()) {
    return Error{"followup.not_found_group",
                 N_("Only an access decided \"not found\" is followed up.")};
  }
  if (it->kind != r.kind) {
    return Error{"followup.wrong_kind",
                 N_("A staff member is interviewed; a contractor's employee is reported on by "
                    "the contractor.")};
  }
  if (!is_valid_date(r.held_on) || (r.report_on && !is_valid_date(*r.report_on))) {
    return Error{"followup.bad_date", N_("Type the date of the interview or the request.")};
  }
  if (r.conclusion != Conclusion::pending && squeezed(r.account).empty()) {
    return Error{"followup.empty",
                 r.kind == FollowUpKind::interview
                     ? N_("Write the reason the operator gave before a conclusion.")
                     : N_("Write the summary of the contractor's report before a conclusion.")};
  }
  if (auto s = check_free_text(vault, r.survey_id, r.account, TextField::account); !s) {
    return s.error();
  }
  if (auto s = check_free_text(vault, r.survey_id, r.manager_check, TextField::manager_check); !s) {
    return s.error();
  }
  r.recorded_by = actor;
  r.recorded_at = vault.now();
  AuditObjects objects;
  objects.add("survey", r.survey_id);
  objects.add("system", system_id(r.system));
  objects.add("group", r.group_id);
  objects.add("kind", r.kind == FollowUpKind::interview ? "interview" : "contractor");
  objects.add("conclusion", conclusion_id(r.conclusion));
  const Status status = vault.change(
      actor, {AuditAction::follow_up, objects, {}},
      [&](storage::Database& db) -> Result<std::string> {
        auto id =
            insert(db,
                   "INSERT INTO follow_ups (survey_id, system, group_id, kind, held_on, "
                   "report_on, account, manager_check, conclusion, recorded_by, "
                   "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   {r.survey_id, std::string(system_id(r.system)), r.group_id,
                    std::string(r.kind == FollowUpKind::interview ? "interview" : "contractor"),
                    format_date(r.held_on), r.report_on ? format_date(*r.report_on) : std::string(),
                    r.account, r.manager_check, std::string(conclusion_id(r.conclusion)),
                    r.recorded_by, r.recorded_at});
        if (!id) return id.error();
        r.id = *id;
        return std::string();
      });
  if (!status) return status.error();
  return r;
}

Result<Finding> record_finding(Vault& vault, const std::string& actor, Finding f) {
  if (!vault.is_open()) return locked();
  if (auto s = manager_only(vault, actor); !s) return s.error();
  auto history = follow_up_history(vault, f.survey_id, f.system, f.group_id);
  if (!history) return history.error();
  if (history->empty() || history->back().conclusion != Conclusion::not_business) {
    return Error{"followup.not_not_business",
                 N_("A finding is recorded for an access concluded \"not for business\".")};
  }
  if (squeezed(f.cause).empty() || squeezed(f.measures).empty()) {
    return Error{"followup.empty", N_("Write the cause and the measures against recurrence.")};
  }
  if (auto s = check_free_text(vault, f.survey_id, f.cause, TextField::cause); !s) {
    return s.error();
  }
  if (auto s = check_free_text(vault, f.survey_id, f.measures, TextField::measures); !s) {
    return s.error();
  }
  f.recorded_by = actor;
  f.recorded_at = vault.now();
  auto hold = hold_of(vault, f.survey_id);
  if (!hold) return hold.error();
  const bool place = !*hold || !(*hold)->active();
  AuditObjects objects;
  objects.add("survey", f.survey_id);
  objects.add("system", system_id(f.system));
  objects.add("group", f.group_id);
  if (place) objects.add("hold", "placed");
  const Status status = vault.change(
      actor, {AuditAction::finding, objects, {}},
      [&](storage::Database& db) -> Result<std::string> {
        auto id = insert(db,
                         "INSERT INTO findings (survey_id, system, group_id, cause, measures, "
                         "recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                         {f.survey_id, std::string(system_id(f.system)), f.group_id, f.cause,
                          f.measures, f.recorded_by, f.recorded_at});
        if (!id) return id.error();
        f.id = *id;
        if (place) {  // P9.2: kept until the decision on an additional investigation
          auto h = insert(db,
                          "INSERT OR REPLACE INTO holds (survey_id, placed_at, placed_by, "
                          "additional) VALUES (?, ?, ?, 'undecided')",
                          {f.survey_id, f.recorded_at, actor});
          if (!h) return h.error();
        }
        return std::string();
      });
  if (!status) return status.error();
  return f;
}

Result<std::vector<Finding>> load_findings(Vault& vault, const std::string& survey_id) {
  if (!vault.is_open()) return locked();
  auto st = storage::Statement::prepare(
      vault.database(),
      "SELECT id, system, group_id, cause, measures, recorded_by, recorded_at FROM findings "
      "WHERE survey_id = ? ORDER BY id");
  if (!st) return st.error();
  if (auto b = st->bind_text(1, survey_id); !b) return b.error();
  std::vector<Finding> out;
  for (;;) {
    auto more = st->step();
    if (!more) return more.error();
    if (!*more) break;
    Finding f;
    f.id = st->column_int64(0);
    f.survey_id = survey_id;
    f.system = parse_system(st->column_text_view(1)).value_or(System::koseki);
    f.group_id = st->column_int64(2);
    f.cause = st->column_text(3);
    f.measures = st->column_text(4);
    f.recorded_by = st->column_text(5);
    f.recorded_at = st->column_int64(6);
    out.push_back(std::move(f));
  }
  return out;
}

Result<std::optional<Hold>> hold_of(Vault& vault, const std::string& survey_id) {
  if (!vault.is_open()) return locked();
  auto st = storage::Statement::prepare(
      vault.database(), "SELECT placed_at, additional, released_at FROM holds WHERE survey_id = ?");
  if (!st) return st.error();
  if (auto b = st->bind_text(1, survey_id); !b) return b.error();
  auto more = st->step();
  if (!more) return more.error();
  if (!*more) return std::optional<Hold>();
  Hold h;
  h.survey_id = survey_id;
  h.placed_at = st->column_int64(0);
  for (const auto& [k, id] : kAdditional) {
    if (id == st->column_text_view(1)) h.additional = k;
  }
  if (!st->column_is_null(2)) h.released_at = st->column_int64(2);
  return std::optional<Hold>(h);
}

namespace {

Status change_hold(Vault& vault, const std::string& actor, const std::string& survey_id,
                   Additional to, bool release) {
  AuditObjects objects;
  objects.add("survey", survey_id);
  for (const auto& [k, id] : kAdditional) {
    if (k == to) objects.add("additional", id);
  }
  if (release) objects.add("hold", "released");
  const std::int64_t now = vault.now();
  return vault.change(actor, {AuditAction::hold_decision, objects, {}},
                      [&](storage::Database& db) -> Result<std::string> {
                        auto st = storage::Statement::prepare(
                            db, release ? "UPDATE holds SET additional = ?, released_at = ? "
                                          "WHERE survey_id = ?"
                                        : "UPDATE holds SET additional = ? WHERE survey_id = ?");
                        if (!st) return st.error();
                        std::string_view id;
                        for (const auto& [k, text] : kAdditional) {
                          if (k == to) id = text;
                        }
                        Status b = st->bind_text(1, id);
                        if (release) {
                          if (b) b = st->bind_int64(2, now);
                          if (b) b = st->bind_text(3, survey_id);
                        } else if (b) {
                          b = st->bind_text(2, survey_id);
                        }
                        if (!b) return b.error();
                        if (auto r = st->step(); !r) return r.error();
                        return std::string();
                      });
}

}  // namespace

Status decide_additional(Vault& vault, const std::string& actor, const std::string& survey_id,
                         bool additional) {
  if (!vault.is_open()) return locked();
  if (auto s = manager_only(vault, actor); !s) return s;
  auto hold = hold_of(vault, survey_id);
  if (!hold) return hold.error();
  if (!*hold || !(*hold)->active()) {
    return Error{"hold.none", N_("This survey is not on hold.")};
  }
  if ((*hold)->additional != Additional::undecided) {
    return Error{"hold.decided", N_("The decision on an additional investigation is recorded.")};
  }
  return additional ? change_hold(vault, actor, survey_id, Additional::ongoing, false)
                    : change_hold(vault, actor, survey_id, Additional::none, true);
}

Status end_additional(Vault& vault, const std::string& actor, const std::string& survey_id) {
  if (!vault.is_open()) return locked();
  if (auto s = manager_only(vault, actor); !s) return s;
  auto hold = hold_of(vault, survey_id);
  if (!hold) return hold.error();
  if (!*hold || !(*hold)->active() || (*hold)->additional != Additional::ongoing) {
    return Error{"hold.not_ongoing",
                 N_("No additional investigation of this survey is under way.")};
  }
  return change_hold(vault, actor, survey_id, Additional::ended, true);
}

}  // namespace shogo::survey
