#include <catch2/catch.hpp>
#include <sodium.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/audit_chain.hpp"

using namespace shogo::crypto;
using namespace shogo::crypto::audit;
using Bytes = std::vector<std::uint8_t>;

namespace {

#include "tests/crypto/audit_vectors.inc"

Bytes from_hex(std::string_view hex) {
  REQUIRE(hex.size() % 2 == 0);
  Bytes out;
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    out.push_back(
        static_cast<std::uint8_t>(std::stoul(std::string(hex.substr(i, 2)), nullptr, 16)));
  }
  return out;
}

std::string to_hex(std::span<const std::uint8_t> bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (std::uint8_t b : bytes) {
    out += kHex[b >> 4];
    out += kHex[b & 0x0F];
  }
  return out;
}

SecureBuffer buffer_of(const Bytes& bytes) {
  SecureBuffer b(bytes.size());
  if (!bytes.empty()) std::memcpy(b.data(), bytes.data(), bytes.size());
  return b;
}

SecureBuffer copy_of(const SecureBuffer& b) {
  SecureBuffer out(b.size());
  std::memcpy(out.data(), b.data(), b.size());
  return out;
}

// A fixed seed, so that failures repeat.
SecureBuffer test_seed() {
  SecureBuffer seed(kSeedBytes);
  for (std::size_t i = 0; i < kSeedBytes; ++i) seed.data()[i] = static_cast<std::uint8_t>(0xA0 + i);
  return seed;
}

// k(i+steps) from k(i), written here from the doc rather than through the code under test.
SecureBuffer step_key(const SecureBuffer& key, std::uint64_t steps) {
  SecureBuffer k = copy_of(key);
  for (std::uint64_t i = 0; i < steps; ++i) {
    SecureBuffer next(kHashBytes);
    crypto_generichash(next.data(), kHashBytes,
                       reinterpret_cast<const unsigned char*>(kKeyStepContext.data()),
                       kKeyStepContext.size(), k.data(), k.size());
    k = std::move(next);
  }
  return k;
}

template <typename T>
T must(shogo::Result<T> r) {
  INFO((r.ok() ? std::string() : r.error().code));
  REQUIRE(r.ok());
  return std::move(r).value();
}

template <typename T>
std::string code_of(const shogo::Result<T>& r) {
  return r.ok() ? "ok" : r.error().code;
}

// Synthetic events with varied fields; ids are obviously made up.
EventFields fields_for(std::size_t i) {
  static const char* const kActions[] = {"sign_in", "survey_create", "designate",    "sheets_make",
                                         "lend",    "return",        "record_match", "sign_out"};
  static const char* const kRoles[] = {"manager", "investigator", "supervisor", "system"};
  EventFields f;
  f.at_utc_ms = 1767225600000 + static_cast<std::int64_t>(i) * 61000;
  f.monotonic_ms = 5000 + static_cast<std::int64_t>(i) * 60999;
  f.role = kRoles[i % 4];
  f.actor = f.role == "system" ? "system" : "u-" + f.role + "-" + std::to_string(i % 3 + 1);
  f.action = kActions[i % 8];
  f.objects = i % 5 == 0
                  ? ""
                  : "survey=s-000" + std::to_string(i % 4) + ";user=u-test-" + std::to_string(i);
  f.outcome = i % 7 == 3 ? "keyslots.wrong_passphrase" : "ok";
  f.detail = i % 2 == 0 ? "" : "site=本庁;n=" + std::to_string(i);
  return f;
}

std::vector<Event> make_chain(const SecureBuffer& seed, std::size_t n) {
  ChainWriter w = ChainWriter::begin(seed);
  std::vector<Event> events;
  for (std::size_t i = 0; i < n; ++i) events.push_back(must(w.append(fields_for(i))));
  return events;
}

constexpr std::size_t kChainLength = 20;

VerifyReport check(const std::vector<Event>& events, const SecureBuffer* seed,
                   const std::vector<Anchor>& anchors = {}) {
  return verify(events, seed, anchors);
}

// Every stored field, and one way to change it.
constexpr int kFieldCount = 12;
const char* field_name(int f) {
  static const char* const kNames[kFieldCount] = {"seq",    "at_utc_ms", "monotonic_ms", "actor",
                                                  "role",   "action",    "objects",      "outcome",
                                                  "detail", "prev_hash", "hash",         "mac"};
  return kNames[f];
}
void edit_field(Event& e, int f) {
  switch (f) {
    case 0: e.seq += 1; break;
    case 1: e.at_utc_ms -= 3600000; break;
    case 2: e.monotonic_ms += 1; break;
    case 3: e.actor = "u-mallory-1"; break;
    case 4: e.role = e.role == "manager" ? "supervisor" : "manager"; break;
    case 5: e.action += "_x"; break;
    case 6: e.objects = e.objects.empty() ? "user=u-x" : e.objects + "0"; break;
    case 7: e.outcome = e.outcome == "ok" ? "denied" : "ok"; break;
    case 8: e.detail += "!"; break;
    case 9: e.prev_hash[5] ^= 0x01; break;
    case 10: e.hash[31] ^= 0x80; break;
    case 11: e.mac[0] ^= 0x01; break;
    default: FAIL("no such field");
  }
}

// What an attacker without the audit key can do after an edit: recompute the
// hash of event `from` and relink and rehash every event after it. MACs go stale.
void relink_from(std::vector<Event>& events, std::size_t from) {
  for (std::size_t j = from; j < events.size(); ++j) {
    if (j > from) events[j].prev_hash = events[j - 1].hash;
    events[j].hash = event_hash(events[j]);
  }
}

void require_fault(const VerifyReport& r, Problem problem, std::uint64_t seq) {
  INFO("got " << problem_name(r.problem) << " at " << r.first_bad_seq << ": " << r.message);
  CHECK_FALSE(r.ok);
  CHECK(r.problem == problem);
  CHECK(r.first_bad_seq == seq);
  CHECK(r.message.find(std::to_string(seq)) != std::string::npos);
}

void require_state_fault(const StateReport& r, Problem problem, std::uint64_t seq) {
  INFO("got " << problem_name(r.problem) << " at " << r.first_bad_seq << ": " << r.message);
  CHECK_FALSE(r.ok);
  CHECK(r.problem == problem);
  CHECK(r.first_bad_seq == seq);
  CHECK(r.message.find(std::to_string(seq)) != std::string::npos);
}

void require_state_ok(const StateReport& r, bool key_checked) {
  INFO("got " << problem_name(r.problem) << " at " << r.first_bad_seq << ": " << r.message);
  CHECK(r.ok);
  CHECK(r.problem == Problem::none);
  CHECK(r.first_bad_seq == 0);
  CHECK(r.message.empty());
  CHECK(r.key_checked == key_checked);
}

WriterState state_of(std::uint64_t next_seq, const Hash& head, const SecureBuffer& key) {
  return WriterState{next_seq, head, copy_of(key)};
}

void require_ok(const VerifyReport& r) {
  INFO("got " << problem_name(r.problem) << " at " << r.first_bad_seq << ": " << r.message);
  CHECK(r.ok);
  CHECK(r.problem == Problem::none);
  CHECK(r.first_bad_seq == 0);
  CHECK(r.message.empty());
}

}  // namespace

// --- the format -------------------------------------------------------------------------

TEST_CASE("the worked example of docs/audit-log.md matches byte for byte", "[audit]") {
  const SecureBuffer seed = buffer_of(from_hex(kVectorSeedHex));
  ChainWriter w = ChainWriter::begin(seed);
  std::vector<Event> events;
  for (const AuditVectorEvent& v : kVectorEvents) {
    INFO("event " << v.seq);
    const SecureBuffer key = audit_key_for(seed, v.seq);
    CHECK(to_hex(key.bytes()) == v.key_hex);
    EventFields f;
    f.at_utc_ms = v.at_utc_ms;
    f.monotonic_ms = v.monotonic_ms;
    f.actor = v.actor;
    f.role = v.role;
    f.action = v.action;
    f.objects = v.objects;
    f.outcome = v.outcome;
    f.detail = v.detail;
    const Event e = must(w.append(f));
    CHECK(e.seq == v.seq);
    CHECK(to_hex(canonical_encoding(e)) == v.encoding_hex);
    CHECK(to_hex(e.prev_hash) == v.prev_hex);
    CHECK(to_hex(e.hash) == v.hash_hex);
    CHECK(to_hex(event_hash(e)) == v.hash_hex);
    CHECK(to_hex(e.mac) == v.mac_hex);
    CHECK(to_hex(event_mac(key, e.hash)) == v.mac_hex);
    CHECK(format_anchor(e) == v.anchor);
    events.push_back(e);
  }
  const WriterState state = w.state();
  CHECK(state.next_seq == 3);
  CHECK(to_hex(state.key.bytes()) == kVectorKeyAfterHex);
  CHECK(to_hex(audit_key_for(seed, 3).bytes()) == kVectorKeyAfterHex);
  CHECK(to_hex(audit_key_for(seed, 0).bytes()) == kVectorSeedHex);
  CHECK(to_hex(serialise_state(state).bytes()) == kVectorStateHex);
  REQUIRE(w.head_anchor().has_value());
  CHECK(std::to_string(w.head_anchor()->seq) + ":" + w.head_anchor()->short_hash ==
        kVectorEvents[1].anchor);

  std::vector<Anchor> anchors;
  for (const AuditVectorEvent& v : kVectorEvents) anchors.push_back(must(parse_anchor(v.anchor)));
  const VerifyReport r = verify(events, &seed, anchors);
  require_ok(r);
  CHECK(r.events_checked == 2);
  CHECK(r.macs_checked);
  CHECK(r.anchors_checked == 2);
}

TEST_CASE("the audit chain self-test passes", "[audit]") { CHECK(audit_self_test().ok()); }

TEST_CASE("keys evolve one way: k(i+1) is the keyed hash of the step message", "[audit]") {
  const SecureBuffer seed = test_seed();
  CHECK(audit_key_for(seed, 0).equals(seed));
  for (std::uint64_t i = 1; i <= 50; ++i) {
    CHECK(audit_key_for(seed, i).equals(step_key(seed, i)));
    CHECK(audit_key_for(seed, i).equals(step_key(audit_key_for(seed, i - 1), 1)));
  }
}

TEST_CASE("a writer starts at event 1 with the genesis link and holds k1", "[audit]") {
  const SecureBuffer seed = test_seed();
  const ChainWriter w = ChainWriter::begin(seed);
  CHECK(w.next_seq() == 1);
  CHECK(w.head() == kGenesisPrev);
  CHECK_FALSE(w.head_anchor().has_value());
  const WriterState s = w.state();
  CHECK(s.key.equals(audit_key_for(seed, 1)));
  CHECK_FALSE(s.key.equals(seed));  // the seed itself never stays on the appliance
}

TEST_CASE("a writer resumed from its stored state writes the same chain", "[audit]") {
  const SecureBuffer seed = test_seed();
  const std::vector<Event> straight = make_chain(seed, kChainLength);
  for (std::size_t cut = 0; cut <= kChainLength; ++cut) {
    INFO("resumed after " << cut << " events");
    ChainWriter first = ChainWriter::begin(seed);
    std::vector<Event> events;
    for (std::size_t i = 0; i < cut; ++i) events.push_back(must(first.append(fields_for(i))));
    const SecureBuffer blob = serialise_state(first.state());
    WriterState restored = must(parse_state(blob.bytes()));
    CHECK(restored.next_seq == cut + 1);
    CHECK(restored.key.equals(audit_key_for(seed, cut + 1)));
    ChainWriter second = must(ChainWriter::resume(std::move(restored)));
    for (std::size_t i = cut; i < kChainLength; ++i) {
      events.push_back(must(second.append(fields_for(i))));
    }
    REQUIRE(events.size() == straight.size());
    for (std::size_t i = 0; i < events.size(); ++i) {
      CHECK(canonical_encoding(events[i]) == canonical_encoding(straight[i]));
      CHECK(events[i].mac == straight[i].mac);
    }
  }
}

TEST_CASE("a damaged writer state is refused", "[audit]") {
  const SecureBuffer seed = test_seed();
  ChainWriter w = ChainWriter::begin(seed);
  (void)must(w.append(fields_for(0)));
  const SecureBuffer blob = serialise_state(w.state());
  const Bytes good(blob.bytes().begin(), blob.bytes().end());
  CHECK(parse_state(good).ok());

  Bytes shorter(good.begin(), good.end() - 1);
  CHECK(code_of(parse_state(shorter)) == "audit.bad_state");
  Bytes longer = good;
  longer.push_back(0);
  CHECK(code_of(parse_state(longer)) == "audit.bad_state");
  Bytes magic = good;
  magic[0] ^= 0x01;
  CHECK(code_of(parse_state(magic)) == "audit.bad_state");
  Bytes version = good;
  version[8] = 2;
  CHECK(code_of(parse_state(version)) == "audit.bad_state");
  Bytes zero_seq = good;
  std::fill(zero_seq.begin() + 10, zero_seq.begin() + 18, std::uint8_t{0});
  CHECK(code_of(parse_state(zero_seq)) == "audit.bad_state");
  Bytes genesis_with_head = good;
  genesis_with_head[10] = 1;  // next_seq 1 but a head that is not 32 zero bytes
  CHECK(code_of(parse_state(genesis_with_head)) == "audit.bad_state");

  CHECK(code_of(ChainWriter::resume(WriterState{2, {}, SecureBuffer(16)})) == "audit.bad_state");
  CHECK(code_of(ChainWriter::resume(WriterState{0, {}, SecureBuffer(kHashBytes)})) ==
        "audit.bad_state");
}

// --- field rules -----------------------------------------------------------------------------

TEST_CASE("text fields must be clean UTF-8 of at most 1024 bytes (detail: 64 KiB)", "[audit]") {
  const EventFields base = fields_for(1);
  struct Case {
    std::string text;
    const char* code;
  };
  const Case cases[] = {
      {std::string(1024, 'a'), "ok"},
      {std::string(1025, 'a'), "audit.text_too_long"},
      {"本庁 site", "ok"},
      {"\xF0\x9F\x98\x80", "ok"},                  // U+1F600, 4 bytes
      {"a\nb", "audit.bad_text"},                  // newline
      {"a\x1b[31m", "audit.bad_text"},             // ESC: terminal escape
      {"a\x7f", "audit.bad_text"},                 // DEL
      {"\xC2\x9B", "audit.bad_text"},              // U+009B, the C1 CSI
      {"\xC0\xAF", "audit.bad_text"},              // overlong '/'
      {"\xED\xA0\x80", "audit.bad_text"},          // a surrogate
      {"\xF4\x90\x80\x80", "audit.bad_text"},      // past U+10FFFF
      {"\xE6\x9C", "audit.bad_text"},              // cut short
      {"\xFF", "audit.bad_text"},                  // never in UTF-8
      {std::string("a\0b", 3), "audit.bad_text"},  // NUL
  };
  EventFields longest = base;
  longest.detail = std::string(kMaxDetailBytes, 'a');
  CHECK(check_fields(longest).ok());
  longest.detail.push_back('a');
  CHECK(code_of(check_fields(longest)) == "audit.text_too_long");
  for (const Case& c : cases) {
    for (int field = 0; field < 6; ++field) {
      INFO("text " << to_hex({reinterpret_cast<const std::uint8_t*>(c.text.data()), c.text.size()})
                   << " in field " << field);
      EventFields f = base;
      std::string* target[] = {&f.actor, &f.role, &f.action, &f.objects, &f.outcome, &f.detail};
      *target[field] = c.text;
      const std::string code = code_of(check_fields(f));
      if (field == 5 && c.text.size() == 1025) {
        CHECK(code == "ok");  // detail carries the replay's values: up to kMaxDetailBytes
        continue;
      }
      if (field == 3 && std::string_view(c.code) == "ok") {
        CHECK(code == "audit.bad_objects");  // valid text, but not an id list
      } else {
        CHECK(code == c.code);
      }
    }
  }
}

TEST_CASE("an event needs an actor and an action and nothing else", "[audit]") {
  EventFields f;
  f.actor = "system";
  f.action = "start";
  CHECK(check_fields(f).ok());
  f.actor.clear();
  CHECK(code_of(check_fields(f)) == "audit.missing_field");
  f.actor = "system";
  f.action.clear();
  CHECK(code_of(check_fields(f)) == "audit.missing_field");
}

TEST_CASE("object ids are a canonical list sorted by key then value", "[audit]") {
  CHECK(must(format_objects({})).empty());
  CHECK(must(format_objects({{"user", "u-manager-1"}, {"survey", "s-0001"}})) ==
        "survey=s-0001;user=u-manager-1");
  CHECK(must(format_objects({{"terminal", "t-2"}, {"terminal", "t-10"}, {"site", "h-1"}})) ==
        "site=h-1;terminal=t-10;terminal=t-2");
  CHECK(code_of(format_objects({{"user", "u-1"}, {"user", "u-1"}})) == "audit.bad_objects");
  CHECK(code_of(format_objects({{"User", "u-1"}})) == "audit.bad_objects");
  CHECK(code_of(format_objects({{"", "u-1"}})) == "audit.bad_objects");
  CHECK(code_of(format_objects({{"user", ""}})) == "audit.bad_objects");
  CHECK(code_of(format_objects({{"user", "a;b"}})) == "audit.bad_objects");
  CHECK(code_of(format_objects({{"user", "a=b"}})) == "audit.bad_objects");
  CHECK(code_of(format_objects({{"user", "a b"}})) == "audit.bad_objects");
  CHECK(code_of(format_objects({{"user", "山田"}})) == "audit.bad_objects");  // ids are ASCII
  CHECK(code_of(format_objects({{std::string(33, 'k'), "v"}})) == "audit.bad_objects");
  CHECK(code_of(format_objects({{"k", std::string(129, 'v')}})) == "audit.bad_objects");
  std::vector<std::pair<std::string, std::string>> many;
  many.reserve(100);
  for (int i = 0; i < 100; ++i)
    many.emplace_back("k" + std::to_string(i), "value-" + std::to_string(i));
  CHECK(code_of(format_objects(many)) == "audit.bad_objects");  // over 1024 bytes in all

  for (std::string_view good : {"", "user=u-1", "survey=s-1;user=u-1", "a=1;a=2"}) {
    INFO(good);
    CHECK(check_objects(good).ok());
  }
  for (std::string_view bad : {"user=u-1;survey=s-1", "a=2;a=1", "user=u-1;", ";user=u-1", "user",
                               "user=", "=u-1", "user=u-1;user=u-1", "user==u"}) {
    INFO(bad);
    CHECK(code_of(check_objects(bad)) == "audit.bad_objects");
  }
}

TEST_CASE("a refused event leaves the writer unchanged", "[audit]") {
  const SecureBuffer seed = test_seed();
  ChainWriter w = ChainWriter::begin(seed);
  (void)must(w.append(fields_for(0)));
  const WriterState before = w.state();
  EventFields bad = fields_for(1);
  bad.objects = "user=b;survey=a";
  CHECK(code_of(w.append(bad)) == "audit.bad_objects");
  const WriterState after = w.state();
  CHECK(after.next_seq == before.next_seq);
  CHECK(after.head == before.head);
  CHECK(after.key.equals(before.key));
  std::vector<Event> events = make_chain(seed, 1);
  events.push_back(must(w.append(fields_for(1))));
  require_ok(check(events, &seed));
}

// --- anchors --------------------------------------------------------------------------------------

TEST_CASE("anchors read back what is printed and refuse anything else", "[audit]") {
  const SecureBuffer seed = test_seed();
  for (const Event& e : make_chain(seed, 3)) {
    const Anchor a = must(parse_anchor(format_anchor(e)));
    CHECK(a.seq == e.seq);
    CHECK(a.short_hash == short_hash(e.hash));
    CHECK(a.short_hash == to_hex(std::span(e.hash).first(8)));
  }
  const Anchor upper = must(parse_anchor("  42:0123456789ABCDEF "));
  CHECK(upper.seq == 42);
  CHECK(upper.short_hash == "0123456789abcdef");
  CHECK(must(parse_anchor("18446744073709551615:0123456789abcdef")).seq == UINT64_MAX);
  for (std::string_view bad :
       {"", "42", "42:", ":0123456789abcdef", "0:0123456789abcdef", "042:0123456789abcdef",
        "+42:0123456789abcdef", "-1:0123456789abcdef", "4 2:0123456789abcdef", "42:0123456789abcde",
        "42:0123456789abcdef0", "42:0123456789abcdeg", "42;0123456789abcdef",
        "18446744073709551616:0123456789abcdef"}) {
    INFO(bad);
    CHECK(code_of(parse_anchor(bad)) == "audit.bad_anchor");
  }
}

// --- verification of a good log -------------------------------------------------------------------

TEST_CASE("a whole log verifies with and without the seed and with every anchor", "[audit]") {
  const SecureBuffer seed = test_seed();
  const std::vector<Event> events = make_chain(seed, kChainLength);
  std::vector<Anchor> anchors;
  anchors.reserve(events.size());
  for (const Event& e : events) anchors.push_back(must(parse_anchor(format_anchor(e))));
  const VerifyReport without = check(events, nullptr, anchors);
  require_ok(without);
  CHECK_FALSE(without.macs_checked);
  CHECK(without.events_checked == kChainLength);
  CHECK(without.anchors_checked == kChainLength);
  const VerifyReport with = check(events, &seed, anchors);
  require_ok(with);
  CHECK(with.macs_checked);
}

TEST_CASE("an empty log verifies unless an anchor names an event", "[audit]") {
  const SecureBuffer seed = test_seed();
  require_ok(check({}, &seed));
  require_fault(check({}, nullptr, {Anchor{1, "0123456789abcdef"}}),
                Problem::truncated_before_anchor, 1);
}

TEST_CASE("the wrong seed makes every log look forged from event 1", "[audit]") {
  const SecureBuffer seed = test_seed();
  const std::vector<Event> events = make_chain(seed, 3);
  SecureBuffer other = copy_of(seed);
  other.data()[0] ^= 0x01;
  require_fault(check(events, &other), Problem::forged, 1);
}

TEST_CASE("a segment after a purge verifies from its start hash and the stepped key", "[audit]") {
  const SecureBuffer seed = test_seed();
  constexpr std::uint64_t kStart = 100000;  // 100000 key steps must stay fast
  Hash start_prev{};
  start_prev.fill(0x5A);  // the hash of event kStart-1, kept when older events were purged
  ChainWriter w =
      must(ChainWriter::resume(WriterState{kStart, start_prev, audit_key_for(seed, kStart)}));
  std::vector<Event> events;
  for (std::size_t i = 0; i < 5; ++i) events.push_back(must(w.append(fields_for(i))));
  CHECK(events.front().seq == kStart);
  std::vector<Anchor> anchors = {Anchor{7, "0123456789abcdef"},  // purged: not compared
                                 must(parse_anchor(format_anchor(events[2])))};
  const VerifyReport r = verify(events, &seed, anchors, kStart, start_prev);
  require_ok(r);
  CHECK(r.anchors_checked == 1);

  Hash other_prev = start_prev;
  other_prev[0] ^= 0x01;
  require_fault(verify(events, &seed, {}, kStart, other_prev), Problem::bad_start, kStart);
  require_fault(verify(events, nullptr, {}, kStart - 1, start_prev), Problem::missing, kStart - 1);
  require_fault(verify(events, &seed, {}, kStart + 1, start_prev), Problem::inserted, kStart + 1);
}

// --- tamper matrix: every broken variant must fail, at the right place -------------------------------

TEST_CASE("tamper matrix: every field of every event edited with a stale hash", "[audit]") {
  const SecureBuffer seed = test_seed();
  const std::vector<Event> good = make_chain(seed, kChainLength);
  for (std::size_t i = 0; i < good.size(); ++i) {
    for (int f = 0; f < kFieldCount; ++f) {
      INFO("event " << i + 1 << " field " << field_name(f));
      std::vector<Event> events = good;
      edit_field(events[i], f);
      if (f == 11) {  // the MAC is outside the hash: only the seed can check it
        require_ok(check(events, nullptr));
        require_fault(check(events, &seed), Problem::forged, i + 1);
      } else {
        require_fault(check(events, nullptr), Problem::edited, i + 1);
        require_fault(check(events, &seed), Problem::edited, i + 1);
      }
    }
  }
}

TEST_CASE("tamper matrix: an edit rehashed and relinked by an attacker without the key",
          "[audit]") {
  const SecureBuffer seed = test_seed();
  const std::vector<Event> good = make_chain(seed, kChainLength);
  const std::vector<Anchor> head = {must(parse_anchor(format_anchor(good.back())))};
  for (std::size_t i = 0; i < good.size(); ++i) {
    for (int f = 0; f < 10; ++f) {  // hash and MAC are what the attacker recomputes
      INFO("event " << i + 1 << " field " << field_name(f));
      std::vector<Event> events = good;
      edit_field(events[i], f);
      relink_from(events, i);
      const auto seq = static_cast<std::uint64_t>(i + 1);
      if (f == 0) {  // a changed sequence number leaves a gap
        require_fault(check(events, nullptr), Problem::missing, seq);
      } else if (f == 9) {  // a changed link shows at once
        const Problem p = i == 0 ? Problem::bad_start : Problem::broken_link;
        require_fault(check(events, nullptr), p, seq);
        require_fault(check(events, &seed), p, seq);
      } else {
        require_ok(check(events, nullptr));  // a consistent chain: only the seed or paper tell
        require_fault(check(events, &seed), Problem::forged, seq);
        require_fault(check(events, nullptr, head), Problem::anchor_mismatch, kChainLength);
      }
    }
  }
}

TEST_CASE("tamper matrix: an edit rehashed but not relinked breaks the next link", "[audit]") {
  const SecureBuffer seed = test_seed();
  const std::vector<Event> good = make_chain(seed, kChainLength);
  for (std::size_t i = 0; i < good.size(); ++i) {
    INFO("event " << i + 1);
    std::vector<Event> events = good;
    events[i].actor = "u-mallory-1";
    events[i].hash = event_hash(events[i]);
    const auto seq = static_cast<std::uint64_t>(i + 1);
    if (i + 1 < good.size()) {
      require_fault(check(events, nullptr), Problem::broken_link, seq + 1);
    } else {
      require_ok(check(events, nullptr));  // the last event: no later link to break
    }
    require_fault(check(events, &seed), Problem::forged, seq);
  }
}

TEST_CASE("tamper matrix: each event deleted", "[audit]") {
  const SecureBuffer seed = test_seed();
  const std::vector<Event> good = make_chain(seed, kChainLength);
  const std::vector<Anchor> head = {must(parse_anchor(format_anchor(good.back())))};
  for (std::size_t i = 0; i < good.size(); ++i) {
    INFO("event " << i + 1 << " deleted");
    std::vector<Event> events = good;
    events.erase(events.begin() + static_cast<std::ptrdiff_t>(i));
    const auto seq = static_cast<std::uint64_t>(i + 1);
    if (i + 1 < good.size()) {
      require_fault(check(events, nullptr), Problem::missing, seq);
      require_fault(check(events, &seed, head), Problem::missing, seq);
    } else {  // deleting the last event is a truncation: only an anchor tells
      require_ok(check(events, &seed));
      require_fault(check(events, &seed, head), Problem::truncated_before_anchor, seq);
    }
  }
}

TEST_CASE("tamper matrix: adjacent events swapped", "[audit]") {
  const SecureBuffer seed = test_seed();
  const std::vector<Event> good = make_chain(seed, kChainLength);
  for (std::size_t i = 0; i + 1 < good.size(); ++i) {
    INFO("events " << i + 1 << " and " << i + 2 << " swapped");
    std::vector<Event> events = good;
    std::swap(events[i], events[i + 1]);
    require_fault(check(events, nullptr), Problem::reordered, i + 1);
    require_fault(check(events, &seed), Problem::reordered, i + 1);

    // The same swap with the sequence numbers and links rewritten to fit.
    std::swap(events[i].seq, events[i + 1].seq);
    events[i].prev_hash = i == 0 ? kGenesisPrev : events[i - 1].hash;
    relink_from(events, i);
    require_ok(check(events, nullptr));
    require_fault(check(events, &seed), Problem::forged, i + 1);
  }
}

TEST_CASE("tamper matrix: an event inserted", "[audit]") {
  const SecureBuffer seed = test_seed();
  const std::vector<Event> good = make_chain(seed, kChainLength);
  for (std::size_t i = 0; i < good.size(); ++i) {
    INFO("inserted after event " << i + 1);
    const auto at = good.begin() + static_cast<std::ptrdiff_t>(i + 1);
    const auto seq = static_cast<std::uint64_t>(i + 1);

    // A copy of event i+1 repeated.
    std::vector<Event> repeated = good;
    repeated.insert(repeated.begin() + static_cast<std::ptrdiff_t>(i + 1), good[i]);
    require_fault(check(repeated, nullptr), Problem::inserted, seq + 1);

    // A new event that claims the next number and links correctly, MAC made up.
    Event crafted = good[i];
    crafted.seq = seq + 1;
    crafted.action = "lend";
    crafted.prev_hash = good[i].hash;
    crafted.hash = event_hash(crafted);
    crafted.mac.fill(0x42);
    std::vector<Event> events(good.begin(), at);
    events.push_back(crafted);
    events.insert(events.end(), at, good.end());
    if (i + 1 < good.size()) {
      require_fault(check(events, nullptr), Problem::inserted, seq + 2);
    } else {
      require_ok(check(events, nullptr));  // appended at the end: only the seed tells
    }
    require_fault(check(events, &seed), Problem::forged, seq + 1);

    // An event whose number lies past the end of the log.
    Event stray = crafted;
    stray.seq = 1000;
    stray.hash = event_hash(stray);
    std::vector<Event> strayed(good.begin(), at);
    strayed.push_back(stray);
    strayed.insert(strayed.end(), at, good.end());
    const Problem p = i + 1 < good.size() ? Problem::inserted : Problem::missing;
    require_fault(check(strayed, nullptr), p, seq + 1);
  }
}

TEST_CASE("tamper matrix: the tail truncated is caught only with an anchor", "[audit]") {
  const SecureBuffer seed = test_seed();
  const std::vector<Event> good = make_chain(seed, kChainLength);
  for (std::size_t keep = 0; keep < good.size(); ++keep) {
    INFO("kept " << keep << " events");
    const std::vector<Event> events(good.begin(), good.begin() + static_cast<std::ptrdiff_t>(keep));
    require_ok(check(events, &seed));
    for (std::size_t a = keep; a < good.size(); ++a) {
      const std::vector<Anchor> anchor = {must(parse_anchor(format_anchor(good[a])))};
      require_fault(check(events, nullptr, anchor), Problem::truncated_before_anchor, keep + 1);
    }
    if (keep > 0) {  // an anchor inside what is left still matches
      require_ok(check(events, &seed, {must(parse_anchor(format_anchor(good[keep - 1])))}));
    }
  }
}

TEST_CASE("tamper matrix: a rollback to an earlier copy is caught by a later anchor", "[audit]") {
  const SecureBuffer seed = test_seed();
  for (std::size_t back = 1; back < kChainLength; ++back) {
    INFO("rolled back to " << back << " events");
    // The real timeline: kChainLength events, an anchor printed after each.
    ChainWriter real = ChainWriter::begin(seed);
    std::vector<Event> timeline;
    std::vector<Anchor> printed;
    SecureBuffer saved;  // the vault.db copy taken after `back` events
    for (std::size_t i = 0; i < kChainLength; ++i) {
      timeline.push_back(must(real.append(fields_for(i))));
      printed.push_back(must(parse_anchor(format_anchor(timeline.back()))));
      if (i + 1 == back) saved = serialise_state(real.state());
    }
    // Restoring the copy gives a genuine prefix...
    std::vector<Event> restored(timeline.begin(),
                                timeline.begin() + static_cast<std::ptrdiff_t>(back));
    require_ok(check(restored, &seed));
    require_fault(check(restored, &seed, {printed[back]}), Problem::truncated_before_anchor,
                  back + 1);
    // ...and the appliance carries on from it with the old state: valid MACs.
    ChainWriter resumed = must(ChainWriter::resume(must(parse_state(saved.bytes()))));
    for (std::size_t i = back; i < kChainLength; ++i) {
      EventFields f = fields_for(i);
      f.detail = "after-rollback";
      restored.push_back(must(resumed.append(f)));
    }
    require_ok(check(restored, &seed));
    const std::vector<Anchor> before_rollback(printed.begin(),
                                              printed.begin() + static_cast<std::ptrdiff_t>(back));
    require_ok(check(restored, &seed, before_rollback));
    require_fault(check(restored, &seed, printed), Problem::anchor_mismatch, back + 1);
    require_fault(check(restored, nullptr, {printed.back()}), Problem::anchor_mismatch,
                  kChainLength);
  }
}

TEST_CASE("tamper matrix: the key stolen at event n forges nothing before n", "[audit]") {
  const SecureBuffer seed = test_seed();
  for (std::size_t n = 1; n <= kChainLength; ++n) {
    INFO("key seized when event " << n << " was next");
    ChainWriter w = ChainWriter::begin(seed);
    std::vector<Event> events;
    for (std::size_t i = 0; i + 1 < n; ++i) events.push_back(must(w.append(fields_for(i))));
    const WriterState seized = w.state();  // what the attacker copies: k_n
    CHECK(seized.key.equals(audit_key_for(seed, n)));

    // Appending with the stolen key verifies: forward security protects only the past.
    std::vector<Event> appended = events;
    ChainWriter thief =
        must(ChainWriter::resume(WriterState{seized.next_seq, seized.head, copy_of(seized.key)}));
    for (std::size_t i = 0; i < 3; ++i) appended.push_back(must(thief.append(fields_for(i + 40))));
    require_ok(check(appended, &seed));

    // Rewriting any earlier event j < n: rehash, relink, and MAC with every key the thief has.
    for (std::size_t j = 0; j + 1 < n; ++j) {
      std::vector<Event> rewritten = appended;
      rewritten[j].outcome = "denied";
      relink_from(rewritten, j);
      for (std::size_t k = j; k < rewritten.size(); ++k) {
        const std::uint64_t s = rewritten[k].seq;
        // Keys from k_n on are the thief's; for s < n k_n is the best they have.
        const SecureBuffer key = step_key(seized.key, s >= n ? s - n : 0);
        rewritten[k].mac = event_mac(key, rewritten[k].hash);
      }
      INFO("event " << j + 1 << " rewritten");
      require_ok(check(rewritten, nullptr));
      require_fault(check(rewritten, &seed), Problem::forged, j + 1);
    }

    // Truncating to j < n-1 events and writing new ones with the stolen key.
    if (n >= 2) {
      std::vector<Event> cut(events.begin(), events.begin() + static_cast<std::ptrdiff_t>(n - 2));
      ChainWriter again = must(ChainWriter::resume(
          WriterState{n - 1, cut.empty() ? kGenesisPrev : cut.back().hash, copy_of(seized.key)}));
      cut.push_back(must(again.append(fields_for(77))));
      require_ok(check(cut, nullptr));
      require_fault(check(cut, &seed), Problem::forged, n - 1);
    }
  }
}

// --- the saved state against the log ----------------------------------------------------------

TEST_CASE("the writer's state after every event matches the log, with and without the seed",
          "[audit]") {
  const SecureBuffer seed = test_seed();
  ChainWriter w = ChainWriter::begin(seed);
  std::vector<Event> events;
  for (std::size_t n = 0; n <= kChainLength; ++n) {
    INFO(n << " events");
    const WriterState state = w.state();
    require_state_ok(check_state(events, &state, nullptr), false);
    require_state_ok(check_state(events, &state, &seed), true);
    events.push_back(must(w.append(fields_for(n))));
  }
  // No state: only an empty log passes.
  require_state_ok(check_state({}, nullptr, &seed), false);
  events.pop_back();
  require_state_fault(check_state(events, nullptr, nullptr), Problem::state_missing, kChainLength);
  require_state_fault(check_state(events, nullptr, &seed), Problem::state_missing, kChainLength);
}

TEST_CASE(
    "tamper matrix: a cut tail is caught by the state left behind, and with the seed by "
    "its key when next_seq and head are rewound",
    "[audit]") {
  const SecureBuffer seed = test_seed();
  ChainWriter w = ChainWriter::begin(seed);
  std::vector<Event> good;
  for (std::size_t i = 0; i < kChainLength; ++i) good.push_back(must(w.append(fields_for(i))));
  const WriterState left = w.state();  // k21, not changed by whoever cut the tail
  for (std::size_t keep = 0; keep < good.size(); ++keep) {
    INFO("kept " << keep << " events");
    const std::vector<Event> cut(good.begin(), good.begin() + static_cast<std::ptrdiff_t>(keep));
    require_ok(check(cut, &seed));  // the chain alone cannot tell
    for (const SecureBuffer* k0 : {static_cast<const SecureBuffer*>(nullptr), &seed}) {
      require_state_fault(check_state(cut, &left, k0), Problem::truncated_before_state, keep + 1);
    }
    const Hash& head = keep == 0 ? kGenesisPrev : cut.back().hash;
    const WriterState rewound = state_of(keep + 1, head, left.key);
    require_state_ok(check_state(cut, &rewound, nullptr), false);
    require_state_fault(check_state(cut, &rewound, &seed), Problem::state_key_mismatch, keep + 1);
  }
}

TEST_CASE("tamper matrix: a saved state rolled back, or with another head or key, is caught",
          "[audit]") {
  const SecureBuffer seed = test_seed();
  ChainWriter w = ChainWriter::begin(seed);
  std::vector<Event> events;
  std::vector<WriterState> states;  // states[n]: after n events
  for (std::size_t i = 0; i < kChainLength; ++i) {
    states.push_back(w.state());
    events.push_back(must(w.append(fields_for(i))));
  }
  const WriterState now = w.state();
  const std::uint64_t next = kChainLength + 1;
  // A genuine older state (a copy of vault.db from before event n) beside the whole log.
  for (std::size_t n = 0; n < kChainLength; ++n) {
    INFO("state of " << n << " events");
    for (const SecureBuffer* k0 : {static_cast<const SecureBuffer*>(nullptr), &seed}) {
      require_state_fault(check_state(events, &states[n], k0), Problem::state_behind, n + 1);
    }
  }
  // Another head: with or without the seed.
  for (std::size_t byte : {std::size_t{0}, kHashBytes - 1}) {
    WriterState edited = state_of(next, now.head, now.key);
    edited.head[byte] ^= 0x01;
    for (const SecureBuffer* k0 : {static_cast<const SecureBuffer*>(nullptr), &seed}) {
      require_state_fault(check_state(events, &edited, k0), Problem::state_head_mismatch,
                          kChainLength);
    }
  }
  // Another key, next_seq and head left alone: only the seed sees it.
  std::vector<SecureBuffer> keys;
  for (std::uint64_t seq : {std::uint64_t{0}, std::uint64_t{1}, next - 1, next + 1}) {
    keys.push_back(audit_key_for(seed, seq));  // older keys, the seed itself, a later key
  }
  keys.push_back(copy_of(now.key));
  keys.back().data()[kHashBytes - 1] ^= 0x80;
  keys.emplace_back(kHashBytes - 1);  // a key of the wrong size
  for (const SecureBuffer& key : keys) {
    const WriterState other = state_of(next, now.head, key);
    require_state_ok(check_state(events, &other, nullptr), false);
    require_state_fault(check_state(events, &other, &seed), Problem::state_key_mismatch, next);
  }
}

TEST_CASE("a segment's saved state is checked from its start", "[audit]") {
  const SecureBuffer seed = test_seed();
  constexpr std::uint64_t kStart = 5000;
  Hash start_prev{};
  start_prev.fill(0x5A);
  const WriterState start{kStart, start_prev, audit_key_for(seed, kStart)};
  require_state_ok(check_state({}, &start, &seed, kStart, start_prev), true);
  ChainWriter w = must(ChainWriter::resume(state_of(kStart, start_prev, start.key)));
  std::vector<Event> events;
  for (std::size_t i = 0; i < 5; ++i) events.push_back(must(w.append(fields_for(i))));
  const WriterState now = w.state();
  require_state_ok(check_state(events, &now, &seed, kStart, start_prev), true);
  require_state_fault(check_state({}, &now, &seed, kStart, start_prev),
                      Problem::truncated_before_state, kStart);
  require_state_fault(check_state(events, &start, &seed, kStart, start_prev), Problem::state_behind,
                      kStart);
}

// --- properties ----------------------------------------------------------------------------------

TEST_CASE("property: random appends with random resumes always verify", "[audit]") {
  std::mt19937_64 rng(20260101);  // NOLINT(cert-msc51-cpp): a fixed seed so failures repeat
  auto below = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
  auto random_text = [&](std::size_t max_len) {
    static const char* const kPieces[] = {"a", "Z", "0",  "_",  "-", " ",
                                          "=", ";", "本", "庁", "😀", "é"};
    std::string s;
    const std::size_t len = below(max_len + 1);
    while (s.size() < len) {
      const std::string_view piece = kPieces[below(std::size(kPieces))];
      if (s.size() + piece.size() > len) break;
      s += piece;
    }
    return s;
  };
  for (int trial = 0; trial < 40; ++trial) {
    INFO("trial " << trial);
    SecureBuffer seed = SecureBuffer(kSeedBytes);
    for (auto& b : seed.bytes()) b = static_cast<std::uint8_t>(rng());
    ChainWriter w = ChainWriter::begin(seed);
    std::vector<Event> events;
    const std::size_t n = 1 + below(30);
    for (std::size_t i = 0; i < n; ++i) {
      EventFields f;
      f.at_utc_ms = static_cast<std::int64_t>(rng());
      f.monotonic_ms = static_cast<std::int64_t>(rng());
      f.actor = "u-" + random_text(20);
      f.role = random_text(12);
      f.action = "a" + random_text(30);
      std::vector<std::pair<std::string, std::string>> ids;
      for (std::size_t k = below(4); k > 0; --k) {
        ids.emplace_back(std::string(1, static_cast<char>('a' + below(26))),
                         "id-" + std::to_string(rng() % 1000));
      }
      auto objects = format_objects(ids);
      if (objects) f.objects = *objects;
      f.outcome = below(3) == 0 ? "ok" : random_text(20);
      f.detail = random_text(below(10) == 0 ? kMaxTextBytes : 60);
      if (below(5) == 0) {
        w = must(ChainWriter::resume(must(parse_state(serialise_state(w.state()).bytes()))));
      }
      events.push_back(must(w.append(f)));
    }
    std::vector<Anchor> anchors = {must(parse_anchor(format_anchor(events[below(n)]))),
                                   *w.head_anchor()};
    require_ok(check(events, &seed, anchors));
    require_ok(check(events, nullptr, anchors));

    // And one flipped bit anywhere in the encoded fields fails at that event.
    std::vector<Event> flipped = events;
    const std::size_t i = below(n);
    std::string& t = below(2) == 0 ? flipped[i].actor : flipped[i].action;  // never empty
    t[below(t.size())] ^= static_cast<char>(1 << below(7));
    require_fault(check(flipped, nullptr), Problem::edited, i + 1);
  }
}

TEST_CASE("every problem has a name and a sentence that names the event", "[audit]") {
  const Problem all[] = {Problem::edited,
                         Problem::missing,
                         Problem::reordered,
                         Problem::inserted,
                         Problem::broken_link,
                         Problem::bad_start,
                         Problem::forged,
                         Problem::truncated_before_anchor,
                         Problem::anchor_mismatch,
                         Problem::state_missing,
                         Problem::truncated_before_state,
                         Problem::state_behind,
                         Problem::state_head_mismatch,
                         Problem::state_key_mismatch};
  std::vector<std::string> names;
  for (Problem p : all) {
    const std::string sentence = problem_sentence(p);
    INFO(problem_name(p) << ": " << sentence);
    CHECK(sentence.find("%llu") != std::string::npos);
    CHECK(sentence.back() == '.');
    names.emplace_back(problem_name(p));
  }
  std::sort(names.begin(), names.end());
  CHECK(std::adjacent_find(names.begin(), names.end()) == names.end());
  CHECK(std::string(problem_sentence(Problem::none)).empty());
  CHECK(std::string(problem_name(Problem::none)) == "none");
}

TEST_CASE("anchors give the same report in any order and the earliest fault wins", "[audit]") {
  const SecureBuffer seed = test_seed();
  const std::vector<Event> events = make_chain(seed, kChainLength);
  const Anchor wrong{5, "0000000000000000"};
  const Anchor beyond{kChainLength + 10, "0123456789abcdef"};
  const Anchor right = must(parse_anchor(format_anchor(events[9])));
  const std::vector<Anchor> orders[] = {
      {wrong, beyond, right}, {beyond, right, wrong}, {right, wrong, beyond}};
  for (const std::vector<Anchor>& anchors : orders) {
    const VerifyReport r = check(events, &seed, anchors);
    require_fault(r, Problem::anchor_mismatch, 5);
    CHECK(r.anchors_checked == 3);
    CHECK(r.events_checked == kChainLength);
  }
  require_fault(check(events, &seed, {beyond, right}), Problem::truncated_before_anchor,
                kChainLength + 1);
  // An edit at event 12 hides anchors after it, but not the wrong one at 5.
  std::vector<Event> edited = events;
  edited[11].detail = "x";
  require_fault(check(edited, nullptr, {beyond, right}), Problem::edited, 12);
  require_fault(check(edited, nullptr, {beyond, wrong}), Problem::anchor_mismatch, 5);
}
