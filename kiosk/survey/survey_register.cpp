#include "kiosk/survey/survey_register.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <ctime>
#include <map>
#include <set>

#include "kiosk/survey/access_groups.hpp"
#include "kiosk/survey/holidays.hpp"
#include "kiosk/survey/sheet_store.hpp"

namespace shogo::survey {

namespace {

bool valid_config_id(std::string_view id) {
  if (id.empty() || id.size() > 40) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
  });
}

Error unknown_survey() { return Error{"survey.unknown", N_("There is no such survey.")}; }

std::string join(const std::vector<std::string>& items, char separator) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

// The designation as the audit log records it: no personal data, ASCII.
std::string designation_detail(System system, const Designation& d,
                               const std::vector<std::string>& acknowledged) {
  return "system=" + std::string(system_id(system)) + " date=" + format_date(d.date) +
         " window=" + format_hh_mm(d.from) + "-" + format_hh_mm(d.to) +
         " terminals=" + join(d.terminal_ids, ',') + " drawn=" + (d.drawn ? "1" : "0") +
         (acknowledged.empty() ? "" : " acknowledged=" + join(acknowledged, ','));
}

Status require_supervisor(Vault& vault, const std::string& actor) {
  const VaultUser* user = vault.users().find(actor);
  if (user == nullptr || user->disabled || user->role != Role::supervisor) {
    return Error{"survey.not_supervisor",
                 N_("Only the supervisor designates the date, window and terminals.")};
  }
  return ok_status();
}

Result<DesignationOutcome> record_designation(Vault& vault, const std::string& actor,
                                              const std::string& survey_id, System system,
                                              const Designation& designation,
                                              const std::vector<std::string>& acknowledged,
                                              Date today, bool drawn) {
  if (auto s = require_supervisor(vault, actor); !s) return s.error();
  auto survey = find_survey(vault, survey_id);
  if (!survey) return survey.error();
  const bool first = survey->state == SurveyState::draft;
  const Step step =
      drawn ? (first ? Step::draw : Step::redraw) : (first ? Step::designate : Step::redesignate);
  auto row = check_transition(survey->state, step, Taker::supervisor);
  if (!row) {
    if (row.error().code != "survey.wrong_state") return row.error();
    return Error{"survey.wrong_state",
                 N_("The sheets of this survey are made: it can no longer be designated.")};
  }
  auto sites = load_sites(vault);
  if (!sites) return sites.error();
  auto terminals = load_terminals(vault);
  if (!terminals) return terminals.error();

  DesignationOutcome outcome;
  outcome.designation = designation;
  outcome.check = check_designation(designation, system, *sites, *terminals, today);
  if (!outcome.check.ok()) return outcome;
  std::vector<std::string> noted;
  for (const Error& w : outcome.check.warnings) {
    if (std::find(acknowledged.begin(), acknowledged.end(), w.code) == acknowledged.end())
      return outcome;
    noted.push_back(w.code);
  }

  const Vault::AuditedChange what{*row->action, AuditObjects().add("survey", survey_id), {}};
  int seq = 0;
  auto status = vault.change(actor, what, [&](storage::Database& db) -> Result<std::string> {
    auto next = storage::Statement::prepare(
        db, "SELECT coalesce(max(seq), 0) + 1 FROM designations WHERE survey_id = ?");
    if (!next) return next.error();
    if (auto s = next->bind_text(1, survey_id); !s) return s.error();
    if (auto r = next->step(); !r) return r.error();
    seq = static_cast<int>(next->column_int64(0));
    auto insert = storage::Statement::prepare(
        db,
        "INSERT INTO designations(survey_id, seq, system, on_date, window_from, window_to, drawn, "
        "acknowledged, made_by, made_at) VALUES(?,?,?,?,?,?,?,?,?,?)");
    if (!insert) return insert.error();
    Status s = insert->bind_text(1, survey_id);
    if (s) s = insert->bind_int64(2, seq);
    if (s) s = insert->bind_text(3, system_id(system));
    if (s) s = insert->bind_text(4, format_date(designation.date));
    if (s) s = insert->bind_text(5, format_hh_mm(designation.from));
    if (s) s = insert->bind_text(6, format_hh_mm(designation.to));
    if (s) s = insert->bind_int64(7, designation.drawn ? 1 : 0);
    if (s) s = insert->bind_text(8, join(noted, ','));
    if (s) s = insert->bind_text(9, actor);
    if (s) s = insert->bind_int64(10, vault.now());  // the vault's clock, never SQL's
    if (!s) return s.error();
    if (auto r = insert->step(); !r) return r.error();
    auto terminal = storage::Statement::prepare(
        db, "INSERT INTO designation_terminals(survey_id, seq, terminal_id) VALUES(?,?,?)");
    if (!terminal) return terminal.error();
    for (const auto& id : designation.terminal_ids) {
      Status t = terminal->bind_text(1, survey_id);
      if (t) t = terminal->bind_int64(2, seq);
      if (t) t = terminal->bind_text(3, id);
      if (!t) return t.error();
      if (auto r = terminal->step(); !r) return r.error();
      (void)terminal->reset();
    }
    // The lifecycle's row: draft → designated, or designated stays designated.
    auto state =
        storage::Statement::prepare(db, "UPDATE surveys SET state = ? WHERE id = ? AND state = ?");
    if (!state) return state.error();
    Status b = state->bind_text(1, survey_state_id(row->to));
    if (b) b = state->bind_text(2, survey_id);
    if (b) b = state->bind_text(3, survey_state_id(row->from));
    if (!b) return b.error();
    if (auto r = state->step(); !r) return r.error();
    return "seq=" + std::to_string(seq) + " " + designation_detail(system, designation, noted);
  });
  if (!status) return status.error();
  outcome.stored = true;
  outcome.seq = seq;
  return outcome;
}

}  // namespace

int fiscal_year_of(Date date) { return date.month >= 4 ? date.year : date.year - 1; }

std::string propose_survey_id(int fiscal_year, const std::vector<std::string>& existing) {
  const std::string prefix = "fy" + std::to_string(fiscal_year) + "-";
  long highest = 0;
  for (const std::string& id : existing) {
    if (id.rfind(prefix, 0) != 0) continue;
    const std::string number = id.substr(prefix.size());
    const bool digits = !number.empty() && std::all_of(number.begin(), number.end(),
                                                       [](char c) { return c >= '0' && c <= '9'; });
    if (number.size() > 6 || !digits) continue;  // "fy2026-1a" is not numbered
    highest = std::max(highest, std::stol(number));
  }
  return prefix + std::to_string(highest + 1);
}

Date local_today() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return Date{local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
}

std::optional<Date> parse_iso_date(std::string_view text) {
  Date d;
  char tail = 0;
  if (text.size() != 10 || std::sscanf(std::string(text).c_str(), "%4d-%2d-%2d%c", &d.year,
                                       &d.month, &d.day, &tail) != 3)
    return std::nullopt;
  if (d.month < 1 || d.month > 12 || d.day < 1) return std::nullopt;
  if (!is_valid_date(d)) return std::nullopt;
  return d;
}

std::optional<TimeOfDay> parse_hh_mm(std::string_view text) {
  TimeOfDay t;
  char tail = 0;
  if (text.size() != 5 ||
      std::sscanf(std::string(text).c_str(), "%2d:%2d%c", &t.hour, &t.minute, &tail) != 2)
    return std::nullopt;
  if (t.hour < 0 || t.hour > 24 || t.minute < 0 || t.minute > 59) return std::nullopt;
  if (t.hour == 24 && t.minute != 0) return std::nullopt;
  return t;
}

std::string format_hh_mm(TimeOfDay time) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", time.hour % 100, time.minute % 100);
  return buf;
}

Result<std::vector<SurveySummary>> list_surveys(Vault& vault) {
  if (!vault.is_open()) return Error{"vault.locked", N_("The vault is locked.")};
  auto st = storage::Statement::prepare(
      vault.database(),
      "SELECT id, fiscal_year, title, state, min_persons, group_gap_minutes FROM surveys "
      "ORDER BY created_at, id");
  if (!st) return st.error();
  std::vector<SurveySummary> out;
  for (;;) {
    auto more = st->step();
    if (!more) return more.error();
    if (!*more) break;
    SurveySummary s;
    s.id = st->column_text(0);
    s.fiscal_year = static_cast<int>(st->column_int64(1));
    s.title = st->column_text(2);
    s.state = parse_survey_state(st->column_text_view(3)).value_or(SurveyState::draft);
    s.min_persons = static_cast<int>(st->column_int64(4));
    s.group_gap_minutes = static_cast<int>(st->column_int64(5));
    out.push_back(std::move(s));
  }
  return out;
}

Result<SurveySummary> find_survey(Vault& vault, const std::string& survey_id) {
  auto all = list_surveys(vault);
  if (!all) return all.error();
  for (auto& s : *all)
    if (s.id == survey_id) return std::move(s);
  return unknown_survey();
}

Status set_counting_rules(Vault& vault, const std::string& actor, const std::string& survey_id,
                          int min_persons, int gap_minutes) {
  const VaultUser* user = vault.users().find(actor);
  if (user == nullptr || user->disabled || user->role != Role::manager) {
    return Error{"survey.not_manager", N_("Only the manager changes how persons are counted.")};
  }
  if (min_persons < 1 || min_persons > 1000 || gap_minutes < 0 || gap_minutes > 24 * 60) {
    return Error{"survey.bad_setting",
                 N_("At least 1 person per system, and a gap of 0 to 1440 minutes.")};
  }
  auto survey = find_survey(vault, survey_id);
  if (!survey) return survey.error();
  if (survey->state != SurveyState::draft && survey->state != SurveyState::designated) {
    return Error{"survey.wrong_state",
                 N_("The sheets of this survey are made: how persons are counted is fixed.")};
  }
  const Vault::AuditedChange what{
      AuditAction::survey_settings, AuditObjects().add("survey", survey_id), {}};
  return vault.change(actor, what, [&](storage::Database& db) -> Result<std::string> {
    auto st = storage::Statement::prepare(
        db, "UPDATE surveys SET min_persons = ?, group_gap_minutes = ? WHERE id = ?");
    if (!st) return st.error();
    Status s = st->bind_int64(1, min_persons);
    if (s) s = st->bind_int64(2, gap_minutes);
    if (s) s = st->bind_text(3, survey_id);
    if (!s) return s.error();
    if (auto r = st->step(); !r) return r.error();
    return "min_persons=" + std::to_string(min_persons) +
           " gap_minutes=" + std::to_string(gap_minutes);
  });
}

Result<std::vector<Site>> load_sites(Vault& vault) {
  if (!vault.is_open()) return Error{"vault.locked", N_("The vault is locked.")};
  auto st = storage::Statement::prepare(vault.database(),
                                        "SELECT id, name, opens, closes FROM sites ORDER BY id");
  if (!st) return st.error();
  std::vector<Site> out;
  for (;;) {
    auto more = st->step();
    if (!more) return more.error();
    if (!*more) break;
    Site site;
    site.id = st->column_text(0);
    site.name = st->column_text(1);
    site.opens = parse_hh_mm(st->column_text_view(2)).value_or(TimeOfDay{});
    site.closes = parse_hh_mm(st->column_text_view(3)).value_or(TimeOfDay{});
    out.push_back(std::move(site));
  }
  return out;
}

Result<std::vector<Terminal>> load_terminals(Vault& vault) {
  if (!vault.is_open()) return Error{"vault.locked", N_("The vault is locked.")};
  auto st = storage::Statement::prepare(vault.database(),
                                        "SELECT id, site_id, system FROM terminals ORDER BY id");
  if (!st) return st.error();
  std::vector<Terminal> out;
  for (;;) {
    auto more = st->step();
    if (!more) return more.error();
    if (!*more) break;
    Terminal t;
    t.id = st->column_text(0);
    t.site_id = st->column_text(1);
    t.system = parse_system(st->column_text_view(2)).value_or(System::koseki);
    out.push_back(std::move(t));
  }
  return out;
}

namespace {

// Sites and terminals feed the designation's checks and the draw (P6.3):
// the manager keeps them.
Status manager_only(Vault& vault, const std::string& actor) {
  if (!vault.is_open()) return Error{"vault.locked", N_("The vault is locked.")};
  const VaultUser* user = vault.users().find(actor);
  if (user == nullptr || user->disabled || user->role != Role::manager) {
    return Error{"config.not_manager", N_("Only the manager adds sites and terminals.")};
  }
  return ok_status();
}

}  // namespace

Status add_site(Vault& vault, const std::string& actor, const Site& site) {
  if (auto s = manager_only(vault, actor); !s) return s;
  if (!valid_config_id(site.id)) {
    return Error{"config.bad_id", N_("An id uses letters, digits, '-' and '_' only.")};
  }
  const Vault::AuditedChange what{AuditAction::site_add, AuditObjects().add("site", site.id), {}};
  return vault.change(actor, what, [&](storage::Database& db) -> Result<std::string> {
    auto st = storage::Statement::prepare(
        db, "INSERT INTO sites(id, name, opens, closes) VALUES(?,?,?,?)");
    if (!st) return st.error();
    Status s = st->bind_text(1, site.id);
    if (s) s = st->bind_text(2, site.name);
    if (s) s = st->bind_text(3, format_hh_mm(site.opens));
    if (s) s = st->bind_text(4, format_hh_mm(site.closes));
    if (!s) return s.error();
    if (auto r = st->step(); !r) {
      return r.error().code == "db.constraint"
                 ? Error{"config.exists",
                         N_("This id is already there, or the hours are not HH:MM with closing "
                            "after opening.")}
                 : r.error();
    }
    return "opens=" + format_hh_mm(site.opens) + " closes=" + format_hh_mm(site.closes);
  });
}

Status add_terminal(Vault& vault, const std::string& actor, const Terminal& terminal) {
  if (auto s = manager_only(vault, actor); !s) return s;
  if (!valid_config_id(terminal.id) || !valid_config_id(terminal.site_id)) {
    return Error{"config.bad_id", N_("An id uses letters, digits, '-' and '_' only.")};
  }
  auto sites = load_sites(vault);
  if (!sites) return sites.error();
  if (std::none_of(sites->begin(), sites->end(),
                   [&](const Site& s) { return s.id == terminal.site_id; })) {
    return Error{"config.unknown_site", N_("There is no site with this id.")};
  }
  const Vault::AuditedChange what{
      AuditAction::terminal_add, AuditObjects().add("terminal", terminal.id), {}};
  return vault.change(actor, what, [&](storage::Database& db) -> Result<std::string> {
    auto st =
        storage::Statement::prepare(db, "INSERT INTO terminals(id, site_id, system) VALUES(?,?,?)");
    if (!st) return st.error();
    Status s = st->bind_text(1, terminal.id);
    if (s) s = st->bind_text(2, terminal.site_id);
    if (s) s = st->bind_text(3, system_id(terminal.system));
    if (!s) return s.error();
    if (auto r = st->step(); !r) {
      return r.error().code == "db.constraint"
                 ? Error{"config.exists", N_("A terminal with this id is already there.")}
                 : r.error();
    }
    return "site=" + terminal.site_id + " system=" + std::string(system_id(terminal.system));
  });
}

Result<DesignationSet> load_designations(Vault& vault, const std::string& survey_id) {
  if (!vault.is_open()) return Error{"vault.locked", N_("The vault is locked.")};
  auto st = storage::Statement::prepare(
      vault.database(),
      "SELECT d.seq, d.system, d.on_date, d.window_from, d.window_to, d.drawn, t.terminal_id "
      "FROM designations d LEFT JOIN designation_terminals t "
      "ON t.survey_id = d.survey_id AND t.seq = d.seq WHERE d.survey_id = ? "
      "ORDER BY d.seq, t.rowid");
  if (!st) return st.error();
  if (auto s = st->bind_text(1, survey_id); !s) return s.error();
  DesignationSet set;
  std::int64_t last_seq = 0;
  for (;;) {
    auto more = st->step();
    if (!more) return more.error();
    if (!*more) break;
    const auto seq = st->column_int64(0);
    if (seq != last_seq) {
      auto system = parse_system(st->column_text_view(1));
      auto date = parse_iso_date(st->column_text_view(2));
      auto from = parse_hh_mm(st->column_text_view(3));
      auto to = parse_hh_mm(st->column_text_view(4));
      if (!system || !date || !from || !to) {
        return Error{"survey.corrupt", N_("A stored designation could not be read.")};
      }
      Designation d;
      d.date = *date;
      d.from = *from;
      d.to = *to;
      d.drawn = st->column_int64(5) != 0;
      set.add(*system, std::move(d));
      last_seq = seq;
    }
    if (!st->column_is_null(6))
      set.history.back().designation.terminal_ids.push_back(st->column_text(6));
  }
  return set;
}

Result<DesignationOutcome> designate(Vault& vault, const std::string& actor,
                                     const std::string& survey_id, System system,
                                     const Designation& designation,
                                     const std::vector<std::string>& acknowledged, Date today) {
  Designation typed = designation;
  typed.drawn = false;
  return record_designation(vault, actor, survey_id, system, typed, acknowledged, today,
                            /*drawn=*/false);
}

Result<DesignationOutcome> draw_and_designate(Vault& vault, const std::string& actor,
                                              const std::string& survey_id, System system,
                                              Date today, RandomSource& random,
                                              int window_minutes) {
  if (auto s = require_supervisor(vault, actor); !s) return s.error();
  auto sites = load_sites(vault);
  if (!sites) return sites.error();
  auto terminals = load_terminals(vault);
  if (!terminals) return terminals.error();
  auto drawn = draw_designation(system, *sites, *terminals, today, operating_days(today), random,
                                window_minutes);
  if (!drawn) return drawn.error();
  std::vector<std::string> acknowledged;
  const auto check = check_designation(*drawn, system, *sites, *terminals, today);
  for (const Error& w : check.warnings) acknowledged.push_back(w.code);
  return record_designation(vault, actor, survey_id, system, *drawn, acknowledged, today,
                            /*drawn=*/true);
}

std::vector<Date> operating_days(Date today) {
  std::vector<Date> days;
  const auto t = day_number(today);
  for (std::int64_t n = t - 60; n < t; ++n) {
    const Date d = date_from_day_number(n);
    if (!is_closing_day(d)) days.push_back(d);
  }
  return days;
}

Result<std::vector<SystemCount>> count_survey(Vault& vault, const std::string& survey_id) {
  auto survey = find_survey(vault, survey_id);
  if (!survey) return survey.error();
  auto set = load_designations(vault, survey_id);
  if (!set) return set.error();
  auto db = vault.surveys().open(survey_id);
  if (!db) return db.error();
  if (auto s = prepare_survey_file(*db); !s) return s.error();
  auto rows = load_access_rows(*db);
  if (!rows) return rows.error();
  const auto groups = group_accesses(*rows, survey->group_gap_minutes);
  // P6.5.b a mistyped search counts as one person with the group it
  // corrects: its own (mistyped) person is not a viewed person of its own.
  std::set<std::pair<System, std::int64_t>> mistyped;
  {
    auto st = storage::Statement::prepare(
        vault.database(),
        "SELECT system, group_id FROM decisions d WHERE survey_id = ?1 AND outcome = "
        "'mistyped_search' AND id = (SELECT max(id) FROM decisions l WHERE l.survey_id = ?1 AND "
        "l.system = d.system AND l.group_id = d.group_id)");
    if (!st) return st.error();
    if (auto b = st->bind_text(1, survey_id); !b) return b.error();
    for (;;) {
      auto more = st->step();
      if (!more) return more.error();
      if (!*more) break;
      if (auto sys = parse_system(st->column_text_view(0))) {
        mistyped.insert({*sys, st->column_int64(1)});
      }
    }
  }
  std::map<System, std::size_t> persons = count_viewed_persons(groups);
  if (!mistyped.empty()) {
    std::vector<std::int64_t> ids;  // access_rows.id of each loaded row, in the same order
    auto st = storage::Statement::prepare(*db, "SELECT id FROM access_rows ORDER BY id");
    if (!st) return st.error();
    for (;;) {
      auto more = st->step();
      if (!more) return more.error();
      if (!*more) break;
      ids.push_back(st->column_int64(0));
    }
    if (ids.size() != rows->size()) {
      return Error{"survey.changed", N_("The survey changed meanwhile. Please look again.")};
    }
    std::map<System, std::set<std::string_view>> keys;  // views into groups: nothing copied
    for (System system : kAllSystems) keys[system];
    for (const AccessGroup& g : groups) {
      if (mistyped.count({g.system, ids[g.rows.front()]}) == 0) keys[g.system].insert(g.person_key);
    }
    for (const auto& [system, k] : keys) persons[system] = k.size();
  }
  std::set<System> imported;
  {
    auto st = storage::Statement::prepare(
        vault.database(), "SELECT DISTINCT system FROM imports WHERE survey_id = ?");
    if (!st) return st.error();
    if (auto b = st->bind_text(1, survey_id); !b) return b.error();
    for (;;) {
      auto more = st->step();
      if (!more) return more.error();
      if (!*more) break;
      if (auto s = parse_system(st->column_text_view(0))) imported.insert(*s);
    }
  }
  std::set<std::string> known;               // the roster's operator ids (P4)
  std::map<std::string, std::string> owner;  // operator id → an investigator's user id (P5.3.c)
  {
    auto st = storage::Statement::prepare(vault.database(),
                                          "SELECT id, coalesce(user_id, '') FROM operators");
    if (!st) return st.error();
    for (;;) {
      auto more = st->step();
      if (!more) return more.error();
      if (!*more) break;
      std::string id = st->column_text(0);
      const std::string user = st->column_text(1);
      const VaultUser* u = user.empty() ? nullptr : vault.users().find(user);
      if (u != nullptr && u->role == Role::investigator) owner[id] = user;
      known.insert(std::move(id));
    }
  }
  std::vector<SystemCount> out;
  for (System system : kAllSystems) {
    SystemCount c;
    std::set<std::string> unknown, conflicted;
    for (const AccessLogRow& r : *rows) {
      if (r.system != system) continue;
      if (known.count(r.operator_id) == 0) unknown.insert(r.operator_id);
      if (auto o = owner.find(r.operator_id); o != owner.end()) conflicted.insert(o->second);
    }
    c.unknown_operators.assign(unknown.begin(), unknown.end());
    c.conflicted_investigators.assign(conflicted.begin(), conflicted.end());
    c.system = system;
    c.required = survey->min_persons;
    c.designated = std::any_of(set->history.begin(), set->history.end(),
                               [&](const SystemDesignation& d) { return d.system == system; });
    c.rows = static_cast<std::size_t>(std::count_if(
        rows->begin(), rows->end(), [&](const AccessLogRow& r) { return r.system == system; }));
    c.accesses = static_cast<std::size_t>(std::count_if(
        groups.begin(), groups.end(), [&](const AccessGroup& g) { return g.system == system; }));
    c.persons = persons.at(system);
    c.imported = imported.count(system) > 0;
    out.push_back(c);
  }
  return out;
}

}  // namespace shogo::survey
