#include "kiosk/survey/audit_log.hpp"

#include <algorithm>
#include <cstring>
#include <optional>

namespace shogo::survey {

namespace audit = crypto::audit;

namespace {

Status save_state(storage::Database& db, const audit::WriterState& state) {
  auto st = storage::Statement::prepare(
      db, "INSERT OR REPLACE INTO audit_state(id, next_seq, head, mac_key) VALUES(1, ?, ?, ?)");
  if (!st) return st.error();
  if (auto s = st->bind_int64(1, static_cast<std::int64_t>(state.next_seq)); !s) return s;
  if (auto s = st->bind_blob(2, state.head); !s) return s;
  if (auto s = st->bind_blob(3, state.key.bytes()); !s) return s;
  if (auto r = st->step(); !r) return r.error();
  return ok_status();
}

Result<std::optional<audit::WriterState>> load_state(storage::Database& db) {
  auto st = storage::Statement::prepare(
      db, "SELECT next_seq, head, mac_key FROM audit_state WHERE id = 1");
  if (!st) return st.error();
  auto row = st->step();
  if (!row) return row.error();
  if (!*row) return std::optional<audit::WriterState>{};
  audit::WriterState state;
  state.next_seq = static_cast<std::uint64_t>(st->column_int64(0));
  const auto head = st->column_blob_view(1);
  if (head.size() != state.head.size()) {
    return Error{"audit.corrupt", N_("The audit log's state is damaged.")};
  }
  std::copy(head.begin(), head.end(), state.head.begin());
  state.key = st->column_secure_blob(2);
  return std::optional<audit::WriterState>(std::move(state));
}

// Runs `body` inside the caller's transaction, or in one of its own.
template <class Body>
auto in_transaction(storage::Database& db, Body body) -> decltype(body()) {
  if (db.in_transaction()) return body();
  auto tx = storage::Transaction::begin(db);
  if (!tx) return tx.error();
  auto result = body();
  if (!result) return result;
  if (auto s = tx->commit(); !s) return s.error();
  return result;
}

}  // namespace

Status begin_audit_chain(storage::Database& db, const crypto::SecureBuffer& seed) {
  return in_transaction(db, [&]() -> Status {
    const audit::ChainWriter writer = audit::ChainWriter::begin(seed);
    return save_state(db, writer.state());
  });
}

Result<audit::Event> append_audit_event(storage::Database& db, audit::EventFields fields) {
  return in_transaction(db, [&]() -> Result<audit::Event> {
    auto state = load_state(db);
    if (!state) return state.error();
    if (!state->has_value()) {
      // A vault made before the audit log (schema 2): its chain starts now,
      // from a seed nobody holds, so only continuity can be verified.
      auto seed = crypto::SecureBuffer::random(audit::kSeedBytes);
      if (auto s = save_state(db, audit::ChainWriter::begin(seed).state()); !s) return s.error();
      state = load_state(db);
      if (!state) return state.error();
    }
    auto writer = audit::ChainWriter::resume(std::move(**state));
    if (!writer) return writer.error();
    auto event = writer->append(fields);
    if (!event) return event.error();
    auto st = storage::Statement::prepare(
        db,
        "INSERT INTO audit_events(seq, at_utc_ms, monotonic_ms, actor, role, action, objects, "
        "outcome, detail, prev_hash, hash, mac) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)");
    if (!st) return st.error();
    const audit::Event& e = *event;
    Status s = st->bind_int64(1, static_cast<std::int64_t>(e.seq));
    if (s) s = st->bind_int64(2, e.at_utc_ms);
    if (s) s = st->bind_int64(3, e.monotonic_ms);
    if (s) s = st->bind_text(4, e.actor);
    if (s) s = st->bind_text(5, e.role);
    if (s) s = st->bind_text(6, e.action);
    if (s) s = st->bind_text(7, e.objects);
    if (s) s = st->bind_text(8, e.outcome);
    if (s) s = st->bind_text(9, e.detail);
    if (s) s = st->bind_blob(10, e.prev_hash);
    if (s) s = st->bind_blob(11, e.hash);
    if (s) s = st->bind_blob(12, e.mac);
    if (!s) return s.error();
    if (auto r = st->step(); !r) return r.error();
    if (auto saved = save_state(db, writer->state()); !saved) return saved.error();
    return event;
  });
}

Result<std::vector<audit::Event>> load_audit_events(storage::Database& db) {
  auto st = storage::Statement::prepare(
      db,
      "SELECT seq, at_utc_ms, monotonic_ms, actor, role, action, objects, outcome, detail, "
      "prev_hash, hash, mac FROM audit_events ORDER BY seq");
  if (!st) return st.error();
  std::vector<audit::Event> events;
  auto hash_of = [&](int column, audit::Hash& out) {
    const auto bytes = st->column_blob_view(column);
    if (bytes.size() != out.size()) return false;
    std::copy(bytes.begin(), bytes.end(), out.begin());
    return true;
  };
  for (;;) {
    auto row = st->step();
    if (!row) return row.error();
    if (!*row) break;
    audit::Event e;
    e.seq = static_cast<std::uint64_t>(st->column_int64(0));
    e.at_utc_ms = st->column_int64(1);
    e.monotonic_ms = st->column_int64(2);
    e.actor = st->column_text(3);
    e.role = st->column_text(4);
    e.action = st->column_text(5);
    e.objects = st->column_text(6);
    e.outcome = st->column_text(7);
    e.detail = st->column_text(8);
    if (!hash_of(9, e.prev_hash) || !hash_of(10, e.hash) || !hash_of(11, e.mac)) {
      return Error{"audit.corrupt", N_("The audit log's state is damaged.")};
    }
    events.push_back(std::move(e));
  }
  return events;
}

Result<std::optional<audit::WriterState>> load_audit_state(storage::Database& db) {
  return load_state(db);
}

}  // namespace shogo::survey
