#pragma once
// The audit chain — the tamper-evident audit log (監査ログ), without storage.
//
// Every use of Shogo is an event. Each event carries the hash of the event
// before it and a MAC under a key that evolves after every event (the old key
// is wiped), seeded by the audit seed k0 printed once on paper at
// `shogo-admin init`. Whoever holds k0 verifies the whole log offline; whoever
// seizes the appliance later holds only the current key and cannot forge or
// alter anything written before. The chain head printed on reports and
// lending slips (an anchor) catches a truncated or rolled-back copy.
//
// The byte encoding, the hashing, the MAC, key evolution, genesis, anchors and
// the verification rules are specified in docs/audit-log.md, with a worked
// example; this header is the manual of the API. Storage (vault.db) is not
// here: the storage layer keeps the events and the writer state in the same
// transaction as the change they record.
//
// Index
//   Sizes and types ................. Hash, kHashBytes, kSeedBytes, kMaxTextBytes
//   Events .......................... EventFields, Event
//   Field rules ..................... check_fields(), format_objects(), check_objects()
//   The primitives, by role ......... canonical_encoding(), event_hash(), event_mac()
//   Keys ............................ new_audit_seed(), audit_key_for()
//   Anchors (paper) ................. Anchor, short_hash(), format_anchor(), parse_anchor()
//   Writing ......................... ChainWriter, WriterState, serialise_state(), parse_state()
//   Verifying ....................... Problem, VerifyReport, verify(), problem_name(), problem_sentence()
//   The saved state against the log . StateReport, check_state()
//   Self-test ....................... audit_self_test()
//
// Secrets. The seed k0 and every key k_i live only in SecureBuffer. Events,
// hashes, MACs and anchors are not secret. Events never hold personal data
// (design.md, "Data"): actor and objects are ids, and object ids are ASCII.
//
// Error codes (Error::code; messages are plain sentences, never a secret):
//   audit.text_too_long   a text field is longer than kMaxTextBytes
//   audit.bad_text        a text field is not UTF-8, or holds a control character
//   audit.missing_field   actor or action is empty
//   audit.bad_objects     objects is not a canonical id list
//   audit.bad_anchor      an anchor is not "SEQ:16 hex digits"
//   audit.bad_state       a writer state is damaged
//   audit.self_test       the known-answer test of the worked example failed

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "crypto/secure_buffer.hpp"
#include "storage/base/result.hpp"

namespace shogo::crypto::audit {

// --- sizes and types ---------------------------------------------------------------

inline constexpr std::size_t kHashBytes = 32;       // hashes, MACs and keys: BLAKE2b-256
inline constexpr std::size_t kSeedBytes = 32;       // k0, the paper seed
inline constexpr std::size_t kMaxTextBytes = 1024;  // each text field but detail, in bytes of UTF-8
// detail carries the complete new values of what an event changed (the replay,
// docs/audit-log.md): a vault's first users and slots, a designation's terminals.
inline constexpr std::size_t kMaxDetailBytes = 64 * 1024;
inline constexpr std::size_t kShortHashChars = 16;  // anchors: first 8 bytes of a hash, in hex
inline constexpr std::string_view kDomainTag = "shogo-audit-v1";  // starts every encoding
inline constexpr std::string_view kKeyStepContext = "shogo audit key step";

using Hash = std::array<std::uint8_t, kHashBytes>;
inline constexpr Hash kGenesisPrev{};  // prev_hash of event 1: 32 zero bytes

// --- events ------------------------------------------------------------------------

// What happened, as the caller says it (監査イベント). Never personal data.
struct EventFields {
  std::int64_t at_utc_ms = 0;     // wall clock: milliseconds since 1970-01-01 UTC
  std::int64_t monotonic_ms = 0;  // milliseconds since boot (CLOCK_BOOTTIME): no clock changes
  std::string actor;              // a user id, or "system"; not empty
  std::string role;               // the actor's role then: "manager", "investigator", "system", …
  std::string action;             // what was done: "sign_in", "survey_create", …; not empty
  std::string objects;            // canonical id list "key=value;key=value" (format_objects())
  std::string outcome;            // "ok", or an error code: "keyslots.wrong_passphrase"
  std::string detail;             // short structured detail: "method=passphrase"; may be ""
};

// An event as stored: the fields, and what the chain adds to them.
struct Event : EventFields {
  std::uint64_t seq = 0;  // 1, 2, 3, … with no gap; assigned by ChainWriter
  Hash prev_hash{};       // hash of event seq-1; kGenesisPrev for seq 1
  Hash hash{};            // event_hash(): BLAKE2b-256 of canonical_encoding()
  Hash mac{};             // event_mac(k_seq, hash)
};

// --- field rules (checked by ChainWriter::append) -------------------------------------
//
// Every text field is valid UTF-8 of at most kMaxTextBytes bytes (detail:
// kMaxDetailBytes) with no control
// character (C0, DEL, C1), so a log can be printed on a terminal safely. actor and
// action are not empty. objects passes check_objects().

[[nodiscard]] Status check_fields(const EventFields& fields);

// The canonical id list of `ids`: pairs sorted by key, then value (bytewise), as
// "key=value" joined by ';'; "" for none. Keys are 1..32 of [a-z0-9_]; values are
// 1..128 printable ASCII characters except ';' and '='. A pair given twice, or a
// list longer than kMaxTextBytes, is refused. audit.bad_objects.
[[nodiscard]] Result<std::string> format_objects(
    std::vector<std::pair<std::string, std::string>> ids);
// ok if `objects` is exactly what format_objects() gives for some list. audit.bad_objects.
[[nodiscard]] Status check_objects(std::string_view objects);

// --- the primitives, by role (docs/audit-log.md, "Encoding" and "Hash and MAC") ------------

// "shogo-audit-v1" || u64 seq || i64 at_utc_ms || i64 monotonic_ms || actor || role ||
// action || objects || outcome || detail || prev_hash; integers little-endian, each
// text a u32 length and its bytes. Defined for any field lengths (below 4 GiB).
std::vector<std::uint8_t> canonical_encoding(const Event& event);
Hash event_hash(const Event& event);  // BLAKE2b-256(canonical_encoding(event)), unkeyed
// BLAKE2b-256 keyed with k_seq (32 bytes) over the 32-byte event hash.
Hash event_mac(const SecureBuffer& key, const Hash& hash);

// --- keys -----------------------------------------------------------------------------
//
// k0 = the seed; k(i+1) = BLAKE2b-256(key = k(i), message = "shogo audit key step").
// Event seq is MACed with k_seq, so event 1 uses k1, never k0 itself.

SecureBuffer new_audit_seed();  // kSeedBytes from the CSPRNG; printed once, then wiped
// k_seq, stepping seq times from `seed` (kSeedBytes); k_0 is a copy of the seed.
// Two guarded buffers whatever seq is; well under a microsecond per step.
SecureBuffer audit_key_for(const SecureBuffer& seed, std::uint64_t seq);

// --- anchors: the chain head on paper (docs/audit-log.md, "Anchors") ---------------------

// Printed on every report and lending slip as "SEQ:SHORTHASH", e.g. "42:1f0e…" (16 hex).
struct Anchor {
  std::uint64_t seq = 0;   // ≥ 1
  std::string short_hash;  // first 8 bytes of the event hash, 16 lowercase hex digits
};

std::string short_hash(const Hash& hash);       // 16 lowercase hex digits
std::string format_anchor(const Event& event);  // "SEQ:SHORTHASH"
// Decimal seq ≥ 1 without sign or leading zero, ':', 16 hex digits (either case;
// stored lowercase). Spaces around the text are ignored. audit.bad_anchor.
[[nodiscard]] Result<Anchor> parse_anchor(std::string_view text);

// --- writing ----------------------------------------------------------------------------

// What ChainWriter needs to carry on after a restart; the storage layer keeps it
// in vault.db and replaces it in the same transaction as each new event.
struct WriterState {
  std::uint64_t next_seq = 1;  // sequence number of the next event (1 before any)
  Hash head{};                 // hash of event next_seq-1; kGenesisPrev before any
  SecureBuffer key;            // k_next_seq (kHashBytes). Secret: whoever holds it can append
};

// ChainWriter — appends events to the chain (監査ログの書き手). Holds the next
// sequence number, the head hash and the current key in a SecureBuffer; after
// every event the key evolves and the old one is wiped. Movable, not copyable.
//
// Transactions: append() advances the writer before the caller has stored
// anything. If storing the event (and state()) fails, drop this writer and
// resume() from the state still in the database; never append again with it.
class ChainWriter {
 public:
  // A new chain: next_seq 1, head kGenesisPrev, key k1. `seed` is k0
  // (kSeedBytes); the writer keeps no copy of it, so the caller can wipe it.
  static ChainWriter begin(const SecureBuffer& seed);
  // Carries on from a stored state. audit.bad_state if the key is not kHashBytes,
  // next_seq is 0 or at its maximum, or next_seq is 1 with a head that is not genesis.
  [[nodiscard]] static Result<ChainWriter> resume(WriterState state);

  // Checks the fields (check_fields()), then assigns seq = next_seq() and prev_hash =
  // head(), computes hash and MAC, evolves the key (the old one is wiped) and
  // returns the event. On an error nothing changes.
  [[nodiscard]] Result<Event> append(const EventFields& fields);

  std::uint64_t next_seq() const { return next_seq_; }
  const Hash& head() const { return head_; }
  std::optional<Anchor> head_anchor() const;  // the last event's anchor; none before event 1
  WriterState state() const;                  // a copy; the key is copied into a new SecureBuffer

 private:
  ChainWriter(std::uint64_t next_seq, const Hash& head, SecureBuffer key);

  std::uint64_t next_seq_ = 1;
  Hash head_{};
  SecureBuffer key_;  // k_next_seq_
};

// A WriterState as one blob (82 bytes, in guarded memory): "SHOGOAS1", u16 version 1,
// u64 next_seq, head, key. parse_state() refuses any other length, tag or version
// (audit.bad_state) and runs resume()'s checks.
SecureBuffer serialise_state(const WriterState& state);
[[nodiscard]] Result<WriterState> parse_state(std::span<const std::uint8_t> bytes);

// --- verifying (docs/audit-log.md, "Verifying") ---------------------------------------------

// What is wrong with a copy of the log, at its first fault.
enum class Problem {
  none,
  edited,                   // an event's hash does not match its contents
  missing,                  // the expected sequence number is nowhere in the copy
  reordered,                // the expected event is later in the copy: events were moved
  inserted,                 // the event in its place repeats a number or lies past the end
  broken_link,              // the event's prev_hash is not the hash of the event before it
  bad_start,                // the first event's prev_hash is not the expected start value
  forged,                   // the MAC does not match k_seq (checked only with the seed)
  truncated_before_anchor,  // a paper anchor names an event after the last one in the copy
  anchor_mismatch,          // a paper anchor's short hash differs from that event's hash
  // check_state(): the writer state saved beside the copy (vault.db's audit_state)
  state_missing,           // the copy has events but no saved state: it was deleted
  truncated_before_state,  // the state's next_seq is past the end: the tail was cut
  state_behind,            // the copy goes on past the state's next_seq: rolled back, or added
  state_head_mismatch,     // the state's head is not the hash of the last event
  state_key_mismatch,      // the state's key is not k_next_seq (checked only with the seed)
};

struct VerifyReport {
  bool ok = true;
  std::uint64_t first_bad_seq = 0;  // 0 when ok; else where the first fault is (see the doc)
  Problem problem = Problem::none;
  std::string message;                // one English sentence naming first_bad_seq; "" when ok
  std::uint64_t events_checked = 0;   // events that passed every check, before the first fault
  bool macs_checked = false;          // a seed was given, so every MAC was checked too
  std::uint64_t anchors_checked = 0;  // anchors at or after start_seq that were compared
};

// Checks `events` in the order given (the order of storage), as the segment that
// starts at start_seq whose first prev_hash is start_prev (kGenesisPrev for a whole
// log). Per event, in this order: hash, sequence number, link, and with `seed`
// (kSeedBytes, or nullptr) the MAC. Stops at the first fault. Then the anchors:
// one before start_seq is skipped; one inside the copy must match; one after it
// means the copy is truncated. An anchor fault before the first event fault is
// reported instead of it. Deriving k_start_seq costs start_seq key steps.
VerifyReport verify(std::span<const Event> events, const SecureBuffer* seed,
                    std::span<const Anchor> anchors, std::uint64_t start_seq = 1,
                    const Hash& start_prev = kGenesisPrev);

const char* problem_name(Problem problem);  // "edited", "truncated_before_anchor", … (for the CLI)
// The sentence of VerifyReport::message, with "%llu" where the sequence number
// goes, marked N_() so the kiosk can translate it; "" for Problem::none.
const char* problem_sentence(Problem problem);

// --- the saved state against the log (docs/audit-log.md, "Checking the saved state") ----------

struct StateReport {
  bool ok = true;
  Problem problem = Problem::none;  // one of the state_… problems
  std::uint64_t first_bad_seq = 0;  // 0 when ok; else the event named (see the doc)
  std::string message;              // one English sentence naming first_bad_seq; "" when ok
  bool key_checked = false;         // a seed was given, so the key was compared with k_next_seq
};

// Checks the writer state kept beside a copy (`state`; nullptr when there is
// none) against that copy, which verify() passed with the same start_seq and
// start_prev. In this order: a state must be there unless the copy is empty;
// next_seq must be the last seq + 1 (start_seq for an empty copy); head must be
// the last event's hash (start_prev for an empty copy); and with `seed` the key
// must be k_next_seq, compared in constant time. The key is one-way, so a thief
// of the state cannot rewind it: with the seed, a cut tail is caught even when
// next_seq and head were rewound to match, without a paper anchor. Deriving
// k_next_seq costs next_seq key steps.
StateReport check_state(std::span<const Event> events, const WriterState* state,
                        const SecureBuffer* seed, std::uint64_t start_seq = 1,
                        const Hash& start_prev = kGenesisPrev);

// --- self-test ------------------------------------------------------------------------------

// Recomputes event 1 of the worked example of docs/audit-log.md (k1, hash, MAC, k2)
// and compares it with the published values. audit.self_test.
[[nodiscard]] Status audit_self_test();

}  // namespace shogo::crypto::audit
