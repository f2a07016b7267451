#include "crypto/audit_chain.hpp"

#include <sodium.h>

#include <algorithm>
#include <cassert>
#include <cstring>
#include <limits>

namespace shogo::crypto::audit {

namespace {

constexpr std::array<std::uint8_t, 8> kStateMagic = {'S', 'H', 'O', 'G', 'O', 'A', 'S', '1'};
constexpr std::uint16_t kStateVersion = 1;
constexpr std::size_t kStateBytes = 8 + 2 + 8 + kHashBytes + kHashBytes;
constexpr std::size_t kMaxObjectKeyBytes = 32;
constexpr std::size_t kMaxObjectValueBytes = 128;

static_assert(kHashBytes >= crypto_generichash_BYTES_MIN &&
              kHashBytes <= crypto_generichash_BYTES_MAX);
static_assert(kHashBytes >= crypto_generichash_KEYBYTES_MIN &&
              kHashBytes <= crypto_generichash_KEYBYTES_MAX);

Error too_long() { return {"audit.text_too_long", N_("A field of an audit event is too long.")}; }
Error bad_text() { return {"audit.bad_text", N_("A field of an audit event is not valid text.")}; }
Error missing_field() {
  return {"audit.missing_field", N_("An audit event needs an actor and an action.")};
}
Error bad_objects() {
  return {"audit.bad_objects", N_("The object ids of an audit event are not a valid id list.")};
}
Error bad_anchor() {
  return {"audit.bad_anchor",
          N_("A chain anchor must be a sequence number, a colon and 16 hexadecimal digits.")};
}
Error bad_state() {
  return {"audit.bad_state", N_("The saved state of the audit log is damaged.")};
}

// BLAKE2b-256 of `message`, keyed when `key` is not empty.
void blake2b_256(std::uint8_t* out, std::span<const std::uint8_t> message,
                 std::span<const std::uint8_t> key) {
  crypto_generichash(out, kHashBytes, message.data(), message.size(),
                     key.empty() ? nullptr : key.data(), key.size());
}

std::span<const std::uint8_t> bytes_of(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

// k(i+1) = BLAKE2b-256(key = k(i), message = "shogo audit key step"), into `next`.
void step_into(const SecureBuffer& key, SecureBuffer& next) {
  assert(key.size() == kHashBytes && next.size() == kHashBytes && "audit key of the wrong size");
  blake2b_256(next.data(), bytes_of(kKeyStepContext), key.bytes());
}

// The current key and a spare buffer: stepping swaps them and wipes the old key,
// so any number of steps uses two guarded allocations.
class KeyChain {
 public:
  explicit KeyChain(SecureBuffer key) : key_(std::move(key)), spare_(kHashBytes) {}
  const SecureBuffer& key() const { return key_; }
  SecureBuffer take() { return std::move(key_); }
  void step() {
    step_into(key_, spare_);
    std::swap(key_, spare_);
    spare_.wipe();
  }

 private:
  SecureBuffer key_;
  SecureBuffer spare_;
};

SecureBuffer copy_of(const SecureBuffer& b) {
  SecureBuffer out(b.size());
  if (!b.empty()) std::memcpy(out.data(), b.data(), b.size());
  return out;
}

// Strict UTF-8 (no overlong form, surrogate or code point past U+10FFFF) with no
// C0 control, DEL or C1 control: a log line printed on a terminal cannot steer it.
bool is_clean_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b0 = static_cast<std::uint8_t>(s[i]);
    if (b0 < 0x80) {
      if (b0 < 0x20 || b0 == 0x7F) return false;
      ++i;
      continue;
    }
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
      len = 2;
      cp = b0 & 0x1Fu;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      len = 3;
      cp = b0 & 0x0Fu;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      len = 4;
      cp = b0 & 0x07u;
    } else {
      return false;
    }
    if (s.size() - i < len) return false;
    for (std::size_t k = 1; k < len; ++k) {
      const auto b = static_cast<std::uint8_t>(s[i + k]);
      if ((b & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (b & 0x3Fu);
    }
    const std::uint32_t min_cp = len == 2 ? 0x80 : len == 3 ? 0x800 : 0x10000;
    if (cp < min_cp || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    if (cp >= 0x80 && cp <= 0x9F) return false;  // C1 controls, e.g. U+009B (CSI)
    i += len;
  }
  return true;
}

bool is_key_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }
bool is_value_char(char c) { return c >= 0x21 && c <= 0x7E && c != ';' && c != '='; }

bool valid_pair(std::string_view key, std::string_view value) {
  return !key.empty() && key.size() <= kMaxObjectKeyBytes && !value.empty() &&
         value.size() <= kMaxObjectValueBytes && std::all_of(key.begin(), key.end(), is_key_char) &&
         std::all_of(value.begin(), value.end(), is_value_char);
}

// --- byte order: little-endian, fixed width --------------------------------------------

class Encoder {
 public:
  void bytes(std::span<const std::uint8_t> b) { out_.insert(out_.end(), b.begin(), b.end()); }
  void u16(std::uint16_t v) { uint(v, 2); }
  void u32(std::uint32_t v) { uint(v, 4); }
  void u64(std::uint64_t v) { uint(v, 8); }
  void i64(std::int64_t v) { uint(static_cast<std::uint64_t>(v), 8); }
  void text(std::string_view s) {  // u32 length, then the bytes
    assert(s.size() <= std::numeric_limits<std::uint32_t>::max() && "audit text over 4 GiB");
    u32(static_cast<std::uint32_t>(s.size()));
    bytes(bytes_of(s));
  }
  std::vector<std::uint8_t>& out() { return out_; }

 private:
  void uint(std::uint64_t v, int width) {
    for (int i = 0; i < width; ++i) out_.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
  }
  std::vector<std::uint8_t> out_;
};

bool state_is_sane(const WriterState& state) {
  return state.key.size() == kHashBytes && state.next_seq != 0 &&
         state.next_seq != std::numeric_limits<std::uint64_t>::max() &&
         (state.next_seq != 1 || state.head == kGenesisPrev);
}

std::uint64_t read_u64(const std::uint8_t* p) {
  std::uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

// --- verifying ------------------------------------------------------------------------

struct Fault {
  Problem problem = Problem::none;
  std::uint64_t seq = 0;
};

// The event at `index` is not `expected`: why (docs/audit-log.md, "Classification").
// Every number below `expected` was seen in order, so a smaller one is a repeat.
Problem classify_order(std::span<const Event> events, std::size_t index, std::uint64_t start_seq) {
  const std::uint64_t expected = start_seq + index;
  const std::uint64_t found = events[index].seq;
  if (found < expected) return Problem::inserted;
  const auto later = events.subspan(index + 1);
  const bool expected_later =
      std::any_of(later.begin(), later.end(), [&](const Event& e) { return e.seq == expected; });
  if (!expected_later) return Problem::missing;
  const auto copies =
      std::count_if(later.begin(), later.end(), [&](const Event& e) { return e.seq == found; });
  if (copies > 0 || found - start_seq >= events.size()) return Problem::inserted;
  return Problem::reordered;
}

std::string fill_seq(const char* sentence, std::uint64_t seq) {
  std::string out(sentence);
  const auto at = out.find("%llu");
  if (at != std::string::npos) out.replace(at, 4, std::to_string(seq));
  return out;
}

// The first fault found, into a VerifyReport or a StateReport.
template <class Report>
void report_fault(const Fault& fault, Report& report) {
  if (fault.problem == Problem::none) return;
  report.ok = false;
  report.problem = fault.problem;
  report.first_bad_seq = fault.seq;
  report.message = fill_seq(problem_sentence(fault.problem), fault.seq);
}

std::string lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

// --- field rules --------------------------------------------------------------------------

Status check_fields(const EventFields& fields) {
  for (const std::string* s : {&fields.actor, &fields.role, &fields.action, &fields.objects,
                               &fields.outcome, &fields.detail}) {
    if (s->size() > (s == &fields.detail ? kMaxDetailBytes : kMaxTextBytes)) return too_long();
    if (!is_clean_utf8(*s)) return bad_text();
  }
  if (fields.actor.empty() || fields.action.empty()) return missing_field();
  return check_objects(fields.objects);
}

Result<std::string> format_objects(std::vector<std::pair<std::string, std::string>> ids) {
  std::sort(ids.begin(), ids.end());
  std::string out;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (!valid_pair(ids[i].first, ids[i].second)) return bad_objects();
    if (i > 0 && ids[i] == ids[i - 1]) return bad_objects();
    if (i > 0) out += ';';
    out += ids[i].first;
    out += '=';
    out += ids[i].second;
  }
  if (out.size() > kMaxTextBytes) return bad_objects();
  return out;
}

Status check_objects(std::string_view objects) {
  if (objects.empty()) return ok_status();
  if (objects.size() > kMaxTextBytes) return bad_objects();
  std::vector<std::pair<std::string, std::string>> ids;
  std::size_t start = 0;
  while (start <= objects.size()) {
    auto end = objects.find(';', start);
    if (end == std::string_view::npos) end = objects.size();
    const std::string_view item = objects.substr(start, end - start);
    const auto eq = item.find('=');
    if (eq == std::string_view::npos) return bad_objects();
    ids.emplace_back(item.substr(0, eq), item.substr(eq + 1));
    start = end + 1;
  }
  auto canonical = format_objects(ids);
  if (!canonical || *canonical != objects) return bad_objects();
  return ok_status();
}

// --- the primitives -------------------------------------------------------------------------

std::vector<std::uint8_t> canonical_encoding(const Event& event) {
  Encoder enc;
  enc.bytes(bytes_of(kDomainTag));
  enc.u64(event.seq);
  enc.i64(event.at_utc_ms);
  enc.i64(event.monotonic_ms);
  enc.text(event.actor);
  enc.text(event.role);
  enc.text(event.action);
  enc.text(event.objects);
  enc.text(event.outcome);
  enc.text(event.detail);
  enc.bytes(event.prev_hash);
  return std::move(enc.out());
}

Hash event_hash(const Event& event) {
  Hash h{};
  blake2b_256(h.data(), canonical_encoding(event), {});
  return h;
}

Hash event_mac(const SecureBuffer& key, const Hash& hash) {
  assert(key.size() == kHashBytes && "event_mac() called with a key that is not 32 bytes");
  Hash mac{};
  blake2b_256(mac.data(), hash, key.bytes());
  return mac;
}

// --- keys ------------------------------------------------------------------------------------

SecureBuffer new_audit_seed() { return SecureBuffer::random(kSeedBytes); }

SecureBuffer audit_key_for(const SecureBuffer& seed, std::uint64_t seq) {
  assert(seed.size() == kSeedBytes && "audit_key_for() called with a seed that is not 32 bytes");
  KeyChain chain(copy_of(seed));
  for (std::uint64_t i = 0; i < seq; ++i) chain.step();
  return chain.take();
}

// --- anchors -----------------------------------------------------------------------------------

std::string short_hash(const Hash& hash) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(kShortHashChars);
  for (std::size_t i = 0; i < kShortHashChars / 2; ++i) {
    out += kHex[hash[i] >> 4];
    out += kHex[hash[i] & 0x0F];
  }
  return out;
}

std::string format_anchor(const Event& event) {
  return std::to_string(event.seq) + ":" + short_hash(event.hash);
}

Result<Anchor> parse_anchor(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  const auto colon = text.find(':');
  if (colon == std::string_view::npos) return bad_anchor();
  const std::string_view digits = text.substr(0, colon);
  const std::string_view hex = text.substr(colon + 1);
  if (digits.empty() || digits.size() > 20 || digits.front() == '0') return bad_anchor();
  std::uint64_t seq = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return bad_anchor();
    const auto d = static_cast<std::uint64_t>(c - '0');
    if (seq > (std::numeric_limits<std::uint64_t>::max() - d) / 10) return bad_anchor();
    seq = seq * 10 + d;
  }
  if (hex.size() != kShortHashChars || !std::all_of(hex.begin(), hex.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      })) {
    return bad_anchor();
  }
  return Anchor{seq, lowercase(hex)};
}

// --- writing -----------------------------------------------------------------------------------

ChainWriter::ChainWriter(std::uint64_t next_seq, const Hash& head, SecureBuffer key)
    : next_seq_(next_seq), head_(head), key_(std::move(key)) {}

ChainWriter ChainWriter::begin(const SecureBuffer& seed) {
  assert(seed.size() == kSeedBytes &&
         "ChainWriter::begin() called with a seed that is not 32 bytes");
  return {1, kGenesisPrev, audit_key_for(seed, 1)};
}

Result<ChainWriter> ChainWriter::resume(WriterState state) {
  if (!state_is_sane(state)) return bad_state();
  return ChainWriter(state.next_seq, state.head, std::move(state.key));
}

Result<Event> ChainWriter::append(const EventFields& fields) {
  assert(key_.size() == kHashBytes && "ChainWriter::append() on a moved-from writer");
  assert(next_seq_ < std::numeric_limits<std::uint64_t>::max() && "audit sequence exhausted");
  if (auto s = check_fields(fields); !s) return s.error();
  Event event;
  static_cast<EventFields&>(event) = fields;
  event.seq = next_seq_;
  event.prev_hash = head_;
  event.hash = event_hash(event);
  event.mac = event_mac(key_, event.hash);
  SecureBuffer next(kHashBytes);
  step_into(key_, next);
  key_ = std::move(next);  // frees, and so wipes, the old key
  head_ = event.hash;
  ++next_seq_;
  return event;
}

std::optional<Anchor> ChainWriter::head_anchor() const {
  if (next_seq_ <= 1) return std::nullopt;
  return Anchor{next_seq_ - 1, short_hash(head_)};
}

WriterState ChainWriter::state() const { return WriterState{next_seq_, head_, copy_of(key_)}; }

SecureBuffer serialise_state(const WriterState& state) {
  assert(state.key.size() == kHashBytes && "serialise_state() of a state without a key");
  SecureBuffer out(kStateBytes);
  std::uint8_t* p = out.data();
  std::memcpy(p, kStateMagic.data(), kStateMagic.size());
  p += kStateMagic.size();
  for (int i = 0; i < 2; ++i) *p++ = static_cast<std::uint8_t>(kStateVersion >> (8 * i));
  for (int i = 0; i < 8; ++i) *p++ = static_cast<std::uint8_t>(state.next_seq >> (8 * i));
  std::memcpy(p, state.head.data(), kHashBytes);
  p += kHashBytes;
  std::memcpy(p, state.key.data(), kHashBytes);
  return out;
}

Result<WriterState> parse_state(std::span<const std::uint8_t> bytes) {
  if (bytes.size() != kStateBytes ||
      !std::equal(kStateMagic.begin(), kStateMagic.end(), bytes.begin())) {
    return bad_state();
  }
  const auto version = static_cast<std::uint16_t>(bytes[8] | (bytes[9] << 8));
  if (version != kStateVersion) return bad_state();
  WriterState state;
  state.next_seq = read_u64(bytes.data() + 10);
  std::memcpy(state.head.data(), bytes.data() + 18, kHashBytes);
  state.key = SecureBuffer(kHashBytes);
  std::memcpy(state.key.data(), bytes.data() + 18 + kHashBytes, kHashBytes);
  if (!state_is_sane(state)) return bad_state();
  return state;
}

// --- verifying -------------------------------------------------------------------------------

VerifyReport verify(std::span<const Event> events, const SecureBuffer* seed,
                    std::span<const Anchor> anchors, std::uint64_t start_seq,
                    const Hash& start_prev) {
  assert(start_seq >= 1 && "verify() called with start_seq 0");
  assert((seed == nullptr || seed->size() == kSeedBytes) && "verify() seed is not 32 bytes");
  VerifyReport report;
  report.macs_checked = seed != nullptr;
  std::optional<KeyChain> keys;
  if (seed != nullptr) keys.emplace(audit_key_for(*seed, start_seq));

  Fault fault;
  const Hash* prev = &start_prev;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const Event& e = events[i];
    const std::uint64_t expected = start_seq + i;
    if (event_hash(e) != e.hash) {
      fault = {Problem::edited, expected};
    } else if (e.seq != expected) {
      fault = {classify_order(events, i, start_seq), expected};
    } else if (e.prev_hash != *prev) {
      fault = {i == 0 ? Problem::bad_start : Problem::broken_link, expected};
    } else if (keys) {
      const Hash mac = event_mac(keys->key(), e.hash);
      if (sodium_memcmp(mac.data(), e.mac.data(), kHashBytes) != 0) {
        fault = {Problem::forged, expected};
      } else {
        keys->step();
      }
    }
    if (fault.problem != Problem::none) break;
    prev = &e.hash;
    ++report.events_checked;
  }

  // Anchors are compared with the verified prefix [start_seq, end) only.
  const std::uint64_t end = start_seq + report.events_checked;
  const bool walked_clean = fault.problem == Problem::none;
  for (const Anchor& a : anchors) {
    if (a.seq < start_seq) continue;  // purged: before this segment
    Fault found;
    if (a.seq < end) {
      ++report.anchors_checked;
      if (short_hash(events[a.seq - start_seq].hash) != lowercase(a.short_hash)) {
        found = {Problem::anchor_mismatch, a.seq};
      }
    } else if (walked_clean) {
      ++report.anchors_checked;
      found = {Problem::truncated_before_anchor, end};
    }
    if (found.problem != Problem::none &&
        (fault.problem == Problem::none || found.seq < fault.seq)) {
      fault = found;
    }
  }

  report_fault(fault, report);
  return report;
}

StateReport check_state(std::span<const Event> events, const WriterState* state,
                        const SecureBuffer* seed, std::uint64_t start_seq, const Hash& start_prev) {
  assert(start_seq >= 1 && "check_state() called with start_seq 0");
  assert((seed == nullptr || seed->size() == kSeedBytes) && "check_state() seed is not 32 bytes");
  StateReport report;
  const std::uint64_t end = start_seq + events.size();  // the number the next event gets
  const Hash& last_hash = events.empty() ? start_prev : events.back().hash;
  Fault fault;
  if (state == nullptr) {
    if (!events.empty()) fault = {Problem::state_missing, end - 1};
  } else if (state->next_seq > end) {
    fault = {Problem::truncated_before_state, end};
  } else if (state->next_seq < end) {
    fault = {Problem::state_behind, state->next_seq};
  } else if (state->head != last_hash) {
    fault = {Problem::state_head_mismatch, std::max<std::uint64_t>(end - 1, 1)};
  } else if (seed != nullptr) {
    report.key_checked = true;
    const SecureBuffer expected = audit_key_for(*seed, end);
    if (state->key.size() != kHashBytes ||
        sodium_memcmp(expected.data(), state->key.data(), kHashBytes) != 0) {
      fault = {Problem::state_key_mismatch, end};
    }
  }
  report_fault(fault, report);
  return report;
}

const char* problem_name(Problem problem) {
  switch (problem) {
    case Problem::none: return "none";
    case Problem::edited: return "edited";
    case Problem::missing: return "missing";
    case Problem::reordered: return "reordered";
    case Problem::inserted: return "inserted";
    case Problem::broken_link: return "broken_link";
    case Problem::bad_start: return "bad_start";
    case Problem::forged: return "forged";
    case Problem::truncated_before_anchor: return "truncated_before_anchor";
    case Problem::anchor_mismatch: return "anchor_mismatch";
    case Problem::state_missing: return "state_missing";
    case Problem::truncated_before_state: return "truncated_before_state";
    case Problem::state_behind: return "state_behind";
    case Problem::state_head_mismatch: return "state_head_mismatch";
    case Problem::state_key_mismatch: return "state_key_mismatch";
  }
  return "unknown";
}

const char* problem_sentence(Problem problem) {
  switch (problem) {
    case Problem::none: return "";
    case Problem::edited: return N_("Event %llu was edited: its hash does not match its contents.");
    case Problem::missing: return N_("Event %llu is missing from the log.");
    case Problem::reordered:
      return N_("Event %llu is out of place: events of the log were reordered.");
    case Problem::inserted: return N_("An event was inserted where event %llu should be.");
    case Problem::broken_link:
      return N_(
          "Event %llu does not link to the event before it: that event was rewritten or "
          "events were removed.");
    case Problem::bad_start:
      return N_("Event %llu does not link to the expected start of the log.");
    case Problem::forged:
      return N_(
          "Event %llu has a MAC that does not match the audit key: it was forged or "
          "rewritten.");
    case Problem::truncated_before_anchor:
      return N_(
          "The log ends before event %llu, but a paper anchor names that event or a later "
          "one: the log was truncated or rolled back.");
    case Problem::anchor_mismatch:
      return N_(
          "Event %llu does not match its paper anchor: the log was rewritten or rolled back "
          "at or before it.");
    case Problem::state_missing:
      return N_(
          "The log holds events up to %llu, but its saved state is missing: the state was "
          "deleted.");
    case Problem::truncated_before_state:
      return N_(
          "The log ends before event %llu, but its saved state says that event was written: "
          "the tail of the log was cut.");
    case Problem::state_behind:
      return N_(
          "Event %llu is in the log, but the log's saved state says it was never written: the "
          "state was rolled back or the event was added.");
    case Problem::state_head_mismatch:
      return N_(
          "The log's saved state names another event as event %llu, the last one: the state "
          "or that event was rewritten.");
    case Problem::state_key_mismatch:
      return N_(
          "The log's saved key is not the key the seed gives for event %llu: the saved state "
          "was rewritten, or the tail of the log was cut and the state rewound.");
  }
  return "";
}

// --- self-test ---------------------------------------------------------------------------------

Status audit_self_test() {
  // Event 1 of the worked example (docs/audit-log.md): seed 00 01 … 1f.
  static constexpr Hash kK1 = {0x4c, 0xcb, 0xb3, 0xa8, 0xdb, 0x38, 0xab, 0x31, 0x47, 0xcf, 0x2d,
                               0x2f, 0x87, 0x91, 0xad, 0xe0, 0x93, 0x29, 0xb2, 0x20, 0x13, 0x36,
                               0xc5, 0xbe, 0xad, 0xa2, 0x77, 0xa6, 0x69, 0x32, 0x15, 0x69};
  static constexpr Hash kHash1 = {0x3b, 0xb8, 0x0c, 0x34, 0x0b, 0x2f, 0xef, 0xd5, 0xad, 0x1b, 0xcd,
                                  0xa0, 0x3b, 0xc0, 0x6e, 0x8a, 0x00, 0x27, 0x81, 0x28, 0x06, 0x34,
                                  0xf9, 0xdb, 0x02, 0x45, 0xa9, 0xbf, 0x98, 0x76, 0xab, 0xbe};
  static constexpr Hash kMac1 = {0x8f, 0xde, 0x56, 0xd3, 0x0a, 0x7a, 0xec, 0x8e, 0x24, 0x36, 0xba,
                                 0x6b, 0x85, 0xaa, 0xad, 0xcc, 0xe6, 0xb5, 0x72, 0x0f, 0x2b, 0x46,
                                 0x46, 0xac, 0xbc, 0x25, 0xd8, 0xd9, 0x1a, 0x3e, 0x92, 0x1f};
  static constexpr Hash kK2 = {0x38, 0x77, 0x2b, 0x69, 0xde, 0x10, 0xc6, 0x28, 0xf8, 0xf6, 0x53,
                               0xdf, 0x62, 0xba, 0xb1, 0x20, 0x02, 0x95, 0x98, 0xe5, 0x59, 0xe0,
                               0x21, 0x65, 0x4f, 0xbe, 0xba, 0x2b, 0x96, 0x8c, 0x68, 0x82};
  SecureBuffer seed(kSeedBytes);
  for (std::size_t i = 0; i < kSeedBytes; ++i) seed.data()[i] = static_cast<std::uint8_t>(i);
  const SecureBuffer k1 = audit_key_for(seed, 1);
  ChainWriter writer = ChainWriter::begin(seed);
  EventFields f;
  f.at_utc_ms = 1767225600000;
  f.monotonic_ms = 12345;
  f.actor = "u-manager-1";
  f.role = "manager";
  f.action = "sign_in";
  f.objects = "user=u-manager-1";
  f.outcome = "ok";
  f.detail = "method=passphrase";
  auto event = writer.append(f);
  const WriterState after = writer.state();
  const bool same = event && std::memcmp(k1.data(), kK1.data(), kHashBytes) == 0 &&
                    event->hash == kHash1 && event->mac == kMac1 &&
                    std::memcmp(after.key.data(), kK2.data(), kHashBytes) == 0;
  if (!same) return Error{"audit.self_test", N_("Self-test of the audit chain failed.")};
  return ok_status();
}

}  // namespace shogo::crypto::audit
