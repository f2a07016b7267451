#pragma once
// SecureBuffer — the only place a secret (key, passphrase) may live.
//
// Memory comes from libsodium's guarded allocator: locked (never swapped),
// surrounded by guard pages, wiped on free. Not copyable; movable. Compare
// two buffers with equals(), which runs in constant time.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace shogo::crypto {

class SecureBuffer {
 public:
  SecureBuffer() = default;
  explicit SecureBuffer(std::size_t size);  // zero-filled; aborts if out of memory
  ~SecureBuffer();
  SecureBuffer(const SecureBuffer&) = delete;
  SecureBuffer& operator=(const SecureBuffer&) = delete;
  SecureBuffer(SecureBuffer&& other) noexcept;
  SecureBuffer& operator=(SecureBuffer&& other) noexcept;

  static SecureBuffer random(std::size_t size);  // CSPRNG-filled

  std::uint8_t* data() { return data_; }
  const std::uint8_t* data() const { return data_; }
  std::size_t size() const { return size_; }
  std::span<std::uint8_t> bytes() { return {data_, size_}; }
  std::span<const std::uint8_t> bytes() const { return {data_, size_}; }
  bool empty() const { return size_ == 0; }

  bool equals(const SecureBuffer& other) const;  // constant time for equal sizes
  void wipe();                                   // zero the contents now

 private:
  std::uint8_t* data_ = nullptr;
  std::size_t size_ = 0;
};

// Zeroes the stack below the caller (kStackWipeBytes): what the functions it
// called left there — a short name held inline by a std::string, a cell
// being parsed — goes. At every lock, and at the end of every worker thread
// (a finished thread's stack stays mapped in glibc's cache).
inline constexpr std::size_t kStackWipeBytes = 256 * 1024;
void wipe_stack();

// Zeroes all of `text`'s buffer (its capacity, not only its size), then
// empties it: for text that held a resident's data, never for a secret
// (secrets are SecureBuffer only).
void wipe_text(std::string& text);
// Zeroes `size` bytes that held a resident's data (a form's fixed field).
void wipe_bytes(void* data, std::size_t size);

}  // namespace shogo::crypto
