#include "crypto/keyslots.hpp"

#include <sodium.h>

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstring>
#include <limits>

#include "crypto/atomic_file.hpp"

namespace shogo::crypto {

namespace {

constexpr std::array<std::uint8_t, 8> kMagic = {'S', 'H', 'O', 'G', 'O', 'K', 'S', '1'};
constexpr std::uint16_t kVersion = 1;
constexpr std::uint8_t kAlgArgon2id = 1;
constexpr std::uint8_t kAlgRecovery = 2;
constexpr std::size_t kMacBytes = 32;
constexpr std::size_t kChecksumBytes = 32;
constexpr std::string_view kMacContext = "shogo keyslots mac v1";
constexpr std::string_view kRecoveryContext = "shogo recovery slot";
constexpr std::string_view kRecoveryCheckContext = "shogo recovery key check v1";

static_assert(kVaultKeyBytes == crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
static_assert(kSlotKeyBytes == crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
static_assert(24 == crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
static_assert(48 == kVaultKeyBytes + crypto_aead_xchacha20poly1305_ietf_ABYTES);

Error truncated() { return {"keyslots.truncated", N_("The key file is incomplete.")}; }
Error corrupt() { return {"keyslots.corrupt", N_("The key file is damaged.")}; }
Error altered() { return {"keyslots.altered", N_("The key file has been altered.")}; }
Error wrong_key() {
  return {"keyslots.wrong_key", N_("The vault key does not match the key file.")};
}
Error unknown_user() {
  return {"keyslots.unknown_user", N_("This user cannot sign in on this appliance.")};
}
Error empty_passphrase() {
  return {"keyslots.empty_passphrase", N_("The passphrase must not be empty.")};
}
Error full() { return {"keyslots.full", N_("The key file has no room for another key slot.")}; }

// --- byte order: little-endian, fixed width ---------------------------------------

class Writer {
 public:
  void bytes(std::span<const std::uint8_t> b) { out_.insert(out_.end(), b.begin(), b.end()); }
  void u8(std::uint8_t v) { out_.push_back(v); }
  void u16(std::uint16_t v) { uint(v, 2); }
  void u32(std::uint32_t v) { uint(v, 4); }
  void i64(std::int64_t v) { uint(static_cast<std::uint64_t>(v), 8); }
  void text(std::string_view s) {  // u8 length + bytes; length checked by the caller
    u8(static_cast<std::uint8_t>(s.size()));
    out_.insert(out_.end(), s.begin(), s.end());
  }
  std::vector<std::uint8_t>& out() { return out_; }

 private:
  void uint(std::uint64_t v, int width) {
    for (int i = 0; i < width; ++i) out_.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
  }
  std::vector<std::uint8_t> out_;
};

// Reads fields; the first overrun sets failed() and every later read gives zeros.
class Reader {
 public:
  explicit Reader(std::span<const std::uint8_t> in) : in_(in) {}
  bool failed() const { return failed_; }
  std::size_t pos() const { return pos_; }
  std::span<const std::uint8_t> take(std::size_t n) {
    if (failed_ || in_.size() - pos_ < n) {
      failed_ = true;
      return {};
    }
    auto s = in_.subspan(pos_, n);
    pos_ += n;
    return s;
  }
  template <std::size_t N>
  void take_into(std::array<std::uint8_t, N>& out) {
    auto s = take(N);
    if (!s.empty()) std::copy(s.begin(), s.end(), out.begin());
  }
  std::uint8_t u8() { return static_cast<std::uint8_t>(uint(1)); }
  std::uint16_t u16() { return static_cast<std::uint16_t>(uint(2)); }
  std::uint32_t u32() { return static_cast<std::uint32_t>(uint(4)); }
  std::int64_t i64() { return static_cast<std::int64_t>(uint(8)); }
  std::string text() {
    const std::size_t n = u8();
    auto s = take(n);
    return {s.begin(), s.end()};
  }

 private:
  std::uint64_t uint(std::size_t width) {
    auto s = take(width);
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < s.size(); ++i) v |= static_cast<std::uint64_t>(s[i]) << (8 * i);
    return v;
  }
  std::span<const std::uint8_t> in_;
  std::size_t pos_ = 0;
  bool failed_ = false;
};

// 1..64 bytes of well-formed UTF-8 without control characters.
bool valid_user_id(std::string_view id) {
  if (id.empty() || id.size() > kMaxUserIdBytes) return false;
  std::size_t i = 0;
  while (i < id.size()) {
    const auto c = static_cast<unsigned char>(id[i]);
    if (c < 0x20 || c == 0x7F) return false;
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1Fu;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0Fu;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07u;
    } else {
      return false;
    }
    if (id.size() - i < len) return false;
    for (std::size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(id[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3Fu);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || (cp >= 0x80 && cp <= 0x9F)) {
      return false;
    }
    i += len;
  }
  return true;
}

const std::uint8_t* text_bytes(std::string_view s) {
  return reinterpret_cast<const std::uint8_t*>(s.data());
}

// The one place each primitive appears ------------------------------------------

// BLAKE2b-256, optionally keyed, over the concatenation of `parts`.
void hash_256(std::span<std::uint8_t, 32> out, const SecureBuffer* key,
              std::initializer_list<std::span<const std::uint8_t>> parts) {
  crypto_generichash_state st;
  crypto_generichash_init(&st, key ? key->data() : nullptr, key ? key->size() : 0, out.size());
  for (auto p : parts) crypto_generichash_update(&st, p.data(), p.size());
  crypto_generichash_final(&st, out.data(), out.size());
  sodium_memzero(&st, sizeof st);
}

// The subkey that MACs the file: BLAKE2b-256(key = vault key, "shogo keyslots mac v1").
SecureBuffer file_mac_key(const SecureBuffer& vault_key) {
  SecureBuffer k(32);
  hash_256(std::span<std::uint8_t, 32>(k.data(), 32), &vault_key,
           {{text_bytes(kMacContext), kMacContext.size()}});
  return k;
}

// Recovery slot KEK: BLAKE2b-256(key = recovery key, "shogo recovery slot" || salt).
SecureBuffer recovery_kek(const SecureBuffer& recovery_key, std::span<const std::uint8_t> salt) {
  SecureBuffer k(32);
  hash_256(std::span<std::uint8_t, 32>(k.data(), 32), &recovery_key,
           {{text_bytes(kRecoveryContext), kRecoveryContext.size()}, salt});
  return k;
}

constexpr char kCrockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

int crockford_value(std::uint8_t ch) {  // -1 if not a digit of the alphabet
  if (ch >= 'a' && ch <= 'z') ch = static_cast<std::uint8_t>(ch - 'a' + 'A');
  if (ch == 'I' || ch == 'L') return 1;
  if (ch == 'O') return 0;
  int value = -1;
  for (int v = 0; v < 32; ++v) {  // no early exit: the same work for every character
    if (static_cast<std::uint8_t>(kCrockford[v]) == ch) value = v;
  }
  return value;
}

// The four 5-bit check digits of a recovery key.
std::array<std::uint8_t, 4> recovery_check(const SecureBuffer& key) {
  std::array<std::uint8_t, 32> h{};
  hash_256(h, nullptr,
           {{text_bytes(kRecoveryCheckContext), kRecoveryCheckContext.size()}, key.bytes()});
  const std::uint32_t bits =
      (std::uint32_t{h[0]} << 12) | (std::uint32_t{h[1]} << 4) | (std::uint32_t{h[2]} >> 4);
  return {static_cast<std::uint8_t>((bits >> 15) & 31),
          static_cast<std::uint8_t>((bits >> 10) & 31), static_cast<std::uint8_t>((bits >> 5) & 31),
          static_cast<std::uint8_t>(bits & 31)};
}

constexpr std::size_t kRecoveryDataDigits = 52;  // ceil(256 / 5)
constexpr std::size_t kRecoveryDigits = kRecoveryDataDigits + 4;
constexpr std::size_t kRecoveryGroups = kRecoveryDigits / 4;
constexpr std::size_t kRecoveryTextBytes = kRecoveryDigits + kRecoveryGroups - 1;

}  // namespace

// --- KeyslotFile: serialising ---------------------------------------------------------

std::vector<std::uint8_t> KeyslotFile::authenticated_bytes() const {
  Writer w;
  w.bytes(kMagic);
  w.u16(kVersion);
  w.u16(flags_);
  w.u32(next_slot_id_);
  w.u16(static_cast<std::uint16_t>(slots_.size()));
  for (const Slot& s : slots_) {
    w.u32(s.slot_id);
    w.u8(static_cast<std::uint8_t>(s.kind));
    w.text(s.user_id);
    w.u8(s.alg);
    w.u32(s.cost.opslimit);
    w.u32(s.cost.memlimit_kib);
    w.bytes(s.salt);
    w.bytes(s.nonce);
    w.bytes(s.wrapped);
  }
  return std::move(w.out());
}

std::vector<std::uint8_t> KeyslotFile::slot_context(const Slot& slot) const {
  Writer w;
  w.bytes(kMagic);
  w.u16(kVersion);
  w.u16(flags_);
  w.u32(slot.slot_id);
  w.u8(static_cast<std::uint8_t>(slot.kind));
  w.text(slot.user_id);
  return std::move(w.out());
}

std::vector<std::uint8_t> KeyslotFile::serialise() const {
  std::vector<std::uint8_t> out = authenticated_bytes();
  out.insert(out.end(), mac_.begin(), mac_.end());
  Writer a;
  a.u16(static_cast<std::uint16_t>(attempts_.size()));
  for (const Attempt& at : attempts_) {
    a.text(at.user_id);
    a.u32(at.record.failures);
    a.i64(at.record.last_failure_unix);
  }
  std::array<std::uint8_t, kChecksumBytes> sum{};
  hash_256(sum, nullptr, {a.out()});
  out.insert(out.end(), a.out().begin(), a.out().end());
  out.insert(out.end(), sum.begin(), sum.end());
  return out;
}

Status KeyslotFile::save(const std::filesystem::path& path) const {
  return write_file_atomically(path, serialise(), 0600);
}

// --- KeyslotFile: parsing --------------------------------------------------------------

Result<KeyslotFile> KeyslotFile::parse(std::span<const std::uint8_t> bytes) {
  if (bytes.size() < kMagic.size()) {
    if (std::equal(bytes.begin(), bytes.end(), kMagic.begin())) return truncated();
    return Error{"keyslots.magic", N_("This file is not a Shogo key file.")};
  }
  if (!std::equal(kMagic.begin(), kMagic.end(), bytes.begin())) {
    return Error{"keyslots.magic", N_("This file is not a Shogo key file.")};
  }
  Reader r(bytes);
  r.take(kMagic.size());
  const std::uint16_t version = r.u16();
  if (r.failed()) return truncated();
  if (version > kVersion) {
    return Error{"keyslots.version", N_("The key file was made by a newer version of Shogo.")};
  }
  if (version != kVersion) return corrupt();

  KeyslotFile f;
  f.flags_ = r.u16();
  f.next_slot_id_ = r.u32();
  const std::uint16_t count = r.u16();
  if (r.failed()) return truncated();
  if ((f.flags_ & ~kFlagDemo) != 0 || count > kMaxSlots) return corrupt();

  for (std::uint16_t i = 0; i < count; ++i) {
    Slot s;
    s.slot_id = r.u32();
    const std::uint8_t kind = r.u8();
    s.user_id = r.text();
    s.alg = r.u8();
    s.cost.opslimit = r.u32();
    s.cost.memlimit_kib = r.u32();
    r.take_into(s.salt);
    r.take_into(s.nonce);
    r.take_into(s.wrapped);
    if (r.failed()) return truncated();

    const bool ascending = f.slots_.empty() || s.slot_id > f.slots_.back().slot_id;
    if (s.slot_id == 0 || s.slot_id >= f.next_slot_id_ || !ascending) return corrupt();
    if (!valid_user_id(s.user_id) || f.has_user_id(s.user_id)) return corrupt();
    if (kind == static_cast<std::uint8_t>(SlotKind::user_passphrase)) {
      s.kind = SlotKind::user_passphrase;
      if (s.user_id == kRecoveryUserId || s.alg != kAlgArgon2id || !kdf_cost_in_bounds(s.cost)) {
        return corrupt();
      }
    } else if (kind == static_cast<std::uint8_t>(SlotKind::recovery_key)) {
      s.kind = SlotKind::recovery_key;
      if (s.user_id != kRecoveryUserId || s.alg != kAlgRecovery || s.cost.opslimit != 0 ||
          s.cost.memlimit_kib != 0) {
        return corrupt();
      }
    } else {
      return corrupt();
    }
    f.slots_.push_back(std::move(s));
  }
  const std::size_t authenticated_end = r.pos();
  r.take_into(f.mac_);
  if (r.failed()) return truncated();

  // Attempts: checksum first, so any damage in the section reads as "damaged".
  const std::size_t attempts_begin = r.pos();
  if (bytes.size() - attempts_begin < 2 + kChecksumBytes) return truncated();
  const auto section =
      bytes.subspan(attempts_begin, bytes.size() - attempts_begin - kChecksumBytes);
  std::array<std::uint8_t, kChecksumBytes> sum{};
  hash_256(sum, nullptr, {section});
  if (sodium_memcmp(sum.data(), bytes.data() + bytes.size() - kChecksumBytes, sum.size()) != 0) {
    return corrupt();
  }
  Reader a(section);
  const std::uint16_t n = a.u16();
  for (std::uint16_t i = 0; i < n && !a.failed(); ++i) {
    Attempt at;
    at.user_id = a.text();
    at.record.failures = a.u32();
    at.record.last_failure_unix = a.i64();
    if (a.failed()) break;
    const bool known = f.has_user_id(at.user_id);
    const bool repeated = std::any_of(f.attempts_.begin(), f.attempts_.end(),
                                      [&](const Attempt& o) { return o.user_id == at.user_id; });
    if (!known || repeated) return corrupt();
    f.attempts_.push_back(std::move(at));
  }
  if (a.failed() || a.pos() != section.size()) return corrupt();

  // Canonical form: what we would write is exactly what was read, so the MAC
  // checked later over authenticated_bytes() is the MAC over the file's bytes.
  const auto again = f.authenticated_bytes();
  if (!std::equal(again.begin(), again.end(), bytes.begin(),
                  bytes.begin() + static_cast<std::ptrdiff_t>(authenticated_end)) ||
      again.size() != authenticated_end) {
    return corrupt();
  }
  return f;
}

Result<KeyslotFile> KeyslotFile::load(const std::filesystem::path& path) {
  auto bytes = read_small_file(path, kMaxKeyslotsFileBytes);
  if (!bytes) return bytes.error();
  return parse(bytes.value());
}

// --- KeyslotFile: keys and MAC --------------------------------------------------------------

Result<KeyslotFile> KeyslotFile::create(const SecureBuffer& vault_key, bool demo) {
  if (vault_key.size() != kVaultKeyBytes) return wrong_key();
  KeyslotFile f;
  f.flags_ = demo ? kFlagDemo : 0;
  f.update_mac(vault_key);
  return f;
}

bool KeyslotFile::mac_matches(const SecureBuffer& vault_key) const {
  if (vault_key.size() != kVaultKeyBytes) return false;
  const SecureBuffer key = file_mac_key(vault_key);
  std::array<std::uint8_t, kMacBytes> mac{};
  hash_256(mac, &key, {authenticated_bytes()});
  return sodium_memcmp(mac.data(), mac_.data(), mac.size()) == 0;
}

void KeyslotFile::update_mac(const SecureBuffer& vault_key) {
  const SecureBuffer key = file_mac_key(vault_key);
  hash_256(mac_, &key, {authenticated_bytes()});
}

Status KeyslotFile::check_vault_key(const SecureBuffer& vault_key) const {
  if (!mac_matches(vault_key)) return wrong_key();
  return ok_status();
}

bool KeyslotFile::open_slot(const Slot& slot, const SecureBuffer& kek,
                            SecureBuffer& vault_key) const {
  const auto ad = slot_context(slot);
  SecureBuffer key(kVaultKeyBytes);
  unsigned long long len = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(key.data(), &len, nullptr, slot.wrapped.data(),
                                                 slot.wrapped.size(), ad.data(), ad.size(),
                                                 slot.nonce.data(), kek.data()) != 0 ||
      len != kVaultKeyBytes) {
    return false;
  }
  vault_key = std::move(key);
  return true;
}

void KeyslotFile::seal_for_slot(Slot& slot, const SecureBuffer& kek,
                                const SecureBuffer& vault_key) const {
  randombytes_buf(slot.nonce.data(), slot.nonce.size());
  const auto ad = slot_context(slot);
  unsigned long long len = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(slot.wrapped.data(), &len, vault_key.data(),
                                             vault_key.size(), ad.data(), ad.size(), nullptr,
                                             slot.nonce.data(), kek.data());
}

// --- KeyslotFile: reading -------------------------------------------------------------------

bool KeyslotFile::has_user_id(std::string_view user_id) const {
  return std::any_of(slots_.begin(), slots_.end(),
                     [&](const Slot& s) { return s.user_id == user_id; });
}

const KeyslotFile::Slot* KeyslotFile::find_user(std::string_view user_id) const {
  for (const Slot& s : slots_) {
    if (s.kind == SlotKind::user_passphrase && s.user_id == user_id) return &s;
  }
  return nullptr;
}

const KeyslotFile::Slot* KeyslotFile::find_recovery() const {
  for (const Slot& s : slots_) {
    if (s.kind == SlotKind::recovery_key) return &s;
  }
  return nullptr;
}

std::vector<SlotInfo> KeyslotFile::slots() const {
  std::vector<SlotInfo> out;
  out.reserve(slots_.size());
  for (const Slot& s : slots_) {
    // The slot's fields as the file writes them (authenticated_bytes()).
    crypto_generichash_state state;
    crypto_generichash_init(&state, nullptr, 0, 16);
    auto put = [&](const void* bytes, std::size_t n) {
      crypto_generichash_update(&state, static_cast<const unsigned char*>(bytes), n);
    };
    auto put_u32 = [&](std::uint32_t v) {
      const unsigned char le[4] = {
          static_cast<unsigned char>(v), static_cast<unsigned char>(v >> 8),
          static_cast<unsigned char>(v >> 16), static_cast<unsigned char>(v >> 24)};
      put(le, sizeof le);
    };
    put_u32(s.slot_id);
    const unsigned char kind = static_cast<unsigned char>(s.kind);
    put(&kind, 1);
    const unsigned char length = static_cast<unsigned char>(s.user_id.size());
    put(&length, 1);
    put(s.user_id.data(), s.user_id.size());
    put(&s.alg, 1);
    put_u32(s.cost.opslimit);
    put_u32(s.cost.memlimit_kib);
    put(s.salt.data(), s.salt.size());
    put(s.nonce.data(), s.nonce.size());
    put(s.wrapped.data(), s.wrapped.size());
    std::array<std::uint8_t, 16> digest{};
    crypto_generichash_final(&state, digest.data(), digest.size());
    std::array<char, 33> hex{};
    sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
    out.push_back({s.slot_id, s.kind, s.user_id, s.cost, std::string(hex.data())});
  }
  return out;
}

bool KeyslotFile::has_user(std::string_view user_id) const { return find_user(user_id) != nullptr; }
bool KeyslotFile::has_recovery() const { return find_recovery() != nullptr; }

// --- KeyslotFile: opening the vault ---------------------------------------------------------

Result<SecureBuffer> KeyslotFile::unlock(std::string_view user_id,
                                         const SecureBuffer& passphrase) const {
  const Slot* slot = find_user(user_id);
  if (slot == nullptr) return unknown_user();
  auto kek = derive_slot_key(passphrase, slot->salt, slot->cost);
  if (!kek) return kek.error();
  SecureBuffer vault_key;
  if (!open_slot(*slot, kek.value(), vault_key)) {
    return Error{"keyslots.wrong_passphrase", N_("The passphrase is not correct.")};
  }
  if (!mac_matches(vault_key)) return altered();
  return vault_key;
}

Result<SecureBuffer> KeyslotFile::unlock_with_recovery(const SecureBuffer& recovery_key) const {
  const Slot* slot = find_recovery();
  if (slot == nullptr) {
    return Error{"keyslots.no_slot", N_("This appliance has no recovery key.")};
  }
  SecureBuffer vault_key;
  if (recovery_key.size() != kRecoveryKeyBytes ||
      !open_slot(*slot, recovery_kek(recovery_key, slot->salt), vault_key)) {
    return Error{"keyslots.wrong_recovery_key",
                 N_("This recovery key does not open this appliance.")};
  }
  if (!mac_matches(vault_key)) return altered();
  return vault_key;
}

// --- KeyslotFile: changing slots ------------------------------------------------------------

Status KeyslotFile::add_user(const SecureBuffer& vault_key, std::string_view user_id,
                             const SecureBuffer& passphrase, KdfCost cost) {
  if (auto s = check_vault_key(vault_key); !s) return s;
  if (!valid_user_id(user_id) || user_id == kRecoveryUserId) {
    return Error{"keyslots.bad_user_id",
                 N_("The user id must be 1 to 64 bytes of text without control characters.")};
  }
  if (has_user_id(user_id)) {
    return Error{"keyslots.user_exists", N_("This user already has a passphrase.")};
  }
  if (passphrase.empty()) return empty_passphrase();
  if (slots_.size() >= kMaxSlots || next_slot_id_ == std::numeric_limits<std::uint32_t>::max()) {
    return full();
  }
  Slot slot;
  slot.slot_id = next_slot_id_;
  slot.kind = SlotKind::user_passphrase;
  slot.user_id = std::string(user_id);
  slot.alg = kAlgArgon2id;
  slot.cost = cost;
  randombytes_buf(slot.salt.data(), slot.salt.size());
  auto kek = derive_slot_key(passphrase, slot.salt, cost);
  if (!kek) return kek.error();
  seal_for_slot(slot, kek.value(), vault_key);
  slots_.push_back(std::move(slot));
  ++next_slot_id_;
  update_mac(vault_key);
  return ok_status();
}

Status KeyslotFile::set_recovery(const SecureBuffer& vault_key, const SecureBuffer& recovery_key) {
  if (auto s = check_vault_key(vault_key); !s) return s;
  if (recovery_key.size() != kRecoveryKeyBytes) {
    return Error{"keyslots.recovery_format",
                 N_("The recovery key must have 56 letters and digits.")};
  }
  const bool replacing = has_recovery();
  if ((!replacing && slots_.size() >= kMaxSlots) ||
      next_slot_id_ == std::numeric_limits<std::uint32_t>::max()) {
    return full();
  }
  Slot slot;
  slot.slot_id = next_slot_id_;
  slot.kind = SlotKind::recovery_key;
  slot.user_id = std::string(kRecoveryUserId);
  slot.alg = kAlgRecovery;
  randombytes_buf(slot.salt.data(), slot.salt.size());
  seal_for_slot(slot, recovery_kek(recovery_key, slot.salt), vault_key);
  std::erase_if(slots_, [](const Slot& s) { return s.kind == SlotKind::recovery_key; });
  std::erase_if(attempts_, [](const Attempt& a) { return a.user_id == kRecoveryUserId; });
  slots_.push_back(std::move(slot));
  ++next_slot_id_;
  update_mac(vault_key);
  return ok_status();
}

Status KeyslotFile::remove_user(const SecureBuffer& vault_key, std::string_view user_id) {
  if (auto s = check_vault_key(vault_key); !s) return s;
  if (find_user(user_id) == nullptr) return unknown_user();
  const auto users = std::count_if(slots_.begin(), slots_.end(), [](const Slot& s) {
    return s.kind == SlotKind::user_passphrase;
  });
  if (users <= 1) {
    return Error{"keyslots.last_user", N_("The last user with a passphrase cannot be removed.")};
  }
  std::erase_if(slots_, [&](const Slot& s) {
    return s.kind == SlotKind::user_passphrase && s.user_id == user_id;
  });
  std::erase_if(attempts_, [&](const Attempt& a) { return a.user_id == user_id; });
  update_mac(vault_key);
  return ok_status();
}

Status KeyslotFile::change_passphrase(const SecureBuffer& vault_key, std::string_view user_id,
                                      const SecureBuffer& new_passphrase, KdfCost cost) {
  if (auto s = check_vault_key(vault_key); !s) return s;
  const Slot* found = find_user(user_id);
  if (found == nullptr) return unknown_user();
  if (new_passphrase.empty()) return empty_passphrase();
  Slot slot = *found;
  slot.cost = cost;
  randombytes_buf(slot.salt.data(), slot.salt.size());
  auto kek = derive_slot_key(new_passphrase, slot.salt, cost);
  if (!kek) return kek.error();
  seal_for_slot(slot, kek.value(), vault_key);
  *std::find_if(slots_.begin(), slots_.end(),
                [&](const Slot& s) { return s.slot_id == slot.slot_id; }) = std::move(slot);
  update_mac(vault_key);
  return ok_status();
}

// --- KeyslotFile: sign-in attempts ----------------------------------------------------------

AttemptRecord KeyslotFile::attempts(std::string_view user_id) const {
  for (const Attempt& a : attempts_) {
    if (a.user_id == user_id) return a.record;
  }
  return {};
}

void KeyslotFile::record_failure(std::string_view user_id, std::int64_t now_unix) {
  if (!has_user_id(user_id)) return;
  auto it = std::find_if(attempts_.begin(), attempts_.end(),
                         [&](const Attempt& a) { return a.user_id == user_id; });
  if (it == attempts_.end()) {
    attempts_.push_back({std::string(user_id), {}});
    it = attempts_.end() - 1;
  }
  if (it->record.failures < std::numeric_limits<std::uint32_t>::max()) ++it->record.failures;
  it->record.last_failure_unix = now_unix;
}

void KeyslotFile::record_success(std::string_view user_id) {
  std::erase_if(attempts_, [&](const Attempt& a) { return a.user_id == user_id; });
}

// --- keys and the recovery key on paper ----------------------------------------------------

SecureBuffer new_vault_key() { return SecureBuffer::random(kVaultKeyBytes); }
SecureBuffer new_recovery_key() { return SecureBuffer::random(kRecoveryKeyBytes); }

SecureBuffer format_recovery_key(const SecureBuffer& recovery_key) {
  assert(recovery_key.size() == kRecoveryKeyBytes && "format_recovery_key() needs a 32-byte key");
  SecureBuffer digits(kRecoveryDigits);  // 5-bit values
  std::uint32_t acc = 0;
  unsigned bits = 0;
  std::size_t d = 0;
  for (std::uint8_t byte : recovery_key.bytes()) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5 && d < kRecoveryDataDigits) {
      bits -= 5;
      digits.data()[d++] = static_cast<std::uint8_t>((acc >> bits) & 31);
    }
    acc &= (1u << bits) - 1;
  }
  if (d < kRecoveryDataDigits)
    digits.data()[d++] = static_cast<std::uint8_t>((acc << (5 - bits)) & 31);
  const auto check = recovery_check(recovery_key);
  std::copy(check.begin(), check.end(), digits.data() + kRecoveryDataDigits);
  sodium_memzero(&acc, sizeof acc);

  SecureBuffer text(kRecoveryTextBytes);
  std::size_t t = 0;
  for (std::size_t i = 0; i < kRecoveryDigits; ++i) {
    if (i > 0 && i % 4 == 0) text.data()[t++] = '-';
    text.data()[t++] = static_cast<std::uint8_t>(kCrockford[digits.data()[i]]);
  }
  return text;
}

Result<SecureBuffer> parse_recovery_key(const SecureBuffer& text) {
  const Error bad_format{"keyslots.recovery_format",
                         N_("The recovery key must have 56 letters and digits.")};
  SecureBuffer digits(kRecoveryDigits);
  std::size_t n = 0;
  for (std::uint8_t ch : text.bytes()) {
    if (ch == ' ' || ch == '-' || ch == '\t' || ch == '\n' || ch == '\r') continue;
    const int v = crockford_value(ch);
    if (v < 0 || n == kRecoveryDigits) return bad_format;
    digits.data()[n++] = static_cast<std::uint8_t>(v);
  }
  if (n != kRecoveryDigits) return bad_format;

  SecureBuffer key(kRecoveryKeyBytes);
  std::uint32_t acc = 0;
  unsigned bits = 0;
  std::size_t k = 0;
  for (std::size_t i = 0; i < kRecoveryDataDigits; ++i) {
    acc = (acc << 5) | digits.data()[i];
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      key.data()[k++] = static_cast<std::uint8_t>(acc >> bits);
      acc &= (1u << bits) - 1;
    }
  }
  const bool padding_clear = acc == 0;  // the 4 unused bits of the last data digit
  sodium_memzero(&acc, sizeof acc);
  const auto check = recovery_check(key);
  if (!padding_clear ||
      sodium_memcmp(check.data(), digits.data() + kRecoveryDataDigits, check.size()) != 0) {
    return Error{"keyslots.recovery_typo",
                 N_("The recovery key has a typing mistake. Check each group against the paper.")};
  }
  return key;
}

// --- sign-in delay ------------------------------------------------------------------------

double sign_in_delay_seconds(std::uint32_t failures) {
  constexpr std::uint32_t kFree = 3;  // tries without delay
  constexpr double kCap = 300.0;      // five minutes
  if (failures <= kFree) return 0.0;
  const std::uint32_t doublings = failures - kFree;
  if (doublings >= 9) return kCap;  // 2^9 = 512 > 300
  return std::min(std::ldexp(1.0, static_cast<int>(doublings)), kCap);
}

double seconds_until_next_try(const AttemptRecord& record, std::int64_t now_unix) {
  const double delay = sign_in_delay_seconds(record.failures);
  if (now_unix < record.last_failure_unix) return delay;
  // In double: both values may come from the unauthenticated attempts section.
  const double elapsed =
      static_cast<double>(now_unix) - static_cast<double>(record.last_failure_unix);
  return std::max(0.0, delay - elapsed);
}

}  // namespace shogo::crypto
