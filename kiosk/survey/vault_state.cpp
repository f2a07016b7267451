#include "kiosk/survey/vault_state.hpp"

#include <sodium.h>

#include <array>
#include <cstdio>
#include <optional>
#include <utility>

namespace shogo::survey {

namespace {

// The privileged tables (docs/audit-log.md, "Replay"). A new privileged
// table or column is added here, and in the document's list.
const std::vector<StateTable>& tables() {
  static const std::vector<StateTable> list = {
      {"users", {"id"}, {"display_name", "role", "disabled", "created_at"}},
      {"keyslots", {"slot_id"}, {"kind", "user_id", "fingerprint"}},
      {"settings", {"key"}, {"value"}},
      {"preferences", {"user_id"}, {"text_size"}},
      {"operators", {"id"}, {"name", "kind", "affiliation", "user_id"}},
      {"sites", {"id"}, {"name", "opens", "closes"}},
      {"terminals", {"id"}, {"site_id", "system"}},
      {"surveys",
       {"id"},
       {"fiscal_year", "title", "survey_key", "created_at", "state", "min_persons",
        "group_gap_minutes"}},
      {"designations",
       {"survey_id", "seq"},
       {"system", "on_date", "window_from", "window_to", "drawn", "acknowledged", "made_by",
        "made_at"}},
      {"designation_terminals", {"survey_id", "seq", "terminal_id"}, {}},
      {"imports",
       {"id"},
       {"survey_id", "sha256", "size", "sheet_kind", "system", "designations", "rows", "kept",
        "already_stored", "problems", "blank", "totals", "dropped_date", "dropped_time",
        "dropped_terminal", "imported_by", "imported_at", "stored", "rows_digest"}},
      {"lendings",
       {"id"},
       {"survey_id", "system", "investigator", "lent_by", "lent_at", "due_at", "returned_at",
        "returned_by", "return_kind"}},
      {"decisions",
       {"id"},
       {"survey_id", "system", "group_id", "group_rows", "outcome", "document", "reference",
        "related_group", "lending_id", "decided_by", "decided_at"}},
      {"follow_ups",
       {"id"},
       {"survey_id", "system", "group_id", "kind", "held_on", "report_on", "account",
        "manager_check", "conclusion", "recorded_by", "recorded_at"}},
      {"findings",
       {"id"},
       {"survey_id", "system", "group_id", "cause", "measures", "recorded_by", "recorded_at"}},
      {"holds", {"survey_id"}, {"placed_at", "placed_by", "additional", "released_at"}},
      {"phrases", {"id"}, {"kind", "text", "added_by", "added_at"}},
  };
  return list;
}

// Percent-encoding of one key part or value: printable ASCII stays, except
// the separators of the state part and '%', '~', '#'; every other byte is %XX
// (as AuditObjects does for objects: the chain stays plain ASCII here).
void encode_into(std::string& out, std::string_view text) {
  static constexpr std::string_view kSpecial = "% |/,=~#";
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c > 0x20 && c < 0x7f && kSpecial.find(ch) == std::string_view::npos) {
      out.push_back(ch);
    } else {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", c);
      out += hex;
    }
  }
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

std::string decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
        hex_value(text[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2])));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

// One column of the current row: an integer in decimal, a text encoded, NULL
// as "~", a blob as "#" and the hex of its BLAKE2b-128 (a key never enters
// the chain).
void column_into(std::string& out, const storage::Statement& st, int column) {
  switch (st.column_type(column)) {
    case storage::Statement::Type::integer: out += std::to_string(st.column_int64(column)); break;
    case storage::Statement::Type::null: out += '~'; break;
    case storage::Statement::Type::blob: {
      const auto bytes = st.column_blob_view(column);
      std::array<unsigned char, 16> digest{};
      crypto_generichash(digest.data(), digest.size(), bytes.data(), bytes.size(), nullptr, 0);
      std::array<char, 33> hex{};
      sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
      out += '#';
      out += hex.data();
      break;
    }
    case storage::Statement::Type::real:  // no privileged column holds one; as text
    case storage::Statement::Type::text: encode_into(out, st.column_text_view(column)); break;
  }
}

std::string join_sql(const std::vector<std::string_view>& columns) {
  std::string out;
  for (const auto& c : columns) {
    if (!out.empty()) out += ", ";
    out += c;
  }
  return out;
}

// The key part after "table/", decoded for a person: "fy2026-1/2".
std::string decoded_key(std::string_view row_key) {
  const auto slash = row_key.find('/');
  return slash == std::string_view::npos ? std::string() : decode(row_key.substr(slash + 1));
}

std::string table_of(std::string_view row_key) {
  return std::string(row_key.substr(0, row_key.find('/')));
}

bool known_table(std::string_view name) {
  for (const StateTable& t : tables()) {
    if (t.name == name) return true;
  }
  return false;
}

}  // namespace

std::span<const StateTable> state_tables() { return tables(); }

Result<VaultState> read_vault_state(storage::Database& db, const crypto::KeyslotFile& slots) {
  VaultState state;
  for (const StateTable& t : tables()) {
    if (t.name == "keyslots") {
      for (const crypto::SlotInfo& s : slots.slots()) {
        std::string key = "keyslots/" + std::to_string(s.slot_id);
        std::string values = std::to_string(static_cast<int>(s.kind)) + ",";
        encode_into(values, s.user_id);
        values += "," + s.fingerprint;
        state.emplace(std::move(key), std::move(values));
      }
      continue;
    }
    std::string sql = "SELECT " + join_sql(t.key);
    if (!t.values.empty()) sql += ", " + join_sql(t.values);
    sql += " FROM main." + std::string(t.name);
    auto st = storage::Statement::prepare(db, sql);
    if (!st) return st.error();
    const int keys = static_cast<int>(t.key.size());
    const int columns = keys + static_cast<int>(t.values.size());
    for (;;) {
      auto more = st->step();
      if (!more) return more.error();
      if (!*more) break;
      std::string key(t.name);
      for (int c = 0; c < keys; ++c) {
        key += '/';
        column_into(key, *st, c);
      }
      std::string values;
      for (int c = keys; c < columns; ++c) {
        if (c > keys) values += ',';
        column_into(values, *st, c);
      }
      state.emplace(std::move(key), std::move(values));
    }
  }
  return state;
}

std::string state_delta(const VaultState& before, const VaultState& after) {
  std::string out;
  auto token = [&](char sign, const std::string& key, const std::string* values) {
    if (!out.empty()) out += ' ';
    out += sign;
    out += key;
    if (values != nullptr) {
      out += '=';
      out += *values;
    }
  };
  auto b = before.begin();
  auto a = after.begin();
  while (b != before.end() || a != after.end()) {
    if (a == after.end() || (b != before.end() && b->first < a->first)) {
      token('-', b->first, nullptr);  // gone
      ++b;
    } else if (b == before.end() || a->first < b->first) {
      token('+', a->first, &a->second);  // new
      ++a;
    } else {
      if (a->second != b->second) token('+', a->first, &a->second);  // changed
      ++a;
      ++b;
    }
  }
  return out;
}

std::string with_state(std::string base, const std::string& delta) {
  for (char& c : base) {
    if (c == '|') c = '/';
  }
  if (delta.empty()) return base;
  return base + "|" + delta;
}

std::string_view detail_base(std::string_view detail) { return detail.substr(0, detail.find('|')); }

Replayed replay_state(std::span<const crypto::audit::Event> events) {
  Replayed r;
  for (const crypto::audit::Event& e : events) {
    const auto bar = e.detail.find('|');
    if (bar == std::string::npos) continue;
    const std::string_view part = std::string_view(e.detail).substr(bar + 1);
    // Every token is read before any is applied: a malformed event applies nothing.
    std::vector<std::pair<std::string, std::optional<std::string>>> tokens;
    bool bad = part.empty();
    std::size_t start = 0;
    while (!bad && start <= part.size()) {
      auto end = part.find(' ', start);
      if (end == std::string_view::npos) end = part.size();
      const std::string_view token = part.substr(start, end - start);
      start = end + 1;
      if (token.size() < 4 || (token[0] != '+' && token[0] != '-')) {
        bad = true;
        break;
      }
      const auto eq = token.find('=');
      const std::string_view key = token.substr(1, eq == std::string_view::npos ? eq : eq - 1);
      const auto slash = key.find('/');
      if (slash == std::string_view::npos || slash + 1 == key.size() ||
          !known_table(key.substr(0, slash)) ||
          (token[0] == '+') != (eq != std::string_view::npos)) {
        bad = true;
        break;
      }
      if (token[0] == '+') {
        tokens.emplace_back(std::string(key), std::string(token.substr(eq + 1)));
      } else {
        tokens.emplace_back(std::string(key), std::nullopt);
      }
    }
    if (bad) {
      r.bad_events.push_back({StateFault::Kind::bad_event, "", "", e.seq});
      continue;
    }
    for (auto& [key, values] : tokens) {
      if (values) {
        r.state[key] = std::move(*values);
      } else {
        r.state.erase(key);
      }
      r.set_by[key] = e.seq;
    }
  }
  return r;
}

std::vector<StateFault> compare_state(const Replayed& replayed, const VaultState& actual) {
  std::vector<StateFault> faults = replayed.bad_events;
  auto seq_of = [&](const std::string& key) -> std::uint64_t {
    const auto it = replayed.set_by.find(key);
    return it == replayed.set_by.end() ? 0 : it->second;
  };
  auto fault = [&](StateFault::Kind kind, const std::string& key) {
    faults.push_back({kind, table_of(key), decoded_key(key), seq_of(key)});
  };
  auto l = replayed.state.begin();
  auto a = actual.begin();
  while (l != replayed.state.end() || a != actual.end()) {
    if (a == actual.end() || (l != replayed.state.end() && l->first < a->first)) {
      fault(StateFault::Kind::missing, l->first);
      ++l;
    } else if (l == replayed.state.end() || a->first < l->first) {
      fault(StateFault::Kind::not_logged, a->first);
      ++a;
    } else {
      if (l->second != a->second) fault(StateFault::Kind::changed, l->first);
      ++l;
      ++a;
    }
  }
  return faults;
}

std::string fault_line(const StateFault& f) {
  const std::string seq = std::to_string(f.seq);
  const std::string row = f.table + "/" + f.key;
  switch (f.kind) {
    case StateFault::Kind::changed: return row + ": differs from what event " + seq + " recorded";
    case StateFault::Kind::missing:
      return row + ": recorded by event " + seq + ", but not in the table";
    case StateFault::Kind::not_logged: return row + ": in the table, but no event recorded it";
    case StateFault::Kind::bad_event:
      return "event " + seq + ": its recorded values cannot be read";
  }
  return row;
}

}  // namespace shogo::survey
