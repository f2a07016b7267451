#include "crypto/secure_buffer.hpp"

#include <sodium.h>

#include <cstdio>
#include <cstdlib>
#include <utility>

namespace shogo::crypto {

SecureBuffer::SecureBuffer(std::size_t size) : size_(size) {
  if (size == 0) return;
  data_ = static_cast<std::uint8_t*>(sodium_malloc(size));
  if (data_ == nullptr) {
    std::fputs("SecureBuffer: sodium_malloc failed (was crypto::initialise() called?)\n", stderr);
    std::abort();
  }
  sodium_memzero(data_, size);
}

SecureBuffer::~SecureBuffer() {
  if (data_ != nullptr) sodium_free(data_);  // wipes before unmapping
}

SecureBuffer::SecureBuffer(SecureBuffer&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}

SecureBuffer& SecureBuffer::operator=(SecureBuffer&& other) noexcept {
  if (this != &other) {
    if (data_ != nullptr) sodium_free(data_);
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

SecureBuffer SecureBuffer::random(std::size_t size) {
  SecureBuffer b(size);
  if (size > 0) randombytes_buf(b.data_, size);
  return b;
}

bool SecureBuffer::equals(const SecureBuffer& other) const {
  if (size_ != other.size_) return false;
  if (size_ == 0) return true;
  return sodium_memcmp(data_, other.data_, size_) == 0;
}

void SecureBuffer::wipe() {
  if (data_ != nullptr) sodium_memzero(data_, size_);
}

void wipe_bytes(void* data, std::size_t size) { sodium_memzero(data, size); }

void wipe_text(std::string& text) {
  sodium_memzero(text.data(), text.capacity());
  text.clear();
}

[[gnu::noinline]] void wipe_stack() {
  // volatile and noinline: the compiler may neither drop the zeroing nor
  // fold this frame into the caller's.
  volatile unsigned char area[kStackWipeBytes];
  sodium_memzero(const_cast<unsigned char*>(area), sizeof area);
  __asm__ __volatile__("" : : "r"(area) : "memory");
}

}  // namespace shogo::crypto
