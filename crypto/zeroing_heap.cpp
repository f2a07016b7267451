#include "crypto/zeroing_heap.hpp"

#include <sodium.h>

#include <cstdlib>
#include <cstring>

namespace shogo::crypto {

namespace {
constexpr std::size_t kHeader = 16;  // keeps the user block 16-byte aligned
}

void* zeroing_alloc(std::size_t size) {
  auto* base = static_cast<unsigned char*>(std::malloc(size + kHeader));
  if (base == nullptr) return nullptr;
  std::memcpy(base, &size, sizeof size);
  return base + kHeader;
}

void zeroing_free(void* block) {
  if (block == nullptr) return;
  unsigned char* base = static_cast<unsigned char*>(block) - kHeader;
  std::size_t size = 0;
  std::memcpy(&size, base, sizeof size);
  sodium_memzero(base, size + kHeader);
  std::free(base);
}

}  // namespace shogo::crypto
