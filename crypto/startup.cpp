#include "crypto/startup.hpp"

#include <sodium.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include <array>
#include <cstring>

#include "crypto/audit_chain.hpp"
#include "crypto/kdf.hpp"

namespace shogo::crypto {

Status harden_process() {
  const rlimit no_core{0, 0};
  if (setrlimit(RLIMIT_CORE, &no_core) != 0) {
    return Error{"process.core", N_("Core dumps could not be turned off.")};
  }
  if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) {
    return Error{"process.dumpable", N_("The process could not be made non-dumpable.")};
  }
  return ok_status();
}

namespace {

// RFC 7693, Appendix A: BLAKE2b-512("abc").
constexpr std::array<unsigned char, 64> kBlake2bAbc = {
    0xBA, 0x80, 0xA5, 0x3F, 0x98, 0x1C, 0x4D, 0x0D, 0x6A, 0x27, 0x97, 0xB6, 0x9F, 0x12, 0xF6, 0xE9,
    0x4C, 0x21, 0x2F, 0x14, 0x68, 0x5A, 0xC4, 0xB7, 0x4B, 0x12, 0xBB, 0x6F, 0xDB, 0xFF, 0xA2, 0xD1,
    0x7D, 0x87, 0xC5, 0x39, 0x2A, 0xAB, 0x79, 0x2D, 0xC2, 0x52, 0xD5, 0xDE, 0x45, 0x33, 0xCC, 0x95,
    0x18, 0xD3, 0x8A, 0xA8, 0xDB, 0xF1, 0x92, 0x5A, 0xB9, 0x23, 0x86, 0xED, 0xD4, 0x00, 0x99, 0x23};

Status blake2b_kat() {
  std::array<unsigned char, 64> out{};
  const unsigned char msg[] = {'a', 'b', 'c'};
  crypto_generichash(out.data(), out.size(), msg, sizeof msg, nullptr, 0);
  if (std::memcmp(out.data(), kBlake2bAbc.data(), out.size()) != 0) {
    return Error{"selftest.blake2b", N_("Self-test of the hash function (BLAKE2b) failed.")};
  }
  return ok_status();
}

// Round trip of the slot cipher (XChaCha20-Poly1305) with a fixed key and nonce:
// decrypts what it encrypted and rejects a flipped tag bit.
Status aead_kat() {
  std::array<unsigned char, crypto_aead_xchacha20poly1305_ietf_KEYBYTES> key{};
  std::array<unsigned char, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES> nonce{};
  for (std::size_t i = 0; i < key.size(); ++i) key[i] = static_cast<unsigned char>(0x80 + i);
  for (std::size_t i = 0; i < nonce.size(); ++i) nonce[i] = static_cast<unsigned char>(0x40 + i);
  const unsigned char plain[] = "shogo self-test";
  std::array<unsigned char, sizeof plain + crypto_aead_xchacha20poly1305_ietf_ABYTES> sealed{};
  unsigned long long sealed_len = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(sealed.data(), &sealed_len, plain, sizeof plain,
                                             nullptr, 0, nullptr, nonce.data(), key.data());
  std::array<unsigned char, sizeof plain> opened{};
  unsigned long long opened_len = 0;
  const bool opens = crypto_aead_xchacha20poly1305_ietf_decrypt(opened.data(), &opened_len, nullptr,
                                                                sealed.data(), sealed_len, nullptr,
                                                                0, nonce.data(), key.data()) == 0 &&
                     opened_len == sizeof plain &&
                     std::memcmp(opened.data(), plain, sizeof plain) == 0;
  sealed[sealed_len - 1] ^= 0x01;
  const bool rejects = crypto_aead_xchacha20poly1305_ietf_decrypt(
                           opened.data(), &opened_len, nullptr, sealed.data(), sealed_len, nullptr,
                           0, nonce.data(), key.data()) != 0;
  if (!opens || !rejects) {
    return Error{"selftest.aead", N_("Self-test of the encryption (XChaCha20-Poly1305) failed.")};
  }
  return ok_status();
}

}  // namespace

Status run_self_tests() {
  if (auto s = blake2b_kat(); !s) return s;
  if (auto s = aead_kat(); !s) return s;
  if (auto s = kdf_self_test(); !s) return s;           // Argon2id, cross-checked vector
  if (auto s = audit::audit_self_test(); !s) return s;  // the audit chain's worked example
  return ok_status();
}

Status initialise() {
  if (sodium_init() < 0) {
    return Error{"sodium.init", N_("The cryptography library could not be started.")};
  }
  return run_self_tests();
}

}  // namespace shogo::crypto
