#include "kiosk/survey/sheet_store.hpp"

#include <cstdio>
#include <optional>

#include "storage/migrations.hpp"
#include "storage/survey_schema.hpp"

namespace shogo::survey {

namespace {

// `digits` decimal digits at s[at…], or -1.
int number_at(std::string_view s, std::size_t at, std::size_t digits) {
  if (at + digits > s.size()) return -1;
  int n = 0;
  for (std::size_t i = at; i < at + digits; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    n = n * 10 + (s[i] - '0');
  }
  return n;
}

// `out` = the parsed value, or false when `parsed` holds none.
template <typename T>
bool assign(std::optional<T> parsed, T& out) {
  if (!parsed) return false;
  out = *parsed;
  return true;
}

}  // namespace

bool parse_stored_date(std::string_view s, Date& d) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  d = {number_at(s, 0, 4), number_at(s, 5, 2), number_at(s, 8, 2)};
  return d.year >= 0 && d.month >= 0 && d.day >= 0;
}

bool parse_stored_time(std::string_view s, TimeOfDay& t) {
  if (s.size() != 8 || s[2] != ':' || s[5] != ':') return false;
  t = {number_at(s, 0, 2), number_at(s, 3, 2), number_at(s, 6, 2)};
  return t.hour >= 0 && t.minute >= 0 && t.second >= 0;
}

Status prepare_survey_file(storage::Database& db) {
  return storage::migrate(db, storage::survey_migrations());
}

Status store_access_rows(storage::Database& db, const std::vector<AccessLogRow>& rows) {
  auto tx = storage::Transaction::begin(db);
  if (!tx) return tx.error();
  auto st = storage::Statement::prepare(
      db,
      "INSERT INTO access_rows(system, op_date, op_time, terminal_id, operator_id, operation, "
      "detail, resident_name, resident_kana, resident_birth, resident_address) "
      "VALUES(?,?,?,?,?,?,?,?,?,?,?)");
  if (!st) return st.error();
  for (const AccessLogRow& r : rows) {
    const std::string date = format_date(r.date);
    const std::string time = format_time(r.time);
    const std::string birth = format_date(r.resident_birth);
    Status s = st->bind_text(1, system_id(r.system));
    if (s) s = st->bind_text(2, date);
    if (s) s = st->bind_text(3, time);
    if (s) s = st->bind_text(4, r.terminal_id);
    if (s) s = st->bind_text(5, r.operator_id);
    if (s) s = st->bind_text(6, operation_kind_id(r.operation));
    if (s) s = st->bind_text(7, r.detail);
    if (s) s = st->bind_text(8, r.resident_name);
    if (s) s = st->bind_text(9, r.resident_kana);
    if (s) s = st->bind_text(10, birth);
    if (s) s = st->bind_text(11, r.resident_address);
    if (!s) return s;
    if (auto done = st->step(); !done) return done.error();
    if (auto rs = st->reset(); !rs) return rs;
  }
  return tx->commit();
}

Result<std::vector<AccessLogRow>> load_access_rows(storage::Database& db) {
  auto st = storage::Statement::prepare(
      db,
      "SELECT system, op_date, op_time, terminal_id, operator_id, operation, detail, "
      "resident_name, resident_kana, resident_birth, resident_address FROM access_rows "
      "ORDER BY id");  // as stored: the sheet's own order
  if (!st) return st.error();
  std::vector<AccessLogRow> rows;
  for (;;) {
    auto more = st->step();
    if (!more) return more.error();
    if (!*more) break;
    AccessLogRow r;
    const bool ok = assign(parse_system(st->column_text_view(0)), r.system) &&
                    parse_stored_date(st->column_text_view(1), r.date) &&
                    parse_stored_time(st->column_text_view(2), r.time) &&
                    assign(parse_operation_kind(st->column_text_view(5)), r.operation) &&
                    parse_stored_date(st->column_text_view(9), r.resident_birth);
    if (!ok) return Error{"survey.corrupt", N_("A stored access row could not be read.")};
    r.terminal_id = st->column_text(3);
    r.operator_id = st->column_text(4);
    r.detail = st->column_text(6);
    r.resident_name = st->column_text(7);
    r.resident_kana = st->column_text(8);
    r.resident_address = st->column_text(10);
    rows.push_back(std::move(r));
  }
  return rows;
}

}  // namespace shogo::survey
