#pragma once
// The passphrase KDF — turns a user's passphrase into the key that opens their
// slot of the keyslots file (docs/keyslots.md). Argon2id v1.3 through
// libsodium's crypto_pwhash, with the algorithm named explicitly so that a
// change of libsodium's default can never change a stored slot's meaning.
//
//   KdfCost             opslimit (passes) and memory (KiB) of one derivation
//   derive_slot_key()   Argon2id(passphrase, 16-byte salt, cost) -> 32-byte key
//   calibrate_kdf()     choose a cost for this machine: memory fixed, passes grow
//   kdf_self_test()     known-answer test, cross-checked with the reference argon2
//
// Bounds. derive_slot_key() accepts any cost within kKdfMin*/kKdfMax* (so tests
// and the tamper matrix can use 8 MiB). The floor for real slots,
// kMinMemlimitKib (256 MiB, docs/keyslots.md), is applied by calibrate_kdf()
// and must be applied by whoever creates a slot for a real (non-demo) vault.

#include <cstdint>
#include <span>

#include "crypto/secure_buffer.hpp"
#include "storage/base/result.hpp"

namespace shogo::crypto {

// KdfCost — the work factor stored beside each passphrase slot.
struct KdfCost {
  std::uint32_t opslimit = 0;      // Argon2 passes (t)
  std::uint32_t memlimit_kib = 0;  // Argon2 memory (m), in KiB; parallelism is always 1
};

inline constexpr std::uint32_t kMinMemlimitKib = 256 * 1024;  // real slots: at least 256 MiB

// What derive_slot_key() accepts: 1..64 passes, 8 MiB..4 GiB.
inline constexpr std::uint32_t kKdfMinOpslimit = 1;
inline constexpr std::uint32_t kKdfMaxOpslimit = 64;
inline constexpr std::uint32_t kKdfMinMemlimitKib = 8 * 1024;
inline constexpr std::uint32_t kKdfMaxMemlimitKib = 4 * 1024 * 1024;

inline constexpr std::size_t kSlotKeyBytes = 32;  // output of derive_slot_key()
inline constexpr std::size_t kKdfSaltBytes = 16;

bool kdf_cost_in_bounds(KdfCost cost);  // within the derive_slot_key() bounds above

// Argon2id13(passphrase, salt, cost), 32 bytes, in guarded memory. Errors:
// kdf.cost (cost out of bounds), kdf.memory (the machine could not provide the
// memory). The passphrase is the UTF-8 bytes as typed; it may be empty.
[[nodiscard]] Result<SecureBuffer> derive_slot_key(
    const SecureBuffer& passphrase, std::span<const std::uint8_t, kKdfSaltBytes> salt,
    KdfCost cost);

// Wall-clock seconds of one derivation at this cost (a dummy passphrase, a
// random salt). Fails as derive_slot_key() does.
[[nodiscard]] Result<double> measure_kdf_seconds(KdfCost cost);

// A cost for this machine. Memory is fixed at max(memlimit_kib, kMinMemlimitKib)
// and only the passes grow. Derivations at 1 and 3 passes are timed (about
// 0.7 s at 256 MiB here); time(t) = fixed + t * per_pass is fitted, and
// opslimit = round((target_seconds - fixed) / per_pass), at least 1 and at most
// kKdfMaxOpslimit. On a machine too slow for the target even at one pass the
// result is one pass and takes longer than the target: the memory floor wins.
[[nodiscard]] Result<KdfCost> calibrate_kdf(double target_seconds = 0.7,  // 0.5–1 s
                                            std::uint32_t memlimit_kib = kMinMemlimitKib);

// Known-answer test of derive_slot_key() (opslimit 2, 8 MiB, fixed passphrase
// and salt); proves the algorithm is Argon2id v1.3 and not Argon2i. Meant for
// run_self_tests() at start-up. Error: selftest.argon2id.
[[nodiscard]] Status kdf_self_test();

}  // namespace shogo::crypto
